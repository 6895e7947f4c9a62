"""Benchmark: nearest facility over a street network — our engine vs QGIS per-facility Dijkstra vs networkx.

Generates city-like networks (jittered street grid, ways of four segments sharing vertices with
crossing ways, 5 % of ways missing, 15 % one-way, speeds 30/50 km/h, OSM-like road classes) of
about 10k, 100k and 1M edges, 20,000 random demand points and 200 facilities, and measures, each
in a fresh process, wall time and CPU time (``time.process_time``: all threads of the process;
the machine is shared, so wall times are upper bounds and CPU times the steadier figure):

* ``ours``: ``build_network`` + ``network_access`` (walk, nearest facility, all arrays in →
  result table out), and the same with k = 3 and a 1,500 m cut-off, and by car in minutes;
* ``qgis`` = baseline (a), the QGIS / QNEAT3 way end to end: the points read from their layers,
  ``QgsVectorLayerDirector.makeGraph`` with all 20,200 points as additional points (QGIS ties
  them to the network in that call: every point against every segment), then one
  ``QgsGraphAnalyzer.dijkstra`` per facility and the minimum per demand point. Run in full (no
  extrapolation) unless ``--qgis-sample P F`` asks for P points and F facilities, in which case
  the tie step is extrapolated linearly in the number of points (it is O(points × segments)) and
  the Dijkstra runs linearly in the number of facilities — the table says so;
* ``networkx`` = baseline (b): the same tied graph (from our tie step) into networkx, one
  ``multi_source_dijkstra`` (graph construction + search; skipped if networkx is missing);
* ``e2e`` (``--e2e-sizes``, default 100k): the plugin end to end, layers in → layer out:
  ``processing.run("isrp:accessibility")`` on the network, demand and facility layers stored in a
  GeoPackage, the runs of ``E2E_RUNS`` one after another: the first run on the network (read and
  built) into a GeoPackage, the same again (network and tied points from the session cache) into
  a GeoPackage and into memory, a run whose points must be tied again, and the car mode with
  one-way and road-class speeds. Each in two kinds of process, ``--e2e-repeats`` each: *fresh*
  (the first run also pays QGIS's own first-use costs) and *session* (the algorithm ran once on a
  small separate city first, as in a QGIS session that has done some work). ``--profile`` prints
  a cProfile (CPU time) of the first two runs.

Memory is the peak resident set size of the worker process (which also holds the generated data)
and, for ours, the tracemalloc peak of the engine call alone.

Usage: ``python benchmarks/bench_accessibility.py [--sizes 10000 100000 1000000] [--skip-qgis]
[--qgis-sample 1000 5] [--e2e-sizes 100000] [--e2e-repeats 3] [--profile]``
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


def road_classes(n_lines: int, seed: int = 2) -> np.ndarray:
    """OSM-like ``highway`` values per line: mostly residential, some main roads, 5 % footways, 1 % unknown."""
    rng = np.random.default_rng(seed)
    names = np.array(["residential", "tertiary", "secondary", "primary", "footway", "living_street", "unmapped"])
    return names[rng.choice(len(names), n_lines, p=[0.6, 0.15, 0.1, 0.07, 0.05, 0.02, 0.01])]


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


class Clock:
    """Wall and CPU seconds (all threads of this process) since creation."""

    def __init__(self):
        self.wall0, self.cpu0 = time.perf_counter(), time.process_time()

    def read(self):
        return time.perf_counter() - self.wall0, time.process_time() - self.cpu0


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


def _qgis_app():
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from qgis.core import QgsApplication

    app = QgsApplication([], False)
    app.initQgis()
    return app


def _line_layer(coords, offsets, extra_fields=(), values=None):
    """A memory line layer of the generated network (``values[i]``: attributes of line i)."""
    from qgis.core import QgsFeature, QgsGeometry, QgsPointXY, QgsVectorLayer

    uri = "LineString?crs=EPSG:25832" + "".join(f"&field={name}:{kind}" for name, kind in extra_fields)
    vl = QgsVectorLayer(uri, "net", "memory")
    feats = []
    for i, (a, b) in enumerate(zip(offsets[:-1], offsets[1:])):
        f = QgsFeature(vl.fields())
        f.setGeometry(QgsGeometry.fromPolylineXY([QgsPointXY(x, y) for x, y in coords[a:b]]))
        if values is not None:
            f.setAttributes(list(values[i]))
        feats.append(f)
    vl.dataProvider().addFeatures(feats)
    return vl


def _point_layer(xy, name):
    from qgis.core import QgsFeature, QgsGeometry, QgsPointXY, QgsVectorLayer

    vl = QgsVectorLayer("Point?crs=EPSG:25832", name, "memory")
    feats = []
    for x, y in xy:
        f = QgsFeature()
        f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(x, y)))
        feats.append(f)
    vl.dataProvider().addFeatures(feats)
    return vl


def worker_qgis(n_edges: int, n_points_sample: int = 0, n_fac_sample: int = 0) -> dict:
    """Baseline (a): makeGraph with the points tied + one dijkstra per facility (full, or a sample extrapolated)."""
    _app = _qgis_app()  # noqa: F841 - keeps QGIS alive
    from qgis.analysis import QgsGraphAnalyzer, QgsGraphBuilder, QgsNetworkDistanceStrategy, QgsVectorLayerDirector

    coords, offsets, _, _, demand, fac = city(n_edges)
    net = _line_layer(coords, offsets)
    dem_layer, fac_layer = _point_layer(demand, "demand"), _point_layer(fac, "fac")
    full = n_points_sample <= 0 or n_fac_sample <= 0
    n_fac = N_FAC if full else min(n_fac_sample, N_FAC)
    n_dem = N_DEMAND if full else max(0, min(n_points_sample, N_DEMAND + N_FAC) - n_fac)

    def make(points):
        director = QgsVectorLayerDirector(net, -1, "", "", "", QgsVectorLayerDirector.DirectionBoth)
        director.addStrategy(QgsNetworkDistanceStrategy())
        builder = QgsGraphBuilder(net.crs(), False, 0.0, "NONE")
        clock = Clock()
        snapped = director.makeGraph(builder, points)
        return builder.graph(), snapped, clock.read()

    out = {"full": full, "points_timed": n_dem + n_fac, "fac_timed": n_fac}
    if not full:  # the graph without points, to split the tie step off for the extrapolation
        _, _, (w0, c0) = make([])
        out.update(makegraph_nopoints_s=w0, makegraph_nopoints_cpu_s=c0)
    clock = Clock()
    dem_pts = [f.geometry().asPoint() for f in dem_layer.getFeatures()][:n_dem]
    fac_pts = [f.geometry().asPoint() for f in fac_layer.getFeatures()][:n_fac]
    read_s, read_cpu = clock.read()
    graph, snapped, (wm, cm) = make(dem_pts + fac_pts)
    vids = [graph.findVertex(p) for p in snapped]
    dem_v = np.array(vids[:n_dem])
    clock = Clock()
    best = np.full(len(dem_v), np.inf)
    for v in vids[n_dem:]:
        _, cost = QgsGraphAnalyzer.dijkstra(graph, v, 0)
        cost = np.asarray(cost)[dem_v]
        best = np.minimum(best, np.where(cost < 0, np.inf, cost))
    wd, cd = clock.read()
    out.update(read_s=read_s, read_cpu_s=read_cpu, makegraph_s=wm, makegraph_cpu_s=cm, dijkstra_s=wd,
               dijkstra_cpu_s=cd, graph_vertices=graph.vertexCount(), rss_mb=peak_rss_mb(),
               reached=float(np.isfinite(best).mean()) if len(best) else None)
    if full:
        out["total_s"] = read_s + wm + wd
        out["total_cpu_s"] = read_cpu + cm + cd
    else:  # tie step linear in points, Dijkstra runs linear in facilities
        n_all = N_DEMAND + N_FAC
        scale = n_all / max(n_dem + n_fac, 1)
        out["total_s"] = w0 + (wm - w0) * scale + wd * N_FAC / max(n_fac, 1) + read_s * scale
        out["total_cpu_s"] = c0 + (cm - c0) * scale + cd * N_FAC / max(n_fac, 1) + read_cpu * scale
    return out


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


def _e2e_inputs(n_edges: int, gpkg: str, seed: int = 1, n_demand: int = N_DEMAND, n_fac: int = N_FAC):
    """The city of ``n_edges`` as three layers (net with one-way and class fields, demand with pop, fac) in ``gpkg``."""
    from qgis.core import QgsFeature, QgsGeometry, QgsPointXY, QgsProject, QgsVectorFileWriter, QgsVectorLayer

    from isrp_plugin.qgis_io.compat import make_field

    coords, offsets, direction, speed, demand, fac = city(n_edges, seed)
    demand, fac = demand[:n_demand], fac[:n_fac]
    classes = road_classes(len(offsets) - 1)

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

    net = _line_layer(coords, offsets, [("oneway", "integer"), ("highway", "string")],
                      list(zip(direction.tolist(), classes.tolist())))
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
    fl.dataProvider().addAttributes([make_field("fac_id", "string")])
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
    return layers, len(offsets) - 1


def _e2e_params(layers):
    return {"NETWORK": layers[0].id(), "DEMAND": layers[1].id(), "FACILITIES": layers[2].id(),
            "FACILITY_ID_FIELD": "fac_id", "MODE": 0, "K": 1, "MAX_ACCESS_DISTANCE": 500,
            "POPULATION_FIELD": ["pop"]}


#: the end-to-end runs of one worker, in this order: (label, what changes)
E2E_RUNS = (
    ("first_gpkg", "walk, first run on this network: read and built → GeoPackage"),
    ("again_gpkg", "the same again (network and tied points cached) → GeoPackage"),
    ("again_memory", "the same → memory layer"),
    ("new_points_gpkg", "access limit 499 m: points tied again on the cached network → GeoPackage"),
    ("car_first_gpkg", "car, minutes, one-way and road-class speeds: network built again → GeoPackage"),
    ("car_again_memory", "the same again → memory layer"),
)


def worker_e2e(n_edges: int, profile: int = 0, session: int = 0) -> dict:
    """Layers in → layer out: isrp:accessibility through processing.run, inputs in a temporary GeoPackage.

    ``session`` = 0: a fresh process, the first run pays QGIS's own first-use costs (GDAL's and
    QGIS's writers, PROJ) besides reading and building the network. ``session`` = 1: before the
    timed runs the same algorithm runs once on a small, separate city (as a QGIS session that has
    done some work), so the first timed run measures reading and building this network. Timed:
    the runs of :data:`E2E_RUNS`; layer creation is not timed.
    """
    import cProfile
    import io
    import pstats
    import shutil
    import tempfile

    _app = _qgis_app()  # noqa: F841
    from qgis.core import QgsApplication, QgsProject, QgsVectorLayer

    sys.path.append(os.path.join(QgsApplication.pkgDataPath(), "python", "plugins"))
    from processing.core.Processing import Processing

    Processing.initialize()
    from qgis import processing

    from isrp_plugin.processing.provider import IsrpProvider

    provider = IsrpProvider()
    QgsApplication.processingRegistry().addProvider(provider)
    tmp = tempfile.mkdtemp(prefix="isrp_bench_")
    if session:
        small, _ = _e2e_inputs(2_000, os.path.join(tmp, "small.gpkg"), seed=7, n_demand=500, n_fac=10)
        processing.run("isrp:accessibility", dict(_e2e_params(small), OUTPUT=os.path.join(tmp, "small_out.gpkg")))
    layers, n_lines = _e2e_inputs(n_edges, os.path.join(tmp, "input.gpkg"))
    params = _e2e_params(layers)
    car = dict(params, MODE=2, COST_UNIT=1, ONEWAY_FIELD="oneway", ONEWAY_FORWARD="1", ONEWAY_BACKWARD="2",
               ROAD_CLASS_FIELD="highway")
    settings = {"first_gpkg": params, "again_gpkg": params, "again_memory": params,
                "new_points_gpkg": dict(params, MAX_ACCESS_DISTANCE=499), "car_first_gpkg": car,
                "car_again_memory": car}
    out = {"lines": n_lines, "session": session}
    for i, (label, _) in enumerate(E2E_RUNS):
        dest = "memory:" if label.endswith("memory") else os.path.join(tmp, f"out_{label}.gpkg")
        prof = cProfile.Profile(time.process_time) if profile and i < 2 else None
        clock = Clock()
        if prof:
            prof.enable()
        res = processing.run("isrp:accessibility", dict(settings[label], OUTPUT=dest))
        if prof:
            prof.disable()
        wall, cpu = clock.read()
        out[label] = {"wall_s": wall, "cpu_s": cpu,
                      "reached": 1.0 - res["UNREACHED_POINTS"] / max(res["DEMAND_POINTS"], 1)}
        if prof:
            text = io.StringIO()
            pstats.Stats(prof, stream=text).sort_stats("cumulative").print_stats(35)
            print(f"## profile (CPU time) of {label}\n{text.getvalue()}", file=sys.stderr)
        if label == "first_gpkg":
            out["features_out"] = QgsVectorLayer(res["OUTPUT"], "out", "ogr").featureCount()
    out["rss_mb"] = peak_rss_mb()
    QgsProject.instance().removeAllMapLayers()
    shutil.rmtree(tmp, ignore_errors=True)
    return out


# ---------------------------------------------------------------------------------------------
# driver
# ---------------------------------------------------------------------------------------------


def run_worker(kind: str, n: int, *extra) -> dict:
    cmd = [sys.executable, os.path.abspath(__file__), "--worker", kind, str(n), *map(str, extra)]
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=ROOT)
    if proc.stderr and "## profile" in proc.stderr:
        print(proc.stderr[proc.stderr.index("## profile"):], file=sys.stderr)
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")]
    if proc.returncode != 0 or not lines:
        return {"error": (proc.stderr or proc.stdout)[-500:]}
    return json.loads(lines[-1])


def _pair(wall, cpu):
    return f"{wall:.2f} (CPU {cpu:.2f})"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", type=int, nargs="*", default=[10_000, 100_000, 1_000_000])
    ap.add_argument("--skip-qgis", action="store_true")
    ap.add_argument("--qgis-sample", type=int, nargs=2, metavar=("POINTS", "FACILITIES"), default=None,
                    help="time QGIS with this many points and facilities and extrapolate (default: run in full)")
    ap.add_argument("--networkx-max", type=int, default=100_000, help="largest size run with networkx")
    ap.add_argument("--qgis-max", type=int, default=100_000, help="largest size run with QGIS")
    ap.add_argument("--e2e-sizes", type=int, nargs="*", default=[100_000],
                    help="sizes run end to end through processing.run (layers in → layer out)")
    ap.add_argument("--e2e-repeats", type=int, default=3, help="fresh processes per e2e size (cold runs)")
    ap.add_argument("--profile", action="store_true", help="print a CPU-time cProfile of the e2e runs")
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
            q = run_worker("qgis", n, *(args.qgis_sample or (0, 0)))
            print(f"# {n}: qgis {json.dumps(q)}", file=sys.stderr)
        x = run_worker("networkx", n) if n <= args.networkx_max else {"skipped": f"size > {args.networkx_max}"}
        print(f"# {n}: networkx {json.dumps(x)}", file=sys.stderr)
        rows.append((n, ours, q, x))

    if rows:
        print(f"\n{N_DEMAND:,} demand points, {N_FAC} facilities, walking, nearest facility, "
              f"CPU: {os.cpu_count()} cores; seconds wall (CPU)\n")
        print("| edges | ours: build + nearest, wall (CPU) | ours peak RSS / traced (MB) | ours k=3, ≤1.5 km "
              "| ours car, time | (a) QGIS makeGraph with points + per-facility Dijkstra | (a) ÷ ours | "
              "(b) networkx |")
        print("|---|---|---|---|---|---|---|---|")
        for n, o, q, x in rows:
            if "error" in o:
                print(f"| {n:,} | error: {o['error'][-200:]} |")
                continue
            if q and "total_s" in q:
                how = "" if q["full"] else " (extrapolated from {} points, {} facilities)".format(
                    q["points_timed"], q["fac_timed"])
                qs = f"{_pair(q['total_s'], q['total_cpu_s'])}: makeGraph {q['makegraph_s']:.1f}, " \
                     f"Dijkstra {q['dijkstra_s']:.1f}{how}"
                sp = f"{q['total_s'] / o['total_s']:.0f}× wall, {q['total_cpu_s'] / o['cpu_s']:.0f}× CPU"
            else:
                qs, sp = (q.get("error", "not run")[-120:] if q else "not run"), "–"
            xs = f"{x['total_s']:.1f}" if "total_s" in x else x.get("skipped", x.get("error", "?"))[-120:]
            print(f"| {o['edges']:,} | {o['build_s']:.2f} + {o['nearest_s']:.2f} = {_pair(o['total_s'], o['cpu_s'])} "
                  f"| {o['rss_mb']:.0f} / {o['traced_mb']:.0f} | {o['k3_s']:.2f} | {o['car_s']:.2f} | {qs} | {sp} "
                  f"| {xs} |")

    if args.e2e_sizes:
        print("\nEnd to end through processing.run (isrp:accessibility, layers in a GeoPackage → result layer); "
              "seconds wall (CPU), fastest and slowest of the processes (ordered by CPU time):\n")
        for label, what in E2E_RUNS:
            print(f"- `{label}`: {what}")
        print("\n| edges | lines | process | " + " | ".join(label for label, _ in E2E_RUNS) + " | peak RSS (MB) |")
        print("|---|---|---|" + "---|" * len(E2E_RUNS) + "---|")
        for n in args.e2e_sizes:
            for session in (0, 1):
                runs = []
                for r in range(max(args.e2e_repeats, 1)):
                    e = run_worker("e2e", n, 1 if (args.profile and r == 0) else 0, session)
                    print(f"# {n}: e2e {json.dumps(e)}", file=sys.stderr)
                    if "error" in e:
                        print(f"| {n:,} | error: {e['error'][-200:]} |")
                        break
                    runs.append(e)
                if not runs:
                    continue
                cells = []
                for label, _ in E2E_RUNS:
                    by_cpu = sorted(runs, key=lambda e: e[label]["cpu_s"])
                    lo, hi = by_cpu[0][label], by_cpu[-1][label]
                    cells.append(_pair(lo["wall_s"], lo["cpu_s"]) + ("" if len(runs) == 1 else
                                                                     " … " + _pair(hi["wall_s"], hi["cpu_s"])))
                kind = "fresh" if not session else "session"
                print(f"| ~{n:,} | {runs[0]['lines']:,} | {kind} | " + " | ".join(cells)
                      + f" | {max(e['rss_mb'] for e in runs):.0f} |")


if __name__ == "__main__":
    main()
