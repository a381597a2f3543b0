# The two commands of the README. Each builds .venv if needed and installs the project into it.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin

.PHONY: run test lint bench clean wheel bundle geodata

run: $(VENV)/.installed
	$(BIN)/explorer gui

test: $(VENV)/.installed-test
	$(BIN)/ruff check explorer tests bench
	$(BIN)/ruff format --check explorer tests bench
	$(BIN)/lint-imports
	$(BIN)/mypy
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

lint: $(VENV)/.installed-test
	$(BIN)/ruff check --fix explorer tests bench
	$(BIN)/ruff format explorer tests bench

bench: $(VENV)/.installed-test
	QT_QPA_PLATFORM=offscreen $(BIN)/python bench/run.py

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $@ $(VENV)/.installed

# For users: dist/karabakh_explorer-*.whl and .tar.gz (they carry seeds/, geodata/ and the
# icon: see setup.py), then a one-folder bundle that needs no Python (dist/bundle/explorer/).
wheel: $(VENV)/.installed-test
	rm -rf build/lib dist/*.whl dist/*.tar.gz
	$(BIN)/python -c "from setuptools import build_meta as b; b.build_sdist('dist'); b.build_wheel('dist')" >/dev/null
	@ls -l dist/*.whl dist/*.tar.gz

# The bundle is built in its own venv holding only the wheel's run-time dependencies
# (override BUNDLE_VENV to reuse one, as .ci/run does).
BUNDLE_VENV ?= build/bundle-venv
bundle: wheel
	test -x $(BUNDLE_VENV)/bin/python || $(PYTHON) -m venv $(BUNDLE_VENV)
	$(BUNDLE_VENV)/bin/python -m pip install -q --force-reinstall --no-deps dist/karabakh_explorer-*.whl
	$(BUNDLE_VENV)/bin/python -m pip install -q dist/karabakh_explorer-*.whl 'pyinstaller>=6.10'
	cd packaging && $(abspath $(BUNDLE_VENV))/bin/pyinstaller --noconfirm --log-level WARN \
	  --distpath $(CURDIR)/dist/bundle --workpath $(CURDIR)/build/pyinstaller explorer.spec
	@echo "bundle: dist/bundle/explorer/explorer ($$(du -sh dist/bundle/explorer | cut -f1)," \
	  "$$(find dist/bundle/explorer -type f | wc -l) files)"

# Rebuild the prepared basemap, the overlays and the towns (needs the [geodata] extra).
geodata: $(VENV)/.installed-test
	$(BIN)/python -m pip install -q -e '.[geodata]'
	$(BIN)/python geodata/build_basemap.py
	$(BIN)/python geodata/build_overlays.py
	$(BIN)/python geodata/build_towns.py

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .ruff_cache
