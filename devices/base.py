"""What every scanner reader shares: its thread, callbacks, state changes and a clean stop.

Subclasses implement :meth:`BaseScanner._main`, which runs on the reader thread until
:meth:`BaseScanner.stopping` is true. Callbacks are called on that thread; an exception in a
callback is logged and counted, never allowed to kill the reader (a broken display must not stop
the door from scanning).
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Iterable
from typing import Any, Self

from devices.events import (
    RejectCallback,
    RejectedFrame,
    ScanCallback,
    ScanEvent,
    ScannerState,
    ScannerStats,
    StatusCallback,
    StatusEvent,
)

__all__ = ["BaseScanner", "DeviceReader"]

log = logging.getLogger(__name__)


class BaseScanner:
    """A scanner reader running in its own daemon thread."""

    #: how long stop() waits for the thread by default
    STOP_TIMEOUT = 5.0

    def __init__(
        self,
        source: str,
        on_scan: ScanCallback,
        on_status: StatusCallback | None = None,
        on_reject: RejectCallback | None = None,
    ) -> None:
        self.source = source
        self._on_scan = on_scan
        self._on_status = on_status
        self._on_reject = on_reject
        self.stats = ScannerStats()
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None
        self._cond = threading.Condition()
        self._state = ScannerState.STARTING
        self._reason = ""
        self._port: str | None = None
        self._history: list[ScannerState] = [ScannerState.STARTING]

    # -- public API ----------------------------------------------------------------------------

    def start(self) -> Self:
        """Start the reader thread (once)."""
        if self._thread is not None:
            raise RuntimeError(f"scanner {self.source} already started")
        self._thread = threading.Thread(target=self._run, name=f"scanner {self.source}", daemon=True)
        self._thread.start()
        return self

    def stop(self, timeout: float | None = None) -> None:
        """Ask the reader to stop, wake it, and join it. Idempotent."""
        self._stopping.set()
        self._wake()
        thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(self.STOP_TIMEOUT if timeout is None else timeout)
            if thread.is_alive():
                log.warning("scanner %s did not stop within the timeout", self.source)

    @property
    def stopping(self) -> bool:
        return self._stopping.is_set()

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    @property
    def state(self) -> ScannerState:
        return self._state

    @property
    def reason(self) -> str:
        return self._reason

    @property
    def port(self) -> str | None:
        """The port currently (or last) in use."""
        return self._port

    def wait_for(self, state: ScannerState, timeout: float, *, since: int = 0) -> bool:
        """Block until ``state`` was entered (at or after history index ``since``), or timeout."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while state not in self._history[since:]:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._cond.wait(left)
            return True

    @property
    def history_length(self) -> int:
        """Number of states entered so far; pass it as ``since`` to :meth:`wait_for` later."""
        return len(self._history)

    def __enter__(self) -> Self:
        if self._thread is None:
            self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- for subclasses ------------------------------------------------------------------------

    def _main(self) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def _wake(self) -> None:
        """Interrupt a blocking wait of the reader thread (subclasses with I/O override it)."""

    def _sleep(self, seconds: float) -> bool:
        """Wait ``seconds`` unless stopped; True when a stop was requested."""
        return self._stopping.wait(max(0.0, seconds))

    def _set_state(self, state: ScannerState, reason: str = "", port: str | None = None,
                   details: dict[str, Any] | None = None) -> None:
        """Record and report a state change; repeats of the same state are not reported again
        (a reader retrying every second must not flood the operator), except a new error reason."""
        with self._cond:
            if state == self._state and (state != ScannerState.ERROR or reason == self._reason):
                return
            self._state = state
            self._reason = reason
            if port is not None:
                self._port = port
            self._history.append(state)
            self._cond.notify_all()
        if state == ScannerState.CONNECTED:
            self.stats.connects += 1
        event = StatusEvent(self.source, state, reason, port if port is not None else self._port,
                            time.monotonic(), details or {})
        log.info("scanner %s: %s %s", self.source, state, reason)
        self._call(self._on_status, event)

    def _deliver(self, items: Iterable[ScanEvent | RejectedFrame]) -> None:
        for item in items:
            if isinstance(item, ScanEvent):
                self.stats.scans += 1
                self._call(self._on_scan, item)
            else:
                self.stats.rejected += 1
                log.debug("scanner %s rejected a frame: %s", self.source, item.reason)
                self._call(self._on_reject, item)

    def _call(self, callback: Any, arg: Any) -> None:
        if callback is None:
            return
        try:
            callback(arg)
        except Exception:
            self.stats.callback_errors += 1
            log.exception("scanner %s: callback %r failed", self.source, callback)

    # -- thread body ---------------------------------------------------------------------------

    def _run(self) -> None:
        try:
            self._main()
        except Exception as exc:  # a bug: report it in words, keep the traceback in the log
            log.exception("scanner %s crashed", self.source)
            self._set_state(ScannerState.ERROR, f"internal error (a bug, see the log): {exc!r}")
        finally:
            self._set_state(ScannerState.STOPPED)


class DeviceReader(BaseScanner):
    """A reader of one device file found by vendor (``auto``) or given by path (evdev, HID POS): find
    it, open it, read until it is unplugged, and try again every :attr:`RETRY` seconds. Subclasses
    say how to open, read and release the device, and what to do with a code cut off by an unplug."""

    RETRY = 1.0
    #: words for the status line: nothing found; the library missing
    NOT_FOUND = "no scanner found"
    MISSING = "a library is not installed"
    #: added to "cannot open PATH: reason"
    OPEN_HINT = ""

    target: str
    _finder: Any

    def _open_device(self, path: str) -> Any:  # raises ImportError (no library) or OSError
        raise NotImplementedError

    def _read(self, device: Any) -> None:  # returns when stopping; OSError when unplugged
        raise NotImplementedError

    def _cut_off(self) -> None:
        """The device went away mid-code (what was read of it is not a code)."""

    def _release(self, device: Any) -> None:
        with contextlib.suppress(Exception):
            device.close()

    def _main(self) -> None:
        while not self.stopping:
            path = self.target
            if path == "auto":
                found = self._finder()
                if not found:
                    self._set_state(ScannerState.SEARCHING, self.NOT_FOUND)
                    if self._sleep(self.RETRY):
                        return
                    continue
                path = found[0].path
            try:
                device = self._open_device(path)
            except ImportError:
                self._set_state(ScannerState.ERROR, self.MISSING)
                return
            except OSError as exc:
                self._set_state(ScannerState.ERROR, f"cannot open {path}: {exc.strerror or exc}{self.OPEN_HINT}")
                if self._sleep(self.RETRY):
                    return
                continue
            self._set_state(ScannerState.CONNECTED, port=path)
            try:
                self._read(device)
            except OSError as exc:
                self._cut_off()
                self._set_state(ScannerState.DISCONNECTED, f"scanner unplugged ({exc.strerror or exc})")
            finally:
                self._release(device)
            if self._sleep(self.RETRY):
                return
