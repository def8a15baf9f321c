"""The baseline for the interactive measures: the least a Qt program must do for the same job.

A bare window with a stack of labels, an exit button and one QMediaPlayer. Right/Left show the
next/previous "step" and play a clip; Shift three times or the button stop the player and show
a neutral page. ``probe.py`` drives it exactly as it drives the kiosk's window.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QKeyEvent
from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)


class BareWindow(QMainWindow):
    def __init__(self, clips: list[Path]) -> None:
        super().__init__()
        self.clips = clips
        self.index = 0
        self.shifts = 0
        self.setStyleSheet("background: #14213d; color: white; font-size: 30px;")
        root = QWidget()
        layout = QVBoxLayout(root)
        self.exit_button = QPushButton("Salir")
        self.exit_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.exit_button.clicked.connect(self.quick_exit)
        layout.addWidget(self.exit_button)
        self.stack = QStackedWidget()
        self.pages = [QLabel("step"), QLabel("step"), QLabel("neutral")]
        for page in self.pages:
            page.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.stack.addWidget(page)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(root)
        self.player = QMediaPlayer(self)
        self.audio = QAudioOutput(self)
        self.player.setAudioOutput(self.audio)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt name)
        if event.key() == Qt.Key.Key_Shift:
            self.shifts += 1
            if self.shifts >= 3:
                self.quick_exit()
            return
        self.shifts = 0
        if event.key() in (Qt.Key.Key_Right, Qt.Key.Key_Left):
            self.step(1 if event.key() == Qt.Key.Key_Right else -1)

    def step(self, delta: int) -> None:
        """The bare equivalent of a lesson step: another page, another text, another clip."""
        self.index += delta
        page = self.pages[self.index % 2]
        page.setText(f"step {self.index}")
        self.stack.setCurrentWidget(page)
        self.player.setSource(QUrl.fromLocalFile(str(self.clips[self.index % len(self.clips)])))
        self.player.play()

    def quick_exit(self) -> None:
        self.shifts = 0
        self.player.stop()
        self.stack.setCurrentWidget(self.pages[2])


def clips() -> list[Path]:
    """Two names for the kiosk's clip (so each press loads a different source, as in a lesson)."""
    data = Path(os.environ["WILLAY_DATA_DIR"])
    master = next(data.glob("bench-clip.*"))
    names = [data / "bare" / f"a{master.suffix}", data / "bare" / f"b{master.suffix}"]
    for name in names:
        name.parent.mkdir(parents=True, exist_ok=True)
        if not name.exists():
            os.link(master, name)
    return names


if __name__ == "__main__":
    app = QApplication.instance() or QApplication(sys.argv)
    window = BareWindow(clips())
    window.showFullScreen()
    sys.exit(app.exec())
