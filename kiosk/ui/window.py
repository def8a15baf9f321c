"""Main window: every key and touch becomes a session ``Action``; the ``Outcome``'s view is drawn
here, its speech goes to the one ``Speaker``, its events to the usage log. It decides nothing."""

from __future__ import annotations

import importlib
import linecache
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6 import QtCore, QtGui
from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLayout, QMainWindow, QStackedWidget, QVBoxLayout, QWidget

from kiosk.core.model import Event
from kiosk.core.session import Act, Action, Layout, Outcome, Session, View
from kiosk.core.session.ahead import ahead
from kiosk.core.usage.log import UsageLog
from kiosk.ui.bar import PressDots, show_buttons
from kiosk.ui.facilitation import FacilitatorPages
from kiosk.ui.keys import KEYPAD_EXIT, PressCounter, ShiftCounter, keymap, meaning
from kiosk.ui.lock import Lock
from kiosk.ui.screens import VIEW_SCREENS
from kiosk.ui.screens.attract import AttractScreen
from kiosk.ui.speaker import Speaker
from kiosk.ui.tasks import TaskManager
from kiosk.ui.widgets import STYLE, Pictures, bar_button, bottom_bar, button_icons

if TYPE_CHECKING:  # screens other than the attract screen are imported when first needed
    from pathlib import Path

    from kiosk.core.pin import PinStore
    from kiosk.ui.screens.grid import GridScreen
    from kiosk.ui.screens.picture import PictureScreen
    from kiosk.ui.screens.studio import StudioPanel

log = logging.getLogger(__name__)

PREPARE_AFTER_MS = 100  # after the first paint: the frame is out and the prompt's decoding started

class KioskWindow(FacilitatorPages, QMainWindow):
    rendered = Signal(str)  # screen name, after each change is drawn (tests, benchmarks)

    def __init__(self, session: Session, speaker: Speaker, usage: UsageLog | None,
                 pictures: Pictures, tasks: TaskManager | None = None,
                 report: Callable[[], str] | None = None,
                 studio: Callable[[], StudioPanel] | None = None,
                 load_content: Callable[[], object] | None = None,
                 pin: PinStore | Path | None = None) -> None:  # the PIN or its file (None: none)
        super().__init__()
        self.lock = Lock(self, pin)  # before Qt first calls changeEvent
        self._spoken_buttons: dict[QObject, bool] = {}  # the event filter runs from here on
        self._prepared = False  # see prepare()
        self.session = session
        self.speaker = speaker
        self.usage = usage
        self.tasks = tasks or TaskManager(self)
        self.report = report or (lambda: "")
        self.load_content = load_content
        self.make_studio = studio
        self.studio: StudioPanel | None = None
        self.shift = ShiftCounter()
        self.keypad_exit = PressCounter()
        self.neutral: PictureScreen | None = None  # drawn ahead: a quick exit only shows it
        self.setWindowTitle("Willay")
        self.setStyleSheet(STYLE + button_icons(pictures))

        root = QWidget()
        root.setObjectName("root")
        layout = QVBoxLayout(root)
        # A page wider than the screen must not widen the window (no window manager to undo it).
        layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        top = QHBoxLayout()
        self.shift_dots = PressDots()
        self.shift_dots.watch(self.shift, self.keypad_exit)
        self.exit_button = bar_button("", "exit")
        self.exit_button.setProperty("icon_name", "exit")
        self.exit_button.clicked.connect(self.quick_exit)
        top.addStretch(1)
        for widget in (self.shift_dots, self.exit_button):
            top.addWidget(widget)
        layout.addLayout(top)
        self.stack = QStackedWidget()
        self.attract = AttractScreen(pictures)
        self.pictures = pictures
        self._screens: dict[str, QWidget] = {}  # the other screens are built when first needed
        self.stack.addWidget(self.attract)
        self.blank = QWidget()  # the last resort of a quick exit: nothing on it can fail to paint
        self.blank.setObjectName("screen")
        self.stack.addWidget(self.blank)
        self.attract.mousePressEvent = self._touch_screen  # type: ignore[method-assign]
        layout.addWidget(self.stack, 1)
        bottom, self.buttons = bottom_bar(lambda n: self.act(Action(Act.BUTTON, n)))
        layout.addLayout(bottom)
        self.setCentralWidget(root)
        self._button_acts = {b: a for a, b in self.buttons.items()}
        self._button_acts[self.exit_button] = Act.QUICK_EXIT
        for button in self._button_acts:
            button.installEventFilter(self)
            self._spoken_buttons[button] = False
        self.idle_timer = QTimer(self)
        self.idle_timer.setSingleShot(True)
        self.idle_timer.setInterval(session.idle_seconds * 1000)
        self.idle_timer.timeout.connect(self._idle)
        self.attract_timer = QTimer(self)
        self.attract_timer.setSingleShot(True)
        self.attract_timer.setInterval(session.attract_pause_seconds * 1000)
        self.attract_timer.timeout.connect(self._attract_again)
        self._prepare_timer = QTimer(self)  # the window's own: it goes with the window
        self._prepare_timer.setSingleShot(True)
        self._prepare_timer.setInterval(PREPARE_AFTER_MS)
        self._prepare_timer.timeout.connect(self.prepare)
        self._give_back_timer: QTimer | None = None  # made in prepare(), after the first paint
        speaker.idle.connect(self._speaker_idle)
        speaker.heard.connect(self._heard)
        # Input is filtered on the QWindow (and the window, for tests), not application-wide: it
        # keeps every other event of every object out of Python (it halved the first paint).
        self._input_window: QObject | None = None
        self.installEventFilter(self)
        self.view: View = session.view()
        self.draw(self.view)

    def closeEvent(self, event: QtGui.QCloseEvent) -> None:  # noqa: N802 (Qt name)
        self.lock.close_event(event)  # only through the facilitator's menu

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt name)
        super().changeEvent(event)
        self.lock.state_changed()  # never minimised

    def showEvent(self, event: QtGui.QShowEvent) -> None:  # noqa: N802 (Qt name)
        super().showEvent(event)
        screen = self.screen()
        if screen is not None:  # never wider or taller than the screen, whatever page is shown
            self.setMaximumSize(screen.availableGeometry().size())
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
            self._add_screen("picture", self._picture_screen())
        return self._screens["picture"]  # type: ignore[return-value]

    def _picture_screen(self) -> PictureScreen:
        from kiosk.ui.screens.picture import PictureScreen

        screen = PictureScreen(self.pictures)
        screen.mousePressEvent = self._touch_screen  # type: ignore[method-assign]
        return screen

    def _add_screen(self, name: str, screen: QWidget) -> None:
        self._screens[name] = screen
        self.stack.addWidget(screen)

    def prepare(self) -> None:
        """100 ms after the first paint: the rest of the content (on a worker), the lesson screens,
        the key map and the memory hand-back (ui/memory.py), so the first press does not pay for
        them; then the sources PySide read go (decision 006)."""
        from kiosk.ui.memory import give_back_timer
        self._give_back_timer = give_back_timer(self)  # started after each new screen (draw)
        if self.load_content is not None:
            self.tasks.run(self.load_content, self._content_loaded)
        _ = self.grid, self.picture, keymap()
        self.speaker.expect(ahead(self.session))  # the first screen's next words, decoded ahead
        linecache.clearcache()

    def _content_loaded(self, _result: object, error: BaseException | None) -> None:
        if error is not None:
            log.error("content could not be loaded: %s", error)
            return
        self._draw_neutral_ahead()

    def _draw_neutral_ahead(self) -> PictureScreen:
        """The neutral screen, drawn now, so a quick exit only has to bring it to the front."""
        if self.neutral is None:
            neutral = self._picture_screen()
            self.stack.addWidget(neutral)
            self.neutral = neutral
        view = self.session.neutral_view()
        self.neutral.show_picture(view.picture, view.title, view.position, view.steps)
        self.neutral.ensurePolished()
        return self.neutral

    # ------------------------------------------------------------------ input
    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        etype = event.type()
        if etype == QEvent.Type.Paint and obj is self and not self._prepared:
            self._prepared = True  # the first screen is being painted: prepare once it is shown
            self._prepare_timer.start()
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
            if self.session.asking and obj is self._input_window:  # "still there?" — yes, she is
                self.act(Action(Act.OTHER))
            self.idle_timer.start()
            self.lock.pressed(obj, event)  # holding the top-left corner opens the PIN pad
        if obj in self._spoken_buttons:
            if etype == QEvent.Type.MouseMove and not self._spoken_buttons[obj]:
                self._spoken_buttons[obj] = True  # once per visit, and only for a moving pointer
                self.speaker.say(self.session.button_speech(self._button_acts[obj]))  # type: ignore[index]
            elif etype == QEvent.Type.Leave:
                self._spoken_buttons[obj] = False
        return False

    def _touch_screen(self, _event: QtGui.QMouseEvent) -> None:
        """A touch on the screen itself (not a tile or a button): what the view says it means."""
        if self.view.touch is not None:
            self.act(Action(self.view.touch))

    def _facilitating(self) -> bool:
        current = self.stack.currentWidget()
        return current is not None and current in (self._screens.get("facilitator"), self.studio,
                                                    self._screens.get("insights"))  # usage insights

    def _key(self, event: QtGui.QKeyEvent) -> bool:
        """Handle a key press; False lets it through (typing in the studio's fields)."""
        if event.isAutoRepeat():
            return not self._facilitating()
        self.idle_timer.start()
        key = event.key()
        mods = event.modifiers()
        ctrl_alt = QtCore.Qt.KeyboardModifier.ControlModifier | QtCore.Qt.KeyboardModifier.AltModifier
        if self.lock.pad_key(event) or self.lock.swallow(event):  # the pad's keys; Esc, Ctrl+Q
            return True
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
        meant = meaning(key, bool(mods & QtCore.Qt.KeyboardModifier.KeypadModifier))
        if meant == "":  # a key held with another, or a lock key: not a press (nor a break in one)
            return True
        if meant == KEYPAD_EXIT:
            if self.keypad_exit.press():
                self.quick_exit()
        else:
            self.keypad_exit.other()
            if isinstance(meant, Act):
                self.act(Action(meant))
            elif isinstance(meant, int):
                self.act(Action(Act.CHOOSE, meant))
            elif meant is None:
                self.act(Action(Act.OTHER))
        self._show_shift_dots()
        return True

    def _show_shift_dots(self) -> None:
        self.shift_dots.refresh()

    # ------------------------------------------------------------------ actions
    def act(self, action: Action) -> Outcome:
        self.attract_timer.stop()
        out = self.session.handle(action)
        self._apply(out)
        self.idle_timer.setInterval(self.session.idle_seconds * 1000)
        self.idle_timer.start()
        return out

    def quick_exit(self) -> None:
        """Silence first, then the neutral screen, painted now: nothing else may come first."""
        self.speaker.stop()
        self.shift.other()
        self.keypad_exit.other()
        self._show_shift_dots()
        self.act(Action(Act.QUICK_EXIT))

    def _apply(self, out: Outcome) -> None:
        self.view = out.view
        if out.changed:
            self.draw(out.view)
        else:
            show_buttons(self.buttons, self.exit_button, out.view)  # a button touched once
            if out.view.layout == Layout.GRID:
                self.grid.set_focus_number(out.view.focus)
        if out.speech or out.interrupt:
            self.speaker.say(out.speech, interrupt=out.interrupt)
        if out.changed:  # what the new screen may say next is decoded ahead (decision 023)
            self.speaker.expect(ahead(self.session))
        self._record(out.events)

    def _record(self, events: list[Event]) -> None:
        if self.usage is not None:
            for event in events:
                self.usage.record(event)

    def _heard(self, lang: str, module: str, step: str, fraction: float) -> None:
        self._record(self.session.heard((module, step), fraction, lang))

    def _idle(self) -> None:
        """Idle time passed; while still speaking it waits (``_speaker_idle`` restarts it)."""
        if not self.speaker.busy:
            self.act(Action(Act.IDLE))

    def _speaker_idle(self) -> None:
        """Idle time counts from the end of what was said, not from the last press."""
        if not self._facilitating():
            self.idle_timer.start()
        if self.view.layout == Layout.ATTRACT:
            self.attract_timer.start()

    def _attract_again(self) -> None:
        if self.view.layout == Layout.ATTRACT and not self.speaker.busy:
            self.speaker.say(self.session.arrival())

    def start(self) -> None:
        """Begin: speak the attract invitation and arm the idle timer."""
        self.idle_timer.start()
        self.speaker.say(self.session.arrival())

    # ------------------------------------------------------------------ drawing
    def draw(self, view: View) -> None:
        """Draw the view; if that fails, on a screen that cannot fail, never on the old one."""
        self.view = view
        try:
            self._draw(view)
        except Exception:
            log.exception("drawing the %s screen failed", view.screen)
            self._draw_fallback(view)
        self.rendered.emit(view.screen.value)
        if self._give_back_timer is not None:
            self._give_back_timer.start()

    def _draw(self, view: View) -> None:
        show_buttons(self.buttons, self.exit_button, view)
        if view.layout == Layout.NEUTRAL:
            neutral = self.neutral or self._draw_neutral_ahead()
            neutral.set_caption(view.title)  # in her language; the picture is drawn already
            self.stack.setCurrentWidget(neutral)
            neutral.repaint()  # painted now, not at the next turn of the event loop
        elif view.layout == Layout.ATTRACT:
            self.attract.show_text(view.title)
            self.stack.setCurrentWidget(self.attract)
        elif view.layout == Layout.PICTURE:
            self.picture.show_picture(view.picture, view.title, view.position, view.steps, view.verdict)
            self.stack.setCurrentWidget(self.picture)
        elif view.layout == Layout.GRID:
            self.grid.show_items(view.title, view.picture, [(t.picture, t.caption) for t in view.tiles],
                                 view.focus, True)
            self.stack.setCurrentWidget(self.grid)
        else:  # a screen that draws the whole view (kiosk.ui.screens.VIEW_SCREENS)
            screen = self._view_screen(view.layout)
            screen.show_view(view)  # type: ignore[attr-defined]
            self.stack.setCurrentWidget(screen)

    def _view_screen(self, layout: Layout) -> QWidget:
        if layout.value not in self._screens:
            module, name = VIEW_SCREENS[layout]
            screen = getattr(importlib.import_module(module), name)(self.pictures)
            screen.acted.connect(self.act)
            self._add_screen(layout.value, screen)
        return self._screens[layout.value]

    def _draw_fallback(self, view: View) -> None:
        if view.layout != Layout.NEUTRAL:
            out = self.session.start_over()
            self.view = out.view
            self._record(out.events)
            self.attract.show_text("")
            self.stack.setCurrentWidget(self.attract)
        else:  # nothing drawn can fail here: the plain background, painted now
            self.stack.setCurrentWidget(self.blank)
            self.blank.repaint()
