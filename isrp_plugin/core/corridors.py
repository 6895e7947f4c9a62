"""Union of buffers around straight pieces of a network (street corridors), computed with numpy.

A catchment polygon is the union of the buffers of width ``W`` around the reached street pieces.
Uniting hundreds of buffer polygons with GEOS costs 40–80 ms per polygon (the cascaded union
repeats an overlay per pair; buffering all pieces as one multi-line is slower still), so this
module builds the boundary of the union directly:

1. Every piece's buffer is split exactly into convex parts: a quadrilateral along the piece
   (``W`` on each side) and a disc around each end node, shared by all pieces meeting there.
   A disc is an inscribed polygon with ``n_circle`` vertices at fixed angles plus the corners of
   the quadrilaterals meeting at its node, so neighbouring parts share exact corner points and a
   quadrilateral's ends are chords of its discs.
2. An edge of a part lies on the boundary where no other part covers it. Disc edges under a
   piece meeting at the node, and edges within ``W·cos(π/n_circle)`` of a single piece, are
   inside at once; the rest are clipped against every nearby part (Cyrus–Beck).
3. The uncovered stretches are joined end to start into rings: counter-clockwise rings are
   outer boundaries, clockwise ones holes.

The result is the polygon GEOS returns for the union of the same parts (:func:`corridor_parts`),
without its cost. Corners of different pieces at a node closer than ``1e-5`` rad become one
point; pieces shorter than ``1e-3·W`` keep only their end discs. Whatever the joining step
cannot resolve (ambiguous or unmatched ends: nearly touching or overlapping parts) raises
:class:`CorridorError`, and the caller unites :func:`corridor_parts` with GEOS instead.
Pure module: numpy and scipy.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import List, Tuple

import numpy as np
from scipy.spatial import cKDTree

#: Angle (radians) of the first fixed disc vertex: keeps disc edges off axis-parallel street grids.
DISC_PHASE = 0.1234
#: Tolerances relative to the width W.
SHORT_PIECE = 1e-3  # pieces shorter than this keep only their end discs
GAP = 1e-7  # uncovered stretches shorter than this are dropped
MATCH = 1e-6  # a stretch's end must lie this close to the next stretch's start
INSIDE = 1e-9  # an edge parallel to a side is inside only when this far inside
#: Corners at a node closer than this angle (radians) become one point.
CORNER_SNAP = 1e-5
#: Pieces tried per edge in the quick inside test (those of the nearest samples).
QUICK_CANDIDATES = 3
#: Largest number of grid cells of the spatial lookups (coarser cells beyond).
MAX_CELLS = 60000

TWO_PI = 2.0 * np.pi


class CorridorError(ValueError):
    """The boundary could not be joined into rings (nearly touching or overlapping parts)."""


@dataclass
class _Parts:
    """The convex parts: discs (one per node) first, then quadrilaterals (one per long enough piece).

    Part ``p`` has the vertices ``xy[start[p] : start[p] + count[p]]`` (counter-clockwise).
    """

    xy: np.ndarray
    start: np.ndarray
    count: np.ndarray
    n_disc_vertices: int
    nodes: np.ndarray  # (n_nodes, 2) disc centres
    quad_a: np.ndarray  # (n_quads,) start node of each quadrilateral's piece
    quad_b: np.ndarray  # (n_quads,) end node
    quad_len: np.ndarray  # (n_quads,) length of the piece
    corner_at: np.ndarray  # (4, n_quads) disc vertex of the corners: right/left at the start, right/left at the end
    fixed_at: np.ndarray  # (n_nodes, n_circle) disc vertex standing for each fixed vertex
    disc_psi: np.ndarray  # angle of every disc vertex from its node, counted from DISC_PHASE (0 … 2π)
    node_poly: np.ndarray  # (n_nodes,) polygon of each node (several polygons are built at once)
    origins: np.ndarray  # (n_polygons, 2) subtracted from each polygon's coordinates (precision)


def _wrap(angle: np.ndarray) -> np.ndarray:
    """Angles into [0, 2π)."""
    return angle - np.floor(angle / TWO_PI) * TWO_PI


def _build_parts(xy: np.ndarray, pa: np.ndarray, pb: np.ndarray, node_poly: np.ndarray, origins: np.ndarray,
                 width: float, n_circle: int) -> _Parts:
    nodes = np.asarray(xy, dtype=float) - np.take(origins, node_poly, axis=0)
    nn = len(nodes)
    # -- quadrilaterals: pieces at least SHORT_PIECE·W long
    vec = np.take(nodes, pb, axis=0) - np.take(nodes, pa, axis=0)
    length = np.sqrt(vec[:, 0] ** 2 + vec[:, 1] ** 2)
    keep = length >= SHORT_PIECE * width
    a, b, vec, length = pa[keep], pb[keep], vec[keep], length[keep]
    nq = len(a)
    unit = vec / length[:, None]
    normal = np.stack([-unit[:, 1], unit[:, 0]], axis=1)
    # corners: right/left at the start node, right/left at the end node
    c_node = np.concatenate([a, a, b, b])
    c_dir = np.concatenate([-normal, normal, -normal, normal])
    c_psi = _wrap(np.arctan2(c_dir[:, 1], c_dir[:, 0]) - DISC_PHASE)
    # -- disc vertices in angle order per node: fixed vertex k sits at ψ = 2πk/n; corners are sorted into
    # the slot between two fixed vertices (a counting sort; only the corners need a real sort)
    pos_f = c_psi * (n_circle / TWO_PI)
    slot = np.minimum(np.floor(pos_f).astype(np.int64), n_circle - 1)
    bucket = c_node * n_circle + slot
    order = np.argsort(bucket + (pos_f - slot), kind="stable")
    sb = bucket[order]
    n_buckets = nn * n_circle
    size = 1 + np.bincount(bucket, minlength=n_buckets)
    offset = np.cumsum(size) - size
    is_first = np.ones(len(sb), dtype=bool)
    is_first[1:] = sb[1:] != sb[:-1]
    idx = np.arange(len(sb))
    rank = idx - np.maximum.accumulate(np.where(is_first, idx, 0))
    n_v = n_buckets + len(c_node)
    v_corner = np.zeros(n_v, dtype=bool)
    v_id = np.full(n_v, -1, dtype=np.int64)  # corner id, -1 for fixed vertices
    f_pos = offset  # position of fixed vertex (node, k) = bucket node*n + k
    c_pos = np.empty(len(c_node), dtype=np.int64)
    c_pos[order] = offset[sb] + 1 + rank
    v_corner[c_pos] = True
    v_id[c_pos] = np.arange(len(c_node))
    v_node = np.repeat(np.arange(nn), size.reshape(nn, n_circle).sum(axis=1))
    v_psi = np.empty(n_v)
    v_psi[f_pos] = np.tile(np.arange(n_circle) * (TWO_PI / n_circle), nn)
    v_psi[c_pos] = c_psi
    # -- snapping: vertices of a node closer than CORNER_SNAP in angle are one point, a corner if there is one
    same = np.zeros(n_v, dtype=bool)
    same[1:] = v_node[1:] == v_node[:-1]
    close = np.zeros(n_v, dtype=bool)
    close[1:] = same[1:] & (v_psi[1:] - v_psi[:-1] < CORNER_SNAP)
    run = np.cumsum(~close) - 1
    run_start = np.flatnonzero(~close)
    big = np.iinfo(np.int64).max
    first_corner = np.minimum.reduceat(np.where(v_corner, np.arange(n_v), big), run_start)
    rep = np.where(first_corner < big, first_corner, run_start)
    n_runs = len(run_start)
    run_node = v_node[rep]
    # wrap-around: the last run of a node close to its first run (2π apart)
    node_first_run = run[f_pos[:: n_circle]]  # fixed vertex 0 (ψ = 0) opens every node
    node_last_run = np.append(node_first_run[1:], n_runs) - 1
    wrap = (v_psi[rep[node_first_run]] + TWO_PI - v_psi[rep[node_last_run]]) < CORNER_SNAP
    alias = np.arange(n_runs)
    if wrap.any():
        f, last = node_first_run[wrap], node_last_run[wrap]
        keep_last = v_corner[rep[last]] & ~v_corner[rep[f]]
        alias[last[~keep_last]] = f[~keep_last]
        alias[f[keep_last]] = last[keep_last]
    live = alias == np.arange(n_runs)
    # coordinates of the representatives
    r_corner = v_corner[rep]
    psi = v_psi[rep]
    ang = psi + DISC_PHASE
    rep_xy = np.take(nodes, run_node, axis=0) + width * np.stack([np.cos(ang), np.sin(ang)], axis=1)
    cid = v_id[rep[r_corner]]
    rep_xy[r_corner] = np.take(nodes, c_node[cid], axis=0) + width * c_dir[cid]
    # disc polygons: the live runs of each node in angle order
    live_index = np.cumsum(live) - 1
    d_xy = rep_xy[live]
    d_psi = psi[live]
    d_count = np.bincount(run_node[live], minlength=nn)
    d_start = np.cumsum(d_count) - d_count
    corner_at = live_index[alias[run[c_pos]]]
    fixed_at = live_index[alias[run[f_pos]]].reshape(nn, n_circle)
    corner_xy = np.take(d_xy, corner_at, axis=0)
    # quadrilaterals (ccw): right at start → right at end → left at end → left at start
    q_xy = np.stack([corner_xy[:nq], corner_xy[2 * nq : 3 * nq], corner_xy[3 * nq :], corner_xy[nq : 2 * nq]],
                    axis=1).reshape(-1, 2)
    n_d = len(d_xy)
    return _Parts(
        xy=np.concatenate([d_xy, q_xy]), start=np.concatenate([d_start, n_d + 4 * np.arange(nq)]),
        count=np.concatenate([d_count, np.full(nq, 4)]), n_disc_vertices=n_d, nodes=nodes, quad_a=a, quad_b=b,
        quad_len=length, corner_at=corner_at.reshape(4, nq), fixed_at=fixed_at, disc_psi=d_psi, node_poly=node_poly,
        origins=origins)


def segments_graph(segments: np.ndarray) -> Tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Nodes and distinct pieces ``(xy, a, b)`` of straight segments ``(x0, y0, x1, y1)`` (equal end points joined)."""
    seg = np.asarray(segments, dtype=float).reshape(-1, 4)
    seg = seg[np.all(np.isfinite(seg), axis=1)]
    n = len(seg)
    xy, node = np.unique(np.vstack([seg[:, :2], seg[:, 2:]]), axis=0, return_inverse=True)
    node = node.reshape(-1)
    a, b = np.minimum(node[:n], node[n:]), np.maximum(node[:n], node[n:])
    _, first = np.unique(a * len(xy) + b, return_index=True)
    return xy, a[first], b[first]


def network_pieces(node_xy: np.ndarray, u: np.ndarray, v: np.ndarray, frac: np.ndarray,
                   leg_xy: np.ndarray = None, leg_node: np.ndarray = None,
                   leg_frac: np.ndarray = None) -> Tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Nodes and distinct pieces ``(xy, a, b)`` of the reached parts of network edges (input of :func:`corridor_rings`).

    Edge ``u → v`` (graph nodes, coordinates ``node_xy``) is reached from ``u`` up to the share
    ``frac`` (1 = whole edge). Pieces of one edge are merged: reached whole once, or from both
    ends far enough to meet → the whole edge; otherwise a piece from each end up to its cut
    point (a new node). Access legs run from the points ``leg_xy`` towards the nodes
    ``leg_node``, reached up to ``leg_frac`` (the point's own node is new; a leg of length 0
    leaves a single point).
    """
    n_graph = len(node_xy)
    u = np.asarray(u, dtype=np.int64)
    v = np.asarray(v, dtype=np.int64)
    frac = np.asarray(frac, dtype=float)
    lo, hi = np.minimum(u, v), np.maximum(u, v)
    from_lo = u == lo
    key = lo * n_graph + hi
    order = np.argsort(key, kind="stable")
    key, lo, hi, from_lo, frac = key[order], lo[order], hi[order], from_lo[order], frac[order]
    first = np.flatnonzero(np.append(True, key[1:] != key[:-1])) if len(key) else np.zeros(0, dtype=np.int64)
    reach_lo = np.maximum.reduceat(np.where(from_lo, frac, 0.0), first) if len(first) else np.zeros(0)
    reach_hi = np.maximum.reduceat(np.where(from_lo, 0.0, frac), first) if len(first) else np.zeros(0)
    lo, hi = lo[first], hi[first]
    whole = reach_lo + reach_hi >= 1.0
    part_lo = ~whole & (reach_lo > 0)
    part_hi = ~whole & (reach_hi > 0)
    # new nodes: cut points, then leg start points and their cut points
    p_lo, p_hi = node_xy[lo], node_xy[hi]
    cut_lo = p_lo[part_lo] + (p_hi[part_lo] - p_lo[part_lo]) * reach_lo[part_lo, None]
    cut_hi = p_hi[part_hi] + (p_lo[part_hi] - p_hi[part_hi]) * reach_hi[part_hi, None]
    extra = [cut_lo, cut_hi]
    pa = [lo[whole], lo[part_lo], hi[part_hi]]
    pb = [hi[whole], n_graph + np.arange(len(cut_lo)), n_graph + len(cut_lo) + np.arange(len(cut_hi))]
    n_new = len(cut_lo) + len(cut_hi)
    if leg_xy is not None and len(leg_xy):
        leg_xy = np.asarray(leg_xy, dtype=float).reshape(-1, 2)
        leg_node = np.asarray(leg_node, dtype=np.int64)
        leg_frac = np.clip(np.asarray(leg_frac, dtype=float), 0.0, 1.0)
        nl = len(leg_xy)
        target = node_xy[leg_node]
        zero = np.all(leg_xy == target, axis=1)
        start = np.where(zero, leg_node, n_graph + n_new + np.arange(nl))
        extra.append(leg_xy)
        to_node = (leg_frac >= 1.0) | zero
        cuts = leg_xy[~to_node] + (target[~to_node] - leg_xy[~to_node]) * leg_frac[~to_node, None]
        extra.append(cuts)
        pa.append(start)
        pb.append(np.where(to_node, leg_node, 0))
        pb[-1][~to_node] = n_graph + n_new + nl + np.arange(len(cuts))
    a = np.concatenate(pa)
    b = np.concatenate(pb)
    # compact node numbering: the used graph nodes, then the new ones
    used = np.unique(np.concatenate([a, b]))
    new = np.concatenate(extra) if extra else np.zeros((0, 2))
    xy = np.empty((len(used), 2))
    old = used < n_graph
    xy[old] = node_xy[used[old]]
    xy[~old] = new[used[~old] - n_graph]
    return xy, np.searchsorted(used, a), np.searchsorted(used, b)


def corridor_parts(xy: np.ndarray, a: np.ndarray, b: np.ndarray, width: float, n_circle: int = 12) -> List[np.ndarray]:
    """The convex parts (closed rings, counter-clockwise) whose union is the corridor, for uniting with GEOS."""
    xy = np.asarray(xy, dtype=float).reshape(-1, 2)
    parts = _build_parts(xy, np.asarray(a, dtype=np.int64), np.asarray(b, dtype=np.int64),
                         np.zeros(len(xy), dtype=np.int64), xy[:1].copy(), width, n_circle)
    out = []
    for s, c in zip(parts.start.tolist(), parts.count.tolist()):
        ring = parts.xy[s : s + c] + parts.origins[0]
        out.append(np.vstack([ring, ring[:1]]))
    return out


def _disc_edges_under_neighbours(parts: _Parts, width: float, inner: float, n_circle: int) -> np.ndarray:
    """Disc edges inside a part of a piece meeting at the disc's node: most of a junction's disc.

    Seen from its node, a piece of length ``L`` in direction ``θ`` covers with its quadrilateral
    the disc vertices from its corners at ``θ ± 90°`` to ``θ ± arccos(min(1, L/W))``, and with the
    disc at its other end (inner radius ``inner``) those within ``θ ± β``,
    ``cos β = (W² + L² − inner²) / (2·W·L)``. An edge is covered when both its end points lie in
    one such arc (each part is convex). Arc ends other than corners are rounded inwards to fixed
    vertices. Returns a mask over the disc vertices: true where the edge from the vertex to the
    next one is covered.
    """
    n_d = parts.n_disc_vertices
    nq = len(parts.quad_len)
    if not nq:
        return np.zeros(n_d, dtype=bool)
    step = TWO_PI / n_circle
    length = np.concatenate([parts.quad_len, parts.quad_len])
    node = np.concatenate([parts.quad_a, parts.quad_b])
    vec = np.take(parts.nodes, parts.quad_b, axis=0) - np.take(parts.nodes, parts.quad_a, axis=0)
    psi_ab = _wrap(np.arctan2(vec[:, 1], vec[:, 0]) - DISC_PHASE)
    psi = np.concatenate([psi_ab, _wrap(psi_ab + np.pi)])  # direction away from the node
    ca = parts.corner_at
    right = np.concatenate([ca[0], ca[3]])  # the corner 90° clockwise of the direction, seen from the node
    left = np.concatenate([ca[1], ca[2]])
    margin = 2 * CORNER_SNAP

    def fixed(nd, k):  # disc vertex of fixed vertex k (any integer) of node nd
        return parts.fixed_at[nd, np.mod(k, n_circle)]

    alpha = np.arccos(np.clip(length / width, 0.0, 1.0))
    with np.errstate(divide="ignore", invalid="ignore"):
        cos_b = (width ** 2 + length ** 2 - inner ** 2) / (2 * width * length)
    has = cos_b <= 1.0
    beta = np.arccos(np.clip(cos_b[has], -1.0, 1.0))
    nh = node[has]
    long_ = length >= width  # covers the half disc from corner to corner
    sh = ~long_  # covers two side arcs
    ns = node[sh]
    arcs_n = np.concatenate([node[long_], ns, ns, nh])
    arcs_f = np.concatenate([right[long_], right[sh],
                             fixed(ns, np.ceil((psi[sh] + alpha[sh] + margin) / step).astype(np.int64)),
                             fixed(nh, np.ceil((psi[has] - beta + margin) / step).astype(np.int64))])
    arcs_l = np.concatenate([left[long_], fixed(ns, np.floor((psi[sh] - alpha[sh] - margin) / step).astype(np.int64)),
                             left[sh], fixed(nh, np.floor((psi[has] + beta - margin) / step).astype(np.int64))])
    extent = np.concatenate([np.full(int(long_.sum()), np.pi), np.pi / 2 - alpha[sh], np.pi / 2 - alpha[sh], 2 * beta])
    # an arc covers edges only when its first vertex comes before its last within its extent
    span = _wrap(parts.disc_psi[arcs_l] - parts.disc_psi[arcs_f])
    ok = (arcs_l != arcs_f) & (span <= extent + margin)
    nd, f, last = arcs_n[ok], arcs_f[ok], arcs_l[ok]
    lo = parts.start[nd]
    hi = lo + parts.count[nd]
    wraps = f > last
    idx = np.concatenate([f, last, hi[wraps], lo[wraps]])
    n_w = int(wraps.sum())
    weight = np.concatenate([np.ones(len(f)), -np.ones(len(f)), -np.ones(n_w), np.ones(n_w)])
    depth = np.cumsum(np.bincount(idx, weights=weight, minlength=n_d + 1)[:n_d])
    return depth > 0.5


def _point_segment_distance(p: np.ndarray, s: np.ndarray) -> np.ndarray:
    dx, dy = s[:, 2] - s[:, 0], s[:, 3] - s[:, 1]
    px, py = p[:, 0] - s[:, 0], p[:, 1] - s[:, 1]
    dd = dx * dx + dy * dy
    t = np.clip((px * dx + py * dy) / np.where(dd > 0, dd, 1.0), 0.0, 1.0)
    ex, ey = px - t * dx, py - t * dy
    return np.sqrt(ex * ex + ey * ey)


def _segment_distance(p0: np.ndarray, p1: np.ndarray, s: np.ndarray) -> np.ndarray:
    """Distance between segments ``p0``–``p1`` and ``s`` = ``(x0, y0, x1, y1)`` (0 where they cross)."""
    q0, q1 = s[:, :2], s[:, 2:]
    dist = np.minimum(np.minimum(_point_segment_distance(p0, s), _point_segment_distance(p1, s)),
                      np.minimum(_point_segment_distance(q0, np.hstack([p0, p1])),
                                 _point_segment_distance(q1, np.hstack([p0, p1]))))

    def side(a, b, c):  # sign of the turn a → b → c
        return np.sign((b[:, 0] - a[:, 0]) * (c[:, 1] - a[:, 1]) - (b[:, 1] - a[:, 1]) * (c[:, 0] - a[:, 0]))

    cross = (side(p0, p1, q0) * side(p0, p1, q1) < 0) & (side(q0, q1, p0) * side(q0, q1, p1) < 0)
    return np.where(cross, 0.0, dist)


class _Grid:
    """A dense grid over a box, for spatial lookups without sorting floats."""

    def __init__(self, lo: np.ndarray, hi: np.ndarray, cell: float):
        span = np.maximum(hi - lo, cell)
        cell = max(cell, float(np.sqrt(span[0] * span[1] / MAX_CELLS)))
        self.lo = lo
        self.cell = cell
        self.nx = int(span[0] // cell) + 1
        self.ny = int(span[1] // cell) + 1

    def ij(self, pt: np.ndarray):
        i = np.clip(((pt[:, 0] - self.lo[0]) / self.cell).astype(np.int64), 0, self.nx - 1)
        j = np.clip(((pt[:, 1] - self.lo[1]) / self.cell).astype(np.int64), 0, self.ny - 1)
        return i, j

    def boxes(self, box: np.ndarray):
        """(item, cell) for every cell each box ``(xmin, ymin, xmax, ymax)`` touches."""
        i0, j0 = self.ij(box[:, :2])
        i1, j1 = self.ij(box[:, 2:])
        ny = j1 - j0 + 1
        cnt = (i1 - i0 + 1) * ny
        item = np.repeat(np.arange(len(box)), cnt)
        local = np.arange(int(cnt.sum())) - np.repeat(np.cumsum(cnt) - cnt, cnt)
        nyi = ny[item]
        return item, (i0[item] + local // nyi) * self.ny + j0[item] + local % nyi

    def pairs(self, box_a: np.ndarray, box_b: np.ndarray, group_a: np.ndarray, group_b: np.ndarray, n_groups: int):
        """Index pairs ``(i, j)`` of the same group whose boxes intersect, each once."""
        ia, ca = self.boxes(box_a)
        ib, cb = self.boxes(box_b)
        n_cells = self.nx * self.ny * n_groups
        ca = ca + np.take(group_a, ia) * (self.nx * self.ny)
        cb = cb + np.take(group_b, ib) * (self.nx * self.ny)
        order = np.argsort(cb.astype(np.uint16) if n_cells <= 65536 else cb, kind="stable")
        ib = ib[order]
        size = np.bincount(cb, minlength=n_cells)
        first = np.cumsum(size) - size
        cnt = size[ca]
        pa = np.repeat(ia, cnt)
        pc = np.repeat(ca, cnt)
        pb = ib[np.repeat(first[ca] - np.cumsum(cnt) + cnt, cnt) + np.arange(int(cnt.sum()))]
        a, b = np.take(box_a, pa, axis=0), np.take(box_b, pb, axis=0)
        hit = (a[:, 0] <= b[:, 2]) & (b[:, 0] <= a[:, 2]) & (a[:, 1] <= b[:, 3]) & (b[:, 1] <= a[:, 3])
        # report a pair only in the cell holding the lower-left corner of the boxes' intersection
        ri, rj = self.ij(np.stack([np.maximum(a[:, 0], b[:, 0]), np.maximum(a[:, 1], b[:, 1])], axis=1))
        hit &= ri * self.ny + rj == pc % (self.nx * self.ny)
        return pa[hit], pb[hit]


def corridor_rings(xy: np.ndarray, a: np.ndarray, b: np.ndarray, width: float,
                   n_circle: int = 12) -> List[List[np.ndarray]]:
    """The union of the buffers of ``width`` around the pieces ``xy[a[i]]``–``xy[b[i]]`` of a network.

    ``xy``: (n, 2) node coordinates; ``a``, ``b``: end nodes of each piece (``a == b``: a point,
    i.e. a disc). Pieces must be distinct and must not overlap each other along a line (merge
    collinear overlapping pieces first, as :func:`network_pieces` does). Returns polygons, each
    a list of closed rings (``(k, 2)`` arrays, first = last point): the outer ring
    (counter-clockwise) and its holes (clockwise). Raises :class:`CorridorError` when the
    boundary cannot be joined into rings.
    """
    (polygons,) = corridor_rings_many([(xy, a, b)], width, n_circle)
    if polygons is None:
        raise CorridorError("the boundary could not be joined into rings")
    return polygons


def corridor_rings_many(networks, width: float, n_circle: int = 12) -> List[List[List[np.ndarray]]]:
    """:func:`corridor_rings` of several networks ``(xy, a, b)`` in one vectorised pass (much less overhead).

    Returns one entry per network: its polygons, ``[]`` for no pieces, or ``None`` where the
    boundary could not be joined into rings (unite :func:`corridor_parts` with GEOS there).
    """
    if width <= 0:
        raise ValueError("width must be positive")
    sizes = [len(net[0]) for net in networks]
    todo = [i for i, k in enumerate(sizes) if k > 0]
    result: List = [[] for _ in networks]
    if not todo:
        return result
    n_poly = len(todo)
    xy = np.concatenate([np.asarray(networks[i][0], dtype=float).reshape(-1, 2) for i in todo])
    size = np.array([sizes[i] for i in todo])
    node_off = np.cumsum(size) - size
    a = np.concatenate([np.asarray(networks[i][1], dtype=np.int64) + o for i, o in zip(todo, node_off)])
    b = np.concatenate([np.asarray(networks[i][2], dtype=np.int64) + o for i, o in zip(todo, node_off)])
    node_poly = np.repeat(np.arange(n_poly), size)
    parts = _build_parts(xy, a, b, node_poly, xy[node_off], width, n_circle)
    polygons = _boundary(parts, width, n_circle, n_poly)
    for j, i in enumerate(todo):
        result[i] = polygons[j]
    return result


def _boundary(parts: _Parts, width: float, n_circle: int, n_poly: int) -> List:
    """The rings of the union of each polygon's parts (``None`` for a polygon whose rings could not be joined)."""
    pxy, start, count = parts.xy, parts.start, parts.count
    nn, nq = len(parts.nodes), len(parts.quad_len)
    n_parts = nn + nq
    n_d = parts.n_disc_vertices
    part_poly = np.concatenate([parts.node_poly, np.take(parts.node_poly, parts.quad_a)])
    # separating the polygons in x lets one KD-tree serve them all (exact tests use true coordinates)
    shift = 4.0 * float(np.abs(pxy).max()) + 10.0 * width
    # -- edges of the parts: vertex i → nxt[i]; a quadrilateral's ends are chords of its discs, never boundary
    owner = np.repeat(np.arange(n_parts), count)
    nxt = np.arange(1, len(pxy) + 1)
    nxt[start + count - 1] = start
    inner = width * (np.cos(np.pi / n_circle + CORNER_SNAP) - 4 * CORNER_SNAP) * (1 - 1e-9)
    cand_disc = np.flatnonzero(~_disc_edges_under_neighbours(parts, width, inner, n_circle))
    cand_quad = n_d + np.concatenate([4 * np.arange(nq), 4 * np.arange(nq) + 2])  # the two sides
    ce = np.concatenate([cand_disc, cand_quad])
    # -- quick inside test: both ends within the inner radius of one piece (or node) → inside.
    # Candidates: the pieces of the samples (every W/2) nearest to the edge's middle.
    sticks = np.vstack([np.hstack([np.take(parts.nodes, parts.quad_a, axis=0), np.take(parts.nodes, parts.quad_b,
                                                                                        axis=0)]),
                        np.hstack([parts.nodes, parts.nodes])])
    stick_poly = np.concatenate([np.take(parts.node_poly, parts.quad_a), parts.node_poly])
    half = 0.5 * width
    slen = np.sqrt((sticks[:, 2] - sticks[:, 0]) ** 2 + (sticks[:, 3] - sticks[:, 1]) ** 2)
    ns = np.ceil(slen / half).astype(np.int64) + 1
    sid = np.repeat(np.arange(len(sticks)), ns)
    frac = (np.arange(int(ns.sum())) - np.repeat(np.cumsum(ns) - ns, ns)) / np.repeat(np.maximum(ns - 1, 1), ns)
    samples = np.take(sticks[:, :2], sid, axis=0) + np.take(sticks[:, 2:] - sticks[:, :2], sid, axis=0) * frac[:, None]
    samples[:, 0] += np.take(stick_poly, sid) * shift
    p0, p1 = np.take(pxy, ce, axis=0), np.take(pxy, np.take(nxt, ce), axis=0)
    mid = 0.5 * (p0 + p1)
    mid[:, 0] += np.take(part_poly, np.take(owner, ce)) * shift
    k = min(QUICK_CANDIDATES, len(samples))
    # a covering piece passes within `inner` of the middle, so one of its samples lies within inner + W/4
    tree = cKDTree(samples)
    _, near = tree.query(mid, k=k, distance_upper_bound=inner + 0.5 * half)
    near = near.reshape(len(ce), k)
    covered = np.zeros(len(ce), dtype=bool)
    d0 = np.full(len(ce), np.inf)  # distance of each end to the nearest candidate piece
    d1 = np.full(len(ce), np.inf)
    for j in range(k):
        rest = np.flatnonzero(~covered & (near[:, j] < len(samples)))
        seg = np.take(sticks, np.take(sid, near[rest, j]), axis=0)
        dist0, dist1 = _point_segment_distance(p0[rest], seg), _point_segment_distance(p1[rest], seg)
        covered[rest] = (dist0 < inner) & (dist1 < inner)
        d0[rest] = np.minimum(d0[rest], dist0)
        d1[rest] = np.minimum(d1[rest], dist1)
    # or every point of the edge lies within `inner` of some piece: a point at t along the edge is at most
    # min(t·ℓ + d0, (1 − t)·ℓ + d1) ≤ (ℓ + d0 + d1) / 2 from the pieces
    ell = np.sqrt(((p1 - p0) ** 2).sum(axis=1))
    covered |= ell + d0 + d1 < 2 * inner
    # long edges (sides along parallel streets): the same bound between points every W/2 along the edge,
    # each point's distance to the pieces bounded by its nearest sample's
    rest = np.flatnonzero(~covered & (ell > half))
    if len(rest):
        n_sub = np.ceil(ell[rest] / half).astype(np.int64) + 1
        owner_of = np.repeat(rest, n_sub)
        first_sub = np.cumsum(n_sub) - n_sub
        t_sub = (np.arange(int(n_sub.sum())) - np.repeat(first_sub, n_sub)) / np.repeat(n_sub - 1, n_sub)
        pts = p0[owner_of] + (p1[owner_of] - p0[owner_of]) * t_sub[:, None]
        pts[:, 0] += np.take(part_poly, np.take(owner, ce[owner_of])) * shift
        dist, _ = tree.query(pts, k=1, distance_upper_bound=2 * inner)
        step_len = np.repeat(ell[rest] / (n_sub - 1), n_sub)
        ok = np.append(step_len[:-1] + dist[:-1] + dist[1:] < 2 * inner, True)
        ok[first_sub + n_sub - 1] = True  # the last point of an edge pairs with nothing
        covered[rest] = np.logical_and.reduceat(ok, first_sub)
    ce = ce[~covered]
    # -- exact clipping of the remaining edges against every nearby part of their polygon (Cyrus–Beck)
    s = np.take(pxy, ce, axis=0)
    e = np.take(pxy, np.take(nxt, ce), axis=0)
    d = e - s
    elen = np.sqrt(d[:, 0] ** 2 + d[:, 1] ** 2)
    e_poly = np.take(part_poly, np.take(owner, ce))
    ebox = np.hstack([np.minimum(s, e), np.maximum(s, e)])
    pbox = np.stack([np.minimum.reduceat(pxy[:, 0], start), np.minimum.reduceat(pxy[:, 1], start),
                     np.maximum.reduceat(pxy[:, 0], start), np.maximum.reduceat(pxy[:, 1], start)], axis=1)
    grid = _Grid(pbox[:, :2].min(axis=0), pbox[:, 2:].max(axis=0), 2.0 * width)
    ie, jp = grid.pairs(ebox, pbox, e_poly, part_poly, n_poly)
    # a part reaches the edge only where the edge passes within W of the part's piece (or node); a
    # quadrilateral's sides only touch the discs at its own ends
    stick = np.where(jp < nn, nq + jp, jp - nn)
    own = np.take(owner, np.take(ce, ie))
    own_quad = np.maximum(own - nn, 0)
    own_disc = (own >= nn) & ((jp == np.take(parts.quad_a, own_quad)) | (jp == np.take(parts.quad_b, own_quad)))
    keep = (own != jp) & ~own_disc
    ie, jp, stick = ie[keep], jp[keep], stick[keep]
    keep = _segment_distance(s[ie], e[ie], np.take(sticks, stick, axis=0)) < width
    ie, jp = ie[keep], jp[keep]
    hc = count[jp]
    n_rows = int(hc.sum())
    row_first = np.cumsum(hc) - hc
    hv = np.repeat(start[jp] - row_first, hc) + np.arange(n_rows)  # the part's vertex of each side
    q0 = np.take(pxy, hv, axis=0)
    ev = np.take(pxy, np.take(nxt, hv), axis=0) - q0
    er = np.repeat(ie, hc)
    rel = np.take(s, er, axis=0) - q0
    dr = np.take(d, er, axis=0)
    big_a = ev[:, 0] * rel[:, 1] - ev[:, 1] * rel[:, 0]  # > 0: the edge's start is inside (left of) this side
    big_b = ev[:, 0] * dr[:, 1] - ev[:, 1] * dr[:, 0]
    evlen = np.sqrt(ev[:, 0] ** 2 + ev[:, 1] ** 2)
    parallel = np.abs(big_b) <= 1e-12 * evlen * np.take(elen, er)
    big_b[parallel] = 1.0  # placeholder, replaced below
    t = -big_a / big_b  # at shared vertices big_a == 0 exactly: no sliver
    lower = np.where(big_b > 0, t, -np.inf)
    upper = np.where(big_b < 0, t, np.inf)
    # parallel to a side: inside only when clearly inside (touching sides are boundary)
    lower[parallel] = np.where(big_a[parallel] > INSIDE * width * evlen[parallel], -np.inf, np.inf)
    upper[parallel] = np.inf
    if n_rows:
        t_in = np.maximum(np.maximum.reduceat(lower, row_first), 0.0)
        t_out = np.minimum(np.minimum.reduceat(upper, row_first), 1.0)
    else:
        t_in = t_out = np.zeros(0)
    hit = t_out > t_in
    # -- uncovered stretches: the complement of the covered intervals of each edge (sentinels at both ends)
    m = len(ce)
    c_edge = np.concatenate([ie[hit], np.arange(m), np.arange(m)])
    c_lo = np.concatenate([t_in[hit], np.full(m, -1.0), np.ones(m)])
    c_hi = np.concatenate([t_out[hit], np.zeros(m), np.full(m, 2.0)])
    order = np.argsort(c_edge * 4.0 + c_lo, kind="stable")
    c_edge, c_lo, c_hi = c_edge[order], c_lo[order], c_hi[order]
    reach = np.maximum.accumulate(c_hi + 4.0 * c_edge) - 4.0 * c_edge
    g_edge = c_edge[1:]
    g_from = reach[:-1]
    g_to = c_lo[1:]
    gap = (c_edge[:-1] == g_edge) & ((g_to - g_from) * np.take(elen, g_edge) > GAP * width)
    g_edge, g_from, g_to = g_edge[gap], np.clip(g_from[gap], 0.0, 1.0), np.clip(g_to[gap], 0.0, 1.0)
    nb = len(g_edge)
    g_poly = np.take(e_poly, g_edge)
    bad = np.bincount(g_poly, minlength=n_poly) == 0  # no boundary at all

    def at(t, k):  # exact vertices at t = 0 and t = 1
        pt = np.take(s, k, axis=0) + np.take(d, k, axis=0) * t[:, None]
        pt[t <= 0] = np.take(s, k[t <= 0], axis=0)
        pt[t >= 1] = np.take(e, k[t >= 1], axis=0)
        return pt

    b_start = at(g_from, g_edge)
    b_end = at(g_to, g_edge)
    # -- join: each stretch's end is the next stretch's start (of the same polygon)
    if nb:
        key_start, key_end = b_start.copy(), b_end.copy()
        key_start[:, 0] += g_poly * shift
        key_end[:, 0] += g_poly * shift
        tol = MATCH * width
        dist, idx = cKDTree(key_start).query(key_end, k=min(2, nb), distance_upper_bound=2 * tol)
        if nb == 1:
            dist, idx = dist[:, None], idx[:, None]
        idx = np.minimum(idx, nb - 1)  # "none within the bound" (= nb) is caught by the distance test
        wrong = dist[:, 0] > tol
        if nb > 1:
            wrong |= dist[:, 1] <= tol  # ambiguous
        succ = idx[:, 0]
        wrong |= np.take(np.bincount(succ, minlength=nb), succ) != 1  # two ends at one start
        wrong |= np.take(np.bincount(succ, minlength=nb) == 0, np.arange(nb))  # a start nobody reaches
        bad[g_poly[wrong]] = True
    rings: List[List[np.ndarray]] = [[] for _ in range(n_poly)]
    succ_list = succ.tolist() if nb else []
    seen = bad[g_poly].tolist() if nb else []
    poly_list = g_poly.tolist()
    for i in range(nb):
        if seen[i]:
            continue
        ring = []
        j = i
        while not seen[j]:
            seen[j] = True
            ring.append(j)
            j = succ_list[j]
        if len(ring) < 3 or j != i:
            bad[poly_list[i]] = True
            continue
        pts = b_start[ring]
        rings[poly_list[i]].append(np.vstack([pts, pts[:1]]))
    out: List = []
    for p in range(n_poly):
        if bad[p]:
            out.append(None)
            continue
        try:
            out.append(_assemble(rings[p], parts.origins[p]))
        except CorridorError:
            out.append(None)
    return out


def _signed_area(ring: np.ndarray) -> float:
    x, y = ring[:, 0], ring[:, 1]
    return 0.5 * float(np.dot(x[:-1], y[1:]) - np.dot(x[1:], y[:-1]))


def _point_in_ring(pt: np.ndarray, ring: np.ndarray) -> bool:
    x, y = ring[:-1, 0], ring[:-1, 1]
    x2, y2 = ring[1:, 0], ring[1:, 1]
    crosses = (y > pt[1]) != (y2 > pt[1])
    with np.errstate(divide="ignore", invalid="ignore"):
        xs = x + (pt[1] - y) * (x2 - x) / (y2 - y)
    return bool(np.count_nonzero(crosses & (pt[0] < xs)) % 2)


def _assemble(rings: List[np.ndarray], origin: np.ndarray) -> List[List[np.ndarray]]:
    """Outer rings (counter-clockwise) with the holes (clockwise) they hold; coordinates moved back by ``origin``."""
    area = np.array([_signed_area(r) for r in rings])
    shells = [i for i in range(len(rings)) if area[i] > 0]
    holes = [i for i in range(len(rings)) if area[i] <= 0]
    if not shells:
        raise CorridorError("no outer ring")
    polygons = {i: [rings[i]] for i in shells}
    if len(shells) == 1:
        polygons[shells[0]] += [rings[h] for h in holes]
    else:
        boxes = {i: (rings[i].min(axis=0), rings[i].max(axis=0)) for i in shells}

        def inside(pt, i):
            lo, hi = boxes[i]
            return bool(np.all(pt >= lo) and np.all(pt <= hi)) and _point_in_ring(pt, rings[i])

        for h in holes:  # a hole belongs to the smallest outer ring around it
            around = [i for i in shells if inside(rings[h][0], i)]
            if not around:
                raise CorridorError("hole outside every outer ring")
            polygons[min(around, key=lambda i: area[i])].append(rings[h])
        for i in shells:  # an outer ring inside another one must lie in one of its holes
            pt = rings[i][0]
            for j in shells:
                if j != i and area[j] > area[i] and inside(pt, j) and \
                        not any(_point_in_ring(pt, hole) for hole in polygons[j][1:]):
                    raise CorridorError("overlapping outer rings")
    return [[ring + origin for ring in polygons[i]] for i in shells]
