"""The only fake: the sound device. It "plays" a clip instantly (or holds it until told)."""

from __future__ import annotations

from PySide6.QtCore import QTimer

from kiosk.ui.speaker import Output


class FakeOutput(Output):
    def __init__(self, hold: bool = False) -> None:
        super().__init__()
        self.hold = hold  # True: a clip plays until finish() or stop()
        self.played: list[str] = []
        self.stops = 0
        self.prefetched: list[list[str]] = []  # what the speaker said may come next
        self.playing = False

    def play(self, path: str) -> None:
        self.played.append(path)
        self.playing = True
        if not self.hold:
            QTimer.singleShot(0, self.finish)

    def finish(self) -> None:
        if self.playing:
            self.playing = False
            self.finished.emit()

    def stop(self) -> None:
        self.stops += 1
        self.playing = False

    def fraction(self) -> float:
        return 0.5 if self.playing else 1.0

    def prefetch(self, paths: list[str]) -> None:
        self.prefetched.append(list(paths))
