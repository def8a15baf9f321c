"""Screenshots of the practice phone: each exercise's first and last screen, grabbed from the real
kiosk window (offscreen, silent), into docs/screens/phone/ (decision 020).

    QT_QPA_PLATFORM=offscreen PYTHONPATH=$PWD python scripts/phone_screens.py [--size 1280x800]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from kiosk.core.audio.voices import Voices  # noqa: E402
from kiosk.core.content import load_library  # noqa: E402
from kiosk.core.phone import SCREENS  # noqa: E402
from kiosk.core.session import Act, Action, Screen, Session, State  # noqa: E402
from kiosk.core.session.lessons import END_PRACTICE  # noqa: E402
from kiosk.core.settings import Settings  # noqa: E402
from kiosk.paths import Paths  # noqa: E402
from kiosk.ui.speaker import Output, Speaker  # noqa: E402
from kiosk.ui.widgets import Pictures  # noqa: E402
from kiosk.ui.window import KioskWindow  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


class Silent(Output):
    def play(self, path: Path) -> None:
        QTimer.singleShot(0, self.finished.emit)

    def stop(self) -> None:
        pass

    def fraction(self) -> float:
        return 1.0


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", default="1280x800")
    parser.add_argument("--out", default=str(ROOT / "docs" / "screens" / "phone"))
    args = parser.parse_args()
    width, height = (int(x) for x in args.size.split("x"))
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as data:
        paths = Paths(content=ROOT / "content", audio=ROOT / "audio", data=Path(data))
        paths.ensure()
        library = load_library(paths.content)
        settings = Settings()
        session = Session(library, settings)
        voices = Voices(library, [paths.rendered_audio, paths.audio], paths.recordings,
                        paths.speech_cache, settings.fallback_language)
        speaker = Speaker(voices, Silent(), None)  # type: ignore[arg-type]
        window = KioskWindow(session, speaker, None, Pictures(paths.content / "pictures"))
        window.show()
        window.setMaximumSize(16777215, 16777215)  # offscreen: the screen's size is not the one wanted
        window.resize(width, height)
        suffix = "" if (width, height) == (1280, 800) else f"-{width}x{height}"

        def grab(name: str) -> None:
            app.processEvents()
            window.repaint()
            window.grab().save(str(out / f"{name}{suffix}.png"))

        for ex in library.exercises:
            session.state = State(screen=Screen.END, lang="es", module=ex.lessons[0], index=END_PRACTICE)
            n = [i.ref for i in session.items()].index(ex.id) + 1
            window.act(Action(Act.CHOOSE, n))
            window.act(Action(Act.CHOOSE, n))
            grab(f"{ex.id}-first")
            for goal in ex.goals:
                phone = session.state.phone
                if goal.target:
                    items = [e.ref for e in session.items()]
                    window.act(Action(Act.TOUCH, items.index(goal.target) + 1))
                else:
                    digits = goal.dial or ("2580" if SCREENS[phone.screen].pad == "pin" else "987654321")
                    for d in digits[: goal.digits or len(digits)]:
                        window.act(Action(Act.CHOOSE, int(d)) if d != "0" else Action(Act.REPEAT))
            grab(f"{ex.id}-last")
        window.idle_timer.stop()
        window.attract_timer.stop()
        window.tasks.shutdown()
        window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
