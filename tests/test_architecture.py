"""The layers of DESIGN.md: the composition root (``venue_desk``) on top, then ``ui``, then ``printing`` and
``devices``, then the Qt-free core (``venue_app``, itself layered, without cycles); no Qt below ``ui``
but printing's Qt back-end; no SQL in ``ui``. The import rules are import-linter contracts
(``[tool.importlinter]`` in pyproject.toml), the same ones ``./dev lint`` checks."""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HEADLESS = ("venue_app", "devices", "printing")
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _lint_imports(cwd: Path, config: Path | None = None, path: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": path} if path else None
    return subprocess.run([str(LINT_IMPORTS), "--no-cache", *(["--config", str(config)] if config else [])],
                          cwd=cwd, env=env, capture_output=True, text=True, timeout=300)


def test_the_import_contracts_hold() -> None:
    done = _lint_imports(ROOT)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    contracts = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["importlinter"]["contracts"]
    assert f"Contracts: {len(contracts)} kept, 0 broken." in done.stdout, done.stdout


def test_the_contracts_catch_a_core_module_that_imports_upwards(tmp_path: Path) -> None:
    """The same contracts on a small tree with one import against the layers, and one import cycle:
    import-linter reports both (the contracts are not vacuous)."""
    for package in ("venue_desk", "ui", "printing", "devices", "venue_app", "venue_app/ops", "venue_app/views",
                    "venue_app/registry", "venue_app/sync"):
        (tmp_path / package).mkdir(parents=True, exist_ok=True)
        (tmp_path / package / "__init__.py").write_text("", "utf-8")
    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["importlinter"]
    core = next(c for c in config["contracts"] if c["id"] == "core")
    for layer in core["layers"]:
        for name in re.split(r"[|:]", layer):
            target = tmp_path / "venue_app" / f"{name.strip()}.py"
            if not target.parent.joinpath(name.strip()).is_dir():
                target.write_text("", "utf-8")
    (tmp_path / "venue_app" / "station.py").write_text("import ui\n", "utf-8")  # the core imports the GUI
    (tmp_path / "printing" / "a.py").write_text("from printing import b\n", "utf-8")  # a cycle
    (tmp_path / "printing" / "b.py").write_text("from printing import a\n", "utf-8")
    lines = ["[tool.importlinter]", 'root_packages = ["venue_desk", "ui", "printing", "devices", "venue_app"]']
    for contract in config["contracts"]:
        if contract["id"] == "headless":
            continue  # the small tree imports no Qt at all
        lines.append("[[tool.importlinter.contracts]]")
        lines += [f"{key} = {_toml(value)}" for key, value in contract.items()]
    (tmp_path / "contracts.toml").write_text("\n".join(lines) + "\n", "utf-8")
    done = _lint_imports(tmp_path, tmp_path / "contracts.toml", str(tmp_path))
    assert done.returncode == 1, done.stdout + done.stderr
    assert "venue_app.station -> ui" in done.stdout
    assert "No cycles are allowed in printing" in done.stdout


def _toml(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    return '"' + str(value).replace('"', '\\"') + '"'


def test_importing_every_headless_module_loads_no_qt() -> None:
    """At run time too (a module imported by name, an import-time side effect): only printing's Qt back-end
    brings Qt along."""
    skip = ("printing.qtprinter",)
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


#: what running SQL looks like: a DB-API call, or a query helper of the station's replica
_SQL_CALLS = {"execute", "executemany", "executescript"}
_REPLICA_SQL = {"one", "query", "reader", "transaction"}


def _sql_in(path: Path) -> list[str]:
    tree = ast.parse(path.read_text("utf-8"), str(path))
    found = [f"line {node.lineno}: imports {alias.name}" for node in ast.walk(tree) if isinstance(node, ast.Import)
             for alias in node.names if alias.name.split(".")[0] in ("sqlite3", "sqlalchemy")]
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] in ("sqlite3", "sqlalchemy"):
            found.append(f"line {node.lineno}: imports {node.module}")
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            name, owner = node.func.attr, node.func.value
            if name in _SQL_CALLS:
                found.append(f"line {node.lineno}: .{name}(…)")
            elif name in _REPLICA_SQL and isinstance(owner, ast.Attribute) and owner.attr == "replica":
                found.append(f"line {node.lineno}: .replica.{name}(…)")
    return found


def test_no_ui_module_runs_sql() -> None:
    """Screens read through the core's read models (venue_app.views) and write through its commands
    (venue_app.ops): a query in ui would be a second, untested copy of a rule."""
    offenders = {path.relative_to(ROOT).as_posix(): found for path in sorted((ROOT / "ui").rglob("*.py"))
                 if (found := _sql_in(path))}
    assert not offenders, offenders


def test_the_sql_check_sees_each_way_of_running_sql(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("import sqlite3\nfrom sqlalchemy import text\n"
                      "def f(station, conn):\n"
                      "    conn.execute('SELECT 1')\n"
                      "    station.replica.reader().executemany('x', [])\n"
                      "    station.replica.one('SELECT 1')\n"
                      "    self.station.replica.query('SELECT 1')\n"
                      "    with station.replica.transaction() as c:\n"
                      "        c.executescript('x')\n"
                      "    station.attendee('x'); station.replica.get_meta('mode')\n", "utf-8")
    assert sorted(_sql_in(sample)) == ["line 1: imports sqlite3", "line 2: imports sqlalchemy", "line 4: .execute(…)",
                               "line 5: .executemany(…)", "line 5: .replica.reader(…)", "line 6: .replica.one(…)",
                               "line 7: .replica.query(…)", "line 8: .replica.transaction(…)",
                               "line 9: .executescript(…)"]
