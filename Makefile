# Two commands for a new machine: `make run` (try the product) and `make test` (run the tests).
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1:8000

# Django 6 needs Python 3.12 or newer: take the first interpreter that really runs and is new enough
# (pyenv shims exist for versions that are not selected, so each candidate is executed, not just found).
PYTHON ?= $(shell for c in python3.13 python3.12 python3 $$HOME/.pyenv/versions/3.13*/bin/python3 $$HOME/.pyenv/versions/3.12*/bin/python3; do \
	if $$c -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1; then command -v $$c || echo $$c; break; fi; done)

.PHONY: run test audit venv migrate messages lint clean bench bench-bulk

$(VENV)/.installed: pyproject.toml
	@if [ -z "$(PYTHON)" ]; then \
		echo "iprgov needs Python 3.12 or newer (Django 6). Install python3.13 or python3.12 and try again." >&2; exit 1; fi
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $@

venv: $(VENV)/.installed

# Compiled catalogues (.mo) are build output: made here from the committed .po files.
messages: venv
	@if ! ls locale/*/LC_MESSAGES/*.po >/dev/null 2>&1; then echo "No translation catalogues in locale/."; \
	elif command -v msgfmt >/dev/null; then $(PY) manage.py compilemessages --ignore '$(VENV)' -v 0; \
	else echo "gettext (msgfmt) is not installed: pages are shown in English only." >&2; fi

migrate: venv
	$(PY) manage.py migrate --no-input -v 0

run: export DJANGO_DEBUG ?= true
# Links in emails and on pages name the host actually served: `make run HOST=192.168.1.20:8000`.
run: export IPRGOV_SITE_URL ?= http://$(HOST)
run: export DJANGO_ALLOWED_HOSTS ?= $(firstword $(subst :, ,$(HOST))),127.0.0.1,localhost
run: messages migrate
	$(PY) manage.py seed_demo --base-url http://$(HOST)
	$(PY) manage.py runserver $(HOST)

# Tests run on real PostgreSQL and Redis (routing tests start a real Celery worker); these are the defaults.
# scripts/db-roles.sh makes the database roles (as the superuser of DATABASE_URL): tests connect as the
# application role to show what it cannot do.
test: export DJANGO_DEBUG ?= true
test: export DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/iprgov
test: export CELERY_BROKER_URL ?= redis://127.0.0.1:6379/15
test: messages
	scripts/db-roles.sh "$${DATABASE_URL%/*}/postgres"
	$(PY) manage.py makemigrations --check --dry-run -v 1
	$(PY) -m pytest $(PYTEST_ARGS)

# Benchmarks (bench/) print their figures on a database of their own. `make bench` is the scale run of
# bench/scale.py (`make bench BENCH_ARGS="--cases 1000000"`: load, serve with gunicorn beside a floor, drive,
# a real worker routing what is filed; it makes <name>_scale next to DATABASE_URL and drops it at the end);
# `make bench-bulk` runs only the bulk filing of bench/bulk_filing.py (made here when missing).
bench: export DJANGO_DEBUG ?= true
bench: export DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/iprgov_bench
bench: export CELERY_BROKER_URL ?= redis://127.0.0.1:6379/14
bench: venv
	$(PY) bench/scale.py $(BENCH_ARGS)

bench-bulk: export DJANGO_DEBUG ?= true
bench-bulk: export DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/iprgov_bench
bench-bulk: venv
	@psql "$${DATABASE_URL%/*}/postgres" -tAc "SELECT 1 FROM pg_database WHERE datname = '$${DATABASE_URL##*/}'" | grep -q 1 \
		|| psql "$${DATABASE_URL%/*}/postgres" -qc "CREATE DATABASE \"$${DATABASE_URL##*/}\""
	$(PY) manage.py migrate --no-input -v 0
	$(PY) bench/bulk_filing.py $(BENCH_ARGS)

# Lint, formatting, types and the arrows between apps (pyproject.toml: [tool.ruff], [tool.mypy], [tool.importlinter]).
# mypy's Django plugin loads the settings, which want a SECRET_KEY unless DEBUG is on.
lint: export DJANGO_DEBUG ?= true
lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy .
	$(VENV)/bin/lint-imports

# Known vulnerabilities in the installed dependencies (pip-audit) and high-severity findings in our code
# (bandit); warns when PyPI's vulnerability data cannot be reached (see .ci/audit).
audit: venv
	VENV=$(VENV) .ci/audit

clean:
	rm -rf $(VENV) db.sqlite3 media staticfiles
