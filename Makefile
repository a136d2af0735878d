# Two commands set everything up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: run test test-fast lint test-deps bench install clean constraints fuzz

# Reinstall whenever the project's metadata changes.
# Versions are pinned by constraints.txt (regenerate: make constraints) so every install is the tested one.
$(STAMP): pyproject.toml constraints.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c constraints.txt -e '.[dev]'
	touch $(STAMP)

constraints:
	$(PY) -m pip install --quiet -e '.[dev]'
	$(PY) -m pip freeze --exclude-editable > constraints.txt

install: $(STAMP)

run: $(STAMP)
	$(VENV)/bin/newsalert run --demo samples

# The shipped rules' gazetteer is built once and cached (~30 s on a new machine) before the tests start
# workers that would each build it.
# The suite mostly waits (workers starting and joining their group, stories resolving), so its files run in
# parallel processes, one per core (TEST_PROCESSES=0: one process); a file stays in one process, so its
# module-wide worker starts once, and each process has its own broker. Files are handed out in the order
# tests/conftest.py puts them (the long ones first), not by their number of tests.
TEST_PROCESSES ?= auto
test: $(STAMP) test-deps lint
	$(VENV)/bin/newsalert rules check rules
	$(PY) -m pytest -q --numprocesses $(TEST_PROCESSES) --dist loadfile --no-loadscope-reorder

# The tests that need no broker, process or outside tool: under a minute.
test-fast: $(STAMP)
	$(PY) -m pytest -q -m "not integration"

# ruff (lint and format) over everything, mypy --strict over streams/ (settings in pyproject.toml).
lint: $(STAMP)
	$(VENV)/bin/ruff check streams tests bench
	$(VENV)/bin/ruff format --check streams tests bench
	$(VENV)/bin/mypy

# Hypothesis at 20,000 examples per property, then each property coverage-guided (atheris) for FUZZ_SECONDS.
FUZZ_SECONDS ?= 60
fuzz: $(STAMP)
	NEWSALERT_FUZZ_EXAMPLES=20000 $(PY) -m pytest -q -k fuzz tests
	$(PY) -m tests.fuzz_guided --seconds $(FUZZ_SECONDS)

# Debian's Prometheus (promtool) and Alertmanager (amtool) for the deploy and Alertmanager tests, and
# Chromium with its driver for the board's browser test; installed once, and those tests are skipped
# only if this fails.
test-deps:
	@{ command -v promtool >/dev/null && command -v amtool >/dev/null; } || { \
	  SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	  $$SUDO apt-get update -qq >/dev/null && \
	  $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
	    prometheus prometheus-alertmanager >/dev/null; } || echo "test-deps: prometheus tools not installed"
	@{ command -v chromium >/dev/null && command -v chromedriver >/dev/null; } || { \
	  SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	  $$SUDO apt-get update -qq >/dev/null && \
	  $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
	    chromium chromium-driver >/dev/null; } || echo "test-deps: chromium not installed (the board's browser test is skipped)"

bench: $(STAMP)
	$(PY) -m bench

clean:
	rm -rf $(VENV) build *.egg-info
