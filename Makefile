# The two commands of the README: `make run` (the dashboard) and `make test` (every test, browser included).
# Both create .venv when missing and reinstall the project into it whenever pyproject.toml changes
# (with the test and dask extras: CI runs the Dask engine's test too).

PYTHON ?= python3
VENV := .venv
STAMP := $(VENV)/.installed
SYSTEM_PACKAGES := chromium chromium-driver fonts-noto-cjk

.PHONY: run test check system-packages plotly-bundle

run: $(STAMP)
	$(VENV)/bin/python -m dashboard $(ARGS)

test: $(STAMP) system-packages check
	@status=0; $(VENV)/bin/python -m pytest $(ARGS) || status=$$?; \
	if [ $$status -eq 5 ]; then echo "make test: pytest collected no tests" >&2; exit 1; fi; \
	exit $$status

# Lint, format and type checks, with the versions pinned in pyproject.toml.
check: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy --strict data_prep
	$(VENV)/bin/mypy dashboard

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(VENV)/bin/python
	$(VENV)/bin/python -m pip install --quiet -e '.[test,dask]'
	touch $@

# The browser tests drive Debian's chromium; the CJK fonts make Chinese text render instead of boxes.
system-packages:
	@missing=$$(for package in $(SYSTEM_PACKAGES); do \
		dpkg-query -W -f='$${Status}\n' $$package 2>/dev/null | grep -q '^install ok installed$$' || echo $$package; \
	done | tr '\n' ' ' | sed 's/ *$$//'); \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" -ne 0 ]; then \
		echo "make test needs these Debian packages: $$missing" >&2; \
		echo "install them with: sudo apt-get install -y $$missing" >&2; \
		exit 1; \
	fi; \
	export DEBIAN_FRONTEND=noninteractive; \
	apt-get install -y --no-install-recommends $$missing \
		|| { apt-get update && apt-get install -y --no-install-recommends $$missing; }

# plotly.js with only the traces the dashboard draws (dashboard/plotly/entry.js), from the npm registry
# (needs node and npm), and regenerator-runtime, the one part of Dash's polyfill bundle that dcc and
# dash-renderer use (dashboard/page_scripts.py). The built files are committed: `make run` and `make test`
# never need node.
PLOTLY_BUNDLE := dashboard/assets/plotly-scatter-bar-heatmap-4.1.1.min.js
REGENERATOR := dashboard/assets/regenerator-runtime-0.14.1.min.js
plotly-bundle:
	cd dashboard/plotly && npm ci --no-audit --no-fund --ignore-scripts
	cd dashboard/plotly && ./node_modules/.bin/esbuild entry.js --bundle --minify --format=iife \
		--global-name=Plotly --target=es2016 --define:global=window --define:define.amd=false \
		--alias:stream=stream-browserify --loader:.css=empty --log-level=warning \
		--banner:js='/*! plotly.js 4.1.1: scatter, bar, heatmap. MIT license, (c) Plotly, Inc. */' \
		--outfile=$(CURDIR)/$(PLOTLY_BUNDLE)
	cd dashboard/plotly && ./node_modules/.bin/esbuild node_modules/regenerator-runtime/runtime.js --minify \
		--target=es2016 --log-level=warning \
		--banner:js='/*! regenerator-runtime 0.14.1. MIT license, (c) Meta Platforms, Inc. and affiliates. */' \
		--outfile=$(CURDIR)/$(REGENERATOR)
