"""The QApplication of the desk: fonts for every script, the theme, and resources.

Names arrive in any script. The machine may lack CJK or Arabic fonts, so the fonts bundled in
``resources/fonts`` (the same ones the badges print with) are registered with Qt and put behind
the UI font as substitutions: a Chinese or Arabic name never shows as boxes.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from PySide6.QtCore import QLoggingCategory, Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

__all__ = ["FONT_FAMILY", "RESOURCES", "apply_theme", "ensure_app", "load_fonts", "resource_path", "run_desk"]

RESOURCES = Path(__file__).resolve().parents[1] / "resources"
#: the UI font; the bundled script fonts are its fallbacks
FONT_FAMILY = "Noto Sans"
_FALLBACKS = ("Noto Sans Arabic", "Noto Sans Hebrew", "Noto Sans Devanagari", "Noto Sans Thai",
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
    QFont.insertSubstitutions(FONT_FAMILY, [f for f in _FALLBACKS if f in families])
    return _loaded


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


_BASE_CSS = """
QPushButton { padding: 7px 14px; border-radius: 6px; border: 1px solid #9aa5b1; background: #ffffff; }
QPushButton:hover { background: #eef3f8; }
QPushButton:focus { border: 2px solid #1565c0; }
QPushButton:default { border: 2px solid #1565c0; font-weight: 600; }
QPushButton:disabled { color: #9aa5b1; border-color: #d5dbe1; }
QLineEdit, QComboBox, QPlainTextEdit, QSpinBox { padding: 6px; border: 1px solid #9aa5b1; border-radius: 5px;
    background: #ffffff; }
QLineEdit:focus, QComboBox:focus, QPlainTextEdit:focus { border: 2px solid #1565c0; }
QTableView, QListWidget, QTreeWidget { background: #ffffff; alternate-background-color: #f4f6f8;
    selection-background-color: #1565c0; selection-color: #ffffff; border: 1px solid #cfd6dd; }
QHeaderView::section { background: #eceff1; padding: 5px; border: none; border-bottom: 1px solid #cfd6dd;
    font-weight: 600; }
QStatusBar { background: #eceff1; border-top: 1px solid #cfd6dd; }
QStatusBar::item { border: none; }
QToolTip { font-size: 14px; }
"""



def apply_theme(app: QApplication, theme: str = "system") -> None:
    """Fusion with a calm light palette (readable under venue lighting); ``large``/``high-contrast``
    raise type size and contrast."""
    # Replacing the style (or the style sheet) re-polishes every widget alive; Qt can crash doing
    # that to widgets that carry their own style sheets on top of the old style. Only change what
    # actually changes: calling this again with the same theme is a no-op.
    if app.style().name().lower() != "fusion":
        app.setStyle("Fusion")
    font = QFont(FONT_FAMILY)
    # pixel sizes: the app style sheet must not carry a font-size, or it would override every
    # widget's own font (the verdict panel's 60 px name)
    font.setPixelSize(19 if theme == "large" else 15)
    if app.font() != font:
        app.setFont(font)
    palette = QPalette()
    dark = theme == "dark"
    window = QColor("#20252b") if dark else QColor("#f5f7f9")
    text = QColor("#eef1f4") if dark else QColor("#111417")
    if theme == "high-contrast":
        window, text = QColor("#ffffff"), QColor("#000000")
    palette.setColor(QPalette.ColorRole.Window, window)
    palette.setColor(QPalette.ColorRole.WindowText, text)
    palette.setColor(QPalette.ColorRole.Base, QColor("#2b3138") if dark else QColor("#ffffff"))
    palette.setColor(QPalette.ColorRole.AlternateBase, QColor("#323942") if dark else QColor("#f4f6f8"))
    palette.setColor(QPalette.ColorRole.Text, text)
    palette.setColor(QPalette.ColorRole.Button, QColor("#2f363e") if dark else QColor("#ffffff"))
    palette.setColor(QPalette.ColorRole.ButtonText, text)
    palette.setColor(QPalette.ColorRole.Highlight, QColor("#1565c0"))
    palette.setColor(QPalette.ColorRole.HighlightedText, QColor("#ffffff"))
    palette.setColor(QPalette.ColorRole.PlaceholderText, QColor("#8a96a3"))
    if app.palette() != palette:
        app.setPalette(palette)
    css = _BASE_CSS if not dark else ""
    if app.styleSheet() != css:
        app.setStyleSheet(css)


def run_desk(data: str | None = None, *, sim_spec: str | None = None, sim_on: bool = False,
             screenshot: str | None = None) -> int:
    """Open the desk on the station in ``data`` (the setup wizard first if there is none)."""
    import time

    from PySide6.QtCore import QTimer

    from ui.desk import create_desk
    from ui.setup import SetupWizard
    from venue_app.errors import NotInitialised
    from venue_app.paths import Paths
    from venue_app.station import Station

    started = time.perf_counter()
    app = ensure_app()
    paths = Paths.at(data)
    try:
        station = Station.open(paths)
    except NotInitialised:
        wizard = SetupWizard(paths)
        if not wizard.exec() or wizard.station is None:
            return 1
        station = wizard.station
    apply_theme(app, str(station.settings["theme"]))
    window = create_desk(station, sim_spec=sim_spec)
    window.show()
    if sim_on and sim_spec:
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
