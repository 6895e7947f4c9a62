"""Run inside the real QGIS desktop: ``qgis --code scripts/desktop_tour.py`` (see desktop_tour.sh).

Drives the installed ISRP plugin through the planning cycle on a copy of the sample and saves
screenshots of the whole screen to $ISRP_SHOTS (a folder):

1. ``desktop_atlas.png``: the Atlas dock has loaded the sample atlas, the map shows an indicator;
2. ``desktop_measures.png``: the Measures dock with two proposed Kitas, the scenario's map of change
   and its before/after table;
3. ``desktop_measure_form.png``: the form of a measure opened from the dock;
4. ``desktop_undo.png``: a measure moved in an edit session, the Undo panel lists the saved steps.

Writes what it did (or the traceback) as JSON to $ISRP_RESULT, then quits QGIS.
"""

import json
import os
import time
import traceback
from pathlib import Path

from qgis import processing
from qgis.core import QgsGeometry, QgsPointXY, QgsProject, QgsRectangle, QgsSettings
from qgis.PyQt.QtCore import QCoreApplication, QTimer
from qgis.PyQt.QtGui import QGuiApplication
from qgis.PyQt.QtWidgets import QApplication, QDockWidget
from qgis.utils import iface, plugins

from isrp_plugin.qgis_io import measures_store as ms

SHOTS = Path(os.environ.get("ISRP_SHOTS", "/tmp/isrp_tour"))
RESULT = os.environ.get("ISRP_RESULT", str(SHOTS / "tour.json"))
info = {"steps": []}


def wait(predicate, timeout=120.0):
    end = time.monotonic() + timeout
    while not predicate() and time.monotonic() < end:
        QCoreApplication.processEvents()
        time.sleep(0.02)
    return predicate()


def pause(seconds):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QCoreApplication.processEvents()
        time.sleep(0.02)


def shoot(name):
    pause(1.5)  # let the canvas finish rendering
    path = SHOTS / name
    QGuiApplication.primaryScreen().grabWindow(0).save(str(path))
    info["steps"].append(name)


def dock_of(plugin, class_name):
    return next(d for d in plugin.docks if type(d).__name__ == class_name)


def only(plugin, dock):
    for d in plugin.docks:
        d.setVisible(d is dock)
    for d in iface.mainWindow().findChildren(QDockWidget):
        if d.objectName() in ("Browser", "Browser2") and d.isVisible():
            d.hide()
    dock.show()
    dock.raise_()


def tour():
    SHOTS.mkdir(parents=True, exist_ok=True)
    plugin = plugins["isrp_plugin"]
    assert plugin.open_sample_project(), "sample project did not open"
    project = QgsProject.instance()
    sample_dir = Path(project.fileName()).parent
    window = iface.mainWindow()
    window.setGeometry(0, 0, 1600, 1000)  # Xvfb has no window manager to maximise it
    QgsSettings().setValue("qgis/dockAttributeTable", True)  # the scenario table docks below the map
    canvas = iface.mapCanvas()

    # 0. the three panels share one place as tabs
    for d in plugin.docks:
        d.show()
    pause(0.5)
    tabs = window.tabifiedDockWidgets(dock_of(plugin, "AtlasDock"))
    info["tabified_with_atlas"] = sorted(d.objectName() for d in tabs)
    info["docks_visible"] = sorted(d.objectName() for d in plugin.docks if d.isVisible())
    shoot("desktop_docks.png")

    # 1. Atlas
    atlas = dock_of(plugin, "AtlasDock")
    only(plugin, atlas)
    window.resizeDocks([atlas], [520], 1)  # Qt.Horizontal
    ortsteile = project.mapLayersByName("ortsteile")[0]
    atlas.set_districts(ortsteile, "ot_id", "name")
    atlas.add_files([sample_dir / "atlas" / f"sozialstrukturatlas_{y}.csv" for y in (2020, 2021, 2022)])
    atlas.load()
    assert wait(lambda: atlas.atlas_layer is not None and not atlas.is_busy()), atlas.status_label.text()
    atlas.tabs.setCurrentIndex(1)  # Map
    atlas.set_indicator("sgb2_rate", 2022)
    for name in ("nachfragepunkte", "strassennetz", "einrichtungen"):
        for lyr in project.mapLayersByName(name):
            node = project.layerTreeRoot().findLayer(lyr.id())
            if node is not None:
                node.setItemVisibilityChecked(False)
    canvas.setExtent(ortsteile.extent())
    canvas.refresh()
    info["atlas_status"] = atlas.status_label.text()
    info["atlas_legend"] = atlas.legend_label.text()
    shoot("desktop_atlas.png")
    node = project.layerTreeRoot().findLayer(atlas.atlas_layer.id())
    node.setItemVisibilityChecked(False)

    # 2. Measures + scenario
    measures = dock_of(plugin, "MeasuresDock")
    only(plugin, measures)
    window.resizeDocks([measures], [520], 1)
    manager = plugin.measures_manager
    store = manager.open_store(manager.default_path(), create=True)
    # two proposed Kitas: the best MCLP sites, turned into measures as the menu does
    from isrp_plugin.gui import suggestions as sg

    params = sg.suggestion_parameters(project, "kita_3_6", 2)
    params["OUTPUT"] = "memory:"
    result = processing.run("isrp:locationsuggest", params)
    sites = result["OUTPUT"] if not isinstance(result["OUTPUT"], str) else None
    sites.setName("Standortvorschläge Kita")
    project.addMapLayer(sites)
    sg.style_suggestions(sites)
    info["suggest_objective"] = result.get("OBJECTIVE_VALUE")
    done = plugin.scenario_gui.turn_selected("kita_3_6", 80.0)
    assert len(done) == 2, "suggestions were not turned into measures"
    measures.refresh()
    measures.ui.buttonScenario.click()
    assert wait(lambda: project.mapLayersByName("Szenario: Veränderung der Bedarfsdeckung")
                or project.mapLayersByName("Scenario: change of coverage"), 180), "scenario did not finish"
    scen = (project.mapLayersByName("Szenario: Veränderung der Bedarfsdeckung")
            or project.mapLayersByName("Scenario: change of coverage"))[0]
    info["scenario_fields"] = scen.fields().names()
    info["scenario_result"] = {k: v for k, v in (plugin.scenario_gui.last_result or {}).items()
                               if isinstance(v, (int, float))}
    box = QgsRectangle(scen.extent())
    box.scale(1.1)
    canvas.setExtent(box)
    canvas.refresh()
    pause(2)
    shoot("desktop_measures.png")
    for widget in window.findChildren(QDockWidget):  # the docked attribute table
        if widget.isVisible() and ("Scen" in widget.windowTitle() or "Szen" in widget.windowTitle()):
            widget.close()

    # 3. the form of a measure, opened from the dock
    mid = store.records()[0]["measure_id"]
    info["measures"] = [(r["title"], r["sozialraum"], r["ortsteil"]) for r in store.records()]
    assert measures.select_measure(mid)
    QTimer.singleShot(2500, lambda: (shoot("desktop_measure_form.png"), _close_modal()))
    measures.open_form_selected()

    # 4. undo in an edit session
    layer = ms.project_layers(project, store.path)["point"]
    iface.setActiveLayer(layer)
    layer.startEditing()
    feature = next(f for f in layer.getFeatures() if f["measure_id"] == mid)
    fid, here = feature.id(), feature.geometry().asPoint()
    layer.beginEditCommand("Move")  # what the vertex tool does
    layer.changeGeometry(fid, QgsGeometry.fromPointXY(QgsPointXY(here.x() + 150, here.y() + 100)))
    layer.endEditCommand()
    pause(0.5)
    measures.select_measure(mid)
    measures.change_status("agreed")
    undo_dock = next((d for d in window.findChildren(QDockWidget)
                      if "Undo" in d.windowTitle() or "Rückgängig" in d.windowTitle()), None)
    if undo_dock is not None:
        undo_dock.show()
        undo_dock.raise_()
    canvas.setExtent(QgsRectangle(here.x() - 1500, here.y() - 1000, here.x() + 1500, here.y() + 1000))
    canvas.refresh()
    info["undo_steps"] = [layer.undoStack().text(i) for i in range(layer.undoStack().count())]
    info["modified_after_autocommit"] = layer.isModified()
    shoot("desktop_undo.png")
    layer.undoStack().undo()
    info["status_after_undo"] = next(r["status"] for r in store.records() if r["measure_id"] == mid)
    layer.commitChanges()


def _close_modal():
    modal = QApplication.activeModalWidget()
    if modal is not None:
        modal.reject()


def main():
    try:
        tour()
        info["ok"] = True
    except Exception:  # noqa: BLE001 - report, then quit
        info["ok"] = False
        info["error"] = traceback.format_exc()
    with open(RESULT, "w", encoding="utf-8") as fh:
        json.dump(info, fh, indent=1, default=str)
    QgsProject.instance().clear()
    iface.actionExit().trigger()


QTimer.singleShot(1500, main)
