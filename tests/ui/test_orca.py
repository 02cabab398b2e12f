"""A screen reader hears every verdict: Orca itself, on the real AT-SPI stack, with the real desk window.

The session is built from the pieces a Linux desktop has, each started here and ended by its id:

* Xvfb (``tests/ui/xserver.py``, ``-displayfd``: a free display) — the desk runs on Qt's xcb platform;
* a private D-Bus session bus (``dbus-daemon --session``);
* the AT-SPI bus (``at-spi-bus-launcher``, which activates ``at-spi2-registryd`` on it);
* speech-dispatcher with a null audio sink (libao's ``null`` driver): there is no sound card here or
  on CI, and with a failing audio output its espeak-ng module never answers, so Orca hangs inside its
  first ``speak()`` and says nothing more;
* Orca (Debian 12: 43.1) with ``--debug-file``. That file is a pty: Orca writes its debug log with
  Python's default buffering, which is per line on a terminal and per 8 KB block on a plain file (the
  last verdicts would only appear once Orca exits).

The desk (``_CHILD``) is the real window built by ``ui.desk.create_desk`` on a real station; scans come
through its serial-scanner path from a pty, as a USB-serial scanner's would. The test reads what Orca
says ("SPEECH OUTPUT:" lines) and which AT-SPI events reached it ("EVENT MANAGER:" lines).

Skipped only when one of these programs is not installed (``./dev`` installs them on CI).
Orca refuses to start while another Orca of the same user runs (``pgrep -u UID -x orca`` in
``/usr/bin/orca``); the test then fails and says so rather than killing that one.
"""

from __future__ import annotations

import json
import os
import queue
import re
import shutil
import subprocess
import sys
import threading
import time
import tty
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from xserver import XServer, missing_tools

ROOT = Path(__file__).resolve().parents[2]
BUS_LAUNCHER = "/usr/libexec/at-spi-bus-launcher"
TOOLS = ("Xvfb", "xdotool", "dbus-daemon", "orca", "speech-dispatcher")


def _missing() -> list[str]:
    return missing_tools(TOOLS) + ([] if os.access(BUS_LAUNCHER, os.X_OK) else [BUS_LAUNCHER])


pytestmark = pytest.mark.skipif(bool(_missing()), reason=f"screen reader stack not installed: {_missing()}")

#: the real desk window in a child process; JSON lines out: ready, scanner, tick (the clock label
#: changed), verdict (what the panel says, as its accessible description)
_CHILD = r"""
import json, sys
sys.path.insert(0, sys.argv[1])
from pathlib import Path
from PySide6.QtCore import QTimer
from ui.app import ensure_app
app = ensure_app()
from tests.conftest import new_station
from ui.desk import create_desk

def out(**kw):
    print(json.dumps(kw), flush=True)

st = new_station(Path(sys.argv[2]))
st.settings["sounds"] = False
desk = create_desk(st, sounds=False, open_scanner=False, sync=None)
desk.verdict_shown.connect(lambda status: out(kind="verdict", status=status,
                                              said=desk.panel.accessibleDescription()))
seen = {"clock": desk.status.clock.text(), "scanner": ""}

def poll():
    clock = desk.status.clock
    if clock.text() != seen["clock"]:
        seen["clock"] = clock.text()
        out(kind="tick", text=clock.text(), name=clock.accessibleName())
    if desk.scanner.state != seen["scanner"]:
        seen["scanner"] = desk.scanner.state
        out(kind="scanner", state=desk.scanner.state)

timer = QTimer()
timer.timeout.connect(poll)
timer.start(50)
desk.open_scanner(sys.argv[3])
desk.resize(1366, 740)
desk.show()
desk.activateWindow()
out(kind="ready", title=desk.windowTitle())
app.exec()
"""

#: "SPEECH OUTPUT: 'words'" then, in Orca 43, an optional " voice=…" and the voice's settings as a dict
_SPOKEN = re.compile(r"SPEECH OUTPUT: '(.*?)'(?: voice=\S+)?(?:\{.*\})?\s*$")
#: an AT-SPI event whose source is a label showing a time ("[label | 15:21:07 CST]"): the status-bar clock
_CLOCK_EVENT = re.compile(r"EVENT MANAGER: (\S+) for \[label \| \d\d:\d\d")


class Lines:
    """Lines read from a pipe or pty by a thread, kept in order; waits have deadlines."""

    def __init__(self, fd: int, name: str) -> None:
        self.name = name
        self.lines: list[str] = []
        self._cond = threading.Condition()
        self._fd = fd
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        buf = b""
        while True:
            try:
                data = os.read(self._fd, 65536)
            except OSError:  # the pty's other side is gone
                break
            if not data:
                break
            buf += data
            *full, buf = buf.split(b"\n")
            with self._cond:
                self.lines.extend(line.decode(errors="replace").rstrip("\r") for line in full)
                self._cond.notify_all()

    def wait(self, what: str, check: Callable[[list[str]], Any], timeout: float) -> Any:
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                found = check(self.lines)
                if found:
                    return found
                left = deadline - time.monotonic()
                if left <= 0:
                    tail = "\n".join(self.lines[-40:])
                    raise AssertionError(f"{self.name}: no {what} within {timeout} s; last lines:\n{tail}")
                self._cond.wait(min(left, 0.5))


class ScreenReaderSession:
    """Xvfb, a session bus, the AT-SPI bus, speech-dispatcher and Orca, in ``tmp``."""

    def __init__(self, tmp: Path) -> None:
        self.tmp = tmp
        self.xs = XServer(1366, 768)
        self.procs: list[subprocess.Popen[Any]] = []
        self._fds: list[int] = []
        self.env: dict[str, str] = {}

    def _start(self, argv: list[str], **kwargs: Any) -> subprocess.Popen[Any]:
        kwargs.setdefault("env", self.env)
        kwargs.setdefault("stdout", subprocess.DEVNULL)
        kwargs.setdefault("stderr", subprocess.DEVNULL)
        proc = subprocess.Popen(argv, **kwargs)
        self.procs.append(proc)
        return proc

    def start(self) -> ScreenReaderSession:
        self.xs.start()
        home, run = self.tmp / "home", self.tmp / "run"
        home.mkdir()
        (run / "speech-dispatcher").mkdir(parents=True)
        run.chmod(0o700)
        env = self.xs.env()
        env.pop("QT_QPA_PLATFORM")
        env.update(HOME=str(home), XDG_RUNTIME_DIR=str(run), XDG_CONFIG_HOME=str(home / ".config"),
                   XDG_DATA_HOME=str(home / ".local/share"), XDG_CACHE_HOME=str(home / ".cache"),
                   GSETTINGS_BACKEND="memory", LANG="C.UTF-8", LANGUAGE="en")
        env.pop("DBUS_SESSION_BUS_ADDRESS", None)
        env.pop("AT_SPI_BUS_ADDRESS", None)
        self.env = env
        bus = self._start(["dbus-daemon", "--session", "--nofork", "--print-address"], stdout=subprocess.PIPE,
                          text=True)
        assert bus.stdout is not None
        env["DBUS_SESSION_BUS_ADDRESS"] = bus.stdout.readline().strip()
        assert env["DBUS_SESSION_BUS_ADDRESS"], "dbus-daemon gave no address"
        # speech: a null audio sink (see the module docstring), on the socket Orca's client looks for
        conf = self.tmp / "speechd"
        shutil.copytree("/etc/speech-dispatcher", conf)
        with (conf / "speechd.conf").open("a") as f:
            f.write('\nAudioOutputMethod "libao"\n')
        (home / ".libao").write_text("default_driver=null\n")
        self._start(["speech-dispatcher", "--run-single", "--timeout", "0", "--config-dir", str(conf),
                     "--communication-method", "unix_socket",
                     "--socket-path", str(run / "speech-dispatcher" / "speechd.sock")])
        self._start([BUS_LAUNCHER, "--launch-immediately"])
        # Orca's debug log through a pty (line-buffered); the test keeps the slave open too, or the
        # master reads EIO before Orca has opened it
        master, slave = os.openpty()
        tty.setraw(slave)
        self._fds += [master, slave]
        self.log = Lines(master, "Orca's debug log")
        said = self.tmp / "orca.out"
        with said.open("w") as out:
            self.orca = self._start(["orca", "--debug-file", os.ttyname(slave), "-u", str(self.tmp / "orca-prefs")],
                                    stdout=out, stderr=subprocess.STDOUT)
        try:
            self.log.wait("first words", lambda lines: any("SPEECH OUTPUT:" in line for line in lines), 30)
        except AssertionError:
            if self.orca.poll() is not None:  # e.g. "Another Orca process is already running"
                raise AssertionError(f"Orca exited ({self.orca.returncode}): {said.read_text().strip()}") from None
            raise
        return self

    def spoken(self) -> list[str]:
        return [m.group(1) for line in self.log.lines if (m := _SPOKEN.search(line))]

    def stop(self) -> None:
        if hasattr(self, "log"):  # kept beside the test's other files, for a failure's post-mortem
            (self.tmp / "orca-debug.log").write_text("\n".join(self.log.lines) + "\n")
        for proc in reversed(self.procs):  # Orca before the speech server it would wait for
            if proc.poll() is None:
                proc.terminate()
                try:
                    proc.wait(5)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()
            for stream in (proc.stdout, proc.stderr, proc.stdin):
                if stream is not None:
                    stream.close()
        self.procs.clear()
        for fd in self._fds:
            os.close(fd)
        self._fds.clear()
        self.xs.stop()


@pytest.fixture
def session(tmp_path: Path) -> Iterator[ScreenReaderSession]:
    s = ScreenReaderSession(tmp_path)
    try:
        yield s.start()
    finally:
        s.stop()


class Desk:
    """The desk child: its JSON lines in a queue, a pty as its serial scanner."""

    def __init__(self, s: ScreenReaderSession) -> None:
        self.scanner, slave = os.openpty()
        s._fds += [self.scanner, slave]
        env = dict(s.env, QT_QPA_PLATFORM="xcb", QT_LINUX_ACCESSIBILITY_ALWAYS_ON="1")
        self.stderr = s.tmp / "desk.stderr"  # a file: Qt's AT-SPI warnings would fill a pipe nobody reads
        with self.stderr.open("w") as err:
            self.proc = s._start([sys.executable, "-c", _CHILD, str(ROOT), str(s.tmp / "station"),
                                  os.ttyname(slave)], env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=err, text=True)
        self.events: queue.Queue[dict[str, Any]] = queue.Queue()
        self.ticks = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            event = json.loads(line)
            if event["kind"] == "tick":
                self.ticks += 1
            self.events.put(event)

    def expect(self, kind: str, timeout: float = 20.0, **match: Any) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while (left := deadline - time.monotonic()) > 0:
            try:
                event = self.events.get(timeout=left)
            except queue.Empty:
                break
            if event["kind"] == kind and all(event.get(k) == v for k, v in match.items()):
                return event
        err = self.stderr.read_text(errors="replace")[-3000:]
        raise AssertionError(f"the desk sent no {kind} {match or ''} within {timeout} s {err}")

    def scan(self, code: str) -> dict[str, Any]:
        os.write(self.scanner, code.encode() + b"\r")
        return self.expect("verdict")


def test_orca_speaks_every_verdict_once_per_scan(session: ScreenReaderSession) -> None:
    desk = Desk(session)
    title = desk.expect("ready", 40)["title"]
    desk.expect("scanner", state="connected")
    # Orca follows the desk: it reads the window's title when the window becomes active
    session.log.wait("the desk's title spoken", lambda lines: any(
        "SPEECH OUTPUT:" in line and title in line for line in lines), 20)
    # the status-bar clock has ticked a few times before the scans: its AT-SPI events, if any, are in
    # Orca's queue ahead of the verdicts
    session.log.wait("clock ticks", lambda _lines: desk.ticks >= 4, 10)

    said = []
    # two unknown codes in a row: the same words twice (the code is not in them); two different codes,
    # since one scanner's same code within a second is dropped as a double read
    for code, status in (("MWC-ES-002", "ok"), ("NO-SUCH-CODE-1", "unknown"), ("NO-SUCH-CODE-2", "unknown")):
        verdict = desk.scan(code)
        assert verdict["status"] == status, verdict
        said.append(verdict["said"])
        times = said.count(verdict["said"])
        session.log.wait(f"{code} spoken {times}×", lambda _lines, text=verdict["said"], n=times: sum(
            text in utterance for utterance in session.spoken()) >= n, 15)

    spoken = session.spoken()
    checked_in, unknown = said[0], said[1]
    assert said[2] == unknown  # the same verdict twice...
    assert sum(unknown in u for u in spoken) == 2  # ...heard twice
    assert sum(checked_in in u for u in spoken) == 1
    assert "CHECKED IN" in checked_in and "José Núñez" in checked_in and "Delegate" in checked_in
    assert "CODE NOT FOUND" in unknown
    verdicts = [u for u in spoken if "CHECKED IN" in u or "CODE NOT FOUND" in u]
    assert len(verdicts) == 3, verdicts
    for utterance in verdicts:
        assert ".." not in utterance and ". ." not in utterance, utterance  # one full stop per sentence
    for utterance in verdicts[1:]:
        # the previous person's category pill is hidden on an unknown code, and not read either
        assert "Delegate" not in utterance and "José" not in utterance, utterance
    # the clock ticked every second, but a screen reader is told about it once a minute at most
    clock_events = [m.group(1) for line in session.log.lines if (m := _CLOCK_EVENT.search(line))]
    assert desk.ticks >= 4 and len(clock_events) <= 2, clock_events
