"""isrp:catchments — the area each facility reaches within one or more costs, as polygons."""

import struct
import time
from typing import List, Tuple

import numpy as np
from qgis.core import (
    QgsFeature,
    QgsFeatureSink,
    QgsFields,
    QgsGeometry,
    QgsPointXY,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingMultiStepFeedback,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterString,
    QgsWkbTypes,
)

from ..core.accessibility import graph_catchments
from ..core.corridors import corridor_parts, corridor_rings_many, network_pieces
from ..qgis_io.compat import make_field
from ..qgis_io.layers import points_in_geometry
from .alg_accessibility_common import (
    NUMBER_DOUBLE,
    STRAIGHT,
    AccessibilityJob,
    AccessibilityParameters,
    Canceled,
    network_cache_key,
    number,
    parse_numbers,
)
from .alg_accessibility_styles import LayerStyler
from .base import IsrpAlgorithm

P = AccessibilityParameters
#: Segments per quarter circle of the buffers around reached streets.
QUAD_SEGMENTS = 3
#: Facilities whose network polygons are built in one vectorised pass.
BATCH_FACILITIES = 4


def multipolygon(polygons) -> QgsGeometry:
    """A multi-polygon geometry from polygons given as lists of closed rings (``(k, 2)`` arrays), via WKB."""
    chunks = [struct.pack("<BII", 1, 6, len(polygons))]
    for rings in polygons:
        chunks.append(struct.pack("<BII", 1, 3, len(rings)))
        for ring in rings:
            chunks.append(struct.pack("<I", len(ring)))
            chunks.append(np.ascontiguousarray(ring, dtype="<f8").tobytes())
    geom = QgsGeometry()
    geom.fromWkb(b"".join(chunks))
    return geom


def corridor_polygons(networks, width: float) -> List[Tuple[QgsGeometry, bool]]:
    """Union of the buffers (``width`` on each side, round ends) around the pieces ``xy[a]``–``xy[b]`` of each network.

    ``networks``: ``(xy, a, b)`` per polygon (:func:`..core.corridors.network_pieces`). The
    boundary is computed directly, several polygons in one pass
    (:func:`..core.corridors.corridor_rings_many`); where that fails on nearly degenerate input,
    or GEOS finds the result invalid, GEOS unites the same convex parts. Returns per network the
    geometry and whether GEOS was needed.
    """
    n_circle = 4 * QUAD_SEGMENTS
    out = []
    for (xy, a, b), polygons in zip(networks, corridor_rings_many(networks, width, n_circle)):
        if not len(a):
            out.append((QgsGeometry(), False))
            continue
        if polygons:
            geom = multipolygon(polygons)
            if geom.isGeosValid():
                out.append((geom, False))
                continue
        parts = multipolygon([[ring] for ring in corridor_parts(xy, a, b, width, n_circle)])
        geom = QgsGeometry.unaryUnion([parts])
        geom.convertToMultiType()
        out.append((geom, True))
    return out


class CatchmentsAlgorithm(IsrpAlgorithm):
    COSTS = "COSTS"
    BUFFER_WIDTH = "BUFFER_WIDTH"
    DISSOLVE = "DISSOLVE"

    def __init__(self):
        super().__init__()
        self._network_key = (None, None)

    def name(self) -> str:  # noqa: D102
        return "catchments"

    def displayName(self) -> str:  # noqa: N802, D102
        return self.tr("Catchments of facilities")

    def group(self) -> str:  # noqa: D102
        return self.tr("Analyses")

    def groupId(self) -> str:  # noqa: N802, D102
        return "analyses"

    def shortHelpString(self) -> str:  # noqa: N802, D102
        return self.tr(
            "The area each facility reaches within one or more costs (COSTS, in metres or minutes), as polygons "
            "that stay separate per facility (they may overlap), or one polygon per cost with DISSOLVE.\n\n"
            "Method: a shortest-path search from every facility (trips starting at the facility, as QGIS's "
            "service area; the facility's access leg counts) gives the reached parts of the street network, "
            "edges cut exactly at the cost. The polygon is the union of buffers of BUFFER_WIDTH metres (default "
            "50 m) around the reached street pieces and the facility's access leg, so it follows the streets and "
            "extends BUFFER_WIDTH beyond the reached ends. In the straight-line mode it is a circle.\n\n"
            "Output fields:\n"
            "fac_id: facility id (FACILITY_ID_FIELD, else the feature id); with DISSOLVE n_facilities instead\n"
            "cost: the cost limit; cost_unit: m (metres) or min (minutes); mode: walk, bike, car or straight\n"
            "status: ok, not_connected (facility farther than MAX_ACCESS_DISTANCE from the network; empty "
            "geometry) or no_geometry\n"
            "area_km2: area of the polygon in km²\n"
            "n_points, population: demand points inside the polygon and their population (sum of "
            "POPULATION_FIELD, or the number of points without it) — only with DEMAND"
        )

    def initAlgorithm(self, config=None):  # noqa: N802, D102
        p = AccessibilityParameters(self)
        p.network()
        p.facilities()
        p.mode()
        self.addParameter(QgsProcessingParameterString(
            self.COSTS, self.tr("Costs, e.g. 300, 500, 1000 (metres) or 5, 10, 15 (minutes)"), "500, 1000"))
        self.addParameter(number(
            self.BUFFER_WIDTH, self.tr("Width around the reached streets (metres)"), NUMBER_DOUBLE, 50.0,
            minValue=0.1, decimals=1))
        self.addParameter(QgsProcessingParameterBoolean(
            self.DISSOLVE, self.tr("Dissolve the catchments of all facilities per cost"), False))
        p.demand(optional=True, description=self.tr("Demand points (for the population inside)"))
        p.population()
        p.network_options()
        self.addParameter(QgsProcessingParameterFeatureSink(
            P.OUTPUT, self.tr("Catchments"), QgsProcessing.SourceType.TypeVectorPolygon))
        p.problems_output()

    def prepareAlgorithm(self, parameters, context, feedback):  # noqa: N802, D102
        if self.parameterAsEnum(parameters, P.MODE, context) != STRAIGHT:
            self._network_key = network_cache_key(self, parameters, context)
        return True

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802, D102
        try:
            return self._run(parameters, context, feedback)
        except Canceled:
            feedback.reportError(self.tr("Cancelled."))
            return {}

    def _run(self, parameters, context, feedback):
        steps = QgsProcessingMultiStepFeedback(4, feedback)
        job = AccessibilityJob(self, parameters, context, steps, self._network_key)
        text = self.parameterAsString(parameters, self.COSTS, context)
        try:
            costs = parse_numbers(text)
        except ValueError as err:
            raise QgsProcessingException(self.tr("COSTS: “{0}” is not a positive number (list: “{1}”)")
                                         .format(err.args[0], text)) from None
        if not costs:
            raise QgsProcessingException(self.tr("COSTS: give at least one cost, e.g. 500, 1000."))
        width = self.parameterAsDouble(parameters, self.BUFFER_WIDTH, context)
        dissolve = self.parameterAsBoolean(parameters, self.DISSOLVE, context)
        base_key = P.FACILITIES if job.straight else P.NETWORK
        base = job._source(base_key, required=False)
        if base is None:
            if not job.straight:
                job.build_network(required=True)
            raise QgsProcessingException(self.invalidSourceError(parameters, base_key))
        job.choose_crs(base, base_key)
        job.read_facilities()
        with_demand = parameters.get(P.DEMAND) not in (None, "")
        if with_demand:
            job.read_demand(keep_attributes=False)
        job.check()
        steps.setCurrentStep(1)
        fac = job.fac
        nf = len(fac["fids"])
        if job.straight:
            speed = job.speed_kmh()
            reach = costs if job.cost == "distance" else [c * speed * 1000.0 / 60.0 for c in costs]
            node_ok = np.all(np.isfinite(fac["xy"]), axis=1)
            pieces_of = None
        else:
            job.build_network(required=True)
            job.check()
            g = job.make_graph(fac["xy"])
            job.diagnose_network(0)
            job.check()
            steps.setCurrentStep(2)
            catch = graph_catchments(g, np.arange(nf), costs, direction="from_facility", include_access=True)
            node_ok = g.point_node >= 0
            apm = g.mode.access_metres_per_minute
            leg = g.access_m
            pieces = catch.pieces
            # rows of each (facility, cost) together: group = facility · n_costs + position of the cost (COSTS
            # are sorted and unique)
            group = pieces["facility"].to_numpy(dtype=np.int64) * len(costs) + np.searchsorted(
                costs, pieces["limit"].to_numpy(dtype=float))
            order = np.argsort(group, kind="stable")
            group = group[order]
            p_fac = pieces["facility"].to_numpy(dtype=np.int64)[order]
            p_lim = pieces["limit"].to_numpy(dtype=float)[order]
            p_u = pieces["u"].to_numpy(dtype=np.int64)[order]
            p_v = pieces["v"].to_numpy(dtype=np.int64)[order]
            p_frac = pieces["frac"].to_numpy(dtype=float)[order]
            bounds = np.searchsorted(group, np.arange(nf * len(costs) + 1))

            def leg_frac(facs, cost):  # reached share of the access legs
                reach = cost if job.cost == "distance" else cost * apm  # metres of the leg within the cost
                with np.errstate(divide="ignore", invalid="ignore"):
                    return np.where(leg[facs] > 0, np.minimum(1.0, reach / leg[facs]), 1.0)

            def pieces_of(facs, cost):  # nodes and pieces reached from the facilities ``facs``
                if len(facs) == 1:
                    j = facs[0] * len(costs) + costs.index(cost)
                    rows = slice(bounds[j], bounds[j + 1])
                else:
                    rows = np.flatnonzero((p_lim == cost) & np.isin(p_fac, facs))
                return network_pieces(g.node_xy, p_u[rows], p_v[rows], p_frac[rows], fac["xy"][facs],
                                      g.point_node[facs], leg_frac(facs, cost))

        steps.setCurrentStep(3)
        fields = QgsFields()
        if dissolve:
            fields.append(make_field("n_facilities", "int"))
        else:
            fields.append(fac["field"])
        for name, kind in (("cost", "double"), ("cost_unit", "string"), ("mode", "string"), ("status", "string"),
                           ("area_km2", "double")):
            fields.append(make_field(name, kind))
        if with_demand:
            fields.append(make_field("n_points", "int"))
            fields.append(make_field("population", "double"))
        sink, dest = self.parameterAsSink(parameters, P.OUTPUT, context, fields, QgsWkbTypes.Type.MultiPolygon,
                                          job.crs)
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, P.OUTPUT))
        dxy = job.demand["xy"] if with_demand else None
        dpop = job.demand["population"] if with_demand else None

        def inside(geom):
            if not with_demand or geom.isEmpty():
                return [0, 0.0] if with_demand else []
            idx = points_in_geometry(dxy, geom)
            return [int(idx.size), float(dpop[idx].sum())]

        per_cost = {c: [] for c in costs}
        feats = []
        n_fallback = n_polygons = 0
        t0 = time.perf_counter()
        status = np.where(~np.all(np.isfinite(fac["xy"]), axis=1), "no_geometry",
                          np.where(node_ok, "ok", "not_connected"))
        # network polygons are built a few facilities at a time (one vectorised pass per batch)
        batch = 1 if job.straight or dissolve else BATCH_FACILITIES
        for first in range(0, nf, batch):
            job.check()
            steps.setProgress(100.0 * first / max(nf, 1))
            facs = range(first, min(first + batch, nf))
            geoms = {}
            if not job.straight and not dissolve:
                todo = [(i, cost) for i in facs if status[i] == "ok" for cost in costs]
                built = corridor_polygons([pieces_of(np.array([i]), cost) for i, cost in todo], width)
                for key, (geom, fallback) in zip(todo, built):
                    geoms[key] = geom
                    n_fallback += fallback
                n_polygons += len(todo)
            for i in facs:
                for j, cost in enumerate(costs):
                    if status[i] != "ok":
                        geom = QgsGeometry()
                    elif job.straight:
                        geom = QgsGeometry.fromPointXY(QgsPointXY(*fac["xy"][i])).buffer(reach[j], 8)
                        geom.convertToMultiType()
                    else:  # network polygons built above (dissolved ones: below)
                        geom = geoms.get((i, cost), QgsGeometry())
                    if dissolve:
                        if status[i] == "ok":
                            per_cost[cost].append(i if pieces_of is not None else geom)
                        continue
                    feat = QgsFeature()
                    if not geom.isEmpty():
                        feat.setGeometry(geom)
                    area = geom.area() / 1e6 if not geom.isEmpty() else 0.0
                    feat.setAttributes([fac["ids"][i], float(cost), job.unit_label, job.mode_key, str(status[i]), area]
                                       + inside(geom))
                    feats.append(feat)
            if len(feats) >= 500:
                sink.addFeatures(feats, QgsFeatureSink.Flag.FastInsert)
                feats = []
        if dissolve:
            for cost in costs:
                job.check()
                parts = per_cost[cost]
                if not parts:
                    geom = QgsGeometry()
                elif pieces_of is not None:  # network: one union of everything reached at this cost
                    ((geom, fallback),) = corridor_polygons([pieces_of(np.array(parts), cost)], width)
                    n_fallback += fallback
                    n_polygons += 1
                else:
                    geom = QgsGeometry.unaryUnion(parts)
                if not geom.isEmpty():
                    geom.convertToMultiType()
                feat = QgsFeature()
                if not geom.isEmpty():
                    feat.setGeometry(geom)
                feat.setAttributes([len(parts), float(cost), job.unit_label, job.mode_key,
                                    "ok" if parts else "empty", geom.area() / 1e6 if not geom.isEmpty() else 0.0]
                                   + inside(geom))
                feats.append(feat)
        if feats:
            sink.addFeatures(feats, QgsFeatureSink.Flag.FastInsert)
        if pieces_of is not None:
            feedback.pushInfo(self.tr("Catchment polygons: {0} in {1:.1f} s.").format(n_polygons,
                                                                                     time.perf_counter() - t0))
            if n_fallback:
                feedback.pushInfo(self.tr("{0} polygons had nearly touching street buffers and were united with "
                                          "GEOS instead.").format(n_fallback))
        LayerStyler.attach(context, dest, "catchments", costs=costs, unit=job.unit_label)
        results = {P.OUTPUT: dest}
        problems = job.write_problems()
        if problems:
            results[P.OUTPUT_PROBLEMS] = problems
        steps.setProgress(100)
        return results

