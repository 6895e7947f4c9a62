#!/usr/bin/env python3
"""The main job, headless, on the bundled Erfurt sample project (`make demo`).

Every step runs the plugin's Processing algorithms, exactly as the toolbox, the docks and
qgis_process do. Results are written to --out (default: out/).

Steps so far:
1. open the sample project and check every layer (isrp:checklayers) → summary.csv, summary.md
"""

import argparse
import csv
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from qgis.core import QgsApplication, QgsProject, QgsVectorLayer  # noqa: E402

_PROVIDER = None


class Demo:
    def __init__(self, out: Path):
        self.out = out
        self.out.mkdir(parents=True, exist_ok=True)
        self.t0 = time.perf_counter()

    def say(self, text: str) -> None:
        print(f"[{time.perf_counter() - self.t0:6.1f} s] {text}", flush=True)


def start_qgis() -> QgsApplication:
    app = QgsApplication([], False)
    app.initQgis()
    # The Processing framework (qgis.processing.run) lives in QGIS's bundled Python plugins.
    sys.path.append(str(Path(QgsApplication.pkgDataPath()) / "python" / "plugins"))
    from processing.core.Processing import Processing

    Processing.initialize()
    from isrp_plugin.processing.provider import IsrpProvider

    global _PROVIDER  # the registry does not keep the Python object alive
    _PROVIDER = IsrpProvider()
    QgsApplication.processingRegistry().addProvider(_PROVIDER)
    return app


def step_check_project(demo: Demo, project_path: Path) -> QgsProject:
    from qgis import processing

    project = QgsProject.instance()
    if not project.read(str(project_path)):
        raise SystemExit(f"error: cannot open the sample project {project_path}")
    layers = list(project.mapLayers().values())
    demo.say(f"opened {project_path.name}: {len(layers)} layers, project CRS {project.crs().authid()}")
    result = processing.run(
        "isrp:checklayers",
        {"LAYERS": layers, "EXPECTED_CRS": "EPSG:25832", "OUTPUT": "memory:"},
    )
    table: QgsVectorLayer = result["OUTPUT"]
    names = table.fields().names()
    rows = [dict(zip(names, f.attributes())) for f in table.getFeatures()]
    with (demo.out / "summary.csv").open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=names)
        writer.writeheader()
        writer.writerows(rows)
    lines = [
        "# Erfurt sample project — layer summary",
        "",
        f"Project: `{project_path.name}`, CRS {project.crs().authid()}",
        "",
        "| layer | features | CRS | geometry | problems |",
        "|---|---:|---|---|---|",
    ]
    for r in sorted(rows, key=lambda r: r["layer"]):
        lines.append(f"| {r['layer']} | {r['features']} | {r['crs']} | {r['geometry']} | {r['problems'] or 'none'} |")
    (demo.out / "summary.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    for r in rows:
        demo.say(f"  {r['layer']}: {r['features']} features, {r['crs'] or '-'}, {r['geometry']}")
    bad = int(result["LAYERS_WITH_PROBLEMS"])
    if bad:
        raise SystemExit(f"error: {bad} layer(s) of the sample project have problems, see {demo.out / 'summary.md'}")
    demo.say(f"all layers valid → {demo.out / 'summary.md'}")
    return project


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=ROOT / "out")
    ap.add_argument("--project", type=Path, default=ROOT / "resources" / "sample" / "erfurt_sample.qgz")
    args = ap.parse_args(argv)
    app = start_qgis()
    demo = Demo(args.out)
    try:
        step_check_project(demo, args.project)
    finally:
        QgsProject.instance().clear()
    demo.say("demo finished")
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
