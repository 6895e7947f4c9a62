"""Composite social index after the Berlin "Monitoring Soziale Stadtentwicklung" (MSS) scheme.

Method (defaults reproduce MSS 2021 exactly, see below)
-------------------------------------------------------
1. Status indicators (e.g. unemployment share, transfer benefit share, child poverty), each with a
   polarity: ``higher_worse`` (a high value means a low social status) or ``higher_better``.
2. Units with fewer than ``min_population`` inhabitants (default 300) are left out, as are units in
   an explicit exclusion list (MSS 2021 left out one planning area as an outlier) and units with a
   missing status value. Left-out units get no index value and no class; the reason is recorded.
3. Per indicator: z = (x − mean) / SD over the included units, with the **population** standard
   deviation (ddof = 0).
4. The z-values are summed (signs flipped for ``higher_better``), and the sum is standardised again
   (mean 0, population SD 1) over the same units: that is the status index. Positive = lower status.
5. Status classes: 1 *hoch* (index < −1), 2 *mittel* (−1 … +1), 3 *niedrig* (+1 … +1.5),
   4 *sehr niedrig* (> +1.5).
6. Dynamics: the same steps on the change indicators (change in percentage points over two years),
   over the units of the status index that have complete change values; classes 1 *positiv*
   (< −1), 2 *stabil* (−1 … +1), 3 *negativ* (> +1).
7. Status × dynamics = 12 groups, numbered ``(status − 1) × 3 + dynamics`` (1 … 12) and coded as
   in the MSS tables: ``"1+"``, ``"1+/-"``, ``"1-"``, ``"2+"`` … ``"4-"``.

Conventions and why (checked against MSS 2021, 536 planning areas, data of 31.12.2020)
--------------------------------------------------------------------------------------
* **Standard deviation: population (ddof = 0).** A least-squares fit of the official z-values on
  the published shares gives, for every indicator, a scale whose implied number of units is
  536.0 (sample SD would imply 535). With ddof = 0 our status index differs from the official one
  by at most 0.000009; with ddof = 1 every index value shrinks by sqrt(535/536) and differs by up to
  0.0035 (far beyond the 5 published decimals). The classes happen not to change with ddof = 1 for
  this data; the index values do.
* **Index = standardised sum of z.** Standardising the sum or the mean of the z-values gives the
  same index (standardisation removes the scale). The *unstandardised* mean of z would mis-classify
  5 status and 54 dynamics areas, so the second standardisation matters.
* **Boundaries:** a value exactly on a threshold goes to the class nearer the middle
  (``ties="middle"``: −1 and +1 are *mittel*/*stabil*, +1.5 is *niedrig*), following the wording
  "< −1", "−1 … +1", "> +1.5". The MSS 2021 data cannot decide this: no area lies closer than
  0.0016 to a threshold, so ``ties="upper"``/``"lower"`` give the same classes there. Note that the
  published two-decimal dynamics index shows ±1.00 for three areas in three different classes
  (unrounded −1.0032 *positiv*, +1.0028 *negativ*, −0.9960 *stabil*): classify the unrounded index,
  never a rounded one.
* **Rounding:** none. The official z-values are published to 5 decimals (dynamics partly to 2),
  and the official status sum equals the sum of the rounded z-values; rounding z before summing
  (``round_z=5``) changes no class and moves the index by less than 0.00001. The published shares
  are themselves rounded to 5 decimals whereas the office computed from unrounded shares (the fitted
  means differ by ~4·10⁻⁶), so the index is reproduced to within one unit of its last published
  decimal (status 0.00001, dynamics 0.01), not bit for bit.
* **Exclusion:** "fewer than 300 inhabitants" means population < 300 (a unit with exactly 300 is
  included); the 5 excluded areas have 0–110 inhabitants, the smallest included one 393.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Sequence, Union

import numpy as np
import pandas as pd

__all__ = [
    "DYNAMICS_LABELS_DE",
    "DYNAMICS_LABELS_EN",
    "HIGHER_BETTER",
    "HIGHER_WORSE",
    "STATUS_LABELS_DE",
    "STATUS_LABELS_EN",
    "IndexIndicator",
    "SocialIndexError",
    "SocialIndexResult",
    "change",
    "classify",
    "classify_dynamics",
    "classify_status",
    "combine_classes",
    "composite_index",
    "compute_social_index",
    "zscores",
]

HIGHER_WORSE = "higher_worse"
HIGHER_BETTER = "higher_better"
STATUS_LABELS_DE = {1: "hoch", 2: "mittel", 3: "niedrig", 4: "sehr niedrig"}
STATUS_LABELS_EN = {1: "high", 2: "medium", 3: "low", 4: "very low"}
DYNAMICS_LABELS_DE = {1: "positiv", 2: "stabil", 3: "negativ"}
DYNAMICS_LABELS_EN = {1: "positive", 2: "stable", 3: "negative"}
_DYN_CODE = {1: "+", 2: "+/-", 3: "-"}
STATUS_THRESHOLDS = (-1.0, 1.0, 1.5)
DYNAMICS_THRESHOLDS = (-1.0, 1.0)


class SocialIndexError(ValueError):
    """The index cannot be computed (missing column, too few units, zero variance ...)."""


@dataclass(frozen=True)
class IndexIndicator:
    """An indicator column used in an index, with its polarity."""

    column: str
    polarity: str = HIGHER_WORSE

    def __post_init__(self) -> None:
        if self.polarity not in (HIGHER_WORSE, HIGHER_BETTER):
            raise SocialIndexError(
                f"indicator '{self.column}': polarity must be '{HIGHER_WORSE}' or '{HIGHER_BETTER}', "
                f"not '{self.polarity}'."
            )


IndicatorSpec = Union[str, IndexIndicator, Sequence[str]]


def _as_indicators(specs: Iterable[IndicatorSpec]) -> list[IndexIndicator]:
    out = []
    for s in specs:
        if isinstance(s, IndexIndicator):
            out.append(s)
        elif isinstance(s, str):
            out.append(IndexIndicator(s))
        else:
            out.append(IndexIndicator(*s))
    if not out:
        raise SocialIndexError("no indicators given.")
    cols = [i.column for i in out]
    dup = sorted({c for c in cols if cols.count(c) > 1})
    if dup:
        raise SocialIndexError(f"indicator(s) {', '.join(dup)} given twice.")
    return out


def zscores(values: pd.Series | np.ndarray, *, ddof: int = 0, name: str = "indicator") -> np.ndarray:
    """z = (x − mean) / SD over the non-missing values; ``ddof=0`` population SD (MSS).

    Raises :class:`SocialIndexError` when fewer than two values or the SD is 0.
    """
    x = np.asarray(values, dtype=float)
    ok = ~np.isnan(x)
    if ok.sum() < 2:
        raise SocialIndexError(f"'{name}': fewer than two units with values; cannot standardise.")
    mean = x[ok].mean()
    sd = x[ok].std(ddof=ddof)
    if not sd > 0:
        raise SocialIndexError(f"'{name}': all included units have the same value; the standard deviation is 0.")
    return (x - mean) / sd


def composite_index(
    data: pd.DataFrame,
    indicators: Sequence[IndicatorSpec],
    *,
    ddof: int = 0,
    round_z: int | None = None,
) -> tuple[pd.DataFrame, pd.Series, pd.Series]:
    """z per indicator (polarity applied), their sum, and the standardised sum, over all rows.

    Rows must be complete (no NaN in the indicator columns). Returns ``(z, sum, index)``.
    """
    inds = _as_indicators(indicators)
    z = {}
    for ind in inds:
        zi = zscores(data[ind.column], ddof=ddof, name=ind.column)
        if ind.polarity == HIGHER_BETTER:
            zi = -zi
        if round_z is not None:
            zi = np.round(zi, round_z)
        z[ind.column] = zi
    zf = pd.DataFrame(z, index=data.index)
    total = zf.sum(axis=1, skipna=False)
    index = pd.Series(zscores(total, ddof=ddof, name="sum of z-values"), index=data.index)
    return zf, total, index


def classify(values, thresholds: Sequence[float], *, ties: str = "middle") -> pd.array:
    """Class numbers 1 … len(thresholds)+1 for ascending ``thresholds``; NaN → <NA>.

    ``ties`` decides a value exactly on a threshold: ``"middle"`` puts it in the class nearer 0
    (for thresholds < 0 the upper class, for thresholds ≥ 0 the lower class), ``"upper"`` always in
    the upper class, ``"lower"`` always in the lower class.
    """
    t = np.asarray(thresholds, dtype=float)
    if np.any(np.diff(t) <= 0):
        raise SocialIndexError(f"thresholds must be strictly ascending: {list(thresholds)}")
    v = np.asarray(values, dtype=float)
    if ties == "upper":
        passed = v[:, None] >= t[None, :]
    elif ties == "lower":
        passed = v[:, None] > t[None, :]
    elif ties == "middle":
        passed = np.where(t[None, :] < 0, v[:, None] >= t[None, :], v[:, None] > t[None, :])
    else:
        raise SocialIndexError(f"ties must be 'middle', 'upper' or 'lower', not {ties!r}")
    cls = 1 + passed.sum(axis=1)
    out = pd.array(cls, dtype="Int64")
    out[np.isnan(v)] = pd.NA
    return out


def classify_status(index, thresholds: Sequence[float] = STATUS_THRESHOLDS, *, ties: str = "middle") -> pd.array:
    """Status classes 1 hoch, 2 mittel, 3 niedrig, 4 sehr niedrig (see :func:`classify`)."""
    return classify(index, thresholds, ties=ties)


def classify_dynamics(index, thresholds: Sequence[float] = DYNAMICS_THRESHOLDS, *, ties: str = "middle") -> pd.array:
    """Dynamics classes 1 positiv, 2 stabil, 3 negativ (see :func:`classify`)."""
    return classify(index, thresholds, ties=ties)


def combine_classes(status_class, dynamics_class) -> tuple[pd.array, pd.Series]:
    """Group number ``(status − 1) × 3 + dynamics`` (1 … 12) and MSS code such as ``"2+/-"``."""
    s = pd.array(status_class, dtype="Int64")
    d = pd.array(dynamics_class, dtype="Int64")
    group = (s - 1) * 3 + d
    codes = pd.Series(
        [None if (pd.isna(a) or pd.isna(b)) else f"{int(a)}{_DYN_CODE[int(b)]}" for a, b in zip(s, d)],
        dtype=object,
    )
    return group, codes


def change(current: pd.DataFrame, previous: pd.DataFrame, columns: Sequence[str] | None = None) -> pd.DataFrame:
    """Change indicators for the dynamics index: ``current − previous`` (percentage points for shares).

    Rows are aligned on the index; units missing in one of the frames get NaN.
    """
    cols = list(columns) if columns is not None else [c for c in current.columns if c in previous.columns]
    missing = [c for c in cols if c not in current.columns or c not in previous.columns]
    if missing:
        raise SocialIndexError(f"column(s) {', '.join(missing)} missing in one of the two years.")
    return current[cols].astype(float).sub(previous[cols].astype(float))


@dataclass
class SocialIndexResult:
    """Per-unit results plus the parameters used and warnings.

    ``table`` (same index as the input) has the columns ``included`` (bool), ``exclusion_reason``,
    ``z_<column>`` per status indicator, ``status_sum``, ``status_index``, ``status_class`` (Int64
    1–4), ``status_label``; with dynamics also ``z_<column>`` per change indicator, ``dynamics_sum``,
    ``dynamics_index``, ``dynamics_class`` (1–3), ``dynamics_label``, ``group`` (1–12),
    ``group_code`` (e.g. ``"2+/-"``). Labels are German (the MSS names); see the ``*_LABELS_EN``
    dicts for English.
    """

    table: pd.DataFrame
    parameters: dict
    warnings: list[str] = field(default_factory=list)


def compute_social_index(
    data: pd.DataFrame,
    status: Sequence[IndicatorSpec],
    dynamics: Sequence[IndicatorSpec] | None = None,
    *,
    population: str | pd.Series | None = None,
    min_population: float | None = 300,
    exclude: Iterable = (),
    ddof: int = 0,
    status_thresholds: Sequence[float] = STATUS_THRESHOLDS,
    dynamics_thresholds: Sequence[float] = DYNAMICS_THRESHOLDS,
    ties: str = "middle",
    round_z: int | None = None,
) -> SocialIndexResult:
    """Compute the MSS-style status index, dynamics index, their classes and the 12 groups.

    Parameters
    ----------
    data: one row per unit (index = unit ids), with the indicator columns.
    status, dynamics: column names, ``IndexIndicator`` objects or ``(column, polarity)`` pairs.
    population: column name or Series of inhabitants; units below ``min_population`` are left out
        (``min_population=None`` disables the rule). Units with unknown population are left out.
    exclude: unit ids left out explicitly (outliers).
    ddof, status_thresholds, dynamics_thresholds, ties, round_z: see the module docstring.
    """
    status_inds = _as_indicators(status)
    dyn_inds = _as_indicators(dynamics) if dynamics else []
    needed = [i.column for i in status_inds + dyn_inds]
    missing_cols = [c for c in needed if c not in data.columns]
    if missing_cols:
        raise SocialIndexError(
            f"column(s) {', '.join(repr(c) for c in missing_cols)} not in the table; "
            f"columns are: {', '.join(map(repr, data.columns))}."
        )
    if data.index.has_duplicates:
        dup = sorted({str(u) for u in data.index[data.index.duplicated()]})
        raise SocialIndexError(f"unit id(s) occur more than once: {', '.join(dup[:20])}.")
    warnings: list[str] = []
    n = len(data)
    reason = pd.Series([""] * n, index=data.index, dtype=object)

    if min_population is not None:
        if population is None:
            raise SocialIndexError("min_population is set but no population column or Series is given.")
        pop = data[population] if isinstance(population, str) else population.reindex(data.index)
        if isinstance(population, str) and population not in data.columns:
            raise SocialIndexError(f"population column '{population}' not in the table.")
        pop = pd.to_numeric(pop, errors="coerce")
        reason[pop.isna() & (reason == "")] = "population unknown"
        small = (pop < min_population) & (reason == "")
        reason[small] = f"population below {min_population:g}"
    excl = list(exclude)
    if excl:
        unknown = [str(e) for e in excl if e not in data.index]
        if unknown:
            warnings.append(f"excluded unit(s) not in the table: {', '.join(unknown)}.")
        hit = data.index.isin(excl) & (reason == "").to_numpy()
        reason[hit] = "excluded (outlier list)"
    status_cols = [i.column for i in status_inds]
    vals = data[status_cols].apply(pd.to_numeric, errors="coerce")
    for c in status_cols:
        m = vals[c].isna() & (reason == "")
        reason[m] = f"missing value: {c}"
    included = reason == ""
    if included.sum() < 2:
        raise SocialIndexError(f"only {int(included.sum())} unit(s) remain for the index; at least 2 are needed.")

    table = pd.DataFrame({"included": included.to_numpy(), "exclusion_reason": reason.to_numpy()}, index=data.index)
    z, ssum, sidx = composite_index(vals.loc[included], status_inds, ddof=ddof, round_z=round_z)
    for c in status_cols:
        table[f"z_{c}"] = z[c].reindex(data.index)
    table["status_sum"] = ssum.reindex(data.index)
    table["status_index"] = sidx.reindex(data.index)
    table["status_class"] = classify_status(table["status_index"], status_thresholds, ties=ties)
    table["status_label"] = table["status_class"].map(STATUS_LABELS_DE, na_action="ignore").astype(object)
    if len(status_thresholds) != 3:
        table["status_label"] = None

    if dyn_inds:
        dyn_cols = [i.column for i in dyn_inds]
        dvals = data[dyn_cols].apply(pd.to_numeric, errors="coerce")
        dyn_ok = included & dvals.notna().all(axis=1)
        lacking = included & ~dyn_ok
        if lacking.any():
            warnings.append(
                f"{int(lacking.sum())} unit(s) in the status index lack change values and get no dynamics class: "
                + ", ".join(map(str, data.index[lacking.to_numpy()][:20]))
                + "."
            )
        zd, dsum, didx = composite_index(dvals.loc[dyn_ok], dyn_inds, ddof=ddof, round_z=round_z)
        for c in dyn_cols:
            table[f"z_{c}"] = zd[c].reindex(data.index)
        table["dynamics_sum"] = dsum.reindex(data.index)
        table["dynamics_index"] = didx.reindex(data.index)
        table["dynamics_class"] = classify_dynamics(table["dynamics_index"], dynamics_thresholds, ties=ties)
        table["dynamics_label"] = table["dynamics_class"].map(DYNAMICS_LABELS_DE, na_action="ignore").astype(object)
        if len(status_thresholds) == 3 and len(dynamics_thresholds) == 2:
            group, codes = combine_classes(table["status_class"], table["dynamics_class"])
            table["group"] = group
            table["group_code"] = codes.to_numpy()
    params = {
        "method": "MSS (Monitoring Soziale Stadtentwicklung Berlin) z-score index",
        "status": [(i.column, i.polarity) for i in status_inds],
        "dynamics": [(i.column, i.polarity) for i in dyn_inds],
        "min_population": min_population,
        "exclude": [str(e) for e in excl],
        "ddof": ddof,
        "status_thresholds": list(status_thresholds),
        "dynamics_thresholds": list(dynamics_thresholds),
        "ties": ties,
        "round_z": round_z,
        "n_units": n,
        "n_included": int(included.sum()),
    }
    return SocialIndexResult(table, params, warnings)
