"""The practice phone, drawn from the session's ``View.phone``: a phone body with its screen (big
picture buttons, or a keypad), and beside it the exercise's instruction in large letters.

It decides nothing: a touch on an element sends ``Action(TOUCH, n)`` (n: the element's place,
from 1), a pointer resting on one sends ``HOVER``; the session says what that means. The "show me"
ring pulses around ``PhoneView.pulse`` (a timer that runs only while it is shown). When hidden (a
quick exit, an idle reset, any other screen) it forgets the view, so nothing of the phone — the
digits typed among it — stays drawn or held behind the neutral screen.
"""

from __future__ import annotations

import math

from PySide6 import QtCore, QtGui
from PySide6.QtCore import QRectF, QTimer, Signal
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QWidget

from kiosk.core.session import Act, Action, View
from kiosk.core.session.view import PhoneTile, PhoneView
from kiosk.ui.widgets import BACKGROUND, FOCUS, INK, TILE, Pictures

BODY = "#263238"
GLASS = "#eef3f7"
GREEN = "#2e7d32"
RED = "#c62828"
NUMBER_INK = "#546e7a"  # an element's small number, on a light button

PULSE_MS = 60  # one frame of the "show me" ring
PAD_ORDER = ("key-1", "key-2", "key-3", "key-4", "key-5", "key-6", "key-7", "key-8", "key-9",
             "erase", "key-0", "")  # the last place is the pad's green button


def fill(colour: str | None) -> str:
    """An element's button colour (a green or red button, else a tile)."""
    return {"green": GREEN, "red": RED}.get(colour or "", TILE)


def number_ink(colour: str | None) -> str:
    """The small number's colour on that button: white on green and red, as the caption."""
    return "white" if colour in ("green", "red") else NUMBER_INK


class PhoneScreen(QWidget):
    acted = Signal(object)  # an Action

    def __init__(self, pictures: Pictures, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("screen")
        self.pictures = pictures
        self.view: View | None = None
        self.places: list[tuple[QRectF, int]] = []  # where each element is drawn, its number
        self.hover = 0
        self.phase = 0.0
        self.setMouseTracking(True)
        self.timer = QTimer(self)
        self.timer.setInterval(PULSE_MS)
        self.timer.timeout.connect(self._pulse)

    # ------------------------------------------------------------------ what the window calls
    def show_view(self, view: View) -> None:
        self.view = view
        self._animate()
        self.update()

    def hideEvent(self, event: QtGui.QHideEvent) -> None:  # noqa: N802 (Qt name)
        self.view = None  # nothing of the phone survives off the screen
        self.places = []
        self.timer.stop()
        super().hideEvent(event)

    def showEvent(self, event: QtGui.QShowEvent) -> None:  # noqa: N802 (Qt name)
        super().showEvent(event)
        self._animate()

    def _animate(self) -> None:
        phone = self.view.phone if self.view else None
        if phone is not None and phone.pulse and self.isVisible():
            self.timer.start()
        else:
            self.timer.stop()

    def _pulse(self) -> None:
        self.phase = (self.phase + PULSE_MS / 1000) % 1.2
        self.update()

    # ------------------------------------------------------------------ input
    def _at(self, pos: QtCore.QPointF) -> int:
        return next((n for rect, n in self.places if rect.contains(pos)), 0)

    def mousePressEvent(self, event: QtGui.QMouseEvent) -> None:  # noqa: N802 (Qt name)
        n = self._at(event.position())
        if n:
            self.acted.emit(Action(Act.TOUCH, n))

    def mouseMoveEvent(self, event: QtGui.QMouseEvent) -> None:  # noqa: N802 (Qt name)
        n = self._at(event.position())
        if n != self.hover:
            self.hover = n
            if n:
                self.acted.emit(Action(Act.HOVER, n))

    def leaveEvent(self, event: QtCore.QEvent) -> None:  # noqa: N802 (Qt name)
        self.hover = 0
        super().leaveEvent(event)

    # ------------------------------------------------------------------ drawing
    def paintEvent(self, _event: QtGui.QPaintEvent) -> None:  # noqa: N802 (Qt name)
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), QColor(BACKGROUND))
        self.places = []
        view = self.view
        if view is None or view.phone is None:
            p.end()
            return
        phone = view.phone
        h = self.height() - 16
        w = min(h * 0.72, self.width() * 0.46)
        body = QRectF(24, 8, w, h)
        self._instruction(p, QRectF(body.right() + 32, 8, self.width() - body.right() - 56, h), view, phone)
        p.setPen(QtCore.Qt.PenStyle.NoPen)
        p.setBrush(QColor(BODY))
        p.drawRoundedRect(body, w * 0.09, w * 0.09)
        glass = body.adjusted(w * 0.05, h * 0.06, -w * 0.05, -h * 0.05)
        p.setBrush(QColor(GLASS))
        p.drawRoundedRect(glass, 10, 10)
        title_h = max(44.0, glass.height() * 0.1)
        self._text(p, QRectF(glass.left() + 8, glass.top() + 4, glass.width() - 16, title_h),
                   phone.title, max(14, int(title_h * 0.32)), INK, bold=True)
        area = glass.adjusted(8, title_h + 8, -8, -8)
        if phone.pad:
            self._pad(p, area, phone)
        else:
            self._tiles(p, area, phone)
        p.end()

    def _instruction(self, p: QPainter, rect: QRectF, view: View, phone: PhoneView) -> None:
        top = rect.top()
        if view.title:
            self._text(p, QRectF(rect.left(), top, rect.width(), rect.height() * 0.18), view.title,
                       26, "#ffd98e", bold=True)
            top += rect.height() * 0.2
        if phone.done:
            size = int(min(rect.width(), rect.height()) * 0.25)
            p.drawPixmap(int(rect.left()), int(top), self.pictures.pixmap("check-mark-button", size))
            top += size + 16
        if phone.instruction:  # as large as fits, up to 30 px (the closing words can be long)
            room = QRectF(rect.left(), top, rect.width(), rect.bottom() - top)
            self._text(p, room, phone.instruction, self._fitting(room, phone.instruction, 30) or 12, "white",
                       top_align=True)

    def _tiles(self, p: QPainter, area: QRectF, phone: PhoneView) -> None:
        tiles = phone.tiles
        if not tiles:
            return
        if phone.screen == "call":  # the number being called, then the red button
            self._text(p, QRectF(area.left(), area.top(), area.width(), area.height() * 0.3),
                       phone.display, 44, INK, bold=True)
            area = area.adjusted(area.width() * 0.2, area.height() * 0.45, -area.width() * 0.2, -8)
        cols = 1 if len(tiles) <= 3 else 2
        rows = -(-len(tiles) // cols)
        gap = 10.0
        cw = (area.width() - gap * (cols - 1)) / cols
        alone = len(tiles) == 1  # one big button in the middle: the lock, the red phone, a message
        ch = min((area.height() - gap * (rows - 1)) / rows, cw * (1.0 if cols == 2 or alone else 0.5))
        top = area.top() + ((area.height() - ch) / 2 if alone else 0)
        stacked = cols == 2 or alone
        rects = [QRectF(area.left() + (i % cols) * (cw + gap), top + (i // cols) * (ch + gap), cw, ch)
                 for i in range(len(tiles))]
        px = min((self._fitting(self._layout(r, stacked, True)[1].adjusted(0, 0, -64 if t.switch else 0, 0),
                                t.caption, 24) for r, t in zip(rects, tiles, strict=True)), default=24)
        for i, (r, tile) in enumerate(zip(rects, tiles, strict=True)):  # one caption size per screen
            self._element(p, r, tile, phone, i + 1, stacked, caption=px > 0, px=px)

    def _pad(self, p: QPainter, area: QRectF, phone: PhoneView) -> None:
        disp = QRectF(area.left(), area.top(), area.width(), area.height() * 0.14)
        p.setPen(QtCore.Qt.PenStyle.NoPen)
        p.setBrush(QColor("white"))
        p.drawRoundedRect(disp, 8, 8)
        self._text(p, disp, phone.display, int(disp.height() * 0.5), INK, bold=True)
        keys = area.adjusted(0, disp.height() + 10, 0, 0)
        by_id = {t.id: (i + 1, t) for i, t in enumerate(phone.tiles)}
        confirm = [(n, t) for t_id, (n, t) in by_id.items() if t_id not in PAD_ORDER]
        gap = 8.0
        kw, kh = (keys.width() - 2 * gap) / 3, (keys.height() - 3 * gap) / 4
        for place, key in enumerate(PAD_ORDER):
            found = by_id.get(key) if key else (confirm[0] if confirm else None)
            if found is None:
                continue
            n, tile = found
            r = QRectF(keys.left() + (place % 3) * (kw + gap), keys.top() + (place // 3) * (kh + gap), kw, kh)
            if tile.id.startswith("key-"):
                self._button(p, r, tile, phone, n)
                self._text(p, r, tile.id[4:], int(kh * 0.45), INK, bold=True)
            else:
                self._element(p, r, tile, phone, n, stacked=True, caption=False)

    def _button(self, p: QPainter, r: QRectF, tile: PhoneTile, phone: PhoneView, n: int) -> None:
        colour = fill(tile.colour)
        p.setPen(QtGui.QPen(QColor("#90a4ae"), 2))
        p.setBrush(QColor(colour))
        p.drawRoundedRect(r, 12, 12)
        self.places.append((r, n))
        if tile.id == phone.focus:
            p.setPen(QtGui.QPen(QColor(FOCUS), 7))
            p.setBrush(QtCore.Qt.BrushStyle.NoBrush)
            p.drawRoundedRect(r.adjusted(-2, -2, 2, 2), 14, 14)
        if tile.id == phone.pulse:
            grow = 4 + 10 * abs(math.sin(self.phase / 1.2 * math.pi))
            p.setPen(QtGui.QPen(QColor(FOCUS), 6))
            p.setBrush(QtCore.Qt.BrushStyle.NoBrush)
            p.drawEllipse(r.center(), r.width() / 2 + grow, r.height() / 2 + grow)

    def _layout(self, r: QRectF, stacked: bool, caption: bool) -> tuple[QRectF, QRectF, int]:
        """An element's picture and caption rectangles, and the picture's size."""
        if stacked:
            size = int(min(r.width() * 0.6, r.height() * (0.55 if caption else 0.8)))
            pic = QRectF(r.center().x() - size / 2, r.top() + (6 if caption else (r.height() - size) / 2),
                         size, size)
            return pic, QRectF(r.left() + 4, pic.bottom(), r.width() - 8, r.bottom() - pic.bottom() - 4), size
        size = int(min(r.height() * 0.8, r.width() * 0.3))
        pic = QRectF(r.left() + 10, r.center().y() - size / 2, size, size)
        return pic, QRectF(pic.right() + 10, r.top() + 4, r.right() - pic.right() - 20, r.height() - 8), size

    def _element(self, p: QPainter, r: QRectF, tile: PhoneTile, phone: PhoneView, n: int,
                 stacked: bool, caption: bool = True, px: int = 22) -> None:
        self._button(p, r, tile, phone, n)
        light = tile.colour in ("green", "red")
        pic, text, size = self._layout(r, stacked, caption)
        if tile.picture:
            p.drawPixmap(pic.toRect(), self.pictures.pixmap(tile.picture, size))
        if tile.switch:
            text.setRight(text.right() - 64)
            self._switch(p, QRectF(r.right() - 70, r.center().y() - 18, 60, 36), tile.switch == "on")
        if caption and tile.caption:
            self._text(p, text, tile.caption, px, "white" if light else INK, left=not stacked)
        if tile.number and not phone.pad:
            number = QRectF(r.left() + 4, r.top() + 2, 30, 30)
            self._text(p, number, str(tile.number), 16, number_ink(tile.colour), bold=True)
        if tile.done:  # done already (proof kept, blocked, saved…): a small check mark
            mark = int(min(r.width(), r.height()) * 0.28)
            p.drawPixmap(int(r.right() - mark - 4), int(r.top() + 4),
                         self.pictures.pixmap("check-mark-button", mark))

    def _switch(self, p: QPainter, r: QRectF, on: bool) -> None:
        p.setPen(QtCore.Qt.PenStyle.NoPen)
        p.setBrush(QColor(GREEN if on else "#9e9e9e"))
        p.drawRoundedRect(r, r.height() / 2, r.height() / 2)
        p.setBrush(QColor("white"))
        knob = r.height() - 8
        x = r.right() - knob - 4 if on else r.left() + 4
        p.drawEllipse(QRectF(x, r.top() + 4, knob, knob))

    def _fitting(self, r: QRectF, text: str, px: int) -> int:
        """The largest size up to ``px`` at which ``text``, word-wrapped, fits ``r``; 0 when even 12 px
        does not (then the screen's pictures go without captions: the voice says each name)."""
        font = QtGui.QFont(self.font())
        flags = int(QtCore.Qt.TextFlag.TextWordWrap.value)
        for size in range(px, 11, -1):
            font.setPixelSize(size)
            room = QtGui.QFontMetrics(font).boundingRect(r.toRect(), flags, text)
            if room.height() <= r.height() and room.width() <= r.width():
                return size
        return 0

    def _text(self, p: QPainter, r: QRectF, text: str, px: int, colour: str, bold: bool = False,
              left: bool = False, top_align: bool = False) -> None:
        align = QtCore.Qt.AlignmentFlag
        h = align.AlignLeft if left or top_align else align.AlignHCenter
        v = align.AlignTop if top_align else align.AlignVCenter
        flags = int((h | v).value) | int(QtCore.Qt.TextFlag.TextWordWrap.value)
        font = QtGui.QFont(self.font())
        font.setBold(bold)
        font.setPixelSize(max(8, px))
        p.setFont(font)
        p.setPen(QColor(colour))
        p.drawText(r, flags, text)
