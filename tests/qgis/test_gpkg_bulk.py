"""The GeoPackage bulk writer (qgis_io.gpkg_bulk) against what GDAL and SQLite make themselves.

* point blobs: byte for byte what GDAL writes for the same points;
* the packed R-tree: SQLite's own ``rtreecheck`` passes and box queries return what an R-tree
  filled through SQLite's virtual table returns;
* isrp:accessibility into a GeoPackage: the bulk output equals the output QGIS writes feature by
  feature (same columns, values, geometry blobs, extent and count), the file stays a GeoPackage
  GDAL and QGIS can filter spatially and edit (triggers back in place), and the cases that must
  not use the bulk path (date and boolean fields) still come out right, and so does a table added
  to an existing GeoPackage;
* a cancelled insert leaves the table empty and intact.
"""

import math
import sqlite3

import numpy as np
import pytest
from qgis.core import (
    QgsFeature,
    QgsFeatureRequest,
    QgsGeometry,
    QgsPointXY,
    QgsProject,
    QgsRectangle,
    QgsVectorLayer,
)

from isrp_plugin.qgis_io import gpkg_bulk
from tests.qgis.layer_files import save_layer as save

X0, Y0 = 600000.0, 5650000.0
N_DEMAND = 300
N_NO_GEOMETRY = sum(1 for i in range(N_DEMAND) if i % 37 == 5)  # demand points without a geometry


# --- encodings against GDAL and SQLite ---


def test_point_blobs_are_what_gdal_writes(tmp_path):
    from osgeo import ogr, osr

    rng = np.random.default_rng(1)
    xy = np.vstack([rng.uniform(-1e6, 1e6, (50, 2)), [[0.0, 0.0], [X0, Y0], [1e-300, -0.0]]])
    path = str(tmp_path / "gdal.gpkg")
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(path)
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(25832)
    lyr = ds.CreateLayer("p", srs, ogr.wkbPoint)
    for x, y in xy.tolist():
        f = ogr.Feature(lyr.GetLayerDefn())
        point = ogr.Geometry(ogr.wkbPoint)
        point.AddPoint_2D(x, y)
        f.SetGeometry(point)
        lyr.CreateFeature(f)
    ds = None
    con = sqlite3.connect(path)
    gdal_blobs = [r[0] for r in con.execute("SELECT geom FROM p ORDER BY fid")]
    srs_id = con.execute("SELECT srs_id FROM gpkg_geometry_columns WHERE table_name = 'p'").fetchone()[0]
    con.close()
    ours = gpkg_bulk.point_blobs(xy, srs_id)
    assert [bytes(b) for b in gdal_blobs] == ours


def test_no_geometry_is_the_empty_point_qgis_writes(qgis_app, tmp_path):
    layer = QgsVectorLayer("Point?crs=EPSG:25832&field=n:integer", "d", "memory")
    feats = []
    for i in range(2):
        f = QgsFeature(layer.fields())
        f.setAttributes([i])
        feats.append(f)  # no geometry
    layer.dataProvider().addFeatures(feats)
    path = tmp_path / "q.gpkg"
    save(layer, path, "d")
    written = [bytes(r[0]) for r in _sql(path, "SELECT geom FROM d ORDER BY fid")]
    srs_id = _sql(path, "SELECT srs_id FROM gpkg_geometry_columns")[0][0]
    assert gpkg_bulk.point_blobs(np.array([[np.nan, 1.0], [2.0, np.inf]]), srs_id) == written


def _rtree(con, name):
    con.execute(f"CREATE VIRTUAL TABLE {name} USING rtree(id, minx, maxx, miny, maxy)")
    return con.execute(f"SELECT length(data) FROM {name}_node WHERE nodeno = 1").fetchone()[0]


@pytest.mark.parametrize("n", [1, 5, 51, 52, 2601, 20000])
def test_packed_rtree_passes_sqlite_check_and_answers_like_sqlite(n):
    rng = np.random.default_rng(n)
    xy = np.round(rng.uniform(-5e5, 5e5, (n, 2)), 3)
    xy[: n // 10] = xy[0]  # duplicates: many points at one place
    fids = rng.permutation(np.arange(1, n + 1)) * 7
    con = sqlite3.connect(":memory:")
    size = _rtree(con, "packed")
    _rtree(con, "ref")
    nodes, rowids, parents = gpkg_bulk.rtree_tables(fids, xy, size)
    con.execute("DELETE FROM packed_node")
    con.executemany("INSERT INTO packed_node VALUES (?, ?)", nodes)
    con.executemany("INSERT INTO packed_rowid (rowid, nodeno) VALUES (?, ?)", rowids)
    con.executemany("INSERT INTO packed_parent VALUES (?, ?)", parents)
    con.executemany("INSERT INTO ref VALUES (?, ?, ?, ?, ?)",
                    [(int(f), x, x, y, y) for f, (x, y) in zip(fids, xy.tolist())])
    assert con.execute("SELECT rtreecheck('packed')").fetchone()[0] == "ok"
    assert con.execute("SELECT count(*) FROM packed").fetchone()[0] == n
    # the stored (float32, rounded outwards) boxes are SQLite's own
    assert sorted(con.execute("SELECT * FROM packed")) == sorted(con.execute("SELECT * FROM ref"))
    for _ in range(20):
        x0, y0 = rng.uniform(-6e5, 5e5, 2)
        w, h = rng.uniform(0, 4e5, 2)
        q = (x0, x0 + w, y0, y0 + h)
        sql = "SELECT id FROM {} WHERE maxx >= ? AND minx <= ? AND maxy >= ? AND miny <= ? ORDER BY id"
        assert con.execute(sql.format("packed"), (q[0], q[1], q[2], q[3])).fetchall() == \
            con.execute(sql.format("ref"), (q[0], q[1], q[2], q[3])).fetchall()


# --- the accessibility output ---


def _inputs(tmp_path, extra=""):
    grid = QgsVectorLayer("LineString?crs=EPSG:25832", "net", "memory")
    feats = []
    for i in range(10):
        for horizontal in (True, False):
            f = QgsFeature()
            pts = [(X0 + 100 * j, Y0 + 100 * i) if horizontal else (X0 + 100 * i, Y0 + 100 * j) for j in range(10)]
            f.setGeometry(QgsGeometry.fromPolylineXY([QgsPointXY(x, y) for x, y in pts]))
            feats.append(f)
    grid.dataProvider().addFeatures(feats)
    spec = "Point?crs=EPSG:25832&field=pop:integer&field=share:double&field=name:string(30)&field=big:long" \
           "&field=net_dist_m:double"
    if extra == "date":
        spec += "&field=day:date"
    elif extra == "bool":
        spec += "&field=flag:boolean"
    demand = QgsVectorLayer(spec, "demand", "memory")
    rng = np.random.default_rng(3)
    feats = []
    for i in range(N_DEMAND):
        f = QgsFeature(demand.fields())
        if i % 37 != 5:  # some points without geometry
            f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(X0 + float(rng.uniform(-50, 950)),
                                                             Y0 + float(rng.uniform(-50, 950)))))
        attrs = [None if i % 11 == 0 else int(i % 25), None if i % 13 == 0 else i / 7,
                 ["Straße", "Ärzte", "", None][i % 4], 2**40 + i, float(i)]  # net_dist_m collides with a result field
        if extra == "date":
            from qgis.PyQt.QtCore import QDate
            attrs.append(QDate(2024, 1, 1 + i % 28))
        elif extra == "bool":
            attrs.append([True, False, None][i % 3])
        f.setAttributes(attrs)
        feats.append(f)
    demand.dataProvider().addFeatures(feats)
    fac = QgsVectorLayer("Point?crs=EPSG:25832&field=code:integer", "fac", "memory")
    feats = []
    for i, (x, y) in enumerate([(120, 80), (870, 640), (400, 930)]):
        f = QgsFeature(fac.fields())
        f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(X0 + x, Y0 + y)))
        f.setAttributes([100 + i])
        feats.append(f)
    fac.dataProvider().addFeatures(feats)
    gpkg = tmp_path / "in.gpkg"
    files = [save(grid, gpkg, "net"), save(demand, gpkg, "demand"), save(fac, gpkg, "fac")]
    QgsProject.instance().addMapLayers(files, False)
    return files, demand


def _run(layers, out, k=2):
    from qgis import processing

    return processing.run("isrp:accessibility", {
        "NETWORK": layers[0], "DEMAND": layers[1], "FACILITIES": layers[2], "FACILITY_ID_FIELD": "code",
        "MODE": 0, "K": k, "MAX_ACCESS_DISTANCE": 60, "MAX_COST": 700, "POPULATION_FIELD": ["pop"],
        "OUTPUT": out})["OUTPUT"]


def _features(dest):
    layer = QgsVectorLayer(dest, "out", "ogr")
    assert layer.isValid(), dest
    return layer, {f.id(): f for f in layer.getFeatures()}


def _same_value(a, b):
    if isinstance(a, float) and isinstance(b, float):
        return math.isclose(a, b, rel_tol=0, abs_tol=0) or (math.isnan(a) and math.isnan(b))
    return a == b


def _sql(path, query, *args):
    con = sqlite3.connect(str(path))
    try:
        return con.execute(query, args).fetchall()
    finally:
        con.close()


def test_bulk_output_equals_feature_by_feature_output(provider, tmp_path, monkeypatch):
    files, demand_memory = _inputs(tmp_path)
    calls = []
    real = gpkg_bulk.PointTable.insert
    monkeypatch.setattr(gpkg_bulk.PointTable, "insert", lambda self, *a, **k: calls.append(1) or real(self, *a, **k))
    bulk_path = tmp_path / "bulk.gpkg"
    bulk = _run(files, str(bulk_path))
    assert calls == [1]
    # reference: the same analysis with the demand as a memory layer, written by QGIS feature by feature
    ref_path = tmp_path / "ref.gpkg"
    ref = _run([files[0], demand_memory, files[2]], str(ref_path))
    assert calls == [1]
    a_layer, a = _features(bulk)
    b_layer, b = _features(ref)
    names = b_layer.fields().names()
    assert a_layer.fields().names() == names
    assert [f.typeName().upper() for f in a_layer.fields()] == [f.typeName().upper() for f in b_layer.fields()]
    assert "net_dist_m_2" in names and "net_dist_m" in names
    assert sorted(a) == sorted(b) and len(a) == N_DEMAND
    for fid, fa in a.items():
        fb = b[fid]
        for name in names:
            if name == "fid":
                continue
            assert _same_value(fa[name], fb[name]), (fid, name, fa[name], fb[name])
        assert fa.geometry().asWkt(6) == fb.geometry().asWkt(6)
    # storage: the same SQLite values and types, the same geometry bytes as GDAL writes
    cols = ", ".join(f'"{c}", typeof("{c}")' for c in ["geom"] + names[1:])
    assert _sql(bulk_path, f"SELECT fid, {cols} FROM bulk ORDER BY fid") == \
        _sql(ref_path, f"SELECT fid, {cols} FROM ref ORDER BY fid")
    assert _sql(bulk_path, "SELECT count(*) FROM bulk WHERE substr(geom, 4, 1) = x'11'")[0][0] == N_NO_GEOMETRY
    # metadata: extent and count as GDAL keeps them
    ext_a = _sql(bulk_path, "SELECT min_x, min_y, max_x, max_y, srs_id FROM gpkg_contents WHERE table_name = 'bulk'")
    ext_b = _sql(ref_path, "SELECT min_x, min_y, max_x, max_y, srs_id FROM gpkg_contents WHERE table_name = 'ref'")
    assert np.allclose(ext_a[0], ext_b[0], rtol=0, atol=1e-6)
    assert _sql(bulk_path, "SELECT feature_count FROM gpkg_ogr_contents WHERE table_name = 'bulk'") == [(N_DEMAND,)]
    assert a_layer.featureCount() == N_DEMAND
    assert _sql(bulk_path, "SELECT rtreecheck('rtree_bulk_geom')") == [("ok",)]
    assert _sql(bulk_path, "SELECT count(*) FROM rtree_bulk_geom")[0][0] == N_DEMAND - N_NO_GEOMETRY


def test_bulk_output_is_a_spatially_indexed_editable_geopackage(provider, tmp_path):
    from osgeo import ogr

    files, _ = _inputs(tmp_path)
    path = tmp_path / "out.gpkg"
    dest = _run(files, str(path), k=1)
    triggers = _sql(path, "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'out' ORDER BY name")
    assert len(triggers) >= 7  # the R-tree's six and the feature count's
    ds = ogr.Open(str(path))
    lyr = ds.GetLayerByName("out")
    assert lyr.TestCapability(ogr.OLCFastSpatialFilter)
    lyr.SetSpatialFilterRect(X0 + 200, Y0 + 200, X0 + 500, Y0 + 450)
    got = sorted(f.GetFID() for f in lyr)
    ds = None
    layer, feats = _features(dest)
    expect = sorted(fid for fid, f in feats.items() if not f.geometry().isNull()
                    and X0 + 200 <= f.geometry().asPoint().x() <= X0 + 500
                    and Y0 + 200 <= f.geometry().asPoint().y() <= Y0 + 450)
    assert got == expect and got
    request = QgsFeatureRequest().setFilterRect(QgsRectangle(X0 + 200, Y0 + 200, X0 + 500, Y0 + 450))
    assert sorted(f.id() for f in layer.getFeatures(request)) == expect
    # editing through QGIS afterwards keeps index and count right (GDAL's triggers are back)
    f = QgsFeature(layer.fields())
    f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(X0 + 300, Y0 + 300)))
    ok, added = layer.dataProvider().addFeatures([f])
    assert ok
    assert _sql(path, "SELECT feature_count FROM gpkg_ogr_contents WHERE table_name = 'out'") == [(N_DEMAND + 1,)]
    assert _sql(path, "SELECT count(*) FROM rtree_out_geom")[0][0] == N_DEMAND - N_NO_GEOMETRY + 1
    assert _sql(path, "SELECT rtreecheck('rtree_out_geom')") == [("ok",)]
    assert layer.dataProvider().deleteFeatures([added[0].id()])
    assert _sql(path, "SELECT count(*) FROM rtree_out_geom")[0][0] == N_DEMAND - N_NO_GEOMETRY


@pytest.mark.parametrize("extra, field", [("date", "day"), ("bool", "flag")])
def test_other_field_types_are_written_feature_by_feature(provider, tmp_path, monkeypatch, extra, field):
    """Dates are no plain column; booleans GDAL 3.6's columnar reader unpacks wrongly: both go through QGIS."""
    calls = []
    real = gpkg_bulk.PointTable.insert
    monkeypatch.setattr(gpkg_bulk.PointTable, "insert", lambda self, *a, **k: calls.append(1) or real(self, *a, **k))
    files, demand_memory = _inputs(tmp_path, extra)
    dest = _run(files, str(tmp_path / "out.gpkg"))
    assert calls == []
    layer, feats = _features(dest)
    ref_layer, ref = _features(_run([files[0], demand_memory, files[2]], str(tmp_path / "ref.gpkg")))
    assert len(feats) == N_DEMAND and layer.fields().lookupField(field) >= 0
    assert [feats[i][field] for i in sorted(feats)] == [ref[i][field] for i in sorted(ref)]
    assert [feats[i]["net_dist_m_2"] for i in sorted(feats)] == [ref[i]["net_dist_m_2"] for i in sorted(ref)]
    assert sum(1 for f in feats.values() if f["reachable"] == 1) > 200


def test_output_into_a_table_of_an_existing_geopackage(provider, tmp_path, monkeypatch):
    calls = []
    real = gpkg_bulk.PointTable.insert
    monkeypatch.setattr(gpkg_bulk.PointTable, "insert", lambda self, *a, **k: calls.append(1) or real(self, *a, **k))
    files, _ = _inputs(tmp_path)
    target = tmp_path / "in.gpkg"
    before = _sql(target, "SELECT count(*) FROM net")[0][0]
    dest = _run(files, f"ogr:dbname='{target}' table=\"result\" (geom)")
    assert calls == [1]
    assert _sql(target, "SELECT count(*) FROM net")[0][0] == before
    layer, feats = _features(dest)
    assert len(feats) == N_DEMAND
    assert _sql(target, "SELECT rtreecheck('rtree_result_geom')") == [("ok",)]


def test_cancelled_insert_leaves_the_table_empty_and_intact(qgis_app, tmp_path):
    from osgeo import ogr, osr

    path = str(tmp_path / "t.gpkg")
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(path)
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(25832)
    lyr = ds.CreateLayer("t", srs, ogr.wkbPoint)
    lyr.CreateField(ogr.FieldDefn("v", ogr.OFTReal))
    ds = None
    before = _sql(path, "SELECT name, sql FROM sqlite_master WHERE tbl_name = 't' ORDER BY name")
    table = gpkg_bulk.PointTable.open(path, "t", ["v"])
    assert table is not None
    n = 12000
    xy = np.column_stack([np.arange(n, dtype=float), np.zeros(n)])
    seen = []

    def check():
        seen.append(1)
        if len(seen) == 2:
            raise KeyboardInterrupt("cancel")

    with pytest.raises(KeyboardInterrupt):
        table.insert(xy, [list(range(n))], check=check)
    assert _sql(path, "SELECT count(*) FROM t") == [(0,)]
    assert _sql(path, "SELECT name, sql FROM sqlite_master WHERE tbl_name = 't' ORDER BY name") == before
    assert _sql(path, "SELECT rtreecheck('rtree_t_geom')") == [("ok",)]
    # and then it goes in
    assert table.insert(xy, [[float(i) for i in range(n)]]) == n
    assert _sql(path, "SELECT count(*), sum(v) FROM t") == [(n, float(sum(range(n))))]
    # a table that is not empty, or whose columns differ, is refused
    assert gpkg_bulk.PointTable.open(path, "t", ["v"]) is None
    assert gpkg_bulk.PointTable.open(path, "t", ["w"]) is None


def test_key_values_must_be_distinct_integers(qgis_app, tmp_path):
    from osgeo import ogr, osr

    path = str(tmp_path / "k.gpkg")
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(path)
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(25832)
    ds.CreateLayer("k", srs, ogr.wkbPoint).CreateField(ogr.FieldDefn("v", ogr.OFTReal))
    ds = None
    table = gpkg_bulk.PointTable.open(path, "k", ["fid", "v"])  # a GeoPackage source's key comes first
    assert table is not None and table.fid_from_field
    xy = np.array([[1.0, 2.0], [3.0, 4.0]])
    for bad in ([5, 5], [5, None], [True, False], [1.5, 2.5], ["1", "2"]):
        with pytest.raises(ValueError):
            table.insert(xy, [bad, [0.5, 1.5]])
    assert _sql(path, "SELECT count(*) FROM k") == [(0,)]
    assert table.insert(xy, [[7, 3], [0.5, 1.5]]) == 2
    assert _sql(path, "SELECT fid, v FROM k ORDER BY fid") == [(3, 1.5), (7, 0.5)]


def test_appending_to_an_existing_layer_goes_through_the_sink(provider, tmp_path, monkeypatch):
    """Processing's *Append to Layer…* remaps fields in the sink: the bulk insert must stay out.

    Only the route and the count are checked: in this headless harness QGIS's own
    native:centroids also leaves the mapped fields NULL, so the mapped values say nothing here.
    """
    from qgis import processing
    from qgis.core import (
        QgsCoordinateReferenceSystem,
        QgsProcessingOutputLayerDefinition,
        QgsProperty,
        QgsRemappingSinkDefinition,
        QgsWkbTypes,
    )

    calls = []
    real = gpkg_bulk.PointTable.insert
    monkeypatch.setattr(gpkg_bulk.PointTable, "insert", lambda self, *a, **k: calls.append(1) or real(self, *a, **k))
    files, _ = _inputs(tmp_path)
    target_mem = QgsVectorLayer("Point?crs=EPSG:25832&field=code:string&field=dist:double", "target", "memory")
    old = QgsFeature(target_mem.fields())
    old.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(X0, Y0)))
    old.setAttributes(["kept", -1.0])
    target_mem.dataProvider().addFeatures([old])
    target = save(target_mem, tmp_path / "target.gpkg", "target")
    remap = QgsRemappingSinkDefinition()
    remap.setDestinationFields(target.fields())
    remap.setSourceCrs(QgsCoordinateReferenceSystem("EPSG:25832"))
    remap.setDestinationCrs(QgsCoordinateReferenceSystem("EPSG:25832"))
    remap.setDestinationWkbType(QgsWkbTypes.Type.Point)
    remap.setFieldMap({"code": QgsProperty.fromField("fac_id"), "dist": QgsProperty.fromField("dist_m")})
    out = QgsProcessingOutputLayerDefinition("ogr:" + target.source())  # as "Append to Layer…" sets it
    out.setRemappingDefinition(remap)
    processing.run("isrp:accessibility", {
        "NETWORK": files[0], "DEMAND": files[1], "FACILITIES": files[2], "FACILITY_ID_FIELD": "code",
        "MODE": 0, "K": 1, "MAX_ACCESS_DISTANCE": 60, "POPULATION_FIELD": ["pop"], "OUTPUT": out})
    assert calls == []
    feats = list(QgsVectorLayer(target.source(), "t", "ogr").getFeatures())
    assert len(feats) == 1 + N_DEMAND
    assert feats[0]["code"] == "kept" and feats[0]["dist"] == -1.0
    assert _sql(tmp_path / "target.gpkg", "SELECT rtreecheck('rtree_target_geom')") == [("ok",)]
