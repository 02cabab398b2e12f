"""Zebra ZPL back-end: badges sent through the print queue to a fake network Zebra, the ``^GF`` graphic
decoded back to an image by the decoder below, the QR decoded and scanned in; ``~HS`` refusals keep the
job queued, in words.

The ``^GF`` graphic field, as the ZPL II manual defines it and as :func:`decode_gf` reads it::

    ^GFa,b,c,d,DATA      a = A (ASCII hex), b = bytes of binary data, c = bytes of the whole graphic,
                         d = bytes per row; 1 bits are dots (black), the row's leftmost dot is the high bit

DATA, ASCII form: each row is ``2·d`` hex digits, shortened by Zebra's compression —
  * a count before a digit repeats it: ``G``..``Y`` = 1..19, ``g``..``z`` = 20, 40, … 400; counts add
    up (``hJF`` = 40 + 3 = 43 × ``F``);
  * ``,`` fills the rest of the row with ``0``, ``!`` with ``F`` (1 bits);
  * ``:`` repeats the previous row.
DATA, Z64 form: ``:Z64:`` base64 of the zlib-deflated rows ``:`` CRC-16/CCITT (XModem, 4 hex digits)
of the base64 text.
"""

from __future__ import annotations

import base64
import binascii
import re
import zlib

import pytest
import zxingcpp
from badge_helpers import NAMES
from labelprinter import LabelPrinter
from PIL import Image

from printing.backends import PrintJobSpec, open_backend
from printing.errors import BackendError, PrintingError
from printing.queue import PrintQueue
from printing.templates import load_template
from printing.zpl import ZplBackend, acs_compress, build_zpl, parse_host_status

SCRIPTS = {n[0]: n for n in NAMES if n[0] in ("latin", "chinese", "arabic", "devanagari", "tibetan-only")}
_COUNTS = {c: i + 1 for i, c in enumerate("GHIJKLMNOPQRSTUVWXY")} | {
    c: 20 * (i + 1) for i, c in enumerate("ghijklmnopqrstuvwxyz")
}


def decode_acs(data: str, bytes_per_row: int, rows: int) -> bytes:
    """ASCII-hex ^GF data with Zebra's compression → the raw rows (independent of printing.zpl)."""
    width = 2 * bytes_per_row
    out: list[str] = []
    row = ""
    previous = "0" * width
    count = 0
    for ch in data:
        if ch in _COUNTS:
            count += _COUNTS[ch]
            continue
        if ch in "\r\n ":
            continue
        if ch == ":":
            assert not row and not count, "':' inside a row"
            out.append(previous)
            continue
        if ch in ",!":
            row += ("0" if ch == "," else "F") * (width - len(row))
        elif ch in "0123456789ABCDEFabcdef":
            row += ch.upper() * (count or 1)
            count = 0
        else:
            raise AssertionError(f"not ZPL graphic data: {ch!r}")
        assert len(row) <= width, "a row overflows its width"
        if len(row) == width:
            out.append(row)
            previous, row = row, ""
    assert not row and len(out) == rows, (len(out), rows)
    return bytes.fromhex("".join(out))


def decode_z64(data: str) -> bytes:
    m = re.fullmatch(r":Z64:([A-Za-z0-9+/=]+):([0-9A-F]{4})", data)
    assert m, data[:40]
    assert binascii.crc_hqx(m.group(1).encode(), 0) == int(m.group(2), 16), "CRC mismatch"
    return zlib.decompress(base64.b64decode(m.group(1)))


def decode_label(zpl: bytes) -> tuple[Image.Image, dict[str, int]]:
    """One ZPL label format with a single ^GF graphic → the label as an image, and its settings."""
    text = zpl.decode("ascii")
    assert text.startswith("^XA") and text.endswith("^XZ"), text[:40]
    pw = int(re.search(r"\^PW(\d+)", text).group(1))
    ll = int(re.search(r"\^LL(\d+)", text).group(1))
    fo = tuple(int(v) for v in re.search(r"\^FO(\d+),(\d+)\^GF", text).groups())
    m = re.search(r"\^GFA,(\d+),(\d+),(\d+),(.*?)\^FS", text)
    assert m, "no ^GFA graphic field"
    total, field_bytes, bpr, data = int(m.group(1)), int(m.group(2)), int(m.group(3)), m.group(4)
    assert total == field_bytes and total % bpr == 0
    rows = total // bpr
    raw = decode_z64(data) if data.startswith(":Z64:") else decode_acs(data, bpr, rows)
    assert len(raw) == total
    graphic = Image.frombytes("1", (bpr * 8, rows), bytes(b ^ 0xFF for b in raw))  # 1 = dot → black
    label = Image.new("L", (pw, ll), 255)
    label.paste(graphic.convert("L"), fo)
    copies = int(re.search(r"\^PQ(\d+)", text).group(1))
    return label.convert("RGB"), {"pw": pw, "ll": ll, "bpr": bpr, "rows": rows, "copies": copies, "x": fo[0]}


def the_label(printer: LabelPrinter) -> bytes:
    """The ZPL format of the last connection (between the two ~HS exchanges)."""
    data = printer.jobs[-1]
    assert data.startswith(b"~HS") and data.endswith(b"~HS"), (data[:10], data[-10:])
    return data[3:-3]


def qr_tokens(image: Image.Image) -> list[str]:
    return [r.text for r in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)]


def ink(image: Image.Image, box: tuple[float, float, float, float]) -> float:
    region = image.convert("L").crop(tuple(round(v) for v in box))
    return sum(region.histogram()[:128]) / max(1, region.width * region.height)


def person(label: str, given: str, family: str, native: str, order: str) -> dict[str, str]:
    return {"code": f"P-{label}", "given_name": given, "family_name": family, "native_name": native,
            "name_order": order, "category": "delegate"}


def backend(printer: LabelPrinter, query: str = "dpi=203&width_mm=101.6", timeout: float = 5) -> ZplBackend:
    be = open_backend(f"zpl://{printer.spec_host}?{query}&timeout={timeout}")
    assert isinstance(be, ZplBackend)
    return be


CASES = [  # template, printer options, printable dots across
    ("label-4x6", "dpi=203&width_mm=101.6", 808),
    ("congress-a6", "dpi=300&width_mm=100&compress=z64", 1176),
]


@pytest.mark.parametrize("label", list(SCRIPTS))
@pytest.mark.parametrize(("template", "query", "dots"), CASES, ids=["4x6in-203dpi-acs", "A6-on-100mm-300dpi-z64"])
def test_badge_prints_as_zpl_graphic_reads_back_and_checks_in(station, tmp_path, label, template, query, dots):
    station.add_attendees([person(*SCRIPTS[label])])
    with LabelPrinter("zpl") as printer:
        queue = PrintQueue(station, backend(printer, query), template=template)
        job = queue.process(queue.enqueue(f"P-{label}"))
        assert job.status == "done", job.reason
        assert job.backend == "zpl" and "accepted" in job.backend_ref and "held" not in job.backend_ref
        zpl = the_label(printer)
    image, info = decode_label(zpl)
    tpl = load_template(template)
    assert info["pw"] == dots and info["copies"] == 1
    # the badge scaled to the label width, whole: its height follows, nothing clipped
    assert info["ll"] == info["rows"] == round(tpl.height_mm * dots / tpl.width_mm)
    (token,) = qr_tokens(image)
    verdict = station.scan(token)
    assert verdict.status == "ok" and verdict.attendee["id"] == job.attendee_id, verdict
    px = dots / tpl.width_mm
    native = SCRIPTS[label][3]
    fields = ("display_name", "native_name") if native else ("display_name",)
    for el in tpl.elements:
        if getattr(el, "field", None) in fields:
            assert ink(image, (el.x * px, el.y * px, (el.x + el.w) * px, (el.y + el.h) * px)) > 0.02, (label, el)
    if label == "chinese":
        image.save(tmp_path / f"{template}.png")


def test_graphic_equals_the_pdf_rasterised_at_the_printer_resolution(tmp_path):
    """Dot for dot: the decoded ^GF is the badge PDF through PDFium at 203 dpi, thresholded."""
    from badge_helpers import badge

    from printing.raster import black_layer, render_label
    from printing.render import render_badge

    tpl = load_template("label-4x6")
    pdf = render_badge(badge("Xiaoming", "Wang", "王小明", "family-first"), tpl)
    spec = PrintJobSpec(pdf, "t", tpl.width_mm, tpl.height_mm, copies=3)
    for compress in ("acs", "z64"):
        image, info = decode_label(build_zpl(spec, dpi=203, width_mm=101.6, compress=compress))
        bitmap = render_label(pdf, tpl.width_mm, tpl.height_mm, width_dots=808, dpi_x=203, dpi_y=203)
        expected = black_layer(bitmap.image)
        assert image.convert("L").tobytes() == expected.convert("L").tobytes()
        assert info["copies"] == 3


def test_compression_round_trips_edge_rows():
    rows = [bytes(10), bytes(10), b"\xff" * 10, b"\x12\x34" + bytes(8), b"\xab" * 3 + b"\xff" * 7, b"\x0f" * 10,
            bytes([1]) * 10 + b""]
    rows.append(bytes(range(10)))
    rows.append(b"\x00" * 9 + b"\x01")
    packed = acs_compress(rows)
    assert decode_acs(packed, 10, len(rows)) == b"".join(rows)
    assert packed.startswith(",:!")  # a zero row, its repeat, a row of ones
    long_run = [b"\x77" * 300 + b"\x01"]
    assert decode_acs(acs_compress(long_run), 301, 1) == long_run[0]


@pytest.mark.parametrize(
    ("state", "words"),
    [
        ({"paper_out": True}, "out of labels: load a roll"),
        ({"head_open": True}, "the print head is open: close it"),
        ({"paused": True}, "the printer is paused: press its pause button"),
        ({"ribbon_out": True, "thermal_transfer": True}, "out of ribbon"),
        ({"buffer_full": True, "formats": 99}, "the printer's receive buffer is full"),
    ],
    ids=["paper-out", "head-open", "paused", "ribbon-out", "spool-full"],
)
def test_host_status_refusal_keeps_the_job_queued_in_words(station, state, words):
    station.add_attendees([person(*SCRIPTS["arabic"])])
    with LabelPrinter("zpl") as printer:
        for k, v in state.items():
            setattr(printer.zebra, k, v)
        queue = PrintQueue(station, backend(printer), template="label-4x6", backoff_s=0)
        job_id = queue.enqueue("P-arabic")
        job = queue.process(job_id)
        assert job.status == "queued" and words in job.reason, job.reason
        assert printer.jobs[-1] == b"~HS"  # nothing but the status request was sent
        assert station.badges(station.attendee("P-arabic")["id"]) == []
        printer.zebra.__init__()  # staff fixed it
        job = queue.process(job_id)
        assert job.status == "done" and len(station.badges(job.attendee_id)) == 1


def test_connection_dropped_mid_job_keeps_the_job(station):
    station.add_attendees([person(*SCRIPTS["chinese"])])
    with LabelPrinter("zpl", drop_after=2000) as printer:
        queue = PrintQueue(station, backend(printer), template="label-4x6", backoff_s=0)
        job = queue.process(queue.enqueue("P-chinese"))
        assert len(printer.jobs[-1]) == 2000
    assert job.status == "queued" and "ZPL printer at 127.0.0.1" in job.reason, job.reason
    assert any(w in job.reason for w in ("dropped", "closed the connection")), job.reason
    assert station.badges(job.attendee_id) == []


def test_printer_that_never_answers_keeps_the_job(station):
    station.add_attendees([person(*SCRIPTS["chinese"])])
    with LabelPrinter("zpl", silent=True) as printer:
        queue = PrintQueue(station, backend(printer, timeout=0.3), template="label-4x6", backoff_s=0)
        job = queue.process(queue.enqueue("P-chinese"))
    assert job.status == "queued" and "did not answer ~HS within 0.3 s" in job.reason, job.reason
    assert station.badges(job.attendee_id) == []


def test_host_status_parsing():
    ok = b"\x02030,0,0,1218,000,0,0,0,000,0,0,0\x03\r\n\x02001,0,0,0,0,2,6,0,00000000,1,000\x03\r\n\x021234,0\x03\r\n"
    status = parse_host_status(ok)
    assert status.words() == [] and status.formats_in_buffer == 0
    bad = ok.replace(b"030,0,0,1218,000,0,0,0,000,0,0,0", b"030,1,1,1218,002,1,0,0,000,1,0,1")
    assert parse_host_status(bad).words() == [
        "out of labels: load a roll",
        "the printer is paused: press its pause button",
        "the printer's receive buffer is full",
        "the print head is too hot: let it cool",
        "the printer's memory is corrupt (configuration lost): switch it off and on",
    ]
    with pytest.raises(BackendError, match="not a ZPL host status"):
        parse_host_status(b"\x02hello\x03\r\n")


def test_bad_addresses_are_refused_in_words():
    with pytest.raises(PrintingError, match="203, 300 or 600 dpi, not 250"):
        open_backend("zpl://printer?dpi=250")
    with pytest.raises(PrintingError, match="label width 500 mm"):
        open_backend("zpl://printer?width_mm=500")
    with pytest.raises(PrintingError, match="unknown ZPL graphic compression 'lzw'"):
        open_backend("zpl://printer?compress=lzw")
    with pytest.raises(PrintingError, match="bad option"):
        open_backend("zpl://printer?dpi=high")
    assert open_backend("zpl://10.0.0.9?dpi=300&width_mm=100").describe()["target"] == (
        "ZPL printer at 10.0.0.9:9100, 100 mm, 300 dpi"
    )
