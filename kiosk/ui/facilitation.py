"""The facilitator's pages inside the kiosk window: the F12 panel, the recording studio, group mode
and the attitude rounds. A part of ``KioskWindow`` (it needs the window's stack, speaker, session
and task manager), kept apart so the window holds only the participant's screens."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, SignalInstance
from PySide6.QtWidgets import QLayout, QPushButton, QSizePolicy, QStackedWidget, QWidget

from kiosk.core.model import Event
from kiosk.core.session import Act, Outcome, Session, View
from kiosk.core.usage.log import UsageLog
from kiosk.ui.speaker import Speaker
from kiosk.ui.staff import StaffTexts
from kiosk.ui.tasks import TaskManager

if TYPE_CHECKING:
    from kiosk.ui.lock import Lock
    from kiosk.ui.screens.facilitator import FacilitatorPanel
    from kiosk.ui.screens.studio import StudioPanel
    from kiosk.ui.workshop import Workshop


def fit_to_window(page: QWidget) -> None:
    """A staff page wider than a small screen is cut at the window's edge instead of widening the
    window: without a window manager the kiosk would stay wider than its screen for every later
    visitor (1332 px on a 1280 px display once the studio had been opened)."""
    page.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
    layout = page.layout()
    if layout is not None:
        layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
    page.setMinimumSize(0, 0)


class FacilitatorPages:
    """Mixed into ``KioskWindow``; these attributes are the window's."""

    session: Session
    speaker: Speaker
    tasks: TaskManager
    stack: QStackedWidget
    idle_timer: QTimer
    buttons: dict[Act, QPushButton]
    report: Callable[[], str]
    make_studio: Callable[[], StudioPanel] | None
    studio: StudioPanel | None
    usage: UsageLog | None
    rendered: SignalInstance
    _screens: dict[str, QWidget]
    lock: Lock
    make_workshop: Callable[[], Workshop] | None = None  # set by the app (kiosk/ui/workshop.py)
    workshop: Workshop | None = None
    settings_path: Path | None = None  # where the staff language is kept (set by the app)
    _staff_language_read = False

    if TYPE_CHECKING:  # the window's own, declared for the type checker only
        def _add_screen(self, name: str, screen: QWidget) -> None: ...
        def _apply(self, out: Outcome) -> None: ...
        def _record(self, events: list[Event]) -> None: ...
        def draw(self, view: View) -> None: ...

    @property
    def facilitator(self) -> FacilitatorPanel:
        if "facilitator" not in self._screens:
            from kiosk.ui.screens.facilitator import FacilitatorPanel

            self.staff_language_read()
            panel = FacilitatorPanel()
            fit_to_window(panel)
            panel.language_chosen.connect(self.set_staff_language)
            panel.group_chosen.connect(self._group)
            panel.attitudes_chosen.connect(self._attitudes)
            panel.closed.connect(self.close_facilitator)
            panel.studio_chosen.connect(self.open_studio)
            panel.insights_chosen.connect(self.open_insights)  # usage insights (issue 13)
            panel.workshop_chosen.connect(self.open_workshop)
            self._add_screen("facilitator", panel)
        return self._screens["facilitator"]  # type: ignore[return-value]


    def open_facilitator(self) -> None:
        if not self.lock.admits():  # the PIN pad first
            return
        self.speaker.stop()
        self.idle_timer.stop()
        self._refresh_report()
        self.facilitator.studio_button.setEnabled(self.make_studio is not None)
        self.facilitator.workshop_button.setEnabled(self.make_workshop is not None)
        self.facilitator.show_main()
        self._show_bar(False)  # the participant's buttons mean nothing on the facilitator's pages
        self.stack.setCurrentWidget(self.facilitator)
        self.rendered.emit("facilitator")

    def staff_language_read(self) -> None:
        """The staff pages' language as kept in the settings, read once per window (before its
        first staff page; a choice made on the PIN pad then holds for the panel too)."""
        if not self._staff_language_read:
            StaffTexts.lang = self.session.settings.staff_language
            self._staff_language_read = True

    def fit_staff_page(self, page: QWidget) -> None:
        fit_to_window(page)

    def staff_pages(self) -> list[QWidget]:
        """Every staff page made so far (each has ``retranslate(texts)``)."""
        pages = [self._screens.get("facilitator"), self.studio, self._screens.get("insights"),
                 self.lock.pad, self.workshop.page if self.workshop is not None else None]
        return [p for p in pages if p is not None]

    def set_staff_language(self, lang: str, keep: bool = True) -> None:
        """Every staff page in ``lang`` at once; kept in the settings (written atomically, checked
        as the form is) unless chosen on the PIN pad, before the PIN."""
        from kiosk.core.settings import from_form, save_settings

        StaffTexts.lang = lang
        texts = StaffTexts()
        for page in self.staff_pages():
            page.retranslate(texts)  # type: ignore[attr-defined]
        if self.workshop is not None:
            self.workshop.refresh()
        if "facilitator" in self._screens:
            self._refresh_report()
        if self.stack.currentWidget() is self._screens.get("insights"):
            self.open_insights()  # the charts again, titled in her language
        new, _refused = from_form(self.session.settings, {"staff_language": lang})
        if keep and new is not None and new.staff_language != self.session.settings.staff_language:
            self.session.settings = new
            if self.settings_path is not None:
                save_settings(self.settings_path, new)

    def open_workshop(self) -> None:
        """Course plans, presenting, settings and the local help directory (behind the PIN: only
        the panel opens it)."""
        if self.make_workshop is None:
            return
        if self.workshop is None:
            self.workshop = self.make_workshop()
        self.workshop.refresh()
        self.facilitator.show_page(self.workshop.page)
        self.rendered.emit("facilitator")

    def show_room(self, out: Outcome) -> None:
        """A group session starts or ends: its first screen (or the attract screen) is drawn."""
        self._apply(out)
        if not out.changed:
            self.draw(out.view)
        self.idle_timer.setInterval(self.session.idle_seconds * 1000)
        self.idle_timer.start()

    def open_studio(self) -> None:
        if self.make_studio is None:
            return
        if self.studio is None:
            self.studio = self.make_studio()
            fit_to_window(self.studio)
            self.stack.addWidget(self.studio)
            self.studio.closed.connect(self.open_facilitator)
            self.studio.language_chosen.connect(self.set_staff_language)
        self._show_bar(False)
        self.stack.setCurrentWidget(self.studio)
        self.rendered.emit("studio")

    # -- usage insights (issue 13): QtCharts is imported here, when the facilitator asks, never at
    # start-up; the charts' numbers are read off the UI thread from the suppressed aggregates.
    def open_insights(self) -> None:
        from kiosk.core.usage.summary import load
        from kiosk.ui.screens.insights import InsightsPage

        if "insights" not in self._screens:
            page = InsightsPage()
            page.closed.connect(self.open_facilitator)
            page.language_chosen.connect(self.set_staff_language)
            page.pdf_chosen.connect(self._insights_pdf)
            self._add_screen("insights", page)
        page = self._screens["insights"]  # type: ignore[assignment]
        self.stack.setCurrentWidget(page)
        self.rendered.emit("insights")
        if self.usage is not None:
            path = Path(self.usage.path)
            k = self.session.settings.suppression_k  # the facilitator's threshold (only ever higher)
            words = StaffTexts(lang=StaffTexts.lang)  # the charts' titles in her language
            self.tasks.run(lambda: load(path, k, words), lambda months, error: page.show_months(
                months or {}, None if error is None else str(error)))

    def _insights_pdf(self) -> None:
        """The PDF next to the usage log (QtCharts draws on the UI thread: ~0.1 s a month)."""
        from kiosk.ui.report import write_pdf

        page = self._screens["insights"]
        if self.usage is None or not page.months:  # type: ignore[attr-defined]
            return
        out = Path(self.usage.path).with_name("informe-uso.pdf")
        try:
            write_pdf(page.months, out)  # type: ignore[attr-defined]
            page.say("staff.insights.saved", path=out)  # type: ignore[attr-defined]
        except OSError as exc:
            page.say("staff.insights.not_saved", why=exc)  # type: ignore[attr-defined]

    def _refresh_report(self) -> None:
        """The report counts clips on disk (tens of ms): built off the UI thread, shown when ready."""
        panel = self.facilitator
        panel.show_report("…", self.session.group)
        self.tasks.run(self.report, lambda text, error: panel.show_report(
            text if error is None else StaffTexts()("staff.report.failed", why=error), self.session.group))

    def _show_bar(self, visible: bool) -> None:
        """Hidden on the staff pages, and their room given to the page (a participant's screen
        keeps each button's place: bar.show_buttons)."""
        for button in self.buttons.values():
            policy = button.sizePolicy()
            policy.setRetainSizeWhenHidden(visible)
            button.setSizePolicy(policy)
            button.setVisible(visible)

    def close_facilitator(self) -> None:
        self.draw(self.session.view())
        self.idle_timer.start()

    def _group(self, size: str | None) -> None:
        self._record(self.session.start_group(size))
        self.idle_timer.setInterval(self.session.idle_seconds * 1000)  # a workshop waits longer
        self._refresh_report()

    def _attitudes(self, phase: str) -> None:
        out = self.session.start_attitudes(phase)
        self.idle_timer.start()
        self._apply(out)

