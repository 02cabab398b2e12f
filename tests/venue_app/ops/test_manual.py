"""Check-in by hand (venue_app.ops.manual): the check-in engine's own refusals, recorded once; the
CLI's ``station checkin`` is the same operation."""

from __future__ import annotations

import json
from typing import Any

import pytest

from venue_app.errors import ConfigError
from venue_app.ops import check_in_by_hand
from venue_app.paths import Paths
from venue_app.station import Station
from venue_desk.cli import main


def test_by_hand_follows_the_rules_of_a_scan(station: Any) -> None:
    wei = station.attendee("MWC-ZH-001")
    first = check_in_by_hand(station, wei["id"], operator="desk-anna")
    assert (first.status, first.message) == ("ok", "Checked in by hand.")
    row = station.replica.one("SELECT operator, payload FROM log WHERE id = ?", (first.event_id,))
    assert row["operator"] == "desk-anna"
    assert json.loads(row["payload"]) == {"attendee_id": wei["id"], "manual": True}
    # twice by hand, or a scan after: "already checked in" with where, and no second event
    again = check_in_by_hand(station, wei["id"])
    assert again.status == "already_checked_in" and again.event_id is None and "Desk A" in again.message
    assert station.scan("MWC-ZH-001").status == "already_checked_in"
    assert station.replica.one("SELECT count(*) FROM log WHERE type = 'checkin'")[0] == 1
    # a scan first, then by hand: the same refusal
    assert station.scan("MWC-ES-002").status == "ok"
    assert check_in_by_hand(station, station.attendee("MWC-ES-002")["id"]).status == "already_checked_in"


def test_cancelled_and_blocked_people_are_refused_and_nothing_is_recorded(station: Any) -> None:
    before = station.replica.one("SELECT count(*) FROM log")[0]
    for code, status in (("MWC-AR-004", "cancelled"), ("MWC-KR-005", "blocked")):
        result = check_in_by_hand(station, station.attendee(code)["id"])
        assert result.status == status and result.event_id is None and result.attendee["status"] == status
        assert result.message == station.scan(code).message  # the words of a scan of their code
    assert station.replica.one("SELECT count(*) FROM log")[0] == before
    with pytest.raises(ConfigError, match="no attendee"):
        check_in_by_hand(station, "no-such-id")


def test_on_behalf_names_the_collector(station: Any) -> None:
    ivan = station.attendee("MWC-RU-003")
    result = check_in_by_hand(station, ivan["id"], on_behalf="  Protocol   officer Chen ")
    assert result.message == "Checked in; badge collected by Protocol officer Chen."
    payload = json.loads(station.replica.one("SELECT payload FROM log WHERE id = ?", (result.event_id,))[0])
    assert payload == {"attendee_id": ivan["id"], "manual": True, "on_behalf": "Protocol officer Chen"}


def test_the_cli_checks_in_by_hand_with_the_same_rules(tmp_path: Any, station_factory: Any,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    station_factory(tmp_path / "cli").close()
    folder = str(tmp_path / "cli")
    assert main(["station", "checkin", "--data", folder, "mwc-ru-003", "--on-behalf", "Ms Chen", "--json"]) == 0
    ok = json.loads(capsys.readouterr().out)
    assert (ok["status"], ok["message"]) == ("ok", "Checked in; badge collected by Ms Chen.")
    # refused: exit 1 with the verdict; an unknown person is a data error (2)
    for code, status in (("MWC-RU-003", "already_checked_in"), ("MWC-KR-005", "blocked")):
        assert main(["station", "checkin", "--data", folder, code, "--json"]) == 1
        assert json.loads(capsys.readouterr().out)["status"] == status
    assert main(["station", "checkin", "--data", folder, "NOPE"]) == 2
    with Station.open(Paths.at(folder)) as st:
        assert st.replica.one("SELECT count(*) FROM log WHERE type = 'checkin'")[0] == 1
