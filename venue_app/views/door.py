"""A door's read model: its room's count, capacity and state under the rule in force now, the
session and its rule in words."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from venue_app import occupancy
from venue_app.errors import ConfigError

if TYPE_CHECKING:
    from venue_app.station import Station

__all__ = ["door_view"]


def door_view(station: Station, room_id: str) -> dict[str, Any]:
    """The room as its door shows it (read-only connection of the calling thread); raises
    :class:`~venue_app.errors.ConfigError` for a room the replica does not hold."""
    conn = station.replica.reader()
    room = conn.execute("SELECT name, zone FROM rooms WHERE id = ?", (room_id,)).fetchone()
    if room is None:
        raise ConfigError(f"unknown room {room_id!r}")
    now_local = occupancy.local_now(station.now(), str(station.event.get("timezone") or "UTC"))
    rule = occupancy.rule_in_force(conn, room_id, now_local)
    count = occupancy.room_count(conn, room_id)
    return {"id": room_id, "name": room["name"], "zone": room["zone"], "count": count, "capacity": rule.capacity,
            "state": occupancy.state_of(count, rule.capacity), "policy": rule.policy,
            "session": rule.session_title, "rule": rule.describe(), "reentry": rule.reentry,
            "open_to_all": rule.categories is None}
