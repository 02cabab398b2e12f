"""One declared schema per station event kind, checked wherever an event crosses a boundary.

A station checks an event when it records one (:func:`venue_app.eventlog.append` of a local event:
a malformed event is a bug in our code and raises :class:`InvalidEvent`, nothing is stored) and when
it applies one pulled from the registry's feed (skipped, kept aside and logged); the registry checks every pushed event
before it stores or forwards it (refused with the stable code :data:`INVALID_PAYLOAD`). Both sides
therefore apply only events whose every field has the type and range the appliers expect: the
state they derive cannot drift on a value one of them would ignore or read differently.

A payload holds only the fields its kind declares (an unknown field is refused: it would be
ignored), each with its type and range; text carries no NUL character and keeps within
:data:`MAX_TEXT_CHARS` (:data:`MAX_KEY_CHARS` for identifiers). Checking never changes a payload:
what others already hold stays byte-identical.

The kinds, their fields (``*`` required; ``a|b``: at least one of them)::

    checkin           attendee_id|badge_serial, category, override (event id), manual, on_behalf, walk_in
    checkin_voided    checkin_event_id* (event id), attendee_id (or null), reason
    room_entry        attendee_id|badge_serial, room_id*, session_id, from_room, direction ("in")
    room_exit         attendee_id|badge_serial, room_id*, not_inside, reason, direction ("out")
    occupancy_adjust  room_id*, delta* (whole, non-zero, |delta| <= MAX_ADJUST), reason, anonymous
    badge_issued      serial*, attendee_id*, category, key_id, token, supersedes (list of serials), reason
    badge_revoked     serial*, attendee_id, reason
    attendee_created  attendee* {id*, attendee fields: text or null; status, name_order from their choices}
    attendee_updated  attendee_id*, fields* {attendee field: text or null; status, name_order: a choice}, reason
    override          attendee_id*, reason* (not blank), verdict
    print_job         job_id*, outcome*, attendee_id, reason, serial, backend, backend_ref, attempts,
                      template, target, printer_state, printer_reason

Attendee ids never start with ``badge:`` (that prefix names an unidentified badge's movements).
Heartbeats are not events (the registry takes them on their own endpoint).

:data:`SCHEMAS` is the declaration itself: each field's :class:`Spec` can say what it accepts
(:meth:`Spec.describe`), and the tests derive their event strategies from it.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

__all__ = [
    "ATTENDEE_FIELDS",
    "EVENT_KINDS",
    "INVALID_PAYLOAD",
    "MAX_ADJUST",
    "MAX_KEY_CHARS",
    "MAX_SUPERSEDES",
    "MAX_TEXT_CHARS",
    "NAME_ORDERS",
    "SCHEMAS",
    "STATUSES",
    "UNKNOWN_TYPE",
    "AttendeeKey",
    "Choice",
    "Event",
    "EventId",
    "EventSchema",
    "FieldEdits",
    "Flag",
    "InvalidEvent",
    "Key",
    "ListOf",
    "Nullable",
    "Problem",
    "Record",
    "Spec",
    "Text",
    "Whole",
    "check",
    "now_iso",
    "validate",
]

def now_iso() -> str:
    """The wall time now, as events and replicas write it (UTC, milliseconds)."""
    return datetime.now(UTC).isoformat(timespec="milliseconds")


@dataclass(frozen=True)
class Event:
    """One immutable fact, as every replica logs and applies it."""

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
    def from_row(cls, row: Mapping[str, Any]) -> Event:
        """From a ``log`` row (payload and flags as JSON text)."""
        return cls(row["id"], row["hlc"], row["station_id"], row["type"], json.loads(row["payload"] or "{}"),
                   row["operator"], row["wall"], tuple(json.loads(row["flags"] or "[]")))


#: the stable code of an event whose payload does not match its kind's schema
INVALID_PAYLOAD = "invalid_payload"
#: the stable code of an event of a kind nobody declared
UNKNOWN_TYPE = "unknown_type"

#: attendee columns an event may set (id and the derived code_norm / master_hlc are not fields)
ATTENDEE_FIELDS = (
    "code", "given_name", "family_name", "native_name", "name_order", "honorific", "organisation",
    "job_title", "city", "country", "category", "delegation", "email", "phone", "language",
    "accessibility", "status", "notes",
)
STATUSES = ("active", "cancelled", "blocked")
NAME_ORDERS = ("given-first", "family-first")

MAX_TEXT_CHARS = 2000
MAX_KEY_CHARS = 128
#: the largest manual correction of a room count, either way (a full stadium, not a typo's million)
MAX_ADJUST = 100_000
#: a reprint revokes the attendee's valid badges: a handful, never thousands
MAX_SUPERSEDES = 100
#: subjects of presence rows that are badges whose owner is not known yet
_BADGE_PREFIX = "badge:"


@dataclass(frozen=True)
class Problem:
    """Why an event is refused: a stable ``code``, the field ``path`` and what it must be, in words."""

    code: str
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class InvalidEvent(ValueError):
    """Our own code tried to record an event its kind's schema refuses (a bug, never stored)."""

    def __init__(self, type_: str, problem: Problem) -> None:
        super().__init__(f"refusing to record a malformed {type_!r} event: {problem}")
        self.type = type_
        self.problem = problem
        self.code = problem.code


# -- field specs -----------------------------------------------------------------------------------

class Spec:
    """What one field accepts. :meth:`problem` returns ``(sub-path, message)`` or None."""

    def problem(self, value: Any) -> tuple[str, str] | None:
        raise NotImplementedError

    def describe(self) -> str:
        raise NotImplementedError


@dataclass(frozen=True)
class Text(Spec):
    """A string without NUL characters of at most ``max_chars``; ``blank=False`` also refuses
    strings that are empty or only spaces."""

    max_chars: int = MAX_TEXT_CHARS
    blank: bool = True

    def problem(self, value: Any) -> tuple[str, str] | None:
        if type(value) is not str:
            return "", f"must be text, not {_kind(value)}"
        if len(value) > self.max_chars:
            return "", f"must be at most {self.max_chars} characters, not {len(value)}"
        if "\x00" in value:
            return "", "must not contain a NUL character"
        if not self.blank and not value.strip():
            return "", "must not be empty or only spaces"
        return None

    def describe(self) -> str:
        return f"text up to {self.max_chars} characters" + ("" if self.blank else ", not blank")


@dataclass(frozen=True)
class Key(Text):
    """An identifier (room, badge serial, session…): non-empty text of at most :data:`MAX_KEY_CHARS`."""

    max_chars: int = MAX_KEY_CHARS
    blank: bool = False

    def problem(self, value: Any) -> tuple[str, str] | None:
        if type(value) is not str:
            return "", f"must be an identifier (text), not {_kind(value)}"
        if not value:
            return "", "must not be empty"
        return super().problem(value)

    def describe(self) -> str:
        return f"identifier (text, 1 to {self.max_chars} characters)"


@dataclass(frozen=True)
class AttendeeKey(Key):
    """An attendee id: an identifier that does not start with ``badge:``."""

    def problem(self, value: Any) -> tuple[str, str] | None:
        found = super().problem(value)
        if found is None and value.startswith(_BADGE_PREFIX):
            return "", f"must not start with {_BADGE_PREFIX!r} (that names a badge, not an attendee)"
        return found

    def describe(self) -> str:
        return f"attendee id (text, 1 to {self.max_chars} characters, not starting with {_BADGE_PREFIX!r})"


@dataclass(frozen=True)
class EventId(Spec):
    """The id of another event: a UUID in its canonical form (lower case, with hyphens)."""

    def problem(self, value: Any) -> tuple[str, str] | None:
        if type(value) is not str:
            return "", f"must be an event id (text), not {_kind(value)}"
        try:
            canonical = len(value) == 36 and str(uuid.UUID(value)) == value
        except ValueError:
            canonical = False
        return None if canonical else ("", "must be an event id (a UUID in lower case with hyphens)")

    def describe(self) -> str:
        return "event id (canonical UUID text)"


@dataclass(frozen=True)
class Flag(Spec):
    """true or false (not 0, 1 or text)."""

    def problem(self, value: Any) -> tuple[str, str] | None:
        return None if type(value) is bool else ("", f"must be true or false, not {_kind(value)}")

    def describe(self) -> str:
        return "true or false"


@dataclass(frozen=True)
class Whole(Spec):
    """A whole number (not a boolean, not 1.0) from ``low`` to ``high``; ``zero=False`` refuses 0."""

    low: int
    high: int
    zero: bool = True

    def problem(self, value: Any) -> tuple[str, str] | None:
        if type(value) is not int:
            return "", f"must be a whole number, not {_kind(value)}"
        if not self.low <= value <= self.high:
            return "", f"must be from {self.low:,} to {self.high:,}, not {value:,}"
        if value == 0 and not self.zero:
            return "", "must not be zero"
        return None

    def describe(self) -> str:
        return f"whole number from {self.low:,} to {self.high:,}" + ("" if self.zero else ", not zero")


@dataclass(frozen=True)
class Choice(Spec):
    """One of a few fixed texts."""

    values: tuple[str, ...]

    def problem(self, value: Any) -> tuple[str, str] | None:
        if type(value) is str and value in self.values:
            return None
        shown = repr(value) if type(value) is str and len(value) <= 40 else _kind(value)
        return "", f"must be one of {', '.join(self.values)}, not {shown}"

    def describe(self) -> str:
        return "one of " + ", ".join(self.values)


@dataclass(frozen=True)
class Nullable(Spec):
    """``spec`` or null."""

    spec: Spec

    def problem(self, value: Any) -> tuple[str, str] | None:
        return None if value is None else self.spec.problem(value)

    def describe(self) -> str:
        return f"{self.spec.describe()}, or null"


@dataclass(frozen=True)
class ListOf(Spec):
    """A list of at most ``max_items`` values, each matching ``item``."""

    item: Spec
    max_items: int

    def problem(self, value: Any) -> tuple[str, str] | None:
        if type(value) is not list:
            return "", f"must be a list, not {_kind(value)}"
        if len(value) > self.max_items:
            return "", f"must hold at most {self.max_items} items, not {len(value)}"
        for index, item in enumerate(value):
            found = self.item.problem(item)
            if found is not None:
                return f"[{index}]{found[0]}", found[1]
        return None

    def describe(self) -> str:
        return f"list of up to {self.max_items} × {self.item.describe()}"


@dataclass(frozen=True)
class Record(Spec):
    """An object with only the declared ``fields``; ``required`` must be present; of each tuple in
    ``any_of`` at least one must be present."""

    fields: Mapping[str, Spec]
    required: frozenset[str] = frozenset()
    any_of: tuple[tuple[str, ...], ...] = ()

    def problem(self, value: Any) -> tuple[str, str] | None:
        if type(value) is not dict:
            return "", f"must be an object, not {_kind(value)}"
        fields = self.fields
        for name, item in value.items():
            spec = fields.get(name)
            if spec is None:
                return _sub(name), "is not a field of this event (unknown fields would be ignored)"
            found = spec.problem(item)
            if found is not None:
                return _sub(name) + found[0], found[1]
        for name in self.required:
            if name not in value:
                return _sub(name), "is required"
        for names in self.any_of:
            if not any(name in value for name in names):
                return "", f"needs {' or '.join(names)}"
        return None

    def describe(self) -> str:
        return "object with " + ", ".join(f"{n}{'*' if n in self.required else ''}" for n in self.fields)


@dataclass(frozen=True)
class FieldEdits(Spec):
    """Attendee field edits ``{field: value}``: at least one, names from ``ATTENDEE_FIELDS``."""

    values: Mapping[str, Spec]

    def problem(self, value: Any) -> tuple[str, str] | None:
        if type(value) is not dict:
            return "", f"must be an object of attendee fields, not {_kind(value)}"
        if not value:
            return "", "must change at least one field"
        for name, item in value.items():
            spec = self.values.get(name)
            if spec is None:
                return _sub(name), f"is not an attendee field (fields: {', '.join(ATTENDEE_FIELDS)})"
            found = spec.problem(item)
            if found is not None:
                return _sub(name) + found[0], found[1]
        return None

    def describe(self) -> str:
        return "object of attendee fields (at least one): " + ", ".join(self.values)


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    return {bool: "true/false", int: "a number", float: "a number", str: "text", list: "a list",
            dict: "an object"}.get(type(value), type(value).__name__)


def _sub(name: Any) -> str:
    text = str(name)
    return f".{text}" if text.isidentifier() and len(text) <= 64 else f"[{text[:64]!r}]"


# -- the schemas -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class EventSchema:
    """The payload of one event kind and any rule across its fields."""

    kind: str
    payload: Record
    summary: str = ""
    #: checks across fields, run once the fields themselves are fine: (payload) -> (path, message) | None
    rules: tuple[Callable[[dict[str, Any]], tuple[str, str] | None], ...] = field(default=())

    def problem(self, payload: Any) -> Problem | None:
        found = self.payload.problem(payload)
        for rule in self.rules:
            if found is not None:
                break
            found = rule(payload)
        if found is None:
            return None
        return Problem(INVALID_PAYLOAD, "payload" + found[0], found[1])


_KEY = Key()
_ATTENDEE = AttendeeKey()
_TEXT = Text()
_FLAG = Flag()
_WHO = {"attendee_id": _ATTENDEE, "badge_serial": _KEY}
_WHO_ANY = (("attendee_id", "badge_serial"),)
#: what an attendee field may be set to: text (code an identifier-sized one), or null for "not set"
_FIELD_VALUES: dict[str, Spec] = {name: Nullable(Text(MAX_KEY_CHARS if name == "code" else MAX_TEXT_CHARS))
                                  for name in ATTENDEE_FIELDS}
#: an edit must name a status or a name order (an edit to null would be ignored)
_EDIT_VALUES: dict[str, Spec] = {**_FIELD_VALUES, "status": Choice(STATUSES), "name_order": Choice(NAME_ORDERS)}
#: a creation may leave them out or null (not set)
_CREATE_VALUES: dict[str, Spec] = {**_FIELD_VALUES, "status": Nullable(Choice(STATUSES)),
                                   "name_order": Nullable(Choice(NAME_ORDERS))}


def _direction(expected: str) -> Callable[[dict[str, Any]], tuple[str, str] | None]:
    def rule(payload: dict[str, Any]) -> tuple[str, str] | None:
        given = payload.get("direction", expected)
        return None if given == expected else (".direction", f"must be {expected!r} for this event, not {given!r}")
    return rule


SCHEMAS: dict[str, EventSchema] = {s.kind: s for s in (
    EventSchema("checkin", Record(
        {**_WHO, "category": Text(MAX_KEY_CHARS), "override": EventId(), "manual": _FLAG,
         "on_behalf": _TEXT, "walk_in": _FLAG}, any_of=_WHO_ANY),
        "an attendee (or a badge whose owner is not known yet) checked in"),
    EventSchema("checkin_voided", Record(
        {"checkin_event_id": EventId(), "attendee_id": Nullable(_ATTENDEE), "reason": _TEXT},
        required=frozenset({"checkin_event_id"})),
        "a check-in undone (it stays in the log and stops counting)"),
    EventSchema("room_entry", Record(
        {**_WHO, "room_id": _KEY, "session_id": _KEY, "from_room": _KEY, "direction": Choice(("in", "out"))},
        required=frozenset({"room_id"}), any_of=_WHO_ANY), "someone entered a room", (_direction("in"),)),
    EventSchema("room_exit", Record(
        {**_WHO, "room_id": _KEY, "not_inside": _FLAG, "reason": _TEXT, "direction": Choice(("in", "out"))},
        required=frozenset({"room_id"}), any_of=_WHO_ANY), "someone left a room", (_direction("out"),)),
    EventSchema("occupancy_adjust", Record(
        {"room_id": _KEY, "delta": Whole(-MAX_ADJUST, MAX_ADJUST, zero=False), "reason": _TEXT, "anonymous": _FLAG},
        required=frozenset({"room_id", "delta"})), "a signed correction of a room's count"),
    EventSchema("badge_issued", Record(
        {"serial": _KEY, "attendee_id": _ATTENDEE, "category": Text(MAX_KEY_CHARS), "key_id": Text(MAX_KEY_CHARS),
         "token": _TEXT, "supersedes": ListOf(_KEY, MAX_SUPERSEDES), "reason": _TEXT},
        required=frozenset({"serial", "attendee_id"})), "a badge printed; it revokes the serials it supersedes"),
    EventSchema("badge_revoked", Record(
        {"serial": _KEY, "attendee_id": _ATTENDEE, "reason": _TEXT}, required=frozenset({"serial"})),
        "a badge stops being valid"),
    EventSchema("attendee_created", Record(
        {"attendee": Record({"id": _ATTENDEE, **_CREATE_VALUES}, required=frozenset({"id"}))},
        required=frozenset({"attendee"})), "an attendee made at a station (a walk-in)"),
    EventSchema("attendee_updated", Record(
        {"attendee_id": _ATTENDEE, "fields": FieldEdits(_EDIT_VALUES), "reason": _TEXT},
        required=frozenset({"attendee_id", "fields"})), "attendee fields changed (last writer wins, per field)"),
    EventSchema("override", Record(
        {"attendee_id": _ATTENDEE, "reason": Text(blank=False), "verdict": Text(64)},
        required=frozenset({"attendee_id", "reason"})), "a supervisor admitted someone against a verdict"),
    EventSchema("print_job", Record(
        {"job_id": _KEY, "outcome": _KEY, "attendee_id": Nullable(Text(MAX_KEY_CHARS)), "reason": Nullable(_TEXT),
         "serial": Nullable(Text(MAX_KEY_CHARS)), "backend": Nullable(_TEXT), "backend_ref": Nullable(_TEXT),
         "attempts": Nullable(Whole(0, 1_000_000)), "template": Nullable(_TEXT), "target": Nullable(_TEXT),
         "printer_state": Nullable(_TEXT), "printer_reason": Nullable(_TEXT)},
        required=frozenset({"job_id", "outcome"})), "what became of a print job (for the record)"),
)}

EVENT_KINDS = frozenset(SCHEMAS)


def check(type_: str, payload: Any) -> Problem | None:
    """Why an event of kind ``type_`` with ``payload`` must not be stored or applied, or None."""
    schema = SCHEMAS.get(type_) if type(type_) is str else None
    if schema is None:
        return Problem(UNKNOWN_TYPE, "type", f"unknown event type {type_!r}")
    return schema.problem(payload)


def validate(type_: str, payload: Any) -> None:
    """:func:`check` for our own code: raises :class:`InvalidEvent` on the first problem."""
    problem = check(type_, payload)
    if problem is not None:
        raise InvalidEvent(type_, problem)
