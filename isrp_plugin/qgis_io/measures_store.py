"""The measure store: one GeoPackage per planning project, with history kept by SQLite triggers.

File layout (``<project>_massnahmen.gpkg`` beside the project file by default; the path is kept in
the project as ``isrp/measures/path``, relative to the project file):

==========================  ==============================================================
``massnahmen_punkte``       measures drawn as points (Point)
``massnahmen_flaechen``     measures drawn as areas (MultiPolygon)
``massnahmen_historie``     append-only history: every insert, update and delete of both
                            layers, by any writer (QGIS, a second QGIS, ogr2ogr, sqlite3)
``massnahmen_handlungsfelder``  lookup table (code, label_en, label_de) for the
                            multi-select "fields of action" widget
==========================  ==============================================================

Why two layers and not one: a QGIS vector layer has exactly one geometry type. A GeoPackage table
of type GEOMETRY can hold points and polygons, but QGIS then splits it into one sub-layer per type
on load and its digitising tools cannot add to it reliably. Two layers with the same schema keep
every standard QGIS tool (add, vertex tool, attribute table, form) working; ``measure_id`` (a UUID)
identifies a measure across both layers and the history.

Guarantees made by the file itself (all writers):

* **History** – ``AFTER INSERT/UPDATE/DELETE`` triggers write a row to ``massnahmen_historie``
  in the same transaction as the change: time (UTC, from SQLite), operation, layer, fid,
  measure id, who (the ``changed_by`` the writer left on the row: the plugin and QGIS's default
  values stamp every edit; a writer that does not is attributed to the previous editor) and the
  changes as JSON (insert/delete: the full record
  including the geometry as hex GPKG blob; update: ``{field: [old, new]}`` of the changed fields).
  Updates that touch only ``changed_at``/``changed_by`` are not recorded (the plugin stamps a row
  right before deleting it, so the delete entry names who deleted). The history table refuses
  updates and deletes.
* **Validation** – ``BEFORE INSERT/UPDATE`` triggers abort writes with an empty title, an unknown
  status, end before start, negative costs, or a status change not allowed by
  :data:`isrp_plugin.core.measures.TRANSITIONS`.
* **Journal** – the file is created in WAL mode. QGIS itself switches a GeoPackage to WAL while a
  layer of it is edited and back to a rollback journal when it closes its last handle, so the
  mode on disk changes with QGIS sessions; the store relies on neither (both are crash-safe: a
  committed transaction survives a killed process, and with ``synchronous=FULL``, which the
  store sets, a power cut).

How the store writes, and why (found by stress tests of two processes): every write (add,
update, status, delete, duplicate, restore) is one ``BEGIN IMMEDIATE`` … ``COMMIT`` transaction
on a short-lived SQLite connection of the store's own, waiting for a busy file, committed before
the call returns; the form runs on a scratch memory layer (:func:`form_layer`). The store does not
write through QGIS edit sessions and keeps no connection open between writes. Writing through
QGIS edit sessions (and, worse, holding a connection to keep WAL on) corrupted the file in
concurrent tests: GDAL opens and closes the GeoPackage file outside SQLite (to identify it), which
silently drops SQLite's POSIX locks of that process, after which QGIS in another process could
switch the journal mode under a live WAL connection. Undo in an edit session is therefore not
QGIS's edit buffer but the history: :meth:`MeasureStore.apply_history` writes the inverse of a
recorded step (see :mod:`isrp_plugin.qgis_io.measures_undo`).

SQL in this module is built only from the module's own table/column names (quoted with
:func:`_sql_ident`); every value is bound as a parameter.
"""

from __future__ import annotations

import datetime as _dt
import getpass
import json
import logging
import os
import sqlite3
import struct
import uuid
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Any, Dict, Iterable, List, Optional, Tuple

from qgis.core import (
    NULL,
    Qgis,
    QgsApplication,
    QgsAttributeEditorContainer,
    QgsAttributeEditorField,
    QgsCategorizedSymbolRenderer,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCoordinateTransformContext,
    QgsDefaultValue,
    QgsEditFormConfig,
    QgsEditorWidgetSetup,
    QgsFeature,
    QgsFeatureRequest,
    QgsFieldConstraints,
    QgsFields,
    QgsFillSymbol,
    QgsGeometry,
    QgsMarkerSymbol,
    QgsOptionalExpression,
    QgsPalLayerSettings,
    QgsProject,
    QgsProperty,
    QgsProviderRegistry,
    QgsRectangle,
    QgsRendererCategory,
    QgsSymbolLayer,
    QgsTextBufferSettings,
    QgsTextFormat,
    QgsVectorFileWriter,
    QgsVectorLayer,
    QgsVectorLayerSimpleLabeling,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QDate, QDateTime, QObject, Qt, QTimer, pyqtSignal
from qgis.PyQt.QtGui import QColor

from ..core import measures as m
from .compat import disconnect_all, is_null, make_field
from .gpkg_bulk import sql_ident as _sql_ident

LOG = logging.getLogger("isrp_plugin.measures")

POINT_LAYER = "massnahmen_punkte"
AREA_LAYER = "massnahmen_flaechen"
HISTORY_TABLE = "massnahmen_historie"
LOOKUP_TABLE = "massnahmen_handlungsfelder"
LAYER_NAMES = {"point": POINT_LAYER, "area": AREA_LAYER}
KIND_OF_LAYER = {v: k for k, v in LAYER_NAMES.items()}
PROJECT_SCOPE = "isrp"
PROJECT_KEY = "measures/path"
DEFAULT_SUFFIX = "_massnahmen.gpkg"
DEFAULT_EPSG = "EPSG:25832"
#: geometry column and fid column names GDAL uses for GeoPackages
GEOM_COL = "geom"
FID_COL = "fid"
#: ValueMap's stand-in for NULL (QGIS's own constant)
VALUEMAP_NULL = "{2839923C-8B7D-419E-B84B-CA2FE9B80EC7}"

#: Okabe–Ito colours (colour-blind safe), one per status
STATUS_COLOURS = {
    "proposed": "#e69f00",  # orange
    "agreed": "#56b4e9",  # sky blue
    "in_progress": "#0072b2",  # blue
    "done": "#009e73",  # bluish green
    "rejected": "#999999",  # grey
}
#: marker shape per measure type (QgsSimpleMarkerSymbolLayer names)
TYPE_SHAPES = {"service": "circle", "facility": "square", "spatial": "triangle"}


# --------------------------------------------------------------------------------------------
# QGIS 3.22 … 4 enum differences used here
# --------------------------------------------------------------------------------------------


def _first(*getters):
    for get in getters:
        try:
            value = get()
        except AttributeError:
            continue
        if value is not None:
            return value
    raise AttributeError("none of the enum spellings exists in this QGIS")


WKB_POINT = _first(lambda: Qgis.WkbType.Point, lambda: QgsWkbTypes.Type.Point)
WKB_MULTIPOLYGON = _first(lambda: Qgis.WkbType.MultiPolygon, lambda: QgsWkbTypes.Type.MultiPolygon)
WKB_NOGEOMETRY = _first(lambda: Qgis.WkbType.NoGeometry, lambda: QgsWkbTypes.Type.NoGeometry)
GEOMETRY_POINT = _first(lambda: Qgis.GeometryType.Point, lambda: QgsWkbTypes.GeometryType.PointGeometry)
GEOMETRY_POLYGON = _first(lambda: Qgis.GeometryType.Polygon, lambda: QgsWkbTypes.GeometryType.PolygonGeometry)
FORM_TABS = _first(lambda: Qgis.AttributeFormLayout.DragAndDrop, lambda: QgsEditFormConfig.EditorLayout.TabLayout)
PROPERTY_NAME = _first(lambda: QgsSymbolLayer.Property.Name, lambda: QgsSymbolLayer.Property.PropertyName)
LABEL_OVER_POINT = _first(lambda: Qgis.LabelPlacement.OverPoint, lambda: QgsPalLayerSettings.Placement.OverPoint)
NOT_NULL = QgsFieldConstraints.Constraint.ConstraintNotNull
EXPRESSION = QgsFieldConstraints.Constraint.ConstraintExpression
HARD = QgsFieldConstraints.ConstraintStrength.ConstraintStrengthHard
SOFT = QgsFieldConstraints.ConstraintStrength.ConstraintStrengthSoft


def _set_tab(container: QgsAttributeEditorContainer, group_box: bool = False) -> None:
    ctype = getattr(Qgis, "AttributeEditorContainerType", None)
    if ctype is not None and hasattr(container, "setType"):
        container.setType(ctype.GroupBox if group_box else ctype.Tab)
    else:
        container.setIsGroupBox(group_box)


# --------------------------------------------------------------------------------------------
# small helpers
# --------------------------------------------------------------------------------------------


class StoreError(RuntimeError):
    """A store operation failed; the message says why (and nothing was written)."""


def current_user() -> str:
    """Who edits: QGIS's user full name, else the OS account name."""
    name = ""
    try:
        name = QgsApplication.userFullName() or ""
    except Exception:  # noqa: BLE001 - very early/late in the application life
        name = ""
    if not name.strip():
        try:
            name = getpass.getuser()
        except Exception:  # noqa: BLE001 - no login name (e.g. some services)
            name = ""
    return name.strip() or "unknown"


def now() -> QDateTime:
    """The timestamp written into created_at/changed_at (local time, like QGIS's ``now()``)."""
    return QDateTime.currentDateTime()


def now_text() -> str:
    """:func:`now` as stored in the GeoPackage (ISO 8601, milliseconds, local time)."""
    return now().toString(Qt.DateFormat.ISODateWithMs)


def new_measure_id() -> str:
    return str(uuid.uuid4())


def to_python(value) -> Any:
    """An attribute value as plain Python (NULL → None, QDate → 'YYYY-MM-DD', QDateTime → ISO)."""
    if is_null(value):
        return None
    if isinstance(value, QDateTime):
        return value.toString(Qt.DateFormat.ISODateWithMs) if value.isValid() else None
    if isinstance(value, QDate):
        return value.toString(Qt.DateFormat.ISODate) if value.isValid() else None
    return value


def to_qgis(spec: m.FieldSpec, value) -> Any:
    """A Python value for an attribute of ``spec`` (dates from ISO text, numbers from text)."""
    if value is None or is_null(value) or (isinstance(value, str) and not value.strip() and spec.kind != "string"):
        return NULL
    if spec.kind == "date":
        if isinstance(value, QDate):
            return value
        d = m.to_date(value)
        return QDate(d.year, d.month, d.day) if d else NULL
    if spec.kind == "datetime":
        if isinstance(value, QDateTime):
            return value
        if isinstance(value, _dt.datetime):
            return QDateTime.fromString(value.isoformat(timespec="milliseconds"), Qt.DateFormat.ISODateWithMs)
        text = str(value).strip()
        dt = QDateTime.fromString(text, Qt.DateFormat.ISODateWithMs)
        if not dt.isValid():
            dt = QDateTime.fromString(text, Qt.DateFormat.ISODate)
        if not dt.isValid():
            dt = QDateTime.fromString(text.replace(" ", "T"), Qt.DateFormat.ISODate)
        return dt if dt.isValid() else NULL
    if spec.kind == "double":
        return m.to_number(value)
    if spec.kind == "int":
        return int(m.to_number(value))
    if spec.multi and isinstance(value, (list, tuple)):
        return m.format_code_list(value)
    return value


def to_sql(spec: m.FieldSpec, value) -> Any:
    """A value as stored in the GeoPackage column of ``spec`` (text dates, numbers, code lists).

    Values that cannot be converted are passed on unchanged, so that validation names them.
    """
    if isinstance(value, (list, tuple)) and spec.multi:
        return m.format_code_list(value)
    if isinstance(value, _dt.datetime):
        value = value.isoformat(timespec="milliseconds")
    elif isinstance(value, _dt.date):
        value = value.isoformat()
    value = to_python(value)
    if value is None:
        return None
    if isinstance(value, str) and not value.strip() and spec.kind != "string":
        return None
    try:
        if spec.kind == "date":
            return m.to_date(value).isoformat()
        if spec.kind == "double":
            return m.to_number(value)
        if spec.kind == "int":
            number = m.to_number(value)
            return int(number) if number is not None and float(number).is_integer() else value
    except (TypeError, ValueError):
        return value
    return value


def _qbytes(data) -> bytes:
    return bytes(data.data()) if hasattr(data, "data") else bytes(data)


def gpkg_blob(geometry: Optional[QgsGeometry], srs_id: int) -> Optional[bytes]:
    """A GeoPackage geometry blob (standard binary header, envelope for non-points, ISO WKB)."""
    if geometry is None or geometry.isNull():
        return None
    wkb = _qbytes(geometry.asWkb())
    flags = 0x01  # little-endian header values
    envelope = b""
    if geometry.isEmpty():
        flags |= 0x10
    elif not (geometry.type() == GEOMETRY_POINT and not geometry.isMultipart()):
        box = geometry.boundingBox()
        flags |= 1 << 1  # envelope [minx, maxx, miny, maxy]
        envelope = struct.pack("<4d", box.xMinimum(), box.xMaximum(), box.yMinimum(), box.yMaximum())
    return b"GP" + bytes([0, flags]) + struct.pack("<i", int(srs_id)) + envelope + wkb


def geometry_from_blob(blob) -> QgsGeometry:
    """A QgsGeometry from a GeoPackage blob (empty geometry for NULL or an empty blob)."""
    geom = QgsGeometry()
    if blob is None:
        return geom
    data = bytes(blob)
    if len(data) < 8 or data[:2] != b"GP" or data[3] & 0x10:
        return geom
    geom.fromWkb(gpkg_blob_to_wkb(data))
    return geom


def _blob_envelope(blob):
    if blob is None:
        return None
    data = bytes(blob)
    if len(data) < 8 or data[:2] != b"GP" or data[3] & 0x10:
        return None
    indicator = (data[3] >> 1) & 0x07
    if indicator in (1, 2, 3, 4):
        return struct.unpack_from("<4d" if data[3] & 0x01 else ">4d", data, 8)
    geom = geometry_from_blob(data)
    if geom.isEmpty():
        return None
    box = geom.boundingBox()
    return box.xMinimum(), box.xMaximum(), box.yMinimum(), box.yMaximum()


def _st_is_empty(blob):
    if blob is None:
        return None
    return 0 if _blob_envelope(blob) is not None else 1


def _envelope_part(i):
    def func(blob):
        env = _blob_envelope(blob)
        return None if env is None else env[i]

    return func


def register_gpkg_functions(con: sqlite3.Connection) -> None:
    """The SQL functions a GeoPackage's spatial-index triggers call (GDAL registers its own)."""
    kwargs = {"deterministic": True} if sqlite3.sqlite_version_info >= (3, 8, 3) else {}
    con.create_function("ST_IsEmpty", 1, _st_is_empty, **kwargs)
    for i, name in enumerate(("ST_MinX", "ST_MaxX", "ST_MinY", "ST_MaxY")):
        con.create_function(name, 1, _envelope_part(i), **kwargs)


def _explain(exc: sqlite3.Error) -> str:
    text = str(exc)
    if text.startswith("ISRP: "):
        return text[6:]
    if "locked" in text or "busy" in text:
        return text + " (another program kept the file busy)"
    return text


def gpkg_blob_to_wkb(blob: bytes) -> bytes:
    """The WKB inside a GeoPackage geometry blob (header 'GP', version, flags, srs id, envelope)."""
    if not blob or blob[:2] != b"GP":
        raise ValueError("not a GeoPackage geometry blob")
    envelope = (blob[3] >> 1) & 0x07
    size = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}.get(envelope)
    if size is None:
        raise ValueError("invalid envelope indicator in GeoPackage blob")
    return bytes(blob[8 + size:])


def _sql_str(text: str) -> str:
    return "'" + str(text).replace("'", "''") + "'"


# --------------------------------------------------------------------------------------------
# schema SQL (triggers)
# --------------------------------------------------------------------------------------------


def _json_args(prefix: str) -> str:
    cols = [FID_COL, *m.FIELD_NAMES]
    parts = [f"{_sql_str(c)}, {prefix}.{_sql_ident(c)}" for c in cols]
    parts.append(f"'{GEOM_COL}', hex({prefix}.{_sql_ident(GEOM_COL)})")
    return ", ".join(parts)


def trigger_sql(table: str) -> List[str]:
    """CREATE TRIGGER statements (history + validation) for one measure layer."""
    t = _sql_ident(table)
    name = table
    ts = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"
    hist = _sql_ident(HISTORY_TABLE)
    statuses = ", ".join(_sql_str(s) for s in m.STATUSES.codes)
    pairs = ", ".join(_sql_str(f"{a}>{b}") for a, b in m.transition_pairs())
    checks = f"""
    SELECT RAISE(ABORT, 'ISRP: a measure needs a title') WHERE NEW.title IS NULL OR trim(NEW.title) = '';
    SELECT RAISE(ABORT, 'ISRP: unknown or missing status') WHERE NEW.status IS NULL OR NEW.status NOT IN ({statuses});
    SELECT RAISE(ABORT, 'ISRP: the end lies before the start')
        WHERE NEW.start_date IS NOT NULL AND NEW.end_date IS NOT NULL AND NEW.end_date < NEW.start_date;
    SELECT RAISE(ABORT, 'ISRP: costs must not be negative')
        WHERE NEW.cost_investment < 0 OR NEW.cost_running < 0;"""
    tracked = [c for c in m.FIELD_NAMES if c not in m.STAMP_FIELDS]
    changed = " OR ".join(f"OLD.{_sql_ident(c)} IS NOT NEW.{_sql_ident(c)}" for c in [FID_COL, GEOM_COL, *tracked])
    diff_rows = " UNION ALL ".join(
        f"SELECT {_sql_str(c)} AS k, OLD.{_sql_ident(c)} AS o, NEW.{_sql_ident(c)} AS n"
        for c in [FID_COL, *m.FIELD_NAMES]
    ) + f" UNION ALL SELECT '{GEOM_COL}', hex(OLD.{_sql_ident(GEOM_COL)}), hex(NEW.{_sql_ident(GEOM_COL)})"
    return [
        f"""CREATE TRIGGER "isrp_{name}_check_insert" BEFORE INSERT ON {t} BEGIN {checks} END""",
        f"""CREATE TRIGGER "isrp_{name}_check_update" BEFORE UPDATE ON {t} BEGIN {checks}
    SELECT RAISE(ABORT, 'ISRP: this status change is not allowed')
        WHERE OLD.status IS NOT NULL AND NEW.status IS NOT OLD.status
          AND (OLD.status || '>' || NEW.status) NOT IN ({pairs});
END""",
        f"""CREATE TRIGGER "isrp_{name}_history_insert" AFTER INSERT ON {t} BEGIN
    INSERT INTO {hist} (ts, op, layer_name, feature_fid, measure_id, who, changes)
    VALUES ({ts}, 'insert', {_sql_str(table)}, NEW.{FID_COL}, NEW.measure_id,
            COALESCE(NEW.changed_by, NEW.created_by), json_object({_json_args('NEW')}));
END""",  # nosec B608
        f"""CREATE TRIGGER "isrp_{name}_history_update" AFTER UPDATE ON {t} WHEN {changed} BEGIN
    INSERT INTO {hist} (ts, op, layer_name, feature_fid, measure_id, who, changes)
    SELECT {ts}, 'update', {_sql_str(table)}, NEW.{FID_COL}, NEW.measure_id, NEW.changed_by,
           (SELECT json_group_object(k, json_array(o, n)) FROM ({diff_rows}) WHERE o IS NOT n);
END""",  # nosec B608
        f"""CREATE TRIGGER "isrp_{name}_history_delete" AFTER DELETE ON {t} BEGIN
    INSERT INTO {hist} (ts, op, layer_name, feature_fid, measure_id, who, changes)
    VALUES ({ts}, 'delete', {_sql_str(table)}, OLD.{FID_COL}, OLD.measure_id, OLD.changed_by,
            json_object({_json_args('OLD')}));
END""",  # nosec B608
    ]


def history_guard_sql() -> List[str]:
    hist = _sql_ident(HISTORY_TABLE)
    return [
        f"""CREATE TRIGGER "isrp_history_no_update" BEFORE UPDATE ON {hist} BEGIN
    SELECT RAISE(ABORT, 'ISRP: the measure history is append-only'); END""",
        f"""CREATE TRIGGER "isrp_history_no_delete" BEFORE DELETE ON {hist} BEGIN
    SELECT RAISE(ABORT, 'ISRP: the measure history is append-only'); END""",
    ]


def measure_fields() -> QgsFields:
    fields = QgsFields()
    for spec in m.FIELDS:
        fields.append(make_field(spec.name, spec.kind, spec.length))
    return fields


def history_fields() -> QgsFields:
    fields = QgsFields()
    for name, kind in (("ts", "datetime"), ("op", "string"), ("layer_name", "string"), ("feature_fid", "int64"),
                       ("measure_id", "string"), ("who", "string"), ("changes", "string")):
        fields.append(make_field(name, kind))
    return fields


# --------------------------------------------------------------------------------------------
# the store
# --------------------------------------------------------------------------------------------


class MeasureStore:
    """A measures GeoPackage. Create with :meth:`create`, open with :meth:`open`.

    Every write (add, update, status, delete, duplicate, restore) is one SQLite transaction on a
    short-lived connection of its own (``BEGIN IMMEDIATE`` … ``COMMIT``, waiting up to
    :attr:`busy_timeout_s` for another writer), committed before the method returns. The
    GeoPackage's spatial-index triggers call GDAL's ``ST_*`` SQL functions; the store registers
    equivalents on its connection. QGIS layers are only read; :meth:`use_layers` hands the store
    the project's layers so that they are reloaded after each write.
    """

    busy_timeout_s = 30.0

    def __init__(self, path, crs: Optional[QgsCoordinateReferenceSystem] = None):
        self.path = Path(path)
        self._layers: Dict[str, QgsVectorLayer] = {}
        self._crs = crs
        self._srs_ids: Dict[str, int] = {}
        self.listeners: List = []  # callables run after every write (the dock refreshes)
        #: callables run after every write with the history rows that write made (undo journal)
        self.write_listeners: List = []

    def release(self) -> None:
        """Drop the store's own (non-project) layer objects."""
        self._layers.clear()

    def close(self) -> None:  # kept for symmetry; the store holds no open connection
        self.release()

    # -- creation / opening -------------------------------------------------------------------
    @classmethod
    def create(cls, path, crs: Optional[QgsCoordinateReferenceSystem] = None,
               transform_context: Optional[QgsCoordinateTransformContext] = None,
               journal_mode: str = "wal") -> MeasureStore:
        """Create a new store file (fails if the file exists). ``journal_mode``: 'wal' or 'delete'."""
        path = Path(path)
        if path.exists():
            raise StoreError(f"{path} exists already")
        if not path.parent.exists():
            raise StoreError(f"folder {path.parent} does not exist")
        crs = crs if crs is not None and crs.isValid() else QgsCoordinateReferenceSystem(DEFAULT_EPSG)
        ctx = transform_context or QgsCoordinateTransformContext()
        layers = [
            (POINT_LAYER, measure_fields(), WKB_POINT, "Maßnahmen (Punkte) – ISRP"),
            (AREA_LAYER, measure_fields(), WKB_MULTIPOLYGON, "Maßnahmen (Flächen) – ISRP"),
            (HISTORY_TABLE, history_fields(), WKB_NOGEOMETRY, "Historie aller Änderungen an Maßnahmen – ISRP"),
            (LOOKUP_TABLE, _lookup_fields(), WKB_NOGEOMETRY, "Handlungsfelder (Werteliste) – ISRP"),
        ]
        try:
            for i, (name, fields, wkb, description) in enumerate(layers):
                opts = QgsVectorFileWriter.SaveVectorOptions()
                opts.driverName = "GPKG"
                opts.layerName = name
                opts.fileEncoding = "UTF-8"
                opts.layerOptions = [f"IDENTIFIER={name}", f"DESCRIPTION={description}"]
                opts.actionOnExistingFile = (
                    QgsVectorFileWriter.ActionOnExistingFile.CreateOrOverwriteFile if i == 0
                    else QgsVectorFileWriter.ActionOnExistingFile.CreateOrOverwriteLayer)
                writer = QgsVectorFileWriter.create(str(path), fields, wkb, crs, ctx, opts)
                if writer.hasError() != QgsVectorFileWriter.WriterError.NoError:
                    msg = writer.errorMessage()
                    del writer
                    raise StoreError(f"cannot create {path}: {msg}")
                if name == LOOKUP_TABLE:
                    for j, c in enumerate(m.FIELDS_OF_ACTION.choices):
                        f = QgsFeature(fields)
                        f.setAttributes([c.code, c.en, c.de, j + 1])
                        writer.addFeature(f)
                del writer
            with closing(sqlite3.connect(str(path), timeout=30)) as con:
                if journal_mode:
                    con.execute(f"PRAGMA journal_mode={journal_mode}")
                with con:
                    for table in (POINT_LAYER, AREA_LAYER):
                        con.execute(f'CREATE UNIQUE INDEX "idx_{table}_measure_id" ON {_sql_ident(table)} (measure_id)')
                        for sql in trigger_sql(table):
                            con.execute(sql)
                    for sql in history_guard_sql():
                        con.execute(sql)
                    con.execute(f'CREATE INDEX "idx_{HISTORY_TABLE}_measure" ON {_sql_ident(HISTORY_TABLE)} '
                                "(measure_id)")
        except Exception:
            for suffix in ("", "-wal", "-shm", "-journal"):
                try:
                    Path(str(path) + suffix).unlink()
                except OSError:
                    pass
            raise
        LOG.info("Measure store created: %s", path)
        return cls(path, crs)

    @classmethod
    def open(cls, path) -> MeasureStore:
        """Open an existing store; checks that it has the measure layers and their triggers."""
        path = Path(path)
        if not path.exists():
            raise StoreError(f"{path} does not exist")
        store = cls(path)
        problems = store.check_schema()
        if problems:
            raise StoreError(f"{path} is not a valid measure store: " + "; ".join(problems))
        return store

    @classmethod
    def open_or_create(cls, path, crs=None, transform_context=None) -> MeasureStore:
        return cls.open(path) if Path(path).exists() else cls.create(path, crs, transform_context)

    def check_schema(self) -> List[str]:
        """What is missing from the file (empty list = a complete store)."""
        problems = []
        try:
            with closing(self._connect(readonly=True)) as con:
                names = {r[0]: r[1] for r in con.execute("SELECT name, type FROM sqlite_master")}
                for table in (POINT_LAYER, AREA_LAYER, HISTORY_TABLE):
                    if names.get(table) != "table":
                        problems.append(f"table {table} missing")
                for table in (POINT_LAYER, AREA_LAYER):
                    if names.get(table) != "table":
                        continue
                    cols = {r[1] for r in con.execute(f"PRAGMA table_info({_sql_ident(table)})")}
                    missing = [c for c in m.FIELD_NAMES if c not in cols]
                    if missing:
                        problems.append(f"{table} lacks {', '.join(missing)}")
                    for op in ("insert", "update", "delete"):
                        if names.get(f"isrp_{table}_history_{op}") != "trigger":
                            problems.append(f"history trigger isrp_{table}_history_{op} missing")
        except sqlite3.Error as exc:
            problems.append(str(exc))
        return problems

    # -- file access ----------------------------------------------------------------------------
    def _connect(self, readonly: bool = False) -> sqlite3.Connection:
        if readonly:
            uri = self.path.resolve().as_uri() + "?mode=ro"
            return sqlite3.connect(uri, uri=True, timeout=self.busy_timeout_s)
        return sqlite3.connect(str(self.path), timeout=self.busy_timeout_s, isolation_level=None)

    def _query(self, sql: str, params=()) -> list:
        with closing(self._connect(readonly=True)) as con:
            con.row_factory = sqlite3.Row
            return [dict(r) for r in con.execute(sql, params)]

    def journal_mode(self) -> str:
        return self._query("PRAGMA journal_mode")[0]["journal_mode"]

    def integrity_check(self) -> str:
        """SQLite's ``PRAGMA integrity_check`` result ('ok' when the file is sound)."""
        return "; ".join(r["integrity_check"] for r in self._query("PRAGMA integrity_check"))

    def is_writable(self) -> bool:
        """The file and its folder can be written (SQLite needs the folder for its journal files)."""
        try:
            return os.access(self.path, os.W_OK) and os.access(self.path.parent, os.W_OK | os.X_OK)
        except OSError:
            return False

    @contextmanager
    def transaction(self, what: str = "writing"):
        """One write transaction: ``BEGIN IMMEDIATE`` … ``COMMIT`` (durable when this returns).

        Raises StoreError (with SQLite's or the file's own message) and rolls back on any error.
        """
        if not self.path.exists():
            raise StoreError(f"{what}: {self.path} does not exist")
        if not self.is_writable():
            raise StoreError(f"{what}: {self.path} is read-only")
        con = self._connect()
        try:
            con.execute("PRAGMA synchronous=FULL")
            register_gpkg_functions(con)
            con.execute("BEGIN IMMEDIATE")
            try:
                mark = self._last_history_id(con)
                yield con
                entries = self._history_rows(con, "fid > ?", (mark,))
                con.execute("COMMIT")
            except BaseException:
                if con.in_transaction:
                    con.execute("ROLLBACK")
                raise
        except sqlite3.Error as exc:
            raise StoreError(f"{what} failed: {_explain(exc)}") from exc
        finally:
            con.close()
        self._after_write(entries)

    def _after_write(self, entries: Optional[List[Dict[str, Any]]] = None) -> None:
        for layer in list(self._layers.values()):
            try:
                layer.reload()
                layer.triggerRepaint()
            except RuntimeError:  # deleted layer
                continue
        for callback in list(self.listeners):
            try:
                callback()
            except Exception as exc:  # noqa: BLE001 - a listener must not break a saved write
                LOG.warning("measure store listener failed: %s", exc)
        for callback in list(self.write_listeners):
            try:
                callback(entries or [])
            except Exception as exc:  # noqa: BLE001 - a listener must not break a saved write
                LOG.warning("measure store listener failed: %s", exc)

    @property
    def crs(self) -> QgsCoordinateReferenceSystem:
        if self._crs is None or not self._crs.isValid():
            rows = self._query("SELECT s.organization, s.organization_coordsys_id, s.definition FROM "
                               "gpkg_geometry_columns g JOIN gpkg_spatial_ref_sys s ON s.srs_id = g.srs_id "
                               "WHERE g.table_name = ?", (POINT_LAYER,))
            crs = QgsCoordinateReferenceSystem()
            if rows and rows[0]["organization"]:
                crs = QgsCoordinateReferenceSystem(f"{rows[0]['organization']}:{rows[0]['organization_coordsys_id']}")
            if not crs.isValid() and rows:
                crs = QgsCoordinateReferenceSystem.fromWkt(rows[0]["definition"])
            self._crs = crs
        return self._crs

    def srs_id(self, table: str) -> int:
        if table not in self._srs_ids:
            rows = self._query("SELECT srs_id FROM gpkg_geometry_columns WHERE table_name = ?", (table,))
            self._srs_ids[table] = int(rows[0]["srs_id"]) if rows else 0
        return self._srs_ids[table]

    # -- layers ---------------------------------------------------------------------------------
    def uri(self, kind_or_table: str) -> str:
        table = LAYER_NAMES.get(kind_or_table, kind_or_table)
        return f"{self.path}|layername={table}"

    def layer(self, kind: str) -> QgsVectorLayer:
        """The QGIS layer of ``kind`` ('point' or 'area'); a standalone layer unless :meth:`use_layers`."""
        layer = self._layers.get(kind)
        if layer is not None:
            try:
                layer.id()
                return layer
            except RuntimeError:  # deleted C++ object (layer removed from the project)
                self._layers.pop(kind, None)
        table = LAYER_NAMES[kind]
        layer = QgsVectorLayer(self.uri(table), table, "ogr")
        if not layer.isValid():
            raise StoreError(f"cannot open layer {table} in {self.path}")
        self._layers[kind] = layer
        return layer

    def use_layers(self, layers: Dict[str, QgsVectorLayer]) -> None:
        """Reload these (project) layers after each write."""
        for kind, layer in layers.items():
            if layer is not None:
                self._layers[kind] = layer

    def layers(self) -> List[Tuple[str, QgsVectorLayer]]:
        return [(k, self.layer(k)) for k in ("point", "area")]

    def attached_layer(self, kind: str) -> Optional[QgsVectorLayer]:
        """The layer handed in with :meth:`use_layers` (the project's), without opening one."""
        layer = self._layers.get(kind)
        try:
            return layer if layer is not None and layer.id() else None
        except RuntimeError:
            return None

    # -- reading --------------------------------------------------------------------------------
    def row(self, kind: str, fid: int, con: Optional[sqlite3.Connection] = None) -> Optional[Dict[str, Any]]:
        """The stored row (schema fields, ``fid`` and the ``geom`` blob) of one measure, or None."""
        table = LAYER_NAMES[kind]
        sql = f"SELECT * FROM {_sql_ident(table)} WHERE fid = ?"  # nosec B608
        if con is not None:
            cur = con.execute(sql, (fid,))
            names = [d[0] for d in cur.description]
            found = cur.fetchone()
            return dict(zip(names, found)) if found else None
        rows = self._query(sql, (fid,))
        return rows[0] if rows else None

    def fid_of(self, kind: str, measure_id: str) -> int:
        table = LAYER_NAMES[kind]
        rows = self._query(f"SELECT fid FROM {_sql_ident(table)} WHERE measure_id = ?", (measure_id,))  # nosec B608
        return int(rows[0]["fid"]) if rows else -1

    def find(self, measure_id: str) -> Optional[Tuple[str, int]]:
        for kind in ("point", "area"):
            fid = self.fid_of(kind, measure_id)
            if fid >= 0:
                return kind, fid
        return None

    def records(self) -> List[Dict[str, Any]]:
        """Every stored measure (both layers) as dicts with ``_kind``, ``_fid`` and ``_geometry``
        (a QgsGeometry in the store's CRS) besides the schema fields."""
        out = []
        for kind, table in LAYER_NAMES.items():
            for r in self._query(f"SELECT * FROM {_sql_ident(table)} ORDER BY fid"):  # nosec B608
                rec = {n: r.get(n) for n in m.FIELD_NAMES}
                rec["_kind"], rec["_fid"] = kind, int(r["fid"])
                rec["_geometry"] = geometry_from_blob(r.get(GEOM_COL))
                out.append(rec)
        return out

    # -- writing --------------------------------------------------------------------------------
    def _insert(self, con, kind: str, values: Dict[str, Any], blob: Optional[bytes], fid: Optional[int] = None) -> int:
        table = LAYER_NAMES[kind]
        cols = [GEOM_COL] + [n for n in m.FIELD_NAMES if n in values]
        params = [blob] + [values[n] for n in cols[1:]]
        if fid is not None:
            cols.insert(0, FID_COL)
            params.insert(0, fid)
        sql = (f"INSERT INTO {_sql_ident(table)} ({', '.join(_sql_ident(c) for c in cols)}) "  # nosec B608
               f"VALUES ({', '.join('?' for _ in cols)})")
        return int(con.execute(sql, params).lastrowid)

    def add_measure(self, record: Dict[str, Any], geometry: QgsGeometry, kind: Optional[str] = None,
                    user: Optional[str] = None) -> Tuple[str, int, str]:
        """Validate and write a new measure (geometry in the store's CRS); returns (kind, fid, measure_id)."""
        kind = kind or kind_for_geometry(geometry)
        user = user or current_user()
        rec = m.new_record(**{k: to_python(v) for k, v in record.items() if k in m.FIELD_NAMES})
        if not rec.get("status"):
            rec["status"] = m.INITIAL_STATUS
        rec["measure_id"] = rec.get("measure_id") or new_measure_id()
        stamp = now_text()
        for name, value in (("created_at", stamp), ("created_by", user), ("changed_at", stamp), ("changed_by", user)):
            if not rec.get(name):
                rec[name] = value
        values = {n: to_sql(m.FIELDS_BY_NAME[n], rec[n]) for n in m.FIELD_NAMES}
        problems = m.errors(m.validate_measure(values))
        if problems:
            raise StoreError("; ".join(p.text() for p in problems))
        blob = gpkg_blob(prepare_geometry(geometry, kind), self.srs_id(LAYER_NAMES[kind]))
        with self.transaction("saving the measure") as con:
            fid = self._insert(con, kind, values, blob)
        return kind, fid, rec["measure_id"]

    def update_measure(self, kind: str, fid: int, changes: Dict[str, Any], user: Optional[str] = None,
                       geometry: Optional[QgsGeometry] = None) -> None:
        """Change attributes (and optionally the geometry) of one measure: validated (including the
        status transition), stamped with who/when, committed at once."""
        user = user or current_user()
        unknown = set(changes) - set(m.FIELD_NAMES)
        if unknown:
            raise StoreError(f"unknown field(s): {', '.join(sorted(unknown))}")
        values = {k: to_sql(m.FIELDS_BY_NAME[k], v) for k, v in changes.items()}
        values.setdefault("changed_by", user)
        values.setdefault("changed_at", now_text())
        with self.transaction("saving the change") as con:
            old = self.row(kind, fid, con)
            if old is None:
                raise StoreError(f"measure {fid} not found in {LAYER_NAMES[kind]}")
            new = {n: old.get(n) for n in m.FIELD_NAMES}
            new.update(values)
            problems = m.errors(m.validate_measure(new, previous=old))
            if problems:
                raise StoreError("; ".join(p.text() for p in problems))
            sets = [f"{_sql_ident(k)} = ?" for k in values]
            params = list(values.values())
            if geometry is not None:
                sets.append(f"{_sql_ident(GEOM_COL)} = ?")
                params.append(gpkg_blob(prepare_geometry(geometry, kind), self.srs_id(LAYER_NAMES[kind])))
            con.execute(f"UPDATE {_sql_ident(LAYER_NAMES[kind])} SET {', '.join(sets)} WHERE fid = ?",  # nosec B608
                        params + [fid])

    def set_status(self, kind: str, fid: int, status: str, user: Optional[str] = None) -> None:
        self.update_measure(kind, fid, {"status": status}, user)

    def delete_measure(self, kind: str, fid: int, user: Optional[str] = None) -> str:
        """Delete one measure (its full record stays in the history, naming who deleted it)."""
        user = user or current_user()
        table = _sql_ident(LAYER_NAMES[kind])
        with self.transaction("deleting the measure") as con:
            old = self.row(kind, fid, con)
            if old is None:
                raise StoreError(f"measure {fid} not found in {LAYER_NAMES[kind]}")
            # a stamp-only update is not a history entry; the delete entry then names the deleter
            con.execute(f"UPDATE {table} SET changed_by = ?, changed_at = ? WHERE fid = ?", (user, now_text(), fid))  # nosec B608
            con.execute(f"DELETE FROM {table} WHERE fid = ?", (fid,))  # nosec B608
        return old["measure_id"]

    def duplicate_measure(self, kind: str, fid: int, user: Optional[str] = None,
                          title_suffix: str = " (copy)") -> Tuple[str, int, str]:
        """A copy as a new proposed measure at the same place."""
        user = user or current_user()
        with self.transaction("duplicating the measure") as con:
            old = self.row(kind, fid, con)
            if old is None:
                raise StoreError(f"measure {fid} not found in {LAYER_NAMES[kind]}")
            rec = m.duplicate_record(old, new_measure_id(), user, now_text(), title_suffix)
            new_fid = self._insert(con, kind, rec, old.get(GEOM_COL))
        return kind, new_fid, rec["measure_id"]

    # -- history and restore ----------------------------------------------------------------------
    _HISTORY_COLUMNS = "fid AS id, ts, op, layer_name, feature_fid, measure_id, who, changes"

    @staticmethod
    def _parse_history(rows: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
        for r in rows:
            try:
                r["changes"] = json.loads(r["changes"]) if r["changes"] else {}
            except ValueError:
                pass
        return rows

    def _history_rows(self, con: sqlite3.Connection, where: str, params: tuple) -> List[Dict[str, Any]]:
        """History rows matching ``where`` read on an open connection (inside its transaction), oldest first."""
        cur = con.execute(f"SELECT {self._HISTORY_COLUMNS} FROM {_sql_ident(HISTORY_TABLE)} "  # nosec B608
                          f"WHERE {where} ORDER BY fid", params)
        names = [d[0] for d in cur.description]
        return self._parse_history([dict(zip(names, r)) for r in cur.fetchall()])

    @staticmethod
    def _last_history_id(con: sqlite3.Connection) -> int:
        return int(con.execute(f"SELECT COALESCE(MAX(fid), 0) FROM {_sql_ident(HISTORY_TABLE)}").fetchone()[0])  # nosec B608

    def last_history_id(self) -> int:
        """The id of the newest history row (0 for none)."""
        with closing(self._connect(readonly=True)) as con:
            return self._last_history_id(con)

    def history_since(self, mark: int, layer_name: Optional[str] = None,
                      measure_ids: Optional[Iterable[str]] = None) -> List[Dict[str, Any]]:
        """History rows newer than ``mark`` (an id from :meth:`last_history_id`), optionally only of one
        layer and of some measures, oldest first."""
        with closing(self._connect(readonly=True)) as con:
            rows = self._history_rows(con, "fid > ?", (int(mark),))
        if layer_name is not None:
            rows = [r for r in rows if r["layer_name"] == layer_name]
        if measure_ids is not None:
            wanted = set(measure_ids)
            rows = [r for r in rows if r["measure_id"] in wanted]
        return rows

    def history(self, measure_id: Optional[str] = None) -> List[Dict[str, Any]]:
        """History rows, oldest first; ``changes`` parsed from JSON."""
        sql = f"SELECT {self._HISTORY_COLUMNS} FROM {_sql_ident(HISTORY_TABLE)}"  # nosec B608
        params: tuple = ()
        if measure_id is not None:
            sql += " WHERE measure_id = ?"
            params = (measure_id,)
        return self._parse_history(self._query(sql + " ORDER BY fid", params))

    # -- undo and redo of recorded writes -----------------------------------------------------
    @staticmethod
    def _current_record(con: sqlite3.Connection, table: str, measure_id: str) -> Optional[Dict[str, Any]]:
        """The stored row of a measure as the history records it (fields, fid, geometry as hex), or None."""
        cols = ", ".join(_sql_ident(c) for c in [FID_COL, *m.FIELD_NAMES])
        cur = con.execute(f"SELECT {cols}, hex({_sql_ident(GEOM_COL)}) FROM {_sql_ident(table)} "  # nosec B608
                          "WHERE measure_id = ?", (measure_id,))
        found = cur.fetchone()
        if found is None:
            return None
        out = dict(zip([FID_COL, *m.FIELD_NAMES], found[:-1]))
        out[GEOM_COL] = found[-1]
        return out

    @staticmethod
    def _same(a, b) -> bool:
        if a is None or b is None:
            return a is None and b is None
        if isinstance(a, str) and isinstance(b, str) and a.upper() == b.upper():  # hex geometry
            return True
        return a == b

    def _differences(self, current: Dict[str, Any], expected: Dict[str, Any]) -> List[str]:
        """Fields (besides the who/when stamps) in which ``current`` differs from ``expected``."""
        return [k for k, v in expected.items()
                if k not in m.STAMP_FIELDS and k != FID_COL and not self._same(current.get(k), v)]

    def apply_history(self, entries: List[Dict[str, Any]], undo: bool, user: Optional[str] = None) -> None:
        """Undo (or redo) the writes recorded in ``entries`` (history rows of one step), as one transaction.

        Undo applies the inverse of each row, newest first: an insert is deleted, a delete is put back
        (same fid if free), an update sets the old values. Redo applies the rows again, oldest first.
        Every row is checked against the stored state first: if the measure was changed since (by
        anyone, in this or another process), nothing is written and StoreError names the measure and
        the fields. The validation triggers apply as to any write (e.g. a status change the life cycle
        does not allow is refused). The undo itself is recorded in the history like any write.
        """
        user = user or current_user()
        stamp = now_text()
        with self.transaction("undoing the change" if undo else "redoing the change") as con:
            for e in (list(reversed(entries)) if undo else list(entries)):
                table, op, data = e["layer_name"], e["op"], e["changes"] or {}
                if table not in KIND_OF_LAYER:
                    raise StoreError(f"unknown measure layer {table} in the history")
                t = _sql_ident(table)
                current = self._current_record(con, table, e["measure_id"])
                title = (current or data).get("title") if op != "update" else (current or {}).get("title")
                label = f"'{title or e['measure_id']}'"
                if op == "update":
                    pairs = {k: v for k, v in data.items() if k != FID_COL and isinstance(v, list) and len(v) == 2}
                    if current is None:
                        raise StoreError(f"measure {label} is no longer in the store")
                    source = {k: (v[1] if undo else v[0]) for k, v in pairs.items()}
                    target = {k: (v[0] if undo else v[1]) for k, v in pairs.items()}
                    changed = self._differences(current, source)
                    if changed:
                        raise StoreError(f"measure {label} was changed since ({', '.join(changed)}); "
                                         "nothing was overwritten")
                    target.update(changed_by=user, changed_at=stamp)
                    sets = [f"{_sql_ident(k)} = ?" for k in target]
                    params = [bytes.fromhex(v) if k == GEOM_COL and v else v for k, v in target.items()]
                    con.execute(f"UPDATE {t} SET {', '.join(sets)} WHERE measure_id = ?",  # nosec B608
                                params + [e["measure_id"]])
                elif (op == "insert") == undo:  # take the measure out again
                    if current is None:
                        raise StoreError(f"measure {label} is no longer in the store")
                    changed = self._differences(current, {k: v for k, v in data.items() if k in current})
                    if changed:
                        raise StoreError(f"measure {label} was changed since ({', '.join(changed)}); "
                                         "nothing was deleted")
                    con.execute(f"UPDATE {t} SET changed_by = ?, changed_at = ? WHERE measure_id = ?",  # nosec B608
                                (user, stamp, e["measure_id"]))
                    con.execute(f"DELETE FROM {t} WHERE measure_id = ?", (e["measure_id"],))  # nosec B608
                else:  # put the recorded measure (back) in
                    if current is not None:
                        raise StoreError(f"measure {label} is in the store already")
                    self._put_back(con, table, data, user, stamp)

    def _put_back(self, con: sqlite3.Connection, table: str, data: Dict[str, Any], user: str, stamp: str) -> int:
        """Insert a record as the history holds it (same fid if that is free); returns the fid."""
        values = {n: data.get(n) for n in m.FIELD_NAMES}
        values.update(changed_by=user, changed_at=stamp)
        hexgeom = data.get(GEOM_COL)
        fid = data.get(FID_COL)
        if fid is not None and con.execute(f"SELECT 1 FROM {_sql_ident(table)} WHERE fid = ?", (fid,)).fetchone():  # nosec B608
            fid = None
        return self._insert(con, KIND_OF_LAYER[table], values, bytes.fromhex(hexgeom) if hexgeom else None, fid)

    def deleted_measures(self) -> List[Dict[str, Any]]:
        """The last delete entry of every measure that is not in the store now (newest first)."""
        present = {r["measure_id"] for t in (POINT_LAYER, AREA_LAYER)
                   for r in self._query(f"SELECT measure_id FROM {_sql_ident(t)}")}  # nosec B608
        rows = self._query(
            f"SELECT fid AS id, ts, layer_name, feature_fid, measure_id, who, changes FROM {_sql_ident(HISTORY_TABLE)}"  # nosec B608
            " WHERE op = 'delete' ORDER BY fid DESC")
        out, seen = [], set()
        for r in rows:
            if r["measure_id"] in present or r["measure_id"] in seen:
                continue
            seen.add(r["measure_id"])
            r["changes"] = json.loads(r["changes"]) if r["changes"] else {}
            r["title"] = r["changes"].get("title")
            out.append(r)
        return out

    def restore_measure(self, measure_id: str, user: Optional[str] = None) -> Tuple[str, int]:
        """Bring a deleted measure back from its last delete entry (same fid and measure_id if free)."""
        user = user or current_user()
        with self.transaction("restoring the measure") as con:
            for table in (POINT_LAYER, AREA_LAYER):
                if con.execute(f"SELECT 1 FROM {_sql_ident(table)} WHERE measure_id = ?", (measure_id,)).fetchone():  # nosec B608
                    raise StoreError(f"measure {measure_id} exists; nothing to restore")
            found = con.execute(
                f"SELECT layer_name, changes FROM {_sql_ident(HISTORY_TABLE)} WHERE op = 'delete' AND measure_id = ? "  # nosec B608
                "ORDER BY fid DESC LIMIT 1", (measure_id,)).fetchone()
            if not found:
                raise StoreError(f"no deleted measure {measure_id} in the history")
            fid = self._put_back(con, found[0], json.loads(found[1]), user, now_text())
        return KIND_OF_LAYER[found[0]], fid


def _lookup_fields() -> QgsFields:
    fields = QgsFields()
    for name, kind in (("code", "string"), ("label_en", "string"), ("label_de", "string"), ("sort", "int")):
        fields.append(make_field(name, kind))
    return fields


def record_of(feature: QgsFeature) -> Dict[str, Any]:
    """The schema fields of a feature as plain Python values."""
    names = feature.fields().names()
    return {n: to_python(feature[n]) if n in names else None for n in m.FIELD_NAMES}


def kind_for_geometry(geometry: QgsGeometry) -> str:
    gtype = geometry.type()
    if gtype == GEOMETRY_POINT:
        return "point"
    if gtype == GEOMETRY_POLYGON:
        return "area"
    raise StoreError("a measure is a point or an area")


def prepare_geometry(geometry: QgsGeometry, kind: str) -> QgsGeometry:
    """A copy of the geometry as the layer expects it (single point / multipolygon)."""
    geom = QgsGeometry(geometry)
    if kind == "area" and not geom.isMultipart():
        geom.convertToMultiType()
    if kind == "point" and geom.isMultipart():
        geom = QgsGeometry(geom.constGet().geometryN(0).clone())
    return geom


def kind_of_layer(layer, path=None) -> Optional[str]:
    """'point'/'area' when ``layer`` is a measure layer (of the store at ``path`` if given)."""
    if not isinstance(layer, QgsVectorLayer) or layer.providerType() != "ogr":
        return None
    try:
        parts = QgsProviderRegistry.instance().decodeUri("ogr", layer.source())
    except Exception:  # noqa: BLE001
        return None
    table = parts.get("layerName")
    if table not in KIND_OF_LAYER:
        return None
    if path is not None and os.path.normcase(os.path.abspath(parts.get("path", ""))) != os.path.normcase(
            os.path.abspath(str(path))):
        return None
    return KIND_OF_LAYER[table]


# --------------------------------------------------------------------------------------------
# project integration
# --------------------------------------------------------------------------------------------


def default_store_path(project: QgsProject) -> Optional[Path]:
    """``<project folder>/<project name>_massnahmen.gpkg``; None while the project is unsaved."""
    file_name = project.fileName()
    if not file_name:
        return None
    p = Path(file_name)
    return p.with_name(p.stem + DEFAULT_SUFFIX)


def stored_store_path(project: QgsProject) -> Optional[Path]:
    """The store path written into the project (absolute), or None."""
    value, ok = project.readEntry(PROJECT_SCOPE, PROJECT_KEY, "")
    if not ok or not value:
        return None
    return Path(project.pathResolver().readPath(value))


def remember_store_path(project: QgsProject, path) -> None:
    project.writeEntry(PROJECT_SCOPE, PROJECT_KEY, project.pathResolver().writePath(str(path)))


def project_layers(project: QgsProject, path) -> Dict[str, QgsVectorLayer]:
    """The measure layers of the store at ``path`` that the project holds."""
    out: Dict[str, QgsVectorLayer] = {}
    for layer in project.mapLayers().values():
        kind = kind_of_layer(layer, path)
        if kind and kind not in out:
            out[kind] = layer
    return out


def lookup_layer(project: QgsProject, path) -> Optional[QgsVectorLayer]:
    for layer in project.mapLayers().values():
        if isinstance(layer, QgsVectorLayer) and layer.providerType() == "ogr":
            parts = QgsProviderRegistry.instance().decodeUri("ogr", layer.source())
            if parts.get("layerName") == LOOKUP_TABLE and os.path.abspath(parts.get("path", "")) == os.path.abspath(
                    str(path)):
                return layer
    return None


def attach_to_project(store: MeasureStore, project: QgsProject, lang: str = "en",
                      group_name: Optional[str] = None) -> Dict[str, QgsVectorLayer]:
    """Make sure the project shows the store's layers (configured form and style); remember the path.

    Layers already in the project are reused as they are (the user's own form/style changes
    stay). New layers go into a group at the top of the layer tree; the lookup table is
    registered without a legend entry (the form's value-relation widget needs it).
    """
    remember_store_path(project, store.path)
    layers = project_layers(project, store.path)
    lookup = lookup_layer(project, store.path)
    if lookup is None:
        lookup = QgsVectorLayer(store.uri(LOOKUP_TABLE), LOOKUP_TABLE, "ogr")
        if lookup.isValid():
            project.addMapLayer(lookup, False)
        else:
            lookup = None
    missing = [k for k in ("area", "point") if k not in layers]
    if missing:
        root = project.layerTreeRoot()
        name = group_name or ("Maßnahmen" if lang[:2] == "de" else "Measures")
        group = root.findGroup(name) or root.insertGroup(0, name)
        for kind in missing:
            table = LAYER_NAMES[kind]
            title = {("point", True): "Maßnahmen (Punkte)", ("area", True): "Maßnahmen (Flächen)",
                     ("point", False): "Measures (points)", ("area", False): "Measures (areas)"}[
                (kind, lang[:2] == "de")]
            layer = QgsVectorLayer(store.uri(table), title, "ogr")
            if not layer.isValid():
                raise StoreError(f"cannot load {table} from {store.path}")
            configure_layer(layer, lang, lookup)
            project.addMapLayer(layer, False)
            group.insertLayer(0, layer)
            layers[kind] = layer
    store.use_layers(layers)
    return layers


# --------------------------------------------------------------------------------------------
# form, widgets, constraints, defaults, style
# --------------------------------------------------------------------------------------------


def facility_type_list() -> m.ValueList:
    """Facility types from the standards catalogue in use (falls back to the built-in list)."""
    try:
        from ..core.standards import load_default_standards

        cat = load_default_standards()
        return m.facility_types_from((s.id, s.label_en, s.label_de) for s in cat.values())
    except Exception as exc:  # noqa: BLE001 - a broken catalogue must not break the form
        LOG.debug("standards catalogue not used for facility types: %s", exc)
        return m.FACILITY_TYPES


def _value_map(vl: m.ValueList, lang: str, allow_null: bool) -> QgsEditorWidgetSetup:
    entries = []
    if allow_null:
        entries.append({"—": VALUEMAP_NULL})
    entries += [{c.label(lang): str(c.code)} for c in vl.choices]
    return QgsEditorWidgetSetup("ValueMap", {"map": entries})


def _fields_label_expression(lang: str) -> str:
    pairs = ", ".join(f"{_sql_str(c.code)}, {_sql_str(c.label(lang))}" for c in m.FIELDS_OF_ACTION.choices)
    return (f"array_to_string(array_foreach(string_to_array(regexp_replace(\"fields_of_action\", '[{{}}\"]', ''), ','),"
            f" coalesce(map_get(map({pairs}), trim(@element)), trim(@element))), ', ')")


def configure_layer(layer: QgsVectorLayer, lang: str = "en", lookup: Optional[QgsVectorLayer] = None) -> None:
    """Attribute form (tabs), widgets, aliases, constraints, defaults, style and labels of a measure layer."""
    de = (lang or "en")[:2] == "de"
    fields = layer.fields()
    facility_types = facility_type_list()
    cfg = layer.editFormConfig()
    cfg.setLayout(FORM_TABS)
    root = cfg.invisibleRootContainer()
    root.clear()
    for key, en_name, de_name in m.TABS:
        tab = QgsAttributeEditorContainer(de_name if de else en_name, root)
        _set_tab(tab)
        tab.setColumnCount(1)
        facility_box = None
        for spec in m.FIELDS:
            if spec.tab != key:
                continue
            idx = fields.indexOf(spec.name)
            if idx < 0:
                continue
            parent = tab
            if spec.facility:
                if facility_box is None:
                    facility_box = QgsAttributeEditorContainer("Einrichtung" if de else "Facility", tab)
                    _set_tab(facility_box, group_box=True)
                    facility_box.setColumnCount(1)
                    facility_box.setVisibilityExpression(QgsOptionalExpression(
                        _expression("\"measure_type\" = 'facility'")))
                    tab.addChildElement(facility_box)
                parent = facility_box
            parent.addChildElement(QgsAttributeEditorField(spec.name, idx, parent))
        root.addChildElement(tab)
    for spec in m.FIELDS:
        idx = fields.indexOf(spec.name)
        if idx >= 0:
            cfg.setReadOnly(idx, spec.read_only)
    layer.setEditFormConfig(cfg)

    fid_idx = fields.indexOf(FID_COL)
    if fid_idx >= 0:
        layer.setEditorWidgetSetup(fid_idx, QgsEditorWidgetSetup("Hidden", {}))
    for spec in m.FIELDS:
        idx = fields.indexOf(spec.name)
        if idx < 0:
            continue
        layer.setFieldAlias(idx, spec.label(lang))
        if spec.multi and lookup is not None:
            layer.setEditorWidgetSetup(idx, QgsEditorWidgetSetup("ValueRelation", {
                "Layer": lookup.id(), "LayerName": lookup.name(), "LayerSource": lookup.source(),
                "LayerProviderName": lookup.providerType(), "Key": "code", "Value": "label_de" if de else "label_en",
                "OrderByValue": True, "AllowMulti": True, "AllowNull": True, "NofColumns": 2, "UseCompleter": False,
                "FilterExpression": ""}))
        elif spec.values:
            vl = m.value_list(spec, facility_types)
            layer.setEditorWidgetSetup(idx, _value_map(vl, lang, not spec.required))
        elif spec.kind in ("date", "datetime"):
            display = ("dd.MM.yyyy" if de else "yyyy-MM-dd") + (" HH:mm" if spec.kind == "datetime" else "")
            layer.setEditorWidgetSetup(idx, QgsEditorWidgetSetup("DateTime", {
                "field_format": "yyyy-MM-dd" if spec.kind == "date" else "yyyy-MM-ddTHH:mm:ss",
                "display_format": display, "calendar_popup": True, "allow_null": True,
                "field_iso_format": False}))
        elif spec.name == "description":
            layer.setEditorWidgetSetup(idx, QgsEditorWidgetSetup("TextEdit", {"IsMultiline": True,
                                                                                "UseHtml": False}))
        elif spec.kind == "double":
            # bounds sized for the purpose: wide bounds make very wide spin boxes
            is_cost = spec.name in m.COST_FIELDS
            layer.setEditorWidgetSetup(idx, QgsEditorWidgetSetup("Range", {
                "Min": 0.0 if is_cost or spec.name == "need_gap" else -100000.0,
                "Max": 999999999.0 if is_cost else 100000.0, "Step": 1000.0 if is_cost else 1.0,
                "Precision": 0, "Style": "SpinBox", "AllowNull": True}))
        else:
            layer.setEditorWidgetSetup(idx, QgsEditorWidgetSetup("TextEdit", {"IsMultiline": False}))

    def constrain(name, expression, en, de_text, strength=HARD):
        idx = fields.indexOf(name)
        if idx >= 0:
            layer.setConstraintExpression(idx, expression, de_text if de else en)
            layer.setFieldConstraint(idx, EXPRESSION, strength)

    for name in ("title", "status"):
        idx = fields.indexOf(name)
        if idx >= 0:
            layer.setFieldConstraint(idx, NOT_NULL, HARD)
    constrain("title", "length(trim(\"title\")) > 0", "A title is required", "Ein Titel ist erforderlich")
    constrain("end_date", "\"end_date\" IS NULL OR \"start_date\" IS NULL OR \"end_date\" >= \"start_date\"",
              "The end must not lie before the start", "Das Ende darf nicht vor dem Beginn liegen")
    for name in m.COST_FIELDS:
        constrain(name, f"\"{name}\" IS NULL OR \"{name}\" >= 0", "Costs must not be negative",
                  "Kosten dürfen nicht negativ sein")
    constrain("facility_action", "\"measure_type\" IS NULL OR \"measure_type\" <> 'facility' OR "
              "\"facility_action\" IS NOT NULL", "A facility measure needs an action",
              "Eine Einrichtungsmaßnahme braucht ein Vorhaben", SOFT)

    user = "coalesce(nullif(@user_full_name, ''), @user_account_name)"
    defaults = {
        "measure_id": ("substr(uuid(), 2, 36)", False),
        "status": ("'proposed'", False),
        "created_at": ("now()", False),
        "created_by": (user, False),
        "changed_at": ("now()", True),
        "changed_by": (user, True),
    }
    for name, (expression, on_update) in defaults.items():
        idx = fields.indexOf(name)
        if idx >= 0:
            layer.setDefaultValueDefinition(idx, QgsDefaultValue(expression, on_update))

    apply_style(layer, lang)
    layer.setDisplayExpression('"title"')
    layer.setMapTipTemplate(
        "<b>[% \"title\" %]</b><br>[% represent_value(\"status\") %] · [% represent_value(\"measure_type\") %]"
        "<br>[% \"sozialraum\" %] / [% \"ortsteil\" %]")


def _expression(text: str):
    from qgis.core import QgsExpression

    return QgsExpression(text)


def apply_style(layer: QgsVectorLayer, lang: str = "en") -> None:
    """Categories by status (Okabe–Ito colours), marker shape by measure type, labels title + fields of action."""
    is_point = layer.geometryType() == GEOMETRY_POINT
    shape = "CASE " + " ".join(f"WHEN \"measure_type\" = '{k}' THEN '{v}'" for k, v in TYPE_SHAPES.items()) + \
            " ELSE 'diamond' END"
    cats = []
    for choice in m.STATUSES.choices:
        colour = STATUS_COLOURS[choice.code]
        if is_point:
            sym = QgsMarkerSymbol.createSimple({"name": "circle", "color": colour, "size": "4.2",
                                                "outline_color": "#000000", "outline_width": "0.3"})
            sym.symbolLayer(0).setDataDefinedProperty(PROPERTY_NAME, QgsProperty.fromExpression(shape))
        else:
            fill = QColor(colour)
            fill.setAlpha(90)
            props = {"color": f"{fill.red()},{fill.green()},{fill.blue()},{fill.alpha()}",
                     "outline_color": colour, "outline_width": "0.8"}
            if choice.code == "rejected":
                props.update({"style": "b_diagonal", "outline_style": "dash"})
            sym = QgsFillSymbol.createSimple(props)
        cats.append(QgsRendererCategory(choice.code, sym, choice.label(lang)))
    layer.setRenderer(QgsCategorizedSymbolRenderer("status", cats))

    settings = QgsPalLayerSettings()
    settings.isExpression = True
    settings.fieldName = f"\"title\" || coalesce('\\n' || nullif({_fields_label_expression(lang)}, ''), '')"
    fmt = QgsTextFormat()
    fmt.setSize(8)
    buffer = QgsTextBufferSettings()
    buffer.setEnabled(True)
    buffer.setSize(0.8)
    buffer.setColor(QColor("white"))
    fmt.setBuffer(buffer)
    settings.setFormat(fmt)
    if is_point:
        settings.dist = 1.5
    else:
        settings.placement = LABEL_OVER_POINT
    settings.scaleVisibility = True
    settings.minimumScale = 50000  # labels from 1:50,000 inwards
    settings.maximumScale = 0
    layer.setLabeling(QgsVectorLayerSimpleLabeling(settings))
    layer.setLabelsEnabled(True)
    layer.triggerRepaint()


# --------------------------------------------------------------------------------------------
# units (social space / Ortsteil) from a geometry
# --------------------------------------------------------------------------------------------

UNIT_FIELDS = {
    "ot_id": ("ot_id", "id", "ortsteil_id"),
    "ortsteil": ("name", "ortsteil", "ot_name"),
    "sozialraum_id": ("sozialraum_id", "sr_id"),
    "sozialraum": ("sozialraum", "sozialraum_name", "sr_name"),
}


def find_units_layer(project: QgsProject) -> Optional[QgsVectorLayer]:
    """A polygon layer called ``ortsteile`` (else any polygon layer with ot_id and sozialraum_id)."""
    candidates = [lyr for lyr in project.mapLayers().values()
                  if isinstance(lyr, QgsVectorLayer) and lyr.geometryType() == GEOMETRY_POLYGON
                  and kind_of_layer(lyr) is None]
    for lyr in candidates:
        if lyr.name().lower() == "ortsteile":
            return lyr
    for lyr in candidates:
        names = set(lyr.fields().names())
        if "ot_id" in names and "sozialraum_id" in names:
            return lyr
    return None


def units_for_geometry(geometry: QgsGeometry, crs: QgsCoordinateReferenceSystem, units: QgsVectorLayer,
                       transform_context: Optional[QgsCoordinateTransformContext] = None) -> Optional[Dict[str, Any]]:
    """The Ortsteil/Sozialraum a measure lies in: the unit containing the point, or for an area the
    unit with the largest share of it. None when it lies outside all units."""
    if units is None or geometry is None or geometry.isEmpty():
        return None
    geom = QgsGeometry(geometry)
    if crs.isValid() and units.crs().isValid() and crs != units.crs():
        ctx = transform_context or QgsProject.instance().transformContext()
        geom.transform(QgsCoordinateTransform(crs, units.crs(), ctx))
    names = units.fields().names()
    mapping = {}
    for target, candidates in UNIT_FIELDS.items():
        mapping[target] = next((c for c in candidates if c in names), None)
    request = QgsFeatureRequest().setFilterRect(geom.boundingBox() if not geom.boundingBox().isEmpty()
                                                else _point_rect(geom))
    best, best_area = None, 0.0
    is_point = geom.type() == GEOMETRY_POINT
    for feat in units.getFeatures(request):
        ug = feat.geometry()
        if ug is None or ug.isEmpty():
            continue
        if is_point:
            if ug.contains(geom) or ug.intersects(geom):
                best = feat
                break
        else:
            inter = ug.intersection(geom)
            area = inter.area() if inter is not None and not inter.isEmpty() else 0.0
            if area > best_area:
                best, best_area = feat, area
    if best is None:
        return None
    return {target: (to_python(best[src]) if src else None) for target, src in mapping.items()}


def _point_rect(geom: QgsGeometry) -> QgsRectangle:
    p = geom.centroid().asPoint()
    return QgsRectangle(p.x() - 1e-6, p.y() - 1e-6, p.x() + 1e-6, p.y() + 1e-6)


# --------------------------------------------------------------------------------------------
# keeping edits on disk
# --------------------------------------------------------------------------------------------


class AutoCommit(QObject):
    """Commits edits of the measure layers as soon as an edit operation has ended.

    Edits made with any QGIS tool (vertex tool, attribute table, form, delete) are committed on
    the next event-loop turn after the edit command ends, so the edit buffer is empty between
    user actions. A failed commit leaves the edits in the buffer (nothing is dropped) and emits
    :attr:`commitFailed` once; the next edit tries again. QGIS clears the undo stack on every
    commit; :class:`~isrp_plugin.qgis_io.measures_undo.MeasureUndo` puts the committed steps back
    on it, so Undo/Redo keep working in the edit session.
    """

    commitFailed = pyqtSignal(object, list)  # layer, errors
    committed = pyqtSignal(object)

    def __init__(self, parent=None, delay_ms: int = 0):
        super().__init__(parent)
        self._layers: List[QgsVectorLayer] = []
        self._pending: set = set()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.flush)
        self.enabled = True
        self._connections = []

    def watch(self, layer: QgsVectorLayer) -> None:
        if layer is None or any(lyr is layer for lyr in self._layers):
            return
        self._layers.append(layer)

        def schedule(*_args, lyr=layer):
            self._schedule(lyr)

        for signal in (layer.editCommandEnded, layer.featureAdded, layer.featureDeleted, layer.attributeValueChanged,
                       layer.geometryChanged):
            signal.connect(schedule)
            self._connections.append((signal, schedule))
        layer.willBeDeleted.connect(lambda lyr=layer: self.forget(lyr))

    def forget(self, layer) -> None:
        self._layers = [lyr for lyr in self._layers if lyr is not layer]
        self._pending.discard(id(layer))

    def unwatch_all(self) -> None:
        disconnect_all(self._connections)
        self._connections = []
        self._layers = []
        self._pending.clear()
        self._timer.stop()

    def _schedule(self, layer) -> None:
        if not self.enabled:
            return
        self._pending.add(id(layer))
        self._timer.start()

    def flush(self) -> List[Tuple[QgsVectorLayer, List[str]]]:
        """Commit every watched layer with pending edits now; returns the failures."""
        failures = []
        for layer in list(self._layers):
            try:
                if not (layer.isEditable() and layer.isModified()):
                    continue
                if layer.isEditCommandActive():
                    self._timer.start()  # try again after the edit command ended
                    continue
            except RuntimeError:  # layer deleted
                self.forget(layer)
                continue
            if layer.commitChanges(False):
                self.committed.emit(layer)
            else:
                errors = list(layer.commitErrors())
                failures.append((layer, errors))
                self.commitFailed.emit(layer, errors)
        self._pending.clear()
        return failures


def form_layer(kind: str, template: Optional[QgsVectorLayer] = None, lang: str = "en",
               lookup: Optional[QgsVectorLayer] = None, crs: Optional[QgsCoordinateReferenceSystem] = None
               ) -> QgsVectorLayer:
    """A scratch memory layer with the measure schema for the attribute form.

    With a ``template`` (the project's measure layer) its fields, widgets, aliases, constraints,
    defaults and form layout are copied, so that the form looks exactly like the layer's own;
    otherwise :func:`configure_layer` sets it up. Forms run on this layer and the store writes the
    accepted feature in one transaction, so the GeoPackage never holds an open edit session.
    """
    geom = "Point" if kind == "point" else "MultiPolygon"
    crs = crs if crs is not None and crs.isValid() else (
        template.crs() if template is not None else QgsCoordinateReferenceSystem(DEFAULT_EPSG))
    layer = QgsVectorLayer(f"{geom}?crs={crs.authid()}" if crs.authid() else geom, LAYER_NAMES[kind], "memory")
    if not crs.authid():
        layer.setCrs(crs)
    fields = template.fields() if template is not None else measure_fields()
    layer.dataProvider().addAttributes(list(fields))
    layer.updateFields()
    copied = False
    if template is not None:
        from qgis.core import QgsMapLayer, QgsReadWriteContext
        from qgis.PyQt.QtXml import QDomDocument

        categories = QgsMapLayer.StyleCategory.Fields | QgsMapLayer.StyleCategory.Forms
        doc = QDomDocument()
        error = template.exportNamedStyle(doc, QgsReadWriteContext(), categories)
        if not error:
            ok, _msg = layer.importNamedStyle(doc, categories)
            copied = bool(ok)
    if not copied:
        configure_layer(layer, lang, lookup)
    return layer


def rescue_dir() -> Path:
    """Where edits that could not be saved are written (inside the QGIS profile)."""
    return Path(QgsApplication.qgisSettingsDirPath()) / "isrp" / "rescue"


def save_features_to_new_store(features: List[Tuple[str, QgsFeature]], path, crs=None) -> MeasureStore:
    """Write drafted features (kind, feature) into a store at ``path`` (created if needed), validated."""
    store = MeasureStore.open_or_create(path, crs)
    for kind, feat in features:
        rec = {n: to_python(feat[n]) for n in m.FIELD_NAMES if feat.fields().indexOf(n) >= 0}
        geom = QgsGeometry(feat.geometry())
        if crs is not None and crs.isValid() and store.crs.isValid() and crs != store.crs:
            geom.transform(QgsCoordinateTransform(crs, store.crs, QgsProject.instance().transformContext()))
        if store.find(rec.get("measure_id") or "") is not None:
            rec["measure_id"] = new_measure_id()
        store.add_measure(rec, geom, kind, rec.get("changed_by"))
    return store


def write_rescue_copy(features: List[Tuple[str, QgsFeature]], crs) -> Optional[Path]:
    """Save features that could not be stored into a plain GeoPackage (no validation, no triggers)
    in the profile's rescue folder; returns its path. Never raises."""
    if not features:
        return None
    try:
        folder = rescue_dir()
        folder.mkdir(parents=True, exist_ok=True)
        stamp = _dt.datetime.now().strftime("%Y%m%d_%H%M%S_%f")
        path = folder / f"massnahmen_rescue_{stamp}.gpkg"
        fields = measure_fields()
        first = True
        for kind in ("point", "area"):
            feats = [f for k, f in features if k == kind]
            if not feats:
                continue
            opts = QgsVectorFileWriter.SaveVectorOptions()
            opts.driverName = "GPKG"
            opts.layerName = LAYER_NAMES[kind]
            opts.actionOnExistingFile = (QgsVectorFileWriter.ActionOnExistingFile.CreateOrOverwriteFile if first
                                         else QgsVectorFileWriter.ActionOnExistingFile.CreateOrOverwriteLayer)
            first = False
            writer = QgsVectorFileWriter.create(str(path), fields, WKB_POINT if kind == "point" else WKB_MULTIPOLYGON,
                                                crs, QgsCoordinateTransformContext(), opts)
            for src in feats:
                out = QgsFeature(fields)
                for name in m.FIELD_NAMES:
                    if src.fields().indexOf(name) >= 0:
                        out[name] = src[name]
                out.setGeometry(prepare_geometry(src.geometry(), kind))
                writer.addFeature(out)
            del writer
        LOG.warning("Unsaved measures written to %s", path)
        return path
    except Exception as exc:  # noqa: BLE001 - last resort; report, never raise
        LOG.error("Could not write a rescue copy of unsaved measures: %s", exc)
        return None


def pending_features(layer: QgsVectorLayer, kind: str) -> List[Tuple[str, QgsFeature]]:
    """Added and changed features of a layer's edit buffer, as the buffer has them."""
    buf = layer.editBuffer()
    if buf is None:
        return []
    out = [(kind, QgsFeature(f)) for f in buf.addedFeatures().values()]
    changed = set(buf.changedAttributeValues().keys()) | set(buf.changedGeometries().keys())
    changed -= set(buf.addedFeatures().keys())
    if changed:
        for f in layer.getFeatures(QgsFeatureRequest().setFilterFids(sorted(changed))):
            out.append((kind, QgsFeature(f)))
    return out


def commit_pending(layers: Iterable[QgsVectorLayer]) -> List[Tuple[QgsVectorLayer, List[str], Optional[Path]]]:
    """Commit every layer with pending edits (used when the project closes / the plugin unloads).

    A layer whose commit fails loses nothing silently: its added and changed features are written
    to a rescue GeoPackage (see :func:`rescue_dir`) before its buffer is rolled back.
    Returns (layer, errors, rescue path) for each failure.
    """
    failures = []
    for layer in layers:
        try:
            if not (layer.isEditable() and layer.isModified()):
                continue
        except RuntimeError:
            continue
        if layer.commitChanges(True):
            continue
        errors = list(layer.commitErrors())
        kind = kind_of_layer(layer) or ("point" if layer.geometryType() == GEOMETRY_POINT else "area")
        path = write_rescue_copy(pending_features(layer, kind), layer.crs())
        layer.rollBack()
        failures.append((layer, errors, path))
    return failures
