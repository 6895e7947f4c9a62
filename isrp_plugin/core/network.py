"""Street network graphs with the semantics of QGIS's network analysis (``qgis.analysis``).

The graph is built from line geometries given as flat arrays, exactly as
``QgsVectorLayerDirector`` + ``QgsGraphBuilder`` (planar, no ellipsoid) build it:

* every vertex of a line is a graph node and every segment an edge (one edge per allowed
  direction); vertices that coincide are one node, so lines connect at shared interior
  vertices (OpenStreetMap ways);
* coinciding means: within ``tolerance`` per coordinate (a square box, not a circle), with the
  same floor of 1e-10 that QGIS applies when the tolerance is 0. Vertices are visited in input
  order (feature, part, vertex); a vertex within the box of an already existing node becomes
  that node, otherwise it starts a new node at its own coordinates (greedy, as QGIS's R-tree
  look-up does). Segment geometry and lengths use the node coordinates;
* a segment whose two ends are the same node (zero length) gives no edge, but can still
  receive a tied point (which then is that node);
* an additional point (demand point, facility) is tied to the nearest point on the nearest
  segment (squared distance computed with QGIS's formula; on equal distance the segment that
  comes first in input order wins, as in QGIS). The tied point becomes a node (or the existing
  node within the tolerance box) and every segment of the same line with the same two end
  nodes is split there; several tied points on one segment split it in order along the
  segment. The straight leg from the point to its tied point (access leg) is reported
  separately and is not part of the network distance;
* edge lengths are planar (``sqrt(dx² + dy²)``) in the units of the coordinates (metres in a
  projected CRS). Times use a speed per line and mode: the car mode's per-line speed (speed
  field) where given, else the mode's speed for the line's road class (:attr:`Mode.class_speeds`,
  e.g. OSM ``highway`` values; shipped defaults in ``resources/catalogues/road_speeds.csv``),
  else the mode's default speed;
* a road class with speed 0 is not open to the mode (footways for cars, motorways on foot):
  the mode sees the network without those lines, exactly as QGIS would see the layer filtered
  to the open lines (points are tied to the nearest *open* segment). Nodes are merged over the
  whole layer, which only matters with a tolerance > 0.

Deliberate differences from QGIS 3.22, all below 1e-8 m:

* QGIS compares points with ``QgsPointXY ==`` (1e-8 per coordinate) when it emits edges, so it
  silently drops an edge between two *distinct* nodes closer than 1e-8 (which cuts the network
  there); we keep such edges. A tied point within 1e-8 of an end of its segment is that end
  node here (QGIS may create a separate node there and drop one of the two tiny edges).
* Where several existing nodes lie within the tolerance box of a vertex, QGIS takes whichever
  its R-tree reports first; we take the lowest node id (the earliest created node).
* Curved geometries are expected to be segmentised by the adapter (QGIS ignores them).

Pure module: numpy, scipy and pandas only.
"""

from __future__ import annotations

import csv
import hashlib
import logging
import math
import re
from collections import OrderedDict
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable, Dict, Hashable, Mapping, Optional, Sequence, Tuple, Union

import numpy as np
import pandas as pd
from scipy import sparse
from scipy.sparse.csgraph import connected_components
from scipy.spatial import cKDTree

log = logging.getLogger(__name__)

#: Direction codes per line (the values of ``QgsVectorLayerDirector.Direction`` differ; the
#: adapter maps field values onto these).
DIR_BOTH = 0
DIR_FORWARD = 1
DIR_BACKWARD = 2

#: QGIS's floor for the topology tolerance (``std::max(topologyTolerance, 1e-10)``).
QGIS_MIN_TOLERANCE = 1e-10
#: ``QgsPointXY ==`` compares each coordinate with this epsilon.
QGIS_POINT_EPSILON = 1e-8


#: A road-class speed table: ``((class, km/h), ...)`` sorted by class; classes are compared in
#: lower case without surrounding blanks; 0 = the mode may not use the class, None = the mode's
#: default speed (None rather than NaN keeps equal tables equal, so that they work as cache keys).
SpeedTable = Tuple[Tuple[str, Optional[float]], ...]


def normalise_class(value: Any) -> str:
    """The form road classes are compared in: text without surrounding blanks, lower case ("" = none)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value).strip().lower()


def speed_table(speeds: Union[Mapping[str, Optional[float]], SpeedTable, None]) -> SpeedTable:
    """A :data:`SpeedTable` from ``{class: km/h}`` (None or NaN = the mode's default speed, 0 = not allowed).

    Raises ValueError naming the class for a negative or infinite speed, an empty class name, or a
    class given twice with different speeds (after normalising its name).
    """
    if not speeds:
        return ()
    items = speeds.items() if isinstance(speeds, Mapping) else speeds
    table: Dict[str, Optional[float]] = {}
    for name, value in items:
        key = normalise_class(name)
        if not key:
            raise ValueError("a road class name is empty")
        v = None if value is None or math.isnan(float(value)) else float(value)
        if v is not None and (v < 0 or math.isinf(v)):
            raise ValueError(f"road class {name!r}: speed {value!r} must be a number >= 0 (0 = not allowed)")
        if key in table and table[key] != v:
            raise ValueError(f"road class {name!r} is given twice with different speeds")
        table[key] = v
    return tuple(sorted(table.items()))


@dataclass(frozen=True)
class Mode:
    """A travel mode.

    Attributes:
        name: ``walk``, ``bike``, ``car`` or a custom name.
        speed_kmh: the default network speed (km/h): for lines without a usable per-line speed
            or road-class speed.
        oneway: respect the per-line direction codes (otherwise every line is two-way).
        line_speeds: use the per-line speeds of the network where they are finite and > 0
            (they take precedence over the road-class speeds).
        access_speed_kmh: speed on the straight access legs (point ↔ tied point).
        class_speeds: road class → km/h (:func:`speed_table`); applies to networks built with
            ``road_class``. A class with 0 is closed to the mode; a class missing from the table
            (or NaN) runs at ``speed_kmh``.
    """

    name: str
    speed_kmh: float
    oneway: bool = False
    line_speeds: bool = False
    access_speed_kmh: float = 4.5
    class_speeds: SpeedTable = ()

    @property
    def metres_per_minute(self) -> float:
        return self.speed_kmh * 1000.0 / 60.0

    @property
    def access_metres_per_minute(self) -> float:
        return self.access_speed_kmh * 1000.0 / 60.0


WALK = Mode("walk", 4.5, oneway=False, line_speeds=False, access_speed_kmh=4.5)
BIKE = Mode("bike", 15.0, oneway=False, line_speeds=False, access_speed_kmh=15.0)
CAR = Mode("car", 50.0, oneway=True, line_speeds=True, access_speed_kmh=4.5)
MODES = {m.name: m for m in (WALK, BIKE, CAR)}


def get_mode(mode: Union[str, Mode], speed_kmh: float | None = None,
             class_speeds: Union[Mapping[str, Optional[float]], SpeedTable, None] = None) -> Mode:
    """A :class:`Mode` from its name (``walk``/``bike``/``car``) or as is.

    ``speed_kmh`` overrides the default speed (and, for walk and bike, the access speed);
    ``class_speeds`` sets the road-class speed table (see :func:`speed_table`).
    """
    if isinstance(mode, str):
        try:
            mode = MODES[mode.lower()]
        except KeyError:
            raise ValueError(f"unknown mode {mode!r}; expected one of {', '.join(MODES)}") from None
    if speed_kmh is not None:
        if not speed_kmh > 0:
            raise ValueError("speed_kmh must be > 0")
        access = speed_kmh if not mode.line_speeds else mode.access_speed_kmh
        mode = replace(mode, speed_kmh=float(speed_kmh), access_speed_kmh=float(access))
    if class_speeds is not None:
        mode = replace(mode, class_speeds=speed_table(class_speeds))
    return mode


#: Columns of the road-class speed catalogue (``resources/catalogues/road_speeds.csv``).
ROAD_SPEED_MODES = ("walk", "bike", "car")


def default_road_speeds_path() -> Path:
    """The shipped road-class speed catalogue (resources/ beside the package in the repo, inside it in the ZIP)."""
    pkg = Path(__file__).resolve().parents[1]
    for base in (pkg / "resources", pkg.parent / "resources"):
        candidate = base / "catalogues" / "road_speeds.csv"
        if candidate.exists():
            return candidate
    return pkg.parent / "resources" / "catalogues" / "road_speeds.csv"


def read_road_speeds(path: Union[str, Path, None] = None) -> Dict[str, SpeedTable]:
    """The road-class speed catalogue: ``{mode: SpeedTable}`` for walk, bike and car.

    A UTF-8 CSV with the columns ``class, walk, bike, car`` (more columns, e.g. a note, are
    ignored): a speed in km/h, 0 = the mode may not use the class, empty = the mode's default
    speed. Raises ValueError naming the row and column of a bad value.
    """
    path = Path(path) if path is not None else default_road_speeds_path()
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise ValueError(f"cannot read the road speed table '{path}': {exc.strerror or exc}") from exc
    reader = csv.DictReader(text.splitlines())
    missing = [c for c in ("class",) + ROAD_SPEED_MODES if c not in (reader.fieldnames or [])]
    if missing:
        raise ValueError(f"road speed table '{path}': missing column(s) {', '.join(missing)}")
    rows: Dict[str, list] = {m: [] for m in ROAD_SPEED_MODES}
    for line, row in enumerate(reader, start=2):
        name = (row.get("class") or "").strip()
        if not name or name.startswith("#"):
            continue
        for m in ROAD_SPEED_MODES:
            cell = (row.get(m) or "").strip()
            try:
                value = float(cell) if cell else None
            except ValueError:
                raise ValueError(f"road speed table '{path}', line {line}, class '{name}', column '{m}': "
                                 f"'{cell}' is not a number") from None
            rows[m].append((name, value))
    try:
        return {m: speed_table(rows[m]) for m in ROAD_SPEED_MODES}
    except ValueError as err:
        raise ValueError(f"road speed table '{path}': {err}") from None


def parse_speed_table(text: str) -> Dict[str, Optional[float]]:
    """``{class: km/h}`` from ``"primary=50; residential=30; footway=0"``.

    Items are separated by ``;``, line breaks or a comma that is not a decimal comma (not followed
    by a digit); ``class=speed`` or ``class: speed``; ``4.5`` and ``4,5`` are both 4.5 km/h; an
    empty speed means the mode's default speed. Raises ValueError naming the bad item.
    """
    out: Dict[str, Optional[float]] = {}
    for raw in re.split(r"[;\n]|,(?!\d)", text or ""):
        item = raw.strip()
        if not item:
            continue
        sep = "=" if "=" in item else ":" if ":" in item else None
        if sep is None:
            raise ValueError(f"'{item}' is not class=speed")
        name, value = (part.strip() for part in item.split(sep, 1))
        if not name:
            raise ValueError(f"'{item}' has no road class")
        try:
            speed = float(value.replace(",", ".")) if value else None
        except ValueError:
            raise ValueError(f"'{item}': '{value}' is not a number") from None
        if speed is not None and (speed < 0 or not math.isfinite(speed)):
            raise ValueError(f"'{item}': the speed must be a number >= 0 (0 = not allowed)")
        out[name] = speed
    return out


# --------------------------------------------------------------------------------------------
# node merging
# --------------------------------------------------------------------------------------------


def _effective_tolerance(tolerance: float) -> float:
    if tolerance < 0 or not np.isfinite(tolerance):
        raise ValueError("tolerance must be a finite number >= 0")
    return max(float(tolerance), QGIS_MIN_TOLERANCE)


def _factorize_xy(xy: np.ndarray):
    """Exact-equality ids of 2-D points in order of first appearance: (id per point, unique points)."""
    codes, uniq = pd.factorize(xy[:, 0] + 1j * xy[:, 1], sort=False)
    return codes.astype(np.int64), np.column_stack([uniq.real, uniq.imag]) if len(uniq) else np.zeros((0, 2))


def _kdtree(xy: np.ndarray) -> cKDTree:
    return cKDTree(xy, balanced_tree=False, compact_nodes=False)


def _all_apart(xy: np.ndarray, tol: float) -> bool:
    """True when no two points lie within a box of ``tol`` (checked on one axis at a time).

    Two points within the box are within ``tol`` on each axis, so in sorted order along that
    axis some neighbouring pair is too; if every neighbouring gap on either axis exceeds
    ``tol``, no pair exists. A quick exit for the usual case; inconclusive otherwise.
    """
    for axis in (0, 1):
        if np.all(np.diff(np.sort(xy[:, axis])) > tol):
            return True
    return False


def _greedy_merge(xy: np.ndarray, tol: float) -> np.ndarray:
    """Greedy in-order merge of points (already unique, in visiting order) within a box of ``tol``.

    Returns ``rep``: for each point the index of the earlier point it joins, or itself when it
    starts a new node. A point only joins points that started a node themselves.
    """
    n = len(xy)
    rep = np.arange(n)
    if n < 2 or _all_apart(xy, tol):
        return rep
    pairs = _kdtree(xy).query_pairs(tol, p=np.inf, output_type="ndarray")
    if len(pairs) == 0:
        return rep
    a = np.concatenate([pairs[:, 0], pairs[:, 1]])
    b = np.concatenate([pairs[:, 1], pairs[:, 0]])
    keep = b < a  # only earlier neighbours matter
    a, b = a[keep], b[keep]
    order = np.lexsort((b, a))
    a, b = a[order], b[order]
    starts = np.searchsorted(a, np.arange(n + 1))
    is_rep = np.ones(n, dtype=bool)
    for i in np.unique(a):  # loop only over points that have an earlier neighbour in the box
        nb = b[starts[i] : starts[i + 1]]
        nb = nb[is_rep[nb]]
        if nb.size:
            rep[i] = nb[0]  # lowest id (sorted)
            is_rep[i] = False
    return rep


def _merge_vertices(coords: np.ndarray, tol: float):
    """Node of each vertex and node coordinates (nodes numbered in order of first appearance)."""
    n = len(coords)
    if n == 0:
        return np.zeros(0, dtype=np.int64), np.zeros((0, 2))
    vert_uid, uniq = _factorize_xy(coords)
    rep = _greedy_merge(uniq, tol)
    is_rep = rep == np.arange(len(rep))
    node_id = np.cumsum(is_rep) - 1
    return node_id[rep][vert_uid], uniq[is_rep]


# --------------------------------------------------------------------------------------------
# the network
# --------------------------------------------------------------------------------------------


@dataclass
class Network:
    """A street network graph before points are tied to it (mode independent; cache this).

    Attributes:
        node_xy: (n_nodes, 2) node coordinates.
        seg_u, seg_v: (n_segments,) end nodes of every segment in input order (``u == v`` for
            zero-length segments, which carry no edge).
        seg_line: (n_segments,) line (feature) index of each segment.
        seg_length: (n_segments,) planar length between the end nodes.
        line_direction: (n_lines,) direction code per line (``DIR_*``).
        line_speed: (n_lines,) speed per line in km/h (NaN = mode default).
        vertex_node: (n_vertices,) node of every input vertex.
        tolerance: the topology tolerance asked for (0 = QGIS default).
        line_class: (n_lines,) road class of each line as an index into ``class_names``
            (-1 = none: NULL or empty).
        class_names: the distinct road classes (normalised: :func:`normalise_class`).
    """

    node_xy: np.ndarray
    seg_u: np.ndarray
    seg_v: np.ndarray
    seg_line: np.ndarray
    seg_length: np.ndarray
    line_direction: np.ndarray
    line_speed: np.ndarray
    vertex_node: np.ndarray
    tolerance: float = 0.0
    line_class: Optional[np.ndarray] = None
    class_names: Tuple[str, ...] = ()
    _cache: dict = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self):
        if self.line_class is None:
            self.line_class = np.full(len(self.line_direction), -1, dtype=np.int32)

    @property
    def n_nodes(self) -> int:
        return len(self.node_xy)

    @property
    def n_segments(self) -> int:
        return len(self.seg_u)

    @property
    def n_lines(self) -> int:
        return len(self.line_direction)

    @property
    def n_edges(self) -> int:
        """Number of undirected edges (segments between two distinct nodes)."""
        return int(np.count_nonzero(self.seg_u != self.seg_v))

    @property
    def effective_tolerance(self) -> float:
        return _effective_tolerance(self.tolerance)

    # lazily built helpers (kept with the network so that a cached network reuses them)
    def _node_tree(self) -> cKDTree:
        if "node_tree" not in self._cache:
            self._cache["node_tree"] = _kdtree(self.node_xy)
        return self._cache["node_tree"]

    def _sorted_node_axes(self):
        """Node x and node y coordinates, each sorted (for :func:`_maybe_near`)."""
        if "node_axes" not in self._cache:
            self._cache["node_axes"] = (np.sort(self.node_xy[:, 0]), np.sort(self.node_xy[:, 1]))
        return self._cache["node_axes"]

    def _segment_index(self, allowed_lines: Optional[np.ndarray] = None):
        """KD-tree over midpoints of segment pieces no longer than ``h`` (exact nearest-segment search).

        With ``allowed_lines`` (bool per line) only the segments of those lines are indexed (one
        index per distinct mask, cached). Returns (tree or None, segment of each piece, half piece length).
        """
        if allowed_lines is None or bool(np.all(allowed_lines)):
            key: Hashable = "seg_index"
            segs = np.arange(self.n_segments)
        else:
            key = ("seg_index", np.packbits(allowed_lines).tobytes(), len(allowed_lines))
            segs = np.nonzero(np.asarray(allowed_lines)[self.seg_line])[0]
        if key not in self._cache:
            length = self.seg_length[segs]
            positive = length[length > 0]
            h = float(np.median(positive)) if positive.size else 1.0
            h = max(h, 1e-9)
            pieces = np.maximum(1, np.ceil(length / h)).astype(np.int64)
            piece_seg = np.repeat(segs, pieces)
            first = np.cumsum(pieces) - pieces
            k = np.arange(len(piece_seg)) - np.repeat(first, pieces)
            frac = (k + 0.5) / np.repeat(pieces, pieces)
            p0 = self.node_xy[self.seg_u[piece_seg]]
            p1 = self.node_xy[self.seg_v[piece_seg]]
            mid = p0 + (p1 - p0) * frac[:, None]
            half = 0.5 * float(np.max(length / pieces)) if len(length) else 0.0
            self._cache[key] = (_kdtree(mid) if len(mid) else None, piece_seg, half)
        return self._cache[key]

    def _segment_groups(self):
        """Segments keyed by (line, u, v), sorted: QGIS splits every such segment at a tied point."""
        if "seg_groups" not in self._cache:
            n, nl = max(self.n_nodes, 1), max(self.n_lines, 1)
            uv = self.seg_u.astype(np.int64) * n + self.seg_v
            if float(n) * n * nl >= 2.0**62:  # keep the combined key in int64
                uv = pd.factorize(uv)[0].astype(np.int64)
            key = uv * nl + self.seg_line
            order = np.argsort(key, kind="stable")
            self._cache["seg_groups"] = (key, order, key[order])
        return self._cache["seg_groups"]

    def speeds(self, mode: Union[str, Mode]) -> LineSpeeds:
        """Speed and access of every line for ``mode`` (cached per mode): see :func:`line_speeds`."""
        return line_speeds(self, get_mode(mode))

    def components(self, mode: Union[str, Mode] = WALK):
        """Weakly connected components of the untied graph for ``mode``: (count, label per node).

        Nodes only on lines closed to the mode are components of their own.
        """
        mode = get_mode(mode)
        g = edge_list(self, mode)
        n = self.n_nodes
        a = sparse.csr_matrix((np.ones(len(g[0])), (g[0], g[1])), shape=(n, n))
        return connected_components(a, directed=True, connection="weak")

    def memory_bytes(self) -> int:
        """Approximate memory of the arrays (without lazily built indexes)."""
        return sum(
            a.nbytes
            for a in (self.node_xy, self.seg_u, self.seg_v, self.seg_line, self.seg_length, self.line_direction,
                      self.line_speed, self.vertex_node, self.line_class)
        )


def _class_codes(road_class, n_lines: int):
    """Road classes per line → (code per line, -1 = none; distinct normalised names), vectorised."""
    if road_class is None:
        return np.full(n_lines, -1, dtype=np.int32), ()
    values = pd.Series(np.asarray(road_class, dtype=object).reshape(-1))
    if len(values) < n_lines:
        raise ValueError("road_class needs one entry per line")
    text = values.where(values.notna(), "").astype(str).str.strip().str.lower()
    codes, names = pd.factorize(text.where(text != "", None), sort=True)
    return codes[:n_lines].astype(np.int32), tuple(str(n) for n in names)


@dataclass(frozen=True)
class LineSpeeds:
    """Speeds of every line for one mode (:func:`line_speeds`).

    Attributes:
        speed_kmh: (n_lines,) the speed used on each line (km/h).
        allowed: (n_lines,) False where the line's road class is closed to the mode (speed 0).
        uniform: every open line runs at the mode's default speed (times are distance / speed).
        unknown: road class → number of lines, for classes the table does not list (they run
            at the default speed); empty without a table.
        closed: road class → number of lines closed to the mode.
        from_field: number of lines that use their own speed (speed field, car mode).
    """

    speed_kmh: np.ndarray
    allowed: np.ndarray
    uniform: bool
    unknown: Dict[str, int]
    closed: Dict[str, int]
    from_field: int


def line_speeds(network: Network, mode: Mode) -> LineSpeeds:
    """The speed (km/h) and access of every line for ``mode``, vectorised and cached on the network.

    Precedence: the line's own speed (``mode.line_speeds``, finite and > 0), then the speed of
    its road class in ``mode.class_speeds`` (> 0; 0 closes the line to the mode; NaN or a class
    the table does not list: the default), then ``mode.speed_kmh``.
    """
    key = ("line_speeds", mode)
    cached = network._cache.get(key)
    if cached is not None:
        return cached
    n_lines = network.n_lines
    speed = np.full(n_lines, float(mode.speed_kmh))
    allowed = np.ones(n_lines, dtype=bool)
    unknown: Dict[str, int] = {}
    closed: Dict[str, int] = {}
    codes = network.line_class
    if mode.class_speeds and n_lines and network.class_names:
        table_names = pd.Index([c for c, _ in mode.class_speeds])
        table_speed = np.array([np.nan if v is None else v for _, v in mode.class_speeds], dtype=float)
        pos = table_names.get_indexer(pd.Index(network.class_names))  # per distinct class, -1 = not listed
        listed = pos >= 0
        class_speed = np.where(listed, table_speed[np.maximum(pos, 0)], np.nan)
        has = codes >= 0
        c = np.where(has, codes, 0)
        line_speed = np.where(has, class_speed[c], np.nan)
        use = np.isfinite(line_speed) & (line_speed > 0)
        speed[use] = line_speed[use]
        allowed = ~(has & (line_speed == 0))
        counts = np.bincount(codes[has], minlength=len(network.class_names))
        names = np.asarray(network.class_names, dtype=object)
        unknown = {str(n): int(k) for n, k in zip(names[~listed], counts[~listed]) if k}
        shut = listed & (class_speed == 0)
        closed = {str(n): int(k) for n, k in zip(names[shut], counts[shut]) if k}
    from_field = 0
    if mode.line_speeds and n_lines:
        own = np.isfinite(network.line_speed) & (network.line_speed > 0)
        speed[own] = network.line_speed[own]
        from_field = int(np.count_nonzero(own & allowed))
    uniform = bool(np.all(speed[allowed] == mode.speed_kmh))
    speed.setflags(write=False)
    allowed.setflags(write=False)
    result = LineSpeeds(speed_kmh=speed, allowed=allowed, uniform=uniform, unknown=unknown, closed=closed,
                        from_field=from_field)
    network._cache[key] = result
    return result


def build_network(
    coords: np.ndarray,
    part_offsets: np.ndarray,
    part_line: np.ndarray | None = None,
    direction: np.ndarray | None = None,
    speed_kmh: np.ndarray | None = None,
    tolerance: float = 0.0,
    road_class: Sequence[Any] | None = None,
) -> Network:
    """Build the graph of a line layer from ragged coordinate arrays (vectorised).

    Args:
        coords: (n_vertices, 2) vertex coordinates of all parts, concatenated in layer order.
        part_offsets: (n_parts + 1,) start of each part in ``coords``; the last entry is n_vertices.
        part_line: (n_parts,) line (feature) index of each part (default: each part its own line).
            Lines must be numbered 0..n_lines-1 in layer order.
        direction: (n_lines,) ``DIR_BOTH``/``DIR_FORWARD``/``DIR_BACKWARD`` (default: both).
        speed_kmh: (n_lines,) speed of each line; NaN or <= 0 means "use the mode's default".
        tolerance: topology tolerance in coordinate units (0 = coincident within 1e-10, as QGIS).
        road_class: (n_lines,) road class of each line (text, e.g. the OSM ``highway`` value; None
            or "" = none), matched against :attr:`Mode.class_speeds` in lower case.

    Returns:
        The :class:`Network`.
    """
    coords = np.ascontiguousarray(coords, dtype=np.float64).reshape(-1, 2) + 0.0  # -0.0 → 0.0
    offsets = np.asarray(part_offsets, dtype=np.int64).reshape(-1)
    if offsets.size == 0:
        offsets = np.zeros(1, dtype=np.int64)
    n_parts = len(offsets) - 1
    if offsets[0] != 0 or offsets[-1] != len(coords) or np.any(np.diff(offsets) < 0):
        raise ValueError("part_offsets must start at 0, be non-decreasing and end at len(coords)")
    if not np.all(np.isfinite(coords)):
        raise ValueError("coords contain NaN or infinite values")
    if part_line is None:
        part_line = np.arange(n_parts, dtype=np.int64)
    part_line = np.asarray(part_line, dtype=np.int64).reshape(-1)
    if len(part_line) != n_parts:
        raise ValueError("part_line must have one entry per part")
    n_lines = int(part_line.max()) + 1 if n_parts else 0
    if direction is None:
        direction = np.full(n_lines, DIR_BOTH, dtype=np.int8)
    direction = np.asarray(direction, dtype=np.int8).reshape(-1)
    if speed_kmh is None:
        speed_kmh = np.full(n_lines, np.nan)
    speed_kmh = np.asarray(speed_kmh, dtype=np.float64).reshape(-1)
    if len(direction) < n_lines or len(speed_kmh) < n_lines:
        raise ValueError("direction and speed_kmh need one entry per line")
    n_lines = max(n_lines, len(direction))
    if np.any((direction < 0) | (direction > 2)):
        raise ValueError("direction codes must be DIR_BOTH (0), DIR_FORWARD (1) or DIR_BACKWARD (2)")

    line_class, class_names = _class_codes(road_class, n_lines)

    tol = _effective_tolerance(tolerance)
    vertex_node, node_xy = _merge_vertices(coords, tol)

    # segments: every vertex except the last of its part starts one
    n_vert = len(coords)
    part_of_vertex = np.repeat(np.arange(n_parts), np.diff(offsets))
    is_start = np.ones(n_vert, dtype=bool)
    lengths = np.diff(offsets)
    ends = offsets[1:][lengths > 0] - 1
    is_start[ends] = False
    a = np.nonzero(is_start)[0]
    seg_u = vertex_node[a]
    seg_v = vertex_node[a + 1]
    seg_line = part_line[part_of_vertex[a]]
    d = node_xy[seg_v] - node_xy[seg_u]
    seg_length = np.sqrt(d[:, 0] * d[:, 0] + d[:, 1] * d[:, 1])
    net = Network(
        node_xy=node_xy,
        seg_u=seg_u,
        seg_v=seg_v,
        seg_line=seg_line,
        seg_length=seg_length,
        line_direction=direction[:n_lines].copy(),
        line_speed=speed_kmh[:n_lines].copy(),
        vertex_node=vertex_node,
        tolerance=float(tolerance),
        line_class=line_class,
        class_names=class_names,
    )
    log.debug("network: %d vertices → %d nodes, %d segments (%d zero-length)", n_vert, net.n_nodes,
              net.n_segments, net.n_segments - net.n_edges)
    return net


# --------------------------------------------------------------------------------------------
# tying points to the network
# --------------------------------------------------------------------------------------------


def _qgis_sqr_dist_to_segment(px, py, x1, y1, x2, y2):
    """``QgsPointXY::sqrDistToSegment`` (epsilon 0) vectorised; zero-length → distance to the point.

    Returns (squared distance, tied x, tied y). Same floating-point operations as QGIS.
    """
    with np.errstate(invalid="ignore", divide="ignore"):
        nx = y2 - y1
        ny = -(x2 - x1)
        t = (px * ny - py * nx - x1 * ny + y1 * nx) / ((x2 - x1) * ny - (y2 - y1) * nx)
        tx = np.where(t < 0.0, x1, np.where(t > 1.0, x2, x1 + t * (x2 - x1)))
        ty = np.where(t < 0.0, y1, np.where(t > 1.0, y2, y1 + t * (y2 - y1)))
    same = (np.abs(x2 - x1) <= QGIS_POINT_EPSILON) & (np.abs(y2 - y1) <= QGIS_POINT_EPSILON)
    tx = np.where(same, x1, tx)
    ty = np.where(same, y1, ty)
    d2 = (px - tx) * (px - tx) + (py - ty) * (py - ty)
    on = (d2 == 0.0) & ~same  # QGIS returns the point itself when it lies on the segment
    tx = np.where(on, px, tx)
    ty = np.where(on, py, ty)
    return d2, tx, ty


def _spatial_order(xy: np.ndarray) -> np.ndarray:
    """A permutation visiting points along a Z-order (Morton) curve, so that neighbours come in turn."""
    if len(xy) < 2:
        return np.arange(len(xy))
    lo = xy.min(axis=0)
    span = float(np.max(xy.max(axis=0) - lo)) or 1.0
    q = ((xy - lo) * (65535.0 / span)).astype(np.uint64)

    def spread(v):  # the 16 bits of v to the even bit positions
        v = (v | (v << np.uint64(8))) & np.uint64(0x00FF00FF)
        v = (v | (v << np.uint64(4))) & np.uint64(0x0F0F0F0F)
        v = (v | (v << np.uint64(2))) & np.uint64(0x33333333)
        return (v | (v << np.uint64(1))) & np.uint64(0x55555555)

    return np.argsort(spread(q[:, 0]) | (spread(q[:, 1]) << np.uint64(1)), kind="stable")


@dataclass
class Ties:
    """Points tied to a network (QGIS's ``snappedPoints`` before they become graph nodes).

    Attributes:
        segment: (n,) index of the segment each point is tied to; -1 when not tied (NaN
            coordinates or an empty network).
        tie_xy: (n, 2) tied point on that segment (NaN when not tied).
        access_m: (n,) length of the straight access leg point → tied point (inf when not tied).
        connected: (n,) tied and ``access_m <= max_access``.
    """

    segment: np.ndarray
    tie_xy: np.ndarray
    access_m: np.ndarray
    connected: np.ndarray


def tie_points(network: Network, xy: np.ndarray, max_access: float = np.inf,
               allowed_lines: Optional[np.ndarray] = None) -> Ties:
    """Tie points to the nearest point of the nearest segment (exactly the segment QGIS picks).

    ``allowed_lines`` (bool per line): only segments of these lines receive points (the lines
    open to a mode); default all.

    An exact search: a KD-tree over midpoints of short segment pieces gives candidates, enlarged
    until no unseen segment can be as close as the best one; all segments at the minimal
    squared distance are candidates and the first one in input order wins.
    """
    xy = np.asarray(xy, dtype=np.float64).reshape(-1, 2) + 0.0
    n = len(xy)
    seg = np.full(n, -1, dtype=np.int64)
    d2best = np.full(n, np.inf)
    finite = np.all(np.isfinite(xy), axis=1)
    tree, piece_seg, half = network._segment_index(allowed_lines) if network.n_segments else (None, [], 0.0)
    if tree is not None and n:
        n_pieces = len(piece_seg)
        scale = float(np.max(np.abs(network.node_xy))) if network.n_nodes else 1.0
        eps = 1e-7 + 1e-12 * scale
        todo = np.nonzero(finite)[0]
        todo = todo[_spatial_order(xy[todo])]  # neighbouring queries in turn: about twice as fast
        k = min(8, n_pieces)
        x1a, y1a = network.node_xy[network.seg_u, 0], network.node_xy[network.seg_u, 1]
        x2a, y2a = network.node_xy[network.seg_v, 0], network.node_xy[network.seg_v, 1]
        while todo.size:
            dist, idx = tree.query(xy[todo], k=k, workers=-1)
            dist = dist.reshape(len(todo), -1)
            idx = idx.reshape(len(todo), -1)
            cand = piece_seg[idx]
            px = xy[todo, 0][:, None]
            py = xy[todo, 1][:, None]
            d2, _, _ = _qgis_sqr_dist_to_segment(px, py, x1a[cand], y1a[cand], x2a[cand], y2a[cand])
            dmin = d2.min(axis=1)
            best = np.where(d2 == dmin[:, None], cand, np.iinfo(np.int64).max).min(axis=1)
            done = (dist[:, -1] - half > np.sqrt(dmin) + eps) | (k >= n_pieces)
            seg[todo[done]] = best[done]
            d2best[todo[done]] = dmin[done]
            todo = todo[~done]
            k = min(k * 4, n_pieces)
    tied = seg >= 0
    tie_xy = np.full((n, 2), np.nan)
    if tied.any():
        s = seg[tied]
        _, tx, ty = _qgis_sqr_dist_to_segment(
            xy[tied, 0], xy[tied, 1], network.node_xy[network.seg_u[s], 0], network.node_xy[network.seg_u[s], 1],
            network.node_xy[network.seg_v[s], 0], network.node_xy[network.seg_v[s], 1],
        )
        tie_xy[tied, 0] = tx
        tie_xy[tied, 1] = ty
    access = np.where(tied, np.sqrt(d2best), np.inf)
    return Ties(segment=seg, tie_xy=tie_xy, access_m=access, connected=tied & (access <= max_access))


# --------------------------------------------------------------------------------------------
# routing graph (network + tied points, for one mode)
# --------------------------------------------------------------------------------------------


@dataclass
class RoutingGraph:
    """The graph QGIS would route on: the network with tied points as nodes, for one mode.

    Attributes:
        csr: (n, n) CSR matrix of edge costs (metres for ``cost="distance"``, minutes for
            ``"time"``); row = from node. No duplicate entries (parallel edges: the cheapest).
        length_m: edge lengths aligned with ``csr.data``.
        minutes: edge travel times (minutes) aligned with ``csr.data``.
        node_xy: (n, 2) coordinates of all nodes (network nodes first, then new tie nodes).
        n_network_nodes: number of nodes of the untied network.
        point_node: (n_points,) node of each point, -1 when not connected.
        ties: the :class:`Ties` of the points (``tie_xy`` moved onto the node it was merged with).
        access_m: (n_points,) access leg length point → final tied node (inf when not connected).
        mode: the :class:`Mode`.
        cost: ``"distance"`` or ``"time"``.
        uniform_speed: every edge runs at the mode's default speed (minutes = metres / speed);
            otherwise the metric not searched on must be summed along the paths.
        splits: (segment, squared distance from the segment's first node, tie node) of every
            split made by a tied point, sorted by segment, distance and node.
    """

    csr: sparse.csr_matrix
    length_m: np.ndarray
    minutes: np.ndarray
    node_xy: np.ndarray
    n_network_nodes: int
    point_node: np.ndarray
    ties: Ties
    access_m: np.ndarray
    mode: Mode
    cost: str
    uniform_speed: bool = True
    splits: Optional[Tuple[np.ndarray, np.ndarray, np.ndarray]] = None
    _cache: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def n_nodes(self) -> int:
        return self.csr.shape[0]

    def edges(self):
        """(from, to, cost, length_m, minutes) arrays of all directed edges in CSR order."""
        rows = np.repeat(np.arange(self.n_nodes), np.diff(self.csr.indptr))
        return rows, self.csr.indices.astype(np.int64), self.csr.data, self.length_m, self.minutes

    def components(self):
        """Weakly connected components: (count, label per node)."""
        if "components" not in self._cache:
            self._cache["components"] = connected_components(self.csr, directed=True, connection="weak")
        return self._cache["components"]


def _maybe_near(sorted_axes, pts: np.ndarray, tol: float) -> np.ndarray:
    """Mask of points that may lie within a box of ``tol`` around some node.

    ``sorted_axes``: the node x and y coordinates, each sorted. A point within the box of a
    node is within ``tol`` of some node's x and of some node's y; a point failing either test
    is certainly not near (the bound is widened slightly, so the mask errs towards True).
    """
    bound = tol * (1 + 1e-6)
    mask = np.ones(len(pts), dtype=bool)
    for axis, values in enumerate(sorted_axes):
        v = pts[:, axis]
        i = np.searchsorted(values, v)
        below = values[np.clip(i - 1, 0, len(values) - 1)]
        above = values[np.clip(i, 0, len(values) - 1)]
        mask &= (np.abs(v - below) <= bound) | (np.abs(above - v) <= bound)
    return mask


def _existing_nodes(network: Network, ties: Ties, idx: np.ndarray) -> np.ndarray:
    """The network node each tied point ``idx`` becomes, as QGIS snaps it, or -1 for a new node.

    An end of its own segment within QGIS's point epsilon, else the lowest-numbered node within
    the tolerance box.
    """
    s = ties.segment[idx]
    t = ties.tie_xy[idx]
    pu = network.node_xy[network.seg_u[s]]
    pv = network.node_xy[network.seg_v[s]]
    near_u = np.all(np.abs(t - pu) <= QGIS_POINT_EPSILON, axis=1)
    near_v = np.all(np.abs(t - pv) <= QGIS_POINT_EPSILON, axis=1) & ~near_u
    res = np.full(idx.size, -1, dtype=np.int64)
    res[near_u] = network.seg_u[s[near_u]]
    res[near_v] = network.seg_v[s[near_v]]
    rest = np.nonzero(res < 0)[0]
    tol = network.effective_tolerance
    if rest.size and network.n_nodes:
        rest = rest[_maybe_near(network._sorted_node_axes(), t[rest], tol)]  # skips the tree for most points
    if rest.size:
        tree = network._node_tree()
        d, _ = tree.query(t[rest], k=1, p=np.inf, distance_upper_bound=tol * (1 + 1e-9), workers=-1)
        near = rest[np.isfinite(d)]
        if near.size:  # the lowest node id within the box, as for vertices
            hits = tree.query_ball_point(t[near], r=tol, p=np.inf)
            res[near] = np.array([min(h) if h else -1 for h in hits], dtype=np.int64)
    return res


def _snap_ties_to_nodes(network: Network, ties: Ties, use: np.ndarray):
    """Graph node of every used tied point (existing node within the tolerance box, else a new one)."""
    n = len(ties.segment)
    node = np.full(n, -1, dtype=np.int64)
    idx = np.nonzero(use)[0]
    if idx.size == 0:
        return node, np.zeros((0, 2))
    res = _existing_nodes(network, ties, idx)
    t = ties.tie_xy[idx]
    tol = network.effective_tolerance
    rest = np.nonzero(res < 0)[0]
    new_xy = np.zeros((0, 2))
    if rest.size:
        # new nodes, merged among themselves in point order as QGIS does
        uid, uniq = _factorize_xy(t[rest])
        rep = _greedy_merge(uniq, tol)
        is_rep = rep == np.arange(len(rep))
        new_id = np.cumsum(is_rep) - 1
        res[rest] = network.n_nodes + new_id[rep][uid]
        new_xy = uniq[is_rep]
    node[idx] = res
    return node, new_xy


def edge_list(network: Network, mode: Mode, split_seg=None, split_key=None, split_node=None, node_xy=None):
    """Directed edges (from, to, length, line) of the network for ``mode``, segments split at tie nodes."""
    if node_xy is None:
        node_xy = network.node_xy
    u, v, line, length = network.seg_u, network.seg_v, network.seg_line, network.seg_length
    keep = u != v
    speeds = line_speeds(network, mode)
    if not speeds.allowed.all():  # lines closed to the mode carry no edge
        keep &= speeds.allowed[line]
    if split_seg is not None and len(split_seg):
        is_split = np.zeros(network.n_segments, dtype=bool)
        is_split[split_seg] = True
        keep &= ~is_split
        ss = np.unique(split_seg)
        # chain per split segment: u, tie nodes ordered by squared distance from u, v
        cs = np.concatenate([ss, split_seg, ss])
        ck = np.concatenate([np.full(len(ss), -np.inf), split_key, np.full(len(ss), np.inf)])
        cn = np.concatenate([u[ss], split_node, v[ss]])
        order = np.lexsort((cn, ck, cs))
        cs, cn = cs[order], cn[order]
        pair = (cs[:-1] == cs[1:]) & (cn[:-1] != cn[1:])
        a, b, s = cn[:-1][pair], cn[1:][pair], cs[:-1][pair]
        d = node_xy[b] - node_xy[a]
        sub_len = np.sqrt(d[:, 0] * d[:, 0] + d[:, 1] * d[:, 1])
        eu = np.concatenate([u[keep], a])
        ev = np.concatenate([v[keep], b])
        el = np.concatenate([length[keep], sub_len])
        eline = np.concatenate([line[keep], line[s]])
    else:
        eu, ev, el, eline = u[keep], v[keep], length[keep], line[keep]
    if mode.oneway and network.n_lines:
        dcode = network.line_direction[eline]
        fwd = dcode != DIR_BACKWARD
        bwd = dcode != DIR_FORWARD
    else:
        fwd = np.ones(len(eu), dtype=bool)
        bwd = fwd
    src = np.concatenate([eu[fwd], ev[bwd]])
    dst = np.concatenate([ev[fwd], eu[bwd]])
    return src, dst, np.concatenate([el[fwd], el[bwd]]), np.concatenate([eline[fwd], eline[bwd]])


def _edge_minutes(network: Network, mode: Mode, length: np.ndarray, line: np.ndarray) -> np.ndarray:
    """Travel time (minutes) of edges of the given lengths on the given lines (:func:`line_speeds`)."""
    speeds = line_speeds(network, mode)
    if speeds.uniform or not network.n_lines:
        return length / mode.metres_per_minute
    return length / (speeds.speed_kmh[line] * (1000.0 / 60.0))


def _csr_from_edges(n: int, src, dst, cost, *extra):
    """CSR with sorted indices and no duplicates; of parallel edges the cheapest is kept."""
    if len(src) < 2**52:
        # fast path (O(nnz) in scipy): carry each edge's position through the conversion
        pos = sparse.coo_matrix((np.arange(1, len(src) + 1, dtype=np.float64), (src, dst)), shape=(n, n)).tocsr()
        if pos.nnz == len(src):  # no parallel edges
            sel = pos.data.astype(np.int64) - 1
            pos.data = cost[sel]
            pos.has_sorted_indices = True
            return (pos,) + tuple(x[sel] for x in extra)
    key = src.astype(np.int64) * n + dst
    order = np.argsort(key, kind="stable")
    key = key[order]
    first = np.ones(len(key), dtype=bool)
    first[1:] = key[1:] != key[:-1]
    sel = order[first]
    if len(sel) < len(order):  # parallel edges: keep the cheapest of each run
        starts = np.nonzero(first)[0]
        c = cost[order]
        best = np.minimum.reduceat(c, starts)
        run = np.cumsum(first) - 1
        is_best = c == best[run]
        pick = np.full(len(starts), -1, dtype=np.int64)
        cand = np.nonzero(is_best)[0]
        pick[run[cand[::-1]]] = cand[::-1]  # first cheapest in each run
        sel = order[pick]
    rows = src[sel]
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(rows, minlength=n), out=indptr[1:])
    csr = sparse.csr_matrix((cost[sel], dst[sel].astype(np.int32 if n < 2**31 else np.int64), indptr), shape=(n, n))
    csr.has_sorted_indices = True
    return (csr,) + tuple(x[sel] for x in extra)


def routing_graph(
    network: Network,
    points_xy: np.ndarray | None = None,
    mode: Union[str, Mode] = WALK,
    cost: str = "distance",
    max_access: float = np.inf,
) -> RoutingGraph:
    """The network with ``points_xy`` tied to it, as a CSR graph of ``cost`` for ``mode``.

    Points farther than ``max_access`` from the network are not connected (``point_node`` -1)
    and do not split edges (splitting never changes distances between other points). Points
    are tied only to lines open to ``mode`` (see :func:`line_speeds`).
    """
    mode = get_mode(mode)
    if cost not in ("distance", "time"):
        raise ValueError("cost must be 'distance' or 'time'")
    pts = np.zeros((0, 2)) if points_xy is None else np.asarray(points_xy, dtype=np.float64).reshape(-1, 2)
    speeds = line_speeds(network, mode)
    ties = tie_points(network, pts, max_access, None if speeds.allowed.all() else speeds.allowed)
    point_node, new_xy = _snap_ties_to_nodes(network, ties, ties.connected)
    node_xy = np.vstack([network.node_xy, new_xy]) if len(new_xy) else network.node_xy
    n = len(node_xy)

    # split: every segment of the same line with the same end nodes as the tied segment
    use = np.nonzero(point_node >= 0)[0]
    s = ties.segment[use]
    tn = point_node[use]
    splits = (tn != network.seg_u[s]) & (tn != network.seg_v[s])
    s, tn = s[splits], tn[splits]
    split_seg = split_key = split_node = None
    splits = (np.zeros(0, dtype=np.int64), np.zeros(0), np.zeros(0, dtype=np.int64))
    if s.size:
        key, order, sorted_key = network._segment_groups()
        lo = np.searchsorted(sorted_key, key[s], side="left")
        cnt = np.searchsorted(sorted_key, key[s], side="right") - lo
        rep_t = np.repeat(np.arange(len(s)), cnt)
        within = np.arange(len(rep_t)) - np.repeat(np.cumsum(cnt) - cnt, cnt)
        split_seg = order[lo[rep_t] + within]
        split_node = tn[rep_t]
        p1 = node_xy[network.seg_u[split_seg]]
        q = node_xy[split_node]
        split_key = (p1[:, 0] - q[:, 0]) ** 2 + (p1[:, 1] - q[:, 1]) ** 2
        _, idx = np.unique(split_seg * n + split_node, return_index=True)
        split_seg, split_node, split_key = split_seg[idx], split_node[idx], split_key[idx]
        order = np.lexsort((split_node, split_key, split_seg))
        splits = (split_seg[order], split_key[order], split_node[order])

    src, dst, length, line = edge_list(network, mode, split_seg, split_key, split_node, node_xy)
    minutes = _edge_minutes(network, mode, length, line)
    weight = length if cost == "distance" else minutes
    csr, length_s, minutes_s = _csr_from_edges(n, src, dst, weight, length, minutes)
    access = np.full(len(pts), np.inf)
    if use.size:
        d = pts[use] - node_xy[point_node[use]]
        access[use] = np.sqrt(d[:, 0] ** 2 + d[:, 1] ** 2)
        ties.tie_xy[use] = node_xy[point_node[use]]
    return RoutingGraph(csr=csr, length_m=length_s, minutes=minutes_s, node_xy=node_xy,
                        n_network_nodes=network.n_nodes, point_node=point_node, ties=ties, access_m=access,
                        mode=mode, cost=cost, uniform_speed=speeds.uniform, splits=splits)


@dataclass
class EdgePoints:
    """Points placed on the edges of a routing graph without becoming its nodes (:func:`access_graph`).

    A point tied inside an edge piece lies between two graph nodes ``node_a`` and ``node_b`` (in
    the direction of its segment); a point that QGIS would snap onto a node is that node
    (``node_b`` -1). Attributes, one entry per point:

    node_a, node_b: graph nodes (-1: none; ``node_a`` -1 means not connected).
    len_a, len_b: metres from ``node_a`` / ``node_b`` to the tied point.
    min_a, min_b: the same in minutes at the speed of the point's line.
    a_to_b, b_to_a: the mode may travel along the piece from a towards b / from b towards a.
    access_m: point → its place on the network (inf when not connected).
    connected: tied within the access distance.
    tie_m: point → nearest point of the network, also beyond the access distance (inf: none).
    """

    node_a: np.ndarray
    node_b: np.ndarray
    len_a: np.ndarray
    len_b: np.ndarray
    min_a: np.ndarray
    min_b: np.ndarray
    a_to_b: np.ndarray
    b_to_a: np.ndarray
    access_m: np.ndarray
    connected: np.ndarray
    tie_m: np.ndarray


#: largest tolerance at which :func:`access_graph` leaves demand points out of the graph (above it
#: QGIS merges tied points with each other, which moves facilities: then every point is a node)
EDGE_POINTS_MAX_TOLERANCE = 1e-6


def access_graph(network: Network, demand_xy: np.ndarray, facility_xy: np.ndarray,
                 mode: Union[str, Mode] = WALK, cost: str = "distance",
                 max_access: float = np.inf) -> Tuple[RoutingGraph, EdgePoints, np.ndarray]:
    """The routing graph for nearest-facility searches: facilities tied in, demand points placed on edges.

    QGIS ties every point into the graph, splitting its edge. A demand point only ever ends a
    path, so the distance to it is that to one end of its edge piece plus the piece to the
    point: :func:`graph_access` adds that, and the graph stays smaller (20,000 demand points on
    a 50,000-node network: 40 % fewer nodes to search). Demand points QGIS would snap onto a
    node of another segment join the graph as points, since there QGIS's split connects the
    two lines. With a tolerance above :data:`EDGE_POINTS_MAX_TOLERANCE` all points are tied in.

    Returns ``(graph, demand, facility_index)``: ``demand`` the :class:`EdgePoints` of the demand
    points, ``facility_index`` the facilities' positions among the graph's points.
    """
    mode = get_mode(mode)
    demand_xy = np.asarray(demand_xy, dtype=np.float64).reshape(-1, 2)
    facility_xy = np.asarray(facility_xy, dtype=np.float64).reshape(-1, 2)
    nd, nf = len(demand_xy), len(facility_xy)
    if network.effective_tolerance > EDGE_POINTS_MAX_TOLERANCE:
        graph = routing_graph(network, np.vstack([demand_xy, facility_xy]), mode, cost, max_access)
        node = graph.point_node[:nd]
        return graph, _points_at_nodes(node, graph.access_m[:nd], graph.ties.access_m[:nd]), nd + np.arange(nf)
    speeds = line_speeds(network, mode)
    ties = tie_points(network, demand_xy, max_access, None if speeds.allowed.all() else speeds.allowed)
    idx = np.nonzero(ties.connected)[0]
    existing = np.full(nd, -1, dtype=np.int64)
    if idx.size:
        existing[idx] = _existing_nodes(network, ties, idx)
    seg = np.where(ties.connected, ties.segment, 0)
    own_end = (existing == network.seg_u[seg]) | (existing == network.seg_v[seg])
    joins = np.nonzero(ties.connected & (existing >= 0) & ~own_end)[0]  # snapped onto another line's node
    graph = routing_graph(network, np.vstack([demand_xy[joins], facility_xy]), mode, cost, max_access)
    node_a = np.full(nd, -1, dtype=np.int64)
    node_b = np.full(nd, -1, dtype=np.int64)
    access = np.full(nd, np.inf)
    on_node = np.nonzero(ties.connected & (existing >= 0))[0]
    node_a[on_node] = existing[on_node]
    d = demand_xy[on_node] - network.node_xy[existing[on_node]]
    access[on_node] = np.sqrt(d[:, 0] ** 2 + d[:, 1] ** 2)
    node_a[joins] = graph.point_node[: len(joins)]
    access[joins] = graph.access_m[: len(joins)]
    inner = np.nonzero(ties.connected & (existing < 0))[0]
    len_a, len_b = np.zeros(nd), np.full(nd, np.inf)
    min_a, min_b = np.zeros(nd), np.full(nd, np.inf)
    a_to_b = np.ones(nd, dtype=bool)
    b_to_a = np.ones(nd, dtype=bool)
    if inner.size:
        s = ties.segment[inner]
        t = ties.tie_xy[inner]
        u, v = network.seg_u[s], network.seg_v[s]
        p1 = graph.node_xy[u]
        key = (p1[:, 0] - t[:, 0]) ** 2 + (p1[:, 1] - t[:, 1]) ** 2  # as the splits are ordered
        a, b = _split_neighbours(graph.splits, s, key, u, v)
        # a tie within the tolerance of a tie node (a facility at the same place) merges with it in
        # QGIS: the point is that node, whatever the one-way rules of the piece
        tol = network.effective_tolerance
        at_b = np.all(np.abs(graph.node_xy[b] - t) <= tol, axis=1)
        at_a = np.all(np.abs(graph.node_xy[a] - t) <= tol, axis=1) & ~at_b
        a = np.where(at_b, b, a)
        b = np.where(at_a | at_b, -1, b)
        node_a[inner], node_b[inner] = a, b
        two = b >= 0
        da = graph.node_xy[a] - t
        db = graph.node_xy[np.maximum(b, 0)] - t
        len_a[inner] = np.where(two, np.sqrt(da[:, 0] * da[:, 0] + da[:, 1] * da[:, 1]), 0.0)
        len_b[inner] = np.where(two, np.sqrt(db[:, 0] * db[:, 0] + db[:, 1] * db[:, 1]), np.inf)
        line = network.seg_line[s]
        min_a[inner] = _edge_minutes(network, mode, len_a[inner], line)
        min_b[inner] = np.where(two, _edge_minutes(network, mode, np.where(two, len_b[inner], 0.0), line), np.inf)
        if mode.oneway and network.n_lines:
            code = network.line_direction[line]
            a_to_b[inner] = (code != DIR_BACKWARD) | ~two  # a comes before b from the segment's first node
            b_to_a[inner] = (code != DIR_FORWARD) | ~two
        access[inner] = ties.access_m[inner]
    points = EdgePoints(node_a=node_a, node_b=node_b, len_a=len_a, len_b=len_b, min_a=min_a, min_b=min_b,
                        a_to_b=a_to_b, b_to_a=b_to_a, access_m=access, connected=node_a >= 0,
                        tie_m=ties.access_m)
    return graph, points, len(joins) + np.arange(nf)


def _points_at_nodes(node: np.ndarray, access: np.ndarray, tie_m: Optional[np.ndarray] = None) -> EdgePoints:
    """:class:`EdgePoints` of points that are graph nodes themselves."""
    n = len(node)
    return EdgePoints(node_a=np.asarray(node, dtype=np.int64), node_b=np.full(n, -1, dtype=np.int64),
                      len_a=np.zeros(n), len_b=np.full(n, np.inf), min_a=np.zeros(n), min_b=np.full(n, np.inf),
                      a_to_b=np.ones(n, dtype=bool), b_to_a=np.ones(n, dtype=bool),
                      access_m=np.asarray(access, dtype=float), connected=np.asarray(node) >= 0,
                      tie_m=np.asarray(access if tie_m is None else tie_m, dtype=float))


def _split_neighbours(splits, seg: np.ndarray, key: np.ndarray, u: np.ndarray, v: np.ndarray):
    """The graph nodes before and after positions ``key`` on segments ``seg`` (ends ``u``, ``v``).

    ``splits``: the graph's (segment, key, node), sorted; a split at exactly ``key`` counts as
    before. Without splits on a segment the neighbours are its ends.
    """
    ss, sk, sn = splits if splits is not None else (np.zeros(0, dtype=np.int64), np.zeros(0), np.zeros(0, np.int64))
    m = len(ss)
    if m == 0:
        return u.copy(), v.copy()
    all_seg = np.concatenate([ss, seg])
    all_key = np.concatenate([sk, key])
    kind = np.concatenate([np.zeros(m, dtype=np.int8), np.ones(len(seg), dtype=np.int8)])  # splits first on ties
    order = np.lexsort((kind, all_key, all_seg))
    is_split = order < m
    pos = np.arange(len(order))
    prev = np.maximum.accumulate(np.where(is_split, pos, -1))
    nxt = np.minimum.accumulate(np.where(is_split, pos, len(order))[::-1])[::-1]
    where = np.empty(len(seg), dtype=np.int64)  # position of each query in the sorted order
    where[order[~is_split] - m] = pos[~is_split]
    p, q = prev[where], nxt[where]
    sorted_seg = all_seg[order]
    has_p = (p >= 0) & (sorted_seg[np.maximum(p, 0)] == seg)
    has_q = (q < len(order)) & (sorted_seg[np.minimum(q, len(order) - 1)] == seg)
    a = np.where(has_p, sn[np.minimum(order[np.maximum(p, 0)], m - 1)], u)
    b = np.where(has_q, sn[np.minimum(order[np.minimum(q, len(order) - 1)], m - 1)], v)
    return a, b


#: routing graphs kept per network by :func:`cached_routing_graph`
ROUTING_GRAPHS_KEPT = 2


def _digest(xy) -> tuple:
    pts = np.ascontiguousarray(np.zeros((0, 2)) if xy is None else xy, dtype=np.float64).reshape(-1, 2)
    return len(pts), hashlib.blake2b(pts.tobytes(), digest_size=16).digest()


def _kept(network: Network, key: tuple, build: Callable[[], Any]):
    """The value kept with ``network`` under ``key``, else ``build()`` (the last few are kept)."""
    kept = network._cache.setdefault("routing_graphs", OrderedDict())
    if key in kept:
        kept.move_to_end(key)
        return kept[key]
    value = build()
    kept[key] = value
    while len(kept) > ROUTING_GRAPHS_KEPT:
        kept.popitem(last=False)
    return value


def _freeze(graph: RoutingGraph, *extra) -> None:
    for arr in (graph.node_xy, graph.point_node, graph.access_m, graph.length_m, graph.minutes, graph.ties.segment,
                graph.ties.tie_xy, graph.ties.access_m, graph.ties.connected) + extra:
        arr.setflags(write=False)


def cached_routing_graph(
    network: Network,
    points_xy: np.ndarray | None = None,
    mode: Union[str, Mode] = WALK,
    cost: str = "distance",
    max_access: float = np.inf,
) -> RoutingGraph:
    """:func:`routing_graph`, reused while the points, mode, cost and access limit stay the same.

    The workshop case: the same demand and facilities analysed again with other thresholds,
    another k or cut-off. The graphs live with the ``network`` (so a changed or evicted network
    drops them), the last :data:`ROUTING_GRAPHS_KEPT` of them; the points are compared by a
    digest of their coordinates. A reused graph's point arrays are read-only.
    """
    mode = get_mode(mode)

    def build():
        graph = routing_graph(network, points_xy, mode, cost, max_access)
        _freeze(graph)
        return graph

    return _kept(network, ("tied", mode, cost, float(max_access), _digest(points_xy)), build)


def cached_access_graph(network: Network, demand_xy: np.ndarray, facility_xy: np.ndarray,
                        mode: Union[str, Mode] = WALK, cost: str = "distance", max_access: float = np.inf):
    """:func:`access_graph`, reused as :func:`cached_routing_graph` is (same store, arrays read-only)."""
    mode = get_mode(mode)

    def build():
        graph, points, fac_index = access_graph(network, demand_xy, facility_xy, mode, cost, max_access)
        _freeze(graph, *(getattr(points, f) for f in points.__dataclass_fields__), fac_index)
        return graph, points, fac_index

    key = ("edges", mode, cost, float(max_access), _digest(demand_xy), _digest(facility_xy))
    return _kept(network, key, build)


# --------------------------------------------------------------------------------------------
# graph cache
# --------------------------------------------------------------------------------------------


class GraphCache:
    """A small LRU cache for built networks, keyed by a tuple the adapter supplies.

    The key should change whenever the graph would: e.g. ``(layer id, layer modification stamp,
    tolerance, mode, direction field, speed field, road class field, ...)`` (see
    :func:`network_cache_key`). Speed tables need not be part of the key: a :class:`Network` holds
    the road class of every line, and the speeds of a mode (its table included) are applied per
    run and cached on the network per :class:`Mode` (:func:`line_speeds`).
    """

    def __init__(self, maxsize: int = 4):
        if maxsize < 1:
            raise ValueError("maxsize must be >= 1")
        self.maxsize = maxsize
        self._data: OrderedDict = OrderedDict()
        self.hits = 0
        self.misses = 0

    def get_or_build(self, key: Hashable, build: Callable[[], Any]) -> Any:
        """The cached value for ``key``, or ``build()`` stored under ``key`` (evicting the oldest)."""
        if key in self._data:
            self._data.move_to_end(key)
            self.hits += 1
            return self._data[key]
        self.misses += 1
        value = build()
        self._data[key] = value
        while len(self._data) > self.maxsize:
            self._data.popitem(last=False)
        return value

    def invalidate(self, predicate: Callable[[Hashable], bool] | None = None) -> None:
        """Drop all entries, or those whose key satisfies ``predicate`` (e.g. one layer id)."""
        if predicate is None:
            self._data.clear()
        else:
            for k in [k for k in self._data if predicate(k)]:
                del self._data[k]

    def __contains__(self, key: Hashable) -> bool:
        return key in self._data

    def __len__(self) -> int:
        return len(self._data)


def network_cache_key(layer_id: str, stamp: Hashable, tolerance: float, mode: str = "",
                      fields: Sequence[Any] = ()) -> tuple:
    """The cache key: ``(layer_id, stamp, tolerance, mode, tuple(fields))``."""
    return (str(layer_id), stamp, float(tolerance), str(mode), tuple(fields))


#: The session-wide cache used by the QGIS adapter.
NETWORK_CACHE = GraphCache(maxsize=4)
