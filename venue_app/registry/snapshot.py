"""Snapshots: a ready station replica of the event, built by the registry, for a new station's first sync.

A first sync that replays the feed item by item costs a new station seconds of decoding, upserting and
search indexing for 100,000 people. A snapshot does that work once, at the registry: it is a station
replica file (the station's own schema, migrations applied, derived state, search index built) holding
everything the feed held up to one feed position, as a station of one *role class* may receive it
(:func:`venue_app.roles.minimise`: a door or dashboard snapshot has no e-mail, phone, notes or
accessibility needs, not even inside the station events' payloads). A new station downloads it, checks
its hash and the registry's signature (:class:`Manifest`), swaps it in and follows the feed from there
(:mod:`venue_app.sync.snapshot`).

Built on demand, cached by feed position per role class in the registry's data directory: a cached
snapshot is served as long as it is at most :data:`STALE_ITEMS` feed items behind (the station catches
up through the feed); a staler one is still served while a fresh one is built in the background.

The snapshot's content is the feed's: items are applied in feed order with the station's rules (the
master data upserted as ``venue_app.sync.apply`` does, station events through
:func:`venue_app.eventlog.append`), so a station started from a snapshot holds what one that pulled the
whole feed holds (tests/venue_app/sync/test_snapshot.py compares the two).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import logging
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from venue_app import eventlog, feeditems, linkstatus, search
from venue_app.events import Event
from venue_app.events import check as check_event
from venue_app.issuers import apply_item
from venue_app.keys import PublicKey, SigningKey
from venue_app.registry.protocol import verify_certificate
from venue_app.replica import BULK_INDEXES, Replica, connect, ensure_indexes, migrate
from venue_app.roles import minimise, withheld

if TYPE_CHECKING:  # the station imports this module for the manifest: no SQLAlchemy there
    from venue_app.registry.store import Store

__all__ = [
    "FORMAT",
    "HEADER",
    "STALE_ITEMS",
    "Manifest",
    "SnapshotCache",
    "build",
    "file_sha256",
    "role_class",
    "schema_version",
    "station_role",
]

log = logging.getLogger(__name__)

FORMAT = "venue-snapshot/1"
#: the response header that carries the manifest (JSON) with the snapshot file
HEADER = "X-Venue-Snapshot"
#: a cached snapshot this many feed items behind the head is rebuilt (in the background)
STALE_ITEMS = 20_000
_PAGE = 5000
_HASH_CHUNK = 1 << 20
#: role classes: every station role of one class receives the same data (see venue_app.roles)
_CLASSES = {"full": "desk", "minimal": "door"}


def station_role(store: Store, station_id: str) -> str:
    """The role of an enrolled station (the registry's record, not what the station says)."""
    import sqlalchemy as sa

    from venue_app.registry.store import stations_t

    with store.read() as conn:
        role = conn.execute(sa.select(stations_t.c.role).where(stations_t.c.id == station_id)).scalar_one_or_none()
    return str(role or "")


def role_class(role: str) -> str:
    """``full`` for roles that receive every attendee field (desks), ``minimal`` for the others."""
    return "full" if not withheld(role) else "minimal"


@dataclass(frozen=True)
class Manifest:
    """What a snapshot is: signed by the registry key, checked by the station before it swaps it in."""

    event_id: str
    role_class: str
    seq: int
    sha256: str
    size: int
    key_id: str
    signature: str = ""

    def message(self) -> bytes:
        return "\n".join((FORMAT, self.event_id, self.role_class, str(self.seq), self.sha256, str(self.size),
                          self.key_id)).encode()

    def signed(self, key: SigningKey) -> Manifest:
        signature = base64.b64encode(key.sign(self.message())).decode("ascii")
        return Manifest(**{**asdict(self), "key_id": key.key_id, "signature": signature})

    def verify(self, key: PublicKey) -> bool:
        """Whether the registry key ``key`` signed exactly this manifest."""
        if self.key_id != key.key_id:
            return False
        try:
            signature = base64.b64decode(self.signature, validate=True)
        except (binascii.Error, ValueError):
            return False
        return key.verify(signature, self.message())

    def as_json(self) -> str:
        return json.dumps(asdict(self), sort_keys=True)

    @classmethod
    def from_json(cls, text: str | bytes) -> Manifest:
        """The manifest of ``text``; ValueError when it is not one."""
        try:
            data = json.loads(text)
            return cls(event_id=str(data["event_id"]), role_class=str(data["role_class"]), seq=int(data["seq"]),
                       sha256=str(data["sha256"]), size=int(data["size"]), key_id=str(data["key_id"]),
                       signature=str(data["signature"]))
        except (ValueError, KeyError, TypeError) as exc:
            raise ValueError(f"not a snapshot manifest ({exc})") from exc


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(_HASH_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


# -- building --------------------------------------------------------------------------------------
def _items(store: Store, head: int) -> Iterator[tuple[int, str, dict[str, Any]]]:
    after = 0
    while after < head:
        page, _ = store.feed_page(after, _PAGE)
        if not page:
            return
        for seq, kind, data in page:
            if seq > head:
                return
            yield seq, kind, json.loads(data)
        after = page[-1][0]


def build(store: Store, role: str, dest: Path, key: SigningKey,
          progress: Callable[[int, int], None] | None = None) -> Manifest:
    """Build the snapshot of the event for a station of ``role`` at ``dest`` (replaced atomically);
    returns its signed manifest."""
    dest = Path(dest)
    part = dest.with_name(dest.name + ".part")
    for leftover in (part, Path(f"{part}-wal"), Path(f"{part}-shm"), Path(f"{part}-journal")):
        leftover.unlink(missing_ok=True)
    event = store.event()
    head = store.head()
    cls = role_class(role)
    station_role = _CLASSES[cls]
    registry_key = PublicKey.from_text(str(event["registry_key"]["public_key"]))
    replica = Replica(part)
    try:
        with replica.transaction(durable=False, index=False) as conn:
            for name in BULK_INDEXES:
                conn.execute(f"DROP INDEX IF EXISTS {name}")
            conn.execute("INSERT INTO event(id, name, tag, timezone, starts, ends, languages, data)"
                         " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                         (event["id"], event["name"], event["tag"], event.get("timezone") or "UTC", event.get("starts"),
                          event.get("ends"), json.dumps(event.get("languages") or []),
                          json.dumps(event.get("data") or {})))
            conn.execute("INSERT INTO keys(key_id, public_key, owner, kind) VALUES (?, ?, 'registry', 'registry')",
                         (registry_key.key_id, registry_key.text))
            batch: list[Mapping[str, Any]] = []
            done = 0
            for seq, kind, data in _items(store, head):
                data = minimise(station_role, kind, data)
                done += 1
                if progress and done % 20_000 == 0:
                    progress(seq, head)
                if kind == "attendee":
                    batch.append(data)
                    continue
                if batch:
                    _attendees(conn, batch)
                    batch = []
                _apply(conn, seq, kind, dict(data), registry_key)
            if batch:
                _attendees(conn, batch)
            ensure_indexes(conn)
            search.flush(conn)  # the whole search index, built here once instead of at every new station
            for k, v in {"feed_cursor": head, "feed_head": head, "snapshot_seq": head, "snapshot_role": cls,
                         "event_id": event["id"]}.items():
                replica.set_meta(conn, k, v)
    finally:
        replica.close()
    # one self-contained file (no -wal beside it), compact: what the station downloads
    conn = sqlite3.connect(str(part), isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode = DELETE")
        conn.execute("VACUUM")
    finally:
        conn.close()
    with open(part, "rb") as fh:
        os.fsync(fh.fileno())
    manifest = Manifest(event_id=str(event["id"]), role_class=cls, seq=head, sha256=file_sha256(part),
                        size=part.stat().st_size, key_id=key.key_id).signed(key)
    os.replace(part, dest)
    if progress:
        progress(head, head)
    return manifest


def _attendees(conn: sqlite3.Connection, items: list[Mapping[str, Any]]) -> None:
    """Master records in one batch, as a station applies a feed page of them (already minimised for the role)."""
    has_edits = conn.execute("SELECT 1 FROM attendee_edits LIMIT 1").fetchone() is not None
    feeditems.attendees(conn, items, has_edits=has_edits)


def _apply(conn: sqlite3.Connection, seq: int, kind: str, data: dict[str, Any], registry_key: PublicKey) -> None:
    """One feed item other than an attendee, stored as a station stores it (:mod:`venue_app.feeditems`)."""
    if kind == "event":
        feeditems.event(conn, data)
    elif kind == "category":
        feeditems.category(conn, data)
    elif kind == "room":
        feeditems.room(conn, data)
    elif kind == "session":
        feeditems.session(conn, data)
    elif kind == "station":
        public = data.get("public_key")
        if public and verify_certificate(registry_key, data["id"], public, data.get("certificate") or ""):
            feeditems.station(conn, data)
    elif kind == "grant":
        feeditems.grant(conn, data)
    elif kind == "badge":
        pass  # badge validity derives from the badge events themselves
    elif kind == "station_event":
        _station_event(conn, seq, data)
    elif kind in ("issuer", "issuer_secret"):
        apply_item(conn, kind, data)  # trusted ticket issuers (issue 18)
    elif kind == linkstatus.KIND:
        feeditems.link_status(conn, data)  # the registry's link with pretix, for the dashboard
    else:
        feeditems.keep_unknown(conn, seq, kind, data)


def _station_event(conn: sqlite3.Connection, seq: int, data: Mapping[str, Any]) -> None:
    event = Event(str(data["id"]), str(data["hlc"]), str(data["station_id"]), str(data["type"]),
                  dict(data.get("payload") or {}), str(data.get("operator") or ""), str(data.get("wall") or ""),
                  tuple(data.get("flags") or ()))
    if event.type not in eventlog.EVENT_TYPES:
        feeditems.keep_unknown(conn, seq, f"station_event:{event.type}", data)
        return
    problem = check_event(event.type, event.payload)
    if problem is not None:
        feeditems.keep_unknown(conn, seq, f"station_event:{problem.code}", data)
        return
    eventlog.append(conn, event, outbox=False)


# -- the cache -------------------------------------------------------------------------------------
def schema_version() -> int:
    """The station replica schema this code builds snapshots in (its last station migration)."""
    conn = connect(":memory:")
    try:
        return migrate(conn)
    finally:
        conn.close()


class SnapshotCache:
    """Snapshots of one registry, per role class, in ``root``: ``<class>-<seq>.sqlite3`` files and the
    manifest of the current one, ``<class>.json`` (written last, so it never names a file not complete).

    :meth:`get` answers with the cached snapshot when it is fresh enough, builds one when there is none
    (one build per class at a time: concurrent stations wait for the same build) and rebuilds a stale
    one in a background thread while still serving it. A file being sent stays readable when a newer
    one replaces it (the previous one is kept; older ones are removed).
    """

    def __init__(self, store: Store, key: SigningKey, root: Path, *, stale_items: int = STALE_ITEMS) -> None:
        self.store, self.key, self.root = store, key, Path(root)
        self.stale_items = stale_items
        self._locks = {cls: threading.Lock() for cls in _CLASSES}
        self._background: dict[str, threading.Thread] = {}
        self.builds = 0  # how many snapshots this cache built (tests and the bench read it)
        self.schema = schema_version()
        self.last_build_s = 0.0

    def path(self, manifest: Manifest) -> Path:
        return self.root / f"{manifest.role_class}-{manifest.seq}.sqlite3"

    def cached(self, cls: str) -> Manifest | None:
        """The manifest of the cached snapshot of ``cls``; None when there is none, or it is not of this
        registry's feed as it is now (another key, another epoch: a registry restored from its stations,
        or a position beyond the head: a database restored from a backup) or not of this code's station
        schema (a registry upgraded since it was built)."""
        try:
            text = (self.root / f"{cls}.json").read_bytes()
            manifest, side = Manifest.from_json(text), json.loads(text)
            epoch, schema = str(side.get("epoch") or ""), side.get("schema")
        except (OSError, ValueError, AttributeError):
            return None
        if manifest.key_id != self.key.key_id or manifest.role_class != cls or not self.path(manifest).exists():
            return None
        if schema != self.schema:  # built by another version of this code: stations of this one would refuse it
            return None
        with self.store.read() as conn:
            if epoch != (self.store.meta(conn, "epoch") or ""):
                return None
        if manifest.seq > self.store.head():
            return None
        return manifest

    def get(self, role: str) -> tuple[Manifest, Path]:
        """A snapshot for a station of ``role``: (manifest, file)."""
        cls = role_class(role)
        manifest = self.cached(cls)
        if manifest is None:
            with self._locks[cls]:
                manifest = self.cached(cls)  # another request may have built it while we waited
                if manifest is None:
                    manifest = self._build(cls)
        elif self.store.head() - manifest.seq > self.stale_items:
            self._refresh_later(cls)
        return manifest, self.path(manifest)

    def _build(self, cls: str) -> Manifest:
        self.root.mkdir(parents=True, exist_ok=True)
        started = time.perf_counter()
        with self.store.read() as conn:
            epoch = self.store.meta(conn, "epoch") or ""  # read first: a restore meanwhile makes it stale, not wrong
        building = self.root / f"{cls}.{os.getpid()}.building"  # workers of one host share root
        manifest = build(self.store, _CLASSES[cls], building, self.key)
        os.replace(building, self.path(manifest))
        side = self.root / f"{cls}.json.part"
        side.write_text(json.dumps({**json.loads(manifest.as_json()), "epoch": epoch, "schema": self.schema}),
                        encoding="utf-8")
        os.replace(side, self.root / f"{cls}.json")
        keep = {self.path(manifest).name}
        previous = sorted(self.root.glob(f"{cls}-*.sqlite3"), key=lambda p: p.stat().st_mtime)
        keep.update(p.name for p in previous[-2:])
        for old in previous:
            if old.name not in keep:
                old.unlink(missing_ok=True)
        self.builds += 1
        self.last_build_s = time.perf_counter() - started
        return manifest

    def _refresh_later(self, cls: str) -> None:
        running = self._background.get(cls)
        if running is not None and running.is_alive():
            return

        def work() -> None:
            if not self._locks[cls].acquire(blocking=False):
                return
            try:
                self._build(cls)
            except Exception:  # the stale snapshot stays in service; the next request tries again
                log.exception("rebuilding the %s snapshot failed", cls)
            finally:
                self._locks[cls].release()

        thread = threading.Thread(target=work, name=f"snapshot-{cls}", daemon=True)
        self._background[cls] = thread
        thread.start()
