"""Real people of a demo replica for the screenshots and the benchmarks to scan, search and show:
codes picked from the attendees by what a shot needs (a name in Han or Arabic script, a refused
registration, the largest delegation, someone not checked in yet)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from venue_app.station import Station

__all__ = ["arrival_codes", "code_of", "largest_delegation", "latin_person", "refused_code"]

#: what each kind of pick asks of an active person with a code (SQL owned here, not by the caller)
_KINDS = {
    "han": "native_name GLOB '*[一-龥]*' AND honorific != ''",
    "arabic": "native_name GLOB '*[ء-ي]*'",
    "latin_not_arrived": "native_name = '' AND id NOT IN (SELECT attendee_id FROM checkins)",
}


def code_of(station: Station, kind: str) -> str:
    """The first registration code (in code order) of an active person of ``kind``: ``"han"`` (a name
    in Chinese characters and an honorific), ``"arabic"``, ``"latin_not_arrived"``. Raises LookupError
    when the replica holds nobody of that kind."""
    row = station.replica.one(f"SELECT code FROM attendees WHERE status = 'active' AND {_KINDS[kind]}"
                              " AND code != '' ORDER BY code LIMIT 1")
    if row is None:
        raise LookupError(f"nobody of kind {kind!r} in this replica")
    return str(row[0])


def refused_code(station: Station) -> str | None:
    """The code of someone cancelled or blocked, if any."""
    row = station.replica.one("SELECT code FROM attendees WHERE status != 'active' LIMIT 1")
    return None if row is None else str(row[0])


def largest_delegation(station: Station) -> str | None:
    row = station.replica.one("SELECT delegation FROM attendees WHERE delegation != ''"
                              " GROUP BY delegation ORDER BY count(*) DESC LIMIT 1")
    return None if row is None else str(row[0])


def latin_person(station: Station) -> tuple[str, str]:
    """(given, family) name of an active person without a native-script name."""
    row = station.replica.one("SELECT given_name, family_name FROM attendees WHERE native_name = ''"
                              " AND status = 'active' LIMIT 1")
    if row is None:
        raise LookupError("nobody with a Latin-only name in this replica")
    return str(row[0]), str(row[1])


def arrival_codes(station: Station, count: int) -> list[str]:
    """Registration codes of ``count`` active people not checked in yet, in random order (every scan
    of a benchmark run is a first arrival, so every verdict is "ok")."""
    return [r[0] for r in station.replica.query(
        "SELECT code FROM attendees WHERE status = 'active' AND code != ''"
        " AND id NOT IN (SELECT attendee_id FROM checkins) ORDER BY random() LIMIT ?", (count,))]
