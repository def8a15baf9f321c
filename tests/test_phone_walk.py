"""Issue 16's done-when: every practice-phone exercise completed with the keypad alone and with
the mouse alone, each spoken prompt checked as it reaches the (fake) sound device, and the
anonymous counts in the real SQLite store; a new exercise added by a content file alone."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from kiosk.core.session import Screen
from kiosk.core.session.lessons import END_PRACTICE
from kiosk.core.usage.log import read_counts
from kiosk.paths import Paths
from tests.conftest import TODAY
from tests.phone_walk import click, leave, open_exercise, press, settle, shipped_paths, walk


@pytest.fixture
def paths(tmp_path: Path) -> Paths:
    return shipped_paths(tmp_path)


def exercise_counts(k) -> dict:
    assert k.usage.flush(30)
    counts = read_counts(k.paths.database)
    assert {cell[0] for cell in counts} == {TODAY.isoformat()}
    return {cell[1:]: n for cell, n in counts.items() if cell[1].startswith("exercise_")}


def all_goals_at_once(exercises) -> dict:
    expected = {}
    for ex in exercises:
        expected[("exercise_started", "es", ex.id, "", "")] = 1
        expected[("exercise_completed", "es", ex.id, "", "")] = 1
        for goal in ex.goals:
            key = ("exercise_goal", "es", ex.id, goal.id, "1")
            expected[key] = expected.get(key, 0) + 1
    return expected


def test_every_exercise_with_the_keypad_alone(qtbot, kiosk):
    k = kiosk
    exercises = k.session.library.exercises
    assert len(exercises) >= 8
    for ex in exercises:
        walk(qtbot, k, ex, by_mouse=False)
        leave(qtbot, k, by_mouse=False)
    assert exercise_counts(k) == all_goals_at_once(exercises)


def test_every_exercise_with_mouse_clicks_alone(qtbot, kiosk):
    k = kiosk
    exercises = k.session.library.exercises
    for ex in exercises:
        walk(qtbot, k, ex, by_mouse=True)
        leave(qtbot, k, by_mouse=True)
    assert exercise_counts(k) == all_goals_at_once(exercises)
    assert len(k.output.played) >= sum(len(ex.goals) for ex in exercises)  # it all reached the device


def test_wrong_tries_are_gentle_then_a_hint_then_show_me_rings_the_target(qtbot, kiosk):
    k = kiosk
    ex = k.session.library.exercise("call-line-100")
    open_exercise(qtbot, k, ex, by_mouse=True)
    click(qtbot, k, "unlock")  # goal 1 at the first touch
    # a first touch elsewhere only says what it is: exploring is free
    assert click(qtbot, k, "app-chat") == [("prompt.phone.el.app-chat", "es")]
    # its second touch is a wrong try: said gently, the instruction again, nothing changes
    assert click(qtbot, k, "app-chat") == [
        ("prompt.phone.el.app-chat", "es"), ("prompt.phone.try_again", "es"),
        ("exercise.call-line-100.open-phone.say", "es")]
    assert k.session.state.phone.screen == "home"
    click(qtbot, k, "app-wallet")
    said = click(qtbot, k, "app-wallet")  # the second wrong try: the hint, its number, show me
    assert said == [("prompt.phone.el.app-wallet", "es"), ("prompt.phone.try_again", "es"),
                    ("exercise.call-line-100.open-phone.hint", "es"), ("prompt.phone.key_number", "es"),
                    ("prompt.number.1", "es"), ("prompt.phone.show_me_offer", "es")]
    # Next is "show me": the widget draws a pulsing ring on the phone app, its timer runs
    assert press(qtbot, k, Qt.Key.Key_Right) == [("prompt.phone.show_me", "es"),
                                                 ("exercise.call-line-100.open-phone.say", "es")]
    widget = k.window._screens["phone"]
    assert widget.view.phone.pulse == "app-phone" and widget.timer.isActive()
    assert widget.view.buttons[3].caption == "Muéstrame"
    press(qtbot, k, Qt.Key.Key_Enter)  # the focus moved to it: Enter takes it
    assert k.session.state.phone.screen == "dialler" and not widget.timer.isActive()
    press(qtbot, k, Qt.Key.Key_7)  # a wrong digit: said, then the instruction; not typed
    assert k.session.state.phone.typed == ""
    assert press(qtbot, k, Qt.Key.Key_Left) == [("prompt.phone.el.app-phone", "es"),
                                                ("exercise.call-line-100.dial.say", "es")]  # Previous: again
    counts = exercise_counts(k)
    assert counts[("exercise_goal", "es", "call-line-100", "open-phone", "2-3")] == 1
    assert counts[("exercise_hint", "es", "call-line-100", "open-phone", "")] == 1
    assert counts[("exercise_show_me", "es", "call-line-100", "open-phone", "")] == 1
    assert ("exercise_completed", "es", "call-line-100", "", "") not in counts


def test_back_leaves_the_phone_for_the_lesson_end_and_home_goes_home(qtbot, kiosk):
    k = kiosk
    ex = k.session.library.exercise("find-chat-100")
    open_exercise(qtbot, k, ex)
    press(qtbot, k, Qt.Key.Key_Backspace)
    assert k.session.state.screen == Screen.END and k.session.state.phone is None
    open_exercise(qtbot, k, ex)
    press(qtbot, k, Qt.Key.Key_Home)
    assert k.session.state.screen == Screen.HOME and k.session.state.phone is None


NEW_EXERCISE = """\
id: unlock-and-settings
lessons: [know-your-phone]
start: lock
languages:
  es: {status: draft}
title: {es: Abrir los ajustes, qu: Allichanakunata kichay, ay: Wakicht'awinak jist'araña}
intro: {es: Una práctica nueva., qu: Musuq yachakuy., ay: Machaq yatiqäwi.}
goals:
  - id: open
    target: unlock
    say: {es: Toca el candado., qu: Candadota llamiy., ay: Candado llamkt'am.}
    hint: {es: Está en el medio., qu: Chawpipim., ay: Taypinkiwa.}
  - id: settings
    target: app-settings
    say: {es: Toca la rueda., qu: Ruedata llamiy., ay: Rueda llamkt'am.}
    hint: {es: Es la rueda con dientes., qu: Kiruyuq ruedam., ay: Lakani ruedawa.}
    praise: {es: ¡Eso es!, qu: ¡Chaymi!, ay: ¡Ukawa!}
outro:
  es: Ya sabes abrir los ajustes.
  qu: Allichanakunata kichayta yachankiñam.
  ay: Wakicht'awinak jist'arañ yatxtawa.
"""


@pytest.fixture
def new_exercise_paths(paths: Paths) -> Paths:
    (paths.content / "exercises" / "z-new.yaml").write_text(NEW_EXERCISE, encoding="utf-8")
    return paths


@pytest.mark.parametrize("by_mouse", [True, False])
def test_a_new_exercise_is_a_content_file_alone(qtbot, new_exercise_paths, kiosk, by_mouse):
    k = kiosk
    ex = k.session.library.exercise("unlock-and-settings")
    assert ex is not None and ex.goals[1].praise is not None
    end = k.session.state._replace(screen=Screen.END, module="know-your-phone", index=END_PRACTICE)
    assert "unlock-and-settings" in [i.ref for i in k.session.handler(end).items(end)]
    walk(qtbot, k, ex, by_mouse=by_mouse)
    assert exercise_counts(k)[("exercise_completed", "es", "unlock-and-settings", "", "")] == 1
    settle(qtbot, k)


def test_the_studio_records_the_exercises_voices(qtbot, kiosk):
    from kiosk.ui.screens.studio import StudioPanel
    from tests.test_studio import FakeRecorder

    panel = StudioPanel(kiosk.session.library, kiosk.speaker.voices, kiosk.speaker, FakeRecorder(),
                        kiosk.paths.recordings)
    qtbot.addWidget(panel)
    ex = kiosk.session.library.exercise("screen-lock-pin")
    panel.group.setCurrentIndex(panel.group.findData("exercise:screen-lock-pin"))
    assert [t.key for t in panel.texts] == [t.key for t in ex.texts()]
    panel.cleanup()


def test_in_the_dialler_0_dials_zero_and_the_repeat_button_repeats(qtbot, kiosk):
    k = kiosk
    ex = k.session.library.exercise("call-line-100")
    open_exercise(qtbot, k, ex, by_mouse=True)
    click(qtbot, k, "unlock")
    click(qtbot, k, "app-phone")
    press(qtbot, k, Qt.Key.Key_1)
    assert press(qtbot, k, Qt.Key.Key_0) == [("prompt.phone.digit.0", "es")]
    assert k.session.state.phone.typed == "10"
    repeat = k.window.buttons[next(a for a in k.window.buttons if a.value == "repeat")]
    for _ in range(2):  # a fixed button: the first touch says it, the second acts
        k.spoken.clear()
        qtbot.mouseClick(repeat, Qt.MouseButton.LeftButton)
        settle(qtbot, k)
    assert k.keys() == [("prompt.phone.el.app-phone", "es"), ("exercise.call-line-100.dial.say", "es")]
    assert k.session.state.phone.typed == "10"
    assert press(qtbot, k, Qt.Key.Key_Backspace) == [("prompt.phone.el.erase", "es")]  # Back erases
    assert k.session.state.phone.typed == "1"
    from kiosk.core.session import Act, Action

    k.spoken.clear()
    k.window.act(Action(Act.HOVER, 10))  # the pointer on the tenth key, the zero: its name alone
    settle(qtbot, k)
    assert k.keys() == [("prompt.phone.digit.0", "es")] and k.session.state.phone.typed == "1"
