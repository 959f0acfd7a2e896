#!/usr/bin/env bash
# The deadline rush (docs/operations.md): every coordinator of a generated world reports at once
# against PostgreSQL and two app instances (two gunicorn processes on two loopback ports sharing the
# database and the cache), then every acknowledged write is checked and the server's own timing of
# every request is summarised (var/rush/summary.json).
#
#   RUSH_DB=govkpi_rush SCALE=3.2 INSTANCES=2 WORKERS=2 THREADS=2 RUN_TIME=20m bash scripts/rush/run.sh
#
# The database is made (migrate + generate --scale SCALE --years YEARS: 3.2 gives 1,024
# coordinators) only if it does not exist; KEEP_DB=0 drops it at the end. Traffic goes to the
# loopback address only; locust stops when every coordinator is done or after RUN_TIME, whichever
# comes first. WORKERS x THREADS is per instance; COORDINATORS=N takes only the first N (a quick try).
set -euo pipefail
# The whole script is read before it runs (main at the end): editing it mid-run changes nothing.
main() {
cd "$(dirname "$0")/../.."
BIN=${BIN:-.venv/bin}
PG=${PG:-postgres://postgres@127.0.0.1:5432}
RUSH_DB=${RUSH_DB:-govkpi_rush}
SCALE=${SCALE:-3.2}
YEARS=${YEARS:-2}
INSTANCES=${INSTANCES:-2}
WORKERS=${WORKERS:-2}
THREADS=${THREADS:-2}
RUN_TIME=${RUN_TIME:-20m}
OUT=${OUT:-var/rush}
export DATABASE_URL="$PG/$RUSH_DB" DB_CONN_MAX_AGE=${DB_CONN_MAX_AGE:-60} DJANGO_SETTINGS_MODULE=govkpi.settings
# One line per request from the app itself (logger govkpi.requests), nothing else below ERROR.
export GOVKPI_MEDIA_ROOT="$OUT/media" LOG_LEVEL=ERROR LOG_FORMAT=json LOG_REQUESTS=1
# Production mode on plain HTTP over the loopback: a throwaway key, the HTTPS parts and rate limits off.
export SECRET_KEY="${SECRET_KEY:-$(python3 -c 'import secrets; print(secrets.token_urlsafe(50))')}"
export SECURE_SSL_REDIRECT=0 SECURE_COOKIES=0 SECURE_HSTS_SECONDS=0 RATE_LIMITS_ENABLED=0
# The API serves no static files: WhiteNoise need not warn that collectstatic was not run.
export PYTHONWARNINGS="ignore:No directory at:UserWarning"
# One cache for both instances (docs/deploy-scaling.md): Redis when the redis package is installed,
# else the database's cache table. Sessions are in the database already.
if [ -z "${CACHE_URL:-}" ]; then
  if "$BIN/python" -c "import redis" 2>/dev/null; then CACHE_URL=redis://127.0.0.1:6379/5; else CACHE_URL=db; fi
fi
export CACHE_URL
mkdir -p "$OUT"

psql_admin() { psql "$PG/postgres" -qtAc "$1"; }
if [ -z "$(psql_admin "SELECT 1 FROM pg_database WHERE datname = '$RUSH_DB'")" ]; then
  echo "== making $RUSH_DB: migrate and generate --scale $SCALE --years $YEARS"
  psql_admin "CREATE DATABASE $RUSH_DB ENCODING 'UTF8' TEMPLATE template0"
  "$BIN/govkpi" migrate -v0
  "$BIN/govkpi" generate --scale "$SCALE" --years "$YEARS" -v0
else
  "$BIN/govkpi" migrate -v0  # a world made before the latest migrations
fi
if [ "$CACHE_URL" = db ]; then "$BIN/govkpi" createcachetable; fi

echo "== preparing the round and the coordinators' tokens"
"$BIN/python" scripts/rush/prepare.py "$OUT/users.json" --limit "${COORDINATORS:-0}"
USERS=$("$BIN/python" -c "import json,sys; print(len(json.load(open(sys.argv[1]))))" "$OUT/users.json")
: >"$OUT/acks.jsonl"
rm -f "$OUT"/app-*.log "$OUT"/gunicorn-*.log "$OUT/check.json" "$OUT/summary.json"

PIDS=() HOSTS=() LOGS=()
stop_servers() { for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
                 for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done; }
trap stop_servers EXIT
for n in $(seq "$INSTANCES"); do
  PORT=$("$BIN/python" -c "import socket; s=socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])")
  # stdout: the app's JSON lines (one per request); gunicorn's own messages go to gunicorn-N.log
  "$BIN/gunicorn" govkpi.wsgi -b "127.0.0.1:$PORT" -w "$WORKERS" -k gthread --threads "$THREADS" \
    --timeout 120 --backlog 2048 --error-logfile "$OUT/gunicorn-$n.log" >>"$OUT/app-$n.log" &
  PIDS+=($!) HOSTS+=("http://127.0.0.1:$PORT") LOGS+=("$OUT/app-$n.log")
done
for host in "${HOSTS[@]}"; do
  for _ in $(seq 60); do curl -fsS -o /dev/null "$host/healthz" && break || sleep 1; done
done
for log in "${LOGS[@]}"; do : >"$log"; done  # (appended to, so emptying is safe) the warm-up's requests are not the rush's

echo "== rush: $USERS coordinators at once on $INSTANCES instances (${HOSTS[*]}), each $WORKERS gunicorn workers x $THREADS threads, cache $CACHE_URL"
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
RUSH_USERS="$OUT/users.json" RUSH_ACKS="$OUT/acks.jsonl" RUSH_HOSTS=$(IFS=,; echo "${HOSTS[*]}") \
  "$BIN/locust" -f scripts/rush/locustfile.py --headless \
  -u "$USERS" -r "$USERS" --run-time "$RUN_TIME" --stop-timeout 30 --host "${HOSTS[0]}" \
  --csv "$OUT/locust" --only-summary --loglevel WARNING || true
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

stop_servers
trap - EXIT

echo "== checking every acknowledged write"
"$BIN/python" scripts/rush/check.py "$OUT/acks.jsonl" --users "$OUT/users.json" >"$OUT/check.json" || true
echo "== the figures (server-side, from the app's own request log): $OUT/summary.json"
SETUP=$(printf '{"coordinators": %s, "instances": %s, "workers": %s, "threads": %s, "cache": "%s", "database": "%s", "load_average_before": "%s", "load_average_after": "%s", "cores": %s}' \
  "$USERS" "$INSTANCES" "$WORKERS" "$THREADS" "$CACHE_URL" "$RUSH_DB" "$LOAD_BEFORE" "$LOAD_AFTER" "$(nproc)")
STATUS=0
"$BIN/python" scripts/rush/summary.py --logs "${LOGS[@]}" --acks "$OUT/acks.jsonl" --check "$OUT/check.json" \
  --out "$OUT/summary.json" --extra "$SETUP" || STATUS=$?
if [ "${KEEP_DB:-1}" = 0 ]; then psql_admin "DROP DATABASE $RUSH_DB WITH (FORCE)"; fi
exit $STATUS
}
main "$@"
