"""The window draws what the session decides, and a screen that fails to draw cannot hold the
kiosk: a quick exit still paints the neutral screen, anything else ends on the attract screen."""

from __future__ import annotations

import ast
from pathlib import Path

from kiosk.core.session import Act, Action, Layout, Screen
from tests.conftest import ROOT


def _into_step(k) -> None:
    for action in (Action(Act.ACTIVATE), Action(Act.CHOOSE, 1), Action(Act.CHOOSE, 1),
                   Action(Act.CHOOSE, 2), Action(Act.CHOOSE, 2)):
        k.window.act(action)
    assert k.session.state.screen == Screen.STEP


def _boom(*_args) -> None:
    raise RuntimeError("this picture cannot be drawn")


def test_the_window_draws_the_sessions_view(qtbot, kiosk) -> None:
    k = kiosk
    _into_step(k)
    view = k.session.view()
    assert k.window.view == view and view.layout == Layout.PICTURE
    assert k.window.stack.currentWidget() is k.window.picture
    assert k.window.picture.caption.text() == view.title and k.window.picture.picture.name == view.picture
    assert [b.text() for b in k.window.buttons.values()] == [b.caption for b in view.buttons[:4]]


def test_quick_exit_paints_the_neutral_screen_even_when_the_picture_screen_raises(
        qtbot, kiosk, monkeypatch) -> None:
    k = kiosk
    qtbot.waitUntil(lambda: k.window.neutral is not None, timeout=5000)  # drawn ahead after the paint
    _into_step(k)
    monkeypatch.setattr(type(k.window.picture), "show_picture", _boom)
    painted = []
    k.window.neutral.paintEvent = lambda e: painted.append(True)
    k.window.quick_exit()
    assert k.session.state.screen == Screen.NEUTRAL
    assert k.window.stack.currentWidget() is k.window.neutral
    assert painted  # painted before quick_exit returned, not at some later turn of the loop


def test_quick_exit_before_the_neutral_screen_is_ready_still_ends_on_a_neutral_screen(
        qtbot, kiosk, monkeypatch) -> None:
    k = kiosk
    _into_step(k)
    k.window.neutral = None  # as in the first 100 ms after start
    monkeypatch.setattr(type(k.window.picture), "show_picture", _boom)
    k.window.quick_exit()
    assert k.session.state.screen == Screen.NEUTRAL
    assert k.window.stack.currentWidget() is k.window.blank  # the plain screen nothing can break


def test_a_screen_that_fails_to_draw_ends_on_the_attract_screen(qtbot, kiosk, monkeypatch) -> None:
    k = kiosk
    for action in (Action(Act.ACTIVATE), Action(Act.CHOOSE, 1), Action(Act.CHOOSE, 1)):
        k.window.act(action)
    monkeypatch.setattr(type(k.window.picture), "show_picture", _boom)
    k.window.act(Action(Act.CHOOSE, 2))
    k.window.act(Action(Act.CHOOSE, 2))  # opens a lesson: its picture screen raises
    assert k.session.state.screen == Screen.ATTRACT
    assert k.window.stack.currentWidget() is k.window.attract


def test_the_window_decides_nothing() -> None:
    """It reads no content or settings and names no screen: the view says everything."""
    source = (ROOT / "kiosk" / "ui" / "window.py").read_text(encoding="utf-8")
    names = {node.attr if isinstance(node, ast.Attribute) else node.id
             for node in ast.walk(ast.parse(source)) if isinstance(node, ast.Attribute | ast.Name)}
    assert not names & {"library", "settings", "Library", "Settings", "Screen"}, names & {
        "library", "settings", "Library", "Settings", "Screen"}
    assert Path(ROOT / "kiosk" / "ui" / "window.py").is_file()


def fan_out_svg(levels: int, fan: int = 10) -> str:
    """A small file that expands into fan**levels shapes when drawn (each group uses the one
    below ``fan`` times): slow to render, whatever its size on disk."""
    defs = ['<g id="l0"><circle cx="50" cy="50" r="40" fill="#c33"/></g>']
    for level in range(1, levels + 1):
        uses = "".join(f'<use href="#l{level - 1}" x="{i % 3}" y="{i // 3}"/>' for i in range(fan))
        defs.append(f'<g id="l{level}">{uses}</g>')
    return ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100"><defs>' + "".join(defs)
            + f'</defs><use href="#l{levels}"/></svg>')


def test_a_touch_anywhere_answers_are_you_still_there(qtbot, kiosk) -> None:
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest

    k = kiosk
    _into_step(k)
    k.speaker.stop()  # the voice has finished
    k.window.idle_timer.timeout.emit()  # the idle time passes: the kiosk asks
    assert k.session.asking
    QTest.mouseClick(k.window.windowHandle(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     QPoint(640, 400))
    assert not k.session.asking and k.session.state.screen == Screen.STEP
    assert k.window.idle_timer.interval() == k.session.idle_seconds * 1000
