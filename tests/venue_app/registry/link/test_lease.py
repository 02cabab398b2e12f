"""Exactly one registry process runs the link: the lease row, on SQLite and PostgreSQL (no pretix needed)."""

from __future__ import annotations

import json
import threading

from venue_app.registry.link import LINK, Link, status
from venue_app.registry.store import link_state_t


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


def _linked(store) -> None:
    with store.write() as tx:
        tx.conn.execute(link_state_t.insert().values(name=LINK, config=json.dumps(
            {"url": "http://127.0.0.1:9", "organizer": "o", "event": "e", "lists": [1]})))


def test_one_lease_holder_among_many_and_a_silent_holder_is_replaced(registry) -> None:
    stores = [registry.store() for _ in range(4)]  # four processes' stores on one database
    try:
        _linked(stores[0])
        clock = Clock()
        links = [Link(s, registry.root, owner=f"host-{i}", clock=clock) for i, s in enumerate(stores)]
        won: list[str] = []
        barrier = threading.Barrier(len(links))

        def race(link: Link) -> None:
            barrier.wait()
            if link.take_lease():
                won.append(link.owner)

        threads = [threading.Thread(target=race, args=(link,)) for link in links]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert len(won) == 1
        holder = next(link for link in links if link.owner == won[0])
        others = [link for link in links if link is not holder]
        clock.now += 10  # renewed within the lease: still the holder, nobody else gets it
        assert holder.take_lease() and not any(link.take_lease() for link in others)
        assert status(stores[0], now=clock())["lease_owner"] == holder.owner
        clock.now += 60  # the holder went silent (killed): another takes over
        assert others[0].take_lease()
        assert not holder.take_lease()
        others[0].release()
        assert others[1].take_lease()
    finally:
        for s in stores:
            s.close()


def test_status_without_a_link_says_how_to_make_one(store) -> None:
    now = status(store)
    assert now["linked"] is False and "registry connect pretix" in now["words"]
