"""Content scale: one kiosk start's Qt-free work (``kiosk.app.build_core``) on one content folder.

    python bench/content_bench.py CONTENT_DIR DATA_DIR [--baseline]

``build_core`` is what ``kiosk`` runs before any window: settings, load and validate the content,
voices, usage log, session. One call per process, so its peak memory is this folder's alone
(peak = VmHWM after − VmRSS before); run.py starts it once on a fresh DATA_DIR ("cold": the first
start after the content changed) and again on the same DATA_DIR ("warm": every later start —
the same as cold unless the kiosk keeps something between starts). ``--baseline`` also times
PyYAML's C loader (libyaml) reading the same files with no validation: about the least any YAML
content format can cost.
"""

from __future__ import annotations

import gc
import sys
import time
from pathlib import Path

from common import emit, peak_rss_mib, rss_mib

from kiosk.app import build_core
from kiosk.paths import Paths


def main(content: Path, data: Path, baseline: bool) -> None:
    paths = Paths(content=content, audio=data / "bundled-audio", data=data)
    gc.collect()
    before = rss_mib()
    t0 = time.perf_counter()
    core = build_core(paths)
    seconds = time.perf_counter() - t0
    peak = peak_rss_mib() - before
    retained = rss_mib() - before
    core.usage.close()
    library = core.library
    files = sorted(content.rglob("*.yaml"))
    result = {"seconds": seconds, "modules": len(library.modules), "errors": len(library.errors),
              "files": len(files), "bytes": sum(f.stat().st_size for f in files),
              "peak_mib": peak, "retained_mib": retained}
    if baseline:
        import yaml

        del core, library
        t0 = time.perf_counter()
        for f in files:
            yaml.load(f.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
        result["baseline_seconds"] = time.perf_counter() - t0
    emit(result)


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]), "--baseline" in sys.argv[3:])
