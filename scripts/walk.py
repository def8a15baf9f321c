"""A walk through the real kiosk on a real X display (``/work/shared/tools/desktop``), driven by
xdotool as a person would drive it, with what it said and showed written to a log.

    python scripts/walk.py probe LOG       the kiosk, full screen, logging each key Qt received,
                                           each action's new state and each clip that started
    python scripts/walk.py keypad on|off LOG    the numeric keypad alone, Num Lock on or off:
                                           every lesson of every page, a question answered, the
                                           keypad's quick exit
    python scripts/walk.py clicks LOG      single mouse clicks alone (two per choice), the same way
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

# The keypad's keys by X keycode: what they send depends on Num Lock, as on a real keypad
KEYCODES = {0: 90, 1: 87, 2: 88, 3: 89, 4: 83, 5: 84, 6: 85, 7: 79, 8: 80, 9: 81, ".": 91,
            "enter": 104, "+": 86, "-": 82, "*": 63, "/": 106}
QT_ZERO, QT_INSERT = 48, 16777222  # what keypad 0 sends with Num Lock on / off


def probe(log_path: str) -> int:
    from kiosk.app import run
    from kiosk.paths import Paths
    from kiosk.ui.window import KioskWindow

    log = open(log_path, "a", buffering=1, encoding="utf-8")  # noqa: SIM115 (open while it runs)

    def write(kind: str, **fields: object) -> None:
        log.write(json.dumps({"t": round(time.monotonic(), 3), "kind": kind, **fields}) + "\n")

    start, act, key = KioskWindow.start, KioskWindow.act, KioskWindow._key

    def logged_start(self: KioskWindow) -> None:
        self.speaker.spoken.connect(lambda k, lang, path, source: write(
            "said", key=k, lang=lang, source=source, file=Path(path).name))
        write("started", size=list(self.size().toTuple()))
        start(self)

    def logged_act(self: KioskWindow, action):  # type: ignore[no-untyped-def]
        out = act(self, action)
        s = out.state
        write("state", action=str(action.act), n=action.n, screen=str(s.screen), lang=s.lang,
              page=s.page, module=s.module, index=s.index, focus=s.focus,
              shown=type(self.stack.currentWidget()).__name__,
              size=list(self.size().toTuple()))
        return out

    def logged_key(self: KioskWindow, event):  # type: ignore[no-untyped-def]
        write("key", qt=int(event.key()), text=event.text(),
              keypad=bool(int(event.modifiers().value) & 0x20000000))
        return key(self, event)

    KioskWindow.start, KioskWindow.act, KioskWindow._key = logged_start, logged_act, logged_key
    data = Path(tempfile.mkdtemp(prefix="willay-walk-"))
    return run(Paths.resolve(str(data), None), fullscreen=True)


class Walk:
    def __init__(self, log: Path) -> None:
        self.log = log
        self.seen = 0

    def lines(self) -> list[dict]:
        return [json.loads(line) for line in self.log.read_text(encoding="utf-8").splitlines()]

    def states(self) -> list[dict]:
        return [x for x in self.lines() if x["kind"] == "state"]

    def last(self) -> dict:
        return self.states()[-1]

    def wait_state(self, timeout: float = 20.0) -> dict:
        """The state after the next action (the line the probe writes when the press is handled)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            states = self.states()
            if len(states) > self.seen:
                self.seen = len(states)
                return states[-1]
            time.sleep(0.05)
        raise TimeoutError("the kiosk did not answer a press")

    def key(self, name: str) -> dict:
        subprocess.run(["xdotool", "key", name], check=True)
        return self.wait_state()

    def click(self, x: int, y: int, timeout: float = 20.0) -> dict:
        """Move there (a moving pointer may speak, never chooses), then one click."""
        subprocess.run(["xdotool", "mousemove", str(x), str(y)], check=True)
        time.sleep(0.3)
        self.seen = len(self.states())
        subprocess.run(["xdotool", "click", "1"], check=True)
        return self.wait_state(timeout)


def keypad(state: str, log: Path) -> None:
    w = Walk(log)

    def press(name: object) -> dict:
        return Walk.key(w, str(KEYCODES[name]))  # type: ignore[index]

    def num_lock() -> bool:
        press(0)  # keypad 0: repeat, harmless anywhere
        return next(x for x in reversed(w.lines()) if x["kind"] == "key")["qt"] == QT_ZERO

    press(5)  # any key starts
    if num_lock() != (state == "on"):
        subprocess.run(["xdotool", "key", "Num_Lock"], check=True)
    assert num_lock() == (state == "on")
    digits = {n: n for n in range(10)} | {".": "."}
    SAME = {k: k for k in ("enter", "+", "-", "*", "/")}  # noqa: N806
    w.key = lambda name: press(name)  # type: ignore[method-assign]
    assert w.last()["screen"] == "language"
    w.key(digits[1])
    assert w.key(digits[1])["screen"] == "home"  # Castellano
    opened = []
    for page in range(3):
        for n in range(1, 9):
            s = w.key(digits[n])
            if s["focus"] != n:  # an empty place on the last page: 4 and 6 turn pages, others say
                if n in (4, 5, 6):  # what can be done; come back to this page
                    w.key(SAME["*"])
                    for _ in range(page):
                        w.key(SAME["+"])
                continue
            s = w.key(digits[n])
            assert s["screen"] in ("warning", "step"), s
            opened.append(s["module"])
            w.key(SAME["*"])  # home: the first page
            for _ in range(page):
                assert w.key(SAME["+"])["page"] > 0
        if page < 2:
            w.key(SAME["*"])
            for _ in range(page + 1):
                s = w.key(SAME["+"])
            assert s["page"] == page + 1, s
    print("opened", len(opened), "lessons:", ", ".join(opened))
    w.key(SAME["*"])
    w.key(digits[1])
    w.key(digits[1])  # the first lesson: through its warning and steps with Enter
    while w.key(SAME["enter"])["screen"] != "question":
        pass
    w.key(digits[2])
    s = w.key(digits[2])
    assert s["screen"] == "feedback", s
    print("answered", s["module"], "question", s["index"])
    for _ in range(2):
        subprocess.run(["xdotool", "key", str(KEYCODES["."])], check=True)
    s = w.key(digits["."])
    assert s["screen"] == "neutral" and s["shown"] == "PictureScreen", s
    print("quick exit:", s)
    seen = sorted({(x["qt"], x["keypad"]) for x in w.lines() if x["kind"] == "key" and x["keypad"]})
    print("keypad keys Qt received (code, keypad):", seen)


def clicks(log: Path) -> None:
    """Single clicks at the tiles' and buttons' places on a 1280×800 screen."""
    w = Walk(log)
    w.click(640, 400)  # a touch anywhere starts
    assert w.last()["screen"] == "language"
    tiles3 = {n: (220 + 420 * ((n - 1) % 3), 230 + 190 * ((n - 1) // 3)) for n in range(1, 10)}
    for _ in range(2):
        s = w.click(220, 400)  # Castellano: two clicks
    assert s["screen"] == "home", s
    nxt, home = (1150, 750), (925, 750)
    opened = []
    for page in range(3):
        for n in range(1, 9):
            try:
                s = w.click(*tiles3[n], timeout=3.0)
            except TimeoutError:  # an empty place on the last page: a click there does nothing
                print(f"page {page + 1}: no picture {n}")
                continue
            s = w.click(*tiles3[n])
            assert s["screen"] in ("warning", "step"), s
            opened.append(s["module"])
            w.click(*home)
            w.click(*home)  # Home: two touches
            for _ in range(page):
                w.click(*nxt)
                assert w.click(*nxt)["page"] > 0
        if page < 2:
            w.click(*home)
            w.click(*home)
            for _ in range(page + 1):
                w.click(*nxt)
                s = w.click(*nxt)
            assert s["page"] == page + 1, s
    print("opened", len(opened), "lessons:", ", ".join(opened))
    w.click(*home)
    w.click(*home)
    w.click(*tiles3[1])
    w.click(*tiles3[1])
    while w.last()["screen"] != "question":
        w.click(*nxt)
    w.click(220, 300)
    s = w.click(220, 300)
    assert s["screen"] == "feedback", s
    print("answered", s["module"], "question", s["index"])
    s = w.click(1130, 48)  # the quick exit acts on the first touch
    assert s["screen"] == "neutral", s
    print("quick exit:", s)


if __name__ == "__main__":
    mode = sys.argv[1]
    if mode == "probe":
        sys.exit(probe(sys.argv[2]))
    if mode == "keypad":
        keypad(sys.argv[2], Path(sys.argv[3]))
    elif mode == "clicks":
        clicks(Path(sys.argv[2]))
