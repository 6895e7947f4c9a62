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
        (NaN where NULL/invalid).
    """
    from qgis.core import QgsGeometry, QgsWkbTypes

    fields = layer.fields()
    wanted = [f for f in (direction_field, speed_field) if f]
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
    fids, xs, ys, offsets, part_line, direction, speed = [], [], [], [0], [], [], []
    n_vert = 0
    for feat in layer.getFeatures(req):
        line_idx = len(fids)
        fids.append(feat.id())
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
        parts = geom.asMultiPolyline() if geom.isMultipart() else [geom.asPolyline()]
        for part in parts:
            if not part:
                continue
            xs.extend(p.x() for p in part)
            ys.extend(p.y() for p in part)
            n_vert += len(part)
            offsets.append(n_vert)
            part_line.append(line_idx)
    return {
        "fids": np.asarray(fids, dtype=np.int64),
        "coords": np.column_stack([np.asarray(xs, float), np.asarray(ys, float)]) if xs else np.zeros((0, 2)),
        "part_offsets": np.asarray(offsets, dtype=np.int64),
        "part_line": np.asarray(part_line, dtype=np.int64),
        "direction": np.asarray(direction, dtype=np.int8),
        "speed_kmh": np.asarray(speed, dtype=float),
    }


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
):
    """The ``core.network.Network`` of a line layer, built once per session while the layer is unchanged.

    Returns:
        (network, fids): the network and the feature id of every line (line index → fid).
    """
    from ..core.network import NETWORK_CACHE, build_network, network_cache_key

    cache = NETWORK_CACHE if cache is None else cache
    dest = transform.destinationCrs().authid() if transform is not None else ""
    key = network_cache_key(
        layer.id(), layer_stamp(layer), tolerance, "",
        (direction_field, forward_value, backward_value, both_value, default_direction, speed_field, dest),
    )

    def build():
        arr = network_arrays(layer, direction_field, forward_value, backward_value, both_value, default_direction,
                             speed_field, transform)
        net = build_network(arr["coords"], arr["part_offsets"], arr["part_line"], arr["direction"],
                            arr["speed_kmh"], tolerance)
        return net, arr["fids"]

    return cache.get_or_build(key, build)
