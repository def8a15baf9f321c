"""Handlers of a lesson's screens: content warning, steps, check questions, feedback, the end."""

from __future__ import annotations

from kiosk.core.model import DONT_KNOW, Module, Question, Say
from kiosk.core.session.base import Handler, Move, help_item
from kiosk.core.session.phone import END_PRACTICE, PhoneScreen
from kiosk.core.session.view import Item, ItemKind, Screen, State, View

END_SUMMARY, END_HELP, END_DISCUSS = 0, 1, 2  # the end of a lesson, in steps (``State.index``)
# and END_PRACTICE (phone.py): the practice-phone exercises it offers, right after the summary


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

    def verdict(self, s: State) -> str:
        """ "right", "wrong" or "dont-know": said first, and drawn as a sign on the picture."""
        chosen = next((c for c in self._question(s).choices if c.id == s.answer), None)
        if chosen is None:
            return "dont-know"
        return "right" if chosen.correct else "wrong"

    def arrival(self, s: State) -> list[Say]:
        q, lang = self._question(s), self.s.lang_of(s)
        says = [self.s.prompt(f"feedback.{self.verdict(s).replace('-', '_')}", lang)]
        if q.explain:
            says.append(Say(q.explain.key, lang))
        return says + [self.s.prompt("feedback.invite", lang)]

    def view(self, s: State) -> View:
        """The picture of what she chose, so she sees what the explanation is about."""
        q = self._question(s)
        chosen = next((c for c in q.choices if c.id == s.answer), None)
        picture = chosen.picture if chosen else "dont-know"
        view = self.picture(s, picture, q.explain.key if q.explain else None)
        return view._replace(verdict=self.verdict(s))

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
    """The end of a lesson in steps, each repeated by Repeat and skipped by Next: the summary;
    the practice-phone exercises it offers (each started by choosing it); where to find help
    (the lesson's entries, each said when touched); in a group, the discussion questions. Then
    Next goes home."""

    screen = Screen.END

    def steps(self, s: State) -> list[int]:
        mod = self.s.module(s)
        steps = [END_SUMMARY]
        if mod and self.practice(mod.id):
            steps.append(END_PRACTICE)
        if mod and any(self.s.library.help_entry(h) for h in mod.help):
            steps.append(END_HELP)
        if mod and self.s.group and mod.discussion:
            steps.append(END_DISCUSS)
        return steps

    def practice(self, module_id: str) -> list[Item]:
        return [Item(ItemKind.EXERCISE, e.id, e.picture, e.title.key)
                for e in self.s.library.exercises if module_id in e.lessons][:9]

    def items(self, s: State) -> list[Item]:
        mod = self.s.module(s)
        if s.index == END_PRACTICE and mod is not None:
            return self.practice(mod.id)
        if s.index != END_HELP or mod is None:
            return []
        entries = [self.s.library.help_entry(h) for h in mod.help]
        return [help_item(h) for h in entries if h][:9]

    def arrival(self, s: State) -> list[Say]:
        mod, lang = self.mod(s), self.s.lang_of(s)
        last = s.index == self.steps(s)[-1]
        if s.index == END_HELP:
            says = [self.s.prompt("end.help", lang), self.s.prompt("help.invite", lang)]
        elif s.index == END_PRACTICE:
            says = [self.s.prompt("end.practise", lang)]
        elif s.index == END_DISCUSS:
            says = [self.s.prompt("end.discuss", lang)] + [Say(t.key, lang) for t in mod.discussion]
        else:
            says = [self.s.prompt("end.arrive", lang), Say(mod.summary.key, lang)]
        return says + [self.s.prompt("end.invite" if last else "end.next", lang)]

    def view(self, s: State) -> View:
        mod, lang = self.mod(s), self.s.lang_of(s)
        if s.index == END_HELP:
            return self.grid(s, self.s.words("prompt.end.help", lang), mod.picture)
        if s.index == END_PRACTICE:
            return self.grid(s, self.s.words("prompt.end.practise", lang), "mobile-phone")
        if s.index == END_DISCUSS:
            return self.picture(s, "busts-in-silhouette", "prompt.end.discuss")
        return self.picture(s, mod.picture, mod.summary.key)

    def choose(self, s: State, item: Item) -> Move:
        if item.kind == ItemKind.EXERCISE:
            phone = self.s.handler(s._replace(screen=Screen.PHONE))
            assert isinstance(phone, PhoneScreen)
            return phone.start(s, item.ref)
        return self.s.say_help(s, item)

    def activate(self, s: State) -> Move:
        return self.next(s)

    def next(self, s: State) -> Move:
        steps = self.steps(s)  # in their order (the practice's number is not its place)
        later = steps[steps.index(s.index) + 1:] if s.index in steps else []
        if later:
            return self.s.enter(s._replace(index=later[0], focus=0))
        return self.s.go_home(s)

    def prev(self, s: State) -> Move:
        return self.back(s)

    def back(self, s: State) -> Move:
        steps = self.steps(s)
        earlier = steps[:steps.index(s.index)] if s.index in steps else []
        if earlier:
            return self.s.enter(s._replace(index=earlier[-1], focus=0))
        return self.s.go_home(s)
