"""Typed plugin settings, stored with QgsSettings under the plugin's group."""

from dataclasses import asdict, dataclass, fields

from qgis.core import QgsSettings

from ..__about__ import SETTINGS_GROUP


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


def _coerce(raw, kind, default):
    """QgsSettings may hand back strings (INI files); turn them into the field's type."""
    if raw is None:
        return default
    try:
        if kind is bool:
            if isinstance(raw, str):
                return raw.strip().lower() in ("1", "true", "yes", "on")
            return bool(raw)
        return kind(raw)
    except (TypeError, ValueError):
        return default
