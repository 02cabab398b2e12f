"""The fast lane (feed and push without FastAPI's machinery) answers exactly like the documented endpoints.

Two apps on one store, one with the lane and one without, get the same requests: good ones, and every
kind of bad one (which the lane hands to the normal way). Each app runs in process (its lifespan
included) behind httpx's ASGI transport.
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
import json
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import httpx

from tests.venue_app.registry.conftest import Registry, SimStation, enroll_in_store
from venue_app.keys import SigningKey
from venue_app.registry.server import create_app


def _apps(store: Any) -> tuple[Any, Any]:
    """The app as served (fast lane, writer process) and the plain one (FastAPI all the way, pushes
    committed on the store's thread in this process): both writers must answer alike too."""
    key = SigningKey.generate()
    return create_app(store=store, key=key), create_app(store=store, key=key, fast_lane=False, writer_process=False)


@contextlib.asynccontextmanager
async def _client(app: Any, headers: dict[str, str]) -> AsyncIterator[httpx.AsyncClient]:
    async with app.router.lifespan_context(app), httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://registry", headers=headers) as client:
        yield client


def _run(test: Callable[[], Awaitable[None]]) -> None:
    asyncio.run(test())


def _shape(body: dict[str, Any]) -> dict[str, Any]:
    """A push reply without what differs between two batches of the same shape (ids, head)."""
    out = copy.deepcopy(body)
    out.pop("head", None)
    for result in out["results"]:
        result.pop("id", None)
    return out


def test_feed_answers_are_byte_identical(store: Any, registry: Registry) -> None:
    st = enroll_in_store(store, "Desk Lane")
    lane, plain = _apps(store)
    auth = {"Authorization": f"Bearer {st.token}"}

    async def test() -> None:
        async with _client(lane, auth) as fast, _client(plain, auth) as slow:
            # heartbeats land with a station's first request: before the comparison
            assert (await fast.get("/api/v1/feed", params={"limit": 1})).status_code == 200
            assert (await slow.get("/api/v1/feed", params={"limit": 1})).status_code == 200
            served = lane.state.fast_lane.served
            assert served == 1  # the first request of a token takes the lane too
            cases: list[Any] = [{}, {"after": 0, "limit": 3}, {"after": 2, "limit": 5000}, {"after": 10**9},
                                {"after": 0, "wait": "0"}, {"limit": 0}, {"after": -1}, {"after": "x"},
                                {"wait": "nan"}, {"wait": "61"}, {"limit": 5001}, {"after": "1.5"},
                                {"after": "٣"}, [("after", "1"), ("after", "2")], {"after": 2**62 + 1}]
            for params in cases:
                a = await fast.get("/api/v1/feed", params=params)
                b = await slow.get("/api/v1/feed", params=params)
                assert (a.status_code, a.content) == (b.status_code, b.content), params
            for headers in ({"Authorization": "Bearer not-a-token"}, {"Authorization": "Basic eDp5"},
                            {"Authorization": "Bearer "}):
                a = await fast.get("/api/v1/feed", headers=headers)
                b = await slow.get("/api/v1/feed", headers=headers)
                assert (a.status_code, a.content) == (b.status_code, b.content) and a.status_code == 401
            assert lane.state.fast_lane.served - served == 5  # the five good requests took the lane
            assert plain.state.fast_lane.served == 0

    _run(test)


def test_push_answers_match_for_good_and_bad_events(store: Any, registry: Registry) -> None:
    st = enroll_in_store(store, "Desk Push")
    other = enroll_in_store(store, "Desk Other")
    lane, plain = _apps(store)
    auth = {"Authorization": f"Bearer {st.token}"}
    admin = {"Authorization": f"Bearer {registry.admin_token}"}

    def batch(station: SimStation) -> list[Any]:
        good = station.event("checkin", {"attendee_id": "a-1"})
        return [good, dict(good), {**station.event("room_entry", {"room_id": "expo"}), "hlc": "garbage"},
                station.event("teleport", {}), other.event("checkin", {"attendee_id": "a-2"}), "not an event"]

    async def test() -> None:
        async with _client(lane, auth) as fast, _client(plain, auth) as slow:
            await fast.get("/api/v1/feed", params={"limit": 1})  # its heartbeat
            served = lane.state.fast_lane.served
            first, second = batch(st), batch(st)
            a = await fast.post("/api/v1/events", json={"events": first})
            b = await slow.post("/api/v1/events", json={"events": second})
            assert a.status_code == b.status_code == 200
            assert _shape(a.json()) == _shape(b.json())
            assert [r["status"] for r in a.json()["results"]] == ["accepted", "duplicate", "rejected", "rejected",
                                                                  "rejected", "rejected"]
            # the same batches again, crossed over: every event is now a duplicate or rejected, alike
            a = await fast.post("/api/v1/events", json={"events": second})
            b = await slow.post("/api/v1/events", json={"events": first})
            assert _shape(a.json()) == _shape(b.json())
            assert lane.state.fast_lane.served - served == 2
            odd = {b"not json": 422, b'{"events": "x"}': 422, b"[]": 422,
                   b'{"events": [], "note": 1}': 200,  # a key the lane does not know: the normal way decides
                   json.dumps({"events": [{}] * 1001}).encode(): 413}
            for body, status in odd.items():
                a = await fast.post("/api/v1/events", content=body, headers={"Content-Type": "application/json"})
                b = await slow.post("/api/v1/events", content=body, headers={"Content-Type": "application/json"})
                assert (a.status_code, a.json()) == (b.status_code, b.json()), body[:40]
                assert a.status_code == status
            assert lane.state.fast_lane.served - served == 2  # odd bodies went the normal way
            a = await fast.post("/api/v1/events", json={"events": []}, headers=admin)
            b = await slow.post("/api/v1/events", json={"events": []}, headers=admin)
            assert (a.status_code, a.json()) == (b.status_code, b.json()) and a.status_code == 403

    _run(test)


def test_known_tokens_need_no_lookup(store: Any, registry: Registry) -> None:
    """Every token is in the server's table from the start: 30 stations' requests (the first ones
    included) never wait for a database lookup; a wrong token is looked up once and refused."""
    stations = [enroll_in_store(store, f"Door {i}", role="door") for i in range(30)]
    lookups: list[str] = []
    authenticate = store.authenticate

    def counted(token: str) -> Any:
        lookups.append(token)
        return authenticate(token)

    store.authenticate = counted  # a spy: the real lookup still runs
    app = create_app(store=store, key=SigningKey.generate())

    async def test() -> None:
        async with _client(app, {}) as client:
            for st in stations:
                r = await client.get("/api/v1/feed", params={"limit": 1},
                                     headers={"Authorization": f"Bearer {st.token}"})
                assert r.status_code == 200
            assert lookups == []
            for _ in range(3):
                r = await client.get("/api/v1/feed", headers={"Authorization": "Bearer made-up"})
                assert r.status_code == 401
            assert lookups == ["made-up"]

    try:
        _run(test)
    finally:
        del store.authenticate
