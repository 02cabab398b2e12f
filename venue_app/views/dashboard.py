"""The dashboard's read model: one snapshot of rooms, totals, stations (with their freshness), the
arrivals by category and by hour, the conflicts with names, one room's occupancy history, and the state of
the registry's link with pretix."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from venue_app import linkstatus, occupancy
from venue_app.clock import EventClock

if TYPE_CHECKING:
    from venue_app.station import Station

__all__ = ["registry_link", "room_ids", "snapshot", "station_list"]


def snapshot(station: Station, *, details: bool = True, chart_room: str | None = None) -> dict[str, Any]:
    """Everything the dashboard shows, read on the calling thread's read-only connection (no lock).

    Always: ``now``, ``rooms`` (:meth:`Station.occupancy`), ``registered``, ``checked_in``, ``sync``,
    ``stations``, ``link`` (:func:`registry_link`); with ``details``: ``by_category``, ``by_hour``
    (``"YYYY-MM-DD HH:00"`` in the event's time zone), ``conflicts`` (each with the person's ``name``);
    with ``chart_room``: ``history_room`` and ``history`` (per minute)."""
    conn = station.replica.reader()
    now = station.now()
    rooms = station.occupancy()
    row = conn.execute("SELECT (SELECT count(*) FROM attendees WHERE status = 'active'),"
                       " (SELECT count(*) FROM checkins)").fetchone()
    out: dict[str, Any] = {"now": now, "rooms": rooms, "registered": int(row[0]), "checked_in": int(row[1]),
                           "sync": station.sync_summary()}
    out["stations"] = station_list(station, now, out["sync"])
    out["link"] = registry_link(conn)
    if details:
        tz = EventClock(str(station.event.get("timezone") or "UTC")).zone
        out["by_category"] = [dict(r) for r in conn.execute(
            "SELECT a.category AS category, count(*) AS registered, count(c.attendee_id) AS checked_in"
            " FROM attendees a LEFT JOIN checkins c ON c.attendee_id = a.id WHERE a.status = 'active'"
            " OR c.attendee_id IS NOT NULL GROUP BY a.category ORDER BY registered DESC")]
        offset = int((now.astimezone(tz).utcoffset() or timedelta()).total_seconds())
        # grouped in SQL (the event's UTC offset of today): no Python loop over every check-in
        out["by_hour"] = [{"hour": r[0], "checked_in": r[1]} for r in conn.execute(
            "SELECT strftime('%Y-%m-%d %H:00', at, ? || ' seconds') AS hour, count(*) FROM checkins"
            " WHERE hour IS NOT NULL GROUP BY hour ORDER BY hour", (f"{offset:+d}",))]
        out["conflicts"] = station.conflicts()
        names = {}
        for c in out["conflicts"]:
            person = conn.execute("SELECT given_name, family_name, native_name FROM attendees WHERE id = ?",
                                  (c.get("attendee_id"),)).fetchone()
            if person is not None:
                names[c.get("attendee_id")] = person
        for c in out["conflicts"]:
            person = names.get(c.get("attendee_id"))
            c["name"] = (f"{person['given_name']} {person['family_name']}".strip() or person["native_name"]
                         if person else c.get("attendee_id", ""))
    if chart_room:
        out["history_room"] = chart_room
        out["history"] = occupancy.history(conn, chart_room) if any(r["id"] == chart_room for r in rooms) else []
    return out


def registry_link(conn: sqlite3.Connection) -> dict[str, Any] | None:
    """The state of the registry's link with pretix as the feed last told it (:func:`venue_app.linkstatus.clean`,
    plus ``warn``: failing or stopped), or None when the registry has no link (or never said)."""
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (linkstatus.LINK_META,)).fetchone()
    if row is None:
        return None
    try:
        link = linkstatus.clean(json.loads(row[0]))
    except ValueError:
        return None
    if link is None:
        return None
    return {**link, "warn": link["state"] in linkstatus.WARN_STATES}


def station_list(station: Station, now: datetime, sync: dict[str, Any]) -> list[dict[str, Any]]:
    """Every station the replica knows, flagged offline after the ``station_offline_after_s`` setting.
    Heartbeats carry the registry's time: ``now`` is moved by the clock offset the sync measured, so a
    laptop clock a minute off neither hides a silent station nor flags a live one. This station's own
    row is what it knows first hand (its sync state, its outbox now)."""
    offset_ms = (station.replica.get_meta("sync_status") or {}).get("clock_offset_ms") or 0
    registry_now = now + timedelta(milliseconds=int(offset_ms))
    rows = occupancy.stations(station.replica.reader(), registry_now,
                              float(station.settings["station_offline_after_s"]))
    for st in rows:
        st["self"] = st["id"] == station.station_id
        if st["self"]:
            st["outbox"] = sync.get("outbox", 0)
            st["offline"] = sync.get("mode") == "registry" and not sync.get("online")
            if not st["offline"]:
                st["age_s"], st["last_heard"] = 0.0, registry_now.isoformat()
    rows.sort(key=lambda s: not s["offline"])  # (stable: the longest silent stay first)
    return rows


def room_ids(station: Station) -> list[str]:
    """The ids of every room the replica holds."""
    return [r[0] for r in station.replica.query("SELECT id FROM rooms")]
