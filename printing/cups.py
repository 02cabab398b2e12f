"""What CUPS says about a printer and a job, asked over IPP (no pycups, no lpstat parsing).

CUPS answers IPP (RFC 8010/8011) on its local socket: a small request (Get-Printer-Attributes,
Get-Job-Attributes) over HTTP POST. Reading the structured answer tells a printer that is *paused*
(``printer-state`` stopped, with ``printer-state-message``), one that *rejects* jobs
(``printer-is-accepting-jobs`` false, the reason given to ``cupsreject -r``), and a job that is
pending, held, printing, completed, cancelled or aborted, in every locale, where ``lp``'s and
``lpstat``'s words are translated and ambiguous (``lp`` says "the printer or class does not exist"
when the CUPS service is simply not running).

The server is found as CUPS's own clients find it: ``CUPS_SERVER`` (a socket path or HOST[:PORT]),
``ServerName`` in ``~/.cups/client.conf`` or ``/etc/cups/client.conf``, the local domain socket,
then ``localhost:631``.
"""

from __future__ import annotations

import http.client
import os
import socket
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from printing.errors import BackendError

__all__ = [
    "CupsJob",
    "CupsNotRunning",
    "CupsPrinter",
    "CupsTimeout",
    "CupsUnknownPrinter",
    "cups_server",
    "find_job_state",
    "get_job",
    "get_printer",
    "ipp_request",
    "job_state",
    "reason_words",
]

# operations (RFC 8011 §5.4, CUPS extensions)
GET_JOB_ATTRIBUTES = 0x0009
GET_JOBS = 0x000A
GET_PRINTER_ATTRIBUTES = 0x000B
CUPS_GET_DEFAULT = 0x4001

_SOCKETS = ("/run/cups/cups.sock", "/var/run/cups/cups.sock", "/private/var/run/cupsd")
_TEXT_TAGS = {0x41, 0x42, 0x44, 0x45, 0x46, 0x47, 0x48, 0x49}

#: printer-state-reasons keywords in words (the keyword itself for the rest)
_REASONS = {
    "paused": "paused",
    "media-empty": "out of paper or cards",
    "media-needed": "out of paper or cards",
    "media-jam": "paper jam",
    "cover-open": "cover open",
    "door-open": "door open",
    "toner-empty": "out of toner",
    "marker-supply-empty": "out of ink or ribbon",
    "offline": "offline",
    "connecting-to-device": "cannot reach the printer",
    "shutdown": "switched off",
    "stopped-partly": "partly stopped",
    "input-tray-missing": "input tray missing",
    "output-area-full": "output tray full",
}


class CupsNotRunning(BackendError):
    """Nobody answers on the CUPS socket: the print service is stopped (not the printer's fault)."""


class CupsTimeout(BackendError):
    """CUPS took the connection but did not answer in time (hung, or frozen)."""


class CupsUnknownPrinter(BackendError):
    """CUPS runs but has no printer of that name."""


@dataclass(frozen=True)
class CupsPrinter:
    name: str
    state: str  # idle | printing | stopped
    accepting: bool
    message: str
    reasons: tuple[str, ...]

    @property
    def why(self) -> str:
        """The printer's own reason in words: its state message, else its state reasons."""
        return self.message or reason_words(self.reasons) or ("paused" if self.state == "stopped" else "")


@dataclass(frozen=True)
class CupsJob:
    job_id: int
    state: str  # pending | held | processing | stopped | canceled | aborted | completed
    reasons: tuple[str, ...]
    message: str
    printer: str


def reason_words(reasons: tuple[str, ...] | list[str]) -> str:
    words = []
    for reason in reasons:
        if reason in ("none", ""):
            continue
        base = reason
        for suffix in ("-error", "-warning", "-report"):
            base = base.removesuffix(suffix)
        words.append(_REASONS.get(base, base.replace("-", " ")))
    return ", ".join(dict.fromkeys(words))


def cups_server() -> tuple[str, int] | str:
    """Where CUPS listens: a domain-socket path, or ``(host, port)``."""
    spec = os.environ.get("CUPS_SERVER", "").strip()
    if not spec:
        for conf in (Path.home() / ".cups" / "client.conf", Path("/etc/cups/client.conf")):
            try:
                for line in conf.read_text(encoding="utf-8", errors="replace").splitlines():
                    key, _, value = line.strip().partition(" ")
                    if key.lower() == "servername" and value.strip():
                        spec = value.strip()
                        break
            except OSError:
                continue
            if spec:
                break
    if not spec:
        for path in _SOCKETS:
            if os.path.exists(path):
                return path
        return ("localhost", 631)
    spec = spec.split("/version=")[0]
    if spec.startswith("/"):
        return spec
    host, _, port = spec.rpartition(":") if spec.count(":") == 1 else (spec, "", "")
    return (host or spec, int(port) if port.isdigit() else 631)


class _UnixConnection(http.client.HTTPConnection):
    def __init__(self, path: str, timeout: float) -> None:
        super().__init__("localhost", timeout=timeout)
        self.path = path

    def connect(self) -> None:
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.settimeout(self.timeout)
        try:
            sock.connect(self.path)
        except OSError:
            sock.close()
            raise
        self.sock = sock


def _attr(tag: int, name: str, values: list[Any]) -> bytes:
    out = b""
    for i, value in enumerate(values):
        raw = struct.pack(">i", value) if tag in (0x21, 0x23) else str(value).encode("utf-8")
        key = name.encode("ascii") if i == 0 else b""
        out += struct.pack(">BH", tag, len(key)) + key + struct.pack(">H", len(raw)) + raw
    return out


def _encode(operation: int, attrs: list[tuple[int, str, list[Any]]]) -> bytes:
    body = struct.pack(">BBHI", 2, 0, operation, 1) + b"\x01"
    body += _attr(0x47, "attributes-charset", ["utf-8"]) + _attr(0x48, "attributes-natural-language", ["en"])
    for tag, name, values in attrs:
        body += _attr(tag, name, values)
    return body + b"\x03"


def _decode(data: bytes) -> tuple[int, list[dict[str, list[Any]]]]:
    """(status code, attribute groups); each group maps a name to its values."""
    if len(data) < 9:
        raise BackendError("CUPS sent a truncated IPP answer")
    status = struct.unpack(">H", data[2:4])[0]
    groups: list[dict[str, list[Any]]] = []
    pos, name = 8, ""
    while pos < len(data):
        tag = data[pos]
        pos += 1
        if tag == 0x03:
            break
        if tag < 0x10:  # a delimiter: a new group begins
            groups.append({})
            continue
        (nlen,) = struct.unpack(">H", data[pos : pos + 2])
        pos += 2
        if nlen:
            name = data[pos : pos + nlen].decode("ascii", "replace")
        pos += nlen
        (vlen,) = struct.unpack(">H", data[pos : pos + 2])
        pos += 2
        raw = data[pos : pos + vlen]
        pos += vlen
        value: Any
        if tag in (0x21, 0x23) and vlen == 4:
            value = struct.unpack(">i", raw)[0]
        elif tag == 0x22:
            value = raw != b"\x00"
        elif tag in _TEXT_TAGS:
            value = raw.decode("utf-8", "replace")
        elif tag in (0x35, 0x36) and vlen >= 4:  # text/name with language: skip the language
            llen = struct.unpack(">H", raw[:2])[0]
            value = raw[4 + llen :].decode("utf-8", "replace")
        else:
            value = raw
        if not groups:
            groups.append({})
        groups[-1].setdefault(name, []).append(value)
    return status, groups


def ipp_request(
    operation: int, path: str, attrs: list[tuple[int, str, list[Any]]], timeout: float = 5.0
) -> tuple[int, list[dict[str, list[Any]]]]:
    """One IPP request to the local CUPS; connection problems become words staff can act on."""
    server = cups_server()
    where = server if isinstance(server, str) else f"{server[0]}:{server[1]}"
    conn = _UnixConnection(server, timeout) if isinstance(server, str) else \
        http.client.HTTPConnection(server[0], server[1], timeout=timeout)
    try:
        conn.request("POST", path, _encode(operation, attrs), {"Content-Type": "application/ipp"})
        response = conn.getresponse()
        data = response.read()
    except TimeoutError as exc:
        raise CupsTimeout(f"the print service (CUPS) did not answer within {timeout:g} s; it may be hung:"
                          " restart it (sudo systemctl restart cups)") from exc
    except (FileNotFoundError, ConnectionRefusedError) as exc:
        raise CupsNotRunning("the print service (CUPS) is not running: start it (sudo systemctl start cups)"
                             f" [{where}]") from exc
    except (OSError, http.client.HTTPException) as exc:
        raise CupsNotRunning(f"cannot talk to the print service (CUPS) at {where}: {exc}") from exc
    finally:
        conn.close()
    if response.status != 200:
        raise BackendError(f"CUPS answered HTTP {response.status} {response.reason}")
    return _decode(data)


def _uri(kind: str, name: str) -> str:
    return f"ipp://localhost/{kind}/{quote(name, safe='')}"


_PRINTER_STATES = {3: "idle", 4: "printing", 5: "stopped"}
_JOB_STATES = {3: "pending", 4: "held", 5: "processing", 6: "stopped", 7: "canceled", 8: "aborted", 9: "completed"}


def default_printer(timeout: float = 5.0) -> str:
    _status, groups = ipp_request(CUPS_GET_DEFAULT, "/", [(0x44, "requested-attributes", ["printer-name"])], timeout)
    for group in groups:
        if "printer-name" in group:
            return str(group["printer-name"][0])
    return ""


def get_printer(name: str | None, timeout: float = 5.0) -> CupsPrinter:
    """The printer's state; ``name`` None: the default destination."""
    if not name:
        name = default_printer(timeout)
        if not name:
            raise CupsUnknownPrinter("CUPS has no default printer: choose one by name (cups:NAME)")
    wanted = ["printer-name", "printer-state", "printer-state-message", "printer-state-reasons",
              "printer-is-accepting-jobs"]
    status, groups = ipp_request(
        GET_PRINTER_ATTRIBUTES,
        f"/printers/{quote(name, safe='')}",
        [(0x45, "printer-uri", [_uri("printers", name)]), (0x44, "requested-attributes", wanted)],
        timeout,
    )
    if status == 0x0406:
        raise CupsUnknownPrinter(f"CUPS has no printer called {name!r} (removed or renamed?)")
    if status >= 0x0400:
        raise BackendError(f"CUPS refused to describe printer {name!r} (IPP status 0x{status:04x})")
    attrs: dict[str, list[Any]] = {}
    for group in groups:
        if "printer-state" in group:
            attrs = group
    return CupsPrinter(
        name=str(attrs.get("printer-name", [name])[0]),
        state=_PRINTER_STATES.get(attrs.get("printer-state", [3])[0], "idle"),
        accepting=bool(attrs.get("printer-is-accepting-jobs", [True])[0]),
        message=str(attrs.get("printer-state-message", [""])[0]).strip(),
        reasons=tuple(str(r) for r in attrs.get("printer-state-reasons", [])),
    )


def get_job(job_id: int, timeout: float = 5.0) -> CupsJob | None:
    """The job's state, or None when CUPS no longer knows it."""
    wanted = ["job-id", "job-state", "job-state-reasons", "job-printer-state-message", "job-printer-uri"]
    status, groups = ipp_request(
        GET_JOB_ATTRIBUTES,
        "/",
        [(0x45, "job-uri", [_uri("jobs", str(job_id))]), (0x44, "requested-attributes", wanted)],
        timeout,
    )
    if status == 0x0406:
        return None
    if status >= 0x0400:
        raise BackendError(f"CUPS refused to describe job {job_id} (IPP status 0x{status:04x})")
    attrs: dict[str, list[Any]] = {}
    for group in groups:
        if "job-state" in group:
            attrs = group
    printer_uri = str(attrs.get("job-printer-uri", [""])[0])
    return CupsJob(
        job_id=job_id,
        state=_JOB_STATES.get(attrs.get("job-state", [3])[0], "pending"),
        reasons=tuple(str(r) for r in attrs.get("job-state-reasons", [])),
        message=str(attrs.get("job-printer-state-message", [""])[0]).strip(),
        printer=printer_uri.rsplit("/", 1)[-1],
    )


def job_state(request_id: str, timeout: float = 5.0) -> tuple[str, str]:
    """``(state, reason)`` of an ``lp`` request id (``PRINTER-N``): sent, held, printed or failed."""
    printer, _, number = request_id.rpartition("-")
    if not number.isdigit():
        return "sent", f"cannot follow CUPS request {request_id!r}"
    job = get_job(int(number), timeout)
    if job is None:
        return "failed", f"CUPS no longer knows job {request_id} (cancelled and purged?)"
    if job.state == "completed":
        return "printed", ""
    if job.state == "canceled":
        return "failed", "cancelled in CUPS" + (f" ({job.message})" if job.message else "")
    if job.state == "aborted":
        return "failed", "the printer aborted it" + (f": {job.message}" if job.message else
                                                     (f" ({reason_words(job.reasons)})" if reason_words(job.reasons)
                                                      else ""))
    if job.state == "held":
        return "held", "the job is on hold in CUPS (release it: lp -i " + request_id + " -H resume)"
    queue = get_printer(job.printer or printer, timeout)
    if queue.state == "stopped" or job.state == "stopped":
        return "held", queue.why or job.message or "paused"
    return "sent", job.message if job.state == "processing" else ""


def find_job_state(printer: str, title: str, timeout: float = 5.0) -> tuple[str, str]:
    """The state of the newest job called ``title`` on ``printer`` (Qt prints without a job id)."""
    try:
        status, groups = ipp_request(
            GET_JOBS,
            f"/printers/{quote(printer, safe='')}",
            [
                (0x45, "printer-uri", [_uri("printers", printer)]),
                (0x44, "which-jobs", ["all"]),
                (0x44, "requested-attributes", ["job-id", "job-name"]),
            ],
            timeout,
        )
    except BackendError as exc:
        return "sent", f"cannot ask CUPS about it: {exc}"
    ids = [g["job-id"][0] for g in groups if g.get("job-name", [""])[0] == title and "job-id" in g]
    if status >= 0x0400 or not ids:
        return "sent", ""  # not a CUPS printer (Windows spooler), or not yet listed
    return job_state(f"{printer}-{max(ids)}", timeout)
