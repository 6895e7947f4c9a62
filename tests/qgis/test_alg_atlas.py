"""The atlas algorithms end to end: isrp:loadatlas, socialindex, suppress, aggregateunits, similardistricts.

Expected values are worked out independently: source tables are re-read with the csv module and
German numbers converted by hand; the Berlin classes are the official MSS 2021 ones; the
suppression and aggregation examples are computed by hand in the comments.
"""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeature,
    QgsGeometry,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProject,
    QgsVectorLayer,
)
from qgis.PyQt import sip  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "resources" / "sample"
FLENSBURG = ROOT / "tests" / "data" / "flensburg"
BERLIN = ROOT / "tests" / "data" / "berlin-mss" / "berlin_mss_2021.csv"
YEARS = (2020, 2021, 2022)



class Feedback(QgsProcessingFeedback):
    def __init__(self):
        super().__init__()
        self.warnings, self.infos = [], []

    def pushWarning(self, message):  # noqa: N802 - QGIS API
        self.warnings.append(message)

    def pushInfo(self, message):  # noqa: N802 - QGIS API
        self.infos.append(message)


def run(alg, params, feedback=None):
    from qgis import processing

    return processing.run(f"isrp:{alg}", params, feedback=feedback or Feedback())


@pytest.fixture()
def sample(tmp_path):
    """A copy of the Erfurt sample (GeoPackage and atlas tables): tests never write into resources/sample."""
    dst = tmp_path / "sample"
    dst.mkdir()
    shutil.copy(SAMPLE / "erfurt_sample.gpkg", dst / "erfurt_sample.gpkg")
    shutil.copytree(SAMPLE / "atlas", dst / "atlas")
    return dst


@pytest.fixture()
def ortsteile(qgis_app, sample):
    layer = QgsVectorLayer(f"{sample / 'erfurt_sample.gpkg'}|layername=ortsteile", "ortsteile", "ogr")
    assert layer.isValid()
    yield layer
    sip.delete(layer)  # a layer kept alive by pytest until after QGIS has exited would crash the interpreter


def wide_files(sample):
    return [str(sample / "atlas" / f"sozialstrukturatlas_{y}.csv") for y in YEARS]


def german(text: str):
    """'19.302' → 19302.0, '9,8' → 9.8, '-' → 0.0, '.' or '' → None (by hand, no library)."""
    text = text.strip()
    if text in (".", ""):
        return None
    if text == "-":
        return 0.0
    return float(text.replace(".", "").replace(",", "."))


def features(layer, key):
    return {str(f[key]): f for f in layer.getFeatures()}


def value(v):
    from isrp_plugin.qgis_io.compat import is_null

    return None if is_null(v) else float(v)


# ------------------------------------------------------------------------------------ loadatlas


def test_erfurt_sample_end_to_end(provider, sample, ortsteile):
    fb = Feedback()
    res = run("loadatlas", {"DISTRICTS": ortsteile, "ID_FIELD": "ot_id", "NAME_FIELD": "name",
                            "FILES": wide_files(sample), "OUTPUT": "memory:"}, fb)
    out = res["OUTPUT"]
    assert out.featureCount() == 53
    assert res["YEARS"] == "2020,2021,2022"
    assert res["UNMATCHED_ROWS"] == 0 and res["UNMATCHED_DISTRICTS"] == 0 and res["INVALID_CELLS"] == 0
    meta = json.loads(res["INDICATORS"])
    field_of = {m["source"]: m["field"] for m in meta}
    # known headers get catalogue ids, unknown ones a short form of the header
    assert field_of["SGB-II-Quote in %"] == "sgb2_rate"
    assert field_of["Einwohner"] == "pop_total"
    assert field_of["Durchschnittliche Wohndauer in Jahren"] == "durchschnittliche_wohndauer_in_jahren"
    sources = json.loads(res["SOURCES"])
    assert {(s["encoding"], s["delimiter"], s["decimal"], s["layout"]) for s in sources} == {
        ("cp1252", ";", ",", "wide")}
    # every value equals the long file, read independently with the csv module
    feats = features(out, "ot_id")
    text = (sample / "atlas" / "sozialstrukturatlas_lang.csv").read_bytes().decode("cp1252")
    rows = list(csv.reader(text.splitlines(), delimiter=";"))
    assert rows[0] == ["unit", "year", "indicator", "value"]
    n = 0
    for unit, year, ind, val in rows[1:]:
        got = value(feats[unit][f"{field_of[ind]}_{year}"])
        exp = german(val)
        assert got == pytest.approx(exp) if exp is not None else got is None, (unit, year, ind, val, got)
        n += 1
    assert n == 53 * 28 * 3
    # change fields: value(2022) - value(2020), in percentage points for rates
    alt = feats["01"]
    assert value(alt["sgb2_rate_chg_2020_2022"]) == pytest.approx(value(alt["sgb2_rate_2022"]) - value(
        alt["sgb2_rate_2020"]))
    assert out.fields().field("sgb2_rate_2022").alias() == "SGB-II-Quote in % 2022"


def test_long_file_gives_the_same_values_and_long_output(provider, sample, ortsteile):
    wide = run("loadatlas", {"DISTRICTS": ortsteile, "ID_FIELD": "ot_id", "FILES": wide_files(sample),
                             "CHANGES": False, "OUTPUT": "memory:"})["OUTPUT"]
    long_in = run("loadatlas", {"DISTRICTS": ortsteile, "ID_FIELD": "ot_id", "CHANGES": False,
                                "FILES": [str(sample / "atlas" / "sozialstrukturatlas_lang.csv")],
                                "OUTPUT": "memory:"})["OUTPUT"]
    assert wide.fields().names() == long_in.fields().names()
    a, b = features(wide, "ot_id"), features(long_in, "ot_id")
    for key in a:
        assert a[key].attributes() == b[key].attributes()
    res = run("loadatlas", {"DISTRICTS": ortsteile, "ID_FIELD": "ot_id", "FILES": wide_files(sample),
                            "OUTPUT_LAYOUT": 1, "OUTPUT": "memory:"})
    out = res["OUTPUT"]
    assert out.featureCount() == 53 * 3
    rows = {(f["ot_id"], f["year"]): f for f in out.getFeatures()}
    assert value(rows[("05", 2021)]["sgb2_rate"]) == value(a["05"]["sgb2_rate_2021"])


def test_unmatched_rows_and_districts_are_reported_by_name(provider, sample, ortsteile):
    path = sample / "atlas" / "sozialstrukturatlas_2022.csv"
    lines = path.read_bytes().decode("cp1252").splitlines()
    header, body = lines[0], lines[1:]
    dropped = [b for b in body if b.startswith("17;")][0]
    body = [b for b in body if not b.startswith("17;")] + ["99;Nirgendwo" + dropped[dropped.index(";", 3):]]
    path.write_bytes(("\r\n".join([header] + body) + "\r\n").encode("cp1252"))
    fb = Feedback()
    res = run("loadatlas", {"DISTRICTS": ortsteile, "ID_FIELD": "ot_id", "NAME_FIELD": "name",
                            "FILES": [str(path)], "OUTPUT": "memory:"}, fb)
    assert res["UNMATCHED_ROWS"] == 1 and res["UNMATCHED_DISTRICTS"] == 1
    name17 = features(res["OUTPUT"], "ot_id")["17"]["name"]
    text = "\n".join(fb.warnings)
    assert "key '99' ('Nirgendwo') matches no district" in text
    assert f"district 17 '{name17}' has no row in the table" in text
    assert res["OUTPUT"].featureCount() == 53  # the district without data is kept, with NULL values
    assert value(features(res["OUTPUT"], "ot_id")["17"]["pop_total_2022"]) is None


def _flensburg_districts():
    layer = QgsVectorLayer(str(FLENSBURG / "flensburg_stadtteile.gpkg"), "stadtteile", "ogr")
    assert layer.isValid() and layer.featureCount() == 13
    return layer


FLENSBURG_TABLES = ("fl_residents_by_district.csv", "fl_unemployed_residents_by_district.csv",
                    "fl_housing_assistance_cases_by_district.csv", "fl_births_by_district.csv",
                    "fl_beneficiaries_age_15_to_under_65_by_district.csv")


def test_flensburg_real_tables_end_to_end(provider):
    files = [str(FLENSBURG / "flensburg_atlas_2022.csv")] + [str(FLENSBURG / "tables" / t) for t in FLENSBURG_TABLES]
    fb = Feedback()
    res = run("loadatlas", {"DISTRICTS": _flensburg_districts(), "ID_FIELD": "district_id", "NAME_FIELD": "name",
                            "FILES": files, "PREFIX": 1, "CHANGES": False, "OUTPUT": "memory:"}, fb)
    out = res["OUTPUT"]
    assert out.featureCount() == 13
    assert res["UNMATCHED_ROWS"] == 0 and res["UNMATCHED_DISTRICTS"] == 0
    meta = json.loads(res["INDICATORS"])
    field_of = {m["source"]: m["field"] for m in meta}
    feats = features(out, "district_id")
    # city-wide and "(nicht zuordenbar)" rows have no district id: skipped and reported
    assert any("without a key" in w and "nicht zuordenbar" in w for w in fb.warnings)
    checked = 0
    # the atlas export: comma-separated, decimal point, one row per Stadtteil of 2022
    with (FLENSBURG / "flensburg_atlas_2022.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            for col, text in row.items():
                if col in ("Stadtteil-Nr", "Stadtteil", "AREA_ID", "Jahr"):
                    continue
                got = value(feats[row["Stadtteil-Nr"]][f"{field_of[col]}_2022"])
                assert got == (float(text) if text else None), (col, row["Stadtteil-Nr"])
                checked += 1
    # the tidy tables: district_id, district_name, year, value columns; empty = suppressed (< 4)
    for table in FLENSBURG_TABLES:
        stem = table[:-4]
        with (FLENSBURG / "tables" / table).open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                if not row["district_id"]:
                    continue
                for col, text in row.items():
                    if col in ("district_id", "district_name", "year"):
                        continue
                    source = col if col in field_of else f"{stem} {col}"
                    got = value(feats[row["district_id"]][f"{field_of[source]}_{row['year']}"])
                    assert got == (float(text) if text else None), (table, col, row)
                    checked += 1
    assert checked > 900
    # the same indicator ("residents") in several tables was prefixed with the table name
    assert "fl_residents_by_district_residents" in {m["field"] for m in meta}


def test_flensburg_match_by_name(provider):
    res = run("loadatlas", {"DISTRICTS": _flensburg_districts(), "ID_FIELD": "district_id", "NAME_FIELD": "name",
                            "FILES": [str(FLENSBURG / "flensburg_atlas_2022.csv")], "MATCH": 2,
                            "KEY_COLUMN": "Stadtteil", "OUTPUT": "memory:"})
    assert res["UNMATCHED_DISTRICTS"] == 0
    assert value(features(res["OUTPUT"], "name")["Mürwik"]["pop_total_2022"]) > 10000


# ------------------------------------------------------------------------------------ bad input


def _load(ortsteile, files, **extra):
    params = {"DISTRICTS": ortsteile, "ID_FIELD": "ot_id", "NAME_FIELD": "name", "FILES": [str(f) for f in files],
              "OUTPUT": "memory:"}
    params.update(extra)
    return run("loadatlas", params)


def test_wrong_delimiter_chosen(provider, sample, ortsteile):
    msg = r"sozialstrukturatlas_2022.csv.*delimiter ',' splits the header into one column only.*';'"
    with pytest.raises(QgsProcessingException, match=msg):
        _load(ortsteile, [sample / "atlas" / "sozialstrukturatlas_2022.csv"], DELIMITER=2)


def test_unknown_delimiter(provider, tmp_path, ortsteile):
    f = tmp_path / "atlas_2022.csv"
    f.write_text("Nr:Einwohner:Arbeitslose\n01:100:5\n02:200:7\n", encoding="utf-8")
    with pytest.raises(QgsProcessingException, match=r"atlas_2022.csv.*only one column detected"):
        _load(ortsteile, [f])


def test_cp1252_read_as_utf8(provider, sample, ortsteile):
    msg = r"sozialstrukturatlas_2021.csv', row 1: byte 0xe4 cannot be decoded as utf-8.*Windows-1252 \(cp1252\)"
    with pytest.raises(QgsProcessingException, match=msg):
        _load(ortsteile, [sample / "atlas" / "sozialstrukturatlas_2021.csv"], ENCODING="utf-8")


def test_duplicate_ids_in_table(provider, tmp_path, ortsteile):
    f = tmp_path / "atlas_2022.csv"
    f.write_text("Nr;Name;Einwohner\n01;Altstadt;100\n03;Brühlervorstadt;200\n03;Brühlervorstadt;300\n",
                 encoding="utf-8")
    with pytest.raises(QgsProcessingException, match=r"atlas_2022.csv.*duplicate unit and year: key '03' in rows 3, 4"):
        _load(ortsteile, [f])


def test_duplicate_ids_in_districts(provider, ortsteile, sample):
    dup = QgsVectorLayer("Polygon?crs=EPSG:25832&field=ot_id:string&field=name:string", "units", "memory")
    feats = []
    for i, (key, name) in enumerate((("01", "A"), ("02", "B"), ("02", "C"))):
        f = QgsFeature(dup.fields())
        f.setAttributes([key, name])
        f.setGeometry(QgsGeometry.fromWkt(f"POLYGON(({i} 0, {i + 1} 0, {i + 1} 1, {i} 1, {i} 0))"))
        feats.append(f)
    dup.dataProvider().addFeatures(feats)
    with pytest.raises(QgsProcessingException, match=r"“units”, field “ot_id”: duplicate ids — '02': features 2, 3"):
        _load(dup, [sample / "atlas" / "sozialstrukturatlas_2022.csv"])


def test_key_column_missing(provider, sample, ortsteile):
    with pytest.raises(QgsProcessingException,
                       match=r"sozialstrukturatlas_2022.csv', column 'Gebiet'.*key column 'Gebiet' not found"):
        _load(ortsteile, [sample / "atlas" / "sozialstrukturatlas_2022.csv"], KEY_COLUMN="Gebiet")


def test_year_column_with_text(provider, tmp_path, ortsteile):
    f = tmp_path / "atlas.csv"
    f.write_text("Nr;Jahr;Einwohner\n01;2022;100\n02;k.A.;200\n", encoding="utf-8")
    with pytest.raises(QgsProcessingException, match=r"atlas.csv', column 'Jahr', row 3: year 'k.A.' is not a four"):
        _load(ortsteile, [f])


def test_empty_table(provider, tmp_path, ortsteile):
    f = tmp_path / "atlas_2022.csv"
    f.write_bytes(b"")
    with pytest.raises(QgsProcessingException, match=r"file 'atlas_2022.csv': the file is empty"):
        _load(ortsteile, [f])
    f.write_text("Nr;Name;Einwohner\n", encoding="utf-8")
    with pytest.raises(QgsProcessingException, match=r"file 'atlas_2022.csv': the table has a header but no data rows"):
        _load(ortsteile, [f])


def test_the_same_values_in_two_tables(provider, sample, ortsteile):
    files = [sample / "atlas" / "sozialstrukturatlas_2021.csv", sample / "atlas" / "sozialstrukturatlas_lang.csv"]
    msg = (r"unit '01', year 2021, indicator '.*' occurs in more than one table: sozialstrukturatlas_2021.csv row 2, "
           r"sozialstrukturatlas_lang.csv row \d+ \(53 unit\(s\) in total\).*prefix")
    with pytest.raises(QgsProcessingException, match=msg):
        _load(ortsteile, files)


def test_polygons_without_the_id_field(provider, sample, ortsteile):
    with pytest.raises(QgsProcessingException,
                       match=r"The districts layer “ortsteile” has no field “stadtteil_nr”. Its fields are: .*ot_id"):
        run("loadatlas", {"DISTRICTS": ortsteile, "ID_FIELD": "stadtteil_nr",
                          "FILES": [str(sample / "atlas" / "sozialstrukturatlas_2022.csv")], "OUTPUT": "memory:"})


def test_ids_that_differ_in_leading_zeros(provider, tmp_path, ortsteile):
    f = tmp_path / "atlas_2022.csv"
    f.write_text("Nr;Einwohner\n1;100\n2;200\n", encoding="utf-8")
    with pytest.raises(QgsProcessingException, match=r"No table row matches a district.*ignoring leading zeros"):
        _load(ortsteile, [f])
    res = _load(ortsteile, [f], MATCH=1)
    assert res["UNMATCHED_DISTRICTS"] == 51
    assert value(features(res["OUTPUT"], "ot_id")["02"]["pop_total_2022"]) == 200


def test_geographic_crs_is_reprojected_with_a_warning(provider, sample, ortsteile):
    wgs = QgsCoordinateReferenceSystem("EPSG:4326")
    geo = QgsVectorLayer("MultiPolygon?crs=EPSG:4326&field=ot_id:string&field=name:string", "geo", "memory")
    tr = QgsCoordinateTransform(ortsteile.crs(), wgs, QgsProject.instance())
    feats = []
    for f in ortsteile.getFeatures():
        g = QgsGeometry(f.geometry())
        g.transform(tr)
        nf = QgsFeature(geo.fields())
        nf.setAttributes([f["ot_id"], f["name"]])
        nf.setGeometry(g)
        feats.append(nf)
    geo.dataProvider().addFeatures(feats)
    fb = Feedback()
    res = run("loadatlas", {"DISTRICTS": geo, "ID_FIELD": "ot_id", "TARGET_CRS": "EPSG:25832",
                            "FILES": [str(sample / "atlas" / "sozialstrukturatlas_2022.csv")], "OUTPUT": "memory:"}, fb)
    out = res["OUTPUT"]
    assert out.crs().authid() == "EPSG:25832"
    assert any("geographic CRS EPSG:4326" in w and "EPSG:25832" in w for w in fb.warnings)
    area_in = sum(f.geometry().area() for f in ortsteile.getFeatures())
    area_out = sum(f.geometry().area() for f in out.getFeatures())
    assert area_out == pytest.approx(area_in, rel=1e-6)
    # automatic choice: the UTM zone of the districts when the project CRS is not projected
    res = run("loadatlas", {"DISTRICTS": geo, "ID_FIELD": "ot_id",
                            "FILES": [str(sample / "atlas" / "sozialstrukturatlas_2022.csv")], "OUTPUT": "memory:"})
    assert not res["OUTPUT"].crs().isGeographic()


def test_non_numeric_cells_are_reported_per_column(provider, tmp_path, ortsteile):
    f = tmp_path / "atlas_2022.csv"
    f.write_text("Nr;Einwohner;Arbeitslose\n01;100;5\n02;200;k.A.\n03;.;-\n", encoding="utf-8")
    fb = Feedback()
    res = run("loadatlas", {"DISTRICTS": ortsteile, "ID_FIELD": "ot_id", "FILES": [str(f)], "OUTPUT": "memory:"},
              fb)
    assert res["INVALID_CELLS"] == 1
    assert any("column 'Arbeitslose': 1 non-numeric value(s) set to missing: row 3 'k.A.'" in w for w in fb.warnings)
    feats = features(res["OUTPUT"], "ot_id")
    assert value(feats["02"]["unemployed_2022"]) is None
    assert value(feats["03"]["unemployed_2022"]) == 0.0  # '-' is zero
    assert value(feats["03"]["pop_total_2022"]) is None  # '.' is suppressed


def test_spreadsheet_and_table_layer_take_the_same_path(provider, sample, ortsteile, tmp_path):
    """An ODS sheet (written by GDAL) and a table layer give the values of the CSV file."""
    from osgeo import ogr

    csv_path = sample / "atlas" / "sozialstrukturatlas_2022.csv"
    ref = features(_load(ortsteile, [csv_path])["OUTPUT"], "ot_id")
    text = csv_path.read_bytes().decode("cp1252")
    rows = list(csv.reader(text.splitlines(), delimiter=";"))
    ods = tmp_path / "atlas_2022.ods"
    ds = ogr.GetDriverByName("ODS").CreateDataSource(str(ods))
    lyr = ds.CreateLayer("Tabelle1", geom_type=ogr.wkbNone)
    for i, name in enumerate(rows[0]):
        lyr.CreateField(ogr.FieldDefn(name, ogr.OFTString if i < 2 else ogr.OFTReal))
    for r in rows[1:]:
        feat = ogr.Feature(lyr.GetLayerDefn())
        for i, cell in enumerate(r):
            if i < 2:
                feat.SetField(i, cell)
            elif german(cell) is not None:
                feat.SetField(i, german(cell))
        lyr.CreateFeature(feat)
    ds = None
    res = _load(ortsteile, [ods])
    got = features(res["OUTPUT"], "ot_id")
    assert json.loads(res["SOURCES"])[0]["encoding"] == "spreadsheet (GDAL)"
    for key in ref:
        assert got[key]["sgb2_rate_2022"] == ref[key]["sgb2_rate_2022"]
        assert got[key]["pop_total_2022"] == ref[key]["pop_total_2022"]
    table = QgsVectorLayer(str(ods), "tabelle", "ogr")
    assert table.isValid()
    res = run("loadatlas", {"DISTRICTS": ortsteile, "ID_FIELD": "ot_id", "TABLES": [table], "YEAR": 2022,
                            "OUTPUT": "memory:"})
    got = features(res["OUTPUT"], "ot_id")
    assert all(got[k]["unemployment_rate_2022"] == ref[k]["unemployment_rate_2022"] for k in ref)


def test_geopackage_output(provider, sample, ortsteile, tmp_path):
    out = tmp_path / "atlas.gpkg"
    res = _load(ortsteile, wide_files(sample), OUTPUT=str(out))
    layer = QgsVectorLayer(res["OUTPUT"], "atlas", "ogr")
    assert layer.isValid() and layer.featureCount() == 53
    assert "sgb2_rate_chg_2020_2022" in layer.fields().names()


# ------------------------------------------------------------------------------------ socialindex


def _berlin_layer():
    with BERLIN.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    num = ["ew_2020", "s1_arbeitslosigkeit_pct", "s3_transferbezug_pct", "s4_kinderarmut_pct",
           "d1_arbeitslosigkeit_pp", "d3_transferbezug_pp", "d4_kinderarmut_pp"]
    uri = "None?field=plr_id:string&" + "&".join(f"field={n}:double" for n in num)
    layer = QgsVectorLayer(uri, "berlin", "memory")
    feats = []
    for r in rows:
        f = QgsFeature(layer.fields())
        f.setAttributes([r["plr_id"]] + [float(r[n]) if r[n] else None for n in num])
        feats.append(f)
    layer.dataProvider().addFeatures(feats)
    return layer, {r["plr_id"]: r for r in rows}


@pytest.mark.parametrize("exclude", ["10100205", ""])
def test_social_index_reproduces_berlin_mss_2021(provider, exclude):
    layer, official = _berlin_layer()
    fb = Feedback()
    res = run("socialindex", {
        "INPUT": layer,
        "STATUS_FIELDS": ["s1_arbeitslosigkeit_pct", "s3_transferbezug_pct", "s4_kinderarmut_pct"],
        "DYNAMICS_FIELDS": ["d1_arbeitslosigkeit_pp", "d3_transferbezug_pp", "d4_kinderarmut_pp"],
        "POPULATION_FIELD": "ew_2020", "MIN_POPULATION": 300, "ID_FIELD": "plr_id", "EXCLUDE": exclude,
        "OUTPUT": "memory:"}, fb)
    out = res["OUTPUT"]
    assert res["INCLUDED"] == 536
    dyn = {"1": 1, "3": 2, "5": 3}  # MSS table codes → classes 1 positive, 2 stable, 3 negative
    n = 0
    for f in out.getFeatures():
        o = official[f["plr_id"]]
        if o["in_index"] == "1":
            assert f["status_class"] == int(o["status_class_n"]), f["plr_id"]
            assert f["dynamics_class"] == dyn[o["dynamik_class_n"]], f["plr_id"]
            assert f["index_group_code"] == o["sdi"]
            assert f["status_index"] == pytest.approx(float(o["status_index"]), abs=1e-5)
            assert f["index_group"] == (f["status_class"] - 1) * 3 + f["dynamics_class"]
            n += 1
        else:
            assert value(f["status_class"]) is None and value(f["dynamics_class"]) is None
            assert value(f["status_index"]) is None
            assert f["index_excluded"]
    assert n == 536
    labels = {f["status_class"]: f["status_label"] for f in out.getFeatures() if value(f["status_class"])}
    assert labels == {1: "high", 2: "medium", 3: "low", 4: "very low"}
    assert out.fields().field("status_class").typeName().lower().startswith("int")


def test_social_index_polarity_and_bad_fields(provider):
    layer = QgsVectorLayer("None?field=id:string&field=x:double&field=y:double&field=ew:double", "t", "memory")
    feats = []
    for key, x, y in (("A", 1, 4), ("B", 2, 3), ("C", 3, 3), ("D", 4, 2), ("E", 5, 3)):
        f = QgsFeature(layer.fields())
        f.setAttributes([key, float(x), float(y), 1000.0])
        feats.append(f)
    layer.dataProvider().addFeatures(feats)
    # the hand example of tests/core/test_social_index.py: x higher is worse, y higher is better
    res = run("socialindex", {"INPUT": layer, "STATUS_FIELDS": ["x", "y"], "POLARITY": "+,-",
                              "POPULATION_FIELD": "ew", "ID_FIELD": "id", "OUTPUT": "memory:"})
    got = {f["id"]: (f["status_class"], round(f["status_index"], 6)) for f in res["OUTPUT"].getFeatures()}
    assert got == {"A": (1, -1.638581), "B": (2, -0.386817), "C": (2, 0.0), "D": (3, 1.251765), "E": (2, 0.773633)}
    with pytest.raises(QgsProcessingException, match=r"3 polarities for 2 status"):
        run("socialindex", {"INPUT": layer, "STATUS_FIELDS": ["x", "y"], "POLARITY": "+,-,+", "OUTPUT": "memory:"})
    with pytest.raises(QgsProcessingException, match=r"has no field “zz”"):
        run("socialindex", {"INPUT": layer, "STATUS_FIELDS": ["zz"], "OUTPUT": "memory:"})


# ------------------------------------------------------------------------------------ suppress


def _table(fields, rows, geometry="None"):
    uri = f"{geometry}?crs=EPSG:25832&" + "&".join(f"field={n}:{t}" for n, t in fields)
    layer = QgsVectorLayer(uri, "table", "memory")
    feats = []
    for attrs in rows:
        geom = None
        if geometry != "None":
            attrs, geom = attrs
        f = QgsFeature(layer.fields())
        f.setAttributes(list(attrs))
        if geom is not None:
            f.setGeometry(QgsGeometry.fromWkt(geom))
        feats.append(f)
    layer.dataProvider().addFeatures(feats)
    return layer


def test_suppress_hand_made_table(provider):
    # unit   c1  c2  pop   r = c1 / pop * 100
    #  A     10   1  500   2.0
    #  B      2   4  250   0.8
    #  C     15   2 1000   1.5
    #  D     20  30  800   2.5
    # primary (threshold 3): c1 B (2); c2 A (1), C (2).
    # secondary (city totals published): column c1 has one hidden cell (B) → B = total − A − C − D, so the
    #   smallest other non-zero cell, A (10), is hidden too. Column c2 has two hidden cells: nothing to add.
    # rates: r is hidden where c1 is hidden (A secondary, B primary): else c1 = r × pop / 100.
    # small units: B (250 < 300).
    layer = _table([("unit", "string"), ("c1", "integer"), ("c2", "integer"), ("pop", "integer"),
                    ("r", "double")],
                   [("A", 10, 1, 500, 2.0), ("B", 2, 4, 250, 0.8), ("C", 15, 2, 1000, 1.5), ("D", 20, 30, 800, 2.5)])
    res = run("suppress", {"INPUT": layer, "COUNT_FIELDS": ["c1", "c2"], "RATE_FIELDS": ["r"],
                           "RATE_DEFINITIONS": "r=c1/pop", "THRESHOLD": 3, "COLUMN_TOTALS": True,
                           "POPULATION_FIELD": "pop", "MIN_POPULATION": 300, "OUTPUT": "memory:"})
    out = {f["unit"]: f for f in res["OUTPUT"].getFeatures()}
    shown = {u: (f["c1_txt"], f["c2_txt"], f["r_txt"]) for u, f in out.items()}
    assert shown == {
        "A": (".", ".", "."),
        "B": (".", "4", "."),
        "C": ("15", ".", "1.5"),
        "D": ("20", "30", "2.5"),
    }
    assert (res["PRIMARY"], res["SECONDARY"], res["RATES"], res["SMALL_UNITS"]) == (3, 1, 2, 1)
    assert value(out["A"]["c1"]) is None and value(out["B"]["c1"]) is None and out["C"]["c1"] == 15
    assert value(out["A"]["r"]) is None and out["D"]["r"] == 2.5
    assert {u: f["small_unit"] for u, f in out.items()} == {"A": 0, "B": 1, "C": 0, "D": 0}
    assert {u: f["suppressed_cells"] for u, f in out.items()} == {"A": 3, "B": 2, "C": 1, "D": 0}
    # text mode: the chosen fields themselves become text
    res = run("suppress", {"INPUT": layer, "COUNT_FIELDS": ["c1", "c2"], "MODE": 1, "OUTPUT": "memory:"})
    out = {f["unit"]: f for f in res["OUTPUT"].getFeatures()}
    assert [out[u]["c1"] for u in "ABCD"] == [".", ".", "15", "20"]


def test_suppress_row_totals_and_unknown_rates(provider):
    # age bands a1 + a2 = total t per unit; a1 of X is 2 → hidden; the row total t is published (a field),
    # so one more band of row X is hidden: a2 (the only other non-zero part). Column totals not published.
    layer = _table([("unit", "string"), ("a1", "integer"), ("a2", "integer"), ("t", "integer")],
                   [("X", 2, 40, 42), ("Y", 10, 50, 60)])
    res = run("suppress", {"INPUT": layer, "COUNT_FIELDS": ["a1", "a2"], "ROW_TOTAL_FIELD": "t",
                           "COLUMN_TOTALS": False, "OUTPUT": "memory:"})
    out = {f["unit"]: (f["a1_txt"], f["a2_txt"], f["t_txt"]) for f in res["OUTPUT"].getFeatures()}
    assert out == {"X": (".", ".", "42"), "Y": ("10", "50", "60")}
    with pytest.raises(QgsProcessingException, match=r"Rate field “a2”: numerator and denominator unknown"):
        run("suppress", {"INPUT": layer, "RATE_FIELDS": ["a2"], "OUTPUT": "memory:"})


# ------------------------------------------------------------------------------------ aggregateunits


def _units():
    # four 100 m squares; N = u1 + u2, S = u3 + u4
    sq = "POLYGON(({x} 0, {x1} 0, {x1} 100, {x} 100, {x} 0))"
    rows = []
    for i, (uid, grp, pop, unemp) in enumerate((("u1", "N", 100, 10), ("u2", "N", 300, 60), ("u3", "S", 200, 5),
                                                ("u4", "S", 400, None))):
        rate = None if unemp is None else unemp / pop * 100
        rows.append(((uid, grp, pop, unemp, rate), sq.format(x=i * 100, x1=i * 100 + 100)))
    return _table([("uid", "string"), ("grp", "string"), ("pop_total_2022", "integer"),
                   ("unemployed_2022", "integer"), ("alq_2022", "double")], rows, geometry="Polygon")


def test_aggregate_hand_made_example(provider):
    # N: pop 100 + 300 = 400, unemployed 10 + 60 = 70, rate 70 / 400 × 100 = 17.5 (the mean of the rates,
    #    (10 + 20) / 2 = 15, would be wrong); S: unemployed unknown for u4 → NULL (no incomplete sum), rate NULL;
    # city: pop 1000, unemployed NULL. With "skip missing": S unemployed 5, rate 5 / 600 × 100; city 75, 7.5.
    layer = _units()
    params = {"INPUT": layer, "UNIT_FIELD": "uid", "GROUP_FIELD": "grp",
              "COUNT_FIELDS": ["pop_total_2022", "unemployed_2022"], "RATE_FIELDS": ["alq_2022"],
              "RATE_DEFINITIONS": "alq_2022=unemployed_2022/pop_total_2022*100", "OUTPUT": "memory:"}
    res = run("aggregateunits", params)
    out = {f["group_id"]: f for f in res["OUTPUT"].getFeatures()}
    assert set(out) == {"N", "S", "city"}
    assert (out["N"]["pop_total_2022"], out["N"]["unemployed_2022"], out["N"]["alq_2022"]) == (400, 70, 17.5)
    assert out["N"]["n_units"] == 2 and out["city"]["n_units"] == 4
    assert value(out["S"]["unemployed_2022"]) is None and value(out["S"]["alq_2022"]) is None
    assert out["city"]["pop_total_2022"] == 1000 and value(out["city"]["unemployed_2022"]) is None
    assert out["N"].geometry().area() == pytest.approx(20000)
    assert out["city"].geometry().area() == pytest.approx(40000)
    res = run("aggregateunits", {**params, "SKIP_MISSING": True})
    out = {f["group_id"]: f for f in res["OUTPUT"].getFeatures()}
    assert out["S"]["unemployed_2022"] == 5 and out["S"]["alq_2022"] == pytest.approx(5 / 600 * 100)
    assert out["city"]["unemployed_2022"] == 75 and out["city"]["alq_2022"] == pytest.approx(7.5)


def test_aggregate_with_mapping_table_and_errors(provider):
    layer = _units()
    mapping = _table([("unit", "string"), ("sr", "string"), ("sr_name", "string")],
                     [("u1", "1", "Nord"), ("u2", "1", "Nord"), ("u3", "2", "Süd"), ("u4", "2", "Süd")])
    res = run("aggregateunits", {"INPUT": layer, "UNIT_FIELD": "uid", "MAPPING": mapping, "MAPPING_UNIT_FIELD": "unit",
                                 "MAPPING_GROUP_FIELD": "sr", "MAPPING_NAME_FIELD": "sr_name",
                                 "COUNT_FIELDS": ["pop_total_2022"], "CITY_TOTAL": False, "OUTPUT": "memory:"})
    out = {f["group_name"]: f["pop_total_2022"] for f in res["OUTPUT"].getFeatures()}
    assert out == {"Nord": 400, "Süd": 600}
    short = _table([("unit", "string"), ("sr", "string")], [("u1", "1"), ("u2", "1"), ("u3", "2")])
    with pytest.raises(QgsProcessingException, match=r"1 unit\(s\) have no group in the mapping: 'u4'"):
        run("aggregateunits", {"INPUT": layer, "UNIT_FIELD": "uid", "MAPPING": short, "MAPPING_UNIT_FIELD": "unit",
                               "MAPPING_GROUP_FIELD": "sr", "COUNT_FIELDS": ["pop_total_2022"], "OUTPUT": "memory:"})
    with pytest.raises(QgsProcessingException, match=r"Rate field “alq_2022”: numerator and denominator unknown"):
        run("aggregateunits", {"INPUT": layer, "RATE_FIELDS": ["alq_2022"], "OUTPUT": "memory:"})


def test_aggregate_erfurt_to_social_spaces(provider, sample, ortsteile):
    atlas = _load(ortsteile, wide_files(sample))["OUTPUT"]
    mapping = QgsVectorLayer(f"{sample / 'erfurt_sample.gpkg'}|layername=sozialraum_mapping", "map", "ogr")
    res = run("aggregateunits", {"INPUT": atlas, "UNIT_FIELD": "ot_id", "MAPPING": mapping,
                                 "MAPPING_UNIT_FIELD": "ot_id", "MAPPING_GROUP_FIELD": "sozialraum_id",
                                 "MAPPING_NAME_FIELD": "sozialraum",
                                 "COUNT_FIELDS": ["pop_total_2022", "foreign_nationals_2022"],
                                 "RATE_FIELDS": ["foreign_share_2022"], "OUTPUT": "memory:"})
    out = {f["group_id"]: f for f in res["OUTPUT"].getFeatures()}
    assert len(out) == 7
    pops = {str(f["ot_id"]): value(f["pop_total_2022"]) for f in atlas.getFeatures()}
    foreign = {str(f["ot_id"]): value(f["foreign_nationals_2022"]) for f in atlas.getFeatures()}
    assert out["city"]["pop_total_2022"] == sum(pops.values())
    assert out["city"]["foreign_share_2022"] == pytest.approx(100 * sum(foreign.values()) / sum(pops.values()))


# ------------------------------------------------------------------------------------ similardistricts


def test_similar_districts(provider):
    # x: 0, 1, 2, 10 (mean 3.25, SD 3.96); y constant → left out with a warning.
    # distance to A in SD units: B 1/3.96, C 2/3.96, D 10/3.96 → ranks 1, 2, 3.
    layer = _table([("id", "string"), ("x", "double"), ("y", "double")],
                   [("A", 0, 5), ("B", 1, 5), ("C", 2, 5), ("D", 10, 5)])
    fb = Feedback()
    res = run("similardistricts", {"INPUT": layer, "ID_FIELD": "id", "TARGET": "A", "FIELDS": ["x", "y"], "TOP": 2,
                                   "OUTPUT": "memory:"}, fb)
    rows = [(f["id"], f["sim_rank"], f["sim_distance"]) for f in res["OUTPUT"].getFeatures()]
    import math

    sd = math.sqrt(sum((v - 3.25) ** 2 for v in (0, 1, 2, 10)) / 4)
    assert [r[:2] for r in rows] == [("A", 0), ("B", 1), ("C", 2), ("D", 3)]
    assert rows[3][2] == pytest.approx(10 / sd)
    assert res["SIMILAR"] == "B,C"
    assert any("'y'" in w for w in fb.warnings)
    with pytest.raises(QgsProcessingException, match=r"no district with id = “Q”"):
        run("similardistricts", {"INPUT": layer, "ID_FIELD": "id", "TARGET": "Q", "FIELDS": ["x"],
                                 "OUTPUT": "memory:"})


# ------------------------------------------------------------------------------------ project store, styling


def test_user_indicators_saved_with_the_project(qgis_new_project, tmp_path):
    from isrp_plugin.core.indicators import Indicator, IndicatorCatalogueError
    from isrp_plugin.qgis_io import project_store

    project = QgsProject.instance()
    ind = Indicator("alq_18_65", "Arbeitslosenquote 18–65", "Unemployment 18–65", "rate", "unemployed",
                    "pop_total", 100.0, "%", "higher_worse", "Stadt")
    project_store.save_user_indicators([ind], project)
    project_store.save_aliases({"ALQ in %": "alq_18_65"}, project)
    path = tmp_path / "p.qgz"
    assert project.write(str(path))
    project.clear()
    assert project_store.load_user_indicators(project) == []
    assert project.read(str(path))
    assert project_store.load_user_indicators(project) == [ind]
    cat = project_store.load_catalogue_for_project(project)
    assert cat["alq_18_65"].numerator == "unemployed" and "sgb2_rate" in cat
    assert project_store.load_aliases(project)["ALQ in %"] == "alq_18_65"
    bad = Indicator("bad", "b", "b", "rate", "nope", "pop_total", 100.0)
    with pytest.raises(IndicatorCatalogueError, match="numerator 'nope' is not a count"):
        project_store.save_user_indicators([bad], project)
    assert project_store.load_user_indicators(project) == [ind]


def test_user_aliases_name_the_fields(provider, qgis_new_project, tmp_path, ortsteile):
    from isrp_plugin.core.indicators import Indicator
    from isrp_plugin.qgis_io import project_store

    f = tmp_path / "atlas_2022.csv"
    f.write_text("Nr;ALQ in %;Einwohner\n01;4,5;100\n", encoding="utf-8")
    project_store.save_user_indicators([Indicator("alq", "ALQ", "ALQ", "count", unit="%", polarity="higher_worse")])
    project_store.save_aliases({"ALQ in %": "alq"})
    res = _load(ortsteile, [f])
    meta = {m["field"]: m for m in json.loads(res["INDICATORS"])}
    assert meta["alq"]["polarity"] == "higher_worse"
    res = _load(ortsteile, [f], ALIASES="ALQ in %=sgb2_rate")
    assert "sgb2_rate" in {m["field"] for m in json.loads(res["INDICATORS"])}


def test_styling_graduated_and_index(provider, sample, ortsteile):
    from isrp_plugin.qgis_io import styling

    res = _load(ortsteile, wide_files(sample))
    atlas = res["OUTPUT"]
    metas = {m["field"]: styling.IndicatorMeta.from_dict(m) for m in json.loads(res["INDICATORS"])}
    ren = styling.apply_indicator_style(atlas, metas["sgb2_rate"], 2022, population_field="pop_total_2022",
                                        min_population=300)
    classes = [r for r in ren.ranges() if r.lowerValue() > styling.NODATA_SENTINEL]
    assert len(classes) == 5
    assert [r.symbol().color().name() for r in classes] == [c.name() for c in styling.ramp_colours("YlOrRd", 5)]
    assert classes[0].label().endswith(" %")
    assert atlas.customProperty("isrp/legend_title") == "SGB-II-Quote in % 2022"
    # quantiles: about a fifth of the shown units per class
    vals = sorted(value(f["sgb2_rate_2022"]) for f in atlas.getFeatures() if value(f["pop_total_2022"]) >= 300)
    assert classes[0].lowerValue() == vals[0] and classes[-1].upperValue() == vals[-1]
    # a change is diverging and symmetric around 0, red for worse
    ren = styling.apply_indicator_style(atlas, metas["sgb2_rate"], change=(2020, 2022), labels=True)
    classes = [r for r in ren.ranges() if r.lowerValue() > styling.NODATA_SENTINEL]
    assert classes[0].lowerValue() == pytest.approx(-classes[-1].upperValue())
    assert classes[-1].symbol().color().name() == "#ca0020" and classes[0].label().endswith("pp")
    assert atlas.labelsEnabled()
    idx = styling.social_index_renderer("status")
    assert [c.value() for c in idx.categories()] == [1, 2, 3, 4, ""]
