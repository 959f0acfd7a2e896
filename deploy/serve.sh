#!/usr/bin/env bash
# `make serve`: the production stack on this machine, in the foreground (Ctrl-C stops it all).
#   PostgreSQL (SERVE_DB) → migrate → collectstatic → [the demo] → the task worker + gunicorn,
#   every log a JSON line on stdout. Plain HTTP on 127.0.0.1:SERVE_PORT, so the HTTPS redirect and
#   Secure cookies are turned off here explicitly; behind the TLS proxy (deploy/nginx) they are on.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-.venv/bin}
SERVE_DB=${SERVE_DB:-postgres://postgres@127.0.0.1:5432/govkpi_serve}
SERVE_PORT=${SERVE_PORT:-8080}
SERVE_DEMO=${SERVE_DEMO:-1}
SERVE_VAR=${SERVE_VAR:-var/serve}
mkdir -p "$SERVE_VAR"

# A real secret, made once and kept out of the repository and of the process list.
if [ -z "${SECRET_KEY:-}" ] && [ -z "${SECRET_KEY_FILE:-}" ]; then
  [ -s "$SERVE_VAR/secret_key" ] || (umask 077 && "$BIN/python" -c "import secrets; print(secrets.token_urlsafe(64))" >"$SERVE_VAR/secret_key")
  export SECRET_KEY_FILE="$SERVE_VAR/secret_key"
fi
export DATABASE_URL="$SERVE_DB" DEBUG=0 GOVKPI_VAR_DIR="$PWD/$SERVE_VAR" DJANGO_SETTINGS_MODULE=govkpi.settings
export ALLOWED_HOSTS="${ALLOWED_HOSTS:-127.0.0.1,localhost}" DB_CONN_MAX_AGE="${DB_CONN_MAX_AGE:-60}"
export SECURE_SSL_REDIRECT=0 SECURE_COOKIES=0 SECURE_HSTS_SECONDS=0  # plain HTTP on the loopback only
export PROMETHEUS_MULTIPROC_DIR="$PWD/$SERVE_VAR/prometheus"
rm -rf "$PROMETHEUS_MULTIPROC_DIR" && mkdir -p "$PROMETHEUS_MULTIPROC_DIR"

log() { printf '{"time": "%s", "level": "INFO", "logger": "serve", "message": "%s"}\n' "$(date -u +%FT%T.000Z)" "$1"; }

# PostgreSQL: the cluster must be up; the database is made (UTF-8) if missing.
db_name=${SERVE_DB##*/}
admin_url=${SERVE_DB%/*}/postgres
if ! psql "$admin_url" -qtAc "SELECT 1" >/dev/null 2>&1; then
  log "PostgreSQL is not answering at ${SERVE_DB%/*}: start it (pg_ctlcluster 15 main start)"
  exit 1
fi
if [ -z "$(psql "$admin_url" -qtAc "SELECT 1 FROM pg_database WHERE datname = '$db_name'")" ]; then
  log "creating database $db_name"
  psql "$admin_url" -qc "CREATE DATABASE $db_name ENCODING 'UTF8' TEMPLATE template0"
fi

log "migrate"; "$BIN/govkpi" migrate --noinput -v0
"$BIN/govkpi" createcachetable  # the shared cache table when CACHE_URL=db; nothing otherwise
log "collectstatic"; "$BIN/govkpi" collectstatic --noinput -v0
if [ "$SERVE_DEMO" = 1 ]; then log "loading the demo world"; "$BIN/govkpi" loaddemo -v0; fi

pids=()
stop() { trap - EXIT INT TERM; kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; }
trap stop EXIT INT TERM
"$BIN/govkpi" db_worker --interval 1 &
pids+=($!)
"$BIN/gunicorn" -c deploy/gunicorn.conf.py ${WORKERS:+--workers "$WORKERS"} -b "127.0.0.1:$SERVE_PORT" &
pids+=($!)
log "serving http://127.0.0.1:$SERVE_PORT (gunicorn pid ${pids[1]}, task worker pid ${pids[0]})"
wait -n "${pids[@]}"
