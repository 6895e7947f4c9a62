"""isrp:loadatlas — district polygons + indicator tables → one atlas layer.

All reading, checking and matching is done by :mod:`isrp_plugin.core.atlas_tables`; this module
only gathers the inputs (CSV files, spreadsheets through GDAL, table layers of the project), turns
the tidy result into fields and features, and reports what happened.
"""

from __future__ import annotations

import csv
import json
import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pandas as pd
from qgis.core import (
    Qgis,
    QgsCoordinateTransform,
    QgsFields,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterCrs,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterMultipleLayers,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
    QgsSettings,
    QgsWkbTypes,
)

from ..core import atlas_tables as at
from ..core.indicators import IndicatorCatalogueError, compute_rates
from ..qgis_io import project_store
from ..qgis_io.compat import make_field
from ..qgis_io.layers import (
    analysis_crs,
    layer_rows,
    open_spreadsheet,
    read_units,
    table_text,
    threaded_sink_ok,
    variant_rows,
    write_features,
)
from .base import IsrpAlgorithm


def _first(*getters):
    for getter in getters:
        try:
            return getter()
        except AttributeError:
            continue
    raise AttributeError("enum not found")


# Enums that moved from QgsProcessing* to Qgis in QGIS 3.36 (the old names are gone in QGIS 4).
ADVANCED = _first(lambda: Qgis.ProcessingParameterFlag.Advanced,
                  lambda: QgsProcessingParameterDefinition.Flag.FlagAdvanced)
TYPE_POLYGON = _first(lambda: Qgis.ProcessingSourceType.VectorPolygon,
                      lambda: QgsProcessing.SourceType.TypeVectorPolygon)
TYPE_VECTOR = _first(lambda: Qgis.ProcessingSourceType.Vector, lambda: QgsProcessing.SourceType.TypeVector)
TYPE_ANY_GEOMETRY = _first(lambda: Qgis.ProcessingSourceType.VectorAnyGeometry,
                           lambda: QgsProcessing.SourceType.TypeVectorAnyGeometry)
TYPE_FILE = _first(lambda: Qgis.ProcessingSourceType.File, lambda: QgsProcessing.SourceType.TypeFile)
NUMBER_INTEGER = _first(lambda: Qgis.ProcessingNumberParameterType.Integer,
                        lambda: QgsProcessingParameterNumber.Type.Integer)
NUMBER_DOUBLE = _first(lambda: Qgis.ProcessingNumberParameterType.Double,
                       lambda: QgsProcessingParameterNumber.Type.Double)
NO_GEOMETRY = _first(lambda: Qgis.WkbType.NoGeometry, lambda: QgsWkbTypes.Type.NoGeometry)
FIELD_ANY = _first(lambda: Qgis.ProcessingFieldParameterDataType.Any,
                   lambda: QgsProcessingParameterField.DataType.Any)
FIELD_NUMERIC = _first(lambda: Qgis.ProcessingFieldParameterDataType.Numeric,
                       lambda: QgsProcessingParameterField.DataType.Numeric)

SPREADSHEET_SUFFIXES = (".xlsx", ".xls", ".ods")
READ_THREADS = 2  # CSV files parsed at the same time
NAME_COLUMN_CANDIDATES = (
    "name", "unit_name", "district_name", "stadtteil", "stadtteilname", "ortsteil", "ortsteilname",
    "sozialraum", "gebiet", "gebietsname", "bezeichnung", "stadtbezirk", "planungsraum", "plr_name",
)
DELIMITERS = (None, ";", ",", "\t", "|")
DECIMALS = (None, ",", ".")
LAYOUTS = ("auto", "wide", "long")
YEAR_SUFFIX = re.compile(r"^(?P<base>.+)_(?P<year>(?:19|20)\d{2})$")
CHANGE_SUFFIX = re.compile(r"^(?P<base>.+)_chg_(?P<y0>\d{4})_(?P<y1>\d{4})$")


def ui_language() -> str:
    """Two-letter UI language (QGIS's override, else the system locale)."""
    from qgis.PyQt.QtCore import QLocale

    s = QgsSettings()
    loc = s.value("locale/userLocale", "", type=str) if s.value("locale/overrideFlag", False, type=bool) else ""
    return (loc or QLocale.system().name() or "en")[:2]


def field_base(header: str, normalised: str = None) -> str:
    """A short field name for a column header: ``"Anteil Alleinerziehende in %"`` → ``anteil_alleinerziehende``.

    ``normalised``: the header after :func:`~isrp_plugin.core.atlas_tables.normalise_name`, if already known.
    """
    s = normalised if normalised is not None else str(at.normalise_name([header])[0])
    s = re.sub(r"\s*(?:in\s*%|\(\s*%\s*\)|in prozent)\s*$", "", s)
    s = s.replace("%", " pct ")
    s = re.sub(r"[^a-z0-9]+", "_", s).strip("_")
    if not s:
        s = "indicator"
    if s[0].isdigit():
        s = "i_" + s
    return s[:48].rstrip("_")


def guess_unit(header: str) -> str:
    """Unit from the wording of a header (``in %`` → ``%``, ``je 1.000`` → ``per 1000``), else ``""``."""
    h = str(header).casefold()
    if "%" in h or "prozent" in h or "anteil" in h or "quote" in h:
        return "%"
    if "je 1.000" in h or "je 1000" in h or "promille" in h or "‰" in h:
        return "per 1000"
    if "in jahren" in h:
        return "years"
    return ""


def parse_aliases(text: str) -> dict:
    """``{"header": "id"}`` JSON, or lines/semicolon-separated ``header=id`` pairs."""
    text = (text or "").strip()
    if not text:
        return {}
    if text.startswith("{"):
        data = json.loads(text)
        return {str(k): str(v) for k, v in data.items()}
    out = {}
    for part in re.split(r"[\n;]+", text):
        if "=" in part:
            k, v = part.rsplit("=", 1)
            if k.strip() and v.strip():
                out[k.strip()] = v.strip()
    return out


def split_year_field(name: str):
    """``("sgb2_rate", 2022)`` for ``sgb2_rate_2022``; ``(name, None)`` when there is no year suffix."""
    m = YEAR_SUFFIX.match(name)
    return (m.group("base"), int(m.group("year"))) if m else (name, None)


def _ordered(wide: pd.DataFrame, order: list, extra: dict) -> pd.DataFrame:
    """The columns ``order`` of ``wide`` and ``extra`` (name → values) as one float matrix.

    Filled by runs of consecutive columns (slice copies, e.g. the years of one indicator), one pass
    without intermediate frames of ten million values.
    """
    if list(wide.columns) == order and not extra:
        return wide
    position = {c: j for j, c in enumerate(wide.columns)}
    values = wide.to_numpy(dtype=float)
    out = np.empty((len(wide), len(order)))
    k = 0
    while k < len(order):
        c = order[k]
        if c not in position:
            out[:, k] = extra[c]
            k += 1
            continue
        start, src = k, position[c]
        while k + 1 < len(order) and position.get(order[k + 1]) == src + (k + 1 - start):
            k += 1
        out[:, start : k + 1] = values[:, src : src + k + 1 - start]
        k += 1
    return pd.DataFrame(out, index=wide.index, columns=order, copy=False)


class _Options:
    def __init__(self, **kw):
        self.__dict__.update(kw)


class LoadAtlasAlgorithm(IsrpAlgorithm):
    DISTRICTS = "DISTRICTS"
    ID_FIELD = "ID_FIELD"
    NAME_FIELD = "NAME_FIELD"
    FILES = "FILES"
    TABLES = "TABLES"
    MATCH = "MATCH"
    LAYOUT = "LAYOUT"
    KEY_COLUMN = "KEY_COLUMN"
    NAME_COLUMN = "NAME_COLUMN"
    YEAR = "YEAR"
    ENCODING = "ENCODING"
    DELIMITER = "DELIMITER"
    DECIMAL = "DECIMAL"
    PREFIX = "PREFIX"
    OUTPUT_LAYOUT = "OUTPUT_LAYOUT"
    CHANGES = "CHANGES"
    CHANGE_FROM = "CHANGE_FROM"
    CHANGE_TO = "CHANGE_TO"
    COMPUTE_RATES = "COMPUTE_RATES"
    FIELD_NAMES = "FIELD_NAMES"
    ALIASES = "ALIASES"
    TARGET_CRS = "TARGET_CRS"
    OUTPUT = "OUTPUT"
    INDICATORS = "INDICATORS"
    YEARS = "YEARS"
    SOURCES = "SOURCES"
    REPORT = "REPORT"
    UNMATCHED_ROWS = "UNMATCHED_ROWS"
    UNMATCHED_DISTRICTS = "UNMATCHED_DISTRICTS"
    INVALID_CELLS = "INVALID_CELLS"

    def name(self) -> str:  # noqa: D102
        return "loadatlas"

    def displayName(self) -> str:  # noqa: N802, D102
        return self.tr("Load social-structure atlas")

    def group(self) -> str:  # noqa: D102
        return self.tr("Atlas")

    def groupId(self) -> str:  # noqa: N802, D102
        return "atlas"

    def shortHelpString(self) -> str:  # noqa: N802, D102
        return self.tr(
            "Joins indicator tables of the statistics office to district polygons.\n\n"
            "Tables: CSV files in any delimiter (; , tab |), decimal comma or point, thousands separators "
            "and encoding (UTF-8, UTF-16, Windows-1252; detected unless set), XLSX/ODS spreadsheets (first "
            "sheet, read through GDAL) and table layers of the project. Layout wide (one column per "
            "indicator, the year from a column such as 'Jahr', from the file name or from the Year "
            "parameter) or long (unit, year, indicator, value). '.' = suppressed and empty cells become "
            "NULL, '-' = 0; any other text in a number column becomes NULL and is reported with column, "
            "row and value.\n\n"
            "Matching: by id as text ('01' is not '1'), by id ignoring leading zeros, or by name "
            "(case, umlauts/ß, spaces and hyphens ignored). Every table row without district and every "
            "district without data is reported by name. Duplicate ids in the districts or the tables "
            "stop the algorithm with a message naming them.\n\n"
            "Output: one feature per district with its attributes plus one field per indicator and year, "
            "named <indicator>_<year> (double; NULL where missing or suppressed), or in long layout one "
            "feature per district and year with a field 'year'. Indicators known to the catalogue (or "
            "through aliases: column header → indicator id) are named by their id, others by a short "
            "form of the header; the field alias holds the header and year. Optional: "
            "<indicator>_chg_<from>_<to> = value(to) − value(from), in the indicator's unit (percentage "
            "points for rates in %), and catalogue rates computed from loaded counts.\n\n"
            "CRS: a district layer in a geographic CRS (degrees) is reprojected to the Target CRS, by "
            "default the project CRS if it is projected, else the UTM zone of the districts; a warning "
            "says so. Map sheets, areas and the distance analyses need metres."
        )

    def initAlgorithm(self, config=None):  # noqa: N802, D102
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.DISTRICTS, self.tr("District polygons"), [TYPE_POLYGON]))
        self.addParameter(QgsProcessingParameterField(
            self.ID_FIELD, self.tr("District id field"), None, self.DISTRICTS, FIELD_ANY))
        self.addParameter(QgsProcessingParameterField(
            self.NAME_FIELD, self.tr("District name field"), None, self.DISTRICTS, FIELD_ANY, optional=True))
        self.addParameter(QgsProcessingParameterMultipleLayers(
            self.FILES, self.tr("Indicator tables (CSV, XLSX, ODS files)"), TYPE_FILE, optional=True))
        self.addParameter(QgsProcessingParameterMultipleLayers(
            self.TABLES, self.tr("Indicator tables (table layers of the project)"), TYPE_VECTOR, optional=True))
        self.addParameter(QgsProcessingParameterEnum(
            self.MATCH, self.tr("Match table rows to districts"),
            [self.tr("by id (text, exact)"), self.tr("by id, ignoring leading zeros"),
             self.tr("by name (normalised)")], defaultValue=0))
        self.addParameter(QgsProcessingParameterEnum(
            self.LAYOUT, self.tr("Table layout"),
            [self.tr("detect"), self.tr("wide (one column per indicator)"),
             self.tr("long (unit, year, indicator, value)")], defaultValue=0))
        self.addParameter(QgsProcessingParameterEnum(
            self.OUTPUT_LAYOUT, self.tr("Output layout"),
            [self.tr("one feature per district, fields <indicator>_<year>"),
             self.tr("one feature per district and year")], defaultValue=0))
        self.addParameter(QgsProcessingParameterBoolean(
            self.CHANGES, self.tr("Add change fields <indicator>_chg_<from>_<to>"), defaultValue=True))
        advanced = [
            QgsProcessingParameterString(
                self.KEY_COLUMN, self.tr("Key column in the tables (empty: first column)"), optional=True),
            QgsProcessingParameterString(
                self.NAME_COLUMN, self.tr("Name column in the tables (empty: detect)"), optional=True),
            QgsProcessingParameterNumber(
                self.YEAR, self.tr("Year of wide tables without year column or year in the file name"),
                NUMBER_INTEGER, optional=True, minValue=1900, maxValue=2100),
            QgsProcessingParameterString(
                self.ENCODING, self.tr("Encoding (empty: detect; e.g. utf-8, cp1252)"), optional=True),
            QgsProcessingParameterEnum(
                self.DELIMITER, self.tr("Delimiter"),
                [self.tr("detect"), ";", ",", self.tr("tab"), "|"], defaultValue=0),
            QgsProcessingParameterEnum(
                self.DECIMAL, self.tr("Decimal separator"),
                [self.tr("detect"), self.tr("comma (1.234,5)"), self.tr("point (1,234.5)")], defaultValue=0),
            QgsProcessingParameterEnum(
                self.PREFIX, self.tr("Prefix indicator names with the file name"),
                [self.tr("never (the same unit, year and indicator in two tables is an error)"),
                 self.tr("where the same indicator and year occur in several tables"), self.tr("always")],
                defaultValue=0),
            QgsProcessingParameterNumber(
                self.CHANGE_FROM, self.tr("Change fields: from year (empty: first year)"), NUMBER_INTEGER,
                optional=True, minValue=1900, maxValue=2100),
            QgsProcessingParameterNumber(
                self.CHANGE_TO, self.tr("Change fields: to year (empty: last year)"), NUMBER_INTEGER,
                optional=True, minValue=1900, maxValue=2100),
            QgsProcessingParameterBoolean(
                self.COMPUTE_RATES, self.tr("Compute catalogue rates from loaded counts"), defaultValue=False),
            QgsProcessingParameterEnum(
                self.FIELD_NAMES, self.tr("Field names"),
                [self.tr("indicator ids where the column is known, else short column names"),
                 self.tr("short column names")], defaultValue=0),
            QgsProcessingParameterString(
                self.ALIASES, self.tr("Aliases: column header=indicator id (one per line, or JSON)"),
                multiLine=True, optional=True),
            QgsProcessingParameterCrs(
                self.TARGET_CRS, self.tr("Target CRS for districts in a geographic CRS (empty: automatic)"),
                optional=True),
        ]
        for p in advanced:
            p.setFlags(p.flags() | ADVANCED)
            self.addParameter(p)
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.OUTPUT, self.tr("Atlas"), TYPE_POLYGON))
        self.addOutput(QgsProcessingOutputString(self.INDICATORS, self.tr("Indicators (JSON)")))
        self.addOutput(QgsProcessingOutputString(self.YEARS, self.tr("Years")))
        self.addOutput(QgsProcessingOutputString(self.SOURCES, self.tr("How the tables were read (JSON)")))
        self.addOutput(QgsProcessingOutputString(self.REPORT, self.tr("Report")))
        self.addOutput(QgsProcessingOutputNumber(self.UNMATCHED_ROWS, self.tr("Table rows without district")))
        self.addOutput(QgsProcessingOutputNumber(self.UNMATCHED_DISTRICTS, self.tr("Districts without data")))
        self.addOutput(QgsProcessingOutputNumber(self.INVALID_CELLS, self.tr("Non-numeric cells")))

    # ------------------------------------------------------------------------------------ main thread
    def prepareAlgorithm(self, parameters, context, feedback):  # noqa: N802, D102
        """Read table layers and the project's aliases/indicators on the main thread."""
        self._tables = []
        for layer in self.parameterAsLayerList(parameters, self.TABLES, context) or []:
            names, rows = layer_rows(layer)
            self._tables.append((layer.name(), names, rows))
        project = context.project()
        self._aliases = dict(project_store.DEFAULT_ALIASES)
        self._user_indicators = []
        if project is not None:
            try:
                self._aliases = project_store.load_aliases(project)
                self._user_indicators = project_store.load_user_indicators(project)
            except IndicatorCatalogueError as exc:
                feedback.pushWarning(self.tr("Project indicator definitions ignored: {0}").format(exc))
        return True

    def postProcessAlgorithm(self, context, feedback):  # noqa: N802, D102
        """Main thread: field aliases (header + year) and the indicator metadata on the output layer."""
        from qgis.core import QgsProcessingUtils

        post = getattr(self, "_post", None)
        if not post:
            return {}
        dest_id, aliases, meta, id_field, name_field = post
        layer = QgsProcessingUtils.mapLayerFromString(dest_id, context)
        if layer is not None:
            fields = layer.fields()
            for name, alias in aliases.items():
                i = fields.lookupField(name)
                if i >= 0:
                    layer.setFieldAlias(i, alias)
            layer.setCustomProperty("isrp/atlas_indicators", meta)
            layer.setCustomProperty("isrp/atlas_id_field", id_field)
            layer.setCustomProperty("isrp/atlas_name_field", name_field)
        return {}

    # ------------------------------------------------------------------------------------ reading
    def _options(self, parameters, context):
        key = (self.parameterAsString(parameters, self.KEY_COLUMN, context) or "").strip() or None
        name = (self.parameterAsString(parameters, self.NAME_COLUMN, context) or "").strip() or None
        year = parameters.get(self.YEAR)
        year = self.parameterAsInt(parameters, self.YEAR, context) if year not in (None, "") else None
        enc = (self.parameterAsString(parameters, self.ENCODING, context) or "").strip() or None
        return _Options(
            key_column=key,
            name_column=name,
            year=year or None,
            encoding=enc,
            delimiter=DELIMITERS[self.parameterAsEnum(parameters, self.DELIMITER, context)],
            decimal=DECIMALS[self.parameterAsEnum(parameters, self.DECIMAL, context)],
            layout=LAYOUTS[self.parameterAsEnum(parameters, self.LAYOUT, context)],
        )

    @staticmethod
    def _header(text: str, delimiter: str) -> list:
        """The cells of the first non-blank line (splitting a growing head of the text, not all of it)."""
        size = 1 << 16
        while True:
            lines = text[:size].splitlines()
            complete = size >= len(text)
            for line in lines if complete else lines[:-1]:  # the last line of a head may be cut
                if line.strip():
                    return [h.strip().lstrip("\ufeff") for h in next(csv.reader([line], delimiter=delimiter))]
            if complete:
                return []
            size *= 4

    def _read_text(self, text: str, name: str, encoding_used: str, opts, number_format=None) -> at.AtlasTable:
        delimiter = opts.delimiter
        if delimiter is None:
            delimiter = at.sniff_delimiter(text, file=name)
        header = self._header(text, delimiter)
        if len(header) < 2:
            try:
                found = at.sniff_delimiter(text, file=name)
            except at.AtlasInputError:
                found = None
            shown = "tab" if delimiter == "\t" else f"'{delimiter}'"
            hint = (f" The file seems to use {'tab' if found == chr(9) else repr(found)}; choose that delimiter "
                    "or 'detect'.") if found else " Check the delimiter."
            raise at.DelimiterError(f"the delimiter {shown} splits the header into one column only.{hint}",
                                    file=name, row=1)
        key = opts.key_column or header[0]
        name_col = opts.name_column
        if name_col is None:
            lookup = {h.casefold(): h for h in header if h != key}
            name_col = next((lookup[c] for c in NAME_COLUMN_CANDIDATES if c in lookup), None)
        return at.read_atlas_text(
            text,
            source_name=name,
            key_column=key,
            name_column=name_col,
            layout=opts.layout,
            year=opts.year,
            delimiter=delimiter,
            decimal=None if number_format is not None else opts.decimal,
            number_format=number_format,
            encoding_used=encoding_used,
        )

    def _read_file(self, path: str, opts, feedback) -> at.AtlasTable:
        p = Path(path)
        name = p.name
        if p.suffix.lower() in SPREADSHEET_SUFFIXES:
            layer, sheets = open_spreadsheet(str(p))
            if layer is None:
                raise at.AtlasInputError("GDAL cannot open the spreadsheet (is the file damaged or still open "
                                         "in another program?).", file=name)
            if len(sheets) > 1:
                feedback.pushWarning(self.tr("{0}: {1} sheets; the first sheet “{2}” was read.").format(
                    name, len(sheets), sheets[0]))
            columns, rows = layer_rows(layer)
            if not rows:
                raise at.EmptyTableError("the sheet has no data rows.", file=name)
            return self._read_rows(columns, rows, name, "spreadsheet (GDAL)", opts)
        if not p.exists():
            raise at.AtlasInputError("the file does not exist.", file=str(p))
        try:
            data = p.read_bytes()
        except OSError as exc:
            raise at.AtlasInputError(f"cannot read the file: {exc.strerror or exc}", file=name) from exc
        text, used = at.decode_bytes(data, encoding=opts.encoding, file=name)
        return self._read_text(text, name, used, opts)

    def _read_districts(self, source, id_field, name_field, transform, layer_name, feedback):
        """``(units, ids)`` of the districts layer (see read_units); no features, empty or duplicate ids stop."""
        units = read_units(source, id_field, name_field, transform=transform, feedback=feedback)
        if not units["ids"]:
            raise QgsProcessingException(self.tr("The districts layer “{0}” has no features.").format(layer_name))
        ids = at.normalise_id(pd.Series(units["ids"], dtype=object))
        empty = [fid for fid, v in zip(units["fids"], ids) if v == ""]
        if empty:
            raise QgsProcessingException(self.tr(
                "The districts layer “{0}”: {1} feature(s) have no value in the id field “{2}” (feature ids {3})."
            ).format(layer_name, len(empty), id_field, ", ".join(map(str, empty[:20]))))
        dup = ids[ids.duplicated(keep=False)]
        if len(dup):
            listing = "; ".join(
                f"'{k}': features {', '.join(str(units['fids'][i]) for i in idx)}"
                for k, idx in list(dup.groupby(dup).groups.items())[:10])
            raise QgsProcessingException(self.tr(
                "The districts layer “{0}”, field “{1}”: duplicate ids — {2}.").format(layer_name, id_field, listing))
        return units, ids

    def _read_tables(self, files, pending, tables_in, opts, feedback):
        """The tables in input order: files (``pending``: their parse jobs, None for spreadsheets, which
        are read here), then table layers. None when cancelled."""
        tables = []
        n_inputs = len(files) + len(tables_in)
        try:
            for i, (path, job) in enumerate(zip(files, pending)):
                if feedback.isCanceled():
                    return None
                tables.append(job.result() if job is not None else self._read_file(path, opts, feedback))
                feedback.setProgress(5 + 35 * (i + 1) / n_inputs)
            for j, (lname, columns, rows) in enumerate(tables_in):
                if not rows:
                    raise at.EmptyTableError("the table layer has no rows.", file=lname)
                tables.append(self._read_rows(columns, rows, lname, "table layer", opts))
                feedback.setProgress(5 + 35 * (len(files) + j + 1) / n_inputs)
        except at.AtlasInputError as exc:
            raise QgsProcessingException(self.tr("Cannot read the indicator tables: {0}").format(exc)) from exc
        return tables

    def _read_rows(self, columns, rows, name: str, origin: str, opts) -> at.AtlasTable:
        """Typed attribute rows (spreadsheet, table layer) → the same core reader as CSV text."""
        decimal = opts.decimal or "."
        fmt = at.NumberFormat(decimal=decimal, thousands=None)
        text = table_text(columns, rows, decimal=decimal)
        o = _Options(**{**opts.__dict__, "delimiter": ";"})
        return self._read_text(text, name, origin, o, number_format=fmt)

    # ------------------------------------------------------------------------------------ combining
    @staticmethod
    def _pairs(t: at.AtlasTable) -> set:
        """The distinct (indicator, year) pairs of a table (no per-row Python)."""
        return at.indicator_years(t)

    def _apply_prefix(self, tables, mode: int):
        """Prefix indicator names with the source name (mode 1: only names whose years overlap; 2: all)."""
        if mode == 0 or not tables:
            return tables
        pairs = [self._pairs(t) for t in tables]
        counts = {}
        for s in pairs:
            for pair in s:
                counts[pair] = counts.get(pair, 0) + 1
        overlapping = {ind for (ind, _y), n in counts.items() if n > 1}
        out = []
        for t in tables:
            sources = t.sources()
            stem = Path(sources[0]).stem if sources else ""
            new = {c: f"{stem} {c}" for c in t.indicators() if mode == 2 or c in overlapping}
            out.append(t.renamed(new) if new else t)
        return out

    def _check_overlap(self, tables):
        """The same unit, year and indicator in two tables → DuplicateKeyError naming files and rows."""
        if len(tables) < 2:
            return
        by_pair = {}
        for t in tables:
            for pair in self._pairs(t):
                by_pair.setdefault(pair, []).append(t)
        for (ind, year), ts in by_pair.items():
            if len(ts) < 2:
                continue
            where = {}
            for t in ts:
                d = t.data
                m = (d["indicator"] == ind).to_numpy() & (d["year"] == year).to_numpy()
                for unit, src, row in zip(d["unit_key"][m].astype(str), d["source"][m], d["row"][m]):
                    where.setdefault(unit, []).append(f"{src} row {row}")
            dups = {u: w for u, w in where.items() if len(w) > 1}
            if dups:
                unit, rows = next(iter(dups.items()))
                raise at.DuplicateKeyError(
                    f"unit '{unit}', year {year}, indicator '{ind}' occurs in more than one table: "
                    f"{', '.join(rows)} ({len(dups)} unit(s) in total). Remove one of the tables, or prefix "
                    "indicator names with the file name (advanced option).",
                    duplicates=dups,
                )

    @staticmethod
    def _combine(tables) -> at.AtlasTable:
        return at.combine_tables(tables)

    # ------------------------------------------------------------------------------------ naming
    def _field_names(self, indicators, catalogue, mode: int, aliases: dict):
        lookup = project_store.alias_lookup(aliases) if mode == 0 else {}
        norm = at.normalise_name(list(indicators)) if indicators else []
        base, cat_id = {}, {}
        used = set()
        for ind, n in zip(indicators, norm):
            cid = None
            if mode == 0:
                if ind in catalogue:
                    cid = ind
                elif lookup.get(n) in catalogue:
                    cid = lookup[n]
            name = cid if cid and cid.casefold() not in used else field_base(ind, n)
            stem, k = name, 2
            while name.casefold() in used:
                name = f"{stem}_{k}"
                k += 1
            used.add(name.casefold())
            base[ind] = name
            cat_id[ind] = cid
        return base, cat_id

    # ------------------------------------------------------------------------------------ process
    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802, D102
        source = self.parameterAsSource(parameters, self.DISTRICTS, context)
        if source is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, self.DISTRICTS))
        layer_name = source.sourceName()
        id_field = self.parameterAsString(parameters, self.ID_FIELD, context)
        name_field = self.parameterAsString(parameters, self.NAME_FIELD, context) or None
        fields_in = source.fields()
        for fname in [id_field] + ([name_field] if name_field else []):
            if not fname or fields_in.lookupField(fname) < 0:
                raise QgsProcessingException(
                    self.tr("The districts layer “{0}” has no field “{1}”. Its fields are: {2}.").format(
                        layer_name, fname or "", ", ".join(fields_in.names())))
        match = self.parameterAsEnum(parameters, self.MATCH, context)
        by = "name" if match == 2 else "id"
        if by == "name" and not name_field:
            raise QgsProcessingException(self.tr("Matching by name needs the district name field."))
        opts = self._options(parameters, context)
        files = [f for f in (self.parameterAsFileList(parameters, self.FILES, context) or []) if f]
        tables_in = getattr(self, "_tables", [])
        if not files and not tables_in:
            raise QgsProcessingException(self.tr("No indicator table given: add CSV/XLSX/ODS files or table layers."))

        # CRS: geographic districts are reprojected to metres
        crs = source.sourceCrs()
        transform = None
        out_crs = crs
        if not crs.isValid():
            feedback.pushWarning(self.tr("The districts layer “{0}” has no valid CRS; the output has none either.")
                                 .format(layer_name))
        elif crs.isGeographic():
            target = self.parameterAsCrs(parameters, self.TARGET_CRS, context)
            if not target.isValid() or target.isGeographic():
                project_crs = context.project().crs() if context.project() is not None else None
                target, _reason = analysis_crs(crs, source.sourceExtent(), project_crs, context.transformContext())
            transform = QgsCoordinateTransform(crs, target, context.transformContext())
            out_crs = target
            feedback.pushWarning(self.tr(
                "The districts layer “{0}” is in the geographic CRS {1} (degrees); the atlas is written in "
                "{2} (metres) so that map sheets, areas and distances work.").format(
                    layer_name, crs.authid(), target.authid()))

        units, ids = self._read_districts(source, id_field, name_field, transform, layer_name, feedback)
        feedback.setProgress(5)

        # CSV files are parsed READ_THREADS at a time (numpy releases the GIL while it parses);
        # results, messages and errors still come in file order. (Not while the districts are read:
        # that loop of many small PyQGIS calls would wait for the GIL at every call.)
        with ThreadPoolExecutor(max_workers=READ_THREADS) as pool:
            pending = [None if Path(p).suffix.lower() in SPREADSHEET_SUFFIXES
                       else pool.submit(self._read_file, p, opts, None) for p in files]
            try:
                tables = self._read_tables(files, pending, tables_in, opts, feedback)
            finally:
                for job in pending:
                    if job is not None:
                        job.cancel()
        if tables is None:  # cancelled
            return {}
        try:
            tables = self._apply_prefix(tables, self.parameterAsEnum(parameters, self.PREFIX, context))
            self._check_overlap(tables)
            table = self._combine(tables)
        except at.AtlasInputError as exc:
            raise QgsProcessingException(self.tr("Cannot read the indicator tables: {0}").format(exc)) from exc
        for s in table.report.sources:
            feedback.pushInfo(self.tr(
                "{0}: {1} rows, {2} indicators, layout {3}, encoding {4}, delimiter {5}, decimal '{6}', year from {7}"
            ).format(s.file, s.n_rows, s.n_indicators, s.layout, s.encoding,
                     "tab" if s.delimiter == "\t" else f"'{s.delimiter}'", s.decimal, s.year_source))

        # field names and catalogue
        try:
            catalogue = project_store.merged_catalogue(self._user_indicators or [])
        except IndicatorCatalogueError as exc:
            feedback.pushWarning(self.tr("Project indicator definitions ignored: {0}").format(exc))
            catalogue = project_store.merged_catalogue([])
        aliases = dict(getattr(self, "_aliases", project_store.DEFAULT_ALIASES))
        try:
            aliases.update(parse_aliases(self.parameterAsString(parameters, self.ALIASES, context)))
        except ValueError as exc:
            raise QgsProcessingException(self.tr("The aliases are not valid JSON: {0}").format(exc)) from exc
        indicators = table.indicators()
        base, cat_id = self._field_names(
            indicators, catalogue, self.parameterAsEnum(parameters, self.FIELD_NAMES, context), aliases)
        table = table.renamed(base)

        # matching
        districts = pd.DataFrame({"district_id": ids.to_numpy()})
        if units["names"] is not None:
            districts["name"] = [("" if v is None else str(v)) for v in units["names"]]
        table_field = "unit_name" if (by == "name" and table.has_names()) else "unit_key"
        try:  # join and pivot in one step: one row per district (in layer order), fields <indicator>_<year>
            wide, report = at.join_wide(
                table, districts, id_column="district_id",
                name_column="name" if units["names"] is not None else None,
                by=by, table_field=table_field, strip_leading_zeros=(match == 1))
        except at.DuplicateKeyError as exc:
            raise QgsProcessingException(self.tr("Duplicate keys: {0}").format(exc)) from exc
        except at.AtlasInputError as exc:
            raise QgsProcessingException(str(exc)) from exc
        n_unmatched_rows = 0 if report.unmatched_rows is None else len(report.unmatched_rows)
        n_unmatched_d = 0 if report.unmatched_districts is None else len(report.unmatched_districts)
        for w in report.warnings:
            feedback.pushWarning(w)
        if n_unmatched_d == len(districts):
            hint = ""
            if by == "id" and match == 0:
                hint = self.tr(" Try matching by id ignoring leading zeros, or by name.")
            raise QgsProcessingException(self.tr(
                "No table row matches a district of “{0}” (field “{1}”, values such as {2}; table keys such as "
                "{3}).{4}").format(layer_name, id_field, ", ".join(list(districts["district_id"])[:3]),
                                   ", ".join(table.keys(table_field)[:3]), hint))
        feedback.setProgress(45)

        # wide values, computed rates, changes
        district_order = pd.Index(districts["district_id"])
        if not wide.index.equals(district_order):  # (a copy of all values: only when the order differs)
            wide = wide.reindex(district_order)
        years = sorted({int(c.rsplit("_", 1)[1]) for c in wide.columns})
        lang = ui_language()
        meta = {}
        for ind in indicators:
            b = base[ind]
            cid = cat_id[ind]
            c = catalogue[cid] if cid else None
            meta[b] = {
                "field": b, "source": ind, "catalogue_id": cid, "label": ind,
                "unit": (c.unit if c else guess_unit(ind)) or "",
                "polarity": c.polarity if c else "neutral",
                "kind": c.kind if c else "",
                "numerator": None, "denominator": None, "factor": c.factor if c else None,
                "computed": False,
            }
        if self.parameterAsBoolean(parameters, self.COMPUTE_RATES, context):
            by_id = {m["catalogue_id"]: b for b, m in meta.items() if m["catalogue_id"]}
            added, new_cols = [], {}
            for y in years:
                cols = {by_id[k]: k for k in by_id if f"{by_id[k]}_{y}" in wide.columns}
                counts = pd.DataFrame({k: wide[f"{b}_{y}"] for b, k in cols.items()}, index=wide.index)
                rates = compute_rates(counts, catalogue)
                for rid in rates.columns:
                    if rid in by_id:
                        continue
                    new_cols[f"{rid}_{y}"] = rates[rid].to_numpy()
                    if rid not in meta:
                        r = catalogue[rid]
                        meta[rid] = {
                            "field": rid, "source": None, "catalogue_id": rid,
                            "label": r.label_de if lang == "de" else r.label_en, "unit": r.unit,
                            "polarity": r.polarity, "kind": "rate", "numerator": None, "denominator": None,
                            "factor": r.factor, "computed": True,
                        }
                        added.append(rid)
            if new_cols:
                wide = pd.concat([wide, pd.DataFrame(new_cols, index=wide.index)], axis=1)
            if added:
                feedback.pushInfo(self.tr("Rates computed from the loaded counts: {0}").format(", ".join(added)))
        by_cat = {mm["catalogue_id"]: bb for bb, mm in meta.items() if mm["catalogue_id"]}
        for b, m in meta.items():
            cid = m["catalogue_id"]
            if cid and catalogue[cid].is_rate:
                m["numerator"] = by_cat.get(catalogue[cid].numerator)
                m["denominator"] = by_cat.get(catalogue[cid].denominator)
            m["years"] = [y for y in years if f"{b}_{y}" in wide.columns]

        long_out = self.parameterAsEnum(parameters, self.OUTPUT_LAYOUT, context) == 1
        changes = self.parameterAsBoolean(parameters, self.CHANGES, context) and not long_out
        y0 = self.parameterAsInt(parameters, self.CHANGE_FROM, context) if parameters.get(self.CHANGE_FROM) not in (
            None, "") else (years[0] if years else None)
        y1 = self.parameterAsInt(parameters, self.CHANGE_TO, context) if parameters.get(self.CHANGE_TO) not in (
            None, "") else (years[-1] if years else None)
        order, change_cols = [], {}
        for b, m in meta.items():
            order += [f"{b}_{y}" for y in m["years"]]
            m["change_field"] = None
            if changes and y0 is not None and y1 is not None and y0 != y1 and y0 in m["years"] and y1 in m["years"]:
                cf = f"{b}_chg_{y0}_{y1}"
                change_cols[cf] = wide[f"{b}_{y1}"].to_numpy() - wide[f"{b}_{y0}"].to_numpy()
                m["change_field"] = cf
                m["change_years"] = [y0, y1]
                order.append(cf)
        wide = _ordered(wide, order, change_cols)

        # output fields
        in_names = {n.casefold() for n in fields_in.names()}
        out_fields = QgsFields(fields_in)
        renamed = {}
        for col in (list(wide.columns) if not long_out else (["year"] + list(meta))):
            name = col
            while name.casefold() in in_names:
                name = f"{name}_a"
            if name != col:
                renamed[col] = name
            in_names.add(name.casefold())
        if renamed:
            feedback.pushWarning(self.tr("Fields renamed because the districts layer already has them: {0}").format(
                ", ".join(f"{k} → {v}" for k, v in renamed.items())))
        if not long_out:
            for col in wide.columns:
                b, y = split_year_field(col)
                cm = CHANGE_SUFFIX.match(col)
                if cm:
                    m = meta[cm.group("base")]
                    alias = self.tr("{0}: change {1}–{2}").format(m["label"], cm.group("y0"), cm.group("y1"))
                else:
                    alias = f"{meta[b]['label']} {y}"
                f = make_field(renamed.get(col, col), "double")
                f.setAlias(alias)
                out_fields.append(f)
        else:
            out_fields.append(make_field(renamed.get("year", "year"), "int"))
            for b, m in meta.items():
                f = make_field(renamed.get(b, b), "double")
                f.setAlias(m["label"])
                out_fields.append(f)
        for b, m in meta.items():
            m["years"] = [int(y) for y in m["years"]]
            if b in renamed and long_out:
                m["field"] = renamed[b]
        meta_out = list(meta.values())

        wkb = source.wkbType()
        sink, dest_id = self.parameterAsSink(parameters, self.OUTPUT, context, out_fields, wkb, out_crs)
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.OUTPUT))
        feedback.setProgress(50)
        if not long_out:
            values = variant_rows(wide)
            written = write_features(sink, out_fields, units["attributes"], values, units["geometries"], feedback,
                                     (50.0, 100.0), background=threaded_sink_ok(dest_id, context))
        else:
            base_rows, vals, geoms = [], [], []
            k = len(meta)  # all years side by side in one frame: one set of shared values for all
            rows = variant_rows(wide.reindex(columns=[f"{b}_{y}" for y in years for b in meta]))
            for i, attrs in enumerate(units["attributes"]):
                for j, y in enumerate(years):
                    base_rows.append(attrs)
                    vals.append([y] + rows[i][j * k : (j + 1) * k])
                    geoms.append(units["geometries"][i])
            written = write_features(sink, out_fields, base_rows, vals, geoms, feedback, (50.0, 100.0),
                                     background=threaded_sink_ok(dest_id, context))
        if feedback.isCanceled():
            return {}

        self._post = (dest_id, {f.name(): f.alias() for f in out_fields if f.alias()},
                      json.dumps(meta_out, ensure_ascii=False), id_field, name_field or "")
        n_invalid = len(report.invalid_cells)
        summary = [report.summary()]
        summary.append(self.tr("{0} districts, {1} indicators, years {2}; {3} features written.").format(
            len(districts), len(meta), ", ".join(map(str, years)), written))
        summary.append(self.tr("{0} table rows without district, {1} districts without data, {2} non-numeric cells.")
                       .format(n_unmatched_rows, n_unmatched_d, n_invalid))
        feedback.pushInfo(summary[-2])
        feedback.pushInfo(summary[-1])
        sources = [
            {"file": s.file, "encoding": s.encoding, "delimiter": s.delimiter, "decimal": s.decimal,
             "thousands": s.thousands, "layout": s.layout, "year_source": s.year_source, "rows": s.n_rows,
             "indicators": s.n_indicators}
            for s in report.sources
        ]
        return {
            self.OUTPUT: dest_id,
            self.INDICATORS: json.dumps(meta_out, ensure_ascii=False),
            self.YEARS: ",".join(map(str, years)),
            self.SOURCES: json.dumps(sources, ensure_ascii=False),
            self.REPORT: "\n".join(s for s in summary if s),
            self.UNMATCHED_ROWS: n_unmatched_rows,
            self.UNMATCHED_DISTRICTS: n_unmatched_d,
            self.INVALID_CELLS: n_invalid,
        }

