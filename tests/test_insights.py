"""Exports suppress small counts (and what would reveal them); roll-up; merging kiosks."""

from __future__ import annotations

import datetime as dt

import sqlite_utils

from kiosk.cli import main
from kiosk.core.model import Event
from kiosk.core.usage import insights
from kiosk.core.usage.log import open_db


def fill(path, events: list[tuple[str, str, str | None, str | None, str | None, int]]) -> None:
    db = open_db(path)
    rows = []
    for day, kind, module, item, value, n in events:
        rows += [{"day": day, "kind": kind, "language": "qu", "module": module, "item": item,
                  "value": value}] * n
    db["events"].insert_all(rows)
    db.close()


def counts(path) -> dict[tuple[str, ...], tuple[int | None, int]]:
    db = sqlite_utils.Database(path)
    return {(r["day"], r["kind"], r["module"], r["item"], r["value"]): (r["count"], r["suppressed"])
            for r in db["counts"].rows}


def test_small_counts_and_what_reveals_them_are_suppressed(tmp_path) -> None:
    fill(tmp_path / "u.sqlite3", [
        ("2026-11-20", "question_answered", "myths", "q1", "agree", 3),      # small: hidden
        ("2026-11-20", "question_answered", "myths", "q1", "disagree", 12),  # its sibling: hidden too
        ("2026-11-20", "question_answered", "myths", "q1", "dont-know", 40),
        ("2026-11-20", "module_opened", "myths", "", "", 55),
    ])
    result = insights.export(tmp_path / "u.sqlite3", tmp_path / "out.sqlite3", tmp_path)
    c = counts(tmp_path / "out.sqlite3")
    assert c[("2026-11-20", "question_answered", "myths", "q1", "agree")] == (None, 1)
    assert c[("2026-11-20", "question_answered", "myths", "q1", "disagree")] == (None, 1)
    assert c[("2026-11-20", "question_answered", "myths", "q1", "dont-know")] == (40, 0)
    assert c[("2026-11-20", "module_opened", "myths", "", "")] == (55, 0)
    assert result == {"cells": 4, "suppressed": 2}
    out = sqlite_utils.Database(tmp_path / "out.sqlite3")
    assert set(out["counts"].columns_dict) == {"day", "kind", "language", "module", "item", "value",
                                              "count", "suppressed"}
    assert not any(v is not None and 0 < v < 10 for v, _s in c.values())


def test_attitude_counts_are_suppressed_too(tmp_path) -> None:
    db = open_db(tmp_path / "u.sqlite3")
    cell = {"day": "2026-11-20", "phase": "before", "question": "jealousy-love"}
    db["attitude_counts"].insert_all([{**cell, "answer": "agree", "count": 4},
                                      {**cell, "answer": "disagree", "count": 30},
                                      {**cell, "answer": "dont-know", "count": 11}])
    db.close()
    insights.export(tmp_path / "u.sqlite3", tmp_path / "out.sqlite3", tmp_path)
    out = sqlite_utils.Database(tmp_path / "out.sqlite3")
    rows = {r["answer"]: r["count"] for r in out["attitude_counts"].rows}
    assert rows == {"agree": None, "dont-know": None, "disagree": 30}


def test_rollup_keeps_counts_and_deletes_old_raw_events(tmp_path) -> None:
    fill(tmp_path / "u.sqlite3", [("2026-01-10", "module_opened", "myths", None, None, 12),
                                  ("2026-11-25", "module_opened", "myths", None, None, 11)])
    db = open_db(tmp_path / "u.sqlite3")
    assert insights.rollup(db, dt.date(2026, 11, 26), retention_days=90) == 12
    assert db["events"].count == 11
    assert insights.daily_counts(db) == {
        ("2026-01-10", "module_opened", "qu", "myths", "", ""): 12,
        ("2026-11-25", "module_opened", "qu", "myths", "", ""): 11}
    db.close()


def test_merge_adds_kiosks_and_counts_each_kiosk_once(tmp_path) -> None:
    exports = []
    for name, n in (("a", 15), ("b", 4)):
        folder = tmp_path / name
        folder.mkdir()
        fill(folder / "u.sqlite3", [("2026-11-20", "lesson_completed", "myths", None, None, n),
                                    ("2026-11-20", "session_started", None, None, None, 20)])
        insights.export(folder / "u.sqlite3", folder / "out.sqlite3", folder)
        exports.append(folder / "out.sqlite3")
    merged = tmp_path / "merged.sqlite3"
    assert insights.merge([*exports, exports[0]], merged) == {"kiosks": 2, "cells": 2}
    rows = {r["kind"]: r for r in sqlite_utils.Database(merged)["counts"].rows}
    assert rows["session_started"]["count"] == 40
    assert rows["lesson_completed"]["count"] is None  # kiosk b's 4 was hidden: no false total
    assert rows["lesson_completed"]["at_least"] == 16 and rows["lesson_completed"]["kiosks_suppressed"] == 1


def test_usage_export_command(tmp_path, capsys) -> None:
    data = tmp_path / "data"
    data.mkdir()
    from kiosk.core.usage.log import UsageLog

    log = UsageLog(data / "usage.sqlite3")
    for _ in range(10):
        log.record(Event("session_started", "2026-11-20", "ay"))
    assert log.flush()
    log.close()
    assert main(["--data-dir", str(data), "usage", "export", str(tmp_path / "x.sqlite3")]) == 0
    assert "1 daily counts written" in capsys.readouterr().out
    assert (data / "install-id").read_text().strip() == insights.install_id(data)
