"""A registry killed with SIGKILL in the middle of a push loop loses nothing it acknowledged, and the
stations' re-sent batches after the restart are duplicates, never double-counted (SQLite and PostgreSQL)."""

from __future__ import annotations

import signal
import threading
import time
import uuid
from collections import Counter
from typing import Any

import httpx

from tests.venue_app.registry.conftest import Registry, Server, enroll_station, read_feed


def test_sigkill_during_push_loses_nothing_acknowledged(registry: Registry) -> None:
    server = Server(registry).start()
    try:
        station = enroll_station(server, "Desk under fire")
        acked: list[str] = []
        sent: list[list[dict[str, Any]]] = []
        errors: list[str] = []

        def push_loop() -> None:
            with server.client(station.token, timeout=10) as client:
                while True:
                    batch = [station.event("checkin", {"attendee_id": str(uuid.uuid4())}) if i % 2 == 0
                             else station.event("room_entry", {"attendee_id": str(uuid.uuid4()), "room_id": "plenary"})
                             for i in range(25)]
                    sent.append(batch)
                    try:
                        r = client.post("/api/v1/events", json={"events": batch})
                    except httpx.TransportError:
                        return  # the registry died under us: this batch is unacknowledged
                    if r.status_code != 200:
                        errors.append(r.text)
                        return
                    acked.extend(res["id"] for res in r.json()["results"] if res["status"] == "accepted")

        pusher = threading.Thread(target=push_loop)
        pusher.start()
        deadline = time.monotonic() + 30
        while len(acked) < 200 and time.monotonic() < deadline and pusher.is_alive():
            time.sleep(0.02)
        server.stop(signal.SIGKILL)
        pusher.join(30)
        assert not errors, errors[:3]
        assert len(acked) >= 200
        server.start()
        store = registry.store()
        try:
            stored = store.event_ids()
        finally:
            store.close()
        assert set(acked) <= stored, f"{len(set(acked) - stored)} acknowledged events lost"
        # the station re-sends everything it is not sure about: duplicates, nothing rejected
        with server.client(station.token) as client:
            for batch in sent:
                result = client.post("/api/v1/events", json={"events": batch}).json()
                assert result["rejected"] == 0
            ids = Counter(i["data"]["id"] for i in read_feed(client) if i["kind"] == "station_event")
        every = {e["id"] for batch in sent for e in batch}
        assert set(ids) == every and max(ids.values()) == 1
    finally:
        server.stop()
