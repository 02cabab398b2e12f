"""The feed as the server hands it out: long-poll wake-ups, pacing and fast page rendering.

:class:`FeedNotifier` knows the newest committed sequence number (the *head*). Writes made by
this process report it at commit (:meth:`venue_app.registry.store.Store.on_commit`); writes
made by other processes are heard through PostgreSQL ``LISTEN/NOTIFY`` (:mod:`venue_app.registry.notify`:
a second server host, ``registry import`` while the server runs), and in any case noticed by polling the
head every ``poll_s`` seconds while someone waits (SQLite, or a notification lost with its connection).

Wake-ups and pacing: every commit wakes the waiting long-polls, after ``coalesce_s`` (a few
milliseconds: commits landing together go out in one answer). With hundreds of stations and a steady
stream of events, every long-poll would then return at once and the stations would poll in a tight
loop, so one station's long-poll answers at most once per :meth:`FeedNotifier.interval`: the answer
budget ``answers_per_s`` shared by the stations that long-poll, never more than ``pace_s``. Two
stations are answered at once (a scan reaches the other desk in a round trip and a commit); 200
stations share 4,000 answers a second (each at most every 50 ms) instead of waiting a fixed half
second. When the server cannot keep up (its event loop runs late: a slower machine, other work on it),
the interval grows until it can, so pushes and reads keep their latency and propagation gives way
first (:attr:`FeedNotifier.slowdown`). A station that can fill a whole page is never slowed (it is
catching up).

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
import functools
import json
import logging
import re
import time
from collections.abc import Sequence
from contextlib import AbstractContextManager
from typing import Any, Protocol

from starlette.concurrency import run_in_threadpool

from venue_app.registry.notify import Listener
from venue_app.registry.store import Store
from venue_app.roles import PERSONAL_FIELDS, minimise, withheld

__all__ = ["RING_ITEMS", "FeedNotifier", "SharedHead", "render_both", "render_items", "render_page"]

RING_ITEMS = 20_000
_SHARED_POLL_S = 0.02
# the event loop is looked at this often; later than _LATE_S: answer long-polls less often, earlier than
# _ON_TIME_S: more often again (see FeedNotifier.interval)
_LAG_EVERY_S, _LATE_S, _ON_TIME_S = 0.05, 0.010, 0.003


class SharedHead(Protocol):
    """The newest feed seq any worker of one server committed (a ``multiprocessing.Value("q")``)."""

    value: int

    def get_lock(self) -> AbstractContextManager[Any]: ...

log = logging.getLogger(__name__)


@functools.lru_cache(maxsize=8)
def _field_pattern(drop: frozenset[str]) -> re.Pattern[str]:
    """``,"field":VALUE`` of a flat JSON object for the fields ``drop``, VALUE a JSON string or null. Safe on
    stored JSON: inside a string every quote is escaped, so ``,"email":`` can only be a key of the object."""
    names = "|".join(sorted(re.escape(f) for f in drop))
    return re.compile(f',"(?:{names})":(?:"[^"\\\\]*+(?:\\\\.[^"\\\\]*+)*+"|null)')  # a string, unrolled


@functools.lru_cache(maxsize=8)
def _field_keys(drop: frozenset[str]) -> tuple[str, ...]:
    return tuple(f'"{field}":' for field in drop)


def _minimal_data(role: str, kind: str, data: str) -> str:
    """The stored JSON text of an item as a station of ``role`` may receive it (``data`` itself when whole).
    Only attendee items and attendee_created/updated station events can hold personal fields: the
    others are never decoded (a check-in's text is passed on as it is). An attendee item (a flat object)
    loses its fields by a pattern, ten times faster than decoding it; anything it cannot handle
    (a field first, a number) is decoded."""
    drop = withheld(role)
    if not drop:
        return data
    if kind == "attendee":
        small = _field_pattern(drop).sub("", data)
        if not any(key in small for key in _field_keys(drop)):
            return small
    elif kind != "station_event" or ("attendee_created" not in data and "attendee_updated" not in data):
        return data
    doc = json.loads(data)
    small_doc = minimise(role, kind, doc)
    if small_doc is not doc:
        return json.dumps(small_doc, ensure_ascii=False, separators=(",", ":"))
    return data


def render_items(items: Sequence[tuple[int, str, str]], role: str = "desk") -> list[str]:
    """Feed items as JSON texts, as a station of ``role`` may receive them (:func:`venue_app.roles.minimise`)."""
    if not withheld(role):
        return [f'{{"seq":{seq},"kind":"{kind}","data":{data}}}' for seq, kind, data in items]
    return [f'{{"seq":{seq},"kind":"{kind}","data":{_minimal_data(role, kind, data)}}}' for seq, kind, data in items]


def render_both(items: Sequence[tuple[int, str, str]]) -> tuple[list[str], list[str]]:
    """Each item rendered once for each role class: whole (desks) and without :data:`PERSONAL_FIELDS`
    (doors, dashboards); an item without personal fields is one string in both lists."""
    full = render_items(items)
    small = [text if data is (minimal := _minimal_data("door", kind, data)) else
             f'{{"seq":{seq},"kind":"{kind}","data":{minimal}}}'
             for text, (seq, kind, data) in zip(full, items, strict=True)]
    return full, small


def _ring_role(role: str) -> int | None:
    """Which rendering of the ring serves ``role``: 0 whole, 1 minimal, None neither (rendered per request)."""
    drop = withheld(role)
    return 0 if not drop else 1 if drop == PERSONAL_FIELDS else None


def render_page(rendered: Sequence[str], next_seq: int, head: int) -> bytes:
    """The JSON of a :class:`~venue_app.registry.protocol.FeedPage` from rendered items."""
    more = "true" if head > next_seq else "false"
    return f'{{"items":[{",".join(rendered)}],"next":{next_seq},"head":{max(head, next_seq)},"more":{more}}}'.encode()


class FeedNotifier:
    """Wakes waiting long-polls when the head moves; lives on the server's event loop."""

    def __init__(self, store: Store, *, poll_s: float = 0.5, pace_s: float = 0.5,
                 shared_head: SharedHead | None = None, answers_per_s: float = 4000.0,
                 coalesce_s: float = 0.002, listen: bool = True) -> None:
        self.store = store
        self.poll_s = poll_s
        self.shared_head = shared_head
        self.pace_s = pace_s
        self.answers_per_s = answers_per_s
        self.coalesce_s = coalesce_s
        self.listen = listen and store.dialect == "postgresql"
        self.listener: Listener | None = None  # PostgreSQL LISTEN/NOTIFY (another process or host wrote)
        self._wake_handle: asyncio.TimerHandle | None = None
        self._pollers = 0  # stations that long-polled lately (counted every second, see interval)
        self._counted_at = 0.0
        self._task_head: asyncio.Task[None] | None = None  # a head read after the listener (re)connected
        self.slowdown = 1.0  # the answer interval's factor while the event loop runs late (see _watch_lag)
        self._lag_task: asyncio.Task[None] | None = None
        self.head = 0
        self._loop: asyncio.AbstractEventLoop | None = None
        self._changed: asyncio.Event | None = None
        self._waiting = 0
        self._task: asyncio.Task[None] | None = None
        self._last_answer: dict[str, float] = {}
        self._closed = False
        self._ring: list[str] = []  # rendered whole (desks)
        self._ring_small: list[str] = []  # the same items without personal fields (doors, dashboards)
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
        self._lag_task = asyncio.create_task(self._watch_lag(), name="feed-loop-lag")
        if self.listen:
            self.listener = Listener(self.store.engine, self._heard)
            self.listener.start()

    async def stop(self) -> None:
        self._closed = True
        if self.listener is not None:
            await run_in_threadpool(self.listener.stop)
        self._wake()
        for task in (self._task, self._filler, self._lag_task):
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
            rendered = render_both(items)  # here, in the writer's thread: not on the event loop
            first = items[0][0] if items else head + 1
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(self._append, first, rendered, head)

    @property
    def _ring_last(self) -> int:
        return self._ring_first + len(self._ring) - 1

    def _extend(self, first: int, rendered: tuple[list[str], list[str]]) -> bool:
        """Append items (:func:`render_both`) starting at seq ``first`` (those the ring holds already are
        skipped); False when they do not follow on: items of another process came in between."""
        ring_last = self._ring_last
        if first > ring_last + 1:
            return False
        self._ring.extend(rendered[0][ring_last + 1 - first:])
        self._ring_small.extend(rendered[1][ring_last + 1 - first:])
        if len(self._ring) > 2 * RING_ITEMS:
            drop = len(self._ring) - RING_ITEMS
            del self._ring[:drop]
            del self._ring_small[:drop]
            self._ring_first += drop
        return True

    def _append(self, first: int, rendered: tuple[list[str], list[str]], head: int) -> None:
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
                    self._ring, self._ring_small, self._ring_first = [], [], self._target + 1
                    break
                try:
                    items, _ = await run_in_threadpool(self.store.feed_page, self._ring_last, 5000)
                except Exception as exc:  # the database is away: requests read it themselves (and report it)
                    log.warning("cannot read the feed: %s", exc)
                    return
                if not items:
                    break
                self._extend(items[0][0], render_both(items))
                self._step()
            self._advance(self._target)
        finally:
            self._step()

    def _step(self) -> None:
        self._stepped.set()
        self._stepped = asyncio.Event()

    async def current(self, after: int, limit: int, role: str = "desk") -> tuple[list[str], int] | None:
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
        return self.cached(after, limit, role)

    def cached(self, after: int, limit: int, role: str = "desk") -> tuple[list[str], int] | None:
        """Rendered items after ``after`` from memory, as a station of ``role`` may receive them, and the
        next cursor; None if the ring cannot tell."""
        ring_last = self._ring_last
        which = _ring_role(role)
        if after + 1 < self._ring_first or after > ring_last or self.head > ring_last or which is None:
            return None
        start = after + 1 - self._ring_first
        chunk = (self._ring if which == 0 else self._ring_small)[start:start + limit]
        return chunk, after + len(chunk)

    def _advance(self, head: int) -> None:
        if head > self.head:
            self.head = head
            if self.coalesce_s <= 0 or self._loop is None:
                self._wake()
            elif self._wake_handle is None:  # commits within coalesce_s share one wake-up
                self._wake_handle = self._loop.call_later(self.coalesce_s, self._wake)

    def _heard(self, head: int | None) -> None:
        """A head from the database's notifications (the listener's thread); None: listening (again), so
        notifications may have been missed: read the head."""
        loop = self._loop
        if loop is not None and not loop.is_closed() and not self._closed:
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(self._on_heard, head)

    def _on_heard(self, head: int | None) -> None:
        if head is None:
            self._task_head = asyncio.create_task(self._read_head(), name="feed-head-read")
        elif head > self._ring_last:
            self._catch_up(head)  # another process or host wrote: read it into the ring, then wake
        else:
            self._advance(head)

    async def _read_head(self) -> None:
        with contextlib.suppress(Exception):  # the database is away: the poll and the listener try again
            self._on_heard(await run_in_threadpool(self.store.head))

    async def settled(self) -> bool:
        """Read-your-writes across registry hosts: when other processes write through PostgreSQL, make sure
        the ring holds every write committed anywhere before now (a notification may still be on its way),
        at the cost of reading the head (one short query). False when it cannot: read the database."""
        if self.listener is None:
            return True
        try:
            newest = await run_in_threadpool(self.store.head)
        except Exception:  # the request reads the database itself, and reports
            return False
        while self._ring_last < newest and not self._closed:
            self._catch_up(newest)
            stepped = self._stepped
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stepped.wait(), 10)
            if not stepped.is_set() or (self._filler is not None and self._filler.done()
                                        and self._ring_last < newest):
                return False
        if newest > self.head:
            self._advance(newest)
        return True

    def _wake(self) -> None:
        self._wake_handle = None
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

    def interval(self) -> float:
        """How soon one station's long-poll may be answered again: the stations that long-polled in the
        last 30 s share ``answers_per_s``, and no station waits more than ``pace_s``."""
        if self.pace_s <= 0:
            return 0.0
        now = time.monotonic()
        if now - self._counted_at >= 1.0:
            self._counted_at = now
            gone = [s for s, t in self._last_answer.items() if now - t > 30.0]
            for station in gone:  # stations that left (or were revoked) are forgotten
                del self._last_answer[station]
            self._pollers = len(self._last_answer)
        if self.answers_per_s <= 0:
            return self.pace_s
        return min(self.pace_s, self._pollers / self.answers_per_s * self.slowdown)

    async def _watch_lag(self) -> None:
        """Keep :attr:`slowdown` in step with how late the event loop runs: answering long-polls is most of
        a busy registry's work, so they give way before pushes and reads do."""
        loop = asyncio.get_running_loop()
        while not self._closed:
            began = loop.time()
            await asyncio.sleep(_LAG_EVERY_S)
            late = loop.time() - began - _LAG_EVERY_S
            if late > _LATE_S:
                self.slowdown = min(self.slowdown * 1.5, 10_000.0)
            elif late < _ON_TIME_S:
                self.slowdown = max(1.0, self.slowdown / 1.25)

    async def pace(self, station_id: str | None, after: int, limit: int) -> None:
        """Delay a station's long-poll that comes back too soon (:meth:`interval`) for a page that would not
        be full."""
        if station_id is None or self.pace_s <= 0:
            return
        last = self._last_answer.get(station_id)
        if last is None or self.head - after >= limit:
            return
        delay = self.interval() - (time.monotonic() - last)
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
