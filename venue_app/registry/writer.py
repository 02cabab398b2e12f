"""Who commits station pushes and heartbeats: a writer process, or the store's own writer thread.

A server process is one Python interpreter: its event loop and any other thread take turns on one
lock (the GIL). With the store's group-commit thread in the server, under 200 stations the writer
gave that lock up around each of its hundreds of SQLite calls per second and waited to get it back,
and the event loop waited for it in turn: pushes queued for hundreds of milliseconds.
:class:`ProcessWriter` moves validation, appliers and commits to a child process with an interpreter
of its own. The server talks to it from its event loop over a socket pair (no thread of its own):
each batch goes over as it came, the reply's JSON comes back, and so does every committed feed item,
before the replies of that commit, so a station reading the feed right after its push sees its events.
:class:`ThreadWriter` is the same interface on the store's thread (tests that compare, or when a
child process cannot start).

Nothing acknowledged is ever lost: a reply leaves the child only after its commit. If the child dies,
every batch waiting on it fails with :class:`~venue_app.registry.errors.StorageUnavailable` (the
station sends it again; what had committed comes back ``duplicate``) and the next push starts a new
child. The child leaves when its parent does (end of file on the socket), after committing what it holds.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import itertools
import logging
import multiprocessing
import pickle
import socket
import struct
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from multiprocessing.connection import Connection
from typing import Any, Protocol

from starlette.concurrency import run_in_threadpool

from venue_app.registry import errors
from venue_app.registry.errors import RegistryError, StorageUnavailable
from venue_app.registry.store import Store

__all__ = ["ProcessWriter", "ThreadWriter", "Writer", "open_writer"]

log = logging.getLogger(__name__)

CommitListener = Callable[[int, list[tuple[int, str, str]]], None]

#: a batch this big is validated in a worker thread (the store's thread writer)
_BIG_BATCH = 50
#: after a writer process ended, the next one starts no sooner than this (a database that is away)
_RESTART_S = 1.0


class Writer(Protocol):
    """Commits station pushes and heartbeats, each with the next group commit."""

    async def push(self, station_id: str, events: Sequence[Any]) -> bytes:
        """The :class:`~venue_app.registry.protocol.PushResponse` JSON, once the batch committed."""
        ...

    async def heartbeat(self, station_id: str, outbox: int | None = None) -> None: ...

    def on_commit(self, listener: CommitListener) -> None:
        """Call ``listener(head, items)`` on the event loop for each commit of another process."""
        ...

    async def close(self) -> None: ...


class ThreadWriter:
    """The store's own group-commit thread, in this process."""

    def __init__(self, store: Store) -> None:
        self.store = store

    async def push(self, station_id: str, events: Sequence[Any]) -> bytes:
        if len(events) <= _BIG_BATCH:
            future = self.store.submit(station_id, events)
        else:
            future = await run_in_threadpool(self.store.submit, station_id, events)
        return (await asyncio.wrap_future(future)).model_dump_json().encode()

    async def heartbeat(self, station_id: str, outbox: int | None = None) -> None:
        await asyncio.wrap_future(self.store.heartbeat_later(station_id, outbox))

    def on_commit(self, listener: CommitListener) -> None:
        """Nothing to do: the store calls its own listeners (the server registered them already)."""

    async def close(self) -> None:
        """The store's writer stops with the store."""


def _fault(exc: BaseException) -> tuple[str, str, str | None]:
    return type(exc).__name__, str(exc), getattr(exc, "code", None)


def _rebuild(fault: tuple[str, str, str | None]) -> Exception:
    name, message, code = fault
    kind = getattr(errors, name, None)
    if isinstance(kind, type) and issubclass(kind, RegistryError):
        return kind(message, code=code)
    return RuntimeError(f"the registry writer failed: {name}: {message}")


def _child(url: str, sock: socket.socket) -> None:
    """The writer process: batches in, replies and committed feed items out, until end of file."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent ends it by closing its side
    conn = Connection(sock.detach())
    sending = threading.Lock()

    def send(message: tuple[Any, ...]) -> None:
        with sending, contextlib.suppress(OSError):  # the parent is gone: nobody to tell
            conn.send(message)

    try:
        store = Store.open(url)
    except Exception as exc:
        send(("broken", 0, _fault(exc)))
        conn.close()
        return
    store.on_commit(lambda head, items: send(("commit", head, items)))
    gc.freeze()  # modules and the schema live as long as the process: keep them out of collections

    def reply(request: int, result: Future[Any]) -> None:
        error = result.exception()
        if error is not None:
            if not isinstance(error, RegistryError):
                log.error("registry writer bug", exc_info=error)
            send(("failed", request, _fault(error)))
        else:
            value = result.result()
            send(("done", request, None if value is None else value.model_dump_json().encode()))

    try:
        while True:
            try:
                kind, request, station_id, events = conn.recv()
            except (EOFError, OSError):
                break
            try:
                # (a heartbeat's "events" are the station's outbox size, or None)
                future = store.submit(station_id, events) if kind == "push" \
                    else store.heartbeat_later(station_id, events)
            except Exception as exc:
                send(("failed", request, _fault(exc)))
                continue
            future.add_done_callback(lambda result, request=request: reply(request, result))
    finally:
        store.close()  # commits (and answers) what it was given
        conn.close()


class ProcessWriter:
    """Station pushes and heartbeats committed by a child process (see the module's docstring).
    Lives on the server's event loop."""

    def __init__(self, url: str) -> None:
        self.url = url
        self._ids = itertools.count(1)
        self._waiting: dict[int, asyncio.Future[Any]] = {}
        self._listeners: list[CommitListener] = []
        self._stream: asyncio.StreamWriter | None = None
        self._proc: Any = None
        self._reader: asyncio.Task[None] | None = None
        self._starting: asyncio.Task[None] | None = None
        self._closed = False
        self._restart_at = 0.0
        self.started = 0  # child processes started so far (tests check a dead one is replaced)

    def on_commit(self, listener: CommitListener) -> None:
        self._listeners.append(listener)

    async def start(self) -> None:
        spawn = multiprocessing.get_context("spawn")
        here, there = socket.socketpair()
        proc = spawn.Process(target=_child, args=(self.url, there), name="registry-writer", daemon=True)
        try:
            await run_in_threadpool(proc.start)  # tens of milliseconds: not on the event loop
        finally:
            there.close()
        reader, stream = await asyncio.open_connection(sock=here)
        self._proc, self._stream = proc, stream
        self.started += 1
        self._reader = asyncio.create_task(self._read(reader, stream, proc), name="registry-writer-replies")

    async def _ready(self) -> asyncio.StreamWriter:
        if self._closed:
            raise StorageUnavailable("the registry is shutting down")
        if self._stream is None:
            if self._starting is None or self._starting.done():
                if time.monotonic() < self._restart_at:
                    raise StorageUnavailable("the registry writer is restarting; send again")
                self._starting = asyncio.create_task(self.start())
            try:
                await asyncio.shield(self._starting)
            except Exception as exc:
                self._restart_at = time.monotonic() + _RESTART_S
                raise StorageUnavailable(f"cannot start the registry writer: {exc}") from exc
        assert self._stream is not None
        return self._stream

    async def _request(self, kind: str, station_id: str, events: list[Any] | int | None) -> Any:
        stream = await self._ready()
        request = next(self._ids)
        future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        self._waiting[request] = future
        payload = pickle.dumps((kind, request, station_id, events), protocol=pickle.HIGHEST_PROTOCOL)
        stream.write(struct.pack("!i", len(payload)) + payload)  # multiprocessing.Connection's framing
        return await future

    async def push(self, station_id: str, events: Sequence[Any]) -> bytes:
        answer: bytes = await self._request("push", station_id, list(events))
        return answer

    async def heartbeat(self, station_id: str, outbox: int | None = None) -> None:
        await self._request("beat", station_id, outbox)

    async def _read(self, reader: asyncio.StreamReader, stream: asyncio.StreamWriter, proc: Any) -> None:
        """Replies and commits from one child, until it ends; then fail what it left unanswered."""
        try:
            while True:
                try:
                    size = struct.unpack("!i", await reader.readexactly(4))[0]
                    if size == -1:  # a message over 2 GiB
                        size = struct.unpack("!Q", await reader.readexactly(8))[0]
                    kind, request, value = pickle.loads(await reader.readexactly(size))
                except (asyncio.IncompleteReadError, OSError):
                    break
                if kind == "commit":
                    for listener in self._listeners:
                        try:
                            listener(request, value)  # (head, items)
                        except Exception:  # a listener must never undo a commit
                            log.exception("feed listener failed")
                    continue
                if kind == "broken":
                    log.error("the registry writer cannot open the database: %s", value[1])
                    break
                future = self._waiting.pop(request, None)
                if future is None or future.done():
                    continue
                if kind == "done":
                    future.set_result(value)
                else:
                    future.set_exception(_rebuild(value))
        finally:
            if self._stream is stream:
                self._stream = None
                self._restart_at = time.monotonic() + _RESTART_S
            stream.close()
            left, self._waiting = self._waiting, {}
            for future in left.values():
                if not future.done():
                    future.set_exception(StorageUnavailable("the registry writer stopped; send again"))
            await run_in_threadpool(proc.join, 10)
            if not self._closed:
                log.warning("the registry writer process ended (exit code %s); the next push starts another",
                            proc.exitcode)

    async def close(self) -> None:
        """Let the child commit what it holds and end (waits for it)."""
        self._closed = True
        if self._starting is not None:
            with contextlib.suppress(Exception):
                await self._starting
        stream, reader, proc = self._stream, self._reader, self._proc
        if stream is None or reader is None:
            return
        with contextlib.suppress(OSError):
            stream.write_eof()  # end of file for the child; its last replies still come back
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(asyncio.shield(reader), 30)
        if proc.is_alive():
            proc.kill()
            await run_in_threadpool(proc.join, 5)


async def open_writer(store: Store, *, process: bool = True) -> Writer:
    """A :class:`ProcessWriter` on the store's database; the store's thread with ``process`` off or
    when no child process can start."""
    if process:
        writer = ProcessWriter(store.url)
        try:
            await writer.start()
        except Exception:
            log.warning("cannot start the registry writer process; writing in this one", exc_info=True)
        else:
            return writer
    return ThreadWriter(store)
