"""Dashboard mode against a real registry: scans at two door stations of one room reach the
dashboard's tile within seconds; a door station going quiet shows its freshness warning; filter,
sort, alerts, check-in progress and conflicts."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from venue_app.paths import Paths
from venue_app.station import Station

_SYNC = Path(__file__).resolve().parents[1] / "venue_app" / "sync" / "conftest_sync.py"


def _helpers() -> Any:
    module = sys.modules.get("conftest_sync")
    if module is None:
        spec = importlib.util.spec_from_file_location("conftest_sync", _SYNC)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules["conftest_sync"] = module
        spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def registry(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    h = _helpers()
    root = tmp_path_factory.mktemp("registry")
    attendees, program = root / "attendees.csv", root / "program.json"
    h.cli("demo-data", "--attendees", "300", "--seed", "13", "--out", str(attendees), "--program", str(program))
    reg = str(root / "reg")
    h.cli("registry", "init", "--data", reg, "--event-name", "13th Metropolis World Congress")
    h.cli("registry", "import", "--data", reg, str(attendees))
    h.cli("registry", "program", "--data", reg, str(program))
    server = h.Registry(root, h.free_port(), attendees)
    server.start()
    yield server
    server.stop()


def _codes(registry: Any) -> list[str]:
    import csv

    with registry.attendees.open(encoding="utf-8-sig") as fh:
        return [row["code"] for row in csv.DictReader(fh) if row["status"] == "active"]


def test_two_doors_reach_the_dashboard_and_staleness_shows(registry: Any, qapp: Any, qtbot: Any, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    from ui.dashboard import open_dashboard
    from venue_app.sync import SyncEngine
    from venue_app.sync.enroll import enroll

    doors = [enroll(Paths(tmp_path / f"door{i}"), registry.url,
                    registry.enroll_code(f"Door {i}", "door", "expo"), name=f"Door {i}") for i in (1, 2)]
    dash_station = enroll(Paths(tmp_path / "dash"), registry.url, registry.enroll_code("Ops", "dashboard"),
                          name="Ops")
    dash_station.settings["sounds"] = False
    engines = [SyncEngine(d, long_poll_s=2.0) for d in doors]
    for engine in engines:
        engine.start()
    window = open_dashboard(dash_station, sounds=False, refresh_ms=500)
    window.show()
    try:
        qtbot.waitUntil(lambda: "expo" in window.tiles, timeout=10_000)
        codes = _codes(registry)
        for code in codes[:5]:
            assert doors[0].scan(code, room="expo").status == "ok"
        for code in codes[5:8]:
            assert doors[1].scan(code, room="expo").status == "ok"
        assert doors[0].scan(codes[0], room="expo", direction="out").status == "ok"
        tile = window.tiles["expo"]
        qtbot.waitUntil(lambda: tile.count.text().startswith("7 /"), timeout=15_000)
        assert tile.room["count"] == 7
        assert {s["name"] for s in tile.room["stations"]} == {"Door 1", "Door 2"}
        assert tile.fresh.text() == ""  # both doors just reported
        # ten minutes later Door 2 scans again (its clock says so), Door 1 has been quiet all along:
        # its numbers are old, and the tile says so
        later = Station.now() + timedelta(minutes=10)
        import venue_app.station as station_module

        with monkeypatch.context() as m:
            m.setattr(station_module, "now_iso", lambda: later.isoformat(timespec="milliseconds"))
            assert doors[1].scan(codes[9], room="expo").status == "ok"
        qtbot.waitUntil(lambda: tile.room.get("count") == 8, timeout=15_000)
        monkeypatch.setattr(Station, "now", staticmethod(lambda: later))
        with qtbot.waitSignal(window.updated, timeout=5000):
            window.refresh()
        # the registry heard from Door 1 (heartbeat) ten minutes ago: silent since, so offline
        qtbot.waitUntil(lambda: "Door 1: offline for 10 min" in tile.fresh.text(), timeout=5000)
        assert "Door 2" not in tile.fresh.text()
        window.only_warnings.setChecked(True)
        assert window.order == ["expo"]  # only the room that needs attention
    finally:
        window.close()
        for engine in engines:
            engine.stop()
        for st in (*doors, dash_station):
            st.close()


def test_tiles_sort_filter_alert_progress_conflicts(qapp: Any, qtbot: Any, tmp_path: Path) -> None:
    from ui.dashboard import open_dashboard

    st = Station.init_standalone(Paths(tmp_path / "st"), event_name="Rooms", station_name="Ops")
    st.add_attendees([{"code": f"P{i}", "given_name": f"Person{i}", "category": "DEL" if i % 2 else "HOD"}
                      for i in range(12)])
    st.load_program({"categories": [{"code": "HOD", "label": "Head", "rooms": ["*"]},
                                    {"code": "DEL", "label": "Delegate", "rooms": ["*"]}],
                     "rooms": [{"id": f"r{i}", "name": f"Room {i:02d}", "capacity": 10, "policy": "block",
                                "zone": "East" if i % 2 else "West"} for i in range(6)]})
    st.settings["sounds"] = False
    window = open_dashboard(st, sounds=False, sync=False)
    window.reorder_every_s = 0  # (tiles re-sort at most every 3 s by default)
    window.show()
    try:
        qtbot.waitUntil(lambda: len(window.tiles) == 6, timeout=5000)
        for i in range(9):
            st.scan(f"P{i}", room="r3")
        with qtbot.waitSignal(window.updated, timeout=5000):
            window.refresh()
        qtbot.waitUntil(lambda: window.tiles["r3"].room.get("count") == 9, timeout=5000)
        assert window.order[0] == "r3"  # fullest first
        assert "NEARLY FULL" in window.tiles["r3"].state.text() and window.tiles["r3"].icon.kind == "amber"
        assert window.alert_bar.isVisible() and "Room 03 is nearly full" in window.alert_bar.texts()[0]
        window.filter.setText("east")
        assert window.order == ["r3", "r1", "r5"] or set(window.order) == {"r1", "r3", "r5"}
        window.filter.setText("")
        window.sort.setCurrentText("Name")
        assert window.order == [f"r{i}" for i in range(6)]
        st.record("checkin", {"attendee_id": st.attendee("P1")["id"]})
        window.tabs.setCurrentIndex(2)
        qtbot.waitUntil(lambda: any("1/" in label for label in window.category_chart.labels), timeout=5000)
        assert window.progress_pill.text().startswith("Checked in 1 / 12")
        window.tabs.setCurrentIndex(1)
        window.show_room_chart("r3")
        qtbot.waitUntil(lambda: window.occupancy_chart.room_id == "r3", timeout=5000)
        assert window.occupancy_chart.count.count() >= 1
    finally:
        window.close()
        st.close()
