"""Property-based fuzzing (hypothesis) of everything that reads a file someone else wrote: the content
loader and checker, settings, clip manifests, pictures. Never a traceback; every problem names the
file it is about."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.core.audio import manifest
from kiosk.core.check import check_command
from kiosk.core.content import load_library, svgcheck
from kiosk.core.settings import load_settings
from kiosk.paths import Paths
from tests.conftest import make_content

# The same 40 examples in every run (CI must not fail on a new draw); WILLAY_FUZZ_EXAMPLES=300
# draws that many at random, to look further (300 each passed on 2026-12-02).
FUZZ = settings(max_examples=int(os.environ.get("WILLAY_FUZZ_EXAMPLES", "40")), deadline=None,
                derandomize=not os.environ.get("WILLAY_FUZZ_EXAMPLES"),
                suppress_health_check=[HealthCheck.function_scoped_fixture])

# JSON-like values nested at random: what a hand-edited or damaged file may hold.
values = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False)
                      | st.text(max_size=20),
                      lambda inner: st.lists(inner, max_size=4)
                      | st.dictionaries(st.text(max_size=10), inner, max_size=4), max_leaves=30)
# YAML text: real module lines cut, shuffled and mixed with noise, brackets and indentation.
SAMPLE = (Path(__file__).parent / "fixtures" / "modules" / "02-phone.yaml").read_text(encoding="utf-8")
yaml_text = st.one_of(
    st.text(max_size=300),
    st.lists(st.sampled_from(SAMPLE.splitlines()), max_size=40).map("\n".join),
    st.builds(lambda n, k: k * n, st.integers(0, 3000), st.sampled_from(["[", "{a: ", "- ", "&a x: *a\n"])),
    values.map(lambda v: json.dumps(v)),
)


@FUZZ
@given(text=yaml_text)
def test_any_module_file_gives_problems_naming_it(tmp_path_factory, text: str) -> None:  # type: ignore[no-untyped-def]
    content = make_content(tmp_path_factory.mktemp("c") / "content")
    bad = content / "modules" / "03-fuzz.yaml"
    bad.write_text(text, encoding="utf-8")
    lib = load_library(content)
    assert {"couple", "know-your-phone"} <= {m.id for m in lib.modules}
    for problem in lib.problems:
        assert problem.file.is_relative_to(content) and problem.field and problem.message


@FUZZ
@given(text=yaml_text, target=st.sampled_from(["prompts.yaml", "help/national.yaml", "attitudes.yaml"]))
def test_the_checker_never_raises_on_a_broken_file(tmp_path_factory, text: str, target: str) -> None:  # type: ignore[no-untyped-def]
    root = tmp_path_factory.mktemp("k")
    paths = Paths(content=make_content(root / "content"), audio=root / "audio", data=root / "data")
    (paths.content / target).write_text(text, encoding="utf-8")
    out = io.StringIO()
    assert check_command(paths, as_json=False, out=out) in (0, 1)
    for line in out.getvalue().splitlines():
        if ": error: " in line:
            file, line_no, _rest = line.split(":", 2)
            assert Path(file).exists() and line_no.isdigit()


@FUZZ
@given(data=st.one_of(values.map(json.dumps), st.text(max_size=200),
                      st.builds(lambda n: "[" * n + "]" * n, st.integers(0, 30000)),
                      st.binary(max_size=200).map(lambda b: b.decode("latin-1"))))
def test_any_settings_file_starts_the_kiosk(tmp_path_factory, data: str) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path_factory.mktemp("s") / "settings.json"
    path.write_text(data, encoding="utf-8")
    s = load_settings(path)
    assert s.languages and s.default_language in s.languages and 10 <= s.idle_seconds <= 3600
    assert all(p.startswith(str(path)) for p in s.problems)


@FUZZ
@given(doc=st.one_of(values.map(json.dumps), st.text(max_size=200),
                     st.dictionaries(st.sampled_from(["clips", "format"]), values).map(json.dumps),
                     st.builds(lambda n: '{"clips": ' + "[" * n + "]" * n + "}", st.integers(0, 30000))))
def test_any_manifest_reads_as_entries(tmp_path_factory, doc: str) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path_factory.mktemp("m")
    (folder / manifest.MANIFEST_NAME).write_text(doc, encoding="utf-8")
    entries = manifest.load(folder)
    assert all(isinstance(k, str) and isinstance(v, dict) for k, v in entries.items())
    for entry in entries.values():
        assert isinstance(manifest.problems(entry), list)


tags = st.sampled_from(["svg", "g", "use", "rect", "defs", "pattern", "circle"])


@st.composite
def svg_documents(draw: st.DrawFn) -> bytes:
    """Random trees of SVG elements with ids and references among them."""
    count = draw(st.integers(1, 60))
    ids = [f"e{i}" for i in range(count)]
    parts = []
    depth = 0
    for i in range(count):
        ref = draw(st.sampled_from(ids))
        attr = draw(st.sampled_from([f'href="#{ref}"', f'fill="url(#{ref})"', ""]))
        parts.append(f'<{draw(tags)} id="e{i}" {attr}>')
        depth += 1
        while depth and draw(st.booleans()):
            parts.append("</x>")
            depth -= 1
    parts += ["</x>"] * depth
    text = '<svg xmlns="http://www.w3.org/2000/svg">' + "".join(parts) + "</svg>"
    # close tags with the right names
    out, stack = [], []
    for piece in text.replace("><", ">\n<").split("\n"):
        if piece == "</x>":
            out.append(f"</{stack.pop()}>")
        else:
            if not piece.startswith("</"):
                stack.append(piece[1:].split(" ")[0].rstrip(">"))
            elif stack:
                stack.pop()
            out.append(piece)
    return "".join(out).encode()


@FUZZ
@given(data=st.one_of(svg_documents(), st.binary(max_size=300)))
def test_any_picture_gets_a_verdict(data: bytes) -> None:
    refusal = svgcheck.inspect_bytes(data)
    assert refusal is None or (refusal.line >= 0 and refusal.message)
