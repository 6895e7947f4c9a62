"""2SFCA and E2SFCA agree with PySAL ``access`` on the same demand, supply and cost table.

Skipped when ``access`` is not installed (it is an optional reference, not a dependency).
Agreement is required to 1e-9 relative, and NaN exactly where ``access`` gives NaN (points that
reach no facility). Costs are continuous random numbers, so no pair lies exactly on the catchment
limit, where access 1.1.9 (``cost < max_cost``) and this module (``cost <= d0``) would differ.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from isrp_plugin.core.coverage import (
    GaussianDecay,
    GravityDecay,
    SparseCosts,
    StepDecay,
    enhanced_two_step_fca,
    straight_line_costs,
    two_step_fca,
)

access = pytest.importorskip("access")


def _scenario(seed: int = 7, d0: float = 30.0):
    """300 demand points and 25 facilities on a 100 x 100 plane, costs = distance (think minutes).

    Points in the strip x > 110 are far from every facility (they reach nothing -> NaN), and one
    facility at (400, 400) has no demand in reach (its ratio is undefined in both libraries).
    """
    rng = np.random.default_rng(seed)
    demand_xy = np.vstack([rng.uniform(0, 100, (280, 2)), rng.uniform(0, 10, (20, 2)) + [150.0, 150.0]])
    facility_xy = np.vstack([rng.uniform(0, 100, (24, 2)), [[400.0, 400.0]]])
    demand = rng.integers(1, 60, len(demand_xy)).astype(float)
    supply = rng.integers(5, 80, len(facility_xy)).astype(float)
    costs = straight_line_costs(demand_xy, facility_xy, d0)
    assert not np.any(costs.cost == d0)
    return demand, supply, costs


def _access_frames(demand, supply, costs: SparseCosts):
    demand_df = pd.DataFrame({"id": np.arange(len(demand)), "pop": demand})
    supply_df = pd.DataFrame({"id": np.arange(len(supply)), "cap": supply})
    cost_df = pd.DataFrame({"origin": costs.demand_idx, "dest": costs.facility_idx, "cost": costs.cost})
    return access.Access(
        demand_df=demand_df,
        demand_index="id",
        demand_value="pop",
        supply_df=supply_df,
        supply_index="id",
        supply_value="cap",
        cost_df=cost_df,
        cost_origin="origin",
        cost_dest="dest",
        cost_name="cost",
    )


def _compare(ours: np.ndarray, theirs: pd.Series) -> None:
    theirs = theirs.reindex(np.arange(len(ours))).to_numpy(dtype=float)
    assert np.array_equal(np.isnan(ours), np.isnan(theirs)), "NaN pattern differs from access"
    assert np.isnan(ours[-20:]).all()  # the 20 far-away points reach nothing
    ok = ~np.isnan(ours)
    np.testing.assert_allclose(ours[ok], theirs[ok], rtol=1e-9, atol=0)


def test_2sfca_matches_access():
    demand, supply, costs = _scenario()
    acc = _access_frames(demand, supply, costs)
    theirs = acc.two_stage_fca(name="s", max_cost=30.0)["s_cap"]
    ours = two_step_fca(demand, supply, costs).access
    _compare(ours, theirs)


def test_e2sfca_default_steps_match_access_default():
    # access's default E2SFCA weight is step_fn({10: 1, 20: 0.68, 30: 0.22}); ours for d0 = 30 is the same.
    demand, supply, costs = _scenario()
    acc = _access_frames(demand, supply, costs)
    theirs = acc.enhanced_two_stage_fca(name="e", max_cost=30.0)["e_cap"]
    ours = enhanced_two_step_fca(demand, supply, costs).access
    _compare(ours, theirs)


@pytest.mark.parametrize(
    "ours_decay, theirs_fn",
    [
        (StepDecay(((8.0, 1.0), (17.0, 0.6), (30.0, 0.1))), lambda: access.weights.step_fn({8: 1, 17: 0.6, 30: 0.1})),
        (GaussianDecay(9.0), lambda: access.weights.gaussian(9.0)),
        (GaussianDecay.for_catchment(30.0), lambda: access.weights.gaussian(30.0 / np.sqrt(2 * np.log(100)))),
        (GravityDecay(10.0, -1.5, min_dist=1.0), lambda: access.weights.gravity(10.0, -1.5, min_dist=1.0)),
    ],
    ids=["step", "gaussian", "gaussian_f(d0)=0.01", "gravity"],
)
def test_e2sfca_decays_match_access(ours_decay, theirs_fn):
    demand, supply, costs = _scenario(seed=11)
    acc = _access_frames(demand, supply, costs)
    theirs = acc.enhanced_two_stage_fca(name="e", max_cost=30.0, weight_fn=theirs_fn())["e_cap"]
    ours = enhanced_two_step_fca(demand, supply, costs, decay=ours_decay).access
    _compare(ours, theirs)


def test_documented_difference_zero_demand_only_facility():
    """A facility reached only by zero-demand points: access divides by 0 (inf), we report NaN.

    Point 0 (demand 0) is 1 from facility 0 (supply 10); point 1 (demand 5) is 1 from facility 1.
    access: R_0 = 10 / 0 = inf -> A_0 = inf. Here: R_0 undefined (NaN) -> A_0 = NaN, reported.
    """
    demand = np.array([0.0, 5.0])
    supply = np.array([10.0, 4.0])
    costs = SparseCosts([0, 1], [0, 1], [1.0, 1.0], 2, 2, 30.0)
    acc = _access_frames(demand, supply, costs)
    with np.errstate(divide="ignore"):
        theirs = acc.two_stage_fca(name="s", max_cost=30.0)["s_cap"].to_numpy()
    res = two_step_fca(demand, supply, costs)
    assert np.isinf(theirs[0]) and np.isnan(res.access[0])
    assert res.access[1] == pytest.approx(theirs[1]) == pytest.approx(4.0 / 5.0)
    assert any("zero demand" in m for m in res.messages)
