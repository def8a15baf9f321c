"""The practice phone's handler: an exercise's goals on a phone that cannot call, send or keep.

What a touch means here (docs/decisions/020-practice-phone.md):
- a touch on the element the voice asked for counts at once: the instruction already said what it
  is, so a second touch would only teach her that the phone ignores her; a first touch on any other
  element says its name (exploring is free), a second one is a wrong try, said gently, and nothing
  on the phone changes;
- keypad digits choose elements as everywhere (first press says it, second activates) except on a
  keypad screen (dialler, PIN, a contact's number), where 0–9 type, Enter is the green button and
  Back erases a digit; Previous (−, ←) says the instruction again there and everywhere here;
- after two wrong tries the hint (and, for the keypad, the element's number); Next is "show me":
  the widget rings the element to touch and the keypad's focus moves to it;
- praise on every goal, never a buzzer. Digits typed live only in ``State.phone``: no event, cache
  or log receives them (tests/test_phone_privacy.py).
"""

from __future__ import annotations

from kiosk.core.model import Event, Exercise, Goal, Say
from kiosk.core.phone import SCREENS, Element, PhoneState, elements_on
from kiosk.core.phone.device import switched_on
from kiosk.core.session.base import Handler, Move
from kiosk.core.session.view import (
    Act,
    Action,
    Button,
    Item,
    ItemKind,
    Layout,
    PhoneTile,
    PhoneView,
    Screen,
    State,
    View,
)

END_PRACTICE = 3  # the step of a lesson's end that offers its practices (``lessons.End``)


def tries_bucket(tries: int) -> str:
    """How many tries a goal took, never the exact number past one."""
    return "1" if tries <= 1 else "2-3" if tries <= 3 else "4+"


class PhoneScreen(Handler):
    screen = Screen.PHONE

    # ------------------------------------------------------------------ entering and leaving
    def start(self, s: State, exercise_id: str) -> Move:
        ex = self.s.library.exercise(exercise_id)
        if ex is None or not ex.goals:
            return Move(s, [], changed=False)
        new = s._replace(screen=Screen.PHONE, focus=0, index=0, answer=None,
                         phone=PhoneState(ex.id, ex.start))
        lang = self.s.lang_of(s)
        speech = [self.p("arrive", lang), Say(ex.intro.key, lang)] + self.arrival(new)
        return Move(new, speech, [self.event("exercise_started", new)])

    def leave(self, s: State) -> Move:
        """Back to where the lesson that offered the exercise offers its practices, or home."""
        if s.module and self.s.library.module(s.module):
            return self.s.enter(State(screen=Screen.END, lang=s.lang, module=s.module, index=END_PRACTICE,
                                      told_quick_exit=s.told_quick_exit))
        return self.s.go_home(s)

    # ------------------------------------------------------------------ what is there
    def exercise(self, s: State) -> tuple[PhoneState, Exercise]:
        p = s.phone
        ex = self.s.library.exercise(p.exercise) if p else None
        if p is None or ex is None:
            raise LookupError(f"no exercise for {s!r}")
        return p, ex

    def goal(self, s: State) -> Goal | None:
        p, ex = self.exercise(s)
        return None if p.done else ex.goals[p.goal]

    def elements(self, s: State) -> list[Element]:
        p = s.phone
        return elements_on(p.screen, p.flags) if p else []

    def items(self, s: State) -> list[Item]:
        return [Item(ItemKind.PHONE, e.id, e.picture, self.label(e)) for e in self.elements(s)]

    def label(self, el: Element) -> str:
        if el.id.startswith("key-"):
            digit = el.id[4:]
            return "prompt.phone.digit.0" if digit == "0" else f"prompt.number.{digit}"
        return f"prompt.phone.el.{el.id}"

    def arrival(self, s: State) -> list[Say]:
        """The instruction (also what Repeat and Previous say): where the phone is, what to do."""
        p, ex = self.exercise(s)
        lang = self.s.lang_of(s)
        if p.done:
            return [self.p("done", lang), Say(ex.outro.key, lang), self.p("done_invite", lang)]
        return [Say(self.title_key(p), lang), Say(ex.goals[p.goal].say.key, lang)]

    def title_key(self, p: PhoneState) -> str:
        if p.screen == "history-item" and p.selected:
            return f"prompt.phone.el.{p.selected}"
        return f"prompt.{SCREENS[p.screen].title}"

    def view(self, s: State) -> View:
        p, ex = self.exercise(s)
        lang = self.s.lang_of(s)
        spec = SCREENS[p.screen]
        tiles = []
        for number, el in enumerate(self.elements(s), start=1):
            switch = ("on" if switched_on(el, p.flags) else "off") if el.toggle else ""
            caption = self.s.words(self.label(el), lang) if self.s.captions else ""  # off: pictures, voice
            tiles.append(PhoneTile(el.id, el.picture, caption,
                                   0 if spec.pad else number, switch, el.colour,
                                   bool(el.sets) and el.sets in p.flags and not el.go))
        display = "●" * len(p.typed) if spec.pad == "pin" else p.typed
        goal = self.goal(s)
        focus = self.elements(s)[s.focus - 1].id if 0 < s.focus <= len(self.elements(s)) else ""
        written = (goal.say if goal else ex.outro).key  # the instruction, or at the end why it matters
        heading = self.s.words(self.title_key(p), lang) if self.s.captions else ""
        pv = PhoneView(p.screen, heading, tuple(tiles), spec.pad, display,
                       focus, p.pulse, self.s.words(written, lang) if self.s.captions else "", p.done)
        buttons = self.s.buttons(lang)
        if not p.done:  # in the phone, Next shows the touch to make
            buttons = tuple(Button(b.act, b.icon, self.s.words("prompt.button.show_me", lang),
                                   self.p("button.show_me", lang)) if b.act == Act.NEXT else b
                            for b in buttons)
        title = self.s.words(ex.title.key, lang) if self.s.captions else ""
        return View(s.screen, Layout.PHONE, lang, title, "mobile-phone", buttons=buttons, phone=pv)

    # ------------------------------------------------------------------ keys and touches
    def intercept(self, s: State, a: Action) -> Move | None:
        p = s.phone
        if p is None:
            return None
        pad = SCREENS[p.screen].pad if not p.done else ""
        if a.act == Act.TOUCH:
            return self.touch(s, a.n)
        if a.act == Act.HOVER and pad:  # a key's name alone: the keys are not numbered like pictures
            elements = self.elements(s)
            said = [Say(self.label(elements[a.n - 1]), self.s.lang_of(s))] if 0 < a.n <= len(elements) else []
            return Move(s, said, changed=False, interrupt=bool(said))
        if pad and (a.act == Act.CHOOSE or (a.act == Act.REPEAT and a.n == 0)):
            return self.digit(s, a.n if a.act == Act.CHOOSE else 0)
        if not pad and a.act == Act.CHOOSE and 1 <= a.n <= len(self.elements(s)):
            if s.focus == a.n:  # its second press: as everywhere, it chooses
                return self.use(s, self.elements(s)[a.n - 1])
            new = s._replace(focus=a.n)  # its first press says it (and the focus ring is drawn)
            return Move(new, self.s.item_speech(new, a.n) + self.name(new, self.elements(s)[a.n - 1])[1:])
        if pad and a.act == Act.ACTIVATE:
            confirm = next((e for e in self.elements(s) if e.confirm), None)
            return self.use(s, confirm) if confirm else None
        if pad and a.act == Act.BACK and p.typed:
            return self.erase(s)
        return None

    def touch(self, s: State, n: int) -> Move:
        p, _ex = self.exercise(s)
        elements = self.elements(s)
        if not 1 <= n <= len(elements):
            return self.invite(s)
        el = elements[n - 1]
        goal = self.goal(s)
        if goal is not None and SCREENS[p.screen].pad:
            if el.id.startswith("key-"):
                return self.digit(s, int(el.id[4:]))
            if el.id == "erase":
                return self.erase(s)
        if goal is not None and goal.target == el.id:  # the voice asked for it: it counts at once
            return self.reach(s, el)
        if s.focus == n and goal is not None:
            return self.wrong(s, el)
        new = s._replace(focus=n)
        return Move(new, self.name(new, el), changed=True)

    def choose(self, s: State, item: Item) -> Move:
        """The second press of an element's digit (or Enter on the focused one)."""
        el = next((e for e in self.elements(s) if e.id == item.ref), None)
        return self.use(s, el) if el else Move(s, [], changed=False)

    def use(self, s: State, el: Element) -> Move:
        goal = self.goal(s)
        if goal is None:
            return Move(s, self.name(s, el), changed=False)
        if goal.target == el.id:
            return self.reach(s, el)
        return self.wrong(s, el)

    def name(self, s: State, el: Element) -> list[Say]:
        p, _ex = self.exercise(s)
        lang = self.s.lang_of(s)
        says = [Say(self.label(el), lang)]
        if el.toggle:
            says.append(self.p("switch.on" if switched_on(el, p.flags) else "switch.off", lang))
        return says

    def digit(self, s: State, d: int) -> Move:
        p, _ex = self.exercise(s)
        goal = self.goal(s)
        lang = self.s.lang_of(s)
        if goal is None:
            return Move(s, [], changed=False)
        pin = SCREENS[p.screen].pad == "pin"
        said = [self.p("typed", lang) if pin else Say(self.label(Element(f"key-{d}", "")), lang)]
        typed = p.typed + str(d)
        if goal.dial:
            if not goal.dial.startswith(typed):
                return self.wrong(s, None, said)
            new = s._replace(phone=p._replace(typed=typed, pulse=""))
            return self.reach(new, None, said) if typed == goal.dial else Move(new, said)
        if not goal.digits:  # a touch is asked for, not a number
            return self.wrong(s, None, said)
        if len(typed) < goal.digits:
            return Move(s._replace(phone=p._replace(typed=typed)), said)
        if goal.again and typed != p.kept:
            cleared = s._replace(phone=p._replace(typed=""))
            return self.wrong(cleared, None, said + [self.p("not_same", lang)])
        return self.reach(s._replace(phone=p._replace(typed="", kept=typed)), None, said)

    def erase(self, s: State) -> Move:
        p, _ex = self.exercise(s)
        lang = self.s.lang_of(s)
        return Move(s._replace(phone=p._replace(typed=p.typed[:-1])), [Say("prompt.phone.el.erase", lang)])

    # ------------------------------------------------------------------ goals
    def reach(self, s: State, el: Element | None, said: list[Say] | None = None) -> Move:
        p, ex = self.exercise(s)
        goal = ex.goals[p.goal]
        lang = self.s.lang_of(s)
        events = [self.event("exercise_goal", s, goal.id, tries_bucket(p.tries + 1))]
        speech = list(said or [])
        new_p = p._replace(goal=p.goal + 1, tries=0, hinted=False, pulse="")
        if el is not None:
            new_p = self.effect(new_p, el)
            speech += self.name(s._replace(phone=new_p), el) if el.toggle else []
            if el.say:
                speech.append(self.p(el.say[len("phone."):], lang))
        speech.append(Say(goal.praise.key, lang) if goal.praise else self.p("praise", lang))
        if new_p.screen == "call" and p.screen != "call":
            speech.append(self.p("call_practice", lang))
        if new_p.goal >= len(ex.goals):
            new_p = new_p._replace(done=True)
            events.append(self.event("exercise_completed", s))
        new = s._replace(phone=new_p, focus=0)
        if new_p.done or new_p.screen != p.screen:
            return Move(new, speech + self.arrival(new), events)
        return Move(new, speech + [Say(ex.goals[new_p.goal].say.key, lang)], events)

    def effect(self, p: PhoneState, el: Element) -> PhoneState:
        flags = set(p.flags)
        if el.sets:
            flags.add(el.sets)
        if el.toggle:
            flags ^= {f"flipped:{el.id}"}
        selected = el.id if el.select else p.selected
        if el.delete and p.selected:
            flags.add(f"hidden:{p.selected}")
            selected = ""
        screen = el.go or p.screen
        typed = p.typed if screen in (p.screen, "call") else ""  # the call shows what was dialled
        return p._replace(flags=frozenset(flags), selected=selected, screen=screen, typed=typed)

    def wrong(self, s: State, el: Element | None, said: list[Say] | None = None) -> Move:
        """Gently: what it was, try again, the instruction; after two wrong tries the hint."""
        p, ex = self.exercise(s)
        goal = ex.goals[p.goal]
        lang = self.s.lang_of(s)
        speech = list(said or []) + ([Say(self.label(el), lang)] if el else []) + [self.p("try_again", lang)]
        tries = p.tries + 1
        events: list[Event] = []
        if tries >= 2:
            speech.append(Say(goal.hint.key, lang))
            speech += self.number_hint(s, goal)
            if not p.hinted:
                events.append(self.event("exercise_hint", s, goal.id))
                speech.append(self.p("show_me_offer", lang))
        else:
            speech.append(Say(goal.say.key, lang))
        new = s._replace(phone=p._replace(tries=tries, hinted=p.hinted or tries >= 2), focus=0)
        return Move(new, speech, events)

    def number_hint(self, s: State, goal: Goal) -> list[Say]:
        """For the keypad: the target's number (its digit chooses it), where digits choose."""
        p, _ex = self.exercise(s)
        if not goal.target or SCREENS[p.screen].pad:
            return []
        ids = [e.id for e in self.elements(s)]
        if goal.target not in ids or ids.index(goal.target) >= 9:
            return []
        lang = self.s.lang_of(s)
        return [self.p("key_number", lang), self.s.prompt(f"number.{ids.index(goal.target) + 1}", lang)]

    def show_me(self, s: State) -> Move:
        p, _ex = self.exercise(s)
        goal = self.goal(s)
        if goal is None:
            return self.leave(s)
        lang = self.s.lang_of(s)
        event = [self.event("exercise_show_me", s, goal.id)]
        if goal.digits:
            return Move(s, [self.p("digits_any", lang), Say(goal.say.key, lang)], event)
        target = f"key-{goal.dial[len(p.typed)]}" if goal.dial else goal.target
        ids = [e.id for e in self.elements(s)]
        focus = ids.index(target) + 1 if target in ids and not SCREENS[p.screen].pad else 0
        new = s._replace(phone=p._replace(pulse=target), focus=focus)
        speech = [self.p("show_me", lang)]
        if goal.dial:
            speech.append(Say(self.label(Element(target, "")), lang))
        return Move(new, speech + [Say(goal.say.key, lang)], event)

    # ------------------------------------------------------------------ the fixed keys here
    def next(self, s: State) -> Move:
        return self.show_me(s)

    def prev(self, s: State) -> Move:
        return self.repeat(s)

    def back(self, s: State) -> Move:
        return self.leave(s)

    def activate(self, s: State) -> Move:
        p, _ex = self.exercise(s)
        return self.leave(s) if p.done else self.repeat(s)

    def invite(self, s: State) -> Move:
        return self.repeat(s)

    # ------------------------------------------------------------------ helpers
    def p(self, key: str, lang: str) -> Say:
        return self.s.prompt(f"phone.{key}" if not key.startswith("button.") else key, lang)

    def event(self, kind: str, s: State, item: str | None = None, value: str | None = None) -> Event:
        """Counts only: the exercise, the goal and a tries bucket — never what was typed."""
        p = s.phone
        return Event(kind, self.s.today().isoformat(), s.lang, p.exercise if p else None, item, value)
