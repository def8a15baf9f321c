"""Per-text review records: ``content/reviews/<lang>.yaml`` (docs/decisions/024-review-kit.md).

A file's ``languages:`` block says draft or reviewed for all its texts at once. A community review
goes text by text, so each reviewed text gets a record here: its key, the verdict, the reviewer's
role (never a name), the day, and a fingerprint of the words reviewed (the text in its language
and the Spanish beside it). A record counts only while the fingerprint matches the text: edit the
text, or its Spanish, and it is a draft again until someone reviews it again.

``kiosk content review-apply`` writes these files (kiosk/core/review.py); nobody needs to edit them.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

from kiosk.core.content import yamlsafe
from kiosk.core.content.yamlsafe import Map
from kiosk.core.hashes import sha1
from kiosk.core.model import LANGUAGES, Problem, Text

OK, CHANGE = "ok", "change"  # "right as written" / "needs a change" (the text stays a draft)
VERDICTS = (OK, CHANGE)
# Who may review, in role terms: a short fixed list, so that a name cannot slip in as a "role".
ROLES = (
    "promotora de salud",
    "docente bilingüe",
    "facilitadora",
    "autoridad comunal",
    "lideresa de organización de mujeres",
    "intérprete",
    "traductora",
    "hablante de la comunidad",
    "personal del programa",
)
MAX_RECORDS = 20_000


class Review(NamedTuple):
    key: str
    lang: str
    verdict: str
    role: str
    on: dt.date
    digest: str  # fingerprint() of the words reviewed
    line: int = 0


def fingerprint(text: Text, lang: str) -> str:
    """What a review vouches for: the text in ``lang`` and (for a translation) its Spanish."""
    words = " ".join((text.get(lang) or "").split())
    if lang != "es":
        words += "\n" + " ".join((text.get("es") or "").split())
    return sha1(f"{lang}\n{words}".encode()).hexdigest()[:12]


def reviews_file(content_dir: Path, lang: str) -> Path:
    return content_dir / "reviews" / f"{lang}.yaml"


Reviews = dict[str, dict[str, Review]]  # language → text key → record


def load_reviews(content_dir: Path, problems: list[Problem]) -> Reviews:
    """Every record of ``content/reviews/*.yaml``; a bad record is one problem line (a warning:
    the text just counts as a draft) and the others still count."""
    out: Reviews = {}
    for lang in LANGUAGES:
        path = reviews_file(content_dir, lang)
        if not path.exists():
            continue
        try:
            doc = yamlsafe.load(path)
        except yamlsafe.YamlError as exc:
            problems.append(Problem(path, exc.line, "file", f"{exc.message}: no text counts as reviewed",
                                    "warning"))
            continue
        records = doc.get("reviews") if isinstance(doc, Map) else None
        if not isinstance(doc, Map) or doc.get("language") != lang or not isinstance(records, list):
            problems.append(Problem(path, 1, "file", f"must be 'language: {lang}' and a list "
                                    "'reviews:': no text counts as reviewed", "warning"))
            continue
        mine = out.setdefault(lang, {})
        for i, raw in enumerate(records[:MAX_RECORDS]):
            record = _record(raw, lang, path, i, problems)
            if record is not None and record.key in mine:
                first = mine[record.key].line
                problems.append(Problem(path, record.line, f"reviews[{i + 1}].key", f"{record.key}: "
                                        f"a second record (line {first}): ignored", "warning"))
            elif record is not None:
                mine[record.key] = record
    return out


def _record(raw: object, lang: str, path: Path, i: int, problems: list[Problem]) -> Review | None:
    line = raw.line if isinstance(raw, Map) else 0
    where = f"reviews[{i + 1}]"

    def bad(fieldname: str, message: str) -> None:
        problems.append(Problem(path, line, f"{where}.{fieldname}", f"{message}: ignored", "warning"))

    if not isinstance(raw, Map):
        bad("key", "each record needs key, verdict, role, on and text")
        return None
    key, verdict, role = raw.get("key"), raw.get("verdict"), raw.get("role")
    on, digest = raw.get("on"), raw.get("text")
    if not isinstance(key, str) or not key:
        bad("key", "missing, or not a text's key")
    elif verdict not in VERDICTS:
        bad("verdict", f"must be {' or '.join(VERDICTS)}")
    elif role not in ROLES:
        bad("role", "must be one of the roles in kiosk/core/content/reviews.py (a role, never a name)")
    elif not isinstance(on, dt.date) or isinstance(on, dt.datetime):
        bad("on", "must be a day like 2026-12-02")
    elif on > dt.date.today():
        bad("on", f"{on} is in the future")
    elif not isinstance(digest, str) or len(digest) != 12:
        bad("text", "must be the 12-character fingerprint of the text reviewed")
    else:
        return Review(key, lang, str(verdict), str(role), on, digest, line)
    return None


def current(reviews: Reviews, text: Text, lang: str) -> Review | None:
    """The record for ``text`` in ``lang`` if it was made for these very words (else None)."""
    record = reviews.get(lang, {}).get(text.key)
    if record is None or not text.get(lang) or record.digest != fingerprint(text, lang):
        return None
    return record


def write_reviews(path: Path, lang: str, records: list[Review]) -> None:
    """Write the file afresh (atomically), records sorted by key. Strings are written as JSON
    strings, which YAML reads as they are."""
    lines = [
        "# Per-text community reviews, written by `kiosk content review-apply` (see content/README.md).",
        "# A record counts only while `text` (a fingerprint of the words reviewed) matches the text:",
        "# an edited text is a draft again. Roles, never names.",
        f"language: {lang}",
        "reviews:" if records else "reviews: []",
    ]
    for r in sorted(records, key=lambda r: r.key):
        lines += [f"  - key: {json.dumps(r.key, ensure_ascii=False)}",
                  f"    verdict: {r.verdict}",
                  f"    role: {json.dumps(r.role, ensure_ascii=False)}",
                  f"    on: {r.on.isoformat()}",
                  f"    text: \"{r.digest}\""]
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text("\n".join(lines) + "\n", encoding="utf-8")
    tmp.replace(path)


def review_warnings(reviews: Reviews, texts: Iterable[tuple[Text, Path]], content_dir: Path) -> list[Problem]:
    """A record whose text changed since (a draft again) or whose key no text has any more."""
    by_key = {t.key: t for t, _ in texts}
    out: list[Problem] = []
    for lang, records in sorted(reviews.items()):
        path = reviews_file(content_dir, lang)
        for key, record in sorted(records.items()):
            text = by_key.get(key)
            if text is None:
                out.append(Problem(path, record.line, key, "no text has this key any more: the record "
                                   "counts for nothing", "warning"))
            elif record.digest != fingerprint(text, lang):
                out.append(Problem(path, record.line, key, f"the text (or its Spanish) changed after "
                                   f"the review of {record.on} ({record.role}): it is a draft again "
                                   "until it is reviewed again", "warning"))
    return out
