"""Signed badge tokens.

``VD1`` followed by unpadded uppercase base32 of::

    version(1) | event tag(4) | serial(8) | issuer key id(4) | len(1) | category(len) | Ed25519 signature(64)

Base32 keeps the whole text in the QR alphanumeric set and survives keyboard-wedge scanners and
caps lock. Readings mangled by a keyboard layout (QWERTZ swaps Y/Z; AZERTY moves A/Q, Z/W and the
digits) are repaired only when the repaired reading verifies: the signature decides.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
import struct
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from venue_app.errors import TokenError
from venue_app.keys import PublicKey, SigningKey

__all__ = [
    "PREFIX",
    "BadgeClaims",
    "TokenCheck",
    "encode_token",
    "event_tag",
    "layout_readings",
    "looks_like_token",
    "new_serial",
    "verify_token",
]

PREFIX = "VD1"
VERSION = 1
_DOMAIN = b"venue-desk/badge\x00"
_HEADER = struct.Struct(">B4s8s4sB")
_SIG_LEN = 64
_TOKEN_MIN_PROBE = 24

_QWERTZ = str.maketrans("YZ", "ZY")
# AZERTY typed where the scanner assumed US: letters A/Q and Z/W trade places and the unshifted
# digit row yields symbols (é and è arrive upper-cased by our normalisation).
# the US M key is AZERTY's ",", "?" with Shift (a scanner types capitals with Shift)
_AZERTY = str.maketrans({"A": "Q", "Q": "A", "Z": "W", "W": "Z", "&": "1", "É": "2", '"': "3", "'": "4",
                         "(": "5", "-": "6", "È": "7", "_": "8", "Ç": "9", "À": "0", "?": "M", ",": "M"})


@dataclass(frozen=True)
class BadgeClaims:
    event_tag: str   # 8 hex chars
    serial: str      # 13 base32 chars
    category: str
    key_id: str      # 8 hex chars


@dataclass(frozen=True)
class TokenCheck:
    status: str                      # ok | invalid | wrong_event | untrusted_issuer
    claims: BadgeClaims | None = None
    reading: str | None = None       # the text that verified (after a layout repair, if any)
    repaired: str | None = None      # which repair was needed: "qwertz", "azerty" or None
    reason: str = ""


def new_serial() -> str:
    """A badge serial: 4 bytes of Unix seconds (sortable) and 4 random bytes, base32."""
    raw = struct.pack(">I", int(time.time()) & 0xFFFFFFFF) + os.urandom(4)
    return base64.b32encode(raw).decode("ascii").rstrip("=")


def _serial_bytes(serial: str) -> bytes:
    try:
        raw = base64.b32decode(serial + "=" * (-len(serial) % 8))
    except binascii.Error as exc:
        raise TokenError(f"bad badge serial {serial!r}") from exc
    if len(raw) != 8:
        raise TokenError(f"bad badge serial {serial!r}")
    return raw


def encode_token(claims: BadgeClaims, key: SigningKey) -> str:
    category = claims.category.upper().encode("ascii", errors="strict") if claims.category.isascii() else None
    if category is None or len(category) > 32:
        raise TokenError(f"category code {claims.category!r} must be ASCII, at most 32 characters")
    if claims.key_id != key.key_id:
        raise TokenError("the claims name another issuer key")
    body = _HEADER.pack(VERSION, bytes.fromhex(claims.event_tag), _serial_bytes(claims.serial),
                        bytes.fromhex(claims.key_id), len(category)) + category
    signature = key.sign(_DOMAIN + body)
    return PREFIX + base64.b32encode(body + signature).decode("ascii").rstrip("=")


def layout_readings(text: str) -> Iterator[tuple[str, str | None]]:
    """The text as read, then its keyboard-layout repairs (each once)."""
    upper = text.upper()
    seen = {upper}
    yield upper, None
    for name, table in (("qwertz", _QWERTZ), ("azerty", _AZERTY)):
        candidate = upper.translate(table)
        if candidate not in seen:
            seen.add(candidate)
            yield candidate, name


def looks_like_token(text: str) -> bool:
    """Whether a normalised scan is meant as a signed token (rather than a registration code)."""
    # registration codes are short; anything this long behind the prefix is a (damaged) token
    if len(text) < _TOKEN_MIN_PROBE:
        return False
    return any(reading.startswith(PREFIX) for reading, _ in layout_readings(text[:3]))


def event_tag(event_id: str) -> str:
    """The 8 hex characters a badge token carries to name its event (from the event's id)."""
    return hashlib.sha256(event_id.encode("utf-8")).digest()[:4].hex()


def verify_token(text: str, event_tag: str, keyring: Mapping[str, Sequence[PublicKey]]) -> TokenCheck:
    """Check a scanned token against this event and the trusted keys (by key id)."""
    first: TokenCheck | None = None
    for reading, repair in layout_readings(text):
        check = _verify_reading(reading, event_tag, keyring)
        if check.status == "ok":
            return TokenCheck("ok", check.claims, reading, repair)
        if first is None:
            first = check
    assert first is not None
    return first


def _verify_reading(reading: str, event_tag: str, keyring: Mapping[str, Sequence[PublicKey]]) -> TokenCheck:
    if not reading.startswith(PREFIX):
        return TokenCheck("invalid", reason="not a badge token")
    body_text = reading[len(PREFIX):]
    try:
        blob = base64.b32decode(body_text + "=" * (-len(body_text) % 8))
    except (binascii.Error, ValueError):
        return TokenCheck("invalid", reason="damaged token")
    # base32 may carry unused trailing bits: accept only the canonical text so that every
    # character of a badge matters
    if base64.b32encode(blob).decode("ascii").rstrip("=") != body_text:
        return TokenCheck("invalid", reason="damaged token")
    if len(blob) < _HEADER.size + _SIG_LEN:
        return TokenCheck("invalid", reason="truncated token")
    version, tag, serial, key_id, cat_len = _HEADER.unpack_from(blob)
    body_len = _HEADER.size + cat_len
    if version != VERSION or len(blob) != body_len + _SIG_LEN:
        return TokenCheck("invalid", reason="damaged token")
    try:
        category = blob[_HEADER.size:body_len].decode("ascii")
    except UnicodeDecodeError:
        return TokenCheck("invalid", reason="damaged token")
    claims = BadgeClaims(tag.hex(), base64.b32encode(serial).decode("ascii").rstrip("="), category,
                         key_id.hex())
    if claims.event_tag != event_tag:
        return TokenCheck("wrong_event", claims, reason="badge of another event")
    keys = keyring.get(claims.key_id)
    if not keys:
        return TokenCheck("untrusted_issuer", claims, reason="signed by an unknown station")
    message = _DOMAIN + blob[:body_len]
    signature = blob[body_len:]
    if any(key.verify(signature, message) for key in keys):
        return TokenCheck("ok", claims)
    return TokenCheck("invalid", claims, reason="signature does not match")
