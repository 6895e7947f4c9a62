"""The measure GeoPackage: schema, history triggers, restore, durability, concurrent writers, form set-up."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import textwrap
import time
from pathlib import Path

import pytest
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsFeatureRequest,
    QgsGeometry,
    QgsPointXY,
    QgsProject,
    QgsRectangle,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QCoreApplication

from isrp_plugin.core import measures as m
from isrp_plugin.qgis_io import measures_store as ms
from isrp_plugin.qgis_io.compat import make_field
from tests.conftest import ROOT

QGIS_PYTHON = "/usr/bin/python3"
UNITS = [  # (xmin, ymin, xmax, ymax, ot_id, name, sozialraum_id, sozialraum)  EPSG:25832
    (640000, 5650000, 641000, 5651000, "01", "Altstadt", "1", "Mitte"),
    (641000, 5650000, 642000, 5651000, "02", "Andreasvorstadt", "1", "Mitte"),
    (640000, 5651000, 642000, 5652000, "03", "Rieth", "2", "Nord"),
]


def units_layer() -> QgsVectorLayer:
    layer = QgsVectorLayer("MultiPolygon?crs=EPSG:25832", "ortsteile", "memory")
    layer.dataProvider().addAttributes([make_field(n, "string") for n in ("ot_id", "name", "sozialraum_id",
                                                                          "sozialraum")])
    layer.updateFields()
    feats = []
    for x0, y0, x1, y1, *attrs in UNITS:
        f = QgsFeature(layer.fields())
        f.setGeometry(QgsGeometry.fromRect(QgsRectangle(x0, y0, x1, y1)))
        f.setAttributes(list(attrs))
        feats.append(f)
    layer.dataProvider().addFeatures(feats)
    return layer


def rows(path, sql, params=()):
    with sqlite3.connect(str(path)) as con:
        return con.execute(sql, params).fetchall()


def point(x=640500, y=5650500):
    return QgsGeometry.fromPointXY(QgsPointXY(x, y))


@pytest.fixture
def store(tmp_path, qgis_app):
    store = ms.MeasureStore.create(tmp_path / "plan_massnahmen.gpkg")
    yield store
    store.release()


# --------------------------------------------------------------------------------------------
# creation and schema
# --------------------------------------------------------------------------------------------


def test_created_store_has_layers_history_triggers_and_wal(store):
    path = store.path
    tables = dict(rows(path, "SELECT table_name, data_type FROM gpkg_contents"))
    assert tables == {ms.POINT_LAYER: "features", ms.AREA_LAYER: "features", ms.HISTORY_TABLE: "attributes",
                      ms.LOOKUP_TABLE: "attributes"}
    geom_types = dict(rows(path, "SELECT table_name, geometry_type_name FROM gpkg_geometry_columns"))
    assert geom_types == {ms.POINT_LAYER: "POINT", ms.AREA_LAYER: "MULTIPOLYGON"}
    srs = {r[0] for r in rows(path, "SELECT srs_id FROM gpkg_geometry_columns")}
    assert srs == {25832}
    for table in (ms.POINT_LAYER, ms.AREA_LAYER):
        cols = [r[1] for r in rows(path, f'PRAGMA table_info("{table}")')]
        assert cols[:2] == ["fid", "geom"] and cols[2:] == list(m.FIELD_NAMES)
    triggers = {r[0] for r in rows(path, "SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    for table in (ms.POINT_LAYER, ms.AREA_LAYER):
        for op in ("insert", "update", "delete"):
            assert f"isrp_{table}_history_{op}" in triggers
        assert f"isrp_{table}_check_insert" in triggers and f"isrp_{table}_check_update" in triggers
    assert rows(path, "PRAGMA journal_mode")[0][0] == "wal"
    assert store.integrity_check() == "ok"
    assert store.check_schema() == []
    lookup = rows(path, f'SELECT code, label_de FROM "{ms.LOOKUP_TABLE}" ORDER BY sort')
    assert lookup[0] == ("youth", "Jugend") and len(lookup) == 12
    with pytest.raises(ms.StoreError):
        ms.MeasureStore.create(path)
    assert ms.MeasureStore.open(path).journal_mode() == "wal"


def test_open_rejects_other_geopackages(tmp_path, qgis_app):
    other = tmp_path / "other.gpkg"
    with sqlite3.connect(str(other)) as con:
        con.execute("CREATE TABLE x (a)")
    with pytest.raises(ms.StoreError, match="not a valid measure store"):
        ms.MeasureStore.open(other)
    with pytest.raises(ms.StoreError, match="does not exist"):
        ms.MeasureStore.open(tmp_path / "missing.gpkg")


def test_project_path_entry_is_relative(tmp_path, qgis_new_project):
    project = qgis_new_project
    assert ms.default_store_path(project) is None
    project.setFileName(str(tmp_path / "Planung Nord.qgz"))
    assert ms.default_store_path(project) == tmp_path / "Planung Nord_massnahmen.gpkg"
    ms.remember_store_path(project, tmp_path / "Planung Nord_massnahmen.gpkg")
    raw, ok = project.readEntry("isrp", "measures/path", "")
    assert ok and raw == "./Planung Nord_massnahmen.gpkg"
    assert ms.stored_store_path(project) == tmp_path / "Planung Nord_massnahmen.gpkg"


# --------------------------------------------------------------------------------------------
# history, validation guards, restore
# --------------------------------------------------------------------------------------------


def test_history_records_insert_update_delete_with_who_and_changes(store):
    kind, fid, mid = store.add_measure({"title": "Kita Nord", "fields_of_action": ["youth", "family"],
                                        "start_date": "2025-01-01", "cost_investment": 250000},
                                       point(), user="Anna")
    assert kind == "point" and fid == 1
    store.update_measure(kind, fid, {"status": "agreed", "partners": "Diakonie"}, user="Bob")
    store.update_measure(kind, fid, {"changed_by": "Bob", "changed_at": ms.now()}, user="Bob")  # stamp only
    store.delete_measure(kind, fid, user="Carl")
    hist = store.history(mid)
    assert [(h["op"], h["who"]) for h in hist] == [("insert", "Anna"), ("update", "Bob"), ("delete", "Carl")]
    assert all(h["ts"].endswith("Z") for h in hist)
    inserted = hist[0]["changes"]
    assert inserted["title"] == "Kita Nord" and inserted["fields_of_action"] == "{youth,family}"
    assert inserted["start_date"] == "2025-01-01" and inserted["cost_investment"] == 250000
    update = hist[1]["changes"]
    assert update["status"] == ["proposed", "agreed"] and update["partners"] == [None, "Diakonie"]
    assert "title" not in update and "geom" not in update
    deleted = hist[2]["changes"]
    assert deleted["title"] == "Kita Nord" and deleted["status"] == "agreed" and deleted["fid"] == 1
    assert set(m.FIELD_NAMES) <= set(deleted) and deleted["geom"]
    assert rows(store.path, f'SELECT count(*) FROM "{ms.POINT_LAYER}"')[0][0] == 0


def test_delete_keeps_full_record_and_restore_brings_it_back(store):
    geom = QgsGeometry.fromWkt("POLYGON((640100 5650100, 640400 5650100, 640400 5650300, 640100 5650100))")
    kind, fid, mid = store.add_measure({"title": "Grünzug", "status": "agreed", "measure_type": "spatial",
                                        "end_date": "2026-12-31", "ortsteil": "Altstadt", "priority": 1},
                                       geom, user="Anna")
    assert kind == "area"
    before = rows(store.path, f'SELECT * FROM "{ms.AREA_LAYER}"')
    store.delete_measure(kind, fid, user="Carl")
    deleted = store.deleted_measures()
    assert [(d["measure_id"], d["title"], d["who"]) for d in deleted] == [(mid, "Grünzug", "Carl")]
    assert store.restore_measure(mid, user="Dora") == ("area", fid)
    after = rows(store.path, f'SELECT * FROM "{ms.AREA_LAYER}"')
    cols = [r[1] for r in rows(store.path, f'PRAGMA table_info("{ms.AREA_LAYER}")')]
    b, a = dict(zip(cols, before[0])), dict(zip(cols, after[0]))
    for name in cols:
        if name in ("changed_by", "changed_at"):
            continue
        if name == "geom":
            assert ms.gpkg_blob_to_wkb(a[name]) == ms.gpkg_blob_to_wkb(b[name])
        else:
            assert a[name] == b[name], name
    assert a["changed_by"] == "Dora"
    assert store.deleted_measures() == []
    assert [h["op"] for h in store.history(mid)] == ["insert", "delete", "insert"]
    with pytest.raises(ms.StoreError, match="exists"):
        store.restore_measure(mid)


def test_store_validates_and_refuses_invalid_writes(store):
    with pytest.raises(ms.StoreError, match="A title is required"):
        store.add_measure({"title": ""}, point())
    kind, fid, _ = store.add_measure({"title": "x", "start_date": "2025-01-01"}, point())
    with pytest.raises(ms.StoreError, match="cannot change"):
        store.set_status(kind, fid, "done")
    with pytest.raises(ms.StoreError, match="before the start"):
        store.update_measure(kind, fid, {"end_date": "2024-12-31"})
    assert rows(store.path, f'SELECT status, end_date FROM "{ms.POINT_LAYER}"') == [("proposed", None)]


def test_file_guards_every_writer(store):
    """Another writer (GDAL/ogr, as ogr2ogr or a script would) meets the same triggers."""
    ogr = pytest.importorskip("osgeo.ogr")
    kind, fid, mid = store.add_measure({"title": "x"}, point(), user="Anna")
    ds = ogr.Open(str(store.path), 1)
    try:
        for sql in (f"UPDATE {ms.POINT_LAYER} SET status = 'done'", f"UPDATE {ms.POINT_LAYER} SET title = ''",
                    f"UPDATE {ms.POINT_LAYER} SET cost_running = -5", f"DELETE FROM {ms.HISTORY_TABLE}"):
            with pytest.raises(RuntimeError, match="ISRP"):
                ogr.UseExceptions()
                ds.ExecuteSQL(sql)
        ds.ExecuteSQL(f"UPDATE {ms.POINT_LAYER} SET title = 'by ogr'")
    finally:
        ds = None
    last = store.history(mid)[-1]
    assert last["op"] == "update" and last["who"] == "Anna"  # a writer that does not stamp: the last editor
    assert last["changes"]["title"] == ["x", "by ogr"]


def test_gpkg_blob_to_wkb():
    geom = point(1, 2)
    wkb = bytes(geom.asWkb())
    header = b"GP\x00\x01" + (25832).to_bytes(4, "little")
    assert ms.gpkg_blob_to_wkb(header + wkb) == wkb
    env = b"GP\x00\x03" + (25832).to_bytes(4, "little") + b"\x00" * 32  # flags: envelope xy, little endian
    assert ms.gpkg_blob_to_wkb(env + wkb) == wkb
    with pytest.raises(ValueError):
        ms.gpkg_blob_to_wkb(b"XX")


# --------------------------------------------------------------------------------------------
# durability: killed process, concurrent writers
# --------------------------------------------------------------------------------------------

CHILD_PRELUDE = f"""
import os, sys, time
os.environ["QT_QPA_PLATFORM"] = "offscreen"
sys.path.insert(0, {str(ROOT)!r})
from qgis.core import QgsApplication, QgsGeometry, QgsPointXY
app = QgsApplication([], False)
app.initQgis()
from isrp_plugin.qgis_io import measures_store as ms
"""


def run_child(tmp_path, name, body, *args):
    script = tmp_path / f"{name}.py"
    script.write_text(CHILD_PRELUDE + textwrap.dedent(body), encoding="utf-8")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.Popen([QGIS_PYTHON, str(script), *map(str, args)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env)


def test_killed_right_after_saving_loses_nothing(store, tmp_path):
    child = run_child(tmp_path, "kill_me", """
        store = ms.MeasureStore.open(sys.argv[1])
        kind, fid, mid = store.add_measure({"title": "Nachtcafé", "cost_running": 1200},
                                           QgsGeometry.fromPointXY(QgsPointXY(640500, 5650500)), user="Kim")
        print("saved", mid, flush=True)
        time.sleep(120)
    """, store.path)
    try:
        line = child.stdout.readline()
        assert line.startswith("saved"), child.stderr.read()
        child.send_signal(signal.SIGKILL)  # no cleanup, no close, no checkpoint
    finally:
        child.wait(30)
    assert child.returncode == -signal.SIGKILL
    mid = line.split()[1]
    assert rows(store.path, f'SELECT title, cost_running, created_by FROM "{ms.POINT_LAYER}" WHERE measure_id = ?',
                (mid,)) == [("Nachtcafé", 1200.0, "Kim")]
    assert [(h["op"], h["who"]) for h in store.history(mid)] == [("insert", "Kim")]
    assert store.integrity_check() == "ok"


WRITER = """
    path, who, n, go, shared, mode = sys.argv[1:7]
    n, shared = int(n), int(shared)
    from qgis.core import QgsFeature, QgsVectorLayer
    store = ms.MeasureStore.open(path)
    while not os.path.exists(go):
        time.sleep(0.01)
    layer = QgsVectorLayer(store.uri("point"), "p", "ogr") if mode == "qgis" else None
    for i in range(n):
        pt = QgsGeometry.fromPointXY(QgsPointXY(640100 + 50 * i, 5650100 if who == "A" else 5650200))
        if mode == "store":  # the plugin: one transaction per change
            kind, fid, mid = store.add_measure({"title": f"{who} {i}", "cost_investment": i}, pt, user=who)
            store.update_measure(kind, fid, {"description": f"edited by {who}"}, user=who)
            store.update_measure("point", shared, {"partners": f"{who} {i}"}, user=who)
        else:  # a person editing with QGIS's own tools, every change committed (as AutoCommit does)
            for attempt in range(50):
                layer.startEditing()
                f = QgsFeature(layer.fields())
                for k, v in (("title", f"{who} {i}"), ("status", "proposed"), ("measure_id", f"{who}-{i}"),
                             ("created_by", who), ("changed_by", who)):
                    f[k] = v
                f.setGeometry(pt)
                layer.addFeature(f)
                idx = layer.fields().indexOf
                layer.changeAttributeValues(shared, {idx("partners"): f"{who} {i}", idx("changed_by"): who})
                if layer.commitChanges(True):
                    break
                layer.rollBack()
                time.sleep(0.05)
            else:
                raise SystemExit("QGIS commit kept failing: " + " ".join(layer.commitErrors()))
    print("done", flush=True)
"""


@pytest.mark.parametrize("modes", [("store", "store"), ("store", "qgis")], ids=["plugin+plugin", "plugin+qgis-tools"])
def test_two_processes_writing_concurrently(store, tmp_path, modes):
    """Two processes write at the same time (new measures, and both change one shared measure)."""
    assert store.journal_mode() == "wal"
    _kind, shared_fid, shared_mid = store.add_measure({"title": "shared"}, point(641500, 5650500), user="setup")
    n = 8
    go = tmp_path / "go"
    children = [run_child(tmp_path, f"writer_{who}", WRITER, store.path, who, n, go, shared_fid, mode)
                for who, mode in zip(("A", "B"), modes)]
    time.sleep(0.5)
    go.write_text("go")
    for child in children:
        out, err = child.communicate(timeout=300)
        assert child.returncode == 0 and out.startswith("done"), err[-3000:]
    assert store.integrity_check() == "ok"
    if modes == ("store", "store"):
        assert store.journal_mode() == "wal"  # no QGIS layer involved: the file stayed in WAL
    assert rows(store.path, f'SELECT count(*) FROM "{ms.POINT_LAYER}"')[0][0] == 2 * n + 1
    hist = store.history()
    for who, mode in zip(("A", "B"), modes):
        mine = [h for h in hist if h["who"] == who]
        assert sum(h["op"] == "insert" for h in mine) == n
        assert sum(h["op"] == "update" for h in mine) == (2 * n if mode == "store" else n)
    shared_updates = [h for h in store.history(shared_mid) if h["op"] == "update"]
    assert {h["who"] for h in shared_updates} == {"A", "B"} and len(shared_updates) == 2 * n
    final = rows(store.path, f'SELECT partners FROM "{ms.POINT_LAYER}" WHERE fid = ?', (shared_fid,))[0][0]
    assert final == shared_updates[-1]["changes"]["partners"][1]  # last writer wins, every write is in the history


def test_store_writes_are_valid_geopackage_features(store, qgis_app):
    """Geometries written by the store read back through GDAL/QGIS and land in the spatial index."""
    area = QgsGeometry.fromWkt("POLYGON((640100 5650100, 640400 5650100, 640400 5650300, 640100 5650100))")
    _k, fid, _m = store.add_measure({"title": "Fläche"}, area)
    _k, pfid, _m = store.add_measure({"title": "Punkt"}, point(640500, 5650600))
    layer = QgsVectorLayer(store.uri("area"), "a", "ogr")
    feat = layer.getFeature(fid)
    assert feat.geometry().isGeosEqual(ms.prepare_geometry(area, "area"))
    assert feat["title"] == "Fläche"
    box = rows(store.path, f'SELECT minx, maxx, miny, maxy FROM "rtree_{ms.AREA_LAYER}_geom" WHERE id = ?', (fid,))
    assert box == [(640100.0, 640400.0, 5650100.0, 5650300.0)]
    pbox = rows(store.path, f'SELECT minx, miny FROM "rtree_{ms.POINT_LAYER}_geom" WHERE id = ?', (pfid,))
    assert pbox == [(640500.0, 5650600.0)]
    hits = list(QgsVectorLayer(store.uri("point"), "p", "ogr").getFeatures(
        QgsFeatureRequest().setFilterRect(QgsRectangle(640400, 5650500, 640600, 5650700))))
    assert [f["title"] for f in hits] == ["Punkt"]
    del layer


# --------------------------------------------------------------------------------------------
# units, form configuration, keeping edits on disk
# --------------------------------------------------------------------------------------------


def test_units_for_geometry(qgis_app):
    units = units_layer()
    crs = QgsCoordinateReferenceSystem("EPSG:25832")
    assert ms.units_for_geometry(point(641500, 5651500), crs, units) == {
        "ot_id": "03", "ortsteil": "Rieth", "sozialraum_id": "2", "sozialraum": "Nord"}
    # an area over Altstadt (0.2 km²) and Andreasvorstadt (0.6 km²) goes to the larger share
    area = QgsGeometry.fromRect(QgsRectangle(640800, 5650200, 641600, 5650700))
    assert ms.units_for_geometry(area, crs, units)["ot_id"] == "02"
    assert ms.units_for_geometry(point(650000, 5650000), crs, units) is None
    # a point given in WGS 84 is transformed first
    wgs = QgsCoordinateReferenceSystem("EPSG:4326")
    from qgis.core import QgsCoordinateTransform

    g = point(640500, 5650500)
    g.transform(QgsCoordinateTransform(crs, wgs, QgsProject.instance()))
    assert ms.units_for_geometry(g, wgs, units)["ortsteil"] == "Altstadt"


def test_find_units_layer(qgis_new_project):
    assert ms.find_units_layer(qgis_new_project) is None
    layer = units_layer()
    qgis_new_project.addMapLayer(layer)
    assert ms.find_units_layer(qgis_new_project) is layer
    layer.setName("Stadtteile")  # still found by its fields
    assert ms.find_units_layer(qgis_new_project) is layer


def test_attach_configures_form_widgets_constraints_defaults(store, qgis_new_project):
    layers = ms.attach_to_project(store, qgis_new_project, "de")
    assert set(layers) == {"point", "area"}
    assert ms.stored_store_path(qgis_new_project) == store.path
    layer = layers["point"]
    cfg = layer.editFormConfig()
    tabs = [c.name() for c in cfg.tabs()]
    assert tabs == [t[2] for t in m.TABS]
    fields = layer.fields()
    widget = {n: layer.editorWidgetSetup(fields.indexOf(n)) for n in fields.names()}
    assert widget["status"].type() == "ValueMap"
    status_map = {k: v for d in widget["status"].config()["map"] for k, v in d.items()}
    assert status_map["Vorgeschlagen"] == "proposed" and status_map["In Umsetzung"] == "in_progress"
    assert widget["fields_of_action"].type() == "ValueRelation"
    assert widget["fields_of_action"].config()["AllowMulti"] is True
    assert widget["start_date"].type() == "DateTime" and widget["start_date"].config()["calendar_popup"] is True
    assert widget["fid"].type() == "Hidden"
    assert layer.attributeAlias(fields.indexOf("title")) == "Titel"
    assert cfg.readOnly(fields.indexOf("sozialraum")) and not cfg.readOnly(fields.indexOf("title"))
    assert "end_date" in layer.constraintExpression(fields.indexOf("end_date"))
    assert layer.constraintExpression(fields.indexOf("cost_investment")).endswith('"cost_investment" >= 0')
    assert layer.defaultValueDefinition(fields.indexOf("status")).expression() == "'proposed'"
    assert layer.defaultValueDefinition(fields.indexOf("changed_at")).applyOnUpdate()
    assert "user_full_name" in layer.defaultValueDefinition(fields.indexOf("created_by")).expression()
    renderer = layer.renderer()
    assert renderer.classAttribute() == "status"
    assert [c.value() for c in renderer.categories()] == list(m.STATUSES.codes)
    assert renderer.categories()[0].label() == "Vorgeschlagen"
    assert layer.labelsEnabled()
    from qgis.core import QgsExpression, QgsExpressionContext

    label = QgsExpression(layer.labeling().settings().fieldName)
    feat = QgsFeature(layer.fields())
    feat["title"] = "Kita"
    ctx = QgsExpressionContext()
    ctx.setFeature(feat)
    assert label.evaluate(ctx) == "Kita"  # no fields of action: the title alone
    feat["fields_of_action"] = '{"youth","old_age"}'
    ctx.setFeature(feat)
    assert label.evaluate(ctx) == "Kita\nJugend, Alter"
    # a second attach reuses the layers (user changes stay)
    assert ms.attach_to_project(store, qgis_new_project, "de") == layers
    # the default values work: a feature created from the layer gets them
    from qgis.core import QgsVectorLayerUtils

    feat = QgsVectorLayerUtils.createFeature(layer, point(), {}, layer.createExpressionContext())
    assert feat["status"] == "proposed" and len(feat["measure_id"]) == 36 and feat["created_by"]


def test_autocommit_writes_edits_of_any_tool_to_disk(store, qgis_new_project):
    layers = ms.attach_to_project(store, qgis_new_project, "en")
    kind, fid, mid = store.add_measure({"title": "before"}, point())
    layer = layers["point"]
    auto = ms.AutoCommit()
    auto.watch(layer)
    layer.startEditing()
    layer.beginEditCommand("attribute table edit")
    layer.changeAttributeValue(fid, layer.fields().indexOf("title"), "after")
    layer.endEditCommand()
    assert rows(store.path, f'SELECT title FROM "{ms.POINT_LAYER}"') == [("before",)]  # still in the buffer
    QCoreApplication.processEvents()  # the next event-loop turn commits
    assert rows(store.path, f'SELECT title FROM "{ms.POINT_LAYER}"') == [("after",)]
    assert layer.isEditable() and not layer.isModified()
    assert store.history(mid)[-1]["changes"]["title"] == ["before", "after"]
    layer.rollBack()
    auto.unwatch_all()


def test_failed_commit_keeps_edits_in_a_rescue_copy(store, qgis_new_project, tmp_path, monkeypatch):
    monkeypatch.setattr(ms, "rescue_dir", lambda: tmp_path / "rescue")
    layer = ms.attach_to_project(store, qgis_new_project, "en")["point"]
    layer.startEditing()
    feat = QgsFeature(layer.fields())
    feat["title"] = "never on disk"
    feat["status"] = "finished"  # refused by the file's status check
    feat["measure_id"] = "m-1"
    feat.setGeometry(point())
    layer.addFeature(feat)
    failures = ms.commit_pending([layer])
    assert len(failures) == 1 and not layer.isEditable()
    _layer, errors, rescue = failures[0]
    assert "status" in " ".join(errors)
    assert rescue is not None and rescue.parent == tmp_path / "rescue"
    assert rows(rescue, f'SELECT title, status FROM "{ms.POINT_LAYER}"') == [("never on disk", "finished")]
    assert rows(store.path, f'SELECT count(*) FROM "{ms.POINT_LAYER}"') == [(0,)]


def test_records_and_duplicate(store):
    kind, fid, mid = store.add_measure({"title": "Sprachcafé", "status": "agreed", "fields_of_action": "{work}",
                                        "sozialraum_id": "1"}, point(), user="Anna")
    dkind, dfid, dmid = store.duplicate_measure(kind, fid, user="Bob", title_suffix=" (Kopie)")
    recs = {r["measure_id"]: r for r in store.records()}
    assert set(recs) == {mid, dmid}
    assert recs[dmid]["title"] == "Sprachcafé (Kopie)" and recs[dmid]["status"] == "proposed"
    assert recs[dmid]["fields_of_action"] == "{work}" and recs[dmid]["created_by"] == "Bob"
    assert recs[dmid]["_geometry"].asPoint() == recs[mid]["_geometry"].asPoint()
    assert json.dumps(store.history(dmid)[0]["changes"]["title"]) == '"Sprachcaf\\u00e9 (Kopie)"'


def test_paths_are_plain(store):
    assert isinstance(store.path, Path) and store.uri("point").endswith("|layername=massnahmen_punkte")
