"""A station process for the end-to-end sync test: scans its share of codes while its sync engine
runs, printing ``shown EVENT_ID`` for every verdict it would have shown staff as done."""

from __future__ import annotations

import sys
import time

from venue_app.paths import Paths
from venue_app.station import Station
from venue_app.sync import SyncEngine
from venue_app.sync.client import RegistryClient


def main(data: str, codes_file: str, start: int, count: int) -> None:
    st = Station.open(Paths.at(data))
    engine = SyncEngine(st, client=RegistryClient(st.replica.get_meta("registry_url"), st.registry_token(),
                                                  timeout=2.0), backoff_base_s=0.05, backoff_max_s=0.5,
                        long_poll_s=2.0)
    engine.start()
    with open(codes_file, encoding="utf-8") as fh:
        codes = fh.read().split()
    print("ready", flush=True)
    for i in range(start, start + count):
        code = codes[i % len(codes)]
        kind = i % 5
        if kind == 0:
            verdict = st.scan(code)
        elif kind in (1, 2):
            verdict = st.scan(code, room="plenary", direction="in" if kind == 1 else "out")
        elif kind == 3:
            verdict = st.scan(code, room="expo")
        else:
            badge = st.issue_badge(code, reason="reprint" if i % 2 else "")
            issued = st.replica.one("SELECT id FROM log WHERE type = 'badge_issued' ORDER BY hlc DESC LIMIT 1")
            print(f"shown {issued[0]} {badge.serial}", flush=True)
            continue
        if verdict.event_id:
            print(f"shown {verdict.event_id}", flush=True)
        time.sleep(0.002)
    print("done", flush=True)
    engine.stop()
    st.close()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
