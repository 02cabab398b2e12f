"""The HTTP API against a real ``registry serve`` process (SQLite and PostgreSQL): enrolment, push,
feed, admin import/program/summary, OpenAPI."""

from __future__ import annotations

import uuid

import httpx

from tests.conftest import PEOPLE
from tests.venue_app.registry.conftest import Server, enroll_station, read_feed
from venue_app.keys import PublicKey
from venue_app.registry.protocol import EnrollResponse, FeedPage, PushResponse, verify_certificate


def test_health_needs_no_token(module_server: Server) -> None:
    r = httpx.get(f"{module_server.url}/api/v1/health", verify=module_server.verify)
    assert r.status_code == 200 and r.json()["status"] == "ok" and r.json()["protocol"] == 1


def test_enrol_gives_token_config_key_and_certificate(module_server: Server) -> None:
    st = enroll_station(module_server, "Door Plenary", role="door", room="plenary")
    body = EnrollResponse.model_validate(st.enrolled)
    assert body.role == "door" and body.room_id == "plenary" and body.name == "Door Plenary"
    assert body.event["tag"] == module_server.registry.event["tag"]
    registry_key = PublicKey.from_text(body.registry_key.public_key)
    assert registry_key.key_id == body.registry_key.key_id
    assert verify_certificate(registry_key, st.id, st.key.public.text, body.certificate)
    assert not verify_certificate(registry_key, str(uuid.uuid4()), st.key.public.text, body.certificate)
    with module_server.client(st.token) as client:
        items = read_feed(client)
    mine = [i for i in items if i["kind"] == "station" and i["data"]["id"] == st.id]
    assert mine and mine[-1]["data"]["public_key"] == st.key.public.text
    assert mine[-1]["data"]["certificate"] == body.certificate
    assert items[0]["kind"] == "event" and items[0]["data"]["registry_key"]["key_id"] == body.registry_key.key_id


def test_push_is_idempotent_and_judges_each_event(module_server: Server) -> None:
    st = enroll_station(module_server, "Desk Push")
    events = [st.event("checkin", {"attendee_id": str(uuid.uuid4())}) for _ in range(5)]
    with module_server.client(st.token) as client:
        first = PushResponse.model_validate(client.post("/api/v1/events", json={"events": events}).json())
        assert first.accepted == 5 and [r.id for r in first.results] == [e["id"] for e in events]
        again = client.post("/api/v1/events", json={"events": events}).json()  # the reply was "lost"
        assert again["duplicate"] == 5 and again["accepted"] == 0
        mixed = [st.event("checkin", {"attendee_id": "a"}), st.event("levitate", {}), {"hlc": "x"},
                 st.event("room_entry", {"attendee_id": "a", "room_id": "plenary"})]
        r = client.post("/api/v1/events", json={"events": mixed})
        assert r.status_code == 200
        assert [(x["status"], x["code"]) for x in r.json()["results"]] == [
            ("accepted", None), ("rejected", "unknown_type"), ("rejected", "malformed"), ("accepted", None)]
        items = read_feed(client)
    ids = [i["data"]["id"] for i in items if i["kind"] == "station_event"]
    for e in [*events, mixed[0], mixed[3]]:
        assert ids.count(e["id"]) == 1


def test_a_full_batch_of_1000(module_server: Server) -> None:
    st = enroll_station(module_server, "Desk Big")
    events = [st.event("room_entry", {"attendee_id": str(uuid.uuid4()), "room_id": "expo"}) for _ in range(1000)]
    with module_server.client(st.token) as client:
        r = client.post("/api/v1/events", json={"events": events})
    assert r.status_code == 200 and r.json()["accepted"] == 1000


def test_feed_pages_and_cursor(module_server: Server) -> None:
    st = enroll_station(module_server, "Desk Feed")
    with module_server.client(st.token) as client:
        page = FeedPage.model_validate(client.get("/api/v1/feed", params={"after": 0, "limit": 7}).json())
        assert [i.seq for i in page.items] == list(range(1, 8)) and page.next == 7 and page.more
        rest = client.get("/api/v1/feed", params={"after": page.next, "limit": 5000}).json()
        assert rest["items"][0]["seq"] == 8
        tail = client.get("/api/v1/feed", params={"after": rest["head"]}).json()
        assert tail == {"items": [], "next": rest["head"], "head": rest["head"], "more": False}
        assert client.get("/api/v1/feed", params={"limit": 0}).status_code == 422
        assert client.get("/api/v1/feed", params={"after": -1}).status_code == 422
        assert client.get("/api/v1/event").json()["id"] == module_server.registry.event["id"]


def test_admin_import_program_and_summary(module_server: Server) -> None:
    header = "code,given_name,family_name,native_name,category,country,email,status\n"
    rows = "".join(f"{p['code']},{p['given_name']},{p['family_name']},{p.get('native_name', '')},"
                   f"{p['category']},{p.get('country', '')},{p.get('email', '')},{p.get('status', '')}\n"
                   for p in PEOPLE)
    with module_server.admin() as client:
        r = client.post("/api/v1/admin/import", params={"filename": "people.csv"},
                        content=(header + rows + "BAD-1,,,,,,,\n").encode(), headers={"Content-Type": "text/csv"})
        report = r.json()
        assert r.status_code == 200 and report["inserted"] == 5 and report["rejected"] == 1, report
        assert report["problems"][0]["row"] == 7
        program = client.get("/api/v1/admin/program").json()
        program["rooms"] = [{**program["rooms"][0], "capacity": 12, "reentry": False}]
        program["sessions"] = program["categories"] = []
        r = client.put("/api/v1/admin/program", json=program)
        assert r.status_code == 200 and r.json()["rooms"] == 1, r.text
        bad = client.put("/api/v1/admin/program", json={"sessions": [{"id": "s", "room_id": "nope", "title": "t",
                                                                      "starts": "x", "ends": "y"}]})
        assert bad.status_code == 422 and bad.json()["code"] == "invalid_program"
        items = read_feed(client)
        room = [i for i in items if i["kind"] == "room"][-1]["data"]
        assert room["capacity"] == 12 and room["data"]["reentry"] is False
        zh = next(i["data"] for i in items if i["kind"] == "attendee" and i["data"]["code"] == "MWC-ZH-001")
        assert zh["native_name"] == "王伟" and zh["name_order"] == "family-first"
    a, b = enroll_station(module_server, "Desk Left"), enroll_station(module_server, "Desk Right")
    for st in (a, b):
        with module_server.client(st.token) as client:
            ev = st.event("checkin", {"attendee_id": zh["id"]})
            assert client.post("/api/v1/events", json={"events": [ev]}).json()["accepted"] == 1
    with module_server.admin() as client:
        summary = client.get("/api/v1/admin/summary").json()
        stations = client.get("/api/v1/admin/stations").json()
    assert summary["checked_in"] >= 1
    conflict = next(c for c in summary["conflicts"] if c["attendee_id"] == zh["id"])
    assert {conflict["station_id"], conflict["other_station_id"]} == {a.id, b.id}
    assert {s["name"] for s in stations} >= {"Desk Left", "Desk Right"}


def test_openapi_is_served(module_server: Server) -> None:
    doc = httpx.get(f"{module_server.url}/api/v1/openapi.json", verify=module_server.verify).json()
    assert {"/api/v1/enroll", "/api/v1/feed", "/api/v1/events", "/api/v1/health"} <= set(doc["paths"])
    assert "bearerAuth" in str(doc["components"]["securitySchemes"]) or doc["components"]["securitySchemes"]
