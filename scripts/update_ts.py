#!/usr/bin/env python3
"""Refresh i18n/isrp_de.ts from the sources and fill in pending German translations.

1. pylupdate5 collects every translatable string of isrp_plugin/**/*.py and resources/ui/*.ui
   into i18n/isrp_de.ts (existing translations are kept; new strings are "unfinished").
2. Translations written as JSON in i18n/pending/*.json ({"Context": {"English": "Deutsch"}})
   are filled into matching unfinished entries; the JSON files are removed once all of their
   entries were used.
3. Prints what is still unfinished. `make translations` (lrelease) builds the .qm file.
"""

import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TS = ROOT / "i18n" / "isrp_de.ts"
PENDING = ROOT / "i18n" / "pending"


def sources():
    files = sorted(p for p in (ROOT / "isrp_plugin").rglob("*.py") if "__pycache__" not in p.parts)
    files += sorted((ROOT / "resources" / "ui").glob("*.ui"))
    return [str(p.relative_to(ROOT)) for p in files]


def run_pylupdate(ts: Path) -> None:
    subprocess.run(["pylupdate5", "-noobsolete", *sources(), "-ts", str(ts)], cwd=ROOT, check=True)


def unfinished(ts: Path):
    """(context, source) of every message without a finished translation."""
    tree = ET.parse(ts)
    out = []
    for ctx in tree.getroot().iter("context"):
        name = ctx.findtext("name")
        for msg in ctx.iter("message"):
            tr = msg.find("translation")
            if tr is None or tr.get("type") == "unfinished" or not (tr.text or "").strip():
                out.append((name, msg.findtext("source")))
    return out


def fill(ts: Path, mapping: dict) -> set:
    """Fill unfinished entries from {context: {source: translation}}; returns the keys that are now in place."""
    tree = ET.parse(ts)
    used = set()
    for ctx in tree.getroot().iter("context"):
        name = ctx.findtext("name")
        table = mapping.get(name, {})
        for msg in ctx.iter("message"):
            src = msg.findtext("source")
            tr = msg.find("translation")
            if src not in table or tr is None:
                continue
            if tr.get("type") == "unfinished" or not (tr.text or "").strip():
                tr.text = table[src]
                tr.attrib.pop("type", None)
                used.add((name, src))
            elif tr.text == table[src]:
                used.add((name, src))  # already filled by an earlier run
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    return used


def main() -> int:
    run_pylupdate(TS)
    for path in sorted(PENDING.glob("*.json")):
        mapping = json.loads(path.read_text(encoding="utf-8"))
        used = fill(TS, mapping)
        wanted = {(c, s) for c, table in mapping.items() for s in table}
        left = wanted - used
        if left:
            print(f"{path.name}: {len(left)} entries did not match an unfinished string (kept the file):")
            for c, s in sorted(left)[:20]:
                print(f"  [{c}] {s!r}")
        else:
            path.unlink()
            print(f"{path.name}: all {len(used)} translations filled, file removed")
    todo = unfinished(TS)
    for c, s in todo:
        print(f"unfinished: [{c}] {s!r}")
    print(f"{len(todo)} unfinished")
    return 0 if not todo else 1


if __name__ == "__main__":
    sys.exit(main())
