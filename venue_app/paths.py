"""Every path the application uses, derived from one data directory.

The default lives in the platform's user data folder; every command accepts ``--data DIR`` and
tests always pass a temporary one.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

__all__ = ["Paths", "default_data_dir"]

APP_NAME = "venue-desk"


def default_data_dir() -> Path:
    """The data directory used when ``--data`` is not given (``VENUE_DATA`` overrides it)."""
    env = os.environ.get("VENUE_DATA")
    if env:
        return Path(env)
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


@dataclass(frozen=True)
class Paths:
    """The files of one station (or registry) data directory."""

    root: Path

    @classmethod
    def at(cls, data: str | os.PathLike[str] | None) -> Paths:
        return cls(Path(data) if data else default_data_dir())

    def ensure(self) -> Paths:
        for folder in (self.root, self.keys_dir, self.badges_dir, self.logs_dir):
            folder.mkdir(parents=True, exist_ok=True)
        return self

    @property
    def replica(self) -> Path:
        return self.root / "station.sqlite3"

    @property
    def registry_db(self) -> Path:
        return self.root / "registry.sqlite3"

    @property
    def settings(self) -> Path:
        return self.root / "settings.json"

    @property
    def keys_dir(self) -> Path:
        return self.root / "keys"

    @property
    def station_key(self) -> Path:
        return self.keys_dir / "station.ed25519"

    @property
    def badges_dir(self) -> Path:
        return self.root / "badges"

    @property
    def logs_dir(self) -> Path:
        return self.root / "logs"
