"""The supervisor PIN in the GUI is the core's (venue_app.ops.pin): the station settings refuse a PIN
the rule refuses and keep the old one, and the PIN the demo (CLI) stores is checked by the same core."""

from __future__ import annotations

from typing import Any

from ui.setup import SettingsDialog
from venue_app.ops import supervisor_pin_ok

PIN = "2468"  # the desk fixture's supervisor PIN (tests/ui/conftest.py)


def test_settings_refuse_a_short_pin_and_keep_the_old_one(desk: Any, qtbot: Any) -> None:
    settings = desk.ctx.station.settings
    stored = settings["supervisor_pin_hash"]
    dialog = SettingsDialog(desk.ctx.station, desk)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.operator.setText("Somebody Else")
    dialog.pin.setText("12")
    dialog.accept()
    assert dialog.pin_problem.isVisibleTo(dialog) and "at least 4 digits" in dialog.pin_problem.text()
    assert dialog.result() == 0 and dialog.isVisible()
    # nothing was saved: not the PIN, not the other fields of the same dialog
    assert settings["supervisor_pin_hash"] == stored and settings["operator"] == "Tess Tester"
    assert supervisor_pin_ok(settings, PIN)
    dialog.pin.setText("8642")
    dialog.accept()
    assert dialog.result() == 1 and settings["operator"] == "Somebody Else"
    assert supervisor_pin_ok(settings, "8642") and not supervisor_pin_ok(settings, PIN)


def test_the_demo_pin_set_by_the_cli_is_checked_by_the_core(tmp_path: Any) -> None:
    from venue_app.paths import Paths
    from venue_app.station import Station
    from venue_desk.cli.gui import DEMO_PIN, build_demo_station

    paths = Paths(tmp_path / "demo")
    assert build_demo_station(paths, attendees=5)
    with Station.open(paths) as station:
        assert supervisor_pin_ok(station.settings, DEMO_PIN) and not supervisor_pin_ok(station.settings, "0000")
