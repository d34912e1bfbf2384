# The Qingdao channel CMS. `make` lists the targets.
PYTHON ?= python3.11
PORT ?= 8000
VENV := .venv
PY := $(VENV)/bin/python
# Reinstall only when a requirements file changes.
STAMP := $(VENV)/.installed
# The admin's compiled translation catalogues (see the catalogues target).
CATALOGUES := $(patsubst %.po,%.mo,$(wildcard locale/*/LC_MESSAGES/*.po))

.DEFAULT_GOAL := help
.PHONY: help run test lint format clean screenshots

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | expand -t 12

$(PY):
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "需要 Python 3.11 ($(PYTHON)); set PYTHON=/path/to/python3.11"; exit 1; }
	$(PYTHON) -m venv $(VENV)

$(STAMP): $(PY) requirements/base.txt requirements/dev.txt requirements/production.txt
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements/dev.txt
	touch $(STAMP)

run: $(STAMP) $(CATALOGUES)  ## set up SQLite, import seeds/, create the admin and demo logins, serve on 127.0.0.1:$(PORT) with the scheduler
	$(PY) manage.py migrate --noinput
	@# The word check's starter list first, so the imported edition is checked against it.
	$(PY) manage.py load_word_list
	$(PY) manage.py import_edition seeds/
	$(PY) manage.py create_local_admin --port $(PORT)
	@# The scheduler (定时发布) runs every minute beside the server and is stopped when the server exits.
	@( while true; do $(PY) manage.py publish_scheduled; sleep 60; done ) & scheduler=$$!; \
	trap 'kill $$scheduler 2>/dev/null' EXIT INT TERM; \
	echo "定时发布 / scheduler: publish_scheduled every minute; health: http://127.0.0.1:$(PORT)/health/scheduler"; \
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

# The admin's Chinese: each locale/ .po compiled to the .mo Django reads, in Python (polib; no GNU
# gettext needed), whenever the .po changes. The .mo files are not in git, so they never drift.
.PHONY: catalogues
catalogues: $(CATALOGUES)  ## compile locale/*.po into the .mo files the admin reads

$(CATALOGUES): %.mo: %.po | $(STAMP)
	$(PY) manage.py compile_catalogues && touch $@

# axe-core (npm, pinned in package-lock.json) for the browser tests' accessibility checks.
# Without npm the browser tests skip locally (and fail in CI, where STRICT_SYSTEM_PARTS=1).
node_modules/.installed: package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund --silent && touch $@; \
	else echo "npm not found: install Node.js + npm for the browser accessibility checks"; fi

test: $(STAMP) node_modules/.installed $(CATALOGUES)  ## run the whole test suite (DATABASE_URL=postgres://… to use PostgreSQL)
	$(PY) -m pytest

screenshots: $(STAMP) node_modules/.installed  ## regenerate docs/screenshots/ (home and article, phone and desktop) in Chromium
	SCREENSHOTS_DIR=docs/screenshots $(PY) -m pytest tests/site/test_browser.py -k lead_story -q

lint: $(STAMP)  ## ruff lint and format check
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(STAMP)  ## apply ruff's fixes and formatting
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

clean:  ## remove the virtualenv and the local SQLite database
	rm -rf $(VENV) db.sqlite3
