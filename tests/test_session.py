"""The session state machine alone: no Qt, no sound — state in, action in, state out."""

from __future__ import annotations

from kiosk.core.content import load_library
from kiosk.core.session import Act, Action, Screen, Session, State
from kiosk.core.settings import Settings
from tests.conftest import TODAY


def session(paths) -> Session:
    s = Session(load_library(paths.content), Settings(), today=lambda: TODAY)
    for action in (Action(Act.ACTIVATE), Action(Act.CHOOSE, 2), Action(Act.CHOOSE, 2)):
        s.handle(action)
    assert s.state.screen == Screen.HOME and s.state.lang == "qu"
    return s


def test_the_ninth_picture_is_always_the_help_numbers(paths) -> None:
    s = session(paths)
    items = s.items()
    assert items[-1].kind == "help-tile"
    n = len(items)
    s.handle(Action(Act.CHOOSE, n))
    out = s.handle(Action(Act.CHOOSE, n))
    assert s.state.screen == Screen.HELP
    assert [i.ref for i in s.items()][:1] == ["linea-100"]
    assert [say.key for say in out.speech] == ["prompt.help.arrive", "prompt.help.invite"]
    out = s.handle(Action(Act.CHOOSE, 1))
    assert [say.key for say in out.speech] == ["prompt.number.1", "help.linea-100"]
    s.handle(Action(Act.BACK))
    assert s.state.screen == Screen.HOME


def test_4_5_6_navigate_only_where_no_picture_has_that_number(paths) -> None:
    s = session(paths)
    s.handle(Action(Act.CHOOSE, 2))
    s.handle(Action(Act.CHOOSE, 2))  # know-your-phone: no warning, straight to its first step
    assert (s.state.screen, s.state.index) == (Screen.STEP, 0)
    s.handle(Action(Act.CHOOSE, 6))
    assert s.state.index == 1
    s.handle(Action(Act.CHOOSE, 4))
    assert s.state.index == 0
    s.handle(Action(Act.CHOOSE, 5))
    assert s.state.index == 1
    out = s.handle(Action(Act.CHOOSE, 7))  # no picture 7 and no meaning: says what can be done
    assert s.state.index == 1 and [say.key for say in out.speech] == ["prompt.step.invite"]


def test_every_arrival_ends_with_an_invitation(paths) -> None:
    s = session(paths)
    seen = set()
    for action in [Action(Act.CHOOSE, 1)] * 2 + [Action(Act.NEXT)] * 4 + [Action(Act.CHOOSE, 1)] * 2:
        out = s.handle(action)
        if out.changed:
            seen.add(s.state.screen)
            assert out.speech[-1].key.endswith("invite"), (s.state.screen, out.speech[-1])
    assert {Screen.WARNING, Screen.STEP, Screen.QUESTION, Screen.FEEDBACK} <= seen


def test_quick_exit_keeps_nothing_of_the_session(paths) -> None:
    s = session(paths)
    s.handle(Action(Act.CHOOSE, 1))
    s.handle(Action(Act.CHOOSE, 1))
    out = s.handle(Action(Act.QUICK_EXIT))
    assert out.speech == [] and [e.kind for e in out.events] == ["quick_exit", "visit_ended"]
    assert s.state.lang  # only her language is kept: the harmless lesson is shown in it
    assert s.state._replace(lang=None) == State(screen=Screen.NEUTRAL, module="know-your-phone")
    assert out.events[0].module is None  # not even which lesson was open
