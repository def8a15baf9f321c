"""Recording studio: record with a fake microphone, keep, and the kiosk plays the recording."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from kiosk.core.audio.coverage import coverage
from kiosk.core.content import load_library
from kiosk.core.model import Say
from kiosk.core.packs import keys
from kiosk.core.packs.commands import voices_export, voices_import
from kiosk.paths import Paths
from kiosk.ui.screens.studio import Recorder, StudioPanel


def speechlike(path: Path, seconds: float = 1.2, rate: int = 16000) -> Path:
    """A tone with a syllable-like envelope after 0.3 s of room noise: something to trim."""
    t = np.arange(int(seconds * rate)) / rate
    voice = 0.3 * np.sin(2 * np.pi * 180 * t) * (0.6 + 0.4 * np.sin(2 * np.pi * 4 * t))
    noise = np.random.default_rng(1).normal(0, 0.0005, int(0.3 * rate))
    sf.write(str(path), np.concatenate([noise, voice]), rate)
    return path


class FakeRecorder(Recorder):
    """The microphone boundary: a 'recording' is a generated file written when stopped."""

    def __init__(self) -> None:
        super().__init__()
        self.target: Path | None = None

    def start(self, path: Path) -> None:
        self.target = path

    def stop(self) -> None:
        assert self.target is not None
        speechlike(self.target)
        self.finished.emit(str(self.target))


@pytest.fixture
def studio(qtbot, kiosk):
    def make() -> StudioPanel:
        return StudioPanel(kiosk.session.library, kiosk.speaker.voices, kiosk.speaker,
                           FakeRecorder(), kiosk.paths.recordings)

    kiosk.window.make_studio = make
    kiosk.window.open_facilitator()
    qtbot.mouseClick(kiosk.window.facilitator.studio_button, Qt.MouseButton.LeftButton)
    panel = kiosk.window.studio
    assert panel is not None and kiosk.window.stack.currentWidget() is panel
    panel.group.setCurrentIndex(panel.group.findData("couple"))
    panel.lang.setCurrentIndex(panel.lang.findData("qu"))
    yield panel
    panel.cleanup()


def record_and_keep(qtbot, panel: StudioPanel, consent: bool = True) -> None:
    panel.speaker_name.setText("voz-01")
    panel.role.setText("promotora de salud")
    panel.consent.setChecked(consent)
    qtbot.mouseClick(panel.buttons["record"], Qt.MouseButton.LeftButton)
    assert panel.recording
    qtbot.mouseClick(panel.buttons["record"], Qt.MouseButton.LeftButton)
    assert panel.take is not None and panel.buttons["keep"].isEnabled()
    qtbot.mouseClick(panel.buttons["keep"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.tasks.running == 0, timeout=15000)


def test_a_kept_recording_is_what_the_kiosk_plays(qtbot, kiosk, studio):
    assert studio.current.key == "couple.title"
    record_and_keep(qtbot, studio)
    folder = kiosk.paths.recordings / "qu" / "recorded"
    (clip,) = folder.glob("couple.title.*.opus")
    entry = json.loads((folder / "manifest.json").read_text())["clips"][clip.name]
    assert entry["speaker"] == "voz-01" and entry["consent"]["given"] is True
    assert abs(entry["loudness_lufs"] + 16) <= 2 and entry["leading_silence_ms"] < 150
    qtbot.waitUntil(lambda: not kiosk.speaker.busy, timeout=15000)
    kiosk.spoken.clear()
    kiosk.speaker.say([Say("couple.title", "qu")])
    qtbot.waitUntil(lambda: not kiosk.speaker.busy, timeout=15000)
    assert kiosk.spoken[-1][2:] == (str(clip), "recorded")


def test_hearing_the_take_plays_the_fresh_file(qtbot, kiosk, studio):
    qtbot.mouseClick(studio.buttons["record"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(studio.buttons["record"], Qt.MouseButton.LeftButton)
    kiosk.spoken.clear()
    qtbot.mouseClick(studio.buttons["take"], Qt.MouseButton.LeftButton)
    assert kiosk.spoken[-1][2:] == (str(studio.take), "take")
    qtbot.mouseClick(studio.buttons["redo"], Qt.MouseButton.LeftButton)
    assert studio.take is None and not studio.buttons["keep"].isEnabled()


def test_without_consent_nothing_is_saved(qtbot, kiosk, studio):
    record_and_keep(qtbot, studio, consent=False)
    assert not list((kiosk.paths.recordings).rglob("*.opus"))
    assert "aceptó" in studio.status.text()


def test_a_real_name_is_refused(qtbot, kiosk, studio):
    studio.speaker_name.setText("María Quispe")
    studio.consent.setChecked(True)
    studio.role.setText("promotora")
    qtbot.mouseClick(studio.buttons["record"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(studio.buttons["record"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(studio.buttons["keep"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: studio.tasks.running == 0, timeout=15000)
    assert "pseudonym" in studio.status.text()
    assert not list((kiosk.paths.recordings).rglob("*.opus"))


def test_a_recording_becomes_stale_when_its_text_changes(qtbot, kiosk, studio):
    record_and_keep(qtbot, studio)
    paths = kiosk.paths
    before = coverage(paths, load_library(paths.content), ["qu"])["qu"]["groups"]["couple"]
    assert before["recorded"] == 1 and before["stale"] == 0
    module = paths.content / "modules" / "01-couple.yaml"
    module.write_text(module.read_text(encoding="utf-8").replace(
        "qu: \"Qusayki k'irisuptiyki\"", "qu: \"Qusayki k'irisuptiyki, ama ch'inlla kaychu\""),
        encoding="utf-8")
    after = coverage(paths, load_library(paths.content), ["qu"])["qu"]["groups"]["couple"]
    assert after["recorded"] == 0 and after["stale"] == 1


def test_recordings_travel_in_a_pack_signed_by_the_kiosk(qtbot, kiosk, studio, tmp_path):  # type: ignore[no-untyped-def]
    import io

    record_and_keep(qtbot, studio)
    pack = tmp_path / "voces.zip"
    out, err = io.StringIO(), io.StringIO()
    assert voices_export(kiosk.paths, pack, out, err) == 0, err.getvalue()
    other = Paths(content=kiosk.paths.content, audio=kiosk.paths.audio, data=tmp_path / "other-kiosk")
    # another kiosk that does not trust this one refuses: the forged-voice case of issue 12
    assert voices_import(other, pack, out, err) == 1
    assert "does not trust" in err.getvalue() and not (other.data / "packs" / "current").exists()
    keys.add_trusted(other, keys.own_files(kiosk.paths)[1])  # read aloud, added behind the PIN
    assert voices_import(other, pack, out, err) == 0, err.getvalue()
    again = Paths.resolve(other.data, kiosk.paths.content)
    folders = [f for f, origin in again.pack_audio() if origin.startswith("pack voces-")]
    assert folders and list((folders[0] / "qu" / "recorded").glob("couple.title.*.opus"))


def test_a_silent_microphone_is_reported_not_kept(qtbot, kiosk, studio):
    class DeadMic(FakeRecorder):
        def stop(self) -> None:
            assert self.target is not None
            self.target.write_bytes(b"RIFF" + b"\0" * 74)  # a header and nothing else
            self.finished.emit(str(self.target))

    studio.recorder = DeadMic()
    studio.recorder.finished.connect(studio._recorded)
    qtbot.mouseClick(studio.buttons["record"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(studio.buttons["record"], Qt.MouseButton.LeftButton)
    assert studio.take is None and "micrófono" in studio.status.text()


def _type_through_window(window, text: str) -> None:
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent

    handle = window.windowHandle()
    for ch in text:
        key = Qt.Key.Key_Minus if ch == "-" else getattr(Qt.Key, f"Key_{ch.upper()}")
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(handle, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, ch))


def test_the_facilitator_can_type_in_the_studio(qtbot, kiosk, studio):
    """Keys arrive through the window (as from a real keyboard) and reach the focused field."""
    kiosk.window.activateWindow()
    studio.speaker_name.setFocus()
    _type_through_window(kiosk.window, "voz-2")
    assert studio.speaker_name.text() == "voz-2"


def test_keys_through_the_window_drive_the_kiosk(qtbot, kiosk):
    from kiosk.core.session import Screen

    _type_through_window(kiosk.window, "1")
    assert kiosk.session.state.screen == Screen.LANGUAGE


def test_quick_exit_works_from_the_studio(qtbot, kiosk, studio):
    from kiosk.core.session import Screen

    qtbot.mouseClick(kiosk.window.exit_button, Qt.MouseButton.LeftButton)
    assert kiosk.session.state.screen == Screen.NEUTRAL
    assert kiosk.window.stack.currentWidget() is kiosk.window.neutral
    assert all(b.isVisible() for b in kiosk.window.buttons.values())


def test_the_window_never_outgrows_its_screen_after_the_studio(qtbot, kiosk):
    """Without a window manager nothing stops a wide staff page from widening the kiosk for good
    (1332 px on a 1280 px display once the studio had been opened)."""
    window = kiosk.window
    before = window.minimumSizeHint().width()  # what the participant's screens need
    window.make_studio = lambda: StudioPanel(kiosk.session.library, kiosk.speaker.voices, kiosk.speaker,
                                             FakeRecorder(), kiosk.paths.recordings)
    window.open_facilitator()
    window.open_studio()
    qtbot.wait(50)
    assert window.minimumSizeHint().width() <= before
    window.close_facilitator()
    qtbot.wait(50)
    assert window.minimumSizeHint().width() <= before
def test_a_save_leaves_numpy_and_its_memory_out_of_the_kiosk(paths, tmp_path):
    """The save runs in a child process: the kiosk's process (a fresh one, since this one has numpy
    from the tests) imports none of numpy, soundfile, scipy or pyloudnorm, and keeps its memory."""
    probe = Path(__file__).with_name("studio_probe.py")
    env = {**os.environ, "PYTHONPATH": str(probe.parent.parent), "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, str(probe), str(paths.content), str(paths.recordings)],
                          capture_output=True, text=True, env=env, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["clips"] and result["clips"][0].startswith("prompt.") and "guardada" in result["status"]
    assert result["heavy_before"] == [] and result["heavy_after"] == []
    before, after = result["memory_before_kib"], result["memory_after_kib"]
    if before:  # Linux: /proc/self/status
        assert after["VmHWM"] - before["VmHWM"] <= 5 * 1024, (before, after)


def test_a_take_the_player_still_holds_is_left_for_the_clean_up(qtbot, kiosk, studio, monkeypatch):
    """Windows: deleting the take being played raises; Otra vez still works, the file stays."""
    qtbot.mouseClick(studio.buttons["record"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(studio.buttons["record"], Qt.MouseButton.LeftButton)
    take = studio.take

    def refuse(self, missing_ok=False):
        raise PermissionError(13, "The process cannot access the file", str(self))

    monkeypatch.setattr(Path, "unlink", refuse)
    qtbot.mouseClick(studio.buttons["redo"], Qt.MouseButton.LeftButton)
    monkeypatch.undo()
    assert studio.take is None and take.is_file() and "otra vez" in studio.status.text()


