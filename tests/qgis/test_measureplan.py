"""isrp:measureplan: XLSX (summary + one sheet per social space) readable by GDAL, CSV, PDF, sidecars."""

import csv
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from osgeo import ogr
from qgis.core import QgsFeature, QgsGeometry, QgsPointXY, QgsRectangle, QgsVectorLayer

from isrp_plugin.__about__ import VERSION
from isrp_plugin.qgis_io import measures_store as ms
from isrp_plugin.qgis_io.compat import make_field

# (x, y, title, fields of action, status, social space id, social space, investment, running)
MEASURES = [
    (100, 100, "Familienzentrum Mitte", "{family}", "agreed", "SR1", "Mitte", 850000.0, 120000.0),
    (150, 120, "Schulsozialarbeit", "{youth,education}", "in_progress", "SR1", "Mitte", None, 95000.0),
    (120, 160, "Spielplatz Markt", "{youth}", "proposed", "SR1", "Mitte", 180000.0, None),
    (1100, 100, "Seniorentreff Nord", "{old_age}", "done", "SR2", "Nord [alt]", 60000.0, 48000.0),
    (1200, 150, "Sprach-Kita", "{education,family}", "rejected", "SR2", "Nord [alt]", None, 55000.0),
    # no social space on the record; lies in unit SR2 → assigned from the units layer
    (1300, 300, "Quartiersbüro", "{neighbourhood}", "proposed", None, None, 20000.0, 30000.0),
]


@pytest.fixture()
def measures(qgis_app, tmp_path):
    store = ms.MeasureStore.create(tmp_path / "massnahmen.gpkg")
    for x, y, title, fields, status, sid, sname, invest, running in MEASURES:
        record = {"title": title, "fields_of_action": fields, "status": status, "sozialraum_id": sid,
                  "sozialraum": sname, "cost_investment": invest, "cost_running": running,
                  "responsible": "Amt", "start_date": "2025-01-01", "end_date": "2026-12-31",
                  "measure_type": "service"}
        store.add_measure(record, QgsGeometry.fromPointXY(QgsPointXY(640000 + x, 5650000 + y)), "point", "test")
    layers = [QgsVectorLayer(store.uri(kind), kind, "ogr") for kind in ("point", "area")]
    store.release()
    yield layers
    layers.clear()


@pytest.fixture()
def units(qgis_app):
    layer = QgsVectorLayer("MultiPolygon?crs=EPSG:25832", "sozialraeume", "memory")
    layer.dataProvider().addAttributes([make_field("sozialraum_id", "string"), make_field("sozialraum", "string")])
    layer.updateFields()
    feats = []
    for sid, name, x0 in (("SR1", "Mitte", 0), ("SR2", "Nord [alt]", 1000)):
        f = QgsFeature(layer.fields())
        f.setGeometry(QgsGeometry.fromRect(QgsRectangle(640000 + x0, 5650000, 640000 + x0 + 1000, 5651000)))
        f.setAttributes([sid, name])
        feats.append(f)
    layer.dataProvider().addFeatures(feats)
    return layer


def run_plan(measures, units, tmp_path, **extra):
    from qgis import processing

    from isrp_plugin.processing.alg_measureplan import MeasurePlanAlgorithm

    params = {"MEASURES": measures, "UNITS": units, "LANGUAGE": 0,
              "OUTPUT_XLSX": str(tmp_path / "plan.xlsx"), "OUTPUT_CSV": str(tmp_path / "plan.csv"),
              "OUTPUT_PDF": str(tmp_path / "plan.pdf")}
    params.update(extra)
    return processing.run(MeasurePlanAlgorithm(), params)


def xlsx_sheets(path: Path) -> dict:
    ds = ogr.Open(str(path))
    assert ds is not None, "GDAL cannot open the workbook"
    out = {}
    for i in range(ds.GetLayerCount()):
        lyr = ds.GetLayer(i)
        defn = lyr.GetLayerDefn()
        names = [defn.GetFieldDefn(j).GetName() for j in range(defn.GetFieldCount())]
        out[lyr.GetName()] = [dict(zip(names, [f.GetField(n) for n in names])) for f in lyr]
        del defn, lyr  # GDAL objects must go before their dataset (else a crash at exit)
    del ds
    return out


def test_xlsx_sheets_rows_and_totals(qgis_processing, measures, units, tmp_path):
    result = run_plan(measures, units, tmp_path)
    assert result["MEASURES_COUNT"] == 5  # the rejected one is left out
    assert result["SOCIAL_SPACES"] == 2
    sheets = xlsx_sheets(tmp_path / "plan.xlsx")
    # sheet names: no "[]" (Excel forbids them), summary first
    assert list(sheets) == ["Übersicht", "SR1 Mitte", "SR2 Nord -alt-"]
    assert [r["Maßnahme"] for r in sheets["SR1 Mitte"]] == ["Schulsozialarbeit", "Spielplatz Markt",
                                                           "Familienzentrum Mitte"]  # youth, youth, family
    assert sorted(r["Maßnahme"] for r in sheets["SR2 Nord -alt-"]) == ["Quartiersbüro", "Seniorentreff Nord"]
    summary = sheets["Übersicht"]
    total = summary[-1]
    assert total["Sozialraum-ID"] == "Alle Sozialräume"
    # worked out from MEASURES without the rejected one: 850000 + 180000 + 60000 + 20000
    assert total["Investitionskosten (EUR)"] == 1110000
    assert total["Laufende Kosten (EUR pro Jahr)"] == 120000 + 95000 + 48000 + 30000
    assert total["Anzahl"] == 5 and total["Vorgeschlagen"] == 2 and total["Umgesetzt"] == 1
    assert total["Ohne Angabe Investition"] == 1
    sr1_youth = next(r for r in summary if r["Sozialraum-ID"] == "SR1" and r["Handlungsfeld"] == "Jugend")
    assert sr1_youth["Anzahl"] == 2 and sr1_youth["In Umsetzung"] == 1
    subtotal = next(r for r in summary if r["Sozialraum-ID"] == "SR2" and r["Handlungsfeld"] == "Summe")
    assert subtotal["Anzahl"] == 2 and subtotal["Investitionskosten (EUR)"] == 80000


def test_csv_pdf_and_sidecars(qgis_processing, measures, units, tmp_path):
    run_plan(measures, units, tmp_path, INCLUDE_REJECTED=True)
    with open(tmp_path / "plan.csv", encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter=";"))
    assert len(rows) == 6
    family = next(r for r in rows if r["Maßnahme"] == "Familienzentrum Mitte")
    assert family["Investitionskosten (EUR)"] == "850000,00" and family["Status"] == "Abgestimmt"
    assert next(r for r in rows if r["Maßnahme"] == "Quartiersbüro")["Sozialraum-ID"] == "SR2"
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", "-layout", str(tmp_path / "plan.pdf"), "-"], capture_output=True,
                              text=True, check=True).stdout
        assert "Integrierter Sozialraumplan – Maßnahmenplan" in text
        for title in ("Familienzentrum Mitte", "Quartiersbüro", "Sprach-Kita"):
            assert title in text
        assert "Seite 1 von" in text
    for name in ("plan.xlsx", "plan.csv", "plan.pdf"):
        record = json.loads((tmp_path / f"{name}.json").read_text(encoding="utf-8"))
        assert record["plugin_version"] == VERSION and record["algorithm"] == "isrp:measureplan"
        assert record["parameters"]["INCLUDE_REJECTED"] is True
        assert record["inputs"]["measures"][0]["source"].endswith("layername=massnahmen_punkte")
        assert record["outputs"]["file"] == str(tmp_path / name)


def test_english_sheet_names(qgis_processing, measures, units, tmp_path):
    run_plan(measures, units, tmp_path, LANGUAGE=1, OUTPUT_CSV=None, OUTPUT_PDF=None)
    sheets = xlsx_sheets(tmp_path / "plan.xlsx")
    assert list(sheets)[0] == "Summary"
    assert sheets["Summary"][-1]["Social space id"] == "All social spaces"
    assert not (tmp_path / "plan.csv").exists()
