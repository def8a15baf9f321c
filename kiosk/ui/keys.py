"""Keys: the keypad map (the same on every screen) and the Shift×3 quick-exit counter."""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import lru_cache

from PySide6 import QtCore

from kiosk.core.session import Act

QUICK_EXIT_PRESSES = 3
QUICK_EXIT_WINDOW = 5.0  # seconds


KEYPAD_EXIT = "keypad-exit"  # the keypad's decimal key: three presses within five seconds exit


@lru_cache(maxsize=1)
def keymap() -> tuple[dict[int, Act], dict[int, int], dict[int, int | Act | str]]:
    """Keys → actions, digit keys → numbers, and the numeric keypad's keys → what they mean
    whichever way Num Lock is set (with it off the keypad sends Home, End, arrows, …: they still
    mean their digit). Built after the first paint (``prepare``): the first touch of ``Qt`` makes
    PySide build all of its enums, ~20 ms (see widgets.STYLE)."""
    key = QtCore.Qt.Key
    actions = {
        key.Key_Return: Act.ACTIVATE, key.Key_Enter: Act.ACTIVATE, key.Key_Clear: Act.ACTIVATE,
        key.Key_0: Act.REPEAT, key.Key_Insert: Act.REPEAT,
        key.Key_Left: Act.PREV, key.Key_Up: Act.PREV, key.Key_PageUp: Act.PREV,
        key.Key_Right: Act.NEXT, key.Key_Down: Act.NEXT, key.Key_PageDown: Act.NEXT,
        key.Key_Backspace: Act.BACK, key.Key_Home: Act.HOME,
        # what a presentation clicker sends besides PageDown / PageUp (Esc: ui/lock.py)
        key.Key_F5: Act.REPEAT, key.Key_B: Act.BLANK,
        # counting hands from the keyboard (kiosk.core.session.hands); elsewhere keys like any other
        key.Key_Plus: Act.MORE, key.Key_Minus: Act.FEWER, key.Key_Tab: Act.TAB, key.Key_Backtab: Act.BACKTAB,
    }
    digits = {getattr(key, f"Key_{n}"): n for n in range(1, 10)}
    keypad: dict[QtCore.Qt.Key, int | Act | str] = {
        key.Key_Insert: 0, key.Key_End: 1, key.Key_Down: 2, key.Key_PageDown: 3, key.Key_Left: 4,
        key.Key_Clear: 5, key.Key_Right: 6, key.Key_Home: 7, key.Key_Up: 8, key.Key_PageUp: 9,
        key.Key_Enter: Act.ACTIVATE, key.Key_Return: Act.ACTIVATE,
        key.Key_Plus: Act.NEXT, key.Key_Minus: Act.PREV, key.Key_Asterisk: Act.HOME,
        key.Key_Slash: Act.BACK, key.Key_Period: KEYPAD_EXIT, key.Key_Delete: KEYPAD_EXIT,
        key.Key_Comma: KEYPAD_EXIT,  # the decimal key on keypads set up for Spanish
    }
    keypad.update({getattr(key, f"Key_{n}"): n for n in range(10)})
    return ({int(k.value): a for k, a in actions.items()}, {int(k.value): n for k, n in digits.items()},
            {int(k.value): m for k, m in keypad.items()})


@lru_cache(maxsize=1)
def _held_keys() -> frozenset[int]:
    key = QtCore.Qt.Key
    return frozenset(int(k.value) for k in (key.Key_Control, key.Key_Alt, key.Key_AltGr, key.Key_Meta,
                                            key.Key_Super_L, key.Key_Super_R, key.Key_CapsLock,
                                            key.Key_NumLock, key.Key_ScrollLock))


def meaning(key: int, on_keypad: bool) -> Act | int | str | None:
    """What a key means: an action, a digit (1–9: choose; 0: repeat) or ``KEYPAD_EXIT``; None
    for a key that means nothing (it starts the kiosk from the attract screen); "" for a key held
    as part of another (Ctrl, Alt…) or a lock key, which never counts as a press."""
    if key in _held_keys():
        return ""
    actions, digits, keypad = keymap()
    if on_keypad and key in keypad:
        found = keypad[key]
        return Act.REPEAT if found == 0 else found
    if key in digits:
        return digits[key]
    return actions.get(key)


class PressCounter:
    """One key pressed three times within five seconds; any other key starts over (the keypad's
    quick exit: a keypad has no Shift)."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self.presses: list[float] = []

    def press(self) -> bool:
        now = self.clock()
        self.presses = [t for t in self.presses if now - t <= QUICK_EXIT_WINDOW] + [now]
        if len(self.presses) >= QUICK_EXIT_PRESSES:
            self.presses = []
            return True
        return False

    def other(self) -> None:
        self.presses = []

    def live(self) -> list[float]:
        """The presses that still count (the others expired)."""
        now = self.clock()
        return [t for t in self.presses if now - t <= QUICK_EXIT_WINDOW]


class ShiftCounter(PressCounter):
    """Shift pressed alone three times within five seconds; any other key starts over.

    A press counts when Shift is *released* with no other key pressed meanwhile (as GOV.UK's
    "Exit this page" does), so typing Shift+letter never counts towards an exit.
    """

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(clock)
        self.alone = False

    def shift_down(self) -> None:
        self.alone = True

    def shift(self) -> bool:
        """Shift released: True when that makes the third lone press within the window."""
        if not self.alone:
            return False
        self.alone = False
        return self.press()

    def other(self) -> None:
        super().other()
        self.alone = False
