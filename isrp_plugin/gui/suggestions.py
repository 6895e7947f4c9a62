"""Location suggestions and scenarios in the GUI; "Turn into measure".

* :func:`turn_into_measures` writes chosen location suggestions (features of an
  ``isrp:locationsuggest`` output) into the measure store as proposed facility measures
  (status proposed, type facility, action new, the facility type, origin = the closest value of
  the schema's origin list to "analysis", geometry = the candidate point, title "New Kita
  (suggestion n)", social space and Ortsteil from the units layer). The store's triggers record
  every insert in the history.
* :func:`measures_as_points` gives the point and area measures of a store as one point layer.
* :func:`setup_scenario_gui` adds three actions: "Location suggestions…" (the Processing dialog
  of ``isrp:locationsuggest`` pre-filled from the project; the result is styled, selected sites
  as big stars), "Turn selected suggestions into measures" and "Scenario (before / after)" (runs
  ``isrp:scenario`` on the current measure store in the background and adds the map of change).

No analysis is computed here: everything runs through the Processing algorithms.
"""

from __future__ import annotations

import logging
from typing import Dict, Iterable, List, Optional, Tuple

from qgis.core import (
    Qgis,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeature,
    QgsFeatureRequest,
    QgsGeometry,
    QgsProject,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QCoreApplication, QObject

from ..core import measures as m
from ..qgis_io import measures_store as ms
from ..qgis_io.compat import is_null

LOG = logging.getLogger("isrp_plugin.suggestions")

#: The origin of measures created from an analysis: "analysis" if the schema has it, else the closest
#: value ("department" = Fachverwaltung, who runs the analyses).
SUGGESTION_ORIGIN = "analysis" if "analysis" in m.ORIGINS else "department"
#: Target group and fields of action of the catalogue's facility types (for the measure record).
TARGET_GROUP_OF_TYPE = {"kita_u3": "children_0_3", "kita_3_6": "children_3_6", "primary_school": "children_6_10",
                        "playground_u6": "children_3_6", "playground_6_12": "children_6_10",
                        "playground_12p": "youth_10_18", "youth_club": "youth_10_18", "senior_meeting": "seniors_65",
                        "family_centre": "families", "counselling": "all", "playground": "all"}
FIELDS_OF_TYPE = {"kita_u3": ("family", "education"), "kita_3_6": ("family", "education"),
                  "primary_school": ("education",), "youth_club": ("youth",), "senior_meeting": ("old_age",),
                  "family_centre": ("family",), "counselling": ("poverty",), "playground": ("neighbourhood",),
                  "playground_u6": ("family",), "playground_6_12": ("family",), "playground_12p": ("youth",)}
GEOMETRY_LINE = ms._first(lambda: Qgis.GeometryType.Line, lambda: QgsWkbTypes.GeometryType.LineGeometry)
#: Fields an isrp:locationsuggest output has.
SUGGESTION_FIELDS = ("cand_id", "selected", "rank")


def is_suggestion_layer(layer) -> bool:
    """True for a point layer written by isrp:locationsuggest."""
    return isinstance(layer, QgsVectorLayer) and all(layer.fields().lookupField(f) >= 0 for f in SUGGESTION_FIELDS)


def _value(feature, name):
    idx = feature.fields().lookupField(name)
    if idx < 0:
        return None
    v = feature.attributes()[idx]
    return None if is_null(v) else v


def chosen_suggestions(layer: QgsVectorLayer, use_selection: bool = True) -> List[QgsFeature]:
    """The suggestions to turn into measures: the features selected on the map (if any and
    ``use_selection``), else those the algorithm selected (``selected`` = 1); in rank order."""
    if not is_suggestion_layer(layer):
        raise ValueError(QCoreApplication.translate("Suggestions", "Layer “{0}” is not an output of "
                                                                   "“Location suggestions”.").format(layer.name()))
    if use_selection and layer.selectedFeatureCount():
        feats = list(layer.getSelectedFeatures())
    else:
        feats = [f for f in layer.getFeatures() if _value(f, "selected") in (1, True)]

    def key(f):
        r = _value(f, "rank")
        return (r is None, r if r is not None else 0, str(_value(f, "cand_id")))

    return sorted(feats, key=key)


def _title(facility_type: str, n: int) -> str:
    if (facility_type or "").startswith("kita"):
        return QCoreApplication.translate("Suggestions", "New Kita (suggestion {0})").format(n)
    label = ms.facility_type_list().label(facility_type, _lang()) if facility_type else ""
    return QCoreApplication.translate("Suggestions", "New facility: {0} (suggestion {1})").format(label, n)


def _lang() -> str:
    try:
        from ..plugin import ui_language

        return ui_language()
    except Exception:  # noqa: BLE001 - outside QGIS
        return "en"


def _description(feature) -> str:
    parts = [QCoreApplication.translate("Suggestions", "Suggested by the location analysis (rank {0}).").format(
        _value(feature, "rank") if _value(feature, "rank") is not None else "–")]
    covered = _value(feature, "covered_pop")
    if covered is not None:
        parts.append(QCoreApplication.translate("Suggestions", "Newly covered population within the catchment: "
                                                               "{0:,.0f}.").format(float(covered)))
    solution = _value(feature, "solution")
    if solution:
        parts.append(QCoreApplication.translate("Suggestions", "Solution: {0}.").format(solution))
    return " ".join(parts)


def turn_into_measures(store: ms.MeasureStore, features: Iterable[QgsFeature],
                       crs: QgsCoordinateReferenceSystem, facility_type: str = "kita_3_6",
                       capacity: Optional[float] = None, units_layer: Optional[QgsVectorLayer] = None,
                       transform_context=None, user: Optional[str] = None, start_number: int = 1,
                       extra: Optional[Dict] = None) -> List[Tuple[str, int, str]]:
    """Write one proposed facility measure per suggestion; returns ``[(kind, fid, measure_id)]``.

    ``crs`` is the CRS of the suggestion features; geometries are transformed into the store's
    CRS. ``capacity`` (places) becomes ``capacity_change``. ``units_layer`` (Ortsteile with
    ``ot_id``/``sozialraum_id``) fills social space and Ortsteil; a site outside all units keeps
    them empty. ``extra`` adds or overrides record values. Each measure is committed (with its
    history entry) before the next one is written.
    """
    ctx = transform_context or QgsProject.instance().transformContext()
    types = ms.facility_type_list()
    if facility_type and facility_type not in types:
        raise ms.StoreError(QCoreApplication.translate("Suggestions", "Unknown facility type “{0}” (known: {1}).")
                            .format(facility_type, ", ".join(types.codes)))
    transform = None
    if crs is not None and crs.isValid() and store.crs.isValid() and crs != store.crs:
        transform = QgsCoordinateTransform(crs, store.crs, ctx)
    out = []
    for n, feat in enumerate(features, start=start_number):
        geom = QgsGeometry(feat.geometry())
        if geom.isNull() or geom.isEmpty():
            LOG.warning("suggestion %s has no geometry; skipped", _value(feat, "cand_id"))
            continue
        if transform is not None:
            geom.transform(transform)
        rec = {
            "title": _title(facility_type, n),
            "description": _description(feat),
            "measure_type": "facility",
            "facility_action": "new",
            "facility_type": facility_type,
            "capacity_change": capacity,
            "status": "proposed",
            "origin": SUGGESTION_ORIGIN,
            "target_group": TARGET_GROUP_OF_TYPE.get(facility_type),
            "fields_of_action": m.format_code_list(FIELDS_OF_TYPE[facility_type])
            if facility_type in FIELDS_OF_TYPE else None,
            "need_standard": facility_type if facility_type in types else None,
            "need_note": _description(feat),
        }
        if units_layer is not None:
            unit = ms.units_for_geometry(geom, store.crs, units_layer, ctx)
            if unit:
                rec.update({k: v for k, v in unit.items() if k in m.FIELDS_BY_NAME})
                if unit.get("ot_id"):
                    rec["need_unit"] = str(unit["ot_id"])
        if extra:
            rec.update(extra)
        out.append(store.add_measure(rec, geom, "point", user))
    return out


def measures_as_points(store: ms.MeasureStore, name: str = "measures") -> QgsVectorLayer:
    """Point and area measures of ``store`` as one memory point layer (areas: a point inside them)."""
    layer = QgsVectorLayer(f"Point?crs={store.crs.authid()}", name, "memory")
    if not store.crs.authid():
        layer.setCrs(store.crs)
    layer.dataProvider().addAttributes(ms.measure_fields().toList())
    layer.updateFields()
    feats = []
    for kind, src in store.layers():
        for f in src.getFeatures(QgsFeatureRequest()):
            g = f.geometry()
            if kind == "area" and g is not None and not g.isEmpty():
                g = g.pointOnSurface()
            nf = QgsFeature(layer.fields())
            nf.setGeometry(g)
            nf.setAttributes([f[n] for n in layer.fields().names()])
            feats.append(nf)
    layer.dataProvider().addFeatures(feats)
    return layer


# --------------------------------------------------------------------------------------------
# project defaults
# --------------------------------------------------------------------------------------------


def _layers(project: QgsProject) -> List[QgsVectorLayer]:
    return [lyr for lyr in project.mapLayers().values() if isinstance(lyr, QgsVectorLayer) and lyr.isValid()
            and ms.kind_of_layer(lyr) is None]


def find_layer(project: QgsProject, names: Tuple[str, ...], geometry: str, fields: Tuple[str, ...] = ()):
    """A project layer by name (case-insensitive), else the first of the geometry type with all ``fields``."""
    want = {"point": ms.GEOMETRY_POINT, "polygon": ms.GEOMETRY_POLYGON, "line": GEOMETRY_LINE}[geometry]
    layers = [lyr for lyr in _layers(project) if lyr.geometryType() == want]
    for lyr in layers:
        if lyr.name().lower() in names:
            return lyr
    for lyr in layers:
        if all(lyr.fields().lookupField(f) >= 0 for f in fields):
            return lyr
    return None


def project_inputs(project: QgsProject) -> Dict[str, QgsVectorLayer]:
    """Demand, facilities, units and network of the project (by the sample's names or by their fields)."""
    return {
        "demand": find_layer(project, ("nachfragepunkte", "demand"), "point", ("pop_0_3",)),
        "facilities": find_layer(project, ("einrichtungen", "facilities"), "point", ("capacity",)),
        "units": ms.find_units_layer(project),
        "network": find_layer(project, ("strassennetz", "network"), "line"),
    }


def _kita_filter(layer) -> str:
    return "\"typ\" = 'kita'" if layer is not None and layer.fields().lookupField("typ") >= 0 else ""


def suggestion_parameters(project: QgsProject, facility_type: str = "kita_3_6", p: int = 2) -> Dict:
    """Pre-filled isrp:locationsuggest parameters for the project (children 0–<6, catalogue catchment)."""
    from ..core.standards import load_default_standards

    layers = project_inputs(project)
    params: Dict = {"P": p, "OBJECTIVE": 0, "GENERATE_CANDIDATES": 0, "GRID_SPACING": 250.0}
    try:
        std = load_default_standards()[facility_type]
        params["MAX_COST"] = float(std.catchment_value)
        params["COST_UNIT"] = 1 if std.catchment_unit == "min" else 0
    except (KeyError, Exception):  # noqa: BLE001 - a broken catalogue only loses the default
        params["MAX_COST"] = 500.0
    if layers["demand"] is not None:
        params["DEMAND"] = layers["demand"].id()
        pops = [f for f in ("pop_0_3", "pop_3_6") if layers["demand"].fields().lookupField(f) >= 0]
        params["POPULATION_FIELD"] = pops
    if layers["facilities"] is not None:
        params["EXISTING"] = layers["facilities"].id()
        params["EXISTING_FILTER"] = _kita_filter(layers["facilities"])
        if layers["facilities"].fields().lookupField("fac_id") >= 0:
            params["EXISTING_ID_FIELD"] = "fac_id"
    if layers["units"] is not None:
        params["UNITS"] = layers["units"].id()
        if layers["units"].fields().lookupField("ot_id") >= 0:
            params["UNIT_ID_FIELD"] = "ot_id"
    if layers["network"] is not None:
        params["NETWORK"] = layers["network"].id()
        params["MODE"] = 0
    else:
        params["MODE"] = 3
    return params


def scenario_parameters(project: QgsProject, measures, analysis: int = 0) -> Optional[Dict]:
    """isrp:scenario parameters for the project's layers (Kitas 3–<6, E2SFCA, walking); None if a layer is
    missing. ``measures``: a layer, a layer list or URIs."""
    layers = project_inputs(project)
    if layers["demand"] is None or layers["facilities"] is None or layers["units"] is None:
        return None
    fac = layers["facilities"]
    cap = "capacity"
    if fac.fields().lookupField("capacity_u3") >= 0:
        cap = "\"capacity\" - coalesce(\"capacity_u3\", 0)"
    params = {
        "FACILITIES": fac.id(), "FACILITY_ID_FIELD": "fac_id" if fac.fields().lookupField("fac_id") >= 0 else None,
        "FACILITY_FILTER": _kita_filter(fac), "CAPACITY_FIELD": cap, "MEASURES": measures,
        "MEASURE_FACILITY_TYPES": "kita_u3, kita_3_6", "ANALYSIS": analysis, "DEMAND": layers["demand"].id(),
        "UNITS": layers["units"].id(), "STANDARD": "kita_3_6", "METHOD": 2,
        "MODE": 0 if layers["network"] is not None else 3,
        "NETWORK": layers["network"].id() if layers["network"] is not None else None,
        "OUTPUT": "TEMPORARY_OUTPUT", "OUTPUT_TABLE": "TEMPORARY_OUTPUT",
    }
    if layers["units"].fields().lookupField("ot_id") >= 0:
        params["UNIT_ID_FIELD"] = "ot_id"
    return params


# --------------------------------------------------------------------------------------------
# GUI
# --------------------------------------------------------------------------------------------


class ScenarioGui(QObject):
    """The actions "Location suggestions…", "Turn selected suggestions into measures", "Scenario"."""

    def __init__(self, plugin):
        # a child of the plugin's menu: deleted with it in unload()
        super().__init__(getattr(plugin, "menu", None) or plugin.iface.mainWindow())
        self.plugin = plugin
        self.iface = plugin.iface
        self.runs = []
        self.last_result = None

    def tr(self, message: str) -> str:  # noqa: D102
        return QCoreApplication.translate("ScenarioGui", message)

    # -- helpers ---------------------------------------------------------------------------------
    def _bar(self, level: str, text: str, widget=None) -> None:
        from qgis.core import Qgis

        try:
            bar = self.iface.messageBar()
        except (AttributeError, RuntimeError):
            bar = None
        if bar is None:
            LOG.info(text)
            return
        levels = {"info": Qgis.MessageLevel.Info, "success": Qgis.MessageLevel.Success,
                  "warning": Qgis.MessageLevel.Warning, "critical": Qgis.MessageLevel.Critical}
        if widget is not None:
            item = bar.createMessage("ISRP", text)
            item.layout().addWidget(widget)
            bar.pushWidget(item, levels[level], 15)
        else:
            bar.pushMessage("ISRP", text, levels[level], 8)

    def store(self, create: bool = True) -> Optional[ms.MeasureStore]:
        """The measure store of the project (via the Measures dock's manager when there is one)."""
        manager = getattr(self.plugin, "measures_manager", None)
        project = QgsProject.instance()
        try:
            if manager is not None:
                store = manager.current_store()
                if store is None and create and manager.default_path() is not None:
                    store = manager.open_store(manager.default_path(), create=True)
                return store
            path = ms.stored_store_path(project) or ms.default_store_path(project)
            if path is None:
                return None
            if path.exists():
                return ms.MeasureStore.open(path)
            return ms.MeasureStore.create(path, project.crs(), project.transformContext()) if create else None
        except ms.StoreError as exc:
            self._bar("critical", self.tr("Measure store: {0}").format(exc))
            return None

    # -- actions ---------------------------------------------------------------------------------
    def suggest(self) -> Optional[dict]:
        """Open the pre-filled dialog of isrp:locationsuggest; offer to turn the result into measures."""
        from qgis import processing

        params = suggestion_parameters(QgsProject.instance())
        results = processing.execAlgorithmDialog("isrp:locationsuggest", params)
        self.last_result = results
        if results and results.get("OUTPUT"):
            from qgis.PyQt.QtWidgets import QPushButton

            button = QPushButton(self.tr("Turn selected suggestions into measures"))
            button.clicked.connect(self.turn_selected)
            self._bar("success", self.tr("{0} sites suggested (objective {1:,.0f}, {2}).").format(
                int(results.get("SELECTED_COUNT") or 0), float(results.get("OBJECTIVE_VALUE") or 0),
                self.tr("proven optimal") if results.get("EXACT") else self.tr("heuristic")), button)
        return results

    def _suggestion_layer(self) -> Optional[QgsVectorLayer]:
        layer = self.iface.activeLayer()
        if is_suggestion_layer(layer):
            return layer
        for lyr in QgsProject.instance().mapLayers().values():
            if is_suggestion_layer(lyr):
                return lyr
        return None

    def turn_selected(self, facility_type: Optional[str] = None, capacity: Optional[float] = None) -> List:
        """Turn the chosen suggestions of the active suggestion layer into proposed measures."""
        layer = self._suggestion_layer()
        if layer is None:
            self._bar("warning", self.tr("No location suggestions found: run “Location suggestions…” first."))
            return []
        feats = chosen_suggestions(layer)
        if not feats:
            self._bar("warning", self.tr("No suggestion is selected in layer “{0}”.").format(layer.name()))
            return []
        if facility_type is None or capacity is None:
            from qgis.PyQt.QtWidgets import QInputDialog

            types = ms.facility_type_list()
            labels = [f"{c.label(_lang())} ({c.code})" for c in types.choices]
            start = list(types.codes).index("kita_3_6") if "kita_3_6" in types.codes else 0
            label, ok = QInputDialog.getItem(self.iface.mainWindow(), self.tr("Turn into measures"),
                                             self.tr("Facility type of the new facilities:"), labels, start, False)
            if not ok:
                return []
            facility_type = types.codes[labels.index(label)]
            cap, ok = QInputDialog.getInt(self.iface.mainWindow(), self.tr("Turn into measures"),
                                          self.tr("Places per new facility (0 = not known yet):"), 75, 0, 100000)
            if not ok:
                return []
            capacity = float(cap) if cap > 0 else None
        store = self.store()
        if store is None:
            self._bar("warning", self.tr("No measure store: save the project or open a store in the Measures dock."))
            return []
        units = ms.find_units_layer(QgsProject.instance())
        try:
            done = turn_into_measures(store, feats, layer.crs(), facility_type, capacity, units)
        except ms.StoreError as exc:
            self._bar("critical", self.tr("The measures could not be saved: {0}").format(exc))
            return []
        manager = getattr(self.plugin, "measures_manager", None)
        if manager is not None:
            manager.reload()
        self._bar("success", self.tr("{0} proposed measures written to {1}.").format(len(done), store.path.name))
        return done

    def scenario(self):
        """Run isrp:scenario on the current measure store in the background; add the map of change."""
        from .tasks import run_algorithm

        store = self.store(create=False)
        if store is None:
            self._bar("warning", self.tr("No measure store: open or create one in the Measures dock."))
            return None
        params = scenario_parameters(QgsProject.instance(), [store.uri("point"), store.uri("area")])
        if params is None:
            from qgis import processing

            return processing.execAlgorithmDialog("isrp:scenario", {"MEASURES": [store.uri("point"),
                                                                                 store.uri("area")]})

        def done(ok, results, run):
            if run in self.runs:
                self.runs.remove(run)
            if not ok:
                self._bar("critical", self.tr("The scenario could not be computed; see the log."))
                return
            layer = run.take_layer(results.get("OUTPUT"))
            if layer is None:
                return
            run.context.temporaryLayerStore().takeMapLayer(layer)
            add_scenario_layer(layer, QgsProject.instance(), self.tr("Scenario: change of coverage"))
            self.last_result = results
            try:  # the before / after / delta table per unit, in QGIS's own attribute table
                self.iface.showAttributeTable(layer)
            except (AttributeError, RuntimeError):
                pass
            self._bar("success", self.tr("Scenario: {0} new, {1} closed, {2} changed facilities; capacity {3:,.0f} → "
                                         "{4:,.0f}.").format(int(results.get("NEW_FACILITIES") or 0),
                                                             int(results.get("CLOSED_FACILITIES") or 0),
                                                             int(results.get("CHANGED_FACILITIES") or 0),
                                                             float(results.get("CAPACITY_BEFORE") or 0),
                                                             float(results.get("CAPACITY_AFTER") or 0)))

        run = run_algorithm("isrp:scenario", params, done, description=self.tr("ISRP scenario (before / after)"))
        self.runs.append(run)
        return run


def add_scenario_layer(layer: QgsVectorLayer, project: QgsProject, name: str) -> QgsVectorLayer:
    """Add a scenario output to the project with the diverging map-of-change style."""
    from ..__about__ import resource_path

    layer.setName(name)
    qml = resource_path("styles", "scenario_change.qml")
    if qml.exists():
        layer.loadNamedStyle(str(qml))
    _before_after_first(layer)
    project.addMapLayer(layer)
    return layer


def _before_after_first(layer: QgsVectorLayer) -> None:
    """Attribute table columns: unit name, then before / after / delta of each measure, then the rest."""
    config = layer.attributeTableConfig()
    columns = config.columns()
    names = [c.name for c in columns]
    front = [n for n in ("name", "sozialraum", "main_indicator", "main_delta") if n in names]
    front += [n for n in names if n.endswith(("_before", "_after", "_delta")) and n not in front]
    order = {n: i for i, n in enumerate(front)}
    columns.sort(key=lambda c: order.get(c.name, len(order)))
    config.setColumns(columns)
    layer.setAttributeTableConfig(config)


def style_suggestions(layer: QgsVectorLayer) -> None:
    """Selected sites as big stars with their rank, other candidates as small dots."""
    from ..__about__ import resource_path

    qml = resource_path("styles", "suggest_sites.qml")
    if qml.exists():
        layer.loadNamedStyle(str(qml))
        layer.triggerRepaint()


def setup_scenario_gui(plugin) -> ScenarioGui:
    """Add "Location suggestions…", "Turn selected suggestions into measures" and "Scenario (before / after)"
    to the plugin's menu and toolbar (removed by ``plugin.unload()``); returns the controller."""
    gui = ScenarioGui(plugin)
    plugin._add_action("locationsuggest.svg", QCoreApplication.translate("ScenarioGui", "Location suggestions…"),
                       lambda *_: gui.suggest(),
                       QCoreApplication.translate("ScenarioGui", "Suggest sites for new facilities (maximal covering "
                                                                 "or p-median) and turn them into proposed measures"))
    plugin._add_action("locationsuggest.svg",
                       QCoreApplication.translate("ScenarioGui", "Turn selected suggestions into measures"),
                       lambda *_: gui.turn_selected(), toolbar=False)
    plugin._add_action("scenario.svg", QCoreApplication.translate("ScenarioGui", "Scenario (before / after)"),
                       lambda *_: gui.scenario(),
                       QCoreApplication.translate("ScenarioGui", "Coverage before and after the measures of the "
                                                                 "measure store, as a map of change"))
    plugin.scenario_gui = gui
    dock = getattr(plugin, "measures_dock", None)
    if dock is not None:  # the same calls from the Measures dock's "Plan" row
        dock.set_planning_actions(gui.suggest, gui.scenario)
    return gui


__all__ = ["ScenarioGui", "SUGGESTION_ORIGIN", "add_scenario_layer", "chosen_suggestions", "is_suggestion_layer",
           "measures_as_points", "scenario_parameters", "setup_scenario_gui", "style_suggestions",
           "suggestion_parameters", "turn_into_measures"]
