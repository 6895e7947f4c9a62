"""The Analyses dock: a tab widget; the "Accessibility" tab runs isrp:accessibility in the background.

The dock never computes: it collects the choices (facilities + type filter, demand + population
fields, units, network and mode, thresholds), starts the algorithm through
:func:`.tasks.run_algorithm` (a QgsProcessingAlgRunnerTask with progress and cancel), adds the
outputs to the project as styled layers and shows the per-unit summary in a sortable table.
Reruns are quick because the algorithm reuses the street network graph of the session cache.

Other analyses add their own tab with :meth:`AnalysesDock.add_tab`.
:func:`setup_analyses_gui` wires the dock into the plugin (menu/toolbar toggle, removed in unload()).
"""

from __future__ import annotations

import json
import logging
from typing import List, Optional

from qgis.core import (
    QgsExpression,
    QgsProcessing,
    QgsProject,
    QgsVectorLayer,
)
from qgis.gui import (
    QgsCheckableComboBox,
    QgsDockWidget,
    QgsDoubleSpinBox,
    QgsFieldComboBox,
    QgsMapLayerComboBox,
)
from qgis.PyQt.QtCore import QCoreApplication, QLocale, Qt, pyqtSlot
from qgis.PyQt.QtGui import QStandardItem
from qgis.PyQt.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..processing.alg_accessibility_common import DEFAULT_THRESHOLDS, parse_numbers, threshold_suffix
from ..processing.alg_accessibility_styles import AccessibilityStyles
from .tasks import run_algorithm
from .widgets import SORT_ROLE, inputs_and_results, layer_filter, log_box, road_class_combo, sortable_table

LOG = logging.getLogger("isrp_plugin.analyses")
ALG_ID = "isrp:accessibility"
ALIGN_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter

#: Layer names of the bundled Erfurt sample (pre-filled when present).
SAMPLE = {
    "facilities": "einrichtungen", "type_field": "typ", "type_value": "kita", "id_field": "fac_id",
    "demand": "nachfragepunkte", "population": ["pop_0_3", "pop_3_6"],
    "units": "ortsteile", "unit_id": "ot_id", "network": "strassennetz",
}
RESULT_GROUP = "ISRP"


def _number(value, decimals: int = 0) -> str:
    """A number in the UI language (QGIS's locale): 11.387 in German, 11,387 in English."""
    return QLocale().toString(float(value), "f", decimals)


def _find_layer(project: QgsProject, name: str) -> Optional[QgsVectorLayer]:
    for layer in project.mapLayers().values():
        if isinstance(layer, QgsVectorLayer) and layer.name().lower() == name.lower():
            return layer
    return None


class AccessibilityPanel(QWidget):
    """The "Accessibility" tab: inputs, Run/Cancel with progress, results table."""

    def __init__(self, project: Optional[QgsProject] = None, iface=None, parent=None):  # noqa: QGS105 - tests pass a mock
        super().__init__(parent)
        self.project = project or QgsProject.instance()
        self.iface = iface
        self.run = None
        self.result_layer_ids: List[str] = []
        self.last_results: dict = {}
        self._params: dict = {}
        self.points_layer = self.summary_layer = None
        self._build()
        self.prefill_from_project()
        self.project.readProject.connect(self._project_read)
        self.project.layersAdded.connect(self._layers_added)
        self.destroyed.connect(lambda *_: self._stop_run())  # plugin unloaded during a run

    @staticmethod
    def tr(message: str) -> str:
        return QCoreApplication.translate("AccessibilityPanel", message)

    # -- widgets -----------------------------------------------------------------------------------
    def _build(self) -> None:
        splitter, body, lay = inputs_and_results(self)

        box = QGroupBox(self.tr("Facilities"), body)
        form = QFormLayout(box)
        self.fac_layer = QgsMapLayerComboBox(box)
        self.fac_layer.setFilters(layer_filter("PointLayer"))
        self.fac_type_field = QgsFieldComboBox(box)
        self.fac_type_field.setAllowEmptyFieldName(True)
        self.fac_type_value = QComboBox(box)
        self.fac_type_value.setEditable(True)
        self.fac_type_value.setToolTip(self.tr("Only facilities whose type field has this value (empty: all)"))
        self.fac_id_field = QgsFieldComboBox(box)
        self.fac_id_field.setAllowEmptyFieldName(True)
        form.addRow(self.tr("Layer"), self.fac_layer)
        form.addRow(self.tr("Type field"), self.fac_type_field)
        form.addRow(self.tr("Type"), self.fac_type_value)
        form.addRow(self.tr("Id field"), self.fac_id_field)
        lay.addWidget(box)

        box = QGroupBox(self.tr("Demand"), body)
        form = QFormLayout(box)
        self.demand_layer = QgsMapLayerComboBox(box)
        self.demand_layer.setFilters(layer_filter("PointLayer"))
        self.population = QgsCheckableComboBox(box)
        self.population.setToolTip(self.tr("Population fields; several are added up (e.g. ages 0–3 and 3–6)"))
        form.addRow(self.tr("Layer"), self.demand_layer)
        form.addRow(self.tr("Population"), self.population)
        lay.addWidget(box)

        box = QGroupBox(self.tr("Units"), body)
        form = QFormLayout(box)
        self.units_layer = QgsMapLayerComboBox(box)
        self.units_layer.setFilters(layer_filter("PolygonLayer"))
        self.units_layer.setAllowEmptyLayer(True)
        self.unit_id_field = QgsFieldComboBox(box)
        form.addRow(self.tr("Layer"), self.units_layer)
        form.addRow(self.tr("Id field"), self.unit_id_field)
        lay.addWidget(box)

        box = QGroupBox(self.tr("Network and mode"), body)
        form = QFormLayout(box)
        self.network_layer = QgsMapLayerComboBox(box)
        self.network_layer.setFilters(layer_filter("LineLayer"))
        self.network_layer.setAllowEmptyLayer(True)
        self.mode = QComboBox(box)
        for key, text in (("walk", self.tr("walk")), ("bike", self.tr("bike")), ("car", self.tr("car")),
                          ("straight", self.tr("straight line"))):
            self.mode.addItem(text, key)
        self.road_class = road_class_combo(self.network_layer, box)
        self.road_class.setToolTip(self.tr("Speeds per road class and mode (help: “Speeds and road classes”); "
                                           "empty: one speed per mode"))
        form.addRow(self.tr("Network"), self.network_layer)
        form.addRow(self.tr("Mode"), self.mode)
        form.addRow(self.tr("Road class field"), self.road_class)
        lay.addWidget(box)

        box = QGroupBox(self.tr("Thresholds"), body)
        form = QFormLayout(box)
        self.cost_unit = QComboBox(box)
        self.cost_unit.addItem(self.tr("metres"), "distance")
        self.cost_unit.addItem(self.tr("minutes"), "time")
        self.thresholds = QLineEdit(box)
        self.thresholds.setText("300, 500, 1000")
        self.max_cost = QgsDoubleSpinBox(box)
        self.max_cost.setRange(0, 1e6)
        self.max_cost.setDecimals(0)
        self.max_cost.setSpecialValueText(self.tr("none"))
        self.max_cost.setClearValue(0)
        self.k = QSpinBox(box)
        self.k.setRange(1, 10)
        form.addRow(self.tr("Measure in"), self.cost_unit)
        form.addRow(self.tr("Thresholds"), self.thresholds)
        form.addRow(self.tr("Cut-off"), self.max_cost)
        form.addRow(self.tr("Nearest facilities (k)"), self.k)
        lay.addWidget(box)

        lay.addStretch(1)

        # results: always visible below the inputs (a splitter lets the user share the height)
        results = QWidget(splitter)
        lay = QVBoxLayout(results)
        lay.setContentsMargins(4, 4, 4, 0)
        row = QHBoxLayout()
        self.run_button = QPushButton(self.tr("Run"), results)
        self.cancel_button = QPushButton(self.tr("Cancel"), results)
        self.cancel_button.setEnabled(False)
        row.addWidget(self.run_button)
        row.addWidget(self.cancel_button)
        lay.addLayout(row)
        self.progress = QProgressBar(results)
        self.progress.setRange(0, 100)
        self.progress.setValue(0)
        lay.addWidget(self.progress)
        self.status = QLabel(results)  # short texts, no word wrap (wrapped labels get too little height)
        lay.addWidget(self.status)
        self.headline = QLabel(results)
        lay.addWidget(self.headline)
        self.model, self.proxy, self.table = sortable_table(self, results)
        lay.addWidget(self.table, 1)
        self.log_box, self.log = log_box(self.tr("Messages of the last run"), results)
        lay.addWidget(self.log_box)
        splitter.addWidget(results)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)

        self.fac_layer.layerChanged.connect(self._facilities_changed)
        self.fac_type_field.fieldChanged.connect(self._type_field_changed)
        self.demand_layer.layerChanged.connect(self._demand_changed)
        self.units_layer.layerChanged.connect(self.unit_id_field.setLayer)
        self.cost_unit.currentIndexChanged.connect(self._cost_unit_changed)
        self.mode.currentIndexChanged.connect(self._mode_changed)
        self.run_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.cancel)
        self._facilities_changed(self.fac_layer.currentLayer())
        self._demand_changed(self.demand_layer.currentLayer())
        self.unit_id_field.setLayer(self.units_layer.currentLayer())

    # -- reactions ---------------------------------------------------------------------------------
    def _facilities_changed(self, layer) -> None:
        self.fac_type_field.setLayer(layer)
        self.fac_id_field.setLayer(layer)
        self._type_field_changed(self.fac_type_field.currentField())

    def _type_field_changed(self, field: str) -> None:
        current = self.fac_type_value.currentText()
        self.fac_type_value.clear()
        layer = self.fac_layer.currentLayer()
        if not field or layer is None:
            return
        idx = layer.fields().lookupField(field)
        if idx < 0:
            return
        values = sorted({str(v) for v in layer.uniqueValues(idx) if v is not None and str(v) != "NULL"})
        self.fac_type_value.addItems([""] + values)
        self.fac_type_value.setCurrentText(current if current in values else "")

    def _demand_changed(self, layer) -> None:
        checked = set(self.population.checkedItems())
        self.population.clear()
        if layer is None:
            return
        names = [f.name() for f in layer.fields() if f.isNumeric() and f.name().lower() != "fid"]
        self.population.addItems(names)
        self.population.setCheckedItems([n for n in names if n in checked])

    def _cost_unit_changed(self) -> None:
        key = self.cost_unit.currentData()
        other = "time" if key == "distance" else "distance"
        defaults = {k: ", ".join(f"{v:g}" for v in vals) for k, vals in DEFAULT_THRESHOLDS.items()}
        if self.thresholds.text().strip() in ("", defaults[other]):
            self.thresholds.setText(defaults[key])

    def _mode_changed(self) -> None:
        self.network_layer.setEnabled(self.mode.currentData() != "straight")
        self.road_class.setEnabled(self.mode.currentData() != "straight")

    def _project_read(self, *args) -> None:
        self.prefill_from_project()

    def _layers_added(self, layers) -> None:
        names = {lyr.name().lower() for lyr in layers}
        if names & {SAMPLE["facilities"], SAMPLE["demand"], SAMPLE["network"], SAMPLE["units"]}:
            self.prefill_from_project()

    def prefill_from_project(self) -> None:
        """Choose the Erfurt sample's layers and fields when the project has them (Kitas, children under 6)."""
        p = self.project
        fac = _find_layer(p, SAMPLE["facilities"])
        if fac is not None:
            self.fac_layer.setLayer(fac)
            self._facilities_changed(fac)
            if fac.fields().lookupField(SAMPLE["type_field"]) >= 0:
                self.fac_type_field.setField(SAMPLE["type_field"])
                self._type_field_changed(SAMPLE["type_field"])
                self.fac_type_value.setCurrentText(SAMPLE["type_value"])
            if fac.fields().lookupField(SAMPLE["id_field"]) >= 0:
                self.fac_id_field.setField(SAMPLE["id_field"])
        demand = _find_layer(p, SAMPLE["demand"])
        if demand is not None:
            self.demand_layer.setLayer(demand)
            self._demand_changed(demand)
            self.population.setCheckedItems([f for f in SAMPLE["population"] if demand.fields().lookupField(f) >= 0])
        units = _find_layer(p, SAMPLE["units"])
        if units is not None:
            self.units_layer.setLayer(units)
            self.unit_id_field.setLayer(units)
            if units.fields().lookupField(SAMPLE["unit_id"]) >= 0:
                self.unit_id_field.setField(SAMPLE["unit_id"])
        network = _find_layer(p, SAMPLE["network"])
        if network is not None:
            self.network_layer.setLayer(network)
            self.mode.setCurrentIndex(0)

    # -- running -----------------------------------------------------------------------------------
    def facility_filter(self) -> str:
        field = self.fac_type_field.currentField()
        value = self.fac_type_value.currentText().strip()
        if not field or not value:
            return ""
        return QgsExpression.createFieldEqualityExpression(field, value)

    def parameters(self) -> dict:
        """The isrp:accessibility parameters of the current choices (ValueError with a message if incomplete)."""
        fac = self.fac_layer.currentLayer()
        demand = self.demand_layer.currentLayer()
        if fac is None or demand is None:
            raise ValueError(self.tr("Choose a facilities layer and a demand layer."))
        mode = self.mode.currentIndex()
        network = self.network_layer.currentLayer()
        if self.mode.currentData() != "straight" and network is None:
            raise ValueError(self.tr("Choose a street network or the straight-line mode."))
        try:
            parse_numbers(self.thresholds.text())
        except ValueError as err:
            raise ValueError(self.tr("Thresholds: “{0}” is not a positive number.").format(err.args[0])) from None
        units = self.units_layer.currentLayer()
        params = {
            "NETWORK": network.id() if network is not None and self.mode.currentData() != "straight" else None,
            "ROAD_CLASS_FIELD": self.road_class.currentField() or None,
            "DEMAND": demand.id(),
            "FACILITIES": fac.id(),
            "FACILITY_ID_FIELD": self.fac_id_field.currentField() or None,
            "FACILITY_FILTER": self.facility_filter(),
            "MODE": mode,
            "COST_UNIT": self.cost_unit.currentIndex(),
            "MAX_COST": float(self.max_cost.value()),
            "K": int(self.k.value()),
            "POPULATION_FIELD": list(self.population.checkedItems()),
            "THRESHOLDS": self.thresholds.text(),
            "OUTPUT": QgsProcessing.TEMPORARY_OUTPUT,
        }
        if units is not None:
            params.update({"UNITS": units.id(), "UNIT_ID_FIELD": self.unit_id_field.currentField() or None,
                           "OUTPUT_UNITS": QgsProcessing.TEMPORARY_OUTPUT})
        return params

    def start(self) -> bool:
        """Start isrp:accessibility in the background; False (and a message) when the choices are incomplete."""
        if self.run is not None:
            return False
        try:
            params = self.parameters()
        except ValueError as err:
            self.status.setText(str(err))
            return False
        self._params = params
        self.progress.setValue(0)
        self.status.setText(self.tr("Running …"))
        self.run_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.run = run_algorithm(ALG_ID, params, self._done, project=self.project,
                                 description=self.tr("ISRP accessibility"))
        self.run.feedback.progressChanged.connect(self._progress)
        return True

    @pyqtSlot(float)
    def _progress(self, value: float) -> None:
        self.progress.setValue(int(round(value)))

    def _stop_run(self) -> None:
        """Cancel a running analysis without touching widgets (they may be gone)."""
        run, self.run = self.run, None
        if run is not None:
            run.cancel()

    def cancel(self) -> None:
        if self.run is not None:
            self.status.setText(self.tr("Cancelling …"))
            self.run.cancel(report_now=True)  # free at once; the worker stops at its next check

    def _done(self, ok: bool, results: dict, run) -> None:
        try:
            self.run_button.isEnabled()
        except RuntimeError:  # the dock was deleted (plugin unloaded) while the run was going on
            return
        self.run = None
        self.run_button.setEnabled(True)
        self.cancel_button.setEnabled(False)
        log = run.feedback.textLog() if hasattr(run.feedback, "textLog") else ""
        self.log.setPlainText(log)
        if not ok or not results:
            if run.feedback.isCanceled():
                self.status.setText(self.tr("Cancelled."))
            else:
                lines = [ln for ln in log.splitlines() if ln.strip()]
                self.status.setText(self.tr("The run failed, see the messages below."))
                self.status.setToolTip(lines[-1] if lines else "")
                self.log_box.setCollapsed(False)
            self.progress.setValue(0)
            return
        self.progress.setValue(100)
        self.last_results = dict(results)
        try:
            self._add_results(results, run)
        except Exception as err:  # noqa: BLE001 - a slot must never raise into Qt (that aborts QGIS)
            LOG.exception("adding the accessibility results failed")
            self.status.setText(self.tr("The results could not be shown: {0}").format(err))

    # -- results -----------------------------------------------------------------------------------
    def _add_results(self, results: dict, run) -> None:
        params = self._params
        thresholds = parse_numbers(params["THRESHOLDS"]) or list(
            DEFAULT_THRESHOLDS["distance" if params["COST_UNIT"] == 0 else "time"])
        cost = "distance" if params["COST_UNIT"] == 0 else "time"
        unit = "m" if cost == "distance" else "min"
        what = self.fac_type_value.currentText().strip() or self.fac_layer.currentLayer().name()
        mode = self.mode.currentText()
        for lid in self.result_layer_ids:  # a rerun replaces the previous results
            if self.project.mapLayer(lid) is not None:
                self.project.removeMapLayer(lid)
        self.result_layer_ids = []
        root = self.project.layerTreeRoot()
        group = root.findGroup(RESULT_GROUP) or root.insertGroup(0, RESULT_GROUP)
        units_layer = None
        if results.get("OUTPUT_UNITS"):
            units_layer = run.context.takeResultLayer(results["OUTPUT_UNITS"])
            if units_layer is not None:
                units_layer.setName(self.tr("{0} – accessibility per unit ({1})").format(what, mode))
                mid = thresholds[len(thresholds) // 2]
                AccessibilityStyles.apply(units_layer, "units", share_field=f"share_{threshold_suffix(mid, cost)}",
                                          threshold_label=f"{mid:g} {unit}")
                self.project.addMapLayer(units_layer, False)
                group.insertLayer(0, units_layer)
                self.result_layer_ids.append(units_layer.id())
        points = run.context.takeResultLayer(results["OUTPUT"]) if results.get("OUTPUT") else None
        if points is not None:
            points.setName(self.tr("{0} – accessibility ({1})").format(what, mode))
            AccessibilityStyles.apply(points, "points", field="dist_m" if cost == "distance" else "time_min",
                                      thresholds=thresholds, unit=unit)
            self.project.addMapLayer(points, False)
            group.insertLayer(0, points)
            self.result_layer_ids.append(points.id())
        self.points_layer, self.summary_layer = points, units_layer
        self._fill_table(units_layer, thresholds, cost)
        self._headline(results, thresholds, unit)
        self.status.setText(self.tr("Done: {0} demand points.").format(_number(results.get("DEMAND_POINTS", 0))))
        self.status.setToolTip(self.tr("The result layers are in the layer group “{0}”.").format(RESULT_GROUP))

    def _headline(self, results: dict, thresholds, unit: str) -> None:
        """Three short lines: population and mean/median, shares within the thresholds, unreached population."""
        try:
            shares = json.loads(results.get("SHARES") or "{}")
        except ValueError:
            shares = {}

        def fmt(value):
            return f"{_number(value, 0 if unit == 'm' else 1)} {unit}"

        first = [self.tr("Population {0}").format(_number(results.get("POPULATION") or 0))]
        if results.get("MEAN") is not None:
            first.append(self.tr("mean {0}").format(fmt(results["MEAN"])))
        if results.get("MEDIAN") is not None:
            first.append(self.tr("median {0}").format(fmt(results["MEDIAN"])))
        within = [f"{t:g} {unit}: {shares[f'{t:g}']:.0%}" for t in thresholds if shares.get(f"{t:g}") is not None]
        lines = [" · ".join(first)]
        if within:
            lines.append(self.tr("Within {0}").format(" · ".join(within)))
        lines.append(self.tr("Reach no facility: population {0} ({1} points)").format(
            _number(results.get("POPULATION_UNREACHED") or 0), _number(results.get("UNREACHED_POINTS") or 0)))
        self.headline.setText("\n".join(lines))

    def _fill_table(self, layer, thresholds, cost: str) -> None:
        self.model.clear()
        if layer is None:
            return
        unit = "m" if cost == "distance" else "min"
        id_field = self.unit_id_field.currentField()
        names = layer.fields().names()
        columns = []  # (field, header, kind)
        if id_field and id_field in names:
            columns.append((id_field, self.tr("Unit"), "text"))
        if "name" in names and id_field != "name":
            columns.append(("name", self.tr("Name"), "text"))
        columns += [("population", self.tr("Population"), "int"), (f"mean_{unit}", self.tr("Mean ({0})").format(unit),
                                                                     "num"),
                    (f"median_{unit}", self.tr("Median ({0})").format(unit), "num")]
        for t in thresholds:
            columns.append((f"share_{threshold_suffix(t, cost)}", self.tr("≤ {0:g} {1}").format(t, unit), "pct"))
        columns.append(("pop_unreached", self.tr("No facility"), "int"))
        self.model.setHorizontalHeaderLabels([c[1] for c in columns])
        for feat in layer.getFeatures():
            row = []
            for field, _, kind in columns:
                value = feat[field] if field in names else None
                if value is not None and hasattr(value, "isNull") and value.isNull():
                    value = None
                item = QStandardItem()
                if value is None:
                    text = "–" if kind != "text" else self.tr("(no unit)")
                    sort = float("inf") if kind != "text" else "\uffff"
                elif kind == "text":
                    text, sort = str(value), str(value)
                elif kind == "int":
                    text, sort = _number(value), float(value)
                elif kind == "pct":
                    text, sort = f"{float(value):.0%}", float(value)
                else:
                    text, sort = _number(value, 0 if unit == "m" else 1), float(value)
                item.setText(text)
                item.setData(sort, SORT_ROLE)
                if kind != "text":
                    item.setTextAlignment(ALIGN_RIGHT)
                row.append(item)
            self.model.appendRow(row)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)


class AnalysesDock(QgsDockWidget):
    """The dock: one tab per analysis ("Accessibility" first; others via :meth:`add_tab`)."""

    def __init__(self, iface=None, project: Optional[QgsProject] = None, parent=None):  # noqa: QGS105 - tests pass a mock
        super().__init__(parent)
        self.setObjectName("IsrpAnalysesDock")
        self.setWindowTitle(self.tr("ISRP analyses"))
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("IsrpAnalysesTabs")
        self.accessibility = AccessibilityPanel(project, iface, self.tabs)
        self.tabs.addTab(self.accessibility, self.tr("Accessibility"))
        self.setWidget(self.tabs)

    @staticmethod
    def tr(message: str) -> str:
        return QCoreApplication.translate("AnalysesDock", message)

    def add_tab(self, widget: QWidget, title: str, icon=None) -> int:
        """Add another analysis tab; returns its index."""
        return self.tabs.addTab(widget, icon, title) if icon is not None else self.tabs.addTab(widget, title)


def setup_analyses_gui(plugin) -> AnalysesDock:
    """Create the Analyses dock and register it with the plugin (toggle action in menu and toolbar)."""
    dock = AnalysesDock(plugin.iface, QgsProject.instance(), plugin.iface.mainWindow())
    plugin.add_dock(dock, toggle_icon="analyses.svg",
                    toggle_text=QCoreApplication.translate("AnalysesDock", "Analyses (accessibility)"))
    return dock
