"""Attacks on the newest surfaces (issue: `attack3`): the content cache read as bytes, the picture
budget on expat, the facilitator's language and the counting of hands. A hostile or damaged file
is one line naming the file and field, never a traceback; nothing lets an export pin a small
count; nothing the old (defusedxml) picture check refused passes."""

from __future__ import annotations

from kiosk.core.content import load_library
from kiosk.core.content.cache import ContentCache


def _cache_warnings(lib) -> list:
    return [p for p in lib._problems if p.field == "content-cache"]


def test_a_cache_with_windows_line_endings_is_still_used_without_a_warning(paths, tmp_path) -> None:
    """Read as bytes and split at "\\n", a line written "\\r\\n" (Windows' text mode, or a copy
    through Notepad) kept its "\\r": every line's digest failed, every file was parsed again and
    warned about, at every start."""
    cache = tmp_path / "cache.json"
    full = load_library(paths.content, cache=cache)
    cache.write_bytes(cache.read_bytes().replace(b"\n", b"\r\n"))
    again = load_library(paths.content, cache=cache)
    assert _cache_warnings(again) == [] and again.problems == full.problems
    assert ContentCache(cache).get(paths.content / "prompts.yaml") is not None


def test_a_hand_edited_cache_key_that_is_not_a_path_is_skipped_not_a_traceback(paths, tmp_path) -> None:
    cache = tmp_path / "cache.json"
    full = load_library(paths.content, cache=cache)
    lines = cache.read_bytes().split(b"\n")
    for bad in (b"[1]", b'{"a": 1}', b"null", b"7"):
        cache.write_bytes(b"\n".join([lines[0], bad + b"\tx\ty", *lines[1:]]))
        lib = load_library(paths.content, cache=cache)  # a TypeError (unhashable list) before
        assert [m.id for m in lib.modules] == [m.id for m in full.modules]
        assert lib.problems == full.problems


def test_a_damaged_cache_line_is_parsed_again_and_never_changes_the_library(paths, tmp_path) -> None:
    """Invalid UTF-8, a U+2028 inside a line (the old text reader split lines there), a file cut
    short: the same library every time."""
    cache = tmp_path / "cache.json"
    full = load_library(paths.content, cache=cache)
    good = cache.read_bytes()
    prompts = [line for line in good.split(b"\n") if b"prompts.yaml" in line][0]
    for damaged in (good.replace(prompts, prompts[:-20] + b"\xff\xfe" + prompts[-18:]),
                    good.replace(prompts, prompts[:-20] + "\u2028".encode() + prompts[-17:]),
                    good[: len(good) // 2], good[:5], b""):
        cache.write_bytes(damaged)
        lib = load_library(paths.content, cache=cache)
        assert lib.modules == full.modules and lib.prompts == full.prompts
        assert [p for p in lib.problems if p.field != "content-cache"] == full.problems
