"""The shipped lessons (issue 17): fair questions, sensitive lessons that warn first and end with
help spoken, the new lessons, and qu/ay kept honestly draft."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from pathlib import Path

import pytest

from kiosk.core.content import load_library
from kiosk.core.model import LANGUAGES
from kiosk.core.session import Act, Action, Screen, Session, State
from kiosk.core.settings import Settings

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def library():  # type: ignore[no-untyped-def]
    lib = load_library(ROOT / "content")
    assert not lib.errors, lib.errors
    return lib


def _correct(q) -> int:  # type: ignore[no-untyped-def]
    return next(i for i, c in enumerate(q.choices, 1) if c.correct)


def test_no_position_holds_more_than_half_of_the_correct_answers(library) -> None:  # type: ignore[no-untyped-def]
    questions = [q for m in library.modules for q in m.questions]
    positions = Counter(_correct(q) for q in questions)
    assert max(positions.values()) * 2 <= len(questions), positions
    for m in library.modules:
        assert len({_correct(q) for q in m.questions}) > 1, m.id


def test_at_least_half_the_questions_have_three_choices(library) -> None:  # type: ignore[no-untyped-def]
    questions = [q for m in library.modules for q in m.questions]
    assert 2 * sum(len(q.choices) >= 3 for q in questions) >= len(questions)


def test_no_two_questions_ask_the_same(library) -> None:  # type: ignore[no-untyped-def]
    def norm(text: str) -> str:
        return re.sub(r"\W+", " ", text.lower()).strip()

    prompts = Counter(norm(q.prompt.get("es") or "") for m in library.modules for q in m.questions)
    assert [p for p, n in prompts.items() if n > 1] == []


SENSITIVE = {"violence-in-couple", "cycle-and-children", "jealousy-and-control", "myths",
             "deciding-together", "your-rights", "where-to-find-help", "when-a-friend-tells-you",
             "safety-plan", "your-own-money", "raising-children", "phone-privacy",
             "digital-violence-law", "consent-and-care", "power-and-fathers"}


def test_sensitive_lessons_warn_first_and_end_with_help_spoken(library) -> None:  # type: ignore[no-untyped-def]
    assert {m.id for m in library.modules if m.sensitive} == SENSITIVE
    session = Session(library, Settings(), today=lambda: dt.date(2026, 12, 1))
    for m in library.modules:
        if not m.sensitive:
            continue
        assert m.warning is not None and all(m.warning.get(lang) for lang in LANGUAGES), m.id
        entries = [library.help_entry(h) for h in m.help]
        assert entries and all(entries), m.id
        session.state = State(screen=Screen.END, lang="ay", module=m.id)  # the summary, then
        session.handle(Action(Act.NEXT))  # where to find help: each entry a picture to touch
        if session.state.index == 3:  # (the practice phone's exercises come first in some)
            session.handle(Action(Act.NEXT))
        assert session.state.index == 1, m.id
        assert [i.ref for i in session.items()] == [e.id for e in entries], m.id


def test_the_new_lessons_exist_in_three_languages_and_stay_draft(library) -> None:  # type: ignore[no-untyped-def]
    new = {m.id: m for m in library.modules if m.id in ("consent-and-care", "power-and-fathers")}
    assert set(new) == {"consent-and-care", "power-and-fathers"}
    for m in new.values():
        assert all(t.get(lang) for t in m.texts() for lang in LANGUAGES), m.id
        statuses = library.statuses[m.file]
        assert statuses["qu"].status == statuses["ay"].status == "draft"
    # no dated source for the health post's care or its time: the lesson says no time
    care = (ROOT / "content/modules/18-consent-and-care.yaml").read_text(encoding="utf-8")
    assert "checked: never" in care
    spoken = " ".join(t.get("es") or "" for t in new["consent-and-care"].texts())
    assert not re.search(r"\b(horas|días|setenta y dos|72)\b", spoken)


def test_qu_and_ay_are_never_marked_reviewed(library) -> None:  # type: ignore[no-untyped-def]
    for statuses in library.statuses.values():
        for lang in ("qu", "ay"):
            if lang in statuses:
                assert statuses[lang].status == "draft"


def test_the_word_for_partner_holds_steady_in_quechua_and_aymara(library) -> None:  # type: ignore[no-untyped-def]
    for m in library.modules:
        for t in m.texts():
            for lang in ("qu", "ay"):
                assert not re.search(r"pareja", t.get(lang) or "", re.I), (t.key, lang)
