"""The sync engine against a real registry on 127.0.0.1, through a fault-injecting proxy."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from faultproxy import FaultProxy

from venue_app.paths import Paths
from venue_app.registry.protocol import FeedItem, FeedPage
from venue_app.station import Station
from venue_app.sync import SyncEngine, SyncError
from venue_app.sync.apply import FeedError, apply_page
from venue_app.sync.client import RegistryClient, Revoked
from venue_app.sync.enroll import enroll


@pytest.fixture
def proxy(registry) -> Iterator[FaultProxy]:
    p = FaultProxy(registry.port, registry.tls)
    yield p
    p.close()


def enrolled(registry, tmp_path: Path, name: str, role: str = "desk", room: str | None = None) -> Station:
    return enroll(Paths(tmp_path / name), registry.url, registry.enroll_code(name, role, room), name=name)


def engine_via(station: Station, url: str, **kwargs) -> SyncEngine:
    # the pins taken at enrolment, as the station's own engine uses them
    client = RegistryClient(url, station.registry_token(), timeout=1.5,
                            pins=station.replica.get_meta("registry_pins") or None)
    return SyncEngine(station, client=client, backoff_base_s=0.05, backoff_max_s=0.2, **kwargs)


def outbox(station: Station) -> int:
    return int(station.replica.one("SELECT count(*) FROM log WHERE outbox = 1")[0])


def test_enrol_pulls_everything_and_scans_propagate(registry, tmp_path: Path, codes: list[str]) -> None:
    from venue_app.replica import BULK_INDEXES

    with enrolled(registry, tmp_path, "Desk A") as a, enrolled(registry, tmp_path, "Desk B") as b:
        assert a.status()["attendees"] == 600 and len(a.occupancy()) == 13
        # the first sync loaded without these indexes and built them at the end
        assert set(BULK_INDEXES) <= {r[0] for r in a.replica.query("SELECT name FROM sqlite_master")}
        assert a.status()["sync"]["state"] == "online"
        verdict = a.scan(codes[0])
        assert verdict.status == "ok" and outbox(a) == 1
        engine_a, engine_b = SyncEngine(a), SyncEngine(b)
        engine_a.run_once()
        assert outbox(a) == 0 and verdict.event_id in registry.event_ids()
        engine_b.run_once()
        again = b.scan(codes[0])
        assert again.status == "already_checked_in" and "Desk A" in again.message
        engine_a.client.close()
        engine_b.client.close()


_FAULTS = ["drop", "stall", "cut", "502", "garbage", "delay", "wrongshape"]


@pytest.mark.parametrize("mode", _FAULTS)
def test_every_network_fault_keeps_the_outbox_and_says_why(registry, proxy: FaultProxy, tmp_path: Path,
                                                           codes: list[str], mode: str) -> None:
    with enrolled(registry, tmp_path, f"Desk {mode}") as st:
        engine = engine_via(st, proxy.url)
        base = 100 + 10 * _FAULTS.index(mode)
        ids = [st.scan(code).event_id for code in codes[base:base + 5]]
        assert all(ids)
        proxy.set(mode)
        if mode == "delay":
            proxy.delay_s = 3.0  # longer than the client's timeout
        with pytest.raises(SyncError) as failure:
            engine.run_once()
        assert outbox(st) == 5
        assert engine.status.online is False and engine.status.last_error == str(failure.value)
        assert "registry" in str(failure.value).lower()
        proxy.set("pass")
        engine.run_once()
        assert outbox(st) == 0 and set(ids) <= registry.event_ids()
        engine.client.close()


def test_dns_and_tls_failures_are_plain_words(registry, tmp_path: Path, codes: list[str]) -> None:
    with enrolled(registry, tmp_path, "Desk DNS") as st:
        st.scan(codes[20])
        for url, words in (("https://registry.invalid:8765", "dns"), (f"http://127.0.0.1:{registry.port}", "")):
            engine = engine_via(st, url)
            with pytest.raises(SyncError) as failure:
                engine.run_once()
            assert words in str(failure.value).lower() and outbox(st) == 1
            engine.client.close()


def test_bad_credentials_and_revocation_stop_sync(registry, tmp_path: Path, codes: list[str]) -> None:
    from conftest_sync import cli

    with enrolled(registry, tmp_path, "Desk revoked") as st:
        st.scan(codes[25])
        wrong = SyncEngine(st, client=RegistryClient(registry.url, "not-the-token"))
        with pytest.raises(SyncError, match="credentials"):
            wrong.run_once()
        wrong.client.close()
        cli("registry", "revoke", "--data", str(registry.root / "reg"), st.station_id)
        engine = SyncEngine(st)
        # a revocation made from another process reaches the server within its token cache (5 s)
        deadline = time.monotonic() + 15
        with pytest.raises(Revoked, match="revoked"):
            while time.monotonic() < deadline:
                engine.run_once()
                time.sleep(0.5)
        assert engine.status.revoked
        engine.start()  # a revoked station's engine stops by itself and says so
        _wait(lambda: engine.status.state == "revoked")
        engine.stop()
        assert st.status()["sync"]["revoked"] is True


def test_feed_pages_that_cannot_be_trusted_are_refused(registry, tmp_path: Path) -> None:
    with enrolled(registry, tmp_path, "Desk feed") as st:
        cursor = st.replica.get_meta("feed_cursor")
        with pytest.raises(FeedError, match="back"):
            apply_page(st, FeedPage(items=[], next=cursor - 5, head=cursor, more=False))
        page = FeedPage(items=[FeedItem(seq=cursor + 1, kind="hologram", data={"x": 1})], next=cursor + 1,
                        head=cursor + 1, more=False)
        result = apply_page(st, page)
        assert result.unknown == 1 and st.replica.get_meta("feed_cursor") == cursor + 1
        kept = st.replica.one("SELECT kind, data FROM feed_unknown")
        assert kept["kind"] == "hologram" and json.loads(kept["data"]) == {"x": 1}


def test_clock_far_off_is_warned_and_ordering_holds(registry, tmp_path: Path, codes: list[str]) -> None:
    with enrolled(registry, tmp_path, "Desk fast") as fast, enrolled(registry, tmp_path, "Desk B2") as b:
        # this computer's clock runs three hours ahead (a real laptop with a wrong time zone setting)
        fast.clock._wall = lambda: time.time_ns() // 1_000_000 + 3 * 3600 * 1000
        engine = SyncEngine(fast, wall=lambda: time.time() + 3 * 3600)
        first = fast.scan(codes[30], room="plenary")
        engine.run_once()
        assert "ahead" in engine.status.clock_warning
        engine_b = SyncEngine(b)
        engine_b.run_once()
        later = b.scan(codes[30], room="plenary", direction="out")
        hlcs = {r["id"]: r["hlc"] for r in b.replica.query("SELECT id, hlc FROM log")}
        assert hlcs[later.event_id] > hlcs[first.event_id]  # B's exit orders after the entry it saw
        assert b.replica.one("SELECT room_id FROM presence WHERE attendee_id = ?",
                             (later.attendee["id"],))[0] is None
        engine.client.close()
        engine_b.client.close()


def test_background_engine_goes_offline_and_back_by_itself(registry, proxy: FaultProxy, tmp_path: Path,
                                                           codes: list[str]) -> None:
    with enrolled(registry, tmp_path, "Desk bg") as st:
        engine = engine_via(st, proxy.url)
        engine.long_poll_s = 1.0
        states: list[str] = []
        engine.on_change(lambda s: states.append(s.state))
        engine.start()
        try:
            proxy.set("drop")
            ids = [st.scan(code).event_id for code in codes[40:45]]
            _wait(lambda: engine.status.state == "offline")
            assert outbox(st) == 5 and engine.status.last_error
            proxy.set("pass")
            _wait(lambda: outbox(st) == 0)
            assert set(ids) <= registry.event_ids() and engine.status.online
        finally:
            engine.stop()
        assert "offline" in states and states[-1] == "stopped"


def _wait(predicate, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def test_enrolment_by_the_registrys_qr_link(registry, tmp_path: Path) -> None:
    """What a station's scanner reads from the registry's enrolment QR: the link alone enrols."""
    from venue_app.registry.admin import enrollment_url
    from venue_app.sync.enroll import parse_enrolment

    code, pin = registry.enroll_code("Door QR", "door", "hall-a").split("#")
    link = enrollment_url(registry.url, code, pin)
    assert parse_enrolment(link) == (registry.url, f"{code}#{pin}")  # the pin travels with the code
    assert parse_enrolment("VENUE-ENROL: K7Q2 ") == (None, "K7Q2")
    with enroll(Paths(tmp_path / "qr"), "", link, name="Door QR") as st:
        assert st.role == "door" and st.replica.get_meta("room_id") == "hall-a"
        assert st.status()["attendees"] == 600
