"""isrp:mapsheets — one map sheet (PDF page) per district or social space, from print-layout templates.

Threading: the algorithm builds a QgsPrintLayout, adds it and its sheet layers to the project's
layout manager and layer tree (so the layout stays for manual touch-up) and exports it with
QgsLayoutExporter. Layouts and the project's layer tree belong to the main thread, so the
algorithm declares ``FlagNoThreading``: Processing runs it on the main thread (the toolbox and
the "Map sheets…" dialog keep QGIS responsive between pages through the feedback's progress
events, and cancel stops the export between two pages). Working on a cloned project instead
would lose exactly what the user wants to keep: the layout in their project.
"""

import hashlib
from pathlib import Path

from qgis.core import (
    Qgis,
    QgsProcessing,
    QgsProcessingAlgorithm,
    QgsProcessingException,
    QgsProcessingMultiStepFeedback,
    QgsProcessingOutputFile,
    QgsProcessingOutputFolder,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterEnum,
    QgsProcessingParameterExpression,
    QgsProcessingParameterField,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterMultipleLayers,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
    QgsProcessingParameterVectorLayer,
    QgsProject,
)

from ..qgis_io import layouts as L
from ..qgis_io.settings import IsrpSettings
from .base import IsrpAlgorithm


def _first(*getters):
    for getter in getters:
        try:
            return getter()
        except AttributeError:
            continue
    raise AttributeError("enum not found")


NO_THREADING = _first(lambda: Qgis.ProcessingAlgorithmFlag.NoThreading,
                      lambda: QgsProcessingAlgorithm.Flag.FlagNoThreading)
ADVANCED = _first(lambda: Qgis.ProcessingParameterFlag.Advanced,
                  lambda: QgsProcessingParameterDefinition.Flag.FlagAdvanced)
TYPE_POLYGON = _first(lambda: Qgis.ProcessingSourceType.VectorPolygon,
                      lambda: QgsProcessing.SourceType.TypeVectorPolygon)
TYPE_POINT = _first(lambda: Qgis.ProcessingSourceType.VectorPoint, lambda: QgsProcessing.SourceType.TypeVectorPoint)
TYPE_VECTOR = _first(lambda: Qgis.ProcessingSourceType.Vector, lambda: QgsProcessing.SourceType.TypeVector)
TYPE_ANY_GEOMETRY = _first(lambda: Qgis.ProcessingSourceType.VectorAnyGeometry,
                           lambda: QgsProcessing.SourceType.TypeVectorAnyGeometry)
TYPE_FILE = _first(lambda: Qgis.ProcessingSourceType.File, lambda: QgsProcessing.SourceType.TypeFile)
FILE_BEHAVIOUR = _first(lambda: Qgis.ProcessingFileParameterBehavior.File,
                        lambda: QgsProcessingParameterFile.Behavior.File)
NUMBER_INTEGER = _first(lambda: Qgis.ProcessingNumberParameterType.Integer,
                        lambda: QgsProcessingParameterNumber.Type.Integer)
FIELD_ANY = _first(lambda: Qgis.ProcessingFieldParameterDataType.Any,
                   lambda: QgsProcessingParameterField.DataType.Any)

ID_CANDIDATES = ("ot_id", "sozialraum_id", "sr_id", "unit_id", "id", "nr")
NAME_CANDIDATES = ("name", "ortsteil", "sozialraum", "sr_name", "bezeichnung")
SOCIAL_CANDIDATES = ("sozialraum", "sozialraum_name", "sr_name")


def file_digest(path) -> str:
    """sha256 of a file (recorded in the sidecar so a re-run can check it used the same data)."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def layer_record(layer) -> dict:
    if layer is None:
        return None
    return {"name": layer.name(), "source": layer.source(), "provider": layer.providerType(),
            "features": int(layer.featureCount()) if hasattr(layer, "featureCount") else None,
            "crs": layer.crs().authid() if layer.crs().isValid() else ""}


class MapSheetsAlgorithm(IsrpAlgorithm):
    UNITS = "UNITS"
    ID_FIELD = "ID_FIELD"
    NAME_FIELD = "NAME_FIELD"
    SOCIAL_SPACE_FIELD = "SOCIAL_SPACE_FIELD"
    FILTER = "FILTER"
    ATLAS = "ATLAS"
    ATLAS_MAPPING = "ATLAS_MAPPING"
    MAPPING_FROM = "MAPPING_FROM"
    MAPPING_TO = "MAPPING_TO"
    MAP_INDICATOR = "MAP_INDICATOR"
    INDICATOR_LAYER = "INDICATOR_LAYER"
    FACILITIES = "FACILITIES"
    MEASURES = "MEASURES"
    CONTEXT = "CONTEXT"
    TEMPLATE = "TEMPLATE"
    TEMPLATE_FILE = "TEMPLATE_FILE"
    LANGUAGE = "LANGUAGE"
    MODE = "MODE"
    PNG = "PNG"
    CITY_NAME = "CITY_NAME"
    ORGANISATION = "ORGANISATION"
    STANDARD = "STANDARD"
    CATCHMENT = "CATCHMENT"
    METHOD = "METHOD"
    DATA_DATE = "DATA_DATE"
    SOURCE_NOTE = "SOURCE_NOTE"
    THRESHOLD = "THRESHOLD"
    MIN_POPULATION = "MIN_POPULATION"
    INCLUDE_REJECTED = "INCLUDE_REJECTED"
    OUTPUT = "OUTPUT"
    PAGES = "PAGES"
    LAYOUT = "LAYOUT"
    DATA = "DATA"
    SIDECAR = "SIDECAR"
    PNG_FOLDER = "PNG_FOLDER"

    SIZES = ("a4_portrait", "a3_landscape")
    LANGS = ("de", "en")

    def name(self) -> str:  # noqa: D102
        return "mapsheets"

    def displayName(self) -> str:  # noqa: N802, D102
        return self.tr("Map sheets (PDF per district)")

    def group(self) -> str:  # noqa: D102
        return self.tr("Publish")

    def groupId(self) -> str:  # noqa: N802, D102
        return "publish"

    def flags(self):  # noqa: D102
        return super().flags() | NO_THREADING

    def icon(self):  # noqa: D102
        from qgis.PyQt.QtGui import QIcon

        from ..__about__ import resource_path

        return QIcon(str(resource_path("icons", "mapsheets.svg")))

    def shortHelpString(self) -> str:  # noqa: N802, D102
        return self.tr(
            "Makes one map sheet per district or social space from the print-layout templates shipped with the "
            "plugin (A4 portrait or A3 landscape, German or English): main map with the chosen indicator or "
            "coverage layer, facilities and measures, the area outlined and its neighbours dimmed; locator map, "
            "legend, scale bar, north arrow; a table of the area's key indicators against the city; a bar chart "
            "of the map indicator over the years; the measures in the area (numbered on the map) with their "
            "status; sources and licences (from the layers' metadata), method parameters, page number and date.\n\n"
            "Confidentiality is applied before anything is printed: counts below the threshold, rates computed "
            "from such counts and secondary suppressions print as “.”.\n\n"
            "The layout (“ISRP map sheets – …”) and its layers stay in the project for manual touch-up; the "
            "sheet data are written beside the PDF (<name>_data.gpkg). Every export writes <output>.json with "
            "the plugin version, the inputs and the parameters.\n\n"
            "Runs on the main thread (it edits the project's layouts); cancel stops between two pages."
        )

    def initAlgorithm(self, config=None):  # noqa: N802, D102
        settings = IsrpSettings.load()
        self.addParameter(QgsProcessingParameterVectorLayer(
            self.UNITS, self.tr("Units (districts or social spaces)"), [TYPE_POLYGON]))
        self.addParameter(QgsProcessingParameterField(
            self.ID_FIELD, self.tr("Unit id field (empty: guess, e.g. ot_id)"), None, self.UNITS, FIELD_ANY,
            optional=True))
        self.addParameter(QgsProcessingParameterField(
            self.NAME_FIELD, self.tr("Unit name field (empty: guess, e.g. name)"), None, self.UNITS, FIELD_ANY,
            optional=True))
        self.addParameter(QgsProcessingParameterExpression(
            self.FILTER, self.tr("Only these units (expression; empty: all)"), None, self.UNITS, optional=True))
        self.addParameter(QgsProcessingParameterMultipleLayers(
            self.ATLAS, self.tr("Social-structure atlas (CSV files, one per year, or one long file)"), TYPE_FILE,
            optional=True))
        self.addParameter(QgsProcessingParameterEnum(
            self.MAP_INDICATOR, self.tr("Indicator for map and chart"),
            [self._indicator_label(s) for s in L.KEY_INDICATORS],
            defaultValue=[s.key for s in L.KEY_INDICATORS].index("sgb2_rate")))
        self.addParameter(QgsProcessingParameterVectorLayer(
            self.INDICATOR_LAYER, self.tr("Indicator or coverage layer for the main map (empty: the indicator above)"),
            [TYPE_ANY_GEOMETRY], optional=True))
        self.addParameter(QgsProcessingParameterVectorLayer(
            self.FACILITIES, self.tr("Facilities"), [TYPE_POINT], optional=True))
        self.addParameter(QgsProcessingParameterMultipleLayers(
            self.MEASURES, self.tr("Measure layers"), TYPE_ANY_GEOMETRY, optional=True))
        self.addParameter(QgsProcessingParameterEnum(
            self.TEMPLATE, self.tr("Template"), [self.tr("A4 portrait"), self.tr("A3 landscape")], defaultValue=0))
        self.addParameter(QgsProcessingParameterEnum(
            self.LANGUAGE, self.tr("Language of the sheets"), [self.tr("German"), self.tr("English")],
            defaultValue=0))
        self.addParameter(QgsProcessingParameterEnum(
            self.MODE, self.tr("PDF output"), [self.tr("One multi-page PDF"), self.tr("One PDF per unit")],
            defaultValue=0))
        self.addParameter(QgsProcessingParameterBoolean(
            self.PNG, self.tr("Also write PNG pages for the web (folder <name>_png)"), defaultValue=False))
        self.addParameter(QgsProcessingParameterString(
            self.CITY_NAME, self.tr("City name (column heading of the city values)"), optional=True))
        self.addParameter(QgsProcessingParameterString(
            self.ORGANISATION, self.tr("Publisher shown in the header (empty: city name)"), optional=True))
        self.addParameter(QgsProcessingParameterString(
            self.STANDARD, self.tr("Method: standard (e.g. 65 places per 100 children)"), optional=True))
        self.addParameter(QgsProcessingParameterString(
            self.CATCHMENT, self.tr("Method: catchment (e.g. 500 m walk)"), optional=True))
        self.addParameter(QgsProcessingParameterString(
            self.METHOD, self.tr("Method: procedure (e.g. 2SFCA, network distance)"), optional=True))
        self.addParameter(QgsProcessingParameterString(
            self.DATA_DATE, self.tr("Method: data as of (empty: latest atlas year)"), optional=True))

        advanced = [
            QgsProcessingParameterField(
                self.SOCIAL_SPACE_FIELD, self.tr("Social-space name field of the units (for the subtitle)"), None,
                self.UNITS, FIELD_ANY, optional=True),
            QgsProcessingParameterVectorLayer(
                self.ATLAS_MAPPING, self.tr("Mapping of atlas units to these units (e.g. Ortsteile → social spaces)"),
                [TYPE_VECTOR], optional=True),
            QgsProcessingParameterField(
                self.MAPPING_FROM, self.tr("Mapping: atlas unit id field"), "ot_id", self.ATLAS_MAPPING, FIELD_ANY,
                optional=True),
            QgsProcessingParameterField(
                self.MAPPING_TO, self.tr("Mapping: id field of these units"), "sozialraum_id", self.ATLAS_MAPPING,
                FIELD_ANY, optional=True),
            QgsProcessingParameterMultipleLayers(
                self.CONTEXT, self.tr("Context layers drawn under the facilities (e.g. main roads)"),
                TYPE_ANY_GEOMETRY, optional=True),
            QgsProcessingParameterFile(
                self.TEMPLATE_FILE, self.tr("Own layout template (.qpt with the ISRP item ids)"), FILE_BEHAVIOUR, "qpt",
                optional=True),
            QgsProcessingParameterString(
                self.SOURCE_NOTE, self.tr("Statistics source line (empty: social-structure atlas, statistics office)"),
                optional=True),
            QgsProcessingParameterNumber(
                self.THRESHOLD, self.tr("Confidentiality: suppress counts below"), NUMBER_INTEGER,
                settings.suppression_threshold, minValue=1),
            QgsProcessingParameterNumber(
                self.MIN_POPULATION, self.tr("Mark units with fewer inhabitants than"), NUMBER_INTEGER,
                settings.min_population, minValue=0),
            QgsProcessingParameterBoolean(
                self.INCLUDE_REJECTED, self.tr("List rejected measures too"), defaultValue=False),
        ]
        for param in advanced:
            param.setFlags(param.flags() | ADVANCED)
            self.addParameter(param)
        self.addParameter(QgsProcessingParameterFileDestination(
            self.OUTPUT, self.tr("Map sheets (PDF)"), self.tr("PDF files (*.pdf)")))
        self.addOutput(QgsProcessingOutputNumber(self.PAGES, self.tr("Number of sheets")))
        self.addOutput(QgsProcessingOutputString(self.LAYOUT, self.tr("Layout name in the project")))
        self.addOutput(QgsProcessingOutputFile(self.DATA, self.tr("Sheet data (GeoPackage)")))
        self.addOutput(QgsProcessingOutputFile(self.SIDECAR, self.tr("Parameters and inputs (JSON)")))
        self.addOutput(QgsProcessingOutputFolder(self.PNG_FOLDER, self.tr("PNG pages")))

    @staticmethod
    def _indicator_label(spec) -> str:
        """Indicator names come in German and English with the sheet texts; shown in the UI language."""
        from ..plugin import ui_language

        return spec.label(ui_language())

    @staticmethod
    def _guess(names, candidates, exclude=()):
        folded = {n.casefold(): n for n in names}
        for c in candidates:
            if c in folded and folded[c] not in exclude:
                return folded[c]
        return None

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802, D102
        units = self.parameterAsVectorLayer(parameters, self.UNITS, context)
        if units is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, self.UNITS))
        names = units.fields().names()
        id_field = self.parameterAsString(parameters, self.ID_FIELD, context) or self._guess(names, ID_CANDIDATES)
        if not id_field:
            raise QgsProcessingException(self.tr("Choose the unit id field: none of {0} exists.").format(
                ", ".join(ID_CANDIDATES)))
        name_field = self.parameterAsString(parameters, self.NAME_FIELD, context) or self._guess(
            names, NAME_CANDIDATES, (id_field,)) or id_field
        social_field = self.parameterAsString(parameters, self.SOCIAL_SPACE_FIELD, context)
        if not social_field and id_field.casefold() != "sozialraum_id":
            social_field = self._guess(names, SOCIAL_CANDIDATES, (id_field, name_field)) or ""
        atlas_files = [f for f in self.parameterAsFileList(parameters, self.ATLAS, context) if f]
        for f in atlas_files:
            if not Path(f).is_file():
                raise QgsProcessingException(self.tr("Atlas file not found: {0}").format(f))
        mapping = None
        mapping_layer = self.parameterAsVectorLayer(parameters, self.ATLAS_MAPPING, context)
        if mapping_layer is not None:
            src = self.parameterAsString(parameters, self.MAPPING_FROM, context) or "ot_id"
            dst = self.parameterAsString(parameters, self.MAPPING_TO, context) or "sozialraum_id"
            mnames = mapping_layer.fields().names()
            if src not in mnames or dst not in mnames:
                raise QgsProcessingException(self.tr("The mapping table needs the fields {0} and {1}.").format(
                    src, dst))
            mapping = {}
            for feat in mapping_layer.getFeatures():
                if feat[src] is not None and feat[dst] is not None:
                    mapping[L._key_text(feat[src])] = L._key_text(feat[dst])
        indicator_idx = self.parameterAsEnum(parameters, self.MAP_INDICATOR, context)
        map_indicator = L.KEY_INDICATORS[indicator_idx].key
        size = self.SIZES[self.parameterAsEnum(parameters, self.TEMPLATE, context)]
        lang = self.LANGS[self.parameterAsEnum(parameters, self.LANGUAGE, context)]
        per_unit = self.parameterAsEnum(parameters, self.MODE, context) == 1
        png = self.parameterAsBool(parameters, self.PNG, context)
        output = self.parameterAsFileOutput(parameters, self.OUTPUT, context)
        if not output:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.OUTPUT))
        if not output.lower().endswith(".pdf"):
            output += ".pdf"
        template_file = self.parameterAsFile(parameters, self.TEMPLATE_FILE, context)
        if template_file and not Path(template_file).is_file():
            raise QgsProcessingException(self.tr("Template not found: {0}").format(template_file))
        measure_layers = self.parameterAsLayerList(parameters, self.MEASURES, context)
        context_layers = self.parameterAsLayerList(parameters, self.CONTEXT, context)
        project = context.project() or QgsProject.instance()

        job = L.MapSheetJob(
            project=project, units=units, id_field=id_field, name_field=name_field, output=Path(output),
            social_space_field=social_field or "",
            filter_expression=self.parameterAsExpression(parameters, self.FILTER, context) or "",
            atlas_files=atlas_files, atlas_mapping=mapping, map_indicator=map_indicator,
            indicator_layer=self.parameterAsVectorLayer(parameters, self.INDICATOR_LAYER, context),
            facilities=self.parameterAsVectorLayer(parameters, self.FACILITIES, context),
            measure_layers=measure_layers, context_layers=context_layers, size=size, template_file=template_file or "",
            lang=lang, per_unit=per_unit, png=png,
            threshold=self.parameterAsInt(parameters, self.THRESHOLD, context),
            min_population=self.parameterAsInt(parameters, self.MIN_POPULATION, context),
            city_name=self.parameterAsString(parameters, self.CITY_NAME, context),
            organisation=self.parameterAsString(parameters, self.ORGANISATION, context),
            standard=self.parameterAsString(parameters, self.STANDARD, context),
            catchment=self.parameterAsString(parameters, self.CATCHMENT, context),
            method=self.parameterAsString(parameters, self.METHOD, context),
            data_date=self.parameterAsString(parameters, self.DATA_DATE, context),
            source_note=self.parameterAsString(parameters, self.SOURCE_NOTE, context),
            include_rejected=self.parameterAsBool(parameters, self.INCLUDE_REJECTED, context),
        )
        feedback.pushInfo(self.tr("Units: {0} (id {1}, name {2}); template {3}, language {4}").format(
            units.name(), id_field, name_field, size, lang))
        steps = QgsProcessingMultiStepFeedback(2, feedback)
        try:
            result = L.make_map_sheets(job, steps)
        except InterruptedError:
            feedback.reportError(self.tr("Canceled: the PDF is incomplete."))
            return {}
        except (ValueError, OSError, RuntimeError) as exc:
            raise QgsProcessingException(str(exc)) from exc
        for warning in result.warnings:
            if hasattr(feedback, "pushWarning"):
                feedback.pushWarning(warning)
            else:
                feedback.reportError(warning)
        stats = result.stats
        feedback.pushInfo(self.tr("{0} sheets written; {1} measures; {2} cells suppressed, {3} secondary").format(
            result.pages, result.n_measures, stats.n_suppressed, stats.n_secondary))
        feedback.pushInfo(self.tr("Layout in the project: {0}").format(result.layout_name))

        from qgis.core import Qgis as _Qgis

        inputs = {
            "units": layer_record(units),
            "indicator_layer": layer_record(job.indicator_layer),
            "facilities": layer_record(job.facilities),
            "measures": [layer_record(lyr) for lyr in measure_layers],
            "context": [layer_record(lyr) for lyr in context_layers],
            "atlas": [{"path": str(f), "sha256": file_digest(f)} for f in atlas_files],
            "template": str(Path(template_file) if template_file else L.template_path(size, lang)),
        }
        outputs = {
            "pdf": [str(p) for p in result.pdfs], "png": [str(p) for p in result.pngs],
            "data": str(result.data_path), "charts": str(result.chart_dir), "layout": result.layout_name,
            "pages": result.pages,
        }
        extra = {
            "resolved": {"id_field": id_field, "name_field": name_field, "social_space_field": social_field,
                         "map_indicator": map_indicator, "template": size, "language": lang,
                         "per_unit": per_unit},
            "confidentiality": {"threshold": job.threshold, "min_population": job.min_population,
                                "suppressed_primary": stats.n_suppressed, "suppressed_secondary": stats.n_secondary,
                                "no_value_in_source": stats.n_unknown,
                                "statistics_year": stats.year},
            "warnings": result.warnings,
        }
        sidecar = L.write_sidecar(output, "isrp:mapsheets", parameters, inputs, outputs, extra,
                                  qgis_version=_Qgis.QGIS_VERSION)
        png_folder = str(Path(output).parent / (Path(output).stem + "_png")) if png else ""
        return {self.OUTPUT: output, self.PAGES: result.pages, self.LAYOUT: result.layout_name,
                self.DATA: str(result.data_path), self.SIDECAR: str(sidecar), self.PNG_FOLDER: png_folder}
