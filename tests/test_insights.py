"""Exports: counts per period over a small hierarchy, small counts and what reveals them left out,
in formats people use (SQLite, CSV for Excel, DHIS2), merged across kiosks; bad files get a line."""

from __future__ import annotations

import csv
import json
import sqlite3

import jsonschema
import pytest

from kiosk.cli import main
from kiosk.core.model import Event
from kiosk.core.usage import formats, insights
from kiosk.core.usage.log import read_counts
from kiosk.core.usage.simulate import month
from tests.conftest import record_events


def record(path, events) -> None:
    record_events(path, events, batch_wait=0.01)


def simulated(path, per_day: float, seed: int = 1, days: int = 30) -> None:
    record(path, [e for v in month(per_day, days=days, seed=seed) for e in v])


def test_a_rural_month_is_mostly_visible_and_nothing_small_is_listed(tmp_path) -> None:
    db = tmp_path / "u.sqlite3"
    simulated(db, 6)
    cells = insights.aggregate(read_counts(db))
    shown = insights.suppress(cells)
    assert insights.visible_share(cells, shown, "session_started", "language") >= 0.8
    assert insights.visible_share(cells, shown, "module_opened", "module") >= 0.7
    formats.export(db, tmp_path / "out.sqlite3", tmp_path)
    _meta, exported = formats.read_export(tmp_path / "out.sqlite3")
    assert exported == shown
    assert all(n >= 10 for n in exported.values())  # no 1..9, and no suppressed cell listed
    assert {c[0] for c in exported} == {"2026-11"}


def test_periods_and_k_can_only_be_raised(tmp_path) -> None:
    assert [insights.period_of("2026-11-30", p) for p in insights.PERIODS] == [
        "2026-W49", "2026-11", "2026-Q4"]
    db = tmp_path / "u.sqlite3"
    simulated(db, 6, days=7)
    week = formats.published(db, "week", k=10)
    strict = formats.published(db, "week", k=25)
    assert all(n >= 25 for n in strict.values()) and len(strict) < len(week)
    with pytest.raises(formats.ExportError, match="at least 10"):
        formats.published(db, k=5)


def test_related_kinds_do_not_subtract_to_a_small_count(tmp_path) -> None:
    db = tmp_path / "u.sqlite3"
    record(db, [Event("module_opened", "2026-11-02", "es", "myths")] * 14
           + [Event("lesson_completed", "2026-11-02", "es", "myths")] * 13)
    shown = formats.published(db)
    opened = {c: n for c, n in shown.items() if c[1] == "module_opened"}
    completed = {c: n for c, n in shown.items() if c[1] == "lesson_completed"}
    assert not (opened and completed), "14 − 13 = 1 would say one woman left a lesson"


def test_the_sqlite_export_declares_its_column_types(tmp_path) -> None:
    db = tmp_path / "u.sqlite3"
    simulated(db, 4)
    formats.export(db, tmp_path / "out.sqlite3", tmp_path)
    out = sqlite3.connect(tmp_path / "out.sqlite3")
    types = {r[1]: r[2] for r in out.execute("PRAGMA table_info(counts)")}
    assert types["count"] == "INTEGER" and types["period"] == "TEXT"
    assert {r[0] for r in out.execute("SELECT typeof(count) FROM counts")} == {"integer"}


def test_the_csv_opens_in_excel_with_accents(tmp_path) -> None:
    db = tmp_path / "u.sqlite3"
    record(db, [Event("module_opened", "2026-11-02", "qu", "ñawi-sumaq")] * 12)
    formats.export(db, tmp_path / "out.csv", tmp_path, fmt="csv")
    raw = (tmp_path / "out.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read UTF-8
    with (tmp_path / "out.csv").open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert {"ñawi-sumaq"} == {r["module"] for r in rows if r["module"] not in ("*", "")}


DATA_VALUE_SET = {  # the structure of DHIS2's /api/dataValueSets payload (docs.dhis2.org)
    "type": "object", "required": ["dataValues"], "additionalProperties": False,
    "properties": {"dataValues": {"type": "array", "items": {
        "type": "object", "additionalProperties": False,
        "required": ["dataElement", "period", "orgUnit", "value"],
        "properties": {"dataElement": {"type": "string", "minLength": 1},
                       "period": {"type": "string", "pattern": r"^\d{6}$|^\d{4}W\d{1,2}$|^\d{4}Q[1-4]$"},
                       "orgUnit": {"type": "string", "minLength": 1},
                       "categoryOptionCombo": {"type": "string", "minLength": 1},
                       "value": {"type": "string", "pattern": r"^\d+$"}}}}}}


def test_dhis2_data_value_sets_validate_and_the_mapping_is_checked(tmp_path, capsys) -> None:
    data = tmp_path / "data"
    data.mkdir()
    simulated(data / "usage.sqlite3", 6)
    example = json.loads(open("docs/dhis2-mapping.example.json", encoding="utf-8").read())
    (data / "dhis2-mapping.json").write_text(json.dumps(example), encoding="utf-8")
    formats.export(data / "usage.sqlite3", tmp_path / "v.json", data, fmt="dhis2-json")
    payload = json.loads((tmp_path / "v.json").read_text(encoding="utf-8"))
    jsonschema.validate(payload, DATA_VALUE_SET)
    assert payload["dataValues"] and {v["period"] for v in payload["dataValues"]} == {"202611"}
    assert all(int(v["value"]) >= 10 for v in payload["dataValues"])
    formats.export(data / "usage.sqlite3", tmp_path / "v.csv", data, fmt="dhis2-csv")
    assert (tmp_path / "v.csv").read_text().splitlines()[0].startswith("dataelement,period,orgunit")
    (data / "dhis2-mapping.json").write_text('{"org_unit": "X",\n "data_elements": [1]}')
    assert main(["--data-dir", str(data), "usage", "export", "--format", "dhis2-json",
                 str(tmp_path / "w.json")]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"{data / 'dhis2-mapping.json'}:1: category_option_combos: missing"]


def test_merge_equals_the_export_of_the_union_where_nothing_is_suppressed(tmp_path) -> None:
    a, b, both = (tmp_path / n for n in ("a", "b", "both"))
    for folder in (a, b, both):
        folder.mkdir()
    big = [Event("session_started", "2026-11-03", "es")] * 30 + [
        Event("module_opened", "2026-11-03", "es", "myths")] * 20
    other = [Event("session_started", "2026-11-09", "es")] * 15 + [
        Event("module_opened", "2026-11-09", "es", "myths")] * 12
    record(a / "u.sqlite3", big)
    record(b / "u.sqlite3", other)
    record(both / "u.sqlite3", big + other)
    for folder in (a, b, both):
        formats.export(folder / "u.sqlite3", folder / "out.sqlite3", folder)
    result = formats.merge([a / "out.sqlite3", b / "out.sqlite3", a / "out.sqlite3"],
                           tmp_path / "m.sqlite3")
    assert result["kiosks"] == 2  # kiosk a given twice counts once
    assert formats.read_export(tmp_path / "m.sqlite3")[1] == formats.read_export(
        both / "out.sqlite3")[1]


def old_export_with_text_counts(path) -> None:
    """A version-1 export whose first 100 cells were suppressed: sqlite-utils typed count TEXT."""
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT)")
    db.execute("INSERT INTO meta VALUES ('format', 'willay-usage-export/2'), ('kiosk', 'x')")
    db.execute("CREATE TABLE counts (period TEXT, kind TEXT, language TEXT, module TEXT, item TEXT, "
               "value TEXT, count TEXT)")
    db.executemany("INSERT INTO counts VALUES ('2026-11', 'step_heard', '*', ?, '*', '100', ?)",
                   [(f"m{i}", None if i < 100 else "12") for i in range(120)])
    db.commit()
    db.close()


@pytest.mark.parametrize("make", ["random", "text-counts", "v1", "missing", "not-sqlite-table"])
def test_bad_files_get_one_line_never_a_traceback(tmp_path, capsys, make) -> None:
    bad = tmp_path / "bad.sqlite3"
    if make == "random":
        bad.write_bytes(b"\x00garbage" * 500)
    elif make == "text-counts":
        old_export_with_text_counts(bad)
    elif make == "v1":
        db = sqlite3.connect(bad)
        db.execute("CREATE TABLE meta (name TEXT, value TEXT)")
        db.execute("INSERT INTO meta VALUES ('format', 'willay-usage-export/1')")
        db.commit()
    elif make == "not-sqlite-table":
        sqlite3.connect(bad).execute("CREATE TABLE other (x)").connection.commit()
    assert main(["usage", "merge", str(tmp_path / "m.sqlite3"), str(bad)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and str(bad) in err[0] and "Traceback" not in err[0]


@pytest.mark.parametrize("command", [["export", "OUT"], ["rollup"], ["report", "OUT.pdf"]])
def test_a_corrupt_log_gets_one_line_from_every_command(tmp_path, capsys, command) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "usage.sqlite3").write_bytes(b"SQLite format 3\x00" + b"\xff" * 5000)
    args = [a.replace("OUT", str(tmp_path / "out")) for a in command]
    assert main(["--data-dir", str(data), "usage", *args]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "usage.sqlite3" in err[0]


def test_usage_export_command(tmp_path, capsys) -> None:
    data = tmp_path / "data"
    data.mkdir()
    record(data / "usage.sqlite3", [Event("session_started", "2026-11-20", "ay")] * 10)
    assert main(["--data-dir", str(data), "usage", "export", str(tmp_path / "x.sqlite3")]) == 0
    assert "2 counts per month written" in capsys.readouterr().out  # all languages, and ay
    assert (data / "install-id").read_text().strip() == formats.install_id(data)


def test_opinion_answers_are_named_in_the_facilitators_language() -> None:
    """The opinions chart says "De acuerdo" / "Arí", never the answers' ids ("agree")."""
    from kiosk.core.content.staff import StaffTexts
    from kiosk.core.usage.summary import ALL, charts

    monthly = {("2026-11", "attitude_answered", ALL, ALL, "jealousy-love", f"{p}:{a}"): 12
               for p in ("before", "after") for a in ("agree", "disagree", "dont-know")}
    for lang, agree in (("es", "De acuerdo"), ("qu", "Arí")):
        opinions = charts(monthly, {}, "2026-11", StaffTexts(lang=lang))[4]
        assert any(name.endswith(agree) for name in opinions.series), list(opinions.series)
        assert not any(name.endswith(("agree", "disagree", "dont-know")) for name in opinions.series)
        assert opinions.series[next(n for n in opinions.series if n.endswith(agree))] == [12]
