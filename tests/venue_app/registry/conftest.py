"""Registry fixtures: every test runs on SQLite and, when one is reachable, on a real PostgreSQL.

PostgreSQL comes from ``VENUE_TEST_PG_URL`` (``scripts/ci-postgres.sh`` prints one) or, when that
is unset, the URL that script uses by default if a server answers there. Each PostgreSQL registry
gets its own schema (``search_path`` in the URL), dropped afterwards.

API tests talk to a real ``venue-app registry serve`` subprocess on 127.0.0.1 (random port) with
httpx over HTTPS, trusting exactly the registry's certificate pin as a station does
(:func:`tls_context`); one registry and server per test module and backend keeps the suite fast.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import ssl
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest

from venue_app.hlc import Clock
from venue_app.ids import uuid7
from venue_app.keys import SigningKey

DEFAULT_PG_URL = "postgresql://venue_test:venue_test@127.0.0.1:54329/venue_test"
BACKENDS = ["sqlite", "postgresql"]
_pg_state: dict[str, str | None] = {}


def pg_url() -> str | None:
    """The PostgreSQL test server URL, or None when there is none."""
    if "url" not in _pg_state:
        import sqlalchemy as sa

        from venue_app.registry.config import normalise_db_url

        url = os.environ.get("VENUE_TEST_PG_URL") or DEFAULT_PG_URL
        engine = sa.create_engine(normalise_db_url(url), connect_args={"connect_timeout": 2})
        try:
            with engine.connect() as conn:
                conn.execute(sa.text("SELECT 1"))
            _pg_state["url"] = url
        except Exception as exc:
            if os.environ.get("VENUE_TEST_PG_URL"):
                raise RuntimeError(f"VENUE_TEST_PG_URL is set but unusable: {exc}") from exc
            _pg_state["url"] = None
        finally:
            engine.dispose()
    return _pg_state["url"]



@contextlib.contextmanager
def database(backend: str, root: Path) -> Iterator[str]:
    """A fresh, empty registry database URL for ``backend``."""
    if backend == "sqlite":
        root.mkdir(parents=True, exist_ok=True)
        yield f"sqlite:///{root / 'registry.sqlite3'}"
        return
    from venue_app.registry.admin import postgres_schema

    base = pg_url()
    assert base is not None
    with postgres_schema(base, "t") as url:
        yield url


def _skip_without_pg(backend: str) -> None:
    if backend == "postgresql" and pg_url() is None:
        pytest.skip("no PostgreSQL server (set VENUE_TEST_PG_URL or run scripts/ci-postgres.sh)")


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    _skip_without_pg(request.param)
    return str(request.param)


@pytest.fixture(params=BACKENDS, scope="module")
def module_backend(request: pytest.FixtureRequest) -> str:
    _skip_without_pg(request.param)
    return str(request.param)


@pytest.fixture
def db_url(backend: str, tmp_path: Path) -> Iterator[str]:
    with database(backend, tmp_path / "db") as url:
        yield url


@dataclass
class Registry:
    """An initialised registry (data directory, database, admin token), no server."""

    root: Path
    db_url: str
    admin_token: str
    event: dict[str, Any]

    def store(self) -> Any:
        from venue_app.registry.store import Store

        return Store.open(self.db_url)


def make_registry(root: Path, db_url: str, *, program: bool = True) -> Registry:
    from venue_app.program import program as demo_program
    from venue_app.registry.admin import init_registry, program_doc
    from venue_app.registry.store import Store

    config, event, token = init_registry(root, event_name="Metropolis Test Congress", db_url=db_url,
                                         timezone="Asia/Shanghai")
    if program:
        with Store.open(config.db_url) as store:
            store.apply_program(program_doc(demo_program()))
    return Registry(root, config.db_url, token, event)


@pytest.fixture
def registry(db_url: str, tmp_path: Path) -> Registry:
    return make_registry(tmp_path / "registry", db_url)


@pytest.fixture
def store(registry: Registry) -> Iterator[Any]:
    st = registry.store()
    try:
        yield st
    finally:
        st.close()


# -- a real server -------------------------------------------------------------------------------

def tls_context(root: Path) -> ssl.SSLContext:
    """What a station trusts for the registry in ``root``: its certificate's SPKI pin, nothing else."""
    from venue_app.registry.tls import spki_pin
    from venue_app.sync.pins import pinned_context

    return pinned_context([spki_pin((Path(root) / "tls" / "registry.crt").read_bytes())])


def python_cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "venue_desk", *args]


@dataclass
class Server:
    registry: Registry
    proc: subprocess.Popen[bytes] | None = None
    url: str = ""
    port: int = 0
    log_path: Path | None = None

    def start(self, *, quiet: bool = True, workers: int = 1) -> Server:
        self.log_path = self.registry.root / "serve.log"
        args = ["registry", "serve", "--data", str(self.registry.root), "--port", str(self.port), "--json",
                "--workers", str(workers)]
        if quiet:
            args.append("--quiet")
        log = self.log_path.open("ab")
        self.proc = subprocess.Popen(python_cmd(*args), stdout=subprocess.PIPE, stderr=log,
                                     env={**os.environ, "PYTHONUNBUFFERED": "1"})
        log.close()
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        if not line:
            self.proc.wait(10)
            raise RuntimeError(f"registry did not start: {self.log_path.read_text()}")
        self.url = json.loads(line)["url"]
        self.port = int(self.url.rsplit(":", 1)[1])
        deadline = time.monotonic() + 20
        while True:
            try:
                if httpx.get(f"{self.url}/api/v1/health", timeout=2, verify=self.verify).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline or self.proc.poll() is not None:
                raise RuntimeError(f"registry not healthy: {self.log_path.read_text()}")
            time.sleep(0.05)
        return self

    def stop(self, sig: int = signal.SIGTERM) -> None:
        if self.proc is None:
            return
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)
        if self.proc.stdout is not None:
            self.proc.stdout.close()
        self.proc = None

    @property
    def verify(self) -> ssl.SSLContext:
        return tls_context(self.registry.root)

    def client(self, token: str | None = None, timeout: float = 30) -> httpx.Client:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        return httpx.Client(base_url=self.url, headers=headers, timeout=timeout, verify=self.verify)

    def admin(self) -> httpx.Client:
        return self.client(self.registry.admin_token)


@contextlib.contextmanager
def running_server(registry: Registry, **kwargs: Any) -> Iterator[Server]:
    server = Server(registry)
    try:
        yield server.start(**kwargs)
    finally:
        server.stop()


@pytest.fixture(scope="module")
def module_server(module_backend: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    root = tmp_path_factory.mktemp(f"registry-{module_backend}")
    with database(module_backend, root / "db") as url:
        registry = make_registry(root / "registry", url)
        with running_server(registry) as server:
            yield server


def spawned(pid: int) -> list[int]:
    """The processes ``pid`` started through multiprocessing (server workers, writer processes), from
    any of its threads; not multiprocessing's resource tracker."""
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            children = (task / "children").read_text().split()
        except OSError:
            continue
        for child in children:
            try:
                cmdline = Path(f"/proc/{child}/cmdline").read_bytes()
            except OSError:
                continue
            if b"spawn_main" in cmdline and b"resource_tracker" not in cmdline:
                found.append(int(child))
    return found


def running(pid: int) -> bool:
    """Alive and not a zombie (an orphan that exited waits for whoever adopted it to reap it)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


# -- stations --------------------------------------------------------------------------------------

@dataclass
class SimStation:
    """An enrolled station as a test drives it: its token, key and clock."""

    id: str
    token: str
    key: SigningKey
    enrolled: dict[str, Any]
    clock: Clock = field(init=False)

    def __post_init__(self) -> None:
        self.clock = Clock(self.id)

    def event(self, type_: str, payload: dict[str, Any], **overrides: Any) -> dict[str, Any]:
        ts = self.clock.now()
        ev = {"id": str(uuid7(ts.ms)), "hlc": str(ts), "station_id": self.id, "type": type_, "payload": payload,
              "operator": "tester", "wall": "2026-12-01T09:00:00.000+00:00", "flags": []}
        ev.update(overrides)
        return ev


def enroll_station(server: Server, name: str = "Desk", role: str = "desk", room: str | None = None) -> SimStation:
    with server.admin() as admin:
        r = admin.post("/api/v1/admin/enrollments", json={"name": name, "role": role, "room_id": room})
        assert r.status_code == 200, r.text
        code = r.json()["code"]
    key = SigningKey.generate()
    r = httpx.post(f"{server.url}/api/v1/enroll", json={"code": code, "public_key": key.public.text}, timeout=30,
                   verify=server.verify)
    assert r.status_code == 200, r.text
    body = r.json()
    return SimStation(body["station_id"], body["token"], key, body)


def enrolled_station(server: Server, name: str, folder: Path, role: str = "desk") -> Any:
    """A real station enrolled with ``server`` through the admin API and its own first sync (a ``Station``)."""
    from venue_app.paths import Paths
    from venue_app.sync.enroll import enroll

    with server.admin() as client:
        made = client.post("/api/v1/admin/enrollments", json={"name": name, "role": role}).json()
    return enroll(Paths(folder), server.url, f"{made['code']}#{made['pin']}", name=name)


def sync_once(station: Any) -> None:
    """Push and pull until caught up, once, with the station's own sync engine."""
    from venue_app.sync import SyncEngine

    engine = SyncEngine(station)
    try:
        engine.run_once()
    finally:
        engine.client.close()


def enroll_in_store(store: Any, name: str = "Desk", role: str = "desk") -> SimStation:
    """Enrol a station straight through the store (no server)."""
    code, _ = store.create_enrollment(name=name, role=role)
    key = SigningKey.generate()
    body = store.enroll(code=code, public_key=key.public.text, name=None, key=SigningKey.generate())
    return SimStation(body["station_id"], body["token"], key, body)


def read_feed(client: httpx.Client, after: int = 0, limit: int = 5000) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    while True:
        r = client.get("/api/v1/feed", params={"after": after, "limit": limit})
        assert r.status_code == 200, r.text
        page = r.json()
        items.extend(page["items"])
        after = page["next"]
        if not page["more"]:
            return items
