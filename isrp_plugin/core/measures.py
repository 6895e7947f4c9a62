"""Measures (Maßnahmen): the record schema, its value lists and its validation (DOMAIN.md §6).

Pure Python (standard library only): the GeoPackage store (``qgis_io.measures_store``), the attribute
form, the Measures dock and the SQLite triggers that guard the file are all derived from the tables
in this module, so there is one definition of what a measure is.

Stored values are stable English codes (``proposed``, ``youth`` ...); every value list carries an
English and a German label for display. Dates are ISO strings (``2025-03-01``), timestamps ISO
date-times in UTC.

Status life cycle (:data:`TRANSITIONS`)::

    proposed ──► agreed ──► in_progress ──► done
        │  ▲        │  ▲          │  ▲        │
        │  └────────┘  └──────────┘  └────────┘   (one step back: corrections)
        ▼           ▼             ▼
     rejected ◄─────┴─────────────┘ ──► proposed (re-opened)

A measure may be *created* with any status (records are also entered after the fact); only
changes of an existing record follow the transitions.
"""

from __future__ import annotations

import datetime as _dt
import json
import math
import re
from dataclasses import dataclass, field
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple

# --------------------------------------------------------------------------------------------
# value lists
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Choice:
    """One entry of a value list: the stored code and its display labels."""

    code: Any
    en: str
    de: str

    def label(self, lang: str = "en") -> str:
        return self.de if (lang or "en")[:2] == "de" else self.en


@dataclass(frozen=True)
class ValueList:
    """An ordered list of allowed codes with English and German labels."""

    name: str
    choices: Tuple[Choice, ...]

    @property
    def codes(self) -> Tuple[Any, ...]:
        return tuple(c.code for c in self.choices)

    def labels(self, lang: str = "en") -> Dict[Any, str]:
        """code → label in ``lang`` (``de`` or anything else for English), in list order."""
        return {c.code: c.label(lang) for c in self.choices}

    def label(self, code, lang: str = "en", default: Optional[str] = None) -> str:
        for c in self.choices:
            if c.code == code:
                return c.label(lang)
        return default if default is not None else ("" if code is None else str(code))

    def __contains__(self, code) -> bool:
        return code in self.codes


def _vl(name: str, *rows: Tuple[Any, str, str]) -> ValueList:
    return ValueList(name, tuple(Choice(*r) for r in rows))


MEASURE_TYPES = _vl(
    "measure_type",
    ("service", "Service", "Angebot / Dienstleistung"),
    ("facility", "Facility", "Einrichtung"),
    ("spatial", "Spatial change", "Räumliche Veränderung"),
)

FIELDS_OF_ACTION = _vl(
    "fields_of_action",
    ("youth", "Youth", "Jugend"),
    ("family", "Family", "Familie"),
    ("old_age", "Old age", "Alter"),
    ("poverty", "Poverty", "Armut"),
    ("neighbourhood", "Neighbourhood", "Nachbarschaft"),
    ("work", "Work", "Arbeit"),
    ("education", "Education", "Bildung"),
    ("health", "Health", "Gesundheit"),
    ("housing", "Housing", "Wohnen"),
    ("mobility", "Mobility", "Mobilität"),
    ("culture", "Culture", "Kultur"),
    ("climate", "Climate", "Klima"),
)

#: Target groups follow the age bands of the atlas (DOMAIN.md §3) plus social groups.
TARGET_GROUPS = _vl(
    "target_group",
    ("children_0_3", "Children under 3", "Kinder unter 3 Jahren"),
    ("children_3_6", "Children 3 to under 6", "Kinder von 3 bis unter 6 Jahren"),
    ("children_6_10", "Children 6 to under 10", "Kinder von 6 bis unter 10 Jahren"),
    ("youth_10_18", "Young people 10 to under 18", "Jugendliche von 10 bis unter 18 Jahren"),
    ("young_adults_18_27", "Young adults 18 to under 27", "Junge Erwachsene von 18 bis unter 27 Jahren"),
    ("families", "Families", "Familien"),
    ("single_parents", "Single parents", "Alleinerziehende"),
    ("adults", "Adults", "Erwachsene"),
    ("seniors_65", "Older people 65+", "Ältere Menschen ab 65 Jahren"),
    ("seniors_80", "Very old people 80+", "Hochbetagte ab 80 Jahren"),
    ("migrants", "Immigrants", "Zugewanderte"),
    ("unemployed", "Unemployed people", "Arbeitslose"),
    ("all", "All residents", "Alle Einwohnerinnen und Einwohner"),
)

PROVIDER_TYPES = _vl(
    "provider_type",
    ("public", "Public provider", "Öffentlicher Träger"),
    ("free", "Free provider (welfare association)", "Freier Träger"),
    ("church", "Church provider", "Kirchlicher Träger"),
    ("private", "Private / company", "Privater / gewerblicher Träger"),
    ("other", "Other", "Sonstige"),
)

PRIORITIES = _vl(
    "priority",
    (1, "High", "Hoch"),
    (2, "Medium", "Mittel"),
    (3, "Low", "Niedrig"),
)

STATUSES = _vl(
    "status",
    ("proposed", "Proposed", "Vorgeschlagen"),
    ("agreed", "Agreed", "Abgestimmt"),
    ("in_progress", "In progress", "In Umsetzung"),
    ("done", "Done", "Umgesetzt"),
    ("rejected", "Rejected", "Abgelehnt"),
)

ORIGINS = _vl(
    "origin",
    ("steering_committee", "Steering committee", "Begleitgremium"),
    ("workshop", "Workshop", "Workshop / Beteiligung"),
    ("survey", "Survey", "Befragung"),
    ("department", "Department", "Fachverwaltung"),
)

FACILITY_ACTIONS = _vl(
    "facility_action",
    ("new", "New", "Neu"),
    ("expand", "Expand", "Erweitern"),
    ("reduce", "Reduce", "Verkleinern"),
    ("close", "Close", "Schließen"),
)

#: Default facility types = the ids of the shipped standards catalogue (resources/catalogues/standards.csv)
#: plus ``other``. The store replaces them with the catalogue in use (:func:`facility_types_from`).
FACILITY_TYPES = _vl(
    "facility_type",
    ("kita_u3", "Day care (under 3)", "Kita (unter 3 Jahre)"),
    ("kita_3_6", "Day care (3 to school entry)", "Kita (3 Jahre bis Schuleintritt)"),
    ("primary_school", "Primary school", "Grundschule"),
    ("playground", "Playground (all)", "Spielplatz (alle)"),
    ("playground_u6", "Playground (under 6)", "Spielplatz (unter 6 Jahre)"),
    ("playground_6_12", "Playground (6 to under 12)", "Spielplatz (6 bis unter 12 Jahre)"),
    ("playground_12p", "Playground and sports ground (12 and over)", "Spiel- und Bolzplatz (ab 12 Jahre)"),
    ("youth_club", "Youth club", "Jugendclub / Jugendhaus"),
    ("senior_meeting", "Senior meeting place", "Seniorenbegegnungsstätte"),
    ("family_centre", "Family centre", "Familienzentrum"),
    ("counselling", "Counselling office", "Beratungsstelle"),
    ("other", "Other facility", "Sonstige Einrichtung"),
)


def facility_types_from(catalogue: Iterable[Tuple[str, str, str]]) -> ValueList:
    """A facility-type value list from ``(id, label_en, label_de)`` rows (e.g. the standards catalogue)."""
    rows = [(str(i), str(en), str(de)) for i, en, de in catalogue]
    if "other" not in {r[0] for r in rows}:
        rows.append(("other", "Other facility", "Sonstige Einrichtung"))
    return ValueList("facility_type", tuple(Choice(*r) for r in rows))


# --------------------------------------------------------------------------------------------
# status life cycle
# --------------------------------------------------------------------------------------------

INITIAL_STATUS = "proposed"

#: status → statuses it may change to (besides staying the same).
TRANSITIONS: Dict[str, Tuple[str, ...]] = {
    "proposed": ("agreed", "rejected"),
    "agreed": ("in_progress", "rejected", "proposed"),
    "in_progress": ("done", "rejected", "agreed"),
    "done": ("in_progress",),
    "rejected": ("proposed",),
}


def allowed_next(status: Optional[str]) -> Tuple[str, ...]:
    """Statuses a measure with ``status`` may change to (any status when it has none yet)."""
    if status is None or status == "":
        return STATUSES.codes
    return TRANSITIONS.get(status, ())


def can_transition(old: Optional[str], new: Optional[str]) -> bool:
    """True when a record may change from ``old`` to ``new`` (unchanged is always allowed)."""
    if old == new:
        return True
    if new not in STATUSES:
        return False
    return new in allowed_next(old)


def transition_pairs() -> List[Tuple[str, str]]:
    """All allowed (old, new) pairs with old ≠ new (the SQLite guard trigger is built from them)."""
    return [(old, new) for old, targets in TRANSITIONS.items() for new in targets]


# --------------------------------------------------------------------------------------------
# record schema
# --------------------------------------------------------------------------------------------

#: Tabs of the attribute form, in order: (key, English, German)
TABS: Tuple[Tuple[str, str, str], ...] = (
    ("general", "General", "Allgemein"),
    ("need", "Need and target group", "Bedarf und Zielgruppe"),
    ("organisation", "Organisation", "Organisation"),
    ("costs_time", "Costs and time", "Kosten und Zeit"),
    ("record", "Record", "Datensatz"),
)


@dataclass(frozen=True)
class FieldSpec:
    """One attribute of a measure.

    ``kind`` is one of string, int, double, date, datetime (``qgis_io.compat.make_field`` kinds).
    ``values`` names the value list (see :data:`VALUE_LISTS`); ``multi`` marks a list of codes.
    ``facility`` marks the attributes that only facility measures use.
    """

    name: str
    kind: str
    en: str
    de: str
    tab: str
    length: int = 0
    values: Optional[str] = None
    multi: bool = False
    required: bool = False
    read_only: bool = False
    facility: bool = False
    help_en: str = ""
    help_de: str = ""

    def label(self, lang: str = "en") -> str:
        return self.de if (lang or "en")[:2] == "de" else self.en

    def help(self, lang: str = "en") -> str:
        return self.help_de if (lang or "en")[:2] == "de" else self.help_en


F = FieldSpec
FIELDS: Tuple[FieldSpec, ...] = (
    F("measure_id", "string", "Measure id", "Maßnahmen-ID", "record", 40, read_only=True,
      help_en="Stable id, the same in both layers and in the history", help_de="Feste ID, auch in der Historie"),
    F("title", "string", "Title", "Titel", "general", 200, required=True),
    F("description", "string", "Description", "Beschreibung", "general"),
    F("measure_type", "string", "Type", "Art", "general", 20, values="measure_type"),
    F("fields_of_action", "string", "Fields of action", "Handlungsfelder", "general", 200,
      values="fields_of_action", multi=True),
    F("status", "string", "Status", "Status", "general", 20, values="status", required=True),
    F("priority", "int", "Priority", "Priorität", "general", values="priority"),
    F("target_group", "string", "Target group", "Zielgruppe", "need", 40, values="target_group"),
    F("need_unit", "string", "Need: unit", "Bedarf: Gebiet", "need", 40,
      help_en="Id of the unit (Ortsteil) whose need the measure answers",
      help_de="ID des Gebiets (Ortsteils), dessen Bedarf die Maßnahme deckt"),
    F("need_indicator", "string", "Need: indicator", "Bedarf: Indikator", "need", 60,
      help_en="Indicator id of the atlas (e.g. sgb2_children_under_15)",
      help_de="Indikator-ID des Sozialstrukturatlas (z. B. sgb2_children_under_15)"),
    F("need_standard", "string", "Need: standard gap", "Bedarf: Versorgungslücke (Richtwert)", "need", 60,
      values="facility_type", help_en="Standard whose gap the measure closes",
      help_de="Richtwert, dessen Lücke die Maßnahme schließt"),
    F("need_gap", "double", "Gap (places / m²)", "Lücke (Plätze / m²)", "need",
      help_en="Missing places or area the measure answers", help_de="Fehlende Plätze oder Fläche"),
    F("need_note", "string", "Need: note", "Bedarf: Anmerkung", "need"),
    F("facility_type", "string", "Facility type", "Einrichtungsart", "need", 60, values="facility_type",
      facility=True),
    F("facility_action", "string", "Facility action", "Vorhaben an der Einrichtung", "need", 20,
      values="facility_action", facility=True),
    F("capacity_change", "double", "Capacity change", "Kapazitätsänderung", "need", facility=True,
      help_en="Places (or m²) added (positive) or removed (negative)",
      help_de="Hinzukommende (positiv) oder wegfallende (negativ) Plätze bzw. m²"),
    F("facility_id", "string", "Affected facility id", "Betroffene Einrichtung (ID)", "need", 60,
      facility=True, help_en="fac_id of the existing facility (expand, reduce, close)",
      help_de="fac_id der bestehenden Einrichtung (erweitern, verkleinern, schließen)"),
    F("responsible", "string", "Responsible body", "Verantwortlich", "organisation", 200),
    F("provider_type", "string", "Provider type", "Trägerart", "organisation", 20, values="provider_type"),
    F("partners", "string", "Partners", "Partner", "organisation"),
    F("origin", "string", "Origin", "Herkunft", "organisation", 30, values="origin"),
    F("sozialraum_id", "string", "Social space id", "Sozialraum-ID", "organisation", 20, read_only=True),
    F("sozialraum", "string", "Social space", "Sozialraum", "organisation", 100, read_only=True),
    F("ot_id", "string", "Ortsteil id", "Ortsteil-ID", "organisation", 20, read_only=True),
    F("ortsteil", "string", "Ortsteil", "Ortsteil", "organisation", 100, read_only=True),
    F("start_date", "date", "Start", "Beginn", "costs_time"),
    F("end_date", "date", "End", "Ende", "costs_time"),
    F("cost_investment", "double", "Investment costs (EUR)", "Investitionskosten (EUR)", "costs_time"),
    F("cost_running", "double", "Running costs (EUR per year)", "Laufende Kosten (EUR pro Jahr)", "costs_time"),
    F("funding", "string", "Funding", "Finanzierung / Förderung", "costs_time"),
    F("created_at", "datetime", "Created at", "Erstellt am", "record", read_only=True),
    F("created_by", "string", "Created by", "Erstellt von", "record", 100, read_only=True),
    F("changed_at", "datetime", "Changed at", "Geändert am", "record", read_only=True),
    F("changed_by", "string", "Changed by", "Geändert von", "record", 100, read_only=True),
)
del F

FIELD_NAMES: Tuple[str, ...] = tuple(f.name for f in FIELDS)
FIELDS_BY_NAME: Dict[str, FieldSpec] = {f.name: f for f in FIELDS}
COST_FIELDS = ("cost_investment", "cost_running")
#: attributes that record who/when; changing only these is not a change of the measure
STAMP_FIELDS = ("changed_at", "changed_by")

VALUE_LISTS: Dict[str, ValueList] = {
    vl.name: vl
    for vl in (MEASURE_TYPES, FIELDS_OF_ACTION, TARGET_GROUPS, PROVIDER_TYPES, PRIORITIES, STATUSES, ORIGINS,
               FACILITY_ACTIONS, FACILITY_TYPES)
}


def value_list(spec_or_name, facility_types: Optional[ValueList] = None) -> Optional[ValueList]:
    """The value list of a field (by :class:`FieldSpec` or field name)."""
    spec = spec_or_name if isinstance(spec_or_name, FieldSpec) else FIELDS_BY_NAME.get(spec_or_name)
    if spec is None or spec.values is None:
        return None
    if spec.values == "facility_type" and facility_types is not None:
        return facility_types
    return VALUE_LISTS[spec.values]


# --------------------------------------------------------------------------------------------
# lists of codes in one text attribute
# --------------------------------------------------------------------------------------------


def parse_code_list(value) -> List[str]:
    """The codes of a multi-value attribute.

    Accepts what QGIS's multi-select value-relation widget writes (``{youth,family}``, with
    ``"..."`` around items that contain commas), a JSON array, a Python list, or a plain
    ``,``/``;`` separated text. Empty/None → ``[]``.
    """
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return [str(v).strip() for v in value if v is not None and str(v).strip()]
    text = str(value).strip()
    if not text or text.upper() == "NULL":
        return []
    if text.startswith("["):
        try:
            data = json.loads(text)
            if isinstance(data, list):
                return [str(v).strip() for v in data if v is not None and str(v).strip()]
        except ValueError:
            pass
    if text.startswith("{") and text.endswith("}"):
        text = text[1:-1]
    items = re.findall(r'"((?:[^"\\]|\\.)*)"|([^,;]+)', text)
    out = []
    for quoted, plain in items:
        item = quoted.replace('\\"', '"').replace("\\\\", "\\") if quoted else plain
        item = item.strip()
        if item:
            out.append(item)
    return out


def format_code_list(codes: Iterable[str]) -> str:
    """Codes as QGIS's value-relation widget stores them in a text field: ``{youth,family}``."""
    parts = []
    for c in codes:
        c = str(c)
        if "," in c or '"' in c:
            c = '"' + c.replace("\\", "\\\\").replace('"', '\\"') + '"'
        parts.append(c)
    return "{" + ",".join(parts) + "}"


# --------------------------------------------------------------------------------------------
# validation
# --------------------------------------------------------------------------------------------

#: code → (English, German) message templates; ``{field}`` is the field label, others are params
MESSAGES: Dict[str, Tuple[str, str]] = {
    "title_required": ("A title is required.", "Ein Titel ist erforderlich."),
    "title_too_long": ("The title is longer than {max} characters.", "Der Titel ist länger als {max} Zeichen."),
    "status_required": ("A status is required.", "Ein Status ist erforderlich."),
    "unknown_value": ("{field}: “{value}” is not one of the allowed values.",
                      "{field}: „{value}“ ist kein zulässiger Wert."),
    "bad_date": ("{field}: “{value}” is not a date (YYYY-MM-DD).", "{field}: „{value}“ ist kein Datum (JJJJ-MM-TT)."),
    "end_before_start": ("The end ({end}) lies before the start ({start}).",
                         "Das Ende ({end}) liegt vor dem Beginn ({start})."),
    "negative_cost": ("{field} must not be negative.", "{field} dürfen nicht negativ sein."),
    "not_a_number": ("{field}: “{value}” is not a number.", "{field}: „{value}“ ist keine Zahl."),
    "bad_transition": ("The status cannot change from “{old}” to “{new}”; allowed: {allowed}.",
                       "Der Status kann nicht von „{old}“ zu „{new}“ wechseln; zulässig: {allowed}."),
    "facility_action_required": ("A facility measure needs an action (new, expand, reduce or close).",
                                 "Eine Einrichtungsmaßnahme braucht ein Vorhaben (neu, erweitern, verkleinern, "
                                 "schließen)."),
    "facility_type_required": ("A facility measure needs a facility type.",
                               "Eine Einrichtungsmaßnahme braucht eine Einrichtungsart."),
    "facility_id_required": ("Action “{action}”: name the id of the affected facility.",
                             "Zum Vorhaben „{action}“ fehlt die ID der betroffenen Einrichtung."),
    "capacity_sign": ("The capacity change of “{action}” should be {sign}.",
                      "Die Kapazitätsänderung bei „{action}“ sollte {sign} sein."),
    "outside_units": ("The measure lies outside all units: no social space assigned.",
                      "Die Maßnahme liegt außerhalb aller Gebiete: kein Sozialraum zugeordnet."),
}
_SIGNS = {"positive": ("positive or zero", "positiv oder null"), "negative": ("negative or zero", "negativ oder null")}


@dataclass(frozen=True)
class Problem:
    """One validation finding. ``severity`` is ``error`` (must not be saved) or ``warning``."""

    field: str
    code: str
    severity: str = "error"
    params: Tuple[Tuple[str, Any], ...] = field(default=())

    def text(self, lang: str = "en") -> str:
        de = (lang or "en")[:2] == "de"
        template = MESSAGES[self.code][1 if de else 0]
        params = dict(self.params)
        spec = FIELDS_BY_NAME.get(self.field)
        params.setdefault("field", spec.label(lang) if spec else self.field)
        for key in ("old", "new"):
            if key in params:
                params[key] = STATUSES.label(params[key], lang)
        if "allowed" in params:
            params["allowed"] = ", ".join(STATUSES.label(s, lang) for s in params["allowed"]) or "–"
        if "action" in params:
            params["action"] = FACILITY_ACTIONS.label(params["action"], lang)
        if "sign" in params:
            params["sign"] = _SIGNS[params["sign"]][1 if de else 0]
        return template.format(**params)

    def __str__(self) -> str:
        return self.text("en")


def _empty(value) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    if isinstance(value, str) and not value.strip():
        return True
    is_null = getattr(value, "isNull", None)  # QVariant NULL / QDate() handed in by a caller
    if callable(is_null):
        try:
            return bool(is_null())
        except TypeError:
            return False
    return False


def to_date(value) -> Optional[_dt.date]:
    """A date from a ``date``/``datetime``/ISO string/QDate-like object; None when empty.

    Raises ValueError for text that is not a date.
    """
    if _empty(value):
        return None
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    to_py = getattr(value, "toPyDate", None) or getattr(value, "toPython", None)
    if callable(to_py):
        return to_date(to_py())
    text = str(value).strip()
    return _dt.date.fromisoformat(text[:10])


def to_number(value) -> Optional[float]:
    """A float from a number or numeric text (decimal comma allowed); None when empty; ValueError otherwise."""
    if _empty(value):
        return None
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, (int, float)):
        return float(value)
    return float(str(value).strip().replace(" ", "").replace(",", "."))


def validate_measure(record: Mapping[str, Any], previous: Optional[Mapping[str, Any]] = None,
                     facility_types: Optional[ValueList] = None) -> List[Problem]:
    """Check one measure record; returns the problems found (empty list = fine).

    ``previous`` is the stored record before this change (None for a new record): only then is the
    status transition checked. Errors (``severity == "error"``) are the rules the GeoPackage also
    enforces for every writer: title present, status valid (and a valid transition), end ≥ start,
    costs ≥ 0. Warnings cover facility details a planner may still fill in later.
    Use :meth:`Problem.text` for a message in English or German.
    """
    problems: List[Problem] = []
    title = record.get("title")
    if _empty(title):
        problems.append(Problem("title", "title_required"))
    elif len(str(title)) > FIELDS_BY_NAME["title"].length:
        problems.append(Problem("title", "title_too_long", params=(("max", FIELDS_BY_NAME["title"].length),)))

    status = record.get("status")
    if _empty(status):
        problems.append(Problem("status", "status_required"))

    for spec in FIELDS:
        vl = value_list(spec, facility_types)
        if vl is None:
            continue
        value = record.get(spec.name)
        if _empty(value):
            continue
        codes = parse_code_list(value) if spec.multi else [value]
        for code in codes:
            if spec.values == "priority":
                try:
                    code = int(code)
                except (TypeError, ValueError):
                    pass
            if code not in vl:
                problems.append(Problem(spec.name, "unknown_value", params=(("value", code),)))

    dates = {}
    for name in ("start_date", "end_date"):
        try:
            dates[name] = to_date(record.get(name))
        except (TypeError, ValueError):
            problems.append(Problem(name, "bad_date", params=(("value", record.get(name)),)))
            dates[name] = None
    if dates["start_date"] and dates["end_date"] and dates["end_date"] < dates["start_date"]:
        problems.append(Problem("end_date", "end_before_start", params=(
            ("start", dates["start_date"].isoformat()), ("end", dates["end_date"].isoformat()))))

    numbers = {}
    for name in (*COST_FIELDS, "need_gap", "capacity_change"):
        try:
            numbers[name] = to_number(record.get(name))
        except (TypeError, ValueError):
            problems.append(Problem(name, "not_a_number", params=(("value", record.get(name)),)))
            numbers[name] = None
    for name in COST_FIELDS:
        if numbers[name] is not None and numbers[name] < 0:
            problems.append(Problem(name, "negative_cost"))

    if previous is not None and not _empty(status) and status in STATUSES:
        old = previous.get("status")
        old = None if _empty(old) else old
        if old is not None and not can_transition(old, status):
            problems.append(Problem("status", "bad_transition", params=(
                ("old", old), ("new", status), ("allowed", allowed_next(old)))))

    if record.get("measure_type") == "facility":
        action = record.get("facility_action")
        if _empty(action):
            problems.append(Problem("facility_action", "facility_action_required", "warning"))
        if _empty(record.get("facility_type")):
            problems.append(Problem("facility_type", "facility_type_required", "warning"))
        if action in ("expand", "reduce", "close") and _empty(record.get("facility_id")):
            problems.append(Problem("facility_id", "facility_id_required", "warning", (("action", action),)))
        change = numbers.get("capacity_change")
        if change is not None:
            if action in ("new", "expand") and change < 0:
                problems.append(Problem("capacity_change", "capacity_sign", "warning",
                                        (("action", action), ("sign", "positive"))))
            if action in ("reduce", "close") and change > 0:
                problems.append(Problem("capacity_change", "capacity_sign", "warning",
                                        (("action", action), ("sign", "negative"))))
    return problems


def errors(problems: Sequence[Problem]) -> List[Problem]:
    """Only the problems that block saving."""
    return [p for p in problems if p.severity == "error"]


# --------------------------------------------------------------------------------------------
# records
# --------------------------------------------------------------------------------------------


def new_record(**values) -> Dict[str, Any]:
    """A record with every field (None where not given) and the initial status."""
    rec: Dict[str, Any] = {name: None for name in FIELD_NAMES}
    rec["status"] = INITIAL_STATUS
    unknown = set(values) - set(FIELD_NAMES)
    if unknown:
        raise KeyError(f"unknown measure field(s): {', '.join(sorted(unknown))}")
    rec.update(values)
    return rec


def duplicate_record(record: Mapping[str, Any], measure_id: str, user: str, now: str,
                     title_suffix: str = " (copy)") -> Dict[str, Any]:
    """A copy of ``record`` as a new proposed measure (new id, new created/changed stamps)."""
    rec = new_record(**{k: record.get(k) for k in FIELD_NAMES})
    rec.update(measure_id=measure_id, status=INITIAL_STATUS, created_at=now, created_by=user, changed_at=now,
               changed_by=user)
    title = str(record.get("title") or "")
    max_len = FIELDS_BY_NAME["title"].length
    rec["title"] = (title[: max_len - len(title_suffix)] + title_suffix) if title_suffix else title
    return rec


def changed_fields(old: Mapping[str, Any], new: Mapping[str, Any], ignore: Iterable[str] = STAMP_FIELDS) -> Dict[
        str, Tuple[Any, Any]]:
    """``{field: (old, new)}`` for every schema field whose value differs (stamps ignored)."""
    skip = set(ignore)
    out = {}
    for name in FIELD_NAMES:
        if name in skip:
            continue
        a, b = old.get(name), new.get(name)
        if (_empty(a) and _empty(b)) or a == b:
            continue
        out[name] = (a, b)
    return out


# --------------------------------------------------------------------------------------------
# filtering and summaries (the Measures dock uses these)
# --------------------------------------------------------------------------------------------


@dataclass
class MeasureFilter:
    """What the dock's filter row selects. None/empty = no restriction."""

    sozialraum: Optional[str] = None
    field_of_action: Optional[str] = None
    status: Optional[str] = None
    target_group: Optional[str] = None
    origin: Optional[str] = None
    text: str = ""

    def matches(self, record: Mapping[str, Any], lang: str = "en") -> bool:
        if self.sozialraum is not None:
            value = record.get("sozialraum_id")
            if self.sozialraum == "":  # "outside all units"
                if not _empty(value):
                    return False
            elif str(value if value is not None else "") != self.sozialraum:
                return False
        if self.field_of_action and self.field_of_action not in parse_code_list(record.get("fields_of_action")):
            return False
        for name in ("status", "target_group", "origin"):
            wanted = getattr(self, name)
            if wanted and record.get(name) != wanted:
                return False
        needle = (self.text or "").strip().casefold()
        if needle:
            hay = " ".join(str(record.get(n) or "") for n in (
                "title", "description", "responsible", "partners", "funding", "sozialraum", "ortsteil",
                "need_note", "measure_id"))
            hay += " " + " ".join(FIELDS_OF_ACTION.label(c, lang) for c in parse_code_list(
                record.get("fields_of_action")))
            if needle not in hay.casefold():
                return False
        return True


def summarise_by_social_space(records: Iterable[Mapping[str, Any]], include_rejected: bool = False) -> List[
        Dict[str, Any]]:
    """Count and costs per social space, sorted by social-space id; measures outside all units last.

    Rejected measures are left out unless ``include_rejected``. Costs that are empty count as 0 in
    the sums; ``n_without_costs`` says how many measures had no investment figure.
    Returns dicts with sozialraum_id, sozialraum, n, cost_investment, cost_running, n_without_costs.
    """
    groups: Dict[Any, Dict[str, Any]] = {}
    for rec in records:
        if not include_rejected and rec.get("status") == "rejected":
            continue
        sid = rec.get("sozialraum_id")
        key = None if _empty(sid) else str(sid)
        g = groups.setdefault(key, {"sozialraum_id": key, "sozialraum": None, "n": 0, "cost_investment": 0.0,
                                    "cost_running": 0.0, "n_without_costs": 0})
        if g["sozialraum"] is None and not _empty(rec.get("sozialraum")):
            g["sozialraum"] = rec.get("sozialraum")
        g["n"] += 1
        for name in COST_FIELDS:
            try:
                v = to_number(rec.get(name))
            except (TypeError, ValueError):
                v = None
            if v is not None:
                g[name] += v
            elif name == "cost_investment":
                g["n_without_costs"] += 1
    return sorted(groups.values(), key=lambda g: (g["sozialraum_id"] is None, g["sozialraum_id"] or ""))
