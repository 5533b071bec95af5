#!/usr/bin/env bash
# Installs the front-end packages named in package.json / package-lock.json from the npm registry and
# copies the files the pages load into wwwroot/lib/ (git-ignored). Skips all of it when wwwroot/lib/
# was made from the same lock file and this same script.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
lib=wwwroot/lib
stamp="$lib/.stamp"
want="$(cat package.json "${BASH_SOURCE[0]}" $(ls package-lock.json 2>/dev/null) | sha256sum | cut -d' ' -f1)"
[ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && exit 0

command -v npm >/dev/null || {
  echo "web-assets.sh: npm is missing; installing nodejs and npm with apt" >&2
  sudo_cmd=(); [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq nodejs npm >&2
}
if [ -f package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error >&2
else
  npm install --no-audit --no-fund --loglevel=error >&2
fi

# npm install just wrote the lock file: the stamp covers it from now on.
want="$(cat package.json "${BASH_SOURCE[0]}" package-lock.json | sha256sum | cut -d' ' -f1)"
rm -rf "$lib"
mkdir -p "$lib/leaflet" "$lib/geoman" "$lib/fonts/files"
cp -r node_modules/leaflet/dist/leaflet.js node_modules/leaflet/dist/leaflet.css node_modules/leaflet/dist/images "$lib/leaflet/"
cp node_modules/@geoman-io/leaflet-geoman-free/dist/leaflet-geoman.min.js \
   node_modules/@geoman-io/leaflet-geoman-free/dist/leaflet-geoman.css "$lib/geoman/"
mkdir -p "$lib/swagger-ui" "$lib/html-to-image" "$lib/vectorgrid"
# leaflet.vectorgrid ships no LICENSE file: its licence (Beerware) and its bundled parts' licences are in its README.
cp node_modules/leaflet.vectorgrid/dist/Leaflet.VectorGrid.bundled.js "$lib/vectorgrid/"
cp node_modules/leaflet.vectorgrid/README.md "$lib/LICENSE.leaflet.vectorgrid"
cp node_modules/html-to-image/dist/html-to-image.js "$lib/html-to-image/"
cp node_modules/swagger-ui-dist/swagger-ui-bundle.js node_modules/swagger-ui-dist/swagger-ui.css "$lib/swagger-ui/"
font=node_modules/@fontsource/noto-sans-myanmar
cat "$font/400.css" "$font/700.css" > "$lib/fonts/noto-sans-myanmar.css"
cp "$font"/files/*-{400,700}-normal.woff2 "$font"/files/*-{400,700}-normal.woff "$lib/fonts/files/"
for f in node_modules/leaflet/LICENSE node_modules/@geoman-io/leaflet-geoman-free/LICENSE "$font/LICENSE" node_modules/swagger-ui-dist/LICENSE node_modules/html-to-image/LICENSE; do
  [ -f "$f" ] && cp "$f" "$lib/LICENSE.$(basename "$(dirname "$f")")"
done
echo "$want" > "$stamp"
echo "web-assets.sh: front-end libraries copied into $lib" >&2
