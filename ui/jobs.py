"""Long jobs that run in a worker process (see :meth:`ui.taskman.TaskManager.run_process`).

Qt-free and importable without PySide6, so the spawned process loads only the core. Each takes
plain, picklable arguments (paths as strings) and returns plain data.
"""

from __future__ import annotations

import contextlib
import os
from typing import Any

__all__ = ["background", "import_attendees"]


def background() -> None:
    """Lower this worker process's priority: a long import must yield the CPU to the window and to
    scans (a congress laptop has two cores, and the desk is the interactive part)."""
    if hasattr(os, "nice"):
        with contextlib.suppress(OSError):
            os.nice(10)


def import_attendees(data_dir: str, file: str, mapping: str | None = None) -> dict[str, Any]:
    """Import a CSV/XLSX file into the station in ``data_dir`` (its own connection; WAL lets the
    desk keep reading, and its writer waits for the import's transaction)."""
    background()
    from venue_app.importer import import_file
    from venue_app.paths import Paths
    from venue_app.station import Station

    station = Station.open(Paths.at(data_dir))
    try:
        return import_file(station, file, mapping).as_dict()
    finally:
        station.close()
