"""Bad input and security: tokens (missing, wrong, revoked, wrong kind), one-time expiring enrolment
codes, oversized bodies, malformed JSON, and property-based fuzzing of every operation in the OpenAPI
document (schemathesis) with no 500s — against a real server on SQLite and PostgreSQL."""

from __future__ import annotations

import functools
import json
import time
import uuid
from pathlib import Path
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings

from tests.venue_app.registry.conftest import (
    Server,
    enroll_in_store,
    enroll_station,
    make_registry,
    running_server,
)
from venue_app.keys import SigningKey
from venue_app.registry.config import Limits, RegistryConfig
from venue_app.sync.client import RegistryClient, SyncError

FUZZ_EXAMPLES = 15


def _operations(server: Server) -> list[tuple[str, str]]:
    doc = httpx.get(f"{server.url}/api/v1/openapi.json", verify=server.verify).json()
    return [(method.upper(), path.replace("{station}", "x")) for path, ops in doc["paths"].items()
            for method in ops if path not in ("/api/v1/health", "/api/v1/enroll")]


def test_every_endpoint_but_health_and_enrol_needs_a_token(module_server: Server) -> None:
    operations = _operations(module_server)
    assert len(operations) >= 10
    with module_server.client() as client:
        for method, path in operations:
            for headers in ({}, {"Authorization": "Bearer not-a-token"}, {"Authorization": "Basic abc"}):
                r = client.request(method, path, headers=headers, json={})
                assert r.status_code == 401, (method, path, headers, r.text)
                assert r.json()["code"] == "unauthorized" and r.headers["www-authenticate"] == "Bearer"


def test_admin_endpoints_refuse_station_tokens(module_server: Server) -> None:
    st = enroll_station(module_server, "Curious desk")
    with module_server.client(st.token) as client:
        for method, path in _operations(module_server):
            if "/admin/" in path:
                r = client.request(method, path, json={})
                assert r.status_code == 403 and r.json()["code"] == "admin_only", (method, path)
    with module_server.admin() as client:
        r = client.post("/api/v1/events", json={"events": []})
        assert r.status_code == 403 and r.json()["code"] == "station_only"


def test_enrolment_code_works_once_and_expires(module_server: Server) -> None:
    with module_server.admin() as client:
        code = client.post("/api/v1/admin/enrollments", json={"name": "Desk Once"}).json()["code"]
    key = SigningKey.generate().public.text
    url = f"{module_server.url}/api/v1/enroll"
    post = functools.partial(httpx.post, verify=module_server.verify)
    assert post(url, json={"code": code, "public_key": key}).status_code == 200
    again = post(url, json={"code": code, "public_key": key})
    assert again.status_code == 401 and again.json()["code"] == "code_used"
    wrong = post(url, json={"code": "AAAA-BBBB-CCCC-DDDD", "public_key": key})
    assert wrong.status_code == 401 and wrong.json()["code"] == "invalid_code"
    store = module_server.registry.store()
    try:
        expired, _ = store.create_enrollment(name="Too late", role="desk", ttl_s=-1)
    finally:
        store.close()
    late = post(url, json={"code": expired, "public_key": key})
    assert late.status_code == 401 and late.json()["code"] == "code_expired"
    with module_server.admin() as client:
        fresh = client.post("/api/v1/admin/enrollments", json={"name": "Desk Key"}).json()["code"]
    bad_key = post(url, json={"code": fresh, "public_key": "bm90IGEga2V5"})
    assert bad_key.status_code == 422 and bad_key.json()["code"] == "invalid_public_key"
    assert post(url, json={"code": fresh, "public_key": key}).status_code == 200  # not burnt by the error


def test_revoked_station_gets_401_station_revoked(module_server: Server) -> None:
    st = enroll_station(module_server, "Stolen desk")
    with module_server.client(st.token) as client:
        assert client.get("/api/v1/feed").status_code == 200
        with module_server.admin() as admin:
            assert admin.post(f"/api/v1/admin/stations/{st.id}/revoke", json={"reason": "stolen"}).status_code == 200
        for r in (client.get("/api/v1/feed"), client.post("/api/v1/events", json={"events": [
                st.event("checkin", {"attendee_id": "x"})]})):
            assert r.status_code == 401 and r.json()["code"] == "station_revoked"


def test_tokens_changed_by_another_process(module_server: Server) -> None:
    """``registry revoke`` and enrolment by another process (here: this test, on the same database):
    a new token works at once, a revoked one is refused within the token table's reload (2 s)."""
    store = module_server.registry.store()
    try:
        st = enroll_in_store(store, "Desk elsewhere")
        with module_server.client(st.token) as client:
            assert client.get("/api/v1/feed", params={"limit": 1}).status_code == 200  # at once
            store.revoke(st.id, "lost")
            revoked_at = time.monotonic()
            while (r := client.get("/api/v1/feed", params={"limit": 1})).status_code == 200:
                assert time.monotonic() - revoked_at < 5, "a revoked token still works after 5 s"
                time.sleep(0.1)
            assert r.status_code == 401 and r.json()["code"] == "station_revoked"
    finally:
        store.close()


def test_oversized_and_malformed_bodies(module_server: Server) -> None:
    st = enroll_station(module_server, "Noisy desk")
    with module_server.client(st.token) as client:
        huge = b'{"events": ["' + b"x" * (9 * 1024 * 1024) + b'"]}'
        r = client.post("/api/v1/events", content=huge, headers={"Content-Type": "application/json"})
        assert r.status_code == 413 and r.json()["code"] == "payload_too_large"

        def chunks() -> Any:
            yield b'{"events": ["'
            for _ in range(100):
                yield b"y" * 100_000
            yield b'"]}'

        r = client.post("/api/v1/events", content=chunks(), headers={"Content-Type": "application/json"})
        assert r.status_code == 413  # no Content-Length: counted while reading
        batch = [st.event("checkin", {"attendee_id": "x"}) for _ in range(1001)]
        r = client.post("/api/v1/events", json={"events": batch})
        assert r.status_code == 413 and r.json()["code"] == "batch_too_large"
        r = client.post("/api/v1/events", content=b'{"events": [', headers={"Content-Type": "application/json"})
        assert r.status_code == 422 and r.json()["code"] == "malformed_json"
        r = client.post("/api/v1/events", content=b"\xff\xfe\x00garbage", headers={"Content-Type": "application/json"})
        assert r.status_code == 422 and "code" in r.json()
        r = client.get("/api/v1/nowhere")
        assert r.status_code in (401, 404) and r.json()["code"]


def test_enrolment_attempts_are_rate_limited_per_address(tmp_path: Path, qtbot) -> None:
    """Wrong codes from one address: after the limit (here 3 a window of 3 s) every attempt, even with a good
    code, gets 429 with Retry-After and words; the good code is not burnt and works once the window passed."""
    registry = make_registry(tmp_path / "registry", f"sqlite:///{tmp_path / 'registry.sqlite3'}")
    config = RegistryConfig.load(registry.root)
    config.limits = Limits(enrol_failures=3, enrol_window_s=3.0)
    config.save()
    with running_server(registry) as server:
        with server.admin() as admin:
            code = admin.post("/api/v1/admin/enrollments", json={"name": "Patient desk"}).json()["code"]
        key = SigningKey.generate().public.text
        post = functools.partial(httpx.post, f"{server.url}/api/v1/enroll", verify=server.verify)
        for guess in ("AAAA-BBBB-CCCC-DDDD", "AAAA-BBBB-CCCC-DDDE", "AAAA-BBBB-CCCC-DDDF"):
            r = post(json={"code": guess, "public_key": key})
            assert r.status_code == 401 and r.json()["code"] == "invalid_code"
        r = post(json={"code": code, "public_key": key})
        assert r.status_code == 429 and r.json()["code"] == "too_many_attempts"
        assert 1 <= int(r.headers["Retry-After"]) <= 3 and "try again in" in r.json()["message"]
        # what the station shows (``station enroll``), in words
        with RegistryClient(server.url, pins=None) as client, \
                pytest.raises(SyncError, match="Too many wrong enrolment"):
            client.enroll(code, key)
        answers: list[httpx.Response] = []
        qtbot.waitUntil(lambda: answers.append(post(json={"code": code, "public_key": key}))
                        or answers[-1].status_code != 429, timeout=10_000)
        assert answers[-1].status_code == 200 and answers[-1].json()["name"] == "Patient desk"


def test_oversized_headers_and_a_slow_body_are_refused_in_words(tmp_path: Path) -> None:
    """The HTTP parser takes headers of any size and waits for a body for ever: the registry answers 431 to
    headers over its limit and 408 to a body that does not arrive in time (here 1 s), as JSON in words."""
    import socket

    registry = make_registry(tmp_path / "registry", f"sqlite:///{tmp_path / 'registry.sqlite3'}", program=False)
    config = RegistryConfig.load(registry.root)
    config.limits = Limits(max_header=4096, body_timeout_s=1.0)
    config.save()
    with running_server(registry) as server:
        def raw(data: bytes) -> bytes:
            with server.verify.wrap_socket(socket.create_connection(("127.0.0.1", server.port), timeout=10),
                                           server_hostname="127.0.0.1") as sock:
                sock.sendall(data)
                answer = b""
                while b"}" not in answer:
                    chunk = sock.recv(4096)
                    if not chunk:
                        break
                    answer += chunk
                return answer

        with server.client() as client:
            r = client.get("/api/v1/health", headers={"X-Padding": "a" * 5000})
            assert r.status_code == 431 and r.json()["code"] == "headers_too_large"
            assert "request headers exceed 4,096 bytes" in r.json()["message"]
            assert client.get("/api/v1/health", headers={"X-Padding": "a" * 1000}).status_code == 200
        started = time.monotonic()
        answer = raw(b"POST /api/v1/events HTTP/1.1\r\nHost: registry\r\nContent-Type: application/json\r\n"
                     b"Content-Length: 1000\r\nAuthorization: Bearer not-a-token\r\n\r\n{\"events\": [")
        assert answer.startswith(b"HTTP/1.1 408"), answer
        body = json.loads(answer.split(b"\r\n\r\n", 1)[1])
        assert body["code"] == "body_timeout" and "did not arrive within 1 s" in body["message"]
        assert time.monotonic() - started < 8


def test_a_door_cannot_push_a_desks_event_kinds(module_server: Server) -> None:
    """A door's token (stolen, or a door gone wrong) may record room entries and exits, not check-ins,
    walk-ins, attendee edits or badges: each is refused by the registry in words; its room events pass."""
    with module_server.admin() as admin:
        room = admin.get("/api/v1/admin/program").json()["rooms"][0]["id"]
    door = enroll_station(module_server, "Side door", role="door", room=room)
    attendee = str(uuid.uuid4())  # the registry records facts about people it has not heard of yet
    desk_kinds = [door.event("checkin", {"attendee_id": attendee}),
                  door.event("attendee_updated", {"attendee_id": attendee, "fields": {"email": "x@example.org"}}),
                  door.event("badge_revoked", {"serial": "S1", "attendee_id": attendee, "reason": "lost"})]
    own = door.event("room_entry", {"attendee_id": attendee, "room_id": room})
    with module_server.client(door.token) as client:
        r = client.post("/api/v1/events", json={"events": [*desk_kinds, own]})
    assert r.status_code == 200, r.text
    results = r.json()["results"]
    assert [x["status"] for x in results] == ["rejected", "rejected", "rejected", "accepted"]
    assert {x["code"] for x in results[:3]} == {"not_for_role"}
    assert "a door station may not record checkin events" in results[0]["message"]
    logged = module_server.registry.store()
    try:
        ids = logged.event_ids()
    finally:
        logged.close()
    assert own["id"] in ids and not {e["id"] for e in desk_kinds} & ids


def test_fuzz_api_never_500(module_server: Server) -> None:
    """Schemathesis generates requests for every operation of the served OpenAPI document (valid and
    invalid bodies, parameters and headers); the registry must answer each without a 500, errors as
    JSON with a code. (Driven through hypothesis directly: schemathesis' pytest plugin does not run
    under pytest 9.)"""
    import schemathesis  # a declared test extra: its absence must fail, not skip
    tokens = {"station": enroll_station(module_server, "Fuzz desk").token,
              "admin": module_server.registry.admin_token}
    doc = json.loads(httpx.get(f"{module_server.url}/api/v1/openapi.json", verify=module_server.verify).text)
    operations = [result.ok() for result in schemathesis.openapi.from_dict(doc).get_all_operations()]
    assert len(operations) >= 12
    failures: list[Any] = []
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=FUZZ_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck),
                  derandomize=True, database=None)
        def run(case: Any) -> None:
            if case.path.endswith("/revoke"):
                case.path_parameters = {"station": "no-such-station"}  # never revoke the fuzzing desk
            if case.path.endswith("/feed") and isinstance(case.query, dict):
                case.query["wait"] = 0  # long-polls would only slow the fuzzing down
            token = tokens["admin"] if "/admin/" in case.path else tokens["station"]
            headers = {**(case.headers or {}), "Authorization": f"Bearer {token}"}
            # requests (under schemathesis) takes a CA file: the registry's self-signed certificate is one
            response = case.call(base_url=module_server.url, headers=headers, timeout=30,
                                 verify=str(module_server.registry.root / "tls" / "registry.crt"))
            if response.status_code >= 500 or (response.status_code >= 400 and "code" not in response.json()):
                failures.append((case.method, case.path, response.status_code, response.text[:300]))

        run()
    assert not failures, failures[:5]
