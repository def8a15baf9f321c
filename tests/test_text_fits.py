"""Every caption, title and button text of every screen of every lesson, in all three languages,
fits its box at 1024×600, 1280×800 and 1920×1080 (accents and tildes included)."""

from __future__ import annotations

import pytest

from kiosk.core.content import load_library
from kiosk.core.session import Screen, Session, State
from kiosk.core.settings import Settings
from tests.conftest import ROOT

SIZES = [(1024, 600), (1280, 800), (1920, 1080)]


def every_screen(library, lang):  # the states a visit can reach, one by one
    yield State(screen=Screen.LANGUAGE)
    for page in range(-(-len(library.modules) // 8)):
        yield State(screen=Screen.HOME, lang=lang, page=page)
    yield State(screen=Screen.HELP, lang=lang)
    for m in library.modules:
        if m.warning:
            yield State(screen=Screen.WARNING, lang=lang, module=m.id)
        for i in range(len(m.steps)):
            yield State(screen=Screen.STEP, lang=lang, module=m.id, index=i)
        for i, q in enumerate(m.questions):
            yield State(screen=Screen.QUESTION, lang=lang, module=m.id, index=i)
            for choice in q.choices:
                yield State(screen=Screen.FEEDBACK, lang=lang, module=m.id, index=i, answer=choice.id)
        yield State(screen=Screen.END, lang=lang, module=m.id)


def _cut(label) -> bool:
    need = label.heightForWidth(label.width())
    return bool(label.isVisible() and label.text() and need > label.height() + 1)


@pytest.fixture(scope="module")
def window(tmp_path_factory):
    from PySide6.QtWidgets import QApplication

    from kiosk.core.audio.voices import Voices
    from kiosk.ui.speaker import Speaker
    from kiosk.ui.tts import SpeechWorker
    from kiosk.ui.widgets import Pictures
    from kiosk.ui.window import KioskWindow
    from tests.fakes import FakeOutput

    app = QApplication.instance() or QApplication([])
    tmp = tmp_path_factory.mktemp("fit")
    library = load_library(ROOT / "content")
    session = Session(library, Settings())
    voices = Voices(library, [], tmp / "rec", tmp / "cache", "es", can_synthesize=False)
    speech = SpeechWorker()
    window = KioskWindow(session, Speaker(voices, FakeOutput(), speech), None,
                         Pictures(ROOT / "content" / "pictures"))
    window.show()
    window.setMaximumSize(16_777_215, 16_777_215)  # the offscreen test screen is only 800×600
    app.processEvents()
    yield window
    window.idle_timer.stop()
    speech.stop()
    window.close()
    window.deleteLater()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_text_fits_its_box(window, size) -> None:
    from PySide6.QtWidgets import QApplication

    window.resize(*size)
    QApplication.processEvents()
    session = window.session
    cut: list[str] = []
    for lang in ("es", "qu", "ay"):
        for state in every_screen(session.library, lang):
            session.state = state
            window.draw(session.view(state))
            QApplication.processEvents()
            where = f"{lang} {state.screen.value} {state.module or ''} {state.index}"
            shown = window.stack.currentWidget()
            if shown is window.picture and _cut(window.picture.caption):
                cut.append(f"{where}: caption")
            if shown is window.grid:
                if _cut(window.grid.title):
                    cut.append(f"{where}: title")
                cut += [f"{where}: tile {t.number} {t.caption!r}" for t in window.grid.tiles
                        if t.isVisible() and t.caption and not t.caption_layout().fits]
            cut += [f"{where}: button {b.text()!r}" for b in [*window.buttons.values(), window.exit_button]
                    if b.sizeHint().width() > b.width()]
    assert not cut, f"{len(cut)} texts cut off, e.g. {cut[:5]}"
