"""Benchmark: catchment polygons (isrp:catchments) — the union of buffers around the reached streets.

For every facility and cost the polygon is the union of buffers of 50 m around the reached
street pieces (edges cut at the cost) and the access leg. Measured per polygon, wall time and
CPU time of this process (``time.process_time``; the machine is shared, so wall times are
upper bounds and CPU time is the steadier figure):

* ``before``: the former method — ``QgsGeometry.buffer`` of every piece (3 segments per quarter
  circle) and one ``QgsGeometry.unaryUnion`` per polygon — on a random ``1/--old-every`` of the
  polygons (it takes 40–90 ms each);
* ``after``: ``network_pieces`` + ``corridor_polygons`` (the boundary computed directly, a few
  facilities per vectorised pass, GEOS only as fallback) on all polygons; the area difference to
  ``before`` on the common polygons is reported (the round ends' vertices sit elsewhere on the
  circle: < 1 %);
* ``e2e`` (sample only): ``processing.run("isrp:catchments")`` on a copy of the sample, per
  facility and dissolved.

Scenarios: the Erfurt sample (484 facilities, 500 and 1,000 m walking: 968 polygons) and the
generated city of ``bench_accessibility.city`` (``--city-edges``, ``--city-facilities``).

Usage: ``python benchmarks/bench_catchments.py [--old-every 16] [--city-edges 100000]
[--city-facilities 200] [--skip-city] [--skip-e2e]``
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, ROOT)
sys.path.insert(0, HERE)

SAMPLE = os.path.join(ROOT, "resources", "sample", "erfurt_sample.gpkg")
WIDTH = 50.0
COSTS = (500.0, 1000.0)


class Clock:
    """Wall and CPU seconds since creation."""

    def __init__(self):
        self.wall, self.cpu = time.perf_counter(), time.process_time()

    def read(self):
        return time.perf_counter() - self.wall, time.process_time() - self.cpu


def qgis_app():
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from qgis.core import QgsApplication

    app = QgsApplication([], False)
    app.initQgis()
    return app


def reached(graph, fac_xy, costs):
    """Per (facility, cost): the reached pieces as (xy, a, b) for the engine and as segments for the old method."""
    from isrp_plugin.core.accessibility import graph_catchments
    from isrp_plugin.core.corridors import network_pieces

    nf = len(fac_xy)
    clock = Clock()
    pieces = graph_catchments(graph, np.arange(nf), costs, include_access=True).pieces
    t_graph = clock.read()
    groups = {key: rows for key, rows in pieces.groupby(["facility", "limit"]).indices.items()}
    u, v, frac = (pieces[c].to_numpy() for c in ("u", "v", "frac"))
    seg = pieces[["x0", "y0", "x1", "y1"]].to_numpy()
    out = []
    for i in range(nf):
        node = graph.point_node[i]
        if node < 0:
            continue
        for cost in costs:
            rows = groups.get((i, cost), np.zeros(0, dtype=np.int64))
            leg = graph.access_m[i]
            lf = min(1.0, cost / leg) if leg > 0 else 1.0
            net = network_pieces(graph.node_xy, u[rows], v[rows], frac[rows], fac_xy[i : i + 1], [node], [lf])
            tie = graph.node_xy[node]
            segments = np.vstack([seg[rows], [[*fac_xy[i], *(fac_xy[i] + (tie - fac_xy[i]) * lf)]]])
            out.append(((i, cost), net, segments))
    return out, t_graph


def old_polygon(segments):
    from qgis.core import QgsGeometry, QgsPointXY

    caps = []
    for x0, y0, x1, y1 in segments.tolist():
        line = QgsGeometry.fromPointXY(QgsPointXY(x0, y0)) if (x0, y0) == (x1, y1) else \
            QgsGeometry.fromPolylineXY([QgsPointXY(x0, y0), QgsPointXY(x1, y1)])
        caps.append(line.buffer(WIDTH, 3))
    return QgsGeometry.unaryUnion(caps)


def compare(items, old_every: int, batch: int) -> dict:
    """Old method on every ``old_every``-th polygon, new method on all; per-polygon times and area agreement."""
    from isrp_plugin.processing.alg_catchments import corridor_polygons

    n = len(items)
    old_idx = sorted(np.random.default_rng(1).choice(n, max(1, n // old_every), replace=False).tolist())
    clock = Clock()
    old = {k: old_polygon(items[k][2]) for k in old_idx}
    old_wall, old_cpu = clock.read()
    clock = Clock()
    new = []
    for start in range(0, n, batch):
        new += corridor_polygons([it[1] for it in items[start : start + batch]], WIDTH)
    new_wall, new_cpu = clock.read()
    diff = [abs(new[k][0].area() - old[k].area()) / old[k].area() for k in old_idx if old[k].area() > 0]
    pieces = [len(it[1][1]) for it in items]
    return {
        "polygons": n, "mean_pieces": float(np.mean(pieces)), "max_pieces": int(np.max(pieces)),
        "before_polygons": len(old_idx),
        "before_ms_wall": 1000 * old_wall / len(old_idx), "before_ms_cpu": 1000 * old_cpu / len(old_idx),
        "after_ms_wall": 1000 * new_wall / n, "after_ms_cpu": 1000 * new_cpu / n,
        "after_geos_fallbacks": int(sum(fb for _, fb in new)),
        "area_diff_max": float(max(diff)) if diff else None, "area_diff_mean": float(np.mean(diff)) if diff else None,
    }


def sample_scenario(args) -> dict:
    from qgis.core import QgsVectorLayer

    from isrp_plugin.core.network import build_network, get_mode, routing_graph
    from isrp_plugin.processing.alg_catchments import BATCH_FACILITIES
    from isrp_plugin.qgis_io.layers import network_arrays

    tmp = tempfile.mkdtemp(prefix="isrp_bench_catch_")
    gpkg = os.path.join(tmp, "sample.gpkg")
    shutil.copy(SAMPLE, gpkg)  # QGIS writes into any GeoPackage it opens
    net = QgsVectorLayer(f"{gpkg}|layername=strassennetz", "net", "ogr")
    fac = QgsVectorLayer(f"{gpkg}|layername=einrichtungen", "fac", "ogr")
    arrays = network_arrays(net)
    network = build_network(arrays["coords"], arrays["part_offsets"])
    fac_xy = np.array([[f.geometry().asPoint().x(), f.geometry().asPoint().y()] for f in fac.getFeatures()])
    graph = routing_graph(network, fac_xy, get_mode("walk"), "distance", np.inf)
    items, (g_wall, g_cpu) = reached(graph, fac_xy, COSTS)
    out = {"scenario": f"Erfurt sample: {len(fac_xy)} facilities × {len(COSTS)} costs, {network.n_edges} edges",
           "graph_catchments_s_wall": g_wall, "graph_catchments_s_cpu": g_cpu}
    out.update(compare(items, args.old_every, BATCH_FACILITIES * len(COSTS)))
    if not args.skip_e2e:
        out.update(e2e(net, fac))
    shutil.rmtree(tmp, ignore_errors=True)
    return out


def e2e(net, fac) -> dict:
    from qgis.core import QgsApplication

    sys.path.append(os.path.join(QgsApplication.pkgDataPath(), "python", "plugins"))
    from processing.core.Processing import Processing

    Processing.initialize()
    from qgis import processing

    from isrp_plugin.processing.provider import IsrpProvider

    provider = IsrpProvider()
    QgsApplication.processingRegistry().addProvider(provider)
    params = {"NETWORK": net, "FACILITIES": fac, "COSTS": ", ".join(f"{c:g}" for c in COSTS),
              "BUFFER_WIDTH": WIDTH, "OUTPUT": "memory:"}
    processing.run("isrp:catchments", dict(params, COSTS="100"))  # warm the network cache
    out = {}
    for key, extra in (("e2e", {}), ("e2e_dissolved", {"DISSOLVE": True})):
        clock = Clock()
        res = processing.run("isrp:catchments", dict(params, **extra))
        wall, cpu = clock.read()
        out[f"{key}_s_wall"], out[f"{key}_s_cpu"] = wall, cpu
        out[f"{key}_features"] = res["OUTPUT"].featureCount()
    QgsApplication.processingRegistry().removeProvider(provider)
    return out


def city_scenario(args) -> dict:
    from bench_accessibility import city

    from isrp_plugin.core.network import build_network, get_mode, routing_graph
    from isrp_plugin.processing.alg_catchments import BATCH_FACILITIES

    coords, offsets, direction, speed, _, fac = city(args.city_edges)
    fac = fac[: args.city_facilities]
    network = build_network(coords, offsets, direction=direction, speed_kmh=speed)
    graph = routing_graph(network, fac, get_mode("walk"), "distance", np.inf)
    items, (g_wall, g_cpu) = reached(graph, fac, COSTS)
    out = {"scenario": f"generated city: {len(fac)} facilities × {len(COSTS)} costs, {network.n_edges} edges",
           "graph_catchments_s_wall": g_wall, "graph_catchments_s_cpu": g_cpu}
    out.update(compare(items, args.old_every, BATCH_FACILITIES * len(COSTS)))
    return out


def table(rows) -> str:
    lines = ["| scenario | polygons (mean/max pieces) | before: ms per polygon wall / CPU | after: ms per "
             "polygon wall / CPU | GEOS fallbacks | area diff max |",
             "|---|---|---|---|---|---|"]
    for r in rows:
        lines.append(f"| {r['scenario']} | {r['polygons']} ({r['mean_pieces']:.0f}/{r['max_pieces']}) | "
                     f"{r['before_ms_wall']:.1f} / {r['before_ms_cpu']:.1f} ({r['before_polygons']} polygons) | "
                     f"{r['after_ms_wall']:.1f} / {r['after_ms_cpu']:.1f} | {r['after_geos_fallbacks']} | "
                     f"{100 * (r['area_diff_max'] or 0):.2f} % |")
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--old-every", type=int, default=16, help="time the former method on 1/n of the polygons")
    ap.add_argument("--city-edges", type=int, default=100_000)
    ap.add_argument("--city-facilities", type=int, default=200)
    ap.add_argument("--skip-city", action="store_true")
    ap.add_argument("--skip-e2e", action="store_true")
    args = ap.parse_args()
    _app = qgis_app()  # noqa: F841 - keeps QGIS alive
    rows = []
    if os.path.exists(SAMPLE):
        rows.append(sample_scenario(args))
    if not args.skip_city:
        rows.append(city_scenario(args))
    for r in rows:
        print(json.dumps(r))
    print()
    print(table(rows))
    for r in rows:
        if "e2e_s_wall" in r:
            print(f"\nprocessing.run isrp:catchments on the sample ({r['e2e_features']} polygons): "
                  f"{r['e2e_s_wall']:.1f} s wall, {r['e2e_s_cpu']:.1f} s CPU; dissolved ({r['e2e_dissolved_features']} "
                  f"polygons): {r['e2e_dissolved_s_wall']:.1f} s wall, {r['e2e_dissolved_s_cpu']:.1f} s CPU")


if __name__ == "__main__":
    main()
