"""The Analyses dock: pre-filled from the project, Run in the background, styled results, summary table, Cancel.

Screenshots (dock and a rendered map of the result) are written to ``out/screenshots/`` so that
a person can look at them; the test asserts the map is not blank.
"""

import time
from pathlib import Path

import pytest
from qgis.core import (
    QgsFeature,
    QgsGeometry,
    QgsMapRendererParallelJob,
    QgsMapSettings,
    QgsPointXY,
    QgsProject,
    QgsRuleBasedRenderer,
    QgsVectorLayer,
)
from qgis.PyQt import sip
from qgis.PyQt.QtCore import QCoreApplication, QSize, Qt
from qgis.PyQt.QtGui import QColor

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "out" / "screenshots"



def _wait(predicate, timeout=60.0):
    end = time.monotonic() + timeout
    while not predicate() and time.monotonic() < end:
        QCoreApplication.processEvents()
        time.sleep(0.01)
    return predicate()


def _layer(uri, name, rows):
    vl = QgsVectorLayer(uri, name, "memory")
    feats = []
    for geom, attrs in rows:
        f = QgsFeature(vl.fields())
        f.setGeometry(geom)
        f.setAttributes(attrs)
        feats.append(f)
    vl.dataProvider().addFeatures(feats)
    return vl


def _pt(x, y):
    return QgsGeometry.fromPointXY(QgsPointXY(600000 + x, 5650000 + y))


def _box(x0, y0, x1, y1):
    ring = [QgsPointXY(600000 + x, 5650000 + y) for x, y in ((x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0))]
    return QgsGeometry.fromPolygonXY([ring])


@pytest.fixture()
def small_project(qgis_new_project):
    """A tiny project with the sample's layer and field names: a street grid, Kitas, demand, two Ortsteile."""
    project = QgsProject.instance()
    lines = []
    steps = range(0, 2001, 250)
    for i in steps:  # grid 0..2000 m, every 250 m; a vertex at every crossing (streets connect only there)
        lines.append((QgsGeometry.fromPolylineXY([QgsPointXY(600000 + i, 5650000 + j) for j in steps]),
                      [len(lines), "residential", 0]))
        lines.append((QgsGeometry.fromPolylineXY([QgsPointXY(600000 + j, 5650000 + i) for j in steps]),
                      [len(lines), "residential", 0]))
    net = _layer("LineString?crs=EPSG:25832&field=road_id:integer&field=road_class:string&field=oneway:integer",
                 "strassennetz", lines)
    fac = _layer("Point?crs=EPSG:25832&field=fac_id:string&field=typ:string&field=capacity:double", "einrichtungen",
                 [(_pt(260, 260), ["kita_1", "kita", 60.0]), (_pt(1510, 1240), ["kita_2", "kita", 80.0]),
                  (_pt(1000, 1000), ["school_1", "schule", 500.0])])
    demand_rows = []
    for x in range(60, 2000, 180):
        for y in range(40, 2000, 170):
            demand_rows.append((_pt(x, y), [f"dp_{x}_{y}", "01" if x < 1000 else "02", 2, 1, 10]))
    demand = _layer("Point?crs=EPSG:25832&field=pt_id:string&field=ot_id:string&field=pop_0_3:integer"
                    "&field=pop_3_6:integer&field=pop_total:integer", "nachfragepunkte", demand_rows)
    units = _layer("Polygon?crs=EPSG:25832&field=ot_id:string&field=name:string", "ortsteile",
                   [(_box(-50, -50, 1000, 2050), ["01", "West"]), (_box(1000, -50, 2050, 2050), ["02", "Ost"])])
    project.addMapLayers([units, net, demand, fac])
    return project


@pytest.fixture()
def dock(provider, small_project):
    from isrp_plugin.gui.analyses_dock import AnalysesDock

    d = AnalysesDock(project=small_project)
    d.resize(440, 900)
    d.show()
    QCoreApplication.processEvents()
    yield d
    from isrp_plugin.gui.tasks import cancel_all

    cancel_all()  # a run still going: cancelled, and its worker stopped
    d.close()
    d.deleteLater()
    QCoreApplication.processEvents()


def test_dock_is_prefilled_from_the_project(dock, small_project):
    p = dock.accessibility
    assert dock.tabs.count() == 1 and dock.tabs.tabText(0) == "Accessibility"
    assert p.fac_layer.currentLayer().name() == "einrichtungen"
    assert p.fac_type_field.currentField() == "typ" and p.fac_type_value.currentText() == "kita"
    assert p.facility_filter() == "\"typ\" = 'kita'"
    assert p.fac_id_field.currentField() == "fac_id"
    assert p.demand_layer.currentLayer().name() == "nachfragepunkte"
    assert sorted(p.population.checkedItems()) == ["pop_0_3", "pop_3_6"]
    assert p.units_layer.currentLayer().name() == "ortsteile" and p.unit_id_field.currentField() == "ot_id"
    assert p.network_layer.currentLayer().name() == "strassennetz"
    assert p.mode.currentData() == "walk"
    params = p.parameters()
    assert params["POPULATION_FIELD"] == ["pop_0_3", "pop_3_6"] and params["MODE"] == 0
    assert params["ROAD_CLASS_FIELD"] == "road_class"  # picked by name from the network layer
    p.network_layer.setLayer(None)
    assert p.road_class.currentField() == ""
    p.network_layer.setLayer(small_project.mapLayersByName("strassennetz")[0])
    assert p.road_class.currentField() == "road_class"
    # a second tab can be added by another analysis
    from qgis.PyQt.QtWidgets import QLabel

    assert dock.add_tab(QLabel("coverage"), "Coverage") == 1


def test_run_adds_styled_layers_and_fills_the_table(dock, small_project):
    p = dock.accessibility
    assert p.start()
    assert not p.run_button.isEnabled() and p.cancel_button.isEnabled()
    assert _wait(lambda: p.run is None), "the background run did not finish"
    assert p.progress.value() == 100, p.status.text() + p.log.toPlainText()
    names = sorted(lyr.name() for lyr in small_project.mapLayers().values())
    assert "kita – accessibility (walk)" in names and "kita – accessibility per unit (walk)" in names
    points = p.points_layer
    assert points.featureCount() == len(list(p.demand_layer.currentLayer().getFeatures()))
    assert isinstance(points.renderer(), QgsRuleBasedRenderer)
    labels = [r.label() for r in points.renderer().rootRule().children()]
    assert labels == ["≤ 300 m", "300–500 m", "500–1000 m", "> 1000 m", "no facility reached"]
    assert p.model.rowCount() == 2 and p.model.columnCount() == 9
    headers = [p.model.headerData(i, Qt.Orientation.Horizontal) for i in range(p.model.columnCount())]
    assert headers[:3] == ["Unit", "Name", "Population"] and "≤ 500 m" in headers
    # population per unit: 3 per point
    pops = sorted(float(p.model.item(r, 2).data(257)) for r in range(2))
    n_west = sum(1 for f in p.demand_layer.currentLayer().getFeatures() if f["ot_id"] == "01")
    n_all = p.demand_layer.currentLayer().featureCount()
    assert pops == sorted([3.0 * n_west, 3.0 * (n_all - n_west)])
    assert "Population 396" in p.headline.text() and "500 m: " in p.headline.text()
    # sorting by a numeric column uses the numbers
    p.table.sortByColumn(2, Qt.SortOrder.DescendingOrder)
    assert float(p.proxy.data(p.proxy.index(0, 2), 257)) == max(pops)
    # pictures to look at: the dock and the rendered result
    SHOTS.mkdir(parents=True, exist_ok=True)
    for _ in range(5):  # let the pending layout requests run
        QCoreApplication.processEvents()
    dock.grab().save(str(SHOTS / "analyses_dock.png"))
    settings = QgsMapSettings()
    settings.setLayers([p.fac_layer.currentLayer(), points, p.network_layer.currentLayer(), p.summary_layer])
    settings.setDestinationCrs(points.crs())
    extent = p.summary_layer.extent()
    extent.scale(1.05)
    settings.setExtent(extent)
    settings.setOutputSize(QSize(700, 700))
    settings.setBackgroundColor(QColor("white"))
    job = QgsMapRendererParallelJob(settings)
    job.start()
    job.waitForFinished()
    image = job.renderedImage()
    image.save(str(SHOTS / "accessibility_map.png"))
    colours = {image.pixel(x, y) for x in range(0, 700, 7) for y in range(0, 700, 7)}
    assert len(colours) > 8, "the rendered map is (nearly) blank"
    # a rerun with other thresholds replaces the previous result layers
    p.thresholds.setText("250, 750")
    first_ids = list(p.result_layer_ids)
    assert p.start()
    assert _wait(lambda: p.run is None)
    assert all(small_project.mapLayer(i) is None for i in first_ids)
    assert p.model.columnCount() == 8
    assert "reused from the cache" in p.log.toPlainText()  # the rerun did not rebuild the street network


def test_cancel_stops_the_run(dock, small_project):
    p = dock.accessibility
    before = set(small_project.mapLayers())
    assert p.start()
    p.cancel()
    assert _wait(lambda: p.run is None, 30)
    assert p.status.text() == "Cancelled."
    assert set(small_project.mapLayers()) == before
    assert p.run_button.isEnabled() and not p.cancel_button.isEnabled()


def test_incomplete_choices_give_a_message(dock):
    p = dock.accessibility
    p.network_layer.setLayer(None)
    assert not p.start()
    assert "network" in p.status.text()
    p.mode.setCurrentIndex(3)  # straight line needs no network
    assert "NETWORK" in p.parameters() and p.parameters()["NETWORK"] is None


def test_setup_analyses_gui_registers_a_dock(qgis_iface, provider, qgis_new_project):
    from isrp_plugin.gui.analyses_dock import AnalysesDock, setup_analyses_gui

    added = []

    class FakePlugin:
        iface = qgis_iface

        def add_dock(self, dock, area=None, toggle_icon="", toggle_text=""):
            added.append((dock, toggle_icon, toggle_text))
            return dock

    dock = setup_analyses_gui(FakePlugin())
    assert isinstance(dock, AnalysesDock)
    assert added == [(dock, "analyses.svg", "Analyses (accessibility)")]
    assert (ROOT / "resources" / "icons" / "analyses.svg").exists()
    dock.deleteLater()


def test_deleting_the_dock_during_a_run_is_safe(provider, small_project):
    from isrp_plugin.gui.analyses_dock import AnalysesDock

    d = AnalysesDock(project=small_project)
    panel = d.accessibility
    assert panel.start()
    run = panel.run
    sip.delete(d)  # what deleteLater() in the plugin's unload() ends in
    assert run.feedback.isCanceled()
    assert _wait(lambda: run.task is None, 30)  # the callback ran without touching deleted widgets
