"""Rendering badges to PDF with reportlab: one badge per page, or tiled sheets with cut marks.

Fonts are embedded as subsets (reportlab subsets TrueType fonts per document), so a single badge with
CJK and Arabic stays a few dozen kilobytes. The QR is drawn as vector rectangles (one per horizontal
run of dark modules), sharp at any printer resolution. Coordinates in templates are millimetres from
the top-left; PDF's origin is bottom-left, converted here only.
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from reportlab import rl_config
from reportlab.lib.colors import HexColor
from reportlab.pdfgen.canvas import Canvas

from printing.data import BadgeData
from printing.errors import MissingGlyphError, PrintingError
from printing.fonts import FontRegistry, default_registry, script_name, shape
from printing.layout import MM, LaidOutText, fit_text
from printing.qr import QUIET_MODULES, plan_qr
from printing.templates import Band, Image, QrBox, Template, TextBox
from venue_app.settings import CATEGORY_COLOR

__all__ = ["DrawnText", "RenderReport", "contrast_color", "render_badge", "render_pdf", "text_for"]

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class DrawnText:
    """What was drawn in one text box (for tests and for the preview's warnings)."""

    badge_index: int
    field: str
    box_pt: tuple[float, float, float, float]  # x, y (bottom), w, h on the page
    layout: LaidOutText


@dataclass
class RenderReport:
    pages: int = 0
    badges: int = 0
    texts: list[DrawnText] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    #: (field, script) of every text left out because no bundled font has its script
    omitted: list[tuple[str, str]] = field(default_factory=list)
    qr: list[dict[str, float | str]] = field(default_factory=list)

    def omission_note(self) -> str:
        """What was left out, in one sentence for staff ("" when nothing was)."""
        return "; ".join(
            f"printed without the {label.replace('_', ' ')}: no font for {script}"
            for label, script in dict.fromkeys(self.omitted)
        )


def contrast_color(hex_color: str) -> str:
    """Black or white, whichever reads better on ``hex_color`` (WCAG relative luminance)."""
    value = hex_color.lstrip("#")
    rgb = [int(value[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    luminance = 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]
    return "#000000" if luminance > 0.4 else "#ffffff"


def _resolve(color: str, badge: BadgeData) -> str:
    category = badge.category_color if badge.category_color.startswith("#") else CATEGORY_COLOR
    if color == "category":
        return category
    if color == "on-category":
        return contrast_color(category)
    return color


def text_for(box: TextBox, badge: BadgeData) -> str:
    if box.text is not None:
        value = box.text
    elif box.field:
        value = badge.value(box.field)
    else:
        value = box.sep.join(v for v in (badge.value(f).strip() for f in box.join) if v)
    return value.upper() if box.uppercase else value


class _Painter:
    def __init__(self, canvas: Canvas, registry: FontRegistry, report: RenderReport) -> None:
        self.c, self.registry, self.report = canvas, registry, report

    def badge(self, tpl: Template, badge: BadgeData, ox: float, oy: float, index: int) -> None:
        """Draw one badge whose top-left corner is at (ox, oy) points from the page's bottom-left."""
        c = self.c
        page_h = tpl.height_mm * MM

        def rect(el_x: float, el_y: float, el_w: float, el_h: float) -> tuple[float, float, float, float]:
            return ox + el_x * MM, oy + page_h - (el_y + el_h) * MM, el_w * MM, el_h * MM

        if tpl.background_color:
            c.setFillColor(HexColor(_resolve(tpl.background_color, badge)))
            c.rect(ox, oy, tpl.width_mm * MM, page_h, stroke=0, fill=1)
        if tpl.background_image:
            c.drawImage(str(tpl.background_image), ox, oy, tpl.width_mm * MM, page_h, mask="auto")
        for el in tpl.elements:
            x, y, w, h = rect(el.x, el.y, el.w, el.h)
            if isinstance(el, Band):
                c.setFillColor(HexColor(_resolve(el.color, badge)))
                c.rect(x, y, w, h, stroke=0, fill=1)
            elif isinstance(el, Image):
                c.drawImage(str(el.src), x, y, w, h, preserveAspectRatio=True, anchor="c", mask="auto")
            elif isinstance(el, QrBox):
                self.qr(badge.token, x, y, w, el.w)
            elif isinstance(el, TextBox):
                self.text(el, badge, (x, y, w, h), index)

    def qr(self, token: str, x: float, y: float, side_pt: float, side_mm: float) -> None:
        plan = plan_qr(token, side_mm)
        module = plan.module_mm * MM
        c = self.c
        # white under the whole box: the quiet zone must stay light even on a coloured background
        c.setFillColor(HexColor("#ffffff"))
        c.rect(x, y, side_pt, side_pt, stroke=0, fill=1)
        left = x + QUIET_MODULES * module
        top = y + side_pt - QUIET_MODULES * module
        # One path of rectangles (a run of dark modules per row), written as PDF operators directly:
        # reportlab's per-rectangle number formatting was a third of a badge's render time. A hair of
        # overlap keeps anti-aliased previews free of seams between rows.
        ops = []
        for r, row in enumerate(plan.matrix):
            col, n = 0, len(row)
            y0 = top - (r + 1) * module - 0.01
            while col < n:
                if row[col]:
                    start = col
                    while col < n and row[col]:
                        col += 1
                    ops.append(
                        f"{left + start * module:.3f} {y0:.3f} {(col - start) * module:.3f} "
                        f"{module + 0.02:.3f} re"
                    )
                else:
                    col += 1
        c.addLiteral("q 0 g\n" + "\n".join(ops) + "\nf Q")
        self.report.qr.append({"module_mm": plan.module_mm, "level": plan.level, "modules": plan.modules})

    def text(
        self, box: TextBox, badge: BadgeData, area: tuple[float, float, float, float], index: int
    ) -> None:
        raw = text_for(box, badge)
        label = box.field or (",".join(box.join) if box.join else "text")
        try:
            prepared = self.registry.prepare(raw, required=box.required)
        except MissingGlyphError as exc:
            if box.on_missing == "omit":
                # said in the words staff see on the desk and in the print queue (issue 16)
                what = label.replace("_", " ")
                script = script_name(exc.char)
                self.report.omitted.append((label, script))
                self.report.warnings.append(
                    f"printed without the {what}: no font for {script} (U+{ord(exc.char):04X} in {raw!r})"
                )
                return
            raise
        if prepared.dropped:
            shown = " ".join(f"U+{ord(ch):04X}" for ch in prepared.dropped)
            self.report.warnings.append(f"{label}: characters no font can print were left out ({shown})")
        if not prepared.text:
            return
        x, y, w, h = area
        laid = fit_text(
            self.registry,
            prepared.text,
            w,
            h,
            size_min=box.size_min,
            size_max=box.size_max,
            max_lines=box.max_lines,
            bold=box.bold,
            line_height=box.line_height,
            wrap_below=box.wrap_below,
        )
        if laid.truncated:
            self.report.warnings.append(f"{label} cut to fit its box: {raw!r}")
        self.report.texts.append(DrawnText(index, label, area, laid))
        color = HexColor(_resolve(box.color, badge))
        c = self.c
        c.setFillColor(color)
        c.setStrokeColor(color)
        size = laid.size
        if box.valign == "top":
            top = y + h
        elif box.valign == "bottom":
            top = y + laid.height
        else:
            top = y + (h + laid.height) / 2
        # baseline inside the line box: the glyphs' visual centre sits on the line's centre
        descent = size * 0.22 + (laid.leading - size) / 2
        for i, (runs, width) in enumerate(zip(laid.lines, laid.widths, strict=True)):
            baseline = top - (i + 1) * laid.leading + descent
            if box.align == "left":
                cx = x
            elif box.align == "right":
                cx = x + w - width
            else:
                cx = x + (w - width) / 2
            for run in runs:
                c.setFont(run.font_name, size)
                text = shape(run.text, run.font_name, size) if run.shaped else run.text
                if run.shaped:
                    # Shaped glyphs (conjuncts, reordered vowels, stacks) have no Unicode value of their
                    # own: ActualText gives copy, search and text extraction the name's real letters.
                    c.addLiteral(f"/Span <</ActualText <{_pdf_text_hex(run.text)}>>> BDC")
                if run.fake_bold:
                    # the CJK and Tibetan fonts have no bold face: fill + a thin stroke of the same colour
                    c.setLineWidth(size * 0.035)
                    c.drawString(cx, baseline, text, mode=2)
                else:
                    c.drawString(cx, baseline, text)
                if run.shaped:
                    c.addLiteral("EMC")
                cx += run.width(size)


def _pdf_text_hex(text: str) -> str:
    """``text`` as a PDF text string in hex (UTF-16BE with its byte-order mark)."""
    return "FEFF" + text.encode("utf-16-be").hex().upper()


def _cut_marks(c: Canvas, x0: float, y0: float, cols: int, rows: int, bw: float, bh: float) -> None:
    """Short hairline ticks at every cell corner, outside the grid where there is room, else inside."""
    c.setStrokeColor(HexColor("#808080"))
    c.setLineWidth(0.25)
    tick = 3 * MM
    xs = [x0 + i * bw for i in range(cols + 1)]
    ys = [y0 + j * bh for j in range(rows + 1)]
    top, right = y0 + rows * bh, x0 + cols * bw
    for x in xs:
        if y0 > tick:  # room below and above the grid
            c.line(x, y0 - tick, x, y0 - 1)
            c.line(x, top + 1, x, top + tick)
    for y in ys:
        if x0 > tick:
            c.line(x0 - tick, y, x0 - 1, y)
            c.line(right + 1, y, right + tick, y)
    # crosses where inner cells meet, so a guillotine has marks even when the grid fills the page
    for x in xs:
        for y in ys:
            c.line(x - 1.5 * MM, y, x + 1.5 * MM, y)
            c.line(x, y - 1.5 * MM, x, y + 1.5 * MM)


def render_pdf(
    badges: Iterable[BadgeData],
    template: Template,
    out: str | os.PathLike[str] | BinaryIO | None = None,
    *,
    registry: FontRegistry | None = None,
    progress: Progress | None = None,
    total: int | None = None,
    title: str = "Badges",
) -> tuple[bytes | None, RenderReport]:
    """Render ``badges`` with ``template``; returns (PDF bytes when ``out`` is None, report).

    Nothing is written to ``out`` unless every badge rendered (an error leaves no half file behind).
    """
    registry = registry or default_registry()
    # binary (Flate only) streams: ASCII85 makes PDFs 25 % larger and costs ~7 ms a badge; nothing
    # we print to needs 7-bit-clean PDF
    rl_config.useA85 = 0
    report = RenderReport()
    buffer = io.BytesIO()
    c = Canvas(
        buffer, pagesize=(template.width_mm * MM, template.height_mm * MM), pageCompression=1, invariant=1
    )
    c.setTitle(title)
    c.setCreator("venue desk")
    painter = _Painter(c, registry, report)
    badge_tpl = template.badge
    bw, bh = badge_tpl.width_mm * MM, badge_tpl.height_mm * MM
    sheet = template.sheet
    if sheet:
        x0 = (template.width_mm * MM - sheet.cols * bw) / 2
        y0 = (template.height_mm * MM - sheet.rows * bh) / 2
    items = list(badges) if total is None else badges
    count = total if total is not None else len(items)  # type: ignore[arg-type]
    slot = 0
    for index, badge in enumerate(items):
        if sheet:
            col, row = slot % sheet.cols, slot // sheet.cols
            painter.badge(badge_tpl, badge, x0 + col * bw, y0 + (sheet.rows - 1 - row) * bh, index)
            slot += 1
            if slot == sheet.per_page:
                if sheet.cut_marks:
                    _cut_marks(c, x0, y0, sheet.cols, sheet.rows, bw, bh)
                c.showPage()
                report.pages += 1
                slot = 0
        else:
            painter.badge(badge_tpl, badge, 0, 0, index)
            c.showPage()
            report.pages += 1
        report.badges += 1
        if progress:
            progress(index + 1, count)
    if sheet and slot:
        if sheet.cut_marks:
            _cut_marks(c, x0, y0, sheet.cols, sheet.rows, bw, bh)
        c.showPage()
        report.pages += 1
    if report.badges == 0:
        raise PrintingError("no badges to render")
    c.save()
    data = buffer.getvalue()
    if out is None:
        return data, report
    if isinstance(out, str | os.PathLike):
        path = Path(out)
        tmp = path.with_name(path.name + ".part")
        tmp.write_bytes(data)
        os.replace(tmp, path)  # atomic: a reader never sees half a PDF
    else:
        out.write(data)
    return None, report


def render_badge(badge: BadgeData, template: Template, *, registry: FontRegistry | None = None) -> bytes:
    """One badge as PDF bytes (for a sheet template: one sheet with this badge in the first slot)."""
    data, _ = render_pdf([badge], template, registry=registry)
    assert data is not None
    return data
