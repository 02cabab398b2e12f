"""Two registry hosts on one PostgreSQL database (issue 21, item 4), end to end.

Two ``registry serve --workers 2`` supervisors, each in its own process group and data directory (a
copy of the first: same keys, same TLS certificate, so the stations' pin holds on both), share nothing
but the database. Four stations are enrolled, two at each address; enrolment hands each the other
address too. Checked:

* read-your-writes across hosts: a push acknowledged by host A is in the very next feed page host B
  serves (no wait), ten times over;
* under load (stations scanning while their sync engines run), host A's whole process group is
  SIGKILLed: its stations fail over to B by themselves, and in the end every scan of every station is
  in the registry exactly once and in every other station's replica;
* once A is back, its stations return to it (after ``RETURN_S``, shortened here).

PostgreSQL only (SQLite cannot be shared between hosts): skipped without a server. CI has one.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from venue_app.paths import Paths
from venue_app.registry.feed import FeedNotifier
from venue_app.sync import SyncEngine
from venue_app.sync import client as sync_client
from venue_app.sync.client import RegistryClient
from venue_app.sync.enroll import enroll

from .conftest import database, pg_url, tls_context

pytestmark = pytest.mark.skipif(pg_url() is None, reason="no PostgreSQL server (set VENUE_TEST_PG_URL or run "
                                "scripts/ci-postgres.sh)")

VENUE = [sys.executable, "-m", "venue_desk"]
SCANS = 120  # over four stations; host A is killed after half of them


def _cli(*args: str) -> dict:
    out = subprocess.run([*VENUE, *args, "--json"], capture_output=True, text=True, check=True, timeout=120).stdout
    return json.loads(out.splitlines()[-1])


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class _Host:
    """One registry host: a supervisor with two workers in a process group of its own."""

    def __init__(self, root: Path, port: int, urls: list[str]) -> None:
        self.root, self.port, self.urls = root, port, urls
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"https://127.0.0.1:{self.port}"

    def start(self) -> None:
        log = (self.root / "serve.log").open("ab")
        args = ["registry", "serve", "--data", str(self.root), "--port", str(self.port), "--workers", "2", "--quiet"]
        for url in self.urls:
            args += ["--public-url", url]
        self.proc = subprocess.Popen([*VENUE, *args], stdout=log, stderr=log, start_new_session=True)
        log.close()
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{self.url}/api/v1/health", timeout=2, verify=tls_context(self.root)).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            if self.proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"registry host did not start: {(self.root / 'serve.log').read_text()[-3000:]}")
            time.sleep(0.1)

    def kill(self) -> None:
        """The host dies: the supervisor, its workers and their writer processes, at once."""
        assert self.proc is not None
        os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait(10)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(10)


@pytest.fixture
def hosts(tmp_path: Path) -> Iterator[tuple[_Host, _Host, list[str], str]]:
    attendees = tmp_path / "attendees.csv"
    _cli("demo-data", "--attendees", "600", "--seed", "21", "--out", str(attendees),
         "--program", str(tmp_path / "program.json"))
    with database("postgresql", tmp_path / "db") as url:
        a_root, b_root = tmp_path / "host-a", tmp_path / "host-b"
        made = _cli("registry", "init", "--data", str(a_root), "--event-name", "Two hosts congress", "--db", url)
        _cli("registry", "import", "--data", str(a_root), str(attendees))
        _cli("registry", "program", "--data", str(a_root), str(tmp_path / "program.json"))
        shutil.copytree(a_root, b_root)  # the second host: same registry.json, key and certificate
        ports = [_free_port(), _free_port()]
        urls = [f"https://127.0.0.1:{p}" for p in ports]
        a, b = _Host(a_root, ports[0], urls), _Host(b_root, ports[1], urls)
        with attendees.open(encoding="utf-8-sig") as fh:
            codes = [row["code"] for row in csv.DictReader(fh) if row["status"] == "active"]
        try:
            a.start()
            b.start()
            yield a, b, codes, made["admin_token"]
        finally:
            a.stop()
            b.stop()


def _feed_ids(url: str, token: str, root: Path) -> Counter[str]:
    ids: Counter[str] = Counter()
    after = 0
    with httpx.Client(base_url=url, headers={"Authorization": f"Bearer {token}"}, timeout=60,
                      verify=tls_context(root)) as http:
        while True:
            page = http.get("/api/v1/feed", params={"after": after, "limit": 5000}).json()
            ids.update(i["data"]["id"] for i in page["items"] if i["kind"] == "station_event")
            after = page["next"]
            if not page["more"]:
                return ids


def _wait(condition, what: str, seconds: float = 60.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.02)


def test_two_hosts_one_database(hosts, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    a, b, codes, admin_token = hosts
    stations = []
    for i in range(4):
        host = a if i < 2 else b
        made = _cli("registry", "enroll", "--data", str(host.root), "--name", f"Host test {i}")
        stations.append(enroll(Paths(tmp_path / f"s{i}"), host.url, f"{made['code']}#{made['pin']}",
                               name=f"Host test {i}"))
    engines: list[SyncEngine] = []
    try:
        for i, station in enumerate(stations):
            own, other = (a, b) if i < 2 else (b, a)
            assert station.replica.get_meta("registry_urls") == [own.url, other.url]

        # read-your-writes across hosts: acknowledged by A, in B's very next page
        writer = stations[0]
        token, pins = writer.registry_token(), writer.replica.get_meta("registry_pins")
        made_ids: list[str] = []
        with RegistryClient(a.url, token, pins=list(pins)) as to_a, \
                RegistryClient(b.url, token, pins=list(pins)) as to_b:
            pusher = SyncEngine(writer, client=to_a)
            for code in codes[:10]:
                head = to_b.feed(0, limit=1).head
                verdict = writer.scan(code, room="expo")
                assert verdict.status == "ok", verdict
                made_ids.append(verdict.event_id)
                assert pusher.push_once() == 1
                page = to_b.feed(head, limit=1000, wait=0)
                assert verdict.event_id in {i.data.get("id") for i in page.items}, \
                    "host B served a page without the write host A had just acknowledged"
            writer.outbox_listeners.clear()

        engines = [SyncEngine(s) for s in stations]
        for engine in engines:
            engine.start()
        scan_codes = codes[10:10 + SCANS]
        for n, code in enumerate(scan_codes):
            station = stations[n % 4]
            verdict = station.scan(code, room="expo")
            assert verdict.status == "ok", verdict
            made_ids.append(verdict.event_id)
            if n == SCANS // 2:
                a.kill()  # under load: pushes and long-polls of two stations are in flight there
            time.sleep(0.02)

        def everywhere() -> bool:
            for station in stations:
                if station.replica.one("SELECT count(*) FROM log WHERE outbox = 1")[0]:
                    return False
                have = {r[0] for r in station.replica.query("SELECT id FROM log")}
                if not set(made_ids) <= have:
                    return False
            return True

        _wait(everywhere, "every scan at every station (host A is dead)")
        for engine in engines[:2]:
            assert engine.client.active_url == b.url, "a station of host A did not fail over to B"
            assert engine.status.online
        ids = _feed_ids(b.url, admin_token, b.root)
        assert not set(made_ids) - set(ids), "acknowledged scans missing from the registry"
        doubled = [i for i in made_ids if ids[i] != 1]
        assert not doubled, f"scans in the feed more than once: {doubled[:5]}"

        # host A comes back; its stations return to it (after RETURN_S: shortened here)
        a.start()
        monkeypatch.setattr(sync_client, "RETURN_S", 0.0)
        last = stations[0].scan(codes[10 + SCANS], room="expo")
        _wait(lambda: stations[3].replica.one("SELECT 1 FROM log WHERE id = ?", (last.event_id,)) is not None,
              "a scan after host A came back")
        _wait(lambda: engines[0].client.active_url == a.url, "station 0 back on host A", 30)
    finally:
        for engine in engines:
            engine.stop(timeout=30)  # (a loaded machine: its threads must be gone before the stations close)
        for station in stations:
            station.close()


def test_notifier_listens_on_postgresql_only(tmp_path: Path) -> None:
    """SQLite has no notifications: its notifier polls and shares the head in memory (one host)."""
    from .conftest import make_registry

    for backend, listens in (("sqlite", False), ("postgresql", True)):
        with database(backend, tmp_path / backend) as url, \
                make_registry(tmp_path / f"r-{backend}", url, program=False).store() as store:
            assert FeedNotifier(store).listen is listens
