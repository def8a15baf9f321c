"""What the insights page and the PDF report draw, from the *published* cells only (so every number
on screen and on paper went through the export's suppression). A missing bar is "0 or under k"."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import NamedTuple

from kiosk.core.content.staff import StaffTexts
from kiosk.core.model import LANGUAGES
from kiosk.core.usage.insights import ALL, DEFAULT_K
from kiosk.core.usage.log import Cell

QUARTERS = ("25", "50", "75", "100")


class Chart(NamedTuple):
    title: str
    categories: list[str]
    series: dict[str, list[int]]  # name → one value per category


def months(cells: dict[Cell, int]) -> list[str]:
    return sorted({c[0] for c in cells})


def _weeks_of(month: str) -> list[str]:
    first = dt.date.fromisoformat(month + "-01")
    weeks = []
    day = first
    while day.month == first.month:
        year, week, _ = day.isocalendar()
        label = f"{year}-W{week:02d}"
        if label not in weeks:
            weeks.append(label)
        day += dt.timedelta(days=1)
    return weeks


def _table(title: str, rows: list[str], names: list[str], get) -> Chart:  # type: ignore[no-untyped-def]
    return Chart(title, rows, {n: [get(r, n) for r in rows] for n in names})


def charts(monthly: dict[Cell, int], weekly: dict[Cell, int], month: str,
           words: StaffTexts | None = None) -> list[Chart]:
    """The month's charts: visits per week, lessons started vs completed, the heard funnel per
    lesson, answers per question (with "No sé"), opinions before vs after, languages, quick exits
    and idle resets — titled in the facilitator's language (``staff.chart.*``, Spanish by default)."""
    say = words or StaffTexts(lang="es")

    def choice(ref: str) -> str:
        if ref == "dont-know":
            return say("staff.chart.dont_know")
        named = f"staff.chart.answer.{ref}"  # an opinion's answer (content/attitudes.yaml)
        return say(named) if named in say else ref

    m = {c[1:]: n for c, n in monthly.items() if c[0] == month}
    weeks = _weeks_of(month)
    visits = say("staff.chart.visits")
    out = [_table(say("staff.chart.visits_week"), weeks, [visits],
                  lambda w, _n: weekly.get((w, "session_started", ALL, "", "", ""), 0))]
    modules = sorted({c[2] for c in m if c[0] in ("module_opened", "lesson_completed")
                      and c[1] == ALL and c[2] not in (ALL, "")})
    started, completed = say("staff.chart.started"), say("staff.chart.completed")
    out.append(_table(say("staff.chart.lessons"), modules, [started, completed],
                      lambda mod, n: m.get(("module_opened" if n == started else "lesson_completed",
                                            ALL, mod, "", ""), 0)))
    heard = sorted({c[2] for c in m if c[0] == "step_heard"})
    out.append(_table(say("staff.chart.heard"), heard, [f"{q} %" for q in QUARTERS],
                      lambda mod, n: m.get(("step_heard", ALL, mod, ALL, n[:-2]), 0)))
    questions = sorted({c[3] for c in m if c[0] == "question_answered"})
    choices = sorted({c[4] for c in m if c[0] == "question_answered"})
    out.append(_table(say("staff.chart.answers"), questions, [choice(c) for c in choices],
                      lambda q, n: sum(v for c, v in m.items() if c[0] == "question_answered"
                                       and c[3] == q and choice(c[4]) == n)))
    statements = sorted({c[3] for c in m if c[0] == "attitude_answered"})
    answers = sorted({c[4].partition(":")[2] for c in m if c[0] == "attitude_answered"})
    phases = {f"{say(f'staff.chart.{p}')}: {choice(a)}": f"{p}:{a}"
              for p in ("before", "after") for a in answers}
    out.append(_table(say("staff.chart.opinions"), statements, list(phases),
                      lambda st, n: m.get(("attitude_answered", ALL, ALL, st, phases[n]), 0)))
    langs = {say(f"staff.lang.{x}"): x for x in LANGUAGES
             if any(c[0] == "session_started" and c[1] == x for c in m)}
    out.append(_table(say("staff.chart.languages"), list(langs), [visits],
                      lambda name, _n: m.get(("session_started", langs[name], "", "", ""), 0)))
    out.append(Chart(say("staff.chart.exits"),
                     [say("staff.chart.quick_exit"), say("staff.chart.idle_reset")],
                     {say("staff.chart.times"): [m.get(("quick_exit", ALL, "", "", ""), 0),
                                                 m.get(("idle_reset", ALL, "", "", ""), 0)]}))
    return out


def load(db_path: Path, k: int = DEFAULT_K, words: StaffTexts | None = None) -> dict[str, list[Chart]]:
    """Every month's charts, oldest first (off the UI thread: it reads the database)."""
    from kiosk.core.usage.formats import published

    monthly = published(db_path, "month", k)
    weekly = published(db_path, "week", k)
    return {month: charts(monthly, weekly, month, words) for month in months(monthly)}
