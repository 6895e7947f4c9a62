"""Map tool "New measure": place a point or draw an area, fill in the form, saved to disk at once.

Point mode: a left click places the measure. Area mode: left clicks add vertices, a right click
(or Enter) finishes the polygon, Backspace removes the last vertex, Esc cancels. Snapping follows
the project's snapping settings.

Then the attribute form opens, pre-filled: social space and Ortsteil from the units layer (a
polygon layer with ``ot_id``, ``name``, ``sozialraum_id``, ``sozialraum``; chosen in the Measures
dock or found by the name ``ortsteile``), created by/at, status "proposed". The form runs on a
scratch copy of the measure layer (same widgets and constraints); on OK the store writes the
measure in one SQLite transaction that is committed before :meth:`MeasureMapTool.finish`
returns, so it is in the GeoPackage (and its history) before the next event-loop turn, and the
GeoPackage never holds an open QGIS edit session.

Nothing is lost when saving is impossible (no store, read-only file, a write refused): the
drafted measure is kept in an "Unsaved measures" memory layer, a copy goes to the rescue folder
of the QGIS profile, and the message bar offers "Save elsewhere…".
"""

from __future__ import annotations

import logging
from typing import List, Optional, Tuple

from qgis.core import (
    QgsCoordinateTransform,
    QgsFeature,
    QgsGeometry,
    QgsPointXY,
    QgsProject,
    QgsVectorLayer,
    QgsVectorLayerUtils,
)
from qgis.gui import QgsAttributeDialog, QgsAttributeEditorContext, QgsGui, QgsMapTool, QgsRubberBand
from qgis.PyQt.QtCore import QCoreApplication, Qt, pyqtSignal
from qgis.PyQt.QtGui import QColor, QCursor
from qgis.PyQt.QtWidgets import QDialog, QFileDialog, QPushButton, QScrollArea

from ..core import measures as m
from ..qgis_io import measures_store as ms

LOG = logging.getLogger("isrp_plugin.measures")


def ensure_editor_widgets(canvas=None) -> None:
    """Register QGIS's editor widgets when running outside the desktop (scripts, tests); the desktop
    has done so already. Without them an attribute form cannot be built."""
    registry = QgsGui.editorWidgetRegistry()
    if "ValueMap" not in registry.factories():
        registry.initEditors(canvas)


def fit_form_dialog(dialog) -> None:
    """Make the attribute dialog wide enough for the widest tab (no horizontal scrolling).

    A tab's scroll area does not pass its content's minimum width on to the dialog, so the
    content of every tab is measured.
    """
    width = dialog.sizeHint().width() + 30
    for area in dialog.findChildren(QScrollArea):
        content = area.widget()
        if content is not None:
            width = max(width, content.minimumSizeHint().width() + 90)  # margins, frames, scroll bar
    width = min(max(dialog.width(), width, 760), 1200)
    height = min(max(dialog.height(), 640), 900)
    dialog.resize(width, height)


class MeasureMapTool(QgsMapTool):
    """Places new measures. ``manager`` supplies the store, the units layer and the message bar.

    The manager needs: ``current_store()`` → MeasureStore or None, ``units_layer()`` → layer or
    None, ``message_bar()`` → QgsMessageBar or None, ``lang`` ('de'/'en'). Tests may override
    :meth:`open_form` (return True when the form was accepted).
    """

    measureSaved = pyqtSignal(str, int, str)  # kind, fid, measure_id
    draftKept = pyqtSignal(object)  # QgsFeature kept in memory
    modeChanged = pyqtSignal(str)

    def __init__(self, canvas, manager, parent_widget=None):
        super().__init__(canvas)
        self.manager = manager
        self.parent_widget = parent_widget
        self.mode = "point"
        self._points: List[QgsPointXY] = []
        self._band: Optional[QgsRubberBand] = None
        self.drafts: List[Tuple[str, QgsFeature]] = []
        self.draft_layers = {}
        self.last_saved: Optional[Tuple[str, int, str]] = None
        self.last_units = None
        self.last_rescue = None
        self.messages: List[Tuple[str, str, str]] = []  # (level, title, text) pushed to the message bar
        self.form_layer: Optional[QgsVectorLayer] = None
        self.setCursor(QCursor(Qt.CursorShape.CrossCursor))

    def tr(self, message: str) -> str:  # noqa: D102
        return QCoreApplication.translate("MeasureMapTool", message)

    # -- mode -----------------------------------------------------------------------------------
    def set_mode(self, mode: str) -> None:
        """'point' or 'area'."""
        if mode not in ("point", "area"):
            raise ValueError(mode)
        self.reset()
        self.mode = mode
        self.modeChanged.emit(mode)

    def activate(self):  # noqa: D102
        super().activate()
        bar = self.manager.message_bar()
        if bar is not None and self.mode == "area":
            bar.pushInfo(self.tr("New area measure"),
                         self.tr("Left click adds a vertex, right click finishes, Backspace undoes, Esc cancels."))

    def deactivate(self):  # noqa: D102
        self.reset()
        super().deactivate()

    def reset(self) -> None:
        self._points = []
        if self._band is not None:
            self.canvas().scene().removeItem(self._band)
            self._band = None

    def _rubber_band(self) -> QgsRubberBand:
        if self._band is None:
            self._band = QgsRubberBand(self.canvas(), ms.GEOMETRY_POLYGON)
            self._band.setColor(QColor(0, 114, 178, 200))
            self._band.setFillColor(QColor(0, 114, 178, 50))
            self._band.setWidth(2)
        return self._band

    def _update_band(self, floating: Optional[QgsPointXY] = None) -> None:
        band = self._rubber_band()
        band.reset(ms.GEOMETRY_POLYGON)
        pts = list(self._points) + ([floating] if floating is not None else [])
        for i, p in enumerate(pts):
            band.addPoint(p, i == len(pts) - 1)

    # -- events ---------------------------------------------------------------------------------
    def _map_point(self, event) -> QgsPointXY:
        try:
            return QgsPointXY(event.snapPoint())
        except (AttributeError, TypeError):
            return QgsPointXY(event.mapPoint())

    def canvasMoveEvent(self, event):  # noqa: N802, D102
        if self.mode == "area" and self._points:
            self._update_band(self._map_point(event))

    def canvasReleaseEvent(self, event):  # noqa: N802, D102
        point = self._map_point(event)
        if event.button() == Qt.MouseButton.LeftButton:
            if self.mode == "point":
                self.finish(QgsGeometry.fromPointXY(point))
            else:
                self._points.append(point)
                self._update_band()
        elif event.button() == Qt.MouseButton.RightButton and self.mode == "area":
            self.finish_area()

    def keyPressEvent(self, event):  # noqa: N802, D102
        key = event.key()
        if key == Qt.Key.Key_Escape:
            self.reset()
            event.accept()
        elif key in (Qt.Key.Key_Backspace, Qt.Key.Key_Delete) and self._points:
            self._points.pop()
            self._update_band()
            event.accept()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.mode == "area":
            self.finish_area()
            event.accept()
        else:
            event.ignore()

    def finish_area(self) -> Optional[Tuple[str, int, str]]:
        points = list(self._points)
        self.reset()
        if len(points) < 3:
            self._push("warning", self.tr("New area measure"), self.tr("An area needs at least three vertices."))
            return None
        geom = QgsGeometry.fromPolygonXY([points + [points[0]]])
        if not geom.isGeosValid():
            geom = geom.makeValid()
        return self.finish(geom)

    # -- saving ---------------------------------------------------------------------------------
    def _push(self, level: str, title: str, text: str, widget=None) -> None:
        self.messages.append((level, title, text))
        bar = self.manager.message_bar()
        if bar is None:
            LOG.warning("%s: %s", title, text)
            return
        from qgis.core import Qgis

        levels = {"info": Qgis.MessageLevel.Info, "warning": Qgis.MessageLevel.Warning,
                  "critical": Qgis.MessageLevel.Critical, "success": Qgis.MessageLevel.Success}
        duration = 0 if level == "critical" else 8
        if widget is None:
            bar.pushMessage(title, text, levels[level], duration)
            return
        item = bar.createMessage(title, text)
        item.layout().addWidget(widget)
        bar.pushWidget(item, levels[level], duration)

    def finish(self, geometry: QgsGeometry) -> Optional[Tuple[str, int, str]]:
        """Pre-fill and open the form for ``geometry`` (canvas CRS); on OK write it to disk.

        The form runs on a scratch copy of the measure layer; the accepted measure is written by
        the store in one committed transaction before this returns. Returns (kind, fid,
        measure_id) when saved, None when cancelled or kept as an unsaved draft.
        """
        kind = ms.kind_for_geometry(geometry)
        canvas_crs = self.canvas().mapSettings().destinationCrs()
        store, problem = self._usable_store()
        project = QgsProject.instance()
        if store is not None:
            target_crs = store.crs
        else:
            target_crs = project.crs() if project.crs().isValid() else canvas_crs
        geom = QgsGeometry(geometry)
        if canvas_crs.isValid() and target_crs.isValid() and canvas_crs != target_crs:
            geom.transform(QgsCoordinateTransform(canvas_crs, target_crs, project.transformContext()))
        geom = ms.prepare_geometry(geom, kind)
        template = store.attached_layer(kind) if store is not None else None
        lookup = ms.lookup_layer(project, store.path) if store is not None else None
        layer = ms.form_layer(kind, template, getattr(self.manager, "lang", "en"), lookup, target_crs)
        self.form_layer = layer
        feature = self.prefill(layer, geom)
        layer.startEditing()
        accepted = self.open_form(layer, feature)
        added = [QgsFeature(f) for f in layer.editBuffer().addedFeatures().values()]
        layer.rollBack()
        if not accepted or not added:
            return None
        drafted = added[0]
        if store is None:
            self._keep(kind, drafted, target_crs)
            self._offer_save_elsewhere(problem)
            return None
        record = {name: drafted[name] for name in m.FIELD_NAMES if drafted.fields().indexOf(name) >= 0}
        try:
            saved = store.add_measure(record, drafted.geometry(), kind, ms.to_python(drafted["changed_by"]) or None)
        except ms.StoreError as exc:
            self._keep(kind, drafted, target_crs)
            self._offer_save_elsewhere(self.tr("The measure could not be saved: {0}").format(str(exc)))
            return None
        self.last_saved = saved
        self.measureSaved.emit(*saved)
        return saved

    def _usable_store(self):
        try:
            store = self.manager.current_store()
        except ms.StoreError as exc:
            return None, str(exc)
        if store is None:
            return None, self.tr("No measure store is open for this project.")
        if not store.is_writable():
            return None, self.tr("The measure store {0} is read-only.").format(str(store.path))
        return store, ""

    def prefill(self, layer: QgsVectorLayer, geometry: QgsGeometry) -> QgsFeature:
        """A new feature with the layer's default values, the units the geometry lies in and the stamps."""
        context = layer.createExpressionContext()
        feature = QgsVectorLayerUtils.createFeature(layer, geometry, {}, context)
        user = ms.current_user()
        stamp = ms.now()
        values = {"status": m.INITIAL_STATUS, "created_by": user, "changed_by": user, "created_at": stamp,
                  "changed_at": stamp}
        for name, value in values.items():
            if feature.fields().indexOf(name) >= 0 and ms.is_null(feature[name]):
                feature[name] = value
        if feature.fields().indexOf("description") >= 0 and ms.is_null(feature["description"]):
            feature["description"] = ""  # a multi-line editor shows NULL as the text "NULL"
        if feature.fields().indexOf("measure_id") >= 0 and ms.is_null(feature["measure_id"]):
            feature["measure_id"] = ms.new_measure_id()
        units_layer = self.manager.units_layer()
        units = ms.units_for_geometry(geometry, layer.crs(), units_layer) if units_layer is not None else None
        self.last_units = units
        for name in ("ot_id", "ortsteil", "sozialraum_id", "sozialraum"):
            if feature.fields().indexOf(name) >= 0:
                feature[name] = (units or {}).get(name)
        if units is None:
            if units_layer is None:
                text = self.tr("No units layer (Ortsteile) found: social space and Ortsteil stay empty.")
            else:
                text = self.tr("The measure lies outside all units of “{0}”: no social space assigned.").format(
                    units_layer.name())
            self._push("warning", self.tr("New measure"), text)
        return feature

    def create_form(self, layer: QgsVectorLayer, feature: QgsFeature) -> QgsAttributeDialog:
        """The attribute dialog in add mode (on accept it adds ``feature`` to the form layer's edit buffer)."""
        ensure_editor_widgets(self.canvas())
        context = QgsAttributeEditorContext()
        context.setMapCanvas(self.canvas())
        parent = self.parent_widget or self.canvas().window()
        dialog = QgsAttributeDialog(layer, feature, False, parent, True, context)
        dialog.setMode(QgsAttributeEditorContext.Mode.AddFeatureMode)
        dialog.setWindowTitle(self.tr("New measure"))
        dialog.setObjectName("isrpMeasureForm")
        fit_form_dialog(dialog)
        self._form_feature = feature  # the dialog holds a pointer, keep the object alive
        return dialog

    def open_form(self, layer: QgsVectorLayer, feature: QgsFeature) -> bool:
        """Show the form modally; True when it was accepted (the feature is then in the edit buffer)."""
        dialog = self.create_form(layer, feature)
        try:
            return dialog.exec() == QDialog.DialogCode.Accepted
        finally:
            dialog.deleteLater()

    # -- drafts (nothing lost) ------------------------------------------------------------------
    def _draft_layer(self, kind: str, crs) -> QgsVectorLayer:
        layer = self.draft_layers.get(kind)
        try:
            if layer is not None and layer.isValid():
                return layer
        except RuntimeError:
            pass
        geom = "Point" if kind == "point" else "MultiPolygon"
        authid = crs.authid() if crs is not None and crs.isValid() else ms.DEFAULT_EPSG
        name = self.tr("Unsaved measures (points)") if kind == "point" else self.tr("Unsaved measures (areas)")
        layer = QgsVectorLayer(f"{geom}?crs={authid}", name, "memory")
        layer.dataProvider().addAttributes(list(ms.measure_fields()))
        layer.updateFields()
        ms.configure_layer(layer, getattr(self.manager, "lang", "en"))
        self.draft_layers[kind] = layer
        return layer

    def _keep(self, kind: str, feature: QgsFeature, crs) -> None:
        """Keep a measure that could not be saved: in the "Unsaved measures" layer and in a rescue file."""
        draft_layer = self._draft_layer(kind, crs)
        feat = QgsFeature(draft_layer.fields())
        for name in m.FIELD_NAMES:
            if feature.fields().indexOf(name) >= 0:
                feat[name] = feature[name]
        feat.setGeometry(QgsGeometry(feature.geometry()))
        draft_layer.dataProvider().addFeatures([feat])
        draft_layer.triggerRepaint()
        self.drafts.append((kind, feat))
        if QgsProject.instance().mapLayer(draft_layer.id()) is None:
            QgsProject.instance().addMapLayer(draft_layer)
        self.last_rescue = ms.write_rescue_copy([(kind, feat)], draft_layer.crs())
        self.draftKept.emit(feat)

    def _offer_save_elsewhere(self, problem: str) -> None:
        button = QPushButton(self.tr("Save elsewhere…"))
        button.clicked.connect(lambda: self.save_drafts_elsewhere())
        self._push("critical", self.tr("Measure not saved"),
                   problem + " " + self.tr("It is kept in the layer “Unsaved measures” and in a rescue copy."), button)

    def save_drafts_elsewhere(self, path: Optional[str] = None) -> Optional[ms.MeasureStore]:
        """Write the drafts into a (new or existing) measure store at ``path`` (asks when None)."""
        if not self.drafts:
            return None
        if path is None:
            path, _ = QFileDialog.getSaveFileName(self.parent_widget or self.canvas().window(),
                                                  self.tr("Save unsaved measures"), "",
                                                  self.tr("GeoPackage (*.gpkg)"))
            if not path:
                return None
            if not path.lower().endswith(".gpkg"):
                path += ".gpkg"
        first_layer = self.draft_layers.get(self.drafts[0][0])
        crs = first_layer.crs() if first_layer is not None else None
        try:
            store = ms.save_features_to_new_store(list(self.drafts), path, crs)
        except ms.StoreError as exc:
            self._push("critical", self.tr("Measure not saved"), str(exc))
            return None
        self.drafts = []
        for layer in self.draft_layers.values():
            try:
                if QgsProject.instance().mapLayer(layer.id()) is not None:
                    QgsProject.instance().removeMapLayer(layer.id())
            except RuntimeError:
                pass
        self.draft_layers = {}
        self._push("success", self.tr("Measures saved"), self.tr("Saved to {0}").format(path))
        return store
