"""Run slow work (audio processing, file writes) off the UI thread; the result comes back as a
queued signal on the UI thread. Workers never touch widgets."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal


class Background(QObject):
    _done = Signal(object, object, object)  # callback, result, error

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._done.connect(self._deliver)
        self.running = 0

    def run(self, work: Callable[[], Any], on_done: Callable[[Any, BaseException | None], None]) -> None:
        self.running += 1

        def target() -> None:
            try:
                result, error = work(), None
            except Exception as exc:  # reported to on_done on the UI thread
                result, error = None, exc
            self._done.emit(on_done, result, error)

        threading.Thread(target=target, name="willay-task", daemon=True).start()

    def _deliver(self, on_done: Callable[[Any, BaseException | None], None], result: Any,
                 error: BaseException | None) -> None:
        self.running -= 1
        on_done(result, error)
