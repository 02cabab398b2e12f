"""A new station's first sync from the registry's snapshot: download, verify, swap in, follow the feed.

The registry hands a new station a ready replica of the event (:mod:`venue_app.registry.snapshot`):
attendees, program, derived state and search index, as of one feed position, for the station's role
class. The station

1. downloads it next to its replica (``station.sqlite3.snapshot``) over its pinned TLS client, hashing
   as it goes;
2. checks it: the manifest (``X-Venue-Snapshot``) must carry the registry key's signature over this
   event, this station's role class, the feed position, the file's SHA-256 and size; the file must
   match them and be a replica of this code's schema version;
3. copies its own rows into it (identity, keys, settings kept in ``meta``, its own ``stations`` and
   ``event`` rows, scans and print jobs): the snapshot never overrides who the station is;
4. swaps it in atomically: a closed replica by ``os.replace`` of the file, an open one through SQLite's
   backup API (one write transaction on the open database);
5. follows the feed from the snapshot's position (its ``feed_cursor``).

Only a replica that holds no attendees, no log and no feed position takes a snapshot: a station that
already has events never loses them to one. A process killed while downloading or swapping leaves
either the old (empty) replica or the complete new one, never a mixture; the next sync tries again.
A registry without snapshots (404), a snapshot that does not arrive or one that fails its checks makes
the station pull the feed as before, with the reason logged (:meth:`venue_app.sync.engine.SyncEngine.from_snapshot`).
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from venue_app.keys import PublicKey
from venue_app.registry.snapshot import HEADER, Manifest, role_class
from venue_app.sync.client import RegistryClient, SyncError

if TYPE_CHECKING:
    from venue_app.replica import Replica

__all__ = ["SnapshotRejected", "SnapshotResult", "eligible", "fetch", "install_closed", "install_open"]

log = logging.getLogger(__name__)

#: meta keys that describe the data, so they come from the snapshot; every other meta key is the station's
_DATA_META = frozenset({"feed_cursor", "feed_head", "snapshot_seq", "snapshot_role", "sync_status",
                        "registry_epoch", "registry_link"})
#: tables whose rows are the station's own (an empty replica holds nothing else worth keeping)
_OWN_TABLES = ("event", "keys", "stations", "scans", "print_jobs")


class SnapshotRejected(SyncError):
    """A snapshot that failed its checks: not swapped in (the station pulls the feed instead)."""

    retry = False


@dataclass
class SnapshotResult:
    manifest: Manifest
    bytes: int
    download_s: float
    swap_s: float


def part_path(replica_path: Path) -> Path:
    return replica_path.with_name(replica_path.name + ".snapshot")


def eligible(conn: sqlite3.Connection) -> bool:
    """Whether the replica of ``conn`` may take a snapshot: no attendees, no log, no feed position yet."""
    if conn.execute("SELECT 1 FROM attendees LIMIT 1").fetchone() is not None:
        return False
    if conn.execute("SELECT 1 FROM log LIMIT 1").fetchone() is not None:
        return False
    cursor = conn.execute("SELECT value FROM meta WHERE key = 'feed_cursor'").fetchone()
    return cursor is None or str(cursor[0]) in ("0", '"0"')


def _identity(conn: sqlite3.Connection) -> tuple[PublicKey, str, str, int]:
    """(registry key, event id, role, schema version) the snapshot must match."""

    def meta(key: str) -> str:
        row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return str(json.loads(row[0])) if row else ""

    row = conn.execute("SELECT public_key FROM keys WHERE kind = 'registry' LIMIT 1").fetchone()
    if row is None:
        raise SnapshotRejected("This station has no registry key to check a snapshot with.")
    return PublicKey.from_text(row[0]), meta("event_id"), meta("role"), int(conn.execute("PRAGMA user_version")
                                                                          .fetchone()[0])


def fetch(client: RegistryClient, conn: sqlite3.Connection, part: Path) -> tuple[Manifest, int, float]:
    """Download the snapshot for this station into ``part`` and check it against the replica of ``conn``;
    returns (manifest, size, seconds). Raises :class:`SnapshotRejected` when it fails a check."""
    registry_key, event_id, role, version = _identity(conn)
    started = time.perf_counter()
    with open(part, "wb") as out:
        header, digest = client.snapshot(out, HEADER)
        out.flush()
        os.fsync(out.fileno())
    seconds = time.perf_counter() - started
    size = part.stat().st_size
    try:
        manifest = Manifest.from_json(header)
    except ValueError as exc:
        raise SnapshotRejected(f"The registry sent a snapshot without a valid manifest ({exc}).") from exc
    problem = None
    if not manifest.verify(registry_key):
        problem = "its signature is not the registry's"
    elif manifest.event_id != event_id:
        problem = "it is of another event"
    elif manifest.role_class != role_class(role):
        problem = f"it is for {manifest.role_class} stations, this one is a {role}"
    elif manifest.size != size or manifest.sha256 != digest:
        problem = "the file that arrived is not the one the registry signed"
    else:
        check = sqlite3.connect(f"file:{part}?mode=ro", uri=True)
        try:
            theirs = check.execute("PRAGMA user_version").fetchone()[0]
        except sqlite3.DatabaseError:
            theirs = -1
        finally:
            check.close()
        if theirs != version:
            problem = f"its schema version is {theirs}, this station's {version}"
    if problem:
        part.unlink(missing_ok=True)
        raise SnapshotRejected(f"The registry's snapshot was refused: {problem}. Pulling the feed instead.")
    return manifest, size, seconds


def _adopt_own_rows(part: Path, own: Path, epoch: str | None = None) -> None:
    """Copy the station's own rows from the replica at ``own`` into the snapshot at ``part``; ``epoch``: the
    feed epoch the snapshot came with (its position means something in that feed only)."""
    conn = sqlite3.connect(str(part), isolation_level=None)
    try:
        conn.execute("ATTACH DATABASE ? AS own", (str(own),))
        conn.execute("BEGIN IMMEDIATE")
        conn.execute(f"INSERT OR REPLACE INTO main.meta(key, value) SELECT key, value FROM own.meta"
                     f" WHERE key NOT IN ({', '.join('?' * len(_DATA_META))})", tuple(_DATA_META))
        if epoch is not None:
            conn.execute("INSERT OR REPLACE INTO main.meta(key, value) VALUES ('registry_epoch', ?)",
                         (json.dumps(epoch),))
        for table in _OWN_TABLES:
            columns = ", ".join(r[1] for r in conn.execute(f"PRAGMA main.table_info({table})"))
            conn.execute(f"INSERT OR IGNORE INTO main.{table}({columns}) SELECT {columns} FROM own.{table}")
        conn.execute("COMMIT")
        conn.execute("DETACH DATABASE own")
    finally:
        conn.close()
    with open(part, "rb") as fh:
        os.fsync(fh.fileno())


def _fsync_dir(path: Path) -> None:
    with contextlib.suppress(OSError):  # not every platform can open a directory
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def install_closed(client: RegistryClient, replica_path: Path) -> SnapshotResult | None:
    """Take the registry's snapshot into the replica file at ``replica_path``, which no connection has
    open; None when the replica is not :func:`eligible` (nothing changed then)."""
    conn = sqlite3.connect(str(replica_path), isolation_level=None)
    try:
        if not eligible(conn):
            return None
        # the replica's WAL folded back and removed: a WAL left beside the file would be replayed onto
        # the snapshot after the swap
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        part = part_path(replica_path)
        manifest, size, download_s = fetch(client, conn, part)
    finally:
        conn.close()
    started = time.perf_counter()
    _adopt_own_rows(part, replica_path, client.epoch)
    for side in ("-wal", "-shm"):
        Path(f"{replica_path}{side}").unlink(missing_ok=True)
    os.replace(part, replica_path)
    _fsync_dir(replica_path.parent)
    return SnapshotResult(manifest, size, download_s, time.perf_counter() - started)


def install_open(client: RegistryClient, replica: Replica, *, pages: int = -1,
                 step: Callable[[int, int, int], object] | None = None) -> SnapshotResult | None:
    """Take the registry's snapshot into an open replica; None when it is not :func:`eligible`.

    The copy is one write transaction on the open database, however many ``pages`` each step copies
    (``step`` is SQLite's backup progress callback): a process killed during it leaves the replica as it was."""
    part = part_path(replica.path)
    with replica._lock:
        if not eligible(replica.conn):
            part.unlink(missing_ok=True)  # what a killed attempt left, once the feed made it useless
            return None
        try:
            manifest, size, download_s = fetch(client, replica.conn, part)
        except BaseException:
            part.unlink(missing_ok=True)
            raise
    started = time.perf_counter()
    _adopt_own_rows(part, replica.path, client.epoch)
    source = sqlite3.connect(f"file:{part}?mode=ro", uri=True)
    try:
        with replica._lock:
            if not eligible(replica.conn):  # a walk-in registered while it downloaded: keep the feed way
                return None
            source.backup(replica.conn, pages=pages, progress=step)
    finally:
        source.close()
        part.unlink(missing_ok=True)
    return SnapshotResult(manifest, size, download_s, time.perf_counter() - started)
