"""Scripted visits for the bench's simulated month and the tests: the events a session would emit,
with a seeded random generator (no content needed). Never used by the kiosk itself."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator

from kiosk.core.model import Event

LANGS = (("es", 0.6), ("qu", 0.3), ("ay", 0.1))
MODULES = ("violence-in-couple", "myths", "your-rights", "where-to-find-help", "safety-plan",
           "know-your-phone", "phone-privacy", "your-own-money")
POPULAR = (8, 5, 4, 4, 3, 2, 2, 1)  # how often each lesson is chosen
STEPS = 6
QUESTIONS = 2


def _bucket(n: int) -> str:
    return "0" if n == 0 else "1" if n == 1 else "2-3" if n <= 3 else "4+"


def visit(rng: random.Random, day: str) -> list[Event]:
    """One visit, in the order a session emits it."""
    lang = rng.choices([code for code, _ in LANGS], [w for _, w in LANGS])[0]
    out = [Event("session_started", day, lang)]
    if rng.random() < 0.15:
        out.append(Event("group_session", day, value=rng.choice(("2-3", "4+"))))
    opened = 0
    ended = "back_to_start"
    for _ in range(rng.choice((0, 1, 1, 1, 2, 2, 3))):
        module = rng.choices(MODULES, POPULAR)[0]
        opened += 1
        out.append(Event("module_opened", day, lang, module))
        if rng.random() < 0.3:
            out.append(Event("attitude_answered", day, lang, module, "q1",
                             "before:" + rng.choice(("agree", "disagree", "dont-know"))))
        steps = STEPS if rng.random() < 0.75 else rng.randrange(1, STEPS)
        for step in range(steps):
            quarter = "100" if rng.random() < 0.8 else rng.choice(("25", "50", "75"))
            out.append(Event("step_heard", day, lang, module, f"s{step}", quarter))
        if rng.random() < 0.04:
            ended = "quick_exit"
            break
        for q in range(QUESTIONS):
            out.append(Event("question_answered", day, lang, module, f"{module}-q{q}",
                             rng.choice(("a", "b", "b", "dont-know"))))
        if steps == STEPS:
            out.append(Event("lesson_completed", day, lang, module))
    else:
        if rng.random() < 0.25:
            ended = "idle_reset"
    if ended == "quick_exit":
        out.append(Event("quick_exit", day, lang))
    elif ended == "idle_reset":
        out.append(Event("idle_reset", day, lang))
    out.append(Event("visit_ended", day, item=ended, value=_bucket(opened)))
    return out


def month(per_day: float, spread: int = 3, days: int = 30, seed: int = 1,
          start: dt.date = dt.date(2026, 11, 1)) -> Iterator[list[Event]]:
    """``per_day`` ± ``spread`` visits a day for ``days`` days (the month starting at ``start``)."""
    rng = random.Random(seed)
    for d in range(days):
        day = (start + dt.timedelta(days=d)).isoformat()
        for _ in range(max(0, round(per_day) + rng.randint(-spread, spread))):
            yield visit(rng, day)
