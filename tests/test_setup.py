"""Set-up and portability: file replacement that survives Windows' locks, speech without a
system espeak-ng, and the bundle's two programs."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kiosk import paths
from kiosk.core.audio import synth


def test_replace_file_waits_for_a_lock_to_go(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src, dst = tmp_path / "new.part", tmp_path / "clip.ogg"
    src.write_text("new")
    dst.write_text("old")
    real, calls = os.replace, []

    def locked_twice(a: object, b: object) -> None:  # what Windows does while the player has dst open
        calls.append(1)
        if len(calls) <= 2:
            raise PermissionError(13, "being used by another process")
        real(a, b)  # type: ignore[arg-type]

    monkeypatch.setattr(paths.os, "replace", locked_twice)
    paths.replace_file(src, dst, wait=0)
    assert dst.read_text() == "new" and not src.exists() and len(calls) == 3


def test_replace_file_gives_up_with_the_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def locked(a: object, b: object) -> None:
        raise PermissionError(13, "being used by another process")

    monkeypatch.setattr(paths.os, "replace", locked)
    with pytest.raises(PermissionError):
        paths.replace_file(tmp_path / "a", tmp_path / "b", attempts=3, wait=0)


def test_remove_file_leaves_an_open_file_for_later(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    clip = tmp_path / "old.ogg"
    clip.write_text("x")

    def locked(self: Path, missing_ok: bool = False) -> None:
        raise PermissionError(13, "being used by another process")

    monkeypatch.setattr(Path, "unlink", locked)
    assert paths.remove_file(clip) is False and clip.exists()
    monkeypatch.undo()
    assert paths.remove_file(clip) is True and not clip.exists()
    assert paths.remove_file(clip) is True  # already gone is fine


def test_speech_uses_the_wheels_espeak_ng() -> None:
    found = synth.bundled_espeak()
    assert found is not None, "espeakng-loader is a runtime dependency"
    lib, data = map(Path, found)
    assert lib.exists() and (data / "es_dict").exists() and (data / "qu_dict").exists()
    assert (data / "lang" / "roa" / "es-419").exists() and (data / "lang" / "qu").exists()


def test_bundle_has_a_windowed_kiosk_and_a_console_for_commands() -> None:
    spec = (Path(__file__).parent.parent / "build.spec").read_text(encoding="utf-8")
    assert 'name="willay", console=False' in spec and 'name="kiosk", console=True' in spec


def test_frozen_worker_is_the_console_program(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from kiosk.ui import tts

    (tmp_path / "willay").write_text("")
    (tmp_path / "kiosk").write_text("")
    monkeypatch.setattr(tts.sys, "frozen", True, raising=False)
    monkeypatch.setattr(tts.sys, "executable", str(tmp_path / "willay"))
    assert tts.worker_command() == [str(tmp_path / "kiosk"), "speech-worker"]


def test_bundle_keeps_the_screens_the_window_imports_by_name() -> None:
    """VIEW_SCREENS modules are imported with importlib: PyInstaller cannot see them by itself."""
    import re

    from kiosk.ui.screens import VIEW_SCREENS

    spec = (Path(__file__).parent.parent / "build.spec").read_text(encoding="utf-8")
    assert "*view_screens" in spec
    pattern = re.search(r"re\.findall\(r'(.+)', screens_init\)", spec).group(1)
    screens = Path(__file__).parent.parent / "kiosk" / "ui" / "screens" / "__init__.py"
    init = screens.read_text(encoding="utf-8")
    assert set(re.findall(pattern, init)) == {module for module, _cls in VIEW_SCREENS.values()} != set()
