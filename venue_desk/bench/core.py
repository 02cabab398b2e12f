"""Scan → durable verdict on a replica of N attendees, against the floor measured in the same run.

The floor is what any design must pay per scan: one indexed SQLite lookup, one Ed25519 verify and
one durable commit on the same disk.
"""

from __future__ import annotations

import gc
import os
import random
import string
import tempfile
import time
from pathlib import Path
from typing import Any

from venue_app import eventlog
from venue_app.codes import normalise_code
from venue_app.keys import SigningKey
from venue_app.paths import Paths
from venue_app.replica import connect
from venue_app.station import Station
from venue_desk.bench import BenchOptions, summarise

__all__ = ["build_replica", "run", "scan_mix"]

_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def build_replica(root: Path, attendees: int, badges: int, seed: int = 7) -> tuple[Station, list[str], list[str]]:
    """A standalone station with ``attendees`` people and ``badges`` signed badges."""
    rng = random.Random(seed)
    station = Station.init_standalone(Paths(root), event_name="Bench Congress", station_name="Bench desk")
    codes = ["".join(rng.choices(_ALPHABET, k=10)) for _ in range(attendees)]
    codes = list(dict.fromkeys(codes))
    rows = ({"code": code, "given_name": f"Given{i}", "family_name": f"Family{i}", "category": "DELEGATE",
             "organisation": "City of Bench"} for i, code in enumerate(codes))
    station.add_attendees(rows)
    ids = [r[0] for r in station.replica.query("SELECT id FROM attendees ORDER BY rowid LIMIT ?", (badges,))]
    drafts = [station.new_badge(attendee_id) for attendee_id in ids]
    with station.replica.transaction() as conn:
        for d in drafts:
            ev = station.new_event("badge_issued", {"serial": d.serial, "attendee_id": d.attendee_id,
                                                    "category": d.category, "key_id": d.key_id,
                                                    "token": d.token, "supersedes": []})
            eventlog.append(conn, ev, outbox=True)
    return station, codes, [d.token for d in drafts]


def scan_mix(codes: list[str], tokens: list[str], n: int, seed: int = 11) -> list[str]:
    """Signed tokens, plain codes, duplicates, garbage and forgeries, shuffled."""
    rng = random.Random(seed)
    mix: list[str] = []
    fresh_tokens = iter(tokens)
    fresh_codes = iter(codes[len(tokens):])
    for i in range(n):
        kind = i % 20
        if kind < 8:
            mix.append(next(fresh_tokens))
        elif kind < 14:
            mix.append(next(fresh_codes))
        elif kind < 17 and mix:
            mix.append(rng.choice(mix))  # duplicate
        elif kind == 17:
            mix.append("".join(rng.choices(string.printable, k=rng.randint(1, 200))))
        elif kind == 18:
            token = rng.choice(tokens)
            pos = rng.randrange(10, len(token))
            mix.append(token[:pos] + ("A" if token[pos] != "A" else "B") + token[pos + 1:])  # forged
        else:
            mix.append("".join(rng.choices(_ALPHABET, k=10)))  # unknown code
    rng.shuffle(mix)
    return mix


def floor_samples(root: Path, codes: list[str], n: int) -> list[float]:
    """Raw indexed lookup + one Ed25519 verify + one durable commit, per iteration (ms)."""
    conn = connect(root / "station.sqlite3")
    conn.execute("CREATE TABLE IF NOT EXISTS bench_floor(id INTEGER PRIMARY KEY, code TEXT, at REAL)")
    key = SigningKey.generate()
    message = os.urandom(60)
    signature = key.sign(message)
    public = key.public
    samples = []
    rng = random.Random(3)
    for _ in range(n):
        code = normalise_code(rng.choice(codes))
        t0 = time.perf_counter()
        conn.execute("SELECT * FROM attendees WHERE code_norm = ?", (code,)).fetchone()
        public.verify(signature, message)
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO bench_floor(code, at) VALUES (?, ?)", (code, t0))
        conn.execute("COMMIT")
        samples.append((time.perf_counter() - t0) * 1000)
    conn.close()
    return samples


def run(options: BenchOptions, report: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory(prefix="venue-bench-") as tmp:
        root = Path(tmp)
        n_tokens = max(1, options.scans * 8 // 20 + 1)
        t0 = time.perf_counter()
        station, codes, tokens = build_replica(root, options.attendees, n_tokens)
        report["replica_build_s"] = round(time.perf_counter() - t0, 2)
        payloads = scan_mix(codes, tokens, options.scans)
        # what a long-running station does after start-up: the data built so far is long-lived,
        # so the cyclic GC need not walk it on every collection (same for the floor below)
        gc.collect()
        gc.freeze()
        samples = []
        statuses: dict[str, int] = {}
        for payload in payloads:
            t = time.perf_counter()
            verdict = station.scan(payload, source="bench")
            samples.append((time.perf_counter() - t) * 1000)
            statuses[verdict.status] = statuses.get(verdict.status, 0) + 1
        station.close()
        summarise("scan", samples, report)
        report["scan_count"] = len(samples)
        report["scan_statuses"] = statuses
        floor = floor_samples(root, codes, options.scans)
        summarise("floor", floor, report)
        report["scan_vs_floor_p99"] = round(report["scan_p99_ms"] / report["floor_p99_ms"], 2)
