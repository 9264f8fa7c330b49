# Every target sets up its own virtual environment from pyproject.toml's dev group and the pinned lock file.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: all build release site validate format test clean lock

all: build

build: $(STAMP)  ## validate, then write dist/ (Parquet, data packages, SQLite, codebook)
	$(PY) -m scripts build

release: $(STAMP)  ## build, then write dist/release/ (archives, wheel, SQLite, SHA256SUMS, notes with the diff)
	$(PY) -m scripts release $(RELEASE_FLAGS)

site: $(STAMP)  ## validate, then write dist/site/ (a page per person and team, timelines, the codebook)
	$(PY) -m scripts site $(SITE_FLAGS)

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip==26.3
	$(PY) -m pip install --quiet --disable-pip-version-check -c requirements.lock --group dev
	touch $(STAMP)

validate: $(STAMP)  ## check every table and rule; report all problems
	$(PY) -m scripts validate

format: $(STAMP)  ## rewrite data/*.csv in canonical form; regenerate datapackage.json, the codebook, the coverage page
	$(PY) -m scripts format

test: $(STAMP)  ## run the test suite
	$(PY) -m pytest -q

lock: $(STAMP)  ## refresh requirements.lock from the current environment
	$(PY) -m pip freeze --exclude-editable > requirements.lock

clean:
	rm -rf $(VENV) dist .pytest_cache
