"""Partitioned stations: conflicts are kept, merged and shown, never hidden or double-counted."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from faultproxy import FaultProxy

from venue_app.ops.people import edit_attendee
from venue_app.ops.undo import undo_checkin
from venue_app.paths import Paths
from venue_app.station import Station
from venue_app.sync import SyncEngine
from venue_app.sync.client import RegistryClient
from venue_app.sync.enroll import enroll


@pytest.fixture
def pair(registry, tmp_path: Path) -> Iterator[tuple[Station, Station, FaultProxy, FaultProxy, SyncEngine,
                                                      SyncEngine]]:
    stations, proxies, engines = [], [], []
    for name in ("Desk North", "Desk South"):
        st = enroll(Paths(tmp_path / name), registry.url, registry.enroll_code(name), name=name)
        proxy = FaultProxy(registry.port, registry.tls)
        stations.append(st)
        proxies.append(proxy)
        engines.append(SyncEngine(st, client=RegistryClient(proxy.url, st.registry_token(), timeout=2)))
    yield stations[0], stations[1], proxies[0], proxies[1], engines[0], engines[1]
    for st, proxy, engine in zip(stations, proxies, engines, strict=True):
        engine.client.close()
        proxy.close()
        st.close()


def sync_all(*engines: SyncEngine) -> None:
    for _ in range(2):  # the second round pulls what the others pushed in the first
        for engine in engines:
            engine.run_once()


def test_double_admission_while_partitioned(pair, registry, codes: list[str]) -> None:
    north, south, p1, p2, e1, e2 = pair
    p1.set("drop")
    p2.set("drop")
    first = north.scan(codes[300])
    second = south.scan(codes[300])
    assert first.status == second.status == "ok"  # neither could know
    p1.set("pass")
    p2.set("pass")
    sync_all(e1, e2)
    ids = {first.event_id, second.event_id}
    for st in (north, south):
        assert ids <= {r[0] for r in st.replica.query("SELECT id FROM log")}
        row = st.replica.one("SELECT event_id, count FROM checkins WHERE attendee_id = ?", (first.attendee["id"],))
        assert row["event_id"] == first.event_id and row["count"] == 2  # shown at the earliest time
        conflict = next(c for c in st.conflicts() if c["kind"] == "double_checkin")
        assert {s["name"] for s in conflict["stations"]} == {"Desk North", "Desk South"}
        assert st.status()["checked_in"] == north.status()["checked_in"]
    assert ids <= registry.event_ids()
    assert registry.summary()["conflict_count"] >= 1


def test_two_offline_reprints_both_revoke_the_original(pair, codes: list[str]) -> None:
    north, south, p1, p2, e1, e2 = pair
    original = north.issue_badge(codes[310])
    sync_all(e1, e2)
    p1.set("drop")
    p2.set("drop")
    a = north.issue_badge(codes[310], reason="lost")
    b = south.issue_badge(codes[310], reason="damaged")
    p1.set("pass")
    p2.set("pass")
    sync_all(e1, e2)
    for st in (north, south):
        assert st.scan(original.token).status == "revoked"
        valid = {b["serial"] for b in st.badges(a.attendee_id) if b["revoked_hlc"] is None}
        assert valid == {a.serial, b.serial}
        assert any(c["kind"] == "parallel_reprints" for c in st.conflicts())


def test_field_edits_merge_field_by_field(pair, codes: list[str]) -> None:
    north, south, p1, p2, e1, e2 = pair
    attendee = north.attendee(codes[320])
    p1.set("drop")
    p2.set("drop")
    edit_attendee(north, attendee["id"], {"organisation": "City of Lyon"})
    edit_attendee(south, attendee["id"], {"job_title": "Deputy Mayor"})
    edit_attendee(south, attendee["id"], {"organisation": "Métropole de Lyon"})
    p1.set("pass")
    p2.set("pass")
    sync_all(e1, e2)
    for st in (north, south):
        merged = st.attendee(attendee["id"])
        assert (merged["organisation"], merged["job_title"]) == ("Métropole de Lyon", "Deputy Mayor")
        assert st.rebuild(fix=False).clean


def test_an_undone_checkin_is_undone_everywhere(pair, registry, codes: list[str]) -> None:
    north, south, p1, _p2, e1, e2 = pair
    before = registry.summary()["checked_in"]
    mistake = north.scan(codes[330])
    p1.set("drop")  # the undo happens offline, the check-in already reached the registry …
    sync_all(e2)
    p1.set("pass")
    sync_all(e1, e2)
    assert registry.summary()["checked_in"] == before + 1
    p1.set("drop")
    undo_checkin(north, mistake.event_id, operator="Ana", reason="wrong person")
    p1.set("pass")
    sync_all(e1, e2)
    assert registry.summary()["checked_in"] == before
    for st in (north, south):
        assert st.replica.one("SELECT 1 FROM checkins WHERE attendee_id = ?", (mistake.attendee["id"],)) is None
        assert st.rebuild(fix=False).clean
    assert south.scan(codes[330]).status == "ok"
