"""The facilitator's pack tools behind the PIN: install a signed pack from a folder or USB stick,
roll it back, and the trusted keys (shown as short fingerprints to read aloud over the phone).

Installs and rollbacks run on a worker (``TaskManager``); the answer shows in the panel's report.
The kiosk speaks installed content from its next start.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
)

from kiosk.paths import Paths
from kiosk.ui.staff import LanguageBar, StaffTexts

if TYPE_CHECKING:
    from kiosk.ui.window import KioskWindow

RESTART = "staff.packs.restart"  # used from the next start of Willay


def media_folder() -> str:
    """Where a USB stick shows up, for the file chooser to start in."""
    if sys.platform == "win32":
        return "D:\\"
    user = os.environ.get("USER", "")
    for folder in (f"/media/{user}", f"/run/media/{user}", "/media", "/mnt"):
        if os.path.isdir(folder):
            return folder
    return str(Path.home())


class TrustTools:
    def __init__(self, window: KioskWindow, paths: Paths) -> None:
        self.window = window
        self.paths = paths
        self.choose: Callable[[str, str], str] = self._choose  # tests give a path instead

    def _choose(self, title: str, pattern: str) -> str:
        name, _ = QFileDialog.getOpenFileName(self.window, title, media_folder(), pattern,
                                              options=QFileDialog.Option.DontUseNativeDialog)
        return name

    def _say(self, text: str) -> None:
        self.window.facilitator.show_report(text, self.window.session.group)

    def install(self) -> None:
        t = StaffTexts()
        name = self.choose(t("staff.packs.choose"), f"{t('staff.packs.files')} (*.zip)")
        if not name:
            return
        from kiosk.core.packs.install import install

        self._say(t("staff.packs.checking"))
        self.window.tasks.run(lambda: install(self.paths, Path(name)), self._installed)

    def _installed(self, record: object, error: BaseException | None) -> None:
        t = StaffTexts()
        if error is not None:
            self._say(t("staff.packs.refused", why=error))
        else:
            assert isinstance(record, dict)
            self._say(t("staff.packs.done", name=record["name"], signer=record["signer"]) + "\n" + t(RESTART))

    def rollback(self) -> None:
        from kiosk.core.packs.install import rollback

        t = StaffTexts()
        self.window.tasks.run(lambda: rollback(self.paths), lambda now, error: self._say(
            t("staff.packs.not_undone", why=error) if error is not None
            else t("staff.packs.undone", now=now) + "\n" + t(RESTART)))

    def keys(self) -> KeysDialog:
        dialog = KeysDialog(self)
        dialog.open()
        return dialog


class KeysDialog(QDialog):
    def __init__(self, tools: TrustTools) -> None:
        super().__init__(tools.window)
        self.tools = tools
        self.setStyleSheet("font-size: 22px;")
        layout = QVBoxLayout(self)
        self.languages = LanguageBar()
        self.languages.chosen.connect(self._language)
        layout.addWidget(self.languages)
        self.intro = QLabel()
        layout.addWidget(self.intro)
        self.list = QListWidget()
        layout.addWidget(self.list)
        row = QHBoxLayout()
        self.buttons: list[tuple[QPushButton, str]] = []
        for key, slot in (("staff.keys.add", self.add), ("staff.keys.remove", self.remove),
                          ("staff.panel.close", self.accept)):
            button = QPushButton()
            button.clicked.connect(slot)
            row.addWidget(button)
            self.buttons.append((button, key))
        layout.addLayout(row)
        self.message = QLabel("")
        layout.addWidget(self.message)
        self.retranslate(StaffTexts())  # and lists the keys

    def _language(self, lang: str) -> None:
        self.tools.window.set_staff_language(lang)
        self.retranslate(StaffTexts())

    def retranslate(self, texts: StaffTexts) -> None:
        self.setWindowTitle(texts("staff.panel.keys"))
        self.languages.retranslate(texts)
        self.intro.setText(texts("staff.keys.intro"))
        for button, key in self.buttons:
            button.setText(texts(key))
        self.texts = texts
        self.refresh()  # the keys, their origins in this language

    def refresh(self) -> None:
        from kiosk.core.packs import keys

        self.list.clear()
        self.trusted = keys.trusted(self.tools.paths)
        for t in self.trusted:  # origin: "programme", "added here" or "this kiosk" (keys.Trusted)
            origin = self.texts(f"staff.keys.origin.{t.origin.replace(' ', '_')}")
            self.list.addItem(f"{t.fingerprint}   {origin}")

    def add(self) -> None:
        from kiosk.core.packs import keys

        say = StaffTexts()
        name = self.tools.choose(say("staff.keys.choose"), f"{say('staff.keys.files')} (*.pub)")
        if not name:
            return
        try:
            t = keys.add_trusted(self.tools.paths, Path(name))
        except (keys.KeyError_, OSError) as exc:
            self.message.setText(say("staff.keys.not_a_key", why=exc))
            return
        self.message.setText(say("staff.keys.added", key=t.fingerprint))
        self.refresh()

    def remove(self) -> None:
        from kiosk.core.packs import keys

        row = self.list.currentRow()
        if row < 0:
            return
        chosen = self.trusted[row]
        say = StaffTexts()
        if chosen.origin != "added here":
            self.message.setText(say("staff.keys.fixed"))
            return
        keys.remove_trusted(self.tools.paths, chosen.fingerprint)
        self.message.setText(say("staff.keys.removed", key=chosen.fingerprint))
        self.refresh()
