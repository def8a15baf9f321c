"""What every screen handler has: the ``Move`` it returns and the defaults it can override.

A handler answers, for its one screen: which items can be chosen, what is said on arrival (also
what Repeat says), the view, and what Next, Prev, Back and Activate do. The session runs the rules
common to all screens (digits, touches, hovers, Home, quick exit, idle) and asks the handler for
the rest; it turns a ``Move`` into an ``Outcome`` with the view of the new state.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from kiosk.core.model import Event, HelpService, Say
from kiosk.core.session.view import Act, Action, Item, ItemKind, Layout, Screen, State, Tile, View

NO_BUTTONS: frozenset[Act] = frozenset()

if TYPE_CHECKING:
    from kiosk.core.session import Session


class Move(NamedTuple):
    state: State
    speech: list[Say]
    events: list[Event] = []
    changed: bool = True  # False: only the focus moved (or nothing did)
    interrupt: bool = True


def help_item(entry: HelpService) -> Item:
    """A help entry's picture says what kind of service it is (content/help: ``picture``); an
    entry without one shows a telephone if it has a number, else a place."""
    picture = entry.picture or ("help-phone" if entry.number else "help-place")
    return Item(ItemKind.HELP, entry.id, picture, entry.say.key)


def help_caption(entry: HelpService, lang: str | None = None) -> str:
    """A help entry's tile shows its name in ``lang`` (its own where the entry gives one, else the
    official name) and its number, unless the name already says it (e.g. "Línea 100")."""
    name = entry.name_in(lang)
    if not entry.number or entry.number in name:
        return name
    return f"{name}: {entry.number}"


class Handler:
    screen: Screen
    lists = False  # Next and Prev move the focus through the items, round and round

    def __init__(self, session: Session) -> None:
        self.s = session

    def items(self, s: State) -> list[Item]:
        return []

    def arrival(self, s: State) -> list[Say]:
        return []

    def view(self, s: State) -> View:
        return self.grid(s, "", "attract")

    def repeat(self, s: State) -> Move:
        return Move(s, self.arrival(s), changed=False)

    def intercept(self, s: State, a: Action) -> Move | None:
        """A key or touch this screen gives its own meaning before the common rules (None: the
        common rules apply). The phone's keypad screens type digits with it."""
        return None

    def choose(self, s: State, item: Item) -> Move:
        """The item numbered ``s.focus`` is chosen (its second press)."""
        return Move(s, [], changed=False)

    def activate(self, s: State) -> Move:
        """Enter (or 5) with nothing focused."""
        return self.invite(s)

    def next(self, s: State) -> Move:
        return self.step_focus(s, +1) if self.lists else self.invite(s)

    def prev(self, s: State) -> Move:
        return self.step_focus(s, -1) if self.lists else self.back(s)

    def back(self, s: State) -> Move:
        return self.s.go_home(s)

    def hidden(self, s: State) -> frozenset[Act]:
        """The fixed buttons that mean nothing on this screen: not shown."""
        return NO_BUTTONS

    # ---------------------------------------------------------------- shared by handlers
    def invite(self, s: State) -> Move:
        """Nothing to do for that key here: say again what can be done."""
        return Move(s, self.arrival(s)[-1:], changed=False)

    def step_focus(self, s: State, direction: int) -> Move:
        numbers = [n for n, item in enumerate(self.s.items(s), start=1) if item.kind != ItemKind.GAP]
        if not numbers:
            return Move(s, [], changed=False)
        if s.focus in numbers:
            focus = numbers[(numbers.index(s.focus) + direction) % len(numbers)]
        else:
            focus = numbers[0] if direction > 0 else numbers[-1]
        new = s._replace(focus=focus)
        return Move(new, self.s.item_speech(new, focus), changed=False)

    def grid(self, s: State, title: str, picture: str, always_captions: bool = False) -> View:
        captions = self.s.captions or always_captions
        lang = self.s.lang_of(s)
        tiles = []
        for item in self.s.items(s):
            if item.kind == ItemKind.GAP:
                tiles.append(Tile("", ""))
                continue
            if item.kind == ItemKind.HELP:
                entry = self.s.library.help_entry(item.ref)
                caption = help_caption(entry, lang) if entry else ""
            else:
                caption = self.s.words(item.label_key, item.ref if item.kind == ItemKind.LANGUAGE else lang)
            tiles.append(Tile(item.picture, caption if captions else ""))
        return View(s.screen, Layout.GRID, lang, title if captions else "", picture, tuple(tiles),
                    s.focus, buttons=self.s.buttons(lang))

    def picture(self, s: State, picture: str, caption_key: str | None, position: int = 0,
                count: int = 0, touch: bool = False) -> View:
        lang = self.s.lang_of(s)
        caption = self.s.words(caption_key, lang) if caption_key and self.s.captions else ""
        return View(s.screen, Layout.PICTURE, lang, caption, picture, (), 0, position, count,
                    self.s.buttons(lang), Act.ACTIVATE if touch else None)
