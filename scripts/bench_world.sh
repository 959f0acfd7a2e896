#!/usr/bin/env bash
# Build (if missing) the generated world of one scale on one database: used by `make bench`.
#   scripts/bench_world.sh SCALE sqlite|postgres   → prints the DATABASE_URL to use
set -euo pipefail
scale=$1 db=$2
name="scale_${scale//./_}"
mkdir -p var/bench
if [ "$db" = postgres ]; then
  base=${BENCH_PG:-postgres://postgres@127.0.0.1:5432}
  url="$base/govkpi_bench_$name"
  if ! psql "$base/postgres" -tAc "SELECT 1 FROM pg_database WHERE datname = 'govkpi_bench_$name'" | grep -q 1; then
    psql "$base/postgres" -qc "CREATE DATABASE govkpi_bench_$name ENCODING 'UTF8' TEMPLATE template0" >&2
    DATABASE_URL=$url .venv/bin/govkpi migrate -v0 >&2
    DATABASE_URL=$url .venv/bin/govkpi generate --scale "$scale" >&2
  else
    DATABASE_URL=$url .venv/bin/govkpi migrate -v0 >&2  # a world built before the latest migrations
  fi
else
  file="$PWD/var/bench/$name.sqlite3"
  url="sqlite:///$file"
  if [ ! -f "$file" ]; then
    DATABASE_URL="sqlite:///$file.part" .venv/bin/govkpi migrate -v0 >&2
    DATABASE_URL="sqlite:///$file.part" .venv/bin/govkpi generate --scale "$scale" >&2
    mv "$file.part" "$file"
  else
    DATABASE_URL="$url" .venv/bin/govkpi migrate -v0 >&2
  fi
fi
echo "$url"
