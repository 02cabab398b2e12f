"""Applying a feed page to the station replica: one transaction per page, cursor last.

Station events go through the same :mod:`venue_app.eventlog` appliers as local ones (the log insert
is idempotent, so our own events echoed back change nothing), once their payload matched its kind's
schema (:mod:`venue_app.events`): one that does not is logged and kept aside in ``feed_unknown``,
never applied. Master data (event, categories,
rooms, sessions, attendees, stations) is upserted. The state of the registry's link with a registration
system (``link_status``: pretix working or failing, check-ins waiting) is kept in the replica's meta
(:data:`venue_app.linkstatus.LINK_META`), for the dashboard. Items of unknown kinds are kept, not fatal.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from venue_app import eventlog, linkstatus
from venue_app.codes import normalise_code
from venue_app.errors import VenueError
from venue_app.eventlog import ATTENDEE_FIELDS, Event
from venue_app.events import check as check_event
from venue_app.hlc import parse_hlc
from venue_app.issuers import apply_item
from venue_app.keys import PublicKey
from venue_app.registry.protocol import FeedPage, verify_certificate
from venue_app.roles import strip_payload, withheld
from venue_app.settings import CATEGORY_COLOR

if TYPE_CHECKING:
    from venue_app.station import Station

__all__ = ["ApplyResult", "FeedError", "apply_page"]

log = logging.getLogger(__name__)


class FeedError(VenueError):
    """A page the station refuses to apply (it would move the cursor backwards, …)."""


@dataclass
class ApplyResult:
    items: int = 0
    events: int = 0
    unknown: int = 0
    skipped: int = 0
    invalid: int = 0  # station events refused by their kind's schema (kept aside, not applied)
    clamped: int = 0
    cursor: int = 0
    keys_changed: bool = False
    seq: int = 0  # the item being applied
    drop: frozenset[str] = frozenset()  # attendee fields this station's role does not keep


def apply_page(station: Station, page: FeedPage) -> ApplyResult:
    cursor = int(station.replica.get_meta("feed_cursor", 0))
    if page.next < cursor:
        raise FeedError(f"the registry sent a page that would move the cursor back ({page.next} < {cursor})")
    last = cursor
    for item in page.items:
        if item.seq <= last:
            raise FeedError("the registry sent items out of order")
        last = item.seq
    result = ApplyResult(cursor=max(cursor, page.next))
    registry_key = _registry_key(station)
    # defence in depth: a door or dashboard drops what its role never holds, even if a registry sent it
    drop = withheld(station.role)
    result.drop = drop
    # not fsynced: a page lost to a power cut is fetched again (its cursor goes with it)
    with station.replica.transaction(durable=False, index=False) as conn:
        has_edits = conn.execute("SELECT 1 FROM attendee_edits LIMIT 1").fetchone() is not None
        batch: list[dict[str, Any]] = []
        for item in page.items:
            if item.seq <= cursor:
                result.skipped += 1
                continue
            result.items += 1
            if item.kind == "attendee":
                batch.append(item.data)  # consecutive master records go in as one batch
                continue
            if batch:
                _attendees(conn, batch, has_edits, drop)
                batch = []
            handler = _HANDLERS.get(item.kind)
            if handler is None:
                conn.execute("INSERT OR REPLACE INTO feed_unknown(seq, kind, data) VALUES (?, ?, ?)",
                             (item.seq, item.kind, json.dumps(item.data, ensure_ascii=False)))
                result.unknown += 1
                continue
            result.seq = item.seq
            handler(station, conn, item.data, result, registry_key)
        if batch:
            _attendees(conn, batch, has_edits, drop)
        station.replica.set_meta(conn, "feed_cursor", result.cursor)
        station.replica.set_meta(conn, "feed_head", page.head)
    if result.keys_changed:
        station.config_changed()
    return result


def _registry_key(station: Station) -> PublicKey | None:
    row = station.replica.one("SELECT public_key FROM keys WHERE kind = 'registry' LIMIT 1")
    return PublicKey.from_text(row[0]) if row else None


def _json_text(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value if value is not None else [], ensure_ascii=False)


def _event(station: Station, conn: sqlite3.Connection, data: dict[str, Any], result: ApplyResult,
           _key: PublicKey | None) -> None:
    for column in ("name", "timezone", "starts", "ends"):
        if data.get(column):
            conn.execute(f"UPDATE event SET {column} = ?", (data[column],))
    if data.get("languages") is not None:
        conn.execute("UPDATE event SET languages = ?", (_json_text(data["languages"]),))
    result.keys_changed = True


def _category(station: Station, conn: sqlite3.Connection, data: dict[str, Any], result: ApplyResult,
              _key: PublicKey | None) -> None:
    conn.execute("INSERT INTO categories(code, label, color, rooms) VALUES (?, ?, ?, ?) ON CONFLICT(code) DO UPDATE"
                 " SET label = excluded.label, color = excluded.color, rooms = excluded.rooms",
                 (data["code"], data.get("label") or data["code"], data.get("color") or CATEGORY_COLOR,
                  _json_text(data.get("rooms", ["*"]))))


def _room(station: Station, conn: sqlite3.Connection, data: dict[str, Any], result: ApplyResult,
          _key: PublicKey | None) -> None:
    conn.execute("INSERT INTO rooms(id, name, capacity, policy, zone, data) VALUES (?, ?, ?, ?, ?, ?)"
                 " ON CONFLICT(id) DO UPDATE SET name = excluded.name, capacity = excluded.capacity,"
                 " policy = excluded.policy, zone = excluded.zone, data = excluded.data",
                 (data["id"], data["name"], int(data["capacity"]), data.get("policy") or "warn", data.get("zone", ""),
                  _json_text(data.get("data", {}))))


def _session(station: Station, conn: sqlite3.Connection, data: dict[str, Any], result: ApplyResult,
             _key: PublicKey | None) -> None:
    conn.execute("INSERT INTO sessions(id, room_id, title, starts, ends, categories, capacity, data)"
                 " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET room_id = excluded.room_id,"
                 " title = excluded.title, starts = excluded.starts, ends = excluded.ends,"
                 " categories = excluded.categories, capacity = excluded.capacity, data = excluded.data",
                 (data["id"], data["room_id"], data["title"], data["starts"], data["ends"],
                  _json_text(data.get("categories", [])), data.get("capacity"), _json_text(data.get("data", {}))))


_ATTENDEE_COLUMNS = ("id", "code_norm", "master_hlc", *ATTENDEE_FIELDS)
_STATUS = ATTENDEE_FIELDS.index("status")
_UPSERT_ATTENDEE = (
    f"INSERT INTO attendees({', '.join(_ATTENDEE_COLUMNS)}) VALUES ({', '.join('?' * len(_ATTENDEE_COLUMNS))})"
    f" ON CONFLICT(id) DO UPDATE SET {', '.join(f'{c} = excluded.{c}' for c in _ATTENDEE_COLUMNS[1:])}"
)


_FIELD_INDEX = {name: i for i, name in enumerate(ATTENDEE_FIELDS)}


def _attendees(conn: sqlite3.Connection, items: list[dict[str, Any]], has_edits: bool,
               drop: frozenset[str] = frozenset()) -> None:
    """Master records from the registry (which already merged the edits it knows) in one batch;
    the fields ``drop`` are stored empty."""
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


def _attendee(station: Station, conn: sqlite3.Connection, data: dict[str, Any], result: ApplyResult,
              _key: PublicKey | None) -> None:
    _attendees(conn, [data], True, result.drop)


def _station(station: Station, conn: sqlite3.Connection, data: dict[str, Any], result: ApplyResult,
             key: PublicKey | None) -> None:
    public = data.get("public_key")
    if not public:
        return
    if key is None or not verify_certificate(key, data["id"], public, data.get("certificate") or ""):
        log.warning("station %s has no valid registry certificate; its badges are not trusted", data.get("id"))
        return
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
                 (data["id"], data.get("name") or data["id"][:8], data.get("role") or "desk", data.get("room_id"),
                  public, data.get("key_id") or PublicKey.from_text(public).key_id, data.get("last_seen"),
                  outbox if isinstance(outbox, int) and not isinstance(outbox, bool) and outbox >= 0 else None,
                  revoked))
    conn.execute("INSERT OR IGNORE INTO keys(key_id, public_key, owner, kind) VALUES (?, ?, ?, 'station')",
                 (PublicKey.from_text(public).key_id, public, data["id"]))
    result.keys_changed = True


def _badge(station: Station, conn: sqlite3.Connection, data: dict[str, Any], result: ApplyResult,
           _key: PublicKey | None) -> None:
    """Badge validity is derived here from the badge events themselves (they come as station events)."""


def _station_event(station: Station, conn: sqlite3.Connection, data: dict[str, Any], result: ApplyResult,
                   _key: PublicKey | None) -> None:
    remote, clamped = station.clock.observe(parse_hlc(str(data["hlc"])))
    flags = tuple(data.get("flags") or ())
    hlc = str(data["hlc"])
    if clamped:
        hlc, flags = str(remote), (*flags, "hlc_clamped")
        result.clamped += 1
    payload = dict(data.get("payload") or {})
    if result.drop:
        payload = dict(strip_payload(str(data["type"]), payload, result.drop))
    event = Event(str(data["id"]), hlc, str(data["station_id"]), str(data["type"]), payload,
                  str(data.get("operator") or ""), str(data.get("wall") or ""), flags)
    if result.drop:
        data = {**data, "payload": payload}  # also what is kept aside below
    if event.type not in eventlog.EVENT_TYPES:
        conn.execute("INSERT OR REPLACE INTO feed_unknown(seq, kind, data) VALUES (?, ?, ?)",
                     (result.seq, f"station_event:{event.type}", json.dumps(data)))
        result.unknown += 1
        return
    problem = check_event(event.type, event.payload)
    if problem is not None:
        # a registry that checks pushes never sends one; an older one might: keep it, apply nothing
        log.warning("feed item %s: station event %s (%s) from station %s not applied: %s", result.seq, event.id,
                    event.type, event.station_id, problem)
        conn.execute("INSERT OR REPLACE INTO feed_unknown(seq, kind, data) VALUES (?, ?, ?)",
                     (result.seq, f"station_event:{problem.code}", json.dumps(data, ensure_ascii=False)))
        result.invalid += 1
        if event.station_id == station.station_id:
            conn.execute("UPDATE log SET outbox = 0 WHERE id = ? AND outbox = 1", (event.id,))
        return
    if eventlog.append(conn, event, outbox=False):
        result.events += 1
    elif event.station_id == station.station_id:
        # our own event came back: the registry has it, whatever happened to the push reply
        conn.execute("UPDATE log SET outbox = 0 WHERE id = ? AND outbox = 1", (event.id,))


def _grant(station: Station, conn: sqlite3.Connection, data: dict[str, Any], result: ApplyResult,
           _key: PublicKey | None) -> None:
    if data.get("attendee_id") and data.get("scope"):
        conn.execute("INSERT OR IGNORE INTO access_grants(attendee_id, scope) VALUES (?, ?)",
                     (str(data["attendee_id"]), str(data["scope"])))


def _issuer(station: Station, conn: sqlite3.Connection, data: dict[str, Any], result: ApplyResult,
            _key: PublicKey | None) -> None:
    """A ticket issuer's key, trusted or withdrawn; a secret it revoked or blocked (:mod:`venue_app.issuers`)."""
    kind = "issuer" if "public_key" in data else "issuer_secret"
    if not apply_item(conn, kind, data):
        log.warning("feed item %s: unusable %s item (left out)", result.seq, kind)


def _link_status(station: Station, conn: sqlite3.Connection, data: dict[str, Any], result: ApplyResult,
                 _key: PublicKey | None) -> None:
    """The registry's link with pretix changed state: kept for the dashboard (:mod:`venue_app.linkstatus`)."""
    kept = linkstatus.clean(data)
    if kept is None:
        log.warning("feed item %s: unusable link_status item (left out)", result.seq)
        return
    station.replica.set_meta(conn, linkstatus.LINK_META, kept)


_HANDLERS = {
    linkstatus.KIND: _link_status,
    "issuer": _issuer,
    "issuer_secret": _issuer,
    "grant": _grant,
    "event": _event,
    "category": _category,
    "room": _room,
    "session": _session,
    "attendee": _attendee,
    "station": _station,
    "badge": _badge,
    "station_event": _station_event,
}
