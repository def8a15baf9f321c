"""Words held steady (issue 17): the checker warns on a concept word outside the glossary."""

from __future__ import annotations

import shutil
from pathlib import Path

from kiosk.core.check import check
from kiosk.core.content import load_library
from kiosk.core.content.concepts import KEY_CONCEPTS, concept_warnings, load_concepts
from kiosk.core.model import LANGUAGES, Problem
from kiosk.paths import Paths

ROOT = Path(__file__).resolve().parent.parent
COUPLE = "01-couple.yaml"


def with_glossary(paths: Paths) -> Paths:
    shutil.copytree(ROOT / "content" / "glossary", paths.content / "glossary")
    return paths


def concept_lines(paths: Paths) -> list[Problem]:
    return [p for p in check(paths)["problems"] if "with another word" in p.message]


def edit(paths: Paths, old: str, new: str) -> Path:
    path = paths.content / "modules" / COUPLE
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def test_every_language_names_each_key_concept_once() -> None:
    problems: list[Problem] = []
    concepts = load_concepts(ROOT / "content", problems)
    assert problems == []
    for lang in LANGUAGES:
        assert sorted(c.id for c in concepts[lang]) == sorted(KEY_CONCEPTS), lang
        assert all(c.word and c.variants for c in concepts[lang]), lang


def test_a_variant_with_a_suffix_is_warned_with_file_line_field_and_the_glossary_word(paths: Paths) -> None:
    with_glossary(paths)
    assert concept_lines(paths) == []
    path = edit(paths, 'qu: "Maqayqa k\'irim."', 'qu: "Parejaykiq maqayninqa k\'irim."')
    found = concept_lines(paths)
    assert len(found) == 1, found
    problem = found[0]
    assert problem.file == path and problem.severity == "warning"
    assert problem.field == "couple.hit.qu"
    assert problem.line == 17
    assert '"Parejaykiq"' in problem.message and "'partner'" in problem.message
    assert '"qusa"' in problem.message and "glossary/qu.yaml" in problem.message


def test_a_variant_in_quotation_marks_is_the_name_being_taught(paths: Paths) -> None:
    with_glossary(paths)
    edit(paths, 'es: "Pegar es daño."', 'es: "Pegar es daño. El juez lo llama \\"maltrato\\"."')
    assert concept_lines(paths) == []
    edit(paths, 'El juez lo llama \\"maltrato\\".', "También es maltrato.")
    assert [p.field for p in concept_lines(paths)] == ["couple.hit.es"]


def test_the_word_itself_and_other_words_are_not_warned() -> None:
    problems: list[Problem] = []
    concepts = load_concepts(ROOT / "content", problems)
    from kiosk.core.model import Text

    texts = [(Text("t.one", {"qu": "Qusaykiqa yanapasunki, denunciaykitapas chaskinqa.",
                             "ay": "Chachamax yanapt'itam.", "es": "Tu pareja no es tu dueño. Casarse."}),
              Path("x.yaml"))]
    assert concept_warnings(texts, concepts) == []
    texts = [(Text("t.two", {"ay": "Parejamax, esposomasa."}), Path("x.yaml"))]
    assert [p.message.split('"')[1] for p in concept_warnings(texts, concepts)] == ["Parejamax", "esposomasa"]


def test_the_shipped_lessons_use_the_glossary_words() -> None:
    lib = load_library(ROOT / "content")
    problems: list[Problem] = []
    assert concept_warnings(lib.texts_with_files(), load_concepts(ROOT / "content", problems)) == []


LOANS = ["Participañatak derechonïtawa", "Puedkasax", "Controlay señalmi",
         "Documento de identidadniykita", "participañatak", "derechonïtawa", "puedtawa", "controlay",
         "señalqa"]


def test_the_loan_heavy_lines_of_the_review_are_gone() -> None:
    lib = load_library(ROOT / "content")
    for text in lib.all_texts():
        for lang in ("qu", "ay"):
            words = (text.get(lang) or "").lower()
            assert not [loan for loan in LOANS if loan.lower() in words], (text.key, lang)
    for m in lib.modules:
        if m.id in ("phone-privacy", "digital-violence-law"):
            said = " ".join((t.get(lang) or "") for t in m.texts() for lang in ("qu", "ay"))
            assert "pareja" not in said.lower(), m.id
