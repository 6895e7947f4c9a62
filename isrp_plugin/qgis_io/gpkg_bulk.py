"""Bulk rows into a GeoPackage point table that QGIS has just created.

Writing 20,000 result points through ``QgsFeature`` and OGR costs about a second: one feature
object, one attribute conversion and one OGR feature per row, and GDAL then builds the R-tree.
Here Processing still creates the output (file, table, fields, CRS and R-tree, through its
usual sink, so names and types are exactly what QGIS makes), and the rows then go in through
SQLite in one transaction:

* geometries become GeoPackage point blobs built in numpy (the encoding GDAL writes for a 2-D
  point: header without envelope, then little-endian WKB);
* the table's triggers call GDAL's SQL functions (``ST_MinX`` …), which a plain SQLite
  connection lacks, so they are dropped for the insert and restored from their own SQL in the
  same transaction; the R-tree is filled from the coordinates instead, the feature count and
  the extent in ``gpkg_contents`` are set as GDAL would.

Only plain columns (integers, reals, booleans, text) and an empty 2-D POINT table qualify; any
doubt returns None and the caller writes feature by feature. A failure inside the transaction
rolls it back, leaving the table empty for that fallback.
"""

from __future__ import annotations

import os
import re
import sqlite3
from datetime import datetime, timezone
from itertools import chain
from typing import List, Optional, Sequence, Tuple

import numpy as np

#: declared column types whose values pass through SQLite unchanged (GDAL's names for them)
PLAIN_TYPES = frozenset({"INTEGER", "INT", "MEDIUMINT", "SMALLINT", "TINYINT", "BOOLEAN", "REAL", "FLOAT",
                         "DOUBLE", "TEXT"})

_POINT_BLOB = np.dtype([("magic", "S2"), ("version", "u1"), ("flags", "u1"), ("srs_id", "<i4"),
                        ("order", "u1"), ("wkb_type", "<u4"), ("x", "<f8"), ("y", "<f8")])


def point_blobs(xy: np.ndarray, srs_id: int) -> list:
    """GeoPackage geometry blobs of 2-D points, an empty point where a coordinate is not finite.

    Header ``GP``, version 0, flags 1 (little-endian, no envelope), the srs id, then the WKB
    point (byte order 1, type 1, x, y): 29 bytes, as GDAL encodes a point. A feature without a
    geometry is what QGIS's writer stores as an empty point (flags 0x11, x and y NaN), so that
    is what goes in for it.
    """
    xy = np.asarray(xy, dtype=np.float64).reshape(-1, 2)
    empty = ~np.all(np.isfinite(xy), axis=1)
    rec = np.zeros(len(xy), dtype=_POINT_BLOB)
    rec["magic"] = b"GP"
    rec["flags"] = np.where(empty, 0x11, 0x01)
    rec["srs_id"] = srs_id
    rec["order"] = 1
    rec["wkb_type"] = 1
    rec["x"] = np.where(empty, np.nan, xy[:, 0])
    rec["y"] = np.where(empty, np.nan, xy[:, 1])
    return rec.view(f"V{_POINT_BLOB.itemsize}").tolist()


#: SQLite's R-tree rounds a coordinate that float32 cannot hold outwards by scaling it with these
#: factors (``RNDTOWARDS`` / ``RNDAWAY`` in its rtree.c), so that the box always contains the value
_RND_TOWARDS = 1.0 - 1.0 / 8388608.0
_RND_AWAY = 1.0 + 1.0 / 8388608.0


def _f32_down(v: np.ndarray) -> np.ndarray:
    """float32 lower bounds as SQLite's R-tree stores them (``rtreeValueDown``)."""
    f = v.astype(np.float32)
    low = f.astype(np.float64) > v
    f[low] = (v[low] * np.where(v[low] < 0, _RND_AWAY, _RND_TOWARDS)).astype(np.float32)
    return f


def _f32_up(v: np.ndarray) -> np.ndarray:
    """float32 upper bounds as SQLite's R-tree stores them (``rtreeValueUp``)."""
    f = v.astype(np.float32)
    high = f.astype(np.float64) < v
    f[high] = (v[high] * np.where(v[high] < 0, _RND_TOWARDS, _RND_AWAY)).astype(np.float32)
    return f


_RTREE_CELL = np.dtype([("id", ">i8"), ("minx", ">f4"), ("maxx", ">f4"), ("miny", ">f4"), ("maxy", ">f4")])


def _str_order(box: np.ndarray, per_node: int) -> np.ndarray:
    """Sort-tile-recursive order of boxes (n, 4: minx, maxx, miny, maxy): vertical slabs, then by y."""
    n = len(box)
    slabs = int(np.ceil(np.sqrt(np.ceil(n / per_node))))
    cx = box[:, 0].astype(np.float64) + box[:, 1]
    cy = box[:, 2].astype(np.float64) + box[:, 3]
    slab = np.empty(n, dtype=np.int64)
    slab[np.argsort(cx, kind="stable")] = np.arange(n) // (slabs * per_node)
    return np.lexsort((cy, slab))


def rtree_tables(fids: np.ndarray, xy: np.ndarray, node_size: int):
    """The shadow-table rows of a packed SQLite R-tree (2-D, 32-bit) holding one point per id.

    SQLite's R-tree module keeps its nodes in ``<name>_node`` (nodeno, data), the leaf of every
    id in ``<name>_rowid`` and every non-root node's parent in ``<name>_parent``. A node blob
    is ``node_size`` bytes: the tree depth (2 bytes, root only) and the cell count (2 bytes),
    then cells of an 8-byte id and minx, maxx, miny, maxy as 4-byte floats, all big-endian;
    coordinates are rounded outwards to float32 exactly as SQLite does. Nodes are filled in
    sort-tile-recursive order; the root is node 1.

    Returns ``(nodes, rowids, parents)`` as lists of tuples for those three tables.
    """
    per_node = (node_size - 4) // _RTREE_CELL.itemsize
    if per_node < 2:
        raise ValueError("R-tree node size too small")
    x = np.asarray(xy[:, 0], dtype=np.float64)
    y = np.asarray(xy[:, 1], dtype=np.float64)
    ids = np.asarray(fids, dtype=np.int64)
    lo_x, hi_x, lo_y, hi_y = _f32_down(x), _f32_up(x), _f32_down(y), _f32_up(y)
    box = np.column_stack([lo_x, hi_x, lo_y, hi_y])
    levels = []  # bottom-up: (item ids in node order (leaf: feature ids, else child positions), boxes, nodes)
    while True:
        order = _str_order(box, per_node)
        ids, box = ids[order], box[order]
        n_nodes = -(-len(ids) // per_node)
        levels.append((ids, box, n_nodes))
        if n_nodes == 1:
            break
        starts = np.arange(n_nodes) * per_node
        box = np.column_stack([np.minimum.reduceat(box[:, 0], starts), np.maximum.reduceat(box[:, 1], starts),
                               np.minimum.reduceat(box[:, 2], starts), np.maximum.reduceat(box[:, 3], starts)])
        ids = np.arange(n_nodes, dtype=np.int64)  # positions of this level's nodes
    depth = len(levels) - 1
    first = {}  # level index → node number of its first node (root level first, numbered from 1)
    number = 1
    for lev in range(depth, -1, -1):
        first[lev] = number
        number += levels[lev][2]
    nodes, rowids, parents = [], [], []
    for lev, (ids, box, n_nodes) in enumerate(levels):
        cell_ids = ids if lev == 0 else ids + first[lev - 1]
        cells = np.zeros(n_nodes * per_node, dtype=_RTREE_CELL)
        cells["id"][: len(ids)] = cell_ids
        for j, name in enumerate(("minx", "maxx", "miny", "maxy")):
            cells[name][: len(ids)] = box[:, j]
        blob = np.zeros((n_nodes, node_size), dtype=np.uint8)
        blob[:, 4: 4 + per_node * _RTREE_CELL.itemsize] = cells.view(np.uint8).reshape(n_nodes, -1)
        count = np.full(n_nodes, per_node, dtype=">u2")
        count[-1] = len(ids) - per_node * (n_nodes - 1)
        blob[:, 2:4] = count.view(np.uint8).reshape(n_nodes, 2)
        if lev == depth:
            blob[0, 0:2] = np.array([depth], dtype=">u2").view(np.uint8)
        node_no = first[lev] + np.arange(n_nodes)
        nodes += list(zip(node_no.tolist(), blob.view(f"V{node_size}").ravel().tolist()))
        holder = first[lev] + np.arange(len(ids)) // per_node  # the node each cell sits in
        if lev == 0:
            by_id = np.argsort(ids, kind="stable")  # appending in key order is the cheap way into a B-tree
            rowids = list(zip(ids[by_id].tolist(), holder[by_id].tolist()))
        else:
            parents += list(zip(cell_ids.tolist(), holder.tolist()))
    return nodes, rowids, parents


def close_sink(sink) -> None:
    """Close a sink from ``parameterAsSink`` now (Python owns it), so its file is complete on disk."""
    from qgis.PyQt import sip

    finalize = getattr(sink, "finalize", None)  # QGIS versions whose sinks buffer until finalised
    if callable(finalize):
        finalize()
    if not sip.isdeleted(sink):
        sip.delete(sink)


def _gpkg_parts(dest: str) -> Optional[dict]:
    from qgis.core import QgsProviderRegistry

    try:
        parts = QgsProviderRegistry.instance().decodeUri("ogr", dest)
    except Exception:  # noqa: BLE001
        return None
    if os.path.splitext(parts.get("path") or "")[1].lower() != ".gpkg":
        return None
    if parts.get("subset") or parts.get("layerId") not in (None, ""):
        return None
    return parts


def is_gpkg_destination(dest: str) -> bool:
    """Whether a Processing destination id names a table of a GeoPackage file (without opening it)."""
    return isinstance(dest, str) and _gpkg_parts(dest) is not None


def table_of(dest: str) -> Optional[Tuple[str, str]]:
    """(path, table) of a Processing destination that is a GeoPackage feature table, or None.

    Call after the sink is closed: GDAL writes the table definition when it closes the file.
    """
    parts = _gpkg_parts(dest)
    path = (parts or {}).get("path") or ""
    if not path or not os.path.isfile(path):
        return None
    table = parts.get("layerName") or ""
    if not table:
        try:
            con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=10)
            try:
                rows = con.execute("SELECT table_name FROM gpkg_contents WHERE data_type = 'features'").fetchall()
            finally:
                con.close()
        except sqlite3.Error:
            return None
        if len(rows) != 1:
            return None
        table = rows[0][0]
    return path, table


def _insert_rows(con, table: str, columns: Sequence[str], rows: Sequence[tuple]) -> None:
    """INSERT ``rows`` (tuples in ``columns`` order) with up to 200 rows per statement.

    A statement per row costs about 2.5 µs in Python's sqlite3 besides the values; multi-row
    VALUES lists halve the time for 20,000 rows. The group size stays under SQLite's limits on
    bound variables and on compound rows (500).
    """
    if not rows:
        return
    head = f"INSERT INTO {sql_ident(table)} ({', '.join(sql_ident(c) for c in columns)}) VALUES "  # nosec B608
    one = "(" + ", ".join("?" * len(columns)) + ")"
    limit = con.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER) if hasattr(con, "getlimit") else 999
    per = max(1, min(200, limit // max(len(columns), 1)))
    full = len(rows) // per * per
    if full and per > 1:
        flat = chain.from_iterable
        con.executemany(head + ", ".join([one] * per),
                        (tuple(flat(rows[i:i + per])) for i in range(0, full, per)))
    else:
        full = 0
    con.executemany(head + one, rows[full:])


def sql_ident(name: str) -> str:
    """An SQL identifier in double quotes (embedded quotes doubled): table and column names."""
    return '"' + name.replace('"', '""') + '"'


def _base_type(declared: str) -> str:
    return re.sub(r"\s*\(.*\)\s*$", "", declared or "").strip().upper()


class PointTable:
    """An empty GeoPackage 2-D point table ready for :meth:`insert` (see the module docstring)."""

    def __init__(self, path: str, table: str, pk: str, geom: str, srs_id: int, columns: List[str],
                 fid_from_field: bool, rtree: Optional[str]):
        self.path = path
        self.table = table
        self.pk = pk
        self.geom = geom
        self.srs_id = srs_id
        self.columns = columns
        self.fid_from_field = fid_from_field
        self.rtree = rtree

    @classmethod
    def open(cls, path: str, table: str, field_names: Sequence[str]) -> Optional[PointTable]:
        """The table if it is empty, 2-D POINT and its columns are ``field_names`` of plain types; else None.

        A first field named like the table's primary key (a GeoPackage source's ``fid``) is that key,
        as QGIS's writer makes it.
        """
        try:
            con = sqlite3.connect(path, timeout=30)
        except sqlite3.Error:
            return None
        try:
            geo = con.execute("SELECT column_name, geometry_type_name, srs_id, z, m FROM gpkg_geometry_columns "
                              "WHERE lower(table_name) = lower(?)", (table,)).fetchall()
            if len(geo) != 1 or str(geo[0][1]).upper() != "POINT" or geo[0][3] != 0 or geo[0][4] != 0:
                return None
            geom, srs_id = geo[0][0], int(geo[0][2])
            info = con.execute(f"PRAGMA table_info({sql_ident(table)})").fetchall()  # nosec B608
            pk = [r[1] for r in info if r[5] == 1]
            if len(pk) != 1 or _base_type(next(r[2] for r in info if r[1] == pk[0])) != "INTEGER":
                return None
            pk = pk[0]
            rest = [r for r in info if r[1] not in (pk, geom)]
            if any(_base_type(r[2]) not in PLAIN_TYPES for r in rest):
                return None
            names = list(field_names)
            fid_from_field = bool(names) and names[0].lower() == pk.lower()
            if fid_from_field:
                names = names[1:]
            if [r[1].lower() for r in rest] != [n.lower() for n in names]:
                return None
            if con.execute(f"SELECT EXISTS (SELECT 1 FROM {sql_ident(table)})").fetchone()[0]:  # nosec B608
                return None
            rtree = None
            try:
                has = con.execute("SELECT 1 FROM gpkg_extensions WHERE lower(table_name) = lower(?) AND "
                                  "lower(column_name) = lower(?) AND extension_name = 'gpkg_rtree_index'",
                                  (table, geom)).fetchone()
            except sqlite3.Error:
                has = None
            if has:
                rtree = f"rtree_{table}_{geom}"
                if con.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (rtree,)).fetchone() is None:
                    return None
            return cls(path, table, pk, geom, srs_id, [r[1] for r in rest], fid_from_field, rtree)
        except sqlite3.Error:
            return None
        finally:
            con.close()

    def insert(self, xy: np.ndarray, columns: Sequence[Sequence], check=None) -> int:
        """Write one row per point: ``xy`` (n, 2; NaN → empty point) and one value list per field.

        ``columns`` follow the field names given to :meth:`open` (the key field first when it
        was one; its values must then be distinct integers). Values: int, float, bool, str or
        None; a NaN is written as NULL, as QGIS writes a NaN double. ``check()`` is called
        between batches (it may raise to cancel; the transaction is then rolled back). Returns
        the number of rows written. Raises ValueError for unusable key values and sqlite3.Error
        when SQLite refuses; in both cases nothing was written.
        """
        xy = np.asarray(xy, dtype=np.float64).reshape(-1, 2)
        n = len(xy)
        cols = list(columns)
        if any(len(c) != n for c in cols):
            raise ValueError("every column needs one value per point")
        if self.fid_from_field:
            key = cols.pop(0)
            arr = np.asarray(key) if n else np.zeros(0, dtype=np.int64)
            if arr.dtype.kind not in "iu":  # NULLs, text, reals or booleans (numpy makes those kind "b")
                raise ValueError("the key field needs distinct integer values")
            fids = arr.astype(np.int64)
            if len(np.unique(fids)) != n:
                raise ValueError("the key field needs distinct integer values")
        else:
            fids = np.arange(1, n + 1, dtype=np.int64)
        if len(cols) != len(self.columns):
            raise ValueError("one value list per column")
        finite = np.all(np.isfinite(xy), axis=1)
        rows = list(zip(fids.tolist(), point_blobs(xy, self.srs_id), *cols))
        con = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        try:
            con.execute("BEGIN IMMEDIATE")
            try:
                triggers = con.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND "
                                       "lower(tbl_name) = lower(?)", (self.table,)).fetchall()
                for name, _ in triggers:
                    con.execute(f"DROP TRIGGER {sql_ident(name)}")  # nosec B608
                step = 5000
                for start in range(0, n, step):
                    if check is not None:
                        check()
                    _insert_rows(con, self.table, [self.pk, self.geom] + self.columns, rows[start:start + step])
                if self.rtree and finite.any():
                    self._fill_rtree(con, fids[finite], xy[finite])
                if finite.any():
                    lo, hi = xy[finite].min(axis=0), xy[finite].max(axis=0)
                    extent = (float(lo[0]), float(lo[1]), float(hi[0]), float(hi[1]))
                else:
                    extent = (None, None, None, None)
                now = datetime.now(timezone.utc)
                stamp = now.strftime("%Y-%m-%dT%H:%M:%S.") + f"{now.microsecond // 1000:03d}Z"
                con.execute("UPDATE gpkg_contents SET min_x = ?, min_y = ?, max_x = ?, max_y = ?, last_change = ? "
                            "WHERE lower(table_name) = lower(?)", extent + (stamp, self.table))
                if con.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'gpkg_ogr_contents'") \
                        .fetchone():
                    con.execute("UPDATE gpkg_ogr_contents SET feature_count = ? WHERE lower(table_name) = lower(?)",
                                (n, self.table))
                for _, text in triggers:
                    con.execute(text)
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
                raise
        finally:
            con.close()
        return n

    def _fill_rtree(self, con, fids: np.ndarray, xy: np.ndarray) -> None:
        """Write the (empty) R-tree as a packed tree straight into its shadow tables.

        Inserting through the virtual table costs about 20 µs a row (each insert descends and
        splits nodes); the packed tree holds the same boxes. The node size is the one SQLite
        chose when it created the table (the length of the empty root).
        """
        node, rowid, parent = (sql_ident(self.rtree + suffix) for suffix in ("_node", "_rowid", "_parent"))
        root = con.execute(f"SELECT length(data) FROM {node} WHERE nodeno = 1").fetchone()  # nosec B608
        if root is None or con.execute(f"SELECT EXISTS (SELECT 1 FROM {rowid})").fetchone()[0]:  # nosec B608
            raise sqlite3.DatabaseError(f"R-tree {self.rtree} is not empty")
        nodes, rowids, parents = rtree_tables(fids, xy, int(root[0]))
        con.execute(f"DELETE FROM {node}")  # nosec B608
        con.execute(f"DELETE FROM {parent}")  # nosec B608
        con.executemany(f"INSERT INTO {node} (nodeno, data) VALUES (?, ?)", nodes)  # nosec B608
        _insert_rows(con, self.rtree + "_rowid", ["rowid", "nodeno"], rowids)
        con.executemany(f"INSERT INTO {parent} (nodeno, parentnode) VALUES (?, ?)", parents)  # nosec B608
