"""Dashboard mode: every room's occupancy and the check-in progress, live, for the operations lead.

:class:`DashboardWindow` shows a tile per room (count / capacity, state in colour *and* icon and
words, trend arrow, the session, and freshness: "Door 2: no data for 6 min"), sortable and
filterable; the occupancy of one room over time (QtCharts); check-in progress (checked in vs
registered, by category and by hour); the conflicts the sync found; near-full / full alerts
(:mod:`ui.alerts`); PDF / CSV report export (:mod:`printing.report`).

Updates: the replica is read on the task manager's ``read`` lane (the core's read model
:func:`venue_app.views.dashboard.snapshot`: all the SQL),
the GUI thread only copies the numbers into existing widgets (texts changed only when different;
the tile grid is re-laid out only when the order changes). Reads are coalesced — one in flight, at
most one more queued — and triggered by the registry sync (facts arrived), by local commits, and by a
timer (ages of freshness move on even when nothing arrives). So at 100 events/s the GUI thread does at
most one cheap update per read, whatever the event rate. ``update_ms`` keeps the GUI-thread time of
each update (the bench reads it).
"""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QColor, QFont, QPainter, QPen, QResizeEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ui.alerts import STATE_STYLE, AlertBar, AlertCenter
from ui.charts import CategoryChart, HourChart, OccupancyChart
from ui.i18n import translate
from ui.shortcuts import ShortcutsDialog, bind, install_help
from ui.sounds import SoundPlayer
from ui.taskman import TaskManager
from ui.theme import current, set_font_px, style, theme_chart
from ui.widgets import COLORS, KeyButton, Pill, StatusIcon
from venue_app import transport
from venue_app.clock import EventClock
from venue_app.ops.rooms import adjust_count
from venue_app.station import Station
from venue_app.views.dashboard import room_ids, snapshot

__all__ = ["DashboardWindow", "RoomTile", "freshness", "open_dashboard"]

log = logging.getLogger(__name__)

#: a door station without news for this long is flagged on its room's tile (the default of the
#: ``station_offline_after_s`` setting, which the window follows)
STALE_AFTER_S = 60
#: the station list's columns (English keys; shown translated)
STATION_COLUMNS = (QT_TRANSLATE_NOOP("DashboardWindow", "Station"), QT_TRANSLATE_NOOP("DashboardWindow", "Role"),
                   QT_TRANSLATE_NOOP("DashboardWindow", "Room"), QT_TRANSLATE_NOOP("DashboardWindow", "Status"),
                   QT_TRANSLATE_NOOP("DashboardWindow", "Outbox"),
                   QT_TRANSLATE_NOOP("DashboardWindow", "Last heard"))
#: the tile orders (English keys; shown translated)
SORTS = (QT_TRANSLATE_NOOP("DashboardWindow", "Fullest first"), QT_TRANSLATE_NOOP("DashboardWindow", "Name"),
         QT_TRANSLATE_NOOP("DashboardWindow", "Most people"), QT_TRANSLATE_NOOP("DashboardWindow", "Zone"),
         QT_TRANSLATE_NOOP("DashboardWindow", "Latest activity"))


def freshness(stations: list[dict[str, Any]], stale_after_s: float = STALE_AFTER_S) -> list[str]:
    """Warnings for the door stations of a room whose data is old or missing."""
    out = []
    for st in stations:
        age = st.get("age_s")
        if age is None:
            out.append(translate("DashboardWindow", "{station}: no data yet").format(station=st["name"]))
        elif age >= stale_after_s:
            span = _ago(age, ago=False)
            # with the registry's heartbeat an old age means offline, not merely quiet
            what = translate("DashboardWindow", "{station}: offline for {span}") if st.get("heartbeat") \
                else translate("DashboardWindow", "{station}: no data for {span}")
            out.append(what.format(station=st["name"], span=span))
    return out


def _ago(seconds: float, *, ago: bool = True) -> str:
    """A span in words: "45 s ago", "11 min ago", "3 h ago" (without "ago": "60 s")."""
    s = int(seconds)
    if s < 120:
        text = translate("DashboardWindow", "%n s", "", s)
    elif s < 120 * 60:
        text = translate("DashboardWindow", "%n min", "", s // 60)
    else:
        text = translate("DashboardWindow", "%n h", "", s // 3600)
    return translate("DashboardWindow", "{span} ago").format(span=text) if ago else text


class _Bar(QWidget):
    """A slim fill bar (count / capacity) in the state's colour."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.fraction, self.color = 0.0, COLORS["green"][0]
        self.setFixedHeight(10)

    def set(self, fraction: float, color: str) -> None:
        if (fraction, color) != (self.fraction, self.color):
            self.fraction, self.color = fraction, color
            self.update()

    def paintEvent(self, event: Any) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setPen(Qt.PenStyle.NoPen)
        r = QRectF(self.rect())
        p.setBrush(QColor(current().track))
        p.drawRoundedRect(r, 5, 5)
        p.setBrush(QColor(self.color))
        p.drawRoundedRect(QRectF(r.left(), r.top(), r.width() * min(1.0, self.fraction), r.height()), 5, 5)
        p.end()


def _label(px: int, weight: QFont.Weight = QFont.Weight.Normal, parent: QWidget | None = None) -> QLabel:
    label = QLabel(parent)
    set_font_px(label, px, weight)  # follows the text size setting
    return label


def tile_size() -> QSize:
    """A room tile's size: its text follows the text size setting, so does the tile."""
    scale = current().scale
    return QSize(round(272 * scale), round(156 * scale))


class RoomTile(QFrame):
    """One room: name, zone, count / capacity, state (icon + words + colour), trend, session, freshness."""

    clicked = Signal(str)

    def __init__(self, room_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.room_id = room_id
        self.room: dict[str, Any] = {}
        self.warnings: list[str] = []
        self.setFixedSize(tile_size())
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        # reachable without a mouse: Tab to a tile, Enter or Space opens its chart
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(20, 8, 12, 8)
        lay.setSpacing(2)
        self.name = _label(16, QFont.Weight.Bold, self)
        self.sub = _label(12, parent=self)
        style(self.sub, lambda t: f"color: {t.muted};")
        row = QHBoxLayout()
        self.count = _label(34, QFont.Weight.Black, self)
        self.trend = _label(18, QFont.Weight.Bold, self)
        self.icon = StatusIcon(30, self)
        row.addWidget(self.count)
        row.addWidget(self.trend)
        row.addStretch(1)
        row.addWidget(self.icon)
        self.state = _label(13, QFont.Weight.Bold, self)
        self.bar = _Bar(self)
        self.fresh = _label(12, QFont.Weight.DemiBold, self)
        self.fresh.setWordWrap(True)
        style(self.fresh, lambda t: f"color: {t.ink['amber']};")
        for w in (self.name, self.sub):
            lay.addWidget(w)
        lay.addLayout(row)
        lay.addWidget(self.bar)
        lay.addWidget(self.state)
        lay.addWidget(self.fresh)
        lay.addStretch(1)
        self._style: tuple[str, str, bool] | None = None
        self._color = "green"

    def _text(self, label: QLabel, text: str) -> None:
        if label.text() != text:
            label.setText(text)

    def set_room(self, room: dict[str, Any], warnings: list[str]) -> None:
        self.room, self.warnings = room, warnings
        color, words, icon = STATE_STYLE.get(room["state"], STATE_STYLE["normal"])
        bg, _fg, accent = COLORS[color]
        self._text(self.name, room["name"])
        session = room["session"]["title"] if room.get("session") else translate("DashboardWindow", "no session")
        self._text(self.sub, f"{room['zone'] or room['id']} · {session}")
        self._text(self.count, f"{room['count']} / {room['capacity']}")
        trend = room.get("trend", 0)
        self._text(self.trend, f"{room.get('trend_arrow', '→')} {trend:+d}" if trend else "→")
        pct = room.get("percentage")
        words = translate("alerts", words)
        self._text(self.state, f"{words} · {pct:g} %" if pct is not None else words)
        self.bar.set((room["count"] / room["capacity"]) if room["capacity"] else 0.0, bg)
        self._text(self.fresh, "⚠ " + "; ".join(warnings) if warnings else "")
        if (bg, accent, bool(warnings)) != self._style:
            self._style = (bg, accent, bool(warnings))
            self._color = color
            style(self.state, lambda t: f"color: {t.ink[self._color]};")
            self.icon.set(icon, accent)
            self.update()
        self.setAccessibleName(room["name"])
        self.setAccessibleDescription(" · ".join(x for x in (self.count.text(), self.state.text(),
                                                             self.sub.text(), self.fresh.text()) if x))
        policy = translate("DashboardWindow", "block") if room["policy"] == "block" \
            else translate("DashboardWindow", "warn")
        self.setToolTip("\n".join([
            f"{room['name']} ({room['id']})", translate("DashboardWindow", "policy: {policy}").format(policy=policy),
            translate("DashboardWindow", "last event: {time}").format(time=room.get("last_event_at") or "—"),
            *(translate("DashboardWindow", "{station}: last seen {time}").format(
                station=s["name"], time=s["last_seen"] or translate("DashboardWindow", "never"))
              for s in room.get("stations", []))]))

    def paintEvent(self, event: Any) -> None:
        # drawn by hand rather than by a style sheet: 60 styled frames repaint several times slower
        if self._style is None:
            return
        _band, _accent, warn = self._style
        band = COLORS[self._color][0]  # read now: the theme may have changed the fills
        t = current()
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        r = QRectF(self.rect()).adjusted(1, 1, -1, -1)
        if self.hasFocus():
            p.setPen(QPen(QColor(t.focus), t.focus_width + 1))
        else:
            p.setPen(QPen(QColor(COLORS["amber"][2]), 2.5) if warn else QPen(QColor(t.soft_border), 1))
        p.setBrush(QColor(t.base))
        p.drawRoundedRect(r, 8, 8)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor(band))
        p.drawRoundedRect(QRectF(r.left(), r.top(), 10, r.height()), 4, 4)
        p.end()

    def mousePressEvent(self, event: Any) -> None:
        self.clicked.emit(self.room_id)
        super().mousePressEvent(event)

    def keyPressEvent(self, event: Any) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.clicked.emit(self.room_id)
            return
        super().keyPressEvent(event)

    def focusInEvent(self, event: Any) -> None:
        super().focusInEvent(event)
        self.update()  # the focus ring

    def focusOutEvent(self, event: Any) -> None:
        super().focusOutEvent(event)
        self.update()

    def retheme(self) -> None:
        """Called by ui.theme after a theme change: the tile grows with the text."""
        self.setFixedSize(tile_size())


class DashboardWindow(QMainWindow):
    """The operations dashboard of ``station``."""

    updated = Signal()  # after a snapshot was applied

    def __init__(self, station: Station, tasks: TaskManager, *, sounds: SoundPlayer | None = None,
                 refresh_ms: int = 2000, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.station, self.tasks = station, tasks
        self.sounds = sounds or SoundPlayer(False)
        self.stale_after_s: float = float(station.settings["station_offline_after_s"])
        self.tiles: dict[str, RoomTile] = {}
        self.order: list[str] = []
        self.data: dict[str, Any] = {}
        self.update_ms: list[float] = []
        self.sync_engine: Any = None
        self.chart_room: str | None = None
        #: asks where to save an export (suffix .pdf or .csv); tests replace it
        self.ask_path: Callable[[str], str | None] = self._ask_path
        self._busy = False
        self._again = False
        self._columns = 0
        self._sorted_at = 0.0
        #: the order of the tiles follows the numbers at most this often (seconds)
        self.reorder_every_s = 3.0
        self._details_every = 5
        self._n = 0
        self.setWindowTitle(self.tr("Dashboard — {event}").format(event=station.event.get("name", "")))
        self.alerts = AlertCenter(self.sounds, None, self)
        self._build()
        self._timer = QTimer(self)
        self._timer.setInterval(refresh_ms)
        self._timer.timeout.connect(self.refresh)
        self._timer.start()
        station.outbox_listeners.append(self._local_commit)
        self.refresh()

    # -- layout --------------------------------------------------------------------------------
    def _build(self) -> None:
        central = QWidget(self)
        root = QVBoxLayout(central)
        root.setContentsMargins(16, 12, 16, 12)
        root.setSpacing(8)
        head = QHBoxLayout()
        title = _label(26, QFont.Weight.Bold, central)
        title.setText(str(self.station.event.get("name") or self.tr("Dashboard")))
        head.addWidget(title, 1)
        self.progress_pill = Pill("", "blue", central)
        self.inside_pill = Pill("", "grey", central)
        self.sync_pill = Pill(self.tr("standalone"), "grey", central, bold=False)
        self.updated_label = QLabel(central)
        style(self.updated_label, lambda t: f"color: {t.muted};")
        for w in (self.progress_pill, self.inside_pill, self.sync_pill, self.updated_label):
            head.addWidget(w)
        root.addLayout(head)
        self.stale_banner = QLabel(central)
        self.stale_banner.setWordWrap(True)
        style(self.stale_banner, lambda t: f"background: {t.verdict['amber'][0]}; color: {t.verdict['amber'][1]};"
              " padding: 8px; border-radius: 6px; font-weight: 700;")
        self.stale_banner.hide()
        root.addWidget(self.stale_banner)
        # stations gone silent: visible whatever tab is open; a click shows the station list
        self.offline_banner = QPushButton(central)
        self.offline_banner.setCursor(Qt.CursorShape.PointingHandCursor)
        style(self.offline_banner, lambda t: f"QPushButton {{ background: {t.verdict['red'][0]};"
              f" color: {t.verdict['red'][1]}; border: 2px solid {t.verdict['red'][2]}; padding: 8px;"
              " border-radius: 6px; font-weight: 700; text-align: left; }")
        self.offline_banner.clicked.connect(lambda: self.tabs.setCurrentWidget(self.stations))
        self.offline_banner.hide()
        root.addWidget(self.offline_banner)
        # plain HTTP over the network (a registry served with --insecure-http): said here as `station status` says it
        self.insecure_banner = QLabel(central)
        self.insecure_banner.setWordWrap(True)
        style(self.insecure_banner, lambda t: f"background: {t.verdict['red'][0]}; color: {t.verdict['red'][1]};"
              f" border: 2px solid {t.verdict['red'][2]}; padding: 8px; border-radius: 6px; font-weight: 700;")
        root.addWidget(self.insecure_banner)
        self._show_transport()
        # the registry's link with pretix failing or stopped (the feed says so): check-ins wait, in words
        self.link_banner = QLabel(central)
        self.link_banner.setWordWrap(True)
        style(self.link_banner, lambda t: f"background: {t.verdict['amber'][0]}; color: {t.verdict['amber'][1]};"
              f" border: 2px solid {t.verdict['amber'][2]}; padding: 8px; border-radius: 6px; font-weight: 700;")
        self.link_banner.hide()
        root.addWidget(self.link_banner)
        self.alert_bar = AlertBar(self.alerts, EventClock.of(self.station.event), central)
        root.addWidget(self.alert_bar)

        self.tabs = QTabWidget(central)
        rooms_page = QWidget()
        rl = QVBoxLayout(rooms_page)
        tools = QHBoxLayout()
        self.filter = QLineEdit(rooms_page)
        self.filter.setPlaceholderText(self.tr("Filter rooms: name, zone, session…"))
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(lambda _t: self._relayout(force=True))
        self.sort = QComboBox(rooms_page)
        for key in SORTS:
            self.sort.addItem(translate("DashboardWindow", key), key)
        self.sort.currentIndexChanged.connect(lambda _i: self._relayout(force=True))
        self.only_warnings = QCheckBox(self.tr("Only rooms needing attention"), rooms_page)
        self.only_warnings.toggled.connect(lambda _b: self._relayout(force=True))
        self.export_pdf = QPushButton(self.tr("Export PDF report…"), rooms_page)
        self.export_csv = QPushButton(self.tr("Export CSV…"), rooms_page)
        self.export_pdf.clicked.connect(lambda: self.export(".pdf"))
        self.export_csv.clicked.connect(lambda: self.export(".csv"))
        self.filter.setAccessibleName(self.tr("Filter rooms"))
        self.filter.setToolTip(self.tr("Filter rooms (Ctrl+F)"))
        self.export_pdf.setToolTip(self.tr("Export a PDF report (Ctrl+P)"))
        self.export_csv.setToolTip(self.tr("Export the rooms as CSV"))
        self.help_button = KeyButton("F1", self.tr("Keys and display"), rooms_page)
        self.help_button.setToolTip(self.tr("Keyboard shortcuts (F1); display: theme and text size (Ctrl+Shift+D)"))
        self.help_button.clicked.connect(self.show_help)
        sort_label = QLabel(self.tr("&Sort:"))
        sort_label.setBuddy(self.sort)
        tools.addWidget(self.filter, 2)
        tools.addWidget(sort_label)
        tools.addWidget(self.sort)
        tools.addWidget(self.only_warnings)
        tools.addStretch(1)
        tools.addWidget(self.export_pdf)
        tools.addWidget(self.export_csv)
        tools.addWidget(self.help_button)
        rl.addLayout(tools)
        self.scroll = QScrollArea(rooms_page)
        self.scroll.setWidgetResizable(True)
        self.grid_host = QWidget()
        self.grid = QGridLayout(self.grid_host)
        self.grid.setSpacing(10)
        self.grid.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.scroll.setWidget(self.grid_host)
        rl.addWidget(self.scroll, 1)
        self.tabs.addTab(rooms_page, self.tr("Rooms"))

        chart_page = QWidget()
        cl = QVBoxLayout(chart_page)
        pick = QHBoxLayout()
        room_label = QLabel(self.tr("&Room:"))
        pick.addWidget(room_label)
        self.chart_pick = QComboBox(chart_page)
        room_label.setBuddy(self.chart_pick)
        self.chart_pick.currentIndexChanged.connect(self._chart_room_changed)
        pick.addWidget(self.chart_pick)
        pick.addStretch(1)
        cl.addLayout(pick)
        self.occupancy_chart = OccupancyChart(chart_page)
        cl.addWidget(self.occupancy_chart, 1)
        self.tabs.addTab(chart_page, self.tr("Occupancy over time"))

        progress_page = QWidget()
        pl = QHBoxLayout(progress_page)
        self.category_chart = CategoryChart(progress_page)
        self.hour_chart = HourChart(progress_page)
        pl.addWidget(self.category_chart, 3)
        pl.addWidget(self.hour_chart, 2)
        self.tabs.addTab(progress_page, self.tr("Check-in progress"))

        self.conflicts = QTableWidget(0, 3)
        self.conflicts.setHorizontalHeaderLabels([self.tr("Kind"), self.tr("Who"), self.tr("Details")])
        self.conflicts.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.conflicts.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.tabs.addTab(self.conflicts, self.tr("Conflicts"))
        self.stations = QTableWidget(0, len(STATION_COLUMNS))
        self.stations.setHorizontalHeaderLabels([translate("DashboardWindow", c) for c in STATION_COLUMNS])
        self.stations.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.stations.horizontalHeader().setStretchLastSection(True)
        self.stations.verticalHeader().hide()
        self.stations.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.stations.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.stations.setAccessibleName(self.tr("Stations: role, room, last heard, outbox, online or offline"))
        self.tabs.addTab(self.stations, self.tr("Stations"))
        self.tabs.currentChanged.connect(lambda _i: self.refresh())
        root.addWidget(self.tabs, 1)
        self.setCentralWidget(central)
        for chart in (self.occupancy_chart, self.category_chart, self.hour_chart):
            theme_chart(chart.chart())
        self.conflicts.setAccessibleName(self.tr("Conflicts found by the sync"))
        self.tabs.setAccessibleName(self.tr("Dashboard views"))
        self.scroll.setAccessibleName(self.tr("Rooms"))
        bind(self, "Ctrl+F", self._focus_filter, self.tr("Filter rooms"))
        bind(self, "Ctrl+P", lambda: self.export(".pdf"), self.tr("Export a PDF report"))
        install_help(self, self.station.settings)

    def _focus_filter(self) -> None:
        self.tabs.setCurrentIndex(0)
        self.filter.setFocus()
        self.filter.selectAll()

    def show_help(self) -> ShortcutsDialog:
        dialog = ShortcutsDialog(self, self.station.settings)
        dialog.open()
        return dialog

    def retheme(self) -> None:
        """Called by ui.theme after a theme change (tiles re-sized themselves): new columns."""
        if self.tiles:
            self._relayout(force=True)

    # -- refresh -------------------------------------------------------------------------------
    def _local_commit(self) -> None:  # on the writing thread
        self.tasks.post(self.refresh)

    def set_sync(self, status: Any) -> None:
        """A :class:`ui.statusbar.SyncStatus`: facts may have arrived — re-read."""
        from ui.statusbar import describe_sync

        text, color, tip = describe_sync(status, EventClock.of(self.station.event))
        self.sync_pill.set(text, color)
        self.sync_pill.setToolTip(tip)
        self._show_transport()
        self.refresh()

    def _show_transport(self) -> None:
        meta = self.station.replica.get_meta
        _, insecure = transport.describe(meta("registry_url"), meta("registry_pins"))
        if insecure:
            self.insecure_banner.setText(self.tr(
                "Insecure connection to the registry: plain HTTP over the network. Anyone on it can read this "
                "station's token and the attendee data. Ask congress IT to serve the registry over HTTPS and "
                "enrol this station again."))
        self.insecure_banner.setVisible(insecure)

    def refresh(self) -> None:
        if self._busy:
            self._again = True
            return
        self._busy = True
        self._n += 1
        tab = self.tabs.currentIndex()
        details = tab in (2, 3) or self._n % self._details_every == 1
        chart_room = self.chart_room if tab == 1 else None
        self.tasks.run(snapshot, self.station, details=details, chart_room=chart_room, lane="read",
                       label="dashboard", on_done=self._apply, on_error=self._failed)

    def _failed(self, exc: BaseException) -> None:
        self._busy = False
        log.warning("dashboard snapshot failed: %s", exc)
        if self._again:
            self._again = False
            QTimer.singleShot(200, self.refresh)

    def _apply(self, data: dict[str, Any]) -> None:
        t0 = time.perf_counter()
        self._busy = False
        self.data.update(data)
        rooms = data["rooms"]
        created = False
        for room in rooms:
            tile = self.tiles.get(room["id"])
            if tile is None:
                created = True
                tile = RoomTile(room["id"], self.grid_host)
                tile.clicked.connect(self.show_room_chart)
                self.tiles[room["id"]] = tile
                self.chart_pick.addItem(room["name"], room["id"])
            tile.set_room(room, freshness(room["stations"], self.stale_after_s))
        self._relayout(force=created)
        registered, checked = data["registered"], data["checked_in"]
        pct = round(100 * checked / registered) if registered else 0
        self.progress_pill.set(self.tr("Checked in {checked} / {registered} ({percent} %)").format(
            checked=checked, registered=registered, percent=pct), "blue")
        self.inside_pill.set(self.tr("In rooms {count}").format(count=sum(r["count"] for r in rooms)), "grey")

        self.updated_label.setText(self.tr("updated {time}").format(
            time=EventClock.of(self.station.event).time(data["now"], seconds=True, date=False, zone=True)))
        self._show_sync(data["sync"], data["now"])
        self._show_link(data.get("link"))
        self._show_stations(data["stations"])
        self.alerts.update(rooms)
        if "by_category" in data:
            if self.tabs.currentIndex() == 2:
                self.category_chart.set_data(data["by_category"])
                self.hour_chart.set_data(data["by_hour"])
            self._show_conflicts(data["conflicts"])
        if data.get("history_room") and data["history_room"] == self.chart_room:
            room = next((r for r in rooms if r["id"] == self.chart_room), None)
            if room is not None:
                self.occupancy_chart.set_series(room["id"], self.tr("{room} — people inside").format(
                                                    room=room["name"]), room["capacity"],
                                                data["history"], data["now"],
                                                str(self.station.event.get("timezone") or "UTC"))
        self.update_ms.append((time.perf_counter() - t0) * 1000)
        del self.update_ms[:-1000]
        self.updated.emit()
        if self._again:
            self._again = False
            self.refresh()

    def _show_sync(self, sync: dict[str, Any], now: datetime) -> None:
        if sync.get("mode") != "registry":
            self.stale_banner.hide()
            return
        if sync.get("online"):
            self.stale_banner.hide()
            return
        since = sync.get("since") or sync.get("last_success")
        text = self.tr("⚠ This dashboard is offline: numbers from other stations are not updating.")
        if since:

            with contextlib.suppress(ValueError):
                text = self.tr("⚠ This dashboard is offline since {time}: numbers from other stations are not "
                               "updating.").format(time=EventClock.of(self.station.event).time(since, zone=True))
        self.stale_banner.setText(f"{text} {sync.get('last_error') or ''}".strip())
        self.stale_banner.show()

    def _show_link(self, link: dict[str, Any] | None) -> None:
        """The registry's link with pretix (:func:`venue_app.views.dashboard.registry_link`): a banner while it
        fails or is stopped; nothing while it works (or when there is no link)."""
        if not link or not link.get("warn"):
            self.link_banner.hide()
            return
        since = ""
        if link.get("since"):
            with contextlib.suppress(ValueError):
                since = EventClock.of(self.station.event).time(link["since"], zone=True)
        if link["state"] == "stopped":
            text = self.tr("⚠ Registration link (pretix) stopped: {words}. Check-ins are kept and sent when it runs "
                           "again ({count} waiting).")
        elif since:
            text = self.tr("⚠ Registration link (pretix) failing since {time}: {words}. Check-ins are kept and sent "
                           "when it is back ({count} waiting).")
        else:
            text = self.tr("⚠ Registration link (pretix) failing: {words}. Check-ins are kept and sent when it is "
                           "back ({count} waiting).")
        words = str(link.get("words") or "").rstrip(". ")
        self.link_banner.setText(text.format(time=since, words=words, count=int(link.get("pending") or 0)))
        self.link_banner.show()

    def _show_stations(self, stations: list[dict[str, Any]]) -> None:
        """The station list (texts set only where they changed: at 200 stations every refresh would
        otherwise rebuild 1,200 cells) and the banner naming the offline ones."""

        clock = EventClock.of(self.station.event)
        roles = {"desk": self.tr("desk"), "door": self.tr("door"), "dashboard": self.tr("dashboard")}
        table = self.stations
        if table.rowCount() != len(stations):
            table.setRowCount(len(stations))
        offline = []
        for i, st in enumerate(stations):
            age = st["age_s"]
            if st["self"] and not st["offline"]:
                status, color, heard = self.tr("● online (this station)"), "green", self.tr("now")
            elif not st["offline"]:
                status, color = self.tr("● online"), "green"
                heard = self.tr("{ago} ({time})").format(ago=_ago(age), time=clock.time(st["last_heard"]))
            elif age is None:
                status, color, heard = self.tr("⚠ OFFLINE — never heard"), "red", self.tr("never")
                offline.append(self.tr("{station} (never heard)").format(station=st["name"]))
            else:
                status, color = self.tr("⚠ OFFLINE"), "red"
                heard = self.tr("{ago} ({time})").format(ago=_ago(age), time=clock.time(st["last_heard"]))
                offline.append(self.tr("{station} ({ago})").format(station=st["name"], ago=_ago(age)))
            outbox = "—" if st["outbox"] is None else str(st["outbox"])
            cells = (st["name"], roles.get(st["role"], st["role"]), st["room"] or "—", status, outbox, heard)
            for j, text in enumerate(cells):
                item = table.item(i, j)
                if item is None:
                    item = QTableWidgetItem()
                    table.setItem(i, j, item)
                if item.text() != text:
                    item.setText(text)
            status_item = table.item(i, 3)
            if status_item.data(Qt.ItemDataRole.UserRole) != color:
                status_item.setData(Qt.ItemDataRole.UserRole, color)
                if color == "red":
                    status_item.setBackground(QColor(COLORS["red"][0]))
                    status_item.setForeground(QColor(COLORS["red"][1]))
                else:
                    status_item.setBackground(QColor(0, 0, 0, 0))
                    status_item.setForeground(QColor(current().ink["green"]))
                font = status_item.font()
                font.setBold(True)
                status_item.setFont(font)
        index = self.tabs.indexOf(self.stations)
        title = self.tr("Stations ({count} offline)").format(count=len(offline)) if offline else self.tr("Stations")
        if self.tabs.tabText(index) != title:
            self.tabs.setTabText(index, title)
        if offline:
            text = self.tr("⚠ %n station(s) not heard from for over {limit}: {stations}", "", len(offline)).format(
                limit=_ago(self.stale_after_s, ago=False), stations=", ".join(offline))
            if self.offline_banner.text() != text:
                self.offline_banner.setText(text)
                self.offline_banner.setToolTip(self.tr("Show the station list"))
            self.offline_banner.show()
        else:
            self.offline_banner.hide()
            self.offline_banner.setText("")  # a hidden banner must not keep naming stations back online

    def _show_conflicts(self, conflicts: list[dict[str, Any]]) -> None:
        self.tabs.setTabText(3, self.tr("Conflicts ({count})").format(count=len(conflicts)) if conflicts
                             else self.tr("Conflicts"))
        self.conflicts.setRowCount(len(conflicts))
        for i, c in enumerate(conflicts):
            if c["kind"] == "double_checkin":
                detail = self.tr("checked in at {stations}").format(
                    stations=", ".join(s["name"] for s in c.get("stations", [])))
            else:
                detail = ", ".join(c.get("serials", [])) or str(c)
            kinds = {"double_checkin": self.tr("double check-in"), "parallel_reprints": self.tr("parallel reprints")}
            kind = kinds.get(c["kind"], c["kind"].replace("_", " "))
            for j, text in enumerate((kind, c.get("name", ""), detail)):
                self.conflicts.setItem(i, j, QTableWidgetItem(text))

    # -- order and filter ----------------------------------------------------------------------
    def _sorted(self) -> list[str]:
        needle = self.filter.text().strip().casefold()
        key = self.sort.currentData() or SORTS[0]
        tiles = list(self.tiles.values())
        if needle:
            tiles = [t for t in tiles if needle in " ".join(
                str(x) for x in (t.room.get("name"), t.room.get("id"), t.room.get("zone"),
                                 (t.room.get("session") or {}).get("title", ""))).casefold()]
        if self.only_warnings.isChecked():
            tiles = [t for t in tiles if t.room.get("state") != "normal" or t.warnings]
        if key == "Name":
            tiles.sort(key=lambda t: str(t.room.get("name", "")).casefold())
        elif key == "Most people":
            tiles.sort(key=lambda t: -int(t.room.get("count", 0)))
        elif key == "Zone":
            tiles.sort(key=lambda t: (str(t.room.get("zone", "")), str(t.room.get("name", ""))))
        elif key == "Latest activity":
            tiles.sort(key=lambda t: str(t.room.get("last_event_at") or ""), reverse=True)
        else:
            tiles.sort(key=lambda t: (-(t.room.get("percentage") or 0), str(t.room.get("name", ""))))
        return [t.room_id for t in tiles]

    def _relayout(self, force: bool = False) -> None:
        columns = max(1, (self.scroll.viewport().width() - 10) // (tile_size().width() + 10))
        now = time.monotonic()
        if not force and columns == self._columns and now - self._sorted_at < self.reorder_every_s:
            return  # tiles do not jump around under the reader's eyes: re-sort at most every few seconds
        order = self._sorted()
        self._sorted_at = now
        if order == self.order and columns == self._columns and not force:
            return
        self.order, self._columns = order, columns
        for tile in self.tiles.values():
            self.grid.removeWidget(tile)
        shown = set(order)
        for i, rid in enumerate(order):
            self.grid.addWidget(self.tiles[rid], i // columns, i % columns)
        for rid, tile in self.tiles.items():
            tile.setVisible(rid in shown)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.tiles:
            self._relayout()

    # -- charts --------------------------------------------------------------------------------
    def show_room_chart(self, room_id: str) -> None:
        index = self.chart_pick.findData(room_id)
        if index >= 0:
            self.chart_pick.setCurrentIndex(index)
        self.tabs.setCurrentIndex(1)

    def _chart_room_changed(self, index: int) -> None:
        self.chart_room = self.chart_pick.itemData(index)
        self.refresh()

    # -- export --------------------------------------------------------------------------------
    def _ask_path(self, suffix: str) -> str | None:
        kind = self.tr("PDF report (*.pdf)") if suffix == ".pdf" else self.tr("CSV (*.csv)")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export report"), f"report{suffix}", kind)
        return path or None

    def export(self, suffix: str) -> None:
        path = self.ask_path(suffix)
        if not path:
            return
        if not path.lower().endswith(suffix):
            path += suffix
        from printing.report import write_report

        self.statusBar().showMessage(self.tr("Writing {file}…").format(file=Path(path).name))
        saved, failed = self.tr("Report saved: {path}"), self.tr("Report failed: {error}")
        self.tasks.run(write_report, self.station, path, lane="long", label="report",
                       on_done=lambda _r: self.statusBar().showMessage(saved.format(path=path), 8000),
                       on_error=lambda e: self.statusBar().showMessage(failed.format(error=e), 8000))

    # -- lifecycle -----------------------------------------------------------------------------
    def shutdown(self) -> None:
        self._timer.stop()
        if self._local_commit in self.station.outbox_listeners:
            self.station.outbox_listeners.remove(self._local_commit)
        if self.sync_engine is not None:
            engine, self.sync_engine = self.sync_engine, None
            engine.stop()
        self.tasks.shutdown()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.shutdown()
        super().closeEvent(event)


def open_dashboard(station: Station, *, tasks: TaskManager | None = None, sounds: bool | None = None,
                   sync: bool = True, refresh_ms: int = 2000) -> DashboardWindow:
    """A dashboard window for ``station`` (the QApplication must exist); with ``sync`` an enrolled
    station replicates with its registry and the dashboard re-reads whenever facts arrive."""
    from ui import i18n

    i18n.ensure()
    tasks = tasks or TaskManager()
    player = SoundPlayer(bool(station.settings["sounds"]) if sounds is None else sounds)
    window = DashboardWindow(station, tasks, sounds=player, refresh_ms=refresh_ms)
    tasks.setParent(window)
    window.resize(1400, 900)
    if sync:
        from ui.sync import sync_for

        engine = sync_for(station, tasks)
        if engine is not None:
            engine.listeners.append(window.set_sync)
            window.sync_engine = engine
    return window





def bench_child() -> None:
    """``python -c "from ui.dashboard import bench_child; bench_child()" DATA SECONDS RATE``: the
    dashboard offscreen while a writer thread records RATE room events per second over the station's
    rooms; prints JSON with the GUI-thread time of every update (snapshot applied + tiles repainted)."""
    import json
    import random
    import sys
    import threading

    from PySide6.QtCore import QEventLoop

    from ui.app import ensure_app
    from venue_app.paths import Paths

    data, seconds, rate = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
    app = ensure_app()
    station = Station.open(Paths.at(data))
    window = open_dashboard(station, sounds=False, sync=False, refresh_ms=1000)
    window.resize(1600, 1000)
    window.show()
    samples: list[float] = []

    def measured() -> None:
        t0 = time.perf_counter()
        window.grid_host.repaint()
        samples.append(window.update_ms[-1] + (time.perf_counter() - t0) * 1000)

    window.updated.connect(measured)
    loop = QEventLoop()
    QTimer.singleShot(1500, loop.quit)
    loop.exec()
    samples.clear()
    rooms = room_ids(station)
    stop = threading.Event()
    written = [0]

    def writer() -> None:
        rng = random.Random(13)
        inside: dict[str, int] = dict.fromkeys(rooms, 0)
        period = 1.0 / rate
        next_at = time.perf_counter()
        while not stop.is_set():
            room = rng.choice(rooms)
            delta = 1 if inside[room] == 0 or rng.random() < 0.6 else -1
            adjust_count(station, room, delta, reason="clicker", anonymous=True)
            inside[room] += delta
            written[0] += 1
            next_at += period
            pause = next_at - time.perf_counter()
            if pause > 0:
                stop.wait(pause)

    thread = threading.Thread(target=writer, daemon=True)
    thread.start()
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    loop.exec()
    stop.set()
    thread.join(5)
    window.close()
    app.processEvents()
    station.close()
    print(json.dumps({"samples_ms": samples, "events": written[0], "seconds": seconds, "rooms": len(rooms)}))
