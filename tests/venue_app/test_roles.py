"""What each role may hold: the minimisation rules, and a door replica from before them cleared on upgrade."""

from __future__ import annotations

import contextlib
import json
import sqlite3
from pathlib import Path

import pytest

from venue_app import search
from venue_app.eventlog import ATTENDEE_FIELDS
from venue_app.ops.people import edit_attendee, register_walkin
from venue_app.paths import Paths
from venue_app.roles import PERSONAL_FIELDS, ROLES, WITHHELD, minimise, scrub_replica, strip, withheld
from venue_app.station import Station

PERSON = {"id": "a1", "code": "C0DE1", "given_name": "Ada", "family_name": "Okafor", "email": "ada@lagos.gov.ng",
          "phone": "+234 1 555 0101", "notes": "VIP escort", "accessibility": "wheelchair", "category": "DEL",
          "country": "NG", "status": "active", "master_hlc": ""}


def test_desks_get_everything_doors_and_dashboards_no_personal_fields() -> None:
    assert withheld("desk") == frozenset()
    assert withheld("door") == withheld("dashboard") == PERSONAL_FIELDS == {"email", "phone", "notes", "accessibility"}
    assert withheld("kiosk") == PERSONAL_FIELDS  # an unknown role gets the least
    assert set(ATTENDEE_FIELDS) >= PERSONAL_FIELDS  # the names are real attendee fields
    # every role is one of two classes: the feed keeps one rendering per class
    assert set(WITHHELD) == set(ROLES) and {v for v in WITHHELD.values()} == {frozenset(), PERSONAL_FIELDS}


def test_minimise_attendee_items_and_attendee_events() -> None:
    assert minimise("desk", "attendee", PERSON) is PERSON
    door = minimise("door", "attendee", PERSON)
    assert set(PERSON) - set(door) == PERSONAL_FIELDS and door["given_name"] == "Ada" and door["code"] == "C0DE1"
    created = {"id": "e1", "type": "attendee_created", "payload": {"attendee": PERSON}}
    small = minimise("dashboard", "station_event", created)
    assert small["payload"]["attendee"] == door and created["payload"]["attendee"] is PERSON  # a copy, not a change
    updated = {"id": "e2", "type": "attendee_updated",
               "payload": {"attendee_id": "a1", "fields": {"phone": "+1 555", "job_title": "Mayor"}}}
    # an edit keeps the names of withheld fields, without their values: still a valid edit
    assert minimise("door", "station_event", updated)["payload"]["fields"] == {"phone": None, "job_title": "Mayor"}
    phone_only = {"id": "e5", "type": "attendee_updated", "payload": {"attendee_id": "a1", "fields": {"phone": "1"}}}
    assert minimise("door", "station_event", phone_only)["payload"]["fields"] == {"phone": None}
    # what holds no withheld field comes back as the same object (the feed shares one rendering)
    checkin = {"id": "e3", "type": "checkin", "payload": {"attendee_id": "a1"}}
    assert minimise("door", "station_event", checkin) is checkin
    names_only = {"id": "e4", "type": "attendee_updated", "payload": {"attendee_id": "a1", "fields": {"city": "X"}}}
    assert minimise("door", "station_event", names_only) is names_only
    assert minimise("door", "room", {"id": "expo", "name": "Expo"}) == {"id": "expo", "name": "Expo"}
    assert strip("attendee", {"id": "a1", "given_name": "Ada"}, PERSONAL_FIELDS) == {"id": "a1", "given_name": "Ada"}


def _personal_station(tmp_path: Path, role: str) -> tuple[Paths, list[str]]:
    """A station of ``role`` holding personal data, as every station did before role minimisation."""
    paths = Paths(tmp_path / role)
    secrets = ["ada@lagos.gov.ng", "+234 1 555 0101", "zz.walkin.h1@example.org", "+86 20 5555 0199",
               "ramp at gate 4", "brail1e-menu"]
    with Station.init_standalone(paths, event_name="Upgrade", role=role) as st:
        st.add_attendees([{**PERSON, "notes": "ramp at gate 4"}])
        register_walkin(st, {"given_name": "Zyx", "family_name": "Walkin", "category": "DEL",
                             "email": "zz.walkin.h1@example.org", "phone": "+86 20 5555 0199"})
        edit_attendee(st, "a1", {"accessibility": "brail1e-menu"})
    with contextlib.closing(sqlite3.connect(paths.replica, isolation_level=None)) as conn:
        # back to the schema before m0012 (what later migrations added goes too), its events pushed
        conn.execute("ALTER TABLE stations DROP COLUMN revoked_at")
        conn.execute("DROP TABLE issuers")
        conn.execute("DROP TABLE issuer_secrets")
        conn.execute("PRAGMA user_version = 11")
        conn.execute("UPDATE log SET outbox = 0")
    return paths, secrets


@pytest.mark.parametrize("role", ["door", "dashboard"])
def test_a_door_replica_from_before_is_cleared_when_it_opens(tmp_path: Path, role: str) -> None:
    paths, secrets = _personal_station(tmp_path, role)
    raw = b"".join(p.read_bytes() for p in paths.replica.parent.glob(paths.replica.name + "*"))
    assert all(s.encode() in raw for s in secrets[:3])  # the control: it was all there
    with Station.open(paths) as st:
        rows = st.replica.query("SELECT given_name, email, phone, notes, accessibility FROM attendees ORDER BY 1")
        assert [tuple(r) for r in rows] == [("Ada", "", "", "", ""), ("Zyx", "", "", "", "")]  # names stay
        assert st.replica.one("SELECT count(*) FROM attendee_edits WHERE field IN"
                              " ('email', 'phone', 'notes', 'accessibility')")[0] == 0
        for (payload,) in st.replica.query("SELECT payload FROM log WHERE type LIKE 'attendee_%'"):
            assert not any(s in payload for s in secrets), payload
        # found by name, not by the e-mail it no longer holds
        assert [r["given_name"] for r in search.search(st.replica.reader(), "Zyx")] == ["Zyx"]
        assert search.search(st.replica.reader(), "zz.walkin.h1@example.org") == []
    raw = b"".join(p.read_bytes() for p in paths.replica.parent.glob(paths.replica.name + "*"))  # with its WAL
    leaked = [s for s in secrets if s.encode() in raw]
    assert leaked == [], f"the {role} replica file still holds {leaked}"


def test_a_desk_replica_keeps_everything(tmp_path: Path) -> None:
    paths, _ = _personal_station(tmp_path, "desk")
    with Station.open(paths) as st:
        assert st.replica.one("SELECT email FROM attendees WHERE id = 'a1'")[0] == "ada@lagos.gov.ng"
        assert st.replica.one("SELECT value FROM attendee_edits WHERE field = 'accessibility'")[0] == "brail1e-menu"


def test_scrub_keeps_unpushed_events_of_the_station_whole(tmp_path: Path) -> None:
    paths, _ = _personal_station(tmp_path, "desk")  # a desk: nothing cleared when it opens
    with contextlib.closing(sqlite3.connect(paths.replica, isolation_level=None)) as conn:
        conn.execute("UPDATE log SET outbox = 1")  # not pushed yet
    with Station.open(paths) as st, st.replica.transaction() as conn:
        changed = scrub_replica(conn, PERSONAL_FIELDS, keep_unpushed_of=st.station_id)
        assert changed["attendees"] == 2 and changed["log"] == 0  # its own events wait for the registry
        payload = json.loads(conn.execute("SELECT payload FROM log WHERE type = 'attendee_created'").fetchone()[0])
        assert payload["attendee"]["email"] == "zz.walkin.h1@example.org"
        conn.execute("UPDATE log SET outbox = 0")  # acknowledged: now they may go
        assert scrub_replica(conn, PERSONAL_FIELDS, keep_unpushed_of=st.station_id)["log"] == 2
        assert scrub_replica(conn, ["email; DROP TABLE log"]) == {"attendees": 0, "edits": 0, "log": 0}
