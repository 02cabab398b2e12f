"""A supervisor's override: someone admitted against a verdict (blocked, cancelled, already in…).

One ``override`` event (who, why, against which verdict) and the check-in that refers to it, in one
transaction. The supervisor's name and a reason are required; the desk asks for the supervisor PIN
before it calls this (:mod:`venue_app.ops.pin`), the CLI is run by someone with the station's files.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from venue_app import eventlog
from venue_app.errors import ConfigError
from venue_app.ops.problems import InvalidInput, Problem

if TYPE_CHECKING:
    from venue_app.station import Station

__all__ = ["Override", "override"]


@dataclass(frozen=True)
class Override:
    event_id: str  # the override event
    checkin_event_id: str
    attendee_id: str


def override(station: Station, id_or_code: str, *, reason: str, supervisor: str, verdict: str = "") -> Override:
    """Admit ``id_or_code``; raises :class:`InvalidInput` (a name or reason missing) or
    :class:`~venue_app.errors.ConfigError` (no such attendee), nothing written then."""
    reason, supervisor = " ".join(reason.split()), " ".join(supervisor.split())
    problems = []
    if not supervisor:
        problems.append(Problem("supervisor", "supervisor_missing", "an override needs the supervisor's name"))
    if not reason:
        problems.append(Problem("reason", "override_reason_missing", "an override needs a reason"))
    if problems:
        raise InvalidInput(problems, "nobody admitted")
    attendee = station.attendee(id_or_code)
    if attendee is None:
        raise ConfigError(f"no attendee with id or code {id_or_code!r}")
    admitted = station.new_event("override", {"attendee_id": attendee["id"], "reason": reason,
                                              "verdict": verdict}, supervisor)
    checkin = station.new_event("checkin", {"attendee_id": attendee["id"], "override": admitted.id}, supervisor)
    with station.replica.transaction() as conn:
        eventlog.append(conn, admitted, outbox=True)
        eventlog.append(conn, checkin, outbox=True)
    station.committed()
    return Override(admitted.id, checkin.id, attendee["id"])
