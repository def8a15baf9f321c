"""``kiosk voices check``: decode every clip and measure its loudness, peak and leading silence."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, TextIO

from kiosk.core.audio import manifest
from kiosk.core.audio.coverage import recorded_roots
from kiosk.core.model import LANGUAGES
from kiosk.paths import Paths
from kiosk.voicetools import dsp
from kiosk.voicetools.pool import Progress, pool


def clip_paths(paths: Paths) -> list[Path]:
    found: list[Path] = []
    for root in recorded_roots(paths):
        for lang in LANGUAGES:
            for kind in manifest.KINDS:
                for entries in manifest.clip_files(root / lang / kind).values():
                    found.extend(p for _h, p in entries)
    return found


def _measure_job(path: str) -> tuple[str, dict[str, Any] | None, str]:
    try:
        data, rate = dsp.read(path)
        return path, dsp.measure(data, rate), ""
    except Exception as exc:
        return path, None, f"cannot decode: {type(exc).__name__}: {exc}"


def check_clips(paths: Paths, jobs: int = 0, progress: TextIO | None = None) -> list[dict[str, Any]]:
    """Decode and measure every clip; one record per clip with its ``problems``."""
    files = [str(p) for p in clip_paths(paths)]
    records: list[dict[str, Any]] = []
    if not files:
        return records
    bar = Progress(len(files), progress, "clips measured") if progress else None
    jobs = jobs or os.cpu_count() or 1
    workers = pool(jobs, len(files)) if jobs > 1 and len(files) > 1 else None
    try:
        chunk = max(1, min(16, len(files) // (4 * jobs)))
        results = (workers.imap_unordered(_measure_job, files, chunksize=chunk) if workers
                   else map(_measure_job, files))
        for path, stats, error in results:
            if bar:
                bar.step()
            records.append({"path": path, **(stats or {}),
                            "problems": [error] if stats is None else dsp.failures(stats)})
    finally:
        if workers is not None:
            workers.terminate()
    if bar:
        bar.close()
    records.sort(key=lambda r: r["path"])
    return records
