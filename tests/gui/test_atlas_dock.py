"""The Atlas dock, driven like a user: load the sample atlas in the background, switch indicator and
year, look at the rendered map, compare a district with the city, social index, similar districts,
and a user indicator saved in the project.

Pictures to look at: /tmp/atlas_map.png (the rendered choropleth), /tmp/atlas_map_change.png,
/tmp/atlas_index_map.png and /tmp/atlas_dock.png (the dock).
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest
from qgis.core import (
    QgsCategorizedSymbolRenderer,
    QgsGraduatedSymbolRenderer,
    QgsMapRendererParallelJob,
    QgsMapSettings,
    QgsProject,
    QgsVectorLayer,
)
from qgis.PyQt import sip
from qgis.PyQt.QtCore import QCoreApplication, QSize
from qgis.PyQt.QtGui import QColor

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "resources" / "sample"



def _wait(predicate, timeout=60.0):
    end = time.monotonic() + timeout
    while not predicate() and time.monotonic() < end:
        QCoreApplication.processEvents()
        time.sleep(0.01)
    return predicate()


@pytest.fixture()
def env(provider, qgis_new_project, tmp_path):
    """A copy of the sample in tmp_path (never written to resources/sample) with the Ortsteile in the project."""
    dst = tmp_path / "sample"
    dst.mkdir()
    shutil.copy(SAMPLE / "erfurt_sample.gpkg", dst / "erfurt_sample.gpkg")
    shutil.copytree(SAMPLE / "atlas", dst / "atlas")
    project = QgsProject.instance()
    layer = QgsVectorLayer(f"{dst / 'erfurt_sample.gpkg'}|layername=ortsteile", "ortsteile", "ogr")
    assert layer.isValid()
    project.addMapLayer(layer)
    files = [dst / "atlas" / f"sozialstrukturatlas_{y}.csv" for y in (2020, 2021, 2022)]
    yield project, layer, files
    project.removeAllMapLayers()


@pytest.fixture()
def dock(env):
    from isrp_plugin.gui.atlas_dock import AtlasDock

    project, _, _ = env
    d = AtlasDock(project=project)
    d.resize(430, 900)
    d.show()
    QCoreApplication.processEvents()
    yield d
    d.cancel()
    _wait(lambda: not d.is_busy(), 20)
    d.close()
    sip.delete(d)
    QCoreApplication.processEvents()


def render(layers, path: Path, size=700):
    settings = QgsMapSettings()
    settings.setLayers(layers)
    settings.setDestinationCrs(layers[0].crs())
    extent = layers[0].extent()
    extent.scale(1.05)
    settings.setExtent(extent)
    settings.setOutputSize(QSize(size, size))
    settings.setBackgroundColor(QColor("white"))
    job = QgsMapRendererParallelJob(settings)
    job.start()
    job.waitForFinished()
    image = job.renderedImage()
    image.save(str(path))
    return {image.pixel(x, y) for x in range(0, size, 5) for y in range(0, size, 5)}


def _load(dock, layer, files):
    dock.set_districts(layer, "ot_id", "name")
    dock.add_files(files)
    dock.load()
    assert dock.is_busy()
    assert _wait(lambda: dock.atlas_layer is not None and not dock.is_busy()), dock.status_label.text()
    assert not dock.last_error, dock.last_error


def test_dock_loads_maps_and_compares(dock, env):
    project, layer, files = env
    _load(dock, layer, files)
    atlas = dock.atlas_layer
    assert atlas.featureCount() == 53 and atlas.id() in project.mapLayers()
    assert "cp1252" in dock.detected_label.text() and "wide" in dock.detected_label.text()
    assert "Atlas loaded" in dock.status_label.text()
    dock.tabs.setCurrentIndex(0)
    for _ in range(5):
        QCoreApplication.processEvents()
    dock.grab().save("/tmp/atlas_dock_data.png")
    # default: the first catalogue status indicator in the atlas, latest year
    assert dock.indicator_combo.currentData() == "unemployment_rate"
    assert dock.year_combo.currentData() == 2022
    renderer = atlas.renderer()
    assert isinstance(renderer, QgsGraduatedSymbolRenderer)
    assert "unemployment_rate_2022" in renderer.classAttribute()
    assert dock.legend_label.text() == "Arbeitslosenquote in % 2022"
    colours = render([atlas], Path("/tmp/atlas_map.png"))
    assert len(colours) >= 6, "the rendered map is (nearly) blank"

    # switch indicator and year: the layer is restyled at once
    dock.set_indicator("foreign_share", 2020)
    assert "foreign_share_2020" in atlas.renderer().classAttribute()
    assert dock.legend_label.text().startswith("Ausländeranteil in % 2020")
    colours2 = render([atlas], Path("/tmp/atlas_map_2020.png"))
    assert len(colours2) >= 6
    # change between years: diverging classes around 0, in percentage points
    dock.set_indicator("sgb2_rate", 2022)
    dock.change_check.setChecked(True)
    assert "sgb2_rate_chg_2020_2022" in atlas.renderer().classAttribute()
    assert dock.legend_label.text() == "SGB-II-Quote in %: change 2020–2022 (pp)"
    ranges = [r for r in atlas.renderer().ranges() if r.lowerValue() > -1e15]
    assert ranges[0].lowerValue() == pytest.approx(-ranges[-1].upperValue())
    assert len(render([atlas], Path("/tmp/atlas_map_change.png"))) >= 6
    # another pair of years is an expression on the fly
    dock.change_from_combo.setCurrentIndex(dock.change_from_combo.findData(2021))
    assert '"sgb2_rate_2022" - "sgb2_rate_2021"' in atlas.renderer().classAttribute()
    dock.change_check.setChecked(False)
    dock.labels_check.setChecked(True)
    assert atlas.labelsEnabled()
    dock.labels_check.setChecked(False)

    # district vs city (the city values come from isrp:aggregateunits)
    dock.compare_combo.setCurrentIndex(dock.compare_combo.findData("01"))
    table = dock.compare_table
    rows = {table.item(r, 0).toolTip(): (table.item(r, 1).text(), table.item(r, 2).text())
            for r in range(table.rowCount())}
    pop_city = sum(f["pop_total_2022"] for f in atlas.getFeatures())
    from qgis.PyQt.QtCore import QLocale

    assert rows["pop_total_2022"] == (QLocale().toString(19302.0, "f", 0), QLocale().toString(pop_city, "f", 0))
    assert rows["foreign_share_2022"][1] != "–"
    # selecting a feature on the map selects the district in the dock
    fid = next(f.id() for f in atlas.getFeatures() if f["ot_id"] == "05")
    atlas.selectByIds([fid])
    assert dock.compare_combo.currentData() == "05"
    atlas.removeSelection()

    dock.tabs.setCurrentIndex(1)
    for _ in range(5):
        QCoreApplication.processEvents()
    dock.grab().save("/tmp/atlas_dock.png")


def test_dock_social_index_and_similar_districts(dock, env):
    project, layer, files = env
    _load(dock, layer, files)
    checked = dock.checked_indicators()
    assert checked == ["unemployment_rate", "sgb2_rate", "child_poverty_rate"]
    params = dock.social_index_parameters()
    assert params["STATUS_FIELDS"] == ["unemployment_rate_2022", "sgb2_rate_2022", "child_poverty_rate_2022"]
    assert params["DYNAMICS_FIELDS"] == ["unemployment_rate_chg_2020_2022", "sgb2_rate_chg_2020_2022",
                                         "child_poverty_rate_chg_2020_2022"]
    assert params["POPULATION_FIELD"] == "pop_total_2022" and params["POLARITY"] == "+,+,+"
    dock.run_social_index()
    assert _wait(lambda: dock.index_layer is not None and not dock.is_busy())
    idx = dock.index_layer
    assert isinstance(idx.renderer(), QgsCategorizedSymbolRenderer)
    from isrp_plugin.qgis_io.compat import is_null

    classes = [f["status_class"] for f in idx.getFeatures()]
    assert {c for c in classes if not is_null(c)} <= {1, 2, 3, 4} and len(set(classes)) >= 3
    assert sum(1 for c in classes if is_null(c)) == 1  # the one Ortsteil below 300 inhabitants
    assert "units in the index" in dock.index_result.text()
    assert len(render([idx], Path("/tmp/atlas_index_map.png"))) >= 4

    dock.similar_combo.setCurrentIndex(dock.similar_combo.findData("05"))
    dock.run_similar()
    assert _wait(lambda: dock.similar_ids and not dock.is_busy())
    assert len(dock.similar_ids) == 5 and "05" not in dock.similar_ids
    assert dock.similar_table.rowCount() == 52
    assert dock.similar_table.item(0, 0).text() == "1"
    selected = {f["ot_id"] for f in dock.atlas_layer.selectedFeatures()}
    assert selected == set(dock.similar_ids)
    dock.tabs.setCurrentIndex(2)
    for _ in range(5):
        QCoreApplication.processEvents()
    dock.grab().save("/tmp/atlas_dock_index.png")


def test_dock_user_indicator_saved_in_project(dock, env):
    from isrp_plugin.qgis_io import project_store

    project, _, _ = env
    dock.tabs.setCurrentIndex(3)
    dock.cat_id.setText("alq_18_65")
    dock.cat_label_de.setText("Arbeitslosenquote (18 bis unter 65)")
    dock.cat_label_en.setText("Unemployment rate (18 to under 65)")
    dock.cat_kind.setCurrentIndex(dock.cat_kind.findData("rate"))
    dock.cat_numerator.setCurrentIndex(dock.cat_numerator.findData("unemployed"))
    dock.cat_denominator.setCurrentIndex(dock.cat_denominator.findData("pop_total"))
    dock.cat_unit.setText("%")
    dock.cat_polarity.setCurrentIndex(dock.cat_polarity.findData("higher_worse"))
    assert dock.save_user_indicator(), dock.cat_message.text()
    saved = project_store.load_user_indicators(project)
    assert [(i.id, i.numerator, i.denominator, i.factor, i.polarity) for i in saved] == [
        ("alq_18_65", "unemployed", "pop_total", 100.0, "higher_worse")]
    origins = {dock.catalogue_table.item(r, 0).text(): dock.catalogue_table.item(r, 5).text()
               for r in range(dock.catalogue_table.rowCount())}
    assert origins["alq_18_65"] == "project" and origins["sgb2_rate"] == "catalogue"
    # an invalid definition is refused with the reason, nothing is written
    dock.cat_id.setText("broken")
    dock.cat_numerator.setCurrentIndex(0)
    assert not dock.save_user_indicator()
    assert "numerator" in dock.cat_message.text()
    assert [i.id for i in project_store.load_user_indicators(project)] == ["alq_18_65"]
    dock.cat_id.setText("alq_18_65")
    dock.remove_user_indicator()
    assert project_store.load_user_indicators(project) == []
    for _ in range(5):
        QCoreApplication.processEvents()
    dock.grab().save("/tmp/atlas_dock_catalogue.png")


def test_dock_reports_bad_input(dock, env, tmp_path):
    _, layer, _ = env
    dock.set_districts(layer, "ot_id", "name")
    dock.load()
    assert "Add at least one indicator table" in dock.status_label.text()
    bad = tmp_path / "atlas_2022.csv"
    bad.write_text("Nr:Einwohner\n01:100\n", encoding="utf-8")
    dock.add_files([bad])
    dock.load()
    assert _wait(lambda: not dock.is_busy())
    assert "only one column detected" in dock.last_error
    assert dock.atlas_layer is None


def test_setup_atlas_gui_registers_a_dock(qgis_iface, provider, qgis_new_project):
    from isrp_plugin.gui.atlas_dock import AtlasDock, setup_atlas_gui

    added = []

    class FakePlugin:
        iface = qgis_iface

        def add_dock(self, dock, area=None, toggle_icon="", toggle_text=""):
            added.append((dock, toggle_icon, toggle_text))
            return dock

    dock = setup_atlas_gui(FakePlugin())
    assert isinstance(dock, AtlasDock)
    assert added == [(dock, "atlas.svg", "Atlas (social structure)")]
    assert (ROOT / "resources" / "icons" / "atlas.svg").exists()
    sip.delete(dock)


def test_deleting_the_dock_during_a_load_is_safe(env):
    from isrp_plugin.gui.atlas_dock import AtlasDock

    project, layer, files = env
    d = AtlasDock(project=project)
    d.set_districts(layer, "ot_id", "name")
    d.add_files(files)
    d.load()
    run = d.runs[0]
    sip.delete(d)  # what deleteLater() in the plugin's unload() ends in
    assert _wait(lambda: run.task is None, 30)  # the callback ran without touching deleted widgets


def test_dock_saves_to_geopackage(dock, env, tmp_path):
    _, layer, files = env
    out = tmp_path / "atlas_out.gpkg"
    dock.output_widget.setFilePath(str(out))
    _load(dock, layer, files[-1:])
    atlas = dock.atlas_layer
    assert atlas.providerType() == "ogr" and "atlas_out.gpkg" in atlas.source()
    assert atlas.featureCount() == 53 and out.exists()
    assert dock.indicator_combo.findData("sgb2_rate") >= 0 and dock.year_combo.currentData() == 2022
