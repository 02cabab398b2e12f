"""The attendee page's read model: the person, their check-in, their badges (newest first) and the
last hundred events about them (newest first, with the recording station's name)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from venue_app.views.desk import checkin_state

if TYPE_CHECKING:
    from venue_app.station import Station

__all__ = ["HISTORY_LIMIT", "attendee_page"]

HISTORY_LIMIT = 100


def attendee_page(station: Station, attendee_id: str) -> dict[str, Any] | None:
    """``{"person", "checkin", "history", "badges"}``, or None for an unknown id. A history entry:
    ``type``, ``wall``, ``operator``, ``payload`` (JSON text), ``station``."""
    person = station.attendee(attendee_id)
    if person is None:
        return None
    conn = station.replica.reader()
    history = [dict(r) for r in conn.execute(
        "SELECT l.type, l.wall, l.operator, l.payload, s.name AS station FROM log l"
        " LEFT JOIN stations s ON s.id = l.station_id"
        " WHERE json_extract(l.payload, '$.attendee_id') = ? OR json_extract(l.payload, '$.attendee.id') = ?"
        " ORDER BY l.hlc DESC LIMIT ?", (attendee_id, attendee_id, HISTORY_LIMIT))]
    badges = [dict(r) for r in conn.execute(
        "SELECT serial, issued_hlc, revoked_hlc, revoked_reason FROM badges WHERE attendee_id = ?"
        " ORDER BY issued_hlc DESC", (attendee_id,))]
    return {"person": person, "checkin": checkin_state(station, attendee_id), "history": history, "badges": badges}
