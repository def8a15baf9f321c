"""Saving a recording as Windows would let it: a file the player holds open is never deleted or
replaced; the new clip is in place (and in the manifest) before any old one is touched.

Linux lets a program delete or replace an open file, so the file system's two calls are replaced
by ones that refuse, as Windows does, for the files the "player" holds.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from kiosk.core.audio import manifest
from kiosk.core.audio.voices import Voices
from kiosk.core.content import load_library
from kiosk.voicetools import dsp, recording

KEY = "couple.title"


class WindowsFiles:
    """``replace`` and ``remove`` that raise PermissionError for files held open; a log of calls."""

    def __init__(self) -> None:
        self.held: set[Path] = set()
        self.calls: list[tuple[str, str]] = []

    def replace(self, src: Path, dst: Path) -> None:
        self.calls.append(("replace", Path(dst).name))
        if Path(dst) in self.held:
            raise PermissionError(13, "The process cannot access the file", str(dst))
        os.replace(src, dst)

    def remove(self, path: Path) -> None:
        self.calls.append(("remove", Path(path).name))
        if Path(path) in self.held:
            raise PermissionError(13, "The process cannot access the file", str(path))
        os.remove(path)


def take(path: Path, rate: int = 16000) -> Path:
    t = np.arange(int(1.2 * rate)) / rate
    voice = 0.3 * np.sin(2 * np.pi * 180 * t) * (0.6 + 0.4 * np.sin(2 * np.pi * 4 * t))
    sf.write(str(path), np.concatenate([np.zeros(int(0.3 * rate)), voice]), rate)
    return path


def save(paths, tmp_path: Path, words: str, files: WindowsFiles) -> tuple[Path, dict]:
    return recording.save_recording(take(tmp_path / "take.wav"), paths.recordings, "qu", KEY, words,
                                    "voz-01", "promotora", "oral", replace=files.replace,
                                    remove=files.remove)


@pytest.fixture
def files(monkeypatch) -> WindowsFiles:
    monkeypatch.setattr(recording, "REPLACE_WAIT_S", 0.0)  # no waiting in tests
    return WindowsFiles()


def test_a_new_text_is_saved_while_the_old_take_plays_and_the_old_one_goes_later(paths, tmp_path, files):
    first, _ = save(paths, tmp_path, "Qusayki", files)
    files.held.add(first)  # the player is playing it
    held_bytes = first.read_bytes()
    files.calls.clear()

    second, _ = save(paths, tmp_path, "Qusayki k'irisuptiyki", files)
    assert files.calls == [("replace", second.name), ("remove", first.name)]  # new first, then old
    assert first.read_bytes() == held_bytes  # kept as it was, not deleted
    folder = second.parent
    assert set(manifest.load(folder)) == {second.name}
    library = load_library(paths.content)
    assert library.text(KEY).get("qu") == "Qusayki k'irisuptiyki"
    voices = Voices(library, [], paths.recordings, paths.speech_cache)
    assert voices.resolve(KEY, "qu").path == str(second)  # the kept old file never plays

    files.held.clear()  # the player let go: the next save of that text clears it
    third, _ = save(paths, tmp_path, "Qusayki k'irisuptiyki, ama ch'inlla kaychu", files)
    assert not first.exists() and not second.exists() and third.is_file()
    assert not list(folder.glob(".*.part"))


def test_the_same_words_never_replace_a_clip_that_stays_open(paths, tmp_path, files):
    first, entry = save(paths, tmp_path, "Qusayki", files)
    files.held.add(first)
    held_bytes = first.read_bytes()
    with pytest.raises(recording.ClipInUse, match="in use"):
        save(paths, tmp_path, "Qusayki", files)
    assert first.read_bytes() == held_bytes
    assert [c for c in files.calls if c[0] == "remove"] == []
    assert manifest.load(first.parent) == {first.name: entry}  # the manifest still describes it
    assert not list(first.parent.glob(".*.part"))  # the new take's temp file is gone


def test_the_same_words_replace_the_clip_once_the_player_lets_go(paths, tmp_path, files):
    first, _ = save(paths, tmp_path, "Qusayki", files)
    files.held.add(first)
    real = files.replace

    def released_after_two_tries(src: Path, dst: Path) -> None:
        if len(files.calls) >= 2:
            files.held.clear()
        real(src, dst)

    files.replace = released_after_two_tries  # type: ignore[method-assign]
    second, _ = save(paths, tmp_path, "Qusayki", files)
    assert second == first and [c[0] for c in files.calls].count("replace") >= 3
    assert len(list(first.parent.glob("*.opus"))) == 1


def test_the_limiters_filters_match_their_definitions() -> None:
    from numpy.lib.stride_tricks import sliding_window_view

    rng = np.random.default_rng(3)
    for n, size in ((1, 1), (5, 3), (7, 9), (1000, 441), (2205, 221), (30000, 961)):
        x = rng.random(n)
        r = size // 2
        windows = sliding_window_view(np.pad(x, (r, r), mode="edge"), size)
        assert np.array_equal(dsp.running_min(x, size), windows.min(axis=1)), (n, size)
        assert np.allclose(dsp.running_mean(x, size), windows.mean(axis=1), atol=1e-12), (n, size)
    loud = 0.99 * np.sin(np.linspace(0, 200 * np.pi, 22050))
    limited = dsp.limit(loud, 22050)
    assert np.max(np.abs(limited)) <= 10 ** (dsp.RENDER_CEILING_DBFS / 20) + 1e-12


def test_the_save_process_answers_one_line_when_the_audio_tools_are_missing(paths, tmp_path, monkeypatch):
    import io
    import json
    import sys

    import kiosk.voicetools

    source = take(tmp_path / "take.wav")
    # As in an install without the [authoring] extra: dsp is imported afresh and numpy is not there.
    monkeypatch.delattr(kiosk.voicetools, "dsp")
    monkeypatch.delitem(sys.modules, "kiosk.voicetools.dsp")
    monkeypatch.setitem(sys.modules, "numpy", None)
    req = recording.request(source, paths.recordings, "qu", KEY, "Qusayki",
                            "voz-01", "promotora", "oral")
    out = io.StringIO()
    assert recording.serve_save(io.StringIO(json.dumps(req)), out) == 1
    reply = json.loads(out.getvalue())
    assert reply["ok"] is False and "no numpy" in reply["error"] and "authoring" in reply["error"]
    assert not paths.recordings.exists() or not list(paths.recordings.rglob("*.opus"))
