"""The real cost of drawing each picture, for ``kiosk content check``: Qt's own QSvgRenderer (the
renderer the kiosk uses) draws every picture at kiosk size in a child process, under a time limit.
A picture the renderer cannot finish in time is an error (the child is ended and the next picture
goes on in a new one); one slower than a UI frame budget is a warning. The core's static budget
(``kiosk.core.content.svgcheck``) has already refused what it can see; this catches what it cannot.
"""

from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
import time
from pathlib import Path

from kiosk.core.model import Problem

LIMIT_S = 2.0  # past this the picture is an error: the kiosk would show a blank card for so long
SLOW_S = 0.05  # the UI thread's budget for any one thing (issue 11)
START_S = 10.0  # the child's own start (Qt, fonts) before its first picture
SIZE = 720  # px: about the big picture of a lesson on a 1366×768 screen


def _command(files: list[Path]) -> list[str]:
    if getattr(sys, "frozen", False):
        return [sys.executable, "svg-probe", *map(str, files)]
    return [sys.executable, "-m", "kiosk.svgprobe", *map(str, files)]


def probe(files: list[Path], limit_s: float = LIMIT_S) -> list[Problem]:
    """Draw each file in a child process; problems for those too slow or that end the child."""
    problems: list[Problem] = []
    todo = list(files)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    while todo:
        child = subprocess.Popen(_command(todo), stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                 env=env, text=True, encoding="utf-8")
        lines: queue.Queue[str | None] = queue.Queue()

        def pump(out=child.stdout, lines=lines) -> None:  # type: ignore[no-untyped-def]
            for line in out:
                lines.put(line)
            lines.put(None)

        threading.Thread(target=pump, daemon=True).start()
        deadline = time.monotonic() + START_S + limit_s
        while todo:
            try:
                line = lines.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                problems.append(Problem(todo[0], 1, "picture", f"Qt's renderer did not finish it in "
                                        f"{limit_s:g} s: the kiosk would freeze or show a blank card"))
                todo.pop(0)
                break
            if line is None:
                problems.append(Problem(todo[0], 1, "picture", "Qt's renderer crashed drawing it"))
                todo.pop(0)
                break
            try:
                reply = json.loads(line)
                if reply.get("ready"):  # Qt is up: from now on each picture has limit_s
                    deadline = time.monotonic() + limit_s
                    continue
                seconds = float(reply["seconds"])
            except (ValueError, KeyError, TypeError, AttributeError):
                continue
            if seconds > SLOW_S:
                problems.append(Problem(todo[0], 1, "picture", f"takes {seconds * 1000:.0f} ms to draw "
                                        f"at {SIZE} px (more than {SLOW_S * 1000:.0f} ms)", "warning"))
            todo.pop(0)
            deadline = time.monotonic() + limit_s
        child.kill()
        child.wait()
    return problems


def serve(files: list[str]) -> int:
    """The child: draw each file, one JSON line after each."""
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])  # noqa: F841 (fonts need it)
    print(json.dumps({"ready": True}), flush=True)
    for name in files:
        t0 = time.perf_counter()
        image = QImage(SIZE, SIZE, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(0)
        painter = QPainter(image)
        renderer = QSvgRenderer(name)
        if renderer.isValid():
            renderer.render(painter, QRectF(0, 0, SIZE, SIZE))
        painter.end()
        print(json.dumps({"seconds": time.perf_counter() - t0}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(serve(sys.argv[1:]))
