"""The sim:// scanner and the open_scanner factory."""

from __future__ import annotations

import itertools

import pytest

from devices.errors import ScannerConfigError
from devices.events import ScannerState
from devices.factory import open_scanner
from devices.serialport import SerialScanner
from devices.simulator import SimulatedScanner, parse_sim_spec


def sim(scanners, recorder, spec: str) -> SimulatedScanner:
    sc = open_scanner(spec, recorder.on_scan, recorder.on_status, recorder.on_reject)
    scanners.append(sc)
    assert isinstance(sc, SimulatedScanner)
    return sc


def test_emits_codes_at_the_rate(scanners, recorder) -> None:
    sc = sim(scanners, recorder, "sim://?rate=50&code=A-001,A-002,A-003")
    recorder.wait_status(ScannerState.CONNECTED)
    events = [recorder.scan() for _ in range(3)]
    assert [e.text for e in events] == ["A-001", "A-002", "A-003"]
    assert recorder.no_scan(0.3)  # the loop repeats them within a second: duplicates, counted once
    assert sc.stats.duplicates >= 3
    gaps = [b.monotonic - a.monotonic for a, b in itertools.pairwise(events)]
    assert all(0.01 < g < 0.2 for g in gaps)


def test_codes_file_order_and_count(scanners, recorder, tmp_path) -> None:
    codes = tmp_path / "codes.txt"
    codes.write_text("# demo badges\nBADGE-1\n\nBADGE-2\nBADGE-3\n", "utf-8")
    sc = sim(scanners, recorder, f"sim://desk?rate=100&codes={codes}&count=2")
    assert recorder.texts(2) == ["BADGE-1", "BADGE-2"]
    assert recorder.no_scan(0.1) and sc.emitted == 2 and sc.source == "sim://desk"


def test_noise_and_partial_frames_are_rejected_codes_still_arrive(scanners, recorder) -> None:
    sim(scanners, recorder, "sim://?rate=40&code=N-001,N-002,N-003&noise=1&partial=1&seed=3&loop=0")
    assert recorder.texts(3) == ["N-001", "N-002", "N-003"]
    reasons = sorted(r.reason for r in recorder.drain_rejects())
    # the first half-code comes before the scanner is known to end codes with CR: too short then
    assert reasons == ["binary"] * 3 + ["incomplete"] * 2 + ["too_short"]


def test_double_sends_are_suppressed(scanners, recorder) -> None:
    sc = sim(scanners, recorder, "sim://?rate=50&code=D-001,D-002&duplicate=1&loop=0")
    assert recorder.texts(2) == ["D-001", "D-002"]
    assert recorder.no_scan(0.1) and sc.stats.duplicates == 2


def test_unplug_and_replug(scanners, recorder) -> None:
    sim(scanners, recorder, "sim://?rate=50&unplug_after=0.15&replug_after=0.1")
    recorder.wait_status(ScannerState.CONNECTED)
    mark = recorder.mark
    assert recorder.wait_status(ScannerState.DISCONNECTED, after=mark).reason == "simulated unplug"
    recorder.wait_status(ScannerState.CONNECTED, after=mark + 1)
    recorder.scan()  # and it scans again


def test_silence(scanners, recorder) -> None:
    sim(scanners, recorder, "sim://?rate=50&silence_after=0&silence_for=0.3")
    assert recorder.no_scan(0.2)
    recorder.scan()


@pytest.mark.parametrize("spec, words", [
    ("sim://?rate=abc", "not a number"),
    ("sim://?noise=2", "between"),
    ("sim://?bogus=1", "unknown option"),
    ("sim://?suffix=semicolon", "suffix"),
    ("sim://?codes=/nonexistent/codes.txt", "cannot read"),
])
def test_bad_specs_say_what_is_wrong(spec: str, words: str) -> None:
    with pytest.raises(ScannerConfigError, match=words):
        parse_sim_spec(spec)


def test_factory_dispatch(scanners, recorder, tmp_path) -> None:
    with pytest.raises(ScannerConfigError, match="keyboard"):
        open_scanner("keyboard", recorder.on_scan)
    with pytest.raises(ScannerConfigError, match="scheme"):
        open_scanner("gopher://x", recorder.on_scan)
    serial_one = open_scanner(str(tmp_path / "none"), recorder.on_scan, start=False)
    assert isinstance(serial_one, SerialScanner) and not serial_one.running
    serial_one.stop()
    plain = open_scanner("sim", recorder.on_scan, start=False)
    assert isinstance(plain, SimulatedScanner)
