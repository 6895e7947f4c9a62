"""isrp:priorities — priority areas: social status class × coverage, a ranked list and a 3×3 bivariate map.

The classification is pure numpy (functions at module level, no QGIS objects) so that it can be
tested and reused without the algorithm:

* status group (letter): A = high status, B = medium, C = low status (disadvantaged). From the MSS
  status classes of the social index (``core.social_index``: 1 hoch → A, 2 mittel → B,
  3 niedrig and 4 sehr niedrig → C) or from terciles of any status value (higher = lower status,
  as the MSS index; flip with STATUS_HIGHER_IS_BETTER);
* coverage tier (digit): 1 = good, 2 = medium, 3 = poor coverage. Terciles of the coverage ratio
  (poor: ratio < q⅓, medium: q⅓ ≤ ratio < q⅔, good: ratio ≥ q⅔, quantiles with linear
  interpolation over the units that have a ratio) or fixed breaks b1 < b2 (poor < b1 ≤ medium < b2 ≤ good);
* ``bivariate_class`` = letter + digit, "A1" … "C3"; "C3" = low status and poor coverage;
* ``priority_score`` = status tier (A 1, B 2, C 3) + coverage tier, 2 … 6;
* ``priority_rank``: 1 = highest priority; ordered by priority_score (descending), then places
  missing (GAP_FIELD, descending), then coverage ratio (ascending), then status value (lower
  status first). Units without a coverage ratio or without a status class get no class and no rank.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Dict, List, Optional, Tuple

import numpy as np
from qgis.core import (
    Qgis,
    QgsFeature,
    QgsFeatureRequest,
    QgsFeatureSink,
    QgsFields,
    QgsFillSymbol,
    QgsPalLayerSettings,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingLayerPostProcessorInterface,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterString,
    QgsRuleBasedRenderer,
    QgsTextBufferSettings,
    QgsTextFormat,
    QgsVectorLayerSimpleLabeling,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtGui import QColor

from ..__about__ import resource_path
from ..qgis_io import layers as io
from ..qgis_io.compat import is_null, make_field
from .alg_accessibility_common import FIELD_ANY, FIELD_NUMERIC, advanced, format_ids
from .base import IsrpAlgorithm

GROUPS = ("A", "B", "C")
#: Stevens / Teuling blue–red 3×3 bivariate scheme: rows = coverage tier 1…3, columns = status A…C.
#: A1 light grey; C1 red (low status, good coverage); A3 blue (high status, poor coverage); C3 dark.
BIVARIATE_COLOURS = (
    ("#e8e8e8", "#e4acac", "#c85a5a"),
    ("#b0d5df", "#ad9ea5", "#985356"),
    ("#64acbe", "#627f8c", "#574249"),
)
MSS_LABELS = {"hoch": 1, "mittel": 2, "niedrig": 3, "sehr niedrig": 4,
              "high": 1, "medium": 2, "low": 3, "very low": 4}
STYLE_PATH = resource_path("styles", "priorities.qml")
#: The polygon geometry type (Qgis.GeometryType from QGIS 3.30, QgsWkbTypes.GeometryType before).
_POLYGON = getattr(getattr(Qgis, "GeometryType", None), "Polygon", None) or QgsWkbTypes.GeometryType.PolygonGeometry
RESULT_FIELDS = ("status_value", "status_group", "coverage_value", "coverage_tier", "bivariate_class",
                 "priority_score", "priority_rank", "priority_note")


# --------------------------------------------------------------------------------------------
# pure classification
# --------------------------------------------------------------------------------------------


def parse_breaks(text: str) -> List[float]:
    """``"0.8, 1.0"`` / ``"0,8; 1,0"`` / ``"0.8 1"`` → [0.8, 1.0]; [] when not numbers."""
    parts = text.split(";") if ";" in text else re.split(r"[,\s]+", text)
    try:
        return [float(p.strip().replace(",", ".")) for p in parts if p.strip()]
    except ValueError:
        return []


def tercile_breaks(values: np.ndarray) -> Tuple[float, float]:
    """The 1/3 and 2/3 quantiles (linear interpolation) of the finite values (NaN when none)."""
    v = np.asarray(values, dtype=float)
    v = v[np.isfinite(v)]
    if not v.size:
        return float("nan"), float("nan")
    q1, q2 = np.quantile(v, [1.0 / 3.0, 2.0 / 3.0])
    return float(q1), float(q2)


def coverage_tiers(ratio: np.ndarray, breaks: Tuple[float, float]) -> np.ndarray:
    """1 good (ratio ≥ b2), 2 medium (b1 ≤ ratio < b2), 3 poor (ratio < b1); 0 where the ratio is NaN."""
    r = np.asarray(ratio, dtype=float)
    b1, b2 = breaks
    tier = np.where(r < b1, 3, np.where(r < b2, 2, 1))
    return np.where(np.isfinite(r), tier, 0).astype(int)


def status_tiers_from_classes(classes) -> np.ndarray:
    """MSS status classes 1 hoch → 1 (A), 2 mittel → 2 (B), 3 niedrig / 4 sehr niedrig → 3 (C); else 0."""
    out = np.zeros(len(classes), dtype=int)
    for i, c in enumerate(classes):
        if c is None:
            continue
        if isinstance(c, str):
            key = c.strip().lower()
            if key in MSS_LABELS:
                c = MSS_LABELS[key]
            else:
                try:
                    c = float(key.replace(",", "."))
                except ValueError:
                    continue
        try:
            c = float(c)
        except (TypeError, ValueError):
            continue
        if c in (1.0, 2.0):
            out[i] = int(c)
        elif c in (3.0, 4.0):
            out[i] = 3
    return out


def status_tiers_from_terciles(values: np.ndarray, higher_is_better: bool = False):
    """Terciles of a status value: lowest third of "disadvantage" → 1 (A), middle → 2 (B), top → 3 (C).

    ``disadvantage`` = value (higher = lower status, as the MSS index) or −value. Returns
    (tiers with 0 for NaN, (q1, q2) of the disadvantage).
    """
    v = np.asarray(values, dtype=float)
    w = -v if higher_is_better else v
    q1, q2 = tercile_breaks(w)
    tier = np.where(w <= q1, 1, np.where(w <= q2, 2, 3))
    return np.where(np.isfinite(w), tier, 0).astype(int), (q1, q2)


def rank_priorities(status_tier, coverage_tier, gap=None, ratio=None, status_value=None,
                    status_higher_is_better: bool = False) -> Tuple[np.ndarray, np.ndarray, List[Optional[str]]]:
    """(priority_score, priority_rank (0 = none), bivariate_class or None) per unit; see the module doc."""
    s = np.asarray(status_tier, dtype=int)
    c = np.asarray(coverage_tier, dtype=int)
    n = len(s)
    ok = (s > 0) & (c > 0)
    score = np.where(ok, s + c, 0)
    gap = np.zeros(n) if gap is None else np.nan_to_num(np.asarray(gap, dtype=float), nan=-np.inf)
    ratio = np.zeros(n) if ratio is None else np.nan_to_num(np.asarray(ratio, dtype=float), nan=np.inf)
    sv = np.zeros(n) if status_value is None else np.asarray(status_value, dtype=float)
    disadvantage = np.nan_to_num(-sv if status_higher_is_better else sv, nan=-np.inf)
    # np.lexsort: last key is the primary one; ties stay in input order (stable)
    order = np.lexsort((np.arange(n), -disadvantage, ratio, -gap, -score))
    order = order[ok[order]]
    rank = np.zeros(n, dtype=int)
    rank[order] = np.arange(1, len(order) + 1)
    classes = [f"{GROUPS[si - 1]}{ci}" if o else None for si, ci, o in zip(s, c, ok)]
    return score, rank, classes


# --------------------------------------------------------------------------------------------
# style
# --------------------------------------------------------------------------------------------


class PrioritiesStyles:
    @staticmethod
    def tr(message: str) -> str:
        return QCoreApplication.translate("PrioritiesStyles", message)

    @classmethod
    def labels(cls) -> Dict[str, str]:
        status = {"A": PrioritiesStyles.tr("high status"), "B": PrioritiesStyles.tr("medium status"),
                  "C": PrioritiesStyles.tr("low status")}
        coverage = {1: PrioritiesStyles.tr("good coverage"), 2: PrioritiesStyles.tr("medium coverage"),
                    3: PrioritiesStyles.tr("poor coverage")}
        return {f"{g}{t}": f"{g}{t} – {status[g]}, {coverage[t]}" for g in GROUPS for t in (1, 2, 3)}

    @classmethod
    def renderer(cls) -> QgsRuleBasedRenderer:
        """Nine rules (C3 first: highest priority) and one for units without class."""
        root = QgsRuleBasedRenderer.Rule(None)
        labels = cls.labels()
        for g in reversed(GROUPS):
            for t in (3, 2, 1):
                colour = BIVARIATE_COLOURS[t - 1][GROUPS.index(g)]
                sym = QgsFillSymbol.createSimple({"color": colour, "outline_color": "#ffffff",
                                                  "outline_width": "0.4"})
                root.appendChild(QgsRuleBasedRenderer.Rule(sym, 0, 0, f"\"bivariate_class\" = '{g}{t}'",
                                                           labels[f"{g}{t}"]))
        nul = QgsFillSymbol.createSimple({"color": "#9e9e9e", "style": "b_diagonal", "outline_color": "#9e9e9e",
                                          "outline_width": "0.3"})  # grey hatching on no fill
        none_label = PrioritiesStyles.tr("no class (no coverage ratio or no status class)")
        root.appendChild(QgsRuleBasedRenderer.Rule(nul, 0, 0, "\"bivariate_class\" IS NULL", none_label))
        return QgsRuleBasedRenderer(root)

    @classmethod
    def labeling(cls) -> QgsVectorLayerSimpleLabeling:
        """The rank of the ten highest priorities on the map."""
        settings = QgsPalLayerSettings()
        settings.isExpression = True
        settings.fieldName = "if(\"priority_rank\" > 0 AND \"priority_rank\" <= 10, to_string(\"priority_rank\"), '')"
        fmt = QgsTextFormat()
        fmt.setSize(9)
        fmt.setColor(QColor("#000000"))
        font = fmt.font()
        font.setBold(True)
        fmt.setFont(font)
        buf = QgsTextBufferSettings()
        buf.setEnabled(True)
        buf.setSize(1.0)
        buf.setColor(QColor("#ffffff"))
        fmt.setBuffer(buf)
        settings.setFormat(fmt)
        return QgsVectorLayerSimpleLabeling(settings)

    @classmethod
    def apply(cls, layer) -> None:
        """Renderer and labels built here (translated legend); resources/styles/priorities.qml is the same
        style as a file for users (written by :func:`write_style_file`)."""
        if layer is None:
            return
        if QgsWkbTypes.geometryType(layer.wkbType()) == _POLYGON:
            layer.setRenderer(cls.renderer())
            layer.setLabeling(cls.labeling())
            layer.setLabelsEnabled(True)
        layer.triggerRepaint()


class PrioritiesStyler(QgsProcessingLayerPostProcessorInterface):
    _alive = []

    def postProcessLayer(self, layer, context, feedback):  # noqa: N802, D102
        PrioritiesStyles.apply(layer)

    @classmethod
    def attach(cls, context, dest_id) -> None:
        if dest_id and context.willLoadLayerOnCompletion(dest_id):
            styler = cls()
            cls._alive.append(styler)
            del cls._alive[:-32]
            context.layerToLoadOnCompletionDetails(dest_id).setPostProcessor(styler)


# --------------------------------------------------------------------------------------------
# algorithm
# --------------------------------------------------------------------------------------------


def _float(value) -> float:
    if is_null(value):
        return float("nan")
    try:
        return float(value)
    except (TypeError, ValueError):
        return float("nan")


class PrioritiesAlgorithm(IsrpAlgorithm):
    INPUT = "INPUT"
    ID_FIELD = "ID_FIELD"
    COVERAGE_FIELD = "COVERAGE_FIELD"
    GAP_FIELD = "GAP_FIELD"
    COVERAGE_BREAKS = "COVERAGE_BREAKS"
    SOCIAL = "SOCIAL"
    SOCIAL_ID_FIELD = "SOCIAL_ID_FIELD"
    STATUS_FIELD = "STATUS_FIELD"
    STATUS_CLASSES = "STATUS_CLASSES"
    STATUS_HIGHER_IS_BETTER = "STATUS_HIGHER_IS_BETTER"
    OUTPUT = "OUTPUT"

    def name(self) -> str:  # noqa: D102
        return "priorities"

    def displayName(self) -> str:  # noqa: N802, D102
        return self.tr("Priority areas (social status × coverage)")

    def group(self) -> str:  # noqa: D102
        return self.tr("Analyses")

    def groupId(self) -> str:  # noqa: N802, D102
        return "analyses"

    def shortHelpString(self) -> str:  # noqa: N802, D102
        return self.tr(
            "Combines the social status of each unit (from the social index of the atlas) with its coverage (from "
            "“Coverage of need”) into a 3×3 bivariate class and a ranked list, so that units with low social "
            "status and poor coverage stand out.\n\n"
            "Criteria:\n"
            "Status group (letter): with STATUS_CLASSES = MSS classes, the status class of the social index: "
            "1 (high) → A, 2 (medium) → B, 3 (low) and 4 (very low) → C; with terciles, the thirds of the status "
            "value (higher value = lower status, as the MSS index; tick STATUS_HIGHER_IS_BETTER for the opposite): "
            "lowest third → A, middle → B, top third → C.\n"
            "Coverage tier (digit): terciles of the coverage ratio over the units that have one (q⅓, q⅔): "
            "ratio ≥ q⅔ → 1 (good), q⅓ ≤ ratio < q⅔ → 2, ratio < q⅓ → 3 (poor); or fixed breaks "
            "(COVERAGE_BREAKS, e.g. 0.8, 1.0: ratio < 0.8 → 3, 0.8 ≤ ratio < 1.0 → 2, ratio ≥ 1.0 → 1).\n"
            "bivariate_class: letter + digit, A1 … C3; C3 = low status and poor coverage.\n"
            "priority_score: status tier (A 1, B 2, C 3) + coverage tier, from 2 to 6.\n"
            "priority_rank: 1 = highest priority, ordered by priority_score (descending), then places missing "
            "(GAP_FIELD, descending), then coverage ratio (ascending), then status value (lower status first).\n"
            "Units without a coverage ratio (no need, nobody reaches a facility) or without a status class "
            "(too few inhabitants) get no class and no rank; priority_note says why.\n\n"
            "The social index may be a field of the coverage layer (SOCIAL empty) or of another layer (SOCIAL) "
            "joined by ID_FIELD = SOCIAL_ID_FIELD (compared as text).\n\n"
            "Output: the units (sorted by rank) with their fields plus status_value, status_group, "
            "coverage_value, coverage_tier, bivariate_class, priority_score, priority_rank and priority_note. "
            "Loaded into the project with a 3×3 blue–red bivariate colour scheme (Stevens / Teuling) and the "
            "ranks 1–10 as labels."
        )

    def initAlgorithm(self, config=None):  # noqa: N802, D102
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.INPUT, self.tr("Coverage per unit (output of “Coverage of need”)"),
            [QgsProcessing.SourceType.TypeVector]))
        self.addParameter(QgsProcessingParameterField(
            self.ID_FIELD, self.tr("Unit id field (to join the social index)"), None, self.INPUT, FIELD_ANY,
            optional=True))
        self.addParameter(QgsProcessingParameterField(
            self.COVERAGE_FIELD, self.tr("Coverage ratio field (empty: coverage_ratio)"), "coverage_ratio", self.INPUT,
            FIELD_NUMERIC, optional=True))
        self.addParameter(QgsProcessingParameterField(
            self.GAP_FIELD, self.tr("Places missing field (ranking within a class)"), "places_gap", self.INPUT,
            FIELD_NUMERIC, optional=True))
        self.addParameter(QgsProcessingParameterString(
            self.COVERAGE_BREAKS, self.tr("Coverage breaks b1, b2 (empty: terciles), e.g. 0.8, 1.0"), "",
            optional=True))
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.SOCIAL, self.tr("Social index layer (empty: the status field is in the coverage layer)"),
            [QgsProcessing.SourceType.TypeVector], optional=True))
        self.addParameter(QgsProcessingParameterField(
            self.SOCIAL_ID_FIELD, self.tr("Unit id field of the social index layer"), None, self.SOCIAL, FIELD_ANY,
            optional=True))
        self.addParameter(QgsProcessingParameterString(
            self.STATUS_FIELD, self.tr("Status field (class 1–4 or status value)"), "status_class"))
        self.addParameter(QgsProcessingParameterEnum(
            self.STATUS_CLASSES, self.tr("Status groups from"),
            [self.tr("MSS status classes (1 → A, 2 → B, 3 and 4 → C)"),
             self.tr("terciles of the status value")], defaultValue=0))
        self.addParameter(advanced(QgsProcessingParameterBoolean(
            self.STATUS_HIGHER_IS_BETTER, self.tr("Higher status value = better status (terciles only)"), False)))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.OUTPUT, self.tr("Priority areas"), QgsProcessing.SourceType.TypeVector))
        for key in ("RANKED", "UNCLASSIFIED", "C3"):
            self.addOutput(QgsProcessingOutputNumber(key, key.lower()))
        self.addOutput(QgsProcessingOutputString("CRITERIA", self.tr("Classification criteria (JSON)")))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802, D102
        source = self.parameterAsSource(parameters, self.INPUT, context)
        if source is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, self.INPUT))
        name = source.sourceName()
        fields = source.fields()
        cov_field = self.parameterAsString(parameters, self.COVERAGE_FIELD, context) or "coverage_ratio"
        gap_field = self.parameterAsString(parameters, self.GAP_FIELD, context)
        id_field = self.parameterAsString(parameters, self.ID_FIELD, context)
        status_field = (self.parameterAsString(parameters, self.STATUS_FIELD, context) or "").strip()
        use_classes = self.parameterAsEnum(parameters, self.STATUS_CLASSES, context) == 0
        higher_better = self.parameterAsBool(parameters, self.STATUS_HIGHER_IS_BETTER, context)
        for f, key in ((cov_field, self.COVERAGE_FIELD), (gap_field, self.GAP_FIELD), (id_field, self.ID_FIELD)):
            if f and fields.lookupField(f) < 0:
                raise QgsProcessingException(self.tr("Layer “{0}” has no field “{1}” ({2}).").format(name, f, key))
        if not status_field:
            raise QgsProcessingException(self.tr("STATUS_FIELD is empty: name the field of the social status class "
                                                 "or value (e.g. status_class)."))
        breaks_text = (self.parameterAsString(parameters, self.COVERAGE_BREAKS, context) or "").strip()
        fixed = None
        if breaks_text:
            vals = parse_breaks(breaks_text)
            if len(vals) != 2 or not vals[0] < vals[1]:
                raise QgsProcessingException(self.tr("COVERAGE_BREAKS “{0}”: give two increasing numbers b1, b2, "
                                                     "e.g. 0.8, 1.0 (or leave empty for terciles).")
                                             .format(breaks_text))
            fixed = (vals[0], vals[1])

        # read the units
        feats, ids, ratio, gap, status_raw = [], [], [], [], []
        own_status = fields.lookupField(status_field)
        social = self.parameterAsSource(parameters, self.SOCIAL, context)
        if social is None and own_status < 0:
            raise QgsProcessingException(self.tr("Layer “{0}” has no field “{1}” (STATUS_FIELD); give the social "
                                                 "index layer in SOCIAL or choose the status field.")
                                         .format(name, status_field))
        if social is not None and not id_field:
            raise QgsProcessingException(self.tr("To join the social index layer, choose ID_FIELD (the unit id of "
                                                 "“{0}”).").format(name))
        total = source.featureCount() or 0
        for i, feat in enumerate(source.getFeatures()):
            if feedback.isCanceled():
                return {}
            if total:
                feedback.setProgress(50.0 * i / total)
            feats.append(feat)
            attrs = feat.attributes()
            ids.append(attrs[fields.lookupField(id_field)] if id_field else feat.id())
            ratio.append(_float(feat[cov_field]))
            gap.append(_float(feat[gap_field]) if gap_field else float("nan"))
            if social is None:
                v = attrs[own_status]
                status_raw.append(None if is_null(v) else v)
        if not feats:
            raise QgsProcessingException(self.tr("Layer “{0}” has no features.").format(name))
        if social is not None:
            status_raw = self._join_social(parameters, context, feedback, social, ids, status_field, id_field)
        ratio = np.asarray(ratio, dtype=float)
        gap_arr = np.asarray(gap, dtype=float) if gap_field else None

        # classify
        status_value = np.array([_float(v) if not isinstance(v, str) or v.strip().lower() not in MSS_LABELS
                                 else float(MSS_LABELS[v.strip().lower()]) for v in status_raw], dtype=float)
        if use_classes:
            s_tier = status_tiers_from_classes(status_raw)
            bad = [ids[i] for i, (v, t) in enumerate(zip(status_raw, s_tier)) if v is not None and t == 0]
            if bad:
                feedback.pushWarning(self.tr("{0} units have a status value that is not an MSS class 1–4 (use "
                                             "terciles for a continuous index): {1}").format(len(bad), format_ids(bad)))
            status_rule = self.tr("MSS status classes: 1 → A, 2 → B, 3 and 4 → C")
            s_breaks = None
        else:
            s_tier, s_breaks = status_tiers_from_terciles(status_value, higher_better)
            status_rule = self.tr("terciles of {0} ({1}): A ≤ {2:.4g} < B ≤ {3:.4g} < C").format(
                status_field, self.tr("higher = better") if higher_better else self.tr("higher = lower status"),
                -s_breaks[0] if higher_better else s_breaks[0], -s_breaks[1] if higher_better else s_breaks[1])
        c_breaks = fixed if fixed is not None else tercile_breaks(ratio)
        c_tier = coverage_tiers(ratio, c_breaks)
        if fixed is not None:
            cov_rule = self.tr("fixed breaks: 3 (poor) < {0:g} ≤ 2 < {1:g} ≤ 1 (good)").format(*c_breaks)
        else:
            cov_rule = self.tr("terciles of {0}: 3 (poor) < {1:.4g} ≤ 2 < {2:.4g} ≤ 1 (good)").format(
                cov_field, *c_breaks)
        n_ratio = int(np.isfinite(ratio).sum())
        if fixed is None and n_ratio < 3:
            feedback.pushWarning(self.tr("Only {0} units have a coverage ratio: terciles are not meaningful; give "
                                         "COVERAGE_BREAKS.").format(n_ratio))
        score, rank, classes = rank_priorities(s_tier, c_tier, gap_arr, ratio, status_value, higher_better)
        notes = []
        for i in range(len(feats)):
            if classes[i] is not None:
                notes.append(None)
            elif c_tier[i] == 0 and s_tier[i] == 0:
                notes.append(self.tr("no coverage ratio and no status class"))
            elif c_tier[i] == 0:
                notes.append(self.tr("no coverage ratio"))
            else:
                notes.append(self.tr("no status class"))
        criteria = [
            self.tr("Status group: {0}.").format(status_rule),
            self.tr("Coverage tier ({0}): {1}.").format(cov_field, cov_rule),
            self.tr("Rank: priority_score = status tier (A 1, B 2, C 3) + coverage tier, descending; then {0} "
                    "descending; then {1} ascending; then the status value (lower status first).")
            .format(gap_field or self.tr("(no gap field)"), cov_field),
        ]
        for line in criteria:
            feedback.pushInfo(line)

        # write, sorted by rank
        out_fields = QgsFields(fields)
        clash = [n for n in RESULT_FIELDS if fields.lookupField(n) >= 0]
        if clash:
            raise QgsProcessingException(self.tr("Layer “{0}” already has the field(s) {1}; run on the coverage "
                                                 "output, not on a priorities output.").format(name, ", ".join(clash)))
        for n, kind in (("status_value", "double"), ("status_group", "string"), ("coverage_value", "double"),
                        ("coverage_tier", "int"), ("bivariate_class", "string"), ("priority_score", "int"),
                        ("priority_rank", "int"), ("priority_note", "string")):
            out_fields.append(make_field(n, kind))
        sink, dest = self.parameterAsSink(parameters, self.OUTPUT, context, out_fields, source.wkbType(),
                                          source.sourceCrs())
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.OUTPUT))
        order = sorted(range(len(feats)), key=lambda i: (rank[i] == 0, rank[i], i))
        for n_done, i in enumerate(order):
            f = feats[i]
            out = QgsFeature(out_fields)
            out.setGeometry(f.geometry())
            grp = GROUPS[s_tier[i] - 1] if s_tier[i] > 0 else None
            out.setAttributes(list(f.attributes()) + [
                None if not np.isfinite(status_value[i]) else float(status_value[i]), grp,
                None if not np.isfinite(ratio[i]) else float(ratio[i]), int(c_tier[i]) or None, classes[i],
                int(score[i]) or None, int(rank[i]) or None, notes[i]])
            sink.addFeature(out, QgsFeatureSink.Flag.FastInsert)
            feedback.setProgress(50.0 + 50.0 * n_done / len(order))
        ranked = int((rank > 0).sum())
        top = [f"{rank[i]}. {ids[i]} ({classes[i]})" for i in order[: min(10, ranked)]]
        feedback.pushInfo(self.tr("{0} units ranked, {1} without class; C3 (low status, poor coverage): {2}.")
                          .format(ranked, len(feats) - ranked, sum(c == "C3" for c in classes)))
        if top:
            feedback.pushInfo(self.tr("Highest priorities: {0}").format("; ".join(top)))
        PrioritiesStyler.attach(context, dest)
        return {
            self.OUTPUT: dest,
            "RANKED": ranked,
            "UNCLASSIFIED": len(feats) - ranked,
            "C3": sum(c == "C3" for c in classes),
            "CRITERIA": json.dumps({"status": status_rule, "coverage": cov_rule,
                                    "coverage_breaks": list(c_breaks),
                                    "status_breaks": list(s_breaks) if s_breaks else None,
                                    "rank": criteria[2]}, ensure_ascii=False),
        }

    def _join_social(self, parameters, context, feedback, social, ids, status_field, id_field):
        sname = social.sourceName()
        sfields = social.fields()
        sid = self.parameterAsString(parameters, self.SOCIAL_ID_FIELD, context) or id_field
        for f, key in ((sid, self.SOCIAL_ID_FIELD), (status_field, self.STATUS_FIELD)):
            if sfields.lookupField(f) < 0:
                raise QgsProcessingException(self.tr("Layer “{0}” has no field “{1}” ({2}).").format(sname, f, key))
        req = QgsFeatureRequest().setFlags(QgsFeatureRequest.Flag.NoGeometry)
        req.setSubsetOfAttributes([sid, status_field], sfields)
        values, dup = {}, set()
        for feat in social.getFeatures(req):
            k = feat[sid]
            if is_null(k):
                continue
            key = io._qgis_string(k)
            v = feat[status_field]
            if key in values:
                dup.add(key)
                continue
            values[key] = None if is_null(v) else v
        if dup:
            feedback.pushWarning(self.tr("Layer “{0}”: {1} ids occur more than once in “{2}”; the first is used: {3}")
                                 .format(sname, len(dup), sid, format_ids(sorted(dup))))
        keys = [None if is_null(i) else io._qgis_string(i) for i in ids]
        missing = [k for k in keys if k not in values]
        if missing:
            feedback.pushWarning(self.tr("{0} units have no row in the social index layer “{1}” (matched {2} = {3}): "
                                         "{4}").format(len(missing), sname, id_field, sid, format_ids(missing)))
        feedback.pushInfo(self.tr("Social index: “{0}” of layer “{1}”, joined for {2} of {3} units.")
                          .format(status_field, sname, len(keys) - len(missing), len(keys)))
        return [values.get(k) for k in keys]


def write_style_file(path: Path = STYLE_PATH) -> Path:
    """Write the priorities QML (renderer + rank labels) from :class:`PrioritiesStyles` (for the repository)."""
    from qgis.core import QgsMapLayer, QgsVectorLayer

    layer = QgsVectorLayer("MultiPolygon?crs=EPSG:25832&field=bivariate_class:string&field=priority_rank:integer",
                           "priorities", "memory")
    layer.setRenderer(PrioritiesStyles.renderer())
    layer.setLabeling(PrioritiesStyles.labeling())
    layer.setLabelsEnabled(True)
    categories = QgsMapLayer.StyleCategory.Symbology | QgsMapLayer.StyleCategory.Labeling
    layer.saveNamedStyle(str(path), categories=categories)
    return path
