"""How a replica stores the registry's feed items, kind by kind: written once for the two places that do it,
a station applying feed pages (:mod:`venue_app.sync.apply`) and the registry building a first-sync snapshot
of the same replica (:mod:`venue_app.registry.snapshot`). A station event is not here: a station observes
its clock and marks its own pushes when one comes back, which a snapshot has no use for.

Every function takes an open SQLite connection inside the caller's transaction; checks that need the
registry's key (a station's certificate) are the caller's.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Collection, Mapping
from typing import Any

from venue_app import eventlog, linkstatus
from venue_app.codes import normalise_code
from venue_app.events import ATTENDEE_FIELDS
from venue_app.keys import PublicKey
from venue_app.settings import CATEGORY_COLOR

__all__ = ["attendees", "category", "event", "grant", "keep_unknown", "link_status", "room", "session", "station"]

_ATTENDEE_COLUMNS = ("id", "code_norm", "master_hlc", *ATTENDEE_FIELDS)
_STATUS = ATTENDEE_FIELDS.index("status")
_FIELD_INDEX = {name: i for i, name in enumerate(ATTENDEE_FIELDS)}
_UPSERT_ATTENDEE = (
    f"INSERT INTO attendees({', '.join(_ATTENDEE_COLUMNS)}) VALUES ({', '.join('?' * len(_ATTENDEE_COLUMNS))})"
    f" ON CONFLICT(id) DO UPDATE SET {', '.join(f'{c} = excluded.{c}' for c in _ATTENDEE_COLUMNS[1:])}"
)


def _json_text(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value if value is not None else [], ensure_ascii=False)


def event(conn: sqlite3.Connection, data: Mapping[str, Any]) -> None:
    for column in ("name", "timezone", "starts", "ends"):
        if data.get(column):
            conn.execute(f"UPDATE event SET {column} = ?", (data[column],))
    if data.get("languages") is not None:
        conn.execute("UPDATE event SET languages = ?", (_json_text(data["languages"]),))


def category(conn: sqlite3.Connection, data: Mapping[str, Any]) -> None:
    conn.execute("INSERT INTO categories(code, label, color, rooms) VALUES (?, ?, ?, ?) ON CONFLICT(code) DO UPDATE"
                 " SET label = excluded.label, color = excluded.color, rooms = excluded.rooms",
                 (data["code"], data.get("label") or data["code"], data.get("color") or CATEGORY_COLOR,
                  _json_text(data.get("rooms", ["*"]))))


def room(conn: sqlite3.Connection, data: Mapping[str, Any]) -> None:
    conn.execute("INSERT INTO rooms(id, name, capacity, policy, zone, data) VALUES (?, ?, ?, ?, ?, ?)"
                 " ON CONFLICT(id) DO UPDATE SET name = excluded.name, capacity = excluded.capacity,"
                 " policy = excluded.policy, zone = excluded.zone, data = excluded.data",
                 (data["id"], data["name"], int(data["capacity"]), data.get("policy") or "warn", data.get("zone", ""),
                  _json_text(data.get("data", {}))))


def session(conn: sqlite3.Connection, data: Mapping[str, Any]) -> None:
    conn.execute("INSERT INTO sessions(id, room_id, title, starts, ends, categories, capacity, data)"
                 " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET room_id = excluded.room_id,"
                 " title = excluded.title, starts = excluded.starts, ends = excluded.ends,"
                 " categories = excluded.categories, capacity = excluded.capacity, data = excluded.data",
                 (data["id"], data["room_id"], data["title"], data["starts"], data["ends"],
                  _json_text(data.get("categories", [])), data.get("capacity"), _json_text(data.get("data", {}))))


def attendees(conn: sqlite3.Connection, items: Collection[Mapping[str, Any]], *, has_edits: bool,
              drop: Collection[str] = ()) -> None:
    """Master records from the registry (which already merged the edits it knows) in one batch; the fields
    ``drop`` (withheld from this station's role) are stored empty; ``has_edits``: the replica holds attendee
    edits of its own to lay over them again."""
    rows = []
    blank = [_FIELD_INDEX[f] for f in drop if f in _FIELD_INDEX]
    for data in items:
        values = ["" if v is None else v if type(v) is str else str(v) for v in map(data.get, ATTENDEE_FIELDS)]
        for i in blank:
            values[i] = ""
        if values[_STATUS] not in ("active", "cancelled", "blocked"):
            values[_STATUS] = "active"
        code = values[0]
        values[0] = code or None  # no code is NULL, as the registry and the rules hold it
        rows.append((str(data["id"]), normalise_code(code) if code else None, str(data.get("master_hlc") or ""),
                     *values))
    # a code now held by another record moves to this one (the registry is the master of codes);
    # looked up in chunks first: on a first sync no code is held yet
    coded = [(r[1], r[0]) for r in rows if r[1]]
    holders: dict[str, str] = {}
    for start in range(0, len(coded), 500):
        chunk = [code for code, _ in coded[start:start + 500]]
        holders.update(conn.execute(f"SELECT code_norm, id FROM attendees WHERE code_norm IN"
                                    f" ({', '.join('?' * len(chunk))})", chunk).fetchall())
    conn.executemany("UPDATE attendees SET code_norm = NULL WHERE code_norm = ? AND id != ?",
                     [(code, owner) for code, owner in coded if holders.get(code, owner) != owner])
    conn.executemany(_UPSERT_ATTENDEE, rows)  # the triggers queue them for the search index
    if has_edits:
        eventlog.overlay_edits(conn, [r[0] for r in rows])


def station(conn: sqlite3.Connection, data: Mapping[str, Any]) -> None:
    """A station the registry certified (the caller checked the certificate with the registry's key)."""
    public = str(data["public_key"])
    outbox = data.get("outbox")  # with the registry's heartbeat only: what the station said was waiting
    revoked = data.get("revoked_at") if isinstance(data.get("revoked_at"), str) else None
    # a revocation is kept once heard of (a registry rebuilt from this replica must not let that token back in)
    conn.execute("INSERT INTO stations(id, name, role, room_id, public_key, key_id, last_seen, outbox, revoked_at)"
                 " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                 " ON CONFLICT(id) DO UPDATE SET name = excluded.name, role = excluded.role,"
                 " room_id = excluded.room_id, public_key = excluded.public_key, key_id = excluded.key_id,"
                 " last_seen = coalesce(excluded.last_seen, stations.last_seen),"
                 " outbox = coalesce(excluded.outbox, stations.outbox),"
                 " revoked_at = coalesce(stations.revoked_at, excluded.revoked_at)",
                 (data["id"], data.get("name") or str(data["id"])[:8], data.get("role") or "desk", data.get("room_id"),
                  public, data.get("key_id") or PublicKey.from_text(public).key_id, data.get("last_seen"),
                  outbox if isinstance(outbox, int) and not isinstance(outbox, bool) and outbox >= 0 else None,
                  revoked))
    conn.execute("INSERT OR IGNORE INTO keys(key_id, public_key, owner, kind) VALUES (?, ?, ?, 'station')",
                 (PublicKey.from_text(public).key_id, public, data["id"]))


def grant(conn: sqlite3.Connection, data: Mapping[str, Any]) -> None:
    if data.get("attendee_id") and data.get("scope"):
        conn.execute("INSERT OR IGNORE INTO access_grants(attendee_id, scope) VALUES (?, ?)",
                     (str(data["attendee_id"]), str(data["scope"])))


def link_status(conn: sqlite3.Connection, data: Mapping[str, Any]) -> bool:
    """The registry's link with pretix changed state: kept for the dashboard (:mod:`venue_app.linkstatus`);
    False when the item is unusable (left out)."""
    kept = linkstatus.clean(data)
    if kept is None:
        return False
    conn.execute("INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                 (linkstatus.LINK_META, json.dumps(kept, ensure_ascii=False)))
    return True


def keep_unknown(conn: sqlite3.Connection, seq: int, kind: str, data: Mapping[str, Any]) -> None:
    """An item this version cannot apply, kept aside (a later version may)."""
    conn.execute("INSERT OR REPLACE INTO feed_unknown(seq, kind, data) VALUES (?, ?, ?)",
                 (seq, kind, json.dumps(data, ensure_ascii=False)))
