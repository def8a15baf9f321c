"""The facilitator's pages in the facilitator's language: ``content/staff.yaml`` (Spanish first;
Quechua and Aymara drafts), read with the content's own parser when a staff page first opens.
A text missing in a language is shown in Spanish; a key missing everywhere shows the key."""

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
    lang = "es"  # the facilitator's language, shared by every staff page (set by the workshop)

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or bundle_root() / "content" / STAFF_FILE

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
