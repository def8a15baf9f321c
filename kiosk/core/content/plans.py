"""Course plans: lessons in order, grouped into the sessions of a small-group course.

A plan is a name the facilitator gives it ("Semana 1: 01, 02 …" — a course, never a person), an id
the kiosk makes (``plan-3``; the usage log only ever sees the id) and its sessions, each a list of
module ids and optionally the opinion rounds (``attitudes:before``, ``attitudes:after``). The
facilitator's plans live in ``plans.json`` in the data folder, written atomically; the two
example plans ship in ``content/plans.json`` and can be duplicated, not changed.
"""

from __future__ import annotations

import json
import re
import shutil
import unicodedata
from pathlib import Path
from typing import Any, NamedTuple

from kiosk.core.model import ID_RE, Problem
from kiosk.paths import replace_file

ROUNDS = ("attitudes:before", "attitudes:after")  # the before / after opinion rounds
MAX_PLANS = 50
MAX_SESSIONS = 12
MAX_PER_SESSION = 8
MAX_NAME = 60
MAX_BYTES = 64_000
PLAN_ID = re.compile(r"^plan-[0-9]{1,4}\Z")  # \Z: "$" would let a final newline in


class Plan(NamedTuple):
    id: str
    name: str
    sessions: tuple[tuple[str, ...], ...]
    shipped: bool = False  # an example from content/plans.json: duplicated, never edited

    def lessons(self, number: int) -> tuple[str, ...]:
        """The module ids of session ``number`` (from 1), without the opinion rounds."""
        return tuple(x for x in self.sessions[number - 1] if x not in ROUNDS)

    def rounds(self, number: int) -> tuple[str, ...]:
        """The opinion rounds of session ``number``: "before" and / or "after"."""
        return tuple(x.partition(":")[2] for x in self.sessions[number - 1] if x in ROUNDS)

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "sessions": [list(s) for s in self.sessions]}


class PlanError(ValueError):
    """A plan that cannot be saved: the message says which field and why."""


def check_plan(plan: Plan, modules: set[str] | None = None) -> str | None:
    """What is wrong with a plan (``field: message``), or None. ``modules``: the ids there are."""
    name = plan.name.strip()
    if not name:
        return "name: give the plan a name, like «Semana 1 y 2»"
    if len(name) > MAX_NAME:
        return f"name: at most {MAX_NAME} characters"
    if any(unicodedata.category(c)[0] == "C" for c in name):
        return "name: an invisible character (pasted from somewhere?): type it again"
    if not (ID_RE if plan.shipped else PLAN_ID).match(plan.id):  # only ids reach the usage log
        return "id: must be like plan-3 (the kiosk makes it)"
    if not 1 <= len(plan.sessions) <= MAX_SESSIONS:
        return f"sessions: 1 to {MAX_SESSIONS} sessions"
    for i, session in enumerate(plan.sessions, start=1):
        if not any(x not in ROUNDS for x in session):
            return f"sessions[{i}]: each session needs at least one lesson"
        if len(session) > MAX_PER_SESSION:
            return f"sessions[{i}]: at most {MAX_PER_SESSION} lessons and rounds"
        for x in session:
            if x in ROUNDS:
                continue
            if not isinstance(x, str) or not ID_RE.match(x):
                return f"sessions[{i}]: '{x}' is not a lesson id"
            if modules is not None and x not in modules:
                return f"sessions[{i}]: no lesson '{x}'"
        if len(set(session)) != len(session):
            return f"sessions[{i}]: a lesson is listed twice"
    return None


def _read(path: Path, shipped: bool, problems: list[Problem]) -> list[Plan]:
    if not path.exists():
        return []
    try:
        if path.stat().st_size > MAX_BYTES:
            problems.append(Problem(path, 1, "file", f"larger than {MAX_BYTES} bytes: not read"))
            return []
        raw = json.loads(path.read_text(encoding="utf-8-sig"))
    except json.JSONDecodeError as exc:
        problems.append(Problem(path, exc.lineno, "file", f"not valid JSON ({exc.msg})"))
        return []
    except (OSError, ValueError, RecursionError) as exc:  # ValueError: a 5,000-digit number too
        problems.append(Problem(path, 1, "file", f"cannot be read ({type(exc).__name__})"))
        return []
    entries = raw.get("plans") if isinstance(raw, dict) else None
    if not isinstance(entries, list):
        problems.append(Problem(path, 1, "plans", "must be a list of plans"))
        return []
    plans: list[Plan] = []
    if len(entries) > MAX_PLANS:
        problems.append(Problem(path, 1, "plans", f"more than {MAX_PLANS}: the rest are not read"))
    for i, entry in enumerate(entries[:MAX_PLANS], start=1):
        raw = entry.get("sessions") if isinstance(entry, dict) else None
        if not (isinstance(entry, dict) and isinstance(entry.get("id"), str)
                and isinstance(entry.get("name"), str) and isinstance(raw, list)
                and all(isinstance(s, list) and all(isinstance(x, str) for x in s) for s in raw)):
            problems.append(Problem(path, 1, f"plans[{i}]", "needs id, name and sessions (lists of ids)"))
            continue
        plan = Plan(entry["id"], entry["name"], tuple(tuple(s) for s in raw), shipped)
        why = check_plan(plan)
        if why is None and any(p.id == plan.id for p in plans):
            why = f"id: '{plan.id}' is used twice"
        if why is not None:
            problems.append(Problem(path, 1, f"plans[{i}].{why.split(':')[0]}", why.split(": ", 1)[-1]))
            continue
        plans.append(plan)
    return plans


class PlanBook:
    """The example plans and the facilitator's, and the file the facilitator's are saved in."""

    def __init__(self, shipped: Path, saved: Path) -> None:
        self.shipped_file = shipped
        self.file = saved
        self.problems: list[Problem] = []
        self.examples = _read(shipped, True, self.problems)
        self.own = _read(saved, False, self.problems)

    @property
    def plans(self) -> list[Plan]:
        return self.examples + self.own

    def get(self, plan_id: str) -> Plan | None:
        return next((p for p in self.plans if p.id == plan_id), None)

    def new_id(self) -> str:
        used = {int(p.id.split("-")[1]) for p in self.own}
        return f"plan-{next(n for n in range(1, 10_000) if n not in used)}"

    def save(self, plan: Plan, modules: set[str] | None = None) -> Plan:
        """Add or replace one of the facilitator's plans (by id); raises PlanError with the reason."""
        plan = plan._replace(name=" ".join(plan.name.split()), shipped=False)
        if any(p.id == plan.id for p in self.examples):
            raise PlanError("id: the example plans cannot be changed; duplicate one instead")
        why = check_plan(plan, modules)
        if why is not None:
            raise PlanError(why)
        own = [p for p in self.own if p.id != plan.id]
        if len(own) >= MAX_PLANS:
            raise PlanError(f"plans: at most {MAX_PLANS}; delete one first")
        index = next((i for i, p in enumerate(self.own) if p.id == plan.id), len(own))
        own.insert(index, plan)
        self._write(own)
        return plan

    def duplicate(self, plan_id: str, name: str) -> Plan:
        source = self.get(plan_id)
        if source is None:
            raise PlanError(f"id: no plan '{plan_id}'")
        return self.save(Plan(self.new_id(), name, source.sessions))

    def delete(self, plan_id: str) -> None:
        if any(p.id == plan_id for p in self.examples):
            raise PlanError("id: the example plans cannot be deleted")
        self._write([p for p in self.own if p.id != plan_id])

    def _write(self, own: list[Plan]) -> None:
        self.file.parent.mkdir(parents=True, exist_ok=True)
        if self.file.exists() and any(p.file == self.file for p in self.problems):
            # what was not read (a plan edited by hand, a damaged file) is kept beside, not lost
            shutil.copyfile(self.file, self.file.with_name(self.file.name + ".damaged"))
            self.problems = [p for p in self.problems if p.file != self.file]
        tmp = self.file.with_suffix(".tmp")
        text = json.dumps({"plans": [p.to_json() for p in own]}, indent=2, ensure_ascii=False)
        tmp.write_text(text + "\n", encoding="utf-8")
        replace_file(tmp, self.file)
        self.own = own
