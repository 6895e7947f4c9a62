#!/usr/bin/env python3
"""The main job, headless, on the bundled Erfurt sample project (`make demo`).

Every step runs the plugin's Processing algorithms, exactly as the toolbox, the docks and
qgis_process do. Results are written to --out (default: out/).

Steps so far:
1. open the sample project and check every layer (isrp:checklayers) → summary.csv, summary.md;
   the social-structure atlas 2020–2022 (isrp:loadatlas), social index (isrp:socialindex) and
   confidentiality (isrp:suppress) → atlas.gpkg, sozialindex.csv, atlas_report.txt
2. map sheets for all 53 Ortsteile (isrp:mapsheets) → mapsheets.pdf; measure plan of example measures
   (isrp:measureplan) → massnahmenplan.xlsx/.csv/.pdf; each with a sidecar .json
3. Kita accessibility of children aged 0–<6 per Ortsteil (isrp:accessibility) → accessibility.gpkg,
   kita_accessibility_ortsteile.csv
4. Kita coverage (under 3, 3 to school entry) per Ortsteil and social space with E2SFCA (isrp:coverage)
   and the priority list social status × coverage (isrp:priorities) → coverage.gpkg,
   kita_coverage_ortsteile.csv, kita_coverage_sozialraeume.csv, priorities.csv
5. two proposed Kitas at the best MCLP sites (isrp:locationsuggest, "turn into measure") and the E2SFCA
   coverage before / after (isrp:scenario) → location_suggestions.gpkg, massnahmen.gpkg, scenario.gpkg,
   scenario_before_after.csv
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


def example_measure_store(demo: Demo, project: QgsProject):
    """A fresh measure store with the example measures (in out/, never in the sample), attached to the project."""
    import random

    from qgis.core import QgsFeatureRequest, QgsGeometry, QgsPointXY

    from isrp_plugin.qgis_io import measures_store as ms

    path = demo.out / "beispiel_massnahmen.gpkg"
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    units = project.mapLayersByName("ortsteile")[0]
    facilities = project.mapLayersByName("einrichtungen")[0]
    store = ms.MeasureStore.create(path, units.crs())
    rnd = random.Random(7)
    for (unit, title, mtype, fields, status, responsible, start, end, invest, running, ftype, action,
         change) in EXAMPLE_MEASURES:
        feat = next(units.getFeatures(QgsFeatureRequest().setFilterExpression(f"\"name\" = '{unit}'")))
        geom = feat.geometry()
        box = geom.boundingBox()
        centre = geom.pointOnSurface().asPoint()
        for _ in range(200):  # a point inside, not too far from the centre (seeded: the same every run)
            x = centre.x() + (rnd.random() - 0.5) * box.width() * 0.5
            y = centre.y() + (rnd.random() - 0.5) * box.height() * 0.5
            point = QgsGeometry.fromPointXY(QgsPointXY(x, y))
            if geom.contains(point):
                break
        else:
            point = geom.pointOnSurface()
        kind = "area" if mtype == "spatial" and "Grün" in title else "point"
        shape = point.buffer(180, 8) if kind == "area" else point
        record = {
            "title": title, "measure_type": mtype, "fields_of_action": fields, "status": status,
            "responsible": responsible, "start_date": start, "end_date": end, "cost_investment": invest,
            "cost_running": running, "origin": "workshop", "provider_type": "public", "priority": 2,
            "description": "Beispielmaßnahme für die Demo – keine Planung der Stadt Erfurt.",
            "sozialraum_id": feat["sozialraum_id"], "sozialraum": feat["sozialraum"], "ot_id": feat["ot_id"],
            "ortsteil": feat["name"],
        }
        if mtype == "facility":
            record.update(facility_type=ftype, facility_action=action, capacity_change=change)
            if action in ("expand", "reduce", "close"):
                typ = {"youth_club": "jugendclub", "kita_3_6": "kita"}.get(ftype, "kita")
                req = QgsFeatureRequest().setFilterExpression(f"\"typ\" = '{typ}' AND \"ot_id\" = '{feat['ot_id']}'")
                existing = next(facilities.getFeatures(req), None)
                if existing is not None:
                    record["facility_id"] = existing["fac_id"]
        store.add_measure(record, shape, kind, "demo")
    layers = ms.attach_to_project(store, project, "de", group_name="Maßnahmen (Beispiele)")
    demo.say(f"example measure store with {len(EXAMPLE_MEASURES)} measures (labelled as examples) → {path}")
    return [layers["point"], layers["area"]]


def step_mapsheets(demo: Demo, project: QgsProject) -> None:
    """Map sheets for all Ortsteile (out/mapsheets.pdf) and the measure plan (out/massnahmenplan.xlsx/.csv/.pdf)."""
    from qgis import processing

    measure_layers = example_measure_store(demo, project)
    units = project.mapLayersByName("ortsteile")[0]

    def extract(name: str, expression: str, title: str):
        """A styled in-memory extract (a subset string would open the GeoPackage read-only in WAL mode)."""
        from qgis.core import QgsFeatureRequest

        source = project.mapLayersByName(name)[0]
        layer = source.materialize(QgsFeatureRequest().setFilterExpression(expression))
        layer.setName(title)
        layer.setRenderer(source.renderer().clone())
        layer.setMetadata(source.metadata())  # the attribution on the sheets comes from the layers' metadata
        return layer

    facilities = extract("einrichtungen", "\"typ\" IN ('kita', 'schule', 'jugendclub', 'seniorentreff', "
                         "'familienzentrum', 'beratung', 'spielplatz')", "Einrichtungen (soziale Infrastruktur)")
    roads = extract("strassennetz", "\"road_class\" IN ('primary', 'secondary', 'tertiary')", "Hauptstraßen")
    project.addMapLayers([facilities, roads], False)
    atlas = sorted(str(p) for p in (ROOT / "resources" / "sample" / "atlas").glob("sozialstrukturatlas_20*.csv"))
    t0 = time.perf_counter()
    result = processing.run("isrp:mapsheets", {
        "UNITS": units, "ID_FIELD": "ot_id", "NAME_FIELD": "name", "ATLAS": atlas,
        "FACILITIES": facilities, "MEASURES": measure_layers, "CONTEXT": [roads],
        "TEMPLATE": 0, "LANGUAGE": 0, "MODE": 0, "CITY_NAME": "Erfurt",
        "ORGANISATION": "Beispielprojekt Erfurt",
        "METHOD": "Sozialstrukturatlas, Geheimhaltung nach Schwelle", "DATA_DATE": "31.12.2022",
        "SOURCE_NOTE": "Statistik: Sozialstrukturatlas 2020–2022 (generierte Beispieldaten, keine amtlichen Zahlen)",
        "OUTPUT": str(demo.out / "mapsheets.pdf"),
    })
    seconds = time.perf_counter() - t0
    demo.say(f"map sheets: {result['PAGES']} pages in {seconds:.1f} s ({seconds / max(result['PAGES'], 1):.2f} s "
             f"per sheet) → {result['OUTPUT']} (+ .json; layout “{result['LAYOUT']}”)")
    t0 = time.perf_counter()
    plan = processing.run("isrp:measureplan", {
        "MEASURES": measure_layers, "LANGUAGE": 0, "INCLUDE_REJECTED": False,
        "OUTPUT_XLSX": str(demo.out / "massnahmenplan.xlsx"), "OUTPUT_CSV": str(demo.out / "massnahmenplan.csv"),
        "OUTPUT_PDF": str(demo.out / "massnahmenplan.pdf"),
    })
    demo.say(f"measure plan: {plan['MEASURES_COUNT']} measures in {plan['SOCIAL_SPACES']} social spaces in "
             f"{time.perf_counter() - t0:.1f} s → {plan['OUTPUT_XLSX']} (+ .csv, .pdf, sidecars)")


def step_accessibility(demo: Demo, project: QgsProject) -> None:
    """Kita accessibility for children aged 0 to under 6 per Ortsteil (isrp:accessibility).

    Population = pop_0_3 + pop_3_6: the algorithm adds up several POPULATION_FIELDs, so the
    sample needs no computed field. Walking, whole trip (access legs + network) in metres,
    shares within 300 / 500 / 1000 m. Writes out/accessibility.gpkg (layers kita_accessibility:
    one point per demand point; kita_accessibility_ortsteile: one polygon per Ortsteil) and the
    per-Ortsteil table out/kita_accessibility_ortsteile.csv.
    """
    import json

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

def step_measures_scenario(demo: Demo, project: QgsProject) -> None:
    """Two proposed Kitas where they cover most children, then coverage before / after (issues 6).

    1. isrp:locationsuggest: maximal covering (MCLP) for children aged 0–<6 (pop_0_3 + pop_3_6)
       within the catalogue catchment of a Kita (kita_3_6: 500 m walk), p = 2, candidates on a
       250 m grid inside the Ortsteile, existing Kitas kept → out/location_suggestions.gpkg;
    2. "turn into measure": the two best sites become proposed facility measures (new Kita, 75
       places for ages 3 to school entry) in a fresh measure store → out/massnahmen.gpkg;
    3. isrp:scenario: E2SFCA coverage of kita_3_6 per Ortsteil before / after the measures →
       out/scenario.gpkg (map of change) and out/scenario_before_after.csv (one row per Ortsteil
       and indicator, rows "ALL" for the whole city).
    """
    from qgis import processing

    from isrp_plugin.core.standards import load_default_standards
    from isrp_plugin.gui.suggestions import turn_into_measures
    from isrp_plugin.qgis_io import measures_store as ms

    def layer(name):
        found = project.mapLayersByName(name)
        if not found:
            raise SystemExit(f"error: the sample project has no layer “{name}”")
        return found[0]

    def fresh(path: Path) -> Path:
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(str(path) + suffix).unlink(missing_ok=True)
        return path

    std = load_default_standards()["kita_3_6"]
    d0 = float(std.catchment_value)
    demand, kitas, units, net = layer("nachfragepunkte"), layer("einrichtungen"), layer("ortsteile"), \
        layer("strassennetz")
    # 1. location suggestions
    gpkg = fresh(demo.out / "location_suggestions.gpkg")
    t0 = time.perf_counter()
    sug = processing.run("isrp:locationsuggest", {
        "DEMAND": demand, "POPULATION_FIELD": ["pop_0_3", "pop_3_6"], "EXISTING": kitas,
        "EXISTING_FILTER": "\"typ\" = 'kita'", "EXISTING_ID_FIELD": "fac_id", "OBJECTIVE": 0, "P": 2,
        "MAX_COST": d0, "COST_UNIT": 0 if std.catchment_unit == "m" else 1, "MODE": 0, "NETWORK": net,
        "MAX_ACCESS_DISTANCE": 500, "UNITS": units, "UNIT_ID_FIELD": "ot_id", "GENERATE_CANDIDATES": 0,
        "GRID_SPACING": 250, "OUTPUT": f"ogr:dbname='{gpkg}' table=\"location_suggestions\" (geom)",
    })
    t_suggest = time.perf_counter() - t0
    sites = QgsVectorLayer(f"{gpkg}|layername=location_suggestions", "location_suggestions", "ogr")
    chosen = sorted((f for f in sites.getFeatures() if f["selected"] == 1), key=lambda f: f["rank"])
    names = {f["ot_id"]: f["name"] for f in units.getFeatures()}
    demo.say(f"location suggestions (MCLP, p = 2, {d0:g} {std.catchment_unit} walk, {sug['CANDIDATE_COUNT']:,} grid "
             f"candidates): {sug['OBJECTIVE_VALUE']:,.0f} more children aged 0–<6 within reach of a Kita "
             f"(already {sug['BASELINE']:,.0f}), {'proven optimal' if sug['EXACT'] else sug['SOLUTION']}, "
             f"{t_suggest:.1f} s → {gpkg.name}")
    for f in chosen:
        demo.say(f"  rank {f['rank']}: {names.get(f['unit_id'], f['unit_id'])} — {f['covered_pop']:,.0f} children "
                 f"newly within {d0:g} m")
    # 2. turn into measures (titles in German, as a German QGIS would write them: "Neue Kita (Vorschlag n)")
    from qgis.PyQt.QtCore import QCoreApplication, QTranslator

    translator = QTranslator()
    german = translator.load(str(ROOT / "i18n" / "isrp_de.qm"))
    if german:
        QCoreApplication.installTranslator(translator)
    try:
        store = ms.MeasureStore.create(fresh(demo.out / "massnahmen.gpkg"), units.crs())
        done = turn_into_measures(store, chosen, sites.crs(), "kita_3_6", 75.0, units, user="demo")
    finally:
        if german:
            QCoreApplication.removeTranslator(translator)
    titles = [r["title"] for r in store.records()]
    demo.say(f"{len(done)} proposed measures ({', '.join(titles)}; 75 places each, history kept) → "
             f"{store.path.name}")
    # 3. scenario: E2SFCA coverage before / after
    out_gpkg = fresh(demo.out / "scenario.gpkg")
    csv_path = demo.out / "scenario_before_after.csv"
    csv_path.unlink(missing_ok=True)
    t0 = time.perf_counter()
    res = processing.run("isrp:scenario", {
        "FACILITIES": kitas, "FACILITY_ID_FIELD": "fac_id", "FACILITY_FILTER": "\"typ\" = 'kita'",
        "CAPACITY_FIELD": "\"capacity\" - coalesce(\"capacity_u3\", 0)",
        "MEASURES": [store.uri("point"), store.uri("area")], "MEASURE_FACILITY_TYPES": "kita_u3, kita_3_6",
        "ANALYSIS": 0, "DEMAND": demand, "UNITS": units, "UNIT_ID_FIELD": "ot_id", "STANDARD": "kita_3_6",
        "METHOD": 2, "MODE": 0, "NETWORK": net, "MAX_ACCESS_DISTANCE": 500,
        "OUTPUT": f"ogr:dbname='{out_gpkg}' table=\"scenario_change\" (geom)",
        "OUTPUT_TABLE": str(csv_path),
        "OUTPUT_FACILITIES": f"ogr:dbname='{out_gpkg}' table=\"scenario_facilities\" (geom)",
    })
    t_scen = time.perf_counter() - t0
    import json

    totals = json.loads(res["SUMMARY"])
    cr, gap = totals["coverage_ratio"], totals["places_gap"]
    demo.say(f"scenario (E2SFCA, kita_3_6, walk): {res['NEW_FACILITIES']} new Kitas, capacity "
             f"{res['CAPACITY_BEFORE']:,.0f} → {res['CAPACITY_AFTER']:,.0f} places; city coverage "
             f"{cr['before']:.1%} → {cr['after']:.1%}; places gap {gap['before']:,.0f} → {gap['after']:,.0f}; "
             f"{t_scen:.1f} s → {out_gpkg.name}, {csv_path.name}")
    change = QgsVectorLayer(f"{out_gpkg}|layername=scenario_change", "change", "ogr")
    moved = [(f["name"], f["coverage_ratio_before"], f["coverage_ratio_after"], f["places_gap_delta"])
             for f in change.getFeatures()
             if f["places_gap_delta"] is not None and not (hasattr(f["places_gap_delta"], "isNull")
                                                           and f["places_gap_delta"].isNull())
             and abs(f["places_gap_delta"]) >= 0.5]
    moved.sort(key=lambda r: r[3])

    def fmt(v):
        return "–" if v is None or (hasattr(v, "isNull") and v.isNull()) else f"{v:.0%}"

    for name, before, after, delta in moved[:4]:
        demo.say(f"  {name}: coverage {fmt(before)} → {fmt(after)}, places gap {delta:+,.1f}")


# --- coverage and priorities (issue 5) ---------------------------------------------------------------

#: Kita standards of the demo and the capacity (places) that serves each: under-3 places, and all
#: other places for children from 3 to school entry.
COVERAGE_RUNS = (("kita_u3", "\"capacity_u3\""), ("kita_3_6", "\"capacity\" - coalesce(\"capacity_u3\", 0)"))


def _social_index_layer(demo: Demo):
    """A layer with ``ot_id`` and ``status_class`` for the priorities (from step_atlas), or (None, reason)."""
    atlas = demo.out / "atlas.gpkg"
    if not atlas.exists():
        return None, "out/atlas.gpkg from the atlas step is missing"
    from osgeo import ogr

    ds = ogr.Open(str(atlas))
    names = [ds.GetLayerByIndex(i).GetName() for i in range(ds.GetLayerCount())] if ds is not None else []
    ds = None
    for name in names:
        layer = QgsVectorLayer(f"{atlas}|layername={name}", name, "ogr")
        if layer.isValid() and {"ot_id", "status_class"} <= set(layer.fields().names()):
            return layer, f"{atlas.name} ({name})"
    return None, "out/atlas.gpkg has no layer with ot_id and status_class"


def step_coverage(demo: Demo, project: QgsProject) -> None:
    """Kita coverage (under 3, 3 to school entry) per Ortsteil and per social space, and the priority list.

    isrp:coverage with E2SFCA over the street network (walking), standard, target group, catchment
    (500 m) from the default catalogue, Luo & Qi step decay; capacity = under-3 places for kita_u3,
    the other places for kita_3_6. Then isrp:priorities: MSS status class of the social index ×
    coverage terciles per Ortsteil. Writes out/coverage.gpkg (kita_u3_ortsteile, kita_u3_punkte,
    kita_u3_sozialraeume, the same for kita_3_6, priorities_kita_u3, priorities_kita_3_6),
    out/kita_coverage_ortsteile.csv, out/kita_coverage_sozialraeume.csv and out/priorities.csv.
    """
    from qgis import processing
    from qgis.core import QgsFeatureRequest

    def layer(name):
        found = project.mapLayersByName(name)
        if not found:
            raise SystemExit(f"error: the sample project has no layer “{name}”")
        return found[0]

    gpkg = demo.out / "coverage.gpkg"
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(str(gpkg) + suffix).unlink(missing_ok=True)

    def dest(table, geom=True):
        return f"ogr:dbname='{gpkg}' table=\"{table}\"" + (" (geom)" if geom else "")

    def value(v):
        return None if v is None or (hasattr(v, "isNull") and v.isNull()) else v

    base = {"DEMAND": layer("nachfragepunkte"), "FACILITIES": layer("einrichtungen"),
            "FACILITY_FILTER": "\"typ\" = 'kita'", "FACILITY_ID_FIELD": "fac_id", "METHOD": 2, "MODE": 0,
            "NETWORK": layer("strassennetz"), "MAX_COST": 0, "MAX_ACCESS_DISTANCE": 500}
    levels = (("ortsteile", "ot_id", ("ot_id", "name", "sozialraum")),
              ("sozialraeume", "sozialraum_id", ("sozialraum_id", "sozialraum")))
    stats = ("target_pop", "need", "supply", "coverage_ratio", "places_gap", "access_index", "reached_pop",
             "unreached_pop", "capacity_in_unit")
    tables = {lvl: [] for lvl, _, _ in levels}
    unit_layers = {}
    for std_id, capacity in COVERAGE_RUNS:
        for lvl, id_field, id_cols in levels:
            t0 = time.perf_counter()
            params = dict(base, CAPACITY_FIELD=capacity, STANDARD=std_id, UNITS=layer(lvl), UNIT_ID_FIELD=id_field,
                          OUTPUT_UNITS=dest(f"{std_id}_{lvl}"))
            if lvl == "ortsteile":
                params["OUTPUT_POINTS"] = dest(f"{std_id}_punkte")
            res = processing.run("isrp:coverage", params)
            seconds = time.perf_counter() - t0
            units = QgsVectorLayer(f"{gpkg}|layername={std_id}_{lvl}", f"{std_id}_{lvl}", "ogr")
            unit_layers[(std_id, lvl)] = units
            rows = []
            for f in units.getFeatures():
                row = {"standard": std_id}
                row.update({c: value(f[c]) for c in id_cols + stats})
                for c in stats:
                    if isinstance(row[c], float):
                        row[c] = round(row[c], 4 if c in ("coverage_ratio", "access_index") else 1)
                rows.append(row)
            rows.sort(key=lambda r: str(r[id_field]))
            tables[lvl].extend(rows)
            if lvl == "ortsteile":
                std = json.loads(res["STANDARD_USED"])
                demo.say(f"coverage {std_id} (E2SFCA, walk {std['d0']:g} m, {std['decay']}; target group "
                         f"{std['target_group']}): need {res['NEED']:,.0f} places, supply {res['SUPPLY']:,.0f} "
                         f"(attributed {res['SUPPLY_ATTRIBUTED']:,.0f}), coverage {res['COVERAGE_RATIO']:.1%}, "
                         f"places gap {res['PLACES_GAP']:+,.0f}; {res['UNREACHED_POPULATION']:,.0f} children "
                         f"reach no Kita within {std['d0']:g} m; {seconds:.1f} s")
                ranked = [r for r in rows if r["coverage_ratio"] is not None and (r["need"] or 0) >= 10]
                worst = sorted(ranked, key=lambda r: r["coverage_ratio"])[:3]
                demo.say("  lowest coverage (Ortsteile with need ≥ 10): " + "; ".join(
                    f"{r['name']} {r['coverage_ratio']:.0%} (gap {r['places_gap']:+.0f})" for r in worst))
                nulls = sum(r["coverage_ratio"] is None for r in rows)
                demo.say(f"  {nulls} Ortsteile without a ratio (no child within {std['d0']:g} m of a Kita, or no "
                         "children)")
            else:
                demo.say("  per social space: " + "; ".join(
                    f"{r['sozialraum']} {r['coverage_ratio']:.0%}" if r["coverage_ratio"] is not None
                    else f"{r['sozialraum']} –" for r in rows) + f" ({seconds:.1f} s)")
    for lvl, _, id_cols in levels:
        path = demo.out / f"kita_coverage_{lvl}.csv"
        with path.open("w", newline="", encoding="utf-8") as fh:
            writer = csv.DictWriter(fh, fieldnames=["standard", *id_cols, *stats])
            writer.writeheader()
            writer.writerows(tables[lvl])
    demo.say(f"coverage tables → kita_coverage_ortsteile.csv ({len(tables['ortsteile'])} rows), "
             f"kita_coverage_sozialraeume.csv ({len(tables['sozialraeume'])} rows), layers → {gpkg.name}")

    # priorities: social status class × coverage
    t0 = time.perf_counter()
    social, origin = _social_index_layer(demo)
    if social is None:
        demo.say(f"priorities skipped: {origin}")
        return
    prio_rows = []
    prio_cols = ["standard", "priority_rank", "ot_id", "name", "sozialraum", "status_class", "status_group",
                 "coverage_ratio", "coverage_tier", "bivariate_class", "priority_score", "places_gap",
                 "priority_note"]
    for std_id, _ in COVERAGE_RUNS:
        coverage = unit_layers[(std_id, "ortsteile")].materialize(QgsFeatureRequest())  # not read and written at once
        res = processing.run("isrp:priorities", {
            "INPUT": coverage, "ID_FIELD": "ot_id", "SOCIAL": social,
            "SOCIAL_ID_FIELD": "ot_id", "STATUS_FIELD": "status_class", "STATUS_CLASSES": 0,
            "OUTPUT": dest(f"priorities_{std_id}")})
        out = QgsVectorLayer(f"{gpkg}|layername=priorities_{std_id}", "p", "ogr")
        rows = []
        for f in out.getFeatures():
            status = value(f["status_value"])
            row = {"standard": std_id, "status_class": int(status) if status is not None else None}
            row.update({c: value(f[c]) for c in prio_cols if c not in row and c in out.fields().names()})
            if isinstance(row["coverage_ratio"], float):
                row["coverage_ratio"] = round(row["coverage_ratio"], 4)
            if isinstance(row["places_gap"], float):
                row["places_gap"] = round(row["places_gap"], 1)
            rows.append(row)
        rows.sort(key=lambda r: (r["priority_rank"] is None, r["priority_rank"] or 0))
        prio_rows.extend(rows)
        top = [r for r in rows if r["priority_rank"]][:5]
        demo.say(f"priorities {std_id}: {res['RANKED']} Ortsteile ranked, {res['C3']} in C3 (low status, poor "
                 f"coverage); top 5: " + "; ".join(f"{r['priority_rank']}. {r['name']} ({r['bivariate_class']})"
                                                   for r in top))
    with (demo.out / "priorities.csv").open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=prio_cols)
        writer.writeheader()
        writer.writerows(prio_rows)
    demo.say(f"priority list (social index: {origin}) → priorities.csv, layers priorities_* in {gpkg.name}; "
             f"{time.perf_counter() - t0:.1f} s")


# --- social-structure atlas (issue 3) ------------------------------------------------------------

#: Rates of the sample atlas (resources/sample/atlas/README.md) → (numerator column, denominator column).
#: None: the denominator is a sum of age bands and not a column; the check then uses the inhabitants
#: (an Ortsteil of 300 or more inhabitants has far more than 3 people in any of these bands, and
#: smaller ones are flagged as small units).
SAMPLE_RATE_PARTS = {
    "Ausländeranteil in %": ("Ausländer", "Einwohner"),
    "Anteil Alleinerziehende in %": ("Alleinerziehende Haushalte", "Haushalte mit Kindern"),
    "Arbeitslosenquote in %": ("Arbeitslose", None),
    "SGB-II-Quote in %": ("SGB-II-Leistungsberechtigte", None),
    "Anteil Kinder in SGB-II-Bedarfsgemeinschaften in %": ("Kinder in SGB-II-Bedarfsgemeinschaften", None),
}



def step_atlas(demo: Demo, project: QgsProject) -> None:
    """Atlas: load the Erfurt sample atlas 2020–2022 onto the Ortsteile (isrp:loadatlas), social index
    (isrp:socialindex: status from the 2022 rates, dynamics from the changes 2020→2022) and
    confidentiality (isrp:suppress) → out/atlas.gpkg, out/sozialindex.csv ('.' = suppressed),
    out/atlas_report.txt.
    """
    from qgis import processing
    from qgis.core import QgsProcessingFeedback

    from isrp_plugin.qgis_io.project_store import DEFAULT_STATUS_INDICATORS

    class Collect(QgsProcessingFeedback):
        def __init__(self):
            super().__init__()
            self.warnings = []

        def pushWarning(self, message):  # noqa: N802 - QGIS API
            self.warnings.append(message)

    t_all = time.perf_counter()
    units = project.mapLayersByName("ortsteile")[0]
    files = sorted(str(p) for p in (Path(project.fileName()).parent / "atlas").glob("sozialstrukturatlas_20*.csv"))
    fb_load = Collect()
    t0 = time.perf_counter()
    load = processing.run("isrp:loadatlas", {
        "DISTRICTS": units, "ID_FIELD": "ot_id", "NAME_FIELD": "name", "FILES": files, "COMPUTE_RATES": True,
        "CHANGES": True, "OUTPUT": "memory:"}, feedback=fb_load)
    t_load = time.perf_counter() - t0
    atlas = load["OUTPUT"]
    meta = json.loads(load["INDICATORS"])
    years = [int(y) for y in load["YEARS"].split(",")]
    y0, y1 = years[0], years[-1]
    demo.say(f"atlas: {len(files)} tables, {atlas.featureCount()} Ortsteile × {len(meta)} indicators × "
             f"{len(years)} years in {t_load:.2f} s; {load['UNMATCHED_ROWS']} rows without Ortsteil, "
             f"{load['UNMATCHED_DISTRICTS']} Ortsteile without data, {load['INVALID_CELLS']} non-numeric cells")

    by_cat = {m.get("catalogue_id"): m for m in meta if m.get("catalogue_id")}
    status = [by_cat[c] for c in DEFAULT_STATUS_INDICATORS if c in by_cat]
    status_fields = [f"{m['field']}_{y1}" for m in status]
    dynamics_fields = [m["change_field"] for m in status]
    t0 = time.perf_counter()
    si = processing.run("isrp:socialindex", {
        "INPUT": atlas, "STATUS_FIELDS": status_fields, "DYNAMICS_FIELDS": dynamics_fields,
        "POLARITY": ",".join("-" if m["polarity"] == "higher_better" else "+" for m in status),
        "POPULATION_FIELD": f"pop_total_{y1}", "MIN_POPULATION": 300, "ID_FIELD": "ot_id", "OUTPUT": "memory:"})
    t_index = time.perf_counter() - t0
    index = si["OUTPUT"]

    # confidentiality: every count and rate of every year; change fields are left out of the export
    # (a change next to a suppressed value would give it away)
    names = set(index.fields().names())
    field_of = {m["source"]: m["field"] for m in meta if m.get("source")}
    counts, rates, defs = [], [], []
    for m in meta:
        is_rate = m.get("kind") == "rate" or m.get("unit") in ("%", "per 1000")
        parts = SAMPLE_RATE_PARTS.get(m.get("source") or "")
        if parts:
            num = field_of[parts[0]]
            den = field_of[parts[1] or "Einwohner"]
        else:
            num, den = m.get("numerator"), m.get("denominator")
        for y in m["years"]:
            f = f"{m['field']}_{y}"
            if not is_rate and m.get("unit") != "years":
                counts.append(f)
            elif is_rate and f"{num}_{y}" in names and f"{den}_{y}" in names:
                rates.append(f)
                defs.append(f"{f}={num}_{y}/{den}_{y}")
    dropped = [n for n in names if "_chg_" in n or (n.endswith(tuple(f"_{y}" for y in years)) and n not in counts
                                                     and n not in rates)]
    slim = processing.run("native:deletecolumn", {"INPUT": index, "COLUMN": dropped, "OUTPUT": "memory:"})["OUTPUT"]
    gpkg = demo.out / "atlas.gpkg"
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(str(gpkg) + suffix).unlink(missing_ok=True)
    fb_sup = Collect()
    t0 = time.perf_counter()
    sup = processing.run("isrp:suppress", {
        "INPUT": slim, "COUNT_FIELDS": counts, "RATE_FIELDS": rates, "RATE_DEFINITIONS": "; ".join(defs),
        "THRESHOLD": 3, "COLUMN_TOTALS": True, "POPULATION_FIELD": f"pop_total_{y1}", "MIN_POPULATION": 300,
        "MODE": 0, "DECIMAL_SEPARATOR": 1, "OUTPUT": str(gpkg)}, feedback=fb_sup)
    t_sup = time.perf_counter() - t0
    protected = QgsVectorLayer(sup["OUTPUT"], "atlas", "ogr")

    # out/sozialindex.csv: German table conventions (';', decimal comma), '.' = suppressed
    cols = [("ot_id", "Ortsteil-Nr."), ("name", "Ortsteil"), (f"pop_total_{y1}_txt", f"Einwohner {y1}")]
    cols += [(f"{f}_txt" if f in rates else f, f"{m['label']} {y1}") for f, m in zip(status_fields, status)]
    cols += [("status_index", "Statusindex"), ("status_class", "Statusklasse"), ("status_label", "Status"),
             ("dynamics_index", f"Dynamikindex {y0}–{y1}"), ("dynamics_class", "Dynamikklasse"),
             ("dynamics_label", "Dynamik"), ("index_group_code", "Gruppe"), ("small_unit", "unter 300 Einwohner"),
             ("index_excluded", "nicht im Index, weil")]

    def cell(value):
        if value is None or (hasattr(value, "isNull") and value.isNull()):
            return ""
        if isinstance(value, float):
            return f"{value:.3f}".replace(".", ",")
        return str(value)

    from isrp_plugin.core.social_index import DYNAMICS_LABELS_DE, STATUS_LABELS_DE

    german_labels = {"status_label": ("status_class", STATUS_LABELS_DE),
                     "dynamics_label": ("dynamics_class", DYNAMICS_LABELS_DE)}

    def csv_cell(f, key):
        if key in german_labels:  # the MSS names, whatever the language QGIS runs in
            cls, names = german_labels[key]
            return names.get(f[cls], "") if isinstance(f[cls], int) else ""
        return cell(f[key])

    rows = sorted(protected.getFeatures(), key=lambda f: str(f["ot_id"]))
    with (demo.out / "sozialindex.csv").open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh, delimiter=";")
        writer.writerow([c[1] for c in cols])
        for f in rows:
            writer.writerow([csv_cell(f, c[0]) for c in cols])
    n_dots = sum(1 for f in rows for c, _ in cols if c.endswith("_txt") and f[c] == ".")

    status_counts, dyn_counts, groups = {}, {}, {}
    for f in rows:
        for d, key in ((status_counts, "status_label"), (dyn_counts, "dynamics_label"), (groups, "index_group_code")):
            v = cell(f[key]) or "–"
            d[v] = d.get(v, 0) + 1
    sources = json.loads(load["SOURCES"])
    report = [
        "Sozialstrukturatlas Erfurt (Beispieldaten) — Bericht",
        "",
        f"Tabellen ({len(sources)}):",
        *[f"  {s['file']}: {s['rows']} Zeilen, {s['indicators']} Indikatoren, {s['layout']}, {s['encoding']}, "
          f"Trennzeichen {s['delimiter']!r}, Dezimalzeichen {s['decimal']!r}, Jahr aus {s['year_source']}"
          for s in sources],
        f"Ortsteile: {atlas.featureCount()}, Indikatoren: {len(meta)}, Jahre: {', '.join(map(str, years))}",
        f"Tabellenzeilen ohne Ortsteil: {load['UNMATCHED_ROWS']}; Ortsteile ohne Daten: {load['UNMATCHED_DISTRICTS']}; "
        f"nicht lesbare Zellen: {load['INVALID_CELLS']}",
        "Hinweise beim Einlesen:" if fb_load.warnings else "Hinweise beim Einlesen: keine",
        *[f"  {w}" for w in fb_load.warnings],
        "",
        f"Sozialindex (MSS-Verfahren): Status aus {', '.join(status_fields)}; Dynamik aus {', '.join(dynamics_fields)}",
        f"  im Index: {si['INCLUDED']} von {index.featureCount()} Ortsteilen (Mindestbevölkerung 300)",
        "  Statusklassen: " + ", ".join(f"{k}: {v}" for k, v in sorted(status_counts.items())),
        "  Dynamikklassen: " + ", ".join(f"{k}: {v}" for k, v in sorted(dyn_counts.items())),
        "  Gruppen: " + ", ".join(f"{k}: {v}" for k, v in sorted(groups.items())),
        "",
        f"Geheimhaltung (Schwelle 3): {sup['SOURCE_SUPPRESSED']} schon in der Quelle gesperrte Fallzahlen ('.'), "
        f"{sup['PRIMARY']} weitere primäre und {sup['SECONDARY']} sekundäre Sperrungen, "
        f"{sup['RATES']} gesperrte Quoten, "
        f"{sup['SMALL_UNITS']} Ortsteil(e) unter 300 Einwohnern; "
        f"{n_dots} gesperrte Zellen ('.') in sozialindex.csv",
        *[f"  {w}" for w in fb_sup.warnings],
        "",
        f"Laufzeit: Einlesen {t_load:.2f} s, Index {t_index:.2f} s, Geheimhaltung {t_sup:.2f} s, "
        f"gesamt {time.perf_counter() - t_all:.2f} s",
    ]
    (demo.out / "atlas_report.txt").write_text("\n".join(report) + "\n", encoding="utf-8")
    demo.say("social index: " + ", ".join(f"{k} {v}" for k, v in sorted(status_counts.items()))
             + " (dynamics: " + ", ".join(f"{k} {v}" for k, v in sorted(dyn_counts.items())) + f") in {t_index:.2f} s")
    demo.say(f"confidentiality: {sup['SOURCE_SUPPRESSED']} counts suppressed in the source, {sup['PRIMARY']} more "
             f"primary + {sup['SECONDARY']} secondary suppressions, "
             f"{sup['RATES']} rates, {sup['SMALL_UNITS']} small Ortsteil in {t_sup:.2f} s → {gpkg}, "
             f"{demo.out / 'sozialindex.csv'}, {demo.out / 'atlas_report.txt'} "
             f"(atlas step {time.perf_counter() - t_all:.1f} s)")


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
        step_atlas(demo, project)
        step_accessibility(demo, project)
        step_mapsheets(demo, project)
        step_coverage(demo, project)
        step_measures_scenario(demo, project)
    finally:
        QgsProject.instance().clear()
    demo.say("demo finished")
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
