"""Run inside the real QGIS desktop: ``qgis --code scripts/desktop_check.py``.

Checks that the ISRP plugin was loaded from the profile, writes what it found as JSON to
$ISRP_RESULT, optionally opens the sample project ($ISRP_OPEN_SAMPLE=1) and/or opens the ISRP
menu, saves a screenshot of the main window to $ISRP_SCREENSHOT, then quits QGIS.
"""

import json
import os
import traceback

from qgis.core import QgsApplication
from qgis.PyQt.QtCore import QTimer
from qgis.PyQt.QtWidgets import QToolBar
from qgis.utils import active_plugins, iface, plugins

RESULT = os.environ.get("ISRP_RESULT", "/tmp/isrp_desktop_check.json")
SHOT = os.environ.get("ISRP_SCREENSHOT", "")
OPEN_SAMPLE = os.environ.get("ISRP_OPEN_SAMPLE") == "1"
SHOW_MENU = os.environ.get("ISRP_SHOW_MENU") == "1"


def _collect():
    info = {"active_plugins": list(active_plugins), "loaded": "isrp_plugin" in plugins}
    registry = QgsApplication.processingRegistry()
    provider = registry.providerById("isrp")
    info["provider"] = provider is not None
    info["algorithms"] = sorted(a.id() for a in provider.algorithms()) if provider else []
    window = iface.mainWindow()
    info["menus"] = [a.text() for a in window.menuBar().actions()]
    info["toolbar"] = [t.windowTitle() for t in window.findChildren(QToolBar) if t.objectName() == "isrpToolbar"]
    plugin = plugins.get("isrp_plugin")
    info["options_factory"] = bool(plugin is not None and plugin.options_factory is not None)
    info["plugin_path"] = getattr(__import__("isrp_plugin"), "__file__", "")
    from isrp_plugin.__about__ import resource_path

    if plugin is not None and OPEN_SAMPLE and resource_path("sample", "erfurt_sample.qgz").exists():
        info["sample_opened"] = bool(plugin.open_sample_project())
        from qgis.core import QgsProject

        info["project_layers"] = sorted(lyr.name() for lyr in QgsProject.instance().mapLayers().values())
    return info


def _quit():
    """Close without prompts: layers under /tmp count as "temporary" and would make QGIS ask."""
    from qgis.core import QgsProject

    QgsProject.instance().clear()
    iface.actionExit().trigger()


def _finish():
    try:
        info = _collect()
    except Exception:  # noqa: BLE001 - report, then quit
        info = {"error": traceback.format_exc()}
    with open(RESULT, "w", encoding="utf-8") as fh:
        json.dump(info, fh, indent=1)
    if SHOT:
        menu = None
        if SHOW_MENU:
            for action in iface.mainWindow().menuBar().actions():
                if action.menu() is not None and action.menu().objectName() == "isrpMenu":
                    menu = action.menu()
                    geo = iface.mainWindow().menuBar().actionGeometry(action)
                    menu.popup(iface.mainWindow().menuBar().mapToGlobal(geo.bottomLeft()))
        QTimer.singleShot(2500, lambda: _shoot(menu))
    else:
        QTimer.singleShot(200, _quit)


def _shoot(menu):
    from qgis.PyQt.QtGui import QGuiApplication

    screen = QGuiApplication.primaryScreen()
    pix = screen.grabWindow(0) if menu is not None else iface.mainWindow().grab()
    pix.save(SHOT)
    if menu is not None:
        menu.close()
    QTimer.singleShot(200, _quit)


def _watchdog():
    """Something blocked (a modal dialog?): report what is on screen instead of hanging."""
    from qgis.PyQt.QtWidgets import QApplication

    modal = QApplication.activeModalWidget()
    detail = ""
    if modal is not None:
        detail = f"{type(modal).__name__}: {modal.windowTitle()} {getattr(modal, 'text', lambda: '')()}"
    with open(RESULT, "w", encoding="utf-8") as fh:
        json.dump({"error": f"watchdog: no result after 120 s; modal widget: {detail or 'none'}"}, fh)
    if SHOT:
        QApplication.primaryScreen().grabWindow(0).save(SHOT)
    os._exit(3)


QTimer.singleShot(120000, _watchdog)
iface.mainWindow().setGeometry(0, 0, 1600, 1000)
iface.mainWindow().show()
QTimer.singleShot(3000, _finish)
