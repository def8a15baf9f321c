"""The parser of a practice-phone exercise (``content/exercises/*.yaml``; content/README.md).

Each goal names an element of the phone (``kiosk.core.phone``) that must be on the screen the
phone shows at that point: the parser walks the goals from the ``start`` screen, following where
each target leads, and names the file, line and field of a target that is not there.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from kiosk.core.content.cache import ContentCache
from kiosk.core.content.reader import Reader, join, load_doc
from kiosk.core.content.yamlsafe import Map
from kiosk.core.model import ID_RE, LANGUAGES, Exercise, Goal, Problem
from kiosk.core.phone import SCREENS, element

MAX_GOALS = 12
MAX_DIGITS = 12
MAX_EXERCISES = 100


def load_exercises(content_dir: Path, problems: list[Problem], library: Any,
                   languages: tuple[str, ...] = LANGUAGES, cache: ContentCache | None = None,
                   pictures: set[str] | None = None, refused: set[str] | frozenset[str] = frozenset()
                   ) -> list[Exercise]:
    """Every valid exercise under ``content_dir/exercises`` (its status recorded in the ``library``
    loading it), each offered by the lessons it names that the library has (one it names that does
    not is a warning, not an error); a picture over its budget (``refused``) is left out."""
    lessons = {m.id for m in library._modules}
    out: list[Exercise] = []
    for path in sorted((content_dir / "exercises").glob("*.yaml"))[:MAX_EXERCISES]:
        exercise = load_exercise(path, problems, languages, cache, pictures)
        if exercise is None:
            continue
        if any(e.id == exercise.id for e in out):
            problems.append(Problem(path, 1, "id", f"exercise '{exercise.id}' is defined twice"))
            continue
        unknown = [m for m in exercise.lessons if m not in lessons]
        if unknown:
            problems.append(Problem(path, 1, "lessons", f"no lesson '{unknown[0]}' offers it: "
                                    "the exercise is offered only by the lessons that exist", "warning"))
            exercise = exercise._replace(lessons=tuple(m for m in exercise.lessons if m in lessons))
        out.append(exercise._replace(picture="") if exercise.picture in refused else exercise)
        library._statuses[path] = exercise.status
    return out


def load_exercise(path: Path, problems: list[Problem], languages: tuple[str, ...] = LANGUAGES,
                  cache: ContentCache | None = None, pictures: set[str] | None = None) -> Exercise | None:
    """Parse one exercise file; None (with problems recorded) if it has any error."""
    doc = load_doc(path, problems, cache)
    if doc is None:
        return None
    r = Reader(path, problems, languages)
    eid = r.ident(doc, "id", "")
    status = r.statuses(doc)
    picture = r.string(doc, "picture", "", required=False) or "mobile-phone"
    if pictures is not None and picture not in pictures:
        r.error(doc.line_of("picture"), "picture", f"no picture '{picture}.svg' in pictures/")
    title = r.text(doc, "title", "", f"exercise.{eid}.title")
    intro = r.text(doc, "intro", "", f"exercise.{eid}.intro")
    outro = r.text(doc, "outro", "", f"exercise.{eid}.outro")
    start = r.string(doc, "start", "")
    if start and start not in SCREENS:
        r.error(doc.line_of("start"), "start", f"no phone screen '{start}' (there are: "
                f"{', '.join(sorted(SCREENS))})")
    lessons: list[str] = []
    for value in r.seq(doc, "lessons", ""):
        if not isinstance(value, str) or not ID_RE.match(value):
            r.error(doc.line_of("lessons"), "lessons", f"'{value}' is not a lesson id")
        else:
            lessons.append(value)
    goals: list[Goal] = []
    seen: set[str] = set()
    screen = start if start in SCREENS else ""
    g_list = r.seq(doc, "goals", "")
    for where, raw in r.maps(doc, "goals", "", "id, a target (or dial, or digits) and say"):
        goal = _goal(r, raw, where, eid, seen)
        if goal is None:
            continue
        screen = _walk(r, raw, where, goal, screen)
        goals.append(goal)
    if g_list and not 1 <= len(g_list) <= MAX_GOALS:
        r.error(g_list.line, "goals", f"has {len(g_list)} goals; 1 to {MAX_GOALS} are allowed")
    if r.failed or title is None or intro is None or outro is None:
        return None
    return Exercise(eid, title, intro, outro, start, tuple(lessons), tuple(goals), status, path, picture)


def _goal(r: Reader, raw: Map, where: str, eid: str, seen: set[str]) -> Goal | None:
    gid = r.unique_id(raw, where, seen)
    target = r.string(raw, "target", where, required=False)
    dial = r.string(raw, "dial", where, required=False)
    digits_raw = raw.get("digits", 0)
    digits = 0
    if not isinstance(digits_raw, int) or isinstance(digits_raw, bool) or not 0 <= digits_raw <= MAX_DIGITS:
        r.error(raw.line_of("digits"), join(where, "digits"),
                f"must be a whole number from 1 to {MAX_DIGITS}")
    else:
        digits = digits_raw
    if sum(1 for x in (target, dial, digits) if x) != 1:
        r.error(raw.line, where, "needs exactly one of target (an element), dial (a number) or digits")
    if dial and not re.fullmatch(rf"[0-9]{{1,{MAX_DIGITS}}}", dial):
        r.error(raw.line_of("dial"), join(where, "dial"), "only digits, like \"100\"")
    again = r.boolean(raw, "again", where, False)
    say = r.text(raw, "say", where, f"exercise.{eid}.{gid}.say")
    hint = r.text(raw, "hint", where, f"exercise.{eid}.{gid}.hint")
    praise = r.text(raw, "praise", where, f"exercise.{eid}.{gid}.praise", required=False)
    if say is None or hint is None:
        return None
    return Goal(gid, target, dial, digits, again, say, hint, praise, raw.line)


def _walk(r: Reader, raw: Map, where: str, goal: Goal, screen: str) -> str:
    """The screen the phone shows after ``goal``, or "" once the walk is lost (reported once)."""
    if not screen:
        return ""
    spec = SCREENS[screen]
    if goal.target:
        el = element(screen, goal.target)
        if el is None:
            there = ", ".join(e.id for e in spec.elements if not e.id.startswith("key-"))
            r.error(raw.line_of("target"), join(where, "target"),
                    f"no element '{goal.target}' on the phone's '{screen}' screen (there: {there})")
            return ""
        if spec.pad and not el.confirm:
            r.error(raw.line_of("target"), join(where, "target"),
                    f"'{goal.target}' is a key of the '{screen}' keypad: use dial or digits")
            return ""
        return el.go or screen
    if not spec.pad or (goal.dial and spec.pad != "dial"):
        field = "dial" if goal.dial else "digits"
        r.error(raw.line_of(field), join(where, field),
                f"the phone shows '{screen}' here, which has no keypad for {field}")
        return ""
    if goal.again and not goal.digits:
        r.error(raw.line_of("again"), join(where, "again"), "again: true goes with digits")
    return screen
