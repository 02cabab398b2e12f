"""The feed as the server hands it out: long-poll wake-ups, pacing and fast page rendering.

:class:`FeedNotifier` knows the newest committed sequence number (the *head*). Writes made by
this process report it at commit (:meth:`venue_app.registry.store.Store.on_commit`); writes
made by other processes (``registry import`` while the server runs, a second server on the same
PostgreSQL database) are noticed by polling the head every ``poll_s`` seconds while someone waits.

Pacing: with hundreds of stations and a steady trickle of events, every long-poll would return
at once and the stations would poll in a tight loop. A station's long-poll therefore answers at
most once per ``pace_s`` unless it can fill a whole page (a station catching up is never slowed).

Pages are rendered straight from the stored JSON text of each item: no decoding and re-encoding
of 5,000 attendees per page. The newest items committed by this process are also kept in memory
(:data:`RING_ITEMS`), already rendered, so the long-polls of hundreds of stations that all wake on
the same commit are answered without a database query. Items written by another process (a second
server worker, ``registry import``) are read into the ring once, when the head poll or a commit that
does not follow on reveals them; a range the ring does not hold (a first sync) is read from the database.
Workers of one server share the newest committed seq in shared memory (:class:`SharedHead`), set
before a push is acknowledged: a worker never answers from a ring that misses a sibling's
acknowledged write, and its waiting long-polls wake within milliseconds.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Sequence
from contextlib import AbstractContextManager
from typing import Any, Protocol

from starlette.concurrency import run_in_threadpool

from venue_app.registry.store import Store

__all__ = ["RING_ITEMS", "FeedNotifier", "SharedHead", "render_items", "render_page"]

RING_ITEMS = 20_000
_SHARED_POLL_S = 0.02


class SharedHead(Protocol):
    """The newest feed seq any worker of one server committed (a ``multiprocessing.Value("q")``)."""

    value: int

    def get_lock(self) -> AbstractContextManager[Any]: ...

log = logging.getLogger(__name__)


def render_items(items: Sequence[tuple[int, str, str]]) -> list[str]:
    return [f'{{"seq":{seq},"kind":"{kind}","data":{data}}}' for seq, kind, data in items]


def render_page(rendered: Sequence[str], next_seq: int, head: int) -> bytes:
    """The JSON of a :class:`~venue_app.registry.protocol.FeedPage` from rendered items."""
    more = "true" if head > next_seq else "false"
    return f'{{"items":[{",".join(rendered)}],"next":{next_seq},"head":{max(head, next_seq)},"more":{more}}}'.encode()


class FeedNotifier:
    """Wakes waiting long-polls when the head moves; lives on the server's event loop."""

    def __init__(self, store: Store, *, poll_s: float = 0.5, pace_s: float = 0.5,
                 shared_head: SharedHead | None = None) -> None:
        self.store = store
        self.poll_s = poll_s
        self.shared_head = shared_head
        self.pace_s = pace_s
        self.head = 0
        self._loop: asyncio.AbstractEventLoop | None = None
        self._changed: asyncio.Event | None = None
        self._waiting = 0
        self._task: asyncio.Task[None] | None = None
        self._last_answer: dict[str, float] = {}
        self._closed = False
        self._ring: list[str] = []
        self._ring_first = 1  # seq of _ring[0] (or of the next item, when empty)
        self._target = 0  # the head the ring is being brought up to
        self._filler: asyncio.Task[None] | None = None
        self._stepped = asyncio.Event()  # set (and replaced) each time the filler made progress

    async def start(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._changed = asyncio.Event()
        self.head = await run_in_threadpool(self.store.head)
        self._ring_first = self.head + 1  # the ring knows every item after the head it started at
        self.store.on_commit(self.committed)
        self._task = asyncio.create_task(self._poll(), name="feed-head-poll")

    async def stop(self) -> None:
        self._closed = True
        self._wake()
        for task in (self._task, self._filler):
            if task is not None:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task

    def committed(self, head: int, items: list[tuple[int, str, str]]) -> None:
        """Called after a commit, before the writes are acknowledged: from the store's writer thread, or
        on the event loop for a commit of the writer process."""
        shared = self.shared_head
        if shared is not None:
            with shared.get_lock():
                if head > shared.value:
                    shared.value = head
        loop = self._loop
        if loop is not None and not loop.is_closed():
            rendered = render_items(items)
            first = items[0][0] if items else head + 1
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(self._append, first, rendered, head)

    @property
    def _ring_last(self) -> int:
        return self._ring_first + len(self._ring) - 1

    def _extend(self, first: int, rendered: list[str]) -> bool:
        """Append items starting at seq ``first`` (those the ring holds already are skipped); False
        when they do not follow on: items of another process came in between."""
        ring_last = self._ring_last
        if first > ring_last + 1:
            return False
        self._ring.extend(rendered[ring_last + 1 - first:])
        if len(self._ring) > 2 * RING_ITEMS:
            drop = len(self._ring) - RING_ITEMS
            del self._ring[:drop]
            self._ring_first += drop
        return True

    def _append(self, first: int, rendered: list[str], head: int) -> None:
        if self._extend(first, rendered):
            self._advance(head)
        else:
            self._catch_up(head)  # wakes the waiters once the ring holds the gap

    def _catch_up(self, head: int) -> None:
        """Bring the ring up to ``head`` from the database (one reader at a time), then wake waiters."""
        self._target = max(self._target, head)
        if self._filler is None or self._filler.done():
            self._filler = asyncio.create_task(self._fill(), name="feed-ring-fill")

    async def _fill(self) -> None:
        try:
            while self._ring_last < self._target and not self._closed:
                if self._target - self._ring_last > RING_ITEMS:
                    # far behind (a big import by another process): readers of that range go to the database
                    self._ring, self._ring_first = [], self._target + 1
                    break
                try:
                    items, _ = await run_in_threadpool(self.store.feed_page, self._ring_last, 5000)
                except Exception as exc:  # the database is away: requests read it themselves (and report it)
                    log.warning("cannot read the feed: %s", exc)
                    return
                if not items:
                    break
                self._extend(items[0][0], render_items(items))
                self._step()
            self._advance(self._target)
        finally:
            self._step()

    def _step(self) -> None:
        self._stepped.set()
        self._stepped = asyncio.Event()

    async def current(self, after: int, limit: int) -> tuple[list[str], int] | None:
        """:meth:`cached`, once the ring holds every write a sibling worker acknowledged so far (one
        database read serves all the requests waiting for it)."""
        shared = self.shared_head
        if shared is not None:
            newest = shared.value
            while self._ring_last < newest and not self._closed:
                self._catch_up(newest)
                stepped = self._stepped
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stepped.wait(), 10)
                if not stepped.is_set() or (self._filler is not None and self._filler.done()
                                            and self._ring_last < newest):
                    return None  # the database is slow or away: the request reads it and reports
        return self.cached(after, limit)

    def cached(self, after: int, limit: int) -> tuple[list[str], int] | None:
        """Rendered items after ``after`` from memory, and the next cursor; None if the ring cannot tell."""
        ring_last = self._ring_last
        if after + 1 < self._ring_first or after > ring_last or self.head > ring_last:
            return None
        start = after + 1 - self._ring_first
        chunk = self._ring[start:start + limit]
        return chunk, after + len(chunk)

    def _advance(self, head: int) -> None:
        if head > self.head:
            self.head = head
            self._wake()

    def _wake(self) -> None:
        if self._changed is not None:
            self._changed.set()
            self._changed = asyncio.Event()

    async def _poll(self) -> None:
        last_db = time.monotonic()
        while not self._closed:
            if self.shared_head is None:
                await asyncio.sleep(self.poll_s)
            else:
                # sibling workers' commits are known from shared memory at once: look often
                await asyncio.sleep(_SHARED_POLL_S)
                newest = self.shared_head.value
                if newest > self._ring_last:
                    self._catch_up(newest)
                if time.monotonic() - last_db < self.poll_s:
                    continue
            last_db = time.monotonic()
            if self._waiting:
                try:
                    head = await run_in_threadpool(self.store.head)
                except Exception as exc:  # the database is away: waiters time out, requests report it
                    log.warning("cannot read the feed head: %s", exc)
                    continue
                if head > self._ring_last:
                    self._catch_up(head)  # written by another process (a second server, `registry import`)
                else:
                    self._advance(head)

    async def pace(self, station_id: str | None, after: int, limit: int) -> None:
        """Delay a station's long-poll that comes back too soon for a page that would not be full."""
        if station_id is None or self.pace_s <= 0:
            return
        last = self._last_answer.get(station_id)
        if last is None or self.head - after >= limit:
            return
        delay = self.pace_s - (time.monotonic() - last)
        if delay > 0:
            await asyncio.sleep(delay)

    def answered(self, station_id: str | None) -> None:
        if station_id is not None:
            self._last_answer[station_id] = time.monotonic()

    async def wait_beyond(self, after: int, timeout: float) -> bool:
        """Wait until the head passes ``after`` (True) or ``timeout`` seconds passed (False)."""
        deadline = time.monotonic() + timeout
        self._waiting += 1
        try:
            while self.head <= after and not self._closed:
                remaining = deadline - time.monotonic()
                if remaining <= 0 or self._changed is None:
                    return False
                changed = self._changed
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(changed.wait(), remaining)
            return self.head > after
        finally:
            self._waiting -= 1
