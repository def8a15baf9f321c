"""Help entries tell the truth (issue 17): ``checked`` is the day a person confirmed the number;
an article's date is ``source_date``; a facilitator's confirmations in the data folder apply;
names per language; what our sources do not give is said, never invented."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

from kiosk.core.check import check
from kiosk.core.content import load_library
from kiosk.core.content.confirmed import MAX_BYTES, read_confirmed
from kiosk.core.model import Problem
from kiosk.core.session import Screen, Session, State
from kiosk.core.settings import Settings
from kiosk.core.status import facilitator_report
from kiosk.paths import Paths

ROOT = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 12, 1)


def test_no_shipped_entry_takes_an_articles_date_for_a_confirmation() -> None:
    lib = load_library(ROOT / "content")
    assert not lib.errors, lib.errors
    dated = {h.id: h for h in lib.help if h.source_date}
    assert {"linea-100", "chat-100", "cem"} <= set(dated)
    assert all(h.checked is None for h in lib.help)  # nobody has phoned any of them yet
    legal, chat = lib.help_entry("legal-aid"), lib.help_entry("chat-100")
    assert legal and chat and legal.number == chat.number == ""  # none in our sources: none invented
    for entry in (legal, chat):
        for lang in ("es", "qu", "ay"):
            said = re.sub(r"(Línea|Chat) 100", "", entry.say.get(lang) or "")
            assert not re.search(r"\d{3,}", said), (entry.id, lang)
    assert "Todavía no tenemos su número" in (legal.say.get("es") or "")
    assert "Todavía no tenemos su dirección en internet" in (chat.say.get("es") or "")


def test_the_checker_and_the_panel_say_never_confirmed(paths: Paths) -> None:
    problems = check(paths, today=TODAY)["problems"]
    line = next(p for p in problems if p.field == "linea-100.checked")
    assert "never confirmed (its source is dated 2025-12-25, which confirms nothing)" in line.message
    lib = load_library(paths.content)
    from kiosk.core.usage.log import UsageLog

    usage = UsageLog(paths.data / "u.sqlite3", autostart=False)
    try:
        report = facilitator_report(lib, Settings(), usage, "")
    finally:
        usage.close()
    assert "nunca confirmados por una persona" in report and "Línea 100" in report


def write(paths: Paths, doc: object) -> Path:
    paths.data.mkdir(parents=True, exist_ok=True)
    path = paths.data / "help-confirmed.json"
    path.write_text(json.dumps(doc, indent=1) if not isinstance(doc, str) else doc, encoding="utf-8")
    return path


def test_a_facilitators_confirmation_in_the_data_folder_applies(paths: Paths) -> None:
    path = write(paths, {"linea-100": "2026-11-30"})
    lib = load_library(paths.content, confirmed=path)
    entry = lib.help_entry("linea-100")
    assert entry is not None and entry.checked == dt.date(2026, 11, 30)
    assert not [p for p in lib.problems if p.file == path]
    problems = check(paths, today=TODAY)["problems"]
    assert not [p for p in problems if p.field == "linea-100.checked"]
    assert [p for p in problems if p.field == "cem.checked"]


BAD = [
    ({"linea-100": "30/11/2026"}, "linea-100", "is not a day like 2026-12-02"),
    ({"linea-100": "2031-01-01"}, "linea-100", "in the future"),
    ({"linea-100": 20261130}, "linea-100", "is not a day"),
    ({"no-such-service": "2026-11-30"}, "no-such-service", "no help entry has this id"),
    ({"Línea 100": "2026-11-30"}, "Línea 100", "not a help entry id"),
    ('{"linea-100": "2026-11-30",', "file", "not JSON"),
    (["linea-100"], "file", "must be"),
]


def test_each_bad_confirmation_is_one_line_and_the_rest_applies(paths: Paths) -> None:
    for doc, fieldname, message in BAD:
        if isinstance(doc, dict):
            doc = {**doc, "cem": "2026-11-29"}
        path = write(paths, doc)
        lib = load_library(paths.content, confirmed=path)
        mine = [p for p in lib.problems if p.file == path]
        assert len(mine) == 1, (doc, mine)
        assert mine[0].field == fieldname and message in mine[0].message and mine[0].severity == "warning"
        cem = lib.help_entry("cem")
        assert cem is not None
        assert cem.checked == (dt.date(2026, 11, 29) if isinstance(doc, dict) else None)
        assert str(mine[0]).startswith(f"{path}:")


def test_an_oversized_confirmation_file_is_not_read(tmp_path: Path) -> None:
    path = tmp_path / "help-confirmed.json"
    path.write_text(" " * (MAX_BYTES + 1), encoding="utf-8")
    problems: list[Problem] = []
    assert read_confirmed(path, problems) == {}
    assert len(problems) == 1 and "larger than" in problems[0].message


def test_a_quechua_or_aymara_session_shows_the_entrys_own_name(paths: Paths) -> None:
    lib = load_library(paths.content)
    session = Session(lib, Settings(), today=lambda: TODAY)
    for lang, name in (("qu", "Pakakunapaq wasikuna"), ("ay", "Imantasiñ utanaka"),
                       ("es", "Hogares de Refugio Temporal")):
        session.state = State(screen=Screen.HELP, lang=lang)
        captions = [t.caption for t in session.view().tiles]
        assert name in captions, (lang, captions)
        assert "Línea 100" in captions  # an institution keeps the name people know
    shelters = lib.help_entry("shelters")
    assert shelters is not None
    for lang in ("qu", "ay"):
        assert "Refugio" not in (shelters.say.get(lang) or "")
