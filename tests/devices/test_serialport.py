"""SerialScanner against real pyserial on pty pairs (no mock of serial.Serial)."""

from __future__ import annotations

import errno
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import serial
from scanner_helpers import WAIT

from devices.discovery import PortInfo
from devices.errors import (
    PortBusy,
    PortGone,
    PortNotFound,
    PortPermissionDenied,
    ScannerConfigError,
    fault_from_os_error,
)
from devices.events import ScannerState
from devices.serialport import SerialScanner, SerialSettings, classify_spec


def start(scanners, recorder, spec: str, **kw) -> SerialScanner:
    sc = SerialScanner(spec, recorder.on_scan, recorder.on_status, recorder.on_reject, **kw)
    scanners.append(sc)
    sc.start()
    return sc


@pytest.mark.parametrize("terminator", [b"\r", b"\n", b"\r\n"])
def test_codes_with_each_terminator(ptys, scanners, recorder, terminator: bytes) -> None:
    pty = ptys()
    start(scanners, recorder, pty.path)
    assert recorder.wait_status(ScannerState.CONNECTED).port == pty.path
    pty.write(b"VD1-AAAA" + terminator + b"VD1-BBBB" + terminator)
    assert recorder.texts(2) == ["VD1-AAAA", "VD1-BBBB"]
    assert recorder.drain_rejects() == []


def test_frame_split_across_writes(ptys, scanners, recorder) -> None:
    pty = ptys()
    start(scanners, recorder, pty.path)
    recorder.wait_status(ScannerState.CONNECTED)
    for piece in (b"REG-", b"2025-", b"0042", b"\r", b"\nNEXT-1", b"\r\n"):
        pty.write(piece)
        time.sleep(0.005)  # separate reads, well within the idle gap
    assert recorder.texts(2) == ["REG-2025-0042", "NEXT-1"]


def test_idle_gap_framing_for_scanners_without_suffix(ptys, scanners, recorder) -> None:
    pty = ptys()
    start(scanners, recorder, pty.path, settings=SerialSettings(idle_gap=0.05))
    recorder.wait_status(ScannerState.CONNECTED)
    written = time.monotonic()
    pty.write(b"NOSUFFIX-1")
    event = recorder.scan()
    assert event.text == "NOSUFFIX-1"
    assert 0.045 <= event.monotonic - written < 1.0
    pty.write(b"NOSUFFIX-2")
    assert recorder.scan().text == "NOSUFFIX-2"


def test_noise_is_rejected_and_codes_around_it_survive(ptys, scanners, recorder) -> None:
    pty = ptys()
    start(scanners, recorder, pty.path)
    recorder.wait_status(ScannerState.CONNECTED)
    pty.write(b"GOOD-0001\r\x00\x13\xff\xfe\x01\x02\x1b\r" + b"Z" * 5000 + b"\rGOOD-0002\r")
    assert recorder.texts(2) == ["GOOD-0001", "GOOD-0002"]
    reasons = [r.reason for r in recorder.drain_rejects()]
    assert reasons == ["binary", "too_long"]


def test_one_megabyte_of_random_bytes(ptys, scanners, recorder) -> None:
    pty = ptys()
    sc = start(scanners, recorder, pty.path)
    recorder.wait_status(ScannerState.CONNECTED)
    data = os.urandom(1 << 20)
    started = time.monotonic()
    pty.write(data)  # blocks while the reader drains the pty buffer
    pty.write(b"\rAFTER-NOISE-1\r")
    deadline = time.monotonic() + 20
    texts = []
    while "AFTER-NOISE-1" not in texts:
        texts.append(recorder.scan(timeout=max(0.1, deadline - time.monotonic())).text)
    elapsed = time.monotonic() - started
    assert elapsed < 15, f"1 MB took {elapsed:.1f} s"
    assert sc.stats.bytes_read >= len(data)
    reasons = {r.reason for r in recorder.drain_rejects()}
    assert "binary" in reasons and reasons <= {"binary", "too_short", "too_long", "incomplete"}
    assert sc.running and sc.state == ScannerState.CONNECTED


def test_double_emitting_scanner_counts_once(ptys, scanners, recorder) -> None:
    pty = ptys()
    sc = start(scanners, recorder, pty.path)
    recorder.wait_status(ScannerState.CONNECTED)
    pty.write(b"TWICE-1\r")
    pty.write(b"TWICE-1\r")
    pty.write(b"ONCE-2\r")
    assert recorder.texts(2) == ["TWICE-1", "ONCE-2"]
    assert recorder.no_scan(0.1)
    assert sc.stats.duplicates == 1


def test_unplug_and_replug_reconnects_and_keeps_scanning(ptys, scanners, recorder) -> None:
    first = ptys(link="scanner0")  # a stable name, like /dev/serial/by-id/usb-Honeywell_…
    sc = start(scanners, recorder, first.path)
    recorder.wait_status(ScannerState.CONNECTED)
    first.write(b"BEFORE-1\r")
    assert recorder.scan().text == "BEFORE-1"
    mark = recorder.mark
    first.write(b"HALF-A-CO")  # cut off by the unplug: must not become a scan
    time.sleep(0.02)
    first.unplug()
    down = recorder.wait_status(ScannerState.DISCONNECTED, after=mark)
    assert "scanner0" in down.reason or first.slave_path in down.reason or down.reason
    second = ptys(link="scanner0")  # plugged back in: a new pty behind the same name
    recorder.wait_status(ScannerState.CONNECTED, after=mark)
    second.write(b"AFTER-2\r")
    assert recorder.scan().text == "AFTER-2"
    assert [r.reason for r in recorder.drain_rejects()] == ["incomplete"]
    assert sc.stats.disconnects == 1 and sc.stats.connects == 2


def test_port_vanishing_without_an_error_is_noticed(ptys, scanners, recorder, tmp_path) -> None:
    pty = ptys(link="gone")
    start(scanners, recorder, pty.path)
    recorder.wait_status(ScannerState.CONNECTED)
    mark = recorder.mark
    (tmp_path / "gone").unlink()  # the device node disappears; the open fd still "works"
    status = recorder.wait_status(ScannerState.DISCONNECTED, after=mark)
    assert "vanished" in status.reason


def test_missing_port_is_retried_until_it_appears(ptys, scanners, recorder, tmp_path) -> None:
    link = tmp_path / "later"
    start(scanners, recorder, str(link))
    status = recorder.wait_status(ScannerState.DISCONNECTED)
    assert "plugged in" in status.reason
    pty = ptys(link="later")
    recorder.wait_status(ScannerState.CONNECTED)
    pty.write(b"LATE-1\r")
    assert recorder.scan().text == "LATE-1"


def test_second_reader_on_the_same_port_is_told_it_is_busy(ptys, scanners, recorder) -> None:
    from scanner_helpers import Recorder

    pty = ptys()
    start(scanners, recorder, pty.path)
    recorder.wait_status(ScannerState.CONNECTED)
    other = Recorder()
    start(scanners, other, pty.path)
    status = other.wait_status(ScannerState.ERROR)
    assert "busy" in status.reason


def test_stop_is_prompt_and_joins_the_thread(ptys, recorder) -> None:
    pty = ptys()
    sc = SerialScanner(pty.path, recorder.on_scan, recorder.on_status).start()
    recorder.wait_status(ScannerState.CONNECTED)
    started = time.monotonic()
    sc.stop()
    assert time.monotonic() - started < 1.0
    assert not sc.running and sc.state == ScannerState.STOPPED
    sc.stop()  # idempotent


def test_a_failing_callback_does_not_kill_the_reader(ptys, scanners, recorder) -> None:
    pty = ptys()
    calls = []

    def flaky(event):
        calls.append(event.text)
        if len(calls) == 1:
            raise RuntimeError("display crashed")
        recorder.on_scan(event)

    sc = SerialScanner(pty.path, flaky, recorder.on_status)
    scanners.append(sc)
    sc.start()
    recorder.wait_status(ScannerState.CONNECTED)
    pty.write(b"FIRST-1\r")
    pty.write(b"SECOND-2\r")
    assert recorder.scan().text == "SECOND-2"
    assert sc.stats.callback_errors == 1


def test_auto_follows_the_same_scanner_by_serial_number(ptys, scanners, recorder) -> None:
    first = ptys()
    listing: list[PortInfo] = []
    start(scanners, recorder, "auto", lister=lambda: list(listing))
    assert recorder.wait_status(ScannerState.SEARCHING)
    # hot-plug: a Honeywell appears, next to a generic adapter
    generic = ptys()
    listing[:] = [PortInfo(generic.path, vid=0x0403, pid=0x6001, serial_number="FTDI1"),
                  PortInfo(first.path, vid=0x0C2E, pid=0x0CAA, serial_number="HON-42",
                           product="Voyager 1200g")]
    connected = recorder.wait_status(ScannerState.CONNECTED, timeout=WAIT + 2)
    assert connected.port == first.path and connected.details["vid"] == "0c2e"
    first.write(b"AUTO-1\r")
    assert recorder.scan().text == "AUTO-1"
    mark = recorder.mark
    first.unplug()
    recorder.wait_status(ScannerState.DISCONNECTED, after=mark)
    # replugged under another name; the generic port is still there but it is not our scanner
    second = ptys()
    listing[:] = [PortInfo(generic.path, vid=0x0403, pid=0x6001, serial_number="FTDI1"),
                  PortInfo(second.path, vid=0x0C2E, pid=0x0CAA, serial_number="HON-42")]
    again = recorder.wait_status(ScannerState.CONNECTED, after=mark, timeout=WAIT + 2)
    assert again.port == second.path
    second.write(b"AUTO-2\r")
    assert recorder.scan().text == "AUTO-2"


def test_socket_url_reconnects_when_the_server_returns(scanners, recorder) -> None:
    server = socket.create_server(("127.0.0.1", 0))
    port = server.getsockname()[1]
    try:
        start(scanners, recorder, f"socket://127.0.0.1:{port}")
        conn, _ = server.accept()
        recorder.wait_status(ScannerState.CONNECTED)
        conn.sendall(b"NET-0001\r\n")
        assert recorder.scan().text == "NET-0001"
        mark = recorder.mark
        conn.close()
        recorder.wait_status(ScannerState.DISCONNECTED, after=mark)
        conn, _ = server.accept()  # the reader dials again by itself
        recorder.wait_status(ScannerState.CONNECTED, after=mark)
        conn.sendall(b"NET-0002\r")
        assert recorder.scan().text == "NET-0002"
        conn.close()
    finally:
        server.close()


def test_loop_url_is_accepted(scanners, recorder) -> None:
    sc = start(scanners, recorder, "loop://")
    recorder.wait_status(ScannerState.CONNECTED)
    deadline = time.monotonic() + WAIT
    while sc._serial is None and time.monotonic() < deadline:
        time.sleep(0.01)
    sc._serial.write(b"LOOPED-1\r")  # loop:// echoes what is written: the only way in
    assert recorder.scan().text == "LOOPED-1"


def test_specs_are_classified_and_bad_ones_refused() -> None:
    assert classify_spec("auto") == "auto" and classify_spec("AUTO") == "auto"
    assert classify_spec("/dev/ttyACM0") == "path" and classify_spec("COM3") == "path"
    assert classify_spec("hwgrep://0c2e") == "url" and classify_spec("socket://h:1") == "url"
    with pytest.raises(ScannerConfigError):
        classify_spec("ftp://nope")
    with pytest.raises(ScannerConfigError):
        classify_spec("  ")
    with pytest.raises(ScannerConfigError):
        SerialSettings(baudrate=0)
    with pytest.raises(ScannerConfigError):
        SerialSettings(parity="X")


def test_settings_from_the_station() -> None:
    station = {"scanner_baud": 115200, "scanner_idle_ms": 80, "duplicate_window_ms": 500}
    s = SerialSettings.from_station(station, parity="E", bytesize=None)
    assert (s.baudrate, s.idle_gap, s.dedupe_window, s.parity) == (115200, 0.08, 0.5, "E")
    assert SerialSettings.from_station({"scanner_idle_ms": 0}).idle_gap is None


def test_os_errors_become_plain_words() -> None:
    denied = fault_from_os_error(serial.SerialException(errno.EACCES, "could not open port"), "/dev/ttyACM0")
    assert isinstance(denied, PortPermissionDenied) and "dialout" in str(denied)
    locked = serial.SerialException(errno.EAGAIN, "Could not exclusively lock port")
    busy = fault_from_os_error(locked, "COM3")
    assert isinstance(busy, PortBusy) and "another program" in str(busy)
    assert isinstance(fault_from_os_error(OSError(errno.ENOENT, "x"), "/dev/x"), PortNotFound)
    assert isinstance(fault_from_os_error(OSError(errno.EIO, "x"), "/dev/x"), PortGone)


_DENIED = """
import sys, queue
from devices.events import ScannerState
from devices.serialport import SerialScanner
statuses = queue.Queue()
sc = SerialScanner(sys.argv[1], lambda e: None, statuses.put).start()
while True:
    status = statuses.get(timeout=10)
    if status.state is ScannerState.ERROR:
        print(status.reason)
        break
sc.stop()
"""


@pytest.mark.skipif(os.name != "posix", reason="POSIX file permissions")
def test_permission_denied_on_a_real_node(tmp_path) -> None:
    node = tmp_path / "ttyLOCKED"
    node.write_bytes(b"")
    node.chmod(0)
    command = [sys.executable, "-c", _DENIED, str(node)]
    if os.geteuid() == 0:
        # root opens any file: drop the capabilities that let it, for the real EACCES a desk laptop sees
        setpriv = shutil.which("setpriv")
        assert setpriv, "setpriv (util-linux) is needed to test permissions as root"
        command = [setpriv, "--bounding-set", "-dac_override,-dac_read_search", *command]
    proc = subprocess.run(command, capture_output=True, text=True, timeout=60, cwd=Path(__file__).resolve().parents[2])
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "dialout" in proc.stdout


def test_thread_count_returns_to_normal(ptys, recorder) -> None:
    before = threading.active_count()
    pty = ptys()
    sc = SerialScanner(pty.path, recorder.on_scan, recorder.on_status).start()
    recorder.wait_status(ScannerState.CONNECTED)
    sc.stop()
    assert threading.active_count() == before
