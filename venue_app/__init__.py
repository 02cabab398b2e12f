"""Venue desk core: the Qt-free domain, local replica, services, registry and CLI."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("venue-desk")
except PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0.0.0"

__all__ = ["__version__"]
