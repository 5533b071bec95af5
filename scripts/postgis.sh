#!/usr/bin/env bash
# Runs a private PostgreSQL + PostGIS cluster for SeGeoCatalogue in .pgdata/ (git-ignored) on
# 127.0.0.1:$SEGEO_PG_PORT (default 55432). Installs PostgreSQL and PostGIS with apt when they
# are missing, reuses a running cluster, starts a stopped one, never touches a system cluster.
# Progress goes to stderr; the last line on stdout is the connection string.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
port="${SEGEO_PG_PORT:-55432}"
data="${SEGEO_PG_DATA:-$root/.pgdata}"
db=segeo user=segeo password=segeo

log() { echo "postgis.sh: $*" >&2; }

find_bin() {
  local v
  for v in $(ls /usr/lib/postgresql 2>/dev/null | sort -rn); do
    if [ "$v" -ge 15 ] && [ -x "/usr/lib/postgresql/$v/bin/pg_ctl" ] &&
       ls "/usr/share/postgresql/$v/extension/postgis.control" >/dev/null 2>&1; then
      echo "/usr/lib/postgresql/$v/bin"; return 0
    fi
  done
  return 1
}

if ! bin="$(find_bin)"; then
  log "installing PostgreSQL and PostGIS with apt"
  sudo_cmd=(); [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq >&2
  "${sudo_cmd[@]}" apt-get install -y -qq postgresql postgresql-postgis postgresql-client >&2
  bin="$(find_bin)" || { log "PostgreSQL 15+ with PostGIS 3 is still missing after apt-get install"; exit 1; }
fi

# PostgreSQL refuses to run as root: as root, the cluster belongs to the 'postgres' system user.
as_owner() { "$@"; }
if [ "$(id -u)" -eq 0 ]; then
  id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
  if ! runuser -u postgres -- test -x "$(dirname "$data")"; then
    # The checkout sits where 'postgres' cannot reach (e.g. under /root): keep the cluster outside it.
    data="/var/tmp/segeo-pgdata-$(echo "$root" | md5sum | cut -c1-8)"
    log "the checkout is not reachable by the postgres user; using $data"
  fi
  as_owner() { runuser -u postgres -- "$@"; }
fi

if [ ! -s "$data/PG_VERSION" ]; then
  log "creating a private cluster in $data"
  mkdir -p "$data"
  [ "$(id -u)" -ne 0 ] || chown postgres: "$data"
  chmod 700 "$data"
  pwfile="$(mktemp)"; echo "$password" > "$pwfile"; chmod 644 "$pwfile"
  as_owner "$bin/initdb" -D "$data" -U "$user" --pwfile="$pwfile" --auth=scram-sha-256 \
    --encoding=UTF8 --locale=C.UTF-8 >&2
  rm -f "$pwfile"
  cat >> "$data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = ''
shared_buffers = 512MB
work_mem = 32MB
maintenance_work_mem = 256MB
max_connections = 200
fsync = ${SEGEO_PG_FSYNC:-on}
CONF
fi

if as_owner "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
  log "cluster already running in $data"
else
  log "starting the cluster on 127.0.0.1:$port"
  as_owner "$bin/pg_ctl" -D "$data" -l "$data/server.log" -w -t 60 start >&2 ||
    { log "could not start; see $data/server.log"; tail -n 20 "$data/server.log" >&2 || true; exit 1; }
fi

export PGPASSWORD="$password"
psql_q() { psql -h 127.0.0.1 -p "$port" -U "$user" -d postgres -v ON_ERROR_STOP=1 -tAc "$1"; }
for _ in $(seq 1 30); do psql_q "select 1" >/dev/null 2>&1 && break; sleep 1; done
[ "$(psql_q "select 1 from pg_database where datname = '$db'")" = 1 ] || psql_q "create database $db" >/dev/null

echo "Host=127.0.0.1;Port=$port;Database=$db;Username=$user;Password=$password"
