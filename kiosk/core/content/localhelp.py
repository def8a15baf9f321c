"""The local help directory made on screen, and entries confirmed on screen.

The facilitator's form gives an entry's name, number, hours, the languages it answers in, where
it is and the day it was confirmed. ``save_entry`` turns it into the ``help-local.yaml`` the
content checker reads — what the kiosk says is made from those fields in Spanish, spoken by live
synthesis until someone records it —, parses the whole new file with the content's own parser
(``load_help``) and refuses with the first problem's message, or replaces the file atomically.

"Confirmed today" on a national entry never edits the bundled content: the day goes to
``help-confirmed.json`` in the data folder ({entry id: ISO date}), which the library reads when it
loads the help directory; on a local entry it is the entry's own ``checked``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import re
import unicodedata
from pathlib import Path
from typing import Any, NamedTuple

from kiosk.core.content.parsers import load_help
from kiosk.core.model import LANGUAGES, HelpService, Problem
from kiosk.paths import replace_file

HEADER = """\
# Help in YOUR district, written by the facilitator's form in the kiosk (F12 > Taller > Ayuda local).
# You may also edit it by hand: see content/help/local.yaml for how. `kiosk content check` checks it.
"""
STATUS = {"es": {"status": "draft", "note": "written on the kiosk by the facilitator; not yet reviewed"},
          "qu": {"status": "draft", "note": "no Quechua text yet: the kiosk says the Spanish one"},
          "ay": {"status": "draft", "note": "no Aymara text yet: the kiosk says the Spanish one"}}


class HelpForm(NamedTuple):
    """What the form asks. ``id`` is empty for a new entry (made from the name)."""

    name: str
    number: str
    hours: str
    languages: tuple[str, ...]
    where: str
    checked: dt.date | None
    cost: str = "gratis"
    source: str = "llamada de la facilitadora"
    id: str = ""


class HelpRefused(ValueError):
    """The form's entry as the content checker sees it: ``field: message``."""


# The longest a field may be: what a help screen can show and a voice say in one breath.
LONGEST = {"name": 80, "number": 20, "hours": 120, "where": 80, "cost": 40, "source": 160}


def cleaned(form: HelpForm, today: dt.date | None = None) -> HelpForm:
    """The form with each field's spaces and line breaks made single spaces; HelpRefused for what
    the kiosk would say wrongly: no name, an invisible (control or direction) character, a field
    too long, no language, a day still to come."""
    values = {}
    for field, longest in LONGEST.items():
        value = " ".join(str(getattr(form, field)).split())
        if any(unicodedata.category(c) in ("Cc", "Cf", "Cs", "Co", "Cn") for c in value):
            raise HelpRefused(f"{field}: an invisible character (pasted from somewhere?): type it again")
        if len(value) > longest:
            raise HelpRefused(f"{field}: at most {longest} characters")
        values[field] = value
    if not values["name"]:
        raise HelpRefused("name: give the name people know it by")
    if not form.languages:
        raise HelpRefused("languages: tick at least one language it answers in")
    if isinstance(form.checked, dt.date) and form.checked > (today or dt.date.today()):
        raise HelpRefused(f"checked: {form.checked} is still to come: the day a person called it")
    return form._replace(name=values["name"], number=values["number"], hours=values["hours"],
                         where=values["where"], cost=values["cost"], source=values["source"])


def spoken(form: HelpForm) -> str:
    """What the kiosk says for a form's entry (Spanish; the form's fields, in short sentences)."""
    parts = [form.name.strip().rstrip(".") + "."]
    if form.where.strip():
        parts.append(f"Está en {form.where.strip().rstrip('.')}.")
    if form.number.strip():
        parts.append(f"El número es {form.number.strip()}.")
    if form.hours.strip():
        parts.append(f"Atiende {form.hours.strip().rstrip('.')}.")
    if form.cost.strip():
        parts.append(f"Es {form.cost.strip().rstrip('.')}.")
    return " ".join(parts)


def make_id(name: str, taken: set[str]) -> str:
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    base = ("local-" + re.sub(r"[^a-z0-9]+", "-", plain).strip("-"))[:56].rstrip("-") or "local"
    ident, n = base, 2
    while ident in taken:
        ident, n = f"{base}-{n}", n + 1
    return ident


def _entry(form: HelpForm, ident: str, old: dict[str, Any] | None = None) -> dict[str, Any]:
    """The entry as help-local.yaml has it; ``old``: the entry it replaces (its other languages'
    texts and any field the form does not know stay)."""
    entry = dict(old or {})
    say = dict(entry.get("say") or {}) if isinstance(entry.get("say"), dict) else {}
    entry.update({"id": ident, "name": form.name.strip(), "number": form.number.strip(),
                  "hours": form.hours.strip(), "languages": list(form.languages),
                  "cost": form.cost.strip(), "source": form.source.strip(), "where": form.where.strip(),
                  "checked": form.checked if form.checked is not None else "never",
                  "say": {**say, "es": spoken(form)}})
    return entry


def _plain(value: Any) -> Any:
    """The parsed YAML (Map, Seq) as plain dicts and lists, for writing back."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _raw_entries(path: Path) -> list[dict[str, Any]]:
    from kiosk.core.content import yamlsafe

    if not path.exists():
        return []
    try:
        doc = yamlsafe.load(path)
    except yamlsafe.YamlError as exc:
        raise HelpRefused(f"file: {path.name} has a mistake; mend it first "
                          f"({exc.line}: {exc.message})") from None
    entries = doc.get("entries") if isinstance(doc, dict) else None
    return [_plain(e) for e in entries if isinstance(e, dict)] if isinstance(entries, list) else []


def where_of(path: Path, ident: str) -> str:
    """What the form said about where an entry is (kept beside it; the parser does not need it)."""
    try:
        entry = next((e for e in _raw_entries(path) if e.get("id") == ident), {})
    except HelpRefused:
        return ""
    return str(entry.get("where") or "")


def _dump(entries: list[dict[str, Any]]) -> str:
    import yaml

    body = yaml.safe_dump({"languages": STATUS, "entries": entries}, allow_unicode=True,
                          sort_keys=False, width=100)
    return HEADER + body


def save_entry(path: Path, form: HelpForm, taken: set[str],
               languages: tuple[str, ...] = LANGUAGES, today: dt.date | None = None) -> HelpService:
    """Add (``form.id`` empty) or replace a local entry in ``path``; every other entry stays.
    ``taken``: the ids of every help entry (a new id never reuses one). Raises HelpRefused."""
    form = cleaned(form, today)
    current = _raw_entries(path)
    ids = {str(e.get("id")) for e in current}
    if form.id and form.id not in ids:
        raise HelpRefused(f"id: '{form.id}' is not a local entry")
    ident = form.id or make_id(form.name, taken | ids)
    entries = [_entry(form, ident, e) if e.get("id") == ident else e for e in current]
    if not form.id:
        entries.append(_entry(form, ident))
    return _write_checked(path, entries, ident, languages)


def _write_checked(path: Path, entries: list[dict[str, Any]], ident: str,
                   languages: tuple[str, ...]) -> HelpService:
    tmp = path.with_name(path.name + ".new")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_text(_dump(entries), encoding="utf-8")
    except OSError as exc:  # a full or read-only data folder: the file stays as it was
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        raise HelpRefused(f"file: {path.name} cannot be written ({exc.strerror or exc})") from None
    problems: list[Problem] = []
    loaded = load_help(tmp, problems, languages, True)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        tmp.unlink(missing_ok=True)
        field = errors[0].field.split(".", 1)[-1]  # entries[2].number → number
        raise HelpRefused(f"{field}: {errors[0].message}")
    try:
        replace_file(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        raise HelpRefused(f"file: {path.name} cannot be written ({exc.strerror or exc})") from None
    return next(h for h in loaded if h.id == ident)._replace(file=path)


def confirm(local_path: Path, entry: HelpService, today: dt.date, store: Path,
            languages: tuple[str, ...] = LANGUAGES) -> None:
    """The facilitator confirmed ``entry`` today: a local entry's own ``checked``; a national
    one's day in ``store`` (help-confirmed.json, read by kiosk.core.content.confirmed; the
    bundled content is never edited)."""
    if entry.local and entry.file == local_path:
        entries = [{**e, "checked": today} if e.get("id") == entry.id else e
                   for e in _raw_entries(local_path)]
        _write_checked(local_path, entries, entry.id, languages)
        return
    from kiosk.core.content.confirmed import read_confirmed

    problems: list[Problem] = []
    days = read_confirmed(store, problems, today)
    if any(p.field == "file" for p in problems) and store.exists():
        # A damaged file (unreadable, too big) is kept beside, never overwritten with one day
        replace_file(store, store.with_name(store.name + ".damaged"))
    days[entry.id] = today
    tmp = store.with_name(store.name + ".new")
    tmp.write_text(json.dumps({k: v.isoformat() for k, v in sorted(days.items())}, indent=2) + "\n",
                   encoding="utf-8")
    replace_file(tmp, store)
