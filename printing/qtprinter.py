"""The Qt side of printing: rasterising badge PDFs with QtPdf and printing them through QPrinter.

The only module of :mod:`printing` that imports PySide6 (import it lazily). The printer receives the
very PDF that the preview shows, rendered by PDFium at the printer's resolution, so the preview is
what prints. Paper size and orientation come from the badge template, with zero margins (full page),
so 1 mm in the template is 1 mm on the card.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, QSize, QSizeF
from PySide6.QtGui import QGuiApplication, QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from printing.errors import BackendError
from printing.job import Accepted, PrinterInfo, PrintJobSpec

if TYPE_CHECKING:
    from PIL.Image import Image as PILImage

__all__ = ["QtPrinterBackend", "qt_printers", "rasterise", "rasterise_to_pil", "save_png"]

_app: QGuiApplication | None = None


def _ensure_app() -> None:
    """QtPdf and QPrinter need a GUI application object; make one when running headless.

    A QApplication (not just a QGuiApplication), so that widgets opened later in the same process
    (the desk window, test harnesses) can share it. Without a display (a server, an SSH session) it
    runs on Qt's offscreen platform: Qt would otherwise abort the whole process (exit 134)."""
    global _app
    if QGuiApplication.instance() is None:
        from PySide6.QtWidgets import QApplication

        from printing.job import qt_usable

        _app = QApplication(["venue-app"] if qt_usable() else ["venue-app", "-platform", "offscreen"])


class _Document:
    """A QPdfDocument loaded from bytes (the QBuffer must outlive the document)."""

    def __init__(self, pdf: bytes) -> None:
        _ensure_app()
        self.data = QByteArray(pdf)
        self.buffer = QBuffer(self.data)
        self.buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.doc = QPdfDocument(None)
        self.doc.load(self.buffer)
        if self.doc.status() != QPdfDocument.Status.Ready or self.doc.pageCount() < 1:
            raise BackendError(f"QtPdf cannot read this PDF (status {self.doc.status().name})")

    def render(self, page: int, dpi: float) -> QImage:
        size_pt = self.doc.pagePointSize(page)
        pixels = QSize(max(1, round(size_pt.width() * dpi / 72)), max(1, round(size_pt.height() * dpi / 72)))
        image = self.doc.render(page, pixels)
        if image.isNull():
            raise BackendError(f"QtPdf could not render page {page + 1}")
        return image

    def close(self) -> None:
        self.doc.close()
        self.buffer.close()


def rasterise(pdf: bytes, dpi: float = 300, pages: list[int] | None = None) -> list[QImage]:
    """Render PDF pages to images (white background, as on paper)."""
    document = _Document(pdf)
    try:
        wanted = pages if pages is not None else list(range(document.doc.pageCount()))
        images = []
        for page in wanted:
            image = document.render(page, dpi)
            flat = QImage(image.size(), QImage.Format.Format_RGB32)
            flat.fill(0xFFFFFFFF)
            painter = QPainter(flat)
            painter.drawImage(0, 0, image)
            painter.end()
            images.append(flat)
        return images
    finally:
        document.close()


def rasterise_to_pil(pdf: bytes, dpi: float = 300, pages: list[int] | None = None) -> list[PILImage]:
    """Like :func:`rasterise`, as RGB Pillow images (what zxing-cpp and image tests use)."""
    from PIL import Image

    out = []
    for image in rasterise(pdf, dpi, pages):
        rgb = image.convertToFormat(QImage.Format.Format_RGB888)
        data = bytes(rgb.constBits())[: rgb.sizeInBytes()]
        out.append(
            Image.frombuffer(
                "RGB", (rgb.width(), rgb.height()), data, "raw", "RGB", rgb.bytesPerLine(), 1
            ).copy()
        )
    return out


def save_png(pdf: bytes, path: str | Path, dpi: float = 150, page: int = 0) -> Path:
    """Write one page as PNG (previews, and looking at badges during development)."""
    image = rasterise(pdf, dpi, [page])[0]
    path = Path(path)
    if not image.save(str(path), "PNG"):
        raise BackendError(f"cannot write {path}")
    return path


def qt_printers() -> list[PrinterInfo]:
    """The system's printers as Qt sees them (CUPS on Linux/macOS, the spooler on Windows)."""
    _ensure_app()
    default = QPrinterInfo.defaultPrinterName()
    return [
        PrinterInfo(
            name=p.printerName(),
            backend="qt",
            default=p.printerName() == default,
            state=p.state().name.lower(),
            description=p.description(),
        )
        for p in QPrinterInfo.availablePrinters()
    ]


class QtPrinterBackend:
    """Print through QPrinter: a named system printer, the default one, or a PDF file (``output``)."""

    name = "qt"

    def __init__(
        self, printer_name: str | None = None, *, output: str | Path | None = None, dpi: int = 300
    ) -> None:
        self.printer_name = printer_name
        self.output = Path(output) if output else None
        self.dpi = dpi

    def describe(self) -> dict[str, str]:
        target = str(self.output) if self.output else (self.printer_name or "default printer")
        return {"backend": self.name, "target": target}

    def job_state(self, ref: str) -> tuple[str, str]:
        """Where Qt printed through CUPS (Linux, macOS), CUPS knows the job by its title."""
        if self.output is not None:
            return "printed", ""
        from printing.cups import find_job_state

        printer, _, title = ref.partition(" / ")
        return find_job_state(printer, title)

    def submit(self, job: PrintJobSpec) -> Accepted:
        _ensure_app()
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        if self.output is not None:
            printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            printer.setOutputFileName(str(self.output))
        else:
            name = self.printer_name or QPrinterInfo.defaultPrinterName()
            if not name:
                raise BackendError("no printer is set up on this computer")
            if name not in QPrinterInfo.availablePrinterNames():
                raise BackendError(f"printer {name!r} is not available (unplugged or removed?)")
            printer.setPrinterName(name)
        printer.setResolution(self.dpi)
        printer.setDocName(job.title)
        printer.setCopyCount(max(1, job.copies))
        landscape = job.width_mm > job.height_mm
        short, long_ = sorted((job.width_mm, job.height_mm))
        # QPageSize is portrait by definition; the layout's orientation turns it
        size = QPageSize(
            QSizeF(short, long_), QPageSize.Unit.Millimeter, job.title, QPageSize.SizeMatchPolicy.ExactMatch
        )
        orientation = QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
        layout = QPageLayout(size, orientation, QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter)
        if not printer.setPageLayout(layout):
            raise BackendError(f"the printer does not accept {job.width_mm:g}×{job.height_mm:g} mm paper")
        printer.setFullPage(True)
        document = _Document(job.pdf)
        painter = QPainter()
        try:
            if not painter.begin(printer):
                raise BackendError(f"cannot start printing on {self.describe()['target']}")
            target = printer.paperRect(QPrinter.Unit.DevicePixel)
            for page in range(document.doc.pageCount()):
                if page:
                    printer.newPage()
                image = document.render(page, min(self.dpi, 600))
                painter.drawImage(QRectF(0, 0, target.width(), target.height()), image)
            if not painter.end():
                raise BackendError(f"printing on {self.describe()['target']} failed")
        finally:
            if painter.isActive():
                painter.end()
            document.close()
        if self.output is not None:
            return Accepted(self.name, str(self.output), "printed")
        # QPrinter does not tell the spooler's job id: the printer and the job's title find it again
        return Accepted(self.name, f"{printer.printerName()} / {job.title}", "sent")
