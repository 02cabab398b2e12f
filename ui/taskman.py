"""The one adapter between worker threads and the GUI thread (the model of Anki's taskman and
Picard's ``run_task``).

* :meth:`TaskManager.run` runs a function on a worker and calls ``on_done(result)`` or
  ``on_error(exc)`` on the GUI thread. Lanes: ``"write"`` is a single worker, so station writes
  (scans, records, print jobs) happen in order through one writer, as DESIGN.md asks; ``"read"``
  is a small pool for searches and status queries (each thread has its own read-only SQLite
  connection, WAL never blocks them); ``"print"`` is a single worker for the printer so that
  rendering a badge never delays the next scan's verdict; ``"long"`` is for imports and syncs.
* :meth:`TaskManager.post` calls a function on the GUI thread from any thread — device reader
  threads and the sync client report through it.

Nothing else in ``ui`` starts threads or touches Qt from a foreign thread.

Garbage collection: a full (generation 2) collection holds the GIL for as long as it takes to
walk every container object — measured 200-700 ms while a 100k-row import holds its rows in
memory — and stops the GUI thread with it, though the import runs on a worker. While a ``long``
task runs, the generation-2 threshold is therefore raised out of reach: the young generations are
still collected as usual (small and quick), the import's rows are freed by reference counting
anyway, and full collections resume when the last long task ends. (Disabling the collector
altogether is worse: the young generations then grow huge and one collection costs 500 ms.)
"""

from __future__ import annotations

import gc
import itertools
import logging
import threading
import traceback
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor, wait
from typing import Any, ClassVar

from PySide6.QtCore import QObject, Signal, Slot

from venue_app.errors import VenueError

__all__ = ["Progress", "Task", "TaskManager"]

log = logging.getLogger(__name__)

#: ``progress(done, total, text)``: safe to call from the worker; arrives on the GUI thread
Progress = Callable[[int, int, str], None]


class _Relay(QObject):
    """Lives on the GUI thread; a signal emitted from any thread runs the callable there (queued)."""

    call = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.call.connect(self._invoke)

    @Slot(object)
    def _invoke(self, fn: Callable[[], None]) -> None:
        try:
            fn()
        except Exception:  # a broken callback must not take the event loop down
            log.exception("GUI callback failed")


class Task:
    """A handle on work submitted to a lane; :meth:`cancel` drops its result (the work may still run)."""

    def __init__(self, task_id: int, lane: str, label: str) -> None:
        self.id = task_id
        self.lane = lane
        self.label = label
        self.cancelled = False
        self.done = threading.Event()

    def cancel(self) -> None:
        self.cancelled = True


class TaskManager(QObject):
    """Worker lanes plus the relay to the GUI thread. Create it on the GUI thread."""

    #: (task id, label) when a task starts / ends — for busy indicators
    started = Signal(int, str)
    finished = Signal(int, str)

    LANES: ClassVar[dict[str, int]] = {"write": 1, "read": 2, "print": 1, "long": 1}

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._relay = _Relay()
        # Python threads, not QThreadPool: a Qt pool thread gets a fresh Python thread state for
        # every task, which empties threading.local — and with it the per-thread SQLite read
        # connection of Replica.reader(), so each task opened (and kept) a new connection with its
        # own page cache: 1 GB after 500 scans on a 100k replica. These threads keep theirs.
        self._pools: dict[str, ThreadPoolExecutor] = {
            lane: ThreadPoolExecutor(threads, thread_name_prefix=f"venue-{lane}")
            for lane, threads in self.LANES.items()}
        self._closed = False
        self._futures: set[Future[None]] = set()
        self._ids = itertools.count(1)
        self._active: dict[int, Task] = {}
        self._lock = threading.Lock()
        self.errors: list[str] = []
        self._gc_holds = 0
        self._gc_thresholds = gc.get_threshold()

    # -- GUI thread ----------------------------------------------------------------------------
    def post(self, fn: Callable[[], None]) -> None:
        """Run ``fn`` on the GUI thread soon (callable from any thread)."""
        self._relay.call.emit(fn)

    def run(self, fn: Callable[..., Any], *args: Any, lane: str = "write", label: str = "",
            on_done: Callable[[Any], None] | None = None, on_error: Callable[[BaseException], None] | None = None,
            on_progress: Callable[[int, int, str], None] | None = None, **kwargs: Any) -> Task:
        """Run ``fn(*args, **kwargs)`` on ``lane``; with ``on_progress`` it gets a ``progress=`` argument."""
        task = Task(next(self._ids), lane, label or getattr(fn, "__name__", "task"))
        if self._closed:  # a late call while the window closes: nothing runs any more
            task.cancel()
            return task
        with self._lock:
            self._active[task.id] = task
        if on_progress is not None:
            def progress(done: int, total: int, text: str = "") -> None:
                if not task.cancelled:
                    self.post(lambda: on_progress(done, total, text))
            kwargs["progress"] = progress

        def body() -> None:
            try:
                result = fn(*args, **kwargs)
            except BaseException as exc:
                if isinstance(exc, VenueError):  # expected (a refusal, the disk, the network): words, no trace
                    log.warning("task %s: %s", task.label, exc)
                else:  # a bug
                    log.error("task %s failed:\n%s", task.label, "".join(traceback.format_exception(exc)))
                error = exc  # `exc` is unbound when the except block ends; the lambda runs later
                self._finish(task, lambda: self._failed(task, error, on_error))
                return
            self._finish(task, lambda: on_done(result) if on_done is not None and not task.cancelled else None)

        self.started.emit(task.id, task.label)
        if lane == "long":
            self._hold_gc()
        future = self._pools[lane].submit(body)
        with self._lock:
            self._futures.add(future)
        future.add_done_callback(self._forget)
        return task

    def _forget(self, future: Future[None]) -> None:
        with self._lock:
            self._futures.discard(future)

    def _finish(self, task: Task, then: Callable[[], None]) -> None:
        def on_gui() -> None:
            with self._lock:
                self._active.pop(task.id, None)
            task.done.set()
            if task.lane == "long":
                self._release_gc()
            try:
                then()
            finally:
                self.finished.emit(task.id, task.label)
        self.post(on_gui)

    def _failed(self, task: Task, exc: BaseException, on_error: Callable[[BaseException], None] | None) -> None:
        if task.cancelled:
            return
        if on_error is not None:
            on_error(exc)
        else:
            self.errors.append(f"{task.label}: {exc}")

    def _hold_gc(self) -> None:
        if self._gc_holds == 0:
            self._gc_thresholds = gc.get_threshold()
            young, middle = self._gc_thresholds[:2]
            gc.set_threshold(young, middle, 1 << 30)
        self._gc_holds += 1

    def _release_gc(self) -> None:
        self._gc_holds = max(0, self._gc_holds - 1)
        if self._gc_holds == 0:
            gc.set_threshold(*self._gc_thresholds)

    # -- housekeeping --------------------------------------------------------------------------
    @property
    def busy(self) -> int:
        with self._lock:
            return len(self._active)

    def wait_idle(self, timeout_ms: int = 30_000) -> bool:
        """Block until every lane is idle (shutdown and tests); GUI callbacks still pending are
        delivered by the caller's event loop afterwards."""
        with self._lock:
            pending = set(self._futures)
        _done, not_done = wait(pending, timeout=timeout_ms / 1000)
        return not not_done

    def shutdown(self, timeout_ms: int = 10_000) -> None:
        for task in list(self._active.values()):
            task.cancel()
        with self._lock:
            pending = set(self._futures)
        for future in pending:
            future.cancel()  # not started yet: dropped
        self.wait_idle(timeout_ms)
        self._closed = True
        for pool in self._pools.values():
            pool.shutdown(wait=False)
