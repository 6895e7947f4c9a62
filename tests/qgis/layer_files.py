"""Shared by the tests that need layers in files: write a layer to a GeoPackage table or a shapefile."""

from __future__ import annotations

from qgis.core import QgsProject, QgsVectorFileWriter, QgsVectorLayer


def save_layer(layer, path, name, driver="GPKG"):
    """``layer`` written to ``path`` (a GeoPackage gets table ``name``, added to an existing file), opened again."""
    opts = QgsVectorFileWriter.SaveVectorOptions()
    opts.driverName = driver
    if driver == "GPKG":
        opts.layerName = name
        if path.exists():
            opts.actionOnExistingFile = QgsVectorFileWriter.ActionOnExistingFile.CreateOrOverwriteLayer
    writer = getattr(QgsVectorFileWriter, "writeAsVectorFormatV3", None) or QgsVectorFileWriter.writeAsVectorFormatV2
    err = writer(layer, str(path), QgsProject.instance().transformContext(), opts)
    assert err[0] == QgsVectorFileWriter.WriterError.NoError, err
    uri = f"{path}|layername={name}" if driver == "GPKG" else str(path)
    out = QgsVectorLayer(uri, name, "ogr")
    assert out.isValid()
    return out
