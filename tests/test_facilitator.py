"""The facilitator's panel, group mode and the anonymous before/after attitude statements."""

from __future__ import annotations

import sqlite_utils
from PySide6.QtCore import Qt

from kiosk.core.session import Act, Action, Screen
from kiosk.core.status import facilitator_report


def test_f12_opens_the_panel_showing_skipped_files(qtbot, kiosk, paths):
    (paths.content / "modules" / "09-bad.yaml").write_text("id: bad\norder: [\n")
    from kiosk.core.content import load_library

    library = load_library(paths.content)
    from kiosk.core.audio.coverage import coverage, format_report

    kiosk.window.report = lambda: facilitator_report(library, kiosk.session.settings, kiosk.usage,
                                                     format_report(coverage(paths, library)))
    qtbot.keyClick(kiosk.window, Qt.Key.Key_F12)
    assert kiosk.window.stack.currentWidget() is kiosk.window.facilitator
    qtbot.waitUntil(lambda: kiosk.window.tasks.running == 0)  # the report is built off the UI thread
    text = kiosk.window.facilitator.report.toPlainText()
    assert "09-bad.yaml:" in text and ": file: not valid YAML" in text
    assert "borrador" in text  # drafts are said to be drafts
    assert "couple" in text and "missing" in text  # the voices table, per part
    qtbot.keyClick(kiosk.window, Qt.Key.Key_1)  # a keypad press does nothing here
    assert kiosk.window.stack.currentWidget() is kiosk.window.facilitator
    qtbot.keyClick(kiosk.window, Qt.Key.Key_F12)
    assert kiosk.window.stack.currentWidget() is kiosk.window.attract


def test_group_mode_logs_a_size_bucket_and_adds_discussion(qtbot, kiosk):
    kiosk.window.open_facilitator()
    qtbot.mouseClick(kiosk.window.facilitator.group_buttons["6-10"], Qt.MouseButton.LeftButton)
    assert kiosk.session.group == "6-10"
    assert kiosk.window.idle_timer.interval() == 1_800_000
    kiosk.window.close_facilitator()
    assert kiosk.usage.flush()
    rows = list(sqlite_utils.Database(kiosk.paths.database)["events"].rows)
    assert [(r["kind"], r["value"]) for r in rows] == [("group_session", "6-10")]


def test_attitude_answers_are_only_counted(qtbot, kiosk):
    kiosk.window._attitudes("before")
    assert kiosk.session.state.screen == Screen.ATTITUDE
    qtbot.waitUntil(lambda: not kiosk.speaker.busy, timeout=15000)
    assert kiosk.keys()[0] == ("attitudes.intro", "es")
    questions = kiosk.session.library.attitudes.questions
    answers = ["agree", "disagree", "dont-know", "prefer-not"]
    for i, _q in enumerate(questions):
        n = answers.index(answers[i % 4]) + 1
        kiosk.window.act(Action(Act.CHOOSE, n))
        kiosk.window.act(Action(Act.CHOOSE, n))
    assert kiosk.session.state.screen == Screen.HOME
    assert kiosk.usage.flush()
    db = sqlite_utils.Database(kiosk.paths.database)
    assert list(db["events"].rows) == []  # no row per answer, so no answers can be linked
    counts = {(r["phase"], r["question"], r["answer"]): r["count"] for r in db["attitude_counts"].rows}
    assert counts == {("before", q.id, answers[i % 4]): 1 for i, q in enumerate(questions)}
