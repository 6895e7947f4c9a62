"""Run ISRP Processing algorithms in the background from docks and map tools.

Docks never compute: they call an algorithm by id through :func:`run_algorithm`, which uses
QGIS's own QgsProcessingAlgRunnerTask, so progress shows in the task manager and cancel works.
The callback runs on the main thread once the task has finished, or — ``cancel(report_now=True)``
— at once on cancel: the dock is free again immediately, while the worker thread stops at the
algorithm's next check of the feedback and its late results are dropped.
"""

from typing import Callable, Optional

from qgis.core import (
    QgsApplication,
    QgsFeatureRequest,
    QgsMapLayer,
    QgsProcessingAlgRunnerTask,
    QgsProcessingContext,
    QgsProcessingFeatureSourceDefinition,
    QgsProcessingFeedback,
    QgsProject,
    QgsVectorLayer,
)

from ..qgis_io.layers import CACHE_ID_PROPERTY, CACHE_STAMP_PROPERTY, layer_stamp  # noqa: E402


class AlgorithmRun:
    """One background run; keeps context, feedback and task alive until it ends."""

    def __init__(
        self,
        alg_id: str,
        parameters: dict,
        on_done: Callable[[bool, dict, "AlgorithmRun"], None],
        project: Optional[QgsProject] = None,
        description: str = "",
    ):
        registry = QgsApplication.processingRegistry()
        alg = registry.createAlgorithmById(alg_id)
        if alg is None:
            raise KeyError(f"Processing algorithm {alg_id} is not registered")
        self.alg_id = alg_id
        self.context = QgsProcessingContext()
        self.context.setProject(project or QgsProject.instance())
        # The algorithm runs in a worker thread: it must not read layers that live in the project
        # (the main thread may change or delete them meanwhile; QGIS 3.40 crashed on this).
        self._private_layers = []
        parameters = {k: self._thread_safe(v, project or QgsProject.instance()) for k, v in parameters.items()}
        self.feedback = QgsProcessingFeedback()
        self.feedback.progressChanged.connect(self._progress)
        self.progress = 0.0
        self._on_done = on_done
        self._reported = False  # on_done was called (at the end, or at once on cancel)
        self.task = QgsProcessingAlgRunnerTask(alg, parameters, self.context, self.feedback)
        if description:
            self.task.setDescription(description)
        self.task.executed.connect(self._executed)

    def _thread_safe(self, value, project: QgsProject):
        """Project vector layers are replaced by private layers made here on the main thread:
        a second handle on the same file for OGR layers, an in-memory copy otherwise."""
        if isinstance(value, (list, tuple)):
            return [self._thread_safe(v, project) for v in value]
        if isinstance(value, QgsProcessingFeatureSourceDefinition):
            return value
        layer = value if isinstance(value, QgsMapLayer) else None
        if layer is None and isinstance(value, str) and project is not None:
            layer = project.mapLayer(value)
        if layer is None or layer.type() != QgsMapLayer.LayerType.VectorLayer:
            return value
        copy = None
        if layer.providerType() == "ogr" and not layer.isEditable():
            copy = QgsVectorLayer(layer.source(), layer.name(), "ogr")
        elif layer.providerType() == "memory" and not layer.isEditable():
            copy = layer.clone()  # the memory provider copies its features: several times faster than materialize
            if copy.featureCount() != layer.featureCount():
                copy = None
        if copy is None or not copy.isValid():
            copy = layer.materialize(QgsFeatureRequest())
            copy.setName(layer.name())
        # the graph cache keys on the project layer, not on this per-run copy
        copy.setCustomProperty(CACHE_ID_PROPERTY, layer.id())
        copy.setCustomProperty(CACHE_STAMP_PROPERTY, repr(layer_stamp(layer)))
        self._private_layers.append(copy)
        return copy

    def _progress(self, value: float) -> None:
        self.progress = value

    def start(self) -> "AlgorithmRun":
        _RUNNING.add(self)
        QgsApplication.taskManager().addTask(self.task)
        return self

    def cancel(self, report_now: bool = False) -> None:
        """Cancel: the worker stops at the algorithm's next check of the feedback.

        With ``report_now``, ``on_done(False, {}, run)`` runs at once (the caller is free again
        immediately) instead of when the worker has stopped; it never runs twice.
        """
        self.feedback.cancel()
        if self.task is not None:
            self.task.cancel()
        if report_now:
            self._report(False, {})

    def _report(self, ok: bool, results: dict) -> None:
        if self._reported:
            return
        self._reported = True
        self._on_done(ok, results, self)

    def take_layer(self, value):
        """The output layer for an output value (a layer id in the context's temporary store or a path)."""
        from qgis.core import QgsProcessingUtils

        return QgsProcessingUtils.mapLayerFromString(str(value), self.context)

    def _executed(self, ok: bool, results: dict) -> None:
        _RUNNING.discard(self)
        try:
            self._report(bool(ok) and not self.feedback.isCanceled(), results or {})
        finally:
            self.task = None


_RUNNING = set()


def cancel_all(timeout_ms: int = 10000) -> None:
    """Cancel every ISRP run and wait until its worker has stopped (at most ``timeout_ms`` each).

    For the plugin's unload: the algorithms must not disappear while a background task still
    runs their code.
    """
    from qgis.PyQt.QtCore import QCoreApplication

    runs = list(_RUNNING)
    for run in runs:
        run.cancel()
    for run in runs:
        task = run.task
        if task is not None:
            task.waitForFinished(timeout_ms)
    QCoreApplication.processEvents()


def run_algorithm(
    alg_id: str, parameters: dict, on_done, project: Optional[QgsProject] = None, description: str = ""
) -> AlgorithmRun:
    """Start ``alg_id`` with ``parameters`` as a QGIS task; ``on_done(ok, results, run)`` runs on the main thread."""
    return AlgorithmRun(alg_id, parameters, on_done, project=project, description=description).start()
