"""The keyboard-wedge filter with modifier keys, as a keyboard-mode scanner sends them (synthetic
QKeyEvents through the application's event filter on the real desk window, offscreen; the same
through a real X server is in ``test_wedge_x11.py``).

A scanner sends Shift-press, key, Shift-release for every capital; AltGr or Shift for symbols;
a desk's Num Lock or Caps Lock may be toggled in between. None of them may end or break a scan.
The wedge's clock is a fake one advanced per key, so the timing is exact and nothing sleeps.
"""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from ui.scanners import MODIFIER_KEYS

Mod = Qt.KeyboardModifier


class Keyboard:
    """Sends key events to the focused widget through the application, on a fake clock."""

    def __init__(self, desk: Any) -> None:
        self.now = 5000.0
        self.desk = desk
        desk.wedge.clock = lambda: self.now

    def target(self) -> QWidget:
        return QApplication.focusWidget() or self.desk

    def event(self, kind: QEvent.Type, key: int, mods: Mod = Mod.NoModifier, text: str = "") -> None:
        QApplication.sendEvent(self.target(), QKeyEvent(kind, key, mods, text))

    def tap(self, key: int, mods: Mod = Mod.NoModifier, text: str = "") -> None:
        self.event(QEvent.Type.KeyPress, key, mods, text)
        self.event(QEvent.Type.KeyRelease, key, mods, text)

    def modifier(self, key: int, mods: Mod = Mod.NoModifier) -> None:
        """A lone modifier press and release (no text)."""
        self.tap(key, mods)

    def scan(self, text: str, interval: float, suffix: str = "\r", extra: list[int] | None = None) -> None:
        """``text`` as a scanner types it: Shift around capitals and shifted symbols, ``interval``
        seconds per key; ``extra`` modifier keys are pressed and released before every fifth key."""
        for i, ch in enumerate(text):
            self.now += interval
            if extra and i % 5 == 0:
                for key in extra:
                    self.modifier(key)
            shifted = ch.isupper() or ch in '!@#$%^&*()_+{}:"<>?~|'
            key = ord(ch.upper()) if ch.isalnum() and ch.isascii() else ord(ch)
            if shifted:
                self.event(QEvent.Type.KeyPress, Qt.Key.Key_Shift, Mod.ShiftModifier)
            mods = Mod.ShiftModifier if shifted else Mod.NoModifier
            self.tap(key, mods, ch)
            if shifted:
                self.event(QEvent.Type.KeyRelease, Qt.Key.Key_Shift, Mod.NoModifier)
        if suffix:
            self.now += interval
            self.tap(Qt.Key.Key_Tab if suffix == "\t" else Qt.Key.Key_Return, Mod.NoModifier, suffix)

    def idle(self, seconds: float = 1.0) -> None:
        self.now += seconds


@pytest.fixture
def kb(desk: Any) -> Keyboard:
    return Keyboard(desk)


def checked_in(desk: Any, code: str) -> bool:
    st = desk.ctx.station
    person = st.attendee(code)
    return st.replica.one("SELECT 1 FROM checkins WHERE attendee_id = ?", (person["id"],)) is not None


@pytest.mark.parametrize("interval", [0.002, 0.008, 0.030, 0.040])
def test_upper_case_badge_with_shift_events_checks_in(desk: Any, qtbot: Any, kb: Keyboard, interval: float) -> None:
    token = desk.ctx.station.issue_badge("MWC-RU-003").token
    assert token.isupper() and token.startswith("VD1")
    desk.focus_search()
    with qtbot.waitSignal(desk.verdict_shown, timeout=5000) as shown:
        kb.scan(token, interval)
    assert shown.args == ["ok"] and checked_in(desk, "MWC-RU-003")
    assert desk.search_field.text() == ""


@pytest.mark.parametrize("suffix", ["\r", "\t", ""])
def test_upper_case_code_with_every_suffix(desk: Any, qtbot: Any, kb: Keyboard, suffix: str) -> None:
    desk.focus_search()
    with qtbot.waitSignal(desk.verdict_shown, timeout=5000) as shown:
        kb.scan("MWC-ES-002", 0.008, suffix)
        kb.idle()  # without a suffix the idle gap ends the scan (the wedge's timer fires on the fake clock)
    assert shown.args == ["ok"] and checked_in(desk, "MWC-ES-002")
    assert desk.search_field.text() == ""


def test_altgr_caps_num_lock_meta_control_alone_never_break_a_scan(desk: Any, qtbot: Any, kb: Keyboard) -> None:
    extra = [Qt.Key.Key_AltGr, Qt.Key.Key_CapsLock, Qt.Key.Key_NumLock, Qt.Key.Key_Meta, Qt.Key.Key_Control,
             Qt.Key.Key_Super_L, Qt.Key.Key_Alt]
    assert set(extra) <= MODIFIER_KEYS
    token = desk.ctx.station.issue_badge("MWC-ZH-001").token
    desk.focus_search()
    with qtbot.waitSignal(desk.verdict_shown, timeout=5000) as shown:
        kb.scan(token, 0.008, extra=extra)
    assert shown.args == ["ok"] and checked_in(desk, "MWC-ZH-001")
    assert desk.search_field.text() == ""


def test_windows_altgr_character_is_typed_text_not_a_shortcut(desk: Any, qtbot: Any, kb: Keyboard) -> None:
    # Windows reports AltGr as Control+Alt; "@" typed so on a German layout is part of the code
    desk.focus_search()
    with qtbot.waitSignal(desk.verdict_shown, timeout=5000) as shown:
        for ch in "MWC@ES@002":
            kb.now += 0.008
            mods = Mod.ControlModifier | Mod.AltModifier if ch == "@" else Mod.ShiftModifier
            kb.tap(ord(ch), mods, ch)
        kb.now += 0.008
        kb.tap(Qt.Key.Key_Return, Mod.NoModifier, "\r")
    assert shown.args == ["unknown"]  # one scan of the whole text, judged (no such code), not typed
    assert desk.search_field.text() == ""
    assert desk.wedge.decoder.scans == 1


def test_shortcut_chord_still_ends_human_typing(desk: Any, qtbot: Any, kb: Keyboard) -> None:
    desk.focus_search()
    for ch in "wa":
        kb.now += 0.15
        kb.tap(ord(ch.upper()), Mod.NoModifier, ch)
    kb.now += 0.01
    kb.tap(Qt.Key.Key_A, Mod.ControlModifier, "\x01")  # Ctrl+A: withheld keys are given back first
    assert desk.search_field.text() == "wa"


def test_lone_shift_then_half_code_then_nothing_is_dropped_with_a_message(desk: Any, qtbot: Any,
                                                                           kb: Keyboard) -> None:
    desk.focus_search()
    with qtbot.waitSignal(desk.verdict_shown, timeout=5000):
        kb.scan("MWC-ES-002", 0.008)  # this scanner sends Enter: from now on a code needs it
    verdicts = desk.scans
    kb.idle()
    kb.event(QEvent.Type.KeyPress, Qt.Key.Key_Shift, Mod.ShiftModifier)
    kb.event(QEvent.Type.KeyRelease, Qt.Key.Key_Shift, Mod.NoModifier)
    with qtbot.waitSignal(desk.wedge.incomplete, timeout=5000) as dropped:
        kb.scan("MWC-ZH-0", 0.008, suffix="")
        kb.idle()
    assert dropped.args == ["MWC-ZH-0"]
    assert desk.scans == verdicts and not checked_in(desk, "MWC-ZH-001")
    assert desk.search_field.text() == ""
    assert desk.panel.headline.text().upper() == "SCAN INCOMPLETE"
    assert not desk.scanning_pill.isVisible()  # the "reading…" hint ended with the broken scan


def test_door_keeps_dashes_in_codes_and_drops_a_half_code(door: Any, qtbot: Any) -> None:
    kb = Keyboard(door)
    door.activateWindow()
    door.setFocus()
    with qtbot.waitSignal(door.verdict_shown, timeout=5000):
        kb.scan("MWC-RU-003", 0.008)  # a scanner that sends Enter
    kb.idle()
    with qtbot.waitSignal(door.wedge.incomplete, timeout=5000) as dropped:
        kb.scan("MWC-ES-0", 0.008, suffix="")
        kb.idle()
    assert dropped.args == ["MWC-ES-0"]
    assert door.flash.headline.text() == "SCAN AGAIN"
    # the "-" in the codes went into the codes, not to the door's "-" clicker shortcut
    assert door.station.replica.one("SELECT count(*) FROM log WHERE type = 'occupancy_adjust'")[0] == 0
