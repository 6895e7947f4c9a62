"""Shared test set-up: headless Qt; QGIS fixtures come from pytest-qgis.

Core tests (tests/core) never need QGIS; QGIS tests request the pytest-qgis fixtures
``qgis_app``, ``qgis_iface``, ``qgis_processing``, ``qgis_new_project``.
"""

import gc
import os
import sys
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from qgis.core import QgsApplication, QgsProject  # noqa: E402


@pytest.fixture(scope="session", autouse=True)
def _collect_qgis_objects_before_exit(qgis_app):
    """Free Python-held QGIS objects (layers kept alive by tracebacks of expected exceptions,
    finished tasks) while QGIS still runs; pytest-qgis calls exitQgis after this teardown."""
    yield
    gc.collect()
    QgsProject.instance().clear()
    QgsApplication.processEvents()
    # Layers still owned by Python (held by caches or module state) must go while GDAL is alive;
    # left to interpreter shutdown they are destroyed after exitQgis and crash in GDALClose.
    from qgis.core import QgsMapLayer
    from qgis.PyQt import sip

    for obj in gc.get_objects():
        if isinstance(obj, QgsMapLayer) and not sip.isdeleted(obj) and sip.ispyowned(obj):
            sip.delete(obj)
    gc.collect()


@pytest.fixture()
def provider(qgis_processing):
    """The ISRP provider registered for one test (Processing initialised by pytest-qgis)."""
    from isrp_plugin.processing.provider import IsrpProvider

    registry = QgsApplication.processingRegistry()
    prov = IsrpProvider()
    registry.addProvider(prov)
    yield prov
    from isrp_plugin.gui.tasks import cancel_all

    cancel_all()  # as the plugin's unload: no background run may outlive the provider
    registry.removeProvider(prov)
