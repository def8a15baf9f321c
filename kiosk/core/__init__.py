"""The Qt-free core: content, session state machine, voices, usage log, settings.

Nothing in this package may import PySide6 (tests/test_architecture.py enforces it), so tools,
tests and the command line drive it without a QApplication.
"""
