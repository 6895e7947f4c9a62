"""Coverage of facility supply against need (Bedarfsdeckung).

Two families of methods, both pure numpy/scipy/pandas:

* **Container method** (:func:`container_coverage`): per spatial unit,
  ``need = target population x standard per person``, ``supply = capacity of the facilities
  located in the unit``, ``coverage_ratio = supply / need`` and ``places_gap = need - supply``.
* **Two-step floating catchment area** (:func:`two_step_fca`, :func:`enhanced_two_step_fca`),
  which lets demand use facilities across unit borders (Luo & Wang 2003; Luo & Qi 2009)::

      R_j = S_j / sum_i D_i f(d_ij)      over pairs with d_ij <= d0     (supply-to-demand ratio)
      A_i = sum_j R_j f(d_ij)            over pairs with d_ij <= d0     (accessibility of point i)

  ``f`` is a distance decay (:class:`NoDecay` for the classic 2SFCA, :class:`StepDecay`,
  :class:`LinearDecay`, :class:`GaussianDecay`, :class:`GravityDecay` for the enhanced variant).
  ``A_i`` is in "supply units per demand unit" (e.g. Kita places per child), and
  ``sum_i D_i A_i`` equals the supply of all facilities that have demand in their catchment, so the
  supply attributed to a unit, ``sum_{i in unit} D_i A_i``, can be compared with the unit's need
  (:func:`aggregate_fca_by_unit`).

Sign conventions and missing values (used in every output table):

* ``places_gap = need - supply``: **positive = places missing**, negative = surplus.
* ``coverage_ratio`` is NaN (not 0) where it is undefined: the need is 0 (no target population),
  or - for 2SFCA - no demand point of the unit reaches any facility within ``d0``. A ratio of 0
  means the unit has need but no supply. The ``note`` column says why a ratio is missing.
* ``A_i`` is NaN for points that have no facility with a defined ratio within ``d0``
  (NaN = "reaches nothing", 0 = "reaches facilities, weighted access 0").
* A facility whose catchment holds no (weighted) demand has no ratio ``R_j`` (NaN, never a
  division by zero); its supply is reported as not attributed.

Costs are handled as a sparse set of (demand, facility, cost) triplets within the catchment
(:class:`SparseCosts`), built from straight-line distances (:func:`straight_line_costs`, a KD-tree),
from an origin-destination table (:func:`costs_from_table`, e.g. network costs) or from a dense
matrix (:meth:`SparseCosts.from_dense`). All sums run as scipy.sparse products; no Python loop runs
over pairs.

Conventions of PySAL ``access`` (``access.weights.step_fn``, ``gaussian``, ``gravity``;
``Access.two_stage_fca``/``enhanced_two_stage_fca``) are followed so that results agree to
rounding error on the same inputs, with these documented differences:

* the catchment test is ``cost <= d0`` (access 1.1.9 and older use ``cost < max_cost``,
  access >= 1.1.10 uses ``<=``);
* where access divides by zero weighted demand (a facility only reached by zero-demand points) it
  returns ``inf``/``NaN`` ratios and propagates them; here that facility has no ratio, it is
  reported, and points reaching only such facilities get NaN.
"""

from __future__ import annotations

import logging
import math
import re
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Sequence, Tuple, Union

import numpy as np
import pandas as pd
import scipy.sparse as sp
from scipy.spatial import cKDTree

LOG = logging.getLogger(__name__)

ArrayLike = Union[Sequence[float], np.ndarray, pd.Series]

#: Luo & Qi (2009) E2SFCA step weights for three equal travel-time zones (0-10, 10-20, 20-30 min),
#: also the default of ``access.Access.enhanced_two_stage_fca`` (``step_fn({10: 1, 20: 0.68, 30: 0.22})``).
LUO_QI_STEP_WEIGHTS = (1.0, 0.68, 0.22)

#: Default weight of the Gaussian decay at the catchment limit d0 (sigma = d0 / sqrt(-2 ln 0.01)).
GAUSSIAN_WEIGHT_AT_D0 = 0.01


# --------------------------------------------------------------------------------------------
# distance decay
# --------------------------------------------------------------------------------------------


class DistanceDecay:
    """Base class of distance-decay functions ``f(cost) -> weight`` (vectorised over arrays)."""

    name = "decay"

    def __call__(self, cost: np.ndarray) -> np.ndarray:  # pragma: no cover - abstract
        raise NotImplementedError

    def describe(self) -> str:
        """Human-readable definition, recorded with analysis outputs."""
        return self.name


@dataclass(frozen=True)
class NoDecay(DistanceDecay):
    """Weight 1 for every pair inside the catchment: the classic 2SFCA of Luo & Wang (2003)."""

    name = "none"

    def __call__(self, cost: np.ndarray) -> np.ndarray:  # noqa: D102
        return np.ones(np.shape(cost), dtype=float)

    def describe(self) -> str:  # noqa: D102
        return "none (weight 1 inside the catchment)"


@dataclass(frozen=True)
class StepDecay(DistanceDecay):
    """Stepped weights: ``f(d) = w_k`` for the first step with ``d <= upper_k``; 0 beyond the last step.

    ``steps`` is a sequence of ``(upper_bound, weight)``; upper bounds are inclusive, as in
    ``access.weights.step_fn({upper: weight, ...})``. Weights must be >= 0.
    """

    steps: Tuple[Tuple[float, float], ...]
    name = "step"

    def __post_init__(self) -> None:  # noqa: D105
        steps = tuple(sorted((float(u), float(w)) for u, w in self.steps))
        if not steps:
            raise ValueError("Step decay needs at least one (distance, weight) step.")
        uppers = [u for u, _ in steps]
        if len(set(uppers)) != len(uppers):
            raise ValueError(f"Step decay has repeated step distances: {uppers}.")
        for u, w in steps:
            if not math.isfinite(u) or u < 0:
                raise ValueError(f"Step decay distance {u} must be a finite number >= 0.")
            if not math.isfinite(w) or w < 0:
                raise ValueError(f"Step decay weight {w} (step up to {u}) must be a finite number >= 0.")
        object.__setattr__(self, "steps", steps)

    @classmethod
    def luo_qi(cls, d0: float) -> StepDecay:
        """Three equal zones up to ``d0`` with the Luo & Qi (2009) weights 1, 0.68, 0.22."""
        d0 = float(d0)
        return cls(tuple((d0 * (k + 1) / 3.0, w) for k, w in enumerate(LUO_QI_STEP_WEIGHTS)))

    def __call__(self, cost: np.ndarray) -> np.ndarray:  # noqa: D102
        uppers = np.array([u for u, _ in self.steps])
        weights = np.array([w for _, w in self.steps] + [0.0])
        return weights[np.searchsorted(uppers, np.asarray(cost, dtype=float), side="left")]

    def describe(self) -> str:  # noqa: D102
        return "step(" + ", ".join(f"{u:g}:{w:g}" for u, w in self.steps) + ")"


@dataclass(frozen=True)
class LinearDecay(DistanceDecay):
    """Linear decay ``f(d) = 1 - (1 - w_end) * d / d0`` for ``d <= d0``, 0 beyond ``d0``.

    ``w_end`` (default 0) is the weight at the catchment limit; with 0 a pair exactly at ``d0``
    gets weight 0 but still counts as reaching the facility.
    """

    d0: float
    w_end: float = 0.0
    name = "linear"

    def __post_init__(self) -> None:  # noqa: D105
        if not (math.isfinite(self.d0) and self.d0 > 0):
            raise ValueError(f"Linear decay needs a catchment d0 > 0, got {self.d0}.")
        if not (0.0 <= self.w_end <= 1.0):
            raise ValueError(f"Linear decay weight at d0 (w_end) must lie in [0, 1], got {self.w_end}.")

    def __call__(self, cost: np.ndarray) -> np.ndarray:  # noqa: D102
        c = np.asarray(cost, dtype=float)
        w = 1.0 - (1.0 - self.w_end) * c / self.d0
        return np.where(c <= self.d0, w, 0.0)

    def describe(self) -> str:  # noqa: D102
        return f"linear(d0={self.d0:g}, w_end={self.w_end:g})"


@dataclass(frozen=True)
class GaussianDecay(DistanceDecay):
    """Gaussian decay ``f(d) = exp(-d^2 / (2 sigma^2))`` with ``f(0) = 1`` (as ``access.weights.gaussian``).

    Use :meth:`for_catchment` to pick sigma so that ``f(d0)`` equals a chosen small weight
    (default 0.01, i.e. ``sigma = d0 / sqrt(2 ln 100) ~ d0 / 3.035``).
    """

    sigma: float
    name = "gaussian"

    def __post_init__(self) -> None:  # noqa: D105
        if not (math.isfinite(self.sigma) and self.sigma > 0):
            raise ValueError(f"Gaussian decay needs sigma > 0, got {self.sigma}.")

    @classmethod
    def for_catchment(cls, d0: float, weight_at_d0: float = GAUSSIAN_WEIGHT_AT_D0) -> GaussianDecay:
        """Gaussian whose weight at the catchment limit ``d0`` is ``weight_at_d0`` (0 < w < 1)."""
        if not (0.0 < weight_at_d0 < 1.0):
            raise ValueError(f"Gaussian weight at d0 must lie strictly between 0 and 1, got {weight_at_d0}.")
        if not (math.isfinite(d0) and d0 > 0):
            raise ValueError(f"Gaussian decay needs a catchment d0 > 0, got {d0}.")
        return cls(float(d0) / math.sqrt(-2.0 * math.log(weight_at_d0)))

    def __call__(self, cost: np.ndarray) -> np.ndarray:  # noqa: D102
        c = np.asarray(cost, dtype=float)
        return np.exp(-c * c / (2 * self.sigma**2))

    def describe(self) -> str:  # noqa: D102
        return f"gaussian(sigma={self.sigma:g})"


@dataclass(frozen=True)
class GravityDecay(DistanceDecay):
    """Gravity decay ``f(d) = (max(d, min_dist) / scale) ** alpha`` (as ``access.weights.gravity``).

    ``alpha`` is not implicitly negative: pass e.g. ``alpha=-2``. ``min_dist > 0`` avoids the
    infinite weight at distance 0.
    """

    scale: float
    alpha: float
    min_dist: float = 0.0
    name = "gravity"

    def __post_init__(self) -> None:  # noqa: D105
        if not (math.isfinite(self.scale) and self.scale > 0):
            raise ValueError(f"Gravity decay needs scale > 0, got {self.scale}.")

    def __call__(self, cost: np.ndarray) -> np.ndarray:  # noqa: D102
        c = np.maximum(np.asarray(cost, dtype=float), self.min_dist)
        with np.errstate(divide="ignore"):
            return np.power(c / self.scale, self.alpha)

    def describe(self) -> str:  # noqa: D102
        return f"gravity(scale={self.scale:g}, alpha={self.alpha:g}, min_dist={self.min_dist:g})"


_DECAY_RE = re.compile(r"^\s*([a-z_]+)\s*(?:\((.*)\))?\s*$", re.IGNORECASE)


def _parse_kwargs(text: str, allowed: Sequence[str], what: str) -> Dict[str, float]:
    out: Dict[str, float] = {}
    for part in filter(None, (p.strip() for p in text.split(","))):
        if "=" not in part:
            raise ValueError(f"Decay '{what}': expected name=value, got '{part}'.")
        key, value = (s.strip() for s in part.split("=", 1))
        if key not in allowed:
            raise ValueError(f"Decay '{what}': unknown parameter '{key}' (allowed: {', '.join(allowed)}).")
        try:
            out[key] = float(value)
        except ValueError:
            raise ValueError(f"Decay '{what}': parameter {key}='{value}' is not a number.") from None
    return out


def parse_decay(spec: Optional[str], d0: float) -> DistanceDecay:
    """Build a decay function from a catalogue text and the catchment ``d0``.

    Accepted forms (costs in the catchment's unit, metres or minutes):

    * ``none`` (or empty) - classic 2SFCA;
    * ``step`` - Luo & Qi thirds of d0 with weights 1, 0.68, 0.22;
      ``step(300:1, 600:0.6, 1000:0.2)`` - explicit inclusive upper bounds and weights;
    * ``linear`` / ``linear(w_end=0.1)`` - linear from 1 at 0 to ``w_end`` at d0;
    * ``gaussian`` / ``gaussian(w_d0=0.05)`` / ``gaussian(sigma=250)`` - weight ``w_d0`` at d0
      (default 0.01) or an explicit sigma;
    * ``gravity(scale=500, alpha=-2, min_dist=50)``.
    """
    text = (spec or "none").strip()
    m = _DECAY_RE.match(text)
    if not m:
        raise ValueError(f"Decay '{text}' is not of the form name or name(parameters).")
    name, args = m.group(1).lower(), (m.group(2) or "").strip()
    if name == "none":
        if args:
            raise ValueError(f"Decay 'none' takes no parameters, got '{text}'.")
        return NoDecay()
    if name == "step":
        if not args:
            return StepDecay.luo_qi(d0)
        steps = []
        for part in filter(None, (p.strip() for p in args.split(","))):
            if ":" not in part:
                raise ValueError(f"Decay '{text}': step '{part}' must be distance:weight.")
            u, w = (s.strip() for s in part.split(":", 1))
            try:
                steps.append((float(u), float(w)))
            except ValueError:
                raise ValueError(f"Decay '{text}': step '{part}' is not two numbers.") from None
        return StepDecay(tuple(steps))
    if name == "linear":
        kw = _parse_kwargs(args, ("w_end",), text)
        return LinearDecay(float(d0), kw.get("w_end", 0.0))
    if name == "gaussian":
        kw = _parse_kwargs(args, ("sigma", "w_d0"), text)
        if "sigma" in kw and "w_d0" in kw:
            raise ValueError(f"Decay '{text}': give either sigma or w_d0, not both.")
        if "sigma" in kw:
            return GaussianDecay(kw["sigma"])
        return GaussianDecay.for_catchment(float(d0), kw.get("w_d0", GAUSSIAN_WEIGHT_AT_D0))
    if name == "gravity":
        kw = _parse_kwargs(args, ("scale", "alpha", "min_dist"), text)
        if "alpha" not in kw:
            raise ValueError(f"Decay '{text}': gravity needs alpha (e.g. alpha=-2).")
        return GravityDecay(kw.get("scale", float(d0)), kw["alpha"], kw.get("min_dist", 0.0))
    raise ValueError(f"Unknown decay '{name}' (use none, step, linear, gaussian or gravity).")


# --------------------------------------------------------------------------------------------
# sparse cost representation
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SparseCosts:
    """Demand-facility pairs within a maximum cost, as triplets (COO), one entry per pair.

    ``demand_idx``/``facility_idx`` are positions (0-based) into the demand and facility arrays;
    ``cost`` may be 0 (a facility on the demand point), which is why triplets are kept instead of
    a scipy sparse matrix (whose implicit zeros mean "no pair"). Pairs that are not stored are
    farther than ``max_cost`` or unreachable.
    """

    demand_idx: np.ndarray
    facility_idx: np.ndarray
    cost: np.ndarray
    n_demand: int
    n_facilities: int
    max_cost: float = math.inf

    def __post_init__(self) -> None:  # noqa: D105
        di = np.asarray(self.demand_idx, dtype=np.int64).ravel()
        fi = np.asarray(self.facility_idx, dtype=np.int64).ravel()
        c = np.asarray(self.cost, dtype=float).ravel()
        if not (len(di) == len(fi) == len(c)):
            raise ValueError("SparseCosts: demand_idx, facility_idx and cost must have the same length.")
        if len(di):
            if di.min() < 0 or di.max() >= self.n_demand:
                raise ValueError(f"SparseCosts: demand index outside 0..{self.n_demand - 1}.")
            if fi.min() < 0 or fi.max() >= self.n_facilities:
                raise ValueError(f"SparseCosts: facility index outside 0..{self.n_facilities - 1}.")
            bad = ~np.isfinite(c) | (c < 0)
            if bad.any():
                k = int(np.flatnonzero(bad)[0])
                raise ValueError(
                    f"SparseCosts: cost {c[k]} for demand {di[k]} / facility {fi[k]} is negative or not finite "
                    f"({int(bad.sum())} such pairs)."
                )
            key = di * np.int64(max(self.n_facilities, 1)) + fi
            if len(np.unique(key)) != len(key):
                raise ValueError("SparseCosts: a demand-facility pair occurs more than once; keep one cost per pair.")
        object.__setattr__(self, "demand_idx", di)
        object.__setattr__(self, "facility_idx", fi)
        object.__setattr__(self, "cost", c)
        object.__setattr__(self, "n_demand", int(self.n_demand))
        object.__setattr__(self, "n_facilities", int(self.n_facilities))
        object.__setattr__(self, "max_cost", float(self.max_cost))

    @property
    def nnz(self) -> int:
        """Number of stored pairs."""
        return int(len(self.cost))

    @property
    def shape(self) -> Tuple[int, int]:
        """(number of demand points, number of facilities)."""
        return (self.n_demand, self.n_facilities)

    @classmethod
    def from_dense(cls, matrix: Any, max_cost: float = math.inf) -> SparseCosts:
        """From a dense demand x facility matrix; ``inf``/``NaN`` = unreachable; pairs above ``max_cost`` dropped."""
        m = np.asarray(matrix, dtype=float)
        if m.ndim != 2:
            raise ValueError(f"Cost matrix must be 2-dimensional (demand x facility), got shape {m.shape}.")
        keep = np.isfinite(m) & (m <= max_cost)
        if (m[keep] < 0).any():
            raise ValueError("Cost matrix has negative costs.")
        di, fi = np.nonzero(keep)
        return cls._trusted(di.astype(np.int64), fi.astype(np.int64), m[di, fi], m.shape[0], m.shape[1], max_cost)

    @classmethod
    def _trusted(
        cls,
        demand_idx: np.ndarray,
        facility_idx: np.ndarray,
        cost: np.ndarray,
        n_demand: int,
        n_facilities: int,
        max_cost: float,
    ) -> SparseCosts:
        """Build without validation from arrays derived from a validated instance (internal)."""
        obj = object.__new__(cls)
        for name, value in (
            ("demand_idx", demand_idx),
            ("facility_idx", facility_idx),
            ("cost", cost),
            ("n_demand", int(n_demand)),
            ("n_facilities", int(n_facilities)),
            ("max_cost", float(max_cost)),
        ):
            object.__setattr__(obj, name, value)
        return obj

    def restrict(self, max_cost: float) -> SparseCosts:
        """Only the pairs with ``cost <= max_cost``."""
        keep = self.cost <= max_cost
        return SparseCosts._trusted(
            self.demand_idx[keep],
            self.facility_idx[keep],
            self.cost[keep],
            self.n_demand,
            self.n_facilities,
            min(self.max_cost, float(max_cost)),
        )

    def select_facilities(self, facility_idx: Sequence[int]) -> SparseCosts:
        """Only the pairs of the given facilities, renumbered 0..len(facility_idx)-1 in the given order."""
        sel = np.asarray(facility_idx, dtype=np.int64)
        if len(np.unique(sel)) != len(sel) or (len(sel) and (sel.min() < 0 or sel.max() >= self.n_facilities)):
            raise ValueError("select_facilities: facility positions must be unique and within range.")
        remap = np.full(self.n_facilities, -1, dtype=np.int64)
        remap[sel] = np.arange(len(sel))
        new = remap[self.facility_idx]
        keep = new >= 0
        return SparseCosts._trusted(
            self.demand_idx[keep], new[keep], self.cost[keep], self.n_demand, len(sel), self.max_cost
        )

    def to_csr(self, data: Optional[np.ndarray] = None) -> sp.csr_matrix:
        """Demand x facility CSR matrix holding ``data`` (default: the costs) at the stored pairs."""
        values = self.cost if data is None else np.asarray(data, dtype=float)
        return sp.csr_matrix((values, (self.demand_idx, self.facility_idx)), shape=self.shape)

    def to_dense(self, fill: float = math.inf) -> np.ndarray:
        """Dense matrix with ``fill`` where no pair is stored (for small problems and tests)."""
        out = np.full(self.shape, fill, dtype=float)
        out[self.demand_idx, self.facility_idx] = self.cost
        return out

    def min_cost_per_demand(self) -> np.ndarray:
        """Smallest stored cost per demand point (``inf`` where none)."""
        out = np.full(self.n_demand, np.inf)
        np.minimum.at(out, self.demand_idx, self.cost)
        return out

    def to_frame(self, demand_ids: Optional[Sequence] = None, facility_ids: Optional[Sequence] = None) -> pd.DataFrame:
        """Long table ``origin, destination, cost`` (ids if given, else positions)."""
        o = self.demand_idx if demand_ids is None else np.asarray(demand_ids, dtype=object)[self.demand_idx]
        d = self.facility_idx if facility_ids is None else np.asarray(facility_ids, dtype=object)[self.facility_idx]
        return pd.DataFrame({"origin": o, "destination": d, "cost": self.cost})


def _as_xy(points: Any, what: str) -> np.ndarray:
    xy = np.asarray(points, dtype=float)
    if xy.ndim != 2 or xy.shape[1] != 2:
        raise ValueError(f"{what} coordinates must be an (n, 2) array of x, y; got shape {xy.shape}.")
    if len(xy) and not np.isfinite(xy).all():
        k = int(np.flatnonzero(~np.isfinite(xy).all(axis=1))[0])
        raise ValueError(f"{what} point {k} has a missing or infinite coordinate.")
    return xy


def straight_line_costs(demand_xy: Any, facility_xy: Any, max_cost: float) -> SparseCosts:
    """Euclidean distances of all demand-facility pairs within ``max_cost`` (KD-tree, inclusive).

    Coordinates must be in a projected CRS in metres (e.g. EPSG:25832 / EPSG:3035).
    """
    d = _as_xy(demand_xy, "Demand")
    f = _as_xy(facility_xy, "Facility")
    if not (max_cost >= 0 and math.isfinite(max_cost)):
        raise ValueError(f"Maximum straight-line distance must be a finite number >= 0, got {max_cost}.")
    if len(d) == 0 or len(f) == 0:
        empty = np.zeros(0, dtype=np.int64)
        return SparseCosts(empty, empty, np.zeros(0), len(d), len(f), max_cost)
    res = cKDTree(d).sparse_distance_matrix(cKDTree(f), max_cost, output_type="ndarray")
    # pairs from the KD-tree are unique, finite and non-negative by construction
    return SparseCosts._trusted(
        res["i"].astype(np.int64), res["j"].astype(np.int64), res["v"].astype(float), len(d), len(f), max_cost
    )


@dataclass
class CostTableReport:
    """What happened when an OD cost table was matched to demand and facility ids."""

    rows_in_table: int = 0
    rows_used: int = 0
    rows_beyond_max_cost: int = 0
    unmatched_origins: List[Any] = field(default_factory=list)
    unmatched_destinations: List[Any] = field(default_factory=list)
    duplicate_pairs: int = 0
    demand_without_rows: List[Any] = field(default_factory=list)
    facilities_without_rows: List[Any] = field(default_factory=list)

    def messages(self, limit: int = 10) -> List[str]:
        """Plain-English lines for the log / Processing feedback."""

        def few(ids: List[Any]) -> str:
            head = ", ".join(repr(i) for i in ids[:limit])
            return head + (f", ... ({len(ids) - limit} more)" if len(ids) > limit else "")

        out = [f"Cost table: {self.rows_used} of {self.rows_in_table} rows used."]
        if self.rows_beyond_max_cost:
            out.append(f"Cost table: {self.rows_beyond_max_cost} rows beyond the maximum cost were left out.")
        if self.unmatched_origins:
            out.append(
                f"Cost table: {len(self.unmatched_origins)} origin ids match no demand point: "
                f"{few(self.unmatched_origins)}."
            )
        if self.unmatched_destinations:
            out.append(
                f"Cost table: {len(self.unmatched_destinations)} destination ids match no facility: "
                f"{few(self.unmatched_destinations)}."
            )
        if self.duplicate_pairs:
            out.append(
                f"Cost table: {self.duplicate_pairs} repeated origin-destination pairs; the smallest cost was kept."
            )
        if self.demand_without_rows:
            out.append(
                f"Cost table: {len(self.demand_without_rows)} demand points have no row (reach no facility): "
                f"{few(self.demand_without_rows)}."
            )
        if self.facilities_without_rows:
            out.append(
                f"Cost table: {len(self.facilities_without_rows)} facilities have no row (no demand in reach): "
                f"{few(self.facilities_without_rows)}."
            )
        return out


def _id_index(ids: Sequence, what: str) -> pd.Index:
    idx = pd.Index([str(i) for i in ids])
    if idx.has_duplicates:
        dup = idx[idx.duplicated()].unique().tolist()
        raise ValueError(f"{what} ids must be unique; repeated: {dup[:10]}.")
    return idx


def costs_from_table(
    table: pd.DataFrame,
    demand_ids: Sequence,
    facility_ids: Sequence,
    origin: str = "origin",
    destination: str = "destination",
    cost: str = "cost",
    max_cost: float = math.inf,
) -> Tuple[SparseCosts, CostTableReport]:
    """Sparse costs from an origin-destination table (e.g. network costs limited to d0).

    Ids are compared as text (``str(id)``), so ``"01"`` and ``1`` do not match - normalise on
    purpose beforehand. Rows whose origin or destination is unknown are reported and skipped;
    repeated pairs keep the smallest cost; rows with a missing or negative cost raise an error.
    """
    for col in (origin, destination, cost):
        if col not in table.columns:
            raise ValueError(f"Cost table has no column '{col}' (columns: {', '.join(map(str, table.columns))}).")
    d_index = _id_index(demand_ids, "Demand")
    f_index = _id_index(facility_ids, "Facility")
    report = CostTableReport(rows_in_table=len(table))
    o_txt = table[origin].astype(str).to_numpy()
    d_txt = table[destination].astype(str).to_numpy()
    c = pd.to_numeric(table[cost], errors="coerce").to_numpy(dtype=float)
    bad = ~np.isfinite(c) | (c < 0)
    if bad.any():
        k = int(np.flatnonzero(bad)[0])
        raise ValueError(
            f"Cost table: {int(bad.sum())} rows have a missing, infinite or negative '{cost}', "
            f"first: origin {o_txt[k]!r}, destination {d_txt[k]!r}, value {table[cost].iloc[k]!r}."
        )
    oi = d_index.get_indexer(o_txt)
    fi = f_index.get_indexer(d_txt)
    report.unmatched_origins = sorted(set(o_txt[oi < 0].tolist()))
    report.unmatched_destinations = sorted(set(d_txt[fi < 0].tolist()))
    keep = (oi >= 0) & (fi >= 0)
    beyond = keep & (c > max_cost)
    report.rows_beyond_max_cost = int(beyond.sum())
    keep &= ~beyond
    frame = pd.DataFrame({"o": oi[keep], "f": fi[keep], "c": c[keep]})
    n_before = len(frame)
    frame = frame.groupby(["o", "f"], sort=True, as_index=False)["c"].min()
    report.duplicate_pairs = n_before - len(frame)
    report.rows_used = len(frame)
    has_o = np.zeros(len(d_index), dtype=bool)
    has_o[frame["o"].to_numpy()] = True
    has_f = np.zeros(len(f_index), dtype=bool)
    has_f[frame["f"].to_numpy()] = True
    report.demand_without_rows = [demand_ids[k] for k in np.flatnonzero(~has_o)]
    report.facilities_without_rows = [facility_ids[k] for k in np.flatnonzero(~has_f)]
    costs = SparseCosts._trusted(  # unique pairs (grouped), costs checked above
        frame["o"].to_numpy(np.int64),
        frame["f"].to_numpy(np.int64),
        frame["c"].to_numpy(float),
        len(d_index),
        len(f_index),
        max_cost,
    )
    for line in report.messages():
        LOG.info(line)
    return costs, report


# --------------------------------------------------------------------------------------------
# container method
# --------------------------------------------------------------------------------------------


@dataclass
class UnitCoverage:
    """Per-unit coverage table plus the messages and parameters that belong to it."""

    table: pd.DataFrame
    messages: List[str] = field(default_factory=list)
    parameters: Dict[str, Any] = field(default_factory=dict)


def _check_values(values: np.ndarray, what: str, labels: Optional[Sequence] = None) -> None:
    bad = ~np.isfinite(values) | (values < 0)
    if bad.any():
        k = int(np.flatnonzero(bad)[0])
        name = labels[k] if labels is not None else k
        raise ValueError(
            f"{what}: {int(bad.sum())} values are missing, infinite or negative (first: {name!r} = {values[k]})."
        )


def capacity_by_unit(
    facility_units: Sequence, capacities: ArrayLike, units: Optional[Sequence] = None
) -> Tuple[pd.Series, List[str]]:
    """Sum facility capacities per unit id; report facilities without unit or capacity.

    Facilities with a missing capacity count as 0 and are reported (a facility without capacity
    provides no places in the container method). Facilities in units not listed in ``units``
    are reported and left out.
    """
    cap = pd.to_numeric(pd.Series(np.asarray(capacities, dtype=object)), errors="coerce")
    unit = pd.Series(list(facility_units), dtype=object)
    messages: List[str] = []
    missing_cap = cap.isna()
    if missing_cap.any():
        messages.append(f"{int(missing_cap.sum())} facilities have no capacity value; counted as 0 places.")
    if (cap < 0).any():
        raise ValueError(f"{int((cap < 0).sum())} facilities have a negative capacity.")
    no_unit = unit.isna()
    if no_unit.any():
        messages.append(f"{int(no_unit.sum())} facilities lie in no unit; their capacity is not counted.")
    frame = pd.DataFrame({"unit": unit[~no_unit].astype(str), "cap": cap[~no_unit].fillna(0.0)})
    summed = frame.groupby("unit")["cap"].sum()
    if units is not None:
        known = pd.Index([str(u) for u in units])
        unknown = summed.index.difference(known)
        if len(unknown):
            messages.append(
                f"Facilities lie in {len(unknown)} units that are not in the unit list "
                f"({', '.join(map(repr, unknown[:10]))}); their capacity ({summed[unknown].sum():g}) is not counted."
            )
        summed = summed.reindex(known, fill_value=0.0)
    for line in messages:
        LOG.warning(line)
    return summed.astype(float), messages


def container_coverage(target_population: pd.Series, supply: pd.Series, per_person: float) -> UnitCoverage:
    """Container method per unit: need, supply, coverage ratio and places gap.

    Parameters
    ----------
    target_population : Series indexed by unit id - persons of the target group (may be fractional
        when a share factor is applied).
    supply : Series indexed by unit id - capacity (places, m^2 ...) of the facilities in the unit;
        units absent here have supply 0.
    per_person : standard as units of supply per person of the target group
        (e.g. 0.65 for "places for 65 % of children", 1.0 for "1 m^2 per inhabitant").

    Returns
    -------
    UnitCoverage with columns ``target_pop, need, supply, coverage_ratio, places_gap, note``:
    ``need = target_pop * per_person``; ``coverage_ratio = supply / need`` (NaN where need is 0);
    ``places_gap = need - supply`` (positive = places missing).
    """
    if not (math.isfinite(per_person) and per_person > 0):
        raise ValueError(f"The standard per person must be a number > 0, got {per_person}.")
    pop = pd.to_numeric(target_population, errors="coerce").astype(float)
    pop.index = pop.index.map(str)
    _check_values(pop.to_numpy(), "Target population per unit", list(pop.index))
    sup = pd.to_numeric(supply, errors="coerce").astype(float)
    sup.index = sup.index.map(str)
    _check_values(sup.to_numpy(), "Supply per unit", list(sup.index))
    messages: List[str] = []
    unknown = sup.index.difference(pop.index)
    if len(unknown):
        messages.append(
            f"Supply is given for {len(unknown)} units without population "
            f"({', '.join(map(repr, unknown[:10]))}); it is not counted."
        )
    sup = sup.groupby(level=0).sum().reindex(pop.index, fill_value=0.0)
    need = pop * per_person
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(need > 0, sup / need.where(need > 0, 1.0), np.nan)
    table = pd.DataFrame(
        {
            "target_pop": pop,
            "need": need,
            "supply": sup,
            "coverage_ratio": ratio,
            "places_gap": need - sup,
            "note": np.where(need > 0, "", "no target population (need 0): coverage ratio undefined"),
        },
        index=pop.index,
    )
    table.index.name = "unit"
    n_nan = int((need <= 0).sum())
    if n_nan:
        messages.append(f"{n_nan} units have no target population; their coverage ratio is NaN (undefined), not 0.")
    for line in messages:
        LOG.info(line)
    return UnitCoverage(table, messages, {"method": "container", "per_person": per_person})


# --------------------------------------------------------------------------------------------
# two-step floating catchment area
# --------------------------------------------------------------------------------------------


@dataclass
class FcaResult:
    """Result of a (enhanced) two-step floating catchment analysis.

    Attributes
    ----------
    access : A_i per demand point (supply per demand unit); NaN = no facility with a ratio in reach.
    n_reached : number of facilities with a defined ratio within d0 of each demand point.
    ratio : R_j per facility; NaN = no (weighted) demand within its catchment.
    weighted_demand : sum_i D_i f(d_ij) per facility.
    n_demand_points : number of demand points within d0 of each facility.
    messages : what a user should read (unreached population, facilities without demand ...).
    parameters : method, d0, decay - recorded with the output.
    """

    access: np.ndarray
    n_reached: np.ndarray
    ratio: np.ndarray
    weighted_demand: np.ndarray
    n_demand_points: np.ndarray
    messages: List[str] = field(default_factory=list)
    parameters: Dict[str, Any] = field(default_factory=dict)

    def point_table(self, demand: Optional[ArrayLike] = None, ids: Optional[Sequence] = None) -> pd.DataFrame:
        """Per demand point: ``access`` (A_i), ``n_reached`` and, if given, ``demand``."""
        frame = pd.DataFrame({"access": self.access, "n_reached": self.n_reached})
        if demand is not None:
            frame.insert(0, "demand", np.asarray(demand, dtype=float))
        if ids is not None:
            frame.index = pd.Index(list(ids), name="id")
        return frame

    def facility_table(self, supply: Optional[ArrayLike] = None, ids: Optional[Sequence] = None) -> pd.DataFrame:
        """Per facility: ``ratio`` (R_j), ``weighted_demand``, ``n_demand_points`` and, if given, ``supply``."""
        frame = pd.DataFrame(
            {"ratio": self.ratio, "weighted_demand": self.weighted_demand, "n_demand_points": self.n_demand_points}
        )
        if supply is not None:
            frame.insert(0, "supply", np.asarray(supply, dtype=float))
        if ids is not None:
            frame.index = pd.Index(list(ids), name="id")
        return frame


def two_step_fca(
    demand: ArrayLike,
    supply: ArrayLike,
    costs: SparseCosts,
    decay: Optional[DistanceDecay] = None,
    max_cost: Optional[float] = None,
    *,
    demand_label: str = "demand",
    supply_label: str = "supply",
) -> FcaResult:
    """Two-step floating catchment area accessibility on sparse costs.

    ``R_j = S_j / sum_i D_i f(d_ij)`` and ``A_i = sum_j R_j f(d_ij)``, both over the pairs with
    ``d_ij <= d0`` (``d0 = max_cost``, default ``costs.max_cost``). ``decay=None`` is the classic
    2SFCA (f = 1). A facility whose weighted demand is 0 gets ``R_j = NaN`` (no division by zero);
    its supply is reported as not attributed. A point with no facility of defined ratio within
    ``d0`` gets ``A_i = NaN``; a point that does reach such facilities but with weight 0 gets 0.
    """
    D = np.asarray(demand, dtype=float).ravel()
    S = np.asarray(supply, dtype=float).ravel()
    if len(D) != costs.n_demand:
        raise ValueError(f"{len(D)} {demand_label} values for a cost matrix with {costs.n_demand} demand points.")
    if len(S) != costs.n_facilities:
        raise ValueError(f"{len(S)} {supply_label} values for a cost matrix with {costs.n_facilities} facilities.")
    _check_values(D, f"{demand_label.capitalize()} per point")
    _check_values(S, f"{supply_label.capitalize()} per facility")
    d0 = costs.max_cost if max_cost is None else float(max_cost)
    if not d0 >= 0:
        raise ValueError(f"Catchment d0 must be >= 0, got {d0}.")
    decay = decay or NoDecay()
    if max_cost is not None and max_cost > costs.max_cost:
        LOG.warning(
            "Catchment %g exceeds the maximum cost %g the pairs were built with; pairs beyond %g are missing.",
            max_cost,
            costs.max_cost,
            costs.max_cost,
        )
    keep = costs.cost <= d0
    di, fj, c = costs.demand_idx[keep], costs.facility_idx[keep], costs.cost[keep]
    w = np.asarray(decay(c), dtype=float)
    if len(w) and (~np.isfinite(w) | (w < 0)).any():
        raise ValueError(f"Decay {decay.describe()} gives negative or infinite weights (e.g. gravity at cost 0).")
    n_d, n_f = costs.n_demand, costs.n_facilities
    W = sp.csr_matrix((w, (di, fj)), shape=(n_d, n_f))
    weighted_demand = np.asarray(W.T @ D).ravel()
    n_demand_points = np.bincount(fj, minlength=n_f)
    has_ratio = weighted_demand > 0
    ratio = np.full(n_f, np.nan)
    ratio[has_ratio] = S[has_ratio] / weighted_demand[has_ratio]
    access = np.asarray(W @ np.where(has_ratio, ratio, 0.0)).ravel()
    n_reached = np.bincount(di[has_ratio[fj]], minlength=n_d)
    access[n_reached == 0] = np.nan

    messages: List[str] = []
    unreached = n_reached == 0
    if unreached.any():
        messages.append(
            f"{int(unreached.sum())} of {n_d} demand points ({D[unreached].sum():g} {demand_label}) reach no facility "
            f"within {d0:g}: their accessibility is NaN (no facility), not 0."
        )
    no_pairs = n_demand_points == 0
    if no_pairs.any():
        messages.append(
            f"{int(no_pairs.sum())} of {n_f} facilities have no demand point within {d0:g}; "
            f"their ratio is undefined and their {supply_label} ({S[no_pairs].sum():g}) is not attributed."
        )
    zero_w = ~no_pairs & ~has_ratio
    if zero_w.any():
        messages.append(
            f"{int(zero_w.sum())} facilities reach only demand points with zero {demand_label} or zero weight; "
            f"their ratio is undefined and their {supply_label} ({S[zero_w].sum():g}) is not attributed."
        )
    for line in messages:
        LOG.info(line)
    params = {"method": "2SFCA" if isinstance(decay, NoDecay) else "E2SFCA", "d0": d0, "decay": decay.describe()}
    return FcaResult(access, n_reached, ratio, weighted_demand, n_demand_points, messages, params)


def enhanced_two_step_fca(
    demand: ArrayLike,
    supply: ArrayLike,
    costs: SparseCosts,
    decay: Optional[DistanceDecay] = None,
    max_cost: Optional[float] = None,
    **labels: str,
) -> FcaResult:
    """E2SFCA: :func:`two_step_fca` with a distance decay, by default the Luo & Qi (2009) steps.

    The default decay splits the catchment ``d0`` into three equal zones weighted 1, 0.68 and 0.22
    (``access``'s default ``step_fn({10: 1, 20: 0.68, 30: 0.22})`` for a 30-minute catchment).
    """
    d0 = costs.max_cost if max_cost is None else float(max_cost)
    if decay is None:
        if not math.isfinite(d0):
            raise ValueError("E2SFCA with the default step decay needs a finite catchment d0 (max_cost).")
        decay = StepDecay.luo_qi(d0)
    return two_step_fca(demand, supply, costs, decay, d0, **labels)


def aggregate_fca_by_unit(
    result: FcaResult,
    demand: ArrayLike,
    unit_ids: Sequence,
    per_person: Optional[float] = None,
    units: Optional[Sequence] = None,
) -> UnitCoverage:
    """Aggregate point accessibility to units (population-weighted) and compare with the need.

    Columns: ``target_pop`` (sum D_i), ``reached_pop`` / ``unreached_pop`` (A_i defined / NaN),
    ``n_points``, ``mean_access`` (sum D_i A_i / reached_pop; NaN if nobody reaches a facility),
    ``supply_attributed`` (sum D_i A_i over reached points) and, if ``per_person`` is given,
    ``need`` (target_pop x per_person), ``coverage_ratio`` (supply_attributed / need; NaN where
    the need is 0 or no point of the unit reaches a facility), ``places_gap`` (need - supply_attributed,
    positive = places missing; equals the need where nobody reaches a facility) and ``note``.
    """
    D = np.asarray(demand, dtype=float).ravel()
    if len(D) != len(result.access):
        raise ValueError(f"{len(D)} demand values for {len(result.access)} demand points.")
    uid = pd.Series(list(unit_ids), dtype=object)
    if len(uid) != len(D):
        raise ValueError(f"{len(uid)} unit ids for {len(D)} demand points.")
    no_unit = uid.isna().to_numpy()
    reached = np.isfinite(result.access)
    frame = pd.DataFrame(
        {
            "unit": uid.astype(str).to_numpy(),
            "target_pop": D,
            "reached_pop": np.where(reached, D, 0.0),
            "n_points": 1,
            "supply_attributed": np.where(reached, D * np.nan_to_num(result.access), 0.0),
        }
    )[~no_unit]
    messages: List[str] = []
    if no_unit.any():
        messages.append(f"{int(no_unit.sum())} demand points ({D[no_unit].sum():g} persons) lie in no unit; left out.")
    table = frame.groupby("unit").sum()
    if units is not None:
        table = table.reindex(pd.Index([str(u) for u in units]), fill_value=0)
    table.index.name = "unit"
    table["unreached_pop"] = table["target_pop"] - table["reached_pop"]
    rp = table["reached_pop"]
    table["mean_access"] = np.where(rp > 0, table["supply_attributed"] / rp.where(rp > 0, 1.0), np.nan)
    notes = np.where(rp > 0, "", "no target population reaches a facility within the catchment")
    if per_person is not None:
        if not (math.isfinite(per_person) and per_person > 0):
            raise ValueError(f"The standard per person must be a number > 0, got {per_person}.")
        need = table["target_pop"] * per_person
        table["need"] = need
        ok = (need > 0) & (rp > 0)
        table["coverage_ratio"] = np.where(ok, table["supply_attributed"] / need.where(need > 0, 1.0), np.nan)
        table["places_gap"] = need - table["supply_attributed"]
        notes = np.where(need > 0, notes, "no target population (need 0): coverage ratio undefined")
    table["note"] = notes
    n_nan = int((notes != "").sum())
    if n_nan:
        messages.append(f"{n_nan} units have no coverage ratio (NaN, see column note) - this is not a ratio of 0.")
    for line in messages:
        LOG.info(line)
    params = dict(result.parameters)
    params["per_person"] = per_person
    return UnitCoverage(table, messages, params)
