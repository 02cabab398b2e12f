"""A camera as a scanner: QR codes read from video frames with zxing-cpp (Qt-free).

The GUI (:mod:`ui.camera`) owns the camera and hands each frame to a :class:`CameraScanner`;
everything here works on plain pixel buffers, so the same code runs headless in tests:

* :class:`FrameDecoder` reads the QR codes of one frame — a buffer with ``width``, ``height``,
  ``stride`` and a pixel format (grey, RGB, BGR, RGBA, BGRA…), or a numpy array — and returns each
  code's text and its four corners in frame pixels (for the preview's outline).
* :class:`ScanGate` turns per-frame sightings into scans. A camera sees the same badge in every
  frame for as long as it is held up; only its first sighting is a scan. The same code becomes a
  new scan only after it has been out of the picture for ``away_s`` seconds *and* ``window_s`` has
  passed since its last scan — so a hand passing over the code (a few frames without it) or a
  badge taken away and shown again at once is not scanned twice. ``repeat_s`` (0: never) lets a
  code that stays in view count again after that long.
* :class:`CameraScanner` is a :class:`~devices.base.BaseScanner` (same thread, callbacks, stats
  and stop as the serial readers): :meth:`CameraScanner.offer` hands it a frame; while it is still
  decoding the previous one the new frame is dropped, never queued, so the verdict is always about
  what is in front of the camera now. Scans go to ``on_scan`` as :class:`~devices.events.ScanEvent`
  (the same verdict path as every scanner); every decoded frame goes to ``on_frame`` as a
  :class:`FrameResult`.

Decoding never guesses: zxing-cpp returns a QR code only when its Reed-Solomon check passes, so a
partly covered or glared code is either read whole or not at all.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from devices.base import BaseScanner
from devices.errors import DeviceError, DeviceFault
from devices.events import RejectCallback, ScanCallback, ScanEvent, ScannerState, StatusCallback

__all__ = [
    "FORMATS",
    "CameraScanner",
    "Detection",
    "Frame",
    "FrameCallback",
    "FrameDecoder",
    "FrameError",
    "FrameResult",
    "NoCamera",
    "ScanGate",
]

log = logging.getLogger(__name__)

#: pixel formats a frame may have, with their bytes per pixel
FORMATS: dict[str, int] = {"lum": 1, "rgb": 3, "bgr": 3, "rgba": 4, "rgbx": 4, "bgra": 4, "bgrx": 4,
                           "argb": 4, "xrgb": 4, "abgr": 4}
_ZXING_FORMAT = {"lum": "Lum", "rgb": "RGB", "bgr": "BGR", "rgba": "RGBA", "rgbx": "RGBA", "bgra": "BGRA",
                 "bgrx": "BGRA", "argb": "ARGB", "xrgb": "ARGB", "abgr": "ABGR"}


class FrameError(DeviceError, ValueError):
    """A frame that cannot be read: wrong size for its buffer, unknown pixel format."""


class NoCamera(DeviceFault):
    """No camera is connected, or not the one chosen in station setup."""


@dataclass(frozen=True, slots=True)
class Frame:
    """One video frame as plain pixels. ``stride`` is bytes per row (0: tightly packed)."""

    data: Any  # bytes, bytearray, memoryview, or a numpy array (then width/height may be 0)
    width: int = 0
    height: int = 0
    stride: int = 0
    format: str = "lum"
    #: :func:`time.perf_counter` when the frame was handed over (latency is measured from here)
    received: float = 0.0
    #: anything the caller wants back with the result (the GUI keeps its preview image here)
    tag: Any = None


@dataclass(frozen=True, slots=True)
class Detection:
    """A code read in a frame: its text and its corners (top-left, top-right, bottom-right,
    bottom-left of the code as printed, in frame pixels; rotated with the code)."""

    text: str
    corners: tuple[tuple[float, float], ...]
    format: str = "QRCode"

    def scaled(self, sx: float, sy: float) -> Detection:
        return Detection(self.text, tuple((x * sx, y * sy) for x, y in self.corners), self.format)


@dataclass(frozen=True, slots=True)
class FrameResult:
    """What one decoded frame held: every code in it and the scans it produced."""

    width: int
    height: int
    detections: tuple[Detection, ...]
    scans: tuple[ScanEvent, ...]
    decode_ms: float
    received: float
    tag: Any = None


FrameCallback = Callable[[FrameResult], None]


class FrameDecoder:
    """Reads QR codes from frames (``formats``: zxing-cpp format names, QR only by default: with
    every format on, a striped shirt now and then reads as a 1D barcode)."""

    def __init__(self, formats: tuple[str, ...] = ("QRCode",), *, try_invert: bool = False) -> None:
        import zxingcpp  # imported here: the rest of devices works without it

        self._zx = zxingcpp
        try:
            self._formats = zxingcpp.barcode_formats_from_str(",".join(formats))
        except ValueError as exc:
            raise DeviceError(f"unknown code format in {formats!r}: {exc}") from exc
        # badges are dark on light; inverted codes cost a second pass per frame for nothing
        self._invert = try_invert

    def decode(self, frame: Frame | Any, width: int = 0, height: int = 0, *, stride: int = 0,
               format: str = "lum") -> list[Detection]:
        """Every code in the frame. ``frame`` is a :class:`Frame`, a numpy array (grey ``H×W`` or
        ``H×W×3`` BGR), or a buffer described by ``width``, ``height``, ``stride`` and ``format``."""
        if not isinstance(frame, Frame):
            frame = Frame(frame, width, height, stride, format)
        image = self._image(frame)
        try:
            found = self._zx.read_barcodes(image, formats=self._formats, try_invert=self._invert)
        except (ValueError, TypeError, RuntimeError) as exc:
            raise FrameError(f"the frame cannot be read: {exc}") from exc
        out = []
        for code in found:
            if not code.valid or not code.text:
                continue
            p = code.position
            corners = tuple((float(pt.x), float(pt.y))
                            for pt in (p.top_left, p.top_right, p.bottom_right, p.bottom_left))
            out.append(Detection(code.text, corners, code.format.name))
        return out

    def _image(self, frame: Frame) -> Any:
        data = frame.data
        if hasattr(data, "shape") and not frame.width:
            return data  # a numpy array: zxing-cpp reads its shape and strides itself
        fmt = frame.format.lower()
        if fmt not in FORMATS:
            raise FrameError(f"unknown pixel format {frame.format!r} (one of {', '.join(FORMATS)})")
        width, height = frame.width, frame.height
        if width <= 0 or height <= 0:
            raise FrameError(f"a frame needs a positive width and height, not {width}×{height}")
        bpp = FORMATS[fmt]
        stride = frame.stride or width * bpp
        if stride < width * bpp:
            raise FrameError(f"a row of {width} {fmt} pixels needs {width * bpp} bytes; the stride is {stride}")
        view = memoryview(data).cast("B")
        needed = stride * (height - 1) + width * bpp
        if view.nbytes < needed:
            raise FrameError(f"a {width}×{height} {fmt} frame needs {needed} bytes; got {view.nbytes}")
        return self._zx.ImageView(view, width, height, getattr(self._zx.ImageFormat, _ZXING_FORMAT[fmt]), stride)


@dataclass
class _Seen:
    first: float
    last: float
    scanned: float


@dataclass
class ScanGate:
    """Decides which sightings are scans (see the module docstring). Times are :func:`time.monotonic`."""

    source: str = "camera"
    away_s: float = 1.0  # out of the picture this long: it has left
    window_s: float = 3.0  # never two scans of one code closer than this
    repeat_s: float = 0.0  # a code that stays in view counts again after this long (0: never)
    _seen: dict[str, _Seen] = field(default_factory=dict)
    suppressed: int = 0

    def __post_init__(self) -> None:
        if self.away_s < 0 or self.window_s < 0 or self.repeat_s < 0:
            raise ValueError("away_s, window_s and repeat_s cannot be negative")

    def feed(self, detections: list[Detection] | tuple[Detection, ...], now: float) -> list[ScanEvent]:
        """The codes of one frame taken at ``now``; returns the new scans among them."""
        scans: list[ScanEvent] = []
        for text in dict.fromkeys(d.text.strip() for d in detections):  # once per frame, in order
            if not text:
                continue
            seen = self._seen.get(text)
            if seen is None:
                new = True
            else:
                left = now - seen.last >= self.away_s
                new = (left or (self.repeat_s > 0 and now - seen.scanned >= self.repeat_s)) \
                    and now - seen.scanned >= self.window_s
            if new:
                self._seen[text] = _Seen(now, now, now)
                scans.append(ScanEvent(self.source, text.encode("utf-8"), text, now))
            else:
                assert seen is not None
                seen.last = now
                self.suppressed += 1
        self._prune(now)
        return scans

    def in_view(self, now: float) -> list[str]:
        """Codes seen less than ``away_s`` ago."""
        return [t for t, s in self._seen.items() if now - s.last < self.away_s]

    def clear(self) -> None:
        self._seen.clear()

    def _prune(self, now: float) -> None:
        keep = max(self.away_s, self.window_s, self.repeat_s) + 1.0
        if len(self._seen) > 64:
            self._seen = {t: s for t, s in self._seen.items() if now - s.last < keep}


class CameraScanner(BaseScanner):
    """Decodes frames on its own thread, one at a time; see :meth:`offer`.

    ``on_frame`` gets every decoded frame's :class:`FrameResult` (for the preview), ``on_scan`` each
    new scan; both on the scanner's thread, like every scanner's callbacks.
    """

    def __init__(self, on_scan: ScanCallback, on_status: StatusCallback | None = None,
                 on_reject: RejectCallback | None = None, *, on_frame: FrameCallback | None = None,
                 source: str = "camera", decoder: FrameDecoder | None = None, gate: ScanGate | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(source, on_scan, on_status, on_reject)
        self.decoder = decoder or FrameDecoder()
        self.gate = gate or ScanGate(source)
        self._on_frame = on_frame
        self._clock = clock
        self._slot: Callable[[], Frame | None] | Frame | None = None
        self._busy = False
        self._ready = threading.Condition()
        self.offered = 0
        self.dropped = 0
        self.decoded = 0
        self.failed = 0

    def offer(self, frame: Frame | Callable[[], Frame | None]) -> bool:
        """Hand over a frame, or a function that makes one on the scanner's thread (the GUI passes
        the conversion of its video frame, so that too stays off the GUI thread). False when the
        previous frame is still being decoded: this one is dropped."""
        with self._ready:
            self.offered += 1
            if self._busy or self._slot is not None or self.stopping:
                self.dropped += 1
                return False
            self._slot = frame
            self._busy = True
            self._ready.notify()
            return True

    @property
    def busy(self) -> bool:
        return self._busy

    def reset(self) -> None:
        """Forget which codes were seen (the camera was switched off and on)."""
        self.gate.clear()

    def _wake(self) -> None:
        with self._ready:
            self._ready.notify_all()

    def _main(self) -> None:
        self._set_state(ScannerState.CONNECTED)
        while not self.stopping:
            with self._ready:
                while self._slot is None and not self.stopping:
                    self._ready.wait(0.5)
                job, self._slot = self._slot, None
            if job is None:
                continue
            try:
                self._decode(job)
            finally:
                with self._ready:
                    self._busy = False
                    self._ready.notify_all()

    def wait_idle(self, timeout: float) -> bool:
        """Block until no frame is being decoded (tests, shutdown); False on timeout."""
        with self._ready:
            return self._ready.wait_for(lambda: not self._busy, timeout)

    def _decode(self, job: Frame | Callable[[], Frame | None]) -> None:
        try:
            frame = job() if callable(job) else job
            if frame is None:
                return
            started = time.perf_counter()
            detections = self.decoder.decode(frame)
            decode_ms = (time.perf_counter() - started) * 1000
        except FrameError as exc:
            self.failed += 1
            log.warning("camera %s: %s", self.source, exc)
            return
        self.decoded += 1
        width, height = frame.width, frame.height
        if not width and hasattr(frame.data, "shape"):
            height, width = frame.data.shape[:2]
        scans = self.gate.feed(detections, self._clock())
        self._deliver(scans)
        self._call(self._on_frame, FrameResult(width, height, tuple(detections), tuple(scans),
                                               decode_ms, frame.received or started, frame.tag))
