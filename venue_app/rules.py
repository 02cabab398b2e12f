"""The rules that derive state from events, written once for every replica.

A station (its SQLite replica, :mod:`venue_app.eventlog`) and the registry (SQLAlchemy on SQLite or
PostgreSQL, :mod:`venue_app.registry.store`) apply every event with :func:`apply`. The rules talk to
their storage through :class:`Storage`: the named statements of :data:`SQL` (plain SQL whose upserts
read the same on SQLite and PostgreSQL) and the few questions only the storage can answer (which
check-ins its log holds, whom to tell about a change). Whatever a storage does for speed — the
registry caches reads and holds writes to the end of a group — lives in its adapter, never in a
second copy of a rule.

Each rule makes the final state depend only on the *set* of events, never on their order (minimums,
maximums, unions, sums and last-writer-wins by hlc), so every replica fed the same events ends the
same: ``tests/venue_app/test_rules.py`` drives a station and the registry on both databases with the
same random events in random orders and compares every derived table.

The derived tables: ``checkins`` (the earliest check-in shown, how many, at which stations),
``voided_checkins``, ``pending_checkins`` (by a badge whose issue has not arrived), ``presence`` (each
person's latest movement), ``room_counts`` (present, adjust, newest event time), ``room_visits`` (first
entry per room and session), ``badges`` (issues and revocations), ``attendee_edits`` and the edited
``attendees`` fields. The registry also records double check-ins as ``conflicts``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from typing import Any, Protocol

from venue_app.codes import normalise_code
from venue_app.events import ATTENDEE_FIELDS, NAME_ORDERS, STATUSES, Event, now_iso

__all__ = ["APPLIERS", "SQL", "Storage", "apply", "overlay", "recompute_checkin", "valid_field"]

Row = tuple[Any, ...]

_PRESENCE = "INSERT INTO presence(attendee_id, room_id, hlc, event_id) VALUES (:a, :room, :hlc, :event_id)"

#: every statement the rules run, by name (``:name`` parameters; adapters may rewrite the paramstyle)
SQL: dict[str, str] = {
    "voided_get": "SELECT 1 FROM voided_checkins WHERE event_id = :event_id",
    # the earliest undo of a check-in is the one kept (its reason with it)
    "voided_set": "INSERT INTO voided_checkins(event_id, void_hlc, reason) VALUES (:event_id, :hlc, :reason)"
                  " ON CONFLICT(event_id) DO UPDATE SET void_hlc = excluded.void_hlc, reason = excluded.reason"
                  " WHERE excluded.void_hlc < voided_checkins.void_hlc",
    "badge_owner": "SELECT attendee_id FROM badges WHERE serial = :serial AND attendee_id != ''",
    "badge_serials_of": "SELECT serial FROM badges WHERE attendee_id = :a",
    "pending_add": "INSERT INTO pending_checkins(event_id, badge_serial) VALUES (:event_id, :serial)"
                   " ON CONFLICT(event_id) DO NOTHING",
    "pending_for": "SELECT event_id FROM pending_checkins WHERE badge_serial = :serial",
    "pending_del": "DELETE FROM pending_checkins WHERE event_id = :event_id",
    "checkin_get": "SELECT event_id, hlc, station_id, count, stations FROM checkins WHERE attendee_id = :a",
    "checkin_add": "INSERT INTO checkins(attendee_id, event_id, hlc, at, station_id, operator, count, stations)"
                   " VALUES (:a, :event_id, :hlc, :at, :station_id, :operator, 1, :stations)",
    "checkin_count": "UPDATE checkins SET count = :count, stations = :stations WHERE attendee_id = :a",
    "checkin_earliest": "UPDATE checkins SET count = :count, stations = :stations, event_id = :event_id,"
                        " hlc = :hlc, at = :at, station_id = :station_id, operator = :operator"
                        " WHERE attendee_id = :a",
    "checkin_del": "DELETE FROM checkins WHERE attendee_id = :a",
    "conflict_add": "INSERT INTO conflicts(attendee_id, kind, event_id, station_id, hlc, other_event_id,"
                    " other_station_id, other_hlc, detected_at) VALUES (:a, 'double_checkin', :event_id,"
                    " :station_id, :hlc, :other_event_id, :other_station_id, :other_hlc, :detected_at)"
                    " ON CONFLICT(event_id) DO NOTHING",
    "presence_get": "SELECT room_id, hlc, event_id FROM presence WHERE attendee_id = :a",
    "presence_del": "DELETE FROM presence WHERE attendee_id = :a",
    "presence_set": _PRESENCE + " ON CONFLICT(attendee_id) DO UPDATE SET room_id = excluded.room_id,"
                                " hlc = excluded.hlc, event_id = excluded.event_id",
    "bump_present": "INSERT INTO room_counts(room_id, present, adjust) VALUES (:room, :delta, 0)"
                    " ON CONFLICT(room_id) DO UPDATE SET present = room_counts.present + excluded.present",
    "bump_adjust": "INSERT INTO room_counts(room_id, present, adjust) VALUES (:room, 0, :delta)"
                   " ON CONFLICT(room_id) DO UPDATE SET adjust = room_counts.adjust + excluded.adjust",
    # the newest event time of a room (a maximum: independent of order)
    "room_touch": "INSERT INTO room_counts(room_id, present, adjust, last_event_at) VALUES (:room, 0, 0, :wall)"
                  " ON CONFLICT(room_id) DO UPDATE SET last_event_at = excluded.last_event_at"
                  " WHERE excluded.last_event_at > room_counts.last_event_at",
    # a person's first entry into a room or session (a minimum)
    "visit_first": "INSERT INTO room_visits(attendee_id, scope, first_hlc) VALUES (:a, :scope, :hlc)"
                   " ON CONFLICT(attendee_id, scope) DO UPDATE SET first_hlc = excluded.first_hlc"
                   " WHERE excluded.first_hlc < room_visits.first_hlc",
    "visits_of": "SELECT scope, first_hlc FROM room_visits WHERE attendee_id = :a",
    "visits_del": "DELETE FROM room_visits WHERE attendee_id = :a",
    # the earliest issue of a serial stands; a revocation may come first and leave a placeholder row
    "badge_issue": "INSERT INTO badges(serial, attendee_id, category, key_id, token, issued_hlc, event_id)"
                   " VALUES (:serial, :a, :category, :key_id, :token, :hlc, :event_id)"
                   " ON CONFLICT(serial) DO UPDATE SET attendee_id = excluded.attendee_id,"
                   " category = excluded.category, key_id = excluded.key_id, token = excluded.token,"
                   " issued_hlc = excluded.issued_hlc, event_id = excluded.event_id"
                   " WHERE badges.issued_hlc = '' OR excluded.issued_hlc < badges.issued_hlc",
    "badge_revoke": "INSERT INTO badges(serial, attendee_id, category, key_id, token, issued_hlc, event_id,"
                    " revoked_hlc, revoked_reason) VALUES (:serial, '', '', '', '', '', '', :hlc, :reason)"
                    " ON CONFLICT(serial) DO UPDATE SET"
                    " revoked_reason = CASE WHEN badges.revoked_hlc IS NULL"
                    "   OR excluded.revoked_hlc < badges.revoked_hlc"
                    "   THEN excluded.revoked_reason ELSE badges.revoked_reason END,"
                    " revoked_hlc = CASE WHEN badges.revoked_hlc IS NULL"
                    "   OR excluded.revoked_hlc < badges.revoked_hlc"
                    "   THEN excluded.revoked_hlc ELSE badges.revoked_hlc END",
    "badge_get": "SELECT serial, attendee_id, category, key_id, token, issued_hlc, event_id, revoked_hlc,"
                 " revoked_reason FROM badges WHERE serial = :serial",
    "attendee_stub": "INSERT INTO attendees(id, master_hlc) VALUES (:a, '') ON CONFLICT(id) DO NOTHING",
    "attendee_master": "SELECT master_hlc FROM attendees WHERE id = :a",
    # the latest edit of a field wins
    "edit_set": "INSERT INTO attendee_edits(attendee_id, field, value, hlc, event_id)"
                " VALUES (:a, :field, :value, :hlc, :event_id) ON CONFLICT(attendee_id, field) DO UPDATE"
                " SET value = excluded.value, hlc = excluded.hlc, event_id = excluded.event_id"
                " WHERE excluded.hlc > attendee_edits.hlc",
    "edits_newer": "SELECT field, value FROM attendee_edits WHERE attendee_id = :a AND hlc > :hlc",
    # the code as compared (normalised) and as spelt: "ＷＡＬＫ-１" and "WALK-1" are one code, spelt two ways
    "attendee_code_of": "SELECT code_norm, code FROM attendees WHERE id = :a",
    "code_holders": "SELECT id FROM attendees WHERE code_norm = :code_norm",
    # each attendee's code edit that wins over its master record (walk-ins, code changes at a desk)
    "code_edits_winning": "SELECT e.attendee_id, e.value, e.hlc FROM attendee_edits e JOIN attendees a"
                          " ON a.id = e.attendee_id WHERE e.field = 'code' AND e.hlc > a.master_hlc",
    "attendee_code": "UPDATE attendees SET code = :code, code_norm = :code_norm WHERE id = :a",
    # one statement per field (the names come from ATTENDEE_FIELDS, never from an event)
    **{f"attendee_set:{name}": f"UPDATE attendees SET {name} = :value WHERE id = :a"
       for name in ATTENDEE_FIELDS if name != "code"},
}


class Storage(Protocol):
    """What the rules need of a replica's storage, inside the caller's transaction."""

    #: record double check-ins in ``conflicts`` (the registry, which sees every station, does)
    conflicts: bool

    def one(self, name: str, params: Mapping[str, Any]) -> Row | None:
        """The first row of the read :data:`SQL` ``[name]``."""

    def all(self, name: str, params: Mapping[str, Any]) -> list[Row]:
        """Every row of the read :data:`SQL` ``[name]``."""

    def run(self, name: str, params: Mapping[str, Any]) -> None:
        """Run the write :data:`SQL` ``[name]`` (now, or before anything reads what it writes)."""

    def logged_checkin(self, event_id: str) -> Event | None:
        """The check-in ``event_id`` if the log holds it and it has been applied."""

    def checkins_naming(self, attendee_id: str, serials: Iterable[str]) -> Iterable[Event]:
        """The applied check-ins that may name ``attendee_id`` or one of ``serials`` (more is fine:
        the rules keep only theirs)."""

    def recomputing(self) -> None:
        """A recompute follows, reading and rewriting check-ins: make every held write visible."""

    def changed(self, kind: str, key: str) -> None:
        """The derived ``badge`` (serial) or ``attendee`` (id) ``key`` changed (the registry publishes it)."""


def apply(db: Storage, ev: Event) -> None:
    """Derive the consequences of ``ev`` (which the caller has just logged)."""
    APPLIERS[ev.type](db, ev)


def valid_field(name: str, value: Any) -> bool:
    """An attendee field edit the rules apply (the event schema refuses the others at the door)."""
    if name not in ATTENDEE_FIELDS or not isinstance(value, str | int | float | type(None)):
        return False
    if name == "status":
        return value in STATUSES
    if name == "name_order":
        return value in NAME_ORDERS
    return True


# -- check-ins ---------------------------------------------------------------------------------

def _checkin(db: Storage, ev: Event) -> None:
    attendee_id = ev.payload.get("attendee_id")
    serial = ev.payload.get("badge_serial")
    if not attendee_id and serial:
        owner = db.one("badge_owner", {"serial": str(serial)})
        if owner is None:  # a badge whose issue has not arrived: its check-in waits for it
            if not _voided(db, ev.id):
                db.run("pending_add", {"event_id": ev.id, "serial": str(serial)})
            return
        attendee_id = owner[0]
    if attendee_id:
        _merge_checkin(db, str(attendee_id), ev)


def _voided(db: Storage, event_id: str) -> bool:
    return db.one("voided_get", {"event_id": event_id}) is not None


def _merge_checkin(db: Storage, attendee_id: str, ev: Event, *, conflicts: bool = True) -> None:
    if _voided(db, ev.id):
        return  # undone before it reached us
    row = db.one("checkin_get", {"a": attendee_id})
    if row is None:
        db.run("checkin_add", {"a": attendee_id, "event_id": ev.id, "hlc": ev.hlc, "at": ev.wall,
                               "station_id": ev.station_id, "operator": ev.operator,
                               "stations": _stations([ev.station_id])})
        return
    first_event, first_hlc, first_station, count, stations = row
    seen = set(_station_list(stations))
    if db.conflicts and conflicts and ev.station_id not in seen and not ev.payload.get("override"):
        # admitted at a station that had not seen the earlier check-in(s): both kept, reported
        db.run("conflict_add", {"a": attendee_id, "event_id": ev.id, "station_id": ev.station_id, "hlc": ev.hlc,
                                "other_event_id": first_event, "other_station_id": first_station,
                                "other_hlc": first_hlc, "detected_at": now_iso()})
    merged = _stations(sorted(seen | {ev.station_id}))
    if ev.hlc < first_hlc:  # the earliest check-in is the one shown
        db.run("checkin_earliest", {"a": attendee_id, "count": count + 1, "stations": merged, "event_id": ev.id,
                                    "hlc": ev.hlc, "at": ev.wall, "station_id": ev.station_id,
                                    "operator": ev.operator})
    else:
        db.run("checkin_count", {"a": attendee_id, "count": count + 1, "stations": merged})


def _stations(ids: Iterable[str]) -> str:
    return json.dumps(list(ids), separators=(",", ":"))


def _station_list(text: Any) -> list[str]:
    try:
        value = json.loads(text or "[]")
    except ValueError:
        return []
    return [str(s) for s in value] if isinstance(value, list) else []


def _checkin_voided(db: Storage, ev: Event) -> None:
    target = ev.payload.get("checkin_event_id")
    if not isinstance(target, str) or not target:
        return
    db.recomputing()
    db.run("voided_set", {"event_id": target, "hlc": ev.hlc, "reason": str(ev.payload.get("reason") or "")})
    checkin = db.logged_checkin(target)
    if checkin is None:
        return  # not arrived (or applied) yet: skipped when it is
    attendee_id = checkin.payload.get("attendee_id")
    serial = checkin.payload.get("badge_serial")
    if not attendee_id and serial:
        db.run("pending_del", {"event_id": target})
        owner = db.one("badge_owner", {"serial": str(serial)})
        attendee_id = owner[0] if owner else None
    if attendee_id:
        recompute_checkin(db, str(attendee_id))


def recompute_checkin(db: Storage, attendee_id: str) -> None:
    """The attendee's check-in from the log: the earliest one not voided (rare: after an undo)."""
    db.recomputing()
    serials = {str(r[0]) for r in db.all("badge_serials_of", {"a": attendee_id})}
    found = {}
    for ev in db.checkins_naming(attendee_id, serials):
        named = ev.payload.get("attendee_id")
        mine = named == attendee_id or (not named and str(ev.payload.get("badge_serial")) in serials)
        if mine and not _voided(db, ev.id):
            found[ev.id] = ev
    db.run("checkin_del", {"a": attendee_id})
    for ev in sorted(found.values(), key=lambda e: (e.hlc, e.id)):
        _merge_checkin(db, attendee_id, ev, conflicts=False)


# -- presence and rooms ------------------------------------------------------------------------

def _subject(db: Storage, ev: Event) -> str | None:
    """Whose movement a room event is: the attendee, also when only the badge was scanned and the
    badge's issue is known here; ``badge:SERIAL`` until it is (:func:`_merge_badge_presence`)."""
    attendee_id = ev.payload.get("attendee_id")
    if attendee_id:
        return str(attendee_id)
    serial = ev.payload.get("badge_serial")
    if not serial:
        return None
    owner = db.one("badge_owner", {"serial": str(serial)})
    return str(owner[0]) if owner else f"badge:{serial}"


def _move(db: Storage, old_room: Any, new_room: Any) -> None:
    if old_room == new_room:
        return
    if old_room is not None:
        db.run("bump_present", {"room": old_room, "delta": -1})
    if new_room is not None:
        db.run("bump_present", {"room": new_room, "delta": 1})


def _room(db: Storage, ev: Event) -> None:
    subject = _subject(db, ev)
    room_id = ev.payload.get("room_id")
    if subject is None or not room_id:
        return
    room_id = str(room_id)
    if ev.type == "room_entry":
        for scope in filter(None, (room_id, ev.payload.get("session_id"))):
            db.run("visit_first", {"a": subject, "scope": str(scope), "hlc": ev.hlc})
    db.run("room_touch", {"room": room_id, "wall": ev.wall})
    row = db.one("presence_get", {"a": subject})
    if row is not None and row[1] >= ev.hlc:
        return  # a later movement of this person is already known
    new_room = room_id if ev.type == "room_entry" else None
    db.run("presence_set", {"a": subject, "room": new_room, "hlc": ev.hlc, "event_id": ev.id})
    _move(db, row[0] if row is not None else None, new_room)


def _merge_badge_presence(db: Storage, serial: str, attendee_id: str) -> None:
    """A badge scanned at doors before its issue arrived (printed at an offline desk) was tracked
    as ``badge:SERIAL``: its movements become the attendee's once the issue is known. The later
    movement of the two stands (an exit too), the room counts follow, first visits keep the earliest,
    and nothing stays under the badge: every replica ends the same, whichever arrived first."""
    subject = f"badge:{serial}"
    for scope, first in db.all("visits_of", {"a": subject}):
        db.run("visit_first", {"a": attendee_id, "scope": scope, "hlc": first})
    db.run("visits_del", {"a": subject})
    badge = db.one("presence_get", {"a": subject})
    if badge is None:
        return
    room, hlc, event_id = badge[0], badge[1], badge[2]
    db.run("presence_del", {"a": subject})
    _move(db, room, None)
    mine = db.one("presence_get", {"a": attendee_id})
    if mine is not None and mine[1] >= hlc:
        return  # the attendee's own later movement stands (and is counted already)
    db.run("presence_set", {"a": attendee_id, "room": room, "hlc": hlc, "event_id": event_id})
    _move(db, mine[0] if mine is not None else None, room)


def _adjust(db: Storage, ev: Event) -> None:
    room_id = ev.payload.get("room_id")
    delta = ev.payload.get("delta")
    if room_id and isinstance(delta, int) and not isinstance(delta, bool):
        db.run("room_touch", {"room": str(room_id), "wall": ev.wall})
        db.run("bump_adjust", {"room": str(room_id), "delta": delta})


# -- badges ------------------------------------------------------------------------------------

def _badge_issued(db: Storage, ev: Event) -> None:
    p = ev.payload
    serial, attendee_id = p.get("serial"), p.get("attendee_id")
    if not serial or not attendee_id:
        return
    serial, attendee_id = str(serial), str(attendee_id)
    before = db.one("badge_owner", {"serial": serial})
    db.run("badge_issue", {"serial": serial, "a": attendee_id, "category": str(p.get("category") or ""),
                           "key_id": str(p.get("key_id") or ""), "token": str(p.get("token") or ""),
                           "hlc": ev.hlc, "event_id": ev.id})
    superseded = [str(s) for s in p.get("supersedes") or [] if isinstance(s, str | int) and not isinstance(s, bool)]
    reason = str(p.get("reason") or "replaced by a new badge")
    for old in superseded:
        db.run("badge_revoke", {"serial": old, "hlc": ev.hlc, "reason": reason})
    owner = db.one("badge_owner", {"serial": serial})
    if before is not None and owner is not None and before[0] != owner[0]:
        # an earlier issue of the same serial to someone else (serials are random: a bug or a forgery):
        # the check-ins by badge count for whom the earliest issue names, whichever issue came first
        for someone in (str(before[0]), str(owner[0])):
            recompute_checkin(db, someone)
    if owner is not None and owner[0] == attendee_id:  # this issue is the one that stands
        _merge_badge_presence(db, serial, attendee_id)
        for (event_id,) in db.all("pending_for", {"serial": serial}):
            db.run("pending_del", {"event_id": event_id})
            checkin = db.logged_checkin(str(event_id))
            if checkin is not None:
                _merge_checkin(db, attendee_id, checkin)
    for changed in dict.fromkeys([serial, *superseded]):
        db.changed("badge", changed)


def _badge_revoked(db: Storage, ev: Event) -> None:
    serial = ev.payload.get("serial")
    if serial:
        reason = str(ev.payload.get("reason") or "revoked")
        db.run("badge_revoke", {"serial": str(serial), "hlc": ev.hlc, "reason": reason})
        db.changed("badge", str(serial))


# -- attendees ---------------------------------------------------------------------------------

def _attendee_created(db: Storage, ev: Event) -> None:
    record = ev.payload.get("attendee") or {}
    if not isinstance(record, dict) or not record.get("id"):
        return
    attendee_id = str(record["id"])
    # the creation is a set of field writes like any edit, so that it merges by hlc with edits
    # that may have been applied before it
    db.run("attendee_stub", {"a": attendee_id})
    _fields(db, attendee_id, {k: record[k] for k in ATTENDEE_FIELDS if record.get(k) is not None}, ev)


def _attendee_updated(db: Storage, ev: Event) -> None:
    attendee_id = ev.payload.get("attendee_id")
    fields = ev.payload.get("fields") or {}
    if attendee_id and isinstance(fields, dict):
        # an edit of someone this replica does not know (yet) is kept, and laid over the record
        # when it arrives
        _fields(db, str(attendee_id), fields, ev)


def _fields(db: Storage, attendee_id: str, fields: Mapping[str, Any], ev: Event) -> None:
    for name, value in fields.items():
        if valid_field(name, value):
            db.run("edit_set", {"a": attendee_id, "field": name, "value": None if value is None else str(value),
                                "hlc": ev.hlc, "event_id": ev.id})
    if overlay(db, attendee_id):
        db.changed("attendee", attendee_id)


def overlay(db: Storage, attendee_id: str) -> bool:
    """Lay the winning field edits newer than the master record over the attendee row; False when
    there is no such attendee (yet). A code goes through :func:`_settle_code`."""
    master = db.one("attendee_master", {"a": attendee_id})
    if master is None:
        return False
    for name, value in db.all("edits_newer", {"a": attendee_id, "hlc": master[0]}):
        value = "" if value is None else str(value)
        if name == "code":
            held = db.one("attendee_code_of", {"a": attendee_id})
            wanted = normalise_code(value) if value else None
            if wanted is None:
                db.run("attendee_code", {"a": attendee_id, "code": None, "code_norm": None})
            for code_norm in dict.fromkeys(c for c in (held[0] if held else None, wanted) if c):
                _settle_code(db, code_norm, attendee_id)
        elif f"attendee_set:{name}" in SQL:
            db.run(f"attendee_set:{name}", {"a": attendee_id, "value": value})
    return True


def _settle_code(db: Storage, code_norm: str, editing: str) -> None:
    """Who holds the registration code ``code_norm``, the same on every replica whatever the order of
    the edits: a master record that holds it keeps it (the registration system is the master of
    codes); else the earliest winning edit asking for it (by hlc, then attendee id), spelt as that edit
    spells it. Whoever asked and did not get it holds no code (found by name), and gets it when it is
    free again."""
    winning = db.all("code_edits_winning", {})
    claims = sorted((str(hlc), str(a), str(value)) for a, value, hlc in winning
                    if value and normalise_code(str(value)) == code_norm)
    editors = {str(a) for a, _, _ in winning}
    holders = [str(r[0]) for r in db.all("code_holders", {"code_norm": code_norm})]
    masters = [h for h in holders if h not in editors]
    winner = None if masters or not claims else claims[0]

    def give(attendee_id: str, code: str | None) -> None:
        db.run("attendee_code", {"a": attendee_id, "code": code, "code_norm": code_norm if code else None})
        if attendee_id != editing:  # the editing attendee is published by its own rule
            db.changed("attendee", attendee_id)

    for holder in holders:
        if holder in editors and (winner is None or holder != winner[1]):
            give(holder, None)
    for _, claimant, value in claims:
        held = db.one("attendee_code_of", {"a": claimant})
        if winner is not None and claimant == winner[1]:
            # held already under another spelling (ＷＡＬＫ-１ for WALK-1): spelt as the winning edit has it,
            # whichever of the two edits arrived first
            if held is None or held[1] != value:
                give(claimant, value)
        elif claimant in holders:
            continue  # taken above
        elif held is not None and held[0] is not None:
            give(claimant, None)  # a code of before its latest edit


def _noop(db: Storage, ev: Event) -> None:
    """print_job and override are facts for the record; nothing derives from them."""


#: the rule of each event kind
APPLIERS: dict[str, Callable[[Storage, Event], None]] = {
    "checkin": _checkin,
    "checkin_voided": _checkin_voided,
    "room_entry": _room,
    "room_exit": _room,
    "occupancy_adjust": _adjust,
    "badge_issued": _badge_issued,
    "badge_revoked": _badge_revoked,
    "attendee_created": _attendee_created,
    "attendee_updated": _attendee_updated,
    "print_job": _noop,
    "override": _noop,
}
