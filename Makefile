# conflictparse: every command a developer or CI needs. `make demo` and `make test` install first.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
SEED := fixtures/en-militarywiki-derna-campaign/input.txt
# the modules setup.py compiles with mypyc: an edit to one of them reinstalls (recompiles) first
COMPILED := $(shell sed -n 's|^    "\(.*\.py\)",$$|src/conflictparse/\1|p' setup.py)

.PHONY: install demo test test-pure schemas golden lint typecheck bench fuzz check clean

$(STAMP): pyproject.toml setup.py $(COMPILED)
	@echo "installing conflictparse and its test tools into $(VENV) (compiling its hot modules with mypyc: about 2 minutes) ..." >&2
	@$(PYTHON) -m venv $(VENV)
	@$(PY) -m pip install -q --disable-pip-version-check --upgrade pip >&2
	@$(PY) -m pip install -q --disable-pip-version-check -e ".[test]" >&2
	@touch $(STAMP)

install: $(STAMP)

demo: install
	@$(VENV)/bin/conflictparse parse $(SEED) --quiet

test: install
	$(PY) -m pytest

# the same suite on the plain-Python modules (no mypyc), in a copy of the checkout without the compiled
# modules (an editable install here would import them), with a venv of its own
PURE := build/pure
test-pure:
	@rm -rf $(PURE) && mkdir -p $(PURE)
	@tar --exclude=./.git --exclude=./.venv --exclude=./build --exclude='*.so' --exclude=__pycache__ -cf - . | tar -xf - -C $(PURE)
	@$(PYTHON) -m venv $(PURE)/.venv
	@cd $(PURE) && CONFLICTPARSE_PURE=1 .venv/bin/python -m pip install -q --disable-pip-version-check -e ".[test]" >&2
	cd $(PURE) && CONFLICTPARSE_PURE=1 CONFLICTPARSE_SHARED=$(abspath ..)/shared .venv/bin/python -m pytest

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
	rm -rf $(VENV) build dist src/*.egg-info src/*.so src/conflictparse/*.so src/conflictparse/*/*.so .pytest_cache .mypy_cache .ruff_cache .hypothesis
