"""``make bench``: every measure of issue 5, each against a baseline measured in this run; one table.

    python bench/run.py [--only 1,2,...] [--json PATH]

Each measure runs in fresh processes; bench/README.md says what each one does and how to read
the table. The kiosk is always the real one: ``probe.py`` starts it through ``kiosk.cli.main``
with a temporary WILLAY_DATA_DIR that holds a clip for every text. Exit status 1 when a budget
is missed (or a measure broke). The raw numbers go to bench/results/latest.json.
"""

from __future__ import annotations

import argparse
import compileall
import importlib.util
import json
import math
import platform
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from common import (
    BENCH,
    CONTENT,
    ROOT,
    median,
    p95,
    place_clips,
    probe_env,
    run_probe,
    screen_config,
    sound_device,
    vorbis_available,
)

STARTUP_RUNS = 15  # rounds after one warm-up; this VM's start-ups vary by ±30% from one minute to the next
TOUCH_BUDGET = "p95 ≤ 100 ms, ≤ 1.5×"
TOUCH_BUDGET_BUNDLED = "p95 ≤ 35 ms, ≤ 1.5×"  # issue 15.10: faster than a bare player


@dataclass
class Row:
    measure: str
    median: str
    p95: str = ""
    baseline: str = ""
    ratio: str = ""
    budget: str = ""
    result: str = "info"  # pass | FAIL | info | pending | error
    note: str = ""
    raw: dict = field(default_factory=dict)


def ms(x: float | None) -> str:
    if x is None or math.isnan(x):
        return "–"
    return f"{x:.0f} ms" if x >= 100 else f"{x:.1f} ms" if x >= 1 else f"{x:.3f} ms"


def mib(x: float) -> str:
    return f"{x:.0f} MiB" if x >= 10 else f"{x:.1f} MiB"


def ratio(a: float, b: float) -> float:
    return a / b if b else math.nan


def times(x: float, digits: int = 2) -> str:
    return f"{x:.{digits}f}×"


def verdict(ok: bool) -> str:
    return "pass" if ok else "FAIL"


class Bench:
    def __init__(self, tmp: Path, only: set[int]) -> None:
        self.tmp = tmp
        self.only = only
        self.rows: list[Row] = []
        self.raw: dict[str, object] = {}
        self.qpa = screen_config(tmp)
        self.ext = ".opus" if vorbis_available() else ".wav"  # what `kiosk voices render` ships
        self.data = tmp / "data"
        self.clips = place_clips(self.data, self.ext)
        self._content_mib: float | None = None
        self._bare_screen: list[float] = []

    def add(self, measure: str, median_: str, **cells: str) -> None:
        self.rows.append(Row(measure, median_, **cells))

    def env(self, data: Path | None = None, **extra: str) -> dict[str, str]:
        return {**probe_env(self.qpa, data or self.data), **extra}

    def probe(self, *args: str, data: Path | None = None, **extra: str) -> tuple[dict, float]:
        return run_probe([str(BENCH / "probe.py"), *args], self.env(data, **extra))

    def wanted(self, number: int) -> bool:
        return not self.only or number in self.only

    def measure(self, numbers: set[int], name: str, fn: Callable[[], None]) -> None:
        if self.only and not self.only & numbers:
            return
        t0 = time.monotonic()
        try:
            fn()
        except Exception as exc:  # a broken measure is a row, not the end of the run
            traceback.print_exc(file=sys.stderr)
            self.add(f"{min(numbers)} {name}", "–", result="error", note=str(exc).splitlines()[0][:100])
        print(f"  {name}: {time.monotonic() - t0:.0f} s", file=sys.stderr, flush=True)

    def run(self) -> None:
        print(f"willay bench: {self.clips['clips']} clips ({self.ext}) in {self.tmp}", file=sys.stderr)
        self.measure({1}, "1 start-up", self.startup)
        self.measure({2, 4}, "2 touch to voice, 4 quick exit", self.interactive)
        self.measure({3, 7}, "3 screen change, 7 memory", self.walk)
        self.measure({5}, "5 usage log", self.usage)
        self.measure({6}, "6 content scale", self.content)
        self.measure({8}, "8 bundle", self.bundle)
        self.measure({9}, "9 usage month", self.usage_month)
        self.rows.sort(key=lambda r: r.measure[:1])  # stable: each measure's rows stay in order

    # ------------------------------------------------------------------ 1 start-up
    def startup(self) -> None:
        runs: dict[str, list[float]] = {"bare": [], "kiosk": [], "bare-av": []}
        onset: list[float] = []
        for run in range(STARTUP_RUNS + 1):
            for target in runs:  # interleaved, so a busy moment hits all three alike
                result, started = self.probe("startup", target)
                if not result["ok"]:
                    raise RuntimeError(f"{target} start-up not seen: {result}")
                if run == 0:
                    continue  # warm-up: the first start reads every library from disk
                runs[target].append((result["t_ready"] - started) * 1000)
                if target == "kiosk" and result.get("t_onset"):
                    onset.append((result["t_onset"] - started) * 1000)
        k, b, av = runs["kiosk"], runs["bare"], runs["bare-av"]
        # Each round's kiosk start over the bare start of the same round, then the median: a busy
        # moment of the machine slows both starts of its round and leaves their ratio alone.
        paired = [kt / bt for kt, bt in zip(k, b, strict=True)]
        r = median(paired)
        self.raw["startup"] = {"kiosk_ms": k, "bare_ms": b, "bare_av_ms": av, "kiosk_onset_ms": onset,
                               "paired_ratios": paired}
        self.add("1 start-up: attract painted + prompt playing", ms(median(k)), p95=ms(p95(k)),
                 baseline=ms(median(b)), ratio=times(r), budget="≤ 1.5× bare", result=verdict(r <= 1.5),
                 note=f"{len(k)} rounds (bare, kiosk, bare + player); ratio = median of each round's "
                      f"kiosk ÷ bare (ratio of the medians: {times(ratio(median(k), median(b)))}); "
                      "baseline = the 10-line PySide6 window (bare_window.py)")
        self.add("1 start-up → prompt audible (onset)", ms(median(onset)), p95=ms(p95(onset)),
                 note="when the attract prompt's playback began, by the player's clock")
        self.add("1 start-up: bare window + QMediaPlayer playing", ms(median(av)), p95=ms(p95(av)),
                 baseline=ms(median(b)), ratio=times(ratio(median(av), median(b))),
                 note="the floor for any window that speaks as it starts (same marks as the kiosk)")

    # ------------------------------------------------------------------ 2 and 4: presses
    def interactive(self) -> None:
        with sound_device(self.tmp) as device:  # both with the same device (or both without)
            kiosk, _ = self.probe("interact", "kiosk", BENCH_SERIES="key,click,quick,slow", **device)
            bare, _ = self.probe("interact", "bare", BENCH_SERIES="key,screen,quick", **device)
        if self.ext == ".opus":  # no device: on the null sink a bare player's WAV clock lags by ~2 s
            self.touch_wav({})
        self.raw["interact"] = {"kiosk": kiosk, "bare": bare, "clip": self.ext, "device": bool(device)}
        sound = "PulseAudio null sink" if device else "no sound device: every clip on the QMediaPlayer"
        self._bare_screen = bare.get("screen", [])
        fmt = "Ogg Opus, as bundled" if self.ext == ".opus" else "WAV"
        base = bare["touch_key"]["report"]
        for name, label in (("touch_key", "key"), ("touch_click", "tap on Next/Back")):
            series = kiosk[name]
            xs = series["report"]
            r = ratio(median(xs), median(base))
            ok = p95(xs) <= 35 and r <= 1.5 and series["misses"] == 0
            self.add(f"2 touch→voice, {label} ({fmt})", ms(median(xs)), p95=ms(p95(xs)),
                     baseline=ms(median(base)), ratio=times(r), budget=TOUCH_BUDGET_BUNDLED,
                     result=verdict(ok),
                     note=f"{sound}; {len(xs)} presses, {series['misses']} missed; until the position "
                          "first advanced, or a decoded clip's first samples went to the device "
                          f"(onset p95 {ms(p95(series['onset']))}); "
                          f"screen painted p95 {ms(p95(series['painted']))}")
        if self.wanted(4):
            self.quick_exit(kiosk["quick_exit"], bare["quick_exit"])
            slow = kiosk.get("quick_exit_slow_picture", [])
            ok = bool(slow) and p95(slow) <= 100
            self.add("4 quick exit while the slowest allowed picture renders", ms(median(slow)),
                     p95=ms(p95(slow)), budget="p95 ≤ 100 ms", result=verdict(ok),
                     note=f"{len(slow)} of 20 exits: Shift×3 queued, then a picture at the budget's edge "
                          "(299 large translucent shapes) drawn on the UI thread; over it, never drawn")
        if "interact_wav" in self.raw:
            self.touch_wav_row(self.raw["interact_wav"])  # type: ignore[arg-type]

    def touch_wav(self, device: dict[str, str]) -> None:
        """Live speech is cached as WAV; FFmpeg reports a WAV position one 92 ms packet after it starts."""
        data = self.tmp / "data-wav"
        place_clips(data, ".wav")
        kiosk, _ = self.probe("interact", "kiosk", data=data, BENCH_SERIES="key", **device)
        bare, _ = self.probe("interact", "bare", data=data, BENCH_SERIES="key", **device)
        self.raw["interact_wav"] = {"kiosk": kiosk, "bare": bare}

    def touch_wav_row(self, raw: dict) -> None:
        kiosk, bare = raw["kiosk"], raw["bare"]
        series, base = kiosk["touch_key"], bare["touch_key"]
        xs = series["onset"]
        r = ratio(median(xs), median(base["onset"]))
        ok = p95(xs) <= 100 and r <= 1.5 and series["misses"] == 0
        self.add("2 touch→voice, key (WAV 22 kHz, speech cache)", ms(median(xs)), p95=ms(p95(xs)),
                 baseline=ms(median(base["onset"])), ratio=times(r), budget=TOUCH_BUDGET, result=verdict(ok),
                 note="onset = first report − position; the first report itself: "
                      f"p95 {ms(p95(series['report']))}"
                      f" (bare {ms(p95(base['report']))}); {series['misses']} missed")

    def quick_exit(self, kiosk: dict, bare: dict) -> None:
        for method, label in (("shift", "Shift×3"), ("button", "exit button")):
            xs, base = kiosk[method], bare[method]
            self.add(f"4 quick exit, {label} → neutral painted, silent", ms(median(xs)), p95=ms(p95(xs)),
                     baseline=ms(median(base)), ratio=times(ratio(median(xs), median(base)), 1),
                     budget="p95 ≤ 100 ms", result=verdict(p95(xs) <= 100 and kiosk["misses"] == 0),
                     note=f"{len(xs)} exits while a lesson step was playing; {kiosk['misses']} missed in all")

    # ------------------------------------------------------------------ 3 and 7: the walk
    def walk(self) -> None:
        """Every module walked in the real window: screen changes (3) and peak memory (7).

        Twice on one new data folder: the first start ever (the usage writer creates the log's
        schema with sqlite-utils), then a start like every later one, which is what is budgeted."""
        data = self.tmp / "data-walk"
        place_clips(data, self.ext)
        first, _ = self.probe("walk", "kiosk", data=data)
        result, _ = self.probe("walk", "kiosk", data=data)
        self.raw["walk"], self.raw["walk_first_start"] = result, first
        if self.wanted(3):
            xs = [s["ms"] for s in result["samples"]]
            base = self._bare_screen or self.probe("interact", "bare", BENCH_SERIES="screen")[0]["screen"]
            ok = p95(xs) <= 33 and result["misses"] == 0
            self.add("3 screen change: action → painted", ms(median(xs)), p95=ms(p95(xs)),
                     baseline=ms(median(base)), ratio=times(ratio(median(xs), median(base)), 1),
                     budget="p95 ≤ 33 ms", result=verdict(ok),
                     note=f"{len(xs)} changes walking {result['modules']} modules (pictures drawn the first "
                          f"time), {result['misses']} never painted; "
                          "baseline = bare_ui.py page + text + clip")
        if self.wanted(7):
            bare = median([self.probe("memory", "bare")[0]["peak_mib"] for _ in range(3)])
            av = median([self.probe("memory", "bare-av")[0]["peak_mib"] for _ in range(3)])
            content = self.content_mib()
            # Issue 14: the floor is the bare window with Qt Multimedia and FFmpeg playing (the
            # fixed audio stack), not the bare window alone.
            limit = 1.15 * av + content
            peak = result["peak_mib"]
            self.add("7 memory: peak RSS after walking every module", mib(peak), baseline=mib(av),
                     ratio=times(peak / av, 2), budget=f"≤ 1.15× bare + player + content = {mib(limit)}",
                     result=verdict(peak <= limit),
                     note=f"content = {mib(content)} (the loaded library); RSS once started "
                          f"{mib(result['rss_start_mib'])}; baseline = bare_window.py playing a clip on a "
                          f"QMediaPlayer, median of 3 (the bare window alone: {mib(bare)})")
            self.add("7 memory: the same walk on the first start ever", mib(first["peak_mib"]),
                     baseline=mib(bare), ratio=times(first["peak_mib"] / bare, 1),
                     note="once per install (the usage writer creates its table)")
            self.add("7 memory: bare window + QMediaPlayer playing", mib(av), baseline=mib(bare),
                     ratio=times(av / bare, 1), note="what Qt Multimedia and FFmpeg add to the bare window")

    # ------------------------------------------------------------------ 5 usage log
    def usage(self) -> None:
        result, _ = run_probe([str(BENCH / "usage_bench.py"), str(self.tmp / "usage")], self.env())
        self.raw["usage"] = result
        cost, vol = result["cost"], result["volume"]
        rec, base = cost["record_ms"], cost["baseline_ms"]
        self.add("5 usage log: record() on the UI thread", ms(rec["median"]), p95=ms(rec["p95"]),
                 baseline=ms(base["median"]), ratio=times(ratio(rec["median"], base["median"]), 1),
                 budget="median ≤ 0.2 ms", result=verdict(rec["median"] <= 0.2 and cost["dropped"] == 0),
                 note=f"{rec['n']:,} events in bursts, writer thread busy; baseline = queue.Queue.put")
        lost = 100_000 - vol["written"]
        self.add("5 usage log: sustained to disk", f"{vol['events_per_s']:,.0f} ev/s",
                 baseline=f"{vol['baseline_events_per_s']:,.0f} ev/s",
                 ratio=times(ratio(vol["events_per_s"], vol["baseline_events_per_s"])),
                 result="info" if lost == 0 else "FAIL",
                 note="100,000 events; baseline = one sqlite3 executemany, old one-row-per-event table"
                      + (f"; {lost} events LOST" if lost else ""))
        self.add("5 usage log: 100,000 events on disk", mib(vol["bytes"] / 2**20),
                 baseline=mib(vol["csv_bytes"] / 2**20),
                 ratio=times(ratio(vol["bytes"], vol["csv_bytes"]), 1),
                 note=f"{vol['bytes'] / 100_000:.0f} bytes per event as counters (one row per cell); "
                      "baseline = the rows as CSV")

    # ------------------------------------------------------------------ 9 a month of usage (issue 13)
    def usage_month(self) -> None:
        result, _ = run_probe([str(BENCH / "usage_month.py"), str(self.tmp / "month")], self.env())
        self.raw["usage_month"] = result
        for m in result["months"]:
            ok = m["small_listed"] == 0 and (m["visits_per_day"] != 6 or (
                m["sessions"] >= 0.8 and m["lesson_starts"] >= 0.7))
            self.add(f"9 usage month, {m['visits_per_day']}±3 visits/day: export",
                     f"{m['export_ms']:.0f} ms", budget="6/day: ≥ 80 % sessions, ≥ 70 % starts",
                     result=verdict(ok),
                     note=f"visible: sessions {m['sessions']:.0%}, lesson starts {m['lesson_starts']:.0%}, "
                          f"completions {m['completions']:.0%}; {m['visits']} visits, {m['events']:,} "
                          f"events, store {m['store_bytes'] / 1024:.0f} KiB; {m['small_listed']} counts 1–9")

    # ------------------------------------------------------------------ 6 content scale
    def content_runs(self, folder: Path, name: str, budget_s: float = 12.0) -> dict:
        """A first start on a fresh data folder, then later starts on it (≤ 3, as time allows)."""
        data = self.tmp / f"content-data-{name}"
        script = str(BENCH / "content_bench.py")
        cold = run_probe([script, str(folder), str(data), "--baseline"], self.env(), timeout=240)[0]
        warm: list[dict] = []
        spent = cold["seconds"]
        while len(warm) < 3 and (not warm or spent + cold["seconds"] < budget_s):
            warm.append(run_probe([script, str(folder), str(data)], self.env(), timeout=240)[0])
            spent += warm[-1]["seconds"]
        return {"cold": cold, "warm": warm}

    def content_mib(self) -> float:
        if self._content_mib is None:
            self._content_mib = self.content_runs(CONTENT, "shipped-mem", 0)["warm"][0]["retained_mib"]
        return self._content_mib

    def content(self) -> None:
        from gen_content import generate

        runs: dict[object, dict] = {"shipped": self.content_runs(CONTENT, "shipped")}
        self._content_mib = runs["shipped"]["warm"][0]["retained_mib"]
        for n in (10, 100, 1000):
            runs[n] = self.content_runs(generate(self.tmp / f"content-{n}", n), str(n))
        self.raw["content"] = {str(k): v for k, v in runs.items()}
        for key, r in runs.items():
            cold, warm = r["cold"], [w["seconds"] * 1000 for w in r["warm"]]
            n = cold["modules"]
            label = f"{n} shipped modules" if key == "shipped" else f"{key:,} generated modules"
            problems = cold["errors"] or (key != "shipped" and n != key)
            budget, ok = ("≤ 1 s", median(warm) <= 1000) if key == 1000 else ("", True)
            base = cold["baseline_seconds"] * 1000
            self.add(f"6 content: start with {label}", ms(median(warm)), p95=ms(p95(warm)), baseline=ms(base),
                     ratio=times(ratio(median(warm), base), 1), budget=budget,
                     result="FAIL" if problems or not ok else ("pass" if budget else "info"),
                     note=f"first start {ms(cold['seconds'] * 1000)} "
                          f"({cold['seconds'] / max(n, 1) * 1000:.1f} ms/module), "
                          f"peak +{mib(cold['peak_mib'])}; "
                          f"{mib(cold['bytes'] / 2**20)} of YAML; {cold['errors']} errors; n={len(warm)}; "
                          "baseline = libyaml parse only")
        for what, unit, get in (("time", "s", lambda r: r["cold"]["seconds"]),
                                ("memory", "MiB", lambda r: r["cold"]["peak_mib"])):
            growth = ratio(get(runs[1000]), get(runs[100]))
            self.add(f"6 content: growth 100 → 1,000 modules ({what})", times(growth, 1), baseline="10×",
                     ratio=times(growth / 10), budget="linear: ≤ 12×", result=verdict(growth <= 12),
                     note=f"first start: {get(runs[100]):.2f} → {get(runs[1000]):.2f} {unit}")

    # ------------------------------------------------------------------ 8 bundle
    def bundle(self) -> None:
        """build.spec's one-folder bundle vs bare_window.py bundled with the same options (bare.spec)."""
        if not (ROOT / "build.spec").exists():
            self.add("8 bundle: one-folder size", "pending: no build.spec yet", result="pending")
            return
        if importlib.util.find_spec("PyInstaller") is None:
            self.add("8 bundle: one-folder size", "pending: PyInstaller not installed", result="pending",
                     note="pip install -e '.[dist]' to measure the bundle")
            return
        sizes, seconds = {}, {}
        work = self.tmp / "pyinstaller-work"
        for name, spec in (("willay", ROOT / "build.spec"), ("bare", BENCH / "bare.spec")):
            t0 = time.monotonic()
            proc = subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
                                   "--distpath", str(self.tmp / "dist"), "--workpath", str(work), str(spec)],
                                  cwd=ROOT, capture_output=True, text=True, timeout=600)
            if proc.returncode:
                raise RuntimeError(f"{spec.name}: PyInstaller failed: {proc.stderr[-300:]}")
            seconds[name] = time.monotonic() - t0
            sizes[name] = folder_bytes(self.tmp / "dist" / name)
        top = largest(self.tmp / "dist" / "willay" / "_internal")
        self.raw["bundle"] = {"bytes": sizes, "build_seconds": seconds, "largest": top}
        k, b = sizes["willay"], sizes["bare"]
        self.add("8 bundle: one-folder size", mib(k / 2**20), baseline=mib(b / 2**20), ratio=times(k / b),
                 note=f"build.spec vs bare_window.py with its options; built in {seconds['willay']:.0f} s; "
                      "largest: " + ", ".join(f"{n} {mib(s / 2**20)}" for n, s in top[:5]))


def folder_bytes(folder: Path) -> int:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file() and not f.is_symlink())


def largest(folder: Path) -> list[tuple[str, int]]:
    """What a bundle is made of: top-level entries (PySide6 split one level deeper)."""
    sizes: dict[str, int] = {}
    for f in folder.rglob("*"):
        if f.is_file() and not f.is_symlink():
            rel = f.relative_to(folder).parts
            key = "/".join(rel[:3]) if rel[0] == "PySide6" else rel[0]
            sizes[key] = sizes.get(key, 0) + f.stat().st_size
    return sorted(sizes.items(), key=lambda kv: -kv[1])[:10]


def table(rows: list[Row]) -> str:
    head = ("measure", "median", "p95", "baseline", "ratio", "budget", "result")
    cells = [head] + [(r.measure, r.median, r.p95, r.baseline, r.ratio, r.budget, r.result) for r in rows]
    widths = [max(len(c[i]) for c in cells) for i in range(len(head))]

    def line(c: tuple[str, ...]) -> str:
        return "| " + " | ".join(x.ljust(w) for x, w in zip(c, widths, strict=True)) + " |"

    out = [line(head), "|" + "|".join("-" * (w + 2) for w in widths) + "|"]
    out += [line(c) for c in cells[1:]]
    return "\n".join(out + ["", "Notes:"] + [f"- {r.measure}: {r.note}" for r in rows if r.note])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", default="", help="comma-separated measure numbers, e.g. 1,3")
    parser.add_argument("--json", default=str(BENCH / "results" / "latest.json"), help="raw results file")
    args = parser.parse_args()
    only = {int(x) for x in args.only.split(",") if x.strip()}
    t0 = time.monotonic()
    # An installed kiosk runs from byte-code (pip and PyInstaller both compile it). A checkout run
    # with PYTHONDONTWRITEBYTECODE=1 (set on some machines) would compile every changed module at
    # every start instead: ~10 ms of measure 1 that no kiosk pays.
    compileall.compile_dir(str(ROOT / "kiosk"), quiet=1)
    with tempfile.TemporaryDirectory(prefix="willay-bench-") as tmp:
        bench = Bench(Path(tmp), only)
        bench.run()
    elapsed = time.monotonic() - t0
    print(f"\nWillay benchmarks — {platform.node()}, {platform.machine()}, "
          f"Python {platform.python_version()}, clips {bench.ext}, "
          f"{time.strftime('%Y-%m-%d %H:%M')}, {elapsed:.0f} s\n")
    print(table(bench.rows))
    out = Path(args.json)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"when": time.strftime("%Y-%m-%d %H:%M"), "elapsed_s": elapsed,
                               "rows": [asdict(r) for r in bench.rows], "raw": bench.raw}, indent=1))
    return 1 if any(r.result in ("FAIL", "error") for r in bench.rows) else 0


if __name__ == "__main__":
    sys.exit(main())
