"""isrp:locationsuggest — where p new facilities would help most (MCLP or p-median, existing sites fixed).

The algorithm reads demand points, candidate sites (a layer, or generated on a grid or at network
junctions inside chosen units) and the existing facilities, builds demand × site costs within
``MAX_COST`` (street network, straight line or an origin–destination table; the same ``MODE``
options as ``isrp:coverage``) and hands them to :mod:`isrp_plugin.core.location`, which solves the
problem exactly (HiGHS MILP or branch and bound) and falls back to the labelled greedy heuristic
only above the stated problem size.

The street-network parameters (incl. ``ROAD_CLASS_FIELD`` / ``SPEED_TABLE``), the analysis CRS and
the network itself come from ``alg_accessibility_common`` (``AccessibilityParameters``,
``AccessibilityJob``), as in ``isrp:coverage``, so network costs are the same distances or minutes.
"""

from __future__ import annotations

import math
import time
from typing import List, Optional

import numpy as np
import pandas as pd
from qgis.core import (
    QgsExpression,
    QgsFeature,
    QgsFeatureRequest,
    QgsFeatureSink,
    QgsField,
    QgsFields,
    QgsGeometry,
    QgsPointXY,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingMultiStepFeedback,
    QgsProcessingOutputBoolean,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterEnum,
    QgsProcessingParameterExpression,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterNumber,
)
from scipy.spatial import cKDTree

from ..core import location as loc
from ..core.coverage import SparseCosts, costs_from_table, straight_line_costs
from ..core.od_costs import graph_od_costs
from ..qgis_io import layers as io
from ..qgis_io.compat import make_field
from ..qgis_io.measures_store import WKB_POINT
from .alg_accessibility_common import (
    DIRECT_READS,
    FIELD_ANY,
    FIELD_NUMERIC,
    NUMBER_DOUBLE,
    NUMBER_INTEGER,
    AccessibilityJob,
    AccessibilityParameters,
    advanced,
    format_ids,
    network_cache_key,
)
from .base import IsrpAlgorithm

#: MODE options (enum index = position), the same list and order as isrp:coverage.
MODE_KEYS = ("walk", "bike", "car", "straight", "table")
STRAIGHT = 3
TABLE = 4
#: COST_UNIT options.
COST_KEYS = ("distance", "time")
#: OBJECTIVE options.
OBJECTIVE_KEYS = ("mclp", "p_median")
#: GENERATE_CANDIDATES options.
GENERATE_KEYS = ("grid", "nodes")


class Canceled(Exception):
    """The user cancelled the run."""


def _num(value) -> Optional[float]:
    """A finite float or None (for NULL attributes)."""
    if value is None:
        return None
    try:
        v = float(value)
    except (TypeError, ValueError):
        return None
    return v if math.isfinite(v) else None


def grid_points(xmin: float, ymin: float, xmax: float, ymax: float, spacing: float, limit: int = 2_000_000):
    """Cell centres of a regular grid with ``spacing`` covering the rectangle (row by row, south to north)."""
    if not (spacing > 0 and math.isfinite(spacing)):
        raise ValueError(f"grid spacing must be > 0, got {spacing}")
    nx = max(1, int(math.ceil((xmax - xmin) / spacing)))
    ny = max(1, int(math.ceil((ymax - ymin) / spacing)))
    if nx * ny > limit:
        raise ValueError(f"{nx * ny} grid cells (more than {limit}); choose a larger spacing")
    xs = xmin + spacing * (np.arange(nx) + 0.5)
    ys = ymin + spacing * (np.arange(ny) + 0.5)
    gx, gy = np.meshgrid(xs, ys)
    return np.column_stack([gx.ravel(), gy.ravel()])


def junction_nodes(network) -> np.ndarray:
    """Network nodes that are junctions or dead ends (not exactly two distinct neighbours)."""
    u, v = network.seg_u, network.seg_v
    keep = u != v
    a = np.concatenate([u[keep], v[keep]])
    b = np.concatenate([v[keep], u[keep]])
    pairs = np.unique(a * np.int64(max(network.n_nodes, 1)) + b)
    degree = np.bincount(pairs // max(network.n_nodes, 1), minlength=network.n_nodes)
    return np.flatnonzero((degree != 2) & (degree > 0))


def thin_to_grid(xy: np.ndarray, spacing: float) -> np.ndarray:
    """Positions of the points kept when at most one per ``spacing`` cell is kept (the one nearest the centre)."""
    if len(xy) == 0 or not spacing or spacing <= 0:
        return np.arange(len(xy))
    cell = np.floor(xy / spacing).astype(np.int64)
    centre = (cell + 0.5) * spacing
    d2 = ((xy - centre) ** 2).sum(axis=1)
    key = pd.factorize(pd.Series(list(map(tuple, cell))))[0] if len(xy) < 1000 else \
        pd.factorize(cell[:, 0] * np.int64(10_000_019) + cell[:, 1])[0]
    order = np.lexsort((np.arange(len(xy)), d2, key))
    first = np.ones(len(order), dtype=bool)
    first[1:] = key[order][1:] != key[order][:-1]
    return np.sort(order[first])


class LocationSuggestAlgorithm(IsrpAlgorithm):
    DEMAND = "DEMAND"
    POPULATION_FIELD = "POPULATION_FIELD"
    DEMAND_ID_FIELD = "DEMAND_ID_FIELD"
    CANDIDATES = "CANDIDATES"
    CANDIDATE_ID_FIELD = "CANDIDATE_ID_FIELD"
    GENERATE_CANDIDATES = "GENERATE_CANDIDATES"
    GRID_SPACING = "GRID_SPACING"
    UNITS = "UNITS"
    UNIT_ID_FIELD = "UNIT_ID_FIELD"
    EXISTING = "EXISTING"
    EXISTING_ID_FIELD = "EXISTING_ID_FIELD"
    EXISTING_FILTER = "EXISTING_FILTER"
    OBJECTIVE = "OBJECTIVE"
    P = "P"
    MAX_COST = "MAX_COST"
    # MODE, COST_UNIT, NETWORK and the network options (TOLERANCE … ROAD_CLASS_FIELD, SPEED_TABLE):
    # AccessibilityParameters declares them
    MODE = AccessibilityParameters.MODE
    COST_UNIT = AccessibilityParameters.COST_UNIT
    NETWORK = AccessibilityParameters.NETWORK
    COST_TABLE = "COST_TABLE"
    COST_ORIGIN_FIELD = "COST_ORIGIN_FIELD"
    COST_DESTINATION_FIELD = "COST_DESTINATION_FIELD"
    COST_FIELD = "COST_FIELD"
    MAX_EXACT_SIZE = "MAX_EXACT_SIZE"
    TIME_LIMIT = "TIME_LIMIT"
    SELECTED_ONLY = "SELECTED_ONLY"
    OUTPUT = "OUTPUT"

    #: result fields appended to the candidates' own fields
    RESULT_FIELDS = (
        ("cand_id", "string"), ("source", "string"), ("unit_id", "string"), ("selected", "int"), ("rank", "int"),
        ("covered_pop", "double"), ("pop_in_reach", "double"), ("cost_reduction", "double"),
        ("assigned_pop", "double"), ("mean_cost", "double"), ("objective", "double"), ("exact", "int"),
        ("gap", "double"), ("solution", "string"),
    )

    def __init__(self):
        super().__init__()
        self._network_key = (None, None)

    def name(self) -> str:  # noqa: D102
        return "locationsuggest"

    def displayName(self) -> str:  # noqa: N802, D102
        return self.tr("Location suggestions (maximal covering, p-median)")

    def group(self) -> str:  # noqa: D102
        return self.tr("Planning")

    def groupId(self) -> str:  # noqa: N802, D102
        return "planning"

    def shortHelpString(self) -> str:  # noqa: N802, D102
        return self.tr(
            "Chooses P new sites for a facility type out of candidate sites, with the existing facilities "
            "(EXISTING, optionally filtered) kept open and never dropped.\n\n"
            "OBJECTIVE: maximal covering (MCLP) maximises the target population (POPULATION_FIELD, several fields "
            "are added up) that is newly within MAX_COST of a site, i.e. not already within MAX_COST of an "
            "existing facility; p-median minimises the population-weighted cost to the nearest open facility, "
            "counting MAX_COST for everybody who has none within MAX_COST.\n\n"
            "Costs (MODE) exactly as in “Coverage of need”: along the street network (walk, bike, car; NETWORK; "
            "both access legs count), with the network parameters of “Accessibility of facilities” (TOLERANCE, "
            "MAX_ACCESS_DISTANCE, SPEED; by car ONEWAY_FIELD and SPEED_FIELD; ROAD_CLASS_FIELD, e.g. the OSM "
            "highway tag, with speeds per road class and mode from the shipped table "
            "resources/catalogues/road_speeds.csv, changed for the chosen mode by SPEED_TABLE, e.g. "
            "residential=30; footway=0, where 0 means the mode may not use the class, such as cars on footways; "
            "demand points, candidates and facilities are tied only to streets open to the mode), in a straight "
            "line between the points, or read from an origin–destination table (COST_TABLE with "
            "COST_ORIGIN_FIELD = DEMAND_ID_FIELD values and COST_DESTINATION_FIELD = CANDIDATE_ID_FIELD or "
            "EXISTING_ID_FIELD values, COST_FIELD in the unit of MAX_COST). COST_UNIT: metres or minutes.\n\n"
            "Candidates: the CANDIDATES layer, or, when it is empty, generated (GENERATE_CANDIDATES): the "
            "centres of a grid with GRID_SPACING metres, or the junctions and dead ends of the network (at most "
            "one per GRID_SPACING cell), inside UNITS (use “selected features only” to choose units; without "
            "UNITS, the bounding box of the demand points widened by GRID_SPACING).\n\n"
            "Solution: exact integer programs (scipy.optimize.milp / HiGHS) or an exact branch and bound, "
            "after exact reductions. Only when the reduced problem has more than MAX_EXACT_SIZE non-zeros "
            "(default 5,000,000), or both exact methods reach TIME_LIMIT, the greedy heuristic is used; it is "
            "labelled as such, with a proven bound on the gap to the optimum.\n\n"
            "Output: the candidates (with their own attributes) plus\n"
            "cand_id: candidate id; source: layer, grid or network_node; unit_id: unit of a generated site\n"
            "selected: 1 for a suggested site, else 0; rank: order of the suggested sites by contribution "
            "(1 = most)\n"
            "covered_pop: population newly within MAX_COST of the site, in rank order (not within reach of an "
            "existing facility or a site ranked before it); the sum over the selected sites is the population "
            "newly covered\n"
            "pop_in_reach: population within MAX_COST of this candidate alone that no existing facility covers "
            "(every candidate)\n"
            "cost_reduction, assigned_pop, mean_cost (p-median): reduction of the weighted cost in rank order, "
            "population for which the site is the nearest open facility and its mean cost (metres or minutes)\n"
            "objective: MCLP – population newly covered; p-median – population-weighted cost (person-metres or "
            "person-minutes)\n"
            "exact: 1 when the solution is proven optimal; gap: relative gap bound of a heuristic solution "
            "(0 when exact); solution: how it was found\n\n"
            "Results: OBJECTIVE_VALUE, EXACT, GAP, BASELINE (MCLP: population already covered; p-median: cost "
            "with the existing facilities only), SELECTED_COUNT."
        )

    # -- parameters ------------------------------------------------------------------------------
    def initAlgorithm(self, config=None):  # noqa: N802, D102
        p = AccessibilityParameters(self)
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.DEMAND, self.tr("Demand points (residents)"), [QgsProcessing.SourceType.TypeVectorPoint]))
        self.addParameter(QgsProcessingParameterField(
            self.POPULATION_FIELD, self.tr("Target population field(s) (several are added up)"), None, self.DEMAND,
            FIELD_NUMERIC, allowMultiple=True))
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.CANDIDATES, self.tr("Candidate sites (points; empty: generate candidates)"),
            [QgsProcessing.SourceType.TypeVectorPoint], optional=True))
        self.addParameter(QgsProcessingParameterField(
            self.CANDIDATE_ID_FIELD, self.tr("Candidate id field (empty: feature id)"), None, self.CANDIDATES,
            FIELD_ANY, optional=True))
        self.addParameter(QgsProcessingParameterEnum(
            self.GENERATE_CANDIDATES, self.tr("Generate candidates (when no candidate layer is given)"),
            [self.tr("grid"), self.tr("network junctions")], defaultValue=0))
        self.addParameter(QgsProcessingParameterNumber(
            self.GRID_SPACING, self.tr("Grid spacing (metres)"), NUMBER_DOUBLE, 250.0, minValue=1.0))
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.UNITS, self.tr("Generate candidates inside these units (polygons)"),
            [QgsProcessing.SourceType.TypeVectorPolygon], optional=True))
        self.addParameter(QgsProcessingParameterField(
            self.UNIT_ID_FIELD, self.tr("Unit id field"), None, self.UNITS, FIELD_ANY, optional=True))
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.EXISTING, self.tr("Existing facilities (kept open)"), [QgsProcessing.SourceType.TypeVectorPoint],
            optional=True))
        self.addParameter(QgsProcessingParameterField(
            self.EXISTING_ID_FIELD, self.tr("Existing facility id field (empty: feature id)"), None, self.EXISTING,
            FIELD_ANY, optional=True))
        self.addParameter(QgsProcessingParameterExpression(
            self.EXISTING_FILTER, self.tr("Existing facility filter, e.g. \"typ\" = 'kita' (empty: all)"), None,
            self.EXISTING, optional=True))
        self.addParameter(QgsProcessingParameterEnum(
            self.OBJECTIVE, self.tr("Objective"),
            [self.tr("maximal covering (MCLP)"), self.tr("p-median (least weighted distance)")], defaultValue=0))
        self.addParameter(QgsProcessingParameterNumber(
            self.P, self.tr("Number of new sites (p)"), NUMBER_INTEGER, 1, minValue=1, maxValue=10000))
        self.addParameter(QgsProcessingParameterNumber(
            self.MAX_COST, self.tr("Catchment: maximum cost (metres or minutes)"), NUMBER_DOUBLE, 500.0,
            minValue=0.0))
        p.mode(cost_table=True)  # MODE (the options of isrp:coverage) and COST_UNIT
        p.network(self.tr("Street network (lines; network modes)"))
        p.network_options()  # TOLERANCE … SPEED_FIELD, ROAD_CLASS_FIELD, SPEED_TABLE as in isrp:accessibility
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.COST_TABLE, self.tr("Cost table (origin–destination; mode “cost table”)"),
            [QgsProcessing.SourceType.TypeVector], optional=True))
        self.addParameter(QgsProcessingParameterField(
            self.COST_ORIGIN_FIELD, self.tr("Cost table: origin (demand id) field"), None, self.COST_TABLE, FIELD_ANY,
            optional=True))
        self.addParameter(QgsProcessingParameterField(
            self.COST_DESTINATION_FIELD, self.tr("Cost table: destination (candidate or facility id) field"), None,
            self.COST_TABLE, FIELD_ANY, optional=True))
        self.addParameter(QgsProcessingParameterField(
            self.COST_FIELD, self.tr("Cost table: cost field"), None, self.COST_TABLE, FIELD_NUMERIC, optional=True))
        self.addParameter(QgsProcessingParameterField(
            self.DEMAND_ID_FIELD, self.tr("Demand id field (for the cost table; empty: feature id)"), None,
            self.DEMAND, FIELD_ANY, optional=True))
        self.addParameter(advanced(QgsProcessingParameterNumber(
            self.MAX_EXACT_SIZE,
            self.tr("Solve exactly up to this many non-zeros of the reduced problem (above: greedy heuristic)"),
            NUMBER_INTEGER, loc.DEFAULT_MAX_NONZEROS, minValue=0)))
        self.addParameter(advanced(QgsProcessingParameterNumber(
            self.TIME_LIMIT, self.tr("Time limit of the exact solver (seconds)"), NUMBER_DOUBLE,
            loc.DEFAULT_TIME_LIMIT, minValue=1.0)))
        self.addParameter(advanced(QgsProcessingParameterBoolean(
            self.SELECTED_ONLY, self.tr("Write only the suggested sites"), False)))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.OUTPUT, self.tr("Location suggestions"), QgsProcessing.SourceType.TypeVectorPoint))
        self.addOutput(QgsProcessingOutputNumber("OBJECTIVE_VALUE", self.tr("Objective value")))
        self.addOutput(QgsProcessingOutputBoolean("EXACT", self.tr("Proven optimal")))
        self.addOutput(QgsProcessingOutputNumber("GAP", self.tr("Relative gap bound (0 when exact)")))
        self.addOutput(QgsProcessingOutputNumber("BOUND", self.tr("Proven bound on the optimum")))
        self.addOutput(QgsProcessingOutputNumber("BASELINE", self.tr("Value with the existing facilities only")))
        self.addOutput(QgsProcessingOutputNumber("SELECTED_COUNT", self.tr("Number of suggested sites")))
        self.addOutput(QgsProcessingOutputNumber("CANDIDATE_COUNT", self.tr("Number of candidates")))
        self.addOutput(QgsProcessingOutputString("SOLUTION", self.tr("How the solution was found")))

    def prepareAlgorithm(self, parameters, context, feedback):  # noqa: N802, D102
        self._network_key = (None, None)
        setattr(self, DIRECT_READS, {})  # filled by network_cache_key when the network is read
        mode = self.parameterAsEnum(parameters, self.MODE, context)
        if mode < STRAIGHT or (mode == STRAIGHT and self._generate_nodes(parameters, context)):
            self._network_key = network_cache_key(self, parameters, context)
        return True

    def _generate_nodes(self, parameters, context) -> bool:
        return parameters.get(self.CANDIDATES) in (None, "") and \
            self.parameterAsEnum(parameters, self.GENERATE_CANDIDATES, context) == 1

    # -- run -------------------------------------------------------------------------------------
    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802, D102
        try:
            return self._run(parameters, context, feedback)
        except Canceled:
            feedback.reportError(self.tr("Cancelled."))
            return {}

    def _check(self, feedback):
        if feedback.isCanceled():
            raise Canceled()

    def _run(self, parameters, context, feedback):
        t_start = time.perf_counter()
        steps = QgsProcessingMultiStepFeedback(5, feedback)
        mode = self.parameterAsEnum(parameters, self.MODE, context)
        mode_key = MODE_KEYS[mode]
        cost_key = COST_KEYS[self.parameterAsEnum(parameters, self.COST_UNIT, context)]
        unit_label = "m" if cost_key == "distance" else "min"
        objective = OBJECTIVE_KEYS[self.parameterAsEnum(parameters, self.OBJECTIVE, context)]
        p = self.parameterAsInt(parameters, self.P, context)
        max_cost = self.parameterAsDouble(parameters, self.MAX_COST, context)
        if not (max_cost > 0 and math.isfinite(max_cost)):
            raise QgsProcessingException(self.tr("MAX_COST must be a number > 0 (the catchment in {0}).")
                                         .format(unit_label))
        demand_src = self.parameterAsSource(parameters, self.DEMAND, context)
        if demand_src is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, self.DEMAND))
        cand_src = self.parameterAsSource(parameters, self.CANDIDATES, context) \
            if parameters.get(self.CANDIDATES) not in (None, "") else None
        exist_src = self.parameterAsSource(parameters, self.EXISTING, context) \
            if parameters.get(self.EXISTING) not in (None, "") else None
        net_src = self.parameterAsSource(parameters, self.NETWORK, context) \
            if parameters.get(self.NETWORK) not in (None, "") else None
        generate = GENERATE_KEYS[self.parameterAsEnum(parameters, self.GENERATE_CANDIDATES, context)]
        if mode < STRAIGHT and net_src is None:
            raise QgsProcessingException(self.tr("Mode “{0}” needs a street network: set NETWORK (a line layer) or "
                                                 "choose the straight-line mode.").format(mode_key))
        if cand_src is None and mode == TABLE:
            raise QgsProcessingException(self.tr("Mode “cost table” needs a CANDIDATES layer: generated candidates "
                                                 "have no rows in a cost table."))
        if cand_src is None and generate == "nodes" and net_src is None:
            raise QgsProcessingException(self.tr("Generating candidates at network junctions needs NETWORK (a line "
                                                 "layer); or generate them on a grid."))

        # 1. CRS and inputs. The job reads the network parameters, chooses the analysis CRS and builds the
        # network and the routing graph exactly as for isrp:coverage (the cost table runs as straight there too).
        job = AccessibilityJob(self, dict(parameters, **{self.MODE: min(mode, STRAIGHT)}), context, feedback,
                               self._network_key)
        if mode < STRAIGHT:
            job.choose_crs(net_src, self.NETWORK)
        else:
            job.choose_crs(demand_src, self.DEMAND)
        crs = job.crs
        demand = self._read_demand(parameters, context, demand_src, crs, feedback, need_ids=mode == TABLE)
        self._check(feedback)
        existing = self._read_existing(parameters, context, exist_src, crs, feedback) if exist_src else None
        self._check(feedback)
        steps.setCurrentStep(1)
        network = None
        if net_src is not None and (mode < STRAIGHT or (cand_src is None and generate == "nodes")):
            job.build_network(required=True)
            network = job.network
        self._check(feedback)
        if cand_src is not None:
            cands = self._read_candidates(parameters, context, cand_src, crs, feedback)
        else:
            cands = self._generate(parameters, context, generate, crs, demand, network, feedback)
        m = len(cands["ids"])
        if m == 0:
            raise QgsProcessingException(self.tr("No candidate sites: the candidate layer is empty or no site could "
                                                 "be generated inside the units."))
        if p > m:
            raise QgsProcessingException(self.tr("P = {0} is larger than the number of candidate sites ({1}): choose "
                                                 "P ≤ {1} or give more candidates.").format(p, m))
        self._check(feedback)

        # 2. costs
        steps.setCurrentStep(2)
        t0 = time.perf_counter()
        cand_costs, exist_costs = self._costs(parameters, context, job, mode, cost_key, max_cost, demand, cands,
                                              existing, feedback)
        feedback.pushInfo(self.tr("Costs within {0:g} {1}: {2:,} demand–candidate pairs, {3:,} demand–facility "
                                  "pairs ({4:.2f} s).").format(max_cost, unit_label, cand_costs.nnz,
                                                               exist_costs.nnz if exist_costs is not None else 0,
                                                               time.perf_counter() - t0))
        self._check(feedback)
        w = demand["population"]
        reach_w = np.zeros(len(w), dtype=bool)
        reach_w[cand_costs.demand_idx] = True
        reach_w &= w > 0
        if not reach_w.any():
            self._no_demand_in_reach(demand, cands, max_cost, unit_label, mode)

        # 3. solve
        steps.setCurrentStep(3)
        max_nnz = self.parameterAsInt(parameters, self.MAX_EXACT_SIZE, context)
        time_limit = self.parameterAsDouble(parameters, self.TIME_LIMIT, context)
        t0 = time.perf_counter()
        try:
            if objective == "mclp":
                res = loc.maximal_covering(w, cand_costs, p, max_cost, exist_costs, candidate_ids=cands["ids"],
                                           max_nonzeros=max_nnz, time_limit=time_limit)
            else:
                res = loc.p_median(w, cand_costs, p, exist_costs, max_cost=max_cost, candidate_ids=cands["ids"],
                                   max_nonzeros=max_nnz, time_limit=time_limit)
        except ValueError as err:
            raise QgsProcessingException(self.tr("The location problem cannot be solved: {0}").format(err)) from None
        solve_s = time.perf_counter() - t0
        for line in res.messages:
            feedback.pushInfo(line)
        self._check(feedback)

        # 4. per-candidate figures and output
        steps.setCurrentStep(4)
        table = self._candidate_table(res, w, cand_costs, exist_costs, max_cost, m)
        label = self._solution_label(res)
        if res.exact:
            feedback.pushInfo(self.tr("Solution proven optimal ({0}); solved in {1:.2f} s.").format(res.status,
                                                                                               solve_s))
        else:
            feedback.pushWarning(self.tr("Heuristic solution ({0}): not proven optimal; the optimum is at most "
                                         "{1:.2%} better (bound {2:g}).").format(res.status, res.gap, res.bound))
        dest = self._write(parameters, context, cands, table, res, label, crs, feedback)
        self._report(res, objective, cands, table, max_cost, unit_label, feedback)
        feedback.pushInfo(self.tr("Location suggestions done in {0:.2f} s.").format(time.perf_counter() - t_start))
        steps.setProgress(100)
        self._style(context, dest)
        return {
            self.OUTPUT: dest,
            "OBJECTIVE_VALUE": float(res.objective),
            "EXACT": bool(res.exact),
            "GAP": float(res.gap),
            "BOUND": float(res.bound) if math.isfinite(res.bound) else None,
            "BASELINE": float(res.baseline),
            "SELECTED_COUNT": int(len(res.selected)),
            "CANDIDATE_COUNT": int(m),
            "SOLUTION": label,
        }

    # -- inputs ----------------------------------------------------------------------------------
    def _request(self, source, crs, context):
        req = QgsFeatureRequest()
        if source.sourceCrs() != crs:
            req.setDestinationCrs(crs, context.transformContext())
        return req

    def _read_demand(self, parameters, context, source, crs, feedback, need_ids=False):
        name = source.sourceName()
        getter = getattr(self, "parameterAsStrings", None) or self.parameterAsFields
        pop_fields = [f for f in (getter(parameters, self.POPULATION_FIELD, context) or []) if f]
        if not pop_fields:
            raise QgsProcessingException(self.tr("POPULATION_FIELD: choose at least one numeric field of layer "
                                                 "“{0}” (the target population).").format(name))
        for f in pop_fields:
            i = source.fields().lookupField(f)
            if i < 0:
                raise QgsProcessingException(self.tr("Layer “{0}” has no field “{1}” (POPULATION_FIELD).")
                                             .format(name, f))
            if not source.fields().at(i).isNumeric():
                raise QgsProcessingException(self.tr("Field “{0}” of layer “{1}” is not numeric (POPULATION_FIELD).")
                                             .format(f, name))
        id_field = self.parameterAsString(parameters, self.DEMAND_ID_FIELD, context) or None
        if id_field and source.fields().lookupField(id_field) < 0:
            raise QgsProcessingException(self.tr("Layer “{0}” has no field “{1}” (DEMAND_ID_FIELD).")
                                         .format(name, id_field))
        wanted = list(pop_fields) + ([id_field] if id_field else [])
        pts = io.read_points(source, wanted, self._request(source, crs, context))
        n = len(pts["fids"])
        if n == 0:
            raise QgsProcessingException(self.tr("Layer “{0}” (DEMAND) has no features.").format(name))
        pop = np.zeros(n)
        nulls = np.zeros(n, dtype=bool)
        for f in pop_fields:
            vals = np.array([np.nan if v is None else float(v) for v in pts["values"][f]], dtype=float)
            nulls |= ~np.isfinite(vals)
            pop += np.nan_to_num(vals, nan=0.0)
        neg = pop < 0
        if neg.any():
            raise QgsProcessingException(self.tr("Layer “{0}”: {1} demand points have a negative population "
                                                 "(feature ids {2}).").format(name, int(neg.sum()),
                                                                              format_ids(pts["fids"][neg].tolist())))
        if nulls.any():
            feedback.pushWarning(self.tr("Layer “{0}”: {1} points have NULL in a population field; NULL counts as 0: "
                                         "feature ids {2}").format(name, int(nulls.sum()),
                                                                   format_ids(pts["fids"][nulls].tolist())))
        empty = ~np.all(np.isfinite(pts["xy"]), axis=1)
        if empty.any():
            feedback.pushWarning(self.tr("Layer “{0}”: {1} demand points without a usable geometry (population "
                                         "{2:,.0f}) cannot be reached and are left out: feature ids {3}")
                                 .format(name, int(empty.sum()), pop[empty].sum(),
                                         format_ids(pts["fids"][empty].tolist())))
        keep = ~empty
        ids = pts["values"][id_field] if id_field else pts["fids"].tolist()
        ids = [i for i, k in zip(ids, keep) if k]
        if need_ids and id_field and any(i is None for i in ids):
            raise QgsProcessingException(self.tr("Layer “{0}”: some demand points have no id (NULL in “{1}”); the "
                                                 "cost table cannot be matched.").format(name, id_field))
        label = " + ".join(pop_fields)
        feedback.pushInfo(self.tr("Demand: {0} points of layer “{1}”, target population ({2}) {3:,.0f}.")
                          .format(int(keep.sum()), name, label, pop[keep].sum()))
        return {"name": name, "fids": pts["fids"][keep], "xy": pts["xy"][keep], "population": pop[keep],
                "ids": ids, "pop_label": label}

    def _read_existing(self, parameters, context, source, crs, feedback):
        name = source.sourceName()
        id_field = self.parameterAsString(parameters, self.EXISTING_ID_FIELD, context) or None
        if id_field and source.fields().lookupField(id_field) < 0:
            raise QgsProcessingException(self.tr("Layer “{0}” has no field “{1}” (EXISTING_ID_FIELD).")
                                         .format(name, id_field))
        req = self._request(source, crs, context)
        expr_text = self.parameterAsExpression(parameters, self.EXISTING_FILTER, context)
        if expr_text:
            expr = QgsExpression(expr_text)
            if expr.hasParserError():
                raise QgsProcessingException(self.tr("EXISTING_FILTER is not a valid expression: {0}")
                                             .format(expr.parserErrorString()))
            req.setFilterExpression(expr_text)
            req.setExpressionContext(self.createExpressionContext(parameters, context, source))
        pts = io.read_points(source, [id_field] if id_field else [], req)
        ok = np.all(np.isfinite(pts["xy"]), axis=1)
        if (~ok).any():
            feedback.pushWarning(self.tr("Layer “{0}”: {1} existing facilities without a usable geometry are left "
                                         "out: feature ids {2}").format(name, int((~ok).sum()),
                                                                        format_ids(pts["fids"][~ok].tolist())))
        ids = pts["values"][id_field] if id_field else pts["fids"].tolist()
        ids = [i for i, k in zip(ids, ok) if k]
        feedback.pushInfo(self.tr("Existing facilities (kept open): {0} of layer “{1}”{2}.").format(
            len(ids), name, self.tr(" matching {0}").format(expr_text) if expr_text else ""))
        if not ids:
            feedback.pushWarning(self.tr("No existing facility: every site is judged against no existing supply."))
        return {"name": name, "xy": pts["xy"][ok], "ids": ids, "fids": pts["fids"][ok]}

    def _read_candidates(self, parameters, context, source, crs, feedback):
        name = source.sourceName()
        id_field = self.parameterAsString(parameters, self.CANDIDATE_ID_FIELD, context) or None
        if id_field and source.fields().lookupField(id_field) < 0:
            raise QgsProcessingException(self.tr("Layer “{0}” has no field “{1}” (CANDIDATE_ID_FIELD).")
                                         .format(name, id_field))
        pts = io.read_points(source, [id_field] if id_field else [], self._request(source, crs, context),
                             keep_attributes=True)
        ok = np.all(np.isfinite(pts["xy"]), axis=1)
        if (~ok).any():
            feedback.pushWarning(self.tr("Layer “{0}”: {1} candidates without a usable geometry are left out: feature "
                                         "ids {2}").format(name, int((~ok).sum()),
                                                           format_ids(pts["fids"][~ok].tolist())))
        ids = pts["values"][id_field] if id_field else pts["fids"].tolist()
        ids = [str(i) if i is not None else None for i, k in zip(ids, ok) if k]
        if any(i is None for i in ids):
            raise QgsProcessingException(self.tr("Layer “{0}”: some candidates have no id (NULL in “{1}”).")
                                         .format(name, id_field))
        dup = pd.Index(ids)
        if dup.has_duplicates:
            raise QgsProcessingException(self.tr("Layer “{0}”: candidate ids are not unique ({1}).")
                                         .format(name, format_ids(dup[dup.duplicated()].unique().tolist())))
        attrs = [a for a, k in zip(pts["attributes"], ok) if k]
        feedback.pushInfo(self.tr("Candidates: {0} sites of layer “{1}”.").format(len(ids), name))
        return {"ids": ids, "xy": pts["xy"][ok], "source": ["layer"] * len(ids), "unit": [None] * len(ids),
                "fields": source.fields(), "attributes": attrs}

    def _read_units(self, parameters, context, crs, feedback):
        if parameters.get(self.UNITS) in (None, ""):
            return None
        source = self.parameterAsSource(parameters, self.UNITS, context)
        if source is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, self.UNITS))
        id_field = self.parameterAsString(parameters, self.UNIT_ID_FIELD, context) or None
        if id_field and source.fields().lookupField(id_field) < 0:
            raise QgsProcessingException(self.tr("Layer “{0}” has no field “{1}” (UNIT_ID_FIELD).")
                                         .format(source.sourceName(), id_field))
        geoms, ids = [], []
        for feat in source.getFeatures(self._request(source, crs, context)):
            g = feat.geometry()
            if g is None or g.isNull() or g.isEmpty():
                continue
            if not g.isGeosValid():
                fixed = g.makeValid()
                g = fixed if fixed is not None and not fixed.isEmpty() else g
            geoms.append(g)
            ids.append(feat[id_field] if id_field else feat.id())
        if not geoms:
            raise QgsProcessingException(self.tr("Layer “{0}” (UNITS) has no polygons to generate candidates in.")
                                         .format(source.sourceName()))
        return {"name": source.sourceName(), "geoms": geoms, "ids": ids}

    def _generate(self, parameters, context, how, crs, demand, network, feedback):
        spacing = self.parameterAsDouble(parameters, self.GRID_SPACING, context)
        units = self._read_units(parameters, context, crs, feedback)
        if how == "grid":
            if units is not None:
                ext = units["geoms"][0].boundingBox()
                for g in units["geoms"][1:]:
                    ext.combineExtentWith(g.boundingBox())
                box = (ext.xMinimum(), ext.yMinimum(), ext.xMaximum(), ext.yMaximum())
            else:
                box = self._demand_box(demand, spacing)
            try:
                xy = grid_points(*box, spacing)
            except ValueError as err:
                raise QgsProcessingException(self.tr("GRID_SPACING {0:g} m: {1}").format(spacing, err)) from None
            src = "grid"
        else:
            net = network["net"]
            nodes = junction_nodes(net)
            xy = net.node_xy[nodes]
            src = "network_node"
        if units is not None:
            unit_idx = io.points_in_polygons(xy, units["geoms"], feedback)
            inside = unit_idx >= 0
            xy, unit_idx = xy[inside], unit_idx[inside]
            unit_ids = [str(units["ids"][i]) for i in unit_idx]
            where = self.tr("inside {0} units of layer “{1}”").format(len(units["geoms"]), units["name"])
        else:
            x0, y0, x1, y1 = self._demand_box(demand, spacing)
            inside = (xy[:, 0] >= x0) & (xy[:, 0] <= x1) & (xy[:, 1] >= y0) & (xy[:, 1] <= y1)
            xy = xy[inside]
            unit_ids = [None] * len(xy)
            where = self.tr("in the area of the demand points (no UNITS given)")
        if how == "nodes" and spacing > 0:
            keep = thin_to_grid(xy, spacing)
            xy = xy[keep]
            unit_ids = [unit_ids[i] for i in keep]
        ids = [str(i + 1) for i in range(len(xy))]
        if how == "grid":
            feedback.pushInfo(self.tr("Candidates generated: {0} grid cell centres ({1:g} m) {2}.")
                              .format(len(ids), spacing, where))
        else:
            feedback.pushInfo(self.tr("Candidates generated: {0} network junctions (at most one per {1:g} m cell) "
                                      "{2}.").format(len(ids), spacing, where))
        return {"ids": ids, "xy": np.asarray(xy, dtype=float).reshape(-1, 2), "source": [src] * len(ids),
                "unit": unit_ids, "fields": QgsFields(), "attributes": None}

    @staticmethod
    def _demand_box(demand, margin):
        """Bounding box of the demand points, widened by ``margin`` on every side."""
        xy = demand["xy"]
        return (xy[:, 0].min() - margin, xy[:, 1].min() - margin, xy[:, 0].max() + margin,
                xy[:, 1].max() + margin)

    # -- costs -----------------------------------------------------------------------------------
    def _costs(self, parameters, context, job, mode, cost_key, max_cost, demand, cands, existing, feedback):
        """Demand × candidate and demand × existing costs within ``max_cost`` (SparseCosts)."""
        nd = len(demand["xy"])
        ex_xy = existing["xy"] if existing is not None else np.zeros((0, 2))
        if mode == STRAIGHT:
            speed = job.speed_kmh()
            factor = 1.0 if cost_key == "distance" else 60.0 / (speed * 1000.0)
            max_dist = max_cost / factor
            cc = straight_line_costs(demand["xy"], cands["xy"], max_dist)
            ec = straight_line_costs(demand["xy"], ex_xy, max_dist) if existing is not None else None
            if factor != 1.0:
                cc = SparseCosts(cc.demand_idx, cc.facility_idx, cc.cost * factor, nd, cc.n_facilities, max_cost)
                if ec is not None:
                    ec = SparseCosts(ec.demand_idx, ec.facility_idx, ec.cost * factor, nd, ec.n_facilities, max_cost)
            return cc, ec
        if mode == TABLE:
            return self._table_costs(parameters, context, max_cost, demand, cands, existing, feedback)
        return self._network_costs(job, max_cost, demand, cands, existing, feedback)

    def _table_costs(self, parameters, context, max_cost, demand, cands, existing, feedback):
        source = self.parameterAsSource(parameters, self.COST_TABLE, context) \
            if parameters.get(self.COST_TABLE) not in (None, "") else None
        if source is None:
            raise QgsProcessingException(self.tr("Mode “cost table” needs COST_TABLE (an origin–destination table)."))
        names = {}
        for key in (self.COST_ORIGIN_FIELD, self.COST_DESTINATION_FIELD, self.COST_FIELD):
            f = self.parameterAsString(parameters, key, context)
            if not f:
                raise QgsProcessingException(self.tr("Mode “cost table” needs {0} (a field of the cost table).")
                                             .format(key))
            if source.fields().lookupField(f) < 0:
                raise QgsProcessingException(self.tr("Layer “{0}” has no field “{1}” ({2}).")
                                             .format(source.sourceName(), f, key))
            names[key] = f
        cols = [names[self.COST_ORIGIN_FIELD], names[self.COST_DESTINATION_FIELD], names[self.COST_FIELD]]
        idx = [source.fields().lookupField(c) for c in cols]
        req = QgsFeatureRequest().setFlags(QgsFeatureRequest.Flag.NoGeometry).setSubsetOfAttributes(idx)
        rows = []
        for feat in source.getFeatures(req):
            a = feat.attributes()
            rows.append([io._py(a[i]) for i in idx])
        table = pd.DataFrame(rows, columns=["o", "d", "c"])
        table = table.dropna(subset=["o", "d"])
        cand_ids = [str(i) for i in cands["ids"]]
        ex_ids = [str(i) for i in existing["ids"]] if existing is not None else []
        both = set(cand_ids) & set(ex_ids)
        if both:
            raise QgsProcessingException(self.tr("Ids used by both a candidate and an existing facility cannot be "
                                                 "told apart in the cost table: {0}").format(format_ids(sorted(both))))
        table["o"] = [io._qgis_string(v) for v in table["o"]]
        table["d"] = [io._qgis_string(v) for v in table["d"]]
        demand_ids = [io._qgis_string(v) for v in demand["ids"]]
        try:
            costs, report = costs_from_table(table, demand_ids, cand_ids + ex_ids, "o", "d", "c", max_cost)
        except ValueError as err:
            raise QgsProcessingException(self.tr("Cost table: {0}").format(err)) from None
        for line in report.messages():
            feedback.pushInfo(line)
        m = len(cand_ids)
        cc = costs.select_facilities(np.arange(m))
        ec = costs.select_facilities(np.arange(m, m + len(ex_ids))) if existing is not None else None
        return cc, ec

    def _network_costs(self, job, max_cost, demand, cands, existing, feedback):
        """Network costs as isrp:coverage computes them: the mode's speeds (SPEED, SPEED_FIELD, road classes and
        SPEED_TABLE), points tied only to streets open to the mode, both access legs counted."""
        nd, m = len(demand["xy"]), len(cands["xy"])
        ex_xy = existing["xy"] if existing is not None else np.zeros((0, 2))
        ne = len(ex_xy)
        graph = job.make_graph(np.vstack([demand["xy"], cands["xy"], ex_xy]))
        self._report_ties(graph, demand, cands, existing, job.max_access(), feedback)
        feedback.pushInfo(self.tr("Points tied to the network in {0:.2f} s.").format(job.timings["graph"]))
        all_costs = graph_od_costs(graph, np.arange(nd), nd + np.arange(m + ne), max_cost, include_access=True)
        cc = all_costs.select_facilities(np.arange(m))
        ec = all_costs.select_facilities(np.arange(m, m + ne)) if existing is not None else None
        return cc, ec

    def _report_ties(self, graph, demand, cands, existing, max_access, feedback):
        nd, m = len(demand["xy"]), len(cands["xy"])
        node = graph.point_node
        off_d = node[:nd] < 0
        if off_d.any():
            feedback.pushWarning(self.tr("{0} demand points (population {1:,.0f}) are farther than {2:g} m from the "
                                         "network and reach no site: feature ids {3}")
                                 .format(int(off_d.sum()), demand["population"][off_d].sum(), max_access,
                                         format_ids(demand["fids"][off_d].tolist())))
        off_c = node[nd:nd + m] < 0
        if off_c.any():
            feedback.pushWarning(self.tr("{0} candidates are farther than {1:g} m from the network and cannot be "
                                         "chosen: {2}").format(int(off_c.sum()), max_access,
                                                               format_ids(np.asarray(cands["ids"])[off_c].tolist())))
        if existing is not None:
            off_e = node[nd + m:] < 0
            if off_e.any():
                feedback.pushWarning(self.tr("{0} existing facilities are farther than {1:g} m from the network and "
                                             "cover nobody: {2}").format(int(off_e.sum()), max_access,
                                                                         format_ids(np.asarray(existing["ids"],
                                                                                               dtype=object)[off_e]
                                                                                    .tolist())))

    def _no_demand_in_reach(self, demand, cands, max_cost, unit_label, mode):
        pos = demand["population"] > 0
        if not pos.any():
            raise QgsProcessingException(self.tr("The target population is 0 everywhere: nothing to cover."))
        d, _ = cKDTree(cands["xy"]).query(demand["xy"][pos], k=1)
        raise QgsProcessingException(self.tr(
            "No demand point with target population lies within MAX_COST = {0:g} {1} of any candidate site "
            "(the nearest straight-line distance between them is {2:,.0f} m). Increase MAX_COST, check the mode "
            "and the cost unit, or give candidates closer to the residents.").format(max_cost, unit_label,
                                                                                      float(np.min(d))))

    # -- results ---------------------------------------------------------------------------------
    @staticmethod
    def _candidate_table(res, w, cand_costs, exist_costs, max_cost, m) -> pd.DataFrame:
        """Per candidate: selected, rank, covered_pop, pop_in_reach, cost_reduction, assigned_pop, mean_cost."""
        covered = np.zeros(len(w), dtype=bool)
        if exist_costs is not None:
            covered[exist_costs.demand_idx[exist_costs.cost <= max_cost]] = True
        within = cand_costs.cost <= max_cost
        di, fj = cand_costs.demand_idx[within], cand_costs.facility_idx[within]
        free = ~covered[di]
        pop_in_reach = np.bincount(fj[free], weights=w[di[free]], minlength=m)
        out = pd.DataFrame({"selected": np.zeros(m, dtype=int), "rank": np.full(m, -1),
                            "covered_pop": np.full(m, np.nan), "pop_in_reach": pop_in_reach,
                            "cost_reduction": np.full(m, np.nan), "assigned_pop": np.full(m, np.nan),
                            "mean_cost": np.full(m, np.nan)})
        order = np.argsort(fj, kind="stable")
        starts = np.searchsorted(fj[order], np.arange(m + 1))
        for r, j in enumerate(res.selected.tolist()):
            rows = di[order[starts[j]:starts[j + 1]]]
            new = rows[~covered[rows]]
            out.loc[j, "selected"] = 1
            out.loc[j, "rank"] = r + 1
            out.loc[j, "covered_pop"] = float(w[new].sum())
            covered[new] = True
        if res.method == "p_median" and len(res.selected):
            t = res.table
            sel = res.selected
            out.loc[sel, "cost_reduction"] = t["cost_reduction"].to_numpy(float)
            out.loc[sel, "assigned_pop"] = t["assigned_pop"].to_numpy(float)
            out.loc[sel, "mean_cost"] = t["mean_cost_assigned"].to_numpy(float)
        return out

    def _solution_label(self, res) -> str:
        if res.exact:
            return "optimal"
        return f"heuristic (gap ≤ {res.gap:.2%})"

    def _output_fields(self, cands):
        own = cands["fields"]
        reserved = {n for n, _ in self.RESULT_FIELDS}
        fields = QgsFields()
        for f in own:
            g = QgsField(f)
            if g.name().lower() in reserved:
                g.setName(g.name() + "_in")
            fields.append(g)
        for n, kind in self.RESULT_FIELDS:
            fields.append(make_field(n, kind, 80 if kind == "string" else 0))
        return fields

    def _write(self, parameters, context, cands, table, res, label, crs, feedback):
        fields = self._output_fields(cands)
        sink, dest = self.parameterAsSink(parameters, self.OUTPUT, context, fields, WKB_POINT, crs)
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.OUTPUT))
        only_selected = self.parameterAsBoolean(parameters, self.SELECTED_ONLY, context)
        n_own = cands["fields"].count()
        batch = []
        order = np.arange(len(table))
        sel = table["selected"].to_numpy() == 1
        # suggested sites first, in rank order, then the others in input order
        order = np.concatenate([order[sel][np.argsort(table["rank"].to_numpy()[sel])], order[~sel]])
        col = {c: table[c].tolist() for c in table.columns}
        objective, exact, gap = float(res.objective), int(bool(res.exact)), float(res.gap)
        xy = cands["xy"].tolist()
        for n, j in enumerate(order.tolist()):
            if not sel[j] and only_selected:
                continue
            if n % 2000 == 0:
                self._check(feedback)
            attrs = list(cands["attributes"][j]) if cands["attributes"] is not None else [None] * n_own
            rank = col["rank"][j]
            attrs += [cands["ids"][j], cands["source"][j], cands["unit"][j], int(col["selected"][j]),
                      int(rank) if rank > 0 else None, _num(col["covered_pop"][j]), _num(col["pop_in_reach"][j]),
                      _num(col["cost_reduction"][j]), _num(col["assigned_pop"][j]), _num(col["mean_cost"][j]),
                      objective, exact, gap, label]
            feat = QgsFeature()
            x, y = xy[j]
            feat.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(x, y)))
            feat.setAttributes(attrs)
            batch.append(feat)
        sink.addFeatures(batch, QgsFeatureSink.Flag.FastInsert)
        return dest

    def _report(self, res, objective, cands, table, max_cost, unit_label, feedback):
        sel = res.selected.tolist()
        if objective == "mclp":
            feedback.pushInfo(self.tr("Maximal covering: {0} new sites cover {1:,.0f} more persons within {2:g} {3} "
                                      "(already covered by existing facilities: {4:,.0f}).")
                              .format(len(sel), res.objective, max_cost, unit_label, res.baseline))
        else:
            feedback.pushInfo(self.tr("p-median: {0} new sites lower the population-weighted cost from {1:,.0f} to "
                                      "{2:,.0f} (person-{3}).").format(len(sel), res.baseline, res.objective,
                                                                       unit_label))
        for r, j in enumerate(sel):
            feedback.pushInfo(self.tr("  rank {0}: candidate {1} ({2}), newly covered {3:,.0f}")
                              .format(r + 1, cands["ids"][j], cands["source"][j],
                                      float(table.loc[j, "covered_pop"])))

    def _style(self, context, dest):
        from ..__about__ import resource_path

        qml = resource_path("styles", "suggest_sites.qml")
        if not qml.exists() or not context.willLoadLayerOnCompletion(dest):
            return
        details = context.layerToLoadOnCompletionDetails(dest)
        details.setPostProcessor(_StylePostProcessor.create(str(qml)))


class _StylePostProcessor:
    """Applies a QML style to an output layer once Processing has loaded it (kept alive in a list)."""

    _instances: List = []

    @classmethod
    def create(cls, qml: str):
        from qgis.core import QgsProcessingLayerPostProcessorInterface

        class Post(QgsProcessingLayerPostProcessorInterface):
            def __init__(self, path):
                super().__init__()
                self.path = path

            def postProcessLayer(self, layer, context, feedback):  # noqa: N802
                if layer is not None and layer.isValid():
                    layer.loadNamedStyle(self.path)
                    layer.triggerRepaint()

        post = Post(qml)
        cls._instances.append(post)
        return post


__all__ = ["LocationSuggestAlgorithm", "MODE_KEYS", "STRAIGHT", "TABLE", "grid_points", "junction_nodes",
           "thin_to_grid"]
