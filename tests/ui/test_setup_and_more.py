"""First-run wizard, PIN hashing, sounds, the demo command, the desk's screenshots, the layering rule."""

from __future__ import annotations

import ast
import wave
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]


def test_setup_wizard_opens_a_standalone_station_with_hashed_pin(qapp: Any, qtbot: Any, tmp_path: Path) -> None:
    from ui.setup import SetupWizard
    from ui.supervisor import check_pin
    from venue_app.paths import Paths

    wizard = SetupWizard(Paths.at(tmp_path / "new"))
    qtbot.addWidget(wizard)
    wizard.show()
    assert not wizard.mode.isComplete()
    wizard.mode.event_name.setText("Test Congress")
    assert wizard.mode.isComplete()
    wizard.devices.scanner.combo.setCurrentIndex(wizard.devices.scanner.combo.findData("keyboard"))
    wizard.people.operator.setText("Ana")
    wizard.people.pin.setText("12")
    assert not wizard.people.isComplete() and "4 digits" in wizard.people.problem.text()
    wizard.people.pin.setText("9753")
    wizard.people.pin2.setText("9753")
    assert wizard.people.isComplete()
    assert wizard.devices.printer.preview.pixmap() is not None and not wizard.devices.printer.preview.pixmap().isNull()
    ref = wizard.devices.printer.print_test_page()
    assert ref.endswith(".pdf") and Path(ref).exists()
    wizard.accept()
    assert wizard.station is not None
    s = wizard.station.settings
    assert s["operator"] == "Ana" and s["scanner"] == "keyboard"
    assert "9753" not in s["supervisor_pin_hash"] and check_pin("9753", s["supervisor_pin_hash"])
    assert not check_pin("9754", s["supervisor_pin_hash"])
    wizard.station.close()


def test_enrolment_with_an_unreachable_registry_fails_in_words(qapp: Any, tmp_path: Path) -> None:
    from ui.setup import NoRegistryEnroller, SetupResult, apply_setup
    from venue_app.errors import ConfigError, VenueError
    from venue_app.paths import Paths

    result = SetupResult(mode="enroll", registry_url="http://127.0.0.1:9", enroll_code="ABC")
    with pytest.raises(VenueError):
        apply_setup(result, Paths.at(tmp_path / "a"))
    with pytest.raises(ConfigError, match="standalone"):
        apply_setup(result, Paths.at(tmp_path / "b"), NoRegistryEnroller())


def test_wizard_takes_the_enrolment_code_from_a_scan(qapp: Any, qtbot: Any, tmp_path: Path) -> None:
    from PySide6.QtCore import Qt

    from ui.setup import SetupWizard
    from venue_app.paths import Paths

    wizard = SetupWizard(Paths.at(tmp_path / "new"))
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.mode.event_name.setFocus()
    with qtbot.waitSignal(wizard.wedge.scanned, timeout=3000):
        qtbot.keyClicks(wizard.mode.event_name, "VENUE-ENROL:K7Q2M9XW")
        qtbot.keyClick(wizard.mode.event_name, Qt.Key.Key_Return)
    assert wizard.mode.code.text() == "VENUE-ENROL:K7Q2M9XW"
    assert wizard.mode.enroll.isChecked() and wizard.mode.event_name.text() == ""
    # the registry's QR link carries the registry's address too
    with qtbot.waitSignal(wizard.wedge.scanned, timeout=3000):
        qtbot.keyClicks(wizard.mode.event_name, "venue-desk://enroll?registry=http%3A%2F%2F10.20.0.5%3A8765&code=Q4W7")
        qtbot.keyClick(wizard.mode.event_name, Qt.Key.Key_Return)
    assert (wizard.mode.url.text(), wizard.mode.code.text()) == ("http://10.20.0.5:8765", "Q4W7")


def test_each_role_opens_its_own_window(qapp: Any, qtbot: Any, tmp_path: Path, station_factory: Any) -> None:
    from ui.app import open_station_window
    from ui.dashboard import DashboardWindow
    from ui.desk import DeskWindow
    from ui.door import DoorWindow

    for role, kind in (("desk", DeskWindow), ("door", DoorWindow), ("dashboard", DashboardWindow)):
        station = station_factory(tmp_path / role)
        try:
            with station.replica.transaction() as conn:
                station.replica.set_meta(conn, "role", role)
                station.replica.set_meta(conn, "room_id", "expo" if role == "door" else None)
                conn.execute("INSERT OR IGNORE INTO rooms(id, name, capacity, policy) VALUES ('expo', 'Expo', 500,"
                             " 'warn')")
            window = open_station_window(station, sim_spec=None)
            qtbot.addWidget(window)
            assert isinstance(window, kind), role
            window.shutdown()
        finally:
            station.close()


def test_bundled_sounds_are_short_wavs_and_silence_is_a_fallback(qapp: Any) -> None:
    from ui.app import resource_path
    from ui.sounds import SOUNDS, SoundPlayer

    for name in SOUNDS:
        with wave.open(str(resource_path("sounds", f"{name}.wav"))) as w:
            assert w.getnchannels() == 1 and 0.1 < w.getnframes() / w.getframerate() < 0.6
    player = SoundPlayer(enabled=False)
    player.play("ok")
    assert player.played == ["ok"] and player.available is None  # disabled: QtMultimedia never loaded


def test_demo_command_builds_the_congress_station(tmp_path: Path) -> None:
    from venue_app.paths import Paths
    from venue_app.station import Station
    from venue_desk.cli import main

    data = tmp_path / "demo"
    assert main(["demo", "--data", str(data), "--attendees", "120", "--build-only", "--standalone"]) == 0
    st = Station.open(Paths.at(data))
    try:
        assert st.event["name"] == "13th Metropolis World Congress"
        assert st.status()["attendees"] == 120
        assert st.replica.one("SELECT count(*) FROM rooms")[0] >= 10
        assert st.settings["printer"] == f"pdf:{data / 'badges'}"
        assert (data / "demo-scan-codes.txt").read_text().strip()
    finally:
        st.close()
    assert main(["demo", "--data", str(data), "--build-only", "--standalone"]) == 0  # idempotent: kept as is


def test_screenshots_of_the_main_states(qapp: Any, tmp_path: Path) -> None:
    from ui.app import apply_theme, load_fonts
    from ui.shots import demo_screenshots
    from venue_app.paths import Paths
    from venue_desk.cli.gui import build_demo_station

    load_fonts()
    apply_theme(qapp)
    paths = Paths.at(tmp_path / "station")
    build_demo_station(paths, attendees=400, seed=13)
    shots = demo_screenshots(paths, tmp_path / "shots")
    names = {p.stem for p in shots}
    assert {"01-idle", "02-ok-chinese", "03-already-checked-in", "06-unknown", "08-search-chinese", "09-attendee",
            "11-walkin", "12-offline-scan-still-works", "13-setup-wizard"} <= names
    for p in shots:
        assert p.stat().st_size > 10_000, p


def test_only_ui_imports_qt_and_gui_entry_points_import_ui_lazily() -> None:
    for rel in ("venue_desk/cli/gui.py", "venue_desk/bench/gui.py"):
        tree = ast.parse((ROOT / rel).read_text("utf-8"))
        top = [n for n in tree.body if isinstance(n, ast.Import | ast.ImportFrom)]
        names = {(n.module if isinstance(n, ast.ImportFrom) else n.names[0].name) or "" for n in top}
        assert not any(n.split(".")[0] in {"ui", "PySide6"} for n in names), rel


def test_worker_threads_keep_their_read_connection(desk: Any, qtbot: Any) -> None:
    """Regression: on Qt pool threads every task got a fresh Python thread state, so
    Replica.reader() opened (and kept) a new SQLite connection per task — 1 GB after 500 scans."""
    st = desk.ctx.station
    done: list[int] = []
    for _ in range(40):
        desk.ctx.tasks.run(lambda: st.replica.reader().execute("SELECT count(*) FROM attendees").fetchone()[0],
                           lane="read", on_done=done.append)
    qtbot.waitUntil(lambda: len(done) == 40, timeout=10_000)
    assert len(st.replica._readers) <= desk.ctx.tasks.LANES["read"] + desk.ctx.tasks.LANES["write"] + 1


def test_demo_command_enrols_stations_with_a_local_registry(tmp_path: Path) -> None:
    from venue_app.paths import Paths
    from venue_app.station import Station
    from venue_desk.cli import main

    data = tmp_path / "demo"
    assert main(["demo", "--data", str(data), "--attendees", "150", "--build-only"]) == 0
    assert main(["demo", "--data", str(data), "--attendees", "150", "--build-only", "--role", "door",
                 "--room", "vip"]) == 0
    with Station.open(Paths(data / "desk")) as desk, Station.open(Paths(data / "door-vip")) as door:
        assert desk.status()["attendees"] == door.status()["attendees"] == 150
        assert desk.status()["sync"]["mode"] == "registry" and desk.role == "desk"
        assert door.role == "door" and door.replica.get_meta("room_id") == "vip"
        assert desk.settings["printer"] == f"pdf:{data / 'desk' / 'badges'}"
    assert not (data / "registry" / "demo-server.json").exists()  # --build-only leaves no server behind


def test_station_setup_offers_a_keyboard_mode_scanner_found_as_an_input_device(qapp: Any, qtbot: Any,
                                                                                 monkeypatch: Any) -> None:
    # no /dev/input here (a sandbox): the lookup answers as it would with a Newland scanner plugged in
    from devices import evdev
    from ui.setup import ScannerChooser

    found = evdev.FoundDevice("/dev/input/event4", "Newland FM430", 0x1EAB, 0x0D10, "Newland")
    monkeypatch.setattr(evdev, "find_scanners", lambda: [found])
    chooser = ScannerChooser("evdev:///dev/input/event4")
    qtbot.addWidget(chooser)
    assert chooser.value() == "evdev:///dev/input/event4"
    assert "Newland" in chooser.combo.currentText() and "read directly" in chooser.combo.currentText()
