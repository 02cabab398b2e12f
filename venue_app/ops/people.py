"""Walk-in registration and attendee edits: validated once here, for the desk window and the CLI.

A walk-in is an ``attendee_created`` event with a UUID made at this station (works offline),
checked in in the same transaction when the person stands at the desk. An edit is one
``attendee_updated`` event holding only the fields that change (field-level last writer wins);
cancelling or blocking someone needs a reason, kept in the event and the attendee's notes.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from venue_app import eventlog
from venue_app.codes import normalise_code
from venue_app.errors import ConfigError
from venue_app.ids import new_id
from venue_app.ops.fields import EDITABLE, check_fields, name_order_for
from venue_app.ops.problems import InvalidInput, Problem

if TYPE_CHECKING:
    from venue_app.station import Station

__all__ = ["WALKIN_FIELDS", "Edit", "WalkIn", "check_walkin", "edit_attendee", "register_walkin"]

#: what a walk-in form may fill in (a walk-in is registered active; cancel or block it afterwards)
WALKIN_FIELDS = EDITABLE - {"status"}
_NAMES = ("given_name", "family_name", "native_name")


@dataclass(frozen=True)
class WalkIn:
    attendee: dict[str, Any]
    event_id: str  # the attendee_created event
    checkin_event_id: str | None = None  # when checked in at once


@dataclass(frozen=True)
class Edit:
    attendee: dict[str, Any]
    event_id: str | None  # None when nothing changed
    previous: dict[str, str] = field(default_factory=dict)  # changed field → its value before (for undo)


def _categories(station: Station) -> set[str]:
    return {r[0] for r in station.replica.query("SELECT code FROM categories")}


def _code_holder(conn: Any, code: str) -> str | None:
    row = conn.execute("SELECT id FROM attendees WHERE code_norm = ?", (normalise_code(code),)).fetchone()
    return None if row is None else str(row[0])


def check_walkin(fields: Mapping[str, Any], categories: Collection[str]) -> tuple[dict[str, str], list[Problem]]:
    """The clean walk-in record and every problem a form can show before anything is written (all
    but a registration code taken meanwhile, which :func:`register_walkin` checks under the writer).

    A name in any script and a category are needed; an empty name order means "as usual in the
    person's country".
    """
    given = {k: v for k, v in fields.items() if not (k == "name_order" and not v)}
    record, problems = check_fields(given, categories=categories, allowed=WALKIN_FIELDS)
    if not any(record.get(k) for k in _NAMES) and not any(p.field in _NAMES for p in problems):
        problems.insert(0, Problem("name", "name_missing", "a walk-in needs a name: given, family or native name"))
    if not record.get("category") and not any(p.field == "category" for p in problems):
        problems.append(Problem("category", "category_missing", "a walk-in needs a category"))
    record = {k: v for k, v in record.items() if v}
    record.setdefault("name_order", name_order_for(record.get("country", "")))
    return record, problems


def register_walkin(station: Station, fields: Mapping[str, Any], *, operator: str | None = None,
                    check_in: bool = False) -> WalkIn:
    """Register a walk-in (and check them in when ``check_in``); raises :class:`InvalidInput` with
    every problem at once (:func:`check_walkin`, a registration code that belongs to someone else),
    and writes nothing then."""
    attendee, problems = check_walkin(fields, _categories(station))
    if problems:
        raise InvalidInput(problems, "walk-in not registered")
    attendee["id"] = new_id()
    attendee["status"] = "active"
    who = station.operator(operator)
    created = station.new_event("attendee_created", {"attendee": attendee}, who)
    checkin = station.new_event("checkin", {"attendee_id": attendee["id"], "walk_in": True}, who) \
        if check_in else None
    with station.replica.transaction() as conn:
        # the code is checked under the writer: two desks' windows cannot both give it away here
        if attendee.get("code") and _code_holder(conn, attendee["code"]) is not None:
            raise InvalidInput([Problem("code", "code_taken", f"code {attendee['code']} already belongs to another "
                                        "attendee", {"code": attendee["code"]})], "walk-in not registered")
        eventlog.append(conn, created, outbox=True)
        if checkin is not None:
            # a person created this instant is active and checked in nowhere: nothing for the engine to refuse
            eventlog.append(conn, checkin, outbox=True)
    station.committed()
    saved = station.attendee(attendee["id"])
    assert saved is not None
    return WalkIn(saved, created.id, checkin.id if checkin is not None else None)


def edit_attendee(station: Station, id_or_code: str, fields: Mapping[str, Any], *, reason: str = "",
                  operator: str | None = None) -> Edit:
    """Correct fields, cancel or block; records only what changes.

    Cancelling or blocking needs a ``reason``: it is kept in the event and appended to the notes.
    Raises :class:`InvalidInput` (nothing written) for unknown fields, bad values, a missing reason or
    a code that belongs to someone else; :class:`~venue_app.errors.ConfigError` for an unknown person.
    """
    reason = " ".join(reason.split())
    if not fields:
        raise InvalidInput([Problem("", "nothing_to_change", "nothing to change")], "nothing saved")
    clean, problems = check_fields(fields, categories=_categories(station))
    if clean.get("status") in ("cancelled", "blocked") and not reason:
        problems.append(Problem("reason", "reason_missing", f"status {clean['status']} needs a reason",
                                {"status": clean["status"]}))
    current = station.attendee(id_or_code)
    if current is None:
        if problems:
            raise InvalidInput(problems)
        raise ConfigError(f"no attendee with id or code {id_or_code!r}")
    if reason:
        stamp = f"{clean.get('status', 'note')}: {reason}"
        clean["notes"] = f"{clean.get('notes', current.get('notes') or '')}\n{stamp}".strip()
    changed = {k: v for k, v in clean.items() if (current.get(k) or "") != v}
    if problems:
        raise InvalidInput(problems)
    event = None
    if changed:
        payload: dict[str, Any] = {"attendee_id": current["id"], "fields": changed}
        if reason:
            payload["reason"] = reason
        event = station.new_event("attendee_updated", payload, station.operator(operator))
        with station.replica.transaction() as conn:
            # under the writer: the code cannot be given to someone else between the check and the write
            holder = _code_holder(conn, changed["code"]) if changed.get("code") else None
            if holder is not None and holder != current["id"]:
                raise InvalidInput([Problem("code", "code_taken", f"code {changed['code']} already belongs to "
                                            "another attendee", {"code": changed["code"]})])
            eventlog.append(conn, event, outbox=True)
        station.committed()
    saved = station.attendee(current["id"])
    assert saved is not None
    return Edit(saved, event.id if event is not None else None, {k: current.get(k) or "" for k in changed})
