"""Station ⇄ registry replication (protocol v1): enrolment, the sync engine, applying the feed."""

from venue_app.sync.client import RegistryClient, SyncError
from venue_app.sync.engine import SyncEngine, SyncStatus

__all__ = ["RegistryClient", "SyncEngine", "SyncError", "SyncStatus"]
