"""isrp:accessibility, isrp:accessibilitybyunit and isrp:catchments through processing.run.

Small hand-made layers with values worked out by hand (sketch below), and the Erfurt sample
checked against QGIS's own network analysis (QgsVectorLayerDirector + QgsGraphAnalyzer).

    y
    400 |                     + (500,400)
        |                     |
    300 |                     +-B (510,300) tied at (500,300), leg 10
        |                     |
    200 |                     | D2 (510,200) → (500,200), access 10
        |                     |
      0 +----A(100,10)--------+-----------C(900,-20)---+        +--+  (3000..3100, 0) other component
        0   D7(200,-10)  D1(300,20)      D6(800,-30)   1000         D3 (3050,5)
        (the street: (0,0)-(500,0)-(1000,0) as one line, branch (500,0)-(500,400))

Walking, metres, whole trip = access leg + network + facility leg, facilities A, B ("kita"), C ("schule"):
  D1 → A: 20 + 200 + 10 = 230; → B: 20 + (200 + 300) + 10 = 530
  D2 → B: 10 + 100 + 10 = 120; → A: 10 + (200 + 400) + 10 = 620
  D6 → B: 30 + (300 + 300) + 10 = 640; → A: 30 + 700 + 10 = 740; → C (no filter): 30 + 100 + 20 = 150
  D7 → A: 10 + 100 + 10 = 120 (population NULL → 0)
  D3: other network component; D4 (2000, 2000): 2236 m from the network → not connected; D5: no geometry.
"""

import json
import math

import numpy as np
import pytest
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeature,
    QgsGeometry,
    QgsPointXY,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProject,
    QgsVectorLayer,
    QgsWkbTypes,
)

WALK_M_PER_MIN = 4.5 * 1000 / 60



class Feedback(QgsProcessingFeedback):
    def __init__(self):
        super().__init__()
        self.infos, self.warnings, self.errors = [], [], []

    def pushInfo(self, info):  # noqa: N802
        self.infos.append(info)

    def pushWarning(self, warning):  # noqa: N802
        self.warnings.append(warning)

    def reportError(self, error, fatalError=False):  # noqa: N802, N803
        self.errors.append(error)


# ---------------------------------------------------------------------------------------------
# hand-made layers
# ---------------------------------------------------------------------------------------------

SHIFT = (600000.0, 5650000.0)  # UTM 32N-like coordinates (lon ≈ 10.4° E)


def _xy(x, y):
    return QgsPointXY(x + SHIFT[0], y + SHIFT[1])


def network_layer(crs="EPSG:25832"):
    vl = QgsVectorLayer(f"LineString?crs={crs}&field=road_id:integer&field=oneway:integer", "net", "memory")
    lines = [[(0, 0), (500, 0), (1000, 0)], [(500, 0), (500, 400)], [(3000, 0), (3100, 0)]]
    feats = []
    for i, line in enumerate(lines):
        f = QgsFeature(vl.fields())
        f.setGeometry(QgsGeometry.fromPolylineXY([_xy(x, y) for x, y in line]))
        f.setAttributes([i + 1, 0])
        feats.append(f)
    vl.dataProvider().addFeatures(feats)
    return vl


FACILITIES = [("A", "kita", (100, 10)), ("B", "kita", (510, 300)), ("C", "schule", (900, -20))]


def facility_layer(rows=FACILITIES, crs="EPSG:25832"):
    vl = QgsVectorLayer(f"Point?crs={crs}&field=fac_id:string&field=typ:string", "fac", "memory")
    feats = []
    for fid, typ, (x, y) in rows:
        f = QgsFeature(vl.fields())
        f.setGeometry(QgsGeometry.fromPointXY(_xy(x, y)))
        f.setAttributes([fid, typ])
        feats.append(f)
    vl.dataProvider().addFeatures(feats)
    return vl


DEMAND = [  # name, xy (None = no geometry), pop_a, pop_b (pop = a + b), unit code
    ("D1", (300, 20), 4, 6, "U1"),
    ("D2", (510, 200), 20, 0, "U2"),
    ("D3", (3050, 5), 5, 0, "U3"),
    ("D4", (2000, 2000), 7, 0, None),
    ("D5", None, 3, 0, None),
    ("D6", (800, -30), 30, 10, "U2"),
    ("D7", (200, -10), None, 0, "U1"),
]


def demand_layer(crs="EPSG:25832"):
    vl = QgsVectorLayer(f"Point?crs={crs}&field=name:string&field=pop_a:integer&field=pop_b:integer"
                        "&field=unit:string&field=status:string", "demand", "memory")
    feats = []
    for name, xy, a, b, unit in DEMAND:
        f = QgsFeature(vl.fields())
        if xy is not None:
            f.setGeometry(QgsGeometry.fromPointXY(_xy(*xy)))
        f.setAttributes([name, a, b, unit, "keep me"])
        feats.append(f)
    vl.dataProvider().addFeatures(feats)
    return vl


def units_layer(crs="EPSG:25832"):
    vl = QgsVectorLayer(f"Polygon?crs={crs}&field=code:string&field=label:string", "units", "memory")
    boxes = [("U1", (-100, -100, 450, 500)), ("U2", (450, -100, 1200, 500)), ("U3", (2900, -100, 3200, 100))]
    feats = []
    for code, (x0, y0, x1, y1) in boxes:
        f = QgsFeature(vl.fields())
        ring = [_xy(x0, y0), _xy(x1, y0), _xy(x1, y1), _xy(x0, y1), _xy(x0, y0)]
        f.setGeometry(QgsGeometry.fromPolygonXY([ring]))
        f.setAttributes([code, f"unit {code}"])
        feats.append(f)
    vl.dataProvider().addFeatures(feats)
    return vl


def reproject(layer, crs="EPSG:4326"):
    """A memory copy of ``layer`` in ``crs``."""
    geom_type = QgsWkbTypes.displayString(layer.wkbType())
    out = QgsVectorLayer(f"{geom_type}?crs={crs}", layer.name(), "memory")
    out.dataProvider().addAttributes(layer.fields().toList())
    out.updateFields()
    tr = QgsCoordinateTransform(layer.crs(), QgsCoordinateReferenceSystem(crs), QgsProject.instance())
    feats = []
    for f in layer.getFeatures():
        g = QgsFeature(out.fields())
        g.setAttributes(f.attributes())
        if f.hasGeometry():
            geom = QgsGeometry(f.geometry())
            geom.transform(tr)
            g.setGeometry(geom)
        feats.append(g)
    out.dataProvider().addFeatures(feats)
    return out


def base_params(**kw):
    params = {
        "NETWORK": network_layer(), "DEMAND": demand_layer(), "FACILITIES": facility_layer(),
        "FACILITY_ID_FIELD": "fac_id", "FACILITY_FILTER": "\"typ\" = 'kita'", "MODE": 0, "COST_UNIT": 0,
        "MAX_COST": 0, "K": 1, "TOLERANCE": 0, "MAX_ACCESS_DISTANCE": 500, "POPULATION_FIELD": ["pop_a", "pop_b"],
        "OUTPUT": "memory:",
    }
    params.update(kw)
    return params


def run(alg, params, feedback=None):
    from qgis import processing

    return processing.run(alg, params, feedback=feedback or Feedback())


def rows_by(layer, key):
    return {f[key]: f for f in layer.getFeatures()}


def null(v):
    return v is None or (hasattr(v, "isNull") and v.isNull())


# ---------------------------------------------------------------------------------------------
# isrp:accessibility
# ---------------------------------------------------------------------------------------------


def test_nearest_distances_status_and_fields(provider):
    fb = Feedback()
    res = run("isrp:accessibility", base_params(K=2), fb)
    out = res["OUTPUT"]
    rows = rows_by(out, "name")
    assert out.featureCount() == len(DEMAND)  # nothing dropped
    names = out.fields().names()
    for field in ("fac_id", "net_dist_m", "access_m", "time_min", "reachable", "status", "fac_id_2", "net_dist_m_2",
                  "dist_m", "fac_access_m", "population"):
        assert field in names
    assert "status_in" in names and rows["D1"]["status_in"] == "keep me"  # demand's own "status" kept, renamed
    expected = {  # name: (fac, net, access, fac_access, total, fac_2, net_2, total_2)
        "D1": ("A", 200, 20, 10, 230, "B", 500, 530),
        "D2": ("B", 100, 10, 10, 120, "A", 600, 620),
        "D6": ("B", 600, 30, 10, 640, "A", 700, 740),
        "D7": ("A", 100, 10, 10, 120, "B", 600, 620),
    }
    for name, (fac, net, acc, facc, total, fac2, net2, total2) in expected.items():
        r = rows[name]
        assert r["fac_id"] == fac and r["status"] == "ok" and r["reachable"] == 1, name
        assert r["net_dist_m"] == pytest.approx(net, abs=1e-6)
        assert r["access_m"] == pytest.approx(acc, abs=1e-6)
        assert r["fac_access_m"] == pytest.approx(facc, abs=1e-6)
        assert r["dist_m"] == pytest.approx(total, abs=1e-6)
        assert r["time_min"] == pytest.approx(total / WALK_M_PER_MIN, abs=1e-6)
        assert r["fac_id_2"] == fac2 and r["net_dist_m_2"] == pytest.approx(net2, abs=1e-6)
        assert r["dist_m_2"] == pytest.approx(total2, abs=1e-6)
    assert rows["D3"]["status"] == "other_component" and rows["D3"]["reachable"] == 0 and null(rows["D3"]["fac_id"])
    assert rows["D4"]["status"] == "not_connected" and null(rows["D4"]["dist_m"])
    assert rows["D5"]["status"] == "no_geometry" and not rows["D5"].hasGeometry()
    assert rows["D1"]["population"] == 10 and rows["D7"]["population"] == 0
    # diagnostics name counts and feature ids
    text = "\n".join(fb.warnings)
    assert "1 demand points (population 7" in text and "farther than 500 m" in text
    assert "small network component" in text
    assert "NULL in a population field" in text
    assert "no usable point geometry" in text
    assert res["POPULATION"] == 10 + 20 + 5 + 7 + 3 + 40 + 0
    assert res["POPULATION_UNREACHED"] == 5 + 7 + 3


def test_filter_cutoff_and_minutes(provider):
    # without the filter C is nearest to D6: 30 + 100 + 20 = 150
    out = run("isrp:accessibility", base_params(FACILITY_FILTER=""))["OUTPUT"]
    d6 = rows_by(out, "name")["D6"]
    assert d6["fac_id"] == "C" and d6["dist_m"] == pytest.approx(150)
    # cut-off 600 m: D6 (640) is beyond it, D2 (120) is not
    rows = rows_by(run("isrp:accessibility", base_params(MAX_COST=600))["OUTPUT"], "name")
    assert rows["D6"]["status"] == "beyond_cutoff" and rows["D6"]["reachable"] == 0
    assert rows["D2"]["status"] == "ok"
    # minutes: ranking and cut-off in minutes (walking 75 m/min): 640 m = 8.53 min > 8 min
    rows = rows_by(run("isrp:accessibility", base_params(COST_UNIT=1, MAX_COST=8))["OUTPUT"], "name")
    assert rows["D6"]["status"] == "beyond_cutoff"
    assert rows["D1"]["time_min"] == pytest.approx(230 / WALK_M_PER_MIN)


def test_straight_line_mode(provider):
    params = base_params(MODE=3, NETWORK=None)
    rows = rows_by(run("isrp:accessibility", params)["OUTPUT"], "name")
    assert rows["D1"]["fac_id"] == "A"
    assert rows["D1"]["dist_m"] == pytest.approx(math.hypot(200, 10))
    assert rows["D1"]["net_dist_m"] == pytest.approx(math.hypot(200, 10))
    assert rows["D1"]["access_m"] == 0
    assert rows["D3"]["status"] == "ok" and rows["D3"]["dist_m"] == pytest.approx(math.hypot(2540, 295))
    assert rows["D5"]["status"] == "no_geometry"


def test_network_mode_without_network_is_a_clear_error(provider):
    with pytest.raises(QgsProcessingException, match="needs a street network"):
        run("isrp:accessibility", base_params(NETWORK=None))


def test_bad_filter_and_thresholds_are_clear_errors(provider):
    with pytest.raises(QgsProcessingException, match="uses field.*nope.*layer “fac”"):
        run("isrp:accessibility", base_params(FACILITY_FILTER="\"nope\" = 1"))
    with pytest.raises(QgsProcessingException, match="no feature of layer “fac” matches"):
        run("isrp:accessibility", base_params(FACILITY_FILTER="\"typ\" = 'bad'"))
    with pytest.raises(QgsProcessingException, match="THRESHOLDS: “abc”"):
        run("isrp:accessibility", base_params(THRESHOLDS="300, abc", UNITS=units_layer(), UNIT_ID_FIELD="code",
                                              OUTPUT_UNITS="memory:"))
    with pytest.raises(QgsProcessingException, match="“name” of layer “demand” is not numeric"):
        run("isrp:accessibility", base_params(POPULATION_FIELD=["name"]))


def test_duplicate_facility_ids_are_reported(provider):
    rows = FACILITIES + [("A", "kita", (950, 30)), (None, "kita", (950, 60))]
    fb = Feedback()
    res = run("isrp:accessibility", base_params(FACILITIES=facility_layer(rows), OUTPUT_PROBLEMS="memory:"), fb)
    text = "\n".join(fb.warnings)
    assert "1 duplicate facility ids in field “fac_id” (2 features)" in text
    assert "A (feature ids 1, 4)" in text
    assert "1 facilities have no id (NULL in field “fac_id”)" in text and "feature ids 5" in text
    problems = [(f["problem"], None if null(f["item_id"]) else f["item_id"])
                for f in res["OUTPUT_PROBLEMS"].getFeatures()]
    assert problems.count(("duplicate_id", "A")) == 2
    assert ("not_connected", None) in problems and ("small_component", None) in problems
    assert ("empty_geometry", None) in problems and ("null_population", None) in problems


def test_geographic_input_is_reprojected(provider, qgis_new_project):
    QgsProject.instance().setCrs(QgsCoordinateReferenceSystem("EPSG:4326"))
    params = base_params(K=2)
    geo = dict(params, NETWORK=reproject(params["NETWORK"]), DEMAND=reproject(params["DEMAND"]),
               FACILITIES=reproject(params["FACILITIES"]))
    fb = Feedback()
    out = run("isrp:accessibility", geo, fb)["OUTPUT"]
    assert any("EPSG:4326" in w and "EPSG:32632" in w for w in fb.warnings), fb.warnings
    assert out.crs().authid() == "EPSG:32632"
    rows = rows_by(out, "name")
    # ETRS89 / UTM 32N and WGS 84 / UTM 32N: the same numbers → the hand-worked distances
    assert rows["D1"]["dist_m"] == pytest.approx(230, abs=0.01)
    assert rows["D6"]["dist_m"] == pytest.approx(640, abs=0.01)
    assert rows["D6"]["dist_m_2"] == pytest.approx(740, abs=0.01)
    # a projected project CRS is preferred over the UTM zone
    QgsProject.instance().setCrs(QgsCoordinateReferenceSystem("EPSG:25832"))
    fb = Feedback()
    out = run("isrp:accessibility", dict(geo, OUTPUT="memory:"), fb)["OUTPUT"]
    assert out.crs().authid() == "EPSG:25832"
    assert any("the project CRS" in w for w in fb.warnings)


def test_network_is_built_once_and_reused(provider, qgis_new_project):
    from isrp_plugin.core.network import NETWORK_CACHE

    params = base_params()
    QgsProject.instance().addMapLayer(params["NETWORK"])
    params["NETWORK"] = params["NETWORK"].id()
    NETWORK_CACHE.invalidate()
    fb1, fb2 = Feedback(), Feedback()
    run("isrp:accessibility", params, fb1)
    run("isrp:accessibility", dict(params, OUTPUT="memory:", K=2), fb2)
    assert any("built in" in m for m in fb1.infos)
    assert any("reused from the cache" in m for m in fb2.infos)


def test_lines_z_multi_and_curves_are_read(qgis_app):
    from isrp_plugin.qgis_io.layers import network_arrays

    vl = QgsVectorLayer("MultiLineStringZ?crs=EPSG:25832", "z", "memory")
    feats = []
    for wkt in ("MultiLineStringZ ((0 0 5, 10 0 6), (10 0 1, 10 10 2))", "LineStringZ (0 0 1, 0 7 2)",
                "CompoundCurve (CircularString (0 0, 1 1, 2 0))"):
        f = QgsFeature()
        f.setGeometry(QgsGeometry.fromWkt(wkt))
        feats.append(f)
    vl.dataProvider().addFeatures(feats)
    arr = network_arrays(vl)
    assert arr["part_offsets"][:4].tolist() == [0, 2, 4, 6]
    np.testing.assert_allclose(arr["coords"][:6], [[0, 0], [10, 0], [10, 0], [10, 10], [0, 0], [0, 7]])
    assert arr["part_line"][:3].tolist() == [0, 0, 1]
    assert len(arr["coords"]) > 8 and np.allclose(arr["coords"][-1], [2, 0])  # the arc, segmentised


# ---------------------------------------------------------------------------------------------
# per unit
# ---------------------------------------------------------------------------------------------


def check_units(layer, id_field):
    """Hand-worked per-unit figures (see module doc; thresholds 200, 500, 1000 m)."""
    rows = {f[id_field]: f for f in layer.getFeatures()}
    outside = [f for f in layer.getFeatures() if null(f[id_field])]
    u1, u2, u3 = rows["U1"], rows["U2"], rows["U3"]
    # U1: D1 (10, 230 m), D7 (NULL → 0, 120 m)
    assert u1["n_points"] == 2 and u1["population"] == 10
    assert u1["mean_m"] == pytest.approx(230) and u1["median_m"] == pytest.approx(230)
    assert (u1["share_200m"], u1["share_500m"], u1["share_1000m"]) == (0, 1, 1)
    # U2: D2 (20, 120 m), D6 (40, 640 m): mean (20·120 + 40·640) / 60; lower weighted median 640
    assert u2["population"] == 60
    assert u2["mean_m"] == pytest.approx((20 * 120 + 40 * 640) / 60)
    assert u2["median_m"] == pytest.approx(640)
    assert u2["pop_200m"] == 20 and u2["share_200m"] == pytest.approx(1 / 3)
    assert u2["share_500m"] == pytest.approx(1 / 3) and u2["share_1000m"] == pytest.approx(1)
    # U3: only D3 in another network component — reported, not dropped
    assert u3["population"] == 5 and u3["pop_unreached"] == 5 and u3["pop_other_component"] == 5
    assert null(u3["mean_m"]) and u3["share_1000m"] == 0
    # D4 (not connected, 7) and D5 (no geometry, 3) are in no unit → one extra row
    assert len(outside) == 1
    o = outside[0]
    assert o["population"] == 10 and o["pop_not_connected"] == 7 and o["pop_no_geometry"] == 3
    assert o["pop_reached"] == 0


def test_summary_per_unit_by_polygon(provider):
    res = run("isrp:accessibilitybyunit", base_params(UNITS=units_layer(), UNIT_ID_FIELD="code",
                                                     THRESHOLDS="200, 500, 1000"))
    layer = res["OUTPUT"]
    assert layer.featureCount() == 4
    assert "label" in layer.fields().names()  # the units with their attributes …
    assert QgsWkbTypes.displayString(layer.wkbType()) == "MultiPolygon"  # … and polygons
    check_units(layer, "code")
    assert json.loads(res["SHARES"]) == pytest.approx({"200": 20 / 85, "500": 30 / 85, "1000": 70 / 85})
    assert res["MEAN"] == pytest.approx((10 * 230 + 20 * 120 + 40 * 640) / 70)


def test_summary_per_unit_by_field_and_as_second_output(provider):
    res = run("isrp:accessibilitybyunit", base_params(DEMAND_UNIT_FIELD="unit", THRESHOLDS="200, 500, 1000"))
    check_units(res["OUTPUT"], "unit_id")
    res = run("isrp:accessibility", base_params(UNITS=units_layer(), UNIT_ID_FIELD="code",
                                                THRESHOLDS="200 500 1000", OUTPUT_UNITS="memory:"))
    check_units(res["OUTPUT_UNITS"], "code")
    assert rows_by(res["OUTPUT"], "name")["D6"]["unit_id"] == "U2"


def test_units_needed(provider):
    with pytest.raises(QgsProcessingException, match="UNITS"):
        run("isrp:accessibilitybyunit", base_params())


# ---------------------------------------------------------------------------------------------
# catchments
# ---------------------------------------------------------------------------------------------


def test_catchment_polygons_contain_the_reached_streets(provider):
    fb = Feedback()
    res = run("isrp:catchments", {
        "NETWORK": network_layer(), "FACILITIES": facility_layer(), "FACILITY_ID_FIELD": "fac_id",
        "FACILITY_FILTER": "\"typ\" = 'kita'", "MODE": 0, "COSTS": "300, 1000", "BUFFER_WIDTH": 50,
        "DEMAND": demand_layer(), "POPULATION_FIELD": ["pop_a", "pop_b"], "OUTPUT": "memory:"}, fb)
    layer = res["OUTPUT"]
    rows = {(f["fac_id"], f["cost"]): f for f in layer.getFeatures()}
    assert set(rows) == {("A", 300), ("A", 1000), ("B", 300), ("B", 1000)}
    a300 = rows[("A", 300)].geometry()
    # A: leg 10 m, then 290 m along the street from (100, 0): x from 0 to 390, widened by 50 m
    for x, y, inside in ((300, 20, True), (200, -10, True), (0, 0, True), (430, 0, True), (460, 0, False),
                         (500, 100, False), (390, 60, False)):
        assert a300.contains(QgsGeometry.fromPointXY(_xy(x, y))) == inside, (x, y)
    assert rows[("A", 300)]["n_points"] == 2 and rows[("A", 300)]["population"] == 10  # D1 + D7 (NULL → 0)
    b300 = rows[("B", 300)].geometry()
    # B: leg 10 m, then 290 m from (500, 300): the whole branch up to (500, 400) and down to (500, 10)
    for x, y, inside in ((510, 200, True), (500, 440, True), (500, -30, True), (500, -45, False),
                         (600, 200, False)):
        assert b300.contains(QgsGeometry.fromPointXY(_xy(x, y))) == inside, (x, y)
    assert rows[("A", 1000)]["status"] == "ok" and rows[("A", 1000)]["area_km2"] > rows[("A", 300)]["area_km2"]
    # dissolved: one polygon per cost
    res = run("isrp:catchments", {
        "NETWORK": network_layer(), "FACILITIES": facility_layer(), "FACILITY_FILTER": "\"typ\" = 'kita'",
        "COSTS": "300", "DISSOLVE": True, "OUTPUT": "memory:"})
    (f,) = list(res["OUTPUT"].getFeatures())
    assert f["n_facilities"] == 2 and f.geometry().contains(QgsGeometry.fromPointXY(_xy(510, 200)))
    assert f.geometry().contains(QgsGeometry.fromPointXY(_xy(300, 20)))


def test_catchments_straight_line_and_unconnected_facility(provider):
    rows = FACILITIES + [("E", "kita", (6000, 6000))]
    fb = Feedback()
    res = run("isrp:catchments", {
        "NETWORK": network_layer(), "FACILITIES": facility_layer(rows), "FACILITY_ID_FIELD": "fac_id",
        "COSTS": "300", "OUTPUT": "memory:"}, fb)
    by_id = {f["fac_id"]: f for f in res["OUTPUT"].getFeatures()}
    assert by_id["E"]["status"] == "not_connected" and not by_id["E"].hasGeometry()
    assert any("off the network" in w and "E (fid 4" in w for w in fb.warnings)
    res = run("isrp:catchments", {"FACILITIES": facility_layer(), "FACILITY_ID_FIELD": "fac_id", "MODE": 3,
                                  "COSTS": "100", "OUTPUT": "memory:"})
    a = {f["fac_id"]: f for f in res["OUTPUT"].getFeatures()}["A"]
    assert a["area_km2"] == pytest.approx(math.pi * 0.1 ** 2, rel=0.01)


# ---------------------------------------------------------------------------------------------
# the Erfurt sample against QGIS's own network analysis
# ---------------------------------------------------------------------------------------------

SAMPLE = __import__("pathlib").Path(__file__).resolve().parents[2] / "resources" / "sample" / "erfurt_sample.gpkg"


@pytest.mark.skipif(not SAMPLE.exists(), reason="sample project missing")
def test_sample_agrees_with_qgis_network_analysis(provider):
    from qgis.analysis import QgsGraphAnalyzer, QgsGraphBuilder, QgsNetworkDistanceStrategy, QgsVectorLayerDirector

    layers = {n: QgsVectorLayer(f"{SAMPLE}|layername={n}", n, "ogr")
              for n in ("strassennetz", "nachfragepunkte", "einrichtungen", "ortsteile")}
    assert all(lyr.isValid() for lyr in layers.values())
    res = run("isrp:accessibility", {
        "NETWORK": layers["strassennetz"], "DEMAND": layers["nachfragepunkte"], "FACILITIES": layers["einrichtungen"],
        "FACILITY_ID_FIELD": "fac_id", "FACILITY_FILTER": "\"typ\" = 'kita'", "MODE": 0, "K": 1,
        "MAX_ACCESS_DISTANCE": 500, "POPULATION_FIELD": ["pop_0_3", "pop_3_6"], "UNITS": layers["ortsteile"],
        "UNIT_ID_FIELD": "ot_id", "OUTPUT": "memory:", "OUTPUT_UNITS": "memory:"})
    out = res["OUTPUT"]
    # independent reference: QGIS's graph with 40 demand points and all Kitas tied in
    rng = np.random.default_rng(3)
    feats = list(out.getFeatures())
    sample = [feats[i] for i in rng.choice(len(feats), 40, replace=False)]
    kitas = [f for f in layers["einrichtungen"].getFeatures() if f["typ"] == "kita"]
    points = [f.geometry().asPoint() for f in sample] + [f.geometry().asPoint() for f in kitas]
    director = QgsVectorLayerDirector(layers["strassennetz"], -1, "", "", "", QgsVectorLayerDirector.DirectionBoth)
    director.addStrategy(QgsNetworkDistanceStrategy())
    builder = QgsGraphBuilder(layers["strassennetz"].crs(), False, 0.0, "NONE")
    tied = director.makeGraph(builder, points)
    graph = builder.graph()
    vids = [graph.findVertex(p) for p in tied]
    legs = np.array([math.hypot(p.x() - t.x(), p.y() - t.y()) for p, t in zip(points, tied)])
    nd = len(sample)
    fac_vids = vids[nd:]
    for i, f in enumerate(sample):
        _, cost = QgsGraphAnalyzer.dijkstra(graph, vids[i], 0)
        cost = np.asarray(cost)[fac_vids]
        total = legs[i] + cost + legs[nd:]
        total[cost < 0] = np.inf
        j = int(np.argmin(total))
        if not np.isfinite(total[j]):
            assert f["reachable"] == 0
            continue
        assert f["dist_m"] == pytest.approx(total[j], abs=0.01)
        assert f["access_m"] == pytest.approx(legs[i], abs=0.01)
        if f["fac_id"] == kitas[j]["fac_id"]:
            assert f["net_dist_m"] == pytest.approx(cost[j], abs=0.01)
    # per Ortsteil: populations add up to the city's children under 6, nothing lost
    units = res["OUTPUT_UNITS"]
    total_pop = sum(f["pop_0_3"] + f["pop_3_6"] for f in layers["nachfragepunkte"].getFeatures())
    assert sum(f["population"] for f in units.getFeatures()) == pytest.approx(total_pop)
    assert res["POPULATION"] == pytest.approx(total_pop)
    # point in polygon and the demand points' own ot_id agree on the sample
    by_field = run("isrp:accessibilitybyunit", {
        "NETWORK": layers["strassennetz"], "DEMAND": layers["nachfragepunkte"], "FACILITIES": layers["einrichtungen"],
        "FACILITY_FILTER": "\"typ\" = 'kita'", "POPULATION_FIELD": ["pop_0_3", "pop_3_6"],
        "DEMAND_UNIT_FIELD": "ot_id", "OUTPUT": "memory:"})["OUTPUT"]
    a = {f["ot_id"]: (f["population"], f["mean_m"]) for f in units.getFeatures()}
    b = {f["unit_id"]: (f["population"], f["mean_m"]) for f in by_field.getFeatures()}
    assert a.keys() == b.keys()
    for key in a:
        assert a[key][0] == b[key][0] and a[key][1] == pytest.approx(b[key][1])
