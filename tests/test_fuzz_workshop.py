"""Property-based fuzzing (hypothesis) of the files and forms added with the workshop, the lessons'
help fields and the review kit: the review sheet and its records, help confirmations, the local
help form and file, plans, the new settings, the glossary's concepts and ``discuss_after``. Never
a traceback; every problem names the file it is about; nothing goes below the suppression floor."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import shutil

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.core.content import load_library
from kiosk.core.content.concepts import concept_warnings, load_concepts
from kiosk.core.content.confirmed import read_confirmed
from kiosk.core.content.localhelp import HelpForm, HelpRefused, save_entry
from kiosk.core.content.parsers import load_help
from kiosk.core.content.plans import PlanBook
from kiosk.core.content.reviews import load_reviews
from kiosk.core.review import apply_sheet, write_sheet
from kiosk.core.settings import SMALLEST_K, load_settings
from kiosk.paths import Paths
from tests.conftest import FIXTURES, ROOT, TODAY, make_content
from tests.test_fuzz import values, yaml_text

# The same 40 examples in every run (CI must not fail on a new draw); WILLAY_FUZZ_EXAMPLES=300
# draws that many at random, to look further (300 each passed on 2026-12-02).
FUZZ = settings(max_examples=int(os.environ.get("WILLAY_FUZZ_EXAMPLES", "40")), deadline=None,
                derandomize=not os.environ.get("WILLAY_FUZZ_EXAMPLES"),
                suppress_health_check=[HealthCheck.function_scoped_fixture])
deep = st.builds(lambda n, c: c * n, st.integers(0, 30_000), st.sampled_from(["[", "{\"a\": "]))
json_text = st.one_of(values.map(json.dumps), st.text(max_size=200), deep,
                      st.integers().map(lambda n: '{"x": ' + "9" * (n % 6000) + "}"))


@FUZZ
@given(text=st.one_of(
    st.text(max_size=400),
    st.lists(st.lists(st.one_of(st.sampled_from(["ok", "cambiar", "intérprete", "2026-11-20", "=1+1",
                                                 "'=A1", "", "couple.hit", "fp:0123456789ab"]),
                                st.text(max_size=12)), max_size=11), max_size=6).map(
        lambda rows: "\n".join(",".join(r) for r in rows))),
       header=st.sampled_from(["", "key,file,clip,es,qu,status,verdict,role,date,fingerprint\r\n",
                               "\ufeffkey;file;clip;es;qu;status;verdict;role;date;fingerprint\n"]))
def test_any_review_sheet_is_applied_or_refused_in_lines_naming_it(tmp_path_factory, text: str,
                                                                   header: str) -> None:  # type: ignore[no-untyped-def]
    root = tmp_path_factory.mktemp("r")
    paths = Paths(content=make_content(root / "content"), audio=root / "audio", data=root / "data")
    sheet = root / "qu.csv"
    sheet.write_text(header + text, encoding="utf-8")
    out = io.StringIO()
    code = apply_sheet(paths, sheet, out, today=TODAY)
    assert code in (0, 1)
    target = paths.content / "reviews" / "qu.yaml"
    for line in out.getvalue().splitlines():
        assert line.startswith((str(sheet), str(target))), line
    if code == 0:  # what it wrote reads back without a problem
        problems: list = []
        load_reviews(paths.content, problems)
        assert problems == []


@FUZZ
@given(text=yaml_text)
def test_any_review_record_file_leaves_the_texts_draft_with_lines_naming_it(tmp_path_factory,
                                                                            text: str) -> None:  # type: ignore[no-untyped-def]
    content = make_content(tmp_path_factory.mktemp("v") / "content")
    (content / "reviews").mkdir()
    (content / "reviews" / "ay.yaml").write_text("language: ay\nreviews:\n" + text, encoding="utf-8")
    (content / "reviews" / "qu.yaml").write_text(text, encoding="utf-8")
    problems: list = []
    load_reviews(content, problems)
    assert all(p.file.parent == content / "reviews" and p.severity == "warning" for p in problems)
    sheet = content.parent / "s.csv"
    write_sheet(Paths(content=content, audio=content.parent / "a", data=content.parent / "d"), "qu", sheet)


@FUZZ
@given(text=json_text)
def test_any_confirmations_file_is_read_or_warned(tmp_path_factory, text: str) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path_factory.mktemp("c") / "help-confirmed.json"
    path.write_text(text, encoding="utf-8")
    problems: list = []
    days = read_confirmed(path, problems, TODAY)
    assert all(dt.date(2000, 1, 1) <= d <= TODAY for d in days.values())
    assert all(p.file == path and p.severity == "warning" for p in problems)


@FUZZ
@given(text=st.one_of(json_text, st.lists(values, max_size=60).map(lambda v: json.dumps({"plans": v})),
                      st.lists(st.fixed_dictionaries({"id": st.one_of(st.text(max_size=8), values),
                                                      "name": st.one_of(st.text(max_size=70), values),
                                                      "sessions": values}),
                               max_size=5).map(lambda v: json.dumps({"plans": v}))))
def test_any_plans_file_gives_valid_plans_and_lines_naming_it(tmp_path_factory, text: str) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path_factory.mktemp("p")
    (folder / "plans.json").write_text(text, encoding="utf-8")
    book = PlanBook(ROOT / "content" / "plans.json", folder / "plans.json")
    assert {"example-ipv", "example-phone"} <= {p.id for p in book.plans}
    for plan in book.own:
        assert isinstance(plan.name, str) and all(isinstance(x, str) for s in plan.sessions for x in s)
    assert all(p.file == folder / "plans.json" for p in book.problems)


@FUZZ
@given(fields=st.dictionaries(st.sampled_from(["volume", "suppression_k", "dhis2_org_unit"]),
                              st.one_of(values, st.integers(-10**6, 10**6), st.text(max_size=60))))
def test_no_settings_file_goes_below_the_suppression_floor(tmp_path_factory, fields: dict) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path_factory.mktemp("s") / "settings.json"
    path.write_text(json.dumps(fields), encoding="utf-8")
    s = load_settings(path)
    assert SMALLEST_K <= s.suppression_k <= 1000 and 0 <= s.volume <= 100
    assert s.dhis2_org_unit == "" or (s.dhis2_org_unit.isascii() and "\n" not in s.dhis2_org_unit
                                      and s.dhis2_org_unit[0] not in "=+-@")


form_text = st.one_of(st.text(max_size=100),
                      st.sampled_from(["", "\n", "a: b", "'\"", "- x", "&a *a", "#", "---"]))


@FUZZ
@given(name=form_text, number=form_text, hours=form_text, where=form_text, cost=form_text,
       languages=st.lists(st.sampled_from(["es", "qu", "ay", "xx"]), max_size=3).map(tuple),
       checked=st.one_of(st.none(), st.dates(dt.date(1990, 1, 1), dt.date(2100, 1, 1))))
def test_the_help_form_saves_what_reads_back_or_refuses_one_field(tmp_path_factory, name: str, number: str,
                                                                   hours: str, where: str, cost: str,
                                                                   languages: tuple, checked) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path_factory.mktemp("h") / "help-local.yaml"
    form = HelpForm(name, number, hours, languages, where, checked, cost)
    try:
        saved = save_entry(path, form, set(), today=TODAY)
    except HelpRefused as exc:
        field, _, message = str(exc).partition(": ")
        assert field and message and "\n" not in str(exc)
        assert not path.exists()
        return
    problems: list = []
    (entry,) = load_help(path, problems, ("es", "qu", "ay"), True)
    assert not [p for p in problems if p.severity == "error"]
    assert entry.name == saved.name == " ".join(name.split()) and entry.number == " ".join(number.split())


@FUZZ
@given(text=yaml_text)
def test_any_local_help_file_by_hand_keeps_the_national_help(tmp_path_factory, text: str) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path_factory.mktemp("l") / "help-local.yaml"
    path.write_text(text, encoding="utf-8")
    problems: list = []
    for entry in load_help(path, problems, ("es", "qu", "ay"), True):
        assert entry.checked is None or entry.checked <= dt.date.today()
    assert all(p.file == path and p.field for p in problems)


@FUZZ
@given(text=yaml_text, lang=st.sampled_from(["qu", "ay"]))
def test_any_glossary_gives_concepts_or_lines_naming_it(tmp_path_factory, text: str, lang: str) -> None:  # type: ignore[no-untyped-def]
    content = make_content(tmp_path_factory.mktemp("g") / "content")
    shutil.copytree(ROOT / "content" / "glossary", content / "glossary")
    glossary = content / "glossary" / f"{lang}.yaml"
    glossary.write_text(f"language: {lang}\nconcepts:\n" + text, encoding="utf-8")
    problems: list = []
    concepts = load_concepts(content, problems)
    lib = load_library(content)
    concept_warnings(lib.texts_with_files(), concepts)
    assert all(p.file == glossary for p in problems)


@FUZZ
@given(value=st.one_of(values, st.lists(st.integers(-5, 5), max_size=4), st.text(max_size=10)))
def test_any_discuss_after_is_a_pause_or_a_line_naming_it(tmp_path_factory, value: object) -> None:  # type: ignore[no-untyped-def]
    content = make_content(tmp_path_factory.mktemp("d") / "content")
    couple = (FIXTURES / "modules" / "01-couple.yaml").read_text(encoding="utf-8")
    couple = couple.replace("  - id: insult\n", f"  - id: insult\n    discuss_after: {json.dumps(value)}\n")
    (content / "modules" / "01-couple.yaml").write_text(
        couple + 'discussion:\n  - {es: "¿Qué piensan?", qu: "¿Imatataq?", ay: "¿Kunsa?"}\n',
        encoding="utf-8")
    lib = load_library(content)
    for problem in lib.problems:
        assert problem.file.is_relative_to(content) and problem.field
