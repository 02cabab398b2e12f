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

from PySide6.QtCore import QDateTime, QTimer
from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from ui.widgets import Pill

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
        # this thread's read-only connection: a status poll must never queue behind the writer
        row = self.station.replica.reader().execute("SELECT count(*) FROM log WHERE outbox = 1").fetchone()
        return SyncStatus("standalone", int(row[0]) if row else 0)


def _hhmm(moment: datetime | None) -> str:
    return moment.astimezone().strftime("%H:%M") if moment else "—"


def describe_sync(s: SyncStatus) -> tuple[str, str, str]:
    """(pill text, pill colour, tooltip) for a sync status."""
    if s.state == "standalone":
        return "Standalone (no registry)", "grey", "This station works on its own; nothing is sent anywhere."
    if s.state == "online":
        synced = f" · synced {_hhmm(s.last_sync)}" if s.last_sync else ""
        return f"Online{synced}", "green", "Connected to the registry."
    if s.state == "connecting":
        return "Connecting to the registry…", "blue", s.message
    if s.state == "offline":
        waiting = f"{s.outbox} change{'s' if s.outbox != 1 else ''} saved here, sent when back" if s.outbox \
            else "nothing waiting"
        return f"OFFLINE since {_hhmm(s.since)} — {waiting}", "amber", \
            (s.message or "The registry cannot be reached.") + " Keep working: every scan is saved on this station."
    if s.state == "revoked":
        return "Station removed from the registry", "red", s.message or "Ask the operations lead to enrol it again."
    return "Sync problem", "amber", s.message


class DeskStatusBar(QStatusBar):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizeGripEnabled(False)
        self.sync = Pill("Standalone (no registry)", "grey")
        self.outbox = QLabel()
        self.printer = Pill("Printer", "grey", bold=False)
        self.scanner = Pill("Scanner", "grey", bold=False)
        self.drift = Pill("", "amber")
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
        text, color, tip = describe_sync(status)
        self.sync.set(text, color)
        self.sync.setToolTip(tip)
        if status.state == "standalone":
            self.outbox.setText(f"{status.outbox:,} fact{'s' if status.outbox != 1 else ''} recorded on this station")
        else:
            self.outbox.setText(f"Outbox: {status.outbox:,}")
        drift = status.clock_drift_s
        if drift is not None and abs(drift) >= 60:
            minutes = round(abs(drift) / 60)
            self.drift.set(f"Clock {minutes} min {'slow' if drift > 0 else 'fast'} — check the time", "amber")
            self.drift.setToolTip("Check-in times are still ordered correctly; fix the computer's clock when you can.")
            self.drift.show()
        else:
            self.drift.hide()

    def set_printer(self, state: dict[str, Any]) -> None:
        text = f"Printer: {state['printer']}"
        color = "grey"
        if state.get("queued"):
            text += f" · {state['queued']} printing"
            color = "blue"
        if state.get("failed"):
            text += f" · {state['failed']} failed"
            color = "amber"
        self.printer.set(text, color)
        self.printer.setToolTip(state.get("error") or "Badge printer")

    def set_scanner(self, state: str, detail: str) -> None:
        words = {"connected": "Scanner connected", "searching": "Looking for scanner", "disconnected":
                 "Scanner disconnected", "error": "Scanner problem", "none": "Keyboard scanner"}.get(state, state)
        colors = {"connected": "green", "disconnected": "amber", "error": "amber", "searching": "blue"}
        color = colors.get(state, "grey")
        self.scanner.set(f"{words} · {detail}" if detail and state != "none" else words, color)
        self.scanner.setToolTip(detail)

    def set_operator(self, name: str) -> None:
        self.operator.setText(f"Operator: {name or '—'}")

    def _tick(self) -> None:
        self.clock.setText(QDateTime.currentDateTime().toString("HH:mm:ss"))
