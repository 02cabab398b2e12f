"""QtCharts views of the dashboard: occupancy over time of one room, check-in progress.

The charts are fed plain data computed on a worker (:func:`venue_app.views.dashboard.snapshot`); updating a
chart replaces its series' points in one call (``QLineSeries.replace``), never point by point.

Axes are read in the event's time zone (QDateTimeAxis draws the computer's: the points are shifted
by the difference), carry the date when the span covers more than one day, and keep their labels
whole: ticks on round times, as many as the width holds; category labels on two lines, turned
a label under every k-th bar when the bars are too narrow for all (QtCharts cuts a label that does
not fit to "...").
"""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QCategoryAxis,
    QChart,
    QChartView,
    QDateTimeAxis,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import QDateTime, QPointF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPen, QResizeEvent
from PySide6.QtWidgets import QWidget

from ui.i18n import translate

__all__ = ["CategoryChart", "HourChart", "OccupancyChart", "tick_step_min"]

#: tick steps of a time axis, in minutes
_STEPS = (1, 2, 5, 10, 15, 30, 60, 120, 180, 240, 360, 480, 720, 1440, 2880, 10080)


def tick_step_min(span_min: float, max_ticks: int) -> int:
    """The smallest round step (minutes) that needs at most ``max_ticks`` ticks over ``span_min``."""
    for step in _STEPS:
        if span_min / step + 1 <= max_ticks:
            return step
    return _STEPS[-1]


def _zone(name: str | None) -> ZoneInfo:
    try:
        return ZoneInfo(name or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def _offset_ms(moment: datetime, zone: ZoneInfo | None = None) -> int:
    """The UTC offset of ``zone`` (None: this computer's) at ``moment``, in milliseconds."""
    local = moment.astimezone(zone) if zone is not None else moment.astimezone()
    return int((local.utcoffset() or timedelta()).total_seconds() * 1000)


def _axes(chart: QChart, series: QBarSeries, labels: list[str]) -> None:
    x = QBarCategoryAxis()
    x.append(labels)
    y = QValueAxis()
    y.setLabelFormat("%d")
    y.setMin(0)
    chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(x)
    series.attachAxis(y)
    _int_axis(y, max((bar.at(i) for bar in series.barSets() for i in range(bar.count())), default=1.0))


def _int_axis(axis: QValueAxis, top: float) -> None:
    """0 … a round number above ``top`` with whole-number ticks (a count axis showing "0, 0, 0, 1" lies)."""
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000, 10_000, 20_000, 50_000):
        if top / step <= 5:
            break
    high = max(step, -(-int(top) // step) * step)
    axis.setRange(0, high)
    axis.setTickCount(high // step + 1)


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
        self._span: tuple[float, float] | None = None
        self._days = 1

    def set_series(self, room_id: str, title: str, capacity: int, points: list[tuple[str, int]],
                   now: datetime, timezone: str | None = None) -> None:
        """``points``: (UTC minute 'YYYY-MM-DDTHH:MM', count) as observed; drawn as steps up to ``now``;
        the axis in ``timezone`` (the event's; None: this computer's)."""
        self.room_id = room_id
        self.chart().setTitle(title)
        zone = _zone(timezone) if timezone else None
        end_at = now.astimezone(UTC)
        first = datetime.fromisoformat(points[0][0]).replace(tzinfo=UTC) if points else end_at - timedelta(hours=1)
        # QDateTimeAxis shows the computer's wall time: move every point by (event − computer) offset
        # (one shift when it is the same at both ends, which is all but the nights the clocks change)
        shifts = {_offset_ms(t, zone) - _offset_ms(t) for t in (first, end_at)} if zone else {0}
        constant = next(iter(shifts)) if len(shifts) == 1 else None

        def shift(ms: float) -> float:
            if constant is not None:
                return ms + constant
            moment = datetime.fromtimestamp(ms / 1000, UTC)
            return ms + _offset_ms(moment, zone) - _offset_ms(moment)

        pts: list[QPointF] = []
        last = None
        for minute, count in points:
            ms = shift(float(QDateTime.fromString(minute + ":00Z", Qt.DateFormat.ISODate).toMSecsSinceEpoch()))
            if last is not None:
                pts.append(QPointF(ms, last))  # a step, not a slope: the count jumped at that minute
            pts.append(QPointF(ms, count))
            last = count
        end = shift(end_at.timestamp() * 1000)
        if pts and end > pts[-1].x():
            pts.append(QPointF(end, last or 0))
        self.count.replace(pts)
        start = pts[0].x() if pts else end - 3600_000
        self.capacity.replace([QPointF(start, capacity), QPointF(end, capacity)])
        self.near.replace([QPointF(start, capacity * 0.85), QPointF(end, capacity * 0.85)])
        self._span = (start, end)
        self._days = len({d.astimezone(zone).date() if zone else d.astimezone().date() for d in (first, end_at)})
        self._relabel()
        top = max([capacity, *(p.y() for p in pts)]) if pts else capacity
        self.y.setRange(0, max(1, top * 1.1))
        self.y.applyNiceNumbers()

    def _relabel(self) -> None:
        """Ticks on round times, as many as the width holds; the date on them when the span has two days."""
        if self._span is None:
            return
        start, end = self._span
        fmt = "dd MMM<br>HH:mm" if self._days > 1 else "HH:mm"
        if self.x.format() != fmt:
            self.x.setFormat(fmt)
        fm = QFontMetricsF(self.x.labelsFont())
        label = fm.horizontalAdvance("00 May" if self._days > 1 else "00:00") + 28
        width = self.chart().plotArea().width() or max(1.0, self.width() - 120.0)
        step = tick_step_min((end - start) / 60_000, max(2, int(width // label)))
        # round times of the wall clock the axis shows (the computer's, after the shift above)
        local = _offset_ms(datetime.fromtimestamp(start / 1000, UTC))
        unit = step * 60_000
        lo = (start + local) // unit * unit - local
        hi = -(-(end + local) // unit) * unit - local
        self.x.setTickCount(round((hi - lo) / unit) + 1)
        self.x.setRange(QDateTime.fromMSecsSinceEpoch(int(lo)), QDateTime.fromMSecsSinceEpoch(int(hi)))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._relabel()


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
            self.labels.append(f"{r['category']}<br>{r['checked_in']}/{r['registered']}")
        series = QBarSeries()
        series.append(registered)
        series.append(checked)
        series.setLabelsVisible(False)
        chart.addSeries(series)
        _axes(chart, series, self.labels)


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
        self.x: QCategoryAxis | None = None
        self._every = 0

    def set_data(self, rows: list[dict[str, object]]) -> None:
        chart = self.chart()
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        bars = QBarSet(translate("charts", "check-ins"))
        bars.setColor(QColor("#1565c0"))
        rows = rows[-18:]
        self.labels = []
        for r in rows:
            bars.append(float(r["checked_in"]))  # type: ignore[arg-type]
            try:  # "YYYY-MM-DD HH:00" in the event's time zone (see venue_app.views.dashboard.snapshot)
                hour = datetime.strptime(str(r["hour"]), "%Y-%m-%d %H:%M")
                self.labels.append(f"{hour:%d %b}<br>{hour:%H:%M}")
            except ValueError:
                self.labels.append(str(r["hour"]))
        series = QBarSeries()
        series.append(bars)
        series.setLabelsVisible(True)
        chart.addSeries(series)
        self.x = QCategoryAxis()
        self.x.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
        self.x.setRange(-0.5, max(0.5, len(rows) - 0.5))
        self.x.setGridLineVisible(False)
        y = QValueAxis()
        y.setLabelFormat("%d")
        chart.addAxis(self.x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(self.x)
        series.attachAxis(y)
        _int_axis(y, max((bars.at(i) for i in range(bars.count())), default=1.0))
        self._every = 0
        self.refit()

    def refit(self) -> None:
        """A label (date and hour, two lines) under every k-th bar: as many as fit whole."""
        if self.x is None or not self.labels:
            return
        fm = QFontMetricsF(self.x.labelsFont())
        widest = max(fm.horizontalAdvance(part) for label in self.labels for part in label.split("<br>"))
        plot = self.chart().plotArea().width() or max(1.0, self.width() - 120.0)
        every = max(1, math.ceil((widest + 12) / (plot / len(self.labels))))
        if every == self._every:
            return
        self._every = every
        for label in self.x.categoriesLabels():
            self.x.remove(label)
        # each label sits on the end value of its range: the centre of its bar
        for i in range(0, len(self.labels), every):
            self.x.append(self.labels[i], i)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.refit()
