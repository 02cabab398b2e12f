"""The link tells the stations its state through the feed (issue 18, item 5): one ``link_status`` item when the
state changes (the first full pull, working → failing, failing → working), none while it stays the same, a new
one when the check-ins waiting change while it fails; no token and no credentials in it. pretix "down" is a
closed port on 127.0.0.1 (connection refused, real sockets); pretix "up" answers what the link asks of an event
without orders (no real pretix needed). SQLite and PostgreSQL."""

from __future__ import annotations

import json
import socket
from typing import Any

import httpx

from venue_app.registry.link import LINK, Link, connect, status
from venue_app.registry.link.core import STATUS_KIND
from venue_app.registry.store import Store, link_outbox_t

TOKEN = "tok-5eb1c2d9e0a7-never-shown"
GENERATED = "2026-12-04T10:00:00.000000Z"


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


def _closed_port() -> int:
    """A port on 127.0.0.1 nothing listens on (bound, then let go)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class FakePretix(httpx.BaseTransport):
    """What pretix answers the link for an event without orders; while ``down`` every request really goes to
    the link's address, a closed port: connection refused."""

    def __init__(self) -> None:
        self.down = False
        self.real = httpx.HTTPTransport()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if self.down:
            return self.real.handle_request(request)
        path = request.url.path.rstrip("/")
        if path.endswith("/events/e"):
            return httpx.Response(200, json={"slug": "e", "name": {"en": "Metropolis"}, "valid_keys": {}})
        results: list[dict[str, Any]] = []
        if path.endswith("/checkinlists"):
            results = [{"id": 1, "name": "Main entrance", "all_products": True}]
        elif path.endswith("/items"):
            results = [{"id": 1, "name": {"en": "Delegate"}}]
        return httpx.Response(200, json={"count": len(results), "next": None, "previous": None, "results": results},
                              headers={"X-Page-Generated": GENERATED})

    def close(self) -> None:
        self.real.close()


def _told(store: Store, after: int = 0) -> list[dict[str, Any]]:
    items, _ = store.feed_page(after, 5000)
    return [json.loads(data) for _, kind, data in items if kind == STATUS_KIND]


def test_a_state_change_is_one_feed_item_and_the_same_state_none(registry: Any) -> None:
    store = registry.store()
    fake = FakePretix()
    clock = Clock()
    # credentials in the address: never shown to a station
    url = f"http://venue:hunter2@127.0.0.1:{_closed_port()}"
    link = Link(store, registry.root, transport=fake, clock=clock)
    try:
        connect(store, registry.root, url=url, token=TOKEN, organizer="o", event="e", checkin_list=1,
                transport=fake)
        assert _told(store) == []  # nothing said before the link ran

        # the first full pull: working
        assert "error" not in link.round(force_pull=True)
        told = _told(store)
        assert [t["state"] for t in told] == ["ok"], told
        assert told[0] == {"system": "pretix", "state": "ok", "words": "linked with the pretix event o/e",
                           "since": told[0]["since"], "pending": 0, "refused": 0}
        head = store.head()
        clock.now += 5
        link.round(force_pull=True)
        assert _told(store, head) == []  # pulled again, same state: nothing

        # pretix goes away (connection refused): failing, said once, with the words and since when
        fake.down = True
        clock.now += 120
        assert "cannot reach pretix" in link.round(force_pull=True)["error"]
        told = _told(store, head)
        assert len(told) == 1 and told[0]["state"] == "failing", told
        assert "cannot reach pretix at http://127.0.0.1:" in told[0]["words"]
        assert told[0]["since"] == status(store)["error_since"]
        text = json.dumps(told)
        assert TOKEN not in text and "hunter2" not in text and "venue:" not in text
        head = store.head()
        for _ in range(3):  # the same failure again (and rounds waiting out the backoff): nothing
            clock.now += 120
            link.round(force_pull=True)
            link.round()
        assert _told(store, head) == []

        # a check-in comes to wait while pretix is away: the number is told (at most once a minute)
        with store.write() as tx:
            tx.conn.execute(link_outbox_t.insert().values(event_id="ev-1", link=LINK, seq=1, action="redeem",
                                                          attendee_id="", body="{}", state="pending",
                                                          next_at=clock.now + 10_000))
        clock.now += 120
        link.round(force_pull=True)
        told = _told(store, head)
        assert [(t["state"], t["pending"]) for t in told] == [("failing", 1)], told
        head = store.head()

        # pretix is back: working again, said once
        fake.down = False
        clock.now += 120
        assert "error" not in link.round(force_pull=True)
        told = _told(store, head)
        assert [(t["state"], t["pending"]) for t in told] == [("ok", 1)], told
        head = store.head()

        # a restarted registry process (or the next lease holder) does not say it again
        link.release()
        again = Link(store, registry.root, transport=fake, clock=clock)
        try:
            assert "error" not in again.round(force_pull=True)
        finally:
            again.close()
        assert _told(store, head) == []
    finally:
        link.close()
        fake.close()
        store.close()
