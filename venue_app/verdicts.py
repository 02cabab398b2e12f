"""The verdict vocabulary: what a scan means, in colour, sound and plain words for staff."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = ["STATUSES", "Verdict", "verdict"]

# status -> (colour, sound, message for staff)
STATUSES: dict[str, tuple[str, str, str]] = {
    "ok": ("green", "ok", "Welcome — checked in."),
    "already_checked_in": ("amber", "attention", "Already checked in."),
    "unknown": ("red", "error", "Code not found. Search the person by name or send them to the help desk."),
    "invalid": ("red", "error", "This code cannot be read or is not genuine. Scan again or search by name."),
    "revoked": ("red", "error", "This badge was replaced or reported lost. Ask for the newest badge."),
    "cancelled": ("red", "error", "This registration was cancelled. Send the person to the help desk."),
    "blocked": ("red", "error", "Entry refused for this person. Call a supervisor."),
    "wrong_event": ("red", "error", "This badge belongs to another event."),
    "not_allowed": ("red", "error", "Not allowed in this room."),
    "room_full": ("red", "error", "The room is full."),
    "not_inside": ("amber", "attention", "Exit recorded, but this person was not recorded inside."),
    "untrusted_issuer": ("red", "error", "This badge was made by a station we do not know. Call a supervisor."),
}


@dataclass(frozen=True)
class Verdict:
    status: str
    message: str
    attendee: dict[str, Any] | None = None
    event_id: str | None = None
    details: dict[str, Any] = field(default_factory=dict)

    @property
    def color(self) -> str:
        return STATUSES[self.status][0]

    @property
    def sound(self) -> str:
        return STATUSES[self.status][1]

    @property
    def ok(self) -> bool:
        return self.status == "ok"

    def as_dict(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "color": self.color,
            "message": self.message,
            "attendee": self.attendee,
            "event_id": self.event_id,
            **({"details": self.details} if self.details else {}),
        }


def verdict(status: str, message: str | None = None, **kwargs: Any) -> Verdict:
    if status not in STATUSES:
        raise ValueError(f"unknown verdict {status!r}")
    return Verdict(status, message or STATUSES[status][2], **kwargs)
