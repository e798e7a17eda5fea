# Two commands do all the set-up: `make run` serves the app, `make test` runs the suite.
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501
# pytest-xdist workers for the tests (CI and the dev machines have 2 cores); TEST_JOBS=0 runs them in one process (pdb).
TEST_JOBS ?= 2
ADDRESS ?= localhost

.PHONY: run test test-fast lint venv dev-deps init cluster

# The test runs keep pytest's rewritten test modules (and Python's bytecode) in __pycache__ (git ignores it) even
# where PYTHONDONTWRITEBYTECODE is set: each of the 2 workers otherwise rewrites every test module at each run (~3 s).
PYTEST := env -u PYTHONDONTWRITEBYTECODE $(BIN)/python -m pytest

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Our modules byte-compiled once at install, as pip does for a wheel (an editable install is not): a process started
# with PYTHONDONTWRITEBYTECODE set (this machine and CI have it) would otherwise compile them at every start
# (30 ms of `report --json`'s 260). A module edited afterwards is compiled again in memory, never read stale.
COMPILE = $(BIN)/python -m compileall -q -x '/(tests|bench|\.venv)/' resonance connectors queries pages app.py > /dev/null

# `pip install -e .` installs resonance, connectors and queries (pyproject.toml): no sys.path edits anywhere.
$(VENV)/.runtime: requirements.txt pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	$(BIN)/pip install --quiet --no-deps -e .
	$(COMPILE)
	touch $@

$(VENV)/.dev: requirements-dev.txt requirements.txt pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	$(BIN)/pip install --quiet --no-deps -e .
	$(COMPILE)
	touch $(VENV)/.runtime $@

venv: $(VENV)/.runtime

init: $(VENV)/.runtime
	$(BIN)/python -m resonance init

# Demo mode (no account yet) is chosen here explicitly, and only ever opens for loopback requests.
run: init
	RESONANCE_DEMO=1 $(BIN)/streamlit run app.py --server.port $(PORT) --server.address $(ADDRESS) --server.headless true --browser.gatherUsageStats false

# Several servers, one store (docs/deploy.md): a local PostgreSQL, two app servers (8501, 8502), a sync scheduler.
cluster: $(VENV)/.runtime
	PY=$(BIN)/python scripts/cluster.sh

lint: $(VENV)/.dev
	$(BIN)/ruff check .

# Everything: lint, unit, integration, app (AppTest), browser (Playwright), slow (fuzz, crash, concurrency, PDF).
# A test file stays on one worker (--dist loadfile): a module's served app or browser is started once. The tests
# marked serial (timings, lock timeouts) run afterwards in one process, with the CPU to themselves.
test: $(VENV)/.dev
	$(BIN)/ruff check .
	$(PYTEST) -q -n $(TEST_JOBS) --dist loadfile -m "not serial"
	$(PYTEST) -q -m serial

# The edit-and-check loop: unit and integration tests without the slow and browser ones. Their DuckLake runs (the
# store tests again on PostgreSQL, half the time) join when RESONANCE_TEST_PG is exported, as CI does for make test.
# No served app or browser here, so the tests are spread one by one and an idle worker takes over the other's queue
# (--dist worksteal): no worker waits at the end behind one long file.
FAST := not slow and not browser and not serial$(if $(RESONANCE_TEST_PG),, and not lake)
test-fast: $(VENV)/.dev
	$(PYTEST) -q -n $(TEST_JOBS) --dist worksteal -m "$(FAST)" tests/unit tests/integration
