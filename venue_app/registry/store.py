"""The registry's storage: SQLAlchemy Core tables and every operation on them (SQLite or PostgreSQL).

Tables mirror the station replica (``venue_app/migrations/m0001_core.py``) where they hold the
same things (event, categories, rooms, sessions, stations, attendees, attendee_edits, log,
checkins, pending_checkins, presence, room_counts, badges), plus the registry's own: ``feed``,
``counters``, ``enrollments``, ``conflicts`` and ``meta``.

Writes and the feed
-------------------
Every write runs in :meth:`Store.write`: one transaction that first locks the single ``feed``
row of ``counters`` (``SELECT … FOR UPDATE`` on PostgreSQL; ``BEGIN IMMEDIATE`` takes the write
lock on SQLite), does its work, then numbers the feed items it emitted from that counter and
commits. Writers are therefore serialised from their first statement to their commit, in this
process and across processes (a CLI import while the server runs), so commit order equals
sequence order and a reader's snapshot always holds a gap-free prefix of the feed: no reader sees
seq N+1 before N committed. Serialising writers also keeps the derived state (check-ins,
presence, room counts, badges, attendee fields) free of read-modify-write races. A committed
transaction is durable (SQLite WAL with ``synchronous=FULL``; PostgreSQL's default
``synchronous_commit``) before any request is answered.

Derived state follows the same rules as a station (:mod:`venue_app.eventlog`): the earliest
check-in wins, presence is last-writer-wins by hlc per person, anonymous occupancy deltas are
summed, badge revocations keep the earliest, attendee fields are last-writer-wins by hlc. A
check-in of an attendee already checked in at another station is recorded as a conflict.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import re
import secrets
import sqlite3
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]

import psycopg
import sqlalchemy as sa
from pydantic import ValidationError
from sqlalchemy import event as sa_event
from sqlalchemy.dialects import postgresql as pg_dialect
from sqlalchemy.dialects import sqlite as sqlite_dialect
from sqlalchemy.engine import Connection

from venue_app import __version__, rules
from venue_app.codes import normalise_code
from venue_app.errors import TokenError
from venue_app.events import ATTENDEE_FIELDS, Event, now_iso
from venue_app.hlc import HLC, MAX_DRIFT_MS, Clock, parse_hlc
from venue_app.ids import new_id
from venue_app.issuers import SERIAL_PREFIX
from venue_app.keys import PublicKey, SigningKey
from venue_app.registry import migrations, notify
from venue_app.registry.config import normalise_db_url
from venue_app.registry.errors import AuthError, ConflictError, InvalidInput, NotFound, StorageUnavailable
from venue_app.registry.protocol import (
    ROLES,
    EventResult,
    ProgramDoc,
    ProgramResult,
    PushResponse,
    StationEvent,
    hash_secret,
    sign_certificate,
)
from venue_app.roles import may_push
from venue_app.settings import CATEGORY_COLOR

__all__ = ["ENROL_ALPHABET", "Principal", "Store", "Tx", "metadata", "normalise_enrol_code"]

log = logging.getLogger(__name__)

metadata = sa.MetaData()
_T = sa.Text


def _col(name: str, default: str | None = "", *, nullable: bool = False) -> sa.Column[Any]:
    return sa.Column(name, _T, nullable=nullable, server_default=None if default is None else sa.text(f"'{default}'"))


meta_t = sa.Table("meta", metadata, sa.Column("key", sa.String(64), primary_key=True), sa.Column("value", _T))
counters = sa.Table("counters", metadata, sa.Column("name", sa.String(32), primary_key=True),
                    sa.Column("value", sa.BigInteger, nullable=False))
feed_t = sa.Table("feed", metadata, sa.Column("seq", sa.BigInteger, primary_key=True, autoincrement=False),
                  sa.Column("kind", sa.String(32), nullable=False), sa.Column("data", _T, nullable=False),
                  sa.Column("created", _T, nullable=False))
event_t = sa.Table("event", metadata, sa.Column("id", sa.String(64), primary_key=True), _col("name"), _col("tag"),
                   _col("timezone", "UTC"), _col("starts", None, nullable=True), _col("ends", None, nullable=True),
                   _col("languages", "[]"), _col("data", "{}"))
categories_t = sa.Table("categories", metadata, sa.Column("code", sa.String(64), primary_key=True), _col("label"),
                        _col("color", CATEGORY_COLOR), _col("rooms", '["*"]'))
rooms_t = sa.Table("rooms", metadata, sa.Column("id", sa.String(64), primary_key=True), _col("name"),
                   sa.Column("capacity", sa.Integer, nullable=False), _col("policy", "warn"), _col("zone"),
                   _col("data", "{}"))
sessions_t = sa.Table("sessions", metadata, sa.Column("id", sa.String(128), primary_key=True), _col("room_id"),
                      _col("title"), _col("starts"), _col("ends"), _col("categories", "[]"),
                      sa.Column("capacity", sa.Integer, nullable=True), _col("data", "{}"))
stations_t = sa.Table("stations", metadata, sa.Column("id", sa.String(64), primary_key=True), _col("name"),
                      _col("role"), _col("room_id", None, nullable=True), _col("public_key"), _col("key_id"),
                      _col("certificate"), sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
                      _col("enrolled_at"), _col("revoked_at", None, nullable=True), _col("revoked_reason"),
                      _col("last_seen", None, nullable=True))
enrollments_t = sa.Table("enrollments", metadata, sa.Column("code_hash", sa.String(64), primary_key=True),
                         _col("name"), _col("role"), _col("room_id", None, nullable=True), _col("created"),
                         sa.Column("expires_at", sa.Float, nullable=False), _col("used_at", None, nullable=True),
                         _col("station_id", None, nullable=True))
attendees_t = sa.Table(
    "attendees", metadata, sa.Column("id", sa.String(64), primary_key=True), _col("code", None, nullable=True),
    sa.Column("code_norm", sa.String(255), nullable=True, unique=True),
    *(_col(f, "given-first" if f == "name_order" else "active" if f == "status" else "")
      for f in ATTENDEE_FIELDS if f != "code"),
    _col("master_hlc"),
)
attendee_edits_t = sa.Table("attendee_edits", metadata, sa.Column("attendee_id", sa.String(64), primary_key=True),
                            sa.Column("field", sa.String(32), primary_key=True), _col("value", None, nullable=True),
                            _col("hlc"), _col("event_id"))
log_t = sa.Table("log", metadata, sa.Column("id", sa.String(64), primary_key=True), sa.Column("hlc", sa.String(128)),
                 sa.Column("station_id", sa.String(64), nullable=False), _col("operator"),
                 sa.Column("type", sa.String(32), nullable=False), _col("payload"), _col("wall"), _col("received"),
                 _col("flags", "[]"))
sa.Index("log_hlc", log_t.c.hlc)
sa.Index("log_station", log_t.c.station_id)
checkins_t = sa.Table("checkins", metadata, sa.Column("attendee_id", sa.String(128), primary_key=True),
                      _col("event_id"), _col("hlc"), _col("at"), _col("station_id"), _col("operator"),
                      sa.Column("count", sa.Integer, nullable=False), _col("stations", "[]"))
# check-ins undone at a desk: they stay in the log and stop counting
voided_t = sa.Table("voided_checkins", metadata, sa.Column("event_id", sa.String(64), primary_key=True),
                    _col("void_hlc"), _col("reason"))
pending_t = sa.Table("pending_checkins", metadata, sa.Column("event_id", sa.String(64), primary_key=True),
                     sa.Column("badge_serial", sa.String(64), nullable=False, index=True))
presence_t = sa.Table("presence", metadata, sa.Column("attendee_id", sa.String(128), primary_key=True),
                      _col("room_id", None, nullable=True), _col("hlc"), _col("event_id"))
room_counts_t = sa.Table("room_counts", metadata, sa.Column("room_id", sa.String(128), primary_key=True),
                         sa.Column("present", sa.Integer, nullable=False, server_default=sa.text("0")),
                         sa.Column("adjust", sa.Integer, nullable=False, server_default=sa.text("0")),
                         _col("last_event_at"))
# a person's first entry into a room or session (re-entry rules, attendance)
room_visits_t = sa.Table("room_visits", metadata, sa.Column("attendee_id", sa.String(128), primary_key=True),
                         sa.Column("scope", sa.String(128), primary_key=True), _col("first_hlc"))
badges_t = sa.Table("badges", metadata, sa.Column("serial", sa.String(64), primary_key=True),
                    sa.Column("attendee_id", sa.String(64), nullable=False, index=True), _col("category"),
                    _col("key_id"), _col("token"), _col("issued_hlc"), _col("event_id"),
                    _col("revoked_hlc", None, nullable=True), _col("revoked_reason", None, nullable=True))
grants_t = sa.Table("access_grants", metadata, sa.Column("attendee_id", sa.String(64), primary_key=True),
                    sa.Column("scope", sa.String(128), primary_key=True))
conflicts_t = sa.Table("conflicts", metadata, sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
                       _col("attendee_id"), _col("kind"), sa.Column("event_id", sa.String(64), unique=True),
                       _col("station_id"), _col("hlc"), _col("other_event_id"), _col("other_station_id"),
                       _col("other_hlc"), _col("detected_at"))
# admin actions and refused admin attempts, who/where/when (migration r0003; venue_app/registry/audit.py)
audit_t = sa.Table("audit", metadata, sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
                   _col("at"), _col("actor"), _col("address"), _col("method"), _col("path"),
                   sa.Column("status", sa.Integer, nullable=False), _col("detail"))
sa.Index("audit_at", audit_t.c.at)

# other registration systems' ids of our attendees, trusted ticket issuers and their revoked or blocked
# secrets (migration r0004; see venue_app/registry/upsert.py and venue_app/issuers.py)
external_ids_t = sa.Table("external_ids", metadata, sa.Column("source", sa.String(128), primary_key=True),
                          sa.Column("external_id", sa.String(255), primary_key=True),
                          sa.Column("attendee_id", sa.String(64), nullable=False), _col("updated"), _col("who"))
sa.Index("external_ids_attendee", external_ids_t.c.attendee_id)
ticket_serials_t = sa.Table("ticket_serials", metadata, sa.Column("serial", sa.String(64), primary_key=True),
                            sa.Column("attendee_id", sa.String(64), nullable=False))
issuers_t = sa.Table("issuers", metadata, sa.Column("scheme", sa.String(32), primary_key=True),
                     sa.Column("ref", sa.String(255), primary_key=True),
                     sa.Column("public_key", sa.String(255), primary_key=True), _col("items", "{}"), _col("added"),
                     _col("who"), _col("removed_at", None, nullable=True))
issuer_secrets_t = sa.Table("issuer_secrets", metadata, sa.Column("secret", sa.String(512), primary_key=True),
                            sa.Column("ref", sa.String(255), nullable=False),
                            sa.Column("state", sa.String(16), nullable=False), _col("reason"), _col("updated"))

# the live link with a registration system (migration r0005; see venue_app/registry/link/): its settings,
# lease (exactly one registry process pulls), pull status, the cursor of check-ins to send back and their queue
link_state_t = sa.Table("link_state", metadata, sa.Column("name", sa.String(32), primary_key=True),
                        _col("config", "{}"), _col("lease_owner"), sa.Column("lease_until", sa.Float, nullable=False,
                                                                               server_default=sa.text("0")),
                        _col("modified_since"), _col("last_pull_at"), _col("full_pull_at"),
                        sa.Column("last_pull_s", sa.Float, nullable=False, server_default=sa.text("0")),
                        sa.Column("last_changed", sa.Integer, nullable=False, server_default=sa.text("0")),
                        _col("last_error"), _col("error_since"),
                        sa.Column("failures", sa.Integer, nullable=False, server_default=sa.text("0")),
                        sa.Column("out_cursor", sa.BigInteger, nullable=False, server_default=sa.text("0")),
                        _col("updated"))
link_outbox_t = sa.Table("link_outbox", metadata, sa.Column("event_id", sa.String(64), primary_key=True),
                         sa.Column("link", sa.String(32), nullable=False),
                         sa.Column("seq", sa.BigInteger, nullable=False, index=True),
                         sa.Column("action", sa.String(16), nullable=False), _col("attendee_id"), _col("body", "{}"),
                         sa.Column("state", sa.String(16), nullable=False, index=True),
                         sa.Column("attempts", sa.Integer, nullable=False, server_default=sa.text("0")),
                         sa.Column("next_at", sa.Float, nullable=False, server_default=sa.text("0")),
                         _col("last_error"), _col("enqueued"), _col("done_at"))
link_checkins_t = sa.Table("link_checkins", metadata, sa.Column("link", sa.String(32), primary_key=True),
                           sa.Column("ref", sa.String(128), primary_key=True), _col("attendee_id"), _col("event_id"),
                           _col("at"))

#: the attendee columns of a feed item (the replica's ``attendees`` columns but code_norm)
ATTENDEE_ITEM_COLUMNS = ("id", *ATTENDEE_FIELDS, "master_hlc")
ENROL_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
# the tables above are the schema of the last numbered migration (venue_app/registry/migrations/): a change
# to them needs a new migration (tests/venue_app/registry/test_migrations.py compares the two)
_IN_CHUNK = 500
_GROUP_EVENTS = 5000  # at most this many events per group commit


def normalise_enrol_code(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum())


def _dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"), default=str)


def _loads(text: str | None, default: Any) -> Any:
    if not text:
        return default
    try:
        return json.loads(text)
    except ValueError:
        return default


class Principal:
    """Who made a request: the admin, or a station (with its id and role: what it may receive,
    :mod:`venue_app.roles`). ``revoked_at`` is set only on the principal a revoked station's last push
    is accepted for (:attr:`AuthError.principal`)."""

    __slots__ = ("kind", "name", "revoked_at", "role", "station_id")

    def __init__(self, kind: str, station_id: str | None = None, name: str = "", role: str = "",
                 revoked_at: str | None = None) -> None:
        self.kind = kind
        self.station_id = station_id
        self.name = name
        self.role = role or ("desk" if kind == "admin" else "")
        self.revoked_at = revoked_at

    @property
    def is_admin(self) -> bool:
        return self.kind == "admin"


def _station_principal(station_id: str, name: str, revoked_at: str | None, role: str = "") -> Principal | AuthError:
    if revoked_at:
        error = AuthError(f"station {name!r} was revoked by the registry; enrol it again", code="station_revoked")
        # its last push (what it still held when revoked) is accepted, nothing else (issue 19, wipe)
        error.principal = Principal("station", station_id, name, role, revoked_at)  # type: ignore[attr-defined]
        return error
    return Principal("station", station_id, name, role)


class Tx:
    """One write transaction: the connection plus the feed items it will publish on commit."""

    def __init__(self, store: Store, conn: Connection, head: int) -> None:
        self.store = store
        self.conn = conn
        self.head = head
        self.items: list[tuple[str, dict[str, Any]]] = []
        self.rows: list[dict[str, Any]] = []
        self.cursor: Any = None
        # rows the appliers read, by (statement, key): filled for a whole group in a few queries
        # and kept in step with the appliers' own writes (see _one, _run); None: read each time
        self.reads: dict[tuple[str, str], Any] | None = None
        # events of the group being ingested that are in the log already but not applied yet
        self.unapplied: set[str] = set()
        # the appliers' writes to presence, room counts, check-ins and conflicts, held back to the
        # end of the group (see _Held); None: written at once
        self.held: _Held | None = None

    def emit(self, kind: str, data: Mapping[str, Any]) -> None:
        self.items.append((kind, dict(data)))

    def upsert(self, table: sa.Table | sa.TableClause) -> Any:
        return (pg_dialect.insert(table) if self.store.dialect == "postgresql" else sqlite_dialect.insert(table))

    # for the modules the store calls (registry.upsert, registry.tickets), which cannot import it back
    def rules(self) -> Any:
        """The rules' storage in this transaction (:mod:`venue_app.rules` functions take it)."""
        return _Rules(self)

    def run_sql(self, name: str, params: Mapping[str, Any]) -> None:
        """Run one of the store's named statements (``log_add``…) in this transaction."""
        _cursor(self).execute(_sql(self)[name], params)

    def attendee_item(self, attendee_id: str) -> dict[str, Any]:
        return self.store._attendee_item(self.conn, attendee_id)


# the hot statements run on the driver's cursor (see _cursor): its own errors, next to SQLAlchemy's
_DRIVER_DATA_ERRORS: tuple[type[Exception], ...] = (sqlite3.DataError, psycopg.DataError)
_DRIVER_DOWN_ERRORS: tuple[type[Exception], ...] = (sqlite3.OperationalError, sqlite3.InterfaceError,
                                                    psycopg.OperationalError, psycopg.InterfaceError)


class _FileLock:
    """An exclusive lock other processes see (``flock`` on a file beside the SQLite database).

    Several server workers (and ``registry import``) write one SQLite file. Without this, a writer that
    finds the database locked sleeps in SQLite's busy handler (up to 100 ms a round) even when the lock
    frees a millisecond later; ``flock`` wakes the next writer at once. Where ``fcntl`` does not exist
    (Windows) SQLite's busy timeout still serialises the writers, only less promptly.
    """

    def __init__(self, path: str) -> None:
        self.path = path
        self._fd: int | None = None

    def __enter__(self) -> None:
        if fcntl is None:
            return
        if self._fd is None:
            self._fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        fcntl.flock(self._fd, fcntl.LOCK_EX)

    def __exit__(self, *exc: object) -> None:
        if fcntl is not None and self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


def _sqlite_file(url: str) -> str | None:
    database = sa.make_url(url).database
    return database if url.startswith("sqlite") and database and database != ":memory:" else None


def _journal_wal(cur: Any) -> None:
    """``PRAGMA journal_mode = WAL``, waiting like the busy timeout: when two connections switch a new
    file to WAL at once (two processes opening a new registry), SQLite answers "database is locked" at
    once, without calling its busy handler."""
    deadline = time.monotonic() + 30
    while True:
        try:
            cur.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.005)


def _make_engine(url: str) -> sa.Engine:
    if url.startswith("sqlite"):
        engine = sa.create_engine(url, connect_args={"check_same_thread": False, "timeout": 30},
                                  pool_size=48, max_overflow=32, pool_timeout=60)

        @sa_event.listens_for(engine, "connect")
        def _connect(dbapi_conn: Any, _record: Any) -> None:
            dbapi_conn.isolation_level = None  # we issue BEGIN ourselves
            cur = dbapi_conn.cursor()
            _journal_wal(cur)
            # wal_autocheckpoint off: the commit that crosses the threshold would fold the WAL into
            # the database (and fsync it) while stations wait for their push; Store checkpoints instead
            for pragma in ("synchronous = FULL", "busy_timeout = 30000",
                           "cache_size = -32000", "temp_store = MEMORY", "wal_autocheckpoint = 0"):
                cur.execute(f"PRAGMA {pragma}")
            cur.close()

        @sa_event.listens_for(engine, "begin")
        def _begin(conn: Connection) -> None:
            conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("venue_write") else "BEGIN")

        return engine
    # PostgreSQL forks a backend per connection: a pool smaller than the request threads' concurrency (64)
    # opened and closed connections all the time (p99 at 200 stations 1.2 s; 0.17 s kept open). No
    # pre-ping (a round trip per checkout): a connection the server dropped fails one request (503, the
    # station retries) and SQLAlchemy then renews the whole pool; pool_recycle outlives idle cut-offs.
    return sa.create_engine(url, pool_size=30, max_overflow=20, pool_timeout=60, pool_recycle=300)


class Store:
    """The registry database. Thread-safe; one per process."""

    def __init__(self, url: str) -> None:
        self.url = normalise_db_url(url)
        try:
            self.engine = _make_engine(self.url)
        except (sa.exc.ArgumentError, ImportError) as exc:
            raise InvalidInput(f"cannot use the database URL: {exc}", code="bad_db_url") from exc
        self.dialect = self.engine.dialect.name
        self._write_lock = threading.Lock()
        file = _sqlite_file(self.url)
        self._process_lock: _FileLock | contextlib.nullcontext[None] = \
            _FileLock(f"{file}.writelock") if file else contextlib.nullcontext()
        self._listeners: list[Callable[[int], None]] = []
        self.clock = Clock("registry")
        self._admin_hash: str | None = None
        self._roles: dict[str, str] = {}  # station id -> role (pushes are judged by it)
        self._pending: deque[tuple[Future[PushResponse], str, list[EventResult | None],
                                   list[tuple[int, StationEvent]]]] = deque()
        self._pending_cond = threading.Condition()
        self._beats: dict[str, Future[None]] = {}  # stations whose heartbeat goes with the next group commit
        self._beat_outbox: dict[str, int] = {}  # what those stations said waits in their outbox
        self._writer: threading.Thread | None = None
        self._closed = False
        self._stopped = threading.Event()
        self._checkpointer: threading.Thread | None = None
        if self.dialect == "sqlite":
            self._checkpointer = threading.Thread(target=self._checkpoint_loop, name="registry-checkpoint",
                                                  daemon=True)
            self._checkpointer.start()

    # -- lifecycle -----------------------------------------------------------------------------
    @classmethod
    def open(cls, url: str, *, create: bool = False) -> Store:
        """Open the registry database, upgrading an older schema first (see :meth:`upgrade_schema`);
        ``create``: an empty database gets the whole schema (``registry init``)."""
        store = cls(url)
        try:
            store.upgrade_schema(create=create)
            with store.read() as conn:
                last = conn.execute(sa.select(sa.func.max(log_t.c.hlc))).scalar()
            if last:
                store.clock.observe(parse_hlc(last))
        except BaseException:
            store.close()
            raise
        return store

    def _checkpoint_loop(self) -> None:
        """Fold the SQLite WAL back into the database every second, next to the writers (PASSIVE:
        never waits for them); without it the WAL would grow for the whole event."""
        while not self._stopped.wait(1.0):
            try:
                with self.engine.connect() as conn:
                    conn.exec_driver_sql("PRAGMA wal_checkpoint(PASSIVE)")
            except sa.exc.SQLAlchemyError:  # busy, or the file is away: the next round tries again
                continue

    def close(self) -> None:
        with self._pending_cond:
            self._closed = True
            self._pending_cond.notify_all()
            writer = self._writer
        if writer is not None:
            writer.join(60)
        self._stopped.set()
        if self._checkpointer is not None and self._checkpointer is not threading.current_thread():
            self._checkpointer.join(10)
        self.engine.dispose()
        if isinstance(self._process_lock, _FileLock):
            self._process_lock.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    #: what the last :meth:`upgrade_schema` of this store did, in words ("" when nothing)
    schema_upgrade = ""

    def upgrade_schema(self, *, create: bool = False) -> list[migrations.Migration]:
        """Bring the database to this code's schema version with the numbered migrations; returns those
        applied. Refuses, changing nothing, a database without a registry (unless ``create``), one whose
        schema is newer than this code, and one whose version cannot be read.

        All steps run in one transaction holding the schema lock (SQLite ``BEGIN IMMEDIATE``, PostgreSQL an
        advisory lock), and the version is read again under it: of several processes opening one old
        database at once (``serve --workers``, a CLI command beside the server) exactly one migrates.
        """
        with self._guard():
            with self.engine.connect() as conn, conn.begin():  # the usual case, without any lock: up to date
                if self._schema_version(conn, create=create) == migrations.latest():
                    return []
            try:
                with self.engine.connect() as conn:
                    conn.execution_options(venue_write=True)  # SQLite: BEGIN IMMEDIATE (the write lock)
                    with conn.begin():
                        migrations.lock(conn)
                        start = self._schema_version(conn, create=create)
                        applied = migrations.upgrade(conn, start)
            except migrations.StepFailed as exc:  # rolled back: every step, not only the failing one
                raise StorageUnavailable(
                    f"upgrading the registry database {self.safe_url} from schema version {exc.start} to "
                    f"{migrations.latest()} failed, {exc}. Nothing was changed: the database is still at version "
                    f"{exc.start}", code="upgrade_failed") from exc
        if applied and start == 0:
            self.schema_upgrade = f"created the registry schema (version {applied[-1].number})"
            log.info("%s in %s", self.schema_upgrade, self.safe_url)
        elif applied:
            self.schema_upgrade = (f"upgraded the registry database from schema version {start} to "
                                   f"{applied[-1].number}: {migrations.describe(applied)}")
            log.warning("%s (%s)", self.schema_upgrade, self.safe_url)
        return applied

    def _schema_version(self, conn: Connection, *, create: bool) -> int:
        try:
            version = migrations.read_version(conn)
        except migrations.UnknownSchema as exc:
            raise ConflictError(f"the database {self.safe_url} is not a registry database this program can use: "
                                f"{exc}; give `registry init` an empty database", code="unknown_schema") from exc
        if version == 0 and not create:
            raise StorageUnavailable(f"the database {self.safe_url} holds no registry; run `registry init`",
                                     code="not_initialised")
        if version > (latest := migrations.latest()):
            raise StorageUnavailable(
                f"the registry database {self.safe_url} has schema version {version}, newer than this "
                f"venue-app ({__version__}) understands (up to {latest}): a newer venue-app wrote it. "
                "Run that newer venue-app (or a later one); this one has changed nothing in the database",
                code="schema_too_new")
        return version

    @property
    def safe_url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    def on_commit(self, listener: Callable[[int, list[tuple[int, str, str]]], None]) -> None:
        """Call ``listener(head, items)`` after every write that published feed items, from the writer's
        thread; ``items`` are the (seq, kind, data JSON) rows just committed, in order."""
        self._listeners.append(listener)

    @contextmanager
    def _guard(self) -> Iterator[None]:
        try:
            yield
        except (sa.exc.DataError, *_DRIVER_DATA_ERRORS) as exc:  # NUL characters, values the database cannot hold
            orig = exc.orig if isinstance(exc, sa.exc.DBAPIError) else exc
            raise InvalidInput(f"a value cannot be stored: {str(orig or exc).splitlines()[0][:200]}",
                               code="invalid_value") from exc
        except (sa.exc.OperationalError, sa.exc.InterfaceError, sa.exc.TimeoutError, *_DRIVER_DOWN_ERRORS) as exc:
            orig = exc.orig if isinstance(exc, sa.exc.DBAPIError) else exc
            raise StorageUnavailable(f"the registry database is not available: {orig or exc}") from exc

    @contextmanager
    def read(self) -> Iterator[Connection]:
        with self._guard(), self.engine.connect() as conn, conn.begin():
            yield conn

    @contextmanager
    def write(self) -> Iterator[Tx]:
        """A serialised write transaction; feed items emitted in it get their seq at commit."""
        tx: Tx | None = None
        with self._guard(), self._write_lock, self._process_lock, self.engine.connect() as conn:
            conn.execution_options(venue_write=True)
            with conn.begin():
                head = conn.execute(sa.select(counters.c.value).where(counters.c.name == "feed")
                                    .with_for_update()).scalar_one()
                tx = Tx(self, conn, int(head))
                try:
                    yield tx
                finally:
                    if tx.cursor is not None:
                        tx.cursor.close()
                if tx.items:
                    created = now_iso()
                    rows: list[dict[str, Any]] = []
                    seq = tx.head
                    for kind, data in tx.items:
                        seq += 1
                        rows.append({"seq": seq, "kind": kind, "data": _dumps(data), "created": created})
                    tx.rows = rows
                    conn.execute(feed_t.insert(), rows)
                    conn.execute(counters.update().where(counters.c.name == "feed").values(value=seq))
                    if self.dialect == "postgresql":  # other registry processes and hosts wake at commit
                        conn.exec_driver_sql(notify.NOTIFY_SQL, (str(seq),))
                    tx.head = seq
        if tx is not None and tx.items:
            published = [(r["seq"], r["kind"], r["data"]) for r in tx.rows]
            for listener in self._listeners:
                try:
                    listener(tx.head, published)
                except Exception:  # a listener must never undo a commit
                    log.exception("feed listener failed")

    # -- event ---------------------------------------------------------------------------------
    def init_event(self, *, name: str, timezone: str, key: SigningKey, admin_token: str,
                   event_id: str | None = None) -> dict[str, Any]:
        from venue_app.tokens import event_tag

        if not name.strip():
            raise InvalidInput("the event needs a name", code="invalid_event")
        event_id = event_id or new_id()
        with self.write() as tx:
            if tx.conn.execute(sa.select(event_t.c.id)).first() is not None:
                raise ConflictError("this database already holds an event", code="already_initialised")
            tx.conn.execute(event_t.insert().values(id=event_id, name=name.strip(), tag=event_tag(event_id),
                                                    timezone=timezone, languages="[]", data="{}"))
            for k, v in {"admin_token_hash": hash_secret(admin_token), "registry_public_key": key.public.text,
                         "registry_key_id": key.key_id, "created": now_iso()}.items():
                tx.conn.execute(meta_t.insert().values(key=k, value=v))
            item = self._event_item(tx.conn)
            tx.emit("event", item)
        return item

    def meta(self, conn: Connection, key: str) -> str | None:
        return conn.execute(sa.select(meta_t.c.value).where(meta_t.c.key == key)).scalar()

    def _event_item(self, conn: Connection) -> dict[str, Any]:
        row = conn.execute(sa.select(event_t)).mappings().first()
        if row is None:
            raise NotFound("the registry holds no event yet; run `registry init`", code="not_initialised")
        item = dict(row)
        item["languages"] = _loads(item["languages"], [])
        item["data"] = _loads(item["data"], {})
        item["registry_key"] = {"key_id": self.meta(conn, "registry_key_id"),
                                "public_key": self.meta(conn, "registry_public_key")}
        return item

    def event(self) -> dict[str, Any]:
        with self.read() as conn:
            return self._event_item(conn)

    def set_admin_token(self, token: str) -> None:
        with self.write() as tx:
            tx.conn.execute(meta_t.update().where(meta_t.c.key == "admin_token_hash")
                            .values(value=hash_secret(token)))
        self._admin_hash = None

    # -- authentication ------------------------------------------------------------------------
    def authenticate(self, token: str) -> Principal:
        """The principal a bearer token stands for; :class:`AuthError` when none (or revoked)."""
        import hmac

        if not token:
            raise AuthError("this endpoint needs `Authorization: Bearer <token>`", code="unauthorized")
        digest = hash_secret(token)
        with self.read() as conn:
            if self._admin_hash is None:
                self._admin_hash = self.meta(conn, "admin_token_hash") or ""
            if self._admin_hash and hmac.compare_digest(digest, self._admin_hash):
                return Principal("admin", name="admin")
            row = conn.execute(sa.select(stations_t.c.id, stations_t.c.name, stations_t.c.revoked_at,
                                         stations_t.c.role).where(stations_t.c.token_hash == digest)).first()
        if row is None:
            raise AuthError("unknown token", code="unauthorized")
        principal = _station_principal(row.id, row.name, row.revoked_at, row.role)
        if isinstance(principal, AuthError):
            raise principal
        return principal

    def principals(self) -> dict[str, Principal | AuthError]:
        """Every token the registry knows, by digest (:func:`hash_secret`): the admin and each
        station (a revoked one maps to the error its requests get). One query, for the server's
        token table."""
        with self.read() as conn:
            admin_hash = self.meta(conn, "admin_token_hash") or ""
            rows = conn.execute(sa.select(stations_t.c.token_hash, stations_t.c.id, stations_t.c.name,
                                          stations_t.c.revoked_at, stations_t.c.role)).all()
        known: dict[str, Principal | AuthError] = {
            row.token_hash: _station_principal(row.id, row.name, row.revoked_at, row.role) for row in rows}
        if admin_hash:
            known[admin_hash] = Principal("admin", name="admin")
        self._admin_hash = admin_hash
        return known

    # -- feed ----------------------------------------------------------------------------------
    def head(self) -> int:
        with self.read() as conn:
            return int(conn.execute(sa.select(counters.c.value).where(counters.c.name == "feed")).scalar_one())

    def feed_page(self, after: int, limit: int) -> tuple[list[tuple[int, str, str]], int]:
        """Items with seq > ``after`` (at most ``limit``) as (seq, kind, JSON text), and the head."""
        with self.read() as conn:
            rows = conn.execute(sa.select(feed_t.c.seq, feed_t.c.kind, feed_t.c.data)
                                .where(feed_t.c.seq > after).order_by(feed_t.c.seq).limit(limit)).all()
            head = int(conn.execute(sa.select(counters.c.value).where(counters.c.name == "feed")).scalar_one())
        return [(int(r[0]), r[1], r[2]) for r in rows], max(head, int(rows[-1][0]) if rows else 0)

    # -- program -------------------------------------------------------------------------------
    def apply_program(self, doc: ProgramDoc) -> ProgramResult:
        """Upsert categories, rooms and sessions (and event dates/languages); unchanged ones are left alone."""
        problems: list[str] = []
        with self.write() as tx:
            conn = tx.conn
            room_ids = {r[0] for r in conn.execute(sa.select(rooms_t.c.id))} | {r.id for r in doc.rooms}
            category_codes = ({r[0] for r in conn.execute(sa.select(categories_t.c.code))}
                              | {c.code for c in doc.categories})
            for c in doc.categories:
                bad = [r for r in c.rooms if r != "*" and r not in room_ids]
                if bad:
                    problems.append(f"category {c.code}: unknown rooms {', '.join(bad)}")
            for s in doc.sessions:
                if s.room_id not in room_ids:
                    problems.append(f"session {s.id}: unknown room {s.room_id!r}")
                try:
                    if datetime.fromisoformat(s.starts) >= datetime.fromisoformat(s.ends):
                        problems.append(f"session {s.id}: ends before it starts")
                except ValueError:
                    problems.append(f"session {s.id}: starts/ends must be ISO 8601 date-times")
                unknown = [c for c in s.categories if c not in category_codes]
                if unknown:
                    problems.append(f"session {s.id}: unknown categories {', '.join(unknown)}")
            session_ids = {r[0] for r in conn.execute(sa.select(sessions_t.c.id))} | {s.id for s in doc.sessions}
            grants: list[dict[str, str]] = []
            for g in doc.grants:
                found = conn.execute(sa.select(attendees_t.c.id).where(sa.or_(
                    attendees_t.c.id == g.attendee, attendees_t.c.code_norm == normalise_code(g.attendee)))).first()
                if found is None:
                    problems.append(f"grant: no attendee {g.attendee!r}")
                elif g.scope not in room_ids and g.scope not in session_ids:
                    problems.append(f"grant: no room or session {g.scope!r}")
                else:
                    grants.append({"attendee_id": found[0], "scope": g.scope})
            if len({r.id for r in doc.rooms}) != len(doc.rooms):
                problems.append("two rooms share an id")
            if len({s.id for s in doc.sessions}) != len(doc.sessions):
                problems.append("two sessions share an id")
            if problems:
                raise InvalidInput("the program has problems: " + "; ".join(problems[:20]),
                                   code="invalid_program", detail=problems)
            changed = {"categories": 0, "rooms": 0, "sessions": 0, "grants": 0}
            unchanged = 0
            specs: list[tuple[str, str, sa.Table, str, list[dict[str, Any]]]] = [
                ("categories", "category", categories_t, "code",
                 [{**c.model_dump(), "label": c.label or c.code.replace("_", " ").title()} for c in doc.categories]),
                ("rooms", "room", rooms_t, "id", [_with_extras(r.model_dump(), rooms_t) for r in doc.rooms]),
                ("sessions", "session", sessions_t, "id",
                 [_with_extras(s.model_dump(), sessions_t) for s in doc.sessions]),
            ]
            for name, kind, table, key, items in specs:
                existing = {r[key]: dict(r) for r in conn.execute(sa.select(table)).mappings()}
                for item in items:
                    stored = {k: (_dumps(v) if isinstance(v, list | dict) else v) for k, v in item.items()}
                    old = existing.get(item[key])
                    if old == stored:
                        unchanged += 1
                        continue
                    ins = tx.upsert(table).values(**stored)
                    conn.execute(ins.on_conflict_do_update(index_elements=[key],
                                                           set_={k: ins.excluded[k] for k in stored if k != key}))
                    tx.emit(kind, item)
                    changed[name] += 1
            known_grants = {(r[0], r[1]) for r in conn.execute(sa.select(grants_t.c.attendee_id, grants_t.c.scope))}
            for grant in grants:
                if (grant["attendee_id"], grant["scope"]) in known_grants:
                    unchanged += 1
                    continue
                known_grants.add((grant["attendee_id"], grant["scope"]))
                conn.execute(grants_t.insert().values(**grant))
                tx.emit("grant", grant)
                changed["grants"] += 1
            event_changed = False
            if doc.event:
                row = dict(conn.execute(sa.select(event_t)).mappings().one())
                values: dict[str, Any] = {}
                for k in ("timezone", "starts", "ends"):
                    if k in doc.event and doc.event[k] is not None and str(doc.event[k]) != row[k]:
                        values[k] = str(doc.event[k])
                if isinstance(doc.event.get("languages"), list):
                    langs = _dumps([str(x) for x in doc.event["languages"]])
                    if langs != row["languages"]:
                        values["languages"] = langs
                extra = {k: v for k, v in doc.event.items()
                         if k not in ("id", "name", "tag", "timezone", "starts", "ends", "languages", "data")}
                data = {**_loads(row["data"], {}), **(doc.event.get("data") or {}), **extra}
                if _dumps(data) != row["data"]:
                    values["data"] = _dumps(data)
                if values:
                    conn.execute(event_t.update().values(**values))
                    tx.emit("event", self._event_item(conn))
                    event_changed = True
        return ProgramResult(categories=changed["categories"], rooms=changed["rooms"], sessions=changed["sessions"],
                             grants=changed["grants"], event_changed=event_changed, unchanged=unchanged)

    def program(self) -> dict[str, Any]:
        with self.read() as conn:
            out: dict[str, Any] = {"event": self._event_item(conn)}
            for name, table, lists in (("categories", categories_t, ("rooms",)), ("rooms", rooms_t, ("data",)),
                                       ("sessions", sessions_t, ("categories", "data"))):
                rows = []
                for r in conn.execute(sa.select(table)).mappings():
                    item = dict(r)
                    for k in lists:
                        item[k] = _loads(item[k], {} if k == "data" else [])
                    rows.append(item)
                out[name] = rows
        return out

    # -- attendees -----------------------------------------------------------------------------
    def import_attendees(self, valid: Sequence[tuple[int, Mapping[str, str]]], report: Any) -> None:
        """Write validated import rows (see :func:`venue_app.importer`): the station importer's rules.

        A row matches an attendee by code, else by id, else by e-mail when neither side has a code;
        new and changed records get the registry's current hlc as ``master_hlc`` (station edits
        newer than it still win); attendees absent from the file are reported, never deleted.
        ``report`` is an :class:`venue_app.importer.ImportReport`.
        """
        from venue_app.importer import plan_import, report_missing

        fields = tuple(f for f in ATTENDEE_FIELDS)
        with self.write() as tx:
            conn = tx.conn
            existing = {row["id"]: dict(row) for row in conn.execute(sa.select(attendees_t)).mappings()}
            plan = plan_import(valid, existing, report)
            master_hlc = str(self.clock.now())
            inserts = [{**record, "master_hlc": master_hlc} for record in plan.inserts]
            updates = [{f"b_{k}": v for k, v in record.items()} | {"b_master_hlc": master_hlc}
                       for record in plan.updates]
            try:
                if inserts:
                    conn.execute(attendees_t.insert(), inserts)
                if updates:
                    cols = (*fields, "code_norm", "master_hlc")
                    conn.execute(attendees_t.update().where(attendees_t.c.id == sa.bindparam("b_id"))
                                 .values({c: sa.bindparam(f"b_{c}") for c in cols}), updates)
                    # station edits newer than this master record still win (last writer by hlc)
                    updated = {u["b_id"] for u in updates}
                    edits = [(a, h) for a, h in conn.execute(sa.select(attendee_edits_t.c.attendee_id,
                                                                       attendee_edits_t.c.hlc)) if a in updated]
                    if hasattr(report, "station_edits_superseded"):
                        report.station_edits_superseded = sum(1 for _, h in edits if h <= master_hlc)
                    for attendee_id in sorted({a for a, _ in edits}):
                        rules.overlay(_Rules(tx), attendee_id)
            except sa.exc.IntegrityError as exc:
                raise InvalidInput(f"the import conflicts with attendees already in the registry ({exc.orig})",
                                   code="import_conflict") from exc
            report.inserted, report.updated = len(inserts), len(updates)
            for rec in inserts:
                tx.emit("attendee", {k: rec[k] for k in ATTENDEE_ITEM_COLUMNS})
            for upd in updates:
                tx.emit("attendee", self._attendee_item(conn, upd["b_id"]))
            # walk-ins (no master record) are not expected in the file
            report_missing(report, existing, [a for a, rec in existing.items()
                                              if a not in plan.matched and rec["master_hlc"]])

    def upsert_attendees(self, source: str, records: Sequence[Mapping[str, Any]], *, who: str) -> Any:
        """Create or update attendees from another registration system, idempotent by (source, external id):
        see :mod:`venue_app.registry.upsert` (returns its :class:`~venue_app.registry.upsert.UpsertResult`)."""
        from venue_app.registry.upsert import upsert_attendees

        return upsert_attendees(self, source, records, who=who)

    def set_trusted_issuer(self, scheme: str, ref: str, public_keys: Sequence[str],
                           items: Mapping[str, str] | None = None, *, who: str = "admin") -> list[dict[str, Any]]:
        """Trust exactly these keys for the ticket issuer ``ref`` (see
        :func:`venue_app.registry.tickets.set_trusted_issuer`)."""
        from venue_app.registry.tickets import set_trusted_issuer

        return set_trusted_issuer(self, scheme, ref, public_keys, items, who=who)

    def set_issuer_secrets(self, ref: str, entries: Iterable[tuple[str, str, str]]) -> int:
        """Secrets the issuer revoked, blocked or unblocked (:func:`venue_app.registry.tickets.set_issuer_secrets`)."""
        from venue_app.registry.tickets import set_issuer_secrets

        return set_issuer_secrets(self, ref, entries)

    def _attendee_item(self, conn: Connection, attendee_id: str) -> dict[str, Any]:
        row = conn.execute(sa.select(*(attendees_t.c[c] for c in ATTENDEE_ITEM_COLUMNS))
                           .where(attendees_t.c.id == attendee_id)).mappings().one()
        return dict(row)

    def attendee(self, id_or_code: str) -> dict[str, Any] | None:
        with self.read() as conn:
            row = conn.execute(sa.select(attendees_t.c.id).where(sa.or_(
                attendees_t.c.id == id_or_code, attendees_t.c.code_norm == normalise_code(id_or_code)))).first()
            return None if row is None else self._attendee_item(conn, row[0])

    # -- enrolment and stations ----------------------------------------------------------------
    def create_enrollment(self, *, name: str, role: str, room_id: str | None = None,
                          ttl_s: float = 24 * 3600) -> tuple[str, float]:
        """A one-time enrolment code (``XXXX-XXXX-XXXX-XXXX``) and its expiry (Unix time)."""
        if role not in ROLES:
            raise InvalidInput(f"role must be one of {', '.join(ROLES)}", code="invalid_role")
        if not name.strip():
            raise InvalidInput("a station needs a name", code="invalid_name")
        raw = "".join(secrets.choice(ENROL_ALPHABET) for _ in range(16))
        code = "-".join(raw[i:i + 4] for i in range(0, 16, 4))
        expires = time.time() + ttl_s
        with self.write() as tx:
            if room_id is not None and tx.conn.execute(sa.select(rooms_t.c.id).where(rooms_t.c.id == room_id)
                                                       ).first() is None:
                raise InvalidInput(f"no room {room_id!r} in the program", code="unknown_room")
            tx.conn.execute(enrollments_t.insert().values(code_hash=hash_secret(raw), name=name.strip(), role=role,
                                                          room_id=room_id, created=now_iso(), expires_at=expires))
        return code, expires

    def enroll(self, *, code: str, public_key: str, name: str | None, key: SigningKey) -> dict[str, Any]:
        try:
            station_key = PublicKey.from_text(public_key)
        except (TokenError, ValueError) as exc:
            raise InvalidInput("public_key must be a base64 Ed25519 public key (32 bytes)",
                               code="invalid_public_key") from exc
        code_hash = hash_secret(normalise_enrol_code(code))
        with self.write() as tx:
            conn = tx.conn
            row = conn.execute(sa.select(enrollments_t)
                               .where(enrollments_t.c.code_hash == code_hash)).mappings().first()
            if row is None:
                raise AuthError("unknown enrolment code", code="invalid_code")
            if row["used_at"]:
                raise AuthError("this enrolment code was already used; ask for a new one", code="code_used")
            if row["expires_at"] < time.time():
                raise AuthError("this enrolment code has expired; ask for a new one", code="code_expired")
            station_id = new_id()
            token = secrets.token_urlsafe(32)
            certificate = sign_certificate(key, station_id, station_key.text)
            done = conn.execute(enrollments_t.update().where(enrollments_t.c.code_hash == code_hash,
                                                             enrollments_t.c.used_at.is_(None))
                                .values(used_at=now_iso(), station_id=station_id))
            if done.rowcount != 1:
                raise AuthError("this enrolment code was already used; ask for a new one", code="code_used")
            conn.execute(stations_t.insert().values(
                id=station_id, name=(name or "").strip() or row["name"], role=row["role"], room_id=row["room_id"],
                public_key=station_key.text, key_id=station_key.key_id, certificate=certificate,
                token_hash=hash_secret(token), enrolled_at=now_iso(), revoked_reason=""))
            station = self._station_item(conn, station_id)
            tx.emit("station", station)
            event = self._event_item(conn)
        return {"station_id": station_id, "token": token, "name": station["name"], "role": station["role"],
                "room_id": station["room_id"], "key_id": station["key_id"], "certificate": certificate,
                "event": event, "registry_key": event["registry_key"], "feed_head": tx.head,
                "server_time": now_iso()}

    def _station_item(self, conn: Connection, station_id: str) -> dict[str, Any]:
        row = conn.execute(sa.select(stations_t.c.id, stations_t.c.name, stations_t.c.role, stations_t.c.room_id,
                                     stations_t.c.public_key, stations_t.c.key_id, stations_t.c.certificate,
                                     stations_t.c.revoked_at, stations_t.c.last_seen)
                           .where(stations_t.c.id == station_id)).mappings().one()
        return dict(row)

    def _beat_in(self, tx: Tx, station_ids: Sequence[str], outbox: Mapping[str, int] | None = None) -> None:
        """The stations are alive: record when, and tell every station (the server asks at most once per
        heartbeat period per station, through :meth:`heartbeat_later`), so dashboards can tell an idle
        door from an offline one. ``outbox``: the events each said were waiting to be pushed; it travels
        in the feed item only (what a dashboard shows; not kept in a column)."""
        now = now_iso()
        for station_id in station_ids:
            tx.conn.execute(stations_t.update().where(stations_t.c.id == station_id).values(last_seen=now))
            item = self._station_item(tx.conn, station_id)
            if outbox and station_id in outbox:
                item["outbox"] = outbox[station_id]
            tx.emit("station", item)

    def stations(self) -> list[dict[str, Any]]:
        with self.read() as conn:
            counts = dict(conn.execute(sa.select(log_t.c.station_id, sa.func.count())
                                       .group_by(log_t.c.station_id)).all())
            rows = conn.execute(sa.select(stations_t).order_by(stations_t.c.enrolled_at)).mappings().all()
        out = []
        for r in rows:
            item = {k: r[k] for k in ("id", "name", "role", "room_id", "key_id", "public_key", "enrolled_at",
                                      "revoked_at", "revoked_reason", "last_seen")}
            item["revoked_reason"] = item["revoked_reason"] or ""
            item["events"] = int(counts.get(r["id"], 0))
            out.append(item)
        return out

    def find_station(self, id_or_name: str) -> str:
        with self.read() as conn:
            row = conn.execute(sa.select(stations_t.c.id).where(stations_t.c.id == id_or_name)).first()
            if row is not None:
                return str(row[0])
            rows = conn.execute(sa.select(stations_t.c.id).where(stations_t.c.name == id_or_name)).all()
        if len(rows) == 1:
            return str(rows[0][0])
        if len(rows) > 1:
            raise InvalidInput(f"{len(rows)} stations are named {id_or_name!r}; use the station id",
                               code="ambiguous_station")
        raise NotFound(f"no station {id_or_name!r}", code="unknown_station")

    def revoke(self, station_id: str, reason: str = "") -> dict[str, Any]:
        with self.write() as tx:
            row = tx.conn.execute(sa.select(stations_t.c.revoked_at).where(stations_t.c.id == station_id)).first()
            if row is None:
                raise NotFound(f"no station {station_id!r}", code="unknown_station")
            if not row[0]:
                tx.conn.execute(stations_t.update().where(stations_t.c.id == station_id)
                                .values(revoked_at=now_iso(), revoked_reason=reason))
                tx.emit("station", self._station_item(tx.conn, station_id))
            return self._station_item(tx.conn, station_id)

    # -- station events ------------------------------------------------------------------------
    def ingest(self, station_id: str, raw_events: Sequence[Any]) -> PushResponse:
        """Append a batch of one station's events: per event accepted, duplicate or rejected.

        Returns once the batch committed durably. Concurrent batches are committed together by one
        writer thread (group commit: one fsync for many stations, each batch in its own savepoint).
        """
        return self.submit(station_id, raw_events).result()

    def submit(self, station_id: str, raw_events: Sequence[Any]) -> Future[PushResponse]:
        """:meth:`ingest` without waiting: validates now, commits with the next group."""
        results: list[EventResult | None] = [None] * len(raw_events)
        parsed: list[tuple[int, StationEvent]] = []
        role: str | None = None
        for index, raw in enumerate(raw_events):
            if not isinstance(raw, dict):
                results[index] = EventResult(index=index, status="rejected", code="malformed",
                                             message="an event is a JSON object")
                continue
            raw_id = raw.get("id") if isinstance(raw.get("id"), str) else None
            try:
                ev = StationEvent.model_validate(raw)
            except ValidationError as exc:
                errors = exc.errors()
                unknown = all(e["loc"] == ("type",) for e in errors) and isinstance(raw.get("type"), str)
                message = "; ".join(f"{'.'.join(str(p) for p in e['loc']) or 'event'}: {e['msg']}"
                                    for e in errors[:5])
                results[index] = EventResult(index=index, id=raw_id, status="rejected",
                                             code="unknown_type" if unknown else "malformed", message=message[:500])
                continue
            if ev.station_id != station_id:
                results[index] = EventResult(index=index, id=ev.id, status="rejected", code="wrong_station",
                                             message="a station may only push its own events")
                continue
            if role is None:
                role = self._role_of(station_id)
            if role and not may_push(role, ev.type):
                results[index] = EventResult(index=index, id=ev.id, status="rejected", code="not_for_role",
                                             message=f"a {role} station may not record {ev.type} events "
                                                     "(a desk's); nothing of it was applied")
                continue
            problem = ev.payload_problem()
            if problem is not None:
                # what an applier would ignore or read differently never enters the log or the feed
                results[index] = EventResult(index=index, id=ev.id, status="rejected", code=problem.code,
                                             message=str(problem)[:500])
                continue
            parsed.append((index, ev))
        future: Future[PushResponse] = Future()
        with self._pending_cond:
            if self._closed:
                raise StorageUnavailable("the registry is shutting down")
            self._pending.append((future, station_id, results, parsed))
            self._wake_writer()
        return future

    def _role_of(self, station_id: str) -> str:
        """The role a station was enrolled with ("" when unknown); kept: a station's role never changes."""
        role = self._roles.get(station_id)
        if role is None:
            with self.read() as conn:
                role = conn.execute(sa.select(stations_t.c.role).where(stations_t.c.id == station_id)).scalar() or ""
            if role:
                self._roles[station_id] = role
        return role

    def heartbeat_later(self, station_id: str, outbox: int | None = None) -> Future[None]:
        """:meth:`heartbeat` with the next group commit: no transaction (and fsync) of its own; the
        future is done once it committed. ``outbox``: what the station says waits in its outbox."""
        with self._pending_cond:
            future = self._beats.get(station_id)
            if future is None:
                future = self._beats[station_id] = Future()
            if outbox is not None:
                self._beat_outbox[station_id] = outbox
            if self._closed:
                future.set_exception(StorageUnavailable("the registry is shutting down"))
            else:
                self._wake_writer()
        return future

    def _wake_writer(self) -> None:
        if self._writer is None:
            self._writer = threading.Thread(target=self._write_groups, name="registry-writer", daemon=True)
            self._writer.start()
        self._pending_cond.notify()

    def _write_groups(self) -> None:
        while True:
            with self._pending_cond:
                while not self._pending and not self._beats and not self._closed:
                    self._pending_cond.wait()
                if not self._pending and not self._beats:
                    return
                group = []
                size = 0
                while self._pending and (not group or size + len(self._pending[0][3]) <= _GROUP_EVENTS):
                    size += len(self._pending[0][3])
                    group.append(self._pending.popleft())
                beats, self._beats = self._beats, {}
                beat_outbox, self._beat_outbox = self._beat_outbox, {}
            outcomes: list[tuple[Future[PushResponse], list[EventResult | None], BaseException | None]] = []
            beat_error: BaseException | None = None
            try:
                with self.write() as tx:
                    if beats:
                        try:
                            with self._guard(), tx.conn.begin_nested():
                                self._beat_in(tx, list(beats), beat_outbox)
                        except Exception as exc:  # a missed heartbeat must never fail the pushes it rides with
                            beat_error = exc
                    group_mark = len(tx.items)
                    try:
                        # the whole group in one go (one statement per kind, not per batch) ...
                        with self._guard(), tx.conn.begin_nested():
                            self._ingest_in(tx, [(station_id, results, parsed)
                                                 for _, station_id, results, parsed in group])
                        outcomes = [(future, results, None) for future, _, results, _ in group]
                    except Exception:
                        # ... and when that fails, batch by batch: only the faulty batch is refused
                        del tx.items[group_mark:]
                        for future, station_id, results, parsed in group:
                            results[:] = [r if r is not None and r.status == "rejected" else None
                                          for r in results]
                            mark = len(tx.items)
                            try:
                                with self._guard(), tx.conn.begin_nested():
                                    self._ingest_in(tx, [(station_id, results, parsed)])
                                outcomes.append((future, results, None))
                            except Exception as exc:
                                del tx.items[mark:]
                                outcomes.append((future, results, exc))
            except BaseException as exc:
                for future, *_ in group:
                    future.set_exception(exc)
                for beat in beats.values():
                    beat.set_exception(exc)
                if not isinstance(exc, Exception):
                    raise
                continue
            for beat in beats.values():
                if beat_error is None:
                    beat.set_result(None)
                else:
                    beat.set_exception(beat_error)
            for future, results, error in outcomes:
                if error is not None:
                    future.set_exception(error)
                    continue
                done = [r for r in results if r is not None]
                future.set_result(PushResponse(results=done, accepted=sum(r.status == "accepted" for r in done),
                                               duplicate=sum(r.status == "duplicate" for r in done),
                                               rejected=sum(r.status == "rejected" for r in done), head=tx.head))

    def _ingest_in(self, tx: Tx, batches: Sequence[tuple[str, list[EventResult | None],
                                                         list[tuple[int, StationEvent]]]]) -> None:
        """Append and apply the events of several stations' batches; fills in their results. An
        event already in the log (or earlier in these batches: a batch sent twice) is a duplicate."""
        cur = _cursor(tx)
        existing = self._logged(tx, [ev.id for _, _, parsed in batches for _, ev in parsed])
        received = now_iso()
        wall = time.time_ns() // 1_000_000
        fresh: list[tuple[list[EventResult | None], int, Event, bool]] = []
        for _, results, parsed in batches:
            for index, ev in parsed:
                if ev.id in existing:
                    results[index] = EventResult(index=index, id=ev.id, status="duplicate")
                    continue
                existing.add(ev.id)
                stamp = parse_hlc(ev.hlc)
                clamped = stamp.ms > wall + MAX_DRIFT_MS
                if clamped:
                    event = ev.to_event(hlc=str(HLC(wall + MAX_DRIFT_MS, stamp.counter, stamp.station)),
                                        flags=("hlc_clamped",))
                else:
                    self.clock.observe(stamp)
                    event = ev.to_event()
                fresh.append((results, index, event, clamped))
        if not fresh:
            return
        sql = _sql(tx)
        cur.executemany(sql["log_add"], [
            {"id": e.id, "hlc": e.hlc, "station_id": e.station_id, "operator": e.operator, "type": e.type,
             "payload": _dumps(e.payload), "wall": e.wall or received, "received": received,
             "flags": _dumps(list(e.flags))} for _, _, e, _ in fresh])
        self._prefetch(tx, [e for _, _, e, _ in fresh])
        tx.unapplied = {e.id for _, _, e, _ in fresh}
        tx.held = _Held()
        db = _Rules(tx)
        try:
            for results, index, event, clamped in fresh:
                tx.emit("station_event", event.as_dict())
                tx.unapplied.discard(event.id)
                rules.apply(db, event)
                results[index] = EventResult(index=index, id=event.id, status="accepted",
                                             flags=list(event.flags) if clamped else [],
                                             hlc=event.hlc if clamped else None)
            _write_held(tx)
        finally:
            tx.reads = None  # a savepoint rolled back would leave it out of step
            tx.unapplied = set()
            tx.held = None
        # a signed ticket admitted offline before its attendee reached the station: tie it now if we know whose
        tickets = [s for _, _, e, _ in fresh if e.type == "checkin"
                   and isinstance(s := e.payload.get("badge_serial"), str) and s.startswith(SERIAL_PREFIX)]
        if tickets:
            from venue_app.registry.tickets import link_serials

            link_serials(tx, tickets)
        seen = {e.station_id for _, _, e, _ in fresh}
        cur.executemany(sql["station_seen"], [{"id": station, "at": received} for station in sorted(seen)])

    def _logged(self, tx: Tx, ids: Sequence[str]) -> set[str]:
        """Those of ``ids`` the log holds."""
        return {row[0] for row in _rows_in(tx, "SELECT id FROM log WHERE id", ids)}

    def _prefetch(self, tx: Tx, events: Sequence[Event]) -> None:
        """Read what the appliers of these events will ask for, in one query per table rather than
        one per event (on PostgreSQL each is a round trip, and the group's writer waits for each)."""
        reads: dict[tuple[str, str], Any] = {}
        moving = list(dict.fromkeys(s for e in events if e.type in ("room_entry", "room_exit")
                                    and (s := _named_subject(e)) is not None))
        checkins = [e for e in events if e.type == "checkin"]
        arriving = list(dict.fromkeys(str(e.payload["attendee_id"]) for e in checkins if e.payload.get("attendee_id")))
        queries = (("presence_get", "SELECT attendee_id, room_id, hlc, event_id FROM presence WHERE attendee_id",
                    moving),
                   ("checkin_get", "SELECT attendee_id, event_id, hlc, station_id, count, stations FROM checkins"
                                   " WHERE attendee_id", arriving),
                   ("voided_get", "SELECT event_id, 1 FROM voided_checkins WHERE event_id", [e.id for e in checkins]))
        for name, select, keys in queries:
            reads.update(((name, key), None) for key in keys)
            reads.update(((name, row[0]), tuple(row[1:])) for row in _rows_in(tx, select, keys))
        tx.reads = reads

    # -- summary -------------------------------------------------------------------------------
    def summary(self, *, conflicts_limit: int = 200) -> dict[str, Any]:
        with self.read() as conn:
            event = self._event_item(conn)

            def count(stmt: Any) -> int:
                return int(conn.execute(stmt).scalar() or 0)

            by_station = {r[0]: int(r[1]) for r in conn.execute(
                sa.select(log_t.c.station_id, sa.func.count()).where(log_t.c.type == "checkin")
                .group_by(log_t.c.station_id))}
            names = dict(conn.execute(sa.select(stations_t.c.id, stations_t.c.name)).all())
            rooms = []
            counts = {r.room_id: (int(r.present), int(r.adjust)) for r in conn.execute(sa.select(room_counts_t))}
            for r in conn.execute(sa.select(rooms_t).order_by(rooms_t.c.id)).mappings():
                present, adjust = counts.pop(r["id"], (0, 0))
                rooms.append({"id": r["id"], "name": r["name"], "capacity": int(r["capacity"]),
                              "policy": r["policy"], "present": present, "adjust": adjust,
                              "occupancy": max(0, present + adjust)})
            for room_id, (present, adjust) in sorted(counts.items()):
                rooms.append({"id": room_id, "name": room_id, "capacity": 0, "policy": "warn", "present": present,
                              "adjust": adjust, "occupancy": max(0, present + adjust)})
            conflicts = [dict(r) for r in conn.execute(
                sa.select(*(c for c in conflicts_t.c if c.name != "id")).order_by(conflicts_t.c.id.desc())
                .limit(conflicts_limit)).mappings()]
            return {
                "event": {"id": event["id"], "name": event["name"], "tag": event["tag"]},
                "attendees": count(sa.select(sa.func.count()).select_from(attendees_t)),
                "checked_in": count(sa.select(sa.func.count()).select_from(checkins_t)),
                "checkin_events": sum(by_station.values()),
                "checkins_by_station": {names.get(k, k): v for k, v in by_station.items()},
                "events": count(sa.select(sa.func.count()).select_from(log_t)),
                "flagged_events": count(sa.select(sa.func.count()).select_from(log_t).where(log_t.c.flags != "[]")),
                "stations": count(sa.select(sa.func.count()).select_from(stations_t)),
                "stations_revoked": count(sa.select(sa.func.count()).select_from(stations_t)
                                          .where(stations_t.c.revoked_at.is_not(None))),
                "feed_head": count(sa.select(counters.c.value).where(counters.c.name == "feed")),
                "rooms": rooms,
                "conflict_count": count(sa.select(sa.func.count()).select_from(conflicts_t)),
                "conflicts": conflicts,
            }

    def event_ids(self) -> set[str]:
        with self.read() as conn:
            return {r[0] for r in conn.execute(sa.select(log_t.c.id))}

    def table_rows(self, name: str) -> list[dict[str, Any]]:
        """Every row of a table (tests and diagnostics)."""
        table = metadata.tables[name]
        with self.read() as conn:
            return [dict(r) for r in conn.execute(sa.select(table)).mappings()]


def _with_extras(item: dict[str, Any], table: sa.Table) -> dict[str, Any]:
    """Keys that are not columns (``reentry``, ``clear_after_session``, …) go into ``data``, as on a station."""
    columns = set(table.c.keys())
    extras = {k: v for k, v in item.items() if k not in columns}
    out = {k: v for k, v in item.items() if k in columns}
    out["data"] = {**(out.get("data") or {}), **extras}
    return out


# -- the rules' storage (venue_app.rules) -------------------------------------------------------
# The statements run on the driver's cursor, built once: building SQLAlchemy expressions per event
# costs more than running them. The registry's own statements sit beside the rules' ones.

_SQL = {
    **rules.SQL,
    "log_add": "INSERT INTO log(id, hlc, station_id, operator, type, payload, wall, received, flags)"
               " VALUES (:id, :hlc, :station_id, :operator, :type, :payload, :wall, :received, :flags)",
    "station_seen": "UPDATE stations SET last_seen = :at WHERE id = :id",
    "log_get": "SELECT id, hlc, station_id, type, payload, operator, wall, flags FROM log WHERE id = :id",
    "checkin_put": "INSERT INTO checkins(attendee_id, event_id, hlc, at, station_id, operator, count, stations)"
                   " VALUES (:a, :event_id, :hlc, :at, :station_id, :operator, :count, :stations)"
                   " ON CONFLICT(attendee_id) DO UPDATE SET event_id = excluded.event_id, hlc = excluded.hlc,"
                   " at = excluded.at, station_id = excluded.station_id, operator = excluded.operator,"
                   " count = excluded.count, stations = excluded.stations",
}


_PG_SQL = {name: re.sub(r"(?<![:\w]):(\w+)", r"%(\1)s", q) for name, q in _SQL.items()}
_LITE_SQL = dict(_SQL)


def _cursor(tx: Tx) -> Any:
    """A DB-API cursor on the transaction's connection: the per-event statements skip SQLAlchemy's
    execution machinery, which costs several times the statement itself."""
    if tx.cursor is None:
        tx.cursor = tx.conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    return tx.cursor


def _sql(tx: Tx) -> dict[str, str]:
    return _PG_SQL if tx.store.dialect == "postgresql" else _LITE_SQL


#: the reads :meth:`Store._prefetch` fills in, and the parameter that keys each
_CACHED = {"presence_get": "a", "checkin_get": "a", "voided_get": "event_id"}


def _one(tx: Tx, name: str, params: Mapping[str, Any]) -> Any:
    reads = tx.reads if name in _CACHED else None
    key = (name, params[_CACHED[name]]) if reads is not None else ("", "")
    if reads is not None and key in reads:
        return reads[key]
    cur = _cursor(tx)
    cur.execute(_sql(tx)[name], params)
    row = cur.fetchone()
    if reads is not None:
        reads[key] = None if row is None else tuple(row)
    return row


def _run(tx: Tx, name: str, params: Mapping[str, Any]) -> None:
    held = tx.held
    if held is not None and tx.reads is not None and name in _HELD:
        held.hold(name, dict(params))
    else:
        _cursor(tx).execute(_sql(tx)[name], params)
    reads = tx.reads
    if reads is None:
        return
    # what the statement wrote, as the matching read would now return it
    if name == "presence_set":
        reads[("presence_get", params["a"])] = (params["room"], params["hlc"], params["event_id"])
    elif name == "presence_del":
        reads[("presence_get", params["a"])] = None
    elif name in ("checkin_add", "checkin_earliest"):
        reads[("checkin_get", params["a"])] = (params["event_id"], params["hlc"], params["station_id"],
                                               params.get("count", 1), params["stations"])
    elif name == "checkin_count":
        old = reads.pop(("checkin_get", params["a"]), None)
        if old is not None:
            reads[("checkin_get", params["a"])] = (*old[:3], params["count"], params["stations"])
    elif name == "checkin_del":
        reads[("checkin_get", params["a"])] = None
    elif name == "voided_set":
        reads[("voided_get", params["event_id"])] = (1,)


#: the rules' writes :class:`_Held` holds back
_HELD = frozenset({"presence_set", "presence_del", "bump_present", "bump_adjust", "checkin_add", "checkin_count",
                   "checkin_earliest", "conflict_add", "room_touch", "visit_first"})
_CHECKIN_COLUMNS = ("event_id", "hlc", "at", "station_id", "operator", "count", "stations")


class _Held:
    """A group's writes to presence, room counts, visits, check-ins and conflicts, made at its end in
    one statement each: the last state of each person's presence and check-in, the sum of each room's
    moves, its newest event time, each first visit, the conflicts in order. Every read of those rows
    in the group is answered from ``Tx.reads`` (or comes after :func:`_write_held`), which the writes
    keep up to date, so holding them back changes no outcome; on PostgreSQL it saves the group's
    writer a round trip per statement."""

    def __init__(self) -> None:
        self.presence: dict[str, dict[str, Any]] = {}
        self.present: dict[str, int] = {}
        self.adjust: dict[str, int] = {}
        self.touched: dict[str, str] = {}
        self.visits: dict[tuple[str, str], str] = {}
        self.checkins: dict[str, dict[str, Any]] = {}
        self.conflicts: list[dict[str, Any]] = []

    def hold(self, name: str, params: dict[str, Any]) -> None:
        if name in ("presence_set", "presence_del"):
            self.presence[params["a"]] = {**params, "_delete": name == "presence_del"}
        elif name in ("bump_present", "bump_adjust"):
            sums = self.present if name == "bump_present" else self.adjust
            sums[params["room"]] = sums.get(params["room"], 0) + params["delta"]
        elif name == "room_touch":  # a maximum
            self.touched[params["room"]] = max(self.touched.get(params["room"], ""), params["wall"])
        elif name == "visit_first":  # a minimum
            key = (params["a"], params["scope"])
            self.visits[key] = min(self.visits.get(key, params["hlc"]), params["hlc"])
        elif name == "conflict_add":
            self.conflicts.append(params)
        else:  # a check-in row: what the statements so far set of it
            row = self.checkins.setdefault(params["a"], {"a": params["a"]})
            row.update({k: v for k, v in params.items() if k in _CHECKIN_COLUMNS})
            if name == "checkin_add":
                row["count"] = 1

    def write_visits(self, cur: Any, sql: Mapping[str, str]) -> None:
        if self.visits:
            cur.executemany(sql["visit_first"], [{"a": a, "scope": scope, "hlc": hlc}
                                                 for (a, scope), hlc in self.visits.items()])
            self.visits = {}


def _write_held(tx: Tx) -> None:
    held = tx.held
    if held is None:
        return
    tx.held = None
    cur = _cursor(tx)
    sql = _sql(tx)
    for name, delete in (("presence_del", True), ("presence_set", False)):
        batch = [{k: v for k, v in row.items() if k != "_delete"} for row in held.presence.values()
                 if row["_delete"] == delete]
        if batch:
            cur.executemany(sql[name], batch)
    for name, sums in (("bump_present", held.present), ("bump_adjust", held.adjust)):
        moves = [{"room": room, "delta": delta} for room, delta in sums.items()]
        if moves:
            cur.executemany(sql[name], moves)
    if held.touched:
        cur.executemany(sql["room_touch"], [{"room": room, "wall": wall} for room, wall in held.touched.items()])
    held.write_visits(cur, sql)
    # a row written whole (added, or a new earliest check-in), or one from before the group whose
    # count and stations alone changed
    rows: dict[str, list[dict[str, Any]]] = {"checkin_put": [], "checkin_count": []}
    for row in held.checkins.values():
        rows["checkin_put" if "event_id" in row else "checkin_count"].append(row)
    for name, batch in rows.items():
        if batch:
            cur.executemany(sql[name], batch)
    if held.conflicts:
        cur.executemany(sql["conflict_add"], held.conflicts)


def _rows_in(tx: Tx, select: str, keys: Sequence[str]) -> Iterator[tuple[Any, ...]]:
    """Rows of ``select`` (ending in the key column) ``IN`` ``keys``, a chunk of keys a query."""
    cur = _cursor(tx)
    postgres = tx.store.dialect == "postgresql"
    for start in range(0, len(keys), _IN_CHUNK):
        chunk = keys[start:start + _IN_CHUNK]
        marks = ", ".join((f"%(i{n})s" if postgres else f":i{n}") for n in range(len(chunk)))
        cur.execute(f"{select} IN ({marks})", {f"i{n}": v for n, v in enumerate(chunk)})
        yield from cur.fetchall()


def _named_subject(ev: Event) -> str | None:
    """The subject a room event names: the attendee, or ``badge:SERIAL`` (what :meth:`Store._prefetch`
    reads ahead; the rules then resolve a badge whose issue is known to its attendee)."""
    attendee_id = ev.payload.get("attendee_id")
    if attendee_id:
        return str(attendee_id)
    serial = ev.payload.get("badge_serial")
    return f"badge:{serial}" if serial else None


def _event(row: Sequence[Any]) -> Event:
    event_id, hlc, station_id, type_, payload, operator, wall, flags = row
    return Event(event_id, hlc, station_id, type_, _loads(payload, {}), operator, wall, tuple(_loads(flags, [])))


_BADGE_COLUMNS = ("serial", "attendee_id", "category", "key_id", "token", "issued_hlc", "event_id", "revoked_hlc",
                  "revoked_reason")


class _Rules:
    """The rules' storage in a registry write transaction: reads answered from the group's cache, writes
    held to its end (:class:`_Held`), the log's events not applied yet left out, and every changed badge
    and attendee published in the feed."""

    conflicts = True

    __slots__ = ("tx",)

    def __init__(self, tx: Tx) -> None:
        self.tx = tx

    def one(self, name: str, params: Mapping[str, Any]) -> Any:
        return _one(self.tx, name, params)

    def all(self, name: str, params: Mapping[str, Any]) -> list[Any]:
        tx = self.tx
        if name == "visits_of" and tx.held is not None:
            tx.held.write_visits(_cursor(tx), _sql(tx))  # the held first visits, before reading them
        cur = _cursor(tx)
        cur.execute(_sql(tx)[name], params)
        return list(cur.fetchall())

    def run(self, name: str, params: Mapping[str, Any]) -> None:
        _run(self.tx, name, params)

    def logged_checkin(self, event_id: str) -> Event | None:
        if event_id in self.tx.unapplied:
            return None  # later in this group: it is applied in its turn
        row = _one(self.tx, "log_get", {"id": event_id})
        return _event(row) if row is not None and row[3] == "checkin" else None

    def checkins_naming(self, attendee_id: str, serials: Iterable[str]) -> list[Event]:
        conn = self.tx.conn
        found = conn.execute(sa.select(log_t.c.id, log_t.c.hlc, log_t.c.station_id, log_t.c.type, log_t.c.payload,
                                       log_t.c.operator, log_t.c.wall, log_t.c.flags).where(
            log_t.c.type == "checkin",
            sa.or_(log_t.c.payload.contains(attendee_id), *(log_t.c.payload.contains(s) for s in serials))))
        return [_event(row) for row in found if row[0] not in self.tx.unapplied]

    def recomputing(self) -> None:
        # what follows reads and writes check-ins behind the cache: the held writes first, then
        # every read from the database for the rest of the group
        _write_held(self.tx)
        self.tx.reads = None

    def changed(self, kind: str, key: str) -> None:
        tx = self.tx
        if kind == "badge":
            row = _one(tx, "badge_get", {"serial": key})
            if row is not None:
                tx.emit("badge", dict(zip(_BADGE_COLUMNS, row, strict=True)))
        elif kind == "attendee":
            tx.emit("attendee", tx.store._attendee_item(tx.conn, key))


def utc_iso(ts: float) -> str:
    return datetime.fromtimestamp(ts, UTC).isoformat(timespec="seconds")
