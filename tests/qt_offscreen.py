"""Loaded with ``-p tests.qt_offscreen`` (pyproject addopts) before pytest-qgis creates QgsApplication.

Without a display, Qt must use the offscreen platform; setting it in conftest.py is too late.
"""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
