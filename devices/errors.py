"""Errors of the scanner layer.

Everything derives from :class:`DeviceError` (a :class:`~venue_app.errors.VenueError`, so the CLI
shows its message in plain words). Two families, as in the core:

* :class:`DeviceFault` and its subclasses are the environment's fault (no such port, port busy,
  permission denied, cable pulled). They are also :class:`~venue_app.errors.EnvironmentFault`;
  readers turn them into a ``disconnected`` / ``error`` status and keep retrying.
* :class:`ScannerConfigError` is a wrong setting or spec (a usage error, exit code 2).

Anything else escaping a reader thread is a bug: it is logged with its traceback, reported as an
``error`` status saying so, and the reader restarts after a back-off so the desk keeps working.
"""

from __future__ import annotations

import errno

from venue_app.errors import ConfigError, EnvironmentFault, VenueError

__all__ = [
    "DeviceError",
    "DeviceFault",
    "PortBusy",
    "PortGone",
    "PortNotFound",
    "PortPermissionDenied",
    "ScannerConfigError",
    "fault_from_os_error",
]


class DeviceError(VenueError):
    """Base of every expected error of ``devices``; ``str()`` is fit for staff."""


class DeviceFault(DeviceError, EnvironmentFault):
    """A scanner or port problem outside the program (unplugged, busy, no permission)."""

    def __init__(self, message: str, *, port: str | None = None) -> None:
        super().__init__(message)
        self.port = port


class PortNotFound(DeviceFault):
    """The port does not exist (not plugged in, wrong name)."""


class PortBusy(DeviceFault):
    """Another program holds the port."""


class PortPermissionDenied(DeviceFault):
    """The operating system refuses access to the port."""


class PortGone(DeviceFault):
    """The port disappeared while in use (cable pulled, scanner switched off)."""


class ScannerConfigError(DeviceError, ConfigError):
    """A scanner spec or setting is invalid (unknown scheme, bad baud rate, bad sim:// option)."""


# errno values meaning "someone else has it": EBUSY from the driver, EWOULDBLOCK/EAGAIN from
# pyserial's exclusive flock() when another process already locked the port.
_BUSY = {errno.EBUSY, errno.EAGAIN, errno.EWOULDBLOCK}
_PERMISSION = {errno.EACCES, errno.EPERM}
_MISSING = {errno.ENOENT, errno.ENODEV, errno.ENXIO}


def fault_from_os_error(exc: BaseException, port: str) -> DeviceFault:
    """Turn an ``OSError`` / ``SerialException`` from opening ``port`` into a plain-words fault.

    pyserial raises ``SerialException(errno, message)`` for open failures, so the errno is either
    ``exc.errno`` or the first argument.
    """
    code = getattr(exc, "errno", None)
    if code is None and exc.args and isinstance(exc.args[0], int):
        code = exc.args[0]
    text = str(exc)
    if code in _PERMISSION:
        return PortPermissionDenied(
            f"permission denied on {port}: on Linux add this user to the 'dialout' group "
            "(sudo usermod -aG dialout $USER), then log out and in again",
            port=port,
        )
    if code in _BUSY or "exclusively lock" in text:
        return PortBusy(
            f"{port} is busy: another program (or another venue-app window) is using the scanner; "
            "close it or choose another port",
            port=port,
        )
    if code in _MISSING:
        return PortNotFound(f"no scanner at {port}: is it plugged in and switched on?", port=port)
    if code == errno.EIO:
        return PortGone(f"{port} stopped answering (unplugged or cable fault)", port=port)
    return DeviceFault(f"cannot use {port}: {text}", port=port)
