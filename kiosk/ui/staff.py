"""The facilitator's pages in the facilitator's language (``kiosk.core.content.staff``): the texts,
and the language switch every staff page carries. The choice is the setting ``staff_language``
(kept across restarts); the window applies it to every staff page at once
(``FacilitatorPages.set_staff_language``)."""

from __future__ import annotations

from PySide6 import QtCore
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from kiosk.core.content.staff import STAFF_FILE, StaffTexts
from kiosk.core.model import LANGUAGES

__all__ = ["STAFF_FILE", "LanguageBar", "Said", "StaffTexts", "restyle"]


class LanguageBar(QWidget):
    """Castellano · Runasimi · Aymar aru: the staff pages' language, one touch."""

    chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet("QPushButton:checked { background: #ffd400; color: #111; }")  # the one chosen
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.buttons: dict[str, QPushButton] = {}
        for lang in LANGUAGES:
            button = QPushButton()
            button.setCheckable(True)
            button.setFocusPolicy(QtCore.Qt.FocusPolicy.TabFocus)
            button.clicked.connect(lambda _c=False, x=lang: self.chosen.emit(x))
            self.buttons[lang] = button
            row.addWidget(button)
        self.retranslate(StaffTexts())

    def retranslate(self, texts: StaffTexts) -> None:
        for lang, button in self.buttons.items():
            button.setText(texts(f"staff.lang.{lang}"))
            button.setChecked(lang == texts.lang)


def restyle(page: QWidget, style: str) -> bool:
    """Give ``page`` the style sheet its size calls for (a staff page, the room: larger on a TV,
    compact on a 1024×600 netbook); False when it has it already — setting a style sheet polishes
    every child again, so only a real change does."""
    if page.styleSheet() == style:
        return False
    page.setStyleSheet(style)
    return True


class Said:
    """What a label of a staff page says, kept as a key of content/staff.yaml and its values, so
    that a change of language says it again (``show``). A value that is itself a key ("staff.…")
    is said in her language too."""

    def __init__(self, label: QLabel) -> None:
        self.label = label
        self.key = ""
        self.values: dict[str, object] = {}

    def say(self, key: str = "", **values: object) -> None:
        self.key, self.values = key, values
        self.show(StaffTexts())

    def show(self, texts: StaffTexts) -> None:
        filled = {k: texts(v) if isinstance(v, str) and v.startswith("staff.") else v
                  for k, v in self.values.items()}
        self.label.setText(texts(self.key, **filled) if self.key else "")
