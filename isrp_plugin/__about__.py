"""Plugin identity, read once from metadata.txt (no Qt/QGIS imports)."""

import configparser
from pathlib import Path

PLUGIN_DIR = Path(__file__).resolve().parent


def _first_existing(*candidates: Path) -> Path:
    for c in candidates:
        if c.exists():
            return c
    return candidates[0]


# In the repository the top-level folders sit beside the package; in the built
# ZIP they sit inside it. Both layouts are supported.
METADATA_PATH = _first_existing(PLUGIN_DIR / "metadata.txt", PLUGIN_DIR.parent / "metadata.txt")
RESOURCES_DIR = _first_existing(PLUGIN_DIR / "resources", PLUGIN_DIR.parent / "resources")
I18N_DIR = _first_existing(PLUGIN_DIR / "i18n", PLUGIN_DIR.parent / "i18n")


def _read_metadata(path: Path) -> dict:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str
    parser.read(path, encoding="utf-8")
    return dict(parser["general"]) if parser.has_section("general") else {}


METADATA = _read_metadata(METADATA_PATH)
TITLE = METADATA.get("name", "ISRP")
VERSION = METADATA.get("version", "0.0.0")
QGIS_MIN = METADATA.get("qgisMinimumVersion", "3.22")
QGIS_MAX = METADATA.get("qgisMaximumVersion", "4.99")
PLUGIN_ID = "isrp_plugin"
PROVIDER_ID = "isrp"
SETTINGS_GROUP = "isrp"


def resource_path(*parts: str) -> Path:
    """Path of a file below resources/ (icons, styles, sample data ...)."""
    return RESOURCES_DIR.joinpath(*parts)
