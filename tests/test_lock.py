"""The facilitator lock and the PIN: the kiosk is left only through the facilitator's menu."""

from __future__ import annotations

import logging

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

from kiosk.core.pin import FIRST_WAIT, PinStore
from kiosk.core.session import Screen

PIN = "4831"


class Clock:
    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


def test_the_pin_is_stored_only_as_a_salted_hash_and_never_logged(tmp_path, caplog) -> None:  # type: ignore[no-untyped-def]
    caplog.set_level(logging.DEBUG)
    store = PinStore(tmp_path / "pin.json")
    store.set(PIN)
    other = PinStore(tmp_path / "other.json")
    other.set(PIN)
    text = (tmp_path / "pin.json").read_text()
    assert PIN not in text and "scrypt" not in text or PIN not in text
    assert text != (tmp_path / "other.json").read_text()  # salted: the same PIN, another hash
    assert store.check(PIN).ok and not store.check("0000").ok
    assert PIN not in caplog.text
    with pytest.raises(ValueError):
        store.set("12a4")


def test_five_wrong_tries_lock_the_pad_with_growing_delays_across_a_restart(tmp_path) -> None:  # type: ignore[no-untyped-def]
    clock = Clock()
    store = PinStore(tmp_path / "pin.json", clock)
    store.set(PIN)
    for _ in range(4):
        assert store.check("1111") == (False, 0.0)
    assert store.check("1111") == (False, FIRST_WAIT)
    restarted = PinStore(tmp_path / "pin.json", clock)  # the kiosk was switched off and on
    assert restarted.wait() == FIRST_WAIT
    assert not restarted.check(PIN).ok  # while locked the right PIN is not even tried
    clock.now -= 3600  # the clock set back does not shorten the wait
    assert restarted.wait() == FIRST_WAIT
    clock.now += 3600 + FIRST_WAIT + 1
    assert restarted.check("1111") == (False, 2 * FIRST_WAIT)  # each further wrong try doubles it
    clock.now += 2 * FIRST_WAIT + 1
    assert restarted.check(PIN).ok
    assert restarted.check("1111") == (False, 0.0)  # a right PIN starts the count again


def locked(kiosk, tmp_path, pin: str | None = PIN):  # type: ignore[no-untyped-def]
    store = PinStore(tmp_path / "pin.json")
    if pin:
        store.set(pin)
    kiosk.window.lock.pin = store
    return store


def test_the_window_refuses_to_close_and_ignores_escape_keys(qtbot, kiosk, tmp_path):  # type: ignore[no-untyped-def]
    window = kiosk.window
    locked(kiosk, tmp_path)
    assert window.close() is False and window.isVisible()
    before = window.stack.currentWidget()
    for key, mods in ((Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
                      (Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier),
                      (Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier),
                      (Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier)):
        qtbot.keyClick(window, key, mods)
    assert window.isVisible() and window.stack.currentWidget() is before
    window.showMinimized()
    qtbot.waitUntil(lambda: not window.isMinimized())


def type_pin(qtbot, window, digits: str) -> None:  # type: ignore[no-untyped-def]
    for d in digits:
        qtbot.keyClick(window, getattr(Qt.Key, f"Key_{d}"))


def test_f12_asks_for_the_pin_which_shows_only_dots_and_says_nothing(qtbot, kiosk, tmp_path):  # type: ignore[no-untyped-def]
    window = kiosk.window
    locked(kiosk, tmp_path)
    qtbot.keyClick(window, Qt.Key.Key_F12)
    pad = window.lock.pad
    assert window.stack.currentWidget() is pad
    spoken = len(kiosk.spoken)
    type_pin(qtbot, window, "48")
    assert pad.dots.text() == "●●"
    labels = [pad.title.text(), pad.dots.text(), pad.message.text()]
    assert not any(ch.isdigit() for label in labels[1:] for ch in label) and "48" not in labels[0]
    assert len(kiosk.spoken) == spoken  # nothing was spoken, not even a digit
    assert kiosk.session.state.screen == Screen.ATTRACT  # the digits went to the pad, not the session
    qtbot.keyClick(window, Qt.Key.Key_Return)
    assert pad.message.text() == "PIN incorrecto" and window.stack.currentWidget() is pad
    type_pin(qtbot, window, PIN)
    qtbot.keyClick(window, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.facilitator
    qtbot.keyClick(window, Qt.Key.Key_F12)  # closing the panel locks it again
    qtbot.keyClick(window, Qt.Key.Key_F12)
    assert window.stack.currentWidget() is pad


def test_quick_exit_works_on_the_pin_pad_without_a_pin(qtbot, kiosk, tmp_path):  # type: ignore[no-untyped-def]
    window = kiosk.window
    locked(kiosk, tmp_path)
    qtbot.keyClick(window, Qt.Key.Key_F12)
    type_pin(qtbot, window, "48")
    for _ in range(3):
        qtbot.keyPress(window, Qt.Key.Key_Shift)
        qtbot.keyRelease(window, Qt.Key.Key_Shift)
    assert kiosk.session.state.screen == Screen.NEUTRAL
    assert window.stack.currentWidget() is not window.lock.pad and not window.lock.unlocked
    assert window.lock.pad.dots.text() == ""
    qtbot.keyClick(window, Qt.Key.Key_F12)
    qtbot.mouseClick(window.exit_button, Qt.MouseButton.LeftButton)  # and the exit button
    assert window.stack.currentWidget() is not window.lock.pad


def test_the_first_entry_sets_the_pin_and_the_menu_quits(qtbot, kiosk, tmp_path):  # type: ignore[no-untyped-def]
    window = kiosk.window
    store = locked(kiosk, tmp_path, pin=None)
    window.open_facilitator()
    assert window.stack.currentWidget() is window.lock.pad
    for digits in ("2580", "2580"):
        type_pin(qtbot, window, digits)
        qtbot.keyClick(window, Qt.Key.Key_Return)
    assert store.is_set and store.check("2580").ok
    assert window.stack.currentWidget() is window.facilitator
    qtbot.mouseClick(window.facilitator.tool_buttons["quit"], Qt.MouseButton.LeftButton)
    assert not window.isVisible()


def test_holding_the_top_left_corner_opens_the_pin_pad(qtbot, kiosk, tmp_path):  # type: ignore[no-untyped-def]
    window = kiosk.window
    locked(kiosk, tmp_path)
    press = QMouseEvent(QMouseEvent.Type.MouseButtonPress, QPointF(10, 10), QPointF(10, 10),
                        Qt.MouseButton.LeftButton, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    window.lock.pressed(window.windowHandle(), press)
    assert window.lock.hold_timer.isActive() and window.lock.hold_timer.interval() == 3000
    window.lock.still_held = lambda: True  # the finger is still there when the 3 s are up
    window.lock.hold_timer.stop()
    window.lock.hold_timer.timeout.emit()
    assert window.stack.currentWidget() is window.lock.pad
    elsewhere = QMouseEvent(QMouseEvent.Type.MouseButtonPress, QPointF(600, 400), QPointF(600, 400),
                            Qt.MouseButton.LeftButton, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    window.lock.pressed(window.windowHandle(), elsewhere)
    assert not window.lock.hold_timer.isActive()
    assert QApplication.instance() is not None


def test_the_panel_installs_a_pack_from_a_stick_and_lists_keys_and_packs(qtbot, kiosk, tmp_path):  # type: ignore[no-untyped-def]
    from kiosk.core.packs import fmt, keys
    from kiosk.core.packs.install import describe, installed
    from kiosk.ui.trust import TrustTools

    window, paths = kiosk.window, kiosk.paths
    locked(kiosk, tmp_path)
    tools = TrustTools(window, paths)
    window.lock.tools = tools
    private, public, fp = keys.keygen(tmp_path / "programme")
    stick = tmp_path / "usb"
    (stick / "content" / "help").mkdir(parents=True)
    text = (paths.content / "help" / "national.yaml").read_text(encoding="utf-8")
    (stick / "content" / "help" / "national.yaml").write_text(text.replace("es gratis", "no cuesta"),
                                                               encoding="utf-8")
    pack = tmp_path / "help.zip"
    fmt.build(stick, private, pack, "help")
    window.lock.unlocked = True
    window.open_facilitator()
    panel = window.facilitator
    tools.choose = lambda _title, _pattern: str(pack)
    qtbot.mouseClick(panel.tool_buttons["install"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.tasks.running == 0)
    assert "Rechazado" in panel.report.toPlainText() and "does not trust" in panel.report.toPlainText()
    tools.choose = lambda _title, _pattern: str(public)
    dialog = tools.keys()
    dialog.add()
    assert any(fp in dialog.list.item(i).text() for i in range(dialog.list.count()))
    dialog.accept()
    tools.choose = lambda _title, _pattern: str(pack)
    qtbot.mouseClick(panel.tool_buttons["install"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.tasks.running == 0)
    assert "Instalado: help" in panel.report.toPlainText(), panel.report.toPlainText()
    assert [p["signer"] for p in installed(paths)] == [fp]
    assert f"help: firmado por {fp}" in describe(paths) and fp in describe(paths)
    qtbot.mouseClick(panel.tool_buttons["rollback"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.tasks.running == 0)
    assert installed(paths) == []


def test_the_kiosk_as_started_always_asks_for_the_pin() -> None:
    """The window asks no PIN when given none (tests of the panel); the app must give it one.
    run() needs a display and a sound device, so this reads its source."""
    import inspect

    import kiosk.app

    source = inspect.getsource(kiosk.app.run)
    assert "pin=paths.pin" in source and "make_tools" in source


@pytest.mark.parametrize("name", ["SIGTERM"])  # SIGHUP and SIGINT take the same path
def test_a_shutdown_signal_ends_the_kiosk_although_the_lock_refuses_to_close(tmp_path, name) -> None:  # type: ignore[no-untyped-def]
    """A power-down or `systemctl stop` sends SIGTERM: the kiosk must leave its loop, flush the
    usage log and exit 0, although its window refuses every close (Qt 6's quit() asks the windows
    to close first, so the lock used to keep it running until a SIGKILL)."""
    import os
    import signal
    import subprocess
    import sys
    import time

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", WILLAY_DATA_DIR=str(tmp_path))
    proc = subprocess.Popen([sys.executable, "-m", "kiosk", "run", "--window"], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(600):  # the content is loaded from inside the loop: the loop is running
            if (tmp_path / "content-cache.json").exists() or proc.poll() is not None:
                break
            time.sleep(0.1)
        assert proc.poll() is None, "the kiosk did not start"
        proc.send_signal(getattr(signal, name))
        assert proc.wait(timeout=60) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
