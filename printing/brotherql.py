"""Brother QL label printers over the network, driverless: the raster protocol on TCP port 9100.

``brother-ql://HOST[:PORT]?model=QL-820NWB&label=62`` (options below), or a USB printer where the OS
exposes it as a device file: ``brother-ql:///dev/usb/lp0?model=…`` (Linux usblp). The raster commands come from
the maintained ``brother-ql-next`` library (:class:`brother_ql.raster.BrotherQLRaster`); the bitmap is
ours (:mod:`printing.raster`): the badge PDF rasterised at the head's true 300 dpi (300×600 with
``hires=1``), scaled to the printable width, turned when that makes it larger, cut after each badge.
On a black/red roll (``label=62red``, DK-22251, QL-8xx) red parts of the badge print red.

A job is *accepted* only when the printer says "printing completed": before sending, the 32-byte
status (``ESC i S``) is read and any problem — no labels, cover open, the wrong roll — is refused in
words (:class:`~printing.errors.BackendError`, so the print queue keeps the job and shows them);
after sending, the printer's own completion or error message decides. A printer that never answers
is refused after ``timeout`` seconds (``status=off`` skips the status exchange for printers whose
network port does not answer it; then "accepted" only means every byte was sent).

Options: ``model`` (any model ``brother_ql`` knows), ``label`` (``62``, ``62red``, ``62x100``, ``102``,
``102x152``…), ``hires=1``, ``timeout`` (seconds to wait for an answer, default 5), ``print_timeout``
(seconds to wait for "printing completed", default 30), ``status=off``.
"""

from __future__ import annotations

import errno
import logging
import os
import select
import socket
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlsplit

from printing.errors import BackendError, PrintingError
from printing.job import Accepted, PrintJobSpec
from printing.raster import black_layer, red_layers, render_label

__all__ = ["BrotherQLBackend", "BrotherStatus", "build_raster", "parse_status", "status_words"]

log = logging.getLogger(__name__)

DEFAULT_PORT = 9100
STATUS_LEN = 32

#: the library's error texts → what staff at the desk are told
_WORDS = {
    "No media when printing": "no labels in the printer: load a roll",
    "End of media (die-cut size only)": "the label roll is used up: load a new roll",
    "Tape cutter jam": "the cutter is jammed",
    "Not used": "",
    "Main unit in use (QL-560/650TD/1050)": "the printer is busy with another job",
    "Printer turned off": "the printer is switched off",
    "High-voltage adapter (not used)": "",
    "Fan doesn't work (QL-1050/1060N)": "the printer's fan has failed",
    "Replace media error": "the labels must be replaced (wrong or unreadable roll)",
    "Expansion buffer full error": "the printer's memory is full",
    "Transmission / Communication error": "the printer reports a transmission error",
    "Communication buffer full error (not used)": "the printer's buffer is full",
    "Cover opened while printing (Except QL-500)": "the printer's cover is open",
    "Cancel key (not used)": "printing was cancelled at the printer",
    "Media cannot be fed (also when the media end is detected)": "labels cannot be fed (roll at its end or stuck)",
    "System error": "the printer has a system error: switch it off and on",
}


@dataclass(frozen=True)
class BrotherStatus:
    """A parsed 32-byte status message."""

    status_type: str
    phase: str
    model: str
    media_type: str
    media_width_mm: int
    media_length_mm: int
    errors: list[str] = field(default_factory=list)
    raw: bytes = b""


def parse_status(data: bytes) -> BrotherStatus:
    """The library's own status parser, as a typed value; garbage is a :class:`BackendError`."""
    from brother_ql.reader import interpret_response

    try:
        info = interpret_response(data[:STATUS_LEN])
    except (NameError, IndexError) as exc:
        answer = data[:STATUS_LEN].hex(" ")
        raise BackendError(f"the printer's status answer is not a Brother QL status: {answer}") from exc
    return BrotherStatus(
        str(info["status_type"]),
        str(info["phase_type"]),
        str(info["model_name"]),
        str(info["media_type"]),
        int(info["media_width"]),
        int(info["media_length"]),
        list(info["errors"]),
        bytes(data[:STATUS_LEN]),
    )


def status_words(status: BrotherStatus, label: str | None = None) -> list[str]:
    """Every problem in ``status`` in words staff act on; ``label`` (an identifier such as ``62``) adds
    the wrong-roll check. Empty when the printer is ready for that roll."""
    from brother_ql.labels import FormFactor, LabelsManager

    words = [_WORDS.get(e, e.lower()) for e in status.errors]
    words = [w for w in words if w]
    no_media = status.media_type == "No media" or status.media_width_mm == 0
    if no_media and not any("no labels" in w for w in words):
        words.append("no labels in the printer: load a roll")
    if label and not no_media:
        want = LabelsManager()[label]
        die_cut = want.form_factor != FormFactor.ENDLESS
        loaded = (
            f"{status.media_width_mm} mm endless"
            if status.media_type == "Continuous length tape"
            else f"{status.media_width_mm}×{status.media_length_mm} mm die-cut"
        )
        wrong = status.media_width_mm != want.tape_size[0]
        if die_cut:
            wrong = wrong or status.media_type != "Die-cut labels" or status.media_length_mm != want.tape_size[1]
        else:
            wrong = wrong or status.media_type != "Continuous length tape"
        if wrong:
            words.append(f"wrong label roll: {loaded} labels are loaded, this desk prints on {want.name} labels")
    return words


def build_raster(
    job: PrintJobSpec, *, model: str = "QL-820NWB", label: str = "62", hires: bool = False
) -> bytes:
    """The complete raster job for ``job``: one badge per copy, each cut off."""
    from brother_ql.labels import Color, FormFactor, LabelsManager
    from brother_ql.raster import BrotherQLRaster
    from PIL import Image

    spec = LabelsManager()[label]
    qlr = BrotherQLRaster(model)
    qlr.exception_on_warning = True
    mdl = qlr.model
    red = spec.color == Color.BLACK_RED_WHITE
    width = spec.dots_printable[0]
    dpi_y = 600 if hires else 300
    die_cut = spec.form_factor != FormFactor.ENDLESS
    max_h = spec.dots_printable[1] * (2 if hires else 1) if die_cut else None

    def layout(rotate: bool):
        return render_label(
            job.pdf, job.width_mm, job.height_mm, width_dots=width, dpi_y=dpi_y, max_height_dots=max_h, rotate=rotate
        )

    bitmap = layout(False)
    if job.width_mm > job.height_mm:  # a landscape badge: along the roll when that prints it larger
        turned = layout(True)
        if turned.scale > bitmap.scale + 1e-6:
            bitmap = turned
    image = bitmap.image
    rows = image.height
    if die_cut:
        rows = max_h or rows
    rows = max(rows, mdl.min_max_length_dots[0] * (2 if hires else 1))
    if rows != image.height:  # centre along the label (die-cut) or pad to the model's minimum length
        padded = Image.new("RGB", (image.width, rows), "white")
        padded.paste(image, (0, (rows - image.height) // 2))
        image = padded

    # the head is wider than any label: dots go right-aligned minus the label's offset (library's rule)
    head = qlr.get_pixel_width()
    x = head - width - spec.offset_r - mdl.additional_offset_r

    def to_head(mask: Image.Image) -> Image.Image:
        full = Image.new("L", (head, rows), 0)
        full.paste(mask, (x, 0))
        return full.point(lambda v: 255 if v >= 128 else 0, mode="1")  # 1 = a dot

    if red:
        black, red_mask = red_layers(image)
        layers = [to_head(black), to_head(red_mask)]
    else:
        inverted = black_layer(image).convert("L").point(lambda v: 255 - v)
        layers = [to_head(inverted)]

    if mdl.mode_setting:
        qlr.add_switch_mode()
    qlr.add_invalidate()
    qlr.add_initialize()
    if mdl.mode_setting:
        qlr.add_switch_mode()
    copies = max(1, job.copies)
    for page in range(copies):
        qlr.page_number = page
        qlr.mtype = 0x0B if die_cut else 0x0A
        qlr.mwidth = spec.tape_size[0]
        qlr.mlength = spec.tape_size[1] if die_cut else 0
        qlr.pquality = True
        qlr.add_media_and_quality(rows)
        if mdl.cutting:
            qlr.add_autocut(True)
            qlr.add_cut_every(1)
        if mdl.expanded_mode:
            qlr.dpi_600 = hires
            qlr.cut_at_end = True
            qlr.two_color_printing = red
            qlr.add_expanded_mode()
        qlr.add_margins(spec.feed_margin)
        if mdl.compression:
            qlr.add_compression(True)
        qlr.add_raster_data(*layers)
        qlr.add_print(last_page=page == copies - 1)
    return bytes(qlr.data)


class BrotherQLBackend:
    """One Brother QL on the network (raw TCP, port 9100) or on a USB device file."""

    name = "brother-ql"

    def __init__(
        self,
        host: str,
        port: int = DEFAULT_PORT,
        *,
        device: str = "",
        model: str = "QL-820NWB",
        label: str = "62",
        hires: bool = False,
        status: bool = True,
        timeout: float = 5.0,
        print_timeout: float = 30.0,
    ) -> None:
        from brother_ql.labels import Color, LabelsManager
        from brother_ql.models import ModelsManager

        models = ModelsManager()
        labels = LabelsManager()
        if model not in models.identifiers():
            raise PrintingError(f"unknown Brother QL model {model!r}; known: {', '.join(models.identifiers())}")
        if label not in labels.identifiers():
            raise PrintingError(f"unknown Brother label {label!r}; known: {', '.join(labels.identifiers())}")
        spec = labels[label]
        mdl = models[model]
        # by the head's width, not the library's model list (it lacks the QL-1110NWB, a 102 mm printer)
        if spec.dots_printable[0] + spec.offset_r + mdl.additional_offset_r > mdl.number_bytes_per_row * 8:
            raise PrintingError(f"{spec.name} labels are too wide for the {model}")
        if spec.color == Color.BLACK_RED_WHITE and not models[model].two_color:
            raise PrintingError(f"the {model} cannot print black/red labels ({label})")
        self.host, self.port, self.device = host, port, device
        self.model, self.label, self.hires = model, label, hires
        self.status, self.timeout, self.print_timeout = status, timeout, print_timeout

    @classmethod
    def from_spec(cls, spec: str) -> BrotherQLBackend:
        """``brother-ql://HOST[:PORT]?…`` or ``brother-ql:///dev/usb/lp0?…`` → a back-end (bad options:
        :class:`PrintingError`)."""
        url = urlsplit(spec)
        device = url.path if not url.netloc and url.path.startswith("/") else ""
        if url.scheme != "brother-ql" or not (url.hostname or device):
            raise PrintingError(
                f"not a Brother QL printer address: {spec!r} (brother-ql://HOST[:PORT]?model=… or"
                " brother-ql:///dev/usb/lp0?model=…)"
            )
        opts = {k: v[-1] for k, v in parse_qs(url.query).items()}
        known = {"model", "label", "hires", "status", "timeout", "print_timeout"}
        if set(opts) - known:
            raise PrintingError(f"unknown option(s) {', '.join(sorted(set(opts) - known))} in {spec!r}")
        try:
            return cls(
                url.hostname or "",
                url.port or DEFAULT_PORT,
                device=device,
                model=opts.get("model", "QL-820NWB"),
                label=opts.get("label", "62"),
                hires=opts.get("hires", "0") in ("1", "yes", "true", "on"),
                status=opts.get("status", "on") not in ("0", "no", "false", "off"),
                timeout=float(opts.get("timeout", 5)),
                print_timeout=float(opts.get("print_timeout", 30)),
            )
        except ValueError as exc:
            raise PrintingError(f"bad option in {spec!r}: {exc}") from exc

    @property
    def target(self) -> str:
        return self.device or f"{self.host}:{self.port}"

    def describe(self) -> dict[str, str]:
        return {"backend": self.name, "target": f"{self.model} at {self.target}, {self.label} labels"}

    # -- talking to the printer ----------------------------------------------------------------
    def _connect(self) -> _Link:
        who = f"the Brother {self.model} at {self.target}"
        if self.device:
            return _DeviceLink(self.device, who)
        try:
            sock = socket.create_connection((self.host, self.port), timeout=self.timeout)
        except OSError as exc:
            raise BackendError(f"cannot reach {who}: {exc.strerror or exc}") from exc
        return _TcpLink(sock, who)

    def _status_request(self) -> bytes:
        from brother_ql.raster import BrotherQLRaster

        qlr = BrotherQLRaster(self.model)
        qlr.add_invalidate()
        qlr.add_initialize()
        qlr.add_status_information()
        return bytes(qlr.data)

    def query_status(self) -> BrotherStatus:
        """Ask the printer how it is (``ESC i S``), on a connection of its own."""
        with self._connect() as link:
            link.send(self._status_request(), self.timeout, "asking for its status")
            return parse_status(link.recv_status(self.timeout, "to a status request"))

    def submit(self, job: PrintJobSpec) -> Accepted:
        data = build_raster(job, model=self.model, label=self.label, hires=self.hires)
        with self._connect() as link:
            if self.status:
                link.send(self._status_request(), self.timeout, "asking for its status")
                before = parse_status(link.recv_status(self.timeout, "to a status request"))
                problems = status_words(before, self.label)
                if problems:
                    raise BackendError(f"Brother {self.model} at {self.target}: " + "; ".join(problems))
            link.send(data, self.print_timeout, "while the badge was being sent")
            if not self.status:
                return Accepted(self.name, f"{self.target} sent {len(data)} bytes")
            printed = 0
            while printed < max(1, job.copies):
                raw = link.recv_status(self.print_timeout, "before confirming the badge was printed")
                msg = parse_status(raw)
                problems = status_words(msg)
                if msg.status_type == "Error occurred" or problems:
                    raise BackendError(
                        f"Brother {self.model} at {self.target}: "
                        + ("; ".join(problems) or "the printer reported an error")
                    )
                if msg.status_type == "Printing completed":
                    printed += 1
        return Accepted(self.name, f"{self.target} printed {printed}", "printed")


class _Link:
    """A two-way byte channel to the printer: a TCP connection or a USB printer device file."""

    who = "the printer"

    def lost(self, doing: str, exc: OSError | None = None) -> BackendError:
        """The link went away: which call notices first (a write or a read) is chance, the words are not."""
        if exc is None:
            return BackendError(f"{self.who} closed the connection {doing}")
        return BackendError(f"the connection to {self.who} dropped {doing}: {exc}")

    def __enter__(self) -> _Link:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        raise NotImplementedError

    def _write(self, data: bytes, wait: float) -> None:
        raise NotImplementedError

    def _read(self, n: int, wait: float) -> bytes:
        raise NotImplementedError

    def send(self, data: bytes, wait: float, doing: str) -> None:
        try:
            self._write(data, wait)
        except TimeoutError as exc:
            raise BackendError(f"{self.who} stopped taking data {doing}") from exc
        except OSError as exc:
            raise self.lost(doing, exc) from exc

    def recv_status(self, wait: float, doing: str) -> bytes:
        data = b""
        try:
            while len(data) < STATUS_LEN:
                chunk = self._read(STATUS_LEN - len(data), wait)
                if not chunk:
                    raise self.lost(doing)
                data += chunk
        except TimeoutError as exc:
            raise BackendError(
                f"{self.who} did not answer within {wait:g} s {doing} (switched off, asleep, or not a Brother QL?)"
            ) from exc
        except OSError as exc:
            raise self.lost(doing, exc) from exc
        return data


class _TcpLink(_Link):
    def __init__(self, sock: socket.socket, who: str) -> None:
        self.sock, self.who = sock, who

    def close(self) -> None:
        self.sock.close()

    def _write(self, data: bytes, wait: float) -> None:
        self.sock.settimeout(wait)
        self.sock.sendall(data)

    def _read(self, n: int, wait: float) -> bytes:
        self.sock.settimeout(wait)
        return self.sock.recv(n)


class _DeviceLink(_Link):
    """A USB printer the OS exposes as a device file (Linux ``usblp``: ``/dev/usb/lp0``), read and
    written like the network port."""

    def __init__(self, path: str, who: str) -> None:
        self.who = who
        try:
            self.fd = os.open(path, os.O_RDWR | getattr(os, "O_NOCTTY", 0))
        except OSError as exc:
            hint = " (is this user in the 'lp' group?)" if exc.errno == errno.EACCES else ""
            raise BackendError(f"cannot open {who}: {exc.strerror or exc}{hint}") from exc

    def close(self) -> None:
        os.close(self.fd)

    def lost(self, doing: str, exc: OSError | None = None) -> BackendError:
        return BackendError(f"{self.who} was unplugged or switched off {doing}")

    def _write(self, data: bytes, wait: float) -> None:
        view = memoryview(data)
        while view:
            if not select.select([], [self.fd], [], wait)[1]:
                raise TimeoutError
            view = view[os.write(self.fd, view[:65536]) :]

    def _read(self, n: int, wait: float) -> bytes:
        if not select.select([self.fd], [], [], wait)[0]:
            raise TimeoutError
        return os.read(self.fd, n)
