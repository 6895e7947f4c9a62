"""Direct reads through OGR's columnar interface give exactly what reading feature by feature gives.

qgis_io.layers.network_arrays_direct / read_points_direct against network_arrays / read_points (the
QGIS feature iterator) on GeoPackage and shapefile copies of the same layers, the cases where a
direct read must not be used, and isrp:accessibility giving the same output either way.
"""

import math

import numpy as np
import pytest
from qgis.core import (
    QgsFeature,
    QgsFeatureRequest,
    QgsGeometry,
    QgsLineString,
    QgsMultiLineString,
    QgsPoint,
    QgsPointXY,
    QgsProcessingFeatureSourceDefinition,
    QgsVectorLayer,
)

from isrp_plugin.qgis_io import layers as io
from tests.qgis.layer_files import save_layer as save

X0, Y0 = 600000.0, 5650000.0


def lines_layer():
    """Lines with Z, several parts, NULL and odd attribute values (direction as text and as numbers)."""
    vl = QgsVectorLayer("MultiLineStringZ?crs=EPSG:25832&field=dir:string&field=dirn:integer&field=speed:double"
                        "&field=highway:string", "net", "memory")
    rng = np.random.default_rng(4)
    feats = []
    for i in range(60):
        parts = []
        for _ in range(1 + (i % 7 == 0)):
            n = int(rng.integers(2, 6))
            xs = X0 + np.cumsum(rng.uniform(-50, 80, n)) + 40 * (i % 10)
            ys = Y0 + np.cumsum(rng.uniform(-50, 80, n)) + 40 * (i // 10)
            parts.append(QgsLineString([QgsPoint(float(x), float(y), float(z)) for x, y, z in
                                        zip(xs, ys, rng.uniform(0, 5, n))]))
        geom = QgsMultiLineString()
        for p in parts:
            geom.addGeometry(p)
        f = QgsFeature(vl.fields())
        f.setGeometry(QgsGeometry(geom))
        f.setAttributes([
            [None, "forward", "backward", "both", "weird"][i % 5],
            [None, 1, -1, 0][i % 4],
            [None, 30.0, 50.5, 0.0, -3.0][i % 5],
            [None, "primary", "Fußweg", " residential ", "ÄÖÜ"][i % 5],
        ])
        feats.append(f)
    empty = QgsFeature(vl.fields())  # no geometry at all
    empty.setAttributes(["forward", 1, 20.0, "track"])
    feats.append(empty)
    assert vl.dataProvider().addFeatures(feats)
    return vl


def points_layer():
    vl = QgsVectorLayer("MultiPoint?crs=EPSG:25832&field=pop:integer&field=pop2:double&field=unit:string",
                        "pts", "memory")
    rng = np.random.default_rng(6)
    feats = []
    for i in range(80):
        f = QgsFeature(vl.fields())
        if i % 17 != 3:
            pts = [QgsPointXY(X0 + float(rng.uniform(0, 500)), Y0 + float(rng.uniform(0, 500)))
                   for _ in range(1 + (i % 11 == 0))]
            f.setGeometry(QgsGeometry.fromMultiPointXY(pts))
        f.setAttributes([None if i % 9 == 0 else int(i), 0.5 * i, None if i % 13 == 0 else f"Straße {i % 4}"])
        feats.append(f)
    assert vl.dataProvider().addFeatures(feats)
    return vl


def same(a, b):
    if a is None or b is None:
        return a is None and b is None
    a, b = np.asarray(a), np.asarray(b)
    if a.dtype == object or b.dtype == object:
        return a.tolist() == b.tolist()
    return a.shape == b.shape and np.array_equal(a, b, equal_nan=True)


@pytest.mark.parametrize("driver, ext", [("GPKG", "gpkg"), ("ESRI Shapefile", "shp")])
def test_network_arrays_direct_equals_feature_reading(qgis_app, tmp_path, driver, ext):
    layer = save(lines_layer(), tmp_path / f"net.{ext}", "net", driver)
    spec = io.direct_read_spec(layer)
    assert spec is not None
    for args in (("dir", "forward", "backward", "both", 0, "speed", "highway"),
                 ("dirn", "1", "-1", "", 1, None, None),
                 (None, "", "", "", 0, None, "highway")):
        direction_field, fwd, bwd, both, default, speed_field, class_field = args
        slow = io.network_arrays(layer, direction_field, fwd, bwd, both, default, speed_field, None,
                                 class_field=class_field)
        fast = io.network_arrays_direct(spec, direction_field, fwd, bwd, both, default, speed_field, class_field)
        assert fast is not None
        for key in slow:
            assert same(slow[key], fast[key]), (key, args)
    classes = fast["road_class"].tolist()
    assert "Fußweg" in classes and "ÄÖÜ" in classes and None in classes  # text as is (DBF trims blanks)


@pytest.mark.parametrize("driver, ext", [("GPKG", "gpkg"), ("ESRI Shapefile", "shp")])
def test_read_points_direct_equals_feature_reading(qgis_app, tmp_path, driver, ext):
    layer = save(points_layer(), tmp_path / f"pts.{ext}", "pts", driver)
    spec = io.direct_read_spec(layer)
    fields = ["pop", "pop2", "unit"]
    slow = io.read_points(layer, fields)
    fast = io.read_points_direct(spec, fields)
    assert fast is not None
    for key in ("fids", "xy", "empty", "multi"):
        assert same(slow[key], fast[key]), key
    for f in fields:
        assert slow["values"][f] == fast["values"][f], f
        assert [type(v) for v in slow["values"][f]] == [type(v) for v in fast["values"][f]], f
    assert fast["empty"] and fast["multi"] and None in fast["values"]["pop"]


def test_when_not_to_read_directly(qgis_app, tmp_path):
    from qgis.core import QgsProcessingContext

    layer = save(points_layer(), tmp_path / "pts.gpkg", "pts", "GPKG")
    assert io.direct_read_spec(layer) is not None
    assert io.direct_read_spec(points_layer()) is None  # a memory layer
    sub = QgsVectorLayer(layer.source(), "sub", "ogr")
    sub.setSubsetString('"pop" > 10')
    assert io.direct_read_spec(sub) is None
    layer.selectByIds([1, 2])
    assert io.direct_read_spec(layer, QgsProcessingFeatureSourceDefinition(layer.source(), True)) is None
    assert io.direct_read_spec(layer, QgsProcessingFeatureSourceDefinition(layer.source(), False, 5)) is None
    editing = QgsVectorLayer(layer.source(), "edit", "ogr")
    editing.startEditing()
    assert io.direct_read_spec(editing) is None
    editing.rollBack()
    # Processing's validity check: a line with two equal vertices is invalid for GEOS → read the usual way
    vl = QgsVectorLayer("LineString?crs=EPSG:25832", "z", "memory")
    feats = []
    for line in ([(0, 0), (10, 0)], [(5, 5), (5, 5)]):
        f = QgsFeature()
        f.setGeometry(QgsGeometry.fromPolylineXY([QgsPointXY(X0 + x, Y0 + y) for x, y in line]))
        feats.append(f)
    vl.dataProvider().addFeatures(feats)
    net = save(vl, tmp_path / "zero.gpkg", "zero", "GPKG")
    context = QgsProcessingContext()
    context.setInvalidGeometryCheck(QgsFeatureRequest.GeometryAbortOnInvalid)
    assert io.network_arrays_direct(io.direct_read_spec(net, None, context)) is None
    context.setInvalidGeometryCheck(QgsFeatureRequest.GeometryNoCheck)
    fast = io.network_arrays_direct(io.direct_read_spec(net, None, context))
    assert same(fast["coords"], io.network_arrays(net)["coords"])
    # a curved line: QGIS segmentises it, so it is read the usual way
    curved = QgsVectorLayer("CompoundCurve?crs=EPSG:25832", "c", "memory")
    f = QgsFeature()
    f.setGeometry(QgsGeometry.fromWkt(f"CompoundCurve(CircularString({X0} {Y0}, {X0 + 5} {Y0 + 5}, {X0 + 10} {Y0}))"))
    curved.dataProvider().addFeatures([f])
    assert io.network_arrays_direct(io.direct_read_spec(save(curved, tmp_path / "c.gpkg", "c", "GPKG"))) is None


def test_accessibility_output_is_the_same_either_way(provider, tmp_path, monkeypatch):
    from qgis import processing

    rng = np.random.default_rng(9)
    grid = QgsVectorLayer("LineString?crs=EPSG:25832&field=oneway:integer", "net", "memory")
    feats = []
    for i in range(12):
        for horizontal in (True, False):
            f = QgsFeature(grid.fields())
            pts = [(X0 + 100 * j, Y0 + 100 * i) if horizontal else (X0 + 100 * i, Y0 + 100 * j) for j in range(12)]
            f.setGeometry(QgsGeometry.fromPolylineXY([QgsPointXY(x, y) for x, y in pts]))
            f.setAttributes([int(rng.integers(0, 2))])
            feats.append(f)
    grid.dataProvider().addFeatures(feats)
    demand = points_layer()
    fac = QgsVectorLayer("Point?crs=EPSG:25832&field=name:string", "fac", "memory")
    feats = []
    for i in range(4):
        f = QgsFeature(fac.fields())
        f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(X0 + float(rng.uniform(0, 1100)),
                                                         Y0 + float(rng.uniform(0, 1100)))))
        f.setAttributes([f"F{i}"])
        feats.append(f)
    fac.dataProvider().addFeatures(feats)
    gpkg = tmp_path / "in.gpkg"
    files = [save(grid, gpkg, "net", "GPKG"), save(demand, gpkg, "demand", "GPKG"), save(fac, gpkg, "fac", "GPKG")]
    calls = {"points": 0, "network": 0}
    real_points, real_network = io.read_points_direct, io.network_arrays_direct

    def spy_points(*a, **k):
        calls["points"] += 1
        return real_points(*a, **k)

    def spy_network(*a, **k):
        calls["network"] += 1
        return real_network(*a, **k)

    monkeypatch.setattr(io, "read_points_direct", spy_points)
    monkeypatch.setattr(io, "network_arrays_direct", spy_network)

    def run(layers):
        return processing.run("isrp:accessibility", {
            "NETWORK": layers[0], "DEMAND": layers[1], "FACILITIES": layers[2], "FACILITY_ID_FIELD": "name",
            "MODE": 2, "COST_UNIT": 1, "ONEWAY_FIELD": "oneway", "K": 2, "MAX_ACCESS_DISTANCE": 300,
            "POPULATION_FIELD": ["pop", "pop2"], "DEMAND_UNIT_FIELD": "unit", "TOLERANCE": 0,
            "OUTPUT": "memory:"})["OUTPUT"]

    direct = run(files)
    assert calls == {"points": 1, "network": 1}
    usual = run([grid, demand, fac])  # memory layers: read feature by feature
    assert calls == {"points": 1, "network": 1}
    names = usual.fields().names()
    assert direct.fields().names() == ["fid"] + names  # the GeoPackage's own fid column comes first
    a, b = list(direct.getFeatures()), list(usual.getFeatures())
    assert len(a) == len(b) == demand.featureCount()
    for fa, fb in zip(a, b):
        for name in names:
            va, vb = fa[name], fb[name]
            if isinstance(va, float) and isinstance(vb, float):
                assert math.isclose(va, vb, rel_tol=0, abs_tol=1e-9), name
            else:
                assert va == vb, (name, va, vb)
        assert fa.geometry().asWkt(3) == fb.geometry().asWkt(3)
    assert any(f["reachable"] == 1 for f in a) and any(f["status"] == "no_geometry" for f in a)


def test_boolean_fields_are_read_feature_by_feature(qgis_app, tmp_path):
    """GDAL 3.6 unpacks Arrow's bit-packed booleans wrongly: a boolean field is never read directly."""
    vl = QgsVectorLayer("LineString?crs=EPSG:25832&field=oneway:boolean&field=n:integer", "net", "memory")
    feats = []
    for i in range(20):
        f = QgsFeature(vl.fields())
        f.setGeometry(QgsGeometry.fromPolylineXY([QgsPointXY(X0 + 10 * i, Y0), QgsPointXY(X0 + 10 * i + 5, Y0 + 5)]))
        f.setAttributes([[True, False, None][i % 3], i])
        feats.append(f)
    vl.dataProvider().addFeatures(feats)
    layer = save(vl, tmp_path / "b.gpkg", "net", "GPKG")
    spec = io.direct_read_spec(layer)
    assert io.read_columns_direct(spec, ["fid", "n"])["columns"][1] == list(range(20))
    assert io.read_columns_direct(spec, ["fid", "oneway"]) is None
    assert io.network_arrays_direct(spec, "oneway", "true", "false", "", 0) is None
    slow = io.network_arrays(layer, "oneway", "true", "false", "", 0)
    assert slow["direction"].tolist() == [[1, 2, 0][i % 3] for i in range(20)]
