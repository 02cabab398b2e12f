"""Feed wake-ups through PostgreSQL LISTEN/NOTIFY (venue_app.registry.notify), on a real server.

A write made through another Store (another connection pool: what a second registry host or
``registry import`` is) must wake a waiting long-poll within milliseconds, without the head poll
(set to 30 s here, so only a notification can explain a quick wake-up); a registry in another schema
of the same database must not be woken. PostgreSQL only: SQLite has no notifications.
"""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import pytest

from venue_app.registry.feed import FeedNotifier
from venue_app.registry.notify import Listener

from .conftest import make_registry, pg_url

pytestmark = pytest.mark.skipif(pg_url() is None, reason="no PostgreSQL server (set VENUE_TEST_PG_URL or run "
                                "scripts/ci-postgres.sh)")


@pytest.fixture
def two_registries(tmp_path: Path):
    from .conftest import database

    with database("postgresql", tmp_path / "a") as url_a, database("postgresql", tmp_path / "b") as url_b:
        yield make_registry(tmp_path / "a", url_a, program=False), make_registry(tmp_path / "b", url_b, program=False)


def _program(store) -> None:
    """A write that publishes feed items (the demo congress's rooms, categories and sessions)."""
    from venue_app.program import program
    from venue_app.registry.admin import program_doc

    store.apply_program(program_doc(program()))


def _wait(condition, seconds: float = 10.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.005)


def test_listener_hears_heads_of_its_schema_only(two_registries) -> None:
    a, b = two_registries
    with a.store() as store_a, b.store() as store_b:
        heard: list[int | None] = []
        listener = Listener(store_a.engine, heard.append)
        listener.start()
        try:
            assert listener.listening.wait(10)
            _wait(lambda: heard == [None])  # on (re)connecting: "read the head yourself"
            _program(store_b)  # another schema: must not be heard
            _program(store_a)
            _wait(lambda: len(heard) == 2)
            assert heard[1] == store_a.head()
            time.sleep(0.3)  # (b's notification, had it been sent on a's channel, would be here by now)
            assert heard == [None, store_a.head()]
        finally:
            listener.stop()
        assert not listener.listening.is_set()


def test_write_by_another_store_wakes_a_long_poll_at_once(two_registries) -> None:
    a, _ = two_registries

    async def scenario() -> tuple[float, bool, int, int]:
        with a.store() as served, a.store() as other:
            notifier = FeedNotifier(served, poll_s=30.0)  # the head poll cannot explain a quick wake-up
            await notifier.start()
            try:
                assert notifier.listener is not None
                assert await asyncio.to_thread(notifier.listener.listening.wait, 10)
                await asyncio.sleep(0.05)
                before = notifier.head
                committed: list[float] = []
                other.on_commit(lambda head, items: committed.append(time.perf_counter()))

                async def wait() -> tuple[bool, float]:
                    woke = await notifier.wait_beyond(before, 20)
                    return woke, time.perf_counter()

                waiting = asyncio.create_task(wait())
                await asyncio.sleep(0.05)
                await asyncio.to_thread(_program, other)
                woke, woken_at = await waiting
                took = woken_at - committed[0]
                hit = notifier.cached(before, 1000)
                return took, woke, len(hit[0]) if hit else -1, other.head() - before
            finally:
                await notifier.stop()

    took, woke, items, written = asyncio.run(scenario())
    assert woke, "the long-poll was not woken by another store's write"
    assert written > 0 and items == written, f"the ring holds {items} of the {written} items the other store wrote"
    assert took < 2.0, f"woken {took:.3f} s after the commit: that is not a notification"
    print(f"another store's write woke the long-poll {took * 1000:.1f} ms after its commit")


def test_settled_reads_a_write_whose_notification_is_still_on_its_way(two_registries) -> None:
    """Read-your-writes across hosts: a page served right after another host acknowledged a write holds it."""
    a, _ = two_registries

    async def scenario() -> tuple[tuple[list[str], int] | None, bool, tuple[list[str], int] | None, int]:
        with a.store() as served, a.store() as other:
            notifier = FeedNotifier(served, poll_s=30.0)
            await notifier.start()
            try:
                assert notifier.listener is not None
                assert await asyncio.to_thread(notifier.listener.listening.wait, 10)
                await asyncio.sleep(0.05)
                before = notifier.head
                _program(other)  # on the event loop: the notification cannot have been handled yet
                stale = notifier.cached(before, 1000)
                settled = await notifier.settled()
                return stale, settled, notifier.cached(before, 1000), other.head() - before
            finally:
                await notifier.stop()

    stale, settled, fresh, written = asyncio.run(scenario())
    assert written > 0
    assert stale is None or len(stale[0]) < written, "the test wants the ring behind the head first"
    assert settled
    assert fresh is not None and len(fresh[0]) == written, "settled() did not bring the ring up to the head"
