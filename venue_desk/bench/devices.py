"""Scanner figures over a real pty: terminator byte → ScanEvent delivered, and sustained rate.

Target (issue 7): p99 ≤ 5 ms from the write of the terminator byte to the ``on_scan`` callback, and
100 scans/s sustained without loss. The pty is the same kernel path a USB CDC-ACM scanner's bytes
take to pyserial, minus the USB polling interval (1 ms for full-speed interrupt endpoints).

Keys: ``scanner_latency_p50_ms``, ``scanner_latency_p99_ms``, ``scanner_sustained_scans_per_s``,
``scanner_sustained_latency_p99_ms``, ``scanner_lost``, ``scanner_burst_scans_per_s``.
"""

from __future__ import annotations

import os
import queue
import sys
import time
from typing import Any

from venue_desk.bench import BenchOptions, percentile, summarise

__all__ = ["run"]

SUSTAINED_RATE = 100  # scans per second
SUSTAINED_SECONDS = 3.0
BURST = 2000


def run(options: BenchOptions, report: dict[str, Any]) -> None:
    if os.name != "posix" or not hasattr(os, "openpty"):
        report["scanner_skipped"] = "needs a POSIX pty"
        return
    from devices.events import ScannerState
    from devices.serialport import SerialScanner

    master, slave = os.openpty()
    path = os.ttyname(slave)
    os.close(slave)
    arrivals: queue.Queue[tuple[float, str]] = queue.Queue()
    scanner = SerialScanner(path, lambda e: arrivals.put((time.monotonic(), e.text)), source="bench")
    scanner.start()
    try:
        if not scanner.wait_for(ScannerState.CONNECTED, 10):
            report["scanner_skipped"] = f"could not open {path}: {scanner.reason}"
            return
        samples = max(200, min(2000, options.scans))
        report.update(_latency(master, arrivals, samples))
        report.update(_sustained(master, arrivals))
        report.update(_burst(master, arrivals))
    finally:
        scanner.stop()
        os.close(master)


def _latency(master: int, arrivals: queue.Queue, samples: int) -> dict[str, Any]:
    out: dict[str, Any] = {}
    latencies = []
    for i in range(samples):
        code = f"LAT-{i:06d}"
        sent = time.monotonic()
        os.write(master, code.encode() + b"\r")  # the terminator is the last byte of this write
        arrived, text = arrivals.get(timeout=5)
        if text != code:
            raise RuntimeError(f"bench: expected {code}, got {text}")
        latencies.append((arrived - sent) * 1000)
    summarise("scanner_latency", latencies, out)
    return out


def _sustained(master: int, arrivals: queue.Queue) -> dict[str, Any]:
    n = int(SUSTAINED_RATE * SUSTAINED_SECONDS)
    sent_at: dict[str, float] = {}
    start = time.monotonic()
    for i in range(n):
        due = start + i / SUSTAINED_RATE
        while (now := time.monotonic()) < due:
            time.sleep(min(due - now, 0.002))
        code = f"SUS-{i:06d}"
        sent_at[code] = time.monotonic()
        os.write(master, code.encode() + b"\r")
    received: dict[str, float] = {}
    deadline = time.monotonic() + 5
    while len(received) < n and time.monotonic() < deadline:
        try:
            arrived, text = arrivals.get(timeout=max(0.01, deadline - time.monotonic()))
        except queue.Empty:
            break
        received[text] = arrived
    elapsed = max(received.values(), default=start) - start
    latencies = [(received[c] - sent_at[c]) * 1000 for c in received if c in sent_at]
    return {
        "scanner_sustained_scans_per_s": round(len(received) / elapsed, 1) if elapsed > 0 else 0.0,
        "scanner_sustained_latency_p99_ms": round(percentile(latencies, 99), 3),
        "scanner_lost": n - len(received),
    }


def _burst(master: int, arrivals: queue.Queue) -> dict[str, Any]:
    payload = b"".join(f"BUR-{i:06d}\r".encode() for i in range(BURST))
    start = time.monotonic()
    view = memoryview(payload)
    while view:
        view = view[os.write(master, view):]
    got = 0
    last = start
    while got < BURST:
        try:
            last, _ = arrivals.get(timeout=5)
        except queue.Empty:
            break
        got += 1
    if got < BURST:
        print(f"bench: burst lost {BURST - got} scans", file=sys.stderr)
    return {"scanner_burst_scans_per_s": round(got / max(last - start, 1e-9)),
            "scanner_burst_lost": BURST - got}
