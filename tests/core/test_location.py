"""Location suggestions (MCLP, p-median) against hand-worked and brute-force optima.

The classic Swain (1974) 55-node data set used in textbooks is not available offline, so a small
instance in the same textbook style (towns on a line, Daskin 2013 ch. 4-5) was constructed and
solved by hand below; random instances are checked against brute force over all subsets
(itertools.combinations).
"""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest

from isrp_plugin.core.coverage import SparseCosts
from isrp_plugin.core.location import GREEDY_GUARANTEE, maximal_covering, p_median

# ---------------------------------------------------------------------------------------------
# hand-solved instance: seven towns on a road (positions in km), every town is a candidate
# ---------------------------------------------------------------------------------------------
#            A    B    C    D    E    F    G
POS = np.array([0, 4, 6, 11, 15, 17, 22], dtype=float)
W = np.array([10, 25, 15, 30, 20, 10, 15], dtype=float)  # total 125
DIST = np.abs(POS[:, None] - POS[None, :])
NAMES = list("ABCDEFG")
# Coverage within 5 km:
#   A {A,B} 35 | B {A,B,C} 50 | C {B,C,D} 70 | D {C,D,E} 65 | E {D,E,F} 60 | F {E,F,G} 45 | G {F,G} 25
# MCLP p=1: C (70). p=2: C+F = {B,C,D} u {E,F,G} = 115 (only A missing); next best B+E 110, C+E 100.
# p=3: all 125, e.g. B+E+G.
# With an existing facility at G (covers F, G = 25 already):
#   new coverage  A 35 | B 50 | C 70 | D 65 | E 50 (D,E) | F 20 (E) | G 0
#   p=1: C (70). p=2: B+D = {A,B,C} u {C,D,E} = 100 (everything left); greedy takes C (70) and then
#   at most 20 more (E via D/E/F) = 90 < 100: greedy is not optimal here.
# p-median (classical):
#   p=1: weighted median; cumulative 10, 35, 50, 80 >= 62.5 at D. cost = 10*11 + 25*7 + 15*5 + 0
#        + 20*4 + 10*6 + 15*11 = 665.
#   p=2: B for {A,B,C} (40 + 30 = 70) and E for {D,E,F,G} (120 + 20 + 105 = 245) -> 315;
#        other splits: {A..D}+{E,F,G} 260 + 115 = 375, {A,B}+{C..G} 40 + 380 = 420.
#   p=1 with existing G: new site C gives A 6, B 2, C 0, D 5, E min(9,7)=7, F 5, G 0
#        -> 60 + 50 + 150 + 140 + 50 = 450; B gives 470, D gives 490, A 710 -> C, 450.
EXISTING_G = DIST[:, [6]]


def _names(result):
    return sorted(NAMES[j] for j in result.selected)


def test_mclp_textbook_line():
    r1 = maximal_covering(W, DIST, 1, 5.0)
    assert r1.exact and r1.objective == 70 and _names(r1) == ["C"]
    r2 = maximal_covering(W, DIST, 2, 5.0)
    assert r2.exact and r2.objective == 115 and _names(r2) == ["C", "F"]
    assert r2.baseline == 0
    r3 = maximal_covering(W, DIST, 3, 5.0)
    assert r3.exact and r3.objective == 125


def test_mclp_existing_facility_counts_as_covered():
    r1 = maximal_covering(W, DIST, 1, 5.0, EXISTING_G)
    assert r1.baseline == 25 and r1.objective == 70 and _names(r1) == ["C"]
    r2 = maximal_covering(W, DIST, 2, 5.0, EXISTING_G)
    assert r2.exact and r2.objective == 100 and _names(r2) == ["B", "D"]
    # table: rank by marginal contribution; newly covered sums to the objective
    assert r2.table["newly_covered_pop"].sum() == 100
    assert r2.table["rank"].tolist() == [1, 2]
    assert r2.table.iloc[0]["uncovered_pop_in_reach"] >= r2.table.iloc[1]["newly_covered_pop"]


def test_mclp_greedy_heuristic_is_labelled_with_a_bound():
    r = maximal_covering(W, DIST, 2, 5.0, EXISTING_G, max_nonzeros=1)
    assert not r.exact and "heuristic" in r.status
    assert r.objective == 90  # greedy: C, then 20 more
    assert r.bound >= 100 >= r.objective >= GREEDY_GUARANTEE * 100
    assert r.gap == pytest.approx((r.bound - 90) / r.bound)
    assert any("1 - 1/e" in m for m in r.messages)


def test_p_median_textbook_line():
    r1 = p_median(W, DIST, 1)
    assert r1.exact and r1.objective == pytest.approx(665) and _names(r1) == ["D"]
    r2 = p_median(W, DIST, 2)
    assert r2.exact and r2.objective == pytest.approx(315) and _names(r2) == ["B", "E"]


def test_p_median_keeps_existing_facility():
    # If G could be dropped, B+E (315) would beat any solution; with G fixed and one new site: C, 450.
    r = p_median(W, DIST, 1, EXISTING_G)
    assert r.exact and r.objective == pytest.approx(450) and _names(r) == ["C"]
    # baseline: G only = 10*22 + 25*18 + 15*16 + 30*11 + 20*7 + 10*5 + 0 = 1430
    assert r.baseline == pytest.approx(1430)
    assert r.table.loc[0, "cost_reduction"] == pytest.approx(1430 - 450)
    # C serves A, B, C, D (E and F stay with G: E is 7 from G, 9 from C; F 5 from G, 11 from C)
    assert r.table.loc[0, "assigned_pop"] == pytest.approx(10 + 25 + 15 + 30)


def test_existing_site_as_candidate_adds_nothing():
    # Candidate 6 is the existing site G itself: it never counts as new coverage.
    r = maximal_covering(W, DIST, 7, 5.0, EXISTING_G)
    assert 6 not in r.selected and r.objective == 100
    assert any("would add nothing" in m for m in r.messages)


# ---------------------------------------------------------------------------------------------
# brute force on random instances
# ---------------------------------------------------------------------------------------------


def _instance(seed, n=36, m=9, e=2):
    rng = np.random.default_rng(seed)
    dxy, cxy, exy = rng.uniform(0, 10, (n, 2)), rng.uniform(0, 10, (m, 2)), rng.uniform(0, 10, (e, 2))
    dc = np.linalg.norm(dxy[:, None] - cxy[None], axis=2)
    de = np.linalg.norm(dxy[:, None] - exy[None], axis=2)
    w = rng.integers(0, 20, n).astype(float)
    return w, dc, de


def _brute_mclp(w, dc, de, p, d0):
    covered = (de <= d0).any(axis=1)
    return max(
        w[~covered & (dc[:, list(s)] <= d0).any(axis=1)].sum() for s in itertools.combinations(range(len(dc[0])), p)
    )


def _brute_pmedian(w, dc, de, p, max_cost=math.inf, penalty=None):
    best = math.inf
    for s in itertools.combinations(range(dc.shape[1]), p):
        d = np.concatenate([de, dc[:, list(s)]], axis=1)
        d = np.where(d <= max_cost, d, np.inf).min(axis=1)
        if penalty is not None:
            d = np.minimum(d, penalty)
        best = min(best, float(w @ d))
    return best


@pytest.mark.parametrize("engine", ["auto", "milp", "bnb"])
@pytest.mark.parametrize("seed", range(6))
def test_mclp_equals_brute_force(seed, engine):
    w, dc, de = _instance(seed)
    for p in (1, 2, 3, 4):
        r = maximal_covering(w, dc, p, 3.0, de, engine=engine)
        assert r.exact, r.status
        assert r.objective == pytest.approx(_brute_mclp(w, dc, de, p, 3.0), abs=1e-9)
        assert len(r.selected) <= p and r.bound == pytest.approx(r.objective) and r.gap == 0


@pytest.mark.parametrize("engine", ["auto", "milp", "bnb"])
@pytest.mark.parametrize("seed", range(6))
def test_p_median_equals_brute_force(seed, engine):
    w, dc, de = _instance(seed)
    for p in (1, 2, 3, 4):
        # classical p-median (complete costs), existing facilities fixed
        r = p_median(w, dc, p, de, engine=engine)
        assert r.exact, r.status
        assert r.objective == pytest.approx(_brute_pmedian(w, dc, de, p), rel=1e-9)
        # truncated: pairs above 3 do not count, unreached demand is charged 3
        r = p_median(w, dc, p, de, max_cost=3.0, engine=engine)
        assert r.objective == pytest.approx(_brute_pmedian(w, dc, de, p, 3.0, 3.0), rel=1e-9)
        # larger penalty for unreached demand
        r = p_median(w, SparseCosts.from_dense(dc, 3.0), p, de, max_cost=3.0, unreached_cost=8.0, engine=engine)
        assert r.objective == pytest.approx(_brute_pmedian(w, dc, de, p, 3.0, 8.0), rel=1e-9)


def test_p_median_without_existing_and_sparse_input():
    w, dc, _ = _instance(42, n=30, m=8)
    for p in (1, 2, 3):
        r = p_median(w, SparseCosts.from_dense(dc), p)
        assert r.exact and r.objective == pytest.approx(_brute_pmedian(w, dc, np.zeros((30, 0)), p), rel=1e-9)
        assert r.table["assigned_pop"].sum() == pytest.approx(w.sum())


def test_greedy_bounds_hold_on_random_instances():
    for seed in range(5):
        w, dc, de = _instance(seed, n=40, m=10)
        opt = _brute_mclp(w, dc, de, 3, 3.0)
        r = maximal_covering(w, dc, 3, 3.0, de, engine="greedy")
        assert not r.exact and r.objective <= opt + 1e-9 <= r.bound + 2e-9
        assert r.objective >= GREEDY_GUARANTEE * opt - 1e-9
        opt_c = _brute_pmedian(w, dc, de, 3)
        r = p_median(w, dc, 3, de, engine="greedy")
        assert not r.exact and r.bound <= opt_c + 1e-9 <= r.objective + 2e-9


def test_medium_instance_engines_agree():
    rng = np.random.default_rng(5)
    dxy, cxy, exy = rng.uniform(0, 3000, (3000, 2)), rng.uniform(0, 3000, (150, 2)), rng.uniform(0, 3000, (4, 2))
    w = rng.poisson(8, 3000).astype(float)
    dc = np.linalg.norm(dxy[:, None] - cxy[None], axis=2)
    de = np.linalg.norm(dxy[:, None] - exy[None], axis=2)
    for p in (2, 4):
        a = maximal_covering(w, dc, p, 400.0, de, engine="milp")
        b = maximal_covering(w, dc, p, 400.0, de, engine="bnb")
        assert a.exact and b.exact and a.objective == pytest.approx(b.objective)
        c = p_median(w, dc, p, de, max_cost=400.0, engine="milp")
        d = p_median(w, dc, p, de, max_cost=400.0, engine="bnb")
        assert c.exact and d.exact and c.objective == pytest.approx(d.objective, rel=1e-9)


def test_input_errors():
    with pytest.raises(ValueError, match="whole number >= 0"):
        maximal_covering(W, DIST, -1, 5.0)
    with pytest.raises(ValueError, match="missing or negative"):
        maximal_covering(-W, DIST, 1, 5.0)
    with pytest.raises(ValueError, match="7 demand rows but there are 3"):
        maximal_covering(W[:3], DIST, 1, 5.0)
    with pytest.raises(ValueError, match="unreached_cost"):
        p_median(W, np.where(DIST <= 5, DIST, np.inf), 1)
    with pytest.raises(ValueError, match="at least max_cost"):
        p_median(W, DIST, 1, max_cost=10.0, unreached_cost=2.0)
    with pytest.raises(ValueError, match="Unknown engine"):
        maximal_covering(W, DIST, 2, 5.0, engine="cplex")
    assert maximal_covering(W, DIST, 0, 5.0).objective == 0
