# govkpi: `make run` serves the demo on http://127.0.0.1:8000 (`make run PORT=8001` for another port);
# `make test` runs every check.
SHELL := /bin/bash
# uv: the one on PATH or in ~/.local/bin, else one of our own in a bootstrap virtual environment
# (var/bootstrap), made with the distribution's python3: pip --user is refused by PEP 668 on Debian.
UV := $(or $(shell command -v uv 2>/dev/null),$(wildcard $(HOME)/.local/bin/uv),$(CURDIR)/var/bootstrap/bin/uv)
VENV := .venv
BIN := $(VENV)/bin
PG_URL ?= postgres://postgres@127.0.0.1:5432/govkpi
# Both cores: the suite (browser, fuzz, access matrix, backup round trips) takes twice as long on one.
PYTEST_PARALLEL ?= -n 2 --dist loadscope

.PHONY: install run serve serve-check fuzz worker test test-fast test-postgres test-browser lint typecheck messages vendor bench bench-all bench-demo rush clean

$(CURDIR)/var/bootstrap/bin/uv:
	@echo "govkpi: no uv found; making var/bootstrap with $$(command -v python3) to hold it"
	@python3 -m venv var/bootstrap || { echo "govkpi: 'python3 -m venv' failed: install python3-venv (Debian: apt-get install python3-venv)"; exit 1; }
	var/bootstrap/bin/python -m pip install --quiet --disable-pip-version-check uv

install: $(UV)
	$(UV) sync --frozen --quiet
	@mkdir -p var

# Development: DEBUG=1 (the development SECRET_KEY, plain HTTP). Production: `make serve`.
# PORT picks another port when 8000 is taken: `make run PORT=8001`.
PORT ?= 8000
run: install
	DEBUG=1 $(BIN)/govkpi migrate --noinput
	DEBUG=1 $(BIN)/govkpi loaddemo
	@DEBUG=1 $(BIN)/govkpi demo_logins
	@echo "govkpi: starting the task worker and the server on http://127.0.0.1:$(PORT)"
	@trap 'kill 0' EXIT; DEBUG=1 $(BIN)/govkpi db_worker --interval 1 >var/worker.log 2>&1 & \
	  DEBUG=1 $(BIN)/govkpi runserver 127.0.0.1:$(PORT)

# The production stack on this machine (docs/operations.md): PostgreSQL, migrate, collectstatic,
# gunicorn with workers sized to the cores, the task worker, JSON logs on stdout. SERVE_DEMO=0 skips the demo.
SERVE_DB ?= postgres://postgres@127.0.0.1:5432/govkpi_serve
SERVE_PORT ?= 8080
SERVE_DEMO ?= 1
serve: install
	SERVE_DB=$(SERVE_DB) SERVE_PORT=$(SERVE_PORT) SERVE_DEMO=$(SERVE_DEMO) bash deploy/serve.sh

# The deployment test alone: starts `make serve` in a scratch database and drives it with chromium.
serve-check: install
	GOVKPI_DEPLOYMENT_TEST=1 $(BIN)/pytest tests/deploy -m deployment -p no:randomly -s

# The release fuzz campaign (docs/fuzzing.md): 20 examples per operation per role, 0 server errors.
FUZZ_EXAMPLES ?= 20
fuzz: install
	GOVKPI_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/pytest -m fuzz -p no:randomly $(PYTEST_PARALLEL)

lint: install
	$(BIN)/ruff check src tests benchmarks scripts
	$(BIN)/ruff format --check src tests benchmarks scripts

typecheck: install
	$(BIN)/mypy

test: install lint typecheck
	DEBUG=1 $(BIN)/govkpi makemigrations --check --dry-run
	$(BIN)/pytest $(PYTEST_PARALLEL)

test-fast: install
	$(BIN)/pytest -m "not browser"

test-browser: install
	$(BIN)/pytest -m browser

test-postgres: install
	DATABASE_URL=$(PG_URL) $(BIN)/pytest $(PYTEST_PARALLEL)

messages: install
	cd src/govkpi && DEBUG=1 ../../$(BIN)/govkpi makemessages -l en --no-obsolete -i "demo/data/*"
	$(BIN)/python scripts/translate_en.py
	cd src/govkpi && DEBUG=1 ../../$(BIN)/govkpi compilemessages -l en

vendor:
	rm -rf var/npm && mkdir -p var/npm && cp package.json var/npm/ && cd var/npm && npm install --silent
	cp var/npm/node_modules/htmx.org/dist/htmx.min.js src/govkpi/web/static/vendor/htmx/
	cp var/npm/node_modules/echarts/dist/echarts.min.js src/govkpi/web/static/vendor/echarts/
	mkdir -p src/govkpi/web/static/vendor/axe
	cp var/npm/node_modules/axe-core/axe.min.js var/npm/node_modules/axe-core/LICENSE src/govkpi/web/static/vendor/axe/

# `make bench`: the national suite (benchmarks/suite.py) on a generated world, built first if missing.
# SCALE=1|10|100, DB=sqlite|postgres (PostgreSQL: database govkpi_bench_scale_N on 127.0.0.1).
# `make bench-all` runs scales 1, 10 and 100 on both (long: not part of CI); `make bench-demo`
# runs the older single-purpose scripts against the demo world.
SCALE ?= 1
DB ?= sqlite
bench bench-all bench-demo: export DEBUG ?= 1
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

# The deadline rush: 1,024 coordinators against PostgreSQL and two gunicorn instances; the server's own
# p50/p95/max per route in var/rush/summary.json (docs/operations.md). Not part of `make test`.
rush: install
	bash scripts/rush/run.sh

clean:
	rm -rf var .pytest_cache .mypy_cache .ruff_cache
