"""`kiosk self-test`: does this install (source or frozen bundle) have what the kiosk needs?

Checks, each printed as ok/FAIL: content loads without errors, the usage log opens and writes in a
temporary folder, the speech worker renders a clip, Qt Multimedia has a backend and plays that clip
to its end, and an SVG picture renders. Runs offscreen; exits 1 if anything failed.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

from kiosk.paths import Paths


def self_test(paths: Paths) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    results: list[tuple[str, bool, str]] = []

    def record(name: str, ok: bool, detail: str = "") -> None:
        results.append((name, ok, detail))
        print(f"{'ok  ' if ok else 'FAIL'} {name}{': ' + detail if detail else ''}", flush=True)

    from kiosk.core.content import load_library

    lib = load_library(paths.content)
    record("content", bool(lib.modules) and not lib.errors,
           f"{len(lib.modules)} modules, {len(lib.errors)} errors")

    with tempfile.TemporaryDirectory() as tmp:
        from kiosk.core.model import Event
        from kiosk.core.usage.log import UsageLog

        log = UsageLog(Path(tmp) / "usage.sqlite3")
        log.record(Event("session_started", "2000-01-01", "es"))
        record("usage log", log.flush() and log.written == 1 and not log.status, log.status)
        log.close()

        from PySide6.QtCore import QEventLoop, QTimer, QUrl
        from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer
        from PySide6.QtWidgets import QApplication

        app = QApplication.instance() or QApplication(sys.argv[:1])
        from kiosk.core.audio.voices import Resolution
        from kiosk.ui.tts import SpeechWorker

        worker = SpeechWorker()
        clip = Path(tmp) / "selftest.wav"
        loop = QEventLoop()
        outcome: dict[str, bool] = {}
        def rendered(_path: str, ok: bool) -> None:
            outcome["ok"] = ok
            loop.quit()

        worker.rendered.connect(rendered)
        QTimer.singleShot(15000, loop.quit)
        worker.request(Resolution("selftest", "es", "Hola.", str(clip), "synthesize", "roa/es-419"))
        loop.exec()
        worker.stop()
        record("speech synthesis", outcome.get("ok", False) and clip.exists())

        def play(path: Path) -> tuple[bool, str]:
            player = QMediaPlayer()
            audio = QAudioOutput()
            player.setAudioOutput(audio)
            done = QEventLoop()
            player.mediaStatusChanged.connect(
                lambda s: done.quit() if s in (QMediaPlayer.MediaStatus.EndOfMedia,
                                               QMediaPlayer.MediaStatus.InvalidMedia) else None)
            player.errorOccurred.connect(lambda *_a: done.quit())
            QTimer.singleShot(10000, done.quit)
            started = time.monotonic()
            player.setSource(QUrl.fromLocalFile(str(path)))
            player.play()
            done.exec()
            ended = player.mediaStatus() == QMediaPlayer.MediaStatus.EndOfMedia
            detail = f"{(time.monotonic() - started) * 1000:.0f} ms, {player.errorString() or 'no error'}"
            player.stop()
            return ended, detail

        if clip.exists():
            record("audio playback", *play(clip))
        shipped = next(iter(sorted(paths.audio.glob("*/*/*.opus"))), None)  # the format clips ship in
        if shipped is not None:
            ended, detail = play(shipped)
            record("clip playback", ended, f"{shipped.parent.parent.name}/{shipped.name}: {detail}")

        from kiosk.ui.widgets import Pictures

        pictures = sorted((paths.content / "pictures").glob("*.svg"))
        pix = Pictures(paths.content / "pictures").pixmap(pictures[0].stem, 64) if pictures else None
        record("pictures", pix is not None and not pix.toImage().isNull(), f"{len(pictures)} SVG files")
        del app
    failed = [name for name, ok, _ in results if not ok]
    print("self-test: " + ("all ok" if not failed else "FAILED: " + ", ".join(failed)))
    return 1 if failed else 0
