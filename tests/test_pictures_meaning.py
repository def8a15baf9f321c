"""Pictures that carry the meaning (issue 15, point 7): a picture of its own for each language,
each kind of help service and each lesson; answer pictures that do not give the answer away; a
right / wrong / "no sé" sign on the feedback screen; tiles where the picture is the largest thing."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.core.content import load_library
from kiosk.core.model import LANGUAGES
from kiosk.core.session import Act, Action, Screen, Session, State
from kiosk.core.settings import Settings
from tests.conftest import ROOT, TODAY, make_content

PICTURES = ROOT / "content" / "pictures"
# pictures that say yes / no / good / bad: on a choice they tell the answer without the words
SIGNS = {"check-mark-button", "cross-mark", "thumbs-up", "thumbs-down", "green-circle", "red-circle"}


@pytest.fixture(scope="module")
def shipped():  # type: ignore[no-untyped-def]
    library = load_library(ROOT / "content")
    library.complete()
    return library


def test_each_language_has_a_picture_of_its_own(shipped) -> None:  # type: ignore[no-untyped-def]
    s = Session(shipped, Settings(), today=lambda: TODAY)
    s.handle(Action(Act.ACTIVATE))
    pictures = [t.picture for t in s.view().tiles]
    assert len(set(pictures)) == len(pictures) == len(LANGUAGES)
    assert all((PICTURES / f"{p}.svg").is_file() for p in pictures)


def test_each_help_service_shows_its_kind_and_no_two_the_same(shipped) -> None:  # type: ignore[no-untyped-def]
    s = Session(shipped, Settings(), today=lambda: TODAY)
    tiles = s.view(State(screen=Screen.HELP, lang="es")).tiles
    pictures = [t.picture for t in tiles]
    assert len(tiles) == len(shipped.help) and len(set(pictures)) == len(pictures), pictures
    assert all((PICTURES / f"{p}.svg").is_file() for p in pictures)
    assert not {"help-phone", "help-place"} & set(pictures)  # every national entry names its kind


def test_a_wrong_help_picture_is_named_and_the_entry_kept(tmp_path: Path) -> None:
    content = make_content(tmp_path / "c")
    national = content / "help" / "national.yaml"
    national.write_text(national.read_text(encoding="utf-8").replace(
        "picture: telephone-receiver", "picture: no-such-thing"), encoding="utf-8")
    library = load_library(content)
    library.complete()
    assert [(p.file.name, p.field.endswith(".picture"), p.message) for p in library.errors] == [
        ("national.yaml", True, "no picture 'no-such-thing.svg' in pictures/")]
    entry = library.help_entry("linea-100")
    assert entry is not None and entry.number == "100" and entry.picture == ""
    s = Session(library, Settings(), today=lambda: TODAY)
    assert s.view(State(screen=Screen.HELP, lang="es")).tiles[0].picture == "help-phone"


def test_no_two_lessons_share_a_picture(shipped) -> None:  # type: ignore[no-untyped-def]
    pictures = [m.picture for m in shipped.modules]
    assert len(set(pictures)) == len(pictures), sorted(p for p in pictures if pictures.count(p) > 1)


def test_no_choice_picture_says_yes_or_no(shipped) -> None:  # type: ignore[no-untyped-def]
    signs = [(m.id, q.id, c.id, c.picture) for m in shipped.modules for q in m.questions
             for c in q.choices if c.picture in SIGNS]
    assert signs == []


def test_feedback_carries_its_verdict(shipped) -> None:  # type: ignore[no-untyped-def]
    s = Session(shipped, Settings(), today=lambda: TODAY)
    mod = shipped.module("violence-in-couple")
    q = mod.questions[0]
    verdicts = {}
    for answer in [c.id for c in q.choices] + ["dont-know"]:
        view = s.view(State(screen=Screen.FEEDBACK, lang="qu", module=mod.id, answer=answer))
        verdicts[answer] = view.verdict
    right = next(c.id for c in q.choices if c.correct)
    assert verdicts.pop(right) == "right" and verdicts.pop("dont-know") == "dont-know"
    assert set(verdicts.values()) == {"wrong"}
    assert s.view(State(screen=Screen.STEP, lang="qu", module=mod.id)).verdict == ""


# ---------------------------------------------------------------- drawn
@pytest.mark.parametrize(("verdict", "colour"), [("right", (0x2e, 0x7d, 0x32)), ("wrong", (0xc6, 0x28, 0x28)),
                                                 ("dont-know", (0x15, 0x65, 0xc0)), ("", None)])
def test_the_feedback_picture_draws_the_sign(qtbot, verdict, colour) -> None:  # type: ignore[no-untyped-def]
    from kiosk.ui.screens.picture import PictureScreen
    from kiosk.ui.widgets import Pictures

    screen = PictureScreen(Pictures(PICTURES))
    qtbot.addWidget(screen)
    screen.resize(800, 500)
    screen.show()
    screen.show_picture("woman-shrugging", "", 0, 0, verdict)
    qtbot.waitExposed(screen)
    card = screen.picture.pixmap().toImage()
    side = card.width() * 0.42  # the sign's disc on the card's lower right corner; just under its centre
    corner = card.pixelColor(int(card.width() - side / 2 - 2), int(card.height() - side * 0.15 - 2))
    found = (corner.red(), corner.green(), corner.blue())
    if colour is None:
        assert found != (0x2e, 0x7d, 0x32) and found != (0xc6, 0x28, 0x28)
    else:
        assert all(abs(a - b) <= 8 for a, b in zip(found, colour, strict=True)), found


def test_a_picture_never_paints_outside_its_place_on_the_card(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Pictures are drawn straight onto their card: what an SVG draws beyond its viewBox is cut off,
    so the card's margin (and the verdict's corner) stays the card's."""
    from kiosk.ui.widgets import TILE, PictureLabel, Pictures

    (tmp_path / "spill.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">'
        '<rect x="-400" y="-400" width="900" height="900" fill="#ff0000"/></svg>', encoding="utf-8")
    label = PictureLabel(Pictures(tmp_path))
    qtbot.addWidget(label)
    label.resize(300, 300)
    label.show()
    label.set_picture("spill")
    qtbot.waitExposed(label)
    card = label.pixmap().toImage()
    side = card.width()
    inside = card.pixelColor(side // 2, side // 2)
    margin = card.pixelColor(int(side * 0.04), side // 2)  # between the card's edge and the picture
    assert (inside.red(), inside.green(), inside.blue()) == (255, 0, 0)
    assert margin.name() == TILE, margin.name()
