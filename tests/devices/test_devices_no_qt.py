"""DESIGN.md: ``devices`` never imports Qt and depends on ``venue_app`` types at most."""

from __future__ import annotations

import ast
from pathlib import Path

DEVICES = Path(__file__).resolve().parents[2] / "devices"
ALLOWED_FIRST_PARTY = {"devices", "venue_app"}
FORBIDDEN = {"PySide6", "PyQt5", "PyQt6", "shiboken6", "ui", "printing"}


def imported_roots(path: Path) -> set[str]:
    roots = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"), str(path))):
        if isinstance(node, ast.Import):
            roots |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            roots.add(node.module.split(".")[0])
    return roots


def test_devices_imports_no_qt_and_no_ui() -> None:
    files = sorted(DEVICES.glob("*.py"))
    assert files
    for path in files:
        bad = imported_roots(path) & FORBIDDEN
        assert not bad, f"{path.name} imports {bad}"
