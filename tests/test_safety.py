"""Quick exit (button and Shift×3), no way back to the lesson, idle reset."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from kiosk.core.session import Act, Action, Screen
from kiosk.core.usage.log import read_counts
from tests.fakes import FakeOutput


@pytest.fixture
def fake_output() -> FakeOutput:
    return FakeOutput(hold=True)  # clips keep "playing" so we can see them stopped


def into_lesson(k) -> None:
    for action in (Action(Act.ACTIVATE), Action(Act.CHOOSE, 1), Action(Act.CHOOSE, 1),
                   Action(Act.CHOOSE, 1), Action(Act.CHOOSE, 1), Action(Act.NEXT), Action(Act.NEXT)):
        k.window.act(action)
    assert k.session.state.screen == Screen.STEP and k.session.state.module == "couple"


def assert_neutral(k) -> None:
    state = k.session.state
    assert state.screen == Screen.NEUTRAL
    assert state.module == "know-your-phone" and state.index == 0  # only her language is kept
    shown = k.window.stack.currentWidget()
    assert shown is k.window.neutral  # drawn ahead, once the content had loaded
    assert shown.picture.name == "attract"  # the fixture phone module's first picture
    assert not k.output.playing and not k.speaker.busy


def test_quick_exit_button_silences_and_shows_the_neutral_screen(qtbot, kiosk):
    into_lesson(kiosk)
    qtbot.waitUntil(lambda: kiosk.output.playing, timeout=15000)
    qtbot.mouseClick(kiosk.window.exit_button, Qt.MouseButton.LeftButton)
    assert_neutral(kiosk)
    assert kiosk.usage.flush()
    kinds = {cell[1]: cell for cell in read_counts(kiosk.paths.database)}
    assert kinds["visit_ended"][4] == "quick_exit" and "quick_exit" in kinds


def test_shift_three_times_quick_exits(qtbot, kiosk):
    into_lesson(kiosk)
    qtbot.waitUntil(lambda: kiosk.output.playing, timeout=15000)
    for _ in range(3):
        qtbot.keyClick(kiosk.window, Qt.Key.Key_Shift)
    assert_neutral(kiosk)


@pytest.mark.parametrize("between", ["shift+letter", "digit"])
def test_another_key_between_shifts_does_not_exit(qtbot, kiosk, between):
    into_lesson(kiosk)
    qtbot.keyClick(kiosk.window, Qt.Key.Key_Shift)
    qtbot.keyClick(kiosk.window, Qt.Key.Key_Shift)
    if between == "shift+letter":
        qtbot.keyClick(kiosk.window, Qt.Key.Key_A, Qt.KeyboardModifier.ShiftModifier)
    else:
        qtbot.keyClick(kiosk.window, Qt.Key.Key_0)
    qtbot.keyClick(kiosk.window, Qt.Key.Key_Shift)
    assert kiosk.session.state.screen == Screen.STEP


def test_shifts_more_than_five_seconds_apart_do_not_exit(qtbot, kiosk):
    now = [100.0]
    kiosk.window.shift.clock = lambda: now[0]
    into_lesson(kiosk)
    for _ in range(3):
        qtbot.keyClick(kiosk.window, Qt.Key.Key_Shift)
        now[0] += 3.0
    assert kiosk.session.state.screen == Screen.STEP


def test_back_after_quick_exit_never_reaches_the_lesson(qtbot, kiosk):
    into_lesson(kiosk)
    kiosk.window.quick_exit()
    seen = []
    for key in (Qt.Key.Key_Backspace, Qt.Key.Key_Backspace, Qt.Key.Key_Backspace,
                Qt.Key.Key_Left, Qt.Key.Key_Home):
        qtbot.keyClick(kiosk.window, key)
        seen.append((kiosk.session.state.screen, kiosk.session.state.module))
    assert all(module != "couple" for _screen, module in seen)
    assert seen[0][0] == Screen.ATTRACT  # Back from the neutral screen: the start, not the lesson


def test_idle_reset_returns_to_attract_and_clears_the_session(qtbot, kiosk):
    into_lesson(kiosk)
    assert kiosk.window.idle_timer.interval() == 120_000  # the default setting
    assert kiosk.window.idle_timer.isActive()
    kiosk.speaker.stop()  # the voice has finished
    kiosk.window.idle_timer.timeout.emit()  # the clock: two minutes pass without input
    assert kiosk.session.state.screen == Screen.STEP and kiosk.session.asking  # "still there?"
    assert kiosk.window.idle_timer.interval() == 20_000 and kiosk.window.idle_timer.isActive()
    kiosk.speaker.stop()
    kiosk.window.idle_timer.timeout.emit()  # nobody answers
    state = kiosk.session.state
    assert state.screen == Screen.ATTRACT and state.lang is None and state.module is None
    assert kiosk.window.stack.currentWidget() is kiosk.window.attract
    assert kiosk.usage.flush()
    kinds = {cell[1]: cell for cell in read_counts(kiosk.paths.database)}
    assert kinds["visit_ended"][4] == "idle_reset" and "idle_reset" in kinds


def test_the_attract_screen_invites_again_after_a_pause(qtbot, paths):
    """The discreet attract screen repeats its spoken invitation, in every language, after a pause."""
    from kiosk.core.audio.voices import Voices, clip_name, clip_words
    from kiosk.core.content import load_library
    from kiosk.core.session import Session
    from kiosk.core.settings import Settings
    from kiosk.ui.speaker import Speaker
    from kiosk.ui.widgets import Pictures
    from kiosk.ui.window import KioskWindow
    from tests.test_voices import tone

    library = load_library(paths.content)
    voices = Voices(library, [paths.audio], paths.recordings, paths.speech_cache)
    voices.can_synthesize = False
    invite = library.text("prompt.attract.invite")
    for lang, words in invite.versions.items():  # pre-rendered clips, as after `make run`
        tone(paths.audio / lang / "synthetic" / clip_name(invite.key, clip_words(words, lang, "synthetic")))
    output = FakeOutput()
    speaker = Speaker(voices, output, None)
    spoken: list[str] = []
    speaker.spoken.connect(lambda key, lang, *_: spoken.append(lang))
    window = KioskWindow(Session(library, Settings()), speaker, None, Pictures(paths.content / "pictures"))
    qtbot.addWidget(window)
    window.start()
    qtbot.waitUntil(lambda: not speaker.busy)
    assert spoken == ["es", "qu", "ay"]
    assert window.attract_timer.isActive() and window.attract_timer.interval() == 20_000
    window.attract_timer.timeout.emit()  # the pause is over
    qtbot.waitUntil(lambda: not speaker.busy)
    assert spoken == ["es", "qu", "ay"] * 2
    window.idle_timer.stop()
    window.attract_timer.stop()


def test_the_idle_time_counts_from_the_end_of_what_is_said(qtbot, kiosk):
    """A long Quechua end screen (~2 min) was cut by the idle reset: while the voice speaks,
    the idle time passing does nothing; it starts again when the voice ends."""
    into_lesson(kiosk)
    qtbot.waitUntil(lambda: kiosk.output.playing, timeout=15000)  # the step is still being said
    kiosk.window.idle_timer.timeout.emit()
    assert not kiosk.session.asking and kiosk.session.state.screen == Screen.STEP


@pytest.mark.parametrize(("number", "words"), [(2, "Kayqa celularmi."), (3, "Akax celularawa.")])
def test_the_neutral_screen_drawn_ahead_shows_her_language(qtbot, kiosk, number, words):
    k = kiosk
    qtbot.waitUntil(lambda: k.window.neutral is not None, timeout=15000)  # drawn once content is in
    ahead = k.window.neutral
    for action in (Action(Act.ACTIVATE), Action(Act.CHOOSE, number), Action(Act.CHOOSE, number)):
        k.window.act(action)
    for _ in range(3):
        qtbot.keyClick(k.window, Qt.Key.Key_Period, Qt.KeyboardModifier.KeypadModifier)
    assert k.window.stack.currentWidget() is ahead  # the same screen: only its words changed
    assert ahead.caption.text() == words and ahead.picture.name == "attract"
    assert not ahead.picture._stale  # its picture was not drawn again
