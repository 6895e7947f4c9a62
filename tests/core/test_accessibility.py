"""Nearest / k nearest facilities, per-unit summaries and catchments (values worked out by hand)."""

import numpy as np
import pandas as pd
import pytest

from isrp_plugin.core import accessibility as acc
from isrp_plugin.core.accessibility import (
    aggregate_by_unit,
    catchments,
    euclidean_access,
    network_access,
    weighted_median,
)
from isrp_plugin.core.network import DIR_BOTH, DIR_FORWARD, build_network


def net_of(lines, **kw):
    coords = np.array([p for line in lines for p in line], dtype=float)
    offsets = np.cumsum([0] + [len(line) for line in lines])
    return build_network(coords, offsets, **kw)


@pytest.fixture
def tee():
    """A T: street (0,0)–(100,0)–(200,0) and a branch (100,0)–(100,100)."""
    return net_of([[(0, 0), (100, 0), (200, 0)], [(100, 0), (100, 100)]])


def test_nearest_and_second_nearest(tee):
    demand = [[50, 10], [150, -5], [100, 50]]
    facilities = [[0, 0], [100, 120]]
    r = network_access(tee, demand, facilities, k=2)
    # demand 0: tie (50,0), leg 10; fac 0 at (0,0) on the network: net 50 → total 60
    #           fac 1 ties at (100,100), leg 20: net 50 + 100 = 150 → total 180
    # demand 1: tie (150,0), leg 5: fac 0 net 150 → 155; fac 1 net 150 + leg 20 → 175
    # demand 2: on the branch, leg 0: fac 1 net 50 + 20 = 70; fac 0 net 150 → 150
    assert list(r["fac"]) == [0, 0, 1]
    np.testing.assert_allclose(r["net_m"], [50, 150, 50])
    np.testing.assert_allclose(r["access_m"], [10, 5, 0])
    np.testing.assert_allclose(r["fac_access_m"], [0, 0, 20])
    np.testing.assert_allclose(r["total_m"], [60, 155, 70])
    np.testing.assert_allclose(r["cost"], [60, 155, 70])
    np.testing.assert_allclose(r["net_min"], np.array([50, 150, 50]) / 75)  # 4.5 km/h = 75 m/min
    np.testing.assert_allclose(r["total_min"], np.array([60, 155, 70]) / 75)
    assert list(r["fac_2"]) == [1, 1, 0]
    np.testing.assert_allclose(r["total_m_2"], [180, 175, 150])
    np.testing.assert_allclose(r["net_m_2"], [150, 150, 150])
    assert r["reachable"].all() and (r["status"] == "ok").all()
    # k = 1 (multi-source run) gives the same nearest facility
    r1 = network_access(tee, demand, facilities, k=1)
    pd.testing.assert_series_equal(r1["total_m"], r["total_m"])
    assert list(r1["fac"]) == list(r["fac"])


def test_include_access_changes_the_ranking(tee):
    # facility 0 lies 60 m off the street at x = 30 (70 m from the branch); facility 1 on the street at x = 0
    demand = [[50, 0]]
    facilities = [[30, 60], [0, 0]]
    with_legs = network_access(tee, demand, facilities, k=2)
    # with legs: fac 0 = 20 + 60 = 80, fac 1 = 50 → fac 1 first
    assert list(with_legs.loc[0, ["fac", "fac_2"]]) == [1, 0]
    np.testing.assert_allclose(with_legs.loc[0, ["cost", "cost_2"]].astype(float), [50, 80])
    network_only = network_access(tee, demand, facilities, k=2, include_access=False)
    # QGIS's pure network cost between tied points: fac 0 = 20, fac 1 = 50
    assert list(network_only.loc[0, ["fac", "fac_2"]]) == [0, 1]
    np.testing.assert_allclose(network_only.loc[0, ["cost", "cost_2"]].astype(float), [20, 50])
    np.testing.assert_allclose(network_only.loc[0, ["total_m", "total_m_2"]].astype(float), [80, 50])


def test_cutoff_components_and_unconnected_are_reported():
    net = net_of([[(0, 0), (100, 0)], [(1000, 0), (1100, 0)]])
    demand = [[10, 0], [90, 0], [1050, 5], [50, 500], [np.nan, np.nan]]
    r = network_access(net, demand, [[0, 0]], max_cost=50, max_access=100)
    # 10 m → ok; 90 m > 50 → beyond cut-off; other component; 500 m from the network; no coordinates
    assert list(r["status"].astype(str)) == ["ok", "beyond_cutoff", "other_component", "not_connected",
                                             "not_connected"]
    assert list(r["reachable"]) == [True, False, False, False, False]
    assert list(r["fac"]) == [0, -1, -1, -1, -1]
    assert np.isnan(r.loc[1:, "total_m"]).all()
    np.testing.assert_allclose(r["access_m"][:3], [0, 0, 5])
    assert len(r) == 5  # nothing dropped


def test_one_way_car_direction():
    # square block: south side one-way east, east side one-way north, north side one-way west, west two-way
    lines = [[(0, 0), (100, 0)], [(100, 0), (100, 100)], [(100, 100), (0, 100)], [(0, 0), (0, 100)]]
    net = net_of(lines, direction=[DIR_FORWARD, DIR_FORWARD, DIR_FORWARD, DIR_BOTH])
    demand = [[50, 0], [100, 50], [50, 100]]
    fac = [[0, 50]]
    to = network_access(net, demand, fac, mode="car")
    # to (0,50): 50 + 100 + 100 + 50 = 300; 50 + 100 + 50 = 200; 50 + 50 = 100
    np.testing.assert_allclose(to["net_m"], [300, 200, 100])
    back = network_access(net, demand, fac, mode="car", direction="from_facility")
    np.testing.assert_allclose(back["net_m"], [100, 200, 300])
    walk = network_access(net, demand, fac, mode="walk")
    np.testing.assert_allclose(walk["net_m"], [100, 200, 100])
    # car time at the default 50 km/h (833.3 m/min) for 300 m = 0.36 min
    np.testing.assert_allclose(to["net_min"], np.array([300, 200, 100]) / (50000 / 60))


def test_car_time_with_line_speeds_reports_path_length():
    lines = [[(0, 0), (1000, 0)], [(1000, 0), (1000, 1000)], [(0, 0), (0, 1000), (1000, 1000)]]
    net = net_of(lines, speed_kmh=[60.0, 30.0, 120.0])
    for k in (1, 2):
        r = network_access(net, [[500, 0]], [[1000, 1000]], mode="car", cost="time", k=k)
        # east 500 m at 60 km/h (0.5 min) + 1000 m at 30 km/h (2 min) = 2.5 min, 1500 m;
        # west 500 m (0.5 min) + 2000 m at 120 km/h (1 min) = 1.5 min, 2500 m → the latter
        np.testing.assert_allclose(r["net_min"], [1.5])
        np.testing.assert_allclose(r["net_m"], [2500])
        np.testing.assert_allclose(r["cost"], [1.5])
    # shortest distance instead: 1500 m, taking 2.5 min
    r = network_access(net, [[500, 0]], [[1000, 1000]], mode="car", cost="distance")
    np.testing.assert_allclose(r[["net_m", "net_min"]].to_numpy(), [[1500, 2.5]])


def test_k_nearest_ties_and_chunks(monkeypatch):
    # a straight street with facilities every 100 m; a demand point in the middle of two
    net = net_of([[(0, 0), (1000, 0)]])
    fac = [[x, 0] for x in range(0, 1001, 100)]
    demand = [[250, 0], [500, 0], [730, 0]]
    r = network_access(net, demand, fac, k=3)
    # 250: facilities at 200 and 300 tie at 50 → lower index (2) first, then 3, then 1 (150)
    assert list(r.loc[0, ["fac", "fac_2", "fac_3"]]) == [2, 3, 1]
    np.testing.assert_allclose(r.loc[0, ["total_m", "total_m_2", "total_m_3"]].astype(float), [50, 50, 150])
    assert list(r.loc[1, ["fac", "fac_2", "fac_3"]]) == [5, 4, 6]
    assert list(r.loc[2, ["fac", "fac_2", "fac_3"]]) == [7, 8, 6]
    monkeypatch.setattr(acc, "CHUNK_BYTES", 1)  # one facility per chunk
    r2 = network_access(net, demand, fac, k=3)
    pd.testing.assert_frame_equal(r, r2)


def test_k_larger_than_reachable_facilities():
    net = net_of([[(0, 0), (100, 0)]])
    r = network_access(net, [[10, 0]], [[0, 0], [100, 0]], k=4, max_cost=95)
    assert list(r.loc[0, ["fac", "fac_2", "fac_3", "fac_4"]]) == [0, 1, -1, -1]
    np.testing.assert_allclose(r.loc[0, ["cost", "cost_2"]].astype(float), [10, 90])
    assert np.isnan(r.loc[0, "cost_3"])


def test_no_facilities_or_no_demand():
    net = net_of([[(0, 0), (100, 0)]])
    r = network_access(net, [[10, 0]], np.zeros((0, 2)))
    assert list(r["status"].astype(str)) == ["other_component"] and r.loc[0, "access_m"] == 0
    assert len(network_access(net, np.zeros((0, 2)), [[0, 0]])) == 0


def test_euclidean_access():
    r = euclidean_access([[3, 4], [100, 0], [np.nan, 0]], [[0, 0], [6, 8]], k=2, max_dist=50)
    # (3,4): both at 5 → lower index first; (100,0): none within 50
    assert list(r["fac"]) == [0, -1, -1]
    assert list(r["fac_2"]) == [1, -1, -1]
    np.testing.assert_allclose(r.loc[0, ["total_m", "total_m_2"]].astype(float), [5, 5])
    np.testing.assert_allclose(r.loc[0, "total_min"], 5 / 75)
    assert list(r["status"].astype(str)) == ["ok", "beyond_cutoff", "not_connected"]


def test_weighted_median():
    assert weighted_median([1, 2, 3, 4], [1, 1, 1, 1]) == 2  # lower median
    assert weighted_median([10, 20, 30], [1, 5, 1]) == 20
    assert weighted_median([10, 20, 30], [5, 1, 1]) == 10
    assert np.isnan(weighted_median([np.nan], [1]))


def test_aggregate_by_unit():
    res = pd.DataFrame({
        "reachable": [True, True, True, False, True, False],
        "total_m": [100, 300, 900, np.nan, 200, np.nan],
        "status": pd.Categorical(["ok", "ok", "ok", "other_component", "ok", "not_connected"],
                                 categories=acc.STATUSES),
    })
    unit = ["A", "A", "A", "A", "B", "C"]
    pop = [10, 20, 10, 5, 7, 3]
    out = aggregate_by_unit(res, unit, pop, thresholds=[250, 500])
    a, b, c = out.loc["A"], out.loc["B"], out.loc["C"]
    # A: 45 people, 40 reached; mean (10·100 + 20·300 + 10·900)/40 = 16000/40 = 400;
    # weighted median: cumulative 10, 30, 40 → half of 40 = 20 is reached at 300
    assert a["population"] == 45 and a["pop_reached"] == 40 and a["pop_unreached"] == 5
    assert a["pop_other_component"] == 5 and a["pop_not_connected"] == 0
    assert a["mean_total_m"] == pytest.approx(400)
    assert a["median_total_m"] == 300
    # within 250: 10 of 45; within 500: 30 of 45 (the unreached count as not within)
    assert a["share_within_250"] == pytest.approx(10 / 45)
    assert a["share_within_500"] == pytest.approx(30 / 45)
    assert a["pop_within_500"] == 30
    assert b["mean_total_m"] == 200 and b["share_within_250"] == 1
    # C: nobody reached → NaN mean/median, share 0, population still reported
    assert c["population"] == 3 and c["pop_not_connected"] == 3
    assert np.isnan(c["mean_total_m"]) and np.isnan(c["median_total_m"]) and c["share_within_500"] == 0


def test_catchment_pieces():
    # T network; facility at (0,0); limit 120: whole edge (0,0)–(100,0) and 20 m on each branch
    net = net_of([[(0, 0), (100, 0), (200, 0)], [(100, 0), (100, 100)]])
    c = catchments(net, [[0, 0]], [50, 120])
    p = c.pieces[c.pieces["limit"] == 120].sort_values(["x1", "y1"]).reset_index(drop=True)
    np.testing.assert_allclose(p[["x0", "y0", "x1", "y1"]].to_numpy(),
                               [[0, 0, 100, 0], [100, 0, 100, 20], [100, 0, 120, 0]])
    np.testing.assert_allclose(p["cost1"], [100, 120, 120])
    p50 = c.pieces[c.pieces["limit"] == 50]
    np.testing.assert_allclose(p50[["x0", "y0", "x1", "y1"]].to_numpy(), [[0, 0, 50, 0]])
    n120 = c.nodes[c.nodes["limit"] == 120]
    assert sorted(n120["cost"]) == [0, 100]
    # an edge reached whole from both ends appears once
    c2 = catchments(net, [[0, 0]], [1000])
    assert len(c2.pieces) == 3
    assert c2.pieces["cost1"].max() == 200


def test_catchment_partial_from_both_ends_and_one_way():
    net = net_of([[(0, 0), (100, 0)]], direction=[DIR_FORWARD])
    c = catchments(net, [[0, 0], [100, 0]], [30], mode="car")
    # facility 0 drives 30 m east; facility 1 at the end of the one-way street reaches nothing else
    p = c.pieces.sort_values("facility")
    assert list(p["facility"]) == [0]
    np.testing.assert_allclose(p[["x0", "x1"]].to_numpy(), [[0, 30]])
    c = catchments(net, [[0, 0], [100, 0]], [30], mode="walk")
    assert sorted(c.pieces["facility"]) == [0, 1]


def test_k_nearest_search_calls_check_between_chunks_and_stops_when_it_raises(tee, monkeypatch):
    from isrp_plugin.core.network import get_mode, routing_graph

    demand = np.array([[50, 10], [150, -5], [100, 50]], dtype=float)
    facilities = np.array([[0, 0], [100, 120], [200, 0]], dtype=float)
    graph = routing_graph(tee, np.vstack([demand, facilities]), get_mode("walk"))
    monkeypatch.setattr(acc, "DIJKSTRA_CALL_EDGES", 1)  # one facility per Dijkstra call: three chunks
    calls = []
    r = acc.graph_access(graph, np.arange(3), 3 + np.arange(3), k=2, check=lambda: calls.append(1))
    assert len(calls) == 3
    # by hand: demand 0 → fac 0 at 50 + 10; demand 1 → fac 2 at (200,0): 50 + 5; demand 2 → fac 1: 50 + 20
    assert list(r["fac"]) == [0, 2, 1]
    np.testing.assert_allclose(r["total_m"], [60, 55, 70])
    # second nearest: demand 0 → fac 2 (150 + 10 = 160 < 180); demand 1 → fac 0 (150 + 5 = 155 < 175)
    assert list(r["fac_2"][:2]) == [2, 0]
    np.testing.assert_allclose(r["total_m_2"][:2], [160, 155])

    class Stop(Exception):
        pass

    def stop_at_second():
        calls.append(1)
        if len(calls) == 5:
            raise Stop

    with pytest.raises(Stop):
        acc.graph_access(graph, np.arange(3), 3 + np.arange(3), k=2, check=stop_at_second)
    assert len(calls) == 5  # no further chunk ran after the raise


# --- demand points on edges (access_graph) against all points tied in (routing_graph) -----------


def _messy_network(rng):
    """A jittered grid with one-way lines, speeds, duplicate and zero-length segments and a loose T."""
    grid = [[(j * 50.0 + rng.uniform(-5, 5), i * 50.0 + rng.uniform(-5, 5)) for j in range(8)] for i in range(8)]
    lines = []
    for i in range(8):
        lines.append(grid[i])  # rows and columns share the grid's vertices
        lines.append([grid[j][i] for j in range(8)])
    lines.append(lines[0][:3])  # the same segments once more (a duplicated way)
    lines.append([lines[3][2], lines[3][2], lines[3][3]])  # a zero-length segment first
    a, b = np.array(lines[5][1]), np.array(lines[5][2])
    mid = tuple(a + 0.5 * (b - a))
    lines.append([mid, (mid[0] + 3.0, mid[1] + 40.0)])  # ends on another line's interior: not joined
    n = len(lines)
    direction = rng.choice([DIR_BOTH, DIR_FORWARD, 2], n, p=[0.6, 0.2, 0.2]).astype(np.int8)
    speed = rng.choice([np.nan, 30.0, 50.0], n)
    # the duplicates (lines 16 and 17 repeat segments of lines 0 and 3) as their originals: equal
    # lengths at different speeds would make the minutes depend on which parallel edge a graph keeps
    direction[16], speed[16] = direction[0], speed[0]
    direction[17], speed[17] = direction[3], speed[3]
    return net_of(lines, direction=direction, speed_kmh=speed), mid


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_demand_on_edges_gives_the_distances_of_all_points_tied_in(seed):
    from isrp_plugin.core.network import access_graph, routing_graph

    rng = np.random.default_rng(seed)
    net, mid = _messy_network(rng)
    demand = np.vstack([rng.uniform(-20, 370, (150, 2)),
                        net.node_xy[rng.choice(net.n_nodes, 10)],  # exactly on nodes
                        [mid, (mid[0], mid[1] - 2.0), (np.nan, 1.0), (2000.0, 2000.0)]])  # onto the loose T end
    facilities = np.vstack([rng.uniform(-20, 370, (6, 2)), demand[:2] + 0.0])  # two share a demand tie
    nd = len(demand)
    for mode, cost in (("walk", "distance"), ("car", "time"), ("car", "distance")):
        full = routing_graph(net, np.vstack([demand, facilities]), mode, cost, 60.0)
        graph, points, fac_index = access_graph(net, demand, facilities, mode, cost, 60.0)
        assert graph.n_nodes < full.n_nodes
        for k in (1, 3):
            for direction in ("to_facility", "from_facility"):
                for max_cost in (np.inf, 120.0 if cost == "distance" else 0.3):
                    ref = acc.graph_access(full, np.arange(nd), nd + np.arange(len(facilities)), k=k,
                                           max_cost=max_cost, direction=direction)
                    got = acc.graph_access(graph, np.arange(nd), fac_index, k=k, max_cost=max_cost,
                                           direction=direction, points=points)
                    assert got["status"].tolist() == ref["status"].tolist(), (mode, cost, k, direction)
                    for col in ref.columns:
                        if col == "status":
                            continue
                        a, b = got[col].to_numpy(), ref[col].to_numpy()
                        if col.startswith("fac"):
                            continue  # below: equal costs may rank either facility first
                        np.testing.assert_allclose(a, b, rtol=0, atol=1e-9, err_msg=f"{col} {mode} {cost} {k}")
                    if k == 3:
                        clear = (ref["cost_2"].to_numpy() - ref["cost"].to_numpy()) > 1e-6
                        assert np.array_equal(got["fac"].to_numpy()[clear], ref["fac"].to_numpy()[clear])
                    if not np.isfinite(max_cost):  # the case is not trivial
                        assert (got["status"] == "ok").sum() > 50
