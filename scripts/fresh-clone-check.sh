#!/usr/bin/env bash
# Proves the README's serve command works on a fresh clone with nothing beside it: clones this checkout into an
# empty temporary folder (no ../shared), runs scripts/serve.sh there on a free port against a new, empty database
# of the PostGIS cluster of scripts/postgis.sh, and fails unless /health reports the shipped boundaries
# (7 states, 79 townships, 2,578 village-tract units) and the demo catalogue answers /api/datasets.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
log() { echo "fresh-clone-check: $*" >&2; }

server="$("$root/scripts/postgis.sh" | tail -n 1)"
db="segeo_fresh_$$"
export PGPASSWORD=segeo
pg_port="$(echo "$server" | sed -E 's/.*Port=([0-9]+).*/\1/')"
psql -h 127.0.0.1 -p "$pg_port" -U segeo -d postgres -qc "CREATE DATABASE $db" >/dev/null

work="$(mktemp -d)"
port="$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
pid=""
cleanup() {
  [ -n "$pid" ] && kill -- -"$pid" 2>/dev/null || true
  sleep 1
  psql -h 127.0.0.1 -p "$pg_port" -U segeo -d postgres -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

git clone -q "$root" "$work/segeo"
[ ! -e "$work/shared" ] || { log "a folder sits beside the clone"; exit 1; }
log "serving the clone in $work/segeo on port $port"
(
  cd "$work/segeo"
  export ConnectionStrings__Catalogue="${server/Database=segeo/Database=$db}" SEGEO_PORT="$port"
  unset SEGEO_BOUNDARIES_DIR
  exec setsid scripts/serve.sh >"$work/serve.log" 2>&1
) &
pid=$!

url="http://127.0.0.1:$port"
for _ in $(seq 1 300); do
  curl -fs "$url/health" -o "$work/health.json" 2>/dev/null && break
  kill -0 "$pid" 2>/dev/null || { log "the service stopped"; tail -n 40 "$work/serve.log" >&2; exit 1; }
  sleep 1
done
[ -s "$work/health.json" ] || { log "no healthy /health within 300 s"; tail -n 40 "$work/serve.log" >&2; exit 1; }
curl -fs "$url/api/datasets" -o "$work/datasets.json" || { log "/api/datasets failed"; exit 1; }

node - "$work/health.json" "$work/datasets.json" <<'JS'
const fs = require("fs");
const units = JSON.parse(fs.readFileSync(process.argv[2])).units;
const datasets = JSON.parse(fs.readFileSync(process.argv[3]));
const want = { state: 7, township: 79, "village-tract": 2578 };
const wrong = Object.entries(want).filter(([level, n]) => units[level] !== n);
const records = datasets.total ?? datasets.items?.length ?? 0;
if (wrong.length) { console.error("fresh-clone-check: /health units", JSON.stringify(units), "expected", JSON.stringify(want)); process.exit(1); }
if (!(records > 0)) { console.error("fresh-clone-check: the demo catalogue is empty:", JSON.stringify(datasets).slice(0, 300)); process.exit(1); }
console.error(`fresh-clone-check: ok — units ${JSON.stringify(units)}, ${records} public demo records`);
JS
