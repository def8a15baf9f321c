"""Main window: the screen stack, the fixed buttons, global keys, quick exit and idle reset.

Every key and touch becomes a session ``Action``; the returned state is drawn, its speech goes to
the one ``Speaker`` and its events to the usage log. Nothing here decides what a press means.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING

from PySide6 import QtCore, QtGui
from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.core.content import Library
from kiosk.core.model import Say
from kiosk.core.session.machine import Act, Action, Outcome, Screen, Session
from kiosk.core.usage.log import UsageLog
from kiosk.ui.screens.attract import AttractScreen
from kiosk.ui.speaker import Speaker
from kiosk.ui.tasks import Background
from kiosk.ui.widgets import STYLE, Pictures, bar_button, button_icons

if TYPE_CHECKING:  # screens other than the attract screen are imported when first needed
    from PySide6.QtCore import Qt

    from kiosk.ui.screens.facilitator import FacilitatorPanel
    from kiosk.ui.screens.grid import GridScreen
    from kiosk.ui.screens.picture import PictureScreen
    from kiosk.ui.screens.studio import StudioPanel

log = logging.getLogger(__name__)

QUICK_EXIT_PRESSES = 3
QUICK_EXIT_WINDOW = 5.0  # seconds
PREPARE_AFTER_MS = 100  # after the first paint: the frame is out and the prompt's decoding started

@lru_cache(maxsize=1)
def keymap() -> tuple[dict[Qt.Key, Act], dict[Qt.Key, int]]:
    """Keys → actions, and digit keys → numbers. Built after the first paint (``prepare``): the
    first touch of ``Qt`` makes PySide build all of its enums, ~20 ms (see widgets.STYLE)."""
    key = QtCore.Qt.Key
    actions = {
        key.Key_Return: Act.ACTIVATE, key.Key_Enter: Act.ACTIVATE, key.Key_Clear: Act.ACTIVATE,
        key.Key_0: Act.REPEAT, key.Key_Insert: Act.REPEAT,
        key.Key_Left: Act.PREV, key.Key_Up: Act.PREV,
        key.Key_Right: Act.NEXT, key.Key_Down: Act.NEXT,
        key.Key_Backspace: Act.BACK, key.Key_Home: Act.HOME,
    }
    digits = {getattr(key, f"Key_{n}"): n for n in range(1, 10)}
    return actions, digits


class ShiftCounter:
    """Shift pressed alone three times within five seconds; any other key starts over.

    A press counts when Shift is *released* with no other key pressed meanwhile (as GOV.UK's
    "Exit this page" does), so typing Shift+letter never counts towards an exit.
    """

    def __init__(self, clock=time.monotonic) -> None:  # type: ignore[no-untyped-def]
        self.clock = clock
        self.presses: list[float] = []
        self.alone = False

    def shift_down(self) -> None:
        self.alone = True

    def shift(self) -> bool:
        """Shift released: True when that makes the third lone press within the window."""
        if not self.alone:
            return False
        self.alone = False
        now = self.clock()
        self.presses = [t for t in self.presses if now - t <= QUICK_EXIT_WINDOW] + [now]
        if len(self.presses) >= QUICK_EXIT_PRESSES:
            self.presses = []
            return True
        return False

    def other(self) -> None:
        self.presses = []
        self.alone = False


class KioskWindow(QMainWindow):
    rendered = Signal(str)  # screen name, after each change is drawn (tests, benchmarks)

    def __init__(self, session: Session, speaker: Speaker, usage: UsageLog | None,
                 pictures: Pictures, captions: bool = True,
                 report: Callable[[], str] | None = None,
                 studio: Callable[[], StudioPanel] | None = None) -> None:
        super().__init__()
        self._spoken_buttons: dict[QObject, bool] = {}  # the event filter runs from here on
        self._prepared = False  # see prepare()
        self.session = session
        self.library: Library = session.library
        self.speaker = speaker
        self.usage = usage
        self.captions = captions
        self.report = report or (lambda: "")
        self.make_studio = studio
        self.studio: StudioPanel | None = None
        self.tasks = Background(self)
        self.shift = ShiftCounter()
        self.setWindowTitle("Willay")
        self.setStyleSheet(STYLE + button_icons(pictures))

        root = QWidget()
        root.setObjectName("root")
        layout = QVBoxLayout(root)
        top = QHBoxLayout()
        self.shift_dots = QLabel("")
        self.shift_dots.setStyleSheet("font-size: 28px; color: #ffd400;")
        self.exit_button = bar_button("", "exit")
        self.exit_button.clicked.connect(self.quick_exit)
        top.addStretch(1)
        top.addWidget(self.shift_dots)
        top.addWidget(self.exit_button)
        layout.addLayout(top)

        self.stack = QStackedWidget()
        self.attract = AttractScreen(pictures)
        self.pictures = pictures
        self._screens: dict[str, QWidget] = {}  # the other screens are built when first needed
        self.stack.addWidget(self.attract)
        self.attract.mousePressEvent = lambda _e: self.act(Action(Act.ACTIVATE))  # type: ignore[method-assign]
        layout.addWidget(self.stack, 1)

        bottom = QHBoxLayout()
        self.buttons = {}
        for act, key in ((Act.BACK, "back"), (Act.REPEAT, "repeat"), (Act.HOME, "home"),
                         (Act.NEXT, "next")):
            button = bar_button("")
            button.clicked.connect(lambda _c=False, a=act: self.act(Action(a)))
            button.installEventFilter(self)
            button.setProperty("prompt", f"button.{key}")
            button.setProperty("icon_name", key)
            self.buttons[act] = button
            bottom.addWidget(button)
            if act == Act.REPEAT:
                bottom.addStretch(1)
        self.exit_button.setProperty("prompt", "button.exit")
        self.exit_button.setProperty("icon_name", "exit")
        self.exit_button.installEventFilter(self)
        layout.addLayout(bottom)
        self.setCentralWidget(root)
        self._spoken_buttons.update({b: False for b in (*self.buttons.values(), self.exit_button)})

        self.idle_timer = QTimer(self)
        self.idle_timer.setSingleShot(True)
        self.idle_timer.setInterval(session.settings.idle_seconds * 1000)
        self.idle_timer.timeout.connect(lambda: self.act(Action(Act.IDLE)))
        self.attract_timer = QTimer(self)
        self.attract_timer.setSingleShot(True)
        self.attract_timer.setInterval(session.settings.attract_pause_seconds * 1000)
        self.attract_timer.timeout.connect(self._attract_again)
        speaker.idle.connect(self._speaker_idle)
        speaker.heard.connect(self._heard)
        # Keys, clicks and touches reach the window's QWindow first: filtering there (and on the
        # window, where tests send keys) instead of application-wide keeps every other event of
        # every object out of Python — it halved the first paint.
        self._input_window: QObject | None = None
        self.installEventFilter(self)
        self.render()

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802 (Qt name)
        super().showEvent(event)
        handle = self.windowHandle()
        if handle is not None and handle is not self._input_window:
            handle.installEventFilter(self)
            self._input_window = handle

    # ------------------------------------------------------------------ screens, built lazily
    @property
    def grid(self) -> GridScreen:
        if "grid" not in self._screens:
            from kiosk.ui.screens.grid import GridScreen

            grid = GridScreen(self.pictures)
            grid.hovered.connect(lambda n: self.act(Action(Act.HOVER, n)))
            grid.touched.connect(lambda n: self.act(Action(Act.TOUCH, n)))
            self._add_screen("grid", grid)
        return self._screens["grid"]  # type: ignore[return-value]

    @property
    def picture(self) -> PictureScreen:
        if "picture" not in self._screens:
            from kiosk.ui.screens.picture import PictureScreen

            picture = PictureScreen(self.pictures)
            picture.mousePressEvent = lambda _e: self.act(Action(Act.ACTIVATE)) if (  # type: ignore[method-assign]
                self.session.state.screen == Screen.NEUTRAL) else None
            self._add_screen("picture", picture)
        return self._screens["picture"]  # type: ignore[return-value]

    @property
    def facilitator(self) -> FacilitatorPanel:
        if "facilitator" not in self._screens:
            from kiosk.ui.screens.facilitator import FacilitatorPanel

            panel = FacilitatorPanel()
            panel.group_chosen.connect(self._group)
            panel.attitudes_chosen.connect(self._attitudes)
            panel.closed.connect(self.close_facilitator)
            panel.studio_chosen.connect(self.open_studio)
            self._add_screen("facilitator", panel)
        return self._screens["facilitator"]  # type: ignore[return-value]

    def _add_screen(self, name: str, screen: QWidget) -> None:
        self._screens[name] = screen
        self.stack.addWidget(screen)

    def prepare(self) -> None:
        """Soon after the first paint: load the rest of the content (the first screen needed only
        the prompts), build the lesson screens and PySide's ``Qt`` enums (~20 ms on first use),
        so the first press does not pay for them. Not before: a zero timer set before the window
        shows runs ahead of its first paint. Nothing depends on it: the content completes itself
        on first use, the screens and the key map are built on first use too. The content loads
        on a worker thread (it reads files and may write the parse cache); a press meanwhile that
        needs it waits for it."""
        self.tasks.run(self.library.complete, self._content_loaded)
        _ = self.grid, self.picture, keymap()

    @staticmethod
    def _content_loaded(_result: object, error: BaseException | None) -> None:
        if error is not None:
            log.error("content could not be loaded: %s", error)

    # ------------------------------------------------------------------ input
    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        etype = event.type()
        if etype == QEvent.Type.Paint and obj is self and not self._prepared:
            self._prepared = True  # the first screen is being painted: prepare once it is shown
            QTimer.singleShot(PREPARE_AFTER_MS, self.prepare)
        if etype in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease) and isinstance(event, QtGui.QKeyEvent):
            if obj is not self and obj is not self._input_window:
                return False
            if etype == QEvent.Type.KeyPress:
                handled = self._key(event)
            else:
                handled = self._facilitating() is False
                if event.key() == QtCore.Qt.Key.Key_Shift and not event.isAutoRepeat():
                    if self.shift.shift():
                        self.quick_exit()
                        handled = True
                    self._show_shift_dots()
            return handled
        if etype in (QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin):
            self.idle_timer.start()
        if obj in self._spoken_buttons:
            if etype == QEvent.Type.MouseMove and not self._spoken_buttons[obj]:
                self._spoken_buttons[obj] = True  # once per visit, and only for a moving pointer
                self._say_button(obj)
            elif etype == QEvent.Type.Leave:
                self._spoken_buttons[obj] = False
        return False

    def _facilitating(self) -> bool:
        current = self.stack.currentWidget()
        return current is not None and current in (self._screens.get("facilitator"), self.studio)

    def _key(self, event: QtGui.QKeyEvent) -> bool:
        """Handle a key press; False lets it through (typing in the studio's fields)."""
        if event.isAutoRepeat():
            return not self._facilitating()
        self.idle_timer.start()
        key = event.key()
        mods = event.modifiers()
        ctrl_alt = QtCore.Qt.KeyboardModifier.ControlModifier | QtCore.Qt.KeyboardModifier.AltModifier
        if key == QtCore.Qt.Key.Key_F12 or (key == QtCore.Qt.Key.Key_F and (mods & ctrl_alt) == ctrl_alt):
            self.shift.other()
            if self._facilitating():
                self.close_facilitator()
            else:
                self.open_facilitator()
            return True
        if self._facilitating():
            if key == QtCore.Qt.Key.Key_Shift:
                self.shift.shift_down()
            else:
                self.shift.other()
            return False
        if key == QtCore.Qt.Key.Key_Shift:
            self.shift.shift_down()
            return True
        self.shift.other()
        self._show_shift_dots()
        actions, digits = keymap()
        if key in digits:
            self.act(Action(Act.CHOOSE, digits[key]))
        elif key in actions:
            self.act(Action(actions[key]))
        return True

    def _show_shift_dots(self) -> None:
        self.shift_dots.setText("●" * len(self.shift.presses))

    def _say_button(self, button: QObject) -> None:
        prompt = button.property("prompt")
        if prompt:
            lang = self.session.state.lang or self.session.settings.default_language
            self.speaker.say([Say(f"prompt.{prompt}", lang)])

    # ------------------------------------------------------------------ facilitator
    def open_facilitator(self) -> None:
        self.speaker.stop()
        self.idle_timer.stop()
        self._refresh_report()
        self.facilitator.studio_button.setEnabled(self.make_studio is not None)
        self._show_bar(False)  # the participant's buttons mean nothing on the facilitator's pages
        self.stack.setCurrentWidget(self.facilitator)
        self.rendered.emit("facilitator")

    def open_studio(self) -> None:
        if self.make_studio is None:
            return
        if self.studio is None:
            self.studio = self.make_studio()
            self.stack.addWidget(self.studio)
            self.studio.closed.connect(self.open_facilitator)
        self._show_bar(False)
        self.stack.setCurrentWidget(self.studio)
        self.rendered.emit("studio")

    def _refresh_report(self) -> None:
        """The report counts clips on disk (tens of ms): built off the UI thread, shown when ready."""
        panel, group = self.facilitator, self.session.group
        panel.show_report("…", group)
        self.tasks.run(self.report, lambda text, error: panel.show_report(
            text if error is None else f"No se pudo preparar el informe: {error}", self.session.group))

    def _show_bar(self, visible: bool) -> None:
        for button in self.buttons.values():
            button.setVisible(visible)

    def close_facilitator(self) -> None:
        self.render()
        self.idle_timer.start()

    def _group(self, size: str | None) -> None:
        events = self.session.start_group(size)
        if self.usage is not None:
            for event in events:
                self.usage.record(event)
        settings = self.session.settings
        self.idle_timer.setInterval((settings.group_idle_seconds if size else settings.idle_seconds) * 1000)
        self._refresh_report()

    def _attitudes(self, phase: str) -> None:
        out = self.session.start_attitudes(phase)
        self.idle_timer.start()
        self._apply(out)

    # ------------------------------------------------------------------ actions
    def act(self, action: Action) -> Outcome:
        if action.act != Act.IDLE:
            self.idle_timer.start()
        self.attract_timer.stop()
        out = self.session.handle(action)
        self._apply(out)
        return out

    def quick_exit(self) -> None:
        """Silence first, then the neutral screen: the order matters for the 100 ms budget."""
        self.speaker.stop()
        self.shift.other()
        self._show_shift_dots()
        self.act(Action(Act.QUICK_EXIT))

    def _apply(self, out: Outcome) -> None:
        if out.changed:
            self.render()
        elif self.session.state.screen in (Screen.LANGUAGE, Screen.HOME, Screen.QUESTION,
                                           Screen.HELP, Screen.END, Screen.ATTITUDE):
            self.grid.set_focus_number(self.session.state.focus)
        if out.speech or out.interrupt:
            self.speaker.say(out.speech, interrupt=out.interrupt)
        if self.usage is not None:
            for event in out.events:
                self.usage.record(event)

    def _heard(self, lang: str, module: str, step: str, fraction: float) -> None:
        if self.usage is not None:
            self.usage.record(self.session.step_heard_event(lang, module, step, fraction))

    def _speaker_idle(self) -> None:
        if self.session.state.screen == Screen.ATTRACT:
            self.attract_timer.start()

    def _attract_again(self) -> None:
        if self.session.state.screen == Screen.ATTRACT and not self.speaker.busy:
            self.speaker.say(self.session.arrival())

    def start(self) -> None:
        """Begin: speak the attract invitation and arm the idle timer."""
        self.idle_timer.start()
        self.speaker.say(self.session.arrival())

    # ------------------------------------------------------------------ drawing
    def words(self, key: str, lang: str) -> str:
        text = self.library.text(key)
        if text is None:
            return ""
        return text.get(lang) or text.get(self.session.settings.fallback_language) or ""

    def render(self) -> None:
        self._show_bar(True)
        s = self.session.state
        lang = s.lang or self.session.settings.default_language
        w = self.words
        for button in self.buttons.values():
            button.setText(w(f"prompt.{button.property('prompt')}", lang))
        self.exit_button.setText(w("prompt.button.exit", lang))
        mod = self.library.module(s.module) if s.module else None
        if s.screen == Screen.ATTRACT:
            self.attract.show_text(w("prompt.attract.invite", lang) if self.captions else "")
            self.stack.setCurrentWidget(self.attract)
        elif s.screen in (Screen.STEP, Screen.NEUTRAL) and mod:
            step = mod.steps[s.index]
            self.picture.show_picture(step.picture, w(step.text.key, lang) if self.captions else "",
                                      s.index, len(mod.steps))
            self.stack.setCurrentWidget(self.picture)
        elif s.screen == Screen.WARNING and mod and mod.warning:
            self.picture.show_picture(mod.picture, w(mod.warning.key, lang) if self.captions else "",
                                      0, 0)
            self.stack.setCurrentWidget(self.picture)
        elif s.screen == Screen.FEEDBACK and mod:
            q = mod.questions[s.index]
            chosen = next((c for c in q.choices if c.id == s.answer), None)
            picture = chosen.picture if chosen else "dont-know"
            caption = w(q.explain.key, lang) if q.explain else ""
            self.picture.show_picture(picture, caption if self.captions else "", 0, 0)
            self.stack.setCurrentWidget(self.picture)
        else:
            self._render_grid(lang)
        self.rendered.emit(s.screen.value)

    def _render_grid(self, lang: str) -> None:
        s = self.session.state
        mod = self.library.module(s.module) if s.module else None
        items = self.session.items()
        tiles = []
        for item in items:
            item_lang = item.ref if item.kind == "language" else lang
            caption = self.words(item.label_key, item_lang)
            if item.kind == "help":
                entry = self.library.help_entry(item.ref)
                if entry:
                    shows_number = not entry.number or entry.number in entry.name
                    caption = entry.name if shows_number else f"{entry.name}: {entry.number}"
            tiles.append((item.picture, caption))
        title, picture = "", "attract"
        if s.screen == Screen.LANGUAGE:
            title = " / ".join(self.words("prompt.language.arrive", code)
                               for code in self.session.settings.languages)
        elif s.screen == Screen.HOME:
            title = self.words("prompt.home.arrive", lang)
        elif s.screen == Screen.QUESTION and mod:
            title, picture = self.words(mod.questions[s.index].prompt.key, lang), mod.picture
        elif s.screen == Screen.END and mod:
            title, picture = self.words(mod.summary.key, lang), mod.picture
        elif s.screen == Screen.HELP:
            title, picture = self.words("prompt.help.arrive", lang), "help-tile"
        elif s.screen == Screen.ATTITUDE and self.library.attitudes:
            title = self.words(self.library.attitudes.questions[s.index].prompt.key, lang)
        # language names are always shown: they are the one thing a reader of any language needs
        self.grid.show_items(title, picture, tiles, s.focus,
                             self.captions or s.screen == Screen.LANGUAGE)
        self.stack.setCurrentWidget(self.grid)
