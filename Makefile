# ISRP for QGIS — developer entry points. Run as root on Debian 12 (QGIS 3.22) or 13 (QGIS 3.40).
#   make demo   the main job on the bundled Erfurt sample (does all set-up first)
#   make test   all tests headless (does all set-up first)
SHELL := /bin/bash
.DEFAULT_GOAL := help

SYS_PYTHON := /usr/bin/python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.isrp-setup
CONSTRAINTS := build/constraints.txt
OFFSCREEN := QT_QPA_PLATFORM=offscreen
PROFILE_DIR := build/profiles

# Debian packages needed at run time and for the tests (one list, used by CI and the compat chroot).
APT_PACKAGES := qgis python3-qgis qgis-providers python3-numpy python3-scipy python3-pandas \
	python3-pytest python3-venv python3-pip xvfb xauth xfonts-base qttools5-dev-tools pyqt5-dev-tools \
	python3-networkx poppler-utils gdal-bin zip unzip rsync debootstrap make

.PHONY: help setup apt venv test test-core test-compat demo run lint package deploy translations ts bench clean

help:
	@echo "make demo         run the main job on the sample project (writes out/)"
	@echo "make test         run all tests headless"
	@echo "make test-compat  run the tests against the other Debian release's QGIS (chroot)"
	@echo "make run          start QGIS with the plugin and the sample project"
	@echo "make package      build dist/isrp_plugin.zip;  make deploy  install into the default QGIS profile"
	@echo "make lint         ruff, flake8-qgis, bandit;   make translations  build .qm files"
	@echo "make bench        run the benchmarks"

setup: apt $(STAMP)

apt:
	@missing=$$(for p in $(APT_PACKAGES); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "Installing Debian packages: $$missing"; \
		if [ "$$(id -u)" != 0 ]; then echo "error: run as root (or install: $$missing)" >&2; exit 1; fi; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	fi

$(CONSTRAINTS):
	@mkdir -p build
	@$(SYS_PYTHON) -c "import numpy, scipy, pandas; print(f'numpy=={numpy.__version__}\nscipy=={scipy.__version__}\npandas=={pandas.__version__}')" > $@
	@echo "Pinned to the system's versions:"; cat $@

$(STAMP): requirements-dev.txt $(CONSTRAINTS)
	@test -x $(PY) || $(SYS_PYTHON) -m venv --system-site-packages $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -r requirements-dev.txt -c $(CONSTRAINTS)
	@$(PY) -c "import qgis.core, numpy, scipy, pandas; print('QGIS', qgis.core.Qgis.QGIS_VERSION, '| numpy', numpy.__version__, '| pandas', pandas.__version__)"
	@touch $@

translations: apt
	@lrelease -silent i18n/isrp_de.ts -qm i18n/isrp_de.qm && echo "i18n/isrp_de.qm built"

ts: apt
	$(SYS_PYTHON) scripts/update_ts.py

test: setup translations
	$(OFFSCREEN) $(PY) -m pytest -q

test-core: setup
	$(PY) -m pytest -q tests/core

test-compat: apt
	bash scripts/test_compat.sh

demo: setup translations
	$(OFFSCREEN) $(PY) scripts/demo.py --out out

package: setup translations
	$(PY) scripts/package.py --out dist/isrp_plugin.zip

deploy: package
	$(PY) scripts/package.py --deploy

run: package
	$(PY) scripts/package.py --deploy --profiles-path $(PROFILE_DIR) --profile isrp
	@# a copy, so that edits in the desktop never change the shipped sample
	rm -rf build/sample && cp -r resources/sample build/sample
	qgis --profiles-path $(PROFILE_DIR) --profile isrp --project build/sample/erfurt_sample.qgz

lint: setup
	$(VENV)/bin/ruff check isrp_plugin tests scripts benchmarks
	$(VENV)/bin/flake8 --select=QGS1,QGS4 isrp_plugin
	$(VENV)/bin/bandit -q -r isrp_plugin -s B101

bench: setup
	@for b in benchmarks/bench_*.py; do echo "== $$b"; $(OFFSCREEN) $(PY) $$b || exit 1; done

clean:
	rm -rf build dist out .pytest_cache i18n/*.qm
