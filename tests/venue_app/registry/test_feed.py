"""The wake side of the feed (venue_app.registry.feed.FeedNotifier): how soon a long-poll is answered.

A few stations are answered at once; hundreds share the answer budget; a server whose event loop runs
late answers long-polls less often (and never less often than ``pace_s``); commits that land together
wake the waiters once. Real store (SQLite), real event loop; time is not faked.
"""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import pytest

from venue_app.registry.feed import FeedNotifier

from .conftest import database, make_registry


@pytest.fixture
def store(tmp_path: Path):
    with database("sqlite", tmp_path / "db") as url, make_registry(tmp_path / "reg", url, program=False).store() as st:
        yield st


def _answered(notifier: FeedNotifier, stations: int) -> None:
    for i in range(stations):
        notifier.answered(f"station-{i}")
    notifier._counted_at = 0.0  # count them now, not up to a second later


def test_interval_shares_the_answer_budget(store) -> None:
    notifier = FeedNotifier(store, pace_s=0.5, answers_per_s=4000)
    _answered(notifier, 2)
    assert notifier.interval() == pytest.approx(2 / 4000)  # two desks: answered at once
    _answered(notifier, 200)
    assert notifier.interval() == pytest.approx(200 / 4000)  # 200 stations: every 50 ms
    _answered(notifier, 5000)
    assert notifier.interval() == 0.5  # never longer than pace_s
    assert FeedNotifier(store, pace_s=0).interval() == 0.0  # pacing off


def test_a_late_event_loop_slows_the_answers_and_recovers(store) -> None:
    async def scenario() -> tuple[float, float, float, float]:
        notifier = FeedNotifier(store, pace_s=0.5, answers_per_s=4000)
        await notifier.start()
        try:
            _answered(notifier, 200)
            quiet = notifier.interval()
            deadline = time.monotonic() + 10
            while notifier.slowdown < 4 and time.monotonic() < deadline:
                busy_until = time.perf_counter() + 0.03  # the loop is busy (more requests than it can answer)
                while time.perf_counter() < busy_until:
                    pass
                await asyncio.sleep(0)
            busy = notifier.interval()
            slowed = notifier.slowdown
            while notifier.slowdown > 1.0 and time.monotonic() < deadline + 10:
                await asyncio.sleep(0.05)
            return quiet, busy, slowed, notifier.interval()
        finally:
            await notifier.stop()

    quiet, busy, slowed, again = asyncio.run(scenario())
    assert slowed >= 4, "a late event loop did not slow the long-poll answers"
    assert busy == pytest.approx(min(0.5, quiet * slowed))
    assert again == pytest.approx(quiet), "the answers did not speed up again once the loop was on time"


def test_pace_holds_back_a_station_answered_a_moment_ago(store) -> None:
    async def scenario() -> tuple[float, float, float]:
        notifier = FeedNotifier(store, pace_s=0.5, answers_per_s=400)  # 200 stations → every 0.5 s
        await notifier.start()
        try:
            _answered(notifier, 200)
            notifier.head = 10
            began = time.perf_counter()
            await notifier.pace("station-0", after=5, limit=1000)  # answered just now: waits its turn
            held = time.perf_counter() - began
            began = time.perf_counter()
            await notifier.pace("station-0", after=5, limit=3)  # can fill a page: catching up, never held
            full = time.perf_counter() - began
            began = time.perf_counter()
            await notifier.pace("newcomer", after=5, limit=1000)  # never answered: at once
            new = time.perf_counter() - began
            return held, full, new
        finally:
            await notifier.stop()

    held, full, new = asyncio.run(scenario())
    assert 0.4 <= held < 2.0
    assert full < 0.1 and new < 0.1


def test_commits_close_together_wake_the_waiters_once(store) -> None:
    async def scenario() -> tuple[int, bool]:
        notifier = FeedNotifier(store, coalesce_s=0.05)
        await notifier.start()
        try:
            wakes = 0
            wake = notifier._wake

            def counted() -> None:
                nonlocal wakes
                wakes += 1
                wake()

            notifier._wake = counted  # type: ignore[method-assign]
            head = notifier.head
            waiting = asyncio.create_task(notifier.wait_beyond(head, 5))
            await asyncio.sleep(0.01)
            for step in range(1, 4):  # three commits within the window
                notifier._advance(head + step)
            woke = await waiting
            await asyncio.sleep(0.1)
            return wakes, woke
        finally:
            await notifier.stop()

    wakes, woke = asyncio.run(scenario())
    assert woke
    assert wakes == 1
