"""Screenshots of each kind of screen at the sizes the kiosk meets: ``python scripts/screens.py
[OUT_DIR] [LANG …]`` (offscreen; docs/screens/ by default). The real window on the shipped content,
each screen drawn from the session's view as the kiosk draws it."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SIZES = ((1024, 600), (1280, 800))


def screens(lang: str):  # (name, state, armed button) — one of each kind of screen
    from kiosk.core.session import Act, Screen, State

    yield "attract", State(), None
    yield "language", State(screen=Screen.LANGUAGE, focus=2), None
    yield "home-1", State(screen=Screen.HOME, lang=lang, focus=1), None
    yield "home-3", State(screen=Screen.HOME, lang=lang, page=2), None
    yield "help", State(screen=Screen.HELP, lang=lang, focus=9), None
    yield "warning", State(screen=Screen.WARNING, lang=lang, module="violence-in-couple"), None
    yield "step", State(screen=Screen.STEP, lang=lang, module="violence-in-couple", index=1), Act.NEXT
    yield "question", State(screen=Screen.QUESTION, lang=lang, module="violence-in-couple", focus=2), None
    for answer, name in (("is-violence", "right"), ("only-blows", "wrong"), ("dont-know", "dont-know")):
        yield f"feedback-{name}", State(screen=Screen.FEEDBACK, lang=lang, module="violence-in-couple",
                                        answer=answer), None
    yield "end-summary", State(screen=Screen.END, lang=lang, module="violence-in-couple"), None
    yield "end-help", State(screen=Screen.END, lang=lang, module="violence-in-couple", index=1), None
    yield "neutral", State(screen=Screen.NEUTRAL, lang=lang, module="know-your-phone"), None


def main(out: Path, langs: list[str]) -> None:
    from PySide6.QtWidgets import QApplication

    from kiosk.core.audio.voices import Voices
    from kiosk.core.content import load_library
    from kiosk.core.session import Session
    from kiosk.core.settings import Settings
    from kiosk.ui.speaker import Speaker
    from kiosk.ui.tts import SpeechWorker
    from kiosk.ui.widgets import Pictures
    from kiosk.ui.window import KioskWindow
    from tests.fakes import FakeOutput

    app = QApplication.instance() or QApplication([])
    tmp = Path(tempfile.mkdtemp())
    library = load_library(ROOT / "content")
    library.complete()
    session = Session(library, Settings())
    speech = SpeechWorker()
    window = KioskWindow(session, Speaker(Voices(library, [], tmp / "r", tmp / "c", "es",
                                                 can_synthesize=False), FakeOutput(), speech),
                         None, Pictures(ROOT / "content" / "pictures"))
    window.show()
    window.prepare()
    out.mkdir(parents=True, exist_ok=True)
    for width, height in SIZES:
        window.setMaximumSize(width, height)  # as on a screen of that size
        window.resize(width, height)
        for lang in langs:
            for name, state, armed in screens(lang):
                session.state = state
                window.draw(session.view(state)._replace(armed=armed))
                for _ in range(3):
                    app.processEvents()
                if window.size().toTuple() != (width, height):
                    print(f"{name}: the window is {window.size().toTuple()}, not {width}×{height}")
                window.grab().save(str(out / f"{width}x{height}-{lang}-{name}.png"))
    window.idle_timer.stop()
    speech.stop()
    window.tasks.shutdown()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screens", sys.argv[2:] or ["qu"])
