"""The disclosure audit: from every published number and every sum the export implies, can an
attacker narrow a suppressed count? For each suppressed cell, linear programming finds the least
and the most it can be; both 0 and k must stay possible (scipy: tests only, never the kiosk)."""

from __future__ import annotations

import random

import pytest
from scipy.optimize import linprog

from kiosk.core.model import Event
from kiosk.core.usage import insights
from kiosk.core.usage.simulate import month

K = 10


def implied_sums(cells: dict) -> list[tuple[tuple, tuple, bool]]:
    """(parent, parts, has_rest): what an attacker knows of how the numbers add up. The hierarchy
    (a total = its parts) comes from the export's own rules; the relations between kinds are
    written out here again, independently of ``insights``: lessons started = completed + the
    unfinished (unknown, ≥ 0), quick exits = visits ended by quick exit, idle resets likewise."""
    sums = [(g.parent, g.parts, False) for g in insights.groups(cells) if g.rest is None
            and g.parent[1] not in ("quick_exit", "idle_reset")]
    for cell in cells:
        if cell[1] == "module_opened":
            done = (cell[0], "lesson_completed", *cell[2:])
            sums.append((cell, (done,), True))
        if cell[1] == "exercise_started":  # the practice phone: started = completed + unfinished
            done = (cell[0], "exercise_completed", *cell[2:])
            sums.append((cell, (done,), True))
    for period in {c[0] for c in cells}:
        for kind in ("quick_exit", "idle_reset"):
            sums.append(((period, kind, "*", "", "", ""), ((period, "visit_ended", "", "", kind, "*"),),
                         False))
    return sums


def audit(cells: dict, shown: dict, k: int = K) -> list[str]:
    """The suppressed cells (and unpublished differences) whose feasible range misses 0 or k."""
    hidden = sorted(c for c in cells if c not in shown)
    sums = implied_sums(cells)
    index = {c: i for i, c in enumerate(hidden)}
    rests = [j for j, (_p, _parts, has_rest) in enumerate(sums) if has_rest]
    n = len(hidden) + len(rests)
    rest_var = {j: len(hidden) + r for r, j in enumerate(rests)}
    rows, rhs = [], []
    truth: dict[int, tuple[str, int]] = {index[c]: (str(c), cells[c]) for c in hidden}
    for j, (parent, parts, has_rest) in enumerate(sums):
        # parent − Σ parts − rest = 0, published numbers moved to the right-hand side
        row = [0.0] * n
        b = 0.0
        for cell, sign in [(parent, 1.0)] + [(p, -1.0) for p in parts]:
            if cell in index:
                row[index[cell]] += sign
            else:
                b -= sign * shown.get(cell, 0)
        if has_rest:
            row[rest_var[j]] = -1.0
            rest = cells.get(parent, 0) - sum(cells.get(p, 0) for p in parts)
            truth[rest_var[j]] = (f"{parent} minus its parts", max(rest, 0))
        if any(row):
            rows.append(row)
            rhs.append(b)
    bad = []
    for i, (name, true) in sorted(truth.items()):
        if i >= len(hidden) and not 0 < true < k:
            continue  # an unpublished difference of 0 or ≥ k reveals nothing small
        objective = [0.0] * n
        objective[i] = 1.0
        low = linprog(objective, A_eq=rows or None, b_eq=rhs or None, bounds=[(0, None)] * n)
        objective[i] = -1.0
        high = linprog(objective, A_eq=rows or None, b_eq=rhs or None, bounds=[(0, None)] * n)
        assert low.status == 0 and high.status in (0, 3), (name, low.message, high.message)
        top = float("inf") if high.status == 3 else -high.fun
        if low.fun > 1e-6 and 0 < true < k:
            bad.append(f"{name}: at least {low.fun:g}")
        if top < k - 1e-6:
            bad.append(f"{name}: at most {top:g}")
    return bad


def many_small_cells(seed: int) -> dict:
    rng = random.Random(seed)
    counts: dict = {}
    for visit in month(rng.choice((2, 4, 6, 12)), days=rng.choice((7, 30)), seed=seed):
        for e in visit:
            cell = (e.day, e.kind, e.language or "", e.module or "", e.item or "", e.value or "")
            counts[cell] = counts.get(cell, 0) + 1
    return counts


@pytest.mark.parametrize("seed", range(8))
@pytest.mark.parametrize(("period", "k"), [("month", 10), ("week", 10), ("month", 15)])
def test_no_suppressed_count_can_be_narrowed(seed, period, k) -> None:
    cells = insights.aggregate(many_small_cells(seed), period)
    shown = insights.suppress(cells, k)
    assert len(shown) < len(cells)  # the seeds do hide things
    assert audit(cells, shown, k) == []


def test_the_audit_catches_primary_suppression_alone() -> None:
    """Without complementary suppression a hidden language is total − the others."""
    counts = {("2026-11-02", "session_started", "es", "", "", ""): 40,
              ("2026-11-02", "session_started", "qu", "", "", ""): 3}
    cells = insights.aggregate(counts)
    primary = {c: n for c, n in cells.items() if n >= K}
    assert audit(cells, primary)
    assert audit(cells, insights.suppress(cells, K)) == []


def test_a_lesson_left_unfinished_is_not_a_difference_of_two_numbers() -> None:
    day = "2026-11-02"
    events = [Event("module_opened", day, "es", "myths")] * 14 + [
        Event("lesson_completed", day, "es", "myths")] * 13
    counts: dict = {}
    for e in events:
        cell = (e.day, e.kind, e.language, e.module, "", "")
        counts[cell] = counts.get(cell, 0) + 1
    cells = insights.aggregate(counts)
    assert audit(cells, insights.suppress(cells, K)) == []


def with_practice(counts: dict, seed: int) -> dict:
    """The practice phone's started / completed counts (a few, mostly small) added to a month."""
    rng = random.Random(seed)
    out = dict(counts)
    for _ in range(rng.randrange(20, 80)):
        day = f"2026-11-{rng.randrange(1, 29):02d}"
        lang = rng.choice(("es", "es", "qu", "ay"))
        exercise = rng.choice(("call-line-100", "trusted-contact", "screen-lock-pin", "find-chat-100"))
        kinds = ["exercise_started"] + (["exercise_completed"] if rng.random() < 0.7 else [])
        for kind in kinds:
            cell = (day, kind, lang, exercise, "", "")
            out[cell] = out.get(cell, 0) + 1
    return out


@pytest.mark.parametrize("seed", range(6))
def test_practice_phone_counts_pin_nothing(seed) -> None:
    cells = insights.aggregate(with_practice(many_small_cells(seed), seed), "month")
    assert any(c[1] == "exercise_started" for c in cells)
    shown = insights.suppress(cells, K)
    assert audit(cells, shown, K) == []


def test_goal_tries_hints_and_show_me_stay_in_the_kiosk() -> None:
    """Not exported until the audit models how a goal's buckets add up to completions."""
    counts = {("2026-11-02", kind, "es", "call-line-100", "dial", "1"): 50 for kind in insights.NOT_EXPORTED}
    assert insights.aggregate(counts) == {}
