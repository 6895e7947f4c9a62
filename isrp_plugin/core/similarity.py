"""Find districts that resemble a given district: standardised Euclidean distance.

Method
------
1. Each chosen indicator is standardised: z = (x − mean) / SD over all units that have a value
   (population SD, ddof = 0, as in :mod:`social_index`), so that indicators measured in different
   units weigh equally. Optional weights multiply the squared differences.
2. Distance between units a and b: ``sqrt(Σ w_i (z_ai − z_bi)²)``.

Missing values (NaN)
--------------------
* The mean and SD of an indicator use the units that have a value.
* Indicators with fewer than two values or with SD 0 carry no information and are dropped (warning).
* A pair of units is compared over the indicators **both** have. The sum of squares is scaled up by
  ``W_total / W_common`` (sum of weights of all indicators / of the common ones) so that distances
  over fewer indicators stay comparable; this is the rule of scikit-learn's
  ``nan_euclidean_distances``. ``n_common`` reports how many indicators a distance rests on.
* Pairs with fewer than ``min_common`` common indicators get distance NaN and are ranked last
  (rank ``<NA>``). Without missing values the result is the plain standardised Euclidean distance.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Hashable, Mapping, Sequence

import numpy as np
import pandas as pd

__all__ = ["SimilarityError", "SimilarityResult", "distance_matrix", "rank_similar", "standardise"]


class SimilarityError(ValueError):
    """Invalid input (unknown target or indicator, no usable indicator)."""


def standardise(
    data: pd.DataFrame, indicators: Sequence[str] | None = None, *, ddof: int = 0
) -> tuple[pd.DataFrame, list[str]]:
    """z-scores per column over the non-missing values; drops uninformative columns.

    Returns ``(z, warnings)``; ``z`` keeps NaN where the input is missing.
    """
    cols = list(indicators) if indicators is not None else list(data.columns)
    missing = [c for c in cols if c not in data.columns]
    if missing:
        raise SimilarityError(f"indicator column(s) {', '.join(repr(c) for c in missing)} not in the table.")
    x = data[cols].apply(pd.to_numeric, errors="coerce").astype(float)
    mean = x.mean(skipna=True)
    sd = x.std(ddof=ddof, skipna=True)
    count = x.notna().sum()
    warnings = []
    keep = []
    for c in cols:
        if count[c] < 2:
            warnings.append(f"indicator '{c}' has fewer than two values and is not used.")
        elif not sd[c] > 0:
            warnings.append(f"indicator '{c}' has the same value in all units and is not used.")
        else:
            keep.append(c)
    if not keep:
        raise SimilarityError("no usable indicator (all constant or empty).")
    z = (x[keep] - mean[keep]) / sd[keep]
    return z, warnings


def _weights(cols: Sequence[str], weights: Mapping[str, float] | None) -> np.ndarray:
    if weights is None:
        return np.ones(len(cols))
    unknown = [k for k in weights if k not in cols]
    if unknown:
        raise SimilarityError(f"weights given for unknown or unused indicator(s): {', '.join(map(repr, unknown))}.")
    w = np.array([float(weights.get(c, 1.0)) for c in cols])
    if np.any(w < 0) or not np.any(w > 0):
        raise SimilarityError("weights must be non-negative and not all zero.")
    return w


def distance_matrix(
    data: pd.DataFrame,
    indicators: Sequence[str] | None = None,
    *,
    ddof: int = 0,
    weights: Mapping[str, float] | None = None,
    min_common: int = 1,
) -> pd.DataFrame:
    """All pairwise standardised Euclidean distances (NaN-aware, see module docstring)."""
    z, _ = standardise(data, indicators, ddof=ddof)
    w = _weights(list(z.columns), weights)
    zv = z.to_numpy()
    m = ~np.isnan(zv)
    zf = np.where(m, zv, 0.0)
    mf = m.astype(float)
    # Σ_i w_i m_ai m_bi (z_ai − z_bi)² expanded into matrix products
    sq = (zf**2 * w) @ mf.T + mf @ (zf**2 * w).T - 2.0 * (zf * w) @ zf.T
    wc = (mf * w) @ mf.T
    nc = mf @ mf.T
    with np.errstate(divide="ignore", invalid="ignore"):
        d = np.sqrt(np.clip(sq, 0.0, None) * (w.sum() / wc))
    d[(nc < min_common) | (wc <= 0)] = np.nan
    np.fill_diagonal(d, 0.0)
    return pd.DataFrame(d, index=data.index, columns=data.index)


@dataclass
class SimilarityResult:
    """Ranking of the other units by distance to the target.

    ``ranking``: index = unit ids (target excluded), columns ``distance``, ``rank`` (Int64,
    1 = most similar, ties share the lower rank, NaN distance → <NA>) and ``n_common``; sorted by
    distance with NaN last. ``indicators``: the indicators actually used.
    """

    target: Hashable
    ranking: pd.DataFrame
    indicators: list[str]
    warnings: list[str] = field(default_factory=list)


def rank_similar(
    data: pd.DataFrame,
    target: Hashable,
    indicators: Sequence[str] | None = None,
    *,
    ddof: int = 0,
    weights: Mapping[str, float] | None = None,
    min_common: int = 1,
    top: int | None = None,
) -> SimilarityResult:
    """Rank all other units by standardised Euclidean distance to ``target`` (an index label)."""
    if target not in data.index:
        raise SimilarityError(f"unit '{target}' is not in the table.")
    if data.index.has_duplicates:
        raise SimilarityError("unit ids must be unique.")
    z, warnings = standardise(data, indicators, ddof=ddof)
    cols = list(z.columns)
    w = _weights(cols, weights)
    zv = z.to_numpy()
    zt = z.loc[target].to_numpy()
    if np.isnan(zt).all():
        raise SimilarityError(f"unit '{target}' has no value for any of the indicators.")
    common = ~np.isnan(zv) & ~np.isnan(zt)[None, :]
    diff2 = np.where(common, (zv - zt[None, :]) ** 2, 0.0)
    wc = common @ w
    with np.errstate(divide="ignore", invalid="ignore"):
        dist = np.sqrt((diff2 @ w) * (w.sum() / wc))
    n_common = common.sum(axis=1)
    dist[(n_common < min_common) | (wc <= 0)] = np.nan
    ranking = pd.DataFrame({"distance": dist, "n_common": n_common}, index=data.index)
    ranking = ranking.drop(index=target)
    ranking = ranking.sort_values("distance", kind="mergesort", na_position="last")
    ranking.insert(1, "rank", ranking["distance"].rank(method="min").astype("Int64"))
    if top is not None:
        ranking = ranking.head(top)
    n_partial = int(((ranking["n_common"] < len(cols)) & ranking["distance"].notna()).sum())
    if n_partial:
        warnings.append(f"{n_partial} distance(s) rest on fewer than all {len(cols)} indicators (missing values).")
    return SimilarityResult(target, ranking, cols, warnings)
