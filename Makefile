# govkpi: `make run` serves the demo on http://127.0.0.1:8000; `make test` runs every check.
SHELL := /bin/bash
UV := $(shell command -v uv 2>/dev/null || echo $(HOME)/.local/bin/uv)
VENV := .venv
BIN := $(VENV)/bin
PG_URL ?= postgres://postgres@127.0.0.1:5432/govkpi
# Both cores: the suite (browser, fuzz, access matrix, backup round trips) takes twice as long on one.
PYTEST_PARALLEL ?= -n 2 --dist loadscope

.PHONY: install run serve worker test test-fast test-postgres test-browser lint typecheck messages vendor bench bench-all bench-demo rush clean

$(UV):
	python3 -m pip install --quiet --user uv || python3 -m pip install --quiet uv

install: $(UV)
	$(UV) sync --frozen --quiet
	@mkdir -p var

run: install
	$(BIN)/govkpi migrate --noinput
	$(BIN)/govkpi loaddemo
	@$(BIN)/govkpi demo_logins
	@echo "govkpi: starting the task worker and the server on http://127.0.0.1:8000"
	@trap 'kill 0' EXIT; DEBUG=1 $(BIN)/govkpi db_worker --interval 1 >var/worker.log 2>&1 & \
	  DEBUG=1 $(BIN)/govkpi runserver 127.0.0.1:8000

lint: install
	$(BIN)/ruff check src tests benchmarks scripts
	$(BIN)/ruff format --check src tests benchmarks scripts

typecheck: install
	$(BIN)/mypy

test: install lint typecheck
	$(BIN)/govkpi makemigrations --check --dry-run
	$(BIN)/pytest $(PYTEST_PARALLEL)

test-fast: install
	$(BIN)/pytest -m "not browser"

test-browser: install
	$(BIN)/pytest -m browser

test-postgres: install
	DATABASE_URL=$(PG_URL) $(BIN)/pytest $(PYTEST_PARALLEL)

messages: install
	cd src/govkpi && ../../$(BIN)/govkpi makemessages -l en --no-obsolete -i "demo/data/*"
	$(BIN)/python scripts/translate_en.py
	cd src/govkpi && ../../$(BIN)/govkpi compilemessages -l en

vendor:
	rm -rf var/npm && mkdir -p var/npm && cp package.json var/npm/ && cd var/npm && npm install --silent
	cp var/npm/node_modules/htmx.org/dist/htmx.min.js src/govkpi/web/static/vendor/htmx/
	cp var/npm/node_modules/echarts/dist/echarts.min.js src/govkpi/web/static/vendor/echarts/

# `make bench`: the national suite (benchmarks/suite.py) on a generated world, built first if missing.
# SCALE=1|10|100, DB=sqlite|postgres (PostgreSQL: database govkpi_bench_scale_N on 127.0.0.1).
# `make bench-all` runs scales 1, 10 and 100 on both (long: not part of CI); `make bench-demo`
# runs the older single-purpose scripts against the demo world.
SCALE ?= 1
DB ?= sqlite
REPEAT ?= 20
bench: install
	@url=$$(scripts/bench_world.sh $(SCALE) $(DB)) && \
	  DATABASE_URL=$$url $(BIN)/python benchmarks/suite.py --scale $(SCALE) --repeat $(REPEAT) \
	    --json var/bench/suite-$(DB)-$(SCALE).json 2>&1 | tee var/bench/suite-$(DB)-$(SCALE).txt

bench-all: install
	@for scale in 1 10 100; do for db in sqlite postgres; do \
	  $(MAKE) --no-print-directory bench SCALE=$$scale DB=$$db || exit 1; done; done

BENCH_DB := var/bench/demo.sqlite3
bench-demo: install
	@mkdir -p var/bench
	@test -f $(BENCH_DB) || (DATABASE_URL=sqlite:///$(CURDIR)/$(BENCH_DB) $(BIN)/govkpi migrate -v0 && \
	  DATABASE_URL=sqlite:///$(CURDIR)/$(BENCH_DB) $(BIN)/govkpi loaddemo -v0)
	@for script in benchmarks/bench_*.py; do \
	  echo "== $$script"; \
	  DATABASE_URL=sqlite:///$(CURDIR)/$(BENCH_DB) $(BIN)/python $$script || exit 1; \
	done 2>&1 | tee var/bench/report.txt

# The deadline rush against PostgreSQL and gunicorn (docs/operations.md); not part of `make test`.
rush: install
	bash scripts/rush/run.sh

clean:
	rm -rf var .pytest_cache .mypy_cache .ruff_cache
