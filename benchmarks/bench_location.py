"""Benchmark: isrp:locationsuggest end to end (layers in → layer out), p = 1 … 5 of 2,000 candidates.

Scenario (synthetic, city-sized): a 10 km × 10 km square with a jittered street grid (100 m
blocks, about 20,000 segments), 50,000 demand points (Poisson(20) persons, half of them in five
dense neighbourhoods), 2,000 candidate sites and 20 existing facilities at random, catchment
500 m (a Kita's walk). Every run is a full ``processing.run("isrp:locationsuggest")``: read the
layers, build the demand × site costs (straight line: KD-tree; network: bounded Dijkstra from
every site, network from the session cache after the first run), solve, write the output layer to
memory. Layer creation is not timed.

Prints a Markdown table: mode, objective, p, wall-clock and CPU seconds (the CPU time of the process,
all threads; on a busy machine the wall time grows, the CPU time does not), proven optimal,
objective value, gap.

Measured (2026-11-26, default arguments, 2-core machine shared with other jobs, load ≈ 2–3; all
20 runs proven optimal, gap 0):

| mode | objective | p = 1 … 5: CPU s per run | wall s per run |
|---|---|---:|---:|
| straight line | MCLP | 1.39–1.54 | 1.33–1.87 |
| straight line | p-median | 1.32–1.57 | 1.18–1.56 |
| network | MCLP | 2.29–2.85 (first run builds the street graph) | 2.40–3.51 |
| network | p-median | 2.06–2.40 | 2.64–4.90 |

Correctness on a published instance is tested separately (tests/core/test_location_textbook.py:
OR-Library pmed1–pmed5 reach Beasley's published optima).

Usage: ``python benchmarks/bench_location.py [--demand 50000] [--candidates 2000] [--existing 20]
[--d0 500] [--pmax 5] [--modes straight network]``
"""

from __future__ import annotations

import argparse
import os
import sys
import time

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SIDE = 10_000.0
X0, Y0 = 630_000.0, 5_640_000.0  # EPSG:25832


def synthetic(n_demand: int, n_cand: int, n_existing: int, seed: int = 3):
    rng = np.random.default_rng(seed)
    half = n_demand // 2
    centres = rng.uniform(1500, SIDE - 1500, (5, 2))
    dense = centres[rng.integers(0, 5, half)] + rng.normal(0, 500, (half, 2))
    spread = rng.uniform(0, SIDE, (n_demand - half, 2))
    dxy = np.clip(np.vstack([dense, spread]), 0, SIDE) + (X0, Y0)
    pop = rng.poisson(20, n_demand).astype(float)
    cxy = rng.uniform(0, SIDE, (n_cand, 2)) + (X0, Y0)
    exy = rng.uniform(0, SIDE, (n_existing, 2)) + (X0, Y0)
    return dxy, pop, cxy, exy


def street_grid(spacing: float = 100.0, seed: int = 4):
    """Lines of a jittered street grid: one line per block side (segments share their end vertices)."""
    rng = np.random.default_rng(seed)
    n = int(SIDE // spacing) + 1
    grid = np.stack(np.meshgrid(np.arange(n), np.arange(n), indexing="ij"), -1).astype(float) * spacing
    grid += rng.uniform(-15, 15, grid.shape)
    grid += (X0, Y0)
    lines = []
    for i in range(n):
        for j in range(n - 1):
            lines.append((grid[i, j], grid[i, j + 1]))
            lines.append((grid[j, i], grid[j + 1, i]))
    return lines


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--demand", type=int, default=50_000)
    ap.add_argument("--candidates", type=int, default=2_000)
    ap.add_argument("--existing", type=int, default=20)
    ap.add_argument("--d0", type=float, default=500.0)
    ap.add_argument("--pmax", type=int, default=5)
    ap.add_argument("--modes", nargs="+", default=["straight", "network"], choices=["straight", "network"])
    args = ap.parse_args()

    from qgis.core import QgsApplication, QgsFeature, QgsGeometry, QgsPointXY, QgsProject, QgsVectorLayer

    app = QgsApplication([], False)
    app.initQgis()
    sys.path.append(os.path.join(QgsApplication.pkgDataPath(), "python", "plugins"))
    from processing.core.Processing import Processing

    Processing.initialize()
    from qgis import processing

    from isrp_plugin.processing.provider import IsrpProvider

    provider = IsrpProvider()
    QgsApplication.processingRegistry().addProvider(provider)

    def points(xy, name, pop=None):
        spec = "&field=pop:double" if pop is not None else ""
        layer = QgsVectorLayer(f"Point?crs=EPSG:25832{spec}", name, "memory")
        feats = []
        for i, (x, y) in enumerate(xy):
            f = QgsFeature(layer.fields())
            f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(float(x), float(y))))
            if pop is not None:
                f.setAttributes([float(pop[i])])
            feats.append(f)
        layer.dataProvider().addFeatures(feats)
        return layer

    dxy, pop, cxy, exy = synthetic(args.demand, args.candidates, args.existing)
    demand, cand, existing = points(dxy, "demand", pop), points(cxy, "candidates"), points(exy, "existing")
    net = QgsVectorLayer("LineString?crs=EPSG:25832", "net", "memory")
    feats = []
    for a, b in street_grid():
        f = QgsFeature()
        f.setGeometry(QgsGeometry.fromPolylineXY([QgsPointXY(*a), QgsPointXY(*b)]))
        feats.append(f)
    net.dataProvider().addFeatures(feats)
    QgsProject.instance().addMapLayers([demand, cand, existing, net])
    print(f"# isrp:locationsuggest end to end: {args.demand:,} demand points ({pop.sum():,.0f} persons), "
          f"{args.candidates:,} candidates, {args.existing} existing facilities, catchment {args.d0:g} m; "
          f"street grid {len(feats):,} segments\n")
    print("| mode | objective | p | wall s | CPU s | proven optimal | objective value | gap | solution |")
    print("|---|---|---:|---:|---:|---|---:|---:|---|")
    worst = 0.0
    for mode in args.modes:
        for obj, label in ((0, "MCLP"), (1, "p-median")):
            for p in range(1, args.pmax + 1):
                params = {"DEMAND": demand.id(), "POPULATION_FIELD": ["pop"], "CANDIDATES": cand.id(),
                          "EXISTING": existing.id(), "OBJECTIVE": obj, "P": p, "MAX_COST": args.d0,
                          "MODE": 3 if mode == "straight" else 0, "NETWORK": net.id(), "MAX_ACCESS_DISTANCE": 200,
                          "OUTPUT": "memory:"}
                t0, c0 = time.perf_counter(), time.process_time()
                res = processing.run("isrp:locationsuggest", params)
                secs, cpu = time.perf_counter() - t0, time.process_time() - c0
                worst = max(worst, secs)
                unit = "persons" if obj == 0 else "person-m"
                print(f"| {mode} | {label} | {p} | {secs:.2f} | {cpu:.2f} | {'yes' if res['EXACT'] else 'no'} | "
                      f"{res['OBJECTIVE_VALUE']:,.0f} {unit} | {res['GAP']:.2%} | {res['SOLUTION']} |", flush=True)
    print(f"\nslowest run: {worst:.2f} s (the first network run includes building the street graph)")
    QgsProject.instance().clear()


if __name__ == "__main__":
    main()
