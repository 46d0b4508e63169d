# Quick start: `make demo` (set up and analyse the bundled example), `make test` (set up and run the tests).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip install --quiet

.PHONY: demo test test-ray dist-check bench clean-venv

# Each stamp is one install into the same virtualenv: the package alone (what the demo needs), then the test
# extra, then Ray for its own tests. setup.py and the C file: the compiled tokenizer scanner is rebuilt when its
# source changes.
$(VENV)/.base: pyproject.toml setup.py src/marsad/text/_scan.c
	$(PYTHON) -m venv $(VENV)
	$(PIP) --upgrade pip
	$(PIP) -e .
	@touch $@

$(VENV)/.test: $(VENV)/.base
	$(PIP) -e '.[test]'
	@touch $@

$(VENV)/.ray: $(VENV)/.test
	$(PIP) -e '.[test,ray]'
	@touch $@

demo: $(VENV)/.base
	$(BIN)/marsad show examples/port_expansion.txt

test: $(VENV)/.test
	$(BIN)/python -m pytest -q

# the Ray executor's tests (they skip, with the reason, in `make test`, which does not install Ray)
test-ray: $(VENV)/.ray
	$(BIN)/python -m pytest -q tests/run

# build the sdist and the wheel, install the wheel alone into a fresh virtualenv and run it there
dist-check: $(VENV)/.test
	.ci/dist_check.sh $(BIN)/python

bench: $(VENV)/.test
	$(PIP) -e '.[test,bench]'
	$(BIN)/python bench/clean.py
	$(BIN)/python bench/quantities_dates.py
	$(BIN)/python bench/checks_sample.py --out /dev/null
	$(BIN)/python bench/statements.py
	$(BIN)/python bench/ner.py
	$(BIN)/python bench/speed.py --steps
	$(BIN)/python bench/tagger_speed.py
	$(BIN)/python bench/serve.py
	@echo "whole-crawl ingest (about 15 minutes): $(BIN)/python bench/ingest.py"

clean-venv:
	rm -rf $(VENV)
