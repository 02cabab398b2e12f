"""Dashboards tell an idle door from an offline one: the registry's heartbeat reaches every station."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from venue_app.paths import Paths
from venue_app.station import Station
from venue_app.sync import SyncEngine
from venue_app.sync.enroll import enroll


def test_a_quiet_door_is_alive_and_a_silent_one_goes_stale(registry, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    door = enroll(Paths(tmp_path / "door"), registry.url, registry.enroll_code("Press door", "door", "press"),
                  name="Press door")
    dash = enroll(Paths(tmp_path / "dash"), registry.url, registry.enroll_code("Ops", "dashboard"), name="Ops")
    try:
        listener = SyncEngine(door)
        listener.run_once()  # the door only listens: no scan, no fact, but it is there
        listener.client.close()  # its TLS connection is closed here, not by the collector in a later test
        engine = SyncEngine(dash)
        engine.run_once()
        press = next(r for r in dash.occupancy() if r["id"] == "press")
        (info,) = [s for s in press["stations"] if s["name"] == "Press door"]
        assert info["heartbeat"] and info["age_s"] is not None and info["age_s"] < 60
        # ten minutes later with no word from the door: stale, and known to be silence, not quiet
        later = datetime.now(UTC) + timedelta(minutes=10)
        monkeypatch.setattr(Station, "now", staticmethod(lambda: later))
        press = next(r for r in dash.occupancy() if r["id"] == "press")
        (info,) = [s for s in press["stations"] if s["name"] == "Press door"]
        assert info["age_s"] >= 590
        engine.client.close()
    finally:
        door.close()
        dash.close()
