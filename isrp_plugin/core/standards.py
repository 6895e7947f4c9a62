"""Catalogue of planning standards per facility type (Kita, school, playground, youth club ...).

The catalogue is a UTF-8 CSV the city edits (shipped default: ``resources/catalogues/standards.csv``).
One row per facility type:

=================  ===========================================================================
column             meaning
=================  ===========================================================================
id                 stable key, lowercase letters, digits and ``_`` (e.g. ``kita_u3``)
label_de/label_en  display names
target_group       age bands of the atlas, optionally with a share factor, joined by ``+``:
                   ``pop_3_6``, ``2/3*pop_0_3`` (ages 1-<3 out of the band 0-<3),
                   ``pop_6_10 + 0.25*pop_10_18``. Bands: see :data:`AGE_BANDS`.
standard_value     number > 0, or empty = user-defined (must be set before coverage is computed)
standard_unit      ``places_per_100`` | ``places_per_1000`` | ``m2_per_inhabitant`` (per person of
                   the target group)
catchment_value    number > 0 (the 2SFCA catchment d0, the MCLP coverage distance)
catchment_unit     ``m`` (network or straight-line metres) | ``min`` (minutes)
decay              distance decay for E2SFCA, see :func:`isrp_plugin.core.coverage.parse_decay`
source             where the default comes from
note               caveats; every shipped default says "verify locally"
=================  ===========================================================================

Reading accepts ``,`` or ``;`` as separator and a decimal comma (``62,5``). Every problem of a
catalogue is collected and raised together in one :class:`StandardsError`, each line naming the
file line, the standard id and the field.
"""

from __future__ import annotations

import csv
import io
import math
import re
from dataclasses import dataclass, replace
from fractions import Fraction
from pathlib import Path
from typing import Dict, Iterable, List, Mapping, Optional, Tuple, Union

import pandas as pd

from .coverage import parse_decay

#: Age bands of the social-structure atlas (persons aged lower-<upper; ``pop_80p`` = 80 and older).
AGE_BANDS: Tuple[str, ...] = (
    "pop_0_3",
    "pop_3_6",
    "pop_6_10",
    "pop_10_18",
    "pop_18_27",
    "pop_27_65",
    "pop_65_80",
    "pop_80p",
)

#: Supply units per person of the target group for each standard unit.
STANDARD_UNITS: Dict[str, float] = {
    "places_per_100": 0.01,
    "places_per_1000": 0.001,
    "m2_per_inhabitant": 1.0,
}

CATCHMENT_UNITS: Tuple[str, ...] = ("m", "min")

FIELDS: Tuple[str, ...] = (
    "id",
    "label_de",
    "label_en",
    "target_group",
    "standard_value",
    "standard_unit",
    "catchment_value",
    "catchment_unit",
    "decay",
    "source",
    "note",
)

_ID_RE = re.compile(r"^[a-z][a-z0-9_]*$")


class StandardsError(ValueError):
    """One or more problems in a standards catalogue; ``problems`` lists them one per line."""

    def __init__(self, problems: List[str]):  # noqa: D107
        self.problems = list(problems)
        super().__init__("Standards catalogue has errors:\n  " + "\n  ".join(self.problems))


@dataclass(frozen=True)
class Standard:
    """Planning standard of one facility type (one catalogue row)."""

    id: str
    label_de: str
    label_en: str
    target_bands: Tuple[Tuple[str, float], ...]
    standard_value: Optional[float]
    standard_unit: str
    catchment_value: float
    catchment_unit: str
    decay: str = "none"
    source: str = ""
    note: str = ""

    @property
    def target_group(self) -> str:
        """The target group as catalogue text (``2/3*pop_0_3 + pop_3_6``)."""
        return format_target_group(self.target_bands)

    @property
    def per_person(self) -> float:
        """Supply units needed per person of the target group (e.g. 0.65 places per child)."""
        if self.standard_value is None:
            raise ValueError(
                f"Standard '{self.id}' ({self.label_en}) has no standard value (user-defined): "
                "set standard_value in the standards catalogue before computing coverage."
            )
        return self.standard_value * STANDARD_UNITS[self.standard_unit]

    def target_population(self, frame: pd.DataFrame) -> pd.Series:
        """Target population per row of an atlas or demand table: sum of share x band column."""
        missing = [band for band, _ in self.target_bands if band not in frame.columns]
        if missing:
            raise ValueError(
                f"Standard '{self.id}' needs the age band column(s) {', '.join(missing)}, "
                f"which the table does not have (columns: {', '.join(map(str, frame.columns))})."
            )
        total = pd.Series(0.0, index=frame.index)
        for band, share in self.target_bands:
            values = pd.to_numeric(frame[band], errors="coerce")
            if values.isna().any():
                raise ValueError(
                    f"Standard '{self.id}': column {band} has {int(values.isna().sum())} missing or non-numeric values."
                )
            total = total + share * values.astype(float)
        return total

    def need(self, frame: pd.DataFrame) -> pd.Series:
        """Need per row: target population x standard per person."""
        return self.target_population(frame) * self.per_person

    def decay_function(self):
        """The distance-decay object for this standard's catchment (see ``coverage.parse_decay``)."""
        return parse_decay(self.decay, self.catchment_value)


# --------------------------------------------------------------------------------------------
# target group text
# --------------------------------------------------------------------------------------------


def _parse_factor(text: str) -> float:
    text = text.strip().replace(",", ".")
    if "/" in text:
        num, den = text.split("/", 1)
        return float(Fraction(int(num.strip()), int(den.strip())))
    return float(text)


def parse_target_group(text: str) -> Tuple[Tuple[str, float], ...]:
    """``"2/3*pop_0_3 + pop_3_6"`` -> ``(("pop_0_3", 0.666...), ("pop_3_6", 1.0))``.

    Raises ``ValueError`` naming an unknown band or a share outside (0, 1].
    """
    terms: List[Tuple[str, float]] = []
    if not text or not text.strip():
        raise ValueError("target_group is empty; give at least one age band, e.g. pop_3_6.")
    for raw in text.split("+"):
        term = raw.strip()
        if not term:
            raise ValueError(f"target_group '{text}' has an empty term.")
        if "*" in term:
            factor_txt, band = (s.strip() for s in term.split("*", 1))
            try:
                share = _parse_factor(factor_txt)
            except (ValueError, ZeroDivisionError):
                raise ValueError(f"target_group '{text}': share '{factor_txt}' is not a number or fraction.") from None
        else:
            band, share = term, 1.0
        if band not in AGE_BANDS:
            raise ValueError(f"target_group '{text}': unknown age band '{band}' (known: {', '.join(AGE_BANDS)}).")
        if not (0.0 < share <= 1.0):
            raise ValueError(f"target_group '{text}': share {share:g} of {band} must lie in (0, 1].")
        if any(b == band for b, _ in terms):
            raise ValueError(f"target_group '{text}': age band {band} appears twice.")
        terms.append((band, share))
    return tuple(terms)


def _format_factor(share: float) -> str:
    frac = Fraction(share).limit_denominator(100)
    if float(frac) == share and frac.denominator != 1:
        return f"{frac.numerator}/{frac.denominator}"
    return repr(share) if share != int(share) else str(int(share))


def format_target_group(bands: Iterable[Tuple[str, float]]) -> str:
    """Inverse of :func:`parse_target_group`."""
    return " + ".join(band if share == 1.0 else f"{_format_factor(share)}*{band}" for band, share in bands)


# --------------------------------------------------------------------------------------------
# validation
# --------------------------------------------------------------------------------------------


def standard_problems(std: Standard) -> List[Tuple[str, str]]:
    """Problems of one standard as ``(field, problem)`` pairs (empty list = valid).

    The problem text names the field but not the standard, so that a caller can say where it is
    (a file line, a table row and column).
    """
    problems: List[Tuple[str, str]] = []
    if not std.id:
        problems.append(("id", "id is empty; give the facility type a key such as kita_u3."))
    elif not _ID_RE.match(std.id):
        problems.append(("id", "id must start with a lowercase letter and use only a-z, 0-9 and _."))
    if not std.label_de.strip() and not std.label_en.strip():
        problems.append(("label_en", "label_de and label_en are both empty."))
    if not std.target_bands:
        problems.append(("target_group", "target_group is empty; give at least one age band, e.g. pop_3_6."))
    for band, share in std.target_bands:
        if band not in AGE_BANDS:
            problems.append(
                ("target_group", f"unknown age band '{band}' in target_group (known: {', '.join(AGE_BANDS)}).")
            )
        if not (0.0 < share <= 1.0):
            problems.append(("target_group", f"share {share:g} of age band {band} must lie in (0, 1]."))
    if std.standard_value is not None and not (math.isfinite(std.standard_value) and std.standard_value > 0):
        problems.append(
            (
                "standard_value",
                f"standard_value must be a number > 0 (or empty for user-defined), got {std.standard_value:g}.",
            )
        )
    if std.standard_unit not in STANDARD_UNITS:
        problems.append(
            ("standard_unit", f"unknown standard_unit '{std.standard_unit}' (use {', '.join(STANDARD_UNITS)}).")
        )
    catchment_ok = math.isfinite(std.catchment_value) and std.catchment_value > 0
    if not catchment_ok:
        problems.append(("catchment_value", f"catchment_value must be a number > 0, got {std.catchment_value:g}."))
    if std.catchment_unit not in CATCHMENT_UNITS:
        problems.append(
            ("catchment_unit", f"unknown catchment_unit '{std.catchment_unit}' (use {', '.join(CATCHMENT_UNITS)}).")
        )
    if catchment_ok:
        try:
            parse_decay(std.decay, std.catchment_value)
        except ValueError as exc:
            problems.append(("decay", f"decay: {exc}"))
    return problems


def validate_standard(std: Standard) -> List[str]:
    """Problems of one standard as plain-English lines (empty list = valid)."""
    sid = std.id or "<no id>"
    return [f"'{sid}': {problem}" for _, problem in standard_problems(std)]


def validate_standards(standards: Iterable[Standard]) -> None:
    """Raise :class:`StandardsError` listing every problem (including repeated ids)."""
    problems: List[str] = []
    seen: Dict[str, int] = {}
    for std in standards:
        problems.extend(validate_standard(std))
        seen[std.id] = seen.get(std.id, 0) + 1
    problems.extend(f"'{sid}': id is used {n} times." for sid, n in seen.items() if n > 1)
    if problems:
        raise StandardsError(problems)


# --------------------------------------------------------------------------------------------
# CSV
# --------------------------------------------------------------------------------------------


def _parse_number(text: str, field_name: str, allow_empty: bool) -> Optional[float]:
    text = (text or "").strip()
    if not text:
        if allow_empty:
            return None
        raise ValueError(f"{field_name} is empty.")
    if "," in text and "." not in text:
        text = text.replace(",", ".")
    try:
        return float(text)
    except ValueError:
        raise ValueError(f"{field_name} '{text}' is not a number.") from None


def standard_from_row(row: Mapping[str, str]) -> Tuple[Optional[Standard], List[Tuple[str, str]]]:
    """One catalogue row (column name -> text, as in the CSV) as ``(standard, problems)``.

    ``problems`` are ``(field, problem)`` pairs as in :func:`standard_problems`; the standard is
    ``None`` when a cell cannot be read at all (target group or a number), otherwise it is built
    and checked. Used for CSV files and for the table editor of the GUI alike.
    """
    row = {f: (row.get(f) or "").strip() for f in FIELDS}
    problems: List[Tuple[str, str]] = []
    bands: Tuple[Tuple[str, float], ...] = ()
    try:
        bands = parse_target_group(row["target_group"])
    except ValueError as exc:
        problems.append(("target_group", str(exc)))
    values: Dict[str, Optional[float]] = {}
    for name, allow_empty in (("standard_value", True), ("catchment_value", False)):
        try:
            values[name] = _parse_number(row[name], name, allow_empty)
        except ValueError as exc:
            problems.append((name, str(exc)))
    if problems:
        return None, problems
    std = Standard(
        id=row["id"],
        label_de=row["label_de"],
        label_en=row["label_en"],
        target_bands=bands,
        standard_value=values["standard_value"],
        standard_unit=row["standard_unit"],
        catchment_value=float(values["catchment_value"]),  # type: ignore[arg-type]
        catchment_unit=row["catchment_unit"],
        decay=row["decay"] or "none",
        source=row["source"],
        note=row["note"],
    )
    return std, standard_problems(std)


def parse_standards_csv(text: str, origin: str = "standards.csv") -> Dict[str, Standard]:
    """Parse catalogue CSV text; raise :class:`StandardsError` with every problem found."""
    text = text.lstrip("\ufeff")
    first = text.splitlines()[0] if text.strip() else ""
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    header = [h.strip() for h in (reader.fieldnames or [])]
    missing = [f for f in FIELDS if f not in header]
    if missing:
        raise StandardsError([f"{origin}: missing column(s) {', '.join(missing)} (expected: {', '.join(FIELDS)})."])
    problems: List[str] = []
    standards: List[Standard] = []
    for line_no, row in enumerate(reader, start=2):
        row = {(k or "").strip(): (v or "").strip() for k, v in row.items() if k is not None}
        if not any(row.values()):
            continue
        sid = row.get("id", "") or f"<line {line_no}>"
        std, row_problems = standard_from_row(row)
        problems.extend(f"{origin} line {line_no}: '{sid}': {p}" for _, p in row_problems)
        if std is not None:
            standards.append(std)
    ids = [s.id for s in standards]
    problems.extend(f"{origin}: id '{i}' is used {ids.count(i)} times." for i in sorted(set(ids)) if ids.count(i) > 1)
    if problems:
        raise StandardsError(problems)
    return {s.id: s for s in standards}


def read_standards(path: Union[str, Path]) -> Dict[str, Standard]:
    """Read and validate a catalogue file (UTF-8, with or without BOM), keyed by id in file order."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise StandardsError([f"{path.name}: not UTF-8 text ({exc}); save the catalogue as UTF-8."]) from None
    return parse_standards_csv(text, origin=path.name)


def _format_number(value: Optional[float]) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def standards_to_csv(standards: Iterable[Standard]) -> str:
    """Catalogue CSV text (``,``-separated, ``.`` decimals) of validated standards."""
    standards = list(standards)
    validate_standards(standards)
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(FIELDS)
    for s in standards:
        writer.writerow(
            [
                s.id,
                s.label_de,
                s.label_en,
                s.target_group,
                _format_number(s.standard_value),
                s.standard_unit,
                _format_number(s.catchment_value),
                s.catchment_unit,
                s.decay,
                s.source,
                s.note,
            ]
        )
    return buf.getvalue()


def write_standards(standards: Iterable[Standard], path: Union[str, Path]) -> None:
    """Validate and write a catalogue as UTF-8 CSV."""
    Path(path).write_text(standards_to_csv(standards), encoding="utf-8")


def default_catalogue_path() -> Path:
    """Path of the shipped catalogue (resources/ beside the package in the repo, inside it in the ZIP)."""
    pkg = Path(__file__).resolve().parents[1]
    for base in (pkg / "resources", pkg.parent / "resources"):
        candidate = base / "catalogues" / "standards.csv"
        if candidate.exists():
            return candidate
    return pkg.parent / "resources" / "catalogues" / "standards.csv"


def load_default_standards() -> Dict[str, Standard]:
    """The shipped default catalogue (defaults to verify locally)."""
    return read_standards(default_catalogue_path())


def with_value(std: Standard, standard_value: float) -> Standard:
    """A copy of ``std`` with a (user-defined) standard value, validated."""
    new = replace(std, standard_value=float(standard_value))
    problems = validate_standard(new)
    if problems:
        raise StandardsError(problems)
    return new


__all__ = [
    "AGE_BANDS",
    "CATCHMENT_UNITS",
    "FIELDS",
    "STANDARD_UNITS",
    "Standard",
    "StandardsError",
    "default_catalogue_path",
    "format_target_group",
    "load_default_standards",
    "parse_standards_csv",
    "parse_target_group",
    "read_standards",
    "standard_from_row",
    "standard_problems",
    "standards_to_csv",
    "validate_standard",
    "validate_standards",
    "with_value",
]
