# The two set-up commands: `make run` and `make test`. Both work on a machine with only Python.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
HOST ?= 127.0.0.1
PORT ?= 8000
WORKERS ?= 2
export DJANGO_SETTINGS_MODULE ?= hub.settings.dev

.PHONY: run serve test setup install install-dev lint format bench clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

# Reinstall only when the dependency list changes.
$(VENV)/.installed: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

## Set up (idempotent), print the demo logins, and serve on http://$(HOST):$(PORT)
run: setup
	$(PY) manage.py runserver $(HOST):$(PORT)

## The production configuration locally (gunicorn, DEBUG off, WhiteNoise, page cache) on PORT
serve: setup
	WORKERS=$(WORKERS) HOST=$(HOST) PORT=$(PORT) scripts/serve.sh

## Migrate and load the demo content without serving (used by run and by the benchmark)
setup: $(VENV)/.installed
	$(PY) manage.py compile_translations
	$(PY) manage.py migrate --noinput
	$(PY) manage.py bootstrap_hub
	$(PY) manage.py load_demo_content
	$(PY) manage.py demo_logins

## Install what the tests need, lint, then run the whole suite on PostgreSQL and on SQLite
test: $(VENV)/.installed-dev
	scripts/install-test-deps.sh
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	DJANGO_SETTINGS_MODULE=hub.settings.test $(PY) manage.py makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=hub.settings.test $(PY) manage.py compile_translations
	scripts/run-tests.sh $(PYTEST_ARGS)

## Search and catalogue latency at 1,000 and 100,000 pages on SQLite, PostgreSQL and the search
## engine (BENCH_ARGS="--sizes 1000 100000 --backends postgresql engine" to choose), the cost of
## refusing a picture bomb, and HTTP throughput of `make serve` against nginx (and
## BAKERYDEMO=path) -> docs/performance.md
bench: $(VENV)/.installed-dev
	scripts/install-test-deps.sh --bench
	HUB_SEARCH_ENGINE_JAVA_OPTS="-Xms1g -Xmx1g -XX:+UseSerialGC" \
		scripts/with-postgres.sh scripts/with-search-engine.sh $(PY) scripts/bench.py $(BENCH_ARGS)
	$(PY) scripts/bench_uploads.py
	$(PY) scripts/bench_http.py $(BENCH_HTTP_ARGS)

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: $(VENV)/.installed-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .test-media staticfiles
