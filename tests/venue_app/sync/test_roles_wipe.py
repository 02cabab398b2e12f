"""Issue 19, items 3 and 4 against a real registry over TLS: a door's and a dashboard's files hold no e-mail,
phone, notes or accessibility needs (the registry withholds them; the station would drop them anyway);
a revoked door pushes what it still holds, then wipes itself, and the registry lost nothing."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import httpx
import pytest

from venue_app.ops import edit_attendee, register_walkin
from venue_app.paths import Paths
from venue_app.station import Station
from venue_app.sync import SyncEngine
from venue_app.sync.client import Revoked
from venue_app.sync.enroll import enroll

PERSONAL = ("email", "phone", "notes", "accessibility")


def _file(st_root: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(st_root.glob("station.sqlite3*")))


def _csv(registry) -> list[dict[str, str]]:
    with registry.attendees.open(encoding="utf-8-sig") as fh:
        return list(csv.DictReader(fh))


def _feed(registry, token: str) -> bytes:
    """The whole feed as a station with ``token`` receives it, over the wire."""
    body, after = b"", 0
    with httpx.Client(base_url=registry.url, verify=registry.verify, timeout=30,
                      headers={"Authorization": f"Bearer {token}"}) as http:
        while True:
            r = http.get("/api/v1/feed", params={"after": after, "limit": 5000})
            assert r.status_code == 200, r.text
            body += r.content
            page = r.json()
            after = page["next"]
            if not page["more"]:
                return body


def test_door_and_dashboard_files_hold_no_personal_data(registry, codes: list[str], tmp_path: Path) -> None:
    rows = _csv(registry)
    secrets = ["zz.first.h1@example.org", "+86 20 5555 0177", "wheelchair-h1", "zz.live.h1@example.org",
               "+86 20 5555 0188", "+33 6 99 88 77 66", "escort-h1"]
    secrets += [r[f] for r in rows for f in ("email", "phone", "notes", "accessibility") if len(r[f]) > 5]
    desk = enroll(Paths(tmp_path / "desk"), registry.url, registry.enroll_code("Desk H1"), name="Desk H1")
    stations = [desk]
    engines: list[SyncEngine] = []

    def sync(st: Station) -> None:
        engines.append(engine := SyncEngine(st))
        engine.run_once()

    try:
        register_walkin(desk, {"given_name": "Zyxfirst", "family_name": "Walkin", "category": "DEL",
                               "email": "zz.first.h1@example.org", "phone": "+86 20 5555 0177",
                               "accessibility": "wheelchair-h1"})
        edit_attendee(desk, codes[0], {"phone": "+33 6 99 88 77 66", "notes": "escort-h1"})
        sync(desk)
        door = enroll(Paths(tmp_path / "door"), registry.url, registry.enroll_code("Door H1", "door", "expo"),
                      name="Door H1")
        stations.append(door)
        dash = enroll(Paths(tmp_path / "dash"), registry.url, registry.enroll_code("Ops H1", "dashboard"),
                      name="Ops H1")
        stations.append(dash)
        # a walk-in after they enrolled reaches them through the live feed (the registry's rendered ring)
        register_walkin(desk, {"given_name": "Zyxlive", "family_name": "Walkin", "category": "DEL",
                               "email": "zz.live.h1@example.org", "phone": "+86 20 5555 0188"})
        sync(desk)
        for st in (door, dash):
            sync(st)

        total = desk.replica.one("SELECT count(*) FROM attendees")[0]
        assert total == len(rows) + 2
        blank = " AND ".join(f"{f} = ''" for f in PERSONAL)
        for st in (door, dash):
            assert st.replica.one("SELECT count(*) FROM attendees")[0] == total  # everyone, by name …
            assert st.replica.one(f"SELECT count(*) FROM attendees WHERE {blank}")[0] == total  # … no contact
            names = {r[0] for r in st.replica.query("SELECT given_name FROM attendees WHERE family_name = 'Walkin'")}
            assert names == {"Zyxfirst", "Zyxlive"}
            for (payload,) in st.replica.query("SELECT payload FROM log WHERE type LIKE 'attendee_%'"):
                assert not any(s in payload for s in secrets), payload
            # the edit of a phone and notes only reaches it as "changed, value withheld": logged, not refused
            assert st.replica.one("SELECT count(*) FROM log WHERE type = 'attendee_updated'")[0] == 1
            assert st.replica.one("SELECT count(*) FROM feed_unknown")[0] == 0
        # the control: the desk holds them all
        assert desk.replica.one("SELECT count(*) FROM attendees WHERE email = 'zz.live.h1@example.org'")[0] == 1

        # the registry itself withholds them from a door and a dashboard (the station's own drop is a second line)
        for st in (door, dash):
            wire = _feed(registry, st.registry_token())
            assert b'"email"' not in wire and b'"phone":"' not in wire and b'"notes":"' not in wire
            assert b"Zyxlive" in wire and not [s for s in secrets if s.encode() in wire]
        wire = _feed(registry, desk.registry_token())
        assert b"zz.live.h1@example.org" in wire and b"escort-h1" in wire
    finally:
        for engine in engines:
            engine.client.close()
        for st in stations:
            st.close()
    for name in ("door", "dash"):
        raw = _file(tmp_path / name)
        assert b"Zyxlive" in raw  # the control: the file is the replica with its people
        leaked = [s for s in secrets if s.encode() in raw]
        assert leaked == [], f"the {name} replica file holds {leaked[:5]}"
    assert b"zz.live.h1@example.org" in _file(tmp_path / "desk")


def test_a_revoked_door_pushes_what_it_holds_then_wipes(registry, codes: list[str], tmp_path: Path) -> None:
    rows = _csv(registry)
    door = enroll(Paths(tmp_path / "west"), registry.url, registry.enroll_code("Door West", "door", "expo"),
                  name="Door West")
    engine = SyncEngine(door)
    try:
        # offline for a while (no sync): people come in
        made = [door.scan(code, room="expo") for code in codes[300:305]]
        assert all(v.status == "ok" for v in made)
        held = {r["id"] for r in door.replica.query("SELECT id FROM log WHERE outbox = 1")}
        assert len(held) == 5
        with httpx.Client(base_url=registry.url, verify=registry.verify, timeout=30,
                          headers={"Authorization": f"Bearer {registry.admin_token}"}) as admin:
            r = admin.post(f"/api/v1/admin/stations/{door.station_id}/revoke", json={"reason": "laptop lost"})
            assert r.status_code == 200, r.text
        # a scan after the revocation: the registry will not take it from a revoked station
        assert door.scan(codes[305], room="expo").status == "ok"
        late = next(r["id"] for r in door.replica.query("SELECT id FROM log WHERE outbox = 1") if r["id"] not in held)
        assert any(r["code"].encode() in _file(tmp_path / "west") for r in rows[:50])  # the control

        people = door.replica.one("SELECT count(*) FROM attendees")[0]
        assert people >= len(rows)
        with pytest.raises(Revoked):
            engine.run_once()

        status = engine.status
        assert status.state == "revoked" and status.revoked
        assert "revoked" in status.last_error and "Personal data wiped (revoked by the registry)" in status.last_error
        assert f"{people} people deleted" in status.last_error.replace(",", "")
        # nothing it held before the revocation was lost: the registry has every one of those check-ins
        at_registry = registry.event_ids()
        assert held <= at_registry and late not in at_registry
        kept = {r["id"]: r for r in door.replica.query("SELECT id, outbox, flags FROM log WHERE station_id = ?",
                                                       (door.station_id,))}
        assert set(kept) == held | {late}  # its own events stay, as proof
        assert kept[late]["outbox"] == 2 and "rejected:station_revoked" in json.loads(kept[late]["flags"])
        assert door.replica.one("SELECT count(*) FROM attendees")[0] == 0
        assert door.replica.get_meta("wiped")["reason"] == "revoked by the registry"
    finally:
        engine.client.close()
        door.close()
    raw = _file(tmp_path / "west")
    leaked = [r["code"] for r in rows if r["code"].encode() in raw]
    leaked += [r["family_name"] for r in rows if len(r["family_name"]) >= 6 and r["family_name"].encode() in raw]
    assert leaked == [], f"the wiped door still holds {leaked[:5]}"
    with Station.open(Paths(tmp_path / "west")) as again:  # it opens, and says what happened
        assert again.replica.get_meta("wiped")["own_events"] == 6
        sync = again.status()["sync"]  # what `venue-app station status` shows
        assert sync["revoked"] and "Personal data wiped (revoked by the registry)" in sync["last_error"]
