"""The core is Qt-free: importing every core module loads no PySide6."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import kiosk.core


def test_no_core_module_imports_qt() -> None:
    names = [f"kiosk.core.{m.name}" for m in pkgutil.iter_modules(kiosk.core.__path__)]
    assert "kiosk.core.session" in names
    code = ("import importlib, sys\n"
            f"for name in {names!r}: importlib.import_module(name)\n"
            "qt = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6')))\n"
            "print(','.join(qt))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_the_pinned_pyside6_does_not_over_release_none_or_bools() -> None:
    """PySide6 6.12.0 on Python 3.11 drops a reference to True per Signal.emit and to None per
    processEvents, crashing the kiosk after enough presses ('none_dealloc'). Guard the pin."""
    code = ("import os, sys\nos.environ['QT_QPA_PLATFORM']='offscreen'\n"
            "from PySide6.QtCore import QObject, Signal\nfrom PySide6.QtWidgets import QApplication\n"
            "app = QApplication([])\nclass A(QObject):\n    s = Signal()\n"
            "a = A(); a.s.connect(lambda: None)\n"
            "t0, n0 = sys.getrefcount(True), sys.getrefcount(None)\n"
            "for _ in range(200): a.s.emit(); app.processEvents()\n"
            "print(sys.getrefcount(True) - t0, sys.getrefcount(None) - n0)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    true_delta, none_delta = map(int, out.stdout.split())
    assert true_delta > -100 and none_delta > -100, out.stdout


def test_the_usage_log_does_not_load_numpy(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """sqlite-utils would import numpy (17 MiB) if it could; the kiosk never needs it. The log is
    used as the kiosk uses it: its writer thread opens the file and rolls up old events first."""
    code = ("import sys\nfrom kiosk.core.usage import UsageLog\nfrom kiosk.core.session import Event\n"
            f"log = UsageLog({str(tmp_path / 'u.sqlite3')!r}, retention_days=90)\n"
            "log.record(Event('session_started', '2026-11-26'))\n"
            "assert log.flush(10)\n"
            "print('numpy' in sys.modules, 'sqlite_utils' in sys.modules)\n"
            "log.close()\n"
            "from kiosk.core import insights\n"
            "print('numpy' in sys.modules)\n"
            "import numpy\nprint('ok')\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "True", "False", "ok"]
