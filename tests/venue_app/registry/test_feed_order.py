"""Feed ordering under concurrent writers: strictly increasing sequence numbers and no reader ever
sees seq N+1 before N committed (the classic PostgreSQL sequence bug), on SQLite and PostgreSQL."""

from __future__ import annotations

import threading
import time
import uuid
from typing import Any

from tests.venue_app.registry.conftest import Registry, Server, enroll_in_store, enroll_station

WRITERS = 8
BATCHES = 15


def test_concurrent_writers_never_show_a_gap(registry: Registry) -> None:
    """Writer threads (each with its own store, i.e. its own connections, like separate processes) push
    batches while a reader pages the feed; every page must continue exactly where the last one ended."""
    setup = registry.store()
    try:
        stations = [enroll_in_store(setup, f"S{i}") for i in range(WRITERS)]
        start_head = setup.head()
    finally:
        setup.close()
    stop = threading.Event()
    errors: list[str] = []
    seen: list[int] = []
    pushed: list[str] = []
    lock = threading.Lock()

    def writer(station: Any) -> None:
        store = registry.store()
        try:
            for n in range(BATCHES):
                batch = [station.event("checkin", {"attendee_id": str(uuid.uuid4())}) for _ in range(1 + n % 4)]
                result = store.ingest(station.id, batch)
                assert result.accepted == len(batch)
                with lock:
                    pushed.extend(e["id"] for e in batch)
        except Exception as exc:  # surfaced below
            errors.append(f"writer: {exc!r}")
        finally:
            store.close()

    def reader() -> None:
        store = registry.store()
        cursor = start_head
        try:
            while True:
                done = stop.is_set()
                items, head = store.feed_page(cursor, 50)
                for seq, _, _ in items:
                    if seq != cursor + 1:
                        errors.append(f"gap: saw {seq} right after {cursor}")
                    cursor = seq
                    seen.append(seq)
                if head < cursor:
                    errors.append(f"head {head} behind an item already read ({cursor})")
                if done and not items:
                    return
        except Exception as exc:
            errors.append(f"reader: {exc!r}")
        finally:
            store.close()

    readers = [threading.Thread(target=reader) for _ in range(2)]
    writers = [threading.Thread(target=writer, args=(s,)) for s in stations]
    for t in readers + writers:
        t.start()
    for t in writers:
        t.join(120)
    stop.set()
    for t in readers:
        t.join(120)
    assert not errors, errors[:5]
    check = registry.store()
    try:
        head = check.head()
        items, _ = check.feed_page(start_head, 100_000)
    finally:
        check.close()
    # each accepted check-in is one station_event item; nothing else was written meanwhile
    assert head - start_head == len(pushed) == len(items)
    assert [s for s, _, _ in items] == list(range(start_head + 1, head + 1))
    assert sorted(set(seen)) == list(range(start_head + 1, head + 1))


def test_long_poll_wakes_on_push_and_times_out(module_server: Server) -> None:
    server = module_server
    a, b = enroll_station(server, "Desk A"), enroll_station(server, "Desk B")
    with server.client(b.token) as client:
        head = client.get("/api/v1/feed", params={"after": 0, "limit": 1}).json()["head"]
        started = time.monotonic()
        empty = client.get("/api/v1/feed", params={"after": head, "wait": 0.5}).json()
        assert empty["items"] == [] and empty["next"] == head and 0.4 < time.monotonic() - started < 5
        result: dict[str, Any] = {}

        def poll() -> None:
            began = time.monotonic()
            with server.client(b.token) as poller:
                result["page"] = poller.get("/api/v1/feed", params={"after": head, "wait": 20}).json()
            result["seconds"] = time.monotonic() - began

        thread = threading.Thread(target=poll)
        thread.start()
        time.sleep(0.7)
        ev = a.event("checkin", {"attendee_id": str(uuid.uuid4())})
        with server.client(a.token) as pusher:
            assert pusher.post("/api/v1/events", json={"events": [ev]}).json()["accepted"] == 1
        thread.join(30)
        assert [i["data"]["id"] for i in result["page"]["items"]] == [ev["id"]]
        assert result["seconds"] < 5


def test_writes_from_another_process_wake_long_polls(module_server: Server) -> None:
    """A CLI command (another process) while the server runs: waiting long-polls notice its writes."""
    server, registry = module_server, module_server.registry
    st, victim = enroll_station(server, "Desk"), enroll_station(server, "Lost laptop")
    with server.client(st.token) as client:
        head = client.get("/api/v1/feed", params={"limit": 1}).json()["head"]
        other = registry.store()  # not the server's process: no in-process notification
        try:
            timer = threading.Timer(0.5, lambda: other.revoke(victim.id, "lost"))
            timer.start()
            started = time.monotonic()
            page = client.get("/api/v1/feed", params={"after": head, "wait": 15}).json()
            timer.join()
        finally:
            other.close()
        assert page["items"] and page["items"][0]["kind"] == "station"
        assert time.monotonic() - started < 5
