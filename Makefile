# Qantar: two commands do all set-up on a fresh machine with Python 3.11.
#   make report   - the main job: validate the dataset, then build the offline HTML report set in reports/
#   make test     - the whole test suite (every tier)
#   make check    - lint (ruff, mypy) and the fast tier (not slow, not browser): the loop while editing a CSV or lib/
#   make explore  - the explorer as an app in the browser (make lab: the notebooks in JupyterLab)
# Both create or refresh .venv from requirements.lock when it is missing or out of date (uv installs it).
# Paths here are relative or quoted, so the checkout may live in a folder whose name has spaces.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.qantar-installed
PYTEST_ARGS ?=

# The five source texts live outside the repository, in ../shared/seeds by default; QANTAR_TEXTS_DIR overrides.
ifeq ($(origin QANTAR_TEXTS_DIR),undefined)
QANTAR_TEXTS_DIR := $(shell d="$$(cd .. && pwd)/shared/seeds"; for f in "$$d"/*.txt; do test -f "$$f" && printf '%s' "$$d"; break; done)
endif
export QANTAR_TEXTS_DIR

NOTEBOOKS := $(sort $(wildcard notebooks/[0-9][0-9]_*.ipynb))

.PHONY: report test check lint lab explore review venv notebooks lock texts clean-venv bench-extract rebuild-seeds docs

# First line of output of every command that uses the texts: where they are, or that they are missing.
texts:
	@if [ -n "$$QANTAR_TEXTS_DIR" ]; then echo "source texts: $$QANTAR_TEXTS_DIR"; \
	 else echo "source texts NOT found (looked in ../shared/seeds; set QANTAR_TEXTS_DIR): evidence and hash checks are skipped"; fi

venv: $(STAMP)

$(STAMP): requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; v = sys.version_info[:2]; sys.exit(0 if v == (3, 11) else f"Python 3.11 needed, {sys.executable} is {v[0]}.{v[1]}; set PYTHON=/path/to/python3.11")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	test -x $(BIN)/uv || $(BIN)/python -m pip install --quiet --disable-pip-version-check "$$(grep '^uv==' requirements.lock)"
	# --compile-bytecode: every kernel, test and command imports pandas, matplotlib and plotly; without .pyc files
	# (PYTHONDONTWRITEBYTECODE is common in containers) each start compiles them again, seconds each time.
	$(BIN)/uv pip sync --quiet --compile-bytecode --python $(BIN)/python requirements.lock
	$(BIN)/uv pip install --quiet --python $(BIN)/python --no-deps --no-build-isolation -e .
	# Notebooks name the kernel "qantar"; nbval, `make notebooks` and JupyterLab need it inside the venv.
	$(BIN)/python -m ipykernel install --sys-prefix --name qantar --display-name "Python (qantar)" >/dev/null
	touch $(STAMP)

report: texts $(STAMP)
	$(BIN)/qantar validate
	$(BIN)/qantar report

# Two passes: every test but the `serial` ones on two workers (pytest-xdist; the report set is built once and shared
# through a file lock), then the `serial` ones alone, as they time processes or wait on timeouts and kernel culling.
# PYTEST_ARGS reach both passes; a pass it leaves empty passes.
test: texts $(STAMP)
	$(BIN)/python -m pytest -n 2 --dist loadgroup --pass parallel $(PYTEST_ARGS)
	$(BIN)/python -m pytest --pass serial $(PYTEST_ARGS)

# Tiers are pytest markers (pyproject.toml): slow = executes a notebook, builds a set, starts a server or an
# external tool; browser = drives Chromium. The fast tier is everything else (its few `serial` tests have generous
# limits and share one worker, so one pass).
check: texts lint
	$(BIN)/python -m pytest -q -n 2 --dist loadgroup -m "not slow and not browser" $(PYTEST_ARGS)

# ruff (format, then rules) and the type check: mypy on lib/qantar, set up in pyproject.toml [tool.mypy] (cache in the venv).
lint: $(STAMP)
	$(BIN)/ruff format --check --quiet .
	$(BIN)/ruff check --quiet .
	$(BIN)/mypy

# Rewrite the generated blocks of README.md and docs/*.md from the code (counts, commands and options, notebook
# parameters, these targets, report runs, the data dictionary); tests/test_docs.py fails until it has been run.
docs: $(STAMP)
	$(BIN)/python docs/generate.py

# The extractor scored on benchmarks/gold (seed texts from QANTAR_TEXTS_DIR, own test texts in the repo); prints figures.
# Real news texts (published >= 12 Jan 2022) are kept outside the repository: set QANTAR_BENCH_TEXTS to their folder(s), ':'-separated
# to score them as a block of their own; unset, they are listed as NOT scored.
bench-extract: texts $(STAMP)
	$(BIN)/python benchmarks/bench_extract.py $(if $(QANTAR_BENCH_TEXTS),--texts "$(QANTAR_BENCH_TEXTS)") $(BENCH_ARGS)

# The workflow on the five seeds with every table emptied (qantar add-text, extract, accept; the hand-built record
# replayed as the reviewer's decisions): prints how many candidates were accepted as-is, edited, rejected or added by
# hand, and whether the rebuilt tables hold the hand-built facts and validate (exit 1 when not). REBUILD_ARGS=--json.
rebuild-seeds: texts $(STAMP)
	$(BIN)/python benchmarks/rebuild_seeds.py $(REBUILD_ARGS)

# requirements.lock pins every package the project and its extras need, generated from pyproject.toml by uv.
lock: $(STAMP)
	$(BIN)/uv pip compile pyproject.toml --all-extras --python-version 3.11 --python-platform x86_64-unknown-linux-gnu \
	  --custom-compile-command "make lock" --quiet -o requirements.lock

# JupyterLab on the notebooks, with the project's venv as the "qantar" kernel; opens the explorer.
lab: $(STAMP)
	cd notebooks && ../$(BIN)/jupyter lab --LabApp.extension_manager=readonly $(if $(filter 0,$(shell id -u)),--allow-root,) 05_explorer.ipynb

# The explorer as an app (Voila): code hidden, on 127.0.0.1 with a token; prints its URL. PORT=8866 optional. The token
# is $QANTAR_APP_TOKEN from the environment, or TOKEN_FILE=path (mode 600), else a new random one: never TOKEN=...,
# which make's and the shell's command lines would show every local user in `ps`.
explore: texts $(STAMP)
	$(if $(TOKEN),$(error TOKEN= is not read: a command line is visible to every local user in ps. Set QANTAR_APP_TOKEN in the environment (export QANTAR_APP_TOKEN=...) or use TOKEN_FILE=path to a file of mode 600))
	$(BIN)/qantar explore $(if $(PORT),--port $(PORT),) $(if $(TOKEN_FILE),--token-file "$(TOKEN_FILE)",) $(if $(MAX_KERNELS),--max-kernels $(MAX_KERNELS),)

# One document's candidates in the review app (Voila, like explore): make review DOC=doc_id [CANDIDATES=file]
# [REVIEWER=name] [PORT=...] [TOKEN_FILE=...]. Every decision is written at once (qantar.workflow).
review: texts $(STAMP)
	$(if $(DOC),,$(error DOC= is needed: make review DOC=doc_id (a doc_id of data/sources.csv)))
	$(if $(TOKEN),$(error TOKEN= is not read: a command line is visible to every local user in ps. Set QANTAR_APP_TOKEN in the environment or use TOKEN_FILE=path to a file of mode 600))
	$(BIN)/qantar review "$(DOC)" $(if $(CANDIDATES),--candidates "$(CANDIDATES)",) $(if $(REVIEWER),--reviewer "$(REVIEWER)",) $(if $(PORT),--port $(PORT),) $(if $(TOKEN_FILE),--token-file "$(TOKEN_FILE)",) $(if $(MAX_KERNELS),--max-kernels $(MAX_KERNELS),)

# Re-execute every notebook, each once in order from a fresh kernel, with default parameters, and commit the outputs.
# `qantar notebooks` uses the report runner's executor (papermill, a new kernel per notebook) and writes each notebook back
# atomically; plotly_mimetype keeps committed outputs small (JupyterLab renders it offline); no widget state is
# stored (05's controls need a kernel anyway: its first note says to run all cells).
notebooks: texts $(STAMP)
	$(BIN)/qantar notebooks $(NOTEBOOKS)
	mkdir -p docs/img
	cp build/figures/02_protest_city_map/protest_cities_map.png build/figures/03_casualties_over_time/casualty_claims_over_time.png \
	   build/figures/01_overview_timeline/daily_event_timeline.png docs/img/

clean-venv:
	rm -rf $(VENV)
