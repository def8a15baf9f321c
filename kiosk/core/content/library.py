"""The library: everything loaded from the content folder, loaded in two parts (the first screen's
prompts, then the rest), and what was wrong with it."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from kiosk.core.content import svgcheck
from kiosk.core.content.cache import ContentCache
from kiosk.core.content.gcpause import gc_paused
from kiosk.core.content.parsers import load_attitudes, load_help, load_module, load_prompts, picture_names
from kiosk.core.content.reviews import OK, Review, Reviews, current
from kiosk.core.model import (
    LANGUAGES,
    NEUTRAL_MODULE,
    Attitudes,
    Exercise,
    HelpService,
    LangStatus,
    Module,
    Problem,
    Text,
)


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
        self._exercises: list[Exercise] = []
        self._reviews: Reviews = {}
        self._index: dict[str, Text] = {}
        self._rest: Callable[[], None] | None = None  # what first_screen loading left for later
        self._loading = False
        self._lock = threading.RLock()  # it loads on a worker thread while the UI may ask for it
        self._when_complete: list[Callable[[], None]] = []
        self.neutral_id = NEUTRAL_MODULE  # the settings' choice; module() of it is None if unsafe
        # what the help directory was loaded from (reload_help)
        self.help_source: tuple[Path, Path | None, tuple[str, ...], Path | None] | None = None

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
                with gc_paused():
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
    exercises: list[Exercise] = _LoadedLater()  # type: ignore[assignment]
    reviews: Reviews = _LoadedLater()  # type: ignore[assignment]

    def review(self, text: Text, lang: str) -> Review | None:
        """The per-text review of these very words in ``lang`` (content/reviews/), if any."""
        return current(self.reviews, text, lang)

    def is_reviewed(self, text: Text, lang: str, file: Path | None = None) -> bool:
        """Reviewed: its file says so for the whole language, or a current per-text record says ok."""
        status = self.statuses.get(file, {}).get(lang) if file is not None else None
        if status is not None and status.status == "reviewed":
            return True
        record = self.review(text, lang)
        return record is not None and record.verdict == OK

    def module(self, module_id: str) -> Module | None:
        return next((m for m in self.modules if m.id == module_id), None)

    @property
    def neutral_module(self) -> Module | None:
        """The harmless lesson a quick exit shows: None when it is missing, sensitive or its id is
        claimed by two files (each an error naming the files); the kiosk then shows a plain screen."""
        return self.module(self.neutral_id)

    def exercise(self, exercise_id: str) -> Exercise | None:  # a practice-phone exercise
        return next((e for e in self.exercises if e.id == exercise_id), None)

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
        yield from (t for e in self.exercises for t in e.texts())

    def texts_with_files(self) -> list[tuple[Text, Path]]:
        """Every text with the file it comes from (whose ``languages:`` block gives its status)."""
        out: list[tuple[Text, Path]] = []
        prompts = [p for p in self.statuses if p.name == "prompts.yaml"]
        if prompts:
            out.extend((t, prompts[0]) for t in self.prompts.values())
        for m in self.modules:
            out.extend((t, m.file) for t in m.texts())
        out.extend((h.say, h.file) for h in self.help)
        if self.attitudes:
            out.extend((t, self.attitudes.file) for t in self.attitudes.texts())
        out.extend((t, e.file) for e in self.exercises for t in e.texts())
        return out

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]


def load_library(content_dir: Path, local_help: Path | None = None,
                 languages: tuple[str, ...] = LANGUAGES, cache: Path | None = None,
                 first_screen: bool = False, neutral: str = NEUTRAL_MODULE,
                 confirmed: Path | None = None) -> Library:
    """Load everything valid under ``content_dir``; problems are collected, never raised.
    ``cache``: a file in the user data folder that keeps parsed modules between starts.
    ``first_screen``: load the prompts now and the rest on ``Library.complete()`` (see Library).
    ``neutral``: the id of the module a quick exit shows (settings.json ``neutral_module``).
    ``confirmed``: the data folder's ``help-confirmed.json`` (days a facilitator confirmed entries)."""
    with gc_paused():
        parsed = ContentCache(cache) if cache is not None else None
        lib = Library()
        lib.neutral_id = neutral
        problems = lib._problems
        prompts_file = content_dir / "prompts.yaml"
        if prompts_file.exists():
            lib.prompts, lib._statuses[prompts_file] = load_prompts(prompts_file, problems, languages,
                                                                    parsed)
        else:
            problems.append(Problem(prompts_file, 0, "file", "missing"))
        _stand_in_prompts(lib, prompts_file)
    lib._rest = lambda: _load_the_rest(lib, content_dir, local_help, languages, parsed, confirmed)
    if not first_screen:
        lib.complete()
    return lib


def _load_the_rest(lib: Library, content_dir: Path, local_help: Path | None,
                   languages: tuple[str, ...], parsed: ContentCache | None,
                   confirmed: Path | None = None) -> None:
    """The help directory, the lessons and the attitudes (``Library.complete`` runs this)."""
    from kiosk.core.content.exercises import load_exercises  # not before the first screen
    from kiosk.core.content.reviews import load_reviews
    problems = lib._problems
    pictures = picture_names(content_dir)
    refused = refuse_pictures(content_dir, pictures, problems)
    broken_help = _load_help(lib, content_dir, local_help, languages, parsed, confirmed, pictures)
    lib._reviews = load_reviews(content_dir, problems)
    ids: dict[str, Path] = {}
    files = sorted((content_dir / "modules").glob("*.yaml"))
    if len(files) > MAX_MODULES:
        problems.append(Problem(files[MAX_MODULES], 0, "file",
                                f"{len(files)} module files; the kiosk starts in time with at most "
                                f"{MAX_MODULES}: this one and the {len(files) - MAX_MODULES - 1} after "
                                "it (by name) are not loaded"))
        files = files[:MAX_MODULES]
    neutral: list[tuple[Path, Module]] = []
    for path in files:
        module = load_module(path, problems, pictures, languages, parsed)
        if module is None:
            continue
        if module.id == lib.neutral_id:
            neutral.append((path, _without_pictures(module, refused) if refused else module))
            continue
        if module.id in ids:
            problems.append(Problem(path, 1, "id", f"'{module.id}' is also used by {ids[module.id].name}"))
            continue
        unknown = [h for h in module.help if lib.help_entry(h) is None]
        if unknown and broken_help:  # a broken help file never hides the lessons that point to it
            problems.append(Problem(path, 1, "help", f"help entry '{unknown[0]}' not found while "
                                    f"{broken_help[0].name} cannot be read: the lesson ends without it",
                                    "warning"))
            module = module._replace(help=tuple(h for h in module.help if h not in unknown))
        elif unknown:
            problems.append(Problem(path, 1, "help", f"no help directory entry '{unknown[0]}'"))
            continue
        ids[module.id] = path
        if refused:
            module = _without_pictures(module, refused)
        lib.modules.append(module)
        lib.statuses[path] = module.status
    _place_neutral(lib, neutral, content_dir, ids)
    lib.modules.sort(key=lambda m: (m.order, m.id))
    attitudes_file = content_dir / "attitudes.yaml"
    if attitudes_file.exists():
        lib._attitudes, status = load_attitudes(attitudes_file, problems, pictures, languages, parsed)
        if lib._attitudes:
            lib._statuses[attitudes_file] = status
    lib._exercises = load_exercises(content_dir, problems, lib, languages, parsed, pictures, refused)
    if parsed is not None:
        parsed.save()


def _load_help(lib: Library, content_dir: Path, local_help: Path | None, languages: tuple[str, ...],
               parsed: ContentCache | None, confirmed: Path | None,
               pictures: set[str] | None = None) -> list[Path]:
    """The help directory (shipped, then the data folder's help-local.yaml), with the days the
    facilitator confirmed entries on screen (``confirmed``: help-confirmed.json); the files that
    did not load at all."""
    problems = lib._problems
    help_files = [(p, False) for p in sorted((content_dir / "help").glob("*.yaml"))]
    if local_help is not None and local_help.exists():
        help_files.append((local_help, True))
    broken_help = []  # help files that did not load at all: their ids are unknown, not wrong
    for path, local in help_files:
        before = len(problems)
        entries = load_help(path, problems, languages, local or path.stem == "local", parsed,
                            pictures)
        if any(p.file == path and p.field == "file" for p in problems[before:]):
            broken_help.append(path)
        for entry in entries:
            if lib.help_entry(entry.id):
                problems.append(Problem(path, entry.say.line, "id", f"'{entry.id}' is defined twice"))
                continue
            lib.help.append(entry)
    if confirmed is not None:
        from kiosk.core.content.confirmed import apply_confirmed, read_confirmed

        days = read_confirmed(confirmed, problems)
        if days:
            lib._help[:] = apply_confirmed(lib._help, days, confirmed, problems)
    lib.help_source = (content_dir, local_help, languages, confirmed)
    return broken_help


def reload_help(lib: Library, local_help: Path | None = None, confirmed: Path | None = None) -> None:
    """Read the help directory again (after the facilitator's form saved an entry or a
    confirmation): its problems replace the old ones; lessons and prompts stay as they are.
    ``local_help``, ``confirmed``: the data folder's files (default: those it was loaded with)."""
    lib.complete()
    if lib.help_source is None:
        return
    content_dir, loaded_local, languages, loaded_confirmed = lib.help_source
    local_help = local_help or loaded_local
    confirmed = confirmed or loaded_confirmed
    files = {*sorted((content_dir / "help").glob("*.yaml")), local_help, confirmed}
    lib._problems[:] = [p for p in lib._problems if p.file not in files]
    lib._help.clear()
    _load_help(lib, content_dir, local_help, languages, None, confirmed, picture_names(content_dir))
    lib._index = {}


def _stand_in_prompts(lib: Library, prompts_file: Path) -> None:
    """Every prompt the file lacks (missing, broken, a key left out) is said by the built-in one, and
    the facilitator is told: a broken prompts.yaml never leaves the kiosk mute."""
    from kiosk.core.content.builtin import PROMPTS, STATUS_NOTE

    missing = [key for key in PROMPTS if key not in lib.prompts]
    if not missing:
        return
    for key in missing:
        lib.prompts[key] = Text(f"prompt.{key}", dict(PROMPTS[key]), 0)
    if prompts_file not in lib._statuses or not lib._statuses[prompts_file]:
        lib._statuses[prompts_file] = {lang: LangStatus("draft", note=STATUS_NOTE) for lang in LANGUAGES}
    shown = ", ".join(missing[:3]) + (f" and {len(missing) - 3} more" if len(missing) > 3 else "")
    lib._problems.append(Problem(prompts_file, 0, "prompts", f"{len(missing)} prompts not usable here "
                                 f"({shown}): the kiosk says its built-in versions", "warning"))


MAX_MODULES = 1_000  # load in ~0.65 s (bench measure 6), inside the 1 s start-up budget


def _place_neutral(lib: Library, found: list[tuple[Path, Module]], content_dir: Path,
                   ids: dict[str, Path]) -> None:
    """The neutral module must be one file's, harmless and there: a file named to sort first
    (``00-….yaml``) with its id must not take its place silently — neither is trusted then."""
    problems = lib._problems
    nid = lib.neutral_id
    if not found:
        problems.append(Problem(content_dir / "modules", 0, "neutral_module",
                                f"no module has the id '{nid}' that settings.json names for the quick "
                                "exit; it shows a plain screen"))
        return
    if len(found) > 1:
        names = ", ".join(p.name for p, _ in found)
        for path, _ in found:
            problems.append(Problem(path, 1, "id", f"'{nid}' (the quick exit's neutral module) is "
                                    f"claimed by {names}: neither is used; quick exit shows a plain screen"))
        return
    path, module = found[0]
    if module.sensitive:
        problems.append(Problem(path, 1, "sensitive", f"'{nid}' is the quick exit's neutral module: it "
                                "must not be sensitive; quick exit shows a plain screen"))
        return
    ids[nid] = path
    lib.modules.append(module)
    lib.statuses[path] = module.status


def refuse_pictures(content_dir: Path, pictures: set[str], problems: list[Problem]) -> set[str]:
    """Pictures over a budget (``svgcheck``): each is an error, and whatever shows it shows the
    kiosk's plain placeholder instead (the name becomes "")."""
    refused = set()
    for name in sorted(pictures):
        path = content_dir / "pictures" / f"{name}.svg"
        why = svgcheck.inspect(path)
        if why is not None:
            problems.append(Problem(path, why.line, "picture", f"{why.message}: not drawn"))
            refused.add(name)
    return refused


def _without_pictures(module: Module, refused: set[str]) -> Module:
    def pic(name: str) -> str:
        return "" if name in refused else name

    steps = tuple(s._replace(picture=pic(s.picture)) for s in module.steps)
    questions = tuple(q._replace(choices=tuple(c._replace(picture=pic(c.picture)) for c in q.choices))
                      for q in module.questions)
    return module._replace(picture=pic(module.picture), steps=steps, questions=questions)
