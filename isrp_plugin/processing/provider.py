"""The ISRP Processing provider (id ``isrp``)."""

from qgis.core import QgsProcessingProvider
from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtGui import QIcon

from ..__about__ import PROVIDER_ID, VERSION, resource_path


def algorithm_classes():
    """Every algorithm the provider offers; one module per algorithm."""
    from .alg_accessibility import AccessibilityAlgorithm
    from .alg_accessibility_by_unit import AccessibilityByUnitAlgorithm
    from .alg_aggregateunits import AggregateUnitsAlgorithm
    from .alg_catchments import CatchmentsAlgorithm
    from .alg_check_layers import CheckLayersAlgorithm
    from .alg_coverage import CoverageAlgorithm
    from .alg_loadatlas import LoadAtlasAlgorithm
    from .alg_locationsuggest import LocationSuggestAlgorithm
    from .alg_mapsheets import MapSheetsAlgorithm
    from .alg_measureplan import MeasurePlanAlgorithm
    from .alg_priorities import PrioritiesAlgorithm
    from .alg_scenario import ScenarioAlgorithm
    from .alg_similardistricts import SimilarDistrictsAlgorithm
    from .alg_socialindex import SocialIndexAlgorithm
    from .alg_suppress import SuppressAlgorithm

    return [CheckLayersAlgorithm, AccessibilityAlgorithm, AccessibilityByUnitAlgorithm, CatchmentsAlgorithm,
            MapSheetsAlgorithm, MeasurePlanAlgorithm, LocationSuggestAlgorithm, ScenarioAlgorithm,
            CoverageAlgorithm, PrioritiesAlgorithm,
            LoadAtlasAlgorithm, AggregateUnitsAlgorithm, SocialIndexAlgorithm, SuppressAlgorithm,
            SimilarDistrictsAlgorithm]


class IsrpProvider(QgsProcessingProvider):
    def id(self) -> str:  # noqa: D102
        return PROVIDER_ID

    def name(self) -> str:  # noqa: D102
        return QCoreApplication.translate("IsrpProvider", "ISRP")

    def longName(self) -> str:  # noqa: N802, D102
        return QCoreApplication.translate("IsrpProvider", "ISRP – social-space planning") + f" {VERSION}"

    def icon(self) -> QIcon:  # noqa: D102
        return QIcon(str(resource_path("icons", "isrp.svg")))

    def loadAlgorithms(self) -> None:  # noqa: N802, D102
        for cls in algorithm_classes():
            self.addAlgorithm(cls())
