"""The practice phone keeps nothing: digits dialled and PINs set are written nowhere, and a quick
exit or an idle reset inside it leaves nothing of it on the screen or in the session."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from kiosk.core.session import Layout, Screen
from kiosk.paths import Paths
from tests.phone_walk import click, open_exercise, press, settle, shipped_paths, walk


@pytest.fixture
def paths(tmp_path: Path) -> Paths:
    return shipped_paths(tmp_path)


def every_file(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file())


def found(folder: Path, secret: str) -> list[str]:
    """Where ``secret`` appears: in a file's name or its bytes (ASCII / UTF-8, UTF-16)."""
    hits = []
    needles = (secret.encode(), secret.encode("utf-16-le"))
    for path in every_file(folder):
        if secret in path.name or any(n in path.read_bytes() for n in needles):
            hits.append(str(path))
    return hits


def unused(folder: Path, candidates: list[str]) -> str:
    """A secret that no file holds yet (a clip's hash could hold any four digits by chance)."""
    return next(c for c in candidates if not found(folder, c))


def test_digits_typed_and_a_pin_set_are_written_nowhere(qtbot, kiosk):
    k = kiosk
    contact = k.session.library.exercise("trusted-contact")
    lock = k.session.library.exercise("screen-lock-pin")
    # once through, so every clip, cache and log file the walk makes exists already
    walk(qtbot, k, contact, by_mouse=False, number="111111111")
    walk(qtbot, k, lock, by_mouse=True, pin="1111")
    assert k.usage.flush(30)
    data = k.paths.data
    number = unused(data, ["735194286", "846203571", "592718364"])
    pin = unused(data, ["2580", "7391", "4826", "6053", "9147"])
    # WHEN a number is typed on the keypad and a PIN set by touch (and again by keypad)
    walk(qtbot, k, contact, by_mouse=False, number=number)
    walk(qtbot, k, lock, by_mouse=True, pin=pin)
    walk(qtbot, k, lock, by_mouse=False, pin=pin)
    assert k.session.state.phone.kept == pin  # it lived in memory, for the second entry
    # THEN after everything is flushed and the kiosk stopped, no file under the data folder —
    # database with its WAL, speech cache, logs, crash log — holds either
    press(qtbot, k, Qt.Key.Key_Home)
    assert k.usage.flush(30)
    k.window.idle_timer.stop()
    k.usage.close()
    files = every_file(data)
    assert any(p.name == "usage.sqlite3" for p in files)
    assert found(data, number) == [] and found(data, pin) == []
    assert k.session.state.phone is None


def test_quick_exit_inside_the_phone_leaves_nothing_of_it(qtbot, kiosk):
    k = kiosk
    ex = k.session.library.exercise("trusted-contact")
    open_exercise(qtbot, k, ex)
    for goal in ("app-contacts", "contact-new", "contact-number"):
        click(qtbot, k, goal)
    for d in (Qt.Key.Key_7, Qt.Key.Key_3, Qt.Key.Key_5):
        press(qtbot, k, d)
    widget = k.window._screens["phone"]
    assert widget.view.phone.display == "735"
    # WHEN the keypad's decimal key is pressed three times
    for _ in range(3):
        qtbot.keyClick(k.window, Qt.Key.Key_Period, Qt.KeyboardModifier.KeypadModifier)
    # THEN the neutral screen is up, the session holds no phone, the widget forgot its view
    assert k.session.state.screen == Screen.NEUTRAL and k.session.state.phone is None
    assert k.window.view.layout == Layout.NEUTRAL
    assert k.window.stack.currentWidget() is k.window.neutral
    assert widget.view is None and widget.places == [] and not widget.timer.isActive()
    press(qtbot, k, Qt.Key.Key_Backspace)  # Back cannot return to it
    assert k.session.state.screen == Screen.ATTRACT


def test_idle_reset_inside_the_phone_leaves_nothing_of_it(qtbot, kiosk):
    k = kiosk
    ex = k.session.library.exercise("call-line-100")
    open_exercise(qtbot, k, ex)
    press(qtbot, k, Qt.Key.Key_Right)  # show me: the ring's timer runs
    widget = k.window._screens["phone"]
    assert widget.timer.isActive()
    k.window._idle()  # "are you still there?"
    settle(qtbot, k)
    assert k.keys()[-1] == ("prompt.idle.still_there", "es")
    k.window._idle()  # … and then it starts over
    settle(qtbot, k)
    assert k.session.state.screen == Screen.ATTRACT and k.session.state.phone is None
    assert k.window.stack.currentWidget() is k.window.attract
    assert widget.view is None and not widget.timer.isActive()
