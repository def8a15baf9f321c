"""The baseline: a bare PySide6 window, shown full screen the way the kiosk shows its window."""
import sys

from PySide6.QtWidgets import QApplication, QLabel

app = QApplication.instance() or QApplication(sys.argv)
window = QLabel("Willay")
window.setStyleSheet("background: #14213d; color: white; font-size: 72px;")
window.showFullScreen()
sys.exit(app.exec())
