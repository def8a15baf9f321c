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

if TYPE_CHECKING:
    from kiosk.ui.window import KioskWindow

RESTART = "Se usa desde el próximo inicio de Willay (Cerrar Willay y abrirlo otra vez)."


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
        name = self.choose("Paquete firmado", "Paquetes (*.zip)")
        if not name:
            return
        from kiosk.core.packs.install import install

        self._say("Comprobando el paquete…")
        self.window.tasks.run(lambda: install(self.paths, Path(name)), self._installed)

    def _installed(self, record: object, error: BaseException | None) -> None:
        if error is not None:
            self._say(f"Rechazado, no se instaló nada:\n{error}")
        else:
            assert isinstance(record, dict)
            self._say(f"Instalado: {record['name']}, firmado por {record['signer']}.\n{RESTART}")

    def rollback(self) -> None:
        from kiosk.core.packs.install import rollback

        self.window.tasks.run(lambda: rollback(self.paths), lambda now, error: self._say(
            f"No se deshizo: {error}" if error is not None else f"Deshecho. En uso: {now}.\n{RESTART}"))

    def keys(self) -> KeysDialog:
        dialog = KeysDialog(self)
        dialog.open()
        return dialog


class KeysDialog(QDialog):
    def __init__(self, tools: TrustTools) -> None:
        super().__init__(tools.window)
        self.tools = tools
        self.setWindowTitle("Claves de confianza")
        self.setStyleSheet("font-size: 22px;")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Willay acepta paquetes firmados con estas claves:"))
        self.list = QListWidget()
        layout.addWidget(self.list)
        row = QHBoxLayout()
        for text, slot in (("Añadir clave (.pub)", self.add), ("Quitar la elegida", self.remove),
                           ("Cerrar", self.accept)):
            button = QPushButton(text)
            button.clicked.connect(slot)
            row.addWidget(button)
        layout.addLayout(row)
        self.message = QLabel("")
        layout.addWidget(self.message)
        self.refresh()

    def refresh(self) -> None:
        from kiosk.core.packs import keys

        self.list.clear()
        self.trusted = keys.trusted(self.tools.paths)
        for t in self.trusted:
            self.list.addItem(f"{t.fingerprint}   {t.origin}")

    def add(self) -> None:
        from kiosk.core.packs import keys

        name = self.tools.choose("Clave pública", "Claves (*.pub)")
        if not name:
            return
        try:
            t = keys.add_trusted(self.tools.paths, Path(name))
        except (keys.KeyError_, OSError) as exc:
            self.message.setText(f"No es una clave: {exc}")
            return
        self.message.setText(f"Añadida: {t.fingerprint}")
        self.refresh()

    def remove(self) -> None:
        from kiosk.core.packs import keys

        row = self.list.currentRow()
        if row < 0:
            return
        chosen = self.trusted[row]
        if chosen.origin != "added here":
            self.message.setText("Esta clave viene con Willay o es de este quiosco: no se quita aquí.")
            return
        keys.remove_trusted(self.tools.paths, chosen.fingerprint)
        self.message.setText(f"Quitada: {chosen.fingerprint}")
        self.refresh()
