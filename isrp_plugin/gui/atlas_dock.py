"""The Atlas dock: load the social-structure atlas, map indicators by year, compare, index, catalogue.

The dock computes nothing itself. "Load", "Social index", "Similar districts" and the city values
of the comparison table run the Processing algorithms ``isrp:loadatlas``, ``isrp:socialindex``,
``isrp:similardistricts`` and ``isrp:aggregateunits`` in the background
(:func:`isrp_plugin.gui.tasks.run_algorithm`); switching indicator or year only restyles the layer
(:mod:`isrp_plugin.qgis_io.styling`). User-defined indicators are saved in the project
(:mod:`isrp_plugin.qgis_io.project_store`).

:func:`setup_atlas_gui` creates the dock and registers it with the plugin.
"""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path
from typing import Dict, List, Optional

from qgis.core import (
    QgsProject,
    QgsSettings,
    QgsVectorLayer,
)
from qgis.gui import QgsDockWidget, QgsFieldComboBox, QgsFileWidget, QgsMapLayerComboBox
from qgis.PyQt import sip
from qgis.PyQt.QtCore import QCoreApplication, Qt, pyqtSignal
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..core.indicators import KINDS, POLARITIES, Indicator, IndicatorCatalogueError
from ..qgis_io import project_store, styling
from ..qgis_io.layers import no_geometry_request
from ..qgis_io.settings import IsrpSettings
from .tasks import run_algorithm
from .widgets import layer_filter

LOG = logging.getLogger("isrp_plugin")
INDICATORS_PROPERTY = "isrp/atlas_indicators"
ID_PROPERTY = "isrp/atlas_id_field"
NAME_PROPERTY = "isrp/atlas_name_field"
FID_ROLE = int(Qt.ItemDataRole.UserRole) + 1  # the feature id of a district in the combo boxes
YEAR_FIELD = re.compile(r"^(?P<base>.+)_(?P<year>(?:19|20)\d{2})$")


def _lang() -> str:
    s = QgsSettings()
    loc = s.value("locale/userLocale", "", type=str) if s.value("locale/overrideFlag", False, type=bool) else ""
    from qgis.PyQt.QtCore import QLocale

    return (loc or QLocale.system().name() or "en")[:2]


def indicators_of_layer(layer: Optional[QgsVectorLayer]) -> List[dict]:
    """The indicator metadata of an atlas layer: stored by the dock, else derived from ``<id>_<year>`` fields."""
    if layer is None:
        return []
    stored = layer.customProperty(INDICATORS_PROPERTY, "")
    if stored:
        try:
            return json.loads(stored)
        except ValueError:
            pass
    catalogue = project_store.load_catalogue_for_project()
    lang = _lang()
    found: Dict[str, dict] = {}
    for f in layer.fields():
        m = YEAR_FIELD.match(f.name())
        if not m:
            continue
        base = m.group("base")
        d = found.setdefault(base, {"field": base, "years": [], "label": base, "unit": "", "polarity": "neutral",
                                    "kind": "", "numerator": None, "denominator": None, "change_field": None})
        d["years"].append(int(m.group("year")))
        if base in catalogue:
            c = catalogue[base]
            d.update(label=c.label_de if lang == "de" else c.label_en, unit=c.unit, polarity=c.polarity, kind=c.kind,
                     catalogue_id=base)
            if c.is_rate:
                d["numerator"], d["denominator"] = c.numerator, c.denominator
        alias = f.alias()
        if alias and d["label"] == base:
            d["label"] = re.sub(r"\s+(?:19|20)\d{2}$", "", alias)
    names = set(layer.fields().names())
    for d in found.values():
        d["years"] = sorted(set(d["years"]))
        for n in names:
            if n.startswith(d["field"] + "_chg_"):
                d["change_field"] = n
    return list(found.values())


class AtlasDock(QgsDockWidget):
    """Load the atlas, map it by indicator and year, compare districts, compute the social index."""

    loaded = pyqtSignal(object)  # the atlas layer
    finished = pyqtSignal(str, bool)  # algorithm id, ok

    def __init__(self, iface=None, project: Optional[QgsProject] = None, parent=None):  # noqa: QGS105 - tests pass a mock
        super().__init__(parent)
        self.iface = iface
        self.project = project or QgsProject.instance()
        self.setObjectName("IsrpAtlasDock")
        self.setWindowTitle(self.tr("Atlas (social structure)"))
        self.settings = IsrpSettings.load()
        self.atlas_layer: Optional[QgsVectorLayer] = None
        self.index_layer: Optional[QgsVectorLayer] = None
        self.indicators: List[dict] = []
        self.city_values: Dict[str, float] = {}
        self.similar_ids: List[str] = []
        self.runs = []
        self.last_error = ""
        self._build()
        self._connect()
        self.refresh_catalogue()
        runs = self.runs  # the list, not the dock: the dock is gone when destroyed is emitted
        self.destroyed.connect(lambda *_: [run.cancel() for run in list(runs)])

    def _on_progress(self, value: float) -> None:
        self.progress.setValue(int(value))

    def tr(self, message: str) -> str:  # noqa: D102
        return QCoreApplication.translate("AtlasDock", message)

    # ------------------------------------------------------------------------------------- UI
    def _scroll(self, widget: QWidget) -> QScrollArea:
        area = QScrollArea()
        area.setWidgetResizable(True)
        area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        area.setWidget(widget)
        return area

    def _build(self) -> None:
        self.tabs = QTabWidget()
        self.tabs.addTab(self._scroll(self._build_data_tab()), self.tr("Data"))
        self.tabs.addTab(self._scroll(self._build_map_tab()), self.tr("Map"))
        self.tabs.addTab(self._scroll(self._build_analysis_tab()), self.tr("Index"))
        self.tabs.addTab(self._scroll(self._build_catalogue_tab()), self.tr("Indicators"))
        outer = QWidget()
        lay = QVBoxLayout(outer)
        lay.setContentsMargins(2, 2, 2, 2)
        lay.addWidget(self.tabs)
        for combo in outer.findChildren(QComboBox):  # long entries must not widen the dock
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(8)
            combo.setMinimumWidth(80)
        for check in outer.findChildren(QCheckBox):
            check.setMinimumWidth(80)
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.status_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        lay.addWidget(self.status_label)
        self.setWidget(outer)

    def _build_data_tab(self) -> QWidget:
        w = QWidget()
        v = QVBoxLayout(w)
        box = QGroupBox(self.tr("Districts"))
        form = QFormLayout(box)
        self.district_combo = QgsMapLayerComboBox()
        self.district_combo.setFilters(layer_filter("PolygonLayer"))
        self.district_combo.setToolTip(self.tr("Polygon layer of the districts (Ortsteile)"))
        self.id_field_combo = QgsFieldComboBox()
        self.name_field_combo = QgsFieldComboBox()
        self.name_field_combo.setAllowEmptyFieldName(True)
        form.addRow(self.tr("Layer"), self.district_combo)
        form.addRow(self.tr("Id field"), self.id_field_combo)
        form.addRow(self.tr("Name field"), self.name_field_combo)
        v.addWidget(box)

        box = QGroupBox(self.tr("Indicator tables"))
        bl = QVBoxLayout(box)
        self.file_list = QListWidget()
        self.file_list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.file_list.setMinimumHeight(70)
        self.file_list.setToolTip(self.tr("CSV, XLSX or ODS files: one wide file per year or one long file"))
        bl.addWidget(self.file_list)
        row = QHBoxLayout()
        self.add_files_button = QPushButton(self.tr("Add files…"))
        self.remove_files_button = QPushButton(self.tr("Remove"))
        row.addWidget(self.add_files_button)
        row.addWidget(self.remove_files_button)
        bl.addLayout(row)
        tform = QFormLayout()
        self.table_layer_combo = QgsMapLayerComboBox()
        self.table_layer_combo.setFilters(layer_filter("NoGeometry"))
        self.table_layer_combo.setAllowEmptyLayer(True)
        self.table_layer_combo.setLayer(None)
        tform.addRow(self.tr("or table layer"), self.table_layer_combo)
        bl.addLayout(tform)
        v.addWidget(box)

        box = QGroupBox(self.tr("Format (detected unless set)"))
        form = QFormLayout(box)
        self.encoding_combo = QComboBox()
        self.encoding_combo.setEditable(True)
        self.encoding_combo.addItem(self.tr("detect"), "")
        for enc in ("utf-8", "cp1252", "utf-16", "latin-1"):
            self.encoding_combo.addItem(enc, enc)
        self.delimiter_combo = QComboBox()
        for text, value in ((self.tr("detect"), 0), (";", 1), (",", 2), (self.tr("tab"), 3), ("|", 4)):
            self.delimiter_combo.addItem(text, value)
        self.decimal_combo = QComboBox()
        for text, value in ((self.tr("detect"), 0), (self.tr("comma (1.234,5)"), 1), (self.tr("point (1,234.5)"), 2)):
            self.decimal_combo.addItem(text, value)
        self.layout_combo = QComboBox()
        for text, value in ((self.tr("detect"), 0), (self.tr("wide (one column per indicator)"), 1),
                            (self.tr("long (unit, year, indicator, value)"), 2)):
            self.layout_combo.addItem(text, value)
        self.match_combo = QComboBox()
        for text, value in ((self.tr("by id (text, exact)"), 0), (self.tr("by id, ignoring leading zeros"), 1),
                            (self.tr("by name (normalised)"), 2)):
            self.match_combo.addItem(text, value)
        self.rates_check = QCheckBox(self.tr("Compute catalogue rates from counts"))
        self.rates_check.setToolTip(self.tr("Compute catalogue rates from counts"))
        self.rates_check.setChecked(True)
        form.addRow(self.tr("Encoding"), self.encoding_combo)
        form.addRow(self.tr("Delimiter"), self.delimiter_combo)
        form.addRow(self.tr("Decimal separator"), self.decimal_combo)
        form.addRow(self.tr("Layout"), self.layout_combo)
        form.addRow(self.tr("Match"), self.match_combo)
        form.addRow(self.rates_check)
        self.detected_label = QLabel(self.tr("Detected: –"))
        self.detected_label.setWordWrap(True)
        self.detected_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        form.addRow(self.detected_label)
        v.addWidget(box)

        form = QFormLayout()
        self.output_widget = QgsFileWidget()
        self.output_widget.setStorageMode(QgsFileWidget.StorageMode.SaveFile)
        self.output_widget.setFilter(self.tr("GeoPackage (*.gpkg)"))
        self.output_widget.setToolTip(self.tr("Empty: temporary layer"))
        form.addRow(self.tr("Save to"), self.output_widget)
        v.addLayout(form)
        row = QHBoxLayout()
        self.load_button = QPushButton(self.tr("Load"))
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setEnabled(False)
        row.addWidget(self.load_button)
        row.addWidget(self.cancel_button)
        v.addLayout(row)
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.setValue(0)
        v.addWidget(self.progress)
        self.report_text = QPlainTextEdit()
        self.report_text.setReadOnly(True)
        self.report_text.setMaximumHeight(110)
        self.report_text.setPlaceholderText(self.tr("Report: unmatched rows and districts, non-numeric cells"))
        v.addWidget(self.report_text)
        v.addStretch(1)
        return w

    def _build_map_tab(self) -> QWidget:
        w = QWidget()
        v = QVBoxLayout(w)
        form = QFormLayout()
        self.atlas_combo = QgsMapLayerComboBox()
        self.atlas_combo.setFilters(layer_filter("PolygonLayer"))
        self.indicator_combo = QComboBox()
        self.indicator_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.year_combo = QComboBox()
        self.change_check = QCheckBox(self.tr("Change between years"))
        crow = QHBoxLayout()
        self.change_from_combo = QComboBox()
        self.change_to_combo = QComboBox()
        crow.addWidget(self.change_from_combo)
        crow.addWidget(QLabel("→"))
        crow.addWidget(self.change_to_combo)
        self.change_from_combo.setEnabled(False)
        self.change_to_combo.setEnabled(False)
        self.method_combo = QComboBox()
        self.method_combo.addItem(self.tr("quantiles"), "quantile")
        self.method_combo.addItem(self.tr("natural breaks (Jenks)"), "jenks")
        self.labels_check = QCheckBox(self.tr("Labels (values; '.' where suppressed)"))
        form.addRow(self.tr("Atlas layer"), self.atlas_combo)
        form.addRow(self.tr("Indicator"), self.indicator_combo)
        form.addRow(self.tr("Year"), self.year_combo)
        form.addRow(self.change_check)
        form.addRow(self.tr("From → to"), crow)
        form.addRow(self.tr("Classes"), self.method_combo)
        form.addRow(self.labels_check)
        v.addLayout(form)
        self.legend_label = QLabel()
        self.legend_label.setWordWrap(True)
        self.legend_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.legend_label.setStyleSheet("font-weight: bold")
        v.addWidget(self.legend_label)

        box = QGroupBox(self.tr("District compared with the city"))
        bl = QVBoxLayout(box)
        self.compare_combo = QComboBox()
        self.compare_combo.setToolTip(self.tr("Selecting a feature on the map also selects it here"))
        bl.addWidget(self.compare_combo)
        self.compare_table = QTableWidget(0, 3)
        self.compare_table.setHorizontalHeaderLabels([self.tr("Indicator"), self.tr("District"), self.tr("City")])
        self.compare_table.verticalHeader().setVisible(False)
        self.compare_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.compare_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in (1, 2):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.compare_table.setMinimumHeight(180)
        bl.addWidget(self.compare_table, 1)
        v.addWidget(box, 1)
        return w

    def _build_analysis_tab(self) -> QWidget:
        w = QWidget()
        v = QVBoxLayout(w)
        box = QGroupBox(self.tr("Indicators (status: year; dynamics: change)"))
        bl = QVBoxLayout(box)
        self.index_list = QListWidget()
        self.index_list.setMinimumHeight(110)
        bl.addWidget(self.index_list)
        form = QFormLayout()
        self.index_year_combo = QComboBox()
        self.dynamics_label = QLabel("–")
        self.min_pop_spin = QSpinBox()
        self.min_pop_spin.setRange(0, 100000)
        self.min_pop_spin.setValue(int(self.settings.min_population))
        form.addRow(self.tr("Status year"), self.index_year_combo)
        form.addRow(self.tr("Dynamics"), self.dynamics_label)
        form.addRow(self.tr("Minimum population"), self.min_pop_spin)
        bl.addLayout(form)
        self.index_button = QPushButton(self.tr("Social index"))
        bl.addWidget(self.index_button)
        self.index_result = QLabel()
        self.index_result.setWordWrap(True)
        self.index_result.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        bl.addWidget(self.index_result)
        v.addWidget(box)

        box = QGroupBox(self.tr("Similar districts"))
        bl = QVBoxLayout(box)
        form = QFormLayout()
        self.similar_combo = QComboBox()
        self.top_spin = QSpinBox()
        self.top_spin.setRange(1, 50)
        self.top_spin.setValue(5)
        self.top_spin.setSuffix(self.tr(" most similar"))
        form.addRow(self.tr("District"), self.similar_combo)
        form.addRow(self.tr("Highlight"), self.top_spin)
        bl.addLayout(form)
        self.similar_button = QPushButton(self.tr("Similar districts"))
        bl.addWidget(self.similar_button)
        self.similar_table = QTableWidget(0, 3)
        self.similar_table.setHorizontalHeaderLabels([self.tr("Rank"), self.tr("District"), self.tr("Distance")])
        self.similar_table.verticalHeader().setVisible(False)
        self.similar_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.similar_table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.similar_table.setMinimumHeight(150)
        bl.addWidget(self.similar_table)
        v.addWidget(box)
        v.addStretch(1)
        return w

    def _build_catalogue_tab(self) -> QWidget:
        w = QWidget()
        v = QVBoxLayout(w)
        self.catalogue_table = QTableWidget(0, 6)
        self.catalogue_table.setHorizontalHeaderLabels(
            [self.tr("Id"), self.tr("Label"), self.tr("Kind"), self.tr("Unit"), self.tr("Polarity"), self.tr("Origin")])
        self.catalogue_table.verticalHeader().setVisible(False)
        self.catalogue_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.catalogue_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.catalogue_table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.catalogue_table.setMinimumHeight(160)
        v.addWidget(self.catalogue_table, 1)
        box = QGroupBox(self.tr("User indicator (saved in the project)"))
        form = QFormLayout(box)
        self.cat_id = QLineEdit()
        self.cat_label_de = QLineEdit()
        self.cat_label_en = QLineEdit()
        self.cat_kind = QComboBox()
        for k in KINDS:
            self.cat_kind.addItem({"count": self.tr("count"), "rate": self.tr("rate")}[k], k)
        self.cat_numerator = QComboBox()
        self.cat_denominator = QComboBox()
        self.cat_factor = QDoubleSpinBox()
        self.cat_factor.setRange(0, 1e6)
        self.cat_factor.setDecimals(0)
        self.cat_factor.setValue(100)
        self.cat_unit = QLineEdit()
        self.cat_polarity = QComboBox()
        for p in POLARITIES:
            self.cat_polarity.addItem({"higher_worse": self.tr("higher is worse"), "higher_better":
                                       self.tr("higher is better"), "neutral": self.tr("neutral")}[p], p)
        self.cat_source = QLineEdit()
        form.addRow(self.tr("Id"), self.cat_id)
        form.addRow(self.tr("Label (German)"), self.cat_label_de)
        form.addRow(self.tr("Label (English)"), self.cat_label_en)
        form.addRow(self.tr("Kind"), self.cat_kind)
        form.addRow(self.tr("Numerator"), self.cat_numerator)
        form.addRow(self.tr("Denominator"), self.cat_denominator)
        form.addRow(self.tr("Factor"), self.cat_factor)
        form.addRow(self.tr("Unit"), self.cat_unit)
        form.addRow(self.tr("Polarity"), self.cat_polarity)
        form.addRow(self.tr("Source"), self.cat_source)
        row = QHBoxLayout()
        self.cat_save_button = QPushButton(self.tr("Add / update"))
        self.cat_remove_button = QPushButton(self.tr("Remove"))
        row.addWidget(self.cat_save_button)
        row.addWidget(self.cat_remove_button)
        form.addRow(row)
        self.cat_message = QLabel()
        self.cat_message.setWordWrap(True)
        self.cat_message.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        form.addRow(self.cat_message)
        v.addWidget(box)
        return w

    def _note(self, text: str, error: bool = False) -> None:
        self.cat_message.setText(text)
        self.cat_message.setStyleSheet("color: #b00020" if error else "")

    def _connect(self) -> None:
        self.district_combo.layerChanged.connect(self._district_layer_changed)
        self._district_layer_changed(self.district_combo.currentLayer())
        self.add_files_button.clicked.connect(self._choose_files)
        self.remove_files_button.clicked.connect(self._remove_files)
        self.load_button.clicked.connect(self.load)
        self.cancel_button.clicked.connect(self.cancel)
        self.atlas_combo.layerChanged.connect(self.set_atlas_layer)
        self.indicator_combo.currentIndexChanged.connect(self._indicator_changed)
        self.year_combo.currentIndexChanged.connect(self.restyle)
        self.change_check.toggled.connect(self._change_toggled)
        self.change_from_combo.currentIndexChanged.connect(self.restyle)
        self.change_to_combo.currentIndexChanged.connect(self.restyle)
        self.method_combo.currentIndexChanged.connect(self.restyle)
        self.labels_check.toggled.connect(self.restyle)
        self.year_combo.currentIndexChanged.connect(self.update_comparison)
        self.compare_combo.currentIndexChanged.connect(self.update_comparison)
        self.index_button.clicked.connect(self.run_social_index)
        self.similar_button.clicked.connect(self.run_similar)
        self.cat_save_button.clicked.connect(self.save_user_indicator)
        self.cat_remove_button.clicked.connect(self.remove_user_indicator)
        self.catalogue_table.itemSelectionChanged.connect(self._catalogue_row_selected)
        self.cat_kind.currentIndexChanged.connect(self._kind_changed)
        self._kind_changed()

    # ------------------------------------------------------------------------------------- inputs
    def _district_layer_changed(self, layer) -> None:
        self.id_field_combo.setLayer(layer)
        self.name_field_combo.setLayer(layer)
        if layer is None:
            return
        names = [n.lower() for n in layer.fields().names()]
        for cand in ("ot_id", "district_id", "unit_id", "id"):
            if cand in names:
                self.id_field_combo.setField(layer.fields().names()[names.index(cand)])
                break
        for cand in ("name", "ortsteil", "district_name", "stadtteil"):
            if cand in names:
                self.name_field_combo.setField(layer.fields().names()[names.index(cand)])
                break

    def set_districts(self, layer: QgsVectorLayer, id_field: str, name_field: str = "") -> None:
        """Choose the district layer and its id/name fields (for scripts and tests)."""
        self.district_combo.setLayer(layer)
        self.id_field_combo.setField(id_field)
        self.name_field_combo.setField(name_field or "")

    def files(self) -> List[str]:
        return [self.file_list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.file_list.count())]

    def add_files(self, paths) -> None:
        present = set(self.files())
        for p in paths:
            p = str(p)
            if p in present:
                continue
            item = QListWidgetItem(Path(p).name)
            item.setData(Qt.ItemDataRole.UserRole, p)
            item.setToolTip(p)
            self.file_list.addItem(item)

    def _choose_files(self) -> None:
        last = QgsSettings().value("isrp/atlas_last_dir", "", type=str)
        paths, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Indicator tables"), last,
            self.tr("Tables (*.csv *.txt *.tsv *.xlsx *.xls *.ods);;All files (*)"))
        if paths:
            QgsSettings().setValue("isrp/atlas_last_dir", str(Path(paths[0]).parent))
            self.add_files(paths)

    def _remove_files(self) -> None:
        for item in self.file_list.selectedItems():
            self.file_list.takeItem(self.file_list.row(item))

    def _message(self, text: str, error: bool = False) -> None:
        self.status_label.setText(text)
        self.status_label.setStyleSheet("color: #b00020" if error else "")
        if error:
            self.last_error = text
            if self.iface is not None:
                self.iface.messageBar().pushWarning(self.tr("Atlas"), text)

    def _busy(self, busy: bool) -> None:
        for b in (self.load_button, self.index_button, self.similar_button):
            b.setEnabled(not busy)
        self.cancel_button.setEnabled(busy)
        if not busy:
            self.progress.setValue(100)

    def is_busy(self) -> bool:
        return bool(self.runs)

    def cancel(self) -> None:
        for run in list(self.runs):
            run.cancel()

    def _start(self, alg_id: str, params: dict, on_done, description: str, quiet: bool = False):
        self.last_error = ""

        def done(ok, results, run):
            if sip.isdeleted(self):  # the dock was closed (plugin unloaded) while the task ran
                return
            if run in self.runs:
                self.runs.remove(run)
            self._busy(bool(self.runs))
            try:
                if not ok:
                    msg = self._feedback_error(run) or self.tr("{0} failed or was cancelled.").format(alg_id)
                    self._message(msg, error=True)
                else:
                    on_done(results, run)
            finally:
                self.finished.emit(alg_id, bool(ok))

        try:
            run = run_algorithm(alg_id, params, done, project=self.project, description=description)
        except KeyError as exc:
            self._message(str(exc), error=True)
            return None
        # a method of the dock (a QObject), not a lambda: the signal comes from the worker thread and
        # PyQt then queues the call into the dock's (main) thread
        run.feedback.progressChanged.connect(self._on_progress)
        self.runs.append(run)
        self._busy(True)
        if not quiet:
            self._message(description)
        return run

    @staticmethod
    def _feedback_error(run) -> str:
        log = run.feedback.textLog() if hasattr(run.feedback, "textLog") else ""
        lines = [ln for ln in log.splitlines() if ln.strip()]
        return lines[-1] if lines else ""

    # ------------------------------------------------------------------------------------- load
    def load_parameters(self) -> Optional[dict]:
        layer = self.district_combo.currentLayer()
        if layer is None or not self.id_field_combo.currentField():
            self._message(self.tr("Choose the district layer and its id field."), error=True)
            return None
        files = self.files()
        table = self.table_layer_combo.currentLayer()
        if not files and table is None:
            self._message(self.tr("Add at least one indicator table."), error=True)
            return None
        out = self.output_widget.filePath().strip()
        params = {
            "DISTRICTS": layer,
            "ID_FIELD": self.id_field_combo.currentField(),
            "NAME_FIELD": self.name_field_combo.currentField() or None,
            "FILES": files,
            "TABLES": [table] if table is not None else [],
            "MATCH": self.match_combo.currentData(),
            "LAYOUT": self.layout_combo.currentData(),
            "DELIMITER": self.delimiter_combo.currentData(),
            "DECIMAL": self.decimal_combo.currentData(),
            "ENCODING": self.encoding(),
            "COMPUTE_RATES": self.rates_check.isChecked(),
            "CHANGES": True,
            "OUTPUT": out if out else "memory:",
        }
        return params

    def encoding(self) -> str:
        """The chosen encoding ("" = detect); the combo box also takes a typed name."""
        idx = self.encoding_combo.currentIndex()
        text = self.encoding_combo.currentText().strip()
        if idx >= 0 and text == self.encoding_combo.itemText(idx):
            return self.encoding_combo.itemData(idx) or ""
        return text

    def load(self) -> None:
        params = self.load_parameters()
        if params is None:
            return
        self.report_text.clear()
        self._start("isrp:loadatlas", params, self._loaded, self.tr("Loading the atlas…"))

    def _take_layer(self, run, value, name: str) -> Optional[QgsVectorLayer]:
        layer = run.take_layer(value)
        if layer is None:
            return None
        store = run.context.temporaryLayerStore()
        if store.mapLayer(layer.id()) is not None:
            store.takeMapLayer(layer)
        layer.setName(name)
        self.project.addMapLayer(layer)
        return layer

    def _loaded(self, results: dict, run) -> None:
        layer = self._take_layer(run, results["OUTPUT"], self.tr("Atlas"))
        if layer is None:
            self._message(self.tr("The atlas layer could not be opened."), error=True)
            return
        indicators = json.loads(results.get("INDICATORS") or "[]")
        layer.setCustomProperty(INDICATORS_PROPERTY, json.dumps(indicators, ensure_ascii=False))
        layer.setCustomProperty(ID_PROPERTY, self.id_field_combo.currentField())
        layer.setCustomProperty(NAME_PROPERTY, self.name_field_combo.currentField())
        sources = json.loads(results.get("SOURCES") or "[]")
        self.detected_label.setText(self.tr("Detected: {0}").format("".join(
            "\n" + f"{s['file']}: {s['encoding']} · {'tab' if s['delimiter'] == chr(9) else repr(s['delimiter'])} · "
            f"{s['decimal']!r} · {s['layout']}" for s in sources)))
        log = run.feedback.textLog() if hasattr(run.feedback, "textLog") else ""
        self.report_text.setPlainText((results.get("REPORT") or "") + ("\n" + log if log else ""))
        self._message(self.tr("Atlas loaded: {0} indicators, years {1}; {2} table rows without district, "
                              "{3} districts without data, {4} non-numeric cells.").format(
            len(indicators), results.get("YEARS", ""), int(results.get("UNMATCHED_ROWS") or 0),
            int(results.get("UNMATCHED_DISTRICTS") or 0), int(results.get("INVALID_CELLS") or 0)))
        self.atlas_combo.setLayer(layer)
        self.set_atlas_layer(layer)
        self.tabs.setCurrentIndex(1)
        self.loaded.emit(layer)

    # ------------------------------------------------------------------------------------- map
    def set_atlas_layer(self, layer) -> None:
        if layer is self.atlas_layer and self.indicators:
            return
        if self.atlas_layer is not None:
            try:
                self.atlas_layer.selectionChanged.disconnect(self._selection_changed)
            except (TypeError, RuntimeError):
                pass
        self.atlas_layer = layer if isinstance(layer, QgsVectorLayer) else None
        self.indicators = indicators_of_layer(self.atlas_layer)
        self.city_values = {}
        if self.atlas_combo.currentLayer() is not self.atlas_layer and self.atlas_layer is not None:
            self.atlas_combo.blockSignals(True)
            self.atlas_combo.setLayer(self.atlas_layer)
            self.atlas_combo.blockSignals(False)
        self._fill_indicator_combo()
        self._fill_districts()
        self._fill_index_list()
        if self.atlas_layer is not None:
            self.atlas_layer.selectionChanged.connect(self._selection_changed)
            self.run_city_values()

    def _meta(self, field: Optional[str] = None) -> Optional[dict]:
        field = field or self.indicator_combo.currentData()
        return next((m for m in self.indicators if m["field"] == field), None)

    def years(self) -> List[int]:
        return sorted({y for m in self.indicators for y in m.get("years", [])})

    def _default_indicator(self) -> Optional[str]:
        for cid in project_store.DEFAULT_STATUS_INDICATORS:
            for m in self.indicators:
                if m.get("catalogue_id", m["field"]) == cid or m["field"] == cid:
                    return m["field"]
        rates = [m["field"] for m in self.indicators if m.get("unit") == "%"]
        return rates[0] if rates else (self.indicators[0]["field"] if self.indicators else None)

    def _fill_indicator_combo(self) -> None:
        for c in (self.indicator_combo, self.year_combo, self.change_from_combo, self.change_to_combo,
                  self.index_year_combo):
            c.blockSignals(True)
            c.clear()
        for m in self.indicators:
            self.indicator_combo.addItem(m.get("label") or m["field"], m["field"])
            self.indicator_combo.setItemData(self.indicator_combo.count() - 1, m["field"], Qt.ItemDataRole.ToolTipRole)
        years = self.years()
        for y in years:
            for c in (self.change_from_combo, self.change_to_combo, self.index_year_combo):
                c.addItem(str(y), y)
        if years:
            self.change_from_combo.setCurrentIndex(0)
            self.change_to_combo.setCurrentIndex(len(years) - 1)
            self.index_year_combo.setCurrentIndex(len(years) - 1)
        default = self._default_indicator()
        if default is not None:
            self.indicator_combo.setCurrentIndex(max(0, self.indicator_combo.findData(default)))
        self._fill_years()
        for c in (self.indicator_combo, self.year_combo, self.change_from_combo, self.change_to_combo,
                  self.index_year_combo):
            c.blockSignals(False)
        self.restyle()
        self.update_comparison()

    def _fill_years(self) -> None:
        m = self._meta()
        current = self.year_combo.currentData()
        self.year_combo.blockSignals(True)
        self.year_combo.clear()
        for y in (m or {}).get("years", []):
            self.year_combo.addItem(str(y), y)
        idx = self.year_combo.findData(current)
        self.year_combo.setCurrentIndex(idx if idx >= 0 else self.year_combo.count() - 1)
        self.year_combo.blockSignals(False)

    def _change_toggled(self, on: bool) -> None:
        self.change_from_combo.setEnabled(on)
        self.change_to_combo.setEnabled(on)
        self.restyle()

    def _indicator_changed(self) -> None:
        self._fill_years()
        self.restyle()

    def set_indicator(self, field: str, year: Optional[int] = None) -> None:
        """Show ``field`` (an indicator id of the atlas) for ``year`` (for scripts and tests)."""
        self.indicator_combo.setCurrentIndex(self.indicator_combo.findData(field))
        if year is not None:
            self.year_combo.setCurrentIndex(self.year_combo.findData(int(year)))

    def population_field(self, year: Optional[int]) -> Optional[str]:
        names = self.atlas_layer.fields().names() if self.atlas_layer else []
        for y in ([year] if year else []) + list(reversed(self.years())):
            for base in ("pop_total", "einwohner"):
                if f"{base}_{y}" in names:
                    return f"{base}_{y}"
        return None

    def restyle(self) -> None:
        """Apply the graduated style for the chosen indicator and year (or change); instant, no computation."""
        layer = self.atlas_layer
        m = self._meta()
        if layer is None or m is None:
            self.legend_label.setText("")
            return
        meta = styling.IndicatorMeta.from_dict(m)
        year = self.year_combo.currentData()
        change = None
        if self.change_check.isChecked():
            y0, y1 = self.change_from_combo.currentData(), self.change_to_combo.currentData()
            if y0 is not None and y1 is not None and y0 != y1 and y0 in meta.years and y1 in meta.years:
                change = (int(y0), int(y1))
        if year is None and change is None:
            return
        styling.apply_indicator_style(
            layer, meta, year, change=change, method=self.method_combo.currentData(),
            population_field=self.population_field(change[1] if change else year),
            min_population=self.min_pop_spin.value(), labels=self.labels_check.isChecked(),
            threshold=self.settings.suppression_threshold, project=self.project)
        self.legend_label.setText(layer.customProperty("isrp/legend_title", ""))
        view = self.iface.layerTreeView() if self.iface is not None and hasattr(self.iface, "layerTreeView") else None
        if view is not None:
            view.refreshLayerSymbology(layer.id())

    # ------------------------------------------------------------------------------------- districts
    def _district_fields(self):
        layer = self.atlas_layer
        if layer is None:
            return None, None
        idf = layer.customProperty(ID_PROPERTY, "") or self.id_field_combo.currentField()
        namef = layer.customProperty(NAME_PROPERTY, "") or self.name_field_combo.currentField()
        names = layer.fields().names()
        return (idf if idf in names else None), (namef if namef in names else None)

    def _fill_districts(self) -> None:
        for c in (self.compare_combo, self.similar_combo):
            c.blockSignals(True)
            c.clear()
        idf, namef = self._district_fields()
        if self.atlas_layer is not None and idf:
            req = no_geometry_request()
            rows = []
            for f in self.atlas_layer.getFeatures(req):
                label = f"{f[idf]} {f[namef]}" if namef else str(f[idf])
                rows.append((str(f[idf]), label, f.id()))
            for key, label, fid in sorted(rows):
                for c in (self.compare_combo, self.similar_combo):
                    c.addItem(label, key)
                    c.setItemData(c.count() - 1, fid, FID_ROLE)
        for c in (self.compare_combo, self.similar_combo):
            c.blockSignals(False)

    def _selection_changed(self, *args) -> None:
        layer = self.atlas_layer
        if layer is None or layer.selectedFeatureCount() != 1 or self.is_busy():
            return
        fid = layer.selectedFeatureIds()[0]
        for c in (self.compare_combo, self.similar_combo):
            for i in range(c.count()):
                if c.itemData(i, FID_ROLE) == fid:
                    c.setCurrentIndex(i)
                    break

    def run_city_values(self) -> None:
        """City totals of the catalogue counts and recomputable rates (isrp:aggregateunits, in the background)."""
        layer = self.atlas_layer
        if layer is None:
            return
        names = set(layer.fields().names())
        counts, rates = [], []
        for m in self.indicators:
            for y in m.get("years", []):
                f = f"{m['field']}_{y}"
                if f not in names:
                    continue
                if m.get("kind") == "count":
                    counts.append(f)
                elif m.get("kind") == "rate" and m.get("numerator") and m.get("denominator"):
                    num, den = f"{m['numerator']}_{y}", f"{m['denominator']}_{y}"
                    if num in names and den in names:
                        rates.append(f)
        if not counts and not rates:
            return
        defs = []
        for m in self.indicators:
            if m.get("kind") == "rate" and m.get("numerator") and m.get("denominator"):
                for y in m.get("years", []):
                    if f"{m['field']}_{y}" in rates:
                        defs.append(f"{m['field']}_{y}={m['numerator']}_{y}/{m['denominator']}_{y}"
                                    f"*{m.get('factor') or 100:g}")
        params = {"INPUT": layer, "COUNT_FIELDS": counts, "RATE_FIELDS": rates, "RATE_DEFINITIONS": "; ".join(defs),
                  "CITY_TOTAL": True, "SKIP_MISSING": True, "DISSOLVE": False, "OUTPUT": "memory:"}
        self._start("isrp:aggregateunits", params, self._city_done, self.tr("Computing the city values…"), quiet=True)

    def _city_done(self, results: dict, run) -> None:
        out = run.take_layer(results["OUTPUT"])
        if out is None:
            return
        feat = next(out.getFeatures(), None)
        if feat is not None:
            self.city_values = {n: feat[n] for n in out.fields().names()[3:]}
        self.update_comparison()

    def update_comparison(self) -> None:
        layer = self.atlas_layer
        table = self.compare_table
        table.setRowCount(0)
        key = self.compare_combo.currentData()
        year = self.year_combo.currentData()
        idf, _ = self._district_fields()
        if layer is None or key is None or year is None or not idf:
            return
        fid = self.compare_combo.itemData(self.compare_combo.currentIndex(), FID_ROLE)
        feat = layer.getFeature(fid) if fid is not None else None
        if feat is None or not feat.isValid():
            return
        names = layer.fields().names()
        from qgis.PyQt.QtCore import QLocale

        loc = QLocale()
        for m in self.indicators:
            f = f"{m['field']}_{year}"
            if f not in names:
                continue
            row = table.rowCount()
            table.insertRow(row)
            unit = m.get("unit") or ""
            unit = "" if unit in ("persons", "households", "cases") or unit in (m.get("label") or "") else unit
            unit = styling.unit_text(unit)
            item = QTableWidgetItem(f"{m.get('label') or m['field']}" + (f" ({unit})" if unit else ""))
            item.setToolTip(f)
            table.setItem(row, 0, item)
            for col, value in ((1, feat[f]), (2, self.city_values.get(f))):
                try:
                    v = float(value)
                    text = loc.toString(v, "f", 0 if v.is_integer() else 1)
                except (TypeError, ValueError):
                    text = "–"
                it = QTableWidgetItem(text)
                _align_right(it)
                table.setItem(row, col, it)

    # ------------------------------------------------------------------------------------- index
    def _fill_index_list(self) -> None:
        self.index_list.clear()
        defaults = set(project_store.DEFAULT_STATUS_INDICATORS)
        for m in self.indicators:
            if m.get("kind") != "rate" and m.get("unit") not in ("%", "per 1000"):
                continue  # the index compares rates, not counts
            item = QListWidgetItem(m.get("label") or m["field"])
            item.setData(Qt.ItemDataRole.UserRole, m["field"])
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            on = (m.get("catalogue_id") or m["field"]) in defaults
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
            item.setToolTip(f"{m['field']} · {m.get('polarity', 'neutral')}")
            self.index_list.addItem(item)
        pairs = {tuple(m.get("change_years") or []) for m in self.indicators if m.get("change_field")}
        pairs.discard(())
        self.dynamics_label.setText(", ".join(self.tr("change {0}–{1}").format(*p) for p in sorted(pairs)) or "–")

    def checked_indicators(self) -> List[str]:
        return [self.index_list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.index_list.count())
                if self.index_list.item(i).checkState() == Qt.CheckState.Checked]

    def social_index_parameters(self) -> Optional[dict]:
        layer = self.atlas_layer
        if layer is None:
            self._message(self.tr("Load the atlas first."), error=True)
            return None
        year = self.index_year_combo.currentData()
        names = set(layer.fields().names())
        status, dynamics, pol = [], [], []
        for field in self.checked_indicators():
            m = self._meta(field)
            f = f"{field}_{year}"
            if m is None or f not in names:
                continue
            status.append(f)
            pol.append("-" if m.get("polarity") == "higher_better" else "+")
            if m.get("change_field") and m["change_field"] in names:
                dynamics.append(m["change_field"])
        if not status:
            self._message(self.tr("Tick at least one indicator available in {0}.").format(year), error=True)
            return None
        if dynamics and len(dynamics) != len(status):
            dynamics = []
        pop = self.population_field(year)
        idf, _ = self._district_fields()
        return {
            "INPUT": layer, "STATUS_FIELDS": status, "DYNAMICS_FIELDS": dynamics, "POLARITY": ",".join(pol),
            "POPULATION_FIELD": pop, "MIN_POPULATION": float(self.min_pop_spin.value()), "ID_FIELD": idf,
            "OUTPUT": "memory:",
        }

    def run_social_index(self) -> None:
        params = self.social_index_parameters()
        if params is None:
            return
        self._index_year = self.index_year_combo.currentData()
        self._start("isrp:socialindex", params, self._index_done, self.tr("Computing the social index…"))

    def _index_done(self, results: dict, run) -> None:
        layer = self._take_layer(run, results["OUTPUT"], self.tr("Social index {0}").format(self._index_year))
        if layer is None:
            return
        if self.index_layer is not None and self.index_layer.id() in self.project.mapLayers():
            self.project.removeMapLayer(self.index_layer.id())
        self.index_layer = layer
        styling.apply_social_index_style(layer, "status", min_population=self.min_pop_spin.value(),
                                         project=self.project)
        counts = {}
        for f in layer.getFeatures():
            counts[f["status_label"]] = counts.get(f["status_label"], 0) + 1
        text = ", ".join(f"{k}: {v}" for k, v in counts.items() if k not in (None, "") and not _is_null(k))
        n_out = sum(v for k, v in counts.items() if k in (None, "") or _is_null(k))
        self.index_result.setText(self.tr("{0} units in the index ({1}); {2} left out.").format(
            int(results.get("INCLUDED") or 0), text, n_out))
        self._message(self.tr("Social index added to the map."))

    def run_similar(self) -> None:
        layer = self.atlas_layer
        if layer is None:
            self._message(self.tr("Load the atlas first."), error=True)
            return
        idf, _ = self._district_fields()
        year = self.index_year_combo.currentData()
        names = set(layer.fields().names())
        fields = [f"{f}_{year}" for f in self.checked_indicators() if f"{f}_{year}" in names]
        target = self.similar_combo.currentData()
        if not fields or target is None or not idf:
            self._message(self.tr("Choose a district and tick at least one indicator."), error=True)
            return
        params = {"INPUT": layer, "ID_FIELD": idf, "TARGET": str(target), "FIELDS": fields,
                  "TOP": self.top_spin.value(), "OUTPUT": "memory:"}
        self._start("isrp:similardistricts", params, self._similar_done, self.tr("Ranking similar districts…"))

    def _similar_done(self, results: dict, run) -> None:
        out = run.take_layer(results["OUTPUT"])
        layer = self.atlas_layer
        if out is None or layer is None:
            return
        idf, namef = self._district_fields()
        self.similar_table.setRowCount(0)
        from qgis.PyQt.QtCore import QLocale

        loc = QLocale()
        for f in out.getFeatures():
            rank = f["sim_rank"]
            if _is_null(rank) or int(rank) == 0:
                continue
            row = self.similar_table.rowCount()
            self.similar_table.insertRow(row)
            label = f"{f[idf]} {f[namef]}" if namef else str(f[idf])
            dist = f["sim_distance"]
            for col, text in enumerate((str(int(rank)), label, "–" if _is_null(dist) else loc.toString(float(dist),
                                                                                                       "f", 2))):
                self.similar_table.setItem(row, col, QTableWidgetItem(text))
        self.similar_ids = [s for s in (results.get("SIMILAR") or "").split(",") if s]
        wanted = set(self.similar_ids)
        fids = [f.id() for f in layer.getFeatures() if str(f[idf]) in wanted]
        layer.selectByIds(fids)
        layer.triggerRepaint()
        self._message(self.tr("Most similar districts selected on the map: {0}").format(", ".join(self.similar_ids)))

    # ------------------------------------------------------------------------------------- catalogue
    def refresh_catalogue(self) -> None:
        try:
            user = project_store.load_user_indicators(self.project)
            catalogue = project_store.merged_catalogue(user)
        except IndicatorCatalogueError as exc:
            self._note(str(exc), error=True)
            user, catalogue = [], project_store.merged_catalogue([])
        user_ids = {u.id for u in user}
        lang = _lang()
        self.catalogue_table.setRowCount(0)
        for ind in catalogue.values():
            row = self.catalogue_table.rowCount()
            self.catalogue_table.insertRow(row)
            origin = self.tr("project") if ind.id in user_ids else self.tr("catalogue")
            for col, text in enumerate((ind.id, ind.label_de if lang == "de" else ind.label_en, ind.kind, ind.unit,
                                        ind.polarity, origin)):
                self.catalogue_table.setItem(row, col, QTableWidgetItem(text))
        for combo in (self.cat_numerator, self.cat_denominator):
            current = combo.currentData()
            combo.clear()
            combo.addItem("", "")
            for cid in catalogue.counts():
                combo.addItem(cid, cid)
            if current:
                combo.setCurrentIndex(max(0, combo.findData(current)))

    def _kind_changed(self) -> None:
        rate = self.cat_kind.currentData() == "rate"
        for w in (self.cat_numerator, self.cat_denominator, self.cat_factor):
            w.setEnabled(rate)

    def _catalogue_row_selected(self) -> None:
        rows = {i.row() for i in self.catalogue_table.selectedItems()}
        if len(rows) != 1:
            return
        cid = self.catalogue_table.item(rows.pop(), 0).text()
        catalogue = project_store.load_catalogue_for_project(self.project)
        if cid not in catalogue:
            return
        ind = catalogue[cid]
        self.cat_id.setText(ind.id)
        self.cat_label_de.setText(ind.label_de)
        self.cat_label_en.setText(ind.label_en)
        self.cat_kind.setCurrentIndex(self.cat_kind.findData(ind.kind))
        self.cat_numerator.setCurrentIndex(max(0, self.cat_numerator.findData(ind.numerator or "")))
        self.cat_denominator.setCurrentIndex(max(0, self.cat_denominator.findData(ind.denominator or "")))
        self.cat_factor.setValue(ind.factor or 100)
        self.cat_unit.setText(ind.unit)
        self.cat_polarity.setCurrentIndex(self.cat_polarity.findData(ind.polarity))
        self.cat_source.setText(ind.source)

    def user_indicator_from_form(self) -> Indicator:
        rate = self.cat_kind.currentData() == "rate"
        return project_store.indicator_from_dict({
            "id": self.cat_id.text().strip(), "label_de": self.cat_label_de.text(),
            "label_en": self.cat_label_en.text(), "kind": self.cat_kind.currentData(),
            "numerator": self.cat_numerator.currentData() if rate else None,
            "denominator": self.cat_denominator.currentData() if rate else None,
            "factor": self.cat_factor.value() if rate else None, "unit": self.cat_unit.text(),
            "polarity": self.cat_polarity.currentData(), "source": self.cat_source.text(),
        })

    def save_user_indicator(self) -> bool:
        """Add or replace the indicator of the form in the project's user indicators."""
        try:
            ind = self.user_indicator_from_form()
            if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", ind.id):
                raise IndicatorCatalogueError(self.tr("The id may contain letters, digits and '_' only."))
            user = [u for u in project_store.load_user_indicators(self.project) if u.id != ind.id] + [ind]
            project_store.save_user_indicators(user, self.project)
        except IndicatorCatalogueError as exc:
            self._note(str(exc), error=True)
            return False
        self._note(self.tr("Indicator “{0}” saved in the project.").format(ind.id))
        self.refresh_catalogue()
        return True

    def remove_user_indicator(self) -> None:
        cid = self.cat_id.text().strip()
        user = project_store.load_user_indicators(self.project)
        if cid not in {u.id for u in user}:
            self._note(self.tr("Only indicators defined in the project can be removed."), error=True)
            return
        try:
            project_store.save_user_indicators([u for u in user if u.id != cid], self.project)
        except IndicatorCatalogueError as exc:
            self._note(str(exc), error=True)
            return
        self._note(self.tr("Indicator “{0}” removed from the project.").format(cid))
        self.refresh_catalogue()


def _align_right(item: QTableWidgetItem) -> None:
    flags = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
    try:
        item.setTextAlignment(flags)  # Qt6
    except TypeError:
        item.setTextAlignment(int(flags))  # Qt5 takes an int


def _is_null(value) -> bool:
    from ..qgis_io.compat import is_null

    return is_null(value)


def setup_atlas_gui(plugin) -> AtlasDock:
    """Create the Atlas dock and register it with the plugin (toggle action in menu and toolbar)."""
    dock = AtlasDock(plugin.iface, QgsProject.instance(), plugin.iface.mainWindow())
    plugin.add_dock(dock, toggle_icon="atlas.svg",
                    toggle_text=QCoreApplication.translate("AtlasDock", "Atlas (social structure)"))
    return dock
