"""Typed plugin settings, stored with QgsSettings under the plugin's group."""

import logging
from dataclasses import asdict, dataclass, fields
from typing import Dict, Iterable

from qgis.core import QgsSettings

from ..__about__ import SETTINGS_GROUP
from ..core.standards import Standard, StandardsError, load_default_standards, parse_standards_csv, standards_to_csv

LOG = logging.getLogger("isrp_plugin.settings")


@dataclass
class IsrpSettings:
    """All user settings with their defaults (DOMAIN.md: every figure configurable)."""

    #: counts below this are suppressed in everything that leaves the machine
    suppression_threshold: int = 3
    #: units with fewer inhabitants get no social-index class and are flagged
    min_population: int = 300
    #: walking speed in km/h used to turn metres into minutes
    walk_speed_kmh: float = 4.5
    #: cycling speed in km/h
    bike_speed_kmh: float = 15.0
    #: vertices closer than this (map units) become one network node; 0 = exact
    snap_tolerance_m: float = 0.0
    #: demand points farther than this from the network count as "not connected"
    max_access_distance_m: float = 500.0
    #: write debug messages to the ISRP log tab
    debug: bool = False
    #: the user's default standards catalogue for new projects, as catalogue CSV text
    #: (see core.standards); "" = the catalogue shipped with the plugin
    default_standards_csv: str = ""

    @classmethod
    def load(cls) -> "IsrpSettings":
        store = QgsSettings()
        values = {}
        defaults = cls()
        for f in fields(cls):
            default = getattr(defaults, f.name)
            raw = store.value(f"{SETTINGS_GROUP}/{f.name}", default)
            values[f.name] = _coerce(raw, type(default), default)
        return cls(**values)

    def save(self) -> None:
        store = QgsSettings()
        for key, value in asdict(self).items():
            store.setValue(f"{SETTINGS_GROUP}/{key}", value)

    def default_standards(self) -> Dict[str, Standard]:
        """The user's default standards catalogue (the shipped one when none is set).

        A stored catalogue that no longer validates (edited by hand in the INI file) is logged
        and replaced by the shipped one, so that a new project always gets a usable catalogue.
        """
        if self.default_standards_csv.strip():
            try:
                return parse_standards_csv(self.default_standards_csv, origin="default standards (QGIS settings)")
            except StandardsError as err:
                LOG.warning("the default standards in the QGIS settings are invalid, the shipped ones apply: %s", err)
        return load_default_standards()

    def set_default_standards(self, standards: Iterable[Standard]) -> None:
        """Keep ``standards`` (validated) as the default catalogue; "" when it equals the shipped one.

        Storing nothing for the shipped catalogue lets a plugin update with corrected defaults reach
        users who never changed them.
        """
        standards = list(standards)
        text = standards_to_csv(standards)  # raises StandardsError when invalid
        self.default_standards_csv = "" if standards == list(load_default_standards().values()) else text


def user_default_standards() -> Dict[str, Standard]:
    """The default standards catalogue of this QGIS user (Settings ▸ Options ▸ ISRP ▸ Standards).

    New projects start from it; ``isrp:coverage`` uses it for projects without a catalogue.
    """
    return IsrpSettings.load().default_standards()


def _coerce(raw, kind, default):
    """QgsSettings may hand back strings (INI files); turn them into the field's type."""
    if raw is None:
        return default
    try:
        if kind is bool:
            if isinstance(raw, str):
                return raw.strip().lower() in ("1", "true", "yes", "on")
            return bool(raw)
        if kind is str and isinstance(raw, (list, tuple)):
            return ",".join(map(str, raw))  # an unquoted INI value with commas reads as a list
        return kind(raw)
    except (TypeError, ValueError):
        return default
