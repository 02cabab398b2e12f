"""Keyboard-mode scanners read from Linux evdev (devices/evdev.py).

This sandbox has no ``/dev/input`` and no ``/dev/uinput`` (the kernel's uinput module is not
reachable from here), so a kernel input device cannot exist: the reader is driven with
python-evdev's own ``InputEvent`` objects through a stand-in device (a pipe for ``select`` plus a
queue of events; ``grab``/``ungrab`` recorded). Where ``/dev/uinput`` is writable, the last test
creates a real virtual scanner with Honeywell's vendor id and reads it through the kernel.
"""

from __future__ import annotations

import errno
import os
import queue
import time
from typing import Any

import pytest

evdev = pytest.importorskip("evdev", reason="python-evdev is a dependency on Linux; not installed here")
from evdev import InputEvent, ecodes  # noqa: E402

from devices import evdev as ev  # noqa: E402
from devices.events import ScannerState  # noqa: E402

TOKEN = "VD1AEDYDFFWNMIZZH2TMFYXE7SW5AVAKTKBLFHVEJAJUQN6EUPYV37WPOSMVNIZDMM5IFEYYHZSIO72QPSMXWLZ"


def us_events(text: str, shift: int = ecodes.KEY_LEFTSHIFT) -> list[InputEvent]:
    """What a scanner's HID keyboard report becomes in the kernel: MSC_SCAN, key, SYN_REPORT."""
    codes = {v[0]: k for k, v in ev._US.items() if k < 71} | {v[1]: k for k, v in ev._US.items() if k < 71}
    out: list[InputEvent] = []

    def key(code: int, value: int) -> None:
        out.extend([InputEvent(0, 0, ecodes.EV_MSC, ecodes.MSC_SCAN, 0x70000 + code),
                    InputEvent(0, 0, ecodes.EV_KEY, code, value), InputEvent(0, 0, ecodes.EV_SYN, 0, 0)])

    for ch in text:
        if ch == "\r":
            key(ecodes.KEY_ENTER, 1)
            key(ecodes.KEY_ENTER, 0)
            continue
        code = codes[ch]
        shifted = ev._US[code][1] == ch and ev._US[code][0] != ch
        if shifted:
            key(shift, 1)
        key(code, 1)
        key(code, 0)
        if shifted:
            key(shift, 0)
    return out


def feed(decoder: ev.KeyDecoder, events: list[InputEvent], t: float = 0.0) -> list[str]:
    scans = []
    for e in events:
        scan = decoder.feed(e.type, e.code, e.value, t)
        if scan is not None:
            scans.append(scan.text)
    return scans


def test_key_codes_are_the_kernels() -> None:
    assert ev._US[ecodes.KEY_A] == ("a", "A") and ev._US[ecodes.KEY_Z] == ("z", "Z")
    assert ev._US[ecodes.KEY_1] == ("1", "!") and ev._US[ecodes.KEY_0] == ("0", ")")
    assert ev._US[ecodes.KEY_MINUS] == ("-", "_") and ev._US[ecodes.KEY_SLASH] == ("/", "?")
    assert ev._US[ecodes.KEY_KP7] == ("7", "7") and ev._US[ecodes.KEY_SPACE] == (" ", " ")
    assert (ev.KEY_ENTER, ev.KEY_KPENTER, ev.KEY_TAB) == (ecodes.KEY_ENTER, ecodes.KEY_KPENTER, ecodes.KEY_TAB)
    assert (ev.KEY_LEFTSHIFT, ev.KEY_RIGHTSHIFT, ev.KEY_CAPSLOCK) == (
        ecodes.KEY_LEFTSHIFT, ecodes.KEY_RIGHTSHIFT, ecodes.KEY_CAPSLOCK)
    assert (ev.EV_KEY, ev.EV_SYN) == (ecodes.EV_KEY, ecodes.EV_SYN)


def test_upper_case_token_with_shift_and_enter() -> None:
    decoder = ev.KeyDecoder("evdev:test")
    assert feed(decoder, us_events(TOKEN + "\r")) == [TOKEN]
    assert feed(decoder, us_events("MWC-ZH-001\r", shift=ecodes.KEY_RIGHTSHIFT)) == ["MWC-ZH-001"]


def test_modifiers_autorepeat_and_caps_lock() -> None:
    decoder = ev.KeyDecoder("evdev:test")
    noise = [InputEvent(0, 0, ecodes.EV_KEY, code, 1) for code in
             (ecodes.KEY_LEFTCTRL, ecodes.KEY_RIGHTALT, ecodes.KEY_LEFTMETA, ecodes.KEY_NUMLOCK)]
    events = us_events("MWC-") + noise + [InputEvent(0, 0, ecodes.EV_KEY, ecodes.KEY_Z, 2)] + us_events("ZH\r")
    assert feed(decoder, events) == ["MWC-ZH"]  # nothing ended or broke the code; autorepeat ignored
    caps = [InputEvent(0, 0, ecodes.EV_KEY, ecodes.KEY_CAPSLOCK, 1), InputEvent(0, 0, ecodes.EV_KEY,
                                                                                 ecodes.KEY_CAPSLOCK, 0)]
    assert feed(decoder, caps + us_events("abc-1\r")) == ["ABC-1"]  # Caps Lock flips letters only


def test_no_suffix_ends_after_the_idle_gap() -> None:
    decoder = ev.KeyDecoder("evdev:test", idle=0.05)
    assert feed(decoder, us_events("REG-42"), t=1.0) == []
    assert decoder.poll(1.01) is None
    scan = decoder.poll(1.06)
    assert scan is not None and scan.text == "REG-42" and decoder.pending == ""


class StandIn:
    """A stand-in for ``evdev.InputDevice`` (no kernel device can exist here): a pipe makes it
    selectable, ``read`` hands out queued python-evdev InputEvents or raises ENODEV when unplugged."""

    def __init__(self) -> None:
        self.r, self.w = os.pipe()
        self.fd = self.r
        self.events: queue.Queue[list[InputEvent] | None] = queue.Queue()
        self.grabbed = 0
        self.ungrabbed = 0
        self.closed = False

    def send(self, events: list[InputEvent] | None) -> None:
        self.events.put(events)
        os.write(self.w, b"x")

    def read(self) -> list[InputEvent]:
        os.read(self.r, 1)
        batch = self.events.get_nowait()
        if batch is None:
            raise OSError(errno.ENODEV, "No such device")
        return batch

    def grab(self) -> None:
        self.grabbed += 1

    def ungrab(self) -> None:
        self.ungrabbed += 1

    def close(self) -> None:
        if not self.closed:
            self.closed = True
            os.close(self.r)
            os.close(self.w)


def test_reader_grabs_decodes_and_follows_an_unplug() -> None:
    devices = [StandIn(), StandIn()]
    opened: list[str] = []

    def opener(path: str) -> StandIn:
        opened.append(path)
        return devices[len(opened) - 1]

    found = [ev.FoundDevice("/dev/input/event7", "Honeywell 1470g", 0x0C2E, 0x0B6A, "Honeywell")]
    scans: queue.Queue[Any] = queue.Queue()
    scanner = ev.EvdevScanner("evdev://auto", scans.put, opener=opener, finder=lambda: found)
    scanner.RETRY = 0.01
    with scanner:
        assert scanner.wait_for(ScannerState.CONNECTED, 5)
        assert opened == ["/dev/input/event7"] and devices[0].grabbed == 1
        devices[0].send(us_events(TOKEN + "\r"))
        assert scans.get(timeout=5).text == TOKEN
        since = scanner.history_length
        devices[0].send(None)  # unplugged
        assert scanner.wait_for(ScannerState.DISCONNECTED, 5, since=since)
        assert devices[0].ungrabbed == 1 and devices[0].closed
        assert scanner.wait_for(ScannerState.CONNECTED, 5, since=since)  # plugged in again
        devices[1].send(us_events("MWC-ZH-001\r"))
        assert scans.get(timeout=5).text == "MWC-ZH-001"
    assert scanner.state == ScannerState.STOPPED and devices[1].ungrabbed == 1


def test_half_a_code_cut_off_by_an_unplug_is_dropped_not_judged() -> None:
    devices = [StandIn(), StandIn()]
    opened: list[str] = []

    def opener(path: str) -> StandIn:
        opened.append(path)
        return devices[len(opened) - 1]

    scans: queue.Queue[Any] = queue.Queue()
    scanner = ev.EvdevScanner("evdev:///dev/input/event7", scans.put, opener=opener)
    scanner.RETRY = 0.01
    with scanner:
        assert scanner.wait_for(ScannerState.CONNECTED, 5)
        devices[0].send(us_events("MWC-Z"))  # half of a code: no Enter yet
        devices[0].send(None)  # and the cable comes out within the idle gap
        assert scanner.wait_for(ScannerState.CONNECTED, 5, since=2)
        devices[1].send(us_events("MWC-ZH-002\r"))
        assert scans.get(timeout=5).text == "MWC-ZH-002"  # the next whole code, nothing before it
        assert scans.empty()


def test_a_refused_grab_closes_the_device_each_time() -> None:
    class Busy(StandIn):
        def grab(self) -> None:  # another program holds the device: EBUSY
            raise OSError(errno.EBUSY, "Device or resource busy")

    devices: list[Busy] = []

    def opener(path: str) -> Busy:
        devices.append(Busy())
        return devices[-1]

    scanner = ev.EvdevScanner("evdev:///dev/input/event7", lambda _: None, opener=opener)
    scanner.RETRY = 0.01
    with scanner:
        deadline = time.monotonic() + 5
        while len(devices) < 3 and time.monotonic() < deadline:
            time.sleep(0.01)
        assert scanner.state == ScannerState.ERROR and "busy" in scanner.reason.lower()
    assert len(devices) >= 3 and all(d.closed for d in devices)  # no descriptor left behind per retry


def test_stopping_a_finished_reader_writes_into_no_other_file(tmp_path: Any) -> None:
    def missing(path: str) -> Any:
        raise ImportError("python-evdev is not installed")

    scanner = ev.EvdevScanner("evdev:///dev/input/event7", lambda _: None, opener=missing)
    scanner.start()
    assert scanner.wait_for(ScannerState.ERROR, 5)
    deadline = time.monotonic() + 5
    while scanner.running and time.monotonic() < deadline:
        time.sleep(0.01)
    # the pipe's descriptor numbers are free again: files opened now may get them
    files = [open(tmp_path / f"f{i}", "wb") for i in range(4)]  # noqa: SIM115
    try:
        scanner.stop()
        scanner.stop()  # twice: stop is idempotent
    finally:
        for f in files:
            f.close()
    assert all((tmp_path / f"f{i}").read_bytes() == b"" for i in range(4))


def test_auto_without_a_scanner_keeps_searching() -> None:
    scanner = ev.EvdevScanner("evdev://auto", lambda _s: None, finder=list)
    with scanner:
        assert scanner.wait_for(ScannerState.SEARCHING, 5)
    assert "no scanner input device" in scanner.reason or scanner.state == ScannerState.STOPPED


def test_find_scanners_by_vendor_id() -> None:
    class Dev:
        def __init__(self, path: str, vendor: int, keys: bool) -> None:
            self.path, self.name = path, f"dev {vendor:04x}"
            self.info = type("Info", (), {"vendor": vendor, "product": 1})()
            self._caps = {ecodes.EV_KEY: [30]} if keys else {}
            self.closed = False

        def capabilities(self) -> dict[int, list[int]]:
            return self._caps

        def close(self) -> None:
            self.closed = True

    devs = [Dev("/dev/input/event1", 0x046D, True), Dev("/dev/input/event2", 0x1EAB, True),
            Dev("/dev/input/event3", 0x05E0, False), Dev("/dev/input/event4", 0x05F9, True)]
    found = ev.find_scanners(lambda: devs)
    assert [(f.path, f.maker) for f in found] == [("/dev/input/event2", "Newland"), ("/dev/input/event4", "Datalogic")]
    assert all(d.closed for d in devs)


def test_open_scanner_knows_the_evdev_spec() -> None:
    from devices.factory import open_scanner

    scanner = open_scanner("evdev:///dev/input/event-none", lambda _s: None, start=False)
    assert isinstance(scanner, ev.EvdevScanner) and scanner.target == "/dev/input/event-none"


@pytest.mark.skipif(not os.access("/dev/uinput", os.W_OK),
                    reason="/dev/uinput does not exist or is not writable here: no kernel input device can be made")
def test_real_virtual_scanner_through_the_kernel() -> None:  # pragma: no cover - needs uinput
    from evdev import UInput

    caps = {ecodes.EV_KEY: [*ev._US, ecodes.KEY_ENTER, ecodes.KEY_LEFTSHIFT], ecodes.EV_MSC: [ecodes.MSC_SCAN]}
    with UInput(caps, name="Honeywell test scanner", vendor=0x0C2E, product=0x0B6A) as ui:
        deadline = time.monotonic() + 5
        while not (found := [f for f in ev.find_scanners() if f.name == "Honeywell test scanner"]):
            assert time.monotonic() < deadline, "the virtual scanner did not appear"
        scans: queue.Queue[Any] = queue.Queue()
        with ev.EvdevScanner(f"evdev://{found[0].path}", scans.put) as scanner:
            assert scanner.wait_for(ScannerState.CONNECTED, 5)
            for e in us_events("MWC-ZH-001\r"):
                ui.write(e.type, e.code, e.value)
            assert scans.get(timeout=5).text == "MWC-ZH-001"
