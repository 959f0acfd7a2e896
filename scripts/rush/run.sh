#!/usr/bin/env bash
# The deadline rush (docs/operations.md): every coordinator of a scale-1 world reports at once
# against PostgreSQL and gunicorn on 127.0.0.1, then every acknowledged write is checked.
#
#   RUSH_DB=govkpi_rush WORKERS=4 THREADS=4 RUN_TIME=5m bash scripts/rush/run.sh
#
# The database is made (migrate + generate --scale 1) only if it does not exist; KEEP_DB=0 drops
# it at the end. Traffic goes to the loopback address only; locust stops when every coordinator is
# done or after RUN_TIME, whichever comes first.
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=${BIN:-.venv/bin}
PG=${PG:-postgres://postgres@127.0.0.1:5432}
RUSH_DB=${RUSH_DB:-govkpi_rush}
WORKERS=${WORKERS:-4}
THREADS=${THREADS:-4}
RUN_TIME=${RUN_TIME:-5m}
OUT=${OUT:-var/rush}
export DATABASE_URL="$PG/$RUSH_DB" DB_CONN_MAX_AGE=${DB_CONN_MAX_AGE:-60} DJANGO_SETTINGS_MODULE=govkpi.settings
export GOVKPI_MEDIA_ROOT="$OUT/media" LOG_LEVEL=ERROR
# Production mode on plain HTTP over the loopback: a throwaway key, the HTTPS parts and rate limits off.
export SECRET_KEY="${SECRET_KEY:-$(python3 -c 'import secrets; print(secrets.token_urlsafe(50))')}"
export SECURE_SSL_REDIRECT=0 SECURE_COOKIES=0 SECURE_HSTS_SECONDS=0 RATE_LIMITS_ENABLED=0
mkdir -p "$OUT"

psql_admin() { psql "$PG/postgres" -qtAc "$1"; }
if [ -z "$(psql_admin "SELECT 1 FROM pg_database WHERE datname = '$RUSH_DB'")" ]; then
  echo "== making $RUSH_DB: migrate and generate --scale 1"
  psql_admin "CREATE DATABASE $RUSH_DB ENCODING 'UTF8' TEMPLATE template0"
  "$BIN/govkpi" migrate -v0
  "$BIN/govkpi" generate --scale 1 -v0
fi

echo "== preparing the round and the coordinators' tokens"
"$BIN/python" scripts/rush/prepare.py "$OUT/users.json"
USERS=$("$BIN/python" -c "import json,sys; print(len(json.load(open(sys.argv[1]))))" "$OUT/users.json")
: >"$OUT/acks.jsonl"

PORT=$("$BIN/python" -c "import socket; s=socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])")
"$BIN/gunicorn" govkpi.wsgi -b "127.0.0.1:$PORT" -w "$WORKERS" -k gthread --threads "$THREADS" \
  --timeout 120 --backlog 2048 --error-logfile "$OUT/gunicorn.log" &
GUNICORN=$!
trap 'kill $GUNICORN 2>/dev/null || true; wait $GUNICORN 2>/dev/null || true' EXIT
for _ in $(seq 60); do curl -fsS -o /dev/null "http://127.0.0.1:$PORT/api/v1/openapi.json" && break || sleep 1; done

echo "== rush: $USERS coordinators at once, $WORKERS gunicorn workers x $THREADS threads"
RUSH_USERS="$OUT/users.json" RUSH_ACKS="$OUT/acks.jsonl" "$BIN/locust" -f scripts/rush/locustfile.py --headless \
  -u "$USERS" -r "$USERS" --run-time "$RUN_TIME" --stop-timeout 30 --host "http://127.0.0.1:$PORT" \
  --csv "$OUT/locust" --only-summary --loglevel WARNING || true

kill $GUNICORN; wait $GUNICORN 2>/dev/null || true
trap - EXIT

echo "== the figures"
"$BIN/python" - "$OUT/locust_stats.csv" <<'EOF'
import csv, json, sys
rows = {r["Name"]: r for r in csv.DictReader(open(sys.argv[1]))}
total = rows["Aggregated"]
print(json.dumps({name: {"requests": int(r["Request Count"]), "failures": int(r["Failure Count"]),
                         "req_per_s": round(float(r["Requests/s"]), 1), "median_ms": r["50%"], "p95_ms": r["95%"],
                         "max_ms": round(float(r["Max Response Time"]))}
                  for name, r in rows.items()}, indent=1))
EOF
echo "== checking every acknowledged write"
"$BIN/python" scripts/rush/check.py "$OUT/acks.jsonl" --users "$OUT/users.json"
if [ "${KEEP_DB:-1}" = 0 ]; then psql_admin "DROP DATABASE $RUSH_DB WITH (FORCE)"; fi
