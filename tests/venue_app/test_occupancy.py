"""Door scanning, access rules, presence across rooms, capacity, the occupancy view and history."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from venue_app.errors import ConfigError
from venue_app.ops.rooms import adjust_count, sweep
from venue_app.paths import Paths
from venue_app.station import Station
from venue_desk.cli import main

PROGRAM = {
    "event": {"timezone": "Asia/Shanghai"},
    "categories": [
        {"code": "HOD", "label": "Head of delegation", "color": "#b71c1c", "rooms": ["*"]},
        {"code": "DEL", "label": "Delegate", "color": "#1565c0", "rooms": ["plenary", "ws-1"]},
    ],
    "rooms": [
        {"id": "plenary", "name": "Plenary Hall", "capacity": 5, "policy": "warn"},
        {"id": "ws-1", "name": "Workshop 1", "capacity": 2, "policy": "block", "reentry": False},
        {"id": "vip", "name": "VIP Lounge", "capacity": 10, "policy": "block", "clear_after_session": True},
    ],
    "sessions": [
        {"id": "s-vip", "room_id": "vip", "title": "Mayors' roundtable", "starts": "2026-12-02T11:00",
         "ends": "2026-12-02T12:30", "categories": ["HOD"]},
        {"id": "s-open", "room_id": "plenary", "title": "Opening", "starts": "2026-12-02T09:00",
         "ends": "2026-12-02T10:30", "categories": [], "capacity": 3},
    ],
}
# 11:30 in Guangzhou on day two: the roundtable is on, the opening is over
NOON = datetime(2026, 12, 2, 3, 30, tzinfo=UTC)


@pytest.fixture
def door(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Station]:
    st = Station.init_standalone(Paths(tmp_path / "door"), event_name="Rooms", station_name="Door 1")
    people = [{"code": f"HOD{i}", "given_name": f"Mayor{i}", "category": "HOD"} for i in range(4)]
    people += [{"code": f"DEL{i}", "given_name": f"Delegate{i}", "category": "DEL"} for i in range(8)]
    st.add_attendees(people)
    st.load_program(PROGRAM)
    monkeypatch.setattr(Station, "now", staticmethod(lambda: NOON))
    yield st
    st.close()


def count(st: Station, room: str) -> int:
    return next(r["count"] for r in st.occupancy() if r["id"] == room)


def test_restricted_session_refuses_delegate_and_admits_mayor(door: Station) -> None:
    refused = door.scan("DEL0", room="vip")
    assert refused.status == "not_allowed" and "Mayors' roundtable" in refused.message
    assert "Head of delegation" in refused.message and refused.event_id is None
    admitted = door.scan("HOD0", room="vip")
    assert admitted.status == "ok" and admitted.details["count"] == 1
    assert count(door, "vip") == 1


def test_explicit_grant_overrides_the_category_rule(door: Station) -> None:
    door.load_program({"grants": [{"attendee": "DEL1", "scope": "s-vip"}]})
    assert door.scan("DEL1", room="vip").status == "ok"


def test_entering_another_room_moves_the_person(door: Station) -> None:
    door.scan("HOD1", room="vip")
    door.scan("HOD1", room="plenary")
    assert (count(door, "vip"), count(door, "plenary")) == (0, 1)
    again = door.scan("HOD1", room="plenary")
    assert again.details.get("already_inside") and count(door, "plenary") == 1


def test_full_room_with_block_policy_refuses_and_warn_policy_warns(door: Station) -> None:
    assert door.scan("DEL0", room="ws-1").status == "ok"
    assert "Nearly full" in door.scan("DEL1", room="ws-1").details["warning"]
    full = door.scan("DEL2", room="ws-1")
    assert full.status == "room_full" and count(door, "ws-1") == 2
    for i in range(5):
        assert door.scan(f"DEL{i + 3}" if i < 5 else "HOD0", room="plenary").status == "ok"
    over = door.scan("HOD2", room="plenary")
    assert over.status == "ok" and over.details["warning"].startswith("At capacity")
    assert next(r for r in door.occupancy() if r["id"] == "plenary")["state"] == "full"


def test_no_reentry_rule(door: Station) -> None:
    assert door.scan("DEL0", room="ws-1").status == "ok"
    assert door.scan("DEL0", room="ws-1", direction="out").status == "ok"
    again = door.scan("DEL0", room="ws-1")
    assert again.status == "not_allowed" and "No re-entry" in again.message


def test_exit_of_someone_not_inside_is_recorded_and_flagged(door: Station) -> None:
    v = door.scan("HOD3", room="vip", direction="out")
    assert v.status == "not_inside" and v.color == "amber" and v.event_id
    payload = json.loads(door.replica.one("SELECT payload FROM log WHERE id = ?", (v.event_id,))[0])
    assert payload["not_inside"] is True
    assert count(door, "vip") == 0


def test_clicker_and_adjustments_never_go_negative(door: Station) -> None:
    assert adjust_count(door, "plenary", +1, reason="", anonymous=True).count == 1
    assert adjust_count(door, "plenary", -1, reason="", anonymous=True).count == 0
    for _ in range(20):  # an exit storm at an empty room
        with pytest.raises(ConfigError, match="below zero"):
            adjust_count(door, "plenary", -1, reason="", anonymous=True)
    with pytest.raises(ConfigError, match="reason"):
        adjust_count(door, "plenary", 5, reason=" ")
    assert adjust_count(door, "plenary", 5, reason="group entered without scanning", operator="Ana").count == 5
    assert door.rebuild(fix=False).clean


def test_bad_room_and_direction_are_clear_errors(door: Station) -> None:
    with pytest.raises(ConfigError, match="unknown room"):
        door.scan("HOD0", room="nowhere")
    with pytest.raises(ConfigError, match="direction"):
        door.scan("HOD0", room="vip", direction="sideways")
    with pytest.raises(ConfigError, match="unknown room"):
        adjust_count(door, "nowhere", 1, reason="x")


def test_session_end_sweep_moves_people_out(door: Station, monkeypatch: pytest.MonkeyPatch) -> None:
    door.scan("HOD0", room="vip")
    door.scan("HOD1", room="vip")
    assert sweep(door) == 0  # still running
    monkeypatch.setattr(Station, "now", staticmethod(lambda: datetime(2026, 12, 2, 5, 0, tzinfo=UTC)))
    assert sweep(door) == 2 and count(door, "vip") == 0


def test_clock_jump_backwards_keeps_counts_consistent(door: Station, monkeypatch: pytest.MonkeyPatch) -> None:
    door.scan("HOD0", room="plenary")
    wall = door.clock._wall
    monkeypatch.setattr(door.clock, "_wall", lambda: wall() - 3_600_000)  # an hour back
    door.scan("HOD0", room="vip")
    door.scan("HOD1", room="plenary")
    assert (count(door, "plenary"), count(door, "vip")) == (1, 1)
    assert door.rebuild(fix=False).clean


def test_view_history_and_cli(door: Station, capsys: pytest.CaptureFixture[str],
                              monkeypatch: pytest.MonkeyPatch) -> None:
    door.scan("HOD0", room="vip")
    view = {r["id"]: r for r in door.occupancy()}
    vip = view["vip"]
    assert (vip["count"], vip["capacity"], vip["state"], vip["percentage"]) == (1, 10, "normal", 10.0)
    assert vip["session"]["title"] == "Mayors' roundtable" and vip["last_event_at"]
    # the history is observed on the real clock: one more person than 15 minutes ago
    monkeypatch.setattr(Station, "now", staticmethod(lambda: datetime.now(UTC)))
    assert next(r for r in door.occupancy() if r["id"] == "vip")["trend"] == 1
    data = str(door.paths.root)
    assert main(["station", "occupancy", "--data", data, "--json"]) == 0
    rooms: list[dict[str, Any]] = json.loads(capsys.readouterr().out)
    assert {r["id"] for r in rooms} == {"plenary", "ws-1", "vip"}
    assert all({"id", "name", "capacity", "count", "state"} <= set(r) for r in rooms)
    assert main(["station", "occupancy", "--data", data, "--history", "vip", "--csv"]) == 0
    lines = capsys.readouterr().out.splitlines()
    zone = door.event["timezone"]
    assert lines[0] == f"minute_utc,minute_{zone},count" and lines[-1].endswith(",1")
    # the event-time column is the UTC minute moved into the event's zone
    utc, event_time = lines[-1].split(",")[:2]
    moved = datetime.fromisoformat(utc).replace(tzinfo=UTC).astimezone(ZoneInfo(zone))
    assert event_time == moved.strftime("%Y-%m-%d %H:%M")
    assert main(["station", "count", "--data", data, "--room", "plenary", "+1", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["count"] == 1
    status = door.status()
    assert {r["id"] for r in status["rooms"]} == {"plenary", "ws-1", "vip"}
