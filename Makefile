# conflictparse: every command a developer or CI needs. `make demo` and `make test` install first.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
SEED := fixtures/en-militarywiki-derna-campaign/input.txt

.PHONY: install demo test schemas golden lint typecheck bench check clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e ".[test]"
	touch $(STAMP)

install: $(STAMP)

demo: install
	$(VENV)/bin/conflictparse parse $(SEED) --quiet

test: install
	$(PY) -m pytest

schemas: install
	$(PY) -c "from conflictparse.schema import schema_text; open('schemas/conflict-record.schema.json','w',encoding='utf-8').write(schema_text())"

golden: install
	$(PY) -m tests.golden --write

lint: install
	$(VENV)/bin/ruff check src tests benchmarks

typecheck: install
	$(VENV)/bin/mypy --strict src/conflictparse

bench: install
	$(PY) benchmarks/run.py

check: lint typecheck test

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache .mypy_cache .ruff_cache .hypothesis
