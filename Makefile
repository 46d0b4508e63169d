# Quick start: `make demo` (set up and analyse the bundled example), `make test` (set up and run the tests).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: demo test bench clean-venv

# setup.py and the C file: the compiled tokenizer scanner is rebuilt when its source changes
$(BIN)/marsad: pyproject.toml setup.py src/marsad/text/_scan.c
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,ray]'
	@touch $@

demo: $(BIN)/marsad
	$(BIN)/marsad show examples/port_expansion.txt

test: $(BIN)/marsad
	$(BIN)/python -m pytest -q

bench: $(BIN)/marsad
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	$(BIN)/python bench/clean.py
	$(BIN)/python bench/quantities_dates.py
	$(BIN)/python bench/statements.py
	$(BIN)/python bench/ner.py
	@echo "whole-crawl ingest (about 15 minutes): $(BIN)/python bench/ingest.py"

clean-venv:
	rm -rf $(VENV)
