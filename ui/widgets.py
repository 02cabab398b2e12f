"""Shared widgets and helpers: pills, verdict icons, big labels, names as people write them."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QWidget

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

#: verdict colour → (background, foreground, accent); amber text is black for contrast
COLORS: dict[str, tuple[str, str, str]] = {
    "green": ("#1b7f3b", "#ffffff", "#0f5a28"),
    "amber": ("#f2a900", "#111111", "#b87f00"),
    "red": ("#c62828", "#ffffff", "#8e1b1b"),
    "idle": ("#eceff1", "#263238", "#90a4ae"),
    "blue": ("#1565c0", "#ffffff", "#0d47a1"),
    "grey": ("#607d8b", "#ffffff", "#455a64"),
}


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
        self.setStyleSheet(f"QLabel {{ background: {background}; color: {foreground}; border-radius: 11px;"
                           f" padding: 3px 11px; font-weight: {weight}; }}")


def _contrast(hex_color: str) -> str:
    c = QColor(hex_color)
    luminance = 0.2126 * c.redF() + 0.7152 * c.greenF() + 0.0722 * c.blueF()
    return "#111111" if luminance > 0.55 else "#ffffff"


class BigLabel(QLabel):
    """A label with a fixed pixel size and weight, word-wrapped, selectable for copying names."""

    def __init__(self, px: int, weight: QFont.Weight = QFont.Weight.Normal, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        font = self.font()
        font.setPixelSize(px)
        font.setWeight(weight)
        self.setFont(font)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)


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
    """A button that shows its keyboard shortcut ("F3  Walk-in") — staff learn the keys by seeing them."""

    def __init__(self, key: str, text: str, parent: QWidget | None = None) -> None:
        super().__init__(f"{key}   {text}", parent)
        self.key_text = key
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # focus stays where scans and typing expect it
        self.setToolTip(f"{text} ({key})")


def hline(parent: QWidget | None = None) -> QWidget:
    line = QWidget(parent)
    line.setFixedHeight(1)
    line.setStyleSheet("background: #cfd6dd;")
    return line


def row(*widgets: QWidget, spacing: int = 8, stretch_last: bool = False) -> QHBoxLayout:
    layout = QHBoxLayout()
    layout.setSpacing(spacing)
    for w in widgets:
        layout.addWidget(w)
    if not stretch_last:
        layout.addStretch(1)
    return layout
