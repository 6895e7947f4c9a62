"""The German translation covers every UI string of the sources (lupdate/lrelease report nothing unfinished)."""

import re
import shutil
import subprocess
import sys

import pytest

from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import update_ts  # noqa: E402


@pytest.mark.skipif(shutil.which("pylupdate5") is None or shutil.which("lrelease") is None, reason="Qt tools missing")
def test_german_translation_complete(tmp_path):
    ts = tmp_path / "isrp_de.ts"
    shutil.copy(ROOT / "i18n" / "isrp_de.ts", ts)
    update_ts.run_pylupdate(ts)  # collects the strings of the current sources into the copy
    missing = update_ts.unfinished(ts)
    assert missing == [], f"{len(missing)} strings lack a German translation, run `make ts`: {missing[:10]}"
    out = subprocess.run(
        ["lrelease", str(ts), "-qm", str(tmp_path / "x.qm")], capture_output=True, text=True, check=True
    )
    match = re.search(r"(\d+) finished and (\d+) unfinished", out.stdout)
    assert match, out.stdout
    assert int(match.group(1)) > 0
    assert int(match.group(2)) == 0
