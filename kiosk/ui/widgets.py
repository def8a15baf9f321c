"""Shared widgets: pictures, numbered picture tiles, progress dots, the fixed buttons.

Buttons never take keyboard focus: every key goes to the window, which maps it to an action, so
the keypad means the same thing on every screen. "Focus" is drawn from the session state.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from PySide6 import QtCore, QtGui
from PySide6.QtCore import QByteArray, QRectF, QSize, Signal
from PySide6.QtGui import QColor, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QWidget

from kiosk.core.session import Act

BACKGROUND = "#14213d"
TILE = "#fff8e7"
INK = "#111111"
FOCUS = "#ffd400"
EXIT_RED = "#c62828"
TO_COME = "#8fa0c0"  # a progress dot still to come: a ring at 6:1 on the background (WCAG ≥ 4.5:1)
CLEAR = (0, 0, 0, 0)  # QColor(*CLEAR): Qt.GlobalColor.transparent

# Code that runs before the first screen is painted (the window, the attract screen, the fixed
# buttons, pictures) must not touch PySide's ``Qt`` namespace: PySide builds all of its ~100 enums
# the first time it is touched, ~20 ms of a ~200 ms start-up (bench/README.md, measure 1). So those
# widgets get their alignment and focus policy from the style sheet below (Qt reads the names
# itself), and code that runs later says ``QtCore.Qt`` — and ``QtGui.QFont``, ``QtGui.QPen``: each
# PySide class is built on its first use too, QFont with its dozen enums. The window builds the
# namespace once the first screen is up (``KioskWindow.prepare``); tests/test_architecture.py
# keeps this true.
STYLE = f"""
QWidget#screen, QMainWindow, QWidget#root {{ background: {BACKGROUND}; }}
QWidget#root[blank="true"] {{ background: black; }}
QLabel {{ color: white; }}
QLabel[centred="true"] {{ qproperty-alignment: AlignCenter; }}
QPushButton#bar, QPushButton#exit {{ qproperty-focusPolicy: NoFocus; }}
QLabel#caption {{ font-size: 30px; color: white; }}
QLabel#brand {{ font-size: 72px; font-weight: bold; color: white; }}
QLabel#pressdots {{ font-size: 28px; color: {FOCUS}; }}
QPushButton#bar {{ background: {TILE}; color: {INK}; font-size: 26px; font-weight: bold;
    border-radius: 14px; min-height: 66px; min-width: 170px; padding: 6px 18px; }}
QPushButton#bar:pressed, QPushButton#bar[armed="true"] {{ background: {FOCUS}; }}
QPushButton#bar[armed="true"] {{ border: 6px solid white; }}
QPushButton#exit:pressed {{ background: #8e0000; }}
QPushButton#exit {{ background: {EXIT_RED}; color: white; font-size: 26px; font-weight: bold;
    border-radius: 14px; min-height: 62px; min-width: 220px; padding: 4px 18px; border: 4px solid white; }}
"""


class Pictures:
    """Renders SVG pictures from content/pictures at any size; small ones (home tiles, shown again
    and again) are cached. A large one is drawn once into what shows it (a label's card, a tile):
    caching those too held ~4 MiB of pictures already off the screen (bench/README.md, measure 7)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def pixmap(self, name: str, size: int) -> QPixmap:
        if size > CACHED_UP_TO:
            return _draw(str(self.folder), name, size)
        return _render(str(self.folder), name, size)


CACHED_UP_TO = 160  # px: a tile's picture on a 1366×768 screen is ~110 px, ~50 KB


@lru_cache(maxsize=11)  # one screen shows up to 11 small pictures; each tile keeps its own too
def _render(folder: str, name: str, size: int) -> QPixmap:
    return _draw(folder, name, size)


def _draw(folder: str, name: str, size: int) -> QPixmap:
    pix = QPixmap(size, size)
    pix.fill(QColor(*CLEAR))
    painter = QPainter(pix)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    _paint(painter, folder, name, QRectF(0, 0, size, size))
    painter.end()
    return pix


def _paint(painter: QPainter, folder: str, name: str, rect: QRectF) -> None:
    path = Path(folder) / f"{name}.svg"
    renderer = QSvgRenderer(str(path)) if path.is_file() and _within_budget(path) else None
    if renderer is not None and renderer.isValid():
        painter.setClipRect(rect)  # nothing drawn outside its viewBox reaches the card around it
        renderer.render(painter, rect)
        painter.setClipping(False)
        return
    side = rect.width()  # a plain speech-bubble circle: something to touch even without its picture
    painter.setPen(QtGui.QPen(QColor(INK), max(2, int(side) // 30)))
    painter.setBrush(QColor("#bde0fe"))
    painter.drawEllipse(rect.adjusted(side * 0.1, side * 0.1, -side * 0.1, -side * 0.1))


_verdicts: dict[tuple[str, int, int], bool] = {}


def _within_budget(path: Path) -> bool:
    """The core's static picture budget (svgcheck), once per file version: a picture that would
    freeze the renderer (``<use>`` fan-out, too many elements) gets the placeholder instead."""
    from kiosk.core.content import svgcheck

    try:
        st = path.stat()
    except OSError:
        return False
    key = (str(path), st.st_size, st.st_mtime_ns)
    if key not in _verdicts:
        _verdicts[key] = svgcheck.inspect(path) is None
    return _verdicts[key]


@lru_cache(maxsize=1)
def _card_renderer() -> QSvgRenderer:
    """The light rounded card under a picture, drawn by the SVG renderer like the pictures: setting
    a pen or a brush on a QPainter makes PySide build its ``Qt`` enums (see STYLE)."""
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">'
           f'<rect width="100" height="100" rx="8" fill="{TILE}"/></svg>')
    return QSvgRenderer(QByteArray(svg.encode()))


class PictureLabel(QLabel):
    def __init__(self, pictures: Pictures, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pictures = pictures
        self.name = ""
        self._stale = False  # the picture changed or was resized while hidden
        self.setProperty("centred", True)
        # Ignored: the pixmap follows the label's size, never the other way round (no feedback).
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.setMinimumSize(80, 80)

    def set_picture(self, name: str) -> None:
        self.name = name
        if self.isVisible():
            self._refresh()
        else:  # drawn when shown, at the size it is shown at: never twice for one showing
            self._stale = True

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802 (Qt name)
        super().showEvent(event)
        if self._stale:
            self._refresh()

    def resizeEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802 (Qt name)
        super().resizeEvent(event)
        if self.isVisible():
            self._refresh()
        else:
            self._stale = True

    def _refresh(self) -> None:
        """The picture on a light card: dark outlines stay visible on the dark background."""
        self._stale = False
        self.clear()  # the old card goes first, and a new one is never copied: each is up to 1 MiB
        if not self.name:
            return
        side = max(64, min(self.width(), self.height()) - 8)
        card = QPixmap(side, side)
        card.fill(QColor(*CLEAR))
        painter = QPainter(card)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        _card_renderer().render(painter, QRectF(0, 0, side, side))
        inner = int(side * 0.84)
        offset = (side - inner) // 2
        # Straight onto the card, and what a subclass adds too (bench/README.md, measure 7).
        _paint(painter, str(self.pictures.folder), self.name, QRectF(offset, offset, inner, inner))
        self.decorate(painter, side)
        painter.end()
        self.setPixmap(card)

    def decorate(self, painter: QPainter, side: int) -> None:
        """Paint more onto the card (``side`` px square) before it is shown."""


class TileLayout(NamedTuple):
    font: QtGui.QFont
    picture: QRectF
    caption: QRectF
    badge: QRectF
    flags: int  # alignment and word wrap of the caption
    fits: bool  # the caption is shown whole


class Tile(QPushButton):
    """A numbered picture to touch: hover speaks it, touch focuses, touch again chooses."""

    hovered = Signal(int)
    touched = Signal(int)
    caption_sizes: tuple[int, ...] = (24, 22, 20, 18, 16, 15, 14)  # px: the largest that fits

    def __init__(self, number: int, pictures: Pictures, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.number = number
        self.pictures = pictures
        self.picture = ""
        self.caption = ""
        self.focused = False
        self._hover_sent = False
        self._drawn: tuple[str, int, QPixmap] = ("", 0, QPixmap())  # picture, size, its pixmap
        self._layout: tuple[tuple[str, int, int], TileLayout] | None = None
        self.setFocusPolicy(QtCore.Qt.FocusPolicy.NoFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(QSize(90, 90))  # about 2 cm on a 1024×600 10" netbook
        policy = self.sizePolicy()
        policy.setRetainSizeWhenHidden(True)  # an empty place on a page keeps its room
        self.setSizePolicy(policy)
        self.clicked.connect(lambda: self.touched.emit(self.number))
        self.setMouseTracking(True)

    def set_item(self, picture: str, caption: str, focused: bool) -> None:
        self.picture, self.caption, self.focused = picture, caption, focused
        self.setAccessibleName(caption)
        self.update()

    def mouseMoveEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        # A real pointer movement, not a tile appearing under a resting pointer after a screen
        # change (that would interrupt the new screen's own speech).
        if not self._hover_sent:
            self._hover_sent = True
            self.hovered.emit(self.number)
        super().mouseMoveEvent(event)

    def leaveEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        self._hover_sent = False
        super().leaveEvent(event)

    def caption_layout(self) -> TileLayout:
        """The tile's layout, worked out again only when its caption or size changes (a tile
        repaints on every focus and hover)."""
        key = (self.caption, self.width(), self.height())
        if self._layout is None or self._layout[0] != key:
            self._layout = (key, self._work_out_layout())
        return self._layout[1]

    def _work_out_layout(self) -> TileLayout:
        """Where the badge, the picture and the caption go, and the caption's font. A tile much
        wider than tall (a 3×3 grid on a 1024×600 screen) puts them side by side; otherwise the
        caption goes under the picture. The caption takes 24 px on as many lines as it needs, and a
        smaller size (down to 14 px) when that is not enough. ``fits``: nothing is cut off."""
        font = QtGui.QFont(self.font())
        font.setBold(True)
        r = QRectF(self.rect()).adjusted(4, 4, -4, -4)
        wide = r.width() >= 2.2 * r.height()
        badge_side = min(52.0, r.height() * 0.42)
        if wide:  # the picture as tall as the card, the number on its corner, the words beside
            badge_side = min(44.0, r.height() * 0.36)
            side = max(0.0, min(r.height() - 12, r.width() * 0.45))
            picture = QRectF(r.left() + 10 + badge_side * 0.45, r.center().y() - side / 2, side, side)
            badge = QRectF(r.left() + 8, r.top() + 6, badge_side, badge_side)
            room = QRectF(picture.right() + 8, r.top() + 6, r.right() - picture.right() - 14,
                          r.height() - 12)
        else:
            badge = QRectF(r.left() + 10, r.top() + 10, badge_side, badge_side)
            room = QRectF(r.left() + 8, badge.bottom() + 4, r.width() - 16,
                          r.bottom() - badge.bottom() - 12)
        if not self.caption:
            if not wide:
                side = max(0.0, min(r.width() - 24, r.height() - 24))
                picture = QRectF(r.center().x() - side / 2, r.top() + 12, side, side)
            return TileLayout(font, picture, QRectF(), badge, 0, True)
        align = QtCore.Qt.AlignmentFlag.AlignLeft if wide else QtCore.Qt.AlignmentFlag.AlignHCenter
        flags = int(align | QtCore.Qt.AlignmentFlag.AlignVCenter | QtCore.Qt.TextFlag.TextWordWrap)
        # The words never outgrow the picture: beside it, their size follows the card's height;
        # under it, they take 40 % of the room (half when a long name needs it).
        top = self.caption_sizes[0]
        largest = min(top, int(r.height() / 5.5)) if wide else top
        shares = (1.0,) if wide else (0.4, 0.5)
        fits = False
        for share in shares:
            most = room.height() if wide else max(30.0, room.height() * share)
            for px in (px for px in self.caption_sizes if px <= max(14, largest)):
                font.setPixelSize(px)
                box = QtGui.QFontMetrics(font).boundingRect(0, 0, int(room.width()), 10_000, flags,
                                                            self.caption)
                if box.height() <= most and box.width() <= room.width():
                    fits = True
                    break
            if fits:
                break
        height = min(float(box.height()), most)
        if wide:
            caption = room
        else:
            caption = QRectF(room.left(), r.bottom() - height - 6, room.width(), height)
            side = max(0.0, min(r.width() - 24, caption.top() - r.top() - 16))
            picture = QRectF(r.center().x() - side / 2, r.top() + 12, side, side)
        return TileLayout(font, picture, caption, badge, flags, fits)

    def paintEvent(self, _event) -> None:  # type: ignore[no-untyped-def]
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        r = QRectF(self.rect()).adjusted(4, 4, -4, -4)
        p.setPen(QtGui.QPen(QColor(FOCUS if self.focused else TILE), 8 if self.focused else 2))
        p.setBrush(QColor(TILE))
        p.drawRoundedRect(r, 18, 18)
        font, picture, caption, badge, flags, _fits = self.caption_layout()
        side = int(picture.width())
        if side > 16 and self.picture:
            if self._drawn[:2] != (self.picture, side):  # a tile repaints often (focus, hover)
                self._drawn = (self.picture, side, self.pictures.pixmap(self.picture, side))
            p.drawPixmap(int(picture.left()), int(picture.top()), self._drawn[2])
        if self.caption:
            p.setFont(font)
            p.setPen(QColor(INK))
            p.drawText(caption, flags, self.caption)
        # the number badge: many people who do not read know digits from phones
        p.setPen(QtCore.Qt.PenStyle.NoPen)
        p.setBrush(QColor(BACKGROUND))
        p.drawEllipse(badge)
        number = QtGui.QFont(self.font())
        number.setPixelSize(int(badge.height() * 0.62))
        number.setBold(True)
        p.setFont(number)
        p.setPen(QColor("white"))
        p.drawText(badge, QtCore.Qt.AlignmentFlag.AlignCenter, str(self.number))
        p.end()


class Dots(QWidget):
    """Progress through a lesson as dots: done, current (large), to come."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.count, self.current = 0, 0
        self.setFixedHeight(40)

    def set_progress(self, current: int, count: int) -> None:
        self.current, self.count = current, count
        self.update()

    def paintEvent(self, _event) -> None:  # type: ignore[no-untyped-def]
        if self.count <= 0:
            return
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        gap = 40
        x0 = self.width() / 2 - gap * (self.count - 1) / 2
        for i in range(self.count):  # done: filled white; to come: a ring (shape, not only colour)
            radius = 14 if i == self.current else 9
            if i <= self.current:
                p.setPen(QtCore.Qt.PenStyle.NoPen)
                p.setBrush(QColor(FOCUS if i == self.current else "white"))
            else:
                p.setPen(QtGui.QPen(QColor(TO_COME), 3))
                p.setBrush(QtCore.Qt.BrushStyle.NoBrush)
            p.drawEllipse(QRectF(x0 + i * gap - radius, 20 - radius, radius * 2, radius * 2))
        p.end()


def button_icons(pictures: Pictures) -> str:
    """Style rules giving the fixed buttons (property ``icon_name``) their icons, made by Qt from the
    SVG and drawn by its SVG icon engine at their size. Not QIcon from Python: building that class
    on first use and rendering five SVGs were ~4 ms of start-up (bench/README.md, measure 1)."""
    rules = []
    for name in ("back", "repeat", "home", "next", "exit"):
        path = pictures.folder / f"button-{name}.svg"
        if path.is_file() and _within_budget(path):  # Qt draws these itself: checked like any picture
            url = path.resolve().as_posix().replace('"', '\\"')
            rules.append(f'QPushButton[icon_name="{name}"] {{ qproperty-icon: url("{url}"); '
                         'qproperty-iconSize: 56px 56px; }')
    return "\n".join(rules)


def bar_button(text: str, name: str = "bar") -> QPushButton:
    button = QPushButton(text)
    button.setObjectName(name)  # the style sheet gives #bar and #exit their look and NoFocus
    button.setMouseTracking(True)
    return button


def bottom_bar(press: Callable[[int], object]) -> tuple[QHBoxLayout, dict[Act, QPushButton]]:
    """The fixed buttons Back, Repeat | Home, Next, always in these places; a click on the n-th
    (from 0) calls ``press(n)``: the session decides what it means on each screen."""
    bottom = QHBoxLayout()
    buttons: dict[Act, QPushButton] = {}
    for number, (act, icon) in enumerate(((Act.BACK, "back"), (Act.REPEAT, "repeat"),
                                          (Act.HOME, "home"), (Act.NEXT, "next"))):
        button = bar_button("")
        button.clicked.connect(lambda _c=False, n=number: press(n))
        button.setProperty("icon_name", icon)
        button.setProperty("armed", False)  # set before Qt first polishes it (see STYLE)
        policy = button.sizePolicy()
        policy.setRetainSizeWhenHidden(True)  # a hidden button keeps its place: none ever moves
        button.setSizePolicy(policy)
        buttons[act] = button
        bottom.addWidget(button)
        if act == Act.REPEAT:
            bottom.addStretch(1)
    return bottom, buttons

