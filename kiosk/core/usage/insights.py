"""What a programme may see: the log's day counts added up by period over a small hierarchy, with
small counts suppressed and nothing left from which a suppressed count can be derived.

Published cells are (period, kind, language, module, item, value) → count, where ``*`` means "all"
and ``""`` "not applicable". Per kind (``TABLES``):

- sessions, quick exits, idle resets: the total and each language;
- lessons started (``module_opened``) and completed: the total, each language, each module (not
  language × module, which is almost always small at rural scale);
- the heard funnel (``step_heard``): per module and quarter heard, steps added up;
- answers (``question_answered``) per module, question and choice (``dont-know`` included);
  opinions (``attitude_answered``) per statement and ``before:``/``after:`` answer; group sizes;
- how visits ended (``visit_ended``): the total, each ending, each lessons-opened bucket.

Suppression: every count from 1 to k−1 is dropped (not listed at all), then complementary cells
are dropped until, in every sum the export implies (a total and its parts; lessons started =
completed + not completed; quick exits = visits ended by quick exit, but for those of group
sessions and before a language, a rest never published; idle resets likewise), no
hidden part can be pinned: either nothing is hidden, or at least two parts are hidden and together
hold at least k; then chained sums are checked by interval propagation (``_narrowed``) and more is
hidden until nothing can be pinned. ``tests/test_disclosure.py`` checks it with linear programming.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import NamedTuple

from kiosk.core.usage.log import Cell

DEFAULT_K = 10
PERIODS = ("week", "month", "quarter")
ALL = "*"
FIELDS = ("language", "module", "item", "value")
# kind: (fields with an "all" margin, published one at a time; fields kept as they are)
TABLES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "session_started": (("language",), ()),
    "quick_exit": (("language",), ()),
    "idle_reset": (("language",), ()),
    "module_opened": (("language", "module"), ()),
    "lesson_completed": (("language", "module"), ()),
    "step_heard": ((), ("module", "value")),
    "question_answered": ((), ("module", "item", "value")),
    "attitude_answered": ((), ("item", "value")),
    "group_session": ((), ("value",)),
    "visit_ended": (("item", "value"), ()),
    "exercise_started": (("language", "module"), ()),  # the practice phone: like lessons
    "exercise_completed": (("language", "module"), ()),
    "hands_counted": ((), ("module", "item", "value")),  # a group's show of hands, per choice
    "group_course": ((), ("language", "module", "item", "value")),  # one cell per group session
    "~unfinished": (("language", "module"), ()),  # never published: opened − completed
    "~unfinished-exercise": (("language", "module"), ()),  # never published: started − completed
}
UNFINISHED = "~unfinished"
# Kinds counted when something starts, the kind counted when it ends, and the never-published
# difference between them (what was left unfinished).
PAIRS = {"module_opened": ("lesson_completed", UNFINISHED),
         "exercise_started": ("exercise_completed", "~unfinished-exercise")}
UNFINISHED_KINDS = {left: done for done, left in PAIRS.values()}
# Not exported (yet): a goal's tries buckets, hints and "show me" of the practice phone. Their sums
# meet the completions through the content (the last goal's buckets add up to the exercise's
# completions), which the disclosure audit does not model; they stay in the kiosk's own counts.
NOT_EXPORTED = ("exercise_goal", "exercise_hint", "exercise_show_me")
# Kinds whose totals equal one cell of another kind: (kind, visit_ended item)
SAME_TOTAL = (("quick_exit", "quick_exit"), ("idle_reset", "idle_reset"))


class Group(NamedTuple):
    """parent = sum(parts) (+ ``rest``, a never-published non-negative part, when not None)."""

    parent: Cell
    parts: tuple[Cell, ...]
    rest: int | None = None


def period_of(day: str, period: str) -> str:
    """``2026-11-26`` → ``2026-11`` (month), ``2026-W48`` (ISO week), ``2026-Q4`` (quarter)."""
    if period == "month":
        return day[:7]
    if period == "quarter":
        return f"{day[:4]}-Q{(int(day[5:7]) - 1) // 3 + 1}"
    if period == "week":
        year, week, _ = dt.date.fromisoformat(day).isocalendar()
        return f"{year}-W{week:02d}"
    raise ValueError(f"period must be one of {', '.join(PERIODS)}, not {period!r}")


def aggregate(counts: dict[Cell, int], period: str = "month") -> dict[Cell, int]:
    """Day counts → every cell the export could publish, before suppression."""
    out: dict[Cell, int] = defaultdict(int)
    for (day, kind, *rest), n in counts.items():
        if kind not in TABLES or n <= 0:
            continue
        margins, kept = TABLES[kind]
        values = dict(zip(FIELDS, rest, strict=True))
        base = {f: (values[f] if f in kept else ALL) for f in FIELDS}
        if kind in ("session_started", "quick_exit", "idle_reset"):
            base.update(module="", item="", value="")
        elif kind in ("module_opened", "lesson_completed", "exercise_started", "exercise_completed"):
            base.update(item="", value="")
        elif kind == "visit_ended":
            base.update(language="", module="")
        elif kind == "step_heard":
            base.update(language=ALL, item=ALL)
        p = period_of(day, period)
        variants = [base] + [{**base, f: values[f]} for f in margins]
        for v in variants:
            out[(p, kind, v["language"], v["module"], v["item"], v["value"])] += n
    return dict(out)


def groups(cells: dict[Cell, int]) -> list[Group]:
    """Every sum the published cells imply (an attacker knows these rules)."""
    out: list[Group] = []
    parts: dict[tuple[Cell, str], list[Cell]] = defaultdict(list)
    for cell in cells:
        kind = cell[1]
        margins = TABLES[kind][0]
        for f in margins:
            i = 2 + FIELDS.index(f)
            others = [2 + FIELDS.index(g) for g in margins if g != f]
            if cell[i] != ALL and all(cell[j] == ALL for j in others):
                parent = cell[:i] + (ALL,) + cell[i + 1:]
                parts[(parent, f)].append(cell)  # type: ignore[index]
    for (parent, _f), children in sorted(parts.items()):
        out.append(Group(parent, tuple(sorted(children))))
    for cell, n in sorted(cells.items()):
        if cell[1] in PAIRS:
            done_kind, left_kind = PAIRS[cell[1]]
            done: Cell = (cell[0], done_kind, *cell[2:])
            left: Cell = (cell[0], left_kind, *cell[2:])
            if left in cells:  # the unfinished as cells of their own (for _narrowed)
                out.append(Group(cell, (done, left)))
            else:
                out.append(Group(cell, (done,) if done in cells else (), max(0, n - cells.get(done, 0))))
    for period in sorted({c[0] for c in cells}):
        for kind, ending in SAME_TOTAL:
            total: Cell = (period, kind, ALL, "", "", "")
            ended: Cell = (period, "visit_ended", "", "", ending, ALL)
            if total in cells or ended in cells:
                # Equal but for what no visit shows: a quick exit while presenting to a group ends
                # no visit, one before a language ends a visit with no quick exit. The larger is
                # then the smaller plus a never-published rest, which must not be pinned either.
                a, b = cells.get(total, 0), cells.get(ended, 0)
                big, small = (total, ended) if a >= b else (ended, total)
                out.append(Group(big, (small,), abs(a - b) or None))
    return out


def suppress(cells: dict[Cell, int], k: int = DEFAULT_K) -> dict[Cell, int]:
    """The cells that may be published: no count 1..k−1, no hidden count derivable."""
    hidden = {c for c, n in cells.items() if 0 < n < k}
    relations = groups(cells)
    unfinished = {(c[0], PAIRS[c[1]][1], *c[2:]): max(0, n - cells.get((c[0], PAIRS[c[1]][0], *c[2:]), 0))
                  for c, n in cells.items() if c[1] in PAIRS}
    both = {**cells, **unfinished}
    chained = groups(both)
    for _round in range(len(cells) + 1):  # each round hides at least one more cell, or ends
        changed = True
        while changed:
            changed = False
            for g in relations:
                victim = _fix(g, cells, hidden, k)
                if victim is not None:
                    hidden.add(victim)
                    changed = True
        victims = _narrowed(chained, both, hidden | set(unfinished), k)
        if not victims:
            break
        hidden |= victims
    return {c: n for c, n in sorted(cells.items()) if c not in hidden and n > 0}


def _narrowed(relations: list[Group], cells: dict[Cell, int], hidden: set[Cell], k: int) -> set[Cell]:
    """Bounds an attacker gets by chaining the sums (interval propagation to a fixed point): for
    each hidden count (or unpublished difference) that can be pinned above 0 or below k, a shown
    cell of one of its sums to hide as well. Empty when nothing can be narrowed."""
    inf = float("inf")
    low: dict[object, float] = {}
    high: dict[object, float] = {}
    for c, n in cells.items():
        low[c], high[c] = (0.0, inf) if c in hidden else (float(n), float(n))
    eqs = []
    for j, g in enumerate(relations):
        terms = [g.parent, *g.parts]
        for c in terms:
            low.setdefault(c, 0.0)
            high.setdefault(c, 0.0)  # not a cell: 0, as the export shows it
        if g.rest is not None:
            low[j], high[j] = 0.0, inf
            terms.append(j)  # type: ignore[arg-type]
        eqs.append(terms)
    for _ in range(20):
        moved = False
        for parent, *parts in eqs:
            lo_sum = sum(low[p] for p in parts)
            hi_sum = sum(high[p] for p in parts)
            if lo_sum > low[parent] or hi_sum < high[parent]:
                low[parent], high[parent] = max(low[parent], lo_sum), min(high[parent], hi_sum)
                moved = True
            infinite = sum(1 for p in parts if high[p] == inf)
            finite = sum(high[p] for p in parts if high[p] != inf)
            for p in parts:  # the others' highest sum, without inf − inf
                others = inf if infinite - (high[p] == inf) > 0 else finite - (
                    0.0 if high[p] == inf else high[p])
                lo = low[parent] - others
                hi = high[parent] - (lo_sum - low[p])
                if lo > low[p] + 1e-9 or hi < high[p] - 1e-9:
                    low[p], high[p] = max(low[p], lo), min(high[p], hi)
                    moved = True
        if not moved:
            break
    victims: set[Cell] = set()
    for j, (g, terms) in enumerate(zip(relations, eqs, strict=True)):
        unknown: list[tuple[object, int]] = [(c, cells.get(c, 0)) for c in terms if c in hidden]
        if g.rest is not None:
            unknown.append((j, g.rest))
        for var, true in unknown:
            if (0 < true < k and low[var] > 1e-9) or high[var] < k - 1e-9:
                real = [c for c in terms if isinstance(c, tuple)]
                real += [(c[0], UNFINISHED_KINDS[c[1]], *c[2:]) for c in real if c[1] in UNFINISHED_KINDS
                         and low[c] == high[c]]  # a pinned unfinished count: hide its completions
                shown = sorted((c for c in real if c not in hidden and c[1] not in UNFINISHED_KINDS
                                and cells.get(c, 0) > 0), key=lambda c: (cells[c], c))
                if shown:
                    victims.add(shown[0])
    return victims


def _fix(g: Group, cells: dict[Cell, int], hidden: set[Cell], k: int) -> Cell | None:
    """A cell to hide so this sum pins nothing, or None when it already does not."""
    parts = [c for c in g.parts if cells.get(c, 0) > 0]
    hid = [c for c in parts if c in hidden]
    shown = sorted((c for c in parts if c not in hidden), key=lambda c: (cells[c], c))
    rest = g.rest or 0
    in_parent = g.parent in cells and cells[g.parent] > 0
    if not in_parent:
        return None
    if g.parent in hidden:
        if hid or rest > 0 or not shown:
            return None
        return shown[0]
    unknown = len(hid) + (1 if rest > 0 else 0)
    total = sum(cells[c] for c in hid) + rest
    if not hid:
        if rest == 0 or rest >= k:
            return None
    elif unknown >= 2 and total >= k:
        return None
    return shown[0] if shown else g.parent


def visible_share(cells: dict[Cell, int], published: dict[Cell, int], kind: str, field: str) -> float:
    """Of all ``kind`` events, the share shown in the finest breakdown by ``field``."""
    i = 2 + FIELDS.index(field)

    def finest(c: Cell) -> bool:
        return c[1] == kind and c[i] not in (ALL, "") and all(
            c[j] in (ALL, "") for j in range(2, 6) if j != i)

    total = sum(n for c, n in cells.items() if c[1] == kind and all(x in (ALL, "") for x in c[2:]))
    shown = sum(n for c, n in published.items() if finest(c))
    return shown / total if total else 0.0
