"""Attacks on the surfaces added with the workshop, lessons and review kit (issue: `attack`): a
hostile or damaged file, form value or sheet gets one line naming the file and field, never a
traceback; nothing lets an export pin a small count."""

from __future__ import annotations

from kiosk.core.content import load_library
from kiosk.core.model import Event
from kiosk.core.session import Act, Action, Session
from kiosk.core.settings import Settings
from kiosk.core.usage import insights
from kiosk.core.usage.log import cell_of
from tests.conftest import TODAY, make_content

ONE = Settings(languages=("es",))  # the first touch goes straight to her lessons


def _counts(events: list[Event]) -> dict:
    out: dict = {}
    for e in events:
        out[cell_of(e)] = out.get(cell_of(e), 0) + 1
    return out


def test_quick_exits_during_group_sessions_cannot_be_read_off_the_visits_that_ended_so(tmp_path) -> None:
    """A quick exit while presenting counts a quick_exit but ends no visit: "quick exits = visits
    ended by quick exit" then no longer holds, and both totals shown would give the difference."""
    library = load_library(make_content(tmp_path / "content"))
    events: list[Event] = []
    for _ in range(12):  # twelve visits that each end by quick exit
        visitor = Session(library, ONE, today=lambda: TODAY)
        for act in (Act.NEXT, Act.NEXT):
            events += visitor.handle(Action(act)).events
        events += visitor.handle(Action(Act.QUICK_EXIT)).events
    group = Session(library, ONE, today=lambda: TODAY)
    for _ in range(2):  # two group sessions left by quick exit
        group.start_course("plan-1", ("couple",), "6-10", "es")
        events += group.handle(Action(Act.NEXT)).events
        events += group.handle(Action(Act.QUICK_EXIT)).events
    cells = insights.aggregate(_counts(events))
    period = TODAY.isoformat()[:7]
    total = (period, "quick_exit", "*", "", "", "")
    ended = (period, "visit_ended", "", "", "quick_exit", "*")
    assert cells[total] - cells[ended] == 2  # the premise: 14 quick exits, 12 visits ended so
    shown = insights.suppress(cells)
    assert not (total in shown and ended in shown), "the two totals give the 2 away"
