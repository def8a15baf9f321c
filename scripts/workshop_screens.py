"""Screenshots of the workshop (docs/screens/workshop/) at 1024×600, 1280×720 and 1920×1080: the
room layout during a session of the IPV example plan (the session's lessons, its opinion round, a
step, a discussion pause, a show of hands with counts typed from the keyboard, the black screen)
and the facilitator's pages (the PIN pad, the panel, the workshop's four tabs, the recording
studio, the usage insights) — those in Spanish, and the panel and plans tab in Quechua too.

    QT_QPA_PLATFORM=offscreen PYTHONPATH=. python scripts/workshop_screens.py [OUT_DIR]
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication, QScrollArea

from kiosk.core.audio.voices import Voices
from kiosk.core.content import load_library
from kiosk.core.content.plans import PlanBook
from kiosk.core.pin import PinStore
from kiosk.core.session import Act, Action, Screen, Session
from kiosk.core.settings import Settings
from kiosk.core.status import facilitator_report
from kiosk.core.usage.log import UsageLog
from kiosk.paths import Paths
from kiosk.ui.speaker import Speaker
from kiosk.ui.staff import StaffTexts
from kiosk.ui.widgets import Pictures
from kiosk.ui.window import KioskWindow
from tests.fakes import FakeOutput

ROOT = Path(__file__).resolve().parent.parent
SIZES = ((1024, 600), (1280, 720), (1920, 1080))


class NoMicrophone(QObject):  # the studio's recorder, never started here
    from PySide6.QtCore import Signal

    finished = Signal(str)
    failed = Signal(str)


def room(app: QApplication, window: KioskWindow, session: Session, now: list[float], out: Path,
         size: str) -> None:
    plan = PlanBook(ROOT / "content" / "plans.json", out / "none.json").get("example-ipv")
    assert plan is not None
    window.show_room(session.start_course(plan.id, plan.lessons(1), "6-10", "es", plan.rounds(1)))
    shots = {"lessons": Screen.COURSE, "round": Screen.ATTITUDE, "step": Screen.STEP,
             "discuss": Screen.DISCUSS, "hands": Screen.QUESTION}
    taken: set[str] = set()
    for _ in range(80):
        app.processEvents()
        screen = session.state.screen
        name = next((n for n, s in shots.items() if s == screen and n not in taken), None)
        if name == "step" and session.state.index != 1:
            name = None
        if name in ("hands", "round"):
            window.act(Action(Act.TAB))  # typed as a facilitator does: Tab, digits, +
            for act in (Action(Act.CHOOSE, 7), Action(Act.TAB), Action(Act.MORE), Action(Act.MORE)):
                window.act(act)
        if name == "discuss":
            now[0] += 75  # a minute and a quarter into the pause
            window.act(Action(Act.TICK))
        if name:
            app.processEvents()
            window.grab().save(str(out / f"{size}-{name}.png"))
            taken.add(name)
            if name == "hands":
                window.act(Action(Act.BLANK))
                app.processEvents()
                window.grab().save(str(out / f"{size}-black.png"))
                window.act(Action(Act.BLANK))
        if taken == set(shots):
            break
        window.act(Action(Act.NEXT))
    window.show_room(session.end_course())


def staff(app: QApplication, window: KioskWindow, out: Path, size: str) -> None:
    def shot(name: str) -> None:
        app.processEvents()
        window.grab().save(str(out / f"{size}-{name}.png"))

    window.lock.unlocked = False
    window.open_facilitator()  # the PIN pad
    shot("pinpad")
    window.lock.unlocked = True
    for lang in ("es", "qu"):
        window.set_staff_language(lang, keep=False)
        window.open_facilitator()
        for _ in range(200):  # the report is made off the UI thread
            app.processEvents()
            if window.facilitator.report.toPlainText() != "…":
                break
            time.sleep(0.01)
        shot(f"panel-{lang}")
        window.open_workshop()
        page = window.workshop.page  # type: ignore[union-attr]
        for tab, name in enumerate(("plans", "present", "settings", "help")):
            if lang != "es" and name != "plans":
                continue
            page.tabs.setCurrentIndex(tab)
            if name == "plans":
                page.plan_list.setCurrentRow(0)
            if name == "help":
                page.help_list.setCurrentRow(0)
            shot(f"workshop-{name}" + ("" if lang == "es" else f"-{lang}"))
    window.set_staff_language("es", keep=False)
    window.open_studio()
    shot("studio")
    window.open_insights()
    page = window._screens["insights"]
    for _ in range(200):  # the charts are read off the UI thread, then drawn
        app.processEvents()
        time.sleep(0.01)
        if page.message.text() != "…" and (page.views or not page.months):  # type: ignore[attr-defined]
            break
    for _ in range(20):
        app.processEvents()
    page.findChild(QScrollArea).verticalScrollBar().setValue(0)  # type: ignore[union-attr]
    shot("insights")
    window.close_facilitator()


def main(out: Path) -> None:
    from kiosk.ui.screens.studio import StudioPanel
    from kiosk.ui.workshop import Workshop

    app = QApplication.instance() or QApplication([])
    out.mkdir(parents=True, exist_ok=True)
    library = load_library(ROOT / "content")
    now = [0.0]
    session = Session(library, Settings(), clock=lambda: now[0])
    tmp = Path(tempfile.mkdtemp())
    paths = Paths(content=ROOT / "content", audio=ROOT / "audio", data=tmp)
    voices = Voices(library, [], tmp / "rec", tmp / "cache", "es", can_synthesize=False)
    speaker = Speaker(voices, FakeOutput())
    usage = UsageLog(tmp / "usage.sqlite3")
    window = KioskWindow(session, speaker, usage, Pictures(ROOT / "content" / "pictures"),
                         pin=tmp / "pin.json")
    PinStore(tmp / "pin.json").set("2468")
    window.make_workshop = lambda: Workshop(window, paths)  # type: ignore[assignment]
    window.report = lambda: facilitator_report(library, session.settings, usage, "", StaffTexts())
    mic = NoMicrophone()
    window.make_studio = lambda: StudioPanel(library, voices, speaker, mic, tmp / "rec")  # type: ignore[arg-type]
    window.show()
    window.setMaximumSize(16_777_215, 16_777_215)
    for width, height in SIZES:
        window.resize(width, height)
        app.processEvents()
        room(app, window, session, now, out, f"{width}x{height}")
        staff(app, window, out, f"{width}x{height}")
    window.idle_timer.stop()
    if window.studio is not None:
        window.studio.cleanup()
    usage.close()
    window.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screens" / "workshop")
