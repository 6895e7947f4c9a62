"""Reading atlas tables: number formats, encodings, delimiters, layouts, key matching, errors.

Expected values are written out by hand or read independently with the ``csv`` module.
"""

from __future__ import annotations

import csv
import math
import re
import sqlite3
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from isrp_plugin.core.atlas_tables import (
    FLAGS,
    AtlasInputError,
    DelimiterError,
    DuplicateKeyError,
    EmptyTableError,
    EncodingError,
    MissingColumnError,
    NumberFormat,
    YearError,
    decode_bytes,
    detect_number_format,
    join_districts,
    match_units,
    normalise_id,
    normalise_name,
    parse_numbers,
    read_atlas_csv,
    read_atlas_files,
    read_atlas_text,
    sniff_delimiter,
    to_wide,
)

try:  # optional: property-based test
    from hypothesis import given
    from hypothesis import strategies as st
except ImportError:  # pragma: no cover - depends on the environment
    given = None

DATA = Path(__file__).resolve().parents[1] / "data" / "flensburg"  # bundled copy (CC0)
TABLES = DATA / "tables"
assert DATA.exists(), f"bundled test data missing: {DATA}"


def needs_flensburg(test):
    """The data is bundled in tests/data; kept as a marker of which tests read it."""
    return test


GERMAN_CSV = (
    "Nr;Stadtteil;Einwohner;SGB-II-Quote;Wohngeld\n"
    "01;Brühlervorstadt;1.234;12,5;.\n"
    "02;Töttelstädt;456;-;7\n"
    "03;Löbervorstadt;12.345;3,25;\n"
)


# ------------------------------------------------------------------ numbers


@pytest.mark.parametrize(
    ("text", "value", "flag"),
    [
        ("1.234,5", 1234.5, "ok"),
        ("12,5", 12.5, "ok"),
        ("1.234.567", 1234567.0, "ok"),
        ("1.234.567,89", 1234567.89, "ok"),
        ("0,05", 0.05, "ok"),
        (",5", 0.5, "ok"),
        ("-1,5", -1.5, "ok"),
        ("\u22122,25", -2.25, "ok"),  # Unicode minus sign
        ("+3", 3.0, "ok"),
        ("1\u00a0234,5", 1234.5, "ok"),  # no-break space as thousands separator
        ("  42  ", 42.0, "ok"),
        ("-", 0.0, "zero"),
        ("\u2013", 0.0, "zero"),  # en dash
        (".", math.nan, "suppressed"),
        ("", math.nan, "missing"),
        ("   ", math.nan, "missing"),
        ("12.34", math.nan, "invalid"),  # point groups 2 digits: not a German number
        ("1.23", math.nan, "invalid"),
        ("1,2,3", math.nan, "invalid"),
        ("n.v.", math.nan, "invalid"),
        ("ca. 300", math.nan, "invalid"),
        ("12,5 %", math.nan, "invalid"),
        ("1e5", math.nan, "invalid"),
        ("nan", math.nan, "invalid"),
    ],
)
def test_parse_german_numbers(text, value, flag):
    parsed = parse_numbers(pd.Series([text]))
    assert FLAGS[parsed.codes[0]] == flag
    if math.isnan(value):
        assert math.isnan(parsed.values[0])
    else:
        assert parsed.values[0] == pytest.approx(value, rel=0, abs=1e-12)


@pytest.mark.parametrize(
    ("text", "value", "flag"),
    [("1,234.5", 1234.5, "ok"), ("12.5", 12.5, "ok"), ("12,5", math.nan, "invalid"), ("-", 0.0, "zero")],
)
def test_parse_english_numbers(text, value, flag):
    parsed = parse_numbers(pd.Series([text]), NumberFormat(decimal=".", thousands=","))
    assert FLAGS[parsed.codes[0]] == flag
    assert (math.isnan(value) and math.isnan(parsed.values[0])) or parsed.values[0] == pytest.approx(value)


def _format_german(x: float, decimals: int, group: bool) -> str:
    """Independent German formatter: Python's ',' grouping then swap separators."""
    s = f"{x:,.{decimals}f}" if group else f"{x:.{decimals}f}"
    return s.replace(",", "\0").replace(".", ",").replace("\0", ".")


def test_parse_german_roundtrip_random():
    """Property without hypothesis: formatting with German conventions and parsing gives the value back."""
    rng = np.random.default_rng(20240521)
    xs = np.concatenate([rng.uniform(-1e7, 1e7, 2000), rng.integers(-100_000, 100_000, 2000).astype(float)])
    for decimals in (0, 1, 2, 4):
        for group in (True, False):
            texts = [_format_german(x, decimals, group) for x in xs]
            parsed = parse_numbers(pd.Series(texts))
            assert (parsed.codes == 0).all()
            expected = np.array([float(f"{x:.{decimals}f}") for x in xs])
            np.testing.assert_allclose(parsed.values, expected, rtol=0, atol=1e-9 * np.abs(expected).max())


# Reference grammar for the differential test, written independently of the module:
# sign? ( int (dec digits+)? | dec digits+ ), int = 1-3 digits (sep 3 digits)+ | digits+
_REF_DE = re.compile(r"[+\-\u2212]?(?:(?:\d{1,3}(?:[.\u00a0 ]\d{3})+|\d+)(?:,\d+)?|,\d+)")
_REF_EN = re.compile(r"[+\-\u2212]?(?:(?:\d{1,3}(?:[,\u00a0 ]\d{3})+|\d+)(?:\.\d+)?|\.\d+)")


def _reference_parse(text: str, german: bool) -> tuple[str, float]:
    t = text.strip(" \t\u00a0")
    if t == "":
        return "missing", math.nan
    if t == ".":
        return "suppressed", math.nan
    if t in ("-", "\u2013", "\u2014"):
        return "zero", 0.0
    if (_REF_DE if german else _REF_EN).fullmatch(t):
        t = t.replace("\u00a0", "").replace(" ", "").replace("\u2212", "-")
        t = t.replace(".", "").replace(",", ".") if german else t.replace(",", "")
        return "ok", float(t)
    return "invalid", math.nan


@pytest.mark.parametrize("german", [True, False])
def test_parse_numbers_matches_reference_grammar(german):
    """Differential test: random strings over digits, signs and separators (the fast path's alphabet)
    plus a few other characters; the vectorised parser must agree with the per-cell reference."""
    rng = np.random.default_rng(11 if german else 12)
    alphabet = list("0123456789" * 3 + ".,,.+-") + ["\u2212", " ", "\u00a0", "x", "\u2013"]
    texts = ["".join(rng.choice(alphabet, size=rng.integers(0, 9))) for _ in range(8000)]
    texts += [
        "1.234",
        "12.34",
        "1.234.567",
        "1234.567",
        ".123",
        "-.5",
        ",5",
        "5,",
        "1,5.3",
        "1.2,3",
        "+,5",
        "1.234,",
        "0.000",
        "000.000,00",
        "1 234",
        "12 34",
        "\u22121.000",
        "- 1",
        "1-",
        "--1",
        ". ",
        " . ",
    ]
    fmt = NumberFormat() if german else NumberFormat(decimal=".", thousands=",")
    parsed = parse_numbers(pd.Series(texts), fmt)
    for text, code, value in zip(texts, parsed.codes, parsed.values):
        flag, expected = _reference_parse(text, german)
        assert FLAGS[code] == flag, text
        assert (math.isnan(expected) and math.isnan(value)) or value == pytest.approx(expected, rel=1e-15), text


if given is not None:

    @given(
        st.floats(min_value=-1e12, max_value=1e12, allow_nan=False, allow_infinity=False),
        st.integers(min_value=0, max_value=6),
        st.booleans(),
    )
    def test_parse_german_roundtrip_hypothesis(x, decimals, group):
        text = _format_german(x, decimals, group)
        parsed = parse_numbers(pd.Series([text]))
        assert FLAGS[parsed.codes[0]] == "ok"
        assert parsed.values[0] == pytest.approx(float(f"{x:.{decimals}f}"), rel=1e-15, abs=1e-12)

else:

    @pytest.mark.skip(reason="hypothesis is not installed")
    def test_parse_german_roundtrip_hypothesis():
        """Placeholder so the skip is visible in the test report."""


def test_detect_number_format():
    fmt, warning = detect_number_format(pd.Series(["12,5", "1.234", "7"]), delimiter=",")
    assert (fmt.decimal, fmt.thousands, warning) == (",", ".", None)
    fmt, warning = detect_number_format(pd.Series(["12.5", "1,234", "7"]), delimiter=";")
    assert (fmt.decimal, fmt.thousands, warning) == (".", ",", None)
    # only integers with a grouping point: ambiguous, decided by the delimiter, with a warning
    fmt, warning = detect_number_format(pd.Series(["1.234", "56"]), delimiter=";")
    assert fmt.decimal == "," and "ambiguous" in warning
    fmt, warning = detect_number_format(pd.Series(["1.234", "56"]), delimiter=",")
    assert fmt.decimal == "." and "ambiguous" in warning
    fmt, warning = detect_number_format(pd.Series(["12", "56"]), delimiter=";")
    assert fmt.decimal == "," and warning is None


# ------------------------------------------------------------------ reading, encodings, delimiters


def _expected_german(table):
    w = table.wide()
    assert list(w.index) == ["01", "02", "03"]  # keys stay strings, leading zeros kept
    assert w.loc["01", "Einwohner_2021"] == 1234.0
    assert w.loc["03", "Einwohner_2021"] == 12345.0
    assert w.loc["01", "SGB-II-Quote_2021"] == 12.5
    assert w.loc["02", "SGB-II-Quote_2021"] == 0.0  # '-' = zero
    assert w.loc["03", "SGB-II-Quote_2021"] == 3.25
    assert np.isnan(w.loc["01", "Wohngeld_2021"])  # '.' suppressed
    assert np.isnan(w.loc["03", "Wohngeld_2021"])  # empty = missing
    flags = table.wide(value="flag")
    assert flags.loc["01", "Wohngeld_2021"] == "suppressed"
    assert flags.loc["03", "Wohngeld_2021"] == "missing"
    assert flags.loc["02", "SGB-II-Quote_2021"] == "zero"
    names = table.data.drop_duplicates("unit_key").set_index("unit_key")["unit_name"]
    assert names["01"] == "Brühlervorstadt" and names["02"] == "Töttelstädt"


@pytest.mark.parametrize(
    ("encoding", "bom", "expected"),
    [("utf-8", b"", "utf-8"), ("utf-8", b"\xef\xbb\xbf", "utf-8-sig"), ("cp1252", b"", "cp1252")],
)
def test_read_encodings(tmp_path, encoding, bom, expected):
    path = tmp_path / "atlas_2021.csv"
    path.write_bytes(bom + GERMAN_CSV.encode(encoding))
    table = read_atlas_csv(path, name_column="Stadtteil")
    src = table.report.sources[0]
    assert (src.encoding, src.delimiter, src.decimal, src.thousands) == (expected, ";", ",", ".")
    assert src.year_source == "file name"
    assert table.report.suppressed == {("atlas_2021.csv", "Wohngeld"): 1}
    _expected_german(table)


def test_read_utf16_excel_unicode_text(tmp_path):
    path = tmp_path / "atlas_2021.txt"
    path.write_bytes(GERMAN_CSV.replace(";", "\t").encode("utf-16"))
    table = read_atlas_csv(path, name_column="Stadtteil")
    assert table.report.sources[0].encoding == "utf-16"
    assert table.report.sources[0].delimiter == "\t"
    _expected_german(table)


@pytest.mark.parametrize("delimiter", [";", "\t", "|"])
def test_delimiters_sniffed(delimiter):
    table = read_atlas_text(GERMAN_CSV.replace(";", delimiter), source_name="atlas_2021.csv", name_column="Stadtteil")
    assert table.report.sources[0].delimiter == delimiter
    _expected_german(table)


def test_comma_delimited_with_quoted_decimal_commas():
    text = (
        'Nr,Stadtteil,Einwohner,SGB-II-Quote,Wohngeld\n01,Brühlervorstadt,"1.234","12,5",.\n'
        '02,Töttelstädt,456,-,7\n03,Löbervorstadt,"12.345","3,25",\n'
    )
    table = read_atlas_text(text, source_name="atlas_2021.csv", name_column="Stadtteil")
    assert table.report.sources[0].delimiter == ","
    _expected_german(table)


def test_sniff_prefers_consistent_delimiter():
    # every data row has one decimal comma: ',' would give 2 fields per data row but 1 in the header
    assert sniff_delimiter("a;b;c\n1;x;2,5\n2;y;3,5\n") == ";"
    assert sniff_delimiter("a,b,c\n1,x,2.5\n2,y,3.5\n") == ","


def test_invalid_text_reported_per_column():
    text = "Nr;Einwohner;Quote\n1;100;n.v.\n2;ca. 300;1,5\n3;300;x\n"
    table = read_atlas_text(text, source_name="t_2020.csv")
    issues = table.report.invalid_frame()
    assert issues.to_dict("records") == [
        {"file": "t_2020.csv", "row": 2, "column": "Quote", "value": "n.v."},
        {"file": "t_2020.csv", "row": 3, "column": "Einwohner", "value": "ca. 300"},
        {"file": "t_2020.csv", "row": 4, "column": "Quote", "value": "x"},
    ]
    joined = " ".join(table.report.warnings)
    assert "column 'Quote': 2 non-numeric value(s)" in joined and "row 2 'n.v.'" in joined
    wide = table.wide()
    assert np.isnan(wide.loc["2", "Einwohner_2020"]) and wide.loc["3", "Einwohner_2020"] == 300


def test_rows_without_key_are_skipped_and_reported():
    text = "Nr;Name;EW\n1;A;10\n;Gesamtstadt;30\n2;B;20\n"
    table = read_atlas_text(text, source_name="x_2020.csv", name_column="Name")
    assert table.report.skipped_rows == [("x_2020.csv", 3, "Gesamtstadt")]
    assert list(table.wide().index) == ["1", "2"]


def test_blank_lines_keep_row_numbers():
    text = "Nr;EW\n1;10\n\n2;abc\n"
    table = read_atlas_text(text, source_name="x_2020.csv")
    assert table.report.invalid_cells[0].row == 4  # as in a text editor


def test_text_only_column_skipped_with_warning():
    text = "Nr;Code;EW\n1;STGT01;10\n2;STGT02;20\n"
    table = read_atlas_text(text, source_name="x_2020.csv")
    assert list(table.wide().columns) == ["EW_2020"]
    assert any("'Code'" in w and "text only" in w for w in table.report.warnings)
    assert table.report.invalid_cells == []


def test_year_column_and_long_layout_give_same_wide():
    wide_text = "Nr;Jahr;EW;Quote\n1;2020;100;1,5\n1;2021;110;.\n2;2020;200;2,5\n2;2021;210;3\n"
    long_text = (
        "Nr;Jahr;Indikator;Wert\n"
        "1;2020;EW;100\n1;2020;Quote;1,5\n1;2021;EW;110\n1;2021;Quote;.\n"
        "2;2020;EW;200\n2;2020;Quote;2,5\n2;2021;EW;210\n2;2021;Quote;3\n"
    )
    w = read_atlas_text(wide_text, source_name="w.csv")
    lg = read_atlas_text(long_text, source_name="l.csv")
    assert w.report.sources[0].layout == "wide" and lg.report.sources[0].layout == "long"
    expected = pd.DataFrame(
        {"EW_2020": [100.0, 200.0], "EW_2021": [110.0, 210.0], "Quote_2020": [1.5, 2.5], "Quote_2021": [np.nan, 3.0]},
        index=pd.Index(["1", "2"], name="unit_key"),
    )
    pd.testing.assert_frame_equal(w.wide(), expected)
    pd.testing.assert_frame_equal(lg.wide(), expected)
    assert lg.report.suppressed == {("l.csv", "Quote"): 1}
    assert lg.wide(value="flag").loc["1", "Quote_2021"] == "suppressed"


def test_one_file_per_year(tmp_path):
    for year, ew in ((2020, "100"), (2021, "1.100")):
        (tmp_path / f"sozialatlas_{year}.csv").write_text(f"Nr;EW;Quote\n1;{ew};1,5\n2;20;2,5\n", encoding="utf-8")
    table = read_atlas_files(sorted(tmp_path.glob("*.csv")))
    wide = table.wide()
    assert list(wide.columns) == ["EW_2020", "EW_2021", "Quote_2020", "Quote_2021"]
    assert wide.loc["1", "EW_2021"] == 1100.0
    assert [s.year_source for s in table.report.sources] == ["file name", "file name"]


def test_same_unit_year_in_two_files_is_duplicate(tmp_path):
    for name in ("a_2020.csv", "b_2020.csv"):
        (tmp_path / name).write_text("Nr;EW\n1;10\n", encoding="utf-8")
    with pytest.raises(DuplicateKeyError) as exc:
        read_atlas_files(sorted(tmp_path.glob("*.csv")))
    assert "1" in exc.value.duplicates


# ------------------------------------------------------------------ errors


def test_error_wrong_delimiter(tmp_path):
    path = tmp_path / "atlas_2021.csv"
    path.write_text("Nr:Name:EW\n1:A:10\n2:B:20\n", encoding="utf-8")
    with pytest.raises(DelimiterError) as exc:
        read_atlas_csv(path)
    assert "atlas_2021.csv" in str(exc.value) and "only one column" in str(exc.value)
    assert exc.value.row == 1


def test_title_lines_need_skip_rows(tmp_path):
    path = tmp_path / "atlas_2021.csv"
    path.write_text("Sozialatlas Erfurt 2021\nStand 31.12.\nNr;Name;EW\n1;A;10\n2;B;1.234\n", encoding="utf-8")
    with pytest.raises(DelimiterError, match="pass skip_rows=2"):
        read_atlas_csv(path)
    table = read_atlas_csv(path, skip_rows=2)
    assert table.wide()["EW_2021"].tolist() == [10.0, 1234.0]
    assert table.data["row"].tolist() == [4, 5]


def test_error_explicit_delimiter_gives_one_column(tmp_path):
    path = tmp_path / "atlas_2021.csv"
    path.write_text("Nr;Name;EW\n1;A;10\n", encoding="utf-8")
    with pytest.raises(DelimiterError, match="only one column"):
        read_atlas_csv(path, delimiter=",")


def test_error_missing_key_column(tmp_path):
    path = tmp_path / "atlas_2021.csv"
    path.write_text("Stadtteil-Nr;EW\n1;10\n", encoding="utf-8")
    with pytest.raises(MissingColumnError) as exc:
        read_atlas_csv(path, key_column="Stadtteil-nr")
    msg = str(exc.value)
    assert "atlas_2021.csv" in msg and "'Stadtteil-nr'" in msg and "Did you mean 'Stadtteil-Nr'" in msg
    assert exc.value.available == ["Stadtteil-Nr", "EW"]


def test_error_year_column_with_text(tmp_path):
    path = tmp_path / "atlas.csv"
    path.write_text("Nr;Jahr;EW\n1;2020;10\n2;2020/21;20\n", encoding="utf-8")
    with pytest.raises(YearError) as exc:
        read_atlas_csv(path)
    e = exc.value
    assert (e.file, e.column, e.row, e.value) == ("atlas.csv", "Jahr", 3, "2020/21")
    assert "file 'atlas.csv', column 'Jahr', row 3" in str(e)


def test_error_no_year_anywhere(tmp_path):
    path = tmp_path / "atlas.csv"
    path.write_text("Nr;EW\n1;10\n", encoding="utf-8")
    with pytest.raises(YearError, match="cannot determine the year"):
        read_atlas_csv(path)
    assert read_atlas_csv(path, year=2019).data["year"].tolist() == [2019]


@pytest.mark.parametrize("content", [b"", b"\n\n  \n", b"Nr;EW\n", b"Nr;EW\n\n\n"])
def test_error_empty_table(tmp_path, content):
    path = tmp_path / "leer_2020.csv"
    path.write_bytes(content)
    with pytest.raises(EmptyTableError) as exc:
        read_atlas_csv(path)
    assert "leer_2020.csv" in str(exc.value)


def test_error_no_indicator_columns():
    with pytest.raises(EmptyTableError, match="no indicator columns"):
        read_atlas_text("Nr;Name\n1;A\n", source_name="x_2020.csv", name_column="Name")


def test_error_ragged_row():
    with pytest.raises(AtlasInputError) as exc:
        read_atlas_text("Nr;EW\n1;10\n2;20;30\n", source_name="x_2020.csv")
    assert exc.value.row == 3 and "3 fields" in str(exc.value)


def test_error_duplicate_keys_in_table():
    with pytest.raises(DuplicateKeyError) as exc:
        read_atlas_text("Nr;EW\n1;10\n2;20\n1;30\n", source_name="x_2020.csv")
    assert exc.value.duplicates == {"1": [2, 4]}
    assert "rows 2, 4" in str(exc.value)


def test_error_duplicate_header():
    with pytest.raises(DuplicateKeyError, match="duplicate column name"):
        read_atlas_text("Nr;EW;EW\n1;10;11\n", source_name="x_2020.csv")


def test_error_cp1252_forced_as_utf8(tmp_path):
    path = tmp_path / "atlas_2021.csv"
    path.write_bytes(GERMAN_CSV.encode("cp1252"))
    with pytest.raises(EncodingError) as exc:
        read_atlas_csv(path, encoding="utf-8")
    assert exc.value.row == 2 and "cp1252" in str(exc.value)


def test_error_mojibake_utf8_read_as_cp1252(tmp_path):
    path = tmp_path / "atlas_2021.csv"
    path.write_bytes(GERMAN_CSV.encode("utf-8"))
    with pytest.raises(EncodingError) as exc:
        read_atlas_csv(path, encoding="cp1252")
    e = exc.value
    assert (e.column, e.row) == ("Stadtteil", 2) and e.value == "BrÃ¼hlervorstadt"
    assert "utf-8" in str(e)


def test_error_mojibake_double_encoded_file(tmp_path):
    """A UTF-8 file that was once opened as cp1252 and saved again as UTF-8."""
    path = tmp_path / "atlas_2021.csv"
    path.write_bytes(GERMAN_CSV.encode("utf-8").decode("cp1252").encode("utf-8"))
    with pytest.raises(EncodingError, match="mojibake"):
        read_atlas_csv(path)


def test_error_replacement_character(tmp_path):
    """cp1252 text read as UTF-8 with replacement: the umlauts are lost."""
    path = tmp_path / "atlas_2021.csv"
    path.write_bytes(GERMAN_CSV.encode("cp1252").decode("utf-8", errors="replace").encode("utf-8"))
    with pytest.raises(EncodingError) as exc:
        read_atlas_csv(path)
    assert exc.value.row == 2 and "replacement character" in str(exc.value)


def test_decode_bytes_reports_encoding():
    assert decode_bytes("Mürwik".encode()) == ("Mürwik", "utf-8")
    assert decode_bytes("Mürwik".encode("cp1252")) == ("Mürwik", "cp1252")
    assert decode_bytes(b"\xef\xbb\xbf" + "Mürwik".encode()) == ("Mürwik", "utf-8-sig")
    with pytest.raises(EncodingError, match="neither UTF-8 nor Windows-1252"):
        decode_bytes(b"ok\n\x81\x8d")


# ------------------------------------------------------------------ key matching


def test_normalise_name():
    got = normalise_name(
        pd.Series(
            [
                "Brühlervorstadt",
                "BRÜHLERVORSTADT",
                "Bruehlervorstadt",
                " Straße  am\tSee ",
                "Töttel-städt",
                "Töttel – städt",
                "Cafe\u0301",
                "u\u0308ber",
            ]
        )
    )
    assert got.tolist() == [
        "bruehlervorstadt",
        "bruehlervorstadt",
        "bruehlervorstadt",
        "strasse am see",
        "toettel staedt",
        "toettel staedt",
        "cafe",
        "ueber",
    ]


def test_normalise_id():
    assert normalise_id(pd.Series(["01", " 1 ", "010", "0", "00"])).tolist() == ["01", "1", "010", "0", "00"]
    assert normalise_id(pd.Series(["01", "010", "0", "00"]), strip_leading_zeros=True).tolist() == ["1", "10", "0", "0"]
    assert normalise_id(pd.Series([1.0, 12.0])).tolist() == ["1", "12"]
    assert normalise_id([1, 2]).tolist() == ["1", "2"]


def test_match_by_id_leading_zeros_only_on_request():
    res = match_units(["01", "02", "99"], [1, 2, 3], ["A", "B", "C"])
    assert res.district_of == {} and res.unmatched_keys == ["01", "02", "99"]
    res = match_units(["01", "02", "99"], [1, 2, 3], ["A", "B", "C"], strip_leading_zeros=True)
    assert res.district_of == {"01": "1", "02": "2"}
    assert res.unmatched_keys == ["99"]
    assert res.unmatched_districts.to_dict("records") == [{"district_id": "3", "name": "C"}]


def test_match_by_name():
    res = match_units(
        ["MÜRWIK", "Suedstadt", "Westliche-Höhe", "Nirgendwo"],
        [11, 7, 4, 13],
        ["Mürwik", "Südstadt", "Westliche Höhe", "Tarup"],
        by="name",
    )
    assert res.district_of == {"MÜRWIK": "11", "Suedstadt": "7", "Westliche-Höhe": "4"}
    assert res.unmatched_keys == ["Nirgendwo"]
    assert res.unmatched_districts["name"].tolist() == ["Tarup"]


def test_match_duplicate_district_names():
    with pytest.raises(DuplicateKeyError) as exc:
        match_units(["Neustadt"], [1, 2], ["Neustadt", "NEUSTADT"], by="name")
    assert list(exc.value.duplicates) == ["neustadt"]


def test_match_duplicate_district_ids():
    with pytest.raises(DuplicateKeyError):
        match_units(["1"], ["01", "1"], strip_leading_zeros=True)


def test_match_table_keys_colliding_after_normalisation():
    with pytest.raises(DuplicateKeyError) as exc:
        match_units(["01", "1"], ["1", "2"], strip_leading_zeros=True)
    assert exc.value.duplicates == {"1": ["01", "1"]}


def test_join_districts_reports_every_unmatched_row_and_district():
    text = "Nr;Name;EW\n01;Altstadt;10\n02;Neustadt;20\n77;Hafen;5\n"
    table = read_atlas_text(text, source_name="t_2020.csv", name_column="Name")
    districts = pd.DataFrame({"id": ["01", "02", "03"], "name": ["Altstadt", "Neustadt", "Nordstadt"]})
    joined = join_districts(table, districts, id_column="id", name_column="name")
    assert joined.data["district_id"].tolist() == ["01", "02"]
    assert joined.report.unmatched_rows[["source", "row", "unit_key"]].to_dict("records") == [
        {"source": "t_2020.csv", "row": 4, "unit_key": "77"}
    ]
    assert joined.report.unmatched_districts.to_dict("records") == [{"district_id": "03", "name": "Nordstadt"}]
    text_warn = "\n".join(joined.report.warnings)
    assert "row 4: key '77' ('Hafen') matches no district" in text_warn
    assert "district 03 'Nordstadt' has no row" in text_warn
    by_name = join_districts(table, districts, id_column="id", name_column="name", by="name", table_field="unit_name")
    assert by_name.data["district_id"].tolist() == ["01", "02"]


# ------------------------------------------------------------------ Flensburg (real data)


def _flensburg_districts():
    con = sqlite3.connect(f"file:{DATA / 'flensburg_stadtteile.gpkg'}?mode=ro", uri=True)
    try:
        return pd.read_sql("SELECT district_id, name, AREA_NAME FROM stadtteile ORDER BY district_id", con)
    finally:
        con.close()


def _district_tables():
    meta = list(csv.DictReader((TABLES / "_tables.csv").read_text(encoding="utf-8").splitlines()))
    return [m for m in meta if m["level"] == "Stadtteil"]


@needs_flensburg
@pytest.mark.parametrize("meta", _district_tables() if DATA.exists() else [], ids=lambda m: m["table"])
def test_flensburg_tables_equal_source(meta):
    """Every district table: loaded values equal the values read with the csv module."""
    path = TABLES / f"{meta['table']}.csv"
    value_columns = meta["value_columns"].split(";")
    table = read_atlas_csv(path, key_column="district_id", name_column="district_name", year_column="year")
    assert table.report.sources[0].encoding == "utf-8"
    got = table.data.set_index(["unit_key", "year", "indicator"])["value"]
    n_checked = 0
    with path.open(encoding="utf-8", newline="") as fh:
        for line_no, rec in enumerate(csv.DictReader(fh), start=2):
            if not rec["district_id"]:
                assert (meta["table"] + ".csv", line_no, rec["district_name"]) in table.report.skipped_rows
                continue
            for col in value_columns:
                v = got[(rec["district_id"], int(rec["year"]), col)]
                if rec[col] == "":
                    assert np.isnan(v)
                else:
                    assert v == float(rec[col])
                n_checked += 1
    assert n_checked == len(table.data)
    assert sorted(table.data["unit_key"].unique(), key=int) == [str(i) for i in range(1, 14)]
    assert sorted(table.data["year"].unique()) == sorted(int(y) for y in meta["years"].split(","))
    joined = join_districts(table, _flensburg_districts(), id_column="district_id", name_column="name")
    assert joined.report.unmatched_rows.empty and joined.report.unmatched_districts.empty
    assert len(joined.data) == len(table.data)


@needs_flensburg
def test_flensburg_atlas_export_and_german_reexport(tmp_path):
    src = DATA / "flensburg_atlas_2022.csv"
    with src.open(encoding="utf-8", newline="") as fh:
        records = list(csv.DictReader(fh))
    assert len(records) == 13
    table = read_atlas_csv(src, key_column="Stadtteil-Nr", name_column="Stadtteil", ignore_columns=["AREA_ID"])
    wide = table.wide()
    numeric_cols = [c for c in records[0] if c not in ("Stadtteil-Nr", "Stadtteil", "AREA_ID", "Jahr")]
    assert list(wide.columns) == [f"{c}_2022" for c in numeric_cols]
    for rec in records:
        for c in numeric_cols:
            v = wide.loc[rec["Stadtteil-Nr"], f"{c}_2022"]
            assert (rec[c] == "" and np.isnan(v)) or v == float(rec[c])

    # the same table as a German statistics office would export it: cp1252, ';', decimal comma,
    # thousands point, '.' for the two empty (suppressed) cells
    def german(v: str) -> str:
        if v == "":
            return "."
        x = float(v)
        return _format_german(x, 0 if x.is_integer() else 1, True)

    lines = [";".join(["Stadtteil-Nr", "Stadtteil", "Jahr"] + numeric_cols)]
    for rec in records:
        lines.append(
            ";".join(
                [rec["Stadtteil-Nr"].zfill(2), rec["Stadtteil"], rec["Jahr"]] + [german(rec[c]) for c in numeric_cols]
            )
        )
    path = tmp_path / "Sozialatlas_2022.csv"
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252"))
    de = read_atlas_csv(path, key_column="Stadtteil-Nr", name_column="Stadtteil")
    src_info = de.report.sources[0]
    assert (src_info.encoding, src_info.delimiter, src_info.decimal) == ("cp1252", ";", ",")
    de_wide = de.wide()
    assert list(de_wide.index) == [f"{i:02d}" for i in range(1, 14)]
    np.testing.assert_array_equal(de_wide.to_numpy(), wide.to_numpy())
    assert sum(de.report.suppressed.values()) == 2
    assert de.data.drop_duplicates("unit_key")["unit_name"].tolist() == [r["Stadtteil"] for r in records]

    # "01".."09" match the gpkg ids 1..9 only with leading-zero normalisation ("10".."13" match anyway)
    districts = _flensburg_districts()
    strict = join_districts(de, districts, id_column="district_id", name_column="name")
    assert strict.report.unmatched_rows["unit_key"].tolist() == [f"0{i}" for i in range(1, 10)]
    assert strict.report.unmatched_districts["district_id"].tolist() == [str(i) for i in range(1, 10)]
    loose = join_districts(de, districts, id_column="district_id", name_column="name", strip_leading_zeros=True)
    assert loose.report.unmatched_rows.empty and loose.report.unmatched_districts.empty
    by_name = join_districts(
        de, districts, id_column="district_id", name_column="name", by="name", table_field="unit_name"
    )
    assert by_name.report.unmatched_rows.empty
    assert (by_name.data["district_id"] == by_name.data["unit_key"].str.lstrip("0")).all()


@needs_flensburg
def test_flensburg_empty_cells_as_suppressed():
    """The README says empty cells in the housing-assistance table are suppressed values (< 4)."""
    path = TABLES / "fl_housing_assistance_cases_by_district.csv"
    fmt = NumberFormat(decimal=".", thousands=",", suppressed=(".", ""), missing=())
    table = read_atlas_csv(path, key_column="district_id", year_column="year", number_format=fmt)
    with path.open(encoding="utf-8", newline="") as fh:
        n_empty = sum(
            v == ""
            for rec in csv.DictReader(fh)
            if rec["district_id"]
            for k, v in rec.items()
            if k not in ("district_id", "district_name", "year")
        )
    assert (table.data["flag"] == "suppressed").sum() == n_empty > 0


def test_to_wide_empty_and_flags():
    empty = pd.DataFrame(columns=["unit_key", "year", "indicator", "value", "flag"])
    assert to_wide(empty).empty
