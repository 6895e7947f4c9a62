"""isrp:similardistricts — rank districts by similarity to a chosen one.

The ranking is :func:`isrp_plugin.core.similarity.rank_similar` (standardised Euclidean distance).
"""

from __future__ import annotations

import pandas as pd
from qgis.core import (
    QgsFields,
    QgsProcessingException,
    QgsProcessingOutputString,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
)

from ..core.atlas_tables import normalise_id
from ..core.similarity import SimilarityError, rank_similar
from ..qgis_io.compat import make_field
from ..qgis_io.layers import append_fields, read_columns, threaded_sink_ok
from .alg_loadatlas import FIELD_ANY, FIELD_NUMERIC, NUMBER_INTEGER, TYPE_VECTOR
from .base import IsrpAlgorithm


class SimilarDistrictsAlgorithm(IsrpAlgorithm):
    INPUT = "INPUT"
    ID_FIELD = "ID_FIELD"
    TARGET = "TARGET"
    FIELDS = "FIELDS"
    TOP = "TOP"
    OUTPUT = "OUTPUT"
    SIMILAR = "SIMILAR"

    def name(self) -> str:  # noqa: D102
        return "similardistricts"

    def displayName(self) -> str:  # noqa: N802, D102
        return self.tr("Similar districts")

    def group(self) -> str:  # noqa: D102
        return self.tr("Atlas")

    def groupId(self) -> str:  # noqa: N802, D102
        return "atlas"

    def shortHelpString(self) -> str:  # noqa: N802, D102
        return self.tr(
            "Ranks the other districts by how similar they are to a chosen district over the chosen "
            "indicators.\n\n"
            "Each indicator is standardised (z = (x − mean) / SD over the districts with a value, population "
            "SD) so that indicators in different units weigh equally; the distance is the Euclidean distance "
            "of the z-values. Missing values: a pair is compared over the indicators both have, scaled up to "
            "all indicators; n_common says how many. Indicators without variation are left out (warning).\n\n"
            "Output: the districts sorted by similarity with sim_rank (0 = the chosen district, 1 = most "
            "similar; ties share a rank; NULL when no common indicator), sim_distance (in standard deviations) "
            "and sim_n_common. The output SIMILAR lists the ids of the most similar districts (Top N)."
        )

    def initAlgorithm(self, config=None):  # noqa: N802, D102
        self.addParameter(QgsProcessingParameterFeatureSource(self.INPUT, self.tr("Districts"), [TYPE_VECTOR]))
        self.addParameter(QgsProcessingParameterField(
            self.ID_FIELD, self.tr("District id field"), None, self.INPUT, FIELD_ANY))
        self.addParameter(QgsProcessingParameterString(self.TARGET, self.tr("District to compare with (id)")))
        self.addParameter(QgsProcessingParameterField(
            self.FIELDS, self.tr("Indicator fields"), None, self.INPUT, FIELD_NUMERIC, allowMultiple=True))
        self.addParameter(QgsProcessingParameterNumber(
            self.TOP, self.tr("Top N (listed in SIMILAR; 0 = all)"), NUMBER_INTEGER, defaultValue=5, minValue=0))
        self.addParameter(QgsProcessingParameterFeatureSink(self.OUTPUT, self.tr("Similar districts")))
        self.addOutput(QgsProcessingOutputString(self.SIMILAR, self.tr("Most similar district ids")))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802, D102
        source = self.parameterAsSource(parameters, self.INPUT, context)
        if source is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, self.INPUT))
        lname = source.sourceName()
        fields_in = source.fields()
        id_field = self.parameterAsString(parameters, self.ID_FIELD, context)
        target = normalise_id([self.parameterAsString(parameters, self.TARGET, context)])[0]
        cols = self.parameterAsFields(parameters, self.FIELDS, context) or []
        top = self.parameterAsInt(parameters, self.TOP, context)
        if not cols:
            raise QgsProcessingException(self.tr("Choose at least one indicator field."))
        for f in [id_field] + cols:
            if fields_in.lookupField(f) < 0:
                raise QgsProcessingException(self.tr("The layer “{0}” has no field “{1}”. Its fields are: {2}.")
                                             .format(lname, f, ", ".join(fields_in.names())))
        fids, data, _ = read_columns(source, list(dict.fromkeys([id_field] + cols)), feedback=feedback)
        ids = normalise_id(pd.Series(list(data[id_field]), dtype=object))
        if ids.duplicated().any():
            raise QgsProcessingException(self.tr("The layer “{0}”, field “{1}”: duplicate ids {2}.").format(
                lname, id_field, ", ".join(sorted(set(ids[ids.duplicated()]))[:20])))
        if target not in set(ids):
            raise QgsProcessingException(self.tr("The layer “{0}” has no district with {1} = “{2}”.").format(
                lname, id_field, target))
        data = data[cols].copy()
        data.index = pd.Index(list(ids), name="unit")
        data = data.apply(pd.to_numeric, errors="coerce").astype(float)
        try:
            res = rank_similar(data, target, cols)
        except SimilarityError as exc:
            raise QgsProcessingException(self.tr("Similar districts: {0}").format(exc)) from exc
        for w in res.warnings:
            feedback.pushWarning(w)

        names = ("sim_rank", "sim_distance", "sim_n_common")
        existing = {n: fields_in.lookupField(n) for n in names if fields_in.lookupField(n) >= 0}
        added = [n for n in names if n not in existing]
        fields = QgsFields(fields_in)
        for name, kind in zip(names, ("int", "double", "int")):
            if name in added:
                fields.append(make_field(name, kind))
        sink, dest_id = self.parameterAsSink(parameters, self.OUTPUT, context, fields, source.wkbType(),
                                             source.sourceCrs())
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.OUTPUT))
        fid_of = dict(zip(ids, fids))
        order = [target] + list(res.ranking.index)
        new_values, changes = {}, {}
        for u in order:
            if u == target:
                vals = [0, 0.0, len(res.indicators)]
            else:
                r = res.ranking.loc[u]
                vals = [None if pd.isna(r["rank"]) else int(r["rank"]),
                        None if pd.isna(r["distance"]) else float(r["distance"]), int(r["n_common"])]
            d = dict(zip(names, vals))
            new_values[fid_of[u]] = [d[n] for n in added]
            if existing:
                changes[fid_of[u]] = {i: d[n] for n, i in existing.items()}
        append_fields(source, sink, fields, new_values, changes, order=[fid_of[u] for u in order], feedback=feedback,
                      progress=(30.0, 100.0), background=threaded_sink_ok(dest_id, context))
        best = res.ranking.dropna(subset=["distance"])
        best = best if top == 0 else best.head(top)
        feedback.pushInfo(self.tr("Most similar to {0}: {1}").format(
            target, ", ".join(f"{u} ({d:.2f})" for u, d in best["distance"].items())))
        return {self.OUTPUT: dest_id, self.SIMILAR: ",".join(map(str, best.index))}
