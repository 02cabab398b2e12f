"""The check-in engine: every verdict of the vocabulary, overrides, and hostile input."""

from __future__ import annotations

import os
import time
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from venue_app.errors import ConfigError
from venue_app.keys import SigningKey
from venue_app.station import Station
from venue_app.tokens import BadgeClaims, encode_token, new_serial
from venue_app.verdicts import STATUSES


def test_plain_code_checks_in_durably(station: Station) -> None:
    v = station.scan("mwc-zh-001\r\n")
    assert (v.status, v.color) == ("ok", "green")
    assert v.attendee is not None and v.attendee["native_name"] == "王伟"
    assert "Wang Wei" in v.message  # family-first name order
    row = station.replica.one("SELECT type, outbox FROM log WHERE id = ?", (v.event_id,))
    assert tuple(row) == ("checkin", 1)
    assert station.status()["checked_in"] == 1


def test_second_scan_says_when_and_where(station: Station) -> None:
    station.scan("MWC-ES-002")
    v = station.scan("MWC-ES-002")
    assert (v.status, v.color) == ("already_checked_in", "amber")
    assert "Desk A" in v.message and v.details["station"] == "Desk A"
    assert v.event_id is None
    assert station.status()["checked_in"] == 1


@pytest.mark.parametrize(("code", "status"), [("MWC-AR-004", "cancelled"), ("MWC-KR-005", "blocked"),
                                              ("NOPE-123", "unknown")])
def test_refusals(station: Station, code: str, status: str) -> None:
    v = station.scan(code)
    assert v.status == status and v.color == "red" and v.event_id is None
    assert station.status()["checked_in"] == 0


def test_signed_badge_checks_in_and_reprint_revokes(station: Station) -> None:
    first = station.issue_badge("MWC-RU-003")
    second = station.issue_badge("MWC-RU-003", reason="lost")
    old = station.scan(first.token)
    assert old.status == "revoked" and old.attendee is not None
    assert station.scan(second.token).status == "ok"
    assert station.scan(second.token).status == "already_checked_in"
    badges = station.badges(old.attendee["id"])
    assert [b["revoked_reason"] for b in badges] == ["lost", None]


def test_foreign_and_forged_tokens(station: Station) -> None:
    key = SigningKey.generate()
    other_event = encode_token(BadgeClaims("deadbeef", new_serial(), "VIP", key.key_id), key)
    assert station.scan(other_event).status == "wrong_event"
    unknown_issuer = encode_token(BadgeClaims(station.event["tag"], new_serial(), "VIP", key.key_id), key)
    assert station.scan(unknown_issuer).status == "untrusted_issuer"
    token = station.issue_badge("MWC-ES-002").token
    assert station.scan(token[:-9]).status == "invalid"
    assert station.scan(token + "AAAA").status == "invalid"


def test_badge_made_elsewhere_is_admitted_before_its_issue_arrives(station: Station) -> None:
    # another trusted station signed a walk-in badge we have not synced yet
    key = SigningKey.generate()
    with station.replica.transaction() as conn:
        conn.execute("INSERT INTO keys(key_id, public_key, owner, kind) VALUES (?, ?, 'desk-b', 'station')",
                     (key.key_id, key.public.text))
    station.keys_changed()
    serial = new_serial()
    token = encode_token(BadgeClaims(station.event["tag"], serial, "WALKIN", key.key_id), key)
    v = station.scan(token)
    assert v.status == "ok" and v.attendee is None and v.details["category"] == "WALKIN"
    assert station.scan(token).status == "already_checked_in"
    # the issue arrives with sync: the pending check-in attaches to the person
    walkin = {"id": "walkin-1", "given_name": "Ana", "family_name": "Lima", "category": "WALKIN"}
    station.record("attendee_created", {"attendee": walkin})
    station.record("badge_issued", {"serial": serial, "attendee_id": "walkin-1", "category": "WALKIN",
                                    "key_id": key.key_id, "token": token, "supersedes": []})
    assert station.replica.one("SELECT attendee_id FROM checkins WHERE attendee_id = 'walkin-1'") is not None
    assert station.rebuild(fix=False).clean


def test_supervisor_override_is_its_own_event(station: Station) -> None:
    attendee = station.attendee("MWC-KR-005")
    assert attendee is not None
    with pytest.raises(ConfigError):
        station.override(attendee["id"], reason=" ", operator="Li Na")
    station.override(attendee["id"], reason="cleared by protocol office", operator="Li Na")
    types = [r["type"] for r in station.replica.query("SELECT type FROM log ORDER BY hlc")]
    assert types == ["override", "checkin"]
    override = station.replica.one("SELECT operator, payload FROM log WHERE type = 'override'")
    assert override["operator"] == "Li Na" and "protocol office" in override["payload"]
    assert station.scan("MWC-KR-005").status == "blocked"  # the person is still blocked for others


def test_hostile_payloads_get_verdicts(station: Station) -> None:
    token = station.issue_badge("MWC-ES-002").token
    hostile: list[Any] = [
        os.urandom(64), b"\xff\xfe\xfa", "x" * 100_000, b"A" * 100_000,
        "'; DROP TABLE attendees; --", "MWC-ZH-001' OR '1'='1", "%", "_", "\x00\x01\x02",
        "VD1" + "Z" * 200, token[:3] + "!" * 140, "🙂🙂🙂", "]Q1", "\r\n",
    ]
    for payload in hostile:
        t0 = time.perf_counter()
        v = station.scan(payload)
        assert v.status in ("invalid", "unknown"), (payload, v)
        assert time.perf_counter() - t0 < 1.0
    assert station.status()["attendees"] == 5
    assert station.scan("MWC-ZH-001").status == "ok"  # and the station keeps working


@pytest.fixture(scope="module")
def fuzz_station(tmp_path_factory: pytest.TempPathFactory, station_factory: Any) -> Any:
    st = station_factory(tmp_path_factory.mktemp("fuzz"))
    yield st
    st.close()


@settings(max_examples=10_000, database=None)
@given(st.one_of(st.binary(max_size=300), st.text(max_size=300),
                 st.text(alphabet="VD1ABCDEFGHIJKLMNOPQRSTUVWXYZ234567=", min_size=20, max_size=200)
                 .map(lambda s: "VD1" + s)))
def test_fuzz_ten_thousand_payloads(fuzz_station: Station, payload: str | bytes) -> None:
    v = fuzz_station.scan(payload)
    assert v.status in STATUSES
    assert v.status in ("invalid", "unknown", "ok", "already_checked_in", "cancelled", "blocked")




def test_a_voided_checkin_stops_counting_and_stays_in_the_log(station: Station) -> None:
    first = station.scan("MWC-ES-002")
    station.void_checkin(first.event_id, operator="Ana", reason="wrong person")
    assert station.status()["checked_in"] == 0
    again = station.scan("MWC-ES-002")
    assert again.status == "ok"  # the person can be checked in for real now
    assert {r["type"] for r in station.replica.query("SELECT type FROM log")} == {"checkin", "checkin_voided"}
    assert station.rebuild(fix=False).clean
    with pytest.raises(ConfigError):
        station.void_checkin("no-such-event")
