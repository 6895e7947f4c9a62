"""Map styles for atlas layers: graduated choropleths and the social-index classes.

Everything here builds ordinary QGIS renderers (``QgsGraduatedSymbolRenderer``,
``QgsCategorizedSymbolRenderer``), so the maps print, export and can be edited like any QGIS style.

Choropleth conventions
----------------------
* Classes: 5, by quantiles (default) or natural breaks (Jenks), computed by QGIS's own
  classification methods over the units that are shown in colour (small units and missing values
  left out).
* Colours (ColorBrewer, readable in print and by colour-blind readers): sequential **YlOrRd** for
  indicators where a higher value is worse, **YlGnBu** otherwise; **diverging** ramps symmetric
  around 0 for z-values and changes: **RdBu** (red = worse: an increase of a higher-is-worse
  indicator, a decrease of a higher-is-better one) and **PuOr** for neutral indicators. Symmetric
  means equal class widths from −m to +m with m = the largest absolute value, so 0 lies in the
  middle class.
* Units below the minimum population are drawn hatched grey ("fewer than 300 inhabitants"),
  units without a value light grey ("no data or suppressed (.)": the office's '.' arrives as
  NULL). A graduated renderer draws no feature whose value is NULL, so the class attribute is an
  expression that maps those two groups to fixed sentinel values with their own legend entries
  (:data:`SMALL_SENTINEL`, :data:`NODATA_SENTINEL`).
* Legend: class labels carry the unit (``4.1 – 5.3 %``; changes of percentages in percentage points);
  the title "label year (unit)" is set as the layer tree's legend title (used by print layouts)
  and kept in the layer property ``isrp/legend_title``.
* Labels (optional) show the value (no decimals for whole numbers, else one); values that
  confidentiality rules would suppress (counts 0 < x < threshold, rates whose numerator or
  denominator is) and missing values show ``.`` ("unknown or confidential").
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Iterable, List, Optional, Sequence

from qgis.core import (
    QgsCategorizedSymbolRenderer,
    QgsClassificationJenks,
    QgsClassificationQuantile,
    QgsColorBrewerColorRamp,
    QgsExpression,
    QgsFillSymbol,
    QgsGraduatedSymbolRenderer,
    QgsLinePatternFillSymbolLayer,
    QgsPalLayerSettings,
    QgsProject,
    QgsRendererCategory,
    QgsRendererRange,
    QgsTextBufferSettings,
    QgsTextFormat,
    QgsVectorLayer,
    QgsVectorLayerSimpleLabeling,
)
from qgis.PyQt.QtCore import QCoreApplication, QLocale
from qgis.PyQt.QtGui import QColor

from .layers import no_geometry_request

SMALL_SENTINEL = -9.0e15
NODATA_SENTINEL = -8.0e15
OUTLINE = "255,255,255"
STATUS_COLOURS = {1: "#2c7bb6", 2: "#abd9e9", 3: "#fdae61", 4: "#d7191c"}  # ColorBrewer RdYlBu (4), blue = high
DYNAMICS_COLOURS = {1: "#1a9641", 2: "#ffffbf", 3: "#d7191c"}  # RdYlGn (3): green = positive, red = negative
LEGEND_TITLE_PROPERTY = "legend/title-label"
_translate = QCoreApplication.translate  # pylupdate5 extracts _translate("Context", "text")


@dataclass
class IndicatorMeta:
    """What a map needs to know about an indicator (one entry of ``isrp:loadatlas``'s INDICATORS)."""

    field: str
    label: str = ""
    unit: str = ""
    polarity: str = "neutral"
    kind: str = ""
    years: List[int] = field(default_factory=list)
    numerator: Optional[str] = None
    denominator: Optional[str] = None
    change_field: Optional[str] = None

    @classmethod
    def from_dict(cls, d: dict) -> IndicatorMeta:
        return cls(
            field=d["field"], label=d.get("label") or d["field"], unit=d.get("unit") or "",
            polarity=d.get("polarity") or "neutral", kind=d.get("kind") or "",
            years=[int(y) for y in d.get("years") or []], numerator=d.get("numerator"),
            denominator=d.get("denominator"), change_field=d.get("change_field"),
        )

    def value_field(self, year: int) -> str:
        return f"{self.field}_{year}"

    def change_expression(self, layer_fields: Sequence[str], y0: int, y1: int) -> str:
        """The change field ``<ind>_chg_<y0>_<y1>`` if the layer has it, else the expression ``"b_y1" - "b_y0"``."""
        name = f"{self.field}_chg_{y0}_{y1}"
        if name in layer_fields:
            return name
        q = QgsExpression.quotedColumnRef
        return f"{q(self.value_field(y1))} - {q(self.value_field(y0))}"

    def change_unit(self) -> str:
        """Unit of a change: percentage points for percentages."""
        return _translate("IsrpStyling", "pp") if self.unit == "%" else self.unit


def unit_text(unit: str) -> str:
    """Short unit for legends (translated where it is a word)."""
    words = {
        "persons": _translate("IsrpStyling", "persons"),
        "households": _translate("IsrpStyling", "households"),
        "cases": _translate("IsrpStyling", "cases"),
        "years": _translate("IsrpStyling", "years"),
        "per 1000": "‰",
    }
    return words.get(unit, unit)


def legend_title(meta: IndicatorMeta, year: Optional[int] = None, change: Optional[Sequence[int]] = None) -> str:
    """``"SGB-II-Quote in % 2022 (%)"`` or ``"SGB-II-Quote in %: change 2020–2022 (pp)"``."""
    if change:
        unit = unit_text(meta.change_unit())
        text = _translate("IsrpStyling", "{0}: change {1}–{2}").format(meta.label, change[0], change[1])
    else:
        unit = unit_text(meta.unit)
        text = f"{meta.label} {year}" if year else meta.label
    if not unit or f"({unit})" in text or (unit == "%" and "%" in text):
        return text
    return f"{text} ({unit})"


def _expr(field_or_expression: str) -> str:
    """A field name quoted as a column reference; an expression unchanged."""
    if QgsExpression(field_or_expression).isField() or all(c.isalnum() or c == "_" for c in field_or_expression):
        return QgsExpression.quotedColumnRef(field_or_expression.strip('"'))
    return f"({field_or_expression})"


def small_unit_expression(population_field: Optional[str], min_population: float) -> Optional[str]:
    """Expression true for units below the minimum population (None without a population field)."""
    if not population_field:
        return None
    col = QgsExpression.quotedColumnRef(population_field)
    return f"({col} IS NULL OR {col} < {min_population:g})"


def _values(layer: QgsVectorLayer, expression: str, small: Optional[str]) -> List[float]:
    """Values of ``expression`` over the features that are not small and not NULL."""
    text = expression if small is None else f"CASE WHEN {small} THEN NULL ELSE {expression} END"
    expr = QgsExpression(text)
    from qgis.core import QgsExpressionContext, QgsExpressionContextUtils

    ctx = QgsExpressionContext(QgsExpressionContextUtils.globalProjectLayerScopes(layer))
    expr.prepare(ctx)
    req = no_geometry_request()
    cols = expr.referencedColumns()
    req.setSubsetOfAttributes(list(cols), layer.fields())
    out = []
    for feat in layer.getFeatures(req):
        ctx.setFeature(feat)
        v = expr.evaluate(ctx)
        try:
            f = float(v)
        except (TypeError, ValueError):
            continue
        if math.isfinite(f):
            out.append(f)
    return out


def _decimals(values: Iterable[float]) -> int:
    vals = list(values)
    if not vals:
        return 1
    if all(float(v).is_integer() for v in vals):
        return 0
    span = max(vals) - min(vals)
    return 0 if span >= 100 else 1 if span >= 1 else 2


def _fill(colour, outline: str = OUTLINE) -> QgsFillSymbol:
    c = QColor(colour) if not isinstance(colour, QColor) else colour
    return QgsFillSymbol.createSimple({
        "color": f"{c.red()},{c.green()},{c.blue()},255", "outline_color": outline, "outline_width": "0.2",
    })


def hatched_symbol(base: str = "#d9d9d9", line: str = "#737373") -> QgsFillSymbol:
    """Grey fill with diagonal hatching (units below the minimum population, excluded units)."""
    sym = _fill(base, "150,150,150")
    hatch = QgsLinePatternFillSymbolLayer()
    hatch.setLineAngle(45)
    hatch.setDistance(1.6)
    hatch.setLineWidth(0.25)
    hatch.setColor(QColor(line))
    sym.appendSymbolLayer(hatch)
    return sym


def ramp_colours(scheme: str, n: int, inverted: bool = False) -> List[QColor]:
    """``n`` colours of a ColorBrewer scheme, light to dark (or reversed)."""
    k = max(3, min(n, 9))
    ramp = QgsColorBrewerColorRamp(scheme, k)
    cols = [ramp.color(i / (k - 1)) for i in range(k)]
    if n < k:
        cols = [cols[round(i * (k - 1) / max(n - 1, 1))] for i in range(n)]
    return list(reversed(cols)) if inverted else cols


def _fmt(value: float, decimals: int, signed: bool = False) -> str:
    text = QLocale().toString(float(value), "f", decimals)
    if signed and value > 0:
        text = "+" + text
    return text.replace("-", "−")


def class_breaks(values: Sequence[float], classes: int = 5, method: str = "quantile") -> List[float]:
    """Class boundaries (ascending, first = min, last = max) by QGIS's quantile or Jenks method."""
    vals = sorted(float(v) for v in values)
    if not vals:
        return []
    if vals[0] == vals[-1]:
        return [vals[0], vals[-1]]
    meth = QgsClassificationJenks() if method == "jenks" else QgsClassificationQuantile()
    ranges = meth.classes(vals, min(classes, len(set(vals))))
    breaks = [vals[0]] + [r.upperBound() for r in ranges]
    breaks[-1] = vals[-1]
    out = []
    for b in breaks:
        if not out or b > out[-1]:
            out.append(b)
    return out if len(out) > 1 else [vals[0], vals[-1]]


def symmetric_breaks(values: Sequence[float], classes: int = 5) -> List[float]:
    """Class boundaries symmetric around 0 (an odd class count keeps 0 in the middle class).

    The boundaries are quantiles of the absolute values, so that each class holds about the same
    number of units: with 5 classes the middle class holds the fifth of units with the smallest
    changes (|v| ≤ 20th percentile of |v|), each of the two rings on both sides two fifths
    (20th–60th and 60th–100th percentile); the outer limits are ±max |v|.
    """
    import numpy as np

    a = np.sort(np.abs(np.asarray([float(v) for v in values], dtype=float)))
    if not len(a) or a[-1] == 0:
        return [-1.0, 1.0]
    m = float(a[-1])
    half = classes // 2
    probs = [(1 + 2 * k) / classes for k in range(half)] if classes % 2 else [2 * k / classes for k in range(1, half)]
    inner = [float(np.quantile(a, p)) for p in probs]
    pos = sorted({x for x in inner if 0 < x < m})
    if classes % 2 == 0:
        breaks = [-m] + [-x for x in reversed(pos)] + [0.0] + pos + [m]
    else:
        breaks = [-m] + [-x for x in reversed(pos)] + pos + [m]
    return breaks if len(breaks) > 2 else [-m, m]


def graduated_renderer(
    layer: QgsVectorLayer,
    expression: str,
    *,
    unit: str = "",
    polarity: str = "neutral",
    diverging: bool = False,
    method: str = "quantile",
    classes: int = 5,
    small_expression: Optional[str] = None,
    min_population: float = 300,
    values: Optional[Sequence[float]] = None,
) -> QgsGraduatedSymbolRenderer:
    """A graduated renderer for ``expression`` (field name or expression) with the conventions above.

    ``values``: the values shown in colour (small units and NULL left out), if already read.
    """
    value = _expr(expression)
    vals = list(values) if values is not None else _values(layer, value, small_expression)
    dec = _decimals(vals)
    if diverging:
        breaks = symmetric_breaks(vals, classes)
        scheme = "PuOr" if polarity == "neutral" else "RdBu"
        colours = ramp_colours(scheme, len(breaks) - 1, inverted=(polarity != "higher_better"))
    else:
        breaks = class_breaks(vals, classes, method)
        scheme = "YlOrRd" if polarity == "higher_worse" else "YlGnBu"
        colours = ramp_colours(scheme, max(len(breaks) - 1, 1))
    unit_s = unit_text(unit)
    ranges = []
    for i in range(len(breaks) - 1):
        lo, hi = breaks[i], breaks[i + 1]
        label = f"{_fmt(lo, dec, diverging)} – {_fmt(hi, dec, diverging)}"
        if unit_s:
            label += f" {unit_s}"
        ranges.append(QgsRendererRange(lo, hi, _fill(colours[i]), label))
    if not ranges:  # no value at all: one empty class keeps the renderer valid
        ranges.append(QgsRendererRange(0.0, 0.0, _fill(colours[0]), _translate("IsrpStyling", "no data")))
    ranges.append(QgsRendererRange(NODATA_SENTINEL, NODATA_SENTINEL, _fill("#f0f0f0", "180,180,180"),
                                   _translate("IsrpStyling", "no data or suppressed (.)")))
    cases = [f"WHEN {value} IS NULL THEN {NODATA_SENTINEL:.0f}"]
    if small_expression:
        small_label = _translate("IsrpStyling", "fewer than {0} inhabitants").format(f"{min_population:g}")
        ranges.append(QgsRendererRange(SMALL_SENTINEL, SMALL_SENTINEL, hatched_symbol(), small_label))
        cases.insert(0, f"WHEN {small_expression} THEN {SMALL_SENTINEL:.0f}")
    renderer = QgsGraduatedSymbolRenderer(f"CASE {' '.join(cases)} ELSE {value} END", ranges)
    return renderer


def suppressed_condition(count_fields: Sequence[str], threshold: float) -> str:
    """Expression true when any of the counts is 0 < x < threshold (confidentiality)."""
    parts = [f"({QgsExpression.quotedColumnRef(c)} > 0 AND {QgsExpression.quotedColumnRef(c)} < {threshold:g})"
             for c in count_fields if c]
    return " OR ".join(parts) if parts else "false"


def label_expression(expression: str, decimals: int = 1, count_fields: Sequence[str] = (), threshold: float = 3) -> str:
    """Label text: the value with ``decimals``; '.' where the counts behind it must be suppressed and
    where there is no value ('.' = "unknown or confidential", the German statistical convention:
    the statistics office's own suppressions arrive as NULL)."""
    value = _expr(expression)
    cond = suppressed_condition(count_fields, threshold)
    return (f"CASE WHEN {cond} THEN '.' WHEN {value} IS NULL THEN '.' "
            f"ELSE format_number({value}, {int(decimals)}) END")


def set_labels(layer: QgsVectorLayer, expression: Optional[str]) -> None:
    """Label the layer with ``expression`` (white buffer, 8 pt); None switches labels off."""
    if not expression:
        layer.setLabelsEnabled(False)
        return
    settings = QgsPalLayerSettings()
    settings.fieldName = expression
    settings.isExpression = True
    fmt = QgsTextFormat()
    fmt.setSize(8)
    buf = QgsTextBufferSettings()
    buf.setEnabled(True)
    buf.setSize(0.8)
    buf.setColor(QColor("white"))
    fmt.setBuffer(buf)
    settings.setFormat(fmt)
    layer.setLabeling(QgsVectorLayerSimpleLabeling(settings))
    layer.setLabelsEnabled(True)


def set_legend_title(layer: QgsVectorLayer, title: str, project: Optional[QgsProject] = None) -> None:
    """Legend title for print layouts (layer tree property) and ``isrp/legend_title``; the layer name stays."""
    layer.setCustomProperty("isrp/legend_title", title)
    project = project if project is not None else QgsProject.instance()
    node = project.layerTreeRoot().findLayer(layer.id()) if project is not None else None
    if node is not None:
        node.setCustomProperty(LEGEND_TITLE_PROPERTY, title)


def apply_indicator_style(
    layer: QgsVectorLayer,
    meta: IndicatorMeta,
    year: Optional[int] = None,
    *,
    change: Optional[Sequence[int]] = None,
    z_values: bool = False,
    method: str = "quantile",
    classes: int = 5,
    population_field: Optional[str] = None,
    min_population: float = 300,
    labels: bool = False,
    threshold: float = 3,
    project: Optional[QgsProject] = None,
) -> QgsGraduatedSymbolRenderer:
    """Style ``layer`` for one indicator and year (or the change between two years, or z-values).

    Returns the renderer (already set on the layer; the layer is repainted).
    """
    names = layer.fields().names()
    if change:
        expression = meta.change_expression(names, int(change[0]), int(change[1]))
        unit = meta.change_unit()
        counts = []
        if meta.numerator or meta.denominator:
            counts = [f"{c}_{y}" for c in (meta.numerator, meta.denominator) if c for y in change]
        elif meta.kind == "count":
            counts = [meta.value_field(y) for y in change]
    else:
        expression = meta.value_field(year) if year is not None else meta.field
        unit = meta.unit
        counts = []
        if meta.numerator or meta.denominator:
            counts = [f"{c}_{year}" for c in (meta.numerator, meta.denominator) if c]
        elif meta.kind == "count":
            counts = [expression]
    counts = [c for c in counts if c in names]
    small = small_unit_expression(population_field, min_population) if population_field in names else None
    values = _values(layer, _expr(expression), small)
    renderer = graduated_renderer(
        layer, expression, unit=unit, polarity=meta.polarity, diverging=bool(change) or z_values,
        method=method, classes=classes, small_expression=small, min_population=min_population, values=values)
    layer.setRenderer(renderer)
    title = legend_title(meta, year, change)
    set_legend_title(layer, title, project)
    if labels:
        set_labels(layer, label_expression(expression, 0 if _decimals(values) == 0 else 1, counts, threshold))
    else:
        set_labels(layer, None)
    layer.triggerRepaint()
    return renderer


def social_index_renderer(kind: str = "status", field_name: Optional[str] = None,
                          min_population: float = 300) -> QgsCategorizedSymbolRenderer:
    """Categorized renderer for ``status_class`` (4 classes) or ``dynamics_class`` (3) with fixed colours.

    Units without a class (left out of the index) are drawn hatched grey.
    """
    if kind == "dynamics":
        field_name = field_name or "dynamics_class"
        labels = {
            1: _translate("IsrpStyling", "1 positive"),
            2: _translate("IsrpStyling", "2 stable"),
            3: _translate("IsrpStyling", "3 negative"),
        }
        colours = DYNAMICS_COLOURS
    else:
        field_name = field_name or "status_class"
        labels = {
            1: _translate("IsrpStyling", "1 high status"),
            2: _translate("IsrpStyling", "2 medium status"),
            3: _translate("IsrpStyling", "3 low status"),
            4: _translate("IsrpStyling", "4 very low status"),
        }
        colours = STATUS_COLOURS
    cats = [QgsRendererCategory(k, _fill(colours[k]), labels[k]) for k in sorted(labels)]
    other = _translate("IsrpStyling", "not in the index (e.g. fewer than {0} inhabitants)")
    other = other.format(f"{min_population:g}")
    cats.append(QgsRendererCategory("", hatched_symbol(), other))
    return QgsCategorizedSymbolRenderer(field_name, cats)


def apply_social_index_style(layer: QgsVectorLayer, kind: str = "status", labels: bool = False,
                             min_population: float = 300, project: Optional[QgsProject] = None):
    """Set the social-index renderer on ``layer`` and its legend title; returns the renderer."""
    renderer = social_index_renderer(kind, min_population=min_population)
    layer.setRenderer(renderer)
    if kind == "dynamics":
        title = _translate("IsrpStyling", "Social index: dynamics")
    else:
        title = _translate("IsrpStyling", "Social index: status")
    set_legend_title(layer, title, project)
    set_labels(layer, "\"status_label\"" if labels and kind == "status" else
               ("\"dynamics_label\"" if labels else None))
    layer.triggerRepaint()
    return renderer
