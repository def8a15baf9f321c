"""What a screen may say next is decoded ahead (issue 15.10, decision 023).

The session names it (``kiosk.core.session.ahead``), the window forwards it on every new screen, the speaker
turns it into clip files and the output decodes them into a bounded cache. The sound device stays
fake here; the decoding is real (``QAudioDecoder`` on real WAV files).
"""

from __future__ import annotations

import wave
from pathlib import Path

import pytest

from kiosk.core.audio.voices import Voices, clip_name, clip_words
from kiosk.core.content import load_library
from kiosk.core.model import Say
from kiosk.core.session import Act, Action, Screen, Session
from kiosk.core.session.ahead import ahead as say_ahead
from kiosk.core.settings import Settings
from tests.conftest import TODAY


def _session(paths) -> Session:  # type: ignore[no-untyped-def]
    return Session(load_library(paths.content), Settings(), today=lambda: TODAY)


def _to_step(session: Session, module: str = "couple", index: int = 0) -> None:
    for action in (Action(Act.ACTIVATE), Action(Act.CHOOSE, 1), Action(Act.CHOOSE, 1)):
        session.handle(action)
    pos = [m.id for m in session.library.modules].index(module) + 1
    session.handle(Action(Act.CHOOSE, pos))
    session.handle(Action(Act.CHOOSE, pos))
    if session.state.screen == Screen.WARNING:
        session.handle(Action(Act.ACTIVATE))
    for _ in range(index):
        session.handle(Action(Act.NEXT))
    assert session.state.screen == Screen.STEP and session.state.index == index


def test_a_step_says_ahead_its_neighbours_and_the_buttons_and_changes_nothing(paths):
    session = _session(paths)
    _to_step(session, index=1)
    mod = session.library.module("couple")
    before = (session.state, session.visit, session.asking, session._armed)
    ahead = say_ahead(session)
    assert (session.state, session.visit, session.asking, session._armed) == before
    keys = [say.key for say in ahead]
    nxt, prev = mod.steps[2].text.key, mod.steps[0].text.key
    assert keys[0] == nxt and prev in keys  # where Next leads comes first
    assert mod.steps[1].text.key in keys  # Repeat
    assert {b.say for b in session.view().buttons} <= set(ahead)  # every fixed button's own words
    assert len(ahead) == len(set(ahead))


def test_a_grid_says_ahead_each_picture_with_its_number(paths):
    session = _session(paths)
    for action in (Action(Act.ACTIVATE), Action(Act.CHOOSE, 1), Action(Act.CHOOSE, 1)):
        session.handle(action)
    assert session.state.screen == Screen.HOME
    visit = session.visit
    ahead = say_ahead(session)
    spoken = [n for n, item in enumerate(session.items(), start=1) if item.label_key]
    assert spoken
    for number in spoken:  # what its first touch says: its number and its name
        assert session.item_speech(session.state, number)
        assert set(session.item_speech(session.state, number)) <= set(ahead)
    session.handle(Action(Act.CHOOSE, 1))
    say_ahead(session)  # trying a press of the focused lesson does not open it
    assert session.visit == visit and session.state.screen == Screen.HOME


def _tone(path: Path, seconds: float, rate: int = 16000) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(b"\x10\x00\xf0\xff" * int(rate / 2 * seconds))
    return path


def test_the_window_passes_on_what_the_new_screen_may_say(qtbot, kiosk):
    mod = kiosk.session.library.module("couple")
    for step in mod.steps:
        words = clip_words(step.text.get("es"), "es", "synthetic")
        _tone(kiosk.paths.audio / "es" / "synthetic" / clip_name(step.text.key, words), 0.2)
    kiosk.window.act(Action(Act.ACTIVATE))
    kiosk.window.act(Action(Act.CHOOSE, 1))
    kiosk.window.act(Action(Act.CHOOSE, 1))
    pos = [m.id for m in kiosk.session.library.modules].index("couple") + 1
    kiosk.window.act(Action(Act.CHOOSE, pos))
    kiosk.output.prefetched.clear()
    kiosk.window.act(Action(Act.CHOOSE, pos))
    if kiosk.session.state.screen == Screen.WARNING:
        kiosk.window.act(Action(Act.ACTIVATE))
    assert kiosk.session.state.screen == Screen.STEP
    second = kiosk.speaker.voices.resolve(mod.steps[1].text.key, "es").path
    assert kiosk.output.prefetched and kiosk.output.prefetched[-1][0] == second
    focus_only = len(kiosk.output.prefetched)
    kiosk.window.act(Action(Act.BUTTON, 1))  # a fixed button's first touch: the screen stays
    assert len(kiosk.output.prefetched) == focus_only


@pytest.fixture
def cache(qtbot):
    from kiosk.ui.pcm import ClipCache

    cache = ClipCache(budget=100_000, max_clip=1.5)
    yield cache
    cache.stop()


def test_clips_are_decoded_ahead_within_the_byte_budget(qtbot, tmp_path, cache):
    from kiosk.ui.pcm import BYTES_PER_SECOND

    clips = [str(_tone(tmp_path / f"{n}.wav", 0.5)) for n in range(4)]  # ~22 kB each at 22.05 kHz
    long = str(_tone(tmp_path / "long.wav", 3.0))
    cache.want([clips[0], long, clips[1]])
    qtbot.waitUntil(lambda: cache.get(clips[1]) is not None, timeout=5000)
    assert abs(len(cache.get(clips[0])) - 0.5 * BYTES_PER_SECOND) < 2000  # resampled to 22.05 kHz
    assert cache.get(long) is None  # longer than max_clip: it plays from its file
    cache.budget = 2 * 23_000
    cache.want([clips[2], clips[1]])  # clips[0] is the least recently used: it goes
    qtbot.waitUntil(lambda: cache.get(clips[2]) is not None, timeout=5000)
    assert cache.get(clips[0]) is None and cache.get(clips[1]) is not None
    assert cache.size <= cache.budget


def test_a_clip_that_cannot_be_decoded_is_skipped(qtbot, tmp_path, cache):
    bad = tmp_path / "bad.ogg"
    bad.write_bytes(b"not a clip at all" * 100)
    good = str(_tone(tmp_path / "good.wav", 0.3))
    cache.want([str(bad), good])
    qtbot.waitUntil(lambda: cache.get(good) is not None, timeout=5000)
    assert cache.get(str(bad)) is None


def test_expect_passes_only_clips_that_exist(qtbot, paths, fake_output):
    from kiosk.ui.speaker import Speaker

    library = load_library(paths.content)
    voices = Voices(library, [paths.audio], paths.recordings, paths.speech_cache)
    text = library.text("prompt.home.arrive")
    clip = _tone(paths.audio / "es" / "synthetic" / clip_name(text.key, clip_words(text.get("es"), "es",
                                                                                  "synthetic")), 0.2)
    speaker = Speaker(voices, fake_output, None)
    speaker.expect([Say("prompt.home.arrive", "es"), Say("prompt.home.arrive", "es"),
                    Say("prompt.step.invite", "es")])  # no clip for the second: not synthesised
    assert fake_output.prefetched == [[str(clip)]]


def test_a_clip_saved_again_under_its_name_is_decoded_again(qtbot, tmp_path, cache):
    """A new take of the same words gets the same name: the old take's sound must not play."""
    import os

    clip = _tone(tmp_path / "take.wav", 0.3)
    cache.want([str(clip)])
    qtbot.waitUntil(lambda: cache.get(str(clip)) is not None, timeout=5000)
    first = len(cache.get(str(clip)))
    _tone(tmp_path / "new.wav", 0.6)
    os.replace(tmp_path / "new.wav", clip)
    assert cache.get(str(clip)) is None
    cache.want([str(clip)])
    qtbot.waitUntil(lambda: cache.get(str(clip)) is not None, timeout=5000)
    assert len(cache.get(str(clip))) > 1.5 * first and cache.size == len(cache.get(str(clip)))
