"""The usage log: schema by migration, days only, and a disk that refuses never loses events."""

from __future__ import annotations

import sqlite3

import sqlite_utils

from kiosk.core.session import Event
from kiosk.core.usage import UsageLog, open_db


def ev(kind: str = "module_opened", module: str | None = "couple") -> Event:
    return Event(kind, "2026-11-26", "qu", module)


def rows(path) -> list[dict]:  # type: ignore[no-untyped-def]
    return list(sqlite_utils.Database(path)["events"].rows_where(order_by="id"))


def test_migrations_create_the_schema_once(tmp_path) -> None:  # type: ignore[no-untyped-def]
    db = open_db(tmp_path / "u.sqlite3")
    assert db["events"].exists()
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    db.close()
    db = open_db(tmp_path / "u.sqlite3")  # again: nothing re-applied, nothing lost
    assert [r["name"] for r in db["_sqlite_migrations"].rows] == ["m001_events", "m002_attitude_counts"]


def test_events_are_written_in_order(tmp_path) -> None:  # type: ignore[no-untyped-def]
    log = UsageLog(tmp_path / "u.sqlite3")
    for kind in ("session_started", "module_opened", "lesson_completed"):
        log.record(ev(kind))
    assert log.flush()
    log.close()
    assert [r["kind"] for r in rows(tmp_path / "u.sqlite3")] == [
        "session_started", "module_opened", "lesson_completed"]


def test_an_event_with_a_clock_time_or_unknown_kind_is_refused(tmp_path) -> None:  # type: ignore[no-untyped-def]
    log = UsageLog(tmp_path / "u.sqlite3")
    log.record(Event("module_opened", "2026-11-26T10:31:00"))
    log.record(Event("name_typed", "2026-11-26"))
    log.record(ev())
    assert log.flush()
    log.close()
    assert [r["day"] for r in rows(tmp_path / "u.sqlite3")] == ["2026-11-26"]


def test_a_locked_database_keeps_events_until_it_can_write(tmp_path) -> None:  # type: ignore[no-untyped-def]
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


def test_an_unwritable_folder_never_raises_and_recovers(tmp_path) -> None:  # type: ignore[no-untyped-def]
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
