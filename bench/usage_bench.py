"""Usage log: cost of ``UsageLog.record`` on the calling (UI) thread, events/s to disk, size on disk.

    python bench/usage_bench.py WORK_DIR

Baselines, measured here too: ``queue.Queue.put`` of the same event (the least a hand-off to a
writer thread can cost); plain ``sqlite3`` ``executemany`` of the same rows into the same table in
one transaction (WAL, synchronous=NORMAL); the same rows as CSV (the data itself, no database).
"""

from __future__ import annotations

import csv
import queue
import sqlite3
import sys
import time
from pathlib import Path

from common import emit, summary

from kiosk.core.model import Event
from kiosk.core.usage.log import UsageLog

# Kinds with no module or item (every kind, attitude answers included, is now only counted).
PLAIN_KINDS = ("session_started", "quick_exit", "idle_reset", "group_session")
RECORD_SAMPLES = 20_000
VOLUME = 100_000


def events(count: int) -> list[Event]:
    """A plausible mix: mostly steps heard, some opens, answers and completions."""
    out = []
    for i in range(count):
        lang = ("es", "qu", "ay")[i % 3]
        module = f"module-{i % 17:02d}"
        day = f"2026-{1 + i // 28 % 12:02d}-{1 + i % 28:02d}"
        r = i % 10
        if r < 6:
            out.append(Event("step_heard", day, lang, module, f"step-{i % 8}", str(25 * (i % 5))))
        elif r == 6:
            out.append(Event("module_opened", day, lang, module))
        elif r == 7:
            out.append(Event("question_answered", day, lang, module, f"q{i % 3}", f"c{i % 4}"))
        elif r == 8:
            out.append(Event("lesson_completed", day, lang, module))
        else:
            out.append(Event(PLAIN_KINDS[i // 10 % len(PLAIN_KINDS)], day, lang))
    return out


def timed_calls(call, items: list[Event]) -> list[float]:  # type: ignore[no-untyped-def]
    clock = time.perf_counter_ns
    out = []
    for item in items:
        t = clock()
        call(item)
        out.append((clock() - t) / 1e6)
    return out


def record_cost(work: Path) -> dict:
    """Per-call cost, in bursts of three (one press) with the writer thread busy in between."""
    log = UsageLog(work / "cost.sqlite3")
    items = events(RECORD_SAMPLES)
    costs: list[float] = []
    for start in range(0, len(items), 300):
        costs += timed_calls(log.record, items[start:start + 300])
        time.sleep(0.002)  # the UI thread has other work between presses; the writer runs then
    log.flush(30)
    log.close()
    plain: queue.Queue[object] = queue.Queue()
    base = timed_calls(plain.put, items)
    return {"record_ms": summary(costs), "baseline_ms": summary(base), "written": log.written,
            "dropped": log.dropped}


def throughput(work: Path) -> dict:
    """100,000 events, recorded in blocks of 5,000 as fast as the writer takes them, to disk."""
    path = work / "volume.sqlite3"
    log = UsageLog(path)
    items = events(VOLUME)
    t0 = time.perf_counter()
    for start in range(0, VOLUME, 5000):
        for event in items[start:start + 5000]:
            log.record(event)
        log.flush(60)
    elapsed = time.perf_counter() - t0
    log.close()
    size = sum(p.stat().st_size for p in work.glob("volume.sqlite3*"))
    # baseline: the same rows, one executemany in one transaction, same table and pragmas
    base_path = work / "plain.sqlite3"
    conn = sqlite3.connect(base_path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute("CREATE TABLE events (id INTEGER PRIMARY KEY, day TEXT NOT NULL, kind TEXT NOT NULL, "
                 "language TEXT, module TEXT, item TEXT, value TEXT)")
    conn.execute("CREATE INDEX idx_events_day_kind ON events (day, kind)")
    rows = [(e.day, e.kind, e.language, e.module, e.item, e.value) for e in items]
    t1 = time.perf_counter()
    conn.execute("BEGIN")
    conn.executemany("INSERT INTO events (day, kind, language, module, item, value) "
                     "VALUES (?, ?, ?, ?, ?, ?)", rows)
    conn.execute("COMMIT")
    base_elapsed = time.perf_counter() - t1
    conn.close()
    csv_path = work / "events.csv"
    with csv_path.open("w", newline="") as fh:
        csv.writer(fh).writerows(tuple(e) for e in items)
    written = sqlite3.connect(path).execute("SELECT sum(n) FROM counts").fetchone()[0]
    return {"events_per_s": VOLUME / elapsed, "baseline_events_per_s": VOLUME / base_elapsed,
            "bytes": size, "csv_bytes": csv_path.stat().st_size, "written": written,
            "dropped": log.dropped}


if __name__ == "__main__":
    work = Path(sys.argv[1])
    work.mkdir(parents=True, exist_ok=True)
    emit({"cost": record_cost(work), "volume": throughput(work)})
