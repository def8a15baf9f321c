"""A simulated month of visits through the real ``UsageLog``, then the monthly export.

    python bench/usage_month.py WORK_DIR

For 4, 6, 8 and 20 (±3) visits a day over 30 days (``kiosk.core.usage.simulate``, seeded): the
share of the month's sessions, lesson starts and lesson completions that the monthly export
(k = 10) shows in its finest breakdown (sessions by language, lessons by module), whether any
count from 1 to 9 is listed, the export's time (median of 5, ``kiosk usage export``'s code path)
and the store's size on disk. The same figures from the per-event store this replaced were 0 %,
0 % and 2 % visible at 4, 8 and 20 a day (issue 13).
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

from common import emit

from kiosk.core.usage import formats, insights
from kiosk.core.usage.log import UsageLog, read_counts
from kiosk.core.usage.simulate import month

RATES = (4, 6, 8, 20)


def one(work: Path, per_day: int) -> dict:
    folder = work / f"month-{per_day}"
    folder.mkdir(parents=True, exist_ok=True)
    db = folder / "usage.sqlite3"
    log = UsageLog(db)
    visits = events = 0
    for visit in month(per_day, days=30, seed=per_day):
        visits += 1
        for e in visit:
            log.record(e)
            events += 1
    log.flush(60)
    log.close()
    times = []
    for _ in range(5):
        t0 = time.perf_counter()
        formats.export(db, folder / "export.sqlite3", folder)
        times.append((time.perf_counter() - t0) * 1000)
    cells = insights.aggregate(read_counts(db))
    _meta, shown = formats.read_export(folder / "export.sqlite3")
    return {"visits_per_day": per_day, "visits": visits, "events": events,
            "store_bytes": sum(p.stat().st_size for p in folder.glob("usage.sqlite3*")),
            "store_cells": len(read_counts(db)), "export_cells": len(shown),
            "candidate_cells": len(cells), "export_ms": statistics.median(times),
            "small_listed": sum(1 for n in shown.values() if 0 < n < insights.DEFAULT_K),
            "sessions": insights.visible_share(cells, shown, "session_started", "language"),
            "lesson_starts": insights.visible_share(cells, shown, "module_opened", "module"),
            "completions": insights.visible_share(cells, shown, "lesson_completed", "module")}


if __name__ == "__main__":
    work = Path(sys.argv[1])
    work.mkdir(parents=True, exist_ok=True)
    emit({"months": [one(work, r) for r in RATES]})
