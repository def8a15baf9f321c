"""Offline speech synthesis with pyttsx3 (espeak-ng), meant to run in a child process.

pyttsx3 must never run on the UI thread (it froze Qt for seconds) nor in a QThread (it crashed the
interpreter): see docs/architecture.md. ``serve`` is the child process's main loop: one JSON
request per line on stdin, one JSON reply per line on the real stdout. Known pyttsx3 traps handled
here: the first ``runAndWait`` may return before the file is written (we warm up and wait for a
complete WAV); two ``save_to_file`` before one ``runAndWait`` keep only the last (we do one at a
time); engines are created once per process.
"""

from __future__ import annotations

import json
import os
import struct
import sys
import time
from pathlib import Path
from typing import Any, TextIO

from kiosk.core.audio.speakable import speakable
from kiosk.paths import replace_file

SPEECH_RATE = 150  # words per minute; espeak's 200 is too fast for new listeners


def bundled_espeak() -> tuple[str, str] | None:
    """The espeak-ng library and data shipped in the espeakng-loader wheel, if it is installed."""
    try:
        import espeakng_loader
    except ImportError:
        return None
    lib, data = Path(espeakng_loader.get_library_path()), Path(espeakng_loader.__file__).parent
    data = data / "espeak-ng-data"
    if not lib.exists():  # Linux and macOS wheels also carry the versioned name
        found = sorted(lib.parent.glob(lib.stem + "*"))
        lib = found[0] if found else lib
    return (str(lib), str(data)) if lib.exists() and data.is_dir() else None


def load_espeak() -> str:
    """Make pyttsx3's espeak driver use the wheel's espeak-ng (library and data), so neither a
    source install nor the bundle needs a system espeak-ng; fall back to the system's. Call before
    anything imports ``pyttsx3.drivers._espeak`` (it loads the library when imported). Returns
    where the library came from."""
    if "pyttsx3.drivers._espeak" in sys.modules:
        return "already loaded"
    found = bundled_espeak()
    if found is None:
        return "system"
    lib, data = found
    os.environ.setdefault("ESPEAK_DATA_PATH", data)
    import ctypes

    handle = ctypes.CDLL(lib)  # its soname is libespeak-ng.so.1: pyttsx3's dlopen finds this one
    if sys.platform == "win32":
        # pyttsx3 looks only in Program Files on Windows: hand it the library it would have loaded.
        loader = ctypes.cdll.LoadLibrary
        ctypes.cdll.LoadLibrary = lambda _name: handle  # type: ignore[method-assign]
        try:
            import pyttsx3.drivers._espeak  # noqa: F401
        finally:
            ctypes.cdll.LoadLibrary = loader  # type: ignore[method-assign]
    return lib


def wav_complete(path: Path) -> bool:
    """True when the RIFF header's declared size matches the bytes on disk."""
    try:
        with path.open("rb") as fh:
            head = fh.read(12)
        size = path.stat().st_size
    except OSError:
        return False
    if len(head) < 12 or head[:4] != b"RIFF" or head[8:12] != b"WAVE":
        return False
    declared = struct.unpack("<I", head[4:8])[0] + 8
    return size >= declared and size > 44


class Synthesizer:
    def __init__(self, rate: int = SPEECH_RATE) -> None:
        self.library = load_espeak()
        import pyttsx3  # imported here: only the speech process needs it

        self.engine = pyttsx3.init("espeak")
        self.engine.setProperty("rate", rate)
        self._warmed = False

    def render(self, words: str, voice: str, out: Path, timeout: float = 12.0) -> Path:
        """Write ``words`` spoken by ``voice`` to ``out`` (WAV), atomically."""
        if not self._warmed:
            self._warmed = True
            warm = out.parent / ".warmup.wav"
            out.parent.mkdir(parents=True, exist_ok=True)
            self._save("a", voice, warm, timeout)
            warm.unlink(missing_ok=True)
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp = out.with_name(out.name + f".{os.getpid()}.part")
        self._save(words, voice, tmp, timeout)
        replace_file(tmp, out)
        return out

    def _save(self, words: str, voice: str, path: Path, timeout: float, attempts: int = 3) -> None:
        """Render and wait for a complete WAV. espeak's callbacks arrive on its own thread and,
        on a busy machine, a synthesis can be lost altogether: then ask again."""
        for _attempt in range(attempts):
            self.engine.setProperty("voice", voice)
            self.engine.save_to_file(words, str(path))
            self.engine.runAndWait()
            deadline = time.monotonic() + timeout / attempts
            while not wav_complete(path):
                if time.monotonic() > deadline:
                    break
                time.sleep(0.005)
            else:
                return
        raise RuntimeError(f"speech engine wrote no complete file for {path.name}")


def serve(stdin: TextIO | None = None, reply: TextIO | None = None) -> int:
    """Child-process loop. pyttsx3 prints to stdout, so replies go to a private copy of it."""
    if reply is None:
        reply = os.fdopen(os.dup(sys.stdout.fileno()), "w", buffering=1, encoding="utf-8")
        sys.stdout.flush()
        os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    source = stdin or sys.stdin
    try:
        synth: Synthesizer | None = Synthesizer()
        error = ""
    except Exception as exc:  # no espeak-ng, no pyttsx3: every request will fail
        synth, error = None, f"speech engine unavailable: {exc}"
    for line in source:
        line = line.strip()
        if not line:
            continue
        answer: dict[str, Any]
        req: Any = None
        try:
            req = json.loads(line)
            if synth is None:
                raise RuntimeError(error)
            words = req["words"]
            if req.get("lang"):
                words = speakable(words, req["lang"])
            synth.render(words, req["voice"], Path(req["out"]))
            answer = {"id": req.get("id"), "ok": True, "out": req["out"]}
        except Exception as exc:
            answer = {"id": (req.get("id") if isinstance(req, dict) else None), "ok": False,
                      "error": str(exc)}
        reply.write(json.dumps(answer) + "\n")
        reply.flush()
    return 0
