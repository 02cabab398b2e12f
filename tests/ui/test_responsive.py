"""Long work runs off the GUI thread: the event loop keeps ticking during a 100k-attendee import."""

from __future__ import annotations

import csv
import os
import time
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer


@pytest.fixture(scope="session")
def csv_100k(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from venue_app.demodata import generate, write_csv

    path = tmp_path_factory.mktemp("import") / "attendees-100k.csv"
    write_csv(path, generate(100_000, seed=13))
    return path


def test_event_loop_never_blocks_during_a_100k_import(desk: Any, qtbot: Any, csv_100k: Path) -> None:
    from ui.jobs import import_attendees

    gaps: list[float] = []
    last = [time.perf_counter()]

    def beat() -> None:
        now = time.perf_counter()
        gaps.append(now - last[0])
        last[0] = now

    heartbeat = QTimer()
    heartbeat.setInterval(10)
    heartbeat.timeout.connect(beat)
    reports: list[Any] = []
    heartbeat.start()
    last[0] = time.perf_counter()
    desk.ctx.tasks.run_process(import_attendees, str(desk.ctx.station.paths.root), str(csv_100k),
                               label="import", on_done=reports.append)
    # the desk keeps working meanwhile: a search and a scan answer during the import
    desk.search_field.setText("Ivanov")
    qtbot.waitUntil(lambda: desk.search.shown_query == "Ivanov", timeout=60_000)
    qtbot.waitUntil(lambda: bool(reports), timeout=180_000)
    heartbeat.stop()
    assert reports[0]["ok"] and reports[0]["inserted"] == 100_000
    # the import is visible to the desk at once: search finds an imported person (the file's last
    # row by its registration code, whatever names the demo generator gives)
    with csv_100k.open(encoding="utf-8-sig", newline="") as fh:
        *_, last = csv.DictReader(fh)
    desk.search_field.setText(last["code"])
    qtbot.waitUntil(lambda: desk.search.shown_query == last["code"], timeout=10_000)
    assert [r["code"] for r in desk.search.model.rows][:1] == [last["code"]]
    worst_ms = max(gaps) * 1000
    assert len(gaps) > 100
    slow = sorted((round(g * 1000) for g in gaps if g > 0.05), reverse=True)[:5]
    # 100 ms is the rule. On a machine with more runnable processes than cores the OS alone
    # delays a tick that much now and then (seen: load 5 on 2 cores, worst ticks 104, 78, 76 ms);
    # the failures this test exists for are one long stall (a full GC: 300-700 ms; freeing a
    # 100k-row import: 300 ms; an import on the GUI thread: 20 s), which 250 ms still catches.
    overloaded = os.getloadavg()[0] > (os.cpu_count() or 1)
    limit = 250 if overloaded else 100
    assert worst_ms < limit, (f"the event loop stalled for {worst_ms:.0f} ms (slowest ticks: {slow} ms; "
                              f"load {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")
