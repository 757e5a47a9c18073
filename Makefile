# Two entry points, as the README's Snabbstart says:
#   make site  – set up on a fresh machine and build the example site into site/
#   make test  – set up everything the tests need and run the whole suite
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# Every install comes from the hash-locked files in requirements/, so each machine gets the
# exact versions the suite passed with. `make lock` updates them after pyproject.toml changes.
PIP := $(BIN)/python -m pip install --quiet --require-hashes
# The lock targets Python 3.11.2 (Debian bookworm, as in CI's container), the floor that
# every machine here meets, on Linux x86_64.
UV_COMPILE := $(BIN)/uv pip compile --quiet --generate-hashes --python-version 3.11.2 \
	--python-platform x86_64-unknown-linux-gnu --custom-compile-command "make lock"

.PHONY: site test lint serve audit bench bench-engines clean lock lock-upgrade

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# pip and setuptools (the build backend, used without build isolation) are locked too. The
# editable install's banner about a lenient install (the code runs from this folder, as
# intended) is silenced so that `make site` prints only what matters.
$(VENV)/.bootstrap: requirements/bootstrap.txt | $(BIN)/python
	$(PIP) -r requirements/bootstrap.txt
	@touch $@

$(BIN)/insyn: pyproject.toml requirements/runtime.txt $(VENV)/.bootstrap
	$(PIP) -r requirements/runtime.txt
	PYTHONWARNINGS="ignore:Editable installation" $(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	bash scripts/install-site-tools.sh
	@$(BIN)/python -m pip check >/dev/null || { $(BIN)/python -m pip check; \
	  echo "requirements/ stämmer inte med pyproject.toml: kör make lock och committa requirements/." >&2; exit 1; }
	@touch $@

$(VENV)/.test-deps: $(BIN)/insyn requirements/test.txt package.json
	$(PIP) -r requirements/test.txt
	bash scripts/install-test-tools.sh
	@touch $@

# After adding or changing a dependency in pyproject.toml: `make lock`, then commit
# requirements/. Versions already locked stay unless pyproject.toml rules them out;
# `make lock-upgrade` moves everything to the newest allowed version.
lock: $(VENV)/.bootstrap
	$(PIP) -r requirements/uv.txt
	$(UV_COMPILE) $(UPGRADE) requirements/bootstrap.in -o requirements/bootstrap.txt
	$(UV_COMPILE) $(UPGRADE) requirements/uv.in -o requirements/uv.txt
	$(UV_COMPILE) $(UPGRADE) pyproject.toml -o requirements/runtime.txt
	$(UV_COMPILE) $(UPGRADE) pyproject.toml --extra test -o requirements/test.txt

lock-upgrade:
	$(MAKE) lock UPGRADE=--upgrade

site: $(BIN)/insyn
	$(BIN)/insyn build --data data --out site

serve: $(BIN)/insyn
	$(BIN)/insyn serve --data data

# Lint (ruff) and strict types (mypy on generator/) first, then pip-audit via scripts/audit.py (a known
# vulnerability in the installed dependencies fails the run; an unreachable service only warns), so
# that pytest's summary is the last line printed. Two workers (pytest-xdist): each builds
# the session sites once, and the suite still ran in 138 s instead of 208 s on 2 cores. Work
# stealing: a worker that runs out takes tests from the other, so the slow ones (a minute
# each) do not leave one core idle at the end (461 s instead of 490 s).
test: $(VENV)/.test-deps lint
	$(BIN)/python scripts/audit.py
	$(BIN)/python -m pytest -n 2 --dist worksteal

lint: $(VENV)/.test-deps
	$(BIN)/ruff check generator tests scripts bench
	$(BIN)/mypy

audit: $(VENV)/.test-deps
	$(BIN)/python scripts/audit.py

# Figures, not a test: three dataset sizes built for real (bench/run.py); the first search is
# measured in chromium, so it needs the test tools. Takes several minutes; see bench/RESULTS.md.
bench: $(VENV)/.test-deps
	$(BIN)/python -m bench.run --markdown
	$(BIN)/python -m bench.rapport

# MkDocs and Zensical on the same pages (bench/engines.py): the example and the national size,
# about ten minutes. Zensical comes with the test tools.
bench-engines: $(VENV)/.test-deps
	$(BIN)/python -m bench.engines

clean:
	rm -rf $(VENV) site node_modules .pytest_cache
