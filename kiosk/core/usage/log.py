"""The anonymous usage log: a table of counters and a single writer thread.

Events describe content use, never people: no names, no free text, no person or device id, no
session key, the day only — never a clock time — and no order. Each event adds one to its cell
(day, kind, language, module, item, value) of ``counts``, a ``WITHOUT ROWID`` table whose physical
order is its key: the same visits in any order leave the same table, and nothing links one cell to
another. The UI thread only puts events on a queue (microseconds); one writer thread owns the
SQLite connection and adds up each batch. If the database cannot be written (locked, read-only,
disk full) the batch's counts stay in memory (bounded) and are retried; a corrupt file is moved
aside, kept, and a new one started; an unexpected error restarts the writer. The kiosk never
crashes or waits because of the log (docs/privacy.md, docs/decisions/010-usage-counts.md).
"""

from __future__ import annotations

import logging
import os
import threading
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.core.model import Event

try:  # the C queue itself: the queue module would also import heapq for its other queues
    from queue import Empty, SimpleQueue
except ImportError:
    from queue import Empty, SimpleQueue

if TYPE_CHECKING:
    import sqlite3

log = logging.getLogger(__name__)

EVENT_KINDS = (
    "session_started", "module_opened", "step_heard", "lesson_completed", "question_answered",
    "quick_exit", "idle_reset", "group_session", "attitude_answered", "visit_ended",
    # the practice phone (counts only: the exercise, the goal, a tries bucket — never what was typed)
    "exercise_started", "exercise_goal", "exercise_hint", "exercise_show_me", "exercise_completed",
    "hands_counted", "group_course",  # a group session presented (kiosk.core.session.course)
)
CELL = ("day", "kind", "language", "module", "item", "value")
MAX_PENDING = 20_000  # distinct cells kept in memory while the disk refuses them
Cell = tuple[str, str, str, str, str, str]

ADD = ("INSERT INTO counts VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET n = n + excluded.n")


def db_errors() -> tuple[type[Exception], ...]:
    """What a failing database raises (sqlite3 is imported on the writer thread, not at start-up)."""
    import sqlite3

    return (sqlite3.Error, OSError)


def cell_of(event: Event) -> Cell:
    return (event.day, event.kind, event.language or "", event.module or "", event.item or "",
            event.value or "")


def connect(path: Path | str, check: bool = True) -> sqlite3.Connection:
    """Open (creating or migrating) the usage database: WAL, ``secure_delete``, file mode 0600 in a
    0700 folder. ``check`` runs ``PRAGMA quick_check`` and raises ``sqlite3.DatabaseError`` on a
    damaged file."""
    import sqlite3

    if str(path) != ":memory:":
        path = Path(path)
        if not path.parent.exists():
            path.parent.mkdir(mode=0o700, parents=True)  # raises OSError where it cannot
        if not path.exists():
            os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
    conn = sqlite3.connect(str(path), timeout=0.5, check_same_thread=False, isolation_level=None)
    try:
        conn.execute("PRAGMA secure_delete = ON")
        from kiosk.core.usage import schema  # on the writer thread: sqlite3 after the first paint

        if not schema.is_current(conn):
            schema.migrate(conn)
        if check and conn.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            raise sqlite3.DatabaseError("database disk image is malformed")
        if str(path) != ":memory:":
            conn.execute("PRAGMA journal_mode = wal")
            os.chmod(path, 0o600)
        conn.execute("PRAGMA synchronous = FULL")  # a count acknowledged as written survives a crash
    except BaseException:
        conn.close()
        raise
    return conn


def read_counts(path: Path | str) -> dict[Cell, int]:
    """Every cell and its count (opening, migrating and checking the file as the writer does)."""
    conn = connect(path)
    try:
        return {tuple(r[:6]): r[6] for r in conn.execute("SELECT * FROM counts")}
    finally:
        conn.close()


def move_aside(path: Path) -> Path:
    """Rename a damaged database (with its -wal and -shm) so the programme keeps it; never delete."""
    n = 1
    while (target := path.with_name(f"{path.stem}.corrupt-{n}{path.suffix}")).exists():
        n += 1
    for suffix in ("-wal", "-shm"):
        side = Path(str(path) + suffix)
        if side.exists():
            side.replace(Path(str(target) + suffix))
    path.replace(target)
    return target


def validate(event: Event) -> None:
    if event.kind not in EVENT_KINDS:
        raise ValueError(f"unknown event kind {event.kind!r}")
    if len(event.day) != 10 or event.day[4] != "-" or event.day[7] != "-":
        raise ValueError(f"event day must be YYYY-MM-DD, not {event.day!r}")


class UsageLog:
    """Queue on the caller's thread, add up on one worker thread.

    ``record`` never blocks and never raises; ``flush`` waits (for tests and shutdown).
    ``status`` is a short facilitator-visible string while writing fails; ``warnings`` keeps what
    the facilitator should know even after it was fixed (a damaged file moved aside, a restart).
    ``written`` counts the events committed so far (acknowledged as written).
    """

    def __init__(self, path: Path | str, batch_wait: float = 0.2,
                 retention_days: int | None = None, autostart: bool = True) -> None:
        self.path = path
        self.retention_days = retention_days  # kept for callers: counts need no roll-up
        self.batch_wait = batch_wait
        self._queue: SimpleQueue[object] = SimpleQueue()
        self._pending: Counter[Cell] = Counter()
        self._lock = threading.Lock()
        self._idle = threading.Event()
        self._idle.set()
        self.status = ""
        self.warnings: list[str] = []
        self.written = 0
        self.dropped = 0
        self.restarts = 0
        self._db: sqlite3.Connection | None = None
        self._stopping = False
        self._thread = threading.Thread(target=self._run, name="usage-writer", daemon=True)
        if autostart:
            self.start()

    def start(self) -> None:
        """Start the writer thread (the kiosk does so once its first screen is up)."""
        if not self._thread.is_alive() and self._thread.ident is None:
            self._thread.start()

    def record(self, event: Event) -> None:
        try:
            validate(event)
        except ValueError as exc:
            log.error("usage event refused: %s", exc)
            return
        self._idle.clear()
        self._queue.put(event)

    def flush(self, timeout: float = 5.0) -> bool:
        """Wait until everything queued was written (or failed and was kept pending)."""
        self.start()
        self._idle.clear()
        self._queue.put(_FLUSH)
        return self._idle.wait(timeout)

    def close(self, timeout: float = 5.0) -> None:
        self.start()
        self._queue.put(None)
        self._thread.join(timeout)

    @property
    def pending(self) -> int:
        with self._lock:
            return sum(self._pending.values())

    # -- worker thread
    def _run(self) -> None:
        while not self._stopping:
            try:
                self._loop()
            except Exception as exc:  # never let the writer die: say so once, keep the counts
                self.restarts += 1
                if self.restarts == 1:
                    note = f"el registro de uso se reinició tras un error inesperado ({exc!r})"
                    self.warnings.append(note)
                    log.error("usage writer restarted after an unexpected error", exc_info=True)
                self._close_db()
                if self._queue.empty():
                    self._idle.set()  # the batch that failed had the flush's marker
        self._close_db()
        self._idle.set()

    def _loop(self) -> None:
        while not self._stopping:
            try:
                first = self._queue.get(timeout=self.batch_wait if self._pending else None)
            except Empty:
                first = _FLUSH
            batch = [first]
            while True:
                try:
                    batch.append(self._queue.get_nowait())
                except Empty:
                    break
            self._stopping = any(item is None for item in batch)
            with self._lock:
                for item in batch:
                    if isinstance(item, Event):
                        cell = cell_of(item)
                        if cell in self._pending or len(self._pending) < MAX_PENDING:
                            self._pending[cell] += 1
                        else:
                            self.dropped += 1
            self._write_pending()
            if self._queue.empty():
                self._idle.set()

    def _close_db(self) -> None:
        if self._db is not None:
            try:
                self._db.close()
            except db_errors():
                pass
            self._db = None

    def _open(self) -> sqlite3.Connection:
        import sqlite3

        try:
            return connect(self.path)
        except sqlite3.DatabaseError as exc:
            if isinstance(exc, sqlite3.OperationalError) or str(self.path) == ":memory:":
                raise  # locked, read-only, full: not damage
            moved = move_aside(Path(self.path))
            note = f"registro de uso dañado ({exc}): guardado como {moved.name}; se empezó uno nuevo"
            self.warnings.append(note)
            log.warning("%s: %s", self.path, note)
            return connect(self.path)

    def _write_pending(self) -> None:
        with self._lock:
            batch = dict(self._pending)
        if not batch:
            return
        try:
            if self._db is None:
                self._db = self._open()
            db = self._db
            db.execute("BEGIN IMMEDIATE")
            try:
                db.executemany(ADD, [(*cell, n) for cell, n in sorted(batch.items())])
                db.execute("COMMIT")
            except BaseException:
                if db.in_transaction:
                    db.execute("ROLLBACK")
                raise
        except db_errors() as exc:
            self._close_db()  # a file damaged while open is moved aside by the next _open
            first = not self.status
            self.status = (f"registro de uso no se puede escribir ({exc}); "
                           f"{sum(batch.values())} eventos esperan en memoria")
            if first:  # once per outage, not once per retry
                log.warning("%s: %s", self.path, self.status)
            return
        with self._lock:
            self._pending.subtract(batch)
            self._pending = +self._pending
        self.written += sum(batch.values())
        if self.status:
            log.info("%s: usage log writable again", self.path)
        self.status = ""


_FLUSH = object()  # wakes the writer without adding an event
