"""What a printer back-end takes and gives back: the job, the receipt, a printer's description.

Kept apart from :mod:`printing.backends` (which opens the back-ends by name, importing them lazily)
so that the back-ends import these without importing the module that imports them.
"""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass
from typing import Protocol

__all__ = ["PRINTER_STATES", "Accepted", "Backend", "PrintJobSpec", "PrinterInfo", "qt_usable"]

#: what a receipt or a follow-up may say about a badge once a printer took it
PRINTER_STATES = ("sent", "held", "printed", "failed")


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
    """The back-end's receipt: which back-end, its reference (a path or a CUPS request id), and how
    far the badge got (one of :data:`PRINTER_STATES`; ``reason`` says why it is held)."""

    backend: str
    ref: str
    state: str = "sent"
    reason: str = ""


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



def qt_usable() -> bool:
    """Whether Qt can start here: a display (or an explicit platform) on X11/Wayland systems."""
    import sys

    if sys.platform in ("win32", "darwin") or os.environ.get("QT_QPA_PLATFORM"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
