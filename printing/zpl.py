"""Zebra label printers over the network, driverless: ZPL II on TCP port 9100.

``zpl://HOST[:PORT]?dpi=203|300&width_mm=101.6`` (options below). The badge is one ``^GF`` graphic
field: the PDF rasterised at the printer's dot pitch (:mod:`printing.raster`), scaled to the label
width, so every script and the QR print exactly as on the PDF (no printer fonts, no ``^BQ``: the QR is
part of the graphic). The graphic is sent as ASCII hex with Zebra's run-length compression
(``compress=acs``, every ZPL II printer) or zlib + base64 (``compress=z64``, firmware V60.13 and
later, smaller over slow links).

A job is *accepted* when the printer answers ``~HS`` (host status) sent right after the label: a
printer reads its port in order, so the answer proves it took every byte before it. Before the label,
``~HS`` is read and problems are refused in words (:class:`~printing.errors.BackendError`: the print
queue keeps the job): out of labels, print head open, ribbon out, paused, buffer full, head too hot or
too cold, memory corrupt. ``status=off`` skips both exchanges for printers that do not answer.

Options: ``dpi`` (203, 300 or 600), ``width_mm`` (printable width, default 101.6 = 4 in),
``length_mm`` (die-cut label length: the badge is shrunk to fit it; default: as long as the badge),
``compress`` (acs | z64), ``timeout`` (seconds, default 5), ``status=off``.
"""

from __future__ import annotations

import base64
import binascii
import socket
import zlib
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlsplit

from printing.errors import BackendError, PrintingError
from printing.job import Accepted, PrintJobSpec
from printing.raster import black_layer, render_label

__all__ = [
    "ZplBackend",
    "ZplStatus",
    "acs_compress",
    "build_zpl",
    "graphic_field",
    "parse_host_status",
    "z64_encode",
]

DEFAULT_PORT = 9100
_STX, _ETX = b"\x02", b"\x03"
#: ZPL's run-length counts: G..Y = 1..19, g..z = 20..400 (in twenties)
_SMALL = "GHIJKLMNOPQRSTUVWXY"
_LARGE = "ghijklmnopqrstuvwxyz"


@dataclass(frozen=True)
class ZplStatus:
    """``~HS`` read back: the flags that stop a label, and what the printer holds."""

    paper_out: bool
    paused: bool
    buffer_full: bool
    corrupt_ram: bool
    under_temperature: bool
    over_temperature: bool
    head_open: bool
    ribbon_out: bool
    thermal_transfer: bool
    formats_in_buffer: int
    labels_remaining: int
    raw: list[str] = field(default_factory=list)

    def words(self) -> list[str]:
        """Every problem in words staff act on (empty: ready)."""
        out = []
        if self.paper_out:
            out.append("out of labels: load a roll")
        if self.head_open:
            out.append("the print head is open: close it")
        if self.ribbon_out and self.thermal_transfer:
            out.append("out of ribbon")
        if self.paused:
            out.append("the printer is paused: press its pause button")
        if self.buffer_full:
            out.append("the printer's receive buffer is full")
        if self.over_temperature:
            out.append("the print head is too hot: let it cool")
        if self.under_temperature:
            out.append("the print head is too cold")
        if self.corrupt_ram:
            out.append("the printer's memory is corrupt (configuration lost): switch it off and on")
        return out


def parse_host_status(data: bytes) -> ZplStatus:
    """The three ``<STX>…<ETX><CR><LF>`` strings of a ``~HS`` answer (ZPL II manual, ``~HS``):

    1. ``aaa,b,c,dddd,eee,f,g,h,iii,j,k,l``: interface, paper out, pause, label length, formats in the
       receive buffer, buffer full, diagnostic mode, partial format, unused, corrupt RAM, under / over
       temperature;
    2. ``mmm,n,o,p,q,r,s,t,uuuuuuuu,v,www``: function settings, unused, head up, ribbon out, thermal
       transfer, print mode, width mode, label waiting, labels remaining, format while printing,
       graphics stored;
    3. ``xxxx,y``: password, static RAM."""
    strings = []
    rest = data
    while _STX in rest:
        start = rest.index(_STX) + 1
        end = rest.find(_ETX, start)
        if end < 0:
            break
        strings.append(rest[start:end].decode("ascii", "replace"))
        rest = rest[end + 1 :]
    try:
        one, two = strings[0].split(","), strings[1].split(",")
        if len(one) < 12 or len(two) < 9:
            raise ValueError(strings)

        def flag(value: str) -> bool:
            return value.strip() == "1"

        return ZplStatus(
            paper_out=flag(one[1]),
            paused=flag(one[2]),
            buffer_full=flag(one[5]),
            corrupt_ram=flag(one[9]),
            under_temperature=flag(one[10]),
            over_temperature=flag(one[11]),
            head_open=flag(two[2]),
            ribbon_out=flag(two[3]),
            thermal_transfer=flag(two[4]),
            formats_in_buffer=int(one[4]),
            labels_remaining=int(two[8]),
            raw=strings,
        )
    except (IndexError, ValueError) as exc:
        raise BackendError(f"the printer's ~HS answer is not a ZPL host status: {data[:120]!r}") from exc


def _run(char: str, n: int) -> str:
    """``n`` copies of hex digit ``char`` in ZPL's repeat-count notation."""
    out = []
    while n > 400:
        out.append("z")
        n -= 400
    if n >= 20:
        out.append(_LARGE[n // 20 - 1])
        n %= 20
    if n > 1:
        out.append(_SMALL[n - 1])
    elif n == 1 and not out:
        return char  # a lone digit needs no count
    elif n == 1:
        out.append("G")
    return "".join(out) + char


def acs_compress(rows: list[bytes]) -> str:
    """Zebra's ASCII compression of hex rows: ``:`` repeats the previous row, ``,`` fills the rest of a
    row with 0, ``!`` with 1s (F), and a count letter before a digit repeats it."""
    out = []
    previous = None
    for row in rows:
        if row == previous:
            out.append(":")
            continue
        previous = row
        text = row.hex().upper()
        tail = ""
        stripped = text.rstrip("0")
        if len(stripped) < len(text):
            text, tail = stripped, ","
        else:
            stripped = text.rstrip("F")
            if len(text) - len(stripped) > 2:
                text, tail = stripped, "!"
        i = 0
        parts = []
        while i < len(text):
            j = i
            while j < len(text) and text[j] == text[i]:
                j += 1
            parts.append(_run(text[i], j - i))
            i = j
        out.append("".join(parts) + tail)
    return "".join(out)


def z64_encode(raw: bytes) -> str:
    """``:Z64:`` + base64(zlib(raw)) + ``:`` + CRC-16/CCITT (XModem) of the base64 text, in hex."""
    b64 = base64.b64encode(zlib.compress(raw, 9))
    return f":Z64:{b64.decode('ascii')}:{binascii.crc_hqx(b64, 0):04X}"


def graphic_field(mask_rows: list[bytes], bytes_per_row: int, compress: str = "acs") -> str:
    """``^GFA,total,total,bytes_per_row,data`` (1 bits print)."""
    total = bytes_per_row * len(mask_rows)
    data = z64_encode(b"".join(mask_rows)) if compress == "z64" else acs_compress(mask_rows)
    return f"^GFA,{total},{total},{bytes_per_row},{data}"


def build_zpl(
    job: PrintJobSpec,
    *,
    dpi: int = 203,
    width_mm: float = 101.6,
    length_mm: float | None = None,
    compress: str = "acs",
) -> bytes:
    """One ZPL label format: the badge as a single graphic at the origin, ``copies`` times."""
    width = int(width_mm / 25.4 * dpi) // 8 * 8  # whole bytes per row
    max_h = int(length_mm / 25.4 * dpi) if length_mm else None

    def layout(rotate: bool):
        return render_label(
            job.pdf, job.width_mm, job.height_mm, width_dots=width, dpi_x=dpi, dpi_y=dpi,
            max_height_dots=max_h, rotate=rotate,
        )

    bitmap = layout(False)
    if job.width_mm > job.height_mm and job.width_mm > width_mm:
        turned = layout(True)
        if turned.scale > bitmap.scale + 1e-6:
            bitmap = turned
    # "1" images: PIL packs 1 = white; ZPL wants 1 = a dot
    mask = black_layer(bitmap.image)
    packed = bytes(b ^ 0xFF for b in mask.tobytes())
    bpr = width // 8
    rows = [packed[i : i + bpr] for i in range(0, len(packed), bpr)]
    length = max_h or len(rows)
    field_ = graphic_field(rows, bpr, compress)
    top = (length - len(rows)) // 2 if max_h else 0
    zpl = (
        f"^XA^CI28^PW{width}^LL{length}^LH0,0^FO0,{top}{field_}^FS"
        f"^PQ{max(1, job.copies)},0,1,Y^XZ"
    )
    return zpl.encode("ascii")


class ZplBackend:
    """One Zebra (or ZPL-compatible) printer on the network."""

    name = "zpl"

    def __init__(
        self,
        host: str,
        port: int = DEFAULT_PORT,
        *,
        dpi: int = 203,
        width_mm: float = 101.6,
        length_mm: float | None = None,
        compress: str = "acs",
        status: bool = True,
        timeout: float = 5.0,
    ) -> None:
        if dpi not in (152, 203, 300, 600):
            raise PrintingError(f"a ZPL printer prints at 203, 300 or 600 dpi, not {dpi}")
        if not 10 <= width_mm <= 220:
            raise PrintingError(f"label width {width_mm:g} mm is not a Zebra label width (10–220 mm)")
        if compress not in ("acs", "z64"):
            raise PrintingError(f"unknown ZPL graphic compression {compress!r}: use acs or z64")
        self.host, self.port = host, port
        self.dpi, self.width_mm, self.length_mm, self.compress = dpi, width_mm, length_mm, compress
        self.status, self.timeout = status, timeout

    @classmethod
    def from_spec(cls, spec: str) -> ZplBackend:
        """``zpl://HOST[:PORT]?dpi=…&width_mm=…`` → a back-end (bad options: :class:`PrintingError`)."""
        url = urlsplit(spec)
        if url.scheme != "zpl" or not url.hostname:
            raise PrintingError(f"not a ZPL printer address: {spec!r} (zpl://HOST[:9100]?dpi=203&width_mm=101.6)")
        opts = {k: v[-1] for k, v in parse_qs(url.query).items()}
        known = {"dpi", "width_mm", "length_mm", "compress", "status", "timeout"}
        if set(opts) - known:
            raise PrintingError(f"unknown option(s) {', '.join(sorted(set(opts) - known))} in {spec!r}")
        try:
            return cls(
                url.hostname,
                url.port or DEFAULT_PORT,
                dpi=int(opts.get("dpi", 203)),
                width_mm=float(opts.get("width_mm", 101.6)),
                length_mm=float(opts["length_mm"]) if "length_mm" in opts else None,
                compress=opts.get("compress", "acs"),
                status=opts.get("status", "on") not in ("0", "no", "false", "off"),
                timeout=float(opts.get("timeout", 5)),
            )
        except ValueError as exc:
            raise PrintingError(f"bad option in {spec!r}: {exc}") from exc

    @property
    def target(self) -> str:
        return f"{self.host}:{self.port}"

    def describe(self) -> dict[str, str]:
        return {"backend": self.name, "target": f"ZPL printer at {self.target}, {self.width_mm:g} mm, {self.dpi} dpi"}

    def _connect(self) -> socket.socket:
        try:
            return socket.create_connection((self.host, self.port), timeout=self.timeout)
        except OSError as exc:
            raise BackendError(f"cannot reach the ZPL printer at {self.target}: {exc.strerror or exc}") from exc

    def _send(self, sock: socket.socket, data: bytes, doing: str) -> None:
        try:
            sock.sendall(data)
        except TimeoutError as exc:
            raise BackendError(f"the ZPL printer at {self.target} stopped taking data {doing}") from exc
        except OSError as exc:
            raise BackendError(f"the connection to the ZPL printer at {self.target} dropped {doing}: {exc}") from exc

    def _host_status(self, sock: socket.socket, doing: str) -> ZplStatus:
        self._send(sock, b"~HS", doing)
        data = b""
        try:
            while data.count(_ETX) < 3:
                chunk = sock.recv(4096)
                if not chunk:
                    raise BackendError(f"the ZPL printer at {self.target} closed the connection {doing}")
                data += chunk
        except TimeoutError as exc:
            raise BackendError(
                f"the ZPL printer at {self.target} did not answer ~HS within {self.timeout:g} s {doing}"
                " (switched off, or not a ZPL printer?)"
            ) from exc
        except OSError as exc:
            raise BackendError(f"the connection to the ZPL printer at {self.target} dropped {doing}: {exc}") from exc
        return parse_host_status(data)

    def query_status(self) -> ZplStatus:
        with self._connect() as sock:
            return self._host_status(sock, "to a status request")

    def submit(self, job: PrintJobSpec) -> Accepted:
        data = build_zpl(job, dpi=self.dpi, width_mm=self.width_mm, length_mm=self.length_mm, compress=self.compress)
        with self._connect() as sock:
            sock.settimeout(self.timeout)
            if self.status:
                problems = self._host_status(sock, "before the badge").words()
                if problems:
                    raise BackendError(f"ZPL printer at {self.target}: " + "; ".join(problems))
            self._send(sock, data, "while the badge was being sent")
            if not self.status:
                return Accepted(self.name, f"{self.target} sent {len(data)} bytes")
            after = self._host_status(sock, "after the badge was sent")
        held = after.words()
        # the label is in the printer's buffer now: it prints once the problem is fixed, so no reprint
        note = f" (held by the printer: {'; '.join(held)})" if held else ""
        return Accepted(self.name, f"{self.target} accepted {len(data)} bytes{note}",
                        "held" if held else "sent", "; ".join(held))

    def job_state(self, ref: str) -> tuple[str, str]:
        """Follow a sent label with ``~HS``: a problem holds it; an empty buffer means it printed."""
        if not self.status:
            return "sent", ""
        now = self.query_status()
        if now.words():
            return "held", "; ".join(now.words())
        if now.formats_in_buffer == 0 and now.labels_remaining == 0:
            return "printed", ""
        return "sent", ""
