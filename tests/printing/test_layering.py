"""printing/ never imports PySide6 except in its Qt printer back-end (DESIGN.md dependency rule)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PRINTING = Path(__file__).resolve().parents[2] / "printing"


def test_no_pyside6_import_outside_qtprinter():
    offenders = []
    for path in PRINTING.glob("*.py"):
        if path.name == "qtprinter.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            if any(n.split(".")[0] in ("PySide6", "ui") for n in names):
                offenders.append(f"{path.name}:{node.lineno}")
    assert offenders == []


def test_rendering_does_not_load_qt():
    code = (
        "import sys; from printing.render import render_badge; from printing.templates import load_template;"
        "from printing.data import BadgeData; from printing.queue import PrintQueue;"
        "render_badge(BadgeData('VD1ABC', given_name='A'), load_template('congress-a6'));"
        "print('PySide6' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=PRINTING.parent
    )
    assert out.stdout.strip() == "False"
