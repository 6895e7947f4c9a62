"""The fast paths of the atlas reader agree with slow, independent ones.

* The vectorised number parser against a per-cell reference written here (regex + ``float``),
  bit for bit, including the cases it hands to its one-by-one check (long numbers, other
  characters, very long cells) and inputs larger than one chunk.
* The byte-offset reader of unquoted files against pandas' CSV parser (the same text with one
  quoted cell takes that path).
* :func:`join_wide` (wide blocks placed straight into the result) against
  ``to_wide(join_districts(...))`` and against values written out by hand.
* Tables kept as blocks: their tidy rows (built on demand) written out by hand, and the helpers.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from isrp_plugin.core import atlas_tables as at
from isrp_plugin.core.atlas_tables import (
    FLAGS,
    DuplicateKeyError,
    NumberFormat,
    indicator_years,
    join_districts,
    join_wide,
    normalise_id,
    parse_numbers,
    read_atlas_files,
    read_atlas_text,
    to_wide,
)
from tests.core.test_atlas_tables import _reference_parse  # the per-cell reference: markers, grammar, float()

# ------------------------------------------------------------------ numbers


def _group(digits: str, sep: str) -> str:
    head = len(digits) % 3 or 3
    return sep.join([digits[:head]] + [digits[i : i + 3] for i in range(head, len(digits), 3)])


def _random_numbers(rng, n: int, german: bool) -> list[str]:
    """Valid numbers of 1-20 integer digits and 0-26 decimals, grouped or not, signed or not, and
    small corruptions of them (a digit removed next to a separator, a doubled separator...)."""
    dec, sep = (",", ".") if german else (".", ",")
    out = []
    for _ in range(n):
        digits = "".join(rng.choice(list("0123456789"), size=rng.integers(1, 21)))
        text = _group(digits, sep) if rng.random() < 0.5 else digits
        if rng.random() < 0.6:
            text += dec + "".join(rng.choice(list("0123456789"), size=rng.integers(1, 27)))
        text = str(rng.choice(["", "", "-", "+", "\u2212"])) + text
        r = rng.random()
        if r < 0.15 and len(text) > 2:  # drop one character
            k = int(rng.integers(0, len(text)))
            text = text[:k] + text[k + 1 :]
        elif r < 0.25:  # insert a separator somewhere
            k = int(rng.integers(0, len(text) + 1))
            text = text[:k] + str(rng.choice([dec, sep])) + text[k:]
        elif r < 0.3:
            text = " " + text + "\u00a0"
        out.append(text)
    return out


@pytest.mark.parametrize("german", [True, False])
def test_parser_equals_float_bit_for_bit(german):
    rng = np.random.default_rng(5 if german else 6)
    texts = _random_numbers(rng, 6000, german)
    texts += ["9" * 15, "9" * 16, "9007199254740993", "1" + "0" * 22, "0," + "1" * 23 if german else "0." + "1" * 23]
    texts += ["1" * 30, "-", ".", "", "x" * 40, "1" * 24 + "x"]
    fmt = NumberFormat() if german else NumberFormat(decimal=".", thousands=",")
    parsed = parse_numbers(pd.Series(texts), fmt)
    n_ok = 0
    for text, code, value in zip(texts, parsed.codes, parsed.values):
        flag, expected = _reference_parse(text, german)
        assert FLAGS[code] == flag, text
        if flag == "ok":
            n_ok += 1
            assert value == expected, text  # exactly what float() gives, not approximately
        elif flag != "zero":
            assert math.isnan(value), text
    assert n_ok > 3000  # the test exercised the valid cases, not just the corruptions


def test_parser_over_several_chunks_and_markers():
    rng = np.random.default_rng(7)
    base = ["1.234,5", "-", ".", "", "12", "0,05", "n.v.", "3.4", "\u2013", " 7 ", "1 234", "99.999.999,999"]
    texts = list(rng.choice(base, size=3 * at._CHUNK + 17))
    parsed = parse_numbers(texts)
    expected = [_reference_parse(t, True) for t in base]
    lookup = {t: e for t, e in zip(base, expected)}
    for i in np.linspace(0, len(texts) - 1, 2000).astype(int):
        flag, value = lookup[texts[i]]
        assert FLAGS[parsed.codes[i]] == flag, texts[i]
        assert (math.isnan(value) and math.isnan(parsed.values[i])) or parsed.values[i] == value
    assert (parsed.codes == FLAGS.index("zero")).sum() == sum(t in ("-", "\u2013") for t in texts)


def test_custom_markers_and_formats_without_the_fast_path():
    # a marker that looks like a number wins over the number; a decimal mark the byte table cannot
    # hold sends every cell one by one, with the same results
    fmt = NumberFormat(decimal=",", thousands=".", zero=("0",), suppressed=("x",), missing=("k.A.",))
    parsed = parse_numbers(["0", "x", "k.A.", "1,5", "00"], fmt)
    assert [FLAGS[c] for c in parsed.codes] == ["zero", "suppressed", "missing", "ok", "ok"]
    odd = NumberFormat(decimal="\u066b", thousands="\u066c")  # Arabic decimal and thousands separators
    parsed = parse_numbers(["1\u066c234\u066b5", "12", "-", "1.5"], odd)
    assert [FLAGS[c] for c in parsed.codes] == ["ok", "ok", "zero", "invalid"]
    assert parsed.values[0] == 1234.5 and parsed.values[1] == 12.0


# ------------------------------------------------------------------ byte reader vs pandas' CSV parser

CSV = (
    "Sozialatlas Musterstadt\r\n"
    "Nr;Stadtteil;Einwohner;Quote;Bemerkung;\r\n"
    "01;Altstadt;1.234;12,5;;\r\n"
    "\r\n"
    "02;Brühl;-;.;ok;\r\n"
    ";Gesamtstadt;2.000;9,9;;\r\n"
    "03;Löbervorstadt;12.345;n.v.;;\r\n"
    "04;Nord;987;1.5;x;\r\n"
)


def test_byte_reader_and_pandas_parser_agree():
    fast = read_atlas_text(CSV, source_name="atlas_2021.csv", name_column="Stadtteil", skip_rows=1)
    quoted = CSV.replace("\n01;", '\n"01";')  # a quote sends the file through pandas' parser
    full = read_atlas_text(quoted, source_name="atlas_2021.csv", name_column="Stadtteil", skip_rows=1)
    assert at._split_unquoted(CSV, ";", 1) is not None and at._split_unquoted(quoted, ";", 1) is None
    pd.testing.assert_frame_equal(fast.data, full.data)
    assert fast.report.warnings == full.report.warnings
    assert fast.report.invalid_cells == full.report.invalid_cells
    assert fast.report.skipped_rows == full.report.skipped_rows == [("atlas_2021.csv", 6, "Gesamtstadt")]
    # and by hand: rows as in a text editor, '.' suppressed, '-' zero, text reported with row and column
    wide = fast.wide()
    assert wide.loc["01", "Einwohner_2021"] == 1234.0 and wide.loc["03", "Einwohner_2021"] == 12345.0
    assert wide.loc["02", "Einwohner_2021"] == 0.0 and math.isnan(wide.loc["02", "Quote_2021"])
    issues = [(c.row, c.column, c.value) for c in fast.report.invalid_cells]
    assert issues == [(7, "Quote", "n.v."), (8, "Quote", "1.5")]
    assert "Bemerkung_2021" not in wide.columns  # text only: skipped with a warning


# ------------------------------------------------------------------ blocks and join_wide


def _tables():
    """Three wide files: two years with names, one without names with a year column."""
    a = read_atlas_text(
        "Nr;Name;EW;Quote\n01;Altstadt;100;1,5\n02;Neustadt;200;2,5\n99;Hafen;5;0\n",
        source_name="atlas_2020.csv", name_column="Name",
    )
    b = read_atlas_text(
        "Nr;Name;Quote;EW\n02;Neustadt;3,5;210\n01;Altstadt;.;110\n",
        source_name="atlas_2021.csv", name_column="Name",
    )
    c = read_atlas_text("Nr;Jahr;Alter\n01;2020;40\n02;2020;41\n01;2022;42\n", source_name="alter.csv")
    return a, b, c


DISTRICTS = pd.DataFrame({"id": ["3", "02", "01"], "name": ["Nordstadt", "Neustadt", "Altstadt"]})


def test_tables_keep_blocks_and_build_tidy_rows_on_demand():
    a, _, c = _tables()
    assert a.blocks is not None and a._data is None
    expected = pd.DataFrame({
        "unit_key": ["01", "01", "02", "02", "99", "99"],
        "unit_name": ["Altstadt", "Altstadt", "Neustadt", "Neustadt", "Hafen", "Hafen"],
        "year": [2020] * 6,
        "indicator": ["EW", "Quote"] * 3,
        "value": [100.0, 1.5, 200.0, 2.5, 5.0, 0.0],
        "flag": ["ok"] * 6,
        "source": ["atlas_2020.csv"] * 6,
        "row": [2, 2, 3, 3, 4, 4],
    })
    got = a.data.astype({c: object for c in ("unit_key", "unit_name", "indicator", "flag", "source")})
    pd.testing.assert_frame_equal(got.astype({"row": np.int64}), expected)
    assert c.data["year"].tolist() == [2020, 2020, 2022]
    assert a.indicators() == ["EW", "Quote"] and a.keys() == ["01", "02", "99"] and a.keys("unit_name")[0] == "Altstadt"
    assert a.sources() == ["atlas_2020.csv"] and a.has_names() and not c.has_names()
    assert indicator_years(a) == {("EW", 2020), ("Quote", 2020)} == indicator_years(a.data)
    assert indicator_years(c) == {("Alter", 2020), ("Alter", 2022)}
    renamed = a.renamed({"EW": "einwohner"})
    assert renamed.indicators() == ["einwohner", "Quote"] and a.indicators() == ["EW", "Quote"]
    assert list(renamed.data["indicator"].cat.categories) == ["einwohner", "Quote"]


def test_combined_blocks_fill_names_from_keys():
    table = at.combine_tables(list(_tables()))
    assert table.blocks is not None and len(table.blocks) == 3
    data = table.data
    assert list(data.columns) == ["unit_key", "unit_name", "year", "indicator", "value", "flag", "source", "row"]
    assert data.loc[data["source"] == "alter.csv", "unit_name"].tolist() == ["01", "02", "01"]
    assert table.indicators() == ["EW", "Quote", "Alter"]


def test_join_wide_by_hand():
    table = at.combine_tables(list(_tables()))
    wide, report = join_wide(table, DISTRICTS, id_column="id", name_column="name", strip_leading_zeros=True)
    assert list(wide.index) == ["3", "02", "01"] and wide.index.name == "district_id"  # district order
    assert list(wide.columns) == [
        "EW_2020", "EW_2021", "Quote_2020", "Quote_2021", "Alter_2020", "Alter_2022"
    ]
    nan = np.nan
    expected = np.array([
        [nan, nan, nan, nan, nan, nan],  # district 3: no row
        [200.0, 210.0, 2.5, 3.5, 41.0, nan],  # 02
        [100.0, 110.0, 1.5, nan, 40.0, 42.0],  # 01 ('.' in 2021: NaN)
    ])
    np.testing.assert_array_equal(wide.to_numpy(), expected)
    assert report.unmatched_rows.to_dict("records") == [
        {"source": "atlas_2020.csv", "row": 4, "unit_key": "99", "unit_name": "Hafen"}
    ]
    assert report.unmatched_districts.to_dict("records") == [{"district_id": "3", "name": "Nordstadt"}]


@pytest.mark.parametrize(
    ("by", "field", "zeros"),
    [("id", "unit_key", True), ("id", "unit_key", False), ("name", "unit_name", False)],
)
def test_join_wide_equals_the_tidy_path(by, field, zeros):
    table = at.combine_tables(list(_tables()))
    assert at._join_blocks(table, DISTRICTS, "id", "name", by, field, zeros) is not None  # the block path runs
    wide, report = join_wide(
        table, DISTRICTS, id_column="id", name_column="name", by=by, table_field=field, strip_leading_zeros=zeros
    )
    joined = join_districts(
        at.AtlasTable(table.data, table.report), DISTRICTS, id_column="id", name_column="name", by=by,
        table_field=field, strip_leading_zeros=zeros,
    )
    tidy = to_wide(joined.data, index="district_id").reindex(pd.Index(list(DISTRICTS["id"]), name="district_id"))
    pd.testing.assert_frame_equal(wide, tidy)
    assert report.warnings == joined.report.warnings
    cols = ["source", "row", "unit_key", "unit_name"]
    assert report.unmatched_rows[cols].astype(str).values.tolist() == (
        joined.report.unmatched_rows[cols].astype(str).values.tolist()
    )
    pd.testing.assert_frame_equal(report.unmatched_districts, joined.report.unmatched_districts)


def test_join_wide_large_random_tables_equal_the_tidy_path():
    rng = np.random.default_rng(3)
    n = 400
    ids = [f"{i:03d}" for i in range(1, n + 1)]
    texts = []
    for year in (2019, 2020, 2021):
        rows = rng.permutation(n)[: n - 20]  # some districts missing, rows in random order
        lines = ["Nr;A;B;C"] + [
            f"{ids[r]};{rng.integers(0, 5000)};{rng.integers(0, 100)},{rng.integers(0, 10)};"
            f"{rng.choice(['.', '-', '7'])}"
            for r in rows
        ] + ["999;1;2;3"]  # a row without district
        texts.append(read_atlas_text("\n".join(lines) + "\n", source_name=f"t_{year}.csv"))
    table = at.combine_tables(texts)
    districts = pd.DataFrame({"id": list(rng.permutation(ids)) + ["extra"]})
    wide, report = join_wide(table, districts, id_column="id")
    joined = join_districts(at.AtlasTable(table.data, table.report), districts, id_column="id")
    tidy = to_wide(joined.data, index="district_id").reindex(pd.Index(list(districts["id"]), name="district_id"))
    pd.testing.assert_frame_equal(wide, tidy)
    assert report.warnings == joined.report.warnings and len(report.unmatched_rows) == 3


def test_join_wide_two_rows_for_one_district_raise_as_the_tidy_path():
    # different keys, one name: matched by name they fill the same district, indicator and year
    a = read_atlas_text("Nr;Name;EW\n1;Altstadt;10\n", source_name="a_2020.csv", name_column="Name")
    b = read_atlas_text("Nr;Name;EW\n7;Altstadt;11\n", source_name="b_2020.csv", name_column="Name")
    table = at.combine_tables([a, b])
    districts = pd.DataFrame({"id": ["1"], "name": ["Altstadt"]})
    with pytest.raises(DuplicateKeyError) as fast:
        join_wide(table, districts, id_column="id", name_column="name", by="name", table_field="unit_name")
    joined = join_districts(at.AtlasTable(table.data, table.report), districts, id_column="id", name_column="name",
                            by="name", table_field="unit_name")
    with pytest.raises(DuplicateKeyError) as tidy:
        to_wide(joined.data, index="district_id")
    assert str(fast.value) == str(tidy.value) and "unit '1', indicator 'EW', year 2020" in str(fast.value)


def test_join_wide_two_files_with_the_same_indicator_and_year():
    a = read_atlas_text("Nr;EW;Quote\n1;10;1,5\n2;20;2,5\n", source_name="a_2020.csv")
    b = read_atlas_text("Nr;EW\n3;30\n", source_name="b_2020.csv")  # other districts: both fill EW_2020
    districts = pd.DataFrame({"id": ["1", "2", "3"]})
    table = at.combine_tables([a, b])
    assert at._join_blocks(table, districts, "id", None, "id", "unit_key", False) is not None
    wide, _ = join_wide(table, districts, id_column="id")
    assert wide["EW_2020"].tolist() == [10.0, 20.0, 30.0]
    assert wide["Quote_2020"].tolist()[:2] == [1.5, 2.5] and math.isnan(wide.loc["3", "Quote_2020"])
    c = read_atlas_text("Nr;Quote\n2;9\n", source_name="c_2020.csv")  # district 2, Quote 2020 again
    with pytest.raises(DuplicateKeyError, match="unit '2', indicator 'Quote', year 2020 occurs more than once"):
        join_wide(at.combine_tables([a, b, c]), districts, id_column="id")


def test_read_atlas_files_compares_only_shared_indicator_years(tmp_path):
    (tmp_path / "a_2020.csv").write_text("Nr;EW\n1;10\n2;20\n", encoding="utf-8")
    (tmp_path / "b_2020.csv").write_text("Nr;EW\n3;30\n", encoding="utf-8")  # same pair, other units: fine
    (tmp_path / "c_2020.csv").write_text("Nr;Quote\n1;1,5\n", encoding="utf-8")  # other indicator: fine
    table = read_atlas_files(sorted(tmp_path.glob("*.csv")))
    assert table.wide().loc[["1", "2", "3"], "EW_2020"].tolist() == [10.0, 20.0, 30.0]
    (tmp_path / "d_2020.csv").write_text("Nr;EW\n2;21\n", encoding="utf-8")  # unit 2 again
    with pytest.raises(DuplicateKeyError, match="unit '2', year 2020, indicator 'EW'"):
        read_atlas_files(sorted(tmp_path.glob("*.csv")))


# ------------------------------------------------------------------ integer codes


def test_year_and_unit_codes_match_numpy_and_pandas():
    rng = np.random.default_rng(9)
    cases = (rng.integers(2000, 2025, 1000), np.array([2020] * 5), np.array([1, 10**9, 5]), np.array([2021, 2019]))
    for years in cases:
        distinct, codes = at._year_codes(years)
        ref_distinct, ref_codes = np.unique(years, return_inverse=True)
        np.testing.assert_array_equal(distinct, ref_distinct)
        np.testing.assert_array_equal(codes, ref_codes)
    values = pd.Series(pd.Categorical(["b", "b", None, "a", "c", "b", "a"], categories=["z", "a", "b", "c"]))
    codes, uniques = at._unit_codes(values)
    ref_codes, ref_uniques = pd.factorize(values.astype(object))
    np.testing.assert_array_equal(codes, ref_codes)
    assert list(uniques) == list(ref_uniques)


def test_normalise_id_unchanged():
    # join_wide and join_districts compare normalised ids the same way
    assert list(normalise_id(pd.Series([1.0, 2.0]))) == ["1", "2"]
