"""Checks of the Erfurt sample project in ``resources/sample`` (built by scripts/build_sample.py).

The expectations are computed here independently of the generator: published figures are taken
from the data README, network connectivity is recomputed from the line vertices with
scipy.sparse.csgraph, point-in-polygon and distances use QGIS/GEOS predicates.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
import xml.etree.ElementTree as ET
import zipfile
from collections import defaultdict
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "resources" / "sample"
GPKG = SAMPLE / "erfurt_sample.gpkg"
QGZ = SAMPLE / "erfurt_sample.qgz"
ATLAS = SAMPLE / "atlas"
CRS = "EPSG:25832"
BANDS = ["pop_0_3", "pop_3_6", "pop_6_10", "pop_10_18", "pop_18_27", "pop_27_65", "pop_65_80", "pop_80p"]

# Published Ortsteil populations (statistics office / press, see /work/shared/data/erfurt/README.md).
# Berliner Platz and Rieth have a 2017 and a 2020 figure; either is accepted.
PUBLISHED = {
    "Altstadt": (19302,), "Andreasvorstadt": (16854,), "Brühlervorstadt": (13693,), "Ilversgehofen": (12069,),
    "Johannesvorstadt": (6910,), "Berliner Platz": (6058, 6083), "Rieth": (6034, 6328), "Roter Berg": (5961,),
    "Wiesenhügel": (5392,), "Johannesplatz": (5324,), "Windischholzhausen": (1923,), "Niedernissa": (1723,),
    "Bindersleben": (1487,), "Linderbach": (883,), "Töttelstädt": (693,),
}
CITY_TOTAL = 213354


@pytest.fixture(scope="module")
def layers(qgis_app):
    from qgis.core import QgsVectorLayer

    assert GPKG.exists(), "run /usr/bin/python3 scripts/build_sample.py"
    out = {}
    for name in ("ortsteile", "sozialraum_mapping", "sozialraeume", "einrichtungen", "nachfragepunkte",
                 "strassennetz"):
        lyr = QgsVectorLayer(f"{GPKG}|layername={name}", name, "ogr")
        assert lyr.isValid(), name
        out[name] = lyr
    return out


@pytest.fixture(scope="module")
def demand(layers):
    """Demand points as arrays: xy, ot_id, band matrix, pop_total."""
    xy, ot, bands, total = [], [], [], []
    for f in layers["nachfragepunkte"].getFeatures():
        p = f.geometry().asPoint()
        xy.append((p.x(), p.y()))
        ot.append(f["ot_id"])
        bands.append([f[b] for b in BANDS])
        total.append(f["pop_total"])
    return dict(xy=np.array(xy), ot=np.array(ot), bands=np.array(bands, dtype=np.int64),
                total=np.array(total, dtype=np.int64))


def german_number(text):
    """'1.234' -> 1234, '12,5' -> 12.5, '.' (suppressed) -> None, '-' -> 0."""
    text = text.strip()
    if text == ".":
        return None
    if text == "-":
        return 0
    text = text.replace(".", "").replace(",", ".")
    return float(text) if "." in text else int(text)


# ------------------------------------------------------------------------------------------
# project
# ------------------------------------------------------------------------------------------
def test_project_opens_from_any_folder(qgis_app, tmp_path):
    from qgis.core import QgsProject

    target = tmp_path / "somewhere" / "else"
    target.mkdir(parents=True)
    shutil.copy(QGZ, target / QGZ.name)
    shutil.copy(GPKG, target / GPKG.name)
    project = QgsProject()
    assert project.read(str(target / QGZ.name))
    assert project.crs().authid() == CRS
    lyrs = list(project.mapLayers().values())
    assert len(lyrs) >= 6
    for lyr in lyrs:
        assert lyr.isValid(), lyr.name()
        assert lyr.providerType() == "ogr", f"{lyr.name()}: no web services / tiles expected"
        assert str(target) in lyr.source(), "layer must resolve relative to the project file"
        if lyr.isSpatial():
            assert lyr.crs().authid() == CRS, lyr.name()
    project.clear()


def test_project_uses_relative_paths():
    with zipfile.ZipFile(QGZ) as z:
        qgs = next(n for n in z.namelist() if n.endswith(".qgs"))
        root = ET.fromstring(z.read(qgs))
    sources = [e.text for e in root.iter("datasource") if e.text]
    assert sources
    for s in sources:
        assert s.startswith("./erfurt_sample.gpkg"), s


def test_gpkg_size():
    assert GPKG.stat().st_size < 30 * 1024 * 1024


# ------------------------------------------------------------------------------------------
# Ortsteile and Sozialräume
# ------------------------------------------------------------------------------------------
def test_ortsteile(layers):
    lyr = layers["ortsteile"]
    assert lyr.crs().authid() == CRS
    feats = list(lyr.getFeatures())
    assert len(feats) == 53
    ids = [f["ot_id"] for f in feats]
    assert len(set(ids)) == 53
    assert all(re.fullmatch(r"\d\d", i) for i in ids)
    assert set(ids) == {f"{n:02d}" for n in range(1, 54)}
    assert all(int(f["ot_id"]) == f["ot_nr"] for f in feats)
    by_name = {f["name"]: f["ot_id"] for f in feats}
    assert by_name["Bindersleben"] == "20" and by_name["Frienstedt"] == "39"
    area = 0.0
    for f in feats:
        g = f.geometry()
        assert g.isGeosValid(), f["name"]
        assert abs(g.area() / 1e6 - f["area_km2"]) < 0.01
        area += g.area() / 1e6
    assert abs(area - 269.8) < 1.0  # official city area about 269.9 km²
    md = lyr.metadata()
    assert "dl-de/by-2-0" in " ".join(md.rights())
    assert "Bindersleben" in md.abstract() and "20" in md.abstract()


def test_sozialraeume(layers):
    ot_ids = {f["ot_id"] for f in layers["ortsteile"].getFeatures()}
    rows = list(layers["sozialraum_mapping"].getFeatures())
    assert {r["ot_id"] for r in rows} == ot_ids and len(rows) == 53
    assert all("Beispiel" in r["note"] for r in rows)
    srs = {r["sozialraum_id"] for r in rows}
    assert 4 <= len(srs) <= 8
    polys = list(layers["sozialraeume"].getFeatures())
    assert {p["sozialraum_id"] for p in polys} == srs
    total = sum(p.geometry().area() for p in polys) / 1e6
    assert abs(total - 269.8) < 1.0


# ------------------------------------------------------------------------------------------
# demand points
# ------------------------------------------------------------------------------------------
def test_demand_points_inside_their_ortsteil(layers, demand):
    from qgis.core import QgsGeometry, QgsPointXY

    assert 8000 <= len(demand["xy"]) <= 20000
    ids = [f["pt_id"] for f in layers["nachfragepunkte"].getFeatures()]
    assert len(set(ids)) == len(ids)
    outside = 0
    for f in layers["ortsteile"].getFeatures():
        engine = QgsGeometry.createGeometryEngine(f.geometry().constGet())
        engine.prepareGeometry()
        sel = demand["xy"][demand["ot"] == f["ot_id"]]
        assert len(sel) > 0, f["name"]
        for x, y in sel:
            point = QgsGeometry.fromPointXY(QgsPointXY(x, y))  # keep alive while the engine uses it
            if not engine.contains(point.constGet()):
                outside += 1
    assert outside == 0


def test_population_totals(layers, demand):
    assert (demand["bands"].sum(axis=1) == demand["total"]).all()
    assert (demand["bands"] >= 0).all() and (demand["total"] >= 1).all()
    names = {f["ot_id"]: f["name"] for f in layers["ortsteile"].getFeatures()}
    per_ot = defaultdict(int)
    for ot, t in zip(demand["ot"], demand["total"]):
        per_ot[names[ot]] += int(t)
    for name, allowed in PUBLISHED.items():
        assert per_ot[name] in allowed, (name, per_ot[name])
    city = sum(per_ot.values())
    assert abs(city - CITY_TOTAL) <= 0.01 * CITY_TOTAL
    assert min(per_ot.values()) >= 150
    shares = 100.0 * demand["bands"].sum(axis=0) / city
    assert 2.2 <= shares[0] <= 3.3  # 0 to under 3
    assert 2.2 <= shares[1] <= 3.4  # 3 to under 6
    assert 21.0 <= shares[6] + shares[7] <= 29.0  # 65 and older
    md = layers["nachfragepunkte"].metadata()
    assert "GENERIERT" in md.abstract().upper()


# ------------------------------------------------------------------------------------------
# network
# ------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def network(layers):
    """Segments of every line (vertex pairs) with their feature id."""
    seg_a, seg_b, fid_of_seg, feats = [], [], [], {}
    for f in layers["strassennetz"].getFeatures():
        g = f.geometry()
        assert not g.isMultipart()
        pts = np.array([(p.x(), p.y()) for p in g.asPolyline()])
        assert len(pts) >= 2
        seg_a.append(pts[:-1])
        seg_b.append(pts[1:])
        fid_of_seg += [f.id()] * (len(pts) - 1)
        feats[f.id()] = f
    return np.vstack(seg_a), np.vstack(seg_b), np.array(fid_of_seg), feats


def test_network_attributes(layers, network):
    lyr = layers["strassennetz"]
    assert lyr.crs().authid() == CRS
    assert 15000 <= lyr.featureCount() <= 60000
    classes = {f["road_class"] for f in lyr.getFeatures()}
    assert classes <= {"primary", "secondary", "tertiary", "residential", "service", "track", "footway"}
    assert {"primary", "residential", "footway", "track"} <= classes
    oneway = [f["oneway"] for f in lyr.getFeatures()]
    assert set(oneway) == {0, 1}
    assert len({f["road_id"] for f in lyr.getFeatures()}) == lyr.featureCount()


def test_network_has_no_duplicate_segments(network):
    a, b, _, _ = network
    pairs = {tuple(sorted([tuple(p), tuple(q)])) for p, q in zip(np.round(a, 3).tolist(), np.round(b, 3).tolist())}
    assert len(pairs) == len(a)
    assert (np.hypot(*(b - a).T) > 0.005).all()  # no zero-length segments


def test_network_crossings_are_shared_vertices(qgis_app, network):
    """Noding the network with GEOS must not create any vertex that is not already there."""
    from qgis.core import QgsGeometry
    from scipy.spatial import cKDTree

    a, b, _, feats = network
    union = QgsGeometry.unaryUnion([f.geometry() for f in feats.values()])
    ends = []
    for part in union.asGeometryCollection():
        line = part.asPolyline()
        ends += [(line[0].x(), line[0].y()), (line[-1].x(), line[-1].y())]
    vertices = np.unique(np.vstack([a, b]), axis=0)
    dist, _ = cKDTree(vertices).query(np.array(ends))
    assert dist.max() < 0.01, f"{int((dist >= 0.01).sum())} crossings without a shared vertex"


def test_network_main_component_reaches_demand_points(qgis_app, layers, network, demand):
    from qgis.core import QgsGeometry, QgsPointXY, QgsSpatialIndex
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    a, b, fid_of_seg, feats = network
    nodes, inv = np.unique(np.round(np.vstack([a, b]), 3), axis=0, return_inverse=True)
    inv = inv.ravel()
    u, v = inv[: len(a)], inv[len(a):]
    n = len(nodes)
    ncomp, label = connected_components(coo_matrix((np.ones(len(u)), (u, v)), shape=(n, n)), directed=False)
    seg_comp = label[u]
    main = np.bincount(seg_comp, weights=np.hypot(*(b - a).T)).argmax()
    main_fids = set(fid_of_seg[seg_comp == main].tolist())
    # a feature must not belong to two components
    assert len(main_fids & set(fid_of_seg[seg_comp != main].tolist())) == 0
    index = QgsSpatialIndex(QgsSpatialIndex.FlagStoreFeatureGeometries)
    for fid in main_fids:
        index.addFeature(feats[fid])
    reached = 0
    for x, y in demand["xy"]:
        pt = QgsPointXY(x, y)
        hits = index.nearestNeighbor(pt, 1, 150.0)
        if hits and feats[hits[0]].geometry().distance(QgsGeometry.fromPointXY(pt)) <= 150.0:
            reached += 1
    share = reached / len(demand["xy"])
    assert share >= 0.98, share
    # the dominant component holds (nearly) the whole network
    assert np.isin(seg_comp, [main]).mean() > 0.98


# ------------------------------------------------------------------------------------------
# facilities
# ------------------------------------------------------------------------------------------
def test_facilities(layers):
    from qgis.core import QgsGeometry

    lyr = layers["einrichtungen"]
    assert lyr.crs().authid() == CRS
    feats = list(lyr.getFeatures())
    ids = [f["fac_id"] for f in feats]
    assert len(set(ids)) == len(ids)
    types = defaultdict(int)
    for f in feats:
        types[f["typ"]] += 1
    for t in ("kita", "schule", "bibliothek", "sport", "jugendclub", "seniorentreff", "beratung"):
        assert types[t] > 0, t
    city = QgsGeometry.unaryUnion([f.geometry() for f in layers["ortsteile"].getFeatures()])
    n_out = 0
    for f in feats:
        inside = city.contains(f.geometry())
        assert int(f["in_city"]) == int(inside), f["name"]
        n_out += not inside
        if f["typ"] == "kita":
            assert 40 <= f["capacity"] <= 180 and f["capacity_generated"] == 1
        if f["generated"] == 1:
            assert f["source"] == "generated" and "generiert" in f["name"]
        else:
            assert f["source"] == "OpenStreetMap"
    assert n_out > 0  # cross-border facilities are kept
    assert types["kita"] >= 100
    assert "OpenStreetMap" in " ".join(lyr.metadata().rights())


# ------------------------------------------------------------------------------------------
# atlas
# ------------------------------------------------------------------------------------------
def read_atlas(path):
    raw = path.read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")  # umlauts in cp1252 are not valid UTF-8
    text = raw.decode("cp1252")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))


def test_atlas_wide_files(layers, demand):
    files = sorted(ATLAS.glob("sozialstrukturatlas_20??.csv"))
    assert len(files) >= 2
    names = {f["ot_id"]: f["name"] for f in layers["ortsteile"].getFeatures()}
    flags = set()
    for path in files:
        rows = read_atlas(path)
        header = rows[0]
        assert header[:3] == ["Stadtteil-Nr.", "Stadtteil", "Einwohner"]
        assert "Arbeitslosenquote in %" in header and "SGB-II-Quote in %" in header
        body = rows[1:]
        assert len(body) == 53
        assert all(len(r) == len(header) for r in body)
        assert sum(r[0] == "Stadtteil-Nr." for r in rows) == 1  # header exactly once
        assert {r[0] for r in body} == set(names)
        assert any(r[1] == "Töttelstädt" for r in body)
        flags |= {v for r in body for v in r[2:] if v in (".", "-")}
        for r in body:
            assert names[r[0]] == r[1]
            for v in r[2:]:
                assert re.fullmatch(r"[.\-]|\d{1,3}(\.\d{3})*(,\d)?", v), v
    assert flags == {".", "-"}
    # latest year = demand points
    rows = read_atlas(files[-1])
    header, body = rows[0], rows[1:]
    col = {h: i for i, h in enumerate(header)}
    per_ot = defaultdict(int)
    for ot, t in zip(demand["ot"], demand["total"]):
        per_ot[ot] += int(t)
    for r in body:
        assert german_number(r[col["Einwohner"]]) == per_ot[r[0]]
    alq = {names[r[0]]: german_number(r[col["Arbeitslosenquote in %"]]) for r in body}
    assert alq["Berliner Platz"] > 10 and alq["Rieth"] > 10
    unemployed = sum(german_number(r[col["Arbeitslose"]]) or 0 for r in body)
    assert 0.03 < unemployed / sum(per_ot.values()) < 0.06


def test_atlas_long_file():
    rows = read_atlas(ATLAS / "sozialstrukturatlas_lang.csv")
    assert rows[0] == ["unit", "year", "indicator", "value"]
    body = rows[1:]
    years = {r[1] for r in body}
    assert len(years) >= 2
    wide = {}
    for path in sorted(ATLAS.glob("sozialstrukturatlas_20??.csv")):
        w = read_atlas(path)
        year = path.stem[-4:]
        for r in w[1:]:
            for h, v in zip(w[0][2:], r[2:]):
                wide[(r[0], year, h)] = v
    assert len(body) == len(wide)
    assert all(wide[(r[0], r[1], r[2])] == r[3] for r in body)
