"""Hybrid logical clock.

A timestamp is wall-clock milliseconds, a counter and the station id. Its text form sorts in the
same order as the tuple, so SQLite can order events by ``hlc`` directly. Receiving a remote
timestamp moves the local clock forward; one absurdly far in the future is clamped and flagged
rather than trusted, so a station with a wrong clock cannot poison everyone else's.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

__all__ = ["HLC", "MAX_DRIFT_MS", "Clock", "format_hlc", "parse_hlc"]

#: remote timestamps more than this far ahead of our wall clock are clamped
MAX_DRIFT_MS = 24 * 3600 * 1000


@dataclass(frozen=True, order=True)
class HLC:
    ms: int
    counter: int
    station: str

    def __str__(self) -> str:
        return format_hlc(self)


def format_hlc(ts: HLC) -> str:
    return f"{ts.ms:013d}.{ts.counter:06d}.{ts.station}"


def parse_hlc(text: str) -> HLC:
    ms, counter, station = text.split(".", 2)
    if len(ms) != 13 or len(counter) != 6 or not ms.isdigit() or not counter.isdigit():
        raise ValueError(f"malformed HLC {text!r}")
    return HLC(int(ms), int(counter), station)


class Clock:
    """The station's HLC; thread-safe."""

    def __init__(self, station: str, wall: Callable[[], int] | None = None) -> None:
        self.station = station
        self._wall = wall or (lambda: time.time_ns() // 1_000_000)
        self._ms = 0
        self._counter = 0
        self._lock = threading.Lock()

    def now(self) -> HLC:
        with self._lock:
            wall = self._wall()
            if wall > self._ms:
                self._ms, self._counter = wall, 0
            else:
                self._counter += 1
            return HLC(self._ms, self._counter, self.station)

    def observe(self, remote: HLC) -> tuple[HLC, bool]:
        """Merge a remote timestamp; return it (clamped if absurd) and whether it was clamped."""
        with self._lock:
            wall = self._wall()
            clamped = remote.ms > wall + MAX_DRIFT_MS
            if clamped:
                remote = HLC(wall + MAX_DRIFT_MS, remote.counter, remote.station)
            top = max(wall, self._ms, remote.ms)
            if top == self._ms == remote.ms:
                self._counter = max(self._counter, remote.counter) + 1
            elif top == self._ms:
                self._counter += 1
            elif top == remote.ms:
                self._counter = remote.counter + 1
            else:
                self._counter = 0
            self._ms = top
            return remote, clamped
