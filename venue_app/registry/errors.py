"""Errors of the registry, each with a stable machine code and the HTTP status it maps to.

:class:`RegistryError` is the one base (a :class:`~venue_app.errors.VenueError`); faults of the
environment (the database is unreachable, the disk is full) also derive from
:class:`~venue_app.errors.EnvironmentFault` so the CLI exits with code 3 and the API answers 503.
Anything else raised inside the registry is a bug: the API logs it and answers 500 ``internal_error``.
"""

from __future__ import annotations

from typing import Any

from venue_app.errors import EnvironmentFault, VenueError

__all__ = [
    "AuthError",
    "ConflictError",
    "ForbiddenError",
    "InvalidInput",
    "NotFound",
    "RegistryError",
    "StorageUnavailable",
    "TooLarge",
]


class RegistryError(VenueError):
    """Base of every expected registry error; ``code`` is stable, ``str()`` is for people."""

    code = "registry_error"
    status = 400

    def __init__(self, message: str, *, code: str | None = None, detail: Any = None) -> None:
        super().__init__(message)
        if code is not None:
            self.code = code
        self.detail = detail


class AuthError(RegistryError):
    """Missing, wrong or revoked credentials (401)."""

    code = "unauthorized"
    status = 401


class ForbiddenError(RegistryError):
    """Valid credentials of the wrong kind, e.g. a station token on an admin endpoint (403)."""

    code = "forbidden"
    status = 403


class NotFound(RegistryError):
    code = "not_found"
    status = 404


class ConflictError(RegistryError):
    """The registry is not in the state the request needs (already initialised, …) (409)."""

    code = "conflict"
    status = 409


class InvalidInput(RegistryError):
    """A request or file that cannot be used as it is (422)."""

    code = "invalid_input"
    status = 422


class TooLarge(RegistryError):
    code = "payload_too_large"
    status = 413


class StorageUnavailable(RegistryError, EnvironmentFault):
    """The registry database cannot be reached or written (503)."""

    code = "storage_unavailable"
    status = 503
