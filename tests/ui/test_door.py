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

from venue_app.ops.rooms import adjust_count
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


def _ink_box(label: Any, color: str) -> tuple[int, int, int, int] | None:
    """(left, top, right, bottom) of the pixels painted in ``color`` on a grab of ``label``."""
    from PySide6.QtGui import QColor

    image = label.grab().toImage()
    want = QColor(color)
    xs, ys = [], []
    for y in range(image.height()):
        for x in range(0, image.width(), 2):
            c = image.pixelColor(x, y)
            if abs(c.red() - want.red()) + abs(c.green() - want.green()) + abs(c.blue() - want.blue()) < 40:
                xs.append(x)
                ys.append(y)
    return (min(xs), min(ys), max(xs), max(ys)) if xs else None


@pytest.mark.parametrize("size", [(1366, 768), (1366, 705), (1920, 1080), (1920, 1017)],
                         ids=["1366x768-full-screen", "1366x705-maximised", "1920x1080-full-screen",
                              "1920x1017-maximised"])
def test_count_fills_a_quarter_of_the_window_coloured_and_worded_by_state(
        qapp: Any, qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, size: tuple[int, int]) -> None:
    import copy

    from ui.app import apply_theme, load_fonts
    from ui.door import open_door_window
    from ui.theme import current

    load_fonts()
    apply_theme(qapp)
    st = Station.init_standalone(Paths(tmp_path / "door"), event_name="Rooms", station_name="Door 1")
    program = copy.deepcopy(PROGRAM)
    program["rooms"].append({"id": "hall", "name": "Hall B — Urban Futures", "capacity": 60, "policy": "warn"})
    st.load_program(program)
    st.settings["sounds"] = False
    monkeypatch.setattr(Station, "now", staticmethod(lambda: NOON))
    window = open_door_window(st, room="hall", sounds=False, sync=False)
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    t = current()
    inside = 0
    sizes = []
    try:
        for count, state, words, color in ((12, "normal", "SPACE AVAILABLE", "green"),
                                           (53, "near_full", "NEARLY FULL", "amber"),
                                           (60, "full", "FULL", "red"), (75, "full", "OVER CAPACITY", "red"),
                                           (140, "full", "OVER CAPACITY", "red")):
            with qtbot.waitSignal(window.refreshed, timeout=5000, check_params_cb=lambda v, c=count: v["count"] == c):
                adjust_count(st, "hall", count - inside, reason="test", anonymous=True)
                inside = count
                window.refresh()
            assert window.size().width() == size[0] and window.size().height() == size[1]  # never grew
            qapp.processEvents()
            assert window.count_label.text() == str(count) and window.capacity_label.text() == "/ 60"
            assert window.view["state"] == state and window.state_label.text() == words
            # the digits as painted, in the state's colour: at least a quarter of the window's height,
            # and not touching the label's edges (nothing cut off)
            box = _ink_box(window.count_label, t.ink[color])
            assert box is not None, f"no {color} digits painted"
            left, top, right, bottom = box
            label = window.count_label
            assert bottom - top + 1 >= size[1] / 4, (count, bottom - top + 1, size)
            assert left > 0 and top > 0 and right < label.width() - 1 and bottom < label.height() - 1, box
            sizes.append(bottom - top + 1)
            # "/ 60" large too, in the muted colour, whole
            cap = _ink_box(window.capacity_label, t.muted)
            assert cap is not None and cap[3] - cap[1] + 1 >= size[1] / 10
            assert cap[0] > 0 and cap[1] > 0 and cap[2] < window.capacity_label.width() - 1 \
                and cap[3] < window.capacity_label.height() - 1
            # the words in the state's colour, big, whole; every part inside the panel and the window
            words_box = _ink_box(window.state_label, t.ink[color])
            assert words_box is not None and words_box[3] - words_box[1] + 1 >= size[1] / 30
            assert window.state_label.fontMetrics().horizontalAdvance(words) <= window.state_label.width()
            panel = window.numbers.rect()
            for part in (window.count_label, window.capacity_label, window.state_icon, window.state_label):
                assert panel.contains(part.geometry()), (part, part.geometry(), panel)
            corner = window.numbers.mapTo(window, window.numbers.rect().bottomRight())
            assert window.rect().contains(window.numbers.mapTo(window, window.numbers.rect().topLeft()))
            gauge_top = window.gauge.mapTo(window, window.gauge.rect().topLeft()).y()
            assert window.rect().contains(corner) and corner.y() < gauge_top
            window.grab().save(str(tmp_path / f"door-{size[0]}x{size[1]}-{count}.png"))
    finally:
        window.close()
        st.close()
    assert min(sizes) >= size[1] / 4


def test_full_screen_makes_the_number_bigger(door: Any, qapp: Any, qtbot: Any) -> None:
    door.resize(1366, 768)
    qapp.processEvents()
    small = door.count_label.font().pixelSize()
    door.resize(1920, 1080)
    qapp.processEvents()
    assert door.count_label.font().pixelSize() >= small * 1.3
    # the panel took the room: no band of empty space above or below the numbers
    assert door.count_label.height() >= 1080 / 4
