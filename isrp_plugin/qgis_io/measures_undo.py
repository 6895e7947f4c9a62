"""Undo and redo of measure edits in a QGIS edit session, while every edit is on disk at once.

The measure layers never keep edits in QGIS's edit buffer: :class:`~.measures_store.AutoCommit`
commits each edit of a QGIS tool (vertex tool, move, attribute table, delete) on the next
event-loop turn, and the plugin's own writes (form, duplicate, delete, status, map tool) go to
the GeoPackage directly. QGIS clears a layer's undo stack on every commit, so by itself that would
leave nothing to undo.

:class:`MeasureUndo` gives the undo back. After each committed write it puts one command on the
layer's own undo stack (the stack QGIS's Undo/Redo buttons, Ctrl+Z and the Undo/Redo panel use)
that holds the history rows the write produced (:meth:`MeasureStore.apply_history
<isrp_plugin.qgis_io.measures_store.MeasureStore.apply_history>`). Undo writes the inverse change to
the GeoPackage at once (and is itself recorded in the history); redo writes the change again. A
step whose measure was changed since by someone else, or whose inverse the status life cycle does
not allow, is refused with a message and taken off the stack; nothing is overwritten. The undo
history lasts as long as the edit session, as in QGIS.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Callable, Dict, List, Optional

from qgis.core import QgsFeatureRequest, QgsVectorLayer
from qgis.PyQt import sip
from qgis.PyQt.QtCore import QCoreApplication, QObject, pyqtSignal

try:  # Qt5: QtWidgets, Qt6: QtGui
    from qgis.PyQt.QtWidgets import QUndoCommand
except ImportError:  # pragma: no cover - Qt6
    from qgis.PyQt.QtGui import QUndoCommand

from ..core import measures as m
from . import measures_store as ms
from .compat import disconnect_all

LOG = logging.getLogger("isrp_plugin.measures")


@dataclass
class Step:
    """One committed write: the history rows it made (one layer), and the text the undo panel shows."""

    text: str
    entries: List[dict]


def step_text(entries: List[dict], titles: Optional[Dict[str, str]] = None) -> str:
    """'ISRP: …' text for the undo panel, naming the measure (its title; ``titles`` by measure_id for
    updates, whose history row holds only the changed fields) and what happened to it."""
    if len(entries) != 1:
        return QCoreApplication.translate("MeasureUndo", "ISRP: {0} measure changes").format(len(entries))
    e = entries[0]
    data = e.get("changes") or {}
    if e["op"] == "update":
        title = data["title"][1] if isinstance(data.get("title"), list) else (titles or {}).get(e["measure_id"])
        fields = [QCoreApplication.translate("MeasureUndo", "geometry") if k == ms.GEOM_COL else k for k in data
                  if k != ms.FID_COL and k not in m.STAMP_FIELDS]
        return QCoreApplication.translate("MeasureUndo", "ISRP: change '{0}' ({1})").format(
            title or e.get("feature_fid"), ", ".join(fields))
    title = data.get("title") or e.get("feature_fid")
    if e["op"] == "insert":
        return QCoreApplication.translate("MeasureUndo", "ISRP: add measure '{0}'").format(title)
    return QCoreApplication.translate("MeasureUndo", "ISRP: delete measure '{0}'").format(title)


def _titles(store: ms.MeasureStore, rows: List[dict]) -> Dict[str, str]:
    if not any(r["op"] == "update" for r in rows):
        return {}
    try:
        return {r["measure_id"]: r["title"] for r in store.records()}
    except (ms.StoreError, OSError):
        return {}


class _StepCommand(QUndoCommand):
    """A committed write on a layer's undo stack; pushing it writes nothing (the write is done)."""

    def __init__(self, journal: MeasureUndo, step: Step):
        super().__init__(step.text)
        self.journal = journal
        self.step = step
        self._pushed = False

    def redo(self):  # noqa: D102
        if not self._pushed:  # QUndoStack.push() calls redo(); the change is on disk already
            self._pushed = True
            return
        self.journal.apply(self, undo=False)

    def undo(self):  # noqa: D102
        self.journal.apply(self, undo=True)


def _buffer_empty(layer: QgsVectorLayer) -> bool:
    buffer = layer.editBuffer()
    if buffer is None:
        return True
    return not (buffer.addedFeatures() or buffer.changedAttributeValues() or buffer.changedGeometries()
                or buffer.deletedFeatureIds() or buffer.addedAttributes() or buffer.deletedAttributeIds())


class MeasureUndo(QObject):
    """Keeps one undo command per committed measure write on the measure layers' undo stacks."""

    #: a step could not be undone or redone (the message says why; nothing was written)
    failed = pyqtSignal(str)

    def __init__(self, store: Callable[[], Optional[ms.MeasureStore]], parent=None):
        super().__init__(parent)
        self._store = store
        self._layers: List[QgsVectorLayer] = []
        self._connections = []
        self._commands: Dict[int, _StepCommand] = {}
        self._before: Dict[str, tuple] = {}
        self._applying = False

    # -- wiring -----------------------------------------------------------------------------------
    def watch(self, layer: QgsVectorLayer) -> None:
        if layer is None or any(lyr is layer for lyr in self._layers):
            return
        self._layers.append(layer)
        stack = layer.undoStack()
        for signal, slot in (
            (layer.beforeCommitChanges, lambda *_a, lyr=layer: self._before_commit(lyr)),
            (layer.afterCommitChanges, lambda lyr=layer: self._after_commit(lyr)),
            (stack.indexChanged, lambda _i, lyr=layer: self._settle(lyr)),
        ):
            signal.connect(slot)
            self._connections.append((signal, slot))
        layer.willBeDeleted.connect(lambda lyr=layer: self.forget(lyr))

    def forget(self, layer) -> None:
        self._layers = [lyr for lyr in self._layers if lyr is not layer]

    def unwatch_all(self) -> None:
        disconnect_all(self._connections)
        self._connections = []
        self._layers = []
        self._commands.clear()
        self._before.clear()

    # -- commands on the stack ----------------------------------------------------------------------
    def _ours(self, command) -> Optional[_StepCommand]:
        ours = self._commands.get(sip.unwrapinstance(command)) if command is not None else None
        if ours is None or sip.isdeleted(ours):
            return None
        return ours

    def steps(self, layer: QgsVectorLayer) -> List[Step]:
        """The plugin's steps that are done (below the stack's index), oldest first."""
        stack = layer.undoStack()
        out = []
        for i in range(stack.index()):
            ours = self._ours(stack.command(i))
            if ours is not None:
                out.append(ours.step)
        return out

    def _push(self, layer: QgsVectorLayer, step: Step) -> None:
        command = _StepCommand(self, step)
        self._commands[sip.unwrapinstance(command)] = command
        layer.undoStack().push(command)

    def _purge(self) -> None:
        self._commands = {k: c for k, c in self._commands.items() if not sip.isdeleted(c)}

    def _settle(self, layer: QgsVectorLayer) -> None:
        """Mark the stack clean when nothing waits in the edit buffer: the state shown is the one on
        disk, so QGIS must neither ask to save nor commit an empty buffer (which clears the stack)."""
        try:
            if layer.isEditable() and _buffer_empty(layer) and not layer.undoStack().isClean():
                layer.undoStack().setClean()
        except RuntimeError:  # layer deleted
            self.forget(layer)

    # -- recording ----------------------------------------------------------------------------------
    def _layer_of(self, store: ms.MeasureStore, layer_name: str) -> Optional[QgsVectorLayer]:
        kind = ms.KIND_OF_LAYER.get(layer_name)
        layer = store.attached_layer(kind) if kind else None
        return layer if layer is not None and any(lyr is layer for lyr in self._layers) else None

    def store_wrote(self, entries: List[dict]) -> None:
        """A plugin write was committed (store write listener): put it on the layer's undo stack."""
        store = self._store()
        if self._applying or store is None or not entries:
            return
        by_layer: Dict[str, List[dict]] = {}
        for e in entries:
            by_layer.setdefault(e["layer_name"], []).append(e)
        for layer_name, rows in by_layer.items():
            layer = self._layer_of(store, layer_name)
            if layer is None or not layer.isEditable():
                continue  # undo belongs to an edit session, as in QGIS
            self._push(layer, Step(step_text(rows, _titles(store, rows)), rows))
            self._settle(layer)

    def _touched_measures(self, layer: QgsVectorLayer) -> Optional[set]:
        """measure_id of every feature the edit buffer adds, changes or deletes (None: unknown)."""
        buffer = layer.editBuffer()
        index = layer.fields().indexOf("measure_id")
        if buffer is None or index < 0:
            return None
        ids = {f.attribute(index) for f in buffer.addedFeatures().values()}
        fids = set(buffer.changedAttributeValues()) | set(buffer.changedGeometries()) | set(buffer.deletedFeatureIds())
        fids = {fid for fid in fids if fid >= 0}
        if fids:
            request = QgsFeatureRequest().setFilterFids(sorted(fids)).setSubsetOfAttributes([index])
            request.setFlags(QgsFeatureRequest.Flag.NoGeometry)
            ids |= {f.attribute(index) for f in layer.dataProvider().getFeatures(request)}
        for changes in buffer.changedAttributeValues().values():
            if index in changes:
                ids.add(changes[index])
        return {str(i) for i in ids if isinstance(i, str) and i}

    def _before_commit(self, layer: QgsVectorLayer) -> None:
        store = self._store()
        if store is None:
            return
        try:
            self._before[layer.id()] = (store.last_history_id(), self._touched_measures(layer), self.steps(layer))
        except (ms.StoreError, OSError, RuntimeError) as exc:  # the commit goes on; only undo is lost
            LOG.warning("undo journal: %s", exc)
            self._before.pop(layer.id(), None)

    def _after_commit(self, layer: QgsVectorLayer) -> None:
        """QGIS committed the edit buffer and cleared the undo stack: put the steps back, plus the new one."""
        before = self._before.pop(layer.id(), None)
        store = self._store()
        self._purge()
        if before is None or store is None or not layer.isEditable():
            return
        mark, measure_ids, steps = before
        table = ms.LAYER_NAMES.get(ms.kind_of_layer(layer, store.path) or "")
        try:
            rows = store.history_since(mark, table, measure_ids)
        except (ms.StoreError, OSError) as exc:
            LOG.warning("undo journal: %s", exc)
            rows = []
        if rows:
            steps = steps + [Step(step_text(rows, _titles(store, rows)), rows)]
        stack = layer.undoStack()
        for step in steps:
            self._push(layer, step)
        if stack.count():
            stack.setClean()

    # -- undo / redo ----------------------------------------------------------------------------------
    def apply(self, command: _StepCommand, undo: bool) -> None:
        """Write the inverse (undo) or the change again (redo); a refused step leaves the stack."""
        store = self._store()
        self._applying = True
        try:
            if store is None:
                raise ms.StoreError(QCoreApplication.translate("MeasureUndo", "no measure store is open"))
            store.apply_history(command.step.entries, undo)
        except ms.StoreError as exc:
            command.setObsolete(True)  # QUndoStack drops it; the measure keeps its stored values
            text = (QCoreApplication.translate("MeasureUndo", "Could not undo {0}: {1}") if undo
                    else QCoreApplication.translate("MeasureUndo", "Could not redo {0}: {1}")).format(
                command.text(), str(exc))
            LOG.warning("%s", text)
            self.failed.emit(text)
        finally:
            self._applying = False
