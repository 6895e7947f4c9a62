"""The "Coverage" tab of the Analyses dock: standards table + isrp:coverage in the background.

The tab never computes. It edits this project's standards catalogue with the shared
:class:`.standards_editor.StandardsEditor` (validated by ``core.standards``, saved in the QGIS
project under ``QgsProject.writeEntry("isrp", "standards")``, CSV import/export; a project without
one shows the user's default catalogue of the ISRP options page),
collects the choices (facility type → standard, units, demand and target group, facilities with
filter and capacity, method, mode/network, catchment, decay), starts ``isrp:coverage`` through
:func:`.tasks.run_algorithm` (progress, cancel), adds the result layers to the project (coverage
ratio diverging around 100 %, A_i per point) and shows need, supply, ratio and gap per unit in a
sortable table that can be exported as CSV or XLSX (GDAL's XLSX driver via QgsVectorFileWriter).

:func:`add_coverage_tab` puts the tab into the Analyses dock (``AnalysesDock.add_tab`` /
``dock.tabs``).
"""

from __future__ import annotations

import csv
import logging
import math
from pathlib import Path
from typing import List, Optional

from qgis.core import (
    QgsCoordinateTransformContext,
    QgsExpression,
    QgsFeature,
    QgsProcessing,
    QgsProject,
    QgsVectorFileWriter,
    QgsVectorLayer,
)
from qgis.gui import (
    QgsCheckableComboBox,
    QgsCollapsibleGroupBox,
    QgsDoubleSpinBox,
    QgsFieldComboBox,
    QgsFieldExpressionWidget,
    QgsMapLayerComboBox,
)
from qgis.PyQt.QtCore import QCoreApplication, Qt, pyqtSignal, pyqtSlot
from qgis.PyQt.QtGui import QColor, QStandardItem
from qgis.PyQt.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..core.standards import Standard, StandardsError
from ..processing.alg_coverage import (
    METHOD_KEYS,
    CoverageStyles,
    project_standards_text,
    read_project_standards,
    write_project_standards,
)
from ..qgis_io.compat import is_null
from ..qgis_io.settings import user_default_standards
from .standards_editor import DECAYS, StandardsEditor
from .tasks import run_algorithm
from .widgets import SORT_ROLE, inputs_and_results, layer_filter, log_box, road_class_combo, sortable_table

LOG = logging.getLogger("isrp_plugin.coverage")
ALG_ID = "isrp:coverage"
RAW_ROLE = 258  # the exported value (number or text, None for NULL)
ALIGN_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
RESULT_GROUP = "ISRP"

#: Layer and field names of the bundled Erfurt sample (pre-filled when present).
SAMPLE = {"facilities": "einrichtungen", "demand": "nachfragepunkte", "units": "ortsteile", "unit_id": "ot_id",
          "network": "strassennetz", "type_field": "typ", "id_field": "fac_id"}
#: Facility type value and capacity expression per standard, used when the facility layer has them
#: (the sample's values; any other layer: the user sets filter and capacity).
TYPE_HINTS = {
    "kita_u3": ("kita", "\"capacity_u3\""),
    "kita_3_6": ("kita", "\"capacity\" - \"capacity_u3\""),
    "primary_school": ("schule", "\"capacity\""),
    "playground": ("spielplatz", "\"capacity\""),
    "playground_u6": ("spielplatz", "\"capacity\""),
    "playground_6_12": ("spielplatz", "\"capacity\""),
    "playground_12p": ("spielplatz", "\"capacity\""),
    "youth_club": ("jugendclub", "\"capacity\""),
    "senior_meeting": ("seniorentreff", "\"capacity\""),
    "family_centre": ("familienzentrum", "\"capacity\""),
    "counselling": ("beratung", "\"capacity\""),
}


def _find_layer(project: QgsProject, name: str) -> Optional[QgsVectorLayer]:
    for layer in project.mapLayers().values():
        if isinstance(layer, QgsVectorLayer) and layer.name().lower() == name.lower():
            return layer
    return None


def _lang() -> str:
    try:
        from ..plugin import ui_language

        return "de" if ui_language() == "de" else "en"
    except Exception:  # noqa: BLE001 - outside QGIS settings
        return "en"


class StandardsTable(StandardsEditor):
    """This project's standards catalogue: shown from the project, saved in it on every valid edit.

    A project without a catalogue of its own shows the user's default catalogue (Settings ▸
    Options ▸ ISRP ▸ Standards), which is also what "Reset to my defaults" restores.
    """

    #: emitted when the catalogue was loaded or saved (the facility type combo follows it)
    standardsChanged = pyqtSignal()  # noqa: N815 - Qt signal naming

    def __init__(self, project: QgsProject, parent=None):
        # Own strings use QCoreApplication.translate("StandardsTable", ...): the inherited tr belongs to the editor.
        super().__init__(
            caption=QCoreApplication.translate(
                "StandardsTable", "The catalogue of this project, saved in the project file. New projects start "
                "from your default catalogue (Settings ▸ Options ▸ ISRP ▸ Standards)."),
            reset_text=QCoreApplication.translate("StandardsTable", "Reset to my defaults"),
            reset_tooltip=QCoreApplication.translate(
                "StandardsTable", "Replace this project's standards with your default catalogue "
                "(Settings ▸ Options ▸ ISRP ▸ Standards)"),
            reset_source=user_default_standards,
            parent=parent,
        )
        self.project = project
        self.edited.connect(self.save)
        self.load_from_project()

    def save(self) -> bool:
        """Save the table in the project (only when valid)."""
        if not self.validate():
            return False
        write_project_standards(self.project, self.standards.values())
        self.show_status(QCoreApplication.translate("StandardsTable", "{0} standards, saved in the project.")
                         .format(len(self.standards)))
        self.standardsChanged.emit()
        return True

    def save_if_default(self) -> None:
        """Keep the shown catalogue in a project that has none yet (the one a result was computed with)."""
        if self.valid and not project_standards_text(self.project).strip():
            write_project_standards(self.project, self.standards.values())

    def load_from_project(self) -> None:
        """Show the project's catalogue, or the user's default one when the project has none."""
        try:
            standards, origin = read_project_standards(self.project)
        except StandardsError as err:
            LOG.warning("the project's standards are invalid, your defaults shown: %s", err)
            standards, origin = user_default_standards(), "default"
        self.set_standards(standards.values())
        if origin == "project":
            text = QCoreApplication.translate("StandardsTable", "{0} standards from the project.")
        else:
            text = QCoreApplication.translate(
                "StandardsTable", "{0} standards from your default catalogue (verify locally); edits are saved in "
                "the project.")
        self.show_status(text.format(len(standards)))
        self.standardsChanged.emit()


class CoverageTab(QWidget):
    """Inputs, standards, Run/Cancel with progress, results table with export."""

    def __init__(self, project: Optional[QgsProject] = None, iface=None, parent=None):  # noqa: QGS105
        super().__init__(parent)
        self.project = project or QgsProject.instance()
        self.iface = iface
        self.run = None
        self.result_layer_ids: List[str] = []
        self.last_results: dict = {}
        self._params: dict = {}
        self.units_layer = self.points_layer = None
        self.lang = _lang()
        self._build()
        self.prefill_from_project()
        self.project.readProject.connect(self._project_read)
        self.project.layersAdded.connect(self._layers_added)

    @staticmethod
    def tr(message: str) -> str:
        return QCoreApplication.translate("CoverageTab", message)

    # -- widgets -----------------------------------------------------------------------------------
    def _build(self) -> None:
        splitter, body, lay = inputs_and_results(self)

        box = QGroupBox(self.tr("Facility type and standard"), body)
        form = QFormLayout(box)
        self.standard = QComboBox(box)
        self.standard.setToolTip(self.tr("The standard of the facility type (catalogue below)"))
        self.standard_info = QLabel(box)
        self.standard_info.setWordWrap(True)
        form.addRow(self.tr("Facility type"), self.standard)
        form.addRow(self.standard_info)
        lay.addWidget(box)

        box = QGroupBox(self.tr("Units"), body)
        form = QFormLayout(box)
        self.units = QgsMapLayerComboBox(box)
        self.units.setFilters(layer_filter("PolygonLayer"))
        self.unit_id = QgsFieldComboBox(box)
        form.addRow(self.tr("Layer"), self.units)
        form.addRow(self.tr("Id field"), self.unit_id)
        lay.addWidget(box)

        box = QGroupBox(self.tr("Demand"), body)
        form = QFormLayout(box)
        self.demand = QgsMapLayerComboBox(box)
        self.demand.setFilters(layer_filter("PointLayer"))
        self.population = QgsCheckableComboBox(box)
        self.population.setToolTip(self.tr("The age bands of the target group; as given by the standard unless "
                                           "you change them (then they are added up without shares)"))
        self.population_info = QLabel(box)
        self.population_info.setWordWrap(True)
        form.addRow(self.tr("Layer"), self.demand)
        form.addRow(self.tr("Target group"), self.population)
        form.addRow(self.population_info)
        lay.addWidget(box)

        box = QGroupBox(self.tr("Facilities"), body)
        form = QFormLayout(box)
        self.facilities = QgsMapLayerComboBox(box)
        self.facilities.setFilters(layer_filter("PointLayer"))
        self.filter = QgsFieldExpressionWidget(box)
        self.filter.setToolTip(self.tr("Only facilities matching this expression (empty: all)"))
        self.capacity = QgsFieldExpressionWidget(box)
        self.capacity.setToolTip(self.tr("Places (or m² …) per facility: a field or an expression"))
        form.addRow(self.tr("Layer"), self.facilities)
        form.addRow(self.tr("Filter"), self.filter)
        form.addRow(self.tr("Capacity"), self.capacity)
        lay.addWidget(box)

        box = QGroupBox(self.tr("Method"), body)
        form = QFormLayout(box)
        self.method = QComboBox(box)
        for key, text in zip(METHOD_KEYS, (self.tr("container (facilities in the unit)"), self.tr("2SFCA"),
                                           self.tr("E2SFCA (with distance decay)"))):
            self.method.addItem(text, key)
        self.method.setCurrentIndex(1)
        self.mode = QComboBox(box)
        for key, text in (("walk", self.tr("walk")), ("bike", self.tr("bike")), ("car", self.tr("car")),
                          ("straight", self.tr("straight line"))):
            self.mode.addItem(text, key)
        self.network = QgsMapLayerComboBox(box)
        self.network.setFilters(layer_filter("LineLayer"))
        self.network.setAllowEmptyLayer(True)
        catchment_row = QHBoxLayout()
        self.catchment = QgsDoubleSpinBox(box)
        self.catchment.setRange(0, 1e6)
        self.catchment.setDecimals(1)
        self.catchment.setSpecialValueText(self.tr("from the standard"))
        self.cost_unit = QComboBox(box)
        self.cost_unit.addItem(self.tr("metres"), "distance")
        self.cost_unit.addItem(self.tr("minutes"), "time")
        catchment_row.addWidget(self.catchment, 1)
        catchment_row.addWidget(self.cost_unit)
        self.decay = QComboBox(box)
        self.decay.setEditable(True)
        self.decay.addItems(list(DECAYS))
        self.decay.setToolTip(self.tr("E2SFCA distance decay: none, step, linear, gaussian, or e.g. "
                                      "step(300:1, 600:0.6, 1000:0.2), gaussian(w_d0=0.05)"))
        form.addRow(self.tr("Method"), self.method)
        form.addRow(self.tr("Mode"), self.mode)
        self.road_class = road_class_combo(self.network, box)
        self.road_class.setToolTip(self.tr("Speeds per road class and mode (help: “Speeds and road classes”); "
                                           "empty: one speed per mode"))
        form.addRow(self.tr("Network"), self.network)
        form.addRow(self.tr("Road class field"), self.road_class)
        form.addRow(self.tr("Catchment"), catchment_row)
        form.addRow(self.tr("Decay"), self.decay)
        lay.addWidget(box)

        self.standards_box = QgsCollapsibleGroupBox(self.tr("Standards of this project"), body)
        self.standards_box.setSaveCollapsedState(False)
        self.standards_box.setCollapsed(True)
        sl = QVBoxLayout(self.standards_box)
        self.standards = StandardsTable(self.project, self.standards_box)
        self.standards.standardsChanged.connect(self._standards_changed)
        sl.addWidget(self.standards)
        lay.addWidget(self.standards_box)
        lay.addStretch(1)

        results = QWidget(splitter)
        lay = QVBoxLayout(results)
        lay.setContentsMargins(4, 4, 4, 0)
        row = QHBoxLayout()
        self.run_button = QPushButton(self.tr("Run"), results)
        self.cancel_button = QPushButton(self.tr("Cancel"), results)
        self.cancel_button.setEnabled(False)
        self.export_button = QPushButton(self.tr("Export table…"), results)
        self.export_button.setEnabled(False)
        row.addWidget(self.run_button)
        row.addWidget(self.cancel_button)
        row.addStretch(1)
        row.addWidget(self.export_button)
        lay.addLayout(row)
        self.progress = QProgressBar(results)
        self.progress.setRange(0, 100)
        self.progress.setValue(0)
        lay.addWidget(self.progress)
        self.status = QLabel(results)
        lay.addWidget(self.status)
        self.headline = QLabel(results)
        lay.addWidget(self.headline)
        self.model, self.proxy, self.table = sortable_table(self, results)
        lay.addWidget(self.table, 1)
        self.log_box, self.log = log_box(self.tr("Messages of the last run"), results)
        lay.addWidget(self.log_box)
        splitter.addWidget(results)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)

        self.standard.currentIndexChanged.connect(self._standard_changed)
        self.units.layerChanged.connect(self.unit_id.setLayer)
        self.demand.layerChanged.connect(self._demand_changed)
        self.population.checkedItemsChanged.connect(self._population_changed)
        self.facilities.layerChanged.connect(self._facilities_changed)
        self.method.currentIndexChanged.connect(self._method_changed)
        self.mode.currentIndexChanged.connect(self._mode_changed)
        self.run_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.cancel)
        self.export_button.clicked.connect(lambda: self.export_table())
        self.unit_id.setLayer(self.units.currentLayer())
        self._demand_changed(self.demand.currentLayer())
        self._facilities_changed(self.facilities.currentLayer())
        self._standards_changed()
        self._method_changed()

    # -- standards / facility type -------------------------------------------------------------------
    def current_standard(self) -> Optional[Standard]:
        sid = self.standard.currentData()
        return self.standards.standards.get(sid) if sid else None

    def _label(self, s: Standard) -> str:
        return (s.label_de if self.lang == "de" else s.label_en) or s.label_en or s.label_de or s.id

    def _standards_changed(self) -> None:
        current = self.standard.currentData()
        self.standard.blockSignals(True)
        self.standard.clear()
        for s in self.standards.standards.values():
            self.standard.addItem(self._label(s), s.id)
        idx = self.standard.findData(current) if current else -1
        self.standard.setCurrentIndex(idx if idx >= 0 else 0)
        self.standard.blockSignals(False)
        self._standard_changed(keep_layer_hints=current == self.standard.currentData())

    def _standard_changed(self, *args, keep_layer_hints: bool = False) -> None:
        s = self.current_standard()
        if s is None:
            self.standard_info.setText("")
            return
        value = self.tr("user-defined (set it in the standards table)") if s.standard_value is None else \
            f"{s.standard_value:g} {self.unit_text(s.standard_unit)}"
        self.standard_info.setText(self.tr("Target group {0} · standard {1} · catchment {2:g} {3} · decay {4}")
                                   .format(s.target_group, value, s.catchment_value, s.catchment_unit, s.decay))
        self.catchment.setValue(s.catchment_value)
        self.cost_unit.setCurrentIndex(1 if s.catchment_unit == "min" else 0)
        self.decay.setCurrentText(s.decay if s.decay and s.decay != "none" else "step")
        self._check_target_bands()
        if not keep_layer_hints:
            self._apply_type_hints()

    def unit_text(self, unit: str) -> str:
        return {"places_per_100": self.tr("places per 100"), "places_per_1000": self.tr("places per 1000"),
                "m2_per_inhabitant": self.tr("m² per person")}.get(unit, unit)

    def _check_target_bands(self) -> None:
        s = self.current_standard()
        layer = self.demand.currentLayer()
        if s is None or layer is None:
            self.population_info.setText("")
            return
        bands = [b for b, _ in s.target_bands]
        present = [b for b in bands if layer.fields().lookupField(b) >= 0]
        self.population.blockSignals(True)
        self.population.setCheckedItems(present)
        self.population.blockSignals(False)
        missing = [b for b in bands if b not in present]
        if missing:
            self.population_info.setStyleSheet("color: #b2182b;")
            self.population_info.setText(self.tr("The demand layer has no field {0}: choose the target group's "
                                                 "fields.").format(", ".join(missing)))
        else:
            self.population_info.setStyleSheet("")
            self.population_info.setText(self.tr("From the standard: {0}").format(s.target_group))

    def _population_changed(self, *args) -> None:
        s = self.current_standard()
        if s is None:
            return
        if sorted(self.population.checkedItems()) == sorted(b for b, _ in s.target_bands):
            self._check_target_bands()
        else:
            self.population_info.setStyleSheet("")
            self.population_info.setText(self.tr("Your fields, added up without shares: {0}")
                                         .format(" + ".join(self.population.checkedItems()) or "–"))

    def _apply_type_hints(self) -> None:
        s = self.current_standard()
        layer = self.facilities.currentLayer()
        if s is None or layer is None:
            return
        hint = TYPE_HINTS.get(s.id)
        fields = layer.fields()
        if hint is None:
            return
        value, capacity = hint
        type_idx = fields.lookupField(SAMPLE["type_field"])
        if type_idx >= 0 and value in {str(v) for v in layer.uniqueValues(type_idx)}:
            self.filter.setExpression(QgsExpression.createFieldEqualityExpression(SAMPLE["type_field"], value))
        expr = QgsExpression(capacity)
        if all(fields.lookupField(c) >= 0 for c in expr.referencedColumns()):
            self.capacity.setExpression(capacity)

    # -- reactions -----------------------------------------------------------------------------------
    def _demand_changed(self, layer) -> None:
        self.population.clear()
        if layer is not None:
            self.population.addItems([f.name() for f in layer.fields() if f.isNumeric()
                                      and f.name().lower() != "fid"])
        self._check_target_bands()

    def _facilities_changed(self, layer) -> None:
        self.filter.setLayer(layer)
        self.capacity.setLayer(layer)
        self._apply_type_hints()

    def _method_changed(self, *args) -> None:
        fca = self.method.currentData() != "container"
        for w in (self.mode, self.network, self.catchment, self.cost_unit):
            w.setEnabled(fca)
        self.decay.setEnabled(self.method.currentData() == "E2SFCA")
        self._mode_changed()

    def _mode_changed(self, *args) -> None:
        on_network = self.method.currentData() != "container" and self.mode.currentData() != "straight"
        self.network.setEnabled(on_network)
        self.road_class.setEnabled(on_network)

    def _project_read(self, *args) -> None:
        self.standards.load_from_project()
        self.prefill_from_project()

    def _layers_added(self, layers) -> None:
        names = {lyr.name().lower() for lyr in layers}
        if names & {SAMPLE["facilities"], SAMPLE["demand"], SAMPLE["network"], SAMPLE["units"]}:
            self.prefill_from_project()

    def prefill_from_project(self) -> None:
        """Choose the Erfurt sample's layers when the project has them."""
        p = self.project
        units = _find_layer(p, SAMPLE["units"])
        if units is not None:
            self.units.setLayer(units)
            self.unit_id.setLayer(units)
            if units.fields().lookupField(SAMPLE["unit_id"]) >= 0:
                self.unit_id.setField(SAMPLE["unit_id"])
        demand = _find_layer(p, SAMPLE["demand"])
        if demand is not None:
            self.demand.setLayer(demand)
            self._demand_changed(demand)
        fac = _find_layer(p, SAMPLE["facilities"])
        if fac is not None:
            self.facilities.setLayer(fac)
            self._facilities_changed(fac)
        network = _find_layer(p, SAMPLE["network"])
        if network is not None:
            self.network.setLayer(network)

    # -- running -------------------------------------------------------------------------------------
    def parameters(self) -> dict:
        """The isrp:coverage parameters of the current choices (ValueError with a message if incomplete)."""
        s = self.current_standard()
        if s is None:
            raise ValueError(self.tr("Choose a facility type."))
        if not self.standards.valid:
            raise ValueError(self.tr("The standards table has errors; fix it first."))
        if s.standard_value is None:
            raise ValueError(self.tr("The standard “{0}” has no value: set it in the standards table.")
                             .format(self._label(s)))
        units, demand, fac = self.units.currentLayer(), self.demand.currentLayer(), self.facilities.currentLayer()
        if units is None or demand is None or fac is None:
            raise ValueError(self.tr("Choose the units, the demand points and the facilities."))
        capacity = self.capacity.expression().strip()
        if not capacity:
            raise ValueError(self.tr("Choose the capacity field of the facilities."))
        checked = list(self.population.checkedItems())
        if not checked:
            raise ValueError(self.tr("Choose the target group's population field(s)."))
        from_standard = sorted(checked) == sorted(b for b, _ in s.target_bands)
        method = self.method.currentIndex()
        mode = self.mode.currentIndex()
        network = self.network.currentLayer()
        if method != 0 and self.mode.currentData() != "straight" and network is None:
            raise ValueError(self.tr("Choose a street network or the straight-line mode."))
        catchment = float(self.catchment.value())
        unit = "min" if self.cost_unit.currentData() == "time" else "m"
        same_as_standard = math.isclose(catchment, s.catchment_value) and unit == s.catchment_unit
        params = {
            "DEMAND": demand.id(),
            "POPULATION_FIELD": [] if from_standard else checked,
            "FACILITIES": fac.id(),
            "FACILITY_FILTER": self.filter.expression(),
            "FACILITY_ID_FIELD": SAMPLE["id_field"] if fac.fields().lookupField(SAMPLE["id_field"]) >= 0 else None,
            "CAPACITY_FIELD": capacity,
            "UNITS": units.id(),
            "UNIT_ID_FIELD": self.unit_id.currentField() or None,
            "STANDARD": s.id,
            "METHOD": method,
            "MODE": mode,
            "NETWORK": network.id() if network is not None and self.mode.currentData() != "straight" else None,
            "ROAD_CLASS_FIELD": self.road_class.currentField() or None,
            "COST_UNIT": self.cost_unit.currentIndex(),
            "MAX_COST": 0.0 if same_as_standard or catchment <= 0 else catchment,
            "DECAY": self.decay.currentText().strip() if method == 2 else "",
            "OUTPUT_UNITS": QgsProcessing.TEMPORARY_OUTPUT,
            "OUTPUT_POINTS": QgsProcessing.TEMPORARY_OUTPUT,
        }
        return params

    def start(self) -> bool:
        """Start isrp:coverage in the background; False (and a message) when the choices are incomplete."""
        if self.run is not None:
            return False
        try:
            params = self.parameters()
        except ValueError as err:
            self.status.setText(str(err))
            return False
        self.standards.save_if_default()  # the project keeps the catalogue its results were computed with
        self._params = params
        self.progress.setValue(0)
        self.status.setText(self.tr("Running …"))
        self.run_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.run = run_algorithm(ALG_ID, params, self._done, project=self.project,
                                 description=self.tr("ISRP coverage"))
        self.run.feedback.progressChanged.connect(self._progress)
        return True

    @pyqtSlot(float)
    def _progress(self, value: float) -> None:
        self.progress.setValue(int(round(value)))

    def cancel(self) -> None:
        if self.run is not None:
            self.status.setText(self.tr("Cancelling …"))
            self.run.cancel()

    def _done(self, ok: bool, results: dict, run) -> None:
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
        except Exception as err:  # noqa: BLE001 - a slot must never raise into Qt
            LOG.exception("adding the coverage results failed")
            self.status.setText(self.tr("The results could not be shown: {0}").format(err))

    # -- results -------------------------------------------------------------------------------------
    def _add_results(self, results: dict, run) -> None:
        s = self.current_standard()
        what = self._label(s) if s is not None else self.tr("coverage")
        method = METHOD_KEYS[self._params.get("METHOD", 1)]
        for lid in self.result_layer_ids:
            if self.project.mapLayer(lid) is not None:
                self.project.removeMapLayer(lid)
        self.result_layer_ids = []
        root = self.project.layerTreeRoot()
        group = root.findGroup(RESULT_GROUP) or root.insertGroup(0, RESULT_GROUP)
        units = run.context.takeResultLayer(results["OUTPUT_UNITS"]) if results.get("OUTPUT_UNITS") else None
        if units is not None:
            units.setName(self.tr("{0} – coverage per unit ({1})").format(what, method))
            CoverageStyles.apply(units, "units")
            self.project.addMapLayer(units, False)
            group.insertLayer(0, units)
            self.result_layer_ids.append(units.id())
        points = run.context.takeResultLayer(results["OUTPUT_POINTS"]) if results.get("OUTPUT_POINTS") else None
        if points is not None:
            points.setName(self.tr("{0} – access per demand point ({1})").format(what, method))
            per_100 = (s.per_person * 100.0) if s is not None and s.standard_value is not None else 100.0
            CoverageStyles.apply(points, "points", per_100=per_100)
            self.project.addMapLayer(points, False)
            group.insertLayer(0, points)
            node = group.findLayer(points.id())
            if node is not None:
                node.setItemVisibilityChecked(False)  # the unit map first; points on demand
            self.result_layer_ids.append(points.id())
        self.units_layer, self.points_layer = units, points
        self.fill_table(units)
        self._headline(results)
        self.status.setText(self.tr("Done: {0} units.").format(self.model.rowCount()))
        self.status.setToolTip(self.tr("The result layers are in the layer group “{0}”.").format(RESULT_GROUP))

    def _headline(self, r: dict) -> None:
        ratio = r.get("COVERAGE_RATIO")
        gap = r.get("PLACES_GAP") or 0.0
        lines = [self.tr("Need {0:,.0f} · supply {1:,.0f} · coverage {2}").format(
            r.get("NEED") or 0, r.get("SUPPLY_ATTRIBUTED") or 0, f"{ratio:.0%}" if ratio is not None else "–")]
        lines.append(self.tr("Places missing {0:,.0f}").format(gap) if gap > 0
                     else self.tr("Places surplus {0:,.0f}").format(-gap))
        if r.get("UNREACHED_POPULATION"):
            lines.append(self.tr("No facility in reach: {0:,.0f} of the target population").format(
                r["UNREACHED_POPULATION"]))
        self.headline.setText("\n".join(lines))

    def table_columns(self, layer) -> List[tuple]:
        names = layer.fields().names()
        id_field = self.unit_id.currentField()
        cols = []
        if id_field and id_field in names:
            cols.append((id_field, self.tr("Unit"), "text"))
        if "name" in names and id_field != "name":
            cols.append(("name", self.tr("Name"), "text"))
        cols += [("target_pop", self.tr("Target pop."), "num"), ("need", self.tr("Need"), "num"),
                 ("supply", self.tr("Supply"), "num"), ("coverage_ratio", self.tr("Coverage"), "pct"),
                 ("places_gap", self.tr("Places missing"), "num")]
        return cols

    def fill_table(self, layer) -> None:
        self.model.clear()
        self.export_button.setEnabled(layer is not None)
        if layer is None:
            return
        cols = self.table_columns(layer)
        self.model.setHorizontalHeaderLabels([c[1] for c in cols])
        for feat in layer.getFeatures():
            row = []
            for field, _, kind in cols:
                value = feat[field]
                value = None if is_null(value) else value
                item = QStandardItem()
                if value is None:
                    text, sort = ("–", float("inf")) if kind != "text" else ("", "\uffff")
                elif kind == "text":
                    text, sort = str(value), str(value)
                elif kind == "pct":
                    text, sort = f"{float(value):.0%}", float(value)
                else:
                    text, sort = f"{float(value):,.1f}", float(value)
                item.setText(text)
                item.setData(sort, SORT_ROLE)
                item.setData(value, RAW_ROLE)
                if kind != "text":
                    item.setTextAlignment(ALIGN_RIGHT)
                if kind == "pct" and value is not None and float(value) < 0.95:
                    item.setForeground(QColor("#b2182b"))
                if field == "places_gap" and value is not None and float(value) > 0:
                    item.setForeground(QColor("#b2182b"))
                row.append(item)
            self.model.appendRow(row)
        self.table.sortByColumn(len(cols) - 1, Qt.SortOrder.DescendingOrder)  # most places missing first

    def table_rows(self) -> tuple:
        """(headers, fields, rows in the displayed order, raw values)."""
        layer = self.units_layer
        cols = self.table_columns(layer) if layer is not None else []
        rows = []
        for r in range(self.proxy.rowCount()):
            rows.append([self.proxy.index(r, c).data(RAW_ROLE) for c in range(len(cols))])
        return [c[1] for c in cols], [c for c in cols], rows

    def export_table(self, path: Optional[str] = None) -> bool:
        """The units table as CSV or XLSX (by the file suffix), in the displayed order."""
        if self.units_layer is None:
            return False
        if path is None:
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Export table"), "coverage.xlsx",
                                                  self.tr("Excel (*.xlsx);;CSV (*.csv)"))
            if not path:
                return False
        headers, cols, rows = self.table_rows()
        fields = [c[0] for c in cols]
        try:
            if path.lower().endswith(".csv"):
                with open(path, "w", newline="", encoding="utf-8") as fh:
                    w = csv.writer(fh)
                    w.writerow(fields)
                    for row in rows:
                        w.writerow(["" if v is None else v for v in row])
            else:
                if not path.lower().endswith(".xlsx"):
                    path += ".xlsx"
                self._write_xlsx(path, cols, rows)
        except (OSError, RuntimeError) as err:
            self.status.setText(self.tr("Not exported: {0}").format(err))
            return False
        self.status.setText(self.tr("Table exported: {0}").format(Path(path).name))
        self.status.setToolTip(path)
        return True

    def _write_xlsx(self, path: str, cols, rows) -> None:
        uri = "None?" + "&".join(f"field={f}:{'string' if kind == 'text' else 'double'}" for f, _, kind in cols)
        mem = QgsVectorLayer(uri, "coverage", "memory")
        feats = []
        for row in rows:
            f = QgsFeature(mem.fields())
            f.setAttributes([None if v is None else (str(v) if kind == "text" else float(v))
                             for v, (_, _, kind) in zip(row, cols)])
            feats.append(f)
        mem.dataProvider().addFeatures(feats)
        opts = QgsVectorFileWriter.SaveVectorOptions()
        opts.driverName = "XLSX"
        opts.layerName = "coverage"
        writer = getattr(QgsVectorFileWriter, "writeAsVectorFormatV3", None)
        if writer is not None:
            res = writer(mem, path, QgsCoordinateTransformContext(), opts)
        else:  # pragma: no cover - QGIS < 3.20
            res = QgsVectorFileWriter.writeAsVectorFormatV2(mem, path, QgsCoordinateTransformContext(), opts)
        if res[0] != QgsVectorFileWriter.WriterError.NoError:
            raise RuntimeError(res[1] if len(res) > 1 else str(res[0]))


def add_coverage_tab(analyses_dock) -> CoverageTab:
    """Add the Coverage tab to the Analyses dock (``add_tab`` / ``tabs`` of AnalysesDock) and return it."""
    tabs = getattr(analyses_dock, "tabs", None)
    project = getattr(getattr(analyses_dock, "accessibility", None), "project", None) or QgsProject.instance()
    iface = getattr(getattr(analyses_dock, "accessibility", None), "iface", None)
    tab = CoverageTab(project, iface, tabs)
    title = QCoreApplication.translate("CoverageTab", "Coverage")
    if hasattr(analyses_dock, "add_tab"):
        analyses_dock.add_tab(tab, title)
    else:
        tabs.addTab(tab, title)
    analyses_dock.coverage = tab
    return tab


def setup_coverage_gui(plugin) -> Optional[CoverageTab]:
    """Add the Coverage tab to the plugin's Analyses dock; call after ``analyses_dock.setup_analyses_gui``.

    The tab lives inside the dock, so removing the dock in ``unload()`` removes it too.
    """
    dock = next((d for d in getattr(plugin, "docks", []) if d.objectName() == "IsrpAnalysesDock"), None)
    return add_coverage_tab(dock) if dock is not None else None


__all__ = ["CoverageTab", "StandardsTable", "add_coverage_tab", "setup_coverage_gui"]
