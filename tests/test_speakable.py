"""What is sent to the synthesiser: numbers in each language's words, Aymara respelled for the
Quechua stand-in voice; live speech (the speech worker) and clip names agree on it."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from kiosk.core.audio import synth
from kiosk.core.audio.speakable import number_words, speakable
from kiosk.core.audio.voices import Voices, clip_name
from kiosk.core.content import load_library

EXPANSIONS = {
    "es": {
        "100": "cien",
        "105": "ciento cinco",
        "0800-15-170": "cero ocho cero cero, uno cinco, uno siete cero",
        "1410": "mil cuatrocientos diez",
        "30364": "treinta mil trescientos sesenta y cuatro",
    },
    "qu": {
        "100": "pachak",
        "105": "pachak pichqayuq",
        "0800-15-170": "ch'usaq pusaq ch'usaq ch'usaq, huk pichqa, huk qanchis ch'usaq",
        "1410": "waranqa tawa pachak chunkayuq",
        "30364": "kimsa chunka waranqa kimsa pachak suqta chunka tawayuq",
    },
    "ay": {
        "100": "patak",
        "105": "patak phisqani",
        "0800-15-170": "ch'usa kimsaqallqu ch'usa ch'usa, maya phisqa, maya paqallqu ch'usa",
        "1410": "waranqa pusi patak tunkani",
        "30364": "kimsa tunka waranqa kimsa patak suxta tunka pusini",
    },
}


@pytest.mark.parametrize(("lang", "number"),
                         [(lang, n) for lang, table in EXPANSIONS.items() for n in table])
def test_number_words_in_each_language(lang: str, number: str) -> None:
    assert number_words(number, lang) == EXPANSIONS[lang][number]


@pytest.mark.parametrize(("n", "es", "qu", "ay"), [
    (0, "cero", "ch'usaq", "ch'usa"),
    (11, "once", "chunka hukniyuq", "tunka mayani"),
    (21, "veintiuno", "iskay chunka hukniyuq", "pä tunka mayani"),
    (1625, "mil seiscientos veinticinco", "waranqa suqta pachak iskay chunka pichqayuq",
     "waranqa suxta patak pä tunka phisqani"),
    (2019, "dos mil diecinueve", "iskay waranqa chunka isqunniyuq", "pä waranqa tunka llätunkani"),
    (21000, "veintiún mil", "iskay chunka hukniyuq waranqa", "pä tunka mayani waranqa"),
])
def test_more_numbers(n: int, es: str, qu: str, ay: str) -> None:
    assert [number_words(str(n), lang) for lang in ("es", "qu", "ay")] == [es, qu, ay]


def test_spoken_text_keeps_the_words_and_replaces_only_numbers() -> None:
    assert (speakable("Llama a la Línea 100 o al 105. La Ley 30364 te protege.", "es")
            == "Llama a la Línea cien o al ciento cinco. La Ley treinta mil trescientos sesenta y "
               "cuatro te protege.")
    assert (speakable("Marca el 0800-15-170.", "es")
            == "Marca el cero ocho cero cero, uno cinco, uno siete cero.")
    assert speakable("Línea 100 nisqaman waqyay.", "qu") == "Línea pachak nisqaman waqyay."
    assert speakable("Texto sin números.", "es") == "Texto sin números."


def test_aymara_is_respelled_for_the_quechua_voice() -> None:
    # x (uvular fricative) → qh; long vowels written doubled; Spanish c → k / s.
    assert speakable("Ukax walikiwa.", "ay") == "Ukaqh walikiwa."
    assert speakable("Xaxa", "ay") == "Qhaqha"
    assert speakable("Aruskipäwi, jutïri, mayïri uñjüta", "ay") == "Aruskipaawi, jutiiri, mayiiri uñjuuta"
    assert speakable("Policía, celular, comisaría", "ay") == "Polisía, selular, komisaría"
    assert speakable("Patak phisqani: 105", "ay") == "Patak phisqani: patak phisqani"
    # numbers first, then the respelling: suxta and llätunka come out as the voice needs them
    assert speakable("6 9", "ay") == "suqhta llaatunka"
    # ch, chh and ch' are Quechua and Aymara consonants: left alone
    assert speakable("Chachax ch'axwi, chhaqhi", "ay") == "Chachaqh ch'aqhwi, chhaqhi"


def test_quechua_keeps_its_own_letters_and_only_loans_change() -> None:
    assert speakable("Qusaykiqa celularniykita qhawan.", "qu") == "Qusaykiqa selularniykita qhawan."
    assert speakable("Quince, Quechua", "qu") == "Kinse, Kechua"
    assert speakable("qullqi, quchu, ch'uspa, x", "qu") == "qullqi, quchu, ch'uspa, x"


def test_spanish_is_not_respelled() -> None:
    assert speakable("Ukax celular", "es") == "Ukax celular"


@pytest.mark.parametrize("lang", ["es", "qu", "ay"])
def test_speakable_is_idempotent(lang: str) -> None:
    text = "Ukax Línea 100, 0800-15-170, Policía, aruskipäwi, suxta, Ley 30364."
    once = speakable(text, lang)
    assert speakable(once, lang) == once
    assert not any(ch.isdigit() for ch in once)


class _Recorder:
    said: list[tuple[str, str]] = []

    def __init__(self, *args: object) -> None:
        pass

    def render(self, words: str, voice: str, out: Path, timeout: float = 12.0) -> Path:
        self.said.append((words, voice))
        return out


def test_speech_worker_speaks_the_speakable_words(monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(synth, "Synthesizer", _Recorder)
    _Recorder.said = []
    requests = [
        {"id": "a", "words": "Ukax Línea 100 jawsam.", "lang": "ay", "voice": "qu",
         "out": str(tmp_path / "a.wav")},
        {"id": "b", "words": "Marca 105.", "lang": "es", "voice": "roa/es-419",
         "out": str(tmp_path / "b.wav")},
        {"id": "c", "words": "Sin lengua 100.", "voice": "roa/es-419", "out": str(tmp_path / "c.wav")},
    ]
    reply = io.StringIO()
    synth.serve(io.StringIO("".join(json.dumps(r) + "\n" for r in requests)), reply)
    assert _Recorder.said == [("Ukaqh Línea patak jawsam.", "qu"), ("Marca ciento cinco.", "roa/es-419"),
                              ("Sin lengua 100.", "roa/es-419")]
    assert all(json.loads(line)["ok"] for line in reply.getvalue().splitlines())


def test_synthetic_clips_are_named_by_the_spoken_words(paths) -> None:  # type: ignore[no-untyped-def]
    """A synthetic clip names the hash of what it says (a change of the expansion makes it
    stale); a recording names the hash of the written text (a person reads digits right)."""
    lib = load_library(paths.content)
    voices = Voices(lib, [paths.audio], paths.recordings, paths.speech_cache, "es")
    key = "help.linea-100"
    written = lib.text(key).get("ay")  # type: ignore[union-attr]
    assert "100" in written
    old = paths.audio / "ay" / "synthetic" / clip_name(key, written)
    old.parent.mkdir(parents=True, exist_ok=True)
    old.write_bytes(b"RIFF")
    assert voices.resolve(key, "ay").source == "synthesize"  # made from the digits: not played
    new = paths.audio / "ay" / "synthetic" / clip_name(key, speakable(written, "ay"))
    new.write_bytes(b"RIFF")
    assert voices.resolve(key, "ay").path == str(new)
    recorded = paths.recordings / "ay" / "recorded" / clip_name(key, written)
    recorded.parent.mkdir(parents=True, exist_ok=True)
    recorded.write_bytes(b"RIFF")
    assert voices.resolve(key, "ay").path == str(recorded)
    # the live cache is keyed by the spoken words too
    assert voices.cache_path("ay", "qu", written) == voices.cache_path("ay", "qu", speakable(written, "ay"))


def test_the_voices_report_still_names_the_stand_in_voice() -> None:
    from kiosk.voicetools.render import voice_label

    assert voice_label("ay", "qu") == "qu (stand-in for ay)"
