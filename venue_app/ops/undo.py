"""Undo a check-in (the desk's Ctrl+Z, ``venue-app station undo``): the check-in stays in the log,
marked void by a ``checkin_voided`` event, and no longer counts anywhere.

Refused in words, nothing written: an event id that is not a check-in of this replica, a check-in
already undone.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING

from venue_app import eventlog
from venue_app.ops.problems import InvalidInput, Problem

if TYPE_CHECKING:
    from venue_app.station import Station

__all__ = ["Undone", "undo_checkin"]

DEFAULT_REASON = "undone at the desk"


@dataclass(frozen=True)
class Undone:
    event_id: str  # the checkin_voided event
    checkin_event_id: str
    attendee_id: str | None


def undo_checkin(station: Station, checkin_event_id: str, *, operator: str | None = None,
                 reason: str = "") -> Undone:
    """Take back the check-in recorded as event ``checkin_event_id``; raises :class:`InvalidInput`."""
    reason = " ".join(reason.split()) or DEFAULT_REASON
    checkin_event_id = checkin_event_id.strip()
    event = None
    with station.replica.transaction() as conn:
        # judged under the writer: two undos of one check-in cannot both pass the check
        row = conn.execute("SELECT payload FROM log WHERE id = ? AND type = 'checkin'", (checkin_event_id,)).fetchone()
        if row is None:
            raise InvalidInput([Problem("", "no_such_checkin",
                                        f"there is no check-in {checkin_event_id!r} to undo",
                                        {"event_id": checkin_event_id})], "nothing undone")
        if conn.execute("SELECT 1 FROM voided_checkins WHERE event_id = ?", (checkin_event_id,)).fetchone():
            raise InvalidInput([Problem("", "already_undone", "this check-in was already undone",
                                        {"event_id": checkin_event_id})], "nothing undone")
        attendee_id = json.loads(row[0]).get("attendee_id")
        event = station.new_event("checkin_voided", {"checkin_event_id": checkin_event_id,
                                                     "attendee_id": attendee_id, "reason": reason},
                                  station.operator(operator))
        eventlog.append(conn, event, outbox=True)
    station.committed()
    return Undone(event.id, checkin_event_id, attendee_id)
