"""A studio save in a process of its own, as the kiosk's: what it imports and the memory it keeps.

``python tests/studio_probe.py CONTENT RECORDINGS [child|inprocess]`` records one take (a WAV
written with the standard library: no numpy here), presses Guardar, waits for the save and prints
one JSON line: the heavy modules loaded before and after, and the resident memory (VmRSS) and its
peak (VmHWM) before and after. ``inprocess`` saves as the studio did before (for the figures).
Used by tests/test_studio.py; run by hand for the memory figures.
"""

from __future__ import annotations

import json
import math
import os
import struct
import sys
import time
import wave
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

HEAVY = ("numpy", "soundfile", "scipy", "pyloudnorm", "pyebur128", "_soundfile")


def heavy() -> list[str]:
    """The heavy packages loaded (top-level names)."""
    return sorted({m.split(".")[0] for m in sys.modules} & set(HEAVY))


def memory_kib() -> dict[str, int]:
    found = {}
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            name, _, value = line.partition(":")
            if name in ("VmRSS", "VmHWM"):
                found[name] = int(value.split()[0])
    except OSError:  # not Linux: no figures
        pass
    return found


def speechlike(path: Path, seconds: float = 1.2, rate: int = 16000) -> None:
    frames = bytearray()
    for i in range(int(0.3 * rate)):  # room noise, then a tone with a syllable-like envelope
        frames += struct.pack("<h", int(16 * math.sin(i * 1.7)))
    for i in range(int(seconds * rate)):
        t = i / rate
        v = 0.3 * math.sin(2 * math.pi * 180 * t) * (0.6 + 0.4 * math.sin(2 * math.pi * 4 * t))
        frames += struct.pack("<h", int(32767 * v))
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(bytes(frames))


def main(content: Path, recordings: Path, mode: str = "child") -> int:
    from PySide6.QtWidgets import QApplication

    from kiosk.core.audio.voices import Voices
    from kiosk.core.content import load_library
    from kiosk.ui.screens import studio as studio_module
    from kiosk.ui.screens.studio import Recorder, StudioPanel
    from kiosk.ui.speaker import Speaker
    from tests.fakes import FakeOutput

    class FakeRecorder(Recorder):
        def start(self, path: Path) -> None:
            self.target = path

        def stop(self) -> None:
            speechlike(self.target)
            self.finished.emit(str(self.target))

    if mode == "inprocess":  # how the studio saved before: in a worker thread of this process
        def save_here(req: dict[str, str]) -> Path:
            from kiosk.voicetools.recording import REQUEST_FIELDS, save_recording

            source, root, *rest = (req[f] for f in REQUEST_FIELDS)
            return save_recording(Path(source), Path(root), *rest)[0]

        studio_module.save_in_child = save_here

    app = QApplication.instance() or QApplication([])
    library = load_library(content)
    voices = Voices(library, [], recordings, recordings.parent / "cache")
    panel = StudioPanel(library, voices, Speaker(voices, FakeOutput()), FakeRecorder(), recordings)
    panel.group.setCurrentIndex(panel.group.findData("prompts"))
    panel.speaker_name.setText("voz-01")
    panel.role.setText("promotora de salud")
    panel.consent.setChecked(True)
    panel.toggle_record()
    panel.toggle_record()
    before, mem_before = heavy(), memory_kib()
    panel.keep()
    while panel.tasks.running:
        app.processEvents()
        time.sleep(0.02)
    app.processEvents()
    result = {"heavy_before": before, "heavy_after": heavy(), "memory_before_kib": mem_before,
              "memory_after_kib": memory_kib(), "status": panel.status.text(),
              "clips": sorted(p.name for p in recordings.rglob("*.opus"))}
    panel.tasks.shutdown()
    panel.cleanup()
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2]), *(sys.argv[3:4])))
