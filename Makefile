# Two entry points, as the README's Snabbstart says:
#   make site  – set up on a fresh machine and build the example site into site/
#   make test  – set up everything the tests need and run the whole suite
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: site test lint serve audit bench clean

$(BIN)/insyn: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	@touch $@

$(VENV)/.test-deps: $(BIN)/insyn pyproject.toml package.json
	$(BIN)/pip install --quiet -e '.[test]'
	bash scripts/install-test-tools.sh
	@touch $@

site: $(BIN)/insyn
	$(BIN)/insyn build --data data --out site

serve: $(BIN)/insyn
	$(BIN)/insyn serve --data data

# Lint (ruff) and strict types (mypy on generator/) first, then pip-audit via scripts/audit.py (a known
# vulnerability in the installed dependencies fails the run; an unreachable service only warns), so
# that pytest's summary is the last line printed. Two workers (pytest-xdist): each builds
# the session sites once, and the suite still ran in 138 s instead of 208 s on 2 cores.
test: $(VENV)/.test-deps lint
	$(BIN)/python scripts/audit.py
	$(BIN)/python -m pytest -n 2

lint: $(VENV)/.test-deps
	$(BIN)/ruff check generator tests scripts
	$(BIN)/mypy

audit: $(VENV)/.test-deps
	$(BIN)/python scripts/audit.py

# Figures, not a test: three dataset sizes built for real (bench/run.py); the first search is
# measured in chromium, so it needs the test tools. Takes several minutes; see bench/RESULTS.md.
bench: $(VENV)/.test-deps
	$(BIN)/python -m bench.run --markdown

clean:
	rm -rf $(VENV) site node_modules .pytest_cache
