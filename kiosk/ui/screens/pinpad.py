"""The PIN pad: big touch digits and the keypad's; what is typed shows as dots only, never spoken.

The pad says nothing (the window silences the speaker before showing it) and never shows a digit
that was typed. The participant's quick exit (its button, Shift×3) works on it as everywhere.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk.core.pin import MAX_DIGITS

PAD_STYLE = """
QPushButton { background: #fff8e7; color: #111; font-size: 34px; font-weight: bold;
              border-radius: 12px; min-height: 84px; min-width: 120px; }
QLabel { color: white; }
"""


class PinPad(QWidget):
    entered = Signal(str)  # the digits, on OK
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("screen")
        self.setStyleSheet(PAD_STYLE)
        self._digits = ""
        layout = QVBoxLayout(self)
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
            self.keys[text] = button
            grid.addWidget(button, i // 3, i % 3)
        layout.addLayout(grid)
        cancel = QPushButton("Cancelar")
        cancel.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        cancel.clicked.connect(self.cancel)
        self.cancel_button = cancel
        layout.addWidget(cancel)

    def ask(self, title: str, message: str = "") -> None:
        self.title.setText(title)
        self.message.setText(message)
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

    def set_message(self, text: str) -> None:
        self.message.setText(text)
