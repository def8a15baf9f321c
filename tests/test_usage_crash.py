"""kill -9 mid-writing: every count the log acknowledged as written survives, and the file is sound.

A child process records scripted visits and, after each ``flush``, prints the cells it was told
were written. The parent kills it with SIGKILL after a random number of acknowledgements (while
it goes on writing), then opens the file as the kiosk would. 5 rounds here; 50 with ``-m soak``.
"""

from __future__ import annotations

import json
import random
import signal
import sqlite3
import subprocess
import sys
from collections import Counter

import pytest

from kiosk.core.usage.log import read_counts

CHILD = """
import json, sys
from kiosk.core.usage.log import UsageLog, cell_of
from kiosk.core.usage.simulate import month
log = UsageLog(sys.argv[1], batch_wait=0.01)
for visit in month(20, days=400, seed=int(sys.argv[2])):
    for e in visit:
        log.record(e)
    if log.flush(30) and not log.pending:
        print(json.dumps([cell_of(e) for e in visit]), flush=True)
"""


def crash_once(tmp_path, seed: int) -> None:
    path = tmp_path / f"u{seed}.sqlite3"
    if seed % 2:  # half the rounds start from a file that already holds counts
        subprocess.run([sys.executable, "-c", CHILD.replace("month(20, days=400", "month(2, days=3"),
                        str(path), "99"], check=True, capture_output=True)
    before = Counter(read_counts(path)) if path.exists() else Counter()
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(path), str(seed)],
                             stdout=subprocess.PIPE, text=True)
    acked: Counter[tuple[str, ...]] = Counter()
    stop_after = random.Random(seed).randint(1, 40)
    assert child.stdout is not None
    for n, line in enumerate(child.stdout, 1):
        for cell in json.loads(line):
            acked[tuple(cell)] += 1
        if n >= stop_after:
            child.send_signal(signal.SIGKILL)
            break
    child.wait()
    assert child.returncode == -signal.SIGKILL
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    after = read_counts(path)
    lost = {c: n for c, n in (acked + before).items() if after.get(c, 0) < n}  # type: ignore[call-overload]
    assert not lost, f"round {seed}: acknowledged counts lost: {lost}"


@pytest.mark.parametrize("seed", range(5))
def test_a_kill_9_keeps_every_acknowledged_count(tmp_path, seed) -> None:
    crash_once(tmp_path, seed)


@pytest.mark.soak
@pytest.mark.parametrize("seed", range(100, 150))
def test_a_kill_9_keeps_every_acknowledged_count_50_times(tmp_path, seed) -> None:
    crash_once(tmp_path, seed)
