"""Words held steady (issue 17): one word per key concept and language, from the glossary.

``content/glossary/<lang>.yaml`` may list ``concepts``: for each key concept (partner, violence,
help, report, protection measure) the one ``word`` every lesson uses, and the ``variants`` —
other words people use for the same thing — that a lesson must not use instead::

    concepts:
      - id: partner
        word: qusa
        variants: [pareja, esposo, marido]

What "a concept word outside the glossary" means, precisely: a text in that language contains a
variant at the start of a word (any ending may follow: ``parejayki``, ``parejamax`` — Quechua
and Aymara add suffixes; case and the apostrophe's form do not matter; a variant of several
words matches with any spacing). A variant inside quotation marks ("…", “…”, «…») is the name
of the thing being taught — what the judge or the police will say — and is not warned. Each
match is one warning, ``file:line: key.lang: …``, naming the variant, the word found, the concept
and the glossary's word.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

from kiosk.core.content import yamlsafe
from kiosk.core.content.yamlsafe import Map
from kiosk.core.model import ID_RE, LANGUAGES, Problem, Text

KEY_CONCEPTS = ("partner", "violence", "help", "report", "protection-measure")
_QUOTED = re.compile(r"\"[^\"]*\"|“[^”]*”|«[^»]*»")


class Concept(NamedTuple):
    id: str
    lang: str
    word: str
    variants: tuple[str, ...]
    file: Path
    line: int

    def pattern(self) -> re.Pattern[str]:
        alts = "|".join(r"\s+".join(re.escape(_norm(w)) for w in v.split()) for v in self.variants)
        return re.compile(rf"(?<![^\W\d_'])({alts})[^\W\d_']*")


def _norm(text: str) -> str:
    return text.lower().replace("’", "'").replace("ʼ", "'")


def load_concepts(content: Path, problems: list[Problem]) -> dict[str, list[Concept]]:
    """{language: its concepts}. A bad entry is one problem line (an error: the glossary is the
    content's own file) and the others still hold."""
    out: dict[str, list[Concept]] = {}
    for path in sorted((content / "glossary").glob("*.yaml")):
        try:
            doc = yamlsafe.load(path)
        except yamlsafe.YamlError:
            continue  # the glossary check reports it
        if not isinstance(doc, Map) or doc.get("language") not in LANGUAGES:
            continue
        lang = str(doc["language"])
        raw = doc.get("concepts")
        if raw is None:
            continue
        if not isinstance(raw, list):
            problems.append(Problem(path, doc.line_of("concepts"), "concepts",
                                    "must be a list (lines starting with -)"))
            continue
        for i, entry in enumerate(raw):
            concept = _concept(entry, lang, path, i, problems)
            if concept is not None:
                out.setdefault(lang, []).append(concept)
        have = {c.id for c in out.get(lang, [])}
        for missing in (c for c in KEY_CONCEPTS if c not in have):
            problems.append(Problem(path, doc.line_of("concepts"), f"concepts.{missing}",
                                    "no entry for this key concept: give its word and variants", "warning"))
    return out


def _concept(entry: object, lang: str, path: Path, i: int, problems: list[Problem]) -> Concept | None:
    where = f"concepts[{i + 1}]"
    if not isinstance(entry, Map):
        problems.append(Problem(path, 0, where, "each entry needs id, word and variants"))
        return None
    cid, word, variants = entry.get("id"), entry.get("word"), entry.get("variants") or []
    if not isinstance(cid, str) or not ID_RE.match(cid):
        problems.append(Problem(path, entry.line, f"{where}.id",
                                "must be lowercase letters, digits and dashes"))
    elif not isinstance(word, str) or not word.strip():
        problems.append(Problem(path, entry.line, f"{cid}.word", "missing: the one word lessons use"))
    elif not isinstance(variants, list) or not all(isinstance(v, str) and v.strip() for v in variants):
        problems.append(Problem(path, entry.line_of("variants"), f"{cid}.variants",
                                "must be a list of words, e.g. [pareja, esposo]"))
    elif any(_norm(word).startswith(_norm(v)) for v in variants):
        problems.append(Problem(path, entry.line_of("variants"), f"{cid}.variants",
                                f"a variant is the start of the word '{word}' itself: "
                                "every use would be warned"))
    else:
        return Concept(cid, lang, word.strip(), tuple(v.strip() for v in variants), path, entry.line)
    return None


def concept_warnings(texts: Iterable[tuple[Text, Path]], concepts: dict[str, list[Concept]]) -> list[Problem]:
    """One warning per variant found in a text of a language whose glossary names the concept."""
    compiled = {lang: [(c, c.pattern()) for c in cs if c.variants] for lang, cs in concepts.items()}
    out: list[Problem] = []
    for text, path in texts:
        for lang, pairs in compiled.items():
            version = text.get(lang)
            if not version or text.key == "prompt.language.self":
                continue
            plain = _QUOTED.sub(lambda m: " " * len(m.group()), _norm(version))
            for concept, pattern in pairs:
                for m in pattern.finditer(plain):
                    found = version[m.start():m.end()]
                    out.append(Problem(path, text.line, f"{text.key}.{lang}",
                                       f"\"{found}\" says '{concept.id}' with another word: every "
                                       f"lesson says \"{concept.word}\" (glossary/{lang}.yaml)", "warning"))
    return out
