"""Every facilitator page in the facilitator's language: the PIN pad, the panel, the workshop's
tabs, the recording studio, the usage insights and the trusted keys show only texts of
content/staff.yaml in the language chosen (or data: numbers, the texts to record), and the choice,
made on any of them, survives a restart."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from kiosk.core.content.parsers import load_prompts
from kiosk.core.model import LANGUAGES
from tests.conftest import ROOT
from tests.test_lock import locked
from tests.test_studio import FakeRecorder

DATA = re.compile(r"^[\d\s/:.,·()%+−●…-]*$")  # numbers and dots: the same in every language


def patterns(lang: str) -> list[re.Pattern[str]]:
    """Each staff text in ``lang`` (none borrowed from Spanish), its {placeholders} as wildcards."""
    texts, _status = load_prompts(ROOT / "content" / "staff.yaml", [], LANGUAGES)
    out = []
    for text in texts.values():
        words = text.get(lang)
        if words:
            parts = re.split(r"\{[a-z_]+\}", words)
            out.append(re.compile("^" + "(.+)".join(re.escape(p) for p in parts) + r"\Z", re.S))
    return out


def shown(page) -> list[str]:
    """Every text a person sees on the page: labels, buttons, check boxes, tabs, headers."""
    from PySide6.QtWidgets import QAbstractButton, QLabel, QTabBar, QTableWidget

    out = []
    for widget in page.findChildren(QLabel) + page.findChildren(QAbstractButton):
        if widget.isVisibleTo(page) and widget.text() and not widget.property("data"):
            out.append(widget.text())
    for bar in page.findChildren(QTabBar):
        out += [bar.tabText(i) for i in range(bar.count())]
    for table in page.findChildren(QTableWidget):
        for i in range(table.columnCount()):
            item = table.horizontalHeaderItem(i)
            if item is not None:
                out.append(item.text())
    if page.windowTitle():
        out.append(page.windowTitle())
    return out


def foreign(page, lang: str) -> list[str]:
    allowed = patterns(lang)
    return [t for t in shown(page) if not DATA.match(t) and not any(p.match(t) for p in allowed)]


@pytest.fixture
def staff(qtbot, kiosk, tmp_path):
    """Every staff page made once (the studio with a fake microphone)."""
    from kiosk.ui.screens.studio import StudioPanel
    from kiosk.ui.trust import TrustTools
    from kiosk.ui.workshop import Workshop

    window = kiosk.window
    window.settings_path = kiosk.paths.settings
    window.make_studio = lambda: StudioPanel(kiosk.session.library, kiosk.speaker.voices, kiosk.speaker,
                                             FakeRecorder(), kiosk.paths.recordings)
    window.make_workshop = lambda: Workshop(window, kiosk.paths)
    window.lock.make_tools = lambda: TrustTools(window, kiosk.paths)
    locked(kiosk, tmp_path)
    window.open_facilitator()  # the PIN pad
    pad = window.lock.pad
    window.lock.unlocked = True
    window.open_facilitator()
    window.open_studio()
    window.open_insights()
    qtbot.waitUntil(lambda: window._screens["insights"].message.text() != "…")
    window.open_facilitator()
    window.open_workshop()
    keys = window.lock.tools.keys()
    yield {"pad": pad, "panel": window.facilitator.main, "studio": window.studio,
           "insights": window._screens["insights"], "workshop": window.workshop.page, "keys": keys}
    keys.close()
    window.studio.cleanup()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_staff_page_shows_only_texts_in_the_chosen_language(qtbot, kiosk, staff, lang) -> None:
    kiosk.window.set_staff_language(lang)
    staff["keys"].languages.buttons[lang].click()  # the dialog's own switch
    staff["pad"].ask("staff.pin.check", "staff.pin.wrong")
    studio = staff["studio"]
    studio.lang.setCurrentIndex(studio.lang.findData("ay"))
    workshop = staff["workshop"]
    found = {}
    for name, page in staff.items():
        tabs = range(workshop.tabs.count()) if page is workshop else [None]
        for tab in tabs:
            if tab is not None:
                workshop.tabs.setCurrentIndex(tab)
            assert len(shown(page)) >= 3, name
            found[f"{name} {tab}"] = foreign(page, lang)
    assert not any(found.values()), {k: v for k, v in found.items() if v}
    from kiosk.core.packs.install import describe
    from kiosk.core.status import facilitator_report
    from kiosk.ui.staff import StaffTexts

    words = StaffTexts(lang=lang)  # the panel's report (the app builds it so, off the UI thread)
    report = facilitator_report(kiosk.session.library, kiosk.session.settings, kiosk.usage, "", words)
    headings = [line for line in (report + "\n" + describe(kiosk.paths, words)).splitlines()
                if line and not line.startswith("  ")]
    assert len(headings) >= 6 and all(any(p.match(h) for p in patterns(lang)) for h in headings), headings


def test_the_staff_language_chosen_on_a_page_survives_a_restart_and_is_not_kept_from_the_pad(
        qtbot, kiosk, staff, paths) -> None:
    from kiosk.core.settings import load_settings
    from kiosk.ui.staff import StaffTexts
    from tests.test_workshop import restarted

    window = kiosk.window
    staff["pad"].languages.buttons["ay"].click()  # before the PIN: shown, never written
    assert staff["pad"].cancel_button.text() == "Jaytaña" and not paths.settings.exists()
    qtbot.mouseClick(staff["studio"].languages.buttons["qu"], Qt.MouseButton.LeftButton)
    assert load_settings(paths.settings).staff_language == "qu" and not load_settings(paths.settings).problems
    assert window.facilitator.studio_button.text() == "Kunkakunata grabay"
    assert staff["workshop"].tabs.tabText(0) == "Yachay yuyaykuykuna"
    StaffTexts.lang = "es"  # a new process starts in Spanish
    core, again = restarted(qtbot, paths)
    assert core.settings.staff_language == "qu"
    again.open_facilitator()
    assert again.facilitator.studio_button.text() == "Kunkakunata grabay"
    assert again.facilitator.languages.buttons["qu"].isChecked()
    again.idle_timer.stop()
    core.usage.close()


def test_quick_exit_works_from_every_staff_page(qtbot, kiosk, staff) -> None:
    from kiosk.core.session import Layout

    window = kiosk.window
    for name in ("panel", "studio", "insights", "workshop"):
        window.lock.unlocked = True
        {"panel": window.open_facilitator, "studio": window.open_studio, "insights": window.open_insights,
         "workshop": lambda: (window.open_facilitator(), window.open_workshop())}[name]()
        window.set_staff_language("ay")
        qtbot.mouseClick(window.exit_button, Qt.MouseButton.LeftButton)
        assert window.view.layout == Layout.NEUTRAL and window.stack.currentWidget() is window.neutral, name


def test_every_refusal_of_the_settings_form_has_words_in_every_language() -> None:
    from kiosk.core.settings import CHECKS

    texts, _status = load_prompts(ROOT / "content" / "staff.yaml", [], LANGUAGES)
    fields = [name for name, *_ in CHECKS if name not in ("group_idle_seconds", "attract_pause_seconds")]
    keys = [f"staff.why.{x}" for x in (*fields, "not_enabled", "raised", "unknown")]
    missing = [(k, lang) for k in keys for lang in LANGUAGES if not (texts.get(k) and texts[k].get(lang))]
    assert not missing, missing


def test_the_trusted_keys_say_where_each_comes_from_in_her_language(qtbot, kiosk, staff) -> None:
    """Not the core's English ("programme", "added here", "this kiosk")."""
    keys = staff["keys"]
    for lang in LANGUAGES:
        keys.languages.buttons[lang].click()
        items = [keys.list.item(i).text() for i in range(keys.list.count())]
        assert items and not [t for t in items if t.endswith(("programme", "added here", "this kiosk"))]
        assert not [t for t in items if "staff.keys.origin" in t], items


def test_tab_reaches_every_button_of_the_staff_pages_and_space_presses_it(qtbot, kiosk, staff) -> None:
    """A facilitator with a keyboard alone: Tab walks the panel's buttons (each lit when it has the
    focus), Space presses the one reached. The participant's buttons still never take the focus."""
    window = kiosk.window
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    window.lock.unlocked = True  # the PIN was typed
    window.open_facilitator()
    panel = window.facilitator.main
    buttons = [b for b in panel.findChildren(QPushButton) if b.isVisible() and b.isEnabled()]
    assert buttons and all(b.focusPolicy() & Qt.FocusPolicy.TabFocus for b in buttons)
    reached = set()
    for _ in range(len(buttons) + 5):
        qtbot.keyClick(window.focusWidget() or window, Qt.Key.Key_Tab)
        if isinstance(window.focusWidget(), QPushButton):
            reached.add(window.focusWidget())
    assert set(buttons) <= reached
    while window.focusWidget() is not window.facilitator.workshop_button:
        qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Tab)
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: window.workshop is not None and window.workshop.page.isVisible())
    assert all(b.focusPolicy() == Qt.FocusPolicy.NoFocus for b in window.buttons.values())
