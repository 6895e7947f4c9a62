"""Location suggestions: maximal covering (MCLP) and p-median with existing facilities fixed.

Both problems choose ``p`` new sites from candidate locations; existing facilities stay open and
are never dropped. They are solved **exactly**, after exact reductions, by an integer program in
``scipy.optimize.milp`` (HiGHS, ``mip_rel_gap = 0``) or by a branch and bound with submodular
bounds; above ``max_nonzeros`` constraint-matrix entries (default 5e6), or when both exact methods
hit the time limit, the greedy heuristic is used, labelled as such, with a proven bound.

Problem statements (``w_i`` = demand weight, e.g. target population; ``d_ij`` = cost):

* **MCLP** (Church & ReVelle 1974): maximise the population *newly* covered, i.e. within ``d0``
  of a chosen site and not already within ``d0`` of an existing facility.
* **p-median** (Hakimi 1964; here with fixed existing facilities): minimise
  ``sum_i w_i c_i`` with ``c_i`` the cost to the nearest open facility (existing or chosen) among
  the pairs within ``max_cost``; a demand point with no open facility within ``max_cost`` is
  charged ``unreached_cost`` (default ``max_cost``, i.e. the "truncated" p-median). With a complete
  (dense) cost matrix and ``max_cost = inf`` this is the classical p-median.

Both are instances of maximising ``F(S) = sum_i w_i max_{j in S} s_ij`` over ``|S| <= p``, a
monotone submodular function (``s_ij = 1`` for MCLP; ``s_ij = cap_i - d_ij`` savings for the
p-median, ``cap_i`` = cost with existing facilities only). This gives:

* the greedy solution with the guarantee ``F(greedy) >= (1 - 1/e) F(opt)`` (Nemhauser, Wolsey &
  Fisher 1978) and the sharper online bound ``F(opt) <= F(S_k) + sum of the p largest marginal
  gains w.r.t. S_k`` for every greedy prefix ``S_k``; for the p-median the same bound, turned
  into a lower bound on the cost, is reported for heuristic results (an LP-relaxation bound is
  not used: HiGHS's LP is slower than the whole exact solution on these problems);
* an exact candidate reduction: a candidate ``j`` with ``F({j}) + (p-1 largest F({j'}), j' != j)``
  below the greedy value cannot be part of any optimal solution and is removed, together with the
  demand that only removed candidates could serve;
* exact demand aggregation: MCLP rows with the same candidate set are merged (weights summed);
  p-median rows that rank the remaining candidates in the same order are merged into one row
  with savings ``sum_i w_i s_ij`` (the first open candidate in the common order is every merged
  row's best, so the sum of maxima equals the maximum of sums);
* a depth-first branch and bound over sets (children sorted by marginal gain, each set once)
  cut by ``F(S) + sum of the next gains`` bounds.

Integer programs (after reduction; ``x_j`` binary = open candidate j):

* MCLP: ``max sum_k w_k y_k`` s.t. ``y_k <= sum_{j in N_k} x_j``, ``sum_j x_j <= p``, ``0 <= y <= 1``.
* p-median, radius ("chain") formulation after Elloumi (2010) / Garcia, Labbe & Marin (2011):
  for demand ``i`` with distinct candidate costs ``D_i1 < ... < D_iK`` below ``cap_i`` and
  ``D_i,K+1 = cap_i``: ``c_i = D_i1 + sum_k (D_i,k+1 - D_ik) z_ik`` with
  ``z_i1 + sum_{j: d_ij = D_i1} x_j >= 1``, ``z_ik - z_i,k-1 + sum_{j: d_ij = D_ik} x_j >= 0``,
  ``0 <= z <= 1``, ``sum_j x_j = p``. Its size is linear in the number of pairs (the classic
  assignment formulation needs twice as many rows and nonzeros).

``engine="auto"`` sends reduced programs up to :data:`AUTO_MILP_NONZEROS` to HiGHS first and
larger ones to the branch and bound first; each gets half the time limit before the other is
tried. Measured on 50,000 demand points x 2,000 candidates (benchmarks/bench_coverage.py): p = 1..5
in 0.3-4 s each, all proven optimal.
"""

from __future__ import annotations

import logging
import math
import time
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Sequence, Tuple, Union

import numpy as np
import pandas as pd
import scipy.sparse as sp
from scipy.optimize import Bounds, LinearConstraint, milp

from .coverage import SparseCosts

LOG = logging.getLogger(__name__)

#: Above this many nonzeros in the (reduced) constraint matrix the greedy heuristic is used.
DEFAULT_MAX_NONZEROS = 5_000_000
#: engine="auto": reduced programs up to this size go to HiGHS first, larger ones to branch and bound
#: first (HiGHS 1.2's LP is slow on large p-median/MCLP relaxations; the submodular bounds are not).
AUTO_MILP_NONZEROS = 50_000
#: Time limit (s) handed to HiGHS; on expiry the best solution found so far is kept and labelled.
DEFAULT_TIME_LIMIT = 120.0
#: Greedy approximation guarantee for monotone submodular maximisation under a cardinality limit.
GREEDY_GUARANTEE = 1.0 - 1.0 / math.e

CostsLike = Union[SparseCosts, np.ndarray, sp.spmatrix]


@dataclass
class LocationResult:
    """Outcome of a location suggestion.

    Attributes
    ----------
    method : ``"mclp"`` or ``"p_median"``.
    selected : chosen candidate positions, in rank order (greedy order of marginal contribution).
    table : one row per chosen site: ``candidate`` (id or position), ``rank`` and the site's
        contribution (MCLP: ``newly_covered_pop`` in rank order, ``uncovered_pop_in_reach``;
        p-median: ``cost_reduction`` in rank order, ``assigned_pop``, ``mean_cost_assigned``).
    objective : MCLP - population newly covered; p-median - sum of w_i x cost to nearest open facility.
    exact : True when ``objective`` is proven optimal.
    status : solver status in words (HiGHS status, heuristic, trivial case).
    bound : proven bound on the optimum (MCLP: upper bound; p-median: lower bound).
    gap : relative distance between objective and bound (0 when exact).
    baseline : MCLP - population already covered by existing facilities; p-median - objective with
        existing facilities only.
    messages : lines for the user (reductions, sizes, timings, unreached population).
    parameters : inputs recorded with the output.
    """

    method: str
    selected: np.ndarray
    table: pd.DataFrame
    objective: float
    exact: bool
    status: str
    bound: float
    gap: float
    baseline: float
    messages: List[str] = field(default_factory=list)
    parameters: Dict[str, Any] = field(default_factory=dict)


# --------------------------------------------------------------------------------------------
# input handling
# --------------------------------------------------------------------------------------------


def _as_costs(costs: CostsLike, n_demand: int, max_cost: float, what: str) -> SparseCosts:
    """SparseCosts restricted to ``cost <= max_cost``; dense inf/NaN = unreachable."""
    if isinstance(costs, SparseCosts):
        out = costs
    elif sp.issparse(costs):
        coo = sp.coo_matrix(costs)
        coo.sum_duplicates()
        out = SparseCosts(coo.row, coo.col, coo.data, coo.shape[0], coo.shape[1], max_cost)
    else:
        out = SparseCosts.from_dense(costs, max_cost)
    if out.n_demand != n_demand:
        raise ValueError(f"{what} costs have {out.n_demand} demand rows but there are {n_demand} demand weights.")
    if out.max_cost < max_cost and math.isfinite(max_cost):
        LOG.warning("%s costs were built up to %g only, below the distance %g asked for.", what, out.max_cost, max_cost)
    return out.restrict(max_cost) if math.isfinite(max_cost) else out


def _weights(demand: Any) -> np.ndarray:
    w = np.asarray(demand, dtype=float).ravel()
    bad = ~np.isfinite(w) | (w < 0)
    if bad.any():
        k = int(np.flatnonzero(bad)[0])
        raise ValueError(
            f"Demand weights: {int(bad.sum())} values are missing or negative (first: point {k} = {w[k]})."
        )
    return w


def _check_p(p: int) -> int:
    if int(p) != p or p < 0:
        raise ValueError(f"The number of new sites p must be a whole number >= 0, got {p}.")
    return int(p)


def _candidate_labels(candidate_ids: Optional[Sequence], m: int) -> np.ndarray:
    if candidate_ids is None:
        return np.arange(m)
    labels = np.asarray(list(candidate_ids), dtype=object)
    if len(labels) != m:
        raise ValueError(f"{len(labels)} candidate ids for {m} candidates.")
    return labels


# --------------------------------------------------------------------------------------------
# the submodular core: F(S) = sum_i w_i max_{j in S} s_ij
# --------------------------------------------------------------------------------------------


@dataclass
class _Savings:
    """Demand rows x candidate columns with positive savings ``s`` and row weights ``w``."""

    csr: sp.csr_matrix
    w: np.ndarray

    @property
    def csc(self) -> sp.csc_matrix:  # noqa: D102
        if not hasattr(self, "_csc"):
            self._csc = self.csr.tocsc()
        return self._csc

    @property
    def shape(self) -> Tuple[int, int]:  # noqa: D102
        return self.csr.shape

    @property
    def nnz(self) -> int:  # noqa: D102
        return int(self.csr.nnz)

    def singles(self) -> np.ndarray:
        """F({j}) for every column."""
        return np.asarray(self.csr.T @ self.w).ravel()

    def value(self, columns: Sequence[int]) -> float:
        """F(S) for a set of columns."""
        cols = np.asarray(columns, dtype=np.int64)
        if len(cols) == 0 or self.nnz == 0:
            return 0.0
        sub = self.csr[:, cols]
        best = np.asarray(sub.max(axis=1).todense()).ravel()
        return float(self.w @ best)

    def add_column(self, j: int, cur: np.ndarray, gains: np.ndarray) -> None:
        """Open column ``j``: update the rows' best savings ``cur`` and all marginal ``gains`` in place."""
        csc, csr, w = self.csc, self.csr, self.w
        rows = csc.indices[csc.indptr[j] : csc.indptr[j + 1]]
        s_new = csc.data[csc.indptr[j] : csc.indptr[j + 1]]
        improve = s_new > cur[rows]
        rows, s_new = rows[improve], s_new[improve]
        if len(rows):
            sub = csr[rows]
            rep = np.repeat(np.arange(len(rows)), np.diff(sub.indptr))
            old = np.maximum(sub.data - cur[rows][rep], 0.0)
            new = np.maximum(sub.data - s_new[rep], 0.0)
            gains -= np.bincount(sub.indices, weights=(old - new) * w[rows][rep], minlength=csr.shape[1])
            cur[rows] = s_new

    def greedy(self, p: int, allowed: Optional[np.ndarray] = None) -> Tuple[List[int], List[float], float, float]:
        """Greedy selection with incremental gain updates.

        Returns ``(order, marginal_gains, value, upper_bound)`` where ``upper_bound`` is the online
        bound ``min_k F(S_k) + sum of the p largest gains w.r.t. S_k`` (valid only when
        ``allowed`` is None, i.e. over all columns).
        """
        n, m = self.shape
        cur = np.zeros(n)
        gains = self.singles()
        mask = np.ones(m, dtype=bool) if allowed is None else np.zeros(m, dtype=bool)
        if allowed is not None:
            mask[np.asarray(allowed, dtype=np.int64)] = True
        order: List[int] = []
        marg: List[float] = []
        value = 0.0
        ub = math.inf
        tiny = self.tolerance()
        for _ in range(min(p, int(mask.sum()))):
            g = np.where(mask, gains, -np.inf)
            ub = min(ub, value + _top_sum(gains[mask], p))
            j = int(np.argmax(g))
            if g[j] <= tiny:
                break
            order.append(j)
            marg.append(float(g[j]))
            value += float(g[j])
            mask[j] = False
            self.add_column(j, cur, gains)
        ub = min(ub, value + (_top_sum(gains[mask], p) if mask.any() else 0.0))
        return order, marg, value, ub

    def tolerance(self) -> float:
        """Absolute tolerance for comparing values of F (1e-12 of the largest possible value)."""
        return 1e-12 * max(1.0, float(self.w.sum()) * float(self.csr.data.max() if self.nnz else 1.0))

    def branch_and_bound(
        self, p: int, incumbent: Sequence[int], time_limit: float, node_limit: int = 1_000_000
    ) -> Tuple[List[int], bool, int]:
        """Exact maximisation of F over sets of at most ``p`` columns by depth-first branch and bound.

        At a node with chosen set ``S`` the free columns are sorted by marginal gain w.r.t. ``S``;
        the i-th child adds the i-th column and excludes the columns before it (each set is
        enumerated once). By submodularity ``F(S) + g_i + (the next p - |S| - 1 gains in the
        sorted list)`` bounds every set below that child; children are cut once the bound does not
        exceed the incumbent by more than a relative 1e-10. Returns ``(best set, proven optimal,
        nodes)``.
        """
        n, m = self.shape
        singles = self.singles()
        best = {"set": list(incumbent), "value": self.value(incumbent)}
        deadline = time.perf_counter() + time_limit
        nodes = 0
        complete = True
        abs_tol = self.tolerance()

        def visit(chosen: List[int], cur: np.ndarray, gains: np.ndarray, value: float, free: np.ndarray) -> None:
            nonlocal nodes, complete
            nodes += 1
            if nodes > node_limit or time.perf_counter() > deadline:
                complete = False
                return
            k = p - len(chosen)
            g = gains[free]
            pos = g > 0
            cols, g = free[pos], g[pos]
            srt = np.argsort(-g, kind="stable")
            cols, g = cols[srt], g[srt]
            if len(g) == 0:
                return
            tol = max(abs_tol, 1e-10 * abs(best["value"]))
            if k == 1:
                if value + g[0] > best["value"] + tol:
                    best["value"], best["set"] = value + float(g[0]), chosen + [int(cols[0])]
                return
            # bound of child i: value + g[i] + g[i+1] + ... + g[i+k-1] (gains only shrink as columns are added)
            csum = np.concatenate([[0.0], np.cumsum(g)])
            upper = value + csum[np.minimum(np.arange(len(g)) + k, len(g))] - csum[: len(g)]
            for i in range(len(g)):
                if upper[i] <= best["value"] + max(abs_tol, 1e-10 * abs(best["value"])):
                    break  # bounds decrease along the sorted list
                j = int(cols[i])
                cur2, gains2 = cur.copy(), gains.copy()
                self.add_column(j, cur2, gains2)
                visit(chosen + [j], cur2, gains2, value + float(g[i]), cols[i + 1 :])
                if not complete:
                    return

        if p > 0 and m > 0:
            visit([], np.zeros(n), singles.copy(), 0.0, np.arange(m))
        return best["set"], complete, nodes

    def restrict_columns(self, keep: np.ndarray) -> Tuple[_Savings, np.ndarray]:
        """Savings on the kept columns only, empty rows dropped; returns (savings, kept row positions)."""
        sub = self.csr[:, keep].tocsr()
        rows = np.flatnonzero(np.diff(sub.indptr) > 0)
        return _Savings(sub[rows], self.w[rows]), rows


def _top_sum(values: np.ndarray, k: int) -> float:
    """Sum of the ``k`` largest positive values."""
    if k <= 0 or len(values) == 0:
        return 0.0
    v = values[values > 0]
    if len(v) > k:
        v = np.partition(v, len(v) - k)[len(v) - k :]
    return float(v.sum())


def _aggregate_rows(sav: _Savings, by_order: bool) -> _Savings:
    """Merge demand rows without changing F (exact).

    ``by_order=False``: rows with identical columns and savings are merged, weights summed.
    ``by_order=True``: rows that rank their columns in the same order (decreasing saving, ties by
    column) are merged into one row with savings ``sum_i w_i s_ij`` and weight 1. This is exact
    because for any open set the first open column in the common order is the best for every
    merged row, so ``sum_i w_i max_open s_ij = max_open sum_i w_i s_ij``.
    """
    csr = sav.csr.tocsr()
    csr.sort_indices()
    n = csr.shape[0]
    if n == 0:
        return _Savings(csr, sav.w)
    ip, ind, dat = csr.indptr, csr.indices, csr.data
    if by_order:
        rows = np.repeat(np.arange(n), np.diff(ip))
        ind = ind[np.lexsort((ind, -dat, rows))]
        keys = [ind[a:b].tobytes() for a, b in zip(ip[:-1], ip[1:])]
    else:
        keys = [ind[a:b].tobytes() + dat[a:b].tobytes() for a, b in zip(ip[:-1], ip[1:])]
    codes, uniques = pd.factorize(pd.Series(keys, dtype=object), sort=False)
    if len(uniques) == n:
        return _Savings(csr, sav.w)
    if by_order:
        group = sp.csr_matrix((sav.w, (codes, np.arange(n))), shape=(len(uniques), n))
        merged = (group @ csr).tocsr()
        merged.sort_indices()
        return _Savings(merged, np.ones(len(uniques)))
    first = np.full(len(uniques), -1, dtype=np.int64)
    first[codes[::-1]] = np.arange(n)[::-1]
    return _Savings(csr[first], np.bincount(codes, weights=sav.w, minlength=len(uniques)))


def _eliminate(singles: np.ndarray, p: int, lower: float) -> np.ndarray:
    """Columns that may belong to an optimal solution: F({j}) + best other p-1 singles >= lower."""
    m = len(singles)
    if p >= m:
        return np.flatnonzero(singles > 0)
    order = np.argsort(-singles, kind="stable")
    top = singles[order[: p - 1]].sum() if p > 1 else 0.0
    others = np.full(m, top)
    if p > 1:
        pth = singles[order[p - 1]]
        others[order[: p - 1]] = top - singles[order[: p - 1]] + pth
    tol = 1e-9 * max(1.0, abs(lower))
    return np.flatnonzero((singles > 0) & (singles + others >= lower - tol))


def _rank_table(sav: _Savings, selected: Sequence[int]) -> Tuple[List[int], List[float]]:
    """Order the selected columns by greedy marginal contribution among themselves."""
    if len(selected) == 0:
        return [], []
    order, marg, _, _ = sav.greedy(len(selected), allowed=np.asarray(selected))
    rest = [j for j in selected if j not in order]  # columns adding nothing (ties, zero gain)
    return order + rest, marg + [0.0] * len(rest)


def _solve_milp(c, integrality, bounds, constraints, time_limit: float):
    t0 = time.perf_counter()
    res = milp(
        c,
        integrality=integrality,
        bounds=bounds,
        constraints=constraints,
        options={"time_limit": time_limit, "mip_rel_gap": 0.0},
    )
    return res, time.perf_counter() - t0


_STATUS = {0: "optimal", 1: "time or iteration limit reached", 2: "infeasible", 3: "unbounded", 4: "solver error"}


# --------------------------------------------------------------------------------------------
# MCLP
# --------------------------------------------------------------------------------------------


def maximal_covering(
    demand: Any,
    candidate_costs: CostsLike,
    p: int,
    max_cost: float,
    existing_costs: Optional[CostsLike] = None,
    *,
    candidate_ids: Optional[Sequence] = None,
    max_nonzeros: int = DEFAULT_MAX_NONZEROS,
    time_limit: float = DEFAULT_TIME_LIMIT,
    engine: str = "auto",
) -> LocationResult:
    """Maximal covering location: choose up to ``p`` candidates maximising newly covered demand.

    Parameters
    ----------
    demand : weight per demand point (e.g. target population).
    candidate_costs : demand x candidate costs (:class:`SparseCosts`, dense array with inf/NaN =
        unreachable, or a scipy sparse matrix whose stored entries are the pairs).
    p : number of new sites.
    max_cost : coverage distance d0 (inclusive: covered if cost <= d0).
    existing_costs : demand x existing-facility costs; demand within d0 of an existing facility
        is already covered and does not count again. Existing facilities are never dropped.
    candidate_ids : labels for the ``candidate`` column of the result table (default positions).
    max_nonzeros : above this size of the reduced program the greedy heuristic is used.
    time_limit : seconds for the exact methods together.
    engine : ``"auto"``, ``"milp"``, ``"bnb"`` (branch and bound) or ``"greedy"``.

    Returns
    -------
    LocationResult with ``objective`` = population newly covered and per site
    ``newly_covered_pop`` (marginal, in rank order; sums to the objective) and
    ``uncovered_pop_in_reach`` (uncovered population within d0 of the site on its own).
    """
    t_start = time.perf_counter()
    w = _weights(demand)
    p = _check_p(p)
    if not (max_cost >= 0 and math.isfinite(max_cost)):
        raise ValueError(f"Coverage distance d0 must be a finite number >= 0, got {max_cost}.")
    cand = _as_costs(candidate_costs, len(w), max_cost, "Candidate")
    m = cand.n_facilities
    labels = _candidate_labels(candidate_ids, m)
    messages: List[str] = []
    covered0 = np.zeros(len(w), dtype=bool)
    n_existing = 0
    if existing_costs is not None:
        ex = _as_costs(existing_costs, len(w), max_cost, "Existing facility")
        n_existing = ex.n_facilities
        covered0[ex.demand_idx] = True
    baseline = float(w[covered0].sum())
    total = float(w.sum())
    active = ~covered0 & (w > 0)
    keep = active[cand.demand_idx]
    rows_all = np.flatnonzero(active)
    row_of = np.full(len(w), -1, dtype=np.int64)
    row_of[rows_all] = np.arange(len(rows_all))
    B = sp.csr_matrix(
        (np.ones(int(keep.sum())), (row_of[cand.demand_idx[keep]], cand.facility_idx[keep])), shape=(len(rows_all), m)
    )
    coverable = np.diff(B.indptr) > 0
    sav_full = _Savings(B[coverable], w[rows_all][coverable])
    messages.append(
        f"Demand: {total:g} in {len(w)} points; {baseline:g} already covered within {max_cost:g} by {n_existing} "
        f"existing facilities; {sav_full.w.sum():g} uncovered and within {max_cost:g} of a candidate; "
        f"{total - baseline - sav_full.w.sum():g} out of reach of every candidate."
    )
    sav = _aggregate_rows(sav_full, by_order=False)
    messages.append(f"{sav_full.shape[0]} uncovered demand points form {sav.shape[0]} distinct coverage patterns.")
    params = {"method": "mclp", "p": p, "d0": max_cost, "n_candidates": m, "n_existing": n_existing}

    def finish(sel: Sequence[int], exact: bool, status: str, bound: float) -> LocationResult:
        order, marg = _rank_table(sav, list(sel))
        objective = sav.value(order)
        singles = sav.singles()
        table = pd.DataFrame(
            {
                "candidate": labels[np.asarray(order, dtype=np.int64)] if order else np.zeros(0, dtype=object),
                "rank": np.arange(1, len(order) + 1),
                "newly_covered_pop": np.asarray(marg, dtype=float),
                "uncovered_pop_in_reach": singles[np.asarray(order, dtype=np.int64)] if order else np.zeros(0),
            }
        )
        bound = max(bound, objective)
        gap = 0.0 if exact else (bound - objective) / bound if bound > 0 else 0.0
        messages.append(
            f"MCLP: {len(order)} new sites cover {objective:g} more ({status}); "
            f"total covered {baseline + objective:g} of {total:g}; {time.perf_counter() - t_start:.2f} s."
        )
        if not exact:
            messages.append(
                f"Heuristic solution (greedy): optimum at most {bound:g} (gap {gap:.2%}); greedy reaches at least "
                f"(1 - 1/e) = 63.2 % of the optimum."
            )
        for line in messages:
            LOG.info(line)
        return LocationResult(
            "mclp",
            np.asarray(order, dtype=np.int64),
            table,
            objective,
            exact,
            status,
            bound,
            gap,
            baseline,
            messages,
            params,
        )

    return _solve(sav, p, finish, messages, max_nonzeros, time_limit, _mclp_milp, False, engine, AUTO_MILP_NONZEROS)


def _mclp_milp(sav: _Savings, p: int, time_limit: float):
    """MILP of the reduced MCLP; returns (selected columns, exact, status, dual bound) or None."""
    n, m = sav.shape
    B = sav.csr.tocoo()
    A_cover = sp.hstack([-sp.csr_matrix((np.ones(B.nnz), (B.row, B.col)), shape=(n, m)), sp.identity(n)]).tocsc()
    A_card = sp.csr_matrix(np.concatenate([np.ones(m), np.zeros(n)])[None, :])
    c = np.concatenate([np.zeros(m), -sav.w])
    cons = [LinearConstraint(A_cover, -np.inf, 0.0), LinearConstraint(A_card, -np.inf, p)]
    integrality = np.concatenate([np.ones(m), np.zeros(n)])
    res, secs = _solve_milp(c, integrality, Bounds(0.0, 1.0), cons, time_limit)
    if res.x is None:
        return None, secs, _STATUS.get(res.status, str(res.status)), math.inf
    sel = np.flatnonzero(res.x[:m] > 0.5)
    dual = getattr(res, "mip_dual_bound", None)
    bound = -float(dual) if dual is not None and np.isfinite(dual) else math.inf
    return sel, secs, _STATUS.get(res.status, str(res.status)), bound if res.status != 0 else -float(res.fun)


def _solve(
    sav: _Savings,
    p: int,
    finish,
    messages: List[str],
    max_nonzeros: int,
    time_limit: float,
    builder,
    by_order: bool,
    engine: str,
    milp_limit: int,
):
    """Shared pipeline: greedy, trivial cases, exact reduction, then MILP / branch and bound / heuristic.

    ``engine``: ``"auto"`` (MILP when the reduced program has at most ``milp_limit`` nonzeros,
    otherwise branch and bound; each falls back to the other within the time limit, then to the
    greedy heuristic), ``"milp"``, ``"bnb"`` or ``"greedy"``.
    """
    if engine not in ("auto", "milp", "bnb", "greedy"):
        raise ValueError(f"Unknown engine '{engine}' (use auto, milp, bnb or greedy).")
    t0 = time.perf_counter()
    n, m = sav.shape
    singles = sav.singles()
    useful = np.flatnonzero(singles > 0)
    if p == 0 or len(useful) == 0:
        return finish([], True, "optimal (nothing to choose)", 0.0)
    if len(useful) <= p:
        if len(useful) < p:
            messages.append(
                f"Only {len(useful)} candidates improve the result; the other {p - len(useful)} would add nothing."
            )
        return finish(list(useful), True, "optimal (all useful candidates chosen)", sav.value(useful))
    g_order, _, g_value, g_ub = sav.greedy(p)
    g_ub = min(g_ub, g_value / GREEDY_GUARANTEE)
    if engine == "greedy":
        return finish(g_order, False, "heuristic (greedy, as requested)", g_ub)
    keep = _eliminate(singles, p, g_value)
    messages.append(
        f"Reduction: {len(keep)} of {m} candidates can be part of an optimal solution "
        f"(greedy value {g_value:g}, upper bound {g_ub:g})."
    )
    if len(keep) <= p:
        return finish(list(keep), True, "optimal (reduction left at most p candidates)", sav.value(keep))
    red, _ = sav.restrict_columns(keep)
    red = _aggregate_rows(red, by_order=by_order)
    size = red.nnz * 3 + red.shape[0] + red.shape[1]
    messages.append(f"Reduced problem: {red.shape[1]} candidates x {red.shape[0]} demand rows, ~{size} nonzeros.")
    if size > max_nonzeros:
        messages.append(f"More than {max_nonzeros} nonzeros: greedy heuristic used instead of an exact method.")
        return finish(g_order, False, "heuristic (greedy; problem above the exact-solver size limit)", g_ub)
    g_red = [int(i) for i in np.flatnonzero(np.isin(keep, g_order))]
    steps = {"auto": ["milp", "bnb"] if size <= milp_limit else ["bnb", "milp"], "milp": ["milp"], "bnb": ["bnb"]}
    for k, step in enumerate(steps[engine]):
        left = time_limit - (time.perf_counter() - t0)
        if left <= 0:
            break
        if k == 0 and len(steps[engine]) > 1:
            left *= 0.5  # leave time for the other exact method
        if step == "milp":
            sel, secs, status, bound = builder(red, p, left)
            messages.append(f"HiGHS MILP: {status} in {secs:.2f} s.")
            if sel is not None and status == "optimal":
                return finish(list(keep[sel]), True, "optimal (HiGHS MILP)", sav.value(keep[sel]))
            if sel is not None and sav.value(keep[sel]) > g_value:
                g_order, g_value = list(keep[sel]), sav.value(keep[sel])
                g_red = [int(i) for i in sel]
            g_ub = min(g_ub, bound)
        else:
            t1 = time.perf_counter()
            sel, complete, nodes = red.branch_and_bound(p, g_red, left)
            messages.append(
                f"Branch and bound: {nodes} nodes, {'complete' if complete else 'stopped at the limit'} "
                f"in {time.perf_counter() - t1:.2f} s."
            )
            if complete:
                value = sav.value(keep[sel])
                return finish(list(keep[sel]), True, "optimal (branch and bound, submodular bounds)", value)
            if sav.value(keep[sel]) > g_value:
                g_order, g_value = list(keep[sel]), sav.value(keep[sel])
                g_red = list(sel)
    messages.append("Exact solution not reached within the limits: greedy heuristic (or best found) reported.")
    return finish(g_order, False, "heuristic (greedy or best found; exact solver limit reached)", g_ub)


# --------------------------------------------------------------------------------------------
# p-median
# --------------------------------------------------------------------------------------------


def p_median(
    demand: Any,
    candidate_costs: CostsLike,
    p: int,
    existing_costs: Optional[CostsLike] = None,
    *,
    max_cost: float = math.inf,
    unreached_cost: Optional[float] = None,
    candidate_ids: Optional[Sequence] = None,
    max_nonzeros: int = DEFAULT_MAX_NONZEROS,
    time_limit: float = DEFAULT_TIME_LIMIT,
    engine: str = "auto",
) -> LocationResult:
    """p-median with existing facilities fixed: minimise population-weighted cost to the nearest open facility.

    Parameters
    ----------
    demand : weight per demand point.
    candidate_costs, existing_costs : demand x candidate / existing-facility costs (as in
        :func:`maximal_covering`); pairs above ``max_cost`` are ignored.
    p : number of new sites (fewer are proposed only when no further candidate lowers the cost).
    max_cost : pairs above this cost do not count (default: all pairs given).
    unreached_cost : cost charged per demand unit for points with no open facility within
        ``max_cost``; default ``max_cost``. Must be >= every pair cost used. Required when
        ``max_cost`` is infinite and some weighted point could stay unreached.
    candidate_ids, max_nonzeros, time_limit, engine : as in :func:`maximal_covering`.

    Returns
    -------
    LocationResult with ``objective`` = sum of w_i x cost (penalties included), ``baseline`` = the
    same with existing facilities only, and per site ``cost_reduction`` (marginal in rank order),
    ``assigned_pop`` (demand whose nearest open facility it is; ties go to existing facilities,
    then to the better rank) and ``mean_cost_assigned``.
    """
    t_start = time.perf_counter()
    w = _weights(demand)
    p = _check_p(p)
    n = len(w)
    cand = _as_costs(candidate_costs, n, max_cost, "Candidate")
    m = cand.n_facilities
    labels = _candidate_labels(candidate_ids, m)
    e = np.full(n, np.inf)
    n_existing = 0
    if existing_costs is not None:
        ex = _as_costs(existing_costs, n, max_cost, "Existing facility")
        n_existing = ex.n_facilities
        e = ex.min_cost_per_demand()
    pen = unreached_cost if unreached_cost is not None else max_cost
    max_pair = max(
        float(cand.cost.max()) if cand.nnz else 0.0, float(e[np.isfinite(e)].max()) if np.isfinite(e).any() else 0.0
    )
    if math.isfinite(pen) and pen < max_pair:
        raise ValueError(
            f"unreached_cost {pen:g} is smaller than a pair cost used ({max_pair:g}); it must be at least max_cost."
        )
    cap = np.minimum(e, pen)
    messages: List[str] = []
    inf_cap = ~np.isfinite(cap) & (w > 0)
    if inf_cap.any():
        n_pairs = np.bincount(cand.demand_idx, minlength=n)
        fixable = inf_cap & (n_pairs == m) & (p >= 1)
        if (inf_cap & ~fixable).any():
            k = int(np.flatnonzero(inf_cap & ~fixable)[0])
            raise ValueError(
                f"{int((inf_cap & ~fixable).sum())} weighted demand points (first: point {k}) reach no existing "
                "facility and not every candidate; give unreached_cost (charged when no open facility is in reach) "
                "or a finite max_cost."
            )
        # reached by every candidate: with p >= 1 sites opened, the farthest candidate bounds the cost.
        far = np.zeros(n)
        np.maximum.at(far, cand.demand_idx, cand.cost)
        cap = np.where(inf_cap, far, cap)
    cap = np.where(w > 0, cap, 0.0)
    baseline = float(w @ np.where(np.isfinite(cap), cap, 0.0))
    d, j = cand.cost, cand.facility_idx
    keep = (w[cand.demand_idx] > 0) & (d < cap[cand.demand_idx])
    rows_all = np.unique(cand.demand_idx[keep])
    row_of = np.full(n, -1, dtype=np.int64)
    row_of[rows_all] = np.arange(len(rows_all))
    ri = row_of[cand.demand_idx[keep]]
    S = sp.csr_matrix((cap[cand.demand_idx[keep]] - d[keep], (ri, j[keep])), shape=(len(rows_all), m))
    sav = _Savings(S, w[rows_all])
    messages.append(
        f"Demand: {w.sum():g} in {n} points; weighted cost with {n_existing} existing facilities only: {baseline:g}; "
        f"{len(rows_all)} points could get closer to a new site ({sav.shape[0]} distinct rows)."
    )
    params = {
        "method": "p_median",
        "p": p,
        "max_cost": max_cost,
        "unreached_cost": pen,
        "n_candidates": m,
        "n_existing": n_existing,
    }

    def finish(sel: Sequence[int], exact: bool, status: str, bound_savings: float) -> LocationResult:
        order, marg = _rank_table(sav, list(sel))
        savings = sav.value(order)
        objective = baseline - savings
        bound = baseline - max(bound_savings, savings)
        gap = 0.0 if exact else ((objective - bound) / objective if objective > 0 else 0.0)
        assigned, mean_cost = _assignment(cand, w, e, max_cost, np.asarray(order, dtype=np.int64))
        table = pd.DataFrame(
            {
                "candidate": labels[np.asarray(order, dtype=np.int64)] if order else np.zeros(0, dtype=object),
                "rank": np.arange(1, len(order) + 1),
                "cost_reduction": np.asarray(marg, dtype=float),
                "assigned_pop": assigned,
                "mean_cost_assigned": mean_cost,
            }
        )
        messages.append(
            f"p-median: {len(order)} new sites reduce the weighted cost from {baseline:g} to {objective:g} ({status}); "
            f"{time.perf_counter() - t_start:.2f} s."
        )
        if not exact:
            messages.append(f"Heuristic solution (greedy): optimum at least {bound:g} (gap {gap:.2%}).")
        for line in messages:
            LOG.info(line)
        return LocationResult(
            "p_median",
            np.asarray(order, dtype=np.int64),
            table,
            objective,
            exact,
            status,
            bound,
            gap,
            baseline,
            messages,
            params,
        )

    return _solve(sav, p, finish, messages, max_nonzeros, time_limit, _pmedian_milp, True, engine, AUTO_MILP_NONZEROS)


def _assignment(cand: SparseCosts, w: np.ndarray, e: np.ndarray, max_cost: float, order: np.ndarray):
    """Population assigned to each chosen site (nearest open facility) and its mean cost."""
    k = len(order)
    if k == 0:
        return np.zeros(0), np.zeros(0)
    rank = np.full(cand.n_facilities, -1, dtype=np.int64)
    rank[order] = np.arange(k)
    r = rank[cand.facility_idx]
    ok = (r >= 0) & (cand.cost <= max_cost) & (cand.cost < e[cand.demand_idx]) & (w[cand.demand_idx] > 0)
    di, rr, cc = cand.demand_idx[ok], r[ok], cand.cost[ok]
    srt = np.lexsort((rr, cc, di))
    di, rr, cc = di[srt], rr[srt], cc[srt]
    first = np.ones(len(di), dtype=bool)
    first[1:] = di[1:] != di[:-1]
    pop = np.bincount(rr[first], weights=w[di[first]], minlength=k)
    wc = np.bincount(rr[first], weights=w[di[first]] * cc[first], minlength=k)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.where(pop > 0, wc / np.where(pop > 0, pop, 1.0), np.nan)
    return pop, mean


def _pmedian_milp(sav: _Savings, p: int, time_limit: float):
    """Radius (chain) MILP of the reduced p-median; returns like :func:`_mclp_milp`, in savings units.

    Only the savings ``s_ij = cap_i - d_ij`` matter (the cost is ``cap_i - max_open s_ij``), so the
    chain runs on ``dist = -s_ij`` with ``cap = 0``: the MILP minimises ``-sum_i w_i max_open s_ij``.
    """
    n, m = sav.shape
    coo = sav.csr.tocoo()
    cap = np.zeros(n)
    row, col = coo.row.astype(np.int64), coo.col.astype(np.int64)
    dist = -coo.data
    srt = np.lexsort((dist, row))
    row, col, dist = row[srt], col[srt], dist[srt]
    new_level = np.ones(len(row), dtype=bool)
    new_level[1:] = (row[1:] != row[:-1]) | (dist[1:] != dist[:-1])
    level = np.cumsum(new_level) - 1  # level id per pair
    L = int(level[-1]) + 1 if len(level) else 0
    lv_row = row[new_level]
    lv_dist = dist[new_level]
    first_of_row = np.ones(L, dtype=bool)
    first_of_row[1:] = lv_row[1:] != lv_row[:-1]
    next_dist = np.empty(L)
    next_dist[:-1] = lv_dist[1:]
    last_of_row = np.ones(L, dtype=bool)
    last_of_row[:-1] = first_of_row[1:]
    next_dist[last_of_row] = cap[lv_row[last_of_row]]
    # variables: x (m) then z (L); minimise sum_i w_i (D_i1 + sum_k (D_i,k+1 - D_ik) z_ik)
    c = np.concatenate([np.zeros(m), sav.w[lv_row] * (next_dist - lv_dist)])
    const = float(sav.w[lv_row[first_of_row]] @ lv_dist[first_of_row])
    ent_r = np.concatenate([level, np.arange(L), np.flatnonzero(~first_of_row)])
    ent_c = np.concatenate([col, m + np.arange(L), m + np.flatnonzero(~first_of_row) - 1])
    ent_v = np.concatenate([np.ones(len(level)), np.ones(L), -np.ones(int((~first_of_row).sum()))])
    A = sp.csc_matrix((ent_v, (ent_r, ent_c)), shape=(L, m + L))
    lb = first_of_row.astype(float)
    A_card = sp.csr_matrix(np.concatenate([np.ones(m), np.zeros(L)])[None, :])
    cons = [LinearConstraint(A, lb, np.inf), LinearConstraint(A_card, p, p)]
    integrality = np.concatenate([np.ones(m), np.zeros(L)])
    res, secs = _solve_milp(c, integrality, Bounds(0.0, 1.0), cons, time_limit)
    status = _STATUS.get(res.status, str(res.status))
    if res.x is None:
        return None, secs, status, math.inf
    sel = np.flatnonzero(res.x[:m] > 0.5)
    if res.status == 0:
        return sel, secs, status, -(const + float(res.fun))
    dual = getattr(res, "mip_dual_bound", None)
    bound = -(const + float(dual)) if dual is not None and np.isfinite(dual) else math.inf
    return sel, secs, status, bound


__all__ = [
    "AUTO_MILP_NONZEROS",
    "DEFAULT_MAX_NONZEROS",
    "GREEDY_GUARANTEE",
    "LocationResult",
    "maximal_covering",
    "p_median",
]
