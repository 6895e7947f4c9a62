"""Standards catalogue: shipped defaults, CSV round trip, validation messages, target population."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from isrp_plugin.core import standards as st
from isrp_plugin.core.coverage import GaussianDecay, NoDecay

HEADER = ",".join(st.FIELDS)


def _row(sep: str = ",", **over):
    base = {
        "id": "kita_test",
        "label_de": "Kita Test",
        "label_en": "Day care test",
        "target_group": "pop_3_6",
        "standard_value": "95",
        "standard_unit": "places_per_100",
        "catchment_value": "500",
        "catchment_unit": "m",
        "decay": "none",
        "source": "test",
        "note": "verify locally",
    }
    base.update(over)
    return sep.join(f'"{base[f]}"' for f in st.FIELDS)


def test_shipped_catalogue_loads_and_is_documented():
    cat = st.load_default_standards()
    assert {"kita_u3", "kita_3_6", "primary_school", "playground", "youth_club", "senior_meeting"} <= set(cat)
    for std in cat.values():
        assert "verify" in std.note.lower(), f"{std.id}: note must say 'verify locally'"
        assert std.source, f"{std.id}: source missing"
        assert std.catchment_unit in st.CATCHMENT_UNITS
    # DOMAIN.md §4: Kita under 3 = ages 1-<3 from the 0-<3 band -> share 2/3; places for 65 % (upper value)
    u3 = cat["kita_u3"]
    assert u3.target_bands == (("pop_0_3", 2 / 3),)
    assert u3.per_person == pytest.approx(0.65)
    assert u3.catchment_value == 500 and u3.catchment_unit == "m"
    assert isinstance(u3.decay_function(), NoDecay)
    assert cat["kita_3_6"].per_person == pytest.approx(0.98)
    assert cat["playground"].standard_unit == "m2_per_inhabitant" and cat["playground"].per_person == 1.0
    assert len(cat["playground"].target_bands) == len(st.AGE_BANDS)
    assert cat["youth_club"].standard_value is None  # user-defined
    assert isinstance(cat["youth_club"].decay_function(), GaussianDecay)
    # Gaussian default: weight 0.01 at the catchment limit
    assert float(cat["youth_club"].decay_function()(1000.0)) == pytest.approx(0.01)


def test_user_defined_standard_needs_a_value():
    youth = st.load_default_standards()["youth_club"]
    with pytest.raises(ValueError, match="youth_club.*no standard value"):
        _ = youth.per_person
    youth5 = st.with_value(youth, 5)
    assert youth5.per_person == pytest.approx(0.05)
    with pytest.raises(st.StandardsError, match="standard_value must be a number > 0"):
        st.with_value(youth, 0)


def test_target_population_and_need_by_hand():
    # 90 children aged 0-<3 -> 2/3 are aged 1-<3 = 60 -> need = 60 x 0.65 = 39 places
    # playground_6_12: pop_6_10 + 1/4 pop_10_18 = 40 + 80/4 = 60
    frame = pd.DataFrame({"pop_0_3": [90, 0], "pop_6_10": [40, 4], "pop_10_18": [80, 8]}, index=["01", "02"])
    cat = st.load_default_standards()
    assert cat["kita_u3"].target_population(frame).tolist() == pytest.approx([60.0, 0.0])
    assert cat["kita_u3"].need(frame).tolist() == pytest.approx([39.0, 0.0])
    assert cat["playground_6_12"].target_population(frame).tolist() == pytest.approx([60.0, 6.0])
    with pytest.raises(ValueError, match="kita_3_6.*pop_3_6"):
        cat["kita_3_6"].target_population(frame)


def test_round_trip(tmp_path):
    cat = st.load_default_standards()
    path = tmp_path / "standards.csv"
    st.write_standards(cat.values(), path)
    again = st.read_standards(path)
    assert again == cat
    assert path.read_text(encoding="utf-8").startswith(HEADER)
    assert "Spielplatz" in path.read_text(encoding="utf-8")


def test_semicolon_decimal_comma_and_bom():
    text = "\ufeff" + HEADER.replace(",", ";") + "\n" + _row(";", standard_value="62,5") + "\n"
    cat = st.parse_standards_csv(text)
    assert cat["kita_test"].standard_value == 62.5
    assert cat["kita_test"].per_person == pytest.approx(0.625)


@pytest.mark.parametrize(
    "override, message",
    [
        ({"standard_value": "0"}, "standard_value must be a number > 0"),
        ({"standard_value": "-3"}, "standard_value must be a number > 0"),
        ({"standard_value": "abc"}, "standard_value 'abc' is not a number"),
        ({"target_group": "pop_3_7"}, "unknown age band 'pop_3_7'"),
        ({"target_group": "1.5*pop_3_6"}, "share 1.5 of pop_3_6 must lie in"),
        ({"target_group": ""}, "target_group is empty"),
        ({"standard_unit": "places"}, "unknown standard_unit 'places'"),
        ({"catchment_value": "0"}, "catchment_value must be a number > 0"),
        ({"catchment_unit": "km"}, "unknown catchment_unit 'km'"),
        ({"decay": "cubic"}, "Unknown decay 'cubic'"),
        ({"decay": "gaussian(sigma=-1)"}, "sigma > 0"),
        ({"id": "Kita U3"}, "id must start with a lowercase letter"),
    ],
)
def test_validation_messages_name_line_id_and_field(override, message):
    text = HEADER + "\n" + _row(**override) + "\n"
    with pytest.raises(st.StandardsError) as err:
        st.parse_standards_csv(text, origin="my.csv")
    assert message in str(err.value)
    assert "my.csv line 2" in str(err.value)


def test_all_problems_reported_together():
    text = HEADER + "\n" + _row(standard_value="0") + "\n" + _row(id="b", target_group="pop_x") + "\n" + _row() + "\n"
    with pytest.raises(st.StandardsError) as err:
        st.parse_standards_csv(text)
    problems = err.value.problems
    assert any("line 2" in p and "standard_value" in p for p in problems)
    assert any("line 3" in p and "pop_x" in p for p in problems)
    assert any("'kita_test' is used 2 times" in p for p in problems)


def test_missing_column_and_non_utf8(tmp_path):
    with pytest.raises(st.StandardsError, match="missing column"):
        st.parse_standards_csv("id,label_de\nx,y\n")
    path = tmp_path / "cp1252.csv"
    path.write_bytes((HEADER + "\n" + _row(label_de="Müller") + "\n").encode("cp1252"))
    with pytest.raises(st.StandardsError, match="not UTF-8"):
        st.read_standards(path)


def test_target_group_text_round_trip():
    bands = st.parse_target_group("2/3*pop_0_3 + pop_3_6 + 0.25*pop_10_18")
    assert bands == (("pop_0_3", 2 / 3), ("pop_3_6", 1.0), ("pop_10_18", 0.25))
    assert st.format_target_group(bands) == "2/3*pop_0_3 + pop_3_6 + 1/4*pop_10_18"
    with pytest.raises(ValueError, match="appears twice"):
        st.parse_target_group("pop_3_6 + pop_3_6")
    assert math.isclose(st.STANDARD_UNITS["places_per_1000"] * 2, 0.002)
