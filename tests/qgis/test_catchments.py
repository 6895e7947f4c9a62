"""isrp:catchments polygons: areas worked out by hand, and the same shapes as GEOS unions.

A catchment polygon is the union of buffers of BUFFER_WIDTH around the reached street pieces
(edges cut exactly at the cost) and the facility's access leg. Round ends are polygons with
vertices on the circle at most 30° apart (GEOS's buffer with three segments per quarter
circle), so a half disc of radius W has an area between 1.5·W² (half a regular 12-gon) and
πW²/2.
"""

import struct

import numpy as np
import pytest
from qgis.core import QgsFeature, QgsGeometry, QgsPointXY, QgsProcessingFeedback, QgsVectorLayer

W = 50.0
SHIFT = (600000.0, 5650000.0)
SAMPLE = __import__("pathlib").Path(__file__).resolve().parents[2] / "resources" / "sample" / "erfurt_sample.gpkg"


class Feedback(QgsProcessingFeedback):
    def __init__(self):
        super().__init__()
        self.infos = []

    def pushInfo(self, info):  # noqa: N802
        self.infos.append(info)


def _xy(x, y):
    return QgsPointXY(x + SHIFT[0], y + SHIFT[1])


def lines_layer(lines):
    vl = QgsVectorLayer("LineString?crs=EPSG:25832&field=road_id:integer", "net", "memory")
    feats = []
    for i, line in enumerate(lines):
        f = QgsFeature(vl.fields())
        f.setGeometry(QgsGeometry.fromPolylineXY([_xy(x, y) for x, y in line]))
        f.setAttributes([i])
        feats.append(f)
    vl.dataProvider().addFeatures(feats)
    return vl


def points_layer(points):
    vl = QgsVectorLayer("Point?crs=EPSG:25832&field=fac_id:string", "fac", "memory")
    feats = []
    for name, (x, y) in points:
        f = QgsFeature(vl.fields())
        f.setGeometry(QgsGeometry.fromPointXY(_xy(x, y)))
        f.setAttributes([name])
        feats.append(f)
    vl.dataProvider().addFeatures(feats)
    return vl


def run(params, feedback=None):
    from qgis import processing

    return processing.run("isrp:catchments", params, feedback=feedback or Feedback())


def stadium(length):
    """Hand bounds for a straight piece's buffer: rectangle 2W × length plus two half discs."""
    return 2 * W * length + 3 * W ** 2, 2 * W * length + np.pi * W ** 2


def test_straight_street_area_by_hand(provider):
    # a 1 km street; A stands on it at x = 300, B at x = 600: 200 m reach [100, 500] and [400, 800]
    street = lines_layer([[(0, 0), (1000, 0)]])
    fb = Feedback()
    res = run({"NETWORK": street, "FACILITIES": points_layer([("A", (300, 0)), ("B", (600, 0))]),
               "FACILITY_ID_FIELD": "fac_id", "COSTS": "200", "BUFFER_WIDTH": W, "OUTPUT": "memory:"}, fb)
    rows = {f["fac_id"]: f for f in res["OUTPUT"].getFeatures()}
    lo, hi = stadium(400)
    for name, x in (("A", 300), ("B", 600)):
        geom = rows[name].geometry()
        assert lo <= geom.area() <= hi
        assert rows[name]["area_km2"] == pytest.approx(geom.area() / 1e6)
        bbox = geom.boundingBox()
        assert bbox.xMinimum() - SHIFT[0] == pytest.approx(x - 200 - W, abs=0.02 * W)
        assert bbox.xMaximum() - SHIFT[0] == pytest.approx(x + 200 + W, abs=0.02 * W)
        assert bbox.yMaximum() - SHIFT[1] == pytest.approx(W) and bbox.yMinimum() - SHIFT[1] == pytest.approx(-W)
        assert not geom.isMultipart() or geom.constGet().numGeometries() == 1
    assert any("Catchment polygons: 2" in i for i in fb.infos)
    assert not any("GEOS instead" in i for i in fb.infos)
    # dissolved: one stadium over [100, 800]
    res = run({"NETWORK": street, "FACILITIES": points_layer([("A", (300, 0)), ("B", (600, 0))]),
               "COSTS": "200", "BUFFER_WIDTH": W, "DISSOLVE": True, "OUTPUT": "memory:"})
    (f,) = list(res["OUTPUT"].getFeatures())
    lo, hi = stadium(700)
    assert f["n_facilities"] == 2 and lo <= f.geometry().area() <= hi


def test_access_leg_and_loop_with_a_hole(provider):
    # a square loop of 300 m; the facility 30 m outside the middle of the south side, cost 2 km: all reached
    s = 300.0
    loop = lines_layer([[(0, 0), (s, 0), (s, s), (0, s), (0, 0)]])
    res = run({"NETWORK": loop, "FACILITIES": points_layer([("A", (150, -30))]), "COSTS": "2000",
               "BUFFER_WIDTH": W, "OUTPUT": "memory:"})
    (f,) = list(res["OUTPUT"].getFeatures())
    geom = f.geometry()
    poly = geom.constGet().geometryN(0)
    assert geom.constGet().numGeometries() == 1 and poly.numInteriorRings() == 1
    # the hole: the inner square of side s − 2W
    hole = QgsGeometry.fromPolygonXY([[QgsPointXY(p) for p in poly.interiorRing(0).points()]])
    assert hole.area() == pytest.approx((s - 2 * W) ** 2, rel=1e-9)
    # outside: a square of side s + 2W with rounded corners, plus the leg's disc below the street's buffer
    # (a circular segment of radius W whose chord lies 20 m from the centre: W²·acos(20/W) − 20·√(W² − 20²))
    full = (s + 2 * W) ** 2
    segment = W ** 2 * np.arccos(20 / W) - 20 * np.sqrt(W ** 2 - 20 ** 2)
    outer_hi = full - (4 - np.pi) * W ** 2 + segment
    outer_lo = full - 4 * W ** 2 + 4 * 0.75 * W ** 2 + 0.9 * segment
    assert outer_lo <= geom.area() + hole.area() <= outer_hi


def multipolygon_of_parts(rings):
    out = [struct.pack("<BII", 1, 6, len(rings))]
    for ring in rings:
        out.append(struct.pack("<BIII", 1, 3, 1, len(ring)))
        out.append(np.ascontiguousarray(ring, dtype="<f8").tobytes())
    geom = QgsGeometry()
    geom.fromWkb(b"".join(out))
    return geom


def random_networks():
    """Street-like pieces: jittered grids, a perfect grid whose buffers touch, crossing random lines, short bits."""
    rng = np.random.default_rng(7)
    nets = []
    for spacing, jitter in ((80.0, 15.0), (100.0, 0.0), (130.0, 30.0), (60.0, 0.0)):
        g = np.stack(np.meshgrid(np.arange(6), np.arange(5), indexing="ij"), -1).reshape(-1, 2) * spacing
        g = g + rng.uniform(-jitter, jitter, g.shape) if jitter else g
        idx = np.arange(len(g)).reshape(6, 5)
        pairs = [(idx[i, j], idx[i + 1, j]) for i in range(5) for j in range(5)] + \
                [(idx[i, j], idx[i, j + 1]) for i in range(6) for j in range(4)]
        keep = [p for p in pairs if rng.random() > 0.15]
        nets.append(np.array([[*g[a], *g[b]] for a, b in keep]))
    pts = rng.uniform(0, 600, (12, 2))
    nets.append(np.hstack([pts[:-1], pts[1:]]))  # a zigzag crossing itself
    short = np.array([[0, 0, 100, 0], [100, 0, 100.01, 0.02], [100.01, 0.02, 180, 60], [180, 60, 180, 60.5],
                      [180, 60.5, 260, 60.5], [0, 0, 0, 0]])
    nets.append(short)
    return [n + np.tile(SHIFT, 2) for n in nets]


@pytest.mark.parametrize("case", range(6))
def test_same_shape_as_geos_union(qgis_app, case):
    from isrp_plugin.core.corridors import corridor_parts, segments_graph
    from isrp_plugin.processing.alg_catchments import corridor_polygons

    segments = random_networks()[case]
    xy, a, b = segments_graph(segments)
    ((geom, used_geos),) = corridor_polygons([(xy, a, b)], W)
    assert geom.isGeosValid()
    # the same convex parts united by GEOS
    parts = QgsGeometry.unaryUnion([multipolygon_of_parts(corridor_parts(xy, a, b, W))])
    assert geom.symDifference(parts).area() <= 1e-9 * parts.area()
    # and GEOS's own buffers of the pieces (the caps' vertices sit elsewhere on the circle: < 1.5 % apart)
    buffers = []
    for x0, y0, x1, y1 in segments.tolist():
        line = QgsGeometry.fromPointXY(QgsPointXY(x0, y0)) if (x0, y0) == (x1, y1) else \
            QgsGeometry.fromPolylineXY([QgsPointXY(x0, y0), QgsPointXY(x1, y1)])
        buffers.append(line.buffer(W, 3))
    geos = QgsGeometry.unaryUnion(buffers)
    assert geom.area() == pytest.approx(geos.area(), rel=0.015)
    assert geom.symDifference(geos).area() <= 0.02 * geos.area()
    # vertices differ by at most a chord's sagitta W·(1 − cos 15°) ≈ 1.7 m on a single arc, more where two
    # polygonal arcs cross at a small angle: a tenth of the width bounds both
    assert geom.hausdorffDistance(geos) <= 0.1 * W
    if case != 1:  # jittered and random pieces never need GEOS (the perfect grid's buffers touch: they may)
        assert not used_geos


@pytest.mark.skipif(not SAMPLE.exists(), reason="sample project missing")
def test_sample_polygons_are_the_buffers_of_the_reached_streets(provider, tmp_path):
    """Erfurt sample: each polygon equals GEOS's union of buffers of the reached pieces (the former method)."""
    import shutil

    from isrp_plugin.core.accessibility import graph_catchments
    from isrp_plugin.core.network import build_network, get_mode, routing_graph
    from isrp_plugin.qgis_io.layers import network_arrays

    gpkg = tmp_path / "sample.gpkg"
    shutil.copy(SAMPLE, gpkg)
    net = QgsVectorLayer(f"{gpkg}|layername=strassennetz", "net", "ogr")
    fac = QgsVectorLayer(f"{gpkg}|layername=einrichtungen", "fac", "ogr")
    flt = "\"typ\" = 'beratung'"
    res = run({"NETWORK": net, "FACILITIES": fac, "FACILITY_FILTER": flt, "FACILITY_ID_FIELD": "fac_id",
               "COSTS": "500, 1000", "BUFFER_WIDTH": W, "OUTPUT": "memory:"})
    got = {(f["fac_id"], f["cost"]): f.geometry() for f in res["OUTPUT"].getFeatures()}
    # reference: reached pieces from the routing graph, buffered and united by GEOS
    arrays = network_arrays(net)
    graph_net = build_network(arrays["coords"], arrays["part_offsets"])
    feats = [f for f in fac.getFeatures() if f["typ"] == "beratung"]
    fxy = np.array([[f.geometry().asPoint().x(), f.geometry().asPoint().y()] for f in feats])
    graph = routing_graph(graph_net, fxy, get_mode("walk"), "distance", np.inf)
    pieces = graph_catchments(graph, np.arange(len(feats)), [500, 1000], include_access=True).pieces
    assert len(got) == 2 * len(feats)
    for i, f in enumerate(feats):
        for cost in (500.0, 1000.0):
            sel = pieces[(pieces["facility"] == i) & (pieces["limit"] == cost)]
            segs = sel[["x0", "y0", "x1", "y1"]].to_numpy().tolist()
            tie = graph.node_xy[graph.point_node[i]]
            frac = min(1.0, cost / graph.access_m[i]) if graph.access_m[i] > 0 else 1.0
            segs.append([*fxy[i], *(fxy[i] + (tie - fxy[i]) * frac)])
            buffers = [(QgsGeometry.fromPointXY(QgsPointXY(x0, y0)) if (x0, y0) == (x1, y1) else
                        QgsGeometry.fromPolylineXY([QgsPointXY(x0, y0), QgsPointXY(x1, y1)])).buffer(W, 3)
                       for x0, y0, x1, y1 in segs]
            ref = QgsGeometry.unaryUnion(buffers)
            geom = got[(f["fac_id"], cost)]
            assert geom.area() == pytest.approx(ref.area(), rel=0.01)
            assert geom.symDifference(ref).area() <= 0.01 * ref.area()
