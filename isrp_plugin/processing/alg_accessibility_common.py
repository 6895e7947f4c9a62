"""What isrp:accessibility, isrp:accessibilitybyunit and isrp:catchments share.

isrp:coverage, isrp:locationsuggest and isrp:scenario declare their street-network parameters here
too (``network``, ``mode``, ``network_options``); coverage and locationsuggest build and route on
the network through :class:`AccessibilityJob`, scenario passes the parameters on to its child runs.

* :class:`AccessibilityParameters` declares the parameters (same keys, descriptions and defaults
  in all these algorithms; translation context ``AccessibilityParameters``).
* :class:`AccessibilityJob` does one run: reads the layers into arrays in one metric CRS
  (reprojecting geographic input and saying so; plain GeoPackage / shapefile layers straight
  through OGR's columnar interface, see ``qgis_io.layers.direct_read_spec``), builds or reuses
  the street network (``core.network`` via the session cache, keyed by layer id + modification
  stamp; road-class speeds per mode are applied per run on top of it), reports
  the diagnostics (network components, demand tied to small components, points beyond the
  maximum access distance, facilities off the network, duplicate / NULL facility ids,
  empty geometries, NULL population) with counts and feature ids, runs the engine
  (``core.accessibility``) and writes the output layers (the demand points are read once more
  while writing instead of being held in memory). Translation context ``AccessibilityJob``.

The algorithms compute the network's cache key and which inputs can be read directly in
``prepareAlgorithm`` (main thread, the only place where touching the project layer is safe) and
read features in ``processAlgorithm`` only through the thread-safe feature sources Processing
hands out, or through a fresh OGR handle on the layer's file.
"""

from __future__ import annotations

import json
import re
import sqlite3
import time
from collections import Counter
from typing import List, Optional

import numpy as np
import pandas as pd
from qgis.core import (
    Qgis,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
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
    QgsProcessingFeatureSource,
    QgsProcessingFeatureSourceDefinition,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterEnum,
    QgsProcessingParameterExpression,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QCoreApplication

from ..core import accessibility as acc
from ..core.network import (
    cached_access_graph,
    cached_routing_graph,
    get_mode,
    normalise_class,
    parse_speed_table,
    read_road_speeds,
)
from ..qgis_io import gpkg_bulk
from ..qgis_io import layers as io
from ..qgis_io.compat import make_field
from ..qgis_io.settings import IsrpSettings

#: MODE options, in this order (the enum value is the index).
MODE_KEYS = ("walk", "bike", "car", "straight")
STRAIGHT = 3
#: COST_UNIT options: metres (network/straight distance) or minutes (travel time).
COST_KEYS = ("distance", "time")
DEFAULT_THRESHOLDS = {"distance": (300.0, 500.0, 1000.0), "time": (5.0, 10.0, 15.0)}
#: Extra status for demand points without a usable geometry (besides core.accessibility.STATUSES).
STATUS_NO_GEOMETRY = "no_geometry"
#: How many feature ids a message lists.
MAX_IDS = 20


def _scoped(new_enum: str, new_member: str, old_class, old_enum: str, old_member: str):
    """An enum value that exists under its QGIS ≥ 3.36 name (``Qgis.<new_enum>.<new_member>``) or its older one."""
    enum = getattr(Qgis, new_enum, None)
    if enum is not None and hasattr(enum, new_member):
        return getattr(enum, new_member)
    return getattr(getattr(old_class, old_enum), old_member)


FLAG_ADVANCED = _scoped("ProcessingParameterFlag", "Advanced", QgsProcessingParameterDefinition, "Flag",
                        "FlagAdvanced")
NUMBER_DOUBLE = _scoped("ProcessingNumberParameterType", "Double", QgsProcessingParameterNumber, "Type", "Double")
NUMBER_INTEGER = _scoped("ProcessingNumberParameterType", "Integer", QgsProcessingParameterNumber, "Type",
                         "Integer")
FIELD_NUMERIC = _scoped("ProcessingFieldParameterDataType", "Numeric", QgsProcessingParameterField, "DataType",
                        "Numeric")
FIELD_ANY = _scoped("ProcessingFieldParameterDataType", "Any", QgsProcessingParameterField, "DataType", "Any")


def number(key, description, kind, default, minValue=None, maxValue=None, decimals=None):
    """A QgsProcessingParameterNumber, shown with ``decimals`` decimals in the dialog."""
    kw = {}
    if minValue is not None:
        kw["minValue"] = minValue
    if maxValue is not None:
        kw["maxValue"] = maxValue
    param = QgsProcessingParameterNumber(key, description, kind, default, **kw)
    if decimals is not None:
        param.setMetadata({"widget_wrapper": {"decimals": decimals}})
    return param


def advanced(param):
    """Mark a parameter as advanced (``FlagAdvanced``) and return it."""
    param.setFlags(param.flags() | FLAG_ADVANCED)
    return param


def parse_numbers(text: str) -> List[float]:
    """Numbers from a list such as ``"300, 500; 1000"`` (sorted, unique); ValueError names the bad item."""
    out = []
    for item in re.split(r"[,;\s]+", (text or "").strip()):
        if not item:
            continue
        try:
            value = float(item)
        except ValueError:
            raise ValueError(item) from None
        if not np.isfinite(value) or value <= 0:
            raise ValueError(item)
        out.append(value)
    return sorted(set(out))


def threshold_suffix(value: float, cost: str) -> str:
    """``300`` → ``300m``; ``7.5`` minutes → ``7_5min`` (for field names)."""
    return f"{value:g}".replace(".", "_").replace("-", "_") + ("m" if cost == "distance" else "min")


def format_ids(ids, limit: int = MAX_IDS) -> str:
    ids = list(ids)
    text = ", ".join(str(i) for i in ids[:limit])
    if len(ids) > limit:
        text += f" … (+{len(ids) - limit})"
    return text


def _nan_to_none(value):
    if value is None:
        return None
    if isinstance(value, (float, np.floating)):
        return None if not np.isfinite(value) else float(value)
    if isinstance(value, np.integer):
        return int(value)
    return value


def _aggregate(res, codes, population, thresholds, value):
    """``core.accessibility.aggregate_by_unit`` with integer unit codes, without pandas' FutureWarning about
    factorizing them as objects (pandas 1.5)."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)
        return acc.aggregate_by_unit(res, codes, population, thresholds, value)


class Canceled(Exception):
    """The user cancelled the run (feedback.isCanceled())."""


# --------------------------------------------------------------------------------------------
# parameters
# --------------------------------------------------------------------------------------------


class AccessibilityParameters:
    """Declares the shared parameters on an algorithm (keys are the public interface)."""

    NETWORK = "NETWORK"
    DEMAND = "DEMAND"
    FACILITIES = "FACILITIES"
    FACILITY_ID_FIELD = "FACILITY_ID_FIELD"
    FACILITY_FILTER = "FACILITY_FILTER"
    MODE = "MODE"
    COST_UNIT = "COST_UNIT"
    MAX_COST = "MAX_COST"
    K = "K"
    TOLERANCE = "TOLERANCE"
    MAX_ACCESS_DISTANCE = "MAX_ACCESS_DISTANCE"
    SPEED = "SPEED"
    ONEWAY_FIELD = "ONEWAY_FIELD"
    ONEWAY_FORWARD = "ONEWAY_FORWARD"
    ONEWAY_BACKWARD = "ONEWAY_BACKWARD"
    SPEED_FIELD = "SPEED_FIELD"
    ROAD_CLASS_FIELD = "ROAD_CLASS_FIELD"
    SPEED_TABLE = "SPEED_TABLE"
    UNITS = "UNITS"
    UNIT_ID_FIELD = "UNIT_ID_FIELD"
    DEMAND_UNIT_FIELD = "DEMAND_UNIT_FIELD"
    POPULATION_FIELD = "POPULATION_FIELD"
    THRESHOLDS = "THRESHOLDS"
    OUTPUT = "OUTPUT"
    OUTPUT_UNITS = "OUTPUT_UNITS"
    OUTPUT_PROBLEMS = "OUTPUT_PROBLEMS"

    def __init__(self, alg):
        self.alg = alg

    @staticmethod
    def tr(message: str) -> str:
        return QCoreApplication.translate("AccessibilityParameters", message)

    def add(self, param, is_advanced: bool = False):
        self.alg.addParameter(advanced(param) if is_advanced else param)
        return param

    def network(self, description: str = ""):
        self.add(QgsProcessingParameterFeatureSource(
            self.NETWORK, description or self.tr("Street network (lines; not needed for straight lines)"),
            [QgsProcessing.SourceType.TypeVectorLine], optional=True))

    def demand(self, optional: bool = False, description: str = ""):
        self.add(QgsProcessingParameterFeatureSource(
            self.DEMAND, description or self.tr("Demand points (residents)"),
            [QgsProcessing.SourceType.TypeVectorPoint], optional=optional))

    def facilities(self):
        self.add(QgsProcessingParameterFeatureSource(
            self.FACILITIES, self.tr("Facilities (points)"), [QgsProcessing.SourceType.TypeVectorPoint]))
        self.add(QgsProcessingParameterField(
            self.FACILITY_ID_FIELD, self.tr("Facility id field (empty: feature id)"), None, self.FACILITIES,
            FIELD_ANY, optional=True))
        self.add(QgsProcessingParameterExpression(
            self.FACILITY_FILTER, self.tr("Facility filter, e.g. \"typ\" = 'kita' (empty: all facilities)"), None,
            self.FACILITIES, optional=True))

    def mode(self, cost_table: bool = False):
        """MODE (walk, bike, car, straight line; ``cost_table``: a fifth option, index 4) and COST_UNIT."""
        options = [self.tr("walk"), self.tr("bike"), self.tr("car"), self.tr("straight line")]
        if cost_table:
            options.append(self.tr("cost table"))
        self.add(QgsProcessingParameterEnum(self.MODE, self.tr("Mode"), options, defaultValue=0))
        self.add(QgsProcessingParameterEnum(
            self.COST_UNIT, self.tr("Measure costs in"), [self.tr("metres"), self.tr("minutes")], defaultValue=0))

    def max_cost(self):
        self.add(number(self.MAX_COST, self.tr("Cut-off (metres or minutes, 0 = none)"), NUMBER_DOUBLE, 0.0,
                        minValue=0.0, decimals=1))

    def k(self):
        self.add(QgsProcessingParameterNumber(
            self.K, self.tr("Number of nearest facilities (k)"), NUMBER_INTEGER, 1, minValue=1, maxValue=20))

    def network_options(self):
        settings = IsrpSettings.load()
        self.add(number(
            self.TOLERANCE, self.tr("Topology tolerance: vertices closer than this are one node (map units)"),
            NUMBER_DOUBLE, float(settings.snap_tolerance_m), minValue=0.0, decimals=3), is_advanced=True)
        self.add(number(
            self.MAX_ACCESS_DISTANCE,
            self.tr("Maximum access distance to the network (m, 0 = none)"),
            NUMBER_DOUBLE, float(settings.max_access_distance_m), minValue=0.0, decimals=0))
        self.add(number(
            self.SPEED, self.tr("Speed in km/h (0 = walk/bike speed from the ISRP settings, car 50)"),
            NUMBER_DOUBLE, 0.0, minValue=0.0, decimals=1), is_advanced=True)
        self.add(QgsProcessingParameterField(
            self.ONEWAY_FIELD, self.tr("One-way field of the network (car mode only)"), None, self.NETWORK,
            FIELD_ANY, optional=True), is_advanced=True)
        self.add(QgsProcessingParameterString(
            self.ONEWAY_FORWARD, self.tr("Value for one-way in digitising direction"), "1", optional=True),
            is_advanced=True)
        self.add(QgsProcessingParameterString(
            self.ONEWAY_BACKWARD, self.tr("Value for one-way against digitising direction"), "-1", optional=True),
            is_advanced=True)
        self.add(QgsProcessingParameterField(
            self.SPEED_FIELD, self.tr("Speed field of the network in km/h (car mode only)"), None, self.NETWORK,
            FIELD_NUMERIC, optional=True), is_advanced=True)
        self.add(QgsProcessingParameterField(
            self.ROAD_CLASS_FIELD,
            self.tr("Road class field of the network (e.g. OSM highway): speeds and closed classes per mode"), None,
            self.NETWORK, FIELD_ANY, optional=True), is_advanced=True)
        self.add(QgsProcessingParameterString(
            self.SPEED_TABLE,
            self.tr("Speeds per road class for the chosen mode, e.g. primary=50; residential=30; footway=0 "
                    "(km/h, 0 = not allowed; added to the shipped table)"), "", optional=True), is_advanced=True)

    def units(self, optional: bool = True):
        self.add(QgsProcessingParameterFeatureSource(
            self.UNITS, self.tr("Units (districts / social spaces, polygons)"),
            [QgsProcessing.SourceType.TypeVectorPolygon], optional=optional))
        self.add(QgsProcessingParameterField(
            self.UNIT_ID_FIELD, self.tr("Unit id field"), None, self.UNITS, FIELD_ANY, optional=True))
        self.add(QgsProcessingParameterField(
            self.DEMAND_UNIT_FIELD, self.tr("Unit id field of the demand points (instead of point in polygon)"), None,
            self.DEMAND, FIELD_ANY, optional=True), is_advanced=optional)

    def population(self, optional: bool = True):
        self.add(QgsProcessingParameterField(
            self.POPULATION_FIELD, self.tr("Population field(s) of the demand points (several are added up)"), None,
            self.DEMAND, FIELD_NUMERIC, allowMultiple=True, optional=optional))

    def thresholds(self):
        self.add(QgsProcessingParameterString(
            self.THRESHOLDS,
            self.tr("Thresholds for the shares, e.g. 300, 500, 1000 (metres) or 5, 10, 15 (minutes)"), "",
            optional=True))

    def summary_outputs(self):
        """Numbers over all demand points (for scripts, the dock and the demo) and the shares as JSON."""
        for key, text in (("POPULATION", self.tr("Target population")),
                          ("POPULATION_REACHED", self.tr("Population reaching a facility")),
                          ("POPULATION_UNREACHED", self.tr("Population reaching no facility")),
                          ("MEAN", self.tr("Population-weighted mean (metres or minutes)")),
                          ("MEDIAN", self.tr("Population-weighted median (metres or minutes)")),
                          ("DEMAND_POINTS", self.tr("Demand points")),
                          ("UNREACHED_POINTS", self.tr("Demand points reaching no facility"))):
            self.alg.addOutput(QgsProcessingOutputNumber(key, text))
        self.alg.addOutput(QgsProcessingOutputString(
            "SHARES", self.tr("Share of the population within each threshold (JSON)")))

    def problems_output(self):
        self.alg.addParameter(QgsProcessingParameterFeatureSink(
            self.OUTPUT_PROBLEMS, self.tr("Problem points (diagnostics)"), QgsProcessing.SourceType.TypeVectorPoint,
            optional=True, createByDefault=False))


P = AccessibilityParameters


# --------------------------------------------------------------------------------------------
# one run
# --------------------------------------------------------------------------------------------


#: Attribute of an algorithm instance: per input parameter, how ``prepareAlgorithm`` found the layer
#: can be read directly through OGR (:func:`..qgis_io.layers.direct_read_spec`).
DIRECT_READS = "_isrp_direct_reads"


def prepare_direct_reads(alg, parameters, context, keys=(P.NETWORK, P.DEMAND)):
    """Record on ``alg`` which of the inputs ``keys`` can be read directly (call on the main thread).

    :class:`AccessibilityJob` then reads those layers through OGR's columnar interface instead of
    feature by feature (same features, order and ids; see ``direct_read_spec``).
    """
    found = dict(getattr(alg, DIRECT_READS, None) or {})
    for key in keys:
        found.pop(key, None)
        value = parameters.get(key)
        if value in (None, "") or alg.parameterDefinition(key) is None:
            continue
        spec = io.direct_read_spec(alg.parameterAsVectorLayer(parameters, key, context), value, context)
        if spec is not None:
            found[key] = spec
    setattr(alg, DIRECT_READS, found)


def network_cache_key(alg, parameters, context):
    """``(key_id, stamp)`` of the NETWORK parameter for the graph cache, or ``(None, None)``.

    Call on the main thread (``prepareAlgorithm``). The stamp changes with the layer's data
    (see :func:`..qgis_io.layers.layer_stamp`) and with a "selected features only" selection.
    Also records which of NETWORK and DEMAND can be read directly (:func:`prepare_direct_reads`).
    """
    prepare_direct_reads(alg, parameters, context)
    if parameters.get(P.NETWORK) in (None, ""):
        return None, None
    layer = alg.parameterAsVectorLayer(parameters, P.NETWORK, context)
    if layer is None:
        return None, None
    project = context.project()
    if layer.customProperty(io.CACHE_ID_PROPERTY):  # a per-run copy made by gui.tasks
        key_id, stamp = layer.customProperty(io.CACHE_ID_PROPERTY), (layer.customProperty(io.CACHE_STAMP_PROPERTY),)
    else:
        key_id = layer.id() if project is not None and project.mapLayer(layer.id()) is not None else layer.source()
        stamp = io.layer_stamp(layer)
    value = parameters.get(P.NETWORK)
    if isinstance(value, QgsProcessingFeatureSourceDefinition):
        extra = (value.selectedFeaturesOnly, value.featureLimit, getattr(value, "filterExpression", ""))
        if value.selectedFeaturesOnly:
            extra += (hash(tuple(sorted(layer.selectedFeatureIds()))),)
        stamp = stamp + (extra,)
    return key_id, stamp


class AccessibilityJob:
    """Inputs, diagnostics, engine call and outputs of one accessibility / catchment run."""

    def __init__(self, alg, parameters, context, feedback, network_key=(None, None)):
        self.alg = alg
        self.parameters = parameters
        self.context = context
        self.feedback = feedback
        self.network_key = network_key
        self.problems = []  # rows for OUTPUT_PROBLEMS
        self.settings = IsrpSettings.load()
        self.mode_index = alg.parameterAsEnum(parameters, P.MODE, context)
        self.mode_key = MODE_KEYS[self.mode_index]
        self.cost = COST_KEYS[alg.parameterAsEnum(parameters, P.COST_UNIT, context)]
        self.unit_label = "m" if self.cost == "distance" else "min"
        self.straight = self.mode_index == STRAIGHT
        self.crs = None
        self.network = None
        self.graph = None
        self.demand_points = None  # EdgePoints of the demand when the graph comes from make_access_graph
        self.fac_index = None
        self.demand = None
        self.fac = None
        self.units = None
        self.timings = {}
        self.direct = dict(getattr(alg, DIRECT_READS, None) or {})

    @staticmethod
    def tr(message: str) -> str:
        return QCoreApplication.translate("AccessibilityJob", message)

    # -- helpers ---------------------------------------------------------------------------------
    def check(self):
        if self.feedback.isCanceled():
            raise Canceled()

    def _source(self, key, required=True):
        source = self.alg.parameterAsSource(self.parameters, key, self.context)
        if source is None and required:
            raise QgsProcessingException(self.alg.invalidSourceError(self.parameters, key))
        return source

    def _fields_param(self, key) -> List[str]:
        getter = getattr(self.alg, "parameterAsStrings", None) or self.alg.parameterAsFields
        return [f for f in (getter(self.parameters, key, self.context) or []) if f]

    def _request(self, source):
        req = QgsFeatureRequest()
        if source.sourceCrs() != self.crs:
            req.setDestinationCrs(self.crs, self.context.transformContext())
        return req

    def _problem(self, layer_name, fid, item_id, code, detail, xy=None, access=None):
        self.problems.append((layer_name, fid, item_id, code, detail, access, xy))

    def speed_kmh(self) -> Optional[float]:
        value = self.alg.parameterAsDouble(self.parameters, P.SPEED, self.context) \
            if P.SPEED in self.parameters else 0.0
        if value and value > 0:
            return float(value)
        if self.mode_key in ("walk", "straight"):
            return float(self.settings.walk_speed_kmh)
        if self.mode_key == "bike":
            return float(self.settings.bike_speed_kmh)
        return None

    def max_access(self) -> float:
        value = self.alg.parameterAsDouble(self.parameters, P.MAX_ACCESS_DISTANCE, self.context)
        return float(value) if value and value > 0 else np.inf

    def max_cost(self) -> float:
        if P.MAX_COST not in self.parameters:
            return np.inf
        value = self.alg.parameterAsDouble(self.parameters, P.MAX_COST, self.context)
        return float(value) if value and value > 0 else np.inf

    def thresholds(self) -> List[float]:
        text = self.alg.parameterAsString(self.parameters, P.THRESHOLDS, self.context) \
            if P.THRESHOLDS in self.parameters else ""
        try:
            values = parse_numbers(text)
        except ValueError as err:
            raise QgsProcessingException(self.tr("THRESHOLDS: “{0}” is not a positive number (list: “{1}”)")
                                         .format(err.args[0], text)) from None
        return values or list(DEFAULT_THRESHOLDS[self.cost])

    # -- CRS ---------------------------------------------------------------------------------------
    def choose_crs(self, base_source, base_key):
        """The metric analysis CRS from the base layer (network, else demand/facilities); says why."""
        crs = base_source.sourceCrs()
        name = base_source.sourceName() if hasattr(base_source, "sourceName") else base_key
        if not crs.isValid():
            raise QgsProcessingException(
                self.tr("Layer “{0}” ({1}) has no valid CRS: set its CRS (Layer Properties → Source) and run again.")
                .format(name, base_key))
        project = self.context.project()
        project_crs = project.crs() if project is not None else None
        self.crs, reason = io.analysis_crs(crs, base_source.sourceExtent(), project_crs,
                                           self.context.transformContext())
        if reason == "layer":
            self.feedback.pushInfo(self.tr("Analysis CRS: {0} (of layer “{1}”), distances in metres.")
                                   .format(self.crs.authid(), name))
        else:
            why = self.tr("the project CRS") if reason == "project" else self.tr("the UTM zone of the data")
            self.feedback.pushWarning(
                self.tr("Layer “{0}” is in {1}, which is not a metric CRS (geographic degrees or other units): "
                        "all layers are reprojected to {2} ({3}) and distances are measured there in metres. "
                        "The output layers are in {2}.").format(name, crs.authid() or crs.description(),
                                                                self.crs.authid(), why))

    def note_reprojection(self, source, key):
        if source is not None and source.sourceCrs() != self.crs:
            self.feedback.pushInfo(self.tr("Layer “{0}” ({1}) is reprojected to {2}.")
                                   .format(source.sourceName(), source.sourceCrs().authid() or key, self.crs.authid()))

    # -- reading -----------------------------------------------------------------------------------
    def read_facilities(self):
        """Facilities (optionally filtered) with their ids; reports duplicate and NULL ids, empty geometries."""
        source = self._source(P.FACILITIES)
        self.note_reprojection(source, P.FACILITIES)
        id_field = self.alg.parameterAsString(self.parameters, P.FACILITY_ID_FIELD, self.context) or None
        if id_field and source.fields().lookupField(id_field) < 0:
            raise QgsProcessingException(self.tr("Layer “{0}” has no field “{1}” (FACILITY_ID_FIELD).")
                                         .format(source.sourceName(), id_field))
        req = self._request(source)
        expr_text = self.alg.parameterAsExpression(self.parameters, P.FACILITY_FILTER, self.context) \
            if P.FACILITY_FILTER in self.parameters else ""
        if expr_text:
            expr = QgsExpression(expr_text)
            if expr.hasParserError():
                raise QgsProcessingException(self.tr("FACILITY_FILTER for layer “{0}” is not a valid expression: {1}")
                                             .format(source.sourceName(), expr.parserErrorString()))
            names = {n.lower() for n in source.fields().names()}
            unknown = [c for c in expr.referencedColumns() if c and c != QgsFeatureRequest.ALL_ATTRIBUTES
                       and c.lower() not in names]
            if unknown:
                raise QgsProcessingException(self.tr("FACILITY_FILTER “{0}” uses field(s) {1} that layer “{2}” "
                                                     "does not have.").format(expr_text, ", ".join(unknown),
                                                                               source.sourceName()))
            req.setFilterExpression(expr_text)
            req.setExpressionContext(self.alg.createExpressionContext(self.parameters, self.context, source))
        try:
            pts = io.read_points(source, [id_field] if id_field else [], req)
        except KeyError as err:
            raise QgsProcessingException(self.tr("Layer “{0}” has no field “{1}”.")
                                         .format(source.sourceName(), err.args[0])) from None
        name = source.sourceName()
        if not len(pts["fids"]):
            if expr_text:
                raise QgsProcessingException(self.tr("No facilities: no feature of layer “{0}” matches the filter "
                                                     "{1}.").format(name, expr_text))
            raise QgsProcessingException(self.tr("No facilities: layer “{0}” has no features.").format(name))
        ids = pts["values"][id_field] if id_field else pts["fids"].tolist()
        if id_field:
            field = QgsField(source.fields().field(id_field))
        else:
            field = make_field("fac_id", "int64")
        field.setName("fac_id")
        self.fac = {"source": source, "name": name, "fids": pts["fids"], "xy": pts["xy"], "ids": ids,
                    "id_field": id_field, "field": field, "filter": expr_text}
        self.feedback.pushInfo(self.tr("Facilities: {0} features of layer “{1}”{2}.").format(
            len(ids), name, self.tr(" matching {0}").format(expr_text) if expr_text else ""))
        self._report_empty(name, pts["empty"], pts["xy"], pts["fids"], ids, kind="facility")
        if id_field:
            nulls = [int(f) for f, v in zip(pts["fids"], ids) if v is None]
            if nulls:
                self.feedback.pushWarning(
                    self.tr("Layer “{0}”: {1} facilities have no id (NULL in field “{2}”); their fac_id is NULL: "
                            "feature ids {3}").format(name, len(nulls), id_field, format_ids(nulls)))
                for f in nulls:
                    self._problem(name, f, None, "null_id", self.tr("facility id is NULL"),
                                  self._xy_of(pts, f))
            counts = Counter(v for v in ids if v is not None)
            dups = {v: [int(f) for f, w in zip(pts["fids"], ids) if w == v] for v, c in counts.items() if c > 1}
            if dups:
                listing = "; ".join(f"{v} ({self.tr('feature ids')} {format_ids(fs, 5)})"
                                    for v, fs in list(dups.items())[:MAX_IDS])
                self.feedback.pushWarning(
                    self.tr("Layer “{0}”: {1} duplicate facility ids in field “{2}” ({3} features); results cannot "
                            "tell these facilities apart: {4}").format(
                        name, len(dups), id_field, sum(len(v) for v in dups.values()), listing))
                for v, fs in dups.items():
                    for f in fs:
                        self._problem(name, f, str(v), "duplicate_id",
                                      self.tr("facility id {0} is used {1} times").format(v, len(fs)),
                                      self._xy_of(pts, f))
        if pts["multi"]:
            self.feedback.pushWarning(self.tr("Layer “{0}”: {1} multipoint features, their first point is used: "
                                              "feature ids {2}").format(name, len(pts["multi"]),
                                                                        format_ids(pts["multi"])))

    @staticmethod
    def _xy_of(pts, fid):
        hit = np.nonzero(pts["fids"] == fid)[0]
        return pts["xy"][hit[0]] if hit.size else None

    def _report_empty(self, name, empty, xy, fids, ids=None, kind="demand"):
        if not empty:
            return
        self.feedback.pushWarning(
            self.tr("Layer “{0}”: {1} features have no usable point geometry (empty, NULL or not finite) and cannot "
                    "be placed: feature ids {2}").format(name, len(empty), format_ids(empty)))
        id_of = dict(zip(fids.tolist(), ids)) if ids is not None else {}
        for f in empty:
            item = id_of.get(int(f))
            self._problem(name, int(f), None if item is None else str(item), "empty_geometry",
                          self.tr("no usable point geometry"), None)

    def read_demand(self, required=True, keep_attributes=True, population_optional=True):
        """Demand points, population (sum of POPULATION_FIELD) and a unit value.

        ``keep_attributes``: also keep every feature's attributes and geometry (else
        :meth:`write_points` reads them again while writing, and a plain file layer is read
        directly through OGR).
        """
        source = self._source(P.DEMAND, required=required)
        if source is None:
            return
        self.note_reprojection(source, P.DEMAND)
        name = source.sourceName()
        pop_fields = self._fields_param(P.POPULATION_FIELD) if P.POPULATION_FIELD in self.parameters else []
        for f in pop_fields:
            i = source.fields().lookupField(f)
            if i < 0:
                raise QgsProcessingException(self.tr("Layer “{0}” has no field “{1}” (POPULATION_FIELD).")
                                             .format(name, f))
            if not source.fields().at(i).isNumeric():
                raise QgsProcessingException(self.tr("Field “{0}” of layer “{1}” is not numeric and cannot be used "
                                                     "as population (POPULATION_FIELD).").format(f, name))
        if not pop_fields and not population_optional:
            raise QgsProcessingException(self.tr("POPULATION_FIELD: choose at least one numeric field of layer "
                                                 "“{0}”.").format(name))
        unit_field = self.alg.parameterAsString(self.parameters, P.DEMAND_UNIT_FIELD, self.context) \
            if P.DEMAND_UNIT_FIELD in self.parameters else ""
        if unit_field and source.fields().lookupField(unit_field) < 0:
            raise QgsProcessingException(self.tr("Layer “{0}” has no field “{1}” (DEMAND_UNIT_FIELD).")
                                         .format(name, unit_field))
        wanted = list(pop_fields) + ([unit_field] if unit_field else [])
        pts = None
        spec = self.direct.get(P.DEMAND)
        if spec is not None and not keep_attributes and source.sourceCrs() == self.crs:
            pts = io.read_points_direct(spec, wanted)  # None: read feature by feature
        direct = pts is not None
        if pts is None:
            pts = io.read_points(source, wanted, self._request(source), keep_attributes=keep_attributes,
                                 keep_geometries=keep_attributes)
        n = len(pts["fids"])
        if not n and required:
            raise QgsProcessingException(self.tr("Layer “{0}” (DEMAND) has no features.").format(name))
        pop = np.zeros(n)
        null_any = np.zeros(n, dtype=bool)
        for f in pop_fields:
            vals = np.array([np.nan if v is None else float(v) for v in pts["values"][f]], dtype=float)
            null_any |= ~np.isfinite(vals)
            pop += np.nan_to_num(vals, nan=0.0)
        if not pop_fields:
            pop[:] = 1.0
        self.demand = {"source": source, "name": name, "fids": pts["fids"], "xy": pts["xy"],
                       "attributes": pts["attributes"], "geometries": pts["geometries"], "population": pop,
                       "pop_fields": pop_fields,
                       "unit_values": pts["values"].get(unit_field) if unit_field else None,
                       "unit_field": unit_field, "empty": set(pts["empty"]), "direct": direct}
        label = " + ".join(pop_fields) if pop_fields else self.tr("1 per point")
        self.feedback.pushInfo(self.tr("Demand: {0} points of layer “{1}”, population ({2}) {3:.0f}.")
                               .format(n, name, label, pop.sum()))
        self._report_empty(name, pts["empty"], pts["xy"], pts["fids"])
        if null_any.any():
            ids = pts["fids"][null_any].tolist()
            self.feedback.pushWarning(
                self.tr("Layer “{0}”: {1} points have NULL in a population field ({2}); NULL counts as 0: "
                        "feature ids {3}").format(name, len(ids), label, format_ids(ids)))
            for i in np.nonzero(null_any)[0]:
                self._problem(name, int(pts["fids"][i]), None, "null_population",
                              self.tr("NULL population ({0})").format(label), pts["xy"][i])
        neg = np.nonzero(pop < 0)[0]
        if neg.size:
            self.feedback.pushWarning(self.tr("Layer “{0}”: {1} points have a negative population: feature ids {2}")
                                      .format(name, neg.size, format_ids(pts["fids"][neg].tolist())))
        if pts["multi"]:
            self.feedback.pushWarning(self.tr("Layer “{0}”: {1} multipoint features, their first point is used: "
                                              "feature ids {2}").format(name, len(pts["multi"]),
                                                                        format_ids(pts["multi"])))

    def read_units(self, required=False):
        """Units (polygons) with their id; assigns each demand point a unit index (-1: none)."""
        source = self._source(P.UNITS, required=False) if self.parameters.get(P.UNITS) not in (None, "") else None
        unit_field = self.demand["unit_field"] if self.demand else ""
        if source is None:
            if not unit_field:
                if required:
                    raise QgsProcessingException(self.tr("Set UNITS (a polygon layer) or DEMAND_UNIT_FIELD (a unit id "
                                                         "field of the demand points)."))
                return
            # units from the demand points' field only
            values = self.demand["unit_values"]
            keys = [io._qgis_string(v) if v is not None else None for v in values]
            uniq = sorted({k for k in keys if k is not None})
            pos = {k: i for i, k in enumerate(uniq)}
            first = {}
            for k, v in zip(keys, values):
                if k is not None and k not in first:
                    first[k] = v
            field = QgsField(self.demand["source"].fields().field(unit_field))
            field.setName("unit_id")
            fields = QgsFields()
            fields.append(field)
            self.units = {"source": None, "name": self.demand["name"], "fields": fields,
                          "attributes": [[first[k]] for k in uniq], "geoms": None, "ids": [first[k] for k in uniq],
                          "id_field": "unit_id",
                          "index": np.array([pos[k] if k is not None else -1 for k in keys], dtype=np.int64)}
            nulls = int(sum(k is None for k in keys))
            self.feedback.pushInfo(self.tr("Units: {0} distinct values of field “{1}” of the demand points.")
                                   .format(len(uniq), unit_field))
            if nulls:
                self.feedback.pushWarning(self.tr("{0} demand points have no unit (NULL in “{1}”); they are "
                                                  "summarised in a row with a NULL unit.").format(nulls, unit_field))
            return
        self.note_reprojection(source, P.UNITS)
        name = source.sourceName()
        id_field = self.alg.parameterAsString(self.parameters, P.UNIT_ID_FIELD, self.context) or None
        if id_field and source.fields().lookupField(id_field) < 0:
            raise QgsProcessingException(self.tr("Layer “{0}” has no field “{1}” (UNIT_ID_FIELD).")
                                         .format(name, id_field))
        geoms, attrs, fids, bad, invalid = [], [], [], [], []
        for feat in source.getFeatures(self._request(source)):
            self.check()
            g = feat.geometry()
            fids.append(feat.id())
            attrs.append(feat.attributes())
            if g is None or g.isNull() or g.isEmpty():
                bad.append(feat.id())
                geoms.append(None)
                continue
            if not g.isGeosValid():
                invalid.append(feat.id())
                fixed = g.makeValid()
                g = fixed if fixed is not None and not fixed.isEmpty() else g
            geoms.append(g)
        if not fids:
            raise QgsProcessingException(self.tr("Layer “{0}” (UNITS) has no features.").format(name))
        if bad:
            self.feedback.pushWarning(self.tr("Layer “{0}”: {1} units have an empty geometry: feature ids {2}")
                                      .format(name, len(bad), format_ids(bad)))
        if invalid:
            self.feedback.pushWarning(self.tr("Layer “{0}”: {1} units have an invalid geometry (repaired with "
                                              "makeValid for the point-in-polygon test): feature ids {2}")
                                      .format(name, len(invalid), format_ids(invalid)))
        idx = source.fields().lookupField(id_field) if id_field else -1
        ids = [a[idx] if idx >= 0 else fid for a, fid in zip(attrs, fids)]
        ids = [None if io.is_null(v) else v for v in ids]
        self.units = {"source": source, "name": name, "fields": source.fields(), "attributes": attrs, "geoms": geoms,
                      "ids": ids, "id_field": id_field, "fids": fids}
        if self.demand is None:
            return
        if unit_field:
            keys = [io._qgis_string(v) if v is not None else None for v in self.demand["unit_values"]]
            pos = {}
            for i, v in enumerate(ids):
                if v is not None:
                    pos.setdefault(io._qgis_string(v), i)
            index = np.array([pos.get(k, -1) if k is not None else -1 for k in keys], dtype=np.int64)
            unmatched = sorted({k for k in keys if k is not None and k not in pos})
            if unmatched:
                self.feedback.pushWarning(
                    self.tr("{0} values of the demand points' field “{1}” match no “{2}” of layer “{3}”: {4}")
                    .format(len(unmatched), unit_field, id_field or "fid", name, format_ids(unmatched)))
            how = self.tr("by the field “{0}” of the demand points").format(unit_field)
        else:
            index = io.points_in_polygons(self.demand["xy"], geoms, self.feedback)
            self.check()
            how = self.tr("by point in polygon")
        self.units["index"] = index
        outside = int(np.count_nonzero(index < 0))
        self.feedback.pushInfo(self.tr("Units: {0} features of layer “{1}”; demand points assigned {2}.")
                               .format(len(fids), name, how))
        if outside:
            ids_out = self.demand["fids"][index < 0].tolist()
            pop_out = float(self.demand["population"][index < 0].sum())
            self.feedback.pushWarning(
                self.tr("{0} demand points (population {1:.0f}) lie in no unit of layer “{2}”; they are summarised "
                        "in a row with NULL unit fields: feature ids {3}").format(outside, pop_out, name,
                                                                                  format_ids(ids_out)))

    # -- network -----------------------------------------------------------------------------------
    def build_network(self, required=True):
        source = self._source(P.NETWORK, required=False)
        if source is None:
            if required:
                raise QgsProcessingException(self.tr("Mode “{0}” needs a street network: set NETWORK (a line layer) "
                                                     "or choose the straight-line mode.").format(self.mode_key))
            return
        self.note_reprojection(source, P.NETWORK)
        name = source.sourceName()
        tol = self.alg.parameterAsDouble(self.parameters, P.TOLERANCE, self.context) \
            if P.TOLERANCE in self.parameters else 0.0
        oneway_field = self.alg.parameterAsString(self.parameters, P.ONEWAY_FIELD, self.context) \
            if P.ONEWAY_FIELD in self.parameters else ""
        speed_field = self.alg.parameterAsString(self.parameters, P.SPEED_FIELD, self.context) \
            if P.SPEED_FIELD in self.parameters else ""
        class_field = self.alg.parameterAsString(self.parameters, P.ROAD_CLASS_FIELD, self.context) \
            if P.ROAD_CLASS_FIELD in self.parameters else ""
        for f, key in ((oneway_field, P.ONEWAY_FIELD), (speed_field, P.SPEED_FIELD), (class_field, P.ROAD_CLASS_FIELD)):
            if f and source.fields().lookupField(f) < 0:
                raise QgsProcessingException(self.tr("Layer “{0}” has no field “{1}” ({2}).").format(name, f, key))
        if self._speed_table_text() and not class_field:
            self.feedback.pushWarning(self.tr("SPEED_TABLE is ignored: set ROAD_CLASS_FIELD (the road class field of "
                                              "layer “{0}”).").format(name))
        fwd = self.alg.parameterAsString(self.parameters, P.ONEWAY_FORWARD, self.context) if oneway_field else ""
        bwd = self.alg.parameterAsString(self.parameters, P.ONEWAY_BACKWARD, self.context) if oneway_field else ""
        transform = None
        if source.sourceCrs() != self.crs:
            transform = QgsCoordinateTransform(source.sourceCrs(), self.crs, self.context.transformContext())
        key_id, stamp = self.network_key
        t0 = time.perf_counter()
        try:
            net, line_fids, hit = io.cached_network_by_key(
                source, key_id or "", stamp if key_id else None, tol, oneway_field or None, fwd or "", bwd or "",
                "", 0, speed_field or None, transform, class_field=class_field or None,
                direct=self.direct.get(P.NETWORK))
        except ValueError as err:
            raise QgsProcessingException(self.tr("Layer “{0}” cannot be used as a network: {1}").format(name, err)) \
                from None
        self.network = {"net": net, "fids": line_fids, "name": name, "oneway_field": oneway_field,
                        "class_field": class_field, "speed_field": speed_field}
        if net.n_edges == 0:
            raise QgsProcessingException(self.tr("Layer “{0}” (NETWORK) has no line segments to route on.")
                                         .format(name))
        dt = time.perf_counter() - t0
        how = self.tr("reused from the cache") if hit else self.tr("built in {0:.2f} s").format(dt)
        self.feedback.pushInfo(self.tr("Street network “{0}”: {1} lines → {2} nodes, {3} edges ({4}).")
                               .format(name, len(line_fids), net.n_nodes, net.n_edges, how))
        with_segments = np.zeros(len(line_fids), dtype=bool)
        with_segments[np.unique(net.seg_line[net.seg_u != net.seg_v])] = True
        unusable = line_fids[~with_segments].tolist()
        if unusable:
            self.feedback.pushWarning(self.tr("Layer “{0}”: {1} lines have no usable segment (empty, a single vertex, "
                                              "zero length or not a line): feature ids {2}")
                                      .format(name, len(unusable), format_ids(unusable)))
        if self.mode_key == "car" and not oneway_field:
            self.feedback.pushInfo(self.tr("Car mode without ONEWAY_FIELD: every street is two-way."))

    def _speed_table_text(self) -> str:
        return (self.alg.parameterAsString(self.parameters, P.SPEED_TABLE, self.context) or "").strip() \
            if P.SPEED_TABLE in self.parameters else ""

    def class_speeds(self):
        """The road-class speed table of the run's mode: the shipped table, SPEED_TABLE on top (None: no classes)."""
        if not self.network or not self.network.get("class_field") or self.straight:
            return None
        try:
            table = dict(read_road_speeds()[self.mode_key])
        except ValueError as err:
            raise QgsProcessingException(self.tr("The shipped road speed table cannot be read: {0}").format(err)) \
                from None
        text = self._speed_table_text()
        try:
            own = parse_speed_table(text)
        except ValueError as err:
            raise QgsProcessingException(self.tr("SPEED_TABLE: {0}. Write class=km/h items separated by “;”, e.g. "
                                                 "“primary=50; residential=30; footway=0”.").format(err)) from None
        table.update({normalise_class(k): v for k, v in own.items()})
        return table

    def report_speeds(self, mode):
        """Says which speeds the run uses: classes closed to the mode, classes not in the table (once, with counts)."""
        net = self.network["net"]
        speeds = net.speeds(mode)
        name = self.network["name"]
        field = self.network.get("class_field")

        def listing(counts):
            items = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
            return format_ids([self.tr("{0} ({1} lines)").format(c or "?", n) for c, n in items])

        if field:
            self.feedback.pushInfo(
                self.tr("Speeds by road class (field “{0}”, mode {1}): {2} classes in the table, {3} classes in the "
                        "network; lines without a class speed run at {4:g} km/h.")
                .format(field, mode.name, len(mode.class_speeds), len(net.class_names), mode.speed_kmh))
            if speeds.closed:
                self.feedback.pushInfo(
                    self.tr("Road classes closed to mode {0} (not used; points are tied to the nearest open street): "
                            "{1}").format(mode.name, listing(speeds.closed)))
            if speeds.unknown:
                self.feedback.pushWarning(
                    self.tr("Layer “{0}”: road classes that are not in the speed table run at the default speed of "
                            "mode {1}, {2:g} km/h (add them to SPEED_TABLE): {3}")
                    .format(name, mode.name, mode.speed_kmh, listing(speeds.unknown)))
            if not speeds.allowed.any():
                raise QgsProcessingException(
                    self.tr("Layer “{0}”: every road class is closed to mode {1} (speed 0 in the speed table).")
                    .format(name, mode.name))
        if speeds.from_field:
            self.feedback.pushInfo(self.tr("{0} lines use their own speed from field “{1}” (SPEED_FIELD).")
                                   .format(speeds.from_field, self.network.get("speed_field")))

    def make_graph(self, points_xy):
        """The routing graph with all ``points_xy`` tied in (``graph.point_node`` per point)."""
        mode = get_mode(self.mode_key, self.speed_kmh(), self.class_speeds())
        self.mode = mode
        self.report_speeds(mode)
        t0 = time.perf_counter()
        self.graph = cached_routing_graph(self.network["net"], points_xy, mode, self.cost, self.max_access())
        self.demand_points = self.fac_index = None
        self.timings["graph"] = time.perf_counter() - t0
        return self.graph

    def make_access_graph(self):
        """The graph for nearest-facility searches: facilities tied in, demand points on their edges.

        Same distances as :meth:`make_graph` with all points on a smaller graph
        (:func:`..core.network.access_graph`); :meth:`nearest` and :meth:`diagnose_network` use it.
        """
        mode = get_mode(self.mode_key, self.speed_kmh(), self.class_speeds())
        self.mode = mode
        self.report_speeds(mode)
        t0 = time.perf_counter()
        self.graph, self.demand_points, self.fac_index = cached_access_graph(
            self.network["net"], self.demand["xy"], self.fac["xy"], mode, self.cost, self.max_access())
        self.timings["graph"] = time.perf_counter() - t0
        return self.graph

    def _point_nodes(self, n_demand: int):
        """(demand node, demand access leg, facility node, facility access leg) of the current graph.

        A demand point on an edge reports the node at one end of its piece (the same network
        component).
        """
        g = self.graph
        if self.demand_points is not None:
            return (self.demand_points.node_a, self.demand_points.tie_m, g.point_node[self.fac_index],
                    g.ties.access_m[self.fac_index])
        return g.point_node[:n_demand], g.ties.access_m[:n_demand], g.point_node[n_demand:], \
            g.ties.access_m[n_demand:]

    # -- diagnostics -------------------------------------------------------------------------------
    def diagnose_network(self, n_demand: int):
        """Components, demand in small components, points beyond the access distance, facilities off the network."""
        g = self.graph
        ncomp, label = g.components()
        # network nodes with an edge in this mode (not those only on closed classes or zero-length lines)
        nn = g.n_network_nodes
        used = (np.diff(g.csr.indptr)[:nn] > 0) | (np.bincount(g.csr.indices, minlength=g.n_nodes)[:nn] > 0)
        sizes = np.bincount(label[:nn][used], minlength=ncomp)
        main = int(np.argmax(sizes)) if sizes.size else 0
        share_nodes = sizes[main] / max(sizes.sum(), 1)
        self.feedback.pushInfo(self.tr("Network components: {0}; the largest holds {1:.1%} of the nodes.")
                               .format(int(np.count_nonzero(sizes)), share_nodes))
        max_access = self.max_access()
        dn, access, fn, fa = self._point_nodes(n_demand)
        # demand
        if n_demand:
            d = self.demand
            pop = d["population"]
            total = max(float(pop.sum()), 1e-12)
            empty = np.isin(d["fids"], list(d["empty"])) if d["empty"] else np.zeros(n_demand, dtype=bool)
            far = (dn < 0) & ~empty
            if far.any():
                ids = d["fids"][far].tolist()
                self.feedback.pushWarning(
                    self.tr("Layer “{0}”: {1} demand points (population {2:.0f}, {3:.1%}) are farther than {4:g} m "
                            "from the network (MAX_ACCESS_DISTANCE) and count as not connected: feature ids {5}")
                    .format(d["name"], len(ids), pop[far].sum(), pop[far].sum() / total, max_access, format_ids(ids)))
                for i in np.nonzero(far)[0]:
                    self._problem(d["name"], int(d["fids"][i]), None, "not_connected",
                                  self.tr("{0:.0f} m from the network").format(access[i]), d["xy"][i],
                                  access[i] if np.isfinite(access[i]) else None)
            small = (dn >= 0) & (label[np.maximum(dn, 0)] != main)
            self.feedback.pushInfo(self.tr("Demand tied to small network components: {0} points, {1:.2%} of the "
                                           "population.").format(int(small.sum()), pop[small].sum() / total))
            if small.any():
                ids = d["fids"][small].tolist()
                self.feedback.pushWarning(
                    self.tr("Layer “{0}”: {1} demand points (population {2:.0f}) are tied to a small network "
                            "component, cut off from the main network: feature ids {3}")
                    .format(d["name"], len(ids), pop[small].sum(), format_ids(ids)))
                for i in np.nonzero(small)[0]:
                    comp = int(label[dn[i]])
                    self._problem(d["name"], int(d["fids"][i]), None, "small_component",
                                  self.tr("network component with {0} nodes").format(int(sizes[comp])
                                                                                    if comp < len(sizes) else 0),
                                  d["xy"][i], access[i])
        # facilities
        f = self.fac
        empty = np.array([not np.all(np.isfinite(p)) for p in f["xy"]], dtype=bool)
        off = (fn < 0) & ~empty
        if off.any():
            items = [f"{f['ids'][i]} (fid {int(f['fids'][i])}, {fa[i]:.0f} m)" for i in np.nonzero(off)[0]]
            self.feedback.pushWarning(
                self.tr("Layer “{0}”: {1} facilities are off the network (farther than {2:g} m, MAX_ACCESS_DISTANCE) "
                        "and are not used: {3}").format(f["name"], len(items), max_access, format_ids(items)))
            for i in np.nonzero(off)[0]:
                self._problem(f["name"], int(f["fids"][i]), str(f["ids"][i]), "facility_off_network",
                              self.tr("{0:.0f} m from the network").format(fa[i]), f["xy"][i],
                              fa[i] if np.isfinite(fa[i]) else None)
        fsmall = (fn >= 0) & (label[np.maximum(fn, 0)] != main)
        if fsmall.any():
            items = [f"{f['ids'][i]} (fid {int(f['fids'][i])})" for i in np.nonzero(fsmall)[0]]
            self.feedback.pushWarning(
                self.tr("Layer “{0}”: {1} facilities are tied to a small network component and serve only it: {2}")
                .format(f["name"], len(items), format_ids(items)))
            for i in np.nonzero(fsmall)[0]:
                self._problem(f["name"], int(f["fids"][i]), str(f["ids"][i]), "facility_small_component",
                              self.tr("facility in a small network component"), f["xy"][i], fa[i])
        used = int(np.count_nonzero(fn >= 0))
        self.feedback.pushInfo(self.tr("Facilities on the network: {0} of {1}.").format(used, len(fn)))
        if used == 0:
            self.feedback.pushWarning(self.tr("No facility is connected to the network: nobody reaches a facility."))

    # -- computing ---------------------------------------------------------------------------------
    def nearest(self, k: int = 1) -> pd.DataFrame:
        """Per demand point: the engine's result table (+ status ``no_geometry`` for points without geometry)."""
        d, f = self.demand, self.fac
        nd, nf = len(d["fids"]), len(f["fids"])
        t0 = time.perf_counter()
        if self.straight:
            speed = self.speed_kmh()
            max_cost = self.max_cost()
            max_dist = max_cost if self.cost == "distance" else max_cost * speed * 1000.0 / 60.0
            res = acc.euclidean_access(d["xy"], f["xy"], k=k, max_dist=max_dist, speed_kmh=speed)
            for j in range(1, k + 1):
                suffix = "" if j == 1 else f"_{j}"
                got = res[f"fac{suffix}"].to_numpy() >= 0
                res[f"net_m{suffix}"] = res[f"total_m{suffix}"]
                if j == 1:
                    res["net_min"] = res["total_min"]
                    res["access_m"] = np.where(got, 0.0, np.nan)
                    res["fac_access_m"] = np.where(got, 0.0, np.nan)
        else:
            fac_index = self.fac_index if self.demand_points is not None else nd + np.arange(nf)
            res = acc.graph_access(self.graph, np.arange(nd), fac_index, k=k, max_cost=self.max_cost(),
                                   include_access=True, check=self.check, points=self.demand_points)
        self.timings["nearest"] = time.perf_counter() - t0
        status = res["status"].astype(object).to_numpy()
        if d["empty"]:
            status[np.isin(d["fids"], list(d["empty"]))] = STATUS_NO_GEOMETRY
        res["status"] = status
        counts = Counter(status.tolist())
        self.feedback.pushInfo(self.tr("Nearest facility found in {0:.2f} s; status of the demand points: {1}.")
                               .format(self.timings["nearest"], ", ".join(f"{k} {v}" for k, v in counts.items())))
        return res

    def value_column(self) -> str:
        return "total_m" if self.cost == "distance" else "total_min"

    def summary_by_unit(self, res: pd.DataFrame, thresholds) -> pd.DataFrame:
        """One row per unit (in layer order) plus a last row for points in no unit (only if there are any)."""
        n_units = len(self.units["ids"])
        index = self.units["index"]
        codes = np.where(index >= 0, index, n_units)
        value = self.value_column()
        agg = _aggregate(res, codes, self.demand["population"], thresholds, value)
        agg = agg.reindex(range(n_units + 1))
        w = np.nan_to_num(self.demand["population"], nan=0.0)
        nog = res["status"].to_numpy() == STATUS_NO_GEOMETRY
        agg[f"pop_{STATUS_NO_GEOMETRY}"] = np.bincount(codes, weights=np.where(nog, w, 0.0), minlength=n_units + 1)
        agg["n_points"] = np.bincount(codes, minlength=n_units + 1)
        pop_cols = [c for c in agg.columns if c.startswith("pop_") or c == "population"]
        agg[pop_cols] = agg[pop_cols].fillna(0.0)
        if agg.loc[n_units, "n_points"] == 0:
            agg = agg.drop(index=n_units)
        return agg

    def overall(self, res: pd.DataFrame, thresholds) -> dict:
        """Totals over all demand points (outputs of the algorithm)."""
        value = self.value_column()
        agg = _aggregate(res, np.zeros(len(res), dtype=np.int64), self.demand["population"], thresholds, value)
        row = agg.iloc[0] if len(agg) else None
        shares = {}
        for t in thresholds:
            v = row[f"share_within_{t:g}"] if row is not None else np.nan
            shares[f"{t:g}"] = None if not np.isfinite(v) else round(float(v), 6)

        def get(column):
            return float(row[column]) if row is not None and np.isfinite(row[column]) else None

        return {
            "POPULATION": get("population") or 0.0,
            "POPULATION_REACHED": get("pop_reached") or 0.0,
            "POPULATION_UNREACHED": get("pop_unreached") or 0.0,
            "MEAN": get(f"mean_{value}"),
            "MEDIAN": get(f"median_{value}"),
            "DEMAND_POINTS": len(res),
            "UNREACHED_POINTS": int((~res["reachable"].to_numpy(dtype=bool)).sum()),
            "SHARES": json.dumps(shares),
        }

    # -- writing -----------------------------------------------------------------------------------
    @staticmethod
    def _rename_collisions(fields: QgsFields, reserved) -> QgsFields:
        reserved = {r.lower() for r in reserved}
        out = QgsFields()
        taken = set(reserved)
        for f in fields:
            g = QgsField(f)
            name = g.name()
            if name.lower() in taken:
                base, i = f"{name}_in", 2
                name = base
                while name.lower() in taken:
                    name = f"{base}{i}"
                    i += 1
                g.setName(name)
            taken.add(name.lower())
            out.append(g)
        return out

    def point_result_fields(self, k: int) -> List[QgsField]:
        out = []
        if self.demand["pop_fields"]:
            out.append(make_field("population", "double"))
        if self.units is not None:
            if self.units["id_field"] and self.units["source"] is not None:
                uf = QgsField(self.units["fields"].field(self.units["id_field"]))
            elif self.units["source"] is None:
                uf = QgsField(self.units["fields"].at(0))
            else:
                uf = make_field("unit_id", "int64")
            uf.setName("unit_id")
            out.append(uf)
        fac_field = self.fac["field"]
        out += [QgsField(fac_field)]
        out += [make_field(n, "double") for n in ("net_dist_m", "access_m", "fac_access_m", "dist_m", "time_min")]
        out += [make_field("reachable", "int"), make_field("status", "string", 20)]
        for j in range(2, k + 1):
            fj = QgsField(fac_field)
            fj.setName(f"fac_id_{j}")
            out += [fj] + [make_field(f"{n}_{j}", "double") for n in ("net_dist_m", "dist_m", "time_min")]
        return out

    def write_points(self, sink, fields_count_demand, res: pd.DataFrame, k: int, progress=None, dest=None,
                     fields=None):
        """The point output: the demand features with the result fields appended.

        With ``dest`` and ``fields`` (the sink's destination and fields), a GeoPackage output of
        a demand layer read directly is written in bulk (:meth:`_write_points_bulk`).
        """
        d, f = self.demand, self.fac
        ids = np.array(list(f["ids"]) + [None], dtype=object)  # index -1 → None

        def column(name):
            values = res[name].to_numpy(dtype=float)
            out = values.astype(object)
            out[~np.isfinite(values)] = None
            return out.tolist()

        per_rank = []
        for j in range(1, k + 1):
            suffix = "" if j == 1 else f"_{j}"
            fac_ids = ids[res[f"fac{suffix}"].to_numpy(dtype=np.int64)].tolist()
            if j == 1:
                cols = [fac_ids, column("net_m"), column("access_m"), column("fac_access_m"), column("total_m"),
                        column("total_min"), res["reachable"].to_numpy(dtype=bool).astype(int).tolist(),
                        res["status"].astype(str).tolist()]
            else:
                cols = [fac_ids, column(f"net_m{suffix}"), column(f"total_m{suffix}"), column(f"total_min{suffix}")]
            per_rank.extend(cols)
        lead = []
        if d["pop_fields"]:
            lead.append(d["population"].astype(float).tolist())
        if self.units is not None:
            uid = self.units["ids"] + [None]
            lead.append([uid[i] for i in self.units["index"].tolist()])
        demand_columns = self._demand_columns() if not d["attributes"] and len(d["fids"]) else None
        if demand_columns is not None:
            columns = demand_columns + lead + per_rank
            if dest is not None and fields is not None and gpkg_bulk.is_gpkg_destination(dest) \
                    and not self._appends(P.OUTPUT):
                self._write_points_bulk(sink, dest, fields, columns, progress)
            else:
                self._write_points_columns(sink, columns, progress, self._field_set(fields))
            return
        rows = [list(r) for r in zip(*(lead + per_rank))]
        if d["attributes"] or not len(rows):
            self._write_kept_points(sink, fields_count_demand, rows, progress, self._field_set(fields))
        else:
            self._write_streamed_points(sink, rows, progress, self._field_set(fields))

    def _field_set(self, fields):
        """``fields`` when the output appends through a field mapping (its expressions read the
        features' fields), else None (features without fields are cheaper)."""
        return fields if fields is not None and self._appends(P.OUTPUT) else None

    def _appends(self, key) -> bool:
        """Whether the output ``key`` appends to an existing layer through a field mapping (the sink remaps)."""
        value = self.parameters.get(key)
        remapping = getattr(value, "useRemapping", None)
        return bool(remapping()) if callable(remapping) else False

    def _demand_columns(self):
        """All attribute columns of a directly read demand layer (lists, analysis order), or None.

        None when the layer was read feature by feature, has a field of another type than
        text, integer, real or boolean, or changed since it was read (other feature ids).
        """
        d = self.demand
        spec = self.direct.get(P.DEMAND)
        if spec is None or not d.get("direct"):
            return None
        demand = io.read_columns_direct(spec, [fld.name() for fld in d["source"].fields()])
        if demand is None or not np.array_equal(demand["fids"], d["fids"]):
            return None
        return demand["columns"]

    def _write_points_bulk(self, sink, dest, fields, columns, progress=None):
        """Write the point output into a GeoPackage table in one SQLite transaction (see ``gpkg_bulk``).

        ``columns``: one value list per output field. The sink only creates the table; when
        the table does not qualify for the bulk insert, the rows go in feature by feature.
        """
        gpkg_bulk.close_sink(sink)
        target = gpkg_bulk.table_of(dest)
        table = gpkg_bulk.PointTable.open(*target, [fld.name() for fld in fields]) if target else None
        if table is not None:
            try:
                table.insert(self.demand["xy"], columns, check=self.check)
                if progress is not None:
                    progress(100.0)
                return
            except (ValueError, sqlite3.Error) as err:
                self.feedback.pushInfo(self.tr("Writing the GeoPackage in one transaction was not possible ({0}); "
                                               "writing feature by feature.").format(err))
        layer = QgsVectorLayer(dest, "output", "ogr")
        if not layer.isValid():
            raise QgsProcessingException(self.tr("The output “{0}” could not be opened for writing.").format(dest))
        self._write_points_columns(layer.dataProvider(), columns, progress)

    def _write_points_columns(self, sink, columns, progress=None, fields=None):
        """Output features from attribute columns and the analysed coordinates (no geometry where not finite)."""
        xy = self.demand["xy"]
        n = len(xy)
        finite = np.all(np.isfinite(xy), axis=1).tolist()
        xs, ys = xy[:, 0].tolist(), xy[:, 1].tolist()
        rows = list(zip(*columns))
        step = 2000  # each addFeatures call holds the GIL: short calls keep QGIS responsive
        for start in range(0, n, step):
            self.check()
            if progress is not None:
                progress(100.0 * start / n)
            batch = []
            for i in range(start, min(start + step, n)):
                feat = QgsFeature()
                if fields is not None:
                    feat.setFields(fields, False)
                feat.setAttributes(list(rows[i]))
                if finite[i]:
                    feat.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(xs[i], ys[i])))
                batch.append(feat)
            sink.addFeatures(batch, QgsFeatureSink.Flag.FastInsert)

    def _write_kept_points(self, sink, fields_count_demand, rows, progress=None, fields=None):
        """Output features from the attributes and geometries kept while reading."""
        d = self.demand
        n = len(rows)
        empty_attrs = [None] * fields_count_demand
        xy = d["xy"]
        finite = np.all(np.isfinite(xy), axis=1).tolist()
        xs, ys = xy[:, 0].tolist(), xy[:, 1].tolist()
        geoms = d.get("geometries") or None
        batch = []
        for i in range(n):
            if i % 2000 == 0:
                self.check()
                if progress is not None:
                    progress(100.0 * i / max(n, 1))
            feat = QgsFeature()
            if finite[i]:  # the input geometry (already in the analysis CRS), else a point from xy
                feat.setGeometry(geoms[i] if geoms is not None else QgsGeometry.fromPointXY(QgsPointXY(xs[i], ys[i])))
            if fields is not None:
                feat.setFields(fields, False)
            feat.setAttributes((d["attributes"][i] if d["attributes"] else empty_attrs) + rows[i])
            batch.append(feat)
            if len(batch) >= 5000:
                sink.addFeatures(batch, QgsFeatureSink.Flag.FastInsert)
                batch = []
        if batch:
            sink.addFeatures(batch, QgsFeatureSink.Flag.FastInsert)

    def _write_streamed_points(self, sink, rows, progress=None, fields=None):
        """Output features: the demand features read once more (all attributes, in the analysis CRS) + ``rows``.

        Features are matched to rows by feature id (in reading order when nothing changed); a
        multipoint becomes its first point, a point without usable coordinates gets no geometry.
        Only the features of the first reading are written (Processing's validity check already ran
        on them, so it is not repeated).
        """
        d = self.demand
        source = d["source"]
        fids = d["fids"].tolist()
        n = len(rows)
        finite = np.all(np.isfinite(d["xy"]), axis=1).tolist()
        xs, ys = d["xy"][:, 0].tolist(), d["xy"][:, 1].tolist()
        to_single = QgsWkbTypes.isMultiType(source.wkbType())
        skip_checks = getattr(QgsProcessingFeatureSource, "FlagSkipGeometryValidityChecks", None)
        request = self._request(source)
        features = source.getFeatures(request, skip_checks) if skip_checks is not None \
            else source.getFeatures(request)
        position = None  # fid → row, only if the order differs
        batch, i, written, skipped = [], 0, 0, 0
        step = max(n // 50, 1000)
        for feat in features:
            if i % step == 0:
                self.check()
                if progress is not None:
                    progress(100.0 * i / max(n, 1))
            fid = feat.id()
            if position is None and i < n and fids[i] == fid:
                r = i
            else:
                if position is None:
                    position = {f: j for j, f in enumerate(fids)}
                r = position.get(fid, -1)
            i += 1
            if r < 0:  # not analysed (skipped by the validity check, or added meanwhile)
                skipped += 1
                continue
            if not finite[r]:
                feat.clearGeometry()
            elif to_single:
                feat.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(xs[r], ys[r])))
            attrs = feat.attributes() + rows[r]
            if fields is not None:
                feat.setFields(fields, False)
            feat.setAttributes(attrs)
            batch.append(feat)
            if len(batch) >= 5000:
                sink.addFeatures(batch, QgsFeatureSink.Flag.FastInsert)
                written += len(batch)
                batch = []
        if batch:
            sink.addFeatures(batch, QgsFeatureSink.Flag.FastInsert)
            written += len(batch)
        if skipped:
            self.feedback.pushInfo(self.tr("Layer “{0}”: {1} features that were not analysed (skipped when read, or "
                                           "added meanwhile) are not written.").format(d["name"], skipped))
        if written < n:
            self.feedback.pushWarning(self.tr("Layer “{0}”: {1} features disappeared while the analysis ran and are "
                                              "missing from the output.").format(d["name"], n - written))

    def unit_summary_fields(self, thresholds) -> List[QgsField]:
        tail = "m" if self.cost == "distance" else "min"
        out = [make_field("n_points", "int"), make_field("population", "double"), make_field("pop_reached", "double"),
               make_field("pop_unreached", "double")]
        for st in acc.STATUSES[1:] + (STATUS_NO_GEOMETRY,):
            out.append(make_field(f"pop_{st}", "double"))
        out += [make_field(f"mean_{tail}", "double"), make_field(f"median_{tail}", "double")]
        for t in thresholds:
            s = threshold_suffix(t, self.cost)
            out += [make_field(f"pop_{s}", "double"), make_field(f"share_{s}", "double")]
        return out

    def unit_output_fields(self, thresholds):
        """(all fields, number of the units' own fields)."""
        summary = self.unit_summary_fields(thresholds)
        own = self._rename_collisions(self.units["fields"], [f.name() for f in summary])
        fields = QgsFields(own)
        for f in summary:
            fields.append(f)
        return fields, own.count()

    def unit_geometry_type(self):
        return QgsWkbTypes.Type.MultiPolygon if self.units["source"] is not None else QgsWkbTypes.Type.NoGeometry

    def write_units(self, sink, agg: pd.DataFrame, thresholds):
        value = self.value_column()
        n_units = len(self.units["ids"])
        n_own = self.units["fields"].count()
        batch = []
        for code, row in agg.iterrows():
            self.check()
            code = int(code)
            if code < n_units:
                attrs = list(self.units["attributes"][code])
                geom = self.units["geoms"][code] if self.units["geoms"] is not None else None
            else:
                attrs = [None] * n_own
                geom = None
            attrs += [int(row["n_points"]), float(row["population"]), float(row["pop_reached"]),
                      float(row["pop_unreached"])]
            attrs += [float(row[f"pop_{st}"]) for st in acc.STATUSES[1:] + (STATUS_NO_GEOMETRY,)]
            attrs += [_nan_to_none(row[f"mean_{value}"]), _nan_to_none(row[f"median_{value}"])]
            for t in thresholds:
                attrs += [float(row[f"pop_within_{t:g}"]) if np.isfinite(row[f"pop_within_{t:g}"]) else 0.0,
                          _nan_to_none(row[f"share_within_{t:g}"])]
            feat = QgsFeature()
            if geom is not None:
                g = QgsGeometry(geom)
                g.convertToMultiType()
                feat.setGeometry(g)
            feat.setAttributes(attrs)
            batch.append(feat)
        sink.addFeatures(batch, QgsFeatureSink.Flag.FastInsert)

    @staticmethod
    def problem_fields() -> QgsFields:
        fields = QgsFields()
        for name, kind in (("layer", "string"), ("feature_id", "int64"), ("item_id", "string"), ("problem", "string"),
                           ("detail", "string"), ("access_m", "double")):
            fields.append(make_field(name, kind))
        return fields

    def write_problems(self):
        """Writes OUTPUT_PROBLEMS when requested; returns its destination id or None."""
        if P.OUTPUT_PROBLEMS not in self.parameters or self.parameters.get(P.OUTPUT_PROBLEMS) in (None, ""):
            return None
        sink, dest = self.alg.parameterAsSink(self.parameters, P.OUTPUT_PROBLEMS, self.context, self.problem_fields(),
                                              QgsWkbTypes.Type.Point, self.crs or QgsCoordinateReferenceSystem())
        if sink is None:
            return None
        feats = []
        for layer, fid, item, code, detail, access, xy in self.problems:
            feat = QgsFeature()
            if xy is not None and np.all(np.isfinite(xy)):
                feat.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(float(xy[0]), float(xy[1]))))
            feat.setAttributes([layer, fid, item, code, detail, _nan_to_none(access)])
            feats.append(feat)
        sink.addFeatures(feats, QgsFeatureSink.Flag.FastInsert)
        self.feedback.pushInfo(self.tr("Problem points: {0} written.").format(len(feats)))
        return dest
