"""Indicator definitions and column aliases saved with the QGIS project.

The shipped catalogue (``resources/catalogues/indicators.csv``, read by
:func:`isrp_plugin.core.indicators.load_catalogue`) holds the common indicators. A city adds its
own indicators in the Atlas panel; those are stored **in the project file** (so the project stays
self-contained when it is passed on) as JSON under ``QgsProject.writeEntry("isrp", ...)``:

* ``atlas/indicators``: ``{"version": 1, "indicators": [{"id": ..., "label_de": ..., "label_en": ...,
  "kind": "count"|"rate", "numerator": ..., "denominator": ..., "factor": ..., "unit": ...,
  "polarity": "higher_worse"|"higher_better"|"neutral", "source": ...}, ...]}``. A user
  indicator with the id of a shipped one replaces it for this project.
* ``atlas/aliases``: ``{"version": 1, "aliases": {"<column header as in the table>": "<indicator id>"}}``.

Aliases tell ``isrp:loadatlas`` which catalogue indicator a column of a statistics office's table
holds, so that the output field is named by the stable indicator id (``unemployment_rate_2022``)
and carries the catalogue's unit and polarity. :data:`DEFAULT_ALIASES` lists the headers that
German statistics offices commonly use (and the Erfurt sample uses); headers are compared after
:func:`~isrp_plugin.core.atlas_tables.normalise_name` (case, umlauts, spaces, hyphens). An alias
says *what* a column measures; the office's definition may differ in detail from the catalogue's
reference definition (e.g. unemployment per 18- instead of 15- to under 65-year-olds), so rates
are always taken as delivered, and the column header stays the label of the map.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Dict, Iterable, List, Optional

from qgis.core import QgsProject

from ..core.atlas_tables import normalise_name
from ..core.indicators import (
    CATALOGUE_COLUMNS,
    Indicator,
    IndicatorCatalogue,
    IndicatorCatalogueError,
    load_catalogue,
)

SCOPE = "isrp"
KEY_INDICATORS = "atlas/indicators"
KEY_ALIASES = "atlas/aliases"
FORMAT_VERSION = 1

#: Column headers as German statistics offices write them → catalogue indicator id.
DEFAULT_ALIASES: Dict[str, str] = {
    "Einwohner": "pop_total",
    "Einwohner insgesamt": "pop_total",
    "Einwohner 0 bis unter 3": "pop_0_3",
    "Einwohner 3 bis unter 6": "pop_3_6",
    "Einwohner 6 bis unter 10": "pop_6_10",
    "Einwohner 10 bis unter 18": "pop_10_18",
    "Einwohner 18 bis unter 27": "pop_18_27",
    "Einwohner unter 18": "pop_0_18",
    "Einwohner 65 und älter": "pop_65_plus",
    "Einwohner 80 und älter": "pop_80_plus",
    "Ausländer": "foreign_nationals",
    "Ausländeranteil in %": "foreign_share",
    "Ausländeranteil": "foreign_share",
    "Einwohner mit Migrationshintergrund": "migration_background",
    "Haushalte": "households_total",
    "Haushalte mit Kindern": "households_with_children",
    "Alleinerziehende Haushalte": "single_parent_households",
    "Anteil Alleinerziehende in %": "single_parent_share",
    "Arbeitslose": "unemployed",
    "Arbeitslosenquote in %": "unemployment_rate",
    "Arbeitslosenanteil in %": "unemployment_rate",
    "SGB-II-Leistungsberechtigte": "sgb2_recipients",
    "Regelleistungsberechtigte SGB II": "sgb2_recipients",
    "SGB-II-Quote in %": "sgb2_rate",
    "SGB-II-Quote": "sgb2_rate",
    "Anteil Kinder in SGB-II-Bedarfsgemeinschaften in %": "child_poverty_rate",
    "Kinderarmut in %": "child_poverty_rate",
    "Grundsicherung im Alter": "basic_income_old_age",
    "Wohngeldempfänger": "housing_benefit_recipients",
    "Hilfen zur Erziehung": "youth_welfare_cases",
    "Zuzüge": "moves_in",
    "Fortzüge": "moves_out",
}

#: The catalogue's status indicators for the social index, in order of preference (MSS: S1
#: unemployment, S3 transfer benefits, S4 child poverty; the SGB II rate where no transfer rate exists).
DEFAULT_STATUS_INDICATORS = ("unemployment_rate", "transfer_rate", "sgb2_rate", "child_poverty_rate")


def _project(project: Optional[QgsProject]) -> QgsProject:
    return project if project is not None else QgsProject.instance()


def _read_json(project: QgsProject, key: str) -> Optional[dict]:
    text, ok = project.readEntry(SCOPE, key, "")
    if not ok or not text:
        return None
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise IndicatorCatalogueError(f"project entry {SCOPE}/{key} is not valid JSON: {exc}") from exc
    if not isinstance(data, dict):
        raise IndicatorCatalogueError(f"project entry {SCOPE}/{key} is not a JSON object.")
    return data


def indicator_from_dict(d: dict) -> Indicator:
    """An :class:`Indicator` from a JSON-like dict (missing optional keys get defaults)."""
    missing = [k for k in ("id", "kind") if not str(d.get(k) or "").strip()]
    if missing:
        raise IndicatorCatalogueError(f"user indicator {d!r}: missing {', '.join(missing)}.")
    factor = d.get("factor")
    if factor in ("", None):
        factor = None
    else:
        try:
            factor = float(factor)
        except (TypeError, ValueError) as exc:
            raise IndicatorCatalogueError(f"user indicator '{d['id']}': factor '{factor}' is not a number.") from exc
    return Indicator(
        id=str(d["id"]).strip(),
        label_de=str(d.get("label_de") or d["id"]).strip(),
        label_en=str(d.get("label_en") or d.get("label_de") or d["id"]).strip(),
        kind=str(d["kind"]).strip(),
        numerator=(str(d.get("numerator") or "").strip() or None),
        denominator=(str(d.get("denominator") or "").strip() or None),
        factor=factor,
        unit=str(d.get("unit") or "").strip(),
        polarity=str(d.get("polarity") or "neutral").strip(),
        source=str(d.get("source") or "").strip(),
    )


def load_user_indicators(project: Optional[QgsProject] = None) -> List[Indicator]:
    """The user-defined indicators stored in the project (empty list if none)."""
    data = _read_json(_project(project), KEY_INDICATORS)
    if not data:
        return []
    return [indicator_from_dict(d) for d in data.get("indicators", [])]


def merged_catalogue(user: Iterable[Indicator], base: Optional[IndicatorCatalogue] = None) -> IndicatorCatalogue:
    """Shipped catalogue plus user indicators (a user id equal to a shipped id replaces it); validated."""
    base = base if base is not None else load_catalogue()
    items = dict(base.items())
    for ind in user:
        items[ind.id] = ind
    return IndicatorCatalogue(items.values(), source=f"{base.source} + project")


def save_user_indicators(indicators: Iterable[Indicator], project: Optional[QgsProject] = None) -> None:
    """Validate (together with the shipped catalogue) and store the user indicators in the project.

    Raises :class:`IndicatorCatalogueError` (nothing is written) when the merged catalogue is invalid,
    e.g. a rate whose numerator is not a count.
    """
    inds = list(indicators)
    merged_catalogue(inds)
    payload = {
        "version": FORMAT_VERSION,
        "indicators": [{k: asdict(i)[k] for k in CATALOGUE_COLUMNS} for i in inds],
    }
    _project(project).writeEntry(SCOPE, KEY_INDICATORS, json.dumps(payload, ensure_ascii=False))


def load_catalogue_for_project(project: Optional[QgsProject] = None) -> IndicatorCatalogue:
    """The shipped catalogue merged with the project's user indicators."""
    return merged_catalogue(load_user_indicators(project))


def load_aliases(project: Optional[QgsProject] = None, *, with_defaults: bool = True) -> Dict[str, str]:
    """Column header → indicator id: :data:`DEFAULT_ALIASES` overridden by the project's aliases."""
    out = dict(DEFAULT_ALIASES) if with_defaults else {}
    data = _read_json(_project(project), KEY_ALIASES)
    if data:
        for k, v in (data.get("aliases") or {}).items():
            out[str(k)] = str(v)
    return out


def save_aliases(aliases: Dict[str, str], project: Optional[QgsProject] = None) -> None:
    """Store the project's own aliases (the defaults need not be repeated)."""
    payload = {"version": FORMAT_VERSION, "aliases": {str(k): str(v) for k, v in aliases.items()}}
    _project(project).writeEntry(SCOPE, KEY_ALIASES, json.dumps(payload, ensure_ascii=False))


def alias_lookup(aliases: Dict[str, str]) -> Dict[str, str]:
    """Aliases keyed by the normalised header (case, umlauts, spaces and hyphens ignored)."""
    keys = list(aliases)
    norm = normalise_name(keys) if keys else []
    return {n: aliases[k] for n, k in zip(norm, keys)}
