"""Fresh panels: a verdict dims after its configured time and never stands beside another person's
page, "Reading scan…" goes out, an undone check-in is struck through in the recent list, and F4
opens on a delegation with a row selected."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette

from devices.events import ScanEvent
from ui.widgets import COLORS


def _scan(desk: Any, qtbot: Any, code: str) -> str:
    with qtbot.waitSignal(desk.verdict_shown, timeout=5000) as shown:
        desk.handle_scan(ScanEvent("test", code.encode(), code, 0.0))
    return str(shown.args[0])


def _background(desk: Any) -> str:
    return desk.panel.palette().color(QPalette.ColorRole.Window).name()


def test_verdict_dims_after_the_configured_time_and_the_next_one_is_bright(desk: Any, qtbot: Any) -> None:
    desk.ctx.station.settings["verdict_dim_s"] = 0.2
    assert _scan(desk, qtbot, "MWC-ES-002") == "ok"
    assert not desk.panel.dimmed and _background(desk) == COLORS["green"][0]
    qtbot.waitUntil(lambda: desk.panel.dimmed, timeout=3000)
    # the colour is gone, the words stay, and the subline says when it was
    assert _background(desk) == COLORS["idle"][0]
    assert "José Núñez" in desk.panel.texts() and "scan the next code" in desk.panel.subline.text()
    text_ink = desk.panel.name.palette().color(QPalette.ColorRole.WindowText).name()
    assert text_ink == COLORS["idle"][2]
    # the next verdict comes in bright, and dims again in its turn
    assert _scan(desk, qtbot, "NO-SUCH-CODE-1") == "unknown"
    assert not desk.panel.dimmed and _background(desk) == COLORS["red"][0]
    qtbot.waitUntil(lambda: desk.panel.dimmed, timeout=3000)
    # 0 switches dimming off
    desk.ctx.station.settings["verdict_dim_s"] = 0
    assert _scan(desk, qtbot, "MWC-RU-003") == "ok"
    assert not desk._dim.isActive() and not desk.panel.dimmed


def test_default_dim_time_is_twenty_seconds(desk: Any, qtbot: Any) -> None:
    from venue_app.settings import SETTINGS

    assert next(s for s in SETTINGS if s.key == "verdict_dim_s").default == 20.0
    desk.ctx.station.settings["verdict_dim_s"] = 20  # as set by default (the test fixture may turn it off)
    _scan(desk, qtbot, "MWC-ES-002")
    assert desk._dim.isActive() and desk._dim.interval() == 20_000


def test_a_verdict_never_stands_beside_another_persons_page(desk: Any, qtbot: Any) -> None:
    st = desk.ctx.station
    assert _scan(desk, qtbot, "MWC-ES-002") == "ok"
    jose, ivan = st.attendee("MWC-ES-002"), st.attendee("MWC-RU-003")
    # the same person's page: the verdict stays beside it
    with qtbot.waitSignal(desk.attendee.loaded, timeout=5000):
        desk.open_attendee(jose["id"])
    assert desk.panel.status == "ok" and "José Núñez" in desk.panel.texts()
    # someone else's page: the verdict goes
    with qtbot.waitSignal(desk.attendee.loaded, timeout=5000):
        desk.open_attendee(ivan["id"])
    assert desk.panel.status == "idle" and "José Núñez" not in desk.panel.texts()
    # a scan of someone else while a page is open: the page goes back to the scans, not the verdict
    assert _scan(desk, qtbot, "MWC-ES-002") == "already_checked_in"
    assert desk.side.currentIndex() == 0
    # a check-in by hand on a person's page keeps that page beside its verdict
    with qtbot.waitSignal(desk.attendee.loaded, timeout=5000):
        desk.open_attendee(ivan["id"])
    with qtbot.waitSignal(desk.verdict_shown, timeout=5000):
        desk.attendee.check_in()
    assert desk.side.currentIndex() == 1 and "Ivan Ivanov" in desk.panel.texts()


def test_reading_scan_indicator_times_out(desk: Any, qtbot: Any) -> None:
    desk.pending_timeout_ms = 200
    # a wedge that never reports the end of a scan (a scanner unplugged mid-code, a lost key
    # release): the signal is emitted as the wedge filter would, and nothing follows it
    desk.wedge.scanning.emit(True)
    assert desk.scanning_pill.isVisibleTo(desk)
    qtbot.waitUntil(lambda: not desk.scanning_pill.isVisibleTo(desk), timeout=3000)
    # real keystrokes of half a code and then nothing: the light goes out too
    desk.home.setFocus()
    qtbot.keyClicks(desk.home, "MWC-ES")
    qtbot.waitUntil(lambda: not desk.scanning_pill.isVisibleTo(desk), timeout=3000)
    # a verdict puts it out at once
    desk.wedge.scanning.emit(True)
    _scan(desk, qtbot, "MWC-ES-002")
    assert not desk.scanning_pill.isVisibleTo(desk)


def test_undone_checkin_is_struck_through_in_the_recent_list(desk: Any, qtbot: Any) -> None:
    assert _scan(desk, qtbot, "MWC-RU-003") == "ok"
    assert _scan(desk, qtbot, "MWC-ES-002") == "ok"
    assert _scan(desk, qtbot, "NO-SUCH-CODE-2") == "unknown"
    ivan, jose = desk.recent.item(2), desk.recent.item(1)
    assert "✔" in jose.text() and not jose.font().strikeOut()
    with qtbot.waitSignal(desk.undone, timeout=5000) as undone:
        qtbot.keyClick(desk.home, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert "check-in taken back" in undone.args[0]
    assert jose.font().strikeOut() and "✔" not in jose.text() and "undone" in jose.text()
    assert jose.foreground().color().name() != COLORS["green"][0]
    # the other lines are untouched: Ivan's check-in stands
    assert "✔" in ivan.text() and not ivan.font().strikeOut()
    assert not desk.recent.item(0).font().strikeOut()
    # Ivan's check-in undone next: his line goes the same way
    with qtbot.waitSignal(desk.undone, timeout=5000):
        qtbot.keyClick(desk.home, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert ivan.font().strikeOut() and "✔" not in ivan.text()


def _delegates(desk: Any) -> None:
    desk.ctx.station.add_attendees(
        [{"code": f"MWC-GZ-{i}", "given_name": f"Member{i}", "family_name": "Li", "category": "DELEGATE",
          "delegation": "Guangzhou"} for i in range(3)])


def test_f4_opens_the_current_persons_delegation_with_them_selected(desk: Any, qtbot: Any) -> None:
    _delegates(desk)
    member = desk.ctx.station.attendee("MWC-GZ-2")
    with qtbot.waitSignal(desk.attendee.loaded, timeout=5000):
        desk.open_attendee(member["id"])
    with qtbot.waitSignal(desk.delegation.loaded, timeout=5000):
        qtbot.keyClick(desk.home, Qt.Key.Key_F4)
    d = desk.delegation
    assert d.name == "Guangzhou" and d.table.rowCount() == 4
    selected = d.table.selectionModel().selectedRows()
    assert len(selected) == 1 and d.members[selected[0].row()]["id"] == member["id"]
    # after a verdict on the scan page: that person's delegation
    desk.back_to_scanning()
    assert _scan(desk, qtbot, "MWC-ZH-001") == "ok"  # Wang Wei, delegation Guangzhou
    with qtbot.waitSignal(desk.delegation.loaded, timeout=5000):
        qtbot.keyClick(desk.home, Qt.Key.Key_F4)
    selected = d.table.selectionModel().selectedRows()
    assert d.name == "Guangzhou" and d.members[selected[0].row()]["code"] == "MWC-ZH-001"


def test_f4_with_nobody_on_show_opens_the_first_delegation_on_its_first_row(desk: Any, qtbot: Any) -> None:
    _delegates(desk)
    with qtbot.waitSignal(desk.delegation.loaded, timeout=5000):
        qtbot.keyClick(desk.home, Qt.Key.Key_F4)
    d = desk.delegation
    assert d.name and d.table.rowCount() >= 1
    assert d.picker.currentData() == d.name
    assert [i.row() for i in d.table.selectionModel().selectedRows()] == [0]
