"""Fixtures for the scanner tests: real pty pairs and callback recorders.

A pty pair is a real serial device as far as pyserial is concerned: the scanner opens the slave
path, the test writes to the master as the "scanner hardware", and closing the master is a real
unplug (pyserial raises SerialException on the next read, as with a pulled USB cable). A symlink in
``tmp_path`` plays the role of a stable udev name (``/dev/serial/by-id/…``) that points to a new
pty after a replug.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from scanner_helpers import Pty, Recorder


@pytest.fixture
def recorder() -> Recorder:
    return Recorder()


@pytest.fixture
def ptys(tmp_path: Path) -> Iterator[Callable[..., Pty]]:
    """Factory of pty pairs, all closed at teardown. ``ptys(link="name")`` adds a stable symlink."""
    made: list[Pty] = []

    def make(link: str | None = None) -> Pty:
        pty = Pty(tmp_path / link if link else None)
        made.append(pty)
        return pty

    yield make
    for pty in made:
        pty.unplug()


@pytest.fixture
def scanners() -> Iterator[list]:
    """Scanners registered here are stopped (thread joined, fds closed) at teardown."""
    started: list = []
    yield started
    for scanner in started:
        scanner.stop()
        assert not scanner.running, f"scanner {scanner.source} thread did not stop"
