#!/usr/bin/python3
"""Build the Erfurt sample project in ``resources/sample/`` (deterministic).

Run with QGIS's Python, from the repository root::

    /usr/bin/python3 scripts/build_sample.py

What is real and what is generated
----------------------------------
* ``ortsteile``: the 53 real Ortsteile from the Geoportal Erfurt (dl-de/by-2-0), reprojected to
  EPSG:25832; the duplicate id of Bindersleben (39) is corrected to 20.
* ``einrichtungen``: real facility locations and names from OpenStreetMap (ODbL); capacities,
  providers and a few extra facility types (youth clubs, counselling, ...) are generated.
* ``nachfragepunkte``, ``strassennetz``, the atlas CSVs and the Sozialraum grouping are generated,
  calibrated to the published figures listed in ``/work/shared/data/erfurt/README.md``.

Generation outline
------------------
1. Rasterise the city (25 m cells) and choose the *settled* cells of every Ortsteil: the cells with
   the highest "settlement score" (distance to settlement cores taken from the real facility
   locations, cemeteries and the city centre, plus a smooth noise field), as many as the
   Ortsteil's population needs at a density typical of its settlement type.
2. Lay a street lattice over every connected settled cluster: the city gets one warped lattice
   (denser towards the centre, slowly rotating, jittered), every village its own rotated lattice.
   Edges are dropped at random (dead ends, superblocks, footways), collector streets, one-way
   streets and a few diagonals are added.
3. Put address points along the residential streets inside the settled cells and distribute the
   Ortsteil's population over them (exact integer totals, age bands by settlement type).
4. Add the main roads (ring, radials), country roads between settlements (minimum spanning tree,
   radial links and some redundant links), field tracks and access roads to facilities, then node
   everything (every crossing becomes a shared vertex), connect fragments, remove duplicates and
   merge degree-2 chains into lines. One farmstead keeps a deliberately isolated track network.
5. Write the GeoPackage (layers with metadata and default styles), the QGIS project (relative
   paths), QML styles and the atlas CSVs, then check the result.

Every random draw comes from ``numpy.random.default_rng`` streams derived from ``SEED``.
"""

from __future__ import annotations

import csv
import glob
import json
import math
import os
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np
from scipy import ndimage
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components, minimum_spanning_tree
from scipy.spatial import cKDTree

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_HASH_SEED", "0")  # stable XML attribute order in styles (reproducible files)
# fixed timestamps inside the GeoPackage (gpkg_contents.last_change) for reproducible files
os.environ.setdefault("OGR_CURRENT_DATE", "2024-01-01T00:00:00Z")

from qgis.core import (  # noqa: E402
    Qgis,
    QgsApplication,
    QgsCategorizedSymbolRenderer,
    QgsColorBrewerColorRamp,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCoordinateTransformContext,
    QgsFeature,
    QgsField,
    QgsFields,
    QgsFillSymbol,
    QgsGeometry,
    QgsGraduatedSymbolRenderer,
    QgsLayerMetadata,
    QgsLineSymbol,
    QgsMarkerSymbol,
    QgsPalLayerSettings,
    QgsPointXY,
    QgsProject,
    QgsRectangle,
    QgsReferencedRectangle,
    QgsRendererCategory,
    QgsRendererRange,
    QgsSingleSymbolRenderer,
    QgsTextBufferSettings,
    QgsTextFormat,
    QgsVectorFileWriter,
    QgsVectorLayer,
    QgsVectorLayerSimpleLabeling,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QVariant  # noqa: E402
from qgis.PyQt.QtGui import QColor, QFont  # noqa: E402

# --------------------------------------------------------------------------------------------
# constants
# --------------------------------------------------------------------------------------------
SEED = 20240521
ROOT = Path(__file__).resolve().parent.parent
DATA = Path(os.environ.get("ISRP_ERFURT_DATA", "/work/shared/data/erfurt"))
OUT = ROOT / "resources" / "sample"
GPKG = OUT / "erfurt_sample.gpkg"
QGZ = OUT / "erfurt_sample.qgz"
ATLAS_DIR = OUT / "atlas"
STYLE_DIR = ROOT / "resources" / "styles"
EPSG = "EPSG:25832"
CELL = 25.0  # raster cell size (m) used for settlement masks
ATLAS_YEARS = (2020, 2021, 2022)  # the last year equals the demand points

ATTR_GEOPORTAL = (
    "© Landeshauptstadt Erfurt, Geoportal Erfurt, dl-de/by-2-0 (www.govdata.de/dl-de/by-2-0), "
    "bearbeitet (reprojected to EPSG:25832, id of Bindersleben corrected from 39 to 20)"
)
ATTR_OSM = "© OpenStreetMap contributors, ODbL 1.0 (www.openstreetmap.org/copyright)"
NOTE_MAPPING = "Beispiel-Zuordnung, keine amtliche Gliederung"

# Age bands of the demand points (field name, label used in the atlas).
BANDS = ["pop_0_3", "pop_3_6", "pop_6_10", "pop_10_18", "pop_18_27", "pop_27_65", "pop_65_80", "pop_80p"]
BAND_LABELS = [
    "0 bis unter 3", "3 bis unter 6", "6 bis unter 10", "10 bis unter 18",
    "18 bis unter 27", "27 bis unter 65", "65 bis unter 80", "80 und älter",
]

# Age structure (per cent) by settlement type; perturbed per Ortsteil.
AGE_PROFILES = {
    "inner":   [2.9, 2.7, 3.2, 6.0, 15.5, 48.7, 13.5, 7.5],   # Gründerzeit / old town, students
    "outer":   [2.8, 2.9, 3.8, 7.5, 9.0, 52.0, 15.5, 6.5],    # urban, suburban character
    "platte":  [2.4, 2.4, 3.0, 6.2, 8.5, 44.5, 21.0, 12.0],   # large prefab housing estates
    "mixed":   [2.5, 2.7, 3.5, 7.0, 8.5, 47.8, 18.0, 10.0],   # estate + old village (Melchendorf)
    "village": [2.5, 2.9, 4.2, 8.6, 7.6, 51.2, 16.2, 6.8],    # villages: families, owners
}
# Settled density (inhabitants per ha of settled land), residents per address point,
# address-point spacing along streets (m) and the share of lattice edges dropped.
SETTLEMENT = {
    "inner":   dict(density=80.0, per_point=16.0, spacing=26.0, drop=0.05),
    "outer":   dict(density=40.0, per_point=12.0, spacing=28.0, drop=0.07),
    "platte":  dict(density=120.0, per_point=45.0, spacing=40.0, drop=0.30),
    "mixed":   dict(density=60.0, per_point=20.0, spacing=30.0, drop=0.15),
    "village": dict(density=30.0, per_point=10.0, spacing=28.0, drop=0.10),
}

# Sozialräume: an EXAMPLE grouping of the Ortsteile (not the city's official one).
SOZIALRAEUME = {
    "SR1": ("Innenstadt", [1, 2, 3, 4, 7, 8, 11]),
    "SR2": ("Nord", [5, 6, 9, 10, 22, 23, 24, 25]),
    "SR3": ("Südost", [12, 13, 14, 15, 32, 33, 34, 35, 46, 49]),
    "SR4": ("Südwest", [16, 17, 18, 19, 20, 36, 37, 38, 39, 47]),
    "SR5": ("Nordwest (dörflich)", [21, 26, 40, 41, 42, 44, 50, 51]),
    "SR6": ("Ost (dörflich)", [27, 28, 29, 30, 31, 43, 45, 48, 52, 53]),
}

# Population of the Ortsteile (the sample's reference state, used as atlas year 2022).
# "pub": published figure (2017 press release; Berliner Platz and Rieth from the 2020 atlas);
# "gen": generated so that the settlement-type totals (2017: urban 113,444, large estates 54,826,
# 36 villages 43,826) scaled to the 2020 city total 213,354 are met:
# urban 114,117, estates 55,151, villages 44,086.
POPULATION = {
    # nr: (type, inhabitants, source)
    1: ("inner", 19302, "pub"), 2: ("inner", 11880, "gen"), 3: ("inner", 13693, "pub"),
    4: ("inner", 16854, "pub"), 5: ("platte", 6083, "pub"), 6: ("platte", 6328, "pub"),
    7: ("inner", 6910, "pub"), 8: ("inner", 17950, "gen"), 9: ("outer", 2509, "gen"),
    10: ("platte", 5961, "pub"), 11: ("inner", 12950, "gen"), 12: ("village", 1100, "gen"),
    13: ("mixed", 11363, "gen"), 14: ("platte", 5392, "pub"), 15: ("platte", 6450, "gen"),
    16: ("village", 2800, "gen"), 17: ("village", 1900, "gen"), 18: ("village", 900, "gen"),
    19: ("village", 900, "gen"), 20: ("village", 1487, "pub"), 21: ("village", 4200, "gen"),
    22: ("village", 3000, "gen"), 23: ("platte", 8250, "gen"), 24: ("inner", 12069, "pub"),
    25: ("platte", 5324, "pub"), 26: ("village", 1100, "gen"), 27: ("village", 3400, "gen"),
    28: ("village", 550, "gen"), 29: ("village", 1700, "gen"), 30: ("village", 2400, "gen"),
    31: ("village", 883, "pub"), 32: ("village", 1300, "gen"), 33: ("village", 1723, "pub"),
    34: ("village", 1923, "pub"), 35: ("village", 600, "gen"), 36: ("village", 500, "gen"),
    37: ("village", 650, "gen"), 38: ("village", 550, "gen"), 39: ("village", 1100, "gen"),
    40: ("village", 1000, "gen"), 41: ("village", 800, "gen"), 42: ("village", 1000, "gen"),
    43: ("village", 500, "gen"), 44: ("village", 693, "pub"), 45: ("village", 900, "gen"),
    46: ("village", 1100, "gen"), 47: ("village", 300, "gen"), 48: ("village", 550, "gen"),
    49: ("village", 300, "gen"), 50: ("village", 900, "gen"), 51: ("village", 250, "gen"),
    52: ("village", 380, "gen"), 53: ("village", 300, "gen"),
}
CITY_TOTAL = 213354
GROUP_TOTALS = {"urban": 114117, "estates": 55151, "villages": 44086}
GROUP_OF = {"inner": "urban", "outer": "urban", "platte": "estates", "mixed": "estates", "village": "villages"}


def calibrated_population():
    """Published figures as they are; generated ones scaled to meet the settlement-type totals."""
    pop = {}
    for group, total in GROUP_TOTALS.items():
        nrs = [nr for nr, (typ, _, _) in POPULATION.items() if GROUP_OF[typ] == group]
        pub = {nr: POPULATION[nr][1] for nr in nrs if POPULATION[nr][2] == "pub"}
        gen = [nr for nr in nrs if POPULATION[nr][2] == "gen"]
        pop.update(pub)
        scaled = largest_remainder([POPULATION[nr][1] for nr in gen], total - sum(pub.values()))
        pop.update(dict(zip(gen, (int(v) for v in scaled))))
    assert sum(pop.values()) == CITY_TOTAL
    return pop


# Social "disadvantage" score per Ortsteil driving the atlas indicators (0 = city average
# neighbourhood, >1 = large estates with high unemployment, <0 = villages / villa quarters).
DISADVANTAGE = {
    1: 0.25, 2: -0.45, 3: -0.30, 4: 0.25, 5: 2.05, 6: 2.00, 7: 0.35, 8: 0.05, 9: 0.30, 10: 1.60,
    11: 0.10, 13: 0.55, 14: 1.25, 15: 1.35, 23: 1.75, 24: 0.70, 25: 1.00,
}

# POI categories -> facility type (typ) and weight as a settlement-core hint
POI_TYPES = {
    "kitas": ("kita", 1.0), "schulen": ("schule", 0.9), "buechereien": ("bibliothek", 0.6),
    "sportstaetten": ("sport", 0.4), "apotheken": ("apotheke", 0.9), "baeder": ("bad", 0.3),
    "krankenhaeuser": ("krankenhaus", 0.5), "museen": ("museum", 0.6), "friedhoefe": (None, 1.0),
}
ROAD_CLASSES = ["primary", "secondary", "tertiary", "residential", "service", "track", "footway"]
RC = {name: i for i, name in enumerate(ROAD_CLASSES)}


def log(*args):
    print("[build_sample]", *args, flush=True)


def rng_streams(n):
    """Independent, reproducible random streams (changing one part keeps the others stable)."""
    return [np.random.default_rng(s) for s in np.random.SeedSequence(SEED).spawn(n)]


# --------------------------------------------------------------------------------------------
# geometry helpers (numpy)
# --------------------------------------------------------------------------------------------
def polygon_rings(geom):
    """All rings of a (multi)polygon QgsGeometry as a list of (n, 2) arrays."""
    parts = geom.asMultiPolygon() if geom.isMultipart() else [geom.asPolygon()]
    return [np.array([(p.x(), p.y()) for p in ring]) for poly in parts for ring in poly]


def points_in_rings(rings, x, y):
    """Even-odd point-in-polygon test for many points (vectorised over points)."""
    inside = np.zeros(x.shape, dtype=bool)
    for ring in rings:
        x1, y1 = ring[:-1, 0], ring[:-1, 1]
        x2, y2 = ring[1:, 0], ring[1:, 1]
        for a, b, c, d in zip(x1, y1, x2, y2):
            cond = (b > y) != (d > y)
            if not cond.any():
                continue
            xint = a + (y - b) * (c - a) / ((d - b) if d != b else 1e-12)
            inside ^= cond & (x < xint)
    return inside


def smooth_noise(rng, n_waves=8, wl=(500.0, 2000.0)):
    """A smooth random field f(x, y) in about [-1, 1] (sum of random plane waves)."""
    ang = rng.uniform(0, 2 * np.pi, n_waves)
    lam = rng.uniform(*wl, n_waves)
    ph = rng.uniform(0, 2 * np.pi, n_waves)
    kx, ky = np.cos(ang) * 2 * np.pi / lam, np.sin(ang) * 2 * np.pi / lam

    def f(x, y):
        x = np.asarray(x, dtype=float)[..., None]
        y = np.asarray(y, dtype=float)[..., None]
        return np.sin(x * kx + y * ky + ph).sum(axis=-1) / math.sqrt(n_waves / 2.0)

    return f


def largest_remainder(weights, total):
    """Integers proportional to ``weights`` summing exactly to ``total``."""
    w = np.asarray(weights, dtype=float)
    raw = w / w.sum() * total
    out = np.floor(raw).astype(np.int64)
    rest = int(total - out.sum())
    if rest > 0:
        order = np.argsort(-(raw - out), kind="stable")
        out[order[:rest]] += 1
    return out


def wobbly_line(rng, a, b, step=60.0, bend=0.08, jitter=4.0):
    """A gently curved polyline from a to b (end points kept exactly)."""
    a, b = np.asarray(a, float), np.asarray(b, float)
    d = b - a
    length = float(np.hypot(*d))
    n = max(1, int(math.ceil(length / step)))
    t = np.linspace(0.0, 1.0, n + 1)
    normal = np.array([-d[1], d[0]]) / max(length, 1e-9)
    off = rng.normal(0, bend) * length * np.sin(np.pi * t)
    off += rng.normal(0, bend / 3) * length * np.sin(2 * np.pi * t)
    pts = a[None, :] + t[:, None] * d[None, :] + off[:, None] * normal[None, :]
    if n > 1:
        pts[1:-1] += rng.normal(0, jitter, (n - 1, 2))
    return pts


def point_segment_distance(px, py, ax, ay, bx, by):
    dx, dy = bx - ax, by - ay
    ll = dx * dx + dy * dy
    t = np.clip(((px - ax) * dx + (py - ay) * dy) / np.where(ll > 0, ll, 1.0), 0.0, 1.0)
    return np.hypot(px - (ax + t * dx), py - (ay + t * dy))


def nearest_segment_distance(points, P, Q, radius):
    """Distance of every point to the nearest segment (P[i], Q[i]); inf beyond ``radius``."""
    mid = (P + Q) / 2.0
    half = np.hypot(*(Q - P).T) / 2.0
    tree = cKDTree(mid)
    best = np.full(len(points), np.inf)
    cand = tree.query_ball_point(points, radius + half.max())
    for i, idx in enumerate(cand):
        if idx:
            idx = np.asarray(idx)
            d = point_segment_distance(points[i, 0], points[i, 1], P[idx, 0], P[idx, 1], Q[idx, 0], Q[idx, 1])
            best[i] = d.min()
    best[best > radius] = np.inf
    return best


# --------------------------------------------------------------------------------------------
# 1. input data
# --------------------------------------------------------------------------------------------
def load_ortsteile():
    """The 53 Ortsteile in EPSG:25832, with the id of Bindersleben corrected to 20."""
    layer = QgsVectorLayer(str(DATA / "ortsteile_geoportal.geojson"), "src", "ogr")
    if not layer.isValid():
        raise RuntimeError("cannot read ortsteile_geoportal.geojson")
    tr = QgsCoordinateTransform(
        QgsCoordinateReferenceSystem("EPSG:4326"), QgsCoordinateReferenceSystem(EPSG), QgsProject.instance()
    )
    population = calibrated_population()
    sr_of = {nr: (sid, name) for sid, (name, nrs) in SOZIALRAEUME.items() for nr in nrs}
    ots = []
    for f in layer.getFeatures():
        nr, name = int(f["STADTTE_ID"]), str(f["NAME"])
        if name == "Bindersleben" and nr == 39:
            nr = 20  # source defect: duplicate 39, historic numbering gives Bindersleben 20
        g = QgsGeometry(f.geometry())
        g.transform(tr)
        if not g.isGeosValid():
            g = g.makeValid()
        g.convertToMultiType()
        typ, _, src = POPULATION[nr]
        pop = population[nr]
        ots.append(dict(nr=nr, id=f"{nr:02d}", name=name, geom=g, typ=typ, pop=pop, pop_source=src,
                        sr_id=sr_of[nr][0], sr_name=sr_of[nr][1], rings=polygon_rings(g)))
    ots.sort(key=lambda o: o["nr"])
    assert [o["nr"] for o in ots] == list(range(1, 54)), "expected Ortsteile 1..53"
    assert sum(o["pop"] for o in ots) == CITY_TOTAL
    return ots


def load_pois(ots, city):
    """OSM points of interest in EPSG:25832 with the Ortsteil they lie in (or None)."""
    tr = QgsCoordinateTransform(
        QgsCoordinateReferenceSystem("EPSG:4326"), QgsCoordinateReferenceSystem(EPSG), QgsProject.instance()
    )
    pois = []
    for path in sorted(glob.glob(str(DATA / "pois" / "*.geojson"))):
        cat = Path(path).stem
        with open(path, encoding="utf-8") as fh:
            fc = json.load(fh)
        for ft in fc["features"]:
            lon, lat = ft["geometry"]["coordinates"][:2]
            p = tr.transform(QgsPointXY(lon, lat))
            pg = QgsGeometry.fromPointXY(p)
            ot = next((o for o in ots if o["geom"].contains(pg)), None)
            pois.append(dict(cat=cat, name=ft["properties"]["NAME"], x=p.x(), y=p.y(),
                             ot=ot["nr"] if ot else None, in_city=city.contains(pg)))
    return pois


# --------------------------------------------------------------------------------------------
# 2. settled areas
# --------------------------------------------------------------------------------------------
class Grid:
    """A raster over the city extent (plus a margin for neighbouring villages)."""

    def __init__(self, rect, margin=3000.0):
        self.x0 = math.floor((rect.xMinimum() - margin) / CELL) * CELL
        self.y0 = math.floor((rect.yMinimum() - margin) / CELL) * CELL
        self.nx = int(math.ceil((rect.xMaximum() + margin - self.x0) / CELL))
        self.ny = int(math.ceil((rect.yMaximum() + margin - self.y0) / CELL))

    def centres(self, r0=0, r1=None, c0=0, c1=None):
        r1 = self.ny if r1 is None else r1
        c1 = self.nx if c1 is None else c1
        xs = self.x0 + (np.arange(c0, c1) + 0.5) * CELL
        ys = self.y0 + (np.arange(r0, r1) + 0.5) * CELL
        return np.meshgrid(xs, ys)

    def index(self, x, y):
        """Row/column of points; -1 outside the grid."""
        c = np.floor((np.asarray(x) - self.x0) / CELL).astype(np.int64)
        r = np.floor((np.asarray(y) - self.y0) / CELL).astype(np.int64)
        bad = (c < 0) | (c >= self.nx) | (r < 0) | (r >= self.ny)
        return np.where(bad, -1, r), np.where(bad, -1, c)

    def lookup(self, arr, x, y, fill=-1):
        r, c = self.index(x, y)
        out = np.full(np.shape(r), fill, dtype=arr.dtype)
        ok = r >= 0
        out[ok] = arr[r[ok], c[ok]]
        return out

    def bbox_slice(self, rect):
        c0 = max(0, int((rect.xMinimum() - self.x0) // CELL))
        c1 = min(self.nx, int((rect.xMaximum() - self.x0) // CELL) + 1)
        r0 = max(0, int((rect.yMinimum() - self.y0) // CELL))
        r1 = min(self.ny, int((rect.yMaximum() - self.y0) // CELL) + 1)
        return r0, r1, c0, c1


def build_settlement(ots, pois, grid, centre, rng):
    """Label raster of Ortsteile and the raster of settled cells (value = Ortsteil index)."""
    label = np.full((grid.ny, grid.nx), -1, dtype=np.int16)
    settled = np.full((grid.ny, grid.nx), -1, dtype=np.int16)
    noise = smooth_noise(rng, 10, (400.0, 1600.0))
    for k, ot in enumerate(ots):
        r0, r1, c0, c1 = grid.bbox_slice(ot["geom"].boundingBox())
        X, Y = grid.centres(r0, r1, c0, c1)
        inside = points_in_rings(ot["rings"], X, Y)
        label[r0:r1, c0:c1][inside] = k
        x, y = X[inside], Y[inside]
        typ = ot["typ"]
        # settlement cores: real facility points (and cemeteries) inside the Ortsteil
        cores = [(p["x"], p["y"], POI_TYPES[p["cat"]][1]) for p in pois if p["ot"] == ot["nr"]]
        need_area = min(ot["pop"] / SETTLEMENT[typ]["density"] * 1e4, 0.9 * inside.sum() * CELL * CELL)
        if ot["nr"] == 1:
            need_area = 0.97 * inside.sum() * CELL * CELL  # the old town is built up entirely
        score = np.zeros_like(x)
        if typ in ("inner", "outer", "mixed"):
            d = np.hypot(x - centre[0], y - centre[1])
            score += 1.2 * np.exp(-0.5 * (d / 2300.0) ** 2)
            sigma = 450.0
        elif typ == "platte":
            score += 1.0
            sigma = 600.0
        else:
            sigma = max(180.0, 0.75 * math.sqrt(need_area / math.pi))
        if not cores:
            p = ot["geom"].pointOnSurface().asPoint()
            cores = [(p.x(), p.y(), 1.0)]
        for cx, cy, w in cores:
            score += w * np.exp(-0.5 * (np.hypot(x - cx, y - cy) / sigma) ** 2)
        score = score / score.max() + 0.22 * noise(x, y)
        n_cells = int(round(need_area / (CELL * CELL)))
        chosen = np.argsort(-score, kind="stable")[:n_cells]
        sel = np.zeros(x.shape, dtype=bool)
        sel[chosen] = True
        # drop specks: keep cells with at least 3 selected neighbours (of 8)
        sub = np.zeros(inside.shape, dtype=bool)
        sub[inside] = sel
        nb = ndimage.convolve(sub.astype(np.int8), np.ones((3, 3), np.int8), mode="constant") - sub
        sub &= nb >= 3
        # drop tiny patches (< 1.5 ha) unless they are all there is
        lab, n = ndimage.label(sub, structure=np.ones((3, 3)))
        if n > 1:
            size = ndimage.sum(sub, lab, index=np.arange(1, n + 1))
            small = np.r_[False, size < 24]
            if not small[1:].all():
                sub &= ~small[lab]
        settled[r0:r1, c0:c1][sub] = k
    return label, settled


def outside_settlements(pois, grid, label):
    """Small settled blobs around facilities outside the city (neighbouring villages)."""
    pts = np.array([(p["x"], p["y"]) for p in pois if not p["in_city"] and p["cat"] != "friedhoefe"])
    mask = np.zeros((grid.ny, grid.nx), dtype=bool)
    X, Y = grid.centres()
    for x, y in pts:
        r0, r1, c0, c1 = grid.bbox_slice(QgsRectangle(x - 400, y - 400, x + 400, y + 400))
        d = np.hypot(X[r0:r1, c0:c1] - x, Y[r0:r1, c0:c1] - y)
        mask[r0:r1, c0:c1] |= d < 330
    return mask & (label < 0)


# --------------------------------------------------------------------------------------------
# 3. street lattices
# --------------------------------------------------------------------------------------------
class Net:
    """Collects street segments (as straight 2-point segments) with attributes."""

    def __init__(self):
        self.P, self.Q, self.cls, self.oneway, self.name, self.kind = [], [], [], [], [], []

    def add(self, P, Q, cls, oneway=0, name="", kind="lattice"):
        P, Q = np.atleast_2d(P), np.atleast_2d(Q)
        n = len(P)
        self.P.append(P)
        self.Q.append(Q)
        self.cls.append(np.broadcast_to(np.asarray(cls), (n,)).astype(np.int8))
        self.oneway.append(np.broadcast_to(np.asarray(oneway), (n,)).astype(np.int8))
        self.name += [name] * n if isinstance(name, str) else list(name)
        self.kind += [kind] * n

    def add_polyline(self, pts, cls, oneway=0, name="", kind="road"):
        pts = np.asarray(pts, float)
        self.add(pts[:-1], pts[1:], cls, oneway, name, kind)

    def arrays(self):
        return (np.vstack(self.P), np.vstack(self.Q), np.concatenate(self.cls),
                np.concatenate(self.oneway), np.array(self.name, dtype=object))


def lattice_edges(shape, keep):
    """Index pairs of horizontal and vertical neighbours of a node lattice (both kept)."""
    ny, nx = shape
    idx = np.arange(ny * nx).reshape(shape)
    h = np.stack([idx[:, :-1].ravel(), idx[:, 1:].ravel()], 1)
    v = np.stack([idx[:-1, :].ravel(), idx[1:, :].ravel()], 1)
    kf = keep.ravel()
    h = h[kf[h[:, 0]] & kf[h[:, 1]]]
    v = v[kf[v[:, 0]] & kf[v[:, 1]]]
    return h, v


def build_lattice(rng, net, grid, clusters, cid, XY, ot_typ_raster, centre, is_city):
    """Streets of one settled cluster from a node lattice XY (ny, nx, 2) in world coordinates."""
    ny, nx = XY.shape[:2]
    keep = grid.lookup(clusters, XY[..., 0], XY[..., 1]) == cid
    if keep.sum() < 2:
        return
    flat = XY.reshape(-1, 2)
    h, v = lattice_edges((ny, nx), keep)
    edges = np.vstack([h, v])
    horiz = np.r_[np.ones(len(h), bool), np.zeros(len(v), bool)]
    mid = (flat[edges[:, 0]] + flat[edges[:, 1]]) / 2
    ok = grid.lookup(clusters, mid[:, 0], mid[:, 1]) == cid
    edges, horiz, mid = edges[ok], horiz[ok], mid[ok]
    r_of = edges[:, 0] // nx
    c_of = edges[:, 0] % nx
    line_id = np.where(horiz, r_of, c_of)  # the lattice row / column an edge belongs to
    # collector streets ("tertiary"): every 6th lattice line in the city, the main axis in villages
    if is_city:
        off_r, off_c = rng.integers(0, 6, 2)
        collector = np.where(horiz, (line_id - off_r) % 6 == 0, (line_id - off_c) % 6 == 0)
    else:
        ctr = np.argwhere(keep).mean(axis=0).round().astype(int)
        main_h = rng.random() < 0.5
        collector = horiz & (r_of == ctr[0]) if main_h else ~horiz & (c_of == ctr[1])
    cls = np.where(collector, RC["tertiary"], RC["residential"]).astype(np.int8)
    # drop edges at random (dead ends, super blocks); some dropped ones survive as footways
    typ = grid.lookup(ot_typ_raster, mid[:, 0], mid[:, 1], fill=4)  # default: village
    p_drop = np.array([SETTLEMENT[t]["drop"] for t in ("inner", "outer", "platte", "mixed", "village")])[typ]
    drop = (rng.random(len(edges)) < p_drop) & ~collector
    foot = drop & (rng.random(len(edges)) < np.where(typ == 2, 0.6, 0.35))
    cls[foot] = RC["footway"]
    alive = ~drop | foot
    # one-way streets: whole lattice lines near the centre
    oneway = np.zeros(len(edges), np.int8)
    a, b = edges[:, 0].copy(), edges[:, 1].copy()
    if is_city:
        dist_c = np.hypot(mid[:, 0] - centre[0], mid[:, 1] - centre[1])
        lines_ow = {}
        for key in set(zip(horiz.tolist(), line_id.tolist())):
            if rng.random() < 0.09:
                lines_ow[key] = rng.random() < 0.5
        for i in range(len(edges)):
            key = (bool(horiz[i]), int(line_id[i]))
            if key in lines_ow and cls[i] == RC["residential"] and dist_c[i] < 2800:
                oneway[i] = 1
                if lines_ow[key]:
                    a[i], b[i] = b[i], a[i]
    net.add(flat[a[alive]], flat[b[alive]], cls[alive], oneway[alive], kind="lattice")
    # a few diagonals (at most one per lattice cell, so the lattice stays planar)
    cell = np.arange(ny * nx).reshape(ny, nx)[:-1, :-1].ravel()
    k4 = keep[:-1, :-1].ravel() & keep[1:, :-1].ravel() & keep[:-1, 1:].ravel() & keep[1:, 1:].ravel()
    cell = cell[k4 & (rng.random(k4.shape) < 0.035)]
    anti = rng.random(len(cell)) < 0.5
    d0 = np.where(anti, cell + 1, cell)
    d1 = np.where(anti, cell + nx, cell + nx + 1)
    dm = (flat[d0] + flat[d1]) / 2
    ok = grid.lookup(clusters, dm[:, 0], dm[:, 1]) == cid
    net.add(flat[d0[ok]], flat[d1[ok]], RC["residential"], kind="lattice")


def city_lattice(rng, centre, extent_radius):
    """A warped node lattice: denser towards the centre, slowly rotating (log spiral), jittered."""
    s_u = 84.0
    n = int(extent_radius / 0.7 / s_u) + 2
    u = np.arange(-n, n + 1) * s_u
    U, V = np.meshgrid(u, u)
    rho = np.hypot(U, V)
    phi = np.arctan2(V, U)
    L = 2500.0
    r = 0.72 * rho + 0.38 * (rho - L * (1 - np.exp(-rho / L)))  # dr/drho: 0.72 (centre) -> 1.10
    theta = 0.33 * np.log1p(rho / 500.0) + 0.08 * np.sin(3 * phi + 1.3) * np.minimum(1, rho / 2500.0)
    X = centre[0] + r * np.cos(phi + theta)
    Y = centre[1] + r * np.sin(phi + theta)
    n1, n2 = smooth_noise(rng, 6, (900.0, 2500.0)), smooth_noise(rng, 6, (900.0, 2500.0))
    X = X + 30.0 * n1(X, Y)
    Y = Y + 30.0 * n2(X, Y)
    jit = 0.12 * s_u * np.clip(r / np.maximum(rho, 1), 0.7, 1.1)
    X = X + rng.uniform(-1, 1, X.shape) * jit
    Y = Y + rng.uniform(-1, 1, Y.shape) * jit
    return np.stack([X, Y], -1)


def village_lattice(rng, centre, radius):
    s = rng.uniform(72.0, 95.0)
    ang = rng.uniform(0, np.pi / 2)
    n = int(radius / s) + 2
    u = np.arange(-n, n + 1) * s + rng.uniform(0, s)
    U, V = np.meshgrid(u, u)
    X = centre[0] + U * math.cos(ang) - V * math.sin(ang)
    Y = centre[1] + U * math.sin(ang) + V * math.cos(ang)
    X = X + rng.uniform(-0.15, 0.15, X.shape) * s
    Y = Y + rng.uniform(-0.15, 0.15, Y.shape) * s
    return np.stack([X, Y], -1)


# --------------------------------------------------------------------------------------------
# 4. noding and graph
# --------------------------------------------------------------------------------------------
def node_segments(P, Q, attrs, tol=1.5):
    """Split 2-point segments at all mutual intersections so every crossing is a shared vertex.

    Crossings closer than ``tol`` to an existing end point snap to that end point; dangling ends
    closer than ``tol`` to another segment become T-junctions. Returns new (P, Q, attrs-index).
    """
    n = len(P)
    mid = (P + Q) / 2
    vec = Q - P
    length = np.hypot(vec[:, 0], vec[:, 1])
    tree = cKDTree(mid)
    pairs = tree.query_pairs(length.max() + tol, output_type="ndarray")
    i, j = pairs[:, 0], pairs[:, 1]
    near = np.hypot(*(mid[i] - mid[j]).T) <= (length[i] + length[j]) / 2 + tol
    i, j = i[near], j[near]
    r, s = vec[i], vec[j]
    den = r[:, 0] * s[:, 1] - r[:, 1] * s[:, 0]
    qp = P[j] - P[i]
    ok = np.abs(den) > 1e-9 * length[i] * length[j]
    den = np.where(ok, den, 1.0)
    t = (qp[:, 0] * s[:, 1] - qp[:, 1] * s[:, 0]) / den
    u = (qp[:, 0] * r[:, 1] - qp[:, 1] * r[:, 0]) / den
    et, eu = tol / length[i], tol / length[j]
    hit = ok & (t >= -et) & (t <= 1 + et) & (u >= -eu) & (u <= 1 + eu)
    i, j, t = i[hit], j[hit], t[hit]
    X = P[i] + t[:, None] * vec[i]
    splits = defaultdict(list)  # segment -> list of points
    for k in range(len(i)):
        a, b = i[k], j[k]
        x = X[k]
        cands = (P[a], Q[a], P[b], Q[b])
        dist = [math.hypot(*(c - x)) for c in cands]
        m = int(np.argmin(dist))
        c = cands[m] if dist[m] < tol else x
        for seg in (a, b):
            if np.array_equal(c, P[seg]) or np.array_equal(c, Q[seg]):
                continue
            along = float((c - P[seg]) @ vec[seg]) / length[seg]
            if 0.01 < along < length[seg] - 0.01:  # only points inside the segment split it
                splits[seg].append(c)
    outP, outQ, outA = [], [], []
    n_split = 0
    has = np.zeros(n, bool)
    has[list(splits)] = True
    keep = np.nonzero(~has)[0]
    outP.append(P[keep])
    outQ.append(Q[keep])
    outA.append(attrs[keep])
    for seg, pts in splits.items():
        pts = np.array(pts)
        tt = ((pts - P[seg]) @ vec[seg]) / (length[seg] ** 2)
        order = np.argsort(tt, kind="stable")
        pts, tt = pts[order], tt[order]
        chain = [P[seg]]
        for p in pts:
            # ignore split points that coincide (to the cm) with the previous point or the end
            if math.hypot(*(p - chain[-1])) < 0.01 or math.hypot(*(p - Q[seg])) < 0.01:
                continue
            chain.append(p)
        chain.append(Q[seg])
        chain = np.array(chain)
        n_split += len(chain) > 2
        outP.append(chain[:-1])
        outQ.append(chain[1:])
        outA.append(np.full(len(chain) - 1, attrs[seg]))
    return np.vstack(outP), np.vstack(outQ), np.concatenate(outA), n_split


def clean_segments(P, Q, A, cls):
    """Round to cm, drop zero-length pieces and duplicates (keep the highest road class)."""
    P, Q = np.round(P, 2), np.round(Q, 2)
    ok = np.any(P != Q, axis=1)
    P, Q, A = P[ok], Q[ok], A[ok]
    nodes, inv = np.unique(np.vstack([P, Q]), axis=0, return_inverse=True)
    inv = inv.ravel()
    a, b = inv[: len(P)], inv[len(P):]
    key = np.minimum(a, b) * len(nodes) + np.maximum(a, b)
    order = np.lexsort((cls[A], key))  # per key: best (lowest) class first
    first = np.r_[True, key[order][1:] != key[order][:-1]]
    sel = np.sort(order[first])
    return P[sel], Q[sel], A[sel]


def graph_components(P, Q):
    nodes, inv = np.unique(np.vstack([P, Q]), axis=0, return_inverse=True)
    inv = inv.ravel()
    a, b = inv[: len(P)], inv[len(P):]
    n = len(nodes)
    g = coo_matrix((np.ones(len(a)), (a, b)), shape=(n, n))
    ncomp, lab = connected_components(g, directed=False)
    return nodes, a, b, ncomp, lab


def merge_chains(P, Q, A, attr_key):
    """Merge runs of segments through degree-2 nodes with equal attributes into polylines."""
    nodes, inv = np.unique(np.vstack([P, Q]), axis=0, return_inverse=True)
    inv = inv.ravel()
    a, b = inv[: len(P)], inv[len(P):]
    deg = np.bincount(np.r_[a, b], minlength=len(nodes))
    inc = defaultdict(list)
    for e in range(len(a)):
        inc[a[e]].append(e)
        inc[b[e]].append(e)
    used = np.zeros(len(a), bool)
    lines = []

    def mergeable(node, e1, e2):
        if deg[node] != 2 or attr_key[e1] != attr_key[e2]:
            return False
        if attr_key[e1][1]:  # one-way: directions must continue
            return (b[e1] == node and a[e2] == node) or (a[e1] == node and b[e2] == node)
        return True

    for e0 in range(len(a)):
        if used[e0]:
            continue
        used[e0] = True
        seq = [a[e0], b[e0]]
        for forward in (True, False):
            cur_e = e0
            node = seq[-1] if forward else seq[0]
            while True:
                others = [e for e in inc[node] if e != cur_e]
                if len(others) != 1 or used[others[0]] or not mergeable(node, cur_e, others[0]):
                    break
                nxt = others[0]
                used[nxt] = True
                other_node = b[nxt] if a[nxt] == node else a[nxt]
                if forward:
                    seq.append(other_node)
                else:
                    seq.insert(0, other_node)
                if other_node == (seq[0] if forward else seq[-1]):
                    break  # closed ring
                node, cur_e = other_node, nxt
        lines.append((nodes[seq], A[e0]))
    return lines


def node_and_connect(P, Q, cls, ow, names, max_passes=10):
    """Node all segments, then link every fragment to the main component; repeat until stable.

    Returns the cleaned segments and their attributes (class, one-way, name).
    """
    for it in range(max_passes):
        P2, Q2, A2, nsplit = node_segments(P, Q, np.arange(len(P)))
        P2, Q2, A2 = clean_segments(P2, Q2, A2, cls)
        cls, ow, names = cls[A2], ow[A2], names[A2]
        P, Q = P2, Q2
        nodes, a, b, ncomp, lab = graph_components(P, Q)
        log(f"noding pass {it}: {len(P)} segments, {nsplit} split, {ncomp} components")
        if ncomp == 1 and nsplit == 0:
            break
        if ncomp == 1:  # splitting may reveal new near-junctions: node again
            continue
        # link each fragment by its closest node pair to the main component (as a footway)
        main_c = np.bincount(lab).argmax()
        main_nodes = nodes[lab == main_c]
        tree = cKDTree(main_nodes)
        new_p, new_q = [], []
        for c in range(ncomp):
            if c == main_c:
                continue
            cn = nodes[lab == c]
            d, j = tree.query(cn)
            k = int(np.argmin(d))
            new_p.append(cn[k])
            new_q.append(main_nodes[j[k]])
        P, Q = np.vstack([P, new_p]), np.vstack([Q, new_q])
        cls = np.r_[cls, np.full(len(new_p), RC["footway"], np.int8)]
        ow = np.r_[ow, np.zeros(len(new_p), np.int8)]
        names = np.r_[names, np.array([""] * len(new_p), dtype=object)]
    else:
        raise RuntimeError("network did not become connected")
    # idempotence check: another exact noding pass must not split anything
    _, _, _, nsplit = node_segments(P, Q, np.arange(len(P)), tol=1e-3)
    assert nsplit == 0, f"noding not idempotent ({nsplit} splits)"
    return P, Q, cls, ow, names


# --------------------------------------------------------------------------------------------
# the whole network + demand points
# --------------------------------------------------------------------------------------------
def build_city(ots, pois, city, rngs):
    rng_settle, rng_lattice, rng_roads, rng_points = rngs
    rect = city.boundingBox()
    grid = Grid(rect)
    altstadt = ots[0]["geom"].centroid().asPoint()
    centre = (altstadt.x() - 120.0, altstadt.y() + 60.0)
    label, settled = build_settlement(ots, pois, grid, centre, rng_settle)
    outside = outside_settlements(pois, grid, label)
    log("settled area km2:", round((settled >= 0).sum() * CELL * CELL / 1e6, 1),
        "outside settlements km2:", round(outside.sum() * CELL * CELL / 1e6, 1))

    # clusters of settled land (dilated by 50 m): one lattice each
    any_settled = (settled >= 0) | outside
    region = ndimage.binary_dilation(any_settled, iterations=2)
    clusters, n_clusters = ndimage.label(region, structure=np.ones((3, 3)))
    clusters = clusters.astype(np.int32)
    city_cid = int(grid.lookup(clusters, np.array([centre[0]]), np.array([centre[1]]))[0])
    type_code = {"inner": 0, "outer": 1, "platte": 2, "mixed": 3, "village": 4}
    ot_typ = np.array([type_code[o["typ"]] for o in ots], np.int8)
    typ_raster = np.where(label >= 0, ot_typ[np.maximum(label, 0)], 4).astype(np.int8)

    net = Net()
    X, Y = grid.centres()
    for cid, sl in enumerate(ndimage.find_objects(clusters), 1):
        in_c = clusters[sl] == cid
        xs, ys = X[sl][in_c], Y[sl][in_c]
        if cid == city_cid:
            radius = float(np.hypot(xs - centre[0], ys - centre[1]).max()) + 2 * CELL
            XY = city_lattice(rng_lattice, centre, radius)
        else:
            cx, cy = xs.mean(), ys.mean()
            radius = float(np.hypot(xs - cx, ys - cy).max()) + 2 * CELL
            XY = village_lattice(rng_lattice, (cx, cy), radius)
        build_lattice(rng_lattice, net, grid, clusters, cid, XY, typ_raster, centre, cid == city_cid)
    log("clusters:", n_clusters, "lattice segments:", sum(len(p) for p in net.P))

    # ---- address points along residential streets ------------------------------------------
    Pl, Ql, cl, _, _ = net.arrays()
    demand = place_demand_points(ots, grid, settled, Pl, Ql, cl, rng_points)

    # ---- main roads -------------------------------------------------------------------------
    add_main_roads(net, rng_roads, centre, city)
    add_country_roads(net, rng_roads, clusters, grid, city_cid, centre)
    add_tracks(net, rng_roads, clusters, grid, city_cid)
    return grid, label, settled, clusters, net, demand, centre


def place_demand_points(ots, grid, settled, P, Q, cls, rng):
    """Address points along residential streets; population and age bands per Ortsteil."""
    street = (cls == RC["residential"]) | (cls == RC["tertiary"])
    P, Q = P[street], Q[street]
    vec = Q - P
    length = np.hypot(vec[:, 0], vec[:, 1])
    normal = np.stack([-vec[:, 1], vec[:, 0]], 1) / length[:, None]
    # candidate slots on both sides of every street, spacing by the settlement type at the segment
    mid = (P + Q) / 2
    ot_mid = grid.lookup(settled, mid[:, 0], mid[:, 1])
    spacing = np.array([SETTLEMENT[o["typ"]]["spacing"] for o in ots] + [30.0])[ot_mid]
    nslot = np.maximum(1, np.floor(length / spacing)).astype(int)
    seg = np.repeat(np.arange(len(P)), nslot)
    k = np.arange(len(seg)) - np.repeat(np.cumsum(nslot) - nslot, nslot)
    t = (k + 0.5 + rng.uniform(-0.2, 0.2, len(seg))) / nslot[seg]
    base = P[seg] + t[:, None] * vec[seg]
    side = np.where(rng.random(len(seg)) < 0.5, -1.0, 1.0)
    both = np.vstack([base + normal[seg] * (rng.uniform(10, 18, len(seg)) * side)[:, None],
                      base - normal[seg] * (rng.uniform(10, 18, len(seg)) * side)[:, None]])
    slot_ot = grid.lookup(settled, both[:, 0], both[:, 1])
    demand = []
    for kk, ot in enumerate(ots):
        cand = both[slot_ot == kk]
        inner = ot["geom"].buffer(-8.0, 4)
        cand = cand[points_in_rings(polygon_rings(inner), cand[:, 0], cand[:, 1])]
        # thin out slots closer than 8 m to each other (from crossing streets)
        if len(cand):
            tree = cKDTree(cand)
            drop = set()
            for a, b in sorted(tree.query_pairs(8.0)):
                if a not in drop:
                    drop.add(b)
            cand = np.delete(cand, sorted(drop), axis=0)
        typ = ot["typ"]
        n_target = int(round(ot["pop"] / SETTLEMENT[typ]["per_point"]))
        n = min(len(cand), n_target)
        if n < max(3, n_target // 4):
            raise RuntimeError(f"too few address slots in {ot['name']}: {len(cand)} for {n_target}")
        pick = np.sort(rng.choice(len(cand), n, replace=False))
        pts = cand[pick]
        demand.append(dict(ot=kk, xy=pts))
    # farmstead: isolated (see add_farmstead), three houses, taken from Egstedt's population
    return demand


def distribute_population(ots, demand, farm, rng):
    """Population per point (exact Ortsteil totals) and age bands (exact band totals)."""
    out = []
    for d in demand:
        ot = ots[d["ot"]]
        pts = d["xy"]
        total = ot["pop"]
        extra = farm if (farm is not None and farm["ot"] == d["ot"]) else None
        if extra is not None:
            pts = np.vstack([pts, extra["xy"]])
        n = len(pts)
        typ = ot["typ"]
        sigma = {"platte": 0.55, "inner": 0.6, "outer": 0.6, "mixed": 0.8, "village": 0.55}[typ]
        w = rng.lognormal(0.0, sigma, n)
        if typ in ("platte", "mixed"):
            w *= np.where(rng.random(n) < 0.25, 2.5, 1.0)  # some 11-storey blocks
        if extra is not None:
            w[-len(extra["xy"]):] = w.mean() * 0.3  # farm houses: a few residents each
        per_point = largest_remainder(w, total - n) + 1  # at least one resident per point
        # age bands: Ortsteil shares (profile x noise), then people assigned to points so that
        # some points are "younger", some "older" (sorted with noise)
        shares = np.array(AGE_PROFILES[typ]) * np.exp(rng.normal(0, 0.07, len(BANDS)))
        band_tot = largest_remainder(shares, total)
        persons = np.repeat(np.arange(len(BANDS)), band_tot)
        persons = persons[np.argsort(persons + rng.normal(0, 2.2, total), kind="stable")]
        order = rng.permutation(n)
        point_of_person = np.repeat(order, per_point[order])
        counts = np.zeros((n, len(BANDS)), np.int64)
        np.add.at(counts, (point_of_person, persons), 1)
        assert counts.sum() == total and (counts.sum(1) == per_point).all()
        out.append(dict(ot=d["ot"], xy=pts, bands=counts, farm=np.r_[np.zeros(len(d["xy"]), bool),
                                                                     np.ones(n - len(d["xy"]), bool)]))
    return out


def add_main_roads(net, rng, centre, city):
    """Inner ring road and radial main roads towards the city boundary and beyond."""
    cx, cy = centre
    ang = np.linspace(0, 2 * np.pi, 61)
    rad = 780.0 + 60.0 * np.sin(2 * ang + 0.7) + rng.normal(0, 12, ang.shape)
    rad[-1] = rad[0]
    ring = np.stack([cx + rad * np.cos(ang) * 1.1, cy + rad * np.sin(ang) * 0.9], 1)
    net.add_polyline(ring, RC["primary"], name="Ring (generiert)", kind="main")
    names = ["Radiale Nord", "Radiale Nordost", "Radiale Ost", "Radiale Südost", "Radiale Süd",
             "Radiale Südwest", "Radiale West", "Radiale Nordwest"]
    bearings = [8, 48, 82, 128, 178, 218, 262, 305]
    boundary = city.boundingBox()
    for nm, brg in zip(names, bearings):
        heading = math.radians(brg + rng.normal(0, 3))
        a = math.atan2(math.cos(heading), math.sin(heading))  # bearing -> math angle
        i = int(np.argmin(np.abs(((ang[:-1] - a) + np.pi) % (2 * np.pi) - np.pi)))
        pts = [ring[i]]
        h = heading
        outside_run = 0.0
        while outside_run < 700.0 and len(pts) < 400:
            h += rng.normal(0, 0.09) + 0.12 * (heading - h)
            p = pts[-1] + 90.0 * np.array([math.sin(h), math.cos(h)])
            pts.append(p)
            if not boundary.contains(QgsPointXY(*p)) or not city.contains(QgsGeometry.fromPointXY(QgsPointXY(*p))):
                outside_run += 90.0
        net.add_polyline(np.array(pts), RC["primary"], name=nm + " (generiert)", kind="main")


def cluster_nodes(net, grid, clusters):
    """End points of lattice segments grouped by cluster id."""
    P, Q, cls, _, _ = net.arrays()
    nodes = np.unique(np.vstack([P, Q]), axis=0)
    cid = grid.lookup(clusters, nodes[:, 0], nodes[:, 1], fill=0)
    return nodes, cid


def add_country_roads(net, rng, clusters, grid, city_cid, centre):
    """Roads between settlement clusters: MST + links towards the centre + redundant links."""
    nodes, cid = cluster_nodes(net, grid, clusters)
    ids = [c for c in np.unique(cid) if c > 0]
    trees = {c: cKDTree(nodes[cid == c]) for c in ids}
    pts = {c: nodes[cid == c] for c in ids}
    m = len(ids)
    D = np.full((m, m), np.inf)
    pair = {}
    for a in range(m):
        for b in range(a + 1, m):
            A_, B_ = pts[ids[a]], pts[ids[b]]
            small, big, sw = (A_, trees[ids[b]], False) if len(A_) <= len(B_) else (B_, trees[ids[a]], True)
            d, j = big.query(small)
            k = int(np.argmin(d))
            p1, p2 = small[k], big.data[j[k]]
            if sw:
                p1, p2 = p2, p1
            D[a, b] = D[b, a] = d[k]
            pair[(a, b)] = (p1, p2)
    Dm = np.where(np.isfinite(D), D, 0)
    mst = minimum_spanning_tree(Dm).tocoo()
    links = {}
    for a, b in zip(mst.row, mst.col):
        links[(min(a, b), max(a, b))] = "tertiary"
    ci = ids.index(city_cid)
    cen = np.array(centre)
    rep = {a: pts[ids[a]].mean(axis=0) for a in range(m)}
    for a in range(m):
        if a == ci:
            continue
        da = np.hypot(*(rep[a] - cen))
        # the nearest cluster that lies closer to the centre: the road "into town"
        best, bd = None, np.inf
        for b in range(m):
            if b == a:
                continue
            db = np.hypot(*(rep[b] - cen)) if b != ci else 0.0
            if db < da - 300 and D[a, b] < bd:
                best, bd = b, D[a, b]
        if best is not None:
            links[(min(a, best), max(a, best))] = "secondary"
        # redundant links to other near clusters
        for b in np.argsort(D[a])[:3]:
            key = (min(a, b), max(a, b))
            if b != a and key not in links and D[a, b] < 2500 and rng.random() < 0.45:
                links[key] = "tertiary" if rng.random() < 0.5 else "track"
    for (a, b), cls in sorted(links.items()):
        p1, p2 = pair[(a, b)]
        if np.hypot(*(p2 - p1)) < 1.0:
            continue
        line = wobbly_line(rng, p1, p2, step=70.0, bend=0.06 if cls != "track" else 0.1)
        net.add_polyline(line, RC[cls], kind="country")
    log("country roads:", len(links))


def add_tracks(net, rng, clusters, grid, city_cid):
    """Dead-end field tracks from the edges of villages (and a few from the city edge)."""
    nodes, cid = cluster_nodes(net, grid, clusters)
    for c in np.unique(cid):
        if c <= 0:
            continue
        pts = nodes[cid == c]
        ctr = pts.mean(axis=0)
        dist = np.hypot(*(pts - ctr).T)
        n_tracks = 6 if c == city_cid else int(rng.integers(1, 3))
        edge_pts = pts[np.argsort(-dist)[: max(3, len(pts) // 8)]]
        for p in edge_pts[rng.choice(len(edge_pts), min(n_tracks, len(edge_pts)), replace=False)]:
            direction = (p - ctr) / max(np.hypot(*(p - ctr)), 1.0)
            end = p + direction * rng.uniform(300, 900) + rng.normal(0, 120, 2)
            net.add_polyline(wobbly_line(rng, p, end, step=80.0, bend=0.08), RC["track"], kind="track")


def add_access_roads(net_P, net_Q, points, max_gap=100.0):
    """Straight service roads from points (facilities) far from the network to the nearest node."""
    nodes = np.unique(np.vstack([net_P, net_Q]), axis=0)
    gap = nearest_segment_distance(points, net_P, net_Q, max_gap)
    far = ~np.isfinite(gap)
    if not far.any():
        return np.empty((0, 2)), np.empty((0, 2))
    _, j = cKDTree(nodes).query(points[far])
    return points[far], nodes[j]


# --------------------------------------------------------------------------------------------
# facilities
# --------------------------------------------------------------------------------------------
def school_subtype(name, rng):
    """School type from the name where it says so; otherwise generated (random)."""
    n = name.lower()
    if any(s in n for s in ("grundschule", "gs ", "grund- und")):
        return "grundschule"
    if "gymnasium" in n:
        return "gymnasium"
    if "regelschule" in n or " rs " in n:
        return "regelschule"
    if "gemeinschaftsschule" in n or "gesamtschule" in n:
        return "gemeinschaftsschule"
    if any(s in n for s in ("berufs", "bildungszentrum", "fachschule", "bildungswerk", "fortbildung",
                            "dehoga", "bundesfinanz", "gesundheitsberufe", "jugendberuf", "bzt")):
        return "berufsbildend"
    if any(s in n for s in ("musik", "music", "bike", "learn science", "racing")):
        return "sonstige"
    if "förder" in n:
        return "foerderschule"
    return "grundschule" if rng.random() < 0.55 else "gemeinschaftsschule"


def provider_from_name(name, rng, p_public, p_free):
    n = name.lower()
    if any(s in n for s in ("evangel", "st. ", "kathol", "dom", "stift", "edith-stein", "marien", "caritas",
                            "diakon", "christophorus", "ekm", "diözesan")):
        return "church"
    if any(s in n for s in ("freie", "freier", "waldorf", "montessori", "awo", "drk", "johanniter",
                            "volkssolidarit", "kolping", "cjd", "private", "aktiv-schule", "internationale")):
        return "free"
    x = rng.random()
    return "public" if x < p_public else ("free" if x < p_public + p_free else "church")


def build_facilities(pois, ots, dps, rng):
    """Real OSM facilities with generated attributes + a few clearly generated facilities."""
    facs = []
    counter = defaultdict(int)
    for p in sorted(pois, key=lambda p: (p["cat"], p["name"], p["x"])):
        typ = POI_TYPES[p["cat"]][0]
        if typ is None:
            continue  # cemeteries only served as settlement hints
        subtyp, cap, cap_u3, unit = None, None, None, None
        if typ == "kita":
            cap = float(int(rng.integers(8, 37)) * 5)  # 40..180 places
            cap_u3 = float(round(cap * rng.uniform(0.25, 0.35)))
            unit = "Plätze"
            provider = provider_from_name(p["name"], rng, 0.45, 0.45)
        elif typ == "schule":
            subtyp = school_subtype(p["name"], rng)
            if subtyp == "sonstige":
                typ = "bildung"
            rng_cap = {"grundschule": (150, 420), "gemeinschaftsschule": (300, 750), "regelschule": (250, 550),
                       "gymnasium": (550, 1000), "berufsbildend": (400, 2200), "foerderschule": (60, 180)}
            if subtyp in rng_cap:
                lo, hi = rng_cap[subtyp]
                cap = float(int(rng.integers(lo // 10, hi // 10 + 1)) * 10)
                unit = "Schüler"
            provider = provider_from_name(p["name"], rng, 0.85, 0.12)
        elif typ == "bibliothek":
            public = p["name"].startswith(("Bibliothek ", "Stadt- und", "Kinder- und Jugend"))
            subtyp = "oeffentlich" if public and "Ministeri" not in p["name"] and "Bundes" not in p["name"] \
                and "Naturkunde" not in p["name"] and "Evangel" not in p["name"] else "fach"
            provider = "public" if subtyp == "oeffentlich" else provider_from_name(p["name"], rng, 0.6, 0.3)
        else:
            provider = provider_from_name(p["name"], rng, 0.6, 0.35)
        counter[typ] += 1
        facs.append(dict(fac_id=f"{typ}_{counter[typ]:03d}", name=p["name"], typ=typ, subtyp=subtyp,
                         capacity=cap, capacity_u3=cap_u3, capacity_unit=unit,
                         capacity_generated=1 if cap is not None else 0, provider=provider, provider_generated=1,
                         ot_id=f"{p['ot']:02d}" if p["ot"] else None, in_city=1 if p["in_city"] else 0,
                         generated=0, source="OpenStreetMap", x=p["x"], y=p["y"]))
    # generated facilities at (near) demand points, weighted by the target population
    xy = np.vstack([d["xy"] for d in dps])
    bands = np.vstack([d["bands"] for d in dps])
    ot_of = np.concatenate([np.full(len(d["xy"]), d["ot"]) for d in dps])
    not_farm = ~np.concatenate([d["farm"] for d in dps])
    specs = [  # typ, number, weight columns, capacity range, unit, name
        ("jugendclub", 14, [3, 4], (20, 80), "Plätze", "Jugendclub"),
        ("seniorentreff", 12, [6, 7], (25, 90), "Plätze", "Seniorentreff"),
        ("familienzentrum", 5, [0, 1, 2], None, None, "Familienzentrum"),
        ("beratung", 6, list(range(8)), None, None, "Beratungsstelle"),
        ("spielplatz", 90, [1, 2, 3], (150, 2500), "m² Spielfläche", "Spielplatz"),
    ]
    for typ, n, cols, cap_rng, unit, label in specs:
        w = bands[:, cols].sum(1).astype(float) * not_farm
        if typ in ("jugendclub", "beratung", "familienzentrum"):
            dis = np.array([DISADVANTAGE.get(o["nr"], -0.5) for o in ots])[ot_of]
            w *= np.exp(0.6 * dis)
        chosen = []
        for idx in rng.choice(len(w), size=4 * n, replace=False, p=w / w.sum()):
            if all(np.hypot(*(xy[idx] - xy[c])) > (250 if typ == "spielplatz" else 600) for c in chosen):
                chosen.append(idx)
            if len(chosen) == n:
                break
        for k, idx in enumerate(sorted(chosen, key=lambda i: (ot_of[i], xy[i, 0])), 1):
            ot = ots[ot_of[idx]]
            off = rng.normal(0, 4, 2)
            x, y = xy[idx] + off
            if not ot["geom"].contains(QgsGeometry.fromPointXY(QgsPointXY(x, y))):
                x, y = xy[idx]
            cap = None
            if cap_rng:
                cap = float(int(rng.integers(cap_rng[0] // 5, cap_rng[1] // 5 + 1)) * 5)
            facs.append(dict(fac_id=f"{typ}_{k:03d}", name=f"{label} {ot['name']} {k} (generiert)", typ=typ,
                             subtyp=None, capacity=cap, capacity_u3=None, capacity_unit=unit,
                             capacity_generated=1 if cap is not None else 0,
                             provider=("public" if typ == "spielplatz" else
                                       provider_from_name("", rng, 0.35, 0.5)),
                             provider_generated=1, ot_id=ot["id"], in_city=1, generated=1, source="generated",
                             x=float(x), y=float(y)))
    return facs


# --------------------------------------------------------------------------------------------
# atlas
# --------------------------------------------------------------------------------------------
ATLAS_COLUMNS = (
    ["Stadtteil-Nr.", "Stadtteil", "Einwohner"] + [f"Einwohner {b}" for b in BAND_LABELS]
    + ["Einwohner 65 und älter", "Ausländer", "Ausländeranteil in %", "Haushalte", "Haushalte mit Kindern",
       "Alleinerziehende Haushalte", "Anteil Alleinerziehende in %", "Arbeitslose", "Arbeitslosenquote in %",
       "SGB-II-Leistungsberechtigte", "SGB-II-Quote in %", "Kinder in SGB-II-Bedarfsgemeinschaften",
       "Anteil Kinder in SGB-II-Bedarfsgemeinschaften in %", "Grundsicherung im Alter",
       "Wohngeldhaushalte", "Hilfen zur Erziehung", "Zuzüge", "Fortzüge", "Durchschnittliche Wohndauer in Jahren"]
)
# rate column -> (numerator, denominator description) for formatting/suppression
RATE_OF = {
    "Ausländeranteil in %": "Ausländer",
    "Anteil Alleinerziehende in %": "Alleinerziehende Haushalte",
    "Arbeitslosenquote in %": "Arbeitslose",
    "SGB-II-Quote in %": "SGB-II-Leistungsberechtigte",
    "Anteil Kinder in SGB-II-Bedarfsgemeinschaften in %": "Kinder in SGB-II-Bedarfsgemeinschaften",
}


def build_atlas(ots, dps, rng):
    """Indicator values per Ortsteil and year (raw, unsuppressed)."""
    latest = {d["ot"]: d["bands"].sum(0) for d in dps}
    years = list(ATLAS_YEARS)
    result = {y: [] for y in years}
    for k, ot in enumerate(ots):
        typ = ot["typ"]
        dis = DISADVANTAGE.get(ot["nr"], -0.55 + rng.normal(0, 0.12))
        # per-Ortsteil yearly trends
        growth = {"inner": 0.006, "outer": 0.004, "platte": -0.004, "mixed": 0.0, "village": 0.002}[typ]
        growth += rng.normal(0, 0.004)
        bands_by_year = {years[-1]: latest[k].astype(float)}
        band_trend = np.array([-0.03, -0.01, 0.005, 0.01, -0.01, 0.0, -0.005, 0.03])
        for y in reversed(years[:-1]):
            f = (1 + growth + band_trend + rng.normal(0, 0.01, len(BANDS)))
            bands_by_year[y] = bands_by_year[y + 1] / f
        unemp_rate = 0.042 * math.exp(0.55 * dis) * math.exp(rng.normal(0, 0.06))
        sgb_rate = 0.056 * math.exp(0.80 * dis) * math.exp(rng.normal(0, 0.06))
        foreign = 0.052 * math.exp(0.55 * dis) * (1.5 if typ == "inner" else 1.0) * math.exp(rng.normal(0, 0.1))
        if ot["nr"] in (5, 6):
            foreign = {5: 0.155, 6: 0.225}[ot["nr"]]  # published 2020: Berliner Platz 15 %, Rieth 22 %
        hh_size = {"inner": 1.62, "outer": 1.95, "platte": 1.72, "mixed": 1.85, "village": 2.25}[typ]
        dwell = {"inner": 9.5, "outer": 14.0, "platte": 15.5, "mixed": 15.0, "village": 21.0}[typ]
        for y in years:
            yi = y - years[-1]  # 0 for the latest year, negative before
            b = np.round(bands_by_year[y]).astype(int)
            pop = int(b.sum())
            u18 = int(b[:4].sum())
            u65 = int(b[:6].sum())
            a18_65 = int(b[4:6].sum())
            p65 = int(b[6:].sum())
            # yearly dynamics: unemployment falls after 2020, SGB II rises in 2022 (refugees from
            # Ukraine moved into SGB II in June 2022), more foreign nationals in 2022
            u_f = {0: 0.97, -1: 1.0, -2: 1.06}.get(yi, 1.0) * math.exp(rng.normal(0, 0.04))
            s_f = {0: 1.06 + 0.02 * max(dis, 0), -1: 1.0, -2: 1.02}.get(yi, 1.0) * math.exp(rng.normal(0, 0.03))
            f_f = {0: 1.12, -1: 1.0, -2: 0.97}.get(yi, 1.0) * math.exp(rng.normal(0, 0.03))
            foreigners = int(round(pop * foreign * f_f))
            households = int(round(pop / hh_size))
            hh_kids = int(round(u18 / 1.65))
            single = int(round(hh_kids * min(0.55, 0.19 * math.exp(0.35 * dis)) * math.exp(rng.normal(0, 0.05))))
            unemployed = int(round(a18_65 * unemp_rate * u_f))
            sgb = int(round(u65 * sgb_rate * s_f))
            kids_sgb = int(round(u18 * min(0.6, sgb_rate * 1.45) * s_f * math.exp(rng.normal(0, 0.05))))
            gs_age = int(round(p65 * 0.014 * math.exp(0.7 * dis) * math.exp(rng.normal(0, 0.1))))
            wohngeld = int(round(households * 0.013 * math.exp(0.55 * dis) * math.exp(rng.normal(0, 0.08))))
            hze = int(round(u18 * 0.011 * math.exp(0.55 * dis) * math.exp(rng.normal(0, 0.15))))
            mob = {"inner": 0.14, "outer": 0.08, "platte": 0.10, "mixed": 0.08, "village": 0.055}[typ]
            zuz = int(round(pop * mob * math.exp(rng.normal(0, 0.06))))
            fort = int(round(pop * mob * math.exp(rng.normal(-growth, 0.06))))
            row = {"Stadtteil-Nr.": ot["id"], "Stadtteil": ot["name"], "Einwohner": pop}
            for lab, v in zip(BAND_LABELS, b):
                row[f"Einwohner {lab}"] = int(v)
            row.update({
                "Einwohner 65 und älter": p65,
                "Ausländer": foreigners, "Ausländeranteil in %": 100.0 * foreigners / pop,
                "Haushalte": households, "Haushalte mit Kindern": hh_kids,
                "Alleinerziehende Haushalte": single,
                "Anteil Alleinerziehende in %": 100.0 * single / hh_kids if hh_kids else None,
                "Arbeitslose": unemployed, "Arbeitslosenquote in %": 100.0 * unemployed / a18_65,
                "SGB-II-Leistungsberechtigte": sgb, "SGB-II-Quote in %": 100.0 * sgb / u65,
                "Kinder in SGB-II-Bedarfsgemeinschaften": kids_sgb,
                "Anteil Kinder in SGB-II-Bedarfsgemeinschaften in %": 100.0 * kids_sgb / u18 if u18 else None,
                "Grundsicherung im Alter": gs_age, "Wohngeldhaushalte": wohngeld, "Hilfen zur Erziehung": hze,
                "Zuzüge": zuz, "Fortzüge": fort,
                "Durchschnittliche Wohndauer in Jahren": dwell * math.exp(rng.normal(0, 0.05)) + 0.2 * yi,
            })
            result[y].append(row)
    return result


def fmt_int(n):
    return f"{n:,}".replace(",", ".")


def fmt_value(col, row, threshold=3):
    """German statistics-office formatting with primary suppression of small counts."""
    v = row[col]
    if col in ("Stadtteil-Nr.", "Stadtteil"):
        return v
    if col in RATE_OF:
        num = row[RATE_OF[col]]
        if v is None:
            return "."
        if num == 0:
            return "-"
        if num < threshold:
            return "."
        return f"{v:.1f}".replace(".", ",")
    if isinstance(v, float):
        return f"{v:.1f}".replace(".", ",")
    if v == 0:
        return "-"
    if v < threshold:
        return "."
    return fmt_int(v)


def write_atlas(atlas):
    ATLAS_DIR.mkdir(parents=True, exist_ok=True)
    long_rows = []
    for year, rows in atlas.items():
        path = ATLAS_DIR / f"sozialstrukturatlas_{year}.csv"
        with open(path, "w", encoding="cp1252", newline="") as fh:
            w = csv.writer(fh, delimiter=";", lineterminator="\r\n")
            w.writerow(ATLAS_COLUMNS)
            for row in rows:
                vals = [fmt_value(c, row) for c in ATLAS_COLUMNS]
                w.writerow(vals)
                for c, v in zip(ATLAS_COLUMNS[2:], vals[2:]):
                    long_rows.append((row["Stadtteil-Nr."], year, c, v))
    with open(ATLAS_DIR / "sozialstrukturatlas_lang.csv", "w", encoding="cp1252", newline="") as fh:
        w = csv.writer(fh, delimiter=";", lineterminator="\r\n")
        w.writerow(["unit", "year", "indicator", "value"])
        w.writerows(long_rows)


# --------------------------------------------------------------------------------------------
# writing: GeoPackage, styles, project
# --------------------------------------------------------------------------------------------
def make_fields(spec):
    fields = QgsFields()
    types = {"str": QVariant.String, "int": QVariant.Int, "double": QVariant.Double}
    for name, typ in spec:
        fields.append(QgsField(name, types[typ]))
    return fields


def metadata(title, abstract, rights, licences, keywords):
    md = QgsLayerMetadata()
    md.setTitle(title)
    md.setAbstract(abstract)
    md.setRights(rights)
    md.setLicenses(licences)
    md.setKeywords({"ISRP": keywords})
    md.setCrs(QgsCoordinateReferenceSystem(EPSG))
    md.setLanguage("de")
    return md


def write_layer(name, geom_type, fields, rows, md, first):
    """rows: iterable of (QgsGeometry or None, [attribute values])."""
    uri = f"{QgsWkbTypes.displayString(geom_type)}?crs={EPSG}" if geom_type != QgsWkbTypes.NoGeometry else "None"
    mem = QgsVectorLayer(uri, name, "memory")
    mem.dataProvider().addAttributes(fields.toList())
    mem.updateFields()
    feats = []
    for geom, attrs in rows:
        f = QgsFeature(mem.fields())
        if geom is not None:
            f.setGeometry(geom)
        f.setAttributes(attrs)
        feats.append(f)
    mem.dataProvider().addFeatures(feats)
    mem.setMetadata(md)
    opts = QgsVectorFileWriter.SaveVectorOptions()
    opts.driverName = "GPKG"
    opts.layerName = name
    opts.fileEncoding = "UTF-8"
    opts.layerMetadata = md
    opts.saveMetadata = True
    opts.actionOnExistingFile = (QgsVectorFileWriter.CreateOrOverwriteFile if first
                                 else QgsVectorFileWriter.CreateOrOverwriteLayer)
    err = QgsVectorFileWriter.writeAsVectorFormatV3(mem, str(GPKG), QgsCoordinateTransformContext(), opts)
    if err[0] != QgsVectorFileWriter.NoError:
        raise RuntimeError(f"writing {name}: {err}")
    log(f"layer {name}: {len(feats)} features")


def text_format(size, bold=False):
    fmt = QgsTextFormat()
    font = QFont("Sans")
    font.setBold(bold)
    fmt.setFont(font)
    fmt.setSize(size)
    fmt.setColor(QColor("#202020"))
    buf = QgsTextBufferSettings()
    buf.setEnabled(True)
    buf.setSize(0.8)
    buf.setColor(QColor("white"))
    fmt.setBuffer(buf)
    return fmt


def style_layers(layers):
    """Print-friendly, colour-blind-safe styles (ColorBrewer ramps, grey road hierarchy)."""
    # Ortsteile: thin outline, names
    ot = layers["ortsteile"]
    ot.setRenderer(QgsSingleSymbolRenderer(QgsFillSymbol.createSimple(
        {"color": "255,255,255,0", "style": "no", "outline_color": "#525252", "outline_width": "0.3"})))
    pal = QgsPalLayerSettings()
    pal.fieldName = "name"
    pal.setFormat(text_format(7.5))
    pal.placement = QgsPalLayerSettings.OverPoint
    ot.setLabeling(QgsVectorLayerSimpleLabeling(pal))
    ot.setLabelsEnabled(True)
    # Sozialräume: ColorBrewer Set2 (pale, colour-blind-friendlier qualitative) + strong outline
    sr = layers["sozialraeume"]
    ramp = QgsColorBrewerColorRamp("Set2", 6)
    cats = []
    for i, sid in enumerate(sorted(SOZIALRAEUME)):
        c = ramp.color(i / 5.0)
        sym = QgsFillSymbol.createSimple({"color": f"{c.red()},{c.green()},{c.blue()},70", "outline_color": "#252525",
                                          "outline_width": "0.8"})
        cats.append(QgsRendererCategory(sid, sym, SOZIALRAEUME[sid][0]))
    sr.setRenderer(QgsCategorizedSymbolRenderer("sozialraum_id", cats))
    # Straßennetz: grey hierarchy by width (prints well, no colour needed)
    rn = layers["strassennetz"]
    looks = {
        "primary": ("#252525", 1.1, "solid"), "secondary": ("#424242", 0.8, "solid"),
        "tertiary": ("#636363", 0.55, "solid"), "residential": ("#969696", 0.3, "solid"),
        "service": ("#969696", 0.25, "solid"), "track": ("#8c6d31", 0.3, "dash"),
        "footway": ("#737373", 0.25, "dot"),
    }
    cats = []
    for cls in ROAD_CLASSES:
        col, w, pen = looks[cls]
        sym = QgsLineSymbol.createSimple({"line_color": col, "line_width": str(w), "line_style": pen,
                                          "capstyle": "round", "joinstyle": "round"})
        cats.append(QgsRendererCategory(cls, sym, cls))
    rn.setRenderer(QgsCategorizedSymbolRenderer("road_class", cats))
    # Nachfragepunkte: graduated by inhabitants, ColorBrewer YlOrRd (sequential, colour-blind safe)
    dp = layers["nachfragepunkte"]
    breaks = [(1, 5), (6, 15), (16, 30), (31, 60), (61, 10000)]
    ramp = QgsColorBrewerColorRamp("YlOrRd", 5)
    ranges = []
    for i, (lo, hi) in enumerate(breaks):
        c = ramp.color(i / 4.0)
        sym = QgsMarkerSymbol.createSimple({"name": "circle", "color": c.name(), "size": str(0.9 + 0.25 * i),
                                            "outline_color": "#7f2704", "outline_width": "0.05"})
        label = f"{lo}–{hi}" if hi < 10000 else f"> {lo - 1}"
        ranges.append(QgsRendererRange(lo - 0.5, hi + 0.5, sym, label + " Einw."))
    dp.setRenderer(QgsGraduatedSymbolRenderer("pop_total", ranges))
    # Einrichtungen: categories by type, ColorBrewer Dark2 + distinct shapes (colour-blind safe by shape)
    fc = layers["einrichtungen"]
    dark2 = ["#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d", "#666666"]
    types = [("kita", "circle"), ("schule", "square"), ("bibliothek", "diamond"), ("sport", "triangle"),
             ("apotheke", "cross_fill"), ("bad", "hexagon"), ("krankenhaus", "cross2"), ("museum", "pentagon"),
             ("bildung", "square"), ("jugendclub", "star"), ("seniorentreff", "heart"),
             ("familienzentrum", "trapezoid"), ("beratung", "diamond"), ("spielplatz", "triangle")]
    cats = []
    for i, (t, shape) in enumerate(types):
        sym = QgsMarkerSymbol.createSimple({"name": shape, "color": dark2[i % 8], "size": "2.6" if t != "spielplatz"
                                            else "1.8", "outline_color": "white", "outline_width": "0.3"})
        cats.append(QgsRendererCategory(t, sym, t))
    fc.setRenderer(QgsCategorizedSymbolRenderer("typ", cats))


def save_styles_and_project(paths_md, extent):
    """Default styles into the GeoPackage, QML copies, and the .qgz with relative paths."""
    project = QgsProject.instance()
    project.clear()
    project.setCrs(QgsCoordinateReferenceSystem(EPSG))
    project.setTitle("ISRP – Beispielprojekt Erfurt")
    project.setFilePathStorage(Qgis.FilePathType.Relative)
    layers = {}
    for name, md in paths_md.items():
        lyr = QgsVectorLayer(f"{GPKG}|layername={name}", name, "ogr")
        if not lyr.isValid():
            raise RuntimeError(f"layer {name} invalid")
        lyr.setMetadata(md)
        if name == "ortsteile":
            lyr.setAttribution("© Landeshauptstadt Erfurt, Geoportal Erfurt, dl-de/by-2-0")
        elif name == "einrichtungen":
            lyr.setAttribution("© OpenStreetMap contributors, ODbL 1.0")
        layers[name] = lyr
    style_layers(layers)
    STYLE_DIR.mkdir(parents=True, exist_ok=True)
    for name in ("ortsteile", "sozialraeume", "strassennetz", "nachfragepunkte", "einrichtungen"):
        lyr = layers[name]
        err = lyr.saveStyleToDatabase(name, "ISRP Beispielstil", True, "")
        if err:
            log("style not saved to gpkg:", name, err)
        lyr.saveNamedStyle(str(STYLE_DIR / f"sample_{name}.qml"))
    order = ["einrichtungen", "nachfragepunkte", "strassennetz", "sozialraeume", "ortsteile", "sozialraum_mapping"]
    for name in order:
        project.addMapLayer(layers[name])
    project.layerTreeRoot().findLayer(layers["sozialraeume"].id()).setItemVisibilityChecked(False)
    pmd = project.metadata()
    pmd.setTitle("ISRP – Beispielprojekt Erfurt")
    pmd.setAbstract(
        "Beispieldaten für ISRP for QGIS. Ortsteile: " + ATTR_GEOPORTAL + ". Einrichtungen: " + ATTR_OSM
        + " (Kapazitäten/Träger generiert). Nachfragepunkte, Straßennetz, Sozialraum-Zuordnung und Atlas: generiert."
    )
    pmd.setAuthor("ISRP for QGIS")
    project.setMetadata(pmd)
    project.viewSettings().setDefaultViewExtent(QgsReferencedRectangle(extent, QgsCoordinateReferenceSystem(EPSG)))
    if not project.write(str(QGZ)):
        raise RuntimeError("cannot write project")
    project.clear()


# --------------------------------------------------------------------------------------------
# main
# --------------------------------------------------------------------------------------------
def main():
    qgs = QgsApplication([], False)
    qgs.initQgis()
    rngs = rng_streams(10)
    OUT.mkdir(parents=True, exist_ok=True)

    ots = load_ortsteile()
    city = QgsGeometry.unaryUnion([o["geom"] for o in ots])
    pois = load_pois(ots, city)
    log("Ortsteile:", len(ots), "POIs:", len(pois))

    grid, label, settled, clusters, net, demand, centre = build_city(ots, pois, city, rngs[:4])

    # farmstead with an isolated track loop (far from everything; tests "unreachable" handling)
    P, Q, cls, ow, names = net.arrays()
    farm = choose_farmstead(ots, grid, settled, P, Q, rngs[5])
    dps = distribute_population(ots, demand, farm, rngs[4])

    facs = build_facilities(pois, ots, dps, rngs[6])
    fac_xy = np.array([(f["x"], f["y"]) for f in facs])

    # access roads, noding, connecting fragments
    P, Q, cls, ow, names = net.arrays()
    a_p, a_q = add_access_roads(P, Q, fac_xy)
    log("access roads to facilities:", len(a_p))
    P, Q = np.vstack([P, a_p]), np.vstack([Q, a_q])
    cls = np.r_[cls, np.full(len(a_p), RC["service"], np.int8)]
    ow = np.r_[ow, np.zeros(len(a_p), np.int8)]
    names = np.r_[names, np.array([""] * len(a_p), dtype=object)]
    P, Q, cls, ow, names = node_and_connect(P, Q, cls, ow, names)
    # isolated farm loop (added after the connectivity loop on purpose)
    fP, fQ = farm["seg_p"], farm["seg_q"]
    assert np.isinf(nearest_segment_distance(np.vstack([fP, fQ]), P, Q, 250.0)).all()
    P, Q = np.vstack([P, fP]), np.vstack([Q, fQ])
    cls = np.r_[cls, np.full(len(fP), RC["track"], np.int8)]
    ow = np.r_[ow, np.zeros(len(fP), np.int8)]
    names = np.r_[names, np.array(["Hofzufahrt (generiert, isoliert)"] * len(fP), dtype=object)]
    keys = [(int(c), int(o), str(n)) for c, o, n in zip(cls, ow, names)]
    lines = merge_chains(P, Q, np.arange(len(P)), keys)
    log("road features after merging chains:", len(lines), "segments:", len(P))

    # ---- checks ----------------------------------------------------------------------------
    all_xy = np.vstack([d["xy"] for d in dps])
    nodes, a, b, ncomp, lab = graph_components(P, Q)
    main_c = np.bincount(lab).argmax()
    in_main = lab[a] == main_c
    dist = nearest_segment_distance(all_xy, P[in_main], Q[in_main], 150.0)
    cover = np.isfinite(dist).mean()
    log(f"components: {ncomp}; demand points within 150 m of main component: {cover:.4f}")
    assert cover >= 0.98
    fdist = nearest_segment_distance(fac_xy, P[in_main], Q[in_main], 150.0)
    log("facilities within 150 m of the main component:", int(np.isfinite(fdist).sum()), "of", len(fac_xy))

    # ---- write -----------------------------------------------------------------------------
    if GPKG.exists():
        GPKG.unlink()
    road_rows = [(QgsGeometry.fromPolylineXY([QgsPointXY(float(x), float(y)) for x, y in coords]),
                  [i, ROAD_CLASSES[int(cls[e])], int(ow[e]), names[e] or None])
                 for i, (coords, e) in enumerate(lines, 1)]
    mds = write_all(ots, dps, facs, road_rows)
    atlas = build_atlas(ots, dps, rngs[7])
    write_atlas(atlas)
    extent = QgsRectangle(float(P[:, 0].min()), float(P[:, 1].min()), float(P[:, 0].max()), float(P[:, 1].max()))
    extent.grow(200)
    save_styles_and_project(mds, extent)
    finalize_gpkg()
    summary(ots, dps, facs, atlas)
    qgs.exitQgis()


def finalize_gpkg():
    """Fixed style timestamps and a compact file, so that rebuilding gives identical bytes."""
    import sqlite3

    QgsProject.instance().clear()
    con = sqlite3.connect(str(GPKG))
    con.execute("UPDATE layer_styles SET update_time = '2024-01-01T00:00:00.000Z'")
    con.execute("UPDATE gpkg_metadata_reference SET timestamp = '2024-01-01T00:00:00.000Z'")
    con.commit()
    con.execute("VACUUM")
    con.close()


def choose_farmstead(ots, grid, settled, P, Q, rng):
    """A farmstead with 3 houses in Egstedt, > 700 m from any settled cell or road."""
    ot_k = next(k for k, o in enumerate(ots) if o["name"] == "Egstedt")
    ot = ots[ot_k]
    inner = ot["geom"].buffer(-150.0, 4)
    rings = polygon_rings(inner)
    r0, r1, c0, c1 = grid.bbox_slice(inner.boundingBox())
    X, Y = grid.centres(r0, r1, c0, c1)
    ok = points_in_rings(rings, X, Y)
    dist_settled = ndimage.distance_transform_edt(settled < 0) * CELL
    ok &= dist_settled[r0:r1, c0:c1] > 700
    cand = np.stack([X[ok], Y[ok]], 1)
    d = nearest_segment_distance(cand, P, Q, 600.0)
    cand = cand[np.isinf(d)]
    if not len(cand):
        raise RuntimeError("no place for the farmstead")
    c = cand[rng.integers(len(cand))]
    loop = c + np.array([[-40, -30], [45, -35], [50, 35], [-35, 40], [-40, -30]], float)
    stub = np.array([loop[1], loop[1] + [160, -20], loop[1] + [330, 10]])
    houses = c + np.array([[0.0, -12.0], [20.0, 18.0], [-18.0, 15.0]])
    seg_p = np.vstack([loop[:-1], stub[:-1]])
    seg_q = np.vstack([loop[1:], stub[1:]])
    return dict(ot=ot_k, xy=houses, seg_p=np.round(seg_p, 2), seg_q=np.round(seg_q, 2))


def write_all(ots, dps, facs, road_rows):
    mds = {}
    # ortsteile
    md = metadata(
        "Ortsteile der Landeshauptstadt Erfurt",
        "Die 53 Ortsteile (Stadtteile) von Erfurt aus dem Geoportal Erfurt (Themendownload 'stadtteile'), "
        "reprojiziert nach EPSG:25832. Korrektur: In der Quelle ist STADTTE_ID 39 doppelt vergeben "
        "(Frienstedt und Bindersleben) und 20 fehlt; nach der historischen Nummerierung der Stadt erhält "
        "Bindersleben hier die 20. Felder: ot_id (zweistellig, Text), ot_nr, name, sozialraum_id, sozialraum "
        "(Beispiel-Zuordnung, keine amtliche Gliederung), area_km2 (berechnet in EPSG:25832). "
        "Quelle: " + ATTR_GEOPORTAL,
        [ATTR_GEOPORTAL], ["Datenlizenz Deutschland – Namensnennung – Version 2.0 (dl-de/by-2-0)"],
        ["Erfurt", "Ortsteile", "Stadtteile"])
    fields = make_fields([("ot_id", "str"), ("ot_nr", "int"), ("name", "str"), ("sozialraum_id", "str"),
                          ("sozialraum", "str"), ("area_km2", "double")])
    rows = [(o["geom"], [o["id"], o["nr"], o["name"], o["sr_id"], o["sr_name"], round(o["geom"].area() / 1e6, 3)])
            for o in ots]
    write_layer("ortsteile", QgsWkbTypes.MultiPolygon, fields, rows, md, True)
    mds["ortsteile"] = md
    # mapping table
    md = metadata(
        "Sozialraum-Zuordnung (Beispiel)",
        NOTE_MAPPING + ". Generierte Beispiel-Zuordnung der 53 Ortsteile zu 6 Sozialräumen für das "
        "Beispielprojekt; die Stadt Erfurt definiert ihre Sozialräume selbst. Felder: ot_id, ortsteil, "
        "sozialraum_id, sozialraum, note.", ["generiert für ISRP for QGIS; frei verwendbar (CC0)"], ["CC0-1.0"],
        ["Sozialraum", "Zuordnung", "generiert"])
    fields = make_fields([("ot_id", "str"), ("ortsteil", "str"), ("sozialraum_id", "str"), ("sozialraum", "str"),
                          ("note", "str")])
    rows = [(None, [o["id"], o["name"], o["sr_id"], o["sr_name"], NOTE_MAPPING]) for o in ots]
    write_layer("sozialraum_mapping", QgsWkbTypes.NoGeometry, fields, rows, md, False)
    mds["sozialraum_mapping"] = md
    # sozialraeume
    md = metadata(
        "Sozialräume (Beispiel)",
        NOTE_MAPPING + ". Aus den Ortsteilen nach der Tabelle sozialraum_mapping zusammengefasst (dissolve). "
        "Geometrie abgeleitet aus: " + ATTR_GEOPORTAL,
        [ATTR_GEOPORTAL], ["Datenlizenz Deutschland – Namensnennung – Version 2.0 (dl-de/by-2-0)"],
        ["Sozialraum", "generiert"])
    fields = make_fields([("sozialraum_id", "str"), ("sozialraum", "str"), ("n_ortsteile", "int"),
                          ("area_km2", "double"), ("note", "str")])
    rows = []
    for sid, (name, nrs) in SOZIALRAEUME.items():
        g = QgsGeometry.unaryUnion([o["geom"] for o in ots if o["nr"] in nrs])
        g = g.removeInteriorRings(100.0)  # slivers (< 100 m²) between neighbouring Ortsteile
        g.convertToMultiType()
        rows.append((g, [sid, name, len(nrs), round(g.area() / 1e6, 3), NOTE_MAPPING]))
    write_layer("sozialraeume", QgsWkbTypes.MultiPolygon, fields, rows, md, False)
    mds["sozialraeume"] = md
    # einrichtungen
    md = metadata(
        "Einrichtungen (OpenStreetMap + generierte Attribute)",
        "Standorte und Namen: OpenStreetMap (source='OpenStreetMap'), Stand der Extraktion im Projekt; "
        "auch Einrichtungen außerhalb der Stadtgrenze (in_city=0) für grenzüberschreitende Nutzung. "
        "GENERIERT (nicht real): capacity (Kitas 40–180 Plätze, Schulen Schülerzahlen, Jugendclubs/Seniorentreffs "
        "Plätze, Spielplätze m² Spielfläche; capacity_generated=1), capacity_u3 (Krippenplätze), provider "
        "(aus dem Namen abgeleitet, wo er Kirche/Verband nennt, sonst zufällig; provider_generated=1), "
        "subtyp der Schulen, wo der Name ihn nicht nennt, sowie alle Einrichtungen mit generated=1 "
        "(Jugendclubs, Seniorentreffs, Familienzentren, Beratungsstellen, Spielplätze; source='generated'). "
        "Attribution: " + ATTR_OSM,
        [ATTR_OSM], ["Open Database License (ODbL) 1.0"], ["Einrichtungen", "OpenStreetMap"])
    fields = make_fields([("fac_id", "str"), ("name", "str"), ("typ", "str"), ("subtyp", "str"),
                          ("capacity", "double"), ("capacity_u3", "double"), ("capacity_unit", "str"),
                          ("capacity_generated", "int"), ("provider", "str"), ("provider_generated", "int"),
                          ("ot_id", "str"), ("in_city", "int"), ("generated", "int"), ("source", "str")])
    rows = [(QgsGeometry.fromPointXY(QgsPointXY(f["x"], f["y"])),
             [f[k] for k in ("fac_id", "name", "typ", "subtyp", "capacity", "capacity_u3", "capacity_unit",
                             "capacity_generated", "provider", "provider_generated", "ot_id", "in_city",
                             "generated", "source")]) for f in facs]
    write_layer("einrichtungen", QgsWkbTypes.Point, fields, rows, md, False)
    mds["einrichtungen"] = md
    # nachfragepunkte
    md = metadata(
        "Nachfragepunkte (GENERIERT)",
        "GENERIERTE Wohnstandorte (adresspunktähnlich) mit Einwohnern nach Altersgruppen (pop_0_3 = 0 bis unter 3 "
        "Jahre … pop_80p = 80 und älter, pop_total). Keine realen Daten. Die Summen je Ortsteil entsprechen "
        "veröffentlichten Zahlen, wo vorhanden (Presse 2017, Sozialstrukturatlas 2020 für Berliner Platz und "
        "Rieth), sonst plausiblen Werten; Stadt gesamt 213.354. Altersstruktur nach Siedlungstyp (Innenstadt, "
        "Großwohnsiedlung, Dorf). Die Punkte liegen entlang des generierten Straßennetzes in den "
        "Siedlungsbereichen. Ein Einzelgehöft in Egstedt (3 Punkte) hängt absichtlich an einem isolierten Weg.",
        ["generiert für ISRP for QGIS; frei verwendbar (CC0)"], ["CC0-1.0"], ["Nachfrage", "Bevölkerung", "generiert"])
    fields = make_fields([("pt_id", "str"), ("ot_id", "str")] + [(b, "int") for b in BANDS] + [("pop_total", "int")])
    rows = []
    n = 0
    for d in dps:
        ot = ots[d["ot"]]
        for xy, cnt in zip(d["xy"], d["bands"]):
            n += 1
            rows.append((QgsGeometry.fromPointXY(QgsPointXY(float(xy[0]), float(xy[1]))),
                         [f"dp_{n:06d}", ot["id"]] + [int(c) for c in cnt] + [int(cnt.sum())]))
    write_layer("nachfragepunkte", QgsWkbTypes.Point, fields, rows, md, False)
    mds["nachfragepunkte"] = md
    # strassennetz
    md = metadata(
        "Straßennetz (GENERIERT)",
        "GENERIERTES, fußläufiges Straßen- und Wegenetz (kein reales Netz): Straßenraster in den "
        "Siedlungsbereichen (zur Mitte hin dichter, unregelmäßig, mit Sackgassen und Fußwegen), Ring und "
        "Radialen, Verbindungsstraßen zwischen den Orten, Feldwege. Topologisch sauber: jede Kreuzung ist ein "
        "gemeinsamer Stützpunkt, keine doppelten Segmente. road_class: primary, secondary, tertiary, residential, "
        "service, track, footway; oneway=1: Einbahnstraße in Digitalisierrichtung (nur für Kfz). "
        "Eine isolierte Hofzufahrt in Egstedt gehört absichtlich zu keiner Hauptkomponente.",
        ["generiert für ISRP for QGIS; frei verwendbar (CC0)"], ["CC0-1.0"], ["Straßennetz", "generiert"])
    fields = make_fields([("road_id", "int"), ("road_class", "str"), ("oneway", "int"), ("name", "str")])
    write_layer("strassennetz", QgsWkbTypes.LineString, fields, road_rows, md, False)
    mds["strassennetz"] = md
    return mds


def summary(ots, dps, facs, atlas):
    tot = np.vstack([d["bands"] for d in dps]).sum(0)
    shares = 100 * tot / tot.sum()
    log("population:", int(tot.sum()), "shares %:", dict(zip(BANDS, np.round(shares, 1))))
    log("65+ %:", round(shares[6:].sum(), 1), "demand points:", sum(len(d["xy"]) for d in dps))
    last = atlas[ATLAS_YEARS[-1]]
    for y, rows in atlas.items():
        a18 = sum(r["Einwohner 18 bis unter 27"] + r["Einwohner 27 bis unter 65"] for r in rows)
        u65 = sum(sum(r[f"Einwohner {b}"] for b in BAND_LABELS[:6]) for r in rows)
        pop = sum(r["Einwohner"] for r in rows)
        alq = 100 * sum(r["Arbeitslose"] for r in rows) / a18
        sgb = 100 * sum(r["SGB-II-Leistungsberechtigte"] for r in rows) / u65
        foreign = 100 * sum(r["Ausländer"] for r in rows) / pop
        log(f"{y}: Einwohner {pop}, ALQ {alq:.1f}, SGB-II {sgb:.1f}, Ausländer {foreign:.1f}")
    for r in last:
        if r["Stadtteil"] in ("Berliner Platz", "Rieth", "Altstadt", "Töttelstädt"):
            log(f"{r['Stadtteil']}: {r['Einwohner']}, ALQ {r['Arbeitslosenquote in %']:.1f}, "
                f"SGB-II {r['SGB-II-Quote in %']:.1f}, Ausländer {r['Ausländeranteil in %']:.1f}")
    counts = defaultdict(int)
    for f in facs:
        counts[f["typ"]] += 1
    log("facilities:", dict(sorted(counts.items())))


if __name__ == "__main__":
    sys.exit(main())
