"""Benchmark: nearest facility over a street network — our engine vs QGIS per-facility Dijkstra vs networkx.

Generates city-like networks (jittered street grid, ways of four segments sharing vertices with
crossing ways, 5 % of ways missing, 15 % one-way, speeds 30/50 km/h) of about 10k, 100k and 1M
edges, 20,000 random demand points and 200 facilities, and measures, each in a fresh process:

* ``ours``: ``build_network`` + ``network_access`` (walk, nearest facility, all arrays in →
  result table out), and the same with k = 3 and a 1,500 m cut-off;
* ``qgis``: QgsVectorLayerDirector.makeGraph with all points as additional points, then one
  QgsGraphAnalyzer.dijkstra per facility and the minimum per demand point (the QGIS/QNEAT3 way).
  The tie step is O(points × segments) and the Dijkstra runs are timed for a few facilities and
  a subset of points, then extrapolated linearly — the table says so;
* ``networkx``: the same tied graph (from our tie step) into networkx, one
  ``multi_source_dijkstra`` (graph construction + search; skipped if networkx is missing);
* ``e2e`` (``--e2e-sizes``, default 100k): the plugin end to end, layers in → layer out:
  ``processing.run("isrp:accessibility")`` on the network, demand and facility layers stored in a
  temporary GeoPackage, the result written to a GeoPackage (cold: the network is read and built)
  and once more to memory (warm: the network comes from the session cache).

Seconds are wall time; memory is the peak resident set size of the worker process (which also
holds the generated data) and, for ours, the tracemalloc peak of the engine call alone.

Usage: ``python benchmarks/bench_accessibility.py [--sizes 10000 100000 1000000] [--skip-qgis] [--e2e-sizes 100000]``
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
import tracemalloc

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

N_DEMAND = 20_000
N_FAC = 200
SPACING = 80.0


def city(n_edges: int, seed: int = 1):
    """Coordinates, part offsets, directions and speeds of a city-like network of about ``n_edges`` segments."""
    rng = np.random.default_rng(seed)
    side = int(round((1 + np.sqrt(1 + 2 * n_edges)) / 2))
    grid = np.stack(np.meshgrid(np.arange(side), np.arange(side), indexing="ij"), -1).astype(float) * SPACING
    grid += rng.uniform(-20, 20, grid.shape) + 500_000.0
    way = 4
    starts = np.arange(0, side - 1, way)
    ends = np.minimum(starts + way, side - 1)
    parts = []
    for rows in (grid, grid.transpose(1, 0, 2)):  # streets along both axes
        for s, e in zip(starts, ends):
            parts.append(rows[:, s : e + 1])  # (side, len, 2): one way per row
    lens = np.concatenate([np.full(p.shape[0], p.shape[1]) for p in parts])
    coords = np.concatenate([p.reshape(-1, 2) for p in parts])
    keep = rng.random(len(lens)) > 0.05
    coords = coords[np.repeat(keep, lens)]
    lens = lens[keep]
    offsets = np.concatenate([[0], np.cumsum(lens)])
    n_lines = len(lens)
    direction = np.zeros(n_lines, dtype=np.int8)
    oneway = rng.random(n_lines) < 0.15
    direction[oneway] = rng.choice(np.array([1, 2], dtype=np.int8), int(oneway.sum()))
    speed = rng.choice([30.0, 50.0], n_lines)
    lo, hi = coords.min(0), coords.max(0)
    demand = rng.uniform(lo, hi, (N_DEMAND, 2))
    fac = rng.uniform(lo, hi, (N_FAC, 2))
    return coords, offsets, direction, speed, demand, fac


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


# ---------------------------------------------------------------------------------------------
# workers (each runs in its own process)
# ---------------------------------------------------------------------------------------------


def worker_ours(n_edges: int) -> dict:
    from isrp_plugin.core.accessibility import network_access
    from isrp_plugin.core.network import build_network

    coords, offsets, direction, speed, demand, fac = city(n_edges)
    c0 = time.process_time()
    t0 = time.perf_counter()
    net = build_network(coords, offsets, direction=direction, speed_kmh=speed)
    t1 = time.perf_counter()
    res = network_access(net, demand, fac, mode="walk")
    t2 = time.perf_counter()
    cpu = time.process_time() - c0
    res3 = network_access(net, demand, fac, mode="walk", k=3, max_cost=1500.0)
    t4 = time.perf_counter()
    car = network_access(net, demand, fac, mode="car", cost="time")
    t5 = time.perf_counter()
    t3 = t2
    rss = peak_rss_mb()
    n_edges_built, n_nodes_built = net.n_edges, net.n_nodes
    del net
    tracemalloc.start()  # a second, traced run for the engine's own allocations (tracemalloc slows it)
    network_access(build_network(coords, offsets, direction=direction, speed_kmh=speed), demand, fac, mode="walk")
    _, traced = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {
        "edges": n_edges_built, "nodes": n_nodes_built, "build_s": t1 - t0, "nearest_s": t2 - t1, "total_s": t2 - t0,
        "k3_s": t4 - t3, "car_s": t5 - t4, "cpu_s": cpu, "traced_mb": traced / 2**20, "rss_mb": rss,
        "reachable": float(res["reachable"].mean()), "reachable_k3": float(res3["reachable"].mean()),
        "reachable_car": float(car["reachable"].mean()),
        "mean_net_m": float(res["net_m"].mean()),
    }


def worker_qgis(n_edges: int, n_points_sample: int, n_fac_sample: int) -> dict:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from qgis.analysis import QgsGraphAnalyzer, QgsGraphBuilder, QgsNetworkDistanceStrategy, QgsVectorLayerDirector
    from qgis.core import QgsApplication, QgsFeature, QgsGeometry, QgsPointXY, QgsVectorLayer

    app = QgsApplication([], False)
    app.initQgis()
    coords, offsets, _, _, demand, fac = city(n_edges)
    vl = QgsVectorLayer("LineString?crs=EPSG:25832", "net", "memory")
    feats = []
    for a, b in zip(offsets[:-1], offsets[1:]):
        f = QgsFeature()
        f.setGeometry(QgsGeometry.fromPolylineXY([QgsPointXY(x, y) for x, y in coords[a:b]]))
        feats.append(f)
    vl.dataProvider().addFeatures(feats)

    cpu0 = time.process_time()

    def make(points):
        director = QgsVectorLayerDirector(vl, -1, "", "", "", QgsVectorLayerDirector.DirectionBoth)
        director.addStrategy(QgsNetworkDistanceStrategy())
        builder = QgsGraphBuilder(vl.crs(), False, 0.0, "NONE")
        t = time.perf_counter()
        snapped = director.makeGraph(builder, [QgsPointXY(x, y) for x, y in points])
        return builder.graph(), snapped, time.perf_counter() - t

    _, _, t_build0 = make(np.zeros((0, 2)))
    n_pts = min(n_points_sample, N_DEMAND + N_FAC)
    sub_fac = fac[:n_fac_sample]
    sub_dem = demand[: max(0, n_pts - len(sub_fac))]
    graph, snapped, t_build_p = make(np.vstack([sub_dem, sub_fac]))
    per_point = max(t_build_p - t_build0, 0.0) / n_pts
    t_make_full = t_build0 + per_point * (N_DEMAND + N_FAC)
    vids = [graph.findVertex(p) for p in snapped]
    dem_v = np.array(vids[: len(sub_dem)])
    t = time.perf_counter()
    best = np.full(len(dem_v), np.inf)
    for v in vids[len(sub_dem):]:
        _, cost = QgsGraphAnalyzer.dijkstra(graph, v, 0)
        best = np.minimum(best, np.asarray(cost)[dem_v])
    t_dij = (time.perf_counter() - t) / len(sub_fac)
    total = t_make_full + t_dij * N_FAC
    return {
        "cpu_s_timed": time.process_time() - cpu0,
        "makegraph_nopoints_s": t_build0, "makegraph_points_s": t_build_p, "points_timed": n_pts,
        "makegraph_full_s_est": t_make_full, "dijkstra_per_fac_s": t_dij, "fac_timed": len(sub_fac),
        "total_s_est": total, "extrapolated": n_pts < N_DEMAND + N_FAC or len(sub_fac) < N_FAC,
        "rss_mb": peak_rss_mb(), "graph_vertices": graph.vertexCount(),
    }


def worker_networkx(n_edges: int) -> dict:
    try:
        import networkx as nx
    except ImportError:
        return {"skipped": "networkx is not importable (Debian: python3-networkx)"}
    from isrp_plugin.core.network import build_network, routing_graph

    coords, offsets, direction, speed, demand, fac = city(n_edges)
    net = build_network(coords, offsets, direction=direction, speed_kmh=speed)
    g = routing_graph(net, np.vstack([demand, fac]), mode="walk")
    rows, cols, cost, _, _ = g.edges()
    t0 = time.perf_counter()
    G = nx.DiGraph()
    G.add_weighted_edges_from(zip(rows.tolist(), cols.tolist(), cost.tolist()))
    t1 = time.perf_counter()
    sources = set(int(v) for v in g.point_node[N_DEMAND:] if v >= 0)
    dist, paths = nx.multi_source_dijkstra(G, sources, weight="weight")
    dnodes = g.point_node[:N_DEMAND]
    nearest = [paths[v][0] if v in paths else -1 for v in dnodes.tolist()]
    t2 = time.perf_counter()
    return {"graph_s": t1 - t0, "dijkstra_s": t2 - t1, "total_s": t2 - t0, "rss_mb": peak_rss_mb(),
            "reached": float(np.mean([n >= 0 for n in nearest]))}


def worker_e2e(n_edges: int) -> dict:
    """Layers in → layer out: isrp:accessibility through processing.run, inputs in a temporary GeoPackage.

    Timed: a cold run (the street network is read and built) writing the result into a GeoPackage,
    and a warm run (network from the session cache) writing to memory; layer creation is not timed.
    """
    import tempfile

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from qgis.core import (
        QgsApplication,
        QgsFeature,
        QgsField,
        QgsGeometry,
        QgsPointXY,
        QgsProject,
        QgsVectorFileWriter,
        QgsVectorLayer,
    )
    from qgis.PyQt.QtCore import QVariant

    app = QgsApplication([], False)
    app.initQgis()
    sys.path.append(os.path.join(QgsApplication.pkgDataPath(), "python", "plugins"))
    from processing.core.Processing import Processing

    Processing.initialize()
    from qgis import processing

    from isrp_plugin.processing.provider import IsrpProvider

    provider = IsrpProvider()
    QgsApplication.processingRegistry().addProvider(provider)
    coords, offsets, direction, speed, demand, fac = city(n_edges)
    tmp = tempfile.mkdtemp(prefix="isrp_bench_")
    gpkg = os.path.join(tmp, "input.gpkg")

    def save(layer, name, first):
        opts = QgsVectorFileWriter.SaveVectorOptions()
        opts.driverName = "GPKG"
        opts.layerName = name
        if not first:
            opts.actionOnExistingFile = QgsVectorFileWriter.ActionOnExistingFile.CreateOrOverwriteLayer
        writer = getattr(QgsVectorFileWriter, "writeAsVectorFormatV3", None)
        if writer is not None:
            err = writer(layer, gpkg, QgsProject.instance().transformContext(), opts)
        else:
            err = QgsVectorFileWriter.writeAsVectorFormatV2(layer, gpkg, QgsProject.instance().transformContext(),
                                                            opts)
        assert err[0] == QgsVectorFileWriter.WriterError.NoError, err
        return QgsVectorLayer(f"{gpkg}|layername={name}", name, "ogr")

    net = QgsVectorLayer("LineString?crs=EPSG:25832&field=oneway:integer", "net", "memory")
    feats = []
    for i, (a, b) in enumerate(zip(offsets[:-1], offsets[1:])):
        f = QgsFeature(net.fields())
        f.setGeometry(QgsGeometry.fromPolylineXY([QgsPointXY(x, y) for x, y in coords[a:b]]))
        f.setAttributes([int(direction[i])])
        feats.append(f)
    net.dataProvider().addFeatures(feats)
    dem = QgsVectorLayer("Point?crs=EPSG:25832&field=pop:integer", "demand", "memory")
    rng = np.random.default_rng(5)
    feats = []
    for (x, y), pop in zip(demand, rng.integers(0, 30, len(demand))):
        f = QgsFeature(dem.fields())
        f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(x, y)))
        f.setAttributes([int(pop)])
        feats.append(f)
    dem.dataProvider().addFeatures(feats)
    fl = QgsVectorLayer("Point?crs=EPSG:25832", "fac", "memory")
    fl.dataProvider().addAttributes([QgsField("fac_id", QVariant.String)])
    fl.updateFields()
    feats = []
    for i, (x, y) in enumerate(fac):
        f = QgsFeature(fl.fields())
        f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(x, y)))
        f.setAttributes([f"f{i}"])
        feats.append(f)
    fl.dataProvider().addFeatures(feats)
    layers = [save(net, "net", True), save(dem, "demand", False), save(fl, "fac", False)]
    QgsProject.instance().addMapLayers(layers)
    params = {"NETWORK": layers[0].id(), "DEMAND": layers[1].id(), "FACILITIES": layers[2].id(),
              "FACILITY_ID_FIELD": "fac_id", "MODE": 0, "K": 1, "MAX_ACCESS_DISTANCE": 500,
              "POPULATION_FIELD": ["pop"]}
    c0 = time.process_time()
    t0 = time.perf_counter()
    res = processing.run("isrp:accessibility", dict(params, OUTPUT=os.path.join(tmp, "out.gpkg")))
    t1 = time.perf_counter()
    cpu = time.process_time() - c0
    processing.run("isrp:accessibility", dict(params, OUTPUT="memory:"))
    t2 = time.perf_counter()
    out = QgsVectorLayer(res["OUTPUT"], "out", "ogr")
    return {"cold_s": t1 - t0, "warm_s": t2 - t1, "cpu_s": cpu, "rss_mb": peak_rss_mb(),
            "features_out": out.featureCount(), "lines": len(offsets) - 1,
            "reached": 1.0 - res["UNREACHED_POINTS"] / max(res["DEMAND_POINTS"], 1)}


# ---------------------------------------------------------------------------------------------
# driver
# ---------------------------------------------------------------------------------------------


def run_worker(kind: str, n: int, *extra) -> dict:
    cmd = [sys.executable, os.path.abspath(__file__), "--worker", kind, str(n), *map(str, extra)]
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=ROOT)
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")]
    if proc.returncode != 0 or not lines:
        return {"error": (proc.stderr or proc.stdout)[-500:]}
    return json.loads(lines[-1])


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", type=int, nargs="*", default=[10_000, 100_000, 1_000_000])
    ap.add_argument("--skip-qgis", action="store_true")
    ap.add_argument("--networkx-max", type=int, default=100_000, help="largest size run with networkx")
    ap.add_argument("--qgis-max", type=int, default=100_000, help="largest size run with QGIS")
    ap.add_argument("--e2e-sizes", type=int, nargs="*", default=[100_000],
                    help="sizes run end to end through processing.run (layers in → layer out)")
    ap.add_argument("--worker", nargs="+")
    args = ap.parse_args()
    if args.worker:
        kind, n, *extra = args.worker
        fn = {"ours": worker_ours, "qgis": worker_qgis, "networkx": worker_networkx, "e2e": worker_e2e}[kind]
        print(json.dumps(fn(int(n), *map(int, extra))))
        return

    rows = []
    for n in args.sizes:
        ours = run_worker("ours", n)
        print(f"# {n}: ours {json.dumps(ours)}", file=sys.stderr)
        q = {}
        if not args.skip_qgis and n <= args.qgis_max:
            # all points and all facilities at 10k edges; a sample beyond that (extrapolated)
            q = run_worker("qgis", n, 20_200, 200) if n <= 10_000 else run_worker("qgis", n, 1_000, 5)
            print(f"# {n}: qgis {json.dumps(q)}", file=sys.stderr)
        x = run_worker("networkx", n) if n <= args.networkx_max else {"skipped": f"size > {args.networkx_max}"}
        print(f"# {n}: networkx {json.dumps(x)}", file=sys.stderr)
        rows.append((n, ours, q, x))

    print(f"\n{N_DEMAND:,} demand points, {N_FAC} facilities, walking, nearest facility, CPU: {os.cpu_count()} cores\n")
    print("| edges | ours: build + nearest (s) | ours peak RSS / traced (MB) | ours k=3, ≤1.5 km (s) "
          "| ours car, time (s) | QGIS per-facility Dijkstra (s) | speed-up vs QGIS | networkx (s) |")
    print("|---|---|---|---|---|---|---|---|")
    print("| | wall (CPU) | | | | | | |")
    for n, o, q, x in rows:
        if "error" in o:
            print(f"| {n:,} | error: {o['error'][-200:]} |")
            continue
        if q and "total_s_est" in q:
            est = " (extrapolated from {} points, {} facilities)".format(q["points_timed"], q["fac_timed"]) \
                if q["extrapolated"] else ""
            qs = f"{q['total_s_est']:.1f}{est}"
            sp = f"{q['total_s_est'] / o['total_s']:.0f}×"
        else:
            qs, sp = (q.get("error", "not run")[-120:] if q else "not run"), "–"
        xs = f"{x['total_s']:.1f}" if "total_s" in x else x.get("skipped", x.get("error", "?"))[-120:]
        print(f"| {o['edges']:,} | {o['build_s']:.2f} + {o['nearest_s']:.2f} = {o['total_s']:.2f} ({o['cpu_s']:.2f}) "
              f"| {o['rss_mb']:.0f} / {o['traced_mb']:.0f} | {o['k3_s']:.2f} | {o['car_s']:.2f} | {qs} | {sp} | {xs} |")

    if args.e2e_sizes:
        print("\nEnd to end through processing.run (isrp:accessibility, layers in a GeoPackage → result layer):\n")
        print("| edges | lines | cold: read + build network + nearest + write GeoPackage (s) "
              "| warm: network from the cache, output in memory (s) | peak RSS (MB) |")
        print("|---|---|---|---|---|")
        for n in args.e2e_sizes:
            e = run_worker("e2e", n)
            print(f"# {n}: e2e {json.dumps(e)}", file=sys.stderr)
            if "error" in e:
                print(f"| {n:,} | error: {e['error'][-200:]} |")
                continue
            print(f"| ~{n:,} | {e['lines']:,} | {e['cold_s']:.2f} (CPU {e['cpu_s']:.2f}) | {e['warm_s']:.2f} "
                  f"| {e['rss_mb']:.0f} |")


if __name__ == "__main__":
    main()
