"""The content checker behind ``kiosk content check``.

Errors come from the loader (the file is skipped by the kiosk). Warnings here are about quality:
missing translations, long or hard Spanish sentences, glossary words, clips missing or made for
an older text, pictures of unknown source, help entries not checked for a year, and questions
that measure nothing (only two choices; a lesson whose correct answers all sit in one position;
one position holding more than half of all correct answers).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

from kiosk.core.audio.coverage import coverage
from kiosk.core.content import Library, load_library, yamlsafe
from kiosk.core.content.concepts import concept_warnings, load_concepts
from kiosk.core.content.reviews import review_warnings
from kiosk.core.content.staff import staff_problems
from kiosk.core.model import LANGUAGES, Problem, Text
from kiosk.core.settings import load_settings
from kiosk.paths import Paths

MAX_WORDS = 20
MIN_READABILITY = 70.0  # Fernández-Huerta "fairly easy" starts at 70
READABILITY_MIN_WORDS = 8  # the formula means nothing for a button label of one or two words
STALE_HELP_DAYS = 365
_SENTENCE = re.compile(r"(?<=[.!?])\s+")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?|\d+", re.UNICODE)


def sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE.split(text.strip()) if s]


def words(text: str) -> list[str]:
    return _WORD.findall(text)


_VOWEL_GROUP = re.compile(r"[aeiouáéíóúüy]+", re.IGNORECASE)


def syllables(word: str) -> int:
    """Spanish syllables of ``word`` from pylabeador's syllabifier (pyphen only hyphenates: it
    undercounts). A word it cannot split (a foreign name, a number) counts its vowel groups."""
    if word.isdigit():
        return max(1, len(word))
    try:
        import pylabeador  # an [authoring] dependency: only `kiosk content check` needs it

        return len(pylabeador.syllabify(word.lower()))
    except Exception:
        return max(1, len(_VOWEL_GROUP.findall(word)))


def _per_word_and_sentence(text: str) -> tuple[float, float] | None:
    ws, ss = words(text), sentences(text)
    if not ws or not ss:
        return None
    return sum(syllables(w) for w in ws) / len(ws), len(ws) / len(ss)


def fernandez_huerta(text: str) -> float:
    """Fernández-Huerta (1959) as corrected for words per sentence:
    206.84 − 0.60 × syllables per 100 words − 1.02 × words per sentence."""
    counts = _per_word_and_sentence(text)
    if counts is None:
        return 100.0
    per_word, per_sentence = counts
    return 206.84 - 60 * per_word - 1.02 * per_sentence


def inflesz(text: str) -> float:
    """Szigriszt-Pazos perspicuity, read on the INFLESZ scale used for Spanish health leaflets
    (Barrio-Cantalejo 2008): 206.835 − 62.3 × syllables per word − words per sentence; 55–65
    "normal", 65–80 "fairly easy", above 80 "very easy"."""
    counts = _per_word_and_sentence(text)
    if counts is None:
        return 100.0
    per_word, per_sentence = counts
    return 206.835 - 62.3 * per_word - per_sentence


def load_glossary(content: Path, problems: list[Problem]) -> dict[str, list[tuple[str, str]]]:
    result: dict[str, list[tuple[str, str]]] = {}
    for path in sorted((content / "glossary").glob("*.yaml")):
        try:
            doc = yamlsafe.load(path)
        except yamlsafe.YamlError as exc:
            problems.append(Problem(path, exc.line, "file", exc.message))
            continue
        lang = doc.get("language") if isinstance(doc, dict) else None
        if lang not in LANGUAGES:
            problems.append(Problem(path, 1, "language", f"must be one of {', '.join(LANGUAGES)}"))
            continue
        entries = doc.get("avoid") or []
        for entry in entries:
            if isinstance(entry, dict) and entry.get("word"):
                result.setdefault(lang, []).append((str(entry["word"]), str(entry.get("say", ""))))
    return result


def exercises_summary(lib: Library) -> list[dict[str, Any]]:
    """The practice phone's exercises: which lessons offer them, their languages and status."""
    out = []
    for e in lib.exercises:
        texts = list(e.texts())
        langs = {lang: {"status": e.status[lang].status if lang in e.status else "draft",
                        "texts": sum(1 for t in texts if t.get(lang)), "of": len(texts)}
                 for lang in LANGUAGES}
        out.append({"id": e.id, "file": str(e.file), "lessons": list(e.lessons), "start": e.start,
                    "goals": len(e.goals), "languages": langs})
    return out


Render = Callable[[list[Path]], list[Problem]]


def _settings_problems(path: Path, found: tuple[str, ...]) -> list[Problem]:
    """settings.json's problems (``<path>[:line]: field: message``) as the checker's: errors, since
    the kiosk then runs on defaults (the neutral module among them)."""
    out = []
    for text in found:
        rest = text[len(str(path)):].lstrip(":") if text.startswith(str(path)) else text
        line, _, tail = rest.partition(": ") if rest[:1].isdigit() else ("0", "", rest.strip())
        fieldname, _, message = tail.partition(": ")
        out.append(Problem(path, int(line) if line.isdigit() else 0, fieldname, message))
    return out


def check(paths: Paths, today: dt.date | None = None, render: Render | None = None) -> dict[str, Any]:
    """``render``: times the real renderer on the pictures the static budget let through (the CLI
    passes ``kiosk.svgprobe.probe``: the core may not import Qt)."""
    today = today or dt.date.today()
    settings = load_settings(paths.settings)
    lib = load_library(paths.content, paths.local_help, neutral=settings.neutral_module,  # + on-screen help
                       confirmed=paths.help_confirmed)
    problems = list(lib.problems) + _settings_problems(paths.settings, settings.problems)
    problems += staff_problems(paths.content)  # the facilitator's pages' texts (a pack's, or shipped)
    glossary = load_glossary(paths.content, problems)
    texts = lib.texts_with_files()

    def warn(path: Path, line: int, fieldname: str, message: str) -> None:
        problems.append(Problem(path, line, fieldname, message, "warning"))

    for text, path in texts:
        if text.key == "prompt.language.self":
            continue
        es = text.get("es")
        if es:
            for sentence in sentences(es):
                n = len(words(sentence))
                if n > MAX_WORDS:
                    warn(path, text.line, f"{text.key}.es",
                         f"sentence of {n} words (at most {MAX_WORDS}): \"{sentence[:50]}…\"")
            score = fernandez_huerta(es)
            if len(words(es)) >= READABILITY_MIN_WORDS and score < MIN_READABILITY:
                warn(path, text.line, f"{text.key}.es",
                     f"hard to follow (Fernández-Huerta {score:.0f}, want {MIN_READABILITY:.0f}+; "
                     f"INFLESZ {inflesz(es):.0f}): "
                     "shorter words and sentences")
        for lang, avoid in glossary.items():
            version = (text.get(lang) or "").lower()
            for word, plain in avoid:
                if re.search(rf"(?<!\w){re.escape(word.lower())}(?!\w)", version):
                    hint = f"; say \"{plain}\"" if plain else ""
                    warn(path, text.line, f"{text.key}.{lang}", f"\"{word}\" is in the glossary{hint}")

    problems.extend(question_warnings(lib))
    problems.extend(concept_warnings(texts, load_concepts(paths.content, problems)))
    problems.extend(review_warnings(lib.reviews, texts, paths.content))

    audio: dict[str, dict[str, int]] = {}
    for lang, data in coverage(paths, lib).items():
        counts = {k: data["total"][k] for k in ("recorded", "synthetic", "stale", "missing")}
        audio[lang] = counts
        if counts["missing"] or counts["stale"]:
            warn(paths.audio, 0, f"audio.{lang}",
                 f"{counts['missing']} texts have no clip and {counts['stale']} a clip of an older "
                 "text or voice (the kiosk synthesises them live; run: kiosk voices render)")

    attribution = paths.content / "pictures" / "ATTRIBUTION.md"
    credited = attribution.read_text(encoding="utf-8") if attribution.exists() else ""
    for picture in sorted((paths.content / "pictures").glob("*.svg")):
        if f"`{picture.stem}`" not in credited:
            warn(picture, 0, "picture", "source and licence unknown: add it to pictures/ATTRIBUTION.md")

    if render is not None:
        refused = {p.file for p in lib.problems if p.field == "picture"}
        problems += render([p for p in sorted((paths.content / "pictures").glob("*.svg"))
                            if p not in refused])

    for entry in lib.help:
        if entry.checked is None:
            dated = f" (its source is dated {entry.source_date}, which confirms nothing)" \
                if entry.source_date else ""
            warn(entry.file, entry.say.line, f"{entry.id}.checked",
                 f"never confirmed{dated}: call the number, then write that day in checked "
                 "(or confirm it on the facilitator's screen)")
            continue
        if entry.checked > today:
            warn(entry.file, entry.say.line, f"{entry.id}.checked",
                 f"{entry.checked} is in the future: write the day a person confirmed it")
            continue
        age = (today - entry.checked).days
        if age > STALE_HELP_DAYS:
            warn(entry.file, entry.say.line, f"{entry.id}.checked",
                 f"last checked {entry.checked} ({age} days ago): check the number and name again")

    summary = _summary(lib, texts)
    summary["audio"] = audio
    return {"problems": problems, "summary": summary}


def question_warnings(lib: Library) -> list[Problem]:
    """Questions a participant can pass without knowing anything ("press 1 always wins")."""
    out: list[Problem] = []
    positions: dict[int, int] = {}
    for m in lib.modules:
        correct: list[int] = []
        for q in m.questions:
            where = next((i for i, c in enumerate(q.choices, 1) if c.correct), 0)
            correct.append(where)
            positions[where] = positions.get(where, 0) + 1
            if len(q.choices) < 3:
                out.append(Problem(m.file, q.prompt.line, f"{m.id}.{q.id}.choices",
                                   f"only {len(q.choices)} choices: add a wrong answer that voices "
                                   "a real belief (a guess is right half the time)", "warning"))
        if len(correct) > 1 and len(set(correct)) == 1:
            first = m.questions[0].prompt.line
            out.append(Problem(m.file, first, f"{m.id}.questions",
                               f"the correct answer is choice {correct[0]} in every question: "
                               "move some to another place", "warning"))
    total = sum(positions.values())
    for where, n in sorted(positions.items()):
        if total >= 4 and 2 * n > total:
            out.append(Problem(lib.modules[0].file.parent, 0, "questions",
                               f"choice {where} is the correct answer in {n} of {total} questions "
                               "(more than half): spread them over the positions", "warning"))
    return out


def _summary(lib: Library, texts: list[tuple[Text, Path]]) -> dict[str, Any]:
    per_lang: dict[str, dict[str, Any]] = {}
    countable = texts
    for lang in LANGUAGES:
        present = sum(1 for t, _ in countable if t.get(lang))
        reviewed = sum(1 for t, p in countable if t.get(lang) and lib.is_reviewed(t, lang, p))
        total = len(countable) or 1
        per_lang[lang] = {"texts": present, "of": len(countable),
                          "present_pct": round(100 * present / total, 1),
                          "reviewed_pct": round(100 * reviewed / total, 1)}
    positions: dict[str, int] = {}
    choices: dict[str, int] = {}
    for q in (q for m in lib.modules for q in m.questions):
        where = str(next((i for i, c in enumerate(q.choices, 1) if c.correct), 0))
        positions[where] = positions.get(where, 0) + 1
        choices[str(len(q.choices))] = choices.get(str(len(q.choices)), 0) + 1
    return {
        "correct_positions": dict(sorted(positions.items())),
        "choices_per_question": dict(sorted(choices.items())),
        "modules": len(lib.modules),
        "steps": sum(len(m.steps) for m in lib.modules),
        "questions": sum(len(m.questions) for m in lib.modules),
        "help_entries": len(lib.help),
        "exercises": exercises_summary(lib),
        "languages": per_lang,
    }


def check_command(paths: Paths, as_json: bool, out: TextIO, render: Render | None = None) -> int:
    result = check(paths, render=render)
    problems: list[Problem] = result["problems"]
    errors = [p for p in problems if p.severity == "error"]
    if as_json:
        data = {"problems": [{**p._asdict(), "file": str(p.file)} for p in problems],
                "summary": result["summary"], "errors": len(errors),
                "warnings": len(problems) - len(errors)}
        out.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
        return 1 if errors else 0
    for p in problems:
        out.write(f"{p.file}:{p.line}: {p.field}: {p.severity}: {p.message}\n")
    s = result["summary"]
    out.write(f"\n{s['modules']} modules, {s['steps']} steps, {s['questions']} questions, "
              f"{s['help_entries']} help entries, {len(s['exercises'])} practice-phone exercises\n")
    for e in s["exercises"]:
        langs = ", ".join(f"{lang} {v['status']}" for lang, v in e["languages"].items())
        out.write(f"  practice phone: {e['id']} ({e['goals']} goals; {langs}; offered by "
                  f"{', '.join(e['lessons']) or 'no lesson'})\n")
    out.write("  correct answer at choice " + ", ".join(
        f"{k}: {v}" for k, v in s["correct_positions"].items()) + "; questions with "
        + ", ".join(f"{k} choices: {v}" for k, v in s["choices_per_question"].items()) + "\n")
    for lang, figures in s["languages"].items():
        a = s["audio"][lang]
        out.write(f"  {lang}: {figures['present_pct']}% of {figures['of']} texts present, "
                  f"{figures['reviewed_pct']}% reviewed; clips: {a['recorded']} recorded, "
                  f"{a['synthetic']} synthetic, {a['stale']} stale, {a['missing']} missing\n")
    out.write(f"{len(errors)} errors, {len(problems) - len(errors)} warnings\n")
    return 1 if errors else 0
