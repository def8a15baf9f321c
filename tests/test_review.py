"""The community review kit (issue 17): a sheet per language, filled in a spreadsheet, applied."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.core.check import check
from kiosk.core.content import load_library
from kiosk.core.review import apply_sheet
from kiosk.paths import Paths

KEYS = ["couple.title", "couple.hit", "know-your-phone.title"]  # the three texts the "reviewer" approves
ROLE, DAY = "promotora de salud", "2026-11-20"


def sheet(paths: Paths, tmp_path: Path, lang: str = "qu") -> Path:
    out = tmp_path / f"{lang}.csv"
    code = main(["--data-dir", str(paths.data), "--content-dir", str(paths.content),
                 "content", "review-sheet", "--lang", lang, str(out)])
    assert code == 0 and out.exists()
    return out


def read(path: Path, delimiter: str = ",") -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f, delimiter=delimiter))


def fill(path: Path, rows: list[dict[str, str]], verdicts: dict[str, tuple[str, str, str]],
         delimiter: str = ",", extra: str | None = None) -> None:
    fields = list(rows[0])
    if extra:
        fields.append(extra)
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.DictWriter(f, fields, delimiter=delimiter)
        writer.writeheader()
        for row in rows:
            verdict, role, day = verdicts.get(row["key"], ("", "", ""))
            writer.writerow({**row, "verdict": verdict, "role": role, "date": day,
                             **({extra: "x"} if extra else {})})


def apply(paths: Paths, path: Path, today: dt.date = dt.date(2026, 12, 1)) -> tuple[int, str]:
    out = io.StringIO()
    return apply_sheet(paths, path, out, today=today), out.getvalue()


def reviewed(paths: Paths, lang: str = "qu") -> dict[str, tuple[str, str]]:
    lib = load_library(paths.content)
    out = {}
    for text, file in lib.texts_with_files():
        if lib.is_reviewed(text, lang, file):
            record = lib.review(text, lang)
            assert record is not None
            out[text.key] = (record.role, record.on.isoformat())
    return out


def test_a_qu_sheet_round_trips_three_verdicts_and_an_edit_makes_a_text_draft_again(paths, tmp_path) -> None:
    path = sheet(paths, tmp_path)
    rows = read(path)
    assert list(rows[0]) == ["key", "file", "clip", "es", "qu", "status", "verdict", "role", "date",
                             "fingerprint"]
    lib = load_library(paths.content)
    # every text with a Quechua version (a language's own name is only ever said in it: not asked)
    assert len(rows) == sum(1 for t, _ in lib.texts_with_files()
                            if t.get("qu") and t.key != "prompt.language.self")
    hit = next(r for r in rows if r["key"] == "couple.hit")
    assert hit["es"] == "Pegar es daño." and hit["qu"] == "Maqayqa k'irim." and hit["status"] == "draft"
    assert hit["clip"].startswith("qu/synthetic/couple.hit.") and hit["clip"].endswith(".ogg")
    assert hit["file"] == "modules/01-couple.yaml"

    fill(path, rows, {key: ("ok", ROLE, DAY) for key in KEYS} | {"couple.insult": ("cambiar", ROLE, DAY)})
    code, said = apply(paths, path)
    assert code == 0, said
    assert "3 texts reviewed, 1 marked 'cambiar'" in said
    assert reviewed(paths) == {key: (ROLE, DAY) for key in KEYS}
    assert reviewed(paths, "ay") == {}  # a qu sheet says nothing about Aymara
    summary = check(paths)["summary"]["languages"]["qu"]
    assert summary["reviewed_pct"] == round(100 * 3 / summary["of"], 1)
    record_file = (paths.content / "reviews" / "qu.yaml").read_text(encoding="utf-8")
    body = [ln.strip() for ln in record_file.splitlines() if not ln.startswith("#")]
    assert {ln.split(":")[0].lstrip("- ") for ln in body[2:]} == {"key", "verdict", "role", "on", "text"}

    # An edit to one of them afterwards: it is a draft again; the other two stay reviewed.
    module = paths.content / "modules" / "01-couple.yaml"
    edited = module.read_text(encoding="utf-8").replace("Maqayqa k'irim.", "Maqayqa k'irim, manam allinchu.")
    module.write_text(edited, encoding="utf-8")
    assert set(reviewed(paths)) == {"couple.title", "know-your-phone.title"}
    stale = [p for p in check(paths)["problems"] if p.field == "couple.hit"]
    assert len(stale) == 1 and "draft again" in stale[0].message
    # ... and so is a change of the Spanish the translation was reviewed against
    phone = paths.content / "modules" / "02-phone.yaml"
    edited = phone.read_text(encoding="utf-8").replace('es: "Tu celular"', 'es: "Tu teléfono celular"')
    phone.write_text(edited, encoding="utf-8")
    assert set(reviewed(paths)) == {"couple.title"}


def test_a_spreadsheet_saved_with_semicolons_and_peruvian_dates_applies(paths, tmp_path) -> None:
    path = sheet(paths, tmp_path, "ay")
    fill(path, read(path), {"couple.title": ("Bien", "Docente bilingue", "20/11/2026")}, delimiter=";")
    code, said = apply(paths, path)
    assert code == 0, said
    assert reviewed(paths, "ay") == {"couple.title": ("docente bilingüe", "2026-11-20")}


BAD = [
    ("a name as role", ("ok", "Rosa Quispe Mamani", DAY), "role", "looks like a person's name"),
    ("a role not in the list", ("ok", "mi vecina", DAY), "role", "is not a role of the kit"),
    ("free text as verdict", ("está bien pero cambiaría la segunda frase", ROLE, DAY), "verdict",
     "is not a verdict"),
    ("no date", ("ok", ROLE, ""), "date", "is not a day"),
    ("a date in the future", ("ok", ROLE, "2027-01-05"), "date", "in the future"),
    ("role without verdict", ("", ROLE, DAY), "verdict", "empty while role or date"),
]


@pytest.mark.parametrize("what,cells,column,message", BAD, ids=[b[0] for b in BAD])
def test_a_bad_row_is_one_line_and_nothing_is_applied(paths, tmp_path, what, cells, column, message) -> None:
    path = sheet(paths, tmp_path)
    rows = read(path)
    fill(path, rows, {"couple.title": ("ok", ROLE, DAY), "couple.hit": cells})
    line = 2 + [r["key"] for r in rows].index("couple.hit")
    code, said = apply(paths, path)
    assert code == 1
    problems = [ln for ln in said.splitlines() if not ln.endswith("apply the sheet again")]
    assert len(problems) == 1, said
    assert problems[0].startswith(f"{path}:{line}: {column}: ") and message in problems[0], said
    assert reviewed(paths) == {}
    assert not (paths.content / "reviews" / "qu.yaml").exists()


def test_a_column_for_names_is_refused_whole(paths, tmp_path) -> None:
    path = sheet(paths, tmp_path)
    fill(path, read(path), {"couple.title": ("ok", ROLE, DAY)}, extra="Nombre del revisor")
    code, said = apply(paths, path)
    assert code == 1 and f"{path}:1: Nombre del revisor: a column for names" in said
    assert reviewed(paths) == {}


def test_a_text_edited_in_the_sheet_is_not_taken_for_reviewed(paths, tmp_path) -> None:
    path = sheet(paths, tmp_path)
    rows = read(path)
    for row in rows:
        if row["key"] == "couple.hit":
            row["qu"] = "Maqayqa anchatam k'irin."
    fill(path, rows, {"couple.hit": ("ok", ROLE, DAY)})
    code, said = apply(paths, path)
    assert code == 1 and ": qu: the text in the sheet differs" in said


def test_a_text_changed_since_the_sheet_is_skipped_and_the_rest_applies(paths, tmp_path) -> None:
    path = sheet(paths, tmp_path)
    fill(path, read(path), {"couple.title": ("ok", ROLE, DAY), "couple.hit": ("ok", ROLE, DAY)})
    module = paths.content / "modules" / "01-couple.yaml"
    module.write_text(module.read_text(encoding="utf-8").replace("Maqayqa k'irim.", "Maqayqa k'irimmi."),
                      encoding="utf-8")
    code, said = apply(paths, path)
    assert code == 0 and "couple.hit: the text changed after the sheet was made" in said
    assert set(reviewed(paths)) == {"couple.title"}


def test_only_csv_sheets(paths, tmp_path, capsys) -> None:
    code = main(["--data-dir", str(paths.data), "--content-dir", str(paths.content),
                 "content", "review-sheet", "--lang", "qu", str(tmp_path / "qu.pdf")])
    assert code == 2 and "a review sheet is a .csv file" in capsys.readouterr().err


def test_reviews_travel_in_signed_packs() -> None:
    from kiosk.core.packs.fmt import member_kind

    assert member_kind("content/reviews/qu.yaml") == "yaml"
    assert member_kind("content/reviews/qu.csv") is None
