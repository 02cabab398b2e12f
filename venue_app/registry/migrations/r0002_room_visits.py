"""Keep each room's newest event time and each person's first visits, as stations do.

Since the station and the registry apply one rule set (:mod:`venue_app.rules`), the registry derives
the same tables a station does: ``room_counts.last_event_at`` (the newest event time of a room) and
``room_visits`` (a person's first entry into a room or session). Both are filled from the log here,
so an upgraded registry holds what a new one fed the same events would.
"""

from __future__ import annotations

import json
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

__all__ = ["upgrade"]

_ROOM_EVENTS = ("room_entry", "room_exit", "occupancy_adjust")


def _payload(text: str | None) -> dict[str, Any]:
    try:
        value = json.loads(text or "{}")
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def upgrade(conn: Connection) -> None:
    """Add the column and the table, then fill them from the log."""
    conn.execute(sa.text("ALTER TABLE room_counts ADD COLUMN last_event_at TEXT NOT NULL DEFAULT ''"))
    local = sa.MetaData()
    visits = sa.Table("room_visits", local, sa.Column("attendee_id", sa.String(128), primary_key=True),
                      sa.Column("scope", sa.String(128), primary_key=True),
                      sa.Column("first_hlc", sa.Text, nullable=False, server_default=sa.text("''")))
    visits.create(conn)
    owners = dict(conn.execute(sa.text("SELECT serial, attendee_id FROM badges WHERE attendee_id != ''")).all())
    newest: dict[str, str] = {}
    first: dict[tuple[str, str], str] = {}
    rows = conn.execute(sa.text("SELECT type, hlc, wall, payload FROM log WHERE type IN"
                                " ('room_entry', 'room_exit', 'occupancy_adjust')"))
    for kind, hlc, wall, text in rows:
        payload = _payload(text)
        room = payload.get("room_id")
        if not room:
            continue
        room = str(room)
        if kind == "occupancy_adjust" and not isinstance(payload.get("delta"), int):
            continue
        subject = payload.get("attendee_id")
        if kind != "occupancy_adjust":
            serial = payload.get("badge_serial")
            if not subject and serial:
                subject = owners.get(str(serial)) or f"badge:{serial}"
            if not subject:
                continue
        newest[room] = max(newest.get(room, ""), wall or "")
        if kind == "room_entry":
            for scope in filter(None, (room, payload.get("session_id"))):
                key = (str(subject), str(scope))
                first[key] = min(first.get(key, hlc), hlc)
    if newest:
        present = {r[0] for r in conn.execute(sa.text("SELECT room_id FROM room_counts"))}
        missing = [{"room": room} for room in newest if room not in present]
        if missing:
            conn.execute(sa.text("INSERT INTO room_counts(room_id, present, adjust) VALUES (:room, 0, 0)"), missing)
        conn.execute(sa.text("UPDATE room_counts SET last_event_at = :wall WHERE room_id = :room"),
                     [{"room": room, "wall": wall} for room, wall in newest.items()])
    if first:
        conn.execute(visits.insert(), [{"attendee_id": a, "scope": scope, "first_hlc": hlc}
                                       for (a, scope), hlc in first.items()])
