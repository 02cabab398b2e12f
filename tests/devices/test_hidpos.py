"""Scanners in USB HID POS mode, read through hidapi (devices/hidpos.py).

No USB device can exist in this sandbox (no USB bus, no ``/dev/hidraw*``, and the kernel's uhid
module is not reachable), so:

* the decoder is fed real-format Scanned Data Reports built byte by byte below, after the layout of
  the USB "HID Point of Sale Usage Tables" 1.02 (the one devices/hidpos.py documents): byte 0 report
  id 0x02, byte 1 data length in this report, bytes 2..4 AIM symbology identifier, bytes 5..60 data,
  bytes 61..62 vendor specific, byte 63 bit 0 "more data follows";
* the reader runs against :class:`FakeHid`, a stand-in for hidapi's module whose ``device`` plays the
  kernel's hidraw node: ``read(64, timeout_ms)`` returns the queued reports as lists of ints, ``[]``
  on timeout and raises ``OSError("read error")`` when unplugged, as cython-hidapi does;
  ``open_path`` fails with ``OSError("open failed")`` while the device is not plugged in.
"""

from __future__ import annotations

import json
import queue
import threading
from pathlib import Path
from typing import Any

import pytest

from devices import hidpos as hp
from devices.events import RejectedFrame, ScanEvent, ScannerState
from venue_app.paths import Paths
from venue_app.station import Station
from venue_desk.cli import main

TOKEN = "VD1AEDYDFFWNMIZZH2TMFYXE7SW5AVAKTKBLFHVEJAJUQN6EUPYV37WPOSMVNIZDMM5IFEYYHZSIO72QPSMXWLZ"
HIDRAW = "/dev/hidraw2"


def report(data: bytes, *, continued: bool = False, symbology: bytes = b"]Q1", length: int | None = None,
           report_id: int = 0x02) -> bytes:
    """One 64-byte Scanned Data Report, report id first (as hidapi's read returns it)."""
    body = bytearray(64)
    body[0] = report_id
    body[1] = len(data) if length is None else length
    body[2:5] = symbology
    body[5:5 + len(data)] = data
    body[61:63] = b"s\x00"  # Honeywell's own code id for QR Code; vendor specific, ignored
    body[63] = 0x01 if continued else 0x00
    return bytes(body)


def reports(code: bytes, symbology: bytes = b"]Q1") -> list[bytes]:
    """A code as the scanner sends it: 56 data bytes per report, all but the last marked continued."""
    chunks = [code[i:i + 56] for i in range(0, len(code), 56)] or [b""]
    return [report(chunk, continued=i < len(chunks) - 1, symbology=symbology) for i, chunk in enumerate(chunks)]


def feed(decoder: hp.ReportDecoder, items: list[bytes], t: float = 0.0) -> list[ScanEvent | RejectedFrame]:
    out: list[ScanEvent | RejectedFrame] = []
    for item in items:
        out.extend(decoder.feed(item, t))
    return out


# -- the decoder -------------------------------------------------------------------------------------


def test_one_report_code() -> None:
    decoder = hp.ReportDecoder("hidpos:test")
    rep = report(b"MWC-0001-LIWEI")
    assert len(rep) == 64 and rep[:5] == b"\x02\x0e]Q1" and rep[5:19] == b"MWC-0001-LIWEI" and rep[63] == 0
    [scan] = feed(decoder, [rep])
    assert isinstance(scan, ScanEvent)
    assert (scan.text, scan.raw, scan.source) == ("MWC-0001-LIWEI", b"MWC-0001-LIWEI", "hidpos:test")
    assert decoder.last_symbology == "]Q1" and decoder.pending == b""
    # hidapi hands over a list of ints: the same report that way gives the same code
    assert [s.text for s in feed(decoder, [list(rep)])] == ["MWC-0001-LIWEI"]  # type: ignore[list-item]


def test_a_300_character_code_over_six_reports() -> None:
    code = (TOKEN * 4)[:300].encode()
    parts = reports(code)
    assert len(parts) == 6 and [p[63] for p in parts] == [1, 1, 1, 1, 1, 0]
    assert [p[1] for p in parts] == [56, 56, 56, 56, 56, 20]
    decoder = hp.ReportDecoder("hidpos:test")
    assert feed(decoder, parts[:5]) == []  # nothing until the last report
    assert len(decoder.pending) == 280
    [scan] = feed(decoder, parts[5:])
    assert isinstance(scan, ScanEvent) and scan.text == code.decode() and len(scan.text) == 300


def test_utf8_chinese_split_inside_a_character() -> None:
    text = "王秀英 Xiuying Wang — 广州市人民政府代表团 MWC-ZH-0001"
    code = text.encode("utf-8")
    assert len(code) == 69
    parts = reports(code)
    with pytest.raises(UnicodeDecodeError):  # the report boundary cuts a 3-byte character in two
        parts[0][5:61].decode("utf-8")
    [scan] = feed(hp.ReportDecoder("hidpos:test"), parts)
    assert isinstance(scan, ScanEvent) and scan.text == text


def test_bad_reports_are_rejected_with_their_bytes_and_nothing_else_is_lost() -> None:
    decoder = hp.ReportDecoder("hidpos:test")
    wrong_id = report(b"MWC-0001-LIWEI", report_id=0x05)
    too_long = report(b"X" * 20, length=57)
    short = b"\x02\x05]Q"
    out = feed(decoder, [wrong_id, too_long, short])
    assert [type(o) for o in out] == [RejectedFrame] * 3
    assert [o.reason for o in out] == ["binary", "binary", "too_short"]
    assert "report id 5" in out[0].message and "57 data bytes" in out[1].message and "4 bytes" in out[2].message
    assert out[0].raw == wrong_id and out[0].length == 64 and out[2].raw == short

    # a bad report in the middle of a code: the part already read is rejected too, with its bytes
    parts = reports(TOKEN.encode() * 2)
    out = feed(decoder, [parts[0], report(b"", length=200)])
    assert [(o.reason, o.length) for o in out] == [("binary", 64), ("incomplete", 56)]  # type: ignore[union-attr]
    assert out[1].raw == TOKEN.encode()[:56]
    # and the next code is read whole
    assert [s.text for s in feed(decoder, reports(b"MWC-0002-AMINA"))] == ["MWC-0002-AMINA"]  # type: ignore[union-attr]


def test_a_code_cut_off_a_binary_code_and_a_too_long_one() -> None:
    decoder = hp.ReportDecoder("hidpos:test", max_length=100, stale_after=0.5)
    parts = reports(TOKEN.encode())
    assert feed(decoder, parts[:1], t=10.0) == []
    assert decoder.poll(10.4) is None
    cut = decoder.poll(10.6)  # the rest never came
    assert cut is not None and cut.reason == "incomplete" and cut.raw == TOKEN.encode()[:56]
    [binary] = feed(decoder, reports(bytes(range(0, 40))))
    assert isinstance(binary, RejectedFrame) and binary.reason == "binary"
    [long] = feed(decoder, reports(b"A" * 150))
    assert isinstance(long, RejectedFrame) and long.reason == "too_long" and long.length == 150
    assert feed(decoder, [report(b"")]) == []  # an empty report is no code and no error
    assert [s.text for s in feed(decoder, reports(b"OK-1"))] == ["OK-1"]  # type: ignore[union-attr]


# -- finding devices ---------------------------------------------------------------------------------


HONEYWELL_POS = {"path": HIDRAW.encode(), "vendor_id": 0x0C2E, "product_id": 0x0B8F, "usage_page": 0x8C,
                 "usage": 0x02, "product_string": "Honeywell Voyager 1470g", "manufacturer_string": "Honeywell",
                 "serial_number": "21100B0B2A"}


def enumeration() -> list[dict[str, Any]]:
    """What hidapi's enumerate() reports with a mouse, a keyboard-mode scanner and a HID POS one."""
    return [
        {"path": b"/dev/hidraw0", "vendor_id": 0x046D, "product_id": 0xC077, "usage_page": 0x01, "usage": 0x02,
         "product_string": "USB Optical Mouse", "manufacturer_string": "Logitech"},
        {"path": b"/dev/hidraw1", "vendor_id": 0x1EAB, "product_id": 0x0D10, "usage_page": 0x01, "usage": 0x06,
         "product_string": "Newland FM430 keyboard", "manufacturer_string": "Newland"},
        # a Zebra with a badge reader collection and the scanner collection behind one node
        {"path": b"/dev/hidraw3", "vendor_id": 0x05E0, "product_id": 0x1300, "usage_page": 0x8C, "usage": 0x01,
         "product_string": "Symbol Bar Code Scanner", "manufacturer_string": "Symbol Technologies"},
        {"path": b"/dev/hidraw3", "vendor_id": 0x05E0, "product_id": 0x1300, "usage_page": 0x8C, "usage": 0x02,
         "product_string": "Symbol Bar Code Scanner", "manufacturer_string": "Symbol Technologies"},
        HONEYWELL_POS,
    ]


def test_find_hidpos_by_usage_page() -> None:
    found = hp.find_hidpos(enumeration)
    assert [(f.path, f.maker, f.vendor) for f in found] == [("/dev/hidraw3", "Zebra", 0x05E0),
                                                             (HIDRAW, "Honeywell", 0x0C2E)]
    assert found[1].name == "Honeywell Voyager 1470g" and found[1].serial == "21100B0B2A"
    assert hp.find_hidpos(list) == []

    def no_access() -> list[dict[str, Any]]:
        raise OSError("cannot enumerate")

    assert hp.find_hidpos(no_access) == []


# -- the reader, against a stand-in for hidapi -------------------------------------------------------


class FakeDevice:
    """hidapi's ``device`` opened on the kernel's hidraw node (which cannot exist here)."""

    def __init__(self, hid: FakeHid) -> None:
        self.hid = hid
        self.path: bytes | None = None
        self.closed = False

    def open_path(self, path: bytes) -> None:
        if path.decode() not in self.hid.plugged:
            raise OSError("open failed")
        self.path = path
        self.hid.opened.append(self)

    def read(self, max_length: int, timeout_ms: int = 0) -> list[int]:
        assert max_length == 64
        try:
            item = self.hid.reports.get(timeout=timeout_ms / 1000)
        except queue.Empty:
            return []
        if item is None:  # the cable was pulled: hidraw read fails, cython-hidapi raises
            self.hid.plugged.discard(self.path.decode() if self.path else "")
            raise OSError("read error")
        return list(item)

    def close(self) -> None:
        self.closed = True


class FakeHid:
    """Stands in for the ``hidraw``/``hid`` module of hidapi."""

    def __init__(self, infos: list[dict[str, Any]]) -> None:
        self.infos = infos
        self.plugged = {i["path"].decode() for i in infos}
        self.reports: queue.Queue[bytes | None] = queue.Queue()
        self.opened: list[FakeDevice] = []

    def enumerate(self) -> list[dict[str, Any]]:
        return [i for i in self.infos if i["path"].decode() in self.plugged]

    def device(self) -> FakeDevice:
        return FakeDevice(self)

    def send(self, *items: bytes | None) -> None:
        for item in items:
            self.reports.put(item)


@pytest.fixture
def fake_hid(monkeypatch: pytest.MonkeyPatch) -> FakeHid:
    fake = FakeHid([HONEYWELL_POS])
    monkeypatch.setattr(hp, "_hid_module", lambda: fake)
    monkeypatch.setattr(hp.HidPosScanner, "RETRY", 0.01)
    return fake


def test_reader_decodes_and_follows_an_unplug_and_a_replug(fake_hid: FakeHid) -> None:
    scans: queue.Queue[ScanEvent] = queue.Queue()
    rejects: queue.Queue[RejectedFrame] = queue.Queue()
    scanner = hp.HidPosScanner("hidpos://auto", scans.put, on_reject=rejects.put)
    with scanner:
        assert scanner.wait_for(ScannerState.CONNECTED, 5)
        assert scanner.port == HIDRAW and fake_hid.opened[0].path == HIDRAW.encode()
        fake_hid.send(*reports(TOKEN.encode()))
        assert scans.get(timeout=5).text == TOKEN
        since = scanner.history_length
        fake_hid.send(reports(b"X" * 100)[0], None)  # unplugged in the middle of a code
        assert scanner.wait_for(ScannerState.DISCONNECTED, 5, since=since)
        cut = rejects.get(timeout=5)
        assert cut.reason == "incomplete" and cut.raw == b"X" * 56
        assert fake_hid.opened[0].closed and "unplugged" in scanner.reason
        assert scanner.wait_for(ScannerState.SEARCHING, 5, since=since)  # auto: not found while unplugged
        fake_hid.plugged.add(HIDRAW)  # plugged in again
        assert scanner.wait_for(ScannerState.CONNECTED, 5, since=since)
        fake_hid.send(*reports("王秀英 MWC-ZH-001".encode()))
        assert scans.get(timeout=5).text == "王秀英 MWC-ZH-001"
    assert scanner.state == ScannerState.STOPPED and len(fake_hid.opened) == 2 and fake_hid.opened[1].closed
    assert scanner.stats.scans == 2 and scanner.stats.rejected == 1 and scanner.stats.connects == 2


def test_a_fixed_path_that_cannot_be_opened_is_an_error_retried(fake_hid: FakeHid) -> None:
    fake_hid.plugged.clear()
    scanner = hp.HidPosScanner(f"hidpos://{HIDRAW}", lambda _s: None)
    with scanner:
        assert scanner.wait_for(ScannerState.ERROR, 5)
        assert f"cannot open {HIDRAW}" in scanner.reason and "udev" in scanner.reason
        fake_hid.plugged.add(HIDRAW)
        assert scanner.wait_for(ScannerState.CONNECTED, 5)


def test_without_hidapi_the_reader_says_so_and_stops() -> None:
    def opener(_path: str) -> Any:
        raise ImportError("No module named 'hidraw'")

    statuses: list[Any] = []
    scanner = hp.HidPosScanner(f"hidpos://{HIDRAW}", lambda _s: None, statuses.append, opener=opener)
    with scanner:
        assert scanner.wait_for(ScannerState.STOPPED, 5)
    assert [(s.state, s.reason) for s in statuses] == [(ScannerState.ERROR, "the hidapi package is not installed"),
                                                       (ScannerState.STOPPED, "")]


def test_open_scanner_knows_the_hidpos_spec() -> None:
    from devices.factory import open_scanner

    scanner = open_scanner("hidpos:///dev/hidraw-none", lambda _s: None, start=False)
    assert isinstance(scanner, hp.HidPosScanner) and scanner.target == "/dev/hidraw-none"
    assert open_scanner("HIDPOS://auto", lambda _s: None, start=False).target == "auto"  # type: ignore[attr-defined]


# -- offered where evdev devices are: ``venue-app scanners`` and the set-up chooser --------------------


def test_scanners_lists_hid_pos_scanners(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    # the enumeration answers as hidapi would with a Honeywell in HID POS mode plugged in
    monkeypatch.setattr(hp, "_hid_module", lambda: FakeHid(enumeration()))
    assert main(["scanners", "--json"]) == 0
    report_ = json.loads(capsys.readouterr().out)
    assert report_["hid_pos"] == [
        {"spec": "hidpos:///dev/hidraw3", "name": "Symbol Bar Code Scanner", "maker": "Zebra", "vid": 0x05E0,
         "pid": 0x1300, "serial": ""},
        {"spec": f"hidpos://{HIDRAW}", "name": "Honeywell Voyager 1470g", "maker": "Honeywell", "vid": 0x0C2E,
         "pid": 0x0B8F, "serial": "21100B0B2A"}]
    assert main(["scanners"]) == 0
    out = capsys.readouterr().out
    assert f"hidpos://{HIDRAW}" in out and "HID POS mode" in out and "hidpos://auto" in out


def test_station_setup_offers_a_hid_pos_scanner(qtbot: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from ui.setup import ScannerChooser

    monkeypatch.setattr(hp, "_hid_module", lambda: FakeHid([HONEYWELL_POS]))
    chooser = ScannerChooser(f"hidpos://{HIDRAW}")
    qtbot.addWidget(chooser)
    assert chooser.value() == f"hidpos://{HIDRAW}"
    text = chooser.combo.currentText()
    assert "Honeywell" in text and "HID POS" in text and "Voyager 1470g" in text
    assert chooser.combo.findData(f"hidpos://{HIDRAW}") == chooser.combo.currentIndex() > 0


# -- a scan through open_scanner("hidpos://…") reaching a station's check-in ---------------------------


def test_station_listen_checks_in_a_hid_pos_scan(tmp_path: Path, fake_hid: FakeHid,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "station"
    long_code = "MWC-0003-" + "W" * 120  # a code of 129 characters: three reports
    st = Station.init_standalone(Paths.at(data), event_name="Metropolis World Congress", station_name="Door 1")
    try:
        st.add_attendees([
            {"code": "MWC-0001-LIWEI", "given_name": "Wei", "family_name": "Li", "category": "delegate"},
            {"code": long_code, "given_name": "Xiuying", "family_name": "Wang", "category": "delegate"},
        ])
    finally:
        st.close()
    fake_hid.send(report(b"\x00" * 3, length=90), *reports(b"MWC-0001-LIWEI"), *reports(long_code.encode()))
    result: dict[str, int] = {}
    run = threading.Thread(target=lambda: result.update(rc=main(
        ["station", "listen", "--data", str(data), "--scanner", "hidpos://auto", "--json", "--max-scans", "2",
         "--timeout", "20"])))
    run.start()
    run.join(30)
    assert not run.is_alive() and result["rc"] == 0
    captured = capsys.readouterr()
    verdicts = [json.loads(line) for line in captured.out.splitlines()]
    assert [v["status"] for v in verdicts] == ["ok", "ok"]
    assert [v["scan"]["text"] for v in verdicts] == ["MWC-0001-LIWEI", long_code]
    assert verdicts[0]["scan"]["source"] == "hidpos:auto"
    assert "rejected 64 bytes (binary)" in captured.err and "90 data bytes" in captured.err
    st = Station.open(Paths.at(data))
    try:
        checked = {row["attendee_id"] for row in st.replica.query("SELECT attendee_id FROM checkins")}
        assert checked == {st.attendee("MWC-0001-LIWEI")["id"], st.attendee(long_code)["id"]}  # type: ignore[index]
    finally:
        st.close()
