"""Accessibility of facilities from demand points: nearest / k nearest, per-unit summaries, catchments.

Definitions (network mode, QGIS semantics, see :mod:`.network`):

* Every demand point and facility is tied to the nearest point on the nearest network segment.
  ``access_m`` is the demand point's straight leg to its tied point, ``fac_access_m`` the
  facility's leg, ``net_m`` the network distance between the two tied points along the edges
  (what ``QgsGraphAnalyzer.dijkstra`` returns between the tied vertices), and
  ``total_m = access_m + net_m + fac_access_m``. ``net_min`` is the network travel time,
  ``total_min`` adds both legs at the mode's access speed.
* ``cost`` is the value facilities are ranked by and the cut-off ``max_cost`` applies to, in
  metres (``cost="distance"``) or minutes (``"time"``): the network cost plus, with
  ``include_access=True`` (default), both access legs (in minutes at the access speed). With
  ``include_access=False`` it is the pure QGIS network cost between tied points.
* ``direction="to_facility"`` (default) measures the trip demand point → facility (one-way streets
  matter for the car mode), ``"from_facility"`` the trip back.
* Nothing is dropped: a demand point that reaches no facility keeps its row with
  ``reachable=False``, ``fac=-1``, NaN distances and a ``status``: ``not_connected`` (no network
  within ``max_access`` / no coordinates), ``other_component`` (no connected facility in its
  network component), ``beyond_cutoff`` (cost > ``max_cost``) or ``no_path`` (only one-way
  streets lead the wrong way).

Nearest facility: one multi-source Dijkstra over the graph (a virtual source node per
facility, joined to its tied node by its access leg). k nearest: Dijkstra from the facilities
in chunks, bounded by ``max_cost``, keeping the running k best per demand point (ties: lower
facility index first). Pure module: numpy, scipy, pandas.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Callable, Optional, Sequence, Union

import numpy as np
import pandas as pd
from scipy import sparse
from scipy.sparse.csgraph import dijkstra
from scipy.spatial import cKDTree

from .network import EdgePoints, Mode, Network, RoutingGraph, _points_at_nodes, access_graph, get_mode, routing_graph

log = logging.getLogger(__name__)

STATUS_OK = "ok"
STATUS_NOT_CONNECTED = "not_connected"
STATUS_OTHER_COMPONENT = "other_component"
STATUS_BEYOND_CUTOFF = "beyond_cutoff"
STATUS_NO_PATH = "no_path"
STATUSES = (STATUS_OK, STATUS_NOT_CONNECTED, STATUS_OTHER_COMPONENT, STATUS_BEYOND_CUTOFF, STATUS_NO_PATH)

#: Memory budget (bytes) for one chunk of per-facility Dijkstra results.
CHUNK_BYTES = 256 * 1024 * 1024
#: Edges one call of scipy's dijkstra may scan (sources × edges): it holds Python's GIL throughout, so
#: longer calls would freeze QGIS's user interface while a run works in the background.
DIJKSTRA_CALL_EDGES = 500_000


# --------------------------------------------------------------------------------------------
# the search graph: routing graph (+ reversed) + one virtual source node per facility
# --------------------------------------------------------------------------------------------


@dataclass
class _SearchGraph:
    csr: sparse.csr_matrix  # (M, M), M = n_nodes + n_facilities
    secondary: np.ndarray  # the other metric per entry (minutes for distance cost, metres for time cost)
    n_nodes: int
    virtual: np.ndarray  # (n_fac,) virtual node id per facility, -1 when the facility is not connected
    _keys: Optional[np.ndarray] = None

    @property
    def keys(self) -> np.ndarray:
        """row * M + col per entry (sorted); built when first needed (path sums, catchments)."""
        if self._keys is None:
            m = self.csr.shape[0]
            rows = np.repeat(np.arange(m, dtype=np.int64), np.diff(self.csr.indptr))
            self._keys = rows * m + self.csr.indices
        return self._keys


def _search_graph(graph: RoutingGraph, fac_nodes: np.ndarray, fac_leg_cost: np.ndarray, reverse: bool,
                  fac_leg_secondary: np.ndarray) -> _SearchGraph:
    n = graph.n_nodes
    g = graph.csr
    secondary = graph.minutes if graph.cost == "distance" else graph.length_m
    if reverse and graph.mode.oneway:  # two-way modes give a symmetric graph: nothing to reverse
        perm = sparse.csr_matrix((np.arange(1, g.nnz + 1, dtype=np.float64), g.indices, g.indptr), shape=g.shape)
        perm = perm.T.tocsr()
        perm.sort_indices()
        sel = perm.data.astype(np.int64) - 1
        indptr, indices, cost, secondary = perm.indptr, perm.indices, g.data[sel], secondary[sel]
    else:
        indptr, indices, cost = g.indptr, g.indices, g.data
    ok = fac_nodes >= 0
    nf = len(fac_nodes)
    m = n + nf
    virtual = np.where(ok, n + np.arange(nf), -1)
    # virtual rows come after all node rows: append one entry per connected facility
    indptr = np.concatenate([indptr.astype(np.int64), indptr[-1] + np.cumsum(ok.astype(np.int64))])
    indices = np.concatenate([indices, fac_nodes[ok]]).astype(np.int32 if m < 2**31 else np.int64)
    w = np.concatenate([cost, fac_leg_cost[ok]])
    s2 = np.concatenate([secondary, fac_leg_secondary[ok]])
    csr = sparse.csr_matrix((w, indices, indptr), shape=(m, m))
    csr.has_sorted_indices = True
    return _SearchGraph(csr=csr, secondary=s2, n_nodes=n, virtual=virtual)


def _tree_sums(sg: _SearchGraph, pred: np.ndarray) -> np.ndarray:
    """Sum of ``sg.secondary`` along the shortest-path trees given by ``pred`` (1-D or 2-D), by pointer jumping."""
    shape = pred.shape
    m = sg.csr.shape[0]
    p = pred.reshape(-1).astype(np.int64)
    size = p.size
    own = np.arange(size, dtype=np.int64)
    node = own % m
    has = p >= 0
    acc = np.zeros(size)
    if has.any():
        pos = np.searchsorted(sg.keys, p[has] * m + node[has])
        acc[has] = sg.secondary[pos]
    ptr = own.copy()
    ptr[has] = p[has] + (own[has] - node[has])  # same row, parent column
    while True:
        nxt = ptr[ptr]
        if np.array_equal(nxt, ptr):
            break
        acc = acc + acc[ptr]
        ptr = nxt
    return acc.reshape(shape)


class _Ends:
    """Where a path to each demand point ends: one or two graph nodes plus the piece to the point.

    For ``direction`` "to_facility" a path leaves the point along its piece (towards a if the
    mode may travel from b to a, towards b if from a to b); for "from_facility" it arrives
    along it. ``ca``/``cb``: the piece in the search cost (inf where the direction is closed),
    ``sa``/``sb``: in the other metric.
    """

    def __init__(self, points: EdgePoints, demand: np.ndarray, cost: str, direction: str):
        a, b = points.node_a[demand], points.node_b[demand]
        self.a = a
        self.a0, self.b0 = np.maximum(a, 0), np.maximum(b, 0)
        len_a, len_b = points.len_a[demand], points.len_b[demand]
        min_a, min_b = points.min_a[demand], points.min_b[demand]
        via_a = points.b_to_a[demand] if direction == "to_facility" else points.a_to_b[demand]
        via_b = points.a_to_b[demand] if direction == "to_facility" else points.b_to_a[demand]
        ca, cb = (len_a, len_b) if cost == "distance" else (min_a, min_b)
        self.sa, self.sb = (min_a, min_b) if cost == "distance" else (len_a, len_b)
        self.ca = np.where((a >= 0) & via_a, ca, np.inf)
        self.cb = np.where((b >= 0) & via_b, cb, np.inf)
        self.two = bool(np.any(b >= 0))

    def best(self, dist: np.ndarray, ends: bool = True):
        """(cost, end node, other-metric piece) per demand point from node costs ``dist`` (1-D or rows).

        ``ends`` False: only the cost (node and piece None).
        """
        ca = dist[..., self.a0] + self.ca
        if not self.two:
            if not ends:
                return ca, None, None
            return ca, np.broadcast_to(self.a0, ca.shape), np.broadcast_to(self.sa, ca.shape)
        cb = dist[..., self.b0] + self.cb
        if not ends:
            return np.minimum(ca, cb), None, None
        use_b = cb < ca
        return np.where(use_b, cb, ca), np.where(use_b, self.b0, self.a0), np.where(use_b, self.sb, self.sa)


# --------------------------------------------------------------------------------------------
# nearest and k nearest
# --------------------------------------------------------------------------------------------


def _empty_result(n: int, k: int) -> dict:
    cols = {
        "fac": np.full(n, -1, dtype=np.int64),
        "cost": np.full(n, np.nan),
        "net_m": np.full(n, np.nan),
        "net_min": np.full(n, np.nan),
        "access_m": np.full(n, np.nan),
        "fac_access_m": np.full(n, np.nan),
        "total_m": np.full(n, np.nan),
        "total_min": np.full(n, np.nan),
    }
    for j in range(2, k + 1):
        for name in ("fac", "cost", "net_m", "total_m", "total_min"):
            cols[f"{name}_{j}"] = np.full(n, -1, dtype=np.int64) if name == "fac" else np.full(n, np.nan)
    return cols


def graph_access(
    graph: RoutingGraph,
    demand: np.ndarray,
    facilities: np.ndarray,
    k: int = 1,
    max_cost: float = np.inf,
    direction: str = "to_facility",
    include_access: bool = True,
    check: Optional[Callable[[], None]] = None,
    points: Optional[EdgePoints] = None,
) -> pd.DataFrame:
    """Nearest (and k nearest) facility for demand points already tied in ``graph``.

    Args:
        graph: from :func:`.network.routing_graph` with demand and facility points tied.
        demand: indices of the demand points among the graph's points.
        facilities: indices of the facilities among the graph's points (facility ids in the
            result are positions in this array).
        k: number of nearest facilities (columns ``fac_2 … fac_k`` etc. for k > 1).
        max_cost: cut-off in cost units (metres or minutes), see module doc.
        direction: ``"to_facility"`` or ``"from_facility"``.
        include_access: rank and cut off by cost including both access legs.
        check: called between the Dijkstra calls of the k-nearest search; it stops the search by
            raising (e.g. a cancelled Processing run).
        points: the demand points as :class:`.network.EdgePoints` of ``graph`` (from
            :func:`.network.access_graph`); ``demand`` then indexes them instead of the graph's
            points. A path ends at either end of the point's edge piece plus the piece.

    Returns:
        DataFrame, one row per demand point (same order): ``fac`` (-1 = none), ``cost``,
        ``net_m``, ``net_min``, ``access_m``, ``fac_access_m``, ``total_m``, ``total_min``,
        ``reachable``, ``status`` and for k > 1 ``fac_j``, ``cost_j``, ``net_m_j``,
        ``total_m_j``, ``total_min_j`` (j = 2..k).
    """
    if direction not in ("to_facility", "from_facility"):
        raise ValueError("direction must be 'to_facility' or 'from_facility'")
    if k < 1:
        raise ValueError("k must be >= 1")
    if not max_cost >= 0:
        raise ValueError("max_cost must be >= 0")
    demand = np.asarray(demand, dtype=np.int64).reshape(-1)
    facilities = np.asarray(facilities, dtype=np.int64).reshape(-1)
    mode: Mode = graph.mode
    nd, nf = len(demand), len(facilities)
    out = _empty_result(nd, k)
    if points is None:
        points = _points_at_nodes(graph.point_node, graph.access_m)
    fnode = graph.point_node[facilities]
    dleg = points.access_m[demand]
    fleg = graph.access_m[facilities]
    apm = mode.access_metres_per_minute
    ends = _Ends(points, demand, graph.cost, direction)
    dnode = ends.a

    def to_cost(metres):
        return metres if graph.cost == "distance" else metres / apm

    def to_secondary(metres):  # access legs in the secondary metric (minutes or metres)
        return metres / apm if graph.cost == "distance" else metres

    fleg_cost = np.where(fnode >= 0, to_cost(fleg), 0.0) if include_access else np.zeros(nf)
    fleg_sec = np.where(fnode >= 0, to_secondary(fleg), 0.0) if include_access else np.zeros(nf)
    dleg_cost = to_cost(dleg) if include_access else np.zeros(nd)
    sg = _search_graph(graph, fnode, fleg_cost, reverse=direction == "to_facility", fac_leg_secondary=fleg_sec)
    sources = sg.virtual[sg.virtual >= 0]
    connected = dnode >= 0
    n = sg.n_nodes

    def finish(fac, c, sec, suffix=""):
        """Fill the columns of one rank from facility index, ranked cost (without demand leg) and secondary sum."""
        got = fac >= 0
        total_cost = np.where(got, c + dleg_cost, np.nan)
        got &= total_cost <= max_cost
        fa = np.where(got, fac, 0)
        net_cost = c - fleg_cost[fa]
        if not graph.uniform_speed:  # speeds differ per edge: the other metric summed along the path
            net_sec = sec - fleg_sec[fa]
            net_m, net_min = (net_cost, net_sec) if graph.cost == "distance" else (net_sec, net_cost)
        elif graph.cost == "distance":  # proportional
            net_m, net_min = net_cost, net_cost / mode.metres_per_minute
        else:
            net_m, net_min = net_cost * mode.metres_per_minute, net_cost
        total_m = dleg + net_m + fleg[fa]
        total_min = net_min + (dleg + fleg[fa]) / apm
        out["fac" + suffix] = np.where(got, fac, -1)
        out["cost" + suffix] = np.where(got, total_cost, np.nan)
        out["net_m" + suffix] = np.where(got, np.maximum(net_m, 0.0), np.nan)
        out["total_m" + suffix] = np.where(got, total_m, np.nan)
        out["total_min" + suffix] = np.where(got, total_min, np.nan)
        if not suffix:
            out["net_min"] = np.where(got, np.maximum(net_min, 0.0), np.nan)
            out["access_m"] = np.where(connected, dleg, np.nan)
            out["fac_access_m"] = np.where(got, fleg[fa], np.nan)
        return got

    if sources.size and connected.any():
        if k == 1:
            dist, pred, src = dijkstra(sg.csr, directed=True, indices=sources, min_only=True,
                                       return_predecessors=True, limit=max_cost)
            c, node, extra = ends.best(dist)
            c[~connected] = np.inf
            fac = np.where(np.isfinite(c), src[node] - n, -1)
            sec = np.zeros(nd)
            if not graph.uniform_speed:
                sec = np.where(np.isfinite(c), _tree_sums(sg, pred)[node] + extra, 0.0)
            got = finish(fac, c, sec)
        else:
            fac_k, cost_k, sec_k = _k_nearest(sg, sources, ends, connected, k, max_cost,
                                                  not graph.uniform_speed, check)
            got = finish(fac_k[:, 0], cost_k[:, 0], sec_k[:, 0])
            for j in range(1, k):
                finish(fac_k[:, j], cost_k[:, j], sec_k[:, j], suffix=f"_{j + 1}")
    else:
        got = np.zeros(nd, dtype=bool)
        out["access_m"] = np.where(connected, dleg, np.nan)

    status = np.full(nd, STATUS_OK, dtype=object)
    status[~got] = STATUS_NO_PATH if not np.isfinite(max_cost) else STATUS_BEYOND_CUTOFF
    ncomp, label = graph.components()
    fac_comp = np.zeros(ncomp + 1, dtype=bool)
    fac_comp[label[fnode[fnode >= 0]]] = True
    comp_has = np.zeros(nd, dtype=bool)
    comp_has[connected] = fac_comp[label[dnode[connected]]]
    status[~got & ~comp_has] = STATUS_OTHER_COMPONENT
    status[~connected] = STATUS_NOT_CONNECTED
    df = pd.DataFrame(out)
    df.insert(1, "reachable", got)
    df["status"] = pd.Categorical(status, categories=STATUSES)
    return df


def _k_nearest(sg: _SearchGraph, sources: np.ndarray, ends: _Ends, connected: np.ndarray, k: int,
               max_cost: float, path_sums: bool, check: Optional[Callable[[], None]] = None):
    """Running k best (facility, cost, secondary) per demand point over chunks of single-source runs;
    ``check()`` runs before each chunk (it may raise to stop)."""
    nd = len(ends.a)
    m = sg.csr.shape[0]
    n = sg.n_nodes
    best_fac = np.full((nd, k), -1, dtype=np.int64)
    best_cost = np.full((nd, k), np.inf)
    best_sec = np.zeros((nd, k))
    per_source = m * (8 + (60 if path_sums else 0))
    chunk = int(max(1, min(len(sources), CHUNK_BYTES // max(per_source, 1),
                           DIJKSTRA_CALL_EDGES // max(sg.csr.nnz, 1))))
    for start in range(0, len(sources), chunk):
        if check is not None:
            check()
        idx = sources[start : start + chunk]
        if path_sums:
            dist, pred = dijkstra(sg.csr, directed=True, indices=idx, return_predecessors=True, limit=max_cost)
            c, node, extra = ends.best(dist)  # (chunk, nd)
            sec = (np.take_along_axis(_tree_sums(sg, pred), node, axis=1) + extra).T
            del pred
        else:
            dist = dijkstra(sg.csr, directed=True, indices=idx, limit=max_cost)
            c, _, _ = ends.best(dist, ends=False)
        c = c.T  # (nd, chunk)
        del dist
        if not path_sums:
            sec = np.zeros_like(c)
        c[~connected] = np.inf
        fac = np.broadcast_to(idx - n, c.shape)
        all_c = np.concatenate([best_cost, c], axis=1)
        all_f = np.concatenate([best_fac, fac], axis=1)
        all_s = np.concatenate([best_sec, sec], axis=1)
        order = np.argsort(all_c, axis=1, kind="stable")[:, :k]
        best_cost = np.take_along_axis(all_c, order, axis=1)
        best_fac = np.take_along_axis(all_f, order, axis=1)
        best_sec = np.take_along_axis(all_s, order, axis=1)
    best_fac[~np.isfinite(best_cost)] = -1
    return best_fac, best_cost, best_sec


def network_access(
    network: Network,
    demand_xy: np.ndarray,
    facility_xy: np.ndarray,
    mode: Union[str, Mode] = "walk",
    k: int = 1,
    max_cost: float = np.inf,
    cost: str = "distance",
    max_access: float = np.inf,
    direction: str = "to_facility",
    include_access: bool = True,
    speed_kmh: float | None = None,
) -> pd.DataFrame:
    """Nearest (k nearest) facility over the network for every demand point, arrays in, table out.

    Demand points and facilities are tied to the network as QGIS's ``makeGraph`` ties all
    additional points; the demand points stay on their edges (:func:`.network.access_graph`),
    which gives the same distances on a smaller graph. See :func:`graph_access` for the columns
    and the module doc for the definitions. ``max_access``: points farther from the network are ``not_connected``.
    """
    mode = get_mode(mode, speed_kmh)
    demand_xy = np.asarray(demand_xy, dtype=np.float64).reshape(-1, 2)
    facility_xy = np.asarray(facility_xy, dtype=np.float64).reshape(-1, 2)
    graph, points, fac_index = access_graph(network, demand_xy, facility_xy, mode, cost, max_access)
    return graph_access(graph, np.arange(len(demand_xy)), fac_index, k=k, max_cost=max_cost,
                        direction=direction, include_access=include_access, points=points)


def euclidean_access(
    demand_xy: np.ndarray,
    facility_xy: np.ndarray,
    k: int = 1,
    max_dist: float = np.inf,
    speed_kmh: float = 4.5,
) -> pd.DataFrame:
    """Nearest (k nearest) facility by straight-line distance (cKDTree), same columns as the network mode.

    ``total_m`` is the straight distance, ``total_min`` = it at ``speed_kmh``; ``net_m`` and the
    access columns are NaN (no network). Equal distances among the k found: lower facility index first.
    """
    demand_xy = np.asarray(demand_xy, dtype=np.float64).reshape(-1, 2)
    facility_xy = np.asarray(facility_xy, dtype=np.float64).reshape(-1, 2)
    nd = len(demand_xy)
    out = _empty_result(nd, k)
    finite = np.all(np.isfinite(demand_xy), axis=1)
    fok = np.nonzero(np.all(np.isfinite(facility_xy), axis=1))[0]
    mpm = speed_kmh * 1000.0 / 60.0
    dist = np.full((nd, k), np.inf)
    fac = np.full((nd, k), -1, dtype=np.int64)
    if fok.size and finite.any():
        kk = min(k, fok.size)
        d, i = cKDTree(facility_xy[fok]).query(demand_xy[finite], k=kk, distance_upper_bound=max_dist)
        d = d.reshape(-1, kk)
        i = i.reshape(-1, kk)
        o = np.lexsort((i, d), axis=-1)  # equal distances: lower facility index first
        d = np.take_along_axis(d, o, axis=1)
        i = np.take_along_axis(i, o, axis=1)
        valid = np.isfinite(d)
        dist[finite, :kk] = d
        fac[finite, :kk] = np.where(valid, fok[np.minimum(i, fok.size - 1)], -1)
    got_all = fac >= 0
    for j in range(k):
        suffix = "" if j == 0 else f"_{j + 1}"
        g = got_all[:, j]
        out["fac" + suffix] = fac[:, j]
        out["cost" + suffix] = np.where(g, dist[:, j], np.nan)
        out["total_m" + suffix] = np.where(g, dist[:, j], np.nan)
        out["total_min" + suffix] = np.where(g, dist[:, j] / mpm, np.nan)
    got = got_all[:, 0]
    status = np.full(nd, STATUS_OK, dtype=object)
    status[~got] = STATUS_BEYOND_CUTOFF if np.isfinite(max_dist) else STATUS_NO_PATH
    status[~finite] = STATUS_NOT_CONNECTED
    df = pd.DataFrame(out)
    df.insert(1, "reachable", got)
    df["status"] = pd.Categorical(status, categories=STATUSES)
    return df


# --------------------------------------------------------------------------------------------
# per-unit summaries
# --------------------------------------------------------------------------------------------


def weighted_median(values: np.ndarray, weights: np.ndarray) -> float:
    """Lower weighted median: the smallest value whose cumulative weight reaches half the total."""
    values = np.asarray(values, dtype=float)
    weights = np.asarray(weights, dtype=float)
    ok = np.isfinite(values) & (weights > 0)
    if not ok.any():
        return float("nan")
    v, w = values[ok], weights[ok]
    o = np.argsort(v, kind="stable")
    cw = np.cumsum(w[o])
    return float(v[o][np.searchsorted(cw, 0.5 * cw[-1], side="left")])


def aggregate_by_unit(
    result: pd.DataFrame,
    unit: Sequence,
    population: Sequence[float],
    thresholds: Sequence[float] = (),
    value: str = "total_m",
) -> pd.DataFrame:
    """Population-weighted accessibility per spatial unit.

    Args:
        result: per demand point, from :func:`network_access` / :func:`euclidean_access`.
        unit: unit id per demand point (points with a missing unit are grouped under NaN → dropped
            by pandas; pass a placeholder id to keep them).
        population: weight per demand point (target population); NaN counts as 0.
        thresholds: values of ``value`` (e.g. metres) for the ``share_within_<t>`` columns.
        value: the result column summarised (``total_m``, ``net_m``, ``total_min``, ``cost`` …).

    Returns:
        DataFrame indexed by unit: ``population``, ``pop_reached``, ``pop_unreached`` and one
        ``pop_<status>`` column per non-ok status (never dropped), ``mean_<value>`` and
        ``median_<value>`` (weighted, over the reached population; NaN if none),
        ``pop_within_<t>`` and ``share_within_<t>`` (share of the unit's whole population,
        unreached counted as not within; NaN for a unit without population).
    """
    w = np.nan_to_num(np.asarray(population, dtype=float), nan=0.0)
    if len(w) != len(result):
        raise ValueError("population needs one value per result row")
    val = result[value].to_numpy(dtype=float)
    reached = result["reachable"].to_numpy(dtype=bool) & np.isfinite(val)
    status = result["status"].astype(str).to_numpy()
    # units as codes 0..m-1 in sorted order (missing units: -1, left out as by a pandas groupby)
    codes, uniques = pd.factorize(np.asarray(unit, dtype=object), sort=True)
    index = pd.Index(pd.Series(uniques, dtype=object).infer_objects().to_numpy(), name="unit")
    m = len(uniques)
    ok = codes >= 0
    c = codes[ok]

    def per_unit(weights):
        return np.bincount(c, weights=np.asarray(weights, dtype=float)[ok], minlength=m).astype(float, copy=False)

    w_reached = np.where(reached, w, 0.0)
    out = pd.DataFrame({"population": per_unit(w), "pop_reached": per_unit(w_reached)}, index=index)
    out["pop_unreached"] = out["population"] - out["pop_reached"]
    for st in STATUSES[1:]:
        out[f"pop_{st}"] = per_unit(np.where(status == st, w, 0.0))
    with np.errstate(invalid="ignore", divide="ignore"):
        reached_pop = out["pop_reached"].to_numpy()
        out[f"mean_{value}"] = np.where(reached_pop > 0, per_unit(w_reached * np.where(reached, val, 0.0))
                                        / np.where(reached_pop > 0, reached_pop, 1.0), np.nan)
    # weighted median per unit, vectorised: sort by (unit, value), cumulative weights per unit
    med = np.full(m, np.nan)
    sel = ok & reached & (w > 0)
    if sel.any():
        cs, v, ww = codes[sel], val[sel], w[sel]
        o = np.lexsort((v, cs))
        cs, v, ww = cs[o], v[o], ww[o]
        present = np.unique(cs)
        cw = np.cumsum(ww)
        starts = np.searchsorted(cs, present)
        ends = np.searchsorted(cs, present, side="right")
        before = np.where(starts > 0, cw[starts - 1], 0.0)
        total = cw[ends - 1] - before
        pos = np.searchsorted(cw, before + 0.5 * total, side="left")
        pos = np.clip(pos, starts, ends - 1)
        med[present] = v[pos]
    out[f"median_{value}"] = med
    population_u = out["population"].to_numpy()
    for t in thresholds:
        name = f"{t:g}"
        within = per_unit(np.where(reached & (val <= t), w, 0.0))
        out[f"pop_within_{name}"] = within
        with np.errstate(invalid="ignore", divide="ignore"):
            out[f"share_within_{name}"] = np.where(population_u > 0, within / np.where(population_u > 0,
                                                                                       population_u, 1.0), np.nan)
    out.index.name = "unit"
    return out


# --------------------------------------------------------------------------------------------
# catchments
# --------------------------------------------------------------------------------------------


@dataclass
class Catchments:
    """What each facility reaches within each cost limit.

    Attributes:
        nodes: DataFrame ``facility, limit, node, cost, x, y``: graph nodes with cost <= limit.
        pieces: DataFrame ``facility, limit, x0, y0, x1, y1, cost0, cost1, u, v, frac``: reached
            parts of edges (whole edges, or the part up to the limit), as straight pieces from
            the reached end; their union is the reached network (an edge reached whole appears
            once; partial pieces from both ends of an edge may overlap). ``u`` is the reached
            end node, ``v`` the other end node of the edge (graph node ids) and ``frac`` the
            reached share of the edge from ``u`` (1 = whole; then ``x1, y1`` are exactly ``v``'s
            coordinates). Input for buffers / hulls (:func:`.corridors.network_pieces`).
    """

    nodes: pd.DataFrame
    pieces: pd.DataFrame


def graph_catchments(
    graph: RoutingGraph,
    facilities: np.ndarray,
    limits: Sequence[float],
    direction: str = "from_facility",
    include_access: bool = False,
) -> Catchments:
    """Reached nodes and (partial) edge pieces per facility and limit (cost units of ``graph``).

    ``direction="from_facility"`` is QGIS's service area (trips starting at the facility);
    ``include_access`` starts each facility with its access leg already spent.
    """
    if direction not in ("to_facility", "from_facility"):
        raise ValueError("direction must be 'to_facility' or 'from_facility'")
    limits = np.sort(np.asarray(list(limits), dtype=float))
    facilities = np.asarray(facilities, dtype=np.int64).reshape(-1)
    fnode = graph.point_node[facilities]
    fleg = graph.access_m[facilities]
    apm = graph.mode.access_metres_per_minute
    leg_cost = np.where(fnode >= 0, fleg if graph.cost == "distance" else fleg / apm, 0.0) if include_access \
        else np.zeros(len(facilities))
    sg = _search_graph(graph, fnode, leg_cost, reverse=direction == "to_facility",
                       fac_leg_secondary=np.zeros(len(facilities)))
    n = sg.n_nodes
    m = sg.csr.shape[0]
    indptr, cols, weight = sg.csr.indptr, sg.csr.indices.astype(np.int64), sg.csr.data
    # the reverse of every entry (same node pair, other direction), where there is one
    rows = sg.keys // m
    rev = np.minimum(np.searchsorted(sg.keys, cols * m + rows), len(sg.keys) - 1)
    rev_weight = np.where(sg.keys[rev] == cols * m + rows, weight[rev], np.inf)
    node_parts, piece_parts = [], []
    sources = sg.virtual[sg.virtual >= 0]
    if sources.size and len(limits):
        chunk = int(max(1, min(len(sources), CHUNK_BYTES // (8 * max(m, 1) * 2),
                               DIJKSTRA_CALL_EDGES // max(sg.csr.nnz, 1))))
        for start in range(0, len(sources), chunk):
            idx = sources[start : start + chunk]
            dist = dijkstra(sg.csr, directed=True, indices=idx, limit=limits[-1])
            fac = idx - n
            r, c = np.nonzero(dist[:, :n] <= limits[-1])  # reached (facility, node) pairs
            dc = dist[r, c]
            # the edges leaving reached nodes (only they can be reached, whole or in part)
            cnt = indptr[c + 1] - indptr[c]
            k = np.repeat(indptr[c] - np.cumsum(cnt) + cnt, cnt) + np.arange(int(cnt.sum()))
            er, eu, du = np.repeat(r, cnt), np.repeat(c, cnt), np.repeat(dc, cnt)
            ev, ew, wr = cols[k], weight[k], rev_weight[k]
            dv = dist[er, ev]
            del dist
            for lim in limits:
                ok = dc <= lim
                node_parts.append(pd.DataFrame({"facility": fac[r[ok]], "limit": lim, "node": c[ok], "cost": dc[ok],
                                                "x": graph.node_xy[c[ok], 0], "y": graph.node_xy[c[ok], 1]}))
                full = du + ew <= lim
                # an edge covered whole from the other end needs no piece from this end
                drop = (dv + wr <= lim) & (~full | (eu > ev))
                e = np.flatnonzero((du < lim) & ~drop)
                d0 = du[e]
                with np.errstate(divide="ignore", invalid="ignore"):
                    frac = np.minimum(1.0, (lim - d0) / ew[e])
                p0 = graph.node_xy[eu[e]]
                p1 = graph.node_xy[ev[e]]
                pe = np.where((frac >= 1.0)[:, None], p1, p0 + (p1 - p0) * frac[:, None])  # whole: exactly v
                piece_parts.append(pd.DataFrame({"facility": fac[er[e]], "limit": lim, "x0": p0[:, 0], "y0": p0[:, 1],
                                                 "x1": pe[:, 0], "y1": pe[:, 1], "cost0": d0,
                                                 "cost1": d0 + frac * ew[e], "u": eu[e], "v": ev[e], "frac": frac}))
    nodes = pd.concat(node_parts, ignore_index=True) if node_parts else pd.DataFrame(
        columns=["facility", "limit", "node", "cost", "x", "y"])
    pieces = pd.concat(piece_parts, ignore_index=True) if piece_parts else pd.DataFrame(
        columns=["facility", "limit", "x0", "y0", "x1", "y1", "cost0", "cost1", "u", "v", "frac"])
    return Catchments(nodes=nodes, pieces=pieces)


def catchments(
    network: Network,
    facility_xy: np.ndarray,
    limits: Sequence[float],
    mode: Union[str, Mode] = "walk",
    cost: str = "distance",
    direction: str = "from_facility",
    max_access: float = np.inf,
    include_access: bool = False,
    speed_kmh: float | None = None,
) -> Catchments:
    """Catchments of facilities (arrays in): see :func:`graph_catchments`."""
    mode = get_mode(mode, speed_kmh)
    facility_xy = np.asarray(facility_xy, dtype=np.float64).reshape(-1, 2)
    graph = routing_graph(network, facility_xy, mode, cost, max_access)
    return graph_catchments(graph, np.arange(len(facility_xy)), limits, direction, include_access)
