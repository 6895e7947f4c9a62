"""isrp:locationsuggest: MCLP / p-median through the algorithm equal brute force on small instances.

The expected values are computed here, independently of the plugin: distances with numpy, every
subset of candidates with itertools, costs of the nearest open facility by hand.
"""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
from qgis.core import (
    QgsFeature,
    QgsGeometry,
    QgsPointXY,
    QgsProcessingException,
    QgsVectorLayer,
)

from isrp_plugin.qgis_io.compat import is_null
from tests.qgis.planning_helpers import X0, Y0, Feedback


def points(xy, fields=(), values=None, crs="EPSG:25832", name="pts") -> QgsVectorLayer:
    spec = "&".join(f"field={n}:{t}" for n, t in fields)
    layer = QgsVectorLayer(f"Point?crs={crs}" + (f"&{spec}" if spec else ""), name, "memory")
    feats = []
    for i, (x, y) in enumerate(xy):
        f = QgsFeature(layer.fields())
        f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(float(x), float(y))))
        if values is not None:
            f.setAttributes(list(values[i]))
        feats.append(f)
    layer.dataProvider().addFeatures(feats)
    return layer


def demand_layer(xy, pop, crs="EPSG:25832"):
    return points(xy, [("pid", "integer"), ("pop", "double")], [(i + 1, float(w)) for i, w in enumerate(pop)],
                  crs=crs, name="demand")


def run(params, feedback=None):
    from qgis import processing

    base = {"POPULATION_FIELD": ["pop"], "MODE": 3, "OUTPUT": "memory:"}
    base.update(params)
    return processing.run("isrp:locationsuggest", base, feedback=feedback or Feedback())


def rows(layer):
    names = layer.fields().names()
    return [dict(zip(names, f.attributes())) | {"_xy": (f.geometry().asPoint().x(), f.geometry().asPoint().y())}
            for f in layer.getFeatures()]


def dist(a, b):
    a, b = np.asarray(a, float), np.asarray(b, float)
    return np.hypot(a[:, None, 0] - b[None, :, 0], a[:, None, 1] - b[None, :, 1])


def mclp_value(w, d_cand, d_ex, chosen, d0):
    covered0 = (d_ex <= d0).any(axis=1) if d_ex.shape[1] else np.zeros(len(w), bool)
    cov = covered0 | ((d_cand[:, list(chosen)] <= d0).any(axis=1) if chosen else False)
    return float(w[cov & ~covered0].sum())


def pmedian_value(w, d_cand, d_ex, chosen, d0):
    cols = np.hstack([d_ex, d_cand[:, list(chosen)]])
    cols = np.where(cols <= d0, cols, np.inf)
    best = cols.min(axis=1) if cols.shape[1] else np.full(len(w), np.inf)
    return float((w * np.minimum(best, d0)).sum())


def random_instance(seed, n=14, m=7, e=2, size=1200.0):
    rng = np.random.default_rng(seed)
    dxy = rng.uniform(0, size, (n, 2)) + (X0, Y0)
    cxy = rng.uniform(0, size, (m, 2)) + (X0, Y0)
    exy = rng.uniform(0, size, (e, 2)) + (X0, Y0)
    w = rng.integers(0, 40, n).astype(float)
    return dxy, cxy, exy, w


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
@pytest.mark.parametrize("p", [1, 2, 3])
def test_mclp_equals_brute_force(provider, seed, p):
    dxy, cxy, exy, w = random_instance(seed)
    d0 = 350.0
    d_c, d_e = dist(dxy, cxy), dist(dxy, exy)
    best = max(mclp_value(w, d_c, d_e, s, d0) for s in itertools.combinations(range(len(cxy)), p))
    cand = points(cxy, [("name", "string")], [(f"c{i}",) for i in range(len(cxy))], name="cand")
    res = run({"DEMAND": demand_layer(dxy, w), "CANDIDATES": cand, "CANDIDATE_ID_FIELD": "name",
               "EXISTING": points(exy, name="existing"), "OBJECTIVE": 0, "P": p, "MAX_COST": d0})
    assert res["EXACT"] is True
    assert res["OBJECTIVE_VALUE"] == pytest.approx(best, abs=1e-9)
    out = rows(res["OUTPUT"])
    chosen = [int(r["cand_id"][1:]) for r in out if r["selected"] == 1]
    assert len(chosen) <= p
    assert mclp_value(w, d_c, d_e, chosen, d0) == pytest.approx(best, abs=1e-9)
    # the objective field and the sum of newly covered population agree with the output number
    assert all(r["objective"] == pytest.approx(best) for r in out)
    assert sum(r["covered_pop"] for r in out if r["selected"] == 1) == pytest.approx(best)
    base = float(w[(d_e <= d0).any(axis=1)].sum())
    assert res["BASELINE"] == pytest.approx(base)


@pytest.mark.parametrize("seed", [5, 6, 7])
@pytest.mark.parametrize("p", [1, 2, 3])
def test_pmedian_equals_brute_force(provider, seed, p):
    dxy, cxy, exy, w = random_instance(seed, n=16, m=7, e=1)
    d0 = 600.0
    d_c, d_e = dist(dxy, cxy), dist(dxy, exy)
    values = {s: pmedian_value(w, d_c, d_e, s, d0) for s in itertools.combinations(range(len(cxy)), p)}
    best = min(values.values())
    res = run({"DEMAND": demand_layer(dxy, w), "CANDIDATES": points(cxy, name="cand"),
               "EXISTING": points(exy, name="existing"), "OBJECTIVE": 1, "P": p, "MAX_COST": d0})
    assert res["EXACT"] is True
    assert res["OBJECTIVE_VALUE"] == pytest.approx(best, rel=1e-9)
    assert res["BASELINE"] == pytest.approx(pmedian_value(w, d_c, d_e, (), d0), rel=1e-9)
    out = rows(res["OUTPUT"])
    chosen = [int(r["cand_id"]) - 1 for r in out if r["selected"] == 1]  # memory layer fids start at 1
    assert pmedian_value(w, d_c, d_e, chosen, d0) == pytest.approx(best, rel=1e-9)


def test_existing_facilities_are_never_dropped(provider):
    # cluster A (100 persons) has an existing Kita; cluster B (30 persons) has none.
    a = [(X0, Y0), (X0 + 50, Y0), (X0, Y0 + 50)]
    b = [(X0 + 3000, Y0), (X0 + 3050, Y0)]
    pop = [40, 30, 30, 15, 15]
    existing = points([(X0 + 10, Y0 + 10)], name="existing")
    cand = points([(X0 + 20, Y0 + 20), (X0 + 3020, Y0)], [("name", "string")], [("near_A",), ("near_B",)])
    for objective in (0, 1):
        res = run({"DEMAND": demand_layer(a + b, pop), "CANDIDATES": cand, "CANDIDATE_ID_FIELD": "name",
                   "EXISTING": existing, "OBJECTIVE": objective, "P": 1, "MAX_COST": 300})
        sel = [r["cand_id"] for r in rows(res["OUTPUT"]) if r["selected"] == 1]
        assert sel == ["near_B"], objective
    # MCLP: A stays covered by the existing site; only B is new
    res = run({"DEMAND": demand_layer(a + b, pop), "CANDIDATES": cand, "CANDIDATE_ID_FIELD": "name",
               "EXISTING": existing, "OBJECTIVE": 0, "P": 1, "MAX_COST": 300})
    assert res["BASELINE"] == 100 and res["OBJECTIVE_VALUE"] == 30
    by = {r["cand_id"]: r for r in rows(res["OUTPUT"])}
    assert by["near_A"]["pop_in_reach"] == 0  # already covered by the existing Kita
    assert by["near_B"]["pop_in_reach"] == 30


def test_existing_filter(provider):
    dem = demand_layer([(X0, Y0), (X0 + 2000, Y0)], [10, 20])
    existing = points([(X0, Y0), (X0 + 2000, Y0)], [("typ", "string")], [("kita",), ("schule",)])
    cand = points([(X0 + 10, Y0), (X0 + 2010, Y0)])
    res = run({"DEMAND": dem, "CANDIDATES": cand, "EXISTING": existing, "EXISTING_FILTER": "\"typ\" = 'kita'",
               "P": 1, "MAX_COST": 100})
    assert res["BASELINE"] == 10 and res["OBJECTIVE_VALUE"] == 20


def test_covered_pop_by_hand(provider):
    # three sites in a row; 500 m catchment; populations worked out on paper:
    # site 1 (x=0) reaches d1 (x=-200, 10) and d2 (x=300, 20); site 2 (x=800) reaches d2 (20), d3 (x=1100, 25)
    # and d4 (x=1250, 5); site 3 (x=2000) reaches d5 (x=2100, 7). Existing at x=1300 covers d3, d4.
    dem = demand_layer([(X0 - 200, Y0), (X0 + 300, Y0), (X0 + 1100, Y0), (X0 + 1250, Y0), (X0 + 2100, Y0)],
                       [10, 20, 25, 5, 7])
    cand = points([(X0, Y0), (X0 + 800, Y0), (X0 + 2000, Y0)], [("name", "string")], [("s1",), ("s2",), ("s3",)])
    existing = points([(X0 + 1300, Y0)])
    res = run({"DEMAND": dem, "CANDIDATES": cand, "CANDIDATE_ID_FIELD": "name", "EXISTING": existing, "P": 2,
               "MAX_COST": 500})
    by = {r["cand_id"]: r for r in rows(res["OUTPUT"])}
    # uncovered: d1 10, d2 20, d5 7 → best pair s1 (30) + s3 (7) = 37
    assert res["OBJECTIVE_VALUE"] == 37
    assert (by["s1"]["selected"], by["s1"]["rank"], by["s1"]["covered_pop"]) == (1, 1, 30)
    assert (by["s3"]["selected"], by["s3"]["rank"], by["s3"]["covered_pop"]) == (1, 2, 7)
    assert by["s2"]["selected"] == 0 and is_null(by["s2"]["rank"]) and is_null(by["s2"]["covered_pop"])
    assert by["s2"]["pop_in_reach"] == 20  # d2 only: d3 and d4 are covered by the existing facility
    assert by["s1"]["exact"] == 1 and by["s1"]["gap"] == 0 and by["s1"]["solution"] == "optimal"
    assert res["SELECTED_COUNT"] == 2 and res["CANDIDATE_COUNT"] == 3


def test_generated_grid_candidates_inside_units(provider):
    units = QgsVectorLayer("Polygon?crs=EPSG:25832&field=ot_id:string", "units", "memory")
    f = QgsFeature(units.fields())
    f.setGeometry(QgsGeometry.fromWkt(f"POLYGON(({X0} {Y0}, {X0 + 1000} {Y0}, {X0 + 1000} {Y0 + 500}, "
                                      f"{X0} {Y0 + 500}, {X0} {Y0}))"))
    f.setAttributes(["07"])
    units.dataProvider().addFeatures([f])
    dem = demand_layer([(X0 + 620, Y0 + 370), (X0 + 130, Y0 + 120)], [8, 3])
    res = run({"DEMAND": dem, "UNITS": units, "UNIT_ID_FIELD": "ot_id", "GENERATE_CANDIDATES": 0,
               "GRID_SPACING": 250, "P": 1, "MAX_COST": 200})
    out = rows(res["OUTPUT"])
    # 4 x 2 cells of 250 m → 8 centres at x0+125+250i, y0+125+250j
    expect = {(X0 + 125 + 250 * i, Y0 + 125 + 250 * j) for i in range(4) for j in range(2)}
    assert {r["_xy"] for r in out} == expect
    assert {r["source"] for r in out} == {"grid"} and {r["unit_id"] for r in out} == {"07"}
    best = [r for r in out if r["selected"] == 1]
    assert len(best) == 1 and best[0]["_xy"] == (X0 + 625, Y0 + 375) and best[0]["covered_pop"] == 8


def test_generated_network_junctions(provider):
    # a plus-shaped network: junction at the centre, four dead ends, and one two-way vertex (not a junction)
    net = QgsVectorLayer("LineString?crs=EPSG:25832", "net", "memory")
    feats = []
    for wkt in (f"LINESTRING({X0 - 400} {Y0}, {X0 - 200} {Y0}, {X0} {Y0})", f"LINESTRING({X0} {Y0}, {X0 + 400} {Y0})",
                f"LINESTRING({X0} {Y0}, {X0} {Y0 + 400})", f"LINESTRING({X0} {Y0}, {X0} {Y0 - 400})"):
        f = QgsFeature()
        f.setGeometry(QgsGeometry.fromWkt(wkt))
        feats.append(f)
    net.dataProvider().addFeatures(feats)
    # without UNITS the demand points' box (+ GRID_SPACING) bounds the candidates; two empty points span it
    dem = demand_layer([(X0 + 390, Y0 + 10), (X0 - 10, Y0 + 5), (X0 - 400, Y0 - 400), (X0 + 400, Y0 + 400)],
                       [5, 9, 0, 0])
    res = run({"DEMAND": dem, "NETWORK": net, "MODE": 0, "GENERATE_CANDIDATES": 1, "GRID_SPACING": 50, "P": 1,
               "MAX_COST": 100})
    out = rows(res["OUTPUT"])
    expect = {(X0, Y0), (X0 - 400, Y0), (X0 + 400, Y0), (X0, Y0 + 400), (X0, Y0 - 400)}
    assert {r["_xy"] for r in out} == expect
    assert {r["source"] for r in out} == {"network_node"}
    best = [r for r in out if r["selected"] == 1]
    assert best[0]["_xy"] == (X0, Y0) and best[0]["covered_pop"] == 9


def test_network_costs_differ_from_straight_line(provider):
    # a U-shaped street: demand and candidate 100 m apart in a straight line, 900 m along the street
    net = QgsVectorLayer("LineString?crs=EPSG:25832", "net", "memory")
    f = QgsFeature()
    f.setGeometry(QgsGeometry.fromWkt(f"LINESTRING({X0} {Y0}, {X0} {Y0 + 400}, {X0 + 100} {Y0 + 400}, "
                                      f"{X0 + 100} {Y0})"))
    net.dataProvider().addFeatures([f])
    dem = demand_layer([(X0, Y0)], [10])
    cand = points([(X0 + 100, Y0), (X0, Y0 + 300)], [("name", "string")], [("across",), ("along",)])
    params = {"DEMAND": dem, "CANDIDATES": cand, "CANDIDATE_ID_FIELD": "name", "NETWORK": net, "P": 1,
              "MAX_COST": 500, "OBJECTIVE": 1}
    walk = {r["cand_id"]: r for r in rows(run(dict(params, MODE=0))["OUTPUT"])}
    assert walk["along"]["selected"] == 1 and walk["along"]["mean_cost"] == pytest.approx(300)
    line = run(dict(params, MODE=3))
    assert line["OBJECTIVE_VALUE"] == pytest.approx(10 * 100)


def test_cost_table_mode(provider):
    dem = demand_layer([(X0, Y0)] * 3, [5, 7, 11])
    cand = points([(X0, Y0)] * 3, [("cid", "string")], [("A",), ("B",), ("C",)])
    existing = points([(X0, Y0)], [("fid_e", "string")], [("E",)])
    table = QgsVectorLayer("None?field=o:integer&field=d:string&field=minutes:double", "od", "memory")
    od = [(1, "A", 4), (2, "A", 9), (2, "B", 3), (3, "C", 5), (3, "E", 2), (1, "E", 20)]
    feats = []
    for o, d, c in od:
        f = QgsFeature(table.fields())
        f.setAttributes([o, d, float(c)])
        feats.append(f)
    table.dataProvider().addFeatures(feats)
    res = run({"DEMAND": dem, "DEMAND_ID_FIELD": "pid", "CANDIDATES": cand, "CANDIDATE_ID_FIELD": "cid",
               "EXISTING": existing, "EXISTING_ID_FIELD": "fid_e", "MODE": 4, "COST_UNIT": 1, "COST_TABLE": table,
               "COST_ORIGIN_FIELD": "o", "COST_DESTINATION_FIELD": "d", "COST_FIELD": "minutes", "P": 1,
               "MAX_COST": 10})
    # d3 is covered by E (2 min); within 10 min: A covers d1, d2 (12), B covers d2 (7), C covers d3 (covered)
    assert res["OBJECTIVE_VALUE"] == 12
    sel = [r["cand_id"] for r in rows(res["OUTPUT"]) if r["selected"] == 1]
    assert sel == ["A"]


def test_heuristic_is_labelled(provider):
    dxy, cxy, exy, w = random_instance(11, n=30, m=10)
    res = run({"DEMAND": demand_layer(dxy, w), "CANDIDATES": points(cxy), "EXISTING": points(exy), "P": 3,
               "MAX_COST": 400, "MAX_EXACT_SIZE": 0})
    out = rows(res["OUTPUT"])
    assert res["EXACT"] is False
    assert res["SOLUTION"].startswith("heuristic")
    assert {r["exact"] for r in out} == {0}
    assert all(r["gap"] == pytest.approx(res["GAP"]) for r in out)
    assert res["BOUND"] >= res["OBJECTIVE_VALUE"]
    # the greedy value is at least (1 - 1/e) of the brute-force optimum
    d_c, d_e = dist(dxy, cxy), dist(dxy, exy)
    best = max(mclp_value(w, d_c, d_e, s, 400) for s in itertools.combinations(range(len(cxy)), 3))
    assert res["OBJECTIVE_VALUE"] >= (1 - 1 / math.e) * best - 1e-9
    assert res["BOUND"] >= best - 1e-9


def test_p_larger_than_candidates_is_explained(provider):
    with pytest.raises(QgsProcessingException, match="P = 3 is larger than the number of candidate sites"):
        run({"DEMAND": demand_layer([(X0, Y0)], [1]), "CANDIDATES": points([(X0, Y0), (X0 + 1, Y0)]), "P": 3,
             "MAX_COST": 100})


def test_no_demand_within_reach_is_explained(provider):
    with pytest.raises(QgsProcessingException, match="No demand point with target population lies within MAX_COST"):
        run({"DEMAND": demand_layer([(X0, Y0)], [5]), "CANDIDATES": points([(X0 + 5000, Y0)]), "P": 1,
             "MAX_COST": 100})


def test_geographic_crs_is_reprojected_with_a_warning(provider):
    from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsProject

    dxy, cxy, exy, w = random_instance(3)
    tr = QgsCoordinateTransform(QgsCoordinateReferenceSystem("EPSG:25832"), QgsCoordinateReferenceSystem("EPSG:4326"),
                                QgsProject.instance())

    def to_wgs(xy):
        return [(p.x(), p.y()) for p in (tr.transform(QgsPointXY(x, y)) for x, y in xy)]

    fb = Feedback()
    geo = run({"DEMAND": demand_layer(to_wgs(dxy), w, crs="EPSG:4326"),
               "CANDIDATES": points(to_wgs(cxy), crs="EPSG:4326"), "EXISTING": points(to_wgs(exy), crs="EPSG:4326"),
               "P": 2, "MAX_COST": 350}, fb)
    assert any("geographic" in t for t in fb.warnings)
    assert not geo["OUTPUT"].crs().isGeographic()
    proj = run({"DEMAND": demand_layer(dxy, w), "CANDIDATES": points(cxy), "EXISTING": points(exy), "P": 2,
                "MAX_COST": 350})
    assert geo["OBJECTIVE_VALUE"] == pytest.approx(proj["OBJECTIVE_VALUE"])


def test_network_mode_without_network_is_explained(provider):
    with pytest.raises(QgsProcessingException, match="needs a street network"):
        run({"DEMAND": demand_layer([(X0, Y0)], [5]), "CANDIDATES": points([(X0, Y0)]), "P": 1, "MAX_COST": 100,
             "MODE": 0})
