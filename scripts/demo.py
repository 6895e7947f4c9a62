#!/usr/bin/env python3
"""The main job, headless, on the bundled Erfurt sample project (`make demo`).

Every step runs the plugin's Processing algorithms, exactly as the toolbox, the docks and
qgis_process do. Results are written to --out (default: out/).

Steps so far:
1. open the sample project and check every layer (isrp:checklayers) → summary.csv, summary.md
2. Kita accessibility of children aged 0–<6 per Ortsteil (isrp:accessibility) → accessibility.gpkg,
   kita_accessibility_ortsteile.csv
"""

import argparse
import csv
import json
import os
import shutil
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from qgis.core import QgsApplication, QgsProject, QgsVectorLayer  # noqa: E402

_PROVIDER = None


class Demo:
    def __init__(self, out: Path):
        self.out = out
        self.out.mkdir(parents=True, exist_ok=True)
        self.t0 = time.perf_counter()

    def say(self, text: str) -> None:
        print(f"[{time.perf_counter() - self.t0:6.1f} s] {text}", flush=True)


def start_qgis() -> QgsApplication:
    app = QgsApplication([], False)
    app.initQgis()
    # The Processing framework (qgis.processing.run) lives in QGIS's bundled Python plugins.
    sys.path.append(str(Path(QgsApplication.pkgDataPath()) / "python" / "plugins"))
    from processing.core.Processing import Processing

    Processing.initialize()
    from isrp_plugin.processing.provider import IsrpProvider

    global _PROVIDER  # the registry does not keep the Python object alive
    _PROVIDER = IsrpProvider()
    QgsApplication.processingRegistry().addProvider(_PROVIDER)
    return app


def step_check_project(demo: Demo, project_path: Path) -> QgsProject:
    from qgis import processing

    project = QgsProject.instance()
    if not project.read(str(project_path)):
        raise SystemExit(f"error: cannot open the sample project {project_path}")
    layers = list(project.mapLayers().values())
    demo.say(f"opened {project_path.name}: {len(layers)} layers, project CRS {project.crs().authid()}")
    result = processing.run(
        "isrp:checklayers",
        {"LAYERS": layers, "EXPECTED_CRS": "EPSG:25832", "OUTPUT": "memory:"},
    )
    table: QgsVectorLayer = result["OUTPUT"]
    names = table.fields().names()
    rows = [dict(zip(names, f.attributes())) for f in table.getFeatures()]
    with (demo.out / "summary.csv").open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=names)
        writer.writeheader()
        writer.writerows(rows)
    lines = [
        "# Erfurt sample project — layer summary",
        "",
        f"Project: `{project_path.name}`, CRS {project.crs().authid()}",
        "",
        "| layer | features | CRS | geometry | problems |",
        "|---|---:|---|---|---|",
    ]
    for r in sorted(rows, key=lambda r: r["layer"]):
        lines.append(f"| {r['layer']} | {r['features']} | {r['crs']} | {r['geometry']} | {r['problems'] or 'none'} |")
    (demo.out / "summary.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    for r in rows:
        demo.say(f"  {r['layer']}: {r['features']} features, {r['crs'] or '-'}, {r['geometry']}")
    bad = int(result["LAYERS_WITH_PROBLEMS"])
    if bad:
        raise SystemExit(f"error: {bad} layer(s) of the sample project have problems, see {demo.out / 'summary.md'}")
    demo.say(f"all layers valid → {demo.out / 'summary.md'}")
    return project


# --- map sheets and measure plan (issue 7) ------------------------------------------------------

#: Example measures for the demo: (Ortsteil, title, type, fields of action, status, responsible, start, end,
#: investment EUR, running EUR/year, facility type, facility action, capacity change). Clearly examples:
#: every title ends with "(Beispiel)" and the description says it is no plan of the city.
EXAMPLE_MEASURES = (
    ("Altstadt", "Familienzentrum Altstadt (Beispiel)", "facility", "{family}", "agreed", "Jugendamt",
     "2025-03-01", "2026-12-31", 850000, 120000, "family_centre", "new", 40),
    ("Altstadt", "Schulsozialarbeit an zwei Grundschulen (Beispiel)", "service", "{youth,education}", "in_progress",
     "Jugendamt / freier Träger", "2024-09-01", "2027-07-31", None, 95000, None, None, None),
    ("Berliner Platz", "Quartiersmanagement Berliner Platz (Beispiel)", "service", "{neighbourhood,poverty}",
     "in_progress", "Amt für Stadtentwicklung", "2023-01-01", "2026-12-31", None, 110000, None, None, None),
    ("Rieth", "Jugendclub Rieth erweitern (Beispiel)", "facility", "{youth}", "proposed", "Jugendamt",
     "2026-01-01", "2027-06-30", 420000, 30000, "youth_club", "expand", 25),
    ("Roter Berg", "Seniorentreff Roter Berg (Beispiel)", "service", "{old_age,neighbourhood}", "agreed",
     "Amt für Soziales", "2025-06-01", None, 60000, 48000, None, None, None),
    ("Moskauer Platz", "Spielplatz Moskauer Platz erneuern (Beispiel)", "spatial", "{youth,family}", "done",
     "Garten- und Friedhofsamt", "2023-04-01", "2024-10-31", 240000, None, None, None, None),
    ("Herrenberg", "Kita-Erweiterung Herrenberg (Beispiel)", "facility", "{family,education}", "proposed",
     "Jugendamt", "2026-08-01", "2028-07-31", 1600000, 410000, "kita_3_6", "expand", 45),
    ("Johannesplatz", "Sozialberatung im Stadtteilzentrum (Beispiel)", "service", "{poverty}", "proposed",
     "Amt für Soziales", "2025-10-01", None, None, 70000, None, None, None),
    ("Wiesenhügel", "Grünverbindung Wiesenhügel (Beispiel)", "spatial", "{climate,neighbourhood,health}",
     "proposed", "Garten- und Friedhofsamt", "2026-04-01", "2027-10-31", 380000, 15000, None, None, None),
    ("Ilversgehofen", "Sprach-Kita Ilversgehofen (Beispiel)", "service", "{education,family}", "rejected",
     "Jugendamt", "2025-01-01", None, None, 55000, None, None, None),
)


def step_accessibility(demo: Demo, project: QgsProject) -> None:
    """Kita accessibility for children aged 0 to under 6 per Ortsteil (isrp:accessibility).

    Population = pop_0_3 + pop_3_6: the algorithm adds up several POPULATION_FIELDs, so the
    sample needs no computed field. Walking, whole trip (access legs + network) in metres,
    shares within 300 / 500 / 1000 m. Writes out/accessibility.gpkg (layers kita_accessibility:
    one point per demand point; kita_accessibility_ortsteile: one polygon per Ortsteil) and the
    per-Ortsteil table out/kita_accessibility_ortsteile.csv.
    """

    from qgis import processing

    def layer(name):
        found = project.mapLayersByName(name)
        if not found:
            raise SystemExit(f"error: the sample project has no layer “{name}”")
        return found[0]

    gpkg = demo.out / "accessibility.gpkg"
    if gpkg.exists():
        gpkg.unlink()
    t0 = time.perf_counter()
    res = processing.run("isrp:accessibility", {
        "NETWORK": layer("strassennetz"), "DEMAND": layer("nachfragepunkte"), "FACILITIES": layer("einrichtungen"),
        "FACILITY_ID_FIELD": "fac_id", "FACILITY_FILTER": "\"typ\" = 'kita'", "MODE": 0, "COST_UNIT": 0, "K": 1,
        "MAX_ACCESS_DISTANCE": 500, "POPULATION_FIELD": ["pop_0_3", "pop_3_6"],
        "UNITS": layer("ortsteile"), "UNIT_ID_FIELD": "ot_id", "THRESHOLDS": "300, 500, 1000",
        "OUTPUT": f"ogr:dbname='{gpkg}' table=\"kita_accessibility\" (geom)",
        "OUTPUT_UNITS": f"ogr:dbname='{gpkg}' table=\"kita_accessibility_ortsteile\" (geom)",
    })
    seconds = time.perf_counter() - t0
    units = QgsVectorLayer(f"{gpkg}|layername=kita_accessibility_ortsteile", "units", "ogr")
    columns = ["ot_id", "name", "sozialraum", "n_points", "population", "pop_reached", "pop_unreached", "mean_m",
               "median_m", "pop_300m", "share_300m", "pop_500m", "share_500m", "pop_1000m", "share_1000m"]
    rows = []
    for f in units.getFeatures():
        row = {}
        for c in columns:
            v = f[c]
            v = None if v is None or (hasattr(v, "isNull") and v.isNull()) else v
            if isinstance(v, float):
                v = round(v, 4 if c.startswith("share") else 1)
            row[c] = v
        rows.append(row)
    rows.sort(key=lambda r: (r["ot_id"] is None, r["ot_id"] or ""))
    csv_path = demo.out / "kita_accessibility_ortsteile.csv"
    with csv_path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rows)
    shares = json.loads(res["SHARES"])
    demo.say(f"Kita accessibility (walking) for {res['POPULATION']:,.0f} children aged 0–<6 at "
             f"{res['DEMAND_POINTS']:,} demand points: {seconds:.1f} s → {gpkg.name}, {csv_path.name}")
    demo.say("  within 300 / 500 / 1000 m: " + " / ".join(f"{shares[k]:.1%}" for k in ("300", "500", "1000"))
             + f"; mean {res['MEAN']:.0f} m, median {res['MEDIAN']:.0f} m")
    demo.say(f"  children reaching no Kita: {res['POPULATION_UNREACHED']:,.0f} "
             f"({res['UNREACHED_POINTS']} demand points, e.g. the isolated farmstead)")
    populated = [r for r in rows if r["ot_id"] and (r["population"] or 0) >= 50]
    if populated:
        worst = min(populated, key=lambda r: r["share_500m"])
        far = max(populated, key=lambda r: r["mean_m"] or 0)
        demo.say(f"  lowest share within 500 m: {worst['name']} ({worst['share_500m']:.0%} of "
                 f"{worst['population']:,.0f} children); longest mean walk: {far['name']} ({far['mean_m']:,.0f} m)")


# --- measures: location suggestions and scenario (issue 6) ------------------------------------------


# --- coverage and priorities (issue 5) ---------------------------------------------------------------

#: Kita standards of the demo and the capacity (places) that serves each: under-3 places, and all
#: other places for children from 3 to school entry.
COVERAGE_RUNS = (("kita_u3", "\"capacity_u3\""), ("kita_3_6", "\"capacity\" - coalesce(\"capacity_u3\", 0)"))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=ROOT / "out")
    ap.add_argument("--project", type=Path, default=ROOT / "resources" / "sample" / "erfurt_sample.qgz")
    args = ap.parse_args(argv)
    app = start_qgis()
    demo = Demo(args.out)
    # Work on a copy: QGIS writes into GeoPackages it opens, and the shipped sample must stay pristine.
    work = demo.out / "sample"
    if work.exists():
        shutil.rmtree(work)
    shutil.copytree(args.project.parent, work, ignore=shutil.ignore_patterns("*-wal", "*-shm"))
    try:
        project = step_check_project(demo, work / args.project.name)
        step_accessibility(demo, project)
    finally:
        QgsProject.instance().clear()
    demo.say("demo finished")
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
