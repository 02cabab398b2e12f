"""The status bar: sync state, what waits to be sent, printer and queue, scanner, clock drift.

Sync reaches the GUI only through :class:`SyncSource` (``sync_status() -> SyncStatus``), so the
registry client (issues 4/5) plugs in without touching this module. Until then
:class:`StandaloneSync` reports "standalone (no registry)".

Offline must be impossible to miss and never alarming: an amber pill with words ("Offline since
14:02 — 35 changes saved here, will send when back") rather than red, because nothing is lost.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from ui.i18n import translate
from ui.widgets import Pill
from venue_app.clock import EventClock
from venue_app.views.status import outbox_count

__all__ = ["DeskStatusBar", "StandaloneSync", "SyncSource", "SyncStatus"]


@dataclass(frozen=True)
class SyncStatus:
    """What the sync client tells the desk. ``state``: standalone | connecting | online | offline |
    revoked | error. Times are aware datetimes; ``clock_drift_s`` is registry time minus ours."""

    state: str = "standalone"
    outbox: int = 0
    since: datetime | None = None  # offline/online since
    last_sync: datetime | None = None
    message: str = ""
    clock_drift_s: float | None = None


class SyncSource(Protocol):
    def sync_status(self) -> SyncStatus: ...


class StandaloneSync:
    """No registry: the station is its own authority; its log stays here."""

    def __init__(self, station: Any) -> None:
        self.station = station

    def sync_status(self) -> SyncStatus:
        return SyncStatus("standalone", outbox_count(self.station))


def _hhmm(moment: datetime | None, clock: EventClock | None) -> str:
    if not moment:
        return "—"
    return clock.time(moment, zone=True) if clock is not None else moment.astimezone().strftime("%H:%M")


def describe_sync(s: SyncStatus, clock: EventClock | None = None) -> tuple[str, str, str]:
    """(pill text, pill colour, tooltip) for a sync status; times on ``clock`` (the event's), else the
    computer's."""
    if s.state == "standalone":
        return translate("sync", "Standalone (no registry)"), "grey", \
            translate("sync", "This station works on its own; nothing is sent anywhere.")
    if s.state == "online":
        if s.last_sync:
            return translate("sync", "Online · synced {time}").format(time=_hhmm(s.last_sync, clock)), "green", \
                translate("sync", "Connected to the registry.")
        return translate("sync", "Online"), "green", translate("sync", "Connected to the registry.")
    if s.state == "connecting":
        return translate("sync", "Connecting to the registry…"), "blue", s.message
    if s.state == "offline":
        waiting = translate("sync", "%n change(s) saved here, sent when back", "", s.outbox) if s.outbox \
            else translate("sync", "nothing waiting")
        return translate("sync", "OFFLINE since {time} — {waiting}").format(
            time=_hhmm(s.since, clock), waiting=waiting), \
            "amber", (s.message or translate("sync", "The registry cannot be reached.")) + " " + \
            translate("sync", "Keep working: every scan is saved on this station.")
    if s.state == "revoked":
        return translate("sync", "Station removed from the registry"), "red", \
            s.message or translate("sync", "Ask the operations lead to enrol it again.")
    return translate("sync", "Sync problem"), "amber", s.message


class DeskStatusBar(QStatusBar):
    """``clock``: the event's; the clock label shows event time, with the zone when this computer's
    zone differs (a laptop flown in keeps its own)."""

    def __init__(self, parent: QWidget | None = None, clock: EventClock | None = None) -> None:
        super().__init__(parent)
        self.setSizeGripEnabled(False)
        self.event_clock = clock or EventClock("UTC")
        # long words end in "…" (whole in the tooltip and accessible name): a status bar must never
        # widen the window past a 1366 px screen
        self.sync = Pill(translate("sync", "Standalone (no registry)"), "grey", elide=True)
        self.outbox = QLabel()
        self.printer = Pill(self.tr("Printer"), "grey", bold=False, elide=True)
        self.scanner = Pill(self.tr("Scanner"), "grey", bold=False, elide=True)
        self.drift = Pill("", "amber", elide=True)
        for device in (self.printer, self.scanner):  # a long port or printer name gives way to the sync state
            device.setMaximumWidth(320)
        self.drift.hide()
        self.operator = QLabel()
        self.clock = QLabel()
        for w in (self.sync, self.outbox, self.drift):
            self.addWidget(w)
        for w in (self.scanner, self.printer, self.operator, self.clock):
            self.addPermanentWidget(w)
        self.state: SyncStatus = SyncStatus()
        timer = QTimer(self)
        timer.timeout.connect(self._tick)
        timer.start(1000)
        self._tick()

    def set_sync(self, status: SyncStatus) -> None:
        self.state = status
        text, color, tip = describe_sync(status, self.event_clock)
        self.sync.set(text, color)
        self.sync.setToolTip(tip)
        if status.state == "standalone":
            self.outbox.setText(self.tr("%n fact(s) recorded on this station", "", status.outbox))
        else:
            self.outbox.setText(self.tr("Outbox: {count}").format(count=f"{status.outbox:,}"))
        drift = status.clock_drift_s
        if drift is not None and abs(drift) >= 60:
            minutes = round(abs(drift) / 60)
            text = self.tr("Clock %n min slow — check the time", "", minutes) if drift > 0 \
                else self.tr("Clock %n min fast — check the time", "", minutes)
            self.drift.set(text, "amber")
            self.drift.setToolTip(self.tr("Check-in times are still ordered correctly; fix the computer's clock "
                                          "when you can."))
            self.drift.show()
        else:
            self.drift.hide()

    def set_printer(self, state: dict[str, Any]) -> None:
        text = self.tr("Printer: {printer}").format(printer=state["printer"])
        color = "grey"
        if state.get("queued"):
            text += " · " + self.tr("{count} printing").format(count=state["queued"])
            color = "blue"
        if state.get("held"):  # accepted, but a paused printer keeps them (issue 20)
            text += " · " + self.tr("{count} held by the printer").format(count=state["held"])
            color = "amber"
        if state.get("failed"):
            text += " · " + self.tr("{count} failed").format(count=state["failed"])
            color = "amber"
        self.printer.set(text, color)
        self.printer.setToolTip(state.get("error") or self.tr("Badge printer"))

    def set_scanner(self, state: str, detail: str) -> None:
        words = {"connected": self.tr("Scanner connected"), "searching": self.tr("Looking for scanner"),
                 "disconnected": self.tr("Scanner disconnected"), "error": self.tr("Scanner problem"),
                 "none": self.tr("Keyboard scanner")}.get(state, state)
        detail = translate("ScannerBridge", detail)
        colors = {"connected": "green", "disconnected": "amber", "error": "amber", "searching": "blue"}
        color = colors.get(state, "grey")
        self.scanner.set(f"{words} · {detail}" if detail and state != "none" else words, color)
        self.scanner.setToolTip(detail)

    def set_operator(self, name: str) -> None:
        text = self.tr("Operator: {name}").format(name=name or "—")
        self.operator.setText(self.operator.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, 260))
        self.operator.setToolTip(text)
        self.operator.setAccessibleName(text)

    def _tick(self) -> None:
        clock = self.event_clock
        now = clock.now()
        # a screen reader gets the time to the minute: a QLabel without a name of its own reports its
        # text as its name, and a name changing every second is a change event every second
        spoken = clock.time(now, date=False, zone=True)
        if self.clock.accessibleName() != spoken:
            self.clock.setAccessibleName(spoken)
        self.clock.setText(clock.time(now, seconds=True, date=False, zone=True))
        if clock.differs(now):
            tip = self.tr("Event time: {zone}. This computer's clock says {time}.").format(
                zone=clock.describe(), time=now.astimezone().strftime("%H:%M"))
        else:
            tip = self.tr("Event time: {zone}").format(zone=clock.describe())
        if self.clock.toolTip() != tip:
            self.clock.setToolTip(tip)
