"""Themes: every text colour meets its contrast (4.5:1 light/dark, 7:1 high contrast) in the palette,
in the verdict colours and in the style sheets the widgets carry; the system colour scheme is
followed live; text size is independent of colours; switching with windows open re-themes them."""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QWidget

from ui import theme as th


@pytest.fixture
def themed(qapp: Any) -> Iterator[Any]:
    """Leaves the application as the other tests expect it: light, normal text, no scheme override."""
    yield qapp
    th._state.scheme = None
    th.apply_theme(qapp, "light", "normal")




def _pairs(t: th.Theme) -> dict[str, tuple[str, str]]:
    pairs = {"text/window": (t.text, t.window), "text/base": (t.text, t.base), "text/alt": (t.text, t.alt_base),
             "button": (t.button_text, t.button), "button hover": (t.button_text, t.hover),
             "selection": (t.highlighted_text, t.highlight), "muted/window": (t.muted, t.window),
             "muted/base": (t.muted, t.base), "placeholder": (t.placeholder, t.base),
             "header": (t.header_text, t.header), "header muted": (t.header_muted, t.header)}
    for name, (bg, fg, _accent) in t.verdict.items():
        pairs[f"verdict {name}"] = (fg, bg)
    for name, ink in t.ink.items():
        pairs[f"ink {name}/window"] = (ink, t.window)
        pairs[f"ink {name}/base"] = (ink, t.base)
    return pairs


@pytest.mark.parametrize("name", sorted(th.THEMES))
def test_theme_colours_meet_their_contrast(name: str) -> None:
    t = th.THEMES[name]
    assert t.min_contrast == (7.0 if name == "high-contrast" else 4.5)
    low = {k: round(th.contrast_ratio(*v), 2) for k, v in _pairs(t).items()
           if th.contrast_ratio(*v) < t.min_contrast}
    assert not low, low
    # non-text: focus rings, input borders, icon accents (WCAG 1.4.11: 3:1)
    for what, color in [("focus", t.focus), ("border", t.border)] + [
            (f"accent {k}", v[2]) for k, v in t.verdict.items()]:
        assert th.contrast_ratio(color, t.window) >= 3, (name, what)
        assert th.contrast_ratio(color, t.base) >= 3, (name, what)


def test_high_contrast_is_black_white_yellow_and_verdicts_stay_apart() -> None:
    t = th.HIGH_CONTRAST
    assert (t.window, t.text, t.focus) == ("#000000", "#ffffff", "#ffff00")
    assert t.focus_width >= 3 > th.LIGHT.focus_width
    fills = {k: QColor(t.verdict[k][0]) for k in ("green", "amber", "red", "blue")}
    hues = sorted(c.hslHue() for c in fills.values())
    assert all(b - a >= 30 for a, b in pairwise(hues)), hues
    assert t.verdict["amber"][1] == "#000000"  # never white on yellow
    assert "#ffff00" in t.css() and "4px solid #ffff00" in t.css()


def test_resolve_text_size_is_independent_and_large_stays_an_alias() -> None:
    assert th.resolve("high-contrast", "large").key == ("high-contrast", "large")
    assert th.resolve("large").key == ("light", "large")
    assert th.resolve("large", "x-large").key == ("light", "x-large")
    assert th.resolve("dark", "nonsense").key == ("dark", "normal")
    assert th.resolve("system", scheme=Qt.ColorScheme.Dark).name == "dark"
    assert th.resolve("system", scheme=Qt.ColorScheme.Light).name == "light"
    assert th.resolve("system", scheme=Qt.ColorScheme.Unknown).name == "light"
    t = th.resolve("light", "x-large")
    assert t.px(15) == 23 and t.px(60) == 72  # small text by the whole factor, big type capped


def test_text_size_setting_is_declared_once(tmp_path: Path) -> None:
    from venue_app.errors import ConfigError
    from venue_app.paths import Paths
    from venue_app.settings import Settings

    s = Settings(Paths(tmp_path))
    assert s["text_size"] == "normal"
    s["text_size"] = "x-large"
    assert Settings(Paths(tmp_path))["text_size"] == "x-large"
    with pytest.raises(ConfigError):
        s["text_size"] = "huge"


_RULE = re.compile(r"(?<![-\w])(background(?:-color)?|color)\s*:\s*(#[0-9a-fA-F]{3,6})")


def _sheet_colours(widget: QWidget) -> tuple[str | None, str | None]:
    """(text colour, background) the widget's own style sheet gives itself (its first rule)."""
    sheet = widget.styleSheet().split("}")[0]
    found = {k.split("-")[0]: v for k, v in _RULE.findall(sheet)}
    return found.get("color"), found.get("background")


def _background_of(widget: QWidget, t: th.Theme) -> str:
    w: QWidget | None = widget
    while w is not None:
        _fg, bg = _sheet_colours(w)
        if bg:
            return bg
        w = w.parentWidget()
    return t.window


def _style_sheet_problems(window: QWidget, t: th.Theme) -> list[str]:
    out = []
    checked = 0
    for w in [window, *window.findChildren(QWidget)]:
        fg, _bg = _sheet_colours(w)
        if fg is None or not w.isVisibleTo(window):
            continue
        bg = _background_of(w, t)
        checked += 1
        ratio = th.contrast_ratio(fg, bg)
        if ratio < t.min_contrast:
            out.append(f"{type(w).__name__} {w.objectName()!r} {fg} on {bg}: {ratio:.2f}")
    assert checked >= 3, "no style sheet colours found: the parser is broken"
    return out


@pytest.mark.parametrize("name", ["light", "dark", "high-contrast"])
def test_widget_style_sheets_follow_the_theme_with_enough_contrast(themed: Any, desk: Any, door: Any,
                                                                   dashboard: Any, qtbot: Any, name: str) -> None:
    from ui.widgets import COLORS

    t = th.apply_theme(themed, name)
    assert COLORS["green"] == t.verdict["green"]
    for window in (desk, door, dashboard):
        assert not _style_sheet_problems(window, t), type(window).__name__
        # no light background left over in a dark theme: every style sheet background is the theme's
        if t.dark:
            allowed = {c.lower() for c in (t.window, t.base, t.alt_base, t.header, t.button, t.hover)}
            allowed |= {v[0].lower() for v in t.verdict.values()}
            for w in window.findChildren(QWidget):
                _fg, bg = _sheet_colours(w)
                assert bg is None or bg.lower() in allowed or not w.isVisibleTo(window), (type(w).__name__, bg)
    # the verdict panel paints its fill from the theme
    desk.panel.show_info("Test", "amber", None, "amber")
    assert desk.panel.palette().window().color().name() == t.verdict["amber"][0]
    assert desk.panel.palette().windowText().color().name() == t.verdict["amber"][1]


def test_system_scheme_change_rethemes_live(themed: Any, desk: Any, door: Any) -> None:
    app = themed
    th.apply_theme(app, "system")
    hints = app.styleHints()
    # Qt's own API first; the offscreen platform ignores it (colorScheme() stays Unknown), so the
    # platform's notification is played through the same signal a real desktop emits
    hints.setColorScheme(Qt.ColorScheme.Dark)
    if th.current().name != "dark":
        hints.colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert th.current().name == "dark"
    assert app.palette().window().color().name() == th.DARK.window
    assert th.DARK.header in desk.findChild(QWidget, "header").styleSheet()
    assert th.DARK.base in door.rule_box.styleSheet()
    hints.setColorScheme(Qt.ColorScheme.Light)
    if th.current().name != "light":
        hints.colorSchemeChanged.emit(Qt.ColorScheme.Light)
    assert th.current().name == "light"
    assert th.LIGHT.header in desk.findChild(QWidget, "header").styleSheet()
    hints.unsetColorScheme()
    # a fixed theme does not follow the system
    th.apply_theme(app, "high-contrast")
    hints.colorSchemeChanged.emit(Qt.ColorScheme.Light)
    assert th.current().name == "high-contrast"


def test_text_size_grows_fonts_tiles_and_not_colours(themed: Any, desk: Any, dashboard: Any) -> None:
    tile = next(iter(dashboard.tiles.values()))
    before = (desk.panel.name.font().pixelSize(), tile.size(), desk.panel.palette().window().color().name())
    th.apply_theme(themed, "light", "x-large")
    assert themed.font().pixelSize() == 23
    assert desk.panel.name.font().pixelSize() > before[0]
    assert tile.width() > before[1].width() and tile.height() > before[1].height()
    assert desk.panel.palette().window().color().name() == before[2]
    assert "font-size: 23px" in desk.key_buttons["F2"].parentWidget().styleSheet()
    th.apply_theme(themed, "light", "normal")
    assert desk.panel.name.font().pixelSize() == before[0] and tile.size() == before[1]


def test_display_dialog_previews_saves_and_cancel_restores(themed: Any, desk_station: Any) -> None:
    from ui.display import DisplayDialog

    th.apply_theme(themed, "light")
    settings = desk_station.settings
    settings["theme"] = "large"  # the older value: light colours, large text
    dialog = DisplayDialog(settings)
    assert dialog.values() == ("light", "large")
    dialog.theme.setCurrentIndex(dialog.theme.findData("high-contrast"))
    assert th.current().key == ("high-contrast", "large")  # previewed at once
    dialog.accept()
    assert (settings["theme"], settings["text_size"]) == ("high-contrast", "large")
    dialog = DisplayDialog(settings)
    dialog.theme.setCurrentIndex(dialog.theme.findData("dark"))
    dialog.text_size.setCurrentIndex(dialog.text_size.findData("normal"))
    assert th.current().key == ("dark", "normal")
    dialog.reject()
    assert th.current().key == ("high-contrast", "large")
    assert (settings["theme"], settings["text_size"]) == ("high-contrast", "large")


def test_switching_every_theme_with_windows_open(themed: Any, desk: Any, door: Any, dashboard: Any,
                                                 qtbot: Any) -> None:
    from devices.events import ScanEvent

    with qtbot.waitSignal(desk.verdict_shown, timeout=5000):
        desk.handle_scan(ScanEvent("keyboard", b"NOSUCH", "NOSUCH", 0.0))
    for name in ("dark", "high-contrast", "light", "system", "large"):
        for size in ("normal", "x-large"):
            t = th.apply_theme(themed, name, size)
            QApplication.processEvents()
            for window in (desk, door, dashboard):
                image = window.grab().toImage()
                assert not image.isNull()
            assert desk.panel.palette().window().color().name() == t.verdict["red"][0]
            assert door.flash.styleSheet().count(t.verdict["idle"][0]) == 1
