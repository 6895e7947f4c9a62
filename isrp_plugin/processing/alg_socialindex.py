"""isrp:socialindex — composite status and dynamics index (Berlin MSS scheme).

The computation is :func:`isrp_plugin.core.social_index.compute_social_index`; this module reads
the fields, passes the parameters and writes the classes back as fields.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
from qgis.core import (
    QgsFields,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
)

from ..core.social_index import HIGHER_BETTER, HIGHER_WORSE, IndexIndicator, SocialIndexError, compute_social_index
from ..qgis_io.compat import make_field
from ..qgis_io.layers import append_fields, frame_rows, read_columns, threaded_sink_ok
from ..qgis_io.settings import IsrpSettings
from .alg_loadatlas import ADVANCED, FIELD_ANY, FIELD_NUMERIC, NUMBER_DOUBLE, TYPE_VECTOR
from .base import IsrpAlgorithm

_WORSE = {"+", "higher_worse", "worse", "hw", "w", "1"}
_BETTER = {"-", "higher_better", "better", "hb", "b", "-1"}


def parse_polarity(text: str, status: list, dynamics: list) -> tuple:
    """Polarity per status and dynamics field from ``"+,-,+"`` or ``"field=-; other=+"``.

    ``+`` (or ``higher_worse``) = a high value means a low social status (the default), ``-`` (or
    ``higher_better``) = a high value means a high status. A positional list has one sign per status
    field (the dynamics fields then take the sign of the status field at the same position when both
    lists have the same length, else ``+``) or one per status field followed by one per dynamics field.
    Raises ValueError with a readable message.
    """
    text = (text or "").strip()
    pol_s = {f: HIGHER_WORSE for f in status}
    pol_d = {f: HIGHER_WORSE for f in dynamics}
    if not text:
        return pol_s, pol_d

    def sign(token: str) -> str:
        t = token.strip().casefold()
        if t in _WORSE:
            return HIGHER_WORSE
        if t in _BETTER:
            return HIGHER_BETTER
        raise ValueError(f"polarity '{token.strip()}' is not '+' (higher is worse) or '-' (higher is better)")

    tokens = [t for t in re.split(r"[,;\s]+", text) if t]
    named = [t for t in tokens if "=" in t or ":" in t]
    if named:
        if len(named) != len(tokens):
            raise ValueError("mix of named (field=+) and positional (+) polarities")
        for t in tokens:
            name, value = re.split(r"[=:]", t, maxsplit=1)
            name = name.strip()
            if name in pol_s:
                pol_s[name] = sign(value)
            elif name in pol_d:
                pol_d[name] = sign(value)
            else:
                raise ValueError(f"polarity given for '{name}', which is not a status or dynamics field")
        return pol_s, pol_d
    signs = [sign(t) for t in tokens]
    if len(signs) == len(status):
        for f, s in zip(status, signs):
            pol_s[f] = s
        if len(dynamics) == len(status):
            for f, s in zip(dynamics, signs):
                pol_d[f] = s
    elif len(signs) == len(status) + len(dynamics):
        for f, s in zip(status, signs[: len(status)]):
            pol_s[f] = s
        for f, s in zip(dynamics, signs[len(status):]):
            pol_d[f] = s
    else:
        raise ValueError(
            f"{len(signs)} polarities for {len(status)} status and {len(dynamics)} dynamics fields; give one per "
            "status field (optionally followed by one per dynamics field)"
        )
    return pol_s, pol_d


def parse_thresholds(text: str, n: int, default: tuple) -> tuple:
    """Ascending class boundaries from ``"-1, 1, 1.5"`` or ``"-1; 1; 1,5"`` (n values); default when empty."""
    text = (text or "").strip()
    if not text:
        return tuple(default)
    if ";" in text:
        tokens = [t.strip().replace(",", ".") for t in text.split(";")]
    else:
        tokens = re.split(r"[,\s]+", text)
    try:
        values = tuple(float(t) for t in tokens if t)
    except ValueError as exc:
        raise ValueError(f"class boundaries '{text}' are not numbers") from exc
    if len(values) != n or any(b <= a for a, b in zip(values, values[1:])):
        raise ValueError(f"class boundaries '{text}': expected {n} ascending numbers")
    return values


OUTPUT_NAMES = (
    "status_index", "status_class", "status_label", "dynamics_index", "dynamics_class", "dynamics_label",
    "index_group", "index_group_code", "index_excluded",
)


class SocialIndexAlgorithm(IsrpAlgorithm):
    INPUT = "INPUT"
    STATUS_FIELDS = "STATUS_FIELDS"
    DYNAMICS_FIELDS = "DYNAMICS_FIELDS"
    POLARITY = "POLARITY"
    POPULATION_FIELD = "POPULATION_FIELD"
    MIN_POPULATION = "MIN_POPULATION"
    ID_FIELD = "ID_FIELD"
    EXCLUDE = "EXCLUDE"
    STATUS_THRESHOLDS = "STATUS_THRESHOLDS"
    DYNAMICS_THRESHOLDS = "DYNAMICS_THRESHOLDS"
    SD = "SD"
    OUTPUT = "OUTPUT"
    INCLUDED = "INCLUDED"

    def name(self) -> str:  # noqa: D102
        return "socialindex"

    def displayName(self) -> str:  # noqa: N802, D102
        return self.tr("Social index (status and dynamics)")

    def group(self) -> str:  # noqa: D102
        return self.tr("Atlas")

    def groupId(self) -> str:  # noqa: N802, D102
        return "atlas"

    def shortHelpString(self) -> str:  # noqa: N802, D102
        return self.tr(
            "Composite social index after the Berlin “Monitoring Soziale Stadtentwicklung” (MSS). With the "
            "default settings it reproduces the official MSS 2021 classification of all 536 planning areas.\n\n"
            "Method: units with fewer inhabitants than the minimum population (default 300; exactly 300 is "
            "included), units on the exclusion list and units with a missing status value are left out and "
            "get no index and no class. For each status field z = (x − mean) / SD over the included units, "
            "with the population standard deviation (divisor n, as the MSS: the official z-values imply n = 536, "
            "not 535). z-values of fields where a higher value is better are negated; the z-values are summed "
            "and the sum is standardised again (mean 0, SD 1): that is the status index. Positive = lower "
            "status. The dynamics index applies the same steps to the change fields (e.g. percentage points "
            "over two years) of the units in the status index that have all change values. No rounding; a value "
            "exactly on a boundary goes to the class nearer the middle.\n\n"
            "Polarity: one sign per status field, comma-separated, '+' = higher is worse (default), "
            "'-' = higher is better, e.g. '+,-,+'; the dynamics fields take the sign of the status field at "
            "the same position, or append one sign per dynamics field; or name them: 'field=-'.\n\n"
            "Output fields: status_index (double), status_class (1 high status, 2 medium, 3 low, 4 very low; "
            "boundaries −1, +1, +1.5; NULL for excluded units), status_label (text), dynamics_index, "
            "dynamics_class (1 positive < −1, 2 stable, 3 negative > +1), dynamics_label, index_group "
            "(1–12 = (status − 1) × 3 + dynamics), index_group_code (MSS code such as '2+/-'), "
            "index_excluded (why a unit was left out), and z_<field> for each indicator."
        )

    def initAlgorithm(self, config=None):  # noqa: N802, D102
        settings = IsrpSettings.load()
        self.addParameter(QgsProcessingParameterFeatureSource(self.INPUT, self.tr("Units (layer or table)"),
                                                              [TYPE_VECTOR]))
        self.addParameter(QgsProcessingParameterField(
            self.STATUS_FIELDS, self.tr("Status indicator fields"), None, self.INPUT, FIELD_NUMERIC,
            allowMultiple=True))
        self.addParameter(QgsProcessingParameterField(
            self.DYNAMICS_FIELDS, self.tr("Dynamics fields (change of each indicator, e.g. percentage points)"),
            None, self.INPUT, FIELD_NUMERIC, allowMultiple=True, optional=True))
        self.addParameter(QgsProcessingParameterString(
            self.POLARITY, self.tr("Polarity per field ('+' higher is worse, '-' higher is better; e.g. +,-,+)"),
            optional=True))
        self.addParameter(QgsProcessingParameterField(
            self.POPULATION_FIELD, self.tr("Population field"), None, self.INPUT, FIELD_NUMERIC, optional=True))
        self.addParameter(QgsProcessingParameterNumber(
            self.MIN_POPULATION, self.tr("Minimum population (units below get no class)"), NUMBER_DOUBLE,
            defaultValue=float(settings.min_population), minValue=0))
        advanced = [
            QgsProcessingParameterField(self.ID_FIELD, self.tr("Unit id field (for the exclusion list)"), None,
                                        self.INPUT, FIELD_ANY, optional=True),
            QgsProcessingParameterString(self.EXCLUDE, self.tr("Exclude units (ids, comma-separated; outliers)"),
                                         optional=True),
            QgsProcessingParameterString(self.STATUS_THRESHOLDS, self.tr("Status class boundaries"),
                                         defaultValue="-1, 1, 1.5", optional=True),
            QgsProcessingParameterString(self.DYNAMICS_THRESHOLDS, self.tr("Dynamics class boundaries"),
                                         defaultValue="-1, 1", optional=True),
            QgsProcessingParameterEnum(self.SD, self.tr("Standard deviation"),
                                       [self.tr("population (divisor n, as MSS)"),
                                        self.tr("sample (divisor n − 1)")], defaultValue=0),
        ]
        for p in advanced:
            p.setFlags(p.flags() | ADVANCED)
            self.addParameter(p)
        self.addParameter(QgsProcessingParameterFeatureSink(self.OUTPUT, self.tr("Social index")))
        self.addOutput(QgsProcessingOutputNumber(self.INCLUDED, self.tr("Units in the index")))

    def status_labels(self) -> dict:
        return {1: self.tr("high"), 2: self.tr("medium"), 3: self.tr("low"), 4: self.tr("very low")}

    def dynamics_labels(self) -> dict:
        return {1: self.tr("positive"), 2: self.tr("stable"), 3: self.tr("negative")}

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802, D102
        source = self.parameterAsSource(parameters, self.INPUT, context)
        if source is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, self.INPUT))
        lname = source.sourceName()
        status = self.parameterAsFields(parameters, self.STATUS_FIELDS, context)
        dynamics = self.parameterAsFields(parameters, self.DYNAMICS_FIELDS, context) or []
        pop_field = self.parameterAsString(parameters, self.POPULATION_FIELD, context) or None
        id_field = self.parameterAsString(parameters, self.ID_FIELD, context) or None
        min_pop = self.parameterAsDouble(parameters, self.MIN_POPULATION, context)
        if not status:
            raise QgsProcessingException(self.tr("Choose at least one status indicator field."))
        fields_in = source.fields()
        for f in status + dynamics + [x for x in (pop_field, id_field) if x]:
            if fields_in.lookupField(f) < 0:
                raise QgsProcessingException(self.tr("The layer “{0}” has no field “{1}”. Its fields are: {2}.")
                                             .format(lname, f, ", ".join(fields_in.names())))
        try:
            pol_s, pol_d = parse_polarity(self.parameterAsString(parameters, self.POLARITY, context), status, dynamics)
            st = parse_thresholds(self.parameterAsString(parameters, self.STATUS_THRESHOLDS, context), 3,
                                  (-1.0, 1.0, 1.5))
            dt = parse_thresholds(self.parameterAsString(parameters, self.DYNAMICS_THRESHOLDS, context), 2,
                                  (-1.0, 1.0))
        except ValueError as exc:
            raise QgsProcessingException(self.tr("Invalid parameter: {0}.").format(exc)) from exc
        if pop_field is None:
            feedback.pushWarning(self.tr("No population field: no unit is left out for a small population."))

        cols = list(dict.fromkeys(status + dynamics + ([pop_field] if pop_field else [])))
        fids, data, _ = read_columns(source, cols + ([id_field] if id_field and id_field not in cols else []),
                                     feedback=feedback)
        if not fids:
            raise QgsProcessingException(self.tr("The layer “{0}” has no features.").format(lname))
        if id_field:
            ids = ["" if v is None else str(v) for v in data[id_field]]
            seen, dups = set(), []
            for v in ids:
                if v in seen:
                    dups.append(v)
                seen.add(v)
            if dups:
                raise QgsProcessingException(self.tr("The layer “{0}”, field “{1}”: duplicate ids {2}.").format(
                    lname, id_field, ", ".join(sorted(set(dups))[:20])))
        data.index = pd.Index(ids if id_field else fids, name="unit")
        data = data[cols]
        for c in cols:
            numeric = pd.to_numeric(data[c], errors="coerce")
            bad = data[c].notna() & numeric.isna()
            if bad.any():
                first = data.index[bad.to_numpy()][0]
                raise QgsProcessingException(self.tr(
                    "The layer “{0}”, field “{1}”: value “{2}” of unit {3} is not a number.").format(
                        lname, c, data.loc[first, c], first))
            data[c] = numeric
        exclude = [e.strip() for e in (self.parameterAsString(parameters, self.EXCLUDE, context) or "").split(",")
                   if e.strip()]
        if exclude and not id_field:
            raise QgsProcessingException(self.tr("The exclusion list needs the unit id field."))
        feedback.setProgress(20)
        try:
            res = compute_social_index(
                data,
                [IndexIndicator(f, pol_s[f]) for f in status],
                [IndexIndicator(f, pol_d[f]) for f in dynamics] or None,
                population=pop_field,
                min_population=min_pop if pop_field else None,
                exclude=exclude,
                ddof=self.parameterAsEnum(parameters, self.SD, context),
                status_thresholds=st,
                dynamics_thresholds=dt,
            )
        except SocialIndexError as exc:
            raise QgsProcessingException(self.tr("Social index of “{0}”: {1}").format(lname, exc)) from exc
        for w in res.warnings:
            feedback.pushWarning(w)
        t = res.table
        feedback.pushInfo(self.tr("{0} of {1} units in the index; left out: {2}.").format(
            int(t["included"].sum()), len(t),
            "; ".join(f"{u} ({r})" for u, r in t.loc[~t["included"], "exclusion_reason"].items()) or "-"))

        slab, dlab = self.status_labels(), self.dynamics_labels()
        out = pd.DataFrame(index=t.index)
        out["status_index"] = t["status_index"].astype(float)
        out["status_class"] = t["status_class"]
        out["status_label"] = t["status_class"].map(slab, na_action="ignore").astype(object)
        has_dyn = bool(dynamics)
        if has_dyn:
            out["dynamics_index"] = t["dynamics_index"].astype(float)
            out["dynamics_class"] = t["dynamics_class"]
            out["dynamics_label"] = t["dynamics_class"].map(dlab, na_action="ignore").astype(object)
            if "group" in t.columns:
                out["index_group"] = t["group"]
                out["index_group_code"] = t["group_code"].astype(object)
        out["index_excluded"] = t["exclusion_reason"].where(t["exclusion_reason"] != "", None).astype(object)
        for c in status + dynamics:
            out[f"z_{c}"] = t[f"z_{c}"].astype(float)
        for c in out.columns:
            if str(out[c].dtype) == "Int64":
                out[c] = out[c].astype(object).where(out[c].notna(), None)
        kinds = {c: ("double" if c.endswith("_index") or c.startswith("z_") else
                     "int" if c.endswith("_class") or c == "index_group" else "string") for c in out.columns}

        # the input's attributes are copied untouched; fields of an earlier run are overwritten
        existing = {c: fields_in.lookupField(c) for c in out.columns if fields_in.lookupField(c) >= 0}
        added = [c for c in out.columns if c not in existing]
        fields = QgsFields(fields_in)
        for c in added:
            fields.append(make_field(c, kinds[c]))
        sink, dest_id = self.parameterAsSink(parameters, self.OUTPUT, context, fields, source.wkbType(),
                                             source.sourceCrs())
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.OUTPUT))
        new_values, changes = {}, {}
        for fid, row in zip(fids, frame_rows(out)):
            d = dict(zip(out.columns, row))
            new_values[fid] = [d[c] for c in added]
            if existing:
                changes[fid] = {i: d[c] for c, i in existing.items()}
        append_fields(source, sink, fields, new_values, changes, feedback=feedback, progress=(30.0, 100.0),
                      background=threaded_sink_ok(dest_id, context))
        counts = out["status_class"].value_counts(dropna=True)
        feedback.pushInfo(self.tr("Status classes: {0}").format(
            ", ".join(f"{slab[k]} {int(counts.get(k, 0))}" for k in slab)))
        return {self.OUTPUT: dest_id, self.INCLUDED: int(np.sum(t["included"]))}
