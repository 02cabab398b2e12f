"""pretix ``pretix_sig1`` signed tickets, verified offline at a station.

The secrets are made by :func:`venue_app.issuers.sign_sig1`, our own signer of pretix's format
(``reverse(base64(0x01 | u16be(n) | u16be(64) | protobuf Ticket | Ed25519 signature))``) with a fresh
Ed25519 key per test. The format was checked against a real pretix 2026.8.0 (its ``wc13-sig`` event: a
third-party verifier accepted every secret with the key pretix publishes and refused a one-character
tamper); the test below also decodes a secret pretix itself made and re-encodes its payload byte for byte.

The station receives the trusted issuer and the revoked/blocked lists as feed items, as from the registry
(:func:`venue_app.sync.apply.apply_page`), then scans: forged, truncated, other-key, revoked, blocked,
expired secrets are refused in words; a genuine one whose attendee has not arrived is admitted as a
pending check-in (once), and counts for that person when the registry ties the ticket to them.
"""

from __future__ import annotations

import base64
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from tests.conftest import new_station
from venue_app import issuers
from venue_app.issuers import Issuer, check_sig1, looks_like_sig1, parse_sig1, sign_sig1, ticket_serial
from venue_app.registry.protocol import FeedItem, FeedPage
from venue_app.station import Station
from venue_app.sync.apply import apply_page

# a secret made by pretix 2026.8.0 (event wc13-sig of the harness) and the key it published for the event
PRETIX_SECRET = ("=IQyj3jstHcz2D8oN5D4lUpp6cc/TPbnTCgMQAxYCnJkasEYO/VrQTalwREa1MiUUl63BMeSxo8TL/15EMjez1GAwAAKGAR"
                 "dphWQMdHZxFVCKAEARAQA")
PRETIX_KEY = ("LS0tLS1CRUdJTiBQVUJMSUMgS0VZLS0tLS0KTUNvd0JRWURLMlZ3QXlFQUR0aTZPdDZoTlBNbWpaTlRNNXhpcXoyZEkwTTVjNCtt"
              "VzYxYXFHVnFKYUU9Ci0tLS0tRU5EIFBVQkxJQyBLRVktLS0tLQo=")
REF = "pretix:metropolis/wc13-sig"


def raw_key(key: Ed25519PrivateKey) -> str:
    return base64.b64encode(key.public_key().public_bytes(serialization.Encoding.Raw,
                                                          serialization.PublicFormat.Raw)).decode()


class Feed:
    """Feed items to a station as the registry would send them."""

    def __init__(self, station: Station) -> None:
        self.station = station
        self.seq = int(station.replica.get_meta("feed_cursor", 0))

    def send(self, *items: tuple[str, dict[str, Any]]) -> None:
        page = []
        for kind, data in items:
            self.seq += 1
            page.append(FeedItem(seq=self.seq, kind=kind, data=data))
        apply_page(self.station, FeedPage(items=page, next=self.seq, head=self.seq, more=False))


@pytest.fixture
def key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


@pytest.fixture
def desk(tmp_path: Path, key: Ed25519PrivateKey) -> Iterator[tuple[Station, Feed]]:
    st = new_station(tmp_path / "desk")
    feed = Feed(st)
    feed.send(("issuer", {"scheme": "pretix_sig1", "ref": REF, "public_key": issuers.key_text(raw_key(key)),
                          "items": {"1": "DELEGATE", "3": "PRESS"}, "removed_at": None}))
    try:
        yield st, feed
    finally:
        st.close()


def test_pretix_made_secret_decodes_and_our_signer_makes_the_same_bytes() -> None:
    payload, signature = parse_sig1(PRETIX_SECRET)
    assert payload.hex() == "0a09517164774c41686975100628003000" and len(signature) == 64
    ticket = issuers.decode_ticket(payload)
    assert (ticket.seed, ticket.item, ticket.valid_from, ticket.valid_until) == ("QqdwLAhiu", 6, 0, 0)
    mine = sign_sig1(Ed25519PrivateKey.generate(), "QqdwLAhiu", 6, valid_from=0, valid_until=0)
    assert parse_sig1(mine)[0] == payload and len(mine) == len(PRETIX_SECRET) and mine[0] == "="
    raw = issuers.parse_public_key(PRETIX_KEY)
    assert len(base64.b64decode(raw)) == 32 and issuers.key_text(raw) == PRETIX_KEY
    # the signature is pretix's own: it verifies with the key pretix published, and a tamper does not
    assert check_sig1(PRETIX_SECRET, [Issuer("pretix_sig1", REF, raw, {"6": "SPEAKER"})], now=0).category == "SPEAKER"
    tampered = PRETIX_SECRET[:40] + ("B" if PRETIX_SECRET[40] != "B" else "C") + PRETIX_SECRET[41:]
    assert check_sig1(tampered, [Issuer("pretix_sig1", REF, raw)]).status == "invalid"


def test_check_refuses_forged_truncated_other_key_and_out_of_window(key: Ed25519PrivateKey) -> None:
    trusted = [Issuer("pretix_sig1", REF, raw_key(key), {"1": "DELEGATE"})]
    good = sign_sig1(key, "aB3dE5gH7", 1)
    ok = check_sig1(good, trusted)
    assert (ok.status, ok.category, ok.serial) == ("ok", "DELEGATE", ticket_serial(good))
    other = sign_sig1(Ed25519PrivateKey.generate(), "aB3dE5gH7", 1)
    assert "matches no trusted" in check_sig1(other, trusted).reason
    # flip one payload bit: same length, still a well-formed secret, the signature no longer matches
    raw = bytearray(base64.b64decode(good[::-1]))
    raw[8] ^= 0x01
    forged = base64.b64encode(bytes(raw)).decode()[::-1]
    assert check_sig1(forged, trusted).status == "invalid"
    for cut in (1, 4, 30):
        truncated = base64.b64encode(bytes(base64.b64decode(good[::-1]))[:-cut]).decode()[::-1]
        verdict = check_sig1(truncated, trusted)
        assert verdict.status == "invalid" and "truncated" in verdict.reason, (cut, verdict)
    assert "damaged" in check_sig1("!" + good, trusted).reason
    now = time.time()
    early = sign_sig1(key, "early0001", 1, valid_from=int(now) + 3600)
    late = sign_sig1(key, "late00001", 1, valid_from=0, valid_until=int(now) - 60)
    assert "not valid yet" in check_sig1(early, trusted, now=now).reason
    assert "no longer valid" in check_sig1(late, trusted, now=now).reason
    assert not looks_like_sig1("MWC-ZH-001") and not looks_like_sig1("VD1" + "A" * 120 + "Z")
    assert check_sig1(good, []).status == "invalid"


def test_station_admits_a_ticket_before_its_attendee_arrives_once(desk: tuple[Station, Feed],
                                                                  key: Ed25519PrivateKey) -> None:
    station, feed = desk
    secret = sign_sig1(key, "Fresh0001", 1, valid_from=0, valid_until=0)
    first = station.scan(secret + "\r\n")
    assert first.status == "ok" and first.details["category"] == "DELEGATE"
    assert "ticket" in first.message and first.attendee is None
    row = station.replica.one("SELECT payload, outbox FROM log WHERE id = ?", (first.event_id,))
    assert ticket_serial(secret) in row["payload"] and row["outbox"] == 1
    assert station.scan(secret).status == "already_checked_in"
    assert station.status()["checked_in"] == 0  # pending: nobody to count yet
    # the position arrives (code = the secret) and the registry ties the ticket to the attendee
    attendee = {"id": "att-fresh-1", "code": secret, "given_name": "Sara", "family_name": "Ahmed",
                "category": "DELEGATE", "status": "active", "master_hlc": "0000000000001.000000.registry"}
    issued = {"id": "0190a000-0000-7000-8000-000000000001", "hlc": "0000000000002.000000.registry",
              "station_id": "registry", "type": "badge_issued", "operator": "registry", "wall": "", "flags": [],
              "payload": {"serial": ticket_serial(secret), "attendee_id": "att-fresh-1", "category": "DELEGATE",
                          "key_id": "pretix_sig1", "reason": "signed ticket of the registration system"}}
    feed.send(("attendee", attendee), ("station_event", issued))
    assert station.status()["checked_in"] == 1
    again = station.scan(secret)
    assert again.status == "already_checked_in" and again.attendee["given_name"] == "Sara"
    checkin = station.replica.one("SELECT event_id FROM checkins WHERE attendee_id = 'att-fresh-1'")
    assert checkin["event_id"] == first.event_id  # the offline scan itself, attributed


def test_station_refusals_in_words(desk: tuple[Station, Feed], key: Ed25519PrivateKey) -> None:
    station, feed = desk
    revoked, blocked, fine = (sign_sig1(key, s, 1) for s in ("Revoked01", "Blocked01", "Unblock01"))
    feed.send(("issuer_secret", {"secret": revoked, "ref": REF, "state": "revoked", "reason": "regenerated"}),
              ("issuer_secret", {"secret": blocked, "ref": REF, "state": "blocked", "reason": "admin"}),
              ("issuer_secret", {"secret": fine, "ref": REF, "state": "blocked", "reason": "admin"}))
    v = station.scan(revoked)
    assert (v.status, v.color) == ("revoked", "red") and "replaced or cancelled" in v.message
    assert station.scan(blocked).status == "blocked"
    assert station.scan(fine).status == "blocked"
    feed.send(("issuer_secret", {"secret": fine, "ref": REF, "state": "ok", "reason": ""}))
    assert station.scan(fine).status == "ok"
    forged = sign_sig1(Ed25519PrivateKey.generate(), "Forged001", 1)
    v = station.scan(forged)
    assert v.status == "invalid" and "not genuine" in v.message and "matches no trusted" in v.message
    truncated = base64.b64encode(base64.b64decode(sign_sig1(key, "Trunc0001", 1)[::-1])[:-10]).decode()[::-1]
    assert "truncated" in station.scan(truncated).details["reason"]
    # nothing refused left an event; each is in the audit table
    assert station.replica.one("SELECT count(*) FROM log WHERE type = 'checkin'")[0] == 1
    statuses = [r[0] for r in station.replica.query("SELECT status FROM scans ORDER BY rowid")]
    assert statuses == ["revoked", "blocked", "blocked", "invalid", "invalid"]


def test_a_known_attendee_is_judged_by_the_record_and_the_lists(desk: tuple[Station, Feed],
                                                                key: Ed25519PrivateKey) -> None:
    station, feed = desk
    secret = sign_sig1(key, "Known0001", 3)
    feed.send(("attendee", {"id": "att-known", "code": secret, "given_name": "Jin", "family_name": "Park",
                            "category": "PRESS", "status": "cancelled", "master_hlc": "0000000000001.000000.r"}))
    assert station.scan(secret).status == "cancelled"
    feed.send(("attendee", {"id": "att-known", "code": secret, "given_name": "Jin", "family_name": "Park",
                            "category": "PRESS", "status": "active", "master_hlc": "0000000000002.000000.r"}))
    v = station.scan(secret)
    assert v.status == "ok" and v.attendee["id"] == "att-known"
    # a withdrawn key: the station no longer trusts tickets signed with it (a known attendee still scans)
    feed.send(("issuer", {"scheme": "pretix_sig1", "ref": REF, "public_key": issuers.key_text(raw_key(key)),
                          "items": {}, "removed_at": "2026-12-04T01:00:00Z"}))
    assert station.scan(sign_sig1(key, "After0001", 1)).status == "unknown"


def test_a_door_admits_a_pending_ticket_by_its_category(desk: tuple[Station, Feed], key: Ed25519PrivateKey) -> None:
    station, _ = desk
    station.load_program({"rooms": [{"id": "press-room", "name": "Press room", "capacity": 10}],
                          "categories": [{"code": "PRESS", "label": "Press", "rooms": ["press-room"]},
                                         {"code": "DELEGATE", "label": "Delegate", "rooms": []}]})
    v = station.scan(sign_sig1(key, "Door00001", 3), room="press-room")
    assert v.status == "ok" and v.details["count"] == 1 and "PRESS" in v.message
    refused = station.scan(sign_sig1(key, "Door00002", 1), room="press-room")
    assert refused.status == "not_allowed"
