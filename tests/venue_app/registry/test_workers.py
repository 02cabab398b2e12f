"""``registry serve --workers N``: several server processes on one socket behave as one registry.

Pushes land on whichever worker accepted the connection; long-polls waiting on the other worker
must still wake, the feed stays gap-free and holds every event once, and a worker that dies is
replaced while the others keep serving.
"""

from __future__ import annotations

import os
import signal
import threading
import time

import httpx
import pytest

from tests.venue_app.registry.conftest import (
    Registry,
    Server,
    enroll_station,
    read_feed,
    running,
    running_server,
    spawned,
)


def test_two_workers_serve_one_feed(registry: Registry) -> None:
    with running_server(registry, workers=2) as server:
        assert server.proc is not None
        workers = spawned(server.proc.pid)
        assert len(workers) == 2
        stations = [enroll_station(server, f"Door {i}", role="door") for i in range(6)]
        with server.client(stations[0].token) as client:
            head = client.get("/api/v1/feed", params={"limit": 1}).json()["head"]

        seen: dict[str, list[float]] = {}
        stop = threading.Event()

        def poll(token: str) -> None:
            cursor = head
            with server.client(token) as c:
                while not stop.is_set():
                    page = c.get("/api/v1/feed", params={"after": cursor, "wait": 2}).json()
                    for item in page["items"]:
                        if item["kind"] == "station_event":
                            seen.setdefault(item["data"]["id"], []).append(time.monotonic())
                    cursor = page["next"]

        pollers = [threading.Thread(target=poll, args=(st.token,), daemon=True) for st in stations for _ in range(2)]
        for t in pollers:
            t.start()
        time.sleep(1.0)  # every poller waits now
        pushed: dict[str, float] = {}
        for round_ in range(5):
            for st in stations:
                # a new connection per push: the kernel hands them to either worker
                with server.client(st.token) as client:
                    events = [st.event("room_entry", {"attendee_id": f"p-{round_}-{i}", "room_id": "expo"})
                              for i in range(3)]
                    at = time.monotonic()
                    r = client.post("/api/v1/events", json={"events": events})
                    assert r.status_code == 200 and r.json()["accepted"] == 3, r.text
                    pushed.update({e["id"]: at for e in events})
            time.sleep(0.2)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and not all(len(seen.get(i, ())) == len(pollers) for i in pushed):
            time.sleep(0.1)
        stop.set()
        for t in pollers:
            t.join(10)
        lags = [max(seen[i]) - at for i, at in pushed.items()]
        assert all(len(seen[i]) == len(pollers) for i in pushed)  # every poller saw every event, once
        assert max(lags) < 2.5, max(lags)  # pacing (0.5 s) + the other worker's head poll (0.1 s)

        with server.client(stations[0].token) as client:
            items = read_feed(client)
        seqs = [i["seq"] for i in items]
        assert seqs == list(range(1, len(seqs) + 1))  # no gap, no repeat
        ids = [i["data"]["id"] for i in items if i["kind"] == "station_event"]
        assert sorted(ids) == sorted(pushed)

        # read your writes across workers: an acknowledged push is in the very next read, whichever
        # worker each connection lands on
        for n in range(20):
            st = stations[n % len(stations)]
            with server.client(st.token) as client:
                event = st.event("room_exit", {"attendee_id": f"p-0-{n % 3}", "room_id": "expo"})
                assert client.post("/api/v1/events", json={"events": [event]}).json()["accepted"] == 1
            with server.client(st.token) as client:
                assert event["id"] in {i["data"].get("id") for i in read_feed(client, after=seqs[-1])}

        # a worker killed outright is replaced; the registry answers all along
        os.kill(workers[0], signal.SIGKILL)
        with server.client(stations[1].token) as client:
            for _ in range(20):
                assert client.get("/api/v1/feed", params={"limit": 1}).status_code == 200
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and len(spawned(server.proc.pid)) < 2:
            time.sleep(0.1)
        replaced = spawned(server.proc.pid)
        assert len(replaced) == 2 and workers[0] not in replaced


def test_workers_must_be_positive(registry: Registry) -> None:
    server = Server(registry)
    try:
        with pytest.raises(RuntimeError, match="--workers must be 1 or more"):
            server.start(workers=0)
    finally:
        server.stop()


def test_workers_leave_when_the_supervisor_is_killed(registry: Registry) -> None:
    server = Server(registry).start(workers=2)
    try:
        assert server.proc is not None
        workers = spawned(server.proc.pid)
        assert len(workers) == 2
        server.proc.send_signal(signal.SIGKILL)
        server.proc.wait(10)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and any(running(pid) for pid in workers):
            time.sleep(0.1)
        assert not any(running(pid) for pid in workers)
        with pytest.raises(httpx.TransportError):
            httpx.get(f"{server.url}/api/v1/health", timeout=2, verify=server.verify)
    finally:
        server.stop()
