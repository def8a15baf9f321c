"""Is a clip a clip, a picture a picture? The magic bytes, then a decoder's reading of the header.

Checked on the unpacked file in the staging folder, before anything is installed. A shell script
renamed ``.ogg`` fails the magic; a truncated or lying header fails libsndfile (through
``soundfile``), which is what decodes clips for ``voices check`` too.
"""

from __future__ import annotations

import struct
from pathlib import Path

MAX_SECONDS = 600
RATES = (8000, 192000)


def _magic(head: bytes, ext: str) -> str | None:
    if ext in (".ogg", ".opus"):
        if not head.startswith(b"OggS"):
            return "not an Ogg file"
        if b"OpusHead" in head[:512]:
            return None
        if ext == ".ogg" and b"\x01vorbis" in head[:512]:
            return None
        return "an Ogg file with no Vorbis or Opus stream"
    if ext == ".wav":
        if head[:4] != b"RIFF" or head[8:12] != b"WAVE":
            return "not a WAV file"
        return None
    if ext == ".mp3":
        if head.startswith(b"ID3"):
            return None
        if len(head) >= 2 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0:
            return None
        return "not an MP3 file"
    return "not an audio file name"


def clip_problem(path: Path) -> str | None:
    """None if the file decodes as a short mono or stereo clip; else why not."""
    with open(path, "rb") as f:
        head = f.read(4096)
    why = _magic(head, path.suffix.lower())
    if why:
        return why
    try:
        import soundfile

        info = soundfile.info(str(path))
    except Exception as exc:  # libsndfile's refusals come as several exception types
        return f"does not decode ({str(exc).splitlines()[0][:80] if str(exc) else type(exc).__name__})"
    if not RATES[0] <= info.samplerate <= RATES[1] or info.channels not in (1, 2):
        return f"an unlikely header ({info.samplerate} Hz, {info.channels} channels)"
    if info.frames <= 0 or info.duration > MAX_SECONDS:
        return f"an unlikely length ({info.duration:.1f} s)"
    return None


def picture_problem(path: Path) -> str | None:
    with open(path, "rb") as f:
        head = f.read(1024)
    ext = path.suffix.lower()
    if ext == ".png":
        if not head.startswith(b"\x89PNG\r\n\x1a\n") or head[12:16] != b"IHDR":
            return "not a PNG picture"
        width, height = struct.unpack(">II", head[16:24])
        return None if 0 < width <= 8192 and 0 < height <= 8192 else "a PNG of an unlikely size"
    if ext in (".jpg", ".jpeg"):
        return None if head.startswith(b"\xff\xd8\xff") else "not a JPEG picture"
    if ext == ".svg":
        text = head.lstrip(b"\xef\xbb\xbf").lstrip()
        if not (text.startswith(b"<svg") or text.startswith(b"<?xml")) or b"<svg" not in head:
            return "not an SVG picture"
        return None
    return "not a picture file name"
