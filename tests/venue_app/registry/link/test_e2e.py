"""The pretix link end to end, against a real pretix (scripts/pretix/up.sh) and a real ``registry serve``:
an order made in pretix becomes scannable at a station; a scan, a room exit and an undo at a station reach
pretix's check-in list; an order cancelled in pretix is refused at the station; ``registry link status``
says what happened. Nothing is mocked."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.venue_app.registry.conftest import make_registry, running_server
from tests.venue_app.registry.link.conftest import Pretix, venue, wait_until
from venue_app.ops.undo import undo_checkin
from venue_app.paths import Paths
from venue_app.station import Station
from venue_app.sync import SyncEngine
from venue_app.sync.enroll import enroll

pytestmark = pytest.mark.pretix


@pytest.fixture(scope="module")
def linked(pretix: Pretix, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[object, Station, SyncEngine]]:
    """One registry linked to pretix, served, with one enrolled desk, for the module (each test makes its own
    orders in pretix)."""
    tmp_path = tmp_path_factory.mktemp("linked")
    registry = make_registry(tmp_path / "registry", f"sqlite:///{tmp_path / 'registry.sqlite3'}")
    # the token goes in on standard input: it never appears in the process list
    out = venue("registry", "connect", "pretix", "--data", str(registry.root), "--url", pretix.url, "--token", "-",
                "--organizer", pretix.organizer, "--event", pretix.event, "--checkin-list", str(pretix.checkin_list),
                "--json", stdin=pretix.token + "\n")
    assert pretix.token not in out.stdout + out.stderr
    assert json.loads(out.stdout)["checkin_list_name"] == "Main entrance"
    with running_server(registry, quiet=False) as server:
        wait_until(lambda: _status(registry.root)["full_pull_at"], 60, "the first pull from pretix")
        made = json.loads(venue("registry", "enroll", "--data", str(registry.root), "--name", "Desk P",
                                "--json").stdout)
        station = enroll(Paths(tmp_path / "desk"), server.url, f"{made['code']}#{made['pin']}", name="Desk P")
        engine = SyncEngine(station)
        try:
            yield server, station, engine
        finally:
            engine.client.close()
            station.close()
        log = (registry.root / "serve.log").read_text("utf-8")
        assert pretix.token not in log  # never in a log line
        assert "link round failed" not in log


def _status(root: Path) -> dict:
    return json.loads(venue("registry", "link", "status", "--data", str(root), "--json", check=False).stdout)


def _scan_when_there(station: Station, engine: SyncEngine, secret: str, what: str) -> object:
    def there() -> object:
        engine.run_once()
        found = station.attendee(secret)
        return found
    return wait_until(there, 30, what)


def test_order_in_pretix_scannable_at_a_station_and_checkins_go_back(pretix: Pretix, linked) -> None:
    server, station, engine = linked
    root = server.registry.root
    status = _status(root)
    assert status["state"] == "ok" and status["last_error"] is None and status["source"].startswith("pretix:")
    assert status["last_changed"] >= 0 and station.status()["attendees"] >= 200  # the seeded event came in
    order = pretix.create_order("Aiko", "Link-Test")
    secret = order["positions"][0]["secret"]
    person = _scan_when_there(station, engine, secret, "the new pretix order at the station")
    assert person["given_name"] == "Aiko" and person["family_name"] == "Link-Test"
    assert person["category"] == "DELEGATE" and person["status"] == "active"

    verdict = station.scan(secret)
    assert verdict.status == "ok", verdict.message
    engine.run_once()  # pushed to the registry; the link sends it to pretix
    checkins = wait_until(lambda: pretix.checkins(secret), 20, "the check-in in pretix")
    assert len(checkins) == 1 and checkins[0]["list"] == pretix.checkin_list and checkins[0]["type"] == "entry"

    # an undo at the station annuls it in pretix (the check-in stays in pretix's log, no longer successful)
    undo_checkin(station, verdict.event_id, reason="wrong person")
    engine.run_once()
    wait_until(lambda: not pretix.checkins(secret), 20, "pretix annulling the check-in")
    back = wait_until(lambda: _status(root)["outbound"]["sent"] >= 2 and _status(root), 20, "both sent")
    assert back["outbound"]["pending"] == 0 and back["outbound"]["refused"] == 0
    # our own check-in, read back by the pulls while it stood, was recognised: not brought in again as pretix's
    with server.registry.store() as store:
        assert [e for e in store.table_rows("log") if person["id"] in e["payload"]
                and e["station_id"] != station.station_id] == []


def test_a_scan_at_pretixs_own_scanner_counts_at_our_stations(pretix: Pretix, linked) -> None:
    _, station, engine = linked
    order = pretix.create_order("Hana", "Scanner-Test", item=2)
    secret = order["positions"][0]["secret"]
    person = _scan_when_there(station, engine, secret, "the new order at the station")
    pretix.scan_at_pretix(secret)  # admitted at a pretix scanner at another entrance

    def checked_in() -> object:
        engine.run_once()
        return station.replica.one("SELECT station_id FROM checkins WHERE attendee_id = ?", (person["id"],))

    wait_until(checked_in, 30, "pretix's check-in reaching the station")
    verdict = station.scan(secret)
    assert verdict.status == "already_checked_in" and "pretix" in verdict.message, verdict.message
    assert len(pretix.checkins(secret)) == 1  # and nothing went back to pretix a second time


def test_cancelled_in_pretix_is_refused_at_the_station(pretix: Pretix, linked) -> None:
    _, station, engine = linked
    order = pretix.create_order("Bruno", "Cancel-Test", item=3)
    secret = order["positions"][0]["secret"]
    person = _scan_when_there(station, engine, secret, "the new order at the station")
    assert person["category"] == "PRESS"
    pretix.cancel(order["code"])

    def cancelled() -> bool:
        engine.run_once()
        return (station.attendee(secret) or {}).get("status") == "cancelled"

    wait_until(cancelled, 30, "the cancellation reaching the station")
    verdict = station.scan(secret)
    assert verdict.status == "cancelled", verdict.message


def test_unpaid_order_is_blocked_until_paid(pretix: Pretix, linked) -> None:
    _, station, engine = linked
    order = pretix.create_order("Chen", "Pending-Test", status="n")
    secret = order["positions"][0]["secret"]
    person = _scan_when_there(station, engine, secret, "the pending order at the station")
    assert person["status"] == "blocked"
    assert station.scan(secret).status == "blocked"
    with pretix.api() as api:
        assert api.post(f"/orders/{order['code']}/mark_paid/", json={"send_email": False}).status_code == 200

    def active() -> bool:
        engine.run_once()
        return (station.attendee(secret) or {}).get("status") == "active"

    wait_until(active, 30, "the payment reaching the station")
    assert station.scan(secret).status == "ok"
