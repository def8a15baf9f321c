"""The room layout: a group session on a TV or projector (``Layout.PRESENTER``).

The picture and its caption large, the lessons of the session as dots along the top (this one
large), the steps of the lesson as dots below; in a discussion pause the question, a large
clock and a bar running down, with the facilitator's "+1 min" and "Seguir"; in a show of hands
the choices' pictures with a count under each and − / + to enter it. Nothing a participant must
read: everything shown is also said. The session decides all of it (kiosk.core.session.course);
this widget draws the view, ticks once a second while a pause's clock runs, and sends actions.
"""

from __future__ import annotations

from PySide6 import QtCore
from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QStackedLayout,
    QVBoxLayout,
    QWidget,
)

from kiosk.core.session import Act, Action, Screen, View
from kiosk.ui.staff import StaffTexts, restyle
from kiosk.ui.widgets import FOCUS, INK, TILE, Dots, PictureLabel, Pictures, Tile

STYLE = f"""
QPushButton#room {{ background: {TILE}; color: {INK}; font-size: %dpx; font-weight: bold;
    border-radius: 12px; min-height: %dpx; padding: 4px 16px; }}
QPushButton#room:pressed {{ background: {FOCUS}; }}
QLabel#count {{ color: white; font-size: %dpx; font-weight: bold; border-radius: 8px; }}
QLabel#count[focused="true"] {{ color: {INK}; background: {FOCUS}; }}
QLabel#clock {{ color: {FOCUS}; font-weight: bold; }}
QProgressBar {{ background: #0b1426; border: 2px solid white; border-radius: 8px; min-height: 26px; }}
QProgressBar::chunk {{ background: {FOCUS}; border-radius: 6px; }}
QWidget#black {{ background: black; }}
"""
ROOMY = (26, 56, 44)  # the buttons' font and height, the count's font
SMALL = (18, 34, 28)  # a 1024×600 screen: the pictures and their captions keep the room


def room_style(height: int) -> str:
    return STYLE % (SMALL if height < 700 else ROOMY)
MAX_TILES = 9


class RoomTile(Tile):
    """A tile read from across a room: its caption as large as it fits."""

    caption_sizes = (44, 40, 36, 32, 28, 26, 24, 22, 20, 18, 16, 15, 14, 13)  # 13: a 1024×600 screen


def fit_text(label: QLabel, largest: int, smallest: int = 16) -> None:
    """The largest font (in pixels) at which the label's text fits its box, wrapped."""
    for px in range(largest, smallest - 1, -2):
        font = label.font()
        font.setPixelSize(px)
        label.setFont(font)
        if not label.text() or label.heightForWidth(label.width()) <= label.height():
            return


class Counter(QWidget):
    """− count + under a choice: how many hands went up for it."""

    def __init__(self, number: int, send: object, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        # Inset under its card: one answer's + and the next answer's − never touch (6 px apart on a
        # 1024×600 screen before, where a hurried finger counts the wrong answer).
        row.setContentsMargins(10, 0, 10, 0)
        self.number, self.value = number, 0
        self.minus, self.plus = QPushButton("−"), QPushButton("+")
        self.label = QLabel("0")
        self.label.setObjectName("count")
        self.label.setAlignment(QtCore.Qt.AlignmentFlag.AlignCenter)
        for button, step in ((self.minus, -1), (self.plus, +1)):
            button.setObjectName("room")
            button.setFocusPolicy(QtCore.Qt.FocusPolicy.NoFocus)
            button.clicked.connect(lambda _c=False, d=step: send(  # type: ignore[operator]
                Action(Act.COUNT, self.number, max(0, self.value + d))))
        row.addWidget(self.minus)
        row.addWidget(self.label, 1)
        row.addWidget(self.plus)

    def set_value(self, value: int, focused: bool = False) -> None:
        """The count; the focused answer's (the one the keyboard's digits, + and − change) lit."""
        self.value = value
        self.label.setText(str(value))
        if self.label.property("focused") != focused:
            self.label.setProperty("focused", focused)
            self.label.style().unpolish(self.label)
            self.label.style().polish(self.label)


class PresenterScreen(QWidget):
    acted = Signal(object)  # an Action

    def __init__(self, pictures: Pictures, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("screen")
        self.setStyleSheet(room_style(1080))
        self.view: View | None = None
        self.pages = QStackedLayout(self)
        room = QWidget()
        self.black = QWidget()
        self.black.setObjectName("black")
        self.black.setAttribute(QtCore.Qt.WidgetAttribute.WA_StyledBackground, True)
        self.pages.addWidget(room)
        self.pages.addWidget(self.black)
        outer = self.room_layout = QVBoxLayout(room)
        self.lessons = Dots()  # which lesson of the session
        outer.addWidget(self.lessons)
        self.body = QStackedLayout()
        outer.addLayout(self.body, 1)
        # one big picture and its caption
        big = QWidget()
        col = QVBoxLayout(big)
        self.picture = PictureLabel(pictures)
        self.caption = QLabel()
        self.caption.setWordWrap(True)
        self.caption.setAlignment(QtCore.Qt.AlignmentFlag.AlignCenter)
        col.addWidget(self.picture, 5)
        col.addWidget(self.caption, 3)
        self.body.addWidget(big)
        # numbered pictures (the session's lessons, a question's choices, where to find help)
        tiles_page = QWidget()
        tcol = QVBoxLayout(tiles_page)
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.title.setAlignment(QtCore.Qt.AlignmentFlag.AlignCenter)
        tcol.addWidget(self.title, 1)
        self.grid = QGridLayout()
        self.grid.setSpacing(14)
        tcol.addLayout(self.grid, 5)
        self.body.addWidget(tiles_page)
        self.tiles: list[Tile] = []
        self.counters: list[Counter] = []
        for number in range(1, MAX_TILES + 1):
            tile = RoomTile(number, pictures)
            tile.hovered.connect(lambda n: self.acted.emit(Action(Act.HOVER, n)))
            tile.touched.connect(lambda n: self.acted.emit(Action(Act.TOUCH, n)))
            self.tiles.append(tile)
            self.counters.append(Counter(number, self.acted.emit))
        # the pause's clock and the facilitator's buttons
        self.timer_row = QWidget()
        trow = QHBoxLayout(self.timer_row)
        self.clock = QLabel()
        self.clock.setObjectName("clock")
        self.bar = QProgressBar()
        self.bar.setTextVisible(False)
        self.extend = QPushButton("+1 min")
        self.skip = QPushButton()  # the facilitator's: in her language (content/staff.yaml)
        for button, act in ((self.extend, Act.EXTEND), (self.skip, Act.NEXT)):
            button.setObjectName("room")
            button.setFocusPolicy(QtCore.Qt.FocusPolicy.NoFocus)
            button.clicked.connect(lambda _c=False, a=act: self.acted.emit(Action(a)))
        trow.addWidget(self.clock)
        trow.addWidget(self.bar, 1)
        trow.addWidget(self.extend)
        trow.addWidget(self.skip)
        outer.addWidget(self.timer_row)
        self.steps = Dots()
        outer.addWidget(self.steps)
        self.ticker = QTimer(self)
        self.ticker.setInterval(1000)
        self.ticker.timeout.connect(lambda: self.acted.emit(Action(Act.TICK)))

    # ------------------------------------------------------------------ drawing the view
    def show_view(self, view: View) -> None:
        self.view = view
        self.pages.setCurrentIndex(1 if view.blank else 0)
        self.lessons.set_progress(view.lesson, view.lessons)
        self.steps.set_progress(view.position, view.steps)
        self.steps.setVisible(view.steps > 0)
        if view.tiles:
            self._show_tiles(view)
        else:
            if self.picture.name != view.picture or not self.picture.pixmap():
                self.picture.set_picture(view.picture)
            self.caption.setText(view.title)
            self.body.setCurrentIndex(0)
        self.timer_row.setVisible(view.timer is not None)
        if view.timer is not None:
            self.skip.setText(StaffTexts()("staff.room.skip"))
            left, total = view.timer
            self.clock.setText(f"{left // 60}:{left % 60:02d}")
            self.bar.setRange(0, max(1, total))
            self.bar.setValue(left)
            if not self.ticker.isActive() and self.isVisible():
                self.ticker.start()
        else:
            self.ticker.stop()
        self.fit()

    def _show_tiles(self, view: View) -> None:
        self.title.setText(view.title)
        for widget in (*self.tiles, *self.counters):
            self.grid.removeWidget(widget)
            widget.hide()
        shown = view.tiles[:MAX_TILES]
        columns = len(shown) if len(shown) <= 4 else 3
        counting = view.screen in (Screen.QUESTION, Screen.ATTITUDE) and bool(view.counts)
        for i, tile_view in enumerate(shown):
            tile, row, column = self.tiles[i], (i // columns) * 2, i % columns
            tile.set_item(tile_view.picture, tile_view.caption, view.focus == i + 1)
            self.grid.addWidget(tile, row, column)
            tile.show()
            if counting:
                counter = self.counters[i]
                counter.set_value(view.counts[i] if i < len(view.counts) else 0, view.focus == i + 1)
                self.grid.addWidget(counter, row + 1, column)
                counter.show()
        rows = -(-len(shown) // columns) * 2
        for row in range(2 * MAX_TILES):  # the pictures take the room; counters their height
            self.grid.setRowStretch(row, 1 if row < rows and row % 2 == 0 else 0)
        self.body.setCurrentIndex(1)

    def fit(self) -> None:
        """Texts as large as their boxes allow (the room reads from afar): caption up to 1/14 of
        the height, the question's title a little smaller, the clock large."""
        height = max(1, self.height())
        for label, largest in ((self.caption, height // 14), (self.title, height // 18),
                               (self.clock, height // 12)):
            if label.isVisible():
                fit_text(label, max(18, largest))

    def resizeEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802 (Qt name)
        style = room_style(event.size().height())
        if restyle(self, style):
            small = style == room_style(600)  # the dots and gaps give their height to the pictures
            for dots in (self.lessons, self.steps):
                dots.setFixedHeight(36 if small else 40)  # the dots are drawn around y = 20
            self.grid.setSpacing(6 if small else 14)
            self.room_layout.setContentsMargins(*((4,) * 4 if small else (9,) * 4))
            self.room_layout.setSpacing(2 if small else 6)
        super().resizeEvent(event)
        self.fit()

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802 (Qt name)
        super().showEvent(event)
        if self.view is not None and self.view.timer is not None:
            self.ticker.start()
        self.fit()

    def hideEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802 (Qt name)
        super().hideEvent(event)
        self.ticker.stop()  # no clock runs behind a quick exit or the facilitator's pages
