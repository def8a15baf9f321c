"""Screenshots of the room layout (docs/screens/workshop/): a session of the IPV example plan at
1920×1080 and 1280×720 — the session's lessons, a step, a discussion pause, a show of hands.

    QT_QPA_PLATFORM=offscreen PYTHONPATH=. python scripts/workshop_screens.py [OUT_DIR]
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QApplication

from kiosk.core.audio.voices import Voices
from kiosk.core.content import load_library
from kiosk.core.content.plans import PlanBook
from kiosk.core.session import Act, Action, Screen, Session
from kiosk.core.settings import Settings
from kiosk.ui.speaker import Speaker
from kiosk.ui.widgets import Pictures
from kiosk.ui.window import KioskWindow
from tests.fakes import FakeOutput

ROOT = Path(__file__).resolve().parent.parent


def main(out: Path) -> None:
    app = QApplication.instance() or QApplication([])
    out.mkdir(parents=True, exist_ok=True)
    library = load_library(ROOT / "content")
    now = [0.0]
    session = Session(library, Settings(), clock=lambda: now[0])
    tmp = Path(tempfile.mkdtemp())
    voices = Voices(library, [], tmp / "rec", tmp / "cache", "es", can_synthesize=False)
    window = KioskWindow(session, Speaker(voices, FakeOutput()), None,
                         Pictures(ROOT / "content" / "pictures"))
    window.show()
    window.setMaximumSize(16_777_215, 16_777_215)
    plan = PlanBook(ROOT / "content" / "plans.json", tmp / "plans.json").get("example-ipv")
    assert plan is not None
    for width, height in ((1920, 1080), (1280, 720)):
        window.resize(width, height)
        window.show_room(session.start_course(plan.id, plan.lessons(1), "6-10", "es"))
        shots = {"lessons": Screen.COURSE, "step": Screen.STEP, "discuss": Screen.DISCUSS,
                 "hands": Screen.QUESTION}
        taken: set[str] = set()
        for _ in range(60):
            app.processEvents()
            screen = session.state.screen
            name = next((n for n, s in shots.items() if s == screen and n not in taken), None)
            if name == "step" and session.state.index != 1:
                name = None
            if name == "hands":
                for number, count in ((1, 7), (2, 2), (3, 1)):
                    window.act(Action(Act.COUNT, number, count))
            if name == "discuss":
                now[0] += 75  # a minute and a quarter into the pause
                window.act(Action(Act.TICK))
            if name:
                app.processEvents()
                window.grab().save(str(out / f"{width}x{height}-{name}.png"))
                taken.add(name)
            if taken == set(shots):
                break
            window.act(Action(Act.NEXT))
        window.show_room(session.end_course())
    window.idle_timer.stop()
    window.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screens" / "workshop")
