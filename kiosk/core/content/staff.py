"""The facilitator's words in the facilitator's language: ``content/staff.yaml`` (Spanish first;
Quechua and Aymara drafts), read with the content's own parser on first use. A text missing in a
language is said in Spanish; a key missing everywhere shows the key. Plain Python: the panel's
report (``core.status``), the packs' summary and every staff page (``kiosk.ui.staff``) share it.

A signed pack may carry its own ``staff.yaml``: the kiosk's content folder (with the packs on top,
``StaffTexts.folder``, set at start-up) is read over the shipped file, so a pack's texts replace
those it gives and the shipped ones stay for the rest. What is wrong with either file is the
checker's (``staff_problems``), one line each; the pages go on with what is valid."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from kiosk.core.model import LANGUAGES, Problem, Text
from kiosk.paths import bundle_root

STAFF_FILE = "staff.yaml"


@lru_cache(maxsize=8)
def _read(path: str) -> tuple[dict[str, Text], tuple[Problem, ...]]:
    from kiosk.core.content.parsers import load_prompts

    problems: list[Problem] = []
    if not Path(path).exists():
        return {}, ()
    texts, _status = load_prompts(Path(path), problems, LANGUAGES)
    return texts, tuple(problems)


def _shipped() -> Path:
    return bundle_root() / "content" / STAFF_FILE


@lru_cache(maxsize=8)
def _load(path: str) -> dict[str, Text]:
    """The file's texts over the shipped ones (the same file: just its own)."""
    shipped = str(_shipped())
    return {**(_read(shipped)[0] if path != shipped else {}), **_read(path)[0]}


def staff_problems(content: Path) -> list[Problem]:
    """What is wrong with the staff texts the kiosk would use from ``content`` (a pack's
    staff.yaml, or the shipped one when the folder has none)."""
    path = content / STAFF_FILE
    return list(_read.__wrapped__(str(path if path.exists() else _shipped()))[1])  # as it is now


class StaffTexts:
    lang = "es"  # the facilitator's language, shared by every staff page (settings.staff_language)
    folder: Path | None = None  # the kiosk's content folder, packs on top (None: the shipped one)

    def __init__(self, path: Path | None = None, lang: str | None = None) -> None:
        self.path = path or (self.folder / STAFF_FILE if self.folder else _shipped())
        if lang is not None:
            self.lang = lang  # this one only (the class's stays)

    def __contains__(self, key: str) -> bool:
        return key in _load(str(self.path))

    def __call__(self, key: str, lang: str | None = None, /, **values: object) -> str:
        text = _load(str(self.path)).get(key)
        words = (text.get(lang or self.lang) or text.get("es")) if text else None
        words = words or key
        if not values:
            return words
        for candidate in (words, (text.get("es") if text else None) or key):
            try:  # a draft translation's placeholder gone wrong ("{nombre}"): the Spanish, never a traceback
                return candidate.format(**values)
            except (KeyError, IndexError, ValueError, AttributeError):
                continue
        return words
