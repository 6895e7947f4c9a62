"""Styles of the accessibility outputs, built in code because the classes follow the thresholds.

* demand points: distance/time classes ≤ t1, t1–t2, …, > tn with the colour-blind-safe ColorBrewer
  ``RdYlBu`` ramp (blue = near, red = far) and a dark grey cross for "no facility reached";
* units: share of the population within a threshold, ColorBrewer ``YlGnBu`` (dark = high share),
  hatched grey for units without population;
* catchments: one semi-transparent ColorBrewer ``YlGnBu`` fill per cost, largest drawn first.

Used by the algorithms (post-processor of outputs loaded into the project) and by the Analyses
dock. Translation context ``AccessibilityStyles``.
"""

from __future__ import annotations

from typing import Sequence

from qgis.core import (
    QgsColorBrewerColorRamp,
    QgsFillSymbol,
    QgsMarkerSymbol,
    QgsProcessingLayerPostProcessorInterface,
    QgsRuleBasedRenderer,
)
from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtGui import QColor

SHARE_BREAKS = (0.5, 0.7, 0.8, 0.9)


def brewer_colours(scheme: str, n: int, reverse: bool = False):
    """``n`` colours of a ColorBrewer scheme (3 … 9/11 classes; fewer are taken from the 3-class scheme)."""
    m = min(max(n, 3), 9 if scheme.startswith("Yl") else 11)
    ramp = QgsColorBrewerColorRamp(scheme, m)
    colours = [ramp.color(i / (m - 1)) for i in range(m)]
    if n < m:  # spread over the scheme
        colours = [colours[round(i * (m - 1) / max(n - 1, 1))] for i in range(n)]
    return colours[::-1] if reverse else colours


def _fmt(value: float) -> str:
    return f"{value:g}"


def _quote(field: str) -> str:
    return '"' + field.replace('"', '""') + '"'


class AccessibilityStyles:
    @staticmethod
    def tr(message: str) -> str:
        return QCoreApplication.translate("AccessibilityStyles", message)

    @classmethod
    def points_renderer(cls, field: str, thresholds: Sequence[float], unit: str) -> QgsRuleBasedRenderer:
        """Classes of ``field`` (dist_m / time_min) at ``thresholds``; unreached points as grey crosses."""
        thresholds = sorted(thresholds)
        colours = brewer_colours("RdYlBu", len(thresholds) + 1, reverse=True)
        root = QgsRuleBasedRenderer.Rule(None)
        f = _quote(field)
        lower = None
        for i, colour in enumerate(colours):
            upper = thresholds[i] if i < len(thresholds) else None
            if lower is None:
                expr, label = f"{f} <= {upper!r}", f"≤ {_fmt(upper)} {unit}"
            elif upper is None:
                expr, label = f"{f} > {lower!r}", f"> {_fmt(lower)} {unit}"
            else:
                expr, label = f"{f} > {lower!r} AND {f} <= {upper!r}", f"{_fmt(lower)}–{_fmt(upper)} {unit}"
            sym = QgsMarkerSymbol.createSimple({"name": "circle", "size": "1.8", "color": colour.name(),
                                                "outline_color": "#404040", "outline_width": "0.05"})
            root.appendChild(QgsRuleBasedRenderer.Rule(sym, 0, 0, f"\"reachable\" = 1 AND {expr}", label))
            lower = upper
        sym = QgsMarkerSymbol.createSimple({"name": "cross2", "size": "2.4", "color": "#333333",
                                            "outline_color": "#333333", "outline_width": "0.4"})
        root.appendChild(QgsRuleBasedRenderer.Rule(sym, 0, 0, "\"reachable\" = 0 OR \"reachable\" IS NULL",
                                                   AccessibilityStyles.tr("no facility reached")))
        return QgsRuleBasedRenderer(root)

    @classmethod
    def units_renderer(cls, share_field: str, threshold_label: str) -> QgsRuleBasedRenderer:
        """Share of the population within a threshold (0 … 1) in five classes; NULL hatched."""
        colours = brewer_colours("YlGnBu", len(SHARE_BREAKS) + 1)
        root = QgsRuleBasedRenderer.Rule(None)
        f = _quote(share_field)
        bounds = (0.0,) + SHARE_BREAKS + (1.0,)
        for i, colour in enumerate(colours):
            lo, hi = bounds[i], bounds[i + 1]
            expr = f"{f} >= {lo!r} AND {f} < {hi!r}" if i < len(colours) - 1 else f"{f} >= {lo!r}"
            label = AccessibilityStyles.tr("{0}–{1} % within {2}").format(round(lo * 100), round(hi * 100),
                                                                          threshold_label)
            sym = QgsFillSymbol.createSimple({"color": colour.name(), "outline_color": "#505050",
                                              "outline_width": "0.3"})
            root.appendChild(QgsRuleBasedRenderer.Rule(sym, 0, 0, expr, label))
        sym = QgsFillSymbol.createSimple({"color": "#bdbdbd", "style": "b_diagonal", "outline_color": "#505050",
                                          "outline_width": "0.3"})
        root.appendChild(QgsRuleBasedRenderer.Rule(sym, 0, 0, f"{f} IS NULL", AccessibilityStyles.tr("no population")))
        return QgsRuleBasedRenderer(root)

    @classmethod
    def catchments_renderer(cls, costs: Sequence[float], unit: str) -> QgsRuleBasedRenderer:
        """One semi-transparent fill per cost; the largest first so that smaller ones stay visible."""
        costs = sorted(costs, reverse=True)
        colours = brewer_colours("YlGnBu", len(costs) + 1)[1:]  # skip the palest
        root = QgsRuleBasedRenderer.Rule(None)
        for cost, colour in zip(costs, colours):
            fill = QColor(colour)
            fill.setAlpha(90)
            sym = QgsFillSymbol.createSimple({"color": f"{fill.red()},{fill.green()},{fill.blue()},{fill.alpha()}",
                                              "outline_color": colour.darker(130).name(), "outline_width": "0.35"})
            rule = QgsRuleBasedRenderer.Rule(sym, 0, 0, f"\"cost\" = {cost!r}",
                                             AccessibilityStyles.tr("within {0} {1}").format(_fmt(cost), unit))
            root.appendChild(rule)
        return QgsRuleBasedRenderer(root)

    @classmethod
    def apply(cls, layer, kind: str, **kw) -> None:
        """Style ``layer``: ``kind`` = points (field, thresholds, unit), units (share_field, threshold_label),
        catchments (costs, unit)."""
        if layer is None:
            return
        if kind == "points":
            layer.setRenderer(cls.points_renderer(kw["field"], kw["thresholds"], kw["unit"]))
        elif kind == "units":
            layer.setRenderer(cls.units_renderer(kw["share_field"], kw["threshold_label"]))
            layer.setOpacity(0.85)
        elif kind == "catchments":
            layer.setRenderer(cls.catchments_renderer(kw["costs"], kw["unit"]))
        else:
            raise ValueError(kind)
        layer.triggerRepaint()


class LayerStyler(QgsProcessingLayerPostProcessorInterface):
    """Styles an output layer when Processing loads it into the project (runs on the main thread)."""

    _alive = []  # Processing keeps only a C++ pointer: keep the Python objects alive

    def __init__(self, kind: str, **kw):
        super().__init__()
        self.kind = kind
        self.kw = kw

    def postProcessLayer(self, layer, context, feedback):  # noqa: N802, D102
        AccessibilityStyles.apply(layer, self.kind, **self.kw)

    @classmethod
    def attach(cls, context, dest_id, kind: str, **kw) -> None:
        if dest_id and context.willLoadLayerOnCompletion(dest_id):
            styler = cls(kind, **kw)
            cls._alive.append(styler)
            del cls._alive[:-32]
            context.layerToLoadOnCompletionDetails(dest_id).setPostProcessor(styler)
