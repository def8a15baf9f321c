"""The one task manager: slow work (content loading, file reads, reports, saves) off the UI thread.

Owned by the application (``kiosk.app.run``) and handed to whatever needs it. Work runs on a small
thread pool; its result comes back on the UI thread as a queued signal, so workers never touch
widgets. ``shutdown`` at exit waits for work under way (a save is never cut half way).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:
    from concurrent.futures import Future, ThreadPoolExecutor

Done = Callable[[Any, BaseException | None], None]
WORKERS = 2  # the target laptops have two cores; the UI thread keeps one


class TaskManager(QObject):
    _done = Signal(object, object, object)  # callback, result, error

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool: ThreadPoolExecutor | None = None  # made on first use: nothing runs before the paint
        self._done.connect(self._deliver)
        self.running = 0
        self._closed = False

    def run(self, work: Callable[[], Any], on_done: Done | None = None) -> Future[Any]:
        """Run ``work`` on a worker; ``on_done(result, error)`` then runs on the UI thread."""
        if self._closed:
            raise RuntimeError("the task manager is shut down")
        self.running += 1
        if self._pool is None:
            from concurrent.futures import ThreadPoolExecutor

            pool = self._pool = ThreadPoolExecutor(max_workers=WORKERS, thread_name_prefix="willay-task")
            self.destroyed.connect(lambda: pool.shutdown(wait=False))  # with its owner: idle workers end

        def target() -> Any:
            try:
                result, error = work(), None
            except Exception as exc:  # reported to on_done on the UI thread
                result, error = None, exc
            self._done.emit(on_done, result, error)
            if error is not None:
                raise error
            return result

        return self._pool.submit(target)

    def _deliver(self, on_done: Done | None, result: Any, error: BaseException | None) -> None:
        self.running -= 1
        if on_done is not None:
            on_done(result, error)

    def shutdown(self) -> None:
        """Wait for the work under way; no new work is taken."""
        self._closed = True
        if self._pool is not None:
            self._pool.shutdown(wait=True)
