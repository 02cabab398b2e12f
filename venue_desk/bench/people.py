"""People figures: import of N demo attendees, and search as you type over them.

Keys: ``import_100k_s`` (seconds to import ``options.attendees`` demo rows from CSV; the name
says 100k because that is the target size) and ``import_100k_cpu_s``, ``import_rows``,
``demo_generate_s``, ``search_cpu_p50_ms`` / ``search_cpu_p99_ms`` (CPU time of the same queries),
``search_p50_ms`` / ``search_p99_ms`` over ``search_queries`` realistic queries (every keystroke
prefix of names in several scripts, pinyin, transliterations, codes, e-mails, cities), and
``search_empty_rate`` (share of those queries, all taken from real attendees, that found nobody).
``import_floor_s``: the same CSV parsed (``csv`` module) and its rows bulk-inserted as they are into a
replica's ``attendees`` table with the same indexes and the same FTS5 table (a plain document: the raw
values), without triggers, checks or romanisation, measured in the same run (``import_floor_cpu_s``: its CPU time).
"""

from __future__ import annotations

import csv
import random
import re
import sqlite3
import tempfile
import time
from pathlib import Path
from typing import Any

from venue_app.eventlog import ATTENDEE_FIELDS
from venue_app.importer import import_file
from venue_app.replica import Replica
from venue_app.search import romanise, search
from venue_desk import demodata
from venue_desk.bench import BenchOptions, summarise

__all__ = ["queries_for", "run"]

ATTENDEE_COLUMNS = frozenset({"id", *ATTENDEE_FIELDS})
_CJK = re.compile("[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


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
            word = rng.choice(native.split())
            if _CJK.search(word):
                start = rng.randrange(len(word))
                q = word[start:start + rng.choice((1, 2))]       # any one or two CJK characters
            else:
                q = word[: rng.randint(2, max(2, len(word)))]    # typing a native word
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


def import_floor(csv_path: Path, db_path: Path) -> tuple[float, float]:
    """Seconds (wall, CPU) to parse ``csv_path`` and bulk-insert its rows with the replica's attendee indexes
    and FTS table."""
    template = Replica(db_path.with_name("schema.sqlite3"))
    try:
        schema = [r[0] for r in template.query(
            "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND tbl_name IN ('attendees', 'attendee_fts')"
            " AND type IN ('table', 'index') AND name NOT LIKE 'attendee_fts_%' ORDER BY type DESC")]
    finally:
        template.close()
    conn = sqlite3.connect(db_path, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        for sql in schema:
            conn.execute(sql)
        started, cpu = time.perf_counter(), time.process_time()
        with csv_path.open(encoding="utf-8-sig", newline="") as fh:
            reader = csv.reader(fh)
            header = next(reader)
            rows = list(reader)
        at = {name: i for i, name in enumerate(header)}
        columns = [c for c in header if c in ATTENDEE_COLUMNS]
        conn.execute("BEGIN IMMEDIATE")
        conn.executemany(f"INSERT INTO attendees({', '.join(columns)}, code_norm) VALUES"
                         f" ({', '.join('?' * (len(columns) + 1))})",
                         ([*(r[at[c]] for c in columns), r[at["code"]].upper()] for r in rows))
        conn.executemany("INSERT INTO attendee_fts(rowid, names, org, place, ident, fuzzy) VALUES (?, ?, ?, ?, ?, ?)",
                         ((i, f"{r[at['given_name']]} {r[at['family_name']]} {r[at['native_name']]}",
                           f"{r[at['organisation']]} {r[at['job_title']]}",
                           f"{r[at['delegation']]} {r[at['city']]} {r[at['country']]}",
                           f"{r[at['code']]} {r[at['email']]}", "") for i, r in enumerate(rows, start=1)))
        conn.execute("COMMIT")
        return time.perf_counter() - started, time.process_time() - cpu
    finally:
        conn.close()


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
            started, cpu = time.perf_counter(), time.process_time()
            result = import_file(replica, csv_path)
            report["import_100k_s"] = round(time.perf_counter() - started, 2)
            # CPU seconds too: on a loaded machine wall time mostly measures the neighbours
            report["import_100k_cpu_s"] = round(time.process_time() - cpu, 2)
            report["import_rows"] = result.inserted
            floor_s, floor_cpu_s = import_floor(csv_path, root / "floor.sqlite3")
            report["import_floor_s"], report["import_floor_cpu_s"] = round(floor_s, 2), round(floor_cpu_s, 2)
            conn = replica.reader()
            queries = queries_for(rows, max(1000, options.scans // 2))
            for q, _ in queries[:50]:
                search(conn, q)  # warm the page cache and the romanisation caches
            samples: list[float] = []
            cpu_samples: list[float] = []
            empty = 0
            for q, _ in queries:
                t0, c0 = time.perf_counter(), time.thread_time()
                found = search(conn, q, limit=20)
                samples.append((time.perf_counter() - t0) * 1000)
                cpu_samples.append((time.thread_time() - c0) * 1000)
                empty += not found
            summarise("search", samples, report)
            summarise("search_cpu", cpu_samples, report)
            report["search_queries"] = len(samples)
            report["search_empty_rate"] = round(empty / len(queries), 4)
        finally:
            replica.close()
