"""``venue-app bench``: the performance figures of DESIGN.md's targets table.

Each module of this package named in :data:`BENCH_MODULES` exposes
``run(options: BenchOptions, report: dict[str, Any]) -> None`` and adds flat keys to the report
(``scan_p99_ms``, ``search_p99_ms``, …). Benchmarks build their own data in temporary
directories and never touch a real station.
"""

from __future__ import annotations

import importlib
import resource
import statistics
import sys
from dataclasses import dataclass, field
from typing import Any

__all__ = ["BENCH_MODULES", "BenchOptions", "percentile", "run_all", "summarise"]

BENCH_MODULES = ("core", "people", "devices", "printing", "registry", "sync", "snapshot", "occupancy", "gui",
                 "dashboard", "link")


@dataclass
class BenchOptions:
    attendees: int = 100_000
    scans: int = 2_000
    only: list[str] = field(default_factory=list)
    progress: bool = False


def percentile(samples: list[float], pct: float) -> float:
    """Nearest-rank percentile of ``samples`` (which need not be sorted)."""
    if not samples:
        return float("nan")
    ordered = sorted(samples)
    rank = max(0, min(len(ordered) - 1, round(pct / 100 * len(ordered) + 0.5) - 1))
    return ordered[rank]


def summarise(prefix: str, samples_ms: list[float], report: dict[str, Any]) -> None:
    report[f"{prefix}_p50_ms"] = round(statistics.median(samples_ms), 3)
    report[f"{prefix}_p99_ms"] = round(percentile(samples_ms, 99), 3)


def peak_rss_mb() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(usage / (1024 * 1024) if sys.platform == "darwin" else usage / 1024, 1)


def run_all(options: BenchOptions) -> dict[str, Any]:
    report: dict[str, Any] = {"attendees": options.attendees}
    for name in BENCH_MODULES:
        if options.only and name not in options.only:
            continue
        try:
            module = importlib.import_module(f"venue_desk.bench.{name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"venue_desk.bench.{name}":
                continue
            raise
        if options.progress:
            print(f"bench: {name}…", file=sys.stderr, flush=True)
        module.run(options, report)
    report["peak_rss_mb"] = peak_rss_mb()
    return report
