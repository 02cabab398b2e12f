"""The feed as each role receives it (issue 19, item 3), and a revoked station's last push (item 4), against a
real registry server on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from tests.venue_app.registry.conftest import Registry, enroll_station, read_feed, running_server
from venue_app.registry import admin
from venue_app.registry.feed import render_both, render_items
from venue_app.roles import minimise

PERSON = {"id": "a1", "code": "C1", "given_name": "Ada", "family_name": "Okafor", "email": "ada@lagos.gov.ng",
          "phone": "+234 1 555 0101", "notes": "VIP", "accessibility": "ramp"}
CHECKIN = '{"id":"e1","type":"checkin","payload":{"attendee_id":"a1"}}'


def test_each_item_is_rendered_once_per_role_class() -> None:
    updated = json.dumps({"id": "e2", "type": "attendee_updated",
                          "payload": {"attendee_id": "a1", "fields": {"phone": "+1 555", "job_title": "Mayor"}}})
    items = [(1, "attendee", json.dumps(PERSON)), (2, "station_event", CHECKIN), (3, "station_event", updated),
             (4, "room", '{"id":"expo","name":"Expo attendee_ hall"}')]
    full, small = render_both(items)
    assert full == render_items(items) == render_items(items, "desk")
    assert small == render_items(items, "door") == render_items(items, "dashboard")
    assert small[1] is full[1] and small[3] is full[3]  # nothing personal: one string serves both
    door = [json.loads(text) for text in small]
    assert door[0]["data"] == {k: v for k, v in PERSON.items() if k not in ("email", "phone", "notes", "accessibility")}
    assert door[2]["data"]["payload"]["fields"] == {"phone": None, "job_title": "Mayor"}
    assert json.loads(full[0])["data"] == PERSON


_TEXT = st.one_of(st.none(), st.text(), st.sampled_from(['","email":"x', '\\', '\\"', ',"phone":null', "王伟 \u2028"]))


@given(person=st.fixed_dictionaries({"id": st.text(min_size=1)}, optional={
    f: _TEXT for f in ("code", "given_name", "email", "phone", "notes", "accessibility", "job_title", "city")}),
       ascii_only=st.booleans())
def test_a_door_rendering_equals_the_decoded_minimised_item(person: dict[str, Any], ascii_only: bool) -> None:
    """Attendee items lose their fields by a text pattern (fast): always what decoding them would give."""
    text = json.dumps(person, ensure_ascii=ascii_only, separators=(",", ":"))
    rendered = json.loads(render_items([(7, "attendee", text)], "door")[0])
    assert rendered == {"seq": 7, "kind": "attendee", "data": dict(minimise("door", "attendee", person))}


def _import(registry: Registry, tmp_path: Path, n: int) -> None:
    path = tmp_path / "people.csv"
    lines = ["code,given_name,family_name,category,country,email,phone,notes,accessibility"]
    lines += [f"DBH1{i:04d},Given{i},Family{i},DEL,FR,db{i}.h1@example.org,+33 1 55 00 {i:04d},note-h1-{i},"
              f"ramp-h1-{i}" for i in range(n)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with registry.store() as store:
        report = admin.import_file(store, path)
    assert not report.error, report.error


def _personal(items: list[dict[str, Any]]) -> list[str]:
    """What in ``items`` is a withheld field (an attendee's, or in an attendee event's payload)."""
    found = []
    for item in items:
        data = item["data"]
        if item["kind"] == "attendee":
            found += [f for f in ("email", "phone", "notes", "accessibility") if f in data]
        elif item["kind"] == "station_event":
            inner = data["payload"].get("attendee") or data["payload"].get("fields") or {}
            found += [f for f in ("email", "phone", "notes", "accessibility") if inner.get(f) is not None]
    return found


def test_doors_and_dashboards_get_no_personal_fields_from_the_ring_or_the_database(
        registry: Registry, tmp_path: Path) -> None:
    _import(registry, tmp_path, 30)  # before the server starts: read from the database
    with running_server(registry) as server:
        desk, door, dash = (enroll_station(server, name, role) for name, role in
                            (("Desk", "desk"), ("Door", "door"), ("Ops", "dashboard")))
        with server.client(door.token) as c:
            head = c.get("/api/v1/feed", params={"after": 0, "limit": 1}).json()["head"]
        walkin = str(uuid.uuid4())
        events = [desk.event("attendee_created", {"attendee": {"id": walkin, "given_name": "Zyx", "family_name": "W",
                                                               "category": "DEL", "email": "live.h1@example.org",
                                                               "phone": "+86 20 5555 0111"}}),
                  desk.event("attendee_updated", {"attendee_id": walkin, "fields": {"notes": "escort-h1",
                                                                                    "job_title": "Mayor"}}),
                  desk.event("checkin", {"attendee_id": walkin})]
        # a door waits on a long-poll while a desk registers a walk-in: answered from the rendered ring
        with ThreadPoolExecutor(1) as pool, server.client(door.token) as waiting, server.client(desk.token) as c:
            answer = pool.submit(waiting.get, "/api/v1/feed", params={"after": head, "wait": 10})
            pushed = c.post("/api/v1/events", json={"events": events})
            assert pushed.status_code == 200 and pushed.json()["accepted"] == 3, pushed.text
            live = answer.result(30)
        assert live.status_code == 200
        live_items = live.json()["items"]
        assert [i["data"]["id"] for i in live_items if i["kind"] == "station_event"] == [e["id"] for e in events]
        assert _personal(live_items) == [] and b"live.h1@example.org" not in live.content
        assert b'"job_title":"Mayor"' in live.content and b'"given_name":"Zyx"' in live.content
        for station in (door, dash):
            with server.client(station.token) as c:
                items = read_feed(c)  # from 0: the imported people come from the database, the rest from the ring
            assert len({i["data"]["id"] for i in items if i["kind"] == "attendee"}) == 30 + 1
            assert _personal(items) == [], _personal(items)[:5]
            text = json.dumps(items)
            assert "example.org" not in text and "h1-" not in text and "Given7" in text
        with server.client(desk.token) as c:
            items = read_feed(c)
        assert sorted(set(_personal(items))) == ["accessibility", "email", "notes", "phone"]  # the control
        assert "db7.h1@example.org" in json.dumps(items) and "live.h1@example.org" in json.dumps(items)


def test_a_revoked_station_may_push_what_it_made_before_and_nothing_else(registry: Registry) -> None:
    with running_server(registry) as server:
        door = enroll_station(server, "Door", "door")
        before = [door.event("occupancy_adjust", {"room_id": "plenary", "delta": 1, "anonymous": True})
                  for _ in range(3)]
        with server.admin() as c:
            r = c.post(f"/api/v1/admin/stations/{door.id}/revoke", json={"reason": "laptop lost"})
            assert r.status_code == 200, r.text
        after = door.event("occupancy_adjust", {"room_id": "plenary", "delta": 1, "anonymous": True})
        with server.client(door.token) as c:
            r = c.get("/api/v1/feed")
            assert r.status_code == 401 and r.json()["code"] == "station_revoked"
            r = c.post("/api/v1/events", json={"events": [before[0], after, *before[1:]]})
            assert r.status_code == 200, r.text
            body = r.json()
            assert [(x["index"], x["status"], x["code"]) for x in body["results"]] == [
                (0, "accepted", None), (1, "rejected", "station_revoked"), (2, "accepted", None),
                (3, "accepted", None)]
            assert (body["accepted"], body["rejected"]) == (3, 1)
            again = c.post("/api/v1/events", json={"events": before})  # a lost reply, sent again: harmless
            assert [x["status"] for x in again.json()["results"]] == ["duplicate"] * 3
            late = c.post("/api/v1/events", json={"events": [after]})  # only new facts: the token is refused
            assert late.status_code == 401 and late.json()["code"] == "station_revoked"
            assert c.get("/api/v1/event").status_code == 401  # nothing else is open to it
        with server.client("not-a-token") as c:
            assert c.post("/api/v1/events", json={"events": before}).status_code == 401
    with registry.store() as store:
        ids = store.event_ids()
    assert {e["id"] for e in before} <= ids and after["id"] not in ids
