"""The core is Qt-free: importing every core module loads no PySide6."""

from __future__ import annotations

import os
import pkgutil
import subprocess
import sys
from pathlib import Path

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


def test_the_usage_log_does_not_load_sqlite_utils_or_numpy_once_its_file_exists(tmp_path) -> None:
    """sqlite-utils creates and migrates the file (the first start ever); after that the writer
    adds up counts with plain sqlite3, and neither sqlite-utils nor numpy (17 MiB) is loaded."""
    from kiosk.core.model import Event
    from kiosk.core.usage.log import UsageLog

    first = UsageLog(tmp_path / "u.sqlite3", retention_days=90)
    first.record(Event("session_started", "2026-11-25"))
    assert first.flush(10)
    first.close()
    code = ("import sys\nfrom kiosk.core.usage.log import UsageLog\nfrom kiosk.core.model import Event\n"
            f"log = UsageLog({str(tmp_path / 'u.sqlite3')!r}, retention_days=90)\n"
            "log.record(Event('session_started', '2026-11-26'))\n"
            "assert log.flush(10)\n"
            "print('numpy' in sys.modules, 'sqlite_utils' in sys.modules)\n"
            "log.close()\n"
            "from kiosk.core.usage import insights\n"
            "print('numpy' in sys.modules)\n"
            "import numpy\nprint('ok')\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False", "False", "ok"]


FIRST_PAINT_PROBE = """
import gc, os, sys
from PySide6 import QtCore
from PySide6.QtCore import QEvent, QEventLoop, QObject, QTimer
from PySide6.QtWidgets import QApplication

app = QApplication([])

class FirstPaint(QObject):
    def __init__(self, loop):
        super().__init__()
        self.loop = loop

    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, self.report)
        return False

    def report(self):
        if self.loop.isRunning():
            window = next(w for w in app.topLevelWidgets() if type(w).__name__ == "KioskWindow")
            at_paint = ([QtCore.__dict__.get("Qt") is not None, window.session.library.is_complete,
                         gc.isenabled()] + [m in sys.modules for m in WATCHED])
            print("paint", *at_paint)
            self.loop.quit()

WATCHED = ("sqlite3", "multiprocessing", "kiosk.ui.screens.studio",
           "kiosk.ui.screens.facilitator", "kiosk.core.status",
           "hashlib", "socket", "xml.etree.ElementTree")  # OpenSSL, a socket pair, ElementTree

def measure():
    window = next(w for w in app.topLevelWidgets() if type(w).__name__ == "KioskWindow")
    loop = QEventLoop()
    watcher = FirstPaint(loop)
    window.attract.installEventFilter(watcher)
    QTimer.singleShot(10000, loop.quit)
    loop.exec()
    def done():
        return (QtCore.__dict__.get("Qt") is not None, "grid" in window._screens,
                window.session.library.is_complete, len(window.session.library.modules) > 0,
                gc.isenabled() and gc.get_freeze_count() > 0)

    later = QEventLoop()
    poll = QTimer()
    poll.timeout.connect(lambda: all(done()) and later.quit())
    poll.start(50)
    QTimer.singleShot(10000, later.quit)  # a busy machine: the rest loads on a worker thread
    later.exec()
    print("later", *done())
    sys.stdout.flush()
    os._exit(0)

app.exec = measure
from kiosk.cli import main
main([])
"""


def test_the_first_screen_is_painted_before_the_rest_is_built(tmp_path) -> None:
    """The kiosk's start-up (bench measure 1) is held to 1.5× a bare PySide6 window. What only
    staff or later screens need waits until the attract screen is up: PySide's ``Qt`` namespace
    (~20 ms to build), the lessons and help directory (only the prompts are loaded), sqlite3,
    multiprocessing, the staff's screens, OpenSSL's hashlib, sockets, ElementTree; and Python's
    cycle collector is paused until then, and resumed with the start-up's objects frozen."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "WILLAY_DATA_DIR": str(tmp_path)}
    out = subprocess.run([sys.executable, "-c", FIRST_PAINT_PROBE], capture_output=True, text=True,
                         env=env, timeout=60)
    lines = dict(line.split(" ", 1) for line in out.stdout.splitlines() if " " in line)
    assert lines.get("paint") == " ".join(["False"] * 11), out.stdout + out.stderr[-3000:]
    assert lines.get("later") == "True True True True True", out.stdout + out.stderr[-3000:]  # prepare() ran


def test_the_sources_pyside_read_are_not_kept_once_the_kiosk_is_up(kiosk) -> None:
    """PySide6 reads each new module's source (looking for ``__feature__`` use) through linecache,
    which keeps it: ~7 MiB in a kiosk that walked its lessons. The window lets it go once the
    first screen is up (``prepare``) — with linecache's own API, no patched PySide internals."""
    import importlib
    import linecache

    studio = importlib.import_module("kiosk.ui.screens.studio")  # after PySide: its source is read
    if not [f for f in linecache.cache if "/kiosk/" in f]:  # imported by an earlier test already:
        linecache.getlines(studio.__file__)  # read it as PySide does on a first import
    assert [f for f in linecache.cache if "/kiosk/" in f]
    kiosk.window.prepare()
    assert not [f for f in linecache.cache if "/kiosk/" in f]


def test_no_module_grows_past_400_lines() -> None:
    """A module that outgrows 400 lines is doing two jobs: split it (docs/architecture.md)."""
    root = Path(__file__).resolve().parent.parent / "kiosk"
    long = {str(p.relative_to(root)): n for p in root.rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > 400}
    assert long == {}


def test_every_hand_made_mutation_still_finds_its_text() -> None:
    """`make mutate` breaks each rule by hand; a mutation whose text moved would stop the run late."""
    root = Path(__file__).resolve().parent.parent
    sys.path.insert(0, str(root / "scripts"))
    try:
        import mutations
    finally:
        sys.path.remove(str(root / "scripts"))
    stale = [m[0] for m in mutations.MUTATIONS if (root / m[1]).read_text(encoding="utf-8").count(m[2]) != 1]
    assert stale == []
