#!/usr/bin/env bash
# Issue 10, item 6 figures: times 10 dataset features over HTTP (OGC), the GeoJSON export of the catalogue, and
# footprint_links for a 50,000-vertex disc against a 5-vertex box of the same extent, in PostGIS.
# Usage: scripts/measure-expensive-work.sh [base-url] [connection-string]; the service must be running with the
# demo catalogue (scripts/serve.sh does both).
set -euo pipefail
base="${1:-http://127.0.0.1:5080}"
cs="${2:-Host=127.0.0.1;Port=55432;Database=segeo;Username=segeo;Password=segeo}"
field() { echo "$cs" | tr ';' '\n' | sed -n "s/^$1=//p"; }

for route in "/ogc/collections/datasets/items?limit=10" "/api/datasets/export?f=geojson"; do
  curl -s -o /dev/null "$base$route" # warm-up
  for _ in 1 2 3 4 5; do curl -s -o /dev/null -w "%{time_total}\n" "$base$route"; done |
    sort -n | awk -v r="$route" '{t[NR]=$1} END {printf "%-45s median %.2f s (of %d)\n", r, t[int((NR+1)/2)], NR}'
done

disc="ST_Multi(ST_Buffer(ST_SetSRID(ST_MakePoint(97.7, 16.6), 4326), 0.3, 12500))"
PGPASSWORD="$(field Password)" psql -h "$(field Host)" -p "$(field Port)" -U "$(field Username)" -d "$(field Database)" -qAt <<SQL
\timing on
SELECT 'footprint_links, 50,001-vertex disc: ' || count(*) || ' units' FROM footprint_links($disc, 0.05);
SELECT 'footprint_links, box of the same extent: ' || count(*) || ' units' FROM footprint_links(ST_Multi(ST_Envelope($disc)), 0.05);
SQL
