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
rows stay small and fast; they compare and print like strings.
:func:`to_wide` turns it into one row per unit with year-suffixed columns (``sgb2_rate_2021``).

Performance: no Python code runs per valid cell. Unquoted files are split with string operations
on the whole text (pandas' C parser is the fall-back for quotes and ragged rows); numbers are
validated by whole-text scans that only stop at problem spots and converted by numpy at once.

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
    "YearError",
    "decode_bytes",
    "detect_number_format",
    "join_districts",
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
    lines = []
    for line in io.StringIO(text):
        if line.strip():
            lines.append(line)
            if len(lines) >= n:
                break
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


def _bad_separator_patterns(decimal: str, thousands: str | None) -> list[str]:
    """Regex finding, in a text of plain cells (digits, signs, separators), separators that break the grammar.

    Every branch starts with the separator itself, so the regex engine jumps from separator to
    separator instead of trying every character.
    """
    d = re.escape(decimal)
    branches = [f"{d}(?:(?!\\d)|\\d*[.,])"]  # no digit after the decimal mark, or a separator after it
    if thousands:
        t = re.escape(thousands)
        # a group separator not followed by exactly three digits, preceded by four digits, or not by a digit
        branches.append(f"{t}(?:(?!\\d{{3}}(?!\\d))|(?<=\\d{{4}}{t})|(?<!\\d{t}))")
    return branches


def parse_numbers(cells: pd.Series | Sequence[str], fmt: NumberFormat = GERMAN) -> ParsedNumbers:
    """Parse number texts; surrounding whitespace is ignored.

    ``fmt.missing`` → NaN/``missing``; ``fmt.suppressed`` → NaN/``suppressed``; ``fmt.zero`` →
    0/``zero``; a valid number → value/``ok``; anything else → NaN/``invalid``. Valid numbers:
    optional sign (``+``, ``-``, ``\u2212``), digits with optional thousands separators that group
    exactly three digits (also spaces / no-break spaces), optional decimal mark followed by digits
    (``1.234,5``, ``12,5``, ``,5`` with decimal comma; ``12.34`` is *invalid* there).

    Implementation (no Python code per valid cell): the cells are joined into one string; the
    separators are rewritten with string replacements over the whole text and numpy converts all
    cells at once. Whole-text scans find only the problem spots — cells with other characters
    (letters, spaces, dashes; skipped entirely when a byte-level check finds none) and separators
    that break the grammar — and those few cells are checked one by one against the full grammar.
    """
    arr, joined = _join_lines(_as_str_array(cells))
    n = len(arr)
    codes = np.zeros(n, dtype=np.int8)
    if n == 0:
        return ParsedNumbers(np.zeros(0), codes)
    thousands = fmt.thousands or ""
    encoded = joined.encode("utf-8")
    starts = None

    def lines_of(pattern: str) -> np.ndarray:
        nonlocal starts
        pos = [m.start() for m in re.finditer(pattern, joined, re.M)]
        if not pos:
            return np.zeros(0, dtype=np.int64)
        if starts is None:
            if len(encoded) == len(joined):  # ASCII: byte offsets are character offsets
                newlines = np.flatnonzero(np.frombuffer(encoded, dtype=np.uint8) == 10)
                starts = np.concatenate(([0], newlines + 1))
            else:
                lengths = np.fromiter(map(len, arr), dtype=np.int64, count=n)
                starts = np.zeros(n, dtype=np.int64)
                np.cumsum(lengths[:-1] + 1, out=starts[1:])
        return np.unique(np.searchsorted(starts, np.asarray(pos, dtype=np.int64), side="right") - 1)

    special = np.zeros(n, dtype=bool)
    for pattern in _bad_separator_patterns(fmt.decimal, fmt.thousands):
        bad = lines_of(pattern)
        special[bad] = True
        codes[bad] = _INV
    plain = "0123456789+-" + fmt.decimal + thousands
    other = np.zeros(0, dtype=np.int64)
    if encoded.translate(None, (plain + "\n").encode("utf-8")):
        other = lines_of(f"[^{re.escape(plain)}\n]+")
        special[other] = True

    def convert(text: str) -> str:
        for ch in thousands:
            text = text.replace(ch, "")
        return text.replace(fmt.decimal, ".") if fmt.decimal != "." else text

    # whole-cell markers and empty cells become "nan" by literal replacement over the whole text
    # (two passes, because neighbouring lines share the newline between them)
    conv = "\n" + convert(joined) + "\n"
    for marker in {convert(m) for m in fmt.zero + fmt.suppressed + fmt.missing} | {""}:
        if "\n" + marker + "\n" in conv:
            for _ in range(2):
                conv = conv.replace("\n" + marker + "\n", "\nnan\n")
    parts = np.array(conv[1:-1].split("\n"), dtype=object)
    parts[special] = "nan"
    try:
        values = parts.astype(np.float64)
    except ValueError:  # plain but malformed cells such as "1,2,3" or "+": slower conversion
        values = pd.to_numeric(parts, errors="coerce").astype(np.float64)
    values[special] = np.nan
    # the cells without a number: markers, or invalid (the few "other" cells are checked below)
    empty = np.flatnonzero(np.isnan(values))
    if len(empty):
        kind = np.full(len(empty), _INV, dtype=np.int8)
        texts = arr[empty]
        for code, markers in ((_ZERO, fmt.zero), (_SUPP, fmt.suppressed), (_MISS, fmt.missing)):
            if markers:
                kind[np.isin(texts, np.array(list(markers), dtype=object))] = code
        codes[empty] = kind
        values[empty[kind == _ZERO]] = 0.0

    if len(other):  # cells with other characters: full check one by one (they are few)
        full = re.compile(_number_regex(fmt.decimal, fmt.thousands))
        zero, supp, miss = set(fmt.zero), set(fmt.suppressed), set(fmt.missing)
        drop = str.maketrans("", "", thousands + _WS)
        for i in other:
            t = arr[i].strip(_WS)
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


# --------------------------------------------------------------------------------------------
# Reading
# --------------------------------------------------------------------------------------------


@dataclass
class AtlasTable:
    """A tidy indicator table plus the report of how it was read."""

    data: pd.DataFrame
    report: AtlasReport

    def wide(self, value: str = "value", sep: str = "_") -> pd.DataFrame:
        """One row per unit, columns ``<indicator><sep><year>`` (see :func:`to_wide`)."""
        return to_wide(self.data, value=value, sep=sep)


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


def _split_unquoted(text: str, delimiter: str, skip_rows: int) -> tuple[pd.DataFrame, np.ndarray] | None:
    """Fast path for files without quotes and with the same number of fields on every non-blank line.

    Returns ``(cells, line_numbers)`` of the non-blank lines (header first), or None when the file
    needs the full CSV parser (quotes, ragged rows, multi-character delimiter).
    """
    if '"' in text or len(delimiter) != 1:
        return None
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    encoded = np.frombuffer(text.encode("utf-8"), dtype=np.uint8)
    newlines = np.flatnonzero(encoded == 10)
    starts = np.concatenate(([0], newlines + 1))[skip_rows:]
    ends = np.concatenate((newlines, [len(encoded)]))[skip_rows:]
    delims = np.flatnonzero(encoded == ord(delimiter))
    counts = np.searchsorted(delims, ends) - np.searchsorted(delims, starts)
    nonblank = np.flatnonzero((ends - starts) > counts)  # not empty and not delimiters only
    if not len(nonblank) or (counts[nonblank] != counts[nonblank[0]]).any():
        return None
    lines = text.split("\n")[skip_rows:]
    cells = delimiter.join([lines[i] for i in nonblank]).split(delimiter)
    mat = np.array(cells, dtype=object).reshape(len(nonblank), int(counts[nonblank[0]]) + 1)
    return pd.DataFrame(mat), nonblank + 1 + skip_rows


def _read_raw(text: str, delimiter: str, skip_rows: int, file: str) -> tuple[list[str], pd.DataFrame, np.ndarray]:
    """Header names, string cells and the file row number of each data row."""
    fast = _split_unquoted(text, delimiter, skip_rows)
    if fast is not None:
        raw, line_no = fast
        nonblank = np.ones(len(raw), dtype=bool)
    else:
        raw, line_no, nonblank = _read_raw_pandas(text, delimiter, skip_rows, file)
    if not nonblank.any():
        raise EmptyTableError("the file has no header and no data.", file=file)
    first = int(np.flatnonzero(nonblank)[0])
    header = [h.lstrip("\ufeff").strip() for h in raw.iloc[first].tolist()]
    body = raw.iloc[first + 1 :]
    rows = line_no[first + 1 :]
    keep = nonblank[first + 1 :]
    if not keep.all():
        body, rows = body.loc[keep], rows[keep]
    # drop trailing unnamed, entirely empty columns (a trailing delimiter)
    keep_cols = [i for i, h in enumerate(header) if h or (body.iloc[:, i] != "").any()]
    for i, h in enumerate(header):
        if not h and i in keep_cols:
            header[i] = f"column_{i + 1}"
    header = [header[i] for i in keep_cols]
    if len(keep_cols) < body.shape[1]:
        body = body.iloc[:, keep_cols]
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
    body.columns = header
    body = body.reset_index(drop=True)
    if body.empty:
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
    report = AtlasReport()
    for t in tables:
        report.extend(t.report)
    data = _concat_frames([t.data for t in tables])
    dup = _duplicated(data)
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
    return AtlasTable(data, report)


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
    # stripped copies of the few text columns (assigning into ``body`` would copy its whole block)
    label_col = name_column or next((h for h in header if h != key_column), key_column)
    text_cols = {
        c: body[c].str.strip()
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
        body = body.loc[~empty_key].reset_index(drop=True)
        text_cols = {c: v[~empty_key].reset_index(drop=True) for c, v in text_cols.items()}
        rows = rows[~empty_key]
        if body.empty:
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
        cells = body[val_col]
        if (indicators_txt == "").any():
            i = int(np.flatnonzero((indicators_txt == "").to_numpy())[0])
            raise AtlasInputError("empty indicator name.", file=file, column=ind_col, row=int(rows[i]))
        fmt = _resolve_format(cells, delimiter, decimal, thousands, number_format, report, file)
        parsed = parse_numbers(cells, fmt)
        val_arr = cells.to_numpy(dtype=object)
        _report_cells(report, file, parsed.codes.reshape(-1, 1), lambda r, c: val_arr[r], rows, [val_col], count=False)
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
                "row": rows,
            }
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
        mat = body.to_numpy(dtype=object)
        stacked = (
            mat[:, col_pos]
            if col_pos != list(range(col_pos[0], col_pos[0] + len(col_pos)))
            else mat[:, col_pos[0] : col_pos[0] + len(col_pos)]
        ).ravel()
        fmt = _resolve_format(stacked, delimiter, decimal, thousands, number_format, report, file)
        parsed = parse_numbers(stacked, fmt)
        all_vcols = list(vcols)
        codes = parsed.codes.reshape(len(body), len(vcols))
        values = parsed.values.reshape(len(body), len(vcols))
        if not explicit:
            text_only = [
                j
                for j in range(len(vcols))
                if (codes[:, j] == _INV).any() and not np.isin(codes[:, j], (_OK, _ZERO, _SUPP)).any()
            ]
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
        cells_2d = stacked.reshape(len(body), -1)  # a view: no copy
        kept = [all_vcols.index(c) for c in vcols]
        _report_cells(report, file, codes, lambda r, c: cells_2d[r, kept[c]], rows, vcols)
        n_rows, n_ind = codes.shape
        dup_key = pd.DataFrame({"unit_key": text_cols[key_column].to_numpy(), "year": years})
        dup = dup_key.duplicated(keep=False).to_numpy()
        if dup.any():
            d = dup_key.loc[dup].assign(row=rows[dup], source=file)
            _raise_table_duplicates(d, file, "unit and year")
        data = pd.DataFrame(
            {
                "unit_key": _categorical(text_cols[key_column], repeat=n_ind),
                "year": np.repeat(years, n_ind),
                "indicator": pd.Categorical.from_codes(np.tile(np.arange(n_ind), n_rows), categories=vcols),
                "value": values.ravel(),
                "flag": pd.Categorical.from_codes(codes.ravel(), categories=list(FLAGS)),
                "source": pd.Categorical.from_codes(np.zeros(n_rows * n_ind, dtype=np.int8), [file]),
                "row": np.repeat(rows, n_ind),
            }
        )
        if name_column:
            data.insert(1, "unit_name", _categorical(text_cols[name_column], repeat=n_ind))
        n_ind = len(vcols)
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
    return AtlasTable(data, report)


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


def _categorical(values: pd.Series, repeat: int = 1) -> pd.Categorical:
    """Strings as a categorical with categories in order of first appearance (each value repeated)."""
    codes, uniques = pd.factorize(values)
    if repeat > 1:
        codes = np.repeat(codes, repeat)
    return pd.Categorical.from_codes(codes, categories=pd.Index(uniques, dtype=object))


def _concat_frames(frames: Sequence[pd.DataFrame]) -> pd.DataFrame:
    """Concatenate tidy frames keeping categorical columns categorical (union of categories)."""
    out = pd.concat(frames, ignore_index=True)
    for c in frames[0].columns:
        if all(isinstance(f[c].dtype, pd.CategoricalDtype) for f in frames) and not isinstance(
            out[c].dtype, pd.CategoricalDtype
        ):
            out[c] = pd.api.types.union_categoricals([f[c] for f in frames], ignore_order=True)
    return out


def _indicator_codes(indicator: pd.Series) -> tuple[np.ndarray, list]:
    if isinstance(indicator.dtype, pd.CategoricalDtype):
        return indicator.cat.codes.to_numpy().astype(np.int64), list(indicator.cat.categories)
    codes, uniques = pd.factorize(indicator)
    return codes.astype(np.int64), list(uniques)


def _duplicated(data: pd.DataFrame, index: str = "unit_key") -> np.ndarray:
    """Mask of rows whose (unit, year, indicator) occurs more than once (integer codes, no string hashing twice)."""
    u, _ = pd.factorize(data[index])
    y, _ = pd.factorize(data["year"])
    i, _ = _indicator_codes(data["indicator"])
    key = (u.astype(np.int64) * (int(y.max()) + 1) + y) * (int(i.max()) + 1) + i
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
    u_codes, units = pd.factorize(long[index])
    units = np.asarray(units, dtype=object)
    i_codes, ind_names = _indicator_codes(long["indicator"])
    years, y_codes = np.unique(long["year"].to_numpy(), return_inverse=True)
    n_units, n_years = len(units), len(years)
    n_cols = len(ind_names) * n_years
    lin = u_codes.astype(np.int64) * n_cols + i_codes * n_years + y_codes
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
    out = out.reshape(n_units, n_cols)[:, present]
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
    codes, uniques = pd.factorize(data[table_field])
    uniques = [str(u) for u in uniques]
    res = match_units(
        uniques,
        districts[id_column],
        districts[name_column] if name_column else None,
        by=by,
        strip_leading_zeros=strip_leading_zeros,
    )
    district_ids = list(normalise_id(districts[id_column]))
    position = {d: i for i, d in enumerate(district_ids)}
    # per unique key → position in the district list; the trailing -1 serves code -1 (missing key)
    to_district = np.array([position.get(res.district_of.get(k), -1) for k in uniques] + [-1], dtype=np.int64)
    district_codes = to_district[codes]
    unmatched_mask = district_codes < 0
    report = AtlasReport()
    report.extend(table.report)
    cols = ["source", "row", "unit_key"] + (["unit_name"] if "unit_name" in data.columns else [])
    um = data.loc[unmatched_mask, cols].drop_duplicates(["source", "row"]).reset_index(drop=True)
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
        out = data.copy()
    out.insert(0, "district_id", pd.Categorical.from_codes(district_codes, categories=district_ids))
    return AtlasTable(out, report)
