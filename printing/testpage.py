"""A printer test page: rulers along the edges, a 50 mm square and a TOP arrow.

Staff print it on a new printer to see at a glance whether the scale is 1:1 (the square measures
50 mm, the rulers match a real ruler) and whether the orientation and the margins are right.
"""

from __future__ import annotations

import io

from reportlab.lib.colors import HexColor
from reportlab.pdfgen.canvas import Canvas

from printing.fonts import FontRegistry, default_registry
from printing.layout import MM

__all__ = ["ruler_page_pdf"]


def ruler_page_pdf(
    width_mm: float,
    height_mm: float,
    *,
    title: str = "venue desk test page",
    registry: FontRegistry | None = None,
) -> bytes:
    """One page of ``width_mm`` × ``height_mm`` with mm rulers on all four edges."""
    registry = registry or default_registry()
    font, _ = registry.font_name("sans", False)
    bold, _ = registry.font_name("sans", True)
    buf = io.BytesIO()
    w, h = width_mm * MM, height_mm * MM
    c = Canvas(buf, pagesize=(w, h), invariant=1)
    c.setTitle(title)
    c.setStrokeColor(HexColor("#000000"))
    c.setFillColor(HexColor("#000000"))
    c.setFont(font, 5)
    for mm in range(int(width_mm) + 1):
        length = 5 if mm % 10 == 0 else (3 if mm % 5 == 0 else 1.5)
        c.setLineWidth(0.3 if mm % 10 == 0 else 0.15)
        c.line(mm * MM, h, mm * MM, h - length * MM)
        c.line(mm * MM, 0, mm * MM, length * MM)
        if mm % 10 == 0 and 0 < mm < width_mm - 3:
            c.drawCentredString(mm * MM, h - 8 * MM, str(mm))
    for mm in range(int(height_mm) + 1):
        length = 5 if mm % 10 == 0 else (3 if mm % 5 == 0 else 1.5)
        c.setLineWidth(0.3 if mm % 10 == 0 else 0.15)
        y = h - mm * MM  # measured from the top, like templates
        c.line(0, y, length * MM, y)
        c.line(w, y, w - length * MM, y)
        if mm % 10 == 0 and 0 < mm < height_mm - 3:
            c.drawString(6 * MM, y - 1.8, str(mm))
    side = min(50.0, width_mm - 20, height_mm - 40)
    cx, cy = w / 2, h / 2
    c.setLineWidth(0.5)
    c.rect(cx - side * MM / 2, cy - side * MM / 2, side * MM, side * MM)
    c.setFont(font, 7)
    c.drawCentredString(cx, cy - side * MM / 2 - 4 * MM, f"this square measures {side:g} × {side:g} mm")
    c.drawCentredString(cx, cy - side * MM / 2 - 8 * MM, f"page {width_mm:g} × {height_mm:g} mm")
    # the arrow points to the edge that must come out of the printer first / be the badge's top
    c.setFont(bold, 9)
    c.drawCentredString(cx, cy + side * MM / 2 + 9 * MM, "TOP")
    path = c.beginPath()
    path.moveTo(cx, cy + side * MM / 2 + 7.5 * MM)
    path.lineTo(cx - 3 * MM, cy + side * MM / 2 + 3.5 * MM)
    path.lineTo(cx + 3 * MM, cy + side * MM / 2 + 3.5 * MM)
    path.close()
    c.drawPath(path, stroke=0, fill=1)
    c.showPage()
    c.save()
    return buf.getvalue()
