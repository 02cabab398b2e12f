"""What scanners report: scans, rejected frames and status changes.

All three are small frozen dataclasses, created on a reader thread and handed to plain callbacks
(``on_scan``, ``on_reject``, ``on_status``). Callbacks run on the reader thread, so they must be
quick and thread-safe; putting the event on a :class:`queue.Queue` is the usual choice, and the GUI
adapter turns them into Qt signals.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "RejectCallback",
    "RejectedFrame",
    "ScanCallback",
    "ScanEvent",
    "ScannerState",
    "ScannerStats",
    "StatusCallback",
    "StatusEvent",
]


@dataclass(frozen=True, slots=True)
class ScanEvent:
    """One code read by one scanner.

    ``raw`` is the frame as received without its terminator; ``text`` is it decoded (UTF-8, else
    Windows-1252) and stripped; the check-in engine normalises it further. ``monotonic`` is
    :func:`time.monotonic` when the frame was complete (terminator byte read, or idle gap over).
    """

    source: str
    raw: bytes
    text: str
    monotonic: float

    def as_dict(self) -> dict[str, Any]:
        return {"source": self.source, "text": self.text, "raw": self.raw.hex(), "monotonic": self.monotonic}


@dataclass(frozen=True, slots=True)
class RejectedFrame:
    """A frame that is not a code: too long, mostly binary, or cut off. ``raw`` is truncated to 64 bytes."""

    source: str
    reason: str  # one of REASONS in devices.framing; stable for programs
    message: str  # plain words for staff
    raw: bytes
    length: int
    monotonic: float

    def as_dict(self) -> dict[str, Any]:
        return {"source": self.source, "reason": self.reason, "message": self.message,
                "length": self.length, "raw": self.raw.hex(), "monotonic": self.monotonic}


class ScannerState(enum.StrEnum):
    """Lifecycle of a scanner reader, as shown to staff."""

    STARTING = "starting"
    SEARCHING = "searching"  # auto: no scanner found yet; rescanning for hot-plugged ones
    CONNECTED = "connected"
    DISCONNECTED = "disconnected"  # was connected or never reached; retrying with back-off
    ERROR = "error"  # cannot open for a reason staff can fix (permission, busy); retrying
    STOPPED = "stopped"


@dataclass(frozen=True, slots=True)
class StatusEvent:
    """A change of a scanner's state, with a reason in plain words for ``disconnected``/``error``."""

    source: str
    state: ScannerState
    reason: str = ""
    port: str | None = None
    monotonic: float = 0.0
    details: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {"source": self.source, "state": str(self.state), "reason": self.reason, "port": self.port,
                "monotonic": self.monotonic, **({"details": self.details} if self.details else {})}


@dataclass
class ScannerStats:
    """Counters of one reader (read without locking; approximate while it runs)."""

    bytes_read: int = 0
    scans: int = 0
    duplicates: int = 0
    rejected: int = 0
    connects: int = 0
    disconnects: int = 0
    callback_errors: int = 0

    def as_dict(self) -> dict[str, int]:
        return dict(self.__dict__)


ScanCallback = Callable[[ScanEvent], None]
RejectCallback = Callable[[RejectedFrame], None]
StatusCallback = Callable[[StatusEvent], None]
