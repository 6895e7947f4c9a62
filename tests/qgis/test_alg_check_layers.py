"""isrp:checklayers finds invalid layers, wrong CRS, invalid and empty geometries."""

from qgis.core import QgsFeature, QgsGeometry, QgsVectorLayer


def _polygons(crs: str, wkts) -> QgsVectorLayer:
    layer = QgsVectorLayer(f"Polygon?crs={crs}&field=id:integer", "units", "memory")
    feats = []
    for i, wkt in enumerate(wkts):
        f = QgsFeature(layer.fields())
        f.setAttributes([i])
        if wkt is not None:
            f.setGeometry(QgsGeometry.fromWkt(wkt))
        feats.append(f)
    layer.dataProvider().addFeatures(feats)
    return layer


def test_check_layers_reports_each_problem(provider):
    from qgis import processing

    good = _polygons("EPSG:25832", ["POLYGON((0 0, 10 0, 10 10, 0 10, 0 0))"])
    bowtie = "POLYGON((0 0, 10 10, 10 0, 0 10, 0 0))"  # self-intersecting → invalid
    bad = _polygons("EPSG:25832", ["POLYGON((0 0, 1 0, 1 1, 0 0))", bowtie, None])
    wrong_crs = _polygons("EPSG:4326", ["POLYGON((0 0, 1 0, 1 1, 0 0))"])
    wrong_crs.setName("geographic")
    missing = QgsVectorLayer("/nonexistent/file.gpkg|layername=x", "missing", "ogr")
    result = processing.run(
        "isrp:checklayers",
        {"LAYERS": [good, bad, wrong_crs, missing], "EXPECTED_CRS": "EPSG:25832", "OUTPUT": "memory:"},
    )
    rows = {f["layer"]: f for f in result["OUTPUT"].getFeatures()}
    assert result["LAYERS_WITH_PROBLEMS"] == 3
    units_rows = [f for f in result["OUTPUT"].getFeatures() if f["layer"] == "units"]
    by_count = {f["features"]: f for f in units_rows}
    assert by_count[1]["problems"] == ""
    assert by_count[3]["invalid_geom"] == 1 and by_count[3]["empty_geom"] == 1
    assert "feature ids" in by_count[3]["problems"]
    assert "EPSG:4326" in rows["geographic"]["problems"]
    assert rows["missing"]["valid"] == 0
