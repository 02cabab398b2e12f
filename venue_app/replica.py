"""The station's local SQLite replica: connection, numbered migrations, the single writer.

Durability: WAL with ``synchronous=FULL`` so a committed transaction survives power loss and a
killed process; a verdict is only returned after its transaction committed. All writes go through
one connection guarded by a lock (the single writer); other threads read through their own
connections, which WAL lets run beside the writer.
"""

from __future__ import annotations

import contextlib
import importlib
import json
import pkgutil
import sqlite3
import threading
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from venue_app import migrations as migrations_pkg
from venue_app import search
from venue_app.errors import ReplicaError, StorageFault

__all__ = ["Replica", "connect", "migrate"]

_STORAGE_ERRORS = ("disk is full", "readonly", "read-only", "disk i/o error", "unable to open", "locked")


def connect(path: Path | str, *, readonly: bool = False) -> sqlite3.Connection:
    """Open a connection with the replica's pragmas (autocommit mode; transactions are explicit)."""
    if readonly:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None,
                               check_same_thread=False, timeout=30)
    else:
        conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False, timeout=30)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA busy_timeout = 30000")
    if not readonly:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        # checkpoints run in the replica's background thread, not inside a scan's commit
        conn.execute("PRAGMA wal_autocheckpoint = 0")
    conn.execute("PRAGMA cache_size = -32000")
    conn.execute("PRAGMA temp_store = MEMORY")
    # the first search migrations' triggers called Python functions (m0011 made them plain SQL)
    search.install(conn)
    return conn


def _migration_modules() -> list[tuple[int, Any]]:
    found = []
    for info in pkgutil.iter_modules(migrations_pkg.__path__):
        if info.name.startswith("m") and info.name[1:5].isdigit():
            module = importlib.import_module(f"{migrations_pkg.__name__}.{info.name}")
            found.append((int(info.name[1:5]), module))
    found.sort(key=lambda item: item[0])
    numbers = [n for n, _ in found]
    if len(set(numbers)) != len(numbers):
        raise ReplicaError(f"two migrations share a number: {numbers}")
    return found


def migrate(conn: sqlite3.Connection) -> int:
    """Apply every migration newer than the database; returns the resulting schema version."""
    current = conn.execute("PRAGMA user_version").fetchone()[0]
    for number, module in _migration_modules():
        if number <= current:
            continue
        conn.execute("BEGIN IMMEDIATE")
        try:
            if hasattr(module, "apply"):
                module.apply(conn)
            else:
                for statement in _split_sql(module.SQL):
                    conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {number}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        current = number
    return current


def _split_sql(script: str) -> Iterator[str]:
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            if buffer.strip():
                yield buffer
            buffer = ""
    if buffer.strip():
        yield buffer


#: attendee indexes a first sync drops while it loads (one build at the end beats 100,000 inserts into
#: them); recreated by :func:`ensure_indexes` when a replica opens, so a load that died leaves none missing
BULK_INDEXES = {
    "attendees_email": "CREATE INDEX IF NOT EXISTS attendees_email ON attendees(email) WHERE email != ''",
    "attendees_delegation": "CREATE INDEX IF NOT EXISTS attendees_delegation ON attendees(delegation)"
                            " WHERE delegation != ''",
}


def ensure_indexes(conn: sqlite3.Connection) -> None:
    for sql in BULK_INDEXES.values():
        conn.execute(sql)


class Replica:
    """One replica file: the writer connection plus per-thread readers."""

    def __init__(self, path: Path) -> None:
        self.path = path
        conn: sqlite3.Connection | None = None
        try:
            conn = connect(path)
            migrate(conn)
            ensure_indexes(conn)
        except BaseException as exc:
            if conn is not None:
                conn.close()  # a replica that cannot open leaves no connection behind
            if isinstance(exc, sqlite3.OperationalError):
                raise _as_fault(exc) from exc
            raise
        self.conn = conn
        self._lock = threading.RLock()
        self._local = threading.local()
        self._readers: list[sqlite3.Connection] = []
        self._closed = threading.Event()
        self._checkpointer = threading.Thread(target=self._checkpoint_loop, name="replica-checkpoint", daemon=True)
        self._checkpointer.start()

    def _checkpoint_loop(self) -> None:
        """Fold the WAL back into the database every second, off the scan path (PASSIVE: never
        waits for readers or the writer, so a scan is never held up by it)."""
        conn: sqlite3.Connection | None = None
        try:
            while not self._closed.wait(1.0):
                if conn is None:
                    conn = sqlite3.connect(str(self.path), isolation_level=None, check_same_thread=False, timeout=1)
                with contextlib.suppress(sqlite3.Error):  # busy or gone: the next round tries again
                    conn.execute("PRAGMA wal_checkpoint(PASSIVE)")
        finally:
            if conn is not None:
                conn.close()

    # -- writing -------------------------------------------------------------------------------
    @contextmanager
    def transaction(self, *, durable: bool = True, index: bool = True) -> Iterator[sqlite3.Connection]:
        """The single-writer transaction: committed (durably) when the block exits cleanly.

        The attendees it wrote (queued by the search triggers) are indexed before it commits, unless
        the queue is long or ``index`` is False: then :func:`venue_app.search.flush_some` does it in
        the background (a feed page: the data lands at network speed, the index follows in small
        batches that never hold the writer long; search scans the queue meanwhile).

        ``durable=False`` skips the fsync at commit (``synchronous = NORMAL`` in WAL mode): a crash
        may lose that transaction, never corrupt the file. Only for writes that can be fetched
        again, such as a feed page applied together with its cursor; the next durable commit makes
        it durable too.
        """
        with self._lock:
            if not durable:
                self.conn.execute("PRAGMA synchronous = NORMAL")
            try:
                try:
                    self.conn.execute("BEGIN IMMEDIATE")
                except sqlite3.OperationalError as exc:
                    raise _as_fault(exc) from exc
                try:
                    yield self.conn
                    if index:  # what it wrote (or another tool since) is searchable once it commits
                        search.flush_if_short(self.conn)
                except BaseException:
                    self.conn.execute("ROLLBACK")
                    raise
                try:
                    self.conn.execute("COMMIT")
                except sqlite3.OperationalError as exc:
                    if self.conn.in_transaction:
                        self.conn.execute("ROLLBACK")
                    raise _as_fault(exc) from exc
            finally:
                if not durable:
                    self.conn.execute("PRAGMA synchronous = FULL")

    # -- reading -------------------------------------------------------------------------------
    def reader(self) -> sqlite3.Connection:
        """A read-only connection for the calling thread (WAL: never blocks the writer)."""
        conn = getattr(self._local, "reader", None)
        if conn is None:
            conn = connect(self.path, readonly=True)
            self._local.reader = conn
            with self._lock:
                self._readers.append(conn)
            # a worker thread that ends takes its connection with it
            weakref.finalize(threading.current_thread(), self._drop_reader, conn)
        return conn

    def _drop_reader(self, conn: sqlite3.Connection) -> None:
        with self._lock:
            if conn in self._readers:
                self._readers.remove(conn)
                conn.close()

    def query(self, sql: str, params: tuple[Any, ...] | dict[str, Any] = ()) -> list[sqlite3.Row]:
        with self._lock:
            return self.conn.execute(sql, params).fetchall()

    def one(self, sql: str, params: tuple[Any, ...] | dict[str, Any] = ()) -> sqlite3.Row | None:
        with self._lock:
            return self.conn.execute(sql, params).fetchone()

    # -- meta ----------------------------------------------------------------------------------
    def get_meta(self, key: str, default: Any = None) -> Any:
        row = self.one("SELECT value FROM meta WHERE key = ?", (key,))
        return default if row is None else json.loads(row["value"])

    def set_meta(self, conn: sqlite3.Connection, key: str, value: Any) -> None:
        conn.execute(
            "INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (key, json.dumps(value, ensure_ascii=False)),
        )

    def close(self) -> None:
        self._closed.set()
        if self._checkpointer.is_alive() and self._checkpointer is not threading.current_thread():
            self._checkpointer.join(5)
        with self._lock:
            for reader in self._readers:
                reader.close()
            self._readers.clear()
            self.conn.close()


def _as_fault(exc: sqlite3.Error) -> Exception:
    text = str(exc).lower()
    if any(marker in text for marker in _STORAGE_ERRORS):
        return StorageFault(f"The station database cannot be written ({exc}). Check free disk space.")
    return exc
