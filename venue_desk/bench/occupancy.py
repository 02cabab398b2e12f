"""Door events and the occupancy view at congress scale.

The replica holds ``attendees`` people, 60 rooms and ten room events per attendee in its log
(1,000,000 at the default 100,000). The log is bulk-written and the derived presence computed
from it, as a replay would (events are generated in hlc order, so the last one per person wins).
"""

from __future__ import annotations

import json
import random
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

from venue_app import eventlog
from venue_app.hlc import HLC, format_hlc
from venue_app.paths import Paths
from venue_app.station import Station
from venue_desk.bench import BenchOptions, summarise

__all__ = ["run"]

ROOMS = 60


def _build(root: Path, attendees: int, seed: int = 5) -> tuple[Station, list[str]]:
    rng = random.Random(seed)
    st = Station.init_standalone(Paths(root), event_name="Occupancy bench")
    st.add_attendees({"code": f"OCC{i:07d}", "given_name": f"P{i}", "category": "DEL"} for i in range(attendees))
    rooms = [{"id": f"r{i:02d}", "name": f"Room {i}", "capacity": rng.choice([40, 300, 2000]),
              "policy": rng.choice(["warn", "block"])} for i in range(ROOMS)]
    st.load_program({"categories": [{"code": "DEL", "label": "Delegate", "rooms": ["*"]}], "rooms": rooms})
    ids = [r[0] for r in st.replica.query("SELECT id FROM attendees")]
    where: dict[str, str | None] = {}
    last: dict[str, tuple[str, str]] = {}
    base = int(time.time() * 1000) - 3 * 86_400_000

    def rows() -> Any:
        for n in range(attendees * 10):
            yield _row(n)

    def _row(n: int) -> tuple[Any, ...]:
        person = rng.choice(ids)
        room = f"r{rng.randrange(ROOMS):02d}"
        entry = rng.random() < 0.6
        hlc = format_hlc(HLC(base + n * 20, 0, "bench-door"))
        ev_id = str(uuid.UUID(int=rng.getrandbits(128)))
        where[person] = room if entry else None
        last[person] = (hlc, ev_id)
        return (ev_id, hlc, "bench-door", "", "room_entry" if entry else "room_exit",
                json.dumps({"attendee_id": person, "room_id": room}), "2026-12-01T10:00:00", "", 0, "[]")

    with st.replica.transaction() as conn:
        conn.executemany("INSERT INTO log VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows())
        conn.executemany("INSERT INTO presence(attendee_id, room_id, hlc, event_id) VALUES (?, ?, ?, ?)",
                         [(p, r, *last[p]) for p, r in where.items()])
        conn.execute("INSERT INTO room_counts(room_id, present, last_event_at) SELECT room_id, count(*),"
                     " '2026-12-01T10:00:00' FROM presence WHERE room_id IS NOT NULL GROUP BY room_id")
    return st, ids


def run(options: BenchOptions, report: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory(prefix="venue-bench-occ-") as tmp:
        t0 = time.perf_counter()
        st, ids = _build(Path(tmp), options.attendees)
        report["occupancy_build_s"] = round(time.perf_counter() - t0, 1)
        report["occupancy_log_events"] = options.attendees * 10
        rng = random.Random(9)
        apply_ms = []
        for _ in range(2000):
            event = st.new_event(rng.choice(["room_entry", "room_exit"]),
                                 {"attendee_id": rng.choice(ids), "room_id": f"r{rng.randrange(ROOMS):02d}"})
            with st.replica.transaction() as conn:
                t = time.perf_counter()
                eventlog.append(conn, event, outbox=True)
                apply_ms.append((time.perf_counter() - t) * 1000)
        summarise("door_apply", apply_ms, report)
        codes = [f"OCC{rng.randrange(options.attendees):07d}" for _ in range(1000)]
        scan_ms = []
        for code in codes:
            t = time.perf_counter()
            st.scan(code, room=f"r{rng.randrange(ROOMS):02d}", direction=rng.choice(["in", "out"]))
            scan_ms.append((time.perf_counter() - t) * 1000)
        summarise("door_scan", scan_ms, report)
        view_ms = []
        for _ in range(200):
            t = time.perf_counter()
            rooms = st.occupancy()
            view_ms.append((time.perf_counter() - t) * 1000)
        assert len(rooms) == ROOMS
        summarise("occupancy_view", view_ms, report)
        st.close()
