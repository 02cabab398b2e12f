"""Themes of the station GUI: colours (light, dark, high contrast), text size, and following the system.

Colours and text size are independent settings (``theme`` and ``text_size``), so "large text on high
contrast" is possible; the old ``theme = large`` value still means light colours with large text.
``system`` follows the operating system's colour scheme (``QStyleHints.colorScheme``) and re-applies
live when it changes.

A :class:`Theme` holds every colour the GUI uses: the palette roles, the application style sheet,
the verdict fills (:data:`ui.widgets.COLORS` is updated in place, so code reading it gets the
theme's colours), the *ink* of each verdict colour (a text colour readable on the window background)
and the text scale. Text on backgrounds meets WCAG AA (4.5:1) in light and dark and AAA (7:1) in high
contrast; ``tests/ui/test_theme.py`` computes the ratios.

Widgets that carry their own style sheets or fonts follow a theme change through two hooks, called
by :func:`apply_theme` for every live widget: a ``retheme()`` method, or a style registered with
:func:`style` (a function of the theme returning the widget's style sheet).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QWidget

__all__ = [
    "DARK",
    "HIGH_CONTRAST",
    "LIGHT",
    "TEXT_SIZES",
    "THEMES",
    "Theme",
    "apply_settings",
    "apply_theme",
    "contrast_ratio",
    "current",
    "font_px",
    "notifier",
    "resolve",
    "set_font_px",
    "style",
    "theme_chart",
]

log = logging.getLogger(__name__)

#: text size setting → scale of the UI text
TEXT_SIZES: dict[str, float] = {"normal": 1.0, "large": 1.25, "x-large": 1.5}
#: the UI font's pixel size at scale 1
BASE_PX = 15
FONT_FAMILY = "Noto Sans"


def _luminance(color: str | QColor) -> float:
    c = QColor(color)

    def channel(v: float) -> float:
        return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4
    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF())


def contrast_ratio(a: str | QColor, b: str | QColor) -> float:
    """WCAG 2 contrast ratio of two colours (1 … 21)."""
    la, lb = _luminance(a), _luminance(b)
    hi, lo = max(la, lb), min(la, lb)
    return (hi + 0.05) / (lo + 0.05)


@dataclass(frozen=True)
class Theme:
    """One complete set of colours plus a text scale."""

    name: str  # light | dark | high-contrast
    dark: bool
    window: str
    text: str
    base: str
    alt_base: str
    button: str
    button_text: str
    hover: str
    muted: str  # secondary text on window and base
    border: str  # input and button borders (3:1 against their background)
    soft_border: str  # separators, frames
    focus: str  # focus rings
    focus_width: int
    highlight: str
    highlighted_text: str
    placeholder: str
    disabled: str
    header: str  # the desk's title band
    header_text: str
    header_muted: str
    track: str  # empty part of gauges and bars
    #: verdict colour → (fill, text on the fill, accent: borders and icons on the window background)
    verdict: Mapping[str, tuple[str, str, str]]
    #: verdict colour → a text colour of that hue readable on ``window`` and ``base``
    ink: Mapping[str, str]
    text_size: str = "normal"
    #: the minimum contrast of text this theme promises
    min_contrast: float = 4.5

    @property
    def scale(self) -> float:
        return TEXT_SIZES.get(self.text_size, 1.0)

    def px(self, base: int) -> int:
        """A pixel size of ``base`` at normal size, scaled for the text size. Small text grows by the
        whole factor, big type (the verdict's 60 px name) by a capped amount: it is already readable
        from a step away and must still fit its panel."""
        return base + round(min(base, 24) * (self.scale - 1.0))

    @property
    def key(self) -> tuple[str, str]:
        return self.name, self.text_size

    def palette(self) -> QPalette:
        p = QPalette()
        roles = QPalette.ColorRole
        for role, value in ((roles.Window, self.window), (roles.WindowText, self.text), (roles.Base, self.base),
                            (roles.AlternateBase, self.alt_base), (roles.Text, self.text),
                            (roles.Button, self.button), (roles.ButtonText, self.button_text),
                            (roles.Highlight, self.highlight), (roles.HighlightedText, self.highlighted_text),
                            (roles.PlaceholderText, self.placeholder), (roles.ToolTipBase, self.base),
                            (roles.ToolTipText, self.text), (roles.BrightText, self.text),
                            (roles.Link, self.ink["blue"]), (roles.LinkVisited, self.ink["blue"]),
                            (roles.Light, self.hover), (roles.Midlight, self.alt_base),
                            (roles.Mid, self.soft_border), (roles.Dark, self.border), (roles.Shadow, self.border),
                            (roles.Accent, self.highlight)):
            p.setColor(role, QColor(value))
        disabled = QPalette.ColorGroup.Disabled
        for role in (roles.WindowText, roles.Text, roles.ButtonText):
            p.setColor(disabled, role, QColor(self.disabled))
        return p

    def css(self) -> str:
        """The application style sheet. No font-size on widgets here: it would override every
        widget's own font (the verdict panel's big name)."""
        fw = self.focus_width
        return f"""
QPushButton {{ padding: 7px 14px; border-radius: 6px; border: 1px solid {self.border}; background: {self.button};
    color: {self.button_text}; }}
QPushButton:hover {{ background: {self.hover}; }}
QPushButton:default {{ border: 2px solid {self.highlight}; font-weight: 600; }}
QPushButton:focus {{ border: {fw}px solid {self.focus}; }}
QPushButton:disabled {{ color: {self.disabled}; border-color: {self.soft_border}; }}
QLineEdit, QComboBox, QPlainTextEdit, QSpinBox {{ padding: 6px; border: 1px solid {self.border}; border-radius: 5px;
    background: {self.base}; color: {self.text}; }}
QLineEdit:focus, QComboBox:focus, QPlainTextEdit:focus, QSpinBox:focus {{ border: {fw}px solid {self.focus}; }}
QComboBox QAbstractItemView {{ background: {self.base}; color: {self.text}; selection-background-color:
    {self.highlight}; selection-color: {self.highlighted_text}; }}
QTableView, QListWidget, QListView, QTreeWidget {{ background: {self.base}; alternate-background-color:
    {self.alt_base}; color: {self.text}; selection-background-color: {self.highlight};
    selection-color: {self.highlighted_text}; border: 1px solid {self.soft_border}; }}
QTableView:focus, QListWidget:focus, QListView:focus, QTreeWidget:focus {{ border: {fw}px solid {self.focus}; }}
QHeaderView::section {{ background: {self.alt_base}; color: {self.text}; padding: 5px; border: none;
    border-bottom: 1px solid {self.soft_border}; font-weight: 600; }}
QCheckBox, QRadioButton {{ border: {fw}px solid transparent; border-radius: 4px; padding: 2px; }}
QCheckBox:focus, QRadioButton:focus {{ border: {fw}px solid {self.focus}; }}
QTabBar::tab {{ background: {self.alt_base}; color: {self.text}; padding: 6px 14px;
    border: 1px solid {self.soft_border}; }}
QTabBar::tab:selected {{ background: {self.base}; font-weight: 600; border-bottom: 3px solid {self.highlight}; }}
QTabBar::tab:focus {{ border: {fw}px solid {self.focus}; }}
QScrollArea {{ background: {self.window}; }}{self._indicator_css()}
QStatusBar {{ background: {self.alt_base}; color: {self.text}; border-top: 1px solid {self.soft_border}; }}
QStatusBar::item {{ border: none; }}
QMenuBar, QMenu {{ background: {self.base}; color: {self.text}; }}
QMenu::item:selected, QMenuBar::item:selected {{ background: {self.highlight}; color: {self.highlighted_text}; }}
QToolTip {{ font-size: {self.px(14)}px; color: {self.text}; background: {self.base}; border: 1px solid
    {self.border}; }}
"""


    def _indicator_css(self) -> str:
        """High contrast: tick boxes Fusion would draw black on black get a white frame, yellow when ticked."""
        if self.name != "high-contrast":
            return ""
        return (f"\nQCheckBox::indicator, QRadioButton::indicator {{ width: 18px; height: 18px;"
                f" border: 2px solid {self.border}; background: {self.base}; }}"
                f"\nQCheckBox::indicator:checked, QRadioButton::indicator:checked {{ background: {self.highlight}; }}")


LIGHT = Theme(
    "light", False, window="#f5f7f9", text="#111417", base="#ffffff", alt_base="#eef1f4", button="#ffffff",
    button_text="#111417", hover="#e3ebf3", muted="#4a5560", border="#77838f", soft_border="#cfd6dd",
    focus="#1565c0", focus_width=2, highlight="#1565c0", highlighted_text="#ffffff", placeholder="#5f6b77",
    disabled="#8a96a3", header="#263238", header_text="#eceff1", header_muted="#cfd8dc", track="#e3e8ec",
    verdict={"green": ("#1b7f3b", "#ffffff", "#0f5a28"), "amber": ("#f2a900", "#111111", "#9a6a00"),
             "red": ("#c62828", "#ffffff", "#8e1b1b"), "idle": ("#eceff1", "#263238", "#607d8b"),
             "blue": ("#1565c0", "#ffffff", "#0d47a1"), "grey": ("#546e7a", "#ffffff", "#37474f")},
    ink={"green": "#1b6b34", "amber": "#7a5000", "red": "#b71c1c", "idle": "#37474f", "blue": "#0d47a1",
         "grey": "#455a64"},
)

DARK = Theme(
    "dark", True, window="#1c2127", text="#eef1f4", base="#262c33", alt_base="#2e353d", button="#313840",
    button_text="#eef1f4", hover="#3b444e", muted="#b4bfca", border="#8794a1", soft_border="#48525c",
    focus="#64b5f6", focus_width=2, highlight="#1565c0", highlighted_text="#ffffff", placeholder="#a3aeb9",
    disabled="#6f7b87", header="#11161b", header_text="#eceff1", header_muted="#b8c4ca", track="#3a424b",
    verdict={"green": ("#1b7f3b", "#ffffff", "#66bb6a"), "amber": ("#f2a900", "#111111", "#ffca28"),
             "red": ("#c62828", "#ffffff", "#ef5350"), "idle": ("#262c33", "#eef1f4", "#90a4ae"),
             "blue": ("#1565c0", "#ffffff", "#64b5f6"), "grey": ("#546e7a", "#ffffff", "#90a4ae")},
    ink={"green": "#81c784", "amber": "#ffca28", "red": "#ff8a80", "idle": "#cfd8dc", "blue": "#90caf9",
         "grey": "#b0bec5"},
)

HIGH_CONTRAST = Theme(
    "high-contrast", True, window="#000000", text="#ffffff", base="#000000", alt_base="#141414", button="#000000",
    button_text="#ffffff", hover="#262626", muted="#ffffff", border="#ffffff", soft_border="#ffffff",
    focus="#ffff00", focus_width=4, highlight="#ffff00", highlighted_text="#000000", placeholder="#d6d6d6",
    disabled="#a0a0a0", header="#000000", header_text="#ffffff", header_muted="#ffffff", track="#666666",
    verdict={"green": ("#005c1a", "#ffffff", "#00e640"), "amber": ("#ffd600", "#000000", "#ffd600"),
             "red": ("#a00000", "#ffffff", "#ff5c5c"), "idle": ("#000000", "#ffffff", "#ffffff"),
             "blue": ("#0033a0", "#ffffff", "#8cb8ff"), "grey": ("#333333", "#ffffff", "#ffffff")},
    ink={"green": "#5cff7a", "amber": "#ffd600", "red": "#ff8c8c", "idle": "#ffffff", "blue": "#a8c8ff",
         "grey": "#ffffff"},
    min_contrast=7.0,
)

THEMES: dict[str, Theme] = {t.name: t for t in (LIGHT, DARK, HIGH_CONTRAST)}


def resolve(theme: str = "system", text_size: str = "normal", scheme: Qt.ColorScheme | None = None) -> Theme:
    """The :class:`Theme` for the settings' values. ``system`` picks light or dark from ``scheme``
    (default: the OS's); ``large`` (the older setting) is light colours with at least large text."""
    size = text_size if text_size in TEXT_SIZES else "normal"
    if theme == "large":
        theme = "light"
        if TEXT_SIZES[size] < TEXT_SIZES["large"]:
            size = "large"
    if theme == "system":
        if scheme is None:
            scheme = _state.scheme if _state.scheme is not None else system_scheme()
        theme = "dark" if scheme == Qt.ColorScheme.Dark else "light"
    base = THEMES.get(theme, LIGHT)
    return replace(base, text_size=size)


def system_scheme() -> Qt.ColorScheme:
    app = QGuiApplication.instance()
    if app is None:
        return Qt.ColorScheme.Unknown
    return QGuiApplication.styleHints().colorScheme()


class _Notifier(QObject):
    #: the theme applied (a :class:`Theme`), after every widget was re-themed
    changed = Signal(object)


@dataclass
class _State:
    requested: tuple[str, str] = ("system", "normal")
    current: Theme = field(default_factory=lambda: LIGHT)
    #: the last scheme the OS announced (offscreen platforms never change ``colorScheme()`` itself)
    scheme: Qt.ColorScheme | None = None
    watching: bool = False
    notifier: _Notifier | None = None


_state = _State()


def current() -> Theme:
    """The theme in force (light before any was applied)."""
    return _state.current


def notifier() -> _Notifier:
    if _state.notifier is None:
        _state.notifier = _Notifier()
    return _state.notifier


def font_px(base: int) -> int:
    """``base`` pixels scaled for the current text size."""
    return _state.current.px(base)


def set_font_px(widget: QWidget, base: int, weight: QFont.Weight | None = None) -> None:
    """Give ``widget`` a font of ``base`` px at normal size that follows the text size setting."""
    widget.setProperty("base_px", base)
    font = widget.font()
    font.setPixelSize(font_px(base))
    if weight is not None:
        font.setWeight(weight)
    widget.setFont(font)


def style(widget: QWidget, css: Callable[[Theme], str]) -> None:
    """Set ``widget``'s style sheet from the theme now and again after every theme change."""
    widget._theme_css = css  # type: ignore[attr-defined]
    text = css(_state.current)
    if widget.styleSheet() != text:
        widget.setStyleSheet(text)


def _retheme_widget(widget: QWidget, theme: Theme) -> None:
    base = widget.property("base_px")
    if isinstance(base, int) and base > 0:
        font = widget.font()
        if font.pixelSize() != theme.px(base):
            font.setPixelSize(theme.px(base))
            widget.setFont(font)
    css = getattr(widget, "_theme_css", None)
    if css is not None:
        text = css(theme)
        if widget.styleSheet() != text:
            widget.setStyleSheet(text)
    if widget.inherits("QChartView"):
        theme_chart(widget.chart(), theme)  # type: ignore[attr-defined]
    hook = getattr(widget, "retheme", None)
    if callable(hook):
        hook()


def apply_theme(app: QApplication, theme: str = "system", text_size: str = "normal") -> Theme:
    """Apply a theme (setting values) to ``app``: Fusion, font, palette, style sheet, verdict colours;
    then every live widget follows. Calling it again with the same values changes nothing."""
    _state.requested = (theme, text_size)
    _watch_system(app)
    resolved = resolve(theme, text_size)
    changed = resolved != _state.current
    _state.current = resolved
    from ui.widgets import COLORS

    COLORS.update(resolved.verdict)
    # Replacing the style (or the style sheet) re-polishes every widget alive; Qt can crash doing
    # that to widgets that carry their own style sheets on top of the old style. Only change what
    # actually changes: calling this again with the same theme is a no-op.
    # (with a style sheet set, app.style() is Qt's style-sheet wrapper whose name() is empty: ask
    # what the wrapper wraps, or the style would be replaced on every call and every palette a
    # widget set for itself — the verdict panel's colour — reset)
    style_ = app.style()
    wrapped = style_.metaObject().className() == "QStyleSheetStyle"
    if not (wrapped and app.property("venue_style") == "fusion") and style_.name().lower() != "fusion":
        app.setStyle("Fusion")
    app.setProperty("venue_style", "fusion")
    font = QFont(FONT_FAMILY)
    # pixel sizes: device independent, so a 200 % screen doubles them like everything else
    font.setPixelSize(resolved.px(BASE_PX))
    if app.font() != font:
        app.setFont(font)
    palette = resolved.palette()
    if app.palette() != palette:
        app.setPalette(palette)
    css = resolved.css()
    if app.styleSheet() != css:
        app.setStyleSheet(css)
    if changed:
        for widget in app.allWidgets():
            _retheme_widget(widget, resolved)
        notifier().changed.emit(resolved)
        log.info("theme %s, text %s", resolved.name, resolved.text_size)
    return resolved


def apply_settings(app: QApplication, settings: Any) -> Theme:
    """Apply the ``theme`` and ``text_size`` of station settings."""
    return apply_theme(app, str(settings["theme"]), str(settings["text_size"]))


def _watch_system(app: QApplication) -> None:
    if _state.watching:
        return
    _state.watching = True
    app.styleHints().colorSchemeChanged.connect(_scheme_changed)


def _scheme_changed(scheme: Qt.ColorScheme) -> None:
    """The OS switched between light and dark: a ``system`` theme follows at once."""
    _state.scheme = scheme
    app = QApplication.instance()
    if isinstance(app, QApplication) and _state.requested[0] == "system":
        apply_theme(app, *_state.requested)


def theme_chart(chart: Any, t: Theme | None = None) -> None:
    """A QtCharts chart in the theme's colours (QChart paints its own white background otherwise)."""
    t = t or _state.current
    chart.setBackgroundBrush(QColor(t.base))
    chart.setPlotAreaBackgroundBrush(QColor(t.base))
    chart.setPlotAreaBackgroundVisible(True)
    chart.setTitleBrush(QColor(t.text))
    chart.legend().setLabelColor(QColor(t.text))
    for axis in chart.axes():
        axis.setLabelsColor(QColor(t.text))
        axis.setTitleBrush(QColor(t.text))
        axis.setLinePenColor(QColor(t.border))
        axis.setGridLineColor(QColor(t.soft_border))
