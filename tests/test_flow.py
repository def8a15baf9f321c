"""The whole path with the keypad alone: language, lesson, every step, both questions, end."""

from __future__ import annotations

from PySide6.QtCore import Qt

from kiosk.core.session import Screen
from kiosk.core.usage.log import read_counts
from tests.conftest import TODAY


def press(qtbot, k, key) -> None:
    """Press one key, then wait until everything it said has been played."""
    k.spoken.clear()
    qtbot.keyClick(k.window, key)
    qtbot.waitUntil(lambda: not k.speaker.busy, timeout=15000)


def test_keypad_walks_a_whole_lesson_speaking_at_every_step(qtbot, kiosk):
    k = kiosk
    # GIVEN the attract screen speaking its invitation in every language
    qtbot.waitUntil(lambda: not k.speaker.busy, timeout=15000)
    assert k.keys() == [("prompt.attract.invite", "es"), ("prompt.attract.invite", "qu"),
                        ("prompt.attract.invite", "ay")]

    # WHEN any key is pressed THEN the language screen names each language in itself
    press(qtbot, k, Qt.Key.Key_5)
    assert k.session.state.screen == Screen.LANGUAGE
    assert k.keys() == [  # each asks in its own words and says its own number
        ("prompt.language.arrive", "es"), ("prompt.number.1", "es"), ("prompt.language.self", "es"),
        ("prompt.language.arrive", "qu"), ("prompt.number.2", "qu"), ("prompt.language.self", "qu"),
        ("prompt.language.arrive", "ay"), ("prompt.number.3", "ay"), ("prompt.language.self", "ay"),
        ("prompt.language.invite", "es"), ("prompt.language.invite", "qu"),
        ("prompt.language.invite", "ay")]

    press(qtbot, k, Qt.Key.Key_1)  # first press: hear the choice
    assert k.keys() == [("prompt.number.1", "es"), ("prompt.language.self", "es")]
    press(qtbot, k, Qt.Key.Key_1)  # second press: choose it
    assert k.session.state.screen == Screen.HOME
    assert k.keys() == [("prompt.home.arrive", "es"), ("prompt.home.invite", "es")]

    press(qtbot, k, Qt.Key.Key_1)
    assert k.keys() == [("prompt.number.1", "es"), ("couple.title", "es")]
    press(qtbot, k, Qt.Key.Key_Enter)
    assert k.session.state.screen == Screen.WARNING
    assert k.keys() == [("prompt.warning.arrive", "es"), ("couple.warning", "es"),
                        ("prompt.warning.quick_exit", "es"), ("prompt.warning.keypad_exit", "es"),
                        ("prompt.warning.invite", "es")]

    for step in ("hit", "insult", "fault"):
        press(qtbot, k, Qt.Key.Key_6)
        assert k.session.state.screen == Screen.STEP
        assert k.keys() == [(f"couple.{step}", "es"), ("prompt.step.invite", "es")]

    press(qtbot, k, Qt.Key.Key_6)
    assert k.session.state.screen == Screen.QUESTION
    assert k.keys() == [
        ("prompt.question.arrive", "es"), ("couple.q-hit.prompt", "es"),
        ("prompt.number.1", "es"), ("couple.q-hit.yes", "es"),
        ("prompt.number.2", "es"), ("couple.q-hit.no", "es"),
        ("prompt.number.3", "es"), ("prompt.choice.dont_know", "es"),
        ("prompt.question.invite", "es")]
    press(qtbot, k, Qt.Key.Key_1)
    assert k.keys() == [("prompt.number.1", "es"), ("couple.q-hit.yes", "es")]
    press(qtbot, k, Qt.Key.Key_1)
    assert k.session.state.screen == Screen.FEEDBACK
    assert k.keys() == [("prompt.feedback.right", "es"), ("couple.q-hit.explain", "es"),
                        ("prompt.feedback.invite", "es")]

    press(qtbot, k, Qt.Key.Key_Enter)
    assert k.session.state.screen == Screen.QUESTION
    press(qtbot, k, Qt.Key.Key_3)
    assert k.keys() == [("prompt.number.3", "es"), ("prompt.choice.dont_know", "es")]
    press(qtbot, k, Qt.Key.Key_3)
    assert k.keys() == [("prompt.feedback.dont_know", "es"), ("couple.q-fault.explain", "es"),
                        ("prompt.feedback.invite", "es")]

    press(qtbot, k, Qt.Key.Key_Enter)
    assert k.session.state.screen == Screen.END
    assert k.keys() == [("prompt.end.arrive", "es"), ("couple.summary", "es"),
                        ("prompt.end.next", "es")]

    press(qtbot, k, Qt.Key.Key_0)  # repeat says the summary again
    assert k.keys()[1] == ("couple.summary", "es")
    press(qtbot, k, Qt.Key.Key_Enter)  # the next step: where to find help, one picture each
    assert k.keys() == [("prompt.end.help", "es"), ("prompt.help.invite", "es"),
                        ("prompt.end.invite", "es")]
    press(qtbot, k, Qt.Key.Key_1)
    assert k.keys() == [("prompt.number.1", "es"), ("help.linea-100", "es")]

    # THEN the log holds exactly these events, dated to the day, about content only
    assert k.usage.flush()
    counts = read_counts(k.paths.database)  # counts per cell: no row per event, no order
    assert {cell[1:]: n for cell, n in counts.items()} == {
        ("session_started", "es", "", "", ""): 1,
        ("module_opened", "es", "couple", "", ""): 1,
        ("step_heard", "es", "couple", "hit", "100"): 1,
        ("step_heard", "es", "couple", "insult", "100"): 1,
        ("step_heard", "es", "couple", "fault", "100"): 1,
        ("question_answered", "es", "couple", "q-hit", "yes"): 1,
        ("question_answered", "es", "couple", "q-fault", "dont-know"): 1,
        ("lesson_completed", "es", "couple", "", ""): 1,
    }
    assert {cell[0] for cell in counts} == {TODAY.isoformat()}


def test_touch_alone_walks_from_language_to_a_step(qtbot, kiosk):
    k = kiosk
    qtbot.mouseClick(k.window.attract, Qt.MouseButton.LeftButton)
    assert k.session.state.screen == Screen.LANGUAGE
    tile = k.window.grid.tiles[0]
    qtbot.mouseClick(tile, Qt.MouseButton.LeftButton)  # touch: hear it
    assert k.session.state.screen == Screen.LANGUAGE and k.session.state.focus == 1
    qtbot.mouseClick(tile, Qt.MouseButton.LeftButton)  # touch again: choose it
    assert k.session.state.screen == Screen.HOME
    qtbot.mouseClick(k.window.grid.tiles[1], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(k.window.grid.tiles[1], Qt.MouseButton.LeftButton)
    assert k.session.state.screen == Screen.STEP  # module 2 is not sensitive: no warning
    back = k.window.buttons[next(iter(k.window.buttons))]
    qtbot.mouseClick(back, Qt.MouseButton.LeftButton)  # a fixed button too: the first touch says it
    assert k.session.state.screen == Screen.STEP
    qtbot.mouseClick(back, Qt.MouseButton.LeftButton)
    assert k.session.state.screen == Screen.HOME  # Back from the first step
