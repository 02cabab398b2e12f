"""A real X server for tests: Xvfb on a free display, xdotool, setxkbmap, screenshots.

``XServer.start()`` runs ``Xvfb -displayfd`` so the server itself picks a free display number (no
fixed ``:99`` that two test runs could fight over) and reports it once it accepts connections.
There is no window manager: :meth:`XServer.activate` uses ``xdotool windowactivate --sync`` where
the server allows it and falls back to clicking into the window, which gives X focus without one.

Keystrokes come in two kinds, both through the XTEST extension of the real server:

* :meth:`XServer.type` — ``xdotool type --delay N``: characters, each turned into the keycode (and
  Shift/AltGr) that produce it *in the active layout*, like a person who knows the layout.
* :meth:`XServer.scanner_keys` — what a USB keyboard-mode scanner does: it sends the *physical*
  keys of a US keyboard (HID usages) with Shift for capitals, whatever layout the host has. Under
  ``setxkbmap de`` a ``Y`` then arrives as ``Z``; under ``fr`` digits arrive as ``&é"'(…``. Sent as
  raw keycodes with XTEST's ``XTestFakeKeyEvent`` (libXtst, the library xdotool itself uses).

Use it as a context manager or call :meth:`stop`. Every method raises if the tools are missing;
:func:`missing_tools` says which ones, for a ``pytest.skip`` with a reason.
"""

from __future__ import annotations

import os
import select
import shutil
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

__all__ = ["US_KEYCODES", "XServer", "missing_tools", "us_keystrokes"]

TOOLS = ("Xvfb", "xdotool", "setxkbmap", "import")


def missing_tools(tools: Sequence[str] = TOOLS) -> list[str]:
    """The programs of ``tools`` that are not on PATH."""
    return [tool for tool in tools if shutil.which(tool) is None]


# X keycodes (evdev keycode + 8) of a US PC keyboard: what a keyboard-mode scanner presses
_ROWS = {
    10: "1234567890-=", 24: "qwertyuiop[]", 38: "asdfghjkl;'", 52: "zxcvbnm,./",
}
_SHIFTED = {"!": "1", "@": "2", "#": "3", "$": "4", "%": "5", "^": "6", "&": "7", "*": "8", "(": "9", ")": "0",
            "_": "-", "+": "=", "{": "[", "}": "]", ":": ";", '"': "'", "<": ",", ">": ".", "?": "/", "~": "`",
            "|": "\\"}
US_KEYCODES: dict[str, int] = {ch: first + i for first, row in _ROWS.items() for i, ch in enumerate(row)}
US_KEYCODES.update({"`": 49, "\\": 51, " ": 65, "\r": 36, "\n": 36, "\t": 23})
SHIFT_L = 50


def us_keystrokes(text: str) -> list[tuple[int, bool]]:
    """(keycode, with Shift) per character, as a US-layout scanner sends ``text``."""
    out = []
    for ch in text:
        if ch in US_KEYCODES:
            out.append((US_KEYCODES[ch], False))
        elif ch.lower() in US_KEYCODES and ch.isalpha():
            out.append((US_KEYCODES[ch.lower()], True))
        elif ch in _SHIFTED:
            out.append((US_KEYCODES[_SHIFTED[ch]], True))
        else:
            raise ValueError(f"a US keyboard cannot type {ch!r}")
    return out


class XServer:
    """One Xvfb server (``width``×``height``, 24 bit) and the tools that drive it."""

    def __init__(self, width: int = 1366, height: int = 768) -> None:
        self.width = width
        self.height = height
        self.display = ""
        self._proc: subprocess.Popen[bytes] | None = None
        self._children: list[subprocess.Popen[Any]] = []

    # -- life ----------------------------------------------------------------------------------
    def start(self, timeout: float = 15.0) -> XServer:
        missing = missing_tools(("Xvfb", "xdotool"))
        if missing:
            raise RuntimeError(f"not installed: {', '.join(missing)}")
        read_fd, write_fd = os.pipe()
        try:
            self._proc = subprocess.Popen(
                ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", f"{self.width}x{self.height}x24",
                 "-nolisten", "tcp", "-noreset", "+extension", "XTEST"],
                pass_fds=(write_fd,), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            os.close(write_fd)
            write_fd = -1
            number = b""
            deadline = time.monotonic() + timeout
            while not number.endswith(b"\n"):
                left = deadline - time.monotonic()
                ready, _, _ = select.select([read_fd], [], [], max(0.0, left))
                if not ready:
                    raise RuntimeError("Xvfb did not report a display in time")
                chunk = os.read(read_fd, 16)
                if not chunk:
                    err = self._proc.stderr.read().decode(errors="replace") if self._proc.stderr else ""
                    raise RuntimeError(f"Xvfb exited: {err[-500:]}")
                number += chunk
        except BaseException:
            self.stop()
            raise
        finally:
            os.close(read_fd)
            if write_fd >= 0:
                os.close(write_fd)
        self.display = f":{int(number.strip())}"
        return self

    def stop(self) -> None:
        for child in self._children:
            if child.poll() is None:
                child.terminate()
                try:
                    child.wait(5)
                except subprocess.TimeoutExpired:
                    child.kill()
                    child.wait()
        self._children.clear()
        proc, self._proc = self._proc, None
        if proc is not None and proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(5)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        if proc is not None and proc.stderr is not None:
            proc.stderr.close()

    def __enter__(self) -> XServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- processes on the display ----------------------------------------------------------------
    def env(self, **extra: str) -> dict[str, str]:
        """The environment of a program on this display (X11 Qt platform, no Wayland, no IM)."""
        env = {k: v for k, v in os.environ.items() if k not in ("WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
        env.update(DISPLAY=self.display, QT_QPA_PLATFORM="xcb", **extra)
        return env

    def popen(self, argv: Sequence[str], **kwargs: Any) -> subprocess.Popen[Any]:
        """Start ``argv`` on this display; it is ended by :meth:`stop` if still running."""
        kwargs.setdefault("env", self.env())
        child = subprocess.Popen(list(argv), **kwargs)
        self._children.append(child)
        return child

    def run(self, *argv: str, timeout: float = 30.0, check: bool = True) -> str:
        """Run a tool against this display; its standard output."""
        out = subprocess.run(list(argv), env=self.env(), capture_output=True, text=True, timeout=timeout,
                             check=False)
        if check and out.returncode != 0:
            raise RuntimeError(f"{' '.join(argv)} failed ({out.returncode}): {out.stderr.strip()}")
        return out.stdout

    # -- windows and keys ----------------------------------------------------------------------
    def find_window(self, name: str, timeout: float = 20.0) -> str:
        """The id of the first mapped window whose title contains ``name``."""
        out = self.run("xdotool", "search", "--sync", "--onlyvisible", "--name", name, timeout=timeout)
        return out.split()[0]

    def activate(self, window: str) -> None:
        """Give ``window`` the keyboard focus (there is no window manager under Xvfb)."""
        self.run("xdotool", "windowfocus", "--sync", window, check=False)
        self.run("xdotool", "windowactivate", "--sync", window, check=False)  # needs a WM; harmless

    def click(self, window: str, x: int, y: int) -> None:
        """A left click at (x, y) inside ``window``."""
        self.run("xdotool", "mousemove", "--window", window, str(x), str(y), "click", "1")

    def type(self, text: str, delay_ms: int = 8, window: str | None = None) -> None:
        """``xdotool type --delay N``: characters in the active layout (Shift/AltGr as it needs)."""
        argv = ["xdotool", "type", "--delay", str(delay_ms)]
        if window:
            argv += ["--window", window]
        self.run(*argv, "--", text, timeout=60 + len(text) * delay_ms / 1000)

    def key(self, *keys: str, delay_ms: int = 8) -> None:
        """``xdotool key``: keysym names (``Return``, ``shift+Tab``) or keycode numbers."""
        self.run("xdotool", "key", "--delay", str(delay_ms), *keys)

    def scanner_keys(self, text: str, delay_ms: int = 8, *, pause_at: int = -1, pause_ms: int = 0) -> None:
        """Type ``text`` as a US-layout keyboard-mode scanner: physical keys, Shift for capitals.

        Raw keycodes through XTEST (``xdotool key`` cannot send a keycode by number: it takes
        "38" for a keysym and remaps a spare key). Runs in a child process so the pacing is the
        scanner's own, not the test's. ``pause_at``: stall ``pause_ms`` before that character."""
        out = subprocess.run([sys.executable, __file__, "scanner-keys", str(delay_ms), text, str(pause_at),
                              str(pause_ms)], env=self.env(),
                             capture_output=True, text=True, timeout=60 + len(text) * delay_ms / 100, check=False)
        if out.returncode != 0:
            raise RuntimeError(f"XTEST typing failed: {out.stderr.strip()[-500:]}")

    def setxkbmap(self, layout: str, variant: str = "") -> None:
        """Switch the server's keyboard layout (``us``, ``de``, ``fr``…)."""
        argv = ["setxkbmap", layout] + (["-variant", variant] if variant else [])
        self.run(*argv)

    def layout(self) -> str:
        """The active layout as ``setxkbmap -query`` reports it."""
        for line in self.run("setxkbmap", "-query").splitlines():
            if line.startswith("layout:"):
                return line.split(":", 1)[1].strip()
        return ""

    def screenshot(self, path: str | Path) -> Path:
        """The whole screen as a PNG (``import -window root``)."""
        path = Path(path)
        self.run("import", "-window", "root", str(path))
        return path


def _xtest_type(delay_ms: int, text: str, pause_at: int = -1, pause_ms: int = 0) -> None:
    """In a child process: press the US keys of ``text`` on ``$DISPLAY`` through XTEST."""
    import ctypes

    x11 = ctypes.CDLL("libX11.so.6")
    xtst = ctypes.CDLL("libXtst.so.6")
    x11.XOpenDisplay.restype = ctypes.c_void_p
    x11.XOpenDisplay.argtypes = [ctypes.c_char_p]
    x11.XFlush.argtypes = [ctypes.c_void_p]
    x11.XSync.argtypes = [ctypes.c_void_p, ctypes.c_int]
    x11.XCloseDisplay.argtypes = [ctypes.c_void_p]
    xtst.XTestFakeKeyEvent.argtypes = [ctypes.c_void_p, ctypes.c_uint, ctypes.c_int, ctypes.c_ulong]
    display = x11.XOpenDisplay(os.environ["DISPLAY"].encode())
    if not display:
        raise SystemExit(f"cannot open display {os.environ['DISPLAY']}")
    # the X server does the pacing (XTEST's delay: "wait this long before processing the event"),
    # so the rhythm does not depend on this process being scheduled on a busy machine
    half = max(1, delay_ms // 2)  # a scanner's delay is per key: half before the press, half before the release
    events: list[tuple[int, bool, int]] = []
    for i, (code, shifted) in enumerate(us_keystrokes(text)):
        extra = pause_ms if i == pause_at else 0
        if shifted:
            events.append((SHIFT_L, True, half + extra))
            extra = 0
        events += [(code, True, half + extra), (code, False, half)]
        if shifted:
            events.append((SHIFT_L, False, 1))
    for code, press, wait in events:
        xtst.XTestFakeKeyEvent(display, code, 1 if press else 0, wait)
    x11.XSync(display, 0)
    x11.XCloseDisplay(display)


if __name__ == "__main__" and len(sys.argv) == 6 and sys.argv[1] == "scanner-keys":
    _xtest_type(int(sys.argv[2]), sys.argv[3], int(sys.argv[4]), int(sys.argv[5]))
