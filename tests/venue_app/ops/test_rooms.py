"""Room counts (venue_app.ops.rooms): clicker and manual adjustments, refused in words when they
would go below zero, lack a reason or are not a sensible number; the sweep after a session. The
CLI's ``station count``, ``station adjust`` and ``station sweep`` are the same operations."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from venue_app.errors import ConfigError
from venue_app.ops import InvalidInput
from venue_app.ops.rooms import adjust_count, sweep
from venue_app.paths import Paths
from venue_app.station import Station
from venue_desk.cli import main

PROGRAM = {
    "event": {"timezone": "Asia/Shanghai"},
    "categories": [{"code": "HOD", "label": "Head of delegation", "rooms": ["*"]}],
    "rooms": [
        {"id": "hall", "name": "Hall B", "capacity": 50, "policy": "warn"},
        {"id": "vip", "name": "VIP Lounge", "capacity": 10, "policy": "block", "clear_after_session": True},
    ],
    "sessions": [{"id": "s-vip", "room_id": "vip", "title": "Roundtable", "starts": "2026-12-02T11:00",
                  "ends": "2026-12-02T12:30", "categories": ["HOD"]}],
}
NOON = datetime(2026, 12, 2, 3, 30, tzinfo=UTC)  # 11:30 in Guangzhou: the roundtable is on


@pytest.fixture
def door(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Station]:
    st = Station.init_standalone(Paths(tmp_path / "door"), event_name="Rooms", station_name="Door 1")
    st.add_attendees([{"code": f"HOD{i}", "given_name": f"Mayor{i}", "category": "HOD"} for i in range(3)])
    st.load_program(PROGRAM)
    monkeypatch.setattr(Station, "now", staticmethod(lambda: NOON))
    yield st
    st.close()


def _count(st: Station, room: str) -> int:
    return next(r["count"] for r in st.occupancy() if r["id"] == room)


def _logged(st: Station) -> int:
    return int(st.replica.one("SELECT count(*) FROM log")[0])


def test_clicker_and_manual_adjustments_are_recorded_with_their_reason(door: Station) -> None:
    up = adjust_count(door, "hall", 1, anonymous=True)
    assert (up.room_id, up.count) == ("hall", 1)
    manual = adjust_count(door, "hall", 7, reason="  group entered   without scanning ", operator="Ana")
    assert manual.count == 8 == _count(door, "hall")
    rows = door.replica.query("SELECT id, operator, payload FROM log WHERE type = 'occupancy_adjust' ORDER BY hlc")
    assert [r["id"] for r in rows] == [up.event_id, manual.event_id]
    assert json.loads(rows[0]["payload"]) == {"room_id": "hall", "delta": 1, "reason": "clicker", "anonymous": True}
    assert json.loads(rows[1]["payload"])["reason"] == "group entered without scanning"
    assert rows[1]["operator"] == "Ana"


@pytest.mark.parametrize(("delta", "reason", "anonymous", "code", "words"), [
    (0, "recount", False, "delta_not_whole", "non-zero whole number"),
    (True, "recount", False, "delta_not_whole", "non-zero whole number"),
    (2.5, "recount", False, "delta_not_whole", "non-zero whole number"),
    (1_000_000, "typo", False, "delta_too_large", "at most 100,000"),
    (5, "   ", False, "adjust_reason_missing", "a manual adjustment needs a reason"),
    (-1, "", True, "count_below_zero", "the room count is 0; it cannot go below zero"),
])
def test_bad_adjustments_are_refused_in_words_and_nothing_is_written(door: Station, delta: Any, reason: str,
                                                                     anonymous: bool, code: str, words: str) -> None:
    with pytest.raises(InvalidInput, match=words) as refused:
        adjust_count(door, "hall", delta, reason=reason, anonymous=anonymous)
    assert [p.code for p in refused.value.problems] == [code]
    assert _logged(door) == 0 and _count(door, "hall") == 0


def test_an_unknown_room_is_refused(door: Station) -> None:
    with pytest.raises(ConfigError, match="unknown room 'nowhere'"):
        adjust_count(door, "nowhere", 1, reason="x")
    assert _logged(door) == 0


def test_the_sweep_moves_everyone_out_once_the_session_ended(door: Station, monkeypatch: pytest.MonkeyPatch) -> None:
    for code in ("HOD0", "HOD1"):
        assert door.scan(code, room="vip").status == "ok"
    door.scan("HOD2", room="hall")
    assert sweep(door) == 0 and _count(door, "vip") == 2  # the session is still on
    monkeypatch.setattr(Station, "now", staticmethod(lambda: datetime(2026, 12, 2, 5, 0, tzinfo=UTC)))
    assert sweep(door) == 2
    assert (_count(door, "vip"), _count(door, "hall")) == (0, 1)  # only rooms cleared after a session
    exits = [json.loads(r[0]) for r in door.replica.query("SELECT payload FROM log WHERE type = 'room_exit'")]
    assert {(e["room_id"], e["reason"]) for e in exits} == {("vip", "session ended")} and len(exits) == 2
    assert sweep(door) == 0  # nobody left to move
    assert door.rebuild(fix=False).clean


def test_the_cli_counts_adjusts_and_sweeps_with_the_same_rules(door: Station, capsys: pytest.CaptureFixture[str]
                                                              ) -> None:
    folder = str(door.paths.root)
    assert main(["station", "count", "--data", folder, "--room", "hall", "+1", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["count"] == 1
    assert main(["station", "adjust", "--data", folder, "--room", "hall", "--delta=-5", "--reason", "recount"]) == 2
    assert "the room count is 1; it cannot go below zero" in capsys.readouterr().err
    assert main(["station", "sweep", "--data", folder, "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {"moved_out": 0}
    assert _count(door, "hall") == 1
