#!/usr/bin/env bash
# Runs every test against real PostGIS: starts (installing when missing) the private cluster of
# scripts/postgis.sh unless SEGEO_TEST_POSTGRES already names a server; the browser tests also need
# the npm packages (scripts/web-assets.sh) and Chromium, the export tests GDAL and QGIS; installed here when missing.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

if [ -z "${SEGEO_TEST_POSTGRES:-}" ]; then
  cs="$(scripts/postgis.sh | tail -n 1)"
  export SEGEO_TEST_POSTGRES="${cs/Database=segeo/Database=postgres}"
fi
# The pages' modules pass ESLint (eslint.config.mjs; it also installs the npm packages the browser tests load).
scripts/lint-web.sh
# The browser tests drive Debian's Chromium (Playwright's own browser download is not used); downloads are
# read back with GDAL's own tools (ogrinfo, ogr2ogr, validate_gpkg.py from python3-gdal).
missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v ogr2ogr >/dev/null || missing+=(gdal-bin)
[ -f /usr/lib/python3/dist-packages/osgeo_utils/samples/validate_gpkg.py ] || missing+=(python3-gdal)
# QGIS reads the OGC collections and GeoPackages too: headless qgis.core (its recommends, the desktop, are not needed).
lean=()
[ -d /usr/lib/python3/dist-packages/qgis/core ] || lean+=(python3-qgis)
if [ $(( ${#missing[@]} + ${#lean[@]} )) -gt 0 ]; then
  echo "test.sh: installing ${missing[*]} ${lean[*]} with apt" >&2
  sudo_cmd=(); [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get update -qq >&2
  [ ${#missing[@]} -eq 0 ] || DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${missing[@]}" >&2
  [ ${#lean[@]} -eq 0 ] || DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${lean[@]}" >&2
fi

# Every package exactly as the lock files (packages.lock.json) say: a drifted version fails here, not later.
dotnet restore SeGeoCatalogue.sln --locked-mode
dotnet test SeGeoCatalogue.sln --no-restore --logger "console;verbosity=normal" "$@"
