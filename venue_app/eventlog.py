"""The station event log and the state derived from it.

Every fact is an immutable :class:`Event`. :func:`append` writes it to ``log`` and applies the one
rule set (:mod:`venue_app.rules`, which the registry applies too) through :class:`StationStorage`, in
the caller's transaction, so a fact and its consequences commit together. Re-applying an event is a
no-op because the log insert is idempotent; the rules make the state depend only on the set of
events, and :func:`rebuild` proves it on a live replica.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import sqlite_utils

from venue_app import rules
from venue_app.events import ATTENDEE_FIELDS, Event, now_iso, validate
from venue_app.rules import valid_field

__all__ = [
    "ATTENDEE_FIELDS",
    "DERIVED_TABLES",
    "EVENT_TYPES",
    "Event",
    "RebuildReport",
    "StationStorage",
    "append",
    "now_iso",
    "overlay_edits",
    "rebuild",
    "valid_field",
]

EVENT_TYPES = frozenset(rules.APPLIERS)

#: derived tables and their keys, compared by rebuild()
DERIVED_TABLES: dict[str, tuple[str, ...]] = {
    "checkins": ("attendee_id",),
    "pending_checkins": ("event_id",),
    "presence": ("attendee_id",),
    "room_counts": ("room_id",),
    "badges": ("serial",),
    "attendee_edits": ("attendee_id", "field"),
    "room_visits": ("attendee_id", "scope"),
    "station_seen": ("station_id",),
    "voided_checkins": ("event_id",),
}


def append(conn: sqlite3.Connection, event: Event, *, outbox: bool) -> bool:
    """Record ``event`` and apply it; False (and nothing changed) if the log already has it.

    A local event (``outbox``) must match its kind's schema: one that does not is a bug in the code
    that made it and raises :class:`~venue_app.events.InvalidEvent` before anything is written.
    Remote events are checked where they arrive (``venue_app.sync.apply``)."""
    if event.type not in EVENT_TYPES:
        raise ValueError(f"unknown event type {event.type!r}")
    if outbox:
        validate(event.type, event.payload)
    cursor = conn.execute(
        "INSERT OR IGNORE INTO log(id, hlc, station_id, operator, type, payload, wall, received, outbox, flags)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (event.id, event.hlc, event.station_id, event.operator, event.type,
         json.dumps(event.payload, ensure_ascii=False, separators=(",", ":")), event.wall or now_iso(),
         now_iso(), int(outbox), json.dumps(list(event.flags))),
    )
    if cursor.rowcount == 0:
        return False
    _apply(conn, event)
    return True


def _apply(conn: sqlite3.Connection, ev: Event) -> None:
    rules.apply(StationStorage(conn), ev)
    _seen(conn, ev)


def _seen(conn: sqlite3.Connection, ev: Event) -> None:
    # which stations this replica has heard from, and when (the station's own observation)
    conn.execute(
        "INSERT INTO station_seen(station_id, last_hlc, last_wall) VALUES (?, ?, ?)"
        " ON CONFLICT(station_id) DO UPDATE SET last_hlc = excluded.last_hlc, last_wall = excluded.last_wall"
        " WHERE excluded.last_hlc > station_seen.last_hlc",
        (ev.station_id, ev.hlc, ev.wall),
    )


class StationStorage:
    """The rules' storage on a station replica: every statement runs at once on ``conn``."""

    conflicts = False  # a station cannot see double check-ins: the registry reports them

    __slots__ = ("conn",)

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def one(self, name: str, params: Mapping[str, Any]) -> Any:
        return self.conn.execute(rules.SQL[name], params).fetchone()

    def all(self, name: str, params: Mapping[str, Any]) -> list[Any]:
        return self.conn.execute(rules.SQL[name], params).fetchall()

    def run(self, name: str, params: Mapping[str, Any]) -> None:
        self.conn.execute(rules.SQL[name], params)
        if name in ("bump_present", "bump_adjust"):
            # the per-minute history records when *this station* saw a count (not derived state)
            self.conn.execute(
                "INSERT INTO occupancy_history(room_id, minute, count)"
                " SELECT room_id, ?, max(0, present + adjust) FROM room_counts WHERE room_id = ?"
                " ON CONFLICT(room_id, minute) DO UPDATE SET count = excluded.count",
                (now_iso()[:16], params["room"]))

    def logged_checkin(self, event_id: str) -> Event | None:
        row = self.conn.execute("SELECT * FROM log WHERE id = ? AND type = 'checkin'", (event_id,)).fetchone()
        return Event.from_row(row) if row is not None else None

    def checkins_naming(self, attendee_id: str, serials: Iterable[str]) -> Iterator[Event]:
        serials = list(serials)
        marks = ",".join("?" * len(serials))
        for row in self.conn.execute(
                "SELECT * FROM log WHERE type = 'checkin' AND (json_extract(payload, '$.attendee_id') = ?"
                + (f" OR json_extract(payload, '$.badge_serial') IN ({marks})" if serials else "") + ")",
                (attendee_id, *serials)):
            yield Event.from_row(row)

    def recomputing(self) -> None:
        """Nothing is held back here."""

    def changed(self, kind: str, key: str) -> None:
        """Screens read the replica itself; nobody to tell."""


def overlay_edits(conn: sqlite3.Connection, attendee_ids: Iterable[str]) -> None:
    """Lay the winning field edits newer than the master record over the attendee rows (after an
    import or a pull replaced master records)."""
    db = StationStorage(conn)
    for attendee_id in attendee_ids:
        rules.overlay(db, attendee_id)


# -- rebuild -----------------------------------------------------------------------------------

@dataclass
class RebuildReport:
    events: int = 0
    differences: dict[str, list[str]] = field(default_factory=dict)

    @property
    def clean(self) -> bool:
        return not self.differences

    def as_dict(self) -> dict[str, Any]:
        return {"events": self.events, "clean": self.clean,
                "differences": {k: v[:20] for k, v in self.differences.items()},
                "difference_counts": {k: len(v) for k, v in self.differences.items()}}


_MASTER_TABLES = ("event", "categories", "rooms", "sessions", "stations", "keys", "attendees")


def snapshot(conn: sqlite3.Connection, table: str) -> dict[tuple[Any, ...], tuple[Any, ...]]:
    """A derived table as {key: row}; empty room counters are the same as absent ones."""
    keys = DERIVED_TABLES.get(table, ("id",))
    out: dict[tuple[Any, ...], tuple[Any, ...]] = {}
    for row in conn.execute(f"SELECT * FROM {table}"):
        out[tuple(row[k] for k in keys)] = tuple(row)
    return out


def rebuild(conn: sqlite3.Connection, *, fix: bool = True) -> RebuildReport:
    """Recompute all derived state from the log in a scratch database and compare.

    With ``fix`` the live derived tables are replaced by the recomputed ones (in the caller's
    transaction).
    """
    from venue_app.replica import connect, migrate

    scratch = connect(":memory:")
    migrate(scratch)
    report = RebuildReport()
    scratch.execute("BEGIN")
    # sqlite-utils copies whole tables by their columns (savepoints inside our transactions)
    into_scratch = sqlite_utils.Database(scratch, recursive_triggers=False)
    for table in _MASTER_TABLES:
        into_scratch[table].insert_all(dict(r) for r in conn.execute(f"SELECT * FROM {table}"))
    for row in conn.execute("SELECT * FROM log ORDER BY hlc"):
        ev = Event.from_row(row)
        scratch.execute("INSERT INTO log SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?", tuple(row))
        _apply(scratch, ev)
        report.events += 1
    for table in (*DERIVED_TABLES, "attendees"):
        live, fresh = snapshot(conn, table), snapshot(scratch, table)
        diffs = [f"{key}: {live.get(key)} != {fresh.get(key)}" for key in sorted(live.keys() | fresh.keys(), key=str)
                 if live.get(key) != fresh.get(key)]
        if diffs:
            report.differences[table] = diffs
    if fix and report.differences:
        live = sqlite_utils.Database(conn, recursive_triggers=False)
        for table in (*DERIVED_TABLES, "attendees"):
            if table not in report.differences:
                continue
            conn.execute(f"DELETE FROM {table}")
            live[table].insert_all(dict(r) for r in scratch.execute(f"SELECT * FROM {table}"))
    scratch.execute("ROLLBACK")
    scratch.close()
    return report
