"""Coverage: container method, 2SFCA and E2SFCA against hand-worked examples; sparse costs helpers.

Every expected number below is worked out by hand in the comments (not taken from the code).
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from isrp_plugin.core import standards as st
from isrp_plugin.core.coverage import (
    GaussianDecay,
    GravityDecay,
    LinearDecay,
    NoDecay,
    SparseCosts,
    StepDecay,
    aggregate_fca_by_unit,
    capacity_by_unit,
    container_coverage,
    costs_from_table,
    enhanced_two_step_fca,
    parse_decay,
    straight_line_costs,
    two_step_fca,
)

# ---------------------------------------------------------------------------------------------
# container method
# ---------------------------------------------------------------------------------------------


def test_container_hand_example():
    """Kita under 3, 65 places per 100 children aged 1-<3 (= 2/3 of pop_0_3).

    unit A: pop_0_3 = 90 -> target 60 -> need 39; 2 Kitas with 20 + 10 = 30 places
            ratio 30/39 = 0.769230..., gap 39 - 30 = 9 places missing
    unit B: pop_0_3 = 0  -> need 0 -> ratio NaN (undefined, not 0); 10 places -> gap -10 (surplus)
    unit C: pop_0_3 = 30 -> target 20 -> need 13; no Kita -> supply 0 -> ratio 0 (a real 0), gap 13
    """
    kita = st.load_default_standards()["kita_u3"]
    atlas = pd.DataFrame({"pop_0_3": [90, 0, 30]}, index=["A", "B", "C"])
    supply, msgs = capacity_by_unit(["A", "A", "B"], [20, 10, 10], units=atlas.index)
    res = container_coverage(kita.target_population(atlas), supply, kita.per_person)
    t = res.table
    assert t.loc["A", "need"] == pytest.approx(39.0)
    assert t.loc["A", "coverage_ratio"] == pytest.approx(30 / 39)
    assert t.loc["A", "places_gap"] == pytest.approx(9.0)
    assert math.isnan(t.loc["B", "coverage_ratio"]) and t.loc["B", "places_gap"] == pytest.approx(-10.0)
    assert "need 0" in t.loc["B", "note"]
    assert t.loc["C", "coverage_ratio"] == 0.0 and t.loc["C", "places_gap"] == pytest.approx(13.0)
    assert t.loc["C", "note"] == ""
    assert any("NaN" in m for m in res.messages)
    assert msgs == []


def test_capacity_by_unit_reports_problems():
    supply, msgs = capacity_by_unit(["A", None, "Z", "A"], [5, 7, 3, None], units=["A", "B"])
    assert supply.to_dict() == {"A": 5.0, "B": 0.0}
    text = " ".join(msgs)
    assert "no capacity value" in text and "lie in no unit" in text and "'Z'" in text
    with pytest.raises(ValueError, match="negative capacity"):
        capacity_by_unit(["A"], [-1])


def test_container_rejects_bad_input():
    with pytest.raises(ValueError, match="standard per person"):
        container_coverage(pd.Series({"A": 1.0}), pd.Series(dtype=float), 0.0)
    with pytest.raises(ValueError, match="Target population per unit.*'A'"):
        container_coverage(pd.Series({"A": -1.0}), pd.Series(dtype=float), 0.5)


# ---------------------------------------------------------------------------------------------
# 2SFCA / E2SFCA hand examples
# ---------------------------------------------------------------------------------------------
#
# demand: P1 D=100, P2 D=50, P3 D=30 (far away)        supply: F1 S=30, F2 S=20, F3 S=10
# pairs (cost):  P1-F1 200,  P2-F1 400,  P2-F2 300,  P3-F3 700 (beyond the catchment d0 = 500)
# F3 has no demand within 500 m; P3 reaches no facility within 500 m.


def _hand_costs():
    return SparseCosts([0, 1, 1, 2], [0, 0, 1, 2], [200.0, 400.0, 300.0, 700.0], 3, 3, max_cost=800.0)


DEMAND = np.array([100.0, 50.0, 30.0])
SUPPLY = np.array([30.0, 20.0, 10.0])


def test_2sfca_hand_example():
    """Classic 2SFCA, d0 = 500.

    step 1: R1 = 30 / (100 + 50) = 0.2;  R2 = 20 / 50 = 0.4;  R3 undefined (no demand in reach)
    step 2: A1 = R1 = 0.2;  A2 = R1 + R2 = 0.6;  A3 = NaN (reaches nothing)
    check:  sum D A = 100*0.2 + 50*0.6 = 50 = S1 + S2 (F3's 10 places are not attributed)
    """
    res = two_step_fca(DEMAND, SUPPLY, _hand_costs(), max_cost=500.0)
    assert res.ratio[:2] == pytest.approx([0.2, 0.4])
    assert math.isnan(res.ratio[2])
    assert res.access[:2] == pytest.approx([0.2, 0.6])
    assert math.isnan(res.access[2])
    assert res.n_reached.tolist() == [1, 2, 0]
    assert res.weighted_demand.tolist() == pytest.approx([150.0, 50.0, 0.0])
    assert float(np.nansum(DEMAND * res.access)) == pytest.approx(50.0)
    text = " ".join(res.messages)
    assert "1 of 3 demand points (30 demand) reach no facility" in text
    assert "1 of 3 facilities have no demand point within 500" in text and "(10)" in text
    assert res.parameters == {"method": "2SFCA", "d0": 500.0, "decay": NoDecay().describe()}


def test_e2sfca_step_hand_example():
    """Steps (250: 1, 500: 0.5): w(P1-F1, 200) = 1, w(P2-F1, 400) = 0.5, w(P2-F2, 300) = 0.5.

    R1 = 30 / (100*1 + 50*0.5) = 30/125 = 0.24;   R2 = 20 / (50*0.5) = 0.8
    A1 = 0.24*1 = 0.24;   A2 = 0.24*0.5 + 0.8*0.5 = 0.52;   A3 = NaN
    check: 100*0.24 + 50*0.52 = 24 + 26 = 50
    """
    res = enhanced_two_step_fca(DEMAND, SUPPLY, _hand_costs(), StepDecay(((250, 1.0), (500, 0.5))), 500.0)
    assert res.ratio[:2] == pytest.approx([0.24, 0.8])
    assert res.access[:2] == pytest.approx([0.24, 0.52])
    assert math.isnan(res.access[2])
    assert res.parameters["method"] == "E2SFCA"


def test_e2sfca_linear_hand_example():
    """Linear to 0 at d0 = 500: w(200) = 0.6, w(400) = 0.2, w(300) = 0.4.

    R1 = 30 / (100*0.6 + 50*0.2) = 30/70 = 3/7;   R2 = 20 / (50*0.4) = 1
    A1 = 3/7*0.6 = 9/35;   A2 = 3/7*0.2 + 1*0.4 = 3/35 + 14/35 = 17/35
    check: 100*9/35 + 50*17/35 = (900 + 850)/35 = 50
    """
    res = two_step_fca(DEMAND, SUPPLY, _hand_costs(), LinearDecay(500.0), 500.0)
    assert res.ratio[:2] == pytest.approx([3 / 7, 1.0])
    assert res.access[:2] == pytest.approx([9 / 35, 17 / 35])


def test_e2sfca_gaussian_hand_example():
    """Gaussian with f(d0 = 500) = 0.01, i.e. f(d) = 0.01 ** ((d/500)**2) = 10 ** (-2 (d/500)^2).

    f(200) = 10^-0.32, f(400) = 10^-1.28, f(300) = 10^-0.72
    R1 = 30 / (100 f(200) + 50 f(400));  R2 = 20 / (50 f(300))
    A1 = R1 f(200);  A2 = R1 f(400) + R2 f(300)   (~0.2844 and ~0.4312)
    """
    f200, f400, f300 = 10**-0.32, 10**-1.28, 10**-0.72
    r1, r2 = 30 / (100 * f200 + 50 * f400), 20 / (50 * f300)
    res = two_step_fca(DEMAND, SUPPLY, _hand_costs(), GaussianDecay.for_catchment(500.0), 500.0)
    assert res.ratio[:2] == pytest.approx([r1, r2], rel=1e-12)
    assert res.access[:2] == pytest.approx([r1 * f200, r1 * f400 + r2 * f300], rel=1e-12)
    assert res.access[0] == pytest.approx(0.2844, abs=1e-4) and res.access[1] == pytest.approx(0.4312, abs=1e-4)


def test_nan_versus_zero():
    """P1 (D=10) is 100 from F1 (S=5); P2 (D=10) is 450 from F1; P3 has no pair.

    With steps (400: 1) and d0 = 500, P2 lies in the catchment but gets weight 0:
    R1 = 5 / (10*1 + 10*0) = 0.5;  A1 = 0.5;  A2 = 0 (reaches F1, weight 0);  A3 = NaN (reaches nothing)
    """
    costs = SparseCosts([0, 1], [0, 0], [100.0, 450.0], 3, 1, 500.0)
    res = two_step_fca([10.0, 10.0, 10.0], [5.0], costs, StepDecay(((400, 1.0),)))
    assert res.access[0] == pytest.approx(0.5)
    assert res.access[1] == 0.0
    assert math.isnan(res.access[2])
    table = res.point_table(demand=[10, 10, 10], ids=["a", "b", "c"])
    assert table.loc["b", "access"] == 0.0 and np.isnan(table.loc["c", "access"])


def test_facility_reached_only_by_zero_demand_has_no_ratio():
    """F1 is reached only by P1 with D = 0: R1 would be 5/0 -> undefined (NaN), reported; A1 = NaN."""
    costs = SparseCosts([0, 1], [0, 1], [10.0, 10.0], 2, 2, 100.0)
    res = two_step_fca([0.0, 4.0], [5.0, 2.0], costs)
    assert math.isnan(res.ratio[0]) and res.ratio[1] == pytest.approx(0.5)
    assert math.isnan(res.access[0]) and res.access[1] == pytest.approx(0.5)
    assert any("zero demand" in m and "(5)" in m for m in res.messages)


def test_aggregate_by_unit_hand_example():
    """Units of the 2SFCA hand example, standard 0.5 places per person.

    unit 01 = P1, P2: target 150, supply attributed 100*0.2 + 50*0.6 = 50, need 75,
              ratio 50/75 = 2/3, gap 25, mean access 50/150 = 1/3
    unit 02 = P3:     target 30, nobody reaches a facility -> supply 0, need 15,
              ratio NaN (not 0), gap 15 (all places missing)
    unit 03 (no points): target 0, need 0 -> ratio NaN, gap 0
    """
    res = two_step_fca(DEMAND, SUPPLY, _hand_costs(), max_cost=500.0)
    cov = aggregate_fca_by_unit(res, DEMAND, ["01", "01", "02"], per_person=0.5, units=["01", "02", "03"])
    t = cov.table
    assert t.loc["01", ["target_pop", "supply_attributed", "need", "places_gap"]].tolist() == pytest.approx(
        [150, 50, 75, 25]
    )
    assert t.loc["01", "coverage_ratio"] == pytest.approx(2 / 3)
    assert t.loc["01", "mean_access"] == pytest.approx(1 / 3)
    assert t.loc["02", "unreached_pop"] == 30 and t.loc["02", "supply_attributed"] == 0
    assert math.isnan(t.loc["02", "coverage_ratio"]) and t.loc["02", "places_gap"] == pytest.approx(15)
    assert "no target population reaches" in t.loc["02", "note"]
    assert math.isnan(t.loc["03", "coverage_ratio"]) and "need 0" in t.loc["03", "note"]
    assert cov.parameters["per_person"] == 0.5


def test_supply_is_conserved_and_sparse_equals_dense():
    """Independent dense implementation on a random instance; sum_i D_i A_i = sum of attributed supply."""
    rng = np.random.default_rng(3)
    dxy, fxy = rng.uniform(0, 2000, (400, 2)), rng.uniform(0, 2000, (30, 2))
    demand, supply = rng.integers(0, 40, 400).astype(float), rng.integers(1, 90, 30).astype(float)
    d0 = 400.0
    costs = straight_line_costs(dxy, fxy, d0)
    decay = GaussianDecay(150.0)
    res = two_step_fca(demand, supply, costs, decay)
    dist = np.linalg.norm(dxy[:, None, :] - fxy[None, :, :], axis=2)
    inside = dist <= d0
    weight = np.where(inside, np.exp(-(dist**2) / (2 * 150.0**2)), 0.0)
    wd = demand @ weight
    ratio = np.where(wd > 0, supply / np.where(wd > 0, wd, 1), np.nan)
    reach = (inside & (wd > 0)[None, :]).any(axis=1)
    acc = np.where(reach, weight @ np.nan_to_num(ratio), np.nan)
    np.testing.assert_allclose(res.access, acc, rtol=1e-12)
    assert np.array_equal(np.isnan(res.access), ~reach)
    assert np.nansum(demand * res.access) == pytest.approx(supply[wd > 0].sum(), rel=1e-12)


def test_e2sfca_default_is_luo_qi_thirds():
    decay = StepDecay.luo_qi(30.0)
    assert decay.steps == ((10.0, 1.0), (20.0, 0.68), (30.0, 0.22))
    assert decay(np.array([0.0, 10.0, 10.5, 20.0, 29.9, 30.0, 30.1])).tolist() == [1, 1, 0.68, 0.68, 0.22, 0.22, 0]


def test_parse_decay():
    assert isinstance(parse_decay("", 500), NoDecay)
    assert parse_decay("step", 300).steps == ((100.0, 1.0), (200.0, 0.68), (300.0, 0.22))
    assert parse_decay("step(300:1, 600:0.5)", 600).steps == ((300.0, 1.0), (600.0, 0.5))
    assert parse_decay("linear(w_end=0.2)", 500) == LinearDecay(500.0, 0.2)
    assert parse_decay("gaussian(sigma=250)", 500) == GaussianDecay(250.0)
    assert float(parse_decay("gaussian(w_d0=0.05)", 800)(800.0)) == pytest.approx(0.05)
    assert parse_decay("gravity(scale=100, alpha=-2, min_dist=10)", 500) == GravityDecay(100.0, -2.0, 10.0)
    for bad, msg in [
        ("cubic", "Unknown decay"),
        ("step(300)", "distance:weight"),
        ("step(300:-1)", "weight"),
        ("gaussian(sigma=1, w_d0=0.1)", "either sigma or w_d0"),
        ("linear(w_end=2)", r"\[0, 1\]"),
        ("gravity(scale=1)", "needs alpha"),
        ("none(3)", "no parameters"),
    ]:
        with pytest.raises(ValueError, match=msg):
            parse_decay(bad, 500)


def test_gravity_without_min_dist_at_zero_cost_is_an_error():
    costs = SparseCosts([0], [0], [0.0], 1, 1, 10.0)
    with pytest.raises(ValueError, match="infinite weights"):
        two_step_fca([1.0], [1.0], costs, GravityDecay(1.0, -2.0))


# ---------------------------------------------------------------------------------------------
# sparse costs
# ---------------------------------------------------------------------------------------------


def test_straight_line_costs_keep_zero_and_boundary():
    """A facility on a demand point (cost 0) and a pair exactly at d0 are both kept (d <= d0)."""
    costs = straight_line_costs([[0, 0], [300, 400]], [[0, 0], [1000, 0]], 500.0)
    pairs = sorted(zip(costs.demand_idx.tolist(), costs.facility_idx.tolist(), costs.cost.tolist()))
    assert pairs == [(0, 0, 0.0), (1, 0, 500.0)]
    res = two_step_fca([2.0, 3.0], [10.0, 4.0], costs)
    assert res.ratio[0] == pytest.approx(2.0)  # 10 / (2 + 3)
    assert res.access.tolist() == pytest.approx([2.0, 2.0])
    with pytest.raises(ValueError, match=r"Demand point 1 has a missing"):
        straight_line_costs([[0, 0], [np.nan, 1]], [[0, 0]], 10.0)


def test_sparse_costs_validation_and_dense_round_trip():
    dense = np.array([[0.0, np.inf], [5.0, 12.0]])
    sc = SparseCosts.from_dense(dense, max_cost=10.0)
    assert sc.nnz == 2 and sc.to_dense().tolist() == [[0.0, np.inf], [5.0, np.inf]]
    assert sc.min_cost_per_demand().tolist() == [0.0, 5.0]
    with pytest.raises(ValueError, match="more than once"):
        SparseCosts([0, 0], [1, 1], [1.0, 2.0], 1, 2)
    with pytest.raises(ValueError, match="negative or not finite"):
        SparseCosts([0], [0], [-1.0], 1, 1)
    with pytest.raises(ValueError, match="facility index outside"):
        SparseCosts([0], [3], [1.0], 1, 2)
    sub = SparseCosts([0, 1, 1], [0, 1, 2], [1.0, 2.0, 3.0], 2, 3).select_facilities([2, 0])
    assert sorted(zip(sub.demand_idx.tolist(), sub.facility_idx.tolist())) == [(0, 1), (1, 0)]


def test_costs_from_table_matches_ids_and_reports():
    table = pd.DataFrame(
        {
            "from": ["a", "a", "b", "b", "99", "c", "a"],
            "to": ["K1", "K2", "K1", "FX", "K1", "K2", "K1"],
            "minutes": [3.0, 8.0, 4.5, 1.0, 2.0, 30.0, 2.5],
        }
    )
    costs, rep = costs_from_table(table, ["a", "b", "c", "d"], ["K1", "K2", "K3"], "from", "to", "minutes", 15.0)
    dense = costs.to_dense()
    assert dense[0].tolist() == [2.5, 8.0, np.inf]  # duplicate a-K1: smallest cost 2.5 kept
    assert dense[1].tolist() == [4.5, np.inf, np.inf]
    assert rep.unmatched_origins == ["99"] and rep.unmatched_destinations == ["FX"]
    assert rep.duplicate_pairs == 1 and rep.rows_beyond_max_cost == 1
    assert rep.demand_without_rows == ["c", "d"] and rep.facilities_without_rows == ["K3"]
    text = " ".join(rep.messages())
    assert "'99'" in text and "'FX'" in text and "smallest cost" in text


def test_costs_from_table_ids_are_text_and_costs_checked():
    table = pd.DataFrame({"origin": ["01", "1"], "destination": [7, 7], "cost": [1.0, 2.0]})
    costs, rep = costs_from_table(table, [1], [7])  # "01" is not 1; 1 matches "1"; facility 7 matches 7
    assert costs.nnz == 1 and costs.cost.tolist() == [2.0] and rep.unmatched_origins == ["01"]
    with pytest.raises(ValueError, match="missing, infinite or negative 'cost'.*origin '1'"):
        costs_from_table(pd.DataFrame({"origin": [1], "destination": [7], "cost": [-3]}), [1], [7])
    with pytest.raises(ValueError, match="no column 'minutes'"):
        costs_from_table(table, [1], [7], cost="minutes")
    with pytest.raises(ValueError, match="Demand ids must be unique"):
        costs_from_table(table, [1, "1"], [7])


def test_input_checks_name_what_is_wrong():
    costs = _hand_costs()
    with pytest.raises(ValueError, match="2 demand values for a cost matrix with 3 demand points"):
        two_step_fca([1, 2], SUPPLY, costs)
    with pytest.raises(ValueError, match="Supply per facility.*negative"):
        two_step_fca(DEMAND, [1, -2, 3], costs)
    with pytest.raises(ValueError, match="finite catchment"):
        enhanced_two_step_fca(DEMAND, SUPPLY, SparseCosts([0], [0], [1.0], 3, 3))
