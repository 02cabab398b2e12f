"""The check-in engine: a raw scan in, a durable verdict out.

The judgement and the record happen in one writer transaction, so two scans of the same person
at one station can never both be admitted, and a verdict is returned only after its event
committed. Every scan, garbage included, is kept in the local ``scans`` audit table.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from venue_app import eventlog, occupancy
from venue_app.codes import Normalised, normalise, normalise_code
from venue_app.errors import ConfigError
from venue_app.eventlog import ATTENDEE_FIELDS, Event, now_iso
from venue_app.issuers import TicketCheck, check_sig1, issuers_from_rows, looks_like_sig1
from venue_app.names import display_name
from venue_app.tokens import TokenCheck, looks_like_token, verify_token
from venue_app.verdicts import Verdict, verdict

if TYPE_CHECKING:
    from venue_app.keys import PublicKey
    from venue_app.replica import Replica

__all__ = ["CheckinEngine", "Door", "Host", "public_attendee"]


class Host(Protocol):
    """What the engine needs of its station (:class:`venue_app.station.Station` is one): the replica,
    the event it serves, the keys it trusts, new events stamped with its clock, and a word after a
    commit. Narrow on purpose, so the engine never reaches into the rest of the station."""

    replica: Replica
    event: dict[str, Any]

    def keyring(self) -> dict[str, list[PublicKey]]: ...

    def new_event(self, type_: str, payload: Mapping[str, Any], operator: str = "") -> Event: ...

    def committed(self) -> None: ...

    def now(self) -> datetime: ...


#: the attendee fields a verdict (and a screen) may show
PUBLIC_FIELDS = ("id", *ATTENDEE_FIELDS)


def public_attendee(row: sqlite3.Row | Mapping[str, Any]) -> dict[str, Any]:
    return {k: row[k] for k in PUBLIC_FIELDS}


@dataclass(frozen=True)
class Door:
    room: str
    direction: str
    now: datetime

_RAW_KEEP = 512  # characters of a raw scan kept in the audit table


class CheckinEngine:
    def __init__(self, station: Host) -> None:
        self.station = station

    def scan(self, raw: str | bytes, *, source: str, operator: str, room: str | None = None,
             direction: str = "in") -> Verdict:
        if direction not in ("in", "out"):
            raise ConfigError(f"direction must be in or out, not {direction!r}")
        station = self.station
        if room is not None and station.replica.one("SELECT 1 FROM rooms WHERE id = ?", (room,)) is None:
            raise ConfigError(f"unknown room {room!r}")
        norm = normalise(raw)
        check = self._verify(norm)
        ticket = self._ticket(norm) if check is None or check.status != "ok" else None
        if ticket is not None:
            check = None  # a ticket secret may begin like our badge tokens (it is base64)
        door = Door(room, direction, station.now()) if room is not None else None
        with station.replica.transaction() as conn:
            result, event = self._judge(conn, norm, check, operator, door, ticket)
            if event is not None:
                eventlog.append(conn, event, outbox=True)
            if event is None:
                # refusals and garbage leave no event: the audit table keeps them (a recorded
                # scan is already in the log, with its time, station and operator)
                conn.execute("INSERT INTO scans(at, source, raw, status, event_id) VALUES (?, ?, ?, ?, ?)",
                             (now_iso(), source, _audit_text(raw), result.status, result.event_id))
        if event is not None:
            station.committed()
        return result

    def _verify(self, norm: Normalised) -> TokenCheck | None:
        # signature checks need no lock: do them before taking the writer
        if norm.problem or not looks_like_token(norm.text):
            return None
        return verify_token(norm.text, self.station.event["tag"], self.station.keyring())

    def _ticket(self, norm: Normalised) -> TicketCheck | None:
        """A signed ticket of another registration system (pretix ``pretix_sig1``), verified with the
        issuers the registry trusts; None when the scan is not one or no issuer is trusted. Cheap for
        everything else: a length and character test."""
        if norm.problem or not looks_like_sig1(norm.text):
            return None
        found = issuers_from_rows(self.station.replica.query("SELECT scheme, ref, public_key, items FROM issuers"))
        if not found:
            return None
        return check_sig1(norm.text, found, now=self.station.now().timestamp())

    def _judge(self, conn: sqlite3.Connection, norm: Normalised, check: TokenCheck | None,
               operator: str, door: Door | None = None,
               ticket: TicketCheck | None = None) -> tuple[Verdict, Event | None]:
        if norm.problem:
            return verdict("invalid", f"Scan not understood ({norm.problem}). Scan again."), None
        serial: str | None = None
        attendee: sqlite3.Row | None = None
        category = ""
        if check is not None:
            if check.status != "ok" or check.claims is None:
                return verdict(check.status, details={"reason": check.reason}), None
            serial = check.claims.serial
            badge = conn.execute("SELECT attendee_id, revoked_hlc, revoked_reason FROM badges WHERE serial = ?",
                                 (serial,)).fetchone()
            if badge is not None and badge["revoked_hlc"] is not None:
                holder = _attendee(conn, badge["attendee_id"]) if badge["attendee_id"] else None
                return verdict("revoked", attendee=_public(holder),
                               details={"reason": badge["revoked_reason"], "serial": serial}), None
            if badge is not None and badge["attendee_id"]:
                attendee = _attendee(conn, badge["attendee_id"])
        else:
            if ticket is not None:
                listed = conn.execute("SELECT state, reason FROM issuer_secrets WHERE secret = ?",
                                      (norm.text,)).fetchone()
                if listed is not None and listed["state"] in ("revoked", "blocked"):
                    return _listed_refusal(listed["state"], listed["reason"]), None
            attendee = conn.execute("SELECT * FROM attendees WHERE code_norm = ?",
                                    (normalise_code(norm.text),)).fetchone()
            if attendee is None and ticket is not None:
                if ticket.status != "ok":
                    return verdict("invalid", f"This ticket is not genuine: {ticket.reason}.",
                                   details={"reason": ticket.reason}), None
                # a genuine ticket whose position has not reached this replica yet (sold a minute ago)
                serial, category = ticket.serial, ticket.category
            elif attendee is None:
                return verdict("unknown"), None

        refusal = _status_refusal(attendee)
        if refusal is not None:
            return refusal, None
        if check is not None and check.claims is not None:
            category = check.claims.category
        if door is not None:
            if attendee is not None:
                category = attendee["category"]
            return self._door(conn, door, attendee, serial, category, operator)
        if attendee is not None:
            return self._check_in(conn, attendee, {"badge_serial": serial} if serial else {}, operator)

        # a genuine badge whose issue has not reached this replica yet (made offline elsewhere), or a
        # genuine signed ticket whose attendee has not: checked in under its serial until they arrive
        assert serial is not None
        pending = conn.execute("SELECT l.wall, l.station_id FROM pending_checkins p JOIN log l ON l.id = p.event_id"
                               " WHERE p.badge_serial = ? ORDER BY l.hlc LIMIT 1", (serial,)).fetchone()
        if pending is not None:
            return self._already(conn, pending["wall"], pending["station_id"], None), None
        event = self.station.new_event("checkin", {"badge_serial": serial, "category": category}, operator)
        what = "ticket" if ticket is not None else "badge"
        return verdict("ok", f"Valid {category or ''} {what} — checked in (details arrive with sync).",
                       event_id=event.id, details={"serial": serial, "category": category}), event

    def admit(self, attendee_id: str, *, operator: str, payload: dict[str, Any] | None = None,
              message: str = "") -> Verdict:
        """Check in a known attendee without a scan (found by name at the desk): the rules of a scan
        (cancelled, blocked, already checked in), judged and recorded in one writer transaction.
        ``payload`` adds to the check-in event (``manual``, ``on_behalf``); ``message`` replaces the
        welcome of an admission."""
        station = self.station
        with station.replica.transaction() as conn:
            attendee = _attendee(conn, attendee_id)
            if attendee is None:
                raise ConfigError(f"no attendee {attendee_id!r}")
            refusal = _status_refusal(attendee)
            if refusal is not None:
                return refusal
            result, event = self._check_in(conn, attendee, payload or {}, operator)
            if event is not None:
                eventlog.append(conn, event, outbox=True)
        if event is None:
            return result
        station.committed()
        return replace(result, message=message) if message else result

    def _check_in(self, conn: sqlite3.Connection, attendee: sqlite3.Row, extra: dict[str, Any],
                  operator: str) -> tuple[Verdict, Event | None]:
        """The desk's rule for a known, active attendee: once only."""
        previous = conn.execute("SELECT at, station_id FROM checkins WHERE attendee_id = ?",
                                (attendee["id"],)).fetchone()
        if previous is not None:
            return self._already(conn, previous["at"], previous["station_id"], attendee), None
        event = self.station.new_event("checkin", {"attendee_id": attendee["id"], **extra}, operator)
        public = _public(attendee)
        message = f"Welcome, {display_name(public) or 'guest'} — checked in."
        return verdict("ok", message, attendee=public, event_id=event.id), event

    def _door(self, conn: sqlite3.Connection, door: Door, attendee: sqlite3.Row | None, serial: str | None,
              category: str, operator: str) -> tuple[Verdict, Event | None]:
        subject = attendee["id"] if attendee is not None else f"badge:{serial}"
        who = {"attendee_id": attendee["id"]} if attendee is not None else {"badge_serial": serial}
        public = _public(attendee)
        inside = conn.execute("SELECT room_id FROM presence WHERE attendee_id = ?", (subject,)).fetchone()
        inside_room = inside["room_id"] if inside is not None else None
        count = occupancy.room_count(conn, door.room)
        if door.direction == "out":
            if inside_room != door.room:
                event = self.station.new_event("room_exit", {**who, "room_id": door.room, "not_inside": True},
                                               operator)
                return verdict("not_inside", attendee=public, event_id=event.id,
                               details={"count": count, "room_id": door.room}), event
            event = self.station.new_event("room_exit", {**who, "room_id": door.room}, operator)
            return verdict("ok", "Goodbye — exit recorded.", attendee=public, event_id=event.id,
                           details={"count": max(0, count - 1), "room_id": door.room}), event

        rule = occupancy.rule_in_force(conn, door.room, occupancy.local_now(door.now, self._timezone()))
        details: dict[str, Any] = {"room_id": door.room, "rule": rule.describe(), "capacity": rule.capacity}
        if rule.session_id:
            details["session_id"] = rule.session_id
        granted = attendee is not None and conn.execute(
            "SELECT 1 FROM access_grants WHERE attendee_id = ? AND scope IN (?, ?)",
            (attendee["id"], door.room, rule.session_id or door.room)).fetchone() is not None
        if not granted and not rule.allows(category):
            return verdict("not_allowed", f"Not allowed here — {rule.describe()}.", attendee=public,
                           details=details), None
        if inside_room == door.room:
            return verdict("ok", "Already inside — welcome back.", attendee=public,
                           details={**details, "count": count, "already_inside": True}), None
        if not rule.reentry:
            scope = rule.session_id or door.room
            if conn.execute("SELECT 1 FROM room_visits WHERE attendee_id = ? AND scope = ?",
                            (subject, scope)).fetchone():
                return verdict("not_allowed", f"No re-entry — {rule.session_title or rule.room_name}.",
                               attendee=public, details=details), None
        if count >= rule.capacity:
            if rule.policy == "block":
                return verdict("room_full", f"The room is full ({count}/{rule.capacity}).", attendee=public,
                               details={**details, "count": count}), None
            details["warning"] = f"At capacity: {count + 1}/{rule.capacity}"
        elif count + 1 >= occupancy.NEAR_FULL * rule.capacity:
            details["warning"] = f"Nearly full: {count + 1}/{rule.capacity}"
        payload: dict[str, Any] = {**who, "room_id": door.room}
        if rule.session_id:
            payload["session_id"] = rule.session_id
        if inside_room:
            payload["from_room"] = inside_room
        event = self.station.new_event("room_entry", payload, operator)
        name = (display_name(public) or "guest") if attendee is not None else f"{category or 'valid'} badge"
        return verdict("ok", f"Welcome, {name}.", attendee=public, event_id=event.id,
                       details={**details, "count": count + 1}), event

    def _timezone(self) -> str:
        return str(self.station.event.get("timezone") or "UTC")

    def _already(self, conn: sqlite3.Connection, at: str, station_id: str,
                 attendee: sqlite3.Row | None) -> Verdict:
        row = conn.execute("SELECT name FROM stations WHERE id = ?", (station_id,)).fetchone()
        where = row["name"] if row else station_id[:8]
        when = local_time(at, self.station.event.get("timezone") or "UTC")
        return verdict("already_checked_in", f"Already checked in at {when}, {where}.",
                       attendee=_public(attendee), details={"at": at, "station_id": station_id, "station": where})


def local_time(iso: str, timezone: str) -> str:
    """``HH:MM`` in the event's time zone (with the date when it is not today there)."""
    try:
        moment = datetime.fromisoformat(iso).astimezone(ZoneInfo(timezone))
    except (ValueError, ZoneInfoNotFoundError):
        return iso
    today = datetime.now(moment.tzinfo).date()
    return moment.strftime("%H:%M") if moment.date() == today else moment.strftime("%d %b %H:%M")


def _listed_refusal(state: str, reason: str) -> Verdict:
    """A ticket secret its issuer revoked (a newer ticket replaced it, or the order was cancelled) or blocked."""
    if state == "blocked":
        return verdict("blocked", "This ticket is blocked in the registration system. Call a supervisor.",
                       details={"reason": reason})
    return verdict("revoked", "This ticket was replaced or cancelled in the registration system. Ask for the "
                              "newest ticket or send the person to the help desk.", details={"reason": reason})


def _status_refusal(attendee: sqlite3.Row | None) -> Verdict | None:
    """A cancelled or blocked registration admits nobody, scanned or found by name."""
    if attendee is not None and attendee["status"] in ("cancelled", "blocked"):
        return verdict(attendee["status"], attendee=_public(attendee))
    return None


def _attendee(conn: sqlite3.Connection, attendee_id: str) -> sqlite3.Row | None:
    return conn.execute("SELECT * FROM attendees WHERE id = ?", (attendee_id,)).fetchone()


def _public(row: sqlite3.Row | None) -> dict[str, Any] | None:
    return None if row is None else public_attendee(row)


def _audit_text(raw: str | bytes) -> str:
    if isinstance(raw, bytes | bytearray):
        return json.dumps(bytes(raw[:_RAW_KEEP]).decode("utf-8", "backslashreplace"))
    return raw[:_RAW_KEEP]
