"""Freed memory goes back to the system once a new screen is up (kiosk/ui/memory.py)."""

from __future__ import annotations

import sys

import pytest

from kiosk.core.session import Act, Action
from kiosk.ui import memory
from tests.test_soak import rss_mib


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's malloc_trim")
def test_memory_freed_between_blocks_still_in_use_is_given_back() -> None:
    """What a screen frees lies between what stays: glibc keeps it until it is handed back."""
    blocks = [bytes(2000) for _ in range(20_000)]  # ~40 MB of C heap, below the mmap threshold
    kept = blocks[::50]  # what stays pins the heap: nothing is returned on its own
    del blocks
    before = rss_mib()
    assert memory.give_back()
    assert (before - rss_mib()) * 1024 > 20_000, "less than 20 MB of ~39 MB freed went back"
    del kept


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's malloc_trim")
def test_the_window_gives_memory_back_after_each_new_screen(qtbot, kiosk) -> None:
    window = kiosk.window
    qtbot.waitUntil(lambda: window._give_back_timer is not None, timeout=5000)  # after the first paint
    changes = 0
    for action in (Action(Act.ACTIVATE), Action(Act.CHOOSE, 1), Action(Act.CHOOSE, 1)):
        qtbot.wait(20)  # what the last screen gave back is done
        done = memory.trims
        if window.act(action).changed:  # the first touch of a picture only speaks it
            changes += 1
            qtbot.waitUntil(lambda done=done: memory.trims > done, timeout=2000)
    assert changes == 2  # attract → languages → home
