"""The adapter between QGIS layers and numpy arrays / pandas DataFrames.

Everything that reads features into arrays or writes arrays back into layers
lives here, so that the core never sees a QGIS object.
"""

import numpy as np
import pandas as pd
from qgis.core import QgsFeatureRequest, QgsVectorLayer

from .compat import is_null


def _py(value):
    return None if is_null(value) else value


def attributes_frame(layer: QgsVectorLayer, field_names=None, request: QgsFeatureRequest = None) -> pd.DataFrame:
    """Attributes of ``layer`` as a DataFrame indexed by feature id (NULL → None/NaN)."""
    names = list(field_names) if field_names is not None else layer.fields().names()
    missing = [n for n in names if layer.fields().lookupField(n) < 0]
    if missing:
        raise KeyError(f"layer “{layer.name()}” has no field(s): {', '.join(missing)}")
    idx = [layer.fields().lookupField(n) for n in names]
    req = QgsFeatureRequest(request) if request is not None else QgsFeatureRequest()
    req.setFlags(req.flags() | QgsFeatureRequest.Flag.NoGeometry)
    req.setSubsetOfAttributes(idx)
    ids, rows = [], []
    for feat in layer.getFeatures(req):
        ids.append(feat.id())
        attrs = feat.attributes()
        rows.append([_py(attrs[i]) for i in idx])
    return pd.DataFrame(rows, columns=names, index=pd.Index(ids, name="fid"))


def point_coordinates(layer: QgsVectorLayer, request: QgsFeatureRequest = None):
    """(fids, xy) of a point layer; xy is an (n, 2) float array, NaN for empty geometries.

    Multipoints contribute their first part.
    """
    req = QgsFeatureRequest(request) if request is not None else QgsFeatureRequest()
    req.setNoAttributes()
    fids, xs, ys = [], [], []
    for feat in layer.getFeatures(req):
        fids.append(feat.id())
        geom = feat.geometry()
        if geom is None or geom.isEmpty():
            xs.append(np.nan)
            ys.append(np.nan)
            continue
        pt = geom.vertexAt(0)
        xs.append(pt.x())
        ys.append(pt.y())
    return np.asarray(fids, dtype=np.int64), np.column_stack([np.asarray(xs, float), np.asarray(ys, float)])


# --- network ---
# Line layers → the ragged arrays of isrp_plugin.core.network (same reading as QgsVectorLayerDirector).


def _qgis_string(value) -> str:
    """What ``QVariant::toString()`` gives for an attribute value (QgsVectorLayerDirector compares that)."""
    if is_null(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


_WKB_LINESTRING_LE = b"\x01\x02\x00\x00\x00"  # little-endian, LineString, 2-D


def _wkb_dims(wkb_type: int):
    """(base type, coordinates per vertex) of an ISO or 2.5D WKB type code."""
    base = wkb_type & 0x0FFFFFFF
    has_z = bool(wkb_type & 0x80000000) or (base // 1000) in (1, 3)
    has_m = bool(wkb_type & 0x40000000) or (base // 1000) in (2, 3)
    return base % 1000, 2 + has_z + has_m


def _wkb_line_parts(wkb: bytes):
    """The parts of a (Multi)LineString WKB as (n, 2) arrays (x, y only), without a Python loop per vertex."""
    import struct

    out = []

    def linestring(offset):
        order = "<" if wkb[offset] == 1 else ">"
        wkb_type = struct.unpack_from(order + "I", wkb, offset + 1)[0]
        base, dims = _wkb_dims(wkb_type)
        if base != 2:
            raise ValueError(f"unexpected WKB type {wkb_type} inside a multi-line")
        n = struct.unpack_from(order + "I", wkb, offset + 5)[0]
        arr = np.frombuffer(wkb, dtype=order + "f8", count=n * dims, offset=offset + 9).reshape(n, dims)[:, :2]
        out.append(arr)
        return offset + 9 + 8 * n * dims

    if not wkb:
        return out
    order = "<" if wkb[0] == 1 else ">"
    base, _ = _wkb_dims(struct.unpack_from(order + "I", wkb, 1)[0])
    if base == 2:
        linestring(0)
    elif base == 5:
        offset = 9
        for _ in range(struct.unpack_from(order + "I", wkb, 5)[0]):
            offset = linestring(offset)
    return out


def network_arrays(
    layer,
    direction_field: str = None,
    forward_value: str = "",
    backward_value: str = "",
    both_value: str = "",
    default_direction: int = 0,
    speed_field: str = None,
    transform=None,
    request: QgsFeatureRequest = None,
    class_field: str = None,
) -> dict:
    """The line geometries of ``layer`` (a QgsFeatureSource) as arrays for ``core.network.build_network``.

    Features are read in iteration order (the order QGIS's director uses). Direction values are
    compared as strings, as QgsVectorLayerDirector does; unmatched/NULL → ``default_direction``
    (``core.network.DIR_BOTH``/``DIR_FORWARD``/``DIR_BACKWARD``). Curved geometries are
    segmentised (QGIS's director skips them); Z/M are dropped; empty geometries give no parts.
    ``transform`` (a QgsCoordinateTransform) reprojects into the analysis CRS.

    Returns:
        dict with ``fids`` (n_lines,), ``coords`` (n_vertices, 2), ``part_offsets`` (n_parts + 1,),
        ``part_line`` (n_parts,), ``direction`` (n_lines,) int8, ``speed_kmh`` (n_lines,) float
        (NaN where NULL/invalid), ``road_class`` (n_lines,) object: the value of ``class_field`` as
        text (None where NULL), or None without a class field.
    """
    from qgis.core import QgsGeometry, QgsWkbTypes

    fields = layer.fields()
    wanted = [f for f in (direction_field, speed_field, class_field) if f]
    missing = [f for f in wanted if fields.lookupField(f) < 0]
    if missing:
        raise KeyError(f"network layer has no field(s): {', '.join(missing)}")
    req = QgsFeatureRequest(request) if request is not None else QgsFeatureRequest()
    req.setSubsetOfAttributes(wanted, fields)
    dir_codes = {}
    if direction_field:
        # QgsVectorLayerDirector checks both, then forward, then backward
        for value, code in ((backward_value, 2), (forward_value, 1), (both_value, 0)):
            dir_codes[str(value)] = code
    fids, chunks, offsets, part_line, direction, speed, classes = [], [], [0], [], [], [], []
    n_vert = 0
    for feat in layer.getFeatures(req):
        line_idx = len(fids)
        fids.append(feat.id())
        if class_field:
            value = feat[class_field]
            classes.append(None if is_null(value) else _qgis_string(value))
        if direction_field:
            direction.append(dir_codes.get(_qgis_string(feat[direction_field]), default_direction))
        else:
            direction.append(default_direction)
        if speed_field:
            value = feat[speed_field]
            try:
                speed.append(float(value) if not is_null(value) else np.nan)
            except (TypeError, ValueError):
                speed.append(np.nan)
        else:
            speed.append(np.nan)
        geom = feat.geometry()
        if geom is None or geom.isEmpty():
            continue
        if transform is not None:
            geom.transform(transform)
        if QgsWkbTypes.isCurvedType(geom.wkbType()):
            geom = QgsGeometry(geom.constGet().segmentize())
        if QgsWkbTypes.geometryType(geom.wkbType()) != QgsWkbTypes.GeometryType.LineGeometry:
            continue
        wkb = bytes(geom.asWkb())
        if wkb[:5] == _WKB_LINESTRING_LE:  # the common case: coordinates straight from the WKB body
            parts = [wkb[9:]] if len(wkb) > 9 else []
        else:
            parts = [np.ascontiguousarray(a, dtype="<f8").tobytes() for a in _wkb_line_parts(wkb)]
        for part in parts:
            n = len(part) // 16
            if not n:
                continue
            chunks.append(part)
            n_vert += n
            offsets.append(n_vert)
            part_line.append(line_idx)
    return {
        "fids": np.asarray(fids, dtype=np.int64),
        "coords": np.frombuffer(b"".join(chunks), dtype="<f8").reshape(-1, 2).astype(float) if chunks
        else np.zeros((0, 2)),
        "part_offsets": np.asarray(offsets, dtype=np.int64),
        "part_line": np.asarray(part_line, dtype=np.int64),
        "direction": np.asarray(direction, dtype=np.int8),
        "speed_kmh": np.asarray(speed, dtype=float),
        "road_class": np.asarray(classes, dtype=object) if class_field else None,
    }


#: set by gui.tasks on the private per-run copy of a project layer: the cache identity of the original
CACHE_ID_PROPERTY = "isrp/cache_layer_id"
CACHE_STAMP_PROPERTY = "isrp/cache_layer_stamp"


def layer_stamp(layer) -> tuple:
    """A value that changes when the layer's features may have changed (for the graph cache).

    Combines source, subset string, feature count, extent and the edit state; a layer with
    unsaved edits gets a fresh stamp each call (never served from the cache). File-based layers
    add the file's modification time.
    """
    import os
    import time

    uri = layer.source()
    path = uri.split("|")[0]
    mtime = os.path.getmtime(path) if os.path.isfile(path) else None
    ext = layer.extent()
    stamp = (uri, layer.subsetString() if hasattr(layer, "subsetString") else "", layer.featureCount(),
             (ext.xMinimum(), ext.yMinimum(), ext.xMaximum(), ext.yMaximum()), mtime)
    if hasattr(layer, "isModified") and layer.isModified():
        stamp += (("modified", time.monotonic_ns()),)
    return stamp


def _network_key_fields(direction_field, forward_value, backward_value, both_value, default_direction, speed_field,
                        transform, class_field) -> tuple:
    """What besides layer, stamp and tolerance decides the network (the cache key's field part)."""
    dest = transform.destinationCrs().authid() if transform is not None else ""
    return (direction_field, forward_value, backward_value, both_value, default_direction, speed_field, dest,
            class_field or None)


def _build_from_arrays(arr, tolerance):
    from ..core.network import build_network

    net = build_network(arr["coords"], arr["part_offsets"], arr["part_line"], arr["direction"], arr["speed_kmh"],
                        tolerance, road_class=arr.get("road_class"))
    return net, arr["fids"]


def cached_network(
    layer,
    tolerance: float = 0.0,
    direction_field: str = None,
    forward_value: str = "",
    backward_value: str = "",
    both_value: str = "",
    default_direction: int = 0,
    speed_field: str = None,
    transform=None,
    cache=None,
    class_field: str = None,
):
    """The ``core.network.Network`` of a line layer, built once per session while the layer is unchanged.

    Returns:
        (network, fids): the network and the feature id of every line (line index → fid).
    """
    from ..core.network import NETWORK_CACHE, network_cache_key

    cache = NETWORK_CACHE if cache is None else cache
    key = network_cache_key(layer.id(), layer_stamp(layer), tolerance, "", _network_key_fields(
        direction_field, forward_value, backward_value, both_value, default_direction, speed_field, transform,
        class_field))

    def build():
        return _build_from_arrays(network_arrays(layer, direction_field, forward_value, backward_value, both_value,
                                                 default_direction, speed_field, transform, class_field=class_field),
                                  tolerance)

    return cache.get_or_build(key, build)


def cached_network_by_key(
    source,
    key_id: str,
    stamp,
    tolerance: float = 0.0,
    direction_field: str = None,
    forward_value: str = "",
    backward_value: str = "",
    both_value: str = "",
    default_direction: int = 0,
    speed_field: str = None,
    transform=None,
    cache=None,
    class_field: str = None,
    direct: dict = None,
):
    """Like :func:`cached_network`, for any feature source with a key computed beforehand.

    Processing algorithms compute ``key_id`` / ``stamp`` on the main thread (``prepareAlgorithm``:
    layer id or source, :func:`layer_stamp`, selection) and read the features through their
    thread-safe ``QgsProcessingFeatureSource`` only when the network is not cached yet.
    ``stamp=None`` never uses the cache. ``direct``: a :func:`direct_read_spec` of the same layer,
    read through OGR's columnar interface when possible (only without ``transform``).
    Returns ``(network, fids, from_cache)``.
    """
    from ..core.network import NETWORK_CACHE, network_cache_key

    cache = NETWORK_CACHE if cache is None else cache

    def build():
        arr = None
        if direct is not None and transform is None:
            arr = network_arrays_direct(direct, direction_field, forward_value, backward_value, both_value,
                                        default_direction, speed_field, class_field)
        if arr is None:
            arr = network_arrays(source, direction_field, forward_value, backward_value, both_value,
                                 default_direction, speed_field, transform, class_field=class_field)
        return _build_from_arrays(arr, tolerance)

    if stamp is None:
        net, fids = build()
        return net, fids, False
    key = network_cache_key(key_id, stamp, tolerance, "", _network_key_fields(
        direction_field, forward_value, backward_value, both_value, default_direction, speed_field, transform,
        class_field))
    hit = key in cache
    net, fids = cache.get_or_build(key, build)
    return net, fids, hit


# --- direct reads ---
# A layer that is a plain OGR file layer (GeoPackage, shapefile) with nothing QGIS-side changing
# its features (no edits, subset string, selection, feature limit or filter, no reprojection) is
# read through OGR's columnar Arrow interface (GDAL >= 3.6): whole columns as numpy arrays and
# the geometries as WKB, without a Python object per feature. The features, their order and ids
# are those QGIS's OGR provider iterates; any doubt (old GDAL, curved or invalid geometries when
# Processing checks validity, unsupported field types, a different feature count) returns None
# and the caller reads the feature source as usual.

#: File extensions of the OGR drivers read directly.
DIRECT_EXTENSIONS = (".gpkg", ".shp")


def direct_read_spec(layer, definition=None, context=None):
    """How to read ``layer`` directly through OGR, or None (see above). Call on the main thread.

    ``definition``: the parameter value (a QgsProcessingFeatureSourceDefinition may ask for
    selected features, a limit or a filter: then None); ``context``: the QgsProcessingContext
    (its invalid-geometry check is recorded, as Processing would apply it).
    """
    import os

    from qgis.core import QgsProcessingFeatureSourceDefinition, QgsProviderRegistry

    try:
        if layer is None or not isinstance(layer, QgsVectorLayer) or not layer.isValid():
            return None
        if layer.providerType() != "ogr" or layer.isEditable() or layer.isModified() or layer.subsetString():
            return None
        parts = QgsProviderRegistry.instance().decodeUri("ogr", layer.source())
        path = parts.get("path") or ""
        if os.path.splitext(path)[1].lower() not in DIRECT_EXTENSIONS or not os.path.isfile(path):
            return None
        if parts.get("subset") or parts.get("geometryType"):
            return None
        check = context.invalidGeometryCheck() if context is not None else QgsFeatureRequest.GeometryNoCheck
        if isinstance(definition, QgsProcessingFeatureSourceDefinition):
            if definition.selectedFeaturesOnly or definition.featureLimit not in (-1, None) \
                    or getattr(definition, "filterExpression", ""):
                return None
            override = getattr(QgsProcessingFeatureSourceDefinition, "FlagOverrideDefaultGeometryCheck", None)
            if override is not None and definition.flags & override:
                check = definition.geometryCheck
        return {"path": path, "layer_name": parts.get("layerName") or None, "layer_id": parts.get("layerId"),
                "feature_count": int(layer.featureCount()),
                "check_validity": check != QgsFeatureRequest.GeometryNoCheck}
    except Exception:  # noqa: BLE001 - any doubt: read the usual way
        return None


def _read_ogr_columns(spec, fields):
    """fids, WKB geometries and the columns ``fields`` of a :func:`direct_read_spec` layer, or None.

    Returns ``{"fids": int64 array, "wkb": object array of bytes (None = no geometry), "columns":
    {field: numpy (masked) array}}``.
    """
    try:
        from osgeo import gdal
    except ImportError:
        return None
    gdal.PushErrorHandler("CPLQuietErrorHandler")
    try:
        ds = gdal.OpenEx(spec["path"], gdal.OF_VECTOR | gdal.OF_READONLY)
        if ds is None:
            return None
        if spec.get("layer_name"):
            lyr = ds.GetLayerByName(spec["layer_name"])
        else:
            lyr = ds.GetLayer(int(spec.get("layer_id") or 0))
        if lyr is None or not hasattr(lyr, "GetArrowStreamAsNumPy"):
            return None
        defn = lyr.GetLayerDefn()
        names = [defn.GetFieldDefn(i).GetName() for i in range(defn.GetFieldCount())]
        lower = {n.lower(): n for n in names}
        fid_column = lyr.GetFIDColumn() or ""
        wanted, from_fid = [], set()
        for f in fields:  # QGIS matches field names case-insensitively
            if f.lower() not in lower:
                if fid_column and f.lower() == fid_column.lower():  # QGIS shows a GeoPackage's key as a field
                    from_fid.add(f)
                    continue
                return None
            wanted.append(lower[f.lower()])
        lyr.SetIgnoredFields([n for n in names if n not in wanted] + ["OGR_STYLE"])
        fid_name = fid_column or "OGC_FID"  # the names GDAL gives the columns
        geom_name = lyr.GetGeometryColumn() or "wkb_geometry"
        stream = lyr.GetArrowStreamAsNumPy(options=["INCLUDE_FID=YES", "USE_MASKED_ARRAYS=YES"])
        fids, wkbs, cols = [], [], {w: [] for w in wanted}
        for batch in stream:  # arrays are only valid until the next batch: copy
            if fid_name not in batch or geom_name not in batch:
                return None
            fids.append(np.array(batch[fid_name], dtype=np.int64))
            wkbs.append(np.array(batch[geom_name], dtype=object))
            for w in wanted:
                cols[w].append(np.ma.array(batch[w], copy=True))
        n = sum(len(f) for f in fids)
        if n != spec.get("feature_count", n):
            return None
        columns = {}
        all_fids = np.concatenate(fids) if fids else np.zeros(0, dtype=np.int64)
        for f, w in zip([f for f in fields if f not in from_fid], wanted):
            columns[f] = np.ma.concatenate(cols[w]) if cols[w] else np.ma.array(np.zeros(0))
        for f in from_fid:
            columns[f] = np.ma.array(all_fids)
        return {"fids": all_fids,
                "wkb": np.concatenate(wkbs) if wkbs else np.zeros(0, dtype=object), "columns": columns}
    except Exception:  # noqa: BLE001 - any doubt: read the usual way
        return None
    finally:
        gdal.PopErrorHandler()


def _column_python(column):
    """A column from :func:`_read_ogr_columns` as Python values as QGIS gives them (None = NULL), or None.

    Text (UTF-8), integers and reals; other types (dates, binary) return None, and so do booleans:
    GDAL 3.6 unpacks Arrow's bit-packed booleans wrongly in ``GetArrowStreamAsNumPy``.
    """
    data = np.ma.getdata(column)
    mask = np.ma.getmaskarray(column)
    kind = data.dtype.kind
    if kind == "S":
        codes, uniq = pd.factorize(data)
        text = np.array([u.decode("utf-8") for u in uniq] + [None], dtype=object)
        values = text[np.where(codes >= 0, codes, len(uniq))]
    elif kind == "O":
        try:
            values = np.array([v.decode("utf-8") if isinstance(v, bytes) else v for v in data.tolist()], dtype=object)
        except UnicodeDecodeError:
            return None
        if any(v is not None and not isinstance(v, str) for v in values.tolist()):
            return None
    elif kind in "iuf":
        values = data.astype(object)
    else:
        return None
    values[mask] = None
    return values.tolist()


def _column_strings(column):
    """The values of a column as ``QVariant::toString()`` gives them ("" for NULL), vectorised over distinct values."""
    values = _column_python(column)
    if values is None:
        return None
    codes, uniq = pd.factorize(np.array(values, dtype=object))  # None → -1
    text = np.array([_qgis_string(u) for u in uniq] + [""], dtype=object)
    return text[np.where(codes >= 0, codes, len(uniq))]


def _column_numbers(column):
    """A column as float64 (NaN = NULL or not a number), or None for unsupported types."""
    data = np.ma.getdata(column)
    mask = np.ma.getmaskarray(column)
    if data.dtype.kind in "iuf":
        out = data.astype(float)
    else:
        values = _column_python(column)
        if values is None:
            return None
        out = pd.to_numeric(pd.Series(values, dtype=object), errors="coerce").to_numpy(dtype=float)
    out = np.array(out, dtype=float)
    out[mask] = np.nan
    return out


def read_columns_direct(spec, field_names):
    """All ``field_names`` of a :func:`direct_read_spec` layer as Python value lists (None = NULL), or None.

    Returns ``{"fids": int64 array, "columns": [list per field]}`` in reading order. The key of a
    GeoPackage (the ``fid`` field QGIS shows) gives the feature ids. Only text, integer and real
    fields; anything else (booleans, dates, binary, lists) returns None.
    """
    data = _read_ogr_columns(spec, list(field_names))
    if data is None:
        return None
    out = []
    for name in field_names:
        values = _column_python(data["columns"][name])
        if values is None:
            return None
        out.append(values)
    return {"fids": data["fids"], "columns": out}


def network_arrays_direct(spec, direction_field: str = None, forward_value: str = "", backward_value: str = "",
                          both_value: str = "", default_direction: int = 0, speed_field: str = None,
                          class_field: str = None):
    """:func:`network_arrays` read directly through OGR (see :func:`direct_read_spec`), or None.

    The same arrays and the same semantics (direction values compared as text, speeds as numbers,
    classes as text); no per-feature Python work for plain LineStrings.
    """
    import struct

    data = _read_ogr_columns(spec, [f for f in (direction_field, speed_field, class_field) if f])
    if data is None:
        return None
    wkbs = data["wkb"]
    n_lines = len(wkbs)
    direction = np.full(n_lines, default_direction, dtype=np.int8)
    if direction_field:
        text = _column_strings(data["columns"][direction_field])
        if text is None:
            return None
        for value, code in ((backward_value, 2), (forward_value, 1), (both_value, 0)):  # as network_arrays
            direction[text == str(value)] = code
    speed = np.full(n_lines, np.nan)
    if speed_field:
        speed = _column_numbers(data["columns"][speed_field])
        if speed is None:
            return None
    road_class = None
    if class_field:
        values = _column_python(data["columns"][class_field])
        if values is None:
            return None
        road_class = np.array([None if v is None else _qgis_string(v) for v in values], dtype=object)
    chunks, counts, part_line = [], [], []
    for i, wkb in enumerate(wkbs.tolist()):
        if not wkb:
            continue
        if wkb[:5] == _WKB_LINESTRING_LE:  # the common case: the coordinates are the WKB body
            if len(wkb) > 9:
                chunks.append(wkb[9:])
                counts.append((len(wkb) - 9) // 16)
                part_line.append(i)
            continue
        order = "<" if wkb[0] == 1 else ">"
        base, _ = _wkb_dims(struct.unpack_from(order + "I", wkb, 1)[0])
        if base not in (2, 5):  # curves (QGIS segmentises them) or not a line: the usual way
            return None
        for arr in _wkb_line_parts(wkb):
            if len(arr):
                chunks.append(np.ascontiguousarray(arr, dtype="<f8").tobytes())
                counts.append(len(arr))
                part_line.append(i)
    coords = np.frombuffer(b"".join(chunks), dtype="<f8").reshape(-1, 2).astype(float) if chunks \
        else np.zeros((0, 2))
    offsets = np.concatenate([[0], np.cumsum(np.asarray(counts, dtype=np.int64))])
    if spec.get("check_validity") and len(counts):
        # Processing skips or rejects features GEOS calls invalid: a part with fewer than two
        # distinct vertices, or non-finite coordinates. Let the usual path do exactly that.
        if not np.all(np.isfinite(coords)):
            return None
        first = np.repeat(coords[offsets[:-1]], counts, axis=0)
        spread = np.maximum.reduceat(np.abs(coords - first).max(axis=1), offsets[:-1])
        if np.any(spread == 0):
            return None
    return {
        "fids": data["fids"],
        "coords": coords,
        "part_offsets": offsets,
        "part_line": np.asarray(part_line, dtype=np.int64),
        "direction": direction,
        "speed_kmh": np.asarray(speed, dtype=float),
        "road_class": road_class,
    }


_WKB_POINT_LE = b"\x01\x01\x00\x00\x00"


def read_points_direct(spec, field_names=()):
    """:func:`read_points` (without attributes and geometries) read directly through OGR, or None.

    Same result keys: ``fids``, ``xy``, ``values``, ``attributes`` ([]), ``geometries`` ([]),
    ``empty`` and ``multi``.
    """
    import struct

    data = _read_ogr_columns(spec, list(field_names))
    if data is None:
        return None
    values = {}
    for name in field_names:
        v = _column_python(data["columns"][name])
        if v is None:
            return None
        values[name] = v
    wkbs = data["wkb"].tolist()
    n = len(wkbs)
    xy = np.full((n, 2), np.nan)
    lengths = np.fromiter((len(w) if w else 0 for w in wkbs), dtype=np.int64, count=n)
    plain = lengths == 21
    if plain.any():  # 2-D little-endian points: x, y straight from a fixed-width record
        buf = np.frombuffer(b"".join(w for w, p in zip(wkbs, plain.tolist()) if p), dtype=np.uint8).reshape(-1, 21)
        is_pt = np.all(buf[:, :5] == np.frombuffer(_WKB_POINT_LE, dtype=np.uint8), axis=1)
        idx = np.nonzero(plain)[0]
        xy[idx[is_pt]] = np.ascontiguousarray(buf[is_pt, 5:21]).view("<f8").reshape(-1, 2)
        plain[idx[~is_pt]] = False
    multi = []
    for i in np.nonzero(~plain & (lengths > 0))[0].tolist():
        wkb = wkbs[i]
        order = "<" if wkb[0] == 1 else ">"
        base, dims = _wkb_dims(struct.unpack_from(order + "I", wkb, 1)[0])
        if base == 1:
            xy[i] = struct.unpack_from(order + "dd", wkb, 5)
        elif base == 4:  # multipoint: the first point
            parts = struct.unpack_from(order + "I", wkb, 5)[0]
            if parts:
                inner = "<" if wkb[9] == 1 else ">"
                xy[i] = struct.unpack_from(inner + "dd", wkb, 14)
            if parts > 1:
                multi.append(int(data["fids"][i]))
        else:
            return None
    finite = np.all(np.isfinite(xy), axis=1)
    if spec.get("check_validity") and np.any(~finite & ~np.isnan(xy).any(axis=1)):
        return None  # infinite coordinates: let Processing's validity check decide
    xy[~finite] = np.nan
    return {"fids": data["fids"], "xy": xy, "values": values, "attributes": [], "geometries": [],
            "empty": data["fids"][~finite].tolist(), "multi": multi}


def read_points(source, field_names=(), request: QgsFeatureRequest = None, keep_attributes: bool = False,
                keep_geometries: bool = False) -> dict:
    """Points of a feature source (in the request's destination CRS, if set) as arrays.

    Returns:
        dict with ``fids`` (n,), ``xy`` (n, 2; NaN for empty/missing geometries), ``values``
        ({field: list of Python values, NULL → None}), ``attributes`` (list of attribute lists, only
        with ``keep_attributes``), ``geometries`` (the QgsGeometry of every feature, only with
        ``keep_geometries``), ``empty`` (fids without a usable point) and ``multi`` (fids of
        multipoints with more than one part; their first part is used).
    """
    import math

    fields = source.fields()
    idx = []
    for name in field_names:
        i = fields.lookupField(name)
        if i < 0:
            raise KeyError(name)
        idx.append(i)
    pairs = list(zip(field_names, idx))
    req = QgsFeatureRequest(request) if request is not None else QgsFeatureRequest()
    if not keep_attributes:
        req.setSubsetOfAttributes(idx)
    fids, xs, ys, attrs, geoms, empty, multi = [], [], [], [], [], [], []
    raw = {name: [] for name in field_names}
    nan = float("nan")
    isfinite = math.isfinite
    for feat in source.getFeatures(req):
        fid = feat.id()
        fids.append(fid)
        row = feat.attributes()
        if keep_attributes:
            attrs.append(row)
        for name, i in pairs:
            raw[name].append(row[i])
        geom = feat.geometry()
        x = y = nan
        is_multi = False
        if not geom.isEmpty():
            g = geom.constGet()
            if geom.isMultipart():  # multipoint: first part
                is_multi = True
                if g.numGeometries() > 1:
                    multi.append(fid)
                g = g.geometryN(0)
            try:
                x, y = g.x(), g.y()
            except AttributeError:  # not a point
                pass
        if not (isfinite(x) and isfinite(y)):
            x = y = nan
            empty.append(fid)
        if keep_geometries:  # single points as they are (cheap, shared), multipoints as their first point
            if is_multi and isfinite(x):
                from qgis.core import QgsGeometry, QgsPointXY

                geom = QgsGeometry.fromPointXY(QgsPointXY(x, y))
            geoms.append(geom)
        xs.append(x)
        ys.append(y)
    values = {name: [_py(v) for v in vals] for name, vals in raw.items()}
    xy = np.column_stack([np.asarray(xs, float), np.asarray(ys, float)]) if fids else np.zeros((0, 2))
    return {"fids": np.asarray(fids, dtype=np.int64), "xy": xy, "values": values, "attributes": attrs,
            "geometries": geoms, "empty": empty, "multi": multi}


def crs_is_metric(crs) -> bool:
    """A valid projected CRS whose map units are metres."""
    from qgis.core import QgsUnitTypes

    if crs is None or not crs.isValid() or crs.isGeographic():
        return False
    metres = getattr(getattr(QgsUnitTypes, "DistanceUnit", QgsUnitTypes), "DistanceMeters", None)
    if metres is None:  # QGIS ≥ 3.30 with the enum moved to Qgis.DistanceUnit
        from qgis.core import Qgis

        metres = Qgis.DistanceUnit.Meters
    return crs.mapUnits() == metres


def utm_crs_for(extent, crs, transform_context):
    """The WGS 84 / UTM zone CRS (EPSG:326xx north, 327xx south) at the centre of ``extent`` (in ``crs``)."""
    from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsPointXY

    wgs84 = QgsCoordinateReferenceSystem("EPSG:4326")
    centre = extent.center()
    if crs.isValid() and crs != wgs84:
        centre = QgsCoordinateTransform(crs, wgs84, transform_context).transform(QgsPointXY(centre))
    lon = min(max(centre.x(), -180.0), 179.999999)
    zone = int((lon + 180.0) // 6.0) + 1
    return QgsCoordinateReferenceSystem(f"EPSG:{(32600 if centre.y() >= 0 else 32700) + zone}")


def analysis_crs(crs, extent, project_crs, transform_context):
    """The metric CRS an analysis runs in: ``crs`` itself when metric, else the project CRS when metric,
    else the UTM zone of the extent's centre. Returns ``(crs, reason)`` with reason
    ``"layer"``, ``"project"`` or ``"utm"``.
    """
    if crs_is_metric(crs):
        return crs, "layer"
    if project_crs is not None and crs_is_metric(project_crs):
        return project_crs, "project"
    return utm_crs_for(extent, crs, transform_context), "utm"


def points_in_geometry(xy: np.ndarray, geom, candidates: np.ndarray = None) -> np.ndarray:
    """Indices of the points (rows of ``xy``) inside or on the boundary of ``geom`` (a QgsGeometry).

    A bounding-box test in numpy picks the candidates (optionally only among ``candidates``, a
    boolean mask); a prepared GEOS geometry decides.
    """
    from qgis.core import QgsGeometry, QgsPoint

    xy = np.asarray(xy, dtype=float).reshape(-1, 2)
    if geom is None or geom.isNull() or geom.isEmpty() or not len(xy):
        return np.zeros(0, dtype=np.int64)
    bb = geom.boundingBox()
    mask = (xy[:, 0] >= bb.xMinimum()) & (xy[:, 0] <= bb.xMaximum()) & (xy[:, 1] >= bb.yMinimum()) \
        & (xy[:, 1] <= bb.yMaximum())
    if candidates is not None:
        mask &= candidates
    cand = np.nonzero(mask)[0]
    if not cand.size:
        return cand.astype(np.int64)
    engine = QgsGeometry.createGeometryEngine(geom.constGet())
    engine.prepareGeometry()
    return np.asarray([i for i in cand.tolist() if engine.intersects(QgsPoint(xy[i, 0], xy[i, 1]))], dtype=np.int64)


def points_in_polygons(xy: np.ndarray, polygons, feedback=None) -> np.ndarray:
    """Index of the first polygon (in the given order) containing or touching each point, -1 for none.

    ``polygons``: a list of QgsGeometry (None or empty allowed).
    """
    xy = np.asarray(xy, dtype=float).reshape(-1, 2)
    out = np.full(len(xy), -1, dtype=np.int64)
    finite = np.all(np.isfinite(xy), axis=1)
    for j, geom in enumerate(polygons):
        if feedback is not None and feedback.isCanceled():
            break
        hit = points_in_geometry(xy, geom, finite & (out < 0))
        out[hit] = j
    return out


# --- atlas ---
# Indicator tables from spreadsheets / table layers → the text the core atlas reader parses, and
# DataFrames → features. The core (isrp_plugin.core.atlas_tables) does all parsing and checking.


def no_geometry_request(request: QgsFeatureRequest = None) -> QgsFeatureRequest:
    """A copy of ``request`` (or a new one) that fetches no geometry (flag enum of QGIS 3.22 … 4)."""
    from qgis.core import Qgis

    req = QgsFeatureRequest(request) if request is not None else QgsFeatureRequest()
    flag = getattr(getattr(Qgis, "FeatureRequestFlag", None), "NoGeometry", None)
    req.setFlags(req.flags() | (flag if flag is not None else QgsFeatureRequest.Flag.NoGeometry))
    return req


def _cell_text(value, decimal: str = ".") -> str:
    """One attribute value as table text: NULL → "", integral floats without ".0", no exponent."""
    if is_null(value):
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value != value:  # NaN
            return ""
        text = str(int(value)) if value.is_integer() and abs(value) < 1e15 else np.format_float_positional(
            value, trim="-"
        )
        return text.replace(".", decimal) if decimal != "." else text
    if hasattr(value, "toString") and not isinstance(value, str):  # QDate, QDateTime
        return str(value.toString("yyyy-MM-dd"))
    return str(value)


def table_text(columns, rows, decimal: str = ".") -> str:
    """Header + rows (lists of attribute values) as ';'-separated text for ``read_atlas_text``.

    Numbers are written with ``decimal`` and without thousands separators; text cells ("." for
    suppressed, "-" for zero) pass through, so the core reader flags them exactly as in a CSV file.
    """
    import csv
    import io

    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=";", lineterminator="\n")
    writer.writerow([str(c) for c in columns])
    for row in rows:
        writer.writerow([_cell_text(v, decimal) for v in row])
    return buf.getvalue()


def layer_rows(layer, feedback=None):
    """(field names, list of attribute lists) of a vector layer or feature source, without geometry."""
    names = layer.fields().names()
    req = no_geometry_request()
    rows = []
    for feat in layer.getFeatures(req):
        if feedback is not None and feedback.isCanceled():
            break
        rows.append(list(feat.attributes()))
    return names, rows


def open_spreadsheet(path: str, sheet: str = ""):
    """An XLSX/XLS/ODS sheet (first sheet unless ``sheet``) as a QgsVectorLayer through GDAL/OGR.

    Returns ``(layer, sheet_names)``; the layer is None when GDAL cannot open the file.
    """
    from qgis.core import QgsProviderRegistry

    sheets = []
    try:
        meta = QgsProviderRegistry.instance().providerMetadata("ogr")
        for detail in meta.querySublayers(path) if hasattr(meta, "querySublayers") else []:
            sheets.append(detail.name())
    except Exception:  # noqa: BLE001 - listing sheets is informative only
        sheets = []
    uri = f"{path}|layername={sheet}" if sheet else path
    layer = QgsVectorLayer(uri, sheet or path, "ogr")
    if not layer.isValid():
        return None, sheets
    return layer, sheets


def _kind_of(series: pd.Series) -> str:
    if pd.api.types.is_bool_dtype(series):
        return "int"
    if pd.api.types.is_integer_dtype(series):
        return "int64"
    if pd.api.types.is_float_dtype(series):
        return "double"
    return "string"


def frame_fields(frame: pd.DataFrame, kinds: dict = None, aliases: dict = None):
    """QgsFields for the columns of ``frame`` (kind from the dtype unless given in ``kinds``)."""
    from qgis.core import QgsFields

    from .compat import make_field

    fields = QgsFields()
    for col in frame.columns:
        kind = (kinds or {}).get(col) or _kind_of(frame[col])
        f = make_field(str(col), kind)
        if aliases and col in aliases:
            f.setAlias(aliases[col])
        fields.append(f)
    return fields


def frame_rows(frame: pd.DataFrame) -> list:
    """Rows of ``frame`` as lists of Python values; NaN/NA → None, numpy scalars → Python scalars.

    Float blocks are converted with whole-array operations (no Python code per cell).
    """
    if frame.shape[1] == 0:
        return [[] for _ in range(len(frame))]
    if all(pd.api.types.is_float_dtype(t) for t in frame.dtypes):  # the common case: one matrix, one conversion
        mat = frame.to_numpy(dtype=float)
        obj = mat.astype(object)
        obj[np.isnan(mat)] = None
        return obj.tolist()
    cols = []
    for col in frame.columns:
        s = frame[col]
        if pd.api.types.is_float_dtype(s):
            arr = s.to_numpy(dtype=float)
            obj = arr.astype(object)
            obj[np.isnan(arr)] = None
        elif pd.api.types.is_integer_dtype(s) and not pd.api.types.is_extension_array_dtype(s):
            obj = s.to_numpy().astype(object)
            obj = np.array([int(v) for v in obj], dtype=object)
        else:
            obj = s.astype(object).to_numpy()
            mask = pd.isna(s).to_numpy()
            obj = obj.copy()
            obj[mask] = None
            for i in np.flatnonzero(~mask):
                v = obj[i]
                if isinstance(v, np.generic):
                    obj[i] = v.item()
        cols.append(obj)
    return np.column_stack(cols).tolist()


SHARED_VARIANT_SHARE = 0.4  # above this share of distinct values, plain Python floats are cheaper


def variant_rows(frame: pd.DataFrame) -> list:
    """Rows of ``frame`` for ``QgsFeature.setAttributes``, fast for wide frames of floats.

    PyQGIS converts every Python float of an attribute list into a QVariant (about half a
    microsecond each: for 10,000 features × 1,100 fields the largest cost of writing the layer),
    but copies a QVariant object as it is. Atlas values repeat a lot (counts, rates with one
    decimal), so each distinct value becomes one QVariant shared by all cells holding it (NaN →
    NULL, -0.0 → 0.0). Frames with other dtypes, or with more than ``SHARED_VARIANT_SHARE`` distinct
    values, get the plain Python values of :func:`frame_rows`.
    """
    if frame.shape[1] == 0 or not all(pd.api.types.is_float_dtype(t) for t in frame.dtypes):
        return frame_rows(frame)
    values = frame.to_numpy(dtype=float)
    codes, uniques = pd.factorize(values.ravel())  # NaN → code -1; 0.0 and -0.0 are one value
    if len(uniques) > SHARED_VARIANT_SHARE * values.size:
        return frame_rows(frame)
    from qgis.PyQt.QtCore import QVariant

    from .compat import null_value

    uniques[uniques == 0] = 0.0  # whichever zero came first: write 0, not -0
    shared = np.empty(len(uniques) + 1, dtype=object)
    shared[:-1] = [QVariant(v) for v in uniques.tolist()]
    shared[-1] = null_value()  # the last slot serves code -1
    return shared[codes].reshape(values.shape).tolist()


def threaded_sink_ok(dest_id: str, context) -> bool:
    """Whether the sink ``dest_id`` of ``parameterAsSink`` may get its features from a helper thread.

    Memory layers and GeoPackage/shapefile files do (tested: tests/qgis/test_alg_atlas_large.py);
    database providers keep per-thread connections, so their sinks are written from the algorithm's
    own thread.
    """
    if not dest_id:
        return False
    layer = context.getMapLayer(dest_id) if context is not None else None
    if layer is not None:
        return layer.providerType() == "memory"
    return dest_id.split("|")[0].lower().endswith((".gpkg", ".shp"))


class _SinkWriter:
    """Adds batches of features to a sink, in order; with ``background`` from one helper thread.

    The sink's C++ work (type checks, writing) releases the GIL, so it runs beside the Python work
    of building the next batch. The sink is still called by one thread at a time, in order; at most
    one batch is in flight (bounded memory), and an error surfaces at the next batch or at
    :meth:`close`, which waits until everything is written and returns the number of features.
    """

    def __init__(self, sink, background: bool) -> None:
        from concurrent.futures import ThreadPoolExecutor

        self.sink = sink
        self.pool = ThreadPoolExecutor(max_workers=1) if background else None
        self.pending = None
        self.written = 0
        self.batch = []

    def _add(self, feats) -> int:
        from qgis.core import QgsFeatureSink

        self.sink.addFeatures(feats, QgsFeatureSink.Flag.FastInsert)
        return len(feats)

    def add(self, feats) -> None:
        if self.pool is None:
            self.written += self._add(feats)
            return
        if self.pending is not None:
            self.written += self.pending.result()
        self.pending = self.pool.submit(self._add, feats)

    def append(self, feat, batch_size: int = 1000) -> None:
        """Collect ``feat``; every ``batch_size`` features go to the sink as one batch."""
        self.batch.append(feat)
        if len(self.batch) >= batch_size:
            self.add(self.batch)
            self.batch = []

    def flush(self) -> None:
        """Send the features collected since the last batch."""
        if self.batch:
            batch, self.batch = self.batch, []
            self.add(batch)

    def close(self) -> int:
        """Wait for the sink (features not flushed are dropped); the number of features written."""
        if self.pool is not None:
            try:
                if self.pending is not None:
                    self.written += self.pending.result()
            finally:
                self.pending = None
                self.pool.shutdown(wait=True)
        return self.written


def write_features(sink, fields, base_rows, frame_values, geometries, feedback=None, progress=(0.0, 100.0),
                   background: bool = False) -> int:
    """Write features ``base_rows[i] + frame_values[i]`` with ``geometries[i]`` (None → no geometry).

    Returns the number of features written; stops early (returning the count so far) when cancelled.
    With ``background``, each batch of 1,000 features goes to the sink from a helper thread while the
    next batch is built (see :class:`_SinkWriter`).
    """
    from qgis.core import QgsFeature

    n = len(base_rows)
    lo, hi = progress
    step = max(1, n // 100)
    writer = _SinkWriter(sink, background)
    try:
        for i in range(n):
            if feedback is not None and i % step == 0:
                if feedback.isCanceled():
                    break
                feedback.setProgress(lo + (hi - lo) * i / max(n, 1))
            feat = QgsFeature(fields)
            attrs = list(base_rows[i])
            attrs += frame_values[i]  # (one copy of a row of a thousand values, not two)
            feat.setAttributes(attrs)
            geom = geometries[i] if geometries is not None else None
            if geom is not None:
                feat.setGeometry(geom)
            writer.append(feat)
        writer.flush()
    finally:
        written = writer.close()
    return written


def read_units(source, id_field: str, name_field: str = None, transform=None, with_geometry: bool = True,
               feedback=None) -> dict:
    """Ids, names, attributes and geometries of a district/unit feature source (in iteration order).

    Returns a dict with ``ids`` (raw attribute values; the feature ids without ``id_field``), ``names``
    (or None), ``attributes`` (list of attribute lists), ``geometries`` (QgsGeometry or None per
    feature, transformed with ``transform``) and ``fids``.
    """
    req = QgsFeatureRequest() if with_geometry else no_geometry_request()
    fields = source.fields()
    i_id = fields.lookupField(id_field) if id_field else -1
    i_name = fields.lookupField(name_field) if name_field else -1
    ids, names, attrs, geoms, fids = [], [], [], [], []
    for feat in source.getFeatures(req):
        if feedback is not None and feedback.isCanceled():
            break
        a = feat.attributes()
        fids.append(feat.id())
        attrs.append(a)
        ids.append(_py(a[i_id]) if i_id >= 0 else feat.id())
        if i_name >= 0:
            names.append(_py(a[i_name]))
        if with_geometry:
            g = feat.geometry() if feat.hasGeometry() else None
            if g is not None and transform is not None:
                g.transform(transform)
            geoms.append(g)
        else:
            geoms.append(None)
    return {"ids": ids, "names": names if i_name >= 0 else None, "attributes": attrs, "geometries": geoms,
            "fids": fids}


def columns_frame(fields, attributes, names, index=None) -> pd.DataFrame:
    """Selected columns of attribute lists (as read by :func:`read_units`) as a DataFrame (NULL → None)."""
    pos = []
    for n in names:
        i = fields.lookupField(n)
        if i < 0:
            raise KeyError(n)
        pos.append(i)
    data = {n: [_py(a[i]) for a in attributes] for n, i in zip(names, pos)}
    return pd.DataFrame(data, index=index, columns=list(names))


def read_columns(source, names, with_geometry: bool = False, feedback=None) -> tuple:
    """``(fids, frame, geometries)``: only the named columns of a feature source (NULL → None).

    Converts just these attributes to Python (a layer with a thousand fields stays fast); geometries
    only with ``with_geometry`` (else None).
    """
    fields = source.fields()
    idx = []
    for n in names:
        i = fields.lookupField(n)
        if i < 0:
            raise KeyError(n)
        idx.append(i)
    req = QgsFeatureRequest() if with_geometry else no_geometry_request()
    req.setSubsetOfAttributes(idx)
    fids, cols, geoms = [], [[] for _ in idx], []
    for feat in source.getFeatures(req):
        if feedback is not None and feedback.isCanceled():
            break
        fids.append(feat.id())
        for col, i in zip(cols, idx):
            col.append(feat.attribute(i))
        if with_geometry:
            geoms.append(feat.geometry() if feat.hasGeometry() else None)
    plain = (float, int, str)
    cols = [[v if type(v) in plain else _py(v) for v in col] for col in cols]  # NULL → None, only where needed
    frame = pd.DataFrame(dict(zip(names, cols)), columns=list(names))
    return fids, frame, (geoms if with_geometry else None)


def append_fields(source, sink, out_fields, new_values: dict, changes: dict = None, order=None, feedback=None,
                  progress=(0.0, 100.0), background: bool = False) -> int:
    """Copy the features of ``source`` into ``sink`` with their attributes untouched and new values appended.

    ``out_fields`` = the source's fields followed by the new fields; ``new_values[fid]`` = the list of
    new values of a feature; ``changes[fid]`` = ``{field index: value}`` replacing existing values (e.g.
    NULL for suppressed cells). The existing attributes are never converted to Python objects, so a
    layer with a thousand fields is copied at C++ speed. ``order`` (a list of fids) writes the
    features in that order. Returns the number of features written. With ``background`` the
    batches go to the sink from a helper thread while the next batch is prepared
    (:class:`_SinkWriter`): for such wide layers the sink's type checks are half the work.
    """
    n_total = len(out_fields)
    n_in = source.fields().count()
    changes = changes or {}
    feats = source.getFeatures()
    if order is not None:
        kept = {f.id(): f for f in feats}
        feats = (kept[fid] for fid in order if fid in kept)
    count = len(new_values)
    step = max(1, count // 100)
    lo, hi = progress
    writer = _SinkWriter(sink, background)
    try:
        for i, feat in enumerate(feats):
            if feedback is not None and i % step == 0:
                if feedback.isCanceled():
                    break
                feedback.setProgress(lo + (hi - lo) * i / max(count, 1))
            fid = feat.id()
            feat.resizeAttributes(n_total)
            for j, v in enumerate(new_values.get(fid, ())):
                feat.setAttribute(n_in + j, v)
            for j, v in changes.get(fid, {}).items():
                feat.setAttribute(j, v)
            feat.setFields(out_fields, False)
            writer.append(feat)
        writer.flush()
    finally:
        written = writer.close()
    return written
