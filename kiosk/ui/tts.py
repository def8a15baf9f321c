"""Live synthesis through a child process (``kiosk speech-worker``) driven by QProcess.

The UI only writes a JSON line and later gets a signal: it never waits on the speech engine.
Renders go to the speech cache, so a text is synthesised once per voice.
"""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path

from PySide6 import QtCore
from PySide6.QtCore import QObject, Signal

from kiosk.core.audio.voices import Resolution

log = logging.getLogger(__name__)


def worker_command() -> list[str]:
    if getattr(sys, "frozen", False):
        # The windowed `willay` has no usable stdout on Windows: the worker is the console
        # `kiosk` beside it (QProcess starts it without a console window).
        exe = Path(sys.executable)
        console = exe.with_name("kiosk" + exe.suffix)
        return [str(console if console.exists() else exe), "speech-worker"]
    return [sys.executable, "-m", "kiosk", "speech-worker"]


class SpeechWorker(QObject):
    rendered = Signal(str, bool)  # output path, success
    unavailable = Signal()

    MAX_RESTARTS = 2

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.process: QtCore.QProcess | None = None  # started on the first request
        self._buffer = b""
        self._inflight: set[str] = set()
        self._restarts = 0
        self.dead = False

    def request(self, res: Resolution) -> None:
        if self.dead or res.path is None or res.voice is None:
            self.rendered.emit(str(res.path), False)
            return
        key = res.path
        if key in self._inflight:
            return
        self._ensure_started()
        self._inflight.add(key)
        line = json.dumps({"id": key, "words": res.words, "lang": res.lang, "voice": res.voice,
                           "out": key}) + "\n"  # the worker makes the words speakable for lang
        assert self.process is not None
        self.process.write(line.encode("utf-8"))

    def stop(self) -> None:
        if self.process is not None:
            self.process.finished.disconnect()
            self.process.closeWriteChannel()
            if not self.process.waitForFinished(1000):
                self.process.kill()
                self.process.waitForFinished(1000)
            self.process = None

    def _ensure_started(self) -> None:
        if self.process is not None:
            return
        cmd = worker_command()
        proc = QtCore.QProcess(self)  # PySide builds QProcess (~1 ms) on first use: not at start-up
        proc.setProcessChannelMode(QtCore.QProcess.ProcessChannelMode.SeparateChannels)
        proc.readyReadStandardOutput.connect(self._read)
        proc.finished.connect(self._died)
        proc.start(cmd[0], cmd[1:])
        self.process = proc

    def _read(self) -> None:
        assert self.process is not None
        self._buffer += bytes(self.process.readAllStandardOutput().data())
        while b"\n" in self._buffer:
            line, self._buffer = self._buffer.split(b"\n", 1)
            try:
                reply = json.loads(line)
            except json.JSONDecodeError:
                continue
            key = str(reply.get("id"))
            self._inflight.discard(key)
            if not reply.get("ok"):
                log.warning("speech worker could not render %s: %s", key, reply.get("error"))
            self.rendered.emit(key, bool(reply.get("ok")))

    def _died(self, *_args: object) -> None:
        if self.process is not None:
            err = bytes(self.process.readAllStandardError().data()).decode(errors="replace")
            log.warning("speech worker stopped: %s", err.strip()[-500:])
        lost = list(self._inflight)
        self._inflight.clear()
        self.process = None
        self._restarts += 1
        if self._restarts > self.MAX_RESTARTS:
            self.dead = True
            self.unavailable.emit()
        for key in lost:
            self.rendered.emit(key, False)
