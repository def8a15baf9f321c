"""Kiosk settings: a small JSON file in the user data folder.

A facilitator may edit it by hand, so a bad value never stops the kiosk: it is reported (file and
field) and the default is used instead.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

from kiosk.core.model import LANGUAGES


class Settings(NamedTuple):
    idle_seconds: int = 120
    languages: tuple[str, ...] = LANGUAGES
    default_language: str = "es"
    fallback_language: str = "es"
    attract_pause_seconds: int = 20
    group_idle_seconds: int = 1800  # a workshop pauses for discussion: reset only after 30 min
    retention_days: int = 90  # raw events older than this become daily counts
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
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        return defaults._replace(problems=(f"{path}: file: cannot be read ({exc}); using defaults",))
    if not isinstance(raw, dict):
        return defaults._replace(problems=(f"{path}: file: must be a JSON object; using defaults",))
    values: dict[str, Any] = {}
    checks: tuple[tuple[str, Callable[[Any], bool], str], ...] = (
        ("idle_seconds", lambda v: isinstance(v, int) and not isinstance(v, bool) and 10 <= v <= 3600,
         "must be a whole number of seconds from 10 to 3600"),
        ("group_idle_seconds", lambda v: isinstance(v, int) and not isinstance(v, bool) and 60 <= v <= 14400,
         "must be a whole number of seconds from 60 to 14400"),
        ("retention_days", lambda v: isinstance(v, int) and not isinstance(v, bool) and 1 <= v <= 3650,
         "must be a whole number of days from 1 to 3650"),
        ("attract_pause_seconds", lambda v: isinstance(v, int) and not isinstance(v, bool) and 0 <= v <= 600,
         "must be a whole number of seconds from 0 to 600"),
        ("languages", lambda v: isinstance(v, list) and bool(v) and all(x in LANGUAGES for x in v),
         f"must be a list of languages from {list(LANGUAGES)}"),
        ("default_language", lambda v: v in LANGUAGES, f"must be one of {list(LANGUAGES)}"),
        ("fallback_language", lambda v: v in LANGUAGES, f"must be one of {list(LANGUAGES)}"),
    )
    for name, check, message in checks:
        if name not in raw:
            continue
        value = raw[name]
        if check(value):
            values[name] = tuple(dict.fromkeys(value)) if name == "languages" else value
        else:
            problems.append(f"{path}: {name}: {message}; using {getattr(defaults, name)!r}")
    for name in raw:
        if name not in {f for f in Settings._fields if f != "problems"}:
            problems.append(f"{path}: {name}: unknown setting, ignored")
    settings = defaults._replace(**values)
    if settings.default_language not in settings.languages:
        problems.append(f"{path}: default_language: not among the enabled languages; "
                        f"using {settings.languages[0]!r}")
        settings = settings._replace(default_language=settings.languages[0])
    return settings._replace(problems=tuple(problems))


def save_settings(path: Path, settings: Settings) -> None:
    """Write atomically so a power cut never leaves half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(settings.to_json(), encoding="utf-8")
    os.replace(tmp, path)
