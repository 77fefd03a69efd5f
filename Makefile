# Two commands do everything (see README.md, Quickstart):
#   make run    set up, generate the demo dataset, build the whole project on DuckDB, print a summary
#   make test   set up, lint, build and test on the CI dataset, run the Python test suite
# Both create .venv and install the locked dependencies when needed; only PyPI is reached.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
# Spark runs get a virtual environment of their own: with pyspark importable, Great Expectations imports
# pyspark.sql.connect, which exits in pytest's worker processes (it takes them for a doctest run)
SPARK_VENV := .venv-spark
SPARK_INSTALLED := $(SPARK_VENV)/.installed
# DuckDB 1.4, as BI tools bundle it, in a virtual environment of its own: the test of `lens export`'s files for
# BI tools opens them with it (a Python has one duckdb; the project's is 2.x)
BI_VENV := .venv-bi
BI_INSTALLED := $(BI_VENV)/.installed
# Playwright (requirements-browser.lock, a 51 MB wheel) goes into .venv only for make test-browser
BROWSER_INSTALLED := $(VENV)/.browser-installed
UV_VERSION := 0.13.9

.PHONY: run test test-postgres test-spark test-browser setup lint build-ci clean

run: $(INSTALLED)
	$(BIN)/lens run --preset demo

# LENS_REQUIRE_BI_VENV: the BI files test fails, rather than skips, without .venv-bi
test: $(INSTALLED) $(BI_INSTALLED)
	$(MAKE) --no-print-directory -j2 --output-sync=target lint build-ci
	LENS_REQUIRE_BI_VENV=1 $(BIN)/pytest -n 2 --dist loadfile
	@echo "The browser tests (marker browser) are not part of make test: make test-browser runs them."

# the lint gate, beside the CI build (each prints when it ends): sqlfluff's dbt templater gets a scratch
# database of its own, so the two never open the same DuckDB file
lint: $(INSTALLED)
	$(BIN)/lens lint --db target/lint/lint.duckdb

build-ci: $(INSTALLED)
	$(BIN)/lens run --preset ci
	$(BIN)/lens check --preset ci

# The engine runs (README, Run it on your warehouse): the ci dataset on a throwaway PostgreSQL cluster and in a
# local Spark session, built with every test, every mart and saved query compared with DuckDB's. The Spark
# tests run in two processes: a process's first Spark session fixes its metastore for the process's life.
test-postgres: $(INSTALLED)
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || { echo "make test-postgres needs the \
	PostgreSQL server binaries: install the Debian package postgresql (apt-get install postgresql)"; exit 1; }
	$(BIN)/pytest -rP -m postgres tests/python tests/engines/test_postgres.py

test-spark: $(SPARK_INSTALLED)
	@command -v java >/dev/null || { echo "make test-spark needs Java 17: install the Debian package \
	openjdk-17-jre-headless (apt-get install openjdk-17-jre-headless)"; exit 1; }
	$(SPARK_VENV)/bin/pytest -rP -m spark tests/python
	$(SPARK_VENV)/bin/pytest -rP -m spark tests/engines/test_spark.py

# The browser tests (README, Quickstart): pages of lens serve opened in Debian's Chromium, driven by Playwright.
# LENS_REQUIRE_CHROMIUM: they fail, rather than skip, without Chromium or Playwright.
test-browser: $(BROWSER_INSTALLED)
	@command -v $${DECISION_LENS_CHROMIUM:-chromium} >/dev/null || { echo "make test-browser needs Chromium: \
	install the Debian package chromium (apt-get install chromium) or set DECISION_LENS_CHROMIUM"; exit 1; }
	LENS_REQUIRE_CHROMIUM=1 $(BIN)/pytest -m browser tests/python

setup: $(INSTALLED)

# uv installs the lock (from PyPI, like pip) in seconds rather than a minute and a half
$(INSTALLED): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)
	$(BIN)/uv pip install --quiet --python $(BIN)/python -r requirements.lock
	$(BIN)/uv pip install --quiet --python $(BIN)/python --no-deps -e .
	touch $@

# the lock and pyspark (with its jars, 400 MB), for Spark runs only
$(SPARK_INSTALLED): requirements.lock requirements-spark.lock pyproject.toml $(INSTALLED)
	test -x $(SPARK_VENV)/bin/python || $(PYTHON) -m venv $(SPARK_VENV)
	$(BIN)/uv pip install --quiet --python $(SPARK_VENV)/bin/python -r requirements.lock -r requirements-spark.lock
	$(BIN)/uv pip install --quiet --python $(SPARK_VENV)/bin/python --no-deps -e .
	touch $@

# Playwright beside the lock (its browser is Debian's Chromium: playwright install is never run)
$(BROWSER_INSTALLED): requirements.lock requirements-browser.lock $(INSTALLED)
	$(BIN)/uv pip install --quiet --python $(BIN)/python -r requirements.lock -r requirements-browser.lock
	touch $@

# DuckDB 1.4 alone (a few seconds with uv)
$(BI_INSTALLED): requirements-bi.lock $(INSTALLED)
	test -x $(BI_VENV)/bin/python || $(PYTHON) -m venv $(BI_VENV)
	$(BIN)/uv pip install --quiet --python $(BI_VENV)/bin/python -r requirements-bi.lock
	touch $@

clean:
	rm -rf target logs data/ci data/demo
