"""Badges (venue_app.ops.badges): the first badge needs no reason, a reprint does and revokes the
valid ones; revoking at once (the desk's reprint, before the new badge prints) needs a reason; the
print outcome is an audit event. The CLI's ``badge issue`` is the same operation."""

from __future__ import annotations

import json
from typing import Any

import pytest

from venue_app.errors import ConfigError
from venue_app.events import InvalidEvent
from venue_app.ops import InvalidInput
from venue_app.ops.badges import issue_badge, record_print_outcome, revoke_badges, valid_serials
from venue_app.paths import Paths
from venue_app.station import Station
from venue_desk.cli import main


def _logged(station: Any) -> int:
    return int(station.replica.one("SELECT count(*) FROM log")[0])


def test_a_reprint_needs_a_reason_and_revokes_the_old_badge(station: Any) -> None:
    first = issue_badge(station, "MWC-RU-003")  # the first badge: no reason needed
    assert valid_serials(station, first.attendee_id) == [first.serial]
    before = _logged(station)
    with pytest.raises(InvalidInput, match="a reprint needs a reason") as refused:
        issue_badge(station, "MWC-RU-003", reason="  ")
    assert [p.code for p in refused.value.problems] == ["badge_reason_missing"] and _logged(station) == before
    second = issue_badge(station, "mwc-ru-003", reason=" lost ", operator="desk-anna")
    assert valid_serials(station, first.attendee_id) == [second.serial]
    assert station.scan(first.token).status == "revoked" and station.scan(second.token).status == "ok"
    row = station.replica.one("SELECT operator, payload FROM log WHERE type = 'badge_issued' ORDER BY hlc DESC")
    payload = json.loads(row["payload"])
    assert (row["operator"], payload["reason"], payload["supersedes"]) == ("desk-anna", "lost", [first.serial])
    with pytest.raises(ConfigError, match="no attendee with id or code 'NOBODY'"):
        issue_badge(station, "NOBODY")


def test_revoking_now_needs_a_reason_and_stops_every_valid_badge(station: Any) -> None:
    wei = station.attendee("MWC-ZH-001")
    assert revoke_badges(station, wei["id"], reason="lost") == []  # nothing to revoke: nothing written
    assert _logged(station) == 0
    a = station.issue_badge(wei["id"])
    b = station.new_badge(wei["id"])
    station.record_badge(b)  # a reprint: a is superseded by b
    with pytest.raises(InvalidInput, match="revoking a badge needs a reason"):
        revoke_badges(station, wei["id"], reason=" ")
    assert valid_serials(station, wei["id"]) == [b.serial]
    assert revoke_badges(station, "mwc-zh-001", reason="  stolen  ", operator="desk-anna") == [b.serial]
    assert valid_serials(station, wei["id"]) == []
    assert station.scan(a.token).status == station.scan(b.token).status == "revoked"
    row = station.replica.one("SELECT operator, payload FROM log WHERE type = 'badge_revoked'")
    assert row["operator"] == "desk-anna"
    assert json.loads(row["payload"]) == {"serial": b.serial, "attendee_id": wei["id"], "reason": "stolen"}
    with pytest.raises(ConfigError, match="no attendee"):
        revoke_badges(station, "NOBODY", reason="lost")


def test_a_print_outcome_is_an_audit_event_and_a_malformed_one_is_refused(station: Any) -> None:
    wei = station.attendee("MWC-ZH-001")
    event_id = record_print_outcome(station, {"job_id": "job-1", "attendee_id": wei["id"], "outcome": "failed",
                                              "reason": "paper out"}, operator="desk-anna")
    row = station.replica.one("SELECT type, operator, payload FROM log WHERE id = ?", (event_id,))
    assert (row["type"], row["operator"], json.loads(row["payload"])["reason"]) == ("print_job", "desk-anna",
                                                                                   "paper out")
    with pytest.raises(InvalidEvent):
        record_print_outcome(station, {"job_id": "job-2"})  # no outcome
    assert _logged(station) == 1


def test_the_cli_reprints_only_with_a_reason(tmp_path: Any, station_factory: Any,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    station_factory(tmp_path / "cli").close()
    folder = str(tmp_path / "cli")
    assert main(["badge", "issue", "--data", folder, "--attendee", "MWC-ES-002", "--json"]) == 0
    first = json.loads(capsys.readouterr().out)
    assert main(["badge", "issue", "--data", folder, "--attendee", "MWC-ES-002"]) == 2
    assert "no badge changed: reason: a reprint needs a reason (lost, damaged…)" in capsys.readouterr().err
    assert main(["badge", "issue", "--data", folder, "--attendee", "MWC-ES-002", "--reason", "damaged",
                 "--json"]) == 0
    second = json.loads(capsys.readouterr().out)
    with Station.open(Paths(tmp_path / "cli")) as st:
        assert valid_serials(st, first["attendee_id"]) == [second["serial"]]
