"""The p-median solver reaches the published optimum of standard instances: OR-Library pmed1–pmed5.

J.E. Beasley's p-median test problems (Beasley 1985, Table 2; OR-Library files ``pmed1`` …
``pmed40`` with the optimal values in ``pmedopt``) are the classic benchmark of exact p-median
methods. The first five (100 vertices, p = 5 … 33) are copied unchanged into
``tests/data/orlib-pmed/`` (source, citation and terms in the README there). The expected values
below are the published optima, typed in from ``pmedopt`` (and checked against that file), never
the solver's output.

Instance construction, as the OR-Library page prescribes: every edge line ``i j k`` sets
c(i,j) = c(j,i) = k, read in turn (a repeated edge keeps its *last* cost), then all-pairs shortest
paths. Every vertex is a demand point of weight 1 and a candidate site; the objective is the sum
of the distances to the nearest chosen vertex.

Maximal covering (MCLP) on the same instances, through their published p-center optima: the
optimal p-center radius r* of pmed1–pmed5 (127, 98, 93, 74, 48; Elloumi, Labbé & Pochet, "A new
formulation and resolution method for the p-center problem", INFORMS J. Computing 16 (2004) 84–94,
and earlier papers on the OR-Library instances) means that some p vertices cover all 100 vertices
within r*, and no p vertices do within r* − 1 (integer distances). So the MCLP optimum with weight
1 per vertex is known: 100 at d0 = r*, below 100 at d0 = r* − 1. (No MCLP instance with its own
published optimum and usable terms was found offline: the Swain 55-node data of Church & ReVelle
1974 are not available; the MCLP collection INFORMSJoC/2024.0611 is CC BY-NC-SA.) MCLP is also
checked against brute force in test_location.py.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest
import scipy.sparse as sp
from scipy.sparse.csgraph import shortest_path

from isrp_plugin.core.coverage import SparseCosts
from isrp_plugin.core.location import AUTO_MILP_NONZEROS, DEFAULT_MAX_NONZEROS, maximal_covering, p_median

DATA = Path(__file__).resolve().parents[1] / "data" / "orlib-pmed"

#: (p, optimal objective) published for the OR-Library p-median problems (Beasley 1985, pmedopt).
PUBLISHED = {
    "pmed1": (5, 5819),
    "pmed2": (10, 4093),
    "pmed3": (10, 4250),
    "pmed4": (20, 3034),
    "pmed5": (33, 1355),
}


#: optimal p-center radius of the same instances (Elloumi, Labbé & Pochet 2004)
P_CENTER = {"pmed1": 127, "pmed2": 98, "pmed3": 93, "pmed4": 74, "pmed5": 48}


def read_pmed(name: str):
    """(number of vertices, p, all-pairs shortest-path matrix) of an OR-Library pmed file."""
    tokens = (DATA / f"{name}.txt").read_text().split()
    n, n_edges, p = (int(t) for t in tokens[:3])
    lines = np.array(tokens[3:], dtype=np.int64).reshape(n_edges, 3)
    edge = {}
    for i, j, k in lines:  # in file order: a repeated edge keeps its last cost
        edge[(min(i, j) - 1, max(i, j) - 1)] = k
    rows, cols = np.array(list(edge)).T
    cost = np.array(list(edge.values()), dtype=float)
    assert (cost > 0).all()  # csgraph would read a stored zero as "no edge"
    graph = sp.csr_matrix((cost, (rows, cols)), shape=(n, n))
    dist = shortest_path(graph, method="D", directed=False)
    assert np.isfinite(dist).all(), f"{name}: graph not connected"
    return n, p, dist


def objective_of(dist: np.ndarray, sites) -> float:
    """Sum over all vertices of the distance to the nearest site (computed here, not by the solver)."""
    return float(dist[:, list(sites)].min(axis=1).sum())


def test_published_optima_match_the_orlib_file():
    """The table above equals OR-Library's pmedopt file, and each data file states the same p."""
    published = {}
    for line in (DATA / "pmedopt.txt").read_text().splitlines()[1:]:
        if line.strip():
            name, value = line.split()
            published[name] = int(value)
    assert len(published) == 40
    for name, (p, opt) in PUBLISHED.items():
        assert published[name] == opt
        n, p_file, _ = read_pmed(name)
        assert (n, p_file) == (100, p)


def test_repeated_edges_keep_the_last_cost():
    """pmed1 lists edge 30–70 first with cost 5 and later with 74; the OR-Library rule keeps 74."""
    _, _, dist = read_pmed("pmed1")
    assert dist[29, 69] > 5  # with the first cost the two vertices would be 5 apart


@pytest.mark.parametrize("name", sorted(PUBLISHED))
def test_p_median_reaches_the_published_optimum(name):
    n, p, dist = read_pmed(name)
    opt = PUBLISHED[name][1]
    r = p_median(np.ones(n), dist, p)
    # the reduced program (~30,000 nonzeros) is below both thresholds: exact path, HiGHS first
    size = int(re.search(r"~(\d+) nonzeros", " ".join(r.messages)).group(1))
    assert size <= AUTO_MILP_NONZEROS <= DEFAULT_MAX_NONZEROS
    assert r.exact, r.messages
    assert r.status == "optimal (HiGHS MILP)"
    assert r.objective == opt  # integer distances: exact equality
    assert len(r.selected) == p == len(set(r.selected.tolist()))
    assert objective_of(dist, r.selected) == opt
    assert r.gap == 0.0


def test_branch_and_bound_reaches_the_published_optimum():
    """The second exact method (submodular branch and bound) on pmed1 (p = 5)."""
    n, p, dist = read_pmed("pmed1")
    r = p_median(np.ones(n), dist, p, engine="bnb")
    assert r.exact and r.status == "optimal (branch and bound, submodular bounds)"
    assert r.objective == 5819
    assert objective_of(dist, r.selected) == 5819


@pytest.mark.parametrize("name", sorted(PUBLISHED))
def test_greedy_bound_brackets_the_published_optimum(name):
    """The labelled heuristic: its cost is not below the optimum and its proven bound not above it."""
    n, p, dist = read_pmed(name)
    opt = PUBLISHED[name][1]
    r = p_median(np.ones(n), dist, p, engine="greedy")
    assert not r.exact and r.status.startswith("heuristic")
    assert r.bound <= opt <= r.objective
    assert objective_of(dist, r.selected) == r.objective
    assert r.gap == pytest.approx((r.objective - r.bound) / r.objective)


def test_truncated_form_with_a_radius_above_the_diameter_is_the_classic_problem():
    """The form isrp:locationsuggest uses (sparse pairs within MAX_COST, unreached charged MAX_COST)."""
    n, p, dist = read_pmed("pmed2")
    radius = float(dist.max()) + 1.0
    costs = SparseCosts.from_dense(dist, radius)
    r = p_median(np.ones(n), costs, p, max_cost=radius)
    assert r.exact and r.objective == 4093


def test_processing_cost_table_reaches_the_published_optimum(provider):
    """pmed1 through isrp:locationsuggest (MODE cost table): OBJECTIVE_VALUE is the published 5819."""
    from qgis import processing
    from qgis.core import QgsFeature, QgsGeometry, QgsPointXY, QgsProcessingFeedback, QgsVectorLayer

    n, p, dist = read_pmed("pmed1")

    def vertices(name, extra=""):
        layer = QgsVectorLayer(f"Point?crs=EPSG:25832&field=node:integer{extra}", name, "memory")
        feats = []
        for i in range(n):  # positions do not matter in the cost-table mode
            f = QgsFeature(layer.fields())
            f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(640000.0 + 100 * (i % 10), 5650000.0 + 100 * (i // 10))))
            f.setAttributes([i + 1, 1.0] if extra else [i + 1])
            feats.append(f)
        layer.dataProvider().addFeatures(feats)
        return layer

    demand, candidates = vertices("vertices", "&field=weight:double"), vertices("sites")
    table = QgsVectorLayer("None?field=o:integer&field=d:integer&field=cost:double", "shortest paths", "memory")
    feats = []
    for i in range(n):
        for j in range(n):
            f = QgsFeature(table.fields())
            f.setAttributes([i + 1, j + 1, float(dist[i, j])])
            feats.append(f)
    table.dataProvider().addFeatures(feats)
    radius = 10_000.0
    assert dist.max() < radius  # every vertex reaches every site: the classic p-median
    res = processing.run(
        "isrp:locationsuggest",
        {
            "DEMAND": demand, "POPULATION_FIELD": ["weight"], "DEMAND_ID_FIELD": "node",
            "CANDIDATES": candidates, "CANDIDATE_ID_FIELD": "node", "OBJECTIVE": 1, "P": p, "MAX_COST": radius,
            "MODE": 4, "COST_TABLE": table, "COST_ORIGIN_FIELD": "o", "COST_DESTINATION_FIELD": "d",
            "COST_FIELD": "cost", "OUTPUT": "memory:",
        },
        feedback=QgsProcessingFeedback(),
    )
    assert res["EXACT"] is True
    assert res["OBJECTIVE_VALUE"] == 5819
    assert res["SELECTED_COUNT"] == p
    out = res["OUTPUT"]
    names = out.fields().names()
    chosen = [int(f["node"]) - 1 for f in out.getFeatures() if f[names.index("selected")] == 1]
    assert len(chosen) == p
    assert objective_of(dist, chosen) == 5819


@pytest.mark.parametrize("name", sorted(P_CENTER))
def test_mclp_reaches_the_optimum_known_from_the_published_p_center_radius(name):
    n, p, dist = read_pmed(name)
    radius = P_CENTER[name]
    r = maximal_covering(np.ones(n), dist, p, max_cost=radius)
    assert r.exact, r.messages
    assert r.objective == n  # every vertex covered within r*
    assert (dist[:, r.selected].min(axis=1) <= radius).all()  # checked here, not by the solver
    assert len(r.selected) <= p  # "up to p": pmed5 is covered with 31 of its 33
    tighter = maximal_covering(np.ones(n), dist, p, max_cost=radius - 1)
    assert tighter.exact, tighter.messages
    assert tighter.objective < n  # r* is optimal: no p vertices cover all within r* - 1
    assert tighter.objective == (dist[:, tighter.selected].min(axis=1) <= radius - 1).sum()
