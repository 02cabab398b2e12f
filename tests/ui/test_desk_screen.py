"""The desk on the screens congress laptops have: it fits 1366×768 at normal text size, never cuts a
word off, and never resizes itself while scans with long names, many verdicts and person pages come
and go. Each state is grabbed to a PNG (under the system temp dir, ``desk-<screen>-<state>.png``) to
be looked at; the checks below are what a look would catch."""

from __future__ import annotations

import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QAbstractButton, QLabel, QScrollArea, QWidget

from devices.events import ScanEvent
from ui.statusbar import SyncStatus
from ui.widgets import Pill

#: the window's client area on each screen: a 40 px task bar and a 28 px title bar taken off
SCREENS = {"1366x768": (1366, 700), "1920x1080": (1920, 1012)}
SHOTS = Path(tempfile.gettempdir())

LONG = [
    {"code": "MWC-ES-LONG", "honorific": "H.E.", "given_name": "Maximiliano Alejandro",
     "family_name": "de la Santísima Trinidad Fernández-Castellanos", "native_name": "",
     "job_title": "Deputy Mayor for International Relations, Protocol and Development Cooperation",
     "organisation": "Ayuntamiento de Santiago de Compostela — Concejalía de Relaciones Internacionales y "
                     "Cooperación al Desarrollo Sostenible",
     "email": "maximiliano.alejandro.delasantisimatrinidad@relaciones-internacionales.santiago.example.gob.es",
     "category": "MAYOR", "country": "ES", "delegation": "Santiago de Compostela",
     "notes": "Wheelchair user; needs the step-free route to the plenary and a seat on the aisle, row 3."},
    {"code": "MWC-TH-LONG", "given_name": "Chayanuch", "family_name": "Srisawatdiwongsakul",
     "native_name": "ชญานุช ศรีสวัสดิ์ดิวงศ์สกุล", "category": "DELEGATE", "country": "TH",
     "organisation": "Bangkok Metropolitan Administration", "delegation": "Santiago de Compostela"},
    {"code": "MWC-AE-LONG", "given_name": "Abdulrahman", "family_name": "Al-Mansouri Al-Falasi",
     "native_name": "عبد الرحمن بن محمد المنصوري الفلاسي", "honorific": "Dr.", "category": "SPEAKER",
     "country": "AE", "job_title": "Director General", "organisation": "Dubai Municipality"},
]


def clipped(window: QWidget) -> list[tuple[str, str, int, int, int, int]]:
    """Visible labels and buttons whose text does not fit their rectangle (the check of
    tests/ui/test_a11y.py, in process)."""
    out = []
    for w in window.findChildren(QLabel) + window.findChildren(QAbstractButton):
        if not w.isVisibleTo(window) or not w.text() or w.width() <= 1:
            continue
        if isinstance(w, Pill) and w.elided:  # ends in "…" by design, whole in its accessible name
            assert w.accessibleName() == w.full_text and w.shown_text().endswith("…")
            continue
        hint = w.sizeHint()
        if isinstance(w, QLabel) and w.wordWrap():
            short = w.height() + 1 < w.heightForWidth(w.width())
        else:
            short = w.width() + 1 < hint.width() or w.height() + 1 < min(hint.height(), w.maximumHeight())
        if short:
            out.append((type(w).__name__, w.text()[:50], w.width(), w.height(), hint.width(), hint.height()))
    return out


def _scrolls(desk: Any) -> dict[str, tuple[int, int]]:
    """Each pane's (horizontal, vertical) scroll range: 0 means everything is in view."""
    pages = {1: "attendee_scroll", 2: "delegation_scroll"}
    shown = {"verdict_scroll", pages.get(desk.side.currentIndex(), "")}
    return {a.objectName(): (a.horizontalScrollBar().maximum(), a.verticalScrollBar().maximum())
            for a in desk.findChildren(QScrollArea) if a.objectName() in shown}


class _Offline:
    """A sync source whose registry has been out of reach for a while, with a lot waiting."""

    def sync_status(self) -> SyncStatus:
        return SyncStatus("offline", 12345, since=datetime.now(UTC) - timedelta(minutes=42),
                          message="The registry cannot be reached: connection refused by "
                                  "registry.metropolis-congress.example.org:8443 (TLS handshake)")


def _in_view(widget: QWidget, area_name: str) -> bool:
    """``widget`` lies wholly inside the visible part of the scroll area ``area_name``."""
    area = widget.window().findChild(QScrollArea, area_name)
    view = area.viewport()
    top_left = widget.mapTo(view, widget.rect().topLeft())
    return view.rect().contains(top_left) and view.rect().contains(top_left + widget.rect().bottomRight())


@pytest.mark.parametrize("screen", list(SCREENS))
def test_desk_fits_the_screen_and_never_resizes_itself(desk: Any, qtbot: Any, qapp: Any, screen: str) -> None:
    st = desk.ctx.station
    st.add_attendees(LONG)
    size = SCREENS[screen]
    desk.resize(*size)
    qtbot.waitUntil(lambda: (desk.width(), desk.height()) == size, timeout=2000)
    hint = desk.minimumSizeHint()
    assert hint.width() <= size[0] and hint.height() <= size[1], hint

    def check(state: str, *, verdict_in_view: bool = True, page_in_view: bool = True, squeezed: bool = False) -> None:
        for _ in range(3):
            qapp.processEvents()
        if not squeezed:  # with the usual words nothing needs a "…"
            assert not [p.full_text for p in desk.findChildren(Pill) if p.elided], state
        desk.grab().save(str(SHOTS / f"desk-{screen}-{state}.png"))
        assert (desk.width(), desk.height()) == size, f"{state}: the window resized itself to {desk.size()}"
        assert not clipped(desk), (state, clipped(desk))
        scrolls = _scrolls(desk)
        assert all(h == 0 for h, _v in scrolls.values()), (state, scrolls)  # nothing sideways
        if verdict_in_view:  # the verdict is read from two metres: never half of it below the fold
            assert scrolls["verdict_scroll"][1] == 0, (state, scrolls)
        if page_in_view:
            assert all(v == 0 for name, (_h, v) in scrolls.items() if name != "verdict_scroll"), (state, scrolls)

    check("idle")
    with qtbot.waitSignal(desk.verdict_shown, timeout=5000):
        desk.handle_scan(ScanEvent("test", b"MWC-ES-LONG", "MWC-ES-LONG", 0.0))
    check("long-name-verdict")
    for i in range(12):  # many verdicts of every colour
        code = ("MWC-TH-LONG", "MWC-AE-LONG", "MWC-AR-004", f"NOT-A-CODE-{i:04d}-" + "X" * 40)[i % 4]
        with qtbot.waitSignal(desk.verdict_shown, timeout=5000):
            desk.handle_scan(ScanEvent("test", code.encode(), code, 0.0))
        assert (desk.width(), desk.height()) == size
    check("many-verdicts")
    a = desk.attendee
    for code in ("MWC-ES-LONG", "MWC-AE-LONG", "MWC-TH-LONG", "MWC-ZH-001", "MWC-RU-003"):
        with qtbot.waitSignal(desk.attendee.loaded, timeout=5000):
            desk.open_attendee(st.attendee(code)["id"])
        # a page with long names, titles and history may scroll on 1366×768 (nothing is cut off),
        # but who it is, their state and what the desk can do are in view at once; a short page
        # is in view whole, and everything is at 1920×1080
        short = code in ("MWC-ZH-001", "MWC-RU-003") or screen == "1920x1080"
        check(f"person-{code}", page_in_view=short)
        for w in (a.name, a.status, a.arrival, a.b_back, a.b_checkin, a.b_print, a.b_edit, a.b_block):
            assert _in_view(w, "attendee_scroll"), (code, w.text())
    with qtbot.waitSignal(desk.delegation.loaded, timeout=5000):
        desk.open_delegation("")
    check("delegation")
    desk.focus_search()
    desk.search_field.setText("a")
    qtbot.waitUntil(lambda: desk.search.shown_query == "a", timeout=5000)
    check("search")
    desk.back_to_scanning()
    desk.ctx.sync = _Offline()  # the desk polls its sync source; this one cannot reach its registry
    desk.refresh_sync()
    qtbot.waitUntil(lambda: desk.status.state.state == "offline", timeout=5000)
    desk.status.set_scanner("connected", "/dev/serial/by-id/usb-Honeywell_Imaging___Mobility_1950g_21345B0123-if00 "
                                         "(Honeywell Xenon Extreme Performance 1950g, USB serial emulation)")
    check("offline", squeezed=True)
    assert desk.status.scanner.text().startswith("Scanner connected · /dev/serial/by-id/usb-Honeywell")
    if screen == "1366x768":
        assert desk.status.scanner.elided  # the device's long name gives way; "OFFLINE since" stays in view
        assert desk.status.sync.shown_text().startswith("OFFLINE since")


def test_window_opens_within_a_small_screen(desk_station: Any, qapp: Any) -> None:
    """Opened without a size, the desk takes at most the screen's free area (offscreen: 800×800)."""
    from ui.desk import create_desk
    from ui.shots import dispose

    window = create_desk(desk_station, sounds=False, open_scanner=False, sync=None)
    try:
        free = window.screen().availableGeometry()
        assert window.width() <= free.width() and window.height() <= free.height()
    finally:
        window.close()
        dispose(window)
