"""Kiosk settings: a small JSON file in the user data folder.

A facilitator may edit it by hand, so a bad value never stops the kiosk: it is reported (file and
field) and the default is used instead.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

from kiosk.core.model import ID_RE, LANGUAGES, NEUTRAL_MODULE
from kiosk.paths import replace_file

MAX_BYTES = 64_000  # a dozen settings: anything near this is not a settings file
MAX_DEPTH = 4  # the file is flat (one list at most): deeper nesting is refused before parsing
SMALLEST_K = 10  # = kiosk.core.usage.insights.DEFAULT_K: no setting may publish smaller counts
ORG_UNIT = re.compile(r"^[A-Za-z0-9_.-]{1,50}\Z")  # \Z: "$" would let a final newline in


def _whole(low: int, high: int) -> Callable[[Any], bool]:
    return lambda v: isinstance(v, int) and not isinstance(v, bool) and low <= v <= high


CHECKS: tuple[tuple[str, Callable[[Any], bool], str], ...] = (
    ("idle_seconds", _whole(10, 3600), "must be a whole number of seconds from 10 to 3600"),
    ("group_idle_seconds", _whole(60, 14400), "must be a whole number of seconds from 60 to 14400"),
    ("retention_days", _whole(1, 3650), "must be a whole number of days from 1 to 3650"),
    ("attract_pause_seconds", _whole(0, 600), "must be a whole number of seconds from 0 to 600"),
    ("languages", lambda v: isinstance(v, list) and bool(v) and all(x in LANGUAGES for x in v),
     f"must be a list of languages from {list(LANGUAGES)}"),
    ("default_language", lambda v: v in LANGUAGES, f"must be one of {list(LANGUAGES)}"),
    ("fallback_language", lambda v: v in LANGUAGES, f"must be one of {list(LANGUAGES)}"),
    ("neutral_module", lambda v: isinstance(v, str) and bool(ID_RE.match(v)),
     "must be a module id (lowercase letters, digits and dashes)"),
    ("volume", _whole(0, 100), "must be a whole number from 0 to 100"),
    ("suppression_k", _whole(SMALLEST_K, 1000),
     f"must be a whole number from {SMALLEST_K} to 1000 (it can only be raised)"),
    ("dhis2_org_unit", lambda v: isinstance(v, str) and (v == "" or bool(ORG_UNIT.match(v))),
     "must be the org-unit code: letters, digits, '_', '.', '-' (at most 50), or empty"),
    ("staff_language", lambda v: v in LANGUAGES, f"must be one of {list(LANGUAGES)}"),
)


def check_values(raw: dict[str, Any]) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """The valid values of ``raw`` and (field, message) for each bad or unknown one, and for a
    default language that is not enabled — the rules of settings.json, for its file and the form."""
    values: dict[str, Any] = {}
    bad: list[tuple[str, str]] = []
    for name, check, message in CHECKS:
        if name not in raw:
            continue
        value = raw[name]
        if check(value):
            values[name] = tuple(dict.fromkeys(value)) if name == "languages" else value
        else:
            bad.append((name, message))
    for name in raw:
        if name not in {f for f in Settings._fields if f != "problems"}:
            bad.append((name, "unknown setting, ignored"))
    langs = values.get("languages", LANGUAGES)
    if values.get("default_language", "es") not in langs:
        bad.append(("default_language", NOT_ENABLED))
    return values, bad


NOT_ENABLED = "not among the enabled languages"


class Refusal(NamedTuple):
    """A value the form refused: the field, the reason (as settings.json's problems say it) and a
    code the facilitator's pages phrase in her language (content/staff.yaml ``staff.why.*``):
    ``rule`` (the field's rule), ``not_enabled``, ``raised`` (with ``now``) or ``unknown``."""

    field: str
    why: str
    code: str = "rule"
    values: dict[str, Any] = {}


def from_form(current: Settings, changes: dict[str, Any]) -> tuple[Settings | None, list[Refusal]]:
    """Settings changed on the facilitator's form: the new settings, or None and every refusal
    with its reason. The same rules as the file; the suppression threshold only goes up."""
    raw = {**json.loads(current.to_json()), **changes}
    values, bad = check_values(raw)
    refused = [Refusal(field, why, "not_enabled" if why == NOT_ENABLED else
                       "unknown" if why.startswith("unknown") else "rule") for field, why in bad]
    k = changes.get("suppression_k")
    if isinstance(k, int) and k < current.suppression_k and "suppression_k" in values:
        refused.append(Refusal("suppression_k", f"can only be raised (now {current.suppression_k})",
                               "raised", {"now": current.suppression_k}))
    if refused:
        return None, refused
    return Settings()._replace(**values), []


class Settings(NamedTuple):
    idle_seconds: int = 120
    languages: tuple[str, ...] = LANGUAGES
    default_language: str = "es"
    fallback_language: str = "es"
    attract_pause_seconds: int = 20
    group_idle_seconds: int = 1800  # a workshop pauses for discussion: reset only after 30 min
    retention_days: int = 90  # raw events older than this become daily counts
    neutral_module: str = NEUTRAL_MODULE  # the harmless lesson a quick exit shows (checked at load)
    volume: int = 80  # the speaker's volume, 0 to 100 (the room's speakers in a workshop)
    suppression_k: int = SMALLEST_K  # exports and charts hide counts below this; only ever raised
    dhis2_org_unit: str = ""  # the centre's DHIS2 org-unit code (overrides dhis2-mapping.json's)
    staff_language: str = "es"  # the facilitator's pages (content/staff.yaml), whatever the visitors hear
    problems: tuple[str, ...] = ()  # what was wrong with the file (never saved)

    def to_json(self) -> str:
        data = self._asdict()
        data.pop("problems")
        data["languages"] = list(self.languages)
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def load_settings(path: Path) -> Settings:
    """Read settings; missing file → defaults; every bad field is named in ``problems``."""
    defaults = Settings()
    if not path.exists():
        return defaults
    problems: list[str] = []
    try:
        if path.stat().st_size > MAX_BYTES:
            return defaults._replace(problems=(f"{path}:1: file: larger than {MAX_BYTES} bytes; "
                                               "using defaults",))
        text = path.read_text(encoding="utf-8-sig")  # Notepad may add a BOM
        deep = _too_deep(text)
        if deep:
            return defaults._replace(problems=(f"{path}:{deep}: file: nested deeper than {MAX_DEPTH} "
                                               "levels; using defaults",))
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        return defaults._replace(problems=(f"{path}:{exc.lineno}: file: not valid JSON ({exc.msg}); "
                                           "using defaults",))
    except (OSError, ValueError, RecursionError) as exc:  # ValueError: a 5,000-digit number too
        return defaults._replace(problems=(f"{path}: file: cannot be read ({type(exc).__name__}); "
                                           "using defaults",))
    if not isinstance(raw, dict):
        return defaults._replace(problems=(f"{path}: file: must be a JSON object; using defaults",))
    values, bad = check_values(raw)
    for name, message in bad:
        if name == "default_language" and message.startswith("not among"):
            continue  # said below, with what is used instead
        at = f"{path}:{_line_of(text, name)}: {_shown(name)}"
        if message.startswith("unknown"):
            problems.append(f"{at}: {message}")
        else:
            problems.append(f"{at}: {message}; using {getattr(defaults, name)!r}")
    settings = defaults._replace(**values)
    if settings.default_language not in settings.languages:
        problems.append(f"{path}:{_line_of(text, 'default_language')}: default_language: not among "
                        f"the enabled languages; using {settings.languages[0]!r}")
        settings = settings._replace(default_language=settings.languages[0])
    return settings._replace(problems=tuple(problems))


def _line_of(text: str, name: str) -> int:
    """The line of key ``name`` in the file, as typed or as JSON escapes it (1 if not found)."""
    for spelt in (f'"{name}"', json.dumps(name), json.dumps(name, ensure_ascii=False)):
        found = re.search(re.escape(spelt) + r"\s*:", text)
        if found:
            return text.count("\n", 0, found.start()) + 1
    return 1


def _shown(name: str) -> str:
    """A key as a problem line shows it: a hand-typed name as it is; one with control characters,
    quotes or hundreds of letters quoted and cut, so the line stays one line and short."""
    return name if re.fullmatch(r"[A-Za-z0-9_. -]{1,40}", name) else ascii(name[:40])


def _too_deep(text: str) -> int:
    """The line where brackets nest deeper than MAX_DEPTH (outside strings), or 0. A scan, not a
    parse: Python's json would overflow its stack on a few thousand ``[`` before saying where."""
    depth, line, in_string, escaped = 0, 1, False, False
    for ch in text:
        if ch == "\n":
            line += 1
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return line
        elif ch in "]}":
            depth -= 1
    return 0


def save_settings(path: Path, settings: Settings) -> None:
    """Write atomically so a power cut never leaves half a file. A file that was not read whole
    (a typo by hand: the kiosk ran on defaults) is kept beside as ``settings.json.damaged`` — one
    press of a language on a staff page rewrote it, and what she had typed was gone."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists() and load_settings(path).problems:
        shutil.copyfile(path, path.with_name(path.name + ".damaged"))
    tmp = path.with_suffix(".tmp")
    tmp.write_text(settings.to_json(), encoding="utf-8")
    replace_file(tmp, path)
