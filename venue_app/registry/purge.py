"""Purging personal data from the registry after the event (``venue-app registry purge --personal-data``).

Who is purged: every attendee with no recorded activity since the cut-off ``before``. Activity is
what the registry knows happened to that person, stamped with an hlc: their record imported or
changed (``master_hlc``), a field edit at a desk, a check-in, a badge issued, a room entry or exit,
a first visit of a room. Someone still active after the cut-off (a delegate of a follow-up day) keeps
their data; the others lose it. Run it once the event is over, with a cut-off at (or after) its end.

What is blanked (:data:`PURGED_FIELDS`): the code, names, honorific, organisation, job title, city,
delegation, e-mail, phone, accessibility needs and notes, in the attendee rows, the winning field
edits, the payloads of the event log (``attendee_created``/``attendee_updated``, and the free texts
``reason``/``on_behalf`` of any event naming a purged person) and the feed rows stations read.
What stays, for the statistics of the event: the attendee's id, country, category, language, status
and name order, and every event with its time, station and ids (check-in counts and attendance
remain true). Cached station snapshots are deleted (they would hold the old data).

A running server keeps the newest feed items it already rendered in memory: purge with the server
stopped (or restart it after). Stations keep what they hold until they are wiped
(``venue-app station wipe``) or revoked.
"""

from __future__ import annotations

import json
import logging
import shutil
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from venue_app.hlc import HLC, format_hlc
from venue_app.registry.store import Store, metadata
from venue_app.roles import strip_payload

__all__ = ["FREE_TEXT", "PURGED_FIELDS", "PurgeReport", "purge_personal_data"]

#: attendee fields blanked by a purge (what identifies or describes a person)
PURGED_FIELDS = ("code", "given_name", "family_name", "native_name", "honorific", "organisation", "job_title",
                 "city", "delegation", "email", "phone", "accessibility", "notes")
#: free texts of station events that may name or describe a person
FREE_TEXT = ("reason", "on_behalf")
log = logging.getLogger(__name__)

_PAGE = 5000
_CHUNK = 500


@dataclass(frozen=True)
class PurgeReport:
    before: str
    people: int  # attendees whose personal data was blanked
    kept: int  # attendees left alone (active since the cut-off, or purged before)
    edits: int  # field edit rows removed
    log_rows: int  # event payloads rewritten
    feed_rows: int  # feed items rewritten
    snapshots: int  # cached snapshot files deleted

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    def words(self) -> str:
        return (f"Personal data purged for {self.people:,} people with no activity since {self.before} "
                f"(names, codes, contact details, accessibility needs and notes blanked): {self.edits:,} field "
                f"edits removed, {self.log_rows:,} event log entries and {self.feed_rows:,} feed items "
                f"rewritten, {self.snapshots:,} cached snapshot files deleted. {self.kept:,} people kept "
                "(active since then, or purged before). Restart a running registry server.")


def _table(name: str) -> sa.Table:
    return metadata.tables[name]


def _active(conn: sa.Connection, cutoff: str) -> set[str]:
    """Ids of attendees with an activity stamped at or after ``cutoff`` (an hlc text)."""
    attendees = _table("attendees")
    sources: list[Any] = [sa.select(attendees.c.id).where(attendees.c.master_hlc >= cutoff)]
    for name, column in (("attendee_edits", "hlc"), ("checkins", "hlc"), ("presence", "hlc"),
                         ("badges", "issued_hlc"), ("room_visits", "first_hlc")):
        table = _table(name)
        sources.append(sa.select(table.c.attendee_id).where(table.c[column] >= cutoff))
    return {str(row[0]) for row in conn.execute(sa.union(*sources))}


def _chunks(items: list[str]) -> Iterable[list[str]]:
    for start in range(0, len(items), _CHUNK):
        yield items[start:start + _CHUNK]


def _named(payload: Mapping[str, Any]) -> str | None:
    person = payload.get("attendee")
    if isinstance(person, Mapping):
        return str(person.get("id") or "") or None
    named = payload.get("attendee_id")
    return str(named) if named else None


def _clean_payload(event_type: str, payload: Mapping[str, Any]) -> Mapping[str, Any]:
    small = strip_payload(event_type, payload, PURGED_FIELDS)
    if any(key in small for key in FREE_TEXT):
        small = {k: v for k, v in small.items() if k not in FREE_TEXT}
    return small


def _pages(conn: sa.Connection, table: sa.Table, key: str, columns: tuple[str, ...]) -> Iterable[list[Any]]:
    """All rows of ``table`` in pages by primary key (never the whole table in memory)."""
    last: Any = None
    while True:
        query = sa.select(*(table.c[c] for c in (key, *columns))).order_by(table.c[key]).limit(_PAGE)
        if last is not None:
            query = query.where(table.c[key] > last)
        rows = conn.execute(query).all()
        if not rows:
            return
        yield rows
        last = rows[-1][0]


def purge_personal_data(store: Store, before: datetime, *, snapshots: Path | None = None) -> PurgeReport:
    """Blank the personal data of everyone without activity since ``before`` (aware datetime); see the
    module. One transaction: all or nothing. ``snapshots``: the registry's snapshot cache folder."""
    cutoff = format_hlc(HLC(int(before.timestamp() * 1000), 0, ""))
    attendees, edits_t, log_t, feed_t = (_table(n) for n in ("attendees", "attendee_edits", "log", "feed"))
    blank = {f: "" for f in PURGED_FIELDS if f != "code"}
    with store.write() as tx:
        conn = tx.conn
        active = _active(conn, cutoff)
        still = sa.or_(attendees.c.code.is_not(None), *(attendees.c[f] != "" for f in blank))
        candidates = [str(r[0]) for r in conn.execute(sa.select(attendees.c.id).where(still))]
        purged = [a for a in candidates if a not in active]
        total = int(conn.execute(sa.select(sa.func.count()).select_from(attendees)).scalar_one())
        edits = 0
        for chunk in _chunks(purged):
            conn.execute(attendees.update().where(attendees.c.id.in_(chunk))
                         .values(code=None, code_norm=None, **blank))
            edits += conn.execute(edits_t.delete().where(edits_t.c.attendee_id.in_(chunk),
                                                         edits_t.c.field.in_(PURGED_FIELDS))).rowcount or 0
        gone = set(purged)
        log_rows: dict[str, Mapping[str, Any]] = {}  # event id → its new payload
        for rows in _pages(conn, log_t, "id", ("type", "payload")):
            changes = []
            for event_id, event_type, text in rows:
                try:
                    payload = json.loads(text or "{}")
                except ValueError:
                    continue
                if not isinstance(payload, Mapping) or _named(payload) not in gone:
                    continue
                small = _clean_payload(event_type, payload)
                if small is not payload:
                    log_rows[event_id] = small
                    changes.append({"k": event_id, "p": json.dumps(small, ensure_ascii=False, separators=(",", ":"))})
            if changes:
                conn.execute(log_t.update().where(log_t.c.id == sa.bindparam("k"))
                             .values(payload=sa.bindparam("p")), changes)
        feed_rows = 0
        for rows in _pages(conn, feed_t, "seq", ("kind", "data")):
            changes = []
            for seq, kind, text in rows:
                if kind not in ("attendee", "station_event") or not any(i in text for i in ('"attendee', '"id"')):
                    continue
                try:
                    data = json.loads(text)
                except ValueError:
                    continue
                if not isinstance(data, dict):
                    continue
                if kind == "attendee" and data.get("id") in gone:
                    data.update({f: None if f == "code" else "" for f in PURGED_FIELDS if f in data})
                elif kind == "station_event" and data.get("id") in log_rows:
                    data["payload"] = log_rows[data["id"]]
                else:
                    continue
                changes.append({"k": seq, "d": json.dumps(data, ensure_ascii=False, separators=(",", ":"))})
            if changes:
                conn.execute(feed_t.update().where(feed_t.c.seq == sa.bindparam("k"))
                             .values(data=sa.bindparam("d")), changes)
                feed_rows += len(changes)
    if store.dialect == "sqlite" and purged:
        _compact(store)
    removed = 0
    if snapshots is not None and snapshots.is_dir() and purged:
        removed = sum(1 for p in snapshots.iterdir() if p.is_file())
        shutil.rmtree(snapshots, ignore_errors=True)
    return PurgeReport(before=before.isoformat(timespec="minutes"), people=len(purged), kept=total - len(purged),
                       edits=edits, log_rows=len(log_rows), feed_rows=feed_rows, snapshots=removed)


def _compact(store: Store) -> None:
    """SQLite: rewrite the file, so the blanked values do not stay in its free pages (PostgreSQL reuses
    the space of old row versions at its next vacuum)."""
    try:
        with store.engine.connect() as conn:
            conn.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql("VACUUM")
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    except sa.exc.OperationalError as exc:  # busy (a running server): the purge itself committed
        log.warning("could not compact the registry database after the purge: %s", exc)
