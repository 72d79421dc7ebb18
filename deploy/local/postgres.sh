#!/usr/bin/env bash
# Starts (or stops) a throwaway PostgreSQL cluster on loopback for trying the scale-out setup:
#   deploy/local/postgres.sh start DIR PORT   -> prints the JDBC URL
#   deploy/local/postgres.sh stop DIR
# Debian's server binaries (apt-get install postgresql); as root, the cluster runs as "postgres"
# (initdb refuses root). Default settings, fsync on: what the measurements in docs/scale-out.md use.
set -euo pipefail
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
case "${1:-}" in
  start)
    dir=$2 port=$3
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$dir"
    if [ ! -f "$dir/data/PG_VERSION" ]; then
      as_postgres "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C >/dev/null
    fi
    as_postgres "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
      -o "-p $port -c listen_addresses=127.0.0.1 -k $dir -c max_connections=300" start >/dev/null
    as_postgres "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -qtc "CREATE DATABASE camelot" postgres >/dev/null 2>&1 || true
    echo "jdbc:postgresql://127.0.0.1:$port/camelot"
    ;;
  stop)
    as_postgres "$bin/pg_ctl" -D "$2/data" -m fast stop
    ;;
  *)
    echo "usage: $0 start DIR PORT | stop DIR" >&2
    exit 2
    ;;
esac
