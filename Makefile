# Two commands do all set-up (each makes its own virtual environment in .venv/):
#   make serve   build the sample portal and preview it on http://127.0.0.1:8000
#                (another port: make serve PORT=8001); installs only what running needs
#   make test    lint (ruff), layer contracts (lint-imports), type-check (mypy), then run
#                the whole test suite (installs the test extras too); a test whose outside
#                tool is missing (Chromium, apache2, nginx...) is skipped, saying why,
#                unless CI=true, where every one is required
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8000

.PHONY: serve build test quick lint clean docs

$(BIN)/kampung: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.test-extras: $(BIN)/kampung
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

serve: $(BIN)/kampung
	$(BIN)/kampung serve --port $(PORT)

build: $(BIN)/kampung
	$(BIN)/kampung build

test: $(VENV)/.test-extras
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/mypy
	$(BIN)/python -m pytest

quick: $(VENV)/.test-extras
	$(BIN)/python -m pytest -m "not slow"

docs: $(BIN)/kampung
	$(BIN)/python -m kampung.render.reference > docs/en/templates.md

lint: $(VENV)/.test-extras
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/mypy

clean:
	rm -rf output .kampung-cache
