"""Snapshot figures: a new station's first sync from the registry's snapshot, beside its floor, same run.

Keys:

* ``sync_snapshot_s``: a new desk enrolled with a registry (TLS, loopback) that already has the snapshot
  cached, until it returns with every attendee searchable (enrolment request, clock check, download,
  hash and signature check, swap, feed catch-up from the snapshot's position);
* ``sync_snapshot_cold_s``: the same for the first station, when the registry builds the snapshot first;
* ``sync_snapshot_build_s``: building the same snapshot in this process (what the cold figure waits for);
* ``sync_snapshot_floor_s``: the same file's bytes copied over a plain loopback TCP socket into a file
  (fsynced), opened with SQLite and its attendees counted;
* ``sync_snapshot_mb``: the snapshot's size.
"""

from __future__ import annotations

import os
import socket
import sqlite3
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from venue_app.paths import Paths
from venue_app.registry import admin
from venue_app.registry.snapshot import build
from venue_app.search import pending, search
from venue_app.sync.enroll import enroll
from venue_desk.bench import BenchOptions
from venue_desk.bench.sync import _cli, serve

__all__ = ["floor", "run"]


def floor(path: Path, dest: Path) -> float:
    """Seconds to copy ``path`` over a loopback TCP socket into ``dest`` (fsynced), open it and count
    its attendees: what no snapshot download can beat."""
    server = socket.create_server(("127.0.0.1", 0))

    def send() -> None:
        conn, _ = server.accept()
        with conn, open(path, "rb") as fh:
            conn.sendfile(fh)

    sender = threading.Thread(target=send, daemon=True)
    sender.start()
    started = time.perf_counter()
    buffer = bytearray(1 << 20)
    view = memoryview(buffer)
    with socket.create_connection(server.getsockname()) as sock, open(dest, "wb") as out:
        while received := sock.recv_into(buffer):
            out.write(view[:received])
        out.flush()
        os.fsync(out.fileno())
    conn = sqlite3.connect(dest)
    try:
        conn.execute("SELECT count(*) FROM attendees").fetchone()
    finally:
        conn.close()
    seconds = time.perf_counter() - started
    sender.join(10)
    server.close()
    return seconds


def run(options: BenchOptions, report: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory(prefix="venue-bench-snapshot-") as tmp:
        root = Path(tmp)
        reg = root / "reg"
        attendees = root / "attendees.csv"
        _cli("demo-data", "--attendees", str(options.attendees), "--seed", "13", "--out", str(attendees),
             "--program", str(root / "program.json"))
        _cli("registry", "init", "--data", str(reg), "--event-name", "Snapshot bench congress")
        _cli("registry", "import", "--data", str(reg), str(attendees))
        _cli("registry", "program", "--data", str(reg), str(root / "program.json"))
        with serve(reg) as url:
            def new_station(name: str) -> float:
                made = _cli("registry", "enroll", "--data", str(reg), "--name", name)
                started = time.perf_counter()
                station = enroll(Paths(root / name), url, f"{made['code']}#{made['pin']}", name=name)
                seconds = time.perf_counter() - started
                try:
                    reader = station.replica.reader()
                    count = reader.execute("SELECT count(*) FROM attendees").fetchone()[0]
                    if count != options.attendees or pending(reader) or not search(reader, "wang"):
                        raise RuntimeError(f"{name}: {count} attendees, {pending(reader)} not searchable")
                    if not station.replica.get_meta("snapshot_seq"):
                        raise RuntimeError(f"{name} did not start from a snapshot")
                finally:
                    station.close()
                return seconds

            report["sync_snapshot_cold_s"] = round(new_station("cold"), 2)
            report["sync_snapshot_s"] = round(new_station("cached"), 2)
            snapshots = sorted((reg / "snapshots").glob("full-*.sqlite3"), key=lambda p: p.stat().st_mtime)
            report["sync_snapshot_mb"] = round(snapshots[-1].stat().st_size / 1e6, 1)
            report["sync_snapshot_floor_s"] = round(floor(snapshots[-1], root / "floor.sqlite3"), 2)
        config, store = admin.open_registry(reg)
        try:
            started = time.perf_counter()
            build(store, "desk", root / "built.sqlite3", admin.load_key(config))
            report["sync_snapshot_build_s"] = round(time.perf_counter() - started, 2)
        finally:
            store.close()
