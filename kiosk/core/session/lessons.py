"""Handlers of a lesson's screens: content warning, steps, check questions, feedback, the end."""

from __future__ import annotations

from kiosk.core.model import DONT_KNOW, Module, Question, Say
from kiosk.core.session.base import Handler, Move, help_item
from kiosk.core.session.phone import PhoneScreen
from kiosk.core.session.view import Item, ItemKind, Screen, State, View


class _InLesson(Handler):
    def mod(self, s: State) -> Module:
        mod = self.s.module(s)
        if mod is None:  # a lesson screen is only ever entered with its module (Session.enter)
            raise LookupError(f"no module {s.module!r} for {s.screen}")
        return mod


class Warning(_InLesson):  # noqa: A001 (the content warning screen)
    screen = Screen.WARNING

    def arrival(self, s: State) -> list[Say]:
        mod, lang = self.mod(s), self.s.lang_of(s)
        if mod.warning is None:
            return []
        says = [self.s.prompt("warning.arrive", lang), Say(mod.warning.key, lang)]
        if not s.told_quick_exit:  # how to leave at once, said before the first sensitive lesson
            says += [self.s.prompt("warning.quick_exit", lang), self.s.prompt("warning.keypad_exit", lang)]
        return says + [self.s.prompt("warning.invite", lang)]

    def view(self, s: State) -> View:
        mod = self.mod(s)
        return self.picture(s, mod.picture, mod.warning.key if mod.warning else None)

    def activate(self, s: State) -> Move:
        return self.next(s)

    def next(self, s: State) -> Move:
        return self.s.enter(s._replace(screen=Screen.STEP, index=0))


class Step(_InLesson):
    screen = Screen.STEP

    def arrival(self, s: State) -> list[Say]:
        mod, lang = self.mod(s), self.s.lang_of(s)
        step = mod.steps[s.index]
        return [Say(step.text.key, lang, (mod.id, step.id)), self.s.prompt("step.invite", lang)]

    def view(self, s: State) -> View:
        mod = self.mod(s)
        step = mod.steps[s.index]
        return self.picture(s, step.picture, step.text.key, s.index, len(mod.steps))

    def activate(self, s: State) -> Move:
        return self.next(s)

    def next(self, s: State) -> Move:
        mod = self.mod(s)
        if s.index + 1 < len(mod.steps):
            return self.s.enter(s._replace(index=s.index + 1))
        if mod.questions:
            return self.s.enter(s._replace(screen=Screen.QUESTION, index=0, focus=0))
        return self.s.end_lesson(s)

    def prev(self, s: State) -> Move:
        return self.back(s)

    def back(self, s: State) -> Move:
        mod = self.mod(s)
        if s.index > 0:
            return self.s.enter(s._replace(index=s.index - 1))
        if mod.sensitive and mod.warning and s.lang:
            return self.s.enter(s._replace(screen=Screen.WARNING))
        return self.s.go_home(s)


class QuestionScreen(_InLesson):
    screen = Screen.QUESTION
    lists = True

    def question(self, s: State) -> Question | None:
        mod = self.s.module(s)
        if mod is None or not 0 <= s.index < len(mod.questions):
            return None
        return mod.questions[s.index]

    def items(self, s: State) -> list[Item]:
        q = self.question(s)
        if q is None:
            return []
        items = [Item(ItemKind.CHOICE, c.id, c.picture, c.text.key) for c in q.choices]
        return items + [Item(ItemKind.CHOICE, DONT_KNOW, "dont-know", "prompt.choice.dont_know")]

    def arrival(self, s: State) -> list[Say]:
        q, lang = self.question(s), self.s.lang_of(s)
        if q is None:
            return []
        says = [self.s.prompt("question.arrive", lang), Say(q.prompt.key, lang)]
        return says + self.s.numbered(s) + [self.s.prompt("question.invite", lang)]

    def view(self, s: State) -> View:
        q = self.question(s)
        return self.grid(s, self.s.words(q.prompt.key, self.s.lang_of(s)) if q else "", self.mod(s).picture)

    def choose(self, s: State, item: Item) -> Move:
        q = self.question(s)
        if q is None:
            return Move(s, [], changed=False)
        event = self.s.event("question_answered", s, item=q.id, value=item.ref)
        return self.s.enter(s._replace(screen=Screen.FEEDBACK, answer=item.ref, focus=0), [event])

    def back(self, s: State) -> Move:
        if s.index > 0:
            return self.s.enter(s._replace(index=s.index - 1, focus=0))
        return self.s.enter(s._replace(screen=Screen.STEP, index=len(self.mod(s).steps) - 1, focus=0))


class Feedback(_InLesson):
    """Right, not quite, or "you don't know yet" — then the explanation; never a buzzer."""

    screen = Screen.FEEDBACK

    def _question(self, s: State) -> Question:
        return self.mod(s).questions[s.index]

    def arrival(self, s: State) -> list[Say]:
        q, lang = self._question(s), self.s.lang_of(s)
        chosen = next((c for c in q.choices if c.id == s.answer), None)
        if chosen is None:
            verdict = "feedback.dont_know"
        else:
            verdict = "feedback.right" if chosen.correct else "feedback.wrong"
        says = [self.s.prompt(verdict, lang)]
        if q.explain:
            says.append(Say(q.explain.key, lang))
        return says + [self.s.prompt("feedback.invite", lang)]

    def view(self, s: State) -> View:
        """The picture of what she chose, so she sees what the explanation is about."""
        q = self._question(s)
        chosen = next((c for c in q.choices if c.id == s.answer), None)
        picture = chosen.picture if chosen else "dont-know"
        return self.picture(s, picture, q.explain.key if q.explain else None)

    def activate(self, s: State) -> Move:
        return self.next(s)

    def next(self, s: State) -> Move:
        mod = self.mod(s)
        if s.index + 1 < len(mod.questions):
            return self.s.enter(s._replace(screen=Screen.QUESTION, index=s.index + 1, focus=0, answer=None))
        return self.s.end_lesson(s)

    def prev(self, s: State) -> Move:
        return self.back(s)

    def back(self, s: State) -> Move:
        """Back to the same question: she may want to answer again."""
        return self.s.enter(s._replace(screen=Screen.QUESTION, focus=0, answer=None))


class End(_InLesson):
    """The summary, the practice-phone exercises the lesson offers and where to find help; in a
    group, the discussion questions."""

    screen = Screen.END
    lists = True

    def items(self, s: State) -> list[Item]:
        mod = self.s.module(s)
        practice = [Item(ItemKind.EXERCISE, e.id, e.picture, e.title.key)
                    for e in self.s.library.exercises if mod.id in e.lessons] if mod else []
        entries = [self.s.library.help_entry(h) for h in (mod.help if mod else ())]
        return (practice + [help_item(h) for h in entries if h])[:9]

    def arrival(self, s: State) -> list[Say]:
        mod, lang = self.mod(s), self.s.lang_of(s)
        says = [self.s.prompt("end.arrive", lang), Say(mod.summary.key, lang)]
        items = self.s.items(s)
        practice = [i for i in items if i.kind == ItemKind.EXERCISE]
        if practice:
            says.append(self.s.prompt("end.practise", lang))
            says += [Say(item.label_key, lang) for item in practice]
        says.append(self.s.prompt("end.help", lang))
        says += [Say(item.label_key, lang) for item in items if item.kind != ItemKind.EXERCISE]
        if self.s.group and mod.discussion:
            says += [self.s.prompt("end.discuss", lang)] + [Say(t.key, lang) for t in mod.discussion]
        return says + [self.s.prompt("end.invite", lang)]

    def view(self, s: State) -> View:
        mod = self.mod(s)
        return self.grid(s, self.s.words(mod.summary.key, self.s.lang_of(s)), mod.picture)

    def choose(self, s: State, item: Item) -> Move:
        if item.kind == ItemKind.EXERCISE:
            phone = self.s.handler(s._replace(screen=Screen.PHONE))
            assert isinstance(phone, PhoneScreen)
            return phone.start(s, item.ref)
        return self.s.say_help(s, item)

    def activate(self, s: State) -> Move:
        return self.s.go_home(s)

    def next(self, s: State) -> Move:
        if not self.s.items(s):
            return self.s.go_home(s)
        return super().next(s)
