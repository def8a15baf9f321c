"""The facilitator's insights page: the month's usage as bar charts (QtCharts), every number the
export's suppressed aggregates (a missing bar is 0 or under k). QtCharts costs ~15 ms and ~several
MiB to import, so this module is imported only when the facilitator opens the page — never at
start-up (tests/test_insights_page.py checks both)."""

from __future__ import annotations

from PySide6.QtCharts import QBarCategoryAxis, QBarSeries, QBarSet, QChart, QChartView, QValueAxis
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kiosk.core.usage.summary import Chart
from kiosk.ui.staff import LanguageBar, Said, StaffTexts

STEP = 10  # axis ticks at multiples of 10: the page never prints a number from 1 to 9


def make_chart(chart: Chart, animate: bool = False) -> QChart:
    """One bar chart; categories along the bottom, a bar set per series, values on the bars."""
    qchart = QChart()
    qchart.setTitle(chart.title)
    if not animate:
        qchart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    series = QBarSeries()
    top = 0
    for name, values in chart.series.items():
        bars = QBarSet(name)
        bars.append([float(v) for v in values])
        series.append(bars)
        top = max([top, *values])
    series.setLabelsVisible(len(chart.categories) * len(chart.series) <= 12)  # else they get cut
    series.setLabelsFormat("@value")
    qchart.addSeries(series)
    axis_x = QBarCategoryAxis()
    axis_x.append(chart.categories or ["—"])
    qchart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
    series.attachAxis(axis_x)
    axis_y = QValueAxis()
    axis_y.setRange(0, max(STEP, -(-top // STEP) * STEP))
    axis_y.setTickType(QValueAxis.TickType.TicksDynamic)
    axis_y.setTickAnchor(0)
    axis_y.setTickInterval(max(STEP, -(-top // (STEP * 5)) * STEP))
    axis_y.setLabelFormat("%d")
    qchart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(axis_y)
    qchart.legend().setVisible(len(chart.series) > 1)
    return qchart


def chart_view(chart: Chart) -> QChartView:
    view = QChartView(make_chart(chart))
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setMinimumHeight(320)
    return view


class InsightsPage(QWidget):
    closed = Signal()
    pdf_chosen = Signal()  # write the report (every month) next to the usage log
    language_chosen = Signal(str)  # the staff pages' language (kiosk/ui/staff.py)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("screen")
        self.months: dict[str, list[Chart]] = {}
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.title = title = QLabel()
        title.setStyleSheet("font-size: 22px; font-weight: bold; color: white;")
        title.setWordWrap(True)
        top.addWidget(title, 1)
        self.month = QComboBox()
        self.month.currentTextChanged.connect(self._show_month)
        top.addWidget(self.month)
        self.languages = LanguageBar()
        self.languages.chosen.connect(self.language_chosen)
        top.addWidget(self.languages)
        self.pdf_button = QPushButton()
        self.pdf_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.pdf_button.clicked.connect(self.pdf_chosen)
        top.addWidget(self.pdf_button)
        self.close_button = close = QPushButton()
        close.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        close.clicked.connect(self.closed)
        top.addWidget(close)
        layout.addLayout(top)
        self.message = QLabel("…")
        self.message.setStyleSheet("color: white; font-size: 18px;")
        self.said = Said(self.message)
        layout.addWidget(self.message)
        self.body = QWidget()
        self.grid = QGridLayout(self.body)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.body)
        layout.addWidget(scroll, 1)
        self.views: list[QChartView] = []
        self.retranslate(StaffTexts())

    def retranslate(self, texts: StaffTexts) -> None:
        self.title.setText(texts("staff.insights.title"))
        self.pdf_button.setText(texts("staff.insights.pdf"))
        self.close_button.setText(texts("staff.back"))
        self.languages.retranslate(texts)
        if self.said.key:
            self.said.show(texts)

    def say(self, key: str, **values: object) -> None:
        self.said.say(key, **values)

    def show_months(self, months: dict[str, list[Chart]], error: str | None = None) -> None:
        self.months = months
        self.month.blockSignals(True)
        self.month.clear()
        self.month.addItems(list(months))
        self.month.blockSignals(False)
        if error is not None:
            self.say("staff.insights.unreadable", why=error)
        elif not months:
            self.say("staff.insights.empty")
        else:
            self.say("")
            self.month.setCurrentIndex(len(months) - 1)
            self._show_month(self.month.currentText())

    def _show_month(self, month: str) -> None:
        for view in self.views:
            view.setParent(None)
            view.deleteLater()
        self.views = [chart_view(c) for c in self.months.get(month, [])]
        for i, view in enumerate(self.views):
            self.grid.addWidget(view, i // 2, i % 2)
