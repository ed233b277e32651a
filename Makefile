# Two commands do all set-up (each makes its own virtual environment in .venv/):
#   make serve   build the sample portal into output/ and serve it on http://127.0.0.1:8000
#   make test    run the whole test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: serve build test quick lint clean docs

$(BIN)/kampung: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

serve: $(BIN)/kampung
	$(BIN)/kampung build
	$(BIN)/kampung serve

build: $(BIN)/kampung
	$(BIN)/kampung build

test: $(BIN)/kampung
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

quick: $(BIN)/kampung
	$(BIN)/python -m pytest -m "not slow"

docs: $(BIN)/kampung
	$(BIN)/python -m kampung.render.reference > docs/en/templates.md

lint: $(BIN)/kampung
	$(BIN)/ruff check .

clean:
	rm -rf output .kampung-cache
