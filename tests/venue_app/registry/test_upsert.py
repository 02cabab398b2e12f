"""``POST /api/v1/admin/attendees`` against a real registry (HTTPS, SQLite and PostgreSQL) and a real station.

A batch creates attendees, the same batch again changes nothing (not even the feed), a partial update
changes only its fields, a cancellation reaches a station that then refuses the person, bad records
are refused with their reasons while the others are kept; the store's upsert ties a record to the
attendee a file import already made (same code) instead of adding a second one.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.venue_app.registry.conftest import Server, enrolled_station, python_cmd, read_feed, sync_once
from venue_app.station import Station

SOURCE = "cvent:metropolis-2026"
BATCH: list[dict[str, Any]] = [
    {"external_id": "R-1", "code": "UPS-0001", "given_name": "伟", "family_name": "张", "native_name": "张伟",
     "country": "China", "category": "delegate", "email": "wei.zhang@example.org"},
    {"external_id": "R-2", "code": "UPS-0002", "given_name": "Amélie", "family_name": "Durand",
     "organisation": "Ville de Lyon", "country": "FR", "status": "paid"},
    {"external_id": "R-3", "code": "UPS-0003", "given_name": "Kwame", "family_name": "Mensah", "country": "GH"},
    {"external_id": "R-4", "code": "UPS-0004", "given_name": "Bad", "email": "not-an-address"},
    {"external_id": "R-5", "code": "UPS-0005", "given_name": "Odd", "shoe_size": "44"},
    {"external_id": "R-6", "code": "UPS-0006", "organisation": "No Name Ltd"},
    {"code": "UPS-0007", "given_name": "Nobody"},
    {"external_id": "R-8", "code": "UPS 0008", "given_name": "Spaced"},
]


def post(server: Server, body: dict[str, Any], token: str | None = None) -> Any:
    with server.client(server.registry.admin_token if token is None else token) as client:
        return client.post("/api/v1/admin/attendees", json=body)


def by_id(result: dict[str, Any]) -> dict[str | None, dict[str, Any]]:
    return {r["external_id"]: r for r in result["results"]}


def head(server: Server) -> int:
    with server.admin() as client:
        return int(client.get("/api/v1/admin/summary").json()["feed_head"])


def attendee_items(server: Server, after: int) -> list[dict[str, Any]]:
    with server.admin() as client:
        return [i["data"] for i in read_feed(client, after) if i["kind"] == "attendee"]


@pytest.fixture(scope="module")
def station(module_server: Server, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Station]:
    st = enrolled_station(module_server, "Upsert desk", tmp_path_factory.mktemp("upsert-desk"))
    try:
        yield st
    finally:
        st.close()


def test_batch_create_resend_partial_update_and_cancel(module_server: Server, station: Station) -> None:
    start = head(module_server)
    r = post(module_server, {"source": SOURCE, "records": BATCH})
    assert r.status_code == 200, r.text
    first = r.json()
    assert (first["created"], first["updated"], first["unchanged"], first["refused"]) == (3, 0, 0, 5)
    assert [x["index"] for x in first["results"]] == list(range(len(BATCH)))
    out = by_id(first)
    reasons = {k: out[k]["reason"] for k in ("R-4", "R-5", "R-6", "R-8")}
    assert "not a valid e-mail address" in reasons["R-4"]
    assert "unknown field 'shoe_size'" in reasons["R-5"]
    assert "needs a name" in reasons["R-6"]
    assert "spaces" in reasons["R-8"]
    assert first["results"][6]["outcome"] == "refused" and "external_id" in first["results"][6]["reason"]
    created = {x["code"]: x for x in attendee_items(module_server, start)}
    assert set(created) == {"UPS-0001", "UPS-0002", "UPS-0003"}
    zhang = created["UPS-0001"]
    # normalised by the import's rules: country name → ISO code, family-first for CN, "paid" → active
    assert (zhang["country"], zhang["name_order"], zhang["native_name"]) == ("CN", "family-first", "张伟")
    assert created["UPS-0002"]["status"] == "active" and created["UPS-0002"]["organisation"] == "Ville de Lyon"

    # the same batch again: nothing changes, not even the feed
    after_first = head(module_server)
    again = post(module_server, {"source": SOURCE, "records": BATCH}).json()
    assert (again["created"], again["updated"], again["unchanged"], again["refused"]) == (0, 0, 3, 5)
    assert {out[k]["attendee_id"] for k in ("R-1", "R-2", "R-3")} == \
        {by_id(again)[k]["attendee_id"] for k in ("R-1", "R-2", "R-3")}
    assert head(module_server) == after_first

    # a partial update changes only what it carries
    partial = post(module_server, {"source": SOURCE, "records": [
        {"external_id": "R-2", "job_title": "Deputy Mayor", "organisation": None}]}).json()
    assert partial["updated"] == 1 and by_id(partial)["R-2"]["changed"] == ["job_title", "organisation"]
    [item] = attendee_items(module_server, after_first)
    assert (item["job_title"], item["organisation"], item["given_name"], item["code"]) == \
        ("Deputy Mayor", "", "Amélie", "UPS-0002")

    # a station gets them through the feed; a cancellation then refuses the person there
    sync_once(station)
    assert station.scan("UPS-0001").status == "ok"
    assert station.scan("UPS-0003").status == "ok"
    assert station.scan("ups-0002").status == "ok"  # codes compare as codes do everywhere
    cancel = post(module_server, {"source": SOURCE, "records": [{"external_id": "R-1", "status": "cancelled"},
                                                                {"external_id": "R-3", "status": "canceled"}]}).json()
    assert cancel["updated"] == 2
    sync_once(station)
    assert station.scan("UPS-0001").status == "cancelled"
    row = station.replica.one("SELECT status, given_name FROM attendees WHERE code = 'UPS-0003'")
    assert tuple(row) == ("cancelled", "Kwame")


def test_codes_stay_unique_and_ids_scoped_by_source(module_server: Server) -> None:
    base = {"given_name": "Lena", "family_name": "Berg", "code": "UPS-0100"}
    first = post(module_server, {"source": "indico:a", "records": [{"external_id": "1", **base}]}).json()
    assert first["created"] == 1
    # another record of the same source wants a code someone already holds: refused in words
    clash = post(module_server, {"source": "indico:a", "records": [
        {"external_id": "2", "given_name": "Other", "code": "UPS-0100"}]}).json()
    assert clash["refused"] == 1 and "already held" in clash["results"][0]["reason"]
    # another source sending the same person (same code) ties to the same attendee
    other = post(module_server, {"source": "indico:b", "records": [
        {"external_id": "1", **base, "city": "Oslo"}]}).json()
    assert other["updated"] == 1 and other["results"][0]["attendee_id"] == first["results"][0]["attendee_id"]


def test_bad_requests_and_auth(module_server: Server, station: Station) -> None:
    assert post(module_server, {"source": SOURCE, "records": []}, token="").status_code == 401
    assert post(module_server, {"source": SOURCE, "records": []}, token=station.registry_token()).status_code == 403
    missing = post(module_server, {"records": [{"external_id": "x", "given_name": "A"}]})
    assert missing.status_code == 422
    assert post(module_server, {"source": SOURCE, "records": [{"external_id": "x"}] * 5001}).status_code == 422
    not_objects = post(module_server, {"source": SOURCE, "records": [{"external_id": 5, "given_name": "A"},
                                                                     {"external_id": "T-1", "given_name": 7}]}).json()
    assert [r["outcome"] for r in not_objects["results"]] == ["refused", "refused"]
    assert "must be text" in not_objects["results"][1]["reason"]
    # every call is in the admin audit log (who, from where, the status), a station's refused attempt too
    done = subprocess.run(python_cmd("registry", "audit", "--data", str(module_server.registry.root), "--json"),
                          capture_output=True, text=True, timeout=60, check=True)
    calls = [(e["path"], e["status"]) for e in json.loads(done.stdout.splitlines()[-1])["entries"]
             if e["path"] == "/api/v1/admin/attendees"]
    assert (("/api/v1/admin/attendees", 200) in calls and ("/api/v1/admin/attendees", 403) in calls
            and ("/api/v1/admin/attendees", 401) in calls), calls


def test_openapi_documents_the_endpoint(module_server: Server) -> None:
    with module_server.admin() as client:
        doc = client.get("/api/v1/openapi.json").json()
    op = doc["paths"]["/api/v1/admin/attendees"]["post"]
    assert "idempotent" in op["description"]
    schema = doc["components"]["schemas"]["AttendeesUpsert"]
    items = schema["properties"]["records"]["items"]
    assert items["required"] == ["external_id"] and "status" in items["properties"]
    assert schema["examples"][0]["records"][2] == {"external_id": "R-0977", "status": "cancelled"}


def test_station_edit_newer_than_the_record_still_wins(tmp_path: Path, registry: Any) -> None:
    """The store's upsert (what the pretix pull calls): an import's attendee is tied by code, a station's
    later edit of one field survives a record that changes another."""
    from tests.venue_app.registry.conftest import enroll_in_store

    with registry.store() as store:
        made = store.upsert_attendees("pretix:metropolis/wc13", [
            {"external_id": "41", "code": "ABCSECRET1", "given_name": "Ana", "family_name": "Silva"}], who="link")
        attendee_id = made.results[0].attendee_id
        desk = enroll_in_store(store, "Edit desk")
        edit = desk.event("attendee_updated", {"attendee_id": attendee_id, "fields": {"phone": "+351 1"}})
        assert store.ingest(desk.id, [edit]).accepted == 1
        later = store.upsert_attendees("pretix:metropolis/wc13", [{"external_id": "41", "city": "Porto"}], who="link")
        assert later.results[0].outcome == "updated"
        row = store.attendee(attendee_id)
        assert (row["phone"], row["city"], row["given_name"]) == ("+351 1", "Porto", "Ana")
        # an older station edit of the same field loses to the newer record
        stale = desk.event("attendee_updated", {"attendee_id": attendee_id, "fields": {"city": "Lisboa"}},
                           hlc=f"{1:013d}.{0:06d}.{desk.id}")
        store.ingest(desk.id, [stale])
        assert store.attendee(attendee_id)["city"] == "Porto"


def test_records_of_one_batch_see_the_ones_before_them(registry: Any) -> None:
    """The same external id twice (the second updates what the first created); a code given up by one
    record and taken by a later one; a duplicate code within the batch refused."""
    with registry.store() as store:
        first = store.upsert_attendees("batch:x", [
            {"external_id": "a", "given_name": "Ana", "code": "BAT-1"},
            {"external_id": "a", "city": "Porto"},
            {"external_id": "b", "given_name": "Bo", "code": "BAT-2"},
            {"external_id": "c", "given_name": "Cy", "code": "BAT-2"}], who="test")
        assert [r.outcome for r in first.results] == ["created", "updated", "created", "refused"]
        swap = store.upsert_attendees("batch:x", [
            {"external_id": "a", "code": None},
            {"external_id": "b", "code": "BAT-1"},
            {"external_id": "c", "given_name": "Cy", "code": "BAT-2"}], who="test")
        assert [r.outcome for r in swap.results] == ["updated", "updated", "created"]
        held = {store.attendee(code)["given_name"] for code in ("BAT-1", "BAT-2")}
        assert held == {"Bo", "Cy"} and store.attendee(first.results[0].attendee_id)["city"] == "Porto"
