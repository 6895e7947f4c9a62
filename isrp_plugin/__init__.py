"""ISRP – Sozialraumplanung: QGIS plugin entry point."""


def classFactory(iface):  # noqa: N802 (QGIS API name)
    """Called by QGIS when the plugin is loaded."""
    from .plugin import IsrpPlugin

    return IsrpPlugin(iface)
