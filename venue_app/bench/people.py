"""People figures: import of N demo attendees, and search as you type over them.

Keys: ``import_100k_s`` (seconds to import ``options.attendees`` demo rows from CSV; the name
says 100k because that is the target size), ``import_rows``, ``demo_generate_s``,
``search_p50_ms`` / ``search_p99_ms`` over ``search_queries`` realistic queries (every keystroke
prefix of names in several scripts, pinyin, transliterations, codes, e-mails, cities), and
``search_hit_rate`` (share of full-name queries whose attendee is among the results).
"""

from __future__ import annotations

import random
import tempfile
import time
from pathlib import Path
from typing import Any

from venue_app import demodata
from venue_app.bench import BenchOptions, summarise
from venue_app.importer import import_file
from venue_app.replica import Replica
from venue_app.search import romanise, search

__all__ = ["queries_for", "run"]


def queries_for(rows: list[dict[str, str]], n: int, seed: int = 5) -> list[tuple[str, str]]:
    """``n`` (query, expected attendee id) pairs a desk would type, including partial keystrokes."""
    rng = random.Random(seed)
    out: list[tuple[str, str]] = []
    while len(out) < n:
        row = rng.choice(rows)
        kind = rng.randrange(9)
        native = row["native_name"]
        if kind == 0:
            q = f"{row['given_name']} {row['family_name']}"
        elif kind == 1:
            full = row["family_name"]
            q = full[: rng.randint(2, max(2, len(full)))]       # typing the family name
        elif kind == 2 and native:
            chars = native.replace(" ", "")
            start = rng.randrange(len(chars))
            q = chars[start:start + rng.choice((1, 2))]          # one or two native characters
        elif kind == 3 and native:
            q = romanise(native).lower()                         # pinyin / transliteration
        elif kind == 4:
            q = row["code"].lower() if rng.random() < 0.5 else row["code"]
        elif kind == 5:
            q = row["email"].split("@")[0][: rng.randint(3, 12)]
        elif kind == 6:
            q = (row["delegation"] or row["city"])[: rng.randint(3, 8)]
        elif kind == 7:
            q = f"{row['family_name']} {row['given_name'][:2]}"
        else:
            q = row["organisation"][: rng.randint(4, 14)]
        if q.strip():
            out.append((q, row["id"]))
    return out


def run(options: BenchOptions, report: dict[str, Any]) -> None:
    n = options.attendees
    with tempfile.TemporaryDirectory(prefix="venue-bench-people-") as tmp:
        root = Path(tmp)
        started = time.perf_counter()
        rows = demodata.generate(n, seed=13)
        report["demo_generate_s"] = round(time.perf_counter() - started, 2)
        csv_path = root / "attendees.csv"
        demodata.write_csv(csv_path, rows)
        replica = Replica(root / "station.sqlite3")
        try:
            started = time.perf_counter()
            result = import_file(replica, csv_path)
            report["import_100k_s"] = round(time.perf_counter() - started, 2)
            report["import_rows"] = result.inserted
            conn = replica.reader()
            queries = queries_for(rows, max(1000, options.scans // 2))
            for q, _ in queries[:50]:
                search(conn, q)  # warm the page cache and the romanisation caches
            samples: list[float] = []
            hits = full = 0
            for q, expected in queries:
                t0 = time.perf_counter()
                found = search(conn, q, limit=20)
                samples.append((time.perf_counter() - t0) * 1000)
                if " " in q and not q.startswith(tuple("0123456789")):
                    full += 1
                    hits += any(r["id"] == expected for r in found)
            summarise("search", samples, report)
            report["search_queries"] = len(samples)
            report["search_hit_rate"] = round(hits / full, 3) if full else None
        finally:
            replica.close()
