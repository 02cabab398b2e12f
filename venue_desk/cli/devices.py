"""Scanner commands: ``venue-app scanners`` and ``venue-app station listen``.

``scanners`` lists the serial ports with their USB vendor/product and whether they look like a
barcode scanner (``--listen SPEC`` prints what a scanner reads, to check one at set-up).
``station listen`` is a headless station: every code a scanner reads is judged and recorded like a
scan at the desk, and its verdict printed (one JSON object per line with ``--json``) — for a door
without a screen, and for end-to-end tests. Scanner status and rejected frames go to stderr so
stdout stays one verdict per scan.
"""

from __future__ import annotations

import argparse
import contextlib
import queue
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

from venue_desk.cli import add_data_arg, add_json_arg, emit

__all__ = ["register"]


def register(groups: dict[str, Any]) -> None:
    top, station = groups[""], groups["station"]

    p = top.add_parser("scanners", help="list serial ports and which look like barcode scanners")
    add_json_arg(p)
    p.add_argument("--listen", metavar="SPEC",
                   help="instead: read codes from SPEC (auto, a port, a URL, sim://…) and print them")
    _add_run_args(p)
    _add_serial_args(p)
    p.set_defaults(handler=cmd_scanners)

    p = station.add_parser("listen", help="headless station: judge and record every code a scanner reads")
    add_data_arg(p)
    add_json_arg(p)
    p.add_argument("--scanner", metavar="SPEC",
                   help="auto, a port (/dev/ttyACM0, COM3), a pyserial URL, evdev://auto (keyboard-mode "
                        "scanner read directly, Linux), hidpos://auto (HID POS mode) or sim://… "
                        "(default: the station's scanner setting)")
    p.add_argument("--room", help="door scanning: the room id")
    p.add_argument("--direction", choices=("in", "out"), default="in", help="door scanning: in or out")
    p.add_argument("--operator", help="operator name recorded with the check-ins")
    _add_run_args(p)
    _add_serial_args(p)
    p.set_defaults(handler=cmd_listen)


def _add_run_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--max-scans", type=int, metavar="N", help="stop after N scans")
    p.add_argument("--timeout", type=float, metavar="S", help="stop after S seconds")
    p.add_argument("--source", help="scanner name recorded with the scans (default: the spec)")


def _add_serial_args(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("serial line (defaults: the station settings, else 9600 8N1)")
    g.add_argument("--baud", type=int, metavar="N")
    g.add_argument("--bytesize", type=int, choices=(5, 6, 7, 8))
    g.add_argument("--parity", choices=("N", "E", "O", "M", "S"), type=str.upper)
    g.add_argument("--stopbits", type=float, choices=(1, 1.5, 2))
    g.add_argument("--idle-ms", type=int, metavar="MS",
                   help="end a code after this silence, for scanners without a suffix (0: only CR/LF)")


def _serial_settings(args: argparse.Namespace, station_settings: Any = None) -> Any:
    from devices.serialport import SerialSettings

    overrides: dict[str, Any] = {"baudrate": args.baud, "bytesize": args.bytesize, "parity": args.parity,
                                 "stopbits": args.stopbits}
    if args.idle_ms is not None:
        overrides["idle_gap"] = args.idle_ms / 1000 if args.idle_ms > 0 else None
    if station_settings is not None:
        return SerialSettings.from_station(station_settings, **overrides)
    return SerialSettings(**{k: v for k, v in overrides.items() if v is not None})


# -- scanners ------------------------------------------------------------------------------------


def cmd_scanners(args: argparse.Namespace) -> int:
    if args.listen:
        return _listen_raw(args)
    from devices.discovery import choose_port, list_ports
    from devices.evdev import find_scanners
    from devices.hidpos import find_hidpos

    ports = list_ports()
    auto = choose_port(ports)
    inputs = find_scanners()  # keyboard-mode scanners the OS shows as input devices (Linux evdev)
    hid_pos = find_hidpos()  # scanners in USB HID POS mode (usage page 0x8C), read through hidapi
    if args.json:
        emit({"ports": [p.as_dict() for p in ports], "auto": auto.device if auto else None,
              "input_devices": [{"spec": f"evdev://{d.path}", "name": d.name, "maker": d.maker,
                                 "vid": d.vendor, "pid": d.product} for d in inputs],
              "hid_pos": [{"spec": f"hidpos://{d.path}", "name": d.name, "maker": d.maker,
                           "vid": d.vendor, "pid": d.product, "serial": d.serial} for d in hid_pos]}, True)
        return 0
    for device in inputs:
        emit(None, False, f"evdev://{device.path:16} {device.vendor:04x}:{device.product:04x} {device.maker} "
                          f"{device.name} (keyboard mode, read directly: --scanner evdev://auto)")
    for pos in hid_pos:
        emit(None, False, f"hidpos://{pos.path:15} {pos.vendor:04x}:{pos.product:04x} {pos.maker} "
                          f"{pos.name} (HID POS mode, read directly: --scanner hidpos://auto)")
    if not ports:
        emit(None, False, "no serial ports found (a keyboard-mode scanner types into the app instead)")
        return 0
    for port in ports:
        ids = f"{port.vid:04x}:{port.pid:04x}" if port.vid is not None and port.pid is not None else "-"
        mark = "scanner" if port.as_dict()["looks_like_scanner"] else ""
        label = " ".join(filter(None, (port.vendor, port.product or port.description)))
        emit(None, False, f"{port.device:24} {ids:10} {mark:8} {label}"
             + (f"  serial {port.serial_number}" if port.serial_number else ""))
    emit(None, False, f"auto would use: {auto.device if auto else 'nothing yet'}")
    return 0


def _listen_raw(args: argparse.Namespace) -> int:
    settings = _serial_settings(args)
    for kind, item in _pump(args.listen, settings, args):
        if kind == "scan":
            emit(item.as_dict(), args.json, f"{item.source}: {item.text}")
        elif kind == "reject":
            emit({"rejected": item.reason, **item.as_dict()}, args.json,
                 f"{item.source}: rejected ({item.reason}): {item.message}")
    return 0


# -- station listen ------------------------------------------------------------------------------


def cmd_listen(args: argparse.Namespace) -> int:
    from venue_app.paths import Paths
    from venue_app.station import Station

    st = Station.open(Paths.at(args.data))
    try:
        spec = args.scanner or st.settings["scanner"]
        settings = _serial_settings(args, st.settings)
        for kind, item in _pump(spec, settings, args):
            if kind == "reject":
                sys.stderr.write(f"scanner {item.source}: rejected {item.length} bytes ({item.reason}): "
                                 f"{item.message}\n")
                sys.stderr.flush()
                continue
            verdict = st.scan(item.text, source=item.source, operator=args.operator, room=args.room,
                              direction=args.direction)
            out = verdict.as_dict()
            out["scan"] = {"source": item.source, "text": item.text,
                           "latency_ms": round((time.monotonic() - item.monotonic) * 1000, 3)}
            attendee = verdict.attendee or {}
            name = " ".join(filter(None, (attendee.get("given_name"), attendee.get("family_name"))))
            text = f"{verdict.status.upper():20} {verdict.message}" + (f"  [{name}]" if name else "")
            emit(out, args.json, text)
    finally:
        st.close()
    return 0


# -- the loop shared by both -----------------------------------------------------------------------


def _pump(spec: str, settings: Any, args: argparse.Namespace) -> Iterator[tuple[str, Any]]:
    """Run a scanner and yield ("scan", ScanEvent) / ("reject", RejectedFrame) on this thread until
    --max-scans, --timeout, Ctrl-C or SIGTERM. Status changes are written to stderr here."""
    from devices.factory import open_scanner

    events: queue.Queue[tuple[str, Any]] = queue.Queue()
    stop = threading.Event()
    scanner = open_scanner(spec, lambda e: events.put(("scan", e)), lambda s: events.put(("status", s)),
                           lambda r: events.put(("reject", r)), settings=settings, source=args.source)
    deadline = time.monotonic() + args.timeout if args.timeout else None
    scans = 0
    with _stop_on_sigterm(stop.set):
        try:
            while not stop.is_set():
                wait = 0.25 if deadline is None else min(0.25, deadline - time.monotonic())
                if wait <= 0:
                    break
                try:
                    kind, item = events.get(timeout=wait)
                except queue.Empty:
                    continue
                if kind == "status":
                    _status_line(item)
                    continue
                yield kind, item
                if kind == "scan":
                    scans += 1
                    if args.max_scans and scans >= args.max_scans:
                        break
        except KeyboardInterrupt:
            pass
        finally:
            scanner.stop()
    sys.stderr.write(f"scanner {scanner.source}: stopped after {scans} scan(s); "
                     f"{scanner.stats.duplicates} duplicate(s), {scanner.stats.rejected} rejected\n")
    sys.stderr.flush()


def _status_line(status: Any) -> None:
    port = f" {status.port}" if status.port and status.port != status.source else ""
    reason = f": {status.reason}" if status.reason else ""
    sys.stderr.write(f"scanner {status.source}: {status.state}{port}{reason}\n")
    sys.stderr.flush()


@contextlib.contextmanager
def _stop_on_sigterm(stop: Callable[[], None]) -> Iterator[None]:
    """SIGTERM (systemd, docker, kill) ends the loop cleanly, like Ctrl-C."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, lambda *_: stop())
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
