"""One clock on every screen: with the laptop in New York and the event in Guangzhou (Asia/Shanghai),
the desk's person page, recent scans, verdict and status bar, the door and the dashboard all show
event time, and name the zone because the laptop's differs; with the laptop on venue time no zone
is shown. The laptop's zone is the process's real one (``TZ`` + ``time.tzset``), as on a real
machine: nothing in the code under test is patched."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from devices.events import ScanEvent
from ui.statusbar import SyncStatus

EVENT = ZoneInfo("Asia/Shanghai")  # the test station's event zone (tests/conftest.py)
LAPTOP = ZoneInfo("America/New_York")  # 12-13 hours away: a wrong clock cannot pass by chance


def _set_tz(monkeypatch: pytest.MonkeyPatch, name: str) -> Iterator[None]:
    monkeypatch.setenv("TZ", name)
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def laptop_in_new_york(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    yield from _set_tz(monkeypatch, "America/New_York")


@pytest.fixture
def laptop_on_venue_time(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    yield from _set_tz(monkeypatch, "Asia/Shanghai")


def _hhmm(text: str) -> list[str]:
    return re.findall(r"\b(\d\d:\d\d)(?::\d\d)?\b", text)


def _event_minutes(before: datetime, after: datetime) -> set[str]:
    """Every HH:MM of event time between ``before`` and ``after`` (a test may cross a minute)."""
    out, t = set(), before.replace(second=0, microsecond=0)
    while t <= after:
        out.add(t.astimezone(EVENT).strftime("%H:%M"))
        t += timedelta(minutes=1)
    return out


def _laptop_minutes(before: datetime, after: datetime) -> set[str]:
    return {(before + timedelta(minutes=i)).astimezone(LAPTOP).strftime("%H:%M")
            for i in range(int((after - before).total_seconds() // 60) + 2)}


def test_every_desk_time_is_event_time_with_the_zone_named(laptop_in_new_york: None, desk: Any, qtbot: Any) -> None:
    assert datetime.now().astimezone().utcoffset() == datetime.now(LAPTOP).utcoffset()  # the laptop really is in NY
    before = datetime.now(UTC)
    with qtbot.waitSignal(desk.verdict_shown, timeout=5000):
        desk.handle_scan(ScanEvent("test", b"MWC-ES-002", "MWC-ES-002", 0.0))
    with qtbot.waitSignal(desk.verdict_shown, timeout=5000) as again:
        desk.handle_scan(ScanEvent("test", b"MWC-ES-002", "MWC-ES-002", 0.0))
    assert again.args == ["already_checked_in"]
    desk.status._tick()
    person = desk.ctx.station.attendee("MWC-ES-002")
    with qtbot.waitSignal(desk.attendee.loaded, timeout=5000):
        desk.open_attendee(person["id"])
    after = datetime.now(UTC)
    event_times, laptop_times = _event_minutes(before, after), _laptop_minutes(before, after)
    assert not event_times & laptop_times

    shown = {
        "recent list": desk.recent.item(0).text(),
        "verdict (first check-in)": desk.panel.when.text(),
        "status bar clock": desk.status.clock.text(),
        "person page arrival": desk.attendee.arrival.text(),
        "person page history": desk.attendee.history.item(0).text(),
    }
    for where, text in shown.items():
        times = _hhmm(text)
        assert times and set(times) <= event_times, f"{where}: {text!r} is not event time {event_times}"
    # the zone is named where a single time stands, and once over the lists
    for where in ("verdict (first check-in)", "status bar clock", "person page arrival"):
        assert "CST" in shown[where], (where, shown[where])
    assert "CST" in desk.side_title.text() and "CST" in desk.attendee.history_title.text()
    assert "Asia/Shanghai" in desk.status.clock.toolTip()
    # sync times in the status bar too
    since = datetime.now(UTC) - timedelta(minutes=5)
    desk.status.set_sync(SyncStatus("offline", 3, since=since))
    assert since.astimezone(EVENT).strftime("%H:%M") + " CST" in desk.status.sync.text()


def test_door_and_dashboard_show_event_time(laptop_in_new_york: None, door: Any, dashboard: Any) -> None:
    since = datetime.now(UTC) - timedelta(minutes=7)
    expected = since.astimezone(EVENT).strftime("%H:%M") + " CST"
    door.set_sync(SyncStatus("offline", 2, since=since))
    assert expected in door.sync_pill.text(), door.sync_pill.text()
    dashboard.set_sync(SyncStatus("offline", 2, since=since))
    assert expected in dashboard.sync_pill.text(), dashboard.sync_pill.text()
    dashboard._show_sync({"mode": "registry", "online": False, "since": since.isoformat()}, datetime.now(UTC))
    assert expected in dashboard.stale_banner.text(), dashboard.stale_banner.text()
    now = datetime.now(UTC)
    updated = _hhmm(dashboard.updated_label.text())
    assert updated and set(updated) <= _event_minutes(now - timedelta(minutes=2), now)
    assert "CST" in dashboard.updated_label.text()


def test_laptop_on_venue_time_shows_no_zone(laptop_on_venue_time: None, desk: Any, qtbot: Any) -> None:
    with qtbot.waitSignal(desk.verdict_shown, timeout=5000):
        desk.handle_scan(ScanEvent("test", b"MWC-ES-002", "MWC-ES-002", 0.0))
    desk.status._tick()
    assert "CST" not in desk.status.clock.text() and _hhmm(desk.status.clock.text())
    assert "CST" not in desk.side_title.text()
    with qtbot.waitSignal(desk.verdict_shown, timeout=5000):
        desk.handle_scan(ScanEvent("test", b"MWC-ES-002", "MWC-ES-002", 0.0))
    assert "CST" not in desk.panel.when.text() and _hhmm(desk.panel.when.text())
