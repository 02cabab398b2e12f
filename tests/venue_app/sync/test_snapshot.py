"""A new station's first sync from the registry's snapshot, against a real registry over TLS
(venue_app.sync.snapshot): it holds what a station that pulled the whole feed holds, a door's has no
personal data, a process killed mid-download or mid-swap loses nothing and the next sync finishes,
and a station that already has events of its own never takes a snapshot."""

from __future__ import annotations

import csv
import json
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest_sync import Registry, cli

from venue_app.ops.people import register_walkin
from venue_app.paths import Paths
from venue_app.search import search
from venue_app.station import Station
from venue_app.sync import SyncEngine
from venue_app.sync.enroll import enroll

WORKER = Path(__file__).with_name("snapshot_worker.py")
#: what a station holds that must be the same however it got it (columns that only say when a heartbeat
#: arrived are left out: they move all the time)
COMPARED = {
    "attendees": "id, code, code_norm, given_name, family_name, native_name, organisation, email, phone, notes,"
                 " accessibility, status, master_hlc",
    "categories": "*", "rooms": "*", "sessions": "*", "access_grants": "*",
    "stations": "id, name, role, room_id, public_key, key_id, revoked_at",
    "log": "id, hlc, station_id, type, payload, flags",
    "checkins": "*", "presence": "*", "room_counts": "*", "badges": "*", "attendee_edits": "*",
    "room_visits": "*", "voided_checkins": "*",
}


def rows(station: Station, table: str) -> list[tuple[Any, ...]]:
    return sorted(tuple(r) for r in station.replica.query(f"SELECT {COMPARED[table]} FROM {table}"))


def sync(station: Station) -> None:
    engine = SyncEngine(station)
    try:
        engine.run_once()
    finally:
        engine.client.close()
        station.outbox_listeners.clear()


def registry_attendees(registry: Registry) -> int:
    return int(registry.summary()["attendees"])


@pytest.fixture(scope="module")
def busy(registry: Registry, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Station]:
    """A desk that checked people in, moved them between rooms, reprinted a badge and registered a walk-in
    with an e-mail address: the registry's feed holds station events of every kind that derives state."""
    root = tmp_path_factory.mktemp("busy")
    desk = enroll(Paths(root / "desk"), registry.url, registry.enroll_code("Busy desk"), name="Busy desk")
    codes = [r[0] for r in desk.replica.query("SELECT code FROM attendees WHERE status = 'active' ORDER BY code"
                                              " LIMIT 30")]
    for i, code in enumerate(codes):
        desk.scan(code)
        if i % 3 == 0:
            desk.scan(code, room="plenary", direction="in")
    desk.issue_badge(codes[0], reason="reprint")
    register_walkin(desk, {"given_name": "Walk", "family_name": "In", "category": "DEL",
                           "email": "walk.in@secret.example", "phone": "+86 20 5555 0101"}, check_in=True)
    sync(desk)
    assert desk.replica.one("SELECT count(*) FROM log WHERE outbox = 1")[0] == 0
    yield desk
    desk.close()


def test_a_new_desk_starts_from_the_snapshot_and_holds_what_the_feed_gives(
        registry: Registry, busy: Station, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # a station revoked before: a replica made from the snapshot knows it as one fed the whole feed does
    # (a registry rebuilt from either must not let that token back in)
    lost = enroll(Paths(tmp_path / "lost"), registry.url, registry.enroll_code("Lost tablet"), name="Lost tablet")
    lost_id = lost.station_id
    lost.close()
    cli("registry", "revoke", "--data", str(registry.root / "reg"), lost_id)
    deadline = time.monotonic() + 30
    while (busy.replica.one("SELECT revoked_at FROM stations WHERE id = ?", (lost_id,)) or (None,))[0] is None:
        assert time.monotonic() < deadline, "the revocation (made by another process) never reached the feed"
        time.sleep(0.2)
        sync(busy)

    fresh = enroll(Paths(tmp_path / "fresh"), registry.url, registry.enroll_code("Fresh desk"), name="Fresh desk")
    seq = fresh.replica.get_meta("snapshot_seq")
    assert isinstance(seq, int) and seq > 0
    assert fresh.replica.get_meta("feed_cursor") >= seq  # then followed the feed from there
    assert fresh.role == "desk" and fresh.replica.get_meta("station_name") == "Fresh desk"
    assert fresh.signing_key.key_id == fresh.replica.one(
        "SELECT key_id FROM stations WHERE id = ?", (fresh.station_id,))[0]  # its own identity, not the registry's
    assert not (tmp_path / "fresh" / "station.sqlite3.snapshot").exists()

    monkeypatch.setattr(SyncEngine, "from_snapshot", lambda self: None)  # this one pulls the whole feed
    pulled = enroll(Paths(tmp_path / "pulled"), registry.url, registry.enroll_code("Feed desk"), name="Feed desk")
    monkeypatch.undo()
    assert pulled.replica.get_meta("snapshot_seq") is None
    sync(fresh)  # both at the same head
    sync(pulled)
    for table in COMPARED:
        assert rows(fresh, table) == rows(pulled, table), table
    assert fresh.replica.one("SELECT revoked_at FROM stations WHERE id = ?", (lost_id,))[0]
    assert fresh.replica.one("SELECT count(*) FROM attendees")[0] == registry_attendees(registry)
    assert fresh.replica.one("SELECT count(*) FROM checkins")[0] >= 30
    # searchable at once, in any script, with the same answers
    for query in ("wang", "walk in", "王", "walk.in@secret.example"):
        assert [h["id"] for h in search(fresh.replica.reader(), query)] == \
               [h["id"] for h in search(pulled.replica.reader(), query)], query
    assert search(fresh.replica.reader(), "walk in")[0]["email"] == "walk.in@secret.example"

    # it works as a station: a scan reaches the registry and the busy desk
    code = fresh.replica.one("SELECT code FROM attendees a WHERE status = 'active' AND NOT EXISTS"
                             " (SELECT 1 FROM checkins c WHERE c.attendee_id = a.id) LIMIT 1")[0]
    verdict = fresh.scan(code)
    assert verdict.status == "ok"
    sync(fresh)
    assert verdict.event_id in registry.event_ids()
    sync(busy)
    assert busy.scan(code).status == "already_checked_in"
    fresh.close()
    pulled.close()


def test_a_door_snapshot_holds_no_personal_data(registry: Registry, busy: Station, tmp_path: Path) -> None:
    door = enroll(Paths(tmp_path / "door"), registry.url, registry.enroll_code("Door", role="door", room="plenary"),
                  name="Door")
    assert door.replica.get_meta("snapshot_seq")
    assert door.replica.one("SELECT count(*) FROM attendees")[0] == registry_attendees(registry)
    assert door.replica.one("SELECT count(*) FROM attendees WHERE email != '' OR phone != '' OR notes != ''"
                            " OR accessibility != ''")[0] == 0
    payloads = " ".join(r[0] for r in door.replica.query("SELECT payload FROM log"))
    assert "Walk" in payloads and "secret.example" not in payloads and "5555" not in payloads
    files = sorted((registry.root / "reg" / "snapshots").glob("minimal-*.sqlite3"))
    assert files
    raw = files[-1].read_bytes()
    with registry.attendees.open(encoding="utf-8-sig") as fh:
        emails = [row["email"].encode() for row in csv.DictReader(fh) if row["email"]]
    assert len(emails) > 100
    assert b"walk.in@secret.example" not in raw and not [e for e in emails if e in raw]
    full = max((registry.root / "reg" / "snapshots").glob("full-*.sqlite3"), key=lambda p: p.stat().st_mtime)
    assert [e for e in emails if e in full.read_bytes()]  # a desk's has them
    # and it admits people
    code = door.replica.one("SELECT a.code FROM attendees a JOIN checkins c ON c.attendee_id = a.id"
                            " WHERE a.status = 'active' AND a.category = 'DEL' LIMIT 1")
    if code is not None:
        assert door.scan(code[0], room="plenary").status in ("ok", "already_inside", "not_allowed")
    door.close()


def killed_at(registry: Registry, data: Path, point: str) -> str:
    """Enrol a station in a process SIGKILLed at ``point``; returns the code it was enrolled with."""
    code = registry.enroll_code(f"Killed {point}")
    proc = subprocess.Popen([sys.executable, str(WORKER), str(data), registry.url, code, point],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline().strip()
        assert line == {"download": "downloading", "swap": "swapping"}[point], proc.stderr.read() if proc.stderr \
            else line
        proc.send_signal(signal.SIGKILL)
        proc.wait(30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(30)
        for stream in (proc.stdin, proc.stdout, proc.stderr):
            if stream is not None:
                stream.close()
    return code


@pytest.mark.parametrize("point", ["download", "swap"])
def test_killed_mid_download_or_mid_swap_loses_nothing_and_the_next_sync_finishes(
        registry: Registry, busy: Station, tmp_path: Path, point: str) -> None:
    data = tmp_path / "station"
    killed_at(registry, data, point)
    if point == "download":
        assert (data / "station.sqlite3.snapshot").stat().st_size > 0  # a partial download was left
    station = Station.open(Paths(data))
    try:
        # what the kill left: the enrolled, still empty station (nothing half-copied)
        station_id = station.station_id
        assert station.replica.one("SELECT count(*) FROM attendees")[0] == 0
        assert station.replica.get_meta("feed_cursor") == 0
        assert station.replica.one("PRAGMA integrity_check")[0] == "ok"
        sync(station)
        assert station.station_id == station_id == station.replica.get_meta("station_id")
        assert station.replica.get_meta("snapshot_seq")
        assert station.replica.one("SELECT count(*) FROM attendees")[0] == registry_attendees(registry)
        assert station.replica.one("PRAGMA integrity_check")[0] == "ok"
        assert search(station.replica.reader(), "walk in")
        assert not (data / "station.sqlite3.snapshot").exists()
    finally:
        station.close()


def test_a_station_with_events_of_its_own_keeps_them_and_pulls_the_feed(registry: Registry, busy: Station,
                                                                       tmp_path: Path) -> None:
    data = tmp_path / "offline"
    killed_at(registry, data, "download")  # enrolled, then the network (here: the process) went away
    station = Station.open(Paths(data))
    try:
        walkin = register_walkin(station, {"given_name": "Offline", "family_name": "Walkin", "category": "DEL"},
                                 check_in=True)
        outbox = {r[0] for r in station.replica.query("SELECT id FROM log WHERE outbox = 1")}
        assert outbox == {walkin.event_id, walkin.checkin_event_id}
        engine = SyncEngine(station)
        assert engine.from_snapshot() is None  # it has events: no snapshot may replace its replica
        engine.client.close()
        sync(station)
        assert station.replica.get_meta("snapshot_seq") is None
        assert outbox <= {r[0] for r in station.replica.query("SELECT id FROM log WHERE outbox = 0")}
        assert outbox <= registry.event_ids()
        assert station.attendee(walkin.attendee["id"])["given_name"] == "Offline"
        assert station.replica.one("SELECT count(*) FROM attendees")[0] == registry_attendees(registry)
    finally:
        station.close()


def test_a_refused_snapshot_falls_back_to_the_feed(registry: Registry, busy: Station, tmp_path: Path) -> None:
    """A snapshot whose manifest was not signed by this station's registry key is never swapped in."""
    data = tmp_path / "wary"
    killed_at(registry, data, "download")
    station = Station.open(Paths(data))
    try:
        from venue_app.keys import SigningKey

        impostor = SigningKey.generate().public
        with station.replica.transaction() as conn:
            conn.execute("UPDATE keys SET public_key = ?, key_id = ? WHERE kind = 'registry'",
                         (impostor.text, impostor.key_id))
        engine = SyncEngine(station)
        assert engine.from_snapshot() is None
        engine.client.close()
        assert station.replica.one("SELECT count(*) FROM attendees")[0] == 0
        assert not (data / "station.sqlite3.snapshot").exists()
        assert json.dumps(station.replica.get_meta("snapshot_seq")) == "null"
    finally:
        station.close()
