"""isrp:scenario: the deltas equal running isrp:coverage (or accessibility) twice by hand.

The scenario facilities for the "by hand" runs are built in the test from the measures' meaning
(new point with its capacity, closed facility removed, capacities raised / lowered), not by the
algorithm; the measures are written through the real measure store (a GeoPackage in tmp_path).
"""

from __future__ import annotations

import pytest
from qgis.core import QgsGeometry, QgsProcessingException, QgsRectangle

from isrp_plugin.qgis_io import measures_store as ms
from isrp_plugin.qgis_io.compat import is_null
from tests.qgis.planning_helpers import X0, Y0, Feedback, layer, pt


def units():
    # west (x 0..1000) and east (x 1000..2000), 1000 m high
    return layer("Polygon", [("ot_id", "string"), ("name", "string")],
                 [(QgsGeometry.fromRect(QgsRectangle(X0, Y0, X0 + 1000, Y0 + 1000)), ("W", "West")),
                  (QgsGeometry.fromRect(QgsRectangle(X0 + 1000, Y0, X0 + 2000, Y0 + 1000)), ("E", "East"))],
                 "ortsteile")


def demand():
    rows = [(pt(x, y), (p, q)) for x, y, p, q in (
        (200, 200, 30, 10), (400, 700, 20, 5), (800, 500, 25, 0), (1200, 300, 40, 12), (1500, 600, 35, 8),
        (1800, 900, 50, 20), (1900, 100, 10, 3))]
    return layer("Point", [("pop_0_3", "double"), ("pop_3_6", "double")], rows, "nachfragepunkte")


BASE = [  # fac_id, typ, x, y, capacity, capacity_u3
    ("K1", "kita", 300, 300, 40, 10), ("K2", "kita", 700, 600, 30, 8), ("K3", "kita", 1300, 400, 60, 20),
    ("S1", "schule", 1700, 700, 500, 0),
]


def facilities():
    return layer("Point", [("fac_id", "string"), ("typ", "string"), ("capacity", "double"),
                           ("capacity_u3", "double")],
                 [(pt(x, y), (fid, typ, c, u3)) for fid, typ, x, y, c, u3 in BASE], "einrichtungen")


def by_hand_facilities(rows):
    """rows: (fac_id, x, y, capacity) of the scenario as worked out by hand."""
    return layer("Point", [("fac_id", "string"), ("capacity", "double")],
                 [(pt(x, y), (fid, c)) for fid, x, y, c in rows], "by_hand")


@pytest.fixture()
def store(tmp_path):
    s = ms.MeasureStore.create(tmp_path / "massnahmen.gpkg")

    def add(geom, **values):
        rec = {"title": values.pop("title", "Maßnahme"), "measure_type": "facility", "status": "proposed"}
        rec.update(values)
        return s.add_measure(rec, geom)

    add(pt(1700, 800), title="Neue Kita Ost", facility_action="new", facility_type="kita_3_6", capacity_change=45)
    add(pt(300, 300), title="K1 schließen", facility_action="close", facility_id="K1", status="agreed")
    add(pt(1300, 400), title="K3 erweitern", facility_action="expand", facility_id="K3", capacity_change=25)
    add(pt(700, 600), title="K2 verkleinern", facility_action="reduce", facility_id="K2", capacity_change=-5,
        status="in_progress")
    add(pt(900, 900), title="abgelehnt", facility_action="new", facility_type="kita_3_6", capacity_change=99,
        status="rejected")
    add(pt(950, 950), title="Schule", facility_action="new", facility_type="primary_school", capacity_change=300)
    add(QgsGeometry.fromRect(QgsRectangle(X0 + 100, Y0 + 800, X0 + 300, Y0 + 900)), title="Kita-Fläche",
        facility_action="new", facility_type="kita_u3", capacity_change=15)
    add(pt(1000, 500), title="Sprachcafé", measure_type="service")  # not a facility measure
    yield s
    s.close()


def run(alg, params, feedback=None):
    from qgis import processing

    return processing.run(alg, params, feedback=feedback or Feedback())


def coverage_params(method=2, **extra):
    p = {"DEMAND": demand(), "POPULATION_FIELD": ["pop_0_3", "pop_3_6"], "UNITS": units(), "UNIT_ID_FIELD": "ot_id",
         "STANDARD": "80", "METHOD": method, "MODE": 3, "MAX_COST": 600, "DECAY": "step"}
    p.update(extra)
    return p


def unit_values(out_layer, field="ot_id"):
    return {f[field]: f for f in out_layer.getFeatures()}


def num(v):
    return None if is_null(v) else float(v)


@pytest.mark.parametrize("method", [0, 1, 2])
def test_scenario_deltas_equal_two_coverage_runs_by_hand(provider, store, method):
    params = coverage_params(method)
    fb = Feedback()
    res = run("isrp:scenario", dict(params, FACILITIES=facilities(), FACILITY_ID_FIELD="fac_id",
                                    FACILITY_FILTER="\"typ\" = 'kita'", CAPACITY_FIELD="capacity",
                                    MEASURES=store.layer("point"), MEASURE_FACILITY_TYPES="kita_u3, kita_3_6",
                                    ANALYSIS=0, OUTPUT="memory:", OUTPUT_TABLE="memory:",
                                    OUTPUT_FACILITIES="memory:"), fb)
    # the area measure lives in the area layer: the point layer alone holds 4 used facility measures
    assert (res["NEW_FACILITIES"], res["CLOSED_FACILITIES"], res["CHANGED_FACILITIES"]) == (1, 1, 2)
    assert res["MEASURES_SKIPPED"] == 2  # rejected + primary school
    before = run("isrp:coverage", dict(coverage_params(method), FACILITIES=facilities(), FACILITY_ID_FIELD="fac_id",
                                       FACILITY_FILTER="\"typ\" = 'kita'", CAPACITY_FIELD="capacity",
                                       OUTPUT_UNITS="memory:"))
    # by hand: K1 closed, K2 30 - 5, K3 60 + 25, a new Kita of 45 places at (1700, 800); the rejected measure
    # and the primary school (type filter) are left out
    hand = [("K2", 700, 600, 25), ("K3", 1300, 400, 85), ("NEW1", 1700, 800, 45)]
    after = run("isrp:coverage", dict(coverage_params(method), FACILITIES=by_hand_facilities(hand),
                                      FACILITY_ID_FIELD="fac_id", CAPACITY_FIELD="capacity", OUTPUT_UNITS="memory:"))
    b, a = unit_values(before["OUTPUT_UNITS"]), unit_values(after["OUTPUT_UNITS"])
    out = unit_values(res["OUTPUT"])
    assert set(out) == {"W", "E"}
    for unit in ("W", "E"):
        for ind in ("need", "supply", "coverage_ratio", "places_gap"):
            vb, va = num(b[unit][ind]), num(a[unit][ind])
            assert num(out[unit][f"{ind}_before"]) == pytest.approx(vb, rel=1e-12, abs=1e-12), (unit, ind)
            assert num(out[unit][f"{ind}_after"]) == pytest.approx(va, rel=1e-12, abs=1e-12), (unit, ind)
            delta = None if vb is None or va is None else va - vb
            assert num(out[unit][f"{ind}_delta"]) == pytest.approx(delta, rel=1e-12, abs=1e-12), (unit, ind)
        assert out[unit]["main_indicator"] == "coverage_ratio"
    assert num(out["E"]["supply_delta"]) > 0 and num(out["W"]["supply_delta"]) < 0
    # the whole-area rows of the table equal the totals of the two runs
    table = {(f["unit_id"], f["indicator"]): f for f in res["OUTPUT_TABLE"].getFeatures()}
    assert table[("ALL", "places_gap")]["before"] == pytest.approx(before["PLACES_GAP"])
    assert table[("ALL", "places_gap")]["after"] == pytest.approx(after["PLACES_GAP"])
    assert table[("W", "supply")]["delta"] == pytest.approx(num(out["W"]["supply_delta"]))
    assert res["CAPACITY_BEFORE"] == 130 and res["CAPACITY_AFTER"] == 130 - 40 - 5 + 25 + 45


def test_container_closure_and_capacity_by_hand(provider, store):
    """Container method: supply per unit is the sum of capacities lying in it (worked out by hand)."""
    res = run("isrp:scenario", dict(coverage_params(0), FACILITIES=facilities(), FACILITY_FILTER="\"typ\" = 'kita'",
                                    MEASURES=store.layer("point"), OUTPUT="memory:"))
    out = unit_values(res["OUTPUT"])
    # West: K1 40 + K2 30 → K2 25 (K1 closed); East: K3 60 → K3 85 + new 45 (the school measure counts too:
    # no type filter → primary school 300 at x=950 lies in West)
    assert out["W"]["supply_before"] == 70 and out["W"]["supply_after"] == 25 + 300
    assert out["E"]["supply_before"] == 60 and out["E"]["supply_after"] == 85 + 45
    need_w = 0.8 * (30 + 10 + 20 + 5 + 25 + 0)
    assert out["W"]["need_before"] == pytest.approx(need_w) and out["W"]["need_delta"] == 0
    assert out["W"]["places_gap_after"] == pytest.approx(need_w - 325)


def test_area_measures_and_status_filter(provider, store):
    facs = dict(coverage_params(0), FACILITIES=facilities(), FACILITY_FILTER="\"typ\" = 'kita'",
                MEASURE_FACILITY_TYPES="kita_u3,kita_3_6", OUTPUT="memory:", OUTPUT_FACILITIES="memory:")
    res = run("isrp:scenario", dict(facs, MEASURES=store.layer("area")))
    assert res["NEW_FACILITIES"] == 1
    new = [f for f in res["OUTPUT_FACILITIES"].getFeatures() if f["change"] == "new"]
    assert len(new) == 1 and new[0]["capacity_after"] == 15
    assert QgsGeometry.fromRect(QgsRectangle(X0 + 100, Y0 + 800, X0 + 300, Y0 + 900)).contains(new[0].geometry())
    out = unit_values(res["OUTPUT"])
    assert out["W"]["supply_delta"] == 15
    # both layers of the store together
    res = run("isrp:scenario", dict(facs, MEASURES=[store.layer("point"), store.layer("area")]))
    assert (res["NEW_FACILITIES"], res["CLOSED_FACILITIES"], res["CHANGED_FACILITIES"]) == (2, 1, 2)
    # a filter expression on the measures
    res = run("isrp:scenario", dict(facs, MEASURES=[store.uri("point"), store.uri("area")],
                                    MEASURE_FILTER="\"title\" LIKE 'K_ %'"))
    assert (res["NEW_FACILITIES"], res["CLOSED_FACILITIES"], res["CHANGED_FACILITIES"]) == (0, 1, 2)
    # only agreed measures: just the closure of K1
    res = run("isrp:scenario", dict(facs, MEASURES=store.layer("point"), MEASURE_STATUS=[1]))
    assert (res["NEW_FACILITIES"], res["CLOSED_FACILITIES"], res["CHANGED_FACILITIES"]) == (0, 1, 0)
    out = unit_values(res["OUTPUT"])
    assert out["W"]["supply_delta"] == -40 and out["E"]["supply_delta"] == 0


def test_accessibility_deltas_equal_two_runs_by_hand(provider, store):
    common = {"DEMAND": demand(), "POPULATION_FIELD": ["pop_0_3", "pop_3_6"], "UNITS": units(),
              "UNIT_ID_FIELD": "ot_id", "MODE": 3, "THRESHOLDS": "300, 500"}
    res = run("isrp:scenario", dict(common, FACILITIES=facilities(), FACILITY_FILTER="\"typ\" = 'kita'",
                                    MEASURES=store.layer("point"), MEASURE_FACILITY_TYPES="kita_3_6", ANALYSIS=1,
                                    OUTPUT="memory:"))
    before = run("isrp:accessibilitybyunit", dict(common, FACILITIES=facilities(),
                                                  FACILITY_FILTER="\"typ\" = 'kita'", OUTPUT="memory:"))
    hand = [("K2", 700, 600, 25), ("K3", 1300, 400, 85), ("NEW1", 1700, 800, 45)]
    after = run("isrp:accessibilitybyunit", dict(common, FACILITIES=by_hand_facilities(hand), OUTPUT="memory:"))
    b, a, out = unit_values(before["OUTPUT"]), unit_values(after["OUTPUT"]), unit_values(res["OUTPUT"])
    for unit in ("W", "E"):
        for ind in ("share_300m", "share_500m", "mean_m", "pop_reached"):
            assert num(out[unit][f"{ind}_before"]) == pytest.approx(num(b[unit][ind])), (unit, ind)
            assert num(out[unit][f"{ind}_after"]) == pytest.approx(num(a[unit][ind])), (unit, ind)
        assert out[unit]["main_indicator"] == "share_500m"
        assert num(out[unit]["main_delta"]) == pytest.approx(num(a[unit]["share_500m"]) - num(b[unit]["share_500m"]))
    # East gets a new Kita near (1800, 900): its mean distance falls
    assert out["E"]["mean_m_delta"] < 0


def test_unknown_facility_and_missing_store_fields_are_explained(provider, store, tmp_path):
    store.add_measure({"title": "X", "measure_type": "facility", "facility_action": "close", "facility_id": "K99"},
                      pt(10, 10))
    fb = Feedback()
    run("isrp:scenario", dict(coverage_params(0), FACILITIES=facilities(), FACILITY_FILTER="\"typ\" = 'kita'",
                              MEASURES=store.layer("point"), OUTPUT="memory:"), fb)
    assert any("K99" in w and "not among the baseline facilities" in w for w in fb.warnings)
    with pytest.raises(QgsProcessingException, match="is not a measure layer"):
        run("isrp:scenario", dict(coverage_params(0), FACILITIES=facilities(), MEASURES=facilities(),
                                  OUTPUT="memory:"))
    with pytest.raises(QgsProcessingException, match="cannot use a cost table"):
        run("isrp:scenario", dict(coverage_params(0), FACILITIES=facilities(), MEASURES=store.layer("point"),
                                  ANALYSIS=1, MODE=4, OUTPUT="memory:"))
