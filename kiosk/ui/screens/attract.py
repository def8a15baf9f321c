"""The attract screen: discreet on purpose — a community learning kiosk, not an IPV sign."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from kiosk.ui.widgets import PictureLabel, Pictures

ATTRACT_PICTURE = "attract"


class AttractScreen(QWidget):
    def __init__(self, pictures: Pictures, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("screen")
        layout = QVBoxLayout(self)
        self.picture = PictureLabel(pictures)
        self.picture.set_picture(ATTRACT_PICTURE)
        name = QLabel("Willay")
        name.setProperty("centred", True)  # not Qt.AlignmentFlag: see widgets.STYLE
        name.setObjectName("brand")  # its look is in widgets.STYLE: one style sheet for the window
        self.caption = QLabel()
        self.caption.setObjectName("caption")
        self.caption.setProperty("centred", True)
        self.caption.setWordWrap(True)
        layout.addWidget(self.picture, 5)
        layout.addWidget(name, 1)
        layout.addWidget(self.caption, 1)

    def show_text(self, text: str) -> None:
        self.caption.setText(text)
