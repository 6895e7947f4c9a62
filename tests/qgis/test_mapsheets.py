"""isrp:mapsheets: one page per unit, names and attribution in the text, confidential values print as '.'.

The sample project is copied to a temporary folder (QGIS may touch a GeoPackage it opens). The
atlas is the sample atlas with two planted small counts in Brühlervorstadt (03), 2022:
* "Einwohner 65 und älter" = 2 → its share of 65+ must print ".", and because the city total is
  published, one more unit must be hidden in that column: the one with the smallest non-zero count
  (worked out here from the CSV, independently of the code);
* "Ausländer" = 2 → the share of foreign nationals must print ".".
"""

import csv
import hashlib
import io
import json
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from qgis.core import Qgis, QgsProcessingFeedback, QgsProject

from isrp_plugin.__about__ import VERSION
from tests.conftest import ROOT

pytestmark = pytest.mark.skipif(shutil.which("pdfinfo") is None or shutil.which("pdftotext") is None,
                                reason="poppler-utils (pdfinfo, pdftotext) missing")

SAMPLE = ROOT / "resources" / "sample"
TEXT_FORMATS = {0: Qgis.TextRenderFormat.AlwaysOutlines, 1: Qgis.TextRenderFormat.AlwaysText}
PLANTED_UNIT = "03"  # Brühlervorstadt


def read_csv(path: Path):
    text = path.read_text(encoding="cp1252")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    return rows[0], rows[1:]


def write_csv(path: Path, header, rows) -> None:
    out = io.StringIO()
    csv.writer(out, delimiter=";", lineterminator="\r\n").writerows([header] + rows)
    path.write_bytes(out.getvalue().encode("cp1252"))


def count(cell: str) -> int:
    return 0 if cell in ("-", "") else int(cell.replace(".", ""))


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    """Copy of the sample project and an atlas with the planted small counts; the expected secondary unit."""
    folder = tmp_path_factory.mktemp("sample")
    for name in ("erfurt_sample.gpkg", "erfurt_sample.qgz"):
        shutil.copy(SAMPLE / name, folder / name)
    atlas = folder / "atlas"
    atlas.mkdir()
    for path in sorted((SAMPLE / "atlas").glob("sozialstrukturatlas_20*.csv")):
        shutil.copy(path, atlas / path.name)
    header, rows = read_csv(atlas / "sozialstrukturatlas_2022.csv")
    i65, iforeign = header.index("Einwohner 65 und älter"), header.index("Ausländer")
    assert all(r[i65] != "." for r in rows), "precondition: no suppressed 65+ count in the source"
    for r in rows:
        if r[0] == PLANTED_UNIT:
            r[i65], r[iforeign] = "2", "2"
    write_csv(atlas / "sozialstrukturatlas_2022.csv", header, rows)
    others = [(count(r[i65]), r[0], r[1]) for r in rows if r[0] != PLANTED_UNIT and count(r[i65]) > 0]
    smallest = min(others)[0]
    secondary = [(key, name) for c, key, name in others if c == smallest]
    names = {r[0]: r[1] for r in rows}
    return {"folder": folder, "atlas": sorted(str(p) for p in atlas.glob("*.csv")), "secondary": secondary,
            "names": names}


@pytest.fixture()
def project(qgis_processing, sample):
    project = QgsProject.instance()
    project.clear()
    assert project.read(str(sample["folder"] / "erfurt_sample.qgz"))
    yield project
    project.clear()


def run_sheets(project, sample, out: Path, units_filter: str, **extra):
    from qgis import processing

    from isrp_plugin.processing.alg_mapsheets import MapSheetsAlgorithm

    params = {
        "UNITS": project.mapLayersByName("ortsteile")[0],
        "ID_FIELD": "ot_id",
        "NAME_FIELD": "name",
        "FILTER": units_filter,
        "ATLAS": sample["atlas"],
        "FACILITIES": project.mapLayersByName("einrichtungen")[0],
        "CITY_NAME": "Erfurt",
        "OUTPUT": str(out),
    }
    feedback = extra.pop("feedback", None) or QgsProcessingFeedback()
    params.update(extra)
    return processing.run(MapSheetsAlgorithm(), params, feedback=feedback)


def pdf_pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def page_text(path: Path, page: int) -> str:
    return subprocess.run(["pdftotext", "-layout", "-f", str(page), "-l", str(page), str(path), "-"],
                          capture_output=True, text=True, check=True).stdout


def table_value(text: str, label: str) -> str:
    """The area's value in the key-indicator row that starts with ``label`` (first number or '.')."""
    for line in text.splitlines():
        if line.strip().startswith(label):
            rest = line.strip()[len(label):].split()
            assert rest, line
            return rest[0]
    raise AssertionError(f"row {label!r} not found")


def test_one_page_per_unit_names_attribution_and_confidentiality(project, sample, tmp_path):
    secondary_keys = [k for k, _ in sample["secondary"]]
    keys = sorted({"01", PLANTED_UNIT, "28", *secondary_keys})
    out = tmp_path / "sheets.pdf"
    result = run_sheets(project, sample, out, "\"ot_id\" IN ({})".format(", ".join(f"'{k}'" for k in keys)))
    assert result["PAGES"] == len(keys)
    assert pdf_pages(out) == len(keys)
    texts = {key: page_text(out, i + 1) for i, key in enumerate(keys)}  # sheets are sorted by unit id
    for key, text in texts.items():
        assert sample["names"][key] in text
        assert f"Nr. {key}" in text
        for attribution in ("Geoportal Erfurt", "dl-de/by-2-0", "© OpenStreetMap contributors", "ODbL",
                            "Sozialstrukturatlas"):
            assert attribution in text, (key, attribution)
        assert "Kennzahlen 2022" in text and "Maßnahmen im Gebiet" in text
    planted = texts[PLANTED_UNIT]
    # primary: the planted count of 2 is not shown, nor the rates computed from it
    assert table_value(planted, "Anteil 65 Jahre und älter (%)") == "."
    assert table_value(planted, "Ausländeranteil (%)") == "."
    # secondary: exactly the unit with the smallest other count is hidden in the same column
    hidden = [k for k in secondary_keys if table_value(texts[k], "Anteil 65 Jahre und älter (%)") == "."]
    assert len(hidden) == 1, (secondary_keys, hidden)
    # others are printed: Altstadt 2022 = 3,502 of 19,302 inhabitants = 18.1 %
    assert table_value(texts["01"], "Anteil 65 Jahre und älter (%)") == "18,1"
    assert table_value(texts["01"], "Einwohner") == "19.302"
    # the layout stays in the project, atlas over the sheet units
    layout = project.layoutManager().layoutByName(result["LAYOUT"])
    assert layout is not None and layout.atlas().enabled()
    assert layout.atlas().coverageLayer().featureCount() == 53


def test_sidecar_records_version_inputs_and_parameters(project, sample, tmp_path):
    out = tmp_path / "one.pdf"
    result = run_sheets(project, sample, out, "\"ot_id\" = '01'")
    sidecar = Path(result["SIDECAR"])
    assert sidecar == tmp_path / "one.pdf.json"
    record = json.loads(sidecar.read_text(encoding="utf-8"))
    assert record["plugin_version"] == VERSION
    assert record["algorithm"] == "isrp:mapsheets"
    assert record["parameters"]["FILTER"] == "\"ot_id\" = '01'"
    assert record["parameters"]["OUTPUT"] == str(out)
    assert record["inputs"]["units"]["source"].endswith("layername=ortsteile")
    for entry, path in zip(record["inputs"]["atlas"], sample["atlas"]):
        assert entry["path"] == path
        assert entry["sha256"] == hashlib.sha256(Path(path).read_bytes()).hexdigest()
    assert record["outputs"]["pdf"] == [str(out)] and record["outputs"]["pages"] == 1
    assert record["confidentiality"]["threshold"] >= 1
    assert record["created"][:4].isdigit()


def test_english_a3_per_unit_pdfs_and_png(project, sample, tmp_path):
    out = tmp_path / "en.pdf"
    result = run_sheets(project, sample, out, "\"ot_id\" IN ('01', '02')", TEMPLATE=1, LANGUAGE=1, MODE=1,
                        PNG=True)
    pdfs = sorted(tmp_path.glob("en_*.pdf"))
    assert [p.name for p in pdfs] == ["en_01.pdf", "en_02.pdf"]
    info = subprocess.run(["pdfinfo", str(pdfs[0])], capture_output=True, text=True, check=True).stdout
    assert "A3" in info and pdf_pages(pdfs[0]) == 1
    text = page_text(pdfs[1], 1)
    assert "Löbervorstadt" in text and "Key indicators 2022" in text and "Sheet 2 of 2" in text
    assert "© OpenStreetMap contributors" in text
    pngs = sorted((tmp_path / "en_png").glob("*.png"))
    assert len(pngs) == 2 and Path(result["PNG_FOLDER"]) == tmp_path / "en_png"


def test_cancel_stops_between_pages(project, sample, tmp_path):
    feedback = QgsProcessingFeedback()
    # the export is the second half of the progress; cancel as soon as the first page is done
    feedback.progressChanged.connect(lambda value: feedback.cancel() if value > 52 else None)
    out = tmp_path / "cancel.pdf"
    t0 = time.perf_counter()
    result = run_sheets(project, sample, out, "", feedback=feedback)
    assert result == {}
    assert time.perf_counter() - t0 < 30
    assert not (tmp_path / "cancel.pdf.json").exists()


def test_sheet_statistics_rules_worked_by_hand():
    """Three units and a city total: a planted 1 hides its rate and, via the column total, one more unit."""
    import pandas as pd

    from isrp_plugin.qgis_io.layouts import SheetIndicator, format_number, natural_breaks, sheet_statistics

    rows = (SheetIndicator("pop", "Inhabitants", "Einwohner", "count", (("pop",),), decimals=0),
            SheetIndicator("rate", "Rate", "Quote", "rate", (("cases",),), (("pop",),)))
    data = [("a", 2022, "pop", 1000.0), ("a", 2022, "cases", 1.0),
            ("b", 2022, "pop", 800.0), ("b", 2022, "cases", 40.0),
            ("c", 2022, "pop", 500.0), ("c", 2022, "cases", 10.0)]
    long = pd.DataFrame(data, columns=["unit_key", "year", "indicator", "value"])
    stats = sheet_statistics(long, ["a", "b", "c"], rows=rows, map_indicator="rate", threshold=3)
    assert stats.table["a"] == [("1.000", "2.300"), (".", "2,2")]  # city: 51 / 2300 = 2.2 %
    # the only other hidden cases count must be the smallest non-zero one: c (10 < 40)
    assert stats.table["c"][1][0] == "." and stats.table["b"][1][0] == "5,0"
    assert stats.map_value == {"a": None, "b": 5.0, "c": None}
    assert format_number(1234567.891, 1, "de") == "1.234.567,9"
    assert format_number(1234567.891, 1, "en") == "1,234,567.9"
    assert natural_breaks([1, 1, 1, 2, 2, 10, 11, 12, 30, 31, 50], 3, 0) == [1.0, 21.0, 40.0, 50.0]


def test_publish_actions_and_dialog_parameters(project, qgis_iface, tmp_path):
    """The "Map sheets…"/"Measure plan…" actions exist; the dialog guesses units and fields from the project."""
    from qgis.PyQt.QtWidgets import QMenu, QToolBar

    from isrp_plugin.gui.publish_dialog import MapSheetsDialog, MeasurePlanDialog, setup_publish_gui
    from isrp_plugin.plugin import IsrpPlugin

    class Shell:  # what setup_publish_gui uses of the plugin
        _add_action = IsrpPlugin._add_action

        def __init__(self, iface):
            self.iface = iface
            self.menu = QMenu()
            self.toolbar = QToolBar()
            self.actions = []

    shell = Shell(qgis_iface)
    actions = setup_publish_gui(shell)
    assert [a.text() for a in actions] in (["Map sheets…", "Measure plan…"], ["Kartenblätter…", "Maßnahmenplan…"])
    assert all(a in shell.toolbar.actions() for a in actions)

    dialog = MapSheetsDialog(qgis_iface, project)
    params = dialog.parameters()
    assert params["UNITS"].name() == "ortsteile" and params["ID_FIELD"] == "ot_id" and params["NAME_FIELD"] == "name"
    assert params["FACILITIES"].name() == "einrichtungen"
    assert params["OUTPUT"].endswith("mapsheets.pdf") and params["TEMPLATE"] == 0
    plan = MeasurePlanDialog(qgis_iface, project).parameters()
    assert plan["MEASURES"] == [] and plan["OUTPUT_XLSX"].endswith("massnahmenplan.xlsx")
    assert plan["OUTPUT_CSV"].endswith("massnahmenplan.csv") and plan["OUTPUT_PDF"].endswith("massnahmenplan.pdf")


@pytest.mark.parametrize("size", ["a4_portrait", "a3_landscape"])
@pytest.mark.parametrize("lang", ["de", "en"])
def test_shipped_templates_have_every_item(qgis_app, size, lang):
    from qgis.core import QgsLayoutFrame

    from isrp_plugin.qgis_io import layouts as L

    path = L.template_path(size, lang)
    assert path.exists()
    layout = L.load_template(path, QgsProject.instance(), "t")
    for item_id in L.ITEM_IDS:
        assert layout.itemById(item_id) is not None, item_id
    for table_id in ("isrp_indicator_table", "isrp_measures_table"):
        assert isinstance(layout.itemById(table_id), QgsLayoutFrame)
    width, height = L.GEOMETRY[size]["page"]
    page = layout.pageCollection().page(0).pageSize()
    assert (round(page.width()), round(page.height())) == (round(width), round(height))
    heading = "Kennzahlen" if lang == "de" else "Key indicators"
    assert heading in layout.itemById("isrp_indicator_heading").text()


def test_layout_saved_with_project_exports_again_without_the_plugin(project, sample, tmp_path):
    """The layout left in the project is a plain QGIS atlas: save, reopen, export with QGIS's own exporter."""
    from qgis.core import QgsLayoutExporter

    out = tmp_path / "first.pdf"
    result = run_sheets(project, sample, out, "\"ot_id\" IN ('01', '03')")
    saved = tmp_path / "touched_up.qgz"
    assert project.write(str(saved))
    project.clear()
    assert project.read(str(saved))
    layout = project.layoutManager().layoutByName(result["LAYOUT"])
    assert layout is not None
    again = tmp_path / "again.pdf"
    settings = QgsLayoutExporter.PdfExportSettings()  # as the layout designer sets them from the layout
    assert int(layout.customProperty("pdfTextFormat", -1)) == 1  # text stays text (searchable, accessible)
    settings.textRenderFormat = TEXT_FORMATS[int(layout.customProperty("pdfTextFormat"))]
    status, error = QgsLayoutExporter.exportToPdf(layout.atlas(), str(again), settings)
    assert status == QgsLayoutExporter.ExportResult.Success, error
    assert pdf_pages(again) == 2
    text = page_text(again, 2)
    assert "Brühlervorstadt" in text and table_value(text, "Anteil 65 Jahre und älter (%)") == "."
    assert table_value(page_text(again, 1), "Einwohner") == "19.302"
