"""Qt helpers for the probes: wait on the event loop without polling, see paints and voices.

"Painted" means: the widget received its Paint event and the event loop then came back to us
(a zero-timer after the Paint), so the whole repaint and the flush to the screen are done. "Voice"
means the player's position advanced for the clip that was asked for; because the FFmpeg backend
reports position only when its second audio frame is due (position 0 is never reported), the
moment playback began is the report time minus the reported position ("onset").

Only QtCore and QtWidgets are imported here, never QtMultimedia: the start-up baseline (a bare
window) must not pay for a module it does not use.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QEventLoop, QObject, QTimer
from PySide6.QtWidgets import QWidget

now = time.monotonic


class Waiter:
    """Runs a nested event loop until a condition holds; watchers ``poke`` it when things happen."""

    def __init__(self) -> None:
        self.loop: QEventLoop | None = None
        self.pred: Callable[[], bool] = lambda: False

    def poke(self) -> None:
        if self.loop is not None and self.pred():
            self.loop.quit()

    def wait(self, pred: Callable[[], bool], timeout: float) -> bool:
        if pred():
            return True
        loop = QEventLoop()
        self.loop, self.pred = loop, pred
        guard = QTimer()
        guard.setSingleShot(True)
        guard.timeout.connect(loop.quit)
        guard.start(max(1, int(timeout * 1000)))
        loop.exec()
        guard.stop()
        self.loop, self.pred = None, lambda: False
        return pred()

    def sleep(self, seconds: float) -> None:
        """Let the event loop run (paints, media signals) for a while."""
        self.wait(lambda: False, seconds)


class PaintWatch(QObject):
    """After ``arm(widget)``: ``t_paint`` when its Paint event starts, ``t_done`` once it is over."""

    def __init__(self, waiter: Waiter) -> None:
        super().__init__()
        self.waiter = waiter
        self.target: QWidget | None = None
        self.t_paint: float | None = None
        self.t_done: float | None = None

    def arm(self, widget: QWidget) -> None:
        if self.target is not None and self.target is not widget:
            self.target.removeEventFilter(self)
        if self.target is not widget:
            widget.installEventFilter(self)
        self.target = widget
        self.t_paint = self.t_done = None

    def disarm(self) -> None:
        if self.target is not None:
            self.target.removeEventFilter(self)
        self.target = None

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if event.type() == QEvent.Type.Paint and obj is self.target and self.t_paint is None:
            self.t_paint = now()
            QTimer.singleShot(0, self._done)
        return False

    def _done(self) -> None:
        if self.t_done is None:
            self.t_done = now()
        self.waiter.poke()

    @property
    def painted(self) -> bool:
        return self.t_done is not None


class VoiceWatch(QObject):
    """Watches one QMediaPlayer: when it started playing, when its position advanced, when it stopped."""

    def __init__(self, player: QObject, waiter: Waiter) -> None:
        super().__init__()
        self.player = player
        self.waiter = waiter
        self.t0: float | None = None
        # the local file the report must be for: a path, a function giving it (asked at report
        # time, when the clip is known), or None for any
        self.expect: str | Callable[[], str | None] | None = None
        self.t_playing: float | None = None
        self.t_report: float | None = None
        self.position = 0
        self.t_stopped: float | None = None
        self._pcm_start: tuple[float, str] | None = None
        player.positionChanged.connect(self._position)
        player.playbackStateChanged.connect(self._state)

    def watch_pcm(self, pcm: QObject) -> None:
        """Also the kiosk's in-memory path (``kiosk/ui/pcm.py``): its ``started`` comes when a
        decoded clip's first samples were written to the sound device. It has no packet to wait
        for, so that moment is both its report and its onset."""
        pcm.started.connect(self._pcm_started)  # type: ignore[attr-defined]

    def _pcm_started(self, path: str) -> None:
        if self.t0 is None or self.t_report is not None:
            return
        # The speaker announces a clip (``spoken``, which ``expect`` reads) just after starting it,
        # so which clip this is can only be told afterwards: kept, and checked by ``heard``.
        self._pcm_start = (now(), path)
        self.waiter.poke()

    def _pcm_heard(self) -> None:
        if self._pcm_start is None or self.t_report is not None:
            return
        t, path = self._pcm_start
        if self.expect is not None:
            want = self.expect() if callable(self.expect) else self.expect
            if want is None or path != want:
                return
        self.t_report = self.t_playing = t
        self.position = 0

    def arm(self, t0: float, expect: str | Callable[[], str | None] | None = None) -> None:
        self.t0, self.expect = t0, expect
        self.t_playing = self.t_report = self.t_stopped = None
        self._pcm_start: tuple[float, str] | None = None
        self.position = 0

    def _position(self, pos: int) -> None:
        if self.t0 is None or self.t_report is not None or pos <= 0:
            return
        t = now()
        # A stale report from the clip before would claim more than has elapsed since the press.
        if pos > (t - self.t0) * 1000 + 5:
            return
        if self.expect is not None:
            want = self.expect() if callable(self.expect) else self.expect
            if want is None or self.player.source().toLocalFile() != want:
                return
        self.t_report, self.position = t, pos
        self.waiter.poke()

    def _state(self, state: object) -> None:
        if self.t0 is None:
            return
        states = self.player.PlaybackState  # type: ignore[attr-defined]
        if state == states.PlayingState and self.t_playing is None:
            self.t_playing = now()
        elif state == states.StoppedState and self.t_stopped is None:
            self.t_stopped = now()
        self.waiter.poke()

    @property
    def heard(self) -> bool:
        self._pcm_heard()
        return self.t_report is not None

    @property
    def onset(self) -> float | None:
        """When playback began by the player's own clock: the report time minus the position."""
        if self.t_report is None:
            return None
        return self.t_report - self.position / 1000.0
