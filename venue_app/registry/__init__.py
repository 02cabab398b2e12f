"""The reference central registry of sync protocol v1 (DESIGN.md): enrolment, feed, event push, admin.

Modules: :mod:`~venue_app.registry.protocol` (request/response models shared with the station
client), :mod:`~venue_app.registry.store` (SQLAlchemy Core storage on SQLite or PostgreSQL),
:mod:`~venue_app.registry.server` (FastAPI app and uvicorn runner), :mod:`~venue_app.registry.feed`
(long-poll plumbing), :mod:`~venue_app.registry.admin` (init, import, program, enrolment codes),
:mod:`~venue_app.registry.config` (data directory and limits), :mod:`~venue_app.registry.errors`.
"""

from __future__ import annotations

from venue_app.registry.errors import RegistryError, StorageUnavailable

__all__ = ["RegistryError", "StorageUnavailable"]
