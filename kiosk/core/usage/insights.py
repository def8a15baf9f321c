"""Anonymous statistics: daily roll-up, exports with small-cell suppression, merging kiosks.

- ``rollup``: raw events older than the retention period become daily counts and are deleted.
- ``export``: daily counts (of raw events and roll-ups) go to a new SQLite file that can leave the
  kiosk. Any count from 1 to k−1 is suppressed (stored as NULL, ``suppressed = 1``); and where a
  group of sibling cells (same day, kind, language, module and item) has exactly one suppressed
  cell, the smallest other cell is suppressed too, so the hidden one cannot be derived from the
  rest. Attitude counts are treated the same way per (day, phase, statement).
- ``merge``: several exports (one per kiosk) are added up at the programme office; a cell that was
  suppressed on any kiosk is marked, and its known part is never shown as if it were the total.
The kiosk install id is random, made once per install, and only serves to merge without counting
a kiosk twice. No export holds a clock time, a person or a device id.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import uuid
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from kiosk.core.usage.log import import_sqlite_utils, open_db

sqlite_utils = import_sqlite_utils()  # not a plain import: that would load numpy too

DEFAULT_K = 10
DEFAULT_RETENTION_DAYS = 90
GROUP = ("day", "kind", "language", "module", "item")
CELL = GROUP + ("value",)


def install_id(data_dir: Path) -> str:
    """A random id for this install (not the device, not a person), made on first use."""
    path = data_dir / "install-id"
    try:
        return path.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        value = uuid.uuid4().hex
        data_dir.mkdir(parents=True, exist_ok=True)
        path.write_text(value + "\n", encoding="utf-8")
        return value


def _ensure_daily(db: Any) -> None:
    if not db["daily_counts"].exists():
        db["daily_counts"].create(
            {"day": str, "kind": str, "language": str, "module": str, "item": str, "value": str,
             "count": int}, pk=CELL)


def rollup(db: Any, today: dt.date,
           retention_days: int = DEFAULT_RETENTION_DAYS) -> int:
    """Fold events older than the retention period into daily counts; delete them. Returns rows."""
    _ensure_daily(db)
    cutoff = (today - dt.timedelta(days=retention_days)).isoformat()
    with db.atomic():
        rows = list(db.query(
            "SELECT day, kind, coalesce(language, '') AS language, coalesce(module, '') AS module, "
            "coalesce(item, '') AS item, coalesce(value, '') AS value, count(*) AS n "
            "FROM events WHERE day < ? GROUP BY 1, 2, 3, 4, 5, 6", [cutoff]))
        for r in rows:
            db.execute(
                "INSERT INTO daily_counts VALUES (?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT(day, kind, language, module, item, value) DO UPDATE SET "
                "count = count + excluded.count",
                [r["day"], r["kind"], r["language"], r["module"], r["item"], r["value"], r["n"]])
        deleted = db.execute("DELETE FROM events WHERE day < ?", [cutoff]).rowcount
    return int(deleted)


def daily_counts(db: Any) -> dict[tuple[str, ...], int]:
    """Every count the kiosk knows, raw events and roll-ups together, keyed by cell."""
    counts: dict[tuple[str, ...], int] = defaultdict(int)
    for r in db.query(
            "SELECT day, kind, coalesce(language, '') AS language, coalesce(module, '') AS module, "
            "coalesce(item, '') AS item, coalesce(value, '') AS value, count(*) AS n "
            "FROM events GROUP BY 1, 2, 3, 4, 5, 6"):
        counts[tuple(r[c] for c in CELL)] += r["n"]
    if db["daily_counts"].exists():
        for r in db["daily_counts"].rows:
            counts[tuple(r[c] for c in CELL)] += r["count"]
    return dict(counts)


def suppress(counts: dict[tuple[str, ...], int], group_size: int, k: int
             ) -> dict[tuple[str, ...], int | None]:
    """Primary suppression (1..k−1) and complementary suppression within sibling groups."""
    out: dict[tuple[str, ...], int | None] = {c: (n if n >= k else None) for c, n in counts.items()}
    groups: dict[tuple[str, ...], list[tuple[str, ...]]] = defaultdict(list)
    for cell in counts:
        groups[cell[:group_size]].append(cell)
    for cells in groups.values():
        hidden = [c for c in cells if out[c] is None]
        shown = sorted((c for c in cells if out[c] is not None), key=lambda c: counts[c])
        if len(hidden) == 1 and shown:
            out[shown[0]] = None
    return out


def export(db_path: Path, out_path: Path, data_dir: Path, k: int = DEFAULT_K,
           today: dt.date | None = None) -> dict[str, int]:
    """Write the kiosk's suppressed daily counts to ``out_path`` (a new SQLite file)."""
    today = today or dt.date.today()
    db = open_db(db_path)
    try:
        counts = suppress(daily_counts(db), len(GROUP), k)
        attitude: dict[tuple[str, ...], int] = {(r["day"], r["phase"], r["question"], r["answer"]): r["count"]
                    for r in db["attitude_counts"].rows}
    finally:
        db.close()
    attitude_out = suppress(attitude, 3, k)
    tmp = out_path.with_name(out_path.name + ".part")
    tmp.unlink(missing_ok=True)
    out = sqlite_utils.Database(tmp)
    kiosk = install_id(data_dir)
    out["meta"].insert_all([
        {"name": "format", "value": "willay-usage-export/1"}, {"name": "kiosk", "value": kiosk},
        {"name": "exported_on", "value": today.isoformat()}, {"name": "k", "value": str(k)}],
        pk="name")
    out["counts"].insert_all(
        ({**dict(zip(CELL, cell, strict=True)), "count": n, "suppressed": int(n is None)}
         for cell, n in sorted(counts.items())), pk=CELL)
    out["attitude_counts"].insert_all(
        ({"day": c[0], "phase": c[1], "question": c[2], "answer": c[3], "count": n,
          "suppressed": int(n is None)} for c, n in sorted(attitude_out.items())),
        pk=("day", "phase", "question", "answer"))
    out.close()
    tmp.replace(out_path)
    return {"cells": len(counts), "suppressed": sum(1 for n in counts.values() if n is None)}


def merge(inputs: Iterable[Path], out_path: Path) -> dict[str, int]:
    """Add up several kiosks' exports. A kiosk exported twice counts once (its newest export)."""
    newest: dict[str, tuple[str, Path]] = {}
    for path in inputs:
        db = sqlite_utils.Database(sqlite3.connect(f"file:{path}?mode=ro", uri=True))
        meta = {r["name"]: r["value"] for r in db["meta"].rows}
        db.close()
        if meta.get("format") != "willay-usage-export/1":
            raise ValueError(f"{path}: not a Willay usage export")
        kiosk, when = meta["kiosk"], meta["exported_on"]
        if kiosk not in newest or when > newest[kiosk][0]:
            newest[kiosk] = (when, path)
    totals: dict[tuple[str, ...], int] = defaultdict(int)
    hidden: dict[tuple[str, ...], int] = defaultdict(int)
    for _when, path in newest.values():
        db = sqlite_utils.Database(sqlite3.connect(f"file:{path}?mode=ro", uri=True))
        for r in db["counts"].rows:
            cell = tuple(r[c] for c in CELL)
            if r["suppressed"]:
                hidden[cell] += 1
            else:
                totals[cell] += r["count"]
        db.close()
    tmp = out_path.with_name(out_path.name + ".part")
    tmp.unlink(missing_ok=True)
    out = sqlite_utils.Database(tmp)
    cells = sorted(set(totals) | set(hidden))
    out["counts"].insert_all(
        ({**dict(zip(CELL, cell, strict=True)),
          "count": None if hidden.get(cell) else totals.get(cell, 0),
          "at_least": totals.get(cell, 0) + hidden.get(cell, 0),
          "kiosks_suppressed": hidden.get(cell, 0)} for cell in cells), pk=CELL)
    out["meta"].insert_all([{"name": "kiosks", "value": str(len(newest))},
                            {"name": "format", "value": "willay-usage-merge/1"}], pk="name")
    out.close()
    tmp.replace(out_path)
    return {"kiosks": len(newest), "cells": len(cells)}
