"""What the insights page and the PDF report draw, from the *published* cells only (so every number
on screen and on paper went through the export's suppression). A missing bar is "0 or under k"."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import NamedTuple

from kiosk.core.usage.insights import ALL, DEFAULT_K
from kiosk.core.usage.log import Cell

LANGUAGE_NAMES = {"es": "Castellano", "qu": "Quechua", "ay": "Aymara"}
CHOICE_NAMES = {"dont-know": "No sé"}
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


def charts(monthly: dict[Cell, int], weekly: dict[Cell, int], month: str) -> list[Chart]:
    """The month's charts: visits per week, lessons started vs completed, the heard funnel per
    lesson, answers per question (with "No sé"), opinions before vs after, languages, quick exits
    and idle resets."""
    m = {c[1:]: n for c, n in monthly.items() if c[0] == month}
    weeks = _weeks_of(month)
    out = [_table("Visitas por semana", weeks, ["Visitas"],
                  lambda w, _n: weekly.get((w, "session_started", ALL, "", "", ""), 0))]
    modules = sorted({c[2] for c in m if c[0] in ("module_opened", "lesson_completed")
                      and c[1] == ALL and c[2] not in (ALL, "")})
    out.append(_table("Lecciones empezadas y terminadas", modules, ["Empezadas", "Terminadas"],
                      lambda mod, n: m.get(("module_opened" if n == "Empezadas" else "lesson_completed",
                                            ALL, mod, "", ""), 0)))
    heard = sorted({c[2] for c in m if c[0] == "step_heard"})
    out.append(_table("Cuánto se escuchó de cada paso (por lección)", heard,
                      [f"{q} %" for q in QUARTERS],
                      lambda mod, n: m.get(("step_heard", ALL, mod, ALL, n[:-2]), 0)))
    questions = sorted({c[3] for c in m if c[0] == "question_answered"})
    choices = sorted({c[4] for c in m if c[0] == "question_answered"})
    out.append(_table("Respuestas por pregunta", questions, [CHOICE_NAMES.get(c, c) for c in choices],
                      lambda q, n: sum(v for c, v in m.items() if c[0] == "question_answered"
                                       and c[3] == q and CHOICE_NAMES.get(c[4], c[4]) == n)))
    statements = sorted({c[3] for c in m if c[0] == "attitude_answered"})
    answers = sorted({c[4].partition(":")[2] for c in m if c[0] == "attitude_answered"})
    names = [f"{p}: {CHOICE_NAMES.get(a, a)}" for p in ("antes", "después") for a in answers]
    out.append(_table("Opiniones antes y después del curso", statements, names,
                      lambda s, n: m.get(("attitude_answered", ALL, ALL, s, _phase(n, answers)), 0)))
    langs = [lang for lang in LANGUAGE_NAMES if any(c[0] == "session_started" and c[1] == lang for c in m)]
    out.append(_table("Idiomas (visitas)", [LANGUAGE_NAMES[x] for x in langs], ["Visitas"],
                      lambda name, _n: m.get(("session_started", _code(name), "", "", ""), 0)))
    out.append(Chart("Salidas rápidas y reinicios por inactividad",
                     ["Salida rápida", "Reinicio por inactividad"],
                     {"Veces": [m.get(("quick_exit", ALL, "", "", ""), 0),
                                m.get(("idle_reset", ALL, "", "", ""), 0)]}))
    return out


def _phase(name: str, answers: list[str]) -> str:
    phase, _, answer = name.partition(": ")
    raw = next((a for a in answers if CHOICE_NAMES.get(a, a) == answer), answer)
    return ("before:" if phase == "antes" else "after:") + raw


def _code(name: str) -> str:
    return next(code for code, n in LANGUAGE_NAMES.items() if n == name)


def load(db_path: Path, k: int = DEFAULT_K) -> dict[str, list[Chart]]:
    """Every month's charts, oldest first (off the UI thread: it reads the database)."""
    from kiosk.core.usage.formats import published

    monthly = published(db_path, "month", k)
    weekly = published(db_path, "week", k)
    return {month: charts(monthly, weekly, month) for month in months(monthly)}
