"""isrp:aggregateunits — districts → social spaces → city: counts summed, rates recomputed.

The rule is :func:`isrp_plugin.core.indicators.aggregate`; this module reads the fields and the
mapping (a field of the layer or a mapping table), builds the per-field catalogue (count, or rate
= numerator / denominator × factor) and writes one feature per group, with the union of the units'
geometries.
"""

from __future__ import annotations

import re

import pandas as pd
from qgis.core import (
    QgsFields,
    QgsGeometry,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterString,
    QgsWkbTypes,
)

from ..core.atlas_tables import normalise_id
from ..core.indicators import (
    AggregationError,
    Indicator,
    IndicatorCatalogue,
    IndicatorCatalogueError,
    aggregate,
)
from ..qgis_io import project_store
from ..qgis_io.compat import make_field
from ..qgis_io.layers import frame_rows, read_columns, write_features
from .alg_loadatlas import ADVANCED, FIELD_ANY, FIELD_NUMERIC, NO_GEOMETRY, TYPE_VECTOR, split_year_field
from .alg_suppress import resolve_rate
from .base import IsrpAlgorithm


def parse_rate_factors(text: str) -> dict:
    """Rate definitions ``"rate=numerator/denominator*factor; …"`` → ``{rate: (num, den, factor)}``; factor 100."""
    out = {}
    for part in re.split(r"[;\n]+", text or ""):
        part = part.strip()
        if not part:
            continue
        m = re.fullmatch(r"([^=]+)=([^/]+)/([^*]+?)(?:\*\s*([0-9.]+))?", part)
        if not m:
            raise ValueError(f"rate definition '{part}' is not of the form rate=numerator/denominator*factor")
        out[m.group(1).strip()] = (m.group(2).strip(), m.group(3).strip(), float(m.group(4) or 100))
    return out


class AggregateUnitsAlgorithm(IsrpAlgorithm):
    INPUT = "INPUT"
    UNIT_FIELD = "UNIT_FIELD"
    GROUP_FIELD = "GROUP_FIELD"
    MAPPING = "MAPPING"
    MAPPING_UNIT_FIELD = "MAPPING_UNIT_FIELD"
    MAPPING_GROUP_FIELD = "MAPPING_GROUP_FIELD"
    MAPPING_NAME_FIELD = "MAPPING_NAME_FIELD"
    COUNT_FIELDS = "COUNT_FIELDS"
    RATE_FIELDS = "RATE_FIELDS"
    RATE_DEFINITIONS = "RATE_DEFINITIONS"
    CITY_TOTAL = "CITY_TOTAL"
    CITY_LABEL = "CITY_LABEL"
    SKIP_MISSING = "SKIP_MISSING"
    DISSOLVE = "DISSOLVE"
    OUTPUT = "OUTPUT"
    GROUPS = "GROUPS"

    def name(self) -> str:  # noqa: D102
        return "aggregateunits"

    def displayName(self) -> str:  # noqa: N802, D102
        return self.tr("Aggregate units (districts → social spaces → city)")

    def group(self) -> str:  # noqa: D102
        return self.tr("Atlas")

    def groupId(self) -> str:  # noqa: N802, D102
        return "atlas"

    def shortHelpString(self) -> str:  # noqa: N802, D102
        return self.tr(
            "Aggregates unit values to groups such as social spaces and to the city. Counts are summed; "
            "rates are recomputed from the summed numerators and denominators (never averaged).\n\n"
            "Groups: a field of the layer (e.g. sozialraum_id) or a mapping table (unit id → group id, "
            "optional group name). Without either, all units form one group: the city. Every unit must "
            "belong to a group; unmapped units are an error that names them.\n\n"
            "Rates: numerator and denominator from the rate definitions ('rate=numerator/denominator' or "
            "'rate=numerator/denominator*factor'), else from the indicator catalogue by field name "
            "(sgb2_rate_2022 → sgb2_recipients_2022 / pop_0_65_2022, factor 100). A group's count is NULL "
            "when a unit lacks the value (an incomplete sum is not a total) unless 'skip missing values' is "
            "checked.\n\n"
            "Output: one feature per group with group_id, group_name, n_units, the count and rate fields, "
            "and the union of the units' geometries; with 'add city total' also a row for the whole city."
        )

    def initAlgorithm(self, config=None):  # noqa: N802, D102
        self.addParameter(QgsProcessingParameterFeatureSource(self.INPUT, self.tr("Units"), [TYPE_VECTOR]))
        self.addParameter(QgsProcessingParameterField(
            self.UNIT_FIELD, self.tr("Unit id field"), None, self.INPUT, FIELD_ANY, optional=True))
        self.addParameter(QgsProcessingParameterField(
            self.GROUP_FIELD, self.tr("Group field in the layer (e.g. social space id)"), None, self.INPUT,
            FIELD_ANY, optional=True))
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.MAPPING, self.tr("Mapping table (unit → group)"), [TYPE_VECTOR], optional=True))
        self.addParameter(QgsProcessingParameterField(
            self.MAPPING_UNIT_FIELD, self.tr("Mapping: unit id field"), None, self.MAPPING, FIELD_ANY,
            optional=True))
        self.addParameter(QgsProcessingParameterField(
            self.MAPPING_GROUP_FIELD, self.tr("Mapping: group id field"), None, self.MAPPING, FIELD_ANY,
            optional=True))
        self.addParameter(QgsProcessingParameterField(
            self.MAPPING_NAME_FIELD, self.tr("Mapping: group name field"), None, self.MAPPING, FIELD_ANY,
            optional=True))
        self.addParameter(QgsProcessingParameterField(
            self.COUNT_FIELDS, self.tr("Count fields (summed)"), None, self.INPUT, FIELD_NUMERIC,
            allowMultiple=True, optional=True))
        self.addParameter(QgsProcessingParameterField(
            self.RATE_FIELDS, self.tr("Rate fields (recomputed)"), None, self.INPUT, FIELD_NUMERIC,
            allowMultiple=True, optional=True))
        self.addParameter(QgsProcessingParameterString(
            self.RATE_DEFINITIONS, self.tr("Rate definitions (rate=numerator/denominator*factor; …; empty: "
                                           "catalogue)"), optional=True))
        self.addParameter(QgsProcessingParameterBoolean(
            self.CITY_TOTAL, self.tr("Add city total"), defaultValue=True))
        for p in (
            QgsProcessingParameterString(self.CITY_LABEL, self.tr("Name of the city total"), defaultValue="city",
                                         optional=True),
            QgsProcessingParameterBoolean(self.SKIP_MISSING, self.tr("Skip missing values (sum what is there)"),
                                          defaultValue=False),
            QgsProcessingParameterBoolean(self.DISSOLVE, self.tr("Union of the geometries"), defaultValue=True),
        ):
            p.setFlags(p.flags() | ADVANCED)
            self.addParameter(p)
        self.addParameter(QgsProcessingParameterFeatureSink(self.OUTPUT, self.tr("Aggregated")))
        self.addOutput(QgsProcessingOutputNumber(self.GROUPS, self.tr("Groups")))

    def prepareAlgorithm(self, parameters, context, feedback):  # noqa: N802, D102
        self._catalogue = None
        try:
            self._catalogue = project_store.load_catalogue_for_project(context.project())
        except IndicatorCatalogueError as exc:
            feedback.pushWarning(self.tr("Project indicator definitions ignored: {0}").format(exc))
        return True

    def _mapping(self, parameters, context, unit_ids):
        """unit id → group id, and group id → name, from the mapping table (or None)."""
        src = self.parameterAsSource(parameters, self.MAPPING, context)
        if src is None:
            return None, {}
        uf = self.parameterAsString(parameters, self.MAPPING_UNIT_FIELD, context)
        gf = self.parameterAsString(parameters, self.MAPPING_GROUP_FIELD, context)
        nf = self.parameterAsString(parameters, self.MAPPING_NAME_FIELD, context) or None
        if not uf or not gf:
            raise QgsProcessingException(self.tr("The mapping table needs its unit id and group id fields."))
        for f in [uf, gf] + ([nf] if nf else []):
            if src.fields().lookupField(f) < 0:
                raise QgsProcessingException(self.tr("The mapping table “{0}” has no field “{1}”.").format(
                    src.sourceName(), f))
        _, table, _ = read_columns(src, list(dict.fromkeys([uf, gf] + ([nf] if nf else []))))
        groups = table[gf]
        keys = normalise_id(pd.Series(list(table[uf]), dtype=object))
        dup = keys[keys.duplicated()]
        if len(dup):
            raise QgsProcessingException(self.tr("The mapping table “{0}” lists unit(s) {1} more than once.").format(
                src.sourceName(), ", ".join(sorted(set(dup))[:20])))
        mapping = dict(zip(keys, normalise_id(groups)))
        names = {}
        if nf:
            for g, n in zip(normalise_id(groups), table[nf]):
                names.setdefault(g, "" if n is None else str(n))
        return mapping, names

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802, D102
        source = self.parameterAsSource(parameters, self.INPUT, context)
        if source is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, self.INPUT))
        lname = source.sourceName()
        fields_in = source.fields()
        names = set(fields_in.names())
        unit_field = self.parameterAsString(parameters, self.UNIT_FIELD, context) or None
        group_field = self.parameterAsString(parameters, self.GROUP_FIELD, context) or None
        counts = self.parameterAsFields(parameters, self.COUNT_FIELDS, context) or []
        rates = self.parameterAsFields(parameters, self.RATE_FIELDS, context) or []
        city_label = self.parameterAsString(parameters, self.CITY_LABEL, context) or "city"
        for f in counts + rates + [x for x in (unit_field, group_field) if x]:
            if f not in names:
                raise QgsProcessingException(self.tr("The layer “{0}” has no field “{1}”. Its fields are: {2}.")
                                             .format(lname, f, ", ".join(fields_in.names())))
        if not counts and not rates:
            raise QgsProcessingException(self.tr("Choose at least one count or rate field."))
        try:
            explicit = parse_rate_factors(self.parameterAsString(parameters, self.RATE_DEFINITIONS, context))
        except ValueError as exc:
            raise QgsProcessingException(self.tr("Invalid parameter: {0}.").format(exc)) from exc
        catalogue = getattr(self, "_catalogue", None) or project_store.merged_catalogue([])

        # per-field catalogue: counts, and rates with numerator/denominator fields
        entries = {c: Indicator(c, c, c, "count") for c in counts}
        for r in rates:
            if r in explicit:
                num, den, factor = explicit[r]
            else:
                parts = resolve_rate(r, names, catalogue, {})
                if parts is None:
                    raise QgsProcessingException(self.tr(
                        "Rate field “{0}”: numerator and denominator unknown (rates are recomputed from counts, "
                        "never averaged). Give them as '{0}=numerator/denominator*factor' in the rate "
                        "definitions.").format(r))
                num, den = parts
                factor = catalogue[split_year_field(r)[0]].factor or 100.0
            for p in (num, den):
                if p not in names:
                    raise QgsProcessingException(self.tr("Rate field “{0}”: the layer has no field “{1}”.")
                                                 .format(r, p))
                entries.setdefault(p, Indicator(p, p, p, "count"))
            entries[r] = Indicator(r, r, r, "rate", num, den, float(factor))
        try:
            cat = IndicatorCatalogue(entries.values(), source="fields")
        except IndicatorCatalogueError as exc:
            raise QgsProcessingException(str(exc)) from exc

        cols = list(entries)
        extra = [c for c in (unit_field, group_field) if c and c not in cols]
        dissolve = self.parameterAsBoolean(parameters, self.DISSOLVE, context) and source.wkbType() != NO_GEOMETRY
        fids, frame, geometries = read_columns(source, list(dict.fromkeys(cols + extra)), with_geometry=dissolve,
                                               feedback=feedback)
        if not fids:
            raise QgsProcessingException(self.tr("The layer “{0}” has no features.").format(lname))
        ids = normalise_id(pd.Series(list(frame[unit_field]) if unit_field else fids, dtype=object))
        if unit_field and ids.duplicated().any():
            raise QgsProcessingException(self.tr("The layer “{0}”, field “{1}”: duplicate ids {2}.").format(
                lname, unit_field, ", ".join(sorted(set(ids[ids.duplicated()]))[:20])))
        index = pd.Index(list(ids), name="unit")
        frame.index = index
        data = frame[cols].apply(pd.to_numeric, errors="coerce").astype(float)
        # only the chosen output fields go through aggregate(); helper counts of rates are included
        mapping, group_names = None, {}
        if group_field:
            g = frame[group_field]
            mapping = dict(zip(index, normalise_id(g)))
            missing = [u for u, v in mapping.items() if v == ""]
            if missing:
                raise QgsProcessingException(self.tr("The layer “{0}”: unit(s) {1} have no value in the group field "
                                                     "“{2}”.").format(lname, ", ".join(missing[:20]), group_field))
        else:
            if self.parameterAsSource(parameters, self.MAPPING, context) is not None and not unit_field:
                raise QgsProcessingException(self.tr("A mapping table needs the unit id field of the layer."))
            mapping, group_names = self._mapping(parameters, context, index)
        skip = self.parameterAsBoolean(parameters, self.SKIP_MISSING, context)
        results, is_city = [], []
        try:
            if mapping is not None:
                results.append(aggregate(data, mapping, catalogue=cat, skipna=skip, group_name="group_id"))
                is_city.append(False)
            if mapping is None or self.parameterAsBoolean(parameters, self.CITY_TOTAL, context):
                results.append(aggregate(data, None, catalogue=cat, skipna=skip, total_label=city_label,
                                         group_name="group_id"))
                is_city.append(True)
        except AggregationError as exc:
            raise QgsProcessingException(self.tr("Aggregation of “{0}”: {1}").format(lname, exc)) from exc
        for r in results:
            for w in r.attrs.get("warnings", []):
                feedback.pushWarning(w)
        chosen = list(dict.fromkeys(counts + rates))
        # plain frames: pandas compares ``attrs`` (which hold Series) when concatenating
        table = pd.concat([pd.DataFrame(r[chosen].to_numpy(dtype=float), index=r.index, columns=chosen)
                           for r in results])
        n_units = [int(n) for r in results for n in r.attrs["n_units"].reindex(r.index).to_numpy()]
        city_rows = [c for r, c in zip(results, is_city) for _ in range(len(r))]
        feedback.setProgress(50)

        # geometries: union of the member units per group (all units for the city)
        geoms = []
        if dissolve:
            member, everything = {}, []
            for u, geom in zip(index, geometries):
                if geom is None or geom.isEmpty():
                    continue
                everything.append(geom)
                if mapping is not None:
                    member.setdefault(mapping.get(u), []).append(geom)
            for g, city in zip(table.index, city_rows):
                if feedback.isCanceled():
                    return {}
                parts = everything if city else member.get(g, [])
                geoms.append(QgsGeometry.unaryUnion(parts) if parts else None)
        fields = QgsFields()
        fields.append(make_field("group_id", "string"))
        fields.append(make_field("group_name", "string"))
        fields.append(make_field("n_units", "int"))
        for c in chosen:
            f = fields_in.at(fields_in.lookupField(c))
            nf = make_field(c, "double")
            nf.setAlias(f.alias())
            fields.append(nf)
        wkb = QgsWkbTypes.multiType(source.wkbType()) if dissolve else NO_GEOMETRY
        sink, dest_id = self.parameterAsSink(parameters, self.OUTPUT, context, fields, wkb, source.sourceCrs())
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.OUTPUT))
        base = [[str(g), group_names.get(g, str(g)), n] for g, n in zip(table.index, n_units)]
        write_features(sink, fields, base, frame_rows(table), geoms if dissolve else None, feedback, (60.0, 100.0))
        feedback.pushInfo(self.tr("{0} groups from {1} units.").format(len(table), len(index)))
        return {self.OUTPUT: dest_id, self.GROUPS: len(table)}
