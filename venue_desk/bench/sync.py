"""Sync figures over loopback with a real registry process: first sync of N attendees, a queue of
10,000 events pushed after an outage, and scan propagation from one station to another."""

from __future__ import annotations

import contextlib
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx

from venue_app import eventlog
from venue_app.paths import Paths
from venue_app.sync import SyncEngine
from venue_app.sync.enroll import enroll
from venue_desk.bench import BenchOptions, percentile

__all__ = ["run"]

VENUE = [sys.executable, "-m", "venue_desk"]


def _cli(*args: str) -> dict[str, Any]:
    out = subprocess.run([*VENUE, *args, "--json"], capture_output=True, text=True, check=True).stdout
    return json.loads(out.splitlines()[-1])


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def serve(reg: str | Path) -> Iterator[str]:
    """``registry serve`` of the registry folder ``reg`` on a free port (TLS, as it speaks by default), once it
    listens: its URL."""
    port = _port()
    url = f"https://127.0.0.1:{port}"
    server = subprocess.Popen([*VENUE, "registry", "serve", "--data", str(reg), "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ})
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                httpx.get(f"{url}/api/v1/health", timeout=1, verify=False)  # only: is it listening?
                break
            except httpx.TransportError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
        yield url
    finally:
        server.terminate()
        server.wait(30)


def run(options: BenchOptions, report: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory(prefix="venue-bench-sync-") as tmp:
        root = Path(tmp)
        reg = str(root / "reg")
        attendees = root / "attendees.csv"
        _cli("demo-data", "--attendees", str(options.attendees), "--seed", "13", "--out", str(attendees),
             "--program", str(root / "program.json"))
        _cli("registry", "init", "--data", reg, "--event-name", "Sync bench congress")
        _cli("registry", "import", "--data", reg, str(attendees))
        _cli("registry", "program", "--data", reg, str(root / "program.json"))
        with serve(reg) as url:

            def code(name: str) -> str:
                made = _cli("registry", "enroll", "--data", reg, "--name", name)
                return f"{made['code']}#{made['pin']}"  # as typed at a station: pinned at enrolment

            marks: dict[str, float] = {}

            def progress(cursor: int, head: int) -> None:
                if cursor >= head and "data" not in marks:
                    marks["data"] = time.perf_counter()

            t0 = time.perf_counter()
            a = enroll(Paths(root / "a"), url, code("Bench A"), name="Bench A", progress=progress)
            done = time.perf_counter()
            # data complete (scannable, counted) vs. search index complete too
            report["sync_first_pull_s"] = round(marks.get("data", done) - t0, 2)
            report["sync_first_pull_indexed_s"] = round(done - t0, 2)
            report["sync_first_pull_attendees"] = a.status()["attendees"]
            b = enroll(Paths(root / "b"), url, code("Bench B"), name="Bench B")

            # an outage: 10,000 facts queue up at A, then the network returns
            ids = [r[0] for r in a.replica.query("SELECT id FROM attendees LIMIT 10000")]
            with a.replica.transaction() as conn:
                for i in range(10_000):
                    eventlog.append(conn, a.new_event("room_entry", {"attendee_id": ids[i % len(ids)],
                                                                      "room_id": "expo"}), outbox=True)
            engine = SyncEngine(a)
            t0 = time.perf_counter()
            while engine.push_once():
                pass
            report["sync_push_10k_s"] = round(time.perf_counter() - t0, 2)
            engine.client.close()

            # the floor of propagation, same run: one round trip with a commit (a push of one fact)
            probe = SyncEngine(a)
            floor = []
            for i in range(30):
                with a.replica.transaction() as conn:
                    eventlog.append(conn, a.new_event("room_entry", {"attendee_id": ids[i], "room_id": "expo"}),
                                    outbox=True)
                t0 = time.perf_counter()
                probe.push_once()
                floor.append((time.perf_counter() - t0) * 1000)
            probe.stop()  # (no threads: closes its client, lets go of the station)
            report["sync_propagation_floor_ms"] = round(percentile(floor, 50), 1)

            engines = [SyncEngine(a), SyncEngine(b)]
            for e in engines:
                e.start()
            time.sleep(1.0)
            delays = []
            # people not checked in yet (any size of event: each scan is a new fact that must reach B)
            codes = [r[0] for r in a.replica.query(
                "SELECT code FROM attendees a WHERE status = 'active' AND code IS NOT NULL AND NOT EXISTS"
                " (SELECT 1 FROM checkins c WHERE c.attendee_id = a.id) LIMIT 60")]
            for c in codes[:60]:
                verdict = a.scan(c)
                start = time.perf_counter()
                reader = b.replica.reader()
                while reader.execute("SELECT 1 FROM log WHERE id = ?", (verdict.event_id,)).fetchone() is None:
                    if time.perf_counter() - start > 10:
                        break
                    time.sleep(0.002)
                delays.append((time.perf_counter() - start) * 1000)
            for e in engines:
                e.stop()
            report["sync_propagation_p50_ms"] = round(percentile(delays, 50), 1)
            report["sync_propagation_p95_ms"] = round(percentile(delays, 95), 1)
            a.close()
            b.close()
