"""``kiosk usage report OUT.pdf``: one A4 page per month with the insights page's charts
(QPdfWriter), from the same suppressed aggregates as the export."""

from __future__ import annotations

import os
from pathlib import Path

from kiosk.core.usage.insights import DEFAULT_K
from kiosk.core.usage.summary import Chart, load

SIZE = (640, 420)  # each chart is laid out at this size, then scaled onto its quarter of the page


def _application() -> object:
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # a report needs no screen
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication([])


def write_pdf(months: dict[str, list[Chart]], out: Path) -> int:
    """Draw each month on its own page; returns the number of pages."""
    _app = _application()
    from PySide6.QtCore import QMarginsF, QRect, QRectF, Qt
    from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPainter, QPdfWriter
    from PySide6.QtWidgets import QGraphicsScene

    from kiosk.ui.screens.insights import make_chart

    writer = QPdfWriter(str(out))
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                     QMarginsF(12, 12, 12, 12)))
    writer.setResolution(150)
    writer.setTitle("Willay: uso del quiosco")
    painter = QPainter(writer)
    try:
        pages = max(1, len(months))
        for number, (month, charts) in enumerate(months.items() or [("", [])]):
            if number:
                writer.newPage()
            area = painter.viewport()
            width, height = area.width(), area.height()
            painter.setFont(QFont("DejaVu Sans", 14, QFont.Weight.Bold))
            head = QRect(0, 0, width, int(height * 0.05))
            painter.drawText(head, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             f"Willay — uso del quiosco, {month or 'sin datos'}")
            painter.setFont(QFont("DejaVu Sans", 8))
            painter.drawText(QRect(0, int(height * 0.05), width, int(height * 0.03)),
                             Qt.AlignmentFlag.AlignLeft,
                             "Conteos de 10 o más; una barra que falta es 0 o menos de 10.")
            cell_h = int(height * 0.92 / 4)
            for i, chart in enumerate(charts):
                scene = QGraphicsScene()
                qchart = make_chart(chart)
                qchart.resize(SIZE[0], SIZE[1])
                scene.addItem(qchart)
                target = QRectF((i % 2) * width / 2, height * 0.08 + (i // 2) * cell_h, width / 2,
                                cell_h)
                scene.render(painter, target, QRectF(0, 0, *SIZE))
                scene.clear()
        return pages
    finally:
        painter.end()


def write_report(db_path: Path, out: Path, k: int = DEFAULT_K) -> int:
    return write_pdf(load(db_path, k), out)
