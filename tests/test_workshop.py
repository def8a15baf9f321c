"""The facilitator's workshop on screen: a whole group session from a saved plan driven with a
clicker's keys, the room layout's safety, settings and local help made on screen."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from kiosk.core.session import Layout, Screen
from kiosk.core.usage.log import read_counts
from tests.conftest import FIXTURES, TODAY

DISCUSSION = """discussion:
  - {es: "¿Qué piensan?", qu: "¿Imatataq yuyankichik?", ay: "¿Kunsa amuyapxta?"}
  - {es: "¿Y en la comunidad?", qu: "¿Ayllupiri?", ay: "¿Ayllunxa?"}
"""


@pytest.fixture
def discussed(paths):
    """The fixture lessons, the first with a discussion pause after its second step."""
    couple = (FIXTURES / "modules" / "01-couple.yaml").read_text(encoding="utf-8")
    couple = couple.replace("  - id: insult\n", "  - id: insult\n    discuss_after: [1]\n")
    (paths.content / "modules" / "01-couple.yaml").write_text(couple + DISCUSSION, encoding="utf-8")
    return paths


@pytest.fixture
def workshop(discussed, kiosk):
    from kiosk.ui.workshop import Workshop

    window = kiosk.window
    window.make_workshop = lambda: Workshop(window, kiosk.paths)
    window.open_facilitator()
    window.facilitator.workshop_button.click()
    assert window.stack.currentWidget() is window.facilitator
    assert window.facilitator.pages.currentWidget() is window.workshop.page
    return window.workshop


def save_plan(qtbot, workshop, name="Semana 1 y 2", sessions="Semana 1: 01, 02\nSemana 2: 02"):
    page = workshop.page
    page.plan_new.emit()
    page.plan_name.setText(name)
    page.plan_sessions.setPlainText(sessions)
    page.plan_saved.emit()
    return workshop.book.get(workshop.current_plan)


def queued(speaker) -> list[str]:
    """What the speaker is saying and will say (live synthesis answers later)."""
    return [p.say.key for p in ([speaker.current] if speaker.current else []) + list(speaker.queue)]


def press(qtbot, window, key, times=1):
    for _ in range(times):
        qtbot.keyClick(window, key)


def test_a_whole_group_session_from_a_saved_plan_driven_with_clicker_keys(qtbot, discussed, kiosk, workshop):
    window, session = kiosk.window, kiosk.session
    plan = save_plan(qtbot, workshop)
    assert plan.sessions == (("couple", "know-your-phone"), ("know-your-phone",))
    page = workshop.page
    page.run_plan.setCurrentIndex(page.run_plan.findData(plan.id))
    page.run_session.setValue(1)
    page.run_size.setCurrentText("6-10")
    page.run_lang.setCurrentIndex(page.run_lang.findData("es"))
    page.volume.setValue(40)  # the room's speakers, on the facilitator's side
    assert kiosk.output.volume == 0.4
    page.present_button.click()
    presenter = window.stack.currentWidget()
    assert window.view.layout == Layout.PRESENTER and session.state.screen == Screen.COURSE
    assert type(presenter).__name__ == "PresenterScreen"
    press(qtbot, window, Qt.Key.Key_PageDown, 3)  # the lesson, its warning, two steps
    assert session.state.screen == Screen.STEP and session.state.index == 1
    press(qtbot, window, Qt.Key.Key_PageDown)  # the pause after step 2
    assert session.state.screen == Screen.DISCUSS
    assert presenter.timer_row.isVisible() and presenter.clock.text() == "5:00"
    assert presenter.ticker.isActive()
    presenter.extend.click()  # the facilitator's +1 min
    assert session.view().timer[1] == 360
    press(qtbot, window, Qt.Key.Key_F5)  # repeat
    assert "couple.discussion-1" in queued(kiosk.speaker)
    press(qtbot, window, Qt.Key.Key_B)  # a black screen, and back
    assert presenter.pages.currentWidget() is presenter.black
    press(qtbot, window, Qt.Key.Key_B)
    assert presenter.pages.currentWidget() is not presenter.black
    press(qtbot, window, Qt.Key.Key_Escape)  # the voice stops; nothing else
    assert session.state.screen == Screen.DISCUSS and not kiosk.speaker.busy
    press(qtbot, window, Qt.Key.Key_PageDown, 2)  # skip the pause: the last step, the question
    assert session.state.screen == Screen.QUESTION and not presenter.ticker.isActive()
    for number, hands in ((1, 6), (2, 3), (3, 1)):  # yes, no, "No sé"
        for _ in range(hands):
            qtbot.mouseClick(presenter.counters[number - 1].plus, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(presenter.counters[0].minus, Qt.MouseButton.LeftButton)  # one too many
    assert [c.label.text() for c in presenter.counters[:3]] == ["5", "3", "1"]
    press(qtbot, window, Qt.Key.Key_PageDown)  # counted; the right answer
    assert session.state.screen == Screen.FEEDBACK and session.state.answer == "yes"
    press(qtbot, window, Qt.Key.Key_PageDown, 3)  # second question (no hands), its answer, the end
    assert session.state.screen == Screen.END
    press(qtbot, window, Qt.Key.Key_PageDown)  # the end's pause (question 2)
    assert session.state.screen == Screen.DISCUSS and session.state.discuss == 2
    press(qtbot, window, Qt.Key.Key_PageDown)  # the second lesson
    assert session.state.module == "know-your-phone" and session.view().lesson == 1
    for _ in range(30):
        if session.state.screen == Screen.COURSE_END:
            break
        press(qtbot, window, Qt.Key.Key_PageDown)
    assert session.state.screen == Screen.COURSE_END
    press(qtbot, window, Qt.Key.Key_PageDown)  # over: the attract screen, idle reset back
    assert session.course is None and window.stack.currentWidget() is window.attract
    assert kiosk.usage.flush()
    counts = read_counts(kiosk.paths.database)
    day = TODAY.isoformat()
    assert counts == {
        (day, "hands_counted", "es", "couple", "q-hit", "yes"): 5,
        (day, "hands_counted", "es", "couple", "q-hit", "no"): 3,
        (day, "hands_counted", "es", "couple", "q-hit", "dont-know"): 1,
        (day, "group_course", "es", plan.id, "couple+know-your-phone", "6-10"): 1,
    }
    assert plan.name not in str(counts)  # the plan's name stays in the data folder


def test_no_clicker_key_closes_or_leaves_the_kiosk_and_quick_exit_works(qtbot, discussed, kiosk, workshop):
    window, session = kiosk.window, kiosk.session
    plan = save_plan(qtbot, workshop)
    workshop.present(plan.id, 1, "2-5", "es")
    press(qtbot, window, Qt.Key.Key_PageDown, 2)
    for key in (Qt.Key.Key_PageDown, Qt.Key.Key_PageUp, Qt.Key.Key_B, Qt.Key.Key_B, Qt.Key.Key_F5,
                Qt.Key.Key_Escape):
        press(qtbot, window, key)
        qtbot.wait(10)
        assert window.isVisible() and not window.isMinimized(), key
        assert session.course is not None and window.view.layout == Layout.PRESENTER, key
    assert window.close() is False and window.isVisible()  # what a window manager's close does
    qtbot.mouseClick(window.exit_button, Qt.MouseButton.LeftButton)
    assert window.view.layout == Layout.NEUTRAL and window.stack.currentWidget() is window.neutral
    assert session.course is None
    workshop.present(plan.id, 1, "2-5", "es")  # and Shift three times
    press(qtbot, window, Qt.Key.Key_Shift, 3)
    assert window.view.layout == Layout.NEUTRAL and session.course is None
    press(qtbot, window, Qt.Key.Key_1)  # the neutral lesson, then a participant's screen
    for key in (Qt.Key.Key_PageDown, Qt.Key.Key_PageUp, Qt.Key.Key_B, Qt.Key.Key_F5, Qt.Key.Key_Escape):
        press(qtbot, window, key)
        assert window.isVisible() and not window.isMinimized() and session.course is None, key
        assert window.view.layout != Layout.PRESENTER, key
    assert kiosk.usage.flush()
    assert {c[1] for c in read_counts(kiosk.paths.database)} == {"quick_exit"}


def restarted(qtbot, paths):
    """A new kiosk on the same data folder, as the app builds it."""
    from kiosk.app import build_core
    from kiosk.ui.speaker import Speaker
    from kiosk.ui.widgets import Pictures
    from kiosk.ui.window import KioskWindow
    from tests.fakes import FakeOutput

    core = build_core(paths, start_log=False)
    window = KioskWindow(core.session, Speaker(core.voices, FakeOutput()), None,
                         Pictures(paths.content / "pictures"))
    qtbot.addWidget(window)
    return core, window


def test_settings_and_a_local_help_entry_made_on_screen_survive_a_restart(qtbot, kiosk, workshop, paths):
    from kiosk.core.check import check
    from kiosk.core.session import State

    page = workshop.page
    page.tabs.setCurrentIndex(2)
    page.setting_spins["idle_seconds"].setValue(5)  # below the 10 s settings.json allows
    page.settings_saved.emit()
    assert page.message.text() == ("No se guardó. Tiempo sin uso (segundos): debe ser un número entero "
                                   "de segundos, de 10 a 3600")
    assert not paths.settings.exists()
    page.setting_spins["idle_seconds"].setValue(300)
    page.setting_spins["suppression_k"].setValue(15)
    page.setting_spins["volume"].setValue(60)
    page.set_org_unit.setText("OU 12!")
    page.settings_saved.emit()
    assert "dhis2_org_unit" not in page.message.text() and "DHIS2" in page.message.text()
    page.set_org_unit.setText("PE-PUNO-0042")
    page.setting_langs["ay"].setChecked(False)
    page.settings_saved.emit()
    assert page.message.text() == "Ajustes guardados."
    assert kiosk.session.settings.idle_seconds == 300 and kiosk.output.volume == 0.6
    page.setting_spins["suppression_k"].setValue(12)  # the threshold only goes up
    page.settings_saved.emit()
    assert "solo se puede subir (ahora 15)" in page.message.text()
    workshop.set_language("qu")  # the reason in her language too
    page.setting_spins["suppression_k"].setValue(12)
    page.settings_saved.emit()
    assert page.message.text() == ("Mana waqaychasqachu. Pisi yupaykunata pakay (wichichiyllata): "
                                   "wichichiyllata atikun (kunan 15)")
    workshop.set_language("es")

    page.tabs.setCurrentIndex(3)
    page.help_new.emit()
    fields = page.help_fields
    fields["name"].setText("CEM de Ayaviri")
    fields["number"].setText("951 123 456 ext")  # letters: the content parser refuses them
    fields["hours"].setText("lunes a viernes, de 8 a 4")
    fields["where"].setText("la plaza, al lado de la municipalidad")
    page.help_langs["es"].setChecked(True)
    page.help_langs["qu"].setChecked(True)
    page.help_saved.emit()
    assert page.message.text() == "No se guardó: Número: only digits, spaces and dashes"
    assert not paths.local_help.exists()
    fields["number"].setText("951 123 456")
    fields["checked"].setText("2026-13-01")
    page.help_saved.emit()
    assert "Confirmado el día (año-mes-día): the day a person confirmed" in page.message.text()
    fields["checked"].setText(TODAY.isoformat())
    page.help_saved.emit()
    assert page.message.text().startswith("Guardado: CEM de Ayaviri")
    assert page.help_list.item(0).text().startswith("CEM de Ayaviri · local")
    # a national entry confirmed today: stored in the data folder, the bundled file untouched
    national = (paths.content / "help" / "national.yaml").read_bytes()
    row = page.help_ids.index("linea-100")
    page.help_list.setCurrentRow(row)
    page.help_confirmed.emit()
    assert (paths.data / "help-confirmed.json").read_text(encoding="utf-8").strip() == (
        '{\n  "linea-100": "' + TODAY.isoformat() + '"\n}')
    assert (paths.content / "help" / "national.yaml").read_bytes() == national
    assert kiosk.session.library.help_entry("linea-100").checked == TODAY

    core, window = restarted(qtbot, paths)
    assert core.settings.idle_seconds == 300 and core.settings.suppression_k == 15
    assert core.settings.volume == 60 and core.settings.dhis2_org_unit == "PE-PUNO-0042"
    assert core.settings.languages == ("es", "qu") and not core.settings.problems
    assert core.library.help_entry("linea-100").checked == TODAY
    entry = core.library.help_entry("local-cem-de-ayaviri")
    assert entry.local and entry.number == "951 123 456" and entry.languages == ("es", "qu")
    assert entry.say.get("es") == ("CEM de Ayaviri. Está en la plaza, al lado de la municipalidad. "
                                   "El número es 951 123 456. Atiende lunes a viernes, de 8 a 4. Es gratis.")
    help_view = core.session.view(State(screen=Screen.HELP, lang="es"))
    assert help_view.tiles[0].caption == "CEM de Ayaviri: 951 123 456"  # local entries first
    report = check(paths, today=TODAY)
    errors = [p for p in report["problems"] if p.severity == "error"]
    mine = [p for p in report["problems"] if p.file == paths.local_help]
    assert not errors and [p.field for p in mine] == ["entries[1].say.qu", "entries[1].say.ay"]
    window.idle_timer.stop()
    core.usage.close()


def test_the_facilitators_pages_switch_language_and_every_text_is_in_staff_yaml(qtbot, kiosk, workshop):
    import re

    from kiosk.core.content.parsers import load_prompts
    from kiosk.core.model import LANGUAGES
    from kiosk.core.settings import CHECKS
    from tests.conftest import ROOT

    problems: list = []
    texts, status = load_prompts(ROOT / "content" / "staff.yaml", problems, LANGUAGES)
    assert not problems and status["qu"].status == status["ay"].status == "draft"
    used = set()
    for path in (ROOT / "kiosk" / "ui").rglob("*.py"):
        used |= set(re.findall(r'"(staff\.[a-z_.]+[a-z_])"', path.read_text(encoding="utf-8")))
    on_form = [name for name, *_ in CHECKS if name not in ("group_idle_seconds", "attract_pause_seconds")]
    used |= {f"staff.lang.{x}" for x in LANGUAGES} | {f"staff.set.{name}" for name in on_form}
    used |= {f"staff.help.{x}" for x in ("name", "number", "hours", "where", "checked", "cost", "source")}
    assert used - set(texts) - {"staff.yaml"} == set()
    page = workshop.page
    page.lang_buttons["qu"].click()
    assert page.tabs.tabText(0) == texts["staff.tab.plans"].get("qu")
    assert kiosk.window.facilitator.workshop_button.text() == texts["staff.panel.workshop"].get("qu")
    page.lang_buttons["es"].click()
    assert page.tabs.tabText(0) == "Planes de curso"


def test_the_language_choices_show_names_and_save_codes(qtbot, kiosk, workshop, paths):
    """The session, main and fallback language are chosen by name (as on the switch), never by
    a code such as "qu"; what is saved is the code."""
    page = workshop.page
    combos = (page.run_lang, page.set_default, page.set_fallback)
    codes = {"es", "qu", "ay"}
    for combo in combos:
        names = [combo.itemText(i) for i in range(combo.count())]
        assert names and not codes & set(names), names
        assert {combo.itemData(i) for i in range(combo.count())} <= codes
    page.tabs.setCurrentIndex(2)
    page.set_fallback.setCurrentIndex(page.set_fallback.findData("qu"))
    page.settings_saved.emit()
    assert kiosk.session.settings.fallback_language == "qu"
    assert page.set_fallback.currentText() == "Runasimi"


def test_an_example_plans_name_is_in_the_facilitators_language_and_her_own_as_written(
        qtbot, discussed, kiosk) -> None:
    import json

    from kiosk.ui.workshop import Workshop

    (discussed.content / "plans.json").write_text(json.dumps({"plans": [
        {"id": "example-ipv", "name": "Curso: vivir sin violencia (5 sesiones)", "sessions": [["couple"]]},
        {"id": "example-mine", "name": "Sin traducción", "sessions": [["couple"]]}]}), encoding="utf-8")
    window = kiosk.window
    window.make_workshop = lambda: Workshop(window, kiosk.paths)
    window.open_facilitator()
    window.facilitator.workshop_button.click()
    workshop = window.workshop
    window.set_staff_language("qu")
    page = workshop.page
    listed = [page.plan_list.item(i).text() for i in range(page.plan_list.count())]
    assert listed[0].startswith("Yachay: mana maqaywan kawsay") and listed[1].startswith("Sin traducción")
    assert page.run_plan.itemText(0).startswith("Yachay:") and page.run_plan.itemData(0) == "example-ipv"
    workshop.show_plan("example-ipv")
    workshop.duplicate_plan()  # her copy is named as she saw it, and is hers from then on
    mine = [p for p in workshop.book.plans if not p.shipped]
    assert [p.name for p in mine] == ["Yachay: mana maqaywan kawsay (5 huñunakuy) (2)"]
    window.set_staff_language("es")
    assert page.plan_list.item(0).text().startswith("Curso: vivir sin violencia")
