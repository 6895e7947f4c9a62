"""The Standards tab of the ISRP options page: the user's default catalogue in QgsSettings, used by
new projects (Coverage tab and isrp:coverage), restored from the shipped file, bad entries refused.

Every test runs on a private QGIS settings file (``private_settings``)."""

import pytest
from qgis.core import QgsFeature, QgsGeometry, QgsPointXY, QgsProject, QgsSettings, QgsVectorLayer

from isrp_plugin.core.standards import FIELDS, load_default_standards, read_standards
from tests.gui.standards_fixtures import CANONICAL, private_settings  # noqa: F401 - fixture

pytestmark = pytest.mark.usefixtures("private_settings")
KEY = "isrp/default_standards_csv"


def _page():
    from isrp_plugin.gui.options_page import IsrpOptionsFactory

    return IsrpOptionsFactory().createWidget(None)


def _set(editor, sid, field, text):
    row = next(r for r in range(editor.model.rowCount()) if editor.model.item(r, 0).text() == sid)
    editor.model.item(row, FIELDS.index(field)).setText(text)


def test_the_standards_tab_edits_the_default_catalogue_for_new_projects():
    page = _page()
    tabs = page.form.tabs
    assert [tabs.tabText(i) for i in range(tabs.count())] == ["General", "Standards"]
    assert page.standards.parent() is page.form.tabStandards
    assert "default catalogue for new projects" in page.standards.caption.text()
    assert "shipped with the plugin" in page.standards.status.text()
    assert page.standards.standards == load_default_standards()
    assert page.standards.reset_button.text() == "Restore shipped defaults"


def test_edit_a_standard_apply_and_qgis_settings_have_it():
    from isrp_plugin.qgis_io.settings import IsrpSettings

    assert QgsSettings().value(KEY, "") == ""
    page = _page()
    _set(page.standards, "kita_u3", "standard_value", "60")
    _set(page.standards, "youth_club", "standard_value", "5")
    assert QgsSettings().value(KEY, "") == ""  # nothing stored before OK
    assert "when you press OK" in page.standards.status.text()
    page.apply()
    stored = QgsSettings().value(KEY, "")
    assert "kita_u3,Kita (unter 3 Jahre),Day care (under 3),2/3*pop_0_3,60,places_per_100,500,m,none," in stored
    loaded = IsrpSettings.load().default_standards()
    assert loaded["kita_u3"].standard_value == 60 and loaded["youth_club"].standard_value == 5
    assert loaded["kita_3_6"] == load_default_standards()["kita_3_6"]  # the rest as shipped
    # a new page shows the stored catalogue
    again = _page()
    assert again.standards.standards == loaded
    assert "your own default catalogue" in again.standards.status.text()


def _kita_layers():
    """One unit square with one demand point (90 children aged 0-<3) and one Kita (10 places)."""
    ring = [QgsPointXY(0, 0), QgsPointXY(1000, 0), QgsPointXY(1000, 1000), QgsPointXY(0, 1000), QgsPointXY(0, 0)]
    layers = []
    for uri, geom, attrs in (
        ("Polygon?crs=EPSG:25832&field=ot_id:string", QgsGeometry.fromPolygonXY([ring]), ["U1"]),
        ("Point?crs=EPSG:25832&field=pt_id:string&field=pop_0_3:integer",
         QgsGeometry.fromPointXY(QgsPointXY(500, 500)), ["p1", 90]),
        ("Point?crs=EPSG:25832&field=fac_id:string&field=capacity:double",
         QgsGeometry.fromPointXY(QgsPointXY(600, 500)), ["f1", 10.0]),
    ):
        layer = QgsVectorLayer(uri, "layer", "memory")
        f = QgsFeature(layer.fields())
        f.setGeometry(geom)
        f.setAttributes(attrs)
        assert layer.dataProvider().addFeatures([f])[0]
        layers.append(layer)
    return layers


def test_a_new_project_gets_the_user_default(provider, qgis_new_project):
    from qgis import processing

    from isrp_plugin.gui.coverage_tab import CoverageTab
    from isrp_plugin.processing.alg_coverage import project_standards_text

    page = _page()
    _set(page.standards, "kita_u3", "standard_value", "60")
    page.apply()
    project = QgsProject.instance()
    tab = CoverageTab(project)
    table = tab.standards
    assert table.standards["kita_u3"].standard_value == 60
    assert "from your default catalogue" in table.status.text()
    assert "The catalogue of this project" in table.caption.text()
    assert tab.standards_box.title() == "Standards of this project"
    assert project_standards_text(project) == ""  # shown, not yet written into the project
    # an edit is this project's: saved in the project, the user default unchanged
    _set(table, "kita_u3", "standard_value", "70")
    assert ",70,places_per_100," in project_standards_text(project)
    assert ",60,places_per_100," in QgsSettings().value(KEY, "")
    # "Reset to my defaults" restores the user default (60), not the shipped value (65)
    assert table.reset_button.text() == "Reset to my defaults"
    table.reset_defaults()
    assert table.standards["kita_u3"].standard_value == 60
    assert ",60,places_per_100," in project_standards_text(project)
    # isrp:coverage on a project without a catalogue of its own uses the user default too:
    # need = 90 children x 2/3 (ages 1-<3 of the band 0-<3) x 60 places per 100 = 36 (shipped 65 %: 39)
    project.removeEntry("isrp", "standards")
    units, demand, fac = _kita_layers()
    res = processing.run("isrp:coverage", {
        "DEMAND": demand, "POPULATION_FIELD": [], "FACILITIES": fac, "FACILITY_ID_FIELD": "fac_id",
        "CAPACITY_FIELD": "capacity", "UNITS": units, "UNIT_ID_FIELD": "ot_id", "STANDARD": "kita_u3",
        "METHOD": 0, "MODE": 3, "OUTPUT_UNITS": "memory:", "OUTPUT_POINTS": "memory:"})
    assert res["NEED"] == pytest.approx(36.0)
    tab.deleteLater()


def test_restore_shipped_defaults():
    from isrp_plugin.qgis_io.settings import IsrpSettings

    page = _page()
    _set(page.standards, "kita_u3", "standard_value", "60")
    page.apply()
    assert QgsSettings().value(KEY, "") != ""
    page = _page()
    assert page.standards.standards["kita_u3"].standard_value == 60
    page.standards.reset_button.click()
    assert page.standards.standards == load_default_standards()
    assert page.standards.standards["kita_u3"].standard_value == 65
    page.apply()
    # the shipped catalogue is stored as "none of your own", so corrected shipped defaults reach the user
    assert QgsSettings().value(KEY, "") == ""
    assert IsrpSettings.load().default_standards() == load_default_standards()


def test_bad_entries_are_not_saved_and_named(qgis_app):
    from isrp_plugin.qgis_io.settings import IsrpSettings

    page = _page()
    _set(page.standards, "kita_u3", "standard_value", "60")
    page.apply()
    stored = QgsSettings().value(KEY, "")
    page = _page()
    page.form.spinThreshold.setValue(5)
    _set(page.standards, "kita_3_6", "standard_value", "-1")
    _set(page.standards, "youth_club", "decay", "cubic")
    lines = page.standards.status.text().splitlines()
    assert lines == [
        "Not saved – fix the table first:",
        "Row 2 (kita_3_6), column standard_value: standard_value must be a number > 0 (or empty for "
        "user-defined), got -1.",
        "Row 8 (youth_club), column decay: decay: Unknown decay 'cubic' (use none, step, linear, gaussian or "
        "gravity).",
    ]
    page.form.tabs.setCurrentIndex(0)
    assert not page.isValid()  # QGIS >= 3.24 keeps the dialog open ...
    assert page.form.tabs.currentWidget() is page.form.tabStandards  # ... on the Standards tab
    page.apply()  # QGIS 3.22 applies anyway: the other settings are saved, the catalogue is not
    assert QgsSettings().value(KEY, "") == stored
    assert IsrpSettings.load().suppression_threshold == 5
    assert IsrpSettings.load().default_standards()["kita_3_6"].standard_value == 98


def test_import_apply_export_through_the_page(tmp_path):
    from isrp_plugin.qgis_io.settings import IsrpSettings

    source = tmp_path / "catalogue.csv"
    source.write_text(CANONICAL, encoding="utf-8")
    page = _page()
    assert page.standards.import_csv(str(source))
    page.apply()
    assert QgsSettings().value(KEY, "") == CANONICAL
    assert IsrpSettings.load().default_standards() == read_standards(source)
    out = tmp_path / "export.csv"
    assert _page().standards.export_csv(str(out))
    assert out.read_bytes() == source.read_bytes()
