"""Shared fixtures: real files, real SQLite, real widgets; only the sound device is fake."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

from kiosk.paths import Paths  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
TODAY = dt.date(2026, 11, 26)


def make_content(target: Path, modules: Path = FIXTURES / "modules") -> Path:
    """A content folder: the shipped prompts, help and pictures, plus the given modules."""
    (target / "modules").mkdir(parents=True)
    (target / "help").mkdir()
    shutil.copy(ROOT / "content" / "prompts.yaml", target / "prompts.yaml")
    shutil.copy(ROOT / "content" / "attitudes.yaml", target / "attitudes.yaml")
    shutil.copy(ROOT / "content" / "help" / "national.yaml", target / "help" / "national.yaml")
    shutil.copytree(ROOT / "content" / "pictures", target / "pictures")
    for module in sorted(modules.glob("*.yaml")):
        shutil.copy(module, target / "modules" / module.name)
    return target


def shown_at(qtbot, window, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    """The kiosk's window shown at ``size``, larger than the 800×600 offscreen test screen allows."""
    window.setMaximumSize(16_777_215, 16_777_215)
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)


def record_events(path: Path, events, batch_wait: float = 0.05):  # type: ignore[no-untyped-def]
    """Write events through a real UsageLog (its writer thread) and close it."""
    from kiosk.core.usage.log import UsageLog

    log = UsageLog(path, batch_wait=batch_wait)
    for event in events:
        log.record(event)
    assert log.flush(30)
    log.close()
    return log


@pytest.fixture
def paths(tmp_path: Path) -> Paths:
    content = make_content(tmp_path / "content")
    (tmp_path / "audio").mkdir()
    return Paths(content=content, audio=tmp_path / "audio", data=tmp_path / "data")


@dataclass
class Kiosk:
    window: object
    session: object
    speaker: object
    output: object
    usage: object
    paths: Paths
    spoken: list[tuple[str, str, str, str]]

    def keys(self) -> list[tuple[str, str]]:
        return [(key, lang) for key, lang, _path, _source in self.spoken]


@pytest.fixture
def fake_output():
    from tests.fakes import FakeOutput

    return FakeOutput()


@pytest.fixture
def kiosk(qtbot, paths: Paths, fake_output):
    """The real kiosk window on the fixture content; the sound device is a fake that plays instantly."""
    from kiosk.core.audio.voices import Voices
    from kiosk.core.content import load_library
    from kiosk.core.session import Session
    from kiosk.core.settings import Settings
    from kiosk.core.usage.log import UsageLog
    from kiosk.ui.speaker import Speaker
    from kiosk.ui.tts import SpeechWorker
    from kiosk.ui.widgets import Pictures
    from kiosk.ui.window import KioskWindow

    paths.ensure()
    settings = Settings()
    library = load_library(paths.content)
    assert not library.errors, library.errors
    voices = Voices(library, [paths.rendered_audio, paths.audio], paths.recordings,
                    paths.speech_cache, settings.fallback_language)
    usage = UsageLog(paths.database)
    session = Session(library, settings, today=lambda: TODAY)
    speech = SpeechWorker()
    speaker = Speaker(voices, fake_output, speech)
    spoken: list[tuple[str, str, str, str]] = []
    speaker.spoken.connect(lambda *args: spoken.append(args))
    window = KioskWindow(session, speaker, usage, Pictures(paths.content / "pictures"),
                         load_content=library.complete)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    window.start()
    yield Kiosk(window, session, speaker, fake_output, usage, paths, spoken)
    window.idle_timer.stop()
    window.attract_timer.stop()
    window.tasks.shutdown()
    speech.stop()
    usage.close()


@pytest.fixture(autouse=True)
def staff_language_back_to_spanish():
    """The staff pages' language is one for the process (kiosk.core.content.staff): a test that
    switches it leaves it as it found it."""
    from kiosk.core.content.staff import StaffTexts

    yield
    StaffTexts.lang = "es"
    StaffTexts.folder = None  # build_core sets the kiosk's content folder (a pack's staff.yaml)


@pytest.fixture(autouse=True)
def nothing_left_running():
    """Fail a test that leaves a Python thread, a QThread or an active QTimer behind (napari's
    leak fixtures, in small). Set up before ``qtbot``, so this runs after its widgets are closed."""
    import threading
    import weakref

    from PySide6.QtCore import QThread, QTimer

    made: list[weakref.ref] = []
    originals = {cls: cls.__init__ for cls in (QTimer, QThread)}

    def tracking(cls):
        def init(self, *args, **kwargs):
            originals[cls](self, *args, **kwargs)
            made.append(weakref.ref(self))
        return init

    for cls in originals:
        cls.__init__ = tracking(cls)
    before = set(threading.enumerate())
    yield
    for cls, init in originals.items():
        cls.__init__ = init
    left = _still_running(made, before)
    assert not left, f"left running after the test: {left}"


def _still_running(made, before):
    import threading
    import time

    import shiboken6
    from PySide6.QtCore import QCoreApplication, QEvent, QThread, QTimer

    app = QCoreApplication.instance()
    deadline = time.monotonic() + 2.0
    while True:
        if app is not None:  # widgets closed by qtbot are deleted on the next deferred-delete pass
            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
        threads = [t.name for t in set(threading.enumerate()) - before if t.is_alive()]
        qt = []
        for ref in made:
            obj = ref()
            if obj is None or not shiboken6.isValid(obj):
                continue
            if isinstance(obj, QTimer) and obj.isActive() and obj.interval() > 0:
                qt.append(f"QTimer({obj.interval()} ms, parent={type(obj.parent()).__name__})")
            elif isinstance(obj, QThread) and obj.isRunning():
                qt.append("QThread")
        if not (threads or qt) or time.monotonic() > deadline:
            return threads + qt
        time.sleep(0.05)
