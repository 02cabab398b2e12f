"""Scans reach the verdict panel from a real serial port (pty) and from wedge keystrokes, and a
wedge scan never types into the search field while human typing still does."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette

from devices.events import ScanEvent
from ui.widgets import COLORS


def test_pty_serial_scan_paints_green_verdict(desk: Any, pty: Any, qtbot: Any) -> None:
    desk.open_scanner(pty.path)
    qtbot.waitUntil(lambda: desk.scanner.state == "connected", timeout=5000)
    assert "Scanner connected" in desk.status.scanner.text()
    with qtbot.waitSignal(desk.panel.painted, timeout=5000) as painted:
        pty.write(b"MWC-ES-002\r")
    assert painted.args[0] == "ok"
    assert desk.panel.color == "green"
    text = desk.panel.texts()
    assert "CHECKED IN" in text and "José Núñez" in text
    # the same person again, typed by a wedge scanner this time: amber, with when and where
    with qtbot.waitSignal(desk.verdict_shown, timeout=5000) as shown:
        qtbot.keyClicks(desk.home, "MWC-ES-002")
        qtbot.keyClick(desk.home, Qt.Key.Key_Return)
    assert shown.args == ["already_checked_in"]
    assert desk.panel.color == "amber"
    assert "First check-in:" in desk.panel.texts() and "Desk A" in desk.panel.texts()
    # pulling the cable is shown, not hidden
    with qtbot.waitSignal(desk.scanner.status, timeout=5000, check_params_cb=lambda e: e.state != "connected"):
        pty.close()
    qtbot.waitUntil(lambda: desk.scanner.state in ("disconnected", "error"), timeout=5000)
    assert "disconnected" in desk.status.scanner.text().lower() or "problem" in desk.status.scanner.text().lower()


@pytest.mark.parametrize(("code", "status", "color", "words"), [
    ("MWC-RU-003", "ok", "green", "Иван Иванов"),
    ("MWC-AR-004", "cancelled", "red", "ليلى حداد"),
    ("MWC-KR-005", "blocked", "red", "김민준"),
    ("NO-SUCH-CODE-9", "unknown", "red", "CODE NOT FOUND"),
])
def test_wedge_keystrokes_give_verdict(desk: Any, qtbot: Any, code: str, status: str, color: str,
                                       words: str) -> None:
    desk.home.setFocus()
    with qtbot.waitSignal(desk.panel.painted, timeout=5000) as painted:
        qtbot.keyClicks(desk.home, code)
        qtbot.keyClick(desk.home, Qt.Key.Key_Return)
    assert painted.args[0] == status
    assert desk.panel.color == color
    assert words in desk.panel.texts()
    assert desk.panel.headline.text() == desk.panel.headline.text().upper()  # words, not only colour
    assert desk.panel.icon.kind == color  # and the icon's shape
    # the text colour is the verdict's foreground (white on red/green, near-black on amber)
    fg = desk.panel.name.palette().color(QPalette.ColorRole.WindowText).name()
    assert fg == COLORS[color][1]


def test_wedge_scan_with_search_focus_does_not_type_into_it(desk: Any, qtbot: Any) -> None:
    desk.focus_search()
    assert desk.search_field.hasFocus()
    with qtbot.waitSignal(desk.verdict_shown, timeout=5000) as shown:
        qtbot.keyClicks(desk.search_field, "MWC-ZH-001")
        qtbot.keyClick(desk.search_field, Qt.Key.Key_Return)
    assert shown.args == ["ok"]
    assert desk.search_field.text() == ""
    assert "王伟" in desk.panel.texts()

    # a person typing (150 ms between keys, on a fake clock: no sleeping) reaches the field
    now = [1000.0]
    desk.wedge.clock = lambda: now[0]
    for ch in "wang":
        now[0] += 0.15
        qtbot.keyClick(desk.search_field, ch)
    now[0] += 1.0  # the last key is held ≤ 50 ms in case a scan follows; the idle gap is over
    qtbot.waitUntil(lambda: desk.search_field.text() == "wang", timeout=3000)
    qtbot.waitUntil(lambda: desk.search.shown_query == "wang", timeout=5000)
    assert desk.search.model.rows[0]["code"] == "MWC-ZH-001"
    assert desk.search.model.rows[0]["checked_in"] is True


def test_scan_while_walkin_dialog_is_open_still_shows_verdict(desk: Any, qtbot: Any) -> None:
    dialog = desk.open_walkin()
    qtbot.waitUntil(dialog.f["given_name"].hasFocus, timeout=3000)
    with qtbot.waitSignal(desk.verdict_shown, timeout=5000):
        qtbot.keyClicks(dialog.f["given_name"], "MWC-RU-003")
        qtbot.keyClick(dialog.f["given_name"], Qt.Key.Key_Return)
    assert dialog.f["given_name"].text() == ""
    assert dialog.isVisible()
    dialog.close()


def test_offline_is_shown_and_scans_still_work(desk: Any, qtbot: Any) -> None:
    from ui.shots import OfflineSync

    assert desk.status.sync.text() == "Standalone (no registry)"
    desk.ctx.sync = OfflineSync(outbox=12)
    desk.refresh_sync()
    qtbot.waitUntil(lambda: desk.status.state.state == "offline", timeout=5000)
    assert desk.status.sync.text().startswith("OFFLINE since")
    assert "12 changes saved here" in desk.status.sync.text()
    assert desk.status.sync.color == "amber"  # visible, not alarming
    assert desk.status.drift.isVisible()
    with qtbot.waitSignal(desk.verdict_shown, timeout=5000) as shown:
        desk.handle_scan(ScanEvent("test", b"MWC-RU-003", "MWC-RU-003", 0.0))
    assert shown.args == ["ok"]


def test_search_finds_people_in_four_scripts(desk: Any, qtbot: Any) -> None:
    for query, code in (("王伟", "MWC-ZH-001"), ("Иванов", "MWC-RU-003"), ("حداد", "MWC-AR-004"),
                        ("김민준", "MWC-KR-005"), ("nunez", "MWC-ES-002")):
        desk.focus_search()
        desk.search_field.setText(query)
        qtbot.waitUntil(lambda q=query: desk.search.shown_query == q, timeout=5000)
        assert desk.search.model.rows, query
        assert desk.search.model.rows[0]["code"] == code, query
        assert desk.side_stack.currentIndex() == 1
    qtbot.keyClick(desk.search_field, Qt.Key.Key_Escape)
    assert desk.search_field.text() == "" and desk.side_stack.currentIndex() == 0


def test_auto_print_never_replaces_the_badge_that_was_scanned(desk: Any, qtbot: Any) -> None:
    """A badge printed before the event (or at another desk) scanned at an auto-print desk: the
    check-in is all that happens; a new badge would revoke the one in the person's hand."""
    st = desk.ctx.station
    assert st.settings["auto_print"]
    person = st.attendee("MWC-RU-003")
    token = st.issue_badge("MWC-RU-003").token
    with qtbot.waitSignal(desk.verdict_shown, timeout=5000) as shown:
        desk.handle_scan(ScanEvent("test", token.encode(), token, 0.0))
    assert shown.args == ["ok"]
    assert st.replica.one("SELECT count(*) FROM print_jobs WHERE attendee_id = ?", (person["id"],))[0] == 0
    assert [b["revoked_hlc"] for b in st.badges(person["id"])] == [None]
    other = st.attendee("MWC-FR-001") or next(iter(st.replica.query(
        "SELECT * FROM attendees WHERE id NOT IN (SELECT attendee_id FROM checkins) LIMIT 1")))
    with qtbot.waitSignal(desk.ctx.printer.job_done, timeout=15000) as printed:  # no badge yet: one is printed
        desk.handle_scan(ScanEvent("test", other["code"].encode(), other["code"], 0.0))
    assert printed.args[0].attendee_id == other["id"]


def test_input_method_turns_itself_off_when_forgotten(desk: Any, qtbot: Any) -> None:
    """Ctrl+Space gives the search field the input method and pauses scans there; left on and
    unused, it goes off by itself (the minute is shortened here)."""
    from ui.scanners import INPUT_METHOD

    desk._ime_idle.setInterval(300)
    desk.toggle_input_method(True)
    assert desk.search_field.property(INPUT_METHOD) and desk.ime_pill.isVisibleTo(desk)
    desk.search_field.setText("王")  # a committed character: the idle time starts again
    assert desk._ime_idle.isActive()
    with qtbot.waitSignal(desk._ime_idle.timeout, timeout=3000):
        pass
    assert not desk.search_field.property(INPUT_METHOD) and not desk.ime_pill.isVisibleTo(desk)
