"""Measure record schema, value lists, validation, filter and summary (pure Python, no QGIS)."""

from __future__ import annotations

import datetime as dt

import pytest

from isrp_plugin.core import measures as m

# DOMAIN.md §6, written out independently of the module
DOMAIN_FIELDS_OF_ACTION = {"youth", "family", "old age", "poverty", "neighbourhood", "work", "education", "health",
                           "housing", "mobility", "culture", "climate"}


def test_value_lists_are_complete_and_bilingual():
    assert {c.en.lower() for c in m.FIELDS_OF_ACTION.choices} == DOMAIN_FIELDS_OF_ACTION
    assert m.MEASURE_TYPES.codes == ("service", "facility", "spatial")
    assert m.STATUSES.codes == ("proposed", "agreed", "in_progress", "done", "rejected")
    assert m.ORIGINS.codes == ("steering_committee", "workshop", "survey", "department")
    assert m.FACILITY_ACTIONS.codes == ("new", "expand", "reduce", "close")
    assert set(m.PROVIDER_TYPES.codes) >= {"public", "free"}
    for vl in m.VALUE_LISTS.values():
        assert len(set(vl.codes)) == len(vl.codes), vl.name
        for c in vl.choices:
            assert c.en.strip() and c.de.strip(), (vl.name, c.code)
    assert m.STATUSES.label("in_progress", "de") == "In Umsetzung"
    assert m.STATUSES.label("in_progress", "en") == "In progress"
    assert m.FIELDS_OF_ACTION.labels("de")["old_age"] == "Alter"


def test_schema_has_the_domain_record():
    names = set(m.FIELD_NAMES)
    assert len(names) == len(m.FIELD_NAMES)
    for required in ("measure_id", "title", "description", "measure_type", "fields_of_action", "target_group",
                     "need_unit", "need_indicator", "need_standard", "responsible", "provider_type", "partners",
                     "start_date", "end_date", "priority", "status", "cost_investment", "cost_running", "funding",
                     "origin", "sozialraum_id", "sozialraum", "ot_id", "ortsteil", "created_at", "created_by",
                     "changed_at", "changed_by", "facility_type", "capacity_change", "facility_action",
                     "facility_id"):
        assert required in names, required
    assert {f.tab for f in m.FIELDS} == {t[0] for t in m.TABS}
    assert all(f.kind in ("string", "int", "double", "date", "datetime") for f in m.FIELDS)
    assert {f.name for f in m.FIELDS if f.facility} == {"facility_type", "facility_action", "capacity_change",
                                                         "facility_id"}
    # column names stay valid SQL identifiers without quoting
    assert all(n.isidentifier() and n == n.lower() for n in names)


def test_facility_types_follow_the_shipped_standards_catalogue():
    from isrp_plugin.core.standards import load_default_standards

    ids = set(load_default_standards())
    assert ids <= set(m.FACILITY_TYPES.codes)
    vl = m.facility_types_from([("kita_u3", "Day care", "Kita")])
    assert vl.codes == ("kita_u3", "other")


@pytest.mark.parametrize(
    ("old", "new", "ok"),
    [
        ("proposed", "agreed", True),
        ("proposed", "rejected", True),
        ("proposed", "done", False),
        ("proposed", "in_progress", False),
        ("agreed", "in_progress", True),
        ("agreed", "proposed", True),
        ("in_progress", "done", True),
        ("done", "proposed", False),
        ("done", "in_progress", True),
        ("rejected", "proposed", True),
        ("rejected", "done", False),
        ("agreed", "agreed", True),
        (None, "done", True),
        ("proposed", "bogus", False),
    ],
)
def test_status_transitions(old, new, ok):
    assert m.can_transition(old, new) is ok


def test_transition_pairs_match_table():
    pairs = m.transition_pairs()
    assert ("proposed", "agreed") in pairs and ("done", "proposed") not in pairs
    assert all(a != b for a, b in pairs)
    assert set(m.allowed_next("proposed")) == {"agreed", "rejected"}
    assert m.allowed_next(None) == m.STATUSES.codes


def test_validation_messages_en_and_de():
    problems = m.validate_measure({"title": "  ", "status": "proposed", "start_date": "2025-05-01",
                                   "end_date": "2025-04-30", "cost_investment": -1, "cost_running": "12,5"})
    codes = [p.code for p in problems]
    assert codes == ["title_required", "end_before_start", "negative_cost"]
    texts = [p.text("en") for p in problems]
    assert texts[0] == "A title is required."
    assert texts[1] == "The end (2025-04-30) lies before the start (2025-05-01)."
    assert texts[2] == "Investment costs (EUR) must not be negative."
    assert problems[1].text("de") == "Das Ende (2025-04-30) liegt vor dem Beginn (2025-05-01)."
    assert problems[2].text("de") == "Investitionskosten (EUR) dürfen nicht negativ sein."
    assert all(p.severity == "error" for p in problems)


def test_validation_of_values_dates_and_transitions():
    ok = m.new_record(title="Kita Nord", start_date=dt.date(2025, 1, 1), end_date="2025-01-01",
                      fields_of_action="{youth,family}", priority=1, cost_investment=0)
    assert m.validate_measure(ok) == []
    bad = dict(ok, fields_of_action="{youth,sports}", status="finished", start_date="1.1.2025", priority=7)
    codes = sorted(p.code for p in m.validate_measure(bad))
    assert codes == ["bad_date", "unknown_value", "unknown_value", "unknown_value"]
    moved = dict(ok, status="done")
    assert m.validate_measure(moved) == []  # a new record may start with any status
    problems = m.validate_measure(moved, previous=ok)
    assert [p.code for p in problems] == ["bad_transition"]
    assert problems[0].text("en") == (
        "The status cannot change from “Proposed” to “Done”; allowed: Agreed, Rejected.")
    assert problems[0].text("de") == (
        "Der Status kann nicht von „Vorgeschlagen“ zu „Umgesetzt“ wechseln; zulässig: Abgestimmt, Abgelehnt.")
    assert m.validate_measure({"title": "x", "status": None})[0].code == "status_required"
    assert m.validate_measure({"title": "x" * 201, "status": "proposed"})[0].code == "title_too_long"
    assert m.validate_measure({"title": "x", "status": "proposed", "cost_running": "abc"})[0].code == "not_a_number"


def test_facility_measures_get_warnings_not_errors():
    rec = m.new_record(title="Kita", measure_type="facility", facility_action="close", capacity_change=20)
    problems = m.validate_measure(rec)
    assert {p.code for p in problems} == {"facility_type_required", "facility_id_required", "capacity_sign"}
    assert m.errors(problems) == []
    texts = {p.code: p.text("en") for p in problems}
    assert texts["capacity_sign"] == "The capacity change of “Close” should be negative or zero."
    assert texts["facility_id_required"] == "Action “Close”: name the id of the affected facility."
    new = m.new_record(title="Kita", measure_type="facility", facility_action="new", facility_type="kita_3_6",
                       capacity_change=60)
    assert m.validate_measure(new) == []


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("{youth,family}", ["youth", "family"]),
        ('{"youth","family"}', ["youth", "family"]),
        ('["youth", "family"]', ["youth", "family"]),
        ("youth; family", ["youth", "family"]),
        ('{"a,b",c}', ["a,b", "c"]),
        ("", []),
        (None, []),
        ("{}", []),
        (["youth", None, ""], ["youth"]),
    ],
)
def test_parse_code_list(text, codes):
    assert m.parse_code_list(text) == codes


def test_format_code_list_round_trip():
    for codes in (["youth", "family"], ["a,b", 'say "hi"'], []):
        assert m.parse_code_list(m.format_code_list(codes)) == codes
    assert m.format_code_list(["youth", "family"]) == "{youth,family}"


def test_new_record_and_duplicate():
    with pytest.raises(KeyError):
        m.new_record(colour="red")
    rec = m.new_record(title="Spielplatz", status="done", measure_id="a", created_by="x")
    dup = m.duplicate_record(rec, "b", "Anna", "2025-01-01T10:00:00", " (Kopie)")
    assert dup["measure_id"] == "b" and dup["status"] == "proposed" and dup["created_by"] == "Anna"
    assert dup["title"] == "Spielplatz (Kopie)"
    long = m.duplicate_record(dict(rec, title="t" * 200), "c", "A", "now")
    assert len(long["title"]) == 200 and long["title"].endswith(" (copy)")


def test_changed_fields_ignores_stamps_and_empty_equivalents():
    old = m.new_record(title="a", description=None, changed_by="x")
    new = dict(old, title="b", description="", changed_by="y")
    assert m.changed_fields(old, new) == {"title": ("a", "b")}


RECORDS = [
    {"title": "Jugendclub", "status": "agreed", "sozialraum_id": "1", "sozialraum": "Mitte",
     "fields_of_action": "{youth}", "target_group": "youth_10_18", "origin": "workshop", "cost_investment": 1000.0,
     "cost_running": 200.0, "description": "Treff im Keller"},
    {"title": "Seniorentreff", "status": "proposed", "sozialraum_id": "1", "sozialraum": "Mitte",
     "fields_of_action": '{"old_age","neighbourhood"}', "origin": "survey", "cost_investment": None,
     "cost_running": 50.0},
    {"title": "Spielplatz", "status": "done", "sozialraum_id": "2", "sozialraum": "Nord",
     "fields_of_action": "{youth,family}", "origin": "department", "cost_investment": 300.0},
    {"title": "Abgelehnt", "status": "rejected", "sozialraum_id": "2", "sozialraum": "Nord",
     "cost_investment": 9999.0},
    {"title": "Außerhalb", "status": "proposed", "sozialraum_id": None, "cost_investment": 5.0},
]


def test_filter():
    def titles(flt, lang="en"):
        return [r["title"] for r in RECORDS if flt.matches(r, lang)]

    assert len(titles(m.MeasureFilter())) == 5
    assert titles(m.MeasureFilter(sozialraum="1")) == ["Jugendclub", "Seniorentreff"]
    assert titles(m.MeasureFilter(sozialraum="")) == ["Außerhalb"]
    assert titles(m.MeasureFilter(field_of_action="youth")) == ["Jugendclub", "Spielplatz"]
    assert titles(m.MeasureFilter(status="proposed")) == ["Seniorentreff", "Außerhalb"]
    assert titles(m.MeasureFilter(origin="survey")) == ["Seniorentreff"]
    assert titles(m.MeasureFilter(target_group="youth_10_18")) == ["Jugendclub"]
    assert titles(m.MeasureFilter(text="KELLER")) == ["Jugendclub"]
    assert titles(m.MeasureFilter(text="nachbarschaft"), "de") == ["Seniorentreff"]
    assert titles(m.MeasureFilter(text="nachbarschaft"), "en") == []
    assert titles(m.MeasureFilter(sozialraum="2", field_of_action="family", status="done")) == ["Spielplatz"]


def test_summary_by_social_space_by_hand():
    rows = m.summarise_by_social_space(RECORDS)
    # Mitte: 2 measures, investment 1000 (+ one without figure), running 250
    # Nord: rejected one left out → Spielplatz only; outside: 1
    assert [(r["sozialraum_id"], r["sozialraum"], r["n"], r["cost_investment"], r["cost_running"],
             r["n_without_costs"]) for r in rows] == [
        ("1", "Mitte", 2, 1000.0, 250.0, 1),
        ("2", "Nord", 1, 300.0, 0.0, 0),
        (None, None, 1, 5.0, 0.0, 0),
    ]
    with_rejected = m.summarise_by_social_space(RECORDS, include_rejected=True)
    assert with_rejected[1]["n"] == 2 and with_rejected[1]["cost_investment"] == 10299.0
    assert m.summarise_by_social_space([]) == []


def test_to_date_and_number():
    assert m.to_date("2025-03-01T12:00:00") == dt.date(2025, 3, 1)
    assert m.to_date(dt.datetime(2025, 3, 1, 5)) == dt.date(2025, 3, 1)
    assert m.to_date("") is None
    with pytest.raises(ValueError):
        m.to_date("01.03.2025")
    assert m.to_number("1.5") == 1.5 and m.to_number("12,5") == 12.5 and m.to_number(None) is None
    with pytest.raises(ValueError):
        m.to_number(True)
