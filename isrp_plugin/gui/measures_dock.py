"""The Measures dock: list, filter, summarise and edit the measures of the planning project.

:func:`setup_measures_gui` wires everything into the plugin (dock, map tool "New measure",
menu/toolbar action); :func:`teardown_measures_gui` commits what is pending and disconnects
(it also runs by itself when the dock is deleted in the plugin's ``unload()``).

:class:`MeasuresManager` holds the project's :class:`~isrp_plugin.qgis_io.measures_store.MeasureStore`
and keeps edits on disk: the measure layers are watched by an
:class:`~isrp_plugin.qgis_io.measures_store.AutoCommit`, and pending edits are committed when the
project is about to be cleared (closed, another project opened) and when the plugin unloads.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, Dict, List, Optional

from qgis.core import (
    Qgis,
    QgsApplication,
    QgsCoordinateTransform,
    QgsFeature,
    QgsGeometry,
    QgsMapLayerProxyModel,
    QgsProject,
    QgsRectangle,
    QgsVectorLayer,
)
from qgis.gui import QgsAttributeDialog, QgsAttributeEditorContext, QgsDockWidget
from qgis.PyQt.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QLocale,
    QObject,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    pyqtSignal,
)
from qgis.PyQt.QtGui import QColor, QIcon
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QInputDialog,
    QMenu,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..__about__ import resource_path
from ..core import measures as m
from ..qgis_io import measures_store as ms
from ..qgis_io.compat import disconnect_all
from ..qgis_io.measures_undo import MeasureUndo
from .measure_map_tool import MeasureMapTool, ensure_editor_widgets, fit_form_dialog
from .ui_loader import load_ui
from .widgets import SORT_ROLE

LOG = logging.getLogger("isrp_plugin.measures")
FORM_CLASS, _ = load_ui("measures_dock")
RECORD_ROLE = Qt.ItemDataRole.UserRole
try:
    ALIGN_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
except TypeError:  # PyQt6 flags
    ALIGN_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
ANY = "__any__"
OUTSIDE = ""  # filter value "outside all units"


def _icon(name: str) -> QIcon:
    return QIcon(str(resource_path("icons", name)))


def _alive_id(layer) -> Optional[str]:
    try:
        return layer.id()
    except RuntimeError:
        return None


def _lang() -> str:
    try:
        from ..plugin import ui_language

        return ui_language()
    except Exception:  # noqa: BLE001 - settings not readable
        return "en"


# --------------------------------------------------------------------------------------------
# store / project management
# --------------------------------------------------------------------------------------------


class MeasuresManager(QObject):
    """The measure store of the current project, the units layer, and keeping edits on disk."""

    storeChanged = pyqtSignal(object)  # MeasureStore or None
    measuresChanged = pyqtSignal()

    def __init__(self, iface=None, project: Optional[QgsProject] = None, lang: Optional[str] = None,  # noqa: QGS105
                 parent=None):
        super().__init__(parent)
        self.iface = iface
        self.project = project or QgsProject.instance()
        self.lang = lang or _lang()
        self._store: Optional[ms.MeasureStore] = None
        self._units_layer_id: Optional[str] = None
        self._watched: List[QgsVectorLayer] = []
        self._layer_connections = []
        self.autocommit = ms.AutoCommit(self)
        self.autocommit.commitFailed.connect(self._commit_failed)
        self.undo = MeasureUndo(lambda: self._store, self)
        self.undo.failed.connect(self._undo_failed)
        self._changed_timer = QTimer(self)
        self._changed_timer.setSingleShot(True)
        self._changed_timer.setInterval(50)
        self._changed_timer.timeout.connect(self.measuresChanged.emit)
        self._project_connections = [
            (self.project.readProject, self._project_read),
            (self.project.cleared, self._project_cleared),
            (self.project.layersAdded, self._layers_added),
            # layers are still alive here; fires when the project is cleared and when layers are removed
            (self.project.layersWillBeRemoved, self._layers_will_be_removed),
        ]
        if hasattr(self.project, "aboutToBeCleared"):  # QGIS >= 3.24
            self._project_connections.append((self.project.aboutToBeCleared, self.flush_pending))
        for signal, slot in self._project_connections:
            signal.connect(slot)
        self._shut_down = False
        self.reload()

    def tr(self, message: str) -> str:  # noqa: D102
        return QCoreApplication.translate("MeasuresManager", message)

    # -- what the map tool needs --------------------------------------------------------------
    def message_bar(self):
        try:
            return self.iface.messageBar() if self.iface is not None else None
        except (AttributeError, RuntimeError):
            return None

    def units_layer(self) -> Optional[QgsVectorLayer]:
        if self._units_layer_id:
            layer = self.project.mapLayer(self._units_layer_id)
            if isinstance(layer, QgsVectorLayer):
                return layer
        return ms.find_units_layer(self.project)

    def set_units_layer(self, layer: Optional[QgsVectorLayer]) -> None:
        self._units_layer_id = layer.id() if layer is not None else None

    def current_store(self) -> Optional[ms.MeasureStore]:
        """The open store; opens the one the project names if not open yet (None if there is none)."""
        if self._store is not None and self._store.path.exists():
            return self._store
        path = ms.stored_store_path(self.project)
        if path is None:
            return None
        if not path.exists():
            raise ms.StoreError(self.tr("The measure store {0} named in the project does not exist.").format(
                str(path)))
        self.open_store(path)
        return self._store

    # -- opening / creating --------------------------------------------------------------------
    def open_store(self, path, create: bool = False) -> ms.MeasureStore:
        """Open (or create) the store at ``path``, show its layers in the project, watch them."""
        path = Path(path)
        if create and not path.exists():
            crs = self.project.crs() if self.project.crs().isValid() and not self.project.crs().isGeographic() \
                else None
            store = ms.MeasureStore.create(path, crs, self.project.transformContext())
        else:
            store = ms.MeasureStore.open(path)
        ms.attach_to_project(store, self.project, self.lang)
        if self._store is not None and self._store is not store:
            self._store.close()
        store.listeners.append(self._schedule_changed)
        store.write_listeners.append(self.undo.store_wrote)
        self._store = store
        self._watch_layers()
        self.storeChanged.emit(store)
        self.measuresChanged.emit()
        return store

    def default_path(self) -> Optional[Path]:
        return ms.default_store_path(self.project)

    def reload(self) -> None:
        """Pick up the store the current project names (after a project was read)."""
        if self._store is not None:
            self._store.close()
        self._store = None
        try:
            self.current_store()
        except ms.StoreError as exc:
            bar = self.message_bar()
            if bar is not None:
                bar.pushWarning(self.tr("Measures"), str(exc))
            LOG.warning("%s", exc)
        self._watch_layers()
        self.storeChanged.emit(self._store)
        self.measuresChanged.emit()

    def layers(self) -> List[QgsVectorLayer]:
        if self._store is None:
            return []
        return list(ms.project_layers(self.project, self._store.path).values())

    def _watch_layers(self) -> None:
        for layer in self.layers():
            if any(w is layer for w in self._watched):
                continue
            self._watched.append(layer)
            self.autocommit.watch(layer)
            self.undo.watch(layer)
            for signal in (layer.afterCommitChanges, layer.featureAdded, layer.featureDeleted,
                           layer.attributeValueChanged, layer.geometryChanged, layer.dataChanged):
                signal.connect(self._schedule_changed)
                self._layer_connections.append((signal, self._schedule_changed))
            layer.willBeDeleted.connect(lambda lyr=layer: self._forget(lyr))

    def _forget(self, layer) -> None:
        self._watched = [w for w in self._watched if w is not layer]

    def _schedule_changed(self, *_args) -> None:
        self._changed_timer.start()

    # -- project life cycle --------------------------------------------------------------------
    def _project_read(self, *_args) -> None:
        self.reload()

    def _project_cleared(self) -> None:
        if self._store is not None:
            self._store.close()
        self._store = None
        self._watched = []
        self.storeChanged.emit(None)
        self.measuresChanged.emit()

    def _layers_added(self, layers) -> None:
        if self._store is not None:
            self._watch_layers()

    def _layers_will_be_removed(self, layer_ids) -> None:
        ids = {x if isinstance(x, str) else _alive_id(x) for x in layer_ids}  # ids or layers (overloads)
        self.flush_pending([lyr for lyr in self._watched if _alive_id(lyr) in ids])

    def flush_pending(self, layers: Optional[List[QgsVectorLayer]] = None) -> None:
        """Commit pending edits of the measure layers (project closing, layers removed, plugin unloading)."""
        if layers is None:
            layers = list(self._watched) + [lyr for lyr in self.layers() if not any(lyr is w for w in self._watched)]
        failures = ms.commit_pending(layers)
        for layer, errors, rescue in failures:
            text = self.tr("Edits of {0} could not be saved: {1}").format(layer.name(), " ".join(errors))
            if rescue is not None:
                text += " " + self.tr("A copy was written to {0}.").format(str(rescue))
            LOG.error("%s", text)
            bar = self.message_bar()
            if bar is not None:
                bar.pushCritical(self.tr("Measures"), text)

    def _commit_failed(self, layer, errors) -> None:
        text = self.tr("Edits of {0} could not be saved: {1}").format(layer.name(), " ".join(
            e.strip() for e in errors)) + " " + self.tr(
            "They stay in the layer's edit buffer; correct them or roll them back.")
        LOG.warning("%s", text)
        bar = self.message_bar()
        if bar is not None:
            bar.pushWarning(self.tr("Measures"), text)

    def _undo_failed(self, text: str) -> None:
        bar = self.message_bar()
        if bar is not None:
            bar.pushWarning(self.tr("Measures"), text)

    def shutdown(self) -> None:
        """Commit what is pending and disconnect from the project (idempotent)."""
        if self._shut_down:
            return
        self._shut_down = True
        try:
            self.flush_pending()
        except RuntimeError:
            pass
        disconnect_all(self._project_connections + self._layer_connections)
        self._project_connections = []
        self._layer_connections = []
        self.autocommit.unwatch_all()
        self.undo.unwatch_all()
        self._changed_timer.stop()
        if self._store is not None:
            self._store.close()


# --------------------------------------------------------------------------------------------
# models
# --------------------------------------------------------------------------------------------

COLUMNS = ("title", "status", "measure_type", "fields_of_action", "sozialraum", "ortsteil", "priority", "start_date",
           "end_date", "cost_investment", "cost_running", "origin", "target_group", "responsible")


class MeasuresTableModel(QAbstractTableModel):
    """Measures as rows; display values are the translated labels of the value lists."""

    def __init__(self, lang: str = "en", parent=None):
        super().__init__(parent)
        self.lang = lang
        self.records: List[Dict[str, Any]] = []
        self.facility_types = ms.facility_type_list()

    def set_records(self, records: List[Dict[str, Any]]) -> None:
        self.beginResetModel()
        self.records = list(records)
        self.endResetModel()

    def rowCount(self, parent=None):  # noqa: N802, D102
        return 0 if parent is not None and parent.isValid() else len(self.records)

    def columnCount(self, parent=None):  # noqa: N802, D102
        return 0 if parent is not None and parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802, D102
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return m.FIELDS_BY_NAME[COLUMNS[section]].label(self.lang)
        return None

    def display(self, rec: Dict[str, Any], name: str) -> str:
        value = rec.get(name)
        if value is None:
            return ""
        spec = m.FIELDS_BY_NAME[name]
        if spec.multi:
            return ", ".join(m.FIELDS_OF_ACTION.label(c, self.lang) for c in m.parse_code_list(value))
        vl = m.value_list(spec, self.facility_types)
        if vl is not None:
            return vl.label(value, self.lang)
        if spec.kind == "double":
            return QLocale().toString(float(value), "f", 0)
        if spec.kind == "date":
            d = m.to_date(value)
            return d.strftime("%d.%m.%Y") if self.lang == "de" else d.isoformat()
        return str(value)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):  # noqa: D102
        if not index.isValid():
            return None
        rec = self.records[index.row()]
        name = COLUMNS[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if role == Qt.ItemDataRole.ToolTipRole and name == "title":
                return rec.get("description") or rec.get("title")
            return self.display(rec, name)
        if role == RECORD_ROLE:
            return rec
        if role == SORT_ROLE:
            value = rec.get(name)
            if value is None:
                return -1e300 if m.FIELDS_BY_NAME[name].kind in ("double", "int") else ""
            return value if m.FIELDS_BY_NAME[name].kind in ("double", "int") else self.display(rec, name).casefold()
        if role == Qt.ItemDataRole.DecorationRole and name == "status":
            return QColor(ms.STATUS_COLOURS.get(rec.get("status"), "#ffffff"))
        if role == Qt.ItemDataRole.TextAlignmentRole and m.FIELDS_BY_NAME[name].kind in ("double", "int"):
            return ALIGN_RIGHT
        return None


class MeasuresFilterProxy(QSortFilterProxyModel):
    """Applies a :class:`isrp_plugin.core.measures.MeasureFilter`."""

    def __init__(self, lang: str = "en", parent=None):
        super().__init__(parent)
        self.lang = lang
        self.filter = m.MeasureFilter()
        self.setSortRole(SORT_ROLE)

    def set_filter(self, flt: m.MeasureFilter) -> None:
        self.filter = flt
        self.invalidateFilter()

    def filterAcceptsRow(self, row, parent):  # noqa: N802, D102
        rec = self.sourceModel().records[row]
        return self.filter.matches(rec, self.lang)

    def visible_records(self) -> List[Dict[str, Any]]:
        return [self.index(r, 0).data(RECORD_ROLE) for r in range(self.rowCount())]


class MeasuresSummaryModel(QAbstractTableModel):
    """Counts and costs per social space (core.measures.summarise_by_social_space) with a total row."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: List[Dict[str, Any]] = []

    def tr(self, message: str) -> str:  # noqa: D102
        return QCoreApplication.translate("MeasuresSummaryModel", message)

    def set_records(self, records) -> None:
        self.beginResetModel()
        rows = m.summarise_by_social_space(records)
        if rows:
            rows.append({"sozialraum_id": "*", "sozialraum": self.tr("Total"), "n": sum(r["n"] for r in rows),
                         "cost_investment": sum(r["cost_investment"] for r in rows),
                         "cost_running": sum(r["cost_running"] for r in rows),
                         "n_without_costs": sum(r["n_without_costs"] for r in rows), "total": True})
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent=None):  # noqa: N802, D102
        return 0 if parent is not None and parent.isValid() else len(self.rows)

    def columnCount(self, parent=None):  # noqa: N802, D102
        return 0 if parent is not None and parent.isValid() else 4

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802, D102
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (self.tr("Social space"), self.tr("Count"), self.tr("Investment €"),
                    self.tr("Running €/yr"))[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):  # noqa: D102
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                if row["sozialraum_id"] is None:
                    return self.tr("(outside all units)")
                return row.get("sozialraum") or row["sozialraum_id"]
            if col == 1:
                return QLocale().toString(int(row["n"]))
            return QLocale().toString(float(row["cost_investment" if col == 2 else "cost_running"]), "f", 0)
        if role == Qt.ItemDataRole.ToolTipRole and col == 2 and row.get("n_without_costs"):
            return self.tr("{0} of {1} measures have no investment figure").format(row["n_without_costs"], row["n"])
        if role == Qt.ItemDataRole.TextAlignmentRole and col > 0:
            return ALIGN_RIGHT
        if role == Qt.ItemDataRole.FontRole and row.get("total"):
            from qgis.PyQt.QtGui import QFont

            font = QFont()
            font.setBold(True)
            return font
        return None


# --------------------------------------------------------------------------------------------
# the dock
# --------------------------------------------------------------------------------------------


class MeasuresDock(QgsDockWidget):
    """List of measures with filters, actions and a summary per social space."""

    def __init__(self, manager: MeasuresManager, tool: Optional[MeasureMapTool] = None, iface=None,  # noqa: QGS105
                 parent=None):
        super().__init__(parent)
        self.manager = manager
        self.tool = tool
        self.iface = iface if iface is not None else manager.iface
        self.lang = manager.lang
        self.setObjectName("isrpMeasuresDock")
        self.setWindowTitle(self.tr("Measures"))
        body = QWidget(self)
        self.ui = FORM_CLASS()
        self.ui.setupUi(body)
        self.setWidget(body)

        self.model = MeasuresTableModel(self.lang, self)
        self.proxy = MeasuresFilterProxy(self.lang, self)
        self.proxy.setSourceModel(self.model)
        self.ui.tableMeasures.setModel(self.proxy)
        self.ui.tableMeasures.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        header = self.ui.tableMeasures.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        self.ui.tableMeasures.verticalHeader().setVisible(False)
        self.ui.tableMeasures.verticalHeader().setDefaultSectionSize(22)
        self.summary = MeasuresSummaryModel(self)
        self.ui.tableSummary.setModel(self.summary)
        self.ui.tableSummary.verticalHeader().setVisible(False)
        summary_header = self.ui.tableSummary.horizontalHeader()
        summary_header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        summary_header.setStretchLastSection(True)
        self.ui.tableSummary.verticalHeader().setDefaultSectionSize(20)

        self._setup_icons()
        self._setup_store_menu()
        self._setup_units_combo()
        self._setup_filters()
        self.status_menu = QMenu(self)
        self.ui.buttonStatus.setMenu(self.status_menu)
        self.status_menu.aboutToShow.connect(self._fill_status_menu)

        ui = self.ui
        ui.buttonNewPoint.clicked.connect(lambda: self.start_new("point"))
        ui.buttonNewArea.clicked.connect(lambda: self.start_new("area"))
        ui.buttonZoom.clicked.connect(self.zoom_to_selected)
        ui.buttonForm.clicked.connect(self.open_form_selected)
        ui.buttonDuplicate.clicked.connect(self.duplicate_selected)
        ui.buttonDelete.clicked.connect(self.delete_selected)
        ui.buttonRestore.clicked.connect(self.restore_dialog)
        ui.buttonSuggest.clicked.connect(lambda: self._planning_action("suggest"))
        ui.buttonScenario.clicked.connect(lambda: self._planning_action("scenario"))
        self._planning: Dict[str, Any] = {}
        ui.tableMeasures.doubleClicked.connect(lambda _i: self.zoom_to_selected())
        ui.tableMeasures.selectionModel().selectionChanged.connect(self._selection_changed)
        manager.measuresChanged.connect(self.refresh)
        manager.storeChanged.connect(self._store_changed)
        if tool is not None:
            tool.activated.connect(self._tool_state)
            tool.deactivated.connect(self._tool_state)
            tool.modeChanged.connect(lambda _m: self._tool_state())
        self._store_changed(manager._store)
        self.refresh()
        self._selection_changed()

    def tr(self, message: str) -> str:  # noqa: D102
        return QCoreApplication.translate("MeasuresDock", message)

    def set_planning_actions(self, suggest=None, scenario=None) -> None:
        """Connect the "Suggestions…" and "Scenario" buttons (the same calls as the ISRP menu)."""
        self._planning = {"suggest": suggest, "scenario": scenario}
        self.ui.buttonSuggest.setEnabled(suggest is not None)
        self.ui.buttonScenario.setEnabled(scenario is not None)

    def _planning_action(self, name: str):
        action = self._planning.get(name)
        return action() if action is not None else None

    # -- set-up ---------------------------------------------------------------------------------
    def _setup_icons(self) -> None:
        ui = self.ui
        ui.buttonStore.setIcon(_icon("measure_store.svg"))
        ui.buttonNewPoint.setIcon(_icon("measure_point.svg"))
        ui.buttonNewArea.setIcon(_icon("measure_area.svg"))
        theme = QgsApplication.getThemeIcon
        ui.buttonZoom.setIcon(theme("/mActionZoomToSelected.svg"))
        ui.buttonForm.setIcon(theme("/mActionFormView.svg"))
        ui.buttonStatus.setIcon(_icon("measure_status.svg"))
        ui.buttonDuplicate.setIcon(theme("/mActionDuplicateFeature.svg"))
        ui.buttonDelete.setIcon(theme("/mActionDeleteSelectedFeatures.svg"))
        ui.buttonRestore.setIcon(theme("/mActionUndo.svg"))
        self.setWindowIcon(_icon("measures.svg"))

    def _setup_store_menu(self) -> None:
        menu = QMenu(self)
        self.action_default_store = menu.addAction(self.tr("Create or open the project's measure store"))
        self.action_default_store.triggered.connect(self.create_or_open_default)
        menu.addAction(self.tr("Open measure store…")).triggered.connect(self.open_store_dialog)
        menu.addAction(self.tr("Create measure store at…")).triggered.connect(self.create_store_dialog)
        menu.addSeparator()
        reload_action = menu.addAction(QgsApplication.getThemeIcon("/mActionRefresh.svg"), self.tr("Reload from disk"))
        reload_action.triggered.connect(self.reload_from_disk)
        menu.addAction(QgsApplication.getThemeIcon("/mActionHistory.svg"),
                       self.tr("History of the selected measure…")).triggered.connect(self.show_history)
        menu.aboutToShow.connect(self._update_store_menu)
        self.ui.buttonStore.setMenu(menu)
        self.store_menu = menu

    def _update_store_menu(self) -> None:
        path = self.manager.default_path()
        self.action_default_store.setEnabled(True)
        self.action_default_store.setToolTip(str(path) if path else self.tr("Save the project first"))

    def _setup_units_combo(self) -> None:
        combo = self.ui.comboUnits
        filters = getattr(Qgis, "LayerFilter", None)
        combo.setFilters(filters.PolygonLayer if filters is not None else QgsMapLayerProxyModel.Filter.PolygonLayer)
        combo.setAllowEmptyLayer(True)
        combo.setLayer(self.manager.units_layer())
        combo.layerChanged.connect(self.manager.set_units_layer)
        self.manager.set_units_layer(combo.currentLayer())

    def _setup_filters(self) -> None:
        ui = self.ui
        self._fill_combo(ui.comboField, self.tr("All fields of action"), m.FIELDS_OF_ACTION)
        self._fill_combo(ui.comboStatus, self.tr("All statuses"), m.STATUSES)
        self._fill_combo(ui.comboTarget, self.tr("All target groups"), m.TARGET_GROUPS)
        self._fill_combo(ui.comboOrigin, self.tr("All origins"), m.ORIGINS)
        ui.comboSocialSpace.addItem(self.tr("All social spaces"), ANY)
        for combo in (ui.comboSocialSpace, ui.comboField, ui.comboStatus, ui.comboTarget, ui.comboOrigin):
            combo.currentIndexChanged.connect(self.apply_filter)
            combo.setSizeAdjustPolicy(combo.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(8)
        ui.editSearch.textChanged.connect(self.apply_filter)
        ui.buttonResetFilter.clicked.connect(self.reset_filter)

    def _fill_combo(self, combo, all_text: str, vl: m.ValueList) -> None:
        combo.addItem(all_text, ANY)
        for c in vl.choices:
            combo.addItem(c.label(self.lang), c.code)

    def _update_social_spaces(self) -> None:
        combo = self.ui.comboSocialSpace
        current = combo.currentData()
        spaces = {}
        outside = False
        for rec in self.model.records:
            sid = rec.get("sozialraum_id")
            if sid in (None, ""):
                outside = True
            else:
                spaces.setdefault(str(sid), rec.get("sozialraum") or str(sid))
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(self.tr("All social spaces"), ANY)
        for sid in sorted(spaces):
            combo.addItem(spaces[sid], sid)
        if outside:
            combo.addItem(self.tr("(outside all units)"), OUTSIDE)
        idx = combo.findData(current)
        combo.setCurrentIndex(idx if idx >= 0 else 0)
        combo.blockSignals(False)

    # -- state ----------------------------------------------------------------------------------
    def _store_changed(self, store) -> None:
        if store is None:
            self.ui.labelStore.setText(self.tr("No measure store open"))
            self.ui.labelStore.setToolTip("")
        else:
            self.ui.labelStore.setText(store.path.name)
            self.ui.labelStore.setToolTip(str(store.path))
        if self.ui.comboUnits.currentLayer() is None:  # a project was opened after the dock was made
            self.ui.comboUnits.setLayer(self.manager.units_layer())
        self.refresh()

    def _tool_state(self) -> None:
        try:
            active = self.tool is not None and self.iface is not None and \
                self.iface.mapCanvas().mapTool() is self.tool
        except RuntimeError:  # canvas or dock already deleted (QGIS closing)
            return
        self.ui.buttonNewPoint.setChecked(bool(active and self.tool.mode == "point"))
        self.ui.buttonNewArea.setChecked(bool(active and self.tool.mode == "area"))

    def refresh(self) -> None:
        """Reload the list from the store's layers (including unsaved edits of the layers)."""
        selected = self.selected_record()
        store = self.manager._store
        records = []
        if store is not None:
            try:
                records = store.records()
            except (ms.StoreError, RuntimeError) as exc:
                LOG.warning("Measures could not be read: %s", exc)
        self.model.set_records(records)
        self._update_social_spaces()
        self.apply_filter()
        if selected is not None:
            self.select_measure(selected.get("measure_id"))
        if not getattr(self, "_sized", False) and records:
            self.ui.tableMeasures.resizeColumnsToContents()
            header = self.ui.tableMeasures.horizontalHeader()
            header.resizeSection(0, min(max(header.sectionSize(0), 120), 220))
            self._sized = True

    def current_filter(self) -> m.MeasureFilter:
        ui = self.ui

        def val(combo):
            data = combo.currentData()
            return None if data == ANY or data is None and combo.currentIndex() <= 0 else data

        return m.MeasureFilter(sozialraum=val(ui.comboSocialSpace), field_of_action=val(ui.comboField),
                               status=val(ui.comboStatus), target_group=val(ui.comboTarget), origin=val(ui.comboOrigin),
                               text=ui.editSearch.text())

    def apply_filter(self, *_args) -> None:
        self.proxy.set_filter(self.current_filter())
        visible = self.proxy.visible_records()
        self.summary.set_records(visible)
        rows = max(1, min(self.summary.rowCount(), 8))
        table = self.ui.tableSummary
        header = table.horizontalHeader().sizeHint().height()
        scrollbar = table.horizontalScrollBar().sizeHint().height()
        table.setFixedHeight(header + rows * table.verticalHeader().defaultSectionSize() + 2 * table.frameWidth()
                             + scrollbar + 2)
        self.ui.labelCount.setText(self.tr("{0} of {1}").format(len(visible), len(self.model.records)))

    def reset_filter(self) -> None:
        for combo in (self.ui.comboSocialSpace, self.ui.comboField, self.ui.comboStatus, self.ui.comboTarget,
                      self.ui.comboOrigin):
            combo.setCurrentIndex(0)
        self.ui.editSearch.clear()

    def selected_record(self) -> Optional[Dict[str, Any]]:
        rows = self.ui.tableMeasures.selectionModel().selectedRows() if self.ui.tableMeasures.selectionModel() else []
        if not rows:
            return None
        return rows[0].data(RECORD_ROLE)

    def select_measure(self, measure_id: Optional[str]) -> bool:
        for row in range(self.proxy.rowCount()):
            rec = self.proxy.index(row, 0).data(RECORD_ROLE)
            if rec and rec.get("measure_id") == measure_id:
                self.ui.tableMeasures.selectRow(row)
                return True
        return False

    def _selection_changed(self, *_args) -> None:
        has = self.selected_record() is not None
        for button in (self.ui.buttonZoom, self.ui.buttonForm, self.ui.buttonStatus, self.ui.buttonDuplicate,
                       self.ui.buttonDelete):
            button.setEnabled(has)
        self.ui.buttonRestore.setEnabled(self.manager._store is not None)

    # -- messages -------------------------------------------------------------------------------
    def _message(self, level: str, text: str) -> None:
        bar = self.manager.message_bar()
        if bar is None:
            LOG.warning("%s", text)
            return
        title = self.tr("Measures")
        {"info": bar.pushInfo, "warning": bar.pushWarning, "critical": bar.pushCritical,
         "success": bar.pushSuccess}[level](title, text)

    def confirm(self, text: str) -> bool:
        """Ask a yes/no question (tests replace this)."""
        answer = QMessageBox.question(self, self.tr("Measures"), text,
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def _store_or_warn(self) -> Optional[ms.MeasureStore]:
        try:
            store = self.manager.current_store()
        except ms.StoreError as exc:
            self._message("critical", str(exc))
            return None
        if store is None:
            self._message("warning", self.tr("No measure store is open: use “Measure store” to create or open one."))
        return store

    # -- store actions --------------------------------------------------------------------------
    def create_or_open_default(self) -> Optional[ms.MeasureStore]:
        path = self.manager.default_path()
        if path is None:
            return self.create_store_dialog()
        return self._open(path, create=True)

    def _open(self, path, create: bool) -> Optional[ms.MeasureStore]:
        try:
            store = self.manager.open_store(path, create=create)
        except ms.StoreError as exc:
            self._message("critical", str(exc))
            return None
        self._message("success", self.tr("Measure store: {0}").format(str(store.path)))
        return store

    def open_store_dialog(self) -> Optional[ms.MeasureStore]:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open measure store"), self._start_dir(),
                                              self.tr("GeoPackage (*.gpkg)"))
        return self._open(path, create=False) if path else None

    def create_store_dialog(self) -> Optional[ms.MeasureStore]:
        default = self.manager.default_path()
        start = str(default) if default else str(Path(self._start_dir()) / "massnahmen.gpkg")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Create measure store"), start,
                                              self.tr("GeoPackage (*.gpkg)"))
        if not path:
            return None
        if not path.lower().endswith(".gpkg"):
            path += ".gpkg"
        return self._open(path, create=True)

    def _start_dir(self) -> str:
        home = self.manager.project.homePath()
        return home or str(Path.home())

    def reload_from_disk(self) -> None:
        for layer in self.manager.layers():
            if not layer.isModified():
                layer.reload()
        self.refresh()

    # -- measure actions ------------------------------------------------------------------------
    def start_new(self, mode: str) -> None:
        """Activate the map tool ('point' or 'area'). Without a store it still works: measures are
        then kept as unsaved drafts (the message says so) and can be saved elsewhere."""
        if self.tool is None or self.iface is None:
            return
        try:
            store = self.manager.current_store()
        except ms.StoreError as exc:
            store = None
            self._message("warning", str(exc))
        if store is None:
            self._message("warning", self.tr(
                "No measure store is open: new measures are kept as unsaved drafts. Use “Measure store” to "
                "create or open one."))
        self.tool.set_mode(mode)
        self.iface.mapCanvas().setMapTool(self.tool)
        self._tool_state()

    def _selected_layer_fid(self):
        rec = self.selected_record()
        store = self.manager._store
        if rec is None or store is None:
            return None, None, None
        return rec, store, (rec["_kind"], rec["_fid"])

    def zoom_to_selected(self) -> None:
        rec, store, key = self._selected_layer_fid()
        if rec is None or self.iface is None:
            return
        canvas = self.iface.mapCanvas()
        geom = QgsGeometry(rec["_geometry"])
        layer = store.layer(key[0])
        transform = QgsCoordinateTransform(layer.crs(), canvas.mapSettings().destinationCrs(),
                                           self.manager.project.transformContext())
        geom.transform(transform)
        box = geom.boundingBox()
        if box.width() < 1 or box.height() < 1:
            centre = box.center()
            half = 250 if not canvas.mapSettings().destinationCrs().isGeographic() else 0.003
            box = QgsRectangle(centre.x() - half, centre.y() - half, centre.x() + half, centre.y() + half)
        else:
            box.scale(1.3)
        canvas.setExtent(box)
        canvas.refresh()
        canvas.flashGeometries([QgsGeometry(rec["_geometry"])], layer.crs())

    def open_form_selected(self) -> bool:
        """Edit the selected measure in its form; OK writes the changes at once."""
        session = self.create_edit_form()
        if session is None:
            return False
        accepted = session.dialog.exec() == QDialog.DialogCode.Accepted
        return self.finish_edit_form(session, accepted)

    def create_edit_form(self) -> Optional[EditSession]:
        """The form of the selected measure, on a scratch copy of its layer (see :func:`ms.form_layer`).

        The status field only accepts the allowed transitions (a form constraint).
        """
        rec, store, key = self._selected_layer_fid()
        if rec is None:
            return None
        kind, fid = key
        ensure_editor_widgets(self.iface.mapCanvas() if self.iface is not None else None)
        layer = ms.form_layer(kind, store.attached_layer(kind), self.lang,
                              ms.lookup_layer(self.manager.project, store.path), store.crs)
        feat = QgsFeature(layer.fields())
        for spec in m.FIELDS:
            if layer.fields().indexOf(spec.name) >= 0:
                feat[spec.name] = ms.to_qgis(spec, rec.get(spec.name))
        if layer.fields().indexOf(ms.FID_COL) >= 0:
            feat[ms.FID_COL] = fid
        feat.setGeometry(QgsGeometry(rec["_geometry"]))
        layer.dataProvider().addFeatures([feat])
        feature = next(layer.getFeatures())
        self._restrict_status(layer, rec.get("status"))
        layer.startEditing()
        context = QgsAttributeEditorContext()
        if self.iface is not None:
            context.setMapCanvas(self.iface.mapCanvas())
        dialog = QgsAttributeDialog(layer, feature, False, self, True, context)
        dialog.setObjectName("isrpMeasureEditForm")
        dialog.setWindowTitle(self.tr("Measure: {0}").format(rec.get("title") or ""))
        fit_form_dialog(dialog)
        return EditSession(rec, kind, fid, layer, feature, dialog)

    def finish_edit_form(self, session: EditSession, accepted: bool) -> bool:
        """Write what the form changed (validated, in one transaction); False when nothing was saved."""
        layer = session.layer
        edited = QgsFeature(layer.getFeature(session.feature.id()))
        layer.rollBack()
        if not accepted:
            return False
        changes = {}
        for spec in m.FIELDS:
            if spec.name in m.STAMP_FIELDS or edited.fields().indexOf(spec.name) < 0:
                continue
            new = ms.to_sql(spec, edited[spec.name])
            if new != ms.to_sql(spec, session.record.get(spec.name)):
                changes[spec.name] = new
        if not changes:
            return True
        try:
            self.manager._store.update_measure(session.kind, session.fid, changes)
        except ms.StoreError as exc:
            self._message("critical", self.tr("The change could not be saved: {0}").format(str(exc)))
            return False
        self.refresh()
        return True

    def _restrict_status(self, layer, status: Optional[str]) -> None:
        idx = layer.fields().indexOf("status")
        if idx < 0 or not status:
            return
        allowed = (status,) + tuple(m.allowed_next(status))
        layer.setConstraintExpression(idx, "\"status\" IN (" + ", ".join(f"'{s}'" for s in allowed) + ")",
                                      self.tr("Allowed: {0}").format(", ".join(m.STATUSES.label(s, self.lang)
                                                                             for s in allowed)))
        layer.setFieldConstraint(idx, ms.EXPRESSION, ms.HARD)

    def _fill_status_menu(self) -> None:
        self.status_menu.clear()
        rec = self.selected_record()
        if rec is None:
            return
        for status in m.allowed_next(rec.get("status")):
            action = self.status_menu.addAction(m.STATUSES.label(status, self.lang))
            action.triggered.connect(lambda _checked=False, s=status: self.change_status(s))

    def change_status(self, status: str) -> bool:
        rec, store, key = self._selected_layer_fid()
        if rec is None:
            return False
        try:
            store.set_status(key[0], key[1], status)
        except ms.StoreError as exc:
            self._message("critical", str(exc))
            return False
        self.refresh()
        self._message("success", self.tr("“{0}” is now {1}.").format(rec.get("title"),
                                                                       m.STATUSES.label(status, self.lang)))
        return True

    def duplicate_selected(self) -> Optional[str]:
        rec, store, key = self._selected_layer_fid()
        if rec is None:
            return None
        try:
            _kind, _fid, measure_id = store.duplicate_measure(key[0], key[1], title_suffix=self.tr(" (copy)"))
        except ms.StoreError as exc:
            self._message("critical", str(exc))
            return None
        self.refresh()
        self.select_measure(measure_id)
        return measure_id

    def delete_selected(self) -> bool:
        rec, store, key = self._selected_layer_fid()
        if rec is None:
            return False
        if not self.confirm(self.tr("Delete the measure “{0}”? It can be restored from the history.").format(
                rec.get("title"))):
            return False
        try:
            store.delete_measure(key[0], key[1])
        except ms.StoreError as exc:
            self._message("critical", str(exc))
            return False
        self.refresh()
        return True

    def choose_deleted(self, deleted: List[Dict[str, Any]]) -> Optional[str]:
        """Let the user pick a deleted measure; returns its measure_id (tests replace this)."""
        labels = [self.tr("{0} (deleted {1} by {2})").format(d.get("title") or d["measure_id"], d["ts"][:16].replace(
            "T", " "), d.get("who") or "?") for d in deleted]
        item, ok = QInputDialog.getItem(self, self.tr("Restore a deleted measure"), self.tr("Deleted measures"),
                                        labels, 0, False)
        if not ok:
            return None
        return deleted[labels.index(item)]["measure_id"]

    def restore_dialog(self) -> Optional[str]:
        store = self._store_or_warn()
        if store is None:
            return None
        deleted = store.deleted_measures()
        if not deleted:
            self._message("info", self.tr("There are no deleted measures to restore."))
            return None
        measure_id = self.choose_deleted(deleted)
        if not measure_id:
            return None
        try:
            store.restore_measure(measure_id)
        except ms.StoreError as exc:
            self._message("critical", str(exc))
            return None
        for layer in self.manager.layers():
            layer.triggerRepaint()
        self.refresh()
        self.select_measure(measure_id)
        return measure_id

    def show_history(self) -> Optional[QDialog]:
        rec = self.selected_record()
        store = self.manager._store
        if rec is None or store is None:
            self._message("info", self.tr("Select a measure first."))
            return None
        dialog = MeasureHistoryDialog(store.history(rec["measure_id"]), rec.get("title") or "", self.lang, self)
        dialog.show()
        return dialog


class EditSession:
    """What :meth:`MeasuresDock.create_edit_form` opened: the record, the scratch layer, the dialog."""

    def __init__(self, record, kind, fid, layer, feature, dialog):
        self.record, self.kind, self.fid = record, kind, fid
        self.layer, self.feature, self.dialog = layer, feature, dialog


class MeasureHistoryDialog(QDialog):
    """The history of one measure: when, who, what changed (old → new)."""

    def __init__(self, rows, title: str, lang: str = "en", parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("History: {0}").format(title))
        self.resize(640, 360)
        layout = QVBoxLayout(self)
        table = QTableWidget(len(rows), 4, self)
        table.setHorizontalHeaderLabels([self.tr("When (UTC)"), self.tr("Who"), self.tr("Operation"),
                                         self.tr("Changes")])
        ops = {"insert": self.tr("created"), "update": self.tr("changed"), "delete": self.tr("deleted")}
        for r, row in enumerate(rows):
            changes = row.get("changes") or {}
            if row["op"] == "update":
                parts = []
                for name, pair in changes.items():
                    if name in ("geom", "fid") + m.STAMP_FIELDS:
                        if name == "geom":
                            parts.append(self.tr("geometry"))
                        continue
                    spec = m.FIELDS_BY_NAME.get(name)
                    label = spec.label(lang) if spec else name
                    parts.append(f"{label}: {self._value(spec, pair[0], lang)} → {self._value(spec, pair[1], lang)}")
                text = "; ".join(parts)
            else:
                text = changes.get("title") or ""
            for c, value in enumerate([str(row["ts"])[:19].replace("T", " "), row.get("who") or "?",
                                       ops.get(row["op"], row["op"]), text]):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                table.setItem(r, c, item)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.horizontalHeader().setStretchLastSection(True)
        table.resizeColumnsToContents()
        layout.addWidget(table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.table = table

    def tr(self, message: str) -> str:  # noqa: D102
        return QCoreApplication.translate("MeasureHistoryDialog", message)

    @staticmethod
    def _value(spec, value, lang: str) -> str:
        if value is None:
            return "–"
        if spec is not None and spec.multi:
            return ", ".join(m.FIELDS_OF_ACTION.label(c, lang) for c in m.parse_code_list(value)) or "–"
        vl = m.value_list(spec) if spec is not None else None
        return vl.label(value, lang) if vl is not None else str(value)


# --------------------------------------------------------------------------------------------
# wiring
# --------------------------------------------------------------------------------------------


def setup_measures_gui(plugin):
    """Create the Measures dock, the "New measure" map tool and action; called from ``initGui()``.

    Everything is registered with the plugin (``add_dock``, ``add_map_tool``, ``_add_action``) so
    ``unload()`` removes it; the manager commits pending edits and disconnects when the dock is
    deleted (or earlier via :func:`teardown_measures_gui`). Returns the dock.
    """
    iface = plugin.iface
    manager = MeasuresManager(iface)
    tool = MeasureMapTool(iface.mapCanvas(), manager, iface.mainWindow())
    plugin.add_map_tool(tool)
    dock = MeasuresDock(manager, tool, iface, iface.mainWindow())
    plugin.add_dock(dock, toggle_icon="measures.svg",
                    toggle_text=QCoreApplication.translate("MeasuresDock", "Measures"))

    def new_measure():
        dock.show()
        dock.raise_()
        dock.start_new("point")

    action = plugin._add_action(
        "measure_point.svg",
        QCoreApplication.translate("MeasuresDock", "New measure"),
        new_measure,
        QCoreApplication.translate("MeasuresDock",
                                   "Place a new measure on the map (point; area mode in the Measures dock)"),
    )
    action.setCheckable(True)
    tool.setAction(action)
    plugin.measures_manager = manager
    plugin.measures_dock = dock
    plugin.measures_tool = tool
    dock.destroyed.connect(lambda *_a, mgr=manager: mgr.shutdown())
    return dock


def teardown_measures_gui(plugin) -> None:
    """Commit pending measure edits and disconnect from the project (call early in ``unload()``)."""
    manager = getattr(plugin, "measures_manager", None)
    if manager is not None:
        manager.shutdown()
    plugin.measures_manager = None
    plugin.measures_dock = None
    plugin.measures_tool = None
