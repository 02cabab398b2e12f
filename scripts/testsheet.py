"""The scanner test sheet: our own QR codes for checking a barcode scanner end to end.

    .venv/bin/python scripts/testsheet.py [--pdf FILE] [--png FILE]

Writes one A4 page (default ``docs/screenshots/scanner-test-sheet.pdf``; with ``--png`` also a
picture of it) holding six QR codes, each with the exact text it carries. Congress IT prints it and
scans every code with ``venue-app scanners --listen auto --json``: the ``text`` printed for each scan
must equal the text under the code. Each code catches one kind of mistake:

* a registration code of the demo congress — checks in at ``venue-app demo`` (a real verdict);
* a badge token of a test event, signed with a fixed test key — a station shows "Badge of another
  event"; "Cannot read this code" means characters were lost or added on the way;
* letters and digits a keyboard layout moves (QWERTZ swaps Y/Z, AZERTY swaps A/Q, Z/W and turns
  digits into symbols) — what keyboard-wedge mode gets wrong;
* German/French/Polish letters and Chinese/Japanese/Korean text — the scanner must send UTF-8;
  keyboard-wedge mode cannot type them at all;
* a 300-character code numbered every ten characters — a cut-off shows where the scanner stopped.

Vendor programming barcodes are copyrighted and vendor-specific, so they are not on this sheet
(docs/setup-guide.md says which setting to look for in each vendor's guide). The PDF is made with
reportlab's invariant mode and fixed data: generating it again gives the same bytes.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import io
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script: the project's packages
    sys.path.insert(0, str(ROOT))

__all__ = ["SheetCode", "badge_token", "sheet_codes", "sheet_pdf"]

#: event tag of the test badge: no real event has it (tags come from random event ids)
TEST_EVENT_TAG = "7e57c0de"


@dataclass(frozen=True)
class SheetCode:
    title: str
    text: str
    expect: str  # what a correct scanner shows, in plain words


def _long_code() -> str:
    # every block ends with its own end position: a code cut at 183 ends in "0180-TEST-" + 3 chars
    return "".join(f"{i:04d}-TEST-" for i in range(10, 301, 10))


def badge_token() -> str:
    """A well-formed badge token of the test event, signed by a key derived from a fixed seed."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from venue_app.keys import SigningKey
    from venue_app.tokens import BadgeClaims, encode_token

    seed = hashlib.sha256(b"venue desk scanner test sheet").digest()
    key = SigningKey(Ed25519PrivateKey.from_private_bytes(seed))
    serial = base64.b32encode(b"TESTSHET").decode("ascii").rstrip("=")  # fixed 8 bytes: same token every run
    return encode_token(BadgeClaims(TEST_EVENT_TAG, serial, "DEL", key.key_id), key)


def _demo_code() -> tuple[str, str]:
    """The first active registration code of the demo congress (2,000 attendees, seed 13)."""
    from venue_app.names import display_name
    from venue_desk.demodata import generate

    rows = sorted((r for r in generate(2000, 13) if r.get("status") == "active" and r.get("code")),
                  key=lambda r: r["code"])
    return rows[0]["code"], display_name(rows[0])


def sheet_codes() -> list[SheetCode]:
    code, name = _demo_code()
    long = _long_code()
    return [
        SheetCode("1  Demo registration code", code,
                 f"At the demo desk (venue-app demo): CHECKED IN, {name}."),
        SheetCode("2  Badge token of a test event", badge_token(),
                 "At any station: BADGE OF ANOTHER EVENT. \"Cannot read this code\": characters were lost or added."),
        SheetCode("3  Keyboard layout", "KEYS-azqwy-AZQWY-1234567890-/.:",
                 "Exactly these characters. y/z swapped: QWERTZ; a/q, z/w or &é\"'( for digits: AZERTY."),
        SheetCode("4  Accented letters", "UTF8-Grüße-ÄÖÜ-çéñ-Łódź",
                 "Exactly these letters. Missing or wrong letters: set the scanner to UTF-8 output."),
        SheetCode("5  Chinese, Japanese, Korean", "CJK-王秀英-東京都-서울-テスト",
                 "Exactly these characters. Nothing or ? marks: UTF-8 output, USB-COM mode."),
        SheetCode("6  Long code (300 characters)", long,
                 f"Length 300, ending in {long[-15:]}. Shorter: raise the scanner's maximum length."),
    ]


def _draw_text(canvas: object, registry: object, x: float, y: float, text: str, size: float,
               bold: bool = False) -> None:
    """Mixed scripts: each run in the bundled font that has its glyphs (as badges do)."""
    for run in registry.runs(text, bold=bold):  # type: ignore[attr-defined]
        canvas.setFont(run.font_name, size)  # type: ignore[attr-defined]
        canvas.drawString(x, y, run.text)  # type: ignore[attr-defined]
        x += run.width(size)


def _wrap(text: str, width: int) -> list[str]:
    return [text[i:i + width] for i in range(0, len(text), width)] or [""]


def sheet_pdf() -> bytes:
    """The test sheet: A4 portrait, six codes in a 2 × 3 grid."""
    from reportlab.lib.colors import HexColor
    from reportlab.pdfgen.canvas import Canvas

    from printing.fonts import default_registry
    from printing.layout import MM
    from printing.qr import QUIET_MODULES, qr_matrix

    registry = default_registry()
    width, height = 210 * MM, 297 * MM
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=(width, height), invariant=1)
    c.setTitle("Venue desk — scanner test sheet")
    _draw_text(c, registry, 15 * MM, height - 18 * MM, "Venue desk — scanner test sheet", 17, bold=True)
    intro = [
        "Scanner in USB-COM (CDC-ACM) mode with a CR suffix, then on the station:  "
        "venue-app scanners --listen auto --json",
        "Scan each code: the \"text\" shown must equal the text printed under the code, character for character.",
        "Print at 100 % (no \"fit to page\"). docs/setup-guide.md explains each result.",
    ]
    for i, line in enumerate(intro):
        _draw_text(c, registry, 15 * MM, height - (26 + 5 * i) * MM, line, 8.5)
    cell_w, cell_h = 90 * MM, 80 * MM
    top = height - 45 * MM
    for index, code in enumerate(sheet_codes()):
        col, row = index % 2, index // 2
        x0 = 15 * MM + col * (cell_w + 0 * MM)
        y0 = top - (row + 1) * cell_h
        c.setStrokeColor(HexColor("#9aa5b1"))
        c.setLineWidth(0.4)
        c.rect(x0, y0, cell_w, cell_h)
        c.setFillColor(HexColor("#000000"))
        _draw_text(c, registry, x0 + 4 * MM, y0 + cell_h - 7 * MM, code.title, 10.5, bold=True)
        matrix = qr_matrix(code.text, "M")
        box = 38 * MM
        module = box / (len(matrix) + 2 * QUIET_MODULES)
        qx = x0 + (cell_w - box) / 2
        qy = y0 + cell_h - 10 * MM - box
        for r, cells in enumerate(matrix):
            for col_i, dark in enumerate(cells):
                if dark:
                    c.rect(qx + (QUIET_MODULES + col_i) * module, qy + box - (QUIET_MODULES + r + 1) * module,
                           module, module, stroke=0, fill=1)
        lines = _wrap(code.text, 52)
        shown = lines if len(lines) <= 4 else [*lines[:2], "…", lines[-1]]
        y = qy - 4.5 * MM
        for line in shown:
            _draw_text(c, registry, x0 + 4 * MM, y, line, 7.5)
            y -= 3.6 * MM
        c.setFillColor(HexColor("#37474f"))
        for line in _wrap_words(code.expect, 70):
            _draw_text(c, registry, x0 + 4 * MM, y - 1 * MM, line, 7)
            y -= 3.3 * MM
        c.setFillColor(HexColor("#000000"))
    c.showPage()
    c.save()
    return buf.getvalue()


def _wrap_words(text: str, width: int) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return [*lines, line]


def write(pdf_path: Path, png_path: Path | None = None, dpi: float = 80) -> list[Path]:
    pdf = sheet_pdf()
    pdf_path.parent.mkdir(parents=True, exist_ok=True)
    pdf_path.write_bytes(pdf)
    written = [pdf_path]
    if png_path is not None:
        from printing.qtprinter import save_png

        png_path.parent.mkdir(parents=True, exist_ok=True)
        written.append(save_png(pdf, png_path, dpi=dpi))
    return written


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pdf", default=str(ROOT / "docs" / "screenshots" / "scanner-test-sheet.pdf"))
    parser.add_argument("--png", default=None, help="also write a PNG of the page")
    args = parser.parse_args()
    for path in write(Path(args.pdf), Path(args.png) if args.png else None):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
