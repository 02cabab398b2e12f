"""Back-ends: PDF folder, CUPS `lp` (real stand-in programs on PATH), Qt QPrinter, discovery, test page."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from badge_helpers import badge, decode_qr, pdf_text

from printing.backends import (
    CupsBackend,
    PdfFolderBackend,
    PrintJobSpec,
    cups_printers,
    discover_printers,
    open_backend,
)
from printing.errors import BackendError, PrintingError
from printing.render import render_badge
from printing.templates import load_template
from printing.testpage import ruler_page_pdf


def _job(data=None) -> PrintJobSpec:
    data = data or badge("Xiaoming", "Wang", "王小明", "family-first")
    return PrintJobSpec(render_badge(data, load_template("congress-a6")), "badge X", 105, 148, 1, "SERIAL1")


def _program(folder: Path, name: str, script: str) -> Path:
    path = folder / name
    path.write_text("#!/bin/sh\n" + script)
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path


def test_pdf_folder_writes_whole_files(tmp_path):
    backend = PdfFolderBackend(tmp_path / "out")
    job = _job()
    first = backend.submit(job)
    second = backend.submit(job)
    assert Path(first.ref).read_bytes() == job.pdf
    assert first.ref != second.ref  # never overwrites an earlier badge
    assert not list((tmp_path / "out").glob("*.part"))


def test_pdf_folder_unwritable_is_a_backend_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(BackendError, match="cannot write"):
        PdfFolderBackend(blocker / "sub").submit(_job())


def test_cups_lp_success_and_refusal(tmp_path, monkeypatch):
    bindir = tmp_path / "bin"
    bindir.mkdir()
    spool = tmp_path / "spool.pdf"
    _program(
        bindir,
        "lp",
        f'cat > "{spool}"\necho "$@" > "{tmp_path}/args"\necho "request id is Badge-42 (1 file(s))"\n',
    )
    monkeypatch.setenv("PATH", f"{bindir}{os.pathsep}{os.environ['PATH']}")
    job = _job()
    receipt = CupsBackend("Badge").submit(job)
    assert receipt.ref == "Badge-42"
    assert spool.read_bytes() == job.pdf
    args = (tmp_path / "args").read_text()
    assert "-d Badge" in args and "media=Custom.105x148mm" in args
    _program(bindir, "lp", 'cat > /dev/null\necho "lp: The printer or class does not exist." >&2\nexit 1\n')
    # lp's words are checked with CUPS itself: no CUPS answers here, so that is what staff read
    # (the real CUPS cases are in test_cups.py)
    monkeypatch.setenv("CUPS_SERVER", str(tmp_path / "no-cups.sock"))
    with pytest.raises(BackendError, match=r"the print service \(CUPS\) is not running"):
        CupsBackend("Gone").submit(job)


def test_cups_absent_is_a_clear_error(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(BackendError, match="CUPS is not installed"):
        CupsBackend().submit(_job())
    assert cups_printers() == []


def test_lpstat_discovery(tmp_path, monkeypatch):
    bindir = tmp_path / "bin"
    bindir.mkdir()
    _program(
        bindir,
        "lpstat",
        'echo "printer Zebra_ZD621 is idle.  enabled since Mon"\n'
        'echo "printer Office disabled since Tue -"\n'
        'echo "system default destination: Zebra_ZD621"\n',
    )
    monkeypatch.setenv("PATH", f"{bindir}{os.pathsep}{os.environ['PATH']}")
    found = cups_printers()
    assert [(p.name, p.default, p.state) for p in found] == [
        ("Zebra_ZD621", True, "idle"),
        ("Office", False, "disabled"),
    ]
    assert discover_printers(qt=False)[0].name == "Zebra_ZD621"


def test_qt_printer_prints_the_same_pdf_at_the_template_size(tmp_path):
    from pypdf import PdfReader

    out = tmp_path / "printed.pdf"
    backend = open_backend(f"qt-pdf:{out}")
    data = badge("Fatima", "Al-Zahra", "فاطمة الزهراء")
    backend.submit(PrintJobSpec(render_badge(data, load_template("congress-a6")), "badge", 105, 148))
    printed = out.read_bytes()
    box = PdfReader(out).pages[0].mediabox
    assert abs(float(box.width) - 105 / 25.4 * 72) < 1.5 and abs(float(box.height) - 148 / 25.4 * 72) < 1.5
    assert decode_qr(printed) == [data.token]


def test_qt_printer_landscape_card(tmp_path):
    from pypdf import PdfReader

    out = tmp_path / "card.pdf"
    data = badge("Ana", "Silva")
    pdf = render_badge(data, load_template("cr80"))
    open_backend(f"qt-pdf:{out}").submit(PrintJobSpec(pdf, "card", 85.6, 53.98))
    box = PdfReader(out).pages[0].mediabox
    assert float(box.width) > float(box.height)
    assert decode_qr(out.read_bytes()) == [data.token]


def test_qt_printer_missing_printer_is_a_backend_error():
    with pytest.raises(BackendError, match="not available"):
        open_backend("qt:No Such Printer 123").submit(_job())


def test_unknown_backend_spec():
    with pytest.raises(PrintingError, match="unknown printer back-end"):
        open_backend("fax:123")


def test_ruler_test_page():
    pdf = ruler_page_pdf(105, 148)
    text = pdf_text(pdf)
    assert "TOP" in text and "50 × 50 mm" in text and "100" in text
