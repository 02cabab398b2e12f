"""Feed wake-ups between registry processes that share only a PostgreSQL database (``LISTEN/NOTIFY``).

Several registry servers (two hosts behind a load balancer, or ``serve --workers`` on one host, or
``registry import`` beside a server) write one feed. Each write transaction that publishes feed items
sends ``NOTIFY`` with the new head (:data:`NOTIFY_SQL`, in the same transaction as the items: PostgreSQL
delivers it at commit, in commit order, never for a rolled-back write). Each server process keeps one
dedicated connection that ``LISTEN``\\ s (:class:`Listener`, a thread) and hands every head it hears to
the feed notifier, which reads the new items into its ring and wakes the long-polls waiting there.

The channel is named after the database schema (``venue_feed_`` + md5 of ``current_schema()``), so
registries kept in different schemas of one database (tests, benchmarks) do not hear each other.
SQLite has no such thing: one host's workers share the head in shared memory instead
(:class:`venue_app.registry.feed.SharedHead`) and other writers are noticed by polling.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

__all__ = ["CHANNEL_SQL", "NOTIFY_SQL", "Listener"]

log = logging.getLogger(__name__)

#: the channel of this database schema (computed by PostgreSQL, so writer and listeners agree)
CHANNEL_SQL = "SELECT 'venue_feed_' || md5(current_schema())"
#: run in the write transaction, with the new head as its one parameter (psycopg's ``%s``)
NOTIFY_SQL = "SELECT pg_notify('venue_feed_' || md5(current_schema()), %s)"

#: how long the listener waits for a notification before it looks whether it should stop
_WAIT_S = 0.5
#: after a lost connection: the first retry, and the longest pause between retries
_RETRY_S, _RETRY_MAX_S = 0.2, 5.0


class Listener:
    """A thread with its own PostgreSQL connection that ``LISTEN``\\ s on the feed channel.

    ``heard(head)`` is called from the thread for every notification (the new head), and
    ``heard(None)`` each time the connection is (re)established: notifications sent while it was
    down are lost, so the caller reads the head itself then. The connection is separate from the
    store's pool: a pooled connection would stop listening when handed back."""

    def __init__(self, engine: Any, heard: Callable[[int | None], None]) -> None:
        self._connect_args = engine.dialect.create_connect_args(engine.url)
        self._heard = heard
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.listening = threading.Event()  # set while a connection listens (tests wait for it)
        self.channel = ""

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="feed-listen", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout)

    def _run(self) -> None:
        import psycopg

        args, kwargs = self._connect_args
        pause = _RETRY_S
        while not self._stop.is_set():
            try:
                with psycopg.connect(*args, **{**kwargs, "autocommit": True, "connect_timeout": 5}) as conn:
                    row = conn.execute(CHANNEL_SQL).fetchone()
                    self.channel = str(row[0]) if row else ""
                    conn.execute(f'LISTEN "{self.channel}"')
                    self.listening.set()
                    pause = _RETRY_S
                    self._heard(None)  # what was committed before we listened: read the head once
                    while not self._stop.is_set():
                        # yields each notification as it arrives, and ends after _WAIT_S (to look at _stop)
                        for note in conn.notifies(timeout=_WAIT_S):
                            try:
                                head = int(note.payload)
                            except ValueError:
                                continue
                            self._heard(head)
            except psycopg.Error as exc:
                self.listening.clear()
                if self._stop.is_set():
                    return
                log.warning("feed wake-ups from the database stopped (%s); reconnecting in %.1f s", exc, pause)
                self._stop.wait(pause)
                pause = min(_RETRY_MAX_S, pause * 2)
            finally:
                self.listening.clear()
