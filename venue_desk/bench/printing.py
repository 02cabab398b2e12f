"""Badge benchmarks: one badge to PDF (p50/p99, fonts loaded once), a 1,000-badge A4 batch, PDF size.

Targets (DESIGN.md): ≤ 50 ms a badge including QR and CJK/Arabic; 1,000-badge sheet PDF ≤ 20 s;
one badge ≤ 300 KB. Built from synthetic names in every script; no station is touched.
Label printers (issue 20): a desk scan's verdict → the badge accepted by a Brother QL / Zebra stand-in on
127.0.0.1, p95 ≤ 1 s (``label_brother_ql_s``, ``label_zpl_s``), on a temporary station.
"""

from __future__ import annotations

import itertools
import time
from typing import Any

from venue_desk.bench import BenchOptions, summarise

__all__ = ["run"]

_NAMES = [
    ("José María", "Fernández-Núñez", "", "given-first"),
    ("Xiaoming", "Wang", "王小明", "family-first"),
    ("Taro", "Yamada", "山田 太郎", "family-first"),
    ("Min-jun", "Kim", "김민준", "family-first"),
    ("Fatima", "Al-Zahra", "فاطمة الزهراء", "given-first"),
    ("David", "Levi", "דוד לוי", "given-first"),
    ("Иван", "Петров", "", "given-first"),
    ("Γιώργος", "Παπαδόπουλος", "", "given-first"),
    ("Narendra", "Sharma", "नरेन्द्र शर्मा", "given-first"),
    ("Somchai", "Jaidee", "สมชาย ใจดี", "given-first"),
    # issue 16: the shaped scripts (HarfBuzz) and the new script fonts
    ("Suman", "Chattopadhyay", "সুমন চট্টোপাধ্যায়", "given-first"),
    ("Muthulakshmi", "Reddy", "முத்துலட்சுமி ரெட்டி", "given-first"),
    ("Kumar", "Sangakkara", "කුමාර් සංගක්කාර", "given-first"),
    ("Sopheap", "Chan", "ចាន់ សុភាព", "family-first"),
    ("Aung San Suu Kyi", "", "အောင်ဆန်းစုကြည်", "given-first"),
    ("Tenzin", "Gyatso", "བསྟན་འཛིན་རྒྱ་མཚོ", "given-first"),
    ("Nino", "Beridze", "ნინო ბერიძე", "given-first"),
    ("Abebe", "Bikila", "አበበ ቢቂላ", "given-first"),
    ("Ngọc Hưởng", "Nguyễn Thị", "", "family-first"),
]


def _badges(n: int) -> list[Any]:
    from printing.data import BadgeData
    from venue_app.keys import SigningKey
    from venue_app.tokens import BadgeClaims, encode_token, new_serial

    key = SigningKey.generate()
    out = []
    for i, (given, family, native, order) in zip(range(n), itertools.cycle(_NAMES), strict=False):
        serial = new_serial()
        token = encode_token(BadgeClaims("0a1b2c3d", serial, "DELEGATE", key.key_id), key)
        out.append(
            BadgeData(
                token,
                given_name=given,
                family_name=f"{family} {i}" if i >= len(_NAMES) else family,
                native_name=native,
                name_order=order,
                honorific="H.E.",
                organisation="City Hall",
                city="Guangzhou",
                country="CN",
                category="delegate",
                category_label="Delegate",
                category_color="#1565c0",
                event_name="13th Metropolis World Congress",
                serial=serial,
            )
        )
    return out


def run(options: BenchOptions, report: dict[str, Any]) -> None:
    from printing.fonts import default_registry
    from printing.render import render_pdf
    from printing.templates import load_template

    registry = default_registry()
    started = time.perf_counter()
    registry.load_all()
    report["badge_fonts_load_s"] = round(time.perf_counter() - started, 3)
    template = load_template("congress-a6")
    badges = _badges(len(_NAMES) + 50)
    render_pdf(badges[: len(_NAMES)], template)  # warm-up: first use of each font and glyph
    samples = []
    sizes = []
    for data in badges[len(_NAMES) :]:
        t0 = time.perf_counter()
        pdf, _ = render_pdf([data], template)
        samples.append((time.perf_counter() - t0) * 1000)
        sizes.append(len(pdf or b""))
    summarise("badge_render", samples, report)
    report["badge_pdf_kb"] = round(max(sizes) / 1024, 1)
    sheet = load_template("a4-4up")
    many = _badges(1000)
    t0 = time.perf_counter()
    pdf, result = render_pdf(many, sheet)
    report["badge_batch_1000_s"] = round(time.perf_counter() - t0, 2)
    report["badge_batch_1000_mb"] = round(len(pdf or b"") / 1024 / 1024, 2)
    report["badge_batch_1000_pages"] = result.pages
    _label_printers(report)


# -- issue 20: scan verdict → last byte accepted by a network label printer -------------------------
def _label_standin(kind: str) -> tuple[Any, Any]:
    """A printer stand-in on 127.0.0.1: answers Brother ``ESC i S`` / print and Zebra ``~HS`` as the
    real ones do (tests/printing/labelprinter.py is the full one, with refusals)."""
    import socket
    import threading

    server = socket.create_server(("127.0.0.1", 0))
    ok_status = bytes([0x80, 0x20, 0x42, 0x34, 0x41, 0x30, 0x30, 0, 0, 0, 62, 0x0A]) + bytes(20)
    done_status = ok_status[:18] + b"\x01" + ok_status[19:]
    host_status = b"".join(
        b"\x02" + s + b"\x03\r\n"
        for s in (b"030,0,0,1218,000,0,0,0,000,0,0,0", b"001,0,0,0,0,2,6,0,00000000,1,000", b"1234,0")
    )

    def handle(conn: Any) -> None:
        from brother_ql.reader import chunker

        data, pages, asked = b"", 0, 0
        with conn:
            while chunk := conn.recv(65536):
                data += chunk
                if kind == "zpl":
                    for _ in range(data.count(b"~HS") - asked):
                        conn.sendall(host_status)
                    asked = data.count(b"~HS")
                elif data.endswith(b"\x1biS"):
                    conn.sendall(ok_status)
                elif data.endswith(b"\x1a"):
                    try:  # 0x1A inside raster data is not a print command: count whole instructions
                        n = sum(1 for i in chunker(data, raise_exception=True) if i in (b"\x1a", b"\x0c"))
                    except (ValueError, IndexError):
                        continue
                    conn.sendall(done_status * (n - pages))
                    pages = n

    def serve() -> None:
        while True:
            try:
                conn, _ = server.accept()
            except OSError:
                return
            threading.Thread(target=handle, args=(conn,), daemon=True).start()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    return server, thread


def _label_printers(report: dict[str, Any], n: int = 40) -> None:
    """``label_brother_ql_s`` / ``label_zpl_s``: p95 seconds from a desk scan's verdict (ok) to the
    printer's acceptance of the badge (62 mm Brother, A6 badge; 4 × 6 in Zebra at 203 dpi), through the
    real print queue: render, rasterise at the printer's resolution, encode, send, confirmation."""
    import tempfile
    from pathlib import Path

    from printing.backends import open_backend
    from printing.queue import PrintQueue
    from venue_app.paths import Paths
    from venue_app.station import Station
    from venue_desk.bench import percentile

    people = [{"code": f"LBL{i:04d}", "given_name": g, "family_name": f, "native_name": nat, "name_order": o,
               "category": "delegate"} for i, (g, f, nat, o) in zip(range(2 * n + 2), itertools.cycle(_NAMES))]
    with tempfile.TemporaryDirectory() as tmp:
        station = Station.init_standalone(Paths.at(Path(tmp)), event_name="Bench Congress")
        try:
            station.add_attendees(people)
            codes = iter(p["code"] for p in people)
            for kind, spec, template in (
                ("brother_ql", "brother-ql://127.0.0.1:{port}?model=QL-820NWB&label=62", "congress-a6"),
                ("zpl", "zpl://127.0.0.1:{port}?dpi=203&width_mm=101.6", "label-4x6"),
            ):
                server, thread = _label_standin("zpl" if kind == "zpl" else "brother")
                try:
                    queue = PrintQueue(station, open_backend(spec.format(port=server.getsockname()[1])),
                                       template=template)
                    samples = []
                    for i in range(n + 1):
                        verdict = station.scan(next(codes), source="bench")
                        t0 = time.perf_counter()
                        job = queue.process(queue.enqueue(verdict.attendee["id"]))
                        if job.status != "done":
                            raise RuntimeError(f"{kind} bench badge not printed: {job.reason}")
                        if i:  # the first one loads fonts and QtPdf
                            samples.append(time.perf_counter() - t0)
                    report[f"label_{kind}_s"] = round(percentile(samples, 95), 3)
                finally:
                    server.close()
                    thread.join(5)
        finally:
            station.close()
