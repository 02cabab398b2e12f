"""A registry rebuilt from its stations: the registry process is SIGKILLed and its folder deleted in the
middle of the event, while two desks hold check-ins they pushed and check-ins they could not push yet;
``registry restore`` rebuilds it from the two station folders (with the backed-up key, or without it),
every check-in any station had pushed or still held is there exactly once, and the stations, left as
they were, reconnect, notice the rebuilt feed (its epoch), re-pull it and push again without doubling."""

from __future__ import annotations

import csv
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from conftest_sync import Registry, cli, free_port

from venue_app.paths import Paths
from venue_app.registry.errors import ConflictError, InvalidInput
from venue_app.registry.restore import read_station, restore
from venue_app.station import Station
from venue_app.sync.client import CertificateChanged
from venue_app.sync.engine import SyncEngine
from venue_app.sync.enroll import enroll


@pytest.fixture
def fresh_registry(tmp_path: Path) -> Iterator[Registry]:
    """A registry of its own (this test kills it): the demo congress, 200 attendees."""
    root = tmp_path / "site"
    root.mkdir()
    attendees, program = root / "attendees.csv", root / "program.json"
    cli("demo-data", "--attendees", "200", "--seed", "19", "--out", str(attendees), "--program", str(program))
    reg = str(root / "reg")
    made = cli("registry", "init", "--data", reg, "--event-name", "Congress to lose")
    cli("registry", "import", "--data", reg, str(attendees))
    cli("registry", "program", "--data", reg, str(program))
    server = Registry(root, free_port(), attendees, admin_token=made["admin_token"])
    server.start()
    yield server
    server.stop(kill=True)


def _codes(registry: Registry) -> list[str]:
    with registry.attendees.open(encoding="utf-8-sig") as fh:
        return [row["code"] for row in csv.DictReader(fh) if row["status"] == "active"]


def _sync(station: Station) -> SyncEngine:
    engine = SyncEngine(station, backoff_base_s=0.05, backoff_max_s=0.2)
    try:
        engine.run_once()
    finally:
        engine.client.close()
    return engine


def _outbox(station: Station) -> int:
    return int(station.replica.one("SELECT count(*) FROM log WHERE outbox = 1")[0])


def _registry_log(registry: Registry) -> list[tuple[str, str]]:
    db = sqlite3.connect(registry.root / "reg" / "registry.sqlite3")
    try:
        return db.execute("SELECT id, type FROM log").fetchall()
    finally:
        db.close()


def _head(registry: Registry) -> int:
    db = sqlite3.connect(registry.root / "reg" / "registry.sqlite3")
    try:
        return int(db.execute("SELECT value FROM counters WHERE name = 'feed'").fetchone()[0])
    finally:
        db.close()


def test_registry_killed_and_deleted_is_rebuilt_from_two_stations(fresh_registry: Registry, tmp_path: Path) -> None:
    reg = fresh_registry
    codes = _codes(reg)
    backup = tmp_path / "backup"  # what IT backed up once, after `registry init`: the key and the certificate
    for part in ("keys", "tls"):
        shutil.copytree(reg.root / "reg" / part, backup / part)
    shutil.copy(reg.root / "reg" / "registry.json", backup / "registry.json")
    a = enroll(Paths(tmp_path / "desk-a"), reg.url, reg.enroll_code("Desk A"), name="Desk A")
    b = enroll(Paths(tmp_path / "desk-b"), reg.url, reg.enroll_code("Desk B"), name="Desk B")
    c = enroll(Paths(tmp_path / "desk-c"), reg.url, reg.enroll_code("Desk C"), name="Desk C")
    try:
        pushed = [a.scan(code).event_id for code in codes[0:5]] + [b.scan(code).event_id for code in codes[5:10]]
        pushed += [c.scan(codes[30]).event_id]
        for st in (a, b, c):
            _sync(st)
        # the registration team corrects every job title: the live feed holds both versions of each attendee,
        # a rebuilt one only the last (so the stations' feed positions lie beyond the rebuilt feed's end)
        corrected = tmp_path / "corrected.csv"
        with reg.attendees.open(encoding="utf-8-sig") as fh:
            rows = list(csv.DictReader(fh))
        with corrected.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows({**row, "job_title": f"{row['job_title']} (corrected)"} for row in rows)
        answer = httpx.post(f"{reg.url}/api/v1/admin/import", params={"filename": "corrected.csv"},
                            content=corrected.read_bytes(), headers={"Authorization": f"Bearer {reg.admin_token}"},
                            verify=reg.verify, timeout=60)
        assert answer.status_code == 200 and answer.json()["updated"] == 200, answer.text
        head = _head(reg)
        for st in (a, b):
            _sync(st)  # A now holds B's and C's check-ins too (pulled from the feed)
            assert int(st.replica.get_meta("feed_cursor")) >= head
        held = [a.scan(code).event_id for code in codes[10:13]] + [b.scan(code).event_id for code in codes[13:16]]
        assert a.scan(codes[0]).status == "already_checked_in"  # known to A: no second check-in anywhere
        assert _outbox(a) == 3 and _outbox(b) == 3
        assert set(pushed) <= {i for i, _ in _registry_log(reg)}

        # the registry's machine dies in the middle of the event
        reg.stop(kill=True)
        shutil.rmtree(reg.root / "reg")
        held += [a.scan(codes[16]).event_id, b.scan(codes[17]).event_id]  # the desks keep working offline

        # rebuilt from the folders of A and B (C's folder is out of reach): same key and certificate
        report = cli("registry", "restore", "--data", str(reg.root / "reg"), "--from-station", str(a.paths.root),
                     "--from-station", str(b.paths.root), "--key-from", str(backup))
        assert report["key_kept"] and report["created"] and report["epoch"]
        assert report["events_rejected"] == 0 and report["attendees"] == 200
        assert report["stations_reconnect"] == ["Desk A", "Desk B"] and report["stations_reenrol"] == ["Desk C"]
        logged = _registry_log(reg)
        restored_head = _head(reg)
        assert int(b.replica.get_meta("feed_cursor")) > restored_head  # B's position means nothing now
        ids = [i for i, _ in logged]
        assert len(ids) == len(set(ids))  # none twice
        checkins = {i for i, t in logged if t == "checkin"}
        assert set(pushed) | set(held) <= checkins  # every check-in any station pushed or still held
        assert len(checkins) == 11 + 8  # C's one check-in came through A's copy of the feed
        # derived state follows from the one rule set: 19 people checked in, the re-scan not counted twice
        summary = reg.summary()
        assert summary["checked_in"] == 19 and summary["checkin_events"] == 19

        # the stations reconnect as they are (their folders were only read) and notice the rebuilt feed
        reg.start()
        for st in (a, b):
            _sync(st)
            assert _outbox(st) == 0
            st_ids = [r[0] for r in st.replica.query("SELECT id FROM log WHERE type = 'checkin'")]
            assert len(st_ids) == len(set(st_ids)) == 19  # everyone's, none twice
            # it pulled the rebuilt feed from its start: its position is inside it (not where it was before)
            assert restored_head <= int(st.replica.get_meta("feed_cursor")) <= _head(reg)
            assert st.replica.get_meta("registry_epoch") == report["epoch"]
            job = st.replica.one("SELECT job_title FROM attendees WHERE code = ?", (codes[40],))[0]
            assert job.endswith("(corrected)")
        after = _registry_log(reg)
        assert sorted(after) == sorted(logged)  # the stations pushed everything again: nothing new, nothing twice
        assert reg.summary()["checked_in"] == 19
        # a desk whose folder was not given: its token is unknown, it is told so in words and loses nothing
        c.scan(codes[18])
        engine = SyncEngine(c, backoff_base_s=0.05, backoff_max_s=0.2)
        try:
            with pytest.raises(Exception, match="does not accept this station's credentials"):
                engine.run_once()
        finally:
            engine.client.close()
        assert _outbox(c) == 1
        # its folder given later: restore run again on the same registry adds its token and what it holds
        reg.stop()
        again = cli("registry", "restore", "--data", str(reg.root / "reg"), "--from-station", str(c.paths.root))
        assert not again["created"] and again["events_accepted"] == 1 and again["epoch"] == report["epoch"]
        assert again["stations_reenrol"] == []
        reg.start()
        _sync(c)
        assert _outbox(c) == 0 and reg.summary()["checked_in"] == 20

        # without the key backup: a new key and certificate, so a new pin. A station refuses that registry in
        # words (an impostor looks just the same), keeps what it records, and must be enrolled again
        other = Registry(tmp_path / "no-key", free_port(), reg.attendees)
        made = cli("registry", "restore", "--data", str(other.root / "reg"), "--from-station", str(c.paths.root))
        assert not made["key_kept"] and made["events_accepted"] == 20 and made["events_rejected"] == 0
        assert any("enrolled again" in step for step in made["next_steps"])
        other.start()
        try:
            with c.replica.transaction() as conn:
                c.replica.set_meta(conn, "registry_url", other.url)
                c.replica.set_meta(conn, "registry_urls", [other.url])
            late = c.scan(codes[19]).event_id
            engine = SyncEngine(c, backoff_base_s=0.05, backoff_max_s=0.2)
            try:
                with pytest.raises(CertificateChanged, match="not the one this station was enrolled with"):
                    engine.run_once()
            finally:
                engine.client.close()
            assert _outbox(c) == 1 and late not in other.event_ids()
        finally:
            other.stop()
    finally:
        for st in (a, b, c):
            st.close()


def test_restore_on_sqlite_and_postgresql_and_again_adds_nothing_twice(db_url: str, tmp_path: Path) -> None:
    """The core without a server, on both databases: a station folder (here a standalone desk) gives the
    registry its attendees, its walk-in and its check-ins; a later copy of the same folder, restored into the
    same registry, adds only what is new."""
    from venue_app.ops.people import register_walkin
    from venue_app.registry.store import Store

    st = Station.init_standalone(Paths(tmp_path / "desk"), event_name="Small congress")
    try:
        st.load_program({"categories": [{"code": "DEL", "label": "Delegate", "rooms": ["*"]}],
                         "rooms": [{"id": "hall", "name": "Hall", "capacity": 100}]})
        st.add_attendees([{"code": f"C{i:03d}", "given_name": f"Person {i}", "email": f"p{i}@example.org",
                           "category": "DEL"} for i in range(30)])
        first = [st.scan(f"C{i:03d}").event_id for i in range(10)]
        walkin = register_walkin(st, {"given_name": "Walk", "family_name": "In", "email": "walk@example.org",
                                     "category": "DEL"},
                                 check_in=True)
        shutil.copytree(st.paths.root, tmp_path / "copy-1")
        later = [st.scan(f"C{i:03d}").event_id for i in range(10, 15)]
    finally:
        st.close()
    data = tmp_path / "restored"
    report = restore(data, [tmp_path / "copy-1"], db_url=db_url)
    assert report.created and report.events_rejected == 0 and report.attendees == 30
    assert report.stations_reenrol == ["Desk 1"]  # a standalone desk has no registry token
    with Store.open(db_url) as store:
        assert set(first) <= store.event_ids()
        summary = store.summary()
        assert summary["checked_in"] == 11 and summary["attendees"] == 31  # the walk-in too
        walked = store.attendee(walkin.attendee["id"])
        assert walked is not None and walked["email"] == "walk@example.org"
        epoch_before = store.table_rows("meta")
    again = restore(data, [tmp_path / "desk"])  # the folder as it is now: five more check-ins
    assert not again.created and again.events_accepted == 5 and again.events_duplicate == report.events_read
    with Store.open(db_url) as store:
        assert set(first + later) <= store.event_ids() and store.summary()["checked_in"] == 16
        assert [r for r in store.table_rows("meta") if r["key"] == "epoch"] == \
            [r for r in epoch_before if r["key"] == "epoch"]  # the same registry: its epoch stays


def test_bad_station_folders_are_refused_in_words(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    with pytest.raises(InvalidInput, match="holds no station replica"):
        read_station(tmp_path / "empty")
    with pytest.raises(InvalidInput, match="at least one station folder"):
        restore(tmp_path / "new", [])
    a = Station.init_standalone(Paths(tmp_path / "a"), event_name="One")
    b = Station.init_standalone(Paths(tmp_path / "b"), event_name="Other")
    a.close()
    b.close()
    with pytest.raises(InvalidInput, match="different events"):
        restore(tmp_path / "new", [tmp_path / "a", tmp_path / "b"])
    (tmp_path / "busy").mkdir()
    (tmp_path / "busy" / "notes.txt").write_text("mine")
    with pytest.raises(ConflictError, match="not empty"):
        restore(tmp_path / "busy", [tmp_path / "a"])
    assert not (tmp_path / "new").exists() and (tmp_path / "busy" / "notes.txt").read_text() == "mine"


def test_a_revocation_any_station_heard_of_stays_after_the_restore(tmp_path: Path) -> None:
    """A lost laptop revoked before the registry died must not get back in through a rebuilt registry: the
    desk restored from heard of the revocation (a station item with ``revoked_at``, as the feed carries it),
    and a station folder that wiped itself on revocation gives back no valid token either."""
    from venue_app.keys import SigningKey
    from venue_app.registry.errors import AuthError
    from venue_app.registry.protocol import FeedItem, FeedPage, sign_certificate
    from venue_app.registry.store import Store
    from venue_app.sync.apply import apply_page

    st = Station.init_standalone(Paths(tmp_path / "desk"), event_name="Small congress")
    try:
        registry_key = SigningKey.generate()  # as if enrolled: the desk trusts a registry's key
        with st.replica.transaction() as conn:
            conn.execute("INSERT INTO keys(key_id, public_key, owner, kind) VALUES (?, ?, 'registry', 'registry')",
                         (registry_key.key_id, registry_key.public.text))
        lost = SigningKey.generate().public
        item = {"id": "lost-laptop", "name": "Lost laptop", "role": "door", "room_id": None,
                "public_key": lost.text, "key_id": lost.key_id, "revoked_at": "2026-12-02T10:00:00.000Z",
                "certificate": sign_certificate(registry_key, "lost-laptop", lost.text)}
        apply_page(st, FeedPage(items=[FeedItem(seq=1, kind="station", data=item)], next=1, head=1, more=False))
        assert st.replica.one("SELECT revoked_at FROM stations WHERE id = 'lost-laptop'")[0] == item["revoked_at"]
        # the feed can never clear it again
        apply_page(st, FeedPage(items=[FeedItem(seq=2, kind="station", data={**item, "revoked_at": None})],
                                next=2, head=2, more=False))
        assert st.replica.one("SELECT revoked_at FROM stations WHERE id = 'lost-laptop'")[0] == item["revoked_at"]
        (st.paths.keys_dir / "registry.token").write_text("desk-token", "utf-8")
        with st.replica.transaction() as conn:  # as ops.wipe records a wipe on revocation
            st.replica.set_meta(conn, "wiped", {"at": "2026-12-02T11:00:00.000Z", "reason": "revoked by the registry"})
    finally:
        st.close()
    report = restore(tmp_path / "restored", [tmp_path / "desk"])
    assert sorted(report.stations_revoked) == ["Desk 1", "Lost laptop"]
    assert "Lost laptop" not in report.stations_reconnect + report.stations_reenrol
    assert any("stay revoked" in step for step in report.next_steps)
    with Store.open(f"sqlite:///{tmp_path / 'restored' / 'registry.sqlite3'}") as store:
        with pytest.raises(AuthError, match="revoked"):
            store.authenticate("desk-token")
        rows = {r["id"]: r for r in store.table_rows("stations")}
        assert rows["lost-laptop"]["revoked_at"] == item["revoked_at"]
