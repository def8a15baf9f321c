"""Every caption, title and button text of every screen of every lesson, in all three languages,
fits its box at 1024×600, 1280×800 and 1920×1080 (accents and tildes included)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.core.content import load_library
from kiosk.core.session import Screen, Session, State
from kiosk.core.settings import Settings
from tests.conftest import ROOT

SIZES = [(1024, 600), (1280, 800), (1920, 1080)]


def every_screen(library, lang):  # the states a visit can reach, one by one
    yield State()  # the attract screen: its invitation in every language
    yield State(screen=Screen.LANGUAGE)
    for page in range(-(-len(library.modules) // 8)):
        yield State(screen=Screen.HOME, lang=lang, page=page)
    for page in range(-(-len(library.help) // 9)):  # every help entry, on its page
        yield State(screen=Screen.HELP, lang=lang, page=page)
    yield State(screen=Screen.NEUTRAL, lang=lang, module=library.neutral_module.id)
    for m in library.modules:
        if m.warning:
            yield State(screen=Screen.WARNING, lang=lang, module=m.id)
        for i in range(len(m.steps)):
            yield State(screen=Screen.STEP, lang=lang, module=m.id, index=i)
        for i, q in enumerate(m.questions):
            yield State(screen=Screen.QUESTION, lang=lang, module=m.id, index=i)
            for choice in q.choices:
                yield State(screen=Screen.FEEDBACK, lang=lang, module=m.id, index=i, answer=choice.id)
        for step in range(3):  # the summary, where to find help, the discussion (in a group)
            yield State(screen=Screen.END, lang=lang, module=m.id, index=step)


def _cut(label) -> bool:
    need = label.heightForWidth(label.width())
    return bool(label.isVisible() and label.text() and need > label.height() + 1)


def big_window(tmp: Path, session: Session, speech: object = None):
    """A kiosk window on the shipped pictures, allowed to grow past the 800×600 offscreen screen
    (a generator: the fixtures of this test and of test_presenter_fits yield from it)."""
    from PySide6.QtWidgets import QApplication

    from kiosk.core.audio.voices import Voices
    from kiosk.ui.speaker import Speaker
    from kiosk.ui.widgets import Pictures
    from kiosk.ui.window import KioskWindow
    from tests.fakes import FakeOutput

    app = QApplication.instance() or QApplication([])
    voices = Voices(session.library, [], tmp / "rec", tmp / "cache", "es", can_synthesize=False)
    window = KioskWindow(session, Speaker(voices, FakeOutput(), speech), None,
                         Pictures(ROOT / "content" / "pictures"))
    window.show()
    window.setMaximumSize(16_777_215, 16_777_215)  # the offscreen test screen is only 800×600
    app.processEvents()
    yield window
    window.idle_timer.stop()
    window.close()
    window.deleteLater()


@pytest.fixture(scope="module")
def window(tmp_path_factory):
    from kiosk.ui.tts import SpeechWorker

    session = Session(load_library(ROOT / "content"), Settings())
    session.group = "2-5"  # the discussion step too
    speech = SpeechWorker()
    yield from big_window(tmp_path_factory.mktemp("fit"), session, speech)
    speech.stop()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_text_fits_its_box(window, size) -> None:
    from PySide6.QtWidgets import QApplication

    window.setMaximumSize(*size)  # as on a screen of that size: never larger
    window.resize(*size)
    QApplication.processEvents()
    session = window.session
    cut: list[str] = []
    small: list[str] = []  # tiles whose picture is not the largest thing on them
    for lang in ("es", "qu", "ay"):
        for state in every_screen(session.library, lang):
            session.state = state
            window.draw(session.view(state))
            QApplication.processEvents()
            where = f"{lang} {state.screen.value} {state.module or ''} {state.index}"
            if window.size().toTuple() != size:
                cut.append(f"{where}: the window grew to {window.size().toTuple()}")
            shown = window.stack.currentWidget()
            if shown in (window.picture, window.neutral) and _cut(shown.caption):
                cut.append(f"{where}: caption")
            if shown is window.attract and _cut(window.attract.caption):
                cut.append(f"{where}: attract caption")
            if shown is window.grid:
                if _cut(window.grid.title):
                    cut.append(f"{where}: title")
                cut += [f"{where}: tile {t.number} {t.caption!r}" for t in window.grid.tiles
                        if t.isVisible() and t.caption and not t.caption_layout().fits]
                small += [f"{where}: tile {t.number}" for t in window.grid.tiles
                          if t.isVisible() and t.picture and not _picture_leads(t)]
            cut += [f"{where}: button {b.text()!r}" for b in [*window.buttons.values(), window.exit_button]
                    if b.sizeHint().width() > b.width()]
    assert not cut, f"{len(cut)} texts cut off, e.g. {cut[:5]}"
    assert not small, f"{len(small)} tiles with a small picture, e.g. {small[:5]}"


def _picture_leads(tile) -> bool:  # type: ignore[no-untyped-def]
    """Beside the words (a wide tile) the picture takes three quarters of the card's height at
    least, and it is never less than half as large as the words (measured: 0.53 at 1024×600, on
    the longest help names; 0.95 at 1280×800; 2.0 at 1920×1080)."""
    from PySide6 import QtGui

    layout = tile.caption_layout()
    picture = layout.picture.width() * layout.picture.height()
    if not tile.caption:
        return picture >= 0.4 * tile.width() * tile.height()
    text = QtGui.QFontMetrics(layout.font).boundingRect(layout.caption.toRect(), layout.flags, tile.caption)
    beside = layout.caption.left() >= layout.picture.right()
    tall = layout.picture.height() >= 0.75 * (tile.height() - 8)
    return (tall or not beside) and picture >= 0.5 * text.width() * text.height()
