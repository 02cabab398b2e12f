"""A supervisor's override (venue_app.ops.override): the override and its check-in in one
transaction, the supervisor named; without a name or a reason nothing is written. The CLI's
``station override`` is the same operation."""

from __future__ import annotations

import json
from typing import Any

import pytest

from venue_app.errors import ConfigError
from venue_app.ops import InvalidInput
from venue_app.ops.override import override
from venue_app.paths import Paths
from venue_app.station import Station
from venue_desk.cli import main


def test_an_override_admits_against_the_verdict_and_names_the_supervisor(station: Any) -> None:
    blocked = station.scan("MWC-KR-005")
    assert blocked.status == "blocked" and blocked.event_id is None
    done = override(station, "mwc-kr-005", reason=" cleared by   protocol office ", supervisor=" Li Na ",
                    verdict=blocked.status)
    kr = station.attendee("MWC-KR-005")
    rows = {r["id"]: r for r in station.replica.query("SELECT id, type, operator, payload FROM log")}
    assert {r["type"] for r in rows.values()} == {"override", "checkin"} and done.attendee_id == kr["id"]
    admitted, checkin = rows[done.event_id], rows[done.checkin_event_id]
    assert admitted["operator"] == checkin["operator"] == "Li Na"
    assert json.loads(admitted["payload"]) == {"attendee_id": kr["id"], "reason": "cleared by protocol office",
                                               "verdict": "blocked"}
    assert json.loads(checkin["payload"]) == {"attendee_id": kr["id"], "override": done.event_id}
    assert station.status()["checked_in"] == 1
    assert station.scan("MWC-KR-005").status == "blocked"  # still blocked for everyone else


def test_no_supervisor_no_reason_no_person_nothing_written(station: Any) -> None:
    with pytest.raises(InvalidInput) as missing:
        override(station, "MWC-KR-005", reason="  ", supervisor="")
    assert [(p.field, p.code) for p in missing.value.problems] == [("supervisor", "supervisor_missing"),
                                                                   ("reason", "override_reason_missing")]
    assert str(missing.value) == ("nobody admitted:\n  supervisor: an override needs the supervisor's name\n"
                                  "  reason: an override needs a reason")
    with pytest.raises(ConfigError, match="no attendee with id or code 'NOBODY'"):
        override(station, "NOBODY", reason="protocol", supervisor="Li Na")
    assert station.replica.one("SELECT count(*) FROM log")[0] == 0


def test_the_cli_overrides_with_the_same_rules(tmp_path: Any, station_factory: Any,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    station_factory(tmp_path / "cli").close()
    folder = str(tmp_path / "cli")
    assert main(["station", "override", "--data", folder, "--attendee", "MWC-AR-004", "--operator", "Li Na",
                 "--reason", " "]) == 2
    assert "an override needs a reason" in capsys.readouterr().err
    assert main(["station", "override", "--data", folder, "--attendee", "MWC-AR-004", "--operator", "Li Na",
                 "--reason", "registration restored", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    with Station.open(Paths(tmp_path / "cli")) as st:
        assert st.replica.one("SELECT type FROM log WHERE id = ?", (out["event_id"],))[0] == "checkin"
        assert st.replica.one("SELECT type FROM log WHERE id = ?", (out["override_event_id"],))[0] == "override"
        assert st.status()["checked_in"] == 1
