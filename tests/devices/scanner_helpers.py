"""Helpers shared by the device tests: pty pairs and a recorder of scanner callbacks."""

from __future__ import annotations

import contextlib
import os
import queue
import threading
import time
from pathlib import Path

from devices.events import RejectedFrame, ScanEvent, ScannerState, StatusEvent

WAIT = 5.0  # generous: CI machines stall; the tests wait on events, never sleep this long


class Pty:
    """One pty pair; ``path`` is what the scanner opens (the slave, or a symlink to it)."""

    def __init__(self, link: Path | None = None) -> None:
        self.master, slave = os.openpty()
        self.slave_path = os.ttyname(slave)
        os.close(slave)  # the scanner opens its own; the pty lives as long as the master
        self.link = link
        if link is not None:
            with contextlib.suppress(FileNotFoundError):
                link.unlink()
            link.symlink_to(self.slave_path)
        self.path = str(link) if link is not None else self.slave_path
        self.closed = False

    def write(self, data: bytes) -> None:
        view = memoryview(data)
        while view:
            written = os.write(self.master, view)
            view = view[written:]

    def unplug(self) -> None:
        """Close the master: the scanner's next read fails like a pulled cable."""
        if not self.closed:
            os.close(self.master)
            self.closed = True


class Recorder:
    """Collects scanner callbacks into thread-safe queues."""

    def __init__(self) -> None:
        self.scans: queue.Queue[ScanEvent] = queue.Queue()
        self.rejects: queue.Queue[RejectedFrame] = queue.Queue()
        self.statuses: list[StatusEvent] = []
        self._status_cond = threading.Condition()

    def on_scan(self, event: ScanEvent) -> None:
        self.scans.put(event)

    def on_reject(self, frame: RejectedFrame) -> None:
        self.rejects.put(frame)

    def on_status(self, status: StatusEvent) -> None:
        with self._status_cond:
            self.statuses.append(status)
            self._status_cond.notify_all()

    def scan(self, timeout: float = WAIT) -> ScanEvent:
        return self.scans.get(timeout=timeout)

    def texts(self, n: int, timeout: float = WAIT) -> list[str]:
        return [self.scan(timeout).text for _ in range(n)]

    def no_scan(self, within: float = 0.2) -> bool:
        try:
            extra = self.scans.get(timeout=within)
        except queue.Empty:
            return True
        raise AssertionError(f"unexpected scan {extra!r}")

    def drain_rejects(self) -> list[RejectedFrame]:
        out = []
        while True:
            try:
                out.append(self.rejects.get_nowait())
            except queue.Empty:
                return out

    def wait_status(self, state: ScannerState, *, after: int = 0, timeout: float = WAIT) -> StatusEvent:
        deadline = time.monotonic() + timeout
        with self._status_cond:
            while True:
                for status in self.statuses[after:]:
                    if status.state == state:
                        return status
                left = deadline - time.monotonic()
                if left <= 0:
                    seen = [(s.state.value, s.reason) for s in self.statuses]
                    raise AssertionError(f"no {state} status within {timeout}s; saw {seen}")
                self._status_cond.wait(left)

    @property
    def mark(self) -> int:
        with self._status_cond:
            return len(self.statuses)


