# Quick start: `make` sets up .venv on first use and builds every edition of
# every publication; `make test` sets up and runs the whole test suite.
# After set-up, `.venv/bin/doit` (or `doit` with .venv activated) is the everyday command.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed

.DEFAULT_GOAL := all
.PHONY: all test setup clean

all: setup
	$(BIN)/doit

test: setup
	$(BIN)/pytest

setup: $(INSTALLED)

# Reinstalled whenever the lock file changes: the editions' bytes depend on these versions.
$(INSTALLED): requirements.lock
	@$(PYTHON) -m publish.system_check
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	@touch $@

clean:
	rm -rf build
