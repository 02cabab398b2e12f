"""``open_scanner``: one entry point for every kind of scanner spec.

=====================  ====================================================================
``auto``               the best USB scanner found, followed across replugs (serial number)
``/dev/…``, ``COM3``   a serial port by name
``socket://…`` etc.    a pyserial URL (``loop://``, ``socket://``, ``rfc2217://``, ``hwgrep://``)
``sim://…``            the simulator (see :mod:`devices.simulator`)
``evdev://auto``       a keyboard-mode scanner read from Linux evdev with an exclusive grab
``evdev:///dev/…``     (:mod:`devices.evdev`; ``auto`` finds it by vendor id)
``hidpos://auto``      a scanner in USB HID POS mode read through hidapi (:mod:`devices.hidpos`;
``hidpos://PATH``      ``auto`` finds it by the Bar Code Scanner usage page 0x8C)
``keyboard``           refused here: keyboard-wedge scanners are read by the desktop app's event
                       filter through :class:`devices.wedge.WedgeDecoder`
=====================  ====================================================================
"""

from __future__ import annotations

from devices.base import BaseScanner
from devices.discovery import PortLister, list_ports
from devices.errors import ScannerConfigError
from devices.evdev import EVDEV_SCHEME, EvdevScanner
from devices.events import RejectCallback, ScanCallback, StatusCallback
from devices.hidpos import HIDPOS_SCHEME, HidPosScanner
from devices.serialport import SerialScanner, SerialSettings
from devices.simulator import SIM_SCHEME, SimulatedScanner

__all__ = ["KEYBOARD_SPECS", "Scanner", "SerialSettings", "open_scanner"]

#: what every reader returned by open_scanner is
Scanner = BaseScanner

KEYBOARD_SPECS = frozenset({"keyboard", "wedge", "hid"})


def open_scanner(
    spec: str,
    on_scan: ScanCallback,
    on_status: StatusCallback | None = None,
    on_reject: RejectCallback | None = None,
    *,
    settings: SerialSettings | None = None,
    source: str | None = None,
    start: bool = True,
    lister: PortLister = list_ports,
) -> Scanner:
    """Create (and by default start) the reader for ``spec``. It never raises for a missing or
    busy port — it reports that through ``on_status`` and keeps retrying; it raises
    :class:`ScannerConfigError` for a spec that can never work."""
    spec = (spec or "").strip()
    lowered = spec.lower()
    if lowered in KEYBOARD_SPECS:
        raise ScannerConfigError(
            "keyboard-wedge scanners type into the desktop app; they cannot be opened as a port "
            "(switch the scanner to USB serial / COM mode to use it here)")
    scanner: Scanner
    if lowered.startswith(f"{EVDEV_SCHEME}://"):
        scanner = EvdevScanner(spec, on_scan, on_status, on_reject, source=source)
    elif lowered.startswith(f"{HIDPOS_SCHEME}://"):
        scanner = HidPosScanner(spec, on_scan, on_status, on_reject, source=source)
    elif lowered.startswith(f"{SIM_SCHEME}://") or lowered == SIM_SCHEME:
        scanner = SimulatedScanner(spec if "://" in spec else f"{SIM_SCHEME}://", on_scan, on_status,
                                   on_reject, settings=settings, source=source)
    else:
        scanner = SerialScanner(spec, on_scan, on_status, on_reject, settings=settings, source=source,
                                lister=lister)
    if start:
        scanner.start()
    return scanner
