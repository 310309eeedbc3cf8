# ConvTrace: `make run` serves the app; `make test` installs what the tests need and runs them all.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
CHROMIUM ?= /usr/bin/chromium

.PHONY: run test install install-test system-deps node-deps lint format bench fuzz clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install --quiet -e .

install-test: $(BIN)/python
	$(BIN)/pip install --quiet -e ".[test]"

# Debian's packages the tests use: Chromium (Playwright's own browser download does not work
# offline), redis-server (class sessions across workers) and nginx (the hosting tests).
SYSTEM_PACKAGES := chromium redis-server nginx
system-deps:
	@missing=""; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	command -v redis-server >/dev/null || missing="$$missing redis-server"; \
	command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing="$$missing nginx"; \
	if [ -n "$$missing" ]; then \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -q && $$SUDO apt-get install -y -q $$missing; \
	fi

# Biome (frontend lint + format) and axe-core (accessibility checks in the browser tests).
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

node-deps: node_modules/.installed

run: install
	$(BIN)/convtrace serve

test: install-test system-deps node-deps lint
	$(BIN)/python -m pytest

lint: install-test node-deps
	$(BIN)/ruff check server tests bench
	$(BIN)/ruff format --check server tests bench
	$(BIN)/mypy
	npx --no-install biome ci frontend

format: install-test node-deps
	$(BIN)/ruff check --fix server tests bench
	$(BIN)/ruff format server tests bench
	npx --no-install biome check --write frontend

bench: install-test
	$(BIN)/python -m bench.trace
	$(BIN)/python -m bench.train
	$(BIN)/python -m bench.http

# The schema fuzzer against a real server on loopback, far longer than the suite's run.
fuzz: install-test
	FUZZ_EXAMPLES=$${FUZZ_EXAMPLES:-300} $(BIN)/python -m pytest -q tests/api/test_fuzz.py

clean:
	rm -rf $(VENV) node_modules build dist *.egg-info .pytest_cache
