"""Exception hierarchy of the core.

Two families: :class:`EnvironmentFault` is the environment's fault (disk full, registry offline,
port busy) and is shown to staff in plain words; everything else deriving from
:class:`VenueError` is a usage or data error with a clear message. Any other exception is a bug
and gets logged with its traceback.
"""

from __future__ import annotations

__all__ = [
    "ConfigError",
    "EnvironmentFault",
    "NotInitialised",
    "ReplicaError",
    "StorageFault",
    "TokenError",
    "VenueError",
]


class VenueError(Exception):
    """Base of every expected error of the core; ``str()`` is fit for staff."""


class EnvironmentFault(VenueError):
    """Something outside the program is wrong (disk, network, device); not a bug."""


class StorageFault(EnvironmentFault):
    """The replica could not be written (disk full, read-only, locked)."""


class ReplicaError(VenueError):
    """The replica is not in the state an operation needs."""


class NotInitialised(ReplicaError):
    """The data directory holds no station yet."""


class ConfigError(VenueError):
    """A setting or a command-line value is invalid."""


class TokenError(VenueError):
    """A badge token could not be issued (missing key, bad field)."""
