"""``kiosk voices render``: a synthetic clip for every text and language.

pyttsx3 (espeak-ng) in a pool of child processes (one ``Synthesizer`` each); each clip is trimmed,
normalised, encoded as Ogg Vorbis and written atomically with its manifest entry. Idempotent: a
clip whose text, voice, rate and pipeline are unchanged is skipped; a replaced one is deleted.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from kiosk.core.audio import manifest
from kiosk.core.audio.coverage import synthetic_roots, text_groups
from kiosk.core.audio.speakable import speakable
from kiosk.core.audio.synth import SPEECH_RATE
from kiosk.core.audio.voices import SYNTH_VOICES, clip_name, text_hash
from kiosk.core.content import Library, load_library
from kiosk.core.model import LANGUAGES
from kiosk.paths import Paths
from kiosk.voicetools import dsp
from kiosk.voicetools.pool import Progress, pool

# Changing how clips are made (trim, loudness, codec) re-renders every synthetic clip: bump it.
PIPELINE = "trim40ms-lufs16-limit2.5-opus24k0.94/1"


# --------------------------------------------------------------------------- what is spoken

@dataclass(frozen=True)
class SpokenText:
    group: str  # module id, "prompts" or "help"
    key: str
    lang: str
    words: str

    @property
    def name(self) -> str:
        return clip_name(self.key, self.words, dsp.CLIP_EXT)


def select(library: Library, langs: Iterable[str], modules: Iterable[str] | None = None) -> list[SpokenText]:
    """Every (text, language) to voice. A language without a version of a text is skipped: the
    kiosk says that text in the fallback language. ``prompt.language.self`` has one version per
    language, each spoken only in its own language."""
    wanted = set(modules) if modules else None
    items: list[SpokenText] = []
    seen: set[tuple[str, str]] = set()
    for group, texts in text_groups(library):
        if wanted is not None and group not in wanted:
            continue
        for text in texts:
            for lang in langs:
                words = text.get(lang)
                if words and (text.key, lang) not in seen:
                    seen.add((text.key, lang))
                    items.append(SpokenText(group, text.key, lang, speakable(words, lang)))
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
    dsp.warm_up()  # import the meter now, not inside the first job
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
        data, rate = dsp.read(wav)
        wav.unlink(missing_ok=True)
        stats = dsp.write_clip(dsp.clean(data, rate), rate, Path(job.folder) / job.name)
        entry = {"key": job.key, "text_hash": text_hash(job.words), "words": job.words,
                 "source": "synthetic", "engine": _WORKER["engine"],
                 "voice": voice_label(job.lang, job.voice), "voice_id": job.voice,
                 "rate": SPEECH_RATE, "pipeline": PIPELINE, **stats,
                 "made": dt.date.today().isoformat()}
        return job, entry, ""
    except Exception as exc:
        return job, None, f"{type(exc).__name__}: {exc}"


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


def _is_current(folders: _Folders, folder: Path, item: SpokenText, voice: str) -> bool:
    digest = text_hash(item.words)
    if not any(h == digest and p.suffix == dsp.CLIP_EXT for h, p in folders.clips(folder).get(item.key, [])):
        return False
    entry = folders.manifest(folder).get(item.name) or {}
    return (entry.get("voice_id") == voice and entry.get("rate") == SPEECH_RATE
            and entry.get("pipeline") == PIPELINE)


def _drop(folders: _Folders, folder: Path, key: str, keep: str | None) -> int:
    """Delete the key's synthetic clips in ``folder`` except the one with hash ``keep`` in the
    current format (a clip in an older format, e.g. Vorbis, goes once replaced)."""
    kept, dropped = [], 0
    for digest, path in folders.clips(folder).get(key, []):
        if digest == keep and path.suffix == dsp.CLIP_EXT:
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


def render_clips(paths: Paths, langs: Iterable[str] | None = None, modules: Iterable[str] | None = None,
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
    workers = None
    try:
        if todo:
            jobs = jobs or os.cpu_count() or 1
            workers = pool(jobs, len(todo), _init_renderer, (str(scratch),))
            chunk = max(1, min(8, len(todo) // (4 * jobs)))
            for job, entry, error in workers.imap_unordered(_render_job, todo, chunksize=chunk):
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
            workers.close()
            workers.join()
            workers = None
    finally:
        if workers is not None:
            workers.terminate()
        if bar:
            bar.close()
        folders.save()
        shutil.rmtree(scratch, ignore_errors=True)
    result.wall_s = time.monotonic() - start
    return result
