"""Composition root: build the core objects, hand them to the UI. Nothing else lives here."""

from __future__ import annotations

import gc
import linecache
import logging
import os
import sys
from typing import TYPE_CHECKING, NamedTuple

from kiosk.core.audio.voices import Voices
from kiosk.core.content import Library, load_library
from kiosk.core.session import Session
from kiosk.core.settings import Settings, load_settings
from kiosk.core.usage.log import UsageLog
from kiosk.paths import Paths

if TYPE_CHECKING:
    from PySide6.QtCore import QCoreApplication, QObject

    from kiosk.ui.screens.studio import StudioPanel

log = logging.getLogger("kiosk")
PIXMAP_CACHE_KIB = 512
GC_RESUME_MS = 200  # the first screen is painted in the loop's first turn, prepared 100 ms later


def resume_collector() -> None:
    """Python's cycle collector, paused by ``kiosk.cli`` for the start-up (every object made
    until the first screen is up stays alive: its ~20 collections were ~4 ms of it), runs again.
    What the start-up made is moved out of its reach first (``gc.freeze``): later collections walk
    only what comes after (decision 006)."""
    gc.freeze()
    gc.enable()


class Core(NamedTuple):
    paths: Paths
    settings: Settings
    library: Library
    voices: Voices
    usage: UsageLog
    session: Session


def build_core(paths: Paths, start_log: bool = True, first_screen: bool = False) -> Core:
    """Everything Qt-free, in dependency order. Problems are reported, never fatal.
    ``start_log=False`` leaves the usage writer (and its imports) for after the first paint;
    ``first_screen=True`` the lessons and help directory too (``Library.complete``)."""
    paths.ensure()
    if paths.packs_stale():  # packs: a new release changed the base content; merge the packs again
        from kiosk.core.packs.install import remerge

        paths = remerge(paths)
    from kiosk.core.content.staff import StaffTexts

    StaffTexts.folder = paths.content  # a signed pack's staff.yaml over the shipped one
    settings = load_settings(paths.settings)
    for problem in settings.problems:
        log.warning("%s", problem)
    library = load_library(paths.content, paths.local_help, settings.languages,
                           cache=paths.data / "content-cache.json", first_screen=first_screen,
                           neutral=settings.neutral_module, confirmed=paths.help_confirmed)
    def report_skipped() -> None:
        for problem in library.errors:
            log.warning("skipped: %s", problem)

    library.when_complete(report_skipped)
    pack_audio = [folder for folder, _origin in paths.pack_audio()]  # packs: signed clips first
    voices = Voices(library, [*pack_audio, paths.rendered_audio, paths.audio], paths.recordings,
                    paths.speech_cache, settings.fallback_language)
    usage = UsageLog(paths.database, retention_days=settings.retention_days, autostart=start_log)
    return Core(paths, settings, library, voices, usage, Session(library, settings))


def voice_table(core: Core) -> str:
    """The `kiosk voices report` table, counted the same way as the report itself; its columns in
    the facilitator's language (kiosk/ui/staff.py)."""
    from kiosk.core.audio.coverage import coverage, format_report
    from kiosk.ui.staff import StaffTexts

    texts = StaffTexts()
    return format_report(coverage(core.paths, core.library), lambda name: texts(f"staff.col.{name}"))


def run(paths: Paths, fullscreen: bool = True) -> int:
    # With PulseAudio's default capture buffer Qt received almost no microphone frames on our
    # test machine (docs/stack-notes.md); it must be set before Qt Multimedia first starts.
    # Playback start measured the same (~50 ms) with and without it.
    os.environ.setdefault("PULSE_LATENCY_MSEC", "30")
    from kiosk import crash

    crash.install(paths.logs)
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from kiosk.ui.speaker import QtOutput, Speaker
    from kiosk.ui.tasks import TaskManager
    from kiosk.ui.tts import SpeechWorker
    from kiosk.ui.widgets import Pictures
    from kiosk.ui.window import KioskWindow

    # PySide read the source of each module imported since it loaded (looking for ``__feature__``)
    # through linecache, which keeps it: let it go now, before the window is built (decision 006).
    linecache.clearcache()

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv)
    # Qt keeps recently drawn pixmaps in a process-wide cache of 10 MiB. Each lesson picture, drawn
    # once into its label, went in and stayed (peak memory after walking the lessons 107 -> 98
    # MiB with 2 MiB; bench/README.md, measure 7). What is left in it is the style's and the icons'
    # drawings of the fixed buttons: 512 KiB holds them (2 MiB -> 512 KiB: −1.8 MiB of peak, screen
    # changes no slower, measure 3).
    from PySide6.QtGui import QPixmapCache

    QPixmapCache.setCacheLimit(PIXMAP_CACHE_KIB)
    core = build_core(paths, start_log=False, first_screen=True)  # the window completes it
    paths = core.paths  # packs: build_core may have merged the installed packs again
    speech = SpeechWorker()
    speaker = Speaker(core.voices, QtOutput(), speech)
    speaker.set_volume(core.settings.volume)

    # The facilitator's report and the recording studio are imported when staff first open them:
    # a learner's start-up does not wait for them (bench/README.md, measure 1).
    def report() -> str:
        from kiosk.core.content.staff import StaffTexts
        from kiosk.core.packs.install import describe  # packs: who signed what is installed
        from kiosk.core.status import facilitator_report

        words = StaffTexts()  # in the facilitator's language, chosen on any staff page
        return (facilitator_report(core.library, core.settings, core.usage, voice_table(core), words)
                + "\n\n" + describe(core.paths, words))

    def studio() -> StudioPanel:
        from kiosk.ui.screens.studio import QtRecorder, StudioPanel

        return StudioPanel(core.library, core.voices, speaker, QtRecorder(), paths.recordings)

    tasks = TaskManager()
    window = KioskWindow(core.session, speaker, core.usage, Pictures(paths.content / "pictures"), tasks,
                         report=report, studio=studio, load_content=core.library.complete,
                         pin=paths.pin)  # lock: the facilitator's PIN (its file; read when asked)

    def trust_tools() -> object:  # lock: pack installs and keys, imported when the panel first opens
        from kiosk.ui.trust import TrustTools

        return TrustTools(window, paths)

    window.lock.make_tools = trust_tools

    def workshop() -> object:  # course plans, presenting, settings, local help: on first use
        from kiosk.ui.workshop import Workshop

        return Workshop(window, paths)

    window.make_workshop = workshop  # type: ignore[assignment]
    window.settings_path = paths.settings  # the staff language chosen on a staff page is kept
    if fullscreen:
        screen = app.primaryScreen()  # without a window manager full screen needs the geometry
        if screen is not None:
            window.setGeometry(screen.geometry())
        window.showFullScreen()
    else:
        window.resize(1280, 800)
        window.show()
    window.start()
    QTimer.singleShot(1500, core.usage.start)  # events wait in memory until then
    QTimer.singleShot(GC_RESUME_MS, resume_collector)
    wakeup = stop_on_signals(app)  # held while the loop runs: the sockets must stay open
    try:
        code = app.exec()
    finally:
        tasks.shutdown()  # a save or a report under way finishes first
        speech.stop()
        if window.studio is not None:
            window.studio.cleanup()  # takes never kept stay nowhere
        core.usage.close()  # every event acknowledged is on disk
        del wakeup
        gc.enable()
    return int(code)


def stop_on_signals(app: QCoreApplication) -> tuple[object, object, QObject]:
    """SIGTERM (a shutdown, systemd stopping the unit), SIGHUP (the session ends) and SIGINT quit the
    event loop, so ``run`` flushes the usage log and exits 0. Python runs a signal handler only
    between its own bytecodes, never while Qt's loop waits in C: the C handler writes the signal to
    a pipe (``signal.set_wakeup_fd``) whose notifier wakes the loop, which then runs Python. A pipe,
    not a socket pair, where the system allows it: the ``socket`` module was ~3 ms of start-up
    (bench/README.md, measure 1); Windows' wake-up descriptor must be a socket."""
    import signal

    from PySide6.QtCore import QSocketNotifier

    if sys.platform == "win32":  # pragma: no cover (Windows)
        import socket

        pair = socket.socketpair()
        for end in pair:
            end.setblocking(False)
        reader, writer = pair[0].fileno(), pair[1].fileno()
        held: tuple[object, object] = pair
        read = pair[0].recv
    else:
        reader, writer = os.pipe()
        for fd in (reader, writer):
            os.set_blocking(fd, False)
        held = (_Closing(reader), _Closing(writer))

        def read(size: int) -> bytes:
            return os.read(reader, size)

    signal.set_wakeup_fd(writer)

    def quit_now(signum: int, _frame: object) -> None:
        log.info("signal %s: closing", signum)
        app.exit(0)  # not quit(): Qt 6's quit() asks the windows to close, and the lock refuses

    for name in ("SIGTERM", "SIGINT", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), quit_now)
    notifier = QSocketNotifier(reader, QSocketNotifier.Type.Read, app)

    def drain() -> None:
        try:
            read(64)
        except OSError:
            pass

    notifier.activated.connect(drain)
    return held[0], held[1], notifier


class _Closing:
    """A pipe end that is closed when the last reference to it goes (as a socket object is)."""

    def __init__(self, fd: int) -> None:
        self.fd = fd

    def __del__(self) -> None:
        try:
            os.close(self.fd)
        except OSError:
            pass
