"""Scanners for venue desk: serial / USB virtual COM, keyboard-wedge timing, simulator, discovery.

Qt-free by rule (DESIGN.md): readers run in their own threads and report through plain callbacks;
the GUI adapts them to Qt signals. Typical use::

    from devices import open_scanner

    scanner = open_scanner("auto", on_scan=queue.put, on_status=print)
    ...
    scanner.stop()
"""

from __future__ import annotations

from devices.errors import (
    DeviceError,
    DeviceFault,
    PortBusy,
    PortGone,
    PortNotFound,
    PortPermissionDenied,
    ScannerConfigError,
)
from devices.events import RejectedFrame, ScanEvent, ScannerState, StatusEvent
from devices.factory import Scanner, SerialSettings, open_scanner

__all__ = [
    "DeviceError",
    "DeviceFault",
    "PortBusy",
    "PortGone",
    "PortNotFound",
    "PortPermissionDenied",
    "RejectedFrame",
    "ScanEvent",
    "Scanner",
    "ScannerConfigError",
    "ScannerState",
    "SerialSettings",
    "StatusEvent",
    "open_scanner",
]
