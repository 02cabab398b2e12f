"""build.spec covers what the frozen app loads by name: every CLI command module, every module of our
packages, the Qt modules our code imports, and every file under resources/.

The spec is run for real (``runpy``) with stand-ins for the names PyInstaller provides (``Analysis``,
``PYZ``, ``EXE``, ``COLLECT``, ``SPECPATH``) that record what they were given; building the bundle
itself is scripts/bundle.sh's job (minutes, not a unit test)."""

from __future__ import annotations

import runpy
import sys
from pathlib import Path
from typing import Any, ClassVar

import pytest

from venue_desk.cli import COMMAND_MODULES

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "build.spec"


class Recorder:
    """Stands in for one PyInstaller build step; remembers its arguments."""

    calls: ClassVar[dict[str, Any]] = {}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        Recorder.calls[type(self).__name__] = (args, kwargs)
        self.args, self.kwargs = args, kwargs
        self.pure, self.scripts, self.datas = [], [], kwargs.get("datas", [])
        # what Analysis would have found: one kept and one dropped binary of each kind
        self.binaries = [("PySide6/Qt/lib/libQt6Core.so.6", "x", "BINARY"),
                         ("PySide6/Qt/plugins/platforms/libqoffscreen.so", "x", "BINARY"),
                         ("PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so", "x", "BINARY"),
                         ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", "x", "BINARY"),
                         ("libpango-1.0.so.0", "x", "BINARY"),
                         ("pillow.libs/libharfbuzz-fb49c9fc.so.0.61450.0", "x", "BINARY"),
                         ("libharfbuzz.so.0", "x", "BINARY")]


class Analysis(Recorder):
    pass


class PYZ(Recorder):
    pass


class EXE(Recorder):
    pass


class COLLECT(Recorder):
    pass


def run_spec(tmp_path: Path, argv: list[str], monkeypatch: pytest.MonkeyPatch, console_env: str = "") -> dict:
    Recorder.calls = {}
    monkeypatch.setattr(sys, "argv", ["pyinstaller", *argv])
    if console_env:
        monkeypatch.setenv("VENUE_CONSOLE", console_env)
    else:
        monkeypatch.delenv("VENUE_CONSOLE", raising=False)
    names = {"Analysis": Analysis, "PYZ": PYZ, "EXE": EXE, "COLLECT": COLLECT, "SPECPATH": str(ROOT),
             "workpath": str(tmp_path / "work")}
    spec_globals = runpy.run_path(str(SPEC), init_globals=names)
    return {"globals": spec_globals, **Recorder.calls}


@pytest.fixture
def spec(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict:
    return run_spec(tmp_path, [], monkeypatch)


def test_every_cli_command_module_and_package_module_is_a_hidden_import(spec: dict) -> None:
    _, kwargs = spec["Analysis"]
    hidden = set(kwargs["hiddenimports"])
    assert "selftest" in COMMAND_MODULES
    assert {f"venue_desk.cli.{name}" for name in COMMAND_MODULES} <= hidden
    # everything loaded by name at run time: migrations and benchmarks through pkgutil
    for package in ("venue_desk", "venue_app", "ui", "devices", "printing"):
        for path in (ROOT / package).rglob("*.py"):
            if "__pycache__" in path.parts:
                continue
            parts = path.relative_to(ROOT).with_suffix("").parts
            module = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            assert module in hidden, module
    assert {"venue_app.migrations.m0001_core", "ui.desk", "devices.simulator", "printing.qtprinter"} <= hidden
    # the Qt modules our code imports, including lazy ones (sounds, badge rasterising, charts)
    assert {"PySide6.QtCore", "PySide6.QtWidgets", "PySide6.QtPdf", "PySide6.QtMultimedia", "PySide6.QtCharts",
            "PySide6.QtPrintSupport"} <= hidden
    assert "uvicorn.loops.auto" in hidden and "sqlalchemy.dialects.sqlite" in hidden
    assert kwargs["pathex"] == [str(ROOT)]
    assert spec["Analysis"][0][0] == [str(ROOT / "venue_desk" / "__main__.py")]


def test_every_resource_file_is_bundled_where_the_app_looks(spec: dict) -> None:
    _, kwargs = spec["Analysis"]
    bundled = {(Path(src).resolve(), dest) for src, dest in kwargs["datas"]}
    files = [p for p in (ROOT / "resources").rglob("*") if p.is_file() and "__pycache__" not in p.parts
             and p.suffix not in (".py", ".pyc")]
    assert len(files) > 20  # fonts, sounds, templates at least
    for path in files:
        # destination folder inside the bundle = its folder relative to the repository, so that
        # Path(__file__).parent.parent / "resources" in printing and ui finds it frozen too
        assert (path.resolve(), str(path.parent.relative_to(ROOT))) in bundled, path
    subfolders = {p.name for p in (ROOT / "resources").iterdir() if p.is_dir() and any(p.rglob("*.*"))}
    assert {"fonts", "sounds", "templates"} <= subfolders
    assert subfolders <= {Path(dest).parts[1] for _, dest in bundled if dest.startswith("resources/")}
    # the package metadata (venue_app.__version__ in the bundle) and anyascii's tables
    assert any(dest.endswith((".dist-info", ".egg-info")) for _, dest in bundled)
    assert ("anyascii/_data" in {dest for _, dest in bundled})


def test_test_tools_and_unused_qt_are_excluded_and_unused_plugins_dropped(spec: dict) -> None:
    _, kwargs = spec["Analysis"]
    excludes = set(kwargs["excludes"])
    assert {"pytest", "hypothesis", "pypdf", "schemathesis", "PySide6.QtWebEngineCore",
            "PySide6.Qt3DCore", "PySide6.QtQuick"} <= excludes
    hidden = set(kwargs["hiddenimports"])
    assert not {m for m in hidden if m.split(".")[0] in {"pytest", "hypothesis"}}
    assert "zxingcpp" in hidden and "zxingcpp" not in excludes  # the camera scanner's QR reader
    assert not excludes & hidden
    (_exe_args, _), (coll_args, coll_kwargs) = spec["EXE"], spec["COLLECT"]
    kept = [entry[0] for entry in coll_args[1]]
    assert kept == ["PySide6/Qt/lib/libQt6Core.so.6", "PySide6/Qt/plugins/platforms/libqoffscreen.so",
                    "pillow.libs/libharfbuzz-fb49c9fc.so.0.61450.0"]
    assert coll_kwargs["name"] == "venue-desk" and coll_kwargs["upx"] is False


def test_version_comes_from_the_package_and_is_written_into_the_bundle(spec: dict, tmp_path: Path) -> None:
    import venue_app

    assert spec["globals"]["VERSION"] == venue_app.__version__ != "0.0.0"
    _, kwargs = spec["Analysis"]
    notes = [src for src, dest in kwargs["datas"] if Path(src).name == "VERSION.txt"]
    assert notes and Path(notes[0]).read_text("utf-8").strip() == f"venue-desk {venue_app.__version__}"
    info = spec["globals"]["version_file"](tmp_path / "v.txt", "1.2.3")
    text = Path(info).read_text("utf-8")
    assert "filevers=(1, 2, 3, 0)" in text and "StringStruct('ProductVersion', '1.2.3')" in text


@pytest.mark.parametrize(("argv", "env", "console"), [([], "", False), (["--console"], "", True),
                                                     ([], "1", True), ([], "0", False)])
def test_console_switch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, argv: list[str], env: str,
                        console: bool) -> None:
    spec = run_spec(tmp_path, argv, monkeypatch, env)
    assert spec["globals"]["CONSOLE"] is console
    _, exe_kwargs = spec["EXE"]
    assert exe_kwargs["console"] is True  # the CLI and --self-test always print in a terminal
    if sys.platform == "win32":
        assert exe_kwargs["hide_console"] == (None if console else "hide-early")
    else:
        assert exe_kwargs["hide_console"] is None


def test_frozen_app_accepts_the_interpreter_spelling(monkeypatch: pytest.MonkeyPatch,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    """The demo starts its registry as ``sys.executable -m venue_desk registry serve``; frozen,
    sys.executable is venue-desk itself and must take that for ``venue-desk registry serve``."""
    from venue_desk.cli import main

    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "argv", ["venue-desk", "-m", "venue_desk", "registry", "serve", "--help"])
    with pytest.raises(SystemExit) as exit_info:
        main()
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.startswith("usage: venue-app registry serve")
    monkeypatch.setattr(sys, "frozen", False)  # not frozen: the same words are an error, as before
    with pytest.raises(SystemExit) as exit_info:
        main()
    assert exit_info.value.code == 2
