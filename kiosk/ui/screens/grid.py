"""Screens of numbered pictures: language, lessons, question choices, help, end of lesson."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from kiosk.ui.widgets import PictureLabel, Pictures, Tile

MAX_ITEMS = 9


class GridScreen(QWidget):
    hovered = Signal(int)
    touched = Signal(int)

    def __init__(self, pictures: Pictures, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("screen")
        outer = QVBoxLayout(self)
        head = QHBoxLayout()
        self.picture = PictureLabel(pictures)
        self.picture.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.picture.setFixedSize(96, 96)
        self.title = QLabel()
        self.title.setObjectName("caption")
        self.title.setWordWrap(True)
        self.picture.hide()  # the room goes to the tiles: their pictures carry the meaning
        head.addWidget(self.picture)
        head.addWidget(self.title, 1)
        outer.addLayout(head)
        self.grid = QGridLayout()
        self.grid.setSpacing(16)
        outer.addLayout(self.grid, 1)
        self.tiles: list[Tile] = []
        for number in range(1, MAX_ITEMS + 1):
            tile = Tile(number, pictures)
            tile.hovered.connect(self.hovered)
            tile.touched.connect(self.touched)
            self.tiles.append(tile)

    def show_items(self, title: str, picture: str, items: list[tuple[str, str]], focus: int,
                   captions: bool) -> None:
        """``items``: (picture, caption) per number, 1-based ``focus`` (0 = none)."""
        self.title.setText(title if captions else "")
        self.picture.set_picture(picture)
        for tile in self.tiles:
            self.grid.removeWidget(tile)
            tile.hide()
        columns = {1: 1, 2: 2, 3: 3, 4: 2}.get(len(items), 3)
        for i, (pic, caption) in enumerate(items[:MAX_ITEMS]):
            tile = self.tiles[i]
            tile.set_item(pic, caption if captions else "", focus == i + 1)
            self.grid.addWidget(tile, i // columns, i % columns)
            tile.setVisible(bool(pic or caption))  # an empty place keeps the next numbers in place

    def set_focus_number(self, focus: int) -> None:
        for tile in self.tiles:
            tile.focused = tile.number == focus
            tile.update()
