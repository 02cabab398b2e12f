"""The camera scanner's core (devices.camera): frames as plain pixel buffers, no Qt, no camera.

QR pictures are made with zxing-cpp's own writer and laid into frames byte by byte, so every frame
layout the GUI may hand over (grey, RGB, padded rows) is read here exactly as it would be.
"""

from __future__ import annotations

import threading
from typing import Any

import pytest
import zxingcpp

from devices.camera import CameraScanner, Detection, Frame, FrameDecoder, FrameError, ScanGate
from devices.events import ScanEvent


def qr_pixels(text: str, scale: int = 4) -> tuple[bytes, int, int]:
    view = memoryview(zxingcpp.create_barcode(text, zxingcpp.BarcodeFormat.QRCode).to_image(scale=scale))
    height, width = view.shape[:2]
    return bytes(view), width, height


def place(code: tuple[bytes, int, int], width: int, height: int, x: int, y: int, *, bpp: int = 1,
          pad: int = 0) -> bytes:
    """A ``width``×``height`` mid-grey frame with the QR at (x, y); ``pad`` bytes after each row."""
    pixels, cw, ch = code
    stride = width * bpp + pad
    frame = bytearray([150]) * (stride * height)
    for row in range(ch):
        line = pixels[row * cw:(row + 1) * cw]
        start = (y + row) * stride + x * bpp
        frame[start:start + cw * bpp] = bytes(b for v in line for b in (v,) * bpp)
    return bytes(frame)


def test_reads_text_and_corners_from_a_grey_frame_with_padded_rows() -> None:
    code = qr_pixels("MWC-ES-002")
    frame = place(code, 320, 240, 100, 60, pad=16)
    found = FrameDecoder().decode(frame, 320, 240, stride=336)
    assert [d.text for d in found] == ["MWC-ES-002"]
    (x0, y0), (x1, _), (_, y2), (_, y3) = found[0].corners
    # zxing's corners are the code's outer modules: inside the placed picture, past its quiet zone
    side = code[1]
    assert 100 <= x0 < 100 + side / 4 and 60 <= y0 < 60 + side / 4
    assert 100 + side * 3 / 4 < x1 <= 100 + side and 60 + side * 3 / 4 < y2 <= 60 + side
    assert abs(y2 - y3) < 3


@pytest.mark.parametrize("fmt", ["rgb", "bgr", "bgrx", "rgba"])
def test_reads_colour_frames(fmt: str) -> None:
    bpp = 3 if fmt in ("rgb", "bgr") else 4
    frame = place(qr_pixels("VD1-COLOUR"), 300, 200, 40, 30, bpp=bpp)
    assert [d.text for d in FrameDecoder().decode(Frame(frame, 300, 200, 0, fmt))] == ["VD1-COLOUR"]


def test_an_empty_frame_has_no_code() -> None:
    assert FrameDecoder().decode(bytes([128]) * (64 * 48), 64, 48) == []


@pytest.mark.parametrize(("data", "width", "height", "stride", "fmt", "words"), [
    (b"\0" * 10, 64, 48, 0, "lum", "needs 3072 bytes; got 10"),
    (b"\0" * 3072, 64, 48, 0, "yuv", "unknown pixel format 'yuv'"),
    (b"\0" * 3072, 0, 48, 0, "lum", "positive width and height"),
    (b"\0" * 9216, 64, 48, 100, "rgb", "needs 192 bytes; the stride is 100"),
])
def test_a_frame_that_does_not_fit_its_description_is_refused_in_words(
        data: bytes, width: int, height: int, stride: int, fmt: str, words: str) -> None:
    with pytest.raises(FrameError, match=words):
        FrameDecoder().decode(Frame(data, width, height, stride, fmt))


def seen(*texts: str) -> list[Detection]:
    return [Detection(t, ((0, 0), (1, 0), (1, 1), (0, 1))) for t in texts]


def test_a_code_held_in_view_is_one_scan() -> None:
    gate = ScanGate("camera", away_s=1.0, window_s=3.0)
    scans = [s for i in range(150) for s in gate.feed(seen("A"), i / 30)]  # 5 s at 30 frames a second
    assert [(s.text, s.monotonic, s.source) for s in scans] == [("A", 0.0, "camera")]
    assert gate.suppressed == 149


def test_a_hand_passing_over_the_code_does_not_scan_it_again() -> None:
    gate = ScanGate(away_s=1.0, window_s=3.0)
    times = [i / 30 for i in range(300)]
    hidden = {t for t in times if 4.0 <= t < 4.6}  # covered for 0.6 s, long after the scan
    scans = [s for t in times for s in gate.feed([] if t in hidden else seen("A"), t)]
    assert len(scans) == 1


def test_shown_again_after_leaving_the_picture_is_a_new_scan_but_not_within_the_window() -> None:
    gate = ScanGate(away_s=1.0, window_s=3.0)
    assert len(gate.feed(seen("A"), 0.0)) == 1
    assert gate.feed(seen("A"), 1.5) == []  # left for 1.5 s, but only 1.5 s after its scan
    assert gate.in_view(1.6) == ["A"]
    assert gate.in_view(2.6) == []
    again = gate.feed(seen("A"), 4.6)  # gone since 1.5 s, 4.6 s after the scan: shown again on purpose
    assert [s.text for s in again] == ["A"]


def test_repeat_timeout_counts_a_code_that_stays_in_view() -> None:
    gate = ScanGate(away_s=1.0, window_s=2.0, repeat_s=10.0)
    scans = [s for i in range(0, 2500) for s in gate.feed(seen("A"), i / 100)]  # 25 s in view
    assert [s.monotonic for s in scans] == [0.0, 10.0, 20.0]


def test_two_codes_in_one_frame_are_two_scans_and_a_repeat_within_a_frame_is_one() -> None:
    gate = ScanGate()
    assert [s.text for s in gate.feed(seen("A", "B", "A"), 0.0)] == ["A", "B"]
    assert gate.feed(seen("B", "A"), 0.1) == []


def test_gate_refuses_negative_times() -> None:
    with pytest.raises(ValueError, match="negative"):
        ScanGate(away_s=-1)


class Collect:
    def __init__(self) -> None:
        self.scans: list[ScanEvent] = []
        self.frames: list[Any] = []
        self.frame_done = threading.Event()

    def scan(self, event: ScanEvent) -> None:
        self.scans.append(event)

    def frame(self, result: Any) -> None:
        self.frames.append(result)
        self.frame_done.set()


def test_scanner_drops_frames_while_it_decodes_never_queues_them() -> None:
    got = Collect()
    code = qr_pixels("VD1-DROP")
    frame = Frame(place(code, 200, 160, 20, 20), 200, 160)
    entered, release = threading.Event(), threading.Event()

    def slow() -> Frame:  # the conversion a GUI does on the scanner's thread, held up here
        entered.set()
        assert release.wait(10)
        return frame

    scanner = CameraScanner(got.scan, on_frame=got.frame, source="camera:test").start()
    try:
        assert scanner.offer(slow)
        assert entered.wait(10)
        assert [scanner.offer(frame) for _ in range(5)] == [False] * 5  # busy: dropped
        release.set()
        assert got.frame_done.wait(10)
        assert [s.text for s in got.scans] == ["VD1-DROP"]
        assert got.scans[0].source == "camera:test" and got.scans[0].raw == b"VD1-DROP"
        assert (scanner.offered, scanner.dropped, scanner.stats.scans) == (6, 5, 1)
        got.frame_done.clear()
        # the next frame is taken again, and the same code still in view is no new scan
        assert scanner.wait_idle(10)
        assert scanner.offer(frame)
        assert got.frame_done.wait(10)
        assert len(got.scans) == 1 and got.frames[-1].detections[0].text == "VD1-DROP"
        assert got.frames[-1].scans == ()
    finally:
        scanner.stop()
    assert not scanner.running


def test_a_bad_frame_is_logged_and_the_scanner_goes_on() -> None:
    got = Collect()
    scanner = CameraScanner(got.scan, on_frame=got.frame).start()
    try:
        assert scanner.offer(Frame(b"\0" * 4, 64, 48))
        good = Frame(place(qr_pixels("VD1-AFTER"), 200, 160, 20, 20), 200, 160)
        assert scanner.wait_idle(10)
        assert scanner.offer(good)
        assert got.frame_done.wait(10)
        assert scanner.failed == 1 and [s.text for s in got.scans] == ["VD1-AFTER"]
    finally:
        scanner.stop()


def test_camera_scans_take_the_stations_verdict_path(station: Any) -> None:
    """A camera's ScanEvent goes to Station.scan like any scanner's: a badge checks in, a code that
    is no badge and no registration code is refused in the usual words."""
    token = station.issue_badge("MWC-ES-002").token
    decoder, gate = FrameDecoder(), ScanGate()
    events = []
    for t, text in enumerate([token, "hello, I am not a badge"]):
        detections = decoder.decode(place(qr_pixels(text, 3), 480, 360, 40, 40), 480, 360)
        events += gate.feed(detections, float(t))
    verdicts = [station.scan(e.raw or e.text, source=e.source) for e in events]
    assert len(verdicts) == 2 and verdicts[0].status == "ok"
    assert verdicts[0].attendee["code"] == "MWC-ES-002"
    assert not verdicts[1].ok and verdicts[1].status == "unknown"
