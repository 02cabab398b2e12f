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
the same commit are answered without a database query; a range the ring does not hold (a first
sync, writes of another process) is read from the database.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Sequence

from starlette.concurrency import run_in_threadpool

from venue_app.registry.store import Store

__all__ = ["RING_ITEMS", "FeedNotifier", "render_items", "render_page"]

RING_ITEMS = 20_000

log = logging.getLogger(__name__)


def render_items(items: Sequence[tuple[int, str, str]]) -> list[str]:
    return [f'{{"seq":{seq},"kind":"{kind}","data":{data}}}' for seq, kind, data in items]


def render_page(rendered: Sequence[str], next_seq: int, head: int) -> bytes:
    """The JSON of a :class:`~venue_app.registry.protocol.FeedPage` from rendered items."""
    more = "true" if head > next_seq else "false"
    return f'{{"items":[{",".join(rendered)}],"next":{next_seq},"head":{max(head, next_seq)},"more":{more}}}'.encode()


class FeedNotifier:
    """Wakes waiting long-polls when the head moves; lives on the server's event loop."""

    def __init__(self, store: Store, *, poll_s: float = 0.5, pace_s: float = 0.5) -> None:
        self.store = store
        self.poll_s = poll_s
        self.pace_s = pace_s
        self.head = 0
        self._loop: asyncio.AbstractEventLoop | None = None
        self._changed: asyncio.Event | None = None
        self._waiting = 0
        self._task: asyncio.Task[None] | None = None
        self._last_answer: dict[str, float] = {}
        self._closed = False
        self._ring: list[str] = []
        self._ring_first = 0  # seq of _ring[0]

    async def start(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._changed = asyncio.Event()
        self.head = await run_in_threadpool(self.store.head)
        self.store.on_commit(self.committed)
        self._task = asyncio.create_task(self._poll(), name="feed-head-poll")

    async def stop(self) -> None:
        self._closed = True
        self._wake()
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    def committed(self, head: int, items: list[tuple[int, str, str]]) -> None:
        """Called from a writer thread after a commit."""
        loop = self._loop
        if loop is not None and not loop.is_closed():
            rendered = render_items(items)
            first = items[0][0] if items else head + 1
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(self._append, first, rendered, head)

    def _append(self, first: int, rendered: list[str], head: int) -> None:
        ring_last = self._ring_first + len(self._ring) - 1
        if not self._ring or first != ring_last + 1:
            self._ring, self._ring_first = [], first  # not contiguous: start again from here
        self._ring.extend(rendered)
        if len(self._ring) > 2 * RING_ITEMS:
            drop = len(self._ring) - RING_ITEMS
            del self._ring[:drop]
            self._ring_first += drop
        self._advance(head)

    def cached(self, after: int, limit: int) -> tuple[list[str], int] | None:
        """Rendered items after ``after`` from memory, and the next cursor; None if the ring cannot tell."""
        ring_last = self._ring_first + len(self._ring) - 1
        if not self._ring or after + 1 < self._ring_first or after > ring_last or self.head > ring_last:
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
        while not self._closed:
            await asyncio.sleep(self.poll_s)
            if self._waiting:
                try:
                    self._advance(await run_in_threadpool(self.store.head))
                except Exception as exc:  # the database is away: waiters time out, requests report it
                    log.warning("cannot read the feed head: %s", exc)

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
