"""What each station role may hold: the personal-data minimisation of the feed, snapshots and wipes.

A door scans badges and counts people; a dashboard shows rooms and stations. Neither needs to know how
to reach a delegate or what help they asked for, so neither ever receives e-mail, phone, notes or
accessibility details (PIPL and GDPR ask for minimisation). A desk finds people, edits them and
prints their badges: it gets every attendee field. The registry applies :func:`minimise` to every item
it hands a station (feed pages, snapshots); a door or dashboard station drops withheld fields again
when it applies the feed, and clears them from a replica made before this rule
(:func:`scrub_replica`, migration ``m0012``); a station wiping itself applies :data:`PERSONAL_FIELDS`.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Collection, Mapping
from typing import Any

__all__ = [
    "EVENT_KINDS",
    "PERSONAL_FIELDS",
    "ROLES",
    "WITHHELD",
    "may_push",
    "minimise",
    "scrub_replica",
    "strip",
    "withheld",
]

ROLES = ("desk", "door", "dashboard")
# attendee fields that identify how to reach someone or describe their health, beyond what a badge shows
PERSONAL_FIELDS: frozenset[str] = frozenset({"email", "phone", "notes", "accessibility"})
WITHHELD: Mapping[str, frozenset[str]] = {
    "desk": frozenset(),
    "door": PERSONAL_FIELDS,
    "dashboard": PERSONAL_FIELDS,
}


def withheld(role: str) -> frozenset[str]:
    """The attendee fields a station of ``role`` never receives (an unknown role gets the least)."""
    return WITHHELD.get(role, PERSONAL_FIELDS)


def minimise(role: str, kind: str, data: Mapping[str, Any]) -> Mapping[str, Any]:
    """``data`` of a feed item of ``kind`` as a station of ``role`` may receive it (``data`` itself when whole)."""
    return strip(kind, data, withheld(role))


def strip(kind: str, data: Mapping[str, Any], drop: Collection[str]) -> Mapping[str, Any]:
    """``data`` of an item of ``kind`` (``attendee``, or ``station_event``: an
    :meth:`venue_app.events.Event.as_dict`) without the attendee fields ``drop``; ``data`` itself when
    nothing was dropped (callers test ``is`` to skip re-encoding)."""
    if not drop:
        return data
    if kind == "attendee":
        if not any(k in data for k in drop):
            return data
        return {k: v for k, v in data.items() if k not in drop}
    if kind == "station_event":
        payload = data.get("payload")
        if isinstance(payload, Mapping):
            small = strip_payload(str(data.get("type") or ""), payload, drop)
            if small is not payload:
                return {**data, "payload": small}
    return data


def strip_payload(event_type: str, payload: Mapping[str, Any], drop: Collection[str]) -> Mapping[str, Any]:
    """The payload of a station event of ``event_type`` without the values of the attendee fields ``drop``
    (``payload`` itself if it has none). A walk-in's record loses those fields; an edit keeps their names
    with ``null`` (the field changed, to a value this role does not hold): an edit of nothing but withheld
    fields stays a valid edit, logged at every station like any fact."""
    if event_type == "attendee_created":
        inner = payload.get("attendee")
        if not isinstance(inner, Mapping) or not any(k in inner for k in drop):
            return payload
        return {**payload, "attendee": {k: v for k, v in inner.items() if k not in drop}}
    if event_type == "attendee_updated":
        inner = payload.get("fields")
        if not isinstance(inner, Mapping) or not any(inner.get(k) is not None for k in drop):
            return payload
        return {**payload, "fields": {k: None if k in drop else v for k, v in inner.items()}}
    return payload


def scrub_replica(conn: sqlite3.Connection, drop: Collection[str], *, keep_unpushed_of: str | None = None
                  ) -> dict[str, int]:
    """Remove the attendee fields ``drop`` from a station replica, inside the caller's transaction:
    attendee rows, winning field edits, and the attendee_created/updated payloads of the log (but for
    the events of station ``keep_unpushed_of`` still waiting in its outbox: the registry must get them
    whole). The caller rebuilds the search index (its documents hold e-mails) and should have
    ``PRAGMA secure_delete`` on, so the old values do not stay in free pages of the file.
    Returns what was changed: ``attendees``, ``edits``, ``log``."""
    fields = sorted(f for f in drop if f.isidentifier())  # column names: never from outside
    if not fields:
        return {"attendees": 0, "edits": 0, "log": 0}
    attendees = conn.execute(f"UPDATE attendees SET {', '.join(f'{f} = {chr(39) * 2}' for f in fields)}"
                             f" WHERE {' OR '.join(f'{f} != {chr(39) * 2}' for f in fields)}").rowcount
    edits = conn.execute(f"DELETE FROM attendee_edits WHERE field IN ({', '.join('?' * len(fields))})",
                         fields).rowcount
    changed = []
    for event_id, event_type, payload, station_id, outbox in conn.execute(
            "SELECT id, type, payload, station_id, outbox FROM log"
            " WHERE type IN ('attendee_created', 'attendee_updated')"):
        if keep_unpushed_of is not None and station_id == keep_unpushed_of and outbox == 1:
            continue
        try:
            doc = json.loads(payload)
        except ValueError:
            continue
        small = strip_payload(event_type, doc, fields) if isinstance(doc, Mapping) else doc
        if small is not doc:
            changed.append((json.dumps(small, ensure_ascii=False), event_id))
    conn.executemany("UPDATE log SET payload = ? WHERE id = ?", changed)
    conn.execute("DELETE FROM feed_unknown WHERE kind = 'attendee' OR kind LIKE 'station_event%'")
    return {"attendees": attendees, "edits": edits, "log": len(changed)}


# -- what each role may push (the registry refuses the rest: a door's stolen token cannot check people in,
# create or edit attendees, or issue badges) -------------------------------------------------------------
#: the station event kinds a station of each role makes; None: every kind (a desk)
EVENT_KINDS: Mapping[str, frozenset[str] | None] = {
    "desk": None,
    "door": frozenset({"room_entry", "room_exit", "occupancy_adjust"}),  # scans, clicker, adjustments, sweeps
    "dashboard": frozenset({"occupancy_adjust", "room_exit"}),  # the clicker on a room card, an end-of-session sweep
}


def may_push(role: str, kind: str) -> bool:
    """Whether a station of ``role`` may push an event of ``kind`` (an unknown role: only what a door may)."""
    allowed = EVENT_KINDS.get(role, EVENT_KINDS["door"])
    return allowed is None or kind in allowed
