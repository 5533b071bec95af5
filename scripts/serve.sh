#!/usr/bin/env bash
# Gets SeGeoCatalogue running: private PostGIS cluster (installed with apt when missing), build,
# migrations and boundary import at start-up, then serves at http://127.0.0.1:${SEGEO_PORT:-5080}.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

export ConnectionStrings__Catalogue="${ConnectionStrings__Catalogue:-$(scripts/postgis.sh | tail -n 1)}"
[ -x scripts/web-assets.sh ] && scripts/web-assets.sh
url="http://127.0.0.1:${SEGEO_PORT:-5080}"
# Plain http on this machine: session cookies cannot be HTTPS-only here (see Accounts/AccountOptions.cs).
export Accounts__SecureCookies="${Accounts__SecureCookies:-false}"
# A local curator, unless you name your own.
export SEGEO_ADMIN_EMAIL="${SEGEO_ADMIN_EMAIL:-curator@demo.segeo}"
export SEGEO_ADMIN_PASSWORD="${SEGEO_ADMIN_PASSWORD:-demo-curator-password}"
dotnet build src/SeGeoCatalogue -c Release -v quiet -nologo
# The demo catalogue on an empty catalogue (SEGEO_DEMO=0 to skip): records marked [Demo] and a demo member.
if [ "${SEGEO_DEMO:-1}" != 0 ]; then
  dotnet run --project src/SeGeoCatalogue -c Release --no-build -- seed-demo --if-empty 2>&1 | grep -E '^Demo' || true
fi
echo "SeGeoCatalogue: starting at $url — sign in as curator $SEGEO_ADMIN_EMAIL (password from SEGEO_ADMIN_PASSWORD)"
exec dotnet run --project src/SeGeoCatalogue -c Release --no-build -- --urls "$url" "$@"
