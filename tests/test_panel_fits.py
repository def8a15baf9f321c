"""The facilitator panel's buttons show their whole text in every staff language at the kiosk's
screen sizes, and none overlaps another (walked: «Taller: cursos, ajustes, ayuda local» was cut at
both ends at 1280×800; at 1024×600 most texts were cut and the rows overlapped)."""

from __future__ import annotations

import pytest

from tests.conftest import shown_at

SIZES = [(1024, 600), (1280, 800), (1920, 1080)]


@pytest.mark.parametrize("lang", ["es", "qu", "ay"])
@pytest.mark.parametrize("size", SIZES)
def test_every_panel_button_shows_its_whole_text(qtbot, kiosk, lang, size) -> None:
    from PySide6.QtWidgets import QPushButton

    from kiosk.ui.staff import StaffTexts

    window = kiosk.window
    shown_at(qtbot, window, size)
    window.open_facilitator()
    panel = window.facilitator
    panel.retranslate(StaffTexts(lang=lang))  # its language switch too
    panel.main.layout().activate()
    qtbot.wait(10)
    buttons = [b for b in panel.main.findChildren(QPushButton) if b.isVisible()]
    assert len(buttons) >= 12
    cut = [(b.text(), b.width(), b.sizeHint().width()) for b in buttons if b.sizeHint().width() > b.width()]
    assert not cut, cut
    overlapping = [(a.text(), b.text()) for i, a in enumerate(buttons) for b in buttons[i + 1:]
                   if a.geometry().intersects(b.geometry())]
    assert not overlapping, overlapping
