"""Stations: how many events each said were waiting in its outbox (with its heartbeat), for dashboards."""

import sqlite3


def apply(conn: sqlite3.Connection) -> None:
    # idempotent: safe whatever number this migration ends up with
    columns = {row[1] for row in conn.execute("PRAGMA table_info(stations)")}
    if "outbox" not in columns:
        conn.execute("ALTER TABLE stations ADD COLUMN outbox INTEGER")
