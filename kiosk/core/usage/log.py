"""The anonymous usage log: schema, migrations and a single writer thread.

Events describe content use, never people: no names, no free text, no person or device id, no
session key, and the day only — never a clock time. The UI thread only puts events on a queue
(microseconds); one writer thread owns the SQLite connection and writes in batches. If the
database cannot be written (locked, read-only, disk full) events stay queued in memory and are
retried; the kiosk never crashes or waits because of the log.
"""

from __future__ import annotations

import logging
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.core.model import Event

try:  # the C queue itself: the queue module would also import heapq for its other queues
    from queue import Empty, SimpleQueue
except ImportError:
    from queue import Empty, SimpleQueue

if TYPE_CHECKING:
    import sqlite3

    import sqlite_utils

log = logging.getLogger(__name__)

EVENT_KINDS = (
    "session_started", "module_opened", "step_heard", "lesson_completed", "question_answered",
    "quick_exit", "idle_reset", "group_session", "attitude_answered", "visit_ended",
)
COUNTED_ONLY = "attitude_answered"  # never a row of its own: only a count goes up
MAX_PENDING = 50_000  # events kept in memory while the disk refuses them

_MIGRATIONS: Any = None
MIGRATION_SET = "willay.usage"
# The migrations below by name, in order: when all are recorded in the file, the writer needs no
# sqlite-utils at all (tests/test_usage.py keeps this list equal to the migrations).
SCHEMA = ("m001_events", "m002_attitude_counts")


def migrations() -> Any:
    """The numbered schema changes. Built on first use: importing sqlite-utils also imports numpy
    (~170 ms), which must not happen before the kiosk's first screen is painted."""
    global _MIGRATIONS
    if _MIGRATIONS is not None:
        return _MIGRATIONS
    import_sqlite_utils()
    from sqlite_utils.migrations import Migrations

    m = Migrations(MIGRATION_SET)

    @m()
    def m001_events(db: sqlite_utils.Database) -> None:
        db["events"].create(  # type: ignore[union-attr]
            {"id": int, "day": str, "kind": str, "language": str, "module": str, "item": str,
             "value": str},
            pk="id", not_null={"day", "kind"},
        )
        db["events"].create_index(["day", "kind"])  # type: ignore[union-attr]

    @m()
    def m002_attitude_counts(db: sqlite_utils.Database) -> None:
        """Attitude answers are only counted per day, phase, statement and answer: no row per person."""
        db["attitude_counts"].create(  # type: ignore[union-attr]
            {"day": str, "phase": str, "question": str, "answer": str, "count": int},
            pk=("day", "phase", "question", "answer"),
        )

    _MIGRATIONS = m
    return m


def import_sqlite_utils() -> Any:
    """sqlite-utils imports numpy when it can (for numpy column types, never used here): ~17 MiB
    and ~170 ms the kiosk does not need. Hide numpy during that one import; the studio can still
    import numpy later. Every module of the kiosk that needs sqlite-utils imports it through here."""
    if "sqlite_utils" in sys.modules or "numpy" in sys.modules:
        import sqlite_utils

        return sqlite_utils
    sys.modules["numpy"] = None  # type: ignore[assignment]  # "import halted": sqlite-utils skips it
    try:
        import sqlite_utils
    finally:
        if sys.modules.get("numpy", 0) is None:
            del sys.modules["numpy"]
    return sqlite_utils


def db_errors() -> tuple[type[Exception], ...]:
    """What a failing database raises. sqlite3 is imported on the writer thread, when the log first
    writes, rather than during the kiosk's start-up (~5 ms of it)."""
    import sqlite3

    return (sqlite3.Error, OSError)


def schema_is_current(conn: sqlite3.Connection) -> bool:
    """Every migration already applied to this file? Plain SQL: no sqlite-utils import needed."""
    try:
        rows = conn.execute("SELECT name FROM _sqlite_migrations WHERE migration_set = ?",
                            [MIGRATION_SET]).fetchall()
    except db_errors():
        return False  # no bookkeeping table yet: a new file
    return set(SCHEMA) <= {row[0] for row in rows}


def writer_connection(path: Path | str) -> sqlite3.Connection:
    """The usage writer's connection. The schema is sqlite-utils' to create and migrate; when the
    file already has it (every start but the first) the kiosk writes with plain sqlite3 and never
    imports sqlite-utils, whose dependencies (click, tabulate, dateutil, OpenSSL…) would add
    ~18 MiB to a kiosk meant for 2 GB laptops (docs/decisions/004-usage-writer.md)."""
    import sqlite3

    if str(path) != ":memory:":
        conn = sqlite3.connect(str(path), timeout=0.5, check_same_thread=False, isolation_level=None)
        if schema_is_current(conn):
            conn.execute("PRAGMA journal_mode=wal")
            conn.execute("PRAGMA synchronous=NORMAL")
            return conn
        conn.close()
    conn = open_db(path).conn
    assert isinstance(conn, sqlite3.Connection)
    return conn


def open_db(path: Path | str) -> Any:
    """Open (creating and migrating) the usage database in WAL mode."""
    import sqlite3

    sqlite_utils = import_sqlite_utils()

    conn = sqlite3.connect(str(path), timeout=0.5, check_same_thread=False, isolation_level=None)
    db = sqlite_utils.Database(conn)
    if str(path) != ":memory:":
        db.enable_wal()
    db.execute("PRAGMA synchronous=NORMAL")
    migrations().apply(db)
    return db


def validate(event: Event) -> None:
    if event.kind not in EVENT_KINDS:
        raise ValueError(f"unknown event kind {event.kind!r}")
    if len(event.day) != 10 or event.day[4] != "-" or event.day[7] != "-":
        raise ValueError(f"event day must be YYYY-MM-DD, not {event.day!r}")


class UsageLog:
    """Queue on the caller's thread, write on one worker thread.

    ``record`` never blocks and never raises; ``flush`` waits (for tests and shutdown).
    ``status`` is a short facilitator-visible string when writing is failing.
    """

    def __init__(self, path: Path | str, batch_wait: float = 0.2,
                 retention_days: int | None = None, autostart: bool = True) -> None:
        self.path = path
        self.retention_days = retention_days
        self.batch_wait = batch_wait
        self._queue: SimpleQueue[object] = SimpleQueue()
        self._pending: list[Event] = []
        self._lock = threading.Lock()
        self._idle = threading.Event()
        self._idle.set()
        self.status = ""
        self.written = 0
        self.dropped = 0
        self._db: sqlite3.Connection | None = None
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
            return len(self._pending)

    # -- worker thread
    def _run(self) -> None:
        if self.retention_days is not None:
            self._rollup()
        stopping = False
        while not stopping:
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
            stopping = None in batch
            with self._lock:
                self._pending.extend(e for e in batch if isinstance(e, Event))
                if len(self._pending) > MAX_PENDING:
                    self.dropped += len(self._pending) - MAX_PENDING
                    del self._pending[:len(self._pending) - MAX_PENDING]
            self._write_pending()
            if self._queue.empty():
                self._idle.set()
        if self._db is not None:
            self._db.close()

    def _rollup(self) -> None:
        """Old raw events become daily counts (on the writer thread, once at start). sqlite-utils
        is only imported when there is something to fold."""
        import datetime as dt

        try:
            self._db = writer_connection(self.path)
            cutoff = (dt.date.today() - dt.timedelta(days=self.retention_days or 0)).isoformat()
            if self._db.execute("SELECT 1 FROM events WHERE day < ? LIMIT 1", [cutoff]).fetchone():
                from kiosk.core.usage.insights import rollup

                rollup(import_sqlite_utils().Database(self._db), dt.date.today(),
                       self.retention_days or 0)
        except db_errors() as exc:
            log.warning("%s: roll-up skipped: %s", self.path, exc)

    def _write_pending(self) -> None:
        with self._lock:
            rows = [e._asdict() for e in self._pending]
        if not rows:
            self.status = ""
            return
        try:
            if self._db is None:
                self._db = writer_connection(self.path)
            events = [r for r in rows if r["kind"] != COUNTED_ONLY]
            counted = [r for r in rows if r["kind"] == COUNTED_ONLY]
            db = self._db
            db.execute("BEGIN IMMEDIATE")
            try:
                db.executemany("INSERT INTO events (day, kind, language, module, item, value) "
                               "VALUES (:day, :kind, :language, :module, :item, :value)", events)
                for r in counted:
                    phase, _, answer = (r["value"] or ":").partition(":")
                    db.execute(
                        "INSERT INTO attitude_counts(day, phase, question, answer, count) "
                        "VALUES (?, ?, ?, ?, 1) ON CONFLICT(day, phase, question, answer) "
                        "DO UPDATE SET count = count + 1", [r["day"], phase, r["item"], answer])
                db.execute("COMMIT")
            except BaseException:
                if db.in_transaction:
                    db.execute("ROLLBACK")
                raise
        except db_errors() as exc:
            if self._db is not None:
                try:
                    self._db.close()
                except db_errors():
                    pass
                self._db = None
            self.status = f"usage log not writable ({exc}); {len(rows)} events kept in memory"
            log.warning("%s: %s", self.path, self.status)
            return
        with self._lock:
            del self._pending[:len(rows)]
        self.written += len(rows)
        self.status = ""


_FLUSH = object()  # wakes the writer without adding an event
