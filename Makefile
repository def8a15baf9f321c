# Willay — one task runner. `make run` and `make test` do all the set-up on a fresh Debian 12.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

# Debian packages Qt (widgets, multimedia, xcb) and espeak-ng need; see docs/setup.md.
APT_PACKAGES := libglib2.0-0 libgl1 libegl1 libxkbcommon0 libfreetype6 libfontconfig1 \
	libdbus-1-3 libpulse0 libpipewire-0.3-0 libespeak-ng1 espeak-ng-data \
	libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0 \
	libxcb-render0 libxcb-shape0 libxcb-util1 libxcb-xkb1 libxkbcommon-x11-0 \
	$(shell $(PYTHON) -c "import ensurepip" 2>/dev/null || echo python3-venv)

.PHONY: run test soak system venv voices check-content lint mutate bench dist clean

run: system venv voices
	$(VENV)/bin/kiosk $(ARGS)

# Pre-render every missing or stale synthetic clip (about a minute the first time, then instant).
voices: venv
	$(VENV)/bin/kiosk voices render

test: system venv
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest $(PYTEST_ARGS)

# The long reliability runs (a pytest marker left out of `make test`): 10,000 scripted actions
# through the real window with quick exits and idle resets (memory growth and open files), and
# kill -9 of the usage writer 50 times.
soak: system venv
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -m soak -s $(PYTEST_ARGS)

check-content: venv
	$(VENV)/bin/kiosk content check

lint: venv
	$(VENV)/bin/ruff check kiosk tests bench scripts
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy

# Break each screen rule once and check a test notices (about 3 minutes).
mutate: venv
	$(PY) scripts/mutations.py

bench: system venv
	QT_QPA_PLATFORM=offscreen $(PY) bench/run.py

dist: system venv
	$(PY) -m pip install --quiet -e '.[dist]'
	$(VENV)/bin/kiosk voices render
	$(VENV)/bin/kiosk voices check --complete
	$(VENV)/bin/pyinstaller --noconfirm --clean build.spec
	dist/willay/willay self-test

system:
	@bash .ci/system-packages.sh $(APT_PACKAGES)

venv: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

clean:
	rm -rf $(VENV) build dist .pytest_cache
