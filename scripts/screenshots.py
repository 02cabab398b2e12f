"""Every screenshot the operator guides use, made from the current build — and a check that the
committed ones still are.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots.py [OUT_DIR] [--data DIR]
    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots.py --check [--tolerance F]

Builds demo stations (the demo congress: 2,000 attendees, seed 13; a second one with a simulated
morning for the doors and the dashboard), drives the real windows through their states and saves
one PNG per state into OUT_DIR (default docs/screenshots), plus the scanner test sheet
(scripts/testsheet.py). :data:`SHOTS` declares every file; tests/test_docs.py checks that each is
used by a guide and that every image a guide shows exists.

Deterministic on purpose, so that ``--check`` can tell a changed GUI from noise: fixed demo data,
the clock frozen at 11:40 on the congress's second day in the event's time zone (Asia/Shanghai:
the status bar clock, "first check-in at", "offline since", alert times), fixed sync states.
``--check`` renders into a temporary folder and compares with the committed files: a PNG is stale
when its size changed or more than ``--tolerance`` (default 0.2 %) of its pixels differ clearly
(font anti-aliasing differs a little between machines); exit status 1 when anything is stale or
missing, with the list.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script: the project's packages
    sys.path.insert(0, str(ROOT))

__all__ = ["SHOTS", "compare", "generate", "main"]

#: 11:40 in Guangzhou on 2 December 2026: sessions are running, the demo morning is at its peak
FROZEN = datetime(2026, 12, 2, 3, 40, tzinfo=UTC)
TIMEZONE = "Asia/Shanghai"

#: every file this script writes into OUT_DIR → what it shows (each one is used by a guide)
SHOTS: dict[str, str] = {
    # the desk's main states (ui.shots.demo_screenshots)
    "01-idle.png": "desk waiting for a scan",
    "02-ok-chinese.png": "desk: checked in, name in Latin and native script",
    "03-already-checked-in.png": "desk: already checked in, when and where",
    "04-ok-arabic.png": "desk: checked in, Arabic name",
    "05-refused.png": "desk: registration cancelled",
    "06-unknown.png": "desk: code not found",
    "07-search-latin.png": "desk: search by name",
    "08-search-chinese.png": "desk: search in Chinese",
    "09-attendee.png": "desk: a person's page",
    "10-delegation.png": "desk: a delegation",
    "11-walkin.png": "walk-in registration",
    "12-offline-scan-still-works.png": "desk offline, scanning goes on",
    "13-setup-wizard.png": "setup wizard, first page",
    "14-setup-devices.png": "setup wizard, scanner and printer",
    # every verdict, as the panel shows it (half size)
    # the other verdicts, as the panel shows them (half size); ok, already checked in, unknown and
    # cancelled are shown by the desk shots above
    **{f"verdict-{s}.png": f"verdict panel: {s}" for s in (
        "invalid", "revoked", "blocked", "wrong_event", "untrusted_issuer", "undone")},
    "desk-delegation-batch.png": "desk: a delegation checked in on behalf",
    "desk-print-failed.png": "desk: the printer refused a badge",
    "statusbar-online.png": "status bar: online",
    "statusbar-offline.png": "status bar: offline, changes waiting",
    "setup-enrol.png": "setup wizard: joining a registry",
    "enrol-qr.png": "an enrolment QR code as the registry prints it",
    # doors and dashboard (a simulated morning)
    "door-normal.png": "door: space available, scanning entries",
    "door-in-ok.png": "door: welcome — in",
    "door-out.png": "door: goodbye — out",
    "door-near-full.png": "door: nearly full alert",
    "door-full.png": "door: full room refuses",
    "door-not-allowed.png": "door: category not allowed in this session",
    "door-offline.png": "door: offline",
    "dashboard-rooms.png": "dashboard: rooms",
    "dashboard-chart.png": "dashboard: occupancy over time",
    "dashboard-checkin.png": "dashboard: check-in progress",
    "dashboard-offline.png": "dashboard: offline banner",
    "desk-camera.png": "desk: the camera as a scanner, the code outlined in the preview",
    "dashboard-stations.png": "dashboard: stations, last heard, outbox, offline flagged",
    # the Chinese interface, for the volunteers of the Guangzhou congress
    **{f"zh_CN-{name}": f"{what}, Chinese interface" for name, what in (
        ("01-idle.png", "desk waiting for a scan"), ("02-ok-chinese.png", "desk: checked in"),
        ("08-search-chinese.png", "desk: search in Chinese"),
        ("12-offline-scan-still-works.png", "desk offline, scanning goes on"))},
    # the scanner test sheet (scripts/testsheet.py)
    "scanner-test-sheet.png": "scanner test sheet",
    "scanner-test-sheet.pdf": "scanner test sheet (print this)",
}


# -- a frozen clock ------------------------------------------------------------------------------
def _frozen_datetime() -> type:
    class FrozenDateTime(datetime):
        @classmethod
        def now(cls, tz: Any = None) -> datetime:  # type: ignore[override]
            return FROZEN.astimezone(tz) if tz is not None else FROZEN.astimezone().replace(tzinfo=None)

        @classmethod
        def today(cls) -> datetime:  # type: ignore[override]
            return cls.now()

    return FrozenDateTime


#: modules whose ``datetime.now()`` shows up on screen (a module missing here is skipped)
_CLOCK_MODULES = ("ui.desk", "ui.shots", "ui.alerts", "ui.statusbar", "ui.dashboard", "ui.door", "ui.attendee",
                  "ui.delegation", "ui.charts", "venue_app.checkin", "venue_app.eventlog", "venue_app.station",
                  "venue_app.occupancy", "printing.report", "venue_app.clock", "venue_app.events",
                  "venue_app.views.desk", "venue_app.views.door", "venue_app.views.dashboard",
                  "venue_app.views.attendee", "venue_app.views.status")


#: the stations the dashboard's station list shows: name, role, room, seconds since heard, outbox
_FLEET = (("Desk 2", "desk", None, 8, 0), ("Desk 3", "desk", None, 660, 37), ("Door Hall A", "door", "hall-a", 5, 0),
          ("Door Hall B", "door", "hall-b", 12, 1), ("Door VIP", "door", "vip", 95, 4),
          ("Door WS 2", "door", "ws-2", 17, 0), ("Ops room", "dashboard", None, 3, 0))


@contextmanager
def frozen_clock() -> Iterator[None]:
    """Freeze the wall clock the windows show (the event loop's timers keep real time), and make
    :mod:`ui.shots` wait for a settled window before each shot."""
    import importlib

    from PySide6.QtCore import QDateTime

    frozen_dt = _frozen_datetime()

    class FrozenQDateTime(QDateTime):
        @staticmethod
        def currentDateTime() -> QDateTime:  # type: ignore[override]
            return QDateTime.fromSecsSinceEpoch(int(FROZEN.timestamp()))

    saved: list[tuple[Any, str, Any]] = []
    import ui.shots

    saved.append((ui.shots, "grab", ui.shots.grab))
    ui.shots.grab = _grab  # the desk states of ui.shots settle like the others
    for name in _CLOCK_MODULES:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        for attr, replacement in (("datetime", frozen_dt), ("QDateTime", FrozenQDateTime)):
            if hasattr(module, attr):
                saved.append((module, attr, getattr(module, attr)))
                setattr(module, attr, replacement)
    try:
        yield
    finally:
        for module, attr, value in reversed(saved):
            setattr(module, attr, value)


# -- helpers -------------------------------------------------------------------------------------
def _script(name: str) -> Any:
    """Another script of scripts/, loaded by path (scripts/ is not a package and stays off sys.path)."""
    import importlib.util

    module = sys.modules.get(f"venue_{name}")
    if module is None:
        spec = importlib.util.spec_from_file_location(f"venue_{name}", ROOT / "scripts" / f"{name}.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[f"venue_{name}"] = module
        spec.loader.exec_module(module)
    return module


def _testsheet() -> Any:
    """scripts/testsheet.py."""
    return _script("testsheet")


def _settle(widget: Any) -> None:
    """Let the window finish what a state change started before it is photographed: the status
    refresh a scan schedules (300 ms later), reads still on a worker, their answers, the layout they
    change (a longer status text can make the window taller). Without this a shot depends on timing."""
    from PySide6.QtWidgets import QApplication

    top = widget.window()
    tasks = getattr(getattr(top, "ctx", None), "tasks", None) or getattr(top, "tasks", None)
    soon = getattr(top, "_sync_soon", None)
    for _ in range(2):
        _wait_until(lambda: soon is None or not soon.isActive())
        _wait_until(lambda: tasks is None or tasks.busy == 0)
        for _ in range(3):
            QApplication.sendPostedEvents()
            QApplication.processEvents()


def _grab(widget: Any, path: Path, width: int | None = None) -> Path:
    from PySide6.QtCore import Qt

    _settle(widget)
    pixmap = widget.grab()
    if width is not None:
        pixmap = pixmap.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation)
    path.parent.mkdir(parents=True, exist_ok=True)
    if not pixmap.save(str(path)):
        raise OSError(f"cannot write {path}")
    return path


def _one(station: Any, sql: str, params: tuple[Any, ...] = ()) -> Any:
    row = station.replica.one(sql, params)
    if row is None:
        raise LookupError(f"the demo data has nothing for: {sql}")
    return row[0]


class _FixedSync:
    def __init__(self, status: Any) -> None:
        self.status = status

    def sync_status(self) -> Any:
        return self.status


class _JammedPrinter:
    """A printer that refuses every badge with the words a label printer would use."""

    name = "cups"

    def describe(self) -> dict[str, str]:
        return {"backend": "cups", "target": "Badge-Desk-3"}

    def submit(self, job: Any) -> Any:
        from printing.errors import BackendError

        raise BackendError("printer Badge-Desk-3 refused the badge: media empty or jammed")


def _wait_until(condition: Callable[[], Any], timeout_s: float = 15.0) -> None:
    from ui.shots import wait_until

    wait_until(condition, timeout_s)


# -- the desk --------------------------------------------------------------------------------------
def _desk_extras(paths: Any, out: Path) -> list[Path]:
    """The verdicts one by one, undo, a delegation batch, a refused print, the status bar."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from devices.events import ScanEvent
    from ui.desk import create_desk
    from ui.shots import dispose
    from ui.statusbar import SyncStatus
    from venue_app.keys import SigningKey
    from venue_app.station import Station
    from venue_app.tokens import BadgeClaims, encode_token, new_serial

    saved: list[Path] = []
    station = Station.open(paths)
    fresh = "status = 'active' AND id NOT IN (SELECT attendee_id FROM checkins) AND native_name = ''"
    ok_code = _one(station, f"SELECT code FROM attendees WHERE {fresh} AND honorific != '' ORDER BY code LIMIT 1")
    # badges made before the window opens: one writer at a time
    replaced = _one(station, f"SELECT id FROM attendees WHERE {fresh} AND code != ? ORDER BY code LIMIT 1",
                    (ok_code,))
    old_badge = station.issue_badge(replaced, "Demo operator").token
    station.issue_badge(replaced, "Demo operator", reason="lost")
    genuine = station.issue_badge(_one(station, f"SELECT id FROM attendees WHERE {fresh} ORDER BY code DESC LIMIT 1"),
                                  "Demo operator").token
    forged = genuine[:-6] + ("AAAAAA" if not genuine.endswith("AAAAAA") else "BBBBBB")
    stranger = SigningKey(Ed25519PrivateKey.from_private_bytes(bytes(range(32))))
    unknown_issuer = encode_token(BadgeClaims(station.event["tag"], new_serial(), "DEL", stranger.key_id), stranger)
    cancelled = _one(station, "SELECT code FROM attendees WHERE status = 'cancelled' ORDER BY code LIMIT 1")
    blocked = _one(station, "SELECT code FROM attendees WHERE status = 'blocked' ORDER BY code LIMIT 1")
    station.settings["auto_print"] = False

    online = SyncStatus("online", 0, since=FROZEN - timedelta(hours=2), last_sync=FROZEN - timedelta(seconds=20))
    window = create_desk(station, sounds=False, open_scanner=False, sync=_FixedSync(online),
                         backend=_JammedPrinter())
    window.resize(1366, 768)  # a congress laptop: the guides show what staff see
    window.show()

    def scan(code: str) -> None:
        before = window.scans
        window.handle_scan(ScanEvent("keyboard", code.encode(), code, 0.0))
        _wait_until(lambda: window.scans > before)

    def panel(name: str) -> None:
        if f"verdict-{name}.png" in SHOTS:
            saved.append(_grab(window.panel, out / f"verdict-{name}.png", width=520))

    try:
        _wait_until(lambda: window.status.state.state == "online")
        saved.append(_grab(window.status, out / "statusbar-online.png"))
        for status, code in (("ok", ok_code), ("already_checked_in", ok_code), ("unknown", "NOSUCHCODE"),
                             ("invalid", forged), ("revoked", old_badge), ("cancelled", cancelled),
                             ("blocked", blocked), ("wrong_event", _testsheet().badge_token()),
                             ("untrusted_issuer", unknown_issuer)):
            scan(code)
            if window.last_verdict is None or window.last_verdict.status != status:
                got = window.last_verdict.status if window.last_verdict else None
                raise RuntimeError(f"expected the verdict {status}, the desk showed {got}")
            panel(status)
        undone: list[str] = []
        window.undone.connect(undone.append)
        scan(_one(station, f"SELECT code FROM attendees WHERE {fresh} ORDER BY code LIMIT 1 OFFSET 5"))
        window.undo_last()
        _wait_until(lambda: undone)
        panel("undone")

        delegation = _one(station, "SELECT delegation FROM attendees WHERE delegation != '' AND status = 'active'"
                                   " GROUP BY delegation ORDER BY count(*) DESC, delegation LIMIT 1 OFFSET 1")
        window.open_delegation(delegation)
        _wait_until(lambda: window.delegation.members and window.delegation.name == delegation)
        batches: list[Any] = []
        window.delegation.batch_done.connect(batches.append)
        window.delegation.run_batch(collector="Ms. Chen, protocol officer")
        _wait_until(lambda: batches)
        _wait_until(lambda: all(m["arrived"] for m in window.delegation.members if m["status"] == "active"))
        header = window.progress_label.text()
        window.refresh_sync()
        _wait_until(lambda: window.progress_label.text() != header)
        saved.append(_grab(window, out / "desk-delegation-batch.png"))
        window.back_to_scanning()

        # the batch queued badges on the jammed printer: a refused print shows on the panel
        _wait_until(lambda: "failed" in window.status.printer.text())
        _wait_until(lambda: window.panel.status == "info" and window.panel.color == "amber")
        saved.append(_grab(window, out / "desk-print-failed.png"))

        since = FROZEN - timedelta(minutes=12)
        offline = SyncStatus("offline", 37, since=since, last_sync=since, message="The registry does not answer.")
        window.ctx.sync = _FixedSync(offline)
        window.refresh_sync()
        _wait_until(lambda: window.status.state.state == "offline")
        saved.append(_grab(window.status, out / "statusbar-offline.png"))
    finally:
        window.close()
        dispose(window)
        station.close()
    return saved


#: what a registry certificate's SPKI pin looks like (sha256, base64url): the enrolment code carries it
_EXAMPLE_PIN = "q3Zb1pV0mJfW8xK2hR9cT4yN6sL7eA5dG0uB3iO1wE8"


def _setup_extras(data: Path, out: Path) -> list[Path]:
    from ui.setup import SetupWizard
    from ui.shots import dispose
    from venue_app.paths import Paths
    from venue_app.registry.admin import enrollment_url, qr_png

    wizard = SetupWizard(Paths.at(data / "wizard-enrol"))
    wizard.resize(900, 600)
    wizard.show()
    try:
        wizard.mode.enroll.setChecked(True)
        wizard.mode.url.setText("https://10.20.0.5:8765")
        wizard.mode.code.setText(f"S65M-ANQQ-B3HJ-T5CC#{_EXAMPLE_PIN}")
        wizard.mode.station_name.setText("Desk 3")
        shot = _grab(wizard, out / "setup-enrol.png")
    finally:
        wizard.close()
        dispose(wizard)
    qr = qr_png(enrollment_url("https://10.20.0.5:8765", "S65M-ANQQ-B3HJ-T5CC", _EXAMPLE_PIN), out / "enrol-qr.png")
    return [shot, qr]


# -- doors and dashboard ---------------------------------------------------------------------------
def _rooms(paths: Any, out: Path) -> list[Path]:
    from devices.events import ScanEvent
    from ui.dashboard import open_dashboard
    from ui.door import open_door_window
    from ui.shots import dispose
    from ui.statusbar import SyncStatus
    from venue_app.station import Station
    from venue_desk.roomsim import simulate_morning

    saved: list[Path] = []
    station = Station.open(paths)
    with station.replica.transaction() as conn:
        station.replica.set_meta(conn, "station_name", "Door 2")  # the subtitle of every door shot
    simulate_morning(station, until="11:40")

    def door(room: str) -> Any:
        window = open_door_window(station, room=room, sounds=False, sync=False)
        window.resize(1366, 768)
        window.show()
        _wait_until(lambda: bool(window.view))
        return window

    def scan(window: Any, code: str) -> str:
        shown: list[str] = []
        window.verdict_shown.connect(shown.append)
        window.handle_scan(ScanEvent("keyboard", code.encode(), code, 0.0))
        _wait_until(lambda: shown)
        _wait_until(lambda: not window._refreshing)
        return shown[0]

    def find(window: Any, sql: str, want: str) -> str:
        """Scan candidates (in a fixed order) until one gets the verdict ``want``."""
        for (code,) in station.replica.query(sql):
            if scan(window, code) == want:
                return str(code)
        raise LookupError(f"no demo attendee gets {want} at {window.room_id}")

    outside = ("SELECT code FROM attendees WHERE status = 'active' AND code != '' AND id NOT IN"
               " (SELECT attendee_id FROM presence) AND native_name = '' AND category = '{}' ORDER BY code LIMIT 40")
    try:
        w = door("hall-a")
        saved.append(_grab(w, out / "door-normal.png"))
        code = find(w, outside.format("DEL"), "ok")
        saved.append(_grab(w, out / "door-in-ok.png"))
        w.set_direction("out")
        scan(w, code)
        saved.append(_grab(w, out / "door-out.png"))
        w.set_direction("in")
        w._idle()
        w.set_sync(SyncStatus("offline", 4, since=FROZEN - timedelta(minutes=7),
                              last_sync=FROZEN - timedelta(minutes=7)))
        _wait_until(lambda: not w._refreshing)
        saved.append(_grab(w, out / "door-offline.png"))
        w.close()
        dispose(w)

        w = door("hall-b")
        _wait_until(lambda: w.alerts.active)
        saved.append(_grab(w, out / "door-near-full.png"))
        w.close()
        dispose(w)

        w = door("ws-2")
        find(w, outside.format("DEL"), "room_full")
        saved.append(_grab(w, out / "door-full.png"))
        w.close()
        dispose(w)

        w = door("vip")
        find(w, outside.format("DEL"), "not_allowed")
        saved.append(_grab(w, out / "door-not-allowed.png"))
        w.close()
        dispose(w)

        # the other stations, as the registry's feed brings them (heartbeats on its clock): two are silent
        with station.replica.transaction() as conn:
            for i, (name, role, room, ago, outbox) in enumerate(_FLEET):
                conn.execute("INSERT INTO stations(id, name, role, room_id, last_seen, outbox)"
                             " VALUES (?, ?, ?, ?, ?, ?)", (f"demo-station-{i}", name, role, room,
                                                            (FROZEN - timedelta(seconds=ago)).isoformat(), outbox))
        d = open_dashboard(station, sounds=False, sync=False)
        d.resize(1366, 768)
        d.show()
        updates: list[int] = []
        d.updated.connect(lambda: updates.append(1))

        def fresh_update() -> None:
            updates.clear()
            d.refresh()
            _wait_until(lambda: updates and not d._busy)

        fresh_update()
        saved.append(_grab(d, out / "dashboard-rooms.png"))
        for room_id in list(d.alerts.active):  # dismissed, as the lead would: the charts get the room
            d.alerts.dismiss(room_id)
        d.show_room_chart("hall-b")
        fresh_update()
        saved.append(_grab(d, out / "dashboard-chart.png"))
        d.tabs.setCurrentIndex(2)
        fresh_update()
        saved.append(_grab(d, out / "dashboard-checkin.png"))
        d.tabs.setCurrentWidget(d.stations)
        fresh_update()
        saved.append(_grab(d, out / "dashboard-stations.png"))
        d.tabs.setCurrentIndex(0)
        fresh_update()
        d._timer.stop()  # the banner below is what a registry-mode dashboard shows; hold the frame
        d.set_sync(SyncStatus("offline", 0, since=FROZEN - timedelta(minutes=9),
                              last_sync=FROZEN - timedelta(minutes=9)))
        _wait_until(lambda: not d._busy)
        d._show_sync({"mode": "registry", "online": False, "since": (FROZEN - timedelta(minutes=9)).isoformat(),
                      "last_error": "The registry does not answer."}, FROZEN)
        saved.append(_grab(d, out / "dashboard-offline.png"))
        d.close()
        dispose(d)
    finally:
        station.close()
    return saved


# -- all of it -----------------------------------------------------------------------------------
def generate(out: Path, data: Path) -> list[Path]:
    """Write every file of :data:`SHOTS` into ``out`` (demo stations are built under ``data``)."""
    from ui.app import ensure_app
    from ui.shots import demo_screenshots
    from venue_app.paths import Paths
    from venue_desk.cli.gui import build_demo_station

    ensure_app()
    out.mkdir(parents=True, exist_ok=True)
    saved: list[Path] = []
    with frozen_clock():
        desk = Paths.at(data / "desk")
        build_demo_station(desk, attendees=2000, seed=13)
        if _language("zh_CN"):
            chinese, zh_desk = data / "zh_CN", Paths.at(data / "desk-zh_CN")
            build_demo_station(zh_desk, attendees=2000, seed=13)
            demo_screenshots(zh_desk, chinese)
            for name in SHOTS:
                if name.startswith("zh_CN-"):
                    target = out / name
                    target.write_bytes((chinese / name.removeprefix("zh_CN-")).read_bytes())
                    saved.append(target)
        _language("en")  # whatever this machine's locale is
        saved += demo_screenshots(desk, out)
        saved += _desk_extras(desk, out)
        saved += _setup_extras(data, out)
        rooms = Paths.at(data / "rooms")
        build_demo_station(rooms, attendees=2000, seed=13)
        saved += _rooms(rooms, out)
        saved.append(_script("camera_screenshot").shoot(out / "desk-camera.png", data))
    saved += _testsheet().write(out / "scanner-test-sheet.pdf", out / "scanner-test-sheet.png")
    names = {p.name for p in saved}
    if names != set(SHOTS):
        raise RuntimeError(f"SHOTS and what was written differ: missing {sorted(set(SHOTS) - names)},"
                           f" undeclared {sorted(names - set(SHOTS))}")
    return saved


def _language(code: str) -> bool:
    """Install the interface language ``code``; False when this build has no translations."""
    try:
        from ui import i18n
    except ImportError:
        return False
    return i18n.install(code) == code


def compare(committed: Path, fresh: Path, tolerance: float) -> str:
    """'' when ``committed`` still shows what ``fresh`` shows, else why not."""
    if not committed.exists():
        return "missing"
    if committed.suffix != ".png":
        return "" if committed.read_bytes() == fresh.read_bytes() else "content differs"
    from PIL import Image, ImageChops

    with Image.open(committed) as a, Image.open(fresh) as b:
        if a.size != b.size:
            return f"size {a.size[0]}×{a.size[1]} → {b.size[0]}×{b.size[1]}"
        diff = ImageChops.difference(a.convert("RGB"), b.convert("RGB")).convert("L")
        changed = sum(diff.histogram()[32:])  # clearly different, not an anti-aliasing shade
        share = changed / (a.size[0] * a.size[1])
    return f"{share:.2%} of the pixels differ" if share > tolerance else ""


def _setup_env() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["TZ"] = TIMEZONE  # "offline since 11:28" is venue time whatever the machine says
    time.tzset()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", nargs="?", default=str(ROOT / "docs" / "screenshots"))
    parser.add_argument("--data", default=None, help="folder for the demo stations (default: a temporary one)")
    parser.add_argument("--check", action="store_true",
                        help="render into a temporary folder and list the committed files that are stale")
    parser.add_argument("--tolerance", type=float, default=0.002,
                        help="share of clearly different pixels still counted as equal (default 0.002)")
    args = parser.parse_args(argv)
    _setup_env()
    with tempfile.TemporaryDirectory(prefix="venue-shots-") as tmp:
        data = Path(args.data) if args.data else Path(tmp) / "data"
        if not args.check:
            for path in generate(Path(args.out), data):
                print(path)
            return 0
        fresh = Path(tmp) / "fresh"
        generate(fresh, data)
        stale = {name: why for name in sorted(SHOTS)
                 if (why := compare(Path(args.out) / name, fresh / name, args.tolerance))}
        for name, why in stale.items():
            print(f"stale: {name}: {why}")
        extra = sorted(p.name for p in Path(args.out).glob("*.png") if p.name not in SHOTS)
        for name in extra:
            print(f"not made by this script (remove it or declare it): {name}")
        if stale or extra:
            print(f"{len(stale)} of {len(SHOTS)} screenshots stale; regenerate: "
                  "QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots.py")
            return 1
        print(f"all {len(SHOTS)} screenshots current")
        return 0


if __name__ == "__main__":
    raise SystemExit(main())
