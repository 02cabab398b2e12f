"""Rooms: the program, access rules in force, counts against capacity, the occupancy view, history.

Counts are ``present`` (identified people whose latest movement put them inside) plus ``adjust``
(the sum of anonymous clicker and manual signed deltas), never shown below zero. The rule in force
at a door is the session running in that room now (event time zone), else the room's own rule.
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from venue_app.clock import EventClock
from venue_app.errors import ConfigError
from venue_app.settings import CATEGORY_COLOR

__all__ = [
    "NEAR_FULL",
    "OFFLINE_AFTER_S",
    "Rule",
    "history",
    "history_csv",
    "load_program",
    "room_count",
    "rule_in_force",
    "state_of",
    "stations",
    "view",
]

NEAR_FULL = 0.85
TREND_WINDOW = timedelta(minutes=15)


@dataclass(frozen=True)
class Rule:
    room_id: str
    room_name: str
    capacity: int
    policy: str
    categories: frozenset[str] | None  # None: everyone
    session_id: str | None = None
    session_title: str | None = None
    reentry: bool = True
    labels: tuple[str, ...] = field(default=())

    def describe(self) -> str:
        where = self.session_title or self.room_name
        if self.categories is None:
            return f"{where}: open to all"
        return f"{where}: {', '.join(self.labels) or 'nobody'} only"

    def allows(self, category: str) -> bool:
        return self.categories is None or category.upper() in self.categories


def local_now(now: datetime, timezone: str) -> datetime:
    try:
        zone = ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        zone = ZoneInfo("UTC")
    return now.astimezone(zone).replace(tzinfo=None)


def load_program(conn: sqlite3.Connection, program: Mapping[str, Any]) -> dict[str, int]:
    """Upsert categories, rooms, sessions and grants from a program document (see docs)."""
    counts = {"categories": 0, "rooms": 0, "sessions": 0, "grants": 0}
    for c in program.get("categories", []):
        _require(c, ("code", "label"), "category")
        conn.execute(
            "INSERT INTO categories(code, label, color, rooms) VALUES (?, ?, ?, ?) ON CONFLICT(code) DO UPDATE"
            " SET label = excluded.label, color = excluded.color, rooms = excluded.rooms",
            (c["code"], c["label"], c.get("color") or CATEGORY_COLOR, json.dumps(c.get("rooms", ["*"]))),
        )
        counts["categories"] += 1
    for r in program.get("rooms", []):
        _require(r, ("id", "name", "capacity"), "room")
        capacity = int(r["capacity"])
        policy = r.get("policy", "warn")
        if capacity < 0 or policy not in ("warn", "block"):
            raise ConfigError(f"room {r['id']}: capacity must be ≥ 0 and policy warn or block")
        extra = {k: v for k, v in r.items() if k not in ("id", "name", "capacity", "policy", "zone")}
        conn.execute(
            "INSERT INTO rooms(id, name, capacity, policy, zone, data) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(id)"
            " DO UPDATE SET name = excluded.name, capacity = excluded.capacity, policy = excluded.policy,"
            " zone = excluded.zone, data = excluded.data",
            (r["id"], r["name"], capacity, policy, r.get("zone", ""), json.dumps(extra)),
        )
        counts["rooms"] += 1
    for s in program.get("sessions", []):
        _require(s, ("id", "room_id", "title", "starts", "ends"), "session")
        if s["ends"] <= s["starts"]:
            raise ConfigError(f"session {s['id']}: ends before it starts")
        extra = {k: v for k, v in s.items()
                 if k not in ("id", "room_id", "title", "starts", "ends", "categories", "capacity")}
        conn.execute(
            "INSERT INTO sessions(id, room_id, title, starts, ends, categories, capacity, data)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET room_id = excluded.room_id,"
            " title = excluded.title, starts = excluded.starts, ends = excluded.ends,"
            " categories = excluded.categories, capacity = excluded.capacity, data = excluded.data",
            (s["id"], s["room_id"], s["title"], s["starts"], s["ends"], json.dumps(s.get("categories") or []),
             s.get("capacity"), json.dumps(extra)),
        )
        counts["sessions"] += 1
    for g in program.get("grants", []):
        _require(g, ("attendee", "scope"), "grant")
        row = conn.execute("SELECT id FROM attendees WHERE id = ? OR code_norm = upper(?)",
                           (g["attendee"], g["attendee"])).fetchone()
        if row is None:
            raise ConfigError(f"grant: no attendee {g['attendee']!r}")
        conn.execute("INSERT OR IGNORE INTO access_grants(attendee_id, scope) VALUES (?, ?)", (row[0], g["scope"]))
        counts["grants"] += 1
    return counts


def _require(item: Mapping[str, Any], keys: Iterable[str], what: str) -> None:
    missing = [k for k in keys if item.get(k) in (None, "")]
    if missing:
        raise ConfigError(f"{what} {item.get('id') or item.get('code') or ''}: missing {', '.join(missing)}")


def room_count(conn: sqlite3.Connection, room_id: str) -> int:
    row = conn.execute("SELECT max(0, present + adjust) FROM room_counts WHERE room_id = ?", (room_id,)).fetchone()
    return int(row[0]) if row and row[0] is not None else 0


def rule_in_force(conn: sqlite3.Connection, room_id: str, now_local: datetime) -> Rule:
    room = conn.execute("SELECT * FROM rooms WHERE id = ?", (room_id,)).fetchone()
    if room is None:
        raise ConfigError(f"unknown room {room_id!r}")
    room_data = json.loads(room["data"] or "{}")
    stamp = now_local.isoformat(timespec="minutes")
    session = conn.execute("SELECT * FROM sessions WHERE room_id = ? AND starts <= ? AND ends > ?"
                           " ORDER BY starts DESC LIMIT 1", (room_id, stamp, stamp)).fetchone()
    labels = {r["code"].upper(): r["label"] for r in conn.execute("SELECT code, label FROM categories")}
    if session is not None and json.loads(session["categories"]):
        allowed: frozenset[str] | None = frozenset(c.upper() for c in json.loads(session["categories"]))
    else:
        allowed = frozenset(
            code.upper() for code, rooms in conn.execute("SELECT code, rooms FROM categories")
            if room_id in json.loads(rooms) or "*" in json.loads(rooms))
        if not conn.execute("SELECT 1 FROM categories LIMIT 1").fetchone():
            allowed = None  # a station without categories (standalone, no program) restricts nothing
    capacity = room["capacity"]
    reentry = bool(room_data.get("reentry", True))
    if session is not None:
        session_data = json.loads(session["data"] or "{}")
        capacity = session["capacity"] if session["capacity"] is not None else capacity
        reentry = bool(session_data.get("reentry", reentry))
    return Rule(room_id, room["name"], int(capacity), room["policy"], allowed,
                session["id"] if session is not None else None, session["title"] if session is not None else None,
                reentry, tuple(sorted(labels.get(c, c) for c in allowed)) if allowed is not None else ())


def state_of(count: int, capacity: int) -> str:
    if capacity <= 0:
        return "full" if count > 0 else "normal"
    if count >= capacity:
        return "full"
    if count >= NEAR_FULL * capacity:
        return "near_full"
    return "normal"


def view(conn: sqlite3.Connection, now: datetime, timezone: str = "UTC") -> list[dict[str, Any]]:
    """Every room: count against capacity, state, trend over 15 minutes, last event, freshness."""
    now_local = local_now(now, timezone)
    stamp = now_local.isoformat(timespec="minutes")
    counts = {r["room_id"]: r for r in conn.execute("SELECT * FROM room_counts")}
    sessions = {r["room_id"]: r for r in conn.execute(
        "SELECT room_id, id, title, capacity, categories FROM sessions WHERE starts <= ? AND ends > ?"
        " ORDER BY starts", (stamp, stamp))}
    past = (now.astimezone(UTC) - TREND_WINDOW).isoformat()[:16]
    seen = {r["station_id"]: r["last_wall"] for r in conn.execute("SELECT station_id, last_wall FROM station_seen")}
    doors: dict[str, list[sqlite3.Row]] = {}
    for st in conn.execute("SELECT id, name, room_id, last_seen FROM stations"
                           " WHERE role = 'door' AND room_id IS NOT NULL"):
        doors.setdefault(st["room_id"], []).append(st)
    out = []
    for room in conn.execute("SELECT * FROM rooms ORDER BY id"):
        rid = room["id"]
        c = counts.get(rid)
        count = max(0, c["present"] + c["adjust"]) if c is not None else 0
        session = sessions.get(rid)
        capacity = session["capacity"] if session is not None and session["capacity"] is not None else room["capacity"]
        before = conn.execute("SELECT count FROM occupancy_history WHERE room_id = ? AND minute <= ?"
                              " ORDER BY minute DESC LIMIT 1", (rid, past)).fetchone()
        trend = count - (before[0] if before else 0)
        freshness = []
        for st in doors.get(rid, []):
            # the newest of: a fact it made, and the registry's word that it was alive (heartbeat)
            beat = st["last_seen"]
            last = max(filter(None, (seen.get(st["id"]), beat)), default=None,
                       key=lambda t: datetime.fromisoformat(t))
            age = (now - datetime.fromisoformat(last)).total_seconds() if last else None
            freshness.append({"station_id": st["id"], "name": st["name"], "last_seen": last, "heartbeat": beat,
                              "age_s": None if age is None else round(age)})
        out.append({
            "id": rid, "name": room["name"], "zone": room["zone"], "capacity": capacity, "count": count,
            "percentage": round(100 * count / capacity, 1) if capacity else None,
            "state": state_of(count, capacity), "policy": room["policy"],
            "session": None if session is None else {"id": session["id"], "title": session["title"]},
            "trend": trend, "trend_arrow": "↑" if trend > 0 else "↓" if trend < 0 else "→",
            "last_event_at": (c["last_event_at"] or None) if c is not None else None,
            "stations": freshness,
        })
    return out


#: a station not heard from for longer than this is offline (the ``station_offline_after_s`` setting)
OFFLINE_AFTER_S = 60.0


def stations(conn: sqlite3.Connection, now: datetime, offline_after_s: float = OFFLINE_AFTER_S) -> list[dict[str, Any]]:
    """Every station this replica knows (desks, doors, dashboards): role, room, when the registry last
    heard from it (its heartbeat; without one, the newest fact it made, never later than now), the
    outbox it reported with that heartbeat (None: never reported), and whether it is offline (silent
    for more than ``offline_after_s``, or never heard). ``now`` is on the registry's clock, as
    heartbeats are. A fact's own time is not used when a heartbeat exists: it is the station's clock
    (ten minutes fast, a silent station would look alive for ten minutes), and facts made offline
    arrive late with their old times."""
    rooms = {r["id"]: r["name"] for r in conn.execute("SELECT id, name FROM rooms")}
    seen = {r["station_id"]: r["last_wall"] for r in conn.execute("SELECT station_id, last_wall FROM station_seen")}
    out = []
    for st in conn.execute("SELECT id, name, role, room_id, last_seen, outbox FROM stations"):
        last = st["last_seen"]
        if not last and seen.get(st["id"]):
            last = min(datetime.fromisoformat(seen[st["id"]]), now).isoformat()
        age = max(0.0, (now - datetime.fromisoformat(last)).total_seconds()) if last else None
        out.append({"id": st["id"], "name": st["name"], "role": st["role"], "room_id": st["room_id"],
                    "room": rooms.get(st["room_id"] or "", st["room_id"] or ""), "last_heard": last,
                    "heartbeat": st["last_seen"], "age_s": age, "outbox": st["outbox"],
                    "offline": age is None or age > offline_after_s})
    # the ones needing attention first, the longest silent at the top
    out.sort(key=lambda s: (not s["offline"], -(s["age_s"] if s["age_s"] is not None else float("inf")),
                            s["role"], s["name"].casefold()))
    return out


def history(conn: sqlite3.Connection, room_id: str, since: datetime | None = None,
            until: datetime | None = None) -> list[tuple[str, int]]:
    """The per-minute series of one room, gaps filled with the previous count."""
    if conn.execute("SELECT 1 FROM rooms WHERE id = ?", (room_id,)).fetchone() is None:
        raise ConfigError(f"unknown room {room_id!r}")
    rows = conn.execute("SELECT minute, count FROM occupancy_history WHERE room_id = ? ORDER BY minute",
                        (room_id,)).fetchall()
    if not rows:
        return []
    start = datetime.fromisoformat(rows[0][0]) if since is None else since.astimezone(UTC).replace(tzinfo=None)
    end = datetime.fromisoformat(rows[-1][0]) if until is None else until.astimezone(UTC).replace(tzinfo=None)
    observed = {m: c for m, c in rows}
    series: list[tuple[str, int]] = []
    current = 0
    for minute, count in rows:
        if datetime.fromisoformat(minute) < start:
            current = count
    t = start.replace(second=0, microsecond=0)
    while t <= end and len(series) < 60 * 24 * 31:
        key = t.isoformat(timespec="minutes")
        current = observed.get(key, current)
        series.append((key, current))
        t += timedelta(minutes=1)
    return series


def history_csv(series: list[tuple[str, int]], clock: EventClock) -> str:
    """The series as CSV: the stored UTC minute (for machines) beside the event-time minute staff read."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["minute_utc", f"minute_{clock.name}", "count"])
    writer.writerows((minute, clock.stamp(minute, seconds=False), count) for minute, count in series)
    return out.getvalue()
