"""Sync protocol v1: the request and response models shared by the registry and the station client.

Everything is JSON over HTTP under :data:`API_PREFIX`:

``GET /health`` (no auth)
    :class:`Health`: liveness and the registry's clock (stations warn when theirs is off).
``POST /enroll`` (authenticated by the one-time code)
    :class:`EnrollRequest` → :class:`EnrollResponse`: station id, bearer token, event configuration,
    the registry public key and the station's certificate (:func:`verify_certificate`).
``GET /feed?after=SEQ&limit=N&wait=S``
    :class:`FeedPage` of :class:`FeedItem` ``{seq, kind, data}``; ``kind`` is one of
    :data:`FEED_KINDS` and ``data`` uses the column names of the station replica table of that kind
    (``event``, ``categories``, ``rooms``, ``sessions``, ``attendees``, ``stations``, ``badges``,
    ``access_grants`` for kind ``grant``; list columns are JSON lists, not JSON text; a station item
    also carries ``certificate`` and ``revoked_at``, the event item ``registry_key``).
    ``station_event`` data is an event as :meth:`venue_app.eventlog.Event.as_dict` writes it.
    ``link_status`` data is the state of the registry's link with pretix (:mod:`venue_app.linkstatus`).
    Sequence numbers increase strictly and a reader never sees ``N+1`` before ``N`` committed.
    Pass ``next`` back as ``after``. When nothing is newer than ``after`` the request waits up to
    ``wait`` seconds; a station may re-poll at once, the registry paces long-polls that would
    return only a trickle. Kinds a client does not know should be kept for later, not fatal.
``POST /events``
    :class:`PushRequest` of at most :data:`MAX_BATCH` events → :class:`PushResponse` with one
    :class:`EventResult` per event, in order: ``accepted``, ``duplicate`` (the id is already in the
    log: re-sending a batch is harmless) or ``rejected`` with a ``code`` (``malformed``,
    ``unknown_type``, ``wrong_station``, ``invalid_payload``: the payload does not match its kind's
    schema in :mod:`venue_app.events`, the message names the field) — the rest of the batch is
    processed all the same; a rejected event is neither stored nor forwarded. An hlc
    more than :data:`~venue_app.hlc.MAX_DRIFT_MS` ahead of the registry's clock is clamped, the
    result says so (``flags: ["hlc_clamped"]`` and the stored ``hlc``).

Every endpoint but health and enrol needs ``Authorization: Bearer <token>``. Errors are
:class:`ErrorBody` ``{code, message, detail}`` with a stable ``code``; a revoked station gets 401
``station_revoked`` and must stop syncing.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import uuid
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from venue_app.eventlog import EVENT_TYPES, Event
from venue_app.events import Problem, check
from venue_app.hlc import parse_hlc
from venue_app.keys import PublicKey, SigningKey
from venue_app.settings import CATEGORY_COLOR

__all__ = [
    "API_PREFIX",
    "DEFAULT_FEED_LIMIT",
    "EPOCH_HEADER",
    "FEED_KINDS",
    "MAX_BATCH",
    "MAX_FEED_LIMIT",
    "MAX_WAIT_S",
    "PROTOCOL_VERSION",
    "ROLES",
    "AttendeeUpsertOutcome",
    "AttendeesUpsert",
    "AttendeesUpsertResult",
    "CategoryIn",
    "Conflict",
    "EnrollRequest",
    "EnrollResponse",
    "EnrollmentCode",
    "EnrollmentRequest",
    "ErrorBody",
    "EventResult",
    "FeedItem",
    "FeedPage",
    "GrantIn",
    "Health",
    "ProgramDoc",
    "ProgramResult",
    "PushRequest",
    "PushResponse",
    "RegistryKey",
    "RevokeRequest",
    "RoomIn",
    "RoomOccupancy",
    "SessionIn",
    "StationEvent",
    "StationInfo",
    "Summary",
    "certificate_message",
    "hash_secret",
    "sign_certificate",
    "verify_certificate",
]

API_PREFIX = "/api/v1"
PROTOCOL_VERSION = 1
MAX_BATCH = 1000
DEFAULT_FEED_LIMIT = 1000
MAX_FEED_LIMIT = 5000
MAX_WAIT_S = 60.0
# every answer of a restored registry carries its feed's epoch (venue_app.registry.restore)
EPOCH_HEADER = "X-Venue-Registry-Epoch"
ROLES = ("desk", "door", "dashboard")
FEED_KINDS = ("event", "category", "room", "session", "attendee", "station", "badge", "station_event", "grant",
              "issuer", "issuer_secret", "link_status")
_CERT_DOMAIN = b"venue-desk/station-certificate/v1\x00"
MAX_PAYLOAD_CHARS = 64 * 1024
MAX_TEXT_CHARS = 2000
MAX_KEY_CHARS = 128
#: payload values the registry uses as keys (attendee ids, badge serials, rooms): short
_KEY_FIELDS = frozenset({"attendee_id", "badge_serial", "serial", "room_id", "session_id", "id", "code"})


def _payload_problem(value: Any, key: str = "", depth: int = 0) -> str | None:
    """Why a payload cannot be stored as it is (NUL characters, absurd sizes or nesting), or None."""
    if depth > 8:
        return "payload nested too deeply"
    if isinstance(value, str):
        if "\x00" in value:
            return f"{key or 'payload'}: contains a NUL character"
        if len(value) > (MAX_KEY_CHARS if key in _KEY_FIELDS else MAX_TEXT_CHARS):
            return f"{key or 'payload'}: text too long"
        return None
    if isinstance(value, dict):
        for k, v in value.items():
            problem = ("payload: a key contains a NUL character" if "\x00" in k
                       else _payload_problem(v, k, depth + 1))
            if problem:
                return problem
    elif isinstance(value, list):
        for v in value:
            problem = _payload_problem(v, key, depth + 1)
            if problem:
                return problem
    return None


def hash_secret(secret: str) -> str:
    """How tokens and enrolment codes are stored: SHA-256, hex (they are random, no salt needed)."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def certificate_message(station_id: str, public_key: str) -> bytes:
    """What the registry signs to certify a station key: station id and the raw public key."""
    return _CERT_DOMAIN + station_id.encode("utf-8") + b"\x00" + PublicKey.from_text(public_key).raw


def sign_certificate(key: SigningKey, station_id: str, public_key: str) -> str:
    return base64.b64encode(key.sign(certificate_message(station_id, public_key))).decode("ascii")


def verify_certificate(registry_key: PublicKey, station_id: str, public_key: str, certificate: str) -> bool:
    """Whether ``certificate`` is the registry's signature over this station id and key."""
    try:
        signature = base64.b64decode(certificate, validate=True)
        message = certificate_message(station_id, public_key)
    except (binascii.Error, ValueError, Exception):
        return False
    return registry_key.verify(signature, message)


class _Model(BaseModel):
    model_config = ConfigDict(extra="ignore")


class ErrorBody(_Model):
    code: str = Field(description="stable machine-readable error code")
    message: str = Field(description="what went wrong, in plain words")
    detail: Any = None


class Health(_Model):
    status: Literal["ok"] = "ok"
    protocol: int = PROTOCOL_VERSION
    time: str = Field(description="the registry's clock, ISO 8601 UTC")
    time_ms: int


# -- station events ------------------------------------------------------------------------------

class StationEvent(_Model):
    """One event as a station pushes it (see :class:`venue_app.eventlog.Event`)."""

    id: str = Field(max_length=64, description="client-made UUID (v7)")
    hlc: str = Field(max_length=128, description="hybrid logical clock, text form")
    station_id: str = Field(max_length=64)
    type: str = Field(max_length=64)
    payload: dict[str, Any]
    operator: str = Field(default="", max_length=256)
    wall: str = Field(default="", max_length=64)
    flags: list[str] = Field(default_factory=list, max_length=32)

    @field_validator("id")
    @classmethod
    def _uuid(cls, value: str) -> str:
        try:
            return str(uuid.UUID(value))
        except ValueError as exc:
            raise ValueError("id must be a UUID") from exc

    @field_validator("hlc")
    @classmethod
    def _hlc(cls, value: str) -> str:
        parse_hlc(value)
        return value

    @field_validator("type")
    @classmethod
    def _type(cls, value: str) -> str:
        if value not in EVENT_TYPES:
            raise ValueError(f"unknown event type {value!r}")
        return value

    @model_validator(mode="after")
    def _storable(self) -> StationEvent:
        for name in ("hlc", "station_id", "operator", "wall", "type"):
            if "\x00" in getattr(self, name):
                raise ValueError(f"{name} contains a NUL character")
        if any("\x00" in f or len(f) > 64 for f in self.flags):
            raise ValueError("bad flags")
        problem = _payload_problem(self.payload)
        if problem is None and len(json.dumps(self.payload, ensure_ascii=False, default=str)) > MAX_PAYLOAD_CHARS:
            problem = f"payload larger than {MAX_PAYLOAD_CHARS} characters"
        if problem:
            raise ValueError(problem)
        return self

    def payload_problem(self) -> Problem | None:
        """Why the payload does not match its kind's schema (code ``invalid_payload``), or None."""
        return check(self.type, self.payload)

    def to_event(self, *, hlc: str | None = None, flags: tuple[str, ...] = ()) -> Event:
        return Event(self.id, hlc or self.hlc, self.station_id, self.type, dict(self.payload), self.operator,
                     self.wall, tuple(dict.fromkeys((*self.flags, *flags))))


class PushRequest(_Model):
    events: list[Any] = Field(description=f"at most {MAX_BATCH} station events (StationEvent objects); "
                                          "each is judged on its own")


class EventResult(_Model):
    index: int
    id: str | None = None
    status: Literal["accepted", "duplicate", "rejected"]
    code: str | None = Field(default=None, description="why it was rejected: malformed | unknown_type | "
                                                       "wrong_station | invalid_payload")
    message: str | None = None
    flags: list[str] = Field(default_factory=list)
    hlc: str | None = Field(default=None, description="the hlc as stored, when it differs from the one sent")


class PushResponse(_Model):
    results: list[EventResult]
    accepted: int
    duplicate: int
    rejected: int
    head: int = Field(description="the feed head after this batch")


# -- feed ----------------------------------------------------------------------------------------

class FeedItem(_Model):
    seq: int
    kind: str
    data: dict[str, Any]


class FeedPage(_Model):
    items: list[FeedItem]
    next: int = Field(description="pass as `after` in the next request")
    head: int = Field(description="the newest committed sequence number")
    more: bool = Field(description="whether items newer than `next` exist already")


# -- enrolment -----------------------------------------------------------------------------------

class EnrollRequest(_Model):
    code: str = Field(min_length=1, max_length=128)
    public_key: str = Field(min_length=1, max_length=128, description="the station's Ed25519 key, base64")
    name: str | None = Field(default=None, max_length=200)


class RegistryKey(_Model):
    key_id: str
    public_key: str


class EnrollResponse(_Model):
    station_id: str
    token: str = Field(description="bearer token; shown once, the registry keeps only a hash")
    name: str
    role: str
    room_id: str | None = None
    key_id: str
    certificate: str = Field(description="registry signature over the station id and public key (base64)")
    event: dict[str, Any]
    registry_key: RegistryKey
    feed_head: int
    server_time: str
    registry_urls: list[str] = Field(default_factory=list, description="every address of this registry (several "
                                     "hosts on one database): a station goes to the next when one does not answer")


# -- admin ---------------------------------------------------------------------------------------

class EnrollmentRequest(_Model):
    name: str = Field(min_length=1, max_length=200)
    role: Literal["desk", "door", "dashboard"] = "desk"
    room_id: str | None = Field(default=None, max_length=64)
    ttl_s: int = Field(default=24 * 3600, ge=60, le=30 * 24 * 3600)


class EnrollmentCode(_Model):
    code: str
    url: str
    expires: str
    name: str
    role: str
    room_id: str | None = None
    pin: str | None = Field(None, description="SPKI pin of the registry's TLS certificate (also in `url`)")


class StationInfo(_Model):
    id: str
    name: str
    role: str
    room_id: str | None = None
    key_id: str
    public_key: str
    enrolled_at: str
    revoked_at: str | None = None
    revoked_reason: str = ""
    last_seen: str | None = None
    events: int = 0


class RevokeRequest(_Model):
    reason: str = Field(default="", max_length=500)


class CategoryIn(_Model):
    code: str = Field(min_length=1, max_length=64)
    label: str = Field(default="", max_length=200)
    color: str = Field(default=CATEGORY_COLOR, max_length=16)
    rooms: list[str] = Field(default_factory=lambda: ["*"])


class RoomIn(_Model):
    """A room; keys beyond these (``reentry``, ``clear_after_session``, …) are kept in ``data``."""

    model_config = ConfigDict(extra="allow")
    id: str = Field(min_length=1, max_length=64)
    name: str = Field(min_length=1, max_length=200)
    capacity: int = Field(ge=0, le=10_000_000)
    policy: Literal["warn", "block"] = "warn"
    zone: str = Field(default="", max_length=200)
    data: dict[str, Any] = Field(default_factory=dict)


class SessionIn(_Model):
    """A session; keys beyond these (``reentry``, …) are kept in ``data``."""

    model_config = ConfigDict(extra="allow")
    id: str = Field(min_length=1, max_length=128)
    room_id: str = Field(min_length=1, max_length=64)
    title: str = Field(min_length=1, max_length=500)
    starts: str = Field(min_length=1, max_length=64)
    ends: str = Field(min_length=1, max_length=64)
    categories: list[str] = Field(default_factory=list)
    capacity: int | None = Field(default=None, ge=0, le=10_000_000)
    data: dict[str, Any] = Field(default_factory=dict)


class GrantIn(_Model):
    attendee: str = Field(min_length=1, max_length=128, description="attendee id or registration code")
    scope: str = Field(min_length=1, max_length=128, description="a room id or a session id")


class ProgramDoc(_Model):
    """The event program (``docs/program.md``; :func:`venue_app.program.program` returns one)."""

    event: dict[str, Any] | None = None
    categories: list[CategoryIn] = Field(default_factory=list)
    rooms: list[RoomIn] = Field(default_factory=list)
    sessions: list[SessionIn] = Field(default_factory=list)
    grants: list[GrantIn] = Field(default_factory=list)


class ProgramResult(_Model):
    categories: int
    rooms: int
    sessions: int
    grants: int = 0
    event_changed: bool
    unchanged: int


class RoomOccupancy(_Model):
    id: str
    name: str
    capacity: int
    policy: str
    present: int
    adjust: int
    occupancy: int = Field(description="present + adjust, never below zero")


class Conflict(_Model):
    attendee_id: str
    kind: str
    event_id: str
    station_id: str
    hlc: str
    other_event_id: str
    other_station_id: str
    other_hlc: str
    detected_at: str


class Summary(_Model):
    event: dict[str, Any]
    attendees: int
    checked_in: int
    checkin_events: int
    checkins_by_station: dict[str, int]
    events: int
    flagged_events: int
    stations: int
    stations_revoked: int
    feed_head: int
    rooms: list[RoomOccupancy]
    conflict_count: int
    conflicts: list[Conflict]
    link: dict[str, Any] | None = Field(default=None, description="the pretix link: state, words, last pull, "
                                        "last error, check-ins waiting (null: no link)")


# -- the upsert API for other registration systems (``POST /api/v1/admin/attendees``) ---------------
_RECORD_FIELDS: dict[str, str] = {
    "external_id": "Required. The record's id in the sending system; sending it again updates the same attendee.",
    "code": "Registration code or ticket secret (what the QR in the confirmation e-mail holds); no spaces.",
    "given_name": "Given name.", "family_name": "Family name.", "native_name": "Name in the native script (张伟).",
    "name_order": "given-first or family-first (default from the country).", "honorific": "H.E., Mayor, Dr…",
    "organisation": "Organisation.", "job_title": "Job title.", "city": "City.",
    "country": "Country: ISO 3166 code (CN) or its English name.", "category": "Category code (badge band, rooms).",
    "delegation": "Delegation.", "email": "E-mail address.", "phone": "Phone number.",
    "language": "Interpretation language.", "accessibility": "Accessibility needs.",
    "status": "active, cancelled or blocked (paid/canceled and a few other spellings are understood).",
    "notes": "Notes for staff.",
}
_RECORD_SCHEMA: dict[str, Any] = {
    "type": "object", "required": ["external_id"], "additionalProperties": False,
    "description": "One attendee record. Only the fields given change; null clears a field (not status or "
                   "name_order). A new attendee needs a name (given_name, family_name or native_name).",
    "properties": {name: {"type": "string" if name == "external_id" else ["string", "null"], "description": text}
                   for name, text in _RECORD_FIELDS.items()},
}


class AttendeesUpsert(_Model):
    """A batch of attendee records from another registration system, idempotent by external id."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{
        "source": "cvent:metropolis-2026",
        "records": [
            {"external_id": "R-1001", "code": "K7QX2M", "given_name": "Wei", "family_name": "Zhang",
             "native_name": "张伟", "country": "CN", "category": "delegate", "email": "wei.zhang@example.org"},
            {"external_id": "R-1002", "organisation": "City of Lyon"},
            {"external_id": "R-0977", "status": "cancelled"},
        ]}]})

    source: str = Field(min_length=1, max_length=128,
                        description="Name of the sending system and event (e.g. `cvent:metropolis-2026`); "
                                    "external ids are unique within a source. `pretix:ORG/EVENT` is the pretix link's.")
    records: list[dict[str, Any]] = Field(
        max_length=5000, description="Up to 5,000 records; each is created, updated, unchanged or refused on its "
                                     "own (a refused record never stops the others).",
        json_schema_extra={"items": _RECORD_SCHEMA})


class AttendeeUpsertOutcome(_Model):
    index: int = Field(description="position of the record in `records`")
    external_id: str | None
    outcome: Literal["created", "updated", "unchanged", "refused"]
    attendee_id: str | None = Field(None, description="our attendee id (null when refused before matching)")
    changed: list[str] = Field(default_factory=list, description="fields that changed")
    reason: str = Field("", description="why the record was refused, in plain words")


class AttendeesUpsertResult(_Model):
    source: str
    created: int
    updated: int
    unchanged: int
    refused: int
    results: list[AttendeeUpsertOutcome]
