#!/usr/bin/env bash
# Runs every test against real PostGIS: starts (installing when missing) the private cluster of
# scripts/postgis.sh unless SEGEO_TEST_POSTGRES already names a server.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

if [ -z "${SEGEO_TEST_POSTGRES:-}" ]; then
  cs="$(scripts/postgis.sh | tail -n 1)"
  export SEGEO_TEST_POSTGRES="${cs/Database=segeo/Database=postgres}"
fi
[ -x scripts/web-assets.sh ] && scripts/web-assets.sh

dotnet test SeGeoCatalogue.sln --logger "console;verbosity=normal" "$@"
