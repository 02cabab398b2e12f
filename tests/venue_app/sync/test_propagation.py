"""With everyone online, a scan at station A reaches station B's derived state by itself.

How fast is a benchmark figure (`venue-app bench --only sync`: `sync_propagation_p95_ms`, target ≤ 1 s),
not a timed test: here every scan must arrive, with a generous bound so a loaded CI machine cannot
turn a slow run into a red build."""

from __future__ import annotations

import time
from pathlib import Path

from venue_app.bench import percentile
from venue_app.paths import Paths
from venue_app.sync import SyncEngine
from venue_app.sync.enroll import enroll


def test_scan_at_a_reaches_b_within_a_second(registry, codes: list[str], tmp_path: Path) -> None:
    a = enroll(Paths(tmp_path / "a"), registry.url, registry.enroll_code("Prop A"), name="Prop A")
    b = enroll(Paths(tmp_path / "b"), registry.url, registry.enroll_code("Prop B"), name="Prop B")
    engines = [SyncEngine(a), SyncEngine(b)]
    for engine in engines:
        engine.start()
    delays = []
    try:
        for code in codes[500:530]:
            verdict = a.scan(code, room="expo")
            assert verdict.status == "ok"
            t0 = time.perf_counter()
            reader = b.replica.reader()
            while reader.execute("SELECT 1 FROM presence WHERE event_id = ?", (verdict.event_id,)).fetchone() is None:
                assert time.perf_counter() - t0 < 10, "never arrived"
                time.sleep(0.005)
            delays.append(time.perf_counter() - t0)
    finally:
        for engine in engines:
            engine.stop()
        a.close()
        b.close()
    assert len(delays) == 30 and percentile(delays, 95) < 10.0, sorted(delays)
