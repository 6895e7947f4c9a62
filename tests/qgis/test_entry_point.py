"""The plugin loads into QGIS, offers its menu, toolbar, provider and options page, and unloads cleanly."""

import configparser

from qgis.core import Qgis, QgsApplication
from qgis.PyQt.QtCore import QCoreApplication, QEvent
from qgis.PyQt.QtWidgets import QMenu, QToolBar

from tests.conftest import ROOT


def _flush_deletes():
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QCoreApplication.processEvents()


def _version_int(text: str) -> int:
    parts = [int(p) for p in text.split(".")] + [0, 0]
    return parts[0] * 10000 + parts[1] * 100 + parts[2]


def test_running_qgis_within_metadata_range(qgis_app):
    cfg = configparser.ConfigParser(interpolation=None)
    cfg.read(ROOT / "metadata.txt", encoding="utf-8")
    general = cfg["general"]
    assert general["qgisMinimumVersion"] == "3.22"
    assert general["qgisMaximumVersion"] == "4.99"
    assert general["hasProcessingProvider"] == "yes"
    assert general["license"] == "GPL-2.0-or-later"
    assert _version_int(general["qgisMinimumVersion"]) <= Qgis.QGIS_VERSION_INT <= 49999


def _isrp_menus(main_window):
    return [a for a in main_window.menuBar().actions() if a.menu() is not None and a.menu().objectName() == "isrpMenu"]


def _isrp_toolbars(main_window):
    return [t for t in main_window.findChildren(QToolBar) if t.objectName() == "isrpToolbar"]


def test_load_and_unload_twice_leaves_nothing(qgis_app, qgis_iface):
    import isrp_plugin

    registry = QgsApplication.processingRegistry()
    main_window = qgis_iface.mainWindow()
    for _round in range(2):
        plugin = isrp_plugin.classFactory(qgis_iface)
        plugin.initGui()
        plugin.initProcessing()  # QGIS calls both; must not register twice
        assert registry.providerById("isrp") is plugin.provider
        assert len([p for p in registry.providers() if p.id() == "isrp"]) == 1
        assert registry.algorithmById("isrp:checklayers") is not None
        menus = _isrp_menus(main_window)
        assert len(menus) == 1
        texts = [a.text() for a in menus[0].menu().actions() if not a.isSeparator()]
        assert len(texts) >= 3
        assert len(_isrp_toolbars(main_window)) == 1
        assert _isrp_toolbars(main_window)[0].actions()
        qgis_iface.registerOptionsWidgetFactory.assert_called_with(plugin.options_factory)
        factory = plugin.options_factory

        plugin.unload()
        _flush_deletes()
        assert registry.providerById("isrp") is None
        assert _isrp_menus(main_window) == []
        assert _isrp_toolbars(main_window) == []
        assert [m for m in main_window.findChildren(QMenu) if m.objectName() == "isrpMenu"] == []
        qgis_iface.unregisterOptionsWidgetFactory.assert_called_with(factory)
        assert plugin.actions == [] and plugin.docks == []


def test_options_page_round_trip(qgis_app):
    from isrp_plugin.gui.options_page import IsrpOptionsFactory
    from isrp_plugin.qgis_io.settings import IsrpSettings

    original = IsrpSettings.load()
    try:
        page = IsrpOptionsFactory().createWidget(None)
        page.form.spinThreshold.setValue(5)
        page.form.spinWalk.setValue(5.0)
        page.apply()
        loaded = IsrpSettings.load()
        assert loaded.suppression_threshold == 5
        assert loaded.walk_speed_kmh == 5.0
        page.form.spinThreshold.clear()  # QgsSpinBox clear → default
        assert page.form.spinThreshold.value() == 3
    finally:
        original.save()


def test_german_translation_is_used(qgis_app):
    from qgis.PyQt.QtCore import QTranslator

    qm = ROOT / "i18n" / "isrp_de.qm"
    assert qm.exists(), "run `make translations`"
    translator = QTranslator()
    assert translator.load(str(qm))
    QCoreApplication.installTranslator(translator)
    try:
        from isrp_plugin.processing.provider import IsrpProvider

        assert IsrpProvider().longName().startswith("ISRP – Sozialraumplanung")
    finally:
        QCoreApplication.removeTranslator(translator)
