"""Location suggestions and the scenario use the shared network parameters, road classes included.

Hand-made network (metres from X0, Y0, EPSG:25832), every line two-way:

    D, K (0,0) +------ footway, 400 m ------+ A (400,0)
               |                            |
               | residential 600 m          | residential (0,-600)-(400,-600)-(400,0): 1000 m
               |                            |
    B (0,-600) +----------------------------+

D: demand point (10 children); A and B: candidate sites (location suggestions) or the new and the
existing Kita (scenario). Every point lies on a network node, so the access legs are 0 m.

Car, worked out by hand:
* without ROAD_CLASS_FIELD every line is open at the car's 50 km/h (833.33 m/min):
  D → A over the footway 400 m = 0.48 min; D → B 600 m = 0.72 min;
* with ROAD_CLASS_FIELD = highway the shipped table (resources/catalogues/road_speeds.csv) closes
  footways to cars (0) and gives residential streets 30 km/h (500 m/min):
  D → A the detour 600 + 1000 = 1600 m = 3.2 min; D → B 600 m = 1.2 min;
* SPEED_TABLE "footway=25" opens the footway again at 25 km/h (416.67 m/min): D → A 0.96 min.
"""

from __future__ import annotations

import pytest
from qgis.core import (
    QgsApplication,
    QgsGeometry,
    QgsPointXY,
    QgsProcessingParameterDefinition,
    QgsRectangle,
)

from isrp_plugin.qgis_io import measures_store as ms
from isrp_plugin.qgis_io.compat import is_null
from isrp_plugin.qgis_io.settings import IsrpSettings
from tests.qgis.planning_helpers import X0, Y0, Feedback, layer, pt

LINES = (("footway", [(0, 0), (400, 0)]), ("residential", [(0, 0), (0, -600)]),
         ("residential", [(0, -600), (400, -600), (400, 0)]))
CAR = 2  # MODE
MINUTES = 1  # COST_UNIT


def network():
    return layer("LineString", [("highway", "string")],
                 [(QgsGeometry.fromPolylineXY([QgsPointXY(X0 + x, Y0 + y) for x, y in line]), (cls,))
                  for cls, line in LINES], "net")


def demand():
    return layer("Point", [("pop_3_6", "double")], [(pt(0, 0), (10.0,))], "demand")


def run(alg, params, feedback=None):
    from qgis import processing

    return processing.run(alg, params, feedback=feedback or Feedback())


# ---------------------------------------------------------------------------------------------
# the parameters
# ---------------------------------------------------------------------------------------------

#: The public interface before the shared parameter block: key → default (None: no default). TOLERANCE and
#: MAX_ACCESS_DISTANCE default to the ISRP settings.
SETTINGS = object()
LOCATIONSUGGEST_KEYS = {
    "DEMAND": None, "POPULATION_FIELD": None, "CANDIDATES": None, "CANDIDATE_ID_FIELD": None,
    "GENERATE_CANDIDATES": 0, "GRID_SPACING": 250.0, "UNITS": None, "UNIT_ID_FIELD": None, "EXISTING": None,
    "EXISTING_ID_FIELD": None, "EXISTING_FILTER": None, "OBJECTIVE": 0, "P": 1, "MAX_COST": 500.0, "MODE": 0,
    "COST_UNIT": 0, "NETWORK": None, "TOLERANCE": SETTINGS, "MAX_ACCESS_DISTANCE": SETTINGS, "SPEED": 0.0,
    "ONEWAY_FIELD": None, "ONEWAY_FORWARD": "1", "ONEWAY_BACKWARD": "-1", "SPEED_FIELD": None, "COST_TABLE": None,
    "COST_ORIGIN_FIELD": None, "COST_DESTINATION_FIELD": None, "COST_FIELD": None, "DEMAND_ID_FIELD": None,
    "MAX_EXACT_SIZE": 5_000_000, "TIME_LIMIT": 120.0, "SELECTED_ONLY": False, "OUTPUT": None,
}
SCENARIO_KEYS = {
    "FACILITIES": None, "FACILITY_ID_FIELD": "fac_id", "FACILITY_FILTER": None, "CAPACITY_FIELD": "capacity",
    "MEASURES": None, "MEASURE_STATUS": [0, 1, 2, 3], "MEASURE_FACILITY_TYPES": "", "MEASURE_FILTER": None,
    "ANALYSIS": 0, "DEMAND": None, "POPULATION_FIELD": None, "UNITS": None, "UNIT_ID_FIELD": None,
    "STANDARD": "kita_3_6", "METHOD": 1, "MODE": 0, "NETWORK": None, "COST_UNIT": 0, "MAX_COST": 0.0, "DECAY": "",
    "THRESHOLDS": "", "COST_TABLE": None, "COST_ORIGIN_FIELD": None, "COST_DESTINATION_FIELD": None,
    "COST_FIELD": None, "DEMAND_ID_FIELD": None, "TOLERANCE": SETTINGS, "MAX_ACCESS_DISTANCE": SETTINGS,
    "SPEED": 0.0, "ONEWAY_FIELD": None, "ONEWAY_FORWARD": "1", "ONEWAY_BACKWARD": "-1", "SPEED_FIELD": None,
    "OUTPUT": None, "OUTPUT_TABLE": None, "OUTPUT_FACILITIES": None,
}
NETWORK_KEYS = ("TOLERANCE", "MAX_ACCESS_DISTANCE", "SPEED", "ONEWAY_FIELD", "ONEWAY_FORWARD", "ONEWAY_BACKWARD",
                "SPEED_FIELD", "ROAD_CLASS_FIELD", "SPEED_TABLE")


def _advanced(param) -> bool:
    flag = getattr(getattr(QgsProcessingParameterDefinition, "Flag", None), "FlagAdvanced", None)
    if flag is None:  # QGIS >= 3.36
        from qgis.core import Qgis

        flag = Qgis.ProcessingParameterFlag.Advanced
    return bool(param.flags() & flag)


@pytest.mark.parametrize("alg_id, keys", [("isrp:locationsuggest", LOCATIONSUGGEST_KEYS),
                                          ("isrp:scenario", SCENARIO_KEYS)])
def test_road_class_parameters_are_declared_as_in_accessibility(provider, alg_id, keys):
    registry = QgsApplication.processingRegistry()
    alg = registry.algorithmById(alg_id)
    reference = registry.algorithmById("isrp:accessibility")
    settings = IsrpSettings.load()
    # every public key keeps its default
    for key, default in keys.items():
        param = alg.parameterDefinition(key)
        assert param is not None, key
        if default is SETTINGS:
            default = float(settings.snap_tolerance_m if key == "TOLERANCE" else settings.max_access_distance_m)
        assert param.defaultValue() == default, key
    # MODE keeps its five options (the fifth is the cost table), as in isrp:coverage
    assert len(alg.parameterDefinition("MODE").options()) == 5
    # the network parameters are those of isrp:accessibility, ROAD_CLASS_FIELD and SPEED_TABLE included
    for key in NETWORK_KEYS:
        mine, ref = alg.parameterDefinition(key), reference.parameterDefinition(key)
        assert mine is not None, (alg_id, key)
        assert (mine.type(), mine.description(), mine.defaultValue()) == \
            (ref.type(), ref.description(), ref.defaultValue()), key
    road = alg.parameterDefinition("ROAD_CLASS_FIELD")
    assert road.parentLayerParameterName() == "NETWORK" and _advanced(road)
    assert road.flags() & QgsProcessingParameterDefinition.Flag.FlagOptional
    table = alg.parameterDefinition("SPEED_TABLE")
    assert table.type() == "string" and table.defaultValue() == "" and _advanced(table)
    help_text = alg.shortHelpString()
    assert "ROAD_CLASS_FIELD" in help_text and "SPEED_TABLE" in help_text


# ---------------------------------------------------------------------------------------------
# location suggestions
# ---------------------------------------------------------------------------------------------


def suggest(feedback=None, **params):
    cand = layer("Point", [("name", "string")], [(pt(400, 0), ("A",)), (pt(0, -600), ("B",))], "cand")
    base = {"DEMAND": demand(), "POPULATION_FIELD": ["pop_3_6"], "CANDIDATES": cand, "CANDIDATE_ID_FIELD": "name",
            "NETWORK": network(), "MODE": CAR, "COST_UNIT": MINUTES, "MAX_ACCESS_DISTANCE": 50, "P": 1,
            "OUTPUT": "memory:"}
    base.update(params)
    res = run("isrp:locationsuggest", base, feedback)
    by_id = {f["cand_id"]: f for f in res["OUTPUT"].getFeatures()}
    chosen = [c for c, f in by_id.items() if f["selected"] == 1]
    return res, by_id, chosen


def test_locationsuggest_car_p_median_avoids_the_closed_footway(provider):
    # p-median, P = 1, MAX_COST 5 min: the cost of D is its time to the chosen site
    res, by_id, chosen = suggest(OBJECTIVE=1, MAX_COST=5)
    assert chosen == ["A"] and res["OBJECTIVE_VALUE"] == pytest.approx(10 * 0.48)  # over the footway
    assert by_id["A"]["mean_cost"] == pytest.approx(0.48)
    fb = Feedback()
    res, by_id, chosen = suggest(fb, OBJECTIVE=1, MAX_COST=5, ROAD_CLASS_FIELD="highway")
    assert chosen == ["B"] and res["OBJECTIVE_VALUE"] == pytest.approx(10 * 1.2)  # A only by the 3.2 min detour
    assert by_id["B"]["mean_cost"] == pytest.approx(1.2)
    assert res["BASELINE"] == pytest.approx(10 * 5)  # nobody reaches an existing facility: MAX_COST each
    assert any("footway (1 lines)" in i for i in fb.infos)  # closed to cars, said in the log
    # SPEED_TABLE opens the footway to cars at 25 km/h: A again, 400 m / (25000/60 m/min) = 0.96 min
    res, by_id, chosen = suggest(OBJECTIVE=1, MAX_COST=5, ROAD_CLASS_FIELD="highway", SPEED_TABLE="footway=25")
    assert chosen == ["A"] and by_id["A"]["mean_cost"] == pytest.approx(0.96)


def test_locationsuggest_car_distances_and_coverage_with_road_classes(provider):
    # metres: the shortest open path; A 400 m over the footway, 1600 m without it; B 600 m
    res, by_id, chosen = suggest(OBJECTIVE=1, COST_UNIT=0, MAX_COST=2000)
    assert chosen == ["A"] and res["OBJECTIVE_VALUE"] == pytest.approx(10 * 400)
    res, by_id, chosen = suggest(OBJECTIVE=1, COST_UNIT=0, MAX_COST=2000, ROAD_CLASS_FIELD="highway")
    assert chosen == ["B"] and res["OBJECTIVE_VALUE"] == pytest.approx(10 * 600)
    # MCLP within 1.5 min: both sites reach D on the open network; with the footway closed only B (1.2 min)
    res, by_id, chosen = suggest(OBJECTIVE=0, MAX_COST=1.5)
    assert (by_id["A"]["pop_in_reach"], by_id["B"]["pop_in_reach"]) == (10, 10)
    res, by_id, chosen = suggest(OBJECTIVE=0, MAX_COST=1.5, ROAD_CLASS_FIELD="highway")
    assert (by_id["A"]["pop_in_reach"], by_id["B"]["pop_in_reach"]) == (0, 10)
    assert chosen == ["B"] and res["OBJECTIVE_VALUE"] == 10


def test_locationsuggest_road_class_errors_are_explained(provider):
    from qgis.core import QgsProcessingException

    with pytest.raises(QgsProcessingException, match="no field “kind”.*ROAD_CLASS_FIELD"):
        suggest(MAX_COST=5, ROAD_CLASS_FIELD="kind")
    with pytest.raises(QgsProcessingException, match="SPEED_TABLE.*footway=slow"):
        suggest(MAX_COST=5, ROAD_CLASS_FIELD="highway", SPEED_TABLE="footway=slow")


# ---------------------------------------------------------------------------------------------
# scenario
# ---------------------------------------------------------------------------------------------


@pytest.fixture()
def store(tmp_path):
    s = ms.MeasureStore.create(tmp_path / "massnahmen.gpkg")
    s.add_measure({"title": "Neue Kita A", "measure_type": "facility", "status": "proposed",
                   "facility_action": "new", "facility_type": "kita_3_6", "capacity_change": 5}, pt(400, 0))
    yield s
    s.close()


def scenario(store, analysis, **params):
    unit = layer("Polygon", [("ot_id", "string")],
                 [(QgsGeometry.fromRect(QgsRectangle(X0 - 100, Y0 - 700, X0 + 500, Y0 + 100)), ("U",))], "units")
    kita = layer("Point", [("fac_id", "string"), ("capacity", "double")], [(pt(0, -600), ("K", 5.0))], "kitas")
    base = {"FACILITIES": kita, "FACILITY_ID_FIELD": "fac_id", "CAPACITY_FIELD": "capacity",
            "MEASURES": store.layer("point"), "ANALYSIS": analysis, "DEMAND": demand(),
            "POPULATION_FIELD": ["pop_3_6"], "UNITS": unit, "UNIT_ID_FIELD": "ot_id", "STANDARD": "100",
            "METHOD": 1, "MODE": CAR, "COST_UNIT": MINUTES, "MAX_COST": 2, "THRESHOLDS": "1",
            "NETWORK": network(), "MAX_ACCESS_DISTANCE": 50, "OUTPUT": "memory:"}
    base.update(params)
    res = run("isrp:scenario", base)
    assert res["NEW_FACILITIES"] == 1
    unit_row = next(res["OUTPUT"].getFeatures())
    return {n: (None if is_null(unit_row[n]) else unit_row[n]) for n in res["OUTPUT"].fields().names()}


def test_scenario_coverage_by_car_with_a_closed_footway(provider, store):
    # 2SFCA, catchment 2 min, 100 places per 100 children: need 10. Before: K (5 places) 0.72 or 1.2 min from D,
    # R_K = 5/10, A_D = 0.5 → supply 5, ratio 0.5 either way.
    # After, open network: the new Kita A (5 places) is 0.48 min away, R_A = 5/10 → A_D = 1 → supply 10, ratio 1.
    out = scenario(store, 0)
    assert (out["supply_before"], out["supply_after"], out["supply_delta"]) == pytest.approx((5, 10, 5))
    assert (out["coverage_ratio_before"], out["coverage_ratio_after"]) == pytest.approx((0.5, 1.0))
    assert out["places_gap_after"] == pytest.approx(0)
    # With the footway closed to cars A is 3.2 min away, beyond the catchment: nothing changes for D.
    out = scenario(store, 0, ROAD_CLASS_FIELD="highway")
    assert (out["supply_before"], out["supply_after"], out["supply_delta"]) == pytest.approx((5, 5, 0))
    assert out["coverage_ratio_delta"] == pytest.approx(0) and out["places_gap_after"] == pytest.approx(5)
    # opened by SPEED_TABLE at 25 km/h (0.96 min, within 2 min): the Kita counts again
    out = scenario(store, 0, ROAD_CLASS_FIELD="highway", SPEED_TABLE="footway=25")
    assert out["supply_after"] == pytest.approx(10)


def test_scenario_accessibility_by_car_with_a_closed_footway(provider, store):
    # minutes to the nearest Kita: open network K 0.72 → A 0.48; footway closed K 1.2 → still K (A 3.2)
    out = scenario(store, 1)
    assert (out["mean_min_before"], out["mean_min_after"]) == pytest.approx((0.72, 0.48))
    assert (out["share_1min_before"], out["share_1min_after"]) == pytest.approx((1, 1))
    out = scenario(store, 1, ROAD_CLASS_FIELD="highway")
    assert (out["mean_min_before"], out["mean_min_after"], out["mean_min_delta"]) == pytest.approx((1.2, 1.2, 0))
    assert (out["share_1min_before"], out["share_1min_after"]) == pytest.approx((0, 0))
