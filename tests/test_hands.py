"""Shows of hands in the room layout, from the keyboard and correctable; the plan's opinion rounds
counted the same way; the black screen. The anonymous store holds each question's counts once —
the last ones entered — and never a person."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import Qt

from kiosk.core.session import Act, Action, Layout, Screen
from kiosk.core.usage.log import read_counts
from tests.conftest import TODAY
from tests.test_fuzz_workshop import FUZZ
from tests.test_workshop import discussed, press, save_plan, workshop  # noqa: F401 (fixtures)

# ruff: noqa: F811 (the fixtures imported above, as arguments)

DAY = TODAY.isoformat()


def to_screen(qtbot, window, session, screen, limit=30) -> None:
    for _ in range(limit):
        if session.state.screen == screen:
            return
        press(qtbot, window, Qt.Key.Key_PageDown)
    assert session.state.screen == screen


def hands(kiosk) -> dict:
    assert kiosk.usage.flush()
    return {k[2:]: n for k, n in read_counts(kiosk.paths.database).items() if k[1] == "hands_counted"}


def shown_counts(window) -> list[str]:
    room = window.stack.currentWidget()
    return [c.label.text() for c in room.counters if c.isVisible()]


def test_counts_typed_from_the_keyboard_and_corrected_by_going_back_are_stored_once(
        qtbot, discussed, kiosk, workshop) -> None:
    window, session = kiosk.window, kiosk.session
    plan = save_plan(qtbot, workshop, sessions="Semana 1: 01")
    workshop.present(plan.id, 1, "6-10", "es")
    to_screen(qtbot, window, session, Screen.QUESTION)
    assert session.state.index == 0 and shown_counts(window) == ["0", "0", "0"]
    press(qtbot, window, Qt.Key.Key_Tab)  # the first answer
    press(qtbot, window, Qt.Key.Key_1)
    press(qtbot, window, Qt.Key.Key_2)  # two figures: 12
    press(qtbot, window, Qt.Key.Key_Tab)
    press(qtbot, window, Qt.Key.Key_Plus, 4)
    press(qtbot, window, Qt.Key.Key_Minus)  # 3
    press(qtbot, window, Qt.Key.Key_Tab)
    press(qtbot, window, Qt.Key.Key_1)
    press(qtbot, window, Qt.Key.Key_0)  # after a digit 0 is a zero: 10
    assert shown_counts(window) == ["12", "3", "10"]
    press(qtbot, window, Qt.Key.Key_Backtab, 2)  # back to the first: a new count replaces it
    press(qtbot, window, Qt.Key.Key_7)
    assert shown_counts(window) == ["7", "3", "10"]
    press(qtbot, window, Qt.Key.Key_0)  # a digit after Tab: F5/0 alone repeats, it does not type
    press(qtbot, window, Qt.Key.Key_Tab)
    press(qtbot, window, Qt.Key.Key_0)
    assert shown_counts(window) == ["70", "3", "10"]
    press(qtbot, window, Qt.Key.Key_PageDown)  # on to the answer: still correctable
    assert session.state.screen == Screen.FEEDBACK and hands(kiosk) == {}
    press(qtbot, window, Qt.Key.Key_PageDown)  # the second question
    assert session.state.screen == Screen.QUESTION and session.state.index == 1
    assert shown_counts(window) == ["0", "0", "0"]  # its own counts, not the first's
    press(qtbot, window, Qt.Key.Key_Tab)
    press(qtbot, window, Qt.Key.Key_4)
    press(qtbot, window, Qt.Key.Key_PageUp)  # back to the first question: its counts, corrected
    assert session.state.screen == Screen.QUESTION and session.state.index == 0
    assert shown_counts(window) == ["70", "3", "10"]
    press(qtbot, window, Qt.Key.Key_Tab)
    press(qtbot, window, Qt.Key.Key_8)
    press(qtbot, window, Qt.Key.Key_PageDown, 2)  # the second again, as it was left
    assert shown_counts(window) == ["4", "0", "0"]
    to_screen(qtbot, window, session, Screen.COURSE_END)  # the lesson left: written, once
    assert hands(kiosk) == {
        ("es", "couple", "q-hit", "yes"): 8, ("es", "couple", "q-hit", "no"): 3,
        ("es", "couple", "q-hit", "dont-know"): 10, ("es", "couple", "q-fault", "her"): 4,
    }
    window.show_room(session.end_course())
    assert hands(kiosk)[("es", "couple", "q-hit", "yes")] == 8  # never twice


def test_a_quick_exit_keeps_the_hands_entered_and_nothing_else(qtbot, discussed, kiosk, workshop) -> None:
    window, session = kiosk.window, kiosk.session
    plan = save_plan(qtbot, workshop, sessions="Semana 1: 01")
    workshop.present(plan.id, 1, "6-10", "es")
    to_screen(qtbot, window, session, Screen.QUESTION)
    press(qtbot, window, Qt.Key.Key_Tab)
    press(qtbot, window, Qt.Key.Key_5)
    press(qtbot, window, Qt.Key.Key_Shift, 3)
    assert window.view.layout == Layout.NEUTRAL and session.course is None
    assert hands(kiosk) == {("es", "couple", "q-hit", "yes"): 5}
    assert {k[1] for k in read_counts(kiosk.paths.database)} == {"hands_counted", "quick_exit"}


def test_a_plans_opinion_rounds_are_run_in_the_room_as_shows_of_hands(
        qtbot, discussed, kiosk, workshop) -> None:
    window, session = kiosk.window, kiosk.session
    plan = save_plan(qtbot, workshop, sessions="Semana 1: antes, 02, después")
    assert plan.rounds(1) == ("before", "after")
    workshop.present(plan.id, 1, "2-5", "qu")
    press(qtbot, window, Qt.Key.Key_PageDown)  # from the session's lessons: the round first
    assert session.state.screen == Screen.ATTITUDE and session.state.phase == "before"
    assert window.view.layout == Layout.PRESENTER and len(shown_counts(window)) == 4
    statements = len(session.library.attitudes.questions)
    press(qtbot, window, Qt.Key.Key_Tab)
    press(qtbot, window, Qt.Key.Key_6)  # six agree with the first statement
    press(qtbot, window, Qt.Key.Key_Tab)
    press(qtbot, window, Qt.Key.Key_Plus, 2)
    press(qtbot, window, Qt.Key.Key_PageDown, statements)
    assert session.state.module == "know-your-phone"  # then the lesson
    to_screen(qtbot, window, session, Screen.ATTITUDE)  # and the round after it
    assert session.state.phase == "after"
    qtbot.mouseClick(window.stack.currentWidget().counters[1].plus, Qt.MouseButton.LeftButton)
    to_screen(qtbot, window, session, Screen.COURSE_END)
    first = session.library.attitudes.questions[0].id
    assert hands(kiosk) == {("qu", "attitudes", first, "before:agree"): 6,
                            ("qu", "attitudes", first, "before:disagree"): 2,
                            ("qu", "attitudes", first, "after:disagree"): 1}


def test_b_blanks_the_whole_room_screen_and_quick_exit_still_works_from_it(
        qtbot, discussed, kiosk, workshop) -> None:
    window, session = kiosk.window, kiosk.session
    window.resize(1024, 600)
    plan = save_plan(qtbot, workshop, sessions="Semana 1: 01")
    workshop.present(plan.id, 1, "6-10", "es")
    press(qtbot, window, Qt.Key.Key_PageDown, 2)
    before = session.state
    press(qtbot, window, Qt.Key.Key_B)
    image = window.grab().toImage()
    colours = {image.pixelColor(x, y).name() for x in range(0, image.width(), 5)
               for y in range(0, image.height(), 5)}
    assert colours == {"#000000"}  # nothing but black: no buttons, no dots, no exit sign
    assert not any(b.isVisible() for b in window.buttons.values())
    press(qtbot, window, Qt.Key.Key_PageDown)  # any key returns — to the same screen, not the next
    assert session.state == before and not session.view().blank
    assert any(b.isVisible() for b in window.buttons.values())
    press(qtbot, window, Qt.Key.Key_B)
    press(qtbot, window, Qt.Key.Key_B)  # B again returns too
    assert session.state == before and not session.view().blank
    press(qtbot, window, Qt.Key.Key_B)
    press(qtbot, window, Qt.Key.Key_Shift, 3)  # quick exit from the black screen
    assert window.view.layout == Layout.NEUTRAL and window.stack.currentWidget() is window.neutral
    assert window.grab().toImage().pixelColor(5, 300).name() != "#000000"  # the room's colours back
    workshop.present(plan.id, 1, "6-10", "es")
    press(qtbot, window, Qt.Key.Key_B)
    qtbot.mouseClick(window.exit_button, Qt.MouseButton.LeftButton)  # where it always is, unseen
    assert window.view.layout == Layout.NEUTRAL and session.course is None


ACTS = [Action(a) for a in (Act.NEXT, Act.PREV, Act.BACK, Act.HOME, Act.TAB, Act.BACKTAB, Act.MORE,
                            Act.FEWER, Act.REPEAT, Act.BLANK, Act.ACTIVATE)]
ACTS += [Action(Act.CHOOSE, n) for n in range(1, 10)] + [Action(Act.COUNT, n, v) for n in (1, 2, 3)
                                                         for v in (0, 4, 120)]
ACTS += [Action(Act.NEXT)] * 25  # on through the session, with detours

@FUZZ
@given(acts=st.lists(st.sampled_from(ACTS), max_size=200), rounds=st.sampled_from([(), ("before", "after")]))
def test_whatever_is_pressed_each_question_is_written_once_and_never_past_the_last_count(
        tmp_path_factory, acts, rounds) -> None:
    from kiosk.core.content import load_library
    from kiosk.core.session import Session
    from kiosk.core.settings import Settings
    from tests.test_course import course_content

    library = load_library(course_content(tmp_path_factory.mktemp("c")))
    session = Session(library, Settings(), today=lambda: TODAY, clock=lambda: 0.0)
    outcomes = [session.start_course("plan-1", ("couple", "know-your-phone"), "6-10", "es", rounds)]
    for action in acts:
        if session.course is None:
            break
        outcomes.append(session.handle(action))
    outcomes.append(session.end_course())
    written: dict[tuple[str, str], set[int]] = {}
    for i, out in enumerate(outcomes):
        for e in out.events:
            assert e.kind in ("hands_counted", "group_course", "quick_exit"), e
            if e.kind == "hands_counted":
                written.setdefault((e.module or "", e.item or ""), set()).add(i)
    assert all(len(at) == 1 for at in written.values()), written  # one write per question
    per_answer: dict[tuple[str, str, str], int] = {}
    for out in outcomes:
        for e in out.events:
            if e.kind == "hands_counted":
                key = (e.module or "", e.item or "", e.value or "")
                per_answer[key] = per_answer.get(key, 0) + 1
    assert all(n <= 99 for n in per_answer.values()), per_answer  # a count, never a sum of counts
