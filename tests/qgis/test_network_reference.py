"""Our network engine against QGIS's own network analysis (qgis.analysis), built independently.

The reference: QgsVectorLayerDirector + QgsNetworkDistanceStrategy (or QgsNetworkSpeedStrategy)
+ QgsGraphBuilder(crs, otf=False, tolerance, ellipsoid "NONE" → planar lengths), makeGraph with
all demand points and facilities as additional points (→ tied points), QgsGraphAnalyzer.dijkstra
from every tied point. We compare, for every demand point and every facility, the network cost
between tied points (all k = n_facilities nearest, so every pair is checked), the nearest facility
cost, which pairs are unreachable, and the tied points themselves.
"""

import numpy as np
import pytest

from isrp_plugin.core.accessibility import graph_access
from isrp_plugin.core.network import access_graph, build_network, routing_graph

qgis_core = pytest.importorskip("qgis.core")
qgis_analysis = pytest.importorskip("qgis.analysis")

from qgis.analysis import (  # noqa: E402
    QgsGraphAnalyzer,
    QgsGraphBuilder,
    QgsNetworkDistanceStrategy,
    QgsNetworkSpeedStrategy,
    QgsVectorLayerDirector,
)
from qgis.core import QgsFeature, QgsGeometry, QgsPointXY, QgsVectorLayer  # noqa: E402

from isrp_plugin.qgis_io.layers import network_arrays  # noqa: E402

ATOL = 0.01  # metres (or minutes), the brief's bound; we actually agree to ~1e-9


# ---------------------------------------------------------------------------------------------
# building the reference with QGIS
# ---------------------------------------------------------------------------------------------


def make_layer(lines, directions=None, speeds=None):
    """In-memory line layer; ``lines`` is a list of lines, a line a list of parts or of (x, y)."""
    vl = QgsVectorLayer("MultiLineString?crs=EPSG:25832&field=dir:string&field=speed:double", "net", "memory")
    feats = []
    for i, line in enumerate(lines):
        parts = line if isinstance(line[0][0], (list, tuple)) else [line]
        f = QgsFeature(vl.fields())
        f.setGeometry(QgsGeometry.fromMultiPolylineXY([[QgsPointXY(x, y) for x, y in p] for p in parts]))
        f["dir"] = str(directions[i]) if directions is not None else "both"
        f["speed"] = float(speeds[i]) if speeds is not None else 50.0
        feats.append(f)
    ok, _ = vl.dataProvider().addFeatures(feats)
    assert ok and vl.featureCount() == len(lines)
    return vl


def qgis_graph(layer, points, tolerance=0.0, oneway=False, speed=False):
    """QGIS's graph with ``points`` tied; returns (graph, tied points (n, 2), tied vertex ids)."""
    dir_idx = layer.fields().indexOf("dir") if oneway else -1
    director = QgsVectorLayerDirector(layer, dir_idx, "forward", "backward", "both",
                                      QgsVectorLayerDirector.DirectionBoth)
    if speed:  # cost in minutes: distance / (km/h · 1000/60)
        director.addStrategy(QgsNetworkSpeedStrategy(layer.fields().indexOf("speed"), 50.0, 1000.0 / 60.0))
    else:
        director.addStrategy(QgsNetworkDistanceStrategy())
    builder = QgsGraphBuilder(layer.crs(), False, tolerance, "NONE")
    snapped = director.makeGraph(builder, [QgsPointXY(float(x), float(y)) for x, y in points])
    graph = builder.graph()
    vids = [graph.findVertex(p) for p in snapped]
    tied = np.array([[p.x(), p.y()] for p in snapped]) if len(snapped) else np.zeros((0, 2))
    return graph, tied, vids


def qgis_pair_costs(graph, vids, demand, facilities, direction="to_facility"):
    """(n_demand, n_facilities) network costs between tied points from QgsGraphAnalyzer.dijkstra."""
    out = np.full((len(demand), len(facilities)), np.inf)
    if direction == "to_facility":
        for a, i in enumerate(demand):
            _, cost = QgsGraphAnalyzer.dijkstra(graph, vids[i], 0)
            cost = np.asarray(cost)
            out[a] = cost[[vids[j] for j in facilities]]
    else:
        for b, j in enumerate(facilities):
            _, cost = QgsGraphAnalyzer.dijkstra(graph, vids[j], 0)
            cost = np.asarray(cost)
            out[:, b] = cost[[vids[i] for i in demand]]
    return out


# ---------------------------------------------------------------------------------------------
# our side
# ---------------------------------------------------------------------------------------------


def ours(layer, points, n_demand, tolerance=0.0, mode="walk", cost="distance", direction="to_facility"):
    arr = network_arrays(layer, "dir", "forward", "backward", "both", 0, "speed")
    net = build_network(arr["coords"], arr["part_offsets"], arr["part_line"], arr["direction"], arr["speed_kmh"],
                        tolerance)
    g = routing_graph(net, np.asarray(points, float), mode=mode, cost=cost)
    nf = len(points) - n_demand
    res = graph_access(g, np.arange(n_demand), n_demand + np.arange(nf), k=nf, direction=direction,
                       include_access=False)
    # the same with the demand points left on their edges (access_graph), as isrp:accessibility runs
    pts = np.asarray(points, float)
    g2, on_edges, fac_index = access_graph(net, pts[:n_demand], pts[n_demand:], mode=mode, cost=cost)
    res2 = graph_access(g2, np.arange(n_demand), fac_index, k=nf, direction=direction, include_access=False,
                        points=on_edges)
    return g, res, res2


def our_pair_costs(res, n_fac):
    """(n_demand, n_facilities) network costs from the k = n_fac nearest columns."""
    out = np.full((len(res), n_fac), np.inf)
    col = "net_m" if "net_m" in res else None
    assert col
    for j in range(n_fac):
        suffix = "" if j == 0 else f"_{j + 1}"
        fac = res[f"fac{suffix}"].to_numpy()
        c = res[f"cost{suffix}"].to_numpy()
        ok = fac >= 0
        out[np.nonzero(ok)[0], fac[ok]] = c[ok]
    return out


def compare(layer, points, n_demand, tolerance=0.0, mode="walk", cost="distance", direction="to_facility"):
    oneway = mode == "car"
    speed = cost == "time"
    graph, q_tied, vids = qgis_graph(layer, points, tolerance, oneway=oneway, speed=speed)
    nf = len(points) - n_demand
    ref = qgis_pair_costs(graph, vids, range(n_demand), range(n_demand, len(points)), direction)
    g, res_tied, res_edges = ours(layer, points, n_demand, tolerance, mode, cost, direction)
    # tied points
    np.testing.assert_allclose(g.ties.tie_xy, q_tied, atol=1e-6)
    for res in (res_tied, res_edges):
        mine = our_pair_costs(res, nf)
        assert np.array_equal(np.isinf(mine), np.isinf(ref)), "reachability differs"
        fin = np.isfinite(ref)
        np.testing.assert_allclose(mine[fin], ref[fin], atol=ATOL, rtol=0)
        # nearest facility cost
        nearest_ref = ref.min(axis=1)
        got = res["reachable"].to_numpy()
        assert np.array_equal(got, np.isfinite(nearest_ref))
        np.testing.assert_allclose(res["cost"].to_numpy()[got], nearest_ref[got], atol=ATOL, rtol=0)
        if cost == "distance":
            np.testing.assert_allclose(res["net_m"].to_numpy()[got], nearest_ref[got], atol=ATOL, rtol=0)
        assert res["status"].tolist() == res_tied["status"].tolist()
    return ref, res_tied


# ---------------------------------------------------------------------------------------------
# (a) hand-made networks
# ---------------------------------------------------------------------------------------------


def test_mid_edge_and_several_points_on_one_edge(qgis_app):
    # one street 0..100 with a branch at 40 going north; three demand points on the same edge
    lines = [[(0, 0), (40, 0), (100, 0)], [(40, 0), (40, 50)]]
    demand = [(10, 5), (70, -3), (90, 2), (85, 0)]
    facilities = [(60, 1), (40, 60)]
    ref, res = compare(make_layer(lines), demand + facilities, len(demand))
    # by hand: tie (10,0): to fac 0 (tie (60,0)) 50; (70,0)→10; (90,0)→30; (85,0)→25
    np.testing.assert_allclose(ref[:, 0], [50, 10, 30, 25])
    # to fac 1 (tie (40,50)): 30+50, 30+50, 50+50, 45+50
    np.testing.assert_allclose(ref[:, 1], [80, 80, 100, 95])


def test_point_tied_onto_another_lines_end_joins_the_lines(qgis_app):
    # B ends at (50, 0) on A's interior without A having a vertex there: not connected, until a
    # point tied to A exactly at (50, 0) snaps onto B's end node and QGIS splits A there
    lines = [[(0, 0), (100, 0)], [(50, 0), (50, 50)]]
    demand = [(50, -3), (20, 4), (80, -1)]
    facilities = [(50, 60), (0, 10)]
    ref, res = compare(make_layer(lines), demand + facilities, len(demand))
    # by hand: to fac 0 (tie (50,50)) via the join: 50, 30 + 50, 30 + 50; to fac 1 (tie (0,0)): 50, 20, 80
    np.testing.assert_allclose(ref[:, 0], [50, 80, 80])
    np.testing.assert_allclose(ref[:, 1], [50, 20, 80])
    # without that point the lines stay apart
    ref2, _ = compare(make_layer(lines), demand[1:] + facilities, 2)
    assert np.all(np.isinf(ref2[:, 0]))


def test_point_exactly_on_node_and_shared_interior_vertex(qgis_app):
    # two OSM-like ways crossing at a shared interior vertex (50, 0) / (50, 0)
    lines = [[(0, 0), (50, 0), (100, 0)], [(50, -50), (50, 0), (50, 50)]]
    demand = [(50, 0), (0, 0), (100, 0), (50, 50)]
    facilities = [(50, -50), (25, 0)]
    ref, _ = compare(make_layer(lines), demand + facilities, len(demand))
    np.testing.assert_allclose(ref[:, 0], [50, 100, 100, 100])
    np.testing.assert_allclose(ref[:, 1], [25, 25, 75, 75])


def test_two_components(qgis_app):
    lines = [[(0, 0), (100, 0)], [(1000, 0), (1100, 0)]]
    demand = [(10, 10), (1050, 5), (1090, -5)]
    facilities = [(90, 0)]
    ref, res = compare(make_layer(lines), demand + facilities, len(demand))
    assert np.isfinite(ref[0, 0]) and np.isinf(ref[1:, 0]).all()
    assert list(res["status"].astype(str)) == ["ok", "other_component", "other_component"]


def test_zero_length_segments(qgis_app):
    # a duplicated vertex inside a line, and a line that is one zero-length segment
    lines = [[(0, 0), (30, 0), (30, 0), (60, 0)], [(60, 0), (60, 0)], [(60, 0), (60, 40)]]
    demand = [(30, 1), (45, -2), (60, 20), (60, 0)]
    facilities = [(0, 3)]
    ref, _ = compare(make_layer(lines), demand + facilities, len(demand))
    np.testing.assert_allclose(ref[:, 0], [30, 45, 80, 60])


def test_one_way_streets_car(qgis_app):
    # a square block: south side one-way eastwards, east side one-way northwards,
    # north side backward-digitised (westwards), west side two-way
    lines = [
        [(0, 0), (100, 0)],  # forward: east
        [(100, 0), (100, 100)],  # forward: north
        [(0, 100), (100, 100)],  # backward: travel west only
        [(0, 0), (0, 100)],  # both
    ]
    dirs = ["forward", "forward", "backward", "both"]
    layer = make_layer(lines, dirs)
    demand = [(50, 1), (99, 50), (50, 99)]
    facilities = [(0, 50)]
    ref, _ = compare(layer, demand + facilities, len(demand), mode="car")
    # by hand (to the facility at (0,50)): (50,0) must go east 50, north 100, west 100, south 50 = 300
    # (100,50): north 50 + west 100 + south 50 = 200; (50,100): west 50 + south 50 = 100
    np.testing.assert_allclose(ref[:, 0], [300, 200, 100])
    ref_back, _ = compare(layer, demand + facilities, len(demand), mode="car", direction="from_facility")
    # from (0,50): down 50 + east 50 = 100; down 50 + east 100 + north 50 = 200; 250 + 50 = 300
    np.testing.assert_allclose(ref_back[:, 0], [100, 200, 300])
    # walking ignores one-way: 100, 200 (either way round), 100
    ref_walk, _ = compare(layer, demand + facilities, len(demand), mode="walk")
    np.testing.assert_allclose(ref_walk[:, 0], [100, 200, 100])


def test_speeds_in_minutes(qgis_app):
    lines = [[(0, 0), (1000, 0)], [(1000, 0), (1000, 1000)], [(0, 0), (0, 1000), (1000, 1000)]]
    layer = make_layer(lines, ["both"] * 3, [60.0, 30.0, 120.0])
    demand = [(500, 10)]
    facilities = [(1000, 1000)]
    ref, res = compare(layer, demand + facilities, 1, mode="car", cost="time")
    # via the 60 km/h street: 0.5 min + 2 min = 2.5; back via 120 km/h: 0.5 + 1 = 1.5 → 1.5 min
    np.testing.assert_allclose(ref[0, 0], 1.5)
    np.testing.assert_allclose(res["net_m"].iloc[0], 2500.0)


def test_tolerance_merges_like_qgis(qgis_app):
    # ends 0.3 apart; vertices visited in order, merged into the first within the box
    lines = [[(0, 0), (100, 0)], [(100.3, 0.2), (100.3, 80)], [(100.6, 0), (200, 0)]]
    demand = [(50, 2), (150, 3)]
    facilities = [(101, 60)]
    for tol in (0.0, 0.5):
        compare(make_layer(lines), demand + facilities, len(demand), tolerance=tol)


# ---------------------------------------------------------------------------------------------
# (b) a generated city-like network
# ---------------------------------------------------------------------------------------------


def city_lines(n=45, seed=7):
    """Jittered grid streets (ways of 2–5 segments sharing interior vertices), some removed,
    one-way streets, a detached quarter, diagonal avenues and duplicated vertices."""
    rng = np.random.default_rng(seed)
    spacing = 80.0
    xy = np.stack(np.meshgrid(np.arange(n), np.arange(n), indexing="ij"), -1).astype(float) * spacing
    xy += rng.uniform(-15, 15, xy.shape)
    xy += 600000.0  # UTM-like coordinates
    lines, dirs = [], []
    for axis in (0, 1):
        for i in range(n):
            row = xy[i, :] if axis == 0 else xy[:, i]
            j = 0
            while j < n - 1:
                step = int(rng.integers(2, 6))
                seg = row[j : min(n, j + step + 1)]
                if rng.random() > 0.08:  # some ways missing
                    pts = [tuple(p) for p in seg]
                    if rng.random() < 0.1:  # duplicated vertex → zero-length segment
                        pts.insert(1, pts[1])
                    lines.append(pts)
                    dirs.append(rng.choice(["both", "both", "both", "forward", "backward"]))
                j += step
    for _ in range(6):  # diagonals crossing without shared vertices except at ends
        a, b = rng.integers(0, n, 2), rng.integers(0, n, 2)
        lines.append([tuple(xy[a[0], a[1]]), tuple(xy[b[0], b[1]])])
        dirs.append("both")
    off = xy[-1, -1] + 3000.0  # a detached quarter
    for i in range(4):
        lines.append([(off[0], off[1] + 60 * i), (off[0] + 180, off[1] + 60 * i)])
        dirs.append("both")
    lines.append([(off[0], off[1]), (off[0], off[1] + 180)])
    dirs.append("both")
    return lines, dirs, xy


@pytest.mark.parametrize(
    "mode, cost, tolerance, direction",
    [
        ("walk", "distance", 0.0, "to_facility"),
        ("car", "distance", 0.0, "to_facility"),
        ("car", "distance", 0.0, "from_facility"),
        ("car", "time", 0.0, "to_facility"),
        ("walk", "distance", 0.5, "to_facility"),
    ],
)
def test_city_network_random_points(qgis_app, mode, cost, tolerance, direction):
    lines, dirs, xy = city_lines()
    rng = np.random.default_rng(11)
    if tolerance:  # digitising noise: line ends miss each other by up to 0.2 per coordinate
        lines = [[(x + rng.uniform(-0.2, 0.2), y + rng.uniform(-0.2, 0.2)) for x, y in line] for line in lines]
    speeds = rng.choice([30.0, 50.0, 70.0], len(lines))
    layer = make_layer(lines, dirs, speeds)
    n_edges = sum(len(p) - 1 for p in lines)
    assert n_edges > 3000
    lo, hi = xy.min(axis=(0, 1)), xy.max(axis=(0, 1))
    demand = rng.uniform(lo - 50, hi + 50, (250, 2))
    demand[:5] = xy[3, 4], xy[10, 10], xy[7, 2], xy[0, 0], xy[5, 5]  # on nodes (without noise)
    demand[5] = (lines[-1][0][0] + 10, lines[-1][0][1] + 30)  # in the detached quarter
    fac = rng.uniform(lo, hi, (20, 2))
    fac[0] = (xy[2, 3] + xy[2, 4]) / 2  # mid-edge on a grid street
    ref, res = compare(layer, np.vstack([demand, fac]), len(demand), tolerance=tolerance, mode=mode, cost=cost,
                       direction=direction)
    assert np.isinf(ref[5]).all()  # the detached quarter reaches nothing
    assert np.isfinite(ref).mean() > 0.8


def test_cached_network_is_built_once_per_layer_state(qgis_app):
    from isrp_plugin.core.network import GraphCache
    from isrp_plugin.qgis_io.layers import cached_network

    layer = make_layer([[(0, 0), (100, 0)], [(100, 0), (100, 50)]], ["both", "forward"])
    cache = GraphCache(maxsize=2)
    net, fids = cached_network(layer, direction_field="dir", forward_value="forward", backward_value="backward",
                               both_value="both", cache=cache)
    again, _ = cached_network(layer, direction_field="dir", forward_value="forward", backward_value="backward",
                              both_value="both", cache=cache)
    assert again is net and cache.hits == 1 and cache.misses == 1
    assert list(net.line_direction) == [0, 1] and len(fids) == 2 and net.n_nodes == 3
    # other parameters → another graph
    cached_network(layer, tolerance=0.5, cache=cache)
    assert cache.misses == 2
    # the layer changes → rebuilt
    f = QgsFeature(layer.fields())
    f.setGeometry(QgsGeometry.fromPolylineXY([QgsPointXY(100, 50), QgsPointXY(0, 50)]))
    layer.dataProvider().addFeatures([f])
    layer.updateExtents()
    changed, _ = cached_network(layer, direction_field="dir", forward_value="forward", backward_value="backward",
                                both_value="both", cache=cache)
    assert changed is not net and changed.n_lines == 3
