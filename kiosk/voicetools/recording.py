"""A facilitator's recording → a named, measured clip with its manifest entry (``voices add``, the studio)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from kiosk.core.audio import manifest
from kiosk.core.audio.voices import clip_name, text_hash

PSEUDONYM_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,31}$")


def save_recording(source: Path, root: Path, lang: str, key: str, words: str, speaker: str,
                   role: str, consent: str, when: dt.date | None = None) -> tuple[Path, dict[str, Any]]:
    """Trim, normalise and encode a recording of ``words`` as ``<root>/<lang>/recorded/<key>.<hash>.ogg``
    with its manifest entry; older recordings of the same key in that folder are removed."""
    if not PSEUDONYM_RE.match(speaker):
        raise ValueError(f"speaker '{speaker}' must be a pseudonym: lowercase letters, digits and "
                         "dashes (e.g. voz-07), never a real name")
    if not role.strip() or not consent.strip():
        raise ValueError("a recording needs the speaker's role and how consent was given")
    from kiosk.voicetools import dsp

    data, rate = dsp.read(source)
    folder = root / lang / "recorded"
    name = clip_name(key, words, dsp.CLIP_EXT)
    stats = dsp.write_clip(dsp.clean(data, rate), rate, folder / name)
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
