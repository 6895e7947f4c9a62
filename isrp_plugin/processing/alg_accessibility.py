"""isrp:accessibility — nearest (and k nearest) facility for every demand point, over the street network."""

from qgis.core import (
    QgsFields,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingMultiStepFeedback,
    QgsProcessingParameterFeatureSink,
    QgsWkbTypes,
)

from .alg_accessibility_common import (
    STRAIGHT,
    AccessibilityJob,
    AccessibilityParameters,
    Canceled,
    network_cache_key,
    prepare_direct_reads,
    threshold_suffix,
)
from .alg_accessibility_styles import LayerStyler
from .base import IsrpAlgorithm

P = AccessibilityParameters


class AccessibilityAlgorithm(IsrpAlgorithm):
    def __init__(self):
        super().__init__()
        self._network_key = (None, None)

    def name(self) -> str:  # noqa: D102
        return "accessibility"

    def displayName(self) -> str:  # noqa: N802, D102
        return self.tr("Accessibility of facilities (nearest, k nearest)")

    def group(self) -> str:  # noqa: D102
        return self.tr("Analyses")

    def groupId(self) -> str:  # noqa: N802, D102
        return "analyses"

    def shortHelpString(self) -> str:  # noqa: N802, D102
        return self.tr(
            "For every demand point: the nearest facility (optionally of one type, via the filter) and, with K > 1, "
            "the k nearest, along the street network as QGIS's own network analysis measures it, or in a straight "
            "line.\n\n"
            "Every point is tied to the nearest point of the nearest street segment. The network distance runs "
            "between the tied points; the straight legs from a point to its tied point (access legs) are reported "
            "separately. Facilities are ranked by the whole trip (both legs + network), in metres or in minutes "
            "(COST_UNIT); the cut-off MAX_COST and the THRESHOLDS use the same measure. Points farther than "
            "MAX_ACCESS_DISTANCE from the network are not connected. Walking and cycling use every street both "
            "ways; the car mode respects ONEWAY_FIELD and SPEED_FIELD. With ROAD_CLASS_FIELD (e.g. the OSM "
            "highway tag) every mode takes its speeds from a road-class table in km/h, where 0 means the mode "
            "may not use the class (cars on footways, pedestrians on motorways): the shipped table "
            "(resources/catalogues/road_speeds.csv), changed or extended for the chosen mode by SPEED_TABLE, e.g. "
            "primary=50; residential=30; footway=0. Classes without a speed run at the mode's speed (SPEED, else "
            "the ISRP settings; car 50 km/h); classes missing from the table are listed in the log. Points are "
            "tied only to streets open to the mode. The street network is built once and reused while the layer "
            "is unchanged.\n\n"
            "Output point layer (the demand points with their attributes, in the analysis CRS) plus:\n"
            "population: the target population used (sum of POPULATION_FIELD)\n"
            "unit_id: the unit of the point (when units are given)\n"
            "fac_id: id of the nearest facility (FACILITY_ID_FIELD, else its feature id); NULL if none is reached\n"
            "net_dist_m: network distance between the tied points, metres (straight line: the straight distance)\n"
            "access_m: access leg of the demand point to the network, metres\n"
            "fac_access_m: access leg of the facility, metres\n"
            "dist_m: whole trip = access_m + net_dist_m + fac_access_m, metres\n"
            "time_min: whole trip in minutes (network at the mode's speed, legs at walking speed)\n"
            "reachable: 1 if a facility is reached within the cut-off, else 0\n"
            "status: ok, not_connected (farther than MAX_ACCESS_DISTANCE from the network), other_component "
            "(no facility in its part of the network), beyond_cutoff, no_path (only one-way streets lead the "
            "wrong way) or no_geometry\n"
            "fac_id_j, net_dist_m_j, dist_m_j, time_min_j: the same for the j-th nearest facility (j = 2 … K)\n\n"
            "Optional per-unit summary (OUTPUT_UNITS, needs UNITS or DEMAND_UNIT_FIELD): see "
            "“Accessibility per unit”, same fields.\n\n"
            "Optional problem points (OUTPUT_PROBLEMS): every point the diagnostics name (not connected, small "
            "network component, facility off the network, duplicate or NULL facility id, NULL population, empty "
            "geometry) with layer, feature_id, item_id (facility id), problem, detail and access_m (metres).\n\n"
            "Nothing is dropped: unreached points keep their row with a status, and the log lists counts and "
            "feature ids of every problem."
        )

    def initAlgorithm(self, config=None):  # noqa: N802, D102
        p = AccessibilityParameters(self)
        p.network()
        p.demand()
        p.facilities()
        p.mode()
        p.max_cost()
        p.k()
        p.network_options()
        p.population()
        p.units()
        p.thresholds()
        self.addParameter(QgsProcessingParameterFeatureSink(
            P.OUTPUT, self.tr("Accessibility (demand points)"), QgsProcessing.SourceType.TypeVectorPoint))
        self.addParameter(QgsProcessingParameterFeatureSink(
            P.OUTPUT_UNITS, self.tr("Accessibility per unit"), QgsProcessing.SourceType.TypeVector, optional=True,
            createByDefault=False))
        p.problems_output()
        p.summary_outputs()

    def prepareAlgorithm(self, parameters, context, feedback):  # noqa: N802, D102
        if self.parameterAsEnum(parameters, P.MODE, context) != STRAIGHT:
            self._network_key = network_cache_key(self, parameters, context)
        else:
            prepare_direct_reads(self, parameters, context, (P.DEMAND,))
        return True

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802, D102
        try:
            return self._run(parameters, context, feedback)
        except Canceled:
            feedback.reportError(self.tr("Cancelled."))
            return {}

    def _run(self, parameters, context, feedback):
        steps = QgsProcessingMultiStepFeedback(6, feedback)
        job = AccessibilityJob(self, parameters, context, steps, self._network_key)
        k = self.parameterAsInt(parameters, P.K, context)
        thresholds = job.thresholds()
        want_units = parameters.get(P.OUTPUT_UNITS) not in (None, "")
        # 1 inputs
        base_key = P.DEMAND if job.straight else P.NETWORK
        base = job._source(base_key, required=False)
        if base is None:
            if not job.straight:
                job.build_network(required=True)  # raises the clear "needs a network" error
            raise QgsProcessingException(self.invalidSourceError(parameters, base_key))
        job.choose_crs(base, base_key)
        job.read_facilities()
        job.check()
        steps.setCurrentStep(1)
        job.read_demand(keep_attributes=False)  # write_points reads the features once more
        has_units = parameters.get(P.UNITS) not in (None, "") or job.demand["unit_field"]
        if want_units and not has_units:
            raise QgsProcessingException(self.tr("OUTPUT_UNITS needs UNITS (a polygon layer) or DEMAND_UNIT_FIELD."))
        if has_units:
            job.read_units()
        job.check()
        # 2 network + graph + diagnostics
        steps.setCurrentStep(2)
        nd = len(job.demand["fids"])
        if not job.straight:
            job.build_network(required=True)
            job.check()
            steps.setProgress(50)
            job.make_access_graph()
            job.check()
            job.diagnose_network(nd)
        job.check()
        # 3 nearest
        steps.setCurrentStep(3)
        res = job.nearest(k)
        job.check()
        # 4 points output
        steps.setCurrentStep(4)
        demand_fields = job.demand["source"].fields()
        extra = job.point_result_fields(k)
        own = job._rename_collisions(demand_fields, [f.name() for f in extra])
        fields = QgsFields(own)
        for f in extra:
            fields.append(f)
        sink, dest = self.parameterAsSink(parameters, P.OUTPUT, context, fields, QgsWkbTypes.Type.Point, job.crs)
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, P.OUTPUT))
        job.write_points(sink, demand_fields.count(), res, k, progress=steps.setProgress, dest=dest, fields=fields)
        value_field = "dist_m" if job.cost == "distance" else "time_min"
        LayerStyler.attach(context, dest, "points", field=value_field, thresholds=thresholds, unit=job.unit_label)
        results = {P.OUTPUT: dest}
        # 5 per unit
        steps.setCurrentStep(5)
        if has_units and want_units:
            agg = job.summary_by_unit(res, thresholds)
            ufields, _ = job.unit_output_fields(thresholds)
            usink, udest = self.parameterAsSink(parameters, P.OUTPUT_UNITS, context, ufields,
                                                job.unit_geometry_type(), job.crs)
            if usink is None:
                raise QgsProcessingException(self.invalidSinkError(parameters, P.OUTPUT_UNITS))
            job.write_units(usink, agg, thresholds)
            mid = thresholds[len(thresholds) // 2]
            LayerStyler.attach(context, udest, "units", share_field=f"share_{threshold_suffix(mid, job.cost)}",
                               threshold_label=f"{mid:g} {job.unit_label}")
            results[P.OUTPUT_UNITS] = udest
        problems = job.write_problems()
        if problems:
            results[P.OUTPUT_PROBLEMS] = problems
        results.update(job.overall(res, thresholds))
        steps.setProgress(100)
        return results
