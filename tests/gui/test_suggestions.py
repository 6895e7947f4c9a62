""""Turn into measure": location suggestions become proposed measures, with history, in a temporary store;
the scenario/suggestion actions are added and removed with the plugin; the scenario runs in the background."""

from __future__ import annotations

import time

import pytest
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeature,
    QgsGeometry,
    QgsProject,
    QgsRectangle,
)
from qgis.PyQt.QtCore import QCoreApplication

from isrp_plugin.gui import suggestions as sg
from isrp_plugin.qgis_io import measures_store as ms
from tests.qgis.planning_helpers import X0, Y0, layer, pt


def units():
    return layer("MultiPolygon", [("ot_id", "string"), ("name", "string"), ("sozialraum_id", "string"),
                                  ("sozialraum", "string")],
                 [(QgsGeometry.fromRect(QgsRectangle(X0, Y0, X0 + 1000, Y0 + 1000)), ("01", "Altstadt", "1", "Mitte")),
                  (QgsGeometry.fromRect(QgsRectangle(X0 + 1000, Y0, X0 + 2000, Y0 + 1000)),
                   ("02", "Andreasvorstadt", "1", "Mitte"))], "ortsteile")


def demand():
    return layer("Point", [("pop_0_3", "double"), ("pop_3_6", "double")],
                 [(pt(100, 100), (10, 12)), (pt(1500, 500), (30, 25)), (pt(1600, 450), (5, 5)),
                  (pt(900, 900), (8, 9))], "nachfragepunkte")


def existing():
    return layer("Point", [("fac_id", "string"), ("typ", "string"), ("capacity", "double")],
                 [(pt(150, 150), ("K1", "kita", 60))], "einrichtungen")


def suggest(units_layer, p=2):
    from qgis import processing

    res = processing.run("isrp:locationsuggest", {
        "DEMAND": demand(), "POPULATION_FIELD": ["pop_0_3", "pop_3_6"], "EXISTING": existing(),
        "EXISTING_FILTER": "\"typ\" = 'kita'", "UNITS": units_layer, "UNIT_ID_FIELD": "ot_id",
        "GENERATE_CANDIDATES": 0, "GRID_SPACING": 250, "MODE": 3, "P": p, "MAX_COST": 300, "OUTPUT": "memory:"})
    return res["OUTPUT"]


@pytest.fixture()
def store(tmp_path, qgis_app):
    s = ms.MeasureStore.create(tmp_path / "massnahmen.gpkg")
    yield s
    s.close()


def test_turn_into_measures_writes_proposed_measures_with_history(provider, store):
    u = units()
    out = suggest(u)
    chosen = sg.chosen_suggestions(out)
    assert [f["rank"] for f in chosen] == [1, 2]
    done = sg.turn_into_measures(store, chosen, out.crs(), "kita_3_6", 80, u, user="planer")
    assert len(done) == 2
    records = {r["measure_id"]: r for r in store.records()}
    for n, ((kind, _fid, mid), feat) in enumerate(zip(done, chosen), start=1):
        rec = records[mid]
        assert kind == "point"
        assert rec["title"] == f"New Kita (suggestion {n})"
        assert (rec["status"], rec["measure_type"], rec["facility_action"], rec["facility_type"]) == (
            "proposed", "facility", "new", "kita_3_6")
        assert rec["origin"] == sg.SUGGESTION_ORIGIN == "department"
        assert rec["capacity_change"] == 80
        assert rec["target_group"] == "children_3_6"
        assert rec["created_by"] == "planer"
        assert rec["_geometry"].asPoint() == feat.geometry().asPoint()
        unit_id = "01" if feat.geometry().asPoint().x() < X0 + 1000 else "02"
        assert (rec["ot_id"], rec["sozialraum_id"], rec["need_unit"]) == (unit_id, "1", unit_id)
        assert "rank" in rec["description"] and "Newly covered population" in rec["description"]
        hist = store.history(mid)
        assert [h["op"] for h in hist] == ["insert"]
        assert hist[0]["who"] == "planer" and hist[0]["changes"]["title"] == rec["title"]
    # the scenario sees them as new facilities
    assert sum(1 for r in store.records() if r["facility_action"] == "new") == 2


def test_user_selection_wins_and_crs_is_transformed(provider, store):
    u = units()
    out = suggest(u, p=2)
    # the user picks one candidate the algorithm did not select
    other = next(f for f in out.getFeatures() if f["selected"] == 0)
    out.selectByIds([other.id()])
    chosen = sg.chosen_suggestions(out)
    assert [f.id() for f in chosen] == [other.id()]
    # the same point handed over in WGS 84 lands at the same place in the store's EPSG:25832
    wgs = QgsCoordinateReferenceSystem("EPSG:4326")
    tr = QgsCoordinateTransform(out.crs(), wgs, QgsProject.instance())
    f = QgsFeature(out.fields())
    f.setAttributes(other.attributes())
    g = QgsGeometry(other.geometry())
    g.transform(tr)
    f.setGeometry(g)
    (kind, fid, mid), = sg.turn_into_measures(store, [f], wgs, "kita_u3", None, u, start_number=3)
    rec = next(r for r in store.records() if r["measure_id"] == mid)
    assert rec["title"] == "New Kita (suggestion 3)" and rec["capacity_change"] is None
    p = rec["_geometry"].asPoint()
    assert abs(p.x() - other.geometry().asPoint().x()) < 0.01 and abs(p.y() - other.geometry().asPoint().y()) < 0.01


def test_bad_inputs_are_explained(provider, store):
    with pytest.raises(ValueError, match="not an output of"):
        sg.chosen_suggestions(units())
    out = suggest(units())
    with pytest.raises(ms.StoreError, match="Unknown facility type"):
        sg.turn_into_measures(store, sg.chosen_suggestions(out), out.crs(), "kindergarten")


def test_measures_as_points_merges_points_and_areas(store):
    store.add_measure({"title": "A", "measure_type": "facility", "facility_action": "new"}, pt(10, 10))
    store.add_measure({"title": "B", "measure_type": "facility", "facility_action": "new"},
                      QgsGeometry.fromRect(QgsRectangle(X0 + 100, Y0 + 100, X0 + 200, Y0 + 200)))
    merged = sg.measures_as_points(store)
    feats = {f["title"]: f for f in merged.getFeatures()}
    assert set(feats) == {"A", "B"}
    assert QgsGeometry.fromRect(QgsRectangle(X0 + 100, Y0 + 100, X0 + 200, Y0 + 200)).contains(feats["B"].geometry())


def _wait(predicate, timeout=60.0):
    end = time.monotonic() + timeout
    while not predicate() and time.monotonic() < end:
        QCoreApplication.processEvents()
        time.sleep(0.01)
    return predicate()


def test_actions_and_background_scenario(qgis_processing, qgis_iface, qgis_new_project, tmp_path):
    import isrp_plugin

    plugin = isrp_plugin.classFactory(qgis_iface)
    plugin.initGui()
    try:
        n_before = len(plugin.actions)
        gui = sg.setup_scenario_gui(plugin)
        texts = [a.text() for a in plugin.actions[n_before:]]
        assert texts == ["Location suggestions…", "Turn selected suggestions into measures",
                         "Scenario (before / after)"]
        project = QgsProject.instance()
        for lyr in (units(), demand(), existing()):
            project.addMapLayer(lyr)
        store = ms.MeasureStore.create(tmp_path / "massnahmen.gpkg")
        ms.remember_store_path(project, store.path)
        # turn the algorithm's suggestions into measures through the GUI controller (no dialogs)
        out = suggest(project.mapLayersByName("ortsteile")[0])
        out.setName("suggestions")
        project.addMapLayer(out)
        sg.style_suggestions(out)
        done = gui.turn_selected("kita_3_6", 70.0)
        assert len(done) == 2 and len(ms.MeasureStore.open(store.path).records()) == 2
        # the Measures dock's "Scenario" button runs it as a task and adds the map of change
        button = plugin.measures_dock.ui.buttonScenario
        assert button.isEnabled() and plugin.measures_dock.ui.buttonSuggest.isEnabled()
        button.click()
        assert len(gui.runs) == 1
        assert _wait(lambda: project.mapLayersByName("Scenario: change of coverage"))
        lyr = project.mapLayersByName("Scenario: change of coverage")[0]
        assert lyr.featureCount() == 2
        assert "main_delta" in lyr.fields().names()
        # the attribute table opens with the before / after / delta columns first
        columns = [c.name for c in lyr.attributeTableConfig().columns() if c.name]  # "" is the actions column
        front = [n for n in ("name", "sozialraum", "main_indicator", "main_delta") if n in columns]
        changes = [n for n in lyr.fields().names() if n.endswith(("_before", "_after", "_delta")) and n not in front]
        assert len(changes) >= 9 and "need_before" in changes
        assert columns[:len(front) + len(changes)] == front + changes
        assert sorted(columns) == sorted(lyr.fields().names())
        assert gui.last_result["NEW_FACILITIES"] == 2
        assert sum(f["supply_delta"] for f in lyr.getFeatures()) == pytest.approx(140)
    finally:
        plugin.unload()
    assert plugin.actions == []


def test_parameters_from_the_sample_project(qgis_processing, qgis_new_project, tmp_path):
    import shutil

    from tests.conftest import ROOT

    shutil.copytree(ROOT / "resources" / "sample", tmp_path / "sample")
    project = QgsProject.instance()
    assert project.read(str(tmp_path / "sample" / "erfurt_sample.qgz"))
    params = sg.suggestion_parameters(project)
    by_id = {k: project.mapLayer(v).name() for k, v in params.items() if isinstance(v, str) and project.mapLayer(v)}
    assert by_id == {"DEMAND": "nachfragepunkte", "EXISTING": "einrichtungen", "UNITS": "ortsteile",
                     "NETWORK": "strassennetz"}
    assert params["POPULATION_FIELD"] == ["pop_0_3", "pop_3_6"] and params["MAX_COST"] == 500
    assert params["EXISTING_FILTER"] == "\"typ\" = 'kita'" and params["MODE"] == 0
    scen = sg.scenario_parameters(project, ["a|layername=b"])
    assert project.mapLayer(scen["FACILITIES"]).name() == "einrichtungen"
    assert scen["CAPACITY_FIELD"] == "\"capacity\" - coalesce(\"capacity_u3\", 0)"
    assert scen["STANDARD"] == "kita_3_6" and scen["METHOD"] == 2
    project.clear()
