"""Shared by the planning tests (location suggestions, scenario): memory layers in EPSG:25832 near
Erfurt and a feedback that keeps what the algorithms say."""

from __future__ import annotations

from qgis.core import QgsFeature, QgsGeometry, QgsPointXY, QgsProcessingFeedback, QgsVectorLayer

X0, Y0 = 640000.0, 5650000.0  # EPSG:25832, Erfurt


class Feedback(QgsProcessingFeedback):
    """Keeps the info and warning lines of a run."""

    def __init__(self):
        super().__init__()
        self.infos, self.warnings = [], []

    def pushInfo(self, text):  # noqa: N802
        self.infos.append(text)

    def pushWarning(self, text):  # noqa: N802
        self.warnings.append(text)


def layer(kind, fields, rows, name):
    """A memory layer of ``kind`` (Point, LineString, Polygon …) with ``fields`` [(name, type)] and
    ``rows`` [(geometry, attributes)]."""
    spec = "&".join(f"field={n}:{t}" for n, t in fields)
    lyr = QgsVectorLayer(f"{kind}?crs=EPSG:25832&{spec}", name, "memory")
    feats = []
    for geom, attrs in rows:
        f = QgsFeature(lyr.fields())
        f.setGeometry(geom)
        f.setAttributes(list(attrs))
        feats.append(f)
    lyr.dataProvider().addFeatures(feats)
    return lyr


def pt(x, y):
    """A point ``(x, y)`` metres east / north of (X0, Y0)."""
    return QgsGeometry.fromPointXY(QgsPointXY(X0 + x, Y0 + y))
