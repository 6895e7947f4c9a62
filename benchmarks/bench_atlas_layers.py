#!/usr/bin/env python3
"""Benchmark the atlas algorithms end to end on QGIS layers: 10,000 districts × 100 indicators × 10 years.

What ``benchmarks/bench_atlas.py`` measures for the pure core (parse, join, classify), this measures
through Processing, as the Atlas dock and ``qgis_process`` run it: ``isrp:loadatlas`` from ten
German-format CSV files (cp1252, ';', decimal comma, '.' and '-') onto 10,000 polygons, writing a
memory layer and a GeoPackage (one feature per district with 1,000 year fields + 100 change fields),
also in the long output layout (one feature per district and year), then ``isrp:socialindex``
(3 status + 3 dynamics fields) and ``isrp:suppress`` (50 counts of one year) on the result. The
same CSV generator as bench_atlas.py is used. Each step prints wall and CPU seconds (CPU time is
less disturbed by other jobs on the machine; it exceeds wall time where two threads work). "core"
is the pure read + join + pivot part, once through the tidy table (read_atlas_files +
join_districts + to_wide, ten million rows) and once as isrp:loadatlas does it (read_atlas_files +
join_wide, the wide blocks placed straight into the result); the difference to loadatlas is the
cost of the QGIS layer (reading polygons, building fields, writing features). The last line is the
issue's figure: load + join + social index end to end (loadatlas → memory layer + socialindex).

Run:  /work/main/.venv/bin/python benchmarks/bench_atlas_layers.py [--districts N] [--indicators K] [--years Y]

Last full run (QGIS 3.22, 2-core machine shared with other jobs, load ≈ 1, 50 MB of CSV), wall / CPU s,
before → after the work on issue #3 (both measured back to back):
  core: read + join + pivot 21.6 / 21.3 → tidy 6.5 / 6.4, as loadatlas (join_wide) 3.7 / 3.6;
  isrp:loadatlas → memory layer 34.4 / 33.8 → 6.2 / 8.4 (CSV files parsed two at a time, features
  written from a second thread: CPU above wall), → GeoPackage 34.2 / 33.8 → 11.2 / 12.9 (82 MB),
  long layout 11.3 / 14.1 (100,000 features: slower than the wide layer, not faster);
  isrp:socialindex 2.4 / 2.3 → 1.9 / 2.2; isrp:suppress 7.8 / 7.7 → 7.0 / 8.3.
  Load + join + social index end to end: 36.7 s → 8.1 s wall (8.1–9.2 s in repeated runs while
  the machine was busier). Writing the layer is now the larger half of loadatlas: 11 million
  attribute values through PyQGIS (setAttributes, the memory provider's type checks).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from bench_atlas import generate  # noqa: E402
from qgis.core import QgsApplication, QgsFeature, QgsGeometry, QgsVectorLayer  # noqa: E402

RESULTS = []


@contextmanager
def timed(step: str):
    t0, c0 = time.perf_counter(), time.process_time()
    yield
    dt, dc = time.perf_counter() - t0, time.process_time() - c0
    RESULTS.append((step, dt, dc))
    print(f"  {step:<58} {dt:8.2f} s wall {dc:8.2f} s cpu", flush=True)


def start_qgis():
    app = QgsApplication([], False)
    app.initQgis()
    sys.path.append(str(Path(QgsApplication.pkgDataPath()) / "python" / "plugins"))
    from processing.core.Processing import Processing

    Processing.initialize()
    from isrp_plugin.processing.provider import IsrpProvider

    provider = IsrpProvider()
    QgsApplication.processingRegistry().addProvider(provider)
    return app, provider


def polygons(districts) -> QgsVectorLayer:
    """One 100 m square per district on a grid (EPSG:25832), fields district_id (int) and name."""
    layer = QgsVectorLayer("Polygon?crs=EPSG:25832&field=district_id:integer&field=name:string", "districts", "memory")
    side = int(len(districts) ** 0.5) + 1
    feats = []
    for i, (did, name) in enumerate(zip(districts["district_id"], districts["name"])):
        x, y = 600000 + (i % side) * 100, 5600000 + (i // side) * 100
        f = QgsFeature(layer.fields())
        f.setAttributes([int(did), str(name)])
        ring = f"{x} {y},{x + 100} {y},{x + 100} {y + 100},{x} {y + 100},{x} {y}"
        f.setGeometry(QgsGeometry.fromWkt(f"POLYGON(({ring}))"))
        feats.append(f)
    layer.dataProvider().addFeatures(feats)
    return layer


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--districts", type=int, default=10_000)
    ap.add_argument("--indicators", type=int, default=100)
    ap.add_argument("--years", type=int, default=10)
    args = ap.parse_args()
    n, k, y = args.districts, args.indicators, args.years
    print(f"atlas layer benchmark: {n:,} districts × {k} indicators × {y} years = {n * k * y:,} values")
    app, provider = start_qgis()
    from qgis import processing

    from isrp_plugin.core import atlas_tables as at

    texts, districts, _ = generate(n, k, y)
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for name, text in texts:
            p = Path(tmp) / name
            p.write_text(text, encoding="cp1252")
            paths.append(str(p))
        print(f"  ({sum(os.path.getsize(p) for p in paths) / 1e6:.0f} MB of CSV in {len(paths)} files)")
        with timed("polygons: memory layer with the districts"):
            layer = polygons(districts)

        with timed("core, tidy: read_atlas_files + join_districts + to_wide"):
            table = at.read_atlas_files(paths, name_column="Stadtteil")
            joined = at.join_districts(table, districts, id_column="district_id", strip_leading_zeros=True)
            wide = at.to_wide(joined.data, index="district_id")
        print(f"    {wide.shape[0]:,} × {wide.shape[1]:,} values")
        del table, joined, wide
        with timed("core, as loadatlas: read_atlas_files + join_wide"):
            table = at.read_atlas_files(paths, name_column="Stadtteil")
            wide, _ = at.join_wide(table, districts, id_column="district_id", strip_leading_zeros=True)
        print(f"    {wide.shape[0]:,} × {wide.shape[1]:,} values")
        del table, wide
        params = {"DISTRICTS": layer, "ID_FIELD": "district_id", "NAME_FIELD": "name", "FILES": paths,
                  "MATCH": 1, "CHANGES": True}
        with timed("isrp:loadatlas → memory layer"):
            res = processing.run("isrp:loadatlas", {**params, "OUTPUT": "memory:"})
        atlas = res["OUTPUT"]
        print(f"    {atlas.featureCount():,} features × {len(atlas.fields()):,} fields, "
              f"{res['UNMATCHED_ROWS']} unmatched rows")
        gpkg = Path(tmp) / "atlas.gpkg"
        with timed("isrp:loadatlas → GeoPackage"):
            processing.run("isrp:loadatlas", {**params, "OUTPUT": str(gpkg)})
        print(f"    {gpkg.stat().st_size / 1e6:.0f} MB GeoPackage")
        with timed("isrp:loadatlas → memory layer, long layout"):
            long = processing.run("isrp:loadatlas", {**params, "OUTPUT_LAYOUT": 1, "OUTPUT": "memory:"})["OUTPUT"]
        print(f"    {long.featureCount():,} features × {len(long.fields()):,} fields")
        del long
        last = 2015 + y - 1
        status = [f"quote_{j:02d}_{last}" for j in range(3)]
        dynamics = [f"quote_{j:02d}_chg_2015_{last}" for j in range(3)]
        with timed("isrp:socialindex (3 status + 3 dynamics fields)"):
            si = processing.run("isrp:socialindex", {"INPUT": atlas, "STATUS_FIELDS": status,
                                                     "DYNAMICS_FIELDS": dynamics if y > 1 else [],
                                                     "POPULATION_FIELD": f"pop_total_{last}", "OUTPUT": "memory:"})
        print(f"    {si['INCLUDED']:,} districts in the index")
        counts = [f.name() for f in atlas.fields() if f.name().startswith("anzahl_") and f.name().endswith(str(last))]
        with timed(f"isrp:suppress ({len(counts)} count fields of {last})"):
            sup = processing.run("isrp:suppress", {"INPUT": atlas, "COUNT_FIELDS": counts, "OUTPUT": "memory:"})
        print(f"    {sup['SOURCE_SUPPRESSED']:,} cells suppressed in the source, {sup['PRIMARY']:,} primary, "
              f"{sup['SECONDARY']:,} secondary")
    core = next(t for s, t, _ in RESULTS if s.startswith("core, as loadatlas"))
    mem = next(t for s, t, _ in RESULTS if s.endswith("memory layer") and s.startswith("isrp:loadatlas"))
    index = next(t for s, t, _ in RESULTS if s.startswith("isrp:socialindex"))
    print(f"  layer cost of loadatlas (memory) over the pure core: {mem - core:.2f} s "
          f"({mem / max(core, 1e-9):.1f}× the core)")
    print(f"  load + join + social index end to end (loadatlas → memory + socialindex): {mem + index:.2f} s wall")
    del atlas, si, sup, layer
    QgsApplication.processingRegistry().removeProvider(provider)
    app.exitQgis()


if __name__ == "__main__":
    main()
