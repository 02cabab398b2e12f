"""A rendered badge as the bitmap a label printer prints: its true resolution, scaled to the label width.

Label printers print dots, not PDF. The badge PDF (the very one the preview shows) is rasterised by
PDFium (through :mod:`printing.qtprinter`, imported lazily: only label back-ends need it) directly at the
resolution that makes the badge exactly as wide as the printable width, so nothing is resampled twice
and nothing is clipped; a badge narrower than the label is centred, never enlarged. The result is an RGB
image (colour kept, for two-colour printers) and helpers turn it into the 1-bit layers printers take.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from printing.errors import BackendError

if TYPE_CHECKING:
    from PIL.Image import Image

__all__ = ["LabelBitmap", "black_layer", "red_layers", "render_label"]

MM_PER_INCH = 25.4
#: luminance below which a pixel prints (direct thermal: a dot is on or off)
THRESHOLD = 128


@dataclass(frozen=True)
class LabelBitmap:
    """The badge at printer resolution: ``image`` is RGB, ``width`` dots across (the printable width)."""

    image: Image
    scale: float  # 1.0 = the badge's true size; < 1 when it was shrunk to fit the label width
    dpi_x: float
    dpi_y: float


def render_label(
    pdf: bytes,
    badge_width_mm: float,
    badge_height_mm: float,
    *,
    width_dots: int,
    dpi_x: float = 300,
    dpi_y: float = 300,
    max_height_dots: int | None = None,
    rotate: bool = False,
) -> LabelBitmap:
    """Rasterise page 1 of ``pdf`` to exactly ``width_dots`` across, at ``dpi_x`` × ``dpi_y``.

    ``rotate`` turns a landscape badge by 90° (a portrait strip of label). When ``max_height_dots`` is
    given (a die-cut label's printable length) the badge is shrunk further so it fits both ways."""
    from PIL import Image as PILImage

    _headless_qt()
    from printing.qtprinter import rasterise_to_pil

    w_mm, h_mm = (badge_height_mm, badge_width_mm) if rotate else (badge_width_mm, badge_height_mm)
    if w_mm <= 0 or h_mm <= 0 or width_dots < 8:
        raise BackendError(f"cannot lay a {badge_width_mm:g}×{badge_height_mm:g} mm badge on {width_dots} dots")
    true_w = w_mm / MM_PER_INCH * dpi_x
    true_h = h_mm / MM_PER_INCH * dpi_y
    scale = min(1.0, width_dots / true_w)
    if max_height_dots is not None:
        scale = min(scale, max_height_dots / true_h)
    # render at the finer axis' resolution, then squeeze the other axis (600×300 dpi printers)
    render_dpi = max(dpi_x, dpi_y) * scale
    page = rasterise_to_pil(pdf, render_dpi, [0])[0]
    if rotate:
        page = page.transpose(PILImage.Transpose.ROTATE_90)
    target = (max(1, round(true_w * scale)), max(1, round(true_h * scale)))
    if page.size != target:
        page = page.resize(target, PILImage.Resampling.LANCZOS)
    if target[0] > width_dots:  # rounding: never wider than the head
        page = page.crop((0, 0, width_dots, target[1]))
    canvas = PILImage.new("RGB", (width_dots, page.height), "white")
    canvas.paste(page, ((width_dots - page.width) // 2, 0))
    return LabelBitmap(canvas, scale, dpi_x, dpi_y)


def _headless_qt() -> None:
    """A desk without a display (CLI over SSH, a print server) still rasterises: Qt's offscreen
    platform, chosen only when no display exists (Qt would abort the process otherwise)."""
    import os
    import sys

    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def black_layer(image: Image, threshold: int = THRESHOLD) -> Image:
    """Mode "1" image: 0 (black) where a dot prints. Coloured areas print when dark enough, as on a
    monochrome laser: a dark category band stays a band with its white text knocked out."""
    return image.convert("L").point(lambda v: 255 if v >= threshold else 0, mode="1")


def red_layers(image: Image, threshold: int = THRESHOLD) -> tuple[Image, Image]:
    """(black, red) mode "L" masks (255 where that colour prints) for black/red/white printers.

    Red is a saturated hue near 0°; everything else dark prints black. Pillow's band arithmetic only,
    no per-pixel Python: a 62 mm badge has ~800,000 dots."""
    from PIL import ImageChops

    h, s, v = image.convert("HSV").split()
    reddish = h.point(lambda x: 255 if x < 20 or x > 235 else 0)
    saturated = s.point(lambda x: 255 if x > 100 else 0)
    bright = v.point(lambda x: 255 if x > 80 else 0)
    red = ImageChops.multiply(ImageChops.multiply(reddish, saturated), bright)
    dark = image.convert("L").point(lambda x: 255 if x < threshold else 0)
    black = ImageChops.subtract(dark, red)
    return black, red
