"""Finding things by ear (issue 15, point 8) and no Spanish in a Quechua or Aymara session
(point 9), without Qt: what each screen says, where Next and Prev lead, which language is kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.core.content import load_library
from kiosk.core.model import HelpService
from kiosk.core.session import Act, Action, ItemKind, Layout, Screen, Session, State
from kiosk.core.session.base import help_caption
from kiosk.core.settings import Settings
from tests.conftest import ROOT, TODAY, make_content

LOCAL = """
languages: {es: {status: draft}, qu: {status: draft}, ay: {status: draft}}
entries:
"""
ENTRY = """
  - id: posta-{n}
    name: Posta {n}
    number: "95{n}"
    picture: woman-health-worker
    hours: de día
    languages: [es]
    cost: gratis
    source: visita
    checked: 2026-11-01
    say: {{es: "La posta {n}.", qu: "Posta {n} nisqa.", ay: "Posta {n} ukaxa."}}
"""


def keys(speech) -> list[str]:  # type: ignore[no-untyped-def]
    return [say.key for say in speech]


@pytest.fixture(scope="module")
def shipped():  # type: ignore[no-untyped-def]
    library = load_library(ROOT / "content")
    library.complete()
    return library


def visit(library, lang: str = "qu") -> Session:  # type: ignore[no-untyped-def]
    s = Session(library, Settings(), today=lambda: TODAY)
    s.handle(Action(Act.ACTIVATE))
    number = ("es", "qu", "ay").index(lang) + 1
    s.handle(Action(Act.CHOOSE, number))
    s.handle(Action(Act.CHOOSE, number))
    assert s.state.screen == Screen.HOME and s.state.lang == lang
    return s


def with_local_help(tmp_path: Path, count: int):  # type: ignore[no-untyped-def]
    content = make_content(tmp_path / "c")
    local = tmp_path / "help-local.yaml"
    local.write_text(LOCAL + "".join(ENTRY.format(n=n) for n in range(1, count + 1)), encoding="utf-8")
    library = load_library(content, local_help=local)
    library.complete()
    assert not library.errors, library.errors
    return library


# ---------------------------------------------------------------- the lesson list
def test_the_home_page_says_which_page_it_is_in_her_language(shipped) -> None:  # type: ignore[no-untyped-def]
    s = visit(shipped, "ay")
    pages = -(-len(shipped.modules) // 8)
    assert pages == 3
    for page in range(pages):
        said = s.arrival(State(screen=Screen.HOME, lang="ay", page=page))
        assert keys(said)[:2] == ["prompt.home.arrive", f"prompt.page.{page + 1}.of.3"]
        assert all(say.lang == "ay" for say in said)
    assert shipped.prompt("page.2.of.3").get("ay")  # every page prompt is written in each language


def test_each_lesson_tile_says_its_number_and_title_when_focused(shipped) -> None:  # type: ignore[no-untyped-def]
    s = visit(shipped)
    for page in range(3):
        s.state = State(screen=Screen.HOME, lang="qu", page=page)
        for number, item in enumerate(s.items(), start=1):
            if item.kind == ItemKind.GAP:
                continue
            for act in (Act.CHOOSE, Act.HOVER):  # a digit, or the pointer resting on it
                s.state = State(screen=Screen.HOME, lang="qu", page=page)
                out = s.handle(Action(act, number))
                assert keys(out.speech) == [f"prompt.number.{number}", item.label_key]
                assert all(say.lang == "qu" for say in out.speech)


def test_help_is_number_nine_on_every_home_page(shipped) -> None:  # type: ignore[no-untyped-def]
    s = visit(shipped)
    for page in range(3):
        items = s.items(State(screen=Screen.HOME, lang="qu", page=page))
        assert len(items) == 9 and items[8].kind == ItemKind.HELP_TILE, page
    # on the last page (three lessons) 4, 5 and 6 are empty places: the keypad's 4 and 6 turn pages
    s.state = State(screen=Screen.HOME, lang="qu", page=2)
    assert s.handle(Action(Act.CHOOSE, 4)).state.page == 1
    s.state = State(screen=Screen.HOME, lang="qu", page=2)
    out = s.handle(Action(Act.CHOOSE, 9))
    assert keys(out.speech) == ["prompt.number.9", "prompt.help.tile"]
    tiles = s.view(State(screen=Screen.HOME, lang="qu", page=2)).tiles
    assert [bool(t.picture) for t in tiles] == [True] * 3 + [False] * 5 + [True]


def test_the_language_screen_says_each_number_in_its_own_language(shipped) -> None:  # type: ignore[no-untyped-def]
    s = Session(shipped, Settings(), today=lambda: TODAY)
    said = s.handle(Action(Act.ACTIVATE)).speech
    for number, code in enumerate(("es", "qu", "ay"), start=1):
        at = said.index(next(x for x in said if x.key == f"prompt.number.{number}"))
        assert said[at].lang == code and said[at + 1].key == "prompt.language.self"
        assert said[at + 1].lang == code and said[at - 1].key == "prompt.language.arrive"
    assert [(x.key, x.lang) for x in said[-3:]] == [("prompt.language.invite", c) for c in ("es", "qu", "ay")]


# ---------------------------------------------------------------- the end of a lesson, in steps
def test_the_end_of_a_lesson_comes_in_steps_she_can_repeat_or_skip(shipped) -> None:  # type: ignore[no-untyped-def]
    s = visit(shipped)
    s.start_group("2-5")
    for mod in shipped.modules:
        s.state = State(screen=Screen.END, lang="qu", module=mod.id)
        whole = 0
        seen = []
        while s.state.screen == Screen.END:
            said = s.handle(Action(Act.REPEAT)).speech  # Repeat says this step again, only it
            assert said == s.arrival() and s.state.screen == Screen.END
            assert not any(x.key.startswith("help.") for x in said), mod.id  # entries: when touched
            whole += len(said)
            seen.append(s.state.index)
            s.handle(Action(Act.NEXT))  # Next skips to the next step, after the last: home
        assert s.state.screen == Screen.HOME
        practice = any(mod.id in e.lessons for e in shipped.exercises)  # the practice phone's step
        assert seen == [0] + [3] * practice + [1] * bool(mod.help) + [2] * bool(mod.discussion), mod.id
        assert whole <= 9 + 2 * practice + len(mod.discussion), mod.id


# ---------------------------------------------------------------- help: paged, numbers kept
def test_every_help_entry_is_reachable_and_keeps_its_number(tmp_path: Path) -> None:
    library = with_local_help(tmp_path, 3)
    s = visit(library)
    s.handle(Action(Act.CHOOSE, 9))
    s.handle(Action(Act.CHOOSE, 9))
    assert s.state.screen == Screen.HELP and s.state.page == 0
    first = [i.ref for i in s.items()]
    assert first[:3] == ["posta-1", "posta-2", "posta-3"]  # local entries first: they are nearest
    assert keys(s.arrival())[:2] == ["prompt.help.arrive", "prompt.page.1.of.2"]
    assert "prompt.help.page" in keys(s.arrival())  # "there are more: touch Next"
    reached = []
    for _ in range(len(library.help)):
        out = s.handle(Action(Act.NEXT))
        reached.append((s.state.page, s.state.focus, s.items()[s.state.focus - 1].ref))
    assert sorted(ref for _p, _f, ref in reached) == sorted(h.id for h in library.help)  # none lost
    assert reached[8][:2] == (0, 9) and reached[9][:2] == (1, 1)  # on from 9 to the next page
    s.state = s.state._replace(page=1, focus=1)
    assert keys(s.handle(Action(Act.PREV)).speech)[0] == "prompt.page.1.of.2"  # back across
    assert (s.state.page, s.state.focus) == (0, 9)
    s.state = s.state._replace(page=1, focus=3)  # the very last: Next goes round to the first
    out = s.handle(Action(Act.NEXT))
    assert (s.state.page, s.state.focus) == (0, 1) and keys(out.speech)[0] == "prompt.page.1.of.2"
    again = [i.ref for i in s.items(State(screen=Screen.HELP, lang="qu", page=0))]
    assert again == first  # a page always holds the same entries under the same numbers
    assert s.view(State(screen=Screen.HELP, lang="qu", page=1)).layout == Layout.GRID


def test_one_page_of_help_goes_round(shipped) -> None:  # type: ignore[no-untyped-def]
    s = visit(shipped)
    s.state = State(screen=Screen.HELP, lang="qu", focus=len(shipped.help))
    assert s.handle(Action(Act.NEXT)).state.focus == 1
    assert "prompt.help.page" not in keys(s.arrival())


# ---------------------------------------------------------------- no Spanish in her session
def test_the_attract_screen_shows_its_invitation_in_every_language(shipped) -> None:  # type: ignore[no-untyped-def]
    s = Session(shipped, Settings(), today=lambda: TODAY)
    title = s.view().title
    for code in ("es", "qu", "ay"):
        assert s.words("prompt.attract.invite", code) in title


@pytest.mark.parametrize("lang", ["qu", "ay"])
def test_after_a_quick_exit_the_harmless_lesson_is_in_her_language(shipped, lang) -> None:  # type: ignore[no-untyped-def]
    s = visit(shipped, lang)
    s.handle(Action(Act.CHOOSE, 1))
    out = s.handle(Action(Act.QUICK_EXIT))
    neutral = shipped.neutral_module
    assert out.view.layout == Layout.NEUTRAL and out.state.module == neutral.id
    assert out.view.title == neutral.steps[0].text.get(lang) != neutral.steps[0].text.get("es")
    assert [e.kind for e in s.handle(Action(Act.QUICK_EXIT)).events] == []  # once, not again
    nxt = s.handle(Action(Act.NEXT))
    assert nxt.state.screen == Screen.STEP and nxt.state.lang == lang  # and it goes on in hers


def test_a_help_tile_shows_the_name_of_her_language_where_there_is_one() -> None:
    entry = HelpService("linea-100", "Línea 100", "100", "", ("es",), "", "", None, None,  # type: ignore[arg-type]
                        False, Path("x"), names=(("qu", "Pachak yanapay"),))
    assert help_caption(entry, "qu") == "Pachak yanapay: 100"
    assert help_caption(entry, "es") == "Línea 100"
