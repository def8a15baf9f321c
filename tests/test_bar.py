"""The fixed bar and the quick exit dots (issue 15, the smaller points): buttons that mean
nothing are not shown (and the others keep their places), the button touched once is drawn
pressed, the dots go when the presses expire, progress dots to come are legible."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from kiosk.core.session import Act, Action, Screen, State


def _contrast(a: str, b: str) -> float:
    def luminance(colour: str) -> float:
        channels = [int(colour.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4)]
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def shown(k) -> set[Act]:  # type: ignore[no-untyped-def]
    return {act for act, button in k.window.buttons.items() if button.isVisible()}


def test_the_attract_screen_shows_only_the_quick_exit(qtbot, kiosk) -> None:  # type: ignore[no-untyped-def]
    k = kiosk
    assert k.session.state.screen == Screen.ATTRACT
    assert shown(k) == set() and k.window.exit_button.isVisible()
    k.window.act(Action(Act.ACTIVATE))  # the language screen: no Home yet (it would be itself)
    assert shown(k) == {Act.BACK, Act.REPEAT, Act.NEXT}


def test_next_is_not_shown_on_the_last_page_and_no_button_moves(qtbot, kiosk) -> None:  # type: ignore[no-untyped-def]
    k = kiosk
    for action in (Action(Act.ACTIVATE), Action(Act.CHOOSE, 1), Action(Act.CHOOSE, 1)):
        k.window.act(action)
    QApplication.processEvents()
    places = {act: b.geometry() for act, b in k.window.buttons.items()}
    assert k.session.state.screen == Screen.HOME and Act.NEXT not in shown(k)  # one page of lessons
    k.session.state = State(screen=Screen.HELP, lang="es")
    k.window.draw(k.session.view())
    QApplication.processEvents()
    assert Act.NEXT in shown(k)  # Next goes through the help entries
    assert {act: b.geometry() for act, b in k.window.buttons.items()} == places


def test_the_button_touched_once_is_drawn_pressed_until_it_acts(qtbot, kiosk) -> None:  # type: ignore[no-untyped-def]
    k = kiosk
    for action in (Action(Act.ACTIVATE), Action(Act.CHOOSE, 1), Action(Act.CHOOSE, 1)):
        k.window.act(action)
    home = k.window.buttons[Act.REPEAT]
    assert home.property("armed") is False
    out = k.window.act(Action(Act.BUTTON, 1))  # first touch of Repeat: it says what it does
    assert out.view.armed == Act.REPEAT and home.property("armed") is True
    assert not any(b.property("armed") for a, b in k.window.buttons.items() if a != Act.REPEAT)
    k.window.act(Action(Act.BUTTON, 1))  # the second acts
    assert home.property("armed") is False


def test_the_quick_exit_dots_go_when_the_presses_expire(qtbot, kiosk) -> None:  # type: ignore[no-untyped-def]
    k = kiosk
    now = [1000.0]
    for counter in (k.window.shift, k.window.keypad_exit):
        counter.clock = lambda: now[0]
    qtbot.keyClick(k.window, Qt.Key.Key_Period, Qt.KeyboardModifier.KeypadModifier)
    qtbot.keyClick(k.window, Qt.Key.Key_Period, Qt.KeyboardModifier.KeypadModifier)
    dots = k.window.shift_dots
    assert dots.text() == "●●" and dots.expiry.isActive()
    now[0] += 3.0
    dots.expiry.timeout.emit()  # before both expire: still two
    assert dots.text() == "●●"
    now[0] += 2.5
    dots.expiry.timeout.emit()  # the window of five seconds has passed
    assert dots.text() == "" and not dots.expiry.isActive()


def test_progress_dots_to_come_are_legible() -> None:
    from kiosk.ui.widgets import BACKGROUND, TO_COME

    assert _contrast(TO_COME, BACKGROUND) >= 4.5


def test_the_exit_button_has_a_pressed_look() -> None:
    from kiosk.ui.widgets import STYLE

    assert "QPushButton#exit:pressed" in STYLE and 'QPushButton#bar[armed="true"]' in STYLE
