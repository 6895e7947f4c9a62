"""Union of buffers around street pieces (core.corridors): areas worked out by hand.

The buffer's round ends are polygons with vertices on the circle (as GEOS's buffer with three
segments per quarter circle: at most 30° apart), so a half disc of radius W has an area between
that of half a regular 12-gon, 1.5·W², and πW²/2.
"""

import numpy as np
import pytest

from isrp_plugin.core.corridors import corridor_rings, corridor_rings_many, network_pieces, segments_graph

W = 50.0
SHIFT = np.array([600000.0, 5650000.0])  # UTM-like coordinates


def ring_area(ring):
    """Signed area (shoelace; > 0 counter-clockwise), computed relative to the first vertex for precision."""
    x, y = ring[:, 0] - ring[0, 0], ring[:, 1] - ring[0, 1]
    return 0.5 * float(np.sum(x[:-1] * y[1:] - x[1:] * y[:-1]))


def rings_of(segments):
    xy, a, b = segments_graph(np.asarray(segments, dtype=float) + np.tile(SHIFT, 2))
    return corridor_rings(xy, a, b, W)


def test_straight_street_is_a_rectangle_with_two_half_discs():
    length = 200.0
    (poly,) = rings_of([[0, 0, length, 0]])
    assert len(poly) == 1  # no hole
    area = ring_area(poly[0])
    assert area > 0  # outer ring counter-clockwise
    assert 2 * W * length + 3 * W ** 2 <= area <= 2 * W * length + np.pi * W ** 2
    # the rectangle's corners and the far ends of the discs are vertices
    pts = poly[0] - SHIFT
    for corner in ((0, W), (0, -W), (length, W), (length, -W)):
        assert np.min(np.hypot(*(pts - corner).T)) < 1e-6
    assert pts[:, 0].min() == pytest.approx(-W, abs=0.02 * W) and pts[:, 0].max() == pytest.approx(length + W,
                                                                                                  abs=0.02 * W)
    assert np.all(np.abs(pts[:, 1]) <= W + 1e-9)


def test_square_loop_has_a_hole_with_sharp_corners():
    s = 300.0
    corners = [(0, 0), (s, 0), (s, s), (0, s)]
    (poly,) = rings_of([[*corners[i], *corners[(i + 1) % 4]] for i in range(4)])
    outer, hole = poly
    assert ring_area(outer) > 0 > ring_area(hole)
    # the hole: the inner square of side s − 2W (the streets' buffers meet at right angles)
    assert -ring_area(hole) == pytest.approx((s - 2 * W) ** 2, rel=1e-9)
    # outside: a square of side s + 2W with four rounded corners (quarter discs of radius W)
    full = (s + 2 * W) ** 2
    assert full - 4 * W ** 2 + 4 * 0.75 * W ** 2 <= ring_area(outer) <= full - (4 - np.pi) * W ** 2


def test_far_apart_streets_give_two_polygons_and_a_point_gives_a_disc():
    polys = rings_of([[0, 0, 100, 0], [0, 500, 100, 500], [1000, 1000, 1000, 1000]])
    assert len(polys) == 3 and all(len(p) == 1 for p in polys)
    areas = sorted(ring_area(p[0]) for p in polys)
    assert 3 * W ** 2 <= areas[0] <= np.pi * W ** 2  # the point: a disc
    for a in areas[1:]:
        assert 2 * W * 100 + 3 * W ** 2 <= a <= 2 * W * 100 + np.pi * W ** 2


def test_network_pieces_merge_an_edge_reached_from_both_ends():
    node_xy = np.array([[0.0, 0.0], [100.0, 0.0], [100.0, 100.0]])
    # edge 0–1 reached 60 % from node 0 and 50 % from node 1: together the whole edge
    xy, a, b = network_pieces(node_xy, [0, 1, 1], [1, 0, 2], [0.6, 0.5, 0.25])
    pieces = sorted(tuple(np.round(np.concatenate([xy[i], xy[j]]), 9)) for i, j in zip(a, b))
    assert pieces == [(0, 0, 100, 0), (100, 0, 100, 25)]
    # 30 % and 20 %: two pieces with a gap between them
    xy, a, b = network_pieces(node_xy, [0, 1], [1, 0], [0.3, 0.2])
    pieces = sorted(tuple(np.round(np.concatenate([xy[i], xy[j]]), 9)) for i, j in zip(a, b))
    assert pieces == [(0, 0, 30, 0), (100, 0, 80, 0)]


def test_network_pieces_access_legs():
    node_xy = np.array([[0.0, 0.0], [100.0, 0.0]])
    # a facility 40 m from node 0, its leg reached half-way; a second one on the node itself
    xy, a, b = network_pieces(node_xy, [], [], [], leg_xy=[[0, 40], [100, 0]], leg_node=[0, 1], leg_frac=[0.5, 1.0])
    pieces = sorted(tuple(np.round(np.concatenate([xy[i], xy[j]]), 9)) for i, j in zip(a, b))
    assert pieces == [(0, 40, 0, 20), (100, 0, 100, 0)]  # half the leg; a point


def test_many_networks_at_once_equal_one_by_one():
    rng = np.random.default_rng(3)
    nets = []
    for _ in range(5):
        pts = rng.uniform(0, 400, (8, 2)) + SHIFT
        nets.append(segments_graph(np.hstack([pts[:-1], pts[1:]])))
    nets.insert(2, (np.zeros((0, 2)), np.zeros(0, dtype=int), np.zeros(0, dtype=int)))
    together = corridor_rings_many(nets, W)
    assert together[2] == []
    for net, polys in zip(nets, together):
        if not len(net[0]):
            continue
        alone = corridor_rings(*net, W)
        assert sorted(round(ring_area(r), 6) for p in polys for r in p) == \
            sorted(round(ring_area(r), 6) for p in alone for r in p)
