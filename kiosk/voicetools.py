"""``kiosk voices render | report | check | add``: the clips that speak every text.

* ``render`` pre-renders a synthetic clip for every text and language with pyttsx3 (espeak-ng) in
  a pool of child processes (one ``Synthesizer`` each), trims silence, normalises loudness,
  encodes Ogg Vorbis and writes it atomically with its manifest entry. Idempotent.
* ``report`` counts, per language and per module (plus prompts and help), the texts voiced by a
  recording, by a synthetic clip, by a stale clip only, or by nothing, and the minutes of audio.
* ``check`` decodes every clip and measures loudness, peak and leading silence.
* ``add`` turns a facilitator's recording into a named, measured clip with its manifest entry.

Layout and manifest: ``audio/README.md`` and ``kiosk.core.audio.manifest``. This module is not part of
the Qt-free core only because it needs numpy, soundfile and pyloudnorm; it never imports Qt.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import multiprocessing
import os
import re
import shutil
import sys
import tempfile
import time
import warnings
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

import numpy as np
import soundfile as sf

from kiosk.core.audio import manifest
from kiosk.core.audio.coverage import (
    GROUP_HELP,
    GROUP_PROMPTS,
    coverage,
    format_report,
    recorded_roots,
    synthetic_roots,
    text_groups,
)
from kiosk.core.audio.speakable import speakable
from kiosk.core.audio.synth import SPEECH_RATE
from kiosk.core.audio.voices import SYNTH_VOICES, clip_name, text_hash
from kiosk.core.content import Library, load_library
from kiosk.core.model import LANGUAGES
from kiosk.paths import Paths

TARGET_LUFS = -16.0
LOUDNESS_TOLERANCE_LU = 2.0
PEAK_LIMIT_DBFS = -1.0  # what ``check`` accepts
RENDER_CEILING_DBFS = -2.5  # what the limiter aims for: Vorbis overshoots sample peaks ~1 dB
MAX_LEADING_SILENCE_S = 0.150
LEAD_KEEP_S = 0.040  # silence kept before the first sound: a soft start, well under the limit
TAIL_KEEP_S = 0.150
SILENCE_FLOOR_DBFS = -50.0
CLIP_EXT = ".ogg"
VORBIS_COMPRESSION = 0.8  # libsndfile 0..1 (quality 0.2): ~50 kbit/s for 22 kHz mono speech
# Changing how clips are made (trim, loudness, codec) re-renders every synthetic clip: bump it.
PIPELINE = "trim40ms-lufs16-limit2.5-vorbis0.8/1"
PSEUDONYM_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,31}$")


# --------------------------------------------------------------------------- what is spoken

@dataclass(frozen=True)
class Item:
    group: str  # module id, "prompts" or "help"
    key: str
    lang: str
    words: str

    @property
    def name(self) -> str:
        return clip_name(self.key, self.words, CLIP_EXT)


def select(library: Library, langs: Iterable[str], modules: Iterable[str] | None = None) -> list[Item]:
    """Every (text, language) to voice. A language without a version of a text is skipped: the
    kiosk says that text in the fallback language. ``prompt.language.self`` has one version per
    language, each spoken only in its own language."""
    wanted = set(modules) if modules else None
    items: list[Item] = []
    seen: set[tuple[str, str]] = set()
    for group, texts in text_groups(library):
        if wanted is not None and group not in wanted:
            continue
        for text in texts:
            for lang in langs:
                words = text.get(lang)
                if words and (text.key, lang) not in seen:
                    seen.add((text.key, lang))
                    items.append(Item(group, text.key, lang, speakable(words, lang)))
    return items


def voice_label(lang: str, voice: str) -> str:
    """``"qu (stand-in for ay)"`` when the voice is another language's: say so honestly."""
    base = voice.rsplit("/", 1)[-1].split("-", 1)[0]
    return voice if base == lang else f"{voice} (stand-in for {lang})"


def load(paths: Paths) -> Library:
    library = load_library(paths.content, paths.local_help)
    if library.errors:
        print(f"note: {len(library.errors)} content problems; files with errors are skipped "
              "(see: kiosk content check)", file=sys.stderr)
    return library


def _writable(folder: Path) -> bool:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=folder):
            pass
        return True
    except OSError:
        return False


def output_root(paths: Paths) -> Path:
    """Where render writes: the bundled audio/ folder, or the user data folder if it is read-only."""
    return paths.audio if _writable(paths.audio) else paths.rendered_audio


# --------------------------------------------------------------------------- audio processing

_METERS: dict[int, Any] = {}


def _meter(rate: int) -> Any:
    if rate not in _METERS:
        import pyloudnorm

        _METERS[rate] = pyloudnorm.Meter(rate)
    return _METERS[rate]


def mono(data: np.ndarray) -> np.ndarray:
    data = np.asarray(data, dtype=np.float64)
    return data.mean(axis=1) if data.ndim == 2 else data


def db(value: float) -> float:
    return 20 * math.log10(value) if value > 0 else -math.inf


def loudness(x: np.ndarray, rate: int) -> float:
    """Integrated loudness (ITU-R BS.1770, LUFS). Clips shorter than one 400 ms gating block are
    measured repeated end to end (the K-weighted level of the whole clip); if that fails too, the
    plain RMS level stands in."""
    if x.size == 0:
        return -math.inf
    block = int(round(0.4 * rate))
    y = x if x.size > block else np.tile(x, 2 * block // x.size + 2)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            value = float(_meter(rate).integrated_loudness(y))
    except ValueError:
        value = -math.inf
    if math.isfinite(value):
        return value
    return db(float(np.sqrt(np.mean(x ** 2)))) - 0.691


def speech_bounds(x: np.ndarray, rate: int) -> tuple[int, int] | None:
    """First and last sample of sound, or None for silence. Sound is a 10 ms frame louder than
    −50 dBFS, 40 dB under the loudest frame and 12 dB over the background (10th percentile),
    and never more than 20 dB under the loudest frame."""
    if x.size == 0:
        return None
    n = max(1, int(rate * 0.010))
    frames = -(-x.size // n)
    padded = np.zeros(frames * n)
    padded[:x.size] = np.abs(x)
    rms = np.sqrt(np.mean(padded.reshape(frames, n) ** 2, axis=1))
    top = float(rms.max())
    if top <= 0:
        return None
    background = float(np.percentile(rms, 10))
    thr = max(10 ** (SILENCE_FLOOR_DBFS / 20), top * 10 ** (-40 / 20), background * 10 ** (12 / 20))
    thr = min(thr, top * 10 ** (-20 / 20))
    loud = np.flatnonzero(rms > thr)
    if loud.size == 0:
        return None
    lo = max(0, (int(loud[0]) - 1) * n)
    hits = np.flatnonzero(padded[lo:(int(loud[0]) + 1) * n] > thr)
    start = lo + int(hits[0]) if hits.size else int(loud[0]) * n
    hi = min(x.size, (int(loud[-1]) + 2) * n)
    lo2 = int(loud[-1]) * n
    hits = np.flatnonzero(padded[lo2:hi] > thr)
    end = lo2 + int(hits[-1]) + 1 if hits.size else min(x.size, (int(loud[-1]) + 1) * n)
    return start, min(end, x.size)


def leading_silence(x: np.ndarray, rate: int) -> float:
    """Seconds before the first sound (the whole length for a silent clip)."""
    bounds = speech_bounds(x, rate)
    return bounds[0] / rate if bounds else x.size / rate


def trim(x: np.ndarray, rate: int) -> np.ndarray:
    """Keep ~40 ms before the first sound and ~150 ms after the last; short fades at both ends."""
    bounds = speech_bounds(x, rate)
    if bounds is None:
        raise ValueError("the clip is silent")
    start, end = bounds
    lo = max(0, start - int(LEAD_KEEP_S * rate))
    hi = min(x.size, end + int(TAIL_KEEP_S * rate))
    y = x[lo:hi].copy()
    fade_in = min(start - lo, int(0.005 * rate))
    if fade_in > 1:
        y[:fade_in] *= np.linspace(0.0, 1.0, fade_in)
    fade_out = min(hi - end, int(0.020 * rate))
    if fade_out > 1:
        y[-fade_out:] *= np.linspace(1.0, 0.0, fade_out)
    return y


def limit(x: np.ndarray, rate: int, ceiling_dbfs: float = RENDER_CEILING_DBFS) -> np.ndarray:
    """Peak limiter: a smooth gain (10 ms look-ahead and release) that keeps |x| ≤ ceiling."""
    from scipy.ndimage import minimum_filter1d, uniform_filter1d

    ceiling = 10 ** (ceiling_dbfs / 20)
    need = np.minimum(1.0, ceiling / np.maximum(np.abs(x), 1e-12))
    if need.min() >= 1.0:
        return x
    w = max(1, int(0.010 * rate))
    gain = minimum_filter1d(need, size=2 * w + 1, mode="nearest")
    # A moving average no wider than the minimum's window stays under what each sample needs.
    gain = uniform_filter1d(gain, size=w | 1, mode="nearest")
    y: np.ndarray = x * np.minimum(gain, need)
    return y


def normalise(x: np.ndarray, rate: int, target: float = TARGET_LUFS) -> np.ndarray:
    """Gain to ``target`` LUFS, peaks limited to the ceiling; repeated since limiting lowers it."""
    for _ in range(8):
        level = loudness(x, rate)
        if not math.isfinite(level):
            raise ValueError("the clip is silent")
        if abs(level - target) <= 0.2:
            break
        x = limit(x * 10 ** ((target - level) / 20), rate)
    return x


def prepare(data: np.ndarray, rate: int) -> np.ndarray:
    """Mono, silence trimmed, loudness normalised, no peak above the ceiling."""
    return normalise(trim(mono(data), rate), rate)


def measure(x: np.ndarray, rate: int) -> dict[str, Any]:
    x = mono(x)
    peak = float(np.max(np.abs(x))) if x.size else 0.0
    return {"duration_s": round(x.size / rate, 3),
            "loudness_lufs": round(loudness(x, rate), 2),
            "peak_dbfs": round(db(peak), 2) if peak > 0 else -120.0,
            "leading_silence_ms": round(1000 * leading_silence(x, rate))}


def write_clip(x: np.ndarray, rate: int, out: Path) -> dict[str, Any]:
    """Encode Ogg Vorbis to a temp file, check the decoded peak (limiting harder if the codec
    overshot), rename into place; measurements are of the decoded file (what will play)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.{os.getpid()}.part")
    limit_lin = 10 ** (PEAK_LIMIT_DBFS / 20)
    ceiling = RENDER_CEILING_DBFS
    try:
        for _attempt in range(4):
            sf.write(tmp, x, rate, format="OGG", subtype="VORBIS", compression_level=VORBIS_COMPRESSION)
            decoded, drate = sf.read(tmp, dtype="float64", always_2d=False)
            peak = float(np.max(np.abs(decoded))) if decoded.size else 0.0
            if peak <= limit_lin:
                break
            ceiling -= db(peak) - PEAK_LIMIT_DBFS + 0.3
            x = limit(x, rate, ceiling)
        stats = measure(decoded, drate)
        os.replace(tmp, out)
    finally:
        tmp.unlink(missing_ok=True)
    return stats


def failures(stats: dict[str, Any]) -> list[str]:
    """What a measured clip gets wrong, in words."""
    out = []
    level = stats["loudness_lufs"]
    if not (math.isfinite(level) and abs(level - TARGET_LUFS) <= LOUDNESS_TOLERANCE_LU):
        out.append(f"loudness {level:.1f} LUFS (want {TARGET_LUFS:.0f} ± {LOUDNESS_TOLERANCE_LU:.0f})")
    if stats["peak_dbfs"] > PEAK_LIMIT_DBFS + 0.005:
        out.append(f"peak {stats['peak_dbfs']:.2f} dBFS (want ≤ {PEAK_LIMIT_DBFS:.0f})")
    if stats["leading_silence_ms"] >= MAX_LEADING_SILENCE_S * 1000:
        out.append(f"starts after {stats['leading_silence_ms']} ms of silence "
                   f"(want < {MAX_LEADING_SILENCE_S * 1000:.0f})")
    return out


# --------------------------------------------------------------------------- child processes

@dataclass(frozen=True)
class Job:
    key: str
    lang: str
    words: str
    voice: str
    folder: str
    name: str


_WORKER: dict[str, Any] = {}


def _engine_label() -> str:
    from importlib.metadata import version

    label = "espeak-ng"
    try:
        from pyttsx3.drivers import _espeak

        label += " " + _espeak.Info().decode()
    except Exception:
        pass
    try:
        label += f" via pyttsx3 {version('pyttsx3')}"
    except Exception:
        label += " via pyttsx3"
    return label


def _init_renderer(scratch: str) -> None:
    """Pool initialiser: one speech engine per process, its chatter kept off the terminal."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - lives as long as the process
    folder = Path(scratch) / str(os.getpid())
    folder.mkdir(parents=True, exist_ok=True)
    _WORKER.update(scratch=folder, synth=None, error="")
    _meter(22050)  # import pyloudnorm and scipy now, not inside the first job
    try:
        from kiosk.core.audio.synth import Synthesizer

        _WORKER["synth"] = Synthesizer()
        _WORKER["engine"] = _engine_label()
    except Exception as exc:  # no espeak-ng, no pyttsx3: every job reports it
        _WORKER["error"] = f"speech engine unavailable: {exc}"


def _render_job(job: Job) -> tuple[Job, dict[str, Any] | None, str]:
    try:
        synth = _WORKER.get("synth")
        if synth is None:
            raise RuntimeError(_WORKER.get("error") or "speech engine unavailable")
        wav = _WORKER["scratch"] / "clip.wav"
        synth.render(job.words, job.voice, wav)
        data, rate = sf.read(wav, dtype="float64", always_2d=False)
        wav.unlink(missing_ok=True)
        stats = write_clip(prepare(data, rate), rate, Path(job.folder) / job.name)
        entry = {"key": job.key, "text_hash": text_hash(job.words), "words": job.words,
                 "source": "synthetic", "engine": _WORKER["engine"],
                 "voice": voice_label(job.lang, job.voice), "voice_id": job.voice,
                 "rate": SPEECH_RATE, "pipeline": PIPELINE, **stats,
                 "made": dt.date.today().isoformat()}
        return job, entry, ""
    except Exception as exc:
        return job, None, f"{type(exc).__name__}: {exc}"


def _measure_job(path: str) -> tuple[str, dict[str, Any] | None, str]:
    try:
        data, rate = sf.read(path, dtype="float64", always_2d=False)
        return path, measure(data, rate), ""
    except Exception as exc:
        return path, None, f"cannot decode: {type(exc).__name__}: {exc}"


def _pool(jobs: int, tasks: int, initializer: Any = None, initargs: tuple[Any, ...] = ()) -> Any:
    # spawn, not fork: the parent may hold Qt or engine threads (tests, the studio), and it is
    # what Windows does anyway.
    ctx = multiprocessing.get_context("spawn")
    return ctx.Pool(max(1, min(jobs, tasks)), initializer=initializer, initargs=initargs)


class Progress:
    """``[#######.......]  412/1452  83.1 clips/s`` on stderr; plain lines when not a terminal."""

    def __init__(self, total: int, stream: TextIO, label: str = "clips") -> None:
        self.total, self.stream, self.label = total, stream, label
        self.done = 0
        self.start = time.monotonic()
        self.last = 0.0
        self.tty = bool(getattr(stream, "isatty", lambda: False)())
        self.next_tenth = 1

    def step(self) -> None:
        self.done += 1
        now = time.monotonic()
        if self.tty:
            if now - self.last >= 0.1 or self.done == self.total:
                self.last = now
                self.stream.write("\r" + self.line(now))
                self.stream.flush()
        elif self.total and self.done * 10 >= self.next_tenth * self.total:
            while self.done * 10 >= self.next_tenth * self.total:
                self.next_tenth += 1
            self.stream.write(self.line(now) + "\n")
            self.stream.flush()

    def line(self, now: float) -> str:
        width = 30
        filled = width * self.done // max(1, self.total)
        rate = self.done / max(now - self.start, 1e-9)
        return (f"[{'#' * filled}{'.' * (width - filled)}] {self.done:>5}/{self.total} "
                f"{rate:6.1f} {self.label}/s")

    def close(self) -> None:
        if self.tty and self.total:
            self.stream.write("\n")
            self.stream.flush()


# --------------------------------------------------------------------------- render

@dataclass
class RenderResult:
    rendered: int = 0
    skipped: int = 0
    deleted: int = 0
    failed: list[str] = field(default_factory=list)
    wall_s: float = 0.0
    root: Path | None = None

    @property
    def per_second(self) -> float:
        return self.rendered / self.wall_s if self.wall_s > 0 else 0.0

    def summary(self) -> str:
        return (f"rendered {self.rendered}, skipped {self.skipped} (up to date), deleted "
                f"{self.deleted} stale, failed {len(self.failed)} in {self.wall_s:.1f} s "
                f"({self.per_second:.1f} clips/s) into {self.root}")


class _Folders:
    """Clip files and manifests of the synthetic folders, loaded once, saved at the end."""

    def __init__(self) -> None:
        self.files: dict[Path, dict[str, list[tuple[str, Path]]]] = {}
        self.entries: dict[Path, dict[str, dict[str, Any]]] = {}
        self.dirty: set[Path] = set()

    def clips(self, folder: Path) -> dict[str, list[tuple[str, Path]]]:
        if folder not in self.files:
            self.files[folder] = manifest.clip_files(folder)
        return self.files[folder]

    def manifest(self, folder: Path) -> dict[str, dict[str, Any]]:
        if folder not in self.entries:
            self.entries[folder] = manifest.load(folder)
        return self.entries[folder]

    def save(self) -> None:
        for folder in sorted(self.dirty):
            lang, kind = folder.parent.name, folder.name
            entries = {n: e for n, e in self.manifest(folder).items() if (folder / n).is_file()}
            manifest.save(folder, lang, kind, entries)
        self.dirty.clear()


def _is_current(folders: _Folders, folder: Path, item: Item, voice: str) -> bool:
    digest = text_hash(item.words)
    if not any(h == digest and p.suffix == CLIP_EXT for h, p in folders.clips(folder).get(item.key, [])):
        return False
    entry = folders.manifest(folder).get(item.name) or {}
    return (entry.get("voice_id") == voice and entry.get("rate") == SPEECH_RATE
            and entry.get("pipeline") == PIPELINE)


def _drop(folders: _Folders, folder: Path, key: str, keep: str | None) -> int:
    """Delete the key's synthetic clips in ``folder`` except the one with hash ``keep``."""
    kept, dropped = [], 0
    for digest, path in folders.clips(folder).get(key, []):
        if digest == keep:
            kept.append((digest, path))
            continue
        path.unlink(missing_ok=True)
        folders.manifest(folder).pop(path.name, None)
        folders.dirty.add(folder)
        dropped += 1
    if kept:
        folders.clips(folder)[key] = kept
    else:
        folders.clips(folder).pop(key, None)
    return dropped


def render(paths: Paths, langs: Iterable[str] | None = None, modules: Iterable[str] | None = None,
           jobs: int = 0, progress: TextIO | None = sys.stderr,
           library: Library | None = None) -> RenderResult:
    """Render every missing or stale synthetic clip; delete the stale ones once replaced."""
    start = time.monotonic()
    library = library or load(paths)
    langs = [lang for lang in (langs or LANGUAGES) if lang in SYNTH_VOICES]
    modules = list(modules) if modules else None
    root = output_root(paths)
    result = RenderResult(root=root)
    folders = _Folders()
    items = select(library, langs, modules)
    todo: list[Job] = []
    for item in items:
        voice = SYNTH_VOICES[item.lang]
        folder = root / item.lang / "synthetic"
        if any(_is_current(folders, r / item.lang / "synthetic", item, voice)
               for r in synthetic_roots(paths)):
            result.skipped += 1
            result.deleted += _drop(folders, folder, item.key, text_hash(item.words))
            continue
        todo.append(Job(item.key, item.lang, item.words, voice, str(folder), item.name))
    if modules is None and not library.errors:
        # A full run also clears clips of texts that no longer exist (not while a file has an
        # error: its module is skipped, but its texts are not gone).
        wanted = {(i.lang, i.key) for i in items}
        for lang in langs:
            folder = root / lang / "synthetic"
            for key in list(folders.clips(folder)):
                if (lang, key) not in wanted:
                    result.deleted += _drop(folders, folder, key, None)
    scratch = Path(tempfile.mkdtemp(prefix="willay-render-"))
    bar = Progress(len(todo), progress) if progress and todo else None
    pool = None
    try:
        if todo:
            jobs = jobs or os.cpu_count() or 1
            pool = _pool(jobs, len(todo), _init_renderer, (str(scratch),))
            chunk = max(1, min(8, len(todo) // (4 * jobs)))
            for job, entry, error in pool.imap_unordered(_render_job, todo, chunksize=chunk):
                if bar:
                    bar.step()
                if entry is None:
                    result.failed.append(f"{job.lang} {job.key}: {error}")
                    continue
                folder = Path(job.folder)
                folders.clips(folder).setdefault(job.key, []).append(
                    (entry["text_hash"], folder / job.name))
                folders.manifest(folder)[job.name] = entry
                folders.dirty.add(folder)
                result.rendered += 1
                result.deleted += _drop(folders, folder, job.key, entry["text_hash"])
            pool.close()
            pool.join()
            pool = None
    finally:
        if pool is not None:
            pool.terminate()
        if bar:
            bar.close()
        folders.save()
        shutil.rmtree(scratch, ignore_errors=True)
    result.wall_s = time.monotonic() - start
    return result


# --------------------------------------------------------------------------- report

# --------------------------------------------------------------------------- check

def clip_paths(paths: Paths) -> list[Path]:
    found: list[Path] = []
    for root in recorded_roots(paths):
        for lang in LANGUAGES:
            for kind in manifest.KINDS:
                for entries in manifest.clip_files(root / lang / kind).values():
                    found.extend(p for _h, p in entries)
    return found


def check(paths: Paths, jobs: int = 0, progress: TextIO | None = None) -> list[dict[str, Any]]:
    """Decode and measure every clip; one record per clip with its ``problems``."""
    files = [str(p) for p in clip_paths(paths)]
    records: list[dict[str, Any]] = []
    if not files:
        return records
    bar = Progress(len(files), progress, "clips measured") if progress else None
    jobs = jobs or os.cpu_count() or 1
    pool = _pool(jobs, len(files)) if jobs > 1 and len(files) > 1 else None
    try:
        chunk = max(1, min(16, len(files) // (4 * jobs)))
        results = (pool.imap_unordered(_measure_job, files, chunksize=chunk) if pool
                   else map(_measure_job, files))
        for path, stats, error in results:
            if bar:
                bar.step()
            records.append({"path": path, **(stats or {}),
                            "problems": [error] if stats is None else failures(stats)})
    finally:
        if pool is not None:
            pool.terminate()
    if bar:
        bar.close()
    records.sort(key=lambda r: r["path"])
    return records


# --------------------------------------------------------------------------- recordings

def save_recording(source: Path, root: Path, lang: str, key: str, words: str, speaker: str,
                   role: str, consent: str, when: dt.date | None = None) -> tuple[Path, dict[str, Any]]:
    """Trim, normalise and encode a recording of ``words`` as ``<root>/<lang>/recorded/<key>.<hash>.ogg``
    with its manifest entry; older recordings of the same key in that folder are removed."""
    if not PSEUDONYM_RE.match(speaker):
        raise ValueError(f"speaker '{speaker}' must be a pseudonym: lowercase letters, digits and "
                         "dashes (e.g. voz-07), never a real name")
    if not role.strip() or not consent.strip():
        raise ValueError("a recording needs the speaker's role and how consent was given")
    data, rate = sf.read(str(source), dtype="float64", always_2d=False)
    folder = root / lang / "recorded"
    name = clip_name(key, words, CLIP_EXT)
    stats = write_clip(prepare(data, rate), rate, folder / name)
    when = when or dt.date.today()
    entry = {"key": key, "text_hash": text_hash(words), "words": words, "source": "recorded",
             "speaker": speaker, "role": role.strip(),
             "consent": {"given": True, "how": consent.strip(), "on": when.isoformat()},
             **stats, "made": when.isoformat()}
    old = [p.name for h, p in manifest.clip_files(folder).get(key, []) if p.name != name]
    for other in old:
        (folder / other).unlink(missing_ok=True)
    manifest.update(folder, lang, "recorded", {name: entry}, remove=old)
    return folder / name, entry


# --------------------------------------------------------------------------- command line

def _render_cmd(args: argparse.Namespace, paths: Paths) -> int:
    bad = [lang for lang in (args.lang or []) if lang not in SYNTH_VOICES]
    if bad:
        print(f"no synthetic voice for {', '.join(bad)}; use {', '.join(SYNTH_VOICES)}", file=sys.stderr)
        return 2
    library = load(paths)
    known = {m.id for m in library.modules} | {GROUP_PROMPTS, GROUP_HELP}
    unknown = [m for m in (args.module or []) if m not in known]
    if unknown:
        print(f"unknown module {', '.join(unknown)}; known: {', '.join(sorted(known))}", file=sys.stderr)
        return 2
    result = render(paths, args.lang, args.module, args.jobs, sys.stderr, library)
    for line in result.failed[:20]:
        print(f"failed: {line}", file=sys.stderr)
    print(result.summary())
    return 1 if result.failed else 0


def _report_cmd(args: argparse.Namespace, paths: Paths) -> int:
    cov = coverage(paths, load(paths))
    if args.json:
        print(json.dumps(cov, indent=1))
    else:
        print(format_report(cov))
    return 0


def _check_cmd(args: argparse.Namespace, paths: Paths) -> int:
    records = check(paths, args.jobs, None if args.json else sys.stderr)
    bad = [r for r in records if r["problems"]]
    unvoiced = 0
    if args.complete:
        cov = coverage(paths, load(paths))
        unvoiced = sum(d["total"]["unvoiced"] for d in cov.values())
    if args.json:
        print(json.dumps({"clips": records, "failed": len(bad), "unvoiced": unvoiced}, indent=1))
    else:
        for r in bad:
            print(f"{r['path']}: {'; '.join(r['problems'])}")
        if records:
            worst_lead = max(r.get("leading_silence_ms", 0) for r in records)
            levels = [r["loudness_lufs"] for r in records if "loudness_lufs" in r]
            peaks = [r["peak_dbfs"] for r in records if "peak_dbfs" in r]
            print(f"checked {len(records)} clips: {len(bad)} failed; loudness {min(levels):.1f} to "
                  f"{max(levels):.1f} LUFS, highest peak {max(peaks):.2f} dBFS, longest leading "
                  f"silence {worst_lead} ms")
        else:
            print("checked 0 clips (none found)")
        if args.complete:
            print(f"{unvoiced} texts have no current clip" if unvoiced else "every text has a clip")
    return 1 if bad or unvoiced else 0


def _add_cmd(args: argparse.Namespace, paths: Paths) -> int:
    library = load(paths)
    text = library.text(args.key)
    words = text.get(args.lang) if text else None
    if not words:
        print(f"no text '{args.key}' in {args.lang}", file=sys.stderr)
        return 2
    root = paths.audio if args.bundled else paths.recordings
    try:
        path, entry = save_recording(Path(args.file), root, args.lang, args.key, words,
                                     args.speaker, args.role, args.consent)
    except (ValueError, RuntimeError, OSError) as exc:
        print(f"not added: {exc}", file=sys.stderr)
        return 1
    print(f"added {path} ({entry['duration_s']:.1f} s, {entry['loudness_lufs']:.1f} LUFS)")
    problems = failures(entry)
    for p in problems:
        print(f"warning: {p}", file=sys.stderr)
    return 0


def _export_cmd(args: argparse.Namespace, paths: Paths) -> int:
    from kiosk.core.packs.commands import voices_export  # a pack signed with this kiosk's own key

    return voices_export(paths, Path(args.pack), sys.stdout, sys.stderr)


def _import_cmd(args: argparse.Namespace, paths: Paths) -> int:
    from kiosk.core.packs.commands import voices_import  # only if the signer is trusted here

    return voices_import(paths, Path(args.pack), sys.stdout, sys.stderr)


COMMANDS = {"render": _render_cmd, "report": _report_cmd, "check": _check_cmd, "add": _add_cmd,
            "export": _export_cmd, "import": _import_cmd}


def voices_command(args: argparse.Namespace, paths: Paths) -> int:
    return COMMANDS[args.voices_command](args, paths)

