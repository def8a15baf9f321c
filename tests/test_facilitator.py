"""The facilitator's panel, group mode and the anonymous before/after attitude statements."""

from __future__ import annotations

from PySide6.QtCore import Qt

from kiosk.core.session import Act, Action, Screen
from kiosk.core.status import facilitator_report
from kiosk.core.usage.log import read_counts


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
    counts = read_counts(kiosk.paths.database)
    assert [(cell[1], cell[5], n) for cell, n in counts.items()] == [("group_session", "6-10", 1)]


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
    counts = {(c[4], c[5]): n for c, n in read_counts(kiosk.paths.database).items()
              if c[1] == "attitude_answered"}  # one counter per answer: nothing links them
    assert counts == {(q.id, f"before:{answers[i % 4]}"): 1 for i, q in enumerate(questions)}
