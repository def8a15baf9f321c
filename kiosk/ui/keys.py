"""Keys: the keypad map (the same on every screen) and the Shift×3 quick-exit counter."""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import lru_cache

from PySide6 import QtCore

from kiosk.core.session import Act

QUICK_EXIT_PRESSES = 3
QUICK_EXIT_WINDOW = 5.0  # seconds


@lru_cache(maxsize=1)
def keymap() -> tuple[dict[int, Act], dict[int, int]]:
    """Keys → actions, and digit keys → numbers. Built after the first paint (``prepare``): the
    first touch of ``Qt`` makes PySide build all of its enums, ~20 ms (see widgets.STYLE)."""
    key = QtCore.Qt.Key
    actions = {
        key.Key_Return: Act.ACTIVATE, key.Key_Enter: Act.ACTIVATE, key.Key_Clear: Act.ACTIVATE,
        key.Key_0: Act.REPEAT, key.Key_Insert: Act.REPEAT,
        key.Key_Left: Act.PREV, key.Key_Up: Act.PREV,
        key.Key_Right: Act.NEXT, key.Key_Down: Act.NEXT,
        key.Key_Backspace: Act.BACK, key.Key_Home: Act.HOME,
    }
    digits = {getattr(key, f"Key_{n}"): n for n in range(1, 10)}
    return {int(k.value): a for k, a in actions.items()}, {int(k.value): n for k, n in digits.items()}


class ShiftCounter:
    """Shift pressed alone three times within five seconds; any other key starts over.

    A press counts when Shift is *released* with no other key pressed meanwhile (as GOV.UK's
    "Exit this page" does), so typing Shift+letter never counts towards an exit.
    """

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self.presses: list[float] = []
        self.alone = False

    def shift_down(self) -> None:
        self.alone = True

    def shift(self) -> bool:
        """Shift released: True when that makes the third lone press within the window."""
        if not self.alone:
            return False
        self.alone = False
        now = self.clock()
        self.presses = [t for t in self.presses if now - t <= QUICK_EXIT_WINDOW] + [now]
        if len(self.presses) >= QUICK_EXIT_PRESSES:
            self.presses = []
            return True
        return False

    def other(self) -> None:
        self.presses = []
        self.alone = False


