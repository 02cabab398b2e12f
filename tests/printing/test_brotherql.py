"""Brother QL back-end: badges sent through the print queue to a fake network QL, read back with
``brother_ql``'s own reader, the QR decoded and scanned in; refusals keep the job queued, in words."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
import zxingcpp
from badge_helpers import NAMES
from labelprinter import LabelPrinter
from PIL import Image

from printing.backends import PrintJobSpec, open_backend
from printing.brotherql import BrotherQLBackend, build_raster, parse_status, status_words
from printing.errors import BackendError, PrintingError
from printing.queue import PrintQueue
from printing.raster import black_layer, render_label
from printing.templates import load_template

#: a name per script family the issue names: Latin, Chinese, Arabic, Devanagari (+ a name with no Latin form)
SCRIPTS = {n[0]: n for n in NAMES if n[0] in ("latin", "chinese", "arabic", "devanagari", "tamil-only")}
HEAD_DOTS = 720  # QL-8xx print head: 90 bytes a row
WIDTH_62 = 696  # printable dots of 62 mm labels (brother_ql.labels)
LEFT_62 = HEAD_DOTS - WIDTH_62 - 12  # the label's right offset, read back unmirrored


def read_back(stream: bytes, tmp_path: Path) -> list[Image.Image]:
    """Every page of a raster stream, decoded by ``brother_ql.reader`` (it writes one PNG a page)."""
    from brother_ql.reader import BrotherQLReader

    reader = BrotherQLReader(io.BytesIO(stream))
    reader.filename_fmt = str(tmp_path / "page{counter:02d}.png")
    reader.analyse()
    pages = sorted(tmp_path.glob("page*.png"))
    return [Image.open(p).convert("RGB") for p in pages]


def job_stream(printer: LabelPrinter) -> bytes:
    """The raster job of the last connection, without the status request that precedes it."""
    data = printer.jobs[-1]
    status_request = b"\x00" * 400 + b"\x1b@\x1biS"
    assert data.startswith(status_request), data[:420].hex()
    return data[len(status_request) :]


def qr_tokens(image: Image.Image) -> list[str]:
    return [r.text for r in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)]


def ink(image: Image.Image, box: tuple[float, float, float, float]) -> float:
    """Share of dark pixels in a box (pixels)."""
    region = image.convert("L").crop(tuple(round(v) for v in box))
    hist = region.histogram()
    return sum(hist[:128]) / max(1, region.width * region.height)


def name_boxes(template: str, px_per_mm: float, left: float, top: float = 0) -> list[tuple[float, ...]]:
    tpl = load_template(template)
    out = []
    for el in tpl.elements:
        if getattr(el, "field", None) in ("display_name", "native_name"):
            out.append((left + el.x * px_per_mm, top + el.y * px_per_mm,
                        left + (el.x + el.w) * px_per_mm, top + (el.y + el.h) * px_per_mm))
    return out


def backend(printer: LabelPrinter, query: str = "model=QL-820NWB&label=62", timeout: float = 5) -> BrotherQLBackend:
    be = open_backend(f"brother-ql://{printer.spec_host}?{query}&timeout={timeout}&print_timeout={timeout}")
    assert isinstance(be, BrotherQLBackend)
    return be


def person(label: str, given: str, family: str, native: str, order: str, **extra: str) -> dict[str, str]:
    return {"code": f"P-{label}", "given_name": given, "family_name": family, "native_name": native,
            "name_order": order, "category": "delegate", **extra}


@pytest.mark.parametrize("label", list(SCRIPTS))
def test_badge_prints_on_62mm_reads_back_and_checks_the_person_in(station, tmp_path, label):
    station.add_attendees([person(*SCRIPTS[label])])
    with LabelPrinter("brother") as printer:
        queue = PrintQueue(station, backend(printer))
        job = queue.process(queue.enqueue(f"P-{label}"))
        assert job.status == "done", job.reason
        assert job.backend == "brother-ql" and job.backend_ref.endswith("printed 1")
        stream = job_stream(printer)
    (page,) = read_back(stream, tmp_path)
    # endless 62 mm: the whole A6 badge, scaled to the printable width at 300 dpi, not clipped
    scale = WIDTH_62 / (105 / 25.4 * 300)
    assert page.size == (HEAD_DOTS, round(148 / 25.4 * 300 * scale))
    # what came back is, dot for dot, the badge rasterised at the printer's resolution
    tpl = load_template("congress-a6")
    pdf = _pdf_of(station, job)
    expected = black_layer(render_label(pdf, tpl.width_mm, tpl.height_mm, width_dots=WIDTH_62).image)
    got = page.convert("L").crop((LEFT_62, 0, LEFT_62 + WIDTH_62, page.height)).point(lambda v: 255 * (v >= 128))
    assert got.tobytes() == expected.convert("L").tobytes()
    assert ink(page, (0, 0, LEFT_62, page.height)) == 0  # nothing printed off the label
    (token,) = qr_tokens(page)
    attendee = station.attendee(f"P-{label}")
    verdict = station.scan(token)
    assert verdict.status == "ok" and verdict.attendee["id"] == attendee["id"], verdict
    px_per_mm = WIDTH_62 / 105
    native = SCRIPTS[label][3]
    boxes = name_boxes("congress-a6", px_per_mm, LEFT_62)
    for box in boxes[: 2 if native else 1]:
        assert ink(page, box) > 0.02, (label, box)


def _pdf_of(station, job) -> bytes:
    """The badge PDF the queue rendered for ``job`` (same token, template and fonts)."""
    from printing.queue import badge_data_for
    from printing.render import render_pdf

    token = station.replica.one("SELECT badge_token FROM print_jobs WHERE id = ?", (job.id,))["badge_token"]
    data = badge_data_for(station, station.attendee(job.attendee_id), token, job.badge_serial)
    pdf, _ = render_pdf([data], load_template(job.template), title=f"badge {job.badge_serial}")
    return pdf


def test_stream_cuts_each_badge_and_names_the_roll(station, tmp_path):
    from brother_ql.reader import BrotherQLReader

    station.add_attendees([person(*SCRIPTS["chinese"])])
    with LabelPrinter("brother") as printer:
        queue = PrintQueue(station, backend(printer))
        job = queue.process(queue.enqueue("P-chinese", copies=2))
        assert job.status == "done" and job.backend_ref.endswith("printed 2"), job.reason
        stream = job_stream(printer)
    reader = BrotherQLReader(io.BytesIO(stream))
    reader.filename_fmt = str(tmp_path / "p{counter}.png")
    reader.analyse()
    assert reader.cut_at_end and reader.mwidth == 62 and not reader.two_color_printing
    assert len(list(tmp_path.glob("p*.png"))) == 2
    assert b"\x1biM\x40" in stream and b"\x1biA\x01" in stream  # auto-cut on, every label
    assert stream.endswith(b"\x1a") and stream.count(b"\x1biz") == 2


def test_die_cut_62x100_fits_the_label(station, tmp_path):
    station.add_attendees([person(*SCRIPTS["arabic"])])
    with LabelPrinter("brother") as printer:
        printer.brother.media_type, printer.brother.media_length = 0x0B, 100
        queue = PrintQueue(station, backend(printer, "model=QL-820NWB&label=62x100"))
        job = queue.process(queue.enqueue("P-arabic"))
        assert job.status == "done", job.reason
        stream = job_stream(printer)
    (page,) = read_back(stream, tmp_path)
    assert page.size == (HEAD_DOTS, 1109)  # the label's printable length, exactly
    (token,) = qr_tokens(page)
    assert station.scan(token).status == "ok"
    page.save(tmp_path / "die-cut.png")


def test_black_red_roll_prints_the_red_parts_red(station, tmp_path):
    """QL-820NWB on DK-22251: a red category band comes back in the red layer, the name in black."""
    station.add_attendees([person(*SCRIPTS["devanagari"])])
    station_red = _with_category_colour(station, "#d32f2f")
    with LabelPrinter("brother") as printer:
        queue = PrintQueue(station_red, backend(printer, "model=QL-820NWB&label=62red"))
        job = queue.process(queue.enqueue("P-devanagari"))
        assert job.status == "done", job.reason
        stream = job_stream(printer)
    assert b"\x77\x02" in stream  # 2-colour raster rows
    (page,) = read_back(stream, tmp_path)
    px = WIDTH_62 / 105
    rule = page.crop((LEFT_62, round(17.2 * px), LEFT_62 + WIDTH_62, round(18 * px)))
    assert share(rule, lambda r, g, b: r > 200 and g < 80) > 0.9  # the 1.2 mm category rule, red
    name = page.crop(tuple(round(v) for v in name_boxes("congress-a6", px, LEFT_62)[0]))
    assert share(name, lambda r, g, b: r < 80 and g < 80) > 0.02  # the name, black
    assert share(name, lambda r, g, b: r > 200 and g < 80) == 0
    (token,) = qr_tokens(page)
    assert station.scan(token).status == "ok"


def share(image: Image.Image, test) -> float:
    """Share of an RGB image's pixels for which ``test(r, g, b)`` holds."""
    data = image.convert("RGB").tobytes()
    pixels = [tuple(data[i : i + 3]) for i in range(0, len(data), 3)]
    return sum(1 for p in pixels if test(*p)) / max(1, len(pixels))


def _with_category_colour(station, colour: str):
    """The station with the delegate category in ``colour`` (its badge band and rule)."""
    with station.replica.transaction() as conn:
        conn.execute(
            "INSERT INTO categories(code, label, color) VALUES ('delegate', 'Delegate', ?)"
            " ON CONFLICT(code) DO UPDATE SET color = excluded.color",
            (colour,),
        )
    return station


def test_600_dpi_mode_doubles_the_rows(station, tmp_path):
    station.add_attendees([person(*SCRIPTS["latin"])])
    with LabelPrinter("brother") as printer:
        queue = PrintQueue(station, backend(printer, "model=QL-820NWB&label=62&hires=1"))
        job = queue.process(queue.enqueue("P-latin"))
        assert job.status == "done", job.reason
        stream = job_stream(printer)
    (page,) = read_back(stream, tmp_path)
    scale = WIDTH_62 / (105 / 25.4 * 300)
    assert page.height == round(148 / 25.4 * 600 * scale)
    square = page.resize((page.width, page.height // 2))
    (token,) = qr_tokens(square)
    assert station.scan(token).status == "ok"


@pytest.mark.parametrize(
    ("state", "words"),
    [
        ({"error2": 1 << 4}, "the printer's cover is open"),
        ({"error1": 1, "media_type": 0x00, "media_width": 0}, "no labels in the printer: load a roll"),
        ({"media_width": 29}, "wrong label roll: 29 mm endless labels are loaded, this desk prints on 62mm endless"),
        ({"error1": 1 << 2}, "the cutter is jammed"),
    ],
    ids=["cover-open", "no-labels", "wrong-roll", "cutter-jam"],
)
def test_printer_refusal_keeps_the_job_queued_in_words(station, state, words):
    station.add_attendees([person(*SCRIPTS["latin"])])
    with LabelPrinter("brother") as printer:
        for k, v in state.items():
            setattr(printer.brother, k, v)
        queue = PrintQueue(station, backend(printer), backoff_s=0)
        job_id = queue.enqueue("P-latin")
        job = queue.process(job_id)
        assert job.status == "queued" and words in job.reason, job.reason
        assert len(printer.jobs[-1]) == 405  # only the status request: no raster was sent
        assert station.badges(station.attendee("P-latin")["id"]) == []  # nothing issued
        printer.brother.__init__()  # staff fixed it
        job = queue.process(job_id)
        assert job.status == "done" and len(station.badges(job.attendee_id)) == 1


def test_connection_dropped_mid_job_keeps_the_job(station):
    station.add_attendees([person(*SCRIPTS["chinese"])])
    with LabelPrinter("brother", drop_after=5000) as printer:
        queue = PrintQueue(station, backend(printer), backoff_s=0)
        job = queue.process(queue.enqueue("P-chinese"))
        assert len(printer.jobs[-1]) == 5000
    assert job.status == "queued" and "Brother QL-820NWB" in job.reason, job.reason
    assert any(w in job.reason for w in ("dropped", "closed the connection")), job.reason
    assert station.badges(job.attendee_id) == []


def test_printer_that_never_answers_keeps_the_job(station):
    station.add_attendees([person(*SCRIPTS["chinese"])])
    with LabelPrinter("brother", silent=True) as printer:
        queue = PrintQueue(station, backend(printer, timeout=0.3), backoff_s=0)
        job = queue.process(queue.enqueue("P-chinese"))
    assert job.status == "queued" and "did not answer within 0.3 s" in job.reason, job.reason
    assert station.badges(job.attendee_id) == []


def test_error_while_printing_keeps_the_job(station):
    station.add_attendees([person(*SCRIPTS["latin"])])
    with LabelPrinter("brother") as printer:
        printer.brother.fail_print = True
        queue = PrintQueue(station, backend(printer), backoff_s=0)
        job = queue.process(queue.enqueue("P-latin"))
    assert job.status == "queued" and "reported an error" in job.reason, job.reason
    assert station.badges(job.attendee_id) == []


def test_nothing_listening_is_refused_in_words(station):
    station.add_attendees([person(*SCRIPTS["latin"])])
    with LabelPrinter("brother") as printer:
        port = printer.port
    queue = PrintQueue(station, open_backend(f"brother-ql://127.0.0.1:{port}?label=62"), backoff_s=0)
    job = queue.process(queue.enqueue("P-latin"))
    assert job.status == "queued" and f"cannot reach the Brother QL-820NWB at 127.0.0.1:{port}" in job.reason


def test_status_parsing_in_words():
    from labelprinter import BrotherState, brother_status_bytes

    ok = parse_status(brother_status_bytes(BrotherState()))
    assert ok.model == "QL-820NWB" and ok.media_width_mm == 62 and status_words(ok, "62") == []
    assert status_words(ok, "62x100") == [
        "wrong label roll: 62 mm endless labels are loaded, this desk prints on 62mm x 100mm die-cut labels"
    ]
    both = parse_status(brother_status_bytes(BrotherState(error1=1 << 5, error2=1 << 4)))
    assert status_words(both) == ["the printer is switched off", "the printer's cover is open"]
    with pytest.raises(BackendError, match="not a Brother QL status"):
        parse_status(b"HTTP/1.1 400 Bad Request\r\n\r\n......")


def test_bad_addresses_are_refused_in_words():
    with pytest.raises(PrintingError, match="unknown Brother QL model 'QL-9'"):
        open_backend("brother-ql://printer?model=QL-9")
    with pytest.raises(PrintingError, match="unknown Brother label '63'"):
        open_backend("brother-ql://printer?label=63")
    with pytest.raises(PrintingError, match="cannot print black/red"):
        open_backend("brother-ql://printer?model=QL-1110NWB&label=62red")
    with pytest.raises(PrintingError, match="102mm endless labels are too wide for the QL-820NWB"):
        open_backend("brother-ql://printer?model=QL-820NWB&label=102")
    with pytest.raises(PrintingError, match="unknown option"):
        open_backend("brother-ql://printer?colour=red")
    be = open_backend("brother-ql://10.0.0.7?model=QL-1110NWB&label=102")
    assert be.describe()["target"] == "QL-1110NWB at 10.0.0.7:9100, 102 labels"


def test_landscape_badge_turns_along_the_roll(tmp_path):
    """A landscape CR80 card (85.6 × 54 mm) fits 62 mm only turned: it prints at full size."""
    from badge_helpers import badge

    from printing.render import render_badge

    tpl = load_template("cr80")
    if tpl.width_mm <= tpl.height_mm:
        pytest.fail("cr80 is expected to be landscape")
    pdf = render_badge(badge("Ana", "Silva"), tpl)
    stream = build_raster(PrintJobSpec(pdf, "t", tpl.width_mm, tpl.height_mm), label="62")
    (page,) = read_back(stream, tmp_path)
    assert page.height == round(tpl.width_mm / 25.4 * 300)  # the card's long side runs along the roll
    assert qr_tokens(page)


# -- USB: the printer as a device file (Linux usblp); a raw pseudo-terminal stands in for /dev/usb/lp0 --
def usb_backend(printer, query: str = "model=QL-820NWB&label=62") -> BrotherQLBackend:
    be = open_backend(f"brother-ql://{printer.device}?{query}&timeout=5&print_timeout=5")
    assert isinstance(be, BrotherQLBackend) and be.target == printer.device
    return be


def test_usb_device_file_prints_reads_back_and_checks_in(station, tmp_path):
    from labelprinter import UsbLabelPrinter

    station.add_attendees([person(*SCRIPTS["chinese"])])
    with UsbLabelPrinter("brother") as printer:
        queue = PrintQueue(station, usb_backend(printer))
        job = queue.process(queue.enqueue("P-chinese"))
        assert job.status == "done" and job.backend_ref == f"{printer.device} printed 1", job.reason
        stream = job_stream(printer)
    (page,) = read_back(stream, tmp_path)
    (token,) = qr_tokens(page)
    assert station.scan(token).status == "ok"


def test_usb_cover_open_and_unplugged_keep_the_job(station):
    from labelprinter import UsbLabelPrinter

    station.add_attendees([person(*SCRIPTS["arabic"])])
    with UsbLabelPrinter("brother") as printer:
        printer.brother.error2 = 1 << 4
        queue = PrintQueue(station, usb_backend(printer), backoff_s=0)
        job = queue.process(queue.enqueue("P-arabic"))
        assert job.status == "queued" and "the printer's cover is open" in job.reason, job.reason
    with UsbLabelPrinter("brother", drop_after=3000) as printer:
        queue = PrintQueue(station, usb_backend(printer), backoff_s=0)
        # a job is printed only on its own printer: staff move it to the one plugged in now
        job = queue.process(queue.retry(job.id, target=queue.target).id)
        assert job.status == "queued" and "was unplugged or switched off" in job.reason, job.reason
    assert station.badges(job.attendee_id) == []
    queue = PrintQueue(station, open_backend("brother-ql:///dev/usb/no-such-lp9?label=62"), backoff_s=0)
    job = queue.process(queue.retry(job.id, target=queue.target).id)
    assert "cannot open the Brother QL-820NWB at /dev/usb/no-such-lp9: No such file or directory" in job.reason
