"""Dashboard refresh cost: ``dashboard_update_p99_ms`` — GUI-thread time of one dashboard update
(snapshot applied to 60 room tiles + the tiles repainted) while 100 room events per second arrive,
measured offscreen in a fresh process (:func:`ui.dashboard.bench_child`; this module never imports
Qt). Also ``dashboard_update_p50_ms``, ``dashboard_updates`` and ``dashboard_events``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from venue_desk.bench import BenchOptions, percentile

__all__ = ["RATE", "ROOMS", "build_station", "run"]

ROOMS = 60
RATE = 100.0


def build_station(root: Path, attendees: int, rooms: int = ROOMS) -> Path:
    """A standalone station with ``rooms`` rooms, ``attendees`` people and some check-ins."""
    from venue_app.paths import Paths
    from venue_app.program import CATEGORIES
    from venue_app.station import Station
    from venue_desk.demodata import generate

    station = Station.init_standalone(Paths.at(root), event_name="Bench Congress", timezone="Asia/Shanghai")
    try:
        rows = generate(attendees, seed=13)
        station.add_attendees(rows)
        station.load_program({
            "categories": [dict(c, rooms=["*"]) for c in CATEGORIES],
            "rooms": [{"id": f"room-{i:02d}", "name": f"Room {i:02d}", "capacity": 40 + 20 * (i % 10),
                       "policy": "block" if i % 3 else "warn", "zone": f"Level {i % 4 + 1}"} for i in range(rooms)],
        })
        with station.replica.transaction() as conn:
            conn.executemany("INSERT OR IGNORE INTO checkins(attendee_id, event_id, hlc, at, station_id)"
                             " VALUES (?, ?, ?, ?, 'bench')",
                             [(r[0], f"e{i}", f"{i:013d}", f"2026-12-01T0{i % 4}:{i % 60:02d}:00+00:00")
                              for i, r in enumerate(conn.execute("SELECT id FROM attendees LIMIT ?",
                                                                 (attendees // 2,)).fetchall())])
        station.settings["sounds"] = False
    finally:
        station.close()
    return root


def run(options: BenchOptions, report: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory(prefix="venue-bench-dash-") as tmp:
        root = build_station(Path(tmp) / "station", min(options.attendees, 20_000))
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
        out = subprocess.run([sys.executable, "-c", "from ui.dashboard import bench_child; bench_child()",
                              str(root), "10", str(RATE)], capture_output=True, text=True, env=env, timeout=300,
                             check=False)
        if out.returncode != 0:
            report["dashboard_error"] = out.stderr[-2000:]
            return
        result = json.loads(out.stdout.strip().splitlines()[-1])
    samples = result["samples_ms"]
    report["dashboard_update_p50_ms"] = round(percentile(samples, 50), 3)
    report["dashboard_update_p99_ms"] = round(percentile(samples, 99), 3)
    report["dashboard_updates"] = len(samples)
    report["dashboard_events"] = result["events"]
    report["dashboard_events_per_s"] = round(result["events"] / result["seconds"], 1)
