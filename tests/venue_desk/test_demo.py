"""The demo congress: a registry that outlives the windows, and simulated traffic kept to itself.

Real processes throughout: ``venue-app demo`` windows run as subprocesses on Qt's offscreen
platform (no display needed), the demo registry is the real detached ``registry serve``.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

from venue_app.paths import Paths
from venue_app.registry.admin import open_registry
from venue_app.station import Station
from venue_desk.cli import main
from venue_desk.demo import PORT_FILE, SERVER_FILE, ensure_registry, stop_registries

ATTENDEES = "120"


def healthy(url: str) -> bool:
    try:
        return httpx.get(f"{url}/api/v1/health", timeout=2).status_code == 200
    except httpx.HTTPError:
        return False


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    stat = Path(f"/proc/{pid}/stat")
    return not stat.exists() or stat.read_text().rsplit(")", 1)[1].split()[0] != "Z"


def wait_for(condition: Callable[[], bool], timeout: float = 30) -> None:
    """Poll a condition on other processes (they give no signal we could wait on)."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def demo_cmd(folder: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "venue_desk", "demo", "--data", str(folder), "--attendees", ATTENDEES, *args]


def window_env() -> dict[str, str]:
    return {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONUNBUFFERED": "1"}


def server_state(folder: Path, sub: str = "registry") -> dict:
    return json.loads((folder / sub / SERVER_FILE).read_text("utf-8"))


def registry_url(station_dir: Path) -> str:
    with Station.open(Paths(station_dir)) as st:
        return str(st.replica.get_meta("registry_url"))


@pytest.fixture
def folder(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "demo"
    try:
        yield path
    finally:
        stop_registries(path)  # the registries outlive their windows: this test stops what it started


def test_the_registry_outlives_the_window_that_started_it(folder: Path, tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    # the first desk window starts the registry; it closes by itself after its screenshot (the
    # normal close path, which used to stop the registry with it)
    shot = tmp_path / "desk.png"
    first = subprocess.run(demo_cmd(folder, "--screenshot", str(shot)), env=window_env(), capture_output=True,
                           text=True, timeout=180)
    assert first.returncode == 0, first.stderr
    assert shot.stat().st_size > 10_000 and "keeps running" in first.stdout
    state = server_state(folder)
    url, pid = state["url"], state["pid"]
    assert healthy(url) and alive(pid)
    assert (folder / "registry" / PORT_FILE).read_text().strip() == url.rsplit(":", 1)[1]

    # a door window, killed outright with its whole terminal's process group
    door = subprocess.Popen(demo_cmd(folder, "--role", "door", "--room", "vip"), env=window_env(),
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, start_new_session=True)
    try:
        assert door.stdout is not None
        assert "door station" in door.stdout.readline()  # printed when the station is ready, before the window
        os.killpg(door.pid, signal.SIGKILL)
    finally:
        door.wait(30)
        door.stdout.close()  # type: ignore[union-attr]
    assert healthy(url) and server_state(folder)["pid"] == pid

    # the next station uses the same registry at the same address; nothing was restarted
    capsys.readouterr()
    assert main(["demo", "--data", str(folder), "--attendees", ATTENDEES, "--build-only", "--json",
                 "--role", "door", "--room", "plenary"]) == 0
    info = json.loads(capsys.readouterr().out)
    assert info["registry"] == url and info["built"]
    assert [registry_url(folder / s) for s in ("desk", "door-vip", "door-plenary")] == [url, url, url]
    assert healthy(url) and alive(pid)  # --build-only leaves running what it found running
    assert main(["station", "sync", "--data", str(folder / "desk"), "--once"]) == 0

    # stopped only on request; the next start comes back on the same port, so stations still reach it
    capsys.readouterr()
    assert main(["demo", "--data", str(folder), "--stop", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["stopped"] == [url]
    assert not healthy(url)
    wait_for(lambda: not alive(pid))
    assert not (folder / "registry" / SERVER_FILE).exists()
    assert main(["station", "sync", "--data", str(folder / "door-vip"), "--once"]) != 0  # nobody there
    again = ensure_registry(folder)
    assert again.url == url and again.started_here and again.pid != pid
    assert main(["station", "sync", "--data", str(folder / "door-vip"), "--once"]) == 0
    capsys.readouterr()
    assert main(["demo", "--data", str(folder), "--stop"]) == 0
    assert "stopped the demo registry" in capsys.readouterr().out
    assert main(["demo", "--data", str(folder), "--stop"]) == 0
    assert "no demo registry was running" in capsys.readouterr().out


def test_a_taken_port_moves_the_registry_and_stations_follow(folder: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo", "--data", str(folder), "--attendees", ATTENDEES, "--build-only"]) == 0
    port = int((folder / "registry" / PORT_FILE).read_text())
    assert not (folder / "registry" / SERVER_FILE).exists()  # --build-only started it, so it stopped it
    with socket.socket() as other:  # another program took the demo's port meanwhile
        other.bind(("127.0.0.1", port))
        other.listen(1)
        registry = ensure_registry(folder)
        try:
            assert registry.url != f"http://127.0.0.1:{port}" and healthy(registry.url)
            assert int((folder / "registry" / PORT_FILE).read_text()) != port  # the new port is kept
            capsys.readouterr()
            assert main(["demo", "--data", str(folder), "--attendees", ATTENDEES, "--build-only", "--json"]) == 0
            assert json.loads(capsys.readouterr().out)["registry"] == registry.url
            assert registry_url(folder / "desk") == registry.url  # the desk follows when opened
        finally:
            registry.stop()


def test_dashboard_simulated_traffic_never_reaches_the_shared_registry(folder: Path) -> None:
    base = ["demo", "--data", str(folder), "--attendees", ATTENDEES, "--build-only"]
    assert main(base) == 0
    assert main([*base, "--role", "dashboard"]) == 0  # the live dashboard of the shared registry
    assert main([*base, "--role", "desk", "--simulated-morning"]) == 2  # a dashboard option only
    assert main([*base, "--role", "dashboard", "--simulated-morning"]) == 0
    simulated = folder / "simulated" / "dashboard"
    with Station.open(Paths(simulated)) as st:
        # recorded as the simulated desks' and doors' events (a dashboard records no check-in of its own)
        recorded = st.replica.one("SELECT count(*) FROM log WHERE station_id != ?", (st.station_id,))[0]
        assert recorded > 100 and st.replica.one("SELECT count(*) FROM checkins")[0] > 50
    with Station.open(Paths(folder / "dashboard")) as st:
        assert st.replica.one("SELECT count(*) FROM log")[0] == 0
    # both dashboards sync with their registries, as their windows do
    shared = ensure_registry(folder)
    own = ensure_registry(folder / "simulated")
    assert own.url != shared.url
    assert main(["station", "sync", "--data", str(simulated), "--once"]) == 0
    assert main(["station", "sync", "--data", str(folder / "dashboard"), "--once"]) == 0

    def station_events(root: Path) -> list[dict]:
        _, store = open_registry(root)
        try:
            items, _ = store.feed_page(0, 100_000)
            summary = store.summary()
        finally:
            store.close()
        return [json.loads(d) for _, kind, d in items if kind == "station_event"], summary

    events, summary = station_events(folder / "registry")
    assert events == [] and summary["checked_in"] == 0 and summary["conflict_count"] == 0
    assert all(r["occupancy"] == 0 for r in summary["rooms"])
    events, summary = station_events(folder / "simulated" / "registry")
    assert len(events) == recorded and summary["checked_in"] > 50
    assert sorted(stop_registries(folder)) == sorted([shared.url, own.url])


def test_a_busy_registry_is_waited_for_not_started_twice(folder: Path) -> None:
    first = ensure_registry(folder, attendees=int(ATTENDEES))
    assert first.pid is not None
    os.kill(first.pid, signal.SIGSTOP)  # busy (an import, a slow disk): it answers no health check
    try:
        started = time.monotonic()
        # it wakes up while the next window looks for it
        waker = threading.Timer(2.0, os.kill, (first.pid, signal.SIGCONT))
        waker.start()
        again = ensure_registry(folder)
        waker.join()
    finally:
        os.kill(first.pid, signal.SIGCONT)
    assert time.monotonic() - started >= 2.0  # it waited rather than moving on
    assert (again.url, again.pid, again.started_here) == (first.url, first.pid, False)
    assert server_state(folder)["pid"] == first.pid and healthy(first.url)
