"""Presenting a group session in the core: discussion pauses with a timer on a fake clock, a
show of hands counted, one group-session cell, no idle reset while presenting."""

from __future__ import annotations

import pytest

from kiosk.core.content import load_library
from kiosk.core.model import Problem
from kiosk.core.session import Act, Action, Layout, Screen, Session
from kiosk.core.settings import Settings
from tests.conftest import FIXTURES, TODAY, make_content

DISCUSSION = """discussion:
  - {es: "¿Qué piensan?", qu: "¿Imatataq yuyankichik?", ay: "¿Kunsa amuyapxta?"}
  - {es: "¿Y en la comunidad?", qu: "¿Ayllupiri?", ay: "¿Ayllunxa?"}
"""


def course_content(tmp_path):
    content = make_content(tmp_path / "content")
    couple = (FIXTURES / "modules" / "01-couple.yaml").read_text(encoding="utf-8")
    couple = couple.replace("  - id: insult\n", "  - id: insult\n    discuss_after: [1]\n")
    (content / "modules" / "01-couple.yaml").write_text(couple + DISCUSSION, encoding="utf-8")
    return content


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def course(tmp_path):
    library = load_library(course_content(tmp_path))
    assert not library.errors, library.errors
    clock = Clock()
    session = Session(library, Settings(), today=lambda: TODAY, clock=clock)
    return session, clock


def test_discuss_after_is_parsed_and_checked(tmp_path) -> None:
    library = load_library(course_content(tmp_path))
    couple = library.module("couple")
    assert [s.discuss for s in couple.steps] == [(), (1,), ()]
    bad = (tmp_path / "content" / "modules" / "01-couple.yaml")
    bad.write_text(bad.read_text(encoding="utf-8").replace("discuss_after: [1]", "discuss_after: [3]"),
                   encoding="utf-8")
    problems: list[Problem] = load_library(tmp_path / "content").errors
    assert any(p.field == "steps[2].discuss_after" and "no discussion question 3" in p.message
               for p in problems), problems


def test_a_presented_session_pauses_counts_hands_and_logs_one_cell(course) -> None:
    session, clock = course
    out = session.start_course("plan-1", ("couple", "know-your-phone"), "6-10", "es")
    assert out.view.layout == Layout.PRESENTER and out.view.lessons == 2
    events = []

    def press(act, n=0, value=0):
        o = session.handle(Action(act, n, value))
        events.extend(o.events)
        return o

    press(Act.NEXT)  # the first lesson: its content warning
    assert session.state.screen == Screen.WARNING
    press(Act.NEXT)
    press(Act.NEXT)  # step 2 has discuss_after: [1]
    out = press(Act.NEXT)
    assert session.state.screen == Screen.DISCUSS and out.view.timer == (300, 300)
    assert out.speech[1].key == "couple.discussion-1"
    assert press(Act.IDLE).changed is False and press(Act.IDLE).state.screen == Screen.DISCUSS
    clock.now += 100
    press(Act.EXTEND)
    assert session.view().timer == (260, 360)
    clock.now += 260
    out = press(Act.TICK)
    assert [s.key for s in out.speech] == ["prompt.discuss.time_up"] and out.view.timer == (0, 360)
    assert press(Act.TICK).speech == []
    press(Act.NEXT)  # skip on: the last step
    assert session.state.screen == Screen.STEP and session.state.index == 2
    out = press(Act.NEXT)  # the first question, by a show of hands
    assert session.state.screen == Screen.QUESTION and out.view.counts == (0, 0, 0)
    press(Act.COUNT, 1, 5)
    press(Act.COUNT, 2, 2)
    press(Act.COUNT, 3, 1)
    assert session.view().counts == (5, 2, 1)
    out = press(Act.NEXT)
    assert session.state.screen == Screen.FEEDBACK and session.state.answer == "yes"
    press(Act.BACK)  # back to the question and on again: counted once
    press(Act.NEXT)
    press(Act.NEXT)  # second question: no hands entered
    press(Act.NEXT)
    press(Act.NEXT)  # the end of the lesson
    assert session.state.screen == Screen.END
    press(Act.NEXT)  # then its remaining discussion question (2)
    assert session.state.screen == Screen.DISCUSS and session.state.discuss == 2
    press(Act.NEXT)  # the second lesson
    assert session.state.module == "know-your-phone" and session.view().lesson == 1
    for _ in range(20):
        if session.state.screen == Screen.COURSE_END:
            break
        press(Act.NEXT)
    assert session.state.screen == Screen.COURSE_END
    session.end_course()
    assert session.course is None and session.state.screen == Screen.ATTRACT
    session.handle(Action(Act.NEXT))  # a visitor after the group: idle reset is back
    assert session.handle(Action(Act.IDLE)).speech[0].key == "prompt.idle.still_there"
    kinds = sorted((e.kind, e.item, e.value) for e in events)
    assert kinds == sorted([("hands_counted", "q-hit", "yes")] * 5 + [("hands_counted", "q-hit", "no")] * 2
                           + [("hands_counted", "q-hit", "dont-know")]
                           + [("group_course", "couple+know-your-phone", "6-10")])
    assert all(e.day == TODAY.isoformat() for e in events)


def test_quick_exit_ends_a_presented_session_and_idle_comes_back(course) -> None:
    session, _clock = course
    session.start_course("plan-1", ("couple",), "2-5", "es")
    session.handle(Action(Act.NEXT))
    out = session.handle(Action(Act.QUICK_EXIT))
    assert session.course is None and out.view.layout == Layout.NEUTRAL
    assert [e.kind for e in out.events] == ["quick_exit"]
    session.handle(Action(Act.NEXT))
    assert session.handle(Action(Act.IDLE)).speech  # "are you still there?" again


def test_back_out_of_a_lesson_neither_skips_its_warning_nor_the_lesson(course) -> None:
    """Walked on a real display: Page Down twice, then Page Up (the clicker's back) from the first
    step went past the content warning to the session's lessons, and the next Page Down opened the
    second lesson — the first was never presented."""
    session, _ = course
    session.start_course("plan-1", ("couple", "know-your-phone"), "6-10", "es")
    session.handle(Action(Act.NEXT))
    session.handle(Action(Act.NEXT))
    assert (session.state.screen, session.state.index) == (Screen.STEP, 0)
    assert session.handle(Action(Act.PREV)).state.screen == Screen.WARNING
    out = session.handle(Action(Act.PREV))
    assert out.state.screen == Screen.COURSE and out.view.lesson == 0  # still the first lesson
    assert session.handle(Action(Act.NEXT)).state.module == "couple"
    session.handle(Action(Act.HOME))  # Home in the middle of a lesson: it is not skipped either
    assert session.handle(Action(Act.NEXT)).state.module == "couple"
