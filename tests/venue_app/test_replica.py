"""The replica file (venue_app.replica): one that cannot be opened leaves nothing open behind it."""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

import pytest

from venue_app import replica as replica_module
from venue_app.errors import VenueError
from venue_app.replica import Replica


def test_a_replica_whose_migration_fails_closes_its_connection(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """A real failure: the file says it is at an older schema than it holds (a column a migration adds is
    there already), so the migration stops with SQLite's error; the connection it opened is closed."""
    path = tmp_path / "station.sqlite3"
    Replica(path).close()
    with contextlib.closing(sqlite3.connect(path, isolation_level=None)) as conn:
        conn.execute("PRAGMA user_version = 13")  # m0014 (ADD COLUMN stations.revoked_at) runs again, and fails
    opened: list[sqlite3.Connection] = []
    real_connect = replica_module.connect

    def connect(p: Path) -> sqlite3.Connection:
        opened.append(real_connect(p))
        return opened[-1]

    monkeypatch.setattr(replica_module, "connect", connect)
    with pytest.raises((sqlite3.Error, VenueError)):
        Replica(path)
    assert len(opened) == 1
    with pytest.raises(sqlite3.ProgrammingError, match="closed"):
        opened[0].execute("SELECT 1")
