"""Generate a content folder of N modules × 3 languages in the format of content/README.md.

The words come from the shipped modules (per language), sentence lengths and module shape
(8 steps, 3 questions of 3 choices, explanation, summary, two discussion questions, help ids,
a sensitive module every third) follow the shipped ones, so a generated module weighs about what
a real one does. Prompts, help directory and pictures are the shipped ones.

    python bench/gen_content.py OUT_DIR N
"""

from __future__ import annotations

import random
import shutil
import sys
from pathlib import Path

from common import CONTENT

LANGS = ("es", "qu", "ay")
STEPS = 8
QUESTIONS = 3
CHOICES = 3
_PUNCTUATION = str.maketrans("", "", '.,;:"{}[]#&*!?¿¡()«»')


def vocabulary() -> dict[str, list[str]]:
    from kiosk.core.content import load_library

    library = load_library(CONTENT)
    words: dict[str, list[str]] = {lang: [] for lang in LANGS}
    for module in library.modules:
        for text in module.texts():
            for lang in LANGS:
                words[lang] += [w.lower() for w in (text.get(lang) or "").translate(_PUNCTUATION).split()]
    return words


def _sentences(rng: random.Random, words: list[str], count: int, length: tuple[int, int]) -> str:
    out = []
    for _ in range(count):
        sentence = " ".join(rng.choice(words) for _ in range(rng.randint(*length)))
        out.append(sentence[:1].upper() + sentence[1:] + ".")
    return " ".join(out)


def _block(rng: random.Random, vocab: dict[str, list[str]], indent: str, count: int,
           length: tuple[int, int] = (6, 14)) -> str:
    """A per-language text as the shipped files write long ones: folded scalars (>-)."""
    lines = []
    for lang in LANGS:
        lines.append(f"{indent}{lang}: >-")
        for sentence in _sentences(rng, vocab[lang], count, length).split(". "):
            lines.append(f"{indent}  {sentence.rstrip('.')}.")
    return "\n".join(lines)


def _inline(rng: random.Random, vocab: dict[str, list[str]], length: tuple[int, int] = (3, 8)) -> str:
    parts = [f"{lang}: \"{_sentences(rng, vocab[lang], 1, length)}\"" for lang in LANGS]
    return "{" + ", ".join(parts) + "}"


def module_yaml(n: int, rng: random.Random, vocab: dict[str, list[str]], pictures: list[str],
                help_ids: list[str]) -> str:
    sensitive = n % 3 == 0
    pic = lambda: rng.choice(pictures)  # noqa: E731
    out = [
        f"# generated module {n} (bench/gen_content.py)",
        f"id: {'know-your-phone' if n == 1 else f'gen-{n:05d}'}",  # the quick exit's module
        f"order: {100 + n}",
        f"topic: {'ipv' if sensitive else 'digital'}",
        f"sensitive: {'true' if sensitive else 'false'}",
        f"picture: {pic()}",
        "languages:",
        '  es: {status: reviewed, by: "promotora de salud, red Ayaviri", on: 2026-10-02}',
        '  qu: {status: draft, note: "machine-assisted draft; needs a Quechua-speaking reviewer"}',
        "  ay: {status: draft}",
        "title:",
        *(f"  {lang}: {_sentences(rng, vocab[lang], 1, (2, 5)).rstrip('.')}" for lang in LANGS),
    ]
    if sensitive:
        out += ["warning:", _block(rng, vocab, "  ", 2)]
    out.append("steps:")
    for s in range(STEPS):
        out += [f"  - id: step-{s + 1}", f"    picture: {pic()}", "    text:",
                _block(rng, vocab, "      ", 3)]
    out.append("questions:")
    for q in range(QUESTIONS):
        out += [f"  - id: q{q + 1}", f"    prompt: {_inline(rng, vocab, (5, 10))}", "    choices:"]
        for c in range(CHOICES):
            out += [f"      - id: c{c + 1}", f"        picture: {pic()}",
                    f"        text: {_inline(rng, vocab)}"]
            if c == 0:
                out.append("        correct: true")
        out += ["    explain:", _block(rng, vocab, "      ", 2)]
    out += ["summary:", _block(rng, vocab, "  ", 2), "discussion:"]
    out += [f"  - {_inline(rng, vocab, (5, 10))}" for _ in range(2)]
    out.append(f"help: [{', '.join(rng.sample(help_ids, 2))}]")
    return "\n".join(out) + "\n"


def generate(target: Path, count: int, seed: int = 1) -> Path:
    from kiosk.core.content import load_library
    from kiosk.core.content.parsers import picture_names

    if target.exists():
        shutil.rmtree(target)
    (target / "modules").mkdir(parents=True)
    shutil.copy(CONTENT / "prompts.yaml", target / "prompts.yaml")
    shutil.copytree(CONTENT / "help", target / "help")
    (target / "pictures").symlink_to(CONTENT / "pictures")
    vocab = vocabulary()
    pictures = sorted(picture_names(CONTENT))
    help_ids = [h.id for h in load_library(CONTENT).help]
    rng = random.Random(seed)
    for n in range(count):
        (target / "modules" / f"{n:05d}-gen.yaml").write_text(
            module_yaml(n, rng, vocab, pictures, help_ids), encoding="utf-8")
    return target


if __name__ == "__main__":
    out = generate(Path(sys.argv[1]), int(sys.argv[2]))
    print(out)
