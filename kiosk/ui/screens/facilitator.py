"""The facilitator's panel: what is wrong, what is logged, and the group-workshop controls.

Opened with F12 (or Ctrl+Alt+F) on a keyboard — a participant's keypad has neither — and closed
with the same key or its Close button, behind the PIN (kiosk/ui/lock.py). It shows skipped
content files and bad settings (file and
field), the usage log's state, voice coverage with each clip's origin and the installed packs, so
problems are visible without a terminal; and the ways to install a signed pack, roll it back,
manage trusted keys, change the PIN and quit the kiosk.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QStackedLayout,
    QVBoxLayout,
    QWidget,
)

from kiosk.core.session import GROUP_SIZES
from kiosk.ui.staff import LanguageBar, StaffTexts, restyle

PANEL_STYLE = """
QPushButton { background: #fff8e7; color: #111; font-size: %dpx; font-weight: bold;
              border-radius: 10px; min-height: %dpx; padding: 4px %dpx;
              border: 4px solid transparent; }
QPushButton:checked { background: #ffd400; }
QPushButton:focus { border-color: #ffd400; outline: none; }  /* Tab reaches every button */
QPlainTextEdit { background: #0b1426; color: white; font-size: 17px; font-family: monospace; }
"""
ROOMY = (22, 60, 10)  # font size, button height, side padding (inside the 4 px focus ring)
COMPACT = (16, 40, 2)  # a small screen (1024×600): every button's text whole, none overlapping


def panel_style(width: int, height: int) -> str:
    """The panel's own size (the window less the quick-exit bar): 1262×614 on a 1280×800 screen."""
    return PANEL_STYLE % (COMPACT if width < 1200 or height < 500 else ROOMY)


class FacilitatorPanel(QWidget):
    group_chosen = Signal(object)  # a size bucket, or None to end group mode
    attitudes_chosen = Signal(str)  # "before" or "after"
    closed = Signal()
    studio_chosen = Signal()
    install_chosen = Signal()  # a pack from a folder or USB stick
    rollback_chosen = Signal()
    keys_chosen = Signal()
    pin_chosen = Signal()
    quit_chosen = Signal()
    insights_chosen = Signal()  # the usage charts (kiosk/ui/screens/insights.py)
    workshop_chosen = Signal()  # course plans, presenting, settings, local help (kiosk/ui/workshop.py)
    language_chosen = Signal(str)  # the staff pages' language (kiosk/ui/staff.py)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("screen")
        self.setStyleSheet(panel_style(1280, 800))
        # The panel's own page, and the workshop's: one widget, so the window treats every staff
        # page alike (keys typed into their fields, no participant buttons, F12 closes).
        self.pages = QStackedLayout(self)
        self.main = QWidget()
        self.pages.addWidget(self.main)
        self._keys: list[tuple[QPushButton, str]] = []
        layout = QVBoxLayout(self.main)
        head = QHBoxLayout()
        self.title = QLabel()
        self.title.setStyleSheet("font-size: 34px; font-weight: bold; color: white;")
        head.addWidget(self.title, 1)
        self.languages = LanguageBar()
        self.languages.chosen.connect(self.language_chosen)
        head.addWidget(self.languages)
        layout.addLayout(head)
        self.report = QPlainTextEdit()
        self.report.setReadOnly(True)
        self.report.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout.addWidget(self.report, 1)
        grid = QGridLayout()
        self.group_buttons: dict[str | None, QPushButton] = {}
        for column, size in enumerate((*GROUP_SIZES, None)):
            button = QPushButton()
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            button.clicked.connect(lambda _c=False, s=size: self.group_chosen.emit(s))
            self.group_buttons[size] = button
            grid.addWidget(button, 0, column)
        for column, phase in enumerate(("before", "after")):
            button = QPushButton()
            self._keys.append((button, f"staff.panel.attitudes_{phase}"))
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            button.clicked.connect(lambda _c=False, p=phase: self.attitudes_chosen.emit(p))
            grid.addWidget(button, 1, column * 2, 1, 2)
        self.studio_button = QPushButton()
        self.studio_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.studio_button.clicked.connect(self.studio_chosen)
        grid.addWidget(self.studio_button, 2, 0)
        self.insights_button = QPushButton()
        self.insights_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.insights_button.clicked.connect(self.insights_chosen)
        grid.addWidget(self.insights_button, 2, 1, 1, 2)
        close = QPushButton()
        close.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        close.clicked.connect(self.closed)
        grid.addWidget(close, 2, 3)
        self.tool_buttons: dict[str, QPushButton] = {}
        for column, (name, signal) in enumerate((
                ("install", self.install_chosen), ("rollback", self.rollback_chosen),
                ("keys", self.keys_chosen), ("pin", self.pin_chosen), ("quit", self.quit_chosen))):
            button = QPushButton()
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            button.clicked.connect(signal)
            self.tool_buttons[name] = button
            grid.addWidget(button, 3 + column // 4, column % 4)
        self.workshop_button = QPushButton()
        self.workshop_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.workshop_button.clicked.connect(self.workshop_chosen)
        self.workshop_button.setEnabled(False)
        grid.addWidget(self.workshop_button, 4, 1, 1, 3)  # the longest text: three columns wide
        layout.addLayout(grid)
        self._keys += [(self.studio_button, "staff.panel.studio"),
                      (self.insights_button, "staff.panel.insights"),
                      (close, "staff.panel.close"), (self.workshop_button, "staff.panel.workshop"),
                       *((b, f"staff.panel.{n}") for n, b in self.tool_buttons.items())]
        self.retranslate(StaffTexts())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        restyle(self, panel_style(event.size().width(), event.size().height()))
        super().resizeEvent(event)

    def show_page(self, page: QWidget) -> None:
        if self.pages.indexOf(page) < 0:
            self.pages.addWidget(page)
        self.pages.setCurrentWidget(page)

    def show_main(self) -> None:
        self.pages.setCurrentWidget(self.main)

    def retranslate(self, texts: object) -> None:
        """The panel's buttons in the facilitator's language (kiosk/ui/staff.py)."""
        self.title.setText(texts("staff.panel.title"))  # type: ignore[operator]
        if isinstance(texts, StaffTexts):
            self.languages.retranslate(texts)
        for button, key in self._keys:
            button.setText(texts(key))  # type: ignore[operator]
        for size, button in self.group_buttons.items():
            button.setText(texts("staff.panel.group", n=size) if size else texts("staff.panel.no_group"))  # type: ignore[operator]

    def enable_tools(self, enabled: bool) -> None:
        for name in ("install", "rollback", "keys"):
            self.tool_buttons[name].setEnabled(enabled)

    def show_report(self, text: str, group: str | None) -> None:
        self.report.setPlainText(text)
        for size, button in self.group_buttons.items():
            button.setChecked(size == group)
