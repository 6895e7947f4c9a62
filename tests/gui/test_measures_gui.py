"""The "New measure" map tool, its form, the Measures dock and the plugin wiring (offscreen)."""

from __future__ import annotations

import sqlite3

import pytest
from qgis.core import (
    Qgis,
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsGeometry,
    QgsPointXY,
    QgsProject,
    QgsRectangle,
    QgsVectorLayer,
)
from qgis.gui import QgsMapMouseEvent
from qgis.PyQt.QtCore import QCoreApplication, QEvent, QPoint, Qt
from qgis.PyQt.QtTest import QTest
from qgis.PyQt.QtWidgets import QDialog

from isrp_plugin.core import measures as m
from isrp_plugin.gui.measure_map_tool import MeasureMapTool
from isrp_plugin.gui.measures_dock import MeasuresDock, MeasuresManager
from isrp_plugin.qgis_io import measures_store as ms
from isrp_plugin.qgis_io.compat import make_field

UNITS = [  # EPSG:25832
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


def db_rows(path, sql, params=()):
    con = sqlite3.connect(str(path))  # a separate connection: what another program sees on disk
    try:
        return con.execute(sql, params).fetchall()
    finally:
        con.close()


@pytest.fixture
def env(qgis_iface, qgis_new_project, qgis_canvas, tmp_path, monkeypatch):
    """A saved project with an Ortsteile layer, a measure store, the manager, the tool and the canvas."""
    monkeypatch.setattr(ms, "rescue_dir", lambda: tmp_path / "rescue")
    project = qgis_new_project
    project.setCrs(QgsCoordinateReferenceSystem("EPSG:25832"))
    project.setFileName(str(tmp_path / "plan.qgz"))
    units = units_layer()
    project.addMapLayer(units)
    canvas = qgis_canvas
    canvas.resize(600, 400)
    canvas.setDestinationCrs(QgsCoordinateReferenceSystem("EPSG:25832"))
    canvas.setExtent(QgsRectangle(639800, 5649800, 642200, 5652200))
    manager = MeasuresManager(qgis_iface, project, lang="de")
    store = manager.open_store(manager.default_path(), create=True)
    tool = MeasureMapTool(canvas, manager)
    qgis_iface.messageBar().clear_messages()

    class Env:
        pass

    e = Env()
    e.project, e.units, e.canvas, e.manager, e.store, e.tool, e.iface = (project, units, canvas, manager, store,
                                                                         tool, qgis_iface)
    e.forms = []
    yield e
    canvas.unsetMapTool(tool)
    manager.shutdown()
    store.release()


def pixel(canvas, x, y) -> QPoint:
    p = canvas.getCoordinateTransform().transform(QgsPointXY(x, y))
    return QPoint(round(p.x()), round(p.y()))


def release(canvas, tool, x, y, button=Qt.MouseButton.LeftButton):
    event = QgsMapMouseEvent(canvas, QEvent.Type.MouseButtonRelease, pixel(canvas, x, y), button)
    tool.canvasReleaseEvent(event)


def accepting_form(e, title="Familienzentrum", edit=None):
    """Replace the modal dialog: build the real form, let the test look at it, fill in, press OK."""

    def open_form(layer, feature):
        dialog = e.tool.create_form(layer, feature)
        dialog.show()
        form = dialog.attributeForm()
        e.forms.append({name: form.currentFormFeature()[name] for name in ("sozialraum", "ortsteil", "status",
                                                                            "created_by", "measure_id")})
        e.forms[-1]["window"] = dialog.windowTitle()
        form.changeAttribute("title", title)
        if edit:
            edit(form)
        dialog.accept()
        accepted = dialog.result() == QDialog.DialogCode.Accepted
        dialog.deleteLater()
        return accepted

    e.tool.open_form = open_form


# --------------------------------------------------------------------------------------------
# map tool
# --------------------------------------------------------------------------------------------


def test_point_from_mouse_click_is_on_disk_before_the_next_event_loop_turn(env):
    e = env
    accepting_form(e, "Familienzentrum Rieth",
                   lambda form: form.changeAttribute("fields_of_action", '{"family","youth"}'))
    e.canvas.setMapTool(e.tool)
    QTest.mouseClick(e.canvas.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     pixel(e.canvas, 641500, 5651500))
    # no processEvents(): a separate SQLite connection sees the measure and its history now
    found = db_rows(e.store.path, f'SELECT fid, title, sozialraum_id, sozialraum, ot_id, ortsteil, status, created_by,'
                                  f' fields_of_action, measure_id FROM "{ms.POINT_LAYER}"')
    assert len(found) == 1
    fid, title, sid, sname, ot_id, ot_name, status, created_by, fields, mid = found[0]
    assert (title, sid, sname, ot_id, ot_name, status) == ("Familienzentrum Rieth", "2", "Nord", "03", "Rieth",
                                                          "proposed")
    assert created_by == ms.current_user()
    assert m.parse_code_list(fields) == ["family", "youth"]
    # the form opened pre-filled
    assert e.forms[0]["sozialraum"] == "Nord" and e.forms[0]["ortsteil"] == "Rieth"
    assert e.forms[0]["status"] == "proposed" and e.forms[0]["created_by"] == ms.current_user()
    assert e.forms[0]["measure_id"] == mid
    assert e.forms[0]["window"] == "New measure"
    hist = db_rows(e.store.path, f'SELECT op, who, measure_id FROM "{ms.HISTORY_TABLE}"')
    assert hist == [("insert", ms.current_user(), mid)]
    assert e.tool.last_saved == ("point", fid, mid)
    x, y = QgsGeometry(e.store.records()[0]["_geometry"]).asPoint()
    tolerance = 1.5 * e.canvas.mapUnitsPerPixel()  # the click lands on a pixel centre
    assert abs(x - 641500) < tolerance and abs(y - 5651500) < tolerance


def test_area_from_clicks_takes_the_unit_with_the_largest_share(env):
    e = env
    e.tool.set_mode("area")
    accepting_form(e, "Grünzug")
    # 0.2 km² in Altstadt, 0.6 km² in Andreasvorstadt
    for x, y in ((640800, 5650200), (641600, 5650200), (641600, 5650700), (640800, 5650700)):
        release(e.canvas, e.tool, x, y)
    assert e.tool._band is not None and e.tool._band.numberOfVertices() >= 4
    release(e.canvas, e.tool, 640800, 5650700, Qt.MouseButton.RightButton)
    assert e.tool._band is None
    found = db_rows(e.store.path, f'SELECT title, ot_id, sozialraum FROM "{ms.AREA_LAYER}"')
    assert found == [("Grünzug", "02", "Mitte")]
    geom = e.store.records()[0]["_geometry"]
    tolerance = 1.5 * e.canvas.mapUnitsPerPixel()
    assert geom.isMultipart() and abs(geom.area() - 800 * 500) < 2 * (800 + 500) * tolerance


def test_area_needs_three_vertices_and_escape_cancels(env):
    e = env
    e.tool.set_mode("area")
    accepting_form(e)
    release(e.canvas, e.tool, 640800, 5650200)
    release(e.canvas, e.tool, 641600, 5650200)
    release(e.canvas, e.tool, 641600, 5650200, Qt.MouseButton.RightButton)
    assert e.forms == [] and e.store.records() == []
    assert any("drei" in msg or "three" in msg for msg in e.iface.messageBar().get_messages(Qgis.MessageLevel.Warning))


def test_outside_all_units_is_saved_with_a_warning(env):
    e = env
    accepting_form(e, "Außenstelle")
    release(e.canvas, e.tool, 642100, 5652100)
    assert db_rows(e.store.path, f'SELECT title, sozialraum_id, ot_id FROM "{ms.POINT_LAYER}"') == [
        ("Außenstelle", None, None)]
    warnings = e.iface.messageBar().get_messages(Qgis.MessageLevel.Warning)
    assert any("ortsteile" in w for w in warnings), warnings


def test_cancelled_form_writes_nothing(env):
    e = env

    def cancel(layer, feature):
        dialog = e.tool.create_form(layer, feature)
        dialog.show()
        dialog.reject()
        return False

    e.tool.open_form = cancel
    release(e.canvas, e.tool, 640500, 5650500)
    assert db_rows(e.store.path, f'SELECT count(*) FROM "{ms.POINT_LAYER}"') == [(0,)]
    assert db_rows(e.store.path, f'SELECT count(*) FROM "{ms.HISTORY_TABLE}"') == [(0,)]


def test_without_a_store_the_draft_is_kept_and_can_be_saved_elsewhere(env, tmp_path):
    e = env
    e.manager.current_store = lambda: None
    accepting_form(e, "Spielstraße")
    assert e.tool.finish(QgsGeometry.fromPointXY(QgsPointXY(640500, 5650500))) is None
    assert [f["title"] for _k, f in e.tool.drafts] == ["Spielstraße"]
    draft_layer = e.tool.draft_layers["point"]
    draft_id = draft_layer.id()
    assert QgsProject.instance().mapLayer(draft_id) is draft_layer
    assert [f["title"] for f in draft_layer.getFeatures()] == ["Spielstraße"]
    assert e.tool.last_rescue is not None and e.tool.last_rescue.parent == tmp_path / "rescue"
    assert db_rows(e.tool.last_rescue, f'SELECT title FROM "{ms.POINT_LAYER}"') == [("Spielstraße",)]
    assert [(lvl, title) for lvl, title, _t in e.tool.messages if lvl == "critical"] == [
        ("critical", "Measure not saved")]
    other = e.tool.save_drafts_elsewhere(str(tmp_path / "elsewhere.gpkg"))
    assert other is not None and e.tool.drafts == []
    assert db_rows(tmp_path / "elsewhere.gpkg", f'SELECT title, sozialraum FROM "{ms.POINT_LAYER}"') == [
        ("Spielstraße", "Mitte")]
    assert QgsProject.instance().mapLayer(draft_id) is None  # the draft layer is gone
    other.release()


def test_a_refused_write_keeps_the_draft(env):
    e = env
    with sqlite3.connect(str(e.store.path)) as con:  # the file refuses every insert (e.g. a full disk)
        con.execute(f'CREATE TRIGGER "refuse" BEFORE INSERT ON "{ms.POINT_LAYER}" '
                    "BEGIN SELECT RAISE(ABORT, 'disk full'); END")
    accepting_form(e, "Nachtcafé")
    assert e.tool.finish(QgsGeometry.fromPointXY(QgsPointXY(640500, 5650500))) is None
    assert [f["title"] for _k, f in e.tool.drafts] == ["Nachtcafé"]
    assert e.tool.last_rescue is not None
    critical = [text for lvl, _title, text in e.tool.messages if lvl == "critical"]
    assert any("disk full" in c for c in critical), critical


def test_read_only_store_keeps_the_draft(env, monkeypatch):
    e = env
    monkeypatch.setattr(ms.MeasureStore, "is_writable", lambda self: False)
    accepting_form(e, "Lesesaal")
    e.tool.finish(QgsGeometry.fromPointXY(QgsPointXY(640500, 5650500)))
    assert [f["title"] for _k, f in e.tool.drafts] == ["Lesesaal"]
    assert any("read-only" in text for lvl, _title, text in e.tool.messages if lvl == "critical")


# --------------------------------------------------------------------------------------------
# dock
# --------------------------------------------------------------------------------------------


def add_samples(store):
    def at(x, y):
        return QgsGeometry.fromPointXY(QgsPointXY(x, y))

    units = units_layer()
    crs = QgsCoordinateReferenceSystem("EPSG:25832")
    data = [
        ("Jugendclub", "agreed", "{youth}", "workshop", 250000, 5000, 640500, 5650500),
        ("Seniorentreff", "proposed", "{old_age,neighbourhood}", "survey", None, 1200, 641500, 5650500),
        ("Spielplatz", "done", "{youth,family}", "department", 80000, None, 641500, 5651500),
        ("Quartiersbüro", "rejected", "{neighbourhood}", "workshop", 9999, None, 640500, 5651500),
    ]
    out = {}
    for title, status, fields, origin, inv, run, x, y in data:
        rec = {"title": title, "status": status, "fields_of_action": fields, "origin": origin,
               "cost_investment": inv, "cost_running": run}
        rec.update(ms.units_for_geometry(at(x, y), crs, units))
        out[title] = store.add_measure(rec, at(x, y), user="Anna")
    return out


@pytest.fixture
def dock(env):
    d = MeasuresDock(env.manager, env.tool, env.iface)
    d.confirm = lambda text: True
    yield d
    d.close()
    d.deleteLater()


def visible_titles(dock):
    return sorted(r["title"] for r in dock.proxy.visible_records())


def set_combo(combo, data):
    idx = combo.findData(data)
    assert idx >= 0, data
    combo.setCurrentIndex(idx)


def test_dock_lists_filters_and_sums_per_social_space(env, dock):
    add_samples(env.store)
    dock.refresh()
    assert dock.model.rowCount() == 4
    assert dock.ui.labelCount.text() == "4 of 4"
    assert visible_titles(dock) == ["Jugendclub", "Quartiersbüro", "Seniorentreff", "Spielplatz"]
    titles = [dock.model.index(r, 0).data() for r in range(4)]
    statuses = {dock.model.index(r, 0).data(): dock.model.index(r, 1).data() for r in range(4)}
    assert statuses["Jugendclub"] == "Abgestimmt"  # German labels (lang="de")
    assert sorted(titles) == visible_titles(dock)
    # summary (rejected left out): Mitte = Jugendclub + Seniorentreff, Nord = Spielplatz
    summary = [[dock.summary.index(r, c).data() for c in range(4)] for r in range(dock.summary.rowCount())]
    assert [row[0] for row in summary] == ["Mitte", "Nord", dock.summary.tr("Total")]
    assert [row[1] for row in summary] == ["2", "1", "3"]
    set_combo(dock.ui.comboStatus, "proposed")
    assert visible_titles(dock) == ["Seniorentreff"]
    assert dock.ui.labelCount.text() == "1 of 4"
    dock.reset_filter()
    set_combo(dock.ui.comboField, "youth")
    assert visible_titles(dock) == ["Jugendclub", "Spielplatz"]
    set_combo(dock.ui.comboSocialSpace, "2")
    assert visible_titles(dock) == ["Spielplatz"]
    assert [dock.summary.index(r, 0).data() for r in range(dock.summary.rowCount())] == ["Nord", "Total"]
    dock.reset_filter()
    set_combo(dock.ui.comboOrigin, "workshop")
    assert visible_titles(dock) == ["Jugendclub", "Quartiersbüro"]
    dock.reset_filter()
    dock.ui.editSearch.setText("quartier")
    assert visible_titles(dock) == ["Quartiersbüro"]
    dock.ui.editSearch.setText("nachbarschaft")  # field-of-action label in the UI language
    assert visible_titles(dock) == ["Quartiersbüro", "Seniorentreff"]


def test_dock_refreshes_after_a_new_measure(env, dock):
    accepting_form(env, "Neu")
    release(env.canvas, env.tool, 640500, 5650500)
    QCoreApplication.processEvents()
    dock.refresh()
    assert visible_titles(dock) == ["Neu"]


def test_dock_change_status_duplicate_delete_restore(env, dock):
    ids = add_samples(env.store)
    dock.refresh()
    assert dock.select_measure(ids["Seniorentreff"][2])
    dock._fill_status_menu()
    offered = [a.text() for a in dock.status_menu.actions()]
    assert offered == ["Abgestimmt", "Abgelehnt"]  # only allowed transitions from "proposed"
    assert dock.change_status("agreed")
    kind, fid, mid = ids["Seniorentreff"]
    assert db_rows(env.store.path, f'SELECT status FROM "{ms.POINT_LAYER}" WHERE fid = ?', (fid,)) == [("agreed",)]
    assert not dock.change_status("done")  # agreed → done is refused with a message, nothing written
    assert db_rows(env.store.path, f'SELECT status FROM "{ms.POINT_LAYER}" WHERE fid = ?', (fid,)) == [("agreed",)]
    assert any("Umgesetzt" in c or "Done" in c
               for c in env.iface.messageBar().get_messages(Qgis.MessageLevel.Critical))
    assert dock.select_measure(mid)
    new_mid = dock.duplicate_selected()
    assert new_mid and dock.model.rowCount() == 5
    dup = [r for r in env.store.records() if r["measure_id"] == new_mid][0]
    assert dup["title"].startswith("Seniorentreff") and dup["status"] == "proposed"
    # delete asks first
    dock.select_measure(mid)
    dock.confirm = lambda text: False
    assert not dock.delete_selected()
    dock.confirm = lambda text: "Seniorentreff" in text
    assert dock.delete_selected()
    assert db_rows(env.store.path, f'SELECT count(*) FROM "{ms.POINT_LAYER}" WHERE fid = ?', (fid,)) == [(0,)]
    assert dock.model.rowCount() == 4
    dock.choose_deleted = lambda deleted: deleted[0]["measure_id"]
    assert dock.restore_dialog() == mid
    assert db_rows(env.store.path, f'SELECT fid, title FROM "{ms.POINT_LAYER}" WHERE measure_id = ?', (mid,)) == [
        (fid, "Seniorentreff")]
    dock.select_measure(mid)
    history = dock.show_history()
    ops = [history.table.item(r, 2).text() for r in range(history.table.rowCount())]
    assert ops == ["created", "changed", "deleted", "created"]
    assert history.table.item(1, 3).text() == "Status: Vorgeschlagen → Abgestimmt"
    history.close()


def test_dock_edit_form_writes_changes_and_guards_status(env, dock):
    ids = add_samples(env.store)
    dock.refresh()
    kind, fid, mid = ids["Jugendclub"]
    dock.select_measure(mid)
    session = dock.create_edit_form()
    form = session.dialog.attributeForm()
    status_idx = session.layer.fields().indexOf("status")
    assert "'in_progress'" in session.layer.constraintExpression(status_idx)
    assert "'done'" not in session.layer.constraintExpression(status_idx)  # agreed → done is not allowed
    form.changeAttribute("title", "Jugendclub Nord")
    form.changeAttribute("status", "in_progress")
    session.dialog.accept()
    assert dock.finish_edit_form(session, True)
    assert db_rows(env.store.path, f'SELECT title, status FROM "{ms.POINT_LAYER}" WHERE fid = ?', (fid,)) == [
        ("Jugendclub Nord", "in_progress")]
    last = env.store.history(mid)[-1]
    assert last["changes"]["title"] == ["Jugendclub", "Jugendclub Nord"]
    assert last["changes"]["status"] == ["agreed", "in_progress"]


def test_dock_tool_buttons(env, dock):
    dock.ui.buttonNewArea.click()
    assert env.canvas.mapTool() is env.tool and env.tool.mode == "area"
    assert dock.ui.buttonNewArea.isChecked() and not dock.ui.buttonNewPoint.isChecked()
    dock.ui.buttonNewPoint.click()
    assert env.tool.mode == "point" and dock.ui.buttonNewPoint.isChecked()


# --------------------------------------------------------------------------------------------
# plugin wiring
# --------------------------------------------------------------------------------------------


def test_setup_measures_gui_registers_and_unloads(qgis_iface, qgis_new_project, monkeypatch):
    import isrp_plugin

    plugin = isrp_plugin.classFactory(qgis_iface)
    monkeypatch.setattr(plugin, "initProcessing", lambda: None)  # the provider is tested elsewhere
    plugin.initGui()  # wires setup_measures_gui
    dock = plugin.measures_dock
    assert dock in plugin.docks and plugin.measures_tool in plugin.map_tools
    texts = [a.text() for a in plugin.menu.actions()]
    assert "New measure" in texts and "Measures" in texts
    new_action = [a for a in plugin.actions if a.text() == "New measure"][0]
    manager = plugin.measures_manager
    manager.current_store = lambda: None  # no store: the tool works, drafts are kept, the dock says so
    qgis_iface.messageBar().clear_messages()
    new_action.trigger()
    assert qgis_iface.mapCanvas().mapTool() is plugin.measures_tool and plugin.measures_tool.mode == "point"
    assert new_action.isChecked() and not dock.isHidden()
    assert any("unsaved drafts" in w for w in qgis_iface.messageBar().get_messages(Qgis.MessageLevel.Warning))
    plugin.unload()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QCoreApplication.processEvents()
    assert plugin.docks == [] and plugin.map_tools == [] and plugin.actions == []
    assert manager._shut_down


# -- undo and redo inside an edit session (every step on disk at once) ---------------------------


def _settle_events(layer, rounds=20):
    """Let AutoCommit's zero-delay timer run (it commits on the next event-loop turn)."""
    for _ in range(rounds):
        QCoreApplication.processEvents()
        if not layer.isModified():
            return


def _point_on_disk(path, fid):
    blob = db_rows(path, f'SELECT geom FROM "{ms.POINT_LAYER}" WHERE fid = ?', (fid,))[0][0]
    p = ms.geometry_from_blob(blob).asPoint()
    return round(p.x(), 6), round(p.y(), 6)


def _edit(layer, text, change):
    """One edit command, as QGIS's tools make them (vertex tool, attribute table)."""
    layer.beginEditCommand(text)
    change()
    layer.endEditCommand()


def test_qgis_undo_and_redo_of_tool_edits_write_to_disk(env):
    e = env
    _kind, fid, mid = e.store.add_measure({"title": "Kita Nord"}, QgsGeometry.fromPointXY(QgsPointXY(640500, 5650500)))
    layer = ms.project_layers(e.project, e.store.path)["point"]
    stack = layer.undoStack()
    assert layer.startEditing()
    assert stack.count() == 0  # the measure was saved before the edit session: not in its undo history
    _edit(layer, "Move", lambda: layer.changeGeometry(fid, QgsGeometry.fromPointXY(QgsPointXY(641500, 5651500))))
    _settle_events(layer)
    assert _point_on_disk(e.store.path, fid) == (641500, 5651500)
    assert not layer.isModified()  # nothing waits in the edit buffer, QGIS will not ask to save
    title = layer.fields().indexOf("title")
    _edit(layer, "Title", lambda: layer.changeAttributeValue(fid, title, "Kita Nordost"))
    _settle_events(layer)
    assert db_rows(e.store.path, f'SELECT title FROM "{ms.POINT_LAYER}" WHERE fid = ?', (fid,)) == [("Kita Nordost",)]
    assert stack.count() == 2 and stack.canUndo()

    stack.undo()  # Ctrl+Z: the title goes back, on disk, at once
    assert db_rows(e.store.path, f'SELECT title FROM "{ms.POINT_LAYER}" WHERE fid = ?', (fid,)) == [("Kita Nord",)]
    assert _point_on_disk(e.store.path, fid) == (641500, 5651500)
    stack.undo()  # and the move
    assert _point_on_disk(e.store.path, fid) == (640500, 5650500)
    assert layer.getFeature(fid).geometry().asPoint() == QgsPointXY(640500, 5650500)  # the layer shows the disk
    assert not layer.isModified()
    stack.redo()
    assert _point_on_disk(e.store.path, fid) == (641500, 5651500)
    # every step, undo included, is in the history
    ops = db_rows(e.store.path, f'SELECT op, changes FROM "{ms.HISTORY_TABLE}" WHERE measure_id = ? ORDER BY fid',
                  (mid,))
    assert [op for op, _c in ops] == ["insert", "update", "update", "update", "update", "update"]
    assert ['"title"' in c for _op, c in ops[1:]] == [False, True, True, False, False]
    # a new edit after an undo drops the redo tail, as in QGIS
    stack.undo()
    _edit(layer, "Title", lambda: layer.changeAttributeValue(fid, title, "Kita am Anger"))
    _settle_events(layer)
    assert not stack.canRedo() and stack.count() == 1
    assert layer.commitChanges()  # stopping the session: nothing to save, undo history ends with it


def test_undo_of_dock_and_map_tool_writes(env, dock):
    e = env
    layer = ms.project_layers(e.project, e.store.path)["point"]
    stack = layer.undoStack()
    assert layer.startEditing()
    accepting_form(e, "Jugendclub Rieth")
    e.canvas.setMapTool(e.tool)
    QTest.mouseClick(e.canvas.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     pixel(e.canvas, 641500, 5651500))
    _kind, fid, mid = e.tool.last_saved
    assert stack.count() == 1 and "Jugendclub Rieth" in stack.text(0)
    dock.refresh()
    assert dock.select_measure(mid)
    assert dock.change_status("agreed")
    copy_mid = dock.duplicate_selected()
    assert dock.select_measure(mid)
    assert dock.delete_selected()
    assert stack.count() == 4
    count = f'SELECT count(*) FROM "{ms.POINT_LAYER}" WHERE measure_id = ?'

    stack.undo()  # the delete: the measure is back with its fid
    assert db_rows(e.store.path, f'SELECT fid, status FROM "{ms.POINT_LAYER}" WHERE measure_id = ?', (mid,)) == [
        (fid, "agreed")]
    stack.undo()  # the duplicate
    assert db_rows(e.store.path, count, (copy_mid,)) == [(0,)]
    stack.undo()  # the status change (agreed → proposed is an allowed step back)
    assert db_rows(e.store.path, f'SELECT status FROM "{ms.POINT_LAYER}" WHERE fid = ?', (fid,)) == [("proposed",)]
    stack.undo()  # the new measure itself
    assert db_rows(e.store.path, count, (mid,)) == [(0,)]
    stack.redo()
    assert db_rows(e.store.path, f'SELECT fid, title FROM "{ms.POINT_LAYER}" WHERE measure_id = ?', (mid,)) == [
        (fid, "Jugendclub Rieth")]
    assert not layer.isModified()
    layer.rollBack()


def test_undo_never_overwrites_a_later_change_by_someone_else(env):
    e = env
    _kind, fid, mid = e.store.add_measure({"title": "Beratung Mitte"},
                                          QgsGeometry.fromPointXY(QgsPointXY(640500, 5650500)))
    layer = ms.project_layers(e.project, e.store.path)["point"]
    stack = layer.undoStack()
    assert layer.startEditing()
    _edit(layer, "Move", lambda: layer.changeGeometry(fid, QgsGeometry.fromPointXY(QgsPointXY(640600, 5650600))))
    _settle_events(layer)
    assert stack.count() == 1
    # a colleague's QGIS (another process: its own store object) moves the measure again
    other = ms.MeasureStore.open(e.store.path)
    other.update_measure("point", fid, {}, user="Kollegin",
                         geometry=QgsGeometry.fromPointXY(QgsPointXY(640900, 5650900)))
    stack.undo()
    assert _point_on_disk(e.store.path, fid) == (640900, 5650900)  # her change stands
    assert stack.count() == 0  # the refused step left the stack
    warnings = e.iface.messageBar().get_messages(Qgis.MessageLevel.Warning)
    assert any("Beratung Mitte" in w and "geom" in w for w in warnings)
    layer.rollBack()


def test_undo_that_the_status_life_cycle_forbids_is_refused(env):
    e = env
    _kind, fid, _mid = e.store.add_measure({"title": "Stadtteilbüro", "status": "agreed"},
                                           QgsGeometry.fromPointXY(QgsPointXY(640500, 5650500)))
    layer = ms.project_layers(e.project, e.store.path)["point"]
    assert layer.startEditing()
    e.store.set_status("point", fid, "rejected")
    layer.undoStack().undo()  # rejected → agreed is not a step of the life cycle
    assert db_rows(e.store.path, f'SELECT status FROM "{ms.POINT_LAYER}" WHERE fid = ?', (fid,)) == [("rejected",)]
    warnings = e.iface.messageBar().get_messages(Qgis.MessageLevel.Warning)
    assert any("status change is not allowed" in w for w in warnings)
    layer.rollBack()
