"""pretix signed tickets end to end through a real registry (HTTPS; SQLite and PostgreSQL) and a real station.

The registry trusts the event's key (``registry issuer add pretix-sig1 --key FILE``, the file as pretix
publishes the key) and hands it to the station through the feed. The station, cut off, admits two tickets
whose positions it has never seen; one check-in reaches the registry before its position, the other
position reaches the registry first (the upsert API, as the pretix pull sends it). Either way each ends as
one check-in of the right person, made at the station that scanned, on the registry and on the station.
A secret revoked at the registry is refused at the station after its next sync; a forged one always.
The secrets come from our own signer of pretix's format (see tests/venue_app/test_issuers.py).
"""

from __future__ import annotations

import base64
import json
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from tests.venue_app.registry.conftest import Server, enrolled_station, python_cmd, sync_once
from venue_app.issuers import key_text, sign_sig1
from venue_app.station import Station
from venue_app.sync import SyncEngine

REF = "pretix:metropolis/wc13-sig"
SOURCE = "pretix:metropolis/wc13-sig"


def cli(*args: str) -> dict[str, Any]:
    done = subprocess.run(python_cmd(*args, "--json"), capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1])


@pytest.fixture(scope="module")
def key(module_server: Server, tmp_path_factory: pytest.TempPathFactory) -> Ed25519PrivateKey:
    key = Ed25519PrivateKey.generate()
    raw = base64.b64encode(key.public_key().public_bytes(serialization.Encoding.Raw,
                                                         serialization.PublicFormat.Raw)).decode()
    path = tmp_path_factory.mktemp("pretix-key") / "wc13-sig.key"
    path.write_text(key_text(raw))  # what GET …/events/wc13-sig/ gives as valid_keys.pretix_sig1[0]
    made = cli("registry", "issuer", "add", "pretix-sig1", "--data", str(module_server.registry.root), "--ref", REF,
               "--key", str(path), "--item", "1=delegate", "--item", "3=press")
    assert [(i["public_key"], i["items"]) for i in made["issuers"]] == [(raw, {"1": "delegate", "3": "press"})]
    return key


@pytest.fixture(scope="module")
def door(module_server: Server, key: Ed25519PrivateKey, tmp_path_factory: pytest.TempPathFactory
         ) -> Iterator[Station]:
    st = enrolled_station(module_server, "Sig desk", tmp_path_factory.mktemp("sig-desk"))
    try:
        yield st
    finally:
        st.close()


def sync_until(station: Station, sql: str, timeout: float = 20.0) -> None:
    """Sync until ``sql`` finds a row: a write by another process (the CLI) reaches the running server's
    feed with its next database poll, not at once."""
    deadline = time.monotonic() + timeout
    engine = SyncEngine(station)
    try:
        engine.run_once()
        while station.replica.one(sql) is None:
            assert time.monotonic() < deadline, f"not synced within {timeout} s: {sql}"
            engine.pull_once(wait=2.0)  # a long-poll: the server looks at the database while it waits
    finally:
        engine.client.close()


def upsert(server: Server, records: list[dict[str, Any]]) -> dict[str, Any]:
    with server.admin() as client:
        r = client.post("/api/v1/admin/attendees", json={"source": SOURCE, "records": records})
    assert r.status_code == 200, r.text
    return r.json()


def summary(server: Server) -> dict[str, Any]:
    with server.admin() as client:
        return client.get("/api/v1/admin/summary").json()


def test_offline_tickets_count_once_for_their_person_whichever_arrives_first(
        module_server: Server, key: Ed25519PrivateKey, door: Station) -> None:
    sync_until(door, "SELECT 1 FROM issuers")  # the trusted key (added by the CLI) arrives with the feed
    assert door.replica.one("SELECT count(*) FROM issuers")[0] == 1
    early, late = sign_sig1(key, "EarlyScan", 1), sign_sig1(key, "LateScan1", 3)
    # cut off from the registry: tickets sold a minute ago, positions unknown here
    first = door.scan(early)
    assert first.status == "ok" and first.details["category"] == "delegate"
    before = summary(module_server)["checked_in"]
    sync_once(door)  # the pending check-in reaches the registry before the position
    assert summary(module_server)["checked_in"] == before
    made = upsert(module_server, [
        {"external_id": "101", "code": early, "given_name": "Aiko", "family_name": "Tanaka", "category": "delegate"},
        {"external_id": "102", "code": late, "given_name": "Omar", "family_name": "Haddad", "category": "press"}])
    assert made["created"] == 2
    assert summary(module_server)["checked_in"] == before + 1  # tied at once: the registry had the check-in
    second = door.scan(late)  # still offline: the position reached the registry, not this station
    assert second.status == "ok" and second.attendee is None
    sync_once(door)  # pushed after the position: tied when it arrives; the station pulls both people
    after = summary(module_server)
    assert after["checked_in"] == before + 2 and after["conflict_count"] == 0
    assert after["checkins_by_station"].get("Sig desk") == 2
    rows = {r["given_name"]: r["event_id"] for r in door.replica.query(
        "SELECT a.given_name, c.event_id FROM checkins c JOIN attendees a ON a.id = c.attendee_id"
        " WHERE a.given_name IN ('Aiko', 'Omar')")}
    assert rows == {"Aiko": first.event_id, "Omar": second.event_id}
    assert door.replica.one("SELECT count(*) FROM pending_checkins")[0] == 0
    # the tickets are not printed badges: none counts as a valid one (the badge history shows why)
    assert [tuple(r) for r in door.replica.query("SELECT revoked_hlc IS NOT NULL, revoked_reason FROM badges"
                                                 " WHERE serial LIKE 'pretix:%'")] == \
        [(1, "a signed ticket of the registration system, not a printed badge")] * 2
    again = door.scan(early)
    assert again.status == "already_checked_in" and again.attendee["given_name"] == "Aiko"
    # the same positions sent again change nothing, and tie nothing twice
    assert upsert(module_server, [{"external_id": "101", "code": early}])["unchanged"] == 1
    assert summary(module_server)["events"] == after["events"]


def test_revoked_and_forged_secrets_are_refused_at_the_station(module_server: Server, key: Ed25519PrivateKey,
                                                               door: Station) -> None:
    old = sign_sig1(key, "Replaced1", 1)
    changed = cli("registry", "issuer", "secret", "--data", str(module_server.registry.root), "--ref", REF,
                  "--state", "revoked", "--reason", "regenerated in pretix", "--secret", old)
    assert changed["changed"] == 1
    sync_until(door, "SELECT 1 FROM issuer_secrets WHERE state = 'revoked'")
    v = door.scan(old)
    assert v.status == "revoked" and v.details["reason"] == "regenerated in pretix"
    forged = sign_sig1(Ed25519PrivateKey.generate(), "Forged001", 1)
    assert door.scan(forged).status == "invalid"
    listed = cli("registry", "issuer", "list", "--data", str(module_server.registry.root))
    assert [i["ref"] for i in listed["issuers"]] == [REF]


def test_issuer_cli_refuses_bad_keys_in_words(module_server: Server, tmp_path: Path) -> None:
    bad = tmp_path / "bad.key"
    bad.write_text("not a key at all")
    done = subprocess.run(python_cmd("registry", "issuer", "add", "pretix-sig1", "--data",
                                     str(module_server.registry.root), "--ref", "pretix:x/y", "--key", str(bad)),
                          capture_output=True, text=True, timeout=120)
    assert done.returncode != 0 and "not an Ed25519 public key" in done.stderr


def test_two_offline_desks_admitting_one_ticket_make_one_checkin_and_a_conflict(registry: Any) -> None:
    """pretixSCAN's known weakness, here reported: the same ticket admitted at two desks that could not see
    each other counts once (the earliest) and shows up as a conflict once the position arrives."""
    from tests.venue_app.registry.conftest import enroll_in_store
    from venue_app.issuers import ticket_serial

    key = Ed25519PrivateKey.generate()
    secret = sign_sig1(key, "TwoDesks1", 1)
    serial = ticket_serial(secret)
    with registry.store() as store:
        a, b = enroll_in_store(store, "Desk A"), enroll_in_store(store, "Desk B")
        first = a.event("checkin", {"badge_serial": serial, "category": "delegate"})
        second = b.event("checkin", {"badge_serial": serial, "category": "delegate"})
        assert store.ingest(a.id, [first]).accepted == 1 and store.ingest(b.id, [second]).accepted == 1
        assert store.summary()["checked_in"] == 0
        made = store.upsert_attendees(SOURCE, [{"external_id": "7", "code": secret, "given_name": "Lea"}], who="t")
        summary = store.summary()
        assert summary["checked_in"] == 1 and summary["conflict_count"] == 1
        [row] = [r for r in store.table_rows("checkins") if r["attendee_id"] == made.results[0].attendee_id]
        earliest = min((first, second), key=lambda e: e["hlc"])
        assert row["event_id"] == earliest["id"] and row["count"] == 2


def test_a_rotated_key_is_withdrawn_everywhere(registry: Any) -> None:
    keys = [base64.b64encode(Ed25519PrivateKey.generate().public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw)).decode() for _ in range(2)]
    with registry.store() as store:
        start = store.head()
        store.set_trusted_issuer("pretix_sig1", REF, [key_text(keys[0])], {"1": "delegate"})
        assert store.set_trusted_issuer("pretix_sig1", REF, [keys[0]], {"1": "delegate"})[0]["removed_at"] is None
        assert store.head() == start + 1  # the same key again (spelled as raw base64): nothing new
        now = store.set_trusted_issuer("pretix_sig1", REF, [keys[1]])
        assert {(i["public_key"], i["removed_at"] is None) for i in now} == {(keys[0], False), (keys[1], True)}
        assert now[[i["public_key"] for i in now].index(keys[1])]["items"] == {}
        items, _ = store.feed_page(start, 10)
        assert [k for _, k, _ in items] == ["issuer", "issuer", "issuer"]
        with pytest.raises(Exception, match="not an Ed25519 public key"):
            store.set_trusted_issuer("pretix_sig1", REF, ["nope"])
