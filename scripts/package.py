#!/usr/bin/env python3
"""Assemble the installable plugin and zip it, or deploy it into a QGIS profile.

The repository keeps the top-level layout (isrp_plugin/, resources/, i18n/, metadata.txt);
the built plugin has a single top folder isrp_plugin/ holding the code, metadata.txt,
LICENSE, resources/ and the compiled translations (i18n/*.qm).

    scripts/package.py --out dist/isrp_plugin.zip
    scripts/package.py --deploy [--profiles-path DIR --profile NAME]
"""

import argparse
import configparser
import os
import shutil
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLUGIN = "isrp_plugin"
SKIP_DIRS = {"__pycache__", ".pytest_cache"}
SKIP_SUFFIXES = {".pyc", ".pyo", ".gpkg-wal", ".gpkg-shm"}


def plugin_files():
    """(source path, path inside the plugin folder) for every file the plugin ships."""

    def walk(base: Path, target: str):
        for path in sorted(base.rglob("*")):
            if path.is_dir() or path.suffix in SKIP_SUFFIXES or SKIP_DIRS.intersection(path.parts):
                continue
            yield path, f"{target}/{path.relative_to(base).as_posix()}"

    yield from walk(ROOT / PLUGIN, "")
    yield from walk(ROOT / "resources", "resources")
    for qm in sorted((ROOT / "i18n").glob("*.qm")):
        yield qm, f"i18n/{qm.name}"
    yield ROOT / "metadata.txt", "metadata.txt"
    yield ROOT / "LICENSE", "LICENSE"


def _clean(rel: str) -> str:
    return rel.lstrip("/")


def build_zip(out: Path) -> Path:
    if not list((ROOT / "i18n").glob("*.qm")):
        sys.exit("error: no compiled translations in i18n/ — run `make translations` first")
    out.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for src, rel in plugin_files():
            zf.write(src, f"{PLUGIN}/{_clean(rel)}")
    print(f"{out} ({out.stat().st_size / 1e6:.1f} MB)")
    return out


def default_profiles_path() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "QGIS" / "QGIS3"


def deploy(profiles_path: Path, profile: str) -> Path:
    profile_dir = profiles_path / "profiles" / profile
    target = profile_dir / "python" / "plugins" / PLUGIN
    if target.exists():
        shutil.rmtree(target)
    for src, rel in plugin_files():
        dest = target / _clean(rel)
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(src, dest)
    enable_plugin(profile_dir / "QGIS" / "QGIS3.ini")
    print(f"deployed to {target}")
    return target


def enable_plugin(ini: Path) -> None:
    """Mark the plugin as enabled in the profile's settings (QGIS reads [PythonPlugins])."""
    ini.parent.mkdir(parents=True, exist_ok=True)
    cfg = configparser.RawConfigParser()
    cfg.optionxform = str
    if ini.exists():
        cfg.read(ini, encoding="utf-8")
    if not cfg.has_section("PythonPlugins"):
        cfg.add_section("PythonPlugins")
    cfg.set("PythonPlugins", PLUGIN, "true")
    with ini.open("w", encoding="utf-8") as fh:
        cfg.write(fh, space_around_delimiters=False)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, help="write the plugin ZIP here")
    ap.add_argument("--deploy", action="store_true", help="copy the plugin into a QGIS profile and enable it")
    ap.add_argument("--profiles-path", type=Path, default=None, help="QGIS profiles root (default: the user's QGIS3)")
    ap.add_argument("--profile", default="default")
    args = ap.parse_args(argv)
    if not args.out and not args.deploy:
        ap.error("give --out and/or --deploy")
    if args.out:
        build_zip(args.out)
    if args.deploy:
        deploy(args.profiles_path or default_profiles_path(), args.profile)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
