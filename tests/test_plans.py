"""Course plans: the shipped examples are built from the curriculum; the facilitator's plans are
saved, reused, duplicated and deleted in one small file of the data folder."""

from __future__ import annotations

import json

import pytest

from kiosk.core.content import load_library
from kiosk.core.content.plans import ROUNDS, Plan, PlanBook, PlanError
from kiosk.ui.workshop import parse_sessions
from tests.conftest import ROOT


def test_the_two_example_plans_use_only_shipped_lessons() -> None:
    library = load_library(ROOT / "content")
    ids = {m.id for m in library.modules}
    book = PlanBook(ROOT / "content" / "plans.json", ROOT / "no-such-folder" / "plans.json")
    assert not book.problems
    ipv, phone = book.examples
    assert len(ipv.sessions) == 5 and len(phone.sessions) == 3
    for plan in book.examples:
        for session in plan.sessions:
            assert all(x in ids or x in ROUNDS for x in session), session
    assert {library.module(m).topic for s in phone.sessions for m in s} == {"digital"}
    assert ipv.sessions[0][0] == "attitudes:before" and ipv.sessions[-1][-1] == "attitudes:after"


def test_plans_are_saved_duplicated_and_deleted_in_the_data_folder(tmp_path) -> None:
    shipped, saved = ROOT / "content" / "plans.json", tmp_path / "data" / "plans.json"
    book = PlanBook(shipped, saved)
    plan = book.save(Plan(book.new_id(), "  Semana   1 ", (("myths", "your-rights"),)),
                     {"myths", "your-rights"})
    assert plan == Plan("plan-1", "Semana 1", (("myths", "your-rights"),))
    copy = book.duplicate("example-phone", "Celular, otra vez")
    assert copy.id == "plan-2" and copy.sessions == book.get("example-phone").sessions
    again = PlanBook(shipped, saved)  # reused after a restart
    assert [p.id for p in again.own] == ["plan-1", "plan-2"]
    again.delete("plan-1")
    assert [p["id"] for p in json.loads(saved.read_text(encoding="utf-8"))["plans"]] == ["plan-2"]
    assert not list(saved.parent.glob("*.tmp"))
    with pytest.raises(PlanError, match="example plans cannot be changed"):
        again.save(Plan("example-ipv", "Mío", (("myths",),)))
    with pytest.raises(PlanError, match="example plans cannot be deleted"):
        again.delete("example-ipv")
    with pytest.raises(PlanError, match=r"sessions\[1\]: no lesson 'nope'"):
        again.save(Plan(again.new_id(), "X", (("nope",),)), {"myths"})
    with pytest.raises(PlanError, match="name: give the plan a name"):
        again.save(Plan(again.new_id(), " ", (("myths",),)))


def test_a_broken_plans_file_is_named_and_the_rest_still_loads(tmp_path) -> None:
    saved = tmp_path / "plans.json"
    saved.write_text(json.dumps({"plans": [
        {"id": "plan-1", "name": "Bien", "sessions": [["myths"]]},
        {"id": "plan-2", "name": "", "sessions": [["myths"]]},
        {"id": "plan-3", "name": "Sin sesiones"}]}), encoding="utf-8")
    book = PlanBook(tmp_path / "none.json", saved)
    assert [p.id for p in book.own] == ["plan-1"]
    assert [f"{p.field}: {p.message}" for p in book.problems] == [
        "plans[2].name: give the plan a name, like «Semana 1 y 2»",
        "plans[3]: needs id, name and sessions (lists of ids)"]


def test_sessions_are_written_as_lesson_numbers() -> None:
    orders = {1: "violence-in-couple", 2: "cycle-and-children", 3: "jealousy-and-control"}
    assert parse_sessions("Semana 1: antes, 01, 02\nSemana 2: 3 después\n\n", orders) == (
        ("attitudes:before", "violence-in-couple", "cycle-and-children"),
        ("jealousy-and-control", "attitudes:after"))
    with pytest.raises(PlanError, match=r"sessions\[2\]: '44' is not a lesson number"):
        parse_sessions("01\n44", orders)


def test_the_settings_org_unit_and_threshold_reach_the_exports(tmp_path, capsys) -> None:
    from kiosk.cli import main
    from kiosk.core.settings import Settings, save_settings
    from kiosk.core.usage import formats
    from tests.test_insights import simulated

    data = tmp_path / "data"
    data.mkdir()
    simulated(data / "usage.sqlite3", 6)
    (data / "dhis2-mapping.json").write_text(
        (ROOT / "docs" / "dhis2-mapping.example.json").read_text(encoding="utf-8"), encoding="utf-8")
    save_settings(data / "settings.json", Settings(dhis2_org_unit="PE-PUNO-0042", suppression_k=25))
    assert main(["--data-dir", str(data), "usage", "export", "--format", "dhis2-json",
                 str(tmp_path / "v.json")]) == 0
    values = json.loads((tmp_path / "v.json").read_text(encoding="utf-8"))["dataValues"]
    assert values and {v["orgUnit"] for v in values} == {"PE-PUNO-0042"}
    assert min(int(v["value"]) for v in values) >= 25
    assert "counts under 25" in capsys.readouterr().out
    assert main(["--data-dir", str(data), "usage", "export", "--k", "12", str(tmp_path / "x.sqlite3")]) == 1
    assert "it can only be raised" in capsys.readouterr().err
    assert formats.DEFAULT_K == 10
