"""Load Qt Designer files from resources/ui at run time (no compiled resources)."""

from qgis.PyQt import uic

from ..__about__ import resource_path


def load_ui(name: str):
    """Return the (form class, base class) pair for ``resources/ui/<name>.ui``."""
    return uic.loadUiType(str(resource_path("ui", f"{name}.ui")))
