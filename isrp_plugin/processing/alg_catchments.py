"""isrp:catchments — the area each facility reaches within one or more costs, as polygons."""

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


def corridor_polygon(pieces: np.ndarray, width: float) -> QgsGeometry:
    """Union of the buffers (``width`` on each side, round ends) around straight pieces ``(x0, y0, x1, y1)``.

    Buffering every piece on its own and uniting them (a cascaded union in GEOS) is about ten
    times faster than buffering one multi-line of the same pieces.
    """
    caps = []
    for x0, y0, x1, y1 in np.asarray(pieces, dtype=float).reshape(-1, 4).tolist():
        if x0 == x1 and y0 == y1:
            line = QgsGeometry.fromPointXY(QgsPointXY(x0, y0))
        else:
            line = QgsGeometry.fromPolylineXY([QgsPointXY(x0, y0), QgsPointXY(x1, y1)])
        caps.append(line.buffer(width, QUAD_SEGMENTS))
    if not caps:
        return QgsGeometry()
    geom = QgsGeometry.unaryUnion(caps) if len(caps) > 1 else caps[0]
    geom.convertToMultiType()
    return geom


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
            tie = g.ties.tie_xy
            pieces = catch.pieces
            order = pieces.sort_values(["facility", "limit"], kind="stable")
            keys = list(zip(order["facility"].to_numpy(), order["limit"].to_numpy()))
            arr = order[["x0", "y0", "x1", "y1"]].to_numpy(dtype=float)
            starts = {}
            for i, key in enumerate(keys):
                if key not in starts:
                    starts[key] = [i, i]
                starts[key][1] = i + 1

            def pieces_of(i, cost):
                a, b = starts.get((i, cost), (0, 0))
                segs = [arr[a:b]]
                leg_reach = cost if job.cost == "distance" else cost * apm  # metres of the leg within the cost
                if leg[i] > 0 and np.isfinite(leg[i]):
                    frac = min(1.0, leg_reach / leg[i])
                    x0, y0 = fac["xy"][i]
                    x1, y1 = x0 + (tie[i, 0] - x0) * frac, y0 + (tie[i, 1] - y0) * frac
                    segs.append(np.array([[x0, y0, x1, y1]]))
                elif b == a:
                    segs.append(np.array([[tie[i, 0], tie[i, 1], tie[i, 0], tie[i, 1]]]))
                return np.vstack(segs)

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
        for i in range(nf):
            if i % 5 == 0:
                job.check()
                steps.setProgress(100.0 * i / max(nf, 1))
            if not np.all(np.isfinite(fac["xy"][i])):
                status = "no_geometry"
            elif not node_ok[i]:
                status = "not_connected"
            else:
                status = "ok"
            for j, cost in enumerate(costs):
                if status != "ok":
                    geom = QgsGeometry()
                elif job.straight:
                    geom = QgsGeometry.fromPointXY(QgsPointXY(*fac["xy"][i])).buffer(reach[j], 8)
                    geom.convertToMultiType()
                else:
                    geom = corridor_polygon(pieces_of(i, cost), width)
                if dissolve:
                    if not geom.isEmpty():
                        per_cost[cost].append(geom)
                    continue
                feat = QgsFeature()
                if not geom.isEmpty():
                    feat.setGeometry(geom)
                area = geom.area() / 1e6 if not geom.isEmpty() else 0.0
                feat.setAttributes([fac["ids"][i], float(cost), job.unit_label, job.mode_key, status, area]
                                   + inside(geom))
                feats.append(feat)
            if len(feats) >= 500:
                sink.addFeatures(feats, QgsFeatureSink.Flag.FastInsert)
                feats = []
        if dissolve:
            for cost in costs:
                job.check()
                parts = per_cost[cost]
                geom = QgsGeometry.unaryUnion(parts) if parts else QgsGeometry()
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
        LayerStyler.attach(context, dest, "catchments", costs=costs, unit=job.unit_label)
        results = {P.OUTPUT: dest}
        problems = job.write_problems()
        if problems:
            results[P.OUTPUT_PROBLEMS] = problems
        steps.setProgress(100)
        return results

