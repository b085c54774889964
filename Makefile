# Quick start: `make` sets up .venv on first use and builds every edition of
# every publication; `make test` sets up and runs the whole test suite.
# After set-up, `.venv/bin/doit` (or `doit` with .venv activated) is the everyday command.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
BROWSER_TOOLS := tests/browser
BROWSER_INSTALLED := $(BROWSER_TOOLS)/node_modules/.installed

.DEFAULT_GOAL := all
.PHONY: all test setup clean mutation

all: setup
	$(BIN)/doit

# The test files shared out among one worker a core (pytest-xdist); each worker builds the fixtures it needs.
test: setup $(BROWSER_INSTALLED)
	$(BIN)/pytest -n auto --dist loadfile

setup: $(INSTALLED)

# Reinstalled whenever the lock file changes: the editions' bytes depend on these versions.
$(INSTALLED): requirements.lock
	@$(PYTHON) -m publish.system_check
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	@touch $@

# Test-only tools for the HTML edition (Nu HTML Checker, axe-core, playwright-core), pinned by the lock file.
$(BROWSER_INSTALLED): $(BROWSER_TOOLS)/package.json $(BROWSER_TOOLS)/package-lock.json
	@command -v npm >/dev/null || { echo "make: npm is missing (make test needs Node.js and npm): install them, e.g. 'sudo apt-get install nodejs npm'" >&2; exit 1; }
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error --prefix $(BROWSER_TOOLS)
	@touch $@

# Mutation testing (not part of `make test`; about two hours on 2 cores): see tests/mutation/run.py.
mutation: setup
	$(BIN)/python tests/mutation/run.py

clean:
	rm -rf build
