"""The ZIP from `make package` installs into a fresh QGIS profile and the real desktop loads the plugin."""

import json
import os
import shutil
import subprocess
import sys
import zipfile

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.desktop


@pytest.fixture(scope="module")
def plugin_zip(tmp_path_factory):
    out = tmp_path_factory.mktemp("dist") / "isrp_plugin.zip"
    subprocess.run([sys.executable, str(ROOT / "scripts" / "package.py"), "--out", str(out)], check=True)
    return out


def test_zip_has_single_top_folder_with_everything(plugin_zip):
    names = zipfile.ZipFile(plugin_zip).namelist()
    assert {n.split("/")[0] for n in names} == {"isrp_plugin"}
    for required in (
        "isrp_plugin/__init__.py",
        "isrp_plugin/metadata.txt",
        "isrp_plugin/LICENSE",
        "isrp_plugin/i18n/isrp_de.qm",
        "isrp_plugin/resources/icons/isrp.svg",
        "isrp_plugin/resources/ui/options_page.ui",
        "isrp_plugin/processing/provider.py",
    ):
        assert required in names
    assert not [n for n in names if "__pycache__" in n or n.endswith(".pyc")]


@pytest.mark.skipif(
    shutil.which("qgis") is None or shutil.which("xvfb-run") is None, reason="QGIS desktop/Xvfb missing"
)
def test_desktop_loads_plugin_from_zip(plugin_zip, tmp_path):
    root = tmp_path / "profiles_root"
    plugins_dir = root / "profiles" / "default" / "python" / "plugins"
    plugins_dir.mkdir(parents=True)
    zipfile.ZipFile(plugin_zip).extractall(plugins_dir)
    ini = root / "profiles" / "default" / "QGIS" / "QGIS3.ini"
    ini.parent.mkdir(parents=True)
    ini.write_text("[PythonPlugins]\nisrp_plugin=true\n", encoding="utf-8")
    result = tmp_path / "result.json"
    env = dict(os.environ, ISRP_RESULT=str(result), ISRP_OPEN_SAMPLE="1", ISRP_SCREENSHOT=str(tmp_path / "desktop.png"))
    env.pop("PYTHONPATH", None)  # the plugin must come from the profile, not from the repository
    proc = subprocess.run(
        ["bash", str(ROOT / "scripts" / "run_desktop.sh"), str(root)],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert result.exists(), (
        f"QGIS did not run the check script: {proc.returncode}\n{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}"
    )
    info = json.loads(result.read_text(encoding="utf-8"))
    assert "error" not in info, info.get("error")
    assert info["loaded"] and "isrp_plugin" in info["active_plugins"]
    assert info["plugin_path"].startswith(str(plugins_dir))
    assert info["provider"] and "isrp:checklayers" in info["algorithms"]
    assert "ISRP – Sozialraumplanung" in info["menus"]
    assert info["toolbar"] == ["ISRP – Sozialraumplanung"]
    assert info["options_factory"]
    if (ROOT / "resources" / "sample" / "erfurt_sample.qgz").exists():
        assert info["sample_opened"]
        assert {"ortsteile", "einrichtungen", "nachfragepunkte", "strassennetz"} <= set(info["project_layers"])
