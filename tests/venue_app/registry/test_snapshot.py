"""Registry snapshots (venue_app.registry.snapshot), on SQLite and PostgreSQL: what a snapshot holds for each
role class, its signed manifest, and the cache (built once, rebuilt in the background when stale)."""

from __future__ import annotations

import contextlib
import csv
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from tests.venue_app.registry.conftest import Registry
from venue_app.keys import PublicKey, SigningKey
from venue_app.registry import admin
from venue_app.registry.config import RegistryConfig
from venue_app.registry.snapshot import Manifest, SnapshotCache, build, file_sha256, role_class
from venue_app.replica import Replica
from venue_app.search import search

FIELDS = ["code", "given_name", "family_name", "native_name", "organisation", "city", "country", "category",
          "email", "phone", "accessibility", "notes", "status"]


def people(n: int, start: int = 0) -> list[dict[str, str]]:
    out = []
    for i in range(start, start + n):
        out.append({"code": f"SNAP{i:05d}", "given_name": f"Given{i}",
                    "family_name": ["Wang", "Müller", "Okafor"][i % 3],
                    "native_name": "王秀英" if i % 3 == 0 else "", "organisation": "City of Lyon", "city": "Lyon",
                    "country": "FR", "category": "DEL", "email": f"person{i}@private.example",
                    "phone": f"+33 6 12 34 {i:05d}", "accessibility": f"wheelchair-{i}", "notes": f"allergy-{i}",
                    "status": "active"})
    return out


def import_people(store: Any, path: Path, rows: list[dict[str, str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=FIELDS)
        writer.writeheader()
        writer.writerows(rows)
    report = admin.import_file(store, path)
    assert not report.error and report.inserted == len(rows), report


def registry_key(registry: Registry) -> Any:
    return admin.load_key(RegistryConfig.load(registry.root))


def test_snapshot_is_a_signed_station_replica_minimised_per_role(store: Any, registry: Registry,
                                                                 tmp_path: Path) -> None:
    import_people(store, tmp_path / "p.csv", people(60))
    key = registry_key(registry)
    public = PublicKey.from_text(store.event()["registry_key"]["public_key"])
    full = build(store, "desk", tmp_path / "desk.sqlite3", key)
    door = build(store, "door", tmp_path / "door.sqlite3", key)
    assert (full.role_class, door.role_class) == ("full", "minimal") and role_class("dashboard") == "minimal"
    assert full.seq == door.seq == store.head()
    for manifest, path in ((full, tmp_path / "desk.sqlite3"), (door, tmp_path / "door.sqlite3")):
        assert manifest.verify(public)
        assert manifest.sha256 == file_sha256(path) and manifest.size == path.stat().st_size
        assert Manifest.from_json(manifest.as_json()) == manifest
        assert not Path(f"{path}-wal").exists()  # one self-contained file

    # a door's snapshot holds no e-mail, phone, notes or accessibility needs, not even as stray bytes
    desk_bytes, door_bytes = (tmp_path / "desk.sqlite3").read_bytes(), (tmp_path / "door.sqlite3").read_bytes()
    for secret in (b"person7@private.example", b"+33 6 12 34 00007", b"wheelchair-7", b"allergy-7"):
        assert secret in desk_bytes
        assert secret not in door_bytes

    # each is a station replica: data, search index built, feed position
    for name, email in (("desk", "person7@private.example"), ("door", "")):
        copy = tmp_path / f"open-{name}.sqlite3"
        shutil.copy(tmp_path / f"{name}.sqlite3", copy)
        replica = Replica(copy)
        try:
            assert replica.one("SELECT count(*) FROM attendees")[0] == 60
            assert replica.one("SELECT count(*) FROM attendee_fts_pending")[0] == 0
            assert replica.one("SELECT email FROM attendees WHERE code = 'SNAP00007'")[0] == email
            assert replica.get_meta("feed_cursor") == full.seq and replica.get_meta("snapshot_role") == (
                "full" if name == "desk" else "minimal")
            hits = search(replica.reader(), "秀英")
            assert hits and all(h["native_name"] == "王秀英" for h in hits)
            assert search(replica.reader(), "okafor")[0]["family_name"] == "Okafor"
            assert {r[0] for r in replica.query("SELECT id FROM rooms")} >= {"plenary", "expo"}
        finally:
            replica.close()


def test_a_revoked_station_is_known_revoked_in_a_snapshot(store: Any, registry: Registry, tmp_path: Path) -> None:
    """A snapshot stores each feed item as a station applying the feed does (venue_app.feeditems): a station
    revoked before it was built is revoked in it, so a registry rebuilt from that replica keeps it out."""
    key = registry_key(registry)

    def enrolled(name: str, role: str) -> str:  # certified by this registry's key, as the server does it
        code, _ = store.create_enrollment(name=name, role=role)
        return store.enroll(code=code, public_key=SigningKey.generate().public.text, name=None, key=key)["station_id"]

    kept, lost = enrolled("Kept desk", "desk"), enrolled("Lost tablet", "door")
    store.revoke(lost, "stolen")
    build(store, "desk", tmp_path / "desk.sqlite3", key)
    replica = Replica(tmp_path / "desk.sqlite3")
    try:
        revoked = dict(replica.query("SELECT id, revoked_at FROM stations WHERE id IN (?, ?)", (kept, lost)))
    finally:
        replica.close()
    assert revoked[kept] is None and revoked[lost]


def test_tampered_snapshot_or_manifest_fails_the_check(store: Any, registry: Registry, tmp_path: Path) -> None:
    import_people(store, tmp_path / "p.csv", people(10))
    key = registry_key(registry)
    public = PublicKey.from_text(store.event()["registry_key"]["public_key"])
    manifest = build(store, "desk", tmp_path / "s.sqlite3", key)
    data = bytearray((tmp_path / "s.sqlite3").read_bytes())
    data[len(data) // 2] ^= 0x01
    (tmp_path / "s.sqlite3").write_bytes(bytes(data))
    assert file_sha256(tmp_path / "s.sqlite3") != manifest.sha256  # what the station compares
    forged = Manifest(**{**manifest.__dict__, "seq": manifest.seq + 1000})
    assert not forged.verify(public)
    other = Manifest(**{**manifest.__dict__, "role_class": "full", "event_id": "another-event"})
    assert not other.verify(public)
    with pytest.raises(ValueError, match="not a snapshot manifest"):
        Manifest.from_json(b"{not json")


def test_cache_builds_once_and_rebuilds_in_the_background_when_stale(store: Any, registry: Registry,
                                                                     tmp_path: Path) -> None:
    import_people(store, tmp_path / "p.csv", people(20))
    cache = SnapshotCache(store, registry_key(registry), tmp_path / "snapshots", stale_items=5)
    first, path = cache.get("desk")
    again, same = cache.get("desk")
    assert (again, same) == (first, path) and cache.builds == 1
    door, _ = cache.get("dashboard")
    assert door.role_class == "minimal" and cache.builds == 2
    import_people(store, tmp_path / "q.csv", people(20, start=100))  # 20 more feed items: stale now
    served, served_path = cache.get("desk")
    assert served == first and served_path.exists()  # the stale one is served at once ...
    cache._background["full"].join(60)
    fresh = cache.cached("full")
    assert fresh is not None and fresh.seq == store.head() > first.seq  # ... while a fresh one is built
    assert cache.get("desk")[0] == fresh and cache.builds == 3
    assert path.exists()  # the previous file stays readable for a download in flight
    with contextlib.closing(sqlite3.connect(cache.path(fresh))) as conn:
        assert conn.execute("SELECT count(*) FROM attendees").fetchone()[0] == 40


def test_a_snapshot_of_another_feed_is_never_served(store: Any, registry: Registry, tmp_path: Path) -> None:
    """A registry restored from its stations starts a new feed epoch: positions of the old feed mean nothing."""
    from venue_app.registry.store import meta_t

    import_people(store, tmp_path / "p.csv", people(5))
    cache = SnapshotCache(store, registry_key(registry), tmp_path / "snapshots")
    first, _ = cache.get("desk")
    assert cache.cached("full") == first
    with store.write() as tx:
        tx.conn.execute(meta_t.insert().values(key="epoch", value="restored-1"))
    assert cache.cached("full") is None
    again, _ = cache.get("desk")
    assert cache.builds == 2 and cache.cached("full") == again


def test_a_snapshot_built_by_another_version_is_built_again(store: Any, registry: Registry, tmp_path: Path) -> None:
    """After an upgrade of the registry, a cached snapshot in the old station schema would be refused by every
    new station (which would then pull the whole feed): it is built again in this code's schema."""
    import json

    import_people(store, tmp_path / "p.csv", people(5))
    cache = SnapshotCache(store, registry_key(registry), tmp_path / "snapshots")
    _, path = cache.get("door")
    with contextlib.closing(sqlite3.connect(path)) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == cache.schema
    side = tmp_path / "snapshots" / "minimal.json"
    side.write_text(json.dumps({**json.loads(side.read_text()), "schema": cache.schema - 1}))
    assert cache.cached("minimal") is None
    cache.get("door")
    assert cache.builds == 2 and cache.cached("minimal") is not None
