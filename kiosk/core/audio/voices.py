"""Which clip speaks a text in a language: the fallback chain.

1. a recorded human clip (user recordings first, then bundled) made for the current text;
2. a pre-rendered synthetic clip made for the current text;
3. a live synthetic clip already in the speech cache;
4. live synthesis (the caller asks the speech worker, then plays the cached file);
5. the text in the fallback language, after a short spoken notice.
A clip is "for the current text" when its file name carries the hash of what it says, so a changed
text never plays a stale clip: a recording says the written text (a person reads "Línea 100" right);
a synthetic clip says ``speakable(text, lang)`` (numbers in words, Aymara respelled), so its name
carries the hash of those spoken words, and a change of the expansion makes it stale too.
Checks are a few ``stat`` calls: cheap enough for the UI thread.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import NamedTuple

from kiosk.core.audio.speakable import speakable
from kiosk.core.content import Library
from kiosk.core.hashes import sha1
from kiosk.core.model import Text

AUDIO_EXTENSIONS = (".ogg", ".opus", ".wav", ".mp3")

# espeak-ng voice used for each language. There is no Aymara voice: the Quechua one reads Aymara
# text closest (both have the same consonant series); such clips are still marked synthetic.
SYNTH_VOICES = {"es": "roa/es-419", "qu": "qu", "ay": "qu"}




def text_hash(words: str) -> str:
    """Short, stable fingerprint of the words a clip speaks."""
    digest: str = sha1(" ".join(words.split()).encode("utf-8")).hexdigest()
    return digest[:10]


def clip_name(key: str, words: str, ext: str = ".ogg") -> str:
    return f"{key}.{text_hash(words)}{ext}"


def clip_words(words: str, lang: str, kind: str) -> str:
    """The words a clip of ``kind`` says, whose hash names it: recordings say the written text,
    synthetic clips (and the live cache) what the synthesiser is given."""
    return words if kind == "recorded" else speakable(words, lang)


class Resolution(NamedTuple):
    """How to speak one text: play ``path``, or synthesise ``words`` with ``voice`` into ``path``."""

    key: str
    lang: str  # language actually spoken
    words: str
    path: str | None  # a file name, not a Path: a Path interns every part of every clip name it parses
    source: str  # recorded | synthetic | cache | synthesize | missing
    voice: str | None = None
    fallback: bool = False  # spoken in the fallback language (play the notice first)

    @property
    def needs_synthesis(self) -> bool:
        return self.source == "synthesize"


class Voices:
    def __init__(self, library: Library, audio_dirs: list[Path], recordings: Path,
                 cache: Path, fallback_language: str = "es",
                 can_synthesize: bool = True) -> None:
        self.library = library
        self.audio_dirs = audio_dirs
        self.recordings = recordings
        self.cache = cache
        self.fallback_language = fallback_language
        self.can_synthesize = can_synthesize
        self._listings: dict[str, tuple[int, frozenset[str]]] = {}

    def cache_path(self, lang: str, voice: str, words: str) -> str:
        """``words``: the text as written; the name is a hash of the voice and the spoken words."""
        words = speakable(words, lang)
        digest = sha1(f"{voice}\n{' '.join(words.split())}".encode()).hexdigest()[:16]
        return os.path.join(self.cache, lang, f"{digest}.wav")

    def find_clip(self, key: str, lang: str, words: str, kind: str) -> str | None:
        """A recorded or synthetic clip for exactly this written text, if one exists."""
        stem = f"{key}.{text_hash(clip_words(words, lang, kind))}"
        roots = ([self.recordings] if kind == "recorded" else []) + self.audio_dirs
        for root in roots:
            folder = os.path.join(root, lang, kind)
            names = self._names(folder)
            for ext in AUDIO_EXTENSIONS:
                if stem + ext in names:
                    return os.path.join(folder, stem + ext)
        return None

    def _names(self, folder: str) -> frozenset[str]:
        """The clip files in a folder: one listing, read again only when the folder changes (a
        recording saved, clips rendered) — one stat per folder per lookup instead of an ``isfile``
        per name and extension."""
        try:
            mtime = os.stat(folder).st_mtime_ns
        except OSError:
            return frozenset()
        cached = self._listings.get(folder)
        if cached is None or cached[0] != mtime:
            try:
                cached = (mtime, frozenset(os.listdir(folder)))  # not scandir: no Python per name
            except OSError:
                return frozenset()
            self._listings[folder] = cached
        return cached[1]

    def resolve(self, key: str, lang: str, synthesize: bool = True) -> Resolution:
        """Walk the fallback chain; ``synthesize=False`` skips live synthesis (it just failed)."""
        text = self.library.text(key)
        if text is None:
            return Resolution(key, lang, "", None, "missing")
        own = self._resolve_in(text, lang, synthesize)
        if own.source != "missing":
            return own
        if lang != self.fallback_language:
            other = self._resolve_in(text, self.fallback_language, synthesize)
            if other.source != "missing":
                return Resolution(other.key, other.lang, other.words, other.path, other.source,
                                  other.voice, fallback=True)
        return own

    def _resolve_in(self, text: Text, lang: str, synthesize: bool = True) -> Resolution:
        words = text.get(lang)
        if not words:
            return Resolution(text.key, lang, "", None, "missing")
        for kind in ("recorded", "synthetic"):
            path = self.find_clip(text.key, lang, words, kind)
            if path:
                return Resolution(text.key, lang, words, path, kind)
        voice = SYNTH_VOICES.get(lang)
        if voice is None:
            return Resolution(text.key, lang, words, None, "missing")
        cached = self.cache_path(lang, voice, words)
        if os.path.isfile(cached):
            return Resolution(text.key, lang, words, cached, "cache", voice)
        if not (synthesize and self.can_synthesize):
            return Resolution(text.key, lang, words, None, "missing")
        return Resolution(text.key, lang, words, cached, "synthesize", voice)
