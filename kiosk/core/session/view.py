"""The session's records: actions in, state, and the view of a screen out.

A ``View`` is everything the window needs to draw a screen — the layout, the words already in the
right language, the pictures, the numbered tiles, the progress dots and what each fixed button
says — so the window decides nothing. An ``Outcome`` carries the view with what to say and what
to count.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, NamedTuple

from kiosk.core.model import Event, Say

if TYPE_CHECKING:  # the practice phone's code loads with its first screen, not at start-up
    from kiosk.core.phone import PhoneState


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
    PHONE = "phone"  # the practice phone (core/session/phone.py)
    COURSE = "course"  # a group session's lessons (presenting)
    DISCUSS = "discuss"  # a discussion pause (presenting)
    COURSE_END = "course-end"  # the group session is over (presenting)


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
    BUTTON = "button"  # a touch of fixed button n (0 back, 1 repeat, 2 home, 3 next)
    OTHER = "other"  # a key that means nothing here (on the attract screen it starts, like any key)
    # presenting a group session (kiosk.core.session.course); elsewhere they do nothing
    COUNT = "count"  # show of hands: choice n was chosen by ``value`` people
    EXTEND = "extend"  # the discussion pause gets another minute
    TICK = "tick"  # a second passed: the pause's timer is drawn again
    BLANK = "blank"  # a clicker's B: a black screen, and back
    HUSH = "hush"  # Esc: stop speaking (the kiosk is never left by a key)
    MORE = "more"  # show of hands, from the keyboard: + on the focused answer
    FEWER = "fewer"  # −
    TAB = "tab"  # the next answer
    BACKTAB = "backtab"  # the one before


class Action(NamedTuple):
    act: Act
    n: int = 0
    value: int = 0  # Act.COUNT: how many


class ItemKind(StrEnum):
    LANGUAGE = "language"
    MODULE = "module"
    HELP_TILE = "help-tile"
    CHOICE = "choice"
    ATTITUDE = "attitude"
    COURSE = "course"  # a group session's lessons (presenting)
    DISCUSS = "discuss"  # a discussion pause (presenting)
    COURSE_END = "course-end"  # the group session is over (presenting)
    HELP = "help"
    GAP = "gap"  # an empty place that keeps the next items' numbers (the help tile is always 9)
    EXERCISE = "exercise"  # a practice-phone exercise offered at a lesson's end
    PHONE = "phone"  # an element of the practice phone


class Item(NamedTuple):
    """Something on the screen that can be chosen: ``kind`` and ``ref`` say what it is."""

    kind: ItemKind
    ref: str
    picture: str
    label_key: str


GAP_ITEM = Item(ItemKind.GAP, "", "", "")


class State(NamedTuple):
    screen: Screen = Screen.ATTRACT
    lang: str | None = None
    page: int = 0
    module: str | None = None
    index: int = 0  # type: ignore[assignment]  # the step or question; shadows tuple.index
    focus: int = 0  # 1-based number of the focused item; 0 = none
    answer: str | None = None
    told_quick_exit: bool = False
    phase: str | None = None  # attitude round: "before" or "after" the group course
    phone: PhoneState | None = None  # the practice under way (digits typed live only here)
    discuss: int = 0  # a discussion pause: the question (from 1) of the lesson's ``discussion``
    counts: tuple[int, ...] = ()  # a show of hands: how many chose each choice (and "No sé")


class Layout(StrEnum):
    ATTRACT = "attract"  # the discreet first screen
    GRID = "grid"  # numbered pictures under a title
    PICTURE = "picture"  # one big picture, its caption and progress dots
    NEUTRAL = "neutral"  # a picture screen drawn ahead of time: what a quick exit shows
    PHONE = "phone"  # the practice phone (kiosk/ui/screens/phone.py)
    PRESENTER = "presenter"  # a room's TV or projector: picture and caption large, the session's progress


class Tile(NamedTuple):
    picture: str
    caption: str


class Button(NamedTuple):
    """A fixed button: what it does, its icon, its caption and what it says when pointed at."""

    act: Act
    icon: str
    caption: str
    say: Say


class PhoneTile(NamedTuple):
    """One element of the practice phone as drawn: ``number`` is its keypad digit (0: none),
    ``switch`` "on"/"off" for a switch, ``colour`` "green"/"red" for the call buttons."""

    id: str
    picture: str
    caption: str
    number: int = 0
    switch: str = ""
    colour: str = ""
    done: bool = False  # what it does is done (proof kept, blocked, contact saved…)


class PhoneView(NamedTuple):
    """What the phone widget draws: the phone's screen, its elements, the keypad's display (digits
    while dialling, dots for a PIN), the focus, the element "show me" rings, the instruction."""

    screen: str
    title: str
    tiles: tuple[PhoneTile, ...]
    pad: str = ""  # "dial", "pin", "number" or "" (no keypad)
    display: str = ""
    focus: str = ""
    pulse: str = ""
    instruction: str = ""
    done: bool = False


class View(NamedTuple):
    screen: Screen
    layout: Layout
    lang: str
    title: str = ""  # the grid's title, the picture's caption, the attract screen's line
    picture: str = ""
    tiles: tuple[Tile, ...] = ()
    focus: int = 0
    position: int = 0  # progress dots: this step of ``steps``
    steps: int = 0
    buttons: tuple[Button, ...] = ()  # back, repeat, home, next (always in these places), exit
    touch: Act | None = None  # what a touch anywhere on the screen does (not on a tile or button)
    phone: PhoneView | None = None  # Layout.PHONE only
    # presenting (Layout.PRESENTER): which lesson of the group session this is, of how many
    lesson: int = 0
    lessons: int = 0
    counts: tuple[int, ...] = ()  # a show of hands: one count per tile
    timer: tuple[int, int] | None = None  # a discussion pause: seconds left, seconds in all
    blank: bool = False  # a black screen (the clicker's B)
    verdict: str = ""  # feedback: "right", "wrong" or "dont-know", drawn as a sign over the picture
    armed: Act | None = None  # the fixed button touched once (its second touch acts): drawn pressed


class Outcome:
    """What one action did: the new state and its view, what to say, what to log."""

    __slots__ = ("state", "view", "speech", "events", "interrupt", "changed")

    def __init__(self, state: State, view: View, speech: list[Say] | None = None,
                 events: list[Event] | None = None, interrupt: bool = True, changed: bool = True) -> None:
        self.state = state
        self.view = view
        self.speech = speech if speech is not None else []
        self.events = events if events is not None else []
        self.interrupt = interrupt
        self.changed = changed  # the screen (not just the focus) changed

    def __repr__(self) -> str:
        return (f"Outcome({self.state!r}, speech={self.speech!r}, events={self.events!r}, "
                f"interrupt={self.interrupt}, changed={self.changed})")
