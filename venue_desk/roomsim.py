"""A simulated congress morning for demos, screenshots and benchmarks (Qt-free).

:func:`simulate_morning` records, into a station that already holds the demo program and
attendees, what the doors and desks of the 13th Metropolis World Congress would have recorded on a
day up to a given local time: check-ins from 07:30 with a morning peak, people entering the
sessions they may attend shortly before they start (capacity and category rules respected the way
the doors would: a full ``block`` room turns the rest away), leaving after they end, wandering the
exhibition. Events carry the simulated wall time, and the per-minute occupancy history is written
at the simulated minutes, so charts and reports look like a real morning.

It appends events directly (``eventlog.append``) in a few large transactions: it is a data
generator, not a door; use :meth:`venue_app.station.Station.scan` for real behaviour.
"""

from __future__ import annotations

import contextlib
import json
import random
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from venue_app import eventlog
from venue_app.eventlog import Event
from venue_app.ids import uuid7

if TYPE_CHECKING:
    from venue_app.station import Station

__all__ = ["simulate_morning"]


@contextlib.contextmanager
def _clock(holder: dict[str, str]) -> Iterator[None]:
    """Make the log's "seen at" time (history minute, received) the simulated time."""
    original = eventlog.now_iso
    eventlog.now_iso = lambda: holder["now"]  # type: ignore[assignment]
    try:
        yield
    finally:
        eventlog.now_iso = original  # type: ignore[assignment]


def simulate_morning(station: Station, *, day: date = date(2026, 12, 2), until: str = "11:40", seed: int = 13,
                     show_up: float = 0.82, as_station: str | None = None) -> dict[str, int]:
    """Record a simulated day until ``until`` (local HH:MM); returns counts of what was recorded.

    ``as_station``: the events are another station's (the simulated desks and doors of a dashboard demo,
    handed to its registry by the caller), not this station's own to push: a dashboard never records
    check-ins, and its registry refuses them from it (:func:`venue_app.roles.may_push`)."""
    rng = random.Random(seed)
    conn = station.replica.reader()
    tz = ZoneInfo(str(station.event.get("timezone") or "UTC"))
    stop = datetime.combine(day, datetime.strptime(until, "%H:%M").time(), tz)
    people = [dict(r) for r in conn.execute("SELECT id, category FROM attendees WHERE status = 'active'")]
    rooms = {r["id"]: dict(r) for r in conn.execute("SELECT id, capacity, policy FROM rooms")}
    allowed = {r["code"]: json.loads(r["rooms"]) for r in conn.execute("SELECT code, rooms FROM categories")}
    sessions = [dict(r) for r in conn.execute("SELECT * FROM sessions WHERE starts LIKE ? ORDER BY starts",
                                              (f"{day.isoformat()}%",))]
    plan: list[tuple[datetime, str, dict[str, Any]]] = []
    arrived: dict[str, datetime] = {}
    for person in people:
        if rng.random() > show_up:
            continue
        minutes = max(0.0, min(rng.gauss(95, 45), 300))  # 07:30 + ~1.5 h, spread
        at = datetime.combine(day, datetime.min.time(), tz) + timedelta(hours=7, minutes=30 + minutes)
        if at < stop:
            arrived[person["id"]] = at
            plan.append((at, "checkin", {"attendee_id": person["id"]}))
    category = {p["id"]: p["category"] for p in people}
    for s in sessions:
        start = datetime.fromisoformat(s["starts"]).replace(tzinfo=tz)
        end = datetime.fromisoformat(s["ends"]).replace(tzinfo=tz)
        if start - timedelta(minutes=20) > stop:
            continue
        cats = set(json.loads(s["categories"]) or [])
        room = rooms[s["room_id"]]
        # hall-b is the morning's popular breakout: the demo shows a room nearly full
        demand = {"plenary": 0.75, "expo": 0.35, "vip": 0.9, "press": 0.5, "hall-b": 0.22}.get(s["room_id"],
                                                                           rng.uniform(0.1, 0.2))
        for pid, at in arrived.items():
            cat = category[pid]
            ok = cat in cats if cats else (s["room_id"] in allowed.get(cat, []) or "*" in allowed.get(cat, []))
            if not ok or rng.random() > demand:
                continue
            enter = max(at + timedelta(minutes=3), start + timedelta(minutes=rng.uniform(-20, 12)))
            if enter >= stop or enter > end:
                continue
            plan.append((enter, "room_entry", {"attendee_id": pid, "room_id": s["room_id"], "session_id": s["id"],
                                               "direction": "in", "_cap": room["capacity"],
                                               "_block": room["policy"] == "block"}))
            leave = end + timedelta(minutes=rng.uniform(-25, 8))
            if s["room_id"] == "expo":
                leave = enter + timedelta(minutes=rng.uniform(15, 70))
            if leave < stop:
                plan.append((leave, "room_exit", {"attendee_id": pid, "room_id": s["room_id"], "direction": "out"}))
    plan.sort(key=lambda item: item[0])
    holder = {"now": ""}
    counts = {"checkin": 0, "room_entry": 0, "room_exit": 0, "refused": 0}
    inside: dict[str, str] = {}
    occupancy: dict[str, int] = {}
    refused: set[str] = set()
    with _clock(holder), station.replica.transaction() as tx:
        for at, type_, payload in plan:
            wall = at.astimezone(UTC).isoformat(timespec="milliseconds")
            holder["now"] = wall
            pid = payload["attendee_id"]
            if type_ == "room_entry":
                cap, block = payload.pop("_cap"), payload.pop("_block")
                room = payload["room_id"]
                if inside.get(pid) == room:
                    continue
                if block and occupancy.get(room, 0) >= cap:
                    counts["refused"] += 1
                    refused.add(pid)
                    continue
                if pid in inside:
                    occupancy[inside[pid]] -= 1
                inside[pid] = room
                occupancy[room] = occupancy.get(room, 0) + 1
            elif type_ == "room_exit":
                if inside.get(pid) != payload["room_id"]:
                    continue
                del inside[pid]
                occupancy[payload["room_id"]] -= 1
            ts = station.clock.now()
            event = Event(str(uuid7(ts.ms)), str(ts), as_station or station.station_id, type_, payload, "demo", wall)
            eventlog.append(tx, event, outbox=as_station is None)
            counts[type_] += 1
    return counts
