"""isrp:loadatlas on larger generated tables, and the fast layer writing it uses.

The tables are generated from known numbers and formatted in German by an independent formatter
(Python's ',' grouping with the separators swapped); every value of the output layer is compared
with the number it was generated from. More than 1,000 districts, so the features are written in
several batches (from the background writer), and several CSV files, so they are read in threads.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from qgis.core import (
    QgsFeature,
    QgsFields,
    QgsGeometry,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsVectorLayer,
)
from qgis.PyQt import sip

from isrp_plugin.qgis_io.compat import is_null, make_field
from isrp_plugin.qgis_io.layers import frame_rows, variant_rows, write_features

N = 1_500  # districts
YEARS = (2019, 2020, 2021, 2022)


def run(alg, params, feedback=None):
    from qgis import processing

    return processing.run(f"isrp:{alg}", params, feedback=feedback or QgsProcessingFeedback())


def plain(v):
    return None if is_null(v) else v


def german(x: float, decimals: int) -> str:
    s = f"{x:,.{decimals}f}"
    return s.replace(",", "\0").replace(".", ",").replace("\0", ".")


@pytest.fixture()
def districts(qgis_app):
    layer = QgsVectorLayer("Polygon?crs=EPSG:25832&field=code:string&field=name:string", "districts", "memory")
    feats = []
    for i in range(N):
        x, y = 600000 + (i % 50) * 100, 5600000 + (i // 50) * 100
        f = QgsFeature(layer.fields())
        f.setAttributes([str(i + 1), f"Bezirk {i + 1}"])
        ring = f"{x} {y},{x + 100} {y},{x + 100} {y + 100},{x} {y + 100},{x} {y}"
        f.setGeometry(QgsGeometry.fromWkt(f"POLYGON(({ring}))"))
        feats.append(f)
    layer.dataProvider().addFeatures(feats)
    yield layer
    sip.delete(layer)


def generate(tmp_path):
    """One file per year (cp1252, ';'), rows in shuffled order with leading zeros in the keys; returns
    the paths and the expected values {(district, indicator, year): value or None}."""
    rng = np.random.default_rng(42)
    expected, paths = {}, []
    for year in YEARS:
        counts = rng.integers(0, 30_000, N)
        rates = np.round(rng.uniform(0, 40, N), 1)
        lines = ["Nr;Stadtteil;Einwohner;Quote in %"]
        for i in rng.permutation(N):
            key = f"{i + 1:05d}"
            c_txt = german(counts[i], 0)
            c_val = float(counts[i])
            r_txt, r_val = german(rates[i], 1), float(f"{rates[i]:.1f}")
            if i % 97 == 0:
                c_txt, c_val = ".", None  # suppressed
            if i % 89 == 0:
                r_txt, r_val = "-", 0.0  # zero
            if year == 2021 and i == 7:
                r_txt, r_val = "n.v.", None  # text: reported, NULL
            lines.append(f"{key};Bezirk {i + 1};{c_txt};{r_txt}")
            expected[(str(i + 1), "einwohner", year)] = c_val
            expected[(str(i + 1), "quote", year)] = r_val
        path = tmp_path / f"atlas_{year}.csv"
        path.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252"))
        paths.append(str(path))
    return paths, expected


def params(layer, paths, **kw):
    return {"DISTRICTS": layer, "ID_FIELD": "code", "NAME_FIELD": "name", "FILES": paths, "MATCH": 1,
            "FIELD_NAMES": 1, "OUTPUT": "memory:", **kw}


def test_generated_atlas_every_value(provider, districts, tmp_path):
    paths, expected = generate(tmp_path)
    res = run("loadatlas", params(districts, paths))
    out = res["OUTPUT"]
    assert out.featureCount() == N
    assert res["INVALID_CELLS"] == 1 and res["UNMATCHED_ROWS"] == 0 and res["UNMATCHED_DISTRICTS"] == 0
    names = out.fields().names()
    assert names[:2] == ["code", "name"]
    assert names[2:7] == [f"einwohner_{y}" for y in YEARS] + ["einwohner_chg_2019_2022"]
    n = 0
    for f in out.getFeatures():
        code = f["code"]
        for ind in ("einwohner", "quote"):
            for year in YEARS:
                assert plain(f[f"{ind}_{year}"]) == expected[(code, ind, year)], (code, ind, year)
                n += 1
            a, b = expected[(code, ind, 2019)], expected[(code, ind, 2022)]
            change = plain(f[f"{ind}_chg_2019_2022"])
            assert change == (None if a is None or b is None else pytest.approx(b - a)), (code, ind)
    assert n == N * 2 * len(YEARS)


def test_generated_atlas_geopackage_and_long_layout(provider, districts, tmp_path):
    paths, expected = generate(tmp_path)
    gpkg = tmp_path / "atlas.gpkg"
    res = run("loadatlas", params(districts, paths, OUTPUT=str(gpkg)))
    layer = QgsVectorLayer(res["OUTPUT"], "atlas", "ogr")
    assert layer.isValid() and layer.featureCount() == N
    for f in layer.getFeatures():
        assert plain(f["quote_2020"]) == expected[(f["code"], "quote", 2020)]
    del layer
    res = run("loadatlas", params(districts, paths, OUTPUT_LAYOUT=1))
    out = res["OUTPUT"]
    assert out.featureCount() == N * len(YEARS)
    assert out.fields().names() == ["code", "name", "year", "einwohner", "quote"]
    for f in out.getFeatures():
        for ind in ("einwohner", "quote"):
            assert plain(f[ind]) == expected[(f["code"], ind, f["year"])]


def test_the_first_bad_file_is_named(provider, districts, tmp_path):
    # files are read two at a time, but errors come in file order: 2021 is named, not 2022
    paths, _ = generate(tmp_path)
    for year in (2021, 2022):
        bad = tmp_path / f"atlas_{year}.csv"
        text = bad.read_bytes().decode("cp1252")
        bad.write_bytes(text.replace("\r\n0", "\r\n;0", 1).encode("cp1252"))  # one row with a field too many
    with pytest.raises(QgsProcessingException, match=r"atlas_2021\.csv.*the row has 5 fields"):
        run("loadatlas", params(districts, paths))


# ------------------------------------------------------------------ writing features


def _layer(fields):
    layer = QgsVectorLayer("Point?crs=EPSG:25832", "out", "memory")
    layer.dataProvider().addAttributes(fields.toList())
    layer.updateFields()
    return layer


@pytest.mark.parametrize("background", [False, True])
def test_shared_values_write_the_same_attributes(qgis_app, background):
    frame = pd.DataFrame({"a": [1.5, np.nan, -0.0, 1.5] * 700, "b": [2.0, 2.0, np.nan, 0.0] * 700})
    fields = QgsFields()
    for name, kind in (("id", "int"), ("a", "double"), ("b", "double")):
        fields.append(make_field(name, kind))
    layer = _layer(fields)
    base = [[i] for i in range(len(frame))]
    geoms = [QgsGeometry.fromWkt(f"POINT({i} 0)") for i in range(len(frame))]
    written = write_features(layer.dataProvider(), fields, base, variant_rows(frame), geoms, background=background)
    assert written == len(frame) == layer.featureCount()
    got = sorted(([plain(v) for v in f.attributes()] for f in layer.getFeatures()), key=lambda r: r[0])
    cycle = [[1.5, 2.0], [None, 2.0], [0.0, None], [1.5, 0.0]]
    assert got == [[i] + cycle[i % 4] for i in range(len(frame))]
    zero = next(f for f in layer.getFeatures() if f["id"] == 2)["a"]
    assert zero == 0.0 and math.copysign(1.0, zero) == 1.0  # -0.0 is written as 0
    assert [f.geometry().asPoint().x() for f in sorted(layer.getFeatures(), key=lambda f: f["id"])][:3] == [0, 1, 2]
    sip.delete(layer)


def test_shared_values_fall_back_to_python_values(qgis_app):
    rng = np.random.default_rng(1)
    distinct = pd.DataFrame({"a": rng.random(100), "b": rng.random(100)})  # every value distinct
    assert variant_rows(distinct) == frame_rows(distinct)
    mixed = pd.DataFrame({"year": [2020, 2021], "v": [1.0, np.nan]})  # not all float: plain values
    assert variant_rows(mixed) == frame_rows(mixed) == [[2020, 1.0], [2021, None]]


def test_only_memory_and_file_sinks_are_written_from_a_helper_thread(qgis_app, tmp_path):
    from qgis.core import QgsProcessingContext, QgsVectorLayer

    from isrp_plugin.qgis_io.layers import threaded_sink_ok

    context = QgsProcessingContext()
    memory = QgsVectorLayer("Point?crs=EPSG:25832", "out", "memory")
    context.temporaryLayerStore().addMapLayer(memory)
    assert threaded_sink_ok(memory.id(), context)
    assert threaded_sink_ok(str(tmp_path / "atlas.gpkg"), context)
    assert threaded_sink_ok(str(tmp_path / "atlas.GPKG") + "|layername=atlas", context)
    assert not threaded_sink_ok("postgres://dbname='plan' table=\"public\".\"atlas\" (geom)", context)
    assert not threaded_sink_ok("", context)
