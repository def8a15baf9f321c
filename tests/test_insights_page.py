"""The insights page (QtCharts, behind the facilitator panel) and the monthly PDF report."""

from __future__ import annotations

import re
import subprocess
import sys

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor
from PySide6.QtPdf import QPdfDocument

from kiosk.cli import main
from kiosk.core.usage.simulate import month

START_UP = """
import sys
import kiosk.app, kiosk.ui.window, kiosk.ui.facilitation, kiosk.ui.screens.facilitator
print("PySide6.QtCharts" in sys.modules, "kiosk.ui.screens.insights" in sys.modules)
"""


def test_qtcharts_is_not_imported_at_start_up() -> None:
    out = subprocess.run([sys.executable, "-c", START_UP], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


def fill(usage, per_day: float = 8, days: int = 30) -> None:
    for visit in month(per_day, days=days):
        for e in visit:
            usage.record(e)
    assert usage.flush(30)


def ink(image) -> int:
    """How many sampled pixels are not white."""
    white = QColor(Qt.GlobalColor.white).rgb()
    return sum(1 for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)
               if image.pixel(x, y) != white)


def test_the_facilitator_opens_the_insights_page(qtbot, kiosk) -> None:
    fill(kiosk.usage)
    kiosk.window.open_facilitator()
    qtbot.mouseClick(kiosk.window.facilitator.insights_button, Qt.MouseButton.LeftButton)
    page = kiosk.window.stack.currentWidget()
    assert type(page).__name__ == "InsightsPage"
    qtbot.waitUntil(lambda: len(page.views) == 7, timeout=15000)
    assert page.month.currentText() == "2026-11" and page.message.text() == ""
    titles = [v.chart().title() for v in page.views]
    assert "Respuestas por pregunta" in titles and "Visitas por semana" in titles
    numbers = {int(b.at(i)) for v in page.views for s in v.chart().series() for b in s.barSets()
               for i in range(b.count())}
    assert not numbers & set(range(1, 10))
    assert ink(page.grab().toImage()) > 500
    qtbot.mouseClick(page.pdf_button, Qt.MouseButton.LeftButton)  # the report, from the panel
    assert (kiosk.paths.data / "informe-uso.pdf").stat().st_size > 1000
    assert "Informe guardado" in page.message.text()
    qtbot.keyClick(kiosk.window, Qt.Key.Key_F12)  # F12 leaves the facilitator's pages
    assert kiosk.window.stack.currentWidget() is not page


def test_the_pdf_report_has_a_page_per_month_and_no_small_count(tmp_path, capsys) -> None:
    from kiosk.core.usage.log import UsageLog

    data = tmp_path / "data"
    log = UsageLog(data / "usage.sqlite3")
    fill(log, days=45)  # November and half of December
    log.close()
    assert main(["--data-dir", str(data), "usage", "report", str(tmp_path / "r.pdf")]) == 0
    assert "2 pages" in capsys.readouterr().out
    doc = QPdfDocument(None)
    doc.load(str(tmp_path / "r.pdf"))
    assert doc.pageCount() == 2
    image = doc.render(0, QSize(620, 877))
    assert ink(image) > 300  # charts drawn, not a blank page
    text = doc.getAllText(0).text()
    assert "2026-11" in text and "No sé" in text
    assert not [n for n in re.findall(r"\b\d+\b", text) if 0 < int(n) < 10]


def test_the_charts_are_titled_in_the_facilitators_language(qtbot, kiosk) -> None:
    from kiosk.core.content.parsers import load_prompts
    from kiosk.core.model import LANGUAGES
    from tests.conftest import ROOT

    texts, _status = load_prompts(ROOT / "content" / "staff.yaml", [], LANGUAGES)
    fill(kiosk.usage)
    window = kiosk.window
    window.open_facilitator()
    window.open_insights()
    page = window.stack.currentWidget()
    qtbot.waitUntil(lambda: len(page.views) == 7, timeout=15000)
    page.languages.buttons["ay"].click()  # switched on the page: the charts are made again
    qtbot.waitUntil(lambda: len(page.views) == 7 and page.views[0].chart().title()
                    == texts["staff.chart.visits_week"].get("ay"), timeout=15000)
    aymara = {t.get("ay") for k, t in texts.items() if k.startswith(("staff.chart.", "staff.lang."))}
    spanish = {t.get("es") for k, t in texts.items() if k.startswith("staff.chart.")} - aymara
    for view in page.views:
        chart = view.chart()
        names = [chart.title()] + [b.label() for s in chart.series() for b in s.barSets()]
        assert not set(names) & spanish, names
    assert page.title.text() == texts["staff.insights.title"].get("ay")
