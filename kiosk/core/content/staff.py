"""The facilitator's words in the facilitator's language: ``content/staff.yaml`` (Spanish first;
Quechua and Aymara drafts), read with the content's own parser on first use. A text missing in a
language is said in Spanish; a key missing everywhere shows the key. Plain Python: the panel's
report (``core.status``), the packs' summary and every staff page (``kiosk.ui.staff``) share it."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from kiosk.core.model import LANGUAGES, Problem, Text
from kiosk.paths import bundle_root

STAFF_FILE = "staff.yaml"


@lru_cache(maxsize=4)
def _load(path: str) -> dict[str, Text]:
    from kiosk.core.content.parsers import load_prompts

    problems: list[Problem] = []
    texts, _status = load_prompts(Path(path), problems, LANGUAGES)
    return texts


class StaffTexts:
    lang = "es"  # the facilitator's language, shared by every staff page (settings.staff_language)

    def __init__(self, path: Path | None = None, lang: str | None = None) -> None:
        self.path = path or bundle_root() / "content" / STAFF_FILE
        if lang is not None:
            self.lang = lang  # this one only (the class's stays)

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
