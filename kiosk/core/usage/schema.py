"""The usage store's schema, as numbered sqlite-utils migrations (the project's choice for it).

The kiosk's writer needs none of this once a file has every migration (``is_current``, plain SQL):
sqlite-utils is imported only to create a new file or migrate an old one. m001 and m002 are the
first round's tables (one row per event; attitude counts) and stay so that old files migrate; m003
folds them into the one table of counters and drops them (docs/decisions/010-usage-counts.md).
"""

from __future__ import annotations

import sqlite3
from typing import Any

MIGRATION_SET = "willay.usage"
SCHEMA = ("m001_events", "m002_attitude_counts", "m003_counts_only")
CREATE = """CREATE TABLE IF NOT EXISTS counts (
    day TEXT NOT NULL, kind TEXT NOT NULL, language TEXT NOT NULL, module TEXT NOT NULL,
    item TEXT NOT NULL, value TEXT NOT NULL, n INTEGER NOT NULL,
    PRIMARY KEY (day, kind, language, module, item, value)) WITHOUT ROWID"""


def is_current(conn: sqlite3.Connection) -> bool:
    """Every migration already applied to this file? Plain SQL: no sqlite-utils import needed."""
    try:
        rows = conn.execute("SELECT name FROM _sqlite_migrations WHERE migration_set = ?",
                            [MIGRATION_SET]).fetchall()
    except sqlite3.Error:
        return False  # no bookkeeping table yet: a new file, or one from before the migrations
    return set(SCHEMA) <= {row[0] for row in rows}


def migrations() -> Any:
    from sqlite_utils.migrations import Migrations

    m = Migrations(MIGRATION_SET)

    @m()
    def m001_events(db: Any) -> None:
        """The first round's log: one row per event (folded and dropped by m003)."""
        if not db["events"].exists():
            db["events"].create({"id": int, "day": str, "kind": str, "language": str, "module": str,
                                 "item": str, "value": str}, pk="id", not_null={"day", "kind"})

    @m()
    def m002_attitude_counts(db: Any) -> None:
        if not db["attitude_counts"].exists():
            db["attitude_counts"].create({"day": str, "phase": str, "question": str, "answer": str,
                                          "count": int}, pk=("day", "phase", "question", "answer"))

    @m()
    def m003_counts_only(db: Any) -> None:
        """One table of counters whose physical order is its key; no row per event survives."""
        conn = db.conn
        tables = set(db.table_names())
        conn.execute(CREATE)
        if "events" in tables:
            conn.execute("INSERT INTO counts SELECT day, kind, coalesce(language, ''), "
                         "coalesce(module, ''), coalesce(item, ''), coalesce(value, ''), count(*) "
                         "FROM events WHERE true GROUP BY 1, 2, 3, 4, 5, 6 "
                         "ON CONFLICT DO UPDATE SET n = n + excluded.n")
        if "daily_counts" in tables:
            conn.execute("INSERT INTO counts SELECT day, kind, language, module, item, value, count "
                         "FROM daily_counts WHERE true ON CONFLICT DO UPDATE SET n = n + excluded.n")
        if "attitude_counts" in tables:
            conn.execute("INSERT INTO counts SELECT day, 'attitude_answered', '', '', question, "
                         "phase || ':' || answer, count FROM attitude_counts WHERE true "
                         "ON CONFLICT DO UPDATE SET n = n + excluded.n")
        for old in ("events", "daily_counts", "attitude_counts"):
            if old in tables:
                conn.execute(f"DROP TABLE {old}")

    return m


def migrate(conn: sqlite3.Connection) -> None:
    """Create or migrate the file (sqlite-utils), then VACUUM so no per-event row survives in the
    free pages of an old log."""
    import sqlite_utils

    had_rows = bool(conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name IN "
                                 "('events', 'daily_counts', 'attitude_counts')").fetchone())
    migrations().apply(sqlite_utils.Database(conn))
    conn.execute("UPDATE _sqlite_migrations SET applied_at = substr(applied_at, 1, 10)")  # a day
    if had_rows:
        conn.execute("VACUUM")
