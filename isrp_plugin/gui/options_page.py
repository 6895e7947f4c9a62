"""The ISRP page in QGIS Options (Settings ▸ Options ▸ ISRP).

Tab *General*: confidentiality and network settings. Tab *Standards*: the user's default standards
catalogue for new projects, edited with the same :class:`.standards_editor.StandardsEditor` as a
project's catalogue in the Coverage tab. Both are stored by :class:`IsrpSettings` (QgsSettings)
when the options dialog is accepted; an invalid standards table is not stored.
"""

import logging

from qgis.gui import QgsOptionsPageWidget, QgsOptionsWidgetFactory
from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtGui import QIcon

from ..__about__ import resource_path
from ..core.standards import load_default_standards
from ..qgis_io.settings import IsrpSettings
from .standards_editor import StandardsEditor
from .ui_loader import load_ui

FORM_CLASS, _ = load_ui("options_page")
LOG = logging.getLogger("isrp_plugin.options")


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
        self.standards = StandardsEditor(
            caption=self.tr("Your default catalogue for new projects: a project without standards of its own "
                            "uses it, and “Reset to my defaults” in the Coverage tab restores it. The catalogue of "
                            "an open project is edited in the Coverage tab of the ISRP analyses dock. Changes here "
                            "are saved when you press OK."),
            reset_text=self.tr("Restore shipped defaults"),
            reset_tooltip=self.tr("Replace the table with the catalogue shipped with the plugin (sources named; "
                                  "values to verify locally)"),
            reset_source=load_default_standards,
            parent=self.form.tabStandards,
        )
        self.form.standardsLayout.addWidget(self.standards)
        self.standards.edited.connect(self._standards_edited)
        #: the catalogue text stored when the page opened (kept when the table is invalid)
        self._stored_standards_csv = ""
        self.show_settings(IsrpSettings.load())

    def show_settings(self, settings: IsrpSettings) -> None:
        self.form.spinThreshold.setValue(settings.suppression_threshold)
        self.form.spinMinPop.setValue(settings.min_population)
        self.form.spinWalk.setValue(settings.walk_speed_kmh)
        self.form.spinBike.setValue(settings.bike_speed_kmh)
        self.form.spinTolerance.setValue(settings.snap_tolerance_m)
        self.form.spinAccess.setValue(settings.max_access_distance_m)
        self.form.checkDebug.setChecked(settings.debug)
        self._stored_standards_csv = settings.default_standards_csv
        standards = settings.default_standards()
        self.standards.set_standards(standards.values())
        if settings.default_standards_csv.strip():
            text = self.tr("{0} standards of your own default catalogue.")
        else:
            text = self.tr("{0} standards as shipped with the plugin (verify locally).")
        self.standards.show_status(text.format(len(standards)))

    def _standards_edited(self) -> None:
        self.standards.show_status(self.tr("{0} standards; saved as your default catalogue when you press OK.")
                                   .format(len(self.standards.standards)))

    def current_settings(self) -> IsrpSettings:
        """The settings shown; the standards only when the table is valid (else the stored ones)."""
        settings = IsrpSettings(
            suppression_threshold=self.form.spinThreshold.value(),
            min_population=self.form.spinMinPop.value(),
            walk_speed_kmh=self.form.spinWalk.value(),
            bike_speed_kmh=self.form.spinBike.value(),
            snap_tolerance_m=self.form.spinTolerance.value(),
            max_access_distance_m=self.form.spinAccess.value(),
            debug=self.form.checkDebug.isChecked(),
            default_standards_csv=self._stored_standards_csv,
        )
        if self.standards.validate():
            settings.set_default_standards(self.standards.standards.values())
        return settings

    def isValid(self) -> bool:  # noqa: N802 - QGIS >= 3.24 keeps the dialog open while this is False
        """False while the standards table has problems (the Standards tab is shown with them)."""
        if self.standards.validate():
            return True
        self.form.tabs.setCurrentWidget(self.form.tabStandards)
        return False

    def apply(self) -> None:  # noqa: D102 - called by QGIS
        settings = self.current_settings()
        if not self.standards.valid:
            # QGIS 3.22 has no isValid(): the other settings are saved, the last valid catalogue is kept
            LOG.warning("default standards not saved, the table has errors:\n%s",
                        "\n".join(self.standards.problem_text(p) for p in self.standards.problems))
        settings.save()
        self._stored_standards_csv = settings.default_standards_csv


class IsrpOptionsFactory(QgsOptionsWidgetFactory):
    def __init__(self):
        super().__init__()
        self.setTitle(QCoreApplication.translate("IsrpOptionsFactory", "ISRP"))

    def icon(self) -> QIcon:  # noqa: D102
        return QIcon(str(resource_path("icons", "isrp.svg")))

    def createWidget(self, parent) -> IsrpOptionsPage:  # noqa: N802, D102
        return IsrpOptionsPage(parent)
