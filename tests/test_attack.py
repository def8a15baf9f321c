"""Attacks on the surfaces added with the workshop, lessons and review kit (issue: `attack`): a
hostile or damaged file, form value or sheet gets one line naming the file and field, never a
traceback; nothing lets an export pin a small count."""

from __future__ import annotations

import datetime as dt

from kiosk.core.content import load_library
from kiosk.core.model import Event
from kiosk.core.session import Act, Action, Session
from kiosk.core.settings import Settings
from kiosk.core.usage import insights
from kiosk.core.usage.log import cell_of
from tests.conftest import TODAY, make_content

ONE = Settings(languages=("es",))  # the first touch goes straight to her lessons


def _counts(events: list[Event]) -> dict:
    out: dict = {}
    for e in events:
        out[cell_of(e)] = out.get(cell_of(e), 0) + 1
    return out


def test_quick_exits_during_group_sessions_cannot_be_read_off_the_visits_that_ended_so(tmp_path) -> None:
    """A quick exit while presenting counts a quick_exit but ends no visit: "quick exits = visits
    ended by quick exit" then no longer holds, and both totals shown would give the difference."""
    library = load_library(make_content(tmp_path / "content"))
    events: list[Event] = []
    for _ in range(12):  # twelve visits that each end by quick exit
        visitor = Session(library, ONE, today=lambda: TODAY)
        for act in (Act.NEXT, Act.NEXT):
            events += visitor.handle(Action(act)).events
        events += visitor.handle(Action(Act.QUICK_EXIT)).events
    group = Session(library, ONE, today=lambda: TODAY)
    for _ in range(2):  # two group sessions left by quick exit
        group.start_course("plan-1", ("couple",), "6-10", "es")
        events += group.handle(Action(Act.NEXT)).events
        events += group.handle(Action(Act.QUICK_EXIT)).events
    cells = insights.aggregate(_counts(events))
    period = TODAY.isoformat()[:7]
    total = (period, "quick_exit", "*", "", "", "")
    ended = (period, "visit_ended", "", "", "quick_exit", "*")
    assert cells[total] - cells[ended] == 2  # the premise: 14 quick exits, 12 visits ended so
    shown = insights.suppress(cells)
    assert not (total in shown and ended in shown), "the two totals give the 2 away"


# ---------------------------------------------------------------- the data folder's JSON files

def test_damaged_json_in_the_data_folder_is_one_line_each_and_a_bom_is_read(tmp_path) -> None:
    from kiosk.core.content.confirmed import read_confirmed
    from kiosk.core.content.plans import PlanBook
    from kiosk.core.settings import load_settings

    deep, huge = "[" * 30_000 + "]" * 30_000, "9" * 5_000
    confirmed, plans = tmp_path / "help-confirmed.json", tmp_path / "plans.json"
    settings = tmp_path / "settings.json"
    confirmed.write_text(deep, encoding="utf-8")
    problems: list = []
    assert read_confirmed(confirmed, problems, TODAY) == {}
    assert [(p.field, p.severity) for p in problems] == [("file", "warning")]
    plans.write_text('{"plans": [{"id": "plan-1", "name": "x", "sessions": [[' + huge + "]]}]}",
                     encoding="utf-8")
    book = PlanBook(tmp_path / "none.json", plans)
    assert book.plans == [] and [p.field for p in book.problems] == ["file"]
    settings.write_text('{"suppression_k": ' + huge + "}", encoding="utf-8")
    assert load_settings(settings).suppression_k == 10 and len(load_settings(settings).problems) == 1
    # Notepad's "UTF-8" has a BOM: the file is still read
    confirmed.write_text('\ufeff{"linea-100": "2026-11-02"}', encoding="utf-8")
    assert read_confirmed(confirmed, [], TODAY) == {"linea-100": dt.date(2026, 11, 2)}
    settings.write_text('\ufeff{"suppression_k": 25}', encoding="utf-8")
    assert load_settings(settings).suppression_k == 25
    plans.write_text('\ufeff{"plans": [{"id": "plan-1", "name": "x", "sessions": [["couple"]]}]}',
                     encoding="utf-8")
    assert [p.id for p in PlanBook(tmp_path / "none.json", plans).plans] == ["plan-1"]


def test_a_final_newline_passes_no_code_or_id_check(tmp_path) -> None:
    from kiosk.core.content.confirmed import read_confirmed
    from kiosk.core.content.plans import PLAN_ID
    from kiosk.core.settings import load_settings

    settings = tmp_path / "settings.json"
    settings.write_text('{"dhis2_org_unit": "PE-1\\n"}', encoding="utf-8")
    assert load_settings(settings).dhis2_org_unit == ""
    assert not PLAN_ID.match("plan-1\n")
    confirmed = tmp_path / "help-confirmed.json"
    confirmed.write_text('{"linea-100\\n": "2026-11-02"}', encoding="utf-8")
    assert read_confirmed(confirmed, [], TODAY) == {}


def test_the_dhis2_mapping_cannot_put_a_formula_or_a_newline_in_the_export(tmp_path) -> None:
    import json

    import pytest

    from kiosk.core.usage.formats import ExportError, load_mapping

    example = json.loads(open("docs/dhis2-mapping.example.json", encoding="utf-8").read())
    for field, value in (("org_unit", '=HYPERLINK("http://x","y")'), ("org_unit", "PE\n1,2")):
        (tmp_path / "dhis2-mapping.json").write_text(json.dumps({**example, field: value}), encoding="utf-8")
        with pytest.raises(ExportError, match="org_unit"):
            load_mapping(tmp_path)
    bad = {**example, "data_elements": {"quick_exit": "@SUM(A1)"}}
    (tmp_path / "dhis2-mapping.json").write_text(json.dumps(bad), encoding="utf-8")
    with pytest.raises(ExportError, match="data_elements"):
        load_mapping(tmp_path)
    (tmp_path / "dhis2-mapping.json").write_text(json.dumps(example), encoding="utf-8")
    assert load_mapping(tmp_path)["org_unit"] == "PE-PUNO-CS-ILAVE"


# ---------------------------------------------------------------- the community review sheet

def _sheet(paths, tmp_path):  # type: ignore[no-untyped-def]
    from kiosk.core.review import write_sheet

    out = tmp_path / "qu.csv"
    write_sheet(paths, "qu", out)
    return out


def _apply(paths, sheet) -> tuple[int, list[str]]:  # type: ignore[no-untyped-def]
    import io

    from kiosk.core.review import apply_sheet

    out = io.StringIO()
    return apply_sheet(paths, sheet, out, today=TODAY), out.getvalue().splitlines()


def _rows(sheet) -> list[dict[str, str]]:  # type: ignore[no-untyped-def]
    import csv

    with sheet.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def _write(sheet, rows: list[dict[str, str]], header: list[str] | None = None) -> None:  # type: ignore[no-untyped-def]
    import csv

    with sheet.open("w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f)
        w.writerow(header or list(rows[0]))
        w.writerows([list(r.values()) for r in rows])


def test_a_text_that_looks_like_a_formula_stays_text_in_the_sheet_and_still_applies(paths, tmp_path) -> None:
    module = paths.content / "modules" / "01-couple.yaml"
    formula = '=HYPERLINK("http://x.example/?"&A1;"Maqayqa")'
    module.write_text(module.read_text(encoding="utf-8").replace('qu: "Maqayqa k\'irim."',
                                                                 f"qu: '{formula}'"), encoding="utf-8")
    sheet = _sheet(paths, tmp_path)
    rows = _rows(sheet)
    hit = next(r for r in rows if r["key"] == "couple.hit")
    assert hit["qu"] == "'" + formula  # a spreadsheet shows it, never runs it
    for row in rows:
        assert not any(cell.startswith(("=", "+", "-", "@")) for cell in row.values()), row
    hit.update(verdict="ok", role="intérprete", date="2026-11-20")
    _write(sheet, rows)
    code, said = _apply(paths, sheet)
    assert code == 0 and "1 texts reviewed" in said[-1], said


def test_a_sheet_with_a_huge_cell_a_doubled_column_or_a_text_twice_is_refused_in_one_line_each(
        paths, tmp_path) -> None:
    sheet = _sheet(paths, tmp_path)
    rows = _rows(sheet)
    header = list(rows[0])
    big = [dict(rows[0], es="x" * 200_000)]
    _write(sheet, big)
    code, said = _apply(paths, sheet)
    assert code == 1 and said[0].startswith(f"{sheet}:2: file: not a CSV sheet"), said
    _write(sheet, rows, [h if h != "status" else "key" for h in header])
    code, said = _apply(paths, sheet)
    assert code == 1 and said[0] == f"{sheet}:1: key: column appears twice: make a new sheet with kiosk " \
                                    "content review-sheet", said
    first = dict(rows[0], verdict="ok", role="intérprete", date="2026-11-20")
    again = dict(rows[0], verdict="cambiar", role="traductora", date="2026-11-21")
    _write(sheet, [first, again])
    code, said = _apply(paths, sheet)
    assert code == 1, said
    assert said[0].startswith(f"{sheet}:3: key: '{first['key']}' is filled in on line 2 already"), said
    assert not (paths.content / "reviews" / "qu.yaml").exists()  # nothing applied


def test_a_hand_edited_review_record_file_with_a_future_day_or_a_key_twice_is_named(tmp_path) -> None:
    from kiosk.core.content.reviews import load_reviews

    content = tmp_path / "content"
    (content / "reviews").mkdir(parents=True)
    record = "  - {{key: couple.hit, verdict: {v}, role: intérprete, on: {on}, text: '123456789012'}}\n"
    (content / "reviews" / "qu.yaml").write_text(
        "language: qu\nreviews:\n" + record.format(v="ok", on="2999-01-01")
        + record.format(v="change", on="2026-11-01") + record.format(v="ok", on="2026-11-02"),
        encoding="utf-8")
    problems: list = []
    reviews = load_reviews(content, problems)
    assert reviews["qu"]["couple.hit"].verdict == "change"  # the first valid record; never the future one
    assert [(p.line, p.field, p.severity) for p in problems] == [(3, "reviews[1].on", "warning"),
                                                                  (5, "reviews[3].key", "warning")]


# ---------------------------------------------------------------- the on-screen local help form

def _form(**changes):  # type: ignore[no-untyped-def]
    from kiosk.core.content.localhelp import HelpForm

    base = HelpForm("Centro de Salud Ayaviri", "051 563 101", "de lunes a viernes, de 8 a 14", ("es", "qu"),
                    "Ayaviri", TODAY - dt.timedelta(days=2))
    return base._replace(**changes)


HOSTILE_FORMS = [
    ({"name": ""}, "name: give the name"),
    ({"name": "   \n "}, "name: give the name"),
    ({"name": "x" * 5_000}, "name: at most 80 characters"),
    ({"hours": "8 a 14 " * 100}, "hours: at most 120 characters"),
    ({"name": "Centro\x00\x1b[31m"}, "name: an invisible character"),
    ({"where": "Ayaviri \u202eirivayA"}, "where: an invisible character"),
    ({"languages": ()}, "languages: tick at least one"),
    ({"checked": dt.date(2099, 1, 1)}, "checked: 2099-01-01 is still to come"),
]


def test_a_hostile_or_empty_form_value_is_refused_with_its_field_and_the_file_stays(tmp_path) -> None:
    import pytest

    from kiosk.core.content.localhelp import HelpRefused, save_entry

    path = tmp_path / "help-local.yaml"
    save_entry(path, _form(), set(), today=TODAY)
    before = path.read_bytes()
    for changes, message in HOSTILE_FORMS:
        with pytest.raises(HelpRefused, match="^" + message.replace("(", r"\(")):
            save_entry(path, _form(**changes), set(), today=TODAY)
        assert path.read_bytes() == before and list(tmp_path.iterdir()) == [path], changes


def test_line_breaks_colons_and_quotes_in_a_form_never_make_more_yaml(tmp_path) -> None:
    from kiosk.core.content import yamlsafe
    from kiosk.core.content.localhelp import save_entry

    path = tmp_path / "help-local.yaml"
    name = 'Centro: "A" \'B\' #1\nsay: {es: otra cosa}\n- id: intrusa'
    hostile = _form(name=name, hours="8:00 - 14:00\n---\n...", where="&a *a !!python/x")
    saved = save_entry(path, hostile, set(), today=TODAY)
    entries = yamlsafe.load(path)["entries"]
    assert len(entries) == 1 and set(entries[0]) >= {"id", "name", "say"}
    assert saved.name == entries[0]["name"] == " ".join(name.split())  # one line, every character kept
    assert saved.say.get("es").startswith('Centro: "A" \'B\' #1 say: {es: otra cosa} - id: intrusa.')


def test_a_data_folder_that_cannot_be_written_is_one_line_not_a_traceback(tmp_path) -> None:
    import pytest

    from kiosk.core.content.localhelp import HelpRefused, save_entry

    blocker = tmp_path / "data"
    blocker.write_text("a file where the folder should be", encoding="utf-8")
    with pytest.raises(HelpRefused, match="^file: help-local.yaml cannot be written"):
        save_entry(blocker / "help-local.yaml", _form(), set(), today=TODAY)


def test_a_local_help_entry_confirmed_on_a_day_to_come_counts_as_never_confirmed(tmp_path) -> None:
    from kiosk.core.content.localhelp import save_entry
    from kiosk.core.content.parsers import load_help

    path = tmp_path / "help-local.yaml"
    save_entry(path, _form(), set(), today=TODAY)
    path.write_text(path.read_text(encoding="utf-8").replace(f"checked: {TODAY - dt.timedelta(days=2)}",
                                                             "checked: 2999-01-01"), encoding="utf-8")
    problems: list = []
    (entry,) = load_help(path, problems, ("es", "qu", "ay"), True)
    assert entry.number == "051 563 101" and entry.checked is None  # still offered, never "confirmed"
    said = [(p.field, p.severity) for p in problems if "checked" in p.field]
    assert said == [("entries[1].checked", "warning")]


def test_a_help_day_with_a_clock_time_is_one_line_for_the_kiosk_and_the_checker(paths) -> None:
    import io

    from kiosk.core.check import check_command

    national = paths.content / "help" / "national.yaml"
    text = national.read_text(encoding="utf-8")
    national.write_text(text.replace("    checked: never", "    checked: 2026-11-01 10:00:00", 1),
                        encoding="utf-8")
    lib = load_library(paths.content)
    assert [(p.field, p.severity) for p in lib.problems if p.field.endswith("checked")] == [
        ("entries[1].checked", "error")]
    out = io.StringIO()
    assert check_command(paths, as_json=False, out=out) == 1
    assert "national.yaml:40: entries[1].checked: error: the day a person confirmed" in out.getvalue()


# ---------------------------------------------------------------- plans and the presented session

def test_a_hand_edited_plans_file_with_wrong_types_or_too_many_plans_is_named(tmp_path) -> None:
    import json

    from kiosk.core.content.plans import MAX_PLANS, PlanBook

    def plan(n: int, **changes: object) -> dict:
        return {"id": f"plan-{n}", "name": "Semana 1", "sessions": [["couple"]], **changes}

    entries = [plan(1, sessions="couple"), plan(2, sessions={"couple": 1}), plan(3, sessions=[[1, 2]]),
               plan(4, name=["María Quispe"]), plan(5, name="Semana\u202e 1"), plan(6, id="plan-6\n"),
               plan(7)] + [plan(n) for n in range(8, MAX_PLANS + 5)]
    saved = tmp_path / "plans.json"
    saved.write_text(json.dumps({"plans": entries}), encoding="utf-8")
    book = PlanBook(tmp_path / "none.json", saved)
    assert [p.id for p in book.plans][:1] == ["plan-7"] and len(book.plans) == MAX_PLANS - 6
    assert [p.field for p in book.problems] == ["plans", "plans[1]", "plans[2]", "plans[3]", "plans[4]",
                                                "plans[5].name", "plans[6].id"]


def test_a_presented_session_logs_a_plan_id_and_an_enabled_language_or_does_not_start(tmp_path) -> None:
    import pytest

    session = Session(load_library(make_content(tmp_path / "content")), ONE, today=lambda: TODAY)
    for plan, lang in (("Semana de María", "es"), ("plan-1", "qu"), ("plan-1", "María")):
        with pytest.raises(ValueError):
            session.start_course(plan, ("couple",), "6-10", lang)
        assert session.course is None
    session.start_course("plan-1", ("couple",), "6-10", "es")
    assert session.course is not None


def test_confirming_on_screen_over_a_damaged_confirmations_file_keeps_that_file(tmp_path) -> None:
    import json

    from kiosk.core.content.localhelp import confirm
    from kiosk.core.content.parsers import load_help

    store = tmp_path / "help-confirmed.json"
    damaged = '{"linea-100": "2026-11-01", "chat-100": "2026-11-0'  # cut off by a power failure
    store.write_text(damaged, encoding="utf-8")
    (entry,) = [h for h in load_help(make_content(tmp_path / "c") / "help" / "national.yaml", [],
                                     ("es", "qu", "ay"), False) if h.id == "linea-100"]
    confirm(tmp_path / "help-local.yaml", entry, TODAY, store)
    assert json.loads(store.read_text(encoding="utf-8")) == {"linea-100": TODAY.isoformat()}
    assert (tmp_path / "help-confirmed.json.damaged").read_text(encoding="utf-8") == damaged


def test_a_staff_text_with_a_placeholder_gone_wrong_shows_the_spanish_not_a_traceback(tmp_path) -> None:
    from kiosk.ui.staff import StaffTexts

    path = tmp_path / "staff.yaml"
    path.write_text('languages:\n  es: {status: draft}\n  qu: {status: draft}\n  ay: {status: draft}\n'
                    'prompts:\n  staff.help.saved: {es: "Guardado: {name}", qu: "Waqaychasqa: {sutin}", '
                    'ay: "{name"}\n',
                    encoding="utf-8")
    texts = StaffTexts(path)
    assert texts("staff.help.saved", "qu", name="Posta") == "Guardado: Posta"
    assert texts("staff.help.saved", "ay", name="Posta") == "Guardado: Posta"
    assert texts("staff.help.saved", "es", name="Posta") == "Guardado: Posta"


def test_help_names_and_source_dates_by_hand_that_the_kiosk_would_show_wrongly_are_left_out(tmp_path) -> None:
    from kiosk.core.content.localhelp import save_entry
    from kiosk.core.content.parsers import load_help

    path = tmp_path / "help-local.yaml"
    save_entry(path, _form(), set(), today=TODAY)
    text = path.read_text(encoding="utf-8").replace(
        "  say:\n", '  source_date: 2999-01-01\n  names: {qu: "Posta\\u202e", ay: "' + "a" * 200 + '"}\n'
        "  say:\n")
    path.write_text(text, encoding="utf-8")
    problems: list = []
    (entry,) = load_help(path, problems, ("es", "qu", "ay"), True)
    assert entry.names == () and entry.source_date is None and entry.number == "051 563 101"
    assert sorted(p.field for p in problems if p.severity == "warning" and "say" not in p.field) == [
        "entries[1].names.ay", "entries[1].names.qu", "entries[1].source_date"]


def test_saving_a_plan_keeps_a_copy_of_a_plans_file_that_was_not_read_whole(tmp_path) -> None:
    import json

    from kiosk.core.content.plans import Plan, PlanBook

    saved = tmp_path / "plans.json"
    by_hand = json.dumps({"plans": [{"id": "plan-1", "name": "Semana 1", "sessions": [["couple"]]},
                                    {"id": "plan-2", "name": "Semana 2", "sessions": "couple, phone"}]})
    saved.write_text(by_hand, encoding="utf-8")
    book = PlanBook(tmp_path / "none.json", saved)
    book.save(Plan(book.new_id(), "Semana 3", (("couple",),)))
    assert (tmp_path / "plans.json.damaged").read_text(encoding="utf-8") == by_hand
    assert [p.id for p in PlanBook(tmp_path / "none.json", saved).own] == ["plan-1", "plan-2"]


def test_a_groups_hands_and_its_session_cell_are_suppressed_like_any_count(tmp_path) -> None:
    """Held on main, kept as a rule: a show of hands below k and the one group_course cell of a
    session never leave the kiosk; only the day is stored, never the plan's name."""
    day = TODAY.isoformat()
    hands = [Event("hands_counted", day, "es", "couple", "q-hit", "yes")] * 12 + \
        [Event("hands_counted", day, "es", "couple", "q-hit", "no")] * 3
    course = [Event("group_course", day, "es", "plan-1", "couple", "6-10")]
    shown = insights.suppress(insights.aggregate(_counts(hands + course)))
    assert set(shown) == {(TODAY.isoformat()[:7], "hands_counted", "*", "couple", "q-hit", "yes")}
