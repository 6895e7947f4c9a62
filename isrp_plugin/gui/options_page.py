"""The ISRP page in QGIS Options (Settings ▸ Options ▸ ISRP)."""

from qgis.gui import QgsOptionsPageWidget, QgsOptionsWidgetFactory
from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtGui import QIcon

from ..__about__ import resource_path
from ..qgis_io.settings import IsrpSettings
from .ui_loader import load_ui

FORM_CLASS, _ = load_ui("options_page")


class IsrpOptionsPage(QgsOptionsPageWidget):
    """Edits :class:`IsrpSettings`; QGIS calls :meth:`apply` when the dialog is accepted."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.form = FORM_CLASS()
        self.form.setupUi(self)
        defaults = IsrpSettings()
        self.form.spinThreshold.setClearValue(defaults.suppression_threshold)
        self.form.spinMinPop.setClearValue(defaults.min_population)
        self.form.spinWalk.setClearValue(defaults.walk_speed_kmh)
        self.form.spinBike.setClearValue(defaults.bike_speed_kmh)
        self.form.spinTolerance.setClearValue(defaults.snap_tolerance_m)
        self.form.spinAccess.setClearValue(defaults.max_access_distance_m)
        self.show_settings(IsrpSettings.load())

    def show_settings(self, settings: IsrpSettings) -> None:
        self.form.spinThreshold.setValue(settings.suppression_threshold)
        self.form.spinMinPop.setValue(settings.min_population)
        self.form.spinWalk.setValue(settings.walk_speed_kmh)
        self.form.spinBike.setValue(settings.bike_speed_kmh)
        self.form.spinTolerance.setValue(settings.snap_tolerance_m)
        self.form.spinAccess.setValue(settings.max_access_distance_m)
        self.form.checkDebug.setChecked(settings.debug)

    def current_settings(self) -> IsrpSettings:
        return IsrpSettings(
            suppression_threshold=self.form.spinThreshold.value(),
            min_population=self.form.spinMinPop.value(),
            walk_speed_kmh=self.form.spinWalk.value(),
            bike_speed_kmh=self.form.spinBike.value(),
            snap_tolerance_m=self.form.spinTolerance.value(),
            max_access_distance_m=self.form.spinAccess.value(),
            debug=self.form.checkDebug.isChecked(),
        )

    def apply(self) -> None:  # noqa: D102 - called by QGIS
        self.current_settings().save()


class IsrpOptionsFactory(QgsOptionsWidgetFactory):
    def __init__(self):
        super().__init__()
        self.setTitle(QCoreApplication.translate("IsrpOptionsFactory", "ISRP"))

    def icon(self) -> QIcon:  # noqa: D102
        return QIcon(str(resource_path("icons", "isrp.svg")))

    def createWidget(self, parent) -> IsrpOptionsPage:  # noqa: N802, D102
        return IsrpOptionsPage(parent)
