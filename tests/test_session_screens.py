"""Every screen, table-driven and without Qt: what it shows (the view), what it says on arrival,
and where each key leads. The session is the only author of screens, so these pin the rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.core.content import load_library
from kiosk.core.session import Act, Action, Layout, Screen, Session, State
from kiosk.core.settings import Settings
from tests.conftest import TODAY, make_content

# A lesson whose pictures all differ, with one text (a step) that has no Quechua version.
LESSON = """
id: couple
order: 1
topic: ipv
sensitive: true
picture: house
help: [linea-100, defensoria]
languages: {es: {status: draft}, qu: {status: draft}, ay: {status: draft}}
title: {es: "La pareja", qu: "Qusawan", ay: "Chachampi"}
warning: {es: "Habla del daño.", qu: "K'irimanta rimanqa.", ay: "Usuchjañat parli."}
steps:
  - id: hit
    picture: oncoming-fist
    text: {es: "Pegar es daño.", qu: "Maqayqa k'irim.", ay: "Nuwañax usuchjañawa."}
  - {id: only-es, picture: broken-heart, text: {es: "Solo en castellano."}}
questions:
  - id: q1
    prompt: {es: "¿Pegar es daño?", qu: "¿Maqayqa k'irichu?", ay: "¿Nuwañax usuchjañati?"}
    choices:
      - {id: yes, picture: check-mark-button, correct: true, text: {es: "Sí.", qu: "Arí.", ay: "Jisa."}}
      - {id: no, picture: cross-mark, text: {es: "No.", qu: "Manam.", ay: "Janiwa."}}
    explain: {es: "Pegar siempre es daño.", qu: "Maqayqa k'irim.", ay: "Nuwañax usuchjañawa."}
  - id: q2
    prompt: {es: "¿Es tu culpa?", qu: "¿Huchaykichu?", ay: "¿Juchamati?"}
    choices:
      - {id: no, picture: cross-mark, correct: true, text: {es: "No.", qu: "Manam.", ay: "Janiwa."}}
      - {id: yes, picture: check-mark-button, text: {es: "Sí.", qu: "Arí.", ay: "Jisa."}}
summary: {es: "No es tu culpa.", qu: "Manam huchaykichu.", ay: "Janiw juchamäkiti."}
discussion:
  - {es: "¿Qué harían?", qu: "¿Imatataq ruwankichik?", ay: "¿Kunsa lurapxäta?"}
"""
NEUTRAL = """
id: know-your-phone
order: 2
topic: digital
sensitive: false
picture: mobile-phone
help: []
languages: {es: {status: draft}, qu: {status: draft}, ay: {status: draft}}
title: {es: "Tu celular", qu: "Celularniyki", ay: "Celularama"}
steps:
  - id: one
    picture: mobile-phone
    text: {es: "Esto es un celular.", qu: "Kayqa celularmi.", ay: "Akax celularawa."}
  - {id: two, picture: charge-plug, text: {es: "Se carga.", qu: "Cargakun.", ay: "Cargasi."}}
questions:
  - id: q-on
    prompt: {es: "¿Sabes cargarlo?", qu: "¿Yachankichu?", ay: "¿Yatiti?"}
    choices:
      - {id: yes, picture: check-mark-button, correct: true, text: {es: "Sí.", qu: "Arí.", ay: "Jisa."}}
      - {id: no, picture: cross-mark, text: {es: "No.", qu: "Manam.", ay: "Janiwa."}}
summary: {es: "Ya conoces tu celular.", qu: "Yachankiña.", ay: "Yatxtawa."}
"""


@pytest.fixture
def session(tmp_path: Path) -> Session:
    mods = tmp_path / "mods"
    mods.mkdir()
    (mods / "01-couple.yaml").write_text(LESSON, encoding="utf-8")
    (mods / "02-phone.yaml").write_text(NEUTRAL, encoding="utf-8")
    library = load_library(make_content(tmp_path / "content", mods))
    assert not library.errors, library.errors
    return Session(library, Settings(), today=lambda: TODAY)


def walk(s: Session, *acts: Act | tuple[Act, int]) -> None:
    for a in acts:
        s.handle(Action(*a) if isinstance(a, tuple) else Action(a))


def at(s: Session, screen: Screen, lang: str = "qu", **fields: object) -> None:
    """Put the session on a screen of the lesson (as a visit would have reached it)."""
    walk(s, Act.ACTIVATE, (Act.CHOOSE, 2), (Act.CHOOSE, 2))  # attract → language → Quechua
    if screen != Screen.HOME:
        s.state = State(screen=screen, lang=lang, module=fields.pop("module", "couple"), **fields)


def keys(speech: list) -> list[str]:
    return [say.key for say in speech]


# --------------------------------------------------------------------- what each screen shows
VIEWS = [
    # screen, state fields, layout, picture, title (qu unless said), dots, touch
    (Screen.WARNING, {}, Layout.PICTURE, "house", "K'irimanta rimanqa.", (0, 0), None),
    (Screen.STEP, {"index": 0}, Layout.PICTURE, "oncoming-fist", "Maqayqa k'irim.", (0, 2), None),
    # no Quechua text: the caption falls back to the fallback language, like the voice
    (Screen.STEP, {"index": 1}, Layout.PICTURE, "broken-heart", "Solo en castellano.", (1, 2), None),
    (Screen.QUESTION, {"index": 0}, Layout.GRID, "house", "¿Maqayqa k'irichu?", (0, 0), None),
    # feedback shows the picture of what she chose; "No sé" has its own
    (Screen.FEEDBACK, {"index": 0, "answer": "no"}, Layout.PICTURE, "cross-mark", "Maqayqa k'irim.",
     (0, 0), None),
    (Screen.FEEDBACK, {"index": 0, "answer": "yes"}, Layout.PICTURE, "check-mark-button",
     "Maqayqa k'irim.", (0, 0), None),
    (Screen.FEEDBACK, {"index": 0, "answer": "dont-know"}, Layout.PICTURE, "dont-know",
     "Maqayqa k'irim.", (0, 0), None),
    # the end of a lesson in steps: the summary, then where to find help
    (Screen.END, {}, Layout.PICTURE, "house", "Manam huchaykichu.", (0, 0), None),
    (Screen.END, {"index": 1}, Layout.GRID, "house", None, (0, 0), None),
    (Screen.HELP, {"module": None}, Layout.GRID, "help-tile", None, (0, 0), None),
    # the neutral screen: a harmless lesson's first picture; a touch there goes on with it
    (Screen.NEUTRAL, {"module": "know-your-phone", "lang": None}, Layout.NEUTRAL, "mobile-phone",
     "Esto es un celular.", (0, 2), Act.ACTIVATE),
]


@pytest.mark.parametrize(("screen", "fields", "layout", "picture", "title", "dots", "touch"), VIEWS)
def test_each_screen_shows_what_the_session_says(session, screen, fields, layout, picture, title, dots,
                                                 touch) -> None:
    fields = dict(fields)
    lang = fields.pop("lang", "qu")
    at(session, screen, lang=lang, **fields)
    view = session.view()
    assert (view.screen, view.layout, view.picture) == (screen, layout, picture)
    if title is not None:
        assert view.title == title
    assert (view.position, view.steps) == dots
    assert view.touch == touch


def test_only_the_attract_and_neutral_screens_act_on_a_touch_of_the_screen(session) -> None:
    touches = {}
    for screen in Screen:
        if screen in (Screen.FEEDBACK, Screen.ATTITUDE, Screen.COURSE, Screen.DISCUSS, Screen.COURSE_END,
                      Screen.PHONE):
            continue  # need an answer / a round / a presented session (test_course.py) / an exercise
        touches[screen] = session.view(State(screen=screen, lang="qu", module="know-your-phone")).touch
    assert {s for s, t in touches.items() if t is not None} == {Screen.ATTRACT, Screen.NEUTRAL}
    assert touches[Screen.ATTRACT] == touches[Screen.NEUTRAL] == Act.ACTIVATE


def test_grid_tiles_carry_their_captions_and_help_numbers(session) -> None:
    at(session, Screen.END, index=1)
    tiles = session.view().tiles
    # a number already in the name is not repeated; otherwise it follows the name
    assert [t.caption for t in tiles] == ["Línea 100", "Defensoría del Pueblo: 0800-15-170"]
    assert [t.picture for t in tiles] == ["telephone-receiver", "classical-building"]  # their kinds
    at(session, Screen.QUESTION, index=0)
    assert [t.caption for t in session.view().tiles] == ["Arí.", "Manam.", session.words(
        "prompt.choice.dont_know", "qu")]


def test_language_names_show_in_their_own_words_even_without_captions(tmp_path) -> None:
    library = load_library(make_content(tmp_path / "c"))
    s = Session(library, Settings(), today=lambda: TODAY, captions=False)
    walk(s, Act.ACTIVATE)
    view = s.view()
    assert view.layout == Layout.GRID and all(t.caption for t in view.tiles)
    own = [s.words("prompt.language.self", code) for code in ("es", "qu", "ay")]
    assert [t.caption for t in view.tiles] == own
    walk(s, (Act.CHOOSE, 1), (Act.CHOOSE, 1))
    assert s.view().title == "" and not any(t.caption for t in s.view().tiles)  # home: pictures only


def test_the_fixed_buttons_speak_and_show_the_visitors_language(session) -> None:
    at(session, Screen.STEP)
    buttons = session.view().buttons
    assert [b.act for b in buttons] == [Act.BACK, Act.REPEAT, Act.HOME, Act.NEXT, Act.QUICK_EXIT]
    assert all(b.say.lang == "qu" for b in buttons)
    assert buttons[0].caption == session.words("prompt.button.back", "qu")
    assert keys(session.button_speech(Act.HOME)) == ["prompt.button.home"]


# --------------------------------------------------------------------- where each key leads
MOVES = [
    # screen, state fields, action, expected (screen, index, focus)
    (Screen.WARNING, {}, Act.NEXT, (Screen.STEP, 0, 0)),
    (Screen.WARNING, {}, Act.ACTIVATE, (Screen.STEP, 0, 0)),
    (Screen.WARNING, {}, Act.BACK, (Screen.HOME, 0, 0)),
    (Screen.STEP, {"index": 0}, Act.NEXT, (Screen.STEP, 1, 0)),
    (Screen.STEP, {"index": 1}, Act.PREV, (Screen.STEP, 0, 0)),
    (Screen.STEP, {"index": 0}, Act.BACK, (Screen.WARNING, 0, 0)),  # sensitive: back to the warning
    (Screen.STEP, {"index": 1}, Act.NEXT, (Screen.QUESTION, 0, 0)),
    (Screen.QUESTION, {"index": 0}, Act.NEXT, (Screen.QUESTION, 0, 1)),  # focus moves
    # Prev goes round: from nothing focused, or from the first, to the last ("No sé")
    (Screen.QUESTION, {"index": 0}, Act.PREV, (Screen.QUESTION, 0, 3)),
    (Screen.QUESTION, {"index": 0, "focus": 1}, Act.PREV, (Screen.QUESTION, 0, 3)),
    (Screen.QUESTION, {"index": 0, "focus": 3}, Act.NEXT, (Screen.QUESTION, 0, 1)),
    (Screen.QUESTION, {"index": 0}, Act.BACK, (Screen.STEP, 1, 0)),
    (Screen.QUESTION, {"index": 1}, Act.BACK, (Screen.QUESTION, 0, 0)),
    (Screen.QUESTION, {"index": 0, "focus": 2}, Act.ACTIVATE, (Screen.FEEDBACK, 0, 0)),
    # Back on the feedback screen returns to the same question, to answer again
    (Screen.FEEDBACK, {"index": 1, "answer": "no"}, Act.BACK, (Screen.QUESTION, 1, 0)),
    (Screen.FEEDBACK, {"index": 0, "answer": "no"}, Act.NEXT, (Screen.QUESTION, 1, 0)),
    (Screen.FEEDBACK, {"index": 1, "answer": "no"}, Act.ACTIVATE, (Screen.END, 0, 0)),
    # the end in steps: Next (or Enter) skips to the next one, Back returns to the one before
    (Screen.END, {}, Act.ACTIVATE, (Screen.END, 1, 0)),
    (Screen.END, {}, Act.NEXT, (Screen.END, 1, 0)),
    (Screen.END, {}, Act.BACK, (Screen.HOME, 0, 0)),
    (Screen.END, {"index": 1}, Act.NEXT, (Screen.HOME, 0, 0)),
    (Screen.END, {"index": 1}, Act.ACTIVATE, (Screen.HOME, 0, 0)),
    (Screen.END, {"index": 1}, Act.BACK, (Screen.END, 0, 0)),
    (Screen.END, {"index": 1}, Act.REPEAT, (Screen.END, 1, 0)),
    (Screen.HELP, {"module": None}, Act.BACK, (Screen.HOME, 0, 0)),
    (Screen.HELP, {"module": None}, Act.PREV, (Screen.HELP, 0, 9)),
    (Screen.NEUTRAL, {"module": "know-your-phone", "lang": None}, Act.NEXT, (Screen.STEP, 1, 0)),
    (Screen.NEUTRAL, {"module": "know-your-phone", "lang": None}, Act.BACK, (Screen.ATTRACT, 0, 0)),
    (Screen.HOME, {}, Act.BACK, (Screen.LANGUAGE, 0, 0)),
    (Screen.HOME, {}, Act.NEXT, (Screen.HOME, 0, 0)),  # one page only: says what can be done
]


@pytest.mark.parametrize(("screen", "fields", "act", "expected"), MOVES)
def test_each_key_on_each_screen(session, screen, fields, act, expected) -> None:
    fields = dict(fields)
    at(session, screen, lang=fields.pop("lang", "qu"), **fields)
    out = session.handle(Action(act))
    assert (out.state.screen, out.state.index, out.state.focus) == expected
    assert out.view.screen == out.state.screen  # the view is always of the new state


def test_every_screen_has_a_handler_and_arrives_with_an_invitation(session) -> None:
    for screen, fields in [(Screen.WARNING, {}), (Screen.STEP, {}), (Screen.QUESTION, {}),
                           (Screen.FEEDBACK, {"answer": "yes"}), (Screen.END, {}), (Screen.HELP, {})]:
        at(session, screen, **fields)
        assert keys(session.arrival())[-1].endswith(("invite", "end.next")), screen


# --------------------------------------------------------------------- what is said
def test_the_quick_exit_notice_is_said_once_a_visit(session) -> None:
    at(session, Screen.HOME)
    out = session.handle(Action(Act.CHOOSE, 1))
    out = session.handle(Action(Act.CHOOSE, 1))
    assert session.state.screen == Screen.WARNING and "prompt.warning.quick_exit" in keys(out.speech)
    walk(session, Act.HOME, (Act.CHOOSE, 1), (Act.CHOOSE, 1))
    assert session.state.screen == Screen.WARNING
    assert "prompt.warning.quick_exit" not in keys(session.arrival())


def test_in_a_group_the_end_of_a_lesson_opens_the_discussion(session) -> None:
    at(session, Screen.END, index=1)
    assert "prompt.end.discuss" not in keys(session.arrival())
    assert session.handle(Action(Act.NEXT)).state.screen == Screen.HOME  # no group: done
    session.start_group("2-5")
    at(session, Screen.END, index=1)
    assert keys(session.arrival())[-1] == "prompt.end.next"  # a step still to come
    session.handle(Action(Act.NEXT))
    assert session.state.index == 2
    said = keys(session.arrival())
    assert said[said.index("prompt.end.discuss") + 1] == "couple.discussion-1"
    assert said[-1] == "prompt.end.invite"


def test_a_question_reads_every_choice_with_its_number(session) -> None:
    at(session, Screen.QUESTION, index=0)
    said = keys(session.arrival())
    assert said == ["prompt.question.arrive", "couple.q1.prompt", "prompt.number.1", "couple.q1.yes",
                    "prompt.number.2", "couple.q1.no", "prompt.number.3", "prompt.choice.dont_know",
                    "prompt.question.invite"]


def test_feedback_says_right_wrong_or_not_yet_then_explains(session) -> None:
    for answer, verdict in (("yes", "prompt.feedback.right"), ("no", "prompt.feedback.wrong"),
                            ("dont-know", "prompt.feedback.dont_know")):
        at(session, Screen.FEEDBACK, index=0, answer=answer)
        assert keys(session.arrival()) == [verdict, "couple.q1.explain", "prompt.feedback.invite"]


def test_a_step_is_said_with_its_track_for_the_heard_count(session) -> None:
    at(session, Screen.STEP, index=0)
    first = session.arrival()[0]
    assert (first.key, first.track) == ("couple.hit", ("couple", "hit"))


# --------------------------------------------------------------------- what is counted
def test_a_heard_step_is_counted_in_quarters_while_the_visit_goes_on(session) -> None:
    at(session, Screen.STEP)
    (event,) = session.heard(("couple", "hit"), 0.6, "qu")
    assert (event.kind, event.module, event.item, event.value, event.day) == (
        "step_heard", "couple", "hit", "50", TODAY.isoformat())
    assert session.heard(("couple", "hit"), 1.2, "qu")[0].value == "100"


def test_a_quick_exit_logs_no_lesson_and_not_the_interrupted_step(session) -> None:
    at(session, Screen.HOME)
    walk(session, (Act.CHOOSE, 1), (Act.CHOOSE, 1), Act.NEXT)
    out = session.handle(Action(Act.QUICK_EXIT))
    assert [e.kind for e in out.events] == ["quick_exit", "visit_ended"]
    assert all(e.module is None for e in out.events)
    assert (out.events[1].item, out.events[1].value) == ("quick_exit", "1")
    assert session.heard(("couple", "hit"), 0.5, "qu") == []  # the step that was playing
    assert out.speech == [] and out.state.lang == "qu"  # only her language: the neutral lesson's


def test_an_idle_reset_ends_the_visit_without_its_last_step(session) -> None:
    at(session, Screen.HOME)
    walk(session, (Act.CHOOSE, 1), (Act.CHOOSE, 1))
    asked = session.handle(Action(Act.IDLE))  # first: "are you still there?", and a short wait
    assert keys(asked.speech) == ["prompt.idle.still_there"] and asked.events == []
    assert session.state.screen == Screen.WARNING and session.idle_seconds < Settings().idle_seconds
    out = session.handle(Action(Act.IDLE))
    assert [e.kind for e in out.events] == ["idle_reset", "visit_ended"]
    assert out.events[1].item == "idle_reset" and session.state == State()
    assert session.heard(("couple", "hit"), 0.5, "qu") == []


def test_a_visit_starts_once_even_if_the_language_is_changed(session) -> None:
    out = session.handle(Action(Act.ACTIVATE))
    assert out.events == []
    events = []
    walk_out = [(Act.CHOOSE, 1), (Act.CHOOSE, 1), Act.BACK, (Act.CHOOSE, 2), (Act.CHOOSE, 2), Act.BACK,
                Act.BACK]
    for a in walk_out:
        events += session.handle(Action(*a) if isinstance(a, tuple) else Action(a)).events
    assert [e.kind for e in events] == ["session_started", "visit_ended"]
    assert (events[1].item, events[1].value) == ("back_to_start", "0")


def test_group_mode_waits_longer_before_an_idle_reset(session) -> None:
    assert session.idle_seconds == Settings().idle_seconds
    session.start_group("6-10")
    assert session.idle_seconds == Settings().group_idle_seconds
    session.start_group(None)
    assert session.idle_seconds == Settings().idle_seconds


def test_without_a_harmless_lesson_a_quick_exit_shows_the_plain_built_in_screen(tmp_path) -> None:
    mods = tmp_path / "mods"
    mods.mkdir()
    (mods / "01-couple.yaml").write_text(LESSON, encoding="utf-8")  # sensitive: never the neutral one
    s = Session(load_library(make_content(tmp_path / "content", mods)), Settings(), today=lambda: TODAY)
    out = s.handle(Action(Act.QUICK_EXIT))
    assert out.state.module is None
    assert (out.view.layout, out.view.picture, out.view.title, out.view.touch) == (
        Layout.NEUTRAL, "attract", "", Act.ACTIVATE)


def test_a_pointer_passing_over_a_picture_says_it_but_a_single_click_never_chooses(session) -> None:
    at(session, Screen.HOME)
    out = session.handle(Action(Act.HOVER, 1))
    assert keys(out.speech) == ["prompt.number.1", "couple.title"] and session.state.focus == 0
    session.handle(Action(Act.TOUCH, 1))  # the first touch: said and focused, not opened
    assert (session.state.screen, session.state.focus) == (Screen.HOME, 1)
    session.handle(Action(Act.TOUCH, 1))
    assert session.state.screen == Screen.WARNING


def test_any_press_after_are_you_still_there_carries_on(session) -> None:
    at(session, Screen.STEP)
    session.handle(Action(Act.IDLE))
    assert session.asking
    session.handle(Action(Act.OTHER))
    assert not session.asking and session.idle_seconds == Settings().idle_seconds
    session.handle(Action(Act.IDLE))
    assert session.state.screen == Screen.STEP  # asked again, not reset


def test_a_fixed_button_says_what_it_does_on_the_first_touch_and_acts_on_the_second(session) -> None:
    at(session, Screen.STEP, index=0)
    out = session.handle(Action(Act.BUTTON, 3))  # Next
    assert keys(out.speech) == ["prompt.button.next"] and session.state.index == 0
    session.handle(Action(Act.BUTTON, 3))
    assert session.state.index == 1
    session.handle(Action(Act.BUTTON, 0))  # Back, once …
    session.handle(Action(Act.BUTTON, 3))  # … then Next once: neither acts
    assert session.state.index == 1
    session.handle(Action(Act.BUTTON, 0))
    session.handle(Action(Act.NEXT))  # a key acts at once, and disarms the touched button
    session.handle(Action(Act.BUTTON, 0))
    assert (session.state.screen, session.state.index) == (Screen.QUESTION, 0)
