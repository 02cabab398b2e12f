"""A real input method for X tests: IBus with the libpinyin engine on a private session bus.

What a desk laptop in Guangzhou runs: ``ibus-daemon`` (Debian's ``ibus``) with the intelligent
pinyin engine (``ibus-libpinyin``), reached by Qt through its IBus plugin (``QT_IM_MODULE=ibus``).
Everything lives in a temporary home and its own ``dbus-daemon --session``, so the tests never
touch (or depend on) a user's desktop. ``--panel=disable``: candidates are chosen without the
panel window (space commits the first one), which Xvfb has no window manager to place anyway.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path
from typing import Any

from xserver import XServer, missing_tools

__all__ = ["TOOLS", "IBusSession"]

_BUS_CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:dir={dir}</listen>
  <servicedir>{services}</servicedir>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""

TOOLS = ("ibus-daemon", "ibus", "dbus-daemon")
ENGINE = "libpinyin"


class IBusSession:
    """A session bus and an IBus daemon on ``xs``'s display with ``engine`` selected."""

    def __init__(self, xs: XServer, tmp: Path, engine: str = ENGINE) -> None:
        self.xs, self.tmp, self.engine = xs, tmp, engine
        self.procs: list[subprocess.Popen[Any]] = []
        self.env: dict[str, str] = {}

    def start(self, timeout: float = 30.0) -> IBusSession:
        missing = missing_tools(TOOLS)
        if missing:
            raise RuntimeError(f"not installed: {', '.join(missing)}")
        home = self.tmp / "ibus-home"
        home.mkdir(parents=True, exist_ok=True)
        env = self.xs.env()
        env.pop("DBUS_SESSION_BUS_ADDRESS", None)
        env.update(HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"), XDG_CACHE_HOME=str(home / ".cache"),
                   GSETTINGS_BACKEND="memory", LANG="C.UTF-8")
        env["NO_AT_BRIDGE"] = "1"
        self.env = env
        try:
            # a bus of our own that activates nothing (no portals, no accessibility bus left behind)
            services = self.tmp / "dbus-services"
            services.mkdir(exist_ok=True)
            conf = self.tmp / "dbus-session.conf"
            conf.write_text(_BUS_CONFIG.format(dir=self.tmp, services=services))
            bus = self._start(["dbus-daemon", f"--config-file={conf}", "--nofork", "--print-address"],
                              stdout=subprocess.PIPE, text=True)
            assert bus.stdout is not None
            env["DBUS_SESSION_BUS_ADDRESS"] = bus.stdout.readline().strip()
            assert env["DBUS_SESSION_BUS_ADDRESS"], "dbus-daemon gave no address"
            self._start(["ibus-daemon", "--xim", "--replace", "--panel=disable"])
            self._select(timeout)
        except BaseException:
            self.stop()
            raise
        return self

    def _select(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        current = ""
        while current != self.engine:  # the daemon takes a few seconds to load its engines
            if time.monotonic() > deadline:
                raise RuntimeError(f"IBus never took the {self.engine} engine (it has {current or 'none'})")
            time.sleep(0.2)  # polling an outside daemon: there is no signal to wait on
            subprocess.run(["ibus", "engine", self.engine], env=self.env, capture_output=True, timeout=timeout,
                           check=False)
            current = subprocess.run(["ibus", "engine"], env=self.env, capture_output=True, text=True,
                                     timeout=timeout, check=False).stdout.strip()

    def app_env(self) -> dict[str, str]:
        """The environment of a Qt program that uses this input method."""
        return {**self.env, "QT_IM_MODULE": "ibus"}

    def _start(self, argv: list[str], **kwargs: Any) -> subprocess.Popen[Any]:
        kwargs.setdefault("env", self.env)
        kwargs.setdefault("stdout", subprocess.DEVNULL)
        kwargs.setdefault("stderr", subprocess.DEVNULL)
        proc = subprocess.Popen(argv, start_new_session=True, **kwargs)  # with its children, in stop
        self.procs.append(proc)
        return proc

    def stop(self) -> None:
        for proc in reversed(self.procs):  # IBus (and the engine, ibus-x11… it started) before the bus
            for sig in (signal.SIGTERM, signal.SIGKILL):
                try:
                    os.killpg(proc.pid, sig)
                except ProcessLookupError:
                    break
                try:
                    proc.wait(5)
                    break
                except subprocess.TimeoutExpired:
                    continue
            for stream in (proc.stdout, proc.stderr):
                if stream is not None:
                    stream.close()
        self.procs.clear()

    def __enter__(self) -> IBusSession:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
