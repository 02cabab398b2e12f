"""Port discovery and ranking for ``auto``."""

from __future__ import annotations

import threading

from devices.discovery import (
    KNOWN_SCANNER_VENDORS,
    PortInfo,
    PortWatcher,
    choose_port,
    list_ports,
    looks_like_scanner,
    rank_ports,
    scanner_score,
)

HONEYWELL = PortInfo("/dev/ttyACM1", vid=0x0C2E, pid=0x0CAA, serial_number="H1", product="Voyager 1200g")
ZEBRA = PortInfo("/dev/ttyACM0", vid=0x05E0, pid=0x1701, serial_number="Z1")
FTDI = PortInfo("/dev/ttyUSB0", vid=0x0403, pid=0x6001, serial_number="F1")
KEYWORD = PortInfo("/dev/ttyACM5", vid=0x1234, pid=0x0001, product="2D Barcode Scanner")
ARDUINO = PortInfo("/dev/ttyACM9", vid=0x2341, pid=0x0043, product="Arduino Uno")
BUILTIN = PortInfo("/dev/ttyS0")


def test_vendor_table_has_the_big_scanner_makers() -> None:
    for vid in (0x0C2E, 0x05E0, 0x05F9, 0x1EAB, 0x065A, 0x2745):
        assert vid in KNOWN_SCANNER_VENDORS
    assert not KNOWN_SCANNER_VENDORS[0x2745].verified  # said so, not hidden


def test_looks_like_scanner() -> None:
    assert looks_like_scanner(HONEYWELL) and looks_like_scanner(ZEBRA) and looks_like_scanner(KEYWORD)
    assert not any(looks_like_scanner(p) for p in (FTDI, ARDUINO, BUILTIN))
    assert scanner_score(BUILTIN) == 0


def test_ranking_for_auto() -> None:
    ranked = rank_ports([BUILTIN, FTDI, ARDUINO, KEYWORD, ZEBRA, HONEYWELL])
    assert [p.device for p in ranked] == ["/dev/ttyACM1", "/dev/ttyACM0", "/dev/ttyACM5", "/dev/ttyUSB0",
                                          "/dev/ttyACM9"]
    assert choose_port([BUILTIN]) is None
    assert choose_port([FTDI, ZEBRA]) == ZEBRA
    assert choose_port([FTDI, ZEBRA], serial_number="F1") == FTDI  # the one we had, wherever it is


def test_as_dict_is_json_friendly() -> None:
    data = HONEYWELL.as_dict()
    assert data["vid"] == "0c2e" and data["vendor"] == "Honeywell (Metrologic)" and data["looks_like_scanner"]


def test_list_ports_on_this_machine_does_not_fail() -> None:
    ports = list_ports()
    assert all(isinstance(p, PortInfo) for p in ports)


def test_port_watcher_reports_hot_plug() -> None:
    listing = [FTDI]
    changes: list = []
    seen = threading.Event()

    def on_change(added, removed):
        changes.append(([p.device for p in added], [p.device for p in removed]))
        seen.set()

    watcher = PortWatcher(on_change, interval=0.02, lister=lambda: list(listing)).start()
    try:
        listing.append(HONEYWELL)
        assert seen.wait(5)
        seen.clear()
        listing.remove(FTDI)
        assert seen.wait(5)
    finally:
        watcher.stop()
    assert changes == [(["/dev/ttyACM1"], []), ([], ["/dev/ttyUSB0"])]
