"""Dashboard mode against a real registry: scans at two door stations of one room reach the
dashboard's tile within seconds; a door station going quiet shows its freshness warning; the station
list flags a desk or a door that stopped talking within one heartbeat period of the limit, with the
outbox it last reported; filter, sort, alerts, check-in progress and conflicts; chart axes with dates
and labels inside the view."""

from __future__ import annotations

import importlib.util
import json
import sys
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from venue_app.ops.manual import check_in_by_hand
from venue_app.ops.rooms import adjust_count
from venue_app.paths import Paths
from venue_app.station import Station

_SYNC = Path(__file__).resolve().parents[1] / "venue_app" / "sync" / "conftest_sync.py"
#: the registry's heartbeat period in these tests
HEARTBEAT_S = 0.5


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
    # heartbeats every half second (20 s in production), so a silent station shows within seconds
    config = Path(reg) / "registry.json"
    config.write_text(json.dumps({**json.loads(config.read_text("utf-8")), "limits": {"heartbeat_s": HEARTBEAT_S}}),
                      "utf-8")
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
        check_in_by_hand(st, st.attendee("P1")["id"])
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


def _row(window: Any, name: str) -> dict[str, str] | None:
    """The station list's row of ``name`` as {column: text}."""
    from ui.dashboard import STATION_COLUMNS

    table = window.stations
    for i in range(table.rowCount()):
        item = table.item(i, 0)
        if item is not None and item.text() == name:
            return {c: table.item(i, j).text() for j, c in enumerate(STATION_COLUMNS)}
    return None


def test_station_list_flags_a_silent_desk_and_door_within_a_heartbeat(registry: Any, qapp: Any, qtbot: Any,
                                                                       tmp_path: Path) -> None:
    from ui.dashboard import open_dashboard
    from venue_app.sync import SyncEngine
    from venue_app.sync.enroll import enroll

    limit = 3.0  # the dashboard's station_offline_after_s (60 s in production)
    desk = enroll(Paths(tmp_path / "desk"), registry.url, registry.enroll_code("Desk 3", "desk"), name="Desk 3")
    door = enroll(Paths(tmp_path / "door"), registry.url, registry.enroll_code("Door 7", "door", "expo"),
                  name="Door 7")
    dash = enroll(Paths(tmp_path / "dash"), registry.url, registry.enroll_code("Ops 2", "dashboard"), name="Ops 2")
    dash.settings["sounds"] = False
    dash.settings["station_offline_after_s"] = limit
    # long-polls as short as the heartbeat period, as in production (20 s each)
    engines = {"desk": SyncEngine(desk, long_poll_s=HEARTBEAT_S), "door": SyncEngine(door, long_poll_s=HEARTBEAT_S)}
    for engine in engines.values():
        engine.start()
    window = open_dashboard(dash, sounds=False, refresh_ms=200)
    window.show()
    try:
        # online, and each has reported its outbox with a heartbeat ("—" until the first one arrives)
        qtbot.waitUntil(lambda: all((_row(window, n) or {}).get("Status") == "● online"
                                    and (_row(window, n) or {}).get("Outbox") == "0"
                                    for n in ("Desk 3", "Door 7")), timeout=15_000)
        assert _row(window, "Desk 3")["Role"] == "desk" and _row(window, "Desk 3")["Room"] == "—"
        expo = window.tiles["expo"].room["name"]
        assert _row(window, "Door 7")["Room"] == expo  # the room's name from the program
        assert _row(window, "Door 7")["Role"] == "door" and _row(window, "Door 7")["Outbox"] == "0"
        assert _row(window, "Ops 2")["Status"] == "● online (this station)"
        # (stations of the test before, stopped since, may be listed offline already)
        assert "Desk 3" not in window.offline_banner.text() and "Door 7" not in window.offline_banner.text()

        # the desk's network goes: its engine stops, three check-ins wait in its outbox; it gets one more
        # feed request through (no push), which reports them
        engines["desk"].stop()
        codes = _codes(registry)
        for code in codes[20:23]:
            assert desk.scan(code).status == "ok"
        pulls = SyncEngine(desk, long_poll_s=0)
        last = [0.0]

        def reported() -> bool:
            if time.monotonic() - last[0] > HEARTBEAT_S * 1.2:  # one request per heartbeat period
                pulls._update(**pulls._counts())
                pulls.pull_once()
                last[0] = time.monotonic()
            return (_row(window, "Desk 3") or {}).get("Outbox") == "3"

        qtbot.waitUntil(reported, timeout=10_000)
        silent_since = last[0]  # the desk's last word
        pulls.client.close()
        assert _row(window, "Desk 3")["Status"] == "● online"
        qtbot.waitUntil(lambda: _row(window, "Desk 3")["Status"].startswith("⚠ OFFLINE"), timeout=10_000)
        flagged_after = time.monotonic() - silent_since
        # not before the limit (less the heartbeat period its last recorded beat may predate its last
        # request by), and no later than one heartbeat period after it
        assert limit - 2 * HEARTBEAT_S <= flagged_after <= limit + HEARTBEAT_S, flagged_after
        assert _row(window, "Desk 3")["Outbox"] == "3"  # what it said was waiting
        assert _row(window, "Door 7")["Status"] == "● online"  # still talking
        assert window.offline_banner.isVisible() and "Desk 3" in window.offline_banner.text()
        assert "Door 7" not in window.offline_banner.text()
        offline = [r for r in range(window.stations.rowCount())
                   if window.stations.item(r, 3).text().startswith("⚠ OFFLINE")]
        assert window.tabs.tabText(4) == f"Stations ({len(offline)} offline)"
        assert offline == list(range(len(offline)))  # the offline ones first
        assert "Desk 3" in [window.stations.item(r, 0).text() for r in offline]
        window.offline_banner.click()
        assert window.tabs.currentWidget() is window.stations

        # doors alike: the door stops, its row and its room's tile say so
        engines["door"].stop()
        stopped = time.monotonic()
        qtbot.waitUntil(lambda: _row(window, "Door 7")["Status"].startswith("⚠ OFFLINE"), timeout=10_000)
        assert time.monotonic() - stopped <= limit + HEARTBEAT_S + HEARTBEAT_S  # (+ its long-poll in flight)
        qtbot.waitUntil(lambda: "Door 7: offline for" in window.tiles["expo"].fresh.text(), timeout=5000)
        assert "Desk 3" in window.offline_banner.text() and "Door 7" in window.offline_banner.text()
        window.tabs.setCurrentWidget(window.stations)
        window.resize(1366, 768)
        qtbot.waitUntil(lambda: window.stations.isVisible(), timeout=5000)
        window.grab().save(str(tmp_path / "stations.png"))
    finally:
        window.close()
        for engine in engines.values():
            engine.stop()
        for st in (desk, door, dash):
            st.close()


def _axis_labels(view: Any) -> list[tuple[str, Any]]:
    """The texts QtCharts drew in ``view`` (axis labels, title, legend aside) with their rects in the view."""
    from PySide6.QtWidgets import QGraphicsTextItem

    out = []
    for item in view.scene().items():
        if isinstance(item, QGraphicsTextItem) and item.isVisible() and item.toPlainText().strip():
            out.append((item.toPlainText(), view.mapFromScene(item.sceneBoundingRect()).boundingRect()))
    return out


def test_charts_show_dates_on_a_39_hour_axis_and_whole_labels(qapp: Any, qtbot: Any, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    import random
    from datetime import UTC, datetime

    import venue_app.eventlog as eventlog_module
    import venue_app.station as station_module
    from ui.dashboard import open_dashboard

    st = Station.init_standalone(Paths(tmp_path / "st"), event_name="Rooms", station_name="Ops")
    st.add_attendees([{"code": f"P{i}", "given_name": f"Person{i}", "category": "DEL" if i % 2 else "HOD"}
                      for i in range(40)])
    st.load_program({"event": {"timezone": "Asia/Shanghai"},
                     "categories": [{"code": "HOD", "label": "Head", "rooms": ["*"]},
                                    {"code": "DEL", "label": "Delegate", "rooms": ["*"]}],
                     "rooms": [{"id": "hall", "name": "Hall B", "capacity": 60, "policy": "warn"}]})
    st.settings["sounds"] = False
    start = datetime(2026, 12, 2, 1, 0, tzinfo=UTC)  # 09:00 in Guangzhou; the last point 39 hours later
    rng = random.Random(3)
    inside = 0
    for minute in range(0, 39 * 60, 20):  # the room's count observed at the time it changed
        at = (start + timedelta(minutes=minute)).isoformat(timespec="milliseconds")
        monkeypatch.setattr(eventlog_module, "now_iso", lambda at=at: at)
        monkeypatch.setattr(station_module, "now_iso", lambda at=at: at)
        delta = max(-inside, rng.randint(-6, 8))
        if delta:
            adjust_count(st, "hall", delta, reason="clicker", anonymous=True)
            inside += delta
        if minute % 60 == 0 and minute // 60 < 30:
            check_in_by_hand(st, st.attendee(f"P{minute // 60}")["id"])
    monkeypatch.undo()
    end = start + timedelta(hours=39)
    monkeypatch.setattr(Station, "now", staticmethod(lambda: end))
    window = open_dashboard(st, sounds=False, sync=False)
    window.resize(1366, 768)
    window.show()
    try:
        qtbot.waitUntil(lambda: "hall" in window.tiles, timeout=5000)
        window.show_room_chart("hall")
        chart = window.occupancy_chart
        qtbot.waitUntil(lambda: chart.room_id == "hall" and chart.count.count() > 100, timeout=5000)
        qapp.processEvents()
        assert "dd MMM" in chart.x.format()  # two days on the axis: the date on its labels
        labels = _axis_labels(chart)
        dated = [text for text, _ in labels if "Dec" in text]
        assert len(dated) >= 4 and any("02 Dec" in t for t in dated) and any("03 Dec" in t for t in dated)
        # event time: the first point, 01:00 UTC, is at 09:00 in Guangzhou (the axis starts there)
        assert chart.x.min().toString("dd MMM HH:mm") == "02 Dec 09:00"
        view = chart.viewport().rect()
        for text, rect in labels:
            assert view.contains(rect), (text, rect, view)
            assert "…" not in text and "..." not in text, text
        window.grab().save(str(tmp_path / "occupancy.png"))

        window.tabs.setCurrentIndex(2)
        qtbot.waitUntil(lambda: len(window.hour_chart.labels) == 18, timeout=5000)  # the last 18 hours
        qtbot.waitUntil(lambda: any("Dec" in t for t, _ in _axis_labels(window.hour_chart)), timeout=5000)
        hours = _axis_labels(window.hour_chart)
        shown = [t for t, _ in hours if "Dec" in t]
        assert 3 <= len(shown) <= 18  # as many as fit whole
        for text, rect in hours + _axis_labels(window.category_chart):
            assert window.hour_chart.viewport().rect().contains(rect) or \
                window.category_chart.viewport().rect().contains(rect), (text, rect)
            assert "…" not in text and "..." not in text, text
        window.grab().save(str(tmp_path / "progress.png"))
    finally:
        window.close()
        st.close()


def test_an_insecure_registry_transport_is_flagged_in_words(qapp: Any, qtbot: Any, tmp_path: Path) -> None:
    """A registry reached over plain HTTP across the network (served with ``--insecure-http``) is said on the
    dashboard, as ``station status`` says it; HTTPS (pinned) and loopback HTTP are not flagged."""
    from ui.dashboard import open_dashboard

    st = Station.init_standalone(Paths(tmp_path / "st"), event_name="Plain", station_name="Ops")
    st.settings["sounds"] = False

    def point(url: str, pins: list[str] | None = None) -> None:
        with st.replica.transaction() as conn:
            st.replica.set_meta(conn, "registry_url", url)
            st.replica.set_meta(conn, "registry_pins", pins)

    point("http://192.0.2.10:8765")
    window = open_dashboard(st, sounds=False, sync=False)
    window.resize(1200, 700)
    window.show()
    try:
        qtbot.waitExposed(window)
        assert window.insecure_banner.isVisible()
        assert "Insecure connection to the registry: plain HTTP" in window.insecure_banner.text()
        assert st.sync_summary()["insecure_transport"]  # station status says the same
        window.grab().save(str(tmp_path / "dashboard-insecure.png"))
        for url, pins in (("https://192.0.2.10:8765", ["A" * 43]), ("http://127.0.0.1:8765", None)):
            point(url, pins)
            window._show_transport()
            assert not window.insecure_banner.isVisible(), url
    finally:
        window.close()
        st.close()


def test_the_registrys_pretix_link_failing_is_said_and_goes_when_it_works(qapp: Any, qtbot: Any,
                                                                          tmp_path: Path) -> None:
    """The registry's link with pretix failing (a ``link_status`` item the feed brought, in the replica's meta):
    a banner in words, with since when and the check-ins waiting; gone once the link works again."""
    from ui.dashboard import open_dashboard
    from venue_app.linkstatus import LINK_META

    st = Station.init_standalone(Paths(tmp_path / "st"), event_name="Linked", station_name="Ops")
    st.settings["sounds"] = False
    failing = {"system": "pretix", "state": "failing", "since": "2026-12-04T10:02:00+00:00", "pending": 12,
               "refused": 0, "words": "cannot reach pretix at https://tickets.example.org: connection refused"}

    def link(data: dict[str, Any]) -> None:
        with st.replica.transaction() as conn:
            st.replica.set_meta(conn, LINK_META, data)

    link(failing)
    window = open_dashboard(st, sounds=False, sync=False)
    window.resize(1200, 700)
    window.show()
    try:
        qtbot.waitExposed(window)
        qtbot.waitUntil(window.link_banner.isVisible, timeout=5000)
        text = window.link_banner.text()
        assert "Registration link (pretix) failing since" in text, text
        assert "cannot reach pretix at https://tickets.example.org: connection refused" in text
        assert "Check-ins are kept and sent when it is back (12 waiting)" in text
        window.grab().save(str(tmp_path / "dashboard-link-failing.png"))
        link({**failing, "state": "stopped", "words": "the registry stopped running the link"})
        window.refresh()  # (a refresh under way reads again when done)
        qtbot.waitUntil(lambda: "Registration link (pretix) stopped: the registry stopped running the link"
                        in window.link_banner.text(), timeout=5000)
        assert window.link_banner.isVisible()
        link({**failing, "state": "ok", "words": "linked with the pretix event metropolis/wc13", "pending": 0})
        window.refresh()
        qtbot.waitUntil(lambda: not window.link_banner.isVisible(), timeout=5000)
    finally:
        window.close()
        st.close()
