"""The community review kit: ``kiosk content review-sheet`` and ``kiosk content review-apply``.

A sheet is a CSV file a reviewer fills in with any spreadsheet (LibreOffice, Excel, Google Sheets):
one row per text of a language, with its key, file, clip and the Spanish beside it, and three
columns to fill — ``verdict`` (ok / cambiar), ``role`` (one of ``reviews.ROLES``, never a name)
and ``date``. Applying it writes ``content/reviews/<lang>.yaml`` (kiosk.core.content.reviews):
only the rows that say ok become reviewed, with that role and day, and only while the text keeps
the words reviewed. docs/decisions/024-review-kit.md says why CSV and why all-or-nothing.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

from kiosk.core.audio.voices import clip_name, clip_words
from kiosk.core.content import Library, load_library
from kiosk.core.content.reviews import (
    CHANGE,
    OK,
    ROLES,
    Review,
    fingerprint,
    load_reviews,
    reviews_file,
    write_reviews,
)
from kiosk.core.model import LANGUAGES, Problem, Text
from kiosk.paths import Paths

FILLED = ("verdict", "role", "date")
# Words a reviewer may write as a verdict (any case, accents optional) and what each means.
VERDICT_WORDS = {"ok": OK, "bien": OK, "si": OK, "correcto": OK,
                 "cambiar": CHANGE, "change": CHANGE, "corregir": CHANGE}
# Headers of a column for who someone is: refused whole, since the kit keeps roles, never names.
_PERSONAL = re.compile(r"nombre|name|apellido|revisor|reviewer|firma|signature|dni|documento|"
                       r"tel[eé]fono|celular|phone|correo|e-?mail|direcci[oó]n|address", re.I)
MAX_ROWS = 50_000
MAX_BYTES = 20 * 1024 * 1024
EARLIEST = dt.date(2020, 1, 1)
FP = "fp:"  # before the fingerprint in a sheet: a spreadsheet never reads "12345e67890a" as a number
# A cell a spreadsheet would run as a formula (=HYPERLINK(…), +…, -…, @…): written after a "'" so it
# stays text (OWASP's advice for CSV), and read back without it.
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def as_text(cell: str) -> str:
    return "'" + cell if cell.startswith(_FORMULA) else cell


def _words(cell: str) -> str:
    """A cell's words as the sheet wrote them (its "'" before a formula sign taken off)."""
    if cell[:1] == "'" and cell[1:].startswith(_FORMULA):
        cell = cell[1:]
    return " ".join(cell.split())


def columns(lang: str) -> list[str]:
    text_cols = ["es"] if lang == "es" else ["es", lang]
    return ["key", "file", "clip", *text_cols, "status", *FILLED, "fingerprint"]


def _clip(paths: Paths, text: Text, lang: str) -> str:
    """The clip that speaks it: a recording made for these words if there is one, else the name the
    synthetic clip has (``kiosk voices render`` makes it)."""
    words = text.get(lang) or ""
    recorded = clip_name(text.key, clip_words(words, lang, "recorded"))
    for folder in (paths.recordings / lang, paths.audio / lang / "recorded"):
        if (folder / recorded).exists():
            return f"{lang}/recorded/{recorded}"
    return f"{lang}/synthetic/{clip_name(text.key, clip_words(words, lang, 'synthetic'))}"


def _status(lib: Library, text: Text, lang: str, file: Path) -> str:
    record = lib.review(text, lang)
    if record is not None:
        return f"{'reviewed' if record.verdict == OK else 'cambiar'} {record.on} ({record.role})"
    return "reviewed" if lib.is_reviewed(text, lang, file) else "draft"


def write_sheet(paths: Paths, lang: str, out: Path) -> int:
    """Write the sheet for ``lang``; returns the number of rows (texts)."""
    lib = load_library(paths.content)
    rows = 0
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns(lang))
    for text, file in lib.texts_with_files():
        words = text.get(lang)
        if not words or text.key == "prompt.language.self":
            continue
        try:
            where = file.relative_to(paths.content).as_posix()
        except ValueError:
            where = file.name
        text_cols = [words] if lang == "es" else [text.get("es") or "", words]
        writer.writerow([as_text(cell) for cell in (text.key, where, _clip(paths, text, lang), *text_cols,
                         _status(lib, text, lang, file), "", "", "", FP + fingerprint(text, lang))])
        rows += 1
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(buffer.getvalue(), encoding="utf-8-sig")  # the BOM: Excel then reads UTF-8
    return rows


def _fold(value: str) -> str:
    plain = unicodedata.normalize("NFKD", value)
    return " ".join("".join(c for c in plain if not unicodedata.combining(c)).lower().split())


_ROLES = {_fold(r): r for r in ROLES}


def _looks_like_a_name(value: str) -> bool:
    words = value.split()
    return 1 <= len(words) <= 4 and all(w[:1].isupper() for w in words) and _fold(value) not in _ROLES


def _day(value: str) -> dt.date | None:
    value = value.strip()
    m = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", value) or None
    parts: tuple[int, int, int] | None = None
    if m:
        parts = (int(m[1]), int(m[2]), int(m[3]))
    else:
        m = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", value)  # 02/12/2026, as in Peru
        if m:
            parts = (int(m[3]), int(m[2]), int(m[1]))
    if parts is None:
        return None
    try:
        return dt.date(*parts)
    except ValueError:
        return None


class Applied:
    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.records: list[Review] = []
        self.empty = 0
        self.stale = 0

    @property
    def refused(self) -> bool:
        return any(p.severity == "error" for p in self.problems)


def read_sheet(sheet: Path, lib: Library, today: dt.date) -> tuple[str | None, Applied]:
    """The sheet's language and what it says; problems name ``sheet:line: column: message``."""
    result = Applied()

    def error(line: int, column: str, message: str) -> None:
        result.problems.append(Problem(sheet, line, column, message))

    try:
        if sheet.stat().st_size > MAX_BYTES:
            error(0, "file", f"larger than {MAX_BYTES // 2**20} MiB: not a review sheet")
            return None, result
        raw = sheet.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        error(0, "file", f"cannot be read as UTF-8 text ({exc.__class__.__name__}): save it as CSV UTF-8")
        return None, result
    first = raw.split("\n", 1)[0]
    delimiter = max(",;\t", key=first.count)  # a Spanish-locale spreadsheet saves with ";"
    reader = csv.reader(io.StringIO(raw), delimiter=delimiter)
    try:
        return _read_rows(sheet, reader, lib, today, result, error)
    except csv.Error as exc:  # a cell over csv's 128 KiB, say: nothing is applied
        error(reader.line_num, "file", f"not a CSV sheet ({exc})")
        return None, result


def _read_rows(sheet: Path, reader: Any, lib: Library, today: dt.date, result: Applied,
               error: Callable[[int, str, str], None]) -> tuple[str | None, Applied]:
    header = [h.strip() for h in next(reader, [])]
    langs = [h for h in header if h in LANGUAGES and h != "es"]
    lang = langs[0] if len(langs) == 1 else ("es" if not langs and "es" in header else None)
    if lang is None:
        error(1, "header", f"no language column ({', '.join(LANGUAGES)}): not a review sheet from "
                           "kiosk content review-sheet")
        return None, result
    known = set(columns(lang))
    for i, h in enumerate(header):
        if h in header[:i]:
            error(1, h, "column appears twice: make a new sheet with kiosk content review-sheet")
            continue
        if h in known:
            continue
        if _PERSONAL.search(h):
            error(1, h, "a column for names or contact details is refused: the kiosk keeps a "
                        "reviewer's role, never her name; delete the column")
        else:
            error(1, h or "(empty)", f"unknown column: a sheet has only {', '.join(columns(lang))}")
    missing = [c for c in ("key", lang, *FILLED, "fingerprint") if c not in header]
    if missing:
        error(1, missing[0], "column missing: make a new sheet with kiosk content review-sheet")
    if result.refused:
        return lang, result
    texts = {t.key: t for t, _ in lib.texts_with_files()}
    seen: dict[str, int] = {}  # key → the line it was filled in on
    for n, row in enumerate(reader):
        if n >= MAX_ROWS:
            error(reader.line_num, "file", f"more than {MAX_ROWS} rows: not a review sheet")
            break
        _row(dict(zip(header, row, strict=False)), reader.line_num, lang, texts, today, result, sheet, seen)
    return lang, result


def _row(cells: dict[str, str], line: int, lang: str, texts: dict[str, Text], today: dt.date,
         result: Applied, sheet: Path, seen: dict[str, int]) -> None:
    def report(line: int, column: str, message: str) -> None:
        result.problems.append(Problem(sheet, line, column, message))

    verdict_cell = cells.get("verdict", "").strip()
    if not verdict_cell:
        if cells.get("role", "").strip() or cells.get("date", "").strip():
            report(line, "verdict", "empty while role or date is filled: write ok or cambiar, or "
                                    "clear the row")
        else:
            result.empty += 1
        return
    verdict = VERDICT_WORDS.get(_fold(verdict_cell))
    if verdict is None:
        report(line, "verdict", f"'{verdict_cell[:30]}' is not a verdict: write ok (right as written) "
                                "or cambiar (needs a change), or leave it empty; no other words")
        return
    role_cell = " ".join(cells.get("role", "").split())
    role = _ROLES.get(_fold(role_cell))
    if role is None:
        why = (f"'{role_cell[:40]}' looks like a person's name: write a role, never a name"
               if _looks_like_a_name(role_cell) else
               f"'{role_cell[:40]}' is not a role of the kit" if role_cell else "missing")
        report(line, "role", f"{why} (one of: {', '.join(ROLES)})")
        return
    day = _day(cells.get("date", ""))
    if day is None:
        report(line, "date", f"'{cells.get('date', '')[:20]}' is not a day like 2026-12-02 or 02/12/2026")
        return
    if not EARLIEST <= day <= today:
        report(line, "date", f"{day} is in the future or before {EARLIEST.year}")
        return
    key = cells.get("key", "").strip()
    if key in seen:
        report(line, "key", f"'{key[:60]}' is filled in on line {seen[key]} already: keep one row per text")
        return
    seen[key] = line
    text = texts.get(key)
    if text is None or not text.get(lang):
        report(line, "key", f"'{key[:60]}': no text in {lang} has this key (was the sheet edited?)")
        return
    if cells.get("fingerprint", "").strip().removeprefix(FP) != fingerprint(text, lang):
        result.stale += 1
        result.problems.append(Problem(sheet, line, "fingerprint", f"{key}: the text changed "
                               "after the sheet was made: not applied; review it on a new sheet", "warning"))
        return
    if verdict == OK and _words(cells.get(lang, "")) != " ".join((text.get(lang) or "").split()):
        report(line, lang, "the text in the sheet differs from the content: a sheet changes no text; "
                           "write cambiar and send the change to the programme")
        return
    result.records.append(Review(key, lang, verdict, role, day, fingerprint(text, lang)))


def apply_sheet(paths: Paths, sheet: Path, out: TextIO, today: dt.date | None = None) -> int:
    """Apply a filled sheet: all of it, or (if any row is wrong) nothing. Returns an exit status."""
    today = today or dt.date.today()
    lib = load_library(paths.content)
    lang, result = read_sheet(sheet, lib, today)
    for problem in result.problems:
        out.write(f"{problem}\n")
    if lang is None or result.refused:
        out.write(f"{sheet}: nothing applied: correct the rows above and apply the sheet again\n")
        return 1
    problems: list[Problem] = []
    records = load_reviews(paths.content, problems).get(lang, {})
    for p in problems:
        out.write(f"{p}\n")
    for record in result.records:
        records[record.key] = record
    target = reviews_file(paths.content, lang)
    try:
        write_reviews(target, lang, list(records.values()))
    except OSError as exc:
        out.write(f"{target}: cannot be written ({exc.strerror or exc}): nothing applied\n")
        return 1
    ok = sum(1 for r in result.records if r.verdict == OK)
    out.write(f"{target}: {ok} texts reviewed, {len(result.records) - ok} marked 'cambiar' (still "
              f"draft), {result.empty} rows left empty, {result.stale} skipped (changed since)\n")
    return 0
