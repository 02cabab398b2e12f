"""Identifiers: UUIDv7 for events (time-ordered, made offline) and UUIDv4 for entities."""

from __future__ import annotations

import os
import time
import uuid

__all__ = ["new_id", "uuid7"]


def uuid7(ms: int | None = None) -> uuid.UUID:
    """An RFC 9562 version 7 UUID: 48-bit Unix milliseconds then 74 random bits."""
    if ms is None:
        ms = time.time_ns() // 1_000_000
    rand = int.from_bytes(os.urandom(10), "big")
    value = (ms & 0xFFFF_FFFF_FFFF) << 80
    value |= 0x7 << 76  # version
    value |= ((rand >> 62) & 0xFFF) << 64
    value |= 0b10 << 62  # variant
    value |= rand & ((1 << 62) - 1)
    return uuid.UUID(int=value)


def new_id() -> str:
    """A fresh random entity id (attendees made at a station, stations, badges)."""
    return str(uuid.uuid4())
