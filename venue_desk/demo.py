"""The demo congress: a local registry holding the 13th Metropolis World Congress, and stations
enrolled with it — what ``venue-app demo`` opens, so that several windows (desk, doors,
dashboard) share one registry and show each other's scans.

Layout of the demo folder: ``registry/`` (the registry, its log, ``demo-port`` — the port it keeps —
and ``demo-server.json`` while it runs), ``desk/``, ``door-ROOM/``, ``dashboard/`` (station data
folders), and ``simulated/`` (a registry and dashboard of their own holding a simulated congress
morning, for ``demo --role dashboard --simulated-morning``: simulated traffic never reaches the
shared registry, where it would mix with the windows' real scans).

The demo registry outlives the window that started it: it runs detached (its own session / process
group), on a port chosen once and kept in ``registry/demo-port``, so every window — the next one
started, or one still open when the registry was restarted — finds it at the same address. It stops
with ``venue-app demo --stop``. Only when that port has been taken by another program meanwhile does
it move; each station is pointed at the new address when its window opens next.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from venue_app.errors import EnvironmentFault
from venue_app.paths import Paths

__all__ = ["DemoRegistry", "ensure_registry", "ensure_station", "find_registry", "registry_roots", "stop_registries"]

SERVER_FILE = "demo-server.json"
PORT_FILE = "demo-port"
LOCK_FILE = "demo.lock"
#: demo folder subfolders holding a demo registry
REGISTRY_DIRS = ("registry", "simulated/registry")


@dataclass
class DemoRegistry:
    root: Path
    url: str
    pid: int | None = None
    started_here: bool = False  # this process started the server (it is not its child: see _start)

    def stop(self) -> bool:
        """Stop the server (whoever started it); True when one was running. The port is kept."""
        stopped = False
        if self.pid is not None and _is_our_server(self.pid, self.root):
            _terminate(self.pid)
            stopped = True
        (self.root / SERVER_FILE).unlink(missing_ok=True)
        self.pid = None
        return stopped


def _healthy(url: str) -> bool:
    try:
        return httpx.get(f"{url}/api/v1/health", timeout=1.0).status_code == 200
    except httpx.HTTPError:
        return False


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    with contextlib.suppress(OSError, IndexError):
        # a zombie (ended, not yet reaped by whoever adopted it) is gone for our purposes
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    return True


def _is_our_server(pid: int, root: Path) -> bool:
    """Whether ``pid`` is this folder's registry server (a pid in a stale file may be anybody's now)."""
    if not _alive(pid):
        return False
    cmdline = Path(f"/proc/{pid}/cmdline")
    if not cmdline.parent.exists():
        return True  # no /proc (macOS, Windows): the healthy URL of the state file has to do
    try:
        words = cmdline.read_bytes().split(b"\0")
    except OSError:
        return False
    return b"serve" in words and str(root).encode() in words


def _terminate(pid: int) -> None:
    """SIGTERM to the server's process group (it has a writer child), SIGKILL after 10 s."""
    if sys.platform == "win32":  # pragma: no cover - no process groups to signal there
        subprocess.run(["taskkill", "/PID", str(pid), "/T", "/F"], capture_output=True, check=False)
        return
    group = None
    with contextlib.suppress(ProcessLookupError):  # it may end between the check and the call
        group = os.getpgid(pid) if _alive(pid) else None
    with contextlib.suppress(ProcessLookupError):
        if group == pid:
            os.killpg(pid, signal.SIGTERM)
        else:
            os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if not _alive(pid):
            return
        time.sleep(0.05)
    with contextlib.suppress(ProcessLookupError):
        if group == pid:
            os.killpg(pid, signal.SIGKILL)
        else:
            os.kill(pid, signal.SIGKILL)


@contextlib.contextmanager
def _locked(root: Path) -> Iterator[None]:
    """One window at a time decides whether to start the registry (two started at once would race)."""
    root.mkdir(parents=True, exist_ok=True)
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: best effort without the lock
        yield
        return
    with (root / LOCK_FILE).open("a") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def find_registry(root: Path) -> DemoRegistry | None:
    """The running demo registry in ``root`` (a ``registry`` folder), or None."""
    state = root / SERVER_FILE
    if not state.exists():
        return None
    try:
        data = json.loads(state.read_text("utf-8"))
    except (OSError, ValueError):
        return None
    url = str(data.get("url") or "")
    if url and _healthy(url):
        return DemoRegistry(root, url, data.get("pid"))
    pid = data.get("pid")
    if url and isinstance(pid, int) and _is_our_server(pid, root):
        # ours and alive, only slow to answer (an import, an fsync): never start a second server on
        # the same data, which would orphan this one
        deadline = time.monotonic() + 15
        while not _healthy(url) and time.monotonic() < deadline:
            if not _alive(pid):
                return None
            time.sleep(0.2)
        return DemoRegistry(root, url, pid)
    return None


def _kept_port(root: Path) -> int | None:
    try:
        port = int((root / PORT_FILE).read_text("utf-8").strip())
    except (OSError, ValueError):
        return None
    return port if 0 < port < 65536 else None


# Started through a short-lived launcher, so that the server is nobody's child here: the window that
# started it can exit (or be killed) without taking it along, and never has to reap it.
_LAUNCHER = """
import subprocess, sys
log = open(sys.argv[1], "ab")
flags = {"creationflags": 0x00000200 | 0x00000008} if sys.platform == "win32" else {"start_new_session": True}
p = subprocess.Popen(sys.argv[2:], stdout=log, stderr=log, stdin=subprocess.DEVNULL, **flags)
print(p.pid, flush=True)
"""


def _start(root: Path, port: int) -> tuple[int, str] | None:
    """Start the server detached (its own session: the window's Ctrl-C or hang-up does not reach it);
    (pid, url), or None when it could not listen on ``port``."""
    url = f"http://127.0.0.1:{port}"
    # plain HTTP on loopback (allowed there: nobody on the network can read it); stations made by the demo
    # live on this machine only
    command = [sys.executable, "-m", "venue_desk", "registry", "serve", "--data", str(root),
               "--host", "127.0.0.1", "--port", str(port), "--http"]
    if getattr(sys, "frozen", False):
        # the station bundle's executable runs venue-app commands, not ``-c``: start the server from
        # here, in a session of its own (a child of this window, but out of its signals' reach)
        flags: dict[str, Any] = ({"creationflags": 0x00000200 | 0x00000008} if sys.platform == "win32"
                                 else {"start_new_session": True})
        with open(root / "serve.log", "ab") as log:
            pid = subprocess.Popen(command, stdout=log, stderr=log, stdin=subprocess.DEVNULL, **flags).pid
    else:
        launched = subprocess.run([sys.executable, "-c", _LAUNCHER, str(root / "serve.log"), *command],
                                  capture_output=True, text=True, stdin=subprocess.DEVNULL, check=False, timeout=60)
        try:
            pid = int(launched.stdout.strip())
        except ValueError:
            raise EnvironmentFault(f"the demo registry could not be started: {launched.stderr.strip()}") from None
    deadline = time.monotonic() + 30
    while not _healthy(url):
        if not _alive(pid):
            return None
        if time.monotonic() > deadline:
            _terminate(pid)
            raise EnvironmentFault(f"the demo registry did not start (see {root / 'serve.log'})")
        time.sleep(0.1)
    return pid, url


def _create(root: Path, attendees: int, seed: int, say: Callable[[str], None]) -> None:
    from venue_app.program import EVENT_NAME, TIMEZONE, program
    from venue_app.registry import admin
    from venue_desk import demodata

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


def ensure_registry(folder: Path, *, attendees: int = 2000, seed: int = 13,
                    say: Callable[[str], None] = lambda _: None) -> DemoRegistry:
    """The demo registry of ``folder``, created and started when needed (detached: it keeps running
    after this process ends, until :func:`stop_registries`). ``started_here`` tells whether this
    call started it."""
    from venue_app.registry.config import RegistryConfig

    root = Path(folder).resolve() / "registry"
    with _locked(root):
        if not RegistryConfig(root=root).file.exists():
            _create(root, attendees, seed, say)
        running = find_registry(root)
        if running is not None:
            return running
        kept = _kept_port(root)
        started = _start(root, kept) if kept is not None else None
        if started is None:
            if kept is not None:
                say(f"port {kept} of the demo registry is taken by another program: moving it; "
                    "each demo window follows when it opens next")
            port = _free_port()
            started = _start(root, port)
            if started is None:
                raise EnvironmentFault(f"the demo registry did not start (see {root / 'serve.log'})")
            (root / PORT_FILE).write_text(f"{port}\n", "utf-8")
        pid, url = started
        say(f"demo registry started on {url}")
        (root / SERVER_FILE).write_text(json.dumps({"url": url, "pid": pid}), "utf-8")
        return DemoRegistry(root, url, pid, started_here=True)


def registry_roots(folder: Path) -> list[Path]:
    """The demo registries of a demo folder that exist."""
    return [folder / sub for sub in REGISTRY_DIRS if (folder / sub / SERVER_FILE).exists()
            or (folder / sub / PORT_FILE).exists()]


def stop_registries(folder: Path) -> list[str]:
    """Stop every demo registry of ``folder`` (``venue-app demo --stop``); their URLs."""
    stopped = []
    for root in registry_roots(Path(folder).resolve()):
        with _locked(root):
            running = find_registry(root)
            if running is not None and running.stop():
                stopped.append(running.url)
            else:
                (root / SERVER_FILE).unlink(missing_ok=True)
    return stopped


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
                # the registry had to move to another port (its own was taken): follow it
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
