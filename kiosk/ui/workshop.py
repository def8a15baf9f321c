"""The facilitator's workshop: answers the workshop pages (kiosk/ui/screens/workshop.py) with the
core's rules — course plans (``core.content.plans``), presenting a session of one in the room
(``Session.start_course``), the settings form (``core.settings.from_form``, the file's own rules)
and the local help directory (``core.content.localhelp``, checked by the content parser).
Made by the app on first use; it lives inside the PIN-locked facilitator panel."""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Any

from kiosk.core.content.library import reload_help
from kiosk.core.content.localhelp import HelpForm, HelpRefused, confirm, save_entry, where_of
from kiosk.core.content.plans import Plan, PlanBook, PlanError
from kiosk.core.model import LANGUAGES, HelpService
from kiosk.core.session import GROUP_SIZES
from kiosk.core.settings import from_form, save_settings
from kiosk.ui.screens.workshop import WorkshopPage
from kiosk.ui.staff import StaffTexts

if TYPE_CHECKING:
    from kiosk.paths import Paths

ROUND_WORDS = {"antes": "attitudes:before", "después": "attitudes:after", "despues": "attitudes:after"}


def parse_sessions(text: str, orders: dict[int, str]) -> tuple[tuple[str, ...], ...]:
    """One line per session: lesson numbers (as the home page numbers them: 01, 2 …), and
    «antes» / «después» for the opinion rounds; «Semana 1:» before them is allowed."""
    sessions = []
    for number, line in enumerate(text.splitlines(), start=1):
        words = re.split(r"[,;\s]+", line.split(":", 1)[-1].strip().lower())
        items = []
        for word in filter(None, words):
            if word in ROUND_WORDS:
                items.append(ROUND_WORDS[word])
            elif word.isdigit() and int(word) in orders:
                items.append(orders[int(word)])
            else:
                raise PlanError(f"sessions[{number}]: '{word}' is not a lesson number")
        if items:
            sessions.append(tuple(items))
    return tuple(sessions)


class Workshop:
    def __init__(self, window: Any, paths: Paths) -> None:
        self.window = window
        self.paths = paths
        self.texts = StaffTexts()
        self.book = PlanBook(paths.base_content / "plans.json", paths.data / "plans.json")
        self.page = WorkshopPage(self.texts)
        self.current_plan: str | None = None
        self.current_help: str | None = None
        page = self.page
        page.closed.connect(window.open_facilitator)
        page.language_chosen.connect(self.set_language)
        page.plan_selected.connect(self.show_plan)
        page.plan_new.connect(self.new_plan)
        page.plan_saved.connect(self.save_plan)
        page.plan_duplicated.connect(self.duplicate_plan)
        page.plan_deleted.connect(self.delete_plan)
        page.present_chosen.connect(self.present)
        page.back_to_room.connect(window.close_facilitator)
        page.course_ended.connect(self.end_course)
        page.volume_changed.connect(window.speaker.set_volume)
        page.settings_saved.connect(self.save_settings)
        page.pin_chosen.connect(window.lock.change_pin)
        page.help_selected.connect(self.show_help)
        page.help_new.connect(self.new_help)
        page.help_saved.connect(self.save_help)
        page.help_confirmed.connect(self.confirm_help)
        page.retranslate(self.texts)

    @property
    def session(self) -> Any:
        return self.window.session

    def refresh(self) -> None:
        self.fill_plans()
        self.fill_settings()
        self.fill_help()
        running = self.session.course is not None
        self.page.room_button.setEnabled(running)
        self.page.end_button.setEnabled(running)

    def set_language(self, lang: str) -> None:
        """Every staff page in ``lang``, kept across restarts (``settings.staff_language``)."""
        self.window.set_staff_language(lang)

    def tell(self, key: str, **values: object) -> None:
        self.page.say(self.texts(key, **values))

    # ------------------------------------------------------------------ plans
    def _orders(self) -> dict[int, str]:
        return {m.order: m.id for m in self.session.library.modules}

    def fill_plans(self) -> None:
        page, lib = self.page, self.session.library
        page.plan_list.blockSignals(True)
        page.plan_list.clear()
        page.plan_ids = [p.id for p in self.book.plans]
        for plan in self.book.plans:
            mark = f" ({self.texts('staff.plan.example')})" if plan.shipped else ""
            page.plan_list.addItem(f"{self.plan_name(plan)}{mark}")
        page.plan_list.blockSignals(False)
        page.lesson_list.setPlainText("\n".join(
            f"{m.order:02d}  {self.session.words(m.title.key, self.texts.lang)}" for m in lib.modules))
        page.run_plan.clear()
        for plan in self.book.plans:
            page.run_plan.addItem(self.plan_name(plan), plan.id)
        page.run_size.clear()
        page.run_size.addItems(list(GROUP_SIZES))
        page.language_items(page.run_lang, self.session.settings.languages)
        page.volume.blockSignals(True)
        page.volume.setValue(self.session.settings.volume)
        page.volume.blockSignals(False)

    def plan_name(self, plan: Plan) -> str:
        """An example plan's name in the facilitator's language (staff texts); her own as she wrote it."""
        key = f"staff.plan.name.{plan.id}"
        return self.texts(key) if plan.shipped and key in self.texts else plan.name

    def show_plan(self, plan_id: str) -> None:
        plan = self.book.get(plan_id)
        if plan is None:
            return
        self.current_plan = plan_id
        numbers = {m.id: f"{m.order:02d}" for m in self.session.library.modules}
        words = {v: k for k, v in ROUND_WORDS.items() if k != "despues"}
        lines = [f"{self.texts('staff.plan.session', n=i)}: "
                 + ", ".join(words.get(x) or numbers.get(x, x) for x in s)
                 for i, s in enumerate(plan.sessions, start=1)]
        self.page.plan_name.setText(self.plan_name(plan))
        self.page.plan_sessions.setPlainText("\n".join(lines))

    def new_plan(self) -> None:
        self.current_plan = None
        self.page.plan_name.setText("")
        self.page.plan_sessions.setPlainText(f"{self.texts('staff.plan.session', n=1)}: ")

    def save_plan(self) -> None:
        page = self.page
        try:
            sessions = parse_sessions(page.plan_sessions.toPlainText(), self._orders())
            chosen = self.book.get(self.current_plan) if self.current_plan else None
            own = chosen.id if chosen is not None and not chosen.shipped else self.book.new_id()
            plan = self.book.save(Plan(own, page.plan_name.text(), sessions),
                                  {m.id for m in self.session.library.modules})
        except PlanError as exc:
            self.tell("staff.refused", why=exc)
            return
        self.current_plan = plan.id
        self.fill_plans()
        self.tell("staff.plan.saved", name=plan.name)

    def duplicate_plan(self) -> None:
        if self.current_plan is None:
            return
        source = self.book.get(self.current_plan)
        try:
            name = f"{self.plan_name(source)} (2)"[:60] if source else ""  # named as she saw it
            copy = self.book.duplicate(self.current_plan, name)
        except PlanError as exc:
            self.tell("staff.refused", why=exc)
            return
        self.fill_plans()
        self.show_plan(copy.id)
        self.tell("staff.plan.saved", name=copy.name)

    def delete_plan(self) -> None:
        if self.current_plan is None:
            return
        try:
            self.book.delete(self.current_plan)
        except PlanError as exc:
            self.tell("staff.refused", why=exc)
            return
        self.current_plan = None
        self.fill_plans()
        self.tell("staff.plan.deleted")

    # ------------------------------------------------------------------ presenting
    def present(self, plan_id: str | None = None, number: int | None = None, size: str | None = None,
                lang: str | None = None) -> None:
        page = self.page
        plan = self.book.get(plan_id or page.run_plan.currentData() or "")
        if plan is None:
            self.tell("staff.run.no_plan")
            return
        number = number or page.run_session.value()
        if not 1 <= number <= len(plan.sessions):
            self.tell("staff.run.no_session", n=len(plan.sessions))
            return
        try:
            out = self.session.start_course(plan.id, plan.lessons(number),
                                            size or page.run_size.currentText(),
                                            lang or page.run_lang.currentData(), plan.rounds(number))
        except ValueError as exc:
            self.tell("staff.refused", why=exc)
            return
        self.window.show_room(out)

    def end_course(self) -> None:
        self.window.show_room(self.session.end_course())

    # ------------------------------------------------------------------ settings
    def fill_settings(self) -> None:
        page, s = self.page, self.session.settings
        for name, box in page.setting_spins.items():
            box.setValue(getattr(s, name))
        for lang, check in page.setting_langs.items():
            check.setChecked(lang in s.languages)
        page.set_default.setCurrentIndex(page.set_default.findData(s.default_language))
        page.set_fallback.setCurrentIndex(page.set_fallback.findData(s.fallback_language))
        page.set_neutral.clear()
        page.set_neutral.addItems([m.id for m in self.session.library.modules if not m.sensitive])
        page.set_neutral.setCurrentText(s.neutral_module)
        page.set_org_unit.setText(s.dhis2_org_unit)

    def save_settings(self) -> None:
        page = self.page
        changes: dict[str, object] = {name: box.value() for name, box in page.setting_spins.items()}
        changes.update(languages=[x for x in LANGUAGES if page.setting_langs[x].isChecked()],
                       default_language=page.set_default.currentData(),
                       fallback_language=page.set_fallback.currentData(),
                       neutral_module=page.set_neutral.currentText() or self.session.settings.neutral_module,
                       dhis2_org_unit=page.set_org_unit.text().strip())
        new, refused = from_form(self.session.settings, changes)
        if new is None:
            first = refused[0]
            key = f"staff.why.{first.field if first.code == 'rule' else first.code}"
            why = self.texts(key, **first.values)
            self.tell("staff.set.refused", field=self.texts(f"staff.set.{first.field}"),
                      why=first.why if why == key else why)  # a rule with no words yet: as the core says it
            return
        save_settings(self.paths.settings, new)
        self.session.settings = new
        self.window.speaker.set_volume(new.volume)
        self.window.idle_timer.setInterval(self.session.idle_seconds * 1000)
        self.tell("staff.set.saved")

    # ------------------------------------------------------------------ the local help directory
    def _entries(self) -> list[HelpService]:
        entries = self.session.library.help
        return [h for h in entries if h.local] + [h for h in entries if not h.local]

    def fill_help(self) -> None:
        page = self.page
        page.help_list.blockSignals(True)
        page.help_list.clear()
        page.help_ids = []
        for h in self._entries():
            day = h.checked.isoformat() if h.checked else self.texts("staff.help.never")
            where = self.texts("staff.help.local" if h.local else "staff.help.national")
            page.help_list.addItem(f"{h.name} · {where} · {day}")
            page.help_ids.append(h.id)
        page.help_list.blockSignals(False)

    def show_help(self, help_id: str) -> None:
        entry = self.session.library.help_entry(help_id)
        if entry is None:
            return
        self.current_help = help_id
        fields = self.page.help_fields
        for name, value in (("name", entry.name), ("number", entry.number), ("hours", entry.hours),
                            ("cost", entry.cost), ("source", entry.source),
                            ("checked", entry.checked.isoformat() if entry.checked else "")):
            fields[name].setText(value)
        fields["where"].setText(where_of(self.paths.local_help, entry.id) if entry.local else "")
        for lang, check in self.page.help_langs.items():
            check.setChecked(lang in entry.languages)

    def new_help(self) -> None:
        self.current_help = None
        for name, box in self.page.help_fields.items():
            box.setText({"cost": "gratis", "source": "llamada de la facilitadora",
                         "checked": self.session.today().isoformat()}.get(name, ""))
        for check in self.page.help_langs.values():
            check.setChecked(False)

    def save_help(self) -> None:
        fields = self.page.help_fields
        entry = self.session.library.help_entry(self.current_help) if self.current_help else None
        if entry is not None and not entry.local:
            self.tell("staff.help.national_fixed")
            return
        checked: dt.date | str | None = fields["checked"].text().strip() or None
        try:
            checked = dt.date.fromisoformat(checked) if checked else None  # type: ignore[arg-type]
        except ValueError:
            pass  # the content parser says what is wrong with it
        form = HelpForm(fields["name"].text(), fields["number"].text(), fields["hours"].text(),
                        tuple(x for x in LANGUAGES if self.page.help_langs[x].isChecked()),
                        fields["where"].text(), checked,  # type: ignore[arg-type]
                        fields["cost"].text(), fields["source"].text(), self.current_help or "")
        try:
            saved = save_entry(self.paths.local_help, form, {h.id for h in self.session.library.help},
                               self.session.settings.languages)
        except HelpRefused as exc:  # the content checker's reason; its field in her words
            field, _, why = str(exc).partition(": ")
            label = self.texts(f"staff.help.{field}")
            self.tell("staff.refused", why=f"{label}: {why}" if label != f"staff.help.{field}" else exc)
            return
        reload_help(self.session.library, self.paths.local_help, self.paths.help_confirmed)
        self.current_help = saved.id
        self.fill_help()
        self.tell("staff.help.saved", name=saved.name)

    def confirm_help(self) -> None:
        entry = self.session.library.help_entry(self.current_help) if self.current_help else None
        if entry is None:
            return
        try:
            confirm(self.paths.local_help, entry, self.session.today(), self.paths.help_confirmed,
                    self.session.settings.languages)
        except (HelpRefused, OSError) as exc:
            self.tell("staff.refused", why=exc)
            return
        reload_help(self.session.library, self.paths.local_help, self.paths.help_confirmed)
        self.fill_help()
        self.show_help(entry.id)
        self.tell("staff.help.confirmed", name=entry.name, day=self.session.today().isoformat())
