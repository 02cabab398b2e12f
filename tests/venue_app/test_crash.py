"""A station killed with SIGKILL mid-scan-loop loses nothing it showed as done."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from venue_app.paths import Paths
from venue_app.station import Station

CHILD = textwrap.dedent("""
    import sys
    from venue_app.paths import Paths
    from venue_app.station import Station
    st = Station.open(Paths.at(sys.argv[1]))
    codes = [r[0] for r in st.replica.query("SELECT code FROM attendees ORDER BY code")]
    sys.stdout.write("ready\\n"); sys.stdout.flush()
    for code in codes:
        v = st.scan(code, source="crash-test")
        # the verdict is "shown" only after scan() returned, i.e. after the commit
        sys.stdout.write(f"{v.status} {v.event_id}\\n"); sys.stdout.flush()
""")


@pytest.mark.parametrize("kill_after", [1, 57, 400])
def test_sigkill_mid_scan_loop_keeps_every_shown_verdict(tmp_path: Path, kill_after: int) -> None:
    root = tmp_path / "station"
    with Station.init_standalone(Paths(root), event_name="Crash Congress") as st:
        st.add_attendees({"code": f"C{i:05d}", "given_name": f"P{i}"} for i in range(3000))
    proc = subprocess.Popen([sys.executable, "-c", CHILD, str(root)], stdout=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"})
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "ready"
    shown: list[str] = []
    for line in proc.stdout:
        status, event_id = line.split()
        assert status == "ok"
        shown.append(event_id)
        if len(shown) >= kill_after:
            proc.send_signal(signal.SIGKILL)
            break
    proc.wait(timeout=30)
    proc.stdout.close()
    assert proc.returncode == -signal.SIGKILL

    conn = sqlite3.connect(root / "station.sqlite3")
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        logged = {r[0] for r in conn.execute("SELECT id FROM log WHERE type = 'checkin'")}
    finally:
        conn.close()
    assert set(shown) <= logged
    # at most the one scan in flight when the kill landed may be there without having been shown
    assert len(logged) - len(shown) <= 1
    with Station.open(Paths(root)) as st:
        assert st.rebuild(fix=False).clean
        assert st.status()["checked_in"] == len(logged)
