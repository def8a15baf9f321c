"""`kiosk content check`: every kind of error with file and line, quality warnings, --json."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.core.check import check_command, fernandez_huerta
from kiosk.paths import Paths

ROOT = Path(__file__).resolve().parent.parent
PHONE = "02-phone.yaml"


def run(paths: Paths, as_json: bool = False) -> tuple[int, str]:
    out = io.StringIO()
    code = check_command(paths, as_json=as_json, out=out)
    return code, out.getvalue()


def mutate(paths: Paths, old: str, new: str, name: str = PHONE) -> Path:
    path = paths.content / "modules" / name
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


ERRORS = [
    # (what, old, new, field, a piece of the reported line)
    ("bad yaml", "order: 2", "order: [2", "file", None),
    ("missing field", "topic: digital\n", "", "topic", None),
    ("unknown topic", "topic: digital", "topic: cooking", "topic", "topic: cooking"),
    ("bad id", "id: know-your-phone", "id: Know Your Phone", "id", "id: Know Your Phone"),
    ("order not a number", "order: 2", "order: two", "order", "order: two"),
    ("unknown language", "es: {status: draft}", "fr: {status: draft}", "languages.fr", "fr: {status"),
    ("bad status", "ay: {status: draft}", "ay: {status: done}", "languages.ay.status", "status: done"),
    ("text not per language", 'title: {es: "Tu celular"', 'title: "Tu celular"\nx: {es: "Tu celular"',
     "title", 'title: "Tu celular"'),
    ("unknown picture", "picture: attract\nhelp", "picture: unicorn\nhelp", "picture", "picture: unicorn"),
    ("duplicate step id", "id: switch-on", "id: this-is-a-phone", "steps[2].id", "id: this-is-a-phone"),
    ("two correct choices", "        text: {es: \"No.\"", "        correct: true\n        text: {es: \"No.\"",
     "questions[1].choices", "- id: yes"),
    ("sensitive without warning", "sensitive: false", "sensitive: true", "warning", None),
]


@pytest.mark.parametrize("what,old,new,field,line_piece", ERRORS, ids=[e[0] for e in ERRORS])
def test_each_error_names_file_line_and_field(paths, what, old, new, field, line_piece):
    path = mutate(paths, old, new)
    code, out = run(paths)
    assert code == 1
    lines = [ln for ln in out.splitlines() if ln.startswith(f"{path}:") and ": error: " in ln]
    assert lines, out
    reported = [ln for ln in lines if ln.split(": ")[1] == field or ln.split(": ")[1].startswith(field)]
    assert reported, f"{what}: {lines}"
    number = int(reported[0][len(str(path)) + 1:].split(":")[0])
    assert number >= 1
    if line_piece:
        assert line_piece in path.read_text(encoding="utf-8").splitlines()[number - 1], reported[0]
    from kiosk.core.content import load_library

    assert [m.id for m in load_library(paths.content).modules] == ["couple"]  # the rest still loads


def test_clean_fixture_content_passes_with_a_summary(paths) -> None:
    code, out = run(paths)
    assert code == 0
    assert "2 modules, 5 steps, 3 questions, 9 help entries" in out
    assert "0 errors" in out


def test_long_and_hard_spanish_and_glossary_words_are_warned(paths) -> None:
    (paths.content / "glossary").mkdir()
    (paths.content / "glossary" / "es.yaml").write_text(
        "language: es\navoid:\n  - word: dispositivo\n    say: celular\n", encoding="utf-8")
    long = " ".join(["uno"] * 22) + "."
    hard = ("La comunicación interinstitucional contemporánea establece procedimientos "
            "administrativos extraordinariamente complicados.")
    mutate(paths, 'text: {es: "Este es un celular."', f'text: {{es: "Este dispositivo es tuyo. {long}"')
    mutate(paths, 'text: {es: "Así se prende."', f'text: {{es: "{hard}"')
    code, out = run(paths)
    assert code == 0  # warnings only
    assert "know-your-phone.this-is-a-phone.es: warning: sentence of 22 words" in out
    assert "know-your-phone.switch-on.es: warning: hard to follow (Fernández-Huerta" in out
    assert '"dispositivo" is in the glossary; say "celular"' in out


def test_old_help_entries_are_warned(paths) -> None:
    path = paths.content / "help" / "national.yaml"
    text = path.read_text(encoding="utf-8").replace("    checked: never", "    checked: 2020-01-01", 1)
    path.write_text(text, encoding="utf-8")
    code, out = run(paths)
    assert code == 0 and "linea-100.checked: warning: last checked 2020-01-01" in out


def test_json_output(paths) -> None:
    mutate(paths, "topic: digital", "topic: cooking")
    code, out = run(paths, as_json=True)
    data = json.loads(out)
    assert code == 1 and data["errors"] == 2  # the file's, and: the quick exit's module is missing
    problem = next(p for p in data["problems"] if p["severity"] == "error")
    assert problem["field"] == "topic" and problem["file"].endswith(PHONE) and problem["line"] > 1
    assert data["summary"]["modules"] == 1
    assert set(data["summary"]["languages"]) == {"es", "qu", "ay"}


def test_readability_formula_orders_texts() -> None:
    assert fernandez_huerta("Mi casa es tu casa. Ven.") > 90
    assert fernandez_huerta("La interinstitucionalidad administrativa contemporánea.") < 30


def test_the_shipped_content_meets_the_issue(capsys) -> None:
    code = main(["--content-dir", str(ROOT / "content"), "content", "check", "--json"])
    data = json.loads(capsys.readouterr().out)
    assert code == 0
    summary = data["summary"]
    assert summary["modules"] == 19
    for lang in ("es", "qu", "ay"):
        assert summary["languages"][lang]["present_pct"] == 100.0
    fields = [p["message"] for p in data["problems"]]
    assert not [m for m in fields if "sentence of" in m or "hard to follow" in m]


def _fair_questions(out: str) -> list[str]:
    return [ln for ln in out.splitlines() if "choices: warning: only" in ln or "in every question" in ln
            or "(more than half)" in ln]


def test_questions_that_measure_nothing_are_warned(paths) -> None:  # type: ignore[no-untyped-def]
    # The fixture: couple has its two correct answers in positions 1 and 2; phone's one question
    # has two choices. Two-choice questions are warned, each on its prompt's line.
    code, out = run(paths)
    assert code == 0
    lines = _fair_questions(out)
    assert any("couple.q-hit.choices: warning: only 2 choices" in ln for ln in lines)
    assert any("know-your-phone.q-on.choices: warning: only 2 choices" in ln for ln in lines)
    assert not any("in every question" in ln for ln in lines)
    couple = paths.content / "modules" / "01-couple.yaml"
    number = next(int(ln.split(":")[1]) for ln in lines if "couple.q-hit" in ln)
    assert "¿Pegar es daño?" in couple.read_text(encoding="utf-8").splitlines()[number - 1]


def test_a_lesson_with_every_correct_answer_in_one_place_is_warned(paths) -> None:  # type: ignore[no-untyped-def]
    mutate(paths, """      - id: her
        picture: attract
        text: {es: "De ella.", qu: "Paypa.", ay: "Jupana."}
      - id: him
        picture: attract
        text: {es: "Del que pega.", qu: "Maqaqpa.", ay: "Nuwirina."}
        correct: true""", """      - id: him
        picture: attract
        text: {es: "Del que pega.", qu: "Maqaqpa.", ay: "Nuwirina."}
        correct: true
      - id: her
        picture: attract
        text: {es: "De ella.", qu: "Paypa.", ay: "Jupana."}
      - id: nobody
        picture: attract
        text: {es: "De nadie.", qu: "Mana pipapas.", ay: "Janiw khitinsa."}""", name="01-couple.yaml")
    code, out = run(paths)
    lines = _fair_questions(out)
    assert code == 0
    assert any("couple.questions: warning: the correct answer is choice 1 in every question" in ln
               for ln in lines)
    assert not any("couple.q-fault.choices" in ln for ln in lines)  # three choices now
    # three questions in all, every correct answer first: more than half in one position
    assert any("choice 1 is the correct answer in 3 of 3" in ln for ln in lines) is False  # < 4
    data = json.loads(run(paths, as_json=True)[1])
    assert data["summary"]["correct_positions"] == {"1": 3}
    assert data["summary"]["choices_per_question"] == {"2": 2, "3": 1}


def test_one_position_holding_more_than_half_of_the_answers_is_warned(tmp_path) -> None:
    from types import SimpleNamespace as NS

    from kiosk.core.check import question_warnings

    def question(n: int, correct: int) -> NS:
        return NS(id=f"q{n}", prompt=NS(line=n), choices=tuple(
            NS(correct=i == correct) for i in range(1, 4)))

    def lib(*correct: int) -> NS:
        qs = tuple(question(n, c) for n, c in enumerate(correct, 1))
        return NS(modules=[NS(id="m", file=tmp_path / "m.yaml", questions=qs)])

    overall = [p.message for p in question_warnings(lib(1, 1, 1, 2, 3)) if p.field == "questions"]
    assert overall == ["choice 1 is the correct answer in 3 of 5 questions (more than half): "
                       "spread them over the positions"]
    assert not [p for p in question_warnings(lib(1, 1, 2, 3)) if p.field == "questions"]  # half: fine


def test_syllables_come_from_a_spanish_syllabifier() -> None:
    from kiosk.core.check import inflesz, syllables

    # hiatus and diphthongs that a hyphenation dictionary gets wrong or leaves unsplit
    assert [syllables(w) for w in ("poesía", "violencia", "ayuda", "María", "teléfono")] == [4, 3, 3, 3, 4]
    assert syllables("WhatsApp") >= 1 and syllables("0800") >= 1
    assert inflesz("Mi casa es tu casa. Ven.") > 80
    assert inflesz("La interinstitucionalidad administrativa contemporánea.") < 40


def test_a_problem_is_always_one_line_whatever_the_file_quoted() -> None:
    from pathlib import Path

    from kiosk.core.model import Problem

    shown = str(Problem(Path("qu.csv"), 3, "verdict", "'0\x0c0\n\u2028x' is not a verdict"))
    assert len(shown.splitlines()) == 1 and shown.startswith("qu.csv:3: verdict: '0\\x0c0\\n")
