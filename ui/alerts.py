"""Room alerts: a room crossing near-full (≥ 85 %) or full raises a visible, dismissible alert with
a sound, on the dashboard and on that room's door stations.

:class:`AlertCenter` is fed room views (``{"id", "name", "count", "capacity", "state"}``) and
decides: an alert is raised when a room's state *rises* (normal → near_full → full), including the
first time a room is seen already near-full or full; it is withdrawn by itself when the room goes
back below; a dismissed alert stays dismissed until the state changes again. :class:`AlertBar`
shows the open alerts (icon shape, words and colour — colour is never the only signal) with a
Dismiss button each.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ui.i18n import translate
from ui.sounds import SoundPlayer
from ui.widgets import COLORS, StatusIcon
from venue_app.clock import EventClock

__all__ = ["STATE_STYLE", "Alert", "AlertBar", "AlertCenter"]

_RANK = {"normal": 0, "near_full": 1, "full": 2}
#: state → (verdict colour, words shown (translate with context "alerts"), icon kind)
STATE_STYLE: dict[str, tuple[str, str, str]] = {
    "normal": ("green", QT_TRANSLATE_NOOP("alerts", "SPACE AVAILABLE"), "green"),
    "near_full": ("amber", QT_TRANSLATE_NOOP("alerts", "NEARLY FULL"), "amber"),
    "full": ("red", QT_TRANSLATE_NOOP("alerts", "FULL"), "red"),
}


@dataclass(frozen=True)
class Alert:
    room_id: str
    room_name: str
    state: str  # near_full | full
    count: int
    capacity: int
    policy: str
    raised_at: datetime

    @property
    def text(self) -> str:
        left = max(0, self.capacity - self.count)
        if self.state == "full":
            action = translate("alerts", "new arrivals are refused") if self.policy == "block" \
                else translate("alerts", "over capacity: stop admitting")
            return translate("alerts", "{room} is FULL — {count} / {capacity}; {action}.").format(
                room=self.room_name, count=self.count, capacity=self.capacity, action=action)
        return translate("alerts", "{room} is nearly full — {count} / {capacity}, %n place(s) left.", "", left).format(
            room=self.room_name, count=self.count, capacity=self.capacity)


class AlertCenter(QObject):
    """Turns state changes of rooms into alerts (raise with sound, withdraw, dismiss)."""

    raised = Signal(object)  # Alert
    cleared = Signal(str)  # room id: the alert is gone (dismissed or the room emptied)

    def __init__(self, sounds: SoundPlayer | None = None, rooms: Iterable[str] | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.sounds = sounds
        self.rooms = set(rooms) if rooms is not None else None  # None: every room
        self._state: dict[str, str] = {}
        self.active: dict[str, Alert] = {}
        self._dismissed: dict[str, str] = {}  # room → the state that was dismissed

    def update(self, rooms: Iterable[Mapping[str, Any]]) -> None:
        for room in rooms:
            rid = str(room["id"])
            if self.rooms is not None and rid not in self.rooms:
                continue
            state = str(room.get("state") or "normal")
            before = self._state.get(rid, "normal")
            self._state[rid] = state
            if _RANK.get(state, 0) > _RANK.get(before, 0):
                self._dismissed.pop(rid, None)
                alert = Alert(rid, str(room.get("name") or rid), state, int(room.get("count") or 0),
                              int(room.get("capacity") or 0), str(room.get("policy") or "warn"), datetime.now(UTC))
                self.active[rid] = alert
                if self.sounds is not None:
                    self.sounds.play("error" if state == "full" else "attention")
                self.raised.emit(alert)
            elif _RANK.get(state, 0) < _RANK.get(before, 0):
                self._dismissed.pop(rid, None)
                if rid in self.active:
                    if state == "normal":
                        del self.active[rid]
                        self.cleared.emit(rid)
                    else:  # full → near_full: keep telling, quietly
                        old = self.active[rid]
                        self.active[rid] = Alert(rid, old.room_name, state, int(room.get("count") or 0),
                                                 old.capacity, old.policy, old.raised_at)
                        self.raised.emit(self.active[rid])

    def dismiss(self, room_id: str) -> None:
        alert = self.active.pop(room_id, None)
        if alert is not None:
            self._dismissed[room_id] = alert.state
            self.cleared.emit(room_id)


class _AlertRow(QFrame):
    def __init__(self, alert: Alert, on_dismiss: Any, clock: EventClock, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.clock = clock
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 2, 6, 2)
        self.icon = StatusIcon(24, self)
        self.label = QLabel(self)
        font = self.label.font()
        font.setPixelSize(15)
        font.setBold(True)
        self.label.setFont(font)
        self.label.setWordWrap(True)
        self.dismiss = QPushButton(translate("alerts", "Dismiss"), self)
        self.dismiss.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.dismiss.clicked.connect(lambda: on_dismiss(self.alert.room_id))
        layout.addWidget(self.icon)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.dismiss)
        self.alert = alert
        self.show_alert(alert)

    def show_alert(self, alert: Alert) -> None:
        self.alert = alert
        color = STATE_STYLE[alert.state][0]
        bg, fg, accent = COLORS[color]
        self.icon.set(color, fg)
        self.label.setText(translate("alerts", "{alert}   (since {time})").format(
            alert=alert.text, time=self.clock.time(alert.raised_at, zone=True)))
        self.setStyleSheet(f"_AlertRow {{ background: {bg}; border: 2px solid {accent}; border-radius: 8px; }}"
                           f" QLabel {{ color: {fg}; background: transparent; }}")


class AlertBar(QWidget):
    """The open alerts of an :class:`AlertCenter`, newest first; hidden when there is none."""

    def __init__(self, center: AlertCenter, clock: EventClock, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.center = center
        self.clock = clock  # "since HH:MM" in event time, like every other time on screen
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(3)
        self.rows: dict[str, _AlertRow] = {}
        center.raised.connect(self._raised)
        center.cleared.connect(self._cleared)
        self.setVisible(False)

    def _raised(self, alert: Alert) -> None:
        row = self.rows.get(alert.room_id)
        if row is None:
            row = _AlertRow(alert, self.center.dismiss, self.clock, self)
            self.rows[alert.room_id] = row
            self._layout.insertWidget(0, row)
        else:
            row.show_alert(alert)
        self.setVisible(True)

    def _cleared(self, room_id: str) -> None:
        row = self.rows.pop(room_id, None)
        if row is not None:
            row.hide()
            row.deleteLater()
        self.setVisible(bool(self.rows))

    def texts(self) -> list[str]:
        return [row.label.text() for row in self.rows.values()]
