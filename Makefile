# ConvTrace: `make run` serves the app; `make test` installs what the tests need and runs them all.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
CHROMIUM ?= /usr/bin/chromium

.PHONY: run test install install-test chromium lint bench fuzz clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install --quiet -e .

install-test: $(BIN)/python
	$(BIN)/pip install --quiet -e ".[test]"

# Debian's Chromium for the browser tests (Playwright's own browser download does not work offline).
chromium:
	@if [ ! -x $(CHROMIUM) ]; then \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -q && $$SUDO apt-get install -y -q chromium; \
	fi

run: install
	$(BIN)/convtrace serve

test: install-test chromium
	$(BIN)/python -m pytest

lint: install-test
	$(BIN)/ruff check server tests bench

bench: install-test
	$(BIN)/python bench/trace.py
	$(BIN)/python bench/train.py
	$(BIN)/python bench/http.py

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache
