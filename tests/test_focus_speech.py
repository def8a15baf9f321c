"""Anything actionable speaks its name when the pointer reaches it; a new utterance interrupts."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

from kiosk.core.session import Act, Action, Screen


def enter(widget) -> None:
    """The pointer moves onto the widget (as a mouse does; touch users touch instead)."""
    for x in (5, 9):
        point = QPointF(x, 5)
        QApplication.sendEvent(widget, QMouseEvent(
            QEvent.Type.MouseMove, point, widget.mapToGlobal(point), Qt.MouseButton.NoButton,
            Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier))


def test_hovering_a_picture_speaks_its_number_and_name(qtbot, kiosk):
    kiosk.window.act(Action(Act.ACTIVATE))
    kiosk.window.act(Action(Act.CHOOSE, 1))
    kiosk.window.act(Action(Act.CHOOSE, 1))
    assert kiosk.session.state.screen == Screen.HOME
    qtbot.waitUntil(lambda: not kiosk.speaker.busy, timeout=15000)
    kiosk.spoken.clear()
    enter(kiosk.window.grid.tiles[1])
    qtbot.waitUntil(lambda: not kiosk.speaker.busy, timeout=15000)
    assert kiosk.keys() == [("prompt.number.2", "es"), ("know-your-phone.title", "es")]
    # a passing pointer is not a first touch: nothing is focused, so one click will not choose
    assert kiosk.session.state.focus == 0 and not kiosk.window.grid.tiles[1].focused


def test_hovering_a_fixed_button_speaks_its_name(qtbot, kiosk):
    for act, key in ((Act.NEXT, "prompt.button.next"), (Act.REPEAT, "prompt.button.repeat")):
        qtbot.waitUntil(lambda: not kiosk.speaker.busy, timeout=15000)
        kiosk.spoken.clear()
        enter(kiosk.window.buttons[act])
        qtbot.waitUntil(lambda: not kiosk.speaker.busy, timeout=15000)
        assert kiosk.keys() == [(key, "es")]
    kiosk.spoken.clear()
    enter(kiosk.window.exit_button)
    qtbot.waitUntil(lambda: not kiosk.speaker.busy, timeout=15000)
    assert kiosk.keys() == [("prompt.button.exit", "es")]


def test_a_new_utterance_interrupts_the_old_one(qtbot, kiosk):
    from kiosk.core.model import Say

    kiosk.speaker.say([Say("prompt.attract.invite", "es"), Say("prompt.home.arrive", "es")])
    kiosk.speaker.say([Say("prompt.button.next", "es")])
    qtbot.waitUntil(lambda: not kiosk.speaker.busy, timeout=15000)
    assert ("prompt.home.arrive", "es") not in kiosk.keys()
    assert kiosk.keys()[-1] == ("prompt.button.next", "es")


def test_a_picture_appearing_under_a_resting_pointer_says_nothing(qtbot, kiosk):
    kiosk.window.act(Action(Act.ACTIVATE))
    qtbot.waitUntil(lambda: not kiosk.speaker.busy, timeout=15000)
    kiosk.spoken.clear()
    QApplication.sendEvent(kiosk.window.grid.tiles[0], QEvent(QEvent.Type.Enter))
    qtbot.waitUntil(lambda: not kiosk.speaker.busy, timeout=15000)
    assert kiosk.spoken == [] and kiosk.session.state.focus == 0
