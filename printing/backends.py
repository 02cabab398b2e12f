"""Printer back-ends: where a rendered badge PDF goes, and printer discovery.

A back-end's ``submit`` returns only once the job was *accepted* (file written and renamed into
place, ``lp`` answered with a request id, QPrinter finished spooling); anything else raises
:class:`BackendError`. The print queue records a badge as issued only after that.

``pdf:DIR``   PDF files in a folder (also the fallback when no printer exists)
``cups:NAME`` CUPS through ``lp`` (Linux, macOS); ``cups:`` for the default destination
``qt:NAME``   QPrinter via :mod:`printing.qtprinter` (system printers on every OS; imported lazily)
``brother-ql://HOST[:PORT]?model=…&label=…``  Brother QL on the network (:mod:`printing.brotherql`)
``zpl://HOST[:PORT]?dpi=…&width_mm=…``        Zebra ZPL on the network (:mod:`printing.zpl`)
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Protocol

from printing.errors import BackendError, PrintingError

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
    "open_backend",
]


@dataclass(frozen=True)
class PrintJobSpec:
    """One job for a back-end: the PDF and the paper it was laid out for."""

    pdf: bytes
    title: str
    width_mm: float
    height_mm: float
    copies: int = 1
    name_hint: str = ""  # a file-name-safe name (the badge serial) for file back-ends


@dataclass(frozen=True)
class Accepted:
    """The back-end's receipt: which back-end and its reference (a path or a CUPS request id)."""

    backend: str
    ref: str


@dataclass(frozen=True)
class PrinterInfo:
    name: str
    backend: str
    default: bool = False
    state: str = ""
    description: str = ""

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


class Backend(Protocol):
    name: str

    def submit(self, job: PrintJobSpec) -> Accepted: ...

    def describe(self) -> dict[str, str]: ...


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
        return Accepted(self.name, str(path))


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
            done = subprocess.run(args, input=job.pdf, capture_output=True, timeout=self.timeout, check=False)
        except subprocess.TimeoutExpired as exc:
            raise BackendError(
                f"`lp` did not answer within {self.timeout:g} s; is the CUPS service running?"
            ) from exc
        except OSError as exc:
            raise BackendError(f"cannot run `lp`: {exc}") from exc
        out = done.stdout.decode("utf-8", "replace")
        if done.returncode != 0:
            err = done.stderr.decode("utf-8", "replace").strip() or out.strip() or f"exit {done.returncode}"
            raise BackendError(f"printer {self.printer or '(default)'} refused the badge: {err}")
        match = re.search(r"request id is (\S+)", out)
        return Accepted(self.name, match.group(1) if match else out.strip())


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
            printers.append(PrinterInfo(m.group(1), "cups", m.group(1) == default, m.group(2).rstrip(".")))
    return printers


def discover_printers(*, qt: bool = True) -> list[PrinterInfo]:
    """Every printer we can reach: CUPS destinations, then Qt's view (other OSes), de-duplicated."""
    found = {p.name: p for p in cups_printers()}
    if qt:
        try:
            from printing.qtprinter import qt_printers

            for p in qt_printers():
                found.setdefault(p.name, p)
        except ImportError:  # Qt missing (a server install): CUPS alone
            pass
    return sorted(found.values(), key=lambda p: (not p.default, p.name))


def open_backend(spec: str) -> Backend:
    """``pdf:DIR``, ``cups:[NAME]``, ``qt:[NAME]`` or ``qt-pdf:FILE`` → a back-end."""
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
        return CupsBackend(target or None)
    if kind in ("qt", "qt-pdf"):
        from printing.qtprinter import QtPrinterBackend

        return QtPrinterBackend(target or None) if kind == "qt" else QtPrinterBackend(output=target)
    raise PrintingError(
        f"unknown printer back-end {spec!r}; use pdf:DIR, cups:NAME, qt:NAME,"
        " brother-ql://HOST?model=QL-820NWB&label=62 or zpl://HOST?dpi=203&width_mm=101.6"
    )
