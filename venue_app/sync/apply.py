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

import logging
import sqlite3
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from venue_app import eventlog, feeditems, linkstatus
from venue_app.errors import VenueError
from venue_app.eventlog import Event
from venue_app.events import check as check_event
from venue_app.hlc import parse_hlc
from venue_app.issuers import apply_item
from venue_app.keys import PublicKey
from venue_app.registry.protocol import FeedPage, verify_certificate
from venue_app.roles import strip_payload, withheld

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
                feeditems.attendees(conn, batch, has_edits=has_edits, drop=drop)
                batch = []
            handler = _HANDLERS.get(item.kind)
            if handler is None:
                feeditems.keep_unknown(conn, item.seq, item.kind, item.data)
                result.unknown += 1
                continue
            result.seq = item.seq
            handler(station, conn, item.data, result, registry_key)
        if batch:
            feeditems.attendees(conn, batch, has_edits=has_edits, drop=drop)
        station.replica.set_meta(conn, "feed_cursor", result.cursor)
        station.replica.set_meta(conn, "feed_head", page.head)
    if result.keys_changed:
        station.config_changed()
    return result


def _registry_key(station: Station) -> PublicKey | None:
    row = station.replica.one("SELECT public_key FROM keys WHERE kind = 'registry' LIMIT 1")
    return PublicKey.from_text(row[0]) if row else None


def _event(station: Station, conn: sqlite3.Connection, data: dict[str, Any], result: ApplyResult,
           _key: PublicKey | None) -> None:
    feeditems.event(conn, data)
    result.keys_changed = True


def _category(station: Station, conn: sqlite3.Connection, data: dict[str, Any], result: ApplyResult,
              _key: PublicKey | None) -> None:
    feeditems.category(conn, data)


def _room(station: Station, conn: sqlite3.Connection, data: dict[str, Any], result: ApplyResult,
          _key: PublicKey | None) -> None:
    feeditems.room(conn, data)


def _session(station: Station, conn: sqlite3.Connection, data: dict[str, Any], result: ApplyResult,
             _key: PublicKey | None) -> None:
    feeditems.session(conn, data)


def _attendee(station: Station, conn: sqlite3.Connection, data: dict[str, Any], result: ApplyResult,
              _key: PublicKey | None) -> None:
    feeditems.attendees(conn, [data], has_edits=True, drop=result.drop)


def _station(station: Station, conn: sqlite3.Connection, data: dict[str, Any], result: ApplyResult,
             key: PublicKey | None) -> None:
    public = data.get("public_key")
    if not public:
        return
    if key is None or not verify_certificate(key, data["id"], public, data.get("certificate") or ""):
        log.warning("station %s has no valid registry certificate; its badges are not trusted", data.get("id"))
        return
    feeditems.station(conn, data)
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
        feeditems.keep_unknown(conn, result.seq, f"station_event:{event.type}", data)
        result.unknown += 1
        return
    problem = check_event(event.type, event.payload)
    if problem is not None:
        # a registry that checks pushes never sends one; an older one might: keep it, apply nothing
        log.warning("feed item %s: station event %s (%s) from station %s not applied: %s", result.seq, event.id,
                    event.type, event.station_id, problem)
        feeditems.keep_unknown(conn, result.seq, f"station_event:{problem.code}", data)
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
    feeditems.grant(conn, data)


def _issuer(station: Station, conn: sqlite3.Connection, data: dict[str, Any], result: ApplyResult,
            _key: PublicKey | None) -> None:
    """A ticket issuer's key, trusted or withdrawn; a secret it revoked or blocked (:mod:`venue_app.issuers`)."""
    kind = "issuer" if "public_key" in data else "issuer_secret"
    if not apply_item(conn, kind, data):
        log.warning("feed item %s: unusable %s item (left out)", result.seq, kind)


def _link_status(station: Station, conn: sqlite3.Connection, data: dict[str, Any], result: ApplyResult,
                 _key: PublicKey | None) -> None:
    """The registry's link with pretix changed state: kept for the dashboard (:mod:`venue_app.linkstatus`)."""
    if not feeditems.link_status(conn, data):
        log.warning("feed item %s: unusable link_status item (left out)", result.seq)


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
