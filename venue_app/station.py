"""A station: its replica, identity, clock and keys, and the services that record facts.

This is the API the CLI, the GUI, the devices and the printing packages use (see
``docs/dev/core-api.md``). Every method that records a fact returns only after the fact and
everything derived from it committed durably.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from venue_app import eventlog, occupancy, search, transport
from venue_app.checkin import CheckinEngine, public_attendee
from venue_app.codes import normalise_code
from venue_app.errors import ConfigError, NotInitialised, ReplicaError, TokenError
from venue_app.eventlog import ATTENDEE_FIELDS, Event, now_iso
from venue_app.hlc import Clock, parse_hlc
from venue_app.ids import new_id, uuid7
from venue_app.keys import PublicKey, SigningKey
from venue_app.paths import Paths
from venue_app.replica import Replica
from venue_app.settings import CATEGORY_COLOR, Settings
from venue_app.tokens import BadgeClaims, encode_token, event_tag, new_serial
from venue_app.verdicts import Verdict

__all__ = ["BadgeDraft", "Station"]

log = logging.getLogger(__name__)



@dataclass(frozen=True)
class BadgeDraft:
    """A signed badge not yet recorded as issued (it becomes so once its print job is accepted)."""

    serial: str
    token: str
    attendee_id: str
    category: str
    key_id: str


class Station:
    """One station data directory, opened."""

    def __init__(self, paths: Paths, replica: Replica) -> None:
        self.paths = paths
        self.replica = replica
        self.settings = Settings(paths)
        station_id = replica.get_meta("station_id")
        if not station_id:
            raise NotInitialised(f"no station in {paths.root}; run `venue-app station init` first")
        self.station_id: str = station_id
        self.clock = Clock(station_id)
        last = replica.one("SELECT max(hlc) FROM log")
        if last and last[0]:
            # never issue an hlc below one already used, even if the wall clock went backwards
            self.clock.observe(parse_hlc(last[0]))
        self._signing_key: SigningKey | None = None
        self._event: dict[str, Any] | None = None
        #: called (from the writing thread) after a local fact was committed: the sync pusher wakes
        self.outbox_listeners: list[Callable[[], None]] = []
        self._keyring: dict[str, list[PublicKey]] | None = None
        self._keyring_lock = threading.Lock()
        self.engine = CheckinEngine(self)

    # -- lifecycle -----------------------------------------------------------------------------
    @classmethod
    def open(cls, paths: Paths) -> Station:
        if not paths.replica.exists():
            raise NotInitialised(f"no station in {paths.root}; run `venue-app station init` first")
        return cls(paths, Replica(paths.replica))

    @classmethod
    def init_standalone(cls, paths: Paths, *, event_name: str, station_name: str = "Desk 1",
                        timezone: str = "UTC", role: str = "desk") -> Station:
        """A station that is its own authority: it creates the event and trusts its own key."""
        if not event_name.strip():
            raise ConfigError("the event needs a name")
        paths.ensure()
        replica = Replica(paths.replica)
        try:
            if replica.get_meta("station_id"):
                raise ReplicaError(f"{paths.root} already holds a station")
            key = SigningKey.generate()
            key.save(paths.station_key)
            station_id = new_id()
            event_id = new_id()
            with replica.transaction() as conn:
                conn.execute("INSERT INTO event(id, name, tag, timezone) VALUES (?, ?, ?, ?)",
                             (event_id, event_name.strip(), event_tag(event_id), timezone))
                conn.execute("INSERT INTO stations(id, name, role, public_key, key_id) VALUES (?, ?, ?, ?, ?)",
                             (station_id, station_name, role, key.public.text, key.key_id))
                conn.execute("INSERT INTO keys(key_id, public_key, owner, kind) VALUES (?, ?, ?, 'station')",
                             (key.key_id, key.public.text, station_id))
                for k, v in {"station_id": station_id, "station_name": station_name, "role": role,
                             "event_id": event_id, "mode": "standalone"}.items():
                    replica.set_meta(conn, k, v)
        finally:
            replica.close()
        return cls.open(paths)

    def close(self) -> None:
        self.replica.close()

    def __enter__(self) -> Station:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- identity ------------------------------------------------------------------------------
    @property
    def event(self) -> dict[str, Any]:
        """The event configuration (cached; call :meth:`config_changed` after it changed)."""
        if self._event is None:
            row = self.replica.one("SELECT * FROM event LIMIT 1")
            if row is None:
                raise ReplicaError("the replica holds no event yet")
            self._event = dict(row)
        return self._event

    def config_changed(self) -> None:
        self._event = None
        self.keys_changed()

    @property
    def name(self) -> str:
        return str(self.replica.get_meta("station_name", ""))

    @property
    def role(self) -> str:
        return str(self.replica.get_meta("role", "desk"))

    @property
    def signing_key(self) -> SigningKey:
        if self._signing_key is None:
            if not self.paths.station_key.exists():
                raise TokenError("this station has no signing key")
            self._signing_key = SigningKey.load(self.paths.station_key)
        return self._signing_key

    def keyring(self) -> dict[str, list[PublicKey]]:
        """Trusted public keys by key id (cached; call :meth:`keys_changed` after new keys)."""
        with self._keyring_lock:
            if self._keyring is None:
                ring: dict[str, list[PublicKey]] = {}
                for row in self.replica.query("SELECT key_id, public_key FROM keys"):
                    ring.setdefault(row["key_id"], []).append(PublicKey.from_text(row["public_key"]))
                self._keyring = ring
            return self._keyring

    def keys_changed(self) -> None:
        with self._keyring_lock:
            self._keyring = None

    def registry_token(self) -> str:
        path = self.paths.keys_dir / "registry.token"
        try:
            return path.read_text("utf-8").strip()
        except OSError as exc:
            raise NotInitialised("this station has no registry credentials; enrol it first") from exc

    def conflicts(self) -> list[dict[str, Any]]:
        """Facts recorded at several stations that could not see each other, for the operations lead."""
        out: list[dict[str, Any]] = []
        names = {r["id"]: r["name"] for r in self.replica.query("SELECT id, name FROM stations")}
        for row in self.replica.query("SELECT * FROM checkins WHERE count > 1 AND json_array_length(stations) > 1"):
            stations = json.loads(row["stations"])
            out.append({"kind": "double_checkin", "attendee_id": row["attendee_id"], "first_at": row["at"],
                        "stations": [{"id": s, "name": names.get(s, s[:8])} for s in stations]})
        for row in self.replica.query(
                "SELECT attendee_id, json_group_array(serial) AS serials FROM badges WHERE revoked_hlc IS NULL"
                " AND attendee_id != '' GROUP BY attendee_id HAVING count(*) > 1"):
            out.append({"kind": "parallel_reprints", "attendee_id": row["attendee_id"],
                        "serials": json.loads(row["serials"])})
        return out

    def operator(self, operator: str | None = None) -> str:
        return operator if operator is not None else str(self.settings["operator"])

    # -- events --------------------------------------------------------------------------------
    def new_event(self, type_: str, payload: Mapping[str, Any], operator: str = "") -> Event:
        """A local event, not yet recorded: :func:`eventlog.append` checks it against its kind's schema
        (:mod:`venue_app.events`) and refuses a malformed one with :class:`~venue_app.events.InvalidEvent`."""
        ts = self.clock.now()
        return Event(str(uuid7(ts.ms)), str(ts), self.station_id, type_, dict(payload), operator, now_iso())

    def _record(self, type_: str, payload: Mapping[str, Any], operator: str | None = None) -> str:
        """Append one local event of any kind and apply it in one durable transaction; returns its id.

        Not an API: facts are recorded by the commands of :mod:`venue_app.ops` (each with its own
        validation) and the methods here; tests use this to set up states no command makes."""
        event = self.new_event(type_, payload, self.operator(operator))
        with self.replica.transaction() as conn:
            eventlog.append(conn, event, outbox=True)
        self.committed()
        return event.id

    def sync_summary(self) -> dict[str, Any]:
        """The last sync status the engine saved, with the outbox as it is now."""
        saved = self.replica.get_meta("sync_status") or {}
        outbox = self.replica.one("SELECT count(*) FROM log WHERE outbox = 1")
        mode = self.replica.get_meta("mode", "standalone")
        cursor = int(self.replica.get_meta("feed_cursor", 0))
        return {"registry": self.replica.get_meta("registry_url"), "mode": mode,
                "online": bool(saved.get("online")) if mode == "registry" else None,
                "state": saved.get("state", "standalone" if mode == "standalone" else "never synced"),
                "since": saved.get("since"), "last_success": saved.get("last_success"),
                "cursor": cursor, "lag": max(0, int(self.replica.get_meta("feed_head", 0)) - cursor),
                "last_error": saved.get("last_error", ""), "clock_warning": saved.get("clock_warning", ""),
                "outbox": int(outbox[0]) if outbox else 0, "revoked": bool(saved.get("revoked")),
                **self._transport()}

    def _transport(self) -> dict[str, Any]:
        meta = self.replica.get_meta
        text, insecure = transport.describe(meta("registry_url"), meta("registry_pins"))
        return {"transport": text, "insecure_transport": insecure}

    def committed(self) -> None:
        """Tell the listeners that the outbox grew."""
        for listener in list(self.outbox_listeners):
            listener()

    def rebuild(self, *, fix: bool = True) -> eventlog.RebuildReport:
        with self.replica.transaction() as conn:
            return eventlog.rebuild(conn, fix=fix)

    # -- attendees -----------------------------------------------------------------------------
    def add_attendees(self, rows: Iterable[Mapping[str, Any]]) -> int:
        """Insert or update master attendee records (match on id, then on code); one transaction."""
        master_hlc = str(self.clock.now())
        count = 0
        # one batch for the search index rather than one FTS write per row
        with self.replica.transaction() as conn, search.bulk(conn):
            known_categories = {r[0] for r in conn.execute("SELECT code FROM categories")}
            touched: list[str] = []
            for row in rows:
                record = {k: ("" if row.get(k) is None else str(row.get(k))) for k in ATTENDEE_FIELDS if k in row}
                record.setdefault("status", "active")
                code_norm = normalise_code(record["code"]) if record.get("code") else None
                attendee_id = row.get("id")
                if not attendee_id and code_norm:
                    hit = conn.execute("SELECT id FROM attendees WHERE code_norm = ?", (code_norm,)).fetchone()
                    attendee_id = hit[0] if hit else None
                attendee_id = str(attendee_id or new_id())
                columns = ["id", "code_norm", "master_hlc", *record]
                updates = ", ".join(f"{c} = excluded.{c}" for c in columns[1:])
                conn.execute(
                    f"INSERT INTO attendees({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
                    f" ON CONFLICT(id) DO UPDATE SET {updates}",
                    (attendee_id, code_norm, master_hlc, *record.values()),
                )
                category = record.get("category")
                if category and category not in known_categories:
                    conn.execute("INSERT OR IGNORE INTO categories(code, label, color) VALUES (?, ?, ?)",
                                 (category, category.replace("_", " ").title(), CATEGORY_COLOR))
                    known_categories.add(category)
                touched.append(attendee_id)
                count += 1
            edited = {r[0] for r in conn.execute("SELECT DISTINCT attendee_id FROM attendee_edits")}
            eventlog.overlay_edits(conn, [a for a in touched if a in edited])
        return count

    def attendee(self, id_or_code: str) -> dict[str, Any] | None:
        row = self.replica.one("SELECT * FROM attendees WHERE id = ?", (id_or_code,))
        if row is None:
            row = self.replica.one("SELECT * FROM attendees WHERE code_norm = ?", (normalise_code(id_or_code),))
        return None if row is None else public_attendee(row)

    # -- badges --------------------------------------------------------------------------------
    def new_badge(self, attendee_id: str) -> BadgeDraft:
        attendee = self.attendee(attendee_id)
        if attendee is None:
            raise ConfigError(f"no attendee {attendee_id!r}")
        key = self.signing_key
        category = token_category(attendee["category"])
        claims = BadgeClaims(self.event["tag"], new_serial(), category, key.key_id)
        return BadgeDraft(claims.serial, encode_token(claims, key), attendee["id"], category, key.key_id)

    def record_badge(self, draft: BadgeDraft, operator: str | None = None, reason: str = "") -> str:
        """Record ``draft`` as issued; it revokes every badge of the attendee valid until now."""
        event = None
        with self.replica.transaction() as conn:
            current = [r[0] for r in conn.execute(
                "SELECT serial FROM badges WHERE attendee_id = ? AND revoked_hlc IS NULL AND serial != ?",
                (draft.attendee_id, draft.serial))]
            event = self.new_event("badge_issued", {
                "serial": draft.serial, "attendee_id": draft.attendee_id, "category": draft.category,
                "key_id": draft.key_id, "token": draft.token, "supersedes": current,
                "reason": reason or ("reprint" if current else ""),
            }, self.operator(operator))
            eventlog.append(conn, event, outbox=True)
        self.committed()
        return event.id

    def issue_badge(self, id_or_code: str, operator: str | None = None, reason: str = "") -> BadgeDraft:
        attendee = self.attendee(id_or_code)
        if attendee is None:
            raise ConfigError(f"no attendee {id_or_code!r}")
        draft = self.new_badge(attendee["id"])
        self.record_badge(draft, operator, reason)
        return draft

    def badges(self, attendee_id: str) -> list[dict[str, Any]]:
        return [dict(r) for r in self.replica.query(
            "SELECT serial, category, key_id, issued_hlc, revoked_hlc, revoked_reason FROM badges"
            " WHERE attendee_id = ? ORDER BY issued_hlc", (attendee_id,))]

    # -- check-in ------------------------------------------------------------------------------
    def scan(self, raw: str | bytes, *, source: str = "cli", operator: str | None = None,
             room: str | None = None, direction: str = "in") -> Verdict:
        return self.engine.scan(raw, source=source, operator=self.operator(operator), room=room,
                                direction=direction)

    # -- rooms ---------------------------------------------------------------------------------
    @staticmethod
    def now() -> datetime:
        """The wall clock used for rules and views (tests replace it)."""
        return datetime.now(UTC)

    def load_program(self, program: Mapping[str, Any]) -> dict[str, int]:
        """Categories, rooms, sessions and grants (see ``docs/program.md``); one transaction."""
        with self.replica.transaction() as conn:
            counts = occupancy.load_program(conn, program)
            event = program.get("event") or {}
            for column in ("name", "timezone", "starts", "ends"):
                if event.get(column):
                    conn.execute(f"UPDATE event SET {column} = ?", (event[column],))
            if event.get("languages"):
                conn.execute("UPDATE event SET languages = ?", (json.dumps(event["languages"]),))
        self.config_changed()
        return counts

    def occupancy(self) -> list[dict[str, Any]]:
        conn = self.replica.reader()
        return occupancy.view(conn, self.now(), str(self.event.get("timezone") or "UTC"))

    # -- status --------------------------------------------------------------------------------
    def status(self) -> dict[str, Any]:
        def count(sql: str) -> int:
            row = self.replica.one(sql)
            return int(row[0]) if row else 0

        event = self.event
        return {
            "station_id": self.station_id,
            "station_name": self.name,
            "role": self.role,
            "mode": self.replica.get_meta("mode", "standalone"),
            "event": {"id": event["id"], "name": event["name"]},
            "attendees": count("SELECT count(*) FROM attendees"),
            "checked_in": count("SELECT count(*) FROM checkins"),
            "outbox": count("SELECT count(*) FROM log WHERE outbox = 1"),
            "events": count("SELECT count(*) FROM log"),
            "rooms": [{k: r[k] for k in ("id", "name", "capacity", "count", "state")} for r in self.occupancy()],
            "sync": self.sync_summary(),
            "conflicts": self.conflicts(),
            "badges_valid": count("SELECT count(*) FROM badges WHERE revoked_hlc IS NULL AND attendee_id != ''"),
        }


def token_category(category: str) -> str:
    """The category as carried in a token: upper-case ASCII, at most 32 characters."""
    text = "".join(ch for ch in category.upper() if ch.isascii() and (ch.isalnum() or ch in "-_"))
    return text[:32]


def dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, default=str)
