"""Indicator catalogue, rates from counts, and aggregation to social spaces and the city.

The catalogue (``resources/catalogues/indicators.csv``, editable by the city) lists every indicator
with ``id``, ``label_de``, ``label_en``, ``kind`` (``count`` or ``rate``), ``numerator`` and
``denominator`` (count ids, rates only), ``factor`` (100 for percent, 1000 for per mille),
``unit``, ``polarity`` (``higher_worse``, ``higher_better`` or ``neutral`` for descriptive
indicators such as age shares, which have no direction) and ``source``.

Aggregation rule (DOMAIN §2): counts are **summed** over the units of a group, rates are
**recomputed** from the summed numerators and denominators — never averaged. A group's count is
missing (NaN) when any of its units has no value (an incomplete sum is not a total), unless
``skipna=True``. A rate whose denominator is 0 or missing is NaN (not infinity).
"""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, Mapping, Sequence

import numpy as np
import pandas as pd

__all__ = [
    "KINDS",
    "POLARITIES",
    "AggregationError",
    "Indicator",
    "IndicatorCatalogue",
    "IndicatorCatalogueError",
    "aggregate",
    "compute_rate",
    "compute_rates",
    "default_catalogue_path",
    "load_catalogue",
]

KINDS = ("count", "rate")
POLARITIES = ("higher_worse", "higher_better", "neutral")
CATALOGUE_COLUMNS = (
    "id",
    "label_de",
    "label_en",
    "kind",
    "numerator",
    "denominator",
    "factor",
    "unit",
    "polarity",
    "source",
)


class IndicatorCatalogueError(ValueError):
    """The indicator catalogue is malformed (message names file, row and column)."""


class AggregationError(ValueError):
    """Counts cannot be aggregated as asked (unknown columns, unmapped units, missing numerators)."""


@dataclass(frozen=True)
class Indicator:
    """One catalogue entry."""

    id: str
    label_de: str
    label_en: str
    kind: str
    numerator: str | None = None
    denominator: str | None = None
    factor: float | None = None
    unit: str = ""
    polarity: str = "neutral"
    source: str = ""

    @property
    def is_rate(self) -> bool:
        """True for rates (numerator / denominator × factor)."""
        return self.kind == "rate"


class IndicatorCatalogue(Mapping[str, Indicator]):
    """Ordered, read-only mapping id → :class:`Indicator` with a few helpers."""

    def __init__(self, indicators: Iterable[Indicator], *, source: str = "<catalogue>") -> None:
        self._items: dict[str, Indicator] = {}
        for ind in indicators:
            if ind.id in self._items:
                raise IndicatorCatalogueError(f"{source}: indicator id '{ind.id}' occurs twice.")
            self._items[ind.id] = ind
        self.source = source
        self._validate()

    def __getitem__(self, key: str) -> Indicator:
        return self._items[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def counts(self) -> list[str]:
        """Ids of count indicators, in catalogue order."""
        return [i for i, ind in self._items.items() if ind.kind == "count"]

    def rates(self) -> list[str]:
        """Ids of rate indicators, in catalogue order."""
        return [i for i, ind in self._items.items() if ind.kind == "rate"]

    def to_frame(self) -> pd.DataFrame:
        """The catalogue as a DataFrame indexed by id."""
        rows = [{c: getattr(ind, c) for c in CATALOGUE_COLUMNS} for ind in self._items.values()]
        return pd.DataFrame(rows, columns=list(CATALOGUE_COLUMNS)).set_index("id")

    def _validate(self) -> None:
        for ind in self._items.values():
            where = f"{self.source}: indicator '{ind.id}'"
            if ind.kind not in KINDS:
                raise IndicatorCatalogueError(f"{where}: kind '{ind.kind}' is not one of {', '.join(KINDS)}.")
            if ind.polarity not in POLARITIES:
                raise IndicatorCatalogueError(
                    f"{where}: polarity '{ind.polarity}' is not one of {', '.join(POLARITIES)}."
                )
            if ind.kind == "rate":
                for role in ("numerator", "denominator"):
                    ref = getattr(ind, role)
                    if not ref:
                        raise IndicatorCatalogueError(f"{where}: a rate needs a {role}.")
                    if ref not in self._items or self._items[ref].kind != "count":
                        raise IndicatorCatalogueError(f"{where}: {role} '{ref}' is not a count in the catalogue.")
                if ind.factor is None or not ind.factor > 0:
                    raise IndicatorCatalogueError(f"{where}: factor must be a positive number.")


def default_catalogue_path() -> Path:
    """``resources/catalogues/indicators.csv`` (repository layout or inside the built plugin)."""
    here = Path(__file__).resolve()
    candidates = [
        here.parents[1] / "resources" / "catalogues" / "indicators.csv",  # built plugin: isrp_plugin/resources
        here.parents[2] / "resources" / "catalogues" / "indicators.csv",  # repository: resources/ beside package
    ]
    for c in candidates:
        if c.exists():
            return c
    return candidates[-1]


def load_catalogue(path: str | Path | None = None) -> IndicatorCatalogue:
    """Read and validate an indicator catalogue CSV (UTF-8, comma-separated, header as documented)."""
    path = Path(path) if path is not None else default_catalogue_path()
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise IndicatorCatalogueError(f"cannot read the indicator catalogue '{path}': {exc.strerror or exc}") from exc
    reader = csv.DictReader(text.splitlines())
    missing = [c for c in CATALOGUE_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise IndicatorCatalogueError(f"{path.name}: missing column(s) {', '.join(missing)}.")
    items = []
    for row_no, row in enumerate(reader, start=2):
        rid = (row["id"] or "").strip()
        if not rid:
            raise IndicatorCatalogueError(f"{path.name}: row {row_no}: empty id.")
        factor_txt = (row["factor"] or "").strip()
        try:
            factor = float(factor_txt) if factor_txt else None
        except ValueError as exc:
            raise IndicatorCatalogueError(
                f"{path.name}: row {row_no}, column 'factor': '{factor_txt}' is not a number."
            ) from exc
        items.append(
            Indicator(
                id=rid,
                label_de=row["label_de"].strip(),
                label_en=row["label_en"].strip(),
                kind=row["kind"].strip(),
                numerator=(row["numerator"] or "").strip() or None,
                denominator=(row["denominator"] or "").strip() or None,
                factor=factor,
                unit=(row["unit"] or "").strip(),
                polarity=(row["polarity"] or "").strip(),
                source=(row["source"] or "").strip(),
            )
        )
    return IndicatorCatalogue(items, source=path.name)


def compute_rate(numerator, denominator, factor: float = 100.0):
    """``numerator / denominator × factor``; NaN where the denominator is 0, negative or missing.

    Works on scalars, numpy arrays and pandas objects (pandas in, pandas out).
    """
    if np.isscalar(numerator) and np.isscalar(denominator):
        if denominator is None or numerator is None:
            return math.nan
        n, d = float(numerator), float(denominator)
        return n / d * factor if d > 0 and not math.isnan(n) else math.nan
    num = numerator.astype(float) if hasattr(numerator, "astype") else np.asarray(numerator, dtype=float)
    den = denominator.astype(float) if hasattr(denominator, "astype") else np.asarray(denominator, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        out = num / den * factor
    bad = ~(den > 0)
    if isinstance(out, (pd.Series, pd.DataFrame)):
        return out.mask(bad)
    out = np.asarray(out, dtype=float)
    out[np.asarray(bad)] = np.nan
    return out


def compute_rates(
    counts: pd.DataFrame,
    catalogue: IndicatorCatalogue | None = None,
    rates: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Compute catalogue rates from count columns (same index as ``counts``).

    ``rates=None`` computes every catalogue rate whose numerator and denominator are columns of
    ``counts``; naming a rate whose counts are missing raises :class:`AggregationError`.
    """
    catalogue = catalogue if catalogue is not None else load_catalogue()
    out = {}
    wanted = list(rates) if rates is not None else catalogue.rates()
    for rid in wanted:
        if rid not in catalogue:
            raise AggregationError(f"rate '{rid}' is not in the indicator catalogue ({catalogue.source}).")
        ind = catalogue[rid]
        if not ind.is_rate:
            raise AggregationError(f"'{rid}' is a count, not a rate.")
        missing = [c for c in (ind.numerator, ind.denominator) if c not in counts.columns]
        if missing:
            if rates is not None:
                raise AggregationError(
                    f"rate '{rid}' needs the count column(s) {', '.join(repr(m) for m in missing)}, "
                    "which are not in the table."
                )
            continue
        out[rid] = compute_rate(counts[ind.numerator], counts[ind.denominator], ind.factor)
    return pd.DataFrame(out, index=counts.index)


def aggregate(
    data: pd.DataFrame,
    mapping: Mapping | pd.Series | None = None,
    *,
    catalogue: IndicatorCatalogue | None = None,
    unit_level: str | int | None = None,
    extra_counts: Sequence[str] = (),
    skipna: bool = False,
    total_label: str = "total",
    group_name: str = "group",
) -> pd.DataFrame:
    """Aggregate unit values to groups: counts summed, rates recomputed from the summed counts.

    ``data``: index = unit ids (or a MultiIndex with a unit level, e.g. (unit, year)); columns =
    catalogue indicator ids (counts, and rates that are recomputed) plus ``extra_counts`` (other
    columns that are counts). Any other column raises :class:`AggregationError` — a percentage that
    is not in the catalogue cannot be aggregated correctly.
    ``mapping``: unit id → group id (dict or Series); ``None`` puts all units in one group
    ``total_label`` (the city). Every unit must be mapped (else :class:`AggregationError` listing the
    unmapped units). Rates in the input are recomputed, which needs their numerator and denominator.

    The result has one row per group (and per value of the other index levels); its index level is
    named ``group_name``. ``result.attrs["n_units"]`` holds the number of units per group and
    ``result.attrs["warnings"]`` notes groups whose counts are missing because a unit lacked a value.
    """
    catalogue = catalogue if catalogue is not None else load_catalogue()
    extra = set(extra_counts)
    count_cols, rate_cols, unknown = [], [], []
    for c in data.columns:
        if c in extra or (c in catalogue and catalogue[c].kind == "count"):
            count_cols.append(c)
        elif c in catalogue and catalogue[c].is_rate:
            rate_cols.append(c)
        else:
            unknown.append(c)
    if unknown:
        raise AggregationError(
            f"column(s) {', '.join(repr(u) for u in unknown)} are not in the indicator catalogue; "
            "pass them in extra_counts if they are counts. Rates and averages cannot be aggregated "
            "without their numerator and denominator."
        )
    for r in rate_cols:
        ind = catalogue[r]
        missing = [c for c in (ind.numerator, ind.denominator) if c not in count_cols]
        if missing:
            raise AggregationError(
                f"rate '{r}' cannot be aggregated: its count column(s) {', '.join(repr(m) for m in missing)} "
                "are missing (rates are recomputed from summed counts, never averaged)."
            )

    idx = data.index
    if isinstance(idx, pd.MultiIndex):
        level = unit_level if unit_level is not None else 0
        units = idx.get_level_values(level)
        level_pos = level if isinstance(level, int) else idx.names.index(level)
        other = [n for i, n in enumerate(idx.names) if i != level_pos]
        others = [idx.get_level_values(n) for n in other]
    else:
        units = idx
        other, others = [], []

    if mapping is None:
        groups = pd.Index([total_label] * len(units))
    else:
        m = mapping if isinstance(mapping, pd.Series) else pd.Series(dict(mapping), dtype=object)
        groups = pd.Index(units.map(m))
        unmapped = sorted({str(u) for u, g in zip(units, groups) if pd.isna(g)})
        if unmapped:
            raise AggregationError(
                f"{len(unmapped)} unit(s) have no group in the mapping: {', '.join(repr(u) for u in unmapped[:20])}"
                + (" …" if len(unmapped) > 20 else "")
                + "."
            )
    keys = [pd.Index(groups, name=group_name)] + [pd.Index(o, name=n) for o, n in zip(others, other)]
    counts = data[count_cols].astype(float)
    grouped = counts.groupby(keys, sort=True)
    summed = grouped.sum(min_count=1)
    warnings = []
    if not skipna:
        has_nan = counts.isna().groupby(keys, sort=True).any()
        if has_nan.to_numpy().any():
            for g, row in has_nan.iterrows():
                cols = [c for c in count_cols if row[c]]
                if cols:
                    warnings.append(f"group {g}: {', '.join(cols)} missing because at least one unit has no value.")
        summed = summed.mask(has_nan)
    n_units = grouped.size()
    result = summed
    if rate_cols:
        rates = compute_rates(summed, catalogue, rate_cols)
        result = pd.concat([summed, rates], axis=1)
    result = result[[c for c in data.columns]]
    result.attrs["n_units"] = n_units
    result.attrs["warnings"] = warnings
    return result
