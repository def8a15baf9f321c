"""Runs the real kiosk (or a bare baseline) and measures it from inside its own event loop.

    probe.py startup  kiosk|bare|bare-av   process start → first screen painted (kiosk, bare-av:
                                           and a clip playing)
    probe.py walk     kiosk        every module, screen by screen: action → painted; then peak memory
    probe.py memory   bare|bare-av the bare window painted (bare-av: and a clip heard); peak memory
    probe.py interact kiosk|bare   touch → voice (key, click), quick exit (Shift×3, button),
                                   and for the bare window its screen change
    BENCH_SMAPS=FILE (walk, memory): where the memory is at the end, for comparing (see where_memory_is)

The kiosk starts through ``kiosk.cli.main`` — the function the ``kiosk`` command runs — so all a
real start does (settings, content, usage log, speech worker, speaker with QtOutput, window,
attract prompt) happens here. The probe only creates the QApplication first (``run()`` takes an
existing one) and replaces its ``exec`` with the measurement, which then runs where the kiosk
would wait in its event loop. The baselines (``bare_window.py``, ``bare_ui.py``) start the same way.
"""

from __future__ import annotations

import time

T_START = time.monotonic()

import json  # noqa: E402
import os  # noqa: E402
import runpy  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

if sys.argv[2:3] == ["kiosk"]:
    # The order the ``kiosk`` command imports in: kiosk.cli -> kiosk.app (the Qt-free core), and
    # only then PySide, inside run(). Importing PySide first would have PySide read the source of
    # every core module (its ``__feature__`` scan, through linecache): ~1.3 MiB and a few ms that
    # no real start pays (a bundle has no sources at all). kiosk.cli.main pauses the cycle
    # collector before that import (app.run resumes it); so does this.
    import gc  # noqa: E402

    gc.disable()
    import kiosk.app  # noqa: E402, F401

from PySide6.QtWidgets import QApplication  # noqa: E402

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from qtkit import PaintWatch, VoiceWatch, Waiter, now  # noqa: E402


def emit(result: dict) -> None:
    sys.stdout.write("BENCH " + json.dumps(result) + "\n")
    sys.stdout.flush()


def finish(result: dict) -> None:
    """Report and leave at once: what the program would do after its loop is not measured."""
    emit(result)
    dump = os.environ.get("BENCH_SMAPS")
    if dump:
        where_memory_is(dump)
    os._exit(0)


def where_memory_is(dump: str) -> None:
    """For looking into measure 7 (bench/README.md): the memory map (compare regions with
    ``smaps`` of a baseline), glibc's arenas (``.malloc``), Python's object allocator (``.py``) and,
    under ``PYTHONTRACEMALLOC=N``, Python's allocations by file and line (``.trace``)."""
    import ctypes
    import tracemalloc

    Path(dump).write_text(Path("/proc/self/smaps").read_text())
    libc = ctypes.CDLL(None)
    libc.fopen.restype = ctypes.c_void_p
    libc.malloc_info.argtypes = [ctypes.c_int, ctypes.c_void_p]
    libc.fclose.argtypes = [ctypes.c_void_p]
    fp = libc.fopen((dump + ".malloc").encode(), b"w")
    libc.malloc_info(0, fp)
    libc.fclose(fp)
    if tracemalloc.is_tracing():
        snap = tracemalloc.take_snapshot()
        with open(dump + ".trace", "w") as out:
            for key in ("filename", "lineno"):
                stats = snap.statistics(key)
                out.write(f"== by {key}: {sum(s.size for s in stats) / 2**20:.2f} MiB\n")
                out.writelines(f"{st.size / 1024:9.1f} KiB {st.count:7d} {st.traceback[0]}\n"
                               for st in stats[:60])
    fd = os.open(dump + ".py", os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
    os.dup2(fd, 2)
    sys._debugmallocstats()


def series(name: str) -> bool:
    """BENCH_SERIES (comma-separated) limits which interactive series run; unset: all of them."""
    chosen = os.environ.get("BENCH_SERIES", "")
    return not chosen or name in chosen.split(",")


def press_key(win, key) -> None:  # type: ignore[no-untyped-def]
    """A key press and release sent to the window's QWindow, where the window system delivers keys.

    From there Qt's own dispatch runs (QWidgetWindow → application event filters → focus widget).
    Not QTest.keyClick(QWindow): it spins the event loop while holding the GIL, which deadlocks
    with the FFmpeg player's threads when a clip is being stopped.
    """
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QGuiApplication, QKeyEvent

    handle = win.windowHandle()
    for etype in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QGuiApplication.sendEvent(handle, QKeyEvent(etype, key, Qt.KeyboardModifier.NoModifier))


def click(win, widget) -> None:  # type: ignore[no-untyped-def]
    """A tap (press and release, no pointer movement before) at the centre of ``widget``, via the QWindow."""
    from PySide6.QtCore import QEvent, QPointF, Qt
    from PySide6.QtGui import QGuiApplication, QMouseEvent

    handle = win.windowHandle()
    local = QPointF(widget.mapTo(win, widget.rect().center()))
    screen = QPointF(win.mapToGlobal(local.toPoint()))
    left, none = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton
    for etype, buttons in ((QEvent.Type.MouseButtonPress, left), (QEvent.Type.MouseButtonRelease, none)):
        QGuiApplication.sendEvent(handle, QMouseEvent(etype, local, screen, left, buttons,
                                                      Qt.KeyboardModifier.NoModifier))


def activate(win, waiter: Waiter) -> bool:  # type: ignore[no-untyped-def]
    """Make the window the active one (keys go to the active window), waiting on our own loop."""
    win.activateWindow()
    return waiter.wait(lambda: win.isActiveWindow(), 2.0)


def window_of(kind: str):  # type: ignore[no-untyped-def]
    wins = [w for w in QApplication.topLevelWidgets() if type(w).__name__ == kind and w.isVisible()]
    if not wins:
        raise SystemExit(f"no visible {kind}")
    return wins[0]


# ---------------------------------------------------------------------------------- start-up
def startup_kiosk() -> int:
    t_exec = now()
    win = window_of("KioskWindow")
    waiter = Waiter()
    paint = PaintWatch(waiter)
    paint.arm(win.attract)
    player = win.speaker.output.player
    voice = VoiceWatch(player, waiter)
    voice.arm(T_START)
    if player.playbackState() == player.PlaybackState.PlayingState:
        voice.t_playing = t_exec  # it was already playing when the loop would have started

    def ready() -> bool:
        return paint.painted and voice.t_playing is not None

    ok = waiter.wait(ready, 10.0)
    waiter.wait(lambda: voice.heard, 3.0)
    finish({"ok": ok and win.stack.currentWidget() is win.attract, "t_start": T_START, "t_exec": t_exec,
            "t_painted": paint.t_done, "t_playing": voice.t_playing,
            "t_ready": max(paint.t_done or 0, voice.t_playing or 0) if ok else None,
            "t_report": voice.t_report, "t_onset": voice.onset,
            "source": player.source().toLocalFile()})
    return 0


def bare_player(waiter: Waiter) -> VoiceWatch:
    """For the "bare-av" variants: the bare window also plays the kiosk's clip on a QMediaPlayer."""
    from PySide6.QtCore import QUrl
    from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer

    win = window_of("QLabel")
    win.player, win.audio = QMediaPlayer(win), QAudioOutput(win)
    win.player.setAudioOutput(win.audio)
    voice = VoiceWatch(win.player, waiter)
    voice.arm(T_START)
    clip = next(Path(os.environ["WILLAY_DATA_DIR"]).glob("bench-clip.*"))
    win.player.setSource(QUrl.fromLocalFile(str(clip)))
    win.player.play()
    return voice


def startup_bare(av: bool = False) -> int:
    t_exec = now()
    win = window_of("QLabel")
    waiter = Waiter()
    paint = PaintWatch(waiter)
    paint.arm(win)
    voice = bare_player(waiter) if av else None
    ok = waiter.wait(lambda: paint.painted and (voice is None or voice.t_playing is not None), 10.0)
    t_ready = max(paint.t_done or 0, voice.t_playing or 0) if voice else paint.t_done
    finish({"ok": ok, "t_start": T_START, "t_exec": t_exec, "t_painted": paint.t_done, "t_ready": t_ready})
    return 0


# ---------------------------------------------------------------------------------- memory
def vm(field: str) -> float:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    return float("nan")


def memory_bare(av: bool = False) -> int:
    win = window_of("QLabel")
    waiter = Waiter()
    paint = PaintWatch(waiter)
    paint.arm(win)
    voice = bare_player(waiter) if av else None
    ok = waiter.wait(lambda: paint.painted and (voice is None or voice.heard), 10.0)
    waiter.sleep(0.5)
    finish({"ok": ok, "peak_mib": vm("VmHWM"), "rss_mib": vm("VmRSS")})
    return 0


# ---------------------------------------------------------------------------------- kiosk driving
class Kiosk:
    """The real window, driven by Actions (setup) or by real key and mouse events (measured)."""

    def __init__(self) -> None:
        from kiosk.core.session import Act, Action, Screen

        self.Act, self.Action, self.Screen = Act, Action, Screen
        self.win = window_of("KioskWindow")
        self.session = self.win.session
        self.library = self.win.session.library
        self.waiter = Waiter()
        self.paint = PaintWatch(self.waiter)
        self.output = self.win.speaker.output
        self.player = self.output.player
        self.voice = VoiceWatch(self.player, self.waiter)
        make = getattr(self.output, "_memory_path", None)  # made on the first prefetch: make it now
        self.pcm = make() if make is not None else getattr(self.output, "pcm", None)
        if self.pcm is not None:
            self.voice.watch_pcm(self.pcm)
        self.spoken: list[tuple[str, str]] = []
        self.win.speaker.spoken.connect(lambda key, _lang, path, _src: self.spoken.append((key, path)))
        self.t_rendered: float | None = None
        self.win.rendered.connect(self._rendered)

    def _rendered(self, _screen: str) -> None:
        self.t_rendered = now()

    def act(self, act, n: int = 0):  # type: ignore[no-untyped-def]
        return self.win.act(self.Action(act, n))

    def home(self) -> None:
        """From anywhere to the home screen in the first language."""
        A, S = self.Act, self.Screen
        for _ in range(10):
            screen = self.session.state.screen
            if screen == S.HOME:
                return
            if screen == S.LANGUAGE:
                self.act(A.CHOOSE, 1)
                self.act(A.CHOOSE, 1)
            else:
                self.act(A.HOME)
        raise RuntimeError(f"cannot reach home from {self.session.state}")

    def open_module(self, module_id: str, index: int = 0) -> None:
        """Home, the module's page, its tile twice, past a content warning, then to step ``index``."""
        A, S = self.Act, self.Screen
        self.home()
        pos = [m.id for m in self.library.modules].index(module_id)
        for _ in range(pos // 8):
            self.act(A.NEXT)
        self.act(A.CHOOSE, pos % 8 + 1)
        self.act(A.CHOOSE, pos % 8 + 1)
        if self.session.state.screen == S.WARNING:
            self.act(A.ACTIVATE)
        for _ in range(index):
            self.act(A.NEXT)
        state = self.session.state
        assert state.screen == S.STEP and state.module == module_id and state.index == index, state

    def settle(self) -> None:
        self.waiter.sleep(0.3)


def clip_for(spoken: list[tuple[str, str]], key: str) -> str | None:
    return next((path for k, path in spoken if k == key), None)


# ---------------------------------------------------------------------------------- walk
def walk_kiosk() -> int:
    """Every module from its home tile through every step, question and the end, like a learner."""
    k = Kiosk()
    A, S = k.Act, k.Screen
    k.paint.arm(k.win.attract)
    k.waiter.wait(lambda: k.paint.painted, 5.0)
    rss_start = vm("VmRSS")
    samples: list[dict] = []
    misses = 0

    def measured(act, n: int = 0) -> None:  # type: ignore[no-untyped-def]
        nonlocal misses
        before = k.session.state.screen
        k.t_rendered = None
        t0 = now()
        out = k.act(act, n)
        t_act = now()
        if not out.changed:
            return
        k.paint.arm(k.win.stack.currentWidget())
        if not k.waiter.wait(lambda: k.paint.painted, 2.0):
            misses += 1
            return
        samples.append({"from": before.value, "to": out.state.screen.value,
                        "ms": (k.paint.t_done - t0) * 1000,
                        "act_ms": (t_act - t0) * 1000,
                        "rendered_ms": ((k.t_rendered or t_act) - t0) * 1000,
                        "rss_mib": round(vm("VmRSS"), 2)})
        k.waiter.sleep(0.03)  # a learner never presses faster than this

    by_module: list[float] = []  # RSS after each module: what grows, and when
    measured(A.ACTIVATE)  # attract → languages
    measured(A.CHOOSE, 1)
    measured(A.CHOOSE, 1)  # → home
    modules = list(k.library.modules)
    for i, mod in enumerate(modules):
        if k.session.state.screen != S.HOME:
            measured(A.HOME)
        for _ in range(i // 8):
            measured(A.NEXT)
        measured(A.CHOOSE, i % 8 + 1)
        measured(A.CHOOSE, i % 8 + 1)
        for _ in range(200):
            screen = k.session.state.screen
            if screen == S.END:
                break
            if screen == S.QUESTION:
                measured(A.CHOOSE, 1)
                measured(A.CHOOSE, 1)
            else:
                measured(A.NEXT)
        assert k.session.state.module == mod.id and k.session.state.screen == S.END, k.session.state
        measured(A.HOME)
        measured(A.CHOOSE, 9)  # the help tile, ninth on every home page: heard, then opened
        measured(A.CHOOSE, 9)
        assert k.session.state.screen == S.HELP, k.session.state
        measured(A.HOME)
        by_module.append(round(vm("VmRSS"), 1))
    k.waiter.sleep(0.5)
    finish({"samples": samples, "misses": misses, "modules": len(modules), "rss_by_module": by_module,
            "peak_mib": vm("VmHWM"), "rss_mib": vm("VmRSS"), "rss_start_mib": rss_start})
    return 0


# ---------------------------------------------------------------------------------- interact
def press_series(waiter: Waiter, voice: VoiceWatch, paint: PaintWatch, count: int, press, expect,  # type: ignore[no-untyped-def]
                 target, first=None) -> dict:
    """``count`` presses; each: press(i), then wait for the new clip's position to advance.
    ``first(i)``, untimed, comes before each press (a fixed button's first touch only says it)."""
    import random

    rng = random.Random(5)
    out: dict[str, list[float]] = {"report": [], "onset": [], "playing": [], "painted": [], "call": []}
    misses = 0
    for i in range(count):
        if first is not None:
            first(i)
            waiter.sleep(0.05)
        paint.arm(target())  # before the press: a window-system event may be dispatched at once
        t0 = now()
        voice.arm(t0, lambda i=i: expect(i))
        press(i)
        t_call = now()
        if not waiter.wait(lambda: voice.heard and paint.painted, 3.0):
            misses += 1
            continue
        out["report"].append((voice.t_report - t0) * 1000)
        out["onset"].append((voice.onset - t0) * 1000)
        out["playing"].append(((voice.t_playing or voice.t_report) - t0) * 1000)
        out["painted"].append((paint.t_done - t0) * 1000)
        out["call"].append((t_call - t0) * 1000)
        waiter.sleep(rng.uniform(0.05, 0.2))
    return {**out, "misses": misses}


def quick_exit_series(waiter: Waiter, voice: VoiceWatch, paint: PaintWatch, count: int, setup, window,  # type: ignore[no-untyped-def]
                      neutral, is_neutral, player, pcm=None) -> dict:
    """Alternately Shift×3 and the exit button, each during a lesson step whose clip is playing.

    Timed from the event that quits (the third Shift, the click) to the neutral screen painted
    and the player stopped, whichever is later.
    """
    import random

    from PySide6.QtCore import Qt

    rng = random.Random(7)
    out: dict[str, list[float]] = {"shift": [], "button": []}
    misses = 0
    stopped_state = player.PlaybackState.StoppedState

    def playing() -> bool:  # on the player, or on the kiosk's in-memory path
        return player.playbackState() == player.PlaybackState.PlayingState or bool(pcm and pcm.playing)

    for i in range(count):
        method = ("shift", "button")[i % 2]
        setup(i)
        voice.arm(now())
        waiter.wait(lambda: voice.heard or bool(pcm and pcm.playing), 3.0)  # a decoded clip: at once
        waiter.sleep(rng.uniform(0.05, 0.3))
        if not playing():
            misses += 1
            continue
        if method == "shift":
            for _ in range(2):
                press_key(window, Qt.Key.Key_Shift)
        paint.arm(neutral())
        t0 = now()
        voice.arm(t0)
        if method == "shift":
            press_key(window, Qt.Key.Key_Shift)
        else:
            click(window, window.exit_button)
        t_call = now()
        ok = waiter.wait(lambda: paint.painted and player.playbackState() == stopped_state
                         and not (pcm and pcm.playing), 2.0)
        if not ok or not is_neutral():
            misses += 1
            continue
        t_stopped = voice.t_stopped if voice.t_stopped is not None else t_call
        out[method].append((max(paint.t_done, t_stopped) - t0) * 1000)
    return {**out, "misses": misses}


def interact_kiosk() -> int:
    from PySide6.QtCore import Qt

    k = Kiosk()
    A, S = k.Act, k.Screen
    k.paint.arm(k.win.attract)
    k.waiter.wait(lambda: k.paint.painted, 5.0)
    if not activate(k.win, k.waiter):
        raise SystemExit("the kiosk window never became active")
    k.settle()
    plain = next(m for m in k.library.modules if not m.sensitive and len(m.steps) >= 3)
    sensitive = next((m for m in k.library.modules if m.sensitive), plain)
    n = len(plain.steps)

    def bounce(i: int) -> int:
        """Step index after press i when going right to the end, then left to the start, and so on."""
        period = 2 * (n - 1)
        j = (i + 1) % period
        return j if j <= n - 1 else period - j

    def expect(i: int) -> str | None:
        return clip_for(k.spoken, plain.steps[bounce(i)].text.key)

    def key_press(i: int) -> None:
        k.spoken.clear()
        forward = bounce(i) > (bounce(i - 1) if i else 0)
        press_key(k.win, Qt.Key.Key_Right if forward else Qt.Key.Key_Left)

    def click_press(i: int) -> None:
        k.spoken.clear()
        forward = bounce(i) > (bounce(i - 1) if i else 0)
        click(k.win, k.win.buttons[A.NEXT if forward else A.BACK])

    def click_first(i: int) -> None:  # the first touch of a fixed button says what it does
        click_press(i)

    result: dict = {"module": plain.id, "steps": n}
    for name, press in (("key", key_press), ("click", click_press)):
        if not series(name):
            continue
        k.open_module(plain.id, 0)
        k.settle()
        done = press_series(k.waiter, k.voice, k.paint, 50, press, expect, lambda: k.win.picture,
                            click_first if name == "click" else None)
        if k.session.state.module != plain.id or k.session.state.screen != S.STEP:
            done["misses"] += 1000  # the presses left the lesson: the measure is wrong
        result[f"touch_{name}"] = done

    def setup(i: int) -> None:
        k.open_module(sensitive.id, 1 + i % (len(sensitive.steps) - 1))

    if series("quick"):
        result["quick_exit"] = quick_exit_series(
            k.waiter, k.voice, k.paint, 40, setup, k.win, lambda: k.win.neutral or k.win.picture,
            lambda: k.session.state.screen == S.NEUTRAL, k.player, k.pcm)
    if series("slow"):
        result["quick_exit_slow_picture"] = slow_picture_exits(k, setup, 20)
    finish(result)


def heaviest_allowed_picture() -> str:
    """As slow to draw as a picture may be: as many shapes as the picture budget allows
    (kiosk/core/content/svgcheck.py), large, overlapping and translucent."""
    from kiosk.core.content.svgcheck import MAX_ELEMENTS

    shapes = "".join(f'<circle cx="{(i * 37) % 100}" cy="{(i * 53) % 100}" r="{5 + i % 20}" '
                     f'fill="#{(i * 997) % 4096:03x}" fill-opacity="0.5" stroke="#000"/>'
                     for i in range(MAX_ELEMENTS - 1))
    return f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">{shapes}</svg>'


def slow_picture_exits(k, setup, count: int) -> list[float]:  # type: ignore[no-untyped-def]
    """Shift×3 arrives while a lesson step draws the heaviest picture the budget allows: the presses
    are queued first, then the picture is drawn on the UI thread, and the presses wait behind it.
    Timed from the presses to the neutral screen painted."""
    import tempfile

    from PySide6.QtCore import QCoreApplication, QEvent, Qt
    from PySide6.QtGui import QKeyEvent

    from kiosk.core.content.svgcheck import inspect_bytes

    svg = heaviest_allowed_picture()
    assert inspect_bytes(svg.encode()) is None, "the bench's picture must be within the budget"
    folder = Path(tempfile.mkdtemp(prefix="willay-bench-pictures-"))
    own, k.win.pictures.folder = k.win.pictures.folder, folder
    out: list[float] = []
    try:
        for i in range(count):
            setup(i)
            k.settle()
            name = f"heavy-{i}"  # a new file each time: drawn, never taken from a cache
            (folder / f"{name}.svg").write_text(svg, encoding="utf-8")
            handle = k.win.windowHandle()
            k.paint.arm(k.win.neutral or k.win.picture)
            t0 = now()
            for _ in range(3):
                for etype in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                    QCoreApplication.postEvent(handle, QKeyEvent(etype, Qt.Key.Key_Shift,
                                                                 Qt.KeyboardModifier.NoModifier))
            k.win.picture.show_picture(name, "", 0, 1)  # drawn now: the label is on the screen
            if k.waiter.wait(lambda: k.paint.painted and k.session.state.screen == k.Screen.NEUTRAL, 5.0):
                out.append((k.paint.t_done - t0) * 1000)
    finally:
        k.win.pictures.folder = own
    return out
    return 0


def interact_bare() -> int:
    from PySide6.QtCore import Qt

    win = window_of("BareWindow")
    waiter = Waiter()
    paint = PaintWatch(waiter)
    voice = VoiceWatch(win.player, waiter)
    paint.arm(win)
    waiter.wait(lambda: paint.painted, 5.0)
    if not activate(win, waiter):
        raise SystemExit("the bare window never became active")
    waiter.sleep(0.3)
    result: dict = {}

    def key_press(i: int) -> None:
        press_key(win, Qt.Key.Key_Right if (i // 7) % 2 == 0 else Qt.Key.Key_Left)

    def expect(_i: int) -> str:
        return win.player.source().toLocalFile()

    if series("key"):
        # each press shows the other of the two step pages (±1 flips the parity of the index)
        result["touch_key"] = press_series(waiter, voice, paint, 50, key_press, expect,
                                           lambda: win.pages[(win.index + 1) % 2])

    # screen change: the bare equivalent of KioskWindow.act (a page, a text, a clip), then painted
    samples = []
    for i in range(120 if series("screen") else 0):
        t0 = now()
        win.step(1 if (i // 7) % 2 == 0 else -1)
        paint.arm(win.stack.currentWidget())
        if waiter.wait(lambda: paint.painted, 2.0):
            samples.append((paint.t_done - t0) * 1000)
        waiter.sleep(0.03)
    if samples:
        result["screen"] = samples

    def setup(i: int) -> None:
        win.step(1)

    if series("quick"):
        result["quick_exit"] = quick_exit_series(
            waiter, voice, paint, 40, setup, win, lambda: win.pages[2],
            lambda: win.stack.currentWidget() is win.pages[2], win.player)
    finish(result)
    return 0


# ---------------------------------------------------------------------------------- main
PROCEDURES = {
    ("startup", "kiosk"): startup_kiosk, ("startup", "bare"): startup_bare,
    ("startup", "bare-av"): lambda: startup_bare(av=True),
    ("walk", "kiosk"): walk_kiosk, ("memory", "bare"): memory_bare,
    ("memory", "bare-av"): lambda: memory_bare(av=True),
    ("interact", "kiosk"): interact_kiosk, ("interact", "bare"): interact_bare,
}


def main() -> None:
    mode, target = sys.argv[1], sys.argv[2]
    procedure = PROCEDURES[(mode, target)]
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.exec = procedure  # type: ignore[method-assign]  # run() calls app.exec(): we measure there
    if target == "kiosk":
        from kiosk.cli import main as kiosk_main

        sys.exit(kiosk_main([]))
    script = BENCH / ("bare_ui.py" if mode == "interact" else "bare_window.py")
    sys.argv = [str(script)]
    runpy.run_path(str(script), run_name="__main__")


if __name__ == "__main__":
    main()
