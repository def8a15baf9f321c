"""Keep PySide6 from reading the source of every module the kiosk imports after it.

PySide6 supports ``from __feature__ import snake_case`` per module, so after every import it asks
whether the new module mentions "PySide6" — with ``inspect.getsource``, which keeps every line
of every file in ``linecache`` for the rest of the process: ~7 MiB in the kiosk after a walk
through the lessons, and ~7 ms of its start-up (bench/README.md, measures 1 and 7). The same
question is answered here by reading the file once and keeping nothing; modules without a
source file give the same answer as before (no). The kiosk never uses ``__feature__``.
"""

from __future__ import annotations

import sys
from types import ModuleType


def _mentions_pyside(module: ModuleType) -> bool:
    path = getattr(module, "__file__", None)
    if not isinstance(path, str) or not path.endswith(".py"):
        return False  # built-in, extension or bundled module: inspect finds no source either
    try:
        with open(path, "rb") as source:
            return b"PySide6" in source.read()
    except OSError:
        return False


def spare_source_scan() -> bool:
    """Install the lighter check if PySide6 is loaded; True when it is in place."""
    if "shiboken6" not in sys.modules:
        return False
    feature = sys.modules.get("shibokensupport.feature")
    if feature is None:
        try:
            from shibokensupport import feature  # type: ignore[import-not-found,no-redef]
        except ImportError:
            return False
    current = getattr(feature, "_mod_uses_pyside", None)
    if current is _mentions_pyside:
        return True
    if not callable(current):
        return False  # a PySide6 without this check: nothing to spare
    feature._mod_uses_pyside = _mentions_pyside
    return True
