"""The usage log: counters only, no order, private file modes, and a writer that survives faults."""

from __future__ import annotations

import os
import random
import sqlite3
import stat

import sqlite_utils

from kiosk.core.model import Event
from kiosk.core.usage import log as usagelog
from kiosk.core.usage.log import UsageLog, read_counts
from kiosk.core.usage.simulate import month
from tests.conftest import record_events


def ev(kind: str = "module_opened", module: str | None = "couple") -> Event:
    return Event(kind, "2026-11-26", "qu", module)


def write(path, events) -> UsageLog:
    return record_events(path, events)


def test_each_event_adds_one_to_its_cell_and_no_table_holds_a_row_per_event(tmp_path) -> None:
    path = tmp_path / "u.sqlite3"
    write(path, [ev("session_started", None), ev(), ev(), Event("quick_exit", "2026-11-26", "qu")])
    assert read_counts(path) == {("2026-11-26", "session_started", "qu", "", "", ""): 1,
                                 ("2026-11-26", "module_opened", "qu", "couple", "", ""): 2,
                                 ("2026-11-26", "quick_exit", "qu", "", "", ""): 1}
    db = sqlite3.connect(path)
    tables = sorted(r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'"))
    assert tables == ["_sqlite_migrations", "counts"]  # sqlite-utils' record of the schema, and the counts
    assert "WITHOUT ROWID" in db.execute("SELECT sql FROM sqlite_master WHERE name = 'counts'").fetchone()[0]
    applied = [r[0] for r in db.execute("SELECT applied_at FROM _sqlite_migrations")]
    assert applied and all(len(day) == 10 for day in applied)  # a day, never a time
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert usagelog.connect(path).execute("PRAGMA secure_delete").fetchone()[0] == 1


def test_the_same_visits_in_any_order_leave_identical_tables(tmp_path) -> None:
    visits = list(month(6, days=5, seed=3))
    shuffled = visits[:]
    random.Random(9).shuffle(shuffled)
    files = []
    for name, order in (("a", visits), ("b", shuffled)):
        path = tmp_path / f"{name}.sqlite3"
        write(path, [e for v in order for e in v])
        copy = tmp_path / f"{name}-copy.sqlite3"  # the table's pages as a fresh file holds them
        sqlite3.connect(path).execute(f"VACUUM INTO '{copy}'")
        files.append(copy.read_bytes())
        assert list(sqlite3.connect(path).iterdump()) == list(sqlite3.connect(
            tmp_path / "a.sqlite3").iterdump())
    assert files[0] == files[1]


def test_the_database_is_private_to_its_user(tmp_path) -> None:
    path = tmp_path / "data" / "u.sqlite3"
    write(path, [ev()])
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(path.parent).st_mode) == 0o700


def test_an_old_event_log_is_folded_into_counts_and_its_rows_are_gone(tmp_path) -> None:
    path = tmp_path / "u.sqlite3"
    old = sqlite_utils.Database(path)
    old["events"].insert_all([{"id": i, "day": "2026-11-20", "kind": "module_opened",
                               "language": "es", "module": "myths", "item": None, "value": None}
                              for i in range(1, 4)], pk="id")
    old["attitude_counts"].insert({"day": "2026-11-20", "phase": "before", "question": "q1",
                                   "answer": "agree", "count": 2})
    old["daily_counts"].insert({"day": "2026-01-02", "kind": "session_started", "language": "es",
                                "module": "", "item": "", "value": "", "count": 7})
    old.close()
    write(path, [Event("module_opened", "2026-11-20", "es", "myths")])
    assert read_counts(path) == {("2026-11-20", "module_opened", "es", "myths", "", ""): 4,
                                 ("2026-11-20", "attitude_answered", "", "", "q1", "before:agree"): 2,
                                 ("2026-01-02", "session_started", "es", "", "", ""): 7}
    assert b"myths" in path.read_bytes()  # the counter's key; but no per-event row in free pages:
    assert path.read_bytes().count(b"module_opened") == 1


def test_an_event_with_a_clock_time_or_unknown_kind_is_refused(tmp_path) -> None:
    path = tmp_path / "u.sqlite3"
    write(path, [Event("module_opened", "2026-11-26T10:31:00"), Event("name_typed", "2026-11-26"),
                 ev()])
    assert list(read_counts(path)) == [("2026-11-26", "module_opened", "qu", "couple", "", "")]


def test_a_locked_database_keeps_counts_until_it_can_write(tmp_path) -> None:
    path = tmp_path / "u.sqlite3"
    log = UsageLog(path, batch_wait=0.05)
    log.record(ev())
    assert log.flush()
    blocker = sqlite3.connect(path, isolation_level=None)
    blocker.execute("BEGIN EXCLUSIVE")  # another program holds the database
    log.record(ev("lesson_completed"))
    assert log.flush()
    assert log.pending == 1 and "no se puede escribir" in log.status
    blocker.execute("ROLLBACK")
    blocker.close()
    log.record(ev("lesson_completed"))
    assert log.flush()
    log.close()
    assert read_counts(path)[("2026-11-26", "lesson_completed", "qu", "couple", "", "")] == 2
    assert log.pending == 0 and log.status == ""


def test_a_refusing_disk_is_warned_about_once(tmp_path, caplog) -> None:
    path = tmp_path / "not-yet" / "deeper" / "u.sqlite3"
    (tmp_path / "not-yet").write_text("a file where the folder should be")
    log = UsageLog(path, batch_wait=0.01)
    for _ in range(5):
        log.record(ev())
        assert log.flush()
    assert log.pending == 5 and log.status
    warnings = [r for r in caplog.records if r.name == "kiosk.core.usage.log" and r.levelname == "WARNING"]
    assert len(warnings) == 1
    (tmp_path / "not-yet").unlink()
    log.record(ev())
    assert log.flush()
    log.close()
    assert read_counts(path)[("2026-11-26", "module_opened", "qu", "couple", "", "")] == 6


def test_a_corrupt_database_is_kept_aside_and_a_new_one_started(tmp_path) -> None:
    path = tmp_path / "u.sqlite3"
    write(path, [ev()] * 3)
    data = bytearray(path.read_bytes())
    data[100:4096] = os.urandom(3996)  # the schema page overwritten
    path.write_bytes(bytes(data))
    log = write(path, [ev("lesson_completed")])
    aside = tmp_path / "u.corrupt-1.sqlite3"
    assert aside.read_bytes() == bytes(data)  # kept for the programme, never deleted
    assert read_counts(path) == {("2026-11-26", "lesson_completed", "qu", "couple", "", ""): 1}
    assert any("u.corrupt-1.sqlite3" in w for w in log.warnings)
    path.write_bytes(os.urandom(8192))  # random bytes: not a database at all
    write(path, [ev()])
    assert (tmp_path / "u.corrupt-2.sqlite3").exists() and len(read_counts(path)) == 1


def test_the_writer_restarts_after_an_unexpected_error_and_says_so_once(tmp_path, monkeypatch,
                                                                        caplog) -> None:
    path = tmp_path / "u.sqlite3"
    real = usagelog.cell_of
    calls = {"n": 0}

    def flaky(event: Event):
        calls["n"] += 1
        if calls["n"] == 1:
            raise RuntimeError("a bug")
        return real(event)

    monkeypatch.setattr(usagelog, "cell_of", flaky)
    log = UsageLog(path, batch_wait=0.01)
    log.record(ev())
    log.record(ev())
    log.record(ev())
    log.flush()
    assert log.flush()
    log.record(ev())
    assert log.flush()
    log.close()
    assert log.restarts >= 1 and len(log.warnings) == 1 and not log._thread.is_alive()
    assert sum(1 for r in caplog.records if "restarted" in r.getMessage()) == 1
    assert read_counts(path)[("2026-11-26", "module_opened", "qu", "couple", "", "")] >= 1


def test_the_pending_counts_are_bounded(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(usagelog, "MAX_PENDING", 3)
    (tmp_path / "blocked").write_text("")
    log = UsageLog(tmp_path / "blocked" / "u.sqlite3", batch_wait=0.01)
    for i in range(10):
        log.record(Event("module_opened", "2026-11-26", "qu", f"m{i}"))
        log.record(Event("module_opened", "2026-11-26", "qu", "m0"))
    assert log.flush()
    log.close()
    assert len(log._pending) == 3 and log.dropped == 7


def test_the_facilitator_report_shows_the_log_warnings(kiosk) -> None:
    from kiosk.core.status import facilitator_report

    kiosk.usage.warnings.append("registro de uso dañado: guardado como u.corrupt-1.sqlite3")
    text = facilitator_report(kiosk.session.library, kiosk.session.settings, kiosk.usage, "")
    assert "ATENCIÓN: registro de uso dañado: guardado como u.corrupt-1.sqlite3" in text
