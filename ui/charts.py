"""QtCharts views of the dashboard: occupancy over time of one room, check-in progress.

The charts are fed plain data computed on a worker (:func:`ui.dashboard.snapshot`); updating a
chart replaces its series' points in one call (``QLineSeries.replace``), never point by point.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QDateTimeAxis,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import QDateTime, QPointF, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QWidget

from ui.i18n import translate

__all__ = ["CategoryChart", "HourChart", "OccupancyChart"]


def _view(chart: QChart, parent: QWidget | None) -> None:
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    chart.setBackgroundRoundness(6)


class OccupancyChart(QChartView):
    """Count over time of one room (UTC minutes → local axis) with its capacity and 85 % lines."""

    def __init__(self, parent: QWidget | None = None) -> None:
        chart = QChart()
        _view(chart, parent)
        super().__init__(chart, parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.count = QLineSeries()
        self.count.setName(translate("charts", "people inside"))
        self.count.setPen(QPen(QColor("#1565c0"), 2.5))
        self.capacity = QLineSeries()
        self.capacity.setName(translate("charts", "capacity"))
        self.capacity.setPen(QPen(QColor("#c62828"), 1.5, Qt.PenStyle.DashLine))
        self.near = QLineSeries()
        self.near.setName(translate("charts", "nearly full (85 %)"))
        self.near.setPen(QPen(QColor("#f2a900"), 1.5, Qt.PenStyle.DotLine))
        for s in (self.count, self.capacity, self.near):
            chart.addSeries(s)
        self.x = QDateTimeAxis()
        self.x.setFormat("HH:mm")
        self.y = QValueAxis()
        self.y.setLabelFormat("%d")
        chart.addAxis(self.x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(self.y, Qt.AlignmentFlag.AlignLeft)
        for s in (self.count, self.capacity, self.near):
            s.attachAxis(self.x)
            s.attachAxis(self.y)
        self.room_id = ""

    def set_series(self, room_id: str, title: str, capacity: int, points: list[tuple[str, int]],
                   now: datetime) -> None:
        """``points``: (UTC minute 'YYYY-MM-DDTHH:MM', count) as observed; drawn as steps up to ``now``."""
        self.room_id = room_id
        self.chart().setTitle(title)
        pts: list[QPointF] = []
        last = None
        for minute, count in points:
            ms = float(QDateTime.fromString(minute + ":00Z", Qt.DateFormat.ISODate).toMSecsSinceEpoch())
            if last is not None:
                pts.append(QPointF(ms, last))  # a step, not a slope: the count jumped at that minute
            pts.append(QPointF(ms, count))
            last = count
        end = now.timestamp() * 1000
        if pts and end > pts[-1].x():
            pts.append(QPointF(end, last or 0))
        self.count.replace(pts)
        start = pts[0].x() if pts else end - 3600_000
        self.capacity.replace([QPointF(start, capacity), QPointF(end, capacity)])
        self.near.replace([QPointF(start, capacity * 0.85), QPointF(end, capacity * 0.85)])
        self.x.setRange(QDateTime.fromMSecsSinceEpoch(int(start)), QDateTime.fromMSecsSinceEpoch(int(end)))
        top = max([capacity, *(p.y() for p in pts)]) if pts else capacity
        self.y.setRange(0, max(1, top * 1.1))


class CategoryChart(QChartView):
    """Checked in vs registered, one pair of bars per category."""

    def __init__(self, parent: QWidget | None = None) -> None:
        chart = QChart()
        _view(chart, parent)
        chart.setTitle(translate("charts", "Check-in by category"))
        super().__init__(chart, parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.labels: list[str] = []

    def set_data(self, rows: list[dict[str, object]]) -> None:
        chart = self.chart()
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        registered, checked = QBarSet(translate("charts", "registered")), QBarSet(translate("charts", "checked in"))
        registered.setColor(QColor("#b0bec5"))
        checked.setColor(QColor("#2e7d32"))
        self.labels = []
        for r in rows:
            registered.append(float(r["registered"]))  # type: ignore[arg-type]
            checked.append(float(r["checked_in"]))  # type: ignore[arg-type]
            self.labels.append(f"{r['category']}\n{r['checked_in']}/{r['registered']}")
        series = QBarSeries()
        series.append(registered)
        series.append(checked)
        series.setLabelsVisible(False)
        chart.addSeries(series)
        x = QBarCategoryAxis()
        x.append(self.labels)
        y = QValueAxis()
        y.setLabelFormat("%d")
        y.setMin(0)
        chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(x)
        series.attachAxis(y)


class HourChart(QChartView):
    """Arrivals (check-ins) per local hour."""

    def __init__(self, parent: QWidget | None = None) -> None:
        chart = QChart()
        _view(chart, parent)
        chart.setTitle(translate("charts", "Check-ins per hour"))
        chart.legend().hide()
        super().__init__(chart, parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.labels: list[str] = []

    def set_data(self, rows: list[dict[str, object]]) -> None:
        chart = self.chart()
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        bars = QBarSet(translate("charts", "check-ins"))
        bars.setColor(QColor("#1565c0"))
        rows = rows[-18:]
        self.labels = [str(r["hour"])[5:].replace(" ", "\n") for r in rows]
        for r in rows:
            bars.append(float(r["checked_in"]))  # type: ignore[arg-type]
        series = QBarSeries()
        series.append(bars)
        series.setLabelsVisible(True)
        chart.addSeries(series)
        x = QBarCategoryAxis()
        x.append(self.labels)
        y = QValueAxis()
        y.setLabelFormat("%d")
        y.setMin(0)
        chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(x)
        series.attachAxis(y)
