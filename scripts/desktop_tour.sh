#!/usr/bin/env bash
# Screenshots of the real QGIS desktop driving the plugin through the planning cycle.
#   scripts/desktop_tour.sh [OUT_DIR]     (default docs/img; the plugin is installed from a fresh ZIP
#                                          into a throw-away profile, the sample is copied there)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=$(realpath -m "${1:-$here/../docs/img}")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
/usr/bin/python3 "$here/package.py" --out "$work/isrp_plugin.zip" >/dev/null
plugins="$work/root/profiles/default/python/plugins"
mkdir -p "$plugins" "$work/root/profiles/default/QGIS" "$out"
/usr/bin/python3 -c "import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])" "$work/isrp_plugin.zip" "$plugins"
printf '[PythonPlugins]\nisrp_plugin=true\n' > "$work/root/profiles/default/QGIS/QGIS3.ini"
set +e  # QGIS's exit code says nothing about the tour; its JSON result does
env -u PYTHONPATH ISRP_CODE=desktop_tour.py ISRP_SHOTS="$out" ISRP_RESULT="$work/tour.json" \
  bash "$here/run_desktop.sh" "$work/root" >"$work/qgis.log" 2>&1
set -e
if ! grep -q '"ok": true' "$work/tour.json" 2>/dev/null; then
  echo "desktop tour failed:" >&2
  cat "$work/tour.json" >&2 2>/dev/null || tail -40 "$work/qgis.log" >&2
  exit 1
fi
cat "$work/tour.json"
