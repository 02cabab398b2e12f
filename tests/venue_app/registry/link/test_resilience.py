"""The link when pretix misbehaves, against a real pretix behind a fault-injecting proxy (real sockets):
down, slow, HTTP 502, garbage, a wrong-shaped answer, a revoked token, a page changing under a pull. The
registry keeps answering, the check-in waiting to be sent stays queued (and is sent once pretix is back),
and ``status`` says what is wrong in words. The link's clock is the test's, so backoff is skipped, not
slept through."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from faultproxy import FaultProxy

from tests.venue_app.registry.conftest import database, enroll_in_store, make_registry
from tests.venue_app.registry.link.conftest import Pretix, wait_until
from venue_app.registry.link import Link, connect, link_summary, status, token_file
from venue_app.registry.link.pretix import PretixClient
from venue_app.registry.store import Store

pytestmark = pytest.mark.pretix


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def proxy(pretix: Pretix) -> Iterator[FaultProxy]:
    p = FaultProxy(int(pretix.url.rsplit(":", 1)[1]))
    yield p
    p.close()


@pytest.fixture
def setup(pretix: Pretix, proxy: FaultProxy, tmp_path: Path,
          request: pytest.FixtureRequest) -> Iterator[tuple[Store, Link, Clock, Path]]:
    # SQLite; PostgreSQL too for the tests that ask for the `backend` fixture (when a server is reachable)
    backend = request.getfixturevalue("backend") if "backend" in request.fixturenames else "sqlite"
    with database(backend, tmp_path / "db") as url:
        yield from _linked(pretix, proxy, tmp_path, url)


def _linked(pretix: Pretix, proxy: FaultProxy, tmp_path: Path, url: str) -> Iterator[tuple[Store, Link, Clock, Path]]:
    registry = make_registry(tmp_path / "registry", url, program=False)
    store = registry.store()
    clock = Clock()
    link = Link(store, registry.root, clock=clock)
    try:
        connect(store, registry.root, url=proxy.url, token=pretix.token, organizer=pretix.organizer,
                event=pretix.event, checkin_list=pretix.checkin_list)
        first = link.round(force_pull=True)
        assert first["pull"]["full"] and first["pull"]["positions"] >= 200, first
        yield store, link, clock, registry.root
    finally:
        link.close()
        store.close()


def _checkin(store: Store, secret: str) -> str:
    """A check-in of the attendee with this code, pushed by a station; returns its event id."""
    station = enroll_in_store(store, "Door")
    attendee = store.attendee(secret)
    assert attendee is not None
    ev = station.event("checkin", {"attendee_id": attendee["id"]})
    assert store.ingest(station.id, [ev]).accepted == 1
    return str(ev["id"])


def _retry_now(link: Link, clock: Clock) -> dict[str, Any]:
    clock.now += 120  # past any backoff
    return link.round(force_pull=True)


def test_pretix_down_slow_broken_then_back_loses_no_checkin(pretix: Pretix, proxy: FaultProxy, backend: str,
                                                            setup) -> None:
    store, link, clock, _ = setup
    order = pretix.create_order("Dana", "Outage-Test")
    secret = order["positions"][0]["secret"]
    assert link.round(force_pull=True)["pull"]["changed"] >= 1
    _checkin(store, secret)
    for mode, words in (("drop", "cannot reach pretix"), ("502", "HTTP 502"), ("garbage", "not JSON"),
                        ("wrongshape", "but not `ok`")):
        proxy.set(mode)
        out = _retry_now(link, clock)
        assert words in out["error"], (mode, out)
        now = status(store, now=clock())
        assert now["state"] == "failing" and words in now["words"] and now["error_since"]
        assert now["outbound"]["pending"] == 1 and now["outbound"]["sent"] == 0
        assert store.summary()["attendees"] >= 200  # the registry itself keeps answering
        assert words in link_summary(store)["words"]  # and its summary (CLI, admin API) says what is wrong
    assert pretix.checkins(secret) == []  # nothing reached pretix while it was away
    proxy.delay_s = 0.2
    proxy.set("delay")  # slow, but answering
    out = _retry_now(link, clock)
    assert "error" not in out and out["sent"] == {"sent": 1, "refused": 0}, out
    assert len(pretix.checkins(secret)) == 1
    back = status(store, now=clock())
    assert back["state"] == "ok" and back["last_error"] is None and back["failures"] == 0
    assert back["outbound"] == {**back["outbound"], "pending": 0, "sent": 1}


def test_a_revoked_token_is_said_in_words_and_a_new_one_resumes(pretix: Pretix, setup) -> None:
    store, link, clock, root = setup
    order = pretix.create_order("Emil", "Token-Test")
    secret = order["positions"][0]["secret"]
    link.round(force_pull=True)
    token_file(root).write_text("x" * 64 + "\n", "utf-8")  # what pretix says of a revoked token is the same
    _checkin(store, secret)
    out = _retry_now(link, clock)
    assert "refused the API token" in out["error"]
    now = status(store, now=clock())
    assert "refused the API token" in now["words"] and now["outbound"]["pending"] == 1
    token_file(root).write_text(pretix.token + "\n", "utf-8")  # `registry connect` with a new token does this
    out = _retry_now(link, clock)
    assert "error" not in out and out["sent"]["sent"] == 1
    assert len(pretix.checkins(secret)) == 1


def test_refusals_come_back_in_words(pretix: Pretix, setup) -> None:
    store, link, clock, _ = setup
    order = pretix.create_order("Farid", "Refusal-Test")
    position = order["positions"][0]
    link.round(force_pull=True)
    # the ticket's code is replaced in pretix before our check-in with the old code reaches it (a check-in
    # admitted at a station is sent with force: true, which pretix takes even for a cancelled order; an
    # unknown code it still refuses)
    with pretix.api() as api:
        assert api.post(f"/orderpositions/{position['id']}/regenerate_secrets/").status_code == 200
    _checkin(store, position["secret"])
    out = _retry_now(link, clock)
    assert out["sent"] == {"sent": 0, "refused": 1}, out
    now = status(store, now=clock())
    assert now["outbound"]["refusals"][0]["last_error"] in (
        "pretix does not know this ticket (or its position was cancelled)", "the ticket's code was replaced in pretix")
    assert now["state"] == "ok" and now["outbound"]["pending"] == 0  # a refusal does not stop the queue
    # the same round's pull brought the new code: the attendee scans with it from now on, not with the old one
    with pretix.api() as api:
        new_secret = api.get(f"/orderpositions/{position['id']}/").json()["secret"]
    assert new_secret != position["secret"]
    assert store.attendee(position["secret"]) is None
    assert (store.attendee(new_secret) or {}).get("family_name") == "Refusal-Test"


def test_an_order_made_while_a_pull_pages_arrives_with_the_next_pull(pretix: Pretix, setup) -> None:
    store, link, clock, _ = setup
    made: list[dict[str, Any]] = []
    original = PretixClient.pages

    def paging(self: PretixClient, path: str, params: dict[str, Any] | None = None):  # type: ignore[no-untyped-def]
        for number, page in enumerate(original(self, path, params)):
            yield page
            if path.endswith("/orders/") and number == 0 and not made:
                made.append(pretix.create_order("Gül", "Mid-Pull"))  # pretix changes under the pull

    # a full pull again (a new link to the same event), paging through every order
    from venue_app.registry.link.core import LINK
    from venue_app.registry.store import link_state_t

    with store.write() as tx:
        tx.conn.execute(link_state_t.update().where(link_state_t.c.name == LINK).values(modified_since="",
                                                                                         full_pull_at=""))
    PretixClient.pages = paging  # type: ignore[method-assign]
    try:
        link.round(force_pull=True)
    finally:
        PretixClient.pages = original  # type: ignore[method-assign]
    secret = made[0]["positions"][0]["secret"]
    clock.now += 5
    wait_until(lambda: link.round(force_pull=True) and store.attendee(secret), 10, "the order made mid-pull")


def test_connect_refuses_in_words_and_stores_nothing(pretix: Pretix, tmp_path: Path) -> None:
    from venue_app.registry.errors import InvalidInput

    registry = make_registry(tmp_path / "registry", f"sqlite:///{tmp_path / 'registry.sqlite3'}", program=False)
    with registry.store() as store:
        cases = [({"token": "y" * 64}, "refused the API token"),
                 ({"event": "no-such-event"}, "may not exist"),
                 ({"checkin_list": 999}, "has no check-in list 999; it has: 1 (Main entrance)"),
                 ({"url": "ftp://127.0.0.1"}, "not an http(s) URL"),
                 ({"url": "http://127.0.0.1:9"}, "cannot reach pretix")]
        for change, words in cases:
            args = {"url": pretix.url, "token": pretix.token, "organizer": pretix.organizer, "event": pretix.event,
                    **change}
            with pytest.raises(InvalidInput, match=words.replace("(", r"\(").replace(")", r"\)")):
                connect(store, registry.root, **args)
            assert not token_file(registry.root).exists() and status(store)["linked"] is False


def test_a_block_set_and_lifted_in_pretix_follows(pretix: Pretix, setup) -> None:
    store, link, clock, _ = setup
    order = pretix.create_order("Ivo", "Block-Test")
    position = order["positions"][0]
    link.round(force_pull=True)
    assert store.attendee(position["secret"])["status"] == "active"
    with pretix.api() as api:
        assert api.post(f"/orderpositions/{position['id']}/add_block/", json={"name": "admin"}).status_code == 200
    clock.now += 5
    link.round(force_pull=True)
    assert store.attendee(position["secret"])["status"] == "blocked"
    with pretix.api() as api:
        assert api.post(f"/orderpositions/{position['id']}/remove_block/", json={"name": "admin"}).status_code == 200
    clock.now += 5
    link.round(force_pull=True)
    assert store.attendee(position["secret"])["status"] == "active"
