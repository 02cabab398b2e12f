"""A private CUPS for the tests: its own cupsd (Debian's ``cups``) on a domain socket in a temporary
folder, with raw queues that deliver to a fake network printer on 127.0.0.1 through CUPS's own
``socket://`` back-end (what a JetDirect / port-9100 printer gets), so the bytes CUPS sends can be
read back.

Nothing of the machine's CUPS is touched: its own ServerRoot, spool, cache, state and logs, no TCP
port, and clients reach it only through ``CUPS_SERVER`` (which the fixture sets). ``stop`` / ``start``,
``freeze`` (SIGSTOP) / ``thaw`` (SIGCONT) and the admin commands (``cupsdisable``, ``cupsreject``…)
make the failures the print queue must report.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
from pathlib import Path

__all__ = ["Cupsd", "RawPrinter", "missing"]

_CONF = """Listen {sock}
LogLevel info
WebInterface No
Browsing Off
DefaultAuthType None
MaxJobs 0
PreserveJobHistory Yes
<Location />
  Order allow,deny
  Allow all
</Location>
<Policy default>
  <Limit All>
    Order deny,allow
  </Limit>
</Policy>
"""

_FILES = """ServerRoot {root}
RequestRoot {root}/spool
CacheDir {root}/cache
StateDir {root}/state
TempDir {root}/tmp
AccessLog {root}/log/access_log
ErrorLog {root}/log/error_log
PageLog {root}/log/page_log
"""


def missing() -> str:
    """Why the CUPS tests cannot run here ('' when they can)."""
    for tool in ("cupsd", "lp", "lpadmin", "cupsdisable", "cupsreject"):
        if shutil.which(tool) is None and not Path("/usr/sbin", tool).exists():
            return f"`{tool}` is not installed (Debian package cups); the real-CUPS tests need it"
    return ""


def _tool(name: str) -> str:
    return shutil.which(name) or str(Path("/usr/sbin", name))


class RawPrinter:
    """A port-9100 printer on 127.0.0.1: keeps each job's bytes (one connection = one job)."""

    def __init__(self) -> None:
        self._server = socket.create_server(("127.0.0.1", 0))
        self.port = self._server.getsockname()[1]
        self.jobs: list[bytes] = []
        self._stop = False
        self._thread = threading.Thread(target=self._serve, name="raw-printer", daemon=True)
        self._thread.start()

    @property
    def uri(self) -> str:
        return f"socket://127.0.0.1:{self.port}"

    def _serve(self) -> None:
        while not self._stop:
            try:
                conn, _ = self._server.accept()
            except OSError:
                return
            with conn:
                data = b""
                while chunk := conn.recv(65536):
                    data += chunk
            if data:
                self.jobs.append(data)

    def close(self) -> None:
        self._stop = True
        self._server.close()


class Cupsd:
    """One private cupsd; ``env`` holds the ``CUPS_SERVER`` its clients need."""

    def __init__(self) -> None:
        # under /tmp, world-traversable: CUPS runs its back-ends as user lp, who must reach the spool;
        # and short: a domain socket path has at most 107 bytes
        self.root = Path(tempfile.mkdtemp(prefix="vcups-", dir="/tmp"))
        self.root.chmod(0o755)
        for sub in ("spool", "cache", "state", "tmp", "log"):
            (self.root / sub).mkdir()
        self.sock = str(self.root / "cups.sock")
        (self.root / "cupsd.conf").write_text(_CONF.format(sock=self.sock))
        (self.root / "cups-files.conf").write_text(_FILES.format(root=self.root))
        self.env = {**os.environ, "CUPS_SERVER": self.sock, "LC_ALL": "C"}
        self.proc: subprocess.Popen[bytes] | None = None

    # -- the service ---------------------------------------------------------------------------
    def start(self, timeout: float = 15.0) -> None:
        with open(self.root / "log" / "cupsd.stderr", "ab") as stderr:  # the child keeps its own copy
            self.proc = subprocess.Popen(
                [_tool("cupsd"), "-f", "-c", str(self.root / "cupsd.conf"), "-s",
                 str(self.root / "cups-files.conf")],
                stdout=subprocess.DEVNULL,
                stderr=stderr,
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:  # until it answers a request (lpstat -r: "scheduler is running")
            if self.proc.poll() is not None:
                raise RuntimeError(f"cupsd exited with {self.proc.returncode}: {self.log()}")
            done = subprocess.run([_tool("lpstat"), "-r"], env=self.env, capture_output=True, timeout=10)
            if b"is running" in done.stdout:
                return
            time.sleep(0.05)
        raise RuntimeError(f"cupsd did not start within {timeout:g} s: {self.log()}")

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.thaw()
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)
        self.proc = None

    def freeze(self) -> None:
        assert self.proc is not None
        os.kill(self.proc.pid, signal.SIGSTOP)

    def thaw(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGCONT)

    def close(self) -> None:
        self.stop()
        shutil.rmtree(self.root, ignore_errors=True)

    def log(self) -> str:
        out = ""
        for name in ("error_log", "cupsd.stderr"):
            path = self.root / "log" / name
            if path.exists():
                out += path.read_text(errors="replace")[-2000:]
        return out

    # -- administration (CUPS's own commands) --------------------------------------------------
    def run(self, *args: str) -> str:
        done = subprocess.run([_tool(args[0]), *args[1:]], env=self.env, capture_output=True, timeout=30)
        if done.returncode != 0:
            raise RuntimeError(f"{' '.join(args)}: {done.stderr.decode(errors='replace')}")
        return done.stdout.decode(errors="replace")

    def add_printer(self, name: str, uri: str) -> None:
        """A raw queue (no driver: the PDF reaches the device unchanged), enabled and accepting."""
        self.run("lpadmin", "-p", name, "-v", uri, "-E")
