"""Statistical confidentiality (Geheimhaltung) for small-area tables.

Rules (DOMAIN §3), all applied to copies — raw values are never changed:

* **Primary suppression of counts**: a count ``0 < x < threshold`` (default 3, i.e. 1 and 2) is
  suppressed; 0 is not (it reveals nobody). Missing values (NaN) stay missing.
* **Rates**: a rate is suppressed when its numerator or its denominator is ``0 < x < threshold``,
  and also when its numerator or denominator count is itself suppressed (primary or secondary):
  numerator = rate × denominator / factor would otherwise give the hidden count back.
* **Secondary suppression**: in a table with totals (parts of a row summing to a row total, units
  of a column summing to a column total), a row or column in which exactly **one** cell is unknown
  would let anyone recover it as total minus the others. Then one more cell of that row/column is
  suppressed: the smallest non-zero visible cell, preferring parts over the total (a zero is never
  chosen: hiding it hides nothing). Rows and columns are checked alternately until nothing changes.
  Missing cells (NaN) count as unknown, like suppressed ones. Totals need not be in the table:
  ``implicit_row_totals`` / ``implicit_column_totals`` declare that the sums are published
  elsewhere (e.g. the city total); such totals cannot be suppressed, so a relation whose only other
  non-zero cells are gone is reported as not protectable.
  This is the classic heuristic of statistics offices' "Sperrung" (no linear-programming audit as
  in τ-ARGUS): it guarantees that no single suppressed cell can be recovered from one row or
  column equation; it does not compute value intervals.
* **Small units**: units with fewer than ``min_population`` inhabitants (default 300) are flagged
  (unknown population counts as small); optionally their whole row is suppressed.

Output: a boolean mask (True = suppressed) and a display frame (object dtype) in which suppressed
cells are the string ``"."`` and every other cell keeps its raw value.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Hashable

import numpy as np
import pandas as pd

__all__ = [
    "SUPPRESSED_MARKER",
    "ConfidentialityError",
    "ConfidentialityResult",
    "flag_small_units",
    "primary_mask",
    "protect_table",
    "rate_mask",
    "secondary_suppression",
    "to_display",
]

SUPPRESSED_MARKER = "."


class ConfidentialityError(ValueError):
    """Invalid input for suppression (e.g. a named total row/column is not in the table)."""


def primary_mask(counts: pd.DataFrame | pd.Series, threshold: float = 3) -> pd.DataFrame | pd.Series:
    """True where ``0 < count < threshold`` (counts 1–2 with the default 3). NaN and 0 → False."""
    c = (
        counts.apply(pd.to_numeric, errors="coerce")
        if isinstance(counts, pd.DataFrame)
        else pd.to_numeric(counts, errors="coerce")
    )
    return (c > 0) & (c < threshold)


def rate_mask(
    numerator: pd.DataFrame | pd.Series,
    denominator: pd.DataFrame | pd.Series,
    threshold: float = 3,
    *,
    numerator_mask: pd.DataFrame | pd.Series | None = None,
    denominator_mask: pd.DataFrame | pd.Series | None = None,
) -> pd.DataFrame | pd.Series:
    """True where a rate must be suppressed: its numerator or denominator is ``0 < x < threshold``,
    or the numerator/denominator count is suppressed in its own table (pass those masks).

    ``numerator`` and ``denominator`` align with the rate (same index and, for frames, columns).
    """
    m = primary_mask(numerator, threshold) | primary_mask(denominator, threshold)
    if numerator_mask is not None:
        m = m | numerator_mask.reindex_like(m).fillna(False).astype(bool)
    if denominator_mask is not None:
        m = m | denominator_mask.reindex_like(m).fillna(False).astype(bool)
    return m


def flag_small_units(population: pd.Series, min_population: float = 300) -> pd.Series:
    """True for units with fewer than ``min_population`` inhabitants or unknown population."""
    pop = pd.to_numeric(population, errors="coerce")
    return ~(pop >= min_population)


def _resolve_total(labels: pd.Index, total: Hashable | None, what: str) -> int | None:
    if total is None:
        return None
    if total not in labels:
        raise ConfidentialityError(f"the total {what} '{total}' is not in the table.")
    pos = labels.get_loc(total)
    if not isinstance(pos, int):
        raise ConfidentialityError(f"the total {what} '{total}' occurs more than once.")
    return pos


def _protect_axis(
    vals: np.ndarray,
    mask: np.ndarray,
    total_pos: int | None,
    implicit_total: bool,
    log: list[str],
    labels_rel: pd.Index,
    labels_cell: pd.Index,
    what: str,
    unprotectable: set,
) -> bool:
    """One pass over the rows of ``vals`` (relations = rows). Returns True if the mask changed."""
    if total_pos is None and not implicit_total:
        return False
    unknown = mask | np.isnan(vals)
    n_unknown = unknown.sum(axis=1)
    exposed = (n_unknown == 1) & (mask & ~np.isnan(vals)).any(axis=1)
    rows = np.flatnonzero(exposed)
    if not len(rows):
        return False
    cand = np.where(~unknown[rows] & (vals[rows] != 0), vals[rows], np.inf)
    if total_pos is not None:  # the total is chosen only if no part qualifies
        order = [j for j in range(vals.shape[1]) if j != total_pos] + [total_pos]
    else:
        order = list(range(vals.shape[1]))
    cand = cand[:, order]
    best = np.argmin(cand, axis=1)
    ok = np.isfinite(cand[np.arange(len(rows)), best])
    changed = False
    for r, b, good in zip(rows, best, ok):
        if good:
            j = order[b]
            mask[r, j] = True
            changed = True
            row_label, col_label = (labels_rel[r], labels_cell[j]) if what == "row" else (labels_cell[j], labels_rel[r])
            log.append(
                f"secondary suppression: row {row_label!s}, column {col_label!s} "
                f"(else the hidden cell of {what} {labels_rel[r]!s} could be recovered from its total)"
            )
        elif (what, r) not in unprotectable:
            unprotectable.add((what, r))
            log.append(
                f"warning: {what} {labels_rel[r]!s}: the suppressed cell can be recovered from the published total "
                "and no other non-zero cell is left to suppress."
            )
    return changed


def secondary_suppression(
    values: pd.DataFrame,
    mask: pd.DataFrame,
    *,
    total_row: Hashable | None = None,
    total_column: Hashable | None = None,
    implicit_row_totals: bool = False,
    implicit_column_totals: bool = False,
    max_iterations: int = 10_000,
) -> tuple[pd.DataFrame, list[str]]:
    """Add secondary suppressions until no row or column has exactly one unknown cell.

    ``total_column``: label of the column holding each row's total (the other columns are its
    parts); ``total_row``: label of the row holding each column's total. Returns the new mask
    (a copy) and a log of the cells added (and of relations that cannot be protected).
    """
    if values.shape != mask.shape:
        raise ConfidentialityError("values and mask differ in shape.")
    vals = values.apply(pd.to_numeric, errors="coerce").to_numpy(dtype=float)
    m = mask.reindex_like(values).fillna(False).to_numpy(dtype=bool).copy()
    tc = _resolve_total(values.columns, total_column, "column")
    tr = _resolve_total(values.index, total_row, "row")
    log: list[str] = []
    unprotectable: set = set()
    for _ in range(max_iterations):
        changed = _protect_axis(
            vals, m, tc, implicit_row_totals, log, values.index, values.columns, "row", unprotectable
        )
        mt = m.T.copy()
        changed_c = _protect_axis(
            vals.T, mt, tr, implicit_column_totals, log, values.columns, values.index, "column", unprotectable
        )
        m = mt.T.copy()
        if not (changed or changed_c):
            break
    else:  # pragma: no cover - each pass suppresses at least one more cell, so this cannot run forever
        raise ConfidentialityError("secondary suppression did not converge.")
    return pd.DataFrame(m, index=values.index, columns=values.columns), log


def to_display(values: pd.DataFrame, mask: pd.DataFrame, marker: str = SUPPRESSED_MARKER) -> pd.DataFrame:
    """Copy of ``values`` as objects with suppressed cells replaced by ``marker`` (``"."``)."""
    out = values.astype(object).copy()
    return out.mask(mask.reindex_like(values).fillna(False).astype(bool), marker)


@dataclass
class ConfidentialityResult:
    """Masks, display frame and log of :func:`protect_table`.

    ``mask`` = ``primary | secondary`` (True = suppressed); ``display`` has ``"."`` there;
    ``small_units`` flags rows below the minimum population (None without population).
    """

    mask: pd.DataFrame
    primary: pd.DataFrame
    secondary: pd.DataFrame
    display: pd.DataFrame
    small_units: pd.Series | None = None
    log: list[str] = field(default_factory=list)


def protect_table(
    values: pd.DataFrame,
    *,
    threshold: float = 3,
    total_row: Hashable | None = None,
    total_column: Hashable | None = None,
    implicit_row_totals: bool = False,
    implicit_column_totals: bool = False,
    population: pd.Series | None = None,
    min_population: float = 300,
    suppress_small_units: bool = False,
    marker: str = SUPPRESSED_MARKER,
) -> ConfidentialityResult:
    """Primary + secondary suppression of a count table, plus the small-unit flag.

    With ``suppress_small_units`` every cell of a flagged row counts as primarily suppressed
    (before secondary suppression, so the row's values cannot be recovered from column totals).
    """
    primary = primary_mask(values, threshold)
    small = None
    if population is not None:
        small = flag_small_units(population.reindex(values.index), min_population)
        if total_row is not None and total_row in small.index:
            small[total_row] = False
        if suppress_small_units:
            primary = primary | pd.DataFrame(
                np.repeat(small.to_numpy()[:, None], values.shape[1], axis=1),
                index=values.index,
                columns=values.columns,
            )
    mask, log = secondary_suppression(
        values,
        primary,
        total_row=total_row,
        total_column=total_column,
        implicit_row_totals=implicit_row_totals,
        implicit_column_totals=implicit_column_totals,
    )
    secondary = mask & ~primary
    return ConfidentialityResult(
        mask=mask,
        primary=primary,
        secondary=secondary,
        display=to_display(values, mask, marker),
        small_units=small,
        log=log,
    )
