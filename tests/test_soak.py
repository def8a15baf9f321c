"""The soak (``make soak``): 10,000 scripted actions through the real window, with quick exits and idle
resets among them; memory growth and open file handles must stay bounded. Figures are printed (run
with ``-s`` to see them; the Makefile does)."""

from __future__ import annotations

import gc
import os
import random
from pathlib import Path

import pytest

from kiosk.core.session.view import Act, Action

ACTIONS = 10_000
MAX_GROWTH_MIB = 40.0
MAX_NEW_FDS = 4
PLAIN = [Act.CHOOSE, Act.TOUCH, Act.HOVER, Act.ACTIVATE, Act.REPEAT, Act.PREV, Act.NEXT, Act.BACK, Act.HOME]


def rss_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def open_fds() -> int:
    return len(os.listdir("/proc/self/fd"))


@pytest.mark.soak
@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads /proc")
def test_ten_thousand_actions_with_quick_exits_and_idle_resets(kiosk, qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication

    window = kiosk.window
    rng = random.Random(11)

    def run(n: int) -> dict[str, int]:
        counts = {"quick_exit": 0, "idle": 0, "other": 0}
        for i in range(n):
            roll = rng.random()
            if roll < 0.03:
                window.quick_exit()
                counts["quick_exit"] += 1
            elif roll < 0.05:
                window.act(Action(Act.IDLE))
                counts["idle"] += 1
            else:
                window.act(Action(rng.choice(PLAIN), rng.randint(0, 9)))
                counts["other"] += 1
            if i % 50 == 0:
                QApplication.processEvents()
        return counts

    run(1_000)  # warm up: every screen built, caches filled
    gc.collect()
    QApplication.processEvents()
    rss0, fds0 = rss_mib(), open_fds()
    counts = run(ACTIONS // 2)
    gc.collect()
    QApplication.processEvents()
    half = rss_mib() - rss0  # growth that keeps on in the second half would be a leak
    more = run(ACTIONS - ACTIONS // 2)
    counts = {k: counts[k] + more[k] for k in counts}
    gc.collect()
    QApplication.processEvents()
    growth, new_fds = rss_mib() - rss0, open_fds() - fds0
    print(f"\nsoak: {ACTIONS} actions ({counts['quick_exit']} quick exits, {counts['idle']} idle resets); "
          f"RSS {rss0:.1f} -> {rss0 + growth:.1f} MiB (growth {growth:+.1f} MiB, "
          f"{half:+.1f} in the first half); "
          f"open files {fds0} -> {fds0 + new_fds}")
    assert growth < MAX_GROWTH_MIB
    assert new_fds <= MAX_NEW_FDS
    window.quick_exit()
    assert window.session.state.screen.name == "NEUTRAL"
