"""Road-class speeds (ROAD_CLASS_FIELD, SPEED_TABLE) against QGIS's own network analysis and through processing.run.

Reference: the layer filtered to the classes open to the mode, with a speed field the test fills
from its own class → km/h mapping, QgsVectorLayerDirector + QgsNetworkSpeedStrategy (minutes:
distance / (km/h · 1000/60)) + QgsGraphBuilder (planar), all points tied in makeGraph, and
QgsGraphAnalyzer.dijkstra from every demand point. Our side reads the class field and applies a
speed table instead.
"""

import math

import numpy as np
import pytest
from qgis.analysis import (
    QgsGraphAnalyzer,
    QgsGraphBuilder,
    QgsNetworkDistanceStrategy,
    QgsNetworkSpeedStrategy,
    QgsVectorLayerDirector,
)
from qgis.core import (
    QgsFeature,
    QgsGeometry,
    QgsPointXY,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsVectorLayer,
)

from isrp_plugin.core.accessibility import graph_access
from isrp_plugin.core.network import build_network, get_mode, routing_graph
from isrp_plugin.qgis_io.layers import network_arrays
from tests.qgis.layer_files import save_layer

ATOL = 0.01  # metres or minutes


class Feedback(QgsProcessingFeedback):
    def __init__(self):
        super().__init__()
        self.infos, self.warnings = [], []

    def pushInfo(self, info):  # noqa: N802
        self.infos.append(info)

    def pushWarning(self, warning):  # noqa: N802
        self.warnings.append(warning)


def line_layer(lines, classes, speeds=None):
    vl = QgsVectorLayer("LineString?crs=EPSG:25832&field=highway:string&field=speed:double", "net", "memory")
    feats = []
    for i, (line, cls) in enumerate(zip(lines, classes)):
        f = QgsFeature(vl.fields())
        f.setGeometry(QgsGeometry.fromPolylineXY([QgsPointXY(x, y) for x, y in line]))
        f.setAttributes([cls, None if speeds is None else float(speeds[i])])
        feats.append(f)
    assert vl.dataProvider().addFeatures(feats)
    return vl


def grid_city(n=30, seed=5):
    """Jittered grid streets, ways of 1–4 segments sharing vertices, random OSM-like classes (some NULL)."""
    rng = np.random.default_rng(seed)
    xy = np.stack(np.meshgrid(np.arange(n), np.arange(n), indexing="ij"), -1).astype(float) * 90.0
    xy += rng.uniform(-15, 15, xy.shape) + 600000.0
    lines = []
    for axis in (0, 1):
        for i in range(n):
            row = xy[i, :] if axis == 0 else xy[:, i]
            j = 0
            while j < n - 1:
                step = int(rng.integers(1, 5))
                lines.append([tuple(p) for p in row[j : min(n, j + step + 1)]])
                j += step
    classes = rng.choice(np.array(["residential", "primary", "footway", "unmapped", None], dtype=object),
                         len(lines), p=[0.55, 0.15, 0.15, 0.05, 0.1])
    return lines, list(classes), xy


def qgis_minutes(lines, classes, open_speed, default_kmh, points, n_demand):
    """QGIS's (n_demand, n_fac) costs on the open lines with speeds from ``open_speed`` (class → km/h)."""
    keep = [i for i, c in enumerate(classes) if open_speed.get(c, default_kmh) != 0]
    speeds = [open_speed.get(classes[i]) or default_kmh for i in keep]
    layer = line_layer([lines[i] for i in keep], [classes[i] for i in keep], speeds)
    director = QgsVectorLayerDirector(layer, -1, "", "", "", QgsVectorLayerDirector.DirectionBoth)
    director.addStrategy(QgsNetworkSpeedStrategy(layer.fields().indexOf("speed"), default_kmh, 1000.0 / 60.0))
    builder = QgsGraphBuilder(layer.crs(), False, 0.0, "NONE")
    tied = director.makeGraph(builder, [QgsPointXY(float(x), float(y)) for x, y in points])
    graph = builder.graph()
    vids = [graph.findVertex(p) for p in tied]
    out = np.full((n_demand, len(points) - n_demand), np.inf)
    for i in range(n_demand):
        _, cost = QgsGraphAnalyzer.dijkstra(graph, vids[i], 0)
        cost = np.asarray(cost)[vids[n_demand:]]
        out[i] = np.where(cost < 0, np.inf, cost)
    return out, np.array([[p.x(), p.y()] for p in tied])


def our_minutes(lines, classes, mode, points, n_demand):
    arr = network_arrays(line_layer(lines, classes), class_field="highway")
    net = build_network(arr["coords"], arr["part_offsets"], arr["part_line"], arr["direction"], arr["speed_kmh"],
                        road_class=arr["road_class"])
    g = routing_graph(net, points, mode=mode, cost="time")
    nf = len(points) - n_demand
    res = graph_access(g, np.arange(n_demand), n_demand + np.arange(nf), k=nf, include_access=False)
    out = np.full((n_demand, nf), np.inf)
    for j in range(nf):
        suffix = "" if j == 0 else f"_{j + 1}"
        fac, cost = res[f"fac{suffix}"].to_numpy(), res[f"cost{suffix}"].to_numpy()
        ok = fac >= 0
        out[np.nonzero(ok)[0], fac[ok]] = cost[ok]
    return out, g.ties.tie_xy


@pytest.mark.parametrize("mode_name, table, default_kmh", [
    ("car", {"residential": 30.0, "primary": 50.0, "footway": 0.0}, 40.0),  # unmapped, NULL: the default
    ("bike", {"footway": 4.0, "primary": None, "residential": 18.0}, 15.0),
])
def test_speed_table_agrees_with_qgis_speed_strategy(qgis_app, mode_name, table, default_kmh):
    lines, classes, xy = grid_city()
    rng = np.random.default_rng(8)
    lo, hi = xy.min(axis=(0, 1)), xy.max(axis=(0, 1))
    demand = rng.uniform(lo, hi, (60, 2))
    fac = rng.uniform(lo, hi, (8, 2))
    points = np.vstack([demand, fac])
    mode = get_mode(mode_name, default_kmh, table)
    mine, my_tied = our_minutes(lines, classes, mode, points, len(demand))
    ref, ref_tied = qgis_minutes(lines, classes, {c: v for c, v in table.items()}, default_kmh, points, len(demand))
    np.testing.assert_allclose(my_tied, ref_tied, atol=1e-6)  # tied to the same (open) segments
    assert np.array_equal(np.isinf(mine), np.isinf(ref))
    fin = np.isfinite(ref)
    assert fin.mean() > 0.9
    np.testing.assert_allclose(mine[fin], ref[fin], atol=ATOL, rtol=0)


def test_times_differ_from_distance_and_closed_classes_are_left_out(qgis_app):
    # with a closed class the network seen by cars is the layer without those lines
    lines, classes, xy = grid_city(12, seed=3)
    points = np.vstack([xy[2, 3] + 5, xy[9, 9] - 5, xy[0, 11] + 3])
    table = {"residential": 30.0, "primary": 50.0, "footway": 0.0}
    mine, _ = our_minutes(lines, classes, get_mode("car", 40.0, table), points, 2)
    keep = [i for i, c in enumerate(classes) if c != "footway"]
    layer = line_layer([lines[i] for i in keep], [classes[i] for i in keep])
    director = QgsVectorLayerDirector(layer, -1, "", "", "", QgsVectorLayerDirector.DirectionBoth)
    director.addStrategy(QgsNetworkDistanceStrategy())
    builder = QgsGraphBuilder(layer.crs(), False, 0.0, "NONE")
    tied = director.makeGraph(builder, [QgsPointXY(float(x), float(y)) for x, y in points])
    graph = builder.graph()
    vids = [graph.findVertex(p) for p in tied]
    _, metres = QgsGraphAnalyzer.dijkstra(graph, vids[0], 0)
    # minutes are at least the shortest distance at the fastest speed, at most at the slowest
    shortest = metres[vids[2]]
    assert shortest / (50000 / 60) - 1e-9 <= mine[0, 0] <= shortest / (30000 / 60) + 1e-9


# ---------------------------------------------------------------------------------------------
# through processing.run
# ---------------------------------------------------------------------------------------------

SHIFT = 600000.0
# the hand-made network of tests/core/test_network_road_classes.py (there worked out by hand)
HAND = [([(0, 0), (1000, 0)], "residential"), ([(0, 0), (0, 300), (1000, 300), (1000, 0)], "primary"),
        ([(1000, 0), (2000, -500)], "footway"), ([(2000, -500), (2500, -500), (3000, -500)], "residential"),
        ([(3000, -500), (3000, -300)], "mystery_class")]


def hand_layers(tmp_path):
    net = line_layer([[(x + SHIFT, y + SHIFT) for x, y in line] for line, _ in HAND], [c for _, c in HAND])
    pts = QgsVectorLayer("Point?crs=EPSG:25832&field=name:string", "pts", "memory")
    facs = QgsVectorLayer("Point?crs=EPSG:25832&field=fac_id:string", "facs", "memory")
    for layer, rows in ((pts, [("D", 0, 0)]), (facs, [("F", 1000, 0), ("H", 2500, -500)])):
        feats = []
        for name, x, y in rows:
            f = QgsFeature(layer.fields())
            f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(x + SHIFT, y + SHIFT)))
            f.setAttributes([name])
            feats.append(f)
        layer.dataProvider().addFeatures(feats)
    gpkg = tmp_path / "hand.gpkg"
    return save_layer(net, gpkg, "net"), save_layer(pts, gpkg, "demand"), save_layer(facs, gpkg, "fac")


def run(params, feedback=None):
    from qgis import processing

    return processing.run("isrp:accessibility", params, feedback=feedback or Feedback())


def test_processing_car_with_road_classes(provider, tmp_path):
    net, dem, fac = hand_layers(tmp_path)
    base = {"NETWORK": net, "DEMAND": dem, "FACILITIES": fac, "FACILITY_ID_FIELD": "fac_id", "K": 2,
            "MAX_ACCESS_DISTANCE": 50, "OUTPUT": "memory:"}
    fb = Feedback()
    res = run(dict(base, MODE=2, COST_UNIT=1, ROAD_CLASS_FIELD="highway",
                   SPEED_TABLE="residential=30; primary=50"), fb)
    f = next(res["OUTPUT"].getFeatures())
    # F by the faster primary road (1600 m in 1.92 min); H only over the footway, closed to cars
    assert f["fac_id"] == "F" and f["time_min"] == pytest.approx(1.92) and f["dist_m"] == pytest.approx(1600)
    assert f["fac_id_2"] is None or f["fac_id_2"] == "" or not f["fac_id_2"]
    text = "\n".join(fb.infos + fb.warnings)
    assert "footway (1 lines)" in text  # closed to cars by the shipped table
    assert any("mystery_class (1 lines)" in w and "50 km/h" in w for w in fb.warnings)  # unknown: the default
    # walking: both facilities, shortest paths; the footway is open
    walk = next(run(dict(base, MODE=0, ROAD_CLASS_FIELD="highway"))["OUTPUT"].getFeatures())
    assert walk["fac_id"] == "F" and walk["dist_m"] == pytest.approx(1000)
    assert walk["fac_id_2"] == "H" and walk["dist_m_2"] == pytest.approx(1000 + math.hypot(1000, 500) + 500)
    # without the class field everything is open to cars and runs at 50 km/h: the shortest path wins
    plain = next(run(dict(base, MODE=2, COST_UNIT=1))["OUTPUT"].getFeatures())
    assert plain["dist_m"] == pytest.approx(1000) and plain["time_min"] == pytest.approx(1.2)
    assert plain["fac_id_2"] == "H"


def test_processing_speed_table_errors(provider, tmp_path):
    net, dem, fac = hand_layers(tmp_path)
    base = {"NETWORK": net, "DEMAND": dem, "FACILITIES": fac, "MODE": 2, "OUTPUT": "memory:"}
    with pytest.raises(QgsProcessingException, match="SPEED_TABLE.*primary=fast"):
        run(dict(base, ROAD_CLASS_FIELD="highway", SPEED_TABLE="residential=30; primary=fast"))
    with pytest.raises(QgsProcessingException, match="no field “kind”.*ROAD_CLASS_FIELD"):
        run(dict(base, ROAD_CLASS_FIELD="kind"))
    with pytest.raises(QgsProcessingException, match="every road class is closed"):
        run(dict(base, ROAD_CLASS_FIELD="highway",
                 SPEED_TABLE="residential=0; primary=0; footway=0; mystery_class=0"))
    fb = Feedback()
    run(dict(base, SPEED_TABLE="primary=80"), fb)
    assert any("SPEED_TABLE is ignored" in w for w in fb.warnings)


SAMPLE = __import__("pathlib").Path(__file__).resolve().parents[2] / "resources" / "sample" / "erfurt_sample.gpkg"


@pytest.mark.skipif(not SAMPLE.exists(), reason="sample project missing")
def test_sample_road_classes(provider, tmp_path):
    import shutil

    copy = tmp_path / "sample.gpkg"
    shutil.copy(SAMPLE, copy)
    layers = {n: QgsVectorLayer(f"{copy}|layername={n}", n, "ogr")
              for n in ("strassennetz", "nachfragepunkte", "einrichtungen")}
    n_footways = sum(1 for f in layers["strassennetz"].getFeatures() if f["road_class"] == "footway")
    assert n_footways > 0
    base = {"NETWORK": layers["strassennetz"], "DEMAND": layers["nachfragepunkte"],
            "FACILITIES": layers["einrichtungen"], "FACILITY_FILTER": "\"typ\" = 'kita'", "K": 1,
            "MAX_ACCESS_DISTANCE": 500, "ROAD_CLASS_FIELD": "road_class", "COST_UNIT": 1, "OUTPUT": "memory:"}
    fb = Feedback()
    car = run(dict(base, MODE=2, ONEWAY_FIELD="oneway", ONEWAY_FORWARD="1"), fb)
    assert any(f"footway ({n_footways} lines)" in i for i in fb.infos)
    assert not any("not in the speed table" in w for w in fb.warnings)  # every sample class is in the table
    walk = run(dict(base, MODE=0))
    def minutes(layer):
        return np.array([f["time_min"] if isinstance(f["time_min"], float) else np.nan for f in layer.getFeatures()])

    t_car, t_walk = minutes(car["OUTPUT"]), minutes(walk["OUTPUT"])
    assert len(t_car) == len(t_walk) == layers["nachfragepunkte"].featureCount()
    both = np.isfinite(t_car) & np.isfinite(t_walk)
    assert both.mean() > 0.95
    assert np.median(t_car[both]) < np.median(t_walk[both])  # driving is faster than walking on the sample
