"""GUI figures with the real desk window offscreen, in a fresh process (so start-up and memory are
the app's own): ``gui_start_ready_s`` (process start → window painted and ready, 100k-attendee
replica), ``gui_scan_to_paint_p50_ms``/``gui_scan_to_paint_p99_ms`` (bytes written to a pty serial
scanner → verdict painted; auto-print off: the verdict path), ``gui_rss_mb_100k`` (resident memory
after the scans). The child is :func:`ui.benchmark.child`: this module never imports Qt or ``ui``.

``camera_frame_to_verdict_p95_ms`` (and ``_p50_ms``): a 1280×720 frame of a real badge handed to
the desk camera's ``QVideoSink`` → verdict painted (:func:`ui.benchmark.camera_child`).

``wedge_scan_to_paint_p50_ms``/``_p99_ms``: the same desk on a real X server (Xvfb), codes typed
by ``xdotool type --delay 8`` with Return, timed from the Return reaching the app to the verdict
painted (:func:`ui.benchmark.wedge_child`). Without Xvfb/xdotool the figure is left out and
``wedge_skipped`` says why.
"""

from __future__ import annotations

import json
import os
import select
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from venue_desk.bench import BenchOptions, percentile

__all__ = ["run"]


def run(options: BenchOptions, report: dict[str, Any]) -> None:
    from venue_app.importer import import_file
    from venue_app.paths import Paths
    from venue_app.station import Station
    from venue_desk.demodata import generate, write_csv

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
        out = subprocess.run([sys.executable, "-c", "from ui.benchmark import child; child()",
                              str(root / "station"), str(scans), repr(started)],
                             capture_output=True, text=True, env=env, timeout=600, check=False)
        if out.returncode != 0:
            report["gui_error"] = out.stderr[-2000:]
            return
        result = json.loads(out.stdout.strip().splitlines()[-1])
        _wedge(root / "station", scans, report)
        _camera(root / "station", min(scans, 60), env, report)
    samples = result["samples_ms"]
    report["gui_start_ready_s"] = round(result["ready_s"], 3)
    report["gui_scan_to_paint_p50_ms"] = round(percentile(samples, 50), 3)
    report["gui_scan_to_paint_p99_ms"] = round(percentile(samples, 99), 3)
    report["gui_scan_to_paint_n"] = len(samples)
    report["gui_rss_mb_100k"] = result["rss_mb"]
    report["gui_rss_ready_mb"] = result.get("rss_ready_mb")
    # the share of the core's durable scan in the same runs (lookup, verify, fsync'd commit)
    if result.get("core_ms"):
        report["gui_core_scan_p99_ms"] = round(percentile(result["core_ms"], 99), 3)
        overhead = [total - core for total, core in zip(samples, result["core_ms"], strict=False)]
        report["gui_overhead_p99_ms"] = round(percentile(overhead, 99), 3)


def _camera(data: Path, samples: int, env: dict[str, str], report: dict[str, Any]) -> None:
    """``camera_frame_to_verdict_p95_ms``: a 1280×720 frame of a real badge handed to the desk
    camera's video sink → verdict painted (:func:`ui.benchmark.camera_child`; target ≤ 150 ms)."""
    out = subprocess.run([sys.executable, "-c", "from ui.benchmark import camera_child; camera_child()",
                          str(data), str(samples)], capture_output=True, text=True, env=env, timeout=600, check=False)
    if out.returncode != 0:
        report["camera_error"] = out.stderr[-2000:]
        return
    result = json.loads(out.stdout.strip().splitlines()[-1])
    if not result["samples_ms"]:
        report["camera_error"] = "no verdict from a camera frame"
        return
    report["camera_frame_to_verdict_p50_ms"] = round(percentile(result["samples_ms"], 50), 3)
    report["camera_frame_to_verdict_p95_ms"] = round(percentile(result["samples_ms"], 95), 3)
    report["camera_frame_to_verdict_n"] = len(result["samples_ms"])
    report["camera_decode_p95_ms"] = round(percentile(result["decode_ms"], 95), 3)
    report["camera_verdicts_ok"] = sum(1 for v in result["verdicts"] if v == "ok")


def _wedge(data: Path, scans: int, report: dict[str, Any]) -> None:
    """Real X keystrokes into the desk window on a private Xvfb display."""
    missing = [tool for tool in ("Xvfb", "xdotool") if shutil.which(tool) is None]
    if missing:
        report["wedge_skipped"] = f"no X display for real keystrokes: {', '.join(missing)} not installed"
        return
    read_fd, write_fd = os.pipe()
    xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "1366x768x24", "-nolisten", "tcp"],
                            pass_fds=(write_fd,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write_fd)
    try:
        number = b""
        while not number.endswith(b"\n"):
            ready, _, _ = select.select([read_fd], [], [], 15)
            chunk = os.read(read_fd, 16) if ready else b""
            if not chunk:
                report["wedge_skipped"] = "Xvfb did not start"
                return
            number += chunk
        env = {k: v for k, v in os.environ.items() if k != "WAYLAND_DISPLAY"}
        env.update(DISPLAY=f":{int(number)}", QT_QPA_PLATFORM="xcb")
        out = subprocess.run([sys.executable, "-c", "from ui.benchmark import wedge_child; wedge_child()",
                              str(data), str(min(scans, 200))],
                             capture_output=True, text=True, env=env, timeout=900, check=False)
        if out.returncode != 0:
            report["wedge_error"] = out.stderr[-2000:]
            return
        result = json.loads(out.stdout.strip().splitlines()[-1])
    finally:
        os.close(read_fd)
        xvfb.terminate()
        xvfb.wait(10)
    samples = result["samples_ms"]
    if not samples:
        report["wedge_error"] = "no verdict from real keystrokes"
        return
    report["wedge_scan_to_paint_p50_ms"] = round(percentile(samples, 50), 3)
    report["wedge_scan_to_paint_p99_ms"] = round(percentile(samples, 99), 3)
    report["wedge_scan_to_paint_n"] = len(samples)
    report["wedge_verdicts_ok"] = sum(1 for v in result["verdicts"] if v == "ok")
