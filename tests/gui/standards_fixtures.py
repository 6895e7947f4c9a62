"""Shared by the standards tests: a private QGIS settings file per test (tests that store settings
neither read nor change the settings file shared by every test run on this checkout,
.qgis-settings) and a catalogue written by hand in the exported form."""

from pathlib import Path

import pytest


@pytest.fixture()
def private_settings(qgis_app, tmp_path):
    """Point QgsSettings (QSettings, INI format, user scope) at tmp_path for one test."""
    from qgis.core import QgsSettings
    from qgis.PyQt.QtCore import QSettings

    ini = QSettings.Format.IniFormat
    user = QSettings.Scope.UserScope
    # <profile>/QGIS/QGIS3.ini -> <profile>, the path QgsApplication gave QSettings
    original = Path(QSettings().fileName()).parents[1]
    QSettings.setPath(ini, user, str(tmp_path / "profile"))
    assert QgsSettings().fileName().startswith(str(tmp_path))
    try:
        yield tmp_path / "profile"
    finally:
        QSettings.setPath(ini, user, str(original))
    assert Path(QgsSettings().fileName()).parents[1] == original


#: A catalogue written by hand in the exported form (``,``, ``.`` decimals, minimal quoting, "\n"):
#: a decimal value, an empty (user-defined) value, a share, a decay with commas, a quote in a note.
CANONICAL = (
    "id,label_de,label_en,target_group,standard_value,standard_unit,catchment_value,catchment_unit,decay,source,note\n"
    "kita_u3,Kita (unter 3 Jahre),Day care (under 3),2/3*pop_0_3,62.5,places_per_100,500,m,none,"
    "\"Kita-Bedarfsplan, Stand 2024\",Vor Ort prüfen.\n"
    "youth_club,Jugendhaus,Youth club,pop_10_18 + pop_18_27,,places_per_1000,1000,m,"
    "\"step(300:1, 600:0.6, 1000:0.2)\",Stadtratsbeschluss,\"Zitat: \"\"Richtwert\"\" geprüft\"\n"
    "playground_u6,Spielplatz (unter 6),Playground (under 6),pop_0_3 + pop_3_6,1.5,m2_per_inhabitant,200,m,"
    "gaussian(w_d0=0.05),DIN 18034,Verify locally.\n"
)
