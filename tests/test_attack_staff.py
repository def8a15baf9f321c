"""Attacks on the newest surfaces (issue: `attack3`): the content cache read as bytes, the picture
budget on expat, the facilitator's language and the counting of hands. A hostile or damaged file
is one line naming the file and field, never a traceback; nothing lets an export pin a small
count; nothing the old (defusedxml) picture check refused passes."""

from __future__ import annotations

import base64

from kiosk.core.content import load_library
from kiosk.core.content.cache import ContentCache
from tests.test_workshop import discussed, workshop  # noqa: F401 (fixtures)

# ruff: noqa: F811 (the fixtures imported above, as arguments)


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


# --- the picture budget on expat: nothing the defusedxml check refused passes, and two more ---

_NS = 'xmlns="http://www.w3.org/2000/svg"'
_XLINK = 'xmlns:xlink="http://www.w3.org/1999/xlink"'


def _fan(attr: str = "href", decl: str = "", levels: int = 3, first: str = "") -> bytes:
    """``<use>`` ten per level: 10**levels elements drawn from a few hundred bytes."""
    parts = [f'<svg {_NS} {decl} viewBox="0 0 10 10">{first}<defs><rect id="a0" width="1" height="1"/>']
    for lvl in range(1, levels + 1):
        parts.append(f'<g id="a{lvl}">' + f'<use {attr}="#a{lvl - 1}"/>' * 10 + "</g>")
    return ("".join(parts) + f'</defs><use {attr}="#a{levels}"/></svg>').encode()


_DTD = '<!DOCTYPE svg [<!ENTITY a "b">]>'
HOSTILE = {
    "billion laughs": (b'<!DOCTYPE l [<!ENTITY l "l"><!ENTITY l2 "&l;&l;&l;&l;&l;&l;&l;&l;">'
                       b'<!ENTITY l3 "&l2;&l2;&l2;&l2;&l2;&l2;">]><svg ' + _NS.encode()
                       + b"><text>&l3;</text></svg>"),
    "external entity": (b'<!DOCTYPE s [<!ENTITY x SYSTEM "file:///etc/passwd">]><svg ' + _NS.encode()
                        + b"><text>&x;</text></svg>"),
    "external DTD": (b'<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/'
                     b'DTD/svg11.dtd"><svg ' + _NS.encode() + b"/>"),
    "parameter entity": (b'<!DOCTYPE s [<!ENTITY % p SYSTEM "http://x/e.dtd"> %p;]><svg ' + _NS.encode()
                         + b"/>"),
    "empty internal subset": b"<!DOCTYPE svg []><svg " + _NS.encode() + b"/>",
    "undeclared entity": b"<svg " + _NS.encode() + b"><text>&nope;</text></svg>",
    "a DOCTYPE after the root": b"<svg " + _NS.encode() + b"/><!DOCTYPE svg>",
    "only a processing instruction": b'<?xml-stylesheet href="evil.css"?>',
    "empty": b"",
    "UTF-16 with a DTD": (f'<?xml version="1.0" encoding="UTF-16"?>{_DTD}<svg {_NS}>&a;</svg>'
                          .encode("utf-16")),
    "Latin-1 with a DTD": f'<?xml version="1.0" encoding="ISO-8859-1"?>{_DTD}<svg {_NS}>&a;</svg>'.encode(),
    "xlink fan": _fan("xlink:href", _XLINK),
    "href fan": _fan(),
    "xlink under another prefix": _fan("x:href", 'xmlns:x="http://www.w3.org/1999/xlink"'),
    "xlink: without its declaration": _fan("xlink:href"),
    "UTF-16 fan": _fan().decode().encode("utf-16"),
    "UTF-8 BOM fan": b"\xef\xbb\xbf" + _fan(),
    "a cycle through href and xlink:href": (f'<svg {_NS} {_XLINK}><g id="a"><use href="#b"/></g><g id="b">'
                                            '<use xlink:href="#a"/></g></svg>').encode(),
    "a use of itself": f'<svg {_NS} {_XLINK}><use id="a" xlink:href="#a"/></svg>'.encode(),
    "nested 33 deep": f"<svg {_NS}>{'<g>' * 33}{'</g>' * 33}</svg>".encode(),
    "nested 9000 deep (near 64 KB)": f"<svg {_NS}>{'<g>' * 9000}{'</g>' * 9000}</svg>".encode(),
    # passed the defusedxml check too: Qt follows "xlink:href" by its prefix, whatever the namespace
    "xlink: bound to another namespace": _fan("xlink:href", 'xmlns:xlink="urn:not-xlink"'),
    # passed it too: an SVG inside an <image>'s data: address, which Qt loads outside the budget
    "a fan inside <image href=data:>": (f'<svg {_NS}><image width="9" height="9" href="data:image/svg+xml;'
                                        f'base64,{base64.b64encode(_fan(levels=6)).decode()}"/></svg>').encode(),
    "a picture from a file": f'<svg {_NS} {_XLINK}><image xlink:href="file:///dev/zero"/></svg>'.encode(),
    # passed it too: an id given twice, the cheap one first; Qt draws the dear one
    "an id twice, the cheap one first": _fan(first="".join(f'<rect id="a{n}"/>' for n in range(1, 4))),
}


def test_every_hostile_picture_is_refused_with_a_reason() -> None:
    from kiosk.core.content.svgcheck import inspect_bytes

    passed = [name for name, data in HOSTILE.items() if inspect_bytes(data) is None]
    assert passed == []


def test_qt_follows_an_xlink_href_whose_prefix_names_another_namespace(qtbot) -> None:
    """Why the budget counts every "href": a red square drawn through ``xlink:href`` with
    ``xmlns:xlink="urn:not-xlink"``."""
    from PySide6.QtCore import QByteArray
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    svg = (f'<svg {_NS} xmlns:xlink="urn:not-xlink" width="10" height="10"><defs><rect id="r" width="10" '
           'height="10" fill="#ff0000"/></defs><use xlink:href="#r"/></svg>').encode()
    image = QImage(10, 10, QImage.Format.Format_ARGB32)
    image.fill(0)
    painter = QPainter(image)
    QSvgRenderer(QByteArray(svg)).render(painter)
    painter.end()
    assert image.pixel(5, 5) == 0xFFFF0000


# --- settings.json's staff_language, and any field: one line, with its line, and the kiosk runs ---

def test_a_hostile_staff_language_is_one_line_with_its_line_and_spanish_is_used(tmp_path) -> None:
    import json

    from kiosk.core.check import _settings_problems
    from kiosk.core.settings import load_settings

    path = tmp_path / "settings.json"
    for value in ("xx", 5, True, None, ["qu"], {"qu": 1}, "qu\n", "\u202equ", "\x1b[2J", "q" * 60_000):
        path.write_text('{\n  "volume": 50,\n  "staff_language": ' + json.dumps(value) + "\n}\n",
                        encoding="utf-8")
        settings = load_settings(path)
        assert settings.staff_language == "es" and settings.volume == 50
        (line,) = settings.problems
        assert line == f"{path}:3: staff_language: must be one of ['es', 'qu', 'ay']; using 'es'"
        (problem,) = _settings_problems(path, settings.problems)
        assert (problem.line, problem.field) == (3, "staff_language")


def test_an_unknown_key_with_control_characters_or_thousands_of_letters_stays_one_short_line(
        tmp_path) -> None:
    import json

    from kiosk.core.settings import load_settings

    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"staff_language": "qu", "idle\x1b[2J\nFAKE: ok": 1, "k" * 3000: 2},
                               indent=1), encoding="utf-8")
    settings = load_settings(path)
    assert settings.staff_language == "qu" and len(settings.problems) == 2
    for line in settings.problems:
        assert "\n" not in line and "\x1b" not in line and len(line) < len(str(path)) + 100
    assert settings.problems[0].startswith(f"{path}:3: 'idle\\x1b[2J\\nFAKE: ok': unknown")


# --- content/staff.yaml: a pack's is used; what is wrong with it is the checker's, one line each ---

_HEAD = "languages:\n  es: {status: draft}\n  qu: {status: draft}\n  ay: {status: draft}\nprompts:\n"


def test_a_packs_staff_yaml_is_read_over_the_shipped_one_and_the_rest_stays(paths) -> None:
    """The pack format let content/staff.yaml in, but every page read the shipped file: a signed
    pack's words for the facilitator were never shown."""
    from kiosk.app import build_core
    from kiosk.core.content.staff import StaffTexts

    (paths.content / "staff.yaml").write_text(
        _HEAD + '  staff.back: {es: "Al panel", qu: "Panelman", ay: "Panelaru"}\n', encoding="utf-8")
    build_core(paths, start_log=False)
    say = StaffTexts()
    assert say("staff.back") == "Al panel" and say("staff.back", "qu") == "Panelman"
    assert say("staff.tab.present") == "Presentar"  # the shipped text for what the pack leaves out


def test_a_hostile_staff_yaml_is_one_line_each_in_the_checker_and_the_pages_go_on(paths) -> None:
    from kiosk.core.check import check
    from kiosk.core.content.staff import StaffTexts, _load, _read

    cases = {
        "prompts: [1, 2]\n": (5, "prompts"),
        "  staff.back: 5\n": (6, "prompts.staff.back"),
        "  staff.back: {es: {a: {b: [1]}}}\n": (6, "prompts.staff.back.es"),
        "  staff.back: {qu: Kutiy}\n": (6, "prompts.staff.back"),
        "  staff.back: " + "[" * 5000 + "]" * 5000 + "\n": (6, "file"),
        '  staff.back: {es: "a}{b {n"}\n': None,  # a placeholder gone wrong: the page says it as is
    }
    for body, where in cases.items():
        text = (_HEAD if not body.startswith("prompts") else _HEAD.removesuffix("prompts:\n")) + body
        (paths.content / "staff.yaml").write_text(text, encoding="utf-8")
        found = [p for p in check(paths)["problems"] if p.file.name == "staff.yaml"]
        if where is not None:
            assert (found[0].line, found[0].field) == where, body[:40]
        _read.cache_clear(), _load.cache_clear()  # the kiosk reads it once; here it changed
        say = StaffTexts(paths.content / "staff.yaml")
        assert say("staff.tab.present") == "Presentar"  # the shipped text, not the key
        assert say("staff.plan.session", n=2) in ("Sesión 2", "a}{b {n")


# --- counting hands: the export, the black screen, a count typed across it ---

def _present(qtbot, kiosk, workshop):
    from PySide6.QtCore import Qt

    from kiosk.core.session import Screen
    from tests.test_hands import to_screen
    from tests.test_workshop import press, save_plan

    window, session = kiosk.window, kiosk.session
    plan = save_plan(qtbot, workshop, sessions="Semana 1: 01")
    workshop.present(plan.id, 1, "6-10", "es")
    to_screen(qtbot, window, session, Screen.QUESTION)
    return window, session, lambda key, times=1: press(qtbot, window, getattr(Qt.Key, key), times)


def test_a_groups_counts_of_one_to_three_never_leave_the_kiosk_in_any_export_format(
        qtbot, discussed, kiosk, workshop, tmp_path) -> None:
    import csv

    from kiosk.core.usage.formats import export, read_export
    from tests.test_hands import hands

    window, session, press = _present(qtbot, kiosk, workshop)
    for n in ("Key_1", "Key_2", "Key_3"):  # yes 1, no 2, don't know 3
        press("Key_Tab")
        press(n)
    press("Key_PageDown", 2)
    press("Key_Tab")
    press("Key_9")  # the second question: 9 chose the first answer
    window.show_room(session.end_course())
    window, session, press = _present(qtbot, kiosk, workshop)  # a second group: 12 say yes
    press("Key_Tab")
    press("Key_1")
    press("Key_2")
    window.show_room(session.end_course())
    assert hands(kiosk)[("es", "couple", "q-hit", "yes")] == 13 and sum(hands(kiosk).values()) == 27
    out = tmp_path / "export.sqlite"
    export(kiosk.paths.database, out, kiosk.paths.data)
    published = {c[2:]: n for c, n in read_export(out)[1].items()
                 if c[1] in ("hands_counted", "group_course")}
    assert published == {("*", "couple", "q-hit", "yes"): 13}  # 1, 2, 3, 9 and two sessions: never
    export(kiosk.paths.database, tmp_path / "export.csv", kiosk.paths.data, fmt="csv")
    with (tmp_path / "export.csv").open(encoding="utf-8") as f:
        rows = [r for r in csv.reader(f) if "hands_counted" in r or "group_course" in r]
    assert len(rows) == 1 and "13" in rows[0]


def test_a_count_typed_before_the_black_screen_is_not_continued_after_it(
        qtbot, discussed, kiosk, workshop) -> None:
    """1, B (black), 5 (any key: the screen back, nothing counted), 3: a new count of 3, not 13."""
    from tests.test_hands import shown_counts

    window, session, press = _present(qtbot, kiosk, workshop)
    press("Key_Tab")
    press("Key_1")
    press("Key_B")
    assert session.course.blank
    press("Key_5")
    assert not session.course.blank and shown_counts(window) == ["1", "0", "0"]
    press("Key_3")
    assert shown_counts(window) == ["3", "0", "0"]


def test_keys_on_the_black_screen_and_while_counting_never_close_or_count_twice(
        qtbot, discussed, kiosk, workshop) -> None:
    """Esc (a clicker's "end show") brings the screen back; Ctrl+Q, Ctrl+W and Alt+F4 are
    swallowed; a quick exit from the black screen mid-count writes that count once."""
    from PySide6.QtCore import Qt

    from kiosk.core.session import Layout
    from tests.test_hands import hands

    window, session, press = _present(qtbot, kiosk, workshop)
    press("Key_Tab")
    press("Key_4")
    press("Key_B")
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert not session.course.blank and window.isVisible()
    press("Key_B")
    for key, mod in ((Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier),
                     (Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier),
                     (Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier)):
        qtbot.keyClick(window, key, mod)
        assert window.isVisible() and session.course is not None
    assert session.course.blank and hands(kiosk) == {}
    press("Key_Shift", 3)  # the quick exit, from the black screen
    assert window.view.layout == Layout.NEUTRAL and session.course is None and not window.view.blank
    assert hands(kiosk) == {("es", "couple", "q-hit", "yes"): 4}
    press("Key_Shift", 3)  # again: nothing more
    assert hands(kiosk) == {("es", "couple", "q-hit", "yes"): 4}


def test_a_language_pressed_over_a_settings_file_with_a_typo_keeps_that_file_beside(
        qtbot, kiosk) -> None:
    """A trailing comma and the kiosk runs on defaults (said in one line); a press of Runasimi on
    a staff page rewrote settings.json and the raised threshold she had typed was lost."""
    from kiosk.core.settings import load_settings

    path = kiosk.paths.settings
    typed = '{\n  "suppression_k": 25,\n  "volume": 40,\n}\n'
    path.write_text(typed, encoding="utf-8")
    kiosk.window.settings_path = path
    kiosk.window.set_staff_language("qu")
    assert load_settings(path).staff_language == "qu" and not load_settings(path).problems
    assert path.with_name("settings.json.damaged").read_text(encoding="utf-8") == typed
    kiosk.window.set_staff_language("ay")  # a file read whole is not copied again
    assert path.with_name("settings.json.damaged").read_text(encoding="utf-8") == typed
