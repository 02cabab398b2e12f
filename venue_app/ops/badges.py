"""Badges at the desk: issue or reprint (a reprint needs a reason and revokes the valid badges),
revoke at once (a lost badge must stop working before its replacement is printed), and the print
outcome kept in the audit trail.

The first badge needs no reason; every later one does ("lost", "damaged"…). Refused in words,
nothing written: an unknown attendee, a reprint or revocation without a reason.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from venue_app import eventlog
from venue_app.errors import ConfigError
from venue_app.ops.problems import InvalidInput, Problem

if TYPE_CHECKING:
    from venue_app.station import BadgeDraft, Station

__all__ = ["issue_badge", "record_print_outcome", "revoke_badges", "valid_serials"]


def valid_serials(station: Station, attendee_id: str) -> list[str]:
    """The serials of the person's badges that still admit them."""
    return [b["serial"] for b in station.badges(attendee_id) if b["revoked_hlc"] is None]


def _person(station: Station, id_or_code: str) -> dict[str, Any]:
    person = station.attendee(id_or_code)
    if person is None:
        raise ConfigError(f"no attendee with id or code {id_or_code!r}")
    return person


def _reason_needed(what: str) -> InvalidInput:
    return InvalidInput([Problem("reason", "badge_reason_missing", f"{what} needs a reason (lost, damaged…)")],
                        "no badge changed")


def issue_badge(station: Station, id_or_code: str, *, reason: str = "", operator: str | None = None) -> BadgeDraft:
    """Sign and record a badge for ``id_or_code`` (``venue-app badge issue``); when they hold a valid
    badge this is a reprint: ``reason`` is required and the old badges are revoked with the issue."""
    reason = " ".join(reason.split())
    person = _person(station, id_or_code)
    if valid_serials(station, person["id"]) and not reason:
        raise _reason_needed("a reprint")
    return station.issue_badge(person["id"], operator, reason)


def revoke_badges(station: Station, id_or_code: str, *, reason: str, operator: str | None = None) -> list[str]:
    """Revoke every valid badge of the person now, in one transaction; returns their serials (none
    when they held none). The desk does this before it queues the replacement's print job."""
    reason = " ".join(reason.split())
    if not reason:
        raise _reason_needed("revoking a badge")
    person = _person(station, id_or_code)
    who = station.operator(operator)
    with station.replica.transaction() as conn:
        # read under the writer: a badge issued meanwhile at this station is revoked too
        serials = [r[0] for r in conn.execute("SELECT serial FROM badges WHERE attendee_id = ? AND revoked_hlc IS NULL"
                                              " ORDER BY issued_hlc", (person["id"],))]
        for serial in serials:
            eventlog.append(conn, station.new_event("badge_revoked", {"serial": serial, "attendee_id": person["id"],
                                                                      "reason": reason}, who), outbox=True)
    if serials:
        station.committed()
    return serials


def record_print_outcome(station: Station, outcome: Mapping[str, Any], operator: str | None = None) -> str:
    """A ``print_job`` event for the audit trail (nothing derives from it); ``outcome`` holds its
    fields (:mod:`venue_app.events`), refused as a whole when malformed. Returns the event id."""
    event = station.new_event("print_job", outcome, station.operator(operator))
    with station.replica.transaction() as conn:
        eventlog.append(conn, event, outbox=True)
    station.committed()
    return event.id
