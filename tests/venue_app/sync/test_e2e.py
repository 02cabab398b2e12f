"""Three station processes and a registry under a flaky network converge exactly.

The proxies cut, stall, delay, truncate and 502 at random; one station is SIGKILLed mid-push and
restarted; the registry is restarted once. Afterwards every station and the registry hold the
same events, derived state is equal everywhere, nothing shown as done is missing, nothing twice.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from faultproxy import FaultProxy

from venue_app.eventlog import snapshot
from venue_app.paths import Paths
from venue_app.station import Station
from venue_app.sync import SyncEngine
from venue_app.sync.enroll import enroll

WORKER = Path(__file__).with_name("station_worker.py")
PER_STATION = 1000
COMPARED = ("checkins", "presence", "room_counts", "badges", "attendee_edits", "room_visits")


def start_worker(data: Path, codes: Path, start: int, count: int) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(Path.cwd()), os.environ.get("PYTHONPATH", "")])}
    proc = subprocess.Popen([sys.executable, str(WORKER), str(data), str(codes), str(start), str(count)],
                            stdout=subprocess.PIPE, text=True, env=env)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
    return proc


def read_shown(proc: subprocess.Popen[str], shown: set[str], stop_after: int | None = None) -> bool:
    """Collect shown event ids; True when the worker finished."""
    assert proc.stdout is not None
    n = 0
    for line in proc.stdout:
        if line.startswith("shown "):
            shown.add(line.split()[1])
            n += 1
            if stop_after is not None and n >= stop_after:
                return False
        elif line.strip() == "done":
            return True
    return False


def chaos(proxies: list[FaultProxy], stop: threading.Event, seed: int = 7) -> None:
    rng = random.Random(seed)
    while not stop.is_set():
        for proxy in proxies:
            proxy.delay_s = 0.2
            proxy.set(rng.choice(["pass", "pass", "pass", "drop", "stall", "delay", "cut", "502"]))
        stop.wait(rng.uniform(0.2, 0.8))
    for proxy in proxies:
        proxy.set("pass")


def derived(st: Station) -> dict:
    conn = st.replica.reader()
    state = {t: snapshot(conn, t) for t in COMPARED}
    # per-station observations and local timestamps are not shared facts
    state["room_counts"] = {k: v[:3] for k, v in state["room_counts"].items()}
    return state


@pytest.mark.slow
def test_three_stations_converge_through_chaos(registry, codes: list[str], tmp_path: Path) -> None:
    codes_file = tmp_path / "codes.txt"
    codes_file.write_text("\n".join(codes[:450]))
    roots, proxies = [], []
    for i in range(3):
        root = tmp_path / f"station{i}"
        enroll(Paths(root), registry.url, registry.enroll_code(f"Desk {i}"), name=f"Desk {i}").close()
        proxy = FaultProxy(registry.port, registry.tls)
        with Station.open(Paths(root)) as st, st.replica.transaction() as conn:
            st.replica.set_meta(conn, "registry_url", proxy.url)
        roots.append(root)
        proxies.append(proxy)

    stop = threading.Event()
    driver = threading.Thread(target=chaos, args=(proxies, stop), daemon=True)
    driver.start()
    shown: set[str] = set()
    try:
        workers = [start_worker(root, codes_file, i * 150, PER_STATION) for i, root in enumerate(roots)]
        # station 0 is killed in the middle of its work (mid-push, with its engine running) …
        read_shown(workers[0], shown, stop_after=250)
        workers[0].send_signal(signal.SIGKILL)
        workers[0].wait(10)
        workers[0].stdout.close()
        # … the registry restarts once …
        registry.stop()
        registry.start()
        # … and station 0 comes back to finish its share
        workers[0] = start_worker(roots[0], codes_file, 250, PER_STATION - 250)
        for proc in workers:
            assert read_shown(proc, shown), "a station did not finish"
            proc.wait(30)
            proc.stdout.close()
            assert proc.returncode == 0
    finally:
        stop.set()
        driver.join(5)

    stations = [Station.open(Paths(root)) for root in roots]
    try:
        for st in stations:
            with st.replica.transaction() as conn:
                st.replica.set_meta(conn, "registry_url", registry.url)
        for _ in range(2):
            for st in stations:
                engine = SyncEngine(st)
                engine.run_once()
                engine.client.close()
        at_registry = registry.event_ids()
        assert len(at_registry) > 1500
        assert shown <= at_registry, f"{len(shown - at_registry)} shown facts missing at the registry"
        for st in stations:
            ids = {r[0] for r in st.replica.query("SELECT id FROM log")}
            assert ids == at_registry
            assert st.replica.one("SELECT count(*) FROM log WHERE outbox != 0")[0] == 0
            assert st.rebuild(fix=False).clean
        states = [derived(st) for st in stations]
        assert states[0] == states[1] == states[2]
        # no secret in any log after all this: the registry's (requests, restarts, refusals) and the
        # stations' own; the stations' tokens, the enrolment codes and the admin token are secrets
        secrets = [registry.admin_token, *registry.codes_given,
                   *((Paths(root).keys_dir / "registry.token").read_text("utf-8").strip() for root in roots)]
        assert all(len(secret) >= 12 for secret in secrets), secrets
        logs = [registry.root / "serve.log", *tmp_path.rglob("*.log"), *(registry.root / "reg").rglob("*.log")]
        text = "\n".join(path.read_text("utf-8", "replace") for path in dict.fromkeys(logs) if path.exists())
        # the registry's access log was on: one line per request, the query string included
        assert '"POST /api/v1/events"' in text and '"GET /api/v1/feed?' in text, text[-2000:]
        leaked = [secret[:4] + "…" for secret in secrets if secret in text]
        assert not leaked, f"secrets in the logs: {leaked}"
        # the registry's aggregates agree with the stations'
        summary = registry.summary()
        assert summary["checked_in"] == stations[0].status()["checked_in"]
        rooms = {r["id"]: r["occupancy"] for r in summary["rooms"]}
        assert rooms == {r["id"]: r["count"] for r in stations[0].occupancy()}
        with sqlite3.connect(registry.root / "reg" / "registry.sqlite3") as conn:
            total, distinct = conn.execute("SELECT count(*), count(DISTINCT json_extract(data, '$.id')) FROM feed"
                                           " WHERE kind = 'station_event'").fetchone()
        conn.close()
        assert total == distinct == len(at_registry)  # nothing twice in the feed
    finally:
        for st in stations:
            st.close()
        for proxy in proxies:
            proxy.close()
