"""Registry load: a ``registry serve`` process and 200 simulated stations on loopback, over TLS
(HTTPS, as ``registry serve`` speaks by default; every connection checks the certificate pin, as a
station does).

Each station keeps a long-poll open on the feed, pushes a batch of scans every second (one batch in
twenty is sent twice, as after a lost reply) and pulls the feed right after (a non-waiting request).
Request latency is measured on pushes and pulls (a long-poll waits by design). Afterwards every
acknowledged event must be in the feed exactly once. Then a registry holding 100,000 attendees
(``--attendees``) serves its whole feed in pages to one station.

Under that load, station 0 pushes a probe event four times a second and station 1 looks for it in its
long-polls: ``registry_propagation_p95_ms``, beside its floor ``registry_propagation_floor_ms`` (one
round trip with a commit: the median push of the same run). The same load then runs on PostgreSQL
(``registry_pg_*``) and spread over two registry servers sharing only that database, each with its
own copy of the registry folder (``registry_2hosts_*``; the probe pushes to one and is read from the
other); without a PostgreSQL server those keys are null and ``registry_pg_skipped`` says why. The server
comes from ``VENUE_BENCH_REGISTRY_PG``, else ``VENUE_BENCH_REGISTRY_DB``, else ``VENUE_TEST_PG_URL``.

Environment knobs: ``VENUE_BENCH_REGISTRY_STATIONS`` (200), ``VENUE_BENCH_REGISTRY_SECONDS`` (30),
``VENUE_BENCH_REGISTRY_BATCH`` (5 events), ``VENUE_BENCH_REGISTRY_WORKERS`` (server processes,
``registry serve --workers``; default 1), ``VENUE_BENCH_REGISTRY_DB`` (a PostgreSQL server URL:
each registry gets a schema of its own there, dropped afterwards; default SQLite in a temporary
directory), ``VENUE_BENCH_REGISTRY_LOG=1`` (server request log kept with
``VENUE_BENCH_REGISTRY_KEEP=1``), ``VENUE_BENCH_REGISTRY_PROFILE=SCRIPT`` (run the server through a
wrapper script ``SCRIPT DATA_DIR``, e.g. one that profiles it), ``VENUE_BENCH_REGISTRY_TLS=0`` (plain HTTP
on loopback, ``serve --http``, to compare), ``VENUE_BENCH_REGISTRY_LIMITS`` (JSON: the registry's
``limits``, e.g. ``{"feed_answers_per_s": 400}`` to compare pacings). Simulated stations read only the cursor
of each feed page (the tail of the JSON), so the load generator stays cheap next to the registry.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import random
import re
import shutil
import socket
import ssl
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx

from venue_app.errors import ConfigError
from venue_app.hlc import Clock
from venue_app.ids import uuid7
from venue_app.keys import SigningKey
from venue_desk.bench import BenchOptions, percentile, summarise

__all__ = ["run"]

_TAIL = re.compile(rb'"next":(\d+),"head":(\d+),"more":(?:true|false)}$')


def _plain() -> bool:
    return os.environ.get("VENUE_BENCH_REGISTRY_TLS", "1") == "0"


def _tls(root: Path) -> ssl.SSLContext | None:
    """What a station trusts (the pin of the registry's certificate): the load runs over TLS, as stations do."""
    from venue_app.registry.tls import spki_pin
    from venue_app.sync.pins import pinned_context

    if _plain():
        return None
    return pinned_context([spki_pin((root / "tls" / "registry.crt").read_bytes())])


def _start_server(root: Path) -> tuple[subprocess.Popen[bytes], str]:
    quiet = [] if os.environ.get("VENUE_BENCH_REGISTRY_LOG") else ["--quiet"]
    profile = os.environ.get("VENUE_BENCH_REGISTRY_PROFILE")
    workers = os.environ.get("VENUE_BENCH_REGISTRY_WORKERS", "1")
    command = [profile, str(root)] if profile else ["-m", "venue_desk", "registry", "serve", "--data", str(root),
                                                    "--port", "0", "--json", "--workers", workers, *quiet,
                                                    *(["--http"] if _plain() else [])]
    proc = subprocess.Popen([sys.executable, *command], stdout=subprocess.PIPE,
                            stderr=(root / "serve.log").open("ab"))
    assert proc.stdout is not None
    line = proc.stdout.readline()
    if not line:
        raise RuntimeError(f"the registry did not start: {(root / 'serve.log').read_text()[-2000:]}")
    url = json.loads(line)["url"]
    for _ in range(400):
        try:
            if httpx.get(f"{url}/api/v1/health", timeout=2, verify=_tls(root) or True).status_code == 200:
                return proc, url
        except httpx.TransportError:
            time.sleep(0.05)
    raise RuntimeError("the registry did not become healthy")


def _cpu_seconds(pid: int) -> float:
    """CPU time (user + system) a process and its children (server workers, writer processes) used
    so far (Linux; 0 elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        # children are listed by the thread that started them (the writer process: a worker thread)
        children = [child for task in Path(f"/proc/{pid}/task").iterdir()
                    for child in (task / "children").read_text().split()]
    except OSError:
        return 0.0
    own = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return own + sum(_cpu_seconds(int(child)) for child in children)


def _stop(proc: subprocess.Popen[bytes]) -> None:
    proc.terminate()
    try:
        proc.wait(15)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(10)
    if proc.stdout is not None:
        proc.stdout.close()


@contextlib.contextmanager
def _database(name: str) -> Iterator[str | None]:
    """The database URL for one registry of the bench: None (SQLite in its folder), or its own new
    schema on the PostgreSQL server ``VENUE_BENCH_REGISTRY_DB`` names (dropped afterwards)."""
    server = os.environ.get("VENUE_BENCH_REGISTRY_DB")
    if not server:
        yield None
        return
    from venue_app.registry.admin import postgres_schema

    if not server.startswith(("postgresql:", "postgres:", "postgresql+")):
        raise ConfigError("VENUE_BENCH_REGISTRY_DB is a PostgreSQL server URL (postgresql://…)")
    with postgres_schema(server, f"venue_bench_{name}") as url:
        yield url


def _new_registry(root: Path, db: str | None) -> tuple[Any, str]:
    from venue_app.program import program
    from venue_app.registry.admin import init_registry, program_doc
    from venue_app.registry.config import Limits
    from venue_app.registry.store import Store

    config, _, admin_token = init_registry(root, event_name="Bench Congress", db_url=db)
    limits = os.environ.get("VENUE_BENCH_REGISTRY_LIMITS")
    if limits:  # e.g. '{"feed_answers_per_s": 400}' (tuning the feed's pacing)
        config.limits = Limits.from_json(json.loads(limits))
        config.save()
    store = Store.open(config.db_url)
    store.apply_program(program_doc(program()))
    return store, admin_token


def _enrol(store: Any, n: int) -> list[dict[str, Any]]:
    registry_key = SigningKey.generate()
    stations = []
    for i in range(n):
        code, _ = store.create_enrollment(name=f"Bench station {i + 1}", role="door" if i % 3 else "desk")
        body = store.enroll(code=code, public_key=SigningKey.generate().public.text, name=None, key=registry_key)
        stations.append({"id": body["station_id"], "token": body["token"], "clock": Clock(body["station_id"])})
    return stations


class _Conn:
    """A minimal keep-alive HTTP/1.1 client on asyncio streams: the simulated stations must cost far
    less CPU than the server they load (httpx costs about as much per request as the registry)."""

    def __init__(self, host: str, port: int, token: str, tls: ssl.SSLContext | None = None) -> None:
        self.host, self.port = host, port
        self.tls = tls
        self.auth = f"Authorization: Bearer {token}\r\n".encode()
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def connect(self) -> None:
        """Open the connection (and its TLS handshake) now: a station keeps one open."""
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port, ssl=self.tls)
            sock = self.writer.get_extra_info("socket")
            if sock is not None:
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    async def request(self, method: str, target: str, body: bytes = b"", *, feed: bool = False) -> tuple[int, Any]:
        await self.connect()
        assert self.reader is not None and self.writer is not None
        head = (f"{method} {target} HTTP/1.1\r\nHost: {self.host}\r\n").encode() + self.auth
        if body:
            head += f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n".encode()
        self.writer.write(head + b"\r\n" + body)
        try:
            status_line = await self.reader.readline()
            length = 0
            while True:
                line = await self.reader.readline()
                if line in (b"\r\n", b""):
                    break
                name, _, value = line.partition(b":")
                if name.strip().lower() == b"content-length":
                    length = int(value)
            data = await self.reader.readexactly(length)
        except (OSError, asyncio.IncompleteReadError):
            await self.close()
            raise
        status = int(status_line.split()[1])
        if feed and status == 200:
            # a simulated station only needs the cursor: the page ends with "next", "head" and "more"
            # (see venue_app.registry.feed.render_page); parsing every item of 200 stations' pages
            # would make this load generator, not the registry, the bottleneck
            tail = _TAIL.search(data[-200:])
            if tail is not None:
                return status, {"next": int(tail[1]), "head": int(tail[2])}
        return status, json.loads(data)

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            with contextlib.suppress(OSError):
                await self.writer.wait_closed()
        self.reader = self.writer = None


def _address(url: str) -> tuple[str, int]:
    host, port = url.split("//", 1)[1].rsplit(":", 1)
    return host, int(port)


async def _load(urls: list[str], stations: list[dict[str, Any]], seconds: float, batch: int,
                attendees: list[str], tls: ssl.SSLContext | None = None) -> dict[str, Any]:
    """Station ``i`` talks to ``urls[i % len(urls)]`` (several registry hosts: spread over them). Station 0
    also pushes a probe event every quarter second, which station 1 (on the next host, if any) looks
    for in its long-polls: the propagation delay from push to another station's feed, under the load."""
    rooms = ["plenary", "hall-a", "hall-b", "hall-c", "expo", "ws-1", "ws-2"]
    push_ms: list[float] = []
    pull_ms: list[float] = []
    acked: list[str] = []
    probes: dict[str, float] = {}  # probe event id → when its push was sent
    propagation_ms: list[float] = []
    stats = Counter[str]()
    for i, st in enumerate(stations):
        st["host"], st["port"] = _address(urls[i % len(urls)])
    stop_at = time.monotonic() + seconds
    first = _Conn(stations[0]["host"], stations[0]["port"], stations[0]["token"], tls)
    head = (await first.request("GET", "/api/v1/feed?limit=1"))[1]["head"]
    await first.close()

    async def long_poll(st: dict[str, Any], watch: bool = False) -> None:
        conn = _Conn(st["host"], st["port"], st["token"], tls)
        try:
            while time.monotonic() < stop_at:
                try:
                    _, page = await conn.request("GET", f"/api/v1/feed?after={st['cursor']}&wait=2&limit=1000",
                                                 feed=not watch)
                except (OSError, asyncio.IncompleteReadError):
                    stats["errors"] += 1
                    continue
                seen = time.perf_counter()
                if watch:  # the probe station reads its pages whole
                    for item in page["items"]:
                        sent = probes.pop(item["data"].get("id", ""), None) if item["kind"] == "station_event" \
                            else None
                        if sent is not None:
                            propagation_ms.append((seen - sent) * 1000)
                st["cursor"] = max(st["cursor"], page["next"])
                stats["long_polls"] += 1
        finally:
            await conn.close()

    async def probe(st: dict[str, Any]) -> None:
        conn = _Conn(st["host"], st["port"], st["token"], tls)
        await conn.connect()
        try:
            while time.monotonic() < stop_at - 1.0:
                ts = st["clock"].now()
                event = {"id": str(uuid7(ts.ms)), "hlc": str(ts), "station_id": st["id"], "type": "occupancy_adjust",
                         "payload": {"room_id": "expo", "delta": 1}, "operator": "bench-probe", "wall": "",
                         "flags": []}
                probes[event["id"]] = time.perf_counter()
                try:
                    status, result = await conn.request("POST", "/api/v1/events",
                                                        json.dumps({"events": [event]}).encode())
                except (OSError, asyncio.IncompleteReadError):
                    stats["errors"] += 1
                    continue
                if status == 200 and result["accepted"]:
                    acked.append(event["id"])
                await asyncio.sleep(0.25)
        finally:
            await conn.close()

    async def pusher(st: dict[str, Any], rng: random.Random) -> None:
        conn = _Conn(st["host"], st["port"], st["token"], tls)
        # connected before the clock starts: a station holds its connection (and its TLS session);
        # a reconnection after an error is timed like any request
        await conn.connect()
        await asyncio.sleep(rng.random())  # stations are not synchronised
        tick = time.monotonic()
        try:
            while time.monotonic() < stop_at:
                events = []
                for _ in range(batch):
                    ts = st["clock"].now()
                    kind = rng.random()
                    attendee = rng.choice(attendees)
                    if kind < 0.4:
                        type_, payload = "checkin", {"attendee_id": attendee}
                    elif kind < 0.9:
                        type_ = "room_entry" if rng.random() < 0.6 else "room_exit"
                        payload = {"attendee_id": attendee, "room_id": rng.choice(rooms)}
                    else:
                        type_, payload = "occupancy_adjust", {"room_id": rng.choice(rooms), "delta": 1}
                    events.append({"id": str(uuid7(ts.ms)), "hlc": str(ts), "station_id": st["id"], "type": type_,
                                   "payload": payload, "operator": "bench", "wall": "", "flags": []})
                body = json.dumps({"events": events}).encode()
                for attempt in range(2 if rng.random() < 0.05 else 1):  # 1 in 20: the reply was "lost"
                    began = time.perf_counter()
                    try:
                        status, result = await conn.request("POST", "/api/v1/events", body)
                    except (OSError, asyncio.IncompleteReadError):
                        stats["errors"] += 1
                        continue
                    push_ms.append((time.perf_counter() - began) * 1000)
                    if status != 200:
                        stats["errors"] += 1
                        continue
                    stats["accepted"] += result["accepted"]
                    stats["duplicate_replies"] += result["duplicate"]
                    if attempt == 0:
                        acked.extend(x["id"] for x in result["results"] if x["status"] == "accepted")
                began = time.perf_counter()
                try:
                    status, page = await conn.request("GET", f"/api/v1/feed?after={st['cursor']}&limit=1000",
                                                      feed=True)
                except (OSError, asyncio.IncompleteReadError):
                    stats["errors"] += 1
                    continue
                pull_ms.append((time.perf_counter() - began) * 1000)
                if status == 200:
                    st["cursor"] = max(st["cursor"], page["next"])
                tick += 1.0
                await asyncio.sleep(max(0.0, tick - time.monotonic()))
        finally:
            await conn.close()

    for st in stations:
        st["cursor"] = head
    rng = random.Random(5)
    started = time.monotonic()
    tasks = [asyncio.create_task(long_poll(st, watch=i == 1)) for i, st in enumerate(stations)]
    tasks += [asyncio.create_task(pusher(st, random.Random(rng.random()))) for st in stations]
    tasks.append(asyncio.create_task(probe(stations[0])))
    await asyncio.gather(*tasks)
    elapsed = time.monotonic() - started
    return {"push_ms": push_ms, "pull_ms": pull_ms, "acked": acked, "stats": stats, "elapsed": elapsed,
            "head": head, "propagation_ms": propagation_ms, "probes_unseen": len(probes)}


def _feed_ids(url: str, token: str, after: int, tls: ssl.SSLContext | None) -> Counter[str]:
    ids = Counter[str]()
    with httpx.Client(base_url=url, headers={"Authorization": f"Bearer {token}"}, timeout=60,
                      verify=tls or True) as client:
        while True:
            page = client.get("/api/v1/feed", params={"after": after, "limit": 5000}).json()
            ids.update(i["data"]["id"] for i in page["items"] if i["kind"] == "station_event")
            after = page["next"]
            if not page["more"]:
                return ids


def _load_test(report: dict[str, Any], tmp: Path, db: str | None, *, hosts: int = 1, prefix: str = "registry") -> None:
    """The load of 200 stations on one registry (``hosts`` 1), or spread over several registry servers
    sharing one PostgreSQL database (each with a copy of the first one's directory: same key, same
    certificate), as their stations would be behind a load balancer."""
    n_stations = int(os.environ.get("VENUE_BENCH_REGISTRY_STATIONS", "200"))
    seconds = float(os.environ.get("VENUE_BENCH_REGISTRY_SECONDS", "30"))
    batch = int(os.environ.get("VENUE_BENCH_REGISTRY_BATCH", "5"))
    root = tmp / prefix
    store, admin_token = _new_registry(root, db)
    try:
        stations = _enrol(store, n_stations)
    finally:
        store.close()
    roots = [root]
    for n in range(1, hosts):
        roots.append(tmp / f"{prefix}-host{n + 1}")
        shutil.copytree(root, roots[-1])
    attendees = [str(uuid.UUID(int=random.Random(i).getrandbits(128))) for i in range(5000)]
    servers: list[subprocess.Popen[bytes]] = []
    try:
        urls = []
        for each in roots:
            proc, url = _start_server(each)
            servers.append(proc)
            urls.append(url)
        server_cpu, client_cpu = sum(_cpu_seconds(p.pid) for p in servers), time.process_time()
        result = asyncio.run(_load(urls, stations, seconds, batch, attendees, _tls(root)))
        report[f"{prefix}_server_cpu_s"] = round(sum(_cpu_seconds(p.pid) for p in servers) - server_cpu, 1)
        report[f"{prefix}_client_cpu_s"] = round(time.process_time() - client_cpu, 1)
        report[f"{prefix}_load_s"] = round(result["elapsed"], 1)
        ids = _feed_ids(urls[-1], admin_token, result["head"], _tls(root))
    finally:
        for proc in servers:
            _stop(proc)
    samples = result["push_ms"] + result["pull_ms"]
    summarise(f"{prefix}_request", samples, report)
    report[f"{prefix}_push_p99_ms"] = round(percentile(result["push_ms"], 99), 3)
    report[f"{prefix}_pull_p99_ms"] = round(percentile(result["pull_ms"], 99), 3)
    # a scan at one station in another's feed, under this load (from the push to the other station's
    # long-poll answer; on several hosts, pushed to one and read from another), beside its floor:
    # one round trip with a commit (the median push) of the same run
    delays = result["propagation_ms"]
    report[f"{prefix}_propagation_p50_ms"] = round(percentile(delays, 50), 1) if delays else None
    report[f"{prefix}_propagation_p95_ms"] = round(percentile(delays, 95), 1) if delays else None
    report[f"{prefix}_propagation_floor_ms"] = round(percentile(result["push_ms"], 50), 1)
    report[f"{prefix}_propagation_probes"] = len(delays)
    report[f"{prefix}_stations"] = n_stations
    report[f"{prefix}_tls"] = not _plain()
    report[f"{prefix}_requests"] = len(samples) + result["stats"]["long_polls"]
    report[f"{prefix}_long_polls"] = result["stats"]["long_polls"]
    report[f"{prefix}_errors"] = result["stats"]["errors"]
    report[f"{prefix}_events_per_s"] = round(result["stats"]["accepted"] / result["elapsed"], 1)
    report[f"{prefix}_resent_batches_duplicate_events"] = result["stats"]["duplicate_replies"]
    acked = set(result["acked"])
    report[f"{prefix}_lost"] = len(acked - set(ids))
    report[f"{prefix}_duplicated"] = sum(1 for count in ids.values() if count > 1)


def _postgres_server() -> tuple[str | None, str]:
    """A PostgreSQL server for the PostgreSQL runs, and where it came from (or why there is none)."""
    for name in ("VENUE_BENCH_REGISTRY_PG", "VENUE_BENCH_REGISTRY_DB", "VENUE_TEST_PG_URL"):
        url = os.environ.get(name)
        if url:
            break
    else:
        return None, "no PostgreSQL server: set VENUE_BENCH_REGISTRY_PG (or VENUE_TEST_PG_URL) to postgresql://…"
    import sqlalchemy as sa

    from venue_app.registry.config import normalise_db_url

    engine = sa.create_engine(normalise_db_url(url), connect_args={"connect_timeout": 3})
    try:
        with engine.connect() as conn:
            conn.execute(sa.text("SELECT 1"))
    except Exception as exc:
        return None, f"the PostgreSQL server of {name} does not answer: {str(exc).splitlines()[0][:200]}"
    finally:
        engine.dispose()
    return url, name


def _postgres_tests(report: dict[str, Any], tmp: Path) -> None:
    """``registry_pg_*``: the load on one registry on PostgreSQL; ``registry_2hosts_*``: the same load
    spread over two registry servers that share only that database. Null, with the reason, without one."""
    server, source = _postgres_server()
    if server is None:
        for key in ("registry_pg_request_p99_ms", "registry_2hosts_request_p99_ms",
                    "registry_pg_propagation_p95_ms", "registry_2hosts_propagation_p95_ms"):
            report[key] = None
        report["registry_pg_skipped"] = source
        return
    from venue_app.registry.admin import postgres_schema

    report["registry_pg_server"] = source
    with postgres_schema(server, "venue_bench_pg") as db:
        _load_test(report, tmp, db, prefix="registry_pg")
    with postgres_schema(server, "venue_bench_2hosts") as db:
        _load_test(report, tmp, db, hosts=2, prefix="registry_2hosts")


def _feed_test(report: dict[str, Any], tmp: Path, db: str | None, attendees: int) -> None:
    from venue_app.importer import ImportReport

    store, _ = _new_registry(tmp / "feed", db)
    try:
        rows = [(i + 2, {"code": f"BENCH{i:08d}", "given_name": f"Given{i}", "family_name": f"Family{i}",
                         "native_name": "王伟" if i % 7 == 0 else "", "category": "DEL", "country": "CN",
                         "organisation": "City of Bench", "email": f"p{i}@example.org"})
                for i in range(attendees)]
        began = time.perf_counter()
        store.import_attendees(rows, ImportReport(file="bench"))
        report["registry_import_100k_s"] = round(time.perf_counter() - began, 2)
        station = _enrol(store, 1)[0]
    finally:
        store.close()
    proc, url = _start_server(tmp / "feed")
    try:
        began = time.perf_counter()
        count = 0
        after = 0
        with httpx.Client(base_url=url, headers={"Authorization": f"Bearer {station['token']}"},
                          timeout=60, verify=_tls(tmp / "feed") or True) as client:
            while True:
                page = client.get("/api/v1/feed", params={"after": after, "limit": 5000}).json()
                count += sum(1 for i in page["items"] if i["kind"] == "attendee")
                after = page["next"]
                if not page["more"]:
                    break
        report["registry_feed_100k_s"] = round(time.perf_counter() - began, 2)
        report["registry_feed_attendees"] = count
    finally:
        _stop(proc)


def run(options: BenchOptions, report: dict[str, Any]) -> None:
    keep = os.environ.get("VENUE_BENCH_REGISTRY_KEEP")
    with tempfile.TemporaryDirectory(prefix="venue-bench-registry-", delete=not keep) as tmp:
        with _database("load") as db:
            _load_test(report, Path(tmp), db)
        with _database("feed") as db:
            _feed_test(report, Path(tmp), db, options.attendees)
        _postgres_tests(report, Path(tmp))
