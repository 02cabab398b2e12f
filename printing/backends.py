"""Printer back-ends: where a rendered badge PDF goes, and printer discovery.

A back-end's ``submit`` returns only once the job was *accepted* (file written and renamed into
place, ``lp`` answered with a request id, QPrinter finished spooling); anything else raises
:class:`BackendError`. The print queue records a badge as issued only after that.

Acceptance is not printing: the receipt (:class:`Accepted`) says how far the badge got — ``printed``
(a PDF file written, a label printer that reported "printed"), ``sent`` (in the spooler's or printer's
hands, not yet confirmed) or ``held`` (accepted by a printer that is paused, with its reason). A
back-end that can follow a sent job has ``job_state(ref) -> (state, reason)``; the print queue asks it
until the job is printed or failed (:meth:`printing.queue.PrintQueue.follow`).

``pdf:DIR``   PDF files in a folder (also the fallback when no printer exists)
``cups:NAME`` CUPS through ``lp`` (Linux, macOS); ``cups:`` for the default destination
``qt:NAME``   QPrinter via :mod:`printing.qtprinter` (system printers on every OS; imported lazily)
``brother-ql://HOST[:PORT]?model=…&label=…``  Brother QL on the network (:mod:`printing.brotherql`)
``zpl://HOST[:PORT]?dpi=…&width_mm=…``        Zebra ZPL on the network (:mod:`printing.zpl`)
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import subprocess
from pathlib import Path

from printing.errors import BackendError, PrintingError
from printing.job import Accepted, Backend, PrinterInfo, PrintJobSpec, qt_usable

__all__ = [
    "Accepted",
    "Backend",
    "CupsBackend",
    "PdfFolderBackend",
    "PrintJobSpec",
    "PrinterInfo",
    "cups_available",
    "cups_printers",
    "discover_printers",
    "follow_job",
    "label_devices",
    "open_backend",
    "qt_usable",
    "target_of",
]

_SAFE = re.compile(r"[^A-Za-z0-9._-]+")


class PdfFolderBackend:
    """Writes each job as a PDF file into a folder (atomically: a reader never sees half a file)."""

    name = "pdf"

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder)

    def describe(self) -> dict[str, str]:
        return {"backend": self.name, "target": str(self.folder)}

    def submit(self, job: PrintJobSpec) -> Accepted:
        stem = _SAFE.sub("_", job.name_hint or job.title).strip("_") or "badge"
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            path = self.folder / f"{stem}.pdf"
            n = 1
            while path.exists():
                n += 1
                path = self.folder / f"{stem}-{n}.pdf"
            tmp = path.with_name(path.name + ".part")
            with open(tmp, "wb") as fh:
                fh.write(job.pdf)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, path)
        except OSError as exc:
            raise BackendError(
                f"cannot write the badge PDF into {self.folder}: {exc.strerror or exc}"
            ) from exc
        return Accepted(self.name, str(path), "printed")  # the file is the product


def cups_available(lp: str = "lp") -> bool:
    return shutil.which(lp) is not None


class CupsBackend:
    """``lp -d PRINTER``; the PDF goes through stdin so no temporary file is left behind."""

    name = "cups"

    def __init__(self, printer: str | None = None, *, lp: str = "lp", timeout: float = 30.0) -> None:
        self.printer = printer or None
        self.lp = lp
        self.timeout = timeout

    def describe(self) -> dict[str, str]:
        return {"backend": self.name, "target": self.printer or "default destination"}

    def submit(self, job: PrintJobSpec) -> Accepted:
        exe = shutil.which(self.lp)
        if exe is None:
            raise BackendError("CUPS is not installed here (no `lp` command); choose another printer")
        args = [exe]
        if self.printer:
            args += ["-d", self.printer]
        # media in millimetres and no scaling: a badge must come out at its template's size
        args += [
            "-t",
            job.title[:80] or "badge",
            "-n",
            str(max(1, job.copies)),
            "-o",
            f"media=Custom.{job.width_mm:g}x{job.height_mm:g}mm",
            "-o",
            "print-scaling=none",
            "-o",
            "fit-to-page=false",
            "-",
        ]
        try:
            # C locale: "request id is …" is parsed; the reasons come from IPP, which has no locale
            done = subprocess.run(args, input=job.pdf, capture_output=True, timeout=self.timeout, check=False,
                                  env={**os.environ, "LC_ALL": "C"})
        except subprocess.TimeoutExpired as exc:
            # lp asks CUPS about the printer before it sends the document: a hung CUPS never got it
            raise BackendError(
                f"the print service (CUPS) did not answer within {self.timeout:g} s (hung or frozen?);"
                " the badge was not sent"
            ) from exc
        except OSError as exc:
            raise BackendError(f"cannot run `lp`: {exc}") from exc
        out = done.stdout.decode("utf-8", "replace")
        if done.returncode != 0:
            err = done.stderr.decode("utf-8", "replace").strip() or out.strip() or f"exit {done.returncode}"
            raise BackendError(self._why_refused(err)) from None
        match = re.search(r"request id is (\S+)", out)
        ref = match.group(1) if match else out.strip()
        state, reason = follow_job(self, ref) if match else ("sent", "")
        return Accepted(self.name, ref, state if state in ("held", "printed") else "sent", reason if state else "")

    def _why_refused(self, lp_error: str) -> str:
        """lp's words are translated and sometimes wrong (no CUPS → "printer does not exist"): ask CUPS."""
        from printing.cups import CupsNotRunning, CupsTimeout, CupsUnknownPrinter, get_printer

        who = f"printer {self.printer}" if self.printer else "the default printer"
        try:
            info = get_printer(self.printer, timeout=min(self.timeout, 5.0))
        except (CupsNotRunning, CupsTimeout) as exc:
            return str(exc)
        except CupsUnknownPrinter as exc:
            return str(exc)
        except BackendError:
            return f"{who} refused the badge: {lp_error}"
        if not info.accepting:
            return f"{who} refuses jobs: {info.message or info.why or 'it is set to reject jobs (cupsreject)'}"
        return f"{who} refused the badge: {lp_error}"

    def job_state(self, ref: str) -> tuple[str, str]:
        """``(sent|held|printed|failed, reason)`` of an accepted job, asked of CUPS."""
        from printing.cups import job_state

        return job_state(ref, timeout=min(self.timeout, 5.0))


def cups_printers(lpstat: str = "lpstat", timeout: float = 10.0) -> list[PrinterInfo]:
    """CUPS destinations from ``lpstat -p -d`` (empty when CUPS is absent or not running)."""
    exe = shutil.which(lpstat)
    if exe is None:
        return []
    try:
        done = subprocess.run(
            [exe, "-p", "-d"],
            capture_output=True,
            timeout=timeout,
            check=False,
            env={**os.environ, "LC_ALL": "C"},
        )
    except (OSError, subprocess.TimeoutExpired):
        return []
    text = done.stdout.decode("utf-8", "replace")
    default = ""
    match = re.search(r"system default destination: (\S+)", text)
    if match:
        default = match.group(1)
    printers = []
    for line in text.splitlines():
        m = re.match(r"printer (\S+) (?:is )?(idle|disabled|now printing\S*|\S+)", line)
        if m:
            printers.append(PrinterInfo(m.group(1), "cups", m.group(1) == default, m.group(2).rstrip("."),
                                        _cups_why(m.group(1))))
    return printers


def _cups_why(name: str) -> str:
    """A paused or rejecting CUPS printer's reason, in its own words ('' when it is ready)."""
    from printing.cups import get_printer

    try:
        info = get_printer(name, timeout=2.0)
    except BackendError:
        return ""
    if not info.accepting:
        return f"refuses jobs: {info.message or info.why or 'rejecting'}"
    return f"paused: {info.why}" if info.state == "stopped" else ""


def label_devices() -> list[str]:
    """USB printer device files (Linux usblp) a Brother QL may be reached through."""
    return sorted(str(p) for p in Path("/dev/usb").glob("lp*")) if Path("/dev/usb").is_dir() else []


def discover_printers(*, qt: bool = True) -> list[PrinterInfo]:
    """Every printer we can reach: CUPS destinations, then Qt's view (other OSes), de-duplicated.

    Qt is asked only where it can start (a display, or QT_QPA_PLATFORM set): without one, creating
    its application object aborts the process; CUPS lists the same printers there anyway."""
    found = {p.name: p for p in cups_printers()}
    if qt and qt_usable():
        try:
            from printing.qtprinter import qt_printers

            for p in qt_printers():
                found.setdefault(p.name, p)
        except ImportError:  # Qt missing (a server install): CUPS alone
            pass
    return sorted(found.values(), key=lambda p: (not p.default, p.name))


def target_of(backend: Backend) -> str:
    """The printer URL a back-end prints on (what a print job records as its target)."""
    spec = getattr(backend, "spec", "")
    if spec:
        return str(spec)
    if isinstance(backend, PdfFolderBackend):
        return f"pdf:{backend.folder}"
    if isinstance(backend, CupsBackend):
        return f"cups:{backend.printer or ''}"
    info = backend.describe()
    return f"{info.get('backend', backend.name)}:{info.get('target', '')}"


def follow_job(backend: Backend, ref: str) -> tuple[str, str]:
    """Ask a back-end how an accepted job is doing: ``(state, reason)``; a back-end that cannot tell says
    ``sent``; ``("", why)`` when the printer cannot be asked now (the job's last known state stands)."""
    ask = getattr(backend, "job_state", None)
    if ask is None:
        return "sent", ""
    try:
        return ask(ref)
    except Exception as exc:  # a follow-up must never break the queue
        return "", f"cannot ask the printer about it: {exc}"


def open_backend(spec: str) -> Backend:
    """``pdf:DIR``, ``cups:[NAME]``, ``qt:[NAME]``, ``qt-pdf:FILE``, ``brother-ql://…`` or ``zpl://…`` → a
    back-end that remembers ``spec`` as its target."""
    spec = spec.strip()
    backend = _open(spec)
    if isinstance(backend, CupsBackend):  # cups:NAME?timeout=… is still printer NAME
        spec = f"cups:{backend.printer or ''}"
    with contextlib.suppress(AttributeError):  # a back-end with slots: target_of() uses describe()
        backend.spec = spec  # type: ignore[attr-defined]
    return backend


def _open(spec: str) -> Backend:
    kind, _, target = spec.partition(":")
    if kind == "brother-ql":  # network label printers (issue 20); their libraries load only when used
        from printing.brotherql import BrotherQLBackend

        try:
            import brother_ql  # noqa: F401  (an optional extra: GPL-3.0-only)
        except ImportError as exc:
            raise PrintingError("Brother QL printers need the optional brother-ql-next package:"
                                " pip install 'venue-desk[brother]'") from exc
        return BrotherQLBackend.from_spec(spec)
    if kind == "zpl":
        from printing.zpl import ZplBackend

        return ZplBackend.from_spec(spec)
    if kind == "pdf":
        if not target:
            raise PrintingError("the pdf back-end needs a folder: pdf:DIR")
        return PdfFolderBackend(target)
    if kind == "cups":
        name, _, query = target.partition("?")  # cups:NAME?timeout=S
        timeout = 30.0
        for option in filter(None, query.split("&")):
            key, _, value = option.partition("=")
            try:
                if key != "timeout":
                    raise ValueError(f"unknown option {key!r}")
                timeout = float(value)
            except ValueError as exc:
                raise PrintingError(f"bad option in {spec!r}: {exc}") from exc
        return CupsBackend(name or None, timeout=timeout)
    if kind in ("qt", "qt-pdf"):
        from printing.qtprinter import QtPrinterBackend

        return QtPrinterBackend(target or None) if kind == "qt" else QtPrinterBackend(output=target)
    raise PrintingError(
        f"unknown printer back-end {spec!r}; use pdf:DIR, cups:NAME, qt:NAME,"
        " brother-ql://HOST?model=QL-820NWB&label=62 or zpl://HOST?dpi=203&width_mm=101.6"
    )
