"""The dependency rule of DESIGN.md: the core never imports Qt, and nothing imports ``ui``."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HEADLESS = ("venue_app", "devices", "printing")
#: the one place in printing allowed to use Qt (imported lazily by its back-end registry)
QT_ALLOWED = {"printing/qtprinter.py"}
#: the composition root may start the GUI, lazily inside the command
UI_ALLOWED = {"venue_app/cli/gui.py", "venue_app/bench/gui.py", "venue_app/cli/selftest.py"}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text("utf-8"), str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_headless_packages_never_import_qt_or_ui() -> None:
    offenders = []
    for package in HEADLESS:
        for path in sorted((ROOT / package).rglob("*.py")):
            rel = path.relative_to(ROOT).as_posix()
            imported = _imports(path)
            if rel not in QT_ALLOWED and imported & {"PySide6", "shiboken6", "PyQt5", "PyQt6"}:
                offenders.append(f"{rel} imports Qt")
            if rel not in UI_ALLOWED and "ui" in imported:
                offenders.append(f"{rel} imports ui")
    assert not offenders, offenders


def test_devices_and_printing_depend_on_the_core_at_most() -> None:
    for package, forbidden in (("devices", {"printing", "ui"}), ("printing", {"devices", "ui"})):
        for path in (ROOT / package).rglob("*.py"):
            assert not _imports(path) & forbidden, path


def test_importing_every_headless_module_loads_no_qt() -> None:
    skip = ("printing.qtprinter", "venue_app.cli.gui", "venue_app.bench.gui")
    code = (
        "import importlib, pkgutil, sys\n"
        f"SKIP = {skip!r}\n"
        f"for pkg in {HEADLESS!r}:\n"
        "    mod = importlib.import_module(pkg)\n"
        "    for info in pkgutil.walk_packages(mod.__path__, pkg + '.'):\n"
        "        if info.name.endswith('__main__') or info.name in SKIP:\n"
        "            continue\n"
        "        importlib.import_module(info.name)\n"
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "[]"
