"""Accessibility of the station windows: names for every interactive widget, Tab reaches them, the
keys are shown where the actions are, F1 lists them, Esc closes dialogs, every verdict says itself
with an icon shape and words (and to a screen reader), and a 200 % screen clips no text."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QRadioButton,
    QScrollBar,
    QSplitterHandle,
    QTabBar,
    QWidget,
)

from tests.ui.conftest import ROOMS_PROGRAM as PROGRAM

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def wizard(qapp: Any, qtbot: Any, tmp_path: Path) -> Iterator[Any]:
    from ui.setup import SetupWizard
    from venue_app.paths import Paths

    window = SetupWizard(Paths.at(tmp_path / "new"))
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.close()


def _internal(w: QWidget) -> bool:
    """Parts of a composite widget that the composite itself names (a combo's line edit, a table's
    viewport and headers, scroll bars, a line edit's clear button, splitter handles, tab bars)."""
    if isinstance(w, QScrollBar | QHeaderView | QSplitterHandle | QTabBar):
        return True
    parent = w.parentWidget()
    while parent is not None:
        if isinstance(parent, QComboBox | QAbstractSpinBox | QLineEdit | QHeaderView | QAbstractItemView):
            return True
        parent = parent.parentWidget()
    return False


def _interactive(window: QWidget) -> list[QWidget]:
    out = []
    for w in window.findChildren(QWidget):
        if not w.isVisibleTo(window) or not w.isEnabled() or _internal(w):
            continue
        if isinstance(w, QAbstractButton) or w.focusPolicy() & Qt.FocusPolicy.TabFocus:
            out.append(w)
    return out


def _name(w: QWidget) -> str:
    if w.accessibleName():
        return w.accessibleName()
    if isinstance(w, QAbstractButton) and w.text().replace("&", "").strip():
        return w.text()
    for label in w.window().findChildren(QLabel):
        if label.buddy() is w and label.text():
            return label.text()
    parent = w.parentWidget()
    layout = parent.layout() if parent is not None else None
    if isinstance(layout, QFormLayout):
        label = layout.labelForField(w)
        if isinstance(label, QLabel) and label.text():
            return label.text()
    return ""


def _windows(desk: Any, door: Any, dashboard: Any, wizard: Any) -> list[QWidget]:
    return [desk, door, dashboard, wizard]


def test_every_interactive_widget_has_an_accessible_name(desk: Any, door: Any, dashboard: Any,
                                                         wizard: Any) -> None:
    from ui.display import DisplayDialog
    from ui.shortcuts import ShortcutsDialog

    desk.open_attendee(desk.ctx.station.replica.one("SELECT id FROM attendees LIMIT 1")[0])
    walkin = desk.open_walkin()
    extra = [walkin, ShortcutsDialog(desk, desk.ctx.station.settings), DisplayDialog(desk.ctx.station.settings)]
    for dialog in extra[1:]:
        dialog.show()
    missing: dict[str, list[str]] = {}
    counted = 0
    for window in _windows(desk, door, dashboard, wizard) + extra:
        widgets = _interactive(window)
        counted += len(widgets)
        nameless = [f"{type(w).__name__}({w.objectName()})" for w in widgets if not _name(w)]
        if nameless:
            missing[type(window).__name__] = nameless
    for dialog in extra:
        dialog.close()
    assert counted > 60
    assert not missing, missing


def _tab_cycle(window: QWidget, qtbot: Any, presses: int) -> set[QWidget]:
    window.activateWindow()
    window.raise_()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=3000)
    reached: set[QWidget] = set()
    for _ in range(presses):
        focus = QApplication.focusWidget() or window
        qtbot.keyClick(focus, Qt.Key.Key_Tab)
        if QApplication.focusWidget() is not None:
            reached.add(QApplication.focusWidget())
    return reached


@pytest.mark.parametrize("which", ["desk", "door", "dashboard", "wizard"])
def test_tab_reaches_every_interactive_widget_or_it_has_a_shown_key(which: str, request: Any, qtbot: Any) -> None:
    window = request.getfixturevalue(which)
    widgets = _interactive(window)
    tabbable = [w for w in widgets if w.focusPolicy() & Qt.FocusPolicy.TabFocus]
    reached = _tab_cycle(window, qtbot, 2 * len(tabbable) + 10)
    unreached = [f"{type(w).__name__}({_name(w)})" for w in tabbable
                 if w not in reached and not any(w.isAncestorOf(r) for r in reached)]
    assert not unreached
    # what Tab skips on purpose (focus stays where scans expect it) has its key printed on it
    for w in widgets:
        if isinstance(w, QRadioButton):  # one Tab stop per group, arrow keys within it
            assert any(isinstance(r, QRadioButton) and r.parentWidget() is w.parentWidget() for r in reached)
            continue
        if not w.focusPolicy() & Qt.FocusPolicy.TabFocus:
            key = getattr(w, "key_text", "") or w.text().rsplit("(", 1)[-1].rstrip(")")
            assert key and key in w.text(), (which, w.text())
            # ...and the key really is bound in the window
            keys = {s.key().toString() for s in window.findChildren(QShortcut)}
            assert QKeySequence(key.replace("−", "-")).toString() in keys, (which, key)


def _normal(text: str) -> str:
    return text.replace("Return", "Enter").replace(" ", "")


def test_keys_are_shown_listed_and_never_plain_letters(desk: Any, door: Any, dashboard: Any, wizard: Any) -> None:
    from ui.shortcuts import ShortcutsDialog

    for window in _windows(desk, door, dashboard, wizard):
        shortcuts = window.findChildren(QShortcut)
        if window is not wizard:
            assert len(shortcuts) >= 4
        listed = {key for key, _what in ShortcutsDialog(window).rows}
        for s in shortcuts:
            seq = s.key()
            text = seq.toString(QKeySequence.SequenceFormat.NativeText)
            assert s.whatsThis(), (type(window).__name__, text)  # described in the F1 list
            assert text in listed
            combo = seq[0]
            plain = combo.keyboardModifiers() == Qt.KeyboardModifier.NoModifier
            key = combo.key()
            # the wedge scanner types letters and digits: no shortcut may take them
            assert not (plain and (Qt.Key.Key_0 <= key <= Qt.Key.Key_9 or Qt.Key.Key_A <= key <= Qt.Key.Key_Z))
        for b in window.findChildren(QAbstractButton):
            mnemonic = b.shortcut().toString().removeprefix("Alt+")
            if not b.shortcut().isEmpty() and f"&{mnemonic}".lower() not in b.text().lower():  # underlined
                shown = _normal(b.text() + " " + b.toolTip())
                assert _normal(b.shortcut().toString()) in shown, b.text()
            key = getattr(b, "key_text", "")
            if key:
                assert key in b.text() and key in b.toolTip()
    assert "Ctrl+F" in desk.key_buttons["F2"].toolTip() and "F7" in door.in_button.toolTip()
    assert "Ctrl+P" in dashboard.export_pdf.toolTip()


def test_f1_help_display_dialog_and_esc_closes_dialogs(desk: Any, door: Any, qtbot: Any) -> None:
    from ui.display import DisplayDialog
    from ui.shortcuts import ShortcutsDialog
    from ui.walkin import WalkinDialog

    for window in (desk, door):
        window.activateWindow()
        qtbot.waitUntil(lambda w=window: QApplication.activeWindow() is w, timeout=3000)
        for key, mods, kind in ((Qt.Key.Key_F1, Qt.KeyboardModifier.NoModifier, ShortcutsDialog),
                                (Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
                                 DisplayDialog)):
            qtbot.keyClick(QApplication.focusWidget() or window, key, mods)
            qtbot.waitUntil(lambda k=kind, w=window: any(d.isVisible() for d in w.findChildren(k)), timeout=3000)
            dialog = next(d for d in window.findChildren(kind) if d.isVisible())
            if kind is ShortcutsDialog:
                assert any(k == "F1" for k, _ in dialog.rows) and len(dialog.rows) >= 10
            qtbot.waitUntil(lambda d=dialog: QApplication.activeWindow() is d, timeout=3000)
            qtbot.keyClick(QApplication.focusWidget() or dialog, Qt.Key.Key_Escape)
            qtbot.waitUntil(lambda d=dialog: not d.isVisible(), timeout=3000)
            window.activateWindow()
            qtbot.waitUntil(lambda w=window: QApplication.activeWindow() is w, timeout=3000)
    # the walk-in dialog (non-modal, F3): Esc closes it rather than sending the desk back to scanning
    walkin: WalkinDialog = desk.open_walkin()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is walkin, timeout=3000)
    qtbot.keyClick(QApplication.focusWidget() or walkin, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not walkin.isVisible(), timeout=3000)


def test_every_verdict_has_an_icon_shape_and_words(desk: Any, door: Any, dashboard: Any) -> None:
    from ui.alerts import STATE_STYLE
    from venue_app.verdicts import STATUSES, Verdict

    shapes: dict[str, set[str]] = {}
    QAccessible.setActive(True)  # the announcement path runs too (no assistive tool offscreen)
    try:
        descriptions = set()
        for status, (color, _sound, message) in STATUSES.items():
            v = Verdict(status, message, {"given_name": "Ana", "family_name": "Lima"})
            desk.panel.show_verdict(v)
            headline = desk.panel.headline.text()
            assert headline and headline.isupper(), status
            assert desk.panel.icon.kind == color and desk.panel.icon.accessibleName(), status
            assert headline in desk.panel.accessibleDescription()
            descriptions.add(desk.panel.accessibleDescription())
            shapes.setdefault(color, set()).add(desk.panel.icon.accessibleName())
            door.show_verdict(v, "in")
            assert door.flash.icon.kind == ("amber" if status == "already_checked_in" else color) or v.ok
            assert door.flash.headline.text() and door.flash.headline.text() in door.flash.accessibleDescription()
    finally:
        QAccessible.setActive(False)
    assert len(descriptions) == len(STATUSES)  # a screen reader hears each verdict differently
    assert all(len(names) == 1 for names in shapes.values())
    assert len({next(iter(n)) for n in shapes.values()}) == len(shapes)  # green, amber, red: three shapes
    # room states: words and an icon with the colour, on the door and the dashboard tiles
    assert len({words for _c, words, _i in STATE_STYLE.values()}) == 3
    assert len({icon for _c, _w, icon in STATE_STYLE.values()}) == 3
    tile = dashboard.tiles["hall"]
    for state in ("normal", "near_full", "full"):
        room = dict(tile.room, state=state)
        tile.set_room(room, [])
        assert tile.icon.kind == STATE_STYLE[state][2]
        assert tile.state.text() and tile.state.text() in tile.accessibleDescription()
    door.gauge.set(9, 10, "near_full")
    assert "9" in door.gauge.accessibleDescription() and door.gauge.accessibleDescription().count(" ") >= 3


_CHILD = r"""
import json, os, sys
sys.path.insert(0, sys.argv[1])
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from pathlib import Path
from ui.app import ensure_app
from ui.theme import apply_theme
app = ensure_app()
apply_theme(app, "light", sys.argv[3])
from tests.conftest import new_station
from ui.desk import create_desk
from ui.door import open_door_window
from ui.dashboard import open_dashboard
from ui.shots import wait_until
from PySide6.QtWidgets import QAbstractButton, QLabel
st = new_station(Path(sys.argv[2]))
st.load_program(json.loads(sys.argv[4]))
desk = create_desk(st, sounds=False, open_scanner=False, sync=None)
door = open_door_window(st, room="vip", sounds=False, sync=False)
dash = open_dashboard(st, sounds=False, sync=False)
for w, size in ((desk, (1366, 740)), (door, (1280, 720)), (dash, (1366, 740))):
    w.resize(*size)
    w.show()
wait_until(lambda: bool(door.view) and bool(dash.tiles))
desk.panel.show_info("Checked in", "Registered and checked in. The badge is printing.", None, "green")
for _ in range(5):
    app.processEvents()
clipped = []
for window in (desk, door, dash):
    for w in window.findChildren(QLabel) + window.findChildren(QAbstractButton):
        if not w.isVisibleTo(window) or not w.text() or w.width() <= 1:
            continue
        hint = w.sizeHint()
        if isinstance(w, QLabel) and w.wordWrap():
            short = w.height() + 1 < w.heightForWidth(w.width())
        else:
            short = w.width() + 1 < hint.width() or w.height() + 1 < min(hint.height(), w.maximumHeight())
        if short:
            clipped.append([type(window).__name__, type(w).__name__, w.text()[:40], w.width(), w.height(),
                            hint.width(), hint.height()])
print(json.dumps({"ratio": desk.devicePixelRatio(), "grab": [desk.grab().width(), desk.width()],
                  "sizes": [[w.width(), w.height()] for w in (desk, door, dash)], "clipped": clipped}))
for w in (desk, door, dash):
    w.close()
"""


@pytest.mark.parametrize(("scale", "text_size"), [("2", "normal"), ("1", "large")])
def test_layout_at_200_percent_and_large_text_clips_nothing(tmp_path: Path, scale: str, text_size: str) -> None:
    env = dict(os.environ, QT_SCALE_FACTOR=scale, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run([sys.executable, "-c", _CHILD, str(ROOT), str(tmp_path / "st"), text_size,
                          json.dumps(PROGRAM)], capture_output=True, text=True, env=env, timeout=120, cwd=ROOT)
    assert out.returncode == 0, out.stderr[-3000:]
    report = json.loads(out.stdout.strip().splitlines()[-1])
    assert report["ratio"] == float(scale)
    assert report["grab"][0] == report["grab"][1] * int(scale)  # really drawn at twice the pixels
    assert not report["clipped"], report["clipped"]
    # the windows keep their width (the key bar wraps); the desk's minimum height (its attendee page)
    # grows with the text and still fits a 1440×900 screen
    assert [w for w, _h in report["sizes"]] == [1366, 1280, 1366], report["sizes"]
    assert all(h <= 900 for _w, h in report["sizes"]), report["sizes"]


# -- what a screen reader hears (issue 16 item 9) -------------------------------------------------
# Offscreen no assistive technology is connected, so QAccessible.setActive(True) turns the spoken
# path on; what reaches AT-SPI and Orca from these same widgets is checked in test_orca.py.


@pytest.fixture
def listening() -> Iterator[None]:
    QAccessible.setActive(True)
    try:
        yield
    finally:
        QAccessible.setActive(False)


def _scan(qtbot: Any, window: Any, code: str) -> str:
    import time

    from devices.events import ScanEvent

    with qtbot.waitSignal(window.verdict_shown, timeout=5000) as shown:
        window.handle_scan(ScanEvent("keyboard", code.encode(), code, time.monotonic()))
    return str(shown.args[0])


def test_sentences_end_once() -> None:
    from ui.a11y import sentences

    assert sentences("CODE NOT FOUND", "", "Search by name or send them to the help desk.", " Barcelona · ES ") == \
        "CODE NOT FOUND. Search by name or send them to the help desk. Barcelona · ES."
    assert sentences("Is it you?", "Welcome!", "“Checked in.”", "已签到。", "Wait…") == \
        "Is it you? Welcome! “Checked in.” 已签到。 Wait…"
    assert sentences("two\nlines", "  ") == "two lines."
    assert sentences("未找到代码", "王伟") == "未找到代码。 王伟。"


def test_a_repeated_verdict_is_spoken_again(desk: Any, qtbot: Any, listening: None) -> None:
    from ui.a11y import Notice, notice_of

    assert _scan(qtbot, desk, "NO-SUCH-CODE-1") == "unknown"
    notice = notice_of(desk.panel)
    first = notice.accessibleName()
    assert notice.said == 1 and "CODE NOT FOUND" in first
    assert _scan(qtbot, desk, "NO-SUCH-CODE-1") == "unknown"  # the same words: still a new scan
    assert notice.said == 2 and notice.accessibleName() == first == desk.panel.accessibleDescription()
    # what AT-SPI sees: a notification (Orca 43 reads one when it is shown), named with the verdict
    iface = QAccessible.queryAccessibleInterface(notice)
    assert iface.role() == QAccessible.Role.Notification
    assert iface.text(QAccessible.Text.Name) == first
    assert notice.isVisible() and notice.width() <= 1 and notice.height() <= 1
    shot = desk.panel.grab().toImage()  # nothing to see: the pixel under it is the panel's own colour
    assert shot.pixelColor(notice.x(), notice.y()) == shot.pixelColor(notice.x() + 3, notice.y() + 3)
    assert not notice.focusPolicy() & Qt.FocusPolicy.TabFocus
    assert len(desk.panel.findChildren(Notice)) == 1  # one per panel, reused
    # the idle panel is described but not read out
    desk.panel.show_idle()
    assert notice.said == 2 and desk.panel.accessibleDescription() != first


def test_no_hidden_pill_and_no_doubled_stops_in_what_is_said(desk: Any, qtbot: Any, listening: None) -> None:
    from ui.a11y import notice_of

    assert _scan(qtbot, desk, "MWC-ES-002") == "ok"
    said_ok = notice_of(desk.panel).accessibleName()
    assert "Delegate" in said_ok and desk.panel.category.isVisible()
    assert _scan(qtbot, desk, "NO-SUCH-CODE-2") == "unknown"
    said = notice_of(desk.panel).accessibleName()
    assert desk.panel.category.isHidden() and desk.panel.category.text() == "Delegate"  # still there, hidden
    assert "Delegate" not in said and "Delegate" not in desk.panel.texts()  # the previous person's pill
    assert "José" not in said
    for text in (said_ok, said):
        assert ".." not in text and ". ." not in text, text
    assert said.count("help desk.") == 1


def test_every_verdict_is_said_without_doubled_stops(desk: Any, door: Any, listening: None) -> None:
    from ui.a11y import notice_of
    from venue_app.verdicts import STATUSES, Verdict

    for status, (_color, _sound, message) in STATUSES.items():
        v = Verdict(status, message, {"given_name": "Ana", "family_name": "Lima", "category": "DELEGATE",
                                      "delegation": "Lisbon", "country": "PT"})
        desk.panel.show_verdict(v, source="keyboard")
        door.show_verdict(v, "in")
        for widget in (desk.panel, door.flash):
            said = notice_of(widget).accessibleName()
            assert said == widget.accessibleDescription(), status
            assert ".." not in said and ". ." not in said and " ." not in said, said
            assert "Ana Lima" in said, said


def test_the_door_repeats_a_repeated_verdict(door: Any, qtbot: Any, listening: None) -> None:
    from ui.a11y import notice_of

    assert _scan(qtbot, door, "NO-SUCH-CODE-3") != "ok"
    said = notice_of(door.flash).said
    assert _scan(qtbot, door, "NO-SUCH-CODE-3") != "ok"
    assert notice_of(door.flash).said == said + 1


def test_without_a_listener_nothing_is_built(desk: Any, qtbot: Any) -> None:
    from ui.a11y import Notice

    assert not QAccessible.isActive()
    assert _scan(qtbot, desk, "NO-SUCH-CODE-4") == "unknown"
    assert "CODE NOT FOUND" in desk.panel.accessibleDescription()  # described for a reader who looks
    assert not desk.panel.findChildren(Notice)  # and nothing made for nobody


def test_other_platforms_get_the_announcement_event(desk: Any, qtbot: Any, listening: None,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    import ui.a11y
    from ui.a11y import Notice

    monkeypatch.setattr(ui.a11y, "ATSPI", False)  # Windows/macOS: Qt's announcement, no notification child
    assert _scan(qtbot, desk, "NO-SUCH-CODE-5") == "unknown"
    assert not desk.panel.findChildren(Notice)
    assert "CODE NOT FOUND" in desk.panel.accessibleDescription()


def test_the_clock_is_read_to_the_minute(desk: Any, qtbot: Any) -> None:
    import re

    clock = desk.status.clock
    seconds = re.compile(r"\d\d:\d\d:\d\d")
    names = set()
    before = clock.text()
    qtbot.waitUntil(lambda: clock.text() != before, timeout=3000)  # the visible clock ticks per second
    for _ in range(3):
        desk.status._tick()
        names.add(QAccessible.queryAccessibleInterface(clock).text(QAccessible.Text.Name))
    assert seconds.search(clock.text())
    # a reader gets HH:MM (and the zone), not a name that changes every second
    assert all(name and not seconds.search(name) for name in names), names
    assert len(names) <= 2  # one more only if a minute turned meanwhile
    assert clock.text().startswith(next(iter(names))[:2])
