"""``help-confirmed.json`` in the user data folder: the days a facilitator confirmed help entries.

The facilitator's on-screen "confirm" (behind the PIN) writes ``{"linea-100": "2026-12-02"}``: the
entry's id and the day a person called the number and found it right. The library applies it over
the shipped ``checked`` (a later day wins), so a kiosk knows what was confirmed where it stands
without editing content. Someone else's file: bounded, and each bad entry is one problem line
naming the file and the entry; the rest still applies.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

from kiosk.core.model import ID_RE, HelpService, Problem

MAX_BYTES = 64 * 1024
MAX_ENTRIES = 1_000
EARLIEST = dt.date(2000, 1, 1)
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def read_confirmed(path: Path, problems: list[Problem], today: dt.date | None = None) -> dict[str, dt.date]:
    """{entry id: day confirmed}; {} when the file is absent. Problems are warnings: a bad file
    never stops the kiosk, it only leaves the shipped ``checked`` days as they are."""
    today = today or dt.date.today()

    def bad(line: int, fieldname: str, message: str) -> None:
        problems.append(Problem(path, line, fieldname, message, "warning"))

    try:
        if path.stat().st_size > MAX_BYTES:
            bad(0, "file", f"larger than {MAX_BYTES // 1024} KiB: not read")
            return {}
        raw = path.read_text(encoding="utf-8-sig")  # Notepad may add a BOM
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError) as exc:
        bad(0, "file", f"cannot be read ({exc.__class__.__name__}): not used")
        return {}
    try:
        doc = json.loads(raw)
    except (ValueError, RecursionError) as exc:  # RecursionError: "[[[[…" some thousand deep
        bad(getattr(exc, "lineno", 0), "file", "not JSON like {\"linea-100\": \"2026-12-02\"}: not used")
        return {}
    if not isinstance(doc, dict):
        bad(1, "file", "must be {\"entry id\": \"YYYY-MM-DD\", …}: not used")
        return {}
    lines = raw.splitlines()

    def line_of(key: str) -> int:
        needle = json.dumps(key)
        return next((i for i, text in enumerate(lines, 1) if needle in text), 1)

    out: dict[str, dt.date] = {}
    for i, (key, value) in enumerate(doc.items()):
        if i >= MAX_ENTRIES:
            bad(line_of(key), "file", f"more than {MAX_ENTRIES} entries: the rest are not read")
            break
        if not isinstance(key, str) or not ID_RE.match(key):
            bad(line_of(str(key)), str(key)[:40], "not a help entry id: ignored")
            continue
        day = _day(value)
        if day is None:
            bad(line_of(key), key, f"{str(value)[:20]!r} is not a day like 2026-12-02: ignored")
        elif not EARLIEST <= day <= today:
            bad(line_of(key), key, f"{day} is in the future or before {EARLIEST.year}: ignored")
        else:
            out[key] = day
    return out


def _day(value: object) -> dt.date | None:
    if not isinstance(value, str) or not _ISO_DAY.match(value):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def apply_confirmed(entries: list[HelpService], confirmed: dict[str, dt.date], path: Path,
                    problems: list[Problem]) -> list[HelpService]:
    """Each entry with a later confirmation gets it as ``checked``; an id no entry has is one line."""
    known = {e.id for e in entries}
    for key in sorted(set(confirmed) - known):
        problems.append(Problem(path, 0, key, "no help entry has this id: ignored", "warning"))
    out = []
    for entry in entries:
        day = confirmed.get(entry.id)
        if day is not None and (entry.checked is None or day > entry.checked):
            entry = entry._replace(checked=day)
        out.append(entry)
    return out
