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
dotnet build src/SeGeoCatalogue -c Release -v quiet -nologo
echo "SeGeoCatalogue: starting at $url (the first start imports the boundaries)"
exec dotnet run --project src/SeGeoCatalogue -c Release --no-build -- --urls "$url" "$@"
