# Two commands do everything on a fresh machine: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PORT   ?= 8501
RUN_DEPS := $(VENV)/.run-deps
DEV_DEPS := $(VENV)/.dev-deps

.PHONY: run test bench setup db lint clean

$(PY):
	$(PYTHON) -m venv $(VENV)

$(RUN_DEPS): requirements.txt | $(PY)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(DEV_DEPS): requirements.txt requirements-dev.txt | $(PY)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt -r requirements-dev.txt
	touch $@ $(RUN_DEPS)

setup: $(DEV_DEPS)

# Create the store and load the demo city, unless it already holds data.
db: $(RUN_DEPS)
	$(PY) -m core init-db --demo --if-empty

run: db
	@echo "Starting the dashboard on http://localhost:$(PORT)"
	$(PY) -m streamlit run app.py --server.port=$(PORT)

lint: $(DEV_DEPS)
	$(PY) -m ruff check .
	$(PY) -m mypy core ui

# pytest exits 5 when it collected nothing: a run that tests nothing is a failure, and says so. A worker per
# core (pytest-xdist); the browser tests keep to one of them (tests/conftest.py).
test: lint
	@$(PY) -m pytest -n auto --dist loadgroup --durations=15; rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "make test: pytest collected no tests — failing"; fi; \
	exit $$rc

bench: $(DEV_DEPS)
	$(PY) -m bench

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
