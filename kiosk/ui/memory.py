"""Memory freed is given back to the system once a screen is up.

glibc keeps what a program frees for its next requests, and a block still in use near the top of
its heap keeps everything under it. Each screen change frees what the old screen drew (cards,
pictures, tiles) in between what stays, so over a walk through every lesson the kiosk held ~3 MiB
it no longer used (bench/README.md, measure 7). ``malloc_trim`` hands those free pages back: it
takes 0.2 ms (p95 0.6 ms) after a screen change on the bench's machine. Elsewhere (Windows, a C
library without it) this does nothing.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import lru_cache

from PySide6.QtCore import QObject, QTimer

trims = 0  # how many times memory was handed back (for the tests)


@lru_cache(maxsize=1)
def _malloc_trim() -> Callable[[int], int] | None:
    if not sys.platform.startswith("linux"):
        return None
    import ctypes  # only once a screen is up: nothing before the first paint needs it

    try:
        trim = ctypes.CDLL(None).malloc_trim  # the C library the process already uses
    except (OSError, AttributeError):  # musl, or no symbol table to look in
        return None
    trim.argtypes, trim.restype = [ctypes.c_size_t], ctypes.c_int
    return trim


def give_back() -> bool:
    """Return the free pages of the C heap to the system; False where that cannot be done."""
    global trims
    trim = _malloc_trim()
    if trim is None:
        return False
    trim(0)
    trims += 1
    return True


def give_back_timer(parent: QObject) -> QTimer:
    """A timer to start after each screen change: it fires once the new screen is painted and its
    first words have started (both come first in the event loop), however many changes came."""
    timer = QTimer(parent)
    timer.setSingleShot(True)
    timer.setInterval(0)
    timer.timeout.connect(give_back)
    return timer
