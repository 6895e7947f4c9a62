"""isrp:coverage and isrp:priorities through processing.run, with values worked out by hand.

Main scenario (straight line, EPSG:25832, coordinates relative to SHIFT; all points at y = 500
except f3). Units are 1000 m squares side by side; STANDARD "50" = 50 places per 100 children,
target group pop_3_6:

    x:   0     100    500   800  1000   1200   1500  1900  2000   2500  2600 3000  3500  4000
    U1 [ p1(10)  f1(12)  p2(20) ] U2 [ f2(30)  p3(30)  p4(5), f3 at (1900,900) NULL ] U3 [ p5(8)  s1 ] U4 [ f4(10) ]

    s1 is a school (typ 'schule', left out by FACILITY_FILTER "typ" = 'kita').
    f3 has no capacity (NULL → 0 places, reported). f4 has no demand within any catchment.

Pairs within d0 = 400 m (inclusive): p1–f1 400, p2–f1 300, p2–f2 400, p3–f2 300, p4–f3 400
(√(0² + 400²)); p3–f3 565.7, p5–f3 721.1 and everything else are farther.

container:  U1 need 30·0.5 = 15, supply 12 → ratio 0.8, gap 3, access_index 12/30 = 0.4
            U2 need 35·0.5 = 17.5, supply 30 + 0 → ratio 30/17.5, gap −12.5, access 30/35
            U3 need 4, supply 0 → ratio 0 (not NULL), gap 4, access 0
            U4 need 0, supply 10 → ratio NULL, gap −10, access NULL
2SFCA:      R1 = 12/(10+20) = 0.4, R2 = 30/(20+30) = 0.6, R3 = 0/5 = 0, R4 undefined (no demand)
            A = p1 0.4, p2 0.4+0.6 = 1.0, p3 0.6, p4 0 (reaches f3, which has no places), p5 NULL
            U1 supply 10·0.4 + 20·1.0 = 24 → ratio 24/15 = 1.6, gap −9, access 24/30 = 0.8
            U2 supply 30·0.6 + 5·0 = 18 → ratio 18/17.5, gap −0.5, access 18/35
            U3 nobody reaches a facility → ratio NULL, gap 4 (= need), access NULL
E2SFCA with DECAY step(300:1, 400:0.25): weights p1–f1 0.25, p2–f1 1, p2–f2 0.25, p3–f2 1, p4–f3 0.25
            R1 = 12/(2.5 + 20) = 8/15, R2 = 30/(5 + 30) = 6/7, R3 = 0/1.25 = 0
            A = p1 0.25·8/15 = 2/15, p2 8/15 + 0.25·6/7 = 8/15 + 3/14, p3 6/7, p4 0, p5 NULL
            U1 supply 10·2/15 + 20·(8/15 + 3/14) = 12 + 30/7 → ratio (12 + 30/7)/15
            U2 supply 30·6/7 = 180/7 → ratio (180/7)/17.5
"""

import numpy as np
import pytest
from qgis.core import (
    QgsFeature,
    QgsGeometry,
    QgsPointXY,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProject,
    QgsVectorLayer,
)

SHIFT = (600000.0, 5650000.0)



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

    def text(self):
        return "\n".join(self.infos + self.warnings + self.errors)


def _xy(x, y):
    return QgsPointXY(x + SHIFT[0], y + SHIFT[1])


def _layer(uri, name, rows):
    vl = QgsVectorLayer(uri, name, "memory")
    feats = []
    for geom, attrs in rows:
        f = QgsFeature(vl.fields())
        if geom is not None:
            f.setGeometry(geom)
        f.setAttributes(list(attrs))
        feats.append(f)
    assert vl.dataProvider().addFeatures(feats)[0]
    return vl


def units_layer():
    rows = []
    for k, name in enumerate("ABCD"):
        x0 = 1000 * k
        ring = [_xy(x0, 0), _xy(x0 + 1000, 0), _xy(x0 + 1000, 1000), _xy(x0, 1000), _xy(x0, 0)]
        rows.append((QgsGeometry.fromPolygonXY([ring]), (f"U{k + 1}", f"unit {name}")))
    return _layer("Polygon?crs=EPSG:25832&field=ot_id:string&field=name:string", "units", rows)


DEMAND = [("p1", 100, 3, 10), ("p2", 800, 3, 20), ("p3", 1500, 3, 30), ("p4", 1900, 3, 5), ("p5", 2500, 3, 8)]


def demand_layer(rows=DEMAND, fields="&field=pop_0_3:integer&field=pop_3_6:integer"):
    return _layer(f"Point?crs=EPSG:25832&field=pt_id:string{fields}", "demand",
                  [(QgsGeometry.fromPointXY(_xy(x, 500)), (pid, *vals)) for pid, x, *vals in rows])


FACILITIES = [("f1", "kita", 12, (500, 500)), ("f2", "kita", 30, (1200, 500)), ("f3", "kita", None, (1900, 900)),
              ("s1", "schule", 100, (2600, 500)), ("f4", "kita", 10, (3500, 500))]


def facility_layer(rows=FACILITIES):
    return _layer("Point?crs=EPSG:25832&field=fac_id:string&field=typ:string&field=capacity:double", "fac",
                  [(QgsGeometry.fromPointXY(_xy(*xy)), (fid, typ, cap)) for fid, typ, cap, xy in rows])


def params(**kw):
    p = {"DEMAND": demand_layer(), "POPULATION_FIELD": ["pop_3_6"], "FACILITIES": facility_layer(),
         "FACILITY_FILTER": "\"typ\" = 'kita'", "FACILITY_ID_FIELD": "fac_id", "CAPACITY_FIELD": "capacity",
         "UNITS": units_layer(), "UNIT_ID_FIELD": "ot_id", "STANDARD": "50", "METHOD": 1, "MODE": 3,
         "MAX_COST": 400, "OUTPUT_UNITS": "memory:", "OUTPUT_POINTS": "memory:"}
    p.update(kw)
    return p


def run(alg_params, alg="isrp:coverage", feedback=None):
    from qgis import processing

    fb = feedback or Feedback()
    return processing.run(alg, alg_params, feedback=fb), fb


def fails(alg_params, alg="isrp:coverage"):
    """Run expecting failure; return the error text the user sees."""
    fb = Feedback()
    with pytest.raises(QgsProcessingException) as exc:
        run(alg_params, alg, fb)
    return "\n".join([str(exc.value)] + fb.errors)


def null(v):
    return v is None or (hasattr(v, "isNull") and v.isNull())


def by(layer, key):
    return {f[key]: f for f in layer.getFeatures()}


def value(f, name):
    v = f[name]
    return None if null(v) else v


# ---------------------------------------------------------------------------------------------
# the three methods, by hand
# ---------------------------------------------------------------------------------------------


def test_container_by_hand(provider):
    res, fb = run(params(METHOD=0))
    u = by(res["OUTPUT_UNITS"], "ot_id")
    expect = {  # target_pop, need, supply, ratio, gap, access_index
        "U1": (30, 15, 12, 0.8, 3, 0.4),
        "U2": (35, 17.5, 30, 30 / 17.5, -12.5, 30 / 35),
        "U3": (8, 4, 0, 0.0, 4, 0.0),
        "U4": (0, 0, 10, None, -10, None),
    }
    for uid, (tp, need, sup, ratio, gap, acc) in expect.items():
        f = u[uid]
        assert f["target_pop"] == pytest.approx(tp) and f["need"] == pytest.approx(need)
        assert f["supply"] == pytest.approx(sup) and f["places_gap"] == pytest.approx(gap)
        if ratio is None:
            assert null(f["coverage_ratio"]) and null(f["access_index"]), uid
            assert "no target population" in f["note"]
        else:
            assert f["coverage_ratio"] == pytest.approx(ratio) and f["access_index"] == pytest.approx(acc)
    assert u["U3"]["coverage_ratio"] == 0.0  # need without supply: 0, not NULL
    assert u["U1"]["name"] == "unit A"  # the units' own fields are kept
    assert u["U4"]["capacity_in_unit"] == pytest.approx(10)
    # points carry their unit's value (container) and the unit id
    p = by(res["OUTPUT_POINTS"], "pt_id")
    assert p["p1"]["access_index"] == pytest.approx(0.4) and p["p1"]["unit_id"] == "U1"
    assert p["p1"]["status"] == "container"
    assert res["NEED"] == pytest.approx(36.5) and res["SUPPLY"] == pytest.approx(52)
    assert res["FACILITIES_WITHOUT_CAPACITY"] == 1


def test_2sfca_by_hand(provider):
    res, fb = run(params(METHOD=1))
    p = by(res["OUTPUT_POINTS"], "pt_id")
    for pid, a in {"p1": 0.4, "p2": 1.0, "p3": 0.6, "p4": 0.0}.items():
        assert p[pid]["access_index"] == pytest.approx(a, rel=1e-12), pid
        assert p[pid]["access_per_100"] == pytest.approx(100 * a, rel=1e-12)
        assert p[pid]["status"] == "ok"
    # NULL (reaches nothing) is not 0 (reaches a facility without places)
    assert p["p4"]["access_index"] == 0.0 and p["p4"]["n_reached"] == 1
    assert null(p["p5"]["access_index"]) and null(p["p5"]["access_per_100"]) and p["p5"]["n_reached"] == 0
    assert p["p5"]["status"] == "none_in_reach" and null(p["p5"]["min_cost"])
    assert p["p1"]["min_cost"] == pytest.approx(400.0)
    u = by(res["OUTPUT_UNITS"], "ot_id")
    expect = {"U1": (15, 24, 1.6, -9, 0.8), "U2": (17.5, 18, 18 / 17.5, -0.5, 18 / 35)}
    for uid, (need, sup, ratio, gap, acc) in expect.items():
        f = u[uid]
        assert (f["need"], f["supply"], f["coverage_ratio"], f["places_gap"], f["access_index"]) == pytest.approx(
            (need, sup, ratio, gap, acc), rel=1e-12), uid
    assert null(u["U3"]["coverage_ratio"]) and u["U3"]["places_gap"] == pytest.approx(4)
    assert u["U3"]["unreached_pop"] == pytest.approx(8) and "reaches a facility" in u["U3"]["note"]
    assert null(u["U4"]["coverage_ratio"]) and u["U4"]["need"] == 0
    assert res["SUPPLY_ATTRIBUTED"] == pytest.approx(42) and res["UNREACHED_POPULATION"] == pytest.approx(8)
    assert res["FACILITIES_WITHOUT_DEMAND"] == 1
    assert res["COVERAGE_RATIO"] == pytest.approx(42 / 36.5)


def test_e2sfca_by_hand(provider):
    res, fb = run(params(METHOD=2, DECAY="step(300:1, 400:0.25)"))
    p = by(res["OUTPUT_POINTS"], "pt_id")
    expect = {"p1": 2 / 15, "p2": 8 / 15 + 3 / 14, "p3": 6 / 7, "p4": 0.0}
    for pid, a in expect.items():
        assert p[pid]["access_index"] == pytest.approx(a, rel=1e-12), pid
    assert null(p["p5"]["access_index"])
    u = by(res["OUTPUT_UNITS"], "ot_id")
    assert u["U1"]["supply"] == pytest.approx(12 + 30 / 7, rel=1e-12)
    assert u["U1"]["coverage_ratio"] == pytest.approx((12 + 30 / 7) / 15, rel=1e-12)
    assert u["U2"]["coverage_ratio"] == pytest.approx((180 / 7) / 17.5, rel=1e-12)
    assert u["U2"]["places_gap"] == pytest.approx(17.5 - 180 / 7, rel=1e-12)
    assert any("step(300:1, 400:0.25)" in line for line in fb.infos)


def test_facility_output_has_ratios(provider):
    res, _ = run(params(OUTPUT_FACILITIES="memory:"))
    f = by(res["OUTPUT_FACILITIES"], "fac_id")
    assert set(f) == {"f1", "f2", "f3", "f4"}  # the school is filtered out
    assert f["f1"]["ratio"] == pytest.approx(0.4) and f["f2"]["ratio"] == pytest.approx(0.6)
    assert f["f3"]["ratio"] == 0.0 and f["f3"]["capacity"] == 0.0
    assert null(f["f4"]["ratio"]) and f["f4"]["n_points"] == 0


# ---------------------------------------------------------------------------------------------
# network mode on a tiny network
# ---------------------------------------------------------------------------------------------
#
#     y 340 .      r(150,340) 20 children: tie (150,300), leg 40
#       300 +-------------+ f (300,300), 15 places
#       250 q (0,250) 30 children, on the street
#           |
#         0 p (0,0) 10 children          the street: (0,0)-(0,300)-(300,300), walking
#
# network trips to f: p 300 + 300 = 600; q 50 + 300 = 350; r 40 + 150 = 190 (straight p–f 424.3)
# 2SFCA d0 = 500: f reaches q, r → R = 15/50 = 0.3; A_q = A_r = 0.3; p reaches nothing (NULL)
#   (straight line d0 = 500 would reach p as well: R = 15/60 = 0.25)
# E2SFCA linear, d0 = 600: w_p = 0, w_q = 1 − 350/600 = 5/12, w_r = 1 − 190/600 = 41/60
#   R = 15/(30·5/12 + 20·41/60) = 15/(12.5 + 41/3); A_p = 0 (reached with weight 0), A_q = 5/12·R, A_r = 41/60·R


def tiny_network():
    line = [_xy(0, 0), _xy(0, 300), _xy(300, 300)]
    return _layer("LineString?crs=EPSG:25832&field=id:integer", "net", [(QgsGeometry.fromPolylineXY(line), (1,))])


def tiny_params(**kw):
    demand = _layer("Point?crs=EPSG:25832&field=pt_id:string&field=kids:integer", "d",
                    [(QgsGeometry.fromPointXY(_xy(x, y)), (n, k)) for n, x, y, k in
                     (("p", 0, 0, 10), ("q", 0, 250, 30), ("r", 150, 340, 20))])
    fac = _layer("Point?crs=EPSG:25832&field=fac_id:string&field=places:double", "f",
                 [(QgsGeometry.fromPointXY(_xy(300, 300)), ("f", 15))])
    p = {"DEMAND": demand, "POPULATION_FIELD": ["kids"], "FACILITIES": fac, "FACILITY_ID_FIELD": "fac_id",
         "CAPACITY_FIELD": "places", "STANDARD": "100", "METHOD": 1, "MODE": 0, "NETWORK": tiny_network(),
         "MAX_COST": 500, "MAX_ACCESS_DISTANCE": 100, "OUTPUT_POINTS": "memory:", "OUTPUT_UNITS": "memory:"}
    p.update(kw)
    return p


def test_network_2sfca_by_hand(provider):
    res, fb = run(tiny_params())
    p = by(res["OUTPUT_POINTS"], "pt_id")
    assert p["q"]["access_index"] == pytest.approx(0.3) and p["r"]["access_index"] == pytest.approx(0.3)
    assert p["r"]["min_cost"] == pytest.approx(190.0) and p["q"]["min_cost"] == pytest.approx(350.0)
    assert null(p["p"]["access_index"]) and p["p"]["status"] == "none_in_reach"
    assert "OUTPUT_UNITS" not in res and any("No UNITS" in w for w in fb.warnings)
    assert any("Street network" in line for line in fb.infos)  # the accessibility diagnostics are shared
    # straight line reaches p as well
    res2, _ = run(tiny_params(MODE=3))
    assert by(res2["OUTPUT_POINTS"], "pt_id")["p"]["access_index"] == pytest.approx(0.25)


def test_network_e2sfca_linear_by_hand(provider):
    res, _ = run(tiny_params(METHOD=2, DECAY="linear", MAX_COST=600))
    p = by(res["OUTPUT_POINTS"], "pt_id")
    r = 15 / (12.5 + 41 / 3)
    assert p["p"]["access_index"] == 0.0  # reached at d0 with weight 0: 0, not NULL
    assert p["q"]["access_index"] == pytest.approx(5 / 12 * r, rel=1e-12)
    assert p["r"]["access_index"] == pytest.approx(41 / 60 * r, rel=1e-12)


def test_network_minutes_and_not_connected(provider):
    # 5 min at 4.5 km/h = 375 m: q (350 m) and r (190 m) as with d0 = 500 m; a point 200 m off the street
    res, _ = run(tiny_params(COST_UNIT=1, MAX_COST=5, SPEED=4.5))
    p = by(res["OUTPUT_POINTS"], "pt_id")
    assert p["q"]["access_index"] == pytest.approx(0.3)
    assert p["r"]["min_cost"] == pytest.approx(190 / 75)
    far = tiny_params()
    far["DEMAND"].dataProvider().addFeatures([_point(far["DEMAND"], ("s", 5), 150, 520)])
    res, fb = run(far)
    p = by(res["OUTPUT_POINTS"], "pt_id")
    assert p["s"]["status"] == "not_connected" and null(p["s"]["access_index"])
    assert any("MAX_ACCESS_DISTANCE" in w for w in fb.warnings)


def _point(layer, attrs, x, y):
    f = QgsFeature(layer.fields())
    f.setGeometry(QgsGeometry.fromPointXY(_xy(x, y)))
    f.setAttributes(list(attrs))
    return f


# ---------------------------------------------------------------------------------------------
# cost table mode
# ---------------------------------------------------------------------------------------------


def cost_table(rows):
    return _layer("None?field=origin:string&field=dest:string&field=minutes:double", "od",
                  [(None, r) for r in rows])


TABLE_ROWS = [("p1", "f1", 5), ("p2", "f1", 3), ("p2", "f2", 4), ("p3", "f2", 3), ("p4", "f3", 4),
              ("p2", "f2", 4.5),  # repeated pair: the smallest cost (4) is kept
              ("p3", "f1", 12),  # beyond d0 = 5
              ("p9", "f1", 2),  # unknown origin
              ("p1", "x7", 1)]  # unknown destination


def table_params(rows=TABLE_ROWS, **kw):
    return params(MODE=4, COST_TABLE=cost_table(rows), COST_ORIGIN_FIELD="origin", COST_DESTINATION_FIELD="dest",
                  COST_FIELD="minutes", DEMAND_ID_FIELD="pt_id", MAX_COST=5, **kw)


def test_cost_table_by_hand(provider):
    # the same pairs as the straight-line scenario → the same 2SFCA values
    res, fb = run(table_params())
    p = by(res["OUTPUT_POINTS"], "pt_id")
    for pid, a in {"p1": 0.4, "p2": 1.0, "p3": 0.6, "p4": 0.0}.items():
        assert p[pid]["access_index"] == pytest.approx(a, rel=1e-12), pid
    assert null(p["p5"]["access_index"])
    assert p["p2"]["min_cost"] == pytest.approx(3.0)
    text = fb.text()
    assert "'p9'" in text and "'x7'" in text  # unmatched ids are named
    assert "repeated origin-destination pairs" in text and "beyond the maximum cost" in text


def test_cost_table_without_any_match_is_an_error(provider):
    msg = fails(table_params(rows=[("zz", "f1", 1), ("p1", "qq", 2)]))
    assert "no row matches" in msg and "pt_id" in msg


def test_cost_table_mode_needs_the_table(provider):
    msg = fails(params(MODE=4, MAX_COST=5))
    assert "COST_TABLE" in msg


# ---------------------------------------------------------------------------------------------
# standards
# ---------------------------------------------------------------------------------------------


def test_catalogue_standard_fills_target_group_and_catchment(provider):
    # kita_u3: 65 places per 100 children aged 1–<3 = 2/3 of pop_0_3 (3 per point), 500 m
    res, fb = run(params(STANDARD="kita_u3", POPULATION_FIELD=[], MAX_COST=0, METHOD=0))
    u = by(res["OUTPUT_UNITS"], "ot_id")
    assert u["U1"]["target_pop"] == pytest.approx(2 / 3 * 6)
    assert u["U1"]["need"] == pytest.approx(2 / 3 * 6 * 0.65)
    res, fb = run(params(STANDARD="kita_u3", POPULATION_FIELD=[], MAX_COST=0, METHOD=1))
    assert any("d0 = 500 m" in line for line in fb.infos)
    # 500 m: p1–f1 400, p2–f1 300, p2–f2 400, p3–f2 300, p4–f3 400; target 2 per point → R1 = 12/4 = 3
    assert by(res["OUTPUT_POINTS"], "pt_id")["p1"]["access_index"] == pytest.approx(3.0)


def test_standard_with_value_and_project_catalogue(provider, qgis_new_project):
    from isrp_plugin.core.standards import load_default_standards, with_value
    from isrp_plugin.processing.alg_coverage import clear_project_standards, write_project_standards

    res, _ = run(params(STANDARD="youth_club=20", POPULATION_FIELD=["pop_3_6"], METHOD=0))
    assert by(res["OUTPUT_UNITS"], "ot_id")["U1"]["need"] == pytest.approx(30 * 0.2)
    cat = load_default_standards()
    cat["kita_3_6"] = with_value(cat["kita_3_6"], 50)
    write_project_standards(QgsProject.instance(), cat.values())
    try:
        res, fb = run(params(STANDARD="kita_3_6", POPULATION_FIELD=[], METHOD=0))
        assert by(res["OUTPUT_UNITS"], "ot_id")["U1"]["need"] == pytest.approx(15)
        assert any("project's catalogue" in line for line in fb.infos)
    finally:
        clear_project_standards(QgsProject.instance())


# ---------------------------------------------------------------------------------------------
# bad input: a clear message each
# ---------------------------------------------------------------------------------------------


def test_facilities_without_capacity_are_listed(provider):
    res, fb = run(params())
    warning = next(w for w in fb.warnings if "no capacity" in w)
    assert "f3" in warning and "count as 0 places" in warning
    assert res["FACILITIES_WITHOUT_CAPACITY"] == 1


def test_missing_age_band(provider):
    layer = demand_layer([("p1", 100, 3)], fields="&field=pop_3_6:integer")
    msg = fails(params(DEMAND=layer, STANDARD="kita_u3", POPULATION_FIELD=[]))
    assert "pop_0_3" in msg and "POPULATION_FIELD" in msg and "kita_u3" in msg


def test_zero_population_units_and_no_target_population(provider):
    res, fb = run(params(METHOD=0))
    assert any("no target population" in w and "U4" in w for w in fb.warnings)
    zero = demand_layer([(p, x, a, 0) for p, x, a, _ in DEMAND])
    msg = fails(params(DEMAND=zero))
    assert "target population is 0" in msg


def test_catchment_without_demand(provider):
    res, fb = run(params())
    assert any("without demand" in w and "f4" in w for w in fb.warnings)
    assert any("no demand point within 400" in w for w in fb.warnings)


@pytest.mark.parametrize("standard", ["0", "0,0", "kita_u3=0", "-5"])
def test_standard_of_zero(provider, standard):
    msg = fails(params(STANDARD=standard))
    assert "a standard of 0" in msg


@pytest.mark.parametrize("standard, needle", [("kita_xyz", "kita_u3, kita_3_6"), ("youth_club", "youth_club=5"),
                                              ("   ", "STANDARD is empty")])
def test_unknown_or_incomplete_standard(provider, standard, needle):
    assert needle in fails(params(STANDARD=standard))


def test_number_standard_needs_population_field(provider):
    assert "POPULATION_FIELD" in fails(params(POPULATION_FIELD=[]))


def test_container_needs_units(provider):
    assert "UNITS" in fails(params(METHOD=0, UNITS=None))


def test_negative_capacity_and_bad_decay(provider):
    rows = [("f1", "kita", -3, (500, 500))]
    assert "negative capacity" in fails(params(FACILITIES=facility_layer(rows)))
    assert "DECAY" in fails(params(METHOD=2, DECAY="wobbly"))
    assert "no field" in fails(params(CAPACITY_FIELD="places"))


def test_capacity_expression(provider):
    # 3–6 places = all places minus under-3 places, as an expression
    layer = _layer("Point?crs=EPSG:25832&field=fac_id:string&field=capacity:double&field=capacity_u3:double", "f",
                   [(QgsGeometry.fromPointXY(_xy(500, 500)), ("f1", 20, 8))])
    res, _ = run(params(FACILITIES=layer, FACILITY_FILTER="", CAPACITY_FIELD="\"capacity\" - \"capacity_u3\"",
                        METHOD=0))
    assert by(res["OUTPUT_UNITS"], "ot_id")["U1"]["supply"] == pytest.approx(12)


# ---------------------------------------------------------------------------------------------
# PySAL access on the same cost table
# ---------------------------------------------------------------------------------------------


def test_agrees_with_pysal_access_on_the_same_cost_table(provider):
    access = pytest.importorskip("access")
    import pandas as pd

    rng = np.random.default_rng(11)
    nd, nf = 80, 9
    pop = rng.integers(0, 40, nd)
    cap = rng.integers(5, 60, nf).astype(float)
    cost = rng.uniform(0, 30, (nd, nf))
    cost[-6:, :] += 50  # the last six points reach nothing
    cost[:, -1] += 100  # the last facility has no demand in reach
    d0 = 20.0
    assert not np.any(cost == d0)
    demand = _layer("Point?crs=EPSG:25832&field=pt_id:integer&field=kids:integer", "d",
                    [(QgsGeometry.fromPointXY(_xy(i, 0)), (i, int(pop[i]))) for i in range(nd)])
    fac = _layer("Point?crs=EPSG:25832&field=fac_id:integer&field=cap:double", "f",
                 [(QgsGeometry.fromPointXY(_xy(j, 10)), (j, float(cap[j]))) for j in range(nf)])
    rows = [(str(i), str(j), float(cost[i, j])) for i in range(nd) for j in range(nf)]
    table = cost_table(rows)
    common = {"DEMAND": demand, "POPULATION_FIELD": ["kids"], "FACILITIES": fac, "FACILITY_ID_FIELD": "fac_id",
              "CAPACITY_FIELD": "cap", "STANDARD": "100", "MODE": 4, "COST_TABLE": table,
              "COST_ORIGIN_FIELD": "origin", "COST_DESTINATION_FIELD": "dest", "COST_FIELD": "minutes",
              "DEMAND_ID_FIELD": "pt_id", "MAX_COST": d0, "OUTPUT_POINTS": "memory:"}
    acc = access.Access(
        demand_df=pd.DataFrame({"id": np.arange(nd), "pop": pop.astype(float)}), demand_index="id",
        demand_value="pop", supply_df=pd.DataFrame({"id": np.arange(nf), "cap": cap}), supply_index="id",
        supply_value="cap",
        cost_df=pd.DataFrame({"o": np.repeat(np.arange(nd), nf), "d": np.tile(np.arange(nf), nd),
                              "c": cost.ravel()}), cost_origin="o", cost_dest="d", cost_name="c")
    limit = np.nextafter(d0, np.inf)  # access 1.1.9 keeps cost < max_cost; ours is cost <= d0
    sigma = 8.0
    cases = [
        ({"METHOD": 1}, acc.two_stage_fca(name="s", max_cost=limit)["s_cap"]),
        ({"METHOD": 2, "DECAY": f"gaussian(sigma={sigma})"},
         acc.enhanced_two_stage_fca(name="e", max_cost=limit, weight_fn=access.weights.gaussian(sigma))["e_cap"]),
    ]
    for extra, theirs in cases:
        res, _ = run({**common, **extra})
        ours = {f["pt_id"]: f["access_index"] for f in res["OUTPUT_POINTS"].getFeatures()}
        ours = np.array([np.nan if null(ours[i]) else ours[i] for i in range(nd)])
        theirs = theirs.reindex(np.arange(nd)).to_numpy(dtype=float)
        assert np.array_equal(np.isnan(ours), np.isnan(theirs)), extra
        assert np.isnan(ours[-6:]).all()
        ok = ~np.isnan(ours)
        np.testing.assert_allclose(ours[ok], theirs[ok], rtol=1e-9, atol=0)


# ---------------------------------------------------------------------------------------------
# isrp:priorities
# ---------------------------------------------------------------------------------------------
#
# Nine units with coverage ratios 0.1 … 0.9 and MSS status classes; terciles of the ratio:
# q⅓ = 0.1 + 8/3·0.1 = 0.3667, q⅔ = 0.6333 → 0.1–0.3 poor (3), 0.4–0.6 medium (2), 0.7–0.9 good (1).
#   unit  ratio  gap  class → group  bivariate  score
#   a     0.1    9    4 → C          C3         6      rank 1 (largest gap of the score-6 units)
#   b     0.2    8    3 → C          C3         6      rank 2
#   c     0.3    7    2 → B          B3         5      rank 3 (score 5; gap 7 > gap of g)
#   d     0.4    6    1 → A          A2         3      rank 5
#   e     0.5    5    2 → B          B2         4      rank 4
#   f     0.6    4    NULL           –          –      no rank (no status class)
#   g     0.7    3    4 → C          C1         4      … see below
#   h     0.8    2    1 → A          A1         2
#   i     0.9    1    2 → B          B1         3
#   j     NULL   –    3 → C          –          –      no rank (no coverage ratio)
# Score order: a, b (6) · c (5) · e, g (4: gap 5 > 3 → e then g) · d, i (3: gap 6 > 1 → d then i) · h (2)
# ranks: a 1, b 2, c 3, e 4, g 5, d 6, i 7, h 8


PRIORITY_ROWS = [("a", 0.1, 9, 4), ("b", 0.2, 8, 3), ("c", 0.3, 7, 2), ("d", 0.4, 6, 1), ("e", 0.5, 5, 2),
                 ("f", 0.6, 4, None), ("g", 0.7, 3, 4), ("h", 0.8, 2, 1), ("i", 0.9, 1, 2), ("j", None, None, 3)]


def priority_layer(with_status=True):
    rows = []
    for k, (uid, ratio, gap, cls) in enumerate(PRIORITY_ROWS):
        ring = [_xy(100 * k, 0), _xy(100 * k + 100, 0), _xy(100 * k + 100, 100), _xy(100 * k, 100), _xy(100 * k, 0)]
        attrs = (uid, ratio, gap, cls) if with_status else (uid, ratio, gap)
        rows.append((QgsGeometry.fromPolygonXY([ring]), attrs))
    extra = "&field=status_class:integer" if with_status else ""
    return _layer(f"Polygon?crs=EPSG:25832&field=ot_id:string&field=coverage_ratio:double"
                  f"&field=places_gap:double{extra}", "cov", rows)


def test_priorities_by_hand(provider):
    res, fb = run({"INPUT": priority_layer(), "OUTPUT": "memory:"}, alg="isrp:priorities")
    out = res["OUTPUT"]
    rows = {f["ot_id"]: f for f in out.getFeatures()}
    expect = {"a": ("C3", 1), "b": ("C3", 2), "c": ("B3", 3), "e": ("B2", 4), "g": ("C1", 5), "d": ("A2", 6),
              "i": ("B1", 7), "h": ("A1", 8)}
    for uid, (cls, rank) in expect.items():
        assert (rows[uid]["bivariate_class"], rows[uid]["priority_rank"]) == (cls, rank), uid
    assert rows["a"]["priority_score"] == 6 and rows["h"]["priority_score"] == 2
    assert null(rows["f"]["priority_rank"]) and rows["f"]["priority_note"] == "no status class"
    assert null(rows["j"]["bivariate_class"]) and rows["j"]["priority_note"] == "no coverage ratio"
    # the output is sorted by rank, unranked units last
    assert [f["ot_id"] for f in out.getFeatures()] == ["a", "b", "c", "e", "g", "d", "i", "h", "f", "j"]
    assert res["RANKED"] == 8 and res["C3"] == 2 and res["UNCLASSIFIED"] == 2
    text = fb.text()
    assert "priority_score" in text and "terciles of coverage_ratio" in text and "0.3667" in text


def test_priorities_fixed_breaks_joined_index_and_terciles(provider):
    social = _layer("None?field=id:string&field=status_index:double", "si",
                    [(None, (uid, v)) for uid, v in (("a", 2.0), ("b", 1.2), ("c", 0.1), ("d", -1.5), ("e", 0.0),
                                                      ("f", 0.4), ("g", 1.6), ("h", -0.8), ("i", -0.2))])
    res, fb = run({"INPUT": priority_layer(with_status=False), "ID_FIELD": "ot_id", "SOCIAL": social,
                   "SOCIAL_ID_FIELD": "id", "STATUS_FIELD": "status_index", "STATUS_CLASSES": 1,
                   "COVERAGE_BREAKS": "0.5, 0.8", "OUTPUT": "memory:"}, alg="isrp:priorities")
    rows = {f["ot_id"]: f for f in res["OUTPUT"].getFeatures()}
    # status terciles of 9 values (sorted −1.5, −0.8, −0.2, 0, 0.1, 0.4, 1.2, 1.6, 2.0): q⅓ = −0.0667, q⅔ = 0.6667
    # → A: d, h, i; B: e, c, f; C: b, g, a.  Coverage: < 0.5 → 3, 0.5–0.8 → 2, ≥ 0.8 → 1
    expect = {"a": "C3", "b": "C3", "c": "B3", "d": "A3", "e": "B2", "f": "B2", "g": "C2", "h": "A1", "i": "A1"}
    assert {k: rows[k]["bivariate_class"] for k in expect} == expect
    assert null(rows["j"]["bivariate_class"])
    assert any("no row in the social index" in w and "j" in w for w in fb.warnings)


def test_priorities_style_and_qml(provider):
    from isrp_plugin.processing.alg_priorities import STYLE_PATH, PrioritiesStyles

    res, _ = run({"INPUT": priority_layer(), "OUTPUT": "memory:"}, alg="isrp:priorities")
    layer = res["OUTPUT"]
    PrioritiesStyles.apply(layer)
    rules = layer.renderer().rootRule().children()
    assert len(rules) == 10 and rules[0].label().startswith("C3")
    assert layer.labelsEnabled()
    assert STYLE_PATH.exists()
    copy = priority_layer()
    msg, ok = copy.loadNamedStyle(str(STYLE_PATH))
    assert ok, msg
    assert len(copy.renderer().rootRule().children()) == 10


def test_coverage_styles_cover_every_value(provider):
    from isrp_plugin.processing.alg_coverage import CoverageStyles

    res, _ = run(params())
    units, points = res["OUTPUT_UNITS"], res["OUTPUT_POINTS"]
    CoverageStyles.apply(units, "units")
    CoverageStyles.apply(points, "points", per_100=50.0)
    from qgis.core import QgsRenderContext

    for layer in (units, points):
        ctx = QgsRenderContext()
        r = layer.renderer().clone()
        r.startRender(ctx, layer.fields())
        for f in layer.getFeatures():
            assert r.willRenderFeature(f, ctx), (layer.name(), f.attributes())
        r.stopRender(ctx)
