"""Find serial ports and guess which ones are barcode scanners.

:func:`list_ports` wraps :func:`serial.tools.list_ports.comports` into :class:`PortInfo` records
(USB vendor/product ids, serial number, manufacturer, product). :func:`rank_ports` orders the
candidates for ``auto``: known scanner vendors first, then ports whose USB strings say "scanner",
then plain USB-serial adapters (RS-232 scanners behind an FTDI/Prolific cable are common at desks).
Built-in ``ttyS*`` ports without USB ids are never chosen by ``auto``.

:class:`PortWatcher` rescans periodically and reports ports that appear or vanish (hot-plug);
pyserial has no notification API, and a one-second poll of ``/sys`` is cheap.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from typing import Any

__all__ = [
    "GENERIC_USB_SERIAL",
    "KNOWN_SCANNER_VENDORS",
    "PortInfo",
    "PortLister",
    "PortWatcher",
    "Vendor",
    "choose_port",
    "list_ports",
    "looks_like_scanner",
    "rank_ports",
    "scanner_score",
]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Vendor:
    name: str
    verified: bool  # the id was checked against a source (see the comment of the table)


# USB vendor ids of barcode scanner makers, checked against usb.ids-derived tables and manuals:
#   0x0C2E "Metrologic Instruments" in usb.ids-derived tables; Honeywell scanners (Voyager 1200g,
#          Xenon 1900, CM4680SR) enumerate with it; the product id changes with the USB mode.
#   0x05E0 "Symbol Technologies" (usb.ids; Symbol → Motorola Solutions → Zebra; DS4308 uses it).
#   0x05F9 "PSC Scanning, Inc." (usb.ids; PSC became Datalogic Scanning; QuickScan uses it).
#   0x1EAB Newland: "The Newland vendor ID (VID) is 1EAB (hex)" in the NLS-FM420 integration guide.
#   0x065A "Optoelectronics Co., Ltd" (usb.ids) — the Japanese maker selling as Opticon.
#   0x067E "Intermec Technologies Corp." (usb.ids; Intermec is now part of Honeywell).
# Not verified (commonly cited, no primary source found): 0x2745 for Unitech.
KNOWN_SCANNER_VENDORS: dict[int, Vendor] = {
    0x0C2E: Vendor("Honeywell (Metrologic)", True),
    0x05E0: Vendor("Zebra (Symbol)", True),
    0x05F9: Vendor("Datalogic (PSC)", True),
    0x1EAB: Vendor("Newland", True),
    0x065A: Vendor("Opticon (Optoelectronics)", True),
    0x067E: Vendor("Intermec", True),
    0x2745: Vendor("Unitech", False),
}

# USB-to-serial bridge chips: an RS-232 scanner on an adapter cable shows up as one of these.
GENERIC_USB_SERIAL: dict[int, str] = {
    0x0403: "FTDI",
    0x067B: "Prolific",
    0x10C4: "Silicon Labs",
    0x1A86: "QinHeng (CH340)",
}

_SCANNER_WORDS = re.compile(r"scan|barcode|bar code|imager|voyager|xenon|granit|hyperion|symbol|"
                            r"zebra|datalogic|honeywell|metrologic|newland|opticon|unitech", re.IGNORECASE)


@dataclass(frozen=True)
class PortInfo:
    """One serial port as the operating system describes it."""

    device: str
    name: str = ""
    description: str = ""
    hwid: str = ""
    vid: int | None = None
    pid: int | None = None
    serial_number: str | None = None
    manufacturer: str | None = None
    product: str | None = None
    location: str | None = None
    interface: str | None = None

    @classmethod
    def from_pyserial(cls, info: Any) -> PortInfo:
        return cls(
            device=info.device,
            name=info.name or "",
            description=info.description or "",
            hwid=info.hwid or "",
            vid=info.vid,
            pid=info.pid,
            serial_number=info.serial_number,
            manufacturer=info.manufacturer,
            product=info.product,
            location=info.location,
            interface=info.interface,
        )

    @property
    def vendor(self) -> str | None:
        """The scanner maker, the adapter chip maker, or the USB manufacturer string."""
        if self.vid in KNOWN_SCANNER_VENDORS:
            return KNOWN_SCANNER_VENDORS[self.vid].name
        if self.vid in GENERIC_USB_SERIAL:
            return GENERIC_USB_SERIAL[self.vid]
        return self.manufacturer

    @property
    def is_usb(self) -> bool:
        return self.vid is not None

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["vid"] = f"{self.vid:04x}" if self.vid is not None else None
        data["pid"] = f"{self.pid:04x}" if self.pid is not None else None
        data["vendor"] = self.vendor
        data["looks_like_scanner"] = looks_like_scanner(self)
        data["score"] = scanner_score(self)
        return data


PortLister = Callable[[], Iterable[PortInfo]]


def list_ports() -> list[PortInfo]:
    """All serial ports pyserial can see, sorted by device name."""
    from serial.tools import list_ports as pyserial_list_ports  # lazily: importing scans nothing

    try:
        found = pyserial_list_ports.comports()
    except OSError as exc:  # /sys unreadable in a sandbox: no ports rather than a crash
        log.warning("cannot list serial ports: %s", exc)
        return []
    return sorted((PortInfo.from_pyserial(p) for p in found), key=lambda p: p.device)


def scanner_score(port: PortInfo) -> int:
    """How likely ``port`` is a barcode scanner: 0 (never auto-pick) to 100."""
    words = " ".join(filter(None, (port.manufacturer, port.product, port.description, port.interface)))
    mentions = bool(_SCANNER_WORDS.search(words))
    if port.vid in KNOWN_SCANNER_VENDORS:
        return 100 if mentions else 90
    if mentions:
        return 60
    if port.vid in GENERIC_USB_SERIAL:
        return 20
    if port.vid is not None and port.device.rsplit("/", 1)[-1].startswith("ttyACM"):
        return 10  # some CDC-ACM device of unknown make; better than nothing, after everything else
    return 0


def looks_like_scanner(port: PortInfo) -> bool:
    """True when the USB ids or strings point to a barcode scanner maker or model."""
    return scanner_score(port) >= 60


def rank_ports(ports: Iterable[PortInfo]) -> list[PortInfo]:
    """Candidates for ``auto``, best first (score, then device name for a stable order)."""
    scored = [(scanner_score(p), p) for p in ports]
    return [p for s, p in sorted(scored, key=lambda sp: (-sp[0], sp[1].device)) if s > 0]


def choose_port(ports: Iterable[PortInfo], *, serial_number: str | None = None) -> PortInfo | None:
    """The port ``auto`` should open: the scanner with ``serial_number`` when it is present (the same
    physical scanner after a replug, whatever its new device name), else the best-ranked one."""
    ports = list(ports)
    if serial_number:
        for port in ports:
            if port.serial_number == serial_number:
                return port
    ranked = rank_ports(ports)
    return ranked[0] if ranked else None


class PortWatcher:
    """Rescans the ports every ``interval`` seconds on a thread; reports additions and removals.

    ``on_change(added, removed)`` runs on the watcher thread.
    """

    def __init__(self, on_change: Callable[[list[PortInfo], list[PortInfo]], None], *,
                 interval: float = 1.0, lister: PortLister = list_ports) -> None:
        self._on_change = on_change
        self.interval = interval
        self._lister = lister
        self._stop = threading.Event()
        self._known: dict[str, PortInfo] = {}
        self._thread: threading.Thread | None = None

    def scan_once(self) -> tuple[list[PortInfo], list[PortInfo]]:
        """Rescan now; return (added, removed) since the previous scan."""
        current = {p.device: p for p in self._lister()}
        added = [p for d, p in current.items() if self._known.get(d) != p]
        removed = [p for d, p in self._known.items() if d not in current]
        self._known = current
        return added, removed

    @property
    def ports(self) -> list[PortInfo]:
        return list(self._known.values())

    def start(self) -> PortWatcher:
        self.scan_once()  # the ports present at start are the baseline, not "added"
        self._thread = threading.Thread(target=self._run, name="port watcher", daemon=True)
        self._thread.start()
        return self

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            try:
                added, removed = self.scan_once()
                if added or removed:
                    self._on_change(added, removed)
            except Exception:
                log.exception("port watcher failed; retrying")
