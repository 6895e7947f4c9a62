"""Wiring of the plugin into QGIS: translator, menu, toolbar, provider, options page.

Nothing here computes anything; analyses live in Processing algorithms.
"""

import logging
import shutil
from pathlib import Path

from qgis.core import QgsApplication, QgsProject, QgsSettings
from qgis.PyQt.QtCore import QCoreApplication, QLocale, QTranslator, QUrl
from qgis.PyQt.QtGui import QDesktopServices, QIcon
from qgis.PyQt.QtWidgets import QAction, QMenu, QMessageBox

from .__about__ import I18N_DIR, PLUGIN_ID, TITLE, VERSION, resource_path
from .qgis_io import logging_bridge

LOG = logging.getLogger("isrp_plugin")
SAMPLE_PROJECT = "erfurt_sample.qgz"


def ui_language() -> str:
    """Two-letter language QGIS's UI uses (its override setting, else the system locale)."""
    settings = QgsSettings()
    if settings.value("locale/overrideFlag", False, type=bool):
        locale = settings.value("locale/userLocale", "", type=str)
    else:
        locale = QLocale.system().name()
    return (locale or "en")[:2]


def user_sample_dir() -> Path:
    """A writable copy of the sample lives in the QGIS profile (the plugin folder may be replaced on update)."""
    return Path(QgsApplication.qgisSettingsDirPath()) / "isrp" / "sample"


class IsrpPlugin:
    """The object QGIS holds for the plugin's lifetime."""

    def __init__(self, iface):  # noqa: QGS105 - QGIS hands iface to classFactory
        self.iface = iface
        self.translator = None
        self.provider = None
        self.options_factory = None
        self.menu = None
        self.toolbar = None
        self.actions = []
        self.docks = []
        self.map_tools = []
        self._log_handler = None
        self._install_translator()

    # -- helpers -------------------------------------------------------------------------------
    @staticmethod
    def tr(message: str) -> str:
        return QCoreApplication.translate("IsrpPlugin", message)

    def _install_translator(self) -> None:
        qm = Path(I18N_DIR) / f"isrp_{ui_language()}.qm"
        if qm.exists():
            translator = QTranslator()
            if translator.load(str(qm)):
                QCoreApplication.installTranslator(translator)
                self.translator = translator

    def _add_action(self, icon_name: str, text: str, slot, tooltip: str = "", toolbar: bool = True) -> QAction:
        action = QAction(QIcon(str(resource_path("icons", icon_name))), text, self.iface.mainWindow())
        action.setObjectName(f"{PLUGIN_ID}_{len(self.actions)}")
        if tooltip:
            action.setToolTip(tooltip)
            action.setStatusTip(tooltip)
        action.triggered.connect(slot)
        self.menu.addAction(action)
        if toolbar:
            self.toolbar.addAction(action)
        self.actions.append(action)
        return action

    def add_dock(self, dock, area=None, toggle_icon: str = "", toggle_text: str = ""):
        """Add a dock widget (hidden until its menu/toolbar action is used); removed in unload()."""
        from qgis.PyQt.QtCore import Qt

        self.iface.addDockWidget(area if area is not None else Qt.DockWidgetArea.RightDockWidgetArea, dock)
        dock.hide()
        dock.visibilityChanged.connect(lambda visible, d=dock: visible and self._tabify_on_first_show(d))
        self.docks.append(dock)
        if toggle_text:
            action = dock.toggleViewAction()
            action.setIcon(QIcon(str(resource_path("icons", toggle_icon or "isrp.svg"))))
            action.setText(toggle_text)
            self.menu.addAction(action)
            self.toolbar.addAction(action)
        return dock

    def _tabify_on_first_show(self, dock) -> None:
        """The first time a panel opens, it joins an ISRP panel already open in its area as a tab
        (three panels stacked in one column leave each too little room). Later moves are the user's."""
        if dock.property("isrp_placed"):
            return
        dock.setProperty("isrp_placed", True)
        window = self.iface.mainWindow()
        if dock.isFloating():
            return
        area = window.dockWidgetArea(dock)
        for other in self.docks:
            if other is not dock and other.isVisible() and not other.isFloating() \
                    and window.dockWidgetArea(other) == area:
                window.tabifyDockWidget(other, dock)
                dock.raise_()
                return

    def add_map_tool(self, tool):
        """Keep a map tool for unload(): it is unset from the canvas and deleted there."""
        self.map_tools.append(tool)
        return tool

    # -- QGIS plugin interface -----------------------------------------------------------------
    def initProcessing(self):  # noqa: N802 - QGIS API
        if self.provider is None:
            from .processing.provider import IsrpProvider

            self.provider = IsrpProvider()
            QgsApplication.processingRegistry().addProvider(self.provider)

    def initGui(self):  # noqa: N802 - QGIS API
        self._log_handler = logging_bridge.install()
        self.initProcessing()

        self.menu = QMenu(TITLE, self.iface.mainWindow())
        self.menu.setObjectName("isrpMenu")
        menubar = self.iface.mainWindow().menuBar()
        help_menu = self.iface.helpMenu() if hasattr(self.iface, "helpMenu") else None
        if help_menu is not None and help_menu.menuAction() in menubar.actions():
            menubar.insertMenu(help_menu.menuAction(), self.menu)
        else:
            menubar.addMenu(self.menu)

        self.toolbar = self.iface.addToolBar(TITLE)
        self.toolbar.setObjectName("isrpToolbar")

        self._add_action(
            "sample_project.svg",
            self.tr("Open Erfurt sample project"),
            self.open_sample_project,
            self.tr(
                "Opens a copy of the bundled Erfurt sample project (districts, facilities, demand, network, atlas)"
            ),
        )
        self.menu.addSeparator()
        for setup, _teardown in self._gui_components():
            setup(self)
        self.menu.addSeparator()
        self._add_action("settings.svg", self.tr("Settings…"), self.show_settings, toolbar=False)
        self._add_action("help.svg", self.tr("Help"), self.show_help, toolbar=False)

        from .gui.options_page import IsrpOptionsFactory

        self.options_factory = IsrpOptionsFactory()
        self.iface.registerOptionsWidgetFactory(self.options_factory)
        LOG.info("ISRP %s loaded", VERSION)

    @staticmethod
    def _gui_components():
        """(setup, teardown) of each GUI part; setup(plugin) registers docks, tools and actions."""
        from .gui import analyses_dock, atlas_dock, coverage_tab, measures_dock, publish_dialog, suggestions

        return [
            (atlas_dock.setup_atlas_gui, None),
            (analyses_dock.setup_analyses_gui, None),
            (coverage_tab.setup_coverage_gui, None),
            (measures_dock.setup_measures_gui, measures_dock.teardown_measures_gui),
            (suggestions.setup_scenario_gui, None),
            (publish_dialog.setup_publish_gui, None),
        ]

    def unload(self):
        for _setup, teardown in self._gui_components():
            if teardown is not None:
                teardown(self)
        canvas = self.iface.mapCanvas()
        for tool in self.map_tools:
            if canvas is not None and canvas.mapTool() is tool:
                canvas.unsetMapTool(tool)
            tool.deleteLater()
        self.map_tools = []
        for dock in self.docks:
            if self.menu is not None:
                self.menu.removeAction(dock.toggleViewAction())
            if self.toolbar is not None:
                self.toolbar.removeAction(dock.toggleViewAction())
            self.iface.removeDockWidget(dock)
            dock.deleteLater()
        self.docks = []
        for action in self.actions:
            if self.toolbar is not None:
                self.toolbar.removeAction(action)
            action.deleteLater()
        self.actions = []
        if self.menu is not None:
            self.iface.mainWindow().menuBar().removeAction(self.menu.menuAction())
            self.menu.deleteLater()
            self.menu = None
        if self.toolbar is not None:
            self.iface.mainWindow().removeToolBar(self.toolbar)
            self.toolbar.deleteLater()
            self.toolbar = None
        if self.options_factory is not None:
            self.iface.unregisterOptionsWidgetFactory(self.options_factory)
            self.options_factory = None
        if self.provider is not None:
            from .gui.tasks import cancel_all

            cancel_all()  # no worker may still run an algorithm of the provider removed next
            QgsApplication.processingRegistry().removeProvider(self.provider)
            self.provider = None
        if self.translator is not None:
            QCoreApplication.removeTranslator(self.translator)
            self.translator = None
        if self._log_handler is not None:
            logging_bridge.uninstall(self._log_handler)
            self._log_handler = None

    # -- actions -------------------------------------------------------------------------------
    def open_sample_project(self) -> bool:
        source = resource_path("sample")
        if not (source / SAMPLE_PROJECT).exists():
            QMessageBox.warning(
                self.iface.mainWindow(),
                TITLE,
                self.tr("The sample project is missing from the plugin folder: {0}").format(source / SAMPLE_PROJECT),
            )
            return False
        target = user_sample_dir()
        if not (target / SAMPLE_PROJECT).exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copytree(source, target, dirs_exist_ok=True)
            LOG.info("Sample project copied to %s", target)
        ok = QgsProject.instance().read(str(target / SAMPLE_PROJECT))
        if not ok:
            self.iface.messageBar().pushWarning(TITLE, self.tr("The sample project could not be opened."))
        return ok

    def show_settings(self) -> None:
        self.iface.showOptionsDialog(self.iface.mainWindow(), currentPage="ISRP")

    def show_help(self) -> None:
        name = "index_de.html" if ui_language() == "de" else "index.html"
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(resource_path("help", name))))
