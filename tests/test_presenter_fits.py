"""Every text of the room layout fits its box at 1920×1080 and 1280×720: each screen of every
session of both example plans, in the three languages (tests/test_text_fits.py does the same for
the participant's screens)."""

from __future__ import annotations

import pytest

from kiosk.core.content import load_library
from kiosk.core.content.plans import PlanBook
from kiosk.core.session import Act, Action, Layout, Screen, Session
from kiosk.core.settings import Settings
from tests.conftest import ROOT
from tests.test_text_fits import big_window

SIZES = [(1920, 1080), (1280, 720), (1024, 600)]


@pytest.fixture(scope="module")
def window(tmp_path_factory):
    session = Session(load_library(ROOT / "content"), Settings(), clock=lambda: 0.0)
    yield from big_window(tmp_path_factory.mktemp("room"), session)


def cut_texts(window) -> list[str]:
    from PySide6.QtWidgets import QLabel, QPushButton

    room = window.stack.currentWidget()
    cut = []
    for label in room.findChildren(QLabel):
        if label.isVisible() and label.text() and label.wordWrap() \
                and label.heightForWidth(label.width()) > label.height() + 1:
            cut.append(f"label {label.text()[:40]!r}")
        elif label.isVisible() and label.text() and not label.wordWrap() \
                and label.sizeHint().width() > label.width() + 1:
            cut.append(f"label {label.text()[:40]!r}")
    cut += [f"tile {t.caption!r}" for t in room.tiles
            if t.isVisible() and t.caption and not t.caption_layout().fits]
    buttons = [b for b in room.findChildren(QPushButton) if b.isVisible()]
    buttons += [*window.buttons.values(), window.exit_button]
    cut += [f"button {b.text()!r}" for b in buttons if b.text() and b.sizeHint().width() > b.width()]
    return cut


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_text_of_the_room_layout_fits_its_box(window, size) -> None:
    from PySide6.QtWidgets import QApplication

    window.resize(*size)
    QApplication.processEvents()
    session = window.session
    book = PlanBook(ROOT / "content" / "plans.json", ROOT / "none" / "plans.json")
    cut: list[str] = []
    seen = 0
    for lang in ("es", "qu", "ay"):
        for plan in book.examples:
            for number in range(1, len(plan.sessions) + 1):
                window.show_room(session.start_course(plan.id, plan.lessons(number), "6-10", lang,
                                                         plan.rounds(number)))
                for _ in range(200):
                    if session.state.screen in (Screen.QUESTION, Screen.ATTITUDE):  # a count in every box
                        window.act(Action(Act.COUNT, 1, 88))
                    QApplication.processEvents()
                    assert window.view.layout == Layout.PRESENTER
                    seen += 1
                    where = f"{lang} {plan.id} {number} {session.state.screen} {session.state.module} " \
                            f"{session.state.index}"
                    cut += [f"{where}: {c}" for c in cut_texts(window)]
                    if session.state.screen == Screen.COURSE_END:
                        break
                    window.act(Action(Act.NEXT))
                window.show_room(session.end_course())
    assert seen > 300
    assert not cut, f"{len(cut)} texts cut off, e.g. {cut[:6]}"


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_one_answers_plus_and_the_next_answers_minus_stay_apart(window, size) -> None:
    """Counting hands in a hurry: the + under one answer and the − under the next are a finger apart."""
    from PySide6.QtWidgets import QApplication

    window.resize(*size)
    QApplication.processEvents()
    session = window.session
    plan = PlanBook(ROOT / "content" / "plans.json", ROOT / "none" / "plans.json").examples[0]
    window.show_room(session.start_course(plan.id, plan.lessons(1), "6-10", "es", plan.rounds(1)))
    for _ in range(200):
        if session.state.screen == Screen.QUESTION:
            break
        window.act(Action(Act.NEXT))
    QApplication.processEvents()
    room = window.stack.currentWidget()
    shown = [c for c in room.counters if c.isVisible()]
    assert len(shown) >= 2
    def x(button, corner):  # type: ignore[no-untyped-def]
        return button.mapTo(room, corner(button.rect())).x()

    gaps = [x(b.minus, type(b.rect()).topLeft) - x(a.plus, type(a.rect()).topRight)
            for a, b in zip(shown, shown[1:], strict=False) if a.y() == b.y()]
    assert gaps and min(gaps) >= 16, gaps
    window.show_room(session.end_course())
