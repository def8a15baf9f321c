"""The kiosk as a state machine: state in, action in, state out — with the view to draw, what to
say and what to count. The session is the only author of every screen; the window draws the view.

Keys (the same on every screen, see README): digits 1–9 choose the numbered picture (first press
says it, a second opens it); with no such picture 4 / 6 are previous / next and 5 activates. Enter
activates, 0 repeats, arrows are previous / next, Backspace back, Home home. The rules common to
every screen are here; one handler per screen (``menus``, ``lessons``) says what differs."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from kiosk.core.content import Library
from kiosk.core.model import Event, Module, Say
from kiosk.core.session import menus
from kiosk.core.session.base import Handler, Move
from kiosk.core.session.view import Act, Action, Button, Item, ItemKind, Outcome, Screen, State, View
from kiosk.core.settings import Settings

if TYPE_CHECKING:
    from kiosk.core.session.course import Run

GROUP_SIZES = ("2-5", "6-10", "11+")  # a facilitator's group, in buckets (never a count of people)
PAGES_SAID = 4  # "page 2 of 3" is said for lists of up to this many pages (prompts page.N.of.M)
STILL_THERE_SECONDS = 20  # after "are you still there?", how long before the kiosk starts over
BUTTONS = ((Act.BACK, "back"), (Act.REPEAT, "repeat"), (Act.HOME, "home"), (Act.NEXT, "next"),
           (Act.QUICK_EXIT, "exit"))
MENUS: tuple[type[Handler], ...] = (
    menus.Attract, menus.Language, menus.Home, menus.Help, menus.Attitude, menus.Neutral)
LESSON_SCREENS = (Screen.WARNING, Screen.STEP, Screen.QUESTION, Screen.FEEDBACK, Screen.END, Screen.PHONE)
FROM_BUTTON = 1  # ``Action.n`` of an act a fixed button re-sends (a bare REPEAT is the key 0)


def lesson_handlers() -> tuple[type[Handler], ...]:
    """A lesson's screens (and the practice phone its end offers): imported when the first lesson
    opens, not before the first screen."""
    from kiosk.core.session import lessons, phone

    return (lessons.Warning, lessons.Step, lessons.QuestionScreen, lessons.Feedback, lessons.End,
            phone.PhoneScreen)


def lessons_bucket(opened: int) -> str:  # how many lessons a visit opened: never exact past three
    return "0" if opened == 0 else "1" if opened == 1 else "2-3" if opened <= 3 else "4+"


def _today() -> dt.date:
    return dt.date.today()


class Session:
    def __init__(self, library: Library, settings: Settings,
                 today: Callable[[], dt.date] | None = None, captions: bool = True,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.library = library
        self.settings = settings
        self.today = today or _today
        self.clock = clock  # a discussion pause's timer (tests give a fake one)
        self.course: Run | None = None  # a group session being presented (kiosk.core.session.course)
        self._course_handlers: dict[Screen, Handler] = {}
        self.captions = captions  # off: pictures and voice only (captions can distract in a group)
        self.state = State()
        self.group: str | None = None  # set by the facilitator for a small-group workshop
        self.visit: int | None = None  # lessons opened in the visit under way; None: no visit
        self.asking = False  # "are you still there?" was asked; the next idle resets
        self._items: tuple[State, list[Item]] | None = None
        self._armed: Act | None = None  # the fixed button touched once: its second touch acts
        self._handlers: dict[Screen, Handler] = {cls.screen: cls(self) for cls in MENUS}

    # ------------------------------------------------------------------ what the window asks
    def handle(self, action: Action) -> Outcome:
        presenting = self.course is not None
        move = self._dispatch(self.state, action)
        if presenting:  # a group session counts hands and itself, nothing of a visit
            from kiosk.core.session.course import LOGGED

            move = move._replace(events=[e for e in move.events if e.kind in LOGGED])
            if move.state.focus != self.state.focus:  # the room layout draws its focus itself
                move = move._replace(changed=True)
        self.state = move.state
        return self._outcome(move)

    def view(self, state: State | None = None) -> View:
        """The screen's view, without the fixed buttons that mean nothing there (Next on a last
        page, every button but the quick exit on the attract screen)."""
        s = state or self.state
        handler = self.handler(s)
        view = handler.view(s)
        hidden = handler.hidden(s)
        if hidden:
            view = view._replace(buttons=tuple(b for b in view.buttons if b.act not in hidden))
        if self.course is None:
            return view
        from kiosk.core.session.course import present

        return present(self, s, view)

    def arrival(self, state: State | None = None) -> list[Say]:
        """What a screen says when it appears (and on Repeat): orientation, then invitation."""
        s = state or self.state
        return self.handler(s).arrival(s)

    def items(self, state: State | None = None) -> list[Item]:
        """What can be chosen on the screen, numbered from 1 (worked out once per screen: a press
        asks for them to act, to draw and to speak)."""
        s = state or self.state
        key = s._replace(focus=0)
        if self._items is None or self._items[0] != key:
            self._items = (key, self.handler(s).items(s))
        return self._items[1]

    def heard(self, track: tuple[str, str], share: float, lang: str) -> list[Event]:
        """A lesson step stopped playing with ``share`` of it heard: counted in quarters (Talking
        Book style) while the visit goes on. Not after a quick exit or an idle reset: the step that
        was playing then says nothing about what helps, and would tell which lesson was open."""
        if self.visit is None:
            return []
        quarter = int(max(0.0, min(1.0, share)) * 4 + 1e-9) * 25
        return [Event("step_heard", self.today().isoformat(), lang, track[0], track[1], str(quarter))]

    def button_speech(self, act: Act) -> list[Say]:
        """What a fixed button says when the pointer rests on it (as the screen names it: in the
        practice phone Next is "show me")."""
        lang = self.lang_of(self.state)
        named = {b.act: b.say for b in self.buttons(lang)} | {b.act: b.say for b in self.view().buttons}
        return [named[act]] if act in named else []

    @property
    def idle_seconds(self) -> int:
        """How long without input before the next idle step: first the kiosk asks whether she is
        still there, then, a short time later, it starts over. A workshop pauses for discussion:
        in group mode the first step waits much longer."""
        if self.asking:
            return STILL_THERE_SECONDS
        return self.settings.group_idle_seconds if self.group else self.settings.idle_seconds

    @property
    def attract_pause_seconds(self) -> int:
        return self.settings.attract_pause_seconds

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
            return self._outcome(Move(self.state, [], changed=False))
        new = State(screen=Screen.ATTITUDE, lang=self.lang_of(self.state), phase=phase)
        self.state = new
        return self._outcome(self.enter(new))

    def start_course(self, plan: str, lessons: tuple[str, ...], size: str, lang: str,
                     rounds: tuple[str, ...] = ()) -> Outcome:
        """Present one session of a plan (and its opinion rounds) to a group (session.course)."""
        from kiosk.core.session import course

        if size not in GROUP_SIZES:
            raise ValueError(f"group size must be one of {GROUP_SIZES}")
        self.asking = False
        move = course.start(self, plan, lessons, size, lang, rounds)
        self.state = move.state
        return self._outcome(move)

    def end_course(self) -> Outcome:
        """The facilitator ends the group session: its one cell (if a lesson was shown), then the
        attract screen; idle reset is back."""
        from kiosk.core.session.course import finish_events

        events = finish_events(self)
        self.course = None
        self.state = State()
        return self._outcome(self.enter(self.state, events))

    def enter_handlers(self, handlers: dict[Screen, type[Handler]]) -> None:
        self._course_handlers = {screen: cls(self) for screen, cls in handlers.items()}

    def start_over(self) -> Outcome:
        """Back to the attract screen when a screen could not be shown (the window's last resort)."""
        events = self._end_visit("back_to_start")
        self.asking = False
        self.state = State()
        return self._outcome(self.enter(self.state, events))

    def neutral_view(self) -> View:
        """What a quick exit will show (the window draws it ahead of time)."""
        mod = self.neutral_module()
        return self.view(State(screen=Screen.NEUTRAL, module=mod.id if mod else None))

    def neutral_module(self) -> Module | None:
        """The settings' harmless lesson, as the library checked it (None: the plain screen)."""
        return self.library.neutral_module

    # ------------------------------------------------------------------ the rules of every screen
    def _dispatch(self, s: State, a: Action) -> Move:
        handler = self.handler(s)
        asked, self.asking = self.asking, False
        armed, self._armed = self._armed, None
        if a.act == Act.QUICK_EXIT:
            if self.course is not None:  # of a group session only the hands counted survive
                from kiosk.core.session.course import quick_exit
                return quick_exit(self, s)
            return self._quick_exit(s)
        if self.course is not None or a.act in (Act.COUNT, Act.EXTEND, Act.TICK, Act.BLANK, Act.HUSH):
            from kiosk.core.session import course

            done = course.handle(self, s, a)
            if done is not None:
                return done
        if a.act == Act.IDLE:
            if s.screen == Screen.ATTRACT:
                return Move(s, [], changed=False, interrupt=False)
            if not asked:
                self.asking = True
                return Move(s, [self.prompt("idle.still_there", self.lang_of(s))], changed=False)
            events = [self.event("idle_reset", s)] if s.lang and s.screen != Screen.NEUTRAL else []
            return self.enter(State(), events + self._end_visit("idle_reset"))
        if s.screen == Screen.ATTRACT:
            if a.act == Act.HOVER:
                return Move(s, [], changed=False, interrupt=False)
            return self._start()
        if a.act == Act.BUTTON:  # like a picture: the first touch says what it does, the second acts
            target = BUTTONS[a.n][0]
            if armed == target:
                return self._dispatch(s, Action(target, FROM_BUTTON))
            self._armed = target
            return Move(s, self.button_speech(target), changed=False)
        moved = handler.intercept(s, a)  # a screen's own meaning of a key (the phone's keypad)
        if moved is not None:
            return moved
        if a.act == Act.REPEAT:
            return handler.repeat(s)
        if a.act == Act.HOME:
            return self.go_home(s)
        if a.act == Act.BACK:
            return handler.back(s)
        items = self.items(s)
        if a.act in (Act.CHOOSE, Act.TOUCH):
            if self.item_at(items, a.n):
                if s.focus == a.n:  # the second press of the same picture chooses it
                    return handler.choose(s, items[a.n - 1])
                new = s._replace(focus=a.n)
                return Move(new, self.item_speech(new, a.n), changed=False)
            if a.act == Act.CHOOSE:
                mapped = {4: Act.PREV, 5: Act.ACTIVATE, 6: Act.NEXT}.get(a.n)
                if mapped:
                    return self._dispatch(s, Action(mapped))
            return handler.invite(s)
        if a.act == Act.HOVER:  # a pointer moving over a picture says it, but is not a first touch
            if self.item_at(items, a.n) and a.n != s.focus:
                return Move(s, self.item_speech(s, a.n), changed=False)
            return Move(s, [], changed=False, interrupt=False)
        if a.act == Act.ACTIVATE:
            if self.item_at(items, s.focus):
                return handler.choose(s, items[s.focus - 1])
            return handler.activate(s)
        if a.act == Act.NEXT:
            return handler.next(s)
        if a.act == Act.PREV:
            return handler.prev(s)
        return Move(s, [], changed=False, interrupt=False)

    def _outcome(self, move: Move) -> Outcome:
        view = self.view(move.state)._replace(armed=self._armed)
        return Outcome(move.state, view, move.speech, move.events, move.interrupt, move.changed)

    def _start(self) -> Move:
        if len(self.settings.languages) == 1:
            return self.choose_language(self.settings.languages[0])
        return self.enter(State(screen=Screen.LANGUAGE))

    def _quick_exit(self, s: State) -> Move:
        """Everything about the session is dropped; only the harmless neutral screen remains.
        Counted: that a quick exit happened (and in which language) — not which lesson was open."""
        events = [self.event("quick_exit", s)] if s.lang and s.screen != Screen.NEUTRAL else []
        events += self._end_visit("quick_exit")
        mod = self.neutral_module()
        # Only the language survives: the harmless lesson is shown in the one she was using.
        return Move(State(screen=Screen.NEUTRAL, lang=s.lang, module=mod.id if mod else None), [],
                    events)

    def _end_visit(self, how: str) -> list[Event]:
        if self.visit is None:
            return []
        opened, self.visit = self.visit, None
        return [Event("visit_ended", self.today().isoformat(), item=how, value=lessons_bucket(opened))]

    # ------------------------------------------------------------------ what handlers share
    def handler(self, s: State) -> Handler:
        if self.course is not None and s.screen in self._course_handlers:
            return self._course_handlers[s.screen]
        if s.screen not in self._handlers and s.screen in LESSON_SCREENS:
            self._handlers.update({cls.screen: cls(self) for cls in lesson_handlers()})
        return self._handlers[s.screen]

    def enter(self, new: State, events: list[Event] | None = None) -> Move:
        return Move(new, self.handler(new).arrival(new), events or [])

    def go_home(self, s: State) -> Move:
        if self.course is not None:  # presenting: Home is the session's lessons
            return self.enter(State(screen=Screen.COURSE, lang=s.lang))
        if s.lang is None:
            return self.enter(State(screen=Screen.LANGUAGE))
        return self.enter(State(screen=Screen.HOME, lang=s.lang, told_quick_exit=s.told_quick_exit))

    def to_start(self, s: State) -> Move:
        """Back past the languages: the visit is over."""
        return self.enter(State(), self._end_visit("back_to_start"))

    def choose_language(self, lang: str) -> Move:
        new = State(screen=Screen.HOME, lang=lang)
        events = []
        if self.visit is None:  # a visit starts with its first language; changing it goes on
            self.visit = 0
            events.append(self.event("session_started", new))
        return self.enter(new, events)

    def open_module(self, s: State, module_id: str) -> Move:
        mod = self.library.module(module_id)
        if mod is None or not mod.steps:
            return Move(s, [], changed=False)
        if self.visit is not None:
            self.visit += 1
        events = [self.event("module_opened", s._replace(module=mod.id))]
        base = s._replace(module=mod.id, index=0, focus=0, answer=None)
        if mod.sensitive and mod.warning:
            move = self.enter(base._replace(screen=Screen.WARNING), events)
            return move._replace(state=move.state._replace(told_quick_exit=True))  # said once
        return self.enter(base._replace(screen=Screen.STEP), events)

    def end_lesson(self, s: State) -> Move:
        new = s._replace(screen=Screen.END, index=0, focus=0, answer=None)
        return self.enter(new, [self.event("lesson_completed", s)])

    def say_help(self, s: State, item: Item) -> Move:
        entry = self.library.help_entry(item.ref)
        return Move(s, [Say(entry.say.key, self.lang_of(s))] if entry else [], changed=False)

    @staticmethod
    def item_at(items: list[Item], number: int) -> Item | None:
        """The item numbered ``number`` (from 1), None where there is none (or an empty place)."""
        if not 1 <= number <= len(items) or items[number - 1].kind == ItemKind.GAP:
            return None
        return items[number - 1]

    def item_speech(self, state: State, number: int) -> list[Say]:
        item = self.item_at(self.items(state), number)
        if item is None:
            return []
        lang = item.ref if item.kind == ItemKind.LANGUAGE else self.lang_of(state)
        return [self.prompt(f"number.{number}", lang), Say(item.label_key, lang)]

    def numbered(self, s: State) -> list[Say]:
        """Every choice read out with its number: "one: …, two: …"."""
        lang, says = self.lang_of(s), []
        for number, item in enumerate(self.items(s), start=1):
            if item.kind == ItemKind.GAP:
                continue
            says += [self.prompt(f"number.{number}", lang), Say(item.label_key, lang)]
        return says

    def page_speech(self, page: int, pages: int, lang: str) -> list[Say]:
        """ "Page 2 of 3" (nothing when there is one page)."""
        if not 1 < pages <= PAGES_SAID:
            return []
        return [self.prompt(f"page.{page + 1}.of.{pages}", lang)]

    def lang_of(self, s: State) -> str:
        return s.lang or self.settings.default_language

    def prompt(self, key: str, lang: str) -> Say:
        return Say(f"prompt.{key}", lang)

    def words(self, key: str, lang: str) -> str:
        """What a caption shows: the text in ``lang``, else in the fallback language — the same
        fallback the voices use when a text has no version in the visitor's language."""
        text = self.library.text(key)
        if text is None:
            return ""
        return text.get(lang) or text.get(self.settings.fallback_language) or ""

    def buttons(self, lang: str) -> tuple[Button, ...]:
        return tuple(Button(act, icon, self.words(f"prompt.button.{icon}", lang),
                            self.prompt(f"button.{icon}", lang)) for act, icon in BUTTONS)

    def event(self, kind: str, s: State, item: str | None = None, value: str | None = None) -> Event:
        module = s.module if kind not in ("session_started", "quick_exit", "idle_reset") else None
        return Event(kind, self.today().isoformat(), s.lang, module, item, value)

    def module(self, s: State) -> Module | None:
        return self.library.module(s.module) if s.module else None
