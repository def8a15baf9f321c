"""Parsers for each kind of content file: a module, the prompts, a help directory, the attitudes."""

from __future__ import annotations

import datetime as dt
import os
import re
import unicodedata
from pathlib import Path

from kiosk.core.content.cache import ContentCache
from kiosk.core.content.reader import Reader, is_date, join, load_doc
from kiosk.core.content.yamlsafe import Map, Seq
from kiosk.core.model import (
    DONT_KNOW,
    ID_RE,
    LANGUAGES,
    TOPICS,
    AttitudeQuestion,
    Attitudes,
    Choice,
    HelpService,
    LangStatus,
    Module,
    Problem,
    Question,
    Step,
    Text,
)


def load_module(path: Path, problems: list[Problem], pictures: set[str] | None,
                languages: tuple[str, ...] = LANGUAGES, cache: ContentCache | None = None) -> Module | None:
    """Parse one module file; None (with problems recorded) if it has any error."""
    doc = load_doc(path, problems, cache)
    if doc is None:
        return None
    r = Reader(path, problems, languages)
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
    pauses: list[tuple[str, int, object]] = []  # (place, line, discuss_after as written)
    for where, raw in r.maps(doc, "steps", "", "id, picture and text"):
        sid = r.unique_id(raw, where, seen)
        spic = _picture(r, raw, "picture", where, pictures)
        stext = r.text(raw, "text", where, f"{mid}.{sid}")
        if "discuss_after" in raw:
            pauses.append((where, raw.line_of("discuss_after"), raw["discuss_after"]))
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
    steps = _discuss_after(r, steps, pauses, len(d_list))
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


def _discuss_after(r: Reader, steps: list[Step], pauses: list[tuple[str, int, object]],
                   count: int) -> list[Step]:
    """``discuss_after: [1, 2]`` on a step: a group pauses after it on those discussion questions
    (numbered from 1 in ``discussion``); each question at most once. Those no step names are
    discussed at the end of the lesson."""
    used: set[int] = set()
    by_place: dict[str, tuple[int, ...]] = {}
    for where, line, value in pauses:
        numbers = value if isinstance(value, Seq) else [value]
        ok = [n for n in numbers if isinstance(n, int) and not isinstance(n, bool)]
        if len(ok) != len(numbers) or not ok:
            r.error(line, f"{where}.discuss_after",
                    "must be a discussion question number, or a list of them, like [1, 2]")
            continue
        for n in ok:
            if not 1 <= n <= count:
                r.error(line, f"{where}.discuss_after",
                        f"there is no discussion question {n} (the lesson has {count})")
            elif n in used:
                r.error(line, f"{where}.discuss_after", f"discussion question {n} is named twice")
            used.add(n)
        by_place[where] = tuple(ok)
    return [step._replace(discuss=by_place.get(f"steps[{i + 1}]", ())) for i, step in enumerate(steps)]


def _picture(r: Reader, doc: Map, key: str, where: str, pictures: set[str] | None) -> str:
    name = r.string(doc, key, where)
    if not name:
        return ""
    if "/" in name or "\\" in name or name.startswith(".") or ":" in name:
        r.error(doc.line_of(key), join(where, key),
                f"'{name}' must be a picture name from pictures/, not a path")
        return ""
    if pictures is not None and name not in pictures:
        r.error(doc.line_of(key), join(where, key), f"no picture '{name}.svg' in pictures/")
    return name


def _question(r: Reader, raw: Map, where: str, mid: str, seen: set[str],
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
    doc = load_doc(path, problems, cache)
    if doc is None:
        return {}, {}
    r = Reader(path, problems, languages)
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
              local: bool, cache: ContentCache | None = None,
              pictures: set[str] | None = None) -> list[HelpService]:
    doc = load_doc(path, problems, cache)
    if doc is None:
        return []
    r = Reader(path, problems, languages)
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
        elif not is_date(checked):
            r.error(raw.line_of("checked"), f"{where}.checked",
                    "the day a person confirmed the number and name, like 2026-12-02 "
                    "(or: never; an article's date goes in source_date)")
        elif isinstance(checked, dt.date) and checked > dt.date.today():  # passes for confirmed, never old
            r.warn(raw.line_of("checked"), f"{where}.checked",
                   f"{checked} is still to come: counted as never confirmed")
            checked = None
        source_date = raw.get("source_date")
        if source_date is not None and not is_date(source_date):
            r.error(raw.line_of("source_date"), f"{where}.source_date",
                    "must be the date of the article or page, like 2025-12-25 (or leave it out)")
            source_date = None
        elif source_date is not None and source_date > dt.date.today():
            r.warn(raw.line_of("source_date"), f"{where}.source_date",
                   f"{source_date} is still to come: left out")
            source_date = None
        names = _names(r, raw, where)
        langs = r.seq(raw, "languages", where)
        bad = [lang for lang in langs if lang not in LANGUAGES]
        if bad:
            r.error(raw.line_of("languages"), f"{where}.languages", f"unknown language {bad[0]}")
        say = r.text(raw, "say", where, f"help.{hid}")
        if r.failed or say is None:
            continue
        picture = ""
        if "picture" in raw:  # a wrong picture is named, but never costs the entry its number
            picture = _picture(r, raw, "picture", where, pictures)
            picture = "" if r.failed else picture
        entries.append(HelpService(hid, name, number, hours, tuple(str(x) for x in langs), cost,
                                   source, checked, say, local, path, source_date, names, picture))
    return entries


LONGEST_NAME = 80  # as the facilitator's form (localhelp.LONGEST): what a help screen shows


def _names(r: Reader, raw: Map, where: str) -> tuple[tuple[str, str], ...]:
    """``names: {qu: …, ay: …}``: the entry's name in a language that has its own."""
    block = r.mapping(raw, "names", where, required=False)
    out: list[tuple[str, str]] = []
    if block is None:
        return ()
    for lang in block:
        if lang not in LANGUAGES:
            r.error(block.line_of(lang), f"{where}.names.{lang}",
                    f"unknown language; use {', '.join(LANGUAGES)}")
            continue
        name = r.string(block, lang, f"{where}.names")
        if len(name) > LONGEST_NAME or any(unicodedata.category(c)[0] == "C" for c in name):
            r.warn(block.line_of(lang), f"{where}.names.{lang}", f"at most {LONGEST_NAME} characters, "
                   "none invisible (control or direction): left out, the entry's name is used")
        elif name:
            out.append((lang, name))
    return tuple(out)


def load_attitudes(path: Path, problems: list[Problem], pictures: set[str] | None,
                   languages: tuple[str, ...], cache: ContentCache | None = None
                   ) -> tuple[Attitudes | None, dict[str, LangStatus]]:
    doc = load_doc(path, problems, cache)
    if doc is None:
        return None, {}
    r = Reader(path, problems, languages)
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
