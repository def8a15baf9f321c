"""Shows of hands in a presented session (kiosk.core.session.course): a lesson's check questions
and the plan's before / after opinion rounds, answered by counting hands.

The facilitator enters how many chose each picture with the mouse (− / +) or the keyboard: Tab
moves between the answers, + and − change the focused one, digits type its count (a second digit
right after the first makes two figures: 1 then 2 is 12; 0 after a digit is a zero, alone it
repeats). The counts stay correctable — on the question, and by going back to it — until the
lesson (or the round) is left; only then are they written, once, as ``hands_counted`` events (a
count per answer, never a person). A question already written is never written again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kiosk.core.model import DONT_KNOW, Event, Say
from kiosk.core.session import lessons
from kiosk.core.session.base import Move
from kiosk.core.session.menus import Attitude
from kiosk.core.session.view import Act, Action, Item, Screen, State

if TYPE_CHECKING:
    from kiosk.core.session import Session

MOST_HANDS = 99
ROUND = "attitudes"  # the module field of an opinion round's counts
KEYS = (Act.MORE, Act.FEWER, Act.TAB, Act.BACKTAB)  # counting from the keyboard


def key(s: State) -> tuple[str, str] | None:
    """Which question's counts the screen shows: (lesson or round, question id)."""
    return None if s.screen not in (Screen.QUESTION, Screen.ATTITUDE) else (
        f"{ROUND}:{s.phase}" if s.screen == Screen.ATTITUDE else s.module or "", str(s.index))


def counts_of(session: Session, s: State, n: int) -> tuple[int, ...]:
    run, k = session.course, key(s)
    kept = run.tallies.get(k, ((), ()))[1] if run is not None and k is not None else ()
    return tuple(kept[i] if i < len(kept) else 0 for i in range(n))


def count(session: Session, s: State, n: int, value: int) -> Move:
    """Answer ``n`` (from 1) was chosen by ``value`` hands (a correction replaces the count)."""
    run, k, items = session.course, key(s), session.items(s)
    if run is None or k is None or not 1 <= n <= len(items) or k in run.counted:
        return Move(s, [], changed=False, interrupt=False)
    counts = list(counts_of(session, s, len(items)))
    counts[n - 1] = max(0, min(MOST_HANDS, value))
    run.tallies[k] = (tuple(i.ref for i in items), tuple(counts))
    return Move(s._replace(counts=tuple(counts)), [], interrupt=False)


def keyed(session: Session, s: State, a: Action) -> Move:
    """Tab / Shift+Tab between the answers, + / − on the focused one."""
    items = session.items(s)
    if key(s) is None or not items:
        return Move(s, [], changed=False, interrupt=False)
    at = s.focus or 1
    if a.act in (Act.TAB, Act.BACKTAB):
        step = 1 if a.act == Act.TAB else -1
        new = s._replace(focus=(at - 1 + step) % len(items) + 1 if s.focus else 1)
        return Move(new, session.item_speech(new, new.focus), changed=False)
    now = counts_of(session, s, len(items))[at - 1]
    return count(session, s._replace(focus=at), at, now + (1 if a.act == Act.MORE else -1))


def typed(session: Session, s: State, a: Action) -> Move | None:
    """A digit on a show of hands types the focused answer's count; None: not a count's key."""
    run = session.course
    if run is None or key(s) is None:
        return None
    at = s.focus or 1
    digit = 0 if a.act == Act.REPEAT else a.n
    if a.act == Act.REPEAT and (a.n or run.typing != (key(s), at)):
        return None  # 0 on its own, F5 or the Repeat button: repeat, as everywhere
    if a.act not in (Act.CHOOSE, Act.REPEAT) or not 0 <= digit <= 9:
        return None
    now = counts_of(session, s, len(session.items(s)))[at - 1] if session.items(s) else 0
    value = now * 10 + digit if run.typing == (key(s), at) else digit
    run.typing = (key(s), at)
    return count(session, s._replace(focus=at), at, value)


def written(session: Session) -> list[Event]:
    """Every count not yet written: as that many ``hands_counted`` events, each question once."""
    run = session.course
    if run is None:
        return []
    events, day = [], session.today().isoformat()
    for (where, index), (refs, counts) in run.tallies.items():
        if (where, index) in run.counted:
            continue
        run.counted.add((where, index))
        module, item = where, index
        if where.startswith(f"{ROUND}:"):  # the statement's id, its phase with the answer
            att = session.library.attitudes
            module, item = ROUND, att.questions[int(index)].id if att else index
        else:
            mod = session.library.module(where)
            item = mod.questions[int(index)].id if mod and int(index) < len(mod.questions) else index
        phase = where.partition(":")[2]
        for ref, n in zip(refs, counts, strict=False):
            events += [Event("hands_counted", day, run.lang, module, item,
                             f"{phase}:{ref}" if phase else ref)] * n
    return events


class Hands(lessons.QuestionScreen):
    """A check question answered by a show of hands; the facilitator enters the counts."""

    def arrival(self, s: State) -> list[Say]:
        q, lang = self.question(s), self.s.lang_of(s)
        if q is None:
            return []
        return ([self.s.prompt("hands.arrive", lang), Say(q.prompt.key, lang)] + self.s.numbered(s)
                + [self.s.prompt("hands.invite", lang)])

    def intercept(self, s: State, a: Action) -> Move | None:
        return typed(self.s, s, a)

    def choose(self, s: State, item: Item) -> Move:
        return self.invite(s)  # in a group a picture is not an answer: hands are counted

    def activate(self, s: State) -> Move:
        return self.next(s)

    def next(self, s: State) -> Move:
        q = self.question(s)
        if q is None or self.s.course is None:
            return Move(s, [], changed=False)
        correct = next((c.id for c in q.choices if c.correct), DONT_KNOW)
        return self.s.enter(s._replace(screen=Screen.FEEDBACK, answer=correct, focus=0))

    def prev(self, s: State) -> Move:
        return self.back(s)


class Reveal(lessons.Feedback):
    """After the count: the right picture and the explanation."""

    def arrival(self, s: State) -> list[Say]:
        q, lang = self._question(s), self.s.lang_of(s)
        chosen = next((c for c in q.choices if c.id == s.answer), None)
        says = [self.s.prompt("hands.reveal", lang)] + ([Say(chosen.text.key, lang)] if chosen else [])
        if q.explain:
            says.append(Say(q.explain.key, lang))
        return says + [self.s.prompt("feedback.invite", lang)]

    def next(self, s: State) -> Move:
        return super().next(s._replace(counts=()))


class Round(Attitude):
    """The plan's opinion round in the room: each statement, its answers counted by hands."""

    invite_prompt = "hands.invite"
    picture_name = "busts-in-silhouette"

    def intercept(self, s: State, a: Action) -> Move | None:
        return typed(self.s, s, a)

    def choose(self, s: State, item: Item) -> Move:
        return self.invite(s)

    def activate(self, s: State) -> Move:
        return self.next(s)

    def next(self, s: State) -> Move:
        att = self.s.library.attitudes
        if att and s.index + 1 < len(att.questions):
            return self.s.enter(s._replace(index=s.index + 1, focus=0, counts=()))
        return self.done(s)

    def done(self, s: State) -> Move:
        """After the last statement (the presented session says where to: course.Round)."""
        return Move(s, [], changed=False)

    def prev(self, s: State) -> Move:
        return self.back(s)

    def back(self, s: State) -> Move:
        if s.index > 0:
            return self.s.enter(s._replace(index=s.index - 1, focus=0, counts=()))
        return self.invite(s)
