"""Reading one content file: safe YAML (or the parse cache), and typed fields with problems that
name the file, line and field."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from pathlib import Path

from kiosk.core.content import yamlsafe
from kiosk.core.content.cache import ContentCache
from kiosk.core.content.yamlsafe import Map, Seq
from kiosk.core.model import ID_RE, LANGUAGES, STATUSES, LangStatus, Problem, Text


def is_date(value: object) -> bool:
    """A day (YAML's 2026-12-02); a timestamp with a time is not one (nor comparable with one)."""
    return isinstance(value, datetime.date) and not isinstance(value, datetime.datetime)


class Invalid(Exception):
    """Raised inside a parser once its problem is recorded: the file is skipped."""


class Reader:
    """Reads one file's mappings, recording problems with file, line and field."""

    def __init__(self, path: Path, problems: list[Problem], languages: tuple[str, ...]) -> None:
        self.path = path
        self.problems = problems
        self.languages = languages
        self.failed = False

    def error(self, line: int, fieldname: str, message: str) -> None:
        self.failed = True
        self.problems.append(Problem(self.path, line, fieldname, message))

    def warn(self, line: int, fieldname: str, message: str) -> None:
        self.problems.append(Problem(self.path, line, fieldname, message, "warning"))

    def mapping(self, parent: Map, key: str, where: str, required: bool = True) -> Map | None:
        value = parent.get(key)
        if value is None:
            if required:
                self.error(parent.line, join(where, key), "missing")
            return None
        if not isinstance(value, Map):
            self.error(parent.line_of(key), join(where, key), "must be a set of named fields")
            return None
        return value

    def seq(self, parent: Map, key: str, where: str, required: bool = True) -> Seq:
        value = parent.get(key)
        if value is None:
            if required:
                self.error(parent.line, join(where, key), "missing")
            return Seq()
        if not isinstance(value, Seq):
            self.error(parent.line_of(key), join(where, key), "must be a list (lines starting with -)")
            return Seq()
        return value

    def string(self, parent: Map, key: str, where: str, required: bool = True) -> str:
        value = parent.get(key)
        if value is None:
            if required:
                self.error(parent.line, join(where, key), "missing")
            return ""
        if isinstance(value, (Map, Seq)):
            self.error(parent.line_of(key), join(where, key), "must be a single value")
            return ""
        return str(value).strip()

    def ident(self, parent: Map, key: str, where: str) -> str:
        value = self.string(parent, key, where)
        if value and not ID_RE.match(value):
            self.error(parent.line_of(key), join(where, key),
                       f"'{value}' must be lowercase letters, digits and dashes")
        return value

    def maps(self, parent: Map, key: str, where: str, needs: str,
             required: bool = True) -> Iterator[tuple[str, Map]]:
        """The list under ``key``: (its place, e.g. ``steps[2]``, and each entry that is a mapping)."""
        entries = self.seq(parent, key, where, required)
        for i, raw in enumerate(entries):
            place = join(where, f"{key}[{i + 1}]")
            if isinstance(raw, Map):
                yield place, raw
            else:
                self.error(entries.line, place, f"each entry needs {needs}")

    def unique_id(self, raw: Map, where: str, seen: set[str]) -> str:
        ident = self.ident(raw, "id", where)
        if ident in seen:
            self.error(raw.line_of("id"), f"{where}.id", f"'{ident}' is used twice")
        seen.add(ident)
        return ident

    def boolean(self, parent: Map, key: str, where: str, default: bool) -> bool:
        value = parent.get(key, default)
        if not isinstance(value, bool):
            self.error(parent.line_of(key), join(where, key), "must be true or false")
            return default
        return value

    def text(self, parent: Map, key: str, where: str, text_key: str, required: bool = True) -> Text | None:
        value = parent.get(key)
        name = join(where, key)
        if value is None:
            if required:
                self.error(parent.line, name, "missing")
            return None
        if not isinstance(value, Map):
            self.error(parent.line_of(key), name, "must give a text per language, e.g. es: …")
            return None
        versions: dict[str, str] = {}
        refused: set[str] = set()  # said once, on its own field
        for lang, words in value.items():
            if lang not in LANGUAGES:
                self.error(value.line_of(lang), f"{name}.{lang}",
                           f"unknown language; use {', '.join(LANGUAGES)}")
                continue
            words = " ".join(words.split()) if isinstance(words, str) else ""
            problem = _unfit(words) if words else "must be a non-empty text"
            if problem:
                self.error(value.line_of(lang), f"{name}.{lang}", problem)
                refused.add(lang)
                continue
            versions[lang] = words
        if "es" not in versions and "es" not in refused:
            self.error(value.line, name, "the Spanish (es) version is required")
        for lang in self.languages:
            if lang not in versions and lang not in refused and lang != "es":
                self.warn(value.line, f"{name}.{lang}", "translation missing")
        return Text(text_key, versions, value.line)

    def statuses(self, doc: Map) -> dict[str, LangStatus]:
        block = self.mapping(doc, "languages", "")
        result: dict[str, LangStatus] = {}
        if block is None:
            return result
        for lang, value in block.items():
            where = f"languages.{lang}"
            if lang not in LANGUAGES:
                self.error(block.line_of(lang), where, f"unknown language; use {', '.join(LANGUAGES)}")
                continue
            if not isinstance(value, Map):
                self.error(block.line_of(lang), where, "must be e.g. {status: draft}")
                continue
            status = self.string(value, "status", where)
            if status and status not in STATUSES:
                self.error(value.line_of("status"), f"{where}.status", "must be draft or reviewed")
            by = self.string(value, "by", where, required=False) or None
            on = value.get("on")
            if on is not None and not is_date(on):
                self.error(value.line_of("on"), f"{where}.on", "must be a date like 2026-10-02")
                on = None
            if status == "reviewed" and (not by or on is None):
                self.error(value.line, where,
                           "reviewed needs 'by' (a role, never a name) and 'on' (the date)")
            note = self.string(value, "note", where, required=False) or None
            result[lang] = LangStatus(status or "draft", by, on, note)
        for lang in LANGUAGES:
            if lang not in result:
                result[lang] = LangStatus("draft", note="no status given: treated as draft")
        return result


def join(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key


def load_doc(path: Path, problems: list[Problem], cache: ContentCache | None = None) -> Map | None:
    doc = cache.get(path, problems) if cache is not None else None
    if doc is None:
        try:
            doc = yamlsafe.load(path)
        except yamlsafe.YamlError as exc:
            problems.append(Problem(path, exc.line, "file", exc.message))
            return None
        if cache is not None:
            cache.put(path, doc)
    if not isinstance(doc, Map):
        problems.append(Problem(path, 1, "file", "must be a set of named fields (id: …, title: …)"))
        return None
    return doc


MAX_TEXT_CHARS = 2000  # the longest shipped text is ~340; a screen, or a breath, holds no more


def _unfit(words: str) -> str:
    """Why a text cannot be shown and spoken as it is ("" when it can): a control or invisible
    character (a right-to-left override, a zero-width space, a bell) would make the screen and the
    voice say different things; a text longer than any screen is a mistake, not a lesson."""
    if not words.isprintable():
        odd = next(c for c in words if not c.isprintable())
        return f"holds an invisible or control character (U+{ord(odd):04X}); remove it"
    if len(words) > MAX_TEXT_CHARS:
        return f"is {len(words):,} characters long; at most {MAX_TEXT_CHARS:,}"
    return ""
