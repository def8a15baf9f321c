"""The fallback chain: recorded → pre-rendered synthetic → live synthesis → fallback language."""

from __future__ import annotations

import wave
from pathlib import Path

import pytest

from kiosk.core.audio.voices import Voices, clip_name, clip_words
from kiosk.core.content import load_library
from kiosk.core.model import Say


def tone(path: Path, seconds: float = 0.2) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(16000)
        w.writeframes(b"\x10\x00\xf0\xff" * int(8000 * seconds))
    return path


@pytest.fixture
def voices(paths) -> Voices:
    lib = load_library(paths.content)
    return Voices(lib, [paths.audio], paths.recordings, paths.speech_cache, "es")


def words(voices: Voices, key: str, lang: str) -> str:
    text = voices.library.text(key)
    assert text is not None
    return text.versions[lang]


def test_recorded_beats_synthetic_and_synthetic_beats_live(voices, paths) -> None:
    key = "couple.hit"
    w = words(voices, key, "qu")
    assert voices.resolve(key, "qu").source == "synthesize"
    synthetic = tone(paths.audio / "qu" / "synthetic" / clip_name(key, clip_words(w, "qu", "synthetic")))
    assert voices.resolve(key, "qu").path == str(synthetic)
    recorded = tone(paths.recordings / "qu" / "recorded" / clip_name(key, w, ".wav"))
    res = voices.resolve(key, "qu")
    assert (res.source, res.path, res.fallback) == ("recorded", str(recorded), False)


def test_a_clip_made_for_an_older_text_is_never_played(voices, paths) -> None:
    tone(paths.audio / "es" / "recorded" / clip_name("couple.hit", "Pegar no es nada."))
    assert voices.resolve("couple.hit", "es").source == "synthesize"


def test_missing_translation_speaks_the_fallback_language(voices) -> None:
    text = voices.library.text("couple.hit")
    assert text is not None
    del text.versions["ay"]
    res = voices.resolve("couple.hit", "ay")
    assert res.fallback and res.lang == "es" and res.words == "Pegar es daño."


def test_no_synthesis_falls_back_to_a_clip_in_the_fallback_language(voices, paths) -> None:
    voices.can_synthesize = False
    es_words = words(voices, "couple.hit", "es")
    spoken = clip_words(es_words, "es", "synthetic")
    es_clip = tone(paths.audio / "es" / "synthetic" / clip_name("couple.hit", spoken))
    res = voices.resolve("couple.hit", "qu")
    assert res.fallback and res.path == str(es_clip)


def test_speaker_synthesises_a_missing_clip_and_plays_it(qtbot, kiosk) -> None:
    qtbot.waitUntil(lambda: not kiosk.speaker.busy, timeout=15000)
    kiosk.spoken.clear()
    kiosk.speaker.say([Say("couple.hit", "qu")])
    qtbot.waitUntil(lambda: not kiosk.speaker.busy, timeout=15000)
    key, lang, path, source = kiosk.spoken[-1]
    assert (key, lang, source) == ("couple.hit", "qu", "synthesize")
    assert Path(path).stat().st_size > 1000  # a real WAV from espeak-ng, now in the cache
    assert kiosk.speaker.voices.resolve("couple.hit", "qu").source == "cache"


def test_speaker_gives_a_notice_before_the_fallback_language(qtbot, kiosk) -> None:
    text = kiosk.speaker.voices.library.text("couple.hit")
    del text.versions["ay"]
    qtbot.waitUntil(lambda: not kiosk.speaker.busy, timeout=15000)
    kiosk.spoken.clear()
    kiosk.speaker.say([Say("couple.hit", "ay")])
    qtbot.waitUntil(lambda: not kiosk.speaker.busy, timeout=15000)
    assert kiosk.keys() == [("prompt.fallback.notice", "ay"), ("couple.hit", "es")]


def test_when_synthesis_dies_the_screen_still_speaks(qtbot, kiosk, paths) -> None:
    """The speech process is gone for good: a clip in the fallback language is played instead."""
    speech = kiosk.speaker.speech
    speech.dead = True
    w = words(kiosk.speaker.voices, "couple.insult", "es")
    spoken = clip_words(w, "es", "synthetic")
    es_clip = tone(paths.audio / "es" / "synthetic" / clip_name("couple.insult", spoken))
    qtbot.waitUntil(lambda: not kiosk.speaker.busy, timeout=15000)
    kiosk.spoken.clear()
    kiosk.speaker.say([Say("couple.insult", "qu")])
    qtbot.waitUntil(lambda: not kiosk.speaker.busy, timeout=15000)
    assert [(k, lang, p) for k, lang, p, _s in kiosk.spoken][-1] == ("couple.insult", "es", str(es_clip))


def test_a_clip_saved_after_a_lookup_is_found_at_once(voices, paths) -> None:
    """Folders are listed once and read again when they change (a recording saved, clips rendered)."""
    key = "couple.hit"
    w = words(voices, key, "es")
    (paths.recordings / "es" / "recorded").mkdir(parents=True)
    assert voices.resolve(key, "es").source == "synthesize"  # the (empty) folder is listed now
    tone(paths.recordings / "es" / "recorded" / clip_name(key, clip_words(w, "es", "recorded"), ".wav"))
    assert voices.resolve(key, "es").source == "recorded"
