"""The QApplication of the desk: fonts for every script, the theme, and resources.

Names arrive in any script. The machine may lack CJK, Arabic, Bengali or Tibetan fonts, so the fonts
bundled in ``resources/fonts`` (the same ones the badges print with) are registered with Qt and put
behind the UI font as substitutions: a name in any script the badges print never shows as boxes.
"""

from __future__ import annotations

import logging
import os
import sys
from functools import lru_cache
from pathlib import Path
from typing import Any

from PySide6.QtCore import QLoggingCategory, Qt
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication, QTextLayout
from PySide6.QtWidgets import QApplication

from ui import theme as _theme
from ui.theme import apply_settings, apply_theme  # re-exported: callers import them from here

__all__ = [
    "FONT_FAMILY",
    "RESOURCES",
    "apply_settings",
    "apply_theme",
    "drawable",
    "ensure_app",
    "load_fonts",
    "open_station_window",
    "resource_path",
    "run_desk",
    "warm_fonts",
]

RESOURCES = Path(__file__).resolve().parents[1] / "resources"
#: the UI font; the bundled script fonts are its fallbacks
FONT_FAMILY = _theme.FONT_FAMILY
_FALLBACKS = ("Noto Sans Arabic", "Noto Sans Hebrew", "Noto Sans Devanagari", "Noto Sans Thai",
              "Noto Sans Georgian", "Noto Sans Armenian", "Noto Sans Ethiopic", "Noto Sans Bengali",
              "Noto Sans Gurmukhi", "Noto Sans Gujarati", "Noto Sans Oriya", "Noto Sans Tamil",
              "Noto Sans Telugu", "Noto Sans Kannada", "Noto Sans Malayalam", "Noto Sans Sinhala",
              "Noto Sans Lao", "Noto Sans Khmer", "Noto Sans Myanmar", "Noto Serif Tibetan",
              "WenQuanYi Micro Hei", "Droid Sans Fallback")
_loaded: list[str] = []


def resource_path(*parts: str) -> Path:
    return RESOURCES.joinpath(*parts)


def load_fonts() -> list[str]:
    """Register the bundled fonts once; returns the families Qt now knows from them."""
    if _loaded:
        return _loaded
    folder = resource_path("fonts")
    for path in sorted(folder.glob("*.tt[fc]")):
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id >= 0:
            _loaded.extend(QFontDatabase.applicationFontFamilies(font_id))
    families = set(_loaded)
    # Qt tries these in order for characters the UI font lacks (its own fallback would also work
    # when the system has the fonts; this makes it independent of the machine)
    # (fontconfig's own fallback finds application fonts too, but not on every platform: Windows
    # and macOS need the explicit list); a font added to the folder later still joins at the end
    extra = sorted(families - set(_FALLBACKS) - {FONT_FAMILY})
    QFont.insertSubstitutions(FONT_FAMILY, [f for f in _FALLBACKS if f in families] + extra)
    return _loaded


@lru_cache(maxsize=1024)
def drawable(text: str) -> bool:
    """True when Qt finds a glyph for every character of ``text`` in the UI font or its fallbacks
    (the bundled fonts, then the computer's): no .notdef box would show."""
    layout = QTextLayout(text, QFont(FONT_FAMILY))
    layout.beginLayout()
    layout.createLine()
    layout.endLayout()
    return all(index != 0 for run in layout.glyphRuns() for index in run.glyphIndexes())


def warm_fonts() -> None:
    """Lay out a name in every bundled script once, so Qt opens each fallback font now rather than
    inside the first scan of a Bengali or Khmer name (2-10 ms per script, ~150 ms in all, measured)."""
    from printing.fonts import SCRIPT_SAMPLES

    for sample in SCRIPT_SAMPLES.values():
        drawable(sample)


def ensure_app(argv: list[str] | None = None) -> QApplication:
    """The running QApplication, created (with fonts and theme) when there is none."""
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    if app is not None:  # a QGuiApplication made by printing.qtprinter: widgets cannot use it
        raise RuntimeError("a non-widget Qt application is already running")
    if sys.platform.startswith("linux") and not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    # A scan crosses three threads (scanner reader → GUI → writer → GUI); each hand-over may wait
    # for the GIL for up to the switch interval (default 5 ms). 1 ms keeps the verdict snappy
    # at a negligible throughput cost for a desk.
    sys.setswitchinterval(0.001)
    # Qt reports every fallback font without OpenType tables for some script: noise, not a fault
    QLoggingCategory.setFilterRules("qt.text.font.db=false\nqt.qpa.*.warning=false")
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    app = QApplication(argv if argv is not None else [sys.argv[0]])
    app.setApplicationName("Venue desk")
    app.setOrganizationName("venue-desk")
    app.setApplicationDisplayName("Venue desk")
    load_fonts()
    apply_theme(app)
    return app


def open_station_window(station: Any, *, sim_spec: str | None = None) -> Any:
    """The window of the station's role: the desk, a room door (its enrolled room, its scanner
    setting or ``sim_spec``), or the operations dashboard."""
    if station.role == "door":
        from ui.door import open_door_window

        return open_door_window(station, scanners=[(sim_spec or str(station.settings["scanner"]), None)])
    if station.role == "dashboard":
        from ui.dashboard import open_dashboard

        return open_dashboard(station)
    from ui.desk import create_desk

    return create_desk(station, sim_spec=sim_spec)


def run_desk(data: str | None = None, *, sim_spec: str | None = None, sim_on: bool = False,
             screenshot: str | None = None, language: str | None = None) -> int:
    """Open the desk on the station in ``data`` (the setup wizard first if there is none), in
    ``language`` (default: the station's ``language`` setting, "" = the system's)."""
    import time

    from PySide6.QtCore import QTimer

    from ui.desk import DeskWindow
    from ui.setup import SetupWizard
    from venue_app.errors import NotInitialised
    from venue_app.paths import Paths
    from venue_app.station import Station

    started = time.perf_counter()
    app = ensure_app()
    from ui import i18n

    i18n.install(language or "")  # the wizard speaks the system's language (or --lang)
    paths = Paths.at(data)
    try:
        station = Station.open(paths)
    except NotInitialised:
        wizard = SetupWizard(paths)
        if not wizard.exec() or wizard.station is None:
            return 1
        station = wizard.station
    apply_settings(app, station.settings)
    i18n.install(language or str(station.settings["language"]))
    window = open_station_window(station, sim_spec=sim_spec)
    window.show()
    if sim_on and sim_spec and isinstance(window, DeskWindow):
        window.toggle_sim()
    # logged, not shown with showMessage(): that would hide the sync pill while it is up
    logging.getLogger(__name__).info("desk ready in %.2f s", time.perf_counter() - started)
    if screenshot:
        # for docs and CI: paint, grab, quit
        def grab() -> None:
            window.grab().save(screenshot)
            app.quit()
        QTimer.singleShot(3000 if sim_on else 800, grab)
    try:
        return app.exec()
    finally:
        window.shutdown()
        station.close()
