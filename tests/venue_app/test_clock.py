"""One clock: times in the event's zone, the zone named only where the computer's zone differs."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from venue_app.clock import EventClock, event_zone, parse_moment

BERLIN = ZoneInfo("Europe/Berlin")


def test_times_are_read_in_the_event_zone_whatever_the_computer_keeps() -> None:
    clock = EventClock("Asia/Shanghai", local=BERLIN)
    moment = "2026-11-03T07:21:05.123+00:00"  # how the log stores a check-in (UTC)
    assert clock.time(moment, date=False) == "15:21"
    assert clock.time(moment, seconds=True, date=False) == "15:21:05"
    assert clock.time(moment, date=True) == "03 Nov 15:21"
    # a naive stamp is UTC (the log's own convention), an aware one keeps its offset
    assert clock.time("2026-11-03T07:21:05", date=False) == "15:21"
    assert clock.time(datetime(2026, 11, 3, 8, 21, tzinfo=BERLIN), date=False) == "15:21"
    assert clock.stamp(moment) == "2026-11-03 15:21:05"
    assert clock.stamp(moment, seconds=False) == "2026-11-03 15:21"
    # the zone's short name is added when the computer's zone differs (Berlin: UTC+1 in November)
    assert clock.differs(moment)
    assert clock.time(moment, date=False, zone=True) == "15:21 CST"
    assert clock.abbreviation(moment) == "CST"
    assert clock.describe().startswith("Asia/Shanghai (CST, UTC+08)")


def test_same_zone_on_the_computer_shows_no_zone() -> None:
    clock = EventClock("Asia/Shanghai", local=ZoneInfo("Asia/Shanghai"))
    assert not clock.differs()
    assert clock.time("2026-11-03T07:21:00Z", date=False, zone=True) == "15:21"
    # another zone name with the same offset reads the same: nothing to warn about
    assert not EventClock("Asia/Shanghai", local=ZoneInfo("Asia/Taipei")).differs()


def test_today_has_no_date_and_other_days_have_one() -> None:
    clock = EventClock("Asia/Shanghai", local=BERLIN)
    now = clock.now()
    assert clock.time(now) == now.strftime("%H:%M")
    yesterday = now - timedelta(days=1)
    assert clock.time(yesterday) == yesterday.strftime("%d %b %H:%M")


def test_daylight_saving_and_numeric_zone_names() -> None:
    berlin = EventClock("Europe/Berlin", local=ZoneInfo("UTC"))
    assert berlin.abbreviation("2026-07-01T10:00:00Z") == "CEST"
    assert berlin.time("2026-07-01T10:00:00Z", date=False) == "12:00"
    assert berlin.abbreviation("2026-12-01T10:00:00Z") == "CET"
    # zones whose tz database name is only an offset get a readable one
    assert EventClock("Asia/Dubai").abbreviation("2026-11-03T00:00:00Z") == "UTC+04"
    assert EventClock("Asia/Kolkata").abbreviation("2026-11-03T00:00:00Z") in ("IST", "UTC+05:30")
    # the computer's zone is compared at the moment shown: Berlin and London differ in winter
    assert EventClock("Europe/Berlin", local=ZoneInfo("Europe/London")).differs("2026-12-01T10:00:00Z")


def test_bad_input_is_shown_as_is_and_unknown_zones_fall_back_to_utc() -> None:
    clock = EventClock("Asia/Shanghai")
    assert clock.time("not a time") == "not a time"
    assert clock.time(None) == "" and clock.stamp("") == ""
    assert parse_moment("garbage") is None and parse_moment(None) is None
    assert event_zone("Mars/Olympus_Mons").key == "UTC" and event_zone("").key == "UTC"
    assert EventClock.of({"timezone": None}).name == "UTC"
    assert EventClock.of({"timezone": "Asia/Shanghai"}).name == "Asia/Shanghai"
    assert parse_moment(datetime(2026, 1, 1)) == datetime(2026, 1, 1, tzinfo=UTC)


def test_cli_history_gives_event_time_beside_the_utc_minute(station: Any, capsys: pytest.CaptureFixture[str]) -> None:
    import json

    from venue_desk.cli import main

    station.load_program({"rooms": [{"id": "hall", "name": "Hall", "capacity": 10}],
                          "categories": [{"code": "PRESS", "label": "Press", "rooms": ["*"]}]})
    assert station.scan("MWC-RU-003", room="hall").status == "ok"
    root = str(station.paths.root)
    station.close()
    assert main(["station", "occupancy", "--data", root, "--history", "hall", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows
    for row in rows:
        utc = datetime.fromisoformat(row["minute"]).replace(tzinfo=UTC)
        assert row["minute_event"] == utc.astimezone(ZoneInfo("Asia/Shanghai")).strftime("%Y-%m-%d %H:%M")
