"""The Coverage tab on a copy of the Erfurt sample: standards table (project, CSV), Run in the
background, table of units, export CSV/XLSX, screenshots.

Writes /tmp/coverage_tab.png (the tab after a run) and /tmp/coverage_map.png (the result map)
so that a person can look at them.
"""

import csv
import shutil
import time
from pathlib import Path

import pytest
from qgis.core import (
    QgsMapRendererParallelJob,
    QgsMapSettings,
    QgsProject,
    QgsRectangle,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QCoreApplication, QSize, Qt
from qgis.PyQt.QtGui import QColor

from tests.gui.standards_fixtures import private_settings  # noqa: F401 - fixture

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "resources" / "sample"



@pytest.fixture()
def sample_project(qgis_new_project, tmp_path):
    """The sample project opened from a copy (never write into resources/sample)."""
    for name in ("erfurt_sample.qgz", "erfurt_sample.gpkg"):
        shutil.copy(SAMPLE / name, tmp_path / name)
    project = QgsProject.instance()
    assert project.read(str(tmp_path / "erfurt_sample.qgz"))
    yield project
    project.clear()


def _wait(predicate, timeout=120.0):
    end = time.monotonic() + timeout
    while not predicate() and time.monotonic() < end:
        QCoreApplication.processEvents()
        time.sleep(0.01)
    return predicate()


@pytest.mark.usefixtures("private_settings")  # no default catalogue of the user's own: the shipped one
def test_standards_table_saves_in_the_project_and_round_trips_csv(qgis_new_project, tmp_path):
    from isrp_plugin.core.standards import read_standards
    from isrp_plugin.gui.coverage_tab import StandardsTable
    from isrp_plugin.gui.standards_editor import StandardsEditor
    from isrp_plugin.processing.alg_coverage import project_standards_text

    project = QgsProject.instance()
    table = StandardsTable(project)
    assert isinstance(table, StandardsEditor)  # the one editor of the options page, bound to the project
    assert table.model.rowCount() == 11 and project_standards_text(project) == ""  # defaults, nothing saved yet
    assert "this project" in table.caption.text() and "default catalogue" in table.status.text()
    # edit the kita_u3 value: validated and saved in the project
    row = next(r for r in range(table.model.rowCount()) if table.model.item(r, 0).text() == "kita_u3")
    table.model.item(row, 4).setText("60")
    assert table.valid and "kita_u3,Kita (unter 3 Jahre),Day care (under 3),2/3*pop_0_3,60," in \
        project_standards_text(project)
    # an invalid edit is refused with the problem named, the project keeps the last valid catalogue
    table.model.item(row, 4).setText("-1")
    assert not table.valid and "standard_value" in table.status.text()
    assert ",60," in project_standards_text(project)
    table.model.item(row, 4).setText("60")
    path = tmp_path / "standards.csv"
    assert table.export_csv(str(path))
    assert read_standards(path)["kita_u3"].standard_value == 60
    table.reset_defaults()
    assert ",65," in project_standards_text(project)
    assert table.import_csv(str(path))
    assert ",60," in project_standards_text(project)
    bad = tmp_path / "bad.csv"
    bad.write_text("id,label_de\nx,y\n", encoding="utf-8")
    assert not table.import_csv(str(bad)) and "missing column" in table.status.text()


def test_coverage_tab_runs_on_the_sample(provider, sample_project, tmp_path):
    from isrp_plugin.gui.coverage_tab import CoverageTab

    tab = CoverageTab(sample_project)
    tab.resize(560, 1000)
    tab.show()  # collapsible group boxes apply their state when shown
    # pre-filled from the sample, standard Kita under 3 with its target group and the capacity hint
    tab.standard.setCurrentIndex(tab.standard.findData("kita_u3"))
    assert tab.units.currentLayer().name() == "ortsteile" and tab.unit_id.currentField() == "ot_id"
    assert tab.demand.currentLayer().name() == "nachfragepunkte"
    assert tab.population.checkedItems() == ["pop_0_3"]
    assert "2/3*pop_0_3" in tab.population_info.text()
    assert tab.filter.expression() == "\"typ\" = 'kita'" and tab.capacity.expression() == "\"capacity_u3\""
    assert tab.catchment.value() == 500 and tab.network.currentLayer().name() == "strassennetz"
    tab.method.setCurrentIndex(2)  # E2SFCA
    params = tab.parameters()
    assert params["STANDARD"] == "kita_u3" and params["POPULATION_FIELD"] == [] and params["MAX_COST"] == 0
    assert params["METHOD"] == 2 and params["DECAY"] == "step" and params["MODE"] == 0
    assert params["ROAD_CLASS_FIELD"] == "road_class"
    from isrp_plugin.processing.alg_coverage import project_standards_text

    assert project_standards_text(sample_project) == ""  # the sample has no catalogue of its own
    assert tab.start()
    assert not tab.run_button.isEnabled() and tab.cancel_button.isEnabled()
    # the project keeps the catalogue its result is computed with
    assert project_standards_text(sample_project).startswith("id,label_de,label_en,target_group,")
    assert _wait(lambda: tab.run is None), "the run did not finish"
    assert tab.status.text().startswith("Done"), tab.log.toPlainText()[-2000:]
    assert tab.model.rowCount() == 53
    # the result layers are in the project, styled
    assert tab.units_layer is not None and sample_project.mapLayer(tab.units_layer.id()) is not None
    assert tab.units_layer.renderer().type() == "RuleRenderer"
    assert "coverage" in tab.headline.text().lower()
    # sortable: the proxy sorts by the numbers, not by the text
    col = [tab.model.horizontalHeaderItem(c).text() for c in range(tab.model.columnCount())].index("Coverage")
    tab.table.sortByColumn(col, Qt.SortOrder.AscendingOrder)
    values = [tab.proxy.index(r, col).data(258) for r in range(tab.proxy.rowCount())]
    finite = [v for v in values if v is not None]
    assert finite == sorted(finite) and values[: len(finite)] == finite  # NULL (no ratio) last
    # export CSV and XLSX in the displayed order
    out_csv = tmp_path / "coverage.csv"
    assert tab.export_table(str(out_csv))
    rows = list(csv.DictReader(out_csv.open(encoding="utf-8")))
    assert len(rows) == 53 and set(rows[0]) == {"ot_id", "name", "target_pop", "need", "supply", "coverage_ratio",
                                               "places_gap"}
    assert [float(r["coverage_ratio"]) for r in rows if r["coverage_ratio"]] == finite
    out_xlsx = tmp_path / "coverage.xlsx"
    assert tab.export_table(str(out_xlsx))
    xl = QgsVectorLayer(str(out_xlsx), "xl", "ogr")
    assert xl.isValid() and xl.featureCount() == 53
    # the results equal a direct run of the algorithm (the tab computes nothing itself)
    from qgis import processing

    direct = processing.run("isrp:coverage", {**params, "OUTPUT_UNITS": "memory:", "OUTPUT_POINTS": "memory:"})
    assert direct["NEED"] == pytest.approx(tab.last_results["NEED"])
    assert direct["SUPPLY_ATTRIBUTED"] == pytest.approx(tab.last_results["SUPPLY_ATTRIBUTED"])

    # pictures for a person to look at
    tab.standards_box.setCollapsed(True)
    QCoreApplication.processEvents()
    assert tab.grab().save("/tmp/coverage_tab.png")
    tab.close()
    settings = QgsMapSettings()
    layers = [tab.units_layer]
    settings.setLayers(layers)
    settings.setDestinationCrs(tab.units_layer.crs())
    extent = QgsRectangle(tab.units_layer.extent())
    extent.scale(1.05)
    settings.setExtent(extent)
    settings.setOutputSize(QSize(900, 800))
    settings.setBackgroundColor(QColor("white"))
    job = QgsMapRendererParallelJob(settings)
    job.start()
    job.waitForFinished()
    image = job.renderedImage()
    assert image.save("/tmp/coverage_map.png")
    colours = {image.pixel(x, y) for x in range(0, 900, 30) for y in range(0, 800, 30)}
    assert len(colours) > 4  # not blank


def test_incomplete_choices_give_a_message(provider, qgis_new_project):
    from isrp_plugin.gui.coverage_tab import CoverageTab

    tab = CoverageTab(QgsProject.instance())
    assert not tab.start()
    assert "Choose" in tab.status.text()
    tab.standard.setCurrentIndex(tab.standard.findData("youth_club"))
    assert not tab.start() and "no value" in tab.status.text()


def test_add_coverage_tab_to_the_analyses_dock(provider, qgis_new_project):
    from isrp_plugin.gui.analyses_dock import AnalysesDock
    from isrp_plugin.gui.coverage_tab import CoverageTab, add_coverage_tab

    dock = AnalysesDock(None, QgsProject.instance())
    tab = add_coverage_tab(dock)
    assert isinstance(tab, CoverageTab) and dock.tabs.indexOf(tab) >= 1
    assert dock.tabs.tabText(dock.tabs.indexOf(tab)) == "Coverage"
    # the plugin hook finds the dock among the plugin's docks
    from types import SimpleNamespace

    from isrp_plugin.gui.coverage_tab import setup_coverage_gui

    other = AnalysesDock(None, QgsProject.instance())
    tab2 = setup_coverage_gui(SimpleNamespace(docks=[other]))
    assert other.tabs.indexOf(tab2) >= 1
    assert setup_coverage_gui(SimpleNamespace(docks=[])) is None
