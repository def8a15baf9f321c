"""Screens of one big picture and what is said: a lesson step, a content warning, feedback."""

from __future__ import annotations

from PySide6 import QtCore, QtGui
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from kiosk.ui.widgets import Dots, PictureLabel, Pictures

VERDICT_COLOURS = {"right": "#2e7d32", "wrong": "#c62828", "dont-know": "#1565c0"}


def paint_verdict(p: QPainter, disc: QRectF, verdict: str) -> None:
    """Right, wrong or "I don't know yet", as a sign anyone can read: a green disc with a tick, a
    red disc with a cross, a blue disc with a question mark (colour and shape both differ)."""
    side = disc.width()
    p.setPen(QtGui.QPen(QColor("white"), max(3.0, side / 28)))
    p.setBrush(QColor(VERDICT_COLOURS[verdict]))
    p.drawEllipse(disc)
    c, r = disc.center(), side / 2
    pen = QtGui.QPen(QColor("white"), max(5.0, side / 9))
    pen.setCapStyle(QtCore.Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(QtCore.Qt.PenJoinStyle.RoundJoin)
    p.setPen(pen)
    if verdict == "right":
        p.drawPolyline([QPointF(c.x() - r * 0.45, c.y() + r * 0.02),
                        QPointF(c.x() - r * 0.1, c.y() + r * 0.38),
                        QPointF(c.x() + r * 0.5, c.y() - r * 0.35)])
    elif verdict == "wrong":
        d = r * 0.38
        p.drawLine(QPointF(c.x() - d, c.y() - d), QPointF(c.x() + d, c.y() + d))
        p.drawLine(QPointF(c.x() - d, c.y() + d), QPointF(c.x() + d, c.y() - d))
    else:
        font = QtGui.QFont()
        font.setBold(True)
        font.setPixelSize(int(side * 0.62))
        p.setFont(font)
        p.drawText(disc, QtCore.Qt.AlignmentFlag.AlignCenter, "?")


class VerdictPicture(PictureLabel):
    """The picture of what she chose, with the verdict's sign on its card's corner."""

    def __init__(self, pictures: Pictures, parent: QWidget | None = None) -> None:
        super().__init__(pictures, parent)
        self.verdict = ""

    def decorate(self, painter: QPainter, side: int) -> None:
        if self.verdict:
            disc = side * 0.42
            paint_verdict(painter, QRectF(side - disc - 2, side - disc - 2, disc, disc), self.verdict)


class PictureScreen(QWidget):
    def __init__(self, pictures: Pictures, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("screen")
        layout = QVBoxLayout(self)
        self.picture = VerdictPicture(pictures)
        self.caption = QLabel()
        self.caption.setObjectName("caption")
        self.caption.setProperty("centred", True)  # not Qt.AlignmentFlag: see widgets.STYLE
        self.caption.setWordWrap(True)
        self.dots = Dots()
        layout.addWidget(self.picture, 5)
        layout.addWidget(self.caption, 2)
        layout.addWidget(self.dots)

    def show_picture(self, picture: str, caption: str, position: int, count: int,
                     verdict: str = "") -> None:
        self.picture.verdict = verdict if verdict in VERDICT_COLOURS else ""
        self.picture.set_picture(picture)
        self.caption.setText(caption)
        self.dots.set_progress(position, count)

    def set_caption(self, caption: str) -> None:
        """Only the words (the neutral screen in the visitor's language: its picture is drawn)."""
        if self.caption.text() != caption:
            self.caption.setText(caption)
