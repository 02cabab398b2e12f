"""Scanners in USB "HID POS" mode, read through hidapi: whole codes in reports, no keystrokes.

A scanner switched to HID POS ("USB HID POS", "HID Bar Code Scanner"; Honeywell, Zebra, Datalogic,
Newland all offer it) is a HID device of the Bar Code Scanner usage page (0x8C), application
collection Bar Code Scanner (usage 0x02). It is not a keyboard: no window ever sees its codes, and
a code arrives as data, so there is no keystroke timing and no keyboard layout to guess.

Scanned Data Report
-------------------
The layout decoded here is the one in the appendix of the USB "HID Point of Sale Usage Tables"
1.02 (pos1_02.pdf, usage 0x8C:0x12 "Scanned Data Report"), which the makers above implement
(64 bytes, report id 2, as hidapi returns it: the report id is the first byte)::

    byte 0        report id, 0x02
    byte 1        number of data bytes in THIS report (0..56)
    bytes 2..4    symbology identifiers 1..3 (AIM identifier, e.g. b"]Q1" for QR Code)
    bytes 5..60   decoded data, 56 bytes, the first ``length`` of them valid
    bytes 61..62  vendor specific (Honeywell: its own code id), ignored
    byte 63       bit 0 "Decoded Data Continued": more of this code follows in the next report

A code longer than 56 bytes comes as several reports, all but the last with the continued bit.
The data are bytes: UTF-8 when valid (a QR code with Chinese text), else Windows-1252.

* :class:`ReportDecoder` (pure) turns reports into codes and rejections (bad report id, short
  report, impossible length, a code cut off, too long): each rejection carries its raw bytes.
* :func:`find_hidpos` lists HID devices with usage page 0x8C (needs the ``hidapi`` package and
  read access to the device: on Linux a udev rule for ``/dev/hidraw*``).
* :class:`HidPosScanner` is a reader like the evdev one (``hidpos://auto`` or
  ``hidpos:///dev/hidraw3``): it finds the device, reads it, follows unplug and replug.
"""

from __future__ import annotations

import contextlib
import logging
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from types import ModuleType
from typing import Any

from devices.base import DeviceReader
from devices.events import (
    RejectCallback,
    RejectedFrame,
    ScanCallback,
    ScanEvent,
    StatusCallback,
)
from devices.framing import REASONS, decode_frame, non_text_ratio

__all__ = ["HIDPOS_SCHEME", "USAGE_PAGE_BARCODE", "FoundHidPos", "HidPosScanner", "ReportDecoder", "find_hidpos"]

log = logging.getLogger(__name__)

HIDPOS_SCHEME = "hidpos"

#: HID usage page "Bar Code Scanner" and its application collection "Bar Code Scanner"
USAGE_PAGE_BARCODE = 0x8C
USAGE_BARCODE_SCANNER = 0x02

REPORT_ID = 0x02
REPORT_SIZE = 64
_LENGTH, _SYMBOLOGY, _DATA, _CONTINUED = 1, 2, 5, 63
DATA_MAX = 56  # bytes 5..60
_HEADER = _DATA  # a report must hold at least its header to be read at all

_MAKERS = {0x0C2E: "Honeywell", 0x1EAB: "Newland", 0x05E0: "Zebra", 0x05F9: "Datalogic"}
_SAMPLE = 64  # bytes of a rejected report kept for diagnostics


class ReportDecoder:
    """Scanned Data Reports of one device → codes (pure logic, one per device).

    ``stale_after``: a code announced as continued whose next report does not come within this
    many seconds is rejected as cut off (a scanner unplugged mid-code)."""

    def __init__(self, source: str, *, max_length: int = 4096, stale_after: float = 1.0,
                 binary_threshold: float = 0.2) -> None:
        self.source = source
        self.max_length = max_length
        self.stale_after = stale_after
        self.binary_threshold = binary_threshold
        self._parts: list[bytes] = []
        self._size = 0
        self._overflow = False
        self._last = 0.0
        #: AIM symbology identifier of the last code (e.g. "]Q1"), "" when the scanner sends none
        self.last_symbology = ""

    @property
    def pending(self) -> bytes:
        return b"".join(self._parts)

    def feed(self, report: bytes | Iterable[int], t: float) -> list[ScanEvent | RejectedFrame]:
        """One input report as read (report id first) at time ``t``."""
        raw = bytes(report)
        out: list[ScanEvent | RejectedFrame] = []
        stale = self.poll(t)
        if stale is not None:
            out.append(stale)
        if not raw:
            return out
        if raw[0] != REPORT_ID:
            out.append(self._reject("binary", f"the scanner sent a report that is not scanned data "
                                              f"(report id {raw[0]}, expected {REPORT_ID})", raw, t))
            return out
        if len(raw) < _HEADER:
            out.append(self._reject("too_short", f"the scanner sent a report of {len(raw)} bytes, too short to "
                                                 f"hold a code", raw, t))
            return out
        length = raw[_LENGTH]
        if length > DATA_MAX or _DATA + length > len(raw):
            out.append(self._reject("binary", f"the scanner sent a report announcing {length} data bytes "
                                              f"(at most {min(DATA_MAX, max(0, len(raw) - _DATA))} fit)", raw, t))
            # a bad report in the middle of a code spoils the code: reject it too, with its bytes
            if self._parts:
                out.append(self._flush_incomplete(t))
            return out
        symbology = raw[_SYMBOLOGY:_DATA].rstrip(b"\x00")
        continued = len(raw) > _CONTINUED and bool(raw[_CONTINUED] & 0x01)
        data = raw[_DATA:_DATA + length]
        self._last = t
        if self._size + len(data) > self.max_length:
            self._overflow = True
        if not self._overflow:
            self._parts.append(data)
        self._size += len(data)
        if continued:
            return out
        out.extend(self._emit(t, symbology))
        return out

    def poll(self, t: float) -> RejectedFrame | None:
        """A continued code whose next report is overdue at ``t``, rejected as cut off."""
        if (self._parts or self._overflow) and t - self._last > self.stale_after:
            return self._flush_incomplete(t)
        return None

    def flush(self, t: float) -> RejectedFrame | None:
        """The device went away: whatever was pending is a code cut off."""
        if self._parts or self._overflow:
            return self._flush_incomplete(t)
        return None

    def _flush_incomplete(self, t: float) -> RejectedFrame:
        raw, size = self.pending, self._size
        self._reset()
        return RejectedFrame(self.source, "incomplete", REASONS["incomplete"], raw[:_SAMPLE], size, t)

    def _emit(self, t: float, symbology: bytes) -> list[ScanEvent | RejectedFrame]:
        raw, size, overflow = self.pending, self._size, self._overflow
        self._reset()
        if overflow:
            return [RejectedFrame(self.source, "too_long", REASONS["too_long"].format(limit=self.max_length),
                                  raw[:_SAMPLE], size, t)]
        if non_text_ratio(raw) > self.binary_threshold:
            return [RejectedFrame(self.source, "binary", REASONS["binary"], raw[:_SAMPLE], size, t)]
        text = decode_frame(raw)
        if not text:
            return []  # an empty report (some scanners send one after a code): nothing to say
        self.last_symbology = symbology.decode("ascii", errors="replace")
        return [ScanEvent(self.source, raw, text, t)]

    def _reject(self, reason: str, message: str, raw: bytes, t: float) -> RejectedFrame:
        return RejectedFrame(self.source, reason, message, raw[:_SAMPLE], len(raw), t)

    def _reset(self) -> None:
        self._parts = []
        self._size = 0
        self._overflow = False


@dataclass(frozen=True)
class FoundHidPos:
    path: str
    name: str
    vendor: int
    product: int
    maker: str
    serial: str = ""


def _hid_module() -> ModuleType:
    """hidapi's module: on Linux its hidraw back-end (``/dev/hidrawN``, the kernel's own node: the
    usbhid driver stays bound), elsewhere the platform one. Raises ImportError without hidapi."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(ImportError):
            import hidraw

            return hidraw
    import hid

    return hid


def _text(value: Any) -> str:
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    return str(value or "")


def find_hidpos(enumerate_: Callable[[], Iterable[dict[str, Any]]] | None = None) -> list[FoundHidPos]:
    """HID devices (top-level collections) with the Bar Code Scanner usage page 0x8C. Empty
    without hidapi or without access to the devices."""
    if enumerate_ is None:
        try:
            module = _hid_module()
        except ImportError:
            return []
        enumerate_ = module.enumerate
    try:
        infos = list(enumerate_())
    except OSError as exc:  # no access to the bus: nothing to offer, not an error of the caller
        log.info("HID enumeration failed: %s", exc)
        return []
    found: dict[str, tuple[int, FoundHidPos]] = {}
    for info in infos:
        path = _text(info.get("path"))
        if info.get("usage_page") != USAGE_PAGE_BARCODE or not path:
            continue
        vendor, product = int(info.get("vendor_id") or 0), int(info.get("product_id") or 0)
        maker = _MAKERS.get(vendor) or _text(info.get("manufacturer_string")) or f"vendor {vendor:04x}"
        name = _text(info.get("product_string")) or f"{vendor:04x}:{product:04x}"
        # the scanner collection itself (usage 0x02) before badge readers and the rest
        rank = 0 if info.get("usage") == USAGE_BARCODE_SCANNER else 1
        if path not in found or rank < found[path][0]:
            found[path] = (rank, FoundHidPos(path, name, vendor, product, maker, _text(info.get("serial_number"))))
    return [device for _rank, device in sorted(found.values(), key=lambda item: item[0])]


def _open_path(path: str) -> Any:
    device = _hid_module().device()
    device.open_path(path.encode())  # raises OSError ("open failed") for a missing or forbidden device
    return device


class HidPosScanner(DeviceReader):
    """Reads one HID POS scanner; ``spec``: ``hidpos://auto`` or ``hidpos://PATH`` (hidapi's path,
    ``/dev/hidrawN`` on Linux). ``opener``/``finder`` are injectable (tests without a USB device);
    by default hidapi opens the device and :func:`find_hidpos` finds it."""

    NOT_FOUND = "no HID POS scanner found"
    MISSING = "the hidapi package is not installed"
    OPEN_HINT = " (unplugged, or no permission: a udev rule for hidraw)"
    #: a blocking read returns at least this often, so stop() is answered within it
    READ_TIMEOUT_MS = 100

    def __init__(self, spec: str, on_scan: ScanCallback, on_status: StatusCallback | None = None,
                 on_reject: RejectCallback | None = None, *, source: str | None = None,
                 opener: Callable[[str], Any] = _open_path,
                 finder: Callable[[], list[FoundHidPos]] = find_hidpos) -> None:
        target = spec.split("://", 1)[1] if "://" in spec else spec
        self.target = target or "auto"
        super().__init__(source or f"{HIDPOS_SCHEME}:{self.target}", on_scan, on_status, on_reject)
        self.decoder = ReportDecoder(self.source)
        self._opener = opener
        self._finder = finder

    def _open_device(self, path: str) -> Any:
        return self._opener(path)

    def _cut_off(self) -> None:
        cut = self.decoder.flush(time.monotonic())  # reported as incomplete, never judged
        if cut is not None:
            self._deliver([cut])

    def _read(self, device: Any) -> None:
        while not self.stopping:
            report = device.read(REPORT_SIZE, self.READ_TIMEOUT_MS)  # [] on timeout, OSError when unplugged
            now = time.monotonic()
            if report:
                self._deliver(self.decoder.feed(report, now))
            else:
                stale = self.decoder.poll(now)
                if stale is not None:
                    self._deliver([stale])
