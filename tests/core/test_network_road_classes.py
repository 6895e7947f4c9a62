"""Road-class speed tables per mode (core.network): speeds, closed classes, the shipped catalogue.

Hand-made network (metres), all lines two-way; demand point D at (0, 0), facilities F at (1000, 0)
and H at (2500, -500):

    (0,300) +------------- primary, 1000 m -------------+ (1000,300)
            |  primary 300 m                   300 m    |
    D (0,0) +---------- residential, 1000 m ------------+ (1000,0)
                                                          \\  footway, (1000,0)-(2000,-500): 1118.034 m
                                          (2000,-500) +----+----+ (3000,-500)  residential
                                                            H (2500,-500)

By car (residential 30 km/h = 500 m/min, primary 50 km/h = 833.33 m/min, footway closed):
  D → F shortest: the residential street, 1000 m = 2.0 min;
  D → F fastest: via the primary road, 300 + 1000 + 300 = 1600 m = 1.92 min;
  D → H: only over the footway → no path for cars (another component for the car network).
On foot (every class at 4.5 km/h = 75 m/min): D → H = 1000 + 1118.034 + 500 = 2618.034 m = 34.907 min.
"""

import math

import numpy as np
import pytest
from scipy.sparse.csgraph import dijkstra

from isrp_plugin.core.accessibility import network_access
from isrp_plugin.core.network import (
    build_network,
    default_road_speeds_path,
    get_mode,
    line_speeds,
    parse_speed_table,
    read_road_speeds,
    routing_graph,
    speed_table,
)

LINES = [
    ([(0, 0), (1000, 0)], "residential"),
    ([(0, 0), (0, 300), (1000, 300), (1000, 0)], "primary"),
    ([(1000, 0), (2000, -500)], "footway"),
    ([(2000, -500), (2500, -500), (3000, -500)], "Residential "),  # case and blanks do not matter
]
FOOTWAY = math.hypot(1000, 500)
CAR_TABLE = {"residential": 30, "primary": 50, "footway": 0}


def network(lines=LINES, speeds=None):
    coords = np.array([p for line, _ in lines for p in line], dtype=float)
    offsets = np.cumsum([0] + [len(line) for line, _ in lines])
    return build_network(coords, offsets, road_class=[c for _, c in lines], speed_kmh=speeds)


def test_classes_are_read_and_normalised():
    net = network()
    assert net.class_names == ("footway", "primary", "residential")
    assert list(net.line_class) == [2, 1, 0, 2]
    assert list(build_network(np.zeros((2, 2)) + [[0, 0], [1, 0]], [0, 2], road_class=[None]).line_class) == [-1]


def test_fastest_route_differs_from_shortest_by_car():
    net = network()
    car = get_mode("car", class_speeds=CAR_TABLE)
    demand, fac = [[0, 0]], [[1000, 0]]
    by_time = network_access(net, demand, fac, mode=car, cost="time")
    assert by_time["net_min"].iloc[0] == pytest.approx(1600 / (50000 / 60))  # 1.92 min
    assert by_time["net_min"].iloc[0] == pytest.approx(1.92)
    assert by_time["net_m"].iloc[0] == pytest.approx(1600.0)  # the length of that fastest path
    by_distance = network_access(net, demand, fac, mode=car, cost="distance")
    assert by_distance["net_m"].iloc[0] == pytest.approx(1000.0)
    assert by_distance["net_min"].iloc[0] == pytest.approx(2.0)  # 1000 m at 30 km/h along the shortest path


def test_edge_minutes_are_length_over_class_speed():
    net = network()
    g = routing_graph(net, mode=get_mode("car", class_speeds=CAR_TABLE), cost="time")
    rows, cols, cost, length, minutes = g.edges()
    xy = g.node_xy
    for a, b, c, m in zip(rows, cols, cost, minutes):
        p, q = tuple(xy[a]), tuple(xy[b])
        on_primary = p[1] == 300 or q[1] == 300
        speed = 50 if on_primary else 30  # no footway edge for cars
        assert m == pytest.approx(math.dist(p, q) / (speed * 1000 / 60))
        assert c == m
    assert len(rows) == 2 * (1 + 3 + 2)  # both directions of every open segment; the footway is left out
    # the sum over the fastest path D → F, by hand: 300/833.33 + 1000/833.33 + 300/833.33
    d = dijkstra(g.csr, indices=[0])[0]
    assert d[net.vertex_node[1]] == pytest.approx(0.36 + 1.2 + 0.36)


def test_closed_class_cuts_off_for_cars_not_for_walking():
    net = network()
    demand, fac = [[0, 0]], [[2500, -500]]
    car = network_access(net, demand, fac, mode=get_mode("car", class_speeds=CAR_TABLE), cost="time")
    assert not car["reachable"].iloc[0]
    assert car["status"].iloc[0] == "other_component"
    walk = network_access(net, demand, fac, mode=get_mode("walk", class_speeds={"motorway": 0}), cost="time")
    assert walk["reachable"].iloc[0]
    assert walk["net_m"].iloc[0] == pytest.approx(1000 + FOOTWAY + 500)
    assert walk["net_min"].iloc[0] == pytest.approx((1000 + FOOTWAY + 500) / 75.0)
    # the car network has two parts (the footway's own nodes are not part of it)
    n, labels = net.components(get_mode("car", class_speeds=CAR_TABLE))
    used = np.unique(np.concatenate([net.seg_u[net.seg_line != 2], net.seg_v[net.seg_line != 2]]))
    assert len(np.unique(labels[used])) == 2
    assert net.components("walk")[0] == 1


def test_points_are_tied_to_open_streets_only():
    net = network()
    point = [[1800, -380]]  # 17.9 m from the footway, 233.2 m from the end (2000,-500) of the street below
    walk = routing_graph(net, point, mode="walk")
    assert walk.ties.segment[0] == 4  # the footway (segments: 0 residential, 1-3 primary, 4 footway, 5-6 …)
    assert walk.access_m[0] == pytest.approx(20000 / FOOTWAY)
    car = routing_graph(net, point, mode=get_mode("car", class_speeds=CAR_TABLE))
    assert car.ties.tie_xy[0] == pytest.approx([2000, -500])
    assert car.access_m[0] == pytest.approx(math.hypot(200, 120))
    assert routing_graph(net, point, mode=get_mode("car", class_speeds=CAR_TABLE), max_access=100).point_node[0] == -1


def test_precedence_line_speed_then_class_then_default():
    lines = LINES + [([(3000, -500), (3000, 0)], "unmapped"), ([(3000, 0), (3100, 0)], None)]
    speeds = [np.nan, 80.0, np.nan, np.nan, np.nan, np.nan]  # the primary road has a speed field value
    net = network(lines, speeds)
    car = get_mode("car", speed_kmh=40, class_speeds={**CAR_TABLE, "residential": None})
    ls = line_speeds(net, car)
    # residential: None in the table → the default 40; primary: the field's 80 beats the class's 50;
    # unmapped and NULL classes: the default 40; the footway is closed
    assert ls.speed_kmh[[0, 1, 3, 4, 5]].tolist() == [40, 80, 40, 40, 40]
    assert ls.allowed.tolist() == [True, True, False, True, True, True]
    assert ls.unknown == {"unmapped": 1}
    assert ls.closed == {"footway": 1}
    assert ls.from_field == 1 and not ls.uniform
    # walking ignores the speed field; a table that changes nothing keeps times proportional to distance
    walk = line_speeds(net, get_mode("walk", class_speeds={"primary": None}))
    assert walk.uniform and walk.allowed.all() and walk.unknown == {"footway": 1, "residential": 2, "unmapped": 1}


def test_speeds_are_cached_per_table():
    net = network()
    a = line_speeds(net, get_mode("car", class_speeds=CAR_TABLE))
    assert line_speeds(net, get_mode("car", class_speeds=dict(CAR_TABLE))) is a
    b = line_speeds(net, get_mode("car", class_speeds={**CAR_TABLE, "primary": 70}))
    assert b is not a and b.speed_kmh[1] == 70


def test_speed_table_text():
    assert parse_speed_table("primary=50; secondary: 4,5\nfootway=0, track=") == {
        "primary": 50.0, "secondary": 4.5, "footway": 0.0, "track": None}
    assert parse_speed_table("living street = 7, residential=30") == {"living street": 7.0, "residential": 30.0}
    for bad, word in (("primary", "class=speed"), ("=30", "no road class"), ("primary=fast", "not a number"),
                      ("primary=-5", ">= 0")):
        with pytest.raises(ValueError, match=word):
            parse_speed_table(bad)
    with pytest.raises(ValueError, match="twice"):
        speed_table([("Primary", 50), ("primary ", 60)])
    assert speed_table({"B": 1, "a": None}) == (("a", None), ("b", 1.0))


def test_shipped_road_speeds():
    assert default_road_speeds_path().exists()
    table = {m: dict(t) for m, t in read_road_speeds().items()}
    assert set(table) == {"walk", "bike", "car"}
    # nobody walks or cycles on motorways; cars stay off footways, paths and cycleways
    assert table["walk"]["motorway"] == 0 and table["bike"]["motorway"] == 0
    assert all(table["car"][c] == 0 for c in ("footway", "path", "cycleway", "pedestrian", "steps"))
    assert table["car"]["residential"] > 0 and table["car"]["primary"] > table["car"]["residential"]
    # walking on ordinary streets runs at the mode's (user's) speed, not a fixed one
    assert table["walk"]["residential"] is None and table["walk"]["footway"] is None


def test_bad_catalogue_names_line_and_column(tmp_path):
    path = tmp_path / "speeds.csv"
    path.write_text("class,walk,bike,car\nprimary,,,50\nresidential,,,fast\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"line 3.*residential.*car"):
        read_road_speeds(path)
    path.write_text("class,walk,car\nprimary,,50\n", encoding="utf-8")
    with pytest.raises(ValueError, match="bike"):
        read_road_speeds(path)
