#!/usr/bin/env bash
# Start the real QGIS desktop under Xvfb with a given profiles root and run scripts/desktop_check.py.
#   scripts/run_desktop.sh PROFILES_ROOT [PROFILE]      (env: ISRP_CODE (script in scripts/, default desktop_check.py), ISRP_RESULT, ISRP_SCREENSHOT, ISRP_OPEN_SAMPLE, ISRP_SHOW_MENU)
set -euo pipefail
root=$1; profile=${2:-default}
here=$(cd "$(dirname "$0")" && pwd)
ini="$root/profiles/$profile/QGIS/QGIS3.ini"
mkdir -p "$(dirname "$ini")"
# Quiet first start: no tips, no version check, no news feed.
cat >> "$ini" <<INI
[qgis]
checkVersion=false
showTips=false
allowVersionCheck=false
INI
export QT_QPA_PLATFORM=xcb
exec timeout 240 xvfb-run -a -s "-screen 0 1600x1000x24" \
  qgis --profiles-path "$root" --profile "$profile" --nologo --noversioncheck --code "$here/${ISRP_CODE:-desktop_check.py}"
