"""Network demand x facility pairs within a catchment (core.od_costs): hand-worked values and
agreement with the nearest-facility engine (core.accessibility) on random networks."""

import numpy as np
import pytest

from isrp_plugin.core.accessibility import network_access
from isrp_plugin.core.coverage import two_step_fca
from isrp_plugin.core.network import DIR_FORWARD, build_network, routing_graph
from isrp_plugin.core.od_costs import graph_od_costs, network_od_costs


def net_of(lines, **kw):
    coords = np.array([p for line in lines for p in line], dtype=float)
    offsets = np.cumsum([0] + [len(line) for line in lines])
    return build_network(coords, offsets, **kw)


@pytest.fixture
def tee():
    """A T: street (0,0)–(100,0)–(200,0) and a branch (100,0)–(100,100)."""
    return net_of([[(0, 0), (100, 0), (200, 0)], [(100, 0), (100, 100)]])


def _pairs(costs):
    return {(int(i), int(j)): float(c) for i, j, c in zip(costs.demand_idx, costs.facility_idx, costs.cost)}


def test_pairs_by_hand(tee):
    demand = [[50, 10], [150, -5], [100, 50]]
    facilities = [[0, 0], [100, 120]]
    # all trips (demand leg + network + facility leg), worked out by hand:
    # d0: tie (50,0) leg 10 → f0: 50 → 60;  f1: 50 + 100 + leg 20 → 180
    # d1: tie (150,0) leg 5 → f0: 150 → 155; f1: 50 + 100 + 20 → 175
    # d2: tie (100,50) leg 0 → f0: 50 + 100 → 150; f1: 50 + 20 → 70
    costs = network_od_costs(tee, demand, facilities, max_cost=160.0)
    assert costs.shape == (3, 2) and costs.max_cost == 160.0
    assert _pairs(costs) == pytest.approx({(0, 0): 60.0, (1, 0): 155.0, (2, 0): 150.0, (2, 1): 70.0})
    # the limit is inclusive: 150 ≤ 150 keeps d2–f0; 155 > 150 drops d1–f0
    assert set(_pairs(network_od_costs(tee, demand, facilities, max_cost=150.0))) == {(0, 0), (2, 0), (2, 1)}
    # without the access legs: network cost only (d0–f1: 150, d1–f1: 150)
    bare = network_od_costs(tee, demand, facilities, max_cost=150.0, include_access=False)
    assert _pairs(bare) == pytest.approx({(0, 0): 50.0, (0, 1): 150.0, (1, 0): 150.0, (1, 1): 150.0,
                                          (2, 0): 150.0, (2, 1): 50.0})


def test_minutes_and_access_legs_at_walking_speed(tee):
    # walk 4.5 km/h = 75 m/min on the network and on the legs: trip of 60 m = 0.8 min
    costs = network_od_costs(tee, [[50, 10]], [[0, 0]], max_cost=1.0, cost="time")
    assert _pairs(costs) == pytest.approx({(0, 0): 60.0 / 75.0})


def test_points_off_the_network_have_no_pairs(tee):
    costs = network_od_costs(tee, [[50, 10], [50, 400]], [[0, 0]], max_cost=1000.0, max_access=100.0)
    assert set(_pairs(costs)) == {(0, 0)}


def test_one_way_street_direction():
    # one street (0,0)→(100,0), one-way in digitising direction; car mode respects it
    net = net_of([[(0, 0), (100, 0)]], direction=np.array([DIR_FORWARD], dtype=np.int8))
    to_fac = network_od_costs(net, [[0, 0]], [[100, 0]], max_cost=1000.0, mode="car", include_access=False)
    assert _pairs(to_fac) == {(0, 0): 100.0}
    back = network_od_costs(net, [[100, 0]], [[0, 0]], max_cost=1000.0, mode="car", include_access=False)
    assert _pairs(back) == {}
    from_fac = network_od_costs(net, [[100, 0]], [[0, 0]], max_cost=1000.0, mode="car", include_access=False,
                                direction="from_facility")
    assert _pairs(from_fac) == {(0, 0): 100.0}


def _random_grid(seed=3, side=12, spacing=50.0):
    rng = np.random.default_rng(seed)
    lines = []
    for i in range(side):
        lines.append([(i * spacing, j * spacing) for j in range(side)])
        lines.append([(j * spacing, i * spacing) for j in range(side)])
    drop = rng.random(len(lines)) < 0.1
    lines = [ln for ln, d in zip(lines, drop) if not d]
    net = net_of(lines)
    hi = (side - 1) * spacing
    return net, rng.uniform(0, hi, (300, 2)), rng.uniform(0, hi, (25, 2))


def test_agrees_with_k_nearest_engine():
    net, dxy, fxy = _random_grid()
    d0 = 220.0
    costs = network_od_costs(net, dxy, fxy, max_cost=d0)
    # the k-nearest engine with k = all facilities and the same cut-off lists exactly these pairs
    ref = network_access(net, dxy, fxy, k=len(fxy), max_cost=d0)
    expected = {}
    for j in range(1, len(fxy) + 1):
        sfx = "" if j == 1 else f"_{j}"
        fac = ref[f"fac{sfx}"].to_numpy()
        cost = ref[f"cost{sfx}"].to_numpy()
        for i in np.nonzero(fac >= 0)[0]:
            expected[(int(i), int(fac[i]))] = float(cost[i])
    got = _pairs(costs)
    assert set(got) == set(expected)
    np.testing.assert_allclose([got[k] for k in sorted(got)], [expected[k] for k in sorted(got)], rtol=1e-12)
    # nearest facility of every point = the cheapest pair
    nearest = network_access(net, dxy, fxy, max_cost=d0)
    best = costs.min_cost_per_demand()
    ok = nearest["reachable"].to_numpy()
    np.testing.assert_allclose(best[ok], nearest["cost"].to_numpy()[ok], rtol=1e-12)
    assert np.all(np.isinf(best[~ok]))


def test_chunking_gives_the_same_pairs():
    net, dxy, fxy = _random_grid(seed=5)
    g = routing_graph(net, np.vstack([dxy, fxy]))
    nd = len(dxy)
    one = graph_od_costs(g, np.arange(nd), nd + np.arange(len(fxy)), 300.0)
    tiny = graph_od_costs(g, np.arange(nd), nd + np.arange(len(fxy)), 300.0, chunk_bytes=1)
    np.testing.assert_array_equal(one.demand_idx, tiny.demand_idx)
    np.testing.assert_array_equal(one.facility_idx, tiny.facility_idx)
    np.testing.assert_array_equal(one.cost, tiny.cost)
    # usable by the 2SFCA directly (validated pairs: unique, finite)
    res = two_step_fca(np.ones(nd), np.full(len(fxy), 10.0), one)
    assert np.isfinite(res.access).sum() > 0


def test_empty_inputs(tee):
    assert network_od_costs(tee, np.zeros((0, 2)), [[0, 0]], 100.0).nnz == 0
    assert network_od_costs(tee, [[0, 0]], np.zeros((0, 2)), 100.0).shape == (1, 0)
    with pytest.raises(ValueError, match="finite"):
        network_od_costs(tee, [[0, 0]], [[0, 0]], np.inf)


@pytest.mark.parametrize("mode, cost, d0", [("walk", "distance", 180.0), ("car", "time", 0.35), ("bike", "time", 1.0)])
def test_spatial_groups_give_exactly_the_whole_graph_result(monkeypatch, mode, cost, d0):
    from isrp_plugin.core import od_costs

    monkeypatch.setattr(od_costs, "SPATIAL_MIN_NODES", 0)  # split even this small graph
    monkeypatch.setattr(od_costs, "GROUP_SIZE", 3)
    rng = np.random.default_rng(9)
    side, spacing = 15, 40.0
    lines = [[(i * spacing, j * spacing) for j in range(side)] for i in range(side)]
    lines += [[(j * spacing, i * spacing) for j in range(side)] for i in range(side)]
    n = len(lines)
    net = net_of(lines, direction=rng.choice(np.array([0, 0, 1, 2], dtype=np.int8), n),
                 speed_kmh=rng.choice([30.0, 50.0, np.nan], n))
    hi = (side - 1) * spacing
    dxy, fxy = rng.uniform(0, hi, (400, 2)), rng.uniform(0, hi, (30, 2))
    g = routing_graph(net, np.vstack([dxy, fxy]), mode=mode, cost=cost)
    args = (g, np.arange(400), 400 + np.arange(30), d0)
    whole = graph_od_costs(*args, spatial=False)
    split = graph_od_costs(*args, spatial=True)
    assert whole.nnz > 100
    assert _pairs(split) == _pairs(whole)
    # and with the search the other way round (car: one-way streets matter)
    back = graph_od_costs(*args, direction="from_facility", spatial=True)
    assert _pairs(back) == _pairs(graph_od_costs(*args, direction="from_facility", spatial=False))
