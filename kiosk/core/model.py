"""The content model and the other plain records every layer shares: no I/O, no loading.

Modules, steps, questions, help entries and texts per language (what content says); ``Problem``
(what was wrong with a file); ``Say`` (one thing to say) and ``Event`` (one anonymous usage count).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    import datetime as dt

LANGUAGES = ("es", "qu", "ay")
TOPICS = ("ipv", "digital")
STATUSES = ("draft", "reviewed")
ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}\Z")  # \Z: "$" would let a final newline in
# The harmless lesson a quick exit shows, unless settings.json names another (``neutral_module``).
NEUTRAL_MODULE = "know-your-phone"
DONT_KNOW = "dont-know"


class Problem(NamedTuple):
    file: Path
    line: int
    field: str
    message: str
    severity: str = "error"  # or "warning"

    def __str__(self) -> str:
        """One line, whatever the file held: a line break or control character quoted from it
        (a form feed in a spreadsheet cell, say) is shown escaped."""
        text = f"{self.file}:{self.line}: {self.field}: {self.message}"
        if text.isprintable():
            return text
        return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


class Text(NamedTuple):
    """One thing said, in several languages. ``key`` names it for voices and the usage log."""

    key: str
    versions: dict[str, str]
    line: int = 0

    def get(self, lang: str) -> str | None:
        return self.versions.get(lang)


class LangStatus(NamedTuple):
    status: str
    by: str | None = None
    on: dt.date | None = None
    note: str | None = None


class Choice(NamedTuple):
    id: str
    picture: str
    text: Text
    correct: bool = False


class Question(NamedTuple):
    id: str
    prompt: Text
    choices: tuple[Choice, ...]
    explain: Text | None


class Step(NamedTuple):
    id: str
    picture: str
    text: Text
    discuss: tuple[int, ...] = ()  # ``discuss_after``: the discussion questions (1-based) a group
    # pauses on after this step; those no step names come at the end of the lesson


class Module(NamedTuple):
    id: str
    order: int
    topic: str
    sensitive: bool
    picture: str
    title: Text
    warning: Text | None
    steps: tuple[Step, ...]
    questions: tuple[Question, ...]
    summary: Text
    discussion: tuple[Text, ...]
    help: tuple[str, ...]
    status: dict[str, LangStatus]
    file: Path

    def texts(self) -> Iterator[Text]:
        yield self.title
        if self.warning:
            yield self.warning
        for step in self.steps:
            yield step.text
        for q in self.questions:
            yield q.prompt
            for c in q.choices:
                yield c.text
            if q.explain:
                yield q.explain
        yield self.summary
        yield from self.discussion


class HelpService(NamedTuple):
    """A help directory entry. ``checked`` is the day a person confirmed the number and name (None:
    never); ``source_date`` the date of the article or page the facts come from, which confirms
    nothing. ``name`` is the official name; ``names`` the name per language where the language has
    its own (a Quechua or Aymara session shows that one)."""

    id: str
    name: str
    number: str
    hours: str
    languages: tuple[str, ...]
    cost: str
    source: str
    checked: dt.date | None  # None: never confirmed by a person on a known day
    say: Text
    local: bool
    file: Path
    source_date: dt.date | None = None
    names: tuple[tuple[str, str], ...] = ()  # (language, name), e.g. (("qu", "…"), ("ay", "…"))
    picture: str = ""  # what kind of service it is (a phone line, police, a shelter…); "" = by number

    def name_in(self, lang: str | None) -> str:
        """The name to show in ``lang``: its own where the entry gives one, else the official one."""
        return next((n for code, n in self.names if code == lang), self.name)


class AttitudeQuestion(NamedTuple):
    id: str
    source: str
    prompt: Text


class Attitudes(NamedTuple):
    """Optional, anonymous before/after statements for a group course (answers are only counted)."""

    intro: Text
    answers: tuple[Choice, ...]
    questions: tuple[AttitudeQuestion, ...]
    file: Path

    def texts(self) -> Iterator[Text]:
        yield self.intro
        for a in self.answers:
            yield a.text
        for q in self.questions:
            yield q.prompt


class Goal(NamedTuple):
    """One touch (``target``), a number to dial (``dial``) or any ``digits`` digits to type (a PIN,
    a contact's number; ``again``: the same as the goal before). ``hint`` comes after two wrong tries."""

    id: str
    target: str
    dial: str
    digits: int
    again: bool
    say: Text
    hint: Text
    praise: Text | None
    line: int


class Exercise(NamedTuple):
    """A practice on the phone: where it starts, its goals, and the lessons that offer it."""

    id: str
    title: Text
    intro: Text
    outro: Text
    start: str
    lessons: tuple[str, ...]
    goals: tuple[Goal, ...]
    status: dict[str, LangStatus]
    file: Path
    picture: str = "mobile-phone"  # its tile at the lesson's end: each practice its own picture

    def texts(self) -> Iterator[Text]:
        yield self.title
        yield self.intro
        for goal in self.goals:
            yield goal.say
            yield goal.hint
            if goal.praise:
                yield goal.praise
        yield self.outro


class Say(NamedTuple):
    """One thing to say: a text key in a language. ``track`` marks a lesson step to measure."""

    key: str
    lang: str
    track: tuple[str, str] | None = None


class Event(NamedTuple):
    """An anonymous usage event: what content was used, never who used it."""

    kind: str
    day: str
    language: str | None = None
    module: str | None = None
    item: str | None = None
    value: str | None = None
