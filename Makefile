# Quick start: `make demo` (set up and analyse the bundled example), `make test` (set up and run the tests).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: demo test bench clean-venv

$(BIN)/marsad: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,ray]'
	@touch $@

demo: $(BIN)/marsad
	$(BIN)/marsad show examples/port_expansion.txt

test: $(BIN)/marsad
	$(BIN)/python -m pytest -q

bench: $(BIN)/marsad
	$(BIN)/python bench/clean.py

clean-venv:
	rm -rf $(VENV)
