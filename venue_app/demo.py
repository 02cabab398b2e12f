"""The demo congress: a local registry holding the 13th Metropolis World Congress, and stations
enrolled with it — what ``venue-app demo`` opens, so that several windows (desk, doors,
dashboard) share one registry and show each other's scans.

Layout of the demo folder: ``registry/`` (the registry, its log and ``demo-server.json`` while it
runs), ``desk/``, ``door-ROOM/``, ``dashboard/`` (station data folders).
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import httpx

from venue_app.errors import EnvironmentFault
from venue_app.paths import Paths

__all__ = ["DemoRegistry", "ensure_registry", "ensure_station"]

SERVER_FILE = "demo-server.json"


@dataclass
class DemoRegistry:
    root: Path
    url: str
    process: subprocess.Popen[bytes] | None = None  # set when this process started the server

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)
            (self.root / SERVER_FILE).unlink(missing_ok=True)
            self.process = None


def _healthy(url: str) -> bool:
    try:
        return httpx.get(f"{url}/api/v1/health", timeout=1.0).status_code == 200
    except httpx.HTTPError:
        return False


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def ensure_registry(folder: Path, *, attendees: int = 2000, seed: int = 13,
                    say: Callable[[str], None] = lambda _: None) -> DemoRegistry:
    """The demo registry of ``folder``, created and started when needed."""
    from venue_app.registry import admin
    from venue_app.registry.config import RegistryConfig

    root = folder / "registry"
    if not RegistryConfig(root=root).file.exists():
        from venue_app import demodata
        from venue_app.program import EVENT_NAME, TIMEZONE, program

        say(f"creating the demo registry with {attendees} attendees…")
        admin.init_registry(root, event_name=EVENT_NAME, timezone=TIMEZONE)
        csv_path = root / "demo-attendees.csv"
        demodata.write_csv(csv_path, demodata.generate(attendees, seed))
        _config, store = admin.open_registry(root)
        try:
            report = admin.import_file(store, csv_path)
            if getattr(report, "error", None):
                raise EnvironmentFault(f"the demo attendees could not be imported: {report.error}")
            store.apply_program(admin.program_doc(program(seed)))
        finally:
            store.close()
    state = root / SERVER_FILE
    if state.exists():
        url = json.loads(state.read_text("utf-8")).get("url", "")
        if url and _healthy(url):
            return DemoRegistry(root, url)
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    say(f"starting the demo registry on {url}…")
    log = open(root / "serve.log", "ab")  # noqa: SIM115 - handed to the child process
    process = subprocess.Popen([sys.executable, "-m", "venue_app", "registry", "serve", "--data", str(root),
                                "--host", "127.0.0.1", "--port", str(port)], stdout=log, stderr=log,
                               stdin=subprocess.DEVNULL, start_new_session=True, env={**os.environ})
    log.close()
    deadline = time.monotonic() + 30
    while not _healthy(url):
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            raise EnvironmentFault(f"the demo registry did not start (see {root / 'serve.log'})")
        time.sleep(0.1)
    state.write_text(json.dumps({"url": url, "pid": process.pid}), "utf-8")
    return DemoRegistry(root, url, process)


def ensure_station(folder: Path, registry: DemoRegistry, *, role: str = "desk", room: str | None = None,
                   name: str | None = None, say: Callable[[str], None] = lambda _: None) -> Paths:
    """A station of ``role`` enrolled with the demo registry (enrolled once, reused after)."""
    from venue_app.registry import admin
    from venue_app.sync.enroll import enroll

    label = f"door-{room}" if role == "door" and room else role
    paths = Paths(folder / label)
    if paths.replica.exists():
        from venue_app.station import Station

        with Station.open(paths) as station:
            if station.replica.get_meta("registry_url") != registry.url:
                # the demo registry listens on a new port each time it starts
                with station.replica.transaction() as conn:
                    station.replica.set_meta(conn, "registry_url", registry.url)
        return paths
    name = name or {"desk": "Desk 1", "dashboard": "Operations"}.get(role, f"Door {room}")
    config, store = admin.open_registry(registry.root)
    try:
        code = admin.create_enrollment(store, config, name=name, role=role, room_id=room)["code"]
    finally:
        store.close()
    say(f"enrolling {name} with the demo registry…")
    enroll(paths, registry.url, code, name=name).close()
    return paths
