"""Long jobs that run in a worker process (see :meth:`ui.taskman.TaskManager.run_process`).

Qt-free and importable without PySide6, so the spawned process loads only the core. Each takes
plain, picklable arguments (paths as strings) and returns plain data.
"""

from __future__ import annotations

from typing import Any

__all__ = ["import_attendees"]


def import_attendees(data_dir: str, file: str, mapping: str | None = None) -> dict[str, Any]:
    """Import a CSV/XLSX file into the station in ``data_dir`` (its own connection; WAL lets the
    desk keep reading, and its writer waits for the import's transaction)."""
    from venue_app.importer import import_file
    from venue_app.paths import Paths
    from venue_app.station import Station

    station = Station.open(Paths.at(data_dir))
    try:
        return import_file(station, file, mapping).as_dict()
    finally:
        station.close()
