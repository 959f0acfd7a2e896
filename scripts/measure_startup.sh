#!/usr/bin/env bash
# The figure "startup of the production stack from a fresh clone until the first page answers":
# clone this repository into a scratch folder, run `make serve` there on a new PostgreSQL
# database, and time until GET / answers 200. Everything is removed afterwards.
#   bash scripts/measure_startup.sh            (PG=postgres://postgres@127.0.0.1:5432)
set -euo pipefail
cd "$(dirname "$0")/.."
PG=${PG:-postgres://postgres@127.0.0.1:5432}
scratch=$(mktemp -d)
db="govkpi_startup_$$"
port=$(python3 -c "import socket; s=socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])")
git clone -q . "$scratch/govkpi"
start=$(date +%s.%N)
cd "$scratch/govkpi"
setsid make serve SERVE_DB="$PG/$db" SERVE_PORT="$port" >"$scratch/serve.log" 2>&1 &
group=$!  # setsid: make leads its own process group, so the whole stack stops together
cd - >/dev/null
for _ in $(seq 1200); do
  curl -fsS -o /dev/null "http://127.0.0.1:$port/" 2>/dev/null && break
  sleep 0.5
done
end=$(date +%s.%N)
code=$(curl -s -o /dev/null -w "%{http_code}" "http://127.0.0.1:$port/")
kill -TERM -- "-$group" 2>/dev/null || true
wait "$group" 2>/dev/null || true
psql "$PG/postgres" -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)"
printf '{"first_page_status": %s, "seconds_from_fresh_clone": %.1f}\n' "$code" "$(echo "$end - $start" | bc)"
rm -rf "$scratch"
