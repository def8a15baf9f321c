"""Screens of one big picture and what is said: a lesson step, a content warning, feedback."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from kiosk.ui.widgets import Dots, PictureLabel, Pictures


class PictureScreen(QWidget):
    def __init__(self, pictures: Pictures, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("screen")
        layout = QVBoxLayout(self)
        self.picture = PictureLabel(pictures)
        self.caption = QLabel()
        self.caption.setObjectName("caption")
        self.caption.setProperty("centred", True)  # not Qt.AlignmentFlag: see widgets.STYLE
        self.caption.setWordWrap(True)
        self.dots = Dots()
        layout.addWidget(self.picture, 5)
        layout.addWidget(self.caption, 2)
        layout.addWidget(self.dots)

    def show_picture(self, picture: str, caption: str, position: int, count: int) -> None:
        self.picture.set_picture(picture)
        self.caption.setText(caption)
        self.dots.set_progress(position, count)
