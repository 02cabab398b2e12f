"""The registry sync of an enrolled station, as the desk sees it.

:class:`EngineSync` runs :class:`venue_app.sync.SyncEngine` (its own push and long-poll threads)
and is a :class:`ui.statusbar.SyncSource`; every change of the engine's status reaches the GUI
thread through :meth:`ui.taskman.TaskManager.post`, so going offline shows at once rather than at
the next poll. :class:`RegistryEnroller` is the setup wizard's :class:`ui.setup.Enroller`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from typing import Any

from ui.statusbar import SyncStatus
from ui.taskman import TaskManager
from venue_app.paths import Paths
from venue_app.station import Station
from venue_app.views.status import outbox_count

__all__ = ["EngineSync", "RegistryEnroller", "from_engine_status", "sync_for"]

log = logging.getLogger(__name__)


def _when(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None


def from_engine_status(s: Any, outbox: int | None = None) -> SyncStatus:
    """The engine's status (venue_app.sync.SyncStatus) in the desk's terms."""
    state = {"starting": "connecting", "online": "online", "offline": "offline", "revoked": "revoked",
             "stopped": "offline"}.get(s.state, "error")
    drift = None if s.clock_offset_ms is None else s.clock_offset_ms / 1000
    return SyncStatus(state, s.outbox if outbox is None else outbox, since=_when(s.since),
                      last_sync=_when(s.last_success), message=s.last_error or s.clock_warning,
                      clock_drift_s=drift)


class EngineSync:
    def __init__(self, station: Station, tasks: TaskManager, **engine_options: Any) -> None:
        from venue_app.sync import SyncEngine

        self.station = station
        self.tasks = tasks
        self.engine = SyncEngine(station, **engine_options)
        self.listeners: list[Callable[[SyncStatus], None]] = []  # called on the GUI thread
        self.engine.on_change(self._changed)

    def start(self) -> None:
        self.engine.start()

    def stop(self) -> None:
        self.engine.stop()

    def sync_status(self) -> SyncStatus:
        # the engine refreshes its outbox count only when it talks to the registry; offline, the
        # desk still wants to see every scan waiting: count it here (read connection, no lock)
        return from_engine_status(self.engine.status, outbox_count(self.station))

    def _changed(self, status: Any) -> None:  # on a sync thread
        converted = self.sync_status()
        self.tasks.post(lambda: [listener(converted) for listener in list(self.listeners)])


def sync_for(station: Station, tasks: TaskManager) -> EngineSync | None:
    """A running sync for an enrolled station; None for a standalone one."""
    if station.replica.get_meta("mode", "standalone") != "registry" or not station.replica.get_meta("registry_url"):
        return None
    sync = EngineSync(station, tasks)
    sync.start()
    return sync


class RegistryEnroller:
    """Enrol with the registry and make the first full pull (may take seconds: run it off the GUI)."""

    def __init__(self, progress: Callable[[int, int], None] | None = None) -> None:
        self.progress = progress

    def enroll(self, paths: Paths, url: str, code: str, station_name: str) -> Station:
        from venue_app.sync.enroll import enroll

        # the desk opens once the data is in; its sync engine builds the search index after
        return enroll(paths, url.strip(), code, name=station_name or None, progress=self.progress, index=False)
