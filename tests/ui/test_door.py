"""Door mode: scans in and out from a real pty serial scanner move the count and the gauge; the
rule of the running session refuses a delegate and admits a mayor; a full ``block`` room refuses;
clicker and adjustments; near-full / full alerts."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from venue_app.paths import Paths
from venue_app.station import Station

PROGRAM = {
    "event": {"timezone": "Asia/Shanghai"},
    "categories": [
        {"code": "HOD", "label": "Head of delegation", "color": "#b71c1c", "rooms": ["*"]},
        {"code": "DEL", "label": "Delegate", "color": "#1565c0", "rooms": ["plenary", "ws-1"]},
    ],
    "rooms": [
        {"id": "plenary", "name": "Plenary Hall", "capacity": 5, "policy": "warn"},
        {"id": "ws-1", "name": "Workshop 1", "capacity": 2, "policy": "block"},
        {"id": "vip", "name": "VIP Lounge", "capacity": 10, "policy": "block"},
    ],
    "sessions": [
        {"id": "s-vip", "room_id": "vip", "title": "Mayors' roundtable", "starts": "2026-12-02T11:00",
         "ends": "2026-12-02T12:30", "categories": ["HOD"]},
    ],
}
NOON = datetime(2026, 12, 2, 3, 30, tzinfo=UTC)  # 11:30 in Guangzhou: the roundtable is on


@pytest.fixture
def door_station(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Station]:
    st = Station.init_standalone(Paths(tmp_path / "door"), event_name="Rooms", station_name="Door 1")
    people = [{"code": f"HOD{i}", "given_name": f"Mayor{i}", "family_name": "Li", "category": "HOD"}
              for i in range(4)]
    people += [{"code": f"DEL{i}", "given_name": f"Delegate{i}", "category": "DEL"} for i in range(8)]
    st.add_attendees(people)
    st.load_program(PROGRAM)
    st.settings["sounds"] = False
    with st.replica.transaction() as conn:
        st.replica.set_meta(conn, "role", "door")
        st.replica.set_meta(conn, "room_id", "vip")
    monkeypatch.setattr(Station, "now", staticmethod(lambda: NOON))
    yield st
    st.close()


@pytest.fixture
def door(qapp: Any, qtbot: Any, door_station: Station) -> Iterator[Any]:
    from ui.app import apply_theme, load_fonts
    from ui.door import open_door_window

    load_fonts()
    apply_theme(qapp)
    window = open_door_window(door_station, sounds=False, sync=False)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: bool(window.view), timeout=5000)
    yield window
    window.close()


def _scan(qtbot: Any, window: Any, send: Any) -> str:
    with qtbot.waitSignal(window.refreshed, timeout=5000), \
            qtbot.waitSignal(window.verdict_shown, timeout=5000) as shown:
        send()
    return str(shown.args[0])


def test_pty_scans_in_and_out_move_count_and_gauge(door: Any, pty: Any, qtbot: Any) -> None:
    assert door.view["name"] == "VIP Lounge" and door.count_label.text() == "0"
    bridge = door.open_scanner(pty.path)  # follows the IN/OUT toggle
    qtbot.waitUntil(lambda: bridge.state == "connected", timeout=5000)
    assert _scan(qtbot, door, lambda: pty.write(b"HOD0\r")) == "ok"
    assert door.count_label.text() == "1" and door.capacity_label.text() == "/ 10"
    assert door.gauge.fraction == pytest.approx(0.1) and door.gauge.state == "normal"
    assert "WELCOME" in door.flash.texts() and "Mayor0 Li" in door.flash.texts()
    assert _scan(qtbot, door, lambda: pty.write(b"HOD1\r")) == "ok"
    assert door.gauge.fraction == pytest.approx(0.2)
    door.activateWindow()
    qtbot.keyClick(door, Qt.Key.Key_F6)  # exits from now on
    assert door.direction == "out" and door.out_button.isChecked()
    # (the scanner layer drops the same frame twice within a second: the exit is typed in lower case,
    # which the check-in engine normalises to the same code)
    assert _scan(qtbot, door, lambda: pty.write(b"hod0\r")) == "ok"
    assert door.count_label.text() == "1" and "OUT" in door.flash.texts()
    # someone never recorded inside: amber, flagged, count unchanged
    assert _scan(qtbot, door, lambda: pty.write(b"HOD3\r")) == "not_inside"
    assert door.flash.color == "amber" and door.count_label.text() == "1"


def test_scanner_fixed_to_a_direction(door: Any, pty: Any, qtbot: Any) -> None:
    from tests.ui.conftest import Pty

    exit_pty = Pty()
    try:
        entry = door.open_scanner(pty.path, "in")
        leave = door.open_scanner(exit_pty.path, "out")
        qtbot.waitUntil(lambda: entry.state == leave.state == "connected", timeout=5000)
        door.set_direction("out")  # the toggle does not matter for fixed scanners
        assert _scan(qtbot, door, lambda: pty.write(b"HOD2\r")) == "ok"
        assert door.count_label.text() == "1"
        assert _scan(qtbot, door, lambda: exit_pty.write(b"HOD2\r")) == "ok"
        assert door.count_label.text() == "0"
        assert "(IN)" in door.scanner_pill.text() and "(OUT)" in door.scanner_pill.text()
    finally:
        exit_pty.close()


def test_restricted_session_refuses_delegate_admits_mayor(door: Any, qtbot: Any) -> None:
    from devices.events import ScanEvent

    assert "Mayors' roundtable" in door.session_label.text()
    assert "Head of delegation only" in door.rule_label.text()
    status = _scan(qtbot, door, lambda: door.handle_scan(ScanEvent("test", b"DEL0", "DEL0", 0.0)))
    assert status == "not_allowed"
    assert door.flash.color == "red" and door.flash.icon.kind == "red"
    assert "NOT ALLOWED" in door.flash.texts() and "Mayors' roundtable" in door.flash.texts()
    assert door.count_label.text() == "0"
    assert _scan(qtbot, door, lambda: door.handle_scan(ScanEvent("test", b"HOD0", "HOD0", 0.0))) == "ok"
    assert door.count_label.text() == "1"


def test_full_block_room_refuses_and_alerts(qapp: Any, qtbot: Any, door_station: Station) -> None:
    from devices.events import ScanEvent
    from ui.door import open_door_window

    window = open_door_window(door_station, room="ws-1", sounds=False, sync=False)
    window.show()
    try:
        qtbot.waitUntil(lambda: bool(window.view), timeout=5000)
        for code in ("DEL0", "DEL1"):
            assert _scan(qtbot, window, lambda c=code: window.handle_scan(ScanEvent("t", c.encode(), c, 0.0))) == "ok"
        assert window.gauge.state == "full" and window.state_label.text() == "FULL"
        assert window.alert_bar.isVisible() and "FULL" in window.alert_bar.texts()[0]
        assert "error" in window.sounds.played  # the alert's sound (sounds are muted, but asked for)
        status = _scan(qtbot, window, lambda: window.handle_scan(ScanEvent("t", b"DEL2", "DEL2", 0.0)))
        assert status == "room_full" and "ROOM FULL" in window.flash.texts()
        assert window.count_label.text() == "2"
        window.alert_bar.rows["ws-1"].dismiss.click()
        assert not window.alert_bar.isVisible()
    finally:
        window.close()


def test_clicker_and_adjust_with_reason(door: Any, qtbot: Any) -> None:
    with qtbot.waitSignal(door.refreshed, timeout=5000, check_params_cb=lambda v: v["count"] == 1):
        door.plus_button.click()
    with qtbot.waitSignal(door.refreshed, timeout=5000, check_params_cb=lambda v: v["count"] == 9):
        door.ask_adjust = lambda name, count: (8, "interpreters let in by security")
        door.adjust()
    assert door.gauge.state == "near_full" and "NEARLY FULL" in door.state_label.text()
    assert door.alert_bar.isVisible() and "nearly full" in door.alert_bar.texts()[0]
    with qtbot.waitSignal(door.refreshed, timeout=5000, check_params_cb=lambda v: v["count"] == 8):
        door.minus_button.click()
    reasons = [r[0] for r in door.station.replica.query(
        "SELECT json_extract(payload, '$.reason') FROM log WHERE type = 'occupancy_adjust' ORDER BY hlc")]
    assert reasons == ["clicker", "interpreters let in by security", "clicker"]
    # an empty room cannot go below zero: said in words, nothing recorded
    door.ask_adjust = lambda name, count: (-50, "miscount")
    with qtbot.waitSignal(door.verdict_shown, timeout=5000) as shown:
        door.adjust()
    assert shown.args == ["error"] and "below zero" in door.flash.texts()
