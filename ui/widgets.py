"""Shared widgets and helpers: pills, verdict icons, big labels, names as people write them."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QWidget

from ui.theme import LIGHT, contrast_ratio, set_font_px, style
from venue_app.names import display_name

__all__ = [
    "COLORS",
    "BigLabel",
    "KeyButton",
    "Pill",
    "StatusIcon",
    "display_name",
    "full_title",
    "hline",
]

#: verdict colour → (background, foreground, accent); amber text is black for contrast. The theme
#: (ui.theme.apply_theme) updates it in place: read it when painting, not at import.
COLORS: dict[str, tuple[str, str, str]] = dict(LIGHT.verdict)


def full_title(person: dict[str, Any] | None) -> str:
    """Honorific and job title, once each ("H.E. · Mayor")."""
    if not person:
        return ""
    parts = [(person.get("honorific") or "").strip(), (person.get("job_title") or "").strip()]
    if parts[0].casefold() == parts[1].casefold():
        parts = parts[:1]
    return " · ".join(p for p in parts if p)


class Pill(QLabel):
    """A rounded coloured label (status words, categories, device states)."""

    def __init__(self, text: str = "", color: str = "grey", parent: QWidget | None = None, *,
                 bold: bool = True) -> None:
        super().__init__(parent)
        self._bold = bold
        self.set(text, color)

    def set(self, text: str, color: str) -> None:
        background, foreground = (COLORS[color][:2] if color in COLORS else (color, _contrast(color)))
        self.color = color
        self.setText(text)
        weight = 600 if self._bold else 400
        # the pill's words are its accessible name already (QLabel text); its colour is not announced
        self.setStyleSheet(f"QLabel {{ background: {background}; color: {foreground}; border-radius: 11px;"
                           f" padding: 3px 11px; font-weight: {weight}; }}")

    def retheme(self) -> None:
        """Called by ui.theme after a theme change: the verdict colours changed under the same name."""
        self.set(self.text(), self.color)


def _contrast(hex_color: str) -> str:
    """Black or white text, whichever reads better on ``hex_color`` (a category's own colour)."""
    return "#111111" if contrast_ratio("#111111", hex_color) >= contrast_ratio("#ffffff", hex_color) else "#ffffff"


class BigLabel(QLabel):
    """A label with a fixed pixel size and weight, word-wrapped, selectable for copying names."""

    def __init__(self, px: int, weight: QFont.Weight = QFont.Weight.Normal, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        set_font_px(self, px, weight)  # follows the text size setting
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)


_ICON_NAMES = {
    "green": lambda: QCoreApplication.translate("StatusIcon", "tick in a circle"),
    "amber": lambda: QCoreApplication.translate("StatusIcon", "warning triangle"),
    "red": lambda: QCoreApplication.translate("StatusIcon", "stop sign with a cross"),
    "idle": lambda: QCoreApplication.translate("StatusIcon", "scanner"),
    "blue": lambda: QCoreApplication.translate("StatusIcon", "scanner"),
    "grey": lambda: QCoreApplication.translate("StatusIcon", "scanner"),
}


class StatusIcon(QWidget):
    """A drawn icon whose *shape* carries the verdict too: a check in a circle (ok), a triangle with
    an exclamation mark (attention), an octagon with a cross (refused). Colour is never the only
    signal (colour-blind staff, washed-out screens)."""

    def __init__(self, size: int = 120, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = "idle"
        self.fg = QColor("#ffffff")
        self.setFixedSize(QSize(size, size))

    def set(self, kind: str, fg: str) -> None:
        self.kind, self.fg = kind, QColor(fg)
        # the shape in words, for screen readers (the words next to the icon say the rest)
        self.setAccessibleName(_ICON_NAMES.get(kind, _ICON_NAMES["idle"])())
        self.update()

    def paintEvent(self, event: Any) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        s = float(min(self.width(), self.height()))
        m = s * 0.06
        box = QRectF(m, m, s - 2 * m, s - 2 * m)
        pen = QPen(self.fg, s * 0.075, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin)
        p.setPen(pen)
        if self.kind == "green":
            p.drawEllipse(box)
            path = QPainterPath(QPointF(s * 0.28, s * 0.52))
            path.lineTo(QPointF(s * 0.44, s * 0.68))
            path.lineTo(QPointF(s * 0.73, s * 0.35))
            p.drawPath(path)
        elif self.kind == "amber":
            tri = QPolygonF([QPointF(s / 2, m * 1.5), QPointF(s - m, s - m * 1.8), QPointF(m, s - m * 1.8)])
            p.drawPolygon(tri)
            p.drawLine(QPointF(s / 2, s * 0.36), QPointF(s / 2, s * 0.62))
            p.drawPoint(QPointF(s / 2, s * 0.75))
        elif self.kind == "red":
            pts = []
            import math
            for i in range(8):
                a = math.pi / 8 + i * math.pi / 4
                pts.append(QPointF(s / 2 + (s / 2 - m) * math.cos(a), s / 2 + (s / 2 - m) * math.sin(a)))
            p.drawPolygon(QPolygonF(pts))
            p.drawLine(QPointF(s * 0.35, s * 0.35), QPointF(s * 0.65, s * 0.65))
            p.drawLine(QPointF(s * 0.65, s * 0.35), QPointF(s * 0.35, s * 0.65))
        else:  # idle: a stylised scanner beam
            p.drawRoundedRect(box, s * 0.12, s * 0.12)
            for i, frac in enumerate((0.3, 0.4, 0.5, 0.6, 0.7)):
                width = s * (0.035 if i % 2 else 0.06)
                p.setPen(QPen(self.fg, width))
                p.drawLine(QPointF(s * frac, s * 0.3), QPointF(s * frac, s * 0.7))
        p.end()


class KeyButton(QPushButton):
    """A button that shows its keyboard shortcut ("F3  Walk-in") — staff learn the keys by seeing them.

    A button with a key stays out of the Tab chain (focus stays where scans and typing expect it;
    the key reaches it); a button without one takes Tab focus, so it is reachable by keyboard too."""

    def __init__(self, key: str, text: str, parent: QWidget | None = None) -> None:
        super().__init__(f"{key}   {text}" if key else text, parent)
        self.key_text = key
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus if key else Qt.FocusPolicy.TabFocus)
        self.setToolTip(f"{text} ({key})" if key else text)
        self.setAccessibleName(text)
        if key:
            self.setAccessibleDescription(QCoreApplication.translate("KeyButton", "Shortcut: {key}").format(key=key))


def hline(parent: QWidget | None = None) -> QWidget:
    line = QWidget(parent)
    line.setFixedHeight(1)
    style(line, lambda t: f"background: {t.soft_border};")
    return line


def row(*widgets: QWidget, spacing: int = 8, stretch_last: bool = False) -> QHBoxLayout:
    layout = QHBoxLayout()
    layout.setSpacing(spacing)
    for w in widgets:
        layout.addWidget(w)
    if not stretch_last:
        layout.addStretch(1)
    return layout
