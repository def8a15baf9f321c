"""Handlers of the screens around the lessons: attract, language, home, help, attitudes, neutral."""

from __future__ import annotations

from kiosk.core.model import Say
from kiosk.core.session.base import Handler, Move, help_item
from kiosk.core.session.view import Act, Item, ItemKind, Layout, Screen, State, View

HOME_PAGE_SIZE = 8  # the ninth place on every home page is "where to find help"
ATTITUDE_EXTRA = (("dont-know", "dont-know", "prompt.attitude.dont_know"),
                  ("prefer-not", "prefer-not", "prompt.attitude.prefer_not"))


class Attract(Handler):
    """The discreet first screen. Any press starts (see ``Session``); it says the invitation in
    every language, over and over while nobody is there."""

    screen = Screen.ATTRACT

    def arrival(self, s: State) -> list[Say]:
        return [self.s.prompt("attract.invite", code) for code in self.s.settings.languages]

    def view(self, s: State) -> View:
        lang = self.s.lang_of(s)
        title = self.s.words("prompt.attract.invite", lang) if self.s.captions else ""
        return View(s.screen, Layout.ATTRACT, lang, title, "attract", buttons=self.s.buttons(lang),
                    touch=Act.ACTIVATE)


class Language(Handler):
    screen = Screen.LANGUAGE
    lists = True

    def items(self, s: State) -> list[Item]:
        return [Item(ItemKind.LANGUAGE, lang, "language", "prompt.language.self")
                for lang in self.s.settings.languages]

    def arrival(self, s: State) -> list[Say]:
        langs = self.s.settings.languages
        says = [self.s.prompt("language.arrive", code) for code in langs]
        says += [self.s.prompt("language.self", code) for code in langs]
        return says + [self.s.prompt("language.invite", self.s.lang_of(s))]

    def view(self, s: State) -> View:
        # Every language's own words, always shown: the one thing a reader of any language needs.
        title = " / ".join(self.s.words("prompt.language.arrive", code) for code in self.s.settings.languages)
        return self.grid(s, title, "attract", always_captions=True)

    def choose(self, s: State, item: Item) -> Move:
        return self.s.choose_language(item.ref)

    def back(self, s: State) -> Move:
        return self.s.to_start(s)


class Home(Handler):
    """The lessons, eight a page; the ninth place is always where to find help."""

    screen = Screen.HOME

    def pages(self) -> int:
        return max(1, -(-len(self.s.library.modules) // HOME_PAGE_SIZE))

    def items(self, s: State) -> list[Item]:
        mods = self.s.library.modules[s.page * HOME_PAGE_SIZE:(s.page + 1) * HOME_PAGE_SIZE]
        items = [Item(ItemKind.MODULE, m.id, m.picture, m.title.key) for m in mods]
        return items + [Item(ItemKind.HELP_TILE, "help", "help-tile", "prompt.help.tile")]

    def arrival(self, s: State) -> list[Say]:
        lang = self.s.lang_of(s)
        says = [self.s.prompt("home.arrive", lang), self.s.prompt("home.invite", lang)]
        if s.page < self.pages() - 1:
            says.append(self.s.prompt("home.page", lang))
        return says

    def view(self, s: State) -> View:
        return self.grid(s, self.s.words("prompt.home.arrive", self.s.lang_of(s)), "attract")

    def repeat(self, s: State) -> Move:
        """Repeat says the focused lesson's name (she may be deciding), else the screen."""
        if s.focus:
            return Move(s, self.s.item_speech(s, s.focus) or self.arrival(s), changed=False)
        return super().repeat(s)

    def choose(self, s: State, item: Item) -> Move:
        if item.kind == ItemKind.HELP_TILE:
            return self.s.enter(s._replace(screen=Screen.HELP, focus=0))
        return self.s.open_module(s, item.ref)

    def next(self, s: State) -> Move:
        if s.page + 1 < self.pages():
            return self.s.enter(s._replace(page=s.page + 1, focus=0))
        return self.invite(s)

    def prev(self, s: State) -> Move:
        if s.page > 0:
            return self.s.enter(s._replace(page=s.page - 1, focus=0))
        return self.invite(s)

    def back(self, s: State) -> Move:
        return self.s.enter(State(screen=Screen.LANGUAGE))


class Help(Handler):
    """Where to find help: local entries (the facilitator's district) first, they are nearest."""

    screen = Screen.HELP
    lists = True

    def items(self, s: State) -> list[Item]:
        entries = self.s.library.help
        ordered = [h for h in entries if h.local] + [h for h in entries if not h.local]
        return [help_item(h) for h in ordered][:9]

    def arrival(self, s: State) -> list[Say]:
        lang = self.s.lang_of(s)
        return [self.s.prompt("help.arrive", lang), self.s.prompt("help.invite", lang)]

    def view(self, s: State) -> View:
        return self.grid(s, self.s.words("prompt.help.arrive", self.s.lang_of(s)), "help-tile")

    def choose(self, s: State, item: Item) -> Move:
        return self.s.say_help(s, item)


class Attitude(Handler):
    """The optional before/after statements of a group course (answers are only counted)."""

    screen = Screen.ATTITUDE
    lists = True

    def items(self, s: State) -> list[Item]:
        att = self.s.library.attitudes
        if not att:
            return []
        items = [Item(ItemKind.ATTITUDE, a.id, a.picture, a.text.key) for a in att.answers]
        return items + [Item(ItemKind.ATTITUDE, ref, pic, key) for ref, pic, key in ATTITUDE_EXTRA]

    def arrival(self, s: State) -> list[Say]:
        att = self.s.library.attitudes
        if not att or not 0 <= s.index < len(att.questions):
            return []
        lang = self.s.lang_of(s)
        says = [Say(att.intro.key, lang)] if s.index == 0 else []
        says.append(Say(att.questions[s.index].prompt.key, lang))
        return says + self.s.numbered(s) + [self.s.prompt("question.invite", lang)]

    def view(self, s: State) -> View:
        att = self.s.library.attitudes
        key = att.questions[s.index].prompt.key if att and s.index < len(att.questions) else ""
        return self.grid(s, self.s.words(key, self.s.lang_of(s)), "attract")

    def choose(self, s: State, item: Item) -> Move:
        att = self.s.library.attitudes
        if not att:
            return Move(s, [], changed=False)
        question = att.questions[s.index]
        event = self.s.event("attitude_answered", s, item=question.id, value=f"{s.phase}:{item.ref}")
        if s.index + 1 < len(att.questions):
            return self.s.enter(s._replace(index=s.index + 1, focus=0), [event])
        home = State(screen=Screen.HOME, lang=s.lang)
        thanks = self.s.prompt("attitude.thanks", self.s.lang_of(s))
        return Move(home, [thanks] + self.s.handler(home).arrival(home), [event])

    def back(self, s: State) -> Move:
        if s.index > 0:
            return self.s.enter(s._replace(index=s.index - 1, focus=0))
        return self.s.go_home(s)


class Neutral(Handler):
    """After a quick exit: a harmless lesson's first picture, silent until someone presses."""

    screen = Screen.NEUTRAL

    def view(self, s: State) -> View:
        mod = self.s.module(s)
        if mod is None or not mod.steps:  # no harmless lesson loaded: the built-in plain screen
            view = self.picture(s, "attract", None, touch=True)
        else:
            view = self.picture(s, mod.steps[0].picture, mod.steps[0].text.key, 0, len(mod.steps),
                                touch=True)
        return view._replace(layout=Layout.NEUTRAL)

    def activate(self, s: State) -> Move:
        return self.next(s)

    def next(self, s: State) -> Move:
        mod = self.s.module(s)
        if mod is None or not mod.steps:
            return Move(s, [], changed=False)
        lang = self.s.settings.default_language
        return self.s.enter(State(screen=Screen.STEP, lang=lang, module=mod.id,
                                  index=min(1, len(mod.steps) - 1)))

    def prev(self, s: State) -> Move:
        return self.back(s)

    def back(self, s: State) -> Move:
        return self.s.enter(State())
