"""Practice-phone exercises as content: parsed, checked (file, line, field), listed by the checker,
spoken in every language, offered at the end of each digital-literacy lesson."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest

from kiosk.core.audio.coverage import text_groups
from kiosk.core.audio.speakable import speakable
from kiosk.core.check import check_command
from kiosk.core.content import load_library
from kiosk.core.content.builtin import PROMPTS
from kiosk.core.content.exercises import load_exercise
from kiosk.core.phone import SCREENS
from kiosk.core.session.phone import tries_bucket
from kiosk.paths import Paths
from tests.conftest import ROOT

CONTENT = ROOT / "content"
DIGITAL = ("know-your-phone", "calling-for-help", "phone-privacy", "digital-violence-law",
           "whatsapp-safely", "money-on-the-phone")

GOOD = """\
id: tiny
lessons: [know-your-phone]
start: lock
languages:
  es: {status: draft}
title: {es: Una práctica}
intro: {es: Empieza.}
goals:
  - id: open
    target: unlock
    say: {es: Toca el candado.}
    hint: {es: Está en el medio.}
  - id: second
    target: %s
    say: {es: Toca el teléfono.}
    hint: {es: Es el primero.}
outro: {es: Listo.}
"""


@pytest.fixture(scope="module")
def library():
    return load_library(CONTENT)


def parse(tmp_path: Path, text: str):
    path = tmp_path / "x.yaml"
    path.write_text(text, encoding="utf-8")
    problems: list = []
    exercise = load_exercise(path, problems)
    return exercise, [p for p in problems if p.severity == "error"]  # (qu, ay missing: warnings)


def test_the_shipped_exercises_load_without_a_problem(library) -> None:
    assert not [p for p in library.problems if "exercises" in str(p.file)]
    assert len(library.exercises) >= 8
    for ex in library.exercises:
        assert ex.status["qu"].status == ex.status["ay"].status == "draft"
        for text in ex.texts():
            assert set(text.versions) == {"es", "qu", "ay"}, text.key


def test_an_unknown_target_is_reported_with_file_line_and_field(tmp_path) -> None:
    ex, problems = parse(tmp_path, GOOD % "app-telephone")
    assert ex is None
    assert [str(p) for p in problems] == [
        f"{tmp_path / 'x.yaml'}:14: goals[2].target: no element 'app-telephone' on the phone's 'home' "
        "screen (there: app-phone, app-contacts, app-chat, app-history, app-settings, app-wallet, "
        "app-internet)"]


def test_a_target_on_another_screen_than_the_phone_shows_is_refused(tmp_path) -> None:
    _ex, problems = parse(tmp_path, GOOD % "hang-up")  # on the call screen, not the home screen
    assert [(p.line, p.field) for p in problems] == [(14, "goals[2].target")]


def test_the_other_mistakes_name_their_field(tmp_path) -> None:
    text = (GOOD % "app-phone").replace("start: lock", "start: desk")
    assert [p.field for p in parse(tmp_path, text)[1]] == ["start"]
    text = (GOOD % "app-phone").replace("    target: unlock\n", "    target: unlock\n    dial: '100'\n")
    assert [p.field for p in parse(tmp_path, text)[1]] == ["goals[1]"]
    text = (GOOD % "app-phone").replace("    target: unlock\n", "    dial: '100'\n")
    assert [p.field for p in parse(tmp_path, text)[1]] == ["goals[1].dial"]  # the lock has no keypad
    text = (GOOD % "app-phone").replace("  - id: second\n", "  - id: dial\n    target: key-1\n"
                                        "    say: {es: Uno.}\n    hint: {es: Uno.}\n  - id: second\n")
    text = text.replace("    target: app-phone\n", "    target: call\n")
    text = text.replace("target: unlock", "target: app-phone")
    text = text.replace("start: lock", "start: home")
    assert [p.field for p in parse(tmp_path, text)[1]] == ["goals[2].target"]  # a key: dial or digits
    ok, problems = parse(tmp_path, GOOD % "app-phone")
    assert ok is not None and problems == []


def test_a_broken_exercise_is_skipped_and_the_rest_runs(tmp_path) -> None:
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    (content / "exercises" / "z-bad.yaml").write_text(GOOD % "nowhere", encoding="utf-8")
    (content / "exercises" / "z-lost.yaml").write_text(
        (GOOD % "app-phone").replace("id: tiny", "id: lost").replace("[know-your-phone]", "[no-such]"),
        encoding="utf-8")
    lib = load_library(content)
    assert [p.field for p in lib.errors] == ["goals[2].target"]
    assert lib.exercise("tiny") is None and len(lib.exercises) == 10
    assert lib.exercise("lost").lessons == ()  # offered by no lesson: a warning, not an error
    out = io.StringIO()
    assert check_command(Paths(content=content, audio=tmp_path / "a", data=tmp_path / "d"), False, out) == 1
    bad = content / "exercises" / "z-bad.yaml"
    assert f"{bad}:14: goals[2].target: error: no element 'nowhere'" in out.getvalue()


def test_content_check_json_lists_the_exercises_with_languages_and_status(tmp_path) -> None:
    out = io.StringIO()
    check_command(Paths(content=CONTENT, audio=tmp_path / "a", data=tmp_path / "d"), True, out)
    listed = json.loads(out.getvalue())["summary"]["exercises"]
    assert len(listed) >= 8
    for entry in listed:
        assert set(entry["languages"]) == {"es", "qu", "ay"}
        assert entry["languages"]["qu"]["status"] == entry["languages"]["ay"]["status"] == "draft"
        assert entry["languages"]["es"]["texts"] == entry["languages"]["es"]["of"]
        assert entry["lessons"]


def test_each_digital_literacy_lesson_offers_exercises_at_its_end(library) -> None:
    def offered_by(lesson: str) -> list:
        return [ex for ex in library.exercises if lesson in ex.lessons]

    for lesson in DIGITAL:
        assert offered_by(lesson), lesson
    assert {ex.id for lesson in DIGITAL for ex in offered_by(lesson)} == {ex.id for ex in library.exercises}


def test_everything_the_phone_says_is_a_prompt_in_every_language(library) -> None:
    keys = {s.title for s in SCREENS.values()} | {
        f"phone.el.{e.id}" for s in SCREENS.values() for e in s.elements if not e.id.startswith("key-")}
    keys |= {e.say for s in SCREENS.values() for e in s.elements if e.say}
    keys |= {"phone.digit.0", "button.show_me", "end.practise"}
    for key in keys:
        assert set(library.prompts[key].versions) == {"es", "qu", "ay"}, key
        assert key in PROMPTS, key


def test_the_exercises_are_voiced_like_every_text(library) -> None:
    groups = dict(text_groups(library))
    for ex in library.exercises:
        assert [t.key for t in groups[f"exercise:{ex.id}"]] == [t.key for t in ex.texts()]


def test_numbers_are_said_as_the_services_say_them(library) -> None:
    intro = library.exercise("call-line-100").intro
    assert "Línea cien" in speakable(intro.get("es"), "es")
    assert "pachak" in speakable(intro.get("qu"), "qu")
    assert "Chat cien" in speakable(library.prompt("phone.chat_100").get("es"), "es")


def test_the_pin_exercise_puts_her_safety_first(library) -> None:
    outro = library.exercise("screen-lock-pin").outro.get("es")
    assert "peligro" in outro and "tu seguridad es primero" in outro


def test_tries_come_in_buckets() -> None:
    assert [tries_bucket(n) for n in (1, 2, 3, 4, 9)] == ["1", "2-3", "2-3", "4+", "4+"]


def test_with_captions_off_the_phone_shows_pictures_and_speaks(library) -> None:
    from kiosk.core.session import Act, Action, Screen, Session, State
    from kiosk.core.settings import Settings

    for captions in (True, False):
        session = Session(library, Settings(), captions=captions)
        session.state = State(screen=Screen.END, lang="qu", module="phone-privacy", index=3)
        n = [i.ref for i in session.items()].index("location-off") + 1
        session.handle(Action(Act.CHOOSE, n))
        out = session.handle(Action(Act.CHOOSE, n))
        phone = out.view.phone
        assert out.view.touch is None and phone.tiles and all(t.picture for t in phone.tiles)
        assert bool(phone.instruction) == bool(phone.title) == all(t.caption for t in phone.tiles) == captions
        assert out.speech[-1].key == "exercise.location-off.settings.say" and out.speech[-1].lang == "qu"


def test_each_practice_has_its_own_picture_at_the_lesson_end(library, tmp_path) -> None:
    from kiosk.core.session import Screen, Session, State
    from kiosk.core.settings import Settings

    session = Session(library, Settings())
    session.state = State(screen=Screen.END, lang="es", module="calling-for-help", index=3)
    tiles = [i.picture for i in session.items() if i.kind == "exercise"]
    assert len(tiles) == len(set(tiles)) >= 2
    text = (GOOD % "app-phone").replace("start: lock", "start: lock\npicture: nothing")
    _ex, problems = parse(tmp_path, text)
    assert problems == []  # without the pictures folder it is not checked; with it:
    path = tmp_path / "x.yaml"
    errors: list = []
    load_exercise(path, errors, pictures={"locked"})
    assert [(p.line, p.field) for p in errors if p.severity == "error"] == [(4, "picture")]


def test_the_lesson_end_offers_its_practices_right_after_the_summary(library) -> None:
    from kiosk.core.session import Act, Action, Screen, Session, State
    from kiosk.core.session.lessons import END_HELP, END_PRACTICE, END_SUMMARY
    from kiosk.core.settings import Settings

    session = Session(library, Settings())
    session.state = State(screen=Screen.END, lang="es", module="calling-for-help", index=END_SUMMARY)
    out = session.handle(Action(Act.NEXT))
    assert out.state.index == END_PRACTICE
    assert [s.key for s in out.speech] == ["prompt.end.practise", "prompt.end.next"]
    assert [i.ref for i in session.items()] == ["call-line-100", "trusted-contact", "delete-history",
                                                "find-chat-100"]
    assert [t.picture for t in out.view.tiles] == ["telephone-receiver", "contacts", "wastebasket", "chats"]
    assert session.handle(Action(Act.NEXT)).state.index == END_HELP
    assert session.handle(Action(Act.BACK)).state.index == END_PRACTICE
    session.handle(Action(Act.CHOOSE, 2))
    assert session.handle(Action(Act.CHOOSE, 2)).state.screen == Screen.PHONE
    back = session.handle(Action(Act.BACK))  # leaving the practice: back where the practices are
    assert (back.state.screen, back.state.index, back.state.phone) == (Screen.END, END_PRACTICE, None)
    session.state = State(screen=Screen.END, lang="es", module="myths", index=END_SUMMARY)
    assert session.handle(Action(Act.NEXT)).state.index == END_HELP  # a lesson without practices
