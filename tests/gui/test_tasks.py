"""Docks run algorithms as QGIS tasks; the callback gets the results on the main thread."""

import time

import pytest
from qgis.core import QgsVectorLayer
from qgis.PyQt.QtCore import QCoreApplication, QThread


def _wait(predicate, timeout=20.0):
    end = time.monotonic() + timeout
    while not predicate() and time.monotonic() < end:
        QCoreApplication.processEvents()
        time.sleep(0.01)
    return predicate()


def test_run_algorithm_in_background(provider, qgis_new_project):
    from isrp_plugin.gui.tasks import run_algorithm

    layer = QgsVectorLayer("Point?crs=EPSG:25832", "pts", "memory")
    seen = {}

    def done(ok, results, run):
        seen["ok"] = ok
        seen["thread_is_main"] = QThread.currentThread() == QCoreApplication.instance().thread()
        out = run.take_layer(results["OUTPUT"])
        seen["rows"] = [f["layer"] for f in out.getFeatures()]

    run_algorithm("isrp:checklayers", {"LAYERS": [layer], "OUTPUT": "memory:"}, done)
    assert _wait(lambda: "ok" in seen)
    assert seen == {"ok": True, "thread_is_main": True, "rows": ["pts"]}


def test_unknown_algorithm_is_a_clear_error(qgis_app):
    from isrp_plugin.gui.tasks import run_algorithm

    with pytest.raises(KeyError, match="isrp:nope"):
        run_algorithm("isrp:nope", {}, lambda *a: None)
