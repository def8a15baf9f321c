"""Presenting one session of a course plan to a group on a TV or projector.

The facilitator starts a session of a plan (``Session.start_course``); from then on the lesson
screens are this module's variants and every view is drawn in the room layout
(``Layout.PRESENTER``): the picture and caption large, which lesson of the session this is, and
nothing anyone must read. Steps marked ``discuss_after`` pause for discussion (and the end of each
lesson, for the questions no step named), with a timer the facilitator can extend or skip. A check
question is answered by a show of hands: the facilitator enters how many chose each picture and
"No sé"; those counts go to the usage log as counts (``hands_counted``). When the session ends one
``group_course`` cell is logged: the day, the language, the plan's id, the lessons shown and the
group's size bucket — never who was there. Idle reset waits while a session is presented.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kiosk.core.model import ID_RE, Event, Module, Say
from kiosk.core.session import hands, lessons
from kiosk.core.session.base import Handler, Move
from kiosk.core.session.view import Act, Action, Item, ItemKind, Layout, Screen, State, View

if TYPE_CHECKING:
    from kiosk.core.session import Session

PAUSE_SECONDS = 300  # a discussion pause: five minutes, then "time is up" (extend: one more)
EXTEND_SECONDS = 60
COURSE_ACTS = (Act.COUNT, Act.EXTEND, Act.TICK, Act.BLANK, Act.HUSH, *hands.KEYS)
ANY_SCREEN = (Act.BLANK, *hands.KEYS)  # outside a run: keys like any other (they start the kiosk)
LOGGED = ("hands_counted", "group_course", "quick_exit")  # what a presented session counts


class Run:
    """The session being presented: plan, lessons, group size, what was shown and counted, the
    pause's timer (on the session's clock) and the black screen."""

    def __init__(self, plan: str, lessons: tuple[str, ...], size: str, lang: str,
                 rounds: tuple[str, ...] = ()) -> None:
        self.plan, self.lessons, self.size, self.lang = plan, lessons, size, lang
        self.rounds: list[str] = [r for r in ("before", "after") if r in rounds]  # rounds still to run
        self.shown: list[str] = []
        self.done: set[str] = set()  # lessons presented to their end (shown: opened)
        # shows of hands (kiosk.core.session.hands): counts still correctable, and those written
        self.tallies: dict[tuple[str, str], tuple[tuple[str, ...], tuple[int, ...]]] = {}
        self.counted: set[tuple[str, str]] = set()
        self.typing: tuple[tuple[str, str] | None, int] | None = None  # a count typed digit by digit
        self.ends_at: float | None = None
        self.total = 0
        self.time_up = False
        self.blank = False
        self.logged = False

    def position(self, module: str | None) -> int:
        """Which lesson of the session: this one, or (between lessons) the next to show — the
        first not presented to its end: a lesson left by Back or Home is not skipped."""
        if module in self.lessons:
            return self.lessons.index(module)
        return next((i for i, m in enumerate(self.lessons) if m not in self.done), len(self.lessons))


def start(session: Session, plan: str, lesson_ids: tuple[str, ...], size: str, lang: str,
          rounds: tuple[str, ...] = ()) -> Move:
    """``size``: one of machine.GROUP_SIZES (the session checks it); ``rounds``: "before" (run
    first) and / or "after" (run last), the plan's opinion rounds in this session."""
    if not ID_RE.match(plan):  # the usage log's group_course cell carries it: an id, never a name
        raise ValueError(f"{plan[:20]!r} is not a plan id")
    if lang not in session.settings.languages:
        raise ValueError(f"{lang[:10]!r} is not an enabled language")
    found = tuple(m for m in lesson_ids if session.library.module(m) is not None)
    if not found:
        raise ValueError("none of the plan's lessons is loaded")
    session.visit = None  # a group session is not a visit: nothing of one is counted
    if not session.library.attitudes or not session.library.attitudes.questions:
        rounds = ()  # no statements loaded: no round to run
    session.course = Run(plan, found, size, lang, rounds)
    session.enter_handlers(COURSE_HANDLERS)
    return session.enter(State(screen=Screen.COURSE, lang=lang))


def quick_exit(session: Session, s: State) -> Move:
    """A quick exit mid-session: the hands counted so far are written; nothing else survives."""
    counted, session.course = hands.written(session), None
    move = session._quick_exit(s)
    return move._replace(events=counted + move.events)


def finish_events(session: Session) -> list[Event]:
    """The one cell of the whole session (once, and only if a lesson was shown)."""
    run = session.course
    if run is None or run.logged or not run.shown:
        return hands.written(session)
    run.logged = True
    lessons_shown = "+".join(sorted(set(run.shown)))
    return hands.written(session) + [Event("group_course", session.today().isoformat(), run.lang, run.plan,
                                           lessons_shown, run.size)]


def handle(session: Session, s: State, a: Action) -> Move | None:
    """The presenting actions; None: the usual rules apply."""
    run = session.course
    if run is None:
        if a.act in COURSE_ACTS and a.act not in ANY_SCREEN:
            return Move(s, [], changed=False, interrupt=False)
        return None
    if a.act == Act.IDLE:  # a group talks for a long time: no idle reset while presenting
        return Move(s, [], changed=False, interrupt=False)
    if a.act == Act.BLANK:
        run.blank = not run.blank
        run.typing = None  # a count typed before the black screen is not continued after it
        return Move(s, [], interrupt=run.blank)
    if a.act == Act.TICK:
        return tick(session, s)
    if a.act not in (Act.CHOOSE, Act.REPEAT, Act.HOVER, Act.COUNT):
        run.typing = None  # a digit after any other key starts a new count
    if run.blank and a.act != Act.HOVER:  # any key or touch: the same screen again, not the next
        run.blank = False
        return Move(s, [], interrupt=a.act == Act.HUSH)
    if a.act == Act.HUSH:
        return Move(s, [], changed=False, interrupt=True)
    if a.act == Act.EXTEND:
        if run.ends_at is None:
            return Move(s, [], changed=False, interrupt=False)
        left = max(0.0, run.ends_at - session.clock())
        run.ends_at = session.clock() + left + EXTEND_SECONDS
        run.total = int(left) + EXTEND_SECONDS if run.time_up else run.total + EXTEND_SECONDS
        run.time_up = False
        return Move(s, [], interrupt=False)
    if a.act == Act.COUNT:
        return hands.count(session, s, a.n, a.value)
    if a.act in hands.KEYS:
        return hands.keyed(session, s, a)
    return None


def tick(session: Session, s: State) -> Move:
    run = session.course
    if run is None or run.ends_at is None:
        return Move(s, [], changed=False, interrupt=False)
    if not run.time_up and session.clock() >= run.ends_at:
        run.time_up = True
        return Move(s, [session.prompt("discuss.time_up", session.lang_of(s))], interrupt=False)
    return Move(s, [], interrupt=False)


def present(session: Session, s: State, view: View) -> View:
    """Any view of a presented session, in the room layout."""
    run = session.course
    if run is None:
        return view
    timer = None
    if run.ends_at is not None and s.screen == Screen.DISCUSS:
        timer = (max(0, int(run.ends_at - session.clock() + 0.999)), run.total)
    counts = hands.counts_of(session, s, len(view.tiles)) if hands.key(s) else ()
    buttons = tuple(b for b in view.buttons if b.act == Act.QUICK_EXIT) if run.blank else view.buttons
    return view._replace(layout=Layout.PRESENTER, lesson=run.position(s.module), lessons=len(run.lessons),
                         counts=counts, timer=timer, blank=run.blank, touch=Act.NEXT, buttons=buttons)


def next_lesson(session: Session, s: State) -> Move:
    """After a lesson (and its last pause): the next lesson of the session, or its end."""
    run = session.course
    assert run is not None
    if s.module is not None:
        run.done.add(s.module)
    at = run.position(s.module) + 1
    events = hands.written(session)  # the lesson's counts, no longer correctable
    if at < len(run.lessons):
        move = open_lesson(session, s, run.lessons[at])
        return move._replace(events=events + move.events)
    if "after" in run.rounds:
        return opinion_round(session, s, "after", events)
    return session.enter(State(screen=Screen.COURSE_END, lang=s.lang), events + finish_events(session))


def opinion_round(session: Session, s: State, phase: str, events: list[Event]) -> Move:
    run = session.course
    assert run is not None
    run.rounds.remove(phase)
    return session.enter(State(screen=Screen.ATTITUDE, lang=s.lang, phase=phase), events)


def after_round(session: Session, s: State) -> Move:
    """The round's last statement counted: its counts written; the lessons, or the end."""
    events = hands.written(session)
    if s.phase == "before":
        move = Overview(session).next(State(screen=Screen.COURSE, lang=s.lang))
        return move._replace(events=events + move.events)
    return session.enter(State(screen=Screen.COURSE_END, lang=s.lang), events + finish_events(session))


def open_lesson(session: Session, s: State, module_id: str) -> Move:
    run = session.course
    assert run is not None
    run.ends_at = None
    if module_id not in run.shown:
        run.shown.append(module_id)
    return session.open_module(s._replace(screen=Screen.COURSE, counts=(), discuss=0), module_id)


def pause(session: Session, s: State, after: int, numbers: tuple[int, ...]) -> Move:
    """Enter the discussion pause on the first of ``numbers`` after step ``after``."""
    run = session.course
    assert run is not None
    run.ends_at, run.total, run.time_up = session.clock() + PAUSE_SECONDS, PAUSE_SECONDS, False
    return session.enter(s._replace(screen=Screen.DISCUSS, index=after, discuss=numbers[0], focus=0,
                                    counts=()))


def at_end(mod: Module) -> tuple[int, ...]:
    """The discussion questions no step names: discussed at the end of the lesson."""
    named = {n for step in mod.steps for n in step.discuss}
    return tuple(n for n in range(1, len(mod.discussion) + 1) if n not in named)


class Overview(Handler):
    """The session's lessons as pictures; Next opens the first one not yet presented to its end."""

    screen = Screen.COURSE
    lists = True

    def items(self, s: State) -> list[Item]:
        run = self.s.course
        mods = [self.s.library.module(m) for m in (run.lessons if run else ())]
        return [Item(ItemKind.MODULE, m.id, m.picture, m.title.key) for m in mods if m]

    def arrival(self, s: State) -> list[Say]:
        lang = self.s.lang_of(s)
        return [self.s.prompt("course.arrive", lang), *self.s.numbered(s),
                self.s.prompt("course.invite", lang)]

    def view(self, s: State) -> View:
        return self.grid(s, self.s.words("prompt.course.arrive", self.s.lang_of(s)), "busts-in-silhouette")

    def choose(self, s: State, item: Item) -> Move:
        return open_lesson(self.s, s, item.ref)

    def next(self, s: State) -> Move:
        run = self.s.course
        assert run is not None
        if "before" in run.rounds:  # the plan's opinion round before the session's lessons
            return opinion_round(self.s, s, "before", [])
        at = run.position(None)
        return open_lesson(self.s, s, run.lessons[at if at < len(run.lessons) else 0])

    def activate(self, s: State) -> Move:
        return self.next(s)

    def prev(self, s: State) -> Move:
        return self.invite(s)

    def back(self, s: State) -> Move:
        return self.invite(s)


class Step(lessons.Step):  # Back as in a visit: the previous step, the content warning, the lessons
    def next(self, s: State) -> Move:
        step = self.mod(s).steps[s.index]
        if step.discuss:
            return pause(self.s, s, s.index, step.discuss)
        return super().next(s)


class Discuss(lessons._InLesson):
    """A discussion question, large and spoken, with the pause's timer."""

    screen = Screen.DISCUSS

    def numbers(self, s: State) -> tuple[int, ...]:
        mod = self.mod(s)
        return mod.steps[s.index].discuss if s.index < len(mod.steps) else at_end(mod)

    def arrival(self, s: State) -> list[Say]:
        mod, lang = self.mod(s), self.s.lang_of(s)
        first = self.numbers(s)[:1] == (s.discuss,)
        says = [self.s.prompt("end.discuss", lang)] if first else []
        return says + [Say(mod.discussion[s.discuss - 1].key, lang), self.s.prompt("discuss.invite", lang)]

    def view(self, s: State) -> View:
        mod = self.mod(s)
        return self.picture(s, "busts-in-silhouette", mod.discussion[s.discuss - 1].key)

    def activate(self, s: State) -> Move:
        return self.next(s)

    def next(self, s: State) -> Move:
        numbers = self.numbers(s)
        later = numbers[numbers.index(s.discuss) + 1:] if s.discuss in numbers else ()
        if later:
            return self.s.enter(s._replace(discuss=later[0]))
        run = self.s.course
        if run is not None:
            run.ends_at = None
        mod = self.mod(s)
        base = s._replace(discuss=0)
        if s.index < len(mod.steps):  # on with the lesson, as if the step had no pause
            return lessons.Step.next(self.s.handler(base._replace(screen=Screen.STEP)),  # type: ignore[arg-type]
                                     base._replace(screen=Screen.STEP))
        return next_lesson(self.s, base)

    def prev(self, s: State) -> Move:
        return self.back(s)

    def back(self, s: State) -> Move:
        numbers = self.numbers(s)
        earlier = numbers[:numbers.index(s.discuss)] if s.discuss in numbers else ()
        if earlier:
            return self.s.enter(s._replace(discuss=earlier[-1]))
        if self.s.course is not None:
            self.s.course.ends_at = None
        mod = self.mod(s)
        if s.index < len(mod.steps):
            return self.s.enter(s._replace(screen=Screen.STEP, discuss=0))
        return self.s.enter(s._replace(screen=Screen.END, index=0, discuss=0))


class End(lessons.End):
    """The summary and where to find help; then the lesson's last pause, then the next lesson."""

    def arrival(self, s: State) -> list[Say]:
        mod, lang = self.mod(s), self.s.lang_of(s)
        says = [self.s.prompt("end.arrive", lang), Say(mod.summary.key, lang),
                self.s.prompt("end.help", lang)]
        return says + [Say(item.label_key, lang) for item in self.s.items(s)] + [
            self.s.prompt("course.next", lang)]

    def next(self, s: State) -> Move:
        numbers = at_end(self.mod(s))
        if numbers:
            return pause(self.s, s, len(self.mod(s).steps), numbers)
        return next_lesson(self.s, s)

    def activate(self, s: State) -> Move:
        return self.next(s)


class CourseEnd(Handler):
    screen = Screen.COURSE_END

    def arrival(self, s: State) -> list[Say]:
        return [self.s.prompt("course.end", self.s.lang_of(s))]

    def view(self, s: State) -> View:
        return self.picture(s, "clapping-hands", "prompt.course.end")

    def back(self, s: State) -> Move:
        return self.invite(s)

    def next(self, s: State) -> Move:
        """The clicker's next once more: the session is over, the kiosk waits for a visitor."""
        events = finish_events(self.s)
        self.s.course = None
        return self.s.enter(State(), events)

    def activate(self, s: State) -> Move:
        return self.next(s)


class Round(hands.Round):
    def done(self, s: State) -> Move:
        return after_round(self.s, s)


COURSE_HANDLERS: dict[Screen, type[Handler]] = {
    Screen.COURSE: Overview, Screen.STEP: Step, Screen.DISCUSS: Discuss, Screen.QUESTION: hands.Hands,
    Screen.FEEDBACK: hands.Reveal, Screen.END: End, Screen.COURSE_END: CourseEnd,
    Screen.ATTITUDE: Round,
}
