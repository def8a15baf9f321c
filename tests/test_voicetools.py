"""Voices tooling on real files: render with espeak-ng in child processes, report, check, record.

One module (know-your-phone, 7 texts × 3 languages) is rendered once for the whole file; tests
that change things work on a copy of that content and audio.
"""

from __future__ import annotations

import argparse
import json
import math
import shutil
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from kiosk.core.audio import manifest
from kiosk.core.audio.coverage import LANGUAGE_SELF, coverage
from kiosk.core.audio.voices import Voices, clip_words, text_hash
from kiosk.core.content import Library, load_library
from kiosk.paths import Paths
from kiosk.voicetools import checking, commands, dsp, recording
from kiosk.voicetools import render as vt
from tests.conftest import make_content

MODULE = "know-your-phone"
LANGS = ("es", "qu", "ay")


def _paths(root: Path) -> Paths:
    return Paths(content=root / "content", audio=root / "audio", data=root / "data")


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> tuple[Paths, vt.RenderResult]:
    root = tmp_path_factory.mktemp("voices")
    make_content(root / "content")
    paths = _paths(root)
    result = vt.render_clips(paths, modules=[MODULE], jobs=2, progress=None)
    return paths, result


@pytest.fixture
def copy(rendered: tuple[Paths, vt.RenderResult], tmp_path: Path) -> Paths:
    """The rendered content and audio, copied so a test may change them."""
    src, _ = rendered
    shutil.copytree(src.content, tmp_path / "content")
    shutil.copytree(src.audio, tmp_path / "audio")
    return _paths(tmp_path)


def _set_text(paths: Paths, old: str, new: str) -> None:
    yaml = paths.content / "modules" / "02-phone.yaml"
    source = yaml.read_text(encoding="utf-8")
    assert old in source
    yaml.write_text(source.replace(old, new), encoding="utf-8")


def _row(paths: Paths, lang: str, group: str = MODULE) -> dict:
    return coverage(paths, load_library(paths.content))[lang]["groups"][group]


def test_render_voices_every_text_of_the_module_in_every_language(rendered) -> None:
    paths, result = rendered
    assert result.failed == []
    assert result.rendered == 7 * 3 and result.root == paths.audio
    cov = coverage(paths, load_library(paths.content))
    for lang in LANGS:
        row = cov[lang]["groups"][MODULE]
        assert (row["texts"], row["synthetic"], row["missing"], row["stale"]) == (7, 7, 0, 0)
        assert row["unvoiced"] == 0 and row["minutes"] > 0
    # Only the module was asked for: the prompts are still unvoiced.
    assert cov["es"]["groups"]["prompts"]["missing"] > 0


def test_second_render_renders_nothing(rendered) -> None:
    paths, _ = rendered
    again = vt.render_clips(paths, modules=[MODULE], jobs=2, progress=None)
    assert (again.rendered, again.skipped, again.deleted, again.failed) == (0, 21, 0, [])


def test_manifest_records_source_engine_voice_and_measures(rendered) -> None:
    paths, _ = rendered
    lib = load_library(paths.content)
    for lang in LANGS:
        folder = paths.audio / lang / "synthetic"
        doc = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        assert doc["lang"] == lang and doc["kind"] == "synthetic"
        clips = doc["clips"]
        assert len(clips) == 7
        assert sorted(clips) == sorted(p.name for p in folder.glob("*.opus"))
        for name, entry in clips.items():
            assert manifest.problems(entry) == []
            assert entry["source"] == "synthetic" and "espeak-ng" in entry["engine"]
            assert name == f"{entry['key']}.{entry['text_hash']}.opus"
            spoken = clip_words(lib.text(entry["key"]).get(lang), lang, "synthetic")
            assert entry["text_hash"] == text_hash(spoken) and entry["words"] == spoken
    ay = json.loads((paths.audio / "ay" / "synthetic" / "manifest.json").read_text(encoding="utf-8"))
    assert {e["voice"] for e in ay["clips"].values()} == {"qu (stand-in for ay)"}
    es = json.loads((paths.audio / "es" / "synthetic" / "manifest.json").read_text(encoding="utf-8"))
    assert {e["voice"] for e in es["clips"].values()} == {"roa/es-419"}


def test_every_clip_measures_within_limits_with_a_real_decoder(rendered) -> None:
    paths, _ = rendered
    clips = sorted(paths.audio.glob("*/synthetic/*.opus"))
    assert len(clips) == 21
    for clip in clips:
        data, rate = sf.read(clip, dtype="float64")
        info = sf.info(str(clip))
        assert (info.format, info.subtype, info.samplerate) == ("OGG", "OPUS", 24000)  # a speech bitrate
        assert clip.stat().st_size * 8 / info.duration < 40_000, clip.name  # Vorbis needed ~50 kbit/s
        level = dsp.loudness(data, rate)
        assert abs(level - dsp.TARGET_LUFS) <= 2.0, (clip.name, level)
        assert 20 * math.log10(np.max(np.abs(data))) <= -1.0, clip.name
        assert dsp.leading_silence(data, rate) < 0.150, clip.name
    records = checking.check_clips(paths, jobs=1)
    assert len(records) == 21 and all(r["problems"] == [] for r in records)


def test_changed_text_makes_its_clip_stale_until_rendered_again(copy: Paths) -> None:
    old_words = "Este es un celular."
    lib = load_library(copy.content)
    old = copy.audio / "es" / "synthetic" / f"{MODULE}.this-is-a-phone.{text_hash(old_words)}.opus"
    assert old.is_file()
    _set_text(copy, old_words, "Este es tu celular.")
    row = _row(copy, "es")
    assert (row["stale"], row["synthetic"], row["missing"], row["unvoiced"]) == (1, 6, 0, 1)
    assert _row(copy, "qu")["stale"] == 0

    result = vt.render_clips(copy, langs=["es"], modules=[MODULE], jobs=1, progress=None)
    assert (result.rendered, result.deleted, result.failed) == (1, 1, [])
    assert not old.exists()
    row = _row(copy, "es")
    assert (row["stale"], row["synthetic"], row["missing"]) == (0, 7, 0)
    entries = manifest.load(copy.audio / "es" / "synthetic")
    assert old.name not in entries and len(entries) == 7
    lib = load_library(copy.content)
    voices = Voices(lib, [copy.rendered_audio, copy.audio], copy.recordings, copy.speech_cache)
    res = voices.resolve(f"{MODULE}.this-is-a-phone", "es")
    assert res.source == "synthetic" and res.path and Path(res.path).name.startswith(
        f"{MODULE}.this-is-a-phone.{text_hash('Este es tu celular.')}")


def _fake_recording(path: Path, rate: int = 48000) -> Path:
    """A 'recording': 300 ms of room noise, a 1 s voiced tone at −30 dBFS, 400 ms of noise."""
    rng = np.random.default_rng(4)
    t = np.arange(rate) / rate
    voiced = 0.03 * np.sin(2 * np.pi * 180 * t) * (1 + 0.5 * np.sin(2 * np.pi * 4 * t))
    noise = lambda n: 0.0005 * rng.standard_normal(n)  # noqa: E731
    sf.write(path, np.concatenate([noise(int(0.3 * rate)), voiced, noise(int(0.4 * rate))]), rate)
    return path


def test_recorded_clip_wins_and_goes_stale_when_its_text_changes(copy: Paths, tmp_path: Path) -> None:
    key = f"{MODULE}.switch-on"
    lib = load_library(copy.content)
    words = lib.text(key).get("qu")
    path, entry = recording.save_recording(_fake_recording(tmp_path / "take.wav"), copy.recordings, "qu", key,
                                    words, "voz-07", "promotora de salud", "oral, before recording")
    assert path.parent == copy.recordings / "qu" / "recorded"
    assert dsp.failures(entry) == [] and entry["leading_silence_ms"] < 150
    assert manifest.problems(manifest.load(path.parent)[path.name]) == []
    voices = Voices(lib, [copy.rendered_audio, copy.audio], copy.recordings, copy.speech_cache)
    res = voices.resolve(key, "qu")
    assert (res.source, res.path) == ("recorded", str(path))
    assert voices.resolve(key, "ay").source == "synthetic"
    row = _row(copy, "qu")
    assert (row["recorded"], row["synthetic"], row["stale"]) == (1, 6, 0)
    assert [r for r in checking.check_clips(copy, jobs=1) if r["problems"]] == []

    _set_text(copy, words, "Kayhinam hap'ichinki.")
    row = _row(copy, "qu")
    assert (row["recorded"], row["stale"], row["stale_recorded"]) == (0, 1, 1)
    lib = load_library(copy.content)
    voices = Voices(lib, [copy.rendered_audio, copy.audio], copy.recordings, copy.speech_cache)
    assert voices.resolve(key, "qu").source == "synthesize"  # the old recording never plays


def test_recording_needs_a_pseudonym(copy: Paths, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="pseudonym"):
        recording.save_recording(_fake_recording(tmp_path / "take.wav"), copy.recordings, "es",
                          f"{MODULE}.switch-on", "Así se prende.", "María Quispe", "madre", "oral")


def test_a_clip_in_the_old_format_is_replaced_by_an_opus_one(copy: Paths) -> None:
    """Vorbis clips (.ogg) of the current words are rendered again as Opus, and then deleted: the
    kiosk looks for .ogg first, so a kept one would go on playing."""
    folder = copy.audio / "es" / "synthetic"
    opus = next(folder.glob(f"{MODULE}.switch-on.*.opus"))
    vorbis = opus.with_suffix(".ogg")
    opus.rename(vorbis)
    result = vt.render_clips(copy, langs=["es"], modules=[MODULE], jobs=1, progress=None)
    assert (result.rendered, result.deleted, result.failed) == (1, 1, [])
    assert opus.is_file() and not vorbis.exists()


def test_full_run_deletes_clips_of_texts_that_are_gone(copy: Paths) -> None:
    orphan = copy.audio / "es" / "synthetic" / "gone-module.title.0123456789.ogg"
    orphan.write_bytes(b"")
    only = load_library(copy.content)
    lib = Library(modules=[only.module(MODULE)])
    result = vt.render_clips(copy, langs=["es"], library=lib, progress=None)
    assert (result.rendered, result.skipped, result.deleted) == (0, 7, 1)
    assert not orphan.exists()
    assert len(list((copy.audio / "es" / "synthetic").glob("*.opus"))) == 7


def test_report_and_check_commands(copy: Paths, capsys: pytest.CaptureFixture[str]) -> None:
    assert commands.voices_command(argparse.Namespace(voices_command="report", json=True), copy) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == set(LANGS)
    assert data["ay"]["groups"][MODULE]["synthetic"] == 7
    assert data["ay"]["groups"]["help"]["missing"] > 0
    args = argparse.Namespace(voices_command="check", json=False, jobs=1, complete=False)
    assert commands.voices_command(args, copy) == 0
    assert "checked 21 clips: 0 failed" in capsys.readouterr().out
    args.complete = True  # the prompts and help are not rendered in this copy
    assert commands.voices_command(args, copy) == 1
    bad = copy.audio / "es" / "synthetic" / f"{MODULE}.title.{'0' * 10}.ogg"
    sf.write(bad, np.concatenate([np.zeros(8000), 0.99 * np.ones(8000)]), 22050, format="OGG")
    args.complete = False
    assert commands.voices_command(args, copy) == 1
    out = capsys.readouterr().out
    assert bad.name in out and "silence" in out


def test_language_names_are_said_only_in_their_own_language() -> None:
    lib = load_library(Path(__file__).resolve().parent.parent / "content")
    items = [i for i in vt.select(lib, LANGS) if i.key == LANGUAGE_SELF]
    assert {(i.lang, i.words) for i in items} == {("es", "Castellano"), ("qu", "Runasimi"),
                                                  ("ay", "Aymar aru")}


def test_short_clips_are_measured_and_normalised() -> None:
    rate = 22050
    t = np.arange(int(0.2 * rate)) / rate
    tone = 0.05 * np.sin(2 * np.pi * 300 * t)
    assert math.isfinite(dsp.loudness(tone, rate))
    out = dsp.normalise(tone, rate)
    assert abs(dsp.loudness(out, rate) - dsp.TARGET_LUFS) < 0.5
    assert np.max(np.abs(out)) <= 10 ** (dsp.RENDER_CEILING_DBFS / 20) + 1e-9


def test_clip_names_parse_with_dotted_keys() -> None:
    parsed = manifest.parse_clip_name("couple.q-hit.a.0123456789.ogg")
    assert parsed == ("couple.q-hit.a", "0123456789", ".ogg")
    for name in ("manifest.json", ".couple.title.0123456789.ogg.12.part", "couple.title.ogg",
                 "couple.title.XYZ.ogg"):
        assert manifest.parse_clip_name(name) is None


def test_read_only_install_renders_into_the_user_folder(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    paths = Paths(content=tmp_path / "content", audio=blocker / "audio", data=tmp_path / "data")
    assert vt.output_root(paths) == paths.rendered_audio
