"""GUI figures with the real desk window offscreen, in a fresh process (so start-up and memory are
the app's own): ``gui_start_ready_s`` (process start → window painted and ready, 100k-attendee
replica), ``gui_scan_to_paint_p50_ms``/``gui_scan_to_paint_p99_ms`` (bytes written to a pty serial
scanner → verdict painted; auto-print off: the verdict path), ``gui_rss_mb_100k`` (resident memory
after the scans). Qt is imported only in the child process.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from venue_app.bench import BenchOptions, percentile

__all__ = ["run"]


def run(options: BenchOptions, report: dict[str, Any]) -> None:
    from venue_app.demodata import generate, write_csv
    from venue_app.importer import import_file
    from venue_app.paths import Paths
    from venue_app.station import Station

    with tempfile.TemporaryDirectory(prefix="venue-bench-gui-") as tmp:
        root = Path(tmp)
        csv = root / "attendees.csv"
        write_csv(csv, generate(options.attendees, seed=13))
        station = Station.init_standalone(Paths.at(root / "station"), event_name="Bench Congress")
        try:
            import_file(station, csv)
            station.settings["auto_print"] = False
            station.settings["sounds"] = False
            station.settings["operator"] = "bench"
        finally:
            station.close()
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
        scans = max(50, min(options.scans, 500))
        started = time.time()
        out = subprocess.run([sys.executable, "-c", "from venue_app.bench.gui import child; child()",
                              str(root / "station"), str(scans), repr(started)],
                             capture_output=True, text=True, env=env, timeout=600, check=False)
        if out.returncode != 0:
            report["gui_error"] = out.stderr[-2000:]
            return
        result = json.loads(out.stdout.strip().splitlines()[-1])
    samples = result["samples_ms"]
    report["gui_start_ready_s"] = round(result["ready_s"], 3)
    report["gui_scan_to_paint_p50_ms"] = round(percentile(samples, 50), 3)
    report["gui_scan_to_paint_p99_ms"] = round(percentile(samples, 99), 3)
    report["gui_scan_to_paint_n"] = len(samples)
    report["gui_rss_mb_100k"] = result["rss_mb"]


def child() -> None:
    """In the child: open the desk, scan through a pty, print one JSON line."""
    data, scans, started = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
    from PySide6.QtCore import QEventLoop, QTimer

    from printing.backends import PdfFolderBackend
    from ui.app import ensure_app
    from ui.desk import create_desk
    from venue_app.paths import Paths
    from venue_app.station import Station

    app = ensure_app()
    station = Station.open(Paths.at(data))
    window = create_desk(station, sounds=False, open_scanner=False,
                         backend=PdfFolderBackend(Path(data) / "badges"))
    window.show()
    loop = QEventLoop()
    timer = QTimer()
    timer.setSingleShot(True)
    timer.timeout.connect(loop.quit)

    def wait(signal: Any, timeout_ms: int = 10_000) -> list[Any]:
        got: list[Any] = []

        def slot(*args: Any) -> None:
            got.extend(args)
            loop.quit()
        signal.connect(slot)
        timer.start(timeout_ms)  # one timer, restarted: a stale time-out must not end a later wait
        loop.exec()
        timer.stop()
        signal.disconnect(slot)
        if not got:
            raise TimeoutError(f"no signal within {timeout_ms} ms")
        return got

    window.panel.show_idle()
    wait(window.panel.painted)
    app.processEvents()
    ready_s = time.time() - started
    master, slave = os.openpty()
    window.open_scanner(os.ttyname(slave))
    os.close(slave)
    while window.scanner.state != "connected":
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
    codes = [r[0] for r in station.replica.query(
        "SELECT code FROM attendees WHERE status = 'active' AND code != '' ORDER BY random() LIMIT ?", (scans,))]
    samples: list[float] = []
    for code in codes:
        t0 = time.perf_counter()
        os.write(master, code.encode() + b"\r")
        _status, painted_at = wait(window.panel.painted)
        samples.append((painted_at - t0) * 1000)
    rss_mb = 0.0
    with open("/proc/self/status") if os.path.exists("/proc/self/status") else open(os.devnull) as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                rss_mb = round(int(line.split()[1]) / 1024, 1)
    if not rss_mb:
        import resource

        rss_mb = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    window.close()
    station.close()
    os.close(master)
    print(json.dumps({"ready_s": ready_s, "samples_ms": samples, "rss_mb": rss_mb}))
