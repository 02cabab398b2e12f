"""Stations keep which other stations the registry revoked (``stations.revoked_at``, from the feed's station items).

A registry rebuilt from station replicas (:mod:`venue_app.registry.restore`) must not let a revoked
station's token back in: every station that heard of the revocation now remembers it.
"""

SQL = """
ALTER TABLE stations ADD COLUMN revoked_at TEXT;
"""
