"""isrp:coverage — need, supply and coverage per unit against a planning standard (Bedarfsdeckung).

Three allocation methods (``core.coverage``): container (facilities count in the unit they lie
in), 2SFCA and E2SFCA (supply-to-demand ratios over catchments, per demand point, aggregated per
unit). Catchment costs come from the street network (the same MODE/NETWORK semantics, network
cache and diagnostics as isrp:accessibility, via ``AccessibilityJob``; pairs within d0 from
``core.od_costs``), from straight-line distances or from an origin–destination cost table.

The STANDARD parameter (decided here, documented in the help):

* a catalogue id, e.g. ``kita_u3``: the entry of the project's standards catalogue (saved by the
  Coverage tab under ``QgsProject.writeEntry("isrp", "standards")``) or, when the project has
  none, of the user's default catalogue (ISRP options page; the shipped one unless changed). It
  also fills the target group (age bands and shares), the catchment (value and unit) and the E2SFCA
  decay, unless POPULATION_FIELD / MAX_COST / DECAY are given;
* ``id=value`` (or ``id:value``), e.g. ``youth_club=5``: the entry with another standard value in
  the entry's unit (needed for entries whose value is user-defined);
* a plain number, e.g. ``65``: places (supply units) per 100 persons of the target group;
  POPULATION_FIELD (and for 2SFCA/E2SFCA MAX_COST) must then be given.

Facilities without capacity (NULL or not a number) count as 0 places; they are listed.
"""

from __future__ import annotations

import json
import math
import re
import time
from dataclasses import dataclass
from typing import Dict, List, Optional, Tuple

import numpy as np
import pandas as pd
from qgis.core import (
    QgsExpression,
    QgsFeature,
    QgsFeatureRequest,
    QgsFeatureSink,
    QgsField,
    QgsFields,
    QgsFillSymbol,
    QgsGeometry,
    QgsMarkerSymbol,
    QgsPointXY,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingLayerPostProcessorInterface,
    QgsProcessingMultiStepFeedback,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterEnum,
    QgsProcessingParameterExpression,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
    QgsRuleBasedRenderer,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QCoreApplication

from ..core import coverage as cov
from ..core.od_costs import graph_od_costs
from ..core.standards import (
    Standard,
    StandardsError,
    format_target_group,
    parse_standards_csv,
    with_value,
)
from ..qgis_io import layers as io
from ..qgis_io.compat import is_null, make_field
from ..qgis_io.settings import user_default_standards
from .alg_accessibility_common import (
    FIELD_ANY,
    FIELD_NUMERIC,
    NUMBER_DOUBLE,
    STRAIGHT,
    AccessibilityJob,
    AccessibilityParameters,
    Canceled,
    advanced,
    format_ids,
    network_cache_key,
)
from .alg_accessibility_styles import brewer_colours
from .base import IsrpAlgorithm

P = AccessibilityParameters

#: MODE options in this order (the first four as in isrp:accessibility).
MODE_KEYS = ("walk", "bike", "car", "straight", "table")
TABLE = 4
METHOD_KEYS = ("container", "2SFCA", "E2SFCA")
CONTAINER, FCA, E2SFCA = 0, 1, 2
#: Where the Coverage tab keeps the project's standards catalogue (CSV text, see core.standards).
PROJECT_SCOPE = "isrp"
PROJECT_KEY = "standards"
#: Coverage ratio classes of the unit style (diverging around 100 %).
RATIO_BREAKS = (0.5, 0.8, 0.95, 1.05, 1.2, 1.5)
UNIT_RESULT_FIELDS = ("target_pop", "need", "supply", "coverage_ratio", "places_gap", "access_index",
                      "reached_pop", "unreached_pop", "n_points", "capacity_in_unit", "note")
POINT_RESULT_FIELDS = ("target_pop", "unit_id", "access_index", "access_per_100", "n_reached", "min_cost",
                       "status")


# --------------------------------------------------------------------------------------------
# standards: the project's catalogue and the STANDARD parameter
# --------------------------------------------------------------------------------------------


def project_standards_text(project) -> str:
    """The catalogue CSV text saved in ``project`` ('' when none)."""
    if project is None:
        return ""
    value = project.readEntry(PROJECT_SCOPE, PROJECT_KEY, "")
    text = value[0] if isinstance(value, tuple) else value
    return text or ""


def read_project_standards(project) -> Tuple[Dict[str, Standard], str]:
    """(catalogue, where from): the project's catalogue, else the user's default one (options page).

    Raises ``StandardsError`` when the project holds an invalid catalogue.
    """
    text = project_standards_text(project)
    if text.strip():
        return parse_standards_csv(text, origin="project standards"), "project"
    return user_default_standards(), "default"


def write_project_standards(project, standards) -> None:
    """Validate and save a catalogue (iterable of Standard) in ``project`` (marks it dirty)."""
    from ..core.standards import standards_to_csv

    project.writeEntry(PROJECT_SCOPE, PROJECT_KEY, standards_to_csv(list(standards)))
    project.setDirty(True)


def clear_project_standards(project) -> None:
    """Remove the project's catalogue (the user's default catalogue applies again)."""
    project.removeEntry(PROJECT_SCOPE, PROJECT_KEY)
    project.setDirty(True)


@dataclass
class ResolvedStandard:
    """What STANDARD stands for."""

    per_person: float
    standard: Optional[Standard] = None
    per_100: float = 0.0
    text: str = ""


_STANDARD_RE = re.compile(r"^([a-z][a-z0-9_]*)\s*(?:[=:]\s*(.+))?$")


def _number(text: str) -> Optional[float]:
    text = text.strip()
    if "," in text and "." not in text:
        text = text.replace(",", ".")
    try:
        return float(text)
    except ValueError:
        return None


# --------------------------------------------------------------------------------------------
# styles
# --------------------------------------------------------------------------------------------


def _quote(field: str) -> str:
    return '"' + field.replace('"', '""') + '"'


class CoverageStyles:
    """Coverage ratio per unit (diverging around 100 %, ColorBrewer RdBu) and A_i per point."""

    @staticmethod
    def tr(message: str) -> str:
        return QCoreApplication.translate("CoverageStyles", message)

    @classmethod
    def _class_rules(cls, field: str, breaks, labels, make_symbol):
        colours = brewer_colours("RdBu", len(breaks) + 1)  # red = too few places, blue = more than needed
        root = QgsRuleBasedRenderer.Rule(None)
        f = _quote(field)
        lower = None
        for i, colour in enumerate(colours):
            upper = breaks[i] if i < len(breaks) else None
            if lower is None:
                expr = f"{f} < {upper!r}"
            elif upper is None:
                expr = f"{f} >= {lower!r}"
            else:
                expr = f"{f} >= {lower!r} AND {f} < {upper!r}"
            root.appendChild(QgsRuleBasedRenderer.Rule(make_symbol(colour), 0, 0, expr, labels[i]))
            lower = upper
        return root

    @staticmethod
    def _pct_labels(breaks, unit="%", scale=100.0):
        b = [f"{x * scale:g}" for x in breaks]
        out = [f"< {b[0]} {unit}"]
        out += [f"{b[i]}–{b[i + 1]} {unit}" for i in range(len(b) - 1)]
        out.append(f"≥ {b[-1]} {unit}")
        return out

    @classmethod
    def units_renderer(cls) -> QgsRuleBasedRenderer:
        labels = cls._pct_labels(RATIO_BREAKS)
        labels[3] = CoverageStyles.tr("{0} (meets the standard)").format(labels[3])

        def sym(colour):
            return QgsFillSymbol.createSimple({"color": colour.name(), "outline_color": "#505050",
                                               "outline_width": "0.3"})

        root = cls._class_rules("coverage_ratio", RATIO_BREAKS, labels, sym)
        nul = QgsFillSymbol.createSimple({"color": "#bdbdbd", "style": "b_diagonal", "outline_color": "#505050",
                                          "outline_width": "0.3"})
        root.appendChild(QgsRuleBasedRenderer.Rule(nul, 0, 0, "\"coverage_ratio\" IS NULL",
                                                   CoverageStyles.tr("no ratio (no target population or no facility in "
                                                          "reach)")))
        return QgsRuleBasedRenderer(root)

    @classmethod
    def points_renderer(cls, per_100: float) -> QgsRuleBasedRenderer:
        """access_per_100 in classes of the standard (``per_100``) × 50 %, 80 %, … 150 %."""
        breaks = [round(per_100 * b, 6) for b in RATIO_BREAKS]
        labels = cls._pct_labels(breaks, unit=CoverageStyles.tr("per 100"), scale=1.0)

        def sym(colour):
            return QgsMarkerSymbol.createSimple({"name": "circle", "size": "1.4", "color": colour.name(),
                                                 "outline_color": "#404040", "outline_width": "0.05"})

        root = cls._class_rules("access_per_100", breaks, labels, sym)
        cross = QgsMarkerSymbol.createSimple({"name": "cross2", "size": "1.2", "color": "#636363",
                                              "outline_color": "#636363", "outline_width": "0.2"})
        root.appendChild(QgsRuleBasedRenderer.Rule(cross, 0, 0, "\"access_per_100\" IS NULL",
                                                   CoverageStyles.tr("no facility in reach")))
        return QgsRuleBasedRenderer(root)

    @classmethod
    def apply(cls, layer, kind: str, per_100: float = 100.0) -> None:
        if layer is None:
            return
        if kind == "units":
            layer.setRenderer(cls.units_renderer())
            layer.setOpacity(0.85)
        elif kind == "points":
            layer.setRenderer(cls.points_renderer(per_100))
        else:
            raise ValueError(kind)
        layer.triggerRepaint()


class CoverageStyler(QgsProcessingLayerPostProcessorInterface):
    """Styles a coverage output when Processing loads it (main thread)."""

    _alive = []

    def __init__(self, kind: str, per_100: float = 100.0):
        super().__init__()
        self.kind = kind
        self.per_100 = per_100

    def postProcessLayer(self, layer, context, feedback):  # noqa: N802, D102
        CoverageStyles.apply(layer, self.kind, self.per_100)

    @classmethod
    def attach(cls, context, dest_id, kind: str, per_100: float = 100.0) -> None:
        if dest_id and context.willLoadLayerOnCompletion(dest_id):
            styler = cls(kind, per_100)
            cls._alive.append(styler)
            del cls._alive[:-32]
            context.layerToLoadOnCompletionDetails(dest_id).setPostProcessor(styler)


# --------------------------------------------------------------------------------------------
# the algorithm
# --------------------------------------------------------------------------------------------


def _num(value):
    """NaN/inf → None (NULL), numpy scalars → Python."""
    if value is None:
        return None
    if isinstance(value, (float, np.floating)):
        return float(value) if np.isfinite(value) else None
    if isinstance(value, (np.integer,)):
        return int(value)
    return value


def _nullable(values) -> list:
    """A float array as a list with None (NULL) for NaN/inf."""
    arr = np.asarray(values, dtype=float)
    out = arr.astype(object)
    out[~np.isfinite(arr)] = None
    return out.tolist()


class CoverageAlgorithm(IsrpAlgorithm):
    DEMAND = P.DEMAND
    POPULATION_FIELD = P.POPULATION_FIELD
    DEMAND_ID_FIELD = "DEMAND_ID_FIELD"
    FACILITIES = P.FACILITIES
    FACILITY_FILTER = P.FACILITY_FILTER
    FACILITY_ID_FIELD = P.FACILITY_ID_FIELD
    CAPACITY_FIELD = "CAPACITY_FIELD"
    UNITS = P.UNITS
    UNIT_ID_FIELD = P.UNIT_ID_FIELD
    STANDARD = "STANDARD"
    METHOD = "METHOD"
    MODE = P.MODE
    NETWORK = P.NETWORK
    COST_UNIT = P.COST_UNIT
    MAX_COST = P.MAX_COST
    DECAY = "DECAY"
    COST_TABLE = "COST_TABLE"
    COST_ORIGIN_FIELD = "COST_ORIGIN_FIELD"
    COST_DESTINATION_FIELD = "COST_DESTINATION_FIELD"
    COST_FIELD = "COST_FIELD"
    OUTPUT_UNITS = P.OUTPUT_UNITS
    OUTPUT_POINTS = "OUTPUT_POINTS"
    OUTPUT_FACILITIES = "OUTPUT_FACILITIES"

    def __init__(self):
        super().__init__()
        self._network_key = (None, None)
        self._catalogue: Optional[Dict[str, Standard]] = None
        self._catalogue_from = "default"
        self._catalogue_error = ""

    def name(self) -> str:  # noqa: D102
        return "coverage"

    def displayName(self) -> str:  # noqa: N802, D102
        return self.tr("Coverage of need (container, 2SFCA, E2SFCA)")

    def group(self) -> str:  # noqa: D102
        return self.tr("Analyses")

    def groupId(self) -> str:  # noqa: N802, D102
        return "analyses"

    def shortHelpString(self) -> str:  # noqa: N802, D102
        return self.tr(
            "Need and coverage per unit (district, social space) for one facility type: need = target population "
            "× standard; supply = capacity of the facilities (CAPACITY_FIELD: a field or an expression, e.g. "
            "\"capacity\" - \"capacity_u3\"); coverage_ratio = supply / need; places_gap = need − supply "
            "(positive = places missing, negative = surplus).\n\n"
            "STANDARD: a catalogue id (kita_u3, kita_3_6, primary_school, playground, youth_club …) from the "
            "project's standards (Coverage tab) or your default catalogue (Settings ▸ Options ▸ ISRP ▸ "
            "Standards). The entry also gives the target group "
            "(age bands of the demand points with shares, e.g. 2/3*pop_0_3), the catchment and the decay, unless "
            "POPULATION_FIELD, MAX_COST or DECAY are set. “id=value” (e.g. youth_club=5) sets the standard value "
            "in the entry's unit. A plain number (e.g. 65) means places per 100 persons of the target group; then "
            "POPULATION_FIELD is required. A standard of 0 is an error.\n\n"
            "METHOD:\n"
            "container: facilities count in the unit they lie in (needs UNITS polygons).\n"
            "2SFCA: two-step floating catchment area. R_j = S_j / Σ_i D_i over demand points within the "
            "catchment d0 of facility j; A_i = Σ_j R_j over facilities within d0 of point i. Use of facilities "
            "across unit borders is allowed.\n"
            "E2SFCA: the same with a distance decay f: R_j = S_j / Σ_i D_i·f(d_ij), A_i = Σ_j R_j·f(d_ij). "
            "DECAY: none, step (Luo & Qi: thirds of d0 weighted 1, 0.68, 0.22; the default), "
            "step(300:1, 600:0.6, 1000:0.2), linear, linear(w_end=0.1), gaussian (weight 0.01 at d0), "
            "gaussian(w_d0=0.05), gaussian(sigma=250), gravity(scale=500, alpha=-2, min_dist=50).\n\n"
            "MODE: walk, bike, car over the street network exactly as in “Accessibility of facilities” "
            "(d_ij = both access legs + network distance or time; same NETWORK, TOLERANCE, "
            "MAX_ACCESS_DISTANCE, network cache and diagnostics), straight line (d_ij = Euclidean distance "
            "between the points, in minutes at walking speed when COST_UNIT is minutes), or cost table: an "
            "origin–destination table (COST_TABLE with COST_ORIGIN_FIELD, COST_DESTINATION_FIELD, COST_FIELD, "
            "e.g. public-transport minutes from another router) matched on DEMAND_ID_FIELD / FACILITY_ID_FIELD "
            "(compared as text; unmatched ids are listed). MAX_COST is the catchment d0 (0 = from the standard); "
            "pairs with d_ij ≤ d0 count.\n\n"
            "Facilities without capacity (NULL or not a number) count as 0 places and are listed. Units without "
            "target population, facilities without demand in their catchment, demand points that reach no "
            "facility and unmatched cost-table ids are reported; no ratio is ever divided by zero.\n\n"
            "Units output (OUTPUT_UNITS; the units with their attributes):\n"
            "target_pop: persons of the target group\n"
            "need: target_pop × standard (places, m² …)\n"
            "supply: container: capacity of the facilities in the unit; 2SFCA/E2SFCA: places attributed to the "
            "unit's population, Σ D_i·A_i\n"
            "coverage_ratio: supply / need (1 = 100 %); NULL where the need is 0 or nobody in the unit reaches a "
            "facility — NULL is not 0\n"
            "places_gap: need − supply (positive = missing)\n"
            "access_index: population-weighted mean A_i of the population that reaches a facility (supply per "
            "person of the target group); container: supply / target_pop\n"
            "reached_pop / unreached_pop: target population with / without a facility in reach (2SFCA/E2SFCA)\n"
            "n_points: demand points in the unit\n"
            "capacity_in_unit: capacity of the facilities lying in the unit (for comparison)\n"
            "note: why a ratio is NULL\n\n"
            "Demand points output (OUTPUT_POINTS): target_pop (D_i), unit_id, access_index = A_i (supply per "
            "person of the target group; NULL where no facility is in reach), access_per_100 = 100 × A_i, "
            "n_reached (facilities within d0), min_cost (cost to the nearest of them, m or min), status (ok, "
            "none_in_reach, not_connected, no_geometry; container: the unit's value, status container).\n\n"
            "Optional facilities output (OUTPUT_FACILITIES): capacity, ratio R_j (NULL: no demand in the "
            "catchment), weighted_demand Σ D_i·f(d_ij), n_points."
        )

    # -- parameters ---------------------------------------------------------------------------------
    def initAlgorithm(self, config=None):  # noqa: N802, D102
        p = AccessibilityParameters(self)
        p.demand(description=self.tr("Demand points (residents by age band)"))
        self.addParameter(QgsProcessingParameterField(
            self.POPULATION_FIELD,
            self.tr("Target population field(s), added up (empty: the target group of the standard)"), None,
            self.DEMAND, FIELD_NUMERIC, allowMultiple=True, optional=True))
        p.facilities()
        self.addParameter(QgsProcessingParameterExpression(
            self.CAPACITY_FIELD, self.tr("Capacity: field or expression (places, m² …)"), "capacity",
            self.FACILITIES))
        p.units(optional=True)
        self.addParameter(QgsProcessingParameterString(
            self.STANDARD, self.tr("Standard: catalogue id (e.g. kita_u3), id=value, or places per 100 persons"),
            "kita_3_6"))
        self.addParameter(QgsProcessingParameterEnum(
            self.METHOD, self.tr("Method"), [self.tr("container (facilities in the unit)"), self.tr("2SFCA"),
                                             self.tr("E2SFCA (with distance decay)")], defaultValue=FCA))
        self.addParameter(QgsProcessingParameterEnum(
            self.MODE, self.tr("Mode"), [self.tr("walk"), self.tr("bike"), self.tr("car"), self.tr("straight line"),
                                         self.tr("cost table")], defaultValue=0))
        p.network()
        self.addParameter(QgsProcessingParameterEnum(
            self.COST_UNIT, self.tr("Catchment measured in"), [self.tr("metres"), self.tr("minutes")],
            defaultValue=0))
        self.addParameter(QgsProcessingParameterNumber(
            self.MAX_COST, self.tr("Catchment d0 (metres or minutes; 0 = from the standard)"), NUMBER_DOUBLE, 0.0,
            minValue=0.0))
        self.addParameter(QgsProcessingParameterString(
            self.DECAY, self.tr("Distance decay for E2SFCA (empty: from the standard, else step)"), "",
            optional=True))
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.COST_TABLE, self.tr("Cost table (origin, destination, cost; for the cost-table mode)"),
            [QgsProcessing.SourceType.TypeVector], optional=True))
        for key, label in ((self.COST_ORIGIN_FIELD, self.tr("Cost table: origin (demand point id) field")),
                           (self.COST_DESTINATION_FIELD, self.tr("Cost table: destination (facility id) field")),
                           (self.COST_FIELD, self.tr("Cost table: cost field"))):
            self.addParameter(QgsProcessingParameterField(key, label, None, self.COST_TABLE,
                                                          FIELD_NUMERIC if key == self.COST_FIELD else FIELD_ANY,
                                                          optional=True))
        self.addParameter(QgsProcessingParameterField(
            self.DEMAND_ID_FIELD, self.tr("Demand point id field (for the cost table; empty: feature id)"), None,
            self.DEMAND, FIELD_ANY, optional=True))
        p.network_options()
        mad = self.parameterDefinition(P.MAX_ACCESS_DISTANCE)
        advanced(mad)
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.OUTPUT_UNITS, self.tr("Coverage per unit"), QgsProcessing.SourceType.TypeVector, optional=True))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.OUTPUT_POINTS, self.tr("Coverage per demand point (A_i)"), QgsProcessing.SourceType.TypeVectorPoint,
            optional=True))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.OUTPUT_FACILITIES, self.tr("Facilities with their supply-to-demand ratio (R_j)"),
            QgsProcessing.SourceType.TypeVectorPoint, optional=True, createByDefault=False))
        p.problems_output()
        for key in ("TARGET_POPULATION", "NEED", "SUPPLY", "SUPPLY_ATTRIBUTED", "COVERAGE_RATIO", "PLACES_GAP",
                    "UNREACHED_POPULATION", "FACILITIES_WITHOUT_CAPACITY", "FACILITIES_WITHOUT_DEMAND"):
            self.addOutput(QgsProcessingOutputNumber(key, key.replace("_", " ").lower()))
        self.addOutput(QgsProcessingOutputString("STANDARD_USED", self.tr("Standard, target group, catchment and "
                                                                         "decay used (JSON)")))

    def prepareAlgorithm(self, parameters, context, feedback):  # noqa: N802, D102
        mode = self.parameterAsEnum(parameters, self.MODE, context)
        if mode < STRAIGHT:
            self._network_key = network_cache_key(self, parameters, context)
        try:
            self._catalogue, self._catalogue_from = read_project_standards(context.project())
            self._catalogue_error = ""
        except StandardsError as err:
            self._catalogue, self._catalogue_error = None, str(err)
        return True

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802, D102
        try:
            return CoverageRun(self, parameters, context, feedback).run()
        except Canceled:
            feedback.reportError(self.tr("Cancelled."))
            return {}


class CoverageRun:
    """One run of isrp:coverage (translation context ``CoverageRun``)."""

    def __init__(self, alg: CoverageAlgorithm, parameters, context, feedback):
        self.alg = alg
        self.parameters = parameters
        self.context = context
        self.steps = QgsProcessingMultiStepFeedback(6, feedback)
        self.feedback = self.steps
        self.method = alg.parameterAsEnum(parameters, alg.METHOD, context)
        self.mode = alg.parameterAsEnum(parameters, alg.MODE, context)
        self.timings = {}

    @staticmethod
    def tr(message: str) -> str:
        return QCoreApplication.translate("CoverageRun", message)

    def fail(self, message: str):
        raise QgsProcessingException(message)

    def check(self):
        if self.feedback.isCanceled():
            raise Canceled()

    # -- standard, target group, catchment, decay ----------------------------------------------------
    def resolve_standard(self) -> ResolvedStandard:
        alg = self.alg
        text = (alg.parameterAsString(self.parameters, alg.STANDARD, self.context) or "").strip()
        if not text:
            self.fail(self.tr("STANDARD is empty: give a catalogue id (e.g. kita_u3), id=value or a number of "
                              "places per 100 persons of the target group."))
        value = _number(text)
        if value is not None:
            if not (math.isfinite(value) and value > 0):
                self.fail(self.tr("STANDARD is {0}: a standard of 0 (or less) means no need at all, so coverage "
                                  "is undefined. Give the places per 100 persons of the target group, e.g. 65.")
                          .format(text))
            return ResolvedStandard(value / 100.0, None, value, self.tr("{0} places per 100 persons").format(text))
        m = _STANDARD_RE.match(text)
        if alg._catalogue is None:
            self.fail(self.tr("The project's standards catalogue is invalid; fix it in the Coverage tab:\n{0}")
                      .format(alg._catalogue_error))
        catalogue = alg._catalogue
        if not m or m.group(1) not in catalogue:
            if alg._catalogue_from == "project":
                msg = self.tr("STANDARD “{0}” is neither a number nor an id of the project's standards catalogue "
                              "(ids: {1}).")
            else:
                msg = self.tr("STANDARD “{0}” is neither a number nor an id of the default standards catalogue "
                              "(ids: {1}).")
            self.fail(msg.format(text, ", ".join(catalogue)))
        std = catalogue[m.group(1)]
        if m.group(2):
            override = _number(m.group(2))
            if override is None:
                self.fail(self.tr("STANDARD “{0}”: “{1}” is not a number.").format(text, m.group(2)))
            if not (math.isfinite(override) and override > 0):
                self.fail(self.tr("STANDARD “{0}”: a standard of 0 (or less) means no need at all, so coverage is "
                                  "undefined. Give a value > 0.").format(text))
            std = with_value(std, override)
        if std.standard_value is None:
            self.fail(self.tr("Standard “{0}” ({1}) has no value (user-defined): give one as {0}=value, e.g. "
                              "{0}=5 ({2}), or set it in the standards table of the Coverage tab.")
                      .format(std.id, std.label_en, std.standard_unit))
        per_person = std.per_person
        per_100 = per_person * 100.0
        label = f"{std.id} ({std.label_en}): {std.standard_value:g} {std.standard_unit}"
        if alg._catalogue_from == "project":
            msg = self.tr("Standard {0} from the project's catalogue. Source: {1}")
        else:
            msg = self.tr("Standard {0} from the default catalogue. Source: {1}")
        self.feedback.pushInfo(msg.format(label, std.source or "–"))
        return ResolvedStandard(per_person, std, per_100, label)

    def target_bands(self, rs: ResolvedStandard, demand_source) -> List[Tuple[str, float]]:
        alg = self.alg
        getter = getattr(alg, "parameterAsStrings", None) or alg.parameterAsFields
        fields = [f for f in (getter(self.parameters, alg.POPULATION_FIELD, self.context) or []) if f]
        name = demand_source.sourceName()
        if fields:
            if rs.standard is not None:
                self.feedback.pushInfo(self.tr("Target population: {0} (POPULATION_FIELD; the standard's target "
                                               "group {1} is not used).").format(" + ".join(fields),
                                                                                rs.standard.target_group))
            return [(f, 1.0) for f in fields]
        if rs.standard is None:
            self.fail(self.tr("With a number as STANDARD, choose the field(s) of the target group's population in "
                              "POPULATION_FIELD."))
        bands = list(rs.standard.target_bands)
        demand_fields = demand_source.fields()
        missing = [b for b, _ in bands if demand_fields.lookupField(b) < 0]
        if missing:
            self.fail(self.tr("The standard “{0}” counts its target group as {1}, but the demand layer “{2}” has no "
                              "field {3}. Choose the target group's population field(s) with POPULATION_FIELD.")
                      .format(rs.standard.id, rs.standard.target_group, name, ", ".join(missing)))
        not_num = [b for b, _ in bands if not demand_fields.at(demand_fields.lookupField(b)).isNumeric()]
        if not_num:
            self.fail(self.tr("Field(s) {0} of the demand layer “{1}” are not numeric and cannot be counted as "
                              "population.").format(", ".join(not_num), name))
        self.feedback.pushInfo(self.tr("Target population: {0} (from the standard “{1}”).")
                               .format(rs.standard.target_group, rs.standard.id))
        return bands

    def catchment(self, rs: ResolvedStandard) -> Tuple[float, str]:
        """(d0, cost) with cost 'distance' or 'time'; d0 = inf for the container method."""
        alg = self.alg
        d0 = alg.parameterAsDouble(self.parameters, alg.MAX_COST, self.context) or 0.0
        cost = ("distance", "time")[alg.parameterAsEnum(self.parameters, alg.COST_UNIT, self.context)]
        if self.method == CONTAINER:
            return math.inf, cost
        if d0 > 0:
            return float(d0), cost
        if rs.standard is None:
            self.fail(self.tr("MAX_COST: give the catchment d0 (metres or minutes); a number as STANDARD has no "
                              "catchment of its own."))
        d0 = float(rs.standard.catchment_value)
        cost = "time" if rs.standard.catchment_unit == "min" else "distance"
        self.feedback.pushInfo(self.tr("Catchment d0 = {0:g} {1} (from the standard “{2}”).")
                               .format(d0, rs.standard.catchment_unit, rs.standard.id))
        if self.mode == TABLE:
            self.feedback.pushWarning(self.tr("Cost table: the costs are compared with d0 = {0:g} as they are; if "
                                              "the table is not in {1}, set MAX_COST in the table's unit.")
                                      .format(d0, rs.standard.catchment_unit))
        return d0, cost

    def decay(self, rs: ResolvedStandard, d0: float):
        alg = self.alg
        text = (alg.parameterAsString(self.parameters, alg.DECAY, self.context) or "").strip()
        if self.method != E2SFCA:
            if text and text.lower() != "none":
                self.feedback.pushWarning(self.tr("DECAY “{0}” is ignored: only E2SFCA uses a distance decay.")
                                          .format(text))
            return cov.NoDecay()
        origin = self.tr("DECAY")
        if not text and rs.standard is not None and rs.standard.decay.strip().lower() not in ("", "none"):
            text, origin = rs.standard.decay, self.tr("the standard “{0}”").format(rs.standard.id)
        if not text:
            text, origin = "step", self.tr("the E2SFCA default (Luo & Qi 2009)")
        try:
            decay = cov.parse_decay(text, d0)
        except ValueError as err:
            self.fail(self.tr("DECAY “{0}” is not valid: {1}").format(text, err))
        self.feedback.pushInfo(self.tr("Distance decay: {0} (from {1}).").format(decay.describe(), origin))
        return decay

    # -- capacity ----------------------------------------------------------------------------------
    def capacities(self, job) -> np.ndarray:
        alg = self.alg
        fac = job.fac
        source = fac["source"]
        expr_text = alg.parameterAsExpression(self.parameters, alg.CAPACITY_FIELD, self.context) or ""
        if not expr_text.strip():
            self.fail(self.tr("CAPACITY_FIELD is empty: choose the field (or expression) with the places of the "
                              "facilities."))
        expr = QgsExpression(expr_text)
        if expr.hasParserError():
            self.fail(self.tr("CAPACITY_FIELD “{0}” is not a valid field or expression: {1}")
                      .format(expr_text, expr.parserErrorString()))
        names = {n.lower() for n in source.fields().names()}
        unknown = [c for c in expr.referencedColumns() if c and c != QgsFeatureRequest.ALL_ATTRIBUTES
                   and c.lower() not in names]
        if unknown:
            self.fail(self.tr("CAPACITY_FIELD “{0}”: layer “{1}” has no field {2}.")
                      .format(expr_text, fac["name"], ", ".join(unknown)))
        ctx = alg.createExpressionContext(self.parameters, self.context, source)
        expr.prepare(ctx)
        req = QgsFeatureRequest().setFilterFids([int(f) for f in fac["fids"]])
        if not expr.needsGeometry():
            req.setFlags(QgsFeatureRequest.Flag.NoGeometry)
        values: Dict[int, float] = {}
        for feat in source.getFeatures(req):
            ctx.setFeature(feat)
            v = expr.evaluate(ctx)
            if expr.hasEvalError() or is_null(v):
                values[feat.id()] = math.nan
                continue
            try:
                values[feat.id()] = float(v)
            except (TypeError, ValueError):
                values[feat.id()] = math.nan
        cap = np.array([values.get(int(f), math.nan) for f in fac["fids"]], dtype=float)
        neg = np.nonzero(cap < 0)[0]
        if neg.size:
            self.fail(self.tr("Layer “{0}”: {1} facilities have a negative capacity ({2}): {3}").format(
                fac["name"], neg.size, expr_text, format_ids([fac["ids"][i] for i in neg])))
        missing = np.nonzero(~np.isfinite(cap))[0]
        self.n_without_capacity = int(missing.size)
        if missing.size:
            self.feedback.pushWarning(
                self.tr("Layer “{0}”: {1} of {2} facilities have no capacity (NULL or not a number in {3}); they "
                        "count as 0 places: {4}").format(fac["name"], missing.size, len(cap), expr_text,
                                                         format_ids([fac["ids"][i] for i in missing])))
            for i in missing:
                job._problem(fac["name"], int(fac["fids"][i]), str(fac["ids"][i]), "no_capacity",
                             self.tr("no capacity ({0})").format(expr_text), fac["xy"][i])
        cap = np.where(np.isfinite(cap), cap, 0.0)
        self.feedback.pushInfo(self.tr("Supply: {0:,.0f} ({1}) in {2} facilities.")
                               .format(cap.sum(), expr_text, len(cap)))
        if len(cap) and not (cap > 0).any():
            self.feedback.pushWarning(self.tr("No facility has a capacity above 0: the supply is 0 everywhere."))
        return cap

    # -- costs -------------------------------------------------------------------------------------
    def straight_costs(self, job, d0: float, cost: str) -> cov.SparseCosts:
        d, f = job.demand, job.fac
        speed = job.speed_kmh() or 4.5
        mpm = speed * 1000.0 / 60.0
        d0_m = d0 if cost == "distance" else d0 * mpm
        dok = np.nonzero(np.all(np.isfinite(d["xy"]), axis=1))[0]
        fok = np.nonzero(np.all(np.isfinite(f["xy"]), axis=1))[0]
        sub = cov.straight_line_costs(d["xy"][dok], f["xy"][fok], d0_m)
        c = sub.cost if cost == "distance" else sub.cost / mpm
        if cost == "time":
            self.feedback.pushInfo(self.tr("Straight-line minutes at {0:g} km/h.").format(speed))
        return cov.SparseCosts(dok[sub.demand_idx], fok[sub.facility_idx], c, len(d["xy"]), len(f["xy"]), d0)

    def network_costs(self, job, d0: float) -> cov.SparseCosts:
        nd, nf = len(job.demand["fids"]), len(job.fac["fids"])
        job.build_network(required=True)
        self.check()
        job.make_graph(np.vstack([job.demand["xy"], job.fac["xy"]]))
        self.check()
        job.diagnose_network(nd)
        self.check()
        return graph_od_costs(job.graph, np.arange(nd), nd + np.arange(nf), d0, include_access=True)

    def table_costs(self, job, d0: float) -> cov.SparseCosts:
        alg = self.alg
        source = alg.parameterAsSource(self.parameters, alg.COST_TABLE, self.context)
        if source is None:
            self.fail(self.tr("The cost-table mode needs COST_TABLE (a table with origin, destination and cost)."))
        names = {}
        for key in (alg.COST_ORIGIN_FIELD, alg.COST_DESTINATION_FIELD, alg.COST_FIELD):
            value = alg.parameterAsString(self.parameters, key, self.context)
            if not value:
                self.fail(self.tr("The cost-table mode needs {0} (a field of the cost table).").format(key))
            if source.fields().lookupField(value) < 0:
                self.fail(self.tr("The cost table “{0}” has no field “{1}” ({2}).")
                          .format(source.sourceName(), value, key))
            names[key] = value
        idx = [source.fields().lookupField(names[k]) for k in (alg.COST_ORIGIN_FIELD, alg.COST_DESTINATION_FIELD,
                                                                alg.COST_FIELD)]
        req = QgsFeatureRequest().setFlags(QgsFeatureRequest.Flag.NoGeometry).setSubsetOfAttributes(idx)
        rows = []
        for i, feat in enumerate(source.getFeatures(req)):
            if i % 10000 == 0:
                self.check()
            a = feat.attributes()
            rows.append((None if is_null(a[idx[0]]) else io._qgis_string(a[idx[0]]),
                         None if is_null(a[idx[1]]) else io._qgis_string(a[idx[1]]),
                         None if is_null(a[idx[2]]) else a[idx[2]]))
        table = pd.DataFrame(rows, columns=["origin", "destination", "cost"])
        null_cost = table["cost"].isna()
        if null_cost.any():
            self.feedback.pushWarning(self.tr("Cost table: {0} rows have no cost (NULL); they are left out.")
                                      .format(int(null_cost.sum())))
            table = table[~null_cost]
        null_id = table["origin"].isna() | table["destination"].isna()
        if null_id.any():
            self.feedback.pushWarning(self.tr("Cost table: {0} rows have no origin or destination id (NULL); they "
                                              "are left out.").format(int(null_id.sum())))
            table = table[~null_id]
        demand_ids = self.demand_ids(job)
        fac_ids = job.fac["ids"]
        if any(v is None for v in fac_ids):
            self.fail(self.tr("The cost-table mode matches facilities by FACILITY_ID_FIELD, but some facilities have "
                              "no id (NULL); fill the ids or filter those facilities out."))
        try:
            costs, report = cov.costs_from_table(table, demand_ids, [io._qgis_string(v) for v in fac_ids],
                                                 "origin", "destination", "cost", max_cost=d0)
        except ValueError as err:
            self.fail(self.tr("Cost table “{0}”: {1}").format(source.sourceName(), err))
        for line in report.messages():
            if line.startswith("Cost table: ") and "rows used" in line:
                self.feedback.pushInfo(line)
            else:
                self.feedback.pushWarning(line)
        if report.unmatched_destinations and job.fac["filter"]:
            self.feedback.pushInfo(self.tr("(Destinations of facilities outside FACILITY_FILTER count as unmatched.)"))
        if report.rows_used == 0:
            self.fail(self.tr("Cost table “{0}”: no row matches both a demand point ({1}) and a facility ({2}) "
                              "within the catchment {3:g}; check the id fields and COST_ORIGIN_FIELD / "
                              "COST_DESTINATION_FIELD.").format(source.sourceName(),
                                                               self._demand_id_label(), self._fac_id_label(job), d0))
        return costs

    def _demand_id_label(self):
        f = self.alg.parameterAsString(self.parameters, self.alg.DEMAND_ID_FIELD, self.context)
        return f or self.tr("feature id")

    def _fac_id_label(self, job):
        return job.fac["id_field"] or self.tr("feature id")

    def demand_ids(self, job) -> List[str]:
        alg = self.alg
        d = job.demand
        field = alg.parameterAsString(self.parameters, alg.DEMAND_ID_FIELD, self.context)
        if not field:
            return [str(int(f)) for f in d["fids"]]
        i = d["source"].fields().lookupField(field)
        if i < 0:
            self.fail(self.tr("Layer “{0}” has no field “{1}” (DEMAND_ID_FIELD).").format(d["name"], field))
        values = [a[i] for a in d["attributes"]]
        nulls = [int(f) for f, v in zip(d["fids"], values) if is_null(v)]
        if nulls:
            self.fail(self.tr("Layer “{0}”: {1} demand points have no id (NULL in “{2}”): feature ids {3}")
                      .format(d["name"], len(nulls), field, format_ids(nulls)))
        return [io._qgis_string(v) for v in values]

    # -- run ---------------------------------------------------------------------------------------
    def run(self):
        alg, params, ctx = self.alg, self.parameters, self.context
        t_start = time.perf_counter()
        rs = self.resolve_standard()
        demand_source = alg.parameterAsSource(params, alg.DEMAND, ctx)
        if demand_source is None:
            raise QgsProcessingException(alg.invalidSourceError(params, alg.DEMAND))
        bands = self.target_bands(rs, demand_source)
        d0, cost = self.catchment(rs)
        decay = self.decay(rs, d0)
        if self.method == CONTAINER and self.mode == TABLE:
            self.feedback.pushInfo(self.tr("The container method needs no costs; the cost table is not used."))
        job_params = dict(params)
        job_params[P.POPULATION_FIELD] = [b for b, _ in bands]
        job_params[P.MODE] = min(self.mode, STRAIGHT)
        job_params[P.COST_UNIT] = 0 if cost == "distance" else 1
        job_params[P.MAX_COST] = d0 if math.isfinite(d0) else 0.0
        network_mode = self.mode < STRAIGHT and self.method != CONTAINER
        job = AccessibilityJob(alg, job_params, ctx, self.steps, alg._network_key)
        self.job = job
        # 1 inputs
        base_key = P.NETWORK if network_mode else P.DEMAND
        base = job._source(base_key, required=False)
        if base is None:
            if network_mode:
                job.build_network(required=True)  # the clear "needs a network" error
            raise QgsProcessingException(alg.invalidSourceError(params, base_key))
        job.choose_crs(base, base_key)
        job.read_facilities()
        self.check()
        capacity = self.capacities(job)
        self.steps.setCurrentStep(1)
        job.read_demand(keep_attributes=True, population_optional=False)
        demand = self.target_population(job, bands)
        has_units = params.get(P.UNITS) not in (None, "") or bool(job.demand["unit_field"])
        if self.method == CONTAINER and params.get(P.UNITS) in (None, ""):
            self.fail(self.tr("The container method needs UNITS (polygons): facilities count in the unit they lie "
                              "in."))
        if has_units:
            job.read_units()
        self.check()
        # 2 costs
        self.steps.setCurrentStep(2)
        t0 = time.perf_counter()
        costs = None
        if self.method != CONTAINER:
            if self.mode == TABLE:
                costs = self.table_costs(job, d0)
            elif self.mode == STRAIGHT:
                costs = self.straight_costs(job, d0, cost)
            else:
                costs = self.network_costs(job, d0)
            self.timings["costs"] = time.perf_counter() - t0
            unit = "m" if cost == "distance" else "min"
            self.feedback.pushInfo(self.tr("Pairs within d0 = {0:g} {1}: {2:,} ({3:.2f} s).")
                                   .format(d0, unit if self.mode != TABLE else self.tr("(table units)"), costs.nnz,
                                           self.timings["costs"]))
        self.check()
        # 3 compute
        self.steps.setCurrentStep(3)
        t0 = time.perf_counter()
        fac_unit = None
        if has_units and job.units.get("geoms") is not None:
            fac_unit = io.points_in_polygons(job.fac["xy"], job.units["geoms"], self.feedback)
        self.check()
        if self.method == CONTAINER:
            point, units_table, fca = self.compute_container(job, demand, capacity, fac_unit, rs)
        else:
            point, units_table, fca = self.compute_fca(job, demand, capacity, costs, decay, d0, rs, has_units)
        if units_table is not None and fac_unit is not None:
            n_units = len(job.units["ids"])
            units_table["capacity_in_unit"] = np.bincount(fac_unit[fac_unit >= 0], weights=capacity[fac_unit >= 0],
                                                          minlength=n_units)[:n_units]
        self.timings["compute"] = time.perf_counter() - t0
        self.check()
        # 4 outputs
        self.steps.setCurrentStep(4)
        results = {}
        if units_table is not None and params.get(alg.OUTPUT_UNITS) not in (None, ""):
            results[alg.OUTPUT_UNITS] = self.write_units(job, units_table)
        elif params.get(alg.OUTPUT_UNITS) not in (None, "") and units_table is None:
            self.feedback.pushWarning(self.tr("No UNITS given: the coverage per unit (OUTPUT_UNITS) is not written."))
        self.steps.setCurrentStep(5)
        if params.get(alg.OUTPUT_POINTS) not in (None, ""):
            results[alg.OUTPUT_POINTS] = self.write_points(job, demand, point, rs)
        if fca is not None and params.get(alg.OUTPUT_FACILITIES) not in (None, ""):
            results[alg.OUTPUT_FACILITIES] = self.write_facilities(job, capacity, fca)
        problems = job.write_problems() if P.OUTPUT_PROBLEMS in params else None
        if problems:
            results[P.OUTPUT_PROBLEMS] = problems
        # totals
        need_total = float(demand.sum() * rs.per_person)
        if self.method == CONTAINER:
            attributed = float(units_table["supply"].sum())
            unreached = None
        else:
            attributed = float(np.nansum(demand * np.nan_to_num(fca.access)))
            unreached = float(demand[~np.isfinite(fca.access)].sum())
        results.update({
            "TARGET_POPULATION": float(demand.sum()),
            "NEED": need_total,
            "SUPPLY": float(capacity.sum()),
            "SUPPLY_ATTRIBUTED": attributed,
            "COVERAGE_RATIO": attributed / need_total if need_total > 0 else None,
            "PLACES_GAP": need_total - attributed,
            "UNREACHED_POPULATION": unreached,
            "FACILITIES_WITHOUT_CAPACITY": self.n_without_capacity,
            "FACILITIES_WITHOUT_DEMAND": int((fca.n_demand_points == 0).sum()) if fca is not None else None,
            "STANDARD_USED": json.dumps({
                "standard": rs.standard.id if rs.standard else None, "label": rs.text, "per_person": rs.per_person,
                "target_group": format_target_group(bands),
                "method": METHOD_KEYS[self.method], "mode": MODE_KEYS[self.mode],
                "d0": d0 if math.isfinite(d0) else None, "cost": cost,
                "decay": decay.describe() if self.method == E2SFCA else "none"}),
        })
        ratio_txt = f"{100 * attributed / need_total:.1f} %" if need_total > 0 else "–"
        self.feedback.pushInfo(self.tr("Overall: target population {0:,.0f}, need {1:,.1f}, supply {2:,.1f} "
                                       "(attributed {3:,.1f}), coverage {4}, places gap {5:,.1f}.")
                               .format(demand.sum(), need_total, capacity.sum(), attributed, ratio_txt,
                                       need_total - attributed))
        self.feedback.pushInfo(self.tr("Done in {0:.2f} s (costs {1:.2f} s, coverage {2:.2f} s).").format(
            time.perf_counter() - t_start, self.timings.get("costs", 0.0), self.timings.get("compute", 0.0)))
        self.steps.setProgress(100)
        return results

    def target_population(self, job, bands) -> np.ndarray:
        """D_i = Σ share × band (NULL = 0, reported by read_demand); replaces the job's plain sum."""
        d = job.demand
        fields = d["source"].fields()
        total = np.zeros(len(d["fids"]))
        for band, share in bands:
            i = fields.lookupField(band)
            vals = np.array([np.nan if is_null(a[i]) else float(a[i]) for a in d["attributes"]], dtype=float)
            total += share * np.nan_to_num(vals, nan=0.0)
        neg = total < 0
        if neg.any():
            self.fail(self.tr("Layer “{0}”: {1} demand points have a negative target population: feature ids {2}")
                      .format(d["name"], int(neg.sum()), format_ids(d["fids"][neg].tolist())))
        if len(total) and not (total > 0).any():
            self.fail(self.tr("The target population is 0 at every demand point of layer “{0}” ({1}): there is no "
                              "need to cover.").format(d["name"], " + ".join(b for b, _ in bands)))
        if any(s != 1.0 for _, s in bands):
            self.feedback.pushInfo(self.tr("Target population with shares: {0:,.1f}.").format(total.sum()))
        d["population"] = total
        return total

    # -- methods -----------------------------------------------------------------------------------
    def _unit_codes(self, job):
        n_units = len(job.units["ids"])
        idx = job.units["index"]
        return n_units, [str(int(i)) if i >= 0 else None for i in idx], [str(k) for k in range(n_units)]

    def _report_units(self, table: pd.DataFrame, job):
        no_pop = table.index[table["target_pop"] <= 0]
        if len(no_pop):
            ids = [job.units["ids"][int(k)] for k in no_pop]
            self.feedback.pushWarning(self.tr("{0} units have no target population (need 0); their coverage_ratio "
                                              "is NULL, not 0: {1}").format(len(ids), format_ids(ids)))

    def compute_container(self, job, demand, capacity, fac_unit, rs):
        n_units, codes, keys = self._unit_codes(job)
        target = pd.Series(0.0, index=keys)
        inside = job.units["index"] >= 0
        target[:] = np.bincount(job.units["index"][inside], weights=demand[inside], minlength=n_units)[:n_units]
        fac_keys = [str(int(u)) if u >= 0 else None for u in fac_unit]
        supply, messages = cov.capacity_by_unit(fac_keys, capacity, keys)
        for line in messages:
            if "no capacity value" not in line and "lie in no unit" not in line:  # both listed with ids
                self.feedback.pushWarning(line)
        outside = np.nonzero(fac_unit < 0)[0]
        if outside.size:
            self.feedback.pushInfo(self.tr("{0} facilities lie in no unit; the container method does not count "
                                           "them: {1}").format(outside.size,
                                                               format_ids([job.fac["ids"][i] for i in outside])))
        uc = cov.container_coverage(target, supply, rs.per_person)
        table = uc.table.reindex(keys)
        with np.errstate(invalid="ignore", divide="ignore"):
            table["access_index"] = np.where(table["target_pop"] > 0, table["supply"] /
                                             table["target_pop"].where(table["target_pop"] > 0, 1.0), np.nan)
        table["reached_pop"] = np.nan
        table["unreached_pop"] = np.nan
        table["n_points"] = np.bincount(job.units["index"][inside], minlength=n_units)[:n_units]
        self._report_units(table, job)
        per_point = np.full(len(demand), np.nan)
        per_point[inside] = table["access_index"].to_numpy()[job.units["index"][inside]]
        point = {"access": per_point, "n_reached": None, "min_cost": None,
                 "status": np.where(inside, "container", "no_unit").astype(object)}
        return point, table, None

    def compute_fca(self, job, demand, capacity, costs, decay, d0, rs, has_units):
        try:
            res = cov.two_step_fca(demand, capacity, costs, decay, d0, demand_label="target population",
                                   supply_label="places")
        except ValueError as err:
            self.fail(self.tr("2SFCA: {0}").format(err))
        for line in res.messages:
            self.feedback.pushWarning(line)
        no_demand = np.nonzero(res.n_demand_points == 0)[0]
        if no_demand.size:
            self.feedback.pushWarning(self.tr("Facilities without demand in their catchment (ratio NULL, places not "
                                              "attributed): {0}").format(format_ids([job.fac["ids"][i]
                                                                                     for i in no_demand])))
        reached = np.isfinite(res.access)
        self.feedback.pushInfo(self.tr("{0} facilities with a ratio R_j; demand points reaching a facility: {1} of "
                                       "{2} ({3:.1%} of the target population).")
                               .format(int(np.isfinite(res.ratio).sum()), int(reached.sum()), len(reached),
                                       demand[reached].sum() / max(demand.sum(), 1e-12)))
        status = np.where(reached, "ok", "none_in_reach").astype(object)
        if self.mode < STRAIGHT and job.graph is not None:
            status[job.graph.point_node[: len(demand)] < 0] = "not_connected"
        status[~np.all(np.isfinite(job.demand["xy"]), axis=1)] = "no_geometry"
        if self.mode == TABLE:
            status[~reached] = "none_in_reach"
        min_cost = costs.min_cost_per_demand()
        point = {"access": res.access, "n_reached": res.n_reached, "min_cost": np.where(np.isfinite(min_cost),
                                                                                        min_cost, np.nan),
                 "status": status}
        table = None
        if has_units:
            n_units, codes, keys = self._unit_codes(job)
            uc = cov.aggregate_fca_by_unit(res, demand, codes, rs.per_person, keys)
            for line in uc.messages:
                if "lie in no unit" not in line:  # read_units listed them with ids
                    self.feedback.pushInfo(line)
            table = uc.table.reindex(keys)
            table = table.rename(columns={"supply_attributed": "supply", "mean_access": "access_index"})
            self._report_units(table, job)
        return point, table, res

    # -- writing -------------------------------------------------------------------------------------
    def write_units(self, job, table: pd.DataFrame):
        alg = self.alg
        extra = [make_field(n, "int" if n == "n_points" else ("string" if n == "note" else "double"))
                 for n in UNIT_RESULT_FIELDS]
        own = job._rename_collisions(job.units["fields"], [f.name() for f in extra])
        fields = QgsFields(own)
        for f in extra:
            fields.append(f)
        sink, dest = alg.parameterAsSink(self.parameters, alg.OUTPUT_UNITS, self.context, fields,
                                         job.unit_geometry_type(), job.crs)
        if sink is None:
            raise QgsProcessingException(alg.invalidSinkError(self.parameters, alg.OUTPUT_UNITS))
        if "capacity_in_unit" not in table.columns:
            table["capacity_in_unit"] = np.nan
        feats = []
        for k in range(len(job.units["ids"])):
            row = table.iloc[k]
            attrs = list(job.units["attributes"][k])
            for name in UNIT_RESULT_FIELDS:
                v = row.get(name, None)
                if name == "n_points":
                    attrs.append(int(v) if v is not None and np.isfinite(v) else 0)
                elif name == "note":
                    attrs.append(str(v) if isinstance(v, str) and v else None)
                else:
                    attrs.append(_num(float(v)) if v is not None else None)
            feat = QgsFeature()
            geom = job.units["geoms"][k] if job.units.get("geoms") is not None else None
            if geom is not None:
                g = QgsGeometry(geom)
                g.convertToMultiType()
                feat.setGeometry(g)
            feat.setAttributes(attrs)
            feats.append(feat)
        sink.addFeatures(feats, QgsFeatureSink.Flag.FastInsert)
        CoverageStyler.attach(self.context, dest, "units")
        return dest

    def write_points(self, job, demand, point, rs: ResolvedStandard):
        alg = self.alg
        d = job.demand
        extra = [make_field("target_pop", "double")]
        if job.units is not None:
            if job.units["source"] is not None and job.units["id_field"]:
                uf = QgsField(job.units["fields"].field(job.units["id_field"]))
            elif job.units["source"] is None:
                uf = QgsField(job.units["fields"].at(0))
            else:
                uf = make_field("unit_id", "int64")
            uf.setName("unit_id")
            extra.append(uf)
        extra += [make_field("access_index", "double"), make_field("access_per_100", "double"),
                  make_field("n_reached", "int"), make_field("min_cost", "double"), make_field("status", "string", 20)]
        own = job._rename_collisions(d["source"].fields(), [f.name() for f in extra])
        fields = QgsFields(own)
        for f in extra:
            fields.append(f)
        sink, dest = alg.parameterAsSink(self.parameters, alg.OUTPUT_POINTS, self.context, fields,
                                         QgsWkbTypes.Type.Point, job.crs)
        if sink is None:
            raise QgsProcessingException(alg.invalidSinkError(self.parameters, alg.OUTPUT_POINTS))
        n = len(demand)
        n_own = d["source"].fields().count()
        # columns as Python lists with None for NULL, built once (no per-value conversion in the loop)
        columns = [np.asarray(demand, dtype=float).tolist()]
        if job.units is not None:
            uid = job.units["ids"]
            columns.append([uid[i] if i >= 0 else None for i in job.units["index"].tolist()])
        access = np.asarray(point["access"], dtype=float)
        columns += [_nullable(access), _nullable(access * 100.0)]
        columns.append(np.asarray(point["n_reached"]).astype(int).tolist() if point["n_reached"] is not None
                       else [None] * n)
        columns.append(_nullable(point["min_cost"]) if point["min_cost"] is not None else [None] * n)
        columns.append([str(v) for v in point["status"]])
        rows = list(zip(*columns))
        xy = d["xy"]
        has_xy = np.all(np.isfinite(xy), axis=1).tolist()
        xs, ys = xy[:, 0].tolist(), xy[:, 1].tolist()
        attributes = d["attributes"]
        empty = [None] * n_own
        batch = []
        for i in range(n):
            if i % 5000 == 0:
                self.check()
                self.steps.setProgress(100.0 * i / max(n, 1))
                if batch:
                    sink.addFeatures(batch, QgsFeatureSink.Flag.FastInsert)
                    batch = []
            feat = QgsFeature()
            if has_xy[i]:
                feat.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(xs[i], ys[i])))
            feat.setAttributes((list(attributes[i]) if attributes else list(empty)) + list(rows[i]))
            batch.append(feat)
        if batch:
            sink.addFeatures(batch, QgsFeatureSink.Flag.FastInsert)
        CoverageStyler.attach(self.context, dest, "points", rs.per_100)
        return dest

    def write_facilities(self, job, capacity, res):
        alg = self.alg
        f = job.fac
        fields = QgsFields()
        fields.append(QgsField(f["field"]))
        for name, kind in (("capacity", "double"), ("ratio", "double"), ("weighted_demand", "double"),
                           ("n_points", "int")):
            fields.append(make_field(name, kind))
        sink, dest = alg.parameterAsSink(self.parameters, alg.OUTPUT_FACILITIES, self.context, fields,
                                         QgsWkbTypes.Type.Point, job.crs)
        if sink is None:
            raise QgsProcessingException(alg.invalidSinkError(self.parameters, alg.OUTPUT_FACILITIES))
        feats = []
        for i in range(len(f["fids"])):
            feat = QgsFeature()
            x, y = f["xy"][i]
            if np.isfinite(x) and np.isfinite(y):
                feat.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(x, y)))
            feat.setAttributes([f["ids"][i], float(capacity[i]), _num(res.ratio[i]),
                                float(res.weighted_demand[i]), int(res.n_demand_points[i])])
            feats.append(feat)
        sink.addFeatures(feats, QgsFeatureSink.Flag.FastInsert)
        return dest
