"""Read indicator tables as statistics offices export them, into one tidy representation.

Municipal statistics offices export the social-structure atlas as CSV files with German
conventions. This module reads them without guessing silently: every decision (encoding,
delimiter, decimal separator, year) is recorded in an :class:`AtlasReport`, every cell that is
not a plain number is flagged, and every problem that makes the table unusable raises an
:class:`AtlasInputError` subclass whose message names the file, the column and the row.

Input conventions understood
----------------------------
* **Encoding**: UTF-8 with or without byte-order mark, UTF-16 with BOM (Excel "Unicode text"),
  otherwise Windows-1252 (cp1252). Detection: strict UTF-8 first, cp1252 as fall-back; the
  report says which. Text that was decoded with the wrong encoding at some earlier stage
  ("BrÃ¼hlervorstadt", or the replacement character "\ufffd") raises :class:`EncodingError`.
* **Delimiter**: sniffed among ``;``, ``,``, tab and ``|`` from the first lines (the candidate
  that splits the header into more than one column and gives the most rows with the header's
  number of fields). Only one column → :class:`DelimiterError`.
* **Numbers**: decimal comma or point, detected from the cells (``12,5`` is only valid with a
  decimal comma, ``12.5`` only with a decimal point); thousands separators (``1.234,5`` or
  ``1,234.5``; also spaces / no-break spaces) must group exactly three digits.
  ``-`` (also en/em dash) = zero, ``.`` = suppressed for confidentiality (NaN, flag
  ``suppressed``), empty = missing (NaN, flag ``missing``), any other text = NaN with flag
  ``invalid`` and listed per column with row and value.
* **Layouts**: *wide* (one column per indicator; one file per year, the year from a column such
  as ``Jahr`` or from the file name) and *long* (unit, year, indicator, value).

Output
------
:class:`AtlasTable` holds the tidy long DataFrame with the columns ``unit_key`` (text, never
converted to a number, so ``"01"`` stays ``"01"``), ``unit_name`` (if a name column was given),
``year`` (int), ``indicator``, ``value`` (float, NaN where not a number), ``flag`` (one of
``ok``, ``zero``, ``suppressed``, ``missing``, ``invalid``), ``source`` (file name) and ``row``.
The text columns are pandas categoricals (categories in order of first appearance): ten million
rows stay small and fast; they compare and print like strings. ``row`` is int32.
:func:`to_wide` turns it into one row per unit with year-suffixed columns (``sgb2_rate_2021``).
Tables read from wide files keep their cells as :class:`WideBlock` matrices and build the tidy
frame only when asked for; :func:`join_wide` joins such tables to the districts and pivots them
in one step, straight from the matrices (what ``isrp:loadatlas`` uses).

Performance: no Python object is created per valid cell. Unquoted files stay UTF-8 bytes with
the offsets of their cells (pandas' C parser is the fall-back for quotes and ragged rows); only
the key, name and year columns become strings. Number cells are checked and converted by
:func:`_parse_spans`: a finite automaton of the number grammar and Horner's scheme run as numpy
operations over all cells at once (one table look-up per character position), in chunks that
stay in the processor cache; the few cells with other characters are checked one by one.
10,000 districts × 100 indicators × 10 years (50 MB of CSV) read in about 2.5 s
(``benchmarks/bench_atlas.py``).

Rows are numbered as in a text editor or spreadsheet: the first line of the file is row 1 (so
the first data row below a header is row 2).

Matching units
--------------
:func:`match_units` / :func:`join_districts` match table keys to a list of districts by id
(strings; ``"01"`` equals ``"1"`` only with ``strip_leading_zeros=True``) or by normalised name
(:func:`normalise_name`: Unicode NFC, casefold, ä→ae, ö→oe, ü→ue, ß→ss, other accents removed,
runs of whitespace, hyphens, dashes and underscores collapsed to one space). Every unmatched table
row and every unmatched district is reported; duplicate keys raise :class:`DuplicateKeyError`.
"""

from __future__ import annotations

import csv
import dataclasses
import difflib
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Sequence

import numpy as np
import pandas as pd

__all__ = [
    "FLAGS",
    "AtlasInputError",
    "AtlasReport",
    "AtlasTable",
    "CellIssue",
    "DelimiterError",
    "DuplicateKeyError",
    "EmptyTableError",
    "EncodingError",
    "MatchResult",
    "MissingColumnError",
    "NumberFormat",
    "ParsedNumbers",
    "SourceInfo",
    "WideBlock",
    "YearError",
    "combine_tables",
    "concat_frames",
    "decode_bytes",
    "detect_number_format",
    "indicator_years",
    "join_districts",
    "join_wide",
    "match_units",
    "normalise_id",
    "normalise_name",
    "parse_numbers",
    "read_atlas_csv",
    "read_atlas_files",
    "read_atlas_text",
    "sniff_delimiter",
    "to_wide",
]

# Flags, in code order (codes are the positions in this tuple).
FLAG_OK = "ok"
FLAG_ZERO = "zero"
FLAG_SUPPRESSED = "suppressed"
FLAG_MISSING = "missing"
FLAG_INVALID = "invalid"
FLAGS = (FLAG_OK, FLAG_ZERO, FLAG_SUPPRESSED, FLAG_MISSING, FLAG_INVALID)
_OK, _ZERO, _SUPP, _MISS, _INV = range(5)

DELIMITER_CANDIDATES = (";", ",", "\t", "|")
_DELIMITER_NAMES = {";": "';'", ",": "','", "\t": "tab", "|": "'|'"}
YEAR_COLUMN_NAMES = ("year", "jahr", "berichtsjahr", "stichtagsjahr")
INDICATOR_COLUMN_NAMES = ("indicator", "indikator", "merkmal", "variable")
VALUE_COLUMN_NAMES = ("value", "wert", "anzahl")
_SPACES = "\u00a0\u202f\u2009 "  # no-break space, narrow no-break space, thin space, space
_WS = _SPACES + "\t"  # ignored around a number

# Characters that bytes 0x80-0xBF become when decoded as cp1252: after "Ã" or "Â" they betray
# UTF-8 text decoded as cp1252 ("Ã¼" for "ü").
_CP1252_CONT = bytes(range(0x80, 0xC0)).decode("cp1252", errors="ignore")
_MOJIBAKE_RE = re.compile("[\u00c2\u00c3][" + re.escape(_CP1252_CONT) + "]|\ufffd")


# --------------------------------------------------------------------------------------------
# Errors and report
# --------------------------------------------------------------------------------------------


def _where(file: str | None = None, column: str | None = None, row: int | None = None) -> str:
    parts = []
    if file is not None:
        parts.append(f"file '{file}'")
    if column is not None:
        parts.append(f"column '{column}'")
    if row is not None:
        parts.append(f"row {row}")
    return ", ".join(parts)


class AtlasInputError(ValueError):
    """A table cannot be read as an indicator table. Carries ``file``, ``column``, ``row``, ``value``."""

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        column: str | None = None,
        row: int | None = None,
        value: str | None = None,
    ) -> None:
        self.file = file
        self.column = column
        self.row = row
        self.value = value
        where = _where(file, column, row)
        super().__init__(f"{where}: {message}" if where else message)


class EncodingError(AtlasInputError):
    """The bytes cannot be decoded, or the text shows signs of a wrong decoding (mojibake)."""


class DelimiterError(AtlasInputError):
    """No delimiter splits the table into more than one column."""


class MissingColumnError(AtlasInputError):
    """A required column (key, year, indicator, value) is not in the table."""

    def __init__(self, message: str, *, available: Sequence[str] = (), **kwargs) -> None:
        self.available = list(available)
        super().__init__(message, **kwargs)


class YearError(AtlasInputError):
    """The year is not a four-digit number or cannot be determined."""


class EmptyTableError(AtlasInputError):
    """The table has no data rows or no indicator columns."""


class DuplicateKeyError(AtlasInputError):
    """Keys that must be unique occur more than once.

    ``duplicates`` maps each duplicated key to where it occurs (row numbers for tables,
    positions/ids for district lists).
    """

    def __init__(self, message: str, *, duplicates: dict, **kwargs) -> None:
        self.duplicates = dict(duplicates)
        super().__init__(message, **kwargs)


@dataclass(frozen=True)
class CellIssue:
    """A cell that holds text where a number was expected."""

    file: str
    row: int
    column: str
    value: str


@dataclass
class SourceInfo:
    """How one file was read."""

    file: str
    encoding: str
    delimiter: str
    decimal: str
    thousands: str | None
    layout: str
    year_source: str
    n_rows: int
    n_indicators: int


@dataclass
class AtlasReport:
    """What happened while reading and matching: decisions, warnings, problem cells.

    ``warnings`` are complete English sentences for the user; ``invalid_cells`` lists every
    non-numeric text cell; ``suppressed`` counts cells marked ``.`` per (file, column);
    ``unmatched_rows`` and ``unmatched_districts`` are filled by :func:`join_districts`.
    """

    sources: list[SourceInfo] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    invalid_cells: list[CellIssue] = field(default_factory=list)
    suppressed: dict[tuple[str, str], int] = field(default_factory=dict)
    skipped_rows: list[tuple[str, int, str]] = field(default_factory=list)
    unmatched_rows: pd.DataFrame | None = None
    unmatched_districts: pd.DataFrame | None = None

    def warn(self, message: str) -> None:
        """Add a warning sentence."""
        self.warnings.append(message)

    def extend(self, other: AtlasReport) -> None:
        """Append everything from another report (reading several files)."""
        self.sources.extend(other.sources)
        self.warnings.extend(other.warnings)
        self.invalid_cells.extend(other.invalid_cells)
        for k, v in other.suppressed.items():
            self.suppressed[k] = self.suppressed.get(k, 0) + v
        self.skipped_rows.extend(other.skipped_rows)

    def invalid_frame(self) -> pd.DataFrame:
        """The invalid cells as a DataFrame (file, row, column, value)."""
        return pd.DataFrame(
            [(c.file, c.row, c.column, c.value) for c in self.invalid_cells],
            columns=["file", "row", "column", "value"],
        )

    def summary(self) -> str:
        """Multi-line text for a log."""
        lines = []
        for s in self.sources:
            lines.append(
                f"{s.file}: {s.n_rows} rows, {s.n_indicators} indicators, layout {s.layout}, encoding {s.encoding}, "
                f"delimiter {_DELIMITER_NAMES.get(s.delimiter, repr(s.delimiter))}, decimal '{s.decimal}', "
                f"year from {s.year_source}"
            )
        lines.extend(self.warnings)
        return "\n".join(lines)


# --------------------------------------------------------------------------------------------
# Decoding, delimiter, number format
# --------------------------------------------------------------------------------------------


def _line_of_offset(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def decode_bytes(data: bytes, *, encoding: str | None = None, file: str = "<bytes>") -> tuple[str, str]:
    """Decode file content; return ``(text, encoding_used)``.

    Without ``encoding``: a UTF-8 BOM → ``utf-8-sig``; a UTF-16 BOM → ``utf-16``; else strict
    UTF-8, falling back to ``cp1252``. With ``encoding``, decode strictly with it.
    Raises :class:`EncodingError` naming the row of the first undecodable byte.
    """
    if encoding is not None:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as exc:
            hint = ""
            if encoding.lower().replace("_", "-") in ("utf-8", "utf8", "utf-8-sig"):
                hint = " The file is probably Windows-1252 (cp1252) encoded; read it with encoding 'cp1252'."
            raise EncodingError(
                f"byte 0x{data[exc.start]:02x} cannot be decoded as {encoding}.{hint}",
                file=file,
                row=_line_of_offset(data, exc.start),
            ) from exc
        except LookupError as exc:
            raise EncodingError(f"unknown encoding '{encoding}'.", file=file) from exc
        return text.lstrip("\ufeff"), encoding
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as exc:
            raise EncodingError(
                "the file starts with a UTF-8 byte-order mark but contains bytes that are not UTF-8 "
                f"(0x{data[exc.start + 3]:02x}); re-export it in one encoding.",
                file=file,
                row=_line_of_offset(data, exc.start + 3),
            ) from exc
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16").lstrip("\ufeff"), "utf-16"
        except UnicodeDecodeError as exc:
            raise EncodingError("the file has a UTF-16 byte-order mark but is not valid UTF-16.", file=file) from exc
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError as exc:
        raise EncodingError(
            f"the file is neither UTF-8 nor Windows-1252 (cp1252): byte 0x{data[exc.start]:02x} is undefined; "
            "pass the encoding explicitly.",
            file=file,
            row=_line_of_offset(data, exc.start),
        ) from exc


def _sample_lines(text: str, n: int = 50) -> list[str]:
    """The first ``n`` non-blank lines (with their line breaks), without copying the whole text."""
    lines: list[str] = []
    pos = 0
    while len(lines) < n and pos < len(text):
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end + 1
        if text[pos:end].strip():
            lines.append(text[pos:end])
        pos = end
    return lines


def _field_counts(lines: list[str], delimiter: str) -> list[int]:
    return [len(r) for r in csv.reader(lines, delimiter=delimiter) if any(c.strip() for c in r)]


def sniff_delimiter(text: str, *, candidates: Sequence[str] = DELIMITER_CANDIDATES, file: str = "<text>") -> str:
    """Choose the delimiter among ``candidates`` from the first 50 non-empty lines.

    A candidate qualifies if it splits the first line (the header) into two or more fields; among
    those the one with the largest share of rows having the header's number of fields wins, then the
    one with more fields, then the earlier candidate. Raises :class:`DelimiterError` if none
    qualifies (every candidate gives a single column).
    """
    lines = _sample_lines(text)
    if not lines:
        raise EmptyTableError("the file is empty.", file=file)
    best: tuple | None = None
    for prio, cand in enumerate(candidates):
        counts = _field_counts(lines, cand)
        if not counts or counts[0] < 2:
            continue
        consistency = sum(c == counts[0] for c in counts) / len(counts)
        score = (consistency, counts[0], -prio)
        if best is None or score > best[0]:
            best = (score, cand)
    if best is None:
        tried = ", ".join(_DELIMITER_NAMES.get(c, repr(c)) for c in candidates)
        header = lines[0].rstrip("\r\n")
        for cand in candidates:  # title lines above the header?
            counts = _field_counts(lines, cand)
            for skip in range(1, min(10, len(counts) - 1)):
                rest = counts[skip:]
                if rest[0] >= 2 and all(c == rest[0] for c in rest):
                    raise DelimiterError(
                        f"the first {skip} line(s) have one column but the lines below have {rest[0]} "
                        f"(delimiter {_DELIMITER_NAMES.get(cand, repr(cand))}); if they are a title, "
                        f"pass skip_rows={skip}.",
                        file=file,
                        row=1,
                    )
        raise DelimiterError(
            f"only one column detected (header '{header[:80]}'); none of the delimiters {tried} splits it. "
            "Check the delimiter (export as CSV with ';' or ',').",
            file=file,
            row=1,
        )
    return best[1]


def _number_regex(decimal: str, thousands: str | None) -> str:
    if thousands:
        group = "[" + re.escape(thousands + _SPACES) + "]"
        integer = rf"(?:\d{{1,3}}(?:{group}\d{{3}})+|\d+)"
    else:
        integer = r"\d+"
    d = re.escape(decimal)
    return rf"[+\-\u2212]?(?:{integer}(?:{d}\d+)?|{d}\d+)"


_GERMAN_RE = _number_regex(",", ".")
_ENGLISH_RE = _number_regex(".", ",")


@dataclass(frozen=True)
class NumberFormat:
    """Decimal and thousands separators plus the markers for special cells."""

    decimal: str = ","
    thousands: str | None = "."
    suppressed: tuple[str, ...] = (".",)
    zero: tuple[str, ...] = ("-", "\u2013", "\u2014")
    missing: tuple[str, ...] = ("",)


GERMAN = NumberFormat()
ENGLISH = NumberFormat(decimal=".", thousands=",")


def _as_str_array(cells) -> np.ndarray:
    """Cells as an object array of str (None/NaN → ``""``, other objects → ``str``)."""
    if isinstance(cells, pd.Series):
        arr = cells.to_numpy(dtype=object)
    elif isinstance(cells, np.ndarray):
        arr = cells.astype(object).ravel()
    else:
        arr = np.array(list(cells), dtype=object)
    return arr


def _join_lines(arr: np.ndarray) -> tuple[np.ndarray, str]:
    """Join cells with newlines (one string, so regexes run once in C, not once per cell).

    Non-string cells (None, NaN, numbers) become ``""`` or their ``str``.
    """
    try:
        joined = "\n".join(arr.tolist())
    except TypeError:
        arr = np.array(["" if (v is None or (isinstance(v, float) and v != v)) else str(v) for v in arr], dtype=object)
        joined = "\n".join(arr.tolist())
    if joined.count("\n") != len(arr) - 1:  # a cell holds a line break (quoted text)
        arr = np.array([c.replace("\n", " ").replace("\r", " ") for c in arr], dtype=object)
        joined = "\n".join(arr.tolist())
    return arr, joined


def _count_lines(pattern: str, joined: str) -> int:
    return len(re.findall(pattern, joined, re.M))  # the patterns have no capturing groups


def detect_number_format(
    cells: pd.Series | Sequence[str],
    *,
    delimiter: str = ";",
    base: NumberFormat = GERMAN,
    max_cells: int = 50_000,
) -> tuple[NumberFormat, str | None]:
    """Detect decimal comma vs decimal point from cell texts (an even sample of ``max_cells``).

    Evidence for a decimal comma: a comma followed by other than exactly three digits (``12,5``,
    ``0,25``) or a point group before a comma (``1.234,5``); for a decimal point the mirror image
    (``12.5``, ``1,234.5``). The side with more cells wins (a warning if both occur). If no cell
    decides (all numbers are integers, possibly ``1.234``), a ``;`` or tab delimiter means German, ``,``
    English, with a warning when ambiguous cells such as ``1.234`` exist. Returns ``(format, warning)``.
    """
    arr = _as_str_array(cells)
    if len(arr) > max_cells:
        arr = arr[np.linspace(0, len(arr) - 1, max_cells).astype(np.int64)]
    _, joined = _join_lines(arr)
    n_de = len(re.findall(r",(?:\d{1,2}|\d{4,})(?!\d)|\.\d{3},\d", joined))
    n_en = len(re.findall(r"\.(?:\d{1,2}|\d{4,})(?!\d)|,\d{3}\.\d", joined))
    fmt_de = NumberFormat(",", ".", base.suppressed, base.zero, base.missing)
    fmt_en = NumberFormat(".", ",", base.suppressed, base.zero, base.missing)
    if n_de or n_en:
        warning = None
        if n_de and n_en:
            warning = (
                f"numbers in both formats: {n_de} cells with decimal comma, {n_en} with decimal point; "
                f"using the majority ({'comma' if n_de >= n_en else 'point'}), the others are reported as invalid."
            )
        return (fmt_de if n_de >= n_en else fmt_en), warning
    ambiguous = re.search(r"^[+\-]?\d{1,3}(?:[.,]\d{3})+$", joined, re.M)
    fmt = fmt_en if delimiter == "," else fmt_de
    warning = None
    if ambiguous:
        warning = (
            f"decimal separator ambiguous: all numbers look like integers (e.g. '{ambiguous.group()}'); "
            f"assumed decimal {'point' if fmt is fmt_en else 'comma'} because the delimiter is "
            f"{_DELIMITER_NAMES.get(delimiter, repr(delimiter))}. Pass decimal=... if this is wrong."
        )
    return fmt, warning


@dataclass
class ParsedNumbers:
    """Result of :func:`parse_numbers`: float values and integer flag codes (index into FLAGS)."""

    values: np.ndarray
    codes: np.ndarray

    @property
    def flags(self) -> pd.Categorical:
        """The flags as a categorical with the categories :data:`FLAGS`."""
        return pd.Categorical.from_codes(self.codes, categories=list(FLAGS))


# Byte classes of the vectorised parser (see _parse_spans).
_C_OTHER, _C_DIGIT, _C_DECIMAL, _C_GROUP, _C_SIGN, _C_PAD = range(6)


def _grammar_table() -> np.ndarray:
    """The number grammar of :func:`_number_regex` (plain characters only) as a finite automaton.

    ``next_state = table[(state << 3) | byte_class]``. States: start, after the sign, 1/2/3/4+ digits
    of an integer without groups, 0-3 digits after a group separator, after the decimal mark, in
    the decimals, a complete number followed by the end of the cell (accept), invalid, and "other
    character seen" (the cell goes to the one-by-one check, whatever else it holds).
    """
    s = dict(start=0, sign=1, i1=2, i2=3, i3=4, i4=5, g0=6, g1=7, g2=8, g3=9, point=10, frac=11,
             number=12, bad=13, other=14)
    moves = {
        "start": {_C_DIGIT: "i1", _C_SIGN: "sign", _C_DECIMAL: "point"},
        "sign": {_C_DIGIT: "i1", _C_DECIMAL: "point"},
        "i1": {_C_DIGIT: "i2", _C_GROUP: "g0", _C_DECIMAL: "point", _C_PAD: "number"},
        "i2": {_C_DIGIT: "i3", _C_GROUP: "g0", _C_DECIMAL: "point", _C_PAD: "number"},
        "i3": {_C_DIGIT: "i4", _C_GROUP: "g0", _C_DECIMAL: "point", _C_PAD: "number"},
        "i4": {_C_DIGIT: "i4", _C_DECIMAL: "point", _C_PAD: "number"},  # no group after four digits
        "g0": {_C_DIGIT: "g1"},
        "g1": {_C_DIGIT: "g2"},
        "g2": {_C_DIGIT: "g3"},
        "g3": {_C_GROUP: "g0", _C_DECIMAL: "point", _C_PAD: "number"},  # a group has exactly three digits
        "point": {_C_DIGIT: "frac"},
        "frac": {_C_DIGIT: "frac", _C_PAD: "number"},
        "number": {_C_PAD: "number"},
    }
    table = np.full(len(s) << 3, s["bad"], dtype=np.uint8)
    for name, state in s.items():
        table[(state << 3) | _C_OTHER] = s["other"]
        for cls, target in moves.get(name, {}).items():
            table[(state << 3) | cls] = s[target]
    table[(s["other"] << 3) : (s["other"] + 1) << 3] = s["other"]
    return table


_GRAMMAR = _grammar_table()
_S_START, _S_FRAC, _S_NUMBER, _S_OTHER = 0, 11, 12, 14
_FAST_WIDTH = 24  # longer cells are checked one by one (no number is that long)
_CHUNK = 65_536  # cells parsed at once (the byte matrices stay in the processor cache)
_POW10 = 10.0 ** np.arange(23)  # the powers of ten that are exact doubles
_EXACT = 2.0**53  # integers below this are exact doubles
_BEYOND = 0xFF  # marks the bytes beyond a cell's end (never part of UTF-8 text)
_UTF8_ERRORS = "surrogatepass"  # text → bytes → text round trip even for lone surrogates (then: invalid)
# Horner's scheme as two table look-ups per character: value = value * _TIMES[c] + _PLUS[c]
_TIMES = np.ones(256)
_TIMES[ord("0") : ord("9") + 1] = 10.0
_PLUS = np.zeros(256)
_PLUS[ord("0") : ord("9") + 1] = np.arange(10.0)


def _class_table(fmt: NumberFormat) -> np.ndarray | None:
    """Byte → class for cells in ``fmt``; None when a separator is not a single ASCII character.

    Digits, ``+``/``-``, the decimal mark and the thousands separator are "plain"; everything else
    (letters, spaces, non-ASCII bytes such as those of a no-break space or the minus sign U+2212)
    is "other" and sends the cell to the one-by-one check. A space as thousands separator is left
    "other" too, so that cells padded with spaces are stripped there.
    """
    d, t = fmt.decimal, fmt.thousands or ""
    if len(d) != 1 or not d.isascii() or d in "+-0123456789\n" or (t and t == d):
        return None
    lut = np.full(256, _C_OTHER, dtype=np.uint8)
    lut[_BEYOND] = _C_PAD
    lut[ord("0") : ord("9") + 1] = _C_DIGIT
    lut[ord("+")] = lut[ord("-")] = _C_SIGN
    if len(t) == 1 and t.isascii() and t not in _WS + "+-0123456789\n":
        lut[ord(t)] = _C_GROUP
    lut[ord(d)] = _C_DECIMAL
    return lut


def _parse_plain(buf: np.ndarray, starts: np.ndarray, lengths: np.ndarray, lut: np.ndarray):
    """The vectorised part of :func:`_parse_spans` for cells of at most ``_FAST_WIDTH`` bytes.

    Returns ``(number, good, slow)``: the value of each cell, whether it is a valid number of plain
    characters, and whether it needs the one-by-one check (other characters, more than 15 digits).
    """
    width = int(lengths.max()) if len(lengths) else 0
    if not width:  # all cells empty
        return np.full(len(lengths), np.nan), np.zeros(len(lengths), bool), np.zeros(len(lengths), bool)
    # the bytes of each cell, one column per cell (rows = character positions, contiguous)
    chars = np.empty((width, len(lengths)), dtype=np.uint8)
    for j in range(width):
        np.take(buf, starts + j, out=chars[j])
    chars[np.arange(width)[:, None] >= lengths] = _BEYOND
    cls = lut[chars]
    # the grammar as a finite automaton, run on all cells at once: one table look-up per character
    # (the digits after the decimal mark are counted on the way)
    state = np.full(len(lengths), _S_START, dtype=np.uint8)
    decimals = np.zeros(len(lengths), dtype=np.uint8)
    for j in range(width):
        state = _GRAMMAR[(state << 3) | cls[j]]
        decimals += state == _S_FRAC
    state = _GRAMMAR[(state << 3) | _C_PAD]  # the end of the cell
    # the digits as one integer (Horner's scheme over the character positions, other characters
    # multiply by 1 and add 0)
    mantissa = _PLUS[chars[0]]
    for j in range(1, width):
        mantissa *= _TIMES[chars[j]]
        mantissa += _PLUS[chars[j]]
    exact = (mantissa < _EXACT) & (decimals < len(_POW10))
    number = mantissa / _POW10[np.minimum(decimals, len(_POW10) - 1)]
    np.negative(number, out=number, where=chars[0] == ord("-"))
    valid = state == _S_NUMBER
    return number, valid & exact, (state == _S_OTHER) | (valid & ~exact)


def _parse_spans(buf: np.ndarray, starts: np.ndarray, ends: np.ndarray, fmt: NumberFormat) -> ParsedNumbers:
    """Parse the cells ``buf[starts[i]:ends[i]]`` of UTF-8 bytes (``buf`` padded with at least
    ``_FAST_WIDTH`` bytes beyond the last cell; no cell holds a line break).

    No Python code runs per cell of plain characters (digits, sign, separators): the cells are
    copied, in chunks that stay in the processor's cache, into a small byte matrix (one row per
    character position), checked against the grammar and converted with whole-array operations.
    A number is converted exactly as ``float`` does: its digits form an integer below 2**53 that is
    divided by a power of ten up to 10**22; both are exact doubles, so the quotient is correctly
    rounded. Cells with other characters (letters, spaces, dashes, no-break spaces), longer numbers
    and cells longer than ``_FAST_WIDTH`` bytes are checked one by one with the full grammar.
    Markers (zero, suppressed, missing) are matched as whole cells and take precedence.
    """
    n = len(starts)
    values = np.full(n, np.nan)
    codes = np.full(n, _INV, dtype=np.int8)
    if n == 0:
        return ParsedNumbers(values, codes)
    lengths = ends - starts
    lut = _class_table(fmt)
    slow = np.ones(n, dtype=bool) if lut is None else lengths > _FAST_WIDTH
    if lut is not None:
        fast = None if not slow.any() else np.flatnonzero(~slow)  # None: every cell
        m = n if fast is None else len(fast)
        for a in range(0, m, _CHUNK):
            part = slice(a, min(a + _CHUNK, m)) if fast is None else fast[a : a + _CHUNK]
            number, good, to_slow = _parse_plain(buf, starts[part], lengths[part], lut)
            if fast is None:
                values[part][good] = number[good]
                codes[part][good] = _OK
                slow[part] = to_slow
            else:
                values[part[good]] = number[good]
                codes[part[good]] = _OK
                slow[part[to_slow]] = True
    # whole-cell markers, in reverse order of precedence (zero wins over suppressed over missing);
    # a marker that is no number is looked for among the cells that are no number only
    full = re.compile(_number_regex(fmt.decimal, fmt.thousands))
    candidates = np.flatnonzero(codes != _OK)
    for code, markers in ((_MISS, fmt.missing), (_SUPP, fmt.suppressed), (_ZERO, fmt.zero)):
        for marker in markers:
            raw = marker.encode("utf-8", _UTF8_ERRORS)
            hit = np.flatnonzero(lengths == len(raw)) if full.fullmatch(marker) else candidates
            hit = hit[lengths[hit] == len(raw)]
            for j, byte in enumerate(raw):
                hit = hit[buf[starts[hit] + j] == byte]
            codes[hit] = code
            values[hit] = 0.0 if code == _ZERO else np.nan
            slow[hit] = False
    todo = np.flatnonzero(slow)
    if len(todo):  # cells with other characters, long cells: full check one by one (they are few)
        zero, supp, miss = set(fmt.zero), set(fmt.suppressed), set(fmt.missing)
        drop = str.maketrans("", "", (fmt.thousands or "") + _WS)
        for i in todo.tolist():
            t = buf[starts[i] : ends[i]].tobytes().decode("utf-8", _UTF8_ERRORS).strip(_WS)
            if t in zero:
                codes[i], values[i] = _ZERO, 0.0
            elif t in supp:
                codes[i], values[i] = _SUPP, np.nan
            elif t in miss:
                codes[i], values[i] = _MISS, np.nan
            elif full.fullmatch(t):
                codes[i] = _OK
                values[i] = float(t.translate(drop).replace("\u2212", "-").replace(fmt.decimal, "."))
            else:
                codes[i], values[i] = _INV, np.nan
    return ParsedNumbers(values, codes)


def _utf8_buffer(data: bytes) -> np.ndarray:
    """``data`` as a uint8 array padded for :func:`_parse_spans` and :func:`_gather_text`."""
    return np.frombuffer(data + b"\n" * (_FAST_WIDTH + 8), dtype=np.uint8)


def parse_numbers(cells: pd.Series | Sequence[str], fmt: NumberFormat = GERMAN) -> ParsedNumbers:
    """Parse number texts; surrounding whitespace is ignored.

    ``fmt.missing`` → NaN/``missing``; ``fmt.suppressed`` → NaN/``suppressed``; ``fmt.zero`` →
    0/``zero``; a valid number → value/``ok``; anything else → NaN/``invalid``. Valid numbers:
    optional sign (``+``, ``-``, ``\u2212``), digits with optional thousands separators that group
    exactly three digits (also spaces / no-break spaces), optional decimal mark followed by digits
    (``1.234,5``, ``12,5``, ``,5`` with decimal comma; ``12.34`` is *invalid* there).

    Implementation (no Python code per valid cell): the cells are joined into one UTF-8 text and
    parsed with whole-array operations by :func:`_parse_spans`; only cells with other characters
    (letters, spaces, dashes) are checked one by one.
    """
    arr = _as_str_array(cells)
    if len(arr) == 0:
        return ParsedNumbers(np.zeros(0), np.zeros(0, dtype=np.int8))
    _, joined = _join_lines(arr)
    data = joined.encode("utf-8", _UTF8_ERRORS)
    buf = _utf8_buffer(data)
    breaks = np.flatnonzero(buf[: len(data)] == 10)
    starts = np.concatenate(([0], breaks + 1))
    ends = np.concatenate((breaks, [len(data)]))
    return _parse_spans(buf, starts, ends, fmt)


# --------------------------------------------------------------------------------------------
# Reading
# --------------------------------------------------------------------------------------------


@dataclass
@dataclass
class WideBlock:
    """One wide table as read: a row per unit (and year), a column per indicator.

    Its tidy rows (:meth:`tidy`) are the cells in row-major order. Kept as matrices, ten files of
    10,000 units × 100 indicators are joined to districts and pivoted by :func:`join_wide` without
    ever building ten million tidy rows.
    """

    source: str
    keys: np.ndarray  # unit key per row (str, stripped)
    names: np.ndarray | None  # unit name per row, if a name column was read
    years: np.ndarray  # int64 per row
    rows: np.ndarray  # file row number per row
    indicators: list[str]
    values: np.ndarray  # float, rows × indicators
    codes: np.ndarray  # flag codes (index into FLAGS), rows × indicators

    def tidy(self) -> pd.DataFrame:
        """The tidy frame of this block (the columns described in the module docstring)."""
        n_rows, n_ind = self.values.shape
        data = pd.DataFrame(
            {
                "unit_key": _categorical(self.keys, repeat=n_ind),
                "year": _repeat_each(self.years, n_ind),
                "indicator": pd.Categorical.from_codes(
                    np.tile(_small_codes(np.arange(n_ind)), n_rows), categories=list(self.indicators)
                ),
                "value": np.ascontiguousarray(self.values).ravel(),
                "flag": pd.Categorical.from_codes(np.ascontiguousarray(self.codes).ravel(), categories=list(FLAGS)),
                "source": pd.Categorical.from_codes(np.zeros(n_rows * n_ind, dtype=np.int8), [self.source]),
                "row": _repeat_each(self.rows.astype(np.int32), n_ind),
            },
            copy=False,
        )
        if self.names is not None:
            data.insert(1, "unit_name", _categorical(self.names, repeat=n_ind))
        return data


class AtlasTable:
    """A tidy indicator table plus the report of how it was read.

    Tables read from wide files also keep their :class:`WideBlock` s (``blocks``); their tidy
    ``data`` is then built only when first asked for.
    """

    def __init__(
        self, data: pd.DataFrame | None = None, report: AtlasReport | None = None, blocks: list | None = None
    ) -> None:
        if data is None and blocks is None:
            raise ValueError("an AtlasTable needs data or blocks")
        self._data = data
        self.report = report if report is not None else AtlasReport()
        self.blocks = list(blocks) if blocks is not None else None

    @property
    def data(self) -> pd.DataFrame:
        """The tidy frame (built from the blocks on first use)."""
        if self._data is None:
            frames = [b.tidy() for b in self.blocks]
            if any("unit_name" in f.columns for f in frames):  # as when tables are combined: key as name
                for f in frames:
                    if "unit_name" not in f.columns:
                        f.insert(1, "unit_name", f["unit_key"])
            self._data = concat_frames(frames)
        return self._data

    def wide(self, value: str = "value", sep: str = "_") -> pd.DataFrame:
        """One row per unit, columns ``<indicator><sep><year>`` (see :func:`to_wide`)."""
        return to_wide(self.data, value=value, sep=sep)

    def indicators(self) -> list[str]:
        """The indicators that occur, in order of first appearance (category order)."""
        if self.blocks is not None:
            return list(dict.fromkeys(i for b in self.blocks for i in b.indicators))
        codes, names = _indicator_codes(self.data["indicator"])
        used = np.bincount(codes[codes >= 0], minlength=len(names)) > 0
        return [str(n) for n, u in zip(names, used) if u]

    def keys(self, field: str = "unit_key") -> list[str]:
        """The distinct values of ``unit_key`` or ``unit_name``, in order of first appearance."""
        if self.blocks is not None and (field == "unit_key" or all(b.names is not None for b in self.blocks)):
            values = [b.keys if field == "unit_key" else b.names for b in self.blocks]
            return [str(v) for v in pd.unique(np.concatenate(values))]
        return [str(v) for v in pd.unique(self.data[field].astype(str))]

    def has_names(self) -> bool:
        """Whether the table has ``unit_name`` (some file was read with a name column)."""
        if self.blocks is not None:
            return any(b.names is not None for b in self.blocks)
        return "unit_name" in self.data.columns

    def sources(self) -> list[str]:
        """The source names, in order."""
        if self.blocks is not None:
            return list(dict.fromkeys(b.source for b in self.blocks))
        return [str(v) for v in pd.unique(self.data["source"].astype(str))]

    def renamed(self, mapping: dict) -> AtlasTable:
        """A copy with indicators renamed (``mapping``: old → new name; others keep theirs)."""
        data = None
        if self._data is not None:
            cats = [str(c) for c in self._data["indicator"].cat.categories]
            new = [mapping.get(c, c) for c in cats]
            if len(set(new)) < len(new):  # an unused category in the way of a new name
                new = [mapping.get(c, f"__unused_{k}") for k, c in enumerate(cats)]
            data = self._data.copy(deep=False)  # a new frame for the renamed column, the others shared
            data["indicator"] = data["indicator"].cat.rename_categories(new)
        blocks = None
        if self.blocks is not None:
            blocks = [dataclasses.replace(b, indicators=[mapping.get(i, i) for i in b.indicators]) for b in self.blocks]
        return AtlasTable(data, self.report, blocks)


def _find_column(columns: Sequence[str], wanted: str | None, candidates: Iterable[str]) -> str | None:
    if wanted is not None:
        return wanted if wanted in columns else None
    lookup = {c.strip().casefold(): c for c in columns}
    for cand in candidates:
        if cand in lookup:
            return lookup[cand]
    return None


def _require_column(columns: Sequence[str], name: str, role: str, file: str) -> None:
    if name in columns:
        return
    close = difflib.get_close_matches(name, list(columns), n=1, cutoff=0.6)
    norm = {c.strip().casefold(): c for c in columns}
    if name.strip().casefold() in norm:
        close = [norm[name.strip().casefold()]]
    hint = f" Did you mean '{close[0]}'?" if close else ""
    raise MissingColumnError(
        f"{role} column '{name}' not found. Columns in the file: {', '.join(repr(c) for c in columns)}.{hint}",
        available=columns,
        file=file,
        column=name,
    )


_YEAR_RE = re.compile(r"(?:\d{1,2}\.\d{1,2}\.)?(\d{4})")
_DETECT_CELLS = 50_000  # cells sampled to detect the number format
_FILE_YEAR_RE = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")


def _parse_years(values: pd.Series, rows: np.ndarray, column: str, file: str) -> np.ndarray:
    extracted = values.str.fullmatch(_YEAR_RE.pattern)
    if not extracted.all():
        pos = int(np.flatnonzero(~extracted.to_numpy())[0])
        bad = values.iloc[pos]
        n_bad = int((~extracted).sum())
        raise YearError(
            f"year '{bad}' is not a four-digit year ({n_bad} such cell(s) in this column).",
            file=file,
            column=column,
            row=int(rows[pos]),
            value=bad,
        )
    return values.str.extract(_YEAR_RE.pattern, expand=False).astype(np.int64).to_numpy()


def year_from_filename(name: str) -> int | None:
    """The single year (1900-2099) in a file name, or None if there is none or several."""
    found = set(_FILE_YEAR_RE.findall(Path(name).stem))
    return int(found.pop()) if len(found) == 1 else None


def _gather_text(buf: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> list[str]:
    """The cells ``buf[starts[i]:ends[i]]`` as strings: one gather, one decode, one split."""
    if not len(starts):
        return []
    lengths = ends - starts
    out = np.zeros(len(starts), dtype=np.int64)
    np.cumsum(lengths[:-1] + 1, out=out[1:])
    total = int(out[-1] + lengths[-1] + 1)
    chunk = buf[np.arange(total) + np.repeat(starts - out, lengths + 1)]
    chunk[out + lengths] = 10  # the byte after each cell becomes the line break that separates them
    return chunk[:-1].tobytes().decode("utf-8", _UTF8_ERRORS).split("\n")


class _ByteCells:
    """The cells of an unquoted table as byte ranges into its UTF-8 text (one row per line).

    Nothing is turned into a Python string until asked for: text columns (keys, names, years)
    are gathered column by column, number blocks are parsed by :func:`_parse_spans` in place.
    """

    def __init__(self, buf: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> None:
        self.buf, self.starts, self.ends = buf, starts, ends

    def __len__(self) -> int:
        return self.starts.shape[0]

    def row(self, i: int) -> list[str]:
        return _gather_text(self.buf, self.starts[i], self.ends[i])

    def take(self, rows) -> _ByteCells:
        return _ByteCells(self.buf, self.starts[rows], self.ends[rows])

    def columns(self, positions: Sequence[int]) -> _ByteCells:
        return _ByteCells(self.buf, self.starts[:, positions], self.ends[:, positions])

    def nonempty(self, j: int) -> bool:
        return bool((self.ends[:, j] > self.starts[:, j]).any())

    def text(self, j: int) -> pd.Series:
        return pd.Series(_gather_text(self.buf, self.starts[:, j], self.ends[:, j]), dtype=object)

    def cell(self, i: int, j: int) -> str:
        return self.buf[self.starts[i, j] : self.ends[i, j]].tobytes().decode("utf-8", _UTF8_ERRORS)

    def sample(self, positions: Sequence[int], max_cells: int) -> np.ndarray:
        """An even sample of the block's cells (row-major order), as strings."""
        flat = _sample_index(len(self) * len(positions), max_cells)
        rows, cols = flat // len(positions), np.asarray(positions)[flat % len(positions)]
        return np.array(_gather_text(self.buf, self.starts[rows, cols], self.ends[rows, cols]), dtype=object)

    def parse(self, positions: Sequence[int], fmt: NumberFormat) -> ParsedNumbers:
        """The numbers of the block (row-major: one row per table row, one column per position)."""
        cols = _as_slice(np.asarray(positions, dtype=np.int64))  # consecutive columns: one copy, not two
        return _parse_spans(self.buf, self.starts[:, cols].ravel(), self.ends[:, cols].ravel(), fmt)


class _FrameCells:
    """The same interface over a DataFrame of strings (the full CSV parser's result)."""

    def __init__(self, frame: pd.DataFrame) -> None:
        self.frame = frame.reset_index(drop=True)

    def __len__(self) -> int:
        return len(self.frame)

    def row(self, i: int) -> list[str]:
        return [str(v) for v in self.frame.iloc[i].tolist()]

    def take(self, rows) -> _FrameCells:
        return _FrameCells(self.frame.iloc[rows])

    def columns(self, positions: Sequence[int]) -> _FrameCells:
        return _FrameCells(self.frame.iloc[:, list(positions)])

    def nonempty(self, j: int) -> bool:
        return bool((self.frame.iloc[:, j] != "").any())

    def text(self, j: int) -> pd.Series:
        return self.frame.iloc[:, j].reset_index(drop=True)

    def cell(self, i: int, j: int) -> str:
        return str(self.frame.iat[i, j])

    def sample(self, positions: Sequence[int], max_cells: int) -> np.ndarray:
        flat = self.frame.iloc[:, list(positions)].to_numpy(dtype=object).ravel()
        return flat[_sample_index(len(flat), max_cells)]

    def parse(self, positions: Sequence[int], fmt: NumberFormat) -> ParsedNumbers:
        return parse_numbers(self.frame.iloc[:, list(positions)].to_numpy(dtype=object).ravel(), fmt)


def _sample_index(n: int, max_cells: int) -> np.ndarray:
    """``max_cells`` evenly spaced positions of ``n`` (all when there are fewer)."""
    if n <= max_cells:
        return np.arange(n)
    return np.linspace(0, n - 1, max_cells).astype(np.int64)


def _split_unquoted(text: str, delimiter: str, skip_rows: int) -> tuple[_ByteCells, np.ndarray] | None:
    """Fast path for files without quotes and with the same number of fields on every non-blank line.

    Returns ``(cells, line_numbers)`` of the non-blank lines (header first) as byte ranges, or None
    when the file needs the full CSV parser (quotes, ragged rows, multi-character delimiter).
    """
    if '"' in text or len(delimiter) != 1 or not delimiter.isascii() or delimiter == "\n":
        return None
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    data = text.encode("utf-8", _UTF8_ERRORS)
    buf = _utf8_buffer(data)
    body = buf[: len(data)]
    is_break = body == 10
    # every separator ends a cell; a virtual line break at the end closes the last line
    seps = np.concatenate((np.flatnonzero(is_break | (body == ord(delimiter))), [len(data)]))
    breaks = np.flatnonzero(np.concatenate((is_break[seps[:-1]], [True])))  # separator index of each line end
    first_cell = np.concatenate(([0], breaks[:-1] + 1))[skip_rows:]
    n_fields = (breaks + 1)[skip_rows:] - first_cell
    cell_starts = np.concatenate(([0], seps[:-1] + 1))
    line_start, line_end = cell_starts[first_cell], seps[breaks[skip_rows:]]
    nonblank = np.flatnonzero((line_end - line_start) > n_fields - 1)  # not empty and not delimiters only
    if not len(nonblank) or (n_fields[nonblank] != n_fields[nonblank[0]]).any():
        return None
    width = int(n_fields[nonblank[0]])
    if nonblank[-1] - nonblank[0] == len(nonblank) - 1:  # no blank line in between: the cells are consecutive
        first = int(first_cell[nonblank[0]])
        cells = slice(first, first + len(nonblank) * width)
        starts, ends = cell_starts[cells].reshape(-1, width), seps[cells].reshape(-1, width)
    else:
        cells = first_cell[nonblank][:, None] + np.arange(width)
        starts, ends = cell_starts[cells], seps[cells]
    return _ByteCells(buf, starts, ends), nonblank + 1 + skip_rows


def _read_raw(text: str, delimiter: str, skip_rows: int, file: str) -> tuple[list[str], _ByteCells | _FrameCells,
                                                                            np.ndarray]:
    """Header names, the cells below the header and the file row number of each data row."""
    fast = _split_unquoted(text, delimiter, skip_rows)
    if fast is not None:
        raw, line_no = fast
        nonblank = np.ones(len(raw), dtype=bool)
    else:
        frame, line_no, nonblank = _read_raw_pandas(text, delimiter, skip_rows, file)
        raw = _FrameCells(frame)
    if not nonblank.any():
        raise EmptyTableError("the file has no header and no data.", file=file)
    first = int(np.flatnonzero(nonblank)[0])
    header = [h.lstrip("\ufeff").strip() for h in raw.row(first)]
    keep = nonblank[first + 1 :]
    rows = line_no[first + 1 :]
    body = raw.take(np.flatnonzero(keep) + first + 1)
    rows = rows[keep]
    # drop trailing unnamed, entirely empty columns (a trailing delimiter)
    keep_cols = [i for i, h in enumerate(header) if h or body.nonempty(i)]
    for i, h in enumerate(header):
        if not h and i in keep_cols:
            header[i] = f"column_{i + 1}"
    header = [header[i] for i in keep_cols]
    if len(keep_cols) < len(raw.row(first)):
        body = body.columns(keep_cols)
    if len(header) < 2:
        raise DelimiterError(
            f"only one column detected with delimiter {_DELIMITER_NAMES.get(delimiter, repr(delimiter))} "
            f"(header '{header[0] if header else ''}'). Check the delimiter.",
            file=file,
            row=int(line_no[first]),
        )
    dup = sorted({h for h in header if header.count(h) > 1})
    if dup:
        raise DuplicateKeyError(
            f"duplicate column name(s) in the header: {', '.join(repr(d) for d in dup)}.",
            duplicates={d: [i + 1 for i, h in enumerate(header) if h == d] for d in dup},
            file=file,
            row=int(line_no[first]),
        )
    if not len(body):
        raise EmptyTableError("the table has a header but no data rows.", file=file)
    return header, body, rows


def _read_raw_pandas(
    text: str, delimiter: str, skip_rows: int, file: str
) -> tuple[pd.DataFrame, np.ndarray, np.ndarray]:
    """The full CSV parser (quotes, ragged rows): cells, line numbers, non-blank mask."""
    try:
        raw = pd.read_csv(
            io.StringIO(text),
            sep=delimiter,
            header=None,
            dtype=str,
            keep_default_na=False,
            na_filter=False,
            skip_blank_lines=False,
            skiprows=skip_rows,
            quotechar='"',
            engine="c",
            low_memory=False,
        )
    except pd.errors.EmptyDataError as exc:
        raise EmptyTableError("the file is empty.", file=file) from exc
    except pd.errors.ParserError as exc:
        m = re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", str(exc))
        if m:
            raise AtlasInputError(
                f"the row has {m.group(3)} fields, the rows above have {m.group(1)}; check the delimiter "
                f"({_DELIMITER_NAMES.get(delimiter, repr(delimiter))}) and quoting.",
                file=file,
                row=int(m.group(2)),
            ) from exc
        raise AtlasInputError(f"cannot parse the table: {exc}", file=file) from exc
    # with na_filter=False blank lines and short rows give "" (never NaN)
    # cells are stripped later where it matters (keys, names, years); numbers ignore whitespace
    nonblank = (raw != "").any(axis=1).to_numpy()
    line_no = np.arange(len(raw)) + 1 + skip_rows
    return raw, line_no, nonblank


def _check_mojibake(text: str, delimiter: str, skip_rows: int, file: str, encoding: str) -> None:
    """One regex search over the whole text; on a hit, name the row and column of the garbled cell."""
    if "\u00c3" not in text and "\u00c2" not in text and "\ufffd" not in text:  # fast substring checks
        return
    m = _MOJIBAKE_RE.search(text)
    if not m:
        return
    row = text.count("\n", 0, m.start()) + 1
    line_start = text.rfind("\n", 0, m.start()) + 1
    line_end = text.find("\n", m.start())
    line = text[line_start : line_end if line_end >= 0 else len(text)].rstrip("\r")
    fields = next(csv.reader([line], delimiter=delimiter), [line])
    value = next((f for f in fields if _MOJIBAKE_RE.search(f)), line).strip()
    column = None
    lines = _sample_lines("".join(io.StringIO(text).readlines()[skip_rows:]), 1)
    if lines:
        header = [h.lstrip("\ufeff").strip() for h in next(csv.reader(lines, delimiter=delimiter))]
        stripped = [f.strip() for f in fields]
        pos = stripped.index(value) if value in stripped else -1
        if 0 <= pos < len(header):
            column = header[pos]
    raise EncodingError(_mojibake_message(value, encoding), file=file, column=column, row=row, value=value)


def _mojibake_message(value: str, encoding: str) -> str:
    if "\ufffd" in value:
        return (
            f"value '{value}' contains the replacement character '\ufffd': Windows-1252 (cp1252) text was read "
            "as UTF-8 and characters were lost. Re-export the table from its source (or read the original "
            "file with encoding 'cp1252')."
        )
    fix = (
        "read it with encoding 'utf-8'"
        if encoding.startswith("cp") or encoding in ("latin-1", "iso-8859-1")
        else ("re-export the table as UTF-8 from its source")
    )
    return (
        f"value '{value}' looks garbled (mojibake such as 'Ã¼' for 'ü'): UTF-8 text was decoded as "
        f"Windows-1252 (cp1252); {fix}."
    )


def read_atlas_csv(path: str | Path, **kwargs) -> AtlasTable:
    """Read one CSV file; keyword arguments as in :func:`read_atlas_text` plus ``encoding``.

    The year defaults to a year column, else to the single year in the file name.
    """
    path = Path(path)
    encoding = kwargs.pop("encoding", None)
    name = kwargs.pop("source_name", None) or path.name
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise AtlasInputError(f"cannot read the file: {exc.strerror or exc}", file=name) from exc
    text, used = decode_bytes(data, encoding=encoding, file=name)
    return read_atlas_text(text, source_name=name, encoding_used=used, **kwargs)


def read_atlas_files(paths: Sequence[str | Path], **kwargs) -> AtlasTable:
    """Read several files (e.g. one wide file per year) into one table.

    The same (unit, year, indicator) in two files raises :class:`DuplicateKeyError`.
    """
    if not paths:
        raise EmptyTableError("no files given.")
    tables = [read_atlas_csv(p, **kwargs) for p in paths]
    table = combine_tables(tables)
    # each file is free of duplicates (checked while reading); rows of two files can only collide
    # where the files share an (indicator, year) pair, so only those rows are compared
    seen: set = set()
    shared: set = set()
    for p in (indicator_years(t) for t in tables):
        shared |= seen & p
        seen |= p
    if not shared:
        return table
    data = table.data
    dup = np.zeros(len(data), dtype=bool)
    rows = np.flatnonzero(_pair_mask(data, shared))
    dup[rows] = _duplicated(data.iloc[rows])
    if dup.any():
        d = data.loc[dup]
        dups: dict = {}
        for key, src, row in zip(d["unit_key"], d["source"], d["row"]):
            dups.setdefault(key, []).append(f"{src} row {row}")
        first = d.iloc[0]
        raise DuplicateKeyError(
            f"unit '{first.unit_key}', year {first.year}, indicator '{first.indicator}' occurs in more than one "
            f"file/row: {', '.join(dups[first.unit_key][:6])}.",
            duplicates=dups,
        )
    return table


def combine_tables(tables: Sequence[AtlasTable]) -> AtlasTable:
    """One table of several (reports merged). Wide tables stay blocks; otherwise the tidy frames are
    concatenated, with ``unit_name`` = ``unit_key`` for tables read without a name column when
    others have one. Duplicates are not checked here."""
    report = AtlasReport()
    for t in tables:
        report.extend(t.report)
    if len(tables) == 1:
        return AtlasTable(tables[0]._data, report, tables[0].blocks)
    if all(t.blocks is not None for t in tables):
        return AtlasTable(report=report, blocks=[b for t in tables for b in t.blocks])
    frames = [t.data for t in tables]
    if any("unit_name" in f.columns for f in frames):
        frames = [f if "unit_name" in f.columns else f.assign(unit_name=f["unit_key"]) for f in frames]
    columns = [c for c in frames[0].columns if all(c in f.columns for f in frames)]
    frames = [f if list(f.columns) == columns else f[columns] for f in frames]
    return AtlasTable(concat_frames(frames), report)


def read_atlas_text(
    text: str,
    *,
    source_name: str = "<text>",
    key_column: str | None = None,
    name_column: str | None = None,
    layout: str = "auto",
    year: int | None = None,
    year_column: str | None = None,
    indicator_column: str | None = None,
    value_column: str | None = None,
    value_columns: Sequence[str] | None = None,
    ignore_columns: Sequence[str] = (),
    delimiter: str | None = None,
    decimal: str | None = None,
    thousands: str | None = None,
    number_format: NumberFormat | None = None,
    skip_rows: int = 0,
    encoding_used: str = "text",
) -> AtlasTable:
    """Read decoded CSV text into an :class:`AtlasTable`.

    Parameters
    ----------
    key_column: unit key column (kept as text); default: the first column.
    name_column: optional unit name column, kept as ``unit_name``.
    layout: ``"wide"``, ``"long"`` or ``"auto"`` (long if an indicator and a value column exist).
    year: the year of all rows (wide layout); else ``year_column`` (default: a column named
        year/Jahr/Berichtsjahr) or the single year in ``source_name``.
    indicator_column, value_column: long layout (defaults: indicator/Indikator/Merkmal, value/Wert).
    value_columns: wide layout: the indicator columns (default: all except key, name, year and
        ``ignore_columns``; columns with text only are then skipped with a warning).
    delimiter: default: sniffed. decimal/thousands or number_format: default: detected.
    skip_rows: lines above the header to skip (titles).
    """
    file = source_name
    report = AtlasReport()
    if not text.strip():
        raise EmptyTableError("the file is empty.", file=file)
    if delimiter is None:
        delimiter = sniff_delimiter(
            text if not skip_rows else "".join(io.StringIO(text).readlines()[skip_rows:]), file=file
        )
    _check_mojibake(text, delimiter, skip_rows, file, encoding_used)
    header, body, rows = _read_raw(text, delimiter, skip_rows, file)

    key_column = key_column if key_column is not None else header[0]
    _require_column(header, key_column, "key", file)
    if name_column is not None:
        _require_column(header, name_column, "name", file)

    ind_col = _find_column(header, indicator_column, INDICATOR_COLUMN_NAMES)
    val_col = _find_column(header, value_column, VALUE_COLUMN_NAMES)
    if layout == "auto":
        layout = "long" if (ind_col and val_col and value_columns is None) else "wide"
    if layout not in ("wide", "long"):
        raise ValueError(f"layout must be 'wide', 'long' or 'auto', not {layout!r}")
    if layout == "long":
        if ind_col is None:
            _require_column(header, indicator_column or "indicator", "indicator", file)
        if val_col is None:
            _require_column(header, value_column or "value", "value", file)

    ycol = _find_column(header, year_column, YEAR_COLUMN_NAMES) if year is None else None
    if year_column is not None and ycol is None:
        _require_column(header, year_column, "year", file)
    # stripped strings of the few text columns (the number cells stay bytes until parsed)
    label_col = name_column or next((h for h in header if h != key_column), key_column)
    text_cols = {
        c: pd.Series([v.strip() for v in body.text(header.index(c))], dtype=object)
        for c in dict.fromkeys([key_column, name_column, ycol, ind_col if layout == "long" else None, label_col])
        if c is not None
    }

    # rows without a key are skipped and reported (city totals, "not assignable", footnotes)
    empty_key = (text_cols[key_column] == "").to_numpy()
    if empty_key.any():
        skipped = list(zip(rows[empty_key], text_cols[label_col][empty_key]))
        for r, lab in skipped:
            report.skipped_rows.append((file, int(r), lab))
        report.warn(
            f"{file}: {len(skipped)} row(s) without a key in column '{key_column}' skipped: "
            + ", ".join(f"row {int(r)} ('{lab}')" for r, lab in skipped)
        )
        body = body.take(np.flatnonzero(~empty_key))
        text_cols = {c: v[~empty_key].reset_index(drop=True) for c, v in text_cols.items()}
        rows = rows[~empty_key]
        if not len(body):
            raise EmptyTableError(f"no row has a key in column '{key_column}'.", file=file, column=key_column)

    # year
    if year is not None:
        years = np.full(len(body), int(year), dtype=np.int64)
        year_source = "parameter"
    elif ycol is not None:
        years = _parse_years(text_cols[ycol], rows, ycol, file)
        year_source = f"column '{ycol}'"
    else:
        fy = year_from_filename(file)
        if fy is None:
            raise YearError(
                "cannot determine the year: no year column (looked for "
                f"{', '.join(YEAR_COLUMN_NAMES)}) and the file name has no single four-digit year; "
                "pass year=... or year_column=...",
                file=file,
            )
        years = np.full(len(body), fy, dtype=np.int64)
        year_source = "file name"

    id_columns = [key_column] + ([name_column] if name_column else []) + ([ycol] if ycol else [])
    if layout == "long":
        indicators_txt = text_cols[ind_col]
        val_pos = [header.index(val_col)]
        if (indicators_txt == "").any():
            i = int(np.flatnonzero((indicators_txt == "").to_numpy())[0])
            raise AtlasInputError("empty indicator name.", file=file, column=ind_col, row=int(rows[i]))
        fmt = _resolve_format(body.sample(val_pos, _DETECT_CELLS), delimiter, decimal, thousands, number_format,
                              report, file)
        parsed = body.parse(val_pos, fmt)
        _report_cells(report, file, parsed.codes.reshape(-1, 1), lambda r, c: body.cell(r, val_pos[0]), rows,
                      [val_col], count=False)
        # suppression counts per indicator
        supp = parsed.codes == _SUPP
        if supp.any():
            for ind, n in indicators_txt[supp].value_counts().items():
                report.suppressed[(file, str(ind))] = int(n)
        data = pd.DataFrame(
            {
                "unit_key": _categorical(text_cols[key_column]),
                "year": years,
                "indicator": _categorical(indicators_txt),
                "value": parsed.values,
                "flag": parsed.flags,
                "source": pd.Categorical.from_codes(np.zeros(len(body), dtype=np.int8), [file]),
                "row": rows.astype(np.int32),
            },
            copy=False,
        )
        if name_column:
            data.insert(1, "unit_name", _categorical(text_cols[name_column]))
        n_ind = int(indicators_txt.nunique())
        dup = _duplicated(data)
        if dup.any():
            _raise_table_duplicates(data.loc[dup], file, "unit, year and indicator")
    else:
        ignore = set(ignore_columns) | set(id_columns)
        explicit = value_columns is not None
        if explicit:
            for c in value_columns:
                _require_column(header, c, "indicator", file)
            vcols = list(value_columns)
        else:
            vcols = [h for h in header if h not in ignore]
        if not vcols:
            raise EmptyTableError("no indicator columns: the table has only key/name/year columns.", file=file)
        col_pos = [header.index(c) for c in vcols]
        fmt = _resolve_format(body.sample(col_pos, _DETECT_CELLS), delimiter, decimal, thousands, number_format,
                              report, file)
        parsed = body.parse(col_pos, fmt)
        all_vcols = list(vcols)
        codes = parsed.codes.reshape(len(body), len(vcols))
        values = parsed.values.reshape(len(body), len(vcols))
        if not explicit:
            some_text = (codes == _INV).any(axis=0)
            some_number = ((codes == _OK) | (codes == _ZERO) | (codes == _SUPP)).any(axis=0)
            text_only = np.flatnonzero(some_text & ~some_number).tolist()
            if text_only:
                report.warn(
                    f"{file}: column(s) {', '.join(repr(vcols[j]) for j in text_only)} hold text only and were "
                    "not read as indicators."
                )
                keep = [j for j in range(len(vcols)) if j not in text_only]
                vcols = [vcols[j] for j in keep]
                codes = codes[:, keep]
                values = values[:, keep]
                if not vcols:
                    raise EmptyTableError("no column holds numbers.", file=file)
        kept = [col_pos[all_vcols.index(c)] for c in vcols]
        _report_cells(report, file, codes, lambda r, c: body.cell(r, kept[c]), rows, vcols)
        n_ind = codes.shape[1]
        dup_key = pd.DataFrame({"unit_key": text_cols[key_column].to_numpy(), "year": years})
        dup = dup_key.duplicated(keep=False).to_numpy()
        if dup.any():
            d = dup_key.loc[dup].assign(row=rows[dup], source=file)
            _raise_table_duplicates(d, file, "unit and year")
        block = WideBlock(
            source=file,
            keys=text_cols[key_column].to_numpy(),
            names=text_cols[name_column].to_numpy() if name_column else None,
            years=years,
            rows=rows.astype(np.int32),
            indicators=list(vcols),
            values=values,
            codes=codes,
        )
    report.sources.append(
        SourceInfo(
            file=file,
            encoding=encoding_used,
            delimiter=delimiter,
            decimal=fmt.decimal,
            thousands=fmt.thousands,
            layout=layout,
            year_source=year_source,
            n_rows=len(body),
            n_indicators=n_ind,
        )
    )
    return AtlasTable(data, report) if layout == "long" else AtlasTable(report=report, blocks=[block])


def _resolve_format(
    cells: pd.Series,
    delimiter: str,
    decimal: str | None,
    thousands: str | None,
    number_format: NumberFormat | None,
    report: AtlasReport,
    file: str,
) -> NumberFormat:
    if number_format is not None:
        return number_format
    if decimal is not None:
        if thousands is None:
            thousands = "." if decimal == "," else ","
        return NumberFormat(decimal=decimal, thousands=thousands or None)
    fmt, warning = detect_number_format(cells, delimiter=delimiter)
    if warning:
        report.warn(f"{file}: {warning}")
    return fmt


def _report_cells(
    report: AtlasReport,
    file: str,
    codes: np.ndarray,
    cell: Callable[[int, int], str],
    rows: np.ndarray,
    columns: Sequence[str],
    *,
    count: bool = True,
) -> None:
    """Record invalid cells per column and suppressed counts per column."""
    inv_r, inv_c = np.nonzero(codes == _INV)
    if len(inv_r):
        by_col: dict[int, list[int]] = {}
        for r, c in zip(inv_r, inv_c):
            by_col.setdefault(int(c), []).append(int(r))
            report.invalid_cells.append(CellIssue(file, int(rows[r]), columns[c], str(cell(r, c)).strip()))
        for c, rs in by_col.items():
            listing = ", ".join(f"row {int(rows[r])} '{str(cell(r, c)).strip()}'" for r in rs[:10])
            more = f" and {len(rs) - 10} more" if len(rs) > 10 else ""
            report.warn(
                f"{file}: column '{columns[c]}': {len(rs)} non-numeric value(s) set to missing: {listing}{more}."
            )
    if count:
        for c, n in zip(columns, (codes == _SUPP).sum(axis=0)):
            if n:
                report.suppressed[(file, c)] = report.suppressed.get((file, c), 0) + int(n)


def _repeat_each(values: np.ndarray, k: int) -> np.ndarray:
    """Each value ``k`` times (``np.repeat(values, k)`` as one broadcast copy, many times faster)."""
    return np.broadcast_to(values[:, None], (len(values), k)).ravel()


def _small_codes(codes: np.ndarray) -> np.ndarray:
    """Category codes in the smallest integer type that holds them (what pandas stores anyway)."""
    top = int(codes.max()) if len(codes) else 0
    return codes.astype(np.int8 if top < 127 else np.int16 if top < 32_767 else np.int32)


def _categorical(values: pd.Series, repeat: int = 1) -> pd.Categorical:
    """Strings as a categorical with categories in order of first appearance (each value repeated)."""
    codes, uniques = pd.factorize(values)
    codes = _small_codes(codes)
    if repeat > 1:
        codes = _repeat_each(codes, repeat)
    return pd.Categorical.from_codes(codes, categories=pd.Index(uniques, dtype=object))


def concat_frames(frames: Sequence[pd.DataFrame]) -> pd.DataFrame:
    """Concatenate tidy frames column by column; categorical columns stay categorical (union of
    categories in order of first appearance), so no column is ever turned into strings."""
    if len(frames) == 1:
        return frames[0]
    out = {}
    for c in frames[0].columns:
        parts = [f[c] for f in frames]
        if all(isinstance(p.dtype, pd.CategoricalDtype) for p in parts):
            out[c] = pd.api.types.union_categoricals(parts, ignore_order=True)
        else:
            out[c] = np.concatenate([p.to_numpy() for p in parts])
    return pd.DataFrame(out, copy=False)  # the concatenated arrays are new: no second copy


def _year_codes(years: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``(distinct years ascending, position of each value among them)`` by counting, not sorting."""
    if not len(years):
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    y0, y1 = int(years.min()), int(years.max())
    if y0 == y1:
        return np.array([y0], dtype=np.int64), np.zeros(len(years), dtype=np.int64)
    if y1 - y0 > 100_000:  # not calendar years: sort
        return np.unique(years, return_inverse=True)
    offset = years - y0
    present = np.bincount(offset, minlength=y1 - y0 + 1) > 0
    if present.all():  # consecutive years: the offset is the position
        return np.arange(y0, y1 + 1, dtype=np.int64), offset
    return np.flatnonzero(present) + y0, (np.cumsum(present) - 1)[offset]


def indicator_years(data: pd.DataFrame | AtlasTable) -> set:
    """The distinct (indicator, year) pairs of a tidy frame or table (integer codes, no per-row Python)."""
    if isinstance(data, AtlasTable):
        if data.blocks is not None:
            return {(i, int(y)) for b in data.blocks for y in np.unique(b.years) for i in b.indicators}
        data = data.data
    if not len(data):
        return set()
    codes, names = _indicator_codes(data["indicator"])
    years, y_codes = _year_codes(data["year"].to_numpy())
    combined = np.flatnonzero(np.bincount(codes * len(years) + y_codes))
    return {(str(names[c // len(years)]), int(years[c % len(years)])) for c in combined.tolist()}


def _pair_mask(data: pd.DataFrame, pairs: set) -> np.ndarray:
    """Rows of a tidy frame whose (indicator, year) is one of ``pairs``."""
    codes, names = _indicator_codes(data["indicator"])
    years, y_codes = _year_codes(data["year"].to_numpy())
    position = {str(n): i for i, n in enumerate(names)}
    wanted = np.zeros(len(names) * len(years), dtype=bool)
    year_pos = {int(y): i for i, y in enumerate(years)}
    for ind, year in pairs:
        if ind in position and year in year_pos:
            wanted[position[ind] * len(years) + year_pos[year]] = True
    return wanted[codes * len(years) + y_codes]


def _indicator_codes(indicator: pd.Series) -> tuple[np.ndarray, list]:
    if isinstance(indicator.dtype, pd.CategoricalDtype):
        return indicator.cat.codes.to_numpy().astype(np.int64), list(indicator.cat.categories)
    codes, uniques = pd.factorize(indicator)
    return codes.astype(np.int64), list(uniques)


def _unit_codes(values: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """``(codes, uniques)`` like ``pd.factorize`` (uniques in order of first appearance, missing → -1).

    A categorical is not hashed again: first appearances are found among the positions where the
    code changes (a unit's rows are mostly consecutive), so the work is a few passes over the codes.
    """
    if not isinstance(values.dtype, pd.CategoricalDtype):
        codes, uniques = pd.factorize(values)
        return codes.astype(np.int64), np.asarray(uniques, dtype=object)
    codes = values.cat.codes.to_numpy().astype(np.int64)
    if not len(codes):
        return codes, np.zeros(0, dtype=object)
    changes = np.concatenate(([0], np.flatnonzero(codes[1:] != codes[:-1]) + 1))
    order = pd.unique(codes[changes])
    order = order[order >= 0]
    if len(order) == len(values.cat.categories) and (order == np.arange(len(order))).all():
        return codes, np.asarray(values.cat.categories, dtype=object)  # the usual case: nothing to renumber
    renumber = np.full(len(values.cat.categories) + 1, -1, dtype=np.int64)  # the last slot serves code -1
    renumber[order] = np.arange(len(order))
    return renumber[codes], np.asarray(values.cat.categories, dtype=object)[order]


def _duplicated(data: pd.DataFrame, index: str = "unit_key") -> np.ndarray:
    """Mask of rows whose (unit, year, indicator) occurs more than once (integer codes, no string hashing twice)."""
    u, _ = _unit_codes(data[index])
    _, y = _year_codes(data["year"].to_numpy())
    i, _ = _indicator_codes(data["indicator"])
    if not len(u):
        return np.zeros(0, dtype=bool)
    key = (u * (int(y.max()) + 1) + y) * (int(i.max()) + 1) + i
    if len(key) and key.max() < 4 * len(key) + 1_000_000:  # dense key space: counting beats hashing
        return np.bincount(key)[key] > 1
    return pd.Series(key).duplicated(keep=False).to_numpy()


def _raise_table_duplicates(d: pd.DataFrame, file: str, what: str) -> None:
    dups: dict = {}
    for key, row in zip(d["unit_key"], d["row"]):
        dups.setdefault(str(key), []).append(int(row))
    first_key = next(iter(dups))
    raise DuplicateKeyError(
        f"duplicate {what}: key '{first_key}' in rows {', '.join(map(str, dups[first_key]))}"
        + (f" ({len(dups)} duplicated keys in total)" if len(dups) > 1 else "")
        + ".",
        duplicates=dups,
        file=file,
        row=dups[first_key][0],
    )


# --------------------------------------------------------------------------------------------
# Wide output
# --------------------------------------------------------------------------------------------


def to_wide(long: pd.DataFrame, *, value: str = "value", sep: str = "_", index: str = "unit_key") -> pd.DataFrame:
    """Pivot a tidy frame to one row per unit and columns ``<indicator><sep><year>``.

    ``value`` may be ``"value"`` (float result) or ``"flag"`` or any other column (object result).
    Units keep their order of first appearance; columns are ordered by indicator (category order or
    first appearance), then year. Combinations that do not occur are NaN; a (unit, indicator, year)
    that occurs twice raises :class:`DuplicateKeyError`. Built from integer codes, no string
    operations per row.
    """
    if long.empty:
        return pd.DataFrame(index=pd.Index([], name=index))
    u_codes, units = _unit_codes(long[index])
    i_codes, ind_names = _indicator_codes(long["indicator"])
    years, y_codes = _year_codes(long["year"].to_numpy())
    n_units, n_years = len(units), len(years)
    n_cols = len(ind_names) * n_years
    lin = u_codes * n_cols + i_codes * n_years + y_codes
    counts = np.bincount(lin, minlength=n_units * n_cols)
    if (counts > 1).any():
        k = int(np.flatnonzero(counts > 1)[0])
        unit, col = units[k // n_cols], k % n_cols
        what = f"indicator '{ind_names[col // n_years]}', year {years[col % n_years]}"
        raise DuplicateKeyError(
            f"unit '{unit}', {what} occurs more than once.",
            duplicates={str(unit): [what]},
        )
    present = counts.reshape(n_units, n_cols).any(axis=0)
    vals = long[value]
    if value == "value" or pd.api.types.is_numeric_dtype(vals.dtype):
        out = np.full(n_units * n_cols, np.nan)
        out[lin] = vals.to_numpy(dtype=float)
    else:
        out = np.full(n_units * n_cols, np.nan, dtype=object)
        out[lin] = vals.astype(object).to_numpy()
    out = out.reshape(n_units, n_cols)
    if not present.all():
        out = out[:, present]
    cols = [f"{ind_names[k // n_years]}{sep}{years[k % n_years]}" for k in np.flatnonzero(present)]
    return pd.DataFrame(out, index=pd.Index(units, name=index), columns=cols)


# --------------------------------------------------------------------------------------------
# Key matching
# --------------------------------------------------------------------------------------------

_UMLAUT_TABLE = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "ẞ": "ss"})


def normalise_name(values: pd.Series | Sequence[str]) -> pd.Series:
    """Normalise unit names for matching (vectorised).

    NFC, casefold, ä→ae, ö→oe, ü→ue, ß→ss, other diacritics removed (é→e), whitespace,
    hyphens, dashes and underscores collapsed to one space, trimmed.
    ``"Brühlervorstadt"``, ``"BRUEHLERVORSTADT"`` and ``" Brühler-Vorstadt"`` are not all equal:
    the hyphen becomes a space, so the last one is ``"bruehler vorstadt"``.
    """
    s = pd.Series(values, dtype=object) if not isinstance(values, pd.Series) else values
    s = s.fillna("").astype(str).str.normalize("NFC").str.casefold()
    s = s.str.translate(_UMLAUT_TABLE)
    s = s.str.normalize("NFKD").str.replace(r"[\u0300-\u036f]", "", regex=True)
    s = s.str.replace(r"[\s\-\u2010-\u2015_]+", " ", regex=True).str.strip()
    return s


def normalise_id(values: pd.Series | Sequence, *, strip_leading_zeros: bool = False) -> pd.Series:
    """Unit ids as trimmed strings; integral numbers become ``"12"`` not ``"12.0"``.

    With ``strip_leading_zeros`` ``"007"`` → ``"7"`` (an all-zero id stays ``"0"``).
    """
    s = values if isinstance(values, pd.Series) else pd.Series(list(values))
    if pd.api.types.is_float_dtype(s):
        frac = s.dropna() % 1
        if (frac == 0).all():
            s = s.astype("Int64")
    s = s.astype(object).where(s.notna(), "").astype(str).str.strip()
    if strip_leading_zeros:
        s = s.str.replace(r"^0+(?=\d)", "", regex=True)
    return s


@dataclass
class MatchResult:
    """Outcome of matching table keys to districts.

    ``district_of`` maps each matched table key to the district id; ``unmatched_keys`` lists table
    keys without district; ``unmatched_districts`` is a DataFrame (district_id, name) of districts
    no table key refers to.
    """

    district_of: dict[str, str]
    unmatched_keys: list[str]
    unmatched_districts: pd.DataFrame


def match_units(
    table_keys: Sequence[str] | pd.Series,
    district_ids: Sequence | pd.Series,
    district_names: Sequence[str] | pd.Series | None = None,
    *,
    by: str = "id",
    strip_leading_zeros: bool = False,
    file: str | None = None,
) -> MatchResult:
    """Match table keys to districts by ``"id"`` or by normalised ``"name"``.

    Duplicate district ids or (normalised) names raise :class:`DuplicateKeyError`, so do two
    different table keys that become equal after normalisation (``"01"`` and ``"1"``).
    """
    if by not in ("id", "name"):
        raise ValueError(f"by must be 'id' or 'name', not {by!r}")
    ids = normalise_id(pd.Series(list(district_ids)) if not isinstance(district_ids, pd.Series) else district_ids)
    ids = ids.reset_index(drop=True)
    names = (
        pd.Series(list(district_names), dtype=object).reset_index(drop=True)
        if district_names is not None
        else pd.Series([""] * len(ids), dtype=object)
    )
    if by == "name" and district_names is None:
        raise ValueError("matching by name needs district_names")
    dup_ids = ids[ids.duplicated(keep=False)]
    if len(dup_ids):
        raise DuplicateKeyError(
            f"district list: id(s) {', '.join(sorted(set(dup_ids)))} occur more than once.",
            duplicates={k: list(idx) for k, idx in dup_ids.groupby(dup_ids).groups.items()},
        )
    if by == "id":
        dkey = normalise_id(ids, strip_leading_zeros=strip_leading_zeros)
    else:
        dkey = normalise_name(names)
    dup = dkey[dkey.duplicated(keep=False)]
    if len(dup):
        dups = {
            k: [f"{ids[i]} ({names[i]})" if district_names is not None else ids[i] for i in idx]
            for k, idx in dup.groupby(dup).groups.items()
        }
        raise DuplicateKeyError(
            f"district list: {'id' if by == 'id' else 'name'} '{next(iter(dups))}' is not unique "
            f"({'; '.join(f'{k}: {v}' for k, v in dups.items())}).",
            duplicates=dups,
        )
    tk = pd.Series(list(dict.fromkeys(table_keys)), dtype=object)
    tnorm = normalise_id(tk, strip_leading_zeros=strip_leading_zeros) if by == "id" else normalise_name(tk)
    tdup = tnorm[tnorm.duplicated(keep=False)]
    if len(tdup):
        dups = {k: [tk[i] for i in idx] for k, idx in tdup.groupby(tdup).groups.items()}
        raise DuplicateKeyError(
            "table keys that differ only in "
            + ("leading zeros" if by == "id" else "case, umlauts, spaces or hyphens")
            + f" refer to the same district: {'; '.join(f'{v}' for v in dups.values())}.",
            duplicates=dups,
            file=file,
        )
    lookup = dict(zip(dkey, ids))
    district_of = {}
    unmatched = []
    for key, nk in zip(tk, tnorm):
        if nk in lookup:
            district_of[key] = lookup[nk]
        else:
            unmatched.append(key)
    used = set(district_of.values())
    miss = ~ids.isin(used)
    unmatched_d = pd.DataFrame({"district_id": ids[miss].to_numpy(), "name": names[miss].to_numpy()})
    return MatchResult(district_of, unmatched, unmatched_d)


def join_districts(
    table: AtlasTable,
    districts: pd.DataFrame,
    *,
    id_column: str,
    name_column: str | None = None,
    by: str = "id",
    table_field: str = "unit_key",
    strip_leading_zeros: bool = False,
) -> AtlasTable:
    """Attach ``district_id`` (categorical, categories = the district ids) to a tidy table; drop and report
    rows that match no district.

    ``table_field`` is ``"unit_key"`` or ``"unit_name"`` (the table column compared with the
    districts' ids or names). Every unmatched table row (file, row, key) and every district
    without data (id, name) is written to the report as a warning and as DataFrames
    ``report.unmatched_rows`` / ``report.unmatched_districts``.

    When every row matches, the result shares its other columns with ``table`` (no copy of ten
    million rows); tables are not modified in place anywhere in this module.
    """
    for c in [id_column] + ([name_column] if name_column else []):
        if c not in districts.columns:
            raise MissingColumnError(
                f"district list has no column '{c}'. Columns: {', '.join(map(repr, districts.columns))}.",
                available=list(districts.columns),
                column=c,
            )
    if table_field not in table.data.columns:
        raise MissingColumnError(
            f"the table has no field '{table_field}' (read it with name_column=... to match names).",
            available=list(table.data.columns),
            column=table_field,
        )
    data = table.data
    codes, uniques = _unit_codes(data[table_field])
    uniques = [str(u) for u in uniques]
    res, district_ids, to_district = _district_positions(uniques, districts, id_column, name_column, by,
                                                          strip_leading_zeros)
    district_codes = to_district[codes]
    unmatched_mask = district_codes < 0
    report = AtlasReport()
    report.extend(table.report)
    cols = ["source", "row", "unit_key"] + (["unit_name"] if "unit_name" in data.columns else [])
    if unmatched_mask.any():
        um = data.iloc[np.flatnonzero(unmatched_mask)][cols].drop_duplicates(["source", "row"]).reset_index(drop=True)
    else:  # (taking no rows of a ten-million-row frame would still build its whole index)
        um = pd.DataFrame({c: data[c].iloc[:0].to_numpy() for c in cols})
    report.unmatched_rows = um
    report.unmatched_districts = res.unmatched_districts
    for rec in um.itertuples(index=False):
        label = f" ('{rec.unit_name}')" if "unit_name" in um.columns else ""
        report.warn(f"{rec.source}: row {rec.row}: key '{rec.unit_key}'{label} matches no district; row not used.")
    for rec in res.unmatched_districts.itertuples(index=False):
        label = f" '{rec.name}'" if name_column else ""
        report.warn(f"district {rec.district_id}{label} has no row in the table.")
    if unmatched_mask.any():
        keep = ~unmatched_mask
        out = data.loc[keep].reset_index(drop=True)
        district_codes = district_codes[keep]
    else:
        out = data.copy(deep=False)  # a new frame for the new column; the others are shared, not copied
    out.insert(0, "district_id", pd.Categorical.from_codes(district_codes, categories=district_ids))
    return AtlasTable(out, report)


def join_wide(
    table: AtlasTable,
    districts: pd.DataFrame,
    *,
    id_column: str,
    name_column: str | None = None,
    by: str = "id",
    table_field: str = "unit_key",
    strip_leading_zeros: bool = False,
) -> tuple[pd.DataFrame, AtlasReport]:
    """:func:`join_districts` and :func:`to_wide` in one step: ``(wide, report)``.

    ``wide`` has one row per district of ``districts`` (in its order, index ``district_id``; NaN
    for districts without data) and the columns ``<indicator>_<year>`` of :func:`to_wide`;
    ``report`` is the joined table's report. Equal to
    ``to_wide(join_districts(table, ...).data, index="district_id").reindex(<district ids>)``, with
    the same errors; for tables of wide blocks the values are placed block by block straight into
    the result (no tidy rows of all cells are built). Anything unusual (a missing column, a
    district that two rows fill with the same indicator and year) takes the tidy path, so errors
    read the same.
    """
    blocks = table.blocks
    fast = (
        blocks is not None
        and id_column in districts.columns
        and (name_column is None or name_column in districts.columns)
        and (table_field == "unit_key" or (table_field == "unit_name" and any(b.names is not None for b in blocks)))
    )
    result = None
    if fast:
        result = _join_blocks(table, districts, id_column, name_column, by, table_field, strip_leading_zeros)
    if result is not None:
        return result
    joined = join_districts(
        table, districts, id_column=id_column, name_column=name_column, by=by, table_field=table_field,
        strip_leading_zeros=strip_leading_zeros,
    )
    wide = to_wide(joined.data, index="district_id")
    return wide.reindex(pd.Index(list(normalise_id(districts[id_column])), name="district_id")), joined.report


def _as_slice(positions: np.ndarray) -> slice | np.ndarray:
    """``positions`` as a slice when they are consecutive (a view instead of a fancy-indexed copy)."""
    if len(positions) and positions[-1] - positions[0] == len(positions) - 1 and (np.diff(positions) == 1).all():
        return slice(int(positions[0]), int(positions[-1]) + 1)
    return positions


def _district_positions(uniques, districts, id_column, name_column, by, strip_leading_zeros):
    """Match the distinct unit keys of a table to the districts.

    Returns ``(match result, district ids, positions)``: the normalised district ids and per key
    its position among them, -1 when it matches none, and a trailing -1 that serves code -1 (a
    missing key).
    """
    res = match_units(
        uniques,
        districts[id_column],
        districts[name_column] if name_column else None,
        by=by,
        strip_leading_zeros=strip_leading_zeros,
    )
    district_ids = list(normalise_id(districts[id_column]))
    position = {d: i for i, d in enumerate(district_ids)}
    to_district = np.array([position.get(res.district_of.get(k), -1) for k in uniques] + [-1], dtype=np.int64)
    return res, district_ids, to_district


def _join_blocks(table, districts, id_column, name_column, by, table_field, strip_leading_zeros):
    """The block path of :func:`join_wide`; None when a target cell would be filled twice."""
    blocks = table.blocks
    field_of = [(b.names if b.names is not None else b.keys) if table_field == "unit_name" else b.keys for b in blocks]
    codes, uniques = pd.factorize(np.concatenate(field_of))
    uniques = [str(u) for u in uniques]
    res, district_ids, to_district = _district_positions(uniques, districts, id_column, name_column, by,
                                                          strip_leading_zeros)
    target = to_district[codes]  # district position of every row of every block (-1: none)
    starts = np.concatenate(([0], np.cumsum([len(f) for f in field_of])))

    # the report, as join_districts writes it
    report = AtlasReport()
    report.extend(table.report)
    with_names = any(b.names is not None for b in blocks)
    unmatched = []
    for b, a in zip(blocks, starts[:-1]):
        for r in np.flatnonzero(target[a : a + len(b.keys)] < 0).tolist():
            name = b.names[r] if b.names is not None else b.keys[r]
            unmatched.append((b.source, int(b.rows[r]), b.keys[r]) + ((name,) if with_names else ()))
    cols = ["source", "row", "unit_key"] + (["unit_name"] if with_names else [])
    um = pd.DataFrame(unmatched, columns=cols)
    um["row"] = um["row"].astype(np.int32)
    report.unmatched_rows = um
    report.unmatched_districts = res.unmatched_districts
    for rec in um.itertuples(index=False):
        label = f" ('{rec.unit_name}')" if with_names else ""
        report.warn(f"{rec.source}: row {rec.row}: key '{rec.unit_key}'{label} matches no district; row not used.")
    for rec in res.unmatched_districts.itertuples(index=False):
        label = f" '{rec.name}'" if name_column else ""
        report.warn(f"district {rec.district_id}{label} has no row in the table.")

    # the values, block by block: rows go to their district, columns to (indicator, year); a file
    # that covers all districts in layer order is written with slices (no index arrays)
    indicators = table.indicators()
    ind_pos = {name: j for j, name in enumerate(indicators)}
    years = np.unique(np.concatenate([b.years for b in blocks]))
    year_pos = {int(y): j for j, y in enumerate(years)}
    out = np.full((len(district_ids), len(indicators), len(years)), np.nan)
    present = np.zeros((len(indicators), len(years)), dtype=bool)
    done: dict = {}  # year position → [(indicator positions, district positions)] already written
    for b, a in zip(blocks, starts[:-1]):
        rows_target = target[a : a + len(b.keys)]
        ind = np.array([ind_pos[i] for i in b.indicators], dtype=np.int64)
        cols = _as_slice(ind)
        for y in np.unique(b.years).tolist():
            r = np.flatnonzero((rows_target >= 0) & (b.years == y))
            if not len(r):
                continue
            d = rows_target[r]
            yp = year_pos[y]
            # a district, indicator and year filled twice (two rows, or two files that share
            # indicators, years and districts): the tidy path raises the error that names them
            if len(np.unique(d)) < len(d) or any(
                np.intersect1d(ind, i2).size and np.intersect1d(d, d2).size for i2, d2 in done.get(yp, [])
            ):
                return None
            done.setdefault(yp, []).append((ind, d))
            where = (_as_slice(d), cols) if isinstance(cols, slice) else np.ix_(d, cols)
            out[:, :, yp][where] = b.values if len(r) == len(b.keys) else b.values[r]
            present[ind, yp] = True
    present = present.ravel()  # (indicator, year), indicator-major
    n_years = len(years)
    names = [f"{indicators[k // n_years]}_{years[k % n_years]}" for k in np.flatnonzero(present)]
    values = out.reshape(len(district_ids), -1)  # a view: districts × (indicator, year)
    if not present.all():
        values = values[:, present]
    wide = pd.DataFrame(values, index=pd.Index(district_ids, name="district_id"), columns=names, copy=False)
    return wide, report
