"""The practice phone's small element numbers are legible on every button colour (walked: the
"1" on the red hang-up button was grey on red, all but invisible)."""

from __future__ import annotations

import pytest


def _luminance(colour: str) -> float:
    from PySide6.QtGui import QColor

    c = QColor(colour)
    channels = [((v / 255) / 12.92 if v / 255 <= 0.03928 else ((v / 255 + 0.055) / 1.055) ** 2.4)
                for v in (c.red(), c.green(), c.blue())]
    return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]


def contrast(a: str, b: str) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


@pytest.mark.parametrize("colour", [None, "", "green", "red"])
def test_an_elements_number_has_text_contrast_on_its_button(colour) -> None:
    from kiosk.ui.screens.phone import fill, number_ink

    assert contrast(number_ink(colour), fill(colour)) >= 4.5
