#!/usr/bin/env bash
# Makes a local PostgreSQL collect statement statistics for `npm run db:slow-queries`:
# adds pg_stat_statements to shared_preload_libraries (keeping what is listed) and restarts
# the server only when it was missing, then creates the extension. Safe to run again.
set -euo pipefail

url="${1:?usage: enable-pg-stat-statements.sh <admin database url>}"
psql_admin() { PGOPTIONS="-c client_min_messages=warning" psql "$url" -v ON_ERROR_STOP=1 -Atqc "$1"; }

current="$(psql_admin "SHOW shared_preload_libraries")"
if [[ ",${current// /}," != *",pg_stat_statements,"* ]]; then
  list=""
  IFS=',' read -ra libraries <<<"${current// /}"
  for library in "${libraries[@]}" pg_stat_statements; do
    [[ -n "$library" ]] && list+="${list:+, }'${library}'"
  done
  psql_admin "ALTER SYSTEM SET shared_preload_libraries = ${list}"
  version="$(ls /etc/postgresql)"
  echo "Restarting PostgreSQL ${version} to load pg_stat_statements"
  pg_ctlcluster --skip-systemctl-redirect "$version" main restart
  for _ in $(seq 1 30); do
    pg_isready -q -d "$url" && break
    sleep 1
  done
fi
psql_admin "CREATE EXTENSION IF NOT EXISTS pg_stat_statements"
echo "pg_stat_statements: $(psql_admin "SHOW shared_preload_libraries")"
