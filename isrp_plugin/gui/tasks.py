"""Run ISRP Processing algorithms in the background from docks and map tools.

Docks never compute: they call an algorithm by id through :func:`run_algorithm`, which uses
QGIS's own QgsProcessingAlgRunnerTask, so progress shows in the task manager and cancel works.
The callback runs on the main thread once the task has finished.
"""

from typing import Callable, Optional

from qgis.core import (
    QgsApplication,
    QgsProcessingAlgRunnerTask,
    QgsProcessingContext,
    QgsProcessingFeedback,
    QgsProject,
)


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
        self.feedback = QgsProcessingFeedback()
        self.feedback.progressChanged.connect(self._progress)
        self.progress = 0.0
        self._on_done = on_done
        self.task = QgsProcessingAlgRunnerTask(alg, parameters, self.context, self.feedback)
        if description:
            self.task.setDescription(description)
        self.task.executed.connect(self._executed)

    def _progress(self, value: float) -> None:
        self.progress = value

    def start(self) -> "AlgorithmRun":
        _RUNNING.add(self)
        QgsApplication.taskManager().addTask(self.task)
        return self

    def cancel(self) -> None:
        self.feedback.cancel()
        if self.task is not None:
            self.task.cancel()

    def take_layer(self, value):
        """The output layer for an output value (a layer id in the context's temporary store or a path)."""
        from qgis.core import QgsProcessingUtils

        return QgsProcessingUtils.mapLayerFromString(str(value), self.context)

    def _executed(self, ok: bool, results: dict) -> None:
        _RUNNING.discard(self)
        try:
            self._on_done(bool(ok), results or {}, self)
        finally:
            self.task = None


_RUNNING = set()


def run_algorithm(
    alg_id: str, parameters: dict, on_done, project: Optional[QgsProject] = None, description: str = ""
) -> AlgorithmRun:
    """Start ``alg_id`` with ``parameters`` as a QGIS task; ``on_done(ok, results, run)`` runs on the main thread."""
    return AlgorithmRun(alg_id, parameters, on_done, project=project, description=description).start()
