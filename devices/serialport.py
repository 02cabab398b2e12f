"""Serial / USB virtual COM scanners read with pyserial on their own thread.

(Named ``serialport`` so it never shadows the ``serial`` package of pyserial.)

A :class:`SerialScanner` opens a device path (``/dev/ttyACM0``, ``/dev/serial/by-id/…``), a
Windows name (``COM3``), a pyserial URL (``socket://host:port``, ``loop://``, ``hwgrep://REGEX``,
``rfc2217://…``) or ``auto`` (the best-ranked scanner of :mod:`devices.discovery`, rescanned until one
is plugged in). It frames bytes with :class:`~devices.framing.FrameAssembler` and reports through
callbacks. When the port fails (pyserial raises ``SerialException`` on Linux when a USB device is
unplugged or a pty master is closed) or its device node vanishes, it reports ``disconnected`` and
reopens by itself with back-off: the same path, or — when the device had a USB serial number —
wherever that same scanner reappears. pyserial never reopens by itself.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import select
import time
from dataclasses import dataclass, replace
from typing import Any

import serial

from devices.base import BaseScanner
from devices.discovery import PortInfo, PortLister, choose_port, list_ports
from devices.errors import (
    DeviceFault,
    PortBusy,
    PortGone,
    PortNotFound,
    PortPermissionDenied,
    ScannerConfigError,
    fault_from_os_error,
)
from devices.events import RejectCallback, ScanCallback, ScannerState, StatusCallback
from devices.framing import DEFAULT_IDLE_GAP, DEFAULT_MAX_FRAME, FrameAssembler

__all__ = ["AUTO", "URL_SCHEMES", "SerialScanner", "SerialSettings"]

log = logging.getLogger(__name__)

AUTO = "auto"
#: URL schemes pyserial 3.5 handles in serial_for_url
URL_SCHEMES = frozenset({"loop", "socket", "rfc2217", "hwgrep", "spy", "alt", "cp2110"})

_PARITIES = {"N": serial.PARITY_NONE, "E": serial.PARITY_EVEN, "O": serial.PARITY_ODD,
             "M": serial.PARITY_MARK, "S": serial.PARITY_SPACE}


@dataclass(frozen=True)
class SerialSettings:
    """Line settings and framing of a scanner. Defaults match a factory-set RS-232 scanner (9600 8N1)."""

    baudrate: int = 9600
    bytesize: int = 8
    parity: str = "N"
    stopbits: float = 1
    xonxoff: bool = False
    rtscts: bool = False
    idle_gap: float | None = DEFAULT_IDLE_GAP  # seconds; None: frames end only at CR/LF
    max_frame: int = DEFAULT_MAX_FRAME
    dedupe_window: float = 1.0  # seconds; 0 disables duplicate suppression
    exclusive: bool = True  # lock the port so a second program gets "busy", not half the bytes

    def __post_init__(self) -> None:
        if self.baudrate <= 0:
            raise ScannerConfigError(f"baud rate must be positive, not {self.baudrate}")
        if self.bytesize not in (5, 6, 7, 8):
            raise ScannerConfigError(f"data bits must be 5, 6, 7 or 8, not {self.bytesize}")
        if str(self.parity).upper()[:1] not in _PARITIES:
            raise ScannerConfigError(f"parity must be one of N, E, O, M, S, not {self.parity!r}")
        if self.stopbits not in (1, 1.5, 2):
            raise ScannerConfigError(f"stop bits must be 1, 1.5 or 2, not {self.stopbits}")
        if self.idle_gap is not None and not 0 < self.idle_gap <= 5:
            raise ScannerConfigError("the idle gap must be between 0 and 5 seconds")

    @classmethod
    def from_station(cls, settings: Any, **overrides: Any) -> SerialSettings:
        """Build from a station's :class:`venue_app.settings.Settings` (scanner_baud,
        scanner_idle_ms, duplicate_window_ms); ``overrides`` that are not None win."""
        values: dict[str, Any] = {}
        for key, name, scale in (("scanner_baud", "baudrate", None), ("scanner_idle_ms", "idle_gap", 1000),
                                 ("duplicate_window_ms", "dedupe_window", 1000)):
            try:
                value = settings[key]
            except (KeyError, TypeError):
                continue
            values[name] = value / scale if scale else value
        if values.get("idle_gap") == 0:
            values["idle_gap"] = None
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)

    def assembler(self, source: str) -> FrameAssembler:
        return FrameAssembler(source, idle_gap=self.idle_gap, max_frame=self.max_frame,
                              dedupe_window=self.dedupe_window)

    def with_(self, **changes: Any) -> SerialSettings:
        return replace(self, **changes)


def classify_spec(spec: str) -> str:
    """``auto``, ``url`` or ``path``; raises :class:`ScannerConfigError` for an unknown URL scheme."""
    spec = spec.strip()
    if not spec:
        raise ScannerConfigError("no scanner port given")
    if spec.lower() == AUTO:
        return "auto"
    if "://" in spec:
        scheme = spec.split("://", 1)[0].lower()
        if scheme not in URL_SCHEMES:
            raise ScannerConfigError(
                f"unknown scanner URL scheme {scheme!r}: use a port name, auto, sim://, or one of "
                + ", ".join(f"{s}://" for s in sorted(URL_SCHEMES)))
        return "url"
    return "path"


class SerialScanner(BaseScanner):
    """Reads codes from a serial port, reconnecting by itself. Start with :meth:`start`."""

    #: back-off between reopen attempts: doubles from MIN to MAX seconds
    MIN_BACKOFF = 0.05
    MAX_BACKOFF = 1.0
    #: how often ``auto`` rescans the ports while no scanner is plugged in
    RESCAN_INTERVAL = 1.0
    #: how often a connected reader checks that its device node still exists
    VANISH_CHECK = 0.5

    def __init__(
        self,
        spec: str,
        on_scan: ScanCallback,
        on_status: StatusCallback | None = None,
        on_reject: RejectCallback | None = None,
        *,
        settings: SerialSettings | None = None,
        source: str | None = None,
        lister: PortLister = list_ports,
    ) -> None:
        self.spec = spec.strip()
        self.kind = classify_spec(self.spec)
        super().__init__(source or self.spec, on_scan, on_status, on_reject)
        self.settings = settings or SerialSettings()
        self._lister = lister
        self.assembler = self.settings.assembler(self.source)
        # The USB serial number of the scanner last connected: after a replug it may come back
        # under another device name (ttyACM0 → ttyACM1), and that is where we want to follow it.
        self.serial_number: str | None = None
        self.port_info: PortInfo | None = None
        self._wake_r, self._wake_w = os.pipe()
        os.set_blocking(self._wake_r, False)
        self._serial: Any = None

    # -- lifecycle -----------------------------------------------------------------------------

    def stop(self, timeout: float | None = None) -> None:
        super().stop(timeout)
        if not self.running:
            self._close_wake_pipe()

    def _wake(self) -> None:
        with contextlib.suppress(OSError):  # pipe already closed: the thread is gone
            os.write(self._wake_w, b"x")
        ser = self._serial
        if ser is not None and hasattr(ser, "cancel_read"):
            with contextlib.suppress(Exception):  # best effort: the port may be closing under us
                ser.cancel_read()

    def _close_wake_pipe(self) -> None:
        for fd in (getattr(self, "_wake_r", -1), getattr(self, "_wake_w", -1)):
            if fd >= 0:
                with contextlib.suppress(OSError):
                    os.close(fd)
        self._wake_r = self._wake_w = -1

    def __del__(self) -> None:  # a scanner never started still owns its pipe
        if not getattr(self, "_thread", None) or not self.running:
            self._close_wake_pipe()

    # -- thread body ---------------------------------------------------------------------------

    def _main(self) -> None:
        backoff = self.MIN_BACKOFF
        while not self.stopping:
            try:
                target = self._resolve()
                if target is None:
                    self._set_state(ScannerState.SEARCHING,
                                    "no scanner found; plug one in (set to USB serial / COM mode)")
                    if self._sleep(self.RESCAN_INTERVAL):
                        break
                    continue
                try:
                    ser = self._open(target)
                except DeviceFault as fault:
                    bad = isinstance(fault, (PortBusy, PortPermissionDenied))
                    state = ScannerState.ERROR if bad else ScannerState.DISCONNECTED
                    self._set_state(state, str(fault), target)
                    if self._sleep(backoff):
                        break
                    backoff = min(backoff * 2, self.MAX_BACKOFF)
                    continue
                backoff = self.MIN_BACKOFF
                try:
                    self._connected(target)
                    self._read_loop(ser, target)
                except DeviceFault as fault:
                    self.stats.disconnects += 1
                    self._set_state(ScannerState.DISCONNECTED, str(fault), target)
                finally:
                    self._serial = None
                    self._close(ser)
                    self._drop_partial()
            except Exception as exc:  # a bug; keep the desk working after a pause
                log.exception("scanner %s: unexpected error", self.source)
                self._set_state(ScannerState.ERROR, f"internal error (a bug, see the log): {exc!r}")
                if self._sleep(self.MAX_BACKOFF):
                    break

    def _resolve(self) -> str | None:
        """The port to open now, or None when ``auto`` has nothing to offer yet."""
        if self.kind == "auto":
            port = choose_port(self._lister(), serial_number=self.serial_number)
            self.port_info = port
            return port.device if port else None
        if self.kind == "path" and self.serial_number and not os.path.exists(self.spec):
            # The configured node is gone; the same scanner may be back under another name.
            for port in self._lister():
                if port.serial_number == self.serial_number:
                    self.port_info = port
                    return port.device
        return self.spec

    def _open(self, target: str) -> Any:
        s = self.settings
        try:
            ser = serial.serial_for_url(target, do_not_open=True)
            ser.baudrate = s.baudrate
            ser.bytesize = s.bytesize
            ser.parity = _PARITIES[str(s.parity).upper()[:1]]
            ser.stopbits = s.stopbits
            ser.xonxoff = s.xonxoff
            ser.rtscts = s.rtscts
            ser.timeout = self._fixed_timeout(ser)
            if s.exclusive and isinstance(ser, serial.Serial) and os.name == "posix":
                ser.exclusive = True
        except ValueError as exc:
            raise ScannerConfigError(f"{target}: {exc}") from exc
        except (serial.SerialException, OSError) as exc:
            raise fault_from_os_error(exc, target) from exc
        try:
            ser.open()
        except (serial.SerialException, OSError) as exc:
            raise fault_from_os_error(exc, target) from exc
        except ValueError as exc:  # hwgrep:// with no match, malformed socket:// URL
            raise PortNotFound(f"no scanner at {target}: {exc}", port=target) from exc
        self._serial = ser
        return ser

    def _fixed_timeout(self, ser: Any) -> float:
        # Native POSIX ports are waited on with select() and never block in read(); URL handlers
        # (socket://, loop://) block in read() up to this timeout, which bounds the idle-gap
        # resolution and the reaction to stop().
        if _selectable(ser):
            return 0
        return min(0.02, self.settings.idle_gap or 0.02)

    def _connected(self, target: str) -> None:
        info = self.port_info if self.port_info and self.port_info.device == target else None
        if info is None and self.kind != "url":
            real = os.path.realpath(target)
            info = next((p for p in self._lister() if os.path.realpath(p.device) == real), None)
        self.port_info = info
        if info is not None and info.serial_number:
            self.serial_number = info.serial_number
        self.assembler.reset()
        details = info.as_dict() if info is not None else {}
        self._set_state(ScannerState.CONNECTED, "", target, details)

    def _read_loop(self, ser: Any, target: str) -> None:
        asm = self.assembler
        selectable = _selectable(ser)
        fd = ser.fileno() if selectable else -1
        watch_path = target if self.kind != "url" and os.path.isabs(target) else None
        next_vanish_check = time.monotonic() + self.VANISH_CHECK
        while not self.stopping:
            now = time.monotonic()
            deadline = asm.deadline()
            if selectable:
                wait = self.VANISH_CHECK if deadline is None else max(0.0, deadline - now)
                wait = min(wait, max(0.0, next_vanish_check - now))
                try:
                    ready, _, _ = select.select([fd, self._wake_r], [], [], wait)
                except (OSError, ValueError) as exc:
                    raise PortGone(f"{target} stopped answering ({exc})", port=target) from exc
                if self._wake_r in ready:
                    _drain(self._wake_r)
                data = self._read_available(ser, target) if fd in ready else b""
            else:
                data = self._read_available(ser, target, blocking=True)
            now = time.monotonic()
            if data:
                self.stats.bytes_read += len(data)
                self._deliver(asm.feed(data, now))
            elif deadline is not None and now >= deadline:
                self._deliver(asm.poll(now))
            if watch_path is not None and now >= next_vanish_check:
                next_vanish_check = now + self.VANISH_CHECK
                if not os.path.exists(watch_path):
                    raise PortGone(f"{watch_path} vanished (scanner unplugged?)", port=target)
            self.stats.duplicates = asm.duplicates

    def _read_available(self, ser: Any, target: str, *, blocking: bool = False) -> bytes:
        """What the port has now (select said it is readable), or — for URL handlers without a
        file descriptor — what arrives within the fixed timeout."""
        try:
            if not blocking:
                return ser.read(max(1, ser.in_waiting))
            data = ser.read(1)
            if data:
                waiting = ser.in_waiting
                if waiting:
                    data += ser.read(waiting)
            return data
        except serial.SerialException as exc:
            raise PortGone(f"{target} stopped answering: {_short(exc)}", port=target) from exc
        except OSError as exc:
            raise fault_from_os_error(exc, target) from exc

    def _drop_partial(self) -> None:
        # A frame cut by the disconnect is not a code; say so rather than deliver half a token.
        if self.assembler.pending:
            self.assembler.require_terminator = True
            self._deliver(self.assembler.poll(float("inf")))
        self.assembler.reset()

    @staticmethod
    def _close(ser: Any) -> None:
        try:
            ser.close()
        except Exception:  # closing a dead port may fail; it is closed either way
            log.debug("closing the port failed", exc_info=True)


def _selectable(ser: Any) -> bool:
    return isinstance(ser, serial.Serial) and os.name == "posix" and hasattr(ser, "fileno")


def _drain(fd: int) -> None:
    try:
        while os.read(fd, 512):
            pass
    except BlockingIOError:
        pass
    except OSError as exc:
        if exc.errno != errno.EBADF:
            raise


def _short(exc: BaseException) -> str:
    text = str(exc)
    if "readiness to read but returned no data" in text:
        return "device disconnected"
    return text
