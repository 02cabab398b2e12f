"""Signed pretix tickets (``pretix_sig1``) at an offline station, end to end with a real pretix: the link hands
the event's public key and its revoked secrets to the registry, stations get them through the feed, and a
ticket bought after the station went offline is verified there and admitted; its check-in reaches pretix once
the order and the station are back in touch. The station's verifier is venue_app.issuers."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.venue_app.registry.conftest import make_registry, running_server
from tests.venue_app.registry.link.conftest import Pretix, venue, wait_until
from venue_app.paths import Paths
from venue_app.sync import SyncEngine
from venue_app.sync.enroll import enroll

pytestmark = pytest.mark.pretix


@pytest.fixture
def sig_linked(pretix: Pretix, tmp_path: Path) -> Iterator[tuple[object, object]]:
    registry = make_registry(tmp_path / "registry", f"sqlite:///{tmp_path / 'registry.sqlite3'}")
    venue("registry", "connect", "pretix", "--data", str(registry.root), "--url", pretix.url, "--token", "-",
          "--organizer", pretix.organizer, "--event", pretix.env["PRETIX_SIG_EVENT"], "--checkin-list",
          pretix.env["PRETIX_SIG_CHECKINLIST"], stdin=pretix.token + "\n")
    with running_server(registry) as server:
        wait_until(lambda: json.loads(venue("registry", "link", "status", "--data", str(registry.root), "--json",
                                            check=False).stdout)["full_pull_at"], 60, "the first pull")
        yield server, registry


def test_a_ticket_bought_while_the_door_is_offline_is_admitted_there(pretix: Pretix, sig_linked,
                                                                      tmp_path: Path) -> None:
    server, registry = sig_linked
    event = pretix.env["PRETIX_SIG_EVENT"]
    with registry.store() as store:
        from venue_app.registry.tickets import issuers

        trusted = [i for i in issuers(store) if i["ref"] == f"pretix:{pretix.organizer}/{event}"]
        assert trusted and trusted[0]["scheme"] == "pretix_sig1" and trusted[0]["items"]
    made = json.loads(venue("registry", "enroll", "--data", str(registry.root), "--name", "Door S", "--json").stdout)
    with enroll(Paths(tmp_path / "door"), server.url, f"{made['code']}#{made['pin']}", name="Door S") as station:
        engine = SyncEngine(station)
        try:
            engine.run_once()
            # from here the station is offline: no sync while the ticket is bought and scanned
            with pretix.api(event) as api:
                items = {i["name"]["en"]: i["id"] for i in api.get("/items/").json()["results"]}
                revoked = api.get("/revokedsecrets/").json()["results"][0]["secret"]
            order = pretix.create_order("Ines", "Offline-Sig", item=items["Delegate"], event=event)
            secret = order["positions"][0]["secret"]
            assert len(secret) > 80 and station.attendee(secret) is None  # signed, and unknown to the station
            verdict = station.scan(secret)
            assert verdict.status == "ok", verdict.message
            assert station.scan(revoked).status == "revoked"
            forged = secret[:40] + ("B" if secret[40] != "B" else "C") + secret[41:]
            assert station.scan(forged).status != "ok"
            # back online: the check-in goes up, the order comes down, the check-in reaches pretix
            wait_until(lambda: engine.run_once() and pretix.checkins(secret, event), 40, "the check-in in pretix")
            assert (station.attendee(secret) or {}).get("family_name") == "Offline-Sig"
        finally:
            engine.client.close()
