"""Wiping a station: its personal data goes, the proof of what it pushed stays (issue 19).

One operation for the two ways it happens: the sync engine calls :func:`wipe` when the registry
says the station was revoked (after its last push, which the registry still accepts for events made
before the revocation), and ``venue-app station wipe`` calls it by hand.

What goes: every attendee row (names, codes, e-mails, phones, notes…) and the search index built
from them, the winning field edits, every other station's events, the derived state keyed by
attendees (check-ins, presence, badges, grants, visits), print jobs, raw scans, feed items kept aside,
and the badge PDFs in the data folder. What stays: this station's own events (id, hlc, type, the
ids in their payload: attendee id, badge serial, room), which prove what it did and pushed; free
texts (reasons, operator names) and attendee fields in them are removed. The event's program
(rooms, sessions, categories), stations and keys stay: they are not about people. The file is then
rewritten (``VACUUM``) and its write-ahead log emptied, so no deleted value stays in free pages.

Events the registry never acknowledged are not wiped unless forced: they are the only copy.
"""

from __future__ import annotations

import contextlib
import json
import logging
import sqlite3
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from venue_app.errors import VenueError
from venue_app.eventlog import now_iso

if TYPE_CHECKING:
    from venue_app.station import Station

__all__ = ["PROOF_KEYS", "WipeRefused", "WipeReport", "unpushed", "wipe"]

log = logging.getLogger(__name__)

#: payload keys of this station's own events that stay after a wipe: identifiers and figures, no free text
PROOF_KEYS = frozenset({
    "attendee_id", "serial", "room_id", "session_id", "from_room", "checkin_event_id", "job_id", "category",
    "key_id", "supersedes", "override", "delta", "direction", "outcome", "verdict", "manual", "walk_in",
    "anonymous", "not_inside",
})
# rows about people (or naming them) that a wipe deletes whole; the order keeps no dangling reference
_TABLES = ("attendee_fts", "attendee_fts_pending", "attendee_edits", "checkins", "pending_checkins", "presence",
           "badges", "access_grants", "room_visits", "voided_checkins", "print_jobs", "scans", "feed_unknown",
           "attendees")


class WipeRefused(VenueError):
    """Events of this station have not reached the registry: wiping would lose them (use ``force``)."""

    def __init__(self, waiting: int) -> None:
        super().__init__(f"{waiting} event{'s' if waiting != 1 else ''} of this station have not reached the "
                         "registry yet: sync first (venue-app station sync --once), or wipe with --force "
                         "to lose their details")
        self.waiting = waiting


@dataclass(frozen=True)
class WipeReport:
    at: str
    reason: str
    attendees: int  # people whose data was deleted
    own_events: int  # this station's events kept as proof (without personal data)
    other_events: int  # other stations' events deleted
    unpushed: int  # own events the registry never acknowledged (kept without details: forced wipe)
    rows: dict[str, int] = field(default_factory=dict)  # rows deleted per table
    files: int = 0  # badge PDFs deleted

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    def words(self) -> str:
        text = (f"Personal data wiped ({self.reason or 'by hand'}): {self.attendees:,} people deleted with their "
                f"names, codes and contact details, {self.other_events:,} events of other stations deleted, "
                f"{self.files:,} badge PDF{'s' if self.files != 1 else ''} deleted. Kept as proof: this "
                f"station's {self.own_events:,} events (ids and times only).")
        if self.unpushed:
            text += (f" {self.unpushed:,} of them had not reached the registry and lost their details"
                     " (forced wipe).")
        return text


def unpushed(station: Station) -> int:
    """This station's events still waiting for the registry's acknowledgement."""
    row = station.replica.one("SELECT count(*) FROM log WHERE outbox = 1")
    return int(row[0]) if row else 0


def _proof(event_type: str, payload: Mapping[str, Any]) -> dict[str, Any]:
    if event_type == "attendee_created":
        person = payload.get("attendee")
        return {"attendee": {"id": person.get("id")}} if isinstance(person, Mapping) else {}
    if event_type == "attendee_updated":
        fields = payload.get("fields")
        kept: dict[str, Any] = {k: v for k, v in payload.items() if k in PROOF_KEYS}
        if isinstance(fields, Mapping):
            kept["fields"] = dict.fromkeys(fields)  # which fields changed, not to what
        return kept
    return {k: v for k, v in payload.items() if k in PROOF_KEYS}


def wipe(station: Station, *, force: bool = False, reason: str = "") -> WipeReport:
    """Delete the personal data of ``station``'s replica (see the module); :class:`WipeRefused` when
    events are still waiting for the registry and ``force`` is off. Safe to run twice."""
    waiting = unpushed(station)
    if waiting and not force:
        raise WipeRefused(waiting)
    own = station.station_id
    rows: dict[str, int] = {}
    with station.replica.transaction(index=False) as conn:
        conn.execute("PRAGMA secure_delete = ON")  # deleted values are zeroed, not left in free pages
        attendees = int(conn.execute("SELECT count(*) FROM attendees").fetchone()[0])
        other = conn.execute("DELETE FROM log WHERE station_id != ?", (own,)).rowcount
        kept = []
        for event_id, event_type, payload in conn.execute("SELECT id, type, payload FROM log"):
            try:
                doc = json.loads(payload)
            except ValueError:
                doc = {}
            kept.append((json.dumps(_proof(event_type, doc if isinstance(doc, Mapping) else {}),
                                    ensure_ascii=False), event_id))
        conn.executemany("UPDATE log SET payload = ?, operator = '' WHERE id = ?", kept)
        # never pushed and now without details: no longer sent (it would be refused), kept and marked
        conn.execute("UPDATE log SET outbox = 2, flags = json_insert(flags, '$[#]', 'wiped_before_push')"
                     " WHERE outbox = 1")
        for table in _TABLES:
            with contextlib.suppress(sqlite3.OperationalError):  # a table an older replica lacks
                count = conn.execute(f"DELETE FROM {table}").rowcount
                if count > 0 and table not in ("attendee_fts", "attendee_fts_pending"):
                    rows[table] = count
        conn.execute("UPDATE stations SET outbox = NULL")
        report = WipeReport(at=now_iso(), reason=reason, attendees=attendees, own_events=len(kept),
                            other_events=other, unpushed=waiting, rows=rows, files=_delete_badges(station))
        station.replica.set_meta(conn, "wiped", report.as_dict())
    _compact(station)
    log.warning("%s", report.words())
    return report


def _delete_badges(station: Station) -> int:
    folder = station.paths.badges_dir
    count = 0
    if folder.is_dir():
        for pdf in folder.rglob("*.pdf"):
            with contextlib.suppress(OSError):
                pdf.unlink()
                count += 1
    return count


def _compact(station: Station) -> None:
    """Rewrite the file without the deleted pages and empty the write-ahead log (which still holds
    the pages as they were before the wipe)."""
    conn = sqlite3.connect(str(station.replica.path), isolation_level=None, timeout=30)
    try:
        conn.execute("VACUUM")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    except sqlite3.Error as exc:  # the wipe itself committed (zeroed values): compacting is a bonus
        log.warning("could not compact the replica after the wipe: %s", exc)
    finally:
        conn.close()
