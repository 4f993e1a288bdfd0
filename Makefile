# conflictparse: every command a developer or CI needs. `make demo` and `make test` install first.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
SEED := fixtures/en-militarywiki-derna-campaign/input.txt

.PHONY: install demo test schemas golden lint typecheck bench fuzz check clean

$(STAMP): pyproject.toml
	@echo "installing conflictparse and its test tools into $(VENV) ..." >&2
	@$(PYTHON) -m venv $(VENV)
	@$(PY) -m pip install -q --disable-pip-version-check --upgrade pip >&2
	@$(PY) -m pip install -q --disable-pip-version-check -e ".[test]" >&2
	@touch $(STAMP)

install: $(STAMP)

demo: install
	@$(VENV)/bin/conflictparse parse $(SEED) --quiet

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

fuzz: install
	$(PY) -m pip install -q --disable-pip-version-check "atheris>=2.3" >&2
	$(PY) tests/fuzz/run.py --seconds $(or $(FUZZ_SECONDS),60)

check: lint typecheck test

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache .mypy_cache .ruff_cache .hypothesis
