"""A facilitator's recording → a named, measured clip with its manifest entry.

``save_recording`` is what the studio and ``kiosk voices add`` need. The studio never calls it in
the kiosk's own process (numpy, soundfile and the loudness meter would stay in its memory): it runs
``kiosk save-recording`` (``serve_save``), one JSON request on stdin, one JSON reply on stdout.

The kiosk's player may hold a clip open while it is saved, and Windows refuses to delete or
replace an open file. So a save writes the new clip under a hidden name first, gives it its name
(a name nothing can hold open when no such file exists yet), writes the manifest, and only then
tries to delete the older takes of the same text: one that is still open stays where it is — its
hash is not the text's, so it never plays — and the next save of that text tries again. A take of
the *same* words replaces the old file only once the player has let go of it (a few tries); if it
never does, the old clip is kept, the new one is dropped and the error says so.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

from kiosk.core.audio import manifest
from kiosk.core.audio.voices import clip_name, text_hash

PSEUDONYM_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,31}\Z")
REPLACE_TRIES = 10
REPLACE_WAIT_S = 0.3
REQUEST_FIELDS = ("source", "root", "lang", "key", "words", "speaker", "role", "consent")


class ClipInUse(OSError):
    """The clip a take would replace is held open (by the kiosk's player) and was kept."""


def _install(tmp: Path, out: Path, replace: Callable[[Path, Path], None]) -> None:
    """Give ``tmp`` the name ``out``; never replace an ``out`` that stays open."""
    for attempt in range(REPLACE_TRIES):
        try:
            replace(tmp, out)
            return
        except PermissionError:  # Windows: ``out`` is open in another process
            if not out.exists():
                raise
            if attempt + 1 < REPLACE_TRIES:
                time.sleep(REPLACE_WAIT_S)
    raise ClipInUse(f"{out.name} is in use (playing?): the clip there is kept; save again later")


def _remove_old(folder: Path, names: list[str], remove: Callable[[Path], None]) -> list[str]:
    """Delete what can be deleted; the names of files kept because they are open."""
    kept = []
    for name in names:
        try:
            remove(folder / name)
        except FileNotFoundError:
            pass
        except PermissionError:
            kept.append(name)
    return kept


def save_recording(source: Path, root: Path, lang: str, key: str, words: str, speaker: str,
                   role: str, consent: str, when: dt.date | None = None,
                   replace: Callable[[Path, Path], None] = os.replace,
                   remove: Callable[[Path], None] = os.remove) -> tuple[Path, dict[str, Any]]:
    """Trim, normalise and encode a recording of ``words`` as ``<root>/<lang>/recorded/<key>.<hash>.ogg``
    with its manifest entry; older recordings of the same key in that folder are removed once
    nothing holds them open. ``replace`` and ``remove`` are the file system's (tests pass Windows')."""
    if not PSEUDONYM_RE.match(speaker):
        raise ValueError(f"speaker '{speaker}' must be a pseudonym: lowercase letters, digits and "
                         "dashes (e.g. voz-07), never a real name")
    if not role.strip() or not consent.strip():
        raise ValueError("a recording needs the speaker's role and how consent was given")
    from kiosk.voicetools import dsp

    data, rate = dsp.read(source)
    folder = root / lang / "recorded"
    folder.mkdir(parents=True, exist_ok=True)
    name = clip_name(key, words, dsp.CLIP_EXT)
    out = folder / name
    tmp = dsp.part_path(out)
    try:
        stats = dsp.encode(dsp.clean(data, rate), rate, tmp)
        _install(tmp, out, replace)
    finally:
        if tmp.exists():
            tmp.unlink()  # ours alone: nothing else knows the hidden name
    when = when or dt.date.today()
    entry = {"key": key, "text_hash": text_hash(words), "words": words, "source": "recorded",
             "speaker": speaker, "role": role.strip(),
             "consent": {"given": True, "how": consent.strip(), "on": when.isoformat()},
             **stats, "made": when.isoformat()}
    old = [p.name for h, p in manifest.clip_files(folder).get(key, []) if p.name != name]
    manifest.update(folder, lang, "recorded", {name: entry}, remove=old)
    _remove_old(folder, old, remove)
    return out, entry


def request(source: Path, root: Path, lang: str, key: str, words: str, speaker: str, role: str,
            consent: str) -> dict[str, str]:
    """The JSON request ``serve_save`` reads (what the studio sends)."""
    return {"source": str(source), "root": str(root), "lang": lang, "key": key, "words": words,
            "speaker": speaker, "role": role, "consent": consent}


def serve_save(stdin: TextIO = sys.stdin, stdout: TextIO = sys.stdout) -> int:
    """``kiosk save-recording``: one request (``request``) in, one reply out:
    ``{"ok": true, "path": …, "entry": {…}}`` or ``{"ok": false, "error": "…"}``."""
    try:
        req = json.loads(stdin.read())
        source, root, lang, key, words, speaker, role, consent = (str(req[f]) for f in REQUEST_FIELDS)
        path, entry = save_recording(Path(source), Path(root), lang, key, words, speaker, role, consent)
        reply: dict[str, Any] = {"ok": True, "path": str(path), "entry": entry}
    except ModuleNotFoundError as exc:  # a bundle or install without the [authoring] extra
        reply = {"ok": False, "error": f"this install cannot process recordings (no {exc.name}): "
                                       "install the authoring tools (pip install 'willay-kiosk[authoring]')"}
    except Exception as exc:  # reported to the studio in one line, never a traceback
        reply = {"ok": False, "error": str(exc) or type(exc).__name__}
    stdout.write(json.dumps(reply) + "\n")
    stdout.flush()
    return 0 if reply["ok"] else 1
