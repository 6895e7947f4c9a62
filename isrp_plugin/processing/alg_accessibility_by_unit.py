"""isrp:accessibilitybyunit — accessibility of facilities summarised per district / social space."""

from qgis.core import (
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingMultiStepFeedback,
    QgsProcessingParameterFeatureSink,
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


class AccessibilityByUnitAlgorithm(IsrpAlgorithm):
    def __init__(self):
        super().__init__()
        self._network_key = (None, None)

    def name(self) -> str:  # noqa: D102
        return "accessibilitybyunit"

    def displayName(self) -> str:  # noqa: N802, D102
        return self.tr("Accessibility per unit")

    def group(self) -> str:  # noqa: D102
        return self.tr("Analyses")

    def groupId(self) -> str:  # noqa: N802, D102
        return "analyses"

    def shortHelpString(self) -> str:  # noqa: N802, D102
        return self.tr(
            "How well the population of each unit (district, social space) reaches the nearest facility: the "
            "nearest facility of every demand point is found as in “Accessibility of facilities” (network or "
            "straight line, same parameters) and summarised per unit, weighted by the population of the points "
            "(POPULATION_FIELD; several fields are added up, e.g. pop_0_3 + pop_3_6 for children under 6; NULL "
            "counts as 0 and is reported; without a field every point counts 1).\n\n"
            "Points belong to a unit by point in polygon (UNITS), or by a unit id field of the demand points "
            "(DEMAND_UNIT_FIELD; matched against UNIT_ID_FIELD when UNITS is given as well). Points in no unit "
            "are summarised in an extra row with NULL unit fields; units without points get population 0.\n\n"
            "Output (the units with their attributes and geometry, or a table of unit ids), in the unit of "
            "COST_UNIT (m = metres of the whole trip dist_m, min = minutes time_min):\n"
            "n_points: demand points in the unit\n"
            "population: target population of the unit\n"
            "pop_reached: population that reaches a facility (within the cut-off)\n"
            "pop_unreached: population that reaches none — never dropped; split into pop_not_connected (farther "
            "than MAX_ACCESS_DISTANCE from the network), pop_other_component (no facility in its part of the "
            "network), pop_beyond_cutoff, pop_no_path (one-way streets) and pop_no_geometry\n"
            "mean_m / mean_min: population-weighted mean over the population that reaches a facility\n"
            "median_m / median_min: population-weighted median (the smallest value reached by half of that "
            "population)\n"
            "pop_<t>m / pop_<t>min: population within threshold t\n"
            "share_<t>m / share_<t>min: that population as a share (0–1) of the unit's whole population "
            "(unreached population counts as not within); NULL for a unit without population"
        )

    def initAlgorithm(self, config=None):  # noqa: N802, D102
        p = AccessibilityParameters(self)
        p.network()
        p.demand()
        p.facilities()
        p.mode()
        p.max_cost()
        p.network_options()
        p.population()
        p.units(optional=True)
        p.thresholds()
        self.addParameter(QgsProcessingParameterFeatureSink(
            P.OUTPUT, self.tr("Accessibility per unit"), QgsProcessing.SourceType.TypeVector))
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
        steps = QgsProcessingMultiStepFeedback(5, feedback)
        job = AccessibilityJob(self, parameters, context, steps, self._network_key)
        thresholds = job.thresholds()
        if parameters.get(P.UNITS) in (None, "") and not parameters.get(P.DEMAND_UNIT_FIELD):
            raise QgsProcessingException(self.tr("Set UNITS (a polygon layer) or DEMAND_UNIT_FIELD (a unit id field "
                                                 "of the demand points)."))
        base_key = P.DEMAND if job.straight else P.NETWORK
        base = job._source(base_key, required=False)
        if base is None:
            if not job.straight:
                job.build_network(required=True)
            raise QgsProcessingException(self.invalidSourceError(parameters, base_key))
        job.choose_crs(base, base_key)
        job.read_facilities()
        job.check()
        steps.setCurrentStep(1)
        job.read_demand(keep_attributes=False)
        job.read_units(required=True)
        job.check()
        steps.setCurrentStep(2)
        nd = len(job.demand["fids"])
        if not job.straight:
            job.build_network(required=True)
            job.check()
            job.make_access_graph()
            job.check()
            job.diagnose_network(nd)
        steps.setCurrentStep(3)
        res = job.nearest(1)
        job.check()
        steps.setCurrentStep(4)
        agg = job.summary_by_unit(res, thresholds)
        fields, _ = job.unit_output_fields(thresholds)
        sink, dest = self.parameterAsSink(parameters, P.OUTPUT, context, fields, job.unit_geometry_type(), job.crs)
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, P.OUTPUT))
        job.write_units(sink, agg, thresholds)
        mid = thresholds[len(thresholds) // 2]
        LayerStyler.attach(context, dest, "units", share_field=f"share_{threshold_suffix(mid, job.cost)}",
                           threshold_label=f"{mid:g} {job.unit_label}")
        results = {P.OUTPUT: dest}
        problems = job.write_problems()
        if problems:
            results[P.OUTPUT_PROBLEMS] = problems
        results.update(job.overall(res, thresholds))
        steps.setProgress(100)
        return results
