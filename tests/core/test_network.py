"""Network graph building and tying points (hand-made networks, values worked out by hand)."""

import numpy as np
import pytest
from scipy.sparse.csgraph import dijkstra

from isrp_plugin.core.network import (
    CAR,
    DIR_BACKWARD,
    DIR_BOTH,
    DIR_FORWARD,
    WALK,
    GraphCache,
    build_network,
    get_mode,
    network_cache_key,
    routing_graph,
    tie_points,
)


def lines_to_arrays(lines):
    """[[(x, y), ...], ...] → coords, part offsets (one part per line)."""
    coords = np.array([p for line in lines for p in line], dtype=float)
    offsets = np.cumsum([0] + [len(line) for line in lines])
    return coords, offsets


def net_of(lines, **kw):
    coords, offsets = lines_to_arrays(lines)
    return build_network(coords, offsets, **kw)


def cost_between(g, a, b):
    """Network cost from graph node a to node b."""
    return dijkstra(g.csr, directed=True, indices=[a])[0, b]


# --- building -------------------------------------------------------------------------------


def test_shared_interior_vertex_is_one_node():
    # two ways crossing at (50, 0), which is an interior vertex of both
    net = net_of([[(0, 0), (50, 0), (100, 0)], [(50, -50), (50, 0), (50, 50)]])
    assert net.n_nodes == 5  # (0,0) (50,0) (100,0) (50,-50) (50,50)
    assert net.n_segments == 4
    assert net.vertex_node[1] == net.vertex_node[4]
    np.testing.assert_allclose(net.seg_length, [50, 50, 50, 50])
    assert net.components()[0] == 1


def test_zero_length_segment_gives_no_edge():
    net = net_of([[(0, 0), (30, 0), (30, 0), (60, 0)], [(60, 0), (60, 0)]])
    assert net.n_segments == 4 and net.n_edges == 2
    assert list(net.seg_u == net.seg_v) == [False, True, False, True]
    g = routing_graph(net)
    assert g.csr.nnz == 4  # two segments, both ways
    assert cost_between(g, 0, 2) == 60


def test_tolerance_is_a_box_and_greedy_in_input_order():
    # QGIS 3.22 (checked): with tolerance 0.7, (0.6, 0) joins (0, 0); (1.1, 0) is 1.1 from the
    # node (0, 0) — the only node — so it starts its own node although it is 0.5 from (0.6, 0).
    net = net_of([[(0, 0), (0.6, 0), (1.1, 0), (3, 0)]], tolerance=0.7)
    np.testing.assert_allclose(net.node_xy, [[0, 0], [1.1, 0], [3, 0]])
    np.testing.assert_allclose(net.seg_length, [0, 1.1, 1.9])
    # tolerance 0.5: nothing merges (1.1 − 0.6 is 0.5000000000000001 in floating point)
    assert net_of([[(0, 0), (0.6, 0), (1.1, 0), (3, 0)]], tolerance=0.5).n_nodes == 4
    # the box is square: (0.3, 0.3) is 0.42 away but within 0.35 per coordinate
    assert net_of([[(0, 0), (0.3, 0.3), (3, 0)]], tolerance=0.35).n_nodes == 2


def test_default_tolerance_has_the_qgis_floor():
    assert net_of([[(0, 0), (10, 0)], [(10 + 5e-11, 0), (20, 0)]]).n_nodes == 3
    assert net_of([[(0, 0), (10, 0)], [(10 + 5e-9, 0), (20, 0)]]).n_nodes == 4
    assert net_of([[(0.0, 0), (10, 0)], [(-0.0, 0), (0, 10)]]).n_nodes == 3  # -0.0 == 0.0


def test_multipart_lines_and_direction_per_line():
    coords = np.array([[0, 0], [10, 0], [10, 0], [10, 10], [0, 0], [0, 10.0]])
    offsets = [0, 2, 4, 6]
    net = build_network(coords, offsets, part_line=[0, 0, 1], direction=[DIR_FORWARD, DIR_BACKWARD])
    assert net.n_lines == 2
    assert list(net.seg_line) == [0, 0, 1]
    g = routing_graph(net, mode=CAR)
    # line 0 forward: (0,0)→(10,0)→(10,10); line 1 backward: (0,10)→(0,0)
    n = {tuple(p): i for i, p in enumerate(net.node_xy)}
    assert cost_between(g, n[(0, 0)], n[(10, 10)]) == 20
    assert np.isinf(cost_between(g, n[(10, 10)], n[(0, 0)]))
    assert cost_between(g, n[(0, 10)], n[(10, 0)]) == 20
    assert np.isinf(cost_between(g, n[(0, 0)], n[(0, 10)]))
    # walking ignores one-way
    gw = routing_graph(net, mode=WALK)
    assert cost_between(gw, n[(10, 10)], n[(0, 10)]) == 30


def test_invalid_input():
    with pytest.raises(ValueError):
        build_network(np.zeros((3, 2)), [0, 2])
    with pytest.raises(ValueError):
        build_network(np.array([[0, 0], [np.nan, 1]]), [0, 2])
    with pytest.raises(ValueError):
        build_network(np.zeros((2, 2)), [0, 2], tolerance=-1)
    with pytest.raises(ValueError):
        build_network(np.zeros((2, 2)), [0, 2], direction=[5])
    net = build_network(np.zeros((0, 2)), [0])
    assert net.n_nodes == 0 and net.n_segments == 0
    t = tie_points(net, [[1, 1]])
    assert t.segment[0] == -1 and not t.connected[0]


# --- tying points ---------------------------------------------------------------------------


def test_tie_to_nearest_point_on_nearest_segment():
    net = net_of([[(0, 0), (100, 0)], [(0, 10), (100, 10)]])
    t = tie_points(net, [[30, 2], [120, 3], [50, 5], [np.nan, 0], [40, 10]], max_access=19)
    # (30,2) → (30,0) on line 0, 2 m; (120,3) → beyond the end: (100,0), sqrt(400+9) = 20.22 > 19;
    # (50,5) equidistant → the first segment wins, (50,0); NaN → not tied; (40,10) on line 1
    assert list(t.segment) == [0, 0, 0, -1, 1]
    np.testing.assert_allclose(t.tie_xy[[0, 1, 2, 4]], [[30, 0], [100, 0], [50, 0], [40, 10]])
    np.testing.assert_allclose(t.access_m[[0, 1, 2, 4]], [2, np.sqrt(409), 5, 0])
    assert list(t.connected) == [True, False, True, False, True]


def brute_force_ties(net, pts):
    """Independent reference: plain projection onto every segment, first minimum wins."""
    a = net.node_xy[net.seg_u]
    b = net.node_xy[net.seg_v]
    ab = b - a
    ll = (ab**2).sum(1)
    out_seg, out_d = [], []
    for p in pts:
        with np.errstate(invalid="ignore", divide="ignore"):
            t = np.clip(((p - a) * ab).sum(1) / ll, 0, 1)
        t = np.where(ll == 0, 0, t)
        q = a + ab * t[:, None]
        d = np.sqrt(((p - q) ** 2).sum(1))
        out_seg.append(int(np.argmin(d)))
        out_d.append(d.min())
    return np.array(out_seg), np.array(out_d)


def test_tie_search_is_exact_with_long_and_short_segments():
    rng = np.random.default_rng(3)
    lines = [[tuple(p) for p in rng.uniform(0, 1000, (rng.integers(2, 5), 2))] for _ in range(150)]
    lines.append([(-500, 500), (1500, 520)])  # a very long segment
    lines.append([(10, 10), (10, 10)])  # zero length
    net = net_of(lines)
    pts = rng.uniform(-200, 1200, (2000, 2))
    t = tie_points(net, pts)
    seg, d = brute_force_ties(net, pts)
    np.testing.assert_allclose(t.access_m, d, atol=1e-9)
    # the same segment, or an equally near one (ties at machine precision)
    same = t.segment == seg
    assert same.mean() > 0.99
    np.testing.assert_allclose(t.access_m[~same], d[~same], atol=1e-9)


def test_point_exactly_on_node_uses_that_node():
    net = net_of([[(0, 0), (50, 0), (100, 0)], [(50, -50), (50, 0)]])
    g = routing_graph(net, [[50, 0], [100, 0]])
    assert g.point_node[0] == net.vertex_node[1]
    assert g.point_node[1] == net.vertex_node[2]
    assert g.n_nodes == net.n_nodes  # no new node
    assert g.access_m[0] == 0


def test_several_points_split_one_edge_in_order():
    net = net_of([[(0, 0), (100, 0)]])
    # points are given out of order along the edge; two of them tie to the same spot
    g = routing_graph(net, [[70, 5], [20, -5], [45, 1], [20, 3]])
    nodes = g.point_node
    assert nodes[1] == nodes[3]  # the same tied point → one node
    assert g.n_nodes == 2 + 3
    # chain 0 —20— A —25— B —25— C —30— 1, both directions: 4 edges × 2
    assert g.csr.nnz == 8
    np.testing.assert_allclose(sorted(g.length_m), sorted([20, 25, 25, 30] * 2))
    assert cost_between(g, nodes[1], nodes[0]) == pytest.approx(50)
    assert cost_between(g, 0, 1) == pytest.approx(100)


def test_split_keeps_direction_of_one_way_line():
    net = build_network(np.array([[0, 0], [100, 0.0]]), [0, 2], direction=[DIR_FORWARD])
    g = routing_graph(net, [[30, 1], [60, 1]], mode=CAR)
    a, b = g.point_node
    assert cost_between(g, a, b) == pytest.approx(30)
    assert np.isinf(cost_between(g, b, a))
    assert g.csr.nnz == 3


def test_parallel_edges_keep_the_cheapest():
    # two lines between the same nodes: a straight one (100 m) and a duplicate of it with a slow speed
    coords = np.array([[0, 0], [100, 0], [0, 0], [100, 0.0]])
    net = build_network(coords, [0, 2, 4], speed_kmh=[10.0, 60.0])
    g = routing_graph(net, mode=CAR, cost="time")
    # 100 m at 60 km/h = 0.1 min (the 10 km/h duplicate would take 0.6 min)
    assert g.csr.nnz == 2
    np.testing.assert_allclose(g.csr.data, [0.1, 0.1])


def test_max_access_leaves_far_points_unconnected():
    net = net_of([[(0, 0), (100, 0)]])
    g = routing_graph(net, [[50, 10], [50, 300]], max_access=200)
    assert g.point_node[0] >= 0 and g.point_node[1] == -1
    assert np.isinf(g.access_m[1])
    assert g.n_nodes == 3  # the far point does not split the edge


def test_tie_node_merges_with_tolerance():
    # tolerance 1: a point tied 0.5 from the vertex (50, 0) becomes that vertex, as in QGIS
    net = net_of([[(0, 0), (50, 0), (100, 0)]], tolerance=1.0)
    g = routing_graph(net, [[50.5, 4], [80, 4]])
    assert g.point_node[0] == 1
    np.testing.assert_allclose(g.ties.tie_xy[0], [50, 0])
    assert g.point_node[1] == 3


def test_two_components():
    net = net_of([[(0, 0), (100, 0)], [(1000, 0), (1100, 0)]])
    n, labels = net.components()
    assert n == 2 and labels[0] == labels[1] != labels[2]


# --- modes and cache ------------------------------------------------------------------------


def test_modes():
    assert get_mode("walk").speed_kmh == 4.5
    assert get_mode("WALK", 5.0).metres_per_minute == pytest.approx(5000 / 60)
    assert get_mode("car").oneway and not get_mode("bike").oneway
    with pytest.raises(ValueError):
        get_mode("plane")
    net = net_of([[(0, 0), (300, 0)]])
    g = routing_graph(net, mode="walk", cost="time")
    np.testing.assert_allclose(g.csr.data, [4.0, 4.0])  # 300 m at 75 m/min
    g = routing_graph(net, mode="bike", cost="time")
    np.testing.assert_allclose(g.csr.data, [1.2, 1.2])  # 300 m at 250 m/min


def test_car_uses_line_speed_or_default():
    coords = np.array([[0, 0], [1000, 0], [1000, 0], [2000, 0.0]])
    net = build_network(coords, [0, 2, 4], speed_kmh=[30.0, np.nan], direction=[DIR_BOTH, DIR_BOTH])
    g = routing_graph(net, mode="car", cost="time")
    # 1 km at 30 km/h = 2 min; 1 km at the default 50 km/h = 1.2 min
    np.testing.assert_allclose(sorted(g.minutes), [1.2, 1.2, 2.0, 2.0])


def test_graph_cache_is_lru():
    cache = GraphCache(maxsize=2)
    calls = []

    def build(v):
        def f():
            calls.append(v)
            return v

        return f

    k1 = network_cache_key("roads", (1, "a"), 0.0, "walk", ("dir",))
    k2 = network_cache_key("roads", (2, "a"), 0.0, "walk", ("dir",))
    k3 = network_cache_key("paths", (1, "a"), 0.0, "walk", ())
    assert cache.get_or_build(k1, build(1)) == 1
    assert cache.get_or_build(k1, build(99)) == 1  # hit
    cache.get_or_build(k2, build(2))
    cache.get_or_build(k1, build(99))  # k1 becomes the newest
    cache.get_or_build(k3, build(3))  # evicts k2
    assert k2 not in cache and k1 in cache and len(cache) == 2
    assert calls == [1, 2, 3]
    cache.invalidate(lambda k: k[0] == "roads")
    assert k1 not in cache and k3 in cache
    with pytest.raises(ValueError):
        GraphCache(0)


# --- reuse and quick exits ------------------------------------------------------------------


def test_routing_graph_is_reused_for_the_same_points_only():
    from isrp_plugin.core import network as nw

    net = net_of([[(0, 0), (100, 0), (200, 0)], [(100, -100), (100, 0), (100, 100)]])
    pts = np.array([[30.0, 5.0], [150.0, -3.0], [100.0, 60.0]])
    g = nw.cached_routing_graph(net, pts, WALK, "distance", 50.0)
    assert nw.cached_routing_graph(net, pts.copy(), "walk", "distance", 50.0) is g
    fresh = routing_graph(net, pts, WALK, "distance", 50.0)
    assert (g.csr != fresh.csr).nnz == 0 and np.array_equal(g.point_node, fresh.point_node)
    with pytest.raises(ValueError):
        g.point_node[0] = 5  # shared between runs: read-only
    moved = pts.copy()
    moved[0, 0] += 1e-9
    others = [nw.cached_routing_graph(net, moved, WALK, "distance", 50.0),
              nw.cached_routing_graph(net, pts, CAR, "distance", 50.0),
              nw.cached_routing_graph(net, pts, WALK, "time", 50.0),
              nw.cached_routing_graph(net, pts, WALK, "distance", 49.0)]
    assert all(o is not g for o in others)
    assert len(net._cache["routing_graphs"]) == nw.ROUTING_GRAPHS_KEPT
    assert nw.cached_routing_graph(net, pts, WALK, "distance", 49.0) is others[-1]
    assert nw.cached_routing_graph(net, pts, WALK, "distance", 50.0) is not g  # evicted meanwhile


def test_quick_exits_agree_with_the_tree():
    from scipy.spatial import cKDTree

    from isrp_plugin.core.network import _all_apart, _maybe_near

    rng = np.random.default_rng(2)
    tol = 1e-10
    base = np.round(rng.uniform(0, 1000, (400, 2)), 2)
    base[:50, 0] = 500.0  # a street along x = 500: equal x, different y
    assert _all_apart(base, tol) == (len(cKDTree(base).query_pairs(tol, p=np.inf)) == 0)
    near = np.vstack([base, base[7] + [0.5e-10, -0.5e-10]])
    assert not _all_apart(near, tol)
    nodes = np.unique(base, axis=0)
    axes = (np.sort(nodes[:, 0]), np.sort(nodes[:, 1]))
    queries = np.vstack([rng.uniform(0, 1000, (300, 2)), nodes[:20] + 0.3e-10, nodes[20:40], [[500.0, 2000.0]]])
    d, _ = cKDTree(nodes).query(queries, k=1, p=np.inf, distance_upper_bound=tol * (1 + 1e-9))
    truth = np.isfinite(d)
    mask = _maybe_near(axes, queries, tol)
    assert truth.sum() == 40 and np.all(mask[truth])  # never misses a point near a node
    assert mask.sum() <= 41  # and lets few others through
