"""Content model and loader: modules, prompts, help directory, per-language texts and statuses.

Content is data (YAML under ``content/``, format in ``content/README.md``). Loading never stops at
the first bad file: each problem becomes a ``Problem`` naming file, line and field, a module with
an error is skipped, and everything valid still loads so the kiosk keeps running.
"""

from __future__ import annotations

import gc
import os
import re
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from kiosk.core import yamlsafe
from kiosk.core.contentcache import ContentCache
from kiosk.core.yamlsafe import Map, Seq

if TYPE_CHECKING:
    import datetime as dt

LANGUAGES = ("es", "qu", "ay")
TOPICS = ("ipv", "digital")
STATUSES = ("draft", "reviewed")
ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
DONT_KNOW = "dont-know"


def _is_date(value: object) -> bool:
    import datetime  # here, not at the top: the first screen's prompts need no dates (~2 ms)

    return isinstance(value, datetime.date)


class Problem(NamedTuple):
    file: Path
    line: int
    field: str
    message: str
    severity: str = "error"  # or "warning"

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.field}: {self.message}"


class Text(NamedTuple):
    """One thing said, in several languages. ``key`` names it for voices and the usage log."""

    key: str
    versions: dict[str, str]
    line: int = 0

    def get(self, lang: str) -> str | None:
        return self.versions.get(lang)


class LangStatus(NamedTuple):
    status: str
    by: str | None = None
    on: dt.date | None = None
    note: str | None = None


class Choice(NamedTuple):
    id: str
    picture: str
    text: Text
    correct: bool = False


class Question(NamedTuple):
    id: str
    prompt: Text
    choices: tuple[Choice, ...]
    explain: Text | None


class Step(NamedTuple):
    id: str
    picture: str
    text: Text


class Module(NamedTuple):
    id: str
    order: int
    topic: str
    sensitive: bool
    picture: str
    title: Text
    warning: Text | None
    steps: tuple[Step, ...]
    questions: tuple[Question, ...]
    summary: Text
    discussion: tuple[Text, ...]
    help: tuple[str, ...]
    status: dict[str, LangStatus]
    file: Path

    def texts(self) -> Iterator[Text]:
        yield self.title
        if self.warning:
            yield self.warning
        for step in self.steps:
            yield step.text
        for q in self.questions:
            yield q.prompt
            for c in q.choices:
                yield c.text
            if q.explain:
                yield q.explain
        yield self.summary
        yield from self.discussion


class HelpService(NamedTuple):
    id: str
    name: str
    number: str
    hours: str
    languages: tuple[str, ...]
    cost: str
    source: str
    checked: dt.date | None  # None: never confirmed on a known day
    say: Text
    local: bool
    file: Path


class AttitudeQuestion(NamedTuple):
    id: str
    source: str
    prompt: Text


class Attitudes(NamedTuple):
    """Optional, anonymous before/after statements for a group course (answers are only counted)."""

    intro: Text
    answers: tuple[Choice, ...]
    questions: tuple[AttitudeQuestion, ...]
    file: Path

    def texts(self) -> Iterator[Text]:
        yield self.intro
        for a in self.answers:
            yield a.text
        for q in self.questions:
            yield q.prompt


class _LoadedLater:
    """A part of the library the first screen does not need: reading or setting it completes the
    library first (``Library.complete``). The value lives in the attribute ``_<name>``."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.attr = f"_{name}"

    def __get__(self, lib: Library | None, owner: type | None = None) -> Any:
        if lib is None:
            return self
        lib.complete()
        return getattr(lib, self.attr)

    def __set__(self, lib: Library, value: object) -> None:
        lib.complete()
        setattr(lib, self.attr, value)


class Library:
    """Everything loaded from the content folder, and what was wrong with it.

    ``load_library(first_screen=True)`` loads only the prompts (all the attract screen says and
    shows) and leaves the help directory, lessons and attitudes for ``complete()``, which the
    kiosk calls once its first screen is up — and which any use of them calls first, so nothing
    ever sees a half-loaded library. Records here are NamedTuples and this a plain class, not
    dataclasses: a dataclass costs ~0.9 ms of start-up to create, a NamedTuple ~0.2 ms
    (bench/README.md, measure 1)."""

    def __init__(self, modules: list[Module] | None = None, prompts: dict[str, Text] | None = None,
                 help: list[HelpService] | None = None,  # noqa: A002 (the help directory)
                 statuses: dict[Path, dict[str, LangStatus]] | None = None,
                 problems: list[Problem] | None = None, attitudes: Attitudes | None = None) -> None:
        self._modules = modules if modules is not None else []
        self.prompts = prompts if prompts is not None else {}
        self._help = help if help is not None else []
        self._statuses = statuses if statuses is not None else {}
        self._problems = problems if problems is not None else []
        self._attitudes = attitudes
        self._index: dict[str, Text] = {}
        self._rest: Callable[[], None] | None = None  # what first_screen loading left for later
        self._loading = False
        self._lock = threading.RLock()  # it loads on a worker thread while the UI may ask for it
        self._when_complete: list[Callable[[], None]] = []

    @property
    def is_complete(self) -> bool:
        return self._rest is None

    def complete(self) -> None:
        """Load what ``load_library(first_screen=True)`` left for later; then run what waited.
        Another thread asking meanwhile waits for it; the loader's own reads pass through."""
        if self._rest is None:
            return
        with self._lock:
            if self._rest is None or self._loading:
                return
            self._loading = True
            try:
                with _gc_paused():
                    self._rest()
            finally:
                self._loading = False
            self._index = {}
            self._rest = None
            waiting, self._when_complete = self._when_complete, []
        for call in waiting:
            call()

    def when_complete(self, call: Callable[[], None]) -> None:
        """Run ``call`` once everything is loaded (now, if it is)."""
        with self._lock:
            if self._rest is not None:
                self._when_complete.append(call)
                return
        call()

    modules: list[Module] = _LoadedLater()  # type: ignore[assignment]
    help: list[HelpService] = _LoadedLater()  # type: ignore[assignment]
    statuses: dict[Path, dict[str, LangStatus]] = _LoadedLater()  # type: ignore[assignment]
    problems: list[Problem] = _LoadedLater()  # type: ignore[assignment]
    attitudes: Attitudes | None = _LoadedLater()  # type: ignore[assignment]

    def module(self, module_id: str) -> Module | None:
        return next((m for m in self.modules if m.id == module_id), None)

    def help_entry(self, help_id: str) -> HelpService | None:
        return next((h for h in self.help if h.id == help_id), None)

    def prompt(self, key: str) -> Text:
        return self.prompts.get(key) or Text(f"prompt.{key}", {})

    def text(self, key: str) -> Text | None:
        """Any text by its key (what the speaker and the voices use)."""
        if self._rest is not None and key.startswith("prompt."):
            return self.prompts.get(key[len("prompt."):])  # the first screen: prompts only
        if not self._index:
            self._index = {t.key: t for t in self.all_texts()}
        return self._index.get(key)

    def all_texts(self) -> Iterator[Text]:
        yield from self.prompts.values()
        for module in self.modules:
            yield from module.texts()
        for entry in self.help:
            yield entry.say
        if self.attitudes:
            yield from self.attitudes.texts()

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]


class _Invalid(Exception):
    """Raised inside a parser once its problem is recorded: the file is skipped."""


class _Reader:
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
                self.error(parent.line, _join(where, key), "missing")
            return None
        if not isinstance(value, Map):
            self.error(parent.line_of(key), _join(where, key), "must be a set of named fields")
            return None
        return value

    def seq(self, parent: Map, key: str, where: str, required: bool = True) -> Seq:
        value = parent.get(key)
        if value is None:
            if required:
                self.error(parent.line, _join(where, key), "missing")
            return Seq()
        if not isinstance(value, Seq):
            self.error(parent.line_of(key), _join(where, key), "must be a list (lines starting with -)")
            return Seq()
        return value

    def string(self, parent: Map, key: str, where: str, required: bool = True) -> str:
        value = parent.get(key)
        if value is None:
            if required:
                self.error(parent.line, _join(where, key), "missing")
            return ""
        if isinstance(value, (Map, Seq)):
            self.error(parent.line_of(key), _join(where, key), "must be a single value")
            return ""
        return str(value).strip()

    def ident(self, parent: Map, key: str, where: str) -> str:
        value = self.string(parent, key, where)
        if value and not ID_RE.match(value):
            self.error(parent.line_of(key), _join(where, key),
                       f"'{value}' must be lowercase letters, digits and dashes")
        return value

    def maps(self, parent: Map, key: str, where: str, needs: str,
             required: bool = True) -> Iterator[tuple[str, Map]]:
        """The list under ``key``: (its place, e.g. ``steps[2]``, and each entry that is a mapping)."""
        entries = self.seq(parent, key, where, required)
        for i, raw in enumerate(entries):
            place = _join(where, f"{key}[{i + 1}]")
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
            self.error(parent.line_of(key), _join(where, key), "must be true or false")
            return default
        return value

    def text(self, parent: Map, key: str, where: str, text_key: str, required: bool = True) -> Text | None:
        value = parent.get(key)
        name = _join(where, key)
        if value is None:
            if required:
                self.error(parent.line, name, "missing")
            return None
        if not isinstance(value, Map):
            self.error(parent.line_of(key), name, "must give a text per language, e.g. es: …")
            return None
        versions: dict[str, str] = {}
        for lang, words in value.items():
            if lang not in LANGUAGES:
                self.error(value.line_of(lang), f"{name}.{lang}",
                           f"unknown language; use {', '.join(LANGUAGES)}")
                continue
            if not isinstance(words, str) or not words.strip():
                self.error(value.line_of(lang), f"{name}.{lang}", "must be a non-empty text")
                continue
            versions[lang] = " ".join(words.split())
        if "es" not in versions:
            self.error(value.line, name, "the Spanish (es) version is required")
        for lang in self.languages:
            if lang not in versions and lang != "es":
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
            if on is not None and not _is_date(on):
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


def _join(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key


def _load_doc(path: Path, problems: list[Problem], cache: ContentCache | None = None) -> Map | None:
    doc = cache.get(path) if cache is not None else None
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


def load_module(path: Path, problems: list[Problem], pictures: set[str] | None,
                languages: tuple[str, ...] = LANGUAGES, cache: ContentCache | None = None) -> Module | None:
    """Parse one module file; None (with problems recorded) if it has any error."""
    doc = _load_doc(path, problems, cache)
    if doc is None:
        return None
    r = _Reader(path, problems, languages)
    mid = r.ident(doc, "id", "")
    order_raw = doc.get("order")
    order = 0
    if not isinstance(order_raw, int) or isinstance(order_raw, bool):
        r.error(doc.line_of("order"), "order", "must be a whole number")
    else:
        order = order_raw
    topic = r.string(doc, "topic", "")
    if topic and topic not in TOPICS:
        r.error(doc.line_of("topic"), "topic", f"must be one of {', '.join(TOPICS)}")
    sensitive = r.boolean(doc, "sensitive", "", False)
    picture = _picture(r, doc, "picture", "", pictures)
    status = r.statuses(doc)
    title = r.text(doc, "title", "", f"{mid}.title")
    warning = r.text(doc, "warning", "", f"{mid}.warning", required=sensitive)
    steps: list[Step] = []
    seen: set[str] = set()
    step_list = r.seq(doc, "steps", "")
    for where, raw in r.maps(doc, "steps", "", "id, picture and text"):
        sid = r.unique_id(raw, where, seen)
        spic = _picture(r, raw, "picture", where, pictures)
        stext = r.text(raw, "text", where, f"{mid}.{sid}")
        if stext:
            steps.append(Step(sid, spic, stext))
    if step_list and not 1 <= len(step_list) <= 12:
        r.error(step_list.line, "steps", f"has {len(step_list)} steps; 1 to 12 are allowed")
    questions: list[Question] = []
    for where, raw in r.maps(doc, "questions", "", "id, prompt and choices"):
        q = _question(r, raw, where, mid, seen, pictures)
        if q:
            questions.append(q)
    summary = r.text(doc, "summary", "", f"{mid}.summary")
    discussion: list[Text] = []
    d_list = r.seq(doc, "discussion", "", required=False)
    for i, raw in enumerate(d_list):
        if not isinstance(raw, Map):
            r.error(d_list.line, f"discussion[{i + 1}]", "must give a text per language")
            continue
        holder = Map({"text": raw})
        holder.line, holder.lines = raw.line, {"text": raw.line}
        t = r.text(holder, "text", f"discussion[{i + 1}]", f"{mid}.discussion-{i + 1}")
        if t:
            discussion.append(t)
    help_ids = []
    h_list = r.seq(doc, "help", "", required=False)
    for value in h_list:
        if not isinstance(value, str) or not ID_RE.match(value):
            r.error(h_list.line, "help", f"'{value}' is not a help directory id")
        else:
            help_ids.append(value)
    if sensitive and not help_ids:
        r.error(doc.line, "help", "a sensitive module must end with where to find help")
    if r.failed or title is None or summary is None:
        return None
    return Module(mid, order, topic, sensitive, picture, title, warning, tuple(steps),
                  tuple(questions), summary, tuple(discussion), tuple(help_ids), status, path)


def _picture(r: _Reader, doc: Map, key: str, where: str, pictures: set[str] | None) -> str:
    name = r.string(doc, key, where)
    if not name:
        return ""
    if "/" in name or "\\" in name or name.startswith(".") or ":" in name:
        r.error(doc.line_of(key), _join(where, key),
                f"'{name}' must be a picture name from pictures/, not a path")
        return ""
    if pictures is not None and name not in pictures:
        r.error(doc.line_of(key), _join(where, key), f"no picture '{name}.svg' in pictures/")
    return name


def _question(r: _Reader, raw: Map, where: str, mid: str, seen: set[str],
              pictures: set[str] | None) -> Question | None:
    qid = r.unique_id(raw, where, seen)
    prompt = r.text(raw, "prompt", where, f"{mid}.{qid}.prompt")
    choices: list[Choice] = []
    c_list = r.seq(raw, "choices", where)
    cids: set[str] = set()
    for cwhere, craw in r.maps(raw, "choices", where, "id, picture and text"):
        cid = r.unique_id(craw, cwhere, cids)
        if cid == DONT_KNOW:
            r.error(craw.line_of("id"), f"{cwhere}.id", "the kiosk adds 'No sé' by itself")
        cpic = _picture(r, craw, "picture", cwhere, pictures)
        ctext = r.text(craw, "text", cwhere, f"{mid}.{qid}.{cid}")
        correct = r.boolean(craw, "correct", cwhere, False)
        if ctext:
            choices.append(Choice(cid, cpic, ctext, correct))
    if c_list and not 2 <= len(c_list) <= 4:
        r.error(c_list.line, f"{where}.choices", f"has {len(c_list)} choices; 2 to 4 are allowed")
    if c_list and sum(1 for c in choices if c.correct) != 1 and len(choices) == len(c_list):
        r.error(c_list.line, f"{where}.choices", "exactly one choice must have correct: true")
    explain = r.text(raw, "explain", where, f"{mid}.{qid}.explain", required=False)
    if prompt is None:
        return None
    return Question(qid, prompt, tuple(choices), explain)


def load_prompts(path: Path, problems: list[Problem], languages: tuple[str, ...],
                 cache: ContentCache | None = None) -> tuple[dict[str, Text], dict[str, LangStatus]]:
    doc = _load_doc(path, problems, cache)
    if doc is None:
        return {}, {}
    r = _Reader(path, problems, languages)
    status = r.statuses(doc)
    block = r.mapping(doc, "prompts", "")
    result: dict[str, Text] = {}
    if block is None:
        return result, status
    for key in block:
        r.failed = False
        if key == "language.self":
            # Each language's own name is only ever spoken in that language: nothing to translate.
            value = block[key]
            if isinstance(value, Map):
                result[key] = Text(f"prompt.{key}", {k: str(v) for k, v in value.items() if k in LANGUAGES},
                                   value.line)
            continue
        t = r.text(block, key, "prompts", f"prompt.{key}")
        if t:
            result[key] = t
    return result, status


def load_help(path: Path, problems: list[Problem], languages: tuple[str, ...],
              local: bool, cache: ContentCache | None = None) -> list[HelpService]:
    doc = _load_doc(path, problems, cache)
    if doc is None:
        return []
    r = _Reader(path, problems, languages)
    entries: list[HelpService] = []
    for where, raw in r.maps(doc, "entries", "", "id, name, number, …"):
        r.failed = False
        hid = r.ident(raw, "id", where)
        name = r.string(raw, "name", where)
        number = r.string(raw, "number", where, required=False)
        if number and not re.fullmatch(r"[0-9 -]{1,20}", number):
            r.error(raw.line_of("number"), f"{where}.number", "only digits, spaces and dashes")
        hours = r.string(raw, "hours", where)
        cost = r.string(raw, "cost", where)
        source = r.string(raw, "source", where)
        checked = raw.get("checked")
        if checked == "never":
            checked = None
        elif not _is_date(checked):
            r.error(raw.line_of("checked"), f"{where}.checked",
                    "needs the date someone last checked it, like 2025-12-25 (or: never)")
        langs = r.seq(raw, "languages", where)
        bad = [lang for lang in langs if lang not in LANGUAGES]
        if bad:
            r.error(raw.line_of("languages"), f"{where}.languages", f"unknown language {bad[0]}")
        say = r.text(raw, "say", where, f"help.{hid}")
        if r.failed or say is None:
            continue
        entries.append(HelpService(hid, name, number, hours, tuple(str(x) for x in langs), cost,
                                   source, checked, say, local, path))
    return entries


def load_attitudes(path: Path, problems: list[Problem], pictures: set[str] | None,
                   languages: tuple[str, ...], cache: ContentCache | None = None
                   ) -> tuple[Attitudes | None, dict[str, LangStatus]]:
    doc = _load_doc(path, problems, cache)
    if doc is None:
        return None, {}
    r = _Reader(path, problems, languages)
    status = r.statuses(doc)
    intro = r.text(doc, "intro", "", "attitudes.intro")
    answers: list[Choice] = []
    seen: set[str] = set()
    for where, raw in r.maps(doc, "answers", "", "id, picture and text"):
        aid = r.unique_id(raw, where, seen)
        pic = _picture(r, raw, "picture", where, pictures)
        text = r.text(raw, "text", where, f"attitudes.answer.{aid}")
        if text:
            answers.append(Choice(aid, pic, text))
    questions: list[AttitudeQuestion] = []
    asked: set[str] = set()
    for where, raw in r.maps(doc, "questions", "", "id, source and prompt"):
        qid = r.unique_id(raw, where, asked)
        source = r.string(raw, "source", where)
        prompt = r.text(raw, "prompt", where, f"attitudes.{qid}")
        if prompt:
            questions.append(AttitudeQuestion(qid, source, prompt))
    if r.failed or intro is None:
        return None, status
    return Attitudes(intro, tuple(answers), tuple(questions), path), status


def picture_names(content_dir: Path) -> set[str]:
    """The SVG pictures there are (regular files; no links out of the folder). One directory read,
    not two stat calls per picture."""
    try:
        with os.scandir(content_dir / "pictures") as entries:
            return {e.name[:-4] for e in entries
                    if e.name.endswith(".svg") and not e.name.startswith(".")
                    and e.is_file(follow_symlinks=False)}
    except OSError:
        return set()


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Loading makes hundreds of thousands of objects that all stay alive, and Python's cycle
    collector would walk all of them again at every collection: 1,000 modules took 3.0 s to load
    with it and 1.9 s without (bench measure 6: growth 14× → ~9× for 10× the modules). Nothing
    made here needs it: a collection afterwards finds what there is to find."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def load_library(content_dir: Path, local_help: Path | None = None,
                 languages: tuple[str, ...] = LANGUAGES, cache: Path | None = None,
                 first_screen: bool = False) -> Library:
    """Load everything valid under ``content_dir``; problems are collected, never raised.
    ``cache``: a file in the user data folder that keeps parsed modules between starts.
    ``first_screen``: load the prompts now and the rest on ``Library.complete()`` (see Library)."""
    with _gc_paused():
        parsed = ContentCache(cache) if cache is not None else None
        lib = Library()
        problems = lib._problems
        prompts_file = content_dir / "prompts.yaml"
        if prompts_file.exists():
            lib.prompts, lib._statuses[prompts_file] = load_prompts(prompts_file, problems, languages,
                                                                    parsed)
        else:
            problems.append(Problem(prompts_file, 0, "file", "missing: the kiosk has nothing to say"))
    lib._rest = lambda: _load_the_rest(lib, content_dir, local_help, languages, parsed)
    if not first_screen:
        lib.complete()
    return lib


def _load_the_rest(lib: Library, content_dir: Path, local_help: Path | None,
                   languages: tuple[str, ...], parsed: ContentCache | None) -> None:
    """The help directory, the lessons and the attitudes (``Library.complete`` runs this)."""
    problems = lib._problems
    pictures = picture_names(content_dir)
    help_files = [(p, False) for p in sorted((content_dir / "help").glob("*.yaml"))]
    if local_help is not None and local_help.exists():
        help_files.append((local_help, True))
    for path, local in help_files:
        for entry in load_help(path, problems, languages, local or path.stem == "local", parsed):
            if lib.help_entry(entry.id):
                problems.append(Problem(path, entry.say.line, "id", f"'{entry.id}' is defined twice"))
                continue
            lib.help.append(entry)
    ids: dict[str, Path] = {}
    for path in sorted((content_dir / "modules").glob("*.yaml")):
        module = load_module(path, problems, pictures, languages, parsed)
        if module is None:
            continue
        if module.id in ids:
            problems.append(Problem(path, 1, "id", f"'{module.id}' is also used by {ids[module.id].name}"))
            continue
        unknown = [h for h in module.help if lib.help_entry(h) is None]
        if unknown:
            problems.append(Problem(path, 1, "help", f"no help directory entry '{unknown[0]}'"))
            continue
        ids[module.id] = path
        lib.modules.append(module)
        lib.statuses[path] = module.status
    lib.modules.sort(key=lambda m: (m.order, m.id))
    attitudes_file = content_dir / "attitudes.yaml"
    if attitudes_file.exists():
        lib._attitudes, status = load_attitudes(attitudes_file, problems, pictures, languages, parsed)
        if lib._attitudes:
            lib._statuses[attitudes_file] = status
    if parsed is not None:
        parsed.save()
