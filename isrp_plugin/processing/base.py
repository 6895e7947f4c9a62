"""Base class for all ISRP Processing algorithms."""

from qgis.core import QgsProcessingAlgorithm
from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtGui import QIcon

from ..__about__ import resource_path


class IsrpAlgorithm(QgsProcessingAlgorithm):
    """Common plumbing: translation context = class name, fresh instances, icon.

    Subclasses call ``self.tr()`` only in their own methods so that the
    translation context (the subclass's name) matches what pylupdate extracts.
    """

    def tr(self, message: str) -> str:  # noqa: D102
        return QCoreApplication.translate(type(self).__name__, message)

    def createInstance(self):  # noqa: N802, D102
        return type(self)()

    def icon(self) -> QIcon:  # noqa: D102
        return QIcon(str(resource_path("icons", "isrp.svg")))
