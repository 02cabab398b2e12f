"""Check-in by hand: someone found by name, checked in without a code.

The judgement is the check-in engine's (:meth:`venue_app.checkin.CheckinEngine.admit`): a cancelled
or blocked registration is refused, a second check-in is "already checked in" with when and where,
exactly as if their code had been scanned; judged and recorded in one writer transaction.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from venue_app.verdicts import Verdict

if TYPE_CHECKING:
    from venue_app.station import Station

__all__ = ["check_in_by_hand"]


def check_in_by_hand(station: Station, attendee_id: str, *, operator: str | None = None,
                     on_behalf: str = "") -> Verdict:
    """Check ``attendee_id`` in; ``on_behalf``: who collected the badge for them (a delegation's
    secretary). Raises :class:`~venue_app.errors.ConfigError` for an unknown attendee."""
    on_behalf = " ".join(on_behalf.split())
    payload: dict[str, Any] = {"manual": True}
    if on_behalf:
        payload["on_behalf"] = on_behalf
    message = f"Checked in; badge collected by {on_behalf}." if on_behalf else "Checked in by hand."
    return station.engine.admit(attendee_id, operator=station.operator(operator), payload=payload, message=message)
