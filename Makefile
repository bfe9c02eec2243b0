# Entretemps: `make run` serves the portal from a bare clone, `make test` passes the whole suite.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export FLASK_APP := wsgi.py
TRANSLATIONS := portal/translations

.PHONY: run setup compile lint test test-fast catalogues vendor bench load production production-check chromium db demo clean

run: setup db demo
	$(BIN)/flask run --host 127.0.0.1 --port 5000

setup: $(VENV)/.installed compile

$(VENV)/.installed: requirements.lock
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else "Python 3.11 is needed (set PYTHON=python3.11).")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.lock
	touch $@

# Compiled catalogues are built, not committed.
compile: $(VENV)/.installed
	@$(BIN)/pybabel -q compile -d $(TRANSLATIONS)

db: setup
	$(BIN)/flask db upgrade

demo: setup
	$(BIN)/flask demo load

# Extract the messages of code and templates and bring the catalogues up to date.
catalogues: $(VENV)/.installed
	$(BIN)/pybabel -q extract -F babel.cfg -k _l -k lazy_gettext -k ngettext:1,2 --no-location --sort-output \
		--no-wrap --project=Entretemps -o $(TRANSLATIONS)/messages.pot portal calls occupancies
	$(BIN)/pybabel -q update -N --no-wrap --ignore-obsolete --ignore-pot-creation-date -i $(TRANSLATIONS)/messages.pot -d $(TRANSLATIONS)

chromium:
	@if [ ! -x /usr/bin/chromium ]; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
		else \
			echo "The browser tests need Debian's chromium: run 'sudo apt-get install chromium'."; exit 1; \
		fi; \
	fi

# ruff (pyflakes, import order, bugbear, pyupgrade, lines of 120) and the layers (import-linter): see
# docs/architecture.md. Both are pinned in requirements.lock.
lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/lint-imports --no-cache

# The suite runs in one process per core (pytest-xdist; TEST_WORKERS=0 runs it in this process): each has its own
# app, its own SQLite files or PostgreSQL database, its own queue on Redis (tests/support/fixtures.py). A worker
# that has finished takes tests from the other's queue (worksteal): the long journeys no longer leave one idle.
TEST_WORKERS ?= auto
PYTEST_RUN = $(BIN)/python -m pytest -q -n $(TEST_WORKERS) --dist worksteal

test: setup chromium
	$(PYTEST_RUN) $(PYTEST_ARGS)

# Everything but the browser journeys, for a quick loop.
test-fast: setup
	$(PYTEST_RUN) -m "not browser" $(PYTEST_ARGS)

vendor:
	bash scripts/vendor.sh

bench: setup
	$(BIN)/python scripts/bench

# Pages under concurrent clients (wrk) beside a bare Flask floor, on a PostgreSQL database it makes and drops: see
# scripts/load. Needs PostgreSQL (PGHOST…, or LOAD_POSTGRES), Debian's wrk and nginx (installed when missing, as root).
load: setup
	$(BIN)/python scripts/load

# What production runs (gunicorn, RQ workers and their cron, nginx), in the foreground: see scripts/production.
# Needs DATABASE_URL (PostgreSQL), REDIS_URL, SECRET_KEY and BASE_URL.
production: setup
	$(BIN)/python scripts/production

# Two web processes and two workers side by side on a database of its own, behind nginx (.ci/run runs it).
production-check: setup
	$(BIN)/python scripts/production --check

clean:
	rm -rf $(VENV) instance .pytest_cache
