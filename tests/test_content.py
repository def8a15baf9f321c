"""Loading content: clear problems (file, line, field), bad files skipped, the rest loads."""

from __future__ import annotations

import time
from pathlib import Path

from kiosk.core.content import load_library, yamlsafe

ROOT = Path(__file__).resolve().parent.parent


def write(paths, name: str, text: str) -> Path:
    path = paths.content / "modules" / name
    path.write_text(text, encoding="utf-8")
    return path


def test_the_fixture_content_loads_cleanly(paths) -> None:
    lib = load_library(paths.content)
    assert [m.id for m in lib.modules] == ["couple", "know-your-phone"]
    assert not lib.errors


def test_broken_yaml_names_file_and_line_and_the_rest_loads(paths) -> None:
    bad = write(paths, "09-bad.yaml", "id: bad\norder: 9\ntitle: {es: x\nsteps: [\n")
    lib = load_library(paths.content)
    assert [m.id for m in lib.modules] == ["couple", "know-your-phone"]
    (problem,) = lib.errors
    assert problem.file == bad and problem.line >= 3 and problem.field == "file"
    assert "not valid YAML" in problem.message


def test_a_missing_field_is_named_with_its_line(paths) -> None:
    src = (paths.content / "modules" / "02-phone.yaml").read_text(encoding="utf-8")
    text = src.replace("      - id: no\n        picture: attract\n", "      - id: no\n")
    assert text != src
    path = write(paths, "02-phone.yaml", text)
    lib = load_library(paths.content)
    assert [m.id for m in lib.modules] == ["couple"]
    (problem,) = [p for p in lib.errors if p.file == path]  # and: the neutral module is missing
    assert problem.file == path
    assert problem.field == "questions[1].choices[2].picture"
    assert problem.message == "missing"
    assert text.splitlines()[problem.line - 1].strip() == "- id: no"
    assert str(problem).startswith(f"{path}:{problem.line}: questions[1].choices[2].picture:")


def test_yes_and_no_stay_words_not_booleans(paths) -> None:
    lib = load_library(paths.content)
    module = lib.module("know-your-phone")
    assert module is not None
    assert [c.id for c in module.questions[0].choices] == ["yes", "no"]


def test_an_alias_bomb_is_refused_at_once(tmp_path) -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        prev = chr(ord("a") + i - 1)
        name = chr(ord("a") + i)
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    bomb = tmp_path / "bomb.yaml"
    bomb.write_text("\n".join(lines) + "\n")
    start = time.perf_counter()
    try:
        yamlsafe.load(bomb)
    except yamlsafe.YamlError as exc:
        assert exc.line == 1 and "aliases" in exc.message
    else:
        raise AssertionError("the alias bomb was loaded")
    assert time.perf_counter() - start < 1.0


def test_python_objects_are_refused(tmp_path) -> None:
    evil = tmp_path / "evil.yaml"
    evil.write_text("x: !!python/object/apply:os.system ['echo hacked']\n")
    try:
        yamlsafe.load(evil)
    except yamlsafe.YamlError as exc:
        assert exc.line == 1
    else:
        raise AssertionError("a python object tag was accepted")


def test_picture_paths_that_leave_the_content_folder_are_refused(paths) -> None:
    src = (paths.content / "modules" / "02-phone.yaml").read_text(encoding="utf-8")
    for bad in ("../../etc/passwd", "/etc/passwd", "..\\\\secret"):
        write(paths, "02-phone.yaml", src.replace("picture: attract", f"picture: \"{bad}\"", 1))
        lib = load_library(paths.content)
        assert lib.module("know-your-phone") is None
        assert any(p.field == "picture" and "not a path" in p.message for p in lib.errors), bad


def test_a_picture_link_is_not_a_picture(paths, tmp_path) -> None:
    outside = tmp_path / "outside.svg"
    outside.write_text("<svg/>")
    (paths.content / "pictures" / "sneaky.svg").symlink_to(outside)
    src = (paths.content / "modules" / "02-phone.yaml").read_text(encoding="utf-8")
    write(paths, "02-phone.yaml", src.replace("picture: attract", "picture: sneaky", 1))
    lib = load_library(paths.content)
    assert any("no picture 'sneaky.svg'" in p.message for p in lib.errors)


def test_reviewed_needs_a_role_and_a_date(paths) -> None:
    src = (paths.content / "modules" / "02-phone.yaml").read_text(encoding="utf-8")
    write(paths, "02-phone.yaml", src.replace("qu: {status: draft}", "qu: {status: reviewed}"))
    lib = load_library(paths.content)
    assert any(p.field == "languages.qu" and "role" in p.message for p in lib.errors)


def test_the_shipped_content_has_no_errors() -> None:
    lib = load_library(ROOT / "content")
    assert not lib.errors, "\n".join(map(str, lib.errors))
    assert lib.module("know-your-phone") is not None  # the quick-exit screen needs it
    assert lib.help_entry("linea-100") is not None


def test_the_cache_gives_the_same_library_and_sees_changes(paths, tmp_path) -> None:
    cache = tmp_path / "cache.json"
    first = load_library(paths.content, cache=cache)
    assert cache.exists()
    again = load_library(paths.content, cache=cache)
    assert again.modules == first.modules and again.problems == first.problems
    # a changed file is read again, never taken from the cache
    write(paths, "02-phone.yaml", (paths.content / "modules" / "02-phone.yaml").read_text(
        encoding="utf-8").replace("topic: digital", "topic: cooking"))
    changed = load_library(paths.content, cache=cache)
    assert [m.id for m in changed.modules] == ["couple"]
    assert any(p.field == "topic" for p in changed.errors)


def test_the_cache_is_read_one_file_at_a_time(paths, tmp_path) -> None:
    """A later start takes an unchanged file from the cache, and parses only the lines it asks for
    (the first screen asks for the prompts alone)."""
    from kiosk.core.content.cache import ContentCache

    cache = tmp_path / "cache.json"
    full = load_library(paths.content, cache=cache)
    words = full.text("prompt.attract.invite").get("es")
    lines = cache.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1 + len(full.statuses) + len(list((paths.content / "help").glob("*.yaml")))
    cache.write_text("\n".join(line.replace(words, "Palabras del cache") for line in lines) + "\n",
                     encoding="utf-8")  # same stamps: the line's digest no longer matches it
    first = load_library(paths.content, cache=cache, first_screen=True)
    assert first.text("prompt.attract.invite").get("es") == words
    (warning,) = [p for p in first._problems if p.field == "content-cache"]
    assert warning.file == cache and warning.severity == "warning" and warning.line >= 2
    first.complete()  # and the cache is rewritten, right
    reader = ContentCache(cache)
    assert reader.get(paths.content / "prompts.yaml") is not None and len(reader.used) == 1


def test_a_broken_cache_is_ignored(paths, tmp_path) -> None:
    cache = tmp_path / "cache.json"
    cache.write_text("{not json")
    assert [m.id for m in load_library(paths.content, cache=cache).modules] == ["couple", "know-your-phone"]


def test_the_first_screen_loads_the_prompts_and_the_rest_on_first_use(paths) -> None:
    """The kiosk paints its attract screen with the prompts alone; lessons and help follow, the
    same as a full load, whoever asks for them first."""
    full = load_library(paths.content)
    lib = load_library(paths.content, first_screen=True)
    reported: list[int] = []
    lib.when_complete(lambda: reported.append(len(lib.problems)))
    assert not lib.is_complete and lib.text("prompt.attract.invite") == full.text("prompt.attract.invite")
    assert not lib.is_complete and reported == []
    assert [m.id for m in lib.modules] == [m.id for m in full.modules]  # this use completes it
    assert lib.is_complete and reported == [len(full.problems)]
    assert [h.id for h in lib.help] == [h.id for h in full.help] and lib.problems == full.problems
    assert lib.text(full.modules[0].steps[0].text.key) == full.modules[0].steps[0].text
    lib.complete()
    assert reported == [len(full.problems)]  # once


def test_two_threads_completing_the_library_load_it_once(paths) -> None:
    """The facilitator's report may be first to ask, from a worker thread, while the window asks
    too: both wait for one load and see all of it."""
    import threading

    full = load_library(paths.content)
    lib = load_library(paths.content, first_screen=True)
    seen: list[list[str]] = []
    start = threading.Barrier(4)

    def ask() -> None:
        start.wait()
        seen.append([m.id for m in lib.modules] + [h.id for h in lib.help])

    threads = [threading.Thread(target=ask) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    expected = [m.id for m in full.modules] + [h.id for h in full.help]
    assert seen == [expected] * 4 and len(lib.problems) == len(full.problems)


def test_a_text_with_a_hidden_character_or_beyond_any_screen_is_refused_by_name(paths) -> None:
    """A right-to-left override or a bell would make the screen and the voice say different things;
    2,000 characters is more than any screen: each is one problem on its field, the rest loads."""
    src = (paths.content / "modules" / "01-couple.yaml").read_text(encoding="utf-8")
    for odd, expected in (("\u202e", "U+202E"), ("\u200b", "U+200B"), ("\x07", "U+0007"),
                          (" palabra" * 300, "2,000")):
        text = src.replace('title: {es: "Cuando tu pareja te hace daño"',
                           f'title: {{es: "Cuando tu pareja{odd} te hace daño"')
        assert text != src
        path = write(paths, "01-couple.yaml", text.replace("\x07", "\\a"))
        lib = load_library(paths.content)
        (problem,) = [p for p in lib.errors if p.file == path]
        assert problem.field == "title.es" and expected in problem.message, problem
        assert text.splitlines()[problem.line - 1].startswith("title:")
        assert "know-your-phone" in [m.id for m in lib.modules]
