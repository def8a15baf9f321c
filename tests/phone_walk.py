"""Walking the practice phone through the real window, by keypad or by mouse, checking what is
said at the sound-device boundary (the fake output: ``Kiosk.spoken`` fires as each clip plays)."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import QPointF, Qt

from kiosk.core.model import Exercise, Goal
from kiosk.core.phone import SCREENS, element
from kiosk.core.phone.device import switched_on
from kiosk.core.session import Screen, State
from kiosk.core.session.lessons import END_PRACTICE
from kiosk.paths import Paths

DIGIT_KEYS = {str(d): getattr(Qt.Key, f"Key_{d}") for d in range(10)}


def shipped_paths(tmp_path: Path) -> Paths:
    """The shipped content (its lessons 12–17 offer the exercises) in a copy; audio and data empty."""
    from tests.conftest import ROOT

    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    (tmp_path / "audio").mkdir()
    return Paths(content=content, audio=tmp_path / "audio", data=tmp_path / "data")


def settle(qtbot, k) -> None:
    qtbot.waitUntil(lambda: not k.speaker.busy, timeout=30000)


def press(qtbot, k, key) -> list[tuple[str, str]]:
    """One key; everything it said, once it has all played."""
    k.spoken.clear()
    qtbot.keyClick(k.window, key)
    settle(qtbot, k)
    return k.keys()


def phone_widget(k):
    return k.window._screens["phone"]


def click(qtbot, k, element_id: str) -> list[tuple[str, str]]:
    """One touch on the element drawn with that id (where the widget painted it)."""
    widget = phone_widget(k)
    widget.repaint()
    tiles = widget.view.phone.tiles
    n = [t.id for t in tiles].index(element_id) + 1
    rect = next(r for r, number in widget.places if number == n)
    k.spoken.clear()
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=rect.center().toPoint())
    settle(qtbot, k)
    return k.keys()


def at_lesson_end(qtbot, k, lesson: str, lang: str = "es") -> None:
    """GIVEN the end of ``lesson`` at its practices (the walk to it is test_flow's)."""
    settle(qtbot, k)
    k.session.state = State(screen=Screen.END, lang=lang, module=lesson, index=END_PRACTICE)
    k.window.draw(k.session.view())
    k.window.view = k.session.view()


def open_exercise(qtbot, k, ex: Exercise, lang: str = "es", by_mouse: bool = False) -> list:
    """From the lesson end: its exercise tile (first touch or digit says it, second opens it)."""
    at_lesson_end(qtbot, k, ex.lessons[0], lang)
    n = [i.ref for i in k.session.items()].index(ex.id) + 1
    for _ in range(2):
        if by_mouse:
            k.spoken.clear()
            qtbot.mouseClick(k.window.grid.tiles[n - 1], Qt.MouseButton.LeftButton)
            settle(qtbot, k)
            said = k.keys()
        else:
            said = press(qtbot, k, DIGIT_KEYS[str(n)])
    assert k.session.state.screen == Screen.PHONE
    title = SCREENS[ex.start].title
    assert said == [("prompt.phone.arrive", lang), (ex.intro.key, lang), (f"prompt.{title}", lang),
                    (ex.goals[0].say.key, lang)]
    return said


def expected_on_reaching(k, ex: Exercise, index: int, before: str, el_id: str | None, lang: str) -> list:
    """What the kiosk says when goal ``index`` is reached (the rules of decision 020)."""
    goal = ex.goals[index]
    said = []
    el = element(before, el_id) if el_id else None
    after = (el.go or before) if el else before
    if el is not None and el.toggle:
        flags = k.session.state.phone.flags
        said += [(f"prompt.phone.el.{el.id}", lang),
                 ("prompt.phone.switch." + ("on" if switched_on(el, flags) else "off"), lang)]
    if el is not None and el.say:
        said.append((f"prompt.{el.say}", lang))
    said.append((goal.praise.key if goal.praise else "prompt.phone.praise", lang))
    if after == "call" and before != "call":
        said.append(("prompt.phone.call_practice", lang))
    if index + 1 == len(ex.goals):
        return said + [("prompt.phone.done", lang), (ex.outro.key, lang), ("prompt.phone.done_invite", lang)]
    if after != before:
        title = k.session.handler(k.session.state).title_key(k.session.state.phone)
        said.append((title, lang))
    return said + [(ex.goals[index + 1].say.key, lang)]


def digit_said(d: str, lang: str, pin: bool) -> tuple[str, str]:
    if pin:
        return ("prompt.phone.typed", lang)
    return ("prompt.phone.digit.0" if d == "0" else f"prompt.number.{d}", lang)


def typed_for(goal: Goal, number: str, pin: str) -> str:
    return goal.dial or (pin if goal.digits == len(pin) else number[:goal.digits])


def walk(qtbot, k, ex: Exercise, by_mouse: bool, lang: str = "es", number: str = "735194286",
         pin: str = "2580") -> None:
    """Complete ``ex`` with the keypad alone or the mouse alone, asserting every spoken prompt."""
    open_exercise(qtbot, k, ex, lang, by_mouse)
    for index, goal in enumerate(ex.goals):
        before = k.session.state.phone.screen
        pad = SCREENS[before].pad
        if goal.target:
            if by_mouse:  # the voice asked for it: one touch counts
                said = click(qtbot, k, goal.target)
            elif pad:  # on a keypad screen Enter is the green button
                assert element(before, goal.target).confirm
                said = press(qtbot, k, Qt.Key.Key_Enter)
            else:
                n = [e.ref for e in k.session.items()].index(goal.target) + 1
                first = press(qtbot, k, DIGIT_KEYS[str(n)])
                assert first == [(f"prompt.number.{n}", lang), (f"prompt.phone.el.{goal.target}", lang)] + (
                    [(first[-1][0], lang)] if element(before, goal.target).toggle else [])
                said = press(qtbot, k, DIGIT_KEYS[str(n)])
            state_before = k.session.state
            assert said == expected_on_reaching(k, ex, index, before, goal.target, lang), (ex.id, goal.id)
            assert state_before.phone.goal == index + 1
            continue
        digits = typed_for(goal, number, pin)
        for i, d in enumerate(digits):
            said = click(qtbot, k, f"key-{d}") if by_mouse else press(qtbot, k, DIGIT_KEYS[d])
            spoken_digit = [digit_said(d, lang, pad == "pin")]
            if i + 1 < len(digits):
                assert said == spoken_digit, (ex.id, goal.id, d)
        assert said == spoken_digit + expected_on_reaching(k, ex, index, before, None, lang), (ex.id, goal.id)
    assert k.session.state.phone.done


def leave(qtbot, k, by_mouse: bool) -> None:
    """Next, once done, goes back to the lesson's end."""
    if by_mouse:
        button = k.window.buttons[next(a for a in k.window.buttons if a.value == "next")]
        for _ in range(2):
            qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    else:
        qtbot.keyClick(k.window, Qt.Key.Key_Right)
    settle(qtbot, k)
    assert k.session.state.screen == Screen.END


__all__ = ["QPointF", "at_lesson_end", "click", "leave", "open_exercise", "press", "settle", "walk"]
