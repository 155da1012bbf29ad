# Qantar: two commands do all set-up on a fresh machine with Python 3.11.
#   make report   - the main job: validate the dataset, then build the offline HTML report set in reports/
#   make test     - the whole test suite
# Both create or refresh .venv from requirements.lock when it is missing or out of date.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.qantar-installed
# The five source texts live outside the repository; point QANTAR_TEXTS_DIR elsewhere to override.
SEEDS_DEFAULT := $(abspath ../shared/seeds)
export QANTAR_TEXTS_DIR ?= $(if $(wildcard $(SEEDS_DEFAULT)/*.txt),$(SEEDS_DEFAULT),)
PYTEST_ARGS ?=

NOTEBOOKS := $(sort $(wildcard notebooks/[0-9][0-9]_*.ipynb))

.PHONY: report test lab venv notebooks clean-venv

venv: $(STAMP)

$(STAMP): requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; v = sys.version_info[:2]; sys.exit(0 if v == (3, 11) else f"Python 3.11 needed, {sys.executable} is {v[0]}.{v[1]}; set PYTHON=/path/to/python3.11")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	# Notebooks name the kernel "qantar"; papermill and nbval need it to exist inside the venv.
	$(BIN)/python -m ipykernel install --sys-prefix --name qantar --display-name "Python (qantar)" >/dev/null
	touch $(STAMP)

report: $(STAMP)
	$(BIN)/qantar validate
	$(BIN)/qantar report

test: $(STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# JupyterLab on the notebooks, with the project's venv as the "qantar" kernel; opens the explorer.
lab: $(STAMP)
	cd notebooks && ../$(BIN)/jupyter lab --LabApp.extension_manager=readonly $(if $(filter 0,$(shell id -u)),--allow-root,) 05_explorer.ipynb

# Re-execute every notebook in order from a fresh kernel with default parameters and commit the outputs.
# plotly_mimetype keeps committed outputs small (JupyterLab renders it offline).
notebooks: $(STAMP)
	for nb in $(NOTEBOOKS); do \
	  PLOTLY_RENDERER=plotly_mimetype $(BIN)/jupyter nbconvert --to notebook --execute --inplace \
	    --ExecutePreprocessor.kernel_name=qantar --ExecutePreprocessor.timeout=300 "$$nb" || exit 1; \
	done
	mkdir -p docs/img
	cp build/figures/02_protest_city_map/protest_cities_map.png build/figures/03_casualties_over_time/casualty_claims_over_time.png \
	   build/figures/01_overview_timeline/daily_event_timeline.png docs/img/

clean-venv:
	rm -rf $(VENV)
