"""Tickets signed by another registration system, verified offline: pretix's ``pretix_sig1`` secrets.

An event in pretix that uses the ``pretix_sig1`` ticket secret generator gives every ticket a secret
that carries its own Ed25519 signature::

    secret  = reverse(base64(0x01 | u16be(n) | u16be(m) | payload[n] | signature[m]))     m = 64
    payload = protobuf Ticket {string seed = 1; int64 item = 2; int64 variation = 3; int64 subevent = 4;
                               optional int64 validFromUnixTime = 5; optional int64 validUntilUnixTime = 6}

(pretix ``pretix/base/secrets.py``, ``Sig1TicketSecretGenerator``; the event's public key is published as
``valid_keys.pretix_sig1`` on the event's detail in pretix's REST API: base64 of a PEM Ed25519
SubjectPublicKeyInfo). The payload names no person and no order: a verifier learns the ticket's item
(mapped to our category by the issuer's ``items``), its validity window, and that the event's key signed it.

The registry holds the trusted issuers (scheme, event reference, public key, item → category) and the
secrets the issuer revoked (replaced) or blocked, and hands both to every station through the feed
(items ``issuer`` and ``issuer_secret``). A station scanning a secret whose attendee it does not hold yet
(bought a minute ago, the door offline) verifies it here and records a pending check-in under
:func:`ticket_serial`; the registry ties that serial to the attendee once the position arrives and the
check-in then counts for that person, once, at the station that made it.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import re
import sqlite3
import struct
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from venue_app.codes import normalise_code

__all__ = [
    "SCHEME",
    "SECRET_STATES",
    "SERIAL_PREFIX",
    "Issuer",
    "Sig1Ticket",
    "TicketCheck",
    "apply_item",
    "check_sig1",
    "decode_ticket",
    "issuers_from_rows",
    "key_text",
    "looks_like_sig1",
    "parse_public_key",
    "parse_sig1",
    "sign_sig1",
    "ticket_serial",
]

SCHEME = "pretix_sig1"
#: what an issuer may say of a secret: ``ok`` lifts an earlier block
SECRET_STATES = ("revoked", "blocked", "ok")
SERIAL_PREFIX = "pretix:"
_VERSION = 1
_SIG_LEN = 64
_SPKI_PREFIX = bytes.fromhex("302a300506032b6570032100")  # SEQ{SEQ{OID 1.3.101.112 (Ed25519)} BIT STRING}
# reversed base64 of 0x01…: padding first, the text ends with "A"; header and signature make ≥ 92 characters
_SIG1_RE = re.compile(r"^={0,2}[A-Za-z0-9+/]+A$")
_MIN_CHARS = 92
_MAX_CHARS = 1024
_FIELDS = {1: "seed", 2: "item", 3: "variation", 4: "subevent", 5: "valid_from", 6: "valid_until"}


@dataclass(frozen=True)
class Issuer:
    """A system whose signed tickets this event accepts: ``ref`` names it (``pretix:ORG/EVENT``),
    ``public_key`` is the raw Ed25519 key in base64, ``items`` maps the issuer's item ids to our categories."""

    scheme: str
    ref: str
    public_key: str
    items: Mapping[str, str] = field(default_factory=dict)

    def key(self) -> Ed25519PublicKey:
        return _public(self.public_key)


@dataclass(frozen=True)
class Sig1Ticket:
    seed: str
    item: int = 0
    variation: int = 0
    subevent: int = 0
    valid_from: int = 0  # Unix seconds; 0: no bound
    valid_until: int = 0


@dataclass(frozen=True)
class TicketCheck:
    """``status`` ok | invalid; ``reason`` in words; on ok the ticket, its issuer, category and serial."""

    status: str
    reason: str = ""
    ticket: Sig1Ticket | None = None
    issuer: Issuer | None = None
    category: str = ""
    serial: str = ""


_KEYS: dict[str, Ed25519PublicKey] = {}


def _public(text: str) -> Ed25519PublicKey:
    key = _KEYS.get(text)
    if key is None:
        key = _KEYS[text] = Ed25519PublicKey.from_public_bytes(base64.b64decode(text))
    return key


def parse_public_key(text: str | bytes) -> str:
    """An issuer's public key as we keep it (raw 32 bytes, base64) from what pretix publishes
    (``valid_keys.pretix_sig1[i]``: base64 of a PEM), a PEM, or the raw key in base64 or hex.
    :class:`ValueError` says what is wrong."""
    if isinstance(text, bytes):
        try:
            text = text.decode("ascii")
        except UnicodeDecodeError:
            raise ValueError("a public key file holds text (PEM or base64), not binary data") from None
    text = text.strip()
    pem = text.encode("ascii", "replace")
    if not pem.startswith(b"-----BEGIN"):
        try:
            decoded = base64.b64decode(text, validate=True)
        except (binascii.Error, ValueError):
            decoded = b""
        if len(decoded) == 32:
            return base64.b64encode(decoded).decode("ascii")
        if decoded.startswith(b"-----BEGIN"):
            pem = decoded
        elif len(text) == 64 and all(c in "0123456789abcdefABCDEF" for c in text):
            return base64.b64encode(bytes.fromhex(text)).decode("ascii")
        else:
            raise ValueError("not an Ed25519 public key (expected pretix's valid_keys entry, a PEM, or 32 bytes "
                             "in base64 or hex)")
    try:
        key = serialization.load_pem_public_key(pem)
    except ValueError as exc:
        raise ValueError(f"not a readable PEM public key: {exc}") from None
    if not isinstance(key, Ed25519PublicKey):
        raise ValueError("the PEM holds a public key that is not Ed25519")
    return base64.b64encode(key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)).decode()


def key_text(raw: str) -> str:
    """The key as pretix publishes it (base64 of a PEM SubjectPublicKeyInfo)."""
    der = _SPKI_PREFIX + base64.b64decode(raw)
    body = base64.b64encode(der).decode("ascii")
    return base64.b64encode(f"-----BEGIN PUBLIC KEY-----\n{body}\n-----END PUBLIC KEY-----\n".encode()).decode()


def looks_like_sig1(text: str) -> bool:
    """Cheap: could ``text`` be a ``pretix_sig1`` secret (before any decoding)?"""
    return _MIN_CHARS <= len(text) <= _MAX_CHARS and text[-1] == "A" and _SIG1_RE.match(text) is not None


def ticket_serial(secret: str) -> str:
    """The serial a station records a pending check-in under for this secret (short, and the same for
    the registry, which finds it again from the attendee's code)."""
    return SERIAL_PREFIX + hashlib.sha256(normalise_code(secret).encode("utf-8")).hexdigest()[:32]


def parse_sig1(secret: str) -> tuple[bytes, bytes]:
    """The payload and signature of a secret; :class:`ValueError` in words when it is not one."""
    try:
        raw = base64.b64decode(secret[::-1], validate=True)
    except (binascii.Error, ValueError):
        raise ValueError("not a pretix signed ticket (damaged base64)") from None
    if len(raw) < 5:
        raise ValueError("truncated ticket")
    if raw[0] != _VERSION:
        raise ValueError(f"unknown pretix ticket version {raw[0]}")
    n, m = struct.unpack(">HH", raw[1:5])
    if m != _SIG_LEN:
        raise ValueError("not a pretix signed ticket (its signature is not 64 bytes)")
    if len(raw) < 5 + n + m:
        raise ValueError("truncated ticket")
    if len(raw) > 5 + n + m:
        raise ValueError("damaged ticket (bytes after the signature)")
    return raw[5:5 + n], raw[5 + n:]


def _varint(data: bytes, at: int) -> tuple[int, int]:
    shift = value = 0
    while True:
        if at >= len(data) or shift > 63:
            raise ValueError("damaged ticket payload")
        byte = data[at]
        at += 1
        value |= (byte & 0x7F) << shift
        if not byte & 0x80:
            return value, at
        shift += 7


def decode_ticket(payload: bytes) -> Sig1Ticket:
    """The protobuf ``Ticket`` (unknown fields skipped, as protobuf readers do)."""
    values: dict[str, Any] = {}
    at = 0
    while at < len(payload):
        key, at = _varint(payload, at)
        number, wire = key >> 3, key & 7
        if wire == 0:
            value, at = _varint(payload, at)
            if value >= 1 << 63:
                value -= 1 << 64
        elif wire == 2:
            size, at = _varint(payload, at)
            if at + size > len(payload):
                raise ValueError("damaged ticket payload")
            value = payload[at:at + size]
            at += size
        elif wire in (1, 5):
            at += 8 if wire == 1 else 4
            continue
        else:
            raise ValueError("damaged ticket payload")
        name = _FIELDS.get(number)
        if name == "seed" and isinstance(value, bytes):
            values[name] = value.decode("utf-8", "replace")
        elif name is not None and isinstance(value, int):
            values[name] = value
    if "seed" not in values:
        raise ValueError("damaged ticket payload (no seed)")
    return Sig1Ticket(**values)


def check_sig1(secret: str, issuers: Sequence[Issuer], *, now: float | None = None) -> TicketCheck:
    """Verify ``secret`` with the trusted issuers' keys (revoked and blocked lists are the caller's: they
    live in the replica). ``invalid`` with the reason when it is damaged, truncated, signed by no trusted
    key (forged, altered, or another event's) or outside its validity window."""
    try:
        payload, signature = parse_sig1(secret)
    except ValueError as exc:
        return TicketCheck("invalid", str(exc))
    signer = None
    for issuer in issuers:
        if issuer.scheme != SCHEME:
            continue
        try:
            issuer.key().verify(signature, payload)
        except (InvalidSignature, ValueError):
            continue
        signer = issuer
        break
    if signer is None:
        return TicketCheck("invalid", "its signature matches no trusted pretix event key (forged, altered, or "
                                      "a ticket of another event)")
    try:
        ticket = decode_ticket(payload)
    except ValueError as exc:
        return TicketCheck("invalid", str(exc))
    moment = time.time() if now is None else now
    if ticket.valid_from and moment < ticket.valid_from:
        return TicketCheck("invalid", "this ticket is not valid yet", ticket, signer)
    if ticket.valid_until and moment > ticket.valid_until:
        return TicketCheck("invalid", "this ticket is no longer valid", ticket, signer)
    return TicketCheck("ok", "", ticket, signer, str(signer.items.get(str(ticket.item), "")), ticket_serial(secret))


# -- making secrets (tests, demos and benchmarks; pretix makes the real ones) ---------------------------

def _field_varint(number: int, value: int) -> bytes:
    out = bytearray(_encode_varint((number << 3) | 0))
    out += _encode_varint(value & ((1 << 64) - 1))
    return bytes(out)


def _encode_varint(value: int) -> bytes:
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        if value:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def sign_sig1(key: Ed25519PrivateKey, seed: str, item: int, *, variation: int = 0, subevent: int = 0,
              valid_from: int | None = None, valid_until: int | None = None) -> str:
    """A secret in pretix's ``pretix_sig1`` format, signed with ``key``: what pretix's generator makes
    (proto3 leaves zero fields out; the two optional ones are written when given)."""
    seed_bytes = seed.encode("utf-8")
    payload = bytearray(_encode_varint((1 << 3) | 2) + _encode_varint(len(seed_bytes)) + seed_bytes)
    for number, value in ((2, item), (3, variation), (4, subevent)):
        if value:
            payload += _field_varint(number, value)
    for number, optional in ((5, valid_from), (6, valid_until)):
        if optional is not None:
            payload += _field_varint(number, optional)
    signature = key.sign(bytes(payload))
    raw = bytes([_VERSION]) + struct.pack(">HH", len(payload), len(signature)) + bytes(payload) + signature
    return base64.b64encode(raw).decode("ascii")[::-1]


def issuers_from_rows(rows: Iterable[Mapping[str, Any]]) -> list[Issuer]:
    """Issuers from replica or registry rows (``items`` as JSON text or a mapping)."""
    out = []
    for row in rows:
        items = row["items"]
        if isinstance(items, str):
            try:
                items = json.loads(items or "{}")
            except ValueError:
                items = {}
        out.append(Issuer(str(row["scheme"]), str(row["ref"]), str(row["public_key"]),
                          {str(k): str(v) for k, v in (items or {}).items()}))
    return out


# -- a station's replica ---------------------------------------------------------------------------

def apply_item(conn: sqlite3.Connection, kind: str, data: Mapping[str, Any]) -> bool:
    """Apply a registry feed item of kind ``issuer`` or ``issuer_secret`` to a station replica (the feed and
    the snapshot both call this); False when the item is not usable (left out, nothing changed)."""
    if kind == "issuer":
        scheme, ref, public = data.get("scheme"), data.get("ref"), data.get("public_key")
        if not (isinstance(scheme, str) and isinstance(ref, str) and isinstance(public, str)):
            return False
        try:
            public = parse_public_key(public)  # the raw key in base64, however the registry spelled it
        except ValueError:
            return False
        if data.get("removed_at"):
            conn.execute("DELETE FROM issuers WHERE scheme = ? AND ref = ? AND public_key = ?", (scheme, ref, public))
            return True
        items = data.get("items") if isinstance(data.get("items"), dict) else {}
        conn.execute("INSERT INTO issuers(scheme, ref, public_key, items) VALUES (?, ?, ?, ?) ON CONFLICT"
                     " (scheme, ref, public_key) DO UPDATE SET items = excluded.items",
                     (scheme, ref, public, json.dumps(items, ensure_ascii=False)))
        return True
    if kind == "issuer_secret":
        secret, state = data.get("secret"), data.get("state")
        if not isinstance(secret, str) or state not in SECRET_STATES:
            return False
        if state == "ok":
            conn.execute("DELETE FROM issuer_secrets WHERE secret = ?", (secret,))
            return True
        conn.execute("INSERT INTO issuer_secrets(secret, ref, state, reason, updated) VALUES (?, ?, ?, ?, ?)"
                     " ON CONFLICT(secret) DO UPDATE SET ref = excluded.ref, state = excluded.state,"
                     " reason = excluded.reason, updated = excluded.updated",
                     (secret, str(data.get("ref") or ""), state, str(data.get("reason") or ""),
                      str(data.get("updated") or "")))
        return True
    return False
