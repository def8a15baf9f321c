"""Clip manifests: one ``manifest.json`` per ``<audio root>/<lang>/<kind>/`` folder.

A clip is ``<key>.<text_hash>.<ext>`` (see ``kiosk.core.audio.voices``); its manifest entry, keyed by
the file name, says where it came from and what it measured when it was made::

    {"format": 1, "lang": "ay", "kind": "synthetic",
     "clips": {"prompt.home.arrive.1a2b3c4d5e.ogg": {
         "key": "prompt.home.arrive", "text_hash": "1a2b3c4d5e", "words": "Akanakaw …",
         "source": "synthetic", "engine": "espeak-ng 1.51 via pyttsx3 2.99",
         "voice": "qu (stand-in for ay)", "voice_id": "qu", "rate": 150, "pipeline": "…",
         "duration_s": 1.52, "loudness_lufs": -16.0, "peak_dbfs": -1.6,
         "leading_silence_ms": 40, "made": "2026-11-26"}}}

Recordings carry ``speaker`` (a pseudonym, never a real name), ``role`` and ``consent`` instead
of engine and voice. The manifest documents clips; it never decides what plays: the file name's
hash does (so a lost or hand-edited manifest cannot make a stale clip play). The full format is
in ``audio/README.md``. Pure Python: no audio libraries, no Qt.
"""

from __future__ import annotations

import json
import logging
import os
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from kiosk.core.audio.voices import AUDIO_EXTENSIONS
from kiosk.paths import replace_file

log = logging.getLogger(__name__)

MANIFEST_NAME = "manifest.json"
FORMAT = 1
KINDS = ("recorded", "synthetic")
HASH_RE = re.compile(r"^[0-9a-f]{10}$")

# Fields every entry has, and those each source adds.
COMMON_FIELDS = ("key", "text_hash", "source", "duration_s", "loudness_lufs")
SOURCE_FIELDS = {"synthetic": ("engine", "voice"), "recorded": ("speaker", "role", "consent")}


def parse_clip_name(name: str) -> tuple[str, str, str] | None:
    """``"couple.q1.a.0123456789.ogg"`` → ``("couple.q1.a", "0123456789", ".ogg")``; else None."""
    stem, dot, ext = name.rpartition(".")
    if not dot or f".{ext.lower()}" not in AUDIO_EXTENSIONS:
        return None
    key, dot, digest = stem.rpartition(".")
    if not dot or not key or key.startswith(".") or not HASH_RE.match(digest):
        return None
    return key, digest, f".{ext.lower()}"


def clip_files(folder: Path) -> dict[str, list[tuple[str, Path]]]:
    """Clips in one ``<lang>/<kind>`` folder, by text key: ``{key: [(text_hash, path), …]}``."""
    found: dict[str, list[tuple[str, Path]]] = {}
    try:
        names = sorted(os.listdir(folder))
    except OSError:
        return found
    for name in names:
        parsed = parse_clip_name(name)
        if parsed is None:
            continue
        path = folder / name
        if path.is_file():
            found.setdefault(parsed[0], []).append((parsed[1], path))
    return found


def manifest_path(folder: Path) -> Path:
    return folder / MANIFEST_NAME


def load(folder: Path) -> dict[str, dict[str, Any]]:
    """Entries of the folder's manifest by file name; {} if there is none or it is unreadable."""
    path = manifest_path(folder)
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:
        log.warning("%s: unreadable manifest (%s); treating it as empty", path, exc)
        return {}
    except RecursionError:  # json refuses nesting deeper than the interpreter's stack
        log.warning("%s: unreadable manifest (nested too deeply); treating it as empty", path)
        return {}
    clips = doc.get("clips") if isinstance(doc, dict) else None
    if not isinstance(clips, dict):
        log.warning("%s: no 'clips' mapping; treating it as empty", path)
        return {}
    return {str(name): entry for name, entry in clips.items() if isinstance(entry, dict)}


def save(folder: Path, lang: str, kind: str, clips: Mapping[str, Mapping[str, Any]]) -> Path:
    """Write the whole manifest atomically (temp file, then rename)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = manifest_path(folder)
    doc = {"format": FORMAT, "lang": lang, "kind": kind,
           "clips": {name: dict(clips[name]) for name in sorted(clips)}}
    tmp = path.with_name(f".{path.name}.{os.getpid()}.part")
    tmp.write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    replace_file(tmp, path)
    return path


def update(folder: Path, lang: str, kind: str, add: Mapping[str, Mapping[str, Any]] | None = None,
           remove: Iterable[str] = ()) -> dict[str, dict[str, Any]]:
    """Add or replace some entries and drop others; entries for files no longer there go too."""
    clips = load(folder)
    for name in remove:
        clips.pop(name, None)
    for name, entry in (add or {}).items():
        clips[name] = dict(entry)
    clips = {name: entry for name, entry in clips.items() if (folder / name).is_file()}
    save(folder, lang, kind, clips)
    return clips


def problems(entry: Mapping[str, Any]) -> list[str]:
    """What an entry lacks (for hand-written recording entries)."""
    source = entry.get("source")
    if source not in SOURCE_FIELDS:
        return [f"source must be one of {', '.join(SOURCE_FIELDS)}"]
    missing = [f for f in COMMON_FIELDS + SOURCE_FIELDS[source] if entry.get(f) in (None, "")]
    out = [f"missing {f}" for f in missing]
    consent = entry.get("consent")
    if source == "recorded" and consent is not None and not (
            isinstance(consent, dict) and consent.get("given") is True):
        out.append("consent must be {\"given\": true, …}")
    return out
