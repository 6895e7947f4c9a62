"""The algorithms run from the command line through qgis_process with the plugin installed in a profile."""

import csv
import os
import shutil
import subprocess
import sys

import pytest

from tests.conftest import ROOT


def qgis_process_command():
    # Debian 12's wrapper script passes --noversioncheck (from /etc/default/qgis), which qgis_process rejects.
    return shutil.which("qgis_process.bin") or shutil.which("qgis_process")


@pytest.mark.skipif(qgis_process_command() is None, reason="qgis_process missing")
def test_checklayers_via_qgis_process(tmp_path):
    profiles = tmp_path / "profiles_root"
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "package.py"), "--deploy", "--profiles-path", str(profiles)],
        check=True,
        capture_output=True,
    )
    layer = tmp_path / "pts.geojson"  # GeoJSON without "crs" member = WGS 84, a geographic CRS
    layer.write_text(
        '{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"id": 1},'
        ' "geometry": {"type": "Point", "coordinates": [11.03, 50.98]}}]}',
        encoding="utf-8",
    )
    out = tmp_path / "check.csv"
    env = dict(os.environ, QGIS_CUSTOM_CONFIG_PATH=str(profiles), QT_QPA_PLATFORM="offscreen")
    proc = subprocess.run(
        [
            qgis_process_command(),
            "run",
            "isrp:checklayers",
            f"--LAYERS={layer}",
            "--EXPECTED_CRS=EPSG:25832",
            f"--OUTPUT={out}",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert len(rows) == 1
    assert "EPSG:4326" in rows[0]["problems"] and "EPSG:25832" in rows[0]["problems"]
