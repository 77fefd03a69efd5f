# Two commands do everything (see README.md, Quickstart):
#   make run    set up, generate the demo dataset, build the whole project on DuckDB, print a summary
#   make test   set up, lint, build and test on the CI dataset, run the Python test suite
# Both create .venv and install the locked dependencies when needed; only PyPI is reached.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
UV_VERSION := 0.13.9

.PHONY: run test setup lint build-ci clean

run: $(INSTALLED)
	$(BIN)/lens run --preset demo

test: $(INSTALLED)
	$(MAKE) --no-print-directory -j2 --output-sync=target lint build-ci
	$(BIN)/pytest -n 2 --dist loadfile

# the lint gate, beside the CI build (each prints when it ends): sqlfluff's dbt templater gets a scratch
# database of its own, so the two never open the same DuckDB file
lint: $(INSTALLED)
	$(BIN)/lens lint --db target/lint/lint.duckdb

build-ci: $(INSTALLED)
	$(BIN)/lens run --preset ci
	$(BIN)/lens check --preset ci

setup: $(INSTALLED)

# uv installs the lock (from PyPI, like pip) in seconds rather than a minute and a half
$(INSTALLED): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)
	$(BIN)/uv pip install --quiet --python $(BIN)/python -r requirements.lock
	$(BIN)/uv pip install --quiet --python $(BIN)/python --no-deps -e .
	touch $@

clean:
	rm -rf target logs data/ci data/demo
