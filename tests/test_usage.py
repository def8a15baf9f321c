"""The usage log: schema by migration, days only, and a disk that refuses never loses events."""

from __future__ import annotations

import sqlite3
import subprocess
import sys

import sqlite_utils

from kiosk.core.model import Event
from kiosk.core.usage.log import SCHEMA, UsageLog, migrations, open_db


def ev(kind: str = "module_opened", module: str | None = "couple") -> Event:
    return Event(kind, "2026-11-26", "qu", module)


def rows(path) -> list[dict]:
    return list(sqlite_utils.Database(path)["events"].rows_where(order_by="id"))


def test_migrations_create_the_schema_once(tmp_path) -> None:
    db = open_db(tmp_path / "u.sqlite3")
    assert db["events"].exists()
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    db.close()
    db = open_db(tmp_path / "u.sqlite3")  # again: nothing re-applied, nothing lost
    assert [r["name"] for r in db["_sqlite_migrations"].rows] == ["m001_events", "m002_attitude_counts"]


def test_the_writer_knows_every_migration_by_name() -> None:
    """With all of SCHEMA applied the kiosk writes without sqlite-utils: a migration left out of
    SCHEMA would never be applied to a kiosk's existing log."""
    assert tuple(m.name for m in migrations()._migrations) == SCHEMA


WRITER = """
import sqlite3, sys
from kiosk.core.usage.log import UsageLog
from kiosk.core.model import Event
log = UsageLog(sys.argv[1], retention_days=90)
log.record(Event("module_opened", "2026-11-26", "qu", "couple"))
log.record(Event("attitude_answered", "2026-11-26", "es", None, "q1", "before:agree"))
assert log.flush(10)
log.close()
print("sqlite_utils" in sys.modules)
"""


def test_a_log_with_its_schema_is_written_without_sqlite_utils(tmp_path) -> None:
    path = tmp_path / "u.sqlite3"
    first = subprocess.run([sys.executable, "-c", WRITER, str(path)], capture_output=True, text=True,
                           check=True)
    again = subprocess.run([sys.executable, "-c", WRITER, str(path)], capture_output=True, text=True,
                           check=True)
    assert (first.stdout.split(), again.stdout.split()) == (["True"], ["False"])  # created, then reused
    assert [(r["kind"], r["module"]) for r in rows(path)] == [("module_opened", "couple")] * 2
    db = sqlite_utils.Database(path)
    assert [r["count"] for r in db["attitude_counts"].rows] == [2]
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_old_events_are_still_rolled_up_by_a_log_with_its_schema(tmp_path) -> None:
    path = tmp_path / "u.sqlite3"
    open_db(path)["events"].insert({"day": "2020-01-02", "kind": "module_opened", "module": "couple"})
    log = UsageLog(path, retention_days=90)
    log.record(ev())
    assert log.flush()
    log.close()
    db = sqlite_utils.Database(path)
    assert [r["day"] for r in rows(path)] == ["2026-11-26"]
    assert [(r["day"], r["count"]) for r in db["daily_counts"].rows] == [("2020-01-02", 1)]


def test_events_are_written_in_order(tmp_path) -> None:
    log = UsageLog(tmp_path / "u.sqlite3")
    for kind in ("session_started", "module_opened", "lesson_completed"):
        log.record(ev(kind))
    assert log.flush()
    log.close()
    assert [r["kind"] for r in rows(tmp_path / "u.sqlite3")] == [
        "session_started", "module_opened", "lesson_completed"]


def test_an_event_with_a_clock_time_or_unknown_kind_is_refused(tmp_path) -> None:
    log = UsageLog(tmp_path / "u.sqlite3")
    log.record(Event("module_opened", "2026-11-26T10:31:00"))
    log.record(Event("name_typed", "2026-11-26"))
    log.record(ev())
    assert log.flush()
    log.close()
    assert [r["day"] for r in rows(tmp_path / "u.sqlite3")] == ["2026-11-26"]


def test_a_locked_database_keeps_events_until_it_can_write(tmp_path) -> None:
    path = tmp_path / "u.sqlite3"
    log = UsageLog(path, batch_wait=0.05)
    log.record(ev())
    assert log.flush()
    blocker = sqlite3.connect(path, isolation_level=None)
    blocker.execute("BEGIN EXCLUSIVE")  # another program holds the database
    log.record(ev("lesson_completed"))
    assert log.flush()
    assert log.pending == 1 and "not writable" in log.status
    blocker.execute("ROLLBACK")
    blocker.close()
    log.record(ev("question_answered"))
    assert log.flush()
    log.close()
    assert [r["kind"] for r in rows(path)] == ["module_opened", "lesson_completed", "question_answered"]
    assert log.pending == 0 and log.status == ""


def test_an_unwritable_folder_never_raises_and_recovers(tmp_path) -> None:
    path = tmp_path / "not-yet" / "u.sqlite3"  # its folder does not exist: SQLite cannot open it
    log = UsageLog(path, batch_wait=0.05)
    log.record(ev())
    assert log.flush()
    assert log.pending == 1 and log.status
    path.parent.mkdir()
    log.record(ev("lesson_completed"))
    assert log.flush()
    log.close()
    assert [r["kind"] for r in rows(path)] == ["module_opened", "lesson_completed"]
