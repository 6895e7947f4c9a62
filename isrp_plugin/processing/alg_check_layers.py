"""isrp:checklayers — are the layers of a project fit for the analyses?"""

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsFeatureSink,
    QgsFields,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterCrs,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterMultipleLayers,
    QgsVectorLayer,
    QgsWkbTypes,
)

from ..qgis_io.compat import make_field
from .base import IsrpAlgorithm


class CheckLayersAlgorithm(IsrpAlgorithm):
    LAYERS = "LAYERS"
    EXPECTED_CRS = "EXPECTED_CRS"
    OUTPUT = "OUTPUT"
    LAYERS_WITH_PROBLEMS = "LAYERS_WITH_PROBLEMS"

    def name(self) -> str:  # noqa: D102
        return "checklayers"

    def displayName(self) -> str:  # noqa: N802, D102
        return self.tr("Check layers")

    def group(self) -> str:  # noqa: D102
        return self.tr("Project")

    def groupId(self) -> str:  # noqa: N802, D102
        return "project"

    def shortHelpString(self) -> str:  # noqa: N802, D102
        return self.tr(
            "Checks that layers can be used for the ISRP analyses: the layer is valid, "
            "its CRS is the expected projected CRS, and its geometries are valid and not empty.\n\n"
            "Output table, one row per layer: layer (name), source, valid (1/0), "
            "features (count), crs (authority id), geometry (type), "
            "invalid_geom (number of invalid geometries), empty_geom (number of empty or missing "
            "geometries), problems (a readable summary, empty when everything is fine)."
        )

    def initAlgorithm(self, config=None):  # noqa: N802, D102
        self.addParameter(
            QgsProcessingParameterMultipleLayers(self.LAYERS, self.tr("Layers"), QgsProcessing.SourceType.TypeMapLayer)
        )
        self.addParameter(
            QgsProcessingParameterCrs(
                self.EXPECTED_CRS, self.tr("Expected CRS"), QgsCoordinateReferenceSystem("EPSG:25832"), optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(self.OUTPUT, self.tr("Layer check"), QgsProcessing.SourceType.TypeVector)
        )
        self.addOutput(QgsProcessingOutputNumber(self.LAYERS_WITH_PROBLEMS, self.tr("Layers with problems")))

    @staticmethod
    def output_fields() -> QgsFields:
        out = QgsFields()
        for name, kind in (
            ("layer", "string"),
            ("source", "string"),
            ("valid", "int"),
            ("features", "int64"),
            ("crs", "string"),
            ("geometry", "string"),
            ("invalid_geom", "int"),
            ("empty_geom", "int"),
            ("problems", "string"),
        ):
            out.append(make_field(name, kind))
        return out

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802, D102
        layers = self.parameterAsLayerList(parameters, self.LAYERS, context)
        expected = self.parameterAsCrs(parameters, self.EXPECTED_CRS, context)
        fields = self.output_fields()
        sink, dest_id = self.parameterAsSink(
            parameters, self.OUTPUT, context, fields, QgsWkbTypes.Type.NoGeometry, QgsCoordinateReferenceSystem()
        )
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.OUTPUT))
        total = max(len(layers), 1)
        bad_layers = 0
        for i, layer in enumerate(layers):
            if feedback.isCanceled():
                break
            problems = []
            valid = bool(layer.isValid())
            if not valid:
                problems.append(self.tr("layer is not valid (source missing or unreadable)"))
            crs_id = layer.crs().authid() if layer.crs().isValid() else ""
            if (
                valid
                and expected.isValid()
                and layer.crs() != expected
                and isinstance(layer, QgsVectorLayer)
                and layer.isSpatial()
            ):
                problems.append(self.tr("CRS is {0}, expected {1}").format(crs_id or "?", expected.authid()))
            n_features, n_invalid, n_empty, geom_name = 0, 0, 0, ""
            if valid and isinstance(layer, QgsVectorLayer):
                n_features = layer.featureCount()
                if layer.isSpatial():
                    geom_name = QgsWkbTypes.displayString(layer.wkbType())
                    bad_ids = []
                    for feat in layer.getFeatures():
                        geom = feat.geometry()
                        if geom is None or geom.isEmpty():
                            n_empty += 1
                            bad_ids.append(feat.id())
                        elif not geom.isGeosValid():
                            n_invalid += 1
                            bad_ids.append(feat.id())
                    if n_invalid:
                        problems.append(self.tr("{0} invalid geometries").format(n_invalid))
                    if n_empty:
                        problems.append(self.tr("{0} empty geometries").format(n_empty))
                    if bad_ids:
                        problems.append(self.tr("feature ids: {0}").format(", ".join(map(str, bad_ids[:20]))))
                else:
                    geom_name = self.tr("table")
            if problems:
                bad_layers += 1
                feedback.reportError(self.tr("Layer “{0}”: {1}").format(layer.name(), "; ".join(problems)))
            else:
                feedback.pushInfo(
                    self.tr("Layer “{0}”: {1} features, {2}, OK").format(layer.name(), n_features, crs_id or "-")
                )
            feat = QgsFeature(fields)
            feat.setAttributes(
                [
                    layer.name(),
                    layer.source(),
                    int(valid),
                    n_features,
                    crs_id,
                    geom_name,
                    n_invalid,
                    n_empty,
                    "; ".join(problems),
                ]
            )
            sink.addFeature(feat, QgsFeatureSink.Flag.FastInsert)
            feedback.setProgress(100.0 * (i + 1) / total)
        return {self.OUTPUT: dest_id, self.LAYERS_WITH_PROBLEMS: bad_layers}
