"""The fixed bar's state: which buttons a screen shows, the one touched once, and the dots of a
quick exit under way."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QGraphicsOpacityEffect, QLabel, QMainWindow, QPushButton, QWidget

from kiosk.core.session import Act, View
from kiosk.ui.keys import QUICK_EXIT_WINDOW, PressCounter


def show_buttons(buttons: dict[Act, QPushButton], exit_button: QPushButton, view: View) -> None:
    """The view's fixed buttons: their captions, only those that mean something on the screen,
    and the one touched once (its second touch acts) drawn pressed."""
    shown = {b.act: b for b in view.buttons}
    for act, widget in buttons.items():
        if not widget.sizePolicy().retainSizeWhenHidden():  # back from a staff page: places kept
            policy = widget.sizePolicy()
            policy.setRetainSizeWhenHidden(True)
            widget.setSizePolicy(policy)
        button = shown.get(act)
        if button is not None:
            widget.setText(button.caption)
        widget.setVisible(button is not None)
        armed = act == view.armed
        if widget.property("armed") != armed:  # a repolish builds ``Qt``: only on a change
            widget.setProperty("armed", armed)
            widget.style().unpolish(widget)
            widget.style().polish(widget)
    if Act.QUICK_EXIT in shown:
        exit_button.setText(shown[Act.QUICK_EXIT].caption)
    black_screen(exit_button, view.blank)


def black_screen(exit_button: QPushButton, blank: bool) -> None:
    """The room's black screen (a clicker's B): the whole window black. The quick-exit button
    stays where it always is and still works, drawn fully transparent (Shift×3 and the keypad's
    "." work too)."""
    window = exit_button.window()
    root = window.centralWidget() if isinstance(window, QMainWindow) else None
    if root is None or bool(root.property("blank")) == blank:
        return
    root.setProperty("blank", blank)
    root.style().unpolish(root)
    root.style().polish(root)
    if blank:
        hidden = QGraphicsOpacityEffect(exit_button)
        hidden.setOpacity(0.0)
        exit_button.setGraphicsEffect(hidden)
    else:
        exit_button.setGraphicsEffect(None)  # type: ignore[arg-type]


class PressDots(QLabel):
    """One dot per press of a quick exit under way (Shift or the keypad's "."): gone when the
    presses expire, not only at the next key."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("", parent)
        self.setObjectName("pressdots")  # widgets.STYLE
        self.expiry = QTimer(self)
        self.expiry.setSingleShot(True)
        self.counters: tuple[PressCounter, ...] = ()
        self.expiry.timeout.connect(self.refresh)

    def watch(self, *counters: PressCounter) -> None:
        self.counters = counters

    def refresh(self) -> None:
        live = [c.live() for c in self.counters]
        self.setText("●" * max((len(t) for t in live), default=0))
        times = [t[0] for t in live if t]
        if times:  # look again when the oldest press expires
            left = min(times) + QUICK_EXIT_WINDOW - self.counters[0].clock()
            self.expiry.start(max(1, int(left * 1000) + 1))
        else:
            self.expiry.stop()
