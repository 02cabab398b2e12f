"""Helpers of the sync tests: the registry process (HTTPS, as `registry serve` speaks by default) and the CLI."""

from __future__ import annotations

import json
import os
import socket
import ssl
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

VENUE = [sys.executable, "-m", "venue_desk"]


def cli(*args: str) -> dict:
    out = subprocess.run([*VENUE, *args, "--json"], capture_output=True, text=True, check=True, timeout=120).stdout
    return json.loads(out.splitlines()[-1])


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Registry:
    root: Path
    port: int
    attendees: Path
    admin_token: str = ""
    proc: subprocess.Popen[bytes] | None = None
    #: every enrolment code handed out (secrets that must never reach a log)
    codes_given: list[str] = field(default_factory=list)
    _started: bool = False

    @property
    def url(self) -> str:
        return f"https://127.0.0.1:{self.port}"

    @property
    def tls(self) -> tuple[Path, Path]:
        """The registry's certificate and key (a fault proxy that answers by itself presents them)."""
        return self.root / "reg" / "tls" / "registry.crt", self.root / "reg" / "tls" / "registry.key"

    @property
    def verify(self) -> ssl.SSLContext:
        """Trust exactly the registry's certificate pin, as its stations do."""
        from venue_app.registry.tls import spki_pin
        from venue_app.sync.pins import pinned_context

        return pinned_context([spki_pin(self.tls[0].read_bytes())])

    def start(self) -> None:
        """Start ``registry serve``; on its first start, a port taken since :func:`free_port` chose it (another
        xdist worker) is replaced by a new one (a restart keeps the port: stations were enrolled with it)."""
        for _ in range(5):
            log = open(self.root / "serve.log", "ab")  # noqa: SIM115 - lives as long as the server
            self.proc = subprocess.Popen([*VENUE, "registry", "serve", "--data", str(self.root / "reg"), "--port",
                                          str(self.port)], stdout=log, stderr=log, env={**os.environ})
            log.close()
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline and self.proc.poll() is None:
                try:
                    if httpx.get(f"{self.url}/api/v1/health", timeout=1, verify=self.verify).status_code == 200:
                        self._started = True
                        return
                except httpx.TransportError:
                    time.sleep(0.1)
            if self.proc.poll() is None or self._started:
                break
            self.port = free_port()  # it exited: most likely the port was taken in between
        raise RuntimeError(f"the registry did not start: {(self.root / 'serve.log').read_text('utf-8')[-2000:]}")

    def stop(self, kill: bool = False) -> None:
        if self.proc is not None:
            (self.proc.kill if kill else self.proc.terminate)()
            self.proc.wait(30)
            self.proc = None

    def enroll_code(self, name: str, role: str = "desk", room: str | None = None) -> str:
        """The code as typed at a station: with the certificate pin (``CODE#PIN``)."""
        args = ["registry", "enroll", "--data", str(self.root / "reg"), "--name", name, "--role", role]
        if room:
            args += ["--room", room]
        made = cli(*args)
        self.codes_given.append(made["code"])
        return f"{made['code']}#{made['pin']}"

    def event_ids(self) -> set[str]:
        from venue_app.registry.store import Store

        with Store.open(f"sqlite:///{self.root / 'reg' / 'registry.sqlite3'}") as store:
            return store.event_ids()

    def summary(self) -> dict:
        return cli("registry", "summary", "--data", str(self.root / "reg"))


