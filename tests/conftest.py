"""Shared test set-up: headless Qt; QGIS fixtures come from pytest-qgis.

Core tests (tests/core) never need QGIS; QGIS tests request the pytest-qgis fixtures
``qgis_app``, ``qgis_iface``, ``qgis_processing``, ``qgis_new_project``.
"""

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
