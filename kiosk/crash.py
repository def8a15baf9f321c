"""Crash safety: a rotating crash log in the user log folder, fed by ``faulthandler`` (a SIGSEGV or
a freeze leaves the stacks of every thread) and by the exception hooks of the main thread and of
every other thread.

The log holds code only — exception types, files, lines and function names — never an exception's
message: messages can carry content text or the fields of a usage event. Qt-free.
"""

from __future__ import annotations

import faulthandler
import logging
import os
import sys
import threading
import traceback
from pathlib import Path
from types import TracebackType
from typing import IO

LOG_NAME = "crash.log"
FAULT_NAME = "faults.log"
MAX_BYTES = 256_000
BACKUPS = 3
log = logging.getLogger("kiosk.crash")
_fault_file: IO[str] | None = None


class _RotatingFile(logging.FileHandler):
    """``logging.handlers.RotatingFileHandler``'s job without that module, which imports socket,
    pickle and selectors for its network handlers (~1 MiB of the kiosk's memory): past
    ``MAX_BYTES`` the log becomes ``crash.log.1`` (``.1`` → ``.2`` …, ``BACKUPS`` kept)."""

    def emit(self, record: logging.LogRecord) -> None:
        if self.stream is not None and self.stream.tell() >= MAX_BYTES:
            self.close()  # reopened by FileHandler.emit
            rotate(Path(self.baseFilename), BACKUPS)
        super().emit(record)


def rotate(path: Path, backups: int) -> None:
    for n in range(backups - 1, 0, -1):
        older = path.with_name(f"{path.name}.{n}")
        if older.exists():
            os.replace(older, path.with_name(f"{path.name}.{n + 1}"))
    if path.exists():
        os.replace(path, path.with_name(f"{path.name}.1"))


def describe(kind: type[BaseException], tb: TracebackType | None) -> str:
    """The exception's type and where it happened (frames of code), without its message."""
    frames = traceback.extract_tb(tb)
    where = "".join(f"\n  {f.filename}:{f.lineno} in {f.name}" for f in frames)
    return f"{kind.__module__}.{kind.__qualname__}{where}"


def install(log_dir: Path) -> Path | None:
    """Start logging crashes to ``log_dir``; the path of the crash log, or None if it cannot be made
    (the kiosk runs on regardless)."""
    global _fault_file
    try:
        log_dir.mkdir(parents=True, exist_ok=True)
        handler = _RotatingFile(log_dir / LOG_NAME, encoding="utf-8")
        fault = log_dir / FAULT_NAME
        if fault.exists() and fault.stat().st_size > MAX_BYTES:  # faulthandler needs one open file
            fault.replace(fault.with_name(FAULT_NAME + ".1"))
        _fault_file = open(fault, "a", encoding="utf-8")  # noqa: SIM115 (kept open for faulthandler)
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    log.propagate = False
    faulthandler.enable(file=_fault_file, all_threads=True)
    previous = sys.excepthook

    def hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        log.error("unexpected error: %s", describe(kind, tb))
        previous(kind, value, tb)

    previous_thread = threading.excepthook

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        name = args.thread.name if args.thread is not None else "?"
        log.error("unexpected error in thread %s: %s", name, describe(args.exc_type, args.exc_traceback))
        previous_thread(args)

    sys.excepthook = hook
    threading.excepthook = thread_hook
    log.info("kiosk started")
    return log_dir / LOG_NAME
