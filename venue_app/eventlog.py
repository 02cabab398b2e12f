"""The station event log and the state derived from it.

Every fact is an immutable :class:`Event`. :func:`append` writes it to ``log`` and updates the
derived tables in the caller's transaction, so a fact and its consequences commit together.
Each applier is written so that the final state depends only on the *set* of events, never on
their order (minimums, unions, sums, and last-writer-wins by hlc), and re-applying an event is a
no-op because the log insert is idempotent. :func:`rebuild` proves it on a live replica.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from venue_app.events import ATTENDEE_FIELDS, NAME_ORDERS, STATUSES, validate

__all__ = [
    "ATTENDEE_FIELDS",
    "DERIVED_TABLES",
    "EVENT_TYPES",
    "Event",
    "RebuildReport",
    "append",
    "overlay_edits",
    "rebuild",
    "valid_field",
]

EVENT_TYPES = frozenset({
    "checkin", "checkin_voided", "room_entry", "room_exit", "occupancy_adjust", "badge_issued", "badge_revoked",
    "attendee_created", "attendee_updated", "print_job", "override",
})

# ATTENDEE_FIELDS, STATUSES, NAME_ORDERS: declared with the event schemas (venue_app.events)

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


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


@dataclass(frozen=True)
class Event:
    id: str
    hlc: str
    station_id: str
    type: str
    payload: dict[str, Any]
    operator: str = ""
    wall: str = ""
    flags: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "hlc": self.hlc, "station_id": self.station_id, "type": self.type,
                "payload": self.payload, "operator": self.operator, "wall": self.wall,
                "flags": list(self.flags)}

    @classmethod
    def from_row(cls, row: sqlite3.Row) -> Event:
        return cls(row["id"], row["hlc"], row["station_id"], row["type"], json.loads(row["payload"]),
                   row["operator"], row["wall"], tuple(json.loads(row["flags"])))


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
    _APPLIERS[ev.type](conn, ev)
    _seen(conn, ev)


def _seen(conn: sqlite3.Connection, ev: Event) -> None:
    conn.execute(
        "INSERT INTO station_seen(station_id, last_hlc, last_wall) VALUES (?, ?, ?)"
        " ON CONFLICT(station_id) DO UPDATE SET last_hlc = excluded.last_hlc, last_wall = excluded.last_wall"
        " WHERE excluded.last_hlc > station_seen.last_hlc",
        (ev.station_id, ev.hlc, ev.wall),
    )


# -- appliers ----------------------------------------------------------------------------------

def _apply_checkin(conn: sqlite3.Connection, ev: Event) -> None:
    attendee_id = ev.payload.get("attendee_id")
    serial = ev.payload.get("badge_serial")
    if not attendee_id and serial:
        row = conn.execute("SELECT attendee_id FROM badges WHERE serial = ? AND attendee_id != ''",
                           (serial,)).fetchone()
        if row is None:
            if not conn.execute("SELECT 1 FROM voided_checkins WHERE event_id = ?", (ev.id,)).fetchone():
                conn.execute("INSERT OR IGNORE INTO pending_checkins(event_id, badge_serial) VALUES (?, ?)",
                             (ev.id, serial))
            return
        attendee_id = row[0]
    if attendee_id:
        _merge_checkin(conn, attendee_id, ev)


def _merge_checkin(conn: sqlite3.Connection, attendee_id: str, ev: Event) -> None:
    if conn.execute("SELECT 1 FROM voided_checkins WHERE event_id = ?", (ev.id,)).fetchone():
        return  # undone before it reached us
    row = conn.execute("SELECT hlc, count, stations FROM checkins WHERE attendee_id = ?",
                       (attendee_id,)).fetchone()
    if row is None:
        conn.execute(
            "INSERT INTO checkins(attendee_id, event_id, hlc, at, station_id, operator, count, stations)"
            " VALUES (?, ?, ?, ?, ?, ?, 1, ?)",
            (attendee_id, ev.id, ev.hlc, ev.wall, ev.station_id, ev.operator, json.dumps([ev.station_id])),
        )
        return
    stations = sorted(set(json.loads(row["stations"])) | {ev.station_id})
    conn.execute("UPDATE checkins SET count = count + 1, stations = ? WHERE attendee_id = ?",
                 (json.dumps(stations), attendee_id))
    if ev.hlc < row["hlc"]:  # the earliest check-in is the one shown
        conn.execute("UPDATE checkins SET event_id = ?, hlc = ?, at = ?, station_id = ?, operator = ?"
                     " WHERE attendee_id = ?",
                     (ev.id, ev.hlc, ev.wall, ev.station_id, ev.operator, attendee_id))


def _apply_checkin_voided(conn: sqlite3.Connection, ev: Event) -> None:
    target = ev.payload.get("checkin_event_id")
    if not target:
        return
    conn.execute(
        "INSERT INTO voided_checkins(event_id, void_hlc, reason) VALUES (?, ?, ?) ON CONFLICT(event_id)"
        " DO UPDATE SET void_hlc = excluded.void_hlc, reason = excluded.reason"
        " WHERE excluded.void_hlc < voided_checkins.void_hlc",
        (str(target), ev.hlc, str(ev.payload.get("reason") or "")))
    row = conn.execute("SELECT payload FROM log WHERE id = ? AND type = 'checkin'", (str(target),)).fetchone()
    if row is None:
        return  # the check-in has not arrived yet: it will be skipped when it does
    payload = json.loads(row[0])
    attendee_id = payload.get("attendee_id")
    if not attendee_id and payload.get("badge_serial"):
        conn.execute("DELETE FROM pending_checkins WHERE event_id = ?", (str(target),))
        owner = conn.execute("SELECT attendee_id FROM badges WHERE serial = ? AND attendee_id != ''",
                             (payload["badge_serial"],)).fetchone()
        attendee_id = owner[0] if owner else None
    if attendee_id:
        recompute_checkin(conn, str(attendee_id))


def recompute_checkin(conn: sqlite3.Connection, attendee_id: str) -> None:
    """The attendee's check-in from the log: the earliest one not voided (rare: after an undo)."""
    serials = [r[0] for r in conn.execute("SELECT serial FROM badges WHERE attendee_id = ?", (attendee_id,))]
    marks = ",".join("?" * len(serials))
    rows = conn.execute(
        "SELECT * FROM log WHERE type = 'checkin' AND id NOT IN (SELECT event_id FROM voided_checkins) AND"
        " (json_extract(payload, '$.attendee_id') = ?"
        + (f" OR (json_extract(payload, '$.attendee_id') IS NULL AND json_extract(payload, '$.badge_serial')"
           f" IN ({marks}))" if serials else "") + ") ORDER BY hlc",
        (attendee_id, *serials)).fetchall()
    conn.execute("DELETE FROM checkins WHERE attendee_id = ?", (attendee_id,))
    for row in rows:
        _merge_checkin(conn, attendee_id, Event.from_row(row))


def _subject(conn: sqlite3.Connection, ev: Event) -> str | None:
    """Whose movement a room event is: the attendee, also when only the badge was scanned and the
    badge's issue is known here; ``badge:SERIAL`` until it is (:func:`_merge_badge_presence`)."""
    attendee_id = ev.payload.get("attendee_id")
    if attendee_id:
        return str(attendee_id)
    serial = ev.payload.get("badge_serial")
    if not serial:
        return None
    owner = conn.execute("SELECT attendee_id FROM badges WHERE serial = ? AND attendee_id != ''",
                         (str(serial),)).fetchone()
    return str(owner[0]) if owner else f"badge:{serial}"


def _merge_badge_presence(conn: sqlite3.Connection, serial: str, attendee_id: str) -> None:
    """A badge scanned at doors before its issue arrived (printed at an offline desk) was tracked
    as ``badge:SERIAL``: its movements become the attendee's once the issue is known. The later
    movement of the two stands (an exit too), the room counts follow, first visits keep the earliest,
    and nothing stays under the badge: every replica ends the same, whichever arrived first."""
    subject = f"badge:{serial}"
    for scope, first in conn.execute("SELECT scope, first_hlc FROM room_visits WHERE attendee_id = ?",
                                     (subject,)).fetchall():
        conn.execute("INSERT INTO room_visits(attendee_id, scope, first_hlc) VALUES (?, ?, ?)"
                     " ON CONFLICT(attendee_id, scope) DO UPDATE SET first_hlc = excluded.first_hlc"
                     " WHERE excluded.first_hlc < room_visits.first_hlc", (attendee_id, scope, first))
    conn.execute("DELETE FROM room_visits WHERE attendee_id = ?", (subject,))
    badge = conn.execute("SELECT room_id, hlc, event_id FROM presence WHERE attendee_id = ?", (subject,)).fetchone()
    if badge is None:
        return
    conn.execute("DELETE FROM presence WHERE attendee_id = ?", (subject,))
    if badge["room_id"] is not None:
        _bump(conn, badge["room_id"], "present", -1)
    mine = conn.execute("SELECT room_id, hlc FROM presence WHERE attendee_id = ?", (attendee_id,)).fetchone()
    if mine is not None and mine["hlc"] >= badge["hlc"]:
        return  # the attendee's own later movement stands (and is counted already)
    conn.execute(
        "INSERT INTO presence(attendee_id, room_id, hlc, event_id) VALUES (?, ?, ?, ?)"
        " ON CONFLICT(attendee_id) DO UPDATE SET room_id = excluded.room_id, hlc = excluded.hlc,"
        " event_id = excluded.event_id", (attendee_id, badge["room_id"], badge["hlc"], badge["event_id"]))
    if mine is not None and mine["room_id"] is not None:
        _bump(conn, mine["room_id"], "present", -1)
    if badge["room_id"] is not None:
        _bump(conn, badge["room_id"], "present", +1)


def _apply_room(conn: sqlite3.Connection, ev: Event) -> None:
    subject = _subject(conn, ev)
    room_id = ev.payload.get("room_id")
    if subject is None or not room_id:
        return
    row = conn.execute("SELECT room_id, hlc FROM presence WHERE attendee_id = ?", (subject,)).fetchone()
    if ev.type == "room_entry":
        for scope in filter(None, (room_id, ev.payload.get("session_id"))):
            conn.execute(
                "INSERT INTO room_visits(attendee_id, scope, first_hlc) VALUES (?, ?, ?)"
                " ON CONFLICT(attendee_id, scope) DO UPDATE SET first_hlc = excluded.first_hlc"
                " WHERE excluded.first_hlc < room_visits.first_hlc",
                (subject, scope, ev.hlc),
            )
    touch_room(conn, room_id, ev.wall)
    if row is not None and row["hlc"] >= ev.hlc:
        return  # a later movement of this person is already known
    new_room = room_id if ev.type == "room_entry" else None
    old_room = row["room_id"] if row is not None else None
    conn.execute(
        "INSERT INTO presence(attendee_id, room_id, hlc, event_id) VALUES (?, ?, ?, ?)"
        " ON CONFLICT(attendee_id) DO UPDATE SET room_id = excluded.room_id, hlc = excluded.hlc,"
        " event_id = excluded.event_id",
        (subject, new_room, ev.hlc, ev.id),
    )
    if old_room != new_room:
        if old_room is not None:
            _bump(conn, old_room, "present", -1)
        if new_room is not None:
            _bump(conn, new_room, "present", +1)


def _bump(conn: sqlite3.Connection, room_id: str, column: str, delta: int) -> None:
    conn.execute(
        f"INSERT INTO room_counts(room_id, {column}) VALUES (?, ?)"
        f" ON CONFLICT(room_id) DO UPDATE SET {column} = {column} + excluded.{column}",
        (room_id, delta),
    )
    # observation for the per-minute history (not derived state: it records when *we* saw it)
    conn.execute(
        "INSERT INTO occupancy_history(room_id, minute, count)"
        " SELECT room_id, ?, max(0, present + adjust) FROM room_counts WHERE room_id = ?"
        " ON CONFLICT(room_id, minute) DO UPDATE SET count = excluded.count",
        (now_iso()[:16], room_id),
    )


def touch_room(conn: sqlite3.Connection, room_id: str, wall: str) -> None:
    """Remember the newest event time of a room (a maximum: independent of order)."""
    conn.execute(
        "INSERT INTO room_counts(room_id, last_event_at) VALUES (?, ?) ON CONFLICT(room_id) DO UPDATE"
        " SET last_event_at = excluded.last_event_at WHERE excluded.last_event_at > room_counts.last_event_at",
        (room_id, wall),
    )


def _apply_adjust(conn: sqlite3.Connection, ev: Event) -> None:
    room_id = ev.payload.get("room_id")
    delta = ev.payload.get("delta")
    if room_id and isinstance(delta, int) and not isinstance(delta, bool):
        touch_room(conn, room_id, ev.wall)
        _bump(conn, room_id, "adjust", delta)


def _apply_badge_issued(conn: sqlite3.Connection, ev: Event) -> None:
    p = ev.payload
    serial = p.get("serial")
    if not serial or not p.get("attendee_id"):
        return
    conn.execute(
        "INSERT INTO badges(serial, attendee_id, category, key_id, token, issued_hlc, event_id)"
        " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(serial) DO UPDATE SET attendee_id = excluded.attendee_id,"
        " category = excluded.category, key_id = excluded.key_id, token = excluded.token,"
        " issued_hlc = excluded.issued_hlc, event_id = excluded.event_id"
        " WHERE badges.issued_hlc = '' OR excluded.issued_hlc < badges.issued_hlc",
        (serial, p["attendee_id"], p.get("category", ""), p.get("key_id", ""), p.get("token", ""), ev.hlc,
         ev.id),
    )
    for old in p.get("supersedes", []):
        _revoke(conn, str(old), ev.hlc, p.get("reason") or "replaced by a new badge")
    owner = conn.execute("SELECT attendee_id FROM badges WHERE serial = ?", (serial,)).fetchone()
    if owner is not None and owner[0] == p["attendee_id"]:
        _merge_badge_presence(conn, str(serial), str(p["attendee_id"]))
    for pending in conn.execute("SELECT event_id FROM pending_checkins WHERE badge_serial = ?",
                                (serial,)).fetchall():
        row = conn.execute("SELECT * FROM log WHERE id = ?", (pending[0],)).fetchone()
        conn.execute("DELETE FROM pending_checkins WHERE event_id = ?", (pending[0],))
        if row is not None:
            _merge_checkin(conn, p["attendee_id"], Event.from_row(row))


def _revoke(conn: sqlite3.Connection, serial: str, hlc: str, reason: str) -> None:
    # a revocation may arrive before the badge it revokes: keep a placeholder row
    conn.execute(
        "INSERT INTO badges(serial, attendee_id, key_id, token, issued_hlc, event_id, revoked_hlc, revoked_reason)"
        " VALUES (?, '', '', '', '', '', ?, ?) ON CONFLICT(serial) DO UPDATE SET"
        " revoked_reason = CASE WHEN revoked_hlc IS NULL OR excluded.revoked_hlc < revoked_hlc"
        "   THEN excluded.revoked_reason ELSE revoked_reason END,"
        " revoked_hlc = CASE WHEN revoked_hlc IS NULL OR excluded.revoked_hlc < revoked_hlc"
        "   THEN excluded.revoked_hlc ELSE revoked_hlc END",
        (serial, hlc, reason),
    )


def _apply_badge_revoked(conn: sqlite3.Connection, ev: Event) -> None:
    serial = ev.payload.get("serial")
    if serial:
        _revoke(conn, str(serial), ev.hlc, ev.payload.get("reason") or "revoked")


def _apply_attendee_created(conn: sqlite3.Connection, ev: Event) -> None:
    record = ev.payload.get("attendee") or {}
    attendee_id = record.get("id")
    if not attendee_id:
        return
    # the creation is a set of field writes like any edit, so that it merges by hlc with edits
    # that may have been applied before it
    conn.execute("INSERT OR IGNORE INTO attendees(id, master_hlc) VALUES (?, '')", (str(attendee_id),))
    _apply_fields(conn, str(attendee_id), {k: record[k] for k in ATTENDEE_FIELDS if record.get(k) is not None}, ev)


def _apply_attendee_updated(conn: sqlite3.Connection, ev: Event) -> None:
    attendee_id = ev.payload.get("attendee_id")
    fields = ev.payload.get("fields") or {}
    if attendee_id and isinstance(fields, dict):
        _apply_fields(conn, str(attendee_id), fields, ev)


def valid_field(name: str, value: Any) -> bool:
    if name not in ATTENDEE_FIELDS or not isinstance(value, str | int | float | type(None)):
        return False
    if name == "status":
        return value in STATUSES
    if name == "name_order":
        return value in NAME_ORDERS
    return True


def _apply_fields(conn: sqlite3.Connection, attendee_id: str, fields: dict[str, Any], ev: Event) -> None:
    for name, value in fields.items():
        if not valid_field(name, value):
            continue
        conn.execute(
            "INSERT INTO attendee_edits(attendee_id, field, value, hlc, event_id) VALUES (?, ?, ?, ?, ?)"
            " ON CONFLICT(attendee_id, field) DO UPDATE SET value = excluded.value, hlc = excluded.hlc,"
            " event_id = excluded.event_id WHERE excluded.hlc > attendee_edits.hlc",
            (attendee_id, name, None if value is None else str(value), ev.hlc, ev.id),
        )
    overlay_edits(conn, [attendee_id])


def overlay_edits(conn: sqlite3.Connection, attendee_ids: Iterable[str]) -> None:
    """Lay the winning field edits newer than the master record over the attendee rows."""
    for attendee_id in attendee_ids:
        master = conn.execute("SELECT master_hlc FROM attendees WHERE id = ?", (attendee_id,)).fetchone()
        if master is None:
            continue
        for edit in conn.execute("SELECT field, value FROM attendee_edits WHERE attendee_id = ? AND hlc > ?",
                                 (attendee_id, master[0])).fetchall():
            name, value = edit[0], edit[1] if edit[1] is not None else ""
            if name == "code":
                code_norm = _code_norm(value)
                taken = conn.execute("SELECT id FROM attendees WHERE code_norm = ? AND id != ?",
                                     (code_norm, attendee_id)).fetchone()
                if taken is not None:
                    continue  # never steal another attendee's registration code
                conn.execute("UPDATE attendees SET code = ?, code_norm = ? WHERE id = ?",
                             (value, code_norm, attendee_id))
            else:
                conn.execute(f"UPDATE attendees SET {name} = ? WHERE id = ?", (value, attendee_id))


def _code_norm(code: Any) -> str | None:
    from venue_app.codes import normalise_code

    return normalise_code(str(code)) if code else None


def _noop(conn: sqlite3.Connection, ev: Event) -> None:
    """print_job and override are facts for the record; nothing derives from them."""


_APPLIERS: dict[str, Callable[[sqlite3.Connection, Event], None]] = {
    "checkin": _apply_checkin,
    "checkin_voided": _apply_checkin_voided,
    "room_entry": _apply_room,
    "room_exit": _apply_room,
    "occupancy_adjust": _apply_adjust,
    "badge_issued": _apply_badge_issued,
    "badge_revoked": _apply_badge_revoked,
    "attendee_created": _apply_attendee_created,
    "attendee_updated": _apply_attendee_updated,
    "print_job": _noop,
    "override": _noop,
}


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
    for table in _MASTER_TABLES:
        rows = conn.execute(f"SELECT * FROM {table}").fetchall()
        if rows:
            cols = rows[0].keys()
            scratch.executemany(f"INSERT INTO {table}({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                                [tuple(r) for r in rows])
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
        for table in (*DERIVED_TABLES, "attendees"):
            if table not in report.differences:
                continue
            conn.execute(f"DELETE FROM {table}")
            rows = scratch.execute(f"SELECT * FROM {table}").fetchall()
            if rows:
                cols = rows[0].keys()
                conn.executemany(f"INSERT INTO {table}({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                                 [tuple(r) for r in rows])
    scratch.execute("ROLLBACK")
    scratch.close()
    return report
