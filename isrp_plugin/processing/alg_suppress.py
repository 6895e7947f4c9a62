"""isrp:suppress — statistical confidentiality (Geheimhaltung) for a layer of small-area figures.

Primary, rate and secondary suppression are :mod:`isrp_plugin.core.confidentiality`
(``protect_table``, ``rate_mask``); this module reads the fields, resolves each rate's numerator
and denominator, and writes a protected copy of the layer.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
from qgis.core import (
    QgsFields,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
)

from ..core.confidentiality import SUPPRESSED_MARKER, ConfidentialityError, protect_table, rate_mask
from ..core.indicators import IndicatorCatalogueError
from ..qgis_io import project_store
from ..qgis_io.compat import make_field
from ..qgis_io.layers import append_fields, read_columns, threaded_sink_ok
from ..qgis_io.settings import IsrpSettings
from .alg_loadatlas import ADVANCED, FIELD_NUMERIC, NUMBER_DOUBLE, NUMBER_INTEGER, TYPE_VECTOR, split_year_field
from .base import IsrpAlgorithm


def parse_rate_definitions(text: str) -> dict:
    """``"rate=numerator/denominator; other=a/b"`` → ``{"rate": ("numerator", "denominator"), ...}``."""
    out = {}
    for part in re.split(r"[;\n]+", text or ""):
        part = part.strip()
        if not part:
            continue
        m = re.fullmatch(r"([^=]+)=([^/]+)/(.+)", part)
        if not m:
            raise ValueError(f"rate definition '{part}' is not of the form rate=numerator/denominator")
        out[m.group(1).strip()] = (m.group(2).strip(), m.group(3).strip())
    return out


def resolve_rate(field: str, names: set, catalogue, explicit: dict):
    """(numerator field, denominator field) of a rate field: explicit, else from the catalogue.

    ``sgb2_rate_2022`` → catalogue ``sgb2_rate`` → ``sgb2_recipients_2022`` / ``pop_0_65_2022``.
    Returns None when it cannot be resolved.
    """
    if field in explicit:
        return explicit[field]
    base, year = split_year_field(field)
    ind = catalogue.get(base)
    if ind is None or not ind.is_rate:
        return None
    suffix = f"_{year}" if year is not None else ""
    num, den = f"{ind.numerator}{suffix}", f"{ind.denominator}{suffix}"
    return (num, den) if num in names and den in names else None


def column_texts(values: np.ndarray, mask: np.ndarray, decimals: int, decimal: str = ".", fixed: bool = False):
    """Display texts of one column: '.' where ``mask``, None where missing, integers without decimals
    (unless ``fixed``), else ``decimals`` places with the ``decimal`` separator."""
    out = []
    for v, m in zip(values.tolist(), mask.tolist()):
        if m:
            out.append(SUPPRESSED_MARKER)
        elif v != v:
            out.append(None)
        elif v.is_integer() and not fixed:
            out.append(str(int(v)))
        else:
            t = f"{v:.{decimals}f}"
            out.append(t.replace(".", decimal) if decimal != "." else t)
    return out


class SuppressAlgorithm(IsrpAlgorithm):
    INPUT = "INPUT"
    COUNT_FIELDS = "COUNT_FIELDS"
    RATE_FIELDS = "RATE_FIELDS"
    RATE_DEFINITIONS = "RATE_DEFINITIONS"
    ROW_TOTAL_FIELD = "ROW_TOTAL_FIELD"
    COLUMN_TOTALS = "COLUMN_TOTALS"
    THRESHOLD = "THRESHOLD"
    POPULATION_FIELD = "POPULATION_FIELD"
    MIN_POPULATION = "MIN_POPULATION"
    SUPPRESS_SMALL_UNITS = "SUPPRESS_SMALL_UNITS"
    NULL_IS_SUPPRESSED = "NULL_IS_SUPPRESSED"
    MODE = "MODE"
    DECIMALS = "DECIMALS"
    DECIMAL_SEPARATOR = "DECIMAL_SEPARATOR"
    OUTPUT = "OUTPUT"
    PRIMARY = "PRIMARY"
    SECONDARY = "SECONDARY"
    RATES = "RATES"
    SMALL_UNITS = "SMALL_UNITS"
    SOURCE_SUPPRESSED = "SOURCE_SUPPRESSED"

    def name(self) -> str:  # noqa: D102
        return "suppress"

    def displayName(self) -> str:  # noqa: N802, D102
        return self.tr("Apply statistical confidentiality")

    def group(self) -> str:  # noqa: D102
        return self.tr("Atlas")

    def groupId(self) -> str:  # noqa: N802, D102
        return "atlas"

    def shortHelpString(self) -> str:  # noqa: N802, D102
        return self.tr(
            "Protects small numbers before a table or map leaves the machine. The input stays unchanged.\n\n"
            "Primary suppression: counts with 0 < value < threshold (default from the ISRP settings, 3: "
            "counts of 1 and 2); 0 is shown. Rates: suppressed when their numerator or denominator is "
            "0 < value < threshold or is itself suppressed. Numerator and denominator come from the rate "
            "definitions ('rate=numerator/denominator') or from the indicator catalogue by field name "
            "(sgb2_rate_2022 → sgb2_recipients_2022 / pop_0_65_2022).\n\n"
            "Secondary suppression: if the column totals (the city total of each count field) are "
            "published, or a row total field is given (the count fields are its parts, e.g. age bands of "
            "the population), a single suppressed cell could be recovered by subtraction; one more cell of "
            "that row or column is then suppressed (the smallest non-zero one).\n\n"
            "Cells the statistics office already suppressed ('.' in the table, NULL in the layer) are, by "
            "default, treated like primary suppressions, so that they cannot be recovered from the totals "
            "either (offices often publish primary suppression only).\n\n"
            "Small units: units with fewer inhabitants than the minimum population (default 300) get "
            "small_unit = 1; optionally all their values are suppressed.\n\n"
            "Output: a copy of the layer in which suppressed numeric values are NULL and each chosen field "
            "has a text field <field>_txt showing '.' for suppressed cells (or, in text mode, the chosen "
            "fields themselves become text); suppressed_cells counts the suppressed cells of each unit."
        )

    def initAlgorithm(self, config=None):  # noqa: N802, D102
        settings = IsrpSettings.load()
        self.addParameter(QgsProcessingParameterFeatureSource(self.INPUT, self.tr("Units (layer or table)"),
                                                              [TYPE_VECTOR]))
        self.addParameter(QgsProcessingParameterField(
            self.COUNT_FIELDS, self.tr("Count fields"), None, self.INPUT, FIELD_NUMERIC, allowMultiple=True,
            optional=True))
        self.addParameter(QgsProcessingParameterField(
            self.RATE_FIELDS, self.tr("Rate fields"), None, self.INPUT, FIELD_NUMERIC, allowMultiple=True,
            optional=True))
        self.addParameter(QgsProcessingParameterString(
            self.RATE_DEFINITIONS, self.tr("Rate definitions (rate=numerator/denominator; …; empty: catalogue)"),
            optional=True))
        self.addParameter(QgsProcessingParameterNumber(
            self.THRESHOLD, self.tr("Suppress counts below"), NUMBER_INTEGER,
            defaultValue=int(settings.suppression_threshold), minValue=1))
        self.addParameter(QgsProcessingParameterBoolean(
            self.COLUMN_TOTALS, self.tr("Column totals (city totals) are published: secondary suppression"),
            defaultValue=True))
        self.addParameter(QgsProcessingParameterField(
            self.ROW_TOTAL_FIELD, self.tr("Row total field (the count fields are its parts)"), None, self.INPUT,
            FIELD_NUMERIC, optional=True))
        self.addParameter(QgsProcessingParameterField(
            self.POPULATION_FIELD, self.tr("Population field (flags small units)"), None, self.INPUT,
            FIELD_NUMERIC, optional=True))
        self.addParameter(QgsProcessingParameterNumber(
            self.MIN_POPULATION, self.tr("Minimum population"), NUMBER_DOUBLE,
            defaultValue=float(settings.min_population), minValue=0))
        self.addParameter(QgsProcessingParameterBoolean(
            self.SUPPRESS_SMALL_UNITS, self.tr("Suppress all values of small units"), defaultValue=False))
        self.addParameter(QgsProcessingParameterBoolean(
            self.NULL_IS_SUPPRESSED,
            self.tr("NULL counts were suppressed by the statistics office ('.'): protect them"),
            defaultValue=True))
        self.addParameter(QgsProcessingParameterEnum(
            self.MODE, self.tr("Output"),
            [self.tr("numeric fields with NULL plus text fields <field>_txt with '.'"),
             self.tr("text fields only ('.' in place of the value)")], defaultValue=0))
        for p in (
            QgsProcessingParameterNumber(self.DECIMALS, self.tr("Decimals in the text of rates"), NUMBER_INTEGER,
                                         defaultValue=1, minValue=0, maxValue=6),
            QgsProcessingParameterEnum(self.DECIMAL_SEPARATOR, self.tr("Decimal separator in the text"),
                                       [self.tr("point"), self.tr("comma")], defaultValue=0),
        ):
            p.setFlags(p.flags() | ADVANCED)
            self.addParameter(p)
        self.addParameter(QgsProcessingParameterFeatureSink(self.OUTPUT, self.tr("Protected")))
        self.addOutput(QgsProcessingOutputNumber(self.PRIMARY, self.tr("Primary suppressions")))
        self.addOutput(QgsProcessingOutputNumber(self.SECONDARY, self.tr("Secondary suppressions")))
        self.addOutput(QgsProcessingOutputNumber(self.RATES, self.tr("Suppressed rates")))
        self.addOutput(QgsProcessingOutputNumber(self.SMALL_UNITS, self.tr("Small units")))
        self.addOutput(QgsProcessingOutputNumber(self.SOURCE_SUPPRESSED, self.tr("Counts suppressed in the source")))

    def prepareAlgorithm(self, parameters, context, feedback):  # noqa: N802, D102
        self._catalogue = None
        try:
            self._catalogue = project_store.load_catalogue_for_project(context.project())
        except IndicatorCatalogueError as exc:
            feedback.pushWarning(self.tr("Project indicator definitions ignored: {0}").format(exc))
        return True

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802, D102
        source = self.parameterAsSource(parameters, self.INPUT, context)
        if source is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, self.INPUT))
        lname = source.sourceName()
        fields_in = source.fields()
        names = set(fields_in.names())
        counts = self.parameterAsFields(parameters, self.COUNT_FIELDS, context) or []
        rates = self.parameterAsFields(parameters, self.RATE_FIELDS, context) or []
        total = self.parameterAsString(parameters, self.ROW_TOTAL_FIELD, context) or None
        pop_field = self.parameterAsString(parameters, self.POPULATION_FIELD, context) or None
        threshold = self.parameterAsInt(parameters, self.THRESHOLD, context)
        min_pop = self.parameterAsDouble(parameters, self.MIN_POPULATION, context)
        text_only = self.parameterAsEnum(parameters, self.MODE, context) == 1
        decimals = self.parameterAsInt(parameters, self.DECIMALS, context)
        dec = "," if self.parameterAsEnum(parameters, self.DECIMAL_SEPARATOR, context) == 1 else "."
        if not counts and not rates:
            raise QgsProcessingException(self.tr("Choose at least one count or rate field."))
        for f in counts + rates + [x for x in (total, pop_field) if x]:
            if f not in names:
                raise QgsProcessingException(self.tr("The layer “{0}” has no field “{1}”. Its fields are: {2}.")
                                             .format(lname, f, ", ".join(fields_in.names())))
        if total and total not in counts:
            counts = counts + [total]
        try:
            explicit = parse_rate_definitions(self.parameterAsString(parameters, self.RATE_DEFINITIONS, context))
        except ValueError as exc:
            raise QgsProcessingException(self.tr("Invalid parameter: {0}.").format(exc)) from exc
        catalogue = getattr(self, "_catalogue", None) or project_store.merged_catalogue([])
        rate_parts = {}
        for r in rates:
            parts = resolve_rate(r, names, catalogue, explicit)
            if parts is None:
                raise QgsProcessingException(self.tr(
                    "Rate field “{0}”: numerator and denominator unknown. Give them as '{0}=numerator/denominator' "
                    "in the rate definitions (the catalogue knows no such rate, or its count fields are not in "
                    "the layer).").format(r))
            for p in parts:
                if p not in names:
                    raise QgsProcessingException(self.tr("Rate field “{0}”: the layer has no field “{1}”.")
                                                 .format(r, p))
            rate_parts[r] = parts

        needed = list(dict.fromkeys(counts + rates + [p for ps in rate_parts.values() for p in ps]
                                    + ([pop_field] if pop_field else [])))
        fids, data, _ = read_columns(source, needed, feedback=feedback)
        index = pd.Index(fids, name="fid")
        data.index = index
        data = data.apply(pd.to_numeric, errors="coerce").astype(float)
        feedback.setProgress(20)
        table = data[counts] if counts else pd.DataFrame(index=index)
        source_supp = table.isna() & self.parameterAsBoolean(parameters, self.NULL_IS_SUPPRESSED, context)
        # a cell the office suppressed ('.', now NULL) hides a count below the threshold: the placeholder 1
        # makes it a primary suppression, so secondary suppression protects it like the others
        table = table.mask(source_supp, 1.0)
        try:
            res = protect_table(
                table,
                threshold=threshold,
                total_column=total,
                implicit_column_totals=self.parameterAsBoolean(parameters, self.COLUMN_TOTALS, context),
                population=data[pop_field] if pop_field else None,
                min_population=min_pop,
                suppress_small_units=self.parameterAsBoolean(parameters, self.SUPPRESS_SMALL_UNITS, context),
            )
        except ConfidentialityError as exc:
            raise QgsProcessingException(self.tr("Confidentiality: {0}").format(exc)) from exc
        mask = res.mask.copy()
        for line in res.log:
            (feedback.pushWarning if line.startswith("warning") else feedback.pushInfo)(line)
        small = res.small_units
        n_rates = 0
        for r, (num, den) in rate_parts.items():
            m = rate_mask(data[num], data[den], threshold,
                          numerator_mask=mask[num] if num in mask.columns else None,
                          denominator_mask=mask[den] if den in mask.columns else None)
            if small is not None and self.parameterAsBoolean(parameters, self.SUPPRESS_SMALL_UNITS, context):
                m = m | small
            mask[r] = m.to_numpy()
            n_rates += int(m.sum())
        chosen = list(dict.fromkeys([c for c in counts] + rates))
        mask = mask[chosen]

        # output fields: the input's, then <field>_txt per chosen field, small_unit, suppressed_cells
        fields = QgsFields()
        for f in fields_in:
            fields.append(make_field(f.name(), "string") if text_only and f.name() in chosen else f)
        added = []
        if not text_only:
            for c in chosen:
                name = f"{c}_txt"
                while name in names:
                    name += "_"
                added.append((name, "string"))
        if small is not None:
            added.append(("small_unit" if "small_unit" not in names else "small_unit_", "int"))
        added.append(("suppressed_cells" if "suppressed_cells" not in names else "suppressed_cells_", "int"))
        for name, kind in added:
            fields.append(make_field(name, kind))
        sink, dest_id = self.parameterAsSink(parameters, self.OUTPUT, context, fields, source.wkbType(),
                                             source.sourceCrs())
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.OUTPUT))

        pos = [fields_in.lookupField(c) for c in chosen]
        mvals = mask.to_numpy(dtype=bool)
        vals = data[chosen].to_numpy(dtype=float)
        is_rate = [c in rate_parts for c in chosen]
        small_arr = small.to_numpy(dtype=bool) if small is not None else None
        # display texts column by column ('.' where suppressed, None where missing)
        texts = [column_texts(vals[:, j], mvals[:, j], decimals, dec, is_rate[j]) for j in range(len(chosen))]
        n_cells = mvals.sum(axis=1).tolist()
        flags = small_arr.astype(int).tolist() if small_arr is not None else None
        new_values, changes = {}, {}
        if text_only:
            for i, fid in enumerate(fids):
                changes[fid] = {pos[j]: texts[j][i] for j in range(len(chosen))}
                new_values[fid] = ([flags[i]] if flags is not None else []) + [n_cells[i]]
        else:
            rows = list(zip(*texts)) if texts else [()] * len(fids)
            for i, fid in enumerate(fids):
                new_values[fid] = list(rows[i]) + ([flags[i]] if flags is not None else []) + [n_cells[i]]
            for i, j in zip(*np.nonzero(mvals)):  # suppressed numeric values become NULL
                changes.setdefault(fids[i], {})[pos[j]] = None
        append_fields(source, sink, fields, new_values, changes, feedback=feedback, progress=(40.0, 100.0),
                      background=threaded_sink_ok(dest_id, context))
        n_source = int(source_supp.to_numpy().sum()) if counts else 0
        n_primary = int(res.primary[[c for c in counts]].to_numpy().sum()) - n_source if counts else 0
        n_secondary = int(res.secondary.to_numpy().sum()) if counts else 0
        n_small = int(small.sum()) if small is not None else 0
        feedback.pushInfo(self.tr(
            "{0} primary and {1} secondary suppressions of counts, {2} suppressed rates, {3} small units "
            "(threshold {4}); {5} counts were suppressed in the source.").format(
                n_primary, n_secondary, n_rates, n_small, threshold, n_source))
        return {self.OUTPUT: dest_id, self.PRIMARY: n_primary, self.SECONDARY: n_secondary, self.RATES: n_rates,
                self.SMALL_UNITS: n_small, self.SOURCE_SUPPRESSED: n_source}
