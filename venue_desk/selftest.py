"""``venue-app --self-test`` (also ``venue-app self-test``): is this installation able to run a desk?

Congress IT copies the bundle to every station laptop the day before and runs this on each; CI runs
it on the frozen bundle. It exercises the real parts, not their presence: a standalone station with a
few demo attendees is built in a temporary folder (or ``--data DIR``), the real desk window opens
(offscreen unless ``--on-screen``), a real signed badge token goes through the ``sim://`` scanner
simulator and the verdict must be painted; the bundled fonts must register with Qt (CJK and Arabic
families present) and with reportlab, a real name in every script of ``printing.fonts.SCRIPT_SAMPLES``
must be covered on badges and laid out by Qt without a box (the fonts line lists the scripts), the
badge template must render a PDF that QtPdf reads back, the sounds and translations must be where the
app looks for them, the replica must pass SQLite's ``integrity_check``, and the Qt plugins a station
needs (platform, image formats, PDF, multimedia) must load. The ``disk`` check warns in its line
(without failing: the installation works) when the station's data folder is on a disk without
encryption, where the OS can tell (:mod:`venue_app.volumes`). One line per check; exit 0 only when
every check passed, 3 (the environment's fault) otherwise.

When ``--data DIR`` already holds a station (a prepared laptop), that station is only read: its
replica gets a read-only ``integrity_check`` and the test station is built in a temporary folder, so
the self-test never adds a check-in to a real event.

Qt is imported only inside the checks (the CLI is the composition root; ``venue_app`` stays Qt-free at
import time).
"""

from __future__ import annotations

import contextlib
import json
import os
import platform
import shutil
import sys
import tempfile
import threading
import time
import traceback
import wave
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

from venue_app.views.status import integrity, logged_checkins

__all__ = ["CHECKS", "EXIT_FAILED", "SelfTest", "run_self_test"]

#: every check, in the order they run (tests and the docs rely on these names)
CHECKS = ("runtime", "resources", "translations", "qt-platform", "qt-plugins", "fonts", "station", "badge",
          "desk-scan", "sounds", "processes", "replica", "disk")
EXIT_FAILED = 3  # README: 3 = the environment's fault (here: the installation)
#: people whose names need the CJK and Arabic fonts (badge and desk check); codes cannot clash with demo codes
PEOPLE = (
    {"code": "SELFTEST-ZH", "given_name": "Wei", "family_name": "Wang", "native_name": "王伟",
     "name_order": "family-first", "honorific": "H.E.", "category": "MAYOR", "city": "Guangzhou", "country": "CN",
     "delegation": "Guangzhou"},
    {"code": "SELFTEST-AR", "given_name": "Layla", "family_name": "Haddad", "native_name": "ليلى حداد",
     "category": "SPEAKER", "city": "Dubai", "country": "AE"},
)
DEMO_ATTENDEES = 24
_CJK_FAMILIES = ("WenQuanYi Micro Hei", "Droid Sans Fallback")
_ARABIC_FAMILY = "Noto Sans Arabic"
_SOUNDS = ("ok", "attention", "error")


# -- the runner ----------------------------------------------------------------------------------


def _print_line(line: str) -> None:
    # flushed at once: a run cut short by the watchdog (os._exit) still shows every line before it
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


class CheckFailed(Exception):
    """A check's plain-words reason for failing."""


@dataclass
class Result:
    check: str
    ok: bool
    detail: str
    ms: int


@dataclass
class SelfTest:
    """State shared by the checks (what one check builds, the next one uses)."""

    as_json: bool = False
    out: Callable[[str], None] = field(default=lambda line: _print_line(line))
    results: list[Result] = field(default_factory=list)
    current: str = ""
    ctx: dict[str, Any] = field(default_factory=dict)

    def run(self, name: str, fn: Callable[[SelfTest], str], *, needs: tuple[str, ...] = ()) -> bool:
        self.current = name
        started = time.perf_counter()
        failed_needs = [n for n in needs if not self.passed(n)]
        if failed_needs:
            ok, detail = False, f"not run: {', '.join(failed_needs)} failed"
        else:
            try:
                ok, detail = True, fn(self)
            except CheckFailed as exc:
                ok, detail = False, str(exc)
            except Exception as exc:  # a crash in a check is a failed check with its reason, not a traceback
                ok, detail = False, f"{type(exc).__name__}: {exc}"
                if os.environ.get("VENUE_SELF_TEST_TRACE"):
                    traceback.print_exc()
        self.report(Result(name, ok, detail, round((time.perf_counter() - started) * 1000)))
        return ok

    def report(self, result: Result) -> None:
        self.results.append(result)
        if self.as_json:
            self.out(json.dumps({"check": result.check, "ok": result.ok, "detail": result.detail, "ms": result.ms},
                                ensure_ascii=False))
        else:
            self.out(f"{'PASS' if result.ok else 'FAIL'}  {result.check:<13} {result.detail}")

    def passed(self, name: str) -> bool:
        return any(r.check == name and r.ok for r in self.results)

    @property
    def failed(self) -> list[str]:
        return [r.check for r in self.results if not r.ok]


def run_self_test(*, data: str | None = None, as_json: bool = False, on_screen: bool = False,
                  timeout: float = 60.0, out: Callable[[str], None] | None = None) -> int:
    """Run every check; 0 when all passed, :data:`EXIT_FAILED` otherwise."""
    started = time.perf_counter()
    test = SelfTest(as_json=as_json)
    if out is not None:
        test.out = out
    if not on_screen:
        # before anything imports Qt; an explicit QT_QPA_PLATFORM (e.g. to test xcb) is respected
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    watchdog = _watchdog(test, timeout)
    try:
        with _workspace(data) as (root, existing):
            test.ctx["root"], test.ctx["existing"], test.ctx["data"] = root, existing, data
            test.run("runtime", check_runtime)
            test.run("resources", check_resources)
            test.run("translations", check_translations)
            test.run("qt-platform", check_qt_platform)
            test.run("qt-plugins", check_qt_plugins, needs=("qt-platform",))
            test.run("fonts", check_fonts, needs=("qt-platform", "resources"))
            test.run("station", check_station)
            test.run("badge", check_badge, needs=("station", "qt-platform"))
            test.run("desk-scan", check_desk_scan, needs=("station", "qt-platform"))
            test.run("sounds", check_sounds, needs=("qt-platform",))
            test.run("processes", check_processes)
            test.run("replica", check_replica)
            test.run("disk", check_disk)
            _close(test)
    finally:
        watchdog.cancel()
    seconds = time.perf_counter() - started
    failed = test.failed
    summary = {"self_test": "failed" if failed else "passed", "failed": failed, "checks": len(test.results),
               "seconds": round(seconds, 2), "version": _version(), "frozen": bool(getattr(sys, "frozen", False))}
    if as_json:
        test.out(json.dumps(summary))
    elif failed:
        test.out(f"self-test FAILED ({', '.join(failed)}) in {seconds:.1f} s")
    else:
        test.out(f"self-test passed: {len(test.results)} checks in {seconds:.1f} s")
    return EXIT_FAILED if failed else 0


def _watchdog(test: SelfTest, timeout: float) -> threading.Timer:
    """A hung check (a Qt plugin that blocks, a window that never paints) must still end the run
    with a reason: CI and congress IT need an answer, not a frozen terminal."""

    def fire() -> None:
        line = (json.dumps({"check": test.current, "ok": False, "detail": f"timed out after {timeout:g} s"})
                if test.as_json else f"FAIL  {test.current:<13} timed out after {timeout:g} s")
        with contextlib.suppress(Exception):
            test.out(line)
            test.out(f"self-test FAILED ({test.current}: timeout)" if not test.as_json else
                     json.dumps({"self_test": "failed", "failed": [test.current], "timeout": timeout}))
        os._exit(EXIT_FAILED)

    timer = threading.Timer(timeout, fire)
    timer.daemon = True
    timer.start()
    return timer


@contextlib.contextmanager
def _workspace(data: str | None) -> Iterator[tuple[Path, Path | None]]:
    """(folder for the test station, an existing station folder to check read-only or None)."""
    from venue_app.paths import Paths

    if data:
        given = Paths.at(data)
        if given.root.exists() and not given.root.is_dir():
            from venue_app.errors import ConfigError

            raise ConfigError(f"--data {data}: not a folder")
        if not given.replica.exists():
            given.root.mkdir(parents=True, exist_ok=True)
            yield given.root, None  # kept afterwards: the badge PDF and the station can be looked at
            return
        existing: Path | None = given.root
    else:
        existing = None
    tmp = Path(tempfile.mkdtemp(prefix="venue-self-test-"))
    try:
        yield tmp, existing
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _close(test: SelfTest) -> None:
    station = test.ctx.pop("station", None)
    if station is not None:
        with contextlib.suppress(Exception):
            station.close()


def _version() -> str:
    from venue_app import __version__

    return __version__


# -- the checks (each returns its detail line or raises CheckFailed) ---------------------------


def check_runtime(test: SelfTest) -> str:
    frozen = getattr(sys, "frozen", False)
    where = f"frozen bundle in {Path(sys.executable).parent}" if frozen else f"python {sys.executable}"
    return (f"venue-desk {_version()}, Python {platform.python_version()}, {platform.system()} "
            f"{platform.machine()}, {where}")


def resources_root() -> Path:
    """The resources folder the application reads (where printing and ui look for it)."""
    from printing.fonts import FONT_DIR

    return FONT_DIR.parent


def check_resources(test: SelfTest) -> str:
    from printing.templates import TEMPLATE_DIR

    root = resources_root()
    if not root.is_dir():
        raise CheckFailed(f"no resources folder at {root}: reinstall (copy the whole folder)")
    fonts = sorted(p.name for p in (root / "fonts").glob("*.tt[fc]"))
    templates = sorted(p.stem for p in TEMPLATE_DIR.glob("*.json"))
    missing = [f"sounds/{name}.wav" for name in _SOUNDS if not (root / "sounds" / f"{name}.wav").is_file()]
    if not fonts:
        missing.append("fonts/*.ttf")
    if "congress-a6" not in templates:
        missing.append("templates/congress-a6.json")
    if missing:
        raise CheckFailed(f"missing from {root}: {', '.join(missing)}")
    return f"{root}: {len(fonts)} fonts, {len(templates)} templates, {len(_SOUNDS)} sounds"


def check_translations(test: SelfTest) -> str:
    # the translations are being written: a folder without .qm files is reported, not a failure
    folder = resources_root() / "translations"
    if not folder.is_dir():
        return f"no translations folder ({folder}): the app runs in English"
    qm = sorted(p.stem for p in folder.glob("*.qm"))
    if not qm:
        return f"{folder} holds no .qm file yet: the app runs in English"
    empty = [name for name in qm if (folder / f"{name}.qm").stat().st_size == 0]
    if empty:
        raise CheckFailed(f"empty translation file(s) in {folder}: {', '.join(empty)}")
    return f"{len(qm)} translations: {', '.join(qm)}"


def _platform_plugin_dirs() -> list[Path]:
    from PySide6.QtCore import QLibraryInfo

    dirs = [Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath))]
    dirs += [Path(p) for p in os.environ.get("QT_PLUGIN_PATH", "").split(os.pathsep) if p]
    return dirs


def _plugins(kind: str) -> list[str]:
    """Names of the Qt plugins of one kind (``platforms``, ``imageformats``…) found on disk."""
    names = set()
    for folder in _platform_plugin_dirs():
        for path in (folder / kind).glob("*"):
            if path.suffix in (".so", ".dll", ".dylib"):
                stem = path.stem.removeprefix("lib")
                names.add(stem[1:] if stem.startswith("q") else stem)
    return sorted(names)


def check_qt_platform(test: SelfTest) -> str:
    wanted = os.environ.get("QT_QPA_PLATFORM", "").split(";")[0].split(":")[0] or _native_platform()
    have = _plugins("platforms")
    # Qt aborts the whole process when the platform plugin is missing: look before creating the app
    if wanted not in have:
        where = ", ".join(str(d / "platforms") for d in _platform_plugin_dirs())
        raise CheckFailed(f"no Qt platform plugin {wanted!r} in {where} (have: {', '.join(have) or 'none'})")
    from ui.app import RESOURCES, ensure_app

    app = ensure_app()
    if RESOURCES.resolve() != resources_root().resolve():
        raise CheckFailed(f"the window reads resources from {RESOURCES}, the badges from {resources_root()}")
    test.ctx["app"] = app
    return f"{app.platformName()} (Qt {_qt_version()}); platform plugins: {', '.join(have)}"


def _native_platform() -> str:
    if sys.platform == "win32":
        return "windows"
    if sys.platform == "darwin":
        return "cocoa"
    return "wayland" if os.environ.get("WAYLAND_DISPLAY") and not os.environ.get("DISPLAY") else "xcb"


def _qt_version() -> str:
    from PySide6.QtCore import qVersion

    return str(qVersion())


def check_qt_plugins(test: SelfTest) -> str:
    from PySide6.QtGui import QImageReader

    problems = []
    native = _native_platform()
    if native not in _plugins("platforms"):
        # the self-test runs offscreen; the station runs on the real display and needs this one
        problems.append(f"native platform plugin {native!r} missing")
    formats = {bytes(f.data()).decode() for f in QImageReader.supportedImageFormats()}
    for fmt in ("png", "jpeg", "ico"):  # png is built in; jpeg and ico are plugins (photos, icons)
        if fmt not in formats:
            problems.append(f"image format {fmt} missing")
    try:
        from PySide6.QtPdf import QPdfDocument  # noqa: F401 - printing renders badges through it
        from PySide6.QtPrintSupport import QPrinterInfo

        printers = len(QPrinterInfo.availablePrinters())
    except ImportError as exc:
        problems.append(f"QtPdf/QtPrintSupport: {exc}")
        printers = 0
    try:
        from PySide6.QtCharts import QChart  # noqa: F401 - the dashboard
    except ImportError as exc:
        problems.append(f"QtCharts: {exc}")
    if problems:
        raise CheckFailed("; ".join(problems))
    return (f"native {native}, image formats {', '.join(sorted(formats & {'png', 'jpeg', 'ico', 'svg', 'gif'}))}, "
            f"QtPdf, QtCharts, {printers} system printer(s)")


def check_fonts(test: SelfTest) -> str:
    from printing.fonts import SCRIPT_SAMPLES, default_registry
    from ui.app import load_fonts

    families = set(load_fonts())
    missing = []
    if not any(f in families for f in _CJK_FAMILIES):
        missing.append(f"CJK ({' or '.join(_CJK_FAMILIES)})")
    if _ARABIC_FAMILY not in families:
        missing.append(_ARABIC_FAMILY)
    if missing:
        raise CheckFailed(f"Qt did not load the bundled fonts for {', '.join(missing)} "
                          f"(loaded: {', '.join(sorted(families)) or 'none'})")
    registry = default_registry()
    registry.check_files()
    registry.load_all()  # parses every font file: a truncated copy fails here, not on the first badge
    printable = registry.printable_scripts()
    on_badges = [script for script, ok in printable.items() if ok]
    not_on_screen = [script for script in on_badges if not _qt_draws(SCRIPT_SAMPLES[script])]
    lacking = [script for script, ok in printable.items() if not ok]
    if lacking or not_on_screen:
        raise CheckFailed("; ".join(part for part in (
            f"badges cannot print {', '.join(lacking)}" if lacking else "",
            f"windows would show boxes for {', '.join(not_on_screen)}" if not_on_screen else "") if part))
    test.ctx["scripts"] = on_badges
    return (f"Qt: {len(families)} families incl. {_ARABIC_FAMILY}, "
            f"{next(f for f in _CJK_FAMILIES if f in families)}; badges: {len(registry.families)} families; "
            f"badges and windows show {len(on_badges)} scripts: {', '.join(on_badges)}")


def _qt_draws(text: str) -> bool:
    """Qt lays ``text`` out in the UI font (with the bundled fonts behind it) without a .notdef box."""
    from PySide6.QtGui import QFont, QTextLayout

    from ui.app import FONT_FAMILY

    layout = QTextLayout(text, QFont(FONT_FAMILY, 20))
    layout.beginLayout()
    layout.createLine()
    layout.endLayout()
    runs = layout.glyphRuns()
    return bool(runs) and all(index != 0 for run in runs for index in run.glyphIndexes())


def check_station(test: SelfTest) -> str:
    from venue_app.paths import Paths
    from venue_app.station import Station
    from venue_desk.cli.gui import build_demo_station

    paths = Paths(test.ctx["root"])
    if paths.replica.exists():
        raise CheckFailed(f"{paths.root} already holds a station")
    build_demo_station(paths, attendees=DEMO_ATTENDEES, seed=13)
    station = Station.open(paths)
    test.ctx["station"] = station
    station.add_attendees(PEOPLE)
    station.settings["sounds"] = False  # the sounds check plays nothing either: a laptop in a hall
    count = station.status()["attendees"]
    if count != DEMO_ATTENDEES + len(PEOPLE):
        raise CheckFailed(f"the station holds {count} attendees, expected {DEMO_ATTENDEES + len(PEOPLE)}")
    return f"standalone station with {count} demo attendees in {paths.root}"


def check_badge(test: SelfTest) -> str:
    from printing.qtprinter import rasterise
    from printing.queue import badge_data_for
    from printing.render import render_pdf
    from printing.templates import load_template

    station = test.ctx["station"]
    template = load_template("congress-a6")
    badges = []
    for person in PEOPLE:
        attendee = station.attendee(person["code"])
        draft = station.new_badge(attendee["id"])  # signed, not recorded: the scan check issues its own
        badges.append(badge_data_for(station, attendee, draft.token, draft.serial))
    out = station.paths.badges_dir / "self-test.pdf"
    out.parent.mkdir(parents=True, exist_ok=True)
    _, report = render_pdf(badges, template, out, title="self-test")
    if report.warnings:
        raise CheckFailed(f"badge rendered with warnings: {'; '.join(report.warnings)}")
    used = {run.family for text in report.texts for line in text.layout.lines for run in line}
    lacking = [family for family in ("cjk", "arabic") if family not in used]
    if lacking:
        raise CheckFailed(f"the names were not drawn with the {', '.join(lacking)} font(s) (used: {sorted(used)})")
    pdf = out.read_bytes()
    pages = rasterise(pdf, dpi=72)
    if len(pages) != len(PEOPLE):
        raise CheckFailed(f"QtPdf read {len(pages)} pages, expected {len(PEOPLE)}")
    ink = _ink(pages[0])
    if ink < 0.01:
        raise CheckFailed(f"the badge rasterised blank through QtPdf ({ink:.1%} ink)")
    return f"{template.name}: {len(pdf) // 1024} KiB PDF, CJK + Arabic names, QtPdf read it back ({ink:.0%} ink)"


def _ink(image: Any) -> float:
    """Share of non-white pixels (sampled): a page QtPdf could not draw is blank."""
    step = 4
    total = dark = 0
    for y in range(0, image.height(), step):
        for x in range(0, image.width(), step):
            total += 1
            if image.pixel(x, y) & 0xFFFFFF != 0xFFFFFF:
                dark += 1
    return dark / max(total, 1)


def _wait_until(condition: Callable[[], bool], seconds: float) -> bool:
    """Run the Qt event loop until ``condition()`` holds or ``seconds`` passed."""
    from PySide6.QtCore import QEventLoop, QTimer

    deadline = time.perf_counter() + seconds
    loop = QEventLoop()
    timer = QTimer()
    timer.timeout.connect(lambda: (condition() or time.perf_counter() > deadline) and loop.quit())
    timer.start(5)
    if not condition():
        loop.exec()
    timer.stop()
    return condition()


def check_desk_scan(test: SelfTest) -> str:
    from printing.backends import PdfFolderBackend
    from ui.desk import create_desk
    from ui.shots import dispose
    from venue_app.names import display_name

    station = test.ctx["station"]
    person = station.attendee(PEOPLE[0]["code"])
    token = station.issue_badge(person["id"], reason="self-test").token
    # the real simulator path: the token goes out as scanner bytes, is framed and handed to the desk
    spec = f"sim://self-test?code={quote(token, safe='')}&rate=20&loop=0&count=1"
    folder = station.paths.badges_dir / "desk"
    window = create_desk(station, backend=PdfFolderBackend(folder), sounds=False, sim_spec=spec, open_scanner=False)
    painted: list[tuple[str, float]] = []
    printed: list[Any] = []
    window.panel.painted.connect(lambda status, at: painted.append((status, at)))
    window.ctx.printer.job_done.connect(printed.append)
    try:
        window.show()
        started = time.perf_counter()
        window.toggle_sim()
        if not _wait_until(lambda: any(status != "idle" for status, _ in painted), 15):
            raise CheckFailed(f"no verdict painted within 15 s of starting the simulated scanner "
                              f"(scanner: {window.sim.state} {window.sim.detail})")
        status, at = next((s, t) for s, t in painted if s != "idle")
        if status != "ok":
            raise CheckFailed(f"verdict {status!r} for a valid badge: {window.panel.texts()!r}")
        texts = window.panel.texts()
        if person["native_name"] not in texts and display_name(person) not in texts:
            raise CheckFailed(f"the verdict does not name {display_name(person)}: {texts!r}")
        if window.panel.color != "green":
            raise CheckFailed(f"verdict painted {window.panel.color}, not green")
        # the badge scanned is the one in the person's hand: auto-print (on by default) must not
        # replace it; a reprint asked for at the desk goes through the desk's print queue
        window.ctx.tasks.wait_idle(10_000)
        if [b["revoked_hlc"] for b in station.badges(person["id"])] != [None]:
            raise CheckFailed("scanning a valid badge replaced it with a new one")
        window.ctx.printer.enqueue(person["id"], operator="self-test")
        if not _wait_until(lambda: bool(printed), 15):
            raise CheckFailed("the verdict showed but the desk's badge print never finished")
        if printed[0].status != "done":
            raise CheckFailed(f"the desk's badge print {printed[0].status}: {printed[0].reason}")
        window.ctx.tasks.wait_idle(10_000)
    finally:
        window.close()
        dispose(window)
    if logged_checkins(station) != 1:
        raise CheckFailed("the check-in shown is not in the replica's event log")
    pdfs = list(folder.glob("*.pdf"))
    return (f"signed badge via sim:// → green verdict painted {(at - started) * 1000:.0f} ms after the scanner "
            f"started, check-in recorded, badge printed ({len(pdfs)} PDF)")


def check_sounds(test: SelfTest) -> str:
    root = resources_root() / "sounds"
    lengths = []
    for name in _SOUNDS:
        path = root / f"{name}.wav"
        try:
            with wave.open(str(path), "rb") as w:
                lengths.append(w.getnframes() / w.getframerate())
        except (OSError, wave.Error, EOFError) as exc:
            raise CheckFailed(f"{path} is not a readable WAV: {exc}") from exc
    try:
        from PySide6.QtMultimedia import QMediaFormat, QSoundEffect  # noqa: F401 - ui.sounds plays with it
    except ImportError as exc:
        raise CheckFailed(f"QtMultimedia does not load, the desk would be silent: {exc}") from exc
    # the media back-end plugin (FFmpeg) decodes the WAVs; without it QtMultimedia loads but is mute.
    # Whether an audio device exists is the laptop's business (CI has none): not checked here.
    decodable = {f.name for f in QMediaFormat().supportedFileFormats(QMediaFormat.ConversionMode.Decode)}
    if "Wave" not in decodable:
        raise CheckFailed("no QtMultimedia back-end can decode WAV (plugins/multimedia missing or unloadable; "
                          "QT_DEBUG_PLUGINS=1 tells why): the desk would be silent")
    return f"{len(_SOUNDS)} WAVs ({', '.join(f'{s:.2f} s' for s in lengths)}), QtMultimedia back-end decodes WAV"


def _probe(text: str) -> tuple[int, str]:
    """Runs in a spawned worker process (module level: the worker imports it by name)."""
    import unicodedata

    return os.getpid(), unicodedata.normalize("NFC", text)


def check_processes(test: SelfTest) -> str:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # the desk's process lane (ui.taskman: big imports) spawns workers; a frozen bundle must re-run
    # itself as a worker rather than as the CLI (multiprocessing.freeze_support in __main__)
    started = time.perf_counter()
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
        pid, text = pool.submit(_probe, "Nu\u0301n\u0303ez").result(timeout=30)
    if pid == os.getpid() or text != "Núñez":
        raise CheckFailed(f"the worker process answered {pid}, {text!r}")
    return f"spawned worker answered in {(time.perf_counter() - started) * 1000:.0f} ms"


def check_replica(test: SelfTest) -> str:
    details = []
    station = test.ctx.get("station")
    if station is not None:
        verdict = integrity(station.paths.replica)
        if verdict != "ok":
            raise CheckFailed(f"test replica: integrity_check says {verdict}")
        details.append("test replica ok")
    existing = test.ctx.get("existing")
    if existing is not None:
        from venue_app.paths import Paths

        path = Paths(existing).replica
        verdict = integrity(path)
        if verdict != "ok":
            raise CheckFailed(f"{path}: integrity_check says {verdict}; restore it from the registry "
                              "(enrol again) or from a backup")
        details.append(f"{path} ok (read-only)")
    if not details:
        raise CheckFailed("no replica to check (the station check failed)")
    return ", ".join(details)


def check_disk(test: SelfTest) -> str:
    """Is the station's data folder (``--data``, else the default one) on an encrypted disk? A warning, not a
    failure: the installation works either way, but a lost laptop must not give away attendee data."""
    from venue_app.paths import Paths
    from venue_app.volumes import check_folder

    folder = Paths.at(test.ctx.get("data")).root
    found = check_folder(folder)
    if found.encrypted is False:
        return f"WARNING: the data folder {folder} is {found.detail}"
    return f"data folder {folder}: {found.detail}"
