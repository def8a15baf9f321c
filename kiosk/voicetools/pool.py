"""Child processes for the voice tools, and the progress bar they report on."""

from __future__ import annotations

import multiprocessing
import time
from typing import Any, TextIO


def pool(jobs: int, tasks: int, initializer: Any = None, initargs: tuple[Any, ...] = ()) -> Any:
    # spawn, not fork: the parent may hold Qt or engine threads (tests), and it is what Windows
    # does anyway.
    ctx = multiprocessing.get_context("spawn")
    return ctx.Pool(max(1, min(jobs, tasks)), initializer=initializer, initargs=initargs)


class Progress:
    """``[#######.......]  412/1452  83.1 clips/s`` on stderr; plain lines when not a terminal."""

    def __init__(self, total: int, stream: TextIO, label: str = "clips") -> None:
        self.total, self.stream, self.label = total, stream, label
        self.done = 0
        self.start = time.monotonic()
        self.last = 0.0
        self.tty = bool(getattr(stream, "isatty", lambda: False)())
        self.next_tenth = 1

    def step(self) -> None:
        self.done += 1
        now = time.monotonic()
        if self.tty:
            if now - self.last >= 0.1 or self.done == self.total:
                self.last = now
                self.stream.write("\r" + self.line(now))
                self.stream.flush()
        elif self.total and self.done * 10 >= self.next_tenth * self.total:
            while self.done * 10 >= self.next_tenth * self.total:
                self.next_tenth += 1
            self.stream.write(self.line(now) + "\n")
            self.stream.flush()

    def line(self, now: float) -> str:
        width = 30
        filled = width * self.done // max(1, self.total)
        rate = self.done / max(now - self.start, 1e-9)
        return (f"[{'#' * filled}{'.' * (width - filled)}] {self.done:>5}/{self.total} "
                f"{rate:6.1f} {self.label}/s")

    def close(self) -> None:
        if self.tty and self.total:
            self.stream.write("\n")
            self.stream.flush()
