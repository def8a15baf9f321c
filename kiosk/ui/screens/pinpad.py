"""The PIN pad: big touch digits and the keypad's; what is typed shows as dots only, never spoken.

The pad says nothing (the window silences the speaker before showing it) and never shows a digit
that was typed. The participant's quick exit (its button, Shift×3) works on it as everywhere.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk.core.pin import MAX_DIGITS
from kiosk.ui.staff import LanguageBar, Said, StaffTexts, restyle

PAD_STYLE = """
QPushButton { background: #fff8e7; color: #111; font-size: %dpx; font-weight: bold;
              border-radius: 12px; min-height: %dpx; min-width: 120px; }
QLabel { color: white; }
"""


def pad_style(height: int) -> str:
    """Big keys; on a small screen (1024×600) small enough that the pad is whole."""
    return PAD_STYLE % ((34, 84) if height >= 800 else (26, 44))


class PinPad(QWidget):
    entered = Signal(str)  # the digits, on OK
    cancelled = Signal()
    language_chosen = Signal(str)  # the staff pages' language (not kept: the PIN is not typed yet)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("screen")
        self.setStyleSheet(pad_style(800))
        self._digits = ""
        layout = QVBoxLayout(self)
        self.languages = LanguageBar()
        self.languages.chosen.connect(self.language_chosen)
        layout.addWidget(self.languages, 0, Qt.AlignmentFlag.AlignRight)
        self.title = QLabel("")
        self.title.setStyleSheet("font-size: 30px; font-weight: bold;")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.dots = QLabel("")
        self.dots.setStyleSheet("font-size: 48px; color: #ffd400; min-height: 64px;")
        self.dots.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message = QLabel("")
        self.message.setStyleSheet("font-size: 22px;")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        for label in (self.title, self.dots, self.message):
            layout.addWidget(label)
        self.said_title, self.said_message = Said(self.title), Said(self.message)
        grid = QGridLayout()
        self.keys: dict[str, QPushButton] = {}
        for i, text in enumerate(["1", "2", "3", "4", "5", "6", "7", "8", "9", "⌫", "0", "OK"]):
            button = QPushButton(text)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            if text.isdigit():
                button.clicked.connect(lambda _c=False, d=text: self.digit(d))
            elif text == "⌫":
                button.clicked.connect(self.erase)
            else:
                button.clicked.connect(self.submit)
            button.setProperty("data", True)  # digits and symbols: the same in every language
            self.keys[text] = button
            grid.addWidget(button, i // 3, i % 3)
        layout.addLayout(grid)
        cancel = QPushButton()
        cancel.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        cancel.clicked.connect(self.cancel)
        self.cancel_button = cancel
        layout.addWidget(cancel)
        self.retranslate(StaffTexts())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        restyle(self, pad_style(event.size().height()))
        super().resizeEvent(event)

    def retranslate(self, texts: StaffTexts) -> None:
        self.languages.retranslate(texts)
        self.cancel_button.setText(texts("staff.pin.cancel"))
        for said in (self.said_title, self.said_message):
            said.show(texts)

    def ask(self, title: str, message: str = "", **values: object) -> None:
        """``title`` and ``message``: keys of content/staff.yaml (``values`` fill the message)."""
        self.said_title.say(title)
        self.said_message.say(message, **values)
        self.clear()

    def digit(self, d: str) -> None:
        if len(self._digits) < MAX_DIGITS and self.isEnabled():
            self._digits += d
            self.dots.setText("●" * len(self._digits))

    def erase(self) -> None:
        self._digits = self._digits[:-1]
        self.dots.setText("●" * len(self._digits))

    def clear(self) -> None:
        self._digits = ""
        self.dots.setText("")

    def submit(self) -> None:
        digits, self._digits = self._digits, ""
        self.dots.setText("")
        self.entered.emit(digits)

    def cancel(self) -> None:
        self.clear()
        self.cancelled.emit()

    def set_message(self, key: str, **values: object) -> None:
        self.said_message.say(key, **values)
