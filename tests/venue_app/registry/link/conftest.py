"""A real pretix for the link tests: ``scripts/pretix/up.sh`` (its venv and migrated database cached under
``$PRETIX_HOME``, default ``~/.cache/venue-desk/pretix``), started once per session and left running for
the next run (``scripts/pretix/down.sh`` stops it). Tests marked ``pretix`` are skipped, with the reason,
only when pretix's venv cannot be built on this machine; any other failure of up.sh fails them.

Several xdist workers may ask at once: up.sh runs under an exclusive file lock, and the later callers find
the server running (0.3 s). Tests create their own orders (they never rely on the seeded ones staying
unscanned: the server outlives a run).
"""

from __future__ import annotations

import fcntl
import os
import shlex
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[4]
UP = ROOT / "scripts" / "pretix" / "up.sh"


def pretix_home() -> Path:
    home = os.environ.get("PRETIX_HOME") or os.environ.get("PRETIX_PEER_HOME")
    if home:
        return Path(home)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "venue-desk" / "pretix"


@dataclass
class Pretix:
    """The running pretix and the seeded event's facts (what up.sh printed)."""

    env: dict[str, str]

    @property
    def url(self) -> str:
        return self.env["PRETIX_URL"]

    @property
    def token(self) -> str:
        return self.env["PRETIX_TOKEN"]

    @property
    def organizer(self) -> str:
        return self.env["PRETIX_ORGANIZER"]

    @property
    def event(self) -> str:
        return self.env["PRETIX_EVENT"]

    @property
    def checkin_list(self) -> int:
        return int(self.env["PRETIX_CHECKINLIST"])

    def api(self, event: str | None = None) -> httpx.Client:
        return httpx.Client(base_url=f"{self.url}/api/v1/organizers/{self.organizer}/events/{event or self.event}",
                            headers={"Authorization": f"Token {self.token}"}, timeout=60)

    def create_order(self, given: str, family: str, *, item: int = 1, status: str = "p",
                     scheme: str = "given_family", event: str | None = None) -> dict[str, Any]:
        """A new order with one position, as pretix's shop would make it (payment confirmed by hand)."""
        body: dict[str, Any] = {
            "email": f"{uuid.uuid4().hex[:10]}@link-test.example", "locale": "en", "status": status,
            "send_email": False, "sales_channel": "web", "comment": "venue-desk link test",
            "positions": [{"item": item, "attendee_name_parts": {"_scheme": scheme, "given_name": given,
                                                                 "family_name": family}}]}
        if status == "p":
            body["payment_provider"] = "manual"
        with self.api(event) as api:
            r = api.post("/orders/", json=body)
        assert r.status_code == 201, r.text
        return r.json()

    def cancel(self, code: str) -> None:
        with self.api() as api:
            r = api.post(f"/orders/{code}/mark_canceled/", json={"send_email": False})
        assert r.status_code == 200, r.text

    def scan_at_pretix(self, secret: str) -> dict[str, Any]:
        """A scan at pretix's own scanner app (the seeded device, as pretixSCAN authenticates)."""
        r = httpx.post(f"{self.url}/api/v1/organizers/{self.organizer}/checkinrpc/redeem/", timeout=60,
                       headers={"Authorization": f"Device {self.env['PRETIX_DEVICE_TOKEN']}"},
                       json={"secret": secret, "lists": [self.checkin_list], "type": "entry"})
        assert r.status_code == 201, r.text
        return r.json()

    def checkins(self, secret: str, event: str | None = None) -> list[dict[str, Any]]:
        """The check-ins pretix holds for the position with this secret."""
        with self.api(event) as api:
            r = api.get("/orderpositions/", params={"secret": secret})
        assert r.status_code == 200, r.text
        results = r.json()["results"]
        assert len(results) == 1, results
        return list(results[0]["checkins"])


def _bring_up() -> Pretix:
    home = pretix_home()
    home.mkdir(parents=True, exist_ok=True)
    with (home / ".up.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        done = subprocess.run(["bash", str(UP)], capture_output=True, text=True, timeout=1200,
                              env={**os.environ, "PRETIX_HOME": str(home)})
    if done.returncode != 0:
        venv_ok = (home / "venv" / "bin" / "gunicorn").exists()
        if not venv_ok:
            pytest.skip(f"pretix's venv cannot be built on this machine (scripts/pretix/up.sh): "
                        f"{done.stderr.strip()[-600:]}")
        raise RuntimeError(f"scripts/pretix/up.sh failed (exit {done.returncode}):\n{done.stderr[-3000:]}")
    env = {}
    for line in done.stdout.splitlines():
        key, sep, value = line.partition("=")
        if sep and key.startswith("PRETIX_"):
            env[key] = shlex.split(value)[0] if value else ""
    return Pretix(env)


@pytest.fixture(scope="session")
def pretix() -> Pretix:
    return _bring_up()


def wait_until(predicate: Callable[[], Any], timeout: float = 20.0, what: str = "condition") -> Any:
    """Poll ``predicate`` until it returns something true (returned), or fail after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        time.sleep(0.05)


def venue(*args: str, check: bool = True, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([sys.executable, "-m", "venue_desk", *args], capture_output=True, text=True, timeout=120,
                          input=stdin)
    if check and done.returncode != 0:
        raise AssertionError(f"venue-app {' '.join(args[:3])} failed ({done.returncode}): {done.stderr[-2000:]}")
    return done
