"""Publish: "Map sheets…" and "Measure plan…" actions with small dialogs that run the algorithms.

The dialogs only collect parameters; the work is done by ``isrp:mapsheets`` and
``isrp:measureplan``. The map-sheet algorithm edits the project's layouts and therefore runs on the
main thread (``FlagNoThreading``): it is started in QGIS's own Processing dialog, which shows its
progress and log and has a cancel button (the export stops between two pages). The measure plan
runs as a background task (``gui.tasks.run_algorithm``).

``setup_publish_gui(plugin)`` adds both actions to the plugin's menu and toolbar (removed again by
the plugin's ``unload()``).
"""

from pathlib import Path

from qgis.core import Qgis, QgsMapLayerProxyModel, QgsProject, QgsVectorLayer
from qgis.gui import QgsFieldComboBox, QgsFileWidget, QgsMapLayerComboBox
from qgis.PyQt.QtCore import QCoreApplication, Qt, QUrl
from qgis.PyQt.QtGui import QDesktopServices
from qgis.PyQt.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
)

from ..qgis_io import layouts as L

#: module-level UI strings use the context "PublishGui" (pylupdate5 extracts _translate(context, text))
_translate = QCoreApplication.translate

MAPSHEETS_ID = "isrp:mapsheets"
MEASUREPLAN_ID = "isrp:measureplan"


def _first(*getters):
    for getter in getters:
        try:
            return getter()
        except AttributeError:
            continue
    raise AttributeError("enum not found")


POLYGON_FILTER = _first(lambda: Qgis.LayerFilter.PolygonLayer, lambda: QgsMapLayerProxyModel.Filter.PolygonLayer)
POINT_FILTER = _first(lambda: Qgis.LayerFilter.PointLayer, lambda: QgsMapLayerProxyModel.Filter.PointLayer)
VECTOR_FILTER = _first(lambda: Qgis.LayerFilter.VectorLayer, lambda: QgsMapLayerProxyModel.Filter.VectorLayer)
SAVE_FILE = QgsFileWidget.StorageMode.SaveFile
MULTIPLE_FILES = QgsFileWidget.StorageMode.GetMultipleFiles
CHECKED = Qt.CheckState.Checked
UNCHECKED = Qt.CheckState.Unchecked
USER_ROLE = Qt.ItemDataRole.UserRole
ITEM_CHECKABLE = Qt.ItemFlag.ItemIsUserCheckable
#: dialog result of "All parameters…": open Processing's dialog without starting it
SHOW_ALL_PARAMETERS = 2


def _code(value) -> int:
    """A dialog result as int (PyQt6 enums are not ints)."""
    return int(getattr(value, "value", value))


def _ui_lang() -> str:
    from ..plugin import ui_language

    return "de" if ui_language() == "de" else "en"


def _project_folder(project: QgsProject) -> Path:
    home = project.homePath()
    return Path(home) if home else Path.home()


def measure_layers(project: QgsProject):
    """The project's measure layers (points and areas of measure stores), found by their table names."""
    from ..qgis_io.measures_store import kind_of_layer

    return [lyr for lyr in project.mapLayers().values() if kind_of_layer(lyr) is not None]


def _form() -> QFormLayout:
    form = QFormLayout()
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    return form


def _layer_list(layers, checked: bool = True) -> QListWidget:
    widget = QListWidget()
    widget.setFixedHeight(64)
    for lyr in layers:
        item = QListWidgetItem(lyr.name())
        item.setData(USER_ROLE, lyr.id())
        item.setFlags(item.flags() | ITEM_CHECKABLE)
        item.setCheckState(CHECKED if checked else UNCHECKED)
        widget.addItem(item)
    return widget


def _checked_ids(widget: QListWidget):
    return [widget.item(i).data(USER_ROLE) for i in range(widget.count())
            if widget.item(i).checkState() == CHECKED]


def _guess_field(layer, candidates):
    if layer is None:
        return ""
    names = {n.casefold(): n for n in layer.fields().names()}
    for c in candidates:
        if c in names:
            return names[c]
    return ""


class MapSheetsDialog(QDialog):
    """Units, atlas, indicator, layers, template, language, output → parameters of isrp:mapsheets."""

    def __init__(self, iface, project: QgsProject = None, parent=None):  # noqa: QGS105 - the plugin hands it on
        super().__init__(parent or (iface.mainWindow() if iface is not None else None))
        self.iface = iface
        self.project = project or QgsProject.instance()
        self.setWindowTitle(self.tr("Map sheets"))
        self.setMinimumWidth(600)
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("One sheet per district or social space: map, key indicators against the city "
                               "(confidential values print as “.”), chart, measures, sources. The layout stays in "
                               "the project."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = _form()
        layout.addLayout(form)

        self.units = QgsMapLayerComboBox()
        self.units.setFilters(POLYGON_FILTER)
        self.id_field = QgsFieldComboBox()
        self.name_field = QgsFieldComboBox()
        self.units.layerChanged.connect(self._units_changed)
        form.addRow(self.tr("Units"), self.units)
        form.addRow(self.tr("Id field"), self.id_field)
        form.addRow(self.tr("Name field"), self.name_field)

        self.atlas = QgsFileWidget()
        self.atlas.setStorageMode(MULTIPLE_FILES)
        self.atlas.setFilter(self.tr("CSV files (*.csv *.txt)"))
        yearly = sorted((_project_folder(self.project) / "atlas").glob("*_[12][0-9][0-9][0-9].csv"))
        if yearly:  # e.g. the sample project's atlas/…_2020.csv … _2022.csv
            self.atlas.setFilePath(" ".join(f'"{p}"' for p in yearly))
        form.addRow(self.tr("Atlas (CSV files)"), self.atlas)
        self.indicator = QComboBox()
        lang = _ui_lang()
        for spec in L.KEY_INDICATORS:
            self.indicator.addItem(spec.label(lang), spec.key)
        self.indicator.setCurrentIndex([s.key for s in L.KEY_INDICATORS].index("sgb2_rate"))
        form.addRow(self.tr("Indicator"), self.indicator)

        self.indicator_layer = QgsMapLayerComboBox()
        self.indicator_layer.setFilters(VECTOR_FILTER)
        self.indicator_layer.setAllowEmptyLayer(True)
        self.indicator_layer.setLayer(None)
        form.addRow(self.tr("Map layer instead (optional)"), self.indicator_layer)
        self.facilities = QgsMapLayerComboBox()
        self.facilities.setFilters(POINT_FILTER)
        self.facilities.setAllowEmptyLayer(True)
        facilities = self.project.mapLayersByName("einrichtungen")
        self.facilities.setLayer(facilities[0] if facilities else None)
        form.addRow(self.tr("Facilities (optional)"), self.facilities)
        self.measures = _layer_list(measure_layers(self.project))
        form.addRow(self.tr("Measures"), self.measures if self.measures.count() else
                    QLabel(self.tr("No measure layers in the project.")))

        self.template = QComboBox()
        self.template.addItems([self.tr("A4 portrait"), self.tr("A3 landscape")])
        form.addRow(self.tr("Template"), self.template)
        self.language = QComboBox()
        self.language.addItems([self.tr("German"), self.tr("English")])
        self.language.setCurrentIndex(0 if lang == "de" else 1)
        form.addRow(self.tr("Language"), self.language)
        self.mode = QComboBox()
        self.mode.addItems([self.tr("One multi-page PDF"), self.tr("One PDF per unit")])
        form.addRow(self.tr("PDF output"), self.mode)
        self.png = QCheckBox(self.tr("Also PNG pages for the web"))
        form.addRow("", self.png)
        self.city = QLineEdit()
        self.city.setPlaceholderText(self.tr("e.g. Erfurt"))
        form.addRow(self.tr("City name"), self.city)
        self.output = QgsFileWidget()
        self.output.setStorageMode(SAVE_FILE)
        self.output.setFilter(self.tr("PDF files (*.pdf)"))
        self.output.setFilePath(str(_project_folder(self.project) / "mapsheets.pdf"))
        form.addRow(self.tr("Output PDF"), self.output)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Make map sheets"))
        self.advanced = QPushButton(self.tr("All parameters…"))
        buttons.addButton(self.advanced, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.advanced.clicked.connect(self._open_processing_dialog)
        layout.addWidget(buttons)
        units = self.project.mapLayersByName("ortsteile")
        if units:
            self.units.setLayer(units[0])
        self._units_changed(self.units.currentLayer())

    def _units_changed(self, layer) -> None:
        self.id_field.setLayer(layer)
        self.name_field.setLayer(layer)
        if isinstance(layer, QgsVectorLayer):
            from ..processing.alg_mapsheets import ID_CANDIDATES, NAME_CANDIDATES

            self.id_field.setField(_guess_field(layer, ID_CANDIDATES))
            self.name_field.setField(_guess_field(layer, NAME_CANDIDATES))

    def parameters(self) -> dict:
        """The isrp:mapsheets parameters the dialog describes."""
        files = QgsFileWidget.splitFilePaths(self.atlas.filePath()) if self.atlas.filePath() else []
        params = {
            "UNITS": self.units.currentLayer(),
            "ID_FIELD": self.id_field.currentField(),
            "NAME_FIELD": self.name_field.currentField(),
            "ATLAS": files,
            "MAP_INDICATOR": self.indicator.currentIndex(),
            "INDICATOR_LAYER": self.indicator_layer.currentLayer(),
            "FACILITIES": self.facilities.currentLayer(),
            "MEASURES": [self.project.mapLayer(i) for i in _checked_ids(self.measures)],
            "TEMPLATE": self.template.currentIndex(),
            "LANGUAGE": self.language.currentIndex(),
            "MODE": self.mode.currentIndex(),
            "PNG": self.png.isChecked(),
            "CITY_NAME": self.city.text().strip(),
            "OUTPUT": self.output.filePath(),
        }
        return {k: v for k, v in params.items() if v is not None}

    def _open_processing_dialog(self) -> None:
        self.done(SHOW_ALL_PARAMETERS)

    def run(self):
        """Show the dialog; on OK run the algorithm in Processing's dialog (main thread, progress, cancel)."""
        result = _code(self.exec())
        if result == _code(QDialog.DialogCode.Rejected):
            return None
        return run_in_processing_dialog(MAPSHEETS_ID, self.parameters(),
                                        start=result == _code(QDialog.DialogCode.Accepted))


def run_in_processing_dialog(alg_id: str, parameters: dict, start: bool = True):
    """Open QGIS's Processing dialog for ``alg_id`` with ``parameters``; start it at once when ``start``.

    Processing's dialog runs algorithms flagged NoThreading on the main thread with a progress bar,
    a log and a cancel button.
    """
    from qgis import processing
    from qgis.core import QgsMapLayer

    def plain(value):  # layers by id: what Processing's widgets take in every QGIS version
        if isinstance(value, QgsMapLayer):
            return value.id()
        if isinstance(value, (list, tuple)):
            return [plain(v) for v in value]
        return value

    dialog = processing.createAlgorithmDialog(alg_id, {k: plain(v) for k, v in parameters.items()})
    if dialog is None:
        return None
    dialog.show()
    if start and hasattr(dialog, "runAlgorithm"):
        dialog.runAlgorithm()
    return dialog


class MeasurePlanDialog(QDialog):
    """Measure layers, language, outputs → isrp:measureplan as a background task."""

    def __init__(self, iface, project: QgsProject = None, parent=None):  # noqa: QGS105 - the plugin hands it on
        super().__init__(parent or (iface.mainWindow() if iface is not None else None))
        self.iface = iface
        self.project = project or QgsProject.instance()
        self.run_handle = None
        self.setWindowTitle(self.tr("Measure plan"))
        self.setMinimumWidth(480)
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Measures grouped by social space and field of action with status, responsible "
                               "body, timing and costs: XLSX (summary plus one sheet per social space), CSV and a "
                               "PDF report."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = _form()
        layout.addLayout(form)
        layers = measure_layers(self.project)
        self.measures = _layer_list(layers)
        form.addRow(self.tr("Measures"), self.measures if layers else
                    QLabel(self.tr("No measure layers in the project.")))
        self.language = QComboBox()
        self.language.addItems([self.tr("German"), self.tr("English")])
        self.language.setCurrentIndex(0 if _ui_lang() == "de" else 1)
        form.addRow(self.tr("Language"), self.language)
        self.rejected_box = QCheckBox(self.tr("Include rejected measures"))
        form.addRow("", self.rejected_box)
        self.output = QgsFileWidget()
        self.output.setStorageMode(SAVE_FILE)
        self.output.setFilter(self.tr("Excel workbooks (*.xlsx)"))
        self.output.setFilePath(str(_project_folder(self.project) / "massnahmenplan.xlsx"))
        form.addRow(self.tr("Output XLSX"), self.output)
        self.csv = QCheckBox(self.tr("Also CSV (same name)"))
        self.csv.setChecked(True)
        self.pdf = QCheckBox(self.tr("Also PDF report (same name)"))
        self.pdf.setChecked(True)
        form.addRow("", self.csv)
        form.addRow("", self.pdf)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Write measure plan"))
        buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(layers))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def parameters(self) -> dict:
        xlsx = self.output.filePath()
        if xlsx and not xlsx.lower().endswith(".xlsx"):
            xlsx += ".xlsx"
        stem = str(Path(xlsx).with_suffix("")) if xlsx else ""
        return {
            "MEASURES": [self.project.mapLayer(i) for i in _checked_ids(self.measures)],
            "LANGUAGE": self.language.currentIndex(),
            "INCLUDE_REJECTED": self.rejected_box.isChecked(),
            "OUTPUT_XLSX": xlsx,
            "OUTPUT_CSV": stem + ".csv" if self.csv.isChecked() and stem else None,
            "OUTPUT_PDF": stem + ".pdf" if self.pdf.isChecked() and stem else None,
        }

    def run(self):
        if _code(self.exec()) != _code(QDialog.DialogCode.Accepted):
            return None
        params = {k: v for k, v in self.parameters().items() if v is not None}
        from .tasks import run_algorithm

        iface = self.iface

        def done(ok, results, run):
            if iface is None:
                return
            bar = iface.messageBar()
            title = _translate("PublishGui", "Measure plan")
            if ok and results.get("OUTPUT_XLSX"):
                path = results["OUTPUT_XLSX"]
                message = _translate("PublishGui", "{0} measures written to {1}").format(
                    int(results.get("MEASURES_COUNT", 0)), path)
                widget = bar.createMessage(title, message)
                button = QPushButton(_translate("PublishGui", "Open"))
                button.clicked.connect(lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(path)))
                widget.layout().addWidget(button)
                bar.pushWidget(widget, Qgis.MessageLevel.Success, 10)
            else:
                bar.pushWarning(title, _translate("PublishGui", "The measure plan could not be written; see the log."))

        self.run_handle = run_algorithm(MEASUREPLAN_ID, params, done, project=self.project,
                                        description=_translate("PublishGui", "ISRP measure plan"))
        return self.run_handle


def setup_publish_gui(plugin):
    """Add "Map sheets…" and "Measure plan…" to the ISRP menu and toolbar (removed by ``plugin.unload()``)."""
    plugin.menu.addSeparator()

    def mapsheets():
        MapSheetsDialog(plugin.iface).run()

    def measureplan():
        MeasurePlanDialog(plugin.iface).run()

    actions = [
        plugin._add_action(
            "mapsheets.svg", _translate("PublishGui", "Map sheets…"), mapsheets,
            _translate("PublishGui", "Map sheets (PDF) per district or social space from the layout templates")),
        plugin._add_action(
            "measureplan.svg", _translate("PublishGui", "Measure plan…"), measureplan,
            _translate("PublishGui", "The measure plan by social space and field of action as XLSX, CSV and PDF")),
    ]
    return actions
