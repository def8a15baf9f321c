"""The numeric keypad means the same whichever way Num Lock is set, and has its own quick exit."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from kiosk.core.session import Act, Action, Screen

KP = Qt.KeyboardModifier.KeypadModifier
K = Qt.Key
# key with Num Lock on, the same key with Num Lock off, what it means
KEYPAD = [
    (K.Key_0, K.Key_Insert, "repeat"), (K.Key_1, K.Key_End, 1), (K.Key_2, K.Key_Down, 2),
    (K.Key_3, K.Key_PageDown, 3), (K.Key_4, K.Key_Left, 4), (K.Key_5, K.Key_Clear, 5),
    (K.Key_6, K.Key_Right, 6), (K.Key_7, K.Key_Home, 7), (K.Key_8, K.Key_Up, 8),
    (K.Key_9, K.Key_PageUp, 9),
]


def _home(k) -> None:
    for action in (Action(Act.ACTIVATE), Action(Act.CHOOSE, 1), Action(Act.CHOOSE, 1)):
        k.window.act(action)
    assert k.session.state.screen == Screen.HOME


@pytest.mark.parametrize("num_lock", ["on", "off"])
@pytest.mark.parametrize(("on", "off", "means"), KEYPAD)
def test_each_keypad_key_in_both_num_lock_states(qtbot, kiosk, num_lock, on, off, means) -> None:
    k = kiosk
    _home(k)
    asked: list[str] = []  # what the window asks the speaker to say (before any synthesis)
    say = k.speaker.say
    k.speaker.say = lambda items, interrupt=True: (asked.extend(i.key for i in items), say(items, interrupt))
    qtbot.keyClick(k.window, on if num_lock == "on" else off, KP)
    if means == "repeat":
        assert asked[:1] == ["prompt.home.arrive"]
        return
    items = k.session.items()
    if k.session.item_at(items, means):  # a picture with that number: the first press focuses it
        assert k.session.state.focus == means
        assert asked[:1] == [f"prompt.number.{means}"]
    else:
        assert k.session.state.screen == Screen.HOME  # no such picture: 4/5/6 navigate, others invite


@pytest.mark.parametrize(("key", "act"), [(K.Key_Plus, "next"), (K.Key_Minus, "prev"),
                                          (K.Key_Asterisk, "home"), (K.Key_Slash, "back"),
                                          (K.Key_Enter, "activate")])
def test_the_keypads_other_keys(qtbot, kiosk, key, act) -> None:
    k = kiosk
    _home(k)
    k.window.act(Action(Act.CHOOSE, 2))
    k.window.act(Action(Act.CHOOSE, 2))  # a plain lesson (two steps), its first step
    assert (k.session.state.screen, k.session.state.index) == (Screen.STEP, 0)
    qtbot.keyClick(k.window, key, KP)
    state = k.session.state
    expected = {"next": (Screen.STEP, 1), "prev": (Screen.HOME, 0), "home": (Screen.HOME, 0),
                "back": (Screen.HOME, 0), "activate": (Screen.STEP, 1)}[act]
    assert (state.screen, state.index) == expected


@pytest.mark.parametrize("decimal", [K.Key_Period, K.Key_Delete, K.Key_Comma])  # on, off, es layout
def test_the_keypad_decimal_key_three_times_is_a_quick_exit(qtbot, kiosk, decimal) -> None:
    k = kiosk
    _home(k)
    for _ in range(2):
        qtbot.keyClick(k.window, decimal, KP)
    assert k.session.state.screen == Screen.HOME
    qtbot.keyClick(k.window, decimal, KP)
    assert k.session.state.screen == Screen.NEUTRAL


def test_another_key_between_decimal_presses_starts_the_count_again(qtbot, kiosk) -> None:
    k = kiosk
    _home(k)
    qtbot.keyClick(k.window, K.Key_Period, KP)
    qtbot.keyClick(k.window, K.Key_Period, KP)
    qtbot.keyClick(k.window, K.Key_0, KP)
    qtbot.keyClick(k.window, K.Key_Period, KP)
    assert k.session.state.screen == Screen.HOME


def test_a_full_keyboards_delete_and_period_do_not_exit(qtbot, kiosk) -> None:
    """Off the keypad these keys mean nothing: an accident on a laptop keyboard never exits."""
    k = kiosk
    _home(k)
    for _ in range(3):
        qtbot.keyClick(k.window, K.Key_Delete)
        qtbot.keyClick(k.window, K.Key_Period)
    assert k.session.state.screen == Screen.HOME


@pytest.mark.parametrize("key", [K.Key_A, K.Key_Space, K.Key_F1, K.Key_Tab])
def test_any_key_starts_from_the_attract_screen_and_means_nothing_elsewhere(qtbot, kiosk, key) -> None:
    k = kiosk
    qtbot.keyClick(k.window, key)
    assert k.session.state.screen == Screen.LANGUAGE
    qtbot.keyClick(k.window, key)
    assert k.session.state.screen == Screen.LANGUAGE


def test_num_lock_between_decimal_presses_does_not_break_the_count(qtbot, kiosk) -> None:
    """Some keypads (and xdotool) send Num Lock around a keypad key: it is no press of its own."""
    k = kiosk
    _home(k)
    for _ in range(3):
        qtbot.keyClick(k.window, K.Key_NumLock)
        qtbot.keyClick(k.window, K.Key_Period, KP)
    assert k.session.state.screen == Screen.NEUTRAL
