"""isrp:scenario — what if the proposed measures were built? Coverage or accessibility before and after.

Measures that add a facility (``facility_action`` new, with type and capacity) or change one
(expand / reduce by ``capacity_change``, close; the facility named by ``facility_id``) form a
scenario: baseline facilities + new − closed ± capacity changes. The chosen analysis
(``isrp:coverage`` or ``isrp:accessibilitybyunit``) runs twice as a child algorithm, on the baseline
and on the scenario, with the same parameters; the units get before / after / delta of each
indicator and a long table (one row per unit and indicator) that reads well as CSV.

Both runs get facility layers built the same way (fac_id as text, capacity evaluated from
CAPACITY_FIELD), so the deltas are exactly those of running the analysis twice by hand on the
baseline and on the scenario facilities.
"""

from __future__ import annotations

import json
import math
from typing import Dict, List, Optional

from qgis.core import (
    QgsExpression,
    QgsExpressionContextUtils,
    QgsFeature,
    QgsFeatureRequest,
    QgsFeatureSink,
    QgsFields,
    QgsGeometry,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingMultiStepFeedback,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterEnum,
    QgsProcessingParameterExpression,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterMultipleLayers,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
    QgsProcessingUtils,
    QgsVectorLayer,
)

from ..core import measures as m
from ..qgis_io import layers as io
from ..qgis_io.compat import is_null, make_field
from ..qgis_io.measures_store import GEOMETRY_POINT, WKB_NOGEOMETRY, WKB_POINT
from .alg_accessibility_common import (
    FIELD_ANY,
    FIELD_NUMERIC,
    NUMBER_DOUBLE,
    AccessibilityParameters,
    advanced,
    format_ids,
)
from .alg_locationsuggest import STRAIGHT, TABLE
from .base import IsrpAlgorithm

#: ANALYSIS options.
ANALYSIS_KEYS = ("coverage", "accessibility")
#: Child algorithms per analysis.
CHILD = {"coverage": "isrp:coverage", "accessibility": "isrp:accessibilitybyunit"}
#: Status filter options (codes of core.measures.STATUSES, in order; the enum lists them in this order).
STATUS_CODES = ("proposed", "agreed", "in_progress", "done", "rejected")
assert set(STATUS_CODES) == set(m.STATUSES.codes)
DEFAULT_STATUSES = [0, 1, 2, 3]  # all but rejected
#: Indicators compared per unit, per analysis (accessibility: the share/mean fields found in the output).
COVERAGE_INDICATORS = ("need", "supply", "coverage_ratio", "places_gap", "access_index", "reached_pop",
                       "unreached_pop", "capacity_in_unit")
ACCESSIBILITY_PREFIXES = ("pop_reached", "pop_unreached", "mean_", "median_", "share_")
P = AccessibilityParameters
#: The street-network parameters, declared by ``AccessibilityParameters.network_options`` here and in the child
#: algorithms: passed on unchanged, so both runs route exactly as the analysis itself would.
NETWORK_OPTIONS = (P.TOLERANCE, P.MAX_ACCESS_DISTANCE, P.SPEED, P.ONEWAY_FIELD, P.ONEWAY_FORWARD, P.ONEWAY_BACKWARD,
                   P.SPEED_FIELD, P.ROAD_CLASS_FIELD, P.SPEED_TABLE)
#: Parameters passed on to the child algorithms as they are (when the child has them).
PASS_THROUGH = ("DEMAND", "POPULATION_FIELD", "DEMAND_ID_FIELD", "UNITS", "UNIT_ID_FIELD", "STANDARD", "METHOD",
                "MODE", "NETWORK", "COST_UNIT", "MAX_COST", "DECAY", "THRESHOLDS", "COST_TABLE", "COST_ORIGIN_FIELD",
                "COST_DESTINATION_FIELD", "COST_FIELD") + NETWORK_OPTIONS
#: Scenario facility changes (values of the ``change`` field).
CHANGE_NEW, CHANGE_EXPAND, CHANGE_REDUCE, CHANGE_CLOSE = "new", "expand", "reduce", "close"


def _text(value) -> Optional[str]:
    return None if is_null(value) else io._qgis_string(value)


def _number(value) -> Optional[float]:
    if is_null(value):
        return None
    try:
        v = float(value)
    except (TypeError, ValueError):
        try:
            v = m.to_number(value)
        except (TypeError, ValueError):
            return None
    return v if v is not None and math.isfinite(v) else None


def _delta(before, after) -> Optional[float]:
    b, a = _number(before), _number(after)
    return None if a is None or b is None else a - b


class ScenarioAlgorithm(IsrpAlgorithm):
    FACILITIES = "FACILITIES"
    FACILITY_ID_FIELD = "FACILITY_ID_FIELD"
    FACILITY_FILTER = "FACILITY_FILTER"
    CAPACITY_FIELD = "CAPACITY_FIELD"
    MEASURES = "MEASURES"
    MEASURE_STATUS = "MEASURE_STATUS"
    MEASURE_FACILITY_TYPES = "MEASURE_FACILITY_TYPES"
    MEASURE_FILTER = "MEASURE_FILTER"
    ANALYSIS = "ANALYSIS"
    DEMAND = "DEMAND"
    POPULATION_FIELD = "POPULATION_FIELD"
    DEMAND_ID_FIELD = "DEMAND_ID_FIELD"
    UNITS = "UNITS"
    UNIT_ID_FIELD = "UNIT_ID_FIELD"
    STANDARD = "STANDARD"
    METHOD = "METHOD"
    MODE = P.MODE
    NETWORK = P.NETWORK
    COST_UNIT = P.COST_UNIT
    MAX_COST = "MAX_COST"
    DECAY = "DECAY"
    THRESHOLDS = "THRESHOLDS"
    COST_TABLE = "COST_TABLE"
    COST_ORIGIN_FIELD = "COST_ORIGIN_FIELD"
    COST_DESTINATION_FIELD = "COST_DESTINATION_FIELD"
    COST_FIELD = "COST_FIELD"
    # the network options (TOLERANCE … ROAD_CLASS_FIELD, SPEED_TABLE): AccessibilityParameters, NETWORK_OPTIONS
    OUTPUT = "OUTPUT"
    OUTPUT_TABLE = "OUTPUT_TABLE"
    OUTPUT_FACILITIES = "OUTPUT_FACILITIES"

    def name(self) -> str:  # noqa: D102
        return "scenario"

    def displayName(self) -> str:  # noqa: N802, D102
        return self.tr("Scenario: effect of measures (before / after)")

    def group(self) -> str:  # noqa: D102
        return self.tr("Planning")

    def groupId(self) -> str:  # noqa: N802, D102
        return "planning"

    def shortHelpString(self) -> str:  # noqa: N802, D102
        return self.tr(
            "What would the measures change? Facility measures (MEASURES: one or more measure layers, e.g. the "
            "points and areas of the measure store) form a scenario: facility_action “new” adds a facility at the "
            "measure's point (polygon: a point inside it) "
            "with capacity_change places (in the unit of CAPACITY_FIELD); “expand” / “reduce” change the capacity "
            "of the facility whose FACILITY_ID_FIELD equals the measure's facility_id by capacity_change; “close” "
            "removes it. Only measures with a status in MEASURE_STATUS (default: all but rejected) and matching "
            "MEASURE_FILTER count; new facilities only when their facility_type is in MEASURE_FACILITY_TYPES "
            "(comma-separated codes, e.g. kita_u3, kita_3_6; empty: all). Skipped measures are listed.\n\n"
            "The analysis (ANALYSIS) runs twice, on the baseline facilities (FACILITIES matching FACILITY_FILTER) "
            "and on the scenario, with the same parameters: “coverage” runs “Coverage of need” (STANDARD, METHOD, "
            "MODE, MAX_COST, DECAY …, see there), “accessibility” runs “Accessibility per unit” (MODE, MAX_COST, "
            "THRESHOLDS …). UNITS are required. The street network parameters (NETWORK, TOLERANCE, "
            "MAX_ACCESS_DISTANCE, SPEED, ONEWAY_FIELD, SPEED_FIELD, ROAD_CLASS_FIELD, SPEED_TABLE) are those of the "
            "analysis and are passed on unchanged, so distances and minutes are exactly those of the analysis with "
            "the same MODE. With ROAD_CLASS_FIELD (e.g. the OSM highway tag) every mode takes its speeds per road "
            "class from the shipped table resources/catalogues/road_speeds.csv, changed for the chosen mode by "
            "SPEED_TABLE, e.g. residential=30; footway=0 (0 = the mode may not use the class, such as cars on "
            "footways; points are tied only to streets open to the mode).\n\n"
            "Output (OUTPUT, the units): for every indicator <name>_before, <name>_after and <name>_delta "
            "(after − before; NULL when either is NULL, e.g. a coverage ratio that is undefined before). "
            "Coverage: need, supply, coverage_ratio, places_gap (positive = places missing), access_index, "
            "reached_pop, unreached_pop, capacity_in_unit. Accessibility: pop_reached, pop_unreached, mean and "
            "median distance or time, share within each threshold. main_indicator / main_delta: the headline "
            "change (coverage_ratio, or the share within the middle threshold) used by the map style.\n\n"
            "OUTPUT_TABLE: one row per unit and indicator (unit_id, unit_name, indicator, before, after, delta) "
            "plus rows with unit_id “ALL” for the whole area — for CSV export.\n"
            "OUTPUT_FACILITIES (optional): baseline and scenario facilities with capacity_before, capacity_after, "
            "change (new, expand, reduce, close or empty) and measure_ids."
        )

    # -- parameters ------------------------------------------------------------------------------
    def initAlgorithm(self, config=None):  # noqa: N802, D102
        p = AccessibilityParameters(self)
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.FACILITIES, self.tr("Facilities (baseline)"), [QgsProcessing.SourceType.TypeVectorPoint]))
        self.addParameter(QgsProcessingParameterField(
            self.FACILITY_ID_FIELD, self.tr("Facility id field (measures name facilities by it; empty: feature id)"),
            "fac_id", self.FACILITIES, FIELD_ANY, optional=True))
        self.addParameter(QgsProcessingParameterExpression(
            self.FACILITY_FILTER, self.tr("Facility filter, e.g. \"typ\" = 'kita' (empty: all facilities)"), None,
            self.FACILITIES, optional=True))
        self.addParameter(QgsProcessingParameterExpression(
            self.CAPACITY_FIELD, self.tr("Capacity: field or expression (places, m² …)"), "capacity",
            self.FACILITIES, optional=True))
        self.addParameter(QgsProcessingParameterMultipleLayers(
            self.MEASURES, self.tr("Measure layers (e.g. the measure store's points and areas)"),
            QgsProcessing.SourceType.TypeVectorAnyGeometry))
        self.addParameter(QgsProcessingParameterEnum(
            self.MEASURE_STATUS, self.tr("Measures with status"),
            [self.tr("proposed"), self.tr("agreed"), self.tr("in progress"), self.tr("done"), self.tr("rejected")],
            allowMultiple=True, defaultValue=DEFAULT_STATUSES))
        self.addParameter(QgsProcessingParameterString(
            self.MEASURE_FACILITY_TYPES,
            self.tr("Facility types of new facilities, comma-separated (e.g. kita_u3, kita_3_6; empty: all)"), "",
            optional=True))
        self.addParameter(QgsProcessingParameterExpression(
            self.MEASURE_FILTER, self.tr("Further measure filter (expression; empty: none)"), None, None,
            optional=True))
        self.addParameter(QgsProcessingParameterEnum(
            self.ANALYSIS, self.tr("Analysis"), [self.tr("coverage of need"), self.tr("accessibility")],
            defaultValue=0))
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.DEMAND, self.tr("Demand points (residents by age band)"), [QgsProcessing.SourceType.TypeVectorPoint]))
        self.addParameter(QgsProcessingParameterField(
            self.POPULATION_FIELD,
            self.tr("Target population field(s), added up (coverage: empty = target group of the standard)"), None,
            self.DEMAND, FIELD_NUMERIC, allowMultiple=True, optional=True))
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.UNITS, self.tr("Units (districts / social spaces, polygons)"),
            [QgsProcessing.SourceType.TypeVectorPolygon]))
        self.addParameter(QgsProcessingParameterField(
            self.UNIT_ID_FIELD, self.tr("Unit id field"), None, self.UNITS, FIELD_ANY, optional=True))
        self.addParameter(QgsProcessingParameterString(
            self.STANDARD, self.tr("Standard (coverage): catalogue id (e.g. kita_u3), id=value, or places per 100 "
                                   "persons"), "kita_3_6", optional=True))
        self.addParameter(QgsProcessingParameterEnum(
            self.METHOD, self.tr("Method (coverage)"), [self.tr("container (facilities in the unit)"),
                                                        self.tr("2SFCA"), self.tr("E2SFCA (with distance decay)")],
            defaultValue=1))
        p.mode(cost_table=True)  # MODE (as in isrp:coverage) and COST_UNIT
        p.network(self.tr("Street network (lines; network modes)"))
        self.addParameter(QgsProcessingParameterNumber(
            self.MAX_COST, self.tr("Catchment / cut-off (metres or minutes; 0 = from the standard, or none)"),
            NUMBER_DOUBLE, 0.0, minValue=0.0))
        self.addParameter(QgsProcessingParameterString(
            self.DECAY, self.tr("Distance decay for E2SFCA (empty: from the standard, else step)"), "", optional=True))
        self.addParameter(QgsProcessingParameterString(
            self.THRESHOLDS, self.tr("Thresholds for the shares (accessibility), e.g. 300, 500, 1000"), "",
            optional=True))
        self.addParameter(advanced(QgsProcessingParameterFeatureSource(
            self.COST_TABLE, self.tr("Cost table (origin, destination, cost; for the cost-table mode)"),
            [QgsProcessing.SourceType.TypeVector], optional=True)))
        for key, label, kind in (
                (self.COST_ORIGIN_FIELD, self.tr("Cost table: origin (demand point id) field"), FIELD_ANY),
                (self.COST_DESTINATION_FIELD, self.tr("Cost table: destination (facility id) field"), FIELD_ANY),
                (self.COST_FIELD, self.tr("Cost table: cost field"), FIELD_NUMERIC)):
            self.addParameter(advanced(QgsProcessingParameterField(key, label, None, self.COST_TABLE, kind,
                                                                   optional=True)))
        self.addParameter(advanced(QgsProcessingParameterField(
            self.DEMAND_ID_FIELD, self.tr("Demand point id field (for the cost table; empty: feature id)"), None,
            self.DEMAND, FIELD_ANY, optional=True)))
        p.network_options()  # TOLERANCE … SPEED_FIELD, ROAD_CLASS_FIELD, SPEED_TABLE: passed on to the child runs
        advanced(self.parameterDefinition(P.MAX_ACCESS_DISTANCE))  # advanced here, as in isrp:coverage
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.OUTPUT, self.tr("Scenario: change per unit"), QgsProcessing.SourceType.TypeVectorPolygon))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.OUTPUT_TABLE, self.tr("Scenario: before / after table"), QgsProcessing.SourceType.TypeVector,
            optional=True))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.OUTPUT_FACILITIES, self.tr("Scenario facilities"), QgsProcessing.SourceType.TypeVectorPoint,
            optional=True, createByDefault=False))
        for key, label in (("NEW_FACILITIES", self.tr("New facilities")),
                           ("CLOSED_FACILITIES", self.tr("Closed facilities")),
                           ("CHANGED_FACILITIES", self.tr("Facilities with a capacity change")),
                           ("MEASURES_USED", self.tr("Measures used")),
                           ("MEASURES_SKIPPED", self.tr("Measures skipped")),
                           ("CAPACITY_BEFORE", self.tr("Capacity before")),
                           ("CAPACITY_AFTER", self.tr("Capacity after"))):
            self.addOutput(QgsProcessingOutputNumber(key, label))
        self.addOutput(QgsProcessingOutputString("SUMMARY", self.tr("Totals before / after / delta (JSON)")))

    # -- run -------------------------------------------------------------------------------------
    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802, D102
        from qgis import processing

        analysis = ANALYSIS_KEYS[self.parameterAsEnum(parameters, self.ANALYSIS, context)]
        mode = self.parameterAsEnum(parameters, self.MODE, context)
        if analysis == "accessibility" and mode == TABLE:
            raise QgsProcessingException(self.tr("The accessibility analysis cannot use a cost table; choose walk, "
                                                 "bike, car or straight line, or the coverage analysis."))
        if mode < STRAIGHT and parameters.get(self.NETWORK) in (None, ""):
            raise QgsProcessingException(self.tr("Mode “{0}” needs a street network: set NETWORK (a line layer) or "
                                                 "choose the straight-line mode.")
                                         .format(("walk", "bike", "car")[mode]))
        steps = QgsProcessingMultiStepFeedback(4, feedback)
        # 1. the two facility layers
        base = self._baseline(parameters, context, steps)
        measures = self._measures(parameters, context, base["crs"], steps)
        rows, applied, skipped, report = self._apply(base, measures, steps)
        scen = [r for r in rows if r["change"] != CHANGE_CLOSE]
        if steps.isCanceled():
            return {}
        before_layer = self._facility_layer(base["crs"], base["rows"], "baseline")
        after_layer = self._facility_layer(base["crs"], scen, "scenario")
        context.temporaryLayerStore().addMapLayers([before_layer, after_layer])
        cap_before = sum(r["capacity"] or 0.0 for r in base["rows"])
        cap_after = sum(r["capacity"] or 0.0 for r in scen)
        steps.pushInfo(self.tr("Scenario: {0} measures used ({1} new, {2} closed, {3} capacity changes), {4} "
                               "skipped; capacity {5:,.0f} → {6:,.0f}.").format(
            len(applied), report[CHANGE_NEW], report[CHANGE_CLOSE], report["changed"], len(skipped), cap_before,
            cap_after))
        if not applied:
            steps.pushWarning(self.tr("No measure changes a facility: before and after are the same."))
        # 2./3. the analysis twice
        alg_id = CHILD[analysis]
        child = {}
        for k, (label, layer) in enumerate((("before", before_layer), ("after", after_layer))):
            steps.setCurrentStep(1 + k)
            steps.pushInfo(self.tr("— Analysis {0} the measures ({1}) —").format(
                self.tr("before") if label == "before" else self.tr("after"), alg_id))
            params = self._child_parameters(alg_id, parameters, layer, analysis)
            res = processing.run(alg_id, params, context=context, feedback=steps, is_child_algorithm=True)
            if steps.isCanceled():
                return {}
            out_key = "OUTPUT_UNITS" if analysis == "coverage" else "OUTPUT"
            out = QgsProcessingUtils.mapLayerFromString(str(res.get(out_key)), context)
            if out is None:
                raise QgsProcessingException(self.tr("The {0} analysis gave no per-unit output.").format(label))
            child[label] = (out, res)
        # 4. compare
        steps.setCurrentStep(3)
        units_source = self.parameterAsSource(parameters, self.UNITS, context)
        n_own = units_source.fields().count()
        before, after = child["before"][0], child["after"][0]
        indicators = self._indicators(before, n_own, analysis)
        main = self._main_indicator(indicators, analysis)
        results = self._write_units(parameters, context, before, after, n_own, indicators, main)
        totals = self._totals(child["before"][1], child["after"][1], analysis)
        unit_id_field = self.parameterAsString(parameters, self.UNIT_ID_FIELD, context) or ""
        if parameters.get(self.OUTPUT_TABLE) not in (None, ""):
            results[self.OUTPUT_TABLE] = self._write_table(parameters, context, before, after, n_own, indicators,
                                                           totals, unit_id_field)
        if parameters.get(self.OUTPUT_FACILITIES) not in (None, ""):
            results[self.OUTPUT_FACILITIES] = self._write_facilities(parameters, context, base, rows)
        for name, (b, a, d) in totals.items():
            steps.pushInfo(self.tr("Total {0}: before {1}, after {2}, change {3}.").format(
                name, "–" if b is None else f"{b:,.4g}", "–" if a is None else f"{a:,.4g}",
                "–" if d is None else f"{d:+,.4g}"))
        results.update({
            "NEW_FACILITIES": report[CHANGE_NEW], "CLOSED_FACILITIES": report[CHANGE_CLOSE],
            "CHANGED_FACILITIES": report["changed"], "MEASURES_USED": len(applied), "MEASURES_SKIPPED": len(skipped),
            "CAPACITY_BEFORE": cap_before, "CAPACITY_AFTER": cap_after,
            "SUMMARY": json.dumps({k: {"before": b, "after": a, "delta": d} for k, (b, a, d) in totals.items()}),
        })
        steps.setProgress(100)
        return results

    # -- facilities --------------------------------------------------------------------------------
    def _baseline(self, parameters, context, feedback) -> Dict:
        source = self.parameterAsSource(parameters, self.FACILITIES, context)
        if source is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, self.FACILITIES))
        name = source.sourceName()
        if not source.sourceCrs().isValid():
            raise QgsProcessingException(self.tr("Layer “{0}” has no valid CRS.").format(name))
        id_field = self.parameterAsString(parameters, self.FACILITY_ID_FIELD, context) or None
        if id_field and source.fields().lookupField(id_field) < 0:
            raise QgsProcessingException(self.tr("Layer “{0}” has no field “{1}” (FACILITY_ID_FIELD).")
                                         .format(name, id_field))
        req = QgsFeatureRequest()
        ctx = self.createExpressionContext(parameters, context, source)
        flt = self.parameterAsExpression(parameters, self.FACILITY_FILTER, context)
        if flt:
            expr = QgsExpression(flt)
            if expr.hasParserError():
                raise QgsProcessingException(self.tr("FACILITY_FILTER is not a valid expression: {0}")
                                             .format(expr.parserErrorString()))
            req.setFilterExpression(flt)
            req.setExpressionContext(ctx)
        cap_text = self.parameterAsExpression(parameters, self.CAPACITY_FIELD, context) or ""
        cap_expr = None
        if cap_text.strip():
            cap_expr = QgsExpression(cap_text)
            if cap_expr.hasParserError():
                raise QgsProcessingException(self.tr("CAPACITY_FIELD “{0}” is not a valid field or expression: {1}")
                                             .format(cap_text, cap_expr.parserErrorString()))
            cap_expr.prepare(ctx)
        name_idx = next((source.fields().lookupField(n) for n in ("name", "bezeichnung", "title")
                         if source.fields().lookupField(n) >= 0), -1)
        rows = []
        for feat in source.getFeatures(req):
            ctx.setFeature(feat)
            cap = None
            if cap_expr is not None:
                cap = _number(cap_expr.evaluate(ctx))
            fid = _text(feat[id_field]) if id_field else str(feat.id())
            rows.append({"fac_id": fid, "name": _text(feat.attributes()[name_idx]) if name_idx >= 0 else None,
                         "capacity": cap, "capacity_before": cap, "geometry": QgsGeometry(feat.geometry()),
                         "change": "", "measure_ids": []})
        if not rows:
            raise QgsProcessingException(self.tr("No baseline facilities: layer “{0}” has none{1}.").format(
                name, self.tr(" matching {0}").format(flt) if flt else ""))
        ids = [r["fac_id"] for r in rows]
        dup = sorted({i for i in ids if i is not None and ids.count(i) > 1}) if len(ids) < 20000 else []
        if dup:
            feedback.pushWarning(self.tr("Facility ids used more than once (a measure changes all of them): {0}")
                                 .format(format_ids(dup)))
        feedback.pushInfo(self.tr("Baseline: {0} facilities of layer “{1}”{2}.").format(
            len(rows), name, self.tr(" matching {0}").format(flt) if flt else ""))
        return {"rows": rows, "crs": source.sourceCrs(), "name": name, "id_field": id_field}

    def _measures(self, parameters, context, crs, feedback) -> List[Dict]:
        layers = [lyr for lyr in self.parameterAsLayerList(parameters, self.MEASURES, context)
                  if isinstance(lyr, QgsVectorLayer)]
        if not layers:
            raise QgsProcessingException(self.tr("MEASURES: give at least one measure layer (e.g. the points and "
                                                 "areas of the measure store)."))
        flt = self.parameterAsExpression(parameters, self.MEASURE_FILTER, context)
        if flt and QgsExpression(flt).hasParserError():
            raise QgsProcessingException(self.tr("MEASURE_FILTER is not a valid expression: {0}")
                                         .format(QgsExpression(flt).parserErrorString()))
        statuses = [STATUS_CODES[i] for i in self.parameterAsEnums(parameters, self.MEASURE_STATUS, context)]
        types_text = self.parameterAsString(parameters, self.MEASURE_FACILITY_TYPES, context) or ""
        types = [t.strip() for t in types_text.replace(";", ",").split(",") if t.strip()]
        out = []
        for layer in layers:
            name = layer.name()
            missing = [f for f in ("facility_action", "status") if layer.fields().lookupField(f) < 0]
            if missing:
                raise QgsProcessingException(self.tr("Layer “{0}” is not a measure layer: it has no field {1} (see "
                                                     "the measure store).").format(name, ", ".join(missing)))
            req = QgsFeatureRequest()
            if layer.crs().isValid() and layer.crs() != crs:
                req.setDestinationCrs(crs, context.transformContext())
            if flt:
                req.setFilterExpression(flt)
                ectx = self.createExpressionContext(parameters, context)
                ectx.appendScope(QgsExpressionContextUtils.layerScope(layer))
                req.setExpressionContext(ectx)
            names = [n for n in layer.fields().names() if n in m.FIELDS_BY_NAME]
            n_before = len(out)
            for feat in layer.getFeatures(req):
                rec = {n: (None if is_null(feat[n]) else feat[n]) for n in names}
                rec["_fid"] = feat.id()
                rec["_geometry"] = QgsGeometry(feat.geometry())
                rec["_statuses"], rec["_types"] = statuses, types
                out.append(rec)
            feedback.pushInfo(self.tr("Measures: {0} features of layer “{1}”{2}.").format(
                len(out) - n_before, name, self.tr(" matching {0}").format(flt) if flt else ""))
        return out

    def _apply(self, base, measures, feedback):
        """All facility rows after the measures (closed ones with change "close"); also the applied measure
        ids, the skipped measures [(label, reason)] and counts."""
        rows = [dict(r, measure_ids=list(r["measure_ids"])) for r in base["rows"]]
        by_id: Dict[str, List[Dict]] = {}
        for r in rows:
            by_id.setdefault(r["fac_id"], []).append(r)
        applied, skipped = [], []
        counts = {CHANGE_NEW: 0, CHANGE_CLOSE: 0, "changed": 0}
        changed_ids = set()

        def label(rec):
            return f"{rec.get('title') or '?'} ({rec.get('measure_id') or rec['_fid']})"

        for rec in measures:
            action = rec.get("facility_action")
            if not action:
                continue  # not a facility measure
            status = rec.get("status")
            if status not in rec["_statuses"]:
                skipped.append((label(rec), self.tr("status {0} not selected").format(status)))
                continue
            mtype = rec.get("measure_type")
            if mtype not in (None, "facility"):
                skipped.append((label(rec), self.tr("measure type {0} is not “facility”").format(mtype)))
                continue
            change = _number(rec.get("capacity_change"))
            mid = str(rec.get("measure_id") or rec["_fid"])
            if action == CHANGE_NEW:
                ftype = rec.get("facility_type")
                if rec["_types"] and ftype not in rec["_types"]:
                    skipped.append((label(rec), self.tr("facility type {0} not among {1}").format(
                        ftype, ", ".join(rec["_types"]))))
                    continue
                geom = rec["_geometry"]
                if geom is None or geom.isNull() or geom.isEmpty():
                    skipped.append((label(rec), self.tr("no geometry: the new facility cannot be placed")))
                    continue
                if geom.type() != GEOMETRY_POINT:
                    geom = geom.pointOnSurface()
                elif geom.isMultipart():
                    geom = QgsGeometry.fromPointXY(geom.asMultiPoint()[0])
                if change is None:
                    feedback.pushWarning(self.tr("Measure {0}: new facility without capacity_change; it counts as 0 "
                                                 "places.").format(label(rec)))
                elif change < 0:
                    feedback.pushWarning(self.tr("Measure {0}: new facility with a negative capacity_change; it "
                                                 "counts as 0 places.").format(label(rec)))
                    change = 0.0
                rows.append({"fac_id": f"new:{mid}", "name": rec.get("title"), "capacity": change or 0.0,
                             "capacity_before": None, "geometry": geom, "change": CHANGE_NEW, "measure_ids": [mid]})
                counts[CHANGE_NEW] += 1
                applied.append(mid)
                continue
            if action not in (CHANGE_EXPAND, CHANGE_REDUCE, CHANGE_CLOSE):
                skipped.append((label(rec), self.tr("unknown facility action {0}").format(action)))
                continue
            target = _text(rec.get("facility_id"))
            hits = [r for r in by_id.get(target, []) if r["change"] != CHANGE_CLOSE] if target else []
            if not target:
                skipped.append((label(rec), self.tr("no facility_id: which facility is meant?")))
                continue
            if not hits:
                skipped.append((label(rec), self.tr("facility {0} is not among the baseline facilities (or closed "
                                                    "already)").format(target)))
                continue
            if action == CHANGE_CLOSE:
                for r in hits:
                    r["change"], r["capacity"] = CHANGE_CLOSE, None
                    r["measure_ids"].append(mid)
                counts[CHANGE_CLOSE] += len(hits)
                applied.append(mid)
                continue
            if change is None:
                skipped.append((label(rec), self.tr("no capacity_change given")))
                continue
            delta = abs(change) if action == CHANGE_EXPAND else -abs(change)
            if (action == CHANGE_EXPAND and change < 0) or (action == CHANGE_REDUCE and change > 0):
                feedback.pushWarning(self.tr("Measure {0}: capacity_change {1:g} has the wrong sign for “{2}”; "
                                             "{3:+g} places are used.").format(label(rec), change, action, delta))
            for r in hits:
                new = (r["capacity"] or 0.0) + delta
                if new < 0:
                    feedback.pushWarning(self.tr("Measure {0}: facility {1} would have {2:g} places; 0 is used.")
                                         .format(label(rec), target, new))
                    new = 0.0
                r["capacity"] = new
                if not r["change"]:
                    r["change"] = action
                r["measure_ids"].append(mid)
                changed_ids.add(id(r))
            applied.append(mid)
        counts["changed"] = len(changed_ids)
        if skipped:
            feedback.pushWarning(self.tr("{0} facility measures are not part of the scenario:").format(len(skipped)))
            for what, why in skipped[:50]:
                feedback.pushWarning(f"  {what}: {why}")
        return rows, applied, skipped, counts

    def _facility_layer(self, crs, rows, name) -> QgsVectorLayer:
        layer = QgsVectorLayer(f"Point?crs={crs.authid() or 'EPSG:4326'}", name, "memory")
        if not crs.authid():
            layer.setCrs(crs)
        fields = QgsFields()
        for n, kind in (("fac_id", "string"), ("name", "string"), ("capacity", "double"), ("change", "string")):
            fields.append(make_field(n, kind))
        layer.dataProvider().addAttributes(fields.toList())
        layer.updateFields()
        feats = []
        for r in rows:
            f = QgsFeature(layer.fields())
            f.setGeometry(r["geometry"])
            f.setAttributes([r["fac_id"], r["name"], r["capacity"], r["change"]])
            feats.append(f)
        layer.dataProvider().addFeatures(feats)
        return layer

    def _child_parameters(self, alg_id, parameters, layer, analysis) -> Dict:
        from qgis.core import QgsApplication

        child = QgsApplication.processingRegistry().algorithmById(alg_id)
        if child is None:
            raise QgsProcessingException(self.tr("Algorithm {0} is not available.").format(alg_id))
        known = {p.name() for p in child.parameterDefinitions()}
        params = {k: parameters[k] for k in PASS_THROUGH if k in parameters and k in known}
        params.update({"FACILITIES": layer, "FACILITY_ID_FIELD": "fac_id"})
        if analysis == "coverage":
            params.update({"CAPACITY_FIELD": '"capacity"', "OUTPUT_UNITS": QgsProcessing.TEMPORARY_OUTPUT,
                           "OUTPUT_POINTS": None})
        else:
            params.update({"OUTPUT": QgsProcessing.TEMPORARY_OUTPUT})
        return params

    # -- comparing ---------------------------------------------------------------------------------
    @staticmethod
    def _indicators(layer, n_own, analysis) -> List[str]:
        names = layer.fields().names()[n_own:]
        if analysis == "coverage":
            return [n for n in COVERAGE_INDICATORS if n in names]
        return [n for n in names if n.startswith(ACCESSIBILITY_PREFIXES)]

    @staticmethod
    def _main_indicator(indicators, analysis) -> str:
        if analysis == "coverage":
            return "coverage_ratio"
        shares = [n for n in indicators if n.startswith("share_")]
        return shares[len(shares) // 2] if shares else (indicators[0] if indicators else "")

    def _unit_fields(self, before, n_own, indicators) -> QgsFields:
        fields = QgsFields()
        for i in range(n_own):
            fields.append(before.fields().at(i))
        for name in indicators:
            for suffix in ("before", "after", "delta"):
                fields.append(make_field(f"{name}_{suffix}", "double"))
        fields.append(make_field("main_indicator", "string", 40))
        fields.append(make_field("main_delta", "double"))
        return fields

    def _pairs(self, before, after):
        b_feats = list(before.getFeatures())
        a_feats = list(after.getFeatures())
        if len(b_feats) != len(a_feats):
            raise QgsProcessingException(self.tr("The two runs gave different units ({0} and {1}).")
                                         .format(len(b_feats), len(a_feats)))
        return list(zip(b_feats, a_feats))

    def _write_units(self, parameters, context, before, after, n_own, indicators, main) -> Dict:
        fields = self._unit_fields(before, n_own, indicators)
        wkb = before.wkbType()
        sink, dest = self.parameterAsSink(parameters, self.OUTPUT, context, fields, wkb, before.crs())
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.OUTPUT))
        feats = []
        for fb, fa in self._pairs(before, after):
            if fb.attributes()[:n_own] != fa.attributes()[:n_own]:
                raise QgsProcessingException(self.tr("The two runs gave the units in a different order."))
            attrs = list(fb.attributes()[:n_own])
            main_delta = None
            for name in indicators:
                b, a = _number(fb[name]), _number(fa[name])
                d = _delta(b, a)
                attrs += [b, a, d]
                if name == main:
                    main_delta = d
            attrs += [main, main_delta]
            f = QgsFeature(fields)
            f.setGeometry(fb.geometry())
            f.setAttributes(attrs)
            feats.append(f)
        sink.addFeatures(feats, QgsFeatureSink.Flag.FastInsert)
        self._style(context, dest)
        return {self.OUTPUT: dest}

    @staticmethod
    def _unit_labels(feature, n_own, unit_id_field, fields):
        names = fields.names()[:n_own]
        uid = feature[unit_id_field] if unit_id_field and unit_id_field in names else feature.id()
        name_field = next((n for n in ("name", "ortsteil", "sozialraum", "bezeichnung", "unit_name") if n in names),
                          None)
        return _text(uid), (_text(feature[name_field]) if name_field else None)

    def _totals(self, res_before, res_after, analysis) -> Dict:
        out = {}
        if analysis == "coverage":
            keys = (("need", "NEED"), ("supply", "SUPPLY"), ("supply_attributed", "SUPPLY_ATTRIBUTED"),
                    ("coverage_ratio", "COVERAGE_RATIO"), ("places_gap", "PLACES_GAP"),
                    ("unreached_pop", "UNREACHED_POPULATION"))
        else:
            keys = (("pop_reached", "POPULATION_REACHED"), ("pop_unreached", "POPULATION_UNREACHED"),
                    ("mean", "MEAN"), ("median", "MEDIAN"))
        for name, key in keys:
            b, a = _number(res_before.get(key)), _number(res_after.get(key))
            out[name] = (b, a, _delta(b, a))
        if analysis == "accessibility":
            try:
                sb = json.loads(res_before.get("SHARES") or "{}")
                sa = json.loads(res_after.get("SHARES") or "{}")
            except ValueError:
                sb, sa = {}, {}
            for t in sb:
                b, a = _number(sb.get(t)), _number(sa.get(t))
                out[f"share_within_{t}"] = (b, a, _delta(b, a))
        return out

    def _write_table(self, parameters, context, before, after, n_own, indicators, totals, unit_id_field):
        fields = QgsFields()
        for n, kind in (("unit_id", "string"), ("unit_name", "string"), ("indicator", "string"), ("before", "double"),
                        ("after", "double"), ("delta", "double")):
            fields.append(make_field(n, kind))
        sink, dest = self.parameterAsSink(parameters, self.OUTPUT_TABLE, context, fields,
                                          WKB_NOGEOMETRY, before.crs())
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.OUTPUT_TABLE))
        feats = []
        for fb, fa in self._pairs(before, after):
            uid, uname = self._unit_labels(fb, n_own, unit_id_field, before.fields())
            for name in indicators:
                b, a = _number(fb[name]), _number(fa[name])
                f = QgsFeature(fields)
                f.setAttributes([uid, uname, name, b, a, _delta(b, a)])
                feats.append(f)
        for name, (b, a, d) in totals.items():
            f = QgsFeature(fields)
            f.setAttributes(["ALL", self.tr("whole area"), name, b, a, d])
            feats.append(f)
        sink.addFeatures(feats, QgsFeatureSink.Flag.FastInsert)
        return dest

    def _write_facilities(self, parameters, context, base, rows):
        fields = QgsFields()
        for n, kind in (("fac_id", "string"), ("name", "string"), ("capacity_before", "double"),
                        ("capacity_after", "double"), ("change", "string"), ("measure_ids", "string"),
                        ("in_scenario", "int")):
            fields.append(make_field(n, kind))
        sink, dest = self.parameterAsSink(parameters, self.OUTPUT_FACILITIES, context, fields, WKB_POINT,
                                          base["crs"])
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.OUTPUT_FACILITIES))
        feats = []
        for r in rows:
            f = QgsFeature(fields)
            f.setGeometry(r["geometry"])
            f.setAttributes([r["fac_id"], r["name"], r["capacity_before"],
                             r["capacity"] if r["change"] != CHANGE_CLOSE else None, r["change"] or None,
                             ", ".join(r["measure_ids"]) or None, int(r["change"] != CHANGE_CLOSE)])
            feats.append(f)
        sink.addFeatures(feats, QgsFeatureSink.Flag.FastInsert)
        self._style(context, dest, "scenario_facilities.qml")
        return dest

    def _style(self, context, dest, name="scenario_change.qml"):
        from ..__about__ import resource_path
        from .alg_locationsuggest import _StylePostProcessor

        qml = resource_path("styles", name)
        if not qml.exists() or not context.willLoadLayerOnCompletion(dest):
            return
        context.layerToLoadOnCompletionDetails(dest).setPostProcessor(_StylePostProcessor.create(str(qml)))


__all__ = ["ScenarioAlgorithm", "ANALYSIS_KEYS", "CHILD"]
