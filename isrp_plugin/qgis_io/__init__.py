"""Adapters between QGIS layers and numpy/pandas, plus QGIS-version compatibility."""
