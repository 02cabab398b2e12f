"""Drive a desk window through its main states and save a screenshot of each (tests, docs).

:func:`wait_until` spins the event loop until a condition holds — the work happens on worker
threads and comes back through the event loop, so this waits for real completion, never a fixed time.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDeadlineTimer, QEvent, QEventLoop
from PySide6.QtWidgets import QApplication, QWidget

from ui.statusbar import SyncStatus
from venue_app.paths import Paths
from venue_app.station import Station
from venue_app.views import samples

__all__ = ["OfflineSync", "demo_screenshots", "dispose", "grab", "wait_until"]


def wait_until(condition: Callable[[], Any], timeout_s: float = 10.0) -> None:
    deadline = QDeadlineTimer(int(timeout_s * 1000))
    app = QApplication.instance()
    assert app is not None
    while not condition():
        if deadline.hasExpired():
            raise TimeoutError("condition not met in time")
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)


def grab(widget: QWidget, path: Path) -> Path:
    QApplication.processEvents()
    path.parent.mkdir(parents=True, exist_ok=True)
    if not widget.grab().save(str(path)):
        raise OSError(f"cannot write {path}")
    return path


class OfflineSync:
    """A sync source that reports the registry unreachable since a while (screenshots, tests)."""

    def __init__(self, outbox: int = 37, minutes: int = 12) -> None:
        self.status = SyncStatus("offline", outbox, since=datetime.now(UTC) - timedelta(minutes=minutes),
                                 last_sync=datetime.now(UTC) - timedelta(minutes=minutes),
                                 message="The registry does not answer.", clock_drift_s=185.0)

    def sync_status(self) -> SyncStatus:
        return self.status


def demo_screenshots(paths: Paths, out: Path) -> list[Path]:
    """Open a desk on the station in ``paths`` and save the main states as PNGs into ``out``."""
    from devices.events import ScanEvent
    from ui.desk import create_desk

    station = Station.open(paths)
    window = create_desk(station, sounds=False, open_scanner=False)
    window.resize(1366, 768)  # a congress laptop
    window.show()
    saved: list[Path] = []

    def shot(name: str, widget: QWidget | None = None) -> None:
        saved.append(grab(widget or window, out / f"{name}.png"))

    def scan(code: str) -> None:
        before = window.scans
        window.handle_scan(ScanEvent("keyboard", code.encode(), code, 0.0))
        wait_until(lambda: window.scans > before)

    try:
        wait_until(lambda: window.status.sync.text() != "")
        shot("01-idle")
        han = samples.code_of(station, "han")
        scan(han)
        shot("02-ok-chinese")
        scan(han)
        shot("03-already-checked-in")
        arabic = samples.code_of(station, "arabic")
        scan(arabic)
        shot("04-ok-arabic")
        cancelled = samples.refused_code(station)
        if cancelled:
            scan(cancelled)
            shot("05-refused")
        scan("NOSUCHCODE")
        shot("06-unknown")
        window.focus_search()
        window.search_field.setText("wang")  # i18n: a search typed by the script, not a label
        wait_until(lambda: window.search.shown_query == "wang")
        shot("07-search-latin")
        # the family name of the Chinese delegate scanned above, typed as staff would (one character)
        surname = station.attendee(han)["native_name"][0]
        window.search_field.setText(surname)
        wait_until(lambda: window.search.shown_query == surname)
        shot("08-search-chinese")
        first = window.search.model.rows[0]["id"]
        window.open_attendee(first)
        wait_until(lambda: window.attendee.data is not None and window.attendee.attendee_id == first)
        shot("09-attendee")
        delegation = samples.largest_delegation(station)
        if delegation:
            window.open_delegation(delegation)
            wait_until(lambda: window.delegation.members)
            shot("10-delegation")
        window.back_to_scanning()
        dialog = window.open_walkin()
        someone = samples.latin_person(station)
        dialog.f["given_name"].setText(someone[0])
        dialog.f["family_name"].setText(someone[1])
        wait_until(lambda: dialog.dupes.count() > 0, 5)
        shot("11-walkin", dialog)
        dialog.close()
        window.ctx.sync = OfflineSync()
        window.refresh_sync()
        wait_until(lambda: window.status.state.state == "offline")
        scan(samples.code_of(station, "latin_not_arrived"))
        shot("12-offline-scan-still-works")
        from ui.setup import SetupWizard

        wizard = SetupWizard(Paths.at(paths.root / "wizard-preview"))
        wizard.resize(900, 600)
        wizard.show()
        shot("13-setup-wizard", wizard)
        wizard.next()
        shot("14-setup-devices", wizard)
        wizard.close()
        wizard.deleteLater()
    finally:
        window.close()
        dispose(window)
        station.close()
    return saved


def dispose(widget: QWidget) -> None:
    """Delete a closed window now, in order, inside Qt — not whenever Python's collector gets to
    its wrapper (possibly in the middle of a later event, with style animations still pointing
    at its children)."""
    widget.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QApplication.processEvents()
