"""Registry storage semantics, on SQLite and PostgreSQL: program, import, enrolment, event ingest and
the state derived from it (compared with a station replica applying the same events)."""

from __future__ import annotations

import json
import random
import sqlite3
import uuid
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import PEOPLE
from tests.venue_app.registry.conftest import Registry, SimStation, enroll_in_store
from venue_app.hlc import MAX_DRIFT_MS
from venue_app.registry import admin
from venue_app.registry.errors import AuthError, ConflictError, InvalidInput
from venue_app.registry.protocol import FEED_KINDS, ProgramDoc
from venue_app.tokens import event_tag


def feed(store: Any, after: int = 0) -> list[dict[str, Any]]:
    items, _ = store.feed_page(after, 100_000)
    return [{"seq": s, "kind": k, "data": json.loads(d)} for s, k, d in items]


def write_people(path: Path, people: list[dict[str, Any]] = PEOPLE) -> Path:
    import csv

    fields = ["code", "given_name", "family_name", "native_name", "name_order", "honorific", "category", "city",
              "country", "delegation", "email", "status"]
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=fields)
        writer.writeheader()
        for p in people:
            writer.writerow({k: p.get(k, "") for k in fields})
    return path


def test_init_event_and_feed(store: Any, registry: Registry) -> None:
    event = store.event()
    assert event["tag"] == event_tag(event["id"]) and len(event["tag"]) == 8
    assert event["timezone"] == "Asia/Shanghai"
    assert event["registry_key"]["key_id"] and event["registry_key"]["public_key"]
    items = feed(store)
    assert items[0]["kind"] == "event" and items[0]["seq"] == 1
    assert [i["seq"] for i in items] == list(range(1, len(items) + 1))
    with pytest.raises(ConflictError):
        admin.init_registry(registry.root, event_name="again")


def test_feed_items_use_replica_column_names(store: Any, tmp_path: Path) -> None:
    """A station client can apply feed items straight into its replica tables."""
    from venue_app.replica import connect, migrate

    st = enroll_in_store(store, "Desk 1")
    admin.import_file(store, write_people(tmp_path / "p.csv"))
    attendee = store.attendee("MWC-ZH-001")
    ev = st.event("badge_issued", {"serial": "AAAAAAAAAAAAA", "attendee_id": attendee["id"], "supersedes": []})
    store.ingest(st.id, [ev])
    conn = connect(":memory:")
    try:
        migrate(conn)
        tables = {"event": "event", "category": "categories", "room": "rooms", "session": "sessions",
                  "attendee": "attendees", "station": "stations", "badge": "badges",
                  "grant": "access_grants"}
        seen = set()
        for item in feed(store):
            assert item["kind"] in FEED_KINDS
            if item["kind"] == "station_event":
                assert set(item["data"]) >= {"id", "hlc", "station_id", "type", "payload", "operator", "wall"}
                continue
            columns = {r[1] for r in conn.execute(f"PRAGMA table_info({tables[item['kind']]})")}
            # a station's outbox size rides only on its heartbeats (the registry does not keep it)
            missing = columns - set(item["data"]) - {"code_norm", "outbox"}
            assert not missing, (item["kind"], missing)
            seen.add(item["kind"])
        assert seen == set(tables) - {"grant"}
    finally:
        conn.close()


def test_program_upsert_and_validation(store: Any) -> None:
    from venue_app.program import program

    doc = program()
    again = store.apply_program(ProgramDoc.model_validate(doc))
    assert again.rooms == again.sessions == again.categories == 0 and not again.event_changed
    doc["rooms"][0]["capacity"] = 1999
    changed = store.apply_program(ProgramDoc.model_validate(doc))
    assert changed.rooms == 1 and changed.sessions == 0
    assert feed(store)[-1]["kind"] == "room" and feed(store)[-1]["data"]["capacity"] == 1999
    bad = {"rooms": [], "sessions": [{"id": "x", "room_id": "nowhere", "title": "T", "starts": "2026-12-01T10:00",
                                      "ends": "2026-12-01T09:00", "categories": ["NOPE"]}]}
    with pytest.raises(InvalidInput) as err:
        store.apply_program(ProgramDoc.model_validate(bad))
    assert err.value.code == "invalid_program" and len(err.value.detail) == 3


def test_program_csv(store: Any, tmp_path: Path) -> None:
    path = tmp_path / "program.csv"
    path.write_text("kind,id,name,capacity,policy,zone,label,color,rooms,room_id,title,starts,ends,categories\n"
                    "room,aud,Auditorium,500,block,L0,,,,,,,,\n"
                    "category,VIPX,,,,,Very important,#000000,aud,,,,,\n"
                    "session,s1,,,,,,,,aud,Keynote,2026-12-01T09:00,2026-12-01T10:00,VIPX DEL\n", "utf-8")
    result = store.apply_program(admin.load_program_file(path))
    assert (result.rooms, result.categories, result.sessions) == (1, 1, 1)
    program = store.program()
    assert {"id": "aud", "capacity": 500, "policy": "block"}.items() <= next(
        r for r in program["rooms"] if r["id"] == "aud").items()
    assert next(s for s in program["sessions"] if s["id"] == "s1")["categories"] == ["VIPX", "DEL"]


def test_import_report_and_reimport(store: Any, tmp_path: Path) -> None:
    people = [*PEOPLE, {"code": "MWC-XX-006", "given_name": "Bad", "family_name": "Mail", "email": "not-an-email"}]
    report = admin.import_file(store, write_people(tmp_path / "a.csv", people))
    assert report.ok and report.inserted == 5 and report.rejected == 1
    assert report.problems[0].row == 7 and "e-mail" in report.problems[0].problem
    assert store.attendee("mwc-zh-001")["native_name"] == "王伟"
    head = store.head()
    again = admin.import_file(store, write_people(tmp_path / "a.csv", PEOPLE))
    assert again.unchanged == 5 and again.inserted == again.updated == 0
    assert store.head() == head  # nothing changed, nothing published
    broken = tmp_path / "b.csv"
    broken.write_text("nothing useful\n1\n", "utf-8")
    assert admin.import_file(store, broken).error


def test_enrolment_codes(store: Any) -> None:
    code, _ = store.create_enrollment(name="Door 1", role="door", room_id="plenary")
    from venue_app.keys import SigningKey

    registry_key = SigningKey.generate()
    station_key = SigningKey.generate()
    enrolled = store.enroll(code=code.lower().replace("-", " "), public_key=station_key.public.text, name="Door A",
                            key=registry_key)
    assert enrolled["role"] == "door" and enrolled["room_id"] == "plenary" and enrolled["name"] == "Door A"
    with pytest.raises(AuthError) as err:
        store.enroll(code=code, public_key=station_key.public.text, name=None, key=registry_key)
    assert err.value.code == "code_used"
    expired, _ = store.create_enrollment(name="Late", role="desk", ttl_s=-1)
    with pytest.raises(AuthError) as err:
        store.enroll(code=expired, public_key=station_key.public.text, name=None, key=registry_key)
    assert err.value.code == "code_expired"
    with pytest.raises(InvalidInput):
        store.create_enrollment(name="Door 2", role="door", room_id="no-such-room")
    principal = store.authenticate(enrolled["token"])
    assert principal.station_id == enrolled["station_id"]
    store.revoke(enrolled["station_id"], "lost laptop")
    with pytest.raises(AuthError) as err:
        store.authenticate(enrolled["token"])
    assert err.value.code == "station_revoked"
    stations = feed(store)
    assert [i["data"]["revoked_at"] is not None for i in stations if i["kind"] == "station"] == [False, True]


def test_ingest_results(store: Any) -> None:
    a = enroll_in_store(store, "Desk A")
    good = a.event("checkin", {"attendee_id": str(uuid.uuid4())})
    far = a.event("checkin", {"attendee_id": str(uuid.uuid4())})
    far["hlc"] = f"{9_999_999_999_999:013d}.000000.{a.id}"
    batch = [good, a.event("teleport", {}), {"id": "x"}, "junk", a.event("checkin", {}, station_id=str(uuid.uuid4())),
             far, good]
    result = store.ingest(a.id, batch)
    statuses = [(r.status, r.code) for r in result.results]
    assert statuses == [("accepted", None), ("rejected", "unknown_type"), ("rejected", "malformed"),
                        ("rejected", "malformed"), ("rejected", "wrong_station"), ("accepted", None),
                        ("duplicate", None)]
    clamped = result.results[5]
    assert clamped.flags == ["hlc_clamped"] and int(clamped.hlc[:13]) < 9_999_999_999_999
    assert int(clamped.hlc[:13]) <= int(good["hlc"][:13]) + MAX_DRIFT_MS + 60_000
    again = store.ingest(a.id, [good, far])
    assert again.duplicate == 2 and again.accepted == 0
    events = [i for i in feed(store) if i["kind"] == "station_event"]
    assert sorted(e["data"]["id"] for e in events) == sorted([good["id"], far["id"]])
    assert next(e for e in events if e["data"]["id"] == far["id"])["data"]["flags"] == ["hlc_clamped"]


def test_conflict_when_two_stations_admit_the_same_attendee(store: Any) -> None:
    a, b = enroll_in_store(store, "Desk A"), enroll_in_store(store, "Desk B")
    attendee = str(uuid.uuid4())
    store.ingest(a.id, [a.event("checkin", {"attendee_id": attendee})])
    store.ingest(a.id, [a.event("checkin", {"attendee_id": attendee})])  # same desk twice: not a conflict
    later = b.event("checkin", {"attendee_id": attendee})
    store.ingest(b.id, [later])
    summary = store.summary()
    assert summary["checked_in"] == 1 and summary["checkin_events"] == 3
    assert summary["conflict_count"] == 1
    conflict = summary["conflicts"][0]
    assert (conflict["station_id"], conflict["other_station_id"], conflict["event_id"]) == (b.id, a.id, later["id"])
    assert summary["checkins_by_station"] == {"Desk A": 2, "Desk B": 1}


def _random_events(stations: list[SimStation], rng: random.Random, n: int) -> list[dict[str, Any]]:
    people = [str(uuid.UUID(int=rng.getrandbits(128))) for _ in range(12)]
    rooms = ["plenary", "hall-a", "ws-1"]
    serials = [f"SERIAL{i:07d}" for i in range(8)]
    events = []
    for _ in range(n):
        st = rng.choice(stations)
        kind = rng.random()
        person = rng.choice(people)
        if kind < 0.2:
            events.append(st.event("checkin", {"attendee_id": person}))
        elif kind < 0.3:
            events.append(st.event("checkin", {"badge_serial": rng.choice(serials)}))
        elif kind < 0.6:
            # a door that knows whose badge it is names the attendee; one that does not yet (the badge
            # was printed at an offline desk) names the badge: its movements become the attendee's
            # when the issue arrives, before or after them
            who = {"attendee_id": person} if rng.random() < 0.6 else {"badge_serial": rng.choice(serials)}
            events.append(st.event(rng.choice(["room_entry", "room_exit"]), {**who, "room_id": rng.choice(rooms)}))
        elif kind < 0.7:
            events.append(st.event("occupancy_adjust", {"room_id": rng.choice(rooms), "delta": rng.choice([-1, 1, 2])}))
        elif kind < 0.8:
            # a serial belongs to one attendee (serials are random and unique in real life)
            number = rng.randrange(len(serials))
            events.append(st.event("badge_issued", {"serial": serials[number], "attendee_id": people[number],
                                                    "category": "DEL", "key_id": "k", "token": "t",
                                                    "supersedes": [rng.choice(serials)]}))
        elif kind < 0.85:
            events.append(st.event("badge_revoked", {"serial": rng.choice(serials), "reason": "lost"}))
        elif kind < 0.88:
            events.append(st.event("attendee_created", {"attendee": {"id": person, "given_name": "W",
                                                                     "family_name": rng.choice("XYZ")}}))
        elif kind < 0.92 and any(e["type"] == "checkin" for e in events):
            # an undone check-in, in the same batch as others of that person or not
            undone = rng.choice([e["id"] for e in events if e["type"] == "checkin"])
            events.append(st.event("checkin_voided", {"checkin_event_id": undone, "reason": "wrong person"}))
        else:
            events.append(st.event("attendee_updated", {"attendee_id": person,
                                                        "fields": {"organisation": rng.choice(["O1", "O2", "O3"])}}))
    return events


def _derived(store: Any) -> dict[str, Any]:
    def rows(name: str, key: str, cols: tuple[str, ...]) -> dict[str, tuple[Any, ...]]:
        return {r[key]: tuple(r[c] for c in cols) for r in store.table_rows(name)}

    counts = {k: v for k, v in rows("room_counts", "room_id", ("present", "adjust")).items() if v != (0, 0)}
    attendees = {r["id"]: (r["given_name"], r["family_name"], r["organisation"]) for r in store.table_rows("attendees")}
    return {
        "checkins": rows("checkins", "attendee_id", ("event_id", "hlc", "station_id", "count")),
        "presence": rows("presence", "attendee_id", ("room_id", "hlc")),
        "room_counts": counts,
        "badges": rows("badges", "serial", ("attendee_id", "issued_hlc", "revoked_hlc")),
        "pending": set(rows("pending_checkins", "event_id", ("badge_serial",))),
        "attendees": attendees,
    }


def test_derived_state_is_order_independent_and_matches_a_station(db_url: str, tmp_path: Path) -> None:
    """Two registries fed the same events in different orders and batches agree with each other and with
    a station replica applying them through venue_app.eventlog."""
    from tests.venue_app.registry.conftest import database, make_registry
    from venue_app import eventlog
    from venue_app.replica import connect, migrate

    first = make_registry(tmp_path / "r1", db_url)
    backend = "sqlite" if db_url.startswith("sqlite") else "postgresql"
    with database(backend, tmp_path / "db2") as url2:
        second = make_registry(tmp_path / "r2", url2)
        s1, s2 = first.store(), second.store()
        try:
            rng = random.Random(4)
            stations1 = [enroll_in_store(s1, f"S{i}") for i in range(3)]
            events = _random_events(stations1, rng, 240)
            by_station = {st.id: [e for e in events if e["station_id"] == st.id] for st in stations1}
            for sid, evs in by_station.items():
                for start in range(0, len(evs), 17):
                    s1.ingest(sid, evs[start:start + 17])
            # the second registry ingests under the events' own station ids, one event per batch
            shuffled = events[:]
            rng.shuffle(shuffled)
            for ev in shuffled:
                s2.ingest(ev["station_id"], [ev])
            d1, d2 = _derived(s1), _derived(s2)
            assert d1 == d2
            conn = connect(":memory:")
            try:
                migrate(conn)
                conn.execute("BEGIN")
                for ev in sorted(events, key=lambda e: rng.random()):
                    eventlog.append(conn, eventlog.Event(ev["id"], ev["hlc"], ev["station_id"], ev["type"],
                                                         ev["payload"], ev["operator"], ev["wall"]), outbox=False)
                conn.execute("COMMIT")
                conn.row_factory = sqlite3.Row
                station_checkins = {r["attendee_id"]: (r["event_id"], r["hlc"], r["station_id"], r["count"])
                                    for r in conn.execute("SELECT * FROM checkins")}
                station_presence = {r["attendee_id"]: (r["room_id"], r["hlc"]) for r in conn.execute(
                    "SELECT * FROM presence")}
                station_counts = {r["room_id"]: (r["present"], r["adjust"]) for r in conn.execute(
                    "SELECT * FROM room_counts") if (r["present"], r["adjust"]) != (0, 0)}
                station_badges = {r["serial"]: (r["attendee_id"], r["issued_hlc"], r["revoked_hlc"])
                                  for r in conn.execute("SELECT * FROM badges")}
            finally:
                conn.close()
            assert d1["checkins"] == station_checkins
            assert d1["presence"] == station_presence
            assert d1["room_counts"] == station_counts
            assert d1["badges"] == station_badges
            assert all(present >= 0 for present, _ in d1["room_counts"].values())
        finally:
            s1.close()
            s2.close()


def test_attendee_fields_last_writer_wins(store: Any, tmp_path: Path) -> None:
    a, b = enroll_in_store(store, "A"), enroll_in_store(store, "B")
    admin.import_file(store, write_people(tmp_path / "p.csv"))
    person = store.attendee("MWC-ES-002")
    early = a.event("attendee_updated", {"attendee_id": person["id"], "fields": {"organisation": "Early"}})
    late = b.event("attendee_updated", {"attendee_id": person["id"], "fields": {"organisation": "Late"}})
    late["hlc"] = f"{int(early['hlc'][:13]) + 1000:013d}.000000.{b.id}"  # clearly later
    bogus = b.event("attendee_updated", {"attendee_id": person["id"], "fields": {"organisation": "Bogus",
                                                                              "status": "bogus"}})
    refused = store.ingest(b.id, [late, bogus]).results[1]
    assert (refused.status, refused.code) == ("rejected", "invalid_payload")  # the whole event, not a field
    assert refused.message.startswith("payload.fields.status:")
    store.ingest(a.id, [early])  # arrives last but is older: loses
    assert store.attendee(person["id"])["organisation"] == "Late"
    assert store.attendee(person["id"])["status"] == "active"
    items = [i for i in feed(store) if i["kind"] == "attendee" and i["data"]["id"] == person["id"]]
    assert items[-1]["data"]["organisation"] == "Late"
    # the file has no organisation column: a re-import keeps the station's edit
    report = admin.import_file(store, write_people(tmp_path / "p.csv"))
    assert report.ok and report.unchanged == 5
    assert store.attendee(person["id"])["organisation"] == "Late"
    walk_in = {"id": str(uuid.uuid4()), "code": "WALK-1", "given_name": "Walk", "family_name": "In",
               "category": "PAR"}
    store.ingest(a.id, [a.event("attendee_created", {"attendee": walk_in})])
    assert store.attendee("walk-1")["family_name"] == "In"


def test_badges_and_pending_checkins(store: Any) -> None:
    a, b = enroll_in_store(store, "A"), enroll_in_store(store, "B")
    person = str(uuid.uuid4())
    scan = b.event("checkin", {"badge_serial": "NEWSERIAL0001"})
    store.ingest(b.id, [scan])  # the badge is not known yet: pending
    assert store.summary()["checked_in"] == 0
    issue_old = a.event("badge_issued", {"serial": "OLDSERIAL0001", "attendee_id": person, "supersedes": []})
    issue_new = a.event("badge_issued", {"serial": "NEWSERIAL0001", "attendee_id": person,
                                         "supersedes": ["OLDSERIAL0001"], "reason": "lost"})
    store.ingest(a.id, [issue_old, issue_new])
    badges = {r["serial"]: r for r in store.table_rows("badges")}
    assert badges["OLDSERIAL0001"]["revoked_reason"] == "lost" and badges["NEWSERIAL0001"]["revoked_hlc"] is None
    assert store.summary()["checked_in"] == 1
    store.ingest(a.id, [a.event("badge_revoked", {"serial": "NEWSERIAL0001", "reason": "stolen"})])
    kinds = [(i["kind"], i["data"].get("serial")) for i in feed(store) if i["kind"] == "badge"]
    assert ("badge", "NEWSERIAL0001") in kinds and kinds[-1] == ("badge", "NEWSERIAL0001")


def test_occupancy_never_negative(store: Any) -> None:
    a = enroll_in_store(store, "Door", role="door")
    person = str(uuid.uuid4())
    store.ingest(a.id, [a.event("room_exit", {"attendee_id": person, "room_id": "ws-1"}),
                        a.event("occupancy_adjust", {"room_id": "ws-1", "delta": -3}),
                        a.event("room_entry", {"attendee_id": str(uuid.uuid4()), "room_id": "ws-1"})])
    room = next(r for r in store.summary()["rooms"] if r["id"] == "ws-1")
    assert (room["present"], room["adjust"], room["occupancy"]) == (1, -3, 0)
