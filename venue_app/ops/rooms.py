"""Room counts at a door: the clicker's ±1, a manual adjustment with a reason, and the sweep that
moves everyone out of a room whose session ended.

Refused in words, nothing written: a zero, fractional or huge delta, a manual adjustment without a
reason, an unknown room, a count that would go below zero.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING

from venue_app import eventlog, events, occupancy
from venue_app.errors import ConfigError
from venue_app.ops.problems import InvalidInput, Problem

if TYPE_CHECKING:
    from venue_app.station import Station

__all__ = ["Adjusted", "adjust_count", "sweep"]


@dataclass(frozen=True)
class Adjusted:
    room_id: str
    count: int  # the room's count after the adjustment
    event_id: str


def adjust_count(station: Station, room: str, delta: int, *, reason: str = "", operator: str | None = None,
                 anonymous: bool = False) -> Adjusted:
    """A signed change of ``room``'s count: the clicker (``anonymous``) or a correction with a
    ``reason``. Raises :class:`InvalidInput` or :class:`~venue_app.errors.ConfigError` (unknown room)."""
    reason = " ".join(reason.split())
    problems = []
    if isinstance(delta, bool) or not isinstance(delta, int) or delta == 0:
        problems.append(Problem("delta", "delta_not_whole", "an adjustment is a non-zero whole number"))
    elif abs(delta) > events.MAX_ADJUST:
        problems.append(Problem("delta", "delta_too_large",
                                f"an adjustment changes a count by at most {events.MAX_ADJUST:,}",
                                {"max": events.MAX_ADJUST}))
    if not anonymous and not reason:
        problems.append(Problem("reason", "adjust_reason_missing", "a manual adjustment needs a reason"))
    if problems:
        raise InvalidInput(problems, "count not changed")
    with station.replica.transaction() as conn:
        if conn.execute("SELECT 1 FROM rooms WHERE id = ?", (room,)).fetchone() is None:
            raise ConfigError(f"unknown room {room!r}")
        count = occupancy.room_count(conn, room)
        if count + delta < 0:
            # refusing keeps the count honest: an exit storm at an empty room changes nothing
            raise InvalidInput([Problem("delta", "count_below_zero",
                                        f"the room count is {count}; it cannot go below zero", {"count": count})],
                               "count not changed")
        event = station.new_event("occupancy_adjust", {"room_id": room, "delta": delta,
                                                       "reason": reason or "clicker", "anonymous": anonymous},
                                  station.operator(operator))
        eventlog.append(conn, event, outbox=True)
        after = occupancy.room_count(conn, room)
    station.committed()
    return Adjusted(room, after, event.id)


def sweep(station: Station, operator: str = "system") -> int:
    """Move out everyone still inside a room whose session ended (rooms with ``clear_after_session``);
    returns how many were moved out."""
    now_local = occupancy.local_now(station.now(), str(station.event.get("timezone") or "UTC"))
    stamp = now_local.isoformat(timespec="minutes")
    moved = 0
    with station.replica.transaction() as conn:
        for room in conn.execute("SELECT id, data FROM rooms").fetchall():
            if not json.loads(room["data"] or "{}").get("clear_after_session", False):
                continue
            running = conn.execute("SELECT 1 FROM sessions WHERE room_id = ? AND starts <= ? AND ends > ?",
                                   (room["id"], stamp, stamp)).fetchone()
            ended = conn.execute("SELECT max(ends) FROM sessions WHERE room_id = ? AND ends <= ?",
                                 (room["id"], stamp)).fetchone()[0]
            if running or not ended:
                continue
            for person in conn.execute("SELECT attendee_id FROM presence WHERE room_id = ?",
                                       (room["id"],)).fetchall():
                subject = person[0]
                who = {"badge_serial": subject[6:]} if subject.startswith("badge:") else {"attendee_id": subject}
                eventlog.append(conn, station.new_event("room_exit", {**who, "room_id": room["id"],
                                                                      "reason": "session ended"}, operator),
                                outbox=True)
                moved += 1
    if moved:
        station.committed()
    return moved
