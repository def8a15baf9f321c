"""The facilitator lock: the kiosk is left only through the facilitator's menu, behind the PIN.

Refused or ignored: the window manager's close (what Alt+F4 sends), Esc, Ctrl+Q, Ctrl+W,
Alt+F4 as a key, minimising (in the room layout a clicker's Esc only stops the voice). F12 /
Ctrl+Alt+F, or holding the top-left corner for 3 s, open the PIN pad; a right PIN opens the
facilitator's panel, whose menu offers quitting, pack installs, trusted keys and a new PIN. Any
participant screen drawn again (closing the panel, quick exit, idle reset) locks it again. The
participant's quick exit never needs the PIN.

The window calls in here from a few lines marked ``# lock:`` (closeEvent, changeEvent, _key,
open_facilitator, the pointer filter), so the lock can be wired into a rewritten window by hand.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6 import QtCore, QtGui
from PySide6.QtCore import QObject, QTimer

from kiosk.core.session import Act, Action, Layout

if TYPE_CHECKING:
    from pathlib import Path

    from kiosk.core.pin import PinStore
    from kiosk.ui.screens.pinpad import PinPad

CORNER_PX = 90
HOLD_MS = 3000
OPEN_SCREENS = ("facilitator", "studio", "pinpad")


class Lock:
    """Plain Python, not a QObject, and its timer made on first use: it is built before the
    first paint (start-up, bench measure 1)."""

    def __init__(self, window: Any, pin: PinStore | Path | None) -> None:
        self.window = window  # the KioskWindow (not imported here: the window imports this module)
        self._pin = pin  # None: no PIN asked (tests of the panel; the app always gives one)
        self.unlocked = False
        self.quitting = False
        self.tools: Any = None  # kiosk.ui.trust.TrustTools, made by make_tools on first use
        self.make_tools: Any = None  # set by the app
        self.pad: PinPad | None = None
        self._mode = "check"  # check | new | again
        self._first = ""
        self._wired = False
        self._hold_timer: QTimer | None = None
        window.rendered.connect(self._rendered)

    @property
    def hold_timer(self) -> QTimer:
        if self._hold_timer is None:
            self._hold_timer = QTimer(self.window)
            self._hold_timer.setSingleShot(True)
            self._hold_timer.setInterval(HOLD_MS)
            self._hold_timer.timeout.connect(self._held)
        return self._hold_timer

    @property
    def pin(self) -> PinStore | None:
        """The store, made from its file on first use (kiosk.core.pin is not needed to start)."""
        if self._pin is not None and not hasattr(self._pin, "check"):
            from kiosk.core.pin import PinStore

            self._pin = PinStore(self._pin)
        return self._pin  # type: ignore[return-value]

    @pin.setter
    def pin(self, store: PinStore | None) -> None:
        self._pin = store

    # ------------------------------------------------------------------ leaving the kiosk
    def close_event(self, event: QtGui.QCloseEvent) -> None:
        if self.quitting:
            event.accept()
        else:
            event.ignore()  # Alt+F4 and the window manager's close end here

    def state_changed(self) -> None:
        window = self.window
        if window.isMinimized() and not self.quitting:
            QTimer.singleShot(0, lambda: window.setWindowState(
                window.windowState() & ~QtCore.Qt.WindowState.WindowMinimized))

    def quit(self) -> None:
        """The facilitator's "Cerrar Willay": the only way out."""
        self.quitting = True
        self.window.close()

    def swallow(self, event: QtGui.QKeyEvent) -> bool:
        key, mods = event.key(), event.modifiers()
        keys = QtCore.Qt.Key
        ctrl = bool(mods & QtCore.Qt.KeyboardModifier.ControlModifier)
        alt = bool(mods & QtCore.Qt.KeyboardModifier.AltModifier)
        if key == keys.Key_Escape and self.window.view.layout == Layout.PRESENTER \
                and not self.window._facilitating():
            self.window.act(Action(Act.HUSH))  # a clicker's "end show": the voice stops, nothing else
        return key == keys.Key_Escape or (ctrl and key in (keys.Key_Q, keys.Key_W)) \
            or (alt and key == keys.Key_F4)

    # ------------------------------------------------------------------ the PIN
    def admits(self) -> bool:
        """True if the facilitator's panel may open now; otherwise the PIN pad is shown."""
        if self.pin is None or self.unlocked:
            self._wire()
            return True
        if self.pin.is_set:
            self._show("check", "staff.pin.check")
        else:
            self._show("new", "staff.pin.first")
        return False

    def change_pin(self) -> None:
        self._show("new", "staff.pin.new")

    def _show(self, mode: str, title: str) -> None:
        window = self.window
        window.speaker.stop()  # the pad never speaks
        if self.pad is None:
            from kiosk.ui.screens.pinpad import PinPad

            window.staff_language_read()  # the pad in the facilitator's language, as kept
            self.pad = PinPad()
            window.fit_staff_page(self.pad)  # never wider or taller than the screen
            self.pad.language_chosen.connect(lambda lang: window.set_staff_language(lang, keep=False))
            self.pad.entered.connect(self._entered)
            self.pad.cancelled.connect(self._cancelled)
            window.stack.addWidget(self.pad)
        self._mode = mode
        wait = self.pin.wait() if self.pin is not None and mode == "check" else 0
        key, n = _waiting(wait)
        self.pad.ask(title, key, n=n)
        window._show_bar(False)
        window.stack.setCurrentWidget(self.pad)
        window.rendered.emit("pinpad")

    @property
    def pad_showing(self) -> bool:
        return self.pad is not None and self.window.stack.currentWidget() is self.pad

    def pad_key(self, event: QtGui.QKeyEvent) -> bool:
        """Keys on the pad: digits, Backspace, Enter; F12 cancels; Shift goes on (quick exit)."""
        if not self.pad_showing or self.pad is None:
            return False
        keys = QtCore.Qt.Key
        key = event.key()
        if key == keys.Key_Shift:
            return False
        if keys.Key_0 <= key <= keys.Key_9:
            self.pad.digit(str(key - keys.Key_0))
        elif key == keys.Key_Backspace:
            self.pad.erase()
        elif key in (keys.Key_Return, keys.Key_Enter):
            self.pad.submit()
        elif key == keys.Key_F12:
            self.pad.cancel()
        self.window.shift.other()
        return True

    def _entered(self, digits: str) -> None:
        from kiosk.core.pin import valid

        assert self.pad is not None
        if self._mode == "check":
            assert self.pin is not None
            answer = self.pin.check(digits)
            if answer.ok:
                self.unlocked = True
                self.window.open_facilitator()
            else:
                key, n = _waiting(answer.wait)
                self.pad.set_message(key or "staff.pin.wrong", n=n)
            return
        if self._mode == "new":
            if not valid(digits):
                self.pad.set_message("staff.pin.digits")
                return
            self._first, self._mode = digits, "again"
            self.pad.ask("staff.pin.again")
            return
        first, self._first = self._first, ""
        if digits != first:
            self._mode = "new"
            self.pad.ask("staff.pin.new", "staff.pin.mismatch")
            return
        if self.pin is not None:
            self.pin.set(digits)
        self.unlocked = True
        self.window.open_facilitator()

    def _cancelled(self) -> None:
        if self.unlocked:
            self.window.open_facilitator()
        else:
            self.window.close_facilitator()

    def _rendered(self, screen: str) -> None:
        if screen not in OPEN_SCREENS:
            self.unlocked = False
            self._first = ""
            if self.pad is not None:
                self.pad.clear()

    def _wire(self) -> None:
        if self._wired:
            return
        self._wired = True
        panel = self.window.facilitator
        panel.quit_chosen.connect(self.quit)
        panel.pin_chosen.connect(self.change_pin)
        if self.tools is None and self.make_tools is not None:
            self.tools = self.make_tools()
        tools = self.tools
        for signal, name in ((panel.install_chosen, "install"), (panel.rollback_chosen, "rollback"),
                             (panel.keys_chosen, "keys")):
            if tools is not None:
                signal.connect(getattr(tools, name))
        panel.enable_tools(tools is not None)

    # ------------------------------------------------------------------ the corner hold
    def pressed(self, obj: QObject, event: QtCore.QEvent) -> None:
        if obj is not self.window and obj is not self.window.windowHandle():
            return
        if isinstance(event, QtGui.QSinglePointEvent):
            pos = event.position()
        elif isinstance(event, QtGui.QTouchEvent) and event.points():
            pos = event.points()[0].position()
        else:
            return
        if pos.x() < CORNER_PX and pos.y() < CORNER_PX:
            self.hold_timer.start()
        elif self._hold_timer is not None:
            self._hold_timer.stop()

    def still_held(self) -> bool:
        return bool(QtGui.QGuiApplication.mouseButtons() & QtCore.Qt.MouseButton.LeftButton)

    def _held(self) -> None:
        if self.still_held():
            self.window.open_facilitator()


def _waiting(seconds: float) -> tuple[str, int]:
    """The pad's message while it is locked (a key of content/staff.yaml and its number)."""
    if not seconds:
        return "", 0
    if seconds >= 60:
        return "staff.pin.wait_minutes", int(seconds // 60) + 1
    return "staff.pin.wait_seconds", int(seconds) + 1
