"""Every text of the facilitator's workshop pages, the PIN pad, the panel, the studio and the
insights page fits its box at 1024×600, 1280×720
and 1920×1080 in every staff language: labels (wrapped or not), buttons, tabs, the plans' and help
entries' names in their lists, the choices shown in drop-downs (at 1024×600 plan names, the keys'
help and the form's labels were cut)."""

from __future__ import annotations

import pytest

from kiosk.core.model import LANGUAGES
from tests.conftest import shown_at

SIZES = [(1024, 600), (1280, 720), (1920, 1080)]


def cut_texts(page) -> list[str]:
    from PySide6.QtWidgets import QAbstractButton, QComboBox, QLabel, QListWidget, QTabBar

    cut = []
    for label in page.findChildren(QLabel):
        if not label.isVisible() or not label.text():
            continue
        if label.wordWrap():
            if label.heightForWidth(label.width()) > label.height() + 1:
                cut.append(f"label {label.text()[:50]!r} {label.width()}x{label.height()}")
        elif label.sizeHint().width() > label.width() + 1 \
                or label.sizeHint().height() > label.height() + 1:
            cut.append(f"label {label.text()[:50]!r} {label.width()}x{label.height()}")
    for button in page.findChildren(QAbstractButton):
        narrow = button.sizeHint().width() > button.width() + 1
        low = button.minimumSizeHint().height() > button.height() + 1
        if button.isVisible() and button.text() and (narrow or low):
            cut.append(f"button {button.text()!r} {button.size()} < {button.sizeHint()}")
    for bar in page.findChildren(QTabBar):
        if bar.isVisible():
            metrics = bar.fontMetrics()
            cut += [f"tab {bar.tabText(i)!r}" for i in range(bar.count())
                    if metrics.horizontalAdvance(bar.tabText(i)) > bar.tabRect(i).width()]
            if bar.tabRect(bar.count() - 1).right() > bar.width():
                cut.append("tabs wider than the page")
    for box in page.findChildren(QListWidget):
        if box.isVisible():
            width = box.viewport().width()
            for i in range(box.count()):
                rect = box.visualItemRect(box.item(i))
                need = box.fontMetrics().boundingRect(0, 0, width, 10_000, 0x1000,  # word wrap
                                                      box.item(i).text()).height()
                if rect.height() and (rect.height() < need or rect.width() > width + 1):
                    cut.append(f"list item {box.item(i).text()[:50]!r}")
    for combo in page.findChildren(QComboBox):
        if combo.isVisible() and combo.currentText():
            if combo.fontMetrics().horizontalAdvance(combo.currentText()) + 30 > combo.width():
                cut.append(f"choice {combo.currentText()[:50]!r}")
    return cut


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_text_of_the_workshop_pages_fits_at_every_size(qtbot, kiosk, size, tmp_path) -> None:
    from PySide6.QtWidgets import QApplication

    from kiosk.core.pin import PinStore
    from kiosk.ui.screens.studio import StudioPanel
    from kiosk.ui.workshop import Workshop
    from tests.test_studio import FakeRecorder

    window = kiosk.window
    shown_at(qtbot, window, size)
    window.make_workshop = lambda: Workshop(window, kiosk.paths)
    window.make_studio = lambda: StudioPanel(kiosk.session.library, kiosk.speaker.voices, kiosk.speaker,
                                             FakeRecorder(), kiosk.paths.recordings)
    window.lock.pin = PinStore(tmp_path / "pin.json")
    window.lock.pin.set("2468")
    window.open_facilitator()  # the PIN pad
    QApplication.processEvents()
    cut = [f"pin pad: {c}" for c in cut_texts(window.lock.pad)]
    window.lock.unlocked = True
    window.open_facilitator()
    window.open_workshop()
    page = window.workshop.page
    for lang in LANGUAGES:
        window.set_staff_language(lang)
        window.open_facilitator()
        QApplication.processEvents()
        cut += [f"{lang} panel: {c}" for c in cut_texts(window.facilitator.main)]
        window.open_workshop()
        for tab in range(page.tabs.count()):
            page.tabs.setCurrentIndex(tab)
            if tab == 0:
                page.plan_list.setCurrentRow(0)
            if tab == 3:
                page.help_list.setCurrentRow(0)
            page.say(window.workshop.texts("staff.help.national_fixed"))  # the longest message
            QApplication.processEvents()
            cut += [f"{lang} tab {tab}: {c}" for c in cut_texts(page)]
        window.open_studio()
        window.studio.buttons["record"].click()  # its longest texts: recording, "Stop"
        QApplication.processEvents()
        cut += [f"{lang} studio: {c}" for c in cut_texts(window.studio)]
        window.studio.buttons["record"].click()
        window.open_insights()
        qtbot.waitUntil(lambda: window._screens["insights"].message.text() != "…")
        cut += [f"{lang} insights: {c}" for c in cut_texts(window._screens["insights"])]
    window.studio.cleanup()
    assert not cut, f"{len(cut)} texts cut off:\n" + "\n".join(cut[:40])
    assert (window.width(), window.height()) == size  # no page made the window outgrow its screen
