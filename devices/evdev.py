"""Keyboard-mode scanners read directly from Linux evdev, with an exclusive grab.

A USB scanner in keyboard mode is an input device of its own (``/dev/input/eventN``) with its
vendor id. Reading it there instead of through the window system removes the timing guesswork of
:mod:`devices.wedge`: every key of that device is the scanner's, whatever has focus, whatever the
desk's keyboard layout, and the exclusive grab (``EVIOCGRAB``) keeps its keys out of every window.

* :class:`KeyDecoder` (pure) turns key events into codes: the scanner presses the keys of a US
  keyboard (HID usages), Shift for capitals; Enter/Tab ends a code, an idle gap ends a code
  without suffix; modifiers and autorepeat never end or break one.
* :func:`find_scanners` lists input devices of known scanner vendors (needs ``python-evdev`` and
  read access to ``/dev/input``: the ``input`` group or a udev rule).
* :class:`EvdevScanner` is a reader like the serial one (``evdev://auto`` or
  ``evdev:///dev/input/event5``): it finds the device, grabs it, follows unplug and replug.

Key codes are the kernel's ABI (``linux/input-event-codes.h``) and are written out here, so the
decoder runs (and is tested) where python-evdev is not installed.
"""

from __future__ import annotations

import contextlib
import logging
import os
import select
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from devices.base import DeviceReader
from devices.events import RejectCallback, ScanCallback, ScanEvent, StatusCallback

__all__ = ["EVDEV_SCHEME", "KNOWN_VENDORS", "EvdevScanner", "FoundDevice", "KeyDecoder", "find_scanners"]

log = logging.getLogger(__name__)

EVDEV_SCHEME = "evdev"

#: USB vendor ids of barcode scanner makers (keyboard mode keeps the vendor id)
KNOWN_VENDORS = {0x0C2E: "Honeywell", 0x1EAB: "Newland", 0x05E0: "Zebra", 0x05F9: "Datalogic"}

EV_SYN, EV_KEY = 0x00, 0x01
KEY_TAB, KEY_ENTER, KEY_KPENTER = 15, 28, 96
KEY_LEFTSHIFT, KEY_RIGHTSHIFT, KEY_CAPSLOCK = 42, 54, 58

# US layout: key code -> (plain, shifted)
_ROWS = {2: ("1234567890-=", "!@#$%^&*()_+"), 16: ("qwertyuiop[]", "QWERTYUIOP{}"),
         30: ("asdfghjkl;'`", 'ASDFGHJKL:"~'), 43: ("\\zxcvbnm,./", "|ZXCVBNM<>?")}
_US: dict[int, tuple[str, str]] = {first + i: (plain[i], shifted[i])
                                   for first, (plain, shifted) in _ROWS.items() for i in range(len(plain))}
_US[57] = (" ", " ")  # KEY_SPACE
# the keypad (a scanner may send digits there, with Num Lock on)
_US.update({79: ("1", "1"), 80: ("2", "2"), 81: ("3", "3"), 75: ("4", "4"), 76: ("5", "5"), 77: ("6", "6"),
            71: ("7", "7"), 72: ("8", "8"), 73: ("9", "9"), 82: ("0", "0"), 83: (".", "."), 74: ("-", "-"),
            78: ("+", "+"), 55: ("*", "*"), 98: ("/", "/")})
_TERMINATORS = {KEY_ENTER: "\r", KEY_KPENTER: "\r", KEY_TAB: "\t"}


class KeyDecoder:
    """Key events of one scanner device → codes (pure logic, one per device)."""

    def __init__(self, source: str, *, idle: float = 0.05, max_length: int = 4096) -> None:
        self.source = source
        self.idle = idle
        self.max_length = max_length
        self._chars: list[str] = []
        self._shift: set[int] = set()
        self._caps = False
        self._last = 0.0

    @property
    def pending(self) -> str:
        return "".join(self._chars)

    def reset(self) -> str:
        """Forget a code cut off (the device went away mid-code); returns what was dropped. Half a
        code is never judged: it could be someone else's whole code."""
        dropped, self._chars = "".join(self._chars), []
        self._shift.clear()
        return dropped

    def deadline(self) -> float | None:
        """When a code without suffix is over (None: nothing pending)."""
        return self._last + self.idle if self._chars else None

    def feed(self, type_: int, code: int, value: int, t: float) -> ScanEvent | None:
        """One input event (``value``: 1 press, 0 release, 2 autorepeat) at time ``t``."""
        if type_ != EV_KEY:
            return None  # EV_SYN, EV_MSC (scan codes), EV_LED: no characters
        if code in (KEY_LEFTSHIFT, KEY_RIGHTSHIFT):
            (self._shift.add if value else self._shift.discard)(code)
            return None
        if value != 1:
            return None  # releases; autorepeat is a stuck key, not a scanner
        if code == KEY_CAPSLOCK:
            self._caps = not self._caps
            return None
        if code in _TERMINATORS:
            return self._emit(t, _TERMINATORS[code])
        pair = _US.get(code)
        if pair is None:
            return None  # Ctrl, Alt, Meta, Num Lock, function keys: nothing typed
        ch = pair[1] if self._shift else pair[0]
        if self._caps and ch.isalpha():
            ch = ch.swapcase()
        scan = self.poll(t)
        self._chars.append(ch)
        self._last = t
        if len(self._chars) >= self.max_length:
            return self._emit(t, "")
        return scan

    def poll(self, t: float) -> ScanEvent | None:
        """The pending code if its idle gap is over at ``t`` (a scanner without suffix)."""
        deadline = self.deadline()
        if deadline is None or t < deadline:
            return None
        return self._emit(self._last, "")

    def _emit(self, t: float, terminator: str) -> ScanEvent | None:
        text = "".join(self._chars)
        self._chars = []
        if not text.strip():
            return None
        return ScanEvent(self.source, text.encode("utf-8"), text.strip(), t)


@dataclass(frozen=True)
class FoundDevice:
    path: str
    name: str
    vendor: int
    product: int
    maker: str


def find_scanners(lister: Callable[[], Iterable[Any]] | None = None) -> list[FoundDevice]:
    """Input devices with a known scanner vendor id that have keys. Empty without python-evdev or
    without access to ``/dev/input``."""
    if lister is None:
        try:
            import evdev
        except ImportError:
            return []

        def lister() -> Iterable[Any]:
            for path in evdev.list_devices():
                try:
                    yield evdev.InputDevice(path)
                except OSError:
                    continue
    found = []
    for device in lister():
        try:
            info = device.info
            keys = EV_KEY in device.capabilities()
            if info.vendor in KNOWN_VENDORS and keys:
                found.append(FoundDevice(device.path, device.name, info.vendor, info.product,
                                         KNOWN_VENDORS[info.vendor]))
        finally:
            with contextlib.suppress(Exception):
                device.close()
    return found


def _open_path(path: str) -> Any:
    import evdev

    return evdev.InputDevice(path)


class EvdevScanner(DeviceReader):
    """Reads one scanner input device with an exclusive grab; ``spec``: ``evdev://auto`` or
    ``evdev:///dev/input/eventN``. ``opener``/``finder`` are injectable (tests without a kernel
    device); by default python-evdev opens the device and :func:`find_scanners` finds it."""

    NOT_FOUND = "no scanner input device found"
    MISSING = "python-evdev is not installed"

    def __init__(self, spec: str, on_scan: ScanCallback, on_status: StatusCallback | None = None,
                 on_reject: RejectCallback | None = None, *, source: str | None = None, idle: float = 0.05,
                 opener: Callable[[str], Any] = _open_path,
                 finder: Callable[[], list[FoundDevice]] = find_scanners) -> None:
        target = spec.split("://", 1)[1] if "://" in spec else spec
        self.target = target or "auto"
        super().__init__(source or f"{EVDEV_SCHEME}:{self.target}", on_scan, on_status, on_reject)
        self.decoder = KeyDecoder(self.source, idle=idle)
        self._opener = opener
        self._finder = finder
        self._wake_r, self._wake_w = os.pipe()
        # the pipe is closed when the reader ends; stop() may wake it later (or twice): never write
        # into a descriptor number the process has since given to another file
        self._pipe_lock = threading.Lock()
        self._pipe_open = True

    def _wake(self) -> None:
        with self._pipe_lock:
            if self._pipe_open:
                with contextlib.suppress(OSError):
                    os.write(self._wake_w, b"x")

    def _close_pipe(self) -> None:
        with self._pipe_lock:
            if self._pipe_open:
                self._pipe_open = False
                os.close(self._wake_r)
                os.close(self._wake_w)

    def _main(self) -> None:
        try:
            super()._main()
        finally:
            self._close_pipe()

    def _open_device(self, path: str) -> Any:
        device = self._opener(path)
        try:
            device.grab()  # exclusive: its keys reach no window, not even the focused one
        except BaseException:
            with contextlib.suppress(Exception):
                device.close()  # retried every second: an unclosed device each time adds up
            raise
        return device

    def _cut_off(self) -> None:
        dropped = self.decoder.reset()
        if dropped:
            log.info("scanner %s unplugged mid-code: %d characters dropped", self.source, len(dropped))

    def _release(self, device: Any) -> None:
        with contextlib.suppress(Exception):
            device.ungrab()
        super()._release(device)

    def _read(self, device: Any) -> None:
        while not self.stopping:
            deadline = self.decoder.deadline()
            timeout = None if deadline is None else max(0.0, deadline - time.monotonic())
            ready, _, _ = select.select([device.fd, self._wake_r], [], [], timeout)
            now = time.monotonic()
            if self._wake_r in ready:
                os.read(self._wake_r, 64)
            if device.fd in ready:
                events = list(device.read())  # raises OSError (ENODEV) when unplugged
                if not events:
                    raise OSError(19, "device gone")
                for event in events:
                    scan = self.decoder.feed(event.type, event.code, event.value, now)
                    if scan is not None:
                        self._deliver([scan])
            scan = self.decoder.poll(time.monotonic())
            if scan is not None:
                self._deliver([scan])
