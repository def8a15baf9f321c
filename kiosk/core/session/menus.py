"""Handlers of the screens around the lessons: attract, language, home, help, attitudes, neutral."""

from __future__ import annotations

from kiosk.core.model import Say
from kiosk.core.session.base import NO_BUTTONS, Handler, Move, help_item
from kiosk.core.session.view import GAP_ITEM, Act, Item, ItemKind, Layout, Screen, State, View

HOME_PAGE_SIZE = 8  # the ninth place on every home page is "where to find help"
HELP_PAGE_SIZE = 9
ATTRACT_HIDES = frozenset((Act.BACK, Act.REPEAT, Act.HOME, Act.NEXT))  # any touch starts
ATTITUDE_EXTRA = (("dont-know", "dont-know", "prompt.attitude.dont_know"),
                  ("prefer-not", "prefer-not", "prompt.attitude.prefer_not"))


class Attract(Handler):
    """The discreet first screen. Any press starts (see ``Session``); it says the invitation in
    every language, over and over while nobody is there."""

    screen = Screen.ATTRACT

    def arrival(self, s: State) -> list[Say]:
        return [self.s.prompt("attract.invite", code) for code in self.s.settings.languages]

    def view(self, s: State) -> View:
        """The invitation in every language, one line each: nobody has chosen one yet."""
        lang = self.s.lang_of(s)
        title = "\n".join(self.s.words("prompt.attract.invite", code) for code in self.s.settings.languages)
        return View(s.screen, Layout.ATTRACT, lang, title if self.s.captions else "", "attract",
                    buttons=self.s.buttons(lang), touch=Act.ACTIVATE)

    def hidden(self, s: State) -> frozenset[Act]:
        return ATTRACT_HIDES


class Language(Handler):
    screen = Screen.LANGUAGE
    lists = True

    def items(self, s: State) -> list[Item]:
        return [Item(ItemKind.LANGUAGE, lang, f"language-{lang}", "prompt.language.self")
                for lang in self.s.settings.languages]

    def arrival(self, s: State) -> list[Say]:
        """Each language asks in its own words and says its own number ("iskay: Runasimi"), then
        each says how to choose."""
        says = []
        for number, code in enumerate(self.s.settings.languages, start=1):
            says += [self.s.prompt("language.arrive", code), self.s.prompt(f"number.{number}", code),
                     self.s.prompt("language.self", code)]
        return says + [self.s.prompt("language.invite", code) for code in self.s.settings.languages]

    def view(self, s: State) -> View:
        # Every language's own words, always shown: the one thing a reader of any language needs.
        title = " / ".join(self.s.words("prompt.language.arrive", code) for code in self.s.settings.languages)
        return self.grid(s, title, "attract", always_captions=True)

    def choose(self, s: State, item: Item) -> Move:
        return self.s.choose_language(item.ref)

    def back(self, s: State) -> Move:
        return self.s.to_start(s)

    def hidden(self, s: State) -> frozenset[Act]:
        return frozenset((Act.HOME,))  # no language yet: Home would be this screen


class Home(Handler):
    """The lessons, eight a page; the ninth place is always where to find help."""

    screen = Screen.HOME

    def pages(self) -> int:
        return max(1, -(-len(self.s.library.modules) // HOME_PAGE_SIZE))

    def items(self, s: State) -> list[Item]:
        """A page's lessons, then empty places, so that help is number 9 on every page."""
        mods = self.s.library.modules[s.page * HOME_PAGE_SIZE:(s.page + 1) * HOME_PAGE_SIZE]
        items = [Item(ItemKind.MODULE, m.id, m.picture, m.title.key) for m in mods]
        items += [GAP_ITEM] * (HOME_PAGE_SIZE - len(items))
        return items + [Item(ItemKind.HELP_TILE, "help", "help-tile", "prompt.help.tile")]

    def arrival(self, s: State) -> list[Say]:
        lang = self.s.lang_of(s)
        says = [self.s.prompt("home.arrive", lang)] + self.s.page_speech(s.page, self.pages(), lang)
        says.append(self.s.prompt("home.invite", lang))
        if s.page < self.pages() - 1:
            says.append(self.s.prompt("home.page", lang))
        return says

    def hidden(self, s: State) -> frozenset[Act]:
        return frozenset((Act.NEXT,)) if s.page + 1 >= self.pages() else NO_BUTTONS

    def view(self, s: State) -> View:
        return self.grid(s, self.s.words("prompt.home.arrive", self.s.lang_of(s)), "attract")

    def repeat(self, s: State) -> Move:
        """Repeat says the focused lesson's name (she may be deciding), else the screen."""
        if s.focus:
            return Move(s, self.s.item_speech(s, s.focus) or self.arrival(s), changed=False)
        return super().repeat(s)

    def choose(self, s: State, item: Item) -> Move:
        if item.kind == ItemKind.HELP_TILE:
            return self.s.enter(s._replace(screen=Screen.HELP, page=0, focus=0))
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
    """Where to find help: local entries (the facilitator's district) first, they are nearest;
    nine a page, each page always the same entries under the same numbers. Next and Prev go
    through the entries one by one and on to the next or previous page: none is ever out of reach."""

    screen = Screen.HELP

    def ordered(self) -> list[Item]:
        entries = self.s.library.help
        return [help_item(h) for h in entries if h.local] + [help_item(h) for h in entries if not h.local]

    def pages(self) -> int:
        return max(1, -(-len(self.ordered()) // HELP_PAGE_SIZE))

    def items(self, s: State) -> list[Item]:
        return self.ordered()[s.page * HELP_PAGE_SIZE:(s.page + 1) * HELP_PAGE_SIZE]

    def arrival(self, s: State) -> list[Say]:
        lang, pages = self.s.lang_of(s), self.pages()
        says = [self.s.prompt("help.arrive", lang)] + self.s.page_speech(s.page, pages, lang)
        says.append(self.s.prompt("help.invite", lang))
        if s.page + 1 < pages:
            says.append(self.s.prompt("help.page", lang))
        return says

    def next(self, s: State) -> Move:
        count = len(self.s.items(s))
        if s.focus < count:
            return self.step_focus(s, +1)
        return self._turn(s, s.page + 1 if s.page + 1 < self.pages() else 0, first=True)

    def prev(self, s: State) -> Move:
        if s.focus > 1:
            return self.step_focus(s, -1)
        return self._turn(s, s.page - 1 if s.page > 0 else self.pages() - 1, first=False)

    def _turn(self, s: State, page: int, first: bool) -> Move:
        """Past a page's last entry: the next page (after the very last, the first), its first
        entry focused and said with the page's number; Prev the same way back."""
        if page == s.page:  # one page: round and round
            return self.step_focus(s, +1 if first else -1)
        new = s._replace(page=page, focus=0)
        count = len(self.s.items(new))
        new = new._replace(focus=1 if first else count)
        lang = self.s.lang_of(s)
        says = self.s.page_speech(page, self.pages(), lang) + self.s.item_speech(new, new.focus)
        return Move(new, says)

    def view(self, s: State) -> View:
        return self.grid(s, self.s.words("prompt.help.arrive", self.s.lang_of(s)), "help-tile")

    def choose(self, s: State, item: Item) -> Move:
        return self.s.say_help(s, item)


class Attitude(Handler):
    """The optional before/after statements of a group course (answers are only counted)."""

    screen = Screen.ATTITUDE
    lists = True
    invite_prompt = "question.invite"  # what she is asked to do (hands.Round: count the hands)
    picture_name = "attract"

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
        return says + self.s.numbered(s) + [self.s.prompt(self.invite_prompt, lang)]

    def view(self, s: State) -> View:
        att = self.s.library.attitudes
        key = att.questions[s.index].prompt.key if att and s.index < len(att.questions) else ""
        return self.grid(s, self.s.words(key, self.s.lang_of(s)), self.picture_name)

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
        lang = self.s.lang_of(s)
        return self.s.enter(State(screen=Screen.STEP, lang=lang, module=mod.id,
                                  index=min(1, len(mod.steps) - 1)))

    def prev(self, s: State) -> Move:
        return self.back(s)

    def back(self, s: State) -> Move:
        return self.s.enter(State())
