# Willay — one task runner. `make run` and `make test` do all the set-up on a fresh Debian 12.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

# Debian packages whose libraries the Qt platform (xcb, wayland, offscreen), multimedia (FFmpeg),
# SVG and input plugins link, found with `ldd` on the plugins in the venv's PySide6 (docs/setup.md).
# Qt Multimedia also dlopens libpipewire-0.3 (not in ldd: found with strings; pulse is the fallback).
# Speech needs none: espeak-ng's library and data come from the espeakng-loader wheel.
APT_PACKAGES := libc6 libstdc++6 zlib1g libbz2-1.0 libzstd1 libbrotli1 libgssapi-krb5-2 \
	libglib2.0-0 libdbus-1-3 libpulse0 libpipewire-0.3-0 libfreetype6 libfontconfig1 libxkbcommon0 \
	libgl1 libegl1 libdrm2 libx11-6 libx11-xcb1 libxext6 libxrandr2 libxkbcommon-x11-0 \
	libxcb1 libxcb-cursor0 libxcb-glx0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 \
	libxcb-randr0 libxcb-render0 libxcb-render-util0 libxcb-shape0 libxcb-shm0 libxcb-sync1 \
	libxcb-util1 libxcb-xfixes0 libxcb-xkb1 \
	libwayland-client0 libwayland-cursor0 libwayland-egl1 libwayland-server0 \
	$(shell $(PYTHON) -c "import ensurepip" 2>/dev/null || echo python3-venv)
# `make dist` also needs objdump (binutils) and the shared libpython PyInstaller bundles.
DIST_PACKAGES := binutils libpython3.11

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
	@bash .ci/system-packages.sh $(DIST_PACKAGES)
	$(PY) -m pip install --quiet -e '.[dist]'
	$(VENV)/bin/kiosk voices render
	$(VENV)/bin/kiosk voices check --complete
	$(VENV)/bin/pyinstaller --noconfirm --clean build.spec
	dist/willay/kiosk self-test

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
