"""The facilitator's workshop pages (inside the PIN-locked panel): course plans, presenting a
session in the room, the settings and the local help directory. Widgets only: every button is a
signal that ``kiosk.ui.workshop.Workshop`` answers with the core's rules; every text is a key of
``content/staff.yaml`` in the facilitator's language."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6 import QtCore
from PySide6.QtCore import Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QSlider,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.core.model import LANGUAGES
from kiosk.ui.staff import StaffTexts, restyle

W = TypeVar("W", bound=QWidget)

PAGE_STYLE = """
QWidget { font-size: %dpx; }
QLabel { color: white; }
QTabWidget::pane { border: 0; }
QTabBar::tab { background: #fff8e7; color: #111; padding: 10px 18px; font-weight: bold; }
QTabBar::tab:selected { background: #ffd400; }
QPushButton { background: #fff8e7; color: #111; font-weight: bold; border-radius: 8px;
              min-height: %dpx; padding: 2px %dpx; border: 3px solid transparent; }
QPushButton:checked { background: #ffd400; }
QPushButton:focus { border-color: #ffd400; outline: none; }
QLineEdit, QPlainTextEdit, QListWidget, QComboBox, QSpinBox { background: white; color: #111; }
QLabel#message { color: #ffd400; font-weight: bold; }
"""
ROOMY = (19, 44, 9)  # font size, button height, side padding (inside the 3 px focus ring)
COMPACT = (15, 32, 3)  # 1024×600, 1280×720: every label, button, tab and row whole


def page_style(width: int, height: int) -> str:
    return PAGE_STYLE % (COMPACT if width < 1200 or height < 800 else ROOMY)


class WorkshopPage(QWidget):
    closed = Signal()
    language_chosen = Signal(str)
    # plans
    plan_selected = Signal(str)
    plan_new = Signal()
    plan_saved = Signal()
    plan_duplicated = Signal()
    plan_deleted = Signal()
    # presenting
    present_chosen = Signal()
    back_to_room = Signal()
    course_ended = Signal()
    volume_changed = Signal(int)
    # settings and help
    settings_saved = Signal()
    pin_chosen = Signal()
    help_selected = Signal(str)
    help_new = Signal()
    help_saved = Signal()
    help_confirmed = Signal()

    def __init__(self, texts: StaffTexts, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.t = texts
        self._texts: list[tuple[Callable[[str], None], str]] = []  # (setter, key): retranslate
        self._lang_combos: list[QComboBox] = []  # languages by name, their codes as item data
        self.setObjectName("screen")
        self.setStyleSheet(page_style(1280, 800))
        outer = QVBoxLayout(self)
        head = QHBoxLayout()
        self.heading = self._label("staff.workshop.title")
        self.heading.setStyleSheet("font-size: 30px; font-weight: bold;")
        head.addWidget(self.heading, 1)
        self.lang_buttons: dict[str, QPushButton] = {}
        for lang in LANGUAGES:
            button = self._button(f"staff.lang.{lang}", lambda _c=False, x=lang: self.language_chosen.emit(x))
            button.setCheckable(True)
            self.lang_buttons[lang] = button
            head.addWidget(button)
        head.addWidget(self._button("staff.back", self.closed.emit))
        outer.addLayout(head)
        self.tabs = QTabWidget()
        outer.addWidget(self.tabs, 1)
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        outer.addWidget(self.message)
        self._tab_keys: list[str] = []
        self._plans_tab()
        self._present_tab()
        self._settings_tab()
        self._help_tab()

    # ------------------------------------------------------------------ building blocks
    def _label(self, key: str) -> QLabel:
        label = QLabel()
        label.setWordWrap(True)
        self._texts.append((label.setText, key))
        return label

    def _button(self, key: str, slot: Callable[..., object]) -> QPushButton:
        button = QPushButton()
        button.setFocusPolicy(QtCore.Qt.FocusPolicy.TabFocus)
        button.clicked.connect(slot)
        self._texts.append((button.setText, key))
        return button

    def _tab(self, key: str) -> QVBoxLayout:
        page = QWidget()
        self.tabs.addTab(page, "")
        self._tab_keys.append(key)
        return QVBoxLayout(page)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        restyle(self, page_style(event.size().width(), event.size().height()))
        super().resizeEvent(event)

    def _form(self, layout: QVBoxLayout) -> QFormLayout:
        form = QFormLayout()
        # a label longer than its half of a small screen puts its field below it, whole
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        layout.addLayout(form)
        return form

    def _row(self, form: QFormLayout, key: str, widget: W) -> W:
        label = self._label(key)
        label.setWordWrap(False)
        form.addRow(label, widget)
        return widget

    def language_items(self, combo: QComboBox, langs: tuple[str, ...] | list[str]) -> None:
        """A choice of languages by their names in the staff language; each item's data is its code."""
        combo.clear()
        for lang in langs:
            combo.addItem(self.t(f"staff.lang.{lang}"), lang)
        if combo not in self._lang_combos:
            self._lang_combos.append(combo)  # renamed by retranslate

    def _lang_boxes(self) -> tuple[QWidget, dict[str, QCheckBox]]:
        box, row, checks = QWidget(), QHBoxLayout(), {}
        box.setLayout(row)
        for lang in LANGUAGES:
            check = QCheckBox()
            self._texts.append((check.setText, f"staff.lang.{lang}"))
            check.setStyleSheet("color: white;")
            checks[lang] = check
            row.addWidget(check)
        return box, checks

    # ------------------------------------------------------------------ the tabs
    def _plans_tab(self) -> None:
        col = self._tab("staff.tab.plans")
        row = QHBoxLayout()
        col.addLayout(row, 1)
        self.plan_list = QListWidget()
        self.plan_list.setWordWrap(True)  # a plan's whole name, on two lines if need be
        self.plan_list.currentRowChanged.connect(self._plan_row)
        row.addWidget(self.plan_list, 1)
        right = QVBoxLayout()
        row.addLayout(right, 2)
        self.plan_name = QLineEdit()
        self._row(self._form(right), "staff.plan.name", self.plan_name)
        right.addWidget(self._label("staff.plan.sessions_help"))
        self.plan_sessions = QPlainTextEdit()
        right.addWidget(self.plan_sessions, 2)
        self.lesson_list = QPlainTextEdit()
        self.lesson_list.setReadOnly(True)
        for box in (self.plan_list, self.plan_sessions, self.lesson_list):
            box.setMinimumHeight(60)  # they shrink on a small screen; the buttons stay in sight
        right.addWidget(self.lesson_list, 2)
        buttons = QHBoxLayout()
        for key, signal in (("staff.plan.new", self.plan_new), ("staff.plan.save", self.plan_saved),
                            ("staff.plan.duplicate", self.plan_duplicated),
                            ("staff.plan.delete", self.plan_deleted)):
            buttons.addWidget(self._button(key, signal.emit))
        right.addLayout(buttons)
        self.plan_ids: list[str] = []

    def _plan_row(self, row: int) -> None:
        if 0 <= row < len(self.plan_ids):
            self.plan_selected.emit(self.plan_ids[row])

    def _present_tab(self) -> None:
        col = self._tab("staff.tab.present")
        form = self._form(col)
        self.run_plan = self._row(form, "staff.run.plan", QComboBox())
        self.run_session = self._row(form, "staff.run.session", QSpinBox())
        self.run_session.setRange(1, 12)
        self.run_size = self._row(form, "staff.run.size", QComboBox())
        self.run_lang = self._row(form, "staff.run.lang", QComboBox())
        self.volume = QSlider(QtCore.Qt.Orientation.Horizontal)
        self.volume.setRange(0, 100)
        self.volume.valueChanged.connect(self.volume_changed.emit)
        self._row(form, "staff.run.volume", self.volume)
        buttons = QHBoxLayout()
        self.present_button = self._button("staff.run.start", self.present_chosen.emit)
        self.room_button = self._button("staff.run.back", self.back_to_room.emit)
        self.end_button = self._button("staff.run.end", self.course_ended.emit)
        for button in (self.present_button, self.room_button, self.end_button):
            buttons.addWidget(button)
        col.addLayout(buttons)
        col.addWidget(self._label("staff.run.keys"), 1)

    def _settings_tab(self) -> None:
        col = self._tab("staff.tab.settings")
        form = self._form(col)
        spin = {}
        for name, low, high in (("idle_seconds", 0, 100_000), ("retention_days", 0, 100_000),
                                ("suppression_k", 0, 100_000), ("volume", 0, 1000)):
            box = QSpinBox()
            box.setRange(low, high)  # wider than allowed: settings.py says what is (and why not)
            spin[name] = box
        self.setting_spins = spin
        self._row(form, "staff.set.idle_seconds", spin["idle_seconds"])
        langs, self.setting_langs = self._lang_boxes()
        self._row(form, "staff.set.languages", langs)
        self.set_default = self._row(form, "staff.set.default_language", QComboBox())
        self.set_fallback = self._row(form, "staff.set.fallback_language", QComboBox())
        for combo in (self.set_default, self.set_fallback):
            self.language_items(combo, LANGUAGES)
        self.set_neutral = self._row(form, "staff.set.neutral_module", QComboBox())
        self._row(form, "staff.set.volume", spin["volume"])
        self._row(form, "staff.set.suppression_k", spin["suppression_k"])
        self._row(form, "staff.set.retention_days", spin["retention_days"])
        self.set_org_unit = self._row(form, "staff.set.dhis2_org_unit", QLineEdit())
        buttons = QHBoxLayout()
        buttons.addWidget(self._button("staff.set.save", self.settings_saved.emit))
        buttons.addWidget(self._button("staff.set.pin", self.pin_chosen.emit))
        col.addLayout(buttons)
        col.addStretch(1)

    def _help_tab(self) -> None:
        col = self._tab("staff.tab.help")
        row = QHBoxLayout()
        col.addLayout(row, 1)
        self.help_list = QListWidget()
        self.help_list.setWordWrap(True)
        self.help_list.currentRowChanged.connect(
            lambda r: self.help_selected.emit(self.help_ids[r]) if 0 <= r < len(self.help_ids) else None)
        row.addWidget(self.help_list, 1)
        right = QVBoxLayout()
        row.addLayout(right, 1)
        form = self._form(right)
        self.help_fields: dict[str, QLineEdit] = {}
        for name in ("name", "number", "hours", "where", "checked", "cost", "source"):
            self.help_fields[name] = self._row(form, f"staff.help.{name}", QLineEdit())
        langs, self.help_langs = self._lang_boxes()
        self._row(form, "staff.help.languages", langs)
        buttons = QHBoxLayout()
        for key, signal in (("staff.help.new", self.help_new), ("staff.help.save", self.help_saved),
                            ("staff.help.confirm", self.help_confirmed)):
            buttons.addWidget(self._button(key, signal.emit))
        right.addLayout(buttons)
        right.addStretch(1)
        self.help_ids: list[str] = []

    # ------------------------------------------------------------------ language
    def retranslate(self, texts: StaffTexts) -> None:
        """In the staff language (``StaffTexts.lang``, set for every staff page by the window)."""
        lang = texts.lang
        for setter, key in self._texts:
            setter(self.t(key))
        for i, key in enumerate(self._tab_keys):
            self.tabs.setTabText(i, self.t(key))
        for combo in self._lang_combos:
            for i in range(combo.count()):
                combo.setItemText(i, self.t(f"staff.lang.{combo.itemData(i)}"))
        for code, button in self.lang_buttons.items():
            button.setChecked(code == lang)

    def say(self, text: str) -> None:
        """One line for the facilitator: done, or refused with its reason."""
        self.message.setText(text)
