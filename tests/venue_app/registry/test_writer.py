"""The writer process (:mod:`venue_app.registry.writer`): a real ``registry serve`` commits pushes in a
child process; killing that child loses nothing acknowledged, the batches it held fail with 503 and go
through when sent again, a new child takes over; the child leaves with its server (SQLite and PostgreSQL)."""

from __future__ import annotations

import asyncio
import os
import signal
import threading
import time
import uuid
from collections import Counter
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.venue_app.registry.conftest import (
    Registry,
    Server,
    enroll_station,
    read_feed,
    running,
    running_server,
)
from tests.venue_app.registry.conftest import spawned as writers
from venue_app.registry.errors import StorageUnavailable
from venue_app.registry.writer import ProcessWriter


def wait_for(condition: Any, timeout: float = 15) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return bool(condition())


def test_a_killed_writer_loses_nothing_and_is_replaced(registry: Registry) -> None:
    with running_server(registry) as server:
        assert server.proc is not None
        first = writers(server.proc.pid)
        assert len(first) == 1
        station = enroll_station(server, "Desk under fire")
        acked: list[str] = []
        batches: list[list[dict[str, Any]]] = []
        stop = threading.Event()

        def push_loop() -> None:
            with server.client(station.token, timeout=20) as client:
                while not stop.is_set():
                    batch = [station.event("room_entry", {"attendee_id": str(uuid.uuid4()), "room_id": "plenary"})
                             for _ in range(20)]
                    batches.append(batch)
                    while True:  # a station sends a batch again until it is answered
                        r = client.post("/api/v1/events", json={"events": batch})
                        if r.status_code == 200:
                            break
                        assert r.status_code == 503 and r.json()["code"] == "storage_unavailable", r.text
                        time.sleep(0.05)
                    acked.extend(x["id"] for x in r.json()["results"] if x["status"] == "accepted")

        pusher = threading.Thread(target=push_loop)
        pusher.start()
        try:
            assert wait_for(lambda: len(acked) >= 200)
            os.kill(first[0], signal.SIGKILL)
            assert wait_for(lambda: bool(writers(server.proc.pid)) and writers(server.proc.pid) != first)
            count = len(acked)
            assert wait_for(lambda: len(acked) >= count + 200)  # the new writer commits
        finally:
            stop.set()
            pusher.join(30)
        assert not pusher.is_alive()
        with server.client(station.token) as client:
            ids = Counter(i["data"]["id"] for i in read_feed(client) if i["kind"] == "station_event")
        every = {e["id"] for batch in batches for e in batch}
        assert set(acked) <= set(ids)  # nothing acknowledged lost
        assert set(ids) == every  # every batch went through in the end
        assert max(ids.values()) == 1  # none twice, though some were sent again


def test_the_writer_leaves_with_its_server(registry: Registry) -> None:
    for how in (signal.SIGTERM, signal.SIGKILL):
        server = Server(registry).start()
        try:
            assert server.proc is not None
            child = writers(server.proc.pid)
            assert len(child) == 1
            station = enroll_station(server, f"Desk {how.name}")
            with server.client(station.token) as client:
                r = client.post("/api/v1/events", json={"events": [
                    station.event("checkin", {"attendee_id": "a-1"})]})
                assert r.status_code == 200 and r.json()["accepted"] == 1
            server.stop(how)
            pid = child[0]
            assert wait_for(lambda pid=pid: not running(pid), 10), f"the writer outlived a server stopped by {how.name}"
        finally:
            server.stop()


def test_workers_each_write_through_their_own_writer(registry: Registry) -> None:
    with running_server(registry, workers=2) as server:
        assert server.proc is not None
        workers = writers(server.proc.pid)
        assert len(workers) == 2
        assert wait_for(lambda: all(len(writers(pid)) == 1 for pid in workers))
        grandchildren = [w for pid in workers for w in writers(pid)]
        stations = [enroll_station(server, f"Door {i}", role="door") for i in range(4)]
        pushed = []
        for round_ in range(5):
            for st in stations:
                with server.client(st.token) as client:  # new connections: either worker answers
                    events = [st.event("room_entry", {"attendee_id": f"w-{round_}", "room_id": "expo"})]
                    r = client.post("/api/v1/events", json={"events": events})
                    assert r.status_code == 200 and r.json()["accepted"] == 1, r.text
                    pushed.append(events[0]["id"])
        with server.client(stations[0].token) as client:
            items = read_feed(client)
        assert [i["seq"] for i in items] == list(range(1, len(items) + 1))
        assert sorted(i["data"]["id"] for i in items if i["kind"] == "station_event") == sorted(pushed)
    assert wait_for(lambda: not any(running(pid) for pid in grandchildren), 10)


def test_a_push_waits_for_its_commit_in_the_writer(registry: Registry) -> None:
    """A writer that stops (SIGSTOP) holds the reply back: nothing is acknowledged before it commits."""
    with running_server(registry) as server:
        assert server.proc is not None
        child = writers(server.proc.pid)[0]
        station = enroll_station(server, "Patient desk")
        event = station.event("checkin", {"attendee_id": "a-2"})
        os.kill(child, signal.SIGSTOP)
        try:
            with server.client(station.token, timeout=1.5) as client:
                try:
                    client.post("/api/v1/events", json={"events": [event]})
                except httpx.ReadTimeout:
                    pass
                else:
                    raise AssertionError("a push was answered while the writer was stopped")
        finally:
            os.kill(child, signal.SIGCONT)
        with server.client(station.token) as client:
            again = client.post("/api/v1/events", json={"events": [event]}).json()
            assert again["results"][0]["status"] in ("accepted", "duplicate")
            assert event["id"] in {i["data"].get("id") for i in read_feed(client)}


def test_a_writer_that_cannot_open_the_database_refuses_pushes(tmp_path: Path) -> None:
    """The database is away when a writer process starts: pushes get StorageUnavailable (503), never a
    hang or a bug, and the next child is not started before a pause."""
    async def test() -> None:
        writer = ProcessWriter(f"sqlite:///{tmp_path / 'no-such-folder' / 'registry.sqlite3'}")
        await writer.start()
        try:
            with pytest.raises(StorageUnavailable):
                await asyncio.wait_for(writer.push("station-1", [{"id": "x"}]), 30)
            with pytest.raises(StorageUnavailable, match="restarting"):
                await writer.push("station-1", [])
            assert writer.started == 1
        finally:
            await writer.close()

    asyncio.run(test())

