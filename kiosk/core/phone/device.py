"""The practice phone's screens and elements: what exists, what each element leads to.

A screen is a few big elements (a picture and a name, said on touch) or, for the dialler and the
PIN and number pads, a keypad. Element ids are what exercises name as targets; the content checker
walks an exercise's goals through these screens (``kiosk/core/content/exercises.py``). Every name
said is the prompt ``phone.el.<id>``, every screen's title ``phone.screen.<id>`` (content/prompts.yaml).

``PhoneState`` is the phone's state inside the session's ``State``: digits typed live only there,
in memory, and go with it at a quick exit or an idle reset (docs/decisions/020-practice-phone.md).
"""

from __future__ import annotations

from typing import NamedTuple


class Element(NamedTuple):
    id: str
    picture: str
    go: str = ""  # the screen it opens
    toggle: bool = False  # a switch: drawn on or off; activating it flips it
    on: bool = True  # a switch's state before it is touched
    sets: str = ""  # a flag it sets (what later screens show)
    needs: str = ""  # shown only once this flag is set
    select: bool = False  # opens its detail screen with itself selected (history)
    delete: bool = False  # hides the selected element
    say: str = ""  # a prompt it says when activated (a voice message plays)
    confirm: bool = False  # what Enter does on a pad screen
    colour: str = ""  # "green" / "red": the call buttons


class PhoneScreenSpec(NamedTuple):
    id: str
    elements: tuple[Element, ...]
    pad: str = ""  # "dial" (digits shown), "pin" (dots shown), "number": a keypad screen
    title: str = ""  # the prompt key of its title (default: the element that opens it)


DIGIT_KEYS = tuple(Element(f"key-{d}", "") for d in "1234567890")


def _pad(sid: str, pad: str, *extra: Element) -> PhoneScreenSpec:
    return PhoneScreenSpec(sid, DIGIT_KEYS + extra, pad)


def _titled(specs: tuple[PhoneScreenSpec, ...]) -> dict[str, PhoneScreenSpec]:
    """Each screen's title is the name of the element that opens it, unless it has its own."""
    opener: dict[str, str] = {}
    for spec in specs:
        for e in spec.elements:
            opener.setdefault(e.go, e.id)
    return {s.id: s._replace(title=s.title or (f"phone.el.{opener[s.id]}" if s.id in opener
                                               else f"phone.screen.{s.id}")) for s in specs}


SCREENS: dict[str, PhoneScreenSpec] = _titled((
    PhoneScreenSpec("lock", (Element("unlock", "locked", go="home"),)),
    PhoneScreenSpec("home", title="phone.screen.home", elements=(
        Element("app-phone", "telephone", go="dialler"),
        Element("app-contacts", "contacts", go="contacts"),
        Element("app-chat", "chats", go="chats"),
        Element("app-history", "hourglass", go="history"),
        Element("app-settings", "gear", go="settings"),
        Element("app-wallet", "money-bag", go="wallet"),
        Element("app-internet", "globe", go="internet"),
    )),
    _pad("dialler", "dial", Element("erase", "cross-mark"),
         Element("call", "telephone-receiver", go="call", confirm=True, colour="green")),
    PhoneScreenSpec("call", (Element("hang-up", "telephone-receiver", go="home", colour="red"),),
                    title="phone.screen.call"),
    PhoneScreenSpec("contacts", (
        Element("contact-new", "contacts", go="contact-edit"),
        Element("contact-sister", "woman-farmer"),
        Element("contact-trusted", "red-heart", needs="contact-saved"),
    )),
    PhoneScreenSpec("contact-edit", (
        Element("contact-number", "input-numbers", go="contact-number"),
        Element("contact-picture", "camera", go="contact-photo"),
        Element("contact-save", "check-mark-button", go="contacts", sets="contact-saved"),
    )),
    _pad("contact-number", "number", Element("erase", "cross-mark"),
         Element("number-ok", "check-mark-button", go="contact-edit", confirm=True)),
    PhoneScreenSpec("contact-photo", (
        Element("photo-woman", "woman-raising-hand", go="contact-edit", sets="photo"),
        Element("photo-flower", "bouquet", go="contact-edit", sets="photo"),
        Element("photo-sun", "sun-behind-cloud", go="contact-edit", sets="photo"),
    )),
    PhoneScreenSpec("chats", (
        Element("chat-unknown", "face-cursing", go="chat-thread"),
        Element("chat-prize", "wrapped-gift", go="chat-prize"),
        Element("chat-sister", "women-holding-hands"),
    )),
    PhoneScreenSpec("chat-thread", (
        Element("keep-proof", "camera-with-flash", sets="proof"),
        Element("dont-forward", "woman-gesturing-no", sets="not-forwarded"),
        Element("forward", "share"),
        Element("block", "prohibited", sets="blocked"),
        Element("report", "warning", sets="reported"),
    )),
    PhoneScreenSpec("chat-prize", (
        Element("play-message", "speaker-high-volume", say="phone.voice_message"),
        Element("send-code", "input-numbers"),
        Element("delete-message", "wastebasket", go="chats", sets="prize-deleted"),
    )),
    PhoneScreenSpec("settings", (
        Element("set-lock", "locked", go="settings-lock"),
        Element("set-location", "location-pin", go="settings-location"),
        Element("set-permissions", "key", go="settings-permissions"),
    )),
    PhoneScreenSpec("settings-lock", (Element("lock-pin", "input-numbers", go="pin-pad"),)),
    _pad("pin-pad", "pin", Element("erase", "cross-mark"),
         Element("pin-ok", "check-mark-button", go="settings", confirm=True, sets="pin-set")),
    PhoneScreenSpec("settings-location", (
        Element("location-chat", "chats", toggle=True),
        Element("location-camera", "camera", toggle=True),
        Element("location-wallet", "money-bag", toggle=True, on=False),
    )),
    PhoneScreenSpec("settings-permissions", (
        Element("permission-camera", "camera", toggle=True),
        Element("permission-microphone", "microphone", toggle=True),
        Element("permission-contacts", "contacts", toggle=True, on=False),
    )),
    PhoneScreenSpec("history", (
        Element("history-call-help", "telephone", go="history-item", select=True),
        Element("history-call-sister", "telephone", go="history-item", select=True),
        Element("history-message-help", "mobile-message", go="history-item", select=True),
    )),
    PhoneScreenSpec("history-item", (Element("delete-item", "wastebasket", go="history", delete=True),),
                    title="phone.screen.history-item"),
    PhoneScreenSpec("wallet", (
        Element("wallet-pay", "money-with-wings", go="wallet-pay"),
        Element("wallet-balance", "coin"),
    )),
    PhoneScreenSpec("wallet-pay", (
        Element("pay-name", "identification-card"),
        Element("pay-amount", "coin"),
        Element("pay-confirm", "check-mark-button", go="wallet", sets="paid"),
        Element("pay-cancel", "cross-mark", go="wallet"),
    )),
    PhoneScreenSpec("internet", (Element("web-mimp", "classical-building", go="web-mimp"),)),
    PhoneScreenSpec("web-mimp", (
        Element("web-chat-100", "chats", go="chat-100"),
        Element("web-line-100", "telephone"),
    )),
    PhoneScreenSpec("chat-100", (Element("chat-100-hello", "woman-health-worker", say="phone.chat_100"),)),
))

PAD_SCREENS = frozenset(s.id for s in SCREENS.values() if s.pad)
SAYS = tuple(sorted({e.say for s in SCREENS.values() for e in s.elements if e.say}))


class PhoneState(NamedTuple):
    """One practice under way. ``typed`` and ``kept`` hold digits only in memory: nothing copies
    them into an event, a cache or a log."""

    exercise: str
    screen: str
    goal: int = 0  # the goal being worked on
    tries: int = 0  # wrong tries at it so far
    hinted: bool = False
    typed: str = ""  # digits on a pad screen
    kept: str = ""  # a digits goal's first entry, to compare the second with
    flags: frozenset[str] = frozenset()  # switches flipped, items deleted, contact saved…
    selected: str = ""  # the history item opened
    pulse: str = ""  # the element "show me" rings
    done: bool = False


def elements_on(screen: str, flags: frozenset[str] = frozenset()) -> list[Element]:
    """The elements shown on ``screen`` now (a deleted one or one waiting for a flag is not)."""
    spec = SCREENS.get(screen)
    if spec is None:
        return []
    return [e for e in spec.elements if (not e.needs or e.needs in flags) and f"hidden:{e.id}" not in flags]


def element(screen: str, element_id: str) -> Element | None:
    spec = SCREENS.get(screen)
    return next((e for e in spec.elements if e.id == element_id), None) if spec else None


def switched_on(el: Element, flags: frozenset[str]) -> bool:
    return el.on != (f"flipped:{el.id}" in flags)


def element_ids() -> set[str]:
    return {e.id for s in SCREENS.values() for e in s.elements}
