"""The desk's read model: search results with their check-in state, the arrivals count, the
category colours, one person's check-in, delegations and their members."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from venue_app import search as core_search

if TYPE_CHECKING:
    from venue_app.station import Station

__all__ = ["arrivals", "categories", "checkin_state", "delegation_members", "delegations", "search_people"]


def search_people(station: Station, query: str, limit: int = 50) -> list[dict[str, Any]]:
    """Search on this thread's read connection; each result with ``checked_in``."""
    conn = station.replica.reader()
    rows = core_search.search(conn, query, limit)
    if rows:
        arrived = _arrived_among(conn, [r["id"] for r in rows])
        for r in rows:
            r["checked_in"] = r["id"] in arrived
    return rows


def _arrived_among(conn: Any, ids: Iterable[str]) -> set[str]:
    ids = list(ids)
    marks = ",".join("?" * len(ids))
    return {r[0] for r in conn.execute(f"SELECT attendee_id FROM checkins WHERE attendee_id IN ({marks})", ids)}


def arrivals(station: Station) -> tuple[int, int]:
    """(checked in, active registrations): the desk's "Checked in N of M"."""
    conn = station.replica.reader()
    arrived = conn.execute("SELECT count(*) FROM checkins").fetchone()[0]
    expected = conn.execute("SELECT count(*) FROM attendees WHERE status = 'active'").fetchone()[0]
    return int(arrived), int(expected)


def categories(station: Station) -> dict[str, tuple[str, str]]:
    """Category code → (label, colour)."""
    return {r["code"]: (r["label"], r["color"])
            for r in station.replica.query("SELECT code, label, color FROM categories")}


def checkin_state(station: Station, attendee_id: str) -> dict[str, Any] | None:
    """When and where the person checked in (``count`` > 1: at several stations), or None."""
    row = station.replica.one("SELECT c.at, c.station_id, c.count, s.name FROM checkins c"
                              " LEFT JOIN stations s ON s.id = c.station_id WHERE c.attendee_id = ?", (attendee_id,))
    return None if row is None else {"at": row["at"], "station_id": row["station_id"],
                                     "station": row["name"] or row["station_id"][:8], "count": row["count"]}


def delegation_members(station: Station, delegation: str) -> list[dict[str, Any]]:
    """The members (head of delegation first), each with ``arrived`` and their valid ``badges``."""
    rows = station.replica.reader().execute(
        "SELECT a.*, (c.attendee_id IS NOT NULL) AS arrived,"
        " (SELECT count(*) FROM badges b WHERE b.attendee_id = a.id AND b.revoked_hlc IS NULL) AS badges"
        " FROM attendees a LEFT JOIN checkins c ON c.attendee_id = a.id WHERE a.delegation = ?"
        " ORDER BY a.category = 'HOD' DESC, a.family_name, a.given_name", (delegation,)).fetchall()
    return [dict(r) for r in rows]


def delegations(station: Station) -> list[dict[str, Any]]:
    """Every delegation with its ``members`` and how many ``arrived``."""
    rows = station.replica.reader().execute(
        "SELECT a.delegation AS name, count(*) AS members, count(c.attendee_id) AS arrived FROM attendees a"
        " LEFT JOIN checkins c ON c.attendee_id = a.id WHERE a.delegation != '' GROUP BY a.delegation"
        " ORDER BY a.delegation").fetchall()
    return [dict(r) for r in rows]
