"""The kiosk as a state machine: state in, action in, state out (plus what to say and log).

The UI maps keys and touches to an ``Action``, calls ``Session.handle`` and shows the returned
state; it holds no rules of its own. Everything a screen says is decided here as a list of
``Say`` items (text keys), so tests can walk the whole kiosk without Qt.

Keys (the same on every screen, see README): digits 1–9 choose the numbered picture (first press
says its name, a second press of the same digit opens it); where a screen has no picture with that
number, 4 and 6 mean previous / next and 5 means "activate". Enter activates, 0 repeats, arrows
are previous / next, Backspace goes back, Home goes home.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import TYPE_CHECKING, NamedTuple

from kiosk.core.content import Library
from kiosk.core.model import DONT_KNOW, Event, HelpService, Module, Say
from kiosk.core.settings import Settings

if TYPE_CHECKING:
    import datetime as dt

HOME_PAGE_SIZE = 8  # the ninth place on every home page is "where to find help"
GROUP_SIZES = ("2-5", "6-10", "11+")  # a facilitator's group, in buckets (never a count of people)
ATTITUDE_EXTRA = (("dont-know", "dont-know", "prompt.attitude.dont_know"),
                  ("prefer-not", "prefer-not", "prompt.attitude.prefer_not"))
NEUTRAL_MODULE = "know-your-phone"


class Screen(StrEnum):
    ATTRACT = "attract"
    LANGUAGE = "language"
    HOME = "home"
    WARNING = "warning"
    STEP = "step"
    QUESTION = "question"
    FEEDBACK = "feedback"
    END = "end"
    HELP = "help"
    NEUTRAL = "neutral"
    ATTITUDE = "attitude"


class Act(StrEnum):
    CHOOSE = "choose"  # a digit 1–9 (n)
    TOUCH = "touch"  # touch or click on item n
    HOVER = "hover"  # mouse over / keyboard focus on item n
    ACTIVATE = "activate"
    REPEAT = "repeat"
    PREV = "prev"
    NEXT = "next"
    BACK = "back"
    HOME = "home"
    QUICK_EXIT = "quick_exit"
    IDLE = "idle"


class Action(NamedTuple):
    act: Act
    n: int = 0


class Item(NamedTuple):
    """Something on the screen that can be chosen: ``kind`` and ``ref`` say what it is."""

    kind: str  # language | module | help-tile | choice | help
    ref: str
    picture: str
    label_key: str


class State(NamedTuple):
    screen: Screen = Screen.ATTRACT
    lang: str | None = None
    page: int = 0
    module: str | None = None
    index: int = 0
    focus: int = 0  # 1-based number of the focused item; 0 = none
    answer: str | None = None
    told_quick_exit: bool = False
    phase: str | None = None  # attitude round: "before" or "after" the group course


class Outcome:
    """What one action did: the new state, what to say, what to log."""

    __slots__ = ("state", "speech", "events", "interrupt", "changed")

    def __init__(self, state: State, speech: list[Say] | None = None, events: list[Event] | None = None,
                 interrupt: bool = True, changed: bool = True) -> None:
        self.state = state
        self.speech = speech if speech is not None else []
        self.events = events if events is not None else []
        self.interrupt = interrupt
        self.changed = changed  # the screen (not just the focus) changed

    def __repr__(self) -> str:
        return (f"Outcome({self.state!r}, speech={self.speech!r}, events={self.events!r}, "
                f"interrupt={self.interrupt}, changed={self.changed})")


def _today() -> dt.date:
    import datetime  # when the first event is logged, not at start-up (~2 ms)

    return datetime.date.today()


def _help_item(entry: HelpService) -> Item:
    return Item("help", entry.id, "help-phone" if entry.number else "help-place", entry.say.key)


class Session:
    def __init__(self, library: Library, settings: Settings,
                 today: Callable[[], dt.date] | None = None) -> None:
        self.library = library
        self.settings = settings
        self.today = today or _today
        self.state = State()
        self.group: str | None = None  # set by the facilitator for a small-group workshop

    # ------------------------------------------------------------------ public API
    def handle(self, action: Action) -> Outcome:
        out = self._dispatch(self.state, action)
        self.state = out.state
        return out

    def items(self, state: State | None = None) -> list[Item]:
        """What can be chosen on the screen, numbered from 1."""
        s = state or self.state
        if s.screen == Screen.LANGUAGE:
            return [Item("language", lang, "language", "prompt.language.self")
                    for lang in self.settings.languages]
        if s.screen == Screen.HOME:
            mods = self._page_modules(s.page)
            items = [Item("module", m.id, m.picture, m.title.key) for m in mods]
            items.append(Item("help-tile", "help", "help-tile", "prompt.help.tile"))
            return items
        if s.screen == Screen.QUESTION:
            q = self._question(s)
            if q is None:
                return []
            items = [Item("choice", c.id, c.picture, c.text.key) for c in q.choices]
            items.append(Item("choice", DONT_KNOW, "dont-know", "prompt.choice.dont_know"))
            return items
        if s.screen == Screen.ATTITUDE and self.library.attitudes:
            items = [Item("attitude", a.id, a.picture, a.text.key) for a in self.library.attitudes.answers]
            return items + [Item("attitude", ref, pic, key) for ref, pic, key in ATTITUDE_EXTRA]
        if s.screen == Screen.HELP:
            return [_help_item(h) for h in self._help_list()][:9]
        if s.screen == Screen.END:
            mod = self._module(s)
            entries = [self.library.help_entry(h) for h in (mod.help if mod else ())]
            return [_help_item(h) for h in entries if h][:9]
        return []

    def pages(self) -> int:
        return max(1, -(-len(self.library.modules) // HOME_PAGE_SIZE))

    def arrival(self, state: State | None = None) -> list[Say]:
        """What a screen says when it appears (and on Repeat): orientation, then invitation."""
        s = state or self.state
        lang = s.lang or self.settings.default_language
        p = self._prompt
        if s.screen == Screen.ATTRACT:
            return [p("attract.invite", code) for code in self.settings.languages]
        if s.screen == Screen.LANGUAGE:
            says = [p("language.arrive", code) for code in self.settings.languages]
            says += [p("language.self", code) for code in self.settings.languages]
            return says + [p("language.invite", lang)]
        if s.screen == Screen.HOME:
            says = [p("home.arrive", lang), p("home.invite", lang)]
            if self.pages() > 1 and s.page < self.pages() - 1:
                says.append(p("home.page", lang))
            return says
        mod = self._module(s)
        if s.screen == Screen.WARNING and mod and mod.warning:
            says = [p("warning.arrive", lang), Say(mod.warning.key, lang)]
            if not s.told_quick_exit:
                says.append(p("warning.quick_exit", lang))
            return says + [p("warning.invite", lang)]
        if s.screen == Screen.STEP and mod:
            step = mod.steps[s.index]
            return [Say(step.text.key, lang, (mod.id, step.id)), p("step.invite", lang)]
        if s.screen == Screen.QUESTION and mod:
            q = mod.questions[s.index]
            says = [p("question.arrive", lang), Say(q.prompt.key, lang)]
            for number, item in enumerate(self.items(s), start=1):
                says += [p(f"number.{number}", lang), Say(item.label_key, lang)]
            return says + [p("question.invite", lang)]
        if s.screen == Screen.FEEDBACK and mod:
            q = mod.questions[s.index]
            chosen = next((c for c in q.choices if c.id == s.answer), None)
            if chosen is None:
                verdict = "feedback.dont_know"
            else:
                verdict = "feedback.right" if chosen.correct else "feedback.wrong"
            says = [p(verdict, lang)]
            if q.explain:
                says.append(Say(q.explain.key, lang))
            return says + [p("feedback.invite", lang)]
        if s.screen == Screen.END and mod:
            says = [p("end.arrive", lang), Say(mod.summary.key, lang), p("end.help", lang)]
            says += [Say(item.label_key, lang) for item in self.items(s)]
            if self.group and mod.discussion:
                says += [p("end.discuss", lang)] + [Say(t.key, lang) for t in mod.discussion]
            return says + [p("end.invite", lang)]
        if s.screen == Screen.ATTITUDE and self.library.attitudes:
            att = self.library.attitudes
            says = [Say(att.intro.key, lang)] if s.index == 0 else []
            says.append(Say(att.questions[s.index].prompt.key, lang))
            for number, item in enumerate(self.items(s), start=1):
                says += [p(f"number.{number}", lang), Say(item.label_key, lang)]
            return says + [p("question.invite", lang)]
        if s.screen == Screen.HELP:
            return [p("help.arrive", lang), p("help.invite", lang)]
        return []  # NEUTRAL says nothing until someone presses something

    def item_speech(self, state: State, number: int) -> list[Say]:
        items = self.items(state)
        if not 1 <= number <= len(items):
            return []
        item = items[number - 1]
        lang = item.ref if item.kind == "language" else (state.lang or self.settings.default_language)
        return [self._prompt(f"number.{number}", lang), Say(item.label_key, lang)]

    # ------------------------------------------------------------------ facilitator
    def start_group(self, size: str | None) -> list[Event]:
        """Group mode on (with a size bucket) or off. Logged as one event, never who was there."""
        if size is not None and size not in GROUP_SIZES:
            raise ValueError(f"group size must be one of {GROUP_SIZES}")
        self.group = size
        return [Event("group_session", self.today().isoformat(), value=size)] if size else []

    def start_attitudes(self, phase: str) -> Outcome:
        """The optional before/after statements, in the current (or default) language."""
        if phase not in ("before", "after"):
            raise ValueError("phase must be before or after")
        if not self.library.attitudes or not self.library.attitudes.questions:
            return Outcome(self.state, [], changed=False)
        lang = self.state.lang or self.settings.default_language
        new = State(screen=Screen.ATTITUDE, lang=lang, phase=phase)
        self.state = new
        return Outcome(new, self.arrival(new))

    def neutral_module(self) -> Module | None:
        return self.library.module(NEUTRAL_MODULE) or next(
            (m for m in self.library.modules if not m.sensitive), None)

    # ------------------------------------------------------------------ transitions
    def _dispatch(self, s: State, a: Action) -> Outcome:
        if a.act == Act.QUICK_EXIT:
            return self._quick_exit(s)
        if a.act == Act.IDLE:
            if s.screen == Screen.ATTRACT:
                return Outcome(s, changed=False, interrupt=False)
            events = [self._event("idle_reset", s)] if s.lang else []
            new = State()
            return Outcome(new, self.arrival(new), events)
        if s.screen == Screen.ATTRACT:
            return self._start(s)
        if a.act == Act.REPEAT:
            speech = self.item_speech(s, s.focus) if s.focus and s.screen == Screen.HOME else []
            return Outcome(s, speech or self.arrival(s), changed=False)
        if a.act == Act.HOME:
            return self._go_home(s)
        if a.act == Act.BACK:
            return self._back(s)
        items = self.items(s)
        if a.act in (Act.CHOOSE, Act.TOUCH):
            if 1 <= a.n <= len(items):
                if s.focus == a.n:
                    return self._activate_item(s, items[a.n - 1])
                new = s._replace(focus=a.n)
                return Outcome(new, self.item_speech(new, a.n), changed=False)
            if a.act == Act.CHOOSE:
                mapped = {4: Act.PREV, 5: Act.ACTIVATE, 6: Act.NEXT}.get(a.n)
                if mapped:
                    return self._dispatch(s, Action(mapped))
            return Outcome(s, self.arrival(s)[-1:], changed=False)
        if a.act == Act.HOVER:
            if 1 <= a.n <= len(items) and a.n != s.focus:
                new = s._replace(focus=a.n)
                return Outcome(new, self.item_speech(new, a.n), changed=False)
            return Outcome(s, [], changed=False, interrupt=False)
        if a.act == Act.ACTIVATE:
            if items and 1 <= s.focus <= len(items):
                return self._activate_item(s, items[s.focus - 1])
            if s.screen in (Screen.STEP, Screen.WARNING, Screen.FEEDBACK, Screen.NEUTRAL):
                return self._next(s)
            if s.screen == Screen.END:
                return self._go_home(s)
            return Outcome(s, self.arrival(s)[-1:], changed=False)
        if a.act == Act.NEXT:
            return self._next(s)
        if a.act == Act.PREV:
            return self._prev(s)
        return Outcome(s, [], changed=False, interrupt=False)

    def _start(self, s: State) -> Outcome:
        if len(self.settings.languages) == 1:
            return self._choose_language(self.settings.languages[0])
        return self._enter(State(screen=Screen.LANGUAGE))

    def _choose_language(self, lang: str) -> Outcome:
        new = State(screen=Screen.HOME, lang=lang)
        return Outcome(new, self.arrival(new), [self._event("session_started", new)])

    def _enter(self, new: State, events: list[Event] | None = None) -> Outcome:
        return Outcome(new, self.arrival(new), events or [])

    def _go_home(self, s: State) -> Outcome:
        if s.lang is None:
            return self._enter(State(screen=Screen.LANGUAGE))
        return self._enter(State(screen=Screen.HOME, lang=s.lang, told_quick_exit=s.told_quick_exit))

    def _quick_exit(self, s: State) -> Outcome:
        """Everything about the session is dropped; only the harmless neutral screen remains."""
        events = [self._event("quick_exit", s)] if s.lang else []
        mod = self.neutral_module()
        return Outcome(State(screen=Screen.NEUTRAL, module=mod.id if mod else None), [], events)

    def _activate_item(self, s: State, item: Item) -> Outcome:
        if item.kind == "language":
            return self._choose_language(item.ref)
        if item.kind == "help-tile":
            return self._enter(s._replace(screen=Screen.HELP, focus=0))
        if item.kind == "module":
            return self._open_module(s, item.ref)
        if item.kind == "choice":
            mod = self._module(s)
            q = self._question(s)
            assert mod and q
            new = s._replace(screen=Screen.FEEDBACK, answer=item.ref, focus=0)
            event = self._event("question_answered", s, item=q.id, value=item.ref)
            return self._enter(new, [event])
        if item.kind == "attitude" and self.library.attitudes:
            question = self.library.attitudes.questions[s.index]
            event = self._event("attitude_answered", s, item=question.id, value=f"{s.phase}:{item.ref}")
            if s.index + 1 < len(self.library.attitudes.questions):
                return self._enter(s._replace(index=s.index + 1, focus=0), [event])
            home = State(screen=Screen.HOME, lang=s.lang)
            lang = s.lang or self.settings.default_language
            return Outcome(home, [self._prompt("attitude.thanks", lang)] + self.arrival(home), [event])
        if item.kind == "help":
            entry = self.library.help_entry(item.ref)
            lang = s.lang or self.settings.default_language
            return Outcome(s, [Say(entry.say.key, lang)] if entry else [], changed=False)
        return Outcome(s, [], changed=False)

    def _open_module(self, s: State, module_id: str) -> Outcome:
        mod = self.library.module(module_id)
        if mod is None or not mod.steps:
            return Outcome(s, [], changed=False)
        events = [self._event("module_opened", s._replace(module=mod.id))]
        base = s._replace(module=mod.id, index=0, focus=0, answer=None)
        if mod.sensitive and mod.warning:
            new = base._replace(screen=Screen.WARNING)
            out = self._enter(new, events)
            out.state = new._replace(told_quick_exit=True)
            return out
        return self._enter(base._replace(screen=Screen.STEP), events)

    def _next(self, s: State) -> Outcome:
        mod = self._module(s)
        if s.screen == Screen.HOME:
            if s.page + 1 < self.pages():
                return self._enter(s._replace(page=s.page + 1, focus=0))
            return Outcome(s, self.arrival(s)[-1:], changed=False)
        if s.screen in (Screen.LANGUAGE, Screen.QUESTION, Screen.HELP, Screen.END, Screen.ATTITUDE):
            items = self.items(s)
            if not items:
                return self._go_home(s) if s.screen == Screen.END else Outcome(s, [], changed=False)
            focus = s.focus % len(items) + 1
            new = s._replace(focus=focus)
            return Outcome(new, self.item_speech(new, focus), changed=False)
        if mod is None:
            return Outcome(s, [], changed=False)
        if s.screen == Screen.NEUTRAL:
            lang = self.settings.default_language
            return self._enter(State(screen=Screen.STEP, lang=lang, module=mod.id,
                                     index=min(1, len(mod.steps) - 1)))
        if s.screen == Screen.WARNING:
            return self._enter(s._replace(screen=Screen.STEP, index=0))
        if s.screen == Screen.STEP:
            if s.index + 1 < len(mod.steps):
                return self._enter(s._replace(index=s.index + 1))
            if mod.questions:
                return self._enter(s._replace(screen=Screen.QUESTION, index=0, focus=0))
            return self._end(s)
        if s.screen == Screen.FEEDBACK:
            if s.index + 1 < len(mod.questions):
                return self._enter(s._replace(screen=Screen.QUESTION, index=s.index + 1,
                                           focus=0, answer=None))
            return self._end(s)
        return Outcome(s, [], changed=False)

    def _end(self, s: State) -> Outcome:
        new = s._replace(screen=Screen.END, index=0, focus=0, answer=None)
        return self._enter(new, [self._event("lesson_completed", s)])

    def _prev(self, s: State) -> Outcome:
        if s.screen == Screen.HOME:
            if s.page > 0:
                return self._enter(s._replace(page=s.page - 1, focus=0))
            return Outcome(s, self.arrival(s)[-1:], changed=False)
        if s.screen in (Screen.LANGUAGE, Screen.QUESTION, Screen.HELP, Screen.END, Screen.ATTITUDE):
            items = self.items(s)
            if not items:
                return Outcome(s, [], changed=False)
            focus = (s.focus - 2) % len(items) + 1 if s.focus else len(items)
            new = s._replace(focus=focus)
            return Outcome(new, self.item_speech(new, focus), changed=False)
        if s.screen == Screen.STEP and s.index > 0:
            return self._enter(s._replace(index=s.index - 1))
        return self._back(s)

    def _back(self, s: State) -> Outcome:
        mod = self._module(s)
        screen = s.screen
        if screen == Screen.LANGUAGE or screen == Screen.NEUTRAL:
            return self._enter(State())
        if screen == Screen.HOME:
            return self._enter(State(screen=Screen.LANGUAGE))
        if screen == Screen.ATTITUDE:
            if s.index > 0:
                return self._enter(s._replace(index=s.index - 1, focus=0))
            return self._go_home(s)
        if mod is None or screen in (Screen.WARNING, Screen.END, Screen.HELP):
            return self._go_home(s)
        if screen == Screen.STEP:
            if s.index > 0:
                return self._enter(s._replace(index=s.index - 1))
            if mod.sensitive and mod.warning and s.lang:
                return self._enter(s._replace(screen=Screen.WARNING))
            return self._go_home(s)
        if screen == Screen.QUESTION:
            if s.index > 0:
                return self._enter(s._replace(index=s.index - 1, focus=0))
            return self._enter(s._replace(screen=Screen.STEP, index=len(mod.steps) - 1, focus=0))
        if screen == Screen.FEEDBACK:
            return self._enter(s._replace(screen=Screen.QUESTION, focus=0, answer=None))
        return self._go_home(s)

    # ------------------------------------------------------------------ helpers
    def _prompt(self, key: str, lang: str) -> Say:
        return Say(f"prompt.{key}", lang)

    def _event(self, kind: str, s: State, item: str | None = None, value: str | None = None) -> Event:
        return Event(kind, self.today().isoformat(), s.lang, s.module if kind not in (
            "session_started", "quick_exit", "idle_reset") else None, item, value)

    def _module(self, s: State) -> Module | None:
        return self.library.module(s.module) if s.module else None

    def _question(self, s: State):  # type: ignore[no-untyped-def]
        mod = self._module(s)
        if mod is None or not 0 <= s.index < len(mod.questions):
            return None
        return mod.questions[s.index]

    def _page_modules(self, page: int) -> list[Module]:
        return self.library.modules[page * HOME_PAGE_SIZE:(page + 1) * HOME_PAGE_SIZE]

    def _help_list(self) -> list[HelpService]:
        """Local entries (the facilitator's district) first: they are the nearest help."""
        local = [h for h in self.library.help if h.local]
        national = [h for h in self.library.help if not h.local]
        return local + national

    def step_heard_event(self, lang: str, module: str, step: str, fraction: float) -> Event:
        """A step's share heard, in quarters (0, 25, 50, 75, 100), Talking Book style."""
        quarter = int(max(0.0, min(1.0, fraction)) * 4 + 1e-9) * 25
        return Event("step_heard", self.today().isoformat(), lang, module, step, str(quarter))
