"""Undoing a check-in (venue_app.ops.undo): the check-in stays in the log, marked void, and stops
counting; a second undo or an id that is no check-in is refused in words, nothing written. The CLI's
``station undo`` is the same operation."""

from __future__ import annotations

import json
from typing import Any

import pytest

from venue_app.ops import InvalidInput
from venue_app.ops.undo import undo_checkin
from venue_app.paths import Paths
from venue_app.station import Station
from venue_desk.cli import main


def _log(station: Any) -> list[tuple[str, dict[str, Any], str]]:
    return [(r["type"], json.loads(r["payload"]), r["operator"])
            for r in station.replica.query("SELECT type, payload, operator FROM log ORDER BY hlc")]


def test_an_undone_checkin_stops_counting_and_stays_in_the_log(station: Any) -> None:
    wei = station.attendee("MWC-ZH-001")
    checkin = station.scan("MWC-ZH-001")
    undone = undo_checkin(station, checkin.event_id, operator="desk-anna", reason="  wrong   person ")
    assert (undone.checkin_event_id, undone.attendee_id) == (checkin.event_id, wei["id"])
    assert _log(station)[-1] == ("checkin_voided", {"checkin_event_id": checkin.event_id, "attendee_id": wei["id"],
                                                    "reason": "wrong person"}, "desk-anna")
    assert [t for t, _, _ in _log(station)] == ["checkin", "checkin_voided"]  # the check-in is kept
    assert station.status()["checked_in"] == 0
    assert station.scan("MWC-ZH-001").status == "ok"  # they can be checked in for real now
    assert station.rebuild(fix=False).clean


def test_a_second_undo_and_an_unknown_id_are_refused_and_nothing_is_written(station: Any) -> None:
    checkin = station.scan("MWC-ES-002")
    undo_checkin(station, checkin.event_id)
    assert _log(station)[-1][1]["reason"] == "undone at the desk"  # the default words
    before = _log(station)
    with pytest.raises(InvalidInput, match="already undone") as twice:
        undo_checkin(station, checkin.event_id)
    assert [p.code for p in twice.value.problems] == ["already_undone"]
    with pytest.raises(InvalidInput, match="no check-in 'nope' to undo") as unknown:
        undo_checkin(station, "nope")
    assert [p.code for p in unknown.value.problems] == ["no_such_checkin"]
    # the id of an event that is not a check-in (the undo itself) is no check-in either
    voided_id = station.replica.one("SELECT id FROM log WHERE type = 'checkin_voided'")[0]
    with pytest.raises(InvalidInput, match="no check-in"):
        undo_checkin(station, voided_id)
    assert _log(station) == before
    assert station.replica.one("SELECT count(*) FROM log WHERE outbox = 1")[0] == len(before)


def test_the_cli_undoes_a_checkin_with_the_same_rules(tmp_path: Any, station_factory: Any,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    station_factory(tmp_path / "cli").close()
    folder = str(tmp_path / "cli")
    assert main(["station", "scan", "--data", folder, "--json", "MWC-RU-003"]) == 0
    scanned = json.loads(capsys.readouterr().out)
    assert main(["station", "undo", "--data", folder, scanned["event_id"], "--operator", "Ana",
                 "--reason", "wrong person", "--json"]) == 0
    undone = json.loads(capsys.readouterr().out)
    assert undone["checkin_event_id"] == scanned["event_id"]
    assert main(["station", "undo", "--data", folder, scanned["event_id"]]) == 2
    assert "nothing undone: this check-in was already undone" in capsys.readouterr().err
    with Station.open(Paths(tmp_path / "cli")) as st:
        assert st.status()["checked_in"] == 0
        row = st.replica.one("SELECT operator, payload FROM log WHERE id = ?", (undone["event_id"],))
        assert row["operator"] == "Ana" and json.loads(row["payload"])["reason"] == "wrong person"
