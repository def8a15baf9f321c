"""Qt-free helpers shared by the benchmark scripts: statistics, clips, data folders, results.

Every probe runs in its own process and ends by printing one line ``BENCH {json}`` on stdout;
``run.py`` reads that line. Times are ``time.monotonic()`` (CLOCK_MONOTONIC on Linux), which is
the same clock in every process, so a parent can compare a child's marks with its own.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import shutil
import statistics
import struct
import subprocess
import sys
import time
import wave
from collections.abc import Iterator
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
CONTENT = ROOT / "content"
MARK = "BENCH "

# An old 14" laptop screen. The offscreen platform otherwise pretends to be 800×800.
SCREEN = {"width": 1366, "height": 768}


def median(xs: list[float]) -> float:
    return statistics.median(xs) if xs else math.nan


def p95(xs: list[float]) -> float:
    """95th percentile, linear interpolation between closest ranks (so p95 of 5 runs is near the max)."""
    if not xs:
        return math.nan
    if len(xs) == 1:
        return xs[0]
    s = sorted(xs)
    k = (len(s) - 1) * 0.95
    lo, hi = math.floor(k), math.ceil(k)
    return s[lo] + (s[hi] - s[lo]) * (k - lo)


def summary(xs: list[float]) -> dict[str, float]:
    return {"median": median(xs), "p95": p95(xs), "n": len(xs), "min": min(xs, default=math.nan),
            "max": max(xs, default=math.nan)}


def emit(result: object) -> None:
    """The one line a probe prints for run.py."""
    sys.stdout.write(MARK + json.dumps(result) + "\n")
    sys.stdout.flush()


def write_wav(path: Path, seconds: float = 3.0, rate: int = 22050) -> Path:
    """A plain tone, mono 16-bit PCM at espeak-ng's rate: the shape of the kiosk's synthetic clips."""
    path.parent.mkdir(parents=True, exist_ok=True)
    frames = bytearray()
    for i in range(int(seconds * rate)):
        frames += struct.pack("<h", int(6000 * math.sin(2 * math.pi * 220 * i / rate)))
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(bytes(frames))
    return path


def write_vorbis(path: Path, seconds: float = 3.0, rate: int = 22050) -> Path:
    """The same tone as the clips ``kiosk voices render`` ships: Ogg Vorbis, 22.05 kHz mono."""
    import numpy as np
    import soundfile as sf

    path.parent.mkdir(parents=True, exist_ok=True)
    x = 0.2 * np.sin(2 * np.pi * 220 * np.arange(int(seconds * rate)) / rate)
    sf.write(str(path), x, rate, format="OGG", subtype="VORBIS", compression_level=0.8)
    return path


def write_opus(path: Path, seconds: float = 3.0, rate: int = 24000) -> Path:
    """The same tone as the clips ``kiosk voices render`` ships: Ogg Opus, 24 kHz mono, ~24 kbit/s
    (``kiosk.voicetools.dsp``)."""
    import numpy as np
    import soundfile as sf

    path.parent.mkdir(parents=True, exist_ok=True)
    x = 0.2 * np.sin(2 * np.pi * 220 * np.arange(int(seconds * rate)) / rate)
    sf.write(str(path), x, rate, format="OGG", subtype="OPUS", compression_level=0.94)
    return path


def vorbis_available() -> bool:
    try:
        import soundfile  # noqa: F401
    except (ImportError, OSError):
        return False
    return True


def place_clips(data_dir: Path, ext: str = ".ogg", content_dir: Path = CONTENT,
                seconds: float = 3.0) -> dict[str, object]:
    """Give every text of the content a recorded clip, found the way a bundled clip is found, and
    leave the content cache a start would have left.

    Clips go to ``<data>/audio/<lang>/recorded/<key>.<text_hash><ext>``: ``<data>/audio`` is one
    of the kiosk's audio roots (``Paths.rendered_audio``), so a lookup walks the same chain as
    for a bundled clip (user recordings first, then the audio roots). ``.opus`` is Ogg Opus as
    ``kiosk voices render`` makes it (``.ogg``: Ogg Vorbis, as it made them before), ``.wav`` is
    16-bit PCM as the live speech cache holds. All names are hard links to one tone, so thousands
    of clips cost one file.
    """
    from kiosk.core.audio.voices import text_hash
    from kiosk.core.content import load_library

    write = {".ogg": write_vorbis, ".opus": write_opus}.get(ext, write_wav)
    master = write(data_dir / f"bench-clip{ext}", seconds)
    # The content cache as any start leaves it (written once the first screen is up): the folder
    # is that of a kiosk that has started before, as on every day but its first.
    library = load_library(content_dir, cache=data_dir / "content-cache.json")
    count = 0
    for text in library.all_texts():
        for lang, words in text.versions.items():
            dest = data_dir / "audio" / lang / "recorded" / f"{text.key}.{text_hash(words)}{ext}"
            if dest.exists():
                continue
            dest.parent.mkdir(parents=True, exist_ok=True)
            os.link(master, dest)
            count += 1
    return {"clips": count, "clip": str(master), "seconds": seconds}


@contextlib.contextmanager
def sound_device(folder: Path) -> Iterator[dict[str, str]]:
    """A private PulseAudio whose only output is a null sink, for probes that need a sound device
    (the kiosk plays decoded clips on a QAudioSink, which needs one); the environment to reach it.
    Without ``pulseaudio`` installed: no device (``{}``), and the kiosk plays every clip from its
    file on the QMediaPlayer."""
    exe = shutil.which("pulseaudio")
    if exe is None:
        yield {}
        return
    run = folder / "pulse-run"
    run.mkdir(mode=0o700, exist_ok=True)
    env = {**os.environ, "XDG_RUNTIME_DIR": str(run)}
    proc = subprocess.Popen([exe, "-n", "--daemonize=no", "--exit-idle-time=-1", "--use-pid-file=no",
                             "-L", "module-native-protocol-unix", "-L", "module-null-sink sink_name=bench",
                             "-L", "module-always-sink"], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            if (run / "pulse" / "native").exists():
                break
            time.sleep(0.05)
        yield {"XDG_RUNTIME_DIR": str(run)}
    finally:
        proc.terminate()
        proc.wait(5)


def screen_config(folder: Path) -> str:
    """QT_QPA_PLATFORM value for an offscreen screen the size of an old laptop's."""
    cfg = folder / "offscreen-screen.json"
    cfg.write_text(json.dumps({"screens": [{"name": "laptop", "x": 0, "y": 0, **SCREEN,
                                            "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))
    return f"offscreen:configfile={cfg}"


def probe_env(qpa: str, data_dir: Path | None = None) -> dict[str, str]:
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = qpa
    env.pop("QT_LOGGING_RULES", None)
    if data_dir is not None:
        env["WILLAY_DATA_DIR"] = str(data_dir)
    return env


def run_probe(args: list[str], env: dict[str, str], timeout: float = 120.0) -> tuple[dict, float]:
    """Start ``python bench/<args>`` and return its BENCH result and the monotonic start time."""
    cmd = [sys.executable, *args]
    started = time.monotonic()
    proc = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True, timeout=timeout)
    for line in proc.stdout.splitlines():
        if line.startswith(MARK):
            return json.loads(line[len(MARK):]), started
    raise RuntimeError(f"{' '.join(args)} gave no result (exit {proc.returncode}):\n"
                       f"{proc.stdout[-2000:]}\n{proc.stderr[-4000:]}")


def rss_mib() -> float:
    """Current resident set size of this process."""
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return math.nan


def peak_rss_mib() -> float:
    """Peak resident set size of this process so far (VmHWM)."""
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return math.nan
