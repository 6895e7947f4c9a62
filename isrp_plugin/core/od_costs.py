"""Demand x facility costs within a catchment over the street network, as sparse triplets (for 2SFCA).

The floating catchment methods (:mod:`.coverage`) need every demand-facility pair whose trip
costs at most ``d0``. Over the network this is one Dijkstra search per facility bounded by
``d0`` (``scipy.sparse.csgraph.dijkstra(limit=d0)``), run in chunks of facilities; the pairs
within the limit are picked out of each chunk with numpy (no Python loop over pairs or points).

Large graphs are searched piecewise: facilities are grouped by grid cells, and each group runs
on the subgraph of the nodes within the straight-line reach of its facilities (bounding box
grown by ``d0``, or ``d0`` x the fastest edge speed for times). An edge is never shorter than the
straight line between its ends, so no node outside that box can be reached within ``d0``: the
result is exactly that of the whole-graph search, which would cost O(facilities x nodes).

The cost of a pair is defined exactly as in :func:`.accessibility.graph_access` (the
``isrp:accessibility`` algorithm), so that the nearest facility found there and the pairs found
here agree:

* every point is tied to the nearest point of the nearest segment (:func:`.network.routing_graph`);
* ``cost = demand access leg + network cost between the tied points + facility access leg``
  with ``include_access=True`` (default), the legs in minutes at the mode's access speed when
  the graph measures time; with ``include_access=False`` only the network cost;
* ``direction="to_facility"`` (default) measures trips demand point -> facility (one-way streets
  matter for the car mode), ``"from_facility"`` the way back;
* the catchment test is inclusive: ``cost <= max_cost``;
* points not tied to the network (farther than ``max_access``, no coordinates) have no pairs.

Pure module: numpy and scipy.
"""

from __future__ import annotations

import logging
import math
from typing import Optional, Union

import numpy as np
from scipy import sparse
from scipy.sparse.csgraph import dijkstra

from .accessibility import _search_graph
from .coverage import SparseCosts
from .network import Mode, Network, RoutingGraph, get_mode, routing_graph

log = logging.getLogger(__name__)

#: Memory budget (bytes) for one chunk of Dijkstra results (facilities x graph nodes, float64).
CHUNK_BYTES = 64 * 1024 * 1024
#: Graphs with fewer nodes are searched whole (the spatial split does not pay off).
SPATIAL_MIN_NODES = 5000
#: Aim for about this many facilities per spatial group.
GROUP_SIZE = 16


def _reach_radius(graph: RoutingGraph, max_cost: float) -> float:
    """Straight-line distance (coordinate units) no trip of cost <= max_cost can exceed; inf if unbounded.

    An edge is never shorter than the straight line between its nodes, so a path of network length
    L stays within L of its start; in time units L <= max_cost x the fastest edge speed (m/min).
    """
    cost, length = graph.csr.data, graph.length_m
    if not len(cost):
        return 0.0
    if np.any((cost <= 0) & (length > 0)):
        return np.inf
    pos = cost > 0
    speed = float(np.max(length[pos] / cost[pos])) if pos.any() else 1.0
    r = max_cost * speed
    return r * (1 + 1e-9) + 1e-6 if np.isfinite(r) else np.inf


def _spatial_groups(xy: np.ndarray, radius: float, size: int = GROUP_SIZE):
    """Facility positions grouped by grid cells holding about ``size`` facilities (cells >= radius)."""
    lo = xy.min(0)
    ext = np.maximum(xy.max(0) - lo, 1.0)
    cell = max(float(np.sqrt(ext[0] * ext[1] * size / len(xy))), radius, 1e-9)
    cx = np.floor((xy[:, 0] - lo[0]) / cell).astype(np.int64)
    cy = np.floor((xy[:, 1] - lo[1]) / cell).astype(np.int64)
    key = cx * (int(cy.max()) + 1) + cy
    order = np.argsort(key, kind="stable")
    cuts = np.nonzero(np.diff(key[order]))[0] + 1
    return np.split(order, cuts)


def _subgraph(csr, sel: np.ndarray, local: np.ndarray):
    """The CSR graph induced by the nodes ``sel`` (``local[sel]`` = their new numbers, -1 elsewhere)."""
    indptr = csr.indptr
    starts = indptr[sel].astype(np.int64)
    counts = (indptr[sel + 1] - indptr[sel]).astype(np.int64)
    total = int(counts.sum())
    first = np.cumsum(counts) - counts
    offs = np.repeat(starts - first, counts) + np.arange(total, dtype=np.int64)
    cols = local[csr.indices[offs]]
    keep = cols >= 0
    row = np.repeat(np.arange(len(sel), dtype=np.int64), counts)[keep]
    new_indptr = np.zeros(len(sel) + 1, dtype=np.int64)
    np.cumsum(np.bincount(row, minlength=len(sel)), out=new_indptr[1:])
    sub = sparse.csr_matrix((csr.data[offs][keep], cols[keep].astype(np.int32), new_indptr),
                            shape=(len(sel), len(sel)))
    sub.has_sorted_indices = True
    return sub


def graph_od_costs(
    graph: RoutingGraph,
    demand: np.ndarray,
    facilities: np.ndarray,
    max_cost: float,
    include_access: bool = True,
    direction: str = "to_facility",
    chunk_bytes: int = CHUNK_BYTES,
    spatial: bool = True,
) -> SparseCosts:
    """All (demand, facility, cost) pairs with ``cost <= max_cost`` for points already tied in ``graph``.

    Args:
        graph: from :func:`.network.routing_graph` with demand points and facilities tied.
        demand: indices of the demand points among the graph's points (result row ``i`` = ``demand[i]``).
        facilities: indices of the facilities among the graph's points (result column ``j`` = ``facilities[j]``).
        max_cost: the catchment ``d0`` in the graph's cost unit (metres or minutes); must be finite.
        include_access: add both access legs to the cost (as ``isrp:accessibility`` does).
        direction: ``"to_facility"`` or ``"from_facility"``.
        chunk_bytes: memory budget of one chunk of single-source results.
        spatial: search each group of nearby facilities on the part of the graph it can reach (see
            the module doc); ``False`` searches the whole graph (same result, slower on large graphs).

    Returns:
        :class:`.coverage.SparseCosts` with ``max_cost`` set; positions refer to ``demand`` / ``facilities``.
    """
    if direction not in ("to_facility", "from_facility"):
        raise ValueError("direction must be 'to_facility' or 'from_facility'")
    max_cost = float(max_cost)
    if not (math.isfinite(max_cost) and max_cost >= 0):
        raise ValueError(f"the catchment max_cost must be a finite number >= 0, got {max_cost}")
    demand = np.asarray(demand, dtype=np.int64).reshape(-1)
    facilities = np.asarray(facilities, dtype=np.int64).reshape(-1)
    nd, nf = len(demand), len(facilities)
    mode: Mode = graph.mode
    apm = mode.access_metres_per_minute

    def leg_cost(metres):
        if not include_access:
            return np.zeros(len(metres))
        return metres if graph.cost == "distance" else metres / apm

    dnode = graph.point_node[demand] if nd else np.zeros(0, dtype=np.int64)
    fnode = graph.point_node[facilities] if nf else np.zeros(0, dtype=np.int64)
    fleg = np.where(fnode >= 0, leg_cost(graph.access_m[facilities]), 0.0) if nf else np.zeros(0)
    dleg = leg_cost(graph.access_m[demand]) if nd else np.zeros(0)

    empty = np.zeros(0, dtype=np.int64)
    d_conn = np.nonzero(dnode >= 0)[0]
    if not nd or not nf or not d_conn.size or not np.any(fnode >= 0):
        return SparseCosts._trusted(empty, empty.copy(), np.zeros(0), nd, nf, max_cost)

    sg = _search_graph(graph, fnode, fleg, reverse=direction == "to_facility", fac_leg_secondary=np.zeros(nf))
    n = sg.n_nodes
    m = sg.csr.shape[0]
    d_nodes = dnode[d_conn]
    d_leg = dleg[d_conn]
    # demand points beyond the catchment by their access leg alone never qualify
    usable = d_leg <= max_cost
    d_conn, d_nodes, d_leg = d_conn[usable], d_nodes[usable], d_leg[usable]
    fac_conn = np.nonzero(fnode >= 0)[0]
    radius = _reach_radius(graph, max_cost)
    use_spatial = spatial and np.isfinite(radius) and n >= SPATIAL_MIN_NODES and len(fac_conn) > 1
    if use_spatial:
        groups = _spatial_groups(graph.node_xy[fnode[fac_conn]], radius)
    else:
        groups = [np.arange(len(fac_conn))]
    local = np.full(m, -1, dtype=np.int64)
    rows, cols, costs = [], [], []
    for group in groups:
        fac = fac_conn[group]
        if use_spatial:
            fxy = graph.node_xy[fnode[fac]]
            lo, hi = fxy.min(0) - radius, fxy.max(0) + radius
            xy = graph.node_xy[:n]
            in_box = (xy[:, 0] >= lo[0]) & (xy[:, 0] <= hi[0]) & (xy[:, 1] >= lo[1]) & (xy[:, 1] <= hi[1])
            sel = np.concatenate([np.nonzero(in_box)[0], sg.virtual[fac]])
            local[sel] = np.arange(len(sel))
            sub = _subgraph(sg.csr, sel, local)
            dsel = np.nonzero(in_box[d_nodes])[0]
        else:
            sel = None
            local[:] = np.arange(m)
            sub = sg.csr
            dsel = np.arange(len(d_nodes))
        if dsel.size:
            dn_local = local[d_nodes[dsel]]
            dl = d_leg[dsel]
            per_source = 8 * max(sub.shape[0], len(dsel), 1) * 2
            chunk = int(max(1, min(len(fac), chunk_bytes // per_source)))
            for start in range(0, len(fac), chunk):
                piece = fac[start : start + chunk]
                dist = dijkstra(sub, directed=True, indices=local[sg.virtual[piece]], limit=max_cost)
                total = dist[:, dn_local]
                del dist
                total += dl[None, :]
                r, c = np.nonzero(total <= max_cost)
                rows.append(piece[r])
                cols.append(d_conn[dsel[c]])
                costs.append(total[r, c])
                del total
        if sel is not None:
            local[sel] = -1
    if not rows:
        return SparseCosts._trusted(empty, empty.copy(), np.zeros(0), nd, nf, max_cost)
    fac_idx = np.concatenate(rows).astype(np.int64)
    dem_idx = np.concatenate(cols).astype(np.int64)
    cost = np.concatenate(costs).astype(float)
    order = np.lexsort((fac_idx, dem_idx))  # demand-major order, as the KD-tree / table builders give
    log.debug("network OD costs: %d pairs within %g (%d demand points, %d facilities, %d spatial groups)",
              len(cost), max_cost, nd, nf, len(groups))
    return SparseCosts._trusted(dem_idx[order], fac_idx[order], cost[order], nd, nf, max_cost)


def network_od_costs(
    network: Network,
    demand_xy: np.ndarray,
    facility_xy: np.ndarray,
    max_cost: float,
    mode: Union[str, Mode] = "walk",
    cost: str = "distance",
    max_access: float = np.inf,
    include_access: bool = True,
    direction: str = "to_facility",
    speed_kmh: Optional[float] = None,
) -> SparseCosts:
    """Arrays in, pairs out: ties demand points and facilities together and calls :func:`graph_od_costs`."""
    mode = get_mode(mode, speed_kmh)
    demand_xy = np.asarray(demand_xy, dtype=np.float64).reshape(-1, 2)
    facility_xy = np.asarray(facility_xy, dtype=np.float64).reshape(-1, 2)
    nd = len(demand_xy)
    graph = routing_graph(network, np.vstack([demand_xy, facility_xy]), mode, cost, max_access)
    return graph_od_costs(graph, np.arange(nd), nd + np.arange(len(facility_xy)), max_cost,
                          include_access=include_access, direction=direction)


__all__ = ["CHUNK_BYTES", "graph_od_costs", "network_od_costs"]
